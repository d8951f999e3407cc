// Package extract turns documents (press releases, news items, court papers) into text and
// proposes the facts a researcher would record from them, each with the exact words it rests
// on: persons with their roles, organisations, dates, charges, prosecutors' demands,
// sentences, outcomes, events, footnoted sources and statistics. It reads English and
// Russian. It does no I/O beyond running pdftotext for PDF, and knows nothing of storage.
//
// # Offsets
//
// Every proposal carries [Span]s: character offsets [Start, End) into the text that [Text]
// returned (and [Extract] was given), counted in Unicode code points, not bytes, with the
// quoted words. A locator "chars 120-146" therefore points at the same words whatever the
// encoding of the original file.
//
// # Rules
//
// Extraction is by rules over tokens, not by lists of the cases it was tried on: the shapes
// of dates in English and Russian and their resolution against the dateline and the dates
// before them; capitalised runs of words with the morphology of surnames of the region, a
// table of common first names, and role words around them; heads of organisation names
// (court, prosecutor's office, committee, суд, прокуратура, комитет...) with the words that
// qualify them; article numbers and the quoted or cue-led wording of charges, matched to the
// criminal-code vocabulary by word similarity; verbs and nouns of sentencing, demanding,
// acquitting, detaining and the like, with the persons and dates of their sentence. Russian
// inflected forms of names and organisations are brought to the nominative, choosing among
// the readings a form allows by the other forms in the same document.
package extract

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Extract proposes the facts of a document's text. It never fails: text without facts gives
// an empty result.
func Extract(text string) *Result {
	d := newDoc(text)
	d.findDates()
	d.findOrgs()
	d.findPersons()
	d.findGroups()
	d.findCharges()
	d.findClaims()
	d.findStatistics()
	d.buildCase()
	d.finish()
	return d.res
}

// doc is one document under extraction.
type doc struct {
	text  string
	toks  []tok
	sents []sentence
	res   *Result
	// outcomesOf holds the outcomes in res by person, in the order of res.
	outcomesOf map[string][]*Outcome
	keys       map[string]string // d.key's memo
	ru         bool              // mostly Cyrillic
	kk         bool              // holds letters of Kazakh's alphabet that Russian's has not

	fnNums   map[int]*Footnote
	dates    []*dateMention
	dateline *dateMention
	docDate  *dateMention // the dateline, or the end of a period the text covers
	orgs     []*orgMention
	persons  []*personMention
	country  string
	cps      []int // rune counts at every 256th byte, for offsets

	acronymOf map[string]*Org // "FSB" for the Federal Security Service named before it
	markerNum map[int]int     // footnote markers by token
	pending   []*orgMention   // names found with another ("outlets A and B")

	sentDates    [][]*dateMention    // date mentions by sentence
	sentPersons  [][]*personMention  // person mentions by sentence, after findPersons
	orgEnd       map[int]*orgMention // organisation mentions by the token after them
	orgStart     map[int]*orgMention // and by their first token
	sentEvent    []string            // the date of the last dated event of a sentence
	names        nameCache
	fullSurnames map[string]bool   // keys of the surnames of persons named in full so far
	fullFirsts   map[string]string // the surname of the one person named in full so far with a first name (nominative), "" for several
	triggers     []int             // the event words of the sentence under way

	sentGroups [][]*groupMention // group phrases by sentence
	cast       []*Person         // the defendants, once known
	castReady  bool              // the claims that name people are all read: groups may use the defendants
	lastGroup  []*Person         // the persons the last resolved group stood for
	needCast   bool              // a group asked for the defendants before they were known
	orphans    []func(*Person)   // terms told of no one, for the person the text is about
	later      []func()          // claims whose group waits for the defendants
	firstForms map[string]bool   // the first names as the document writes them, lower-cased
	fixedFirst map[string]bool   // first names the document writes alike in two cases: they do not decline
	firstOf    map[string]string // an ambiguous first-name form beside a surname ("валентину|Гречко"): the name its other forms settle
	lowerWords map[string]bool   // Cyrillic words the document writes in lower case, once asked for
	fromGroup  bool              // the persons of the claim under way came from a group phrase
	fromDash   bool              // they are a counted group's people named between dashes
	lastOf     *Person           // the person of the event told last with one, and its sentence
	lastOfSent int
	held       []*Person // the persons of the custody told last of two or more, and its sentence
	heldSent   int
	// countDet is the date of a detention of a count of people ("Eleven people were
	// detained"), and countDetSent its sentence: those named right after it as released or
	// still held were among them.
	countDet     string
	countDetSent int
	// tortureInCustody are the persons of ill-treatment told in a custody's first hours
	// ("beaten at the police station") before any detention of theirs was told.
	tortureInCustody map[string]bool
	postDay          *dateMention // the stamp of the feed's post being read, once one is found
	postStamps       []int        // where the feed's posts begin: the tokens of their stamps
	// heldForQuestioning are the detentions that releases after questioning imply, for those
	// whose custody the text does not tell otherwise.
	heldForQuestioning []*Event
	lastPen            *Penalty // the last demand or sentence with a term, for "the same term"

	firstMention map[*Person]int // the token of each person's first mention, once asked for
	colHeads     map[int][2]int  // a table cell's first token: the head cell of its column
	cellGoesOn   map[int]int     // a table cell's last token: the first of its continuation on the next line
}

func newDoc(text string) *doc {
	d := &doc{text: text, res: &Result{}, outcomesOf: map[string][]*Outcome{}, keys: map[string]string{}, fnNums: map[int]*Footnote{}, acronymOf: map[string]*Org{}, markerNum: map[int]int{},
		orgEnd: map[int]*orgMention{}, orgStart: map[int]*orgMention{}, fullSurnames: map[string]bool{}, fullFirsts: map[string]string{}}
	d.toks = tokenize(text)
	d.footnotes()
	d.markers()
	d.findTables()
	d.sents = sentences(d.toks)
	d.transcriptLeads()
	d.assignMarkers()
	d.sentDates = make([][]*dateMention, len(d.sents))
	d.sentPersons = make([][]*personMention, len(d.sents))
	d.sentEvent = make([]string, len(d.sents))
	var cyr, lat int
	for i := range d.toks {
		if d.toks[i].k == tWord {
			if d.toks[i].cyr {
				cyr++
			} else {
				lat++
			}
		}
	}
	d.ru = cyr > lat
	d.kk = strings.ContainsAny(text, "әғқңөұүһіӘҒҚҢӨҰҮҺІ")
	d.markHeadlines()
	d.markQuoted()
	d.res.Lang = "en"
	if d.ru {
		d.res.Lang = "ru"
	}
	return d
}

// markHeadlines marks the words of lines written in capitals ("PRESS RELEASE", a headline):
// no organisation or person is read from them.
func (d *doc) markHeadlines() {
	start := 0
	for i := 0; i <= len(d.toks); i++ {
		if i < len(d.toks) && (i == start || d.toks[i].nl == 0) {
			continue
		}
		words, caps := 0, 0
		for k := start; k < i; k++ {
			if d.toks[k].k == tWord && utf8.RuneCountInString(d.toks[k].t) > 1 {
				words++
				if d.toks[k].caps {
					caps++
				}
			}
		}
		if words >= 2 && caps == words {
			for k := start; k < i; k++ {
				if d.toks[k].k == tWord {
					d.toks[k].head = true
				}
			}
		}
		start = i
	}
}

// markQuoted marks words inside short quotations: «Темир Медиа», "Viasna", ‘calling for the
// seizure of power’ are names of things or words of charges, not persons.
func (d *doc) markQuoted() {
	for i := 0; i < len(d.toks); i++ {
		if d.toks[i].k != tPunct || !isOpeningQuote(d.toks[i].t) {
			continue
		}
		j := i + 1
		for j < len(d.toks) && j-i <= 8 && !(d.toks[j].k == tPunct && isQuote(d.toks[j].t)) && d.toks[j].nl == 0 {
			j++
		}
		if j < len(d.toks) && j-i <= 8 && d.toks[j].k == tPunct && isQuote(d.toks[j].t) {
			for k := i + 1; k < j; k++ {
				d.toks[k].quoted = true
			}
			i = j
		}
	}
}

// runeOffset converts a byte offset to a character offset: the number of bytes before b
// that start a rune, counted from a checkpoint every 64 bytes.
func (d *doc) runeOffset(b int) int {
	const step = 64
	if d.cps == nil {
		d.cps = make([]int, 0, len(d.text)/step+2)
		n := 0
		for i := 0; i < len(d.text); i++ {
			if i%step == 0 {
				d.cps = append(d.cps, n)
			}
			if d.text[i]&0xC0 != 0x80 {
				n++
			}
		}
		d.cps = append(d.cps, n)
	}
	k := b / step
	n := d.cps[k]
	for i := k * step; i < b; i++ {
		if d.text[i]&0xC0 != 0x80 {
			n++
		}
	}
	return n
}

// span returns the span of tokens [a, b).
func (d *doc) span(a, b int) Span {
	if b <= a {
		b = a + 1
	}
	s, e := d.toks[a].s, d.toks[b-1].e
	sp := Span{Start: d.runeOffset(s), End: d.runeOffset(e), Quote: d.text[s:e]}
	sp.Footnote = d.sents[d.toks[a].sent].fn
	return sp
}

// quote returns the text of tokens [a, b) with white space collapsed.
func (d *doc) quote(a, b int) string {
	if b <= a {
		return ""
	}
	return strings.Join(strings.Fields(d.text[d.toks[a].s:d.toks[b-1].e]), " ")
}

// sentenceOf returns the bounds of the sentence of token i.
func (d *doc) sentenceOf(i int) (int, int) {
	s := d.sents[d.toks[i].sent]
	return s.a, s.b
}

// word reports whether token i is a word with the lower-case form w.
func (d *doc) word(i int, ws ...string) bool {
	if i < 0 || i >= len(d.toks) || d.toks[i].k != tWord {
		return false
	}
	// Most candidates differ in length or in their first byte: tested before the bytes.
	low := d.toks[i].low
	for _, w := range ws {
		if len(w) == len(low) && w[0] == low[0] && w == low {
			return true
		}
	}
	return false
}

func (d *doc) punct(i int, ps ...string) bool {
	if i < 0 || i >= len(d.toks) || d.toks[i].k != tPunct {
		return false
	}
	for _, p := range ps {
		if d.toks[i].t == p {
			return true
		}
	}
	return false
}

// finish orders the result and fills the dateline and country.
func (d *doc) finish() {
	r := d.res
	if d.dateline != nil {
		r.Dateline = d.dateline.iso
	}
	r.Country = d.country
	for _, o := range r.Orgs {
		if o.Country == "" && d.country != "" {
			o.Country = d.country
		}
	}
	sort.SliceStable(r.Dates, func(i, j int) bool { return r.Dates[i].Mentions[0].Start < r.Dates[j].Mentions[0].Start })
	if r.Persons == nil {
		r.Persons = []*Person{}
	}
}
