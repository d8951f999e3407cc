package extract

import (
	"slices"
	"strings"
)

// Groups: "both men", "all five", "the three defendants", "the other six defendants",
// "each of them", "всех пятерых", "обоих", "их" stand for people the document names
// elsewhere. A group is resolved to the defendants of the case when its number is theirs,
// else to the people named last before it.

// groupMention is a phrase at tokens [a, b) that stands for several persons.
type groupMention struct {
	a, b  int
	n     int    // how many, 0 when not said
	other bool   // "the other six", "the remaining three": not those named beside it
	them  bool   // a plural pronoun: the people of the clause or the group before
	role  string // "journalist" for "the journalists", or ""
	noun  int    // the plural noun of a group without a number, or 0
	count bool   // "N человек": a count that stands for people only when their number fits
	held  bool   // "остальных задержанных": the others of those held, not of the defendants
}

// collectives are Russian collective numerals and "both", in every case.
var collectives = map[string]int{
	"оба": 2, "обе": 2, "обоих": 2, "обеих": 2, "обоим": 2, "обеим": 2, "обоими": 2,
	"двое": 2, "двоих": 2, "двоим": 2, "трое": 3, "троих": 3, "троим": 3, "четверо": 4, "четверых": 4,
	"четверым": 4, "пятеро": 5, "пятерых": 5, "пятерым": 5, "шестеро": 6, "шестерых": 6, "шестерым": 6,
	"семеро": 7, "семерых": 7, "семерым": 7, "восьмеро": 8, "восьмерых": 8, "восьмерым": 8,
	"девятеро": 9, "девятерых": 9, "десятеро": 10, "десятерых": 10,
}

// groupNouns are plural nouns for the people of a case: "the three defendants", "all six
// journalists", "пятерых активистов".
var groupNouns = wordSet(`defendants accused men women activists journalists reporters protesters bloggers
	people members detainees lawyers residents students workers relatives colleagues staff
	обвиняемых обвиняемым фигурантов фигурантам активистов активистам журналистов журналистам
	подсудимых подсудимым членов участников участникам жителей жителям задержанных осуждённых осужденных осуждённым осужденным мужчин женщин`)

// pluralSubjects are Russian and Kazakh plural role nouns in the nominative, with their role.
var pluralSubjects = map[string]string{
	"активисты": "activist", "журналисты": "journalist", "блогеры": "blogger", "обвиняемые": "defendant", "подсудимые": "defendant", "фигуранты": "defendant",
	"белсенділер": "activist", "журналистер": "journalist", "блогерлер": "blogger", "сотталушылар": "defendant", "айыпталушылар": "defendant",
	"белсенділерді": "activist", "журналистерді": "journalist", "блогерлерді": "blogger", "сотталушыларды": "defendant", "айыпталушыларды": "defendant",
}

// objectRoles are Russian plural role nouns in the accusative, with their role.
var objectRoles = map[string]string{
	"журналистов": "journalist", "активистов": "activist", "блогеров": "blogger", "обвиняемых": "defendant",
	"подсудимых": "defendant", "фигурантов": "defendant", "осуждённых": "defendant", "осужденных": "defendant",
}

// groupAt reads a group phrase at token i, or returns nil.
func (d *doc) groupAt(i int) *groupMention {
	t := &d.toks[i]
	if t.k != tWord {
		return nil
	}
	w := func(k int, ws ...string) bool { return d.word(i+k, ws...) }
	// "most of the defendants", "двое из них": a part of a group says nothing of each.
	// "the youngest of the defendants", "one of the journalists": one of them.
	if w(-1, "of") && (d.mayCount(i-2) || w(-2, "most", "some", "many", "several", "few", "none", "half", "majority", "rest") ||
		i >= 2 && d.toks[i-2].k == tWord && strings.HasSuffix(d.toks[i-2].low, "est")) || w(-1, "из") {
		return nil
	}
	noun := func(k int) int { // the length of an optional plural noun at i+k
		if d.word(i+k, "of") && d.word(i+k+1, "them") {
			return 2
		}
		if i+k < len(d.toks) && groupNouns[d.toks[i+k].low] {
			return 1
		}
		return 0
	}
	if t.cyr {
		// "Белсенділер 12 наурызда ұсталды", "Активисты были задержаны 12 марта": a plural
		// role noun as a sentence's subject.
		if role := pluralSubjects[t.low]; role != "" && i == d.sents[t.sent].a {
			return &groupMention{a: i, b: i + 1, role: role, noun: i}
		}
		start := 0
		if w(0, "всех", "всем", "все", "всеми") {
			start = 1
		}
		if i+start < len(d.toks) {
			if n, ok := collectives[d.toks[i+start].low]; ok {
				l := start + 1
				l += noun(l)
				return &groupMention{a: i, b: i + l, n: n}
			}
		}
		if start == 1 {
			if n, l := d.count(i + 1); n > 1 && noun(1+l) > 0 {
				return &groupMention{a: i, b: i + 1 + l + 1, n: n}
			}
			// "всех фигурантов, кроме A": the defendants.
			if noun(1) > 0 && d.word(i+1, "фигурантов", "фигуранты", "обвиняемых", "обвиняемые", "подсудимых", "подсудимые", "осуждённых", "осужденных") {
				return &groupMention{a: i, b: i + 2}
			}
			// "Все двенадцать были задержаны": the number stands for the people, as the
			// subject of a verb.
			if n, l := d.count(i + 1); n > 1 && l == 1 && d.word(i+1+l, "были", "был", "получили", "были", "признаны", "задержаны", "арестованы", "освобождены") {
				return &groupMention{a: i, b: i + 1 + l, n: n}
			}
		}
		if n, l := d.count(i); n > 1 && l > 0 && noun(l) > 0 && !d.word(i-1, "из") && !d.punct(i+l+1, "(") {
			// "четырёх фигурантов", not "из пяти обвиняемых" nor a count of many.
			if n <= 10 && !d.anyWord(i+l, i+l+3, "человек") {
				return &groupMention{a: i, b: i + l + 1, n: n}
			}
		}
		// "одиннадцать человек перевели под домашний арест; Усенов оставался в СИЗО": a count
		// of people that, once the defendants are known, may be all of them but those named.
		if n, l := d.count(i); n > 1 && n <= 30 && l == 1 && d.word(i+1, "человек") && !d.word(i-1, "из", "около", "более", "свыше", "менее", "до", "всего") {
			return &groupMention{a: i, b: i + 2, n: n, other: true, count: true}
		}
		// "остальные покинули зал суда": the defendants not named beside it.
		if w(0, "остальные", "остальных", "остальным") && !w(1, "из", "дела", "обвинения", "эпизоды") {
			held := w(1, "задержанных", "задержанные", "задержанным")
			// "остальных четверых": the others, as many as it counts.
			if i+1 < len(d.toks) {
				if n, ok := collectives[d.toks[i+1].low]; ok {
					return &groupMention{a: i, b: i + 2 + noun(2), n: n, other: true}
				}
			}
			return &groupMention{a: i, b: i + 1, other: true, held: held}
		}
		// "суд отправил журналистов в СИЗО", "задержали активистов": a plural role noun as
		// the object of an event's verb stands for the people of that role.
		if groupNouns[t.low] && i > 0 && d.is(i-1, cEvent) && d.toks[i-1].cyr {
			// (Not the list the same word introduced elsewhere: "Журналистов A и B суд
			// оправдал" tells of two of them.)
			if role, ok := objectRoles[t.low]; ok {
				return &groupMention{a: i, b: i + 1, role: role}
			}
		}
		// Kazakh "олар", "оларды", "олардың" as Russian "они", "их".
		if w(0, "их", "им", "они", "олар", "оларды", "олардың", "оларға") && !d.word(i+1, "адвокат", "адвокаты", "родственники", "дела", "дело", "туыстары") {
			return &groupMention{a: i, b: i + 1, them: true}
		}
		return nil
	}
	switch {
	// Not "both in 2019 and 2020", but "remanded both in custody", "sentenced both to".
	case w(0, "both") && (!w(1, "the", "a", "in", "on", "at", "by", "for", "to") || w(1, "in", "to") && d.is(i-1, cEvent|cSentencing)):
		l := 1 + noun(1)
		return &groupMention{a: i, b: i + l, n: 2}
	case w(0, "all", "each") && w(1, "of") && w(2, "them"):
		return &groupMention{a: i, b: i + 3, them: true}
	case w(0, "each", "all") && w(1, "of") && w(2, "the"):
		if n, l := d.count(i + 3); n > 1 {
			return &groupMention{a: i, b: i + 3 + l + noun(3+l), n: n}
		}
		if i+3 < len(d.toks) && groupNouns[d.toks[i+3].low] {
			return &groupMention{a: i, b: i + 4, role: roleWords[d.toks[i+3].low], noun: i + 3}
		}
	case w(0, "all") && w(1, "except") && d.toks[i].cap:
		// "All except A were found guilty": the defendants but those named.
		return &groupMention{a: i, b: i + 1}
	case w(0, "all"):
		if n, l := d.count(i + 1); n > 1 && !d.unitAfter(i+1+l) {
			return &groupMention{a: i, b: i + 1 + l + noun(1+l), n: n}
		}
	case w(0, "the") && w(1, "others", "rest") && !w(2, "of") && !w(-1, "with", "from", "than", "among", "like", "unlike", "as"):
		// "the others to two years each", "the rest were released": the defendants not
		// named beside it.
		return &groupMention{a: i, b: i + 2, other: true}
	case w(0, "the"):
		k := i + 1
		other := false
		if w(1, "other", "remaining") {
			k++
			other = true
		}
		if n, l := d.count(k); n > 1 && !d.unitAfter(k+l) {
			// "the four remaining detainees", "the two other defendants": the word after the
			// number.
			if !other && d.word(k+l, "other", "remaining") && noun(k-i+l+1) > 0 {
				other = true
				l++
			}
			// "the three defendants", "the other six"; "The three were detained": a
			// number standing for people as the subject of a verb.
			// "remanded the four in custody": the object of an event word.
			if nl := noun(k - i + l); nl > 0 || other || d.word(k+l, "were", "have", "had", "are", "remain", "remained", "received", "denied", "pleaded", "who") ||
				d.is(i-1, cEvent) && d.word(k+l, "in", "into", "under", "to") {
				return &groupMention{a: i, b: k + l + nl, n: n, other: other}
			}
		}
		if k < len(d.toks) && groupNouns[d.toks[k].low] && !d.word(k+1, "of", "who", "whose") && !d.toks[k].poss {
			role := roleWords[d.toks[k].low]
			if role == "" && !d.word(k, "defendants", "accused") {
				return nil
			}
			return &groupMention{a: i, b: k + 1, other: other, role: role, noun: k}
		}
	case w(0, "their") && w(1, "appeals", "appeal", "convictions", "conviction", "verdicts", "verdict", "sentences", "acquittals", "cases", "case") && d.groupVerbBefore(i):
		// "rejected their appeals", "upheld their convictions": the people told before.
		return &groupMention{a: i, b: i + 2, them: true}
	case w(0, "their") && w(1, "detention", "arrest", "release", "transfer") && w(-1, "ordered", "authorised", "authorized", "sanctioned", "extended", "approved"):
		// "the court ordered their detention": the people told before.
		return &groupMention{a: i, b: i + 1, them: true}
	case w(0, "them") && d.groupVerbBefore(i):
		return &groupMention{a: i, b: i + 1, them: true}
	case w(0, "they") && w(1, "were", "have", "had", "are") && d.toks[i].cap:
		// "They were detained on arrival": the people named before, as a sentence's subject.
		return &groupMention{a: i, b: i + 1, them: true}
	case d.is(i, cNumber) && d.bareCountStart(i):
		// "Eight were taken into custody", "A and B were detained on Monday; four colleagues
		// the next day": a count of people standing alone, which is the defendants but those
		// named beside it only when their number fits, else a count.
		if n, l := d.count(i); n > 1 && n <= 30 && l == 1 {
			// Not "Four of them received prison terms": a part of a group.
			if nl := noun(1); nl > 0 && !w(1, "people", "of") || w(1, "were", "are", "have", "had", "others", "more") {
				if w(1, "others", "more") {
					nl = 1
				}
				return &groupMention{a: i, b: i + 1 + nl, n: n, other: true, count: true}
			}
		}
	}
	return nil
}

// bareCountStart reports a number at token i that opens its clause: at a sentence's start,
// or after a semicolon, a dash or "and", "while", "but"; not after a colon, where a title's
// count stands ("Gomel: four protesters sentenced, one to home confinement").
func (d *doc) bareCountStart(i int) bool {
	return i == d.sents[d.toks[i].sent].a || d.punct(i-1, ";", "—", "–") || d.word(i-1, "and", "while", "but", "whereas")
}

// unitAfter reports a unit of time or money at token i: "all three years" is no group.
func (d *doc) unitAfter(i int) bool {
	return d.unit(i) != 0 || i < len(d.toks) && currencies[d.toks[i].low] != ""
}

// groupVerbBefore reports a verb of the vocabulary right before a pronoun: "detained them",
// "released them", "sentenced them".
func (d *doc) groupVerbBefore(i int) bool {
	k := i - 1
	if k < 0 || d.toks[k].k != tWord {
		return false
	}
	return d.is(k, cEvent|cSentencing|cOutcome) || d.word(k, "for")
}

// findGroups records the group phrases of the text, by sentence.
func (d *doc) findGroups() {
	d.sentGroups = make([][]*groupMention, len(d.sents))
	for i := 0; i < len(d.toks); i++ {
		t := &d.toks[i]
		if t.skip || t.k != tWord || t.cls&cGroupStart == 0 {
			continue
		}
		if g := d.groupAt(i); g != nil {
			s := d.toks[i].sent
			d.sentGroups[s] = append(d.sentGroups[s], g)
			i = g.b - 1
		}
	}
}

// groupsIn returns the group phrases that start in tokens [a, b) of one sentence.
func (d *doc) groupsIn(a, b int) []*groupMention {
	if a >= b || a >= len(d.toks) || d.sentGroups == nil {
		return nil
	}
	var out []*groupMention
	for s := d.toks[a].sent; s < len(d.sents) && d.sents[s].a < b; s++ {
		for _, g := range d.sentGroups[s] {
			if g.a >= a && g.a < b {
				out = append(out, g)
			}
		}
	}
	return out
}

// defendants returns the people the case is against: those with an outcome, a sentence or a
// demand, and those named as defendants, in the order the text first names them.
func (d *doc) defendants() []*Person {
	if d.cast != nil {
		return d.cast
	}
	in := map[string]bool{}
	for _, o := range d.res.Outcomes {
		in[o.Person] = true
	}
	for _, p := range d.res.Sentences {
		in[p.Person] = true
	}
	for _, p := range d.res.Demands {
		in[p.Person] = true
	}
	var out []*Person
	for _, p := range d.res.Persons {
		if in[p.Name] || hasRole(p, "defendant") && !hasRole(p, "judge", "prosecutor", "investigator") && !p.counsel {
			out = append(out, p)
		}
	}
	if d.castReady {
		d.cast = out
	}
	return out
}

// protagonist returns the person a text is about when its claims name no one: the person
// named most often, twice or more and more often than anyone else, who is no
// official, lawyer or relative of someone.
func (d *doc) protagonist() *Person {
	var best *Person
	n, second := 0, 0
	for _, p := range d.res.Persons {
		if p.counsel || hasRole(p, "judge", "prosecutor", "lawyer", "investigator", "spouse", "relative", "chairman") {
			continue
		}
		switch m := len(p.Mentions); {
		case m > n:
			best, n, second = p, m, n
		case m > second:
			second = m
		}
	}
	if n < 2 || n == second {
		return nil
	}
	return best
}

// resolveGroup returns the persons a group phrase of sentence s stands for, and false when
// it needs the defendants, which are not known yet.
func (d *doc) resolveGroup(g *groupMention, s sentence) ([]*Person, bool) {
	named := map[*Person]bool{}
	var clause []*Person
	for _, m := range d.personsIn(s.a, s.b) {
		if m.p != nil && !m.pronoun && !m.roleNP && !d.official(m) && !d.toks[m.b-1].poss {
			if !named[m.p] {
				clause = append(clause, m.p)
			}
			named[m.p] = true
		}
	}
	if g.them {
		// The people of the clause before the pronoun, else the group told before.
		var before []*Person
		seen := map[*Person]bool{}
		for _, m := range d.personsIn(s.a, g.a) {
			if m.p != nil && !m.pronoun && !m.roleNP && !d.official(m) && !d.toks[m.b-1].poss && !seen[m.p] {
				seen[m.p] = true
				before = append(before, m.p)
			}
		}
		if len(before) >= 2 {
			return before, true
		}
		// The people of the clause before: "A to seven years, and B to the same term; the
		// prosecution had sought nine years for each of them".
		if si := d.toks[s.a].sent; si > 0 && d.sents[si-1].para == s.para {
			prev := d.sents[si-1]
			before = before[:0]
			// "A was sentenced to a fine; B, to a year. The court rejected their appeals":
			// the clauses joined by semicolons before are one sentence.
			add := func(a, b int) {
				for _, m := range d.personsIn(a, b) {
					if m.p != nil && !m.pronoun && !m.roleNP && !d.official(m) && !d.toks[m.b-1].poss && !seen[m.p] {
						seen[m.p] = true
						before = append(before, m.p)
					}
				}
			}
			add(prev.a, prev.b)
			if len(before) < 2 {
				for sj := si - 2; sj >= 0 && sj >= si-4 && d.sents[sj].para == s.para && d.punct(d.sents[sj].b-1, ";") && len(before) < 2; sj-- {
					add(d.sents[sj].a, d.sents[sj].b)
				}
			}
			if len(before) >= 2 {
				return before, true
			}
			// The group the sentence before told of: "both men were put on a flight. They
			// were detained on arrival".
			for _, pg := range d.sentGroups[si-1] {
				if pg.them {
					continue
				}
				ps, ok := d.resolveGroup(pg, prev)
				if !ok {
					return nil, false
				}
				if len(ps) >= 2 {
					return ps, true
				}
			}
		}
		return d.lastGroup, true
	}
	// "A and B, both businessmen, to 16 years each": the clause names as many as it counts.
	if g.n > 0 && !g.other && len(clause) == g.n {
		return clause, true
	}
	// "задержали A и B. Обоих отпустили вечером": the two the custody told just before
	// held, when it held as many as the group counts.
	if si := d.toks[s.a].sent; g.n > 0 && !g.other && len(d.held) == g.n && d.heldSent == si-1 && d.sents[si-1].para == s.para {
		return d.held, true
	}
	if !d.castReady {
		return nil, false
	}
	cast := d.scopedCast(d.defendants(), g)
	if g.held {
		// "Несколько человек были задержаны, в том числе X. Остальных задержанных отпустили":
		// the others are among those the custody told last held, not the case's defendants;
		// where it named one or none, they are not named.
		cast = d.held
	}
	if g.other {
		// Not those named in its sentence ("remanded A and B and placed the other six under
		// house arrest"), or in the sentence before ("A was detained. The other three...").
		for try := 0; try < 3; try++ {
			var rest []*Person
			for _, p := range cast {
				if !named[p] {
					rest = append(rest, p)
				}
			}
			if g.n == 0 || len(rest) == g.n {
				return rest, true
			}
			si := d.toks[s.a].sent
			switch {
			case try == 0 && g.count:
				// "одиннадцать человек перевели под домашний арест; Усенов оставался в СИЗО":
				// the clause after a semicolon names who is not of the count.
				if si+1 < len(d.sents) && d.punct(s.b-1, ";") {
					next := d.sents[si+1]
					for _, m := range d.personsIn(next.a, next.b) {
						if m.p != nil && !m.pronoun {
							named[m.p] = true
						}
					}
				}
			case try == 2 && g.count:
				return nil, true // a count that does not fit the defendants is a count
			case si > 0 && (!g.count || d.sents[si-1].para == s.para):
				// "A and B were detained on Monday; four colleagues the next day": not those
				// the clause or sentence before names.
				prev := d.sents[si-1]
				for _, m := range d.personsIn(prev.a, prev.b) {
					if m.p != nil && !m.pronoun {
						named[m.p] = true
					}
				}
			}
		}
		return nil, true
	}
	if g.n == 0 {
		// "the reporters": the list that word introduced, else all the defendants.
		if list := d.listOfNoun(g); len(list) >= 2 {
			return list, true
		}
		if len(cast) >= 2 && (g.role == "" || g.role == "defendant") {
			return cast, true
		}
		// "The activists were detained on 12 March": the defendants, where none of them is
		// named with another role.
		if len(cast) >= 2 && !slices.ContainsFunc(cast, func(p *Person) bool {
			return !hasRole(p, g.role) && slices.ContainsFunc(p.Roles, func(r string) bool { return r != "defendant" })
		}) {
			return cast, true
		}
		return nil, true
	}
	if len(cast) == g.n {
		return cast, true
	}
	// The last n people named before the phrase who are not officials.
	var recent []*Person
	seen := map[*Person]bool{}
	for k := len(d.persons) - 1; k >= 0 && len(recent) < g.n; k-- {
		m := d.persons[k]
		if m.a >= g.a || m.p == nil || m.pronoun || m.roleNP || d.official(m) || d.toks[m.b-1].poss || seen[m.p] {
			continue
		}
		if hasRole(m.p, "lawyer") && !hasRole(m.p, "defendant") {
			continue
		}
		seen[m.p] = true
		recent = append(recent, m.p)
	}
	if len(recent) == g.n {
		return recent, true
	}
	// "пятеро фигурантов были задержаны ... Гульмира Асанова 15 марта была помещена под
	// домашний арест": the defendants but those its paragraph names apart, when as many
	// are left as the group counts.
	if len(cast) > g.n && g.n > 1 {
		para := s.para
		apart := map[*Person]bool{}
		for _, m := range d.persons {
			if m.p != nil && !m.pronoun && (m.a < s.a || m.a >= s.b) && d.sents[d.toks[m.a].sent].para == para {
				apart[m.p] = true
			}
		}
		var rest []*Person
		for _, p := range cast {
			if !apart[p] {
				rest = append(rest, p)
			}
		}
		if len(rest) == g.n {
			return rest, true
		}
	}
	return nil, true
}

// listOfNoun returns the persons named in a list right after the last use of a group's noun
// before it: "reporters A, B and C ... each of the reporters".
func (d *doc) listOfNoun(g *groupMention) []*Person {
	if g.noun == 0 {
		return nil
	}
	w := d.toks[g.noun].low
	for k := g.a - 1; k >= 0; k-- {
		if d.toks[k].low != w || d.toks[k].k != tWord {
			continue
		}
		s := d.sents[d.toks[k].sent]
		var out []*Person
		end := k + 1
		for _, m := range d.personsIn(k+1, s.b) {
			if m.p == nil || m.a-end > 2 {
				break
			}
			for x := end; x < m.a; x++ {
				if !d.punct(x, ",") && !d.word(x, "and", "и") {
					return out
				}
			}
			out = append(out, m.p)
			end = m.b
		}
		return out
	}
	return nil
}

// scopedCast narrows the defendants a group may stand for to the men or the women where its
// noun says so ("each of the men", "всех мужчин").
func (d *doc) scopedCast(cast []*Person, g *groupMention) []*Person {
	if g.noun > 0 {
		want := ""
		switch d.toks[g.noun].low {
		case "men", "мужчин":
			want = "m"
		case "women", "женщин":
			want = "f"
		}
		if want != "" {
			var out []*Person
			for _, p := range cast {
				if p.Gender == want || p.Gender == "" {
					out = append(out, p)
				}
			}
			cast = out
		}
	}
	// A group points back: to those named before it ("each of the men"), where they are
	// enough, not to the defendants of a later section.
	if d.firstMention == nil {
		d.firstMention = map[*Person]int{}
		for _, m := range d.persons {
			if _, ok := d.firstMention[m.p]; m.p != nil && !ok {
				d.firstMention[m.p] = m.a
			}
		}
	}
	var before []*Person
	for _, p := range cast {
		if a, ok := d.firstMention[p]; ok && a < g.a {
			before = append(before, p)
		}
	}
	if g.n == 0 && len(before) >= 2 || g.n > 0 && len(before) == g.n {
		return before
	}
	return cast
}
