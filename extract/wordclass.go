package extract

import "strings"

// wclass is a set of the word lists a word is in, looked up once per token: the phrase
// readers test bits instead of looking words up in a dozen maps.
type wclass uint32

const (
	cEvent      wclass = 1 << iota // eventWords
	cKind                          // kindWords
	cOutcome                       // outcomeWords
	cRel                           // relWords
	cNumber                        // a number word, or one before a hyphen ("two-year")
	cCharge                        // chargeCues
	cArticle                       // articleWords
	cSentencing                    // sentencingCues
	cDemand                        // demandCues
	cStrong                        // strongCues
	cProspect                      // prospects
	cProsecutor                    // prosecutorCues
	cGroupStart                    // a word that may open a group phrase: "all", "both", "всех", "пятерых"
	cPersonRef                     // a pronoun, "woman", or a role noun: may stand for a person named before
	cMonth                         // a month's name
)

// classes maps a lower-case word to its classes. It is built after the word lists, which
// the init functions of the files before this one fill.
var classes = map[string]wclass{}

func init() {
	for _, x := range []struct {
		set map[string]bool
		c   wclass
	}{
		{eventWords, cEvent}, {kindWords, cKind}, {outcomeWords, cOutcome}, {relWords, cRel},
		{chargeCues, cCharge}, {articleWords, cArticle}, {sentencingCues, cSentencing},
		{demandCues, cDemand}, {strongCues, cStrong}, {prospects, cProspect},
		{prosecutorCues, cProsecutor}, {firstPersonPronouns, cPersonRef},
	} {
		markWords(x.set, x.c)
	}
	markWords(enNumbers, cNumber|cGroupStart) // "Eight were detained", "four colleagues"
	markWords(ruNumbers, cNumber|cGroupStart)
	markWords(collectives, cGroupStart)
	markWords(pluralSubjects, cGroupStart)
	markWords(objectRoles, cGroupStart)
	for _, w := range []string{"both", "all", "each", "the", "them", "they", "their", "всех", "всем", "все", "всеми", "их", "им", "они", "остальные", "остальных", "остальным", "олар", "оларды", "олардың", "оларға"} {
		classes[w] |= cGroupStart
	}
	markWords(pronounGender, cPersonRef)
	markWords(womanWords, cPersonRef)
	markWords(roleWords, cPersonRef)
	markWords(cyrMonths, cMonth)
	markWords(enMonths, cMonth)
	classes["полтора"] |= cNumber
	classes["полутора"] |= cNumber
}

// markWords adds class c to the words of a word list.
func markWords[V any](set map[string]V, c wclass) {
	for w := range set {
		classes[w] |= c
	}
}

// classOf returns the classes of a lower-case word.
func classOf(low string) wclass {
	c := classes[low]
	if i := strings.IndexByte(low, '-'); i > 0 {
		if _, ok := enNumbers[low[:i]]; ok {
			c |= cNumber // "two-year", "five-year"
		}
	}
	return c
}

// is reports whether token i is a word of one of the classes.
func (d *doc) is(i int, c wclass) bool {
	return i >= 0 && i < len(d.toks) && d.toks[i].k == tWord && d.toks[i].cls&c != 0
}
