package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// orgMention is an organisation named at tokens [a, b).
type orgMention struct {
	a, b int
	org  *Org
}

// enHeads are the words that end (or open) English names of organisations, with the kind of
// organisation they make.
var enHeads = map[string]string{
	"court": "court", "tribunal": "court", "procuracy": "prosecutor",
	"committee": "ngo", "service": "government", "ministry": "government", "department": "government",
	"directorate": "government", "division": "government", "agency": "government", "bureau": "ngo", "commission": "disciplinary body",
	"council": "government", "chamber": "disciplinary body", "collegium": "disciplinary body", "board": "government",
	"jury": "disciplinary body", "foundation": "ngo", "federation": "ngo", "fund": "ngo", "centre": "ngo",
	"center": "ngo", "institute": "ngo", "association": "ngo", "union": "ngo", "network": "ngo",
	"coalition": "ngo", "initiative": "ngo", "watch": "ngo", "society": "ngo", "league": "ngo",
	"monitor": "ngo", "project": "ngo", "international": "ngo", "police": "police", "militia": "police",
	"radio": "media", "tv": "media", "television": "media", "media": "media", "press": "media", "news": "media",
	"newspaper": "media", "gazette": "media", "gazeta": "media", "times": "media", "post": "media",
	"journal": "media", "channel": "media", "party": "party", "movement": "party", "front": "party",
	"bloc": "party", "alliance": "party", "colony": "prison", "prison": "prison", "jail": "prison",
	"administration": "government", "akimat": "government", "parliament": "government", "government": "government",
	"assembly": "government", "mission": "ngo", "organisation": "ngo", "organization": "ngo", "office": "government",
	"guard": "government", "inspectorate": "government", "ombudsman": "government", "group": "ngo",
	"observatory": "ngo", "forum": "ngo", "clinic": "ngo", "desk": "ngo", "digest": "media", "chronicle": "media", "bulletin": "media", "herald": "media",
	"hospital": "other", "university": "other", "school": "other", "kindergarten": "other", "embassy": "government",
	"bundestag": "government", "defender": "government", "establishment": "prison",
	"institution": "prison", "penitentiary": "prison", "delegation": "government",
}

// enConnectors join the words of an organisation's name.
var enConnectors = map[string]bool{"of": true, "for": true, "on": true, "and": true, "the": true, "to": true, "de": true, "against": true}

// enLeading are capitalised words that open a sentence or a title, not a name.
var enLeading = map[string]bool{
	"the": true, "a": true, "an": true, "on": true, "in": true, "at": true, "after": true, "before": true, "following": true,
	"according": true, "when": true, "while": true, "however": true, "but": true, "and": true, "as": true, "by": true,
	"since": true, "until": true, "during": true, "this": true, "that": true, "these": true, "those": true, "his": true,
	"her": true, "their": true, "its": true, "our": true, "we": true, "they": true, "he": true, "she": true, "it": true,
	"from": true,
	"to":   true, "for": true, "with": true, "under": true, "if": true, "also": true, "then": true, "meanwhile": true,
	"yesterday": true, "today": true, "said": true, "says": true, "both": true, "all": true, "members": true, "member": true,
	"head": true, "deputy": true, "former": true, "acting": true, "presiding": true, "officers": true, "of": true,
}

// descriptors are lower-case nouns that introduce a name: "the online outlet Vlast.kz", "the
// human rights project OVD-Info", "the movement 'Oyan, Qazaqstan'".
var descriptors = map[string]string{
	"outlet": "media", "newspaper": "media", "website": "media", "portal": "media", "channel": "media",
	"magazine": "media", "broadcaster": "media", "publication": "media", "agency": "media", "weekly": "media",
	"daily": "media", "project": "ngo", "organisation": "ngo", "organization": "ngo", "group": "ngo",
	"ngo": "ngo", "foundation": "ngo", "initiative": "ngo", "association": "ngo", "centre": "ngo", "center": "ngo",
	"movement": "party", "party": "party", "bloc": "party", "union": "ngo", "network": "ngo",
	"station": "media", "site": "media", "platform": "media", "blog": "media", "paper": "media", "tv": "media",
	"outlets": "media", "newspapers": "media", "websites": "media", "channels": "media", "groups": "ngo",
	"organisations": "ngo", "organizations": "ngo", "movements": "party", "parties": "party",
}

// acronyms of security services, police and international bodies that name themselves.
var acronyms = map[string]string{
	"SIZO": "prison", "СИЗО": "prison", "ИК": "prison", "ILO": "ngo", "МОТ": "ngo",
	"KNB": "security service", "FSB": "security service", "KGB": "security service", "SBU": "security service",
	"GKNB": "security service", "DTX": "security service", "GKNB KR": "security service", "NSC": "security service",
	"GUBOPiK": "police", "OMON": "police", "MVD": "police", "GUVD": "police", "OSCE": "ngo", "ODIHR": "ngo",
	"КНБ": "security service", "ҰҚК": "security service", "ФСБ": "security service", "КГБ": "security service", "СБУ": "security service",
	"ГКНБ": "security service", "ДКНБ": "security service", "ГУБОПиК": "police", "ОМОН": "police", "МВД": "police",
	"ГУВД": "police", "УВД": "police", "ДВД": "police", "ОБСЕ": "ngo", "ООН": "ngo", "БДИПЧ": "ngo", "ЦПЭ": "police",
	"ФСИН": "prison", "УФСИН": "prison", "ГУФСИН": "prison", "СК": "government", "ГСУ": "government",
}

// knownOrgs are organisations whose names have no head word.
var knownOrgs = map[string]string{
	"amnesty international": "ngo", "human rights watch": "ngo", "freedom house": "ngo", "memorial": "ngo",
	"reporters without borders": "ngo", "front line defenders": "ngo", "viasna": "ngo", "ovd-info": "media",
	"meduza": "media", "mediazona": "media", "novaya gazeta": "media", "azattyq": "media", "rfe/rl": "media",
	"репортёры без границ": "ngo", "репортеры без границ": "ngo", "мемориал": "ngo", "весна": "ngo",
	"овд-инфо": "media", "медиазона": "media", "медуза": "media", "новая газета": "media",
}

// findOrgs finds organisations, English and Russian, and resolves their mentions to one
// proposal each.
func (d *doc) findOrgs() {
	d.letterhead()
	d.mastheads()
	d.signatories()
	for i := 0; i < len(d.toks); i++ {
		t := &d.toks[i]
		if t.skip || t.used || t.k != tWord || t.head && !acronymOK(t.t) {
			continue
		}
		var m *orgMention
		if t.cyr {
			m = d.ruOrg(i)
			// "2-й Западный окружной военный суд": an ordinal in figures opens the name.
			if m != nil && m.a >= 3 && d.toks[m.a-3].k == tNum && d.punct(m.a-2, "-") && d.word(m.a-1, "й", "го", "му", "м") && !d.toks[m.a-2].sp && !d.toks[m.a-1].sp {
				ord := d.quote(m.a-3, m.a)
				if m.org.Kind == "court" {
					ord = d.toks[m.a-3].t + "-й" // суд: "2-го ... суда" is 2-й
				}
				m.org.Name = ord + " " + m.org.Name
				m.a -= 3
			}
		} else {
			m = d.enOrg(i)
		}
		if m == nil {
			continue
		}
		d.bracketAlias(m)
		d.addOrg(m)
		i = m.b - 1
		for _, p := range d.pending {
			d.addOrg(p)
			i = max(i, p.b-1)
		}
		d.pending = d.pending[:0]
	}
	d.resolveOrgs()
}

// mastheads finds the outlet or channel a text names at its head: "Свободный Урал |
// новости" or "Сибирский Дозор" over the first post's date, as a channel's feed opens;
// "Душанбе, 15 марта 2024 — «Азия-Право»" or "«Сурский вестник», 12 сентября 2024", a
// medium's dateline. A web page's title ("Headline | Site") names its site after the
// separator, and is not read so.
func (d *doc) mastheads() {
	if len(d.toks) == 0 {
		return
	}
	end := d.lineEnd(0)
	// The first line, up to a "|": one to four capitalised words, no person's name or date.
	b := 0
	for b < end && !d.punct(b, "|") {
		b++
	}
	alone := b == end && end < len(d.toks) && d.toks[end].nl == 1 && d.dateline != nil && d.dateline.a == end
	if (b < end || alone) && b >= 1 && b <= 4 {
		// Not a section's label in capitals or one word ("CASE NOTE |", "Statement |"), nor
		// a person's channel ("Адвокат Жылдыз Омурбекова").
		ok, caps := b > 1 || strings.ContainsAny(d.toks[0].t, "-."), true
		for k := 0; k < b; k++ {
			t := &d.toks[k]
			ok = ok && t.k == tWord && t.cap && !t.used && d.month(k) == 0 && !d.personAt(k) && !d.titleWord(k)
			caps = caps && t.caps
		}
		ok = ok && !caps
		if ok {
			d.addOrg(&orgMention{a: 0, b: b, org: &Org{Name: d.quote(0, b), Kind: "media"}})
			return
		}
	}
	// A quoted name beside the dateline, after a dash or before a comma.
	if m := d.dateline; m != nil {
		q, qa, qb := "", 0, 0
		if d.punct(m.b, "—", "–", "-") {
			q, qb = d.quotedName(m.b + 1)
			qa = m.b + 1
		} else if ls := d.lineStart(m.a); ls+4 < m.a && d.punct(ls, "«", "\"") {
			q, qb = d.quotedName(ls)
			qa = ls
			if !d.punct(qb, ",") {
				q = ""
			}
		}
		if q != "" && (qb >= len(d.toks) || d.toks[qb].nl > 0 || d.punct(qb, ",")) {
			d.addOrg(&orgMention{a: qa, b: qb, org: &Org{Name: q, Kind: "media"}})
		}
	}
}

// letterhead finds the organisation whose name heads the document on a line of its own in
// capitals ("CASPIAN PRESS FREEDOM COALITION", "MEDIA RIGHTS CENTRAL ASIA"): the publisher
// of a press release. The line must hold a head word of organisation names and no date, so
// a headline or a dateline is not taken for it.
func (d *doc) letterhead() {
	if len(d.toks) == 0 {
		return
	}
	end := d.lineEnd(0)
	if end < 2 || end > 7 {
		return
	}
	head := false
	for k := 0; k < end; k++ {
		t := &d.toks[k]
		if t.k != tWord || !t.caps || d.month(k) > 0 || t.cyr {
			return
		}
		if _, ok := enHeads[t.low]; ok {
			head = true
		}
	}
	if !head || d.word(0, "press", "news", "media") && d.word(1, "release", "statement", "advisory", "briefing") || d.word(0, "urgent", "open", "joint", "public") {
		return
	}
	o := &Org{Name: d.quote(0, end)}
	d.classifyEn(o)
	d.addOrg(&orgMention{a: 0, b: end, org: o})
}

// signatoryCues open a list of the organisations that sign a letter or a statement.
var signatoryCues = [][]string{{"signed"}, {"signatories"}, {"signed", "by"}, {"endorsed", "by"}, {"co-signed", "by"},
	{"yours", "faithfully"}, {"yours", "sincerely"}, {"yours", "respectfully"}, {"подписали"}, {"подписанты"},
	{"заявление", "поддержали"}, {"обращение", "поддержали"}, {"письмо", "подписали"}, {"с", "уважением"}}

// signatories reads the list of signatories under a letter or a statement: each line (or each
// item of a line split by "·") that is not a person's name is an organisation's, written in
// full ("Transparent Justice Armenia", "Комитет защиты семей эмигрантов"), however it is
// shaped; the city after it in brackets is no part of it, and on a line "Name, Chair, Org"
// only what follows the person and their title is. The list ends at a blank line.
func (d *doc) signatories() {
	for i := 0; i < len(d.toks); i++ {
		if d.toks[i].k != tWord || !d.opensLine(i) || d.toks[i].nl == 0 && i > 0 {
			continue
		}
		n := 0
		for _, cue := range signatoryCues {
			if i+len(cue) <= len(d.toks) && d.seq(i, cue) {
				n = len(cue)
				break
			}
		}
		if n == 0 || !d.punct(i+n, ":", ",") && !(i+n < len(d.toks) && d.toks[i+n].nl > 0) {
			continue
		}
		k := i + n
		if d.punct(k, ":", ",") {
			k++
		}
		// "Yours faithfully," or "Signed:", perhaps a blank line, then the list, which ends at
		// a blank line.
		e := k + 1
		sep := false
		for e < len(d.toks) && d.toks[e].nl < 2 {
			sep = sep || d.punct(e, "·", "•", ";")
			e++
		}
		// Items: split by "·", "•" or ";" where the list has them (its lines are then
		// wrapped), else one a line, or a column.
		a := k
		for x := k; x <= e; x++ {
			if x == e || sep && d.punct(x, "·", "•", ";") || !sep && x > a && (d.toks[x].nl > 0 || d.columnGap(x)) {
				d.signatory(a, x)
				a = x
				if sep && x < e {
					a = x + 1 // past the separator
				}
			}
		}
		// The scan goes on inside the list: a cue of its own may open one there ("Yours
		// sincerely," over "Signatories:").
	}
}

// seq reports whether the words of cue are at i, one after another on one line.
func (d *doc) seq(i int, cue []string) bool {
	for n, w := range cue {
		if d.toks[i+n].low != w || n > 0 && d.toks[i+n].nl > 0 {
			return false
		}
	}
	return true
}

// signatory reads one item of a list of signatories, at tokens [a, b).
func (d *doc) signatory(a, b int) {
	// The city or the person signing, in brackets after the name, is no part of it.
	for x := a; x < b; x++ {
		if d.punct(x, "(") {
			b = x
			break
		}
	}
	// "Hanna Lindqvist, Chair, Nordic Lawyers for Lawyers", "Козлов Игорь Петрович, АП г.
	// Москвы": after a person or a title, the organisation is the last part; a name the
	// reader finds by its head is left to it. Else a comma ends the name: "Steppe Rights
	// House, Almaty".
	first, last := -1, -1
	for x := a; x < b; x++ {
		if d.punct(x, ",") {
			last = x
			if first < 0 {
				first = x
			}
		}
	}
	if first > 0 {
		person := false
		for x := a; x < first; x++ {
			person = person || d.personAt(x) || d.patronymicAt(x)
		}
		if !person && !titleWords[d.toks[last-1].low] && !d.titleWord(last-1) {
			b = first
		} else {
			a = last + 1
			if a >= b || titleWords[d.toks[a].low] || d.titleWord(a) {
				return
			}
			m := d.enOrg
			if d.toks[a].cyr {
				m = d.ruOrg
			}
			if o := m(a); o != nil && o.a == a {
				return
			}
		}
	}
	for b > a && d.toks[b-1].k == tPunct && !isQuote(d.toks[b-1].t) {
		b-- // "— and 112 individual lawyers": no trailing dash or comma
	}
	if b-a < 1 || b-a > 12 {
		return
	}
	t := &d.toks[a]
	opens := t.k == tPunct && isOpeningQuote(t.t) && a+1 < b && d.toks[a+1].cap
	if !opens && (t.k != tWord || !t.cap && !t.caps || t.head && !acronymOK(t.t) || d.personAt(a) && b-a <= 3) {
		return
	}
	for x := a; x < b; x++ {
		if d.toks[x].used || d.month(x) > 0 || d.toks[x].k == tNum && d.isYear(x) {
			return // a name found already, or a date line ("Brussels, 19 February 2024")
		}
	}
	name := d.quote(a, b)
	if opens && isQuote(d.toks[b-1].t) {
		name = d.quote(a+1, b-1)
	}
	if len(strings.Fields(name)) < 2 && !strings.ContainsAny(name, "-«\"") {
		if _, ok := knownOrgs[strings.ToLower(name)]; !ok {
			return
		}
	}
	o := &Org{Name: name, Kind: "ngo"}
	if t.cyr || opens {
		d.classifyRu(o)
	} else {
		d.classifyEn(o)
	}
	d.addOrg(&orgMention{a: a, b: b, org: o})
}

func acronymOK(s string) bool { _, ok := acronyms[s]; return ok }

// numberAfter returns the end of a number that belongs to the name before token i: "-1",
// "No. 4", "№ 189", "44", "64/46"; or i.
func (d *doc) numberAfter(i int) int { return d.numberAfterOf(i, false) }

// numberAfterOf is numberAfter; a bare number ("Commission 44") counts only after a head word.
func (d *doc) numberAfterOf(i int, bare bool) int {
	switch {
	case d.punct(i, "-") && !d.toks[i].sp && i+1 < len(d.toks) && d.toks[i+1].k == tNum && !d.toks[i+1].sp:
		return i + 2
	case d.word(i, "no") && d.punct(i+1, ".") && i+2 < len(d.toks) && d.toks[i+2].k == tNum:
		return i + 3
	case d.punct(i, "№") && i+1 < len(d.toks) && d.toks[i+1].k == tNum:
		return i + 2
	case bare && i < len(d.toks) && d.toks[i].k == tNum && d.toks[i].sp && !d.isYear(i) && len(d.toks[i].t) <= 5 && !d.punct(i+1, "%") && d.unit(i+1) == 0 && !d.word(i+1, "of"):
		return i + 1
	}
	return i
}

func (d *doc) isEnHead(i int) string {
	if i < 0 || i >= len(d.toks) || d.toks[i].k != tWord || !d.toks[i].cap && !d.toks[i].caps {
		return ""
	}
	low := d.toks[i].low
	if low == "office" && (d.word(i-1, "prosecutor", "general", "prosecutor-general") && d.toks[i-1].poss || d.word(i-1, "prosecutors", "prosecution")) {
		return "prosecutor"
	}
	return enHeads[low]
}

// capWord reports a capitalised word (or acronym) that may be part of a name.
func (d *doc) capWord(i int) bool {
	if i < 0 || i >= len(d.toks) {
		return false
	}
	t := &d.toks[i]
	return t.k == tWord && (t.cap || t.caps) && !t.skip && !t.used && !t.head && !t.cyr
}

// enOrg parses an English organisation name starting at token i.
func (d *doc) enOrg(i int) *orgMention {
	t := &d.toks[i]
	if m := d.numberedPrison(i); m != nil {
		return m
	}
	if m := d.quotedBeforeNoun(i); m != nil {
		return m
	}
	if m := d.toldMedium(i); m != nil {
		return m
	}
	// "the Ombudsman's office": an institution named by its holder's title.
	if t.poss && t.cap && t.low == "ombudsman" && d.word(i+1, "office") {
		return &orgMention{a: i, b: i + 2, org: &Org{Name: d.quote(i, i+2), Kind: "government"}}
	}
	// "the NGO Civic Monitoring Georgia": the acronym of a descriptor.
	if t.t == "NGO" && d.word(i-1, "the", "an") {
		if m := d.named(i+1, "ngo"); m != nil {
			return m
		}
	}
	// "the LB-K/12 colony": a prison's code name before its noun is its name; "the LB-E/12
	// penal colony" names it with the kind of colony.
	if e := d.codeName(i); e > 0 && d.word(e, "colony", "prison") {
		return &orgMention{a: i, b: e + 1, org: &Org{Name: d.quote(i, e), Kind: "prison"}}
	} else if e > 0 && d.prisonModifier(e) && d.word(e+1, "colony", "prison") {
		return &orgMention{a: i, b: e + 2, org: &Org{Name: d.quote(i, e+2), Kind: "prison"}}
	}
	if !t.cap && !t.caps {
		// "the Zhanaozen police department" is caught at its first word; a lower-case
		// descriptor introduces a name: "the online outlet Vlast.kz".
		if kind, ok := descriptors[t.low]; ok && i+1 < len(d.toks) {
			if m := d.named(i+1, kind); m != nil {
				return m
			}
		}
		// "a correspondent for Echo Pskova", "editor of Vlast.kz"
		if roleWords[t.low] == "journalist" && d.word(i+1, "for", "of", "at", "with") && !d.word(i+2, "the", "a", "an") {
			if m := d.named(i+2, "media"); m != nil {
				return m
			}
		}
		return nil
	}
	if k, ok := acronyms[t.t]; ok {
		b := d.numberAfter(i + 1) // "SIZO-1", "SIZO No. 4"
		if b == i+1 {
			if m := d.placeOrg(i); m != nil && m.org.Kind == "prison" {
				return m // "the GKNB pre-trial detention centre"
			}
			if genericAcronyms[t.t] {
				return nil
			}
		} else if k == "prison" {
			b = d.townAfter(b)
		}
		// "FSB Directorate for Tver Region": an office of the body, named with it.
		if !(b == i+1 && d.capWord(i+1) && d.isEnHead(i+1) != "" && d.word(i+1, "directorate", "department", "office", "administration", "division", "unit", "centre", "center", "mission", "delegation")) {
			return &orgMention{a: i, b: b, org: &Org{Name: d.quote(i, b), Kind: k}}
		}
	}
	// "Republic of Kazakhstan v. Timur Bekmaganbetov" above "Specialized Inter-District
	// Criminal Court": a person's name ending its line does not open the court's name below.
	if i+2 < len(d.toks) && d.toks[i+2].nl > 0 && d.toks[i+1].nl == 0 && d.capWord(i+1) {
		if _, _, ok := firstName(t.t); ok {
			if sur, _ := surnameShape(d.toks[i+1].t); sur {
				return nil
			}
		}
	}
	if i > 0 && i+1 < len(d.toks) && d.toks[i+1].nl > 0 && d.toks[i].nl == 0 && d.capWord(i-1) {
		if _, _, ok := firstName(d.toks[i-1].t); ok {
			if sur, _ := surnameShape(t.t); sur {
				return nil
			}
		}
	}
	// "your Excellency's Government": a form of address, as letters to a state write it.
	if t.low == "excellency" || t.low == "excellency's" || t.low == "excellency’s" || t.low == "your" && d.word(i+1, "excellency", "excellency's", "excellency’s") {
		return nil
	}
	// "Tajikistan's Prosecutor General's Office": the country that has it is no part of it.
	if t.poss && d.isCountry(i) {
		return nil
	}
	// "the Vilnius-based Eastern Rights Forum": the place it is based in is no part of it.
	if strings.HasSuffix(t.low, "-based") {
		return nil
	}
	// "told Vlast.kz": a site's name is a medium's.
	if strings.Contains(t.t, ".") && t.cap {
		return &orgMention{a: i, b: i + 1, org: &Org{Name: t.t, Kind: "media"}}
	}
	// A run of capitalised words, with connectors where a head came before them.
	j := i
	lastHead := -1
	radio := false
	// Up to 18 words: "Judicial Collegium for Criminal Cases of the Supreme Court of the
	// Republic of Uzbekistan" is 14.
	for j < len(d.toks) && j-i < 18 {
		if j > i && (d.toks[j].nl >= 2 || d.toks[j].skip) {
			break
		}
		// "... at the Supreme Court" over "The Central Asian Rights Monitor condemns": a
		// line that opens with "The" opens a sentence, no part of the name above.
		if j > i && d.toks[j].nl > 0 && d.toks[j].cap && enLeading[d.toks[j].low] {
			break
		}
		// "To: the Bar Association\nCc: …": a letter's copy line is no part of a name.
		// So is any label that opens a line: "Date: 4 May", "Copy: the Ombudsman".
		if j > i && (d.word(j, "cc", "bcc") && (d.punct(j+1, ":") || d.toks[j].nl > 0) || d.toks[j].nl > 0 && d.punct(j+1, ":")) {
			break
		}
		// A name on a line of its own ends there: "Mangystau Labour Rights Monitor" above
		// "Trial monitoring note No. 7". A section's title without a head ("Context",
		// "Chronology") is no part of a name on the line below.
		// "BULLETIN | Georgian Court Watch Coalition" above "Tbilisi, 6 Oct. 2025": a segment
		// of a line after a separator too.
		// "Rui Costa, President, Lusophone Bar Forum" over "Defence Rights Network (Berlin)":
		// a name after a comma on a signature's line ends with it too.
		if j > i && d.toks[j].nl == 1 && (lastHead == j-1 || lastHead < 0 && j-i <= 2) && (d.opensLine(i) || d.punct(i-1, "|", "·", "•", ",")) {
			break
		}
		// "Prosecutor General Azamat Duishenbekov" over his office's name: a person's name
		// (a given name before a capitalised word) is no part of an organisation's.
		if j > i && d.personAt(j) && d.capWord(j+1) && d.isEnHead(j+1) == "" {
			break
		}
		// "Adjara Courier          Free Word Foundation": a gap of spaces is a column's edge.
		if j > i && d.toks[j].nl == 0 && d.columnGap(j) {
			break
		}
		// "Media Defence Fund East" over "Black Sea Media Alliance" in a list of signatories:
		// a name with its head that fills its line ends there when the next line opens with
		// no head or connector of its own (a name wrapped in prose goes on with one: "the
		// Supreme" over "Court").
		if j > i && d.toks[j].nl == 1 && lastHead >= 0 && (d.opensLine(i) || d.columnGap(i)) && d.capWord(j) && d.isEnHead(j) == "" && !enConnectors[d.toks[j-1].low] {
			break
		}
		// "Penal Colony No. 3", "Court No. 2", "Commission 44", "Penal Colony No. 64/46"
		if lastHead == j-1 && j > i {
			if e := d.numberAfterOf(j, true); e > j {
				j = e
				lastHead = j - 1
				continue
			}
		}
		if d.capWord(j) && (j == i || d.toks[j].sp || d.toks[j-1].t == "/" || d.toks[j-1].t == "-") {
			if (d.month(j) > 0 || isWeekday(d.toks[j].low)) && j > i {
				break
			}
			if h := d.isEnHead(j); h != "" {
				lastHead = j
				if j == i && (d.toks[j].low == "radio" || d.toks[j].low == "tv") {
					radio = true
				}
			}
			j++
			continue
		}
		// "Radio Free Europe/Radio Liberty"
		if d.punct(j, "/") && d.capWord(j+1) && !d.toks[j].sp && lastHead >= 0 {
			j++
			continue
		}
		// "Transparency International Georgia and the Georgian Young Lawyers' Association" are two.
		if d.word(j, "and") && (d.word(j+1, "the") || lastHead == j-1 || lastHead == j-2 && d.capWord(j-1)) {
			break
		}
		// "Union of Poles in Belarus": a country closes a name; "Embassy of Turkmenistan in
		// Moscow": a mission is named by the city it is in.
		if d.word(j, "in") && lastHead >= 0 && d.capWord(j+1) && (countryCues[d.toks[j+1].low] != "" && d.isCountry(j+1) ||
			(d.anyWord(i, j, "embassy", "consulate", "consulate-general", "mission", "delegation") ||
				d.toks[i].caps && d.anyWord(i, j, "centre", "center", "office")) && !d.capWord(j+2)) { // "OSCE Centre in Ashgabat"
			j += 2
			continue
		}
		// "the Committee for Religious Affairs under the Cabinet of Ministers"
		if d.word(j, "under") && d.word(j+1, "the") && lastHead >= 0 && d.capWord(j+2) && d.word(j+2, "cabinet", "president", "government", "ministry", "council") {
			j += 3
			lastHead = j - 1 // the body it is under closes the name, with its complement
			continue
		}
		// "Freedom of Conscience Monitor": "of" before the head, which the capitals after it
		// bring.
		// Not "Journalists of Sabah Press": people of a body are no part of its name.
		if d.word(j, "of") && lastHead < 0 && j > i && !d.toks[j].cap && roleWords[d.toks[i].low] == "" && !pluralRole(d.toks[i].low) && !groupNouns[d.toks[i].low] {
			k := j + 1
			for k < len(d.toks) && k-j < 5 && d.capWord(k) && d.toks[k].nl == 0 && d.isEnHead(k) == "" {
				k++
			}
			if k > j+1 && d.capWord(k) && d.toks[k].nl == 0 && d.isEnHead(k) != "" {
				j++
				continue
			}
		}
		// "moved from Gldani Establishment No. 8 to Rustavi Establishment No. 17": two.
		if d.word(j, "to") && (d.word(i-1, "from") || d.word(i-2, "from") && d.word(i-1, "the")) {
			break
		}
		// "the Parliament of Georgia" over "the Prosecutor General": no name goes on with "the".
		if d.toks[j].k == tWord && enConnectors[d.toks[j].low] && d.toks[j].low != "the" && lastHead >= 0 && !d.toks[j].cap {
			k := j + 1
			for k < len(d.toks) && d.toks[k].k == tWord && enConnectors[d.toks[k].low] && !d.toks[k].cap && k-j < 2 {
				k++
			}
			if d.capWord(k) && d.month(k) == 0 && !isWeekday(d.toks[k].low) && !(d.titleWord(k) && !d.toks[k].poss && !strings.HasSuffix(d.toks[k].low, "s") && d.nameTok(k+1)) {
				j = k
				continue
			}
		}
		break
	}
	end := j
	// "the Civic Alternative party", "the New Democrats movement": a lower-case designator
	// after the name is part of it.
	if j > i+1 && d.word(j, "party", "movement", "bloc") && !d.toks[j].cap && lastHead < 0 {
		j++
		lastHead = j - 1
		end = j
	}
	if lastHead < 0 {
		// A place before a lower-case police or court: "the Zhanaozen police department",
		// "the Aktau police".
		if j == i+1 && !d.titleWord(i) && !enLeading[t.low] && (j >= len(d.toks) || d.toks[j].nl == 0) {
			if m := d.placeOrg(i); m != nil {
				return m
			}
		}
		if kind, ok := knownOrgs[strings.ToLower(d.quote(i, j))]; ok {
			return &orgMention{a: i, b: j, org: &Org{Name: d.quote(i, j), Kind: kind}}
		}
		return nil
	}
	if radio {
		end = min(j, i+4)
	} else {
		end = lastHead + 1
		// A complement after the last head: "of Minsk", "for Human Rights".
		k := end
		for k < j {
			if d.toks[k].k == tWord && enConnectors[d.toks[k].low] && !d.toks[k].cap {
				k++
				continue
			}
			break
		}
		if k > end && k < j {
			end = j
		}
		// "Human Rights Centre Viasna": a name after a descriptor head.
		if end == lastHead+1 && end < j && isDescriptorKind(enHeads[d.toks[lastHead].low]) && !d.titleWord(end) && !d.personAt(end) {
			end = min(j, end+2)
			for end > lastHead+1 && enConnectors[d.toks[end-1].low] {
				end-- // a name ends on no connector
			}
		}
	}
	// Trim words that open sentences.
	a := i
	// "Five Sahil Press staff were detained": a count that opens the sentence neither.
	for a < lastHead && (enLeading[d.toks[a].low] || (d.opensSentence(a) || d.punct(a-1, ":")) && enNumbers[d.toks[a].low] > 0) {
		a++
	}
	// "Gulnara Abenova of Steppe Rights Watch": a person's name before "of" is whose the
	// organisation is, no part of its name.
	if sur, _ := surnameShape(d.toks[min(a+1, len(d.toks)-1)].t); (d.personAt(a) || sur) && d.capWord(a+1) {
		for k := a + 1; k < lastHead && k < a+4; k++ {
			if d.isEnHead(k) != "" {
				break
			}
			if d.word(k, "of") {
				a = k + 1
				break
			}
		}
	}
	for a < end && d.toks[a].k == tWord && enConnectors[d.toks[a].low] && !d.toks[a].cap {
		a++
	}
	if a >= end {
		return nil
	}
	// "the Council of the Chamber of Advocates", "the Criminal Chamber of the Kutaisi Court of
	// Appeals": a body of a court or a bar acts for it, and is named by it.
	nameFrom := a
	if k := d.bodyOf(a, end); k > 0 {
		nameFrom = k
	}
	name := d.quote(nameFrom, end)
	words := strings.Fields(name)
	// Places and things named like institutions: "Ganja International Airport", "the World
	// Press Freedom Index".
	switch d.toks[end-1].low {
	case "airport", "station", "square", "street", "avenue", "index", "prize", "award", "stadium":
		return nil
	}
	// "the International Covenant on Civil and Political Rights", "the UN Standard Minimum
	// Rules": a treaty or a set of rules is no body.
	for k := nameFrom; k < end; k++ {
		if d.word(k, "covenant", "convention", "charter", "declaration", "protocol", "rules", "principles") && d.toks[k].cap {
			return nil
		}
	}
	if len(words) < 2 {
		if _, ok := knownOrgs[strings.ToLower(name)]; !ok {
			return nil
		}
	}
	// "the Russian Federation", "the Kyrgyz Republic", "the Republic of Kazakhstan", "the
	// Government of Azerbaijan": a state.
	if low := strings.ToLower(name); len(words) <= 4 && (strings.HasSuffix(low, " federation") || strings.HasSuffix(low, " republic") || strings.HasPrefix(low, "republic of ")) || len(words) <= 6 && strings.HasPrefix(low, "government of ") {
		state := false
		for _, w := range strings.Fields(low) {
			state = state || countryCues[strings.Trim(w, ",.")] != ""
		}
		if state {
			return nil
		}
	}
	org := &Org{Name: name}
	d.classifyEn(org)
	// A quoted name after the head: the movement's or outlet's name is the quoted one, a
	// centre's or foundation's name has it at its end (Human Rights Centre "Viasna").
	if q, qb := d.quotedName(end); q != "" && isDescriptorKind(org.Kind) {
		if org.Kind == "media" || org.Kind == "party" {
			return &orgMention{a: a, b: qb, org: &Org{Name: q, Kind: org.Kind}}
		}
		return &orgMention{a: a, b: qb, org: &Org{Name: name + " " + q, Kind: org.Kind}}
	}
	return &orgMention{a: a, b: end, org: org}
}

// enBodies are the words that name a body within a court or a bar, and the words that may
// stand before them: "Judicial Collegium", "Criminal Chamber", "Council", "Presidium".
var (
	enBodies     = wordSet(`council board presidium plenum bureau collegium chamber panel`)
	enBodyLeads  = wordSet(`judicial criminal civil administrative appeals appellate cassation qualification disciplinary ethics`)
	bodyParentOf = wordSet(`court advocates bar lawyers lawyers' lawyers’ advocacy chamber`)
)

// bodyOf returns where the name of the court or bar that a body named at [a, end) belongs to
// begins ("the Council of [the Chamber of Advocates of Tatarstan]"), or 0 when the name is not
// of such a body.
func (d *doc) bodyOf(a, end int) int {
	k := a
	for k < end && enBodyLeads[d.toks[k].low] {
		k++
	}
	if k >= end || !enBodies[d.toks[k].low] {
		return 0
	}
	// "the Appeals Board of the Supreme Court": the instance that hears appeals is named as
	// such, as annotators read it.
	if d.word(k, "board") && k > a && d.word(k-1, "appeals", "appellate") {
		return 0
	}
	k++
	// "for Criminal Cases", "on Criminal Matters"
	if d.word(k, "for", "on") {
		k++
		for k < end && !d.word(k, "of") && k-a < 8 {
			k++
		}
	}
	if !d.word(k, "of") {
		return 0
	}
	k++
	if d.word(k, "the") {
		k++
	}
	if k >= end || !d.capWord(k) {
		return 0
	}
	// The rest names a court or a bar by a head of its own: not "Chamber of [Advocates]".
	parent, head := false, false
	for j := k; j < end; j++ {
		parent = parent || bodyParentOf[d.toks[j].low]
		head = head || d.isEnHead(j) != ""
	}
	if parent && head {
		return k
	}
	return 0
}

// bracketAlias takes an acronym in brackets after a mention as another name of the same
// organisation: "Federal Security Service (FSB)", "pre-trial detention centre No. 1 (SIZO-1)".
func (d *doc) bracketAlias(m *orgMention) {
	i := m.b
	if !d.punct(i, "(") || i+2 >= len(d.toks) || !d.toks[i+1].caps {
		return
	}
	e := d.numberAfter(i + 2)
	if !d.punct(e, ")") {
		return
	}
	d.acronymOf[d.quote(i+1, e)] = m.org
	m.b = e + 1
}

// opensLine reports a token that opens its line, or follows only a section's number there
// ("3. Context").
func (d *doc) opensLine(i int) bool {
	k := i
	for k > 0 && d.toks[k].nl == 0 && (d.toks[k-1].k == tNum || d.punct(k-1, ".", ")")) {
		k--
	}
	return k == 0 || d.toks[k].nl > 0
}

// columnGap reports three spaces or more before token i on its line: the edge of a column
// of a page laid out in two.
func (d *doc) columnGap(i int) bool {
	return i > 0 && i < len(d.toks) && d.toks[i].nl == 0 && strings.Contains(d.text[d.toks[i-1].e:d.toks[i].s], "   ")
}

// prisonModifiers are the lower-case words that may stand before "colony" or "prison" in a
// numbered institution's name: "penal colony No. 21", "women's colony No. 2".
var prisonModifiers = wordSet(`penal women's women’s correctional general-regime strict-regime maximum-security high-security
	corrective labour labor pre-trial temporary remand detention`)

// numberedPrison reads a numbered colony or prison written in lower case, at token i: "penal
// colony No. 21", "the Brest women's colony No. 4", "prison No. 1", with the town it is in
// when one word follows "in" ("colony No. 3 in Vitsba", not "in Navoi region").
func (d *doc) numberedPrison(i int) *orgMention {
	k := i
	if d.capWord(k) && !d.toks[k].caps && d.isEnHead(k) == "" && !enLeading[d.toks[k].low] && d.word(k+1, "prison", "colony") || d.capWord(k) && d.prisonModifier(k+1) {
		k++ // the town before it: "Grodno prison No. 1"
	}
	for d.prisonModifier(k) {
		k++
	}
	// "colony DZ-K/8", "the detention facility AH-T/1": a prison's code name.
	if k == i && d.word(k, "colony", "prison", "facility", "centre", "center") && !d.toks[k].cap {
		if e := d.codeName(k + 1); e > 0 {
			return &orgMention{a: k + 1, b: e, org: &Org{Name: d.quote(k+1, e), Kind: "prison"}}
		}
	}
	// "pre-trial detention centre No. 1": a centre or facility is a prison when it detains.
	detains := k > i && d.word(k-1, "detention") && d.word(k, "centre", "center", "facility", "isolator")
	if !d.word(k, "colony", "prison") && !detains || d.toks[k].cap {
		return nil
	}
	b := d.numberAfter(k + 1)
	if b == k+1 {
		return nil
	}
	b = d.inTown(b)
	return &orgMention{a: i, b: b, org: &Org{Name: d.quote(i, b), Kind: "prison"}}
}

// inTown returns the end of "in Town" at token b after a numbered prison's name, which names
// it with the town it is in when one word follows ("SIZO-1 in Ufa", not "in Navoi region"),
// or b.
func (d *doc) inTown(b int) int {
	if d.word(b, "in") && d.capWord(b+1) && !d.word(b+2, "region", "oblast", "province", "district", "area") && !d.punct(b+2, "-") && d.month(b+1) == 0 {
		return b + 2
	}
	return b
}

// townAfter returns the end of a town's (or a prison's own) name written straight after a
// numbered prison's ("СИЗО-1 Гродно", "SIZO-1 Volodarka"), or b: one capitalised word on the
// same line that opens no person's name and is not followed by another capitalised word.
func (d *doc) townAfter(b int) int {
	if b >= len(d.toks) || !d.capWord2(b) || !d.toks[b].sp || d.toks[b].nl > 0 || d.toks[b].used || d.toks[b].skip ||
		d.capWord2(b+1) || d.personAt(b) || d.month(b) > 0 || acronymOK(d.toks[b].t) {
		return b
	}
	if sur, _ := surnameShape(d.toks[b].t); sur {
		return b
	}
	return b + 1
}

// genericAcronyms name a kind of prison, not one: "held in SIZO", "отправил в СИЗО".
var genericAcronyms = wordSet(`SIZO СИЗО IVS ИВС ИК`)

// codeName returns the end of a code name at token i written without spaces, capitals, a
// hyphen or slash and a number ("DZ-K/8", "LB-K/11"), or 0.
func (d *doc) codeName(i int) int {
	if i >= len(d.toks) || !d.toks[i].caps {
		return 0
	}
	slash := false
	for j := i + 1; j < len(d.toks) && j < i+6; j++ {
		t := &d.toks[j]
		if t.sp {
			break
		}
		if t.t == "/" {
			slash = true
			continue
		}
		if t.k == tNum && slash && (j+1 >= len(d.toks) || d.toks[j+1].sp || d.toks[j+1].k == tPunct && d.toks[j+1].t != "/") {
			return j + 1
		}
		if t.t != "-" && !t.caps {
			break
		}
	}
	return 0
}

func (d *doc) prisonModifier(k int) bool {
	return k < len(d.toks) && !d.toks[k].cap && (prisonModifiers[d.toks[k].low] || d.toks[k].poss && d.word(k, "women", "men", "juvenile"))
}

func isDescriptorKind(k string) bool { return k == "ngo" || k == "media" || k == "party" }

// countries are the names of the countries of the region, in English.
var countries = wordSet("kazakhstan russia belarus azerbaijan kyrgyzstan tajikistan uzbekistan turkmenistan ukraine georgia armenia moldova")

func (d *doc) isCountry(i int) bool { return i < len(d.toks) && countries[d.toks[i].low] }

// personAt reports whether a person's name seems to start at token i: a known first name.
func (d *doc) personAt(i int) bool {
	if i >= len(d.toks) || d.toks[i].k != tWord {
		return false
	}
	_, _, ok := d.names.firstName(d.toks[i].t)
	return ok
}

// titleWord reports a word that names a post or a role, not an organisation.
func (d *doc) titleWord(i int) bool {
	if i < 0 || i >= len(d.toks) || d.toks[i].k != tWord {
		return false
	}
	_, ok := roleWords[d.toks[i].low]
	return ok || d.toks[i].low == "mr" || d.toks[i].low == "mrs" || d.toks[i].low == "ms" || d.toks[i].low == "dr"
}

// placeOrg parses "Aktau police", "the Zhanaozen police department", "the Minsk city court".
func (d *doc) placeOrg(i int) *orgMention {
	j := i + 1
	if j >= len(d.toks) || d.toks[j].nl >= 2 {
		return nil
	}
	switch {
	// "the Yavan colony", "the Seydi prison": a place before a lower-case prison.
	case d.word(j, "colony", "prison") && d.word(i-1, "the") && d.numberAfter(j+1) == j+1:
		return &orgMention{a: i, b: j + 1, org: &Org{Name: d.quote(i, j+1), Kind: "prison"}}
	case d.word(j, "police"):
		end := j + 1
		if d.word(end, "department", "station", "headquarters", "division") {
			end++
		}
		return &orgMention{a: i, b: end, org: &Org{Name: d.quote(i, end), Kind: "police", City: d.toks[i].t}}
	case d.word(j, "city", "district", "regional", "oblast", "appeals", "appellate", "military") && d.word(j+1, "court"):
		org := &Org{Name: d.quote(i, j+2), Kind: "court"}
		d.classifyEn(org)
		return &orgMention{a: i, b: j + 2, org: org}
	case d.word(j, "prosecutor") && d.toks[j].poss && d.word(j+1, "office"):
		return &orgMention{a: i, b: j + 2, org: &Org{Name: d.quote(i, j+2), Kind: "prosecutor"}}
	// "the Gomel regional prosecutor's office", "the Oral city akimat", "the Lebap regional
	// gas directorate": a level and perhaps a field between the place and the head.
	case d.word(j, "city", "regional", "district", "oblast", "municipal") && d.word(j+1, "prosecutor") && d.toks[j+1].poss && d.word(j+2, "office"):
		return &orgMention{a: i, b: j + 3, org: &Org{Name: d.quote(i, j+3), Kind: "prosecutor"}}
	case d.word(j, "city", "regional", "district", "oblast", "municipal") && d.word(j+1, "akimat", "administration", "hokimiyat"):
		return &orgMention{a: i, b: j + 2, org: &Org{Name: d.quote(i, j+2), Kind: "government"}}
	case d.word(j, "city", "regional", "district", "oblast", "municipal") && !d.toks[j+1].cap && d.word(j+2, "directorate", "department", "administration"):
		return &orgMention{a: i, b: j + 3, org: &Org{Name: d.quote(i, j+3), Kind: "government"}}
	// "the Nukus city department of internal affairs"
	case d.word(j, "city", "regional", "district", "oblast") && d.word(j+1, "department", "directorate") && d.word(j+2, "of") && d.word(j+3, "internal") && d.word(j+4, "affairs"):
		return &orgMention{a: i, b: j + 5, org: &Org{Name: d.quote(i, j+5), Kind: "police"}}
	// "the Gyumri penitentiary institution"
	case d.word(j, "penitentiary") && d.word(j+1, "institution", "establishment", "facility"):
		return &orgMention{a: i, b: j + 2, org: &Org{Name: d.quote(i, j+2), Kind: "prison"}}
	// "the Andijan pre-trial detention centre", "the GKNB pre-trial detention centre"
	case d.word(j, "pre-trial") && d.word(j+1, "detention") && d.word(j+2, "centre", "center", "facility"):
		return &orgMention{a: i, b: j + 3, org: &Org{Name: d.quote(i, j+3), Kind: "prison"}}
	}
	return nil
}

// named parses a name after a descriptor: capitalised words or a quoted name.
func (d *doc) named(i int, kind string) *orgMention {
	if q, qb := d.quotedName(i); q != "" {
		return &orgMention{a: i, b: qb, org: &Org{Name: q, Kind: kind}}
	}
	if !d.capWord(i) || d.personAt(i) || d.titleWord(i) || d.month(i) > 0 || d.isEnHead(i) != "" && d.capWord(i+1) && !d.toks[i+1].sp {
		return nil
	}
	j := i
	for j < len(d.toks) && j-i < 6 {
		if d.capWord(j) && (j == i || d.toks[j].sp) && d.month(j) == 0 {
			j++
			continue
		}
		// "Democratic Choice of Kazakhstan"
		if j > i && d.word(j, "of", "for") && d.capWord(j+1) && d.month(j+1) == 0 {
			j += 2
			continue
		}
		break
	}
	if j == i+1 && nonNames[d.toks[i].low] {
		return nil // "a journalist of Polish origin"
	}
	if _, ok := acronyms[d.toks[j-1].t]; ok {
		j = d.numberAfter(j) // "the detention centre SIZO-3": the number is part of the name
	}
	org := &Org{Name: d.quote(i, j), Kind: kind}
	m := &orgMention{a: i, b: j, org: org}
	// "the online outlets Batumelebi and Netgazeti": the second name too.
	if d.word(j, "and", "и") && strings.HasSuffix(d.toks[i-1].low, "s") && d.capWord(j+1) {
		if m2 := d.named(j+1, kind); m2 != nil {
			d.pending = append(d.pending, m2)
		}
	}
	return m
}

// toldMedium reads the name of an outlet that someone told something, at token i: "told Kartli
// Wire", "told the Oxus Observer". Two to four capitalised words that are not a person's name
// (no known given name, no title, no surname's ending) after "told" name whom a statement was
// given to, which in these texts is a medium.
func (d *doc) toldMedium(i int) *orgMention {
	k := i - 1
	if d.word(k, "the") {
		k--
	}
	if !d.word(k, "told") || !d.capWord(i) || d.personAt(i) || d.titleWord(i) {
		return nil
	}
	j := i
	for j < len(d.toks) && j-i < 4 && d.capWord(j) && (j == i || d.toks[j].sp && d.toks[j].nl == 0) {
		if d.month(j) > 0 || isWeekday(d.toks[j].low) || d.isEnHead(j) != "" {
			return nil
		}
		j++
	}
	if j-i < 2 {
		return nil
	}
	if sur, _ := surnameShape(d.toks[j-1].t); sur {
		return nil
	}
	return &orgMention{a: i, b: j, org: &Org{Name: d.quote(i, j), Kind: "media"}}
}

// quotedBeforeNoun reads a quoted name whose first word is at token i followed by the noun that
// says what it names, after at most three words and a translation in brackets: the "Vatan"
// movement, the "Svetloye Slovo" religious study group, the "Tuman" Telegram channel.
func (d *doc) quotedBeforeNoun(i int) *orgMention {
	return d.quotedThenNoun(i, 4, true, func(t *tok) (string, bool) {
		if enLeading[t.low] || enConnectors[t.low] {
			return "", true
		}
		if kind, ok := descriptors[t.low]; ok && !t.cap {
			return kind, false
		}
		return "", false
	})
}

// quotedThenNoun reads a quoted name whose first word is at token i followed, within the
// next words words on its line (past a translation in brackets where brackets is set), by the
// noun that says what it names: nounKind gives that noun's kind of organisation, or says to
// stop looking.
func (d *doc) quotedThenNoun(i, words int, brackets bool, nounKind func(t *tok) (kind string, stop bool)) *orgMention {
	if i == 0 {
		return nil
	}
	q, k := d.quotedName(i - 1)
	if q == "" {
		return nil
	}
	if brackets && d.punct(k, "(") {
		e := k + 1
		for e < len(d.toks) && e-k < 10 && !d.punct(e, ")") {
			e++
		}
		k = e + 1
	}
	for n := 0; n < words && k < len(d.toks); n, k = n+1, k+1 {
		t := &d.toks[k]
		if t.k != tWord || t.nl > 0 {
			return nil
		}
		kind, stop := nounKind(t)
		if stop {
			return nil
		}
		if kind != "" {
			return &orgMention{a: i, b: k + 1, org: &Org{Name: q, Kind: kind}}
		}
	}
	return nil
}

// quotedName returns the text of a quoted name starting at token i ("Viasna", «Весна»,
// ‘Oyan, Qazaqstan’) and the token after its closing quote.
func (d *doc) quotedName(i int) (string, int) {
	if i >= len(d.toks) || d.toks[i].k != tPunct || !isOpeningQuote(d.toks[i].t) {
		return "", 0
	}
	j := i + 1
	for j < len(d.toks) && j-i < 10 && !(d.toks[j].k == tPunct && isQuote(d.toks[j].t) && j > i+1) {
		if d.toks[j].nl > 0 {
			return "", 0
		}
		j++
	}
	if j >= len(d.toks) || j-i >= 10 || j == i+1 {
		return "", 0
	}
	first := &d.toks[i+1]
	if first.k != tWord || !first.cap && !first.caps {
		return "", 0
	}
	return d.quote(i+1, j), j + 1
}

// classifyEn fills kind, level and city of an English name.
func (d *doc) classifyEn(o *Org) {
	low := strings.ToLower(o.Name)
	words := strings.Fields(low)
	has := func(w string) bool {
		for _, x := range words {
			if strings.Trim(x, ".,'’") == w {
				return true
			}
		}
		return false
	}
	switch {
	case has("court") || has("tribunal"):
		o.Kind = "court"
		switch {
		case has("supreme"):
			o.Level = "supreme"
		case has("appellate") || has("appeal") || has("appeals") || has("cassation"):
			o.Level = "appellate"
		case has("regional") || has("oblast") || has("region") || has("provincial"):
			o.Level = "regional"
		case has("district") || has("inter-district") || has("interdistrict") || has("raion"):
			o.Level = "district"
		case has("city") || has("municipal") || has("town"):
			o.Level = "city"
		case has("military"):
			o.Level = "military"
		case has("grave") || has("specialised") || has("specialized") || has("economic") || has("juvenile"):
			o.Level = "specialised"
		}
		// The city: the word before "City Court", or after "of".
		for k, w := range words {
			if (w == "city" || w == "district") && k > 0 && o.Level == "city" {
				o.City = strings.Fields(o.Name)[k-1]
			}
		}
		if i := strings.LastIndex(o.Name, " of "); i >= 0 && o.City == "" {
			rest := strings.Fields(o.Name[i+4:])
			if len(rest) == 1 {
				o.City = rest[0]
			}
		}
	case strings.Contains(low, "prosecutor") || has("procuracy"):
		o.Kind = "prosecutor"
	case has("security") || has("intelligence"):
		o.Kind = "security service"
	case has("police") || has("militia") || strings.Contains(low, "internal affairs") || has("interior") || strings.Contains(low, "organised crime") || strings.Contains(low, "organized crime") || strings.Contains(low, "extremism"):
		o.Kind = "police"
	case has("bar") || has("jury") || strings.Contains(low, "judicial council") || strings.Contains(low, "ethics") || strings.Contains(low, "qualification"):
		o.Kind = "disciplinary body"
	case has("investigative"):
		o.Kind = "government"
	case has("colony") || has("prison") || has("jail") || strings.Contains(low, "detention"):
		o.Kind = "prison"
	case o.Kind != "":
	default:
		for _, w := range words {
			if k, ok := enHeads[strings.Trim(w, ".,")]; ok {
				o.Kind = k
			}
		}
		if o.Kind == "" {
			o.Kind = "other"
		}
	}
	if o.Kind == "ngo" {
		for _, w := range []string{"radio", "tv", "media", "press", "news", "newspaper", "gazette", "times", "journal"} {
			if has(w) {
				o.Kind = "media"
			}
		}
		if has("party") || has("movement") {
			o.Kind = "party"
		}
	}
}

// ruOrg parses a Russian organisation name whose head is at or after token i: adjectives,
// the head noun, and what qualifies it (genitives, "по" phrases, a quoted name).
func (d *doc) ruOrg(i int) *orgMention {
	t := &d.toks[i]
	if m := d.kkCourt(i); m != nil {
		return m
	}
	if m := d.kkNamed(i); m != nil {
		return m
	}
	// "ПЦ «Зорка»": a human rights centre (правозащитный центр) by its abbreviation, named
	// by the quote after it.
	if t.t == "ПЦ" {
		if q, qb := d.quotedName(i + 1); q != "" {
			return &orgMention{a: i, b: qb, org: &Org{Name: "ПЦ «" + q + "»", Kind: "ngo"}}
		}
		return nil
	}
	// "АП г. Москвы", "АП Свердловской области": a chamber of lawyers (адвокатская палата)
	// by its abbreviation, named by the region after it.
	if t.t == "АП" {
		b := i + 1
		for b < len(d.toks) && b-i <= 4 && d.toks[b].nl == 0 && (d.toks[b].cap && d.toks[b].k == tWord || d.word(b, "г", "области", "края", "округа") || d.punct(b, ".") && d.word(b-1, "г")) {
			b++
		}
		if b > i+1 {
			return &orgMention{a: i, b: b, org: &Org{Name: d.quote(i, b), Kind: "disciplinary body"}}
		}
		return nil
	}
	if k, ok := acronyms[t.t]; ok {
		// "СИЗО-2 г. Витебска", "КГБ Республики Беларусь", "ГУБОПиК МВД".
		// "СИЗО-1 по Краснодарскому краю", "СИЗО-1 УФСИН России по Псковской области".
		b := d.numberAfter(i + 1)
		if b > i+1 && k == "prison" {
			b = d.townAfter(b)
		}
		for n := 0; n < 3 && b < len(d.toks); n++ {
			switch {
			case acronyms[d.toks[b].t] != "":
				b++
				if d.word(b, "россии", "рф") {
					b++
				}
				continue
			case d.word(b, "г", "республики") || d.word(b, "по") && (d.capWord2(b+1) || d.word(b+1, "г")):
				if e := d.ruComplement(b); e > b {
					b = e
					continue
				}
			}
			break
		}
		// "СИЗО «Лефортово»", "ИК-3 «Витьба»": a quoted name after the acronym, or after its
		// number, is part of it.
		if q, qb := d.quotedName(b); q != "" && (b == i+1 || k == "prison" && b == d.numberAfter(i+1)) {
			return &orgMention{a: i, b: qb, org: &Org{Name: d.quote(i, b) + " «" + q + "»", Kind: k}}
		}
		// "СИЗО" alone is a kind of prison, not a body the text names ("СК" alone is the
		// Investigative Committee, as annotators of every batch read it).
		if genericAcronyms[t.t] && b == i+1 {
			return nil
		}
		return &orgMention{a: i, b: b, org: &Org{Name: d.quote(i, b), Kind: k}}
	}
	if kind, ok := knownOrgs[t.low]; ok && t.cap {
		return &orgMention{a: i, b: i + 1, org: &Org{Name: t.t, Kind: kind}}
	}
	// "корреспондент «Туркмен Хабар»", "наблюдатель «Адилет Көзөмөл»": a quoted name after
	// a journalist's or observer's role noun is the outlet or group they work for.
	if role := roleWords[t.low]; role == "journalist" || role == "observer" || ruStaffWords[t.low] {
		if q, qb := d.quotedName(i + 1); q != "" && d.capWord2(i+2) {
			kind := "ngo"
			if role == "journalist" {
				kind = "media"
			}
			// «Новой газеты», «Сведки», «Кадам Монитора»: a name in the genitive is named
			// in its nominative elsewhere; one that may not be declined («Садо», «Туркмен
			// Хабар») is its name.
			if !ruMayBeGenitive(q) {
				return &orgMention{a: i + 1, b: qb, org: &Org{Name: q, Kind: kind}}
			}
		}
	}
	// «ОВД-Инфо» after a verb of telling, «Вясны» after "по данным": a medium or an
	// organisation that reports.
	if d.word(i, "данным", "информации", "словам", "сообщил", "сообщила", "сообщили", "рассказал", "рассказала", "сообщает", "пишет", "заявили", "рассказали", "передаёт", "передает") {
		if q, qb := d.quotedName(i + 1); q != "" {
			if d.word(i, "данным", "информации", "словам") {
				q = ruGenitiveName(q)
			}
			return &orgMention{a: i + 1, b: qb, org: &Org{Name: q, Kind: "media"}}
		}
	}
	// "Весной Нарынский районный суд": an adverb of time that opens a sentence is no
	// adjective of the name.
	if ruTimeAdverbs[t.low] {
		return nil
	}
	// Find the head: this token or up to four adjectives later ("Второй западный окружной
	// военный суд").
	h := -1
	for k := i; k < min(i+5, len(d.toks)); k++ {
		if d.toks[k].k != tWord || d.toks[k].skip || k > i && d.toks[k].nl >= 2 {
			break
		}
		if ruHeadOf(d.toks[k].low) != nil {
			h = k
			break
		}
		if _, ok := ruAdjective(d.toks[k].low); !ok {
			break
		}
	}
	if h < 0 {
		return nil
	}
	head := ruHeadOf(d.toks[h].low)
	// Adjectives before the head must agree with it; a lower-case one before a capitalised
	// head says what it is, no part of its name ("запрещённая Партия исламского возрождения").
	a := h
	for a > i {
		end, ok := ruAdjective(d.toks[a-1].low)
		if !ok || !adjAgrees(end, d.toks[h].t, head) || d.toks[h].cap && !d.toks[a-1].cap && a == h {
			break
		}
		a--
	}
	if a != i {
		return nil // i is an adjective of something else; the head is found from its own first word
	}
	// "Совет Адвокатской палаты края", "квалификационная комиссия Союза адвокатов": a body
	// of a bar or a court acts for it, and is named by it, found from its own first word.
	if head.nom == "совет" || head.nom == "комиссия" || head.nom == "коллегия" {
		k := h + 1
		if d.word(k, "по") { // "судебная коллегия по уголовным делам"
			for k < len(d.toks) && k < h+5 && !d.word(k, "делам") {
				k++
			}
			k++
		}
		if k < len(d.toks) && d.toks[k].nl == 0 {
			if p := d.ruOrg(k); p != nil && p.a == k && (p.org.Kind == "court" || strings.Contains(strings.ToLower(p.org.Name), "адвокат")) {
				return nil
			}
		}
	}
	if head.nom == "защитник" && a == h {
		return nil // "защитник Петрова" is a lawyer; "Народный защитник Грузии" an institution
	}
	// What follows the head: a quoted name, or qualifying words and perhaps a quoted name
	// after them ("отдел полиции «Ленинский»").
	b := h + 1
	quoted := ""
	// "колонии № 5", "средней школы № 189": a number names an institution.
	numbered := false
	if nb := d.numberAfter(b); nb > b && d.punct(b, "№") {
		b, numbered = nb, true
	}
	if numbered {
		b = d.ruComplement(b)
		// "исправительная колония № 3 «Витьба»": the colony's own name after its number.
		if q, qb := d.quotedName(b); q != "" && d.toks[b].nl == 0 {
			b = qb
		}
	} else if nb := d.numberAfter(b + 1); nb > b+1 && d.punct(b+1, "№") && ruComplementWords[d.toks[b].low] {
		// "отдел полиции № 9 Управления МВД по Ижевску": the number after a genitive.
		b, numbered = d.ruComplement(nb), true
	} else if q, qb := d.quotedName(b); q != "" {
		quoted, b = q, qb
	} else {
		b = d.ruComplement(b)
		// "Казахстанское бюро мониторинга трудовых прав", "Международная организация труда":
		// a group's head takes a noun in the genitive the lists lack, when a capital names it.
		if b == h+1 && head.kind == "ngo" && a < h && d.toks[a].cap && b < len(d.toks) && d.toks[b].k == tWord && !d.toks[b].cap && d.toks[b].nl == 0 && ruBareGenitive(d.toks[b].low) {
			b = d.ruComplement(b + 1)
		}
		if q, qb := d.quotedName(b); q != "" && b > h+1 {
			before := b - 1 // the word before the quote
			quoted, b = q, qb
			// "редакция независимого издания «X»": a descriptor before the quote names X;
			// else the quote is part of the name ("отдел полиции «Ленинский»").
			if dh := ruHeadOf(d.toks[before].low); dh == nil || !dh.desc {
				head = &ruHead{nom: head.nom, gender: head.gender, kind: head.kind}
			}
		}
	}
	capital := false
	for k := a; k < b; k++ {
		tk := &d.toks[k]
		if tk.k == tWord && (tk.cap || tk.caps) && (k != d.sents[tk.sent].a || k != h) {
			capital = true
		}
	}
	institutional := b > h+1 && ruInstitutional(d.quote(h+1, b))
	if !capital && !institutional && !numbered || a == h && b == h+1 {
		return nil
	}
	if head.kind == "other" && !numbered && !capital && quoted == "" {
		return nil // "учреждение средней безопасности" is a kind of prison, not one
	}
	if head.kind == "prison" && a == h && quoted == "" && !d.punct(h+1, "№") {
		return nil // "изолятор Талдыкоргана" is where, not a name
	}
	org := &Org{Kind: head.kind}
	// "Правовая инициатива «Щит» · Аналитическая справка": a masthead names a group
	// in full; in a sentence, or in a newsroom's byline, the quoted name alone is its name.
	if quoted != "" && head.desc && !(d.masthead(a, b) && (head.kind == "ngo" || head.kind == "party")) {
		org.Name = quoted
		if kind, ok := knownOrgs[strings.ToLower(quoted)]; ok {
			org.Kind = kind
		}
		return &orgMention{a: i, b: b, org: org}
	}
	var parts []string
	for k := a; k < h; k++ {
		// "Правовой монитор": before a masculine head in its nominative (or inanimate
		// accusative) form, an adjective in -ой is itself a nominative, stressed on the ending.
		if head.gender == masc && d.toks[h].low == head.nom && strings.HasSuffix(d.toks[k].low, "ой") {
			parts = append(parts, d.toks[k].t)
			continue
		}
		parts = append(parts, ruAdjNominative(d.toks[k].t, head.gender))
	}
	nom := head.nom
	if d.toks[h].cap {
		nom = upperFirst(nom)
	}
	if d.toks[h].caps {
		nom = strings.ToUpper(nom)
	}
	parts = append(parts, nom)
	if b > h+1 {
		parts = append(parts, d.quote(h+1, b))
	}
	org.Name = strings.Join(parts, " ")
	d.classifyRu(org)
	return &orgMention{a: a, b: b, org: org}
}

// masthead reports a name at [a, b) that fills the start of its line, alone or before a
// separator: a publisher's or a signatory's line, not a sentence.
func (d *doc) masthead(a, b int) bool {
	return d.opensLine(a) && d.toks[a].cap && (b >= len(d.toks) || d.toks[b].nl > 0 || d.punct(b, "·", "—", "–", "|", "(", "•"))
}

// kkDescriptors are the stems of Kazakh nouns that say what a quoted name before them names,
// in any case, and the kind they make: «Әділ сот» құқық қорғау бастамасы (an initiative), «Ел
// үні» қозғалысының (a movement's).
var kkDescriptors = []struct{ stem, kind string }{
	{"қозғалыс", "party"}, {"партия", "party"}, {"бастама", "ngo"}, {"ұйым", "ngo"}, {"орталы", "ngo"},
	{"қоры", "ngo"}, {"бірлест", "ngo"}, {"одағ", "ngo"}, {"басылым", "media"}, {"арна", "media"},
	{"сайт", "media"}, {"газет", "media"},
}

// kkNamed reads, in a Kazakh text, the National Security Committee, or a quoted name whose
// first word is at token i followed by a Kazakh noun that says what it names, after at most two
// words ("құқық қорғау"): the name is the quoted one, as it is written in every case.
func (d *doc) kkNamed(i int) *orgMention {
	if !d.kk || i == 0 {
		return nil
	}
	// "Ұлттық қауіпсіздік комитетінің қызметкерлері": the National Security Committee, in
	// any case, named in the nominative.
	if d.word(i, "ұлттық") && d.word(i+1, "қауіпсіздік") && i+2 < len(d.toks) && strings.HasPrefix(d.toks[i+2].low, "комитет") {
		return &orgMention{a: i, b: i + 3, org: &Org{Name: d.quote(i, i+2) + " комитеті", Kind: "security service"}}
	}
	return d.quotedThenNoun(i, 3, false, func(t *tok) (string, bool) {
		for _, x := range kkDescriptors {
			if strings.HasPrefix(t.low, x.stem) {
				return x.kind, false
			}
		}
		return "", false
	})
}

// kkCourtLevels are the Kazakh adjectives of a court's level, and the level.
var kkCourtLevels = map[string]string{"қалалық": "city", "облыстық": "regional", "аудандық": "district", "ауданаралық": "district", "әскери": "military"}

// kkCourt reads a Kazakh court's name at token i: places, a level and the head "сот" in any
// case ("Шымкент қаласы Әл-Фараби аудандық сотының", "Маңғыстау облыстық сотына"), named in
// the nominative ("... аудандық соты").
func (d *doc) kkCourt(i int) *orgMention {
	if !d.kk || !d.toks[i].cap {
		return nil
	}
	j := i
	for j < len(d.toks) && j-i < 6 && (j == i || d.toks[j].nl == 0) && (d.toks[j].cap && d.toks[j].k == tWord ||
		j > i && d.word(j, "қаласы", "облысы", "ауданы") || d.punct(j, "-") && !d.toks[j].sp && j > i && d.capWord2(j+1) && !d.toks[j+1].sp) {
		j++
	}
	if j+1 >= len(d.toks) || d.toks[j].nl > 0 || d.toks[j+1].nl > 0 {
		return nil
	}
	// "Адвокат Ақтөбе облыстық сотына", "Бүгін Ақтөбе ...": a role, a pronoun or an adverb
	// of time that opens the sentence is no part of the name.
	for i < j && (roleWords[d.toks[i].low] != "" || d.word(i, "ол", "бұл", "сол", "олар", "бүгін", "кеше", "ертең", "қазір") || d.writtenLower(d.toks[i].low)) {
		i++
	}
	if i == j {
		return nil // a level without a place: "аудандық сотта"
	}
	// "Алматы қаласының мамандандырылған ауданаралық қылмыстық соты", "Атырау қаласының
	// тергеу соты": a place in the genitive and the court's kind.
	if d.word(j, "қаласының", "облысының", "ауданының") {
		k := j + 1
		for k < len(d.toks) && d.toks[k].nl == 0 && kkCourtKinds[d.toks[k].low] {
			k++
		}
		if k > j+1 && k < len(d.toks) && strings.HasPrefix(d.toks[k].low, "сот") && len([]rune(d.toks[k].low)) <= 8 {
			return &orgMention{a: i, b: k + 1, org: &Org{Name: d.quote(i, k) + " соты", Kind: "court"}}
		}
		return nil
	}
	level, ok := kkCourtLevels[d.toks[j].low]
	if !ok || !strings.HasPrefix(d.toks[j+1].low, "сот") || len([]rune(d.toks[j+1].low)) > 8 {
		return nil
	}
	return &orgMention{a: i, b: j + 2, org: &Org{Name: d.quote(i, j+1) + " соты", Kind: "court", Level: level}}
}

// kkCourtKinds are the words of a Kazakh court's kind between its place and "соты":
// specialised, inter-district, criminal, administrative, investigative, "істер жөніндегі".
var kkCourtKinds = wordSet(`мамандандырылған ауданаралық қылмыстық әкімшілік экономикалық азаматтық тергеу ювеналдық
	кәмелетке толмағандар істер жөніндегі әскери қалалық облыстық аудандық`)

// ruTimeAdverbs are adverbs of time shaped like adjectives in the instrumental ("весной",
// "вечером") that may open a sentence before a name.
var ruTimeAdverbs = wordSet(`весной летом осенью зимой утром вечером ночью днём днем позавчера вчера сегодня`)

// ruStaffWords are nouns of people who work for an outlet or a group, as a quoted name after
// them tells: "журналистов «Садо»", "сотрудник «Вясны»".
var ruStaffWords = map[string]bool{
	"журналистов": true, "журналистам": true, "журналисты": true, "корреспонденты": true, "корреспондентов": true,
	"сотрудник": true, "сотрудника": true, "сотруднику": true, "сотрудники": true, "сотрудников": true,
	"сотрудница": true, "сотрудницы": true, "сотрудницу": true, "наблюдатели": true, "наблюдателей": true,
}

// ruMayBeGenitive reports a name whose last word ends as a noun's genitive does (-а, -я,
// -ы, -и) or whose first word as an adjective's (-ого, -его, -ой, -ей).
func ruMayBeGenitive(name string) bool {
	ws := strings.Fields(strings.ToLower(name))
	if len(ws) == 0 {
		return false
	}
	last, first := ws[len(ws)-1], ws[0]
	for _, e := range []string{"а", "я", "ы", "и"} {
		if strings.HasSuffix(last, e) {
			return true
		}
	}
	for _, e := range []string{"ого", "его", "ой", "ей"} {
		if len(ws) > 1 && strings.HasSuffix(first, e) {
			return true
		}
	}
	return false
}

// ruGenitiveName brings a name in the genitive to the nominative by the endings of feminine
// nouns and adjectives, the common case after "по данным": «Вясны» → «Вясна», «Новой газеты» →
// «Новая газета». Names that do not end so are kept.
func ruGenitiveName(s string) string {
	ws := strings.Fields(s)
	for i, w := range ws {
		low := strings.ToLower(w)
		switch {
		case strings.HasSuffix(low, "ой") && len(ws) > 1 && i < len(ws)-1:
			ws[i] = ruAdjNominative(w, fem)
		case strings.HasSuffix(low, "ы"):
			ws[i] = w[:len(w)-len("ы")] + "а"
		case strings.HasSuffix(low, "и") && i == len(ws)-1:
			r := []rune(low)
			if len(r) > 2 && strings.ContainsRune("кгхжшчщ", r[len(r)-2]) {
				ws[i] = w[:len(w)-len("и")] + "а"
			}
		}
	}
	return strings.Join(ws, " ")
}

// ruHeadOf returns the head noun a word is a form of; "YouTube-канал" is a канал.
func ruHeadOf(w string) *ruHead {
	if h, ok := ruHeads[w]; ok {
		return h
	}
	if i := strings.LastIndex(w, "-"); i >= 0 {
		return ruHeads[w[i+1:]]
	}
	return nil
}

// ruComplementWords are lower-case nouns that qualify an organisation in the genitive.
var ruComplementWords = map[string]bool{
	"области": true, "района": true, "города": true, "республики": true, "края": true, "округа": true,
	"полиции": true, "безопасности": true, "юстиции": true, "дел": true, "совета": true, "суда": true,
	"расследований": true, "наказаний": true, "экстремизму": true, "коррупции": true, "прокуратуры": true,
	"журналистов": true, "адвокатов": true, "юристов": true, "свободы": true, "слова": true, "юрисдикции": true,
}

// ruPoWords may follow "по" in a name: "по правам человека", "по уголовным делам", "по
// Мангистауской области".
var ruPoWords = map[string]bool{
	"правам": true, "уголовным": true, "гражданским": true, "административным": true, "делам": true,
	"защите": true, "борьбе": true, "противодействию": true, "городу": true, "вопросам": true,
}

// ruDativePlural reports a lower-case adjective in the dative plural at i: "тяжким",
// "особо" is not one.
func ruDativePlural(d *doc, i int) bool {
	if i >= len(d.toks) || d.toks[i].k != tWord || d.toks[i].cap || !d.toks[i].cyr {
		return false
	}
	return strings.HasSuffix(d.toks[i].low, "ым") || strings.HasSuffix(d.toks[i].low, "им")
}

// ruDativePluralNoun reports a lower-case noun in the dative plural at i: "преступлениям".
func ruDativePluralNoun(d *doc, i int) bool {
	if i >= len(d.toks) || d.toks[i].k != tWord || d.toks[i].cap || !d.toks[i].cyr {
		return false
	}
	return strings.HasSuffix(d.toks[i].low, "ам") || strings.HasSuffix(d.toks[i].low, "ям")
}

// ruComplement returns the end of the genitive and "по" phrases after a head at i.
func (d *doc) ruComplement(i int) int {
	b := i
	for n := 0; n < 6 && b < len(d.toks); n++ {
		t := &d.toks[b]
		if t.k != tWord || t.nl >= 2 || t.skip || t.used {
			break
		}
		switch {
		// "суд по тяжким преступлениям": an adjective and a noun in the dative plural.
		case t.low == "по" && ruDativePlural(d, b+1) && (ruDativePluralNoun(d, b+2) || ruDativePlural(d, b+2) && ruDativePluralNoun(d, b+3)):
			b += 3
			if ruDativePluralNoun(d, b) {
				b++
			}
		case t.low == "по" && b+1 < len(d.toks) && (ruPoWords[d.toks[b+1].low] || d.toks[b+1].cap && d.word(b+2, "области", "району", "краю", "городу", "республике")):
			k := b + 2
			for k < len(d.toks) && k-b < 5 && d.toks[k].k == tWord && d.toks[k].nl == 0 {
				if d.word(k, "человека", "делам", "области", "району", "краю", "республике", "свободы", "журналистов", "экстремизму", "коррупции") || ruCaseGen(d.toks[k].low) || d.toks[k].cap {
					k++
					if d.word(k-1, "человека", "делам", "области", "району", "краю", "республике", "журналистов", "экстремизму", "коррупции") {
						break
					}
					continue
				}
				break
			}
			// "по борьбе с наркотиками": what is fought, in the instrumental.
			if d.word(k-1, "борьбе", "противодействию") && d.word(k, "с") && k+1 < len(d.toks) && endsAny(d.toks[k+1].low, "ами", "ями", "ией", "ом") {
				k += 2
			}
			b = k
		case t.low == "г" && d.punct(b+1, ".") && d.capWord2(b+2):
			b += 3 // "г. Бишкек", "г. Алматы"
		case t.low == "по" && d.word(b+1, "г") && d.punct(b+2, ".") && d.capWord2(b+3):
			b += 4
		case ruComplementWords[t.low]:
			b++
		case t.cap && !t.caps || t.caps && len(t.t) > 1:
			if d.personAt(b) || d.month(b) > 0 {
				return b
			}
			// "В суде Гордеев рассказал": a surname that is the subject of the verb after it.
			if b+1 < len(d.toks) && t.cyr && !d.toks[b+1].cap && pastVerb(&d.toks[b+1]) {
				if ok, _ := d.names.surnameShape(t.t); ok {
					return b
				}
			}
			// A letterhead above the dateline: "Белорусский мониторинг свободы слова" /
			// "Минск, 22 ноября 2023 года".
			if t.nl > 0 && d.dateline != nil && d.dateline.a > b && d.dateline.a-b <= 4 {
				return b
			}
			// "судья Суда общей юрисдикции г. Еревана Артур Мнацаканян": a given name
			// the lists lack, then a surname, after the name is complete.
			// "преподаватель Ошского государственного университета Бурулкан Айдарова":
			// right after the head too.
			if d.capWord2(b+1) && !d.toks[b+1].caps {
				if ok, _ := d.names.surnameShape(d.toks[b+1].t); ok {
					return b
				}
			}
			if _, ok := ruAdjective(t.low); ok && ruGenAdj(t.low) {
				// "Мангистауской области", "Высшего судебного совета": adjectives and their noun.
				k := b + 1
				for k < len(d.toks) && ruGenAdj(d.toks[k].low) {
					k++
				}
				if k < len(d.toks) && d.toks[k].k == tWord && d.toks[k].nl == 0 {
					b = k + 1
					continue
				}
				return b
			}
			b++
			// A city or country rarely takes a second proper noun, but "Республики Казахстан" does.
			if d.word(b-1, "республики") && d.capWord2(b) {
				b++
			}
		case ruGenAdj(t.low):
			// "национальной безопасности", "теоретической и прикладной механики",
			// "свободной прессы", "трудовых прав", "водного хозяйства"
			k := b + 1
			for k < len(d.toks) && (ruGenAdj(d.toks[k].low) || d.word(k, "и") && k+1 < len(d.toks) && ruGenAdj(d.toks[k+1].low)) {
				k++
			}
			if k < len(d.toks) && d.toks[k].k == tWord && d.toks[k].nl == 0 && (ruComplementWords[d.toks[k].low] || d.toks[k].cap || ruGenitiveNoun(d.toks[k].low, d.toks[k-1].low)) {
				b = k + 1
				continue
			}
			return b
		default:
			return b
		}
	}
	return b
}

// ruBareGenitive reports a lower-case word of four letters or more that may be a noun in the
// genitive singular ("мониторинга", "труда", "защиты"), not a past verb ("осудила").
func ruBareGenitive(w string) bool {
	return utf8.RuneCountInString(w) >= 4 && endsAny(w, "а", "ы", "и") && !endsAny(w, "ла", "ли")
}

// ruGenitiveNoun reports a lower-case noun w in the genitive after the adjective adj that
// agrees with it: "прессы" after "свободной", "прав" after "трудовых", "хозяйства" after
// "водного". Not a past verb ("вынесла").
func ruGenitiveNoun(w, adj string) bool {
	if utf8.RuneCountInString(w) < 3 || endsAny(w, "ла", "ли", "ло") || w == "давности" { // "трёхлетней давности": of three years ago
		return false
	}
	switch {
	case endsAny(adj, "ой", "ей"): // feminine
		return endsAny(w, "ы", "и")
	case endsAny(adj, "ого", "его"): // masculine, neuter
		return endsAny(w, "а", "я")
	case endsAny(adj, "ых", "их"): // plural
		return endsAny(w, "ов", "ев", "ей", "ий") || consonantEnd(w)
	}
	return false
}

func (d *doc) capWord2(i int) bool {
	return i < len(d.toks) && d.toks[i].k == tWord && d.toks[i].cap
}

// ruGenAdj reports an adjective in the genitive (or dative plural): "национальной",
// "Мангистауской", "внутренних", "Высшего".
func ruGenAdj(w string) bool {
	end, ok := ruAdjective(w)
	if !ok {
		return false
	}
	switch end {
	case "ой", "ей", "ого", "его", "ых", "их", "ым", "им":
		return true
	}
	return false
}

// ruCaseGen reports a word that may be a noun in the genitive.
func ruCaseGen(w string) bool {
	return strings.HasSuffix(w, "а") || strings.HasSuffix(w, "и") || strings.HasSuffix(w, "ы") || strings.HasSuffix(w, "я")
}

// ruInstitutional reports a lower-case complement that makes a name of a head by itself:
// "Комитет национальной безопасности", "Министерство внутренних дел".
func ruInstitutional(s string) bool {
	low := strings.ToLower(s)
	for _, w := range []string{"безопасности", "внутренних дел", "по правам человека", "юстиции", "иностранных дел", "противодействию экстремизму", "по борьбе"} {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}

func upperFirst(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}

// classifyRu refines kind and level from the words of a Russian name.
func (d *doc) classifyRu(o *Org) {
	low := strings.ToLower(o.Name)
	switch {
	case o.Kind == "court":
		switch {
		case strings.Contains(low, "верховн"):
			o.Level = "supreme"
		case strings.Contains(low, "апелляцион"):
			o.Level = "appellate"
		case strings.Contains(low, "областн") || strings.Contains(low, "краев"):
			o.Level = "regional"
		case strings.Contains(low, "районн"):
			o.Level = "district"
		case strings.Contains(low, "городск"):
			o.Level = "city"
		case strings.Contains(low, "военн"):
			o.Level = "military"
		case strings.Contains(low, "специализирован"):
			o.Level = "specialised"
		}
		if i := strings.Index(low, "города "); i >= 0 {
			o.City = strings.Fields(o.Name[i+len("города "):])[0]
		}
	case strings.Contains(low, "безопасности"):
		o.Kind = "security service"
	case strings.Contains(low, "полици") || strings.Contains(low, "внутренних дел") || strings.Contains(low, "экстремизм"):
		o.Kind = "police"
	case strings.Contains(low, "адвокатск") || strings.Contains(low, "жюри") || strings.Contains(low, "квалификац") || strings.Contains(low, "этик"):
		o.Kind = "disciplinary body"
	case strings.Contains(low, "следствен"):
		o.Kind = "government"
	case strings.Contains(low, "правозащит") || strings.Contains(low, "по правам человека"):
		o.Kind = "ngo"
	}
}

// addOrg records a mention and marks its tokens.
func (d *doc) addOrg(m *orgMention) {
	// "International Trade Union Confederation3": a footnote marker glued to the last word.
	if n := len(m.org.Name); n > 2 && m.org.Name[n-1] >= '0' && m.org.Name[n-1] <= '9' {
		k := n
		for k > 0 && m.org.Name[k-1] >= '0' && m.org.Name[k-1] <= '9' {
			k--
		}
		if k > 0 && k >= n-2 && m.org.Name[k-1] >= 'a' && m.org.Name[k-1] <= 'z' {
			m.org.Name = m.org.Name[:k]
		}
	}
	for k := m.a; k < m.b; k++ {
		d.toks[k].used = true
	}
	d.orgs = append(d.orgs, m)
	d.orgEnd[m.b], d.orgStart[m.a] = m, m
}

// orgKey folds a name for comparison: case, quotes, punctuation and white space, and a
// leading article.
func orgKey(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	k := b.String()
	k = strings.TrimPrefix(k, "the ")
	return k
}

// sameRepublic reports a short form of a name that names a republic in full: "Верховный
// суд Таджикистана" for "Верховный суд Республики Таджикистан".
func sameRepublic(short, long string) bool {
	before, country, found := strings.Cut(long, " республики ")
	if !found || strings.Contains(country, " ") {
		return false
	}
	rest, ok := strings.CutPrefix(short, before+" ")
	return ok && strings.HasPrefix(rest, country) && len([]rune(rest))-len([]rune(country)) <= 2
}

// sameCourt reports a court named by its first word alone, "Мещанский суд" for "Мещанский
// районный суд г. Москвы", "the Kirovsky court" for "Kirovsky District Court of Tomsk": the
// way a text names again a court it has named in full.
func sameCourt(short, long string, o, x *Org) bool {
	if o.Kind != "court" || x.Kind != "court" {
		return false
	}
	first, rest, ok := strings.Cut(short, " ")
	if !ok || rest != "суд" && rest != "court" {
		return false
	}
	return strings.HasPrefix(long, first+" ")
}

// resolveOrgs makes one proposal of the mentions of each organisation: the same name folded,
// an acronym given in brackets, or a shorter form of a longer name ("Basmanny District
// Court" for "Basmanny District Court of Moscow").
func (d *doc) resolveOrgs() {
	byKey := map[string]*Org{}
	for _, m := range d.orgs {
		o := m.org
		if x, ok := d.acronymOf[o.Name]; ok && x != o {
			m.org = x
			x.Mentions = append(x.Mentions, d.span(m.a, m.b))
			continue
		}
		k := orgKey(o.Name)
		if x, ok := byKey[k]; ok {
			m.org = x
			x.Mentions = append(x.Mentions, d.span(m.a, m.b))
			continue
		}
		byKey[k] = o
		o.Mentions = append(o.Mentions, d.span(m.a, m.b))
		d.res.Orgs = append(d.res.Orgs, o)
	}
	// Shorter forms into longer ones.
	keys := make(map[*Org]string, len(d.res.Orgs))
	for _, o := range d.res.Orgs {
		keys[o] = orgKey(o.Name)
	}
	var keep []*Org
	for _, o := range d.res.Orgs {
		k := keys[o]
		var into *Org
		for _, x := range d.res.Orgs {
			if x == o {
				continue
			}
			xk := keys[x]
			// «Щит» is the group a masthead names "Правовая инициатива «Щит»", whatever
			// the words around it made of it.
			if len(xk) > len(k) && (strings.HasPrefix(xk, k+" ") || strings.HasSuffix(xk, " "+k)) && (x.Kind == o.Kind || strings.HasSuffix(x.Name, "»") && strings.HasSuffix(xk, " "+k)) || sameRepublic(k, xk) || sameCourt(k, xk, o, x) {
				into = x
				break
			}
		}
		if into == nil {
			keep = append(keep, o)
			continue
		}
		into.Mentions = append(into.Mentions, o.Mentions...)
		for _, m := range d.orgs {
			if m.org == o {
				m.org = into
			}
		}
	}
	d.res.Orgs = keep
}
