package extract

// Dates told relative to an event: "three weeks after the acquittal", "two days after his
// detention", "on the day of his arrest", "on his first night in custody", "через пять
// недель после оглашения приговора", "в первую же ночь". They are resolved from the date of
// the event the text told before, not from the date last written.

// eventFamily is a noun that names an event told before: the event types that tell it, or
// the words of the outcome that does.
type eventFamily struct {
	types []string
	words map[string]bool
	wider *eventFamily // where none of the family was told: "his arrest" after a detention
}

var (
	custodyFamily   = &eventFamily{types: []string{"arrest", "detention"}}
	transferFamily  = &eventFamily{types: []string{"transfer"}}
	arrestFamily    = &eventFamily{types: []string{"arrest"}, wider: custodyFamily}
	detentionFamily = &eventFamily{types: []string{"detention"}, wider: custodyFamily}
	verdictWords    = wordSet(`sentenced convicted verdict guilty sentencing приговорил приговорила приговор приговором приговоре осуждён осужден осуждена осуждены осудил осудила осудили виновным виновными виновной
		үкім үкімі үкімін кінәлі`)
	acquitWords = wordSet(`acquitted acquittal acquit оправдал оправдала оправдали оправдательный оправдательного оправдан оправдана оправданы
		ақтады ақталды ақтау ақтаған`)
)

var verdictOrAcquittal = func() map[string]bool {
	m := map[string]bool{}
	for w := range verdictWords {
		m[w] = true
	}
	for w := range acquitWords {
		m[w] = true
	}
	return m
}()

// eventNouns maps the nouns that name an event to its family.
var eventNouns = map[string]*eventFamily{
	"arrest": arrestFamily, "detention": detentionFamily, "custody": custodyFamily, "remand": arrestFamily,
	"ареста": arrestFamily, "задержания": detentionFamily, "задержание": detentionFamily, "арест": arrestFamily,
	"release": {types: []string{"release"}}, "освобождения": {types: []string{"release"}},
	"search": {types: []string{"search"}}, "searches": {types: []string{"search"}}, "обыска": {types: []string{"search"}}, "обысков": {types: []string{"search"}},
	"death": {types: []string{"death"}}, "смерти": {types: []string{"death"}}, "гибели": {types: []string{"death"}},
	"expulsion": {types: []string{"disciplinary action"}}, "disbarment": {types: []string{"disciplinary action"}}, "исключения": {types: []string{"disciplinary action"}},
	"dispersal": {types: []string{"disruption"}}, "разгона": {types: []string{"disruption"}},
	"dismissal": {types: []string{"dismissal"}}, "увольнения": {types: []string{"dismissal"}},
	// "the day after his transfer there": the transfer told before, to a colony or a prison.
	"transfer": transferFamily,
	// A verdict may be an acquittal: "a month after the verdict" that acquitted.
	"verdict": {words: verdictOrAcquittal}, "conviction": {words: verdictWords}, "sentencing": {words: verdictWords}, "приговора": {words: verdictOrAcquittal},
	"acquittal": {words: acquitWords}, "оправдания": {words: acquitWords},
	// "two days after the ruling": a higher court's decision told before.
	"ruling": {words: rulingWords}, "решения": {words: rulingWords},
}

// rulingWords tell a court's decision: a verdict, an acquittal, or a higher court's ruling.
var rulingWords = func() map[string]bool {
	m := wordSet(`quashed overturned upheld annulled ruled отменил отменила отменили оставил оставила оставили`)
	for w := range verdictOrAcquittal {
		m[w] = true
	}
	return m
}()

// gatheringFamily is a protest, a rally, a strike: no event of the vocabulary, but a day the
// text dates ("the 29 April protest", "акции 18 сентября 2022 года") that others are told
// from ("the morning after the protest", "в день акции").
var gatheringFamily = &eventFamily{words: wordSet(`protest protests rally rallies demonstration demonstrations strike
	march picket gathering vigil акция акции акцию митинг митинга митингов протест протеста протестов пикет пикета
	забастовка забастовки шествие шествия собрание собрания gathered собрались`)}

// typeFamilies are the families of the event types, for the nouns of the vocabulary that
// eventNouns does not list ("two days after the raid", "после избиения"). Made once: Extract
// may run in several goroutines.
var typeFamilies = func() map[string]*eventFamily {
	m := map[string]*eventFamily{}
	for _, t := range []string{"arrest", "detention", "house arrest", "search", "dismissal", "disciplinary action",
		"disruption", "torture allegation", "release", "travel ban", "death", "transfer"} {
		m[t] = &eventFamily{types: []string{t}}
	}
	return m
}()

// familyOf returns the family of the event noun at token k: listed, a gathering, or any word
// of the event vocabulary.
func (d *doc) familyOf(k int) *eventFamily {
	if f := eventNouns[d.toks[k].low]; f != nil {
		return f
	}
	if gatheringFamily.words[d.toks[k].low] {
		return gatheringFamily
	}
	typ, _ := d.eventAt(k)
	if typ == "" {
		return nil
	}
	return typeFamilies[typ]
}

// eventRelative reads a date told relative to an event at token i: the mention, resolved,
// and its length; nil when there is none or the event has no date.
func (d *doc) eventRelative(i int) (*dateMention, int) {
	if !d.mayCount(i) {
		switch d.toks[i].low {
		case "через", "спустя", "the", "на", "в", "во", "first", "после", "after", "upon", "a", "an":
		default:
			return nil, 0 // most words: no lookups
		}
	}
	w := func(k int, ws ...string) bool { return d.word(i+k, ws...) }
	n, u, j := 0, byte('d'), -1 // the offset, its unit, and the token of "after", "после" or "of"
	switch {
	case w(0, "через", "спустя"):
		if c, l := d.count(i + 1); c > 0 && d.unit(i+1+l) != 0 {
			n, u, j = c, d.unit(i+1+l), i+2+l
		} else if x := d.unit(i + 1); x != 0 {
			n, u, j = 1, x, i+2 // "через неделю после приговора"
		}
	case w(0, "the") && w(1, "day", "night", "morning") && w(2, "after"):
		n, j = 1, i+2 // "the morning after the protest": the next day
	case w(0, "a", "an") && d.unit(i+1) != 0 && d.unit(i+1) != 'h' && w(2, "after", "before"):
		n, u, j = 1, d.unit(i+1), i+2 // "a month after the verdict"
	case w(0, "the") && w(1, "week") && w(2, "after"):
		n, u, j = 1, 'w', i+2
	case w(0, "the") && w(1, "day") && w(2, "before"):
		n, j = 1, i+2
	case w(0, "the") && w(1, "same") && w(2, "day", "night", "evening", "morning", "afternoon") && w(3, "as"):
		j = i + 3 // "the same day as the raid": the day of the event told before
	case w(0, "the") && w(1, "day", "night") && w(2, "of"):
		j = i + 2 // "on the day of his arrest"
	case w(0, "на") && w(1, "следующий") && w(2, "день") && w(3, "после"):
		n, j = 1, i+3
	case w(0, "в", "во") && w(1, "день", "ночь") && !w(2, "после"):
		j = i + 1 // "в день задержания": the noun follows the day
	case w(0, "в") && w(1, "ночь") && w(2, "после"):
		j = i + 2
	// "после оглашения приговора", "after the verdict": the day of the verdict.
	case w(0, "после", "after", "upon") && d.verdictAfter(i+1):
		j = i // "released from house arrest upon the verdict"
	case w(0, "first") && w(1, "night", "day", "nights") && w(2, "in") && w(3, "custody", "detention"):
		if e := d.familyDate(custodyFamily, i, true); e != nil {
			return d.shifted(e, i, i+4, 0, 'd'), 4
		}
		return nil, 0
	case w(0, "в") && w(1, "первую") && (w(2, "ночь") || w(2, "же") && w(3, "ночь")):
		l := 3
		if w(2, "же") {
			l = 4
		}
		if e := d.familyDate(custodyFamily, i, true); e != nil {
			return d.shifted(e, i, i+l, 0, 'd'), l
		}
		return nil, 0
	default:
		if c, l := d.count(i); c > 0 && d.unit(i+l) != 0 && d.unit(i+l) != 'h' {
			n, u, j = c, d.unit(i+l), i+l+1
		}
	}
	if j < 0 {
		return nil, 0
	}
	dir := 1
	if j == i && d.word(i, "после", "after", "upon") {
		n = 0 // the day of the verdict itself
	}
	switch {
	case d.word(j, "after", "после") || d.word(j, "upon") && n == 0:
	case d.word(j, "before", "до"):
		dir = -1
	case d.word(j, "of", "as") || d.word(j, "день", "ночь") && n == 0:
		n = 0
	default:
		return nil, 0
	}
	k := j + 1
	first := false // "after the first verdict": the first of them, not the last
	// "on the day of Orlov's arrest": a possessive name stands where "his" would.
	// "three days after his colleague's detention", "a week after her brother's arrest": a
	// role or kin noun in the possessive too.
	for d.word(k, "the", "his", "her", "their", "its", "first", "initial", "оглашения", "вынесения", "первого", "первой", "его", "её", "ее", "их") ||
		k < len(d.toks) && d.toks[k].poss && !d.toks[k].cyr && (d.toks[k].cap || roleWords[d.toks[k].low] != "" || kinWords[d.toks[k].low] || peerWords[d.toks[k].low]) {
		first = first || d.word(k, "first", "initial", "первого", "первой")
		k++
	}
	if k >= len(d.toks) || d.toks[k].sent != d.toks[i].sent {
		return nil, 0
	}
	if d.toks[k].k != tWord {
		return nil, 0
	}
	fam := d.familyOf(k)
	if fam == nil {
		return nil, 0
	}
	e := d.familyDate(fam, i, first)
	if e == nil && fam.wider != nil {
		e = d.familyDate(fam.wider, i, first)
	}
	if e == nil {
		return nil, 0
	}
	return d.shifted(e, i, k+1, dir*n, u), k + 1 - i
}

// peerWords name someone by their tie to another: "after his colleague's detention".
var peerWords = wordSet(`colleague colleagues co-defendant co-defendants friend friends comrade fellow`)

// shifted returns a mention at tokens [a, b) of the date n units from e.
func (d *doc) shifted(e *dateMention, a, b, n int, u byte) *dateMention {
	t := addUnits(e.time(), n, u)
	y := t.Year()
	if e.y == 0 {
		y = 0 // a day without a year shifted is still without one, not a day of year 1
	}
	return &dateMention{a: a, b: b, y: y, m: int(t.Month()), d: t.Day(), prec: e.prec, rel: true}
}

// familyReach is how many tokens before a relative date its event is looked for.
const familyReach = 3000

// familyDate returns the date of the last event of a family told before token i (the
// earliest, when first is set): the date to the day of the sentence that tells it, the one it is
// "dated" ("приговор ... от 14 января") or else the nearest to the words that tell it.
func (d *doc) familyDate(f *eventFamily, i int, first bool) *dateMention {
	var earliest *dateMention
	// The story a relative date belongs to is told within a few pages before it.
	for k := i - 1; k >= max(0, i-familyReach); k-- {
		if d.toks[k].k != tWord || d.toks[k].skip {
			continue
		}
		if !f.words[d.toks[k].low] && !d.ofTypes(k, f.types) {
			continue
		}
		// "back in March": the month, not a march.
		if f == gatheringFamily && d.toks[k].used {
			continue
		}
		// "через два дня после акции", "the day after the protest": a reference to the
		// gathering told before, dated by its own relative words, not the telling of it.
		if f == gatheringFamily && (d.word(k-1, "после", "до", "after", "before", "день", "day") || d.word(k-2, "после", "after", "before") && d.word(k-1, "the", "этой", "той")) {
			continue
		}
		// "remained under house arrest until the verdict was read out": a reference to the
		// verdict, dated where it is told, not by the clause it bounds.
		if x := k - 1; d.word(x, "until", "till", "pending") || d.word(x, "the") && d.word(x-1, "until", "till", "pending") {
			continue
		}
		// "The district court had sentenced them on 14 August": a verdict told as background
		// to the ruling the story is about, not the one a courtroom release follows.
		if f.words[d.toks[k].low] && d.word(k-1, "had") && f.words["verdict"] {
			continue
		}
		var best *dateMention
		bestDist := 1 << 30
		for _, m := range d.sentDates[d.toks[k].sent] {
			// A day without a year ("on July 1" in a text that gives none) is a day too.
			if m.prec != precDay && m.prec != precNoYear || m.a >= i || m.until {
				continue
			}
			dist := k - m.b
			if m.a > k {
				dist = m.a - k
				if d.word(m.a-1, "от", "dated") && dist <= 8 {
					dist = 0
				}
			}
			if dist < bestDist {
				best, bestDist = m, dist
			}
		}
		// "released on the day the verdict was announced": a reference in the sentence of the
		// relative date itself, not a telling dated by the sentence before.
		if best == nil && d.toks[k].sent != d.toks[i].sent {
			best = d.storyDay(d.toks[k].sent, i)
		}
		if best != nil && !first {
			return best
		}
		if best != nil && (earliest == nil || best.time().Before(earliest.time())) {
			earliest = best
		}
	}
	return earliest
}

// ofTypes reports an event word at token k of one of the types, not itself a reference to
// an event told before ("after his arrest").
func (d *doc) ofTypes(k int, types []string) bool {
	if len(types) == 0 || !d.is(k, cEvent) {
		return false
	}
	typ, _ := d.eventAt(k)
	for _, t := range types {
		if typ == t {
			// "после задержания", "в день ареста": Russian needs no possessive.
			if d.toks[k].cyr && (d.word(k-1, "после", "до") || d.word(k-1, "день", "ночь") && d.word(k-2, "в", "во")) {
				return false
			}
			// "after his colleague's detention", "after Orlov's arrest": a possessive noun too.
			x := k - 1
			if x > 0 && d.toks[x].poss && !d.toks[x].cyr {
				x--
			}
			if d.word(x, "his", "her", "their", "the", "его", "её", "их") {
				x--
			}
			return !(x < k-1 && d.word(x, "after", "before", "of", "после", "до"))
		}
	}
	return false
}

// storyDay returns the day a sentence without a date of its own tells of: the last day the
// sentence before it in its paragraph gives ("On 16 January officers raided the office.
// Eleven people were detained."), or nil. Only days before token i count.
func (d *doc) storyDay(si, i int) *dateMention {
	if si == 0 || d.sents[si-1].para != d.sents[si].para {
		return nil
	}
	for _, m := range d.sentDates[si] {
		if !m.until {
			return nil // a date of another precision: not the day before's
		}
	}
	ms := d.sentDates[si-1]
	for x := len(ms) - 1; x >= 0; x-- {
		m := ms[x]
		if m.prec == precDay && m.a < i && !m.until && !m.since && !m.dateline && !d.future(m.a) && d.adverbial(m) {
			return m
		}
	}
	return nil
}

// verdictAfter reports the noun of a verdict at token k, after "the", "его", "оглашения" and
// the like: "after the verdict", "после оглашения приговора".
func (d *doc) verdictAfter(k int) bool {
	for d.word(k, "the", "his", "her", "their", "its", "оглашения", "вынесения", "его", "её", "ее", "их") {
		k++
	}
	f := eventNouns[d.word2(k)]
	return f != nil && f.words != nil && f.words["приговор"] && f.words["verdict"]
}

// word2 returns the lower-case word at token k, or "".
func (d *doc) word2(k int) string {
	if k < 0 || k >= len(d.toks) || d.toks[k].k != tWord {
		return ""
	}
	return d.toks[k].low
}
