package extract

import (
	"slices"
	"strings"
	"time"
)

// eventWords are the first words of the phrases eventAt reads in context; a test keeps them
// in step. The other event words come from the vocabulary, events.txt.
var eventWords = wordSet(`can could may not pre-trial pretrial custody стражей detainees задержанных сизо sizo detention arrest held kept`)

// eventAt reads a word or phrase at token k that says an event of the vocabulary happened:
// its type and length. The phrases of events.txt say which words do, each in every
// inflected form; eventVeto drops the readings the words around them rule out.
func (d *doc) eventAt(k int) (string, int) {
	if !d.is(k, cEvent) {
		return "", 0
	}
	w := func(i int, ws ...string) bool { return d.word(k+i, ws...) }
	s := d.sents[d.toks[k].sent]
	switch {
	case (w(0, "may", "can", "could") && w(1, "not") && w(2, "leave") && (w(3, "the") && w(4, "country") || d.capWord2(k+3)) ||
		w(0, "not") && w(1, "allowed", "permitted") && w(2, "to") && w(3, "leave")) && !d.withoutPermission(k+3):
		return "travel ban", 1
	case w(0, "pre-trial", "pretrial") && w(1, "detention") && !w(2, "facility", "facilities", "centre", "center", "isolator", "unit") && (d.word(k-1, "in", "into", "to") && d.anyWord(s.a, k, "placed", "sent", "remanded", "ordered", "put") || d.word(k-1, "ordered", "orders", "imposed") ||
		d.word(k-1, "his", "her", "their", "the") && d.word(k-2, "ordered", "orders", "order", "imposed", "authorised", "authorized", "sanctioned", "approved")):
		// "the court ordered her pre-trial detention": a court's custody.
		return "arrest", 1
	case w(0, "detention") && (w(-1, "his", "her", "their") || w(-1, "the") && w(1, "of")) && w(-2, "ordered", "sanctioned", "authorised", "authorized", "approved"):
		// "the court ordered their detention": a court's custody, as "ordered his arrest".
		return "arrest", 1
	case w(0, "held", "kept") && w(1, "in") && w(2, "custody", "detention") && !w(3, "since") && d.anyWord(max(s.a, k-10), k, "ordered", "orders", "order"):
		// "ordered the four remaining detainees to be held in custody": a court's custody.
		return "arrest", 3
	case d.custodySince(k) != nil:
		return "arrest", 1 // "in custody since 3 May", "находится под стражей с 12 марта"
	case w(0, "pre-trial") && d.custodySince(k+1) != nil:
		return "arrest", 2 // "held in pre-trial detention since 20 November"
	case w(0, "detainees", "задержанных") && (w(-1, "среди", "among") || w(-1, "the") && w(-2, "among") || d.punct(k+1, "—", "–", ":")):
		return "detention", 1
	case w(0, "detention", "arrest") && w(-1, "of") && w(-2, "dates", "date") && d.punct(k+1, ":"):
		// "Dates of detention: A and B - 02.12.2024; C - 04.12.2024": a list of them.
		return d.toks[k].low, 1 // the noun is the type
	}
	typ, l := d.lexEventAt(k)
	if typ == "" || d.eventVeto(k, l, typ) {
		return "", 0
	}
	return typ, l
}

// otherCustody reports a trigger of an arrest or detention among triggers other than the
// one at k: "находится под стражей с 18 августа, когда его задержали".
func (d *doc) otherCustody(triggers []int, k int) bool {
	for _, x := range triggers {
		if x == k || x == k-1 || x == k+1 {
			continue
		}
		if typ, _ := d.eventAt(x); typ == "arrest" || typ == "detention" || typ == "house arrest" {
			return true
		}
	}
	return false
}

// custodySince returns the date of a custody told as a state since a day: "in custody
// since 3 May", "под стражей с 12 марта".
func (d *doc) custodySince(k int) *dateMention {
	// "in custody since", "held in pre-trial detention since", "под стражей с".
	inPre := d.word(k-1, "in") || d.word(k-1, "pre-trial") && d.word(k-2, "in")
	// "содержится в СИЗО-3 г. Гомеля с 20 апреля", "has been held in SIZO-1 since 3 May".
	if d.word(k, "сизо", "sizo") && d.word(k-1, "в", "in") && d.word(k-2, "содержится", "содержался", "содержалась", "содержатся", "содержались", "находится", "находился", "находилась", "held", "kept") {
		s := d.sents[d.toks[k].sent]
		for x := k + 1; x < min(k+8, s.b-1); x++ {
			if !d.word(x, "с", "since") {
				continue
			}
			for _, m := range d.sentDates[d.toks[k].sent] {
				if m.a == x+1 {
					return m
				}
			}
		}
		return nil
	}
	if !(d.word(k, "custody", "detention") && inPre || d.word(k, "стражей") && d.word(k-1, "под")) {
		return nil
	}
	// "the fourth prisoner to die in custody since January": a count of deaths.
	if d.word(k-2, "die", "died", "dying", "death", "deaths") {
		return nil
	}
	if !d.word(k+1, "since", "с") {
		return nil
	}
	for _, m := range d.sentDates[d.toks[k].sent] {
		if m.a == k+2 {
			return m
		}
	}
	return nil
}

// placeLeft are places and vehicles one is removed from without losing a post: "removed
// from a flight", "removed from the courtroom".
var placeLeft = wordSet(`flight flights plane aircraft bus train car vehicle ship ferry courtroom room hall
	building queue premises square street stage`)

// skipFillers returns the first token at or after k that is no article or possessive.
func (d *doc) skipFillers(k int) int {
	for k < len(d.toks) && lexFillers[d.toks[k].low] {
		k++
	}
	return k
}

// eventVeto reports a reading of the vocabulary that the words around it rule out: "the
// death penalty", "released a statement", "a search for", "pre-trial detention centre".
func (d *doc) eventVeto(k, l int, typ string) bool {
	w := func(i int, ws ...string) bool { return d.word(k+i, ws...) }
	t := &d.toks[k]
	lem := t.lem
	// "the UN Working Group on Arbitrary Detention": a word of an organisation's name.
	if t.used && t.cap && !t.cyr && k > 0 && d.toks[k-1].used && d.toks[k-1].cap {
		return true
	}
	// The object of a request: "просьбу о домашнем аресте".
	if t.cyr && d.word(k-1, "о", "об") {
		return true
	}
	// "Протокол задержания не составлялся": the record of a detention names no new one.
	if t.cyr && d.word(k-1, "протокол", "протокола", "протоколе", "протоколом", "протоколы") {
		return true
	}
	// A Russian participle in its long form names people ("адвокат задержанного"), its short
	// form says what happened to them ("задержан").
	if l == 1 && t.cyr && (strings.HasSuffix(lem, "нный") || strings.HasSuffix(lem, "тый")) && ruLongForm(t.low) {
		return true
	}
	switch typ {
	case "arrest":
		switch lem {
		case "arrest":
			return w(-1, "house", "administrative") || w(1, "warrant", "warrants")
		case "remand":
			// "were remanded on 17 May" is custody; not "remanded on bail", "remanded to house
			// arrest", "held on remand", "a remand hearing".
			// Nor the noun alone: "3. Detentions, searches and remand".
			return w(-1, "on") || w(1, "hearing", "hearings", "prison", "centre", "center") || d.anyWord(k+1, min(d.sents[t.sent].b, k+5), "bail", "house", "home") ||
				t.low == "remand" && !d.anyWord(k+1, min(d.sents[t.sent].b, k+5), "custody", "detention", "prison", "jail")
		case "арестовать", "арестованный":
			return d.adminArrest(k)
		}
	case "detention":
		if lem == "detain" || lem == "detention" || lem == "apprehend" {
			// "the detention was extended", "extended his detention": a custody's extension,
			// no new event.
			if lem == "detention" && (w(1, "was", "were") && (w(2, "extended", "prolonged") || strings.HasSuffix(d.word2(k+2), "ly") && w(3, "extended", "prolonged")) || d.word(k-1, "extended", "prolonged") || d.word(k-2, "extended", "prolonged") && d.word(k-1, "his", "her", "their", "the")) {
				return true
			}
			// "sentenced him to 15 days of administrative detention": a penalty for an
			// offence, served in the custody that began when he was detained.
			if lem == "detention" && w(-1, "administrative") && d.anyWord(k-5, k, "days", "day", "sentenced", "serving", "served", "serve") {
				return true
			}
			// "at the detention hearing": a noun before another names no event.
			return w(-1, "pre-trial", "pretrial", "temporary", "in", "into", "from", "of") || w(1, "centre", "center", "facility", "facilities", "centres", "hearing", "hearings")
		}
	case "search":
		if lem == "search" || lem == "raid" {
			// "during a search of her cell", "a search of the punishment block": a prison's
			// routine, no search of a home or an office.
			if w(1, "of") && d.anyWord(k+2, min(d.sents[t.sent].b, k+5), "cell", "cells", "block", "ward", "barracks", "barrack", "unit") {
				return true
			}
			return w(1, "for") || t.low == "search" && !w(1, "of", "at", "in")
		}
	case "dismissal":
		switch lem {
		case "dismiss", "remove", "fire", "sack", "oust":
			// "removed from the verdict the charge of insulting": a charge struck out.
			if d.word(k+1, "from") && d.anyWord(k+2, min(d.sents[t.sent].b, k+5), "verdict", "indictment", "judgment", "judgement", "conviction", "charges") {
				return true
			}
			// "removed her from office": a dismissal.
			if w(1, "him", "her", "them") && w(2, "from") && w(3, "office", "post", "position", "job", "duties", "bench", "work") && !w(-1, "to") {
				return false
			}
			// "removed from a flight", "taken off and removed from the courtroom": a place left,
			// not a post.
			if x := d.skipFillers(k + 1); d.word(k+1, "from") && placeLeft[d.toks[min(d.skipFillers(k+2), len(d.toks)-1)].low] || d.word(x, "from") && x > k+1 && placeLeft[d.toks[min(d.skipFillers(x+1), len(d.toks)-1)].low] {
				return true
			}
			// Not "to remove him from the campaign" (a purpose) nor "removing people from the room".
			return !(w(1, "from", "as") || w(2, "from") || w(-1, "was", "were", "been")) || w(1, "the", "his", "her", "their", "a", "an", "all") ||
				w(-1, "to") || strings.HasSuffix(t.low, "ing")
		case "suspend":
			return !w(-1, "was", "were") || w(1, "sentence") || d.near(k, k+1, d.sents[t.sent], []string{"licence", "license", "membership", "status"})
		case "уволить", "отстранить", "отстранённый", "уволенный":
			return false
		}
	case "disciplinary action":
		// "коллегия исключила эпизод с поджогом", "исключила из обвинения признак": a part of
		// a charge struck out on appeal, no one expelled.
		if strings.HasPrefix(lem, "исключ") && d.anyWord(k+1, min(d.sents[t.sent].b, k+4), "эпизод", "эпизоды", "обвинения", "приговора", "квалифицирующий", "признак", "доказательств", "статью", "статьи") {
			return true
		}
		// "прекратила в отношении него дисциплинарное производство", "dropped the disciplinary
		// proceedings", "declined to open disciplinary proceedings": proceedings ended or
		// refused, no sanction.
		if lem == "disciplinary" || lem == "дисциплинарный" {
			if d.anyWord(max(d.sents[t.sent].a, k-8), k, "прекратила", "прекратил", "прекратили", "прекращено", "отказала", "отказал", "отказались", "отказалась",
				"dropped", "closed", "terminated", "discontinued", "declined", "refused", "ended") {
				return true
			}
		}
		if lem == "disciplinary" {
			return w(1, "commission", "committee", "board", "body", "commissions")
		}
		// "spent 94 days in ShIZO", "has been held in a punishment cell since", "lost
		// consciousness in the punishment cell": the cell as a place; the event is being put
		// there ("placed in a punishment cell", "водворяли в ШИЗО").
		if d.cellWord(k) && !d.placedBefore(k) {
			return true
		}
	case "disruption":
		return w(1, "by") && t.low != "disrupted" && t.low != "dispersed"
	case "torture allegation":
		if d.toks[k].cyr {
			return false
		}
		if t.low == "torture" && w(-1, "the") && w(1, "of") {
			return false // "the torture of prisoners"
		}
		// "was beaten on the night of ...", "beaten on 3 May": a passive with its time.
		passiveOn := w(1, "on") && w(-1, "was", "were", "been", "being", "had", "and")
		return w(-1, "convention", "against", "about", "the") || w(1, "up") && lem != "beat" || w(1, "the", "a", "on", "out", "into") && !passiveOn ||
			d.anyWord(k-6, k, "risk", "danger") // "in danger of being subjected to torture"
	case "release":
		switch lem {
		case "release", "free":
			if t.low == "free" || t.low == "release" || t.low == "releases" {
				return !(w(1, "from") && w(2, "custody", "prison", "detention", "jail"))
			}
			return w(1, "of", "a", "an", "its", "their", "statement", "report", "video", "footage") || w(2, "statement", "report", "video", "footage", "book", "list") ||
				d.toHouseArrest(k) // "released him to house arrest" is a house arrest
		case "освободить", "освобождённый", "отпустить":
			return w(1, "от") || d.toHouseArrest(k)
		}
	case "house arrest":
		// "the five who had been under house arrest", "remained under house arrest": a state
		// told as background, not the day it began.
		if w(-1, "under") && (w(-2, "been") && w(-3, "had") || w(-2, "remained", "remain", "remains", "stayed")) && !d.word(k+l, "since", "from") {
			return true
		}
		// "который всё это время находился под домашним арестом", "оставалась под домашним
		// арестом": the same in Russian, where the sentence gives no day ("с 5 апреля
		// находились под домашним арестом" tells its start).
		if w(-1, "под") && d.anyWord(max(d.sents[t.sent].a, k-3), k-1, "находился", "находилась", "находились", "находится", "находятся", "оставался", "оставалась", "оставались", "остаётся", "остается") &&
			len(d.datesIn(d.sents[t.sent].a, d.sents[t.sent].b)) == 0 {
			return true
		}
		// "his time in pre-trial detention and under house arrest counted towards the term":
		// a time spent, not a measure imposed.
		if w(-1, "under") && d.anyWord(max(d.sents[t.sent].a, k-7), k, "time", "spent", "period") {
			return true
		}
		// "after a court revoked his house arrest", "домашний арест отменили": its end.
		if revoked := []string{"revoked", "revoke", "revokes", "lifted", "cancelled", "canceled", "отменил", "отменила", "отменили", "отменён", "отменен", "снял", "сняла", "сняли", "снят"}; d.anyWord(max(d.sents[t.sent].a, k-3), k, revoked...) ||
			d.anyWord(k+l, min(d.sents[t.sent].b, k+l+3), revoked...) {
			return true
		}
		// "освободили из-под домашнего ареста", "released from house arrest": its end.
		// "продлил домашний арест", "house arrest extended": its extension.
		return w(-1, "из-под", "from") || d.anyWord(max(d.sents[d.toks[k].sent].a, k-5), k, "продлил", "продлила", "продлили", "продлён", "продлен", "extended", "prolonged") ||
			d.word(k+l, "продлён", "продлен", "продлена") || d.word(k+l, "was", "were") && d.word(k+l+1, "extended", "prolonged")
	case "travel ban":
		// "Мельник и Сенкевич оставались на свободе под подпиской о невыезде", "remained
		// under a travel ban": a state told as background, not the day it began.
		if d.anyWord(max(d.sents[t.sent].a, k-4), k, "оставались", "оставался", "оставалась", "остались", "остался", "осталась", "remained", "remains", "stayed") {
			return true
		}
		// "до суда находились под подпиской о невыезде": the same, unless told with its start.
		if d.anyWord(max(d.sents[t.sent].a, k-3), k, "находились", "находился", "находилась") && !d.anyWord(k+l, min(d.sents[t.sent].b, k+l+3), "с", "со") {
			return true
		}
		// "the prohibition on his leaving the country was lifted", "сняли запрет на выезд": the
		// ban's end, not its start.
		if lifts := []string{"lifted", "lift", "lifts", "cancelled", "canceled", "revoked", "снят", "сняли", "снял", "сняла", "отменён", "отменен", "отменили", "отменил", "отменила"}; d.anyWord(max(d.sents[t.sent].a, k-3), k, lifts...) ||
			d.anyWord(k+l, min(d.sents[t.sent].b, k+l+5), lifts...) {
			return true
		}
		// "may not leave Oral without the permission of the probation service": a town a
		// sentence of restricted freedom keeps one in, not a ban on leaving the country.
		if d.withoutPermission(k + l) {
			return true
		}
		// "prohibited from leaving her home at night": a restriction of a sentence, not a
		// ban on leaving the country.
		for j := k + 1; j < min(k+l+3, len(d.toks)); j++ {
			if d.word(j, "home", "house", "flat", "apartment", "дом", "дома", "квартиру", "жилище") {
				return true
			}
		}
	case "death":
		if d.toks[k].cyr {
			return w(1, "угрозы", "угроз", "угрозами")
		}
		return w(1, "threats", "threat", "penalty", "sentence", "sentences") || w(-1, "to")
	}
	return false
}

// lawyerTelling reports a lawyer p named in sentence s before the event word at k as the
// teller of it, about a client: "Адвокат X рассказал, что ... его подзащитного", "X said
// that officers beat his client".
func (d *doc) lawyerTelling(s sentence, k int, p *Person) bool {
	if !hasRole(p, "lawyer") || hasRole(p, "defendant") {
		return false
	}
	client := false
	for x := s.a; x < s.b; x++ {
		if w := d.word2(x); w == "client" || strings.HasPrefix(w, "подзащитн") {
			client = true
		}
	}
	if !client {
		return false
	}
	for _, m := range d.personsIn(s.a, k) {
		if m.p == p && (d.anyWord(m.b, min(k, m.b+3), sayVerbs...) || d.anyWord(m.b, min(k, m.b+3), "говорит", "утверждает", "writes", "пишет")) {
			return true
		}
	}
	return false
}

// clientNamed returns the person sentence s names as the lawyer's client: right after
// "representing", "defending", "client" or "подзащитного" ("the lawyer representing A", "his
// client A"), or nil.
func (d *doc) clientNamed(s sentence, lawyer *Person) *Person {
	for _, m := range d.personsIn(s.a, s.b) {
		x := m.a - 1
		if d.word(x, "the", "his", "her") {
			x--
		}
		if m.p != nil && m.p != lawyer && !m.pronoun && (d.word(x, "representing", "defending", "client") || strings.HasPrefix(d.word2(x), "подзащитн")) {
			return m.p
		}
	}
	return nil
}

// notHeld reports a sentence that says, before token k, that its person was questioned as a
// witness or was not detained: "не задерживалась — её допросили в качестве свидетеля",
// "was not detained but questioned as a witness".
func (d *doc) notHeld(s sentence, k int) bool {
	for x := s.a; x < k; x++ {
		t := &d.toks[x]
		if t.k != tWord {
			continue
		}
		if strings.HasPrefix(t.low, "свидетел") || t.low == "witness" && d.word(x-1, "a", "as") {
			return true
		}
		if d.word(x, "не") && strings.HasPrefix(d.word2(x+1), "задерживал") || d.word(x, "not") && d.word(x+1, "detained") {
			return true
		}
	}
	// "was summoned to the GKNB and questioned; he was released the same evening", "вызвали
	// в ГКНБ «на беседу» и отпустили": called in, not taken into custody.
	// The clause before a semicolon is read too.
	a := s.a
	if si := d.toks[s.a].sent; si > 0 && d.punct(s.a-1, ";") && d.sents[si-1].para == s.para {
		a = d.sents[si-1].a
	}
	if d.anyWord(a, k, "summoned", "вызвали", "вызывали", "вызван", "вызвана") {
		for x := a; x < k; x++ {
			if d.is(x, cEvent) {
				if typ, _ := d.eventAt(x); custodyType(typ) {
					return false
				}
			}
		}
		return true
	}
	return false
}

// cellWord reports a word of a punishment cell at k: "punishment cell", "ShIZO", "ШИЗО",
// "штрафной изолятор".
func (d *doc) cellWord(k int) bool {
	switch d.toks[k].lem {
	case "punishment", "shizo", "isolation", "шизо", "штрафной":
		return true
	}
	return d.word(k, "punishment", "shizo", "isolation", "шизо", "штрафной", "штрафном", "штрафного")
}

// placedBefore reports a verb of putting someone somewhere in the few words before k:
// "placed in a punishment cell", "помещали в ШИЗО".
func (d *doc) placedBefore(k int) bool {
	for x := max(d.sents[d.toks[k].sent].a, k-7); x < k; x++ {
		w := d.word2(x)
		if d.word(x, "placed", "put", "sent", "moved", "transferred", "confined", "locked", "thrown", "placing", "putting", "sending", "spent", "провёл", "провел", "провела") ||
			strings.HasPrefix(w, "помещ") || strings.HasPrefix(w, "помест") || strings.HasPrefix(w, "водвор") || strings.HasPrefix(w, "отправ") ||
			strings.HasPrefix(w, "перевел") || strings.HasPrefix(w, "перевед") || strings.HasPrefix(w, "посад") {
			return true
		}
	}
	return false
}

// withoutPermission reports "without (the) permission" a few words after token b: "may not
// leave Oral without the permission of the probation service" keeps one in a town under a
// sentence of restricted freedom, no ban on leaving the country.
func (d *doc) withoutPermission(b int) bool {
	e := min(d.sents[d.toks[min(b, len(d.toks)-1)].sent].b, b+9)
	return d.anyWord(b, min(e, b+6), "without", "без") && d.anyWord(b, e, "permission", "consent", "разрешения", "согласия")
}

// toHouseArrest reports "under", "to" or "into" house arrest within a few words after k.
func (d *doc) toHouseArrest(k int) bool {
	for j := k + 1; j < min(k+8, d.sents[d.toks[k].sent].b); j++ {
		if d.word(j, "under", "to", "into") && d.word(j+1, "house") || d.word(j, "под") && d.word(j+1, "домашний") {
			return true // "отпустил Асатрян под домашний арест"
		}
		if d.word(j, "and", "и") || d.punct(j, ",") {
			return false // "released in the courtroom and placed under house arrest": two events
		}
	}
	return false
}

// ruLongForm reports a Russian adjective or participle in its long (attributive) form:
// "задержанного", "арестованные", not "задержан", "арестованы".
func ruLongForm(w string) bool {
	for _, e := range [...]string{"ый", "ий", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему", "ым", "им", "ом", "ем", "ой", "ей", "ую", "юю", "ых", "их", "ыми", "ими", "ою", "ею"} {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// anyWord reports one of the words in tokens [a, b).
func (d *doc) anyWord(a, b int, ws ...string) bool {
	for k := max(a, 0); k < b && k < len(d.toks); k++ {
		if d.word(k, ws...) {
			return true
		}
	}
	return false
}

// adminArrest reports "арестовал на 15 суток": an administrative arrest is a sentence, not
// an arrest in a criminal case.
func (d *doc) adminArrest(k int) bool {
	for x := k + 1; x < min(k+8, len(d.toks)); x++ {
		if d.word(x, "суток", "сутки", "days") {
			return true
		}
	}
	return false
}

// counted reports a count of people just before an event word at k: "more than 16,000
// people have been detained", "defended more than forty people detained": many people, not
// one event.
func (d *doc) counted(a, k int) bool {
	people := func(x int) bool {
		return d.anyWord(x, x+6, "people", "persons", "protesters", "demonstrators", "participants", "detainees", "lawyers", "journalists", "activists",
			"bloggers", "members", "defenders", "believers", "students", "workers", "человек", "граждан", "участников", "протестующих", "адвокатов",
			"журналистов", "активистов", "блогеров", "членов", "верующих")
	}
	// "at least 380 cases since 2022 in which relatives were dismissed", "более 40 случаев,
	// когда ...": what the counted cases were.
	for x := a; x < k; x++ {
		if d.word(x, "cases", "instances", "случаев", "случая") && (d.num(x-1) > 1 || d.word(x-1, "dozens", "hundreds", "thousands", "десятки", "сотни", "десятков", "сотен")) &&
			d.anyWord(x+1, min(k, x+8), "which", "where", "когда", "которых") {
			return true
		}
	}
	for x := max(a, k-10); x < k; x++ {
		if d.word(x, "thousands", "hundreds", "dozens", "десятки", "сотни", "десятков", "сотен") && people(x+1) {
			return true
		}
		if d.word(x, "more", "over", "least", "более", "свыше", "около", "менее") && people(x+1) {
			return true
		}
		// Not the year of a date: "On 3 April 2025 the bloggers A and B were detained".
		if n := d.num(x); n >= 10 && people(x+1) && !d.word(x+1, "of") && !d.toks[x].used {
			return true
		}
		// "recorded more than 500 administrative detentions", "более 300 задержаний": a count
		// of the events themselves; "more than two were detained": of people.
		if n := d.num(x); n >= 10 && k-x <= 3 && !d.toks[x].used && !d.word(x+1, "of") && d.pluralEventNoun(k) {
			return true
		}
		if d.word(x, "more", "over") && d.word(x+1, "than") && d.mayCount(x+2) && d.word(x+3, "were", "have", "had") {
			return true
		}
	}
	return false
}

// events finds the events of sentence si, with their dates and persons.
func (d *doc) events(si int) {
	s := d.sents[si]
	if d.heading(s) {
		return // "Arrest and pre-trial detention": a section's title tells no event
	}
	// "beaten during his arrest": the date of the arrest told before. And the event words of
	// the sentence, each of which owns the dates nearest to it.
	refDate := ""
	var triggers []int
	for k := s.a; k < s.b; k++ {
		if typ, _ := d.eventAt(k); typ != "" && !d.ofUnnamed(k) {
			triggers = append(triggers, k)
			if x := d.toldBefore(k, typ); x != nil && x.Date != "" {
				refDate = x.Date
			}
		} else if d.word(k, "release", "arrest", "detention", "освобождения", "ареста", "задержания") && d.word(k-1, "his", "her", "their", "его", "её", "ее", "их") {
			// "Upon his release", "after her arrest": an event told before, whose date this is.
			typ := map[string]string{"release": "release", "освобождения": "release", "arrest": "arrest", "ареста": "arrest", "detention": "detention", "задержания": "detention"}[d.toks[k].low]
			if x := d.toldBefore(k, typ); x != nil && x.Date != "" {
				refDate = x.Date
			}
		}
	}
	d.triggers = triggers
	d.tableEvents(si)
	for k := s.a; k < s.b; k++ {
		typ, l := d.eventAt(k)
		if typ == "" {
			continue
		}
		unnamed := d.ofUnnamed(k) // proposed without a person
		// "Её не задерживали — допросили в качестве свидетеля и отпустили", "questioned as
		// a witness and let go": no custody to be released from.
		if typ == "release" && d.notHeld(s, k) {
			k += l - 1
			continue
		}
		if d.modal(s.a, k) && !(typ == "travel ban" && d.word(k, "may", "can", "not")) || d.counted(s.a, k) && !d.countIsCast(s, k) || d.appealBefore(s.a, k) ||
			typ == "disciplinary action" && d.requestBefore(s.a, k) || custodyType(typ) && d.requestBefore(max(s.a, k-2), k) {
			k += l - 1
			continue
		}
		// "находится под стражей с 18 августа, когда его задержали": the custody is the
		// detention or arrest the sentence tells.
		if d.custodySince(k) != nil && d.otherCustody(triggers, k) {
			k += l - 1
			continue
		}
		// "after his arrest" names an event told before; "since his arrest on 9 June 2022"
		// tells it with its date.
		if d.toldBefore(k, typ) != nil && !d.datedRightAfter(k+l) || d.possessedNoun(k, l) {
			k += l - 1
			continue
		}
		// "were arrested in the following weeks: A and B on 3 December, C and D on 13
		// January": each item of the list after a colon with its own persons and date.
		if items := d.datedItems(k+l, s); len(items) >= 2 {
			for _, it := range items {
				for _, p := range it.persons {
					d.addEvent(&Event{Type: typ, Date: it.date.iso, Person: p.Name, Mentions: []Span{d.span(k, k+l)}})
				}
				d.setWhat(it.date.iso, typ)
			}
			d.sentEvent[si] = items[len(items)-1].date.iso
			k += l - 1
			continue
		}
		official := typ != "dismissal" && typ != "disciplinary action"
		var persons []*Person
		if (typ == "torture allegation" || typ == "detention" || typ == "arrest" || typ == "release") && !unnamed {
			// "the victims of torture, A, B, C and D"
			var after []*Person
			seen := map[*Person]bool{}
			first := -1 // where the list after the event word begins
			// "remanded A, B and C in custody and released D on bail": the names before the
			// next event word, not those of its clause.
			end := s.b
			for _, t := range d.triggers {
				if t >= k+l {
					end = t
					break
				}
			}
			for _, m := range d.personsIn(k+l, end) {
				if first < 0 {
					first = m.a
				}
				if m.p == nil || d.toks[m.b-1].poss || m.pronoun || seen[m.p] {
					continue
				}
				if hasRole(m.p, "judge", "prosecutor", "lawyer") && !hasRole(m.p, "defendant") {
					continue
				}
				seen[m.p] = true
				after = append(after, m.p)
			}
			// Right after the event word, not past a date and another clause's names:
			// "задержали на следующий день, 4 июня, C и D — 5 июня".
			if len(after) >= 2 && d.listAfter(k+l, s.b) && first-(k+l) <= 3 {
				persons = after
			}
		}
		d.fromGroup = false
		// "searched the flat of his colleague Anna Lisova": the home's owner, named after it.
		if persons == nil && !unnamed && typ == "search" {
			persons = d.homeOwnerAfter(k+l, s)
		}
		// "detained A, B and C and searched their homes": the homes of those held.
		if persons == nil && !unnamed && typ == "search" && len(d.held) >= 2 && d.heldSent >= si-1 && d.sents[d.heldSent].para == s.para && d.theirHomes(k+l, s) {
			persons = d.held
		}
		// "Rauf Guliyev had his flat searched on the day of her detention": the one who had it
		// searched, not the "her" after it, on the day of her own detention.
		var ownOf *Person // whose event "her detention" names, where not the event's person
		if persons == nil && !unnamed && typ == "search" && homeWords[d.word2(k-1)] && d.word(k-2, "his", "her", "their") && d.word(k-3, "had", "has", "have") {
			ms := d.personsIn(s.a, k-3)
			for x := len(ms) - 1; x >= 0; x-- {
				if m := ms[x]; m.p != nil && !m.pronoun && !d.toks[m.b-1].poss {
					persons = []*Person{m.p}
					break
				}
			}
			for _, m := range d.personsIn(k+1, s.b) {
				if len(persons) == 1 && m.pronoun && m.p != nil && m.p != persons[0] {
					ownOf = m.p
				}
			}
		}
		// "police searched the outlet's office and detained A and B": the office's search,
		// of no one named.
		officeSearch := typ == "search" && persons == nil && d.officeAfter(k+l, s)
		if persons == nil && !unnamed && !officeSearch {
			persons = d.eventPersons(k, k+l, s, official)
		}
		// "Адвокат X рассказал, что силовики ударили его подзащитного", "lawyer X said that
		// officers beat his client": the lawyer tells, the client underwent it.
		if len(persons) == 1 && official && d.lawyerTelling(s, k, persons[0]) {
			// The client is whom the story told an event of last, else the one defendant.
			lawyer := persons[0]
			persons = nil
			if c := d.clientNamed(s, lawyer); c != nil {
				// "X, the lawyer representing A, said that his client had been beaten"
				persons = []*Person{c}
			} else if cast := d.defendants(); d.lastOf != nil && d.lastOf != lawyer && !hasRole(d.lastOf, "lawyer") {
				persons = []*Person{d.lastOf}
			} else if len(cast) == 1 {
				persons = cast
			} else {
				k += l - 1
				continue
			}
		}
		// "Адвокат X Асқармен кездесті. ... оны ұрып ... айтты": ill-treatment told by a
		// lawyer, whom a pronoun seems to name, is of the one defendant.
		if len(persons) == 1 && typ == "torture allegation" && hasRole(persons[0], "lawyer") && !hasRole(persons[0], "defendant") {
			if cast := d.defendants(); len(cast) == 1 {
				persons = cast
			}
		}
		// "Кулешова забрали 3 марта, Савицкого, Жук и Ковалёва — на следующий день": the
		// clause after the comma leaves out the verb; its persons are told apart with their
		// own date.
		for _, it := range d.gappedItems(k+l, d.withGappedClause(si)) {
			for _, p := range it.persons {
				persons = slices.DeleteFunc(persons, func(x *Person) bool { return x == p })
				d.addEvent(&Event{Type: typ, Date: it.date.iso, Person: p.Name, Mentions: []Span{d.span(k, k+l)}})
			}
			d.setWhat(it.date.iso, typ)
		}
		date := d.eventDate(si, k, refDate, typ)
		// "Nino was detained a week after Levan": counted from that person's own event.
		if x := d.afterPerson(k+l, s, typ); x != "" {
			date = x
		}
		// "information concerning the arrest and detention of Mr X", "investigate the
		// allegations of ill-treatment": what a letter is about, told without a day of its
		// own, is no new event.
		if d.aboutNoun(k) && !d.ownDay(s) {
			k += l - 1
			continue
		}
		if len(persons) == 0 && typ == "search" && !unnamed {
			persons = d.homeOfLast(s)
		}
		if len(persons) == 0 && typ == "search" && !unnamed {
			persons = d.searchedNext(si)
		}
		// "two days later a court ordered his arrest. In late January the measure was changed
		// to house arrest": a custody's next step, told in a sentence that names no one, is of
		// the person of the event just before, in the same paragraph.
		if len(persons) == 0 && !unnamed && (typ == "house arrest" || typ == "arrest" || typ == "release") && d.lastOf != nil && d.lastOfSent >= si-1 && d.lastOfSent < si &&
			d.sents[d.lastOfSent].para == s.para && len(d.personsIn(s.a, s.b)) == 0 && len(d.sentGroups[si]) == 0 {
			persons = []*Person{d.lastOf}
		}
		// "On 2 October, sixteen people were released. Among them were A and B": those named.
		if len(persons) == 0 && !unnamed {
			persons = d.amongThem(s)
		}
		// "Бауыржан Кенжебаев — 3 года ограничения свободы. Освобождён из-под стражи в зале
		// суда.": a sentence that opens with a short participle and names no one is of the
		// person of the sentence before, of the participle's gender.
		if len(persons) == 0 && !unnamed && k == s.a && d.toks[k].cyr && si > 0 && d.sents[si-1].para == s.para && len(d.personsIn(s.a, s.b)) == 0 {
			if g := shortParticipleGender(d.toks[k].low); g != 0 {
				var one *Person
				for _, m := range d.personsIn(d.sents[si-1].a, d.sents[si-1].b) {
					if m.p == nil || m.pronoun || d.official(m) || d.toks[m.b-1].poss || m.p.Gender != "" && m.p.Gender != string(g) {
						continue
					}
					if one != nil && one != m.p {
						one = nil
						break
					}
					one = m.p
				}
				if one != nil {
					persons = []*Person{one}
				}
			}
		}
		// A dispersal happens to a gathering, not to the people named beside it: one event.
		if typ == "disruption" {
			persons = nil
		}
		if len(persons) == 0 {
			d.addEvent(&Event{Type: typ, Date: date, Mentions: []Span{d.span(k, k+l)}})
			if typ == "detention" && date != "" && !unnamed && d.peopleCount(s, k) {
				d.countDet, d.countDetSent = date, si
			}
		}
		inferred := ""
		if d.fromGroup {
			inferred = "a group phrase names the person"
		}
		each := d.afterEach(s, k)
		if each == nil && len(persons) == 1 {
			each = d.duringOwn(s)
		}
		// "A and B were detained on 11 September, C on 12 September. All three were remanded
		// in custody": a remand told without a day follows the detentions on a day the text
		// does not give; the day the story has reached is one of theirs, or before it.
		if typ == "arrest" && date != "" && !slices.ContainsFunc(d.datesIn(s.a, s.b), func(m *dateMention) bool { return m.iso == date }) && slices.ContainsFunc(d.res.Events, func(e *Event) bool {
			return e.Type == "detention" && e.Date >= date && slices.ContainsFunc(persons, func(p *Person) bool { return p.Name == e.Person })
		}) {
			persons = nil
		}
		if custodyType(typ) && len(persons) >= 2 {
			d.held, d.heldSent = persons, si
		}
		// "The government replied on 19 December 2023 that all six had been lawfully
		// detained": a custody told again in someone's words, of those whose custody the text
		// has dated, is no new one on the day of the words.
		if custodyType(typ) && d.pluperfectReported(s, k) {
			persons = slices.DeleteFunc(slices.Clone(persons), func(p *Person) bool {
				return slices.ContainsFunc(d.res.Events, func(e *Event) bool { return custodyType(e.Type) && e.Person == p.Name && e.Date != "" })
			})
		}
		for _, p := range persons {
			d.lastOf, d.lastOfSent = p, si
			pd := date
			if each != nil {
				// "Two days after each detention the court remanded them": each person's own.
				owner := p
				if ownOf != nil {
					owner = ownOf
				}
				if x := d.eachDate(each, owner); x != "" {
					pd = x
					d.setWhat(x, typ)
				}
			}
			// "he was beaten in the van", "его избили в отделе полиции": ill-treatment told
			// with a place or moment of the custody's start is of the day of the person's
			// detention told before.
			if pd == "" && typ == "torture allegation" && d.custodyCue(s) {
				if x := d.firstCustodyOf(p, k); x != "" {
					pd = x
					if inferred == "" {
						inferred = "dated by the person's detention, where the text places it"
					}
				} else {
					// The detention may be told later: "a lawyer said his client was beaten
					// in the police. ... He was detained on 13 January."
					if d.tortureInCustody == nil {
						d.tortureInCustody = map[string]bool{}
					}
					d.tortureInCustody[p.Name] = true
				}
			}
			d.addEvent(&Event{Type: typ, Date: pd, Person: p.Name, Inferred: inferred, Mentions: []Span{d.span(k, k+l)}})
			// "The other three were released after questioning": held for questioning that
			// day, a detention the text tells only by its end.
			if typ == "release" && pd != "" && d.afterQuestioning(s) {
				d.heldForQuestioning = append(d.heldForQuestioning, &Event{Type: "detention", Date: pd, Person: p.Name, Inferred: "released after questioning the same day", Mentions: []Span{d.span(k, k+l)}})
			}
		}
		if date != "" {
			d.setWhat(date, typ)
			d.sentEvent[si] = date
		}
		k += l - 1
	}
	d.namedAfterCount(si)
}

// afterQuestioning reports a sentence that tells a release after questioning: "released
// after questioning", "отпустили после допроса".
func (d *doc) afterQuestioning(s sentence) bool {
	return d.anyWord(s.a, s.b, "questioning", "interrogation") && d.anyWord(s.a, s.b, "after", "following") ||
		d.anyWord(s.a, s.b, "допроса") && d.anyWord(s.a, s.b, "после")
}

// requestBefore reports a request for the measure a few words before token k: "asked the
// Council to open disciplinary proceedings", "ходатайствовал о возбуждении дисциплинарного
// производства". Asked for is not done.
func (d *doc) requestBefore(a, k int) bool {
	for x := k - 1; x >= max(a, k-10); x-- {
		if d.word(x, "who", "which", "whom", "когда", "который", "которая", "которые", "которого", "которую") {
			return false
		}
		if d.word(x, "asked", "asks", "requested", "requests", "petitioned", "applied", "sought", "proposed", "recommended",
			"просил", "просила", "просили", "просит", "просят", "попросил", "попросила", "ходатайствовал", "ходатайствовала", "обратился", "обратилась", "потребовал", "потребовала", "предложил", "предложила") {
			return true
		}
	}
	return false
}

// pluralEventNoun reports an event word at k that is a plural noun: "detentions", "searches",
// "задержаний", "обысков".
func (d *doc) pluralEventNoun(k int) bool {
	return d.word(k, "detentions", "arrests", "searches", "raids", "dismissals", "releases", "задержаний", "обысков", "арестов", "увольнений")
}

// namedAfterCount proposes the detention of a count of people told in the sentence before
// for those sentence s names as released or still held: "Eleven people were detained. Most
// were released that night; A and B remained in custody."
func (d *doc) namedAfterCount(si int) {
	s := d.sents[si]
	if d.countDet == "" || si <= d.countDetSent || si-d.countDetSent > 3 || d.sents[d.countDetSent].para != s.para || !d.heldOrFreed(s) {
		return
	}
	for _, m := range d.personsIn(s.a, s.b) {
		if m.p == nil || m.pronoun || m.roleNP || d.official(m) || d.toks[m.b-1].poss || d.kinOf(m) || hasRole(m.p, "lawyer") && !hasRole(m.p, "defendant") {
			continue
		}
		d.addEvent(&Event{Type: "detention", Date: d.countDet, Person: m.p.Name, Inferred: "named after a count of those detained", Mentions: []Span{d.span(m.a, m.b)}})
	}
}

// heldOrFreed reports a sentence that tells a release or a custody that went on: "was
// released the following day", "remained in custody", "остались под стражей".
func (d *doc) heldOrFreed(s sentence) bool {
	for k := s.a; k < s.b; k++ {
		if d.word(k, "remained", "remain", "remains", "stayed", "остались", "оставались", "остался", "оставался", "осталась", "оставалась") &&
			(d.word(k+1, "in") && d.word(k+2, "custody", "detention") || d.word(k+1, "под") && d.word(k+2, "стражей")) {
			return true
		}
		if d.is(k, cEvent) {
			if typ, _ := d.eventAt(k); typ == "release" {
				return true
			}
		}
	}
	return false
}

// peopleCount reports a count of people in sentence s, of an event word at k: "Eleven
// people were detained", "all nine were", "задержаны девять человек".
func (d *doc) peopleCount(s sentence, k int) bool {
	for x := s.a; x < s.b; x++ {
		if n, l := d.count(x); n > 1 && l > 0 && (x+l == k || d.word(x+l, "people", "persons", "were", "are", "человек") || d.word(x+l+1, "were", "are")) {
			return true
		}
	}
	for _, g := range d.groupsIn(s.a, s.b) {
		if g.n > 1 {
			return true
		}
	}
	return false
}

// shortParticipleGender returns the gender a Russian short passive participle shows
// ("освобождён" 'm', "задержана" 'f'), or 0.
func shortParticipleGender(w string) byte {
	switch {
	case strings.HasSuffix(w, "ён") || strings.HasSuffix(w, "ен") || strings.HasSuffix(w, "ан") || strings.HasSuffix(w, "ят") || strings.HasSuffix(w, "ит"):
		return 'm'
	case strings.HasSuffix(w, "ена") || strings.HasSuffix(w, "ана") || strings.HasSuffix(w, "ята") || strings.HasSuffix(w, "ита"):
		return 'f'
	}
	return 0
}

// ofUnnamed reports an event word in a relative clause of a common noun: "according to a
// former inmate who was released the next week" tells of someone the text does not name; so
// does a part of a group as the subject: "one of our trial monitors was detained".
func (d *doc) ofUnnamed(k int) bool {
	s := d.sents[d.toks[k].sent]
	// "filming officers arresting a protester": an object no name follows.
	if !d.toks[k].cyr && d.word(k+1, "a", "an", "another") && d.unit(k+2) == 0 && !d.word(k-1, "was", "were", "been", "be", "being", "is", "are") {
		y := k + 2
		for y < min(s.b, k+5) && d.toks[y].k == tWord && !d.toks[y].cap {
			y++
		}
		if y > k+2 && !(y < s.b && d.toks[y].cap) && !(d.punct(y, ",") && y+1 < s.b && d.toks[y+1].cap) {
			return true
		}
	}
	x := k - 1
	for x > s.a && d.word(x, "was", "were", "had", "has", "have", "been", "being") {
		x--
	}
	if x < k-1 {
		for y := x; y > max(s.a, x-5); y-- {
			t := &d.toks[y]
			if t.k != tWord || t.cap && y > s.a {
				break
			}
			if d.word(y, "of") {
				if d.word(y-1, "one", "two", "three", "some", "several", "many", "few") {
					return true
				}
				break
			}
		}
	}
	// "two of the women were taken to a police station and released": some of a group
	// the text does not name, the subject of the clause.
	for y := k - 1; y > max(s.a, k-14); y-- {
		if d.anyPunct(y, y+1, ";", ":") {
			break
		}
		if n, l := d.count(y - 1); d.word(y, "of", "из") && n > 0 && l == 1 && !d.isYear(y-1) && len(d.personsIn(y, k)) == 0 && (y-1 == s.a || d.punct(y-2, ",") || d.word(y-2, "and", "и", "but", "а")) {
			return true
		}
	}
	for x := k - 1; x >= max(s.a+1, k-4); x-- {
		if d.word(x, "who", "который", "которая", "которые") {
			// The subject of the clause ("who was released"), after a noun; not after a noun
			// in apposition to a name ("Sona Mkrtchyan, a member of the board who was
			// detained"), which is the name's.
			p := &d.toks[x-1]
			return p.k == tWord && !p.cap && !rolePrepositions[p.low] && !d.appositionOfName(x)
		}
		if !d.word(x, "was", "were", "is", "had", "has", "been", "later", "then", "subsequently", "был", "была", "были", "позже", "затем") {
			return false
		}
	}
	return false
}

// appositionOfName reports words in lower case before token x that stand in apposition to
// a name, after its comma: "Sona Mkrtchyan, a member of the party's board".
func (d *doc) appositionOfName(x int) bool {
	s := d.sents[d.toks[x].sent]
	for y := x - 1; y > max(s.a, x-10); y-- {
		if d.punct(y, ",") {
			return slices.ContainsFunc(d.personsIn(s.a, y), func(m *personMention) bool { return m.b == y && !m.pronoun && m.p != nil })
		}
		if d.toks[y].k != tWord || d.toks[y].cap {
			return false
		}
	}
	return false
}

// custodyCues are the places and moments of a custody's first hours: "in the van", "at the
// police station", "during his arrest", "в отделе полиции", "при задержании".
var custodyCues = wordSet(`van minibus minivan bus car vehicle station precinct detention arrest arrested detained
	interrogation questioning evening night автозаке автозак микроавтобусе машине отделе отделение отделении
	участке задержании задержания допросе допроса департамента управления полиции милиции ночь`)

// custodyCue reports a sentence that places its event in a custody's first hours: a cue word
// after a preposition ("in the van", "during his arrest", "on the first evening", "в отделе").
func (d *doc) custodyCue(s sentence) bool {
	for k := s.a; k < s.b; k++ {
		// Kazakh "ұсталған түні" ("on the night he was detained").
		if d.word(k, "ұсталған") && d.word(k+1, "түні", "күні") {
			return true
		}
		if !custodyCues[d.toks[k].low] {
			continue
		}
		x := k - 1
		// "в ту же ночь", "in the building of the directorate" ("в здании управления").
		for d.word(x, "the", "his", "her", "their", "a", "police", "first", "same", "его", "её", "ее", "их", "полиции", "ту", "же", "здании") {
			x--
		}
		if d.word(x, "of") && d.word(x-1, "back", "rear") { // "in the back of a van"
			x -= 2
			for d.word(x, "the") {
				x--
			}
		}
		// "in detention" is any day of a custody; "during his detention", "при задержании"
		// its first hours.
		if d.word(k, "detention", "arrest", "arrested", "detained", "interrogation", "questioning") && !d.word(x, "during", "upon", "when", "after") {
			continue
		}
		// "dragged to a police vehicle", "pushed into the van": on the way into custody.
		if d.word(x, "in", "at", "during", "upon", "on", "inside", "when", "to", "into", "в", "во", "при", "на") {
			return true
		}
	}
	return false
}

// firstCustodyOf returns the date of the first detention or arrest of p told before token k,
// or "".
func (d *doc) firstCustodyOf(p *Person, k int) string {
	best := ""
	for _, e := range d.res.Events {
		if e.Person != p.Name || e.Date == "" || len(e.Date) < 10 || e.Type != "detention" && e.Type != "arrest" {
			continue
		}
		if best == "" || e.Date < best {
			best = e.Date
		}
	}
	return best
}

// appealBefore reports an appeal before token k in its sentence ("calls on the authorities
// to release", "требует ... прекратить практику заключения под стражу"): what it asks for
// has not happened. A relative clause after it ("who was detained on 3 May") tells a fact.
func (d *doc) appealBefore(a, k int) bool {
	for x := k - 1; x >= a; x-- {
		if d.word(x, "who", "which", "whom", "когда", "который", "которая", "которые", "которого", "которую") {
			return false
		}
		if d.word(x, "calls", "call", "urge", "urges", "urged", "demand", "demands", "lift", "призывает", "призываем", "призывают", "призывали", "призвали", "призвал", "призвала", "требует", "требуют", "требуем") {
			return true
		}
	}
	return false
}

// eventNounsPossessed are the nouns of events that, after a possessive, name an event
// already told rather than a new one: "Kalandadze's detention was later changed to bail".
var eventNounsPossessed = wordSet(`detention arrest release search death dismissal expulsion disbarment
	задержание задержания задержанию задержанием задержании арест ареста аресту арестом аресте освобождение освобождения смерть смерти`)

// possessedNoun reports an event noun of one word after a possessive ("his detention",
// "Kalandadze's arrest", "его задержания") that has no date of its own in its sentence.
func (d *doc) possessedNoun(k, l int) bool {
	if l != 1 || !eventNounsPossessed[d.toks[k].low] || !(k > 0 && d.toks[k-1].poss || d.word(k-1, "his", "her", "their", "его", "её", "ее", "их")) {
		return false
	}
	// "the court ordered his arrest": a decision makes the event.
	if d.word(k-2, "ordered", "orders", "sanctioned", "authorised", "authorized", "approved", "санкционировал", "санкционировала", "санкционировали") {
		return false
	}
	// "rejected his complaint against his detention on 30 June": the day is the ruling's.
	if d.word(k-2, "against") {
		return true
	}
	s := d.sents[d.toks[k].sent]
	for _, m := range d.datesIn(k+1, min(s.b, k+5)) {
		if !m.until {
			return false // "his arrest on 3 May"
		}
	}
	return true
}

// datedRightAfter reports a day, month or year told right after token b ("on 9 June 2022").
func (d *doc) datedRightAfter(b int) bool {
	s := d.sents[d.toks[min(b, len(d.toks)-1)].sent]
	for _, m := range d.datesIn(b, min(s.b, b+3)) {
		if !m.until && !m.rel && m.a == b+1 && d.word(b, "on", "in") {
			return true
		}
	}
	return false
}

// heading reports a sentence that is a title on a line of its own: a few words without a
// full stop, a line break after them.
func (d *doc) heading(s sentence) bool {
	if s.b-s.a > 8 || s.b >= len(d.toks) || d.toks[s.b].nl == 0 || !d.toks[s.a].cap {
		return false
	}
	last := d.toks[s.b-1]
	return last.k == tWord && (s.a == 0 || d.toks[s.a].nl > 0)
}

// listAfter reports a list of names after token a: commas and "and" between capitalised words.
func (d *doc) listAfter(a, b int) bool {
	commas := 0
	for k := a; k < b; k++ {
		if d.punct(k, ",") {
			commas++
		}
	}
	return commas >= 2
}

// eventPersons returns the person an event happened to: with a passive verb ("X was detained")
// the subject before it, else the object after it ("detained X", "searched her flat"), else the
// nearest person of the sentence.
func (d *doc) eventPersons(a, b int, s sentence, official bool) []*Person {
	// "the family of a prisoner who had died", "a man who was detained": the event of an
	// unnamed person of a relative clause is no named person's.
	// "The relatives of X ... have been subjected to searches": unnamed kin, not X.
	if x := s.a + 1; d.word(s.a, "the") && d.word(x, kinWordList...) && d.word(x+1, "of") && d.anyWord(x+2, a, "have", "has", "were", "was") {
		return nil
	}
	if w := d.relativeSubject(a); w >= 0 && d.toks[w-1].k == tWord && !d.toks[w-1].cap && d.word(w-2, "a", "an", "another", "one") && !d.appositionOfName(w) {
		return nil
	}
	// "Зураб Микеладзе, которого через двое суток отпустили", "A, whom police released":
	// the relative pronoun stands for the name before its comma.
	for x := a - 1; x > s.a+1 && x >= a-6; x-- {
		if d.anyPunct(x, x+1, ".", ";", ":", "—", "(", ")") {
			break
		}
		if !d.word(x, "которого", "которую", "которых", "whom") || !d.punct(x-1, ",") {
			continue
		}
		for _, m := range d.personsIn(s.a, x) {
			if m.b == x-1 && m.p != nil && !m.pronoun {
				return []*Person{m.p}
			}
		}
		break
	}
	var before, after, dated *personMention
	for _, m := range d.personsIn(s.a, s.b) {
		if m.p != nil && m.a > a && m.b <= b {
			// The object inside the phrase: "barred her from leaving", "отправил активиста
			// под стражу".
			if list := d.listAround(m, s); len(list) > 1 {
				return list
			}
			return []*Person{m.p}
		}
		if m.p == nil || m.a >= a && m.a < b {
			continue
		}
		if official && d.official(m) && m.pronoun && !d.word(m.a-1, "by") {
			// "He was released" after "requested by the prosecutor", "Judge X presiding,
			// granted the motion to arrest him": the pronoun's nearest antecedent that is no
			// official.
			if p := d.antecedentNotOfficial(m); p != nil {
				c := *m
				c.p, c.role = p, ""
				m = &c
			}
		}
		if official && d.official(m) || d.kinOf(m) || d.excepted(m) {
			continue
		}
		// "searched the house of X's parents": the parents' home, not X's.
		if m.b > 0 && d.toks[m.b-1].poss && d.anyWord(m.b, m.b+1, kinWordList...) && d.homeOf(m) {
			continue
		}
		// "detained Hasanova's husband, Farid Guliyev", "X's brother was detained": the kin's
		// event, named after the kin word or not at all.
		// (Not past a comma after the event word: "after her husband was remanded in custody,
		// Khamitov's wife, G, was dismissed" tells of another clause.)
		// So is "a reprimand to X's lawyer, Y": the lawyer's.
		if !m.pronoun && m.b > 0 && d.toks[m.b-1].poss && (d.anyWord(m.b, min(m.b+2, s.b), kinWordList...) || roleWords[d.word2(m.b)] != "") && (m.b <= a || !d.commaIn(b, m.a)) {
			continue
		}
		// "Zaur Mehdiyev, who represented A and B, had his licence suspended": a name inside
		// a relative clause closed before the event word is not its subject.
		if m.b <= a && d.inClosedRelative(m, a, s) {
			continue
		}
		// "через неделю после задержания Соколовой уволили её мужа": the name after an
		// earlier event's noun dates this one; it is its subject only if no other is named.
		if m.b <= a && d.afterEventNoun(m) {
			if before == nil {
				dated = m
			}
			continue
		}
		if m.b <= a {
			before = m
		} else if after == nil && !d.word(m.b, "said", "says", "told", "added", "recalled", "заявил", "заявила", "рассказал", "рассказала", "сообщил", "сообщила") {
			after = m // not the speaker of the words: "..., his mother Halina said"
		}
	}
	if before == nil && after == nil {
		before = dated
	}
	passive := d.word(a-1, "was", "were", "been", "be", "being", "is", "are", "got", "get") || d.word(a-2, "was", "were", "been") ||
		d.toks[a].cyr && (strings.HasSuffix(d.toks[a].low, "н") || strings.HasSuffix(d.toks[a].low, "на") || strings.HasSuffix(d.toks[a].low, "ны") || strings.HasSuffix(d.toks[a].low, "ли"))
	var gBefore, gAfter *groupMention
	for _, g := range d.groupsIn(s.a, s.b) {
		switch {
		case g.b <= a:
			gBefore = g
		case g.a > a && g.b <= b:
			gAfter = g // the object inside the phrase: "отправил их под стражу"
			passive = false
		case g.a >= b && gAfter == nil:
			gAfter = g
		}
	}
	switch {
	case passive && gBefore != nil && (before == nil || before.a < gBefore.a):
		return d.groupPersons(gBefore, s) // "All seven were remanded in custody"
	case !passive && gAfter != nil && gAfter.a-b <= 6 && (after == nil || after.a > gAfter.a) && !(before != nil && d.anyPunct(b, gAfter.a, ",", ";")):
		return d.groupPersons(gAfter, s) // "detained them", "задержали пятерых членов комитета"
	case !passive && gBefore != nil && a-gBefore.b <= 3 && (before == nil || before.a < gBefore.a):
		return d.groupPersons(gBefore, s) // "placed the other six defendants under house arrest"
	case before == nil && after == nil && gBefore != nil:
		return d.groupPersons(gBefore, s)
	case before == nil && after == nil && gAfter != nil:
		return d.groupPersons(gAfter, s)
	}
	var pick *personMention
	// "Вместе с ним был задержан оператор Зураб Микеладзе": the subject after the verb.
	inverted := d.toks[a].cyr && d.word(a-1, "был", "была", "были", "было") && after != nil && after.a-b <= 2 && !after.pronoun
	// "placed Orlov under house arrest, and on the same day Lisova ... was made to sign",
	// "placed Orlov under house arrest and released Lisova": the object right before the
	// trigger, not a name of the clause after "and".
	objectBefore := before != nil && after != nil && !before.pronoun && a-before.b <= 2 && d.anyWord(b, after.a, "and", "but", "while", "whereas", "а", "и", "но")
	// Kazakh puts the object before its verb: "Сейітқалиев пен Нұрланұлын ... қамауға алды, ал
	// Тілеубаеваны үй қамағына жіберді".
	sov := d.kk && d.toks[a].cyr && before != nil && !before.pronoun && !d.anyPunct(before.b, a, ",", ";", ":", "—")
	// "избрал Абдуллаеву меру пресечения в виде заключения под стражу, Эргашевой —
	// домашний арест": whom the measure is chosen for, before it.
	measureFor := before != nil && !before.pronoun && d.toks[a].cyr && a-before.b <= 6 && d.anyWord(before.b, a, "меру", "мера") && !d.anyPunct(before.b, a, ",", ";", ".")
	switch {
	case inverted:
		pick = after
	case sov || measureFor:
		pick = before
	case passive && before != nil || objectBefore:
		pick = before
	case after != nil && after.a-b <= 6:
		pick = after
	case before != nil:
		pick = before
	case after != nil:
		pick = after
	}
	if pick == nil {
		return nil
	}
	// "Садыкову и Осмонова перевели под домашний арест": everyone of the list.
	list := d.listAround(pick, s)
	if len(list) == 0 {
		list = []*Person{pick.p}
	}
	// "detained Ramil Huseynov and five colleagues": the list and the others the count
	// stands for, when the case has them.
	if g := gAfter; g != nil && g.count && d.word(g.a-1, "and", "и") {
		x := g.a - 1
		if d.punct(x-1, ",") {
			x--
		}
		for _, m := range d.personsIn(s.a, g.a) {
			if m.b == x && m.p != nil && slices.Contains(list, m.p) {
				for _, p := range d.groupPersons(g, s) {
					if !slices.Contains(list, p) {
						list = append(list, p)
					}
				}
				break
			}
		}
	}
	return list
}

// afterEventNoun reports a name that completes the noun of another event after a preposition
// of time: "после задержания Соколовой", "a week after the arrest of Sokolov", "since the
// detention of X". Such a name dates an event; it is not who underwent it.
func (d *doc) afterEventNoun(m *personMention) bool {
	if m.pronoun {
		return false // "после задержания его избили": the pronoun is the object of the verb after
	}
	x := m.a - 1
	if d.word(x, "of") {
		x--
	}
	if t, _ := d.eventAt(x); t == "" {
		return false
	}
	if d.word(x-1, "the") {
		x--
	}
	return d.word(x-1, "после", "до", "момента", "дня", "день", "after", "before", "since", "following", "until")
}

// listAround returns the persons of the list a mention is part of: mentions joined by
// commas, "and" or "и" and nothing else.
func (d *doc) listAround(m *personMention, s sentence) []*Person {
	var ms []*personMention
	for _, o := range d.personsIn(s.a, s.b) {
		// "in the case of Aigul Akberdiyeva, Judge Gulnara Baiturova rendered": a judge
		// beside a name is no part of its list.
		// "He and Hayk Avetisyan were taken away": a subject pronoun joined to a name by
		// "and" is one of the list.
		subj := o.pronoun && d.word(o.a, "he", "she") && d.word(o.b, "and") && o.p != nil
		if o.p != nil && (!o.pronoun || subj) && !o.roleNP && (o == m || !d.official(o)) {
			ms = append(ms, o)
		}
	}
	idx := -1
	for i, o := range ms {
		if o == m {
			idx = i
		}
	}
	if idx < 0 {
		return nil
	}
	joined := func(a, b *personMention) bool {
		if b.a-a.b < 1 || b.a-a.b > 4 {
			return false
		}
		if d.appositionBetween(a.b, b.a) {
			return true // "editor A, accountant B and C"
		}
		// "blogger A and retired army officer B": "and" and what the next one is, in lower
		// case, as after a comma.
		// "the cameraman A and the accountant B": with its article too.
		if d.word(a.b, "and") && b.a-a.b <= 4 && (d.descriptor(a.b+1, b.a) || d.word(a.b+1, "the", "his", "her") && d.descriptor(a.b+2, b.a)) {
			return true
		}
		// "observer A and short-term observer B": words in lower case before the role word of
		// the next name, after "and" or a comma, join too.
		roleGap := roleWords[d.word2(b.a-1)] != "" && (d.word(a.b, "and", "и") || d.punct(a.b, ","))
		for x := a.b; x < b.a; x++ {
			if roleGap && x > a.b && d.toks[x].k == tWord && !d.toks[x].cap && !relativeWords[d.toks[x].low] {
				continue
			}
			// "Mr. A and Mr. B": a title and its full stop.
			if d.word(x, "mr", "mrs", "ms", "dr") || d.punct(x, ".") && d.word(x-1, "mr", "mrs", "ms", "dr") {
				continue
			}
			// "editor A and the reporter B": an article before a role word joins too.
			// Kazakh joins names with "пен", "мен", "бен" or "және".
			if !d.punct(x, ",") && !d.word(x, "and", "и", "вместе", "с", "together", "with", "along", "пен", "мен", "бен", "және") && !(d.toks[x].k == tWord && roleWords[d.toks[x].low] != "" && x > a.b) &&
				!(d.word(x, "the") && x > a.b && roleWords[d.word2(x+1)] != "") {
				return false
			}
		}
		return true
	}
	lo, hi := idx, idx
	for lo > 0 && joined(ms[lo-1], ms[lo]) {
		lo--
	}
	for hi+1 < len(ms) && joined(ms[hi], ms[hi+1]) {
		hi++
	}
	var out []*Person
	seen := map[*Person]bool{}
	for _, o := range ms[lo : hi+1] {
		p := o.p
		// "брата A Мухтара Ерназарова и мать B Алтынай Кдырбаеву": the kin, not B.
		if o.kinOwner {
			for _, n := range d.personsIn(o.b, o.b+1) {
				p = n.p
			}
		}
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

// toldBefore returns the event an event word at k refers back to, when it does: "during his
// arrest", "after the search", "во время задержания" name an event already told, of the same
// type (an arrest and a detention are told of alike).
func (d *doc) toldBefore(k int, typ string) *Event {
	back := k - 1
	if d.word(back, "his", "her", "their", "the", "its", "его", "её", "ее", "их") {
		back--
	}
	if d.word(back, "each", "every") {
		back-- // "after each detention"
	}
	ref := d.word(back, "время") && d.word(back-1, "во") || d.word(back, "during", "after", "before", "since", "following", "upon", "после", "до", "при") && !strings.HasSuffix(d.toks[k].low, "ed") ||
		d.word(back, "со", "с") && d.word(back-1, "связи") || // "в связи со смертью"
		back < k-1 && d.word(back, "of", "against", "about") || // "the extension of his detention"
		d.word(back, "as") && d.word(back-2, "same") || // "the same day as the raid"
		d.word(back, "день", "ночь") && d.word(back-1, "в", "во") // "в день задержания"
	if !ref {
		return nil
	}
	// The event of that type told last with a date, else any of that type; the one of a
	// person the sentence names before it, when there is one ("Jikia told the court that after
	// his detention ...").
	named := map[string]bool{}
	s := d.sents[d.toks[k].sent]
	for _, m := range d.personsIn(s.a, k) {
		if m.p != nil {
			named[m.p.Name] = true
		}
	}
	var found, theirs *Event
	for _, e := range d.res.Events {
		if e.Type == typ || (typ == "arrest" || typ == "detention") && (e.Type == "arrest" || e.Type == "detention") {
			if found == nil || e.Date != "" {
				found = e
			}
			// The most precise of theirs: "в начале марта" for the group, "3 марта" for them.
			if named[e.Person] && (theirs == nil || len(e.Date) > len(theirs.Date)) {
				theirs = e
			}
		}
	}
	if theirs != nil && theirs.Date != "" {
		return theirs
	}
	return found
}

// vagueAfter reports "after" or "before" in tokens [a, b) bound by "less than", "more than"
// ("less than a week after", "более чем через месяц после"): it tells no day.
func (d *doc) vagueAfter(a, b int) bool {
	for x := a; x < b; x++ {
		if d.word(x, "after", "before", "после") && d.anyWord(max(a, x-5), x, "than", "чем", "менее", "более", "свыше") {
			return true
		}
	}
	return false
}

// eventDate returns the date of an event at token k of sentence si: the date of its
// sentence nearest to it, else the date of an event it refers to, else the date the
// paragraph has reached.
func (d *doc) eventDate(si, k int, refDate, typ string) string {
	s := d.sents[si]
	var best *dateMention
	bestDist := 1 << 30
	// "was later released": some other day than the sentence's or the story's.
	if d.anyWord(k-3, k, "later", "subsequently", "afterwards", "позже", "позднее", "впоследствии") {
		for _, m := range d.datesIn(max(s.a, k-7), k+1) {
			if m.rel {
				return m.iso
			}
		}
		return ""
	}
	if m := d.custodySince(k); m != nil {
		return m.iso
	}
	if m := d.custodySince(k + 1); m != nil && d.word(k, "pre-trial") {
		return m.iso // "held in pre-trial detention since October 2023"
	}
	// "so he was released from the courtroom", "Ибрагимли освобождён в зале суда": on the day
	// of the verdict told before, whatever else the sentence dates, unless a day follows.
	if typ == "release" && d.courtroomAfter(k) {
		if m := d.familyDate(eventNouns["verdict"], k, false); m != nil {
			return m.iso
		}
	}
	var cands []*dateMention
	own := false
	for _, m := range d.datesIn(s.a, s.b) {
		// A dateline dates its own sentence when it opens it ("25.03.2023 в Екатеринбурге
		// задержан...", "ALMATY, March 4, 2021 — A court...").
		// A date "after CLAUSE" dates the clause ("a day after police raided the office"), not
		// the event words before it ("detained on 4 February, the day after the gathering").
		// "held in custody since 20 November, was released": the custody's day, not this one's.
		// But "под стражей с 18 августа, когда его задержали": the detention's own day.
		if m.a >= 2 && d.custodySince(m.a-2) != nil && m.a-2 != k && m.a-3 != k && !d.otherCustody(d.triggers, m.a-2) {
			continue
		}
		// "с 1 марта находился под домашним арестом", "under house arrest since 1 March": a
		// state's start is its day.
		since := m.since && (typ == "house arrest" || typ == "travel ban") && d.word(m.a-1, "since", "с") &&
			(m.a > k && m.a-k <= 6 && !d.anyPunct(k, m.a, ",", "—", "–", ";") || m.b <= k && k-m.b <= 4 && !d.anyPunct(m.b, k, ",", "—", "–", ";"))
		if m.until || m.since && !since || m.after && (k < m.a || d.anyWord(m.b, k, "and", "и") || d.commaIn(m.b, k)) || m.dateline && s.b-m.b < 6 || !d.adverbial(m) {
			continue
		}
		// "was released ... after being pardoned the previous day": the date of the clause of
		// "after"/"before" and a participle is that clause's.
		if m.a > k && slices.ContainsFunc(d.toks[k+1:m.a], func(t tok) bool { return t.low == "after" || t.low == "before" }) && d.anyWord(k+1, m.a, "being", "having") {
			continue
		}
		// "X told the court in August that he had been beaten in May": the date of the
		// saying is not that of what was said, where what was said has a date of its own
		// (without one, the allegation is dated by its telling).
		if m.b <= k && d.anyWord(max(s.a, m.a-6), m.a, sayVerbs...) && d.datedAfterThat(m.b, k, s) {
			continue
		}
		// "were arrested after a protest on 14 May": the day of the protest, not of the arrest.
		if m.a > k && m.a-k <= 7 && d.word(m.a-1, "on") && d.nounAfterAfter(k+1, m.a-1) {
			continue
		}
		// "The verdict of 11 September came less than a week after officers searched the
		// flat": an event after a vague bound is on some day before, not the sentence's.
		if m.b <= k && d.vagueAfter(m.b, k) {
			continue
		}
		// "replaced his detention with house arrest, which was lifted in June": a relative
		// clause after the event tells its own time.
		// But a date after a dash closes the clause: "в тот же день, когда был подписан указ,
		// — 27 ноября".
		if m.a > k && (d.anyWord(k+1, m.a, "which", "who", "whom", "когда", "который", "которая", "которое", "которые", "которого", "которую", "которых", "которым", "которой") || d.relativeThat(k+1, m.a)) && !d.punct(m.a-1, "—", "–") {
			continue
		}
		// "who was detained with him, was never tried: he died on 19 October": a date after
		// another event word, past a colon or semicolon, is that event's.
		// "Веру задержали, а через двое суток суд отпустил её": so past a comma and a
		// conjunction that opens a clause with an event word of its own after the date.
		// "was detained and two days later fined": a relative day after "and" dates the verb
		// after it.
		if m.rel && m.a > k && m.a-k <= 4 && d.anyWord(k+1, m.a, "and", "и") && m.b < s.b && d.toks[m.b].k == tWord && !d.toks[m.b].cap {
			continue
		}
		// "A и B суд заключил под стражу, а C 20 апреля отпустили": the comma may close the
		// event's phrase.
		c := k + 1
		for c < m.a && c <= k+4 && !d.punct(c, ",") {
			c++
		}
		if m.a > k && (d.anyPunct(k+1, m.a, ":", ";") && slices.ContainsFunc(d.triggers, func(t int) bool { return t > k && t < m.a }) ||
			d.punct(c, ",") && d.word(c+1, "а", "но", "but") && m.a <= c+3 && slices.ContainsFunc(d.triggers, func(t int) bool { return t > m.b && t < m.b+8 })) {
			continue
		}
		cands = append(cands, m)
		if d.nearestTrigger(m) == k {
			own = true
		}
	}
	// A dateline that opens the sentence yields to a date the sentence itself gives.
	if len(cands) > 1 && cands[0].dateline {
		cands = cands[1:]
	}
	for _, m := range cands {
		// An event with a date of its own takes it ("detained on 20 November, a day after
		// police raided": the raid has its own); one without shares the sentence's, unless
		// it is told apart ("detained on 1 July and says he was tortured").
		if own && d.nearestTrigger(m) != k || !own && d.reportedBetween(m, k) {
			continue
		}
		dist := k - m.b
		if m.a > k {
			dist = (m.a - k) * 2 // a date after its event word is less likely its own
			// "pardoned on 7 November and released the next day": a relative day right
			// after the event word is its own, whatever the clause before is dated.
			if m.rel && m.a-k <= 5 && !d.anyPunct(k+1, m.a, ",", ";", ":", "—", "–", "(") && len(d.datesIn(k+1, m.a)) == 0 {
				dist = 0
			}
		}
		if dist < 0 {
			dist = -dist
		}
		// "Dubovik, a teacher convicted in 2022, died in a colony on 2 July 2024": a date
		// past a comma is another clause's (an apposition, a relative clause) more often than
		// one in the event's own clause.
		if a, b := min(m.b, k), max(m.a, k); d.commaIn(a, b) {
			dist += 12
		}
		// "On 28 November Timur B., an activist sentenced in 2023 to seven years, walked out
		// of the colony": a date inside an apposition between the subject and its verb is the
		// apposition's.
		if m.b <= k && d.inApposition(m, k, s) {
			dist += 40
		}
		if dist < bestDist {
			best, bestDist = m, dist
		}
	}
	// A table's cell without a day of its own: the day its column's head gives.
	if best == nil {
		if m := d.headDate(k); m != nil {
			return m.iso
		}
	}
	if best != nil {
		// "In late January ... according to the court's records, from 20 January 2022": the
		// sentence gives the same time again to the day.
		for _, m := range cands {
			if len(m.iso) > len(best.iso) && strings.HasPrefix(m.iso, best.iso+"-") {
				best = m
			}
		}
		// "detained between 18 and 24 May 2025": each on some day of the period, which is
		// known to its month.
		if p := best.period; p != nil && p.y != 0 {
			return isoOf(p.y, p.m, 0, precMonth)
		}
		return best.iso
	}
	if refDate != "" {
		return refDate
	}
	// "он также освобождён из-под стражи", "was also released": on the day of the event of
	// its kind told just before.
	if d.anyWord(max(s.a, k-3), k, "also", "также", "тоже") {
		for x := len(d.res.Events) - 1; x >= 0; x-- {
			if e := d.res.Events[x]; e.Type == typ && e.Date != "" {
				return e.Date
			}
		}
	}
	// "Одновременно обыскали квартиру его брата", "Simultaneously, officers searched":
	// at the time of the event told last.
	if d.anyWord(s.a, k, "одновременно", "simultaneously") {
		for x := len(d.res.Events) - 1; x >= 0; x-- {
			if e := d.res.Events[x]; e.Date != "" {
				return e.Date
			}
		}
	}
	// "The rally was dispersed late in the evening": the day the gathering was told with.
	if m := d.gatheringDay(s.a); m != nil {
		return m.iso
	}
	// "Среди задержанных — A и B", "among the detainees were A and B": the detention told
	// before, whoever it named.
	if d.word(k-1, "среди", "among") || d.word(k-1, "the") && d.word(k-2, "among") {
		for x := len(d.res.Events) - 1; x >= 0; x-- {
			if e := d.res.Events[x]; e.Type == typ && e.Date != "" {
				return e.Date
			}
		}
	}
	// "released after questioning", "отпустили после допроса": on the day they were taken
	// in, not the day the story last reached.
	if (typ == "release" || typ == "travel ban") && (d.anyWord(s.a, s.b, "questioning", "interrogation") && d.anyWord(s.a, s.b, "after", "following") ||
		d.anyWord(s.a, s.b, "допроса") && d.anyWord(s.a, s.b, "после")) {
		if m := d.familyDate(detentionFamily, k, false); m != nil {
			return m.iso
		}
	}
	// "released in the courtroom", "освобождён в зале суда", "taken into custody in the
	// courtroom": on the day of the verdict.
	if (typ == "release" || typ == "arrest" || typ == "detention") && (d.anyWord(s.a, s.b, "courtroom") || d.anyWord(s.a, s.b, "зале") && d.anyWord(s.a, s.b, "суда")) {
		if m := d.familyDate(eventNouns["verdict"], k, false); m != nil {
			return m.iso
		}
	}
	// Torture, death and punishments in prison are told with their own dates or none: the
	// story's date is not theirs.
	if typ == "torture allegation" || typ == "death" || typ == "disciplinary action" {
		return ""
	}
	// The date the paragraph's story has reached: that of its last dated event, else its last
	// date.
	last := ""
	// "detained them on the spot", "на месте": then and there, across a paragraph's break.
	para := s.para
	spot := d.anyWord(k+1, min(s.b, k+8), "spot", "scene", "месте") && d.anyWord(k+1, min(s.b, k+8), "on", "at", "на")
	if spot && si > 0 {
		para = d.sents[si-1].para
	}
	// A feed's post tells one story over its paragraphs: a custody told without a day ("¶
	// Младшего брата блогера увезли в управление") goes on from the day the paragraph before
	// reached, in the same post.
	if (custodyType(typ) || typ == "release") && si > 0 && d.sents[si-1].para != s.para && d.samePost(d.sents[si-1].a, s.a) {
		para = d.sents[si-1].para
	}
	for sj := si - 1; sj >= 0 && si-sj <= 4 && (d.sents[sj].para == s.para || d.sents[sj].para == para); sj-- {
		if e := d.lastEventIn(d.sents[sj]); e != "" {
			return e
		}
		if last == "" {
			ms := d.datesIn(d.sents[sj].a, d.sents[sj].b)
			for x := len(ms) - 1; x >= 0; x-- {
				if !ms[x].until && !ms[x].since && !ms[x].dateline && d.adverbial(ms[x]) {
					last = ms[x].iso
					break
				}
			}
		}
	}
	// "handed down the following sentences on 20 September: / A: eight years; / B: three
	// years suspended; he was released in the courtroom;": an item of a list goes on from
	// the day of the line that opens the list.
	if last == "" {
		if m := d.listIntroDate(si); m != nil {
			return m.iso
		}
	}
	// "detained at the scene" with no day told near it: the day of the gathering told before.
	if spot && last == "" {
		if m := d.familyDate(gatheringFamily, k, false); m != nil {
			return m.iso
		}
	}
	return last
}

// samePost reports tokens a < b in one post of a feed: a stamp before a, none between.
func (d *doc) samePost(a, b int) bool {
	before := false
	for _, p := range d.postStamps {
		if p < a {
			before = true
		} else if p < b {
			return false
		}
	}
	return before
}

// afterPerson reads "a week after Levan", "two days after Kapanadze" right after the event
// word that ends at b: the date of that person's event of the same kind (an arrest and a
// detention are told alike), shifted; "" when there is none.
func (d *doc) afterPerson(b int, s sentence, typ string) string {
	for x := b; x < min(s.b, b+3); x++ {
		n, l := d.count(x)
		if n == 0 && d.word(x, "a", "an") {
			n, l = 1, 1
		}
		if n == 0 {
			continue
		}
		u := d.unit(x + l)
		j := x + l + 1
		if u == 0 || u == 'h' || !d.word(j, "after", "before") {
			return ""
		}
		if d.word(j, "before") {
			n = -n
		}
		for _, m := range d.personsIn(j+1, min(s.b, j+2)) {
			if m.a != j+1 || m.p == nil || m.pronoun || d.toks[m.b-1].poss {
				return ""
			}
			for _, e := range d.res.Events {
				if e.Person != m.p.Name || len(e.Date) != len("2006-01-02") || e.Type != typ && !(custodyType(e.Type) && custodyType(typ)) {
					continue
				}
				t, err := time.Parse("2006-01-02", e.Date)
				if err != nil {
					return ""
				}
				return addUnits(t, n, u).Format("2006-01-02")
			}
		}
		return ""
	}
	return ""
}

// custodyType reports an arrest or a detention, which texts tell of alike.
func custodyType(t string) bool { return t == "arrest" || t == "detention" }

// officeAfter reports an office or a newsroom as the object of an event word that ends at b,
// not a person's ("the office of lawyer X"), nor beside a home ("the office and the homes").
func (d *doc) officeAfter(b int, s sentence) bool {
	for x := b; x < min(s.b, b+6); x++ {
		if d.punct(x, ",", ";", ":") || d.word(x, "and", "и") || homeWords[d.toks[x].low] && !d.word(x, "office", "офис", "офисе") {
			return false
		}
		// "searched Mr Abenov's office": his; not "Kovsar's office", an outlet's.
		if d.toks[x].poss && d.toks[x].cap && slices.ContainsFunc(d.personsIn(max(s.a, x-3), x+1), func(m *personMention) bool { return m.b == x+1 && m.p != nil }) {
			return false
		}
		if d.word(x, "office", "offices", "newsroom", "premises", "headquarters", "офис", "офисе", "офисы", "редакции", "редакцию") {
			// "в офисе редакции и в их квартирах": homes too.
			for y := x + 1; y < min(s.b, x+8); y++ {
				if homeWords[d.toks[y].low] && !d.word(y, "office", "офис", "офисе") || d.word(y, "homes", "flats", "квартирах", "домах") {
					return false
				}
			}
			// "the office of lawyer X": X's; "the office of the outlet Y": Y's.
			if d.word(x+1, "of") {
				for _, m := range d.personsIn(x+2, min(s.b, x+6)) {
					if m.p != nil && !m.pronoun {
						return false
					}
				}
			}
			return true
		}
	}
	return false
}

// courtroomAfter reports "in the courtroom", "from the courtroom", "в зале суда" right after
// the event word at k, with no day of its own after it.
func (d *doc) courtroomAfter(k int) bool {
	s := d.sents[d.toks[k].sent]
	// Kazakh before the verb: "сот залынан босатылды".
	if d.word(k-1, "залынан", "залында") && d.word(k-2, "сот") {
		return true
	}
	for x := k + 1; x < min(s.b, k+8); x++ {
		if d.word(x, "courtroom") || d.word(x, "зале") && d.word(x+1, "суда") {
			return len(d.datesIn(x+1, min(s.b, x+5))) == 0
		}
		if d.punct(x, ",", ";", ":", "—", "–") {
			return false
		}
	}
	return false
}

// relativeThat reports "that" opening a clause in tokens [a, b), not a determiner after a
// preposition ("upon expiry of that term on 12 December").
func (d *doc) relativeThat(a, b int) bool {
	for x := a; x < b; x++ {
		if d.word(x, "that") && !d.word(x-1, "of", "on", "in", "at", "by", "for", "from", "to", "during") {
			return true
		}
	}
	return false
}

// datedAfterThat reports "that" or "что" in tokens [a, k) with a date of its own after it in
// sentence s.
func (d *doc) datedAfterThat(a, k int, s sentence) bool {
	for x := a; x < k; x++ {
		if d.word(x, "that", "что") {
			for _, m := range d.datesIn(x+1, s.b) {
				if !m.until && !m.since {
					return true
				}
			}
			return false
		}
	}
	return false
}

// listIntroDate returns, for sentence si in an item of a list (paragraphs ending with ";"
// after a line ending with ":"), the last date of the line that opens the list, or nil.
func (d *doc) listIntroDate(si int) *dateMention {
	para := d.sents[si].para
	sj := si - 1
	for sj >= 0 && d.sents[sj].para == para {
		sj--
	}
	for n := 0; sj >= 0 && n < 12; n++ {
		end := d.sents[sj].b - 1
		switch {
		case d.punct(end, ";"):
			sj--
			continue
		case d.punct(end, ":") && d.sents[sj].para != para:
			ms := d.datesIn(d.sents[sj].a, d.sents[sj].b)
			for x := len(ms) - 1; x >= 0; x-- {
				if m := ms[x]; !m.until && !m.since && !m.dateline && d.adverbial(m) {
					return m
				}
			}
		}
		return nil
	}
	return nil
}

// sayVerbs tell that someone said something: what they said has its own time.
var sayVerbs = []string{"told", "said", "says", "stated", "testified", "alleged", "claimed", "complained", "recalled",
	"заявил", "заявила", "заявили", "рассказал", "рассказала", "рассказали", "сообщил", "сообщила", "сообщили", "показал", "показала", "пожаловался", "пожаловалась"}

// pluperfectReported reports an English event word at k in the pluperfect ("had been
// detained", "had been lawfully detained") after "that" and a verb of telling, which the
// sentence's date (before them) dates.
func (d *doc) pluperfectReported(s sentence, k int) bool {
	x := k - 1
	for d.punct(x, "\"", "“", "«") || strings.HasSuffix(d.word2(x), "ly") {
		x--
	}
	if !d.word(x, "been") || !d.word(x-1, "had") {
		return false
	}
	that := -1
	for y := x - 2; y > s.a; y-- {
		if d.word(y, "that") {
			that = y
			break
		}
	}
	if that < 0 || !d.anyWord(s.a, that, "replied", "responded", "answered", "stated", "said", "wrote", "informed", "reported", "claimed", "argued", "insisted", "confirmed", "denied", "alleged") {
		return false
	}
	for _, m := range d.datesIn(that, s.b) {
		if !m.rel {
			return false // "that he had been detained on 2 July": its own day
		}
	}
	return true
}

// anyPunct reports one of the punctuation marks in tokens [a, b).
func (d *doc) anyPunct(a, b int, ps ...string) bool {
	for k := max(a, 0); k < b && k < len(d.toks); k++ {
		if d.punct(k, ps...) {
			return true
		}
	}
	return false
}

// commaIn reports a comma in tokens [a, b).
func (d *doc) commaIn(a, b int) bool {
	for k := a; k < b; k++ {
		if d.punct(k, ",") {
			return true
		}
	}
	return false
}

// reportedBetween reports a verb of saying between a date and an event word: the event is
// told in another clause than the date.
func (d *doc) reportedBetween(m *dateMention, k int) bool {
	a, b := m.b, k
	if k < m.a {
		a, b = k, m.a
	}
	if d.anyWord(a, b, "says", "said", "told", "claims", "claimed", "alleges", "alleged", "заявил", "заявила", "рассказал", "рассказала", "сообщил", "сообщила", "утверждает") {
		return true
	}
	// "On 8 February, according to a former inmate, guards beat him": an aside between
	// commas leaves the date to the clause.
	for x := a; x < b; x++ {
		if d.word(x, "according", "словам") && !(d.punct(x-1, ",") && d.anyPunct(x+1, b, ",")) {
			return true
		}
	}
	return false
}

// nearestTrigger returns the event word of the sentence nearest to a date; at equal distance,
// the one before it ("was detained on 1 July").
func (d *doc) nearestTrigger(m *dateMention) int {
	best, bestDist := -1, 1<<30
	for _, t := range d.triggers {
		if t >= m.a && t < m.b {
			continue // "on the day of his arrest": the event the date is told by, not dated by it
		}
		dist := m.a - t
		if t >= m.b {
			dist = t - m.b + 1
		}
		if dist < bestDist {
			best, bestDist = t, dist
		}
	}
	return best
}

// lastEventIn returns the date of the last dated event told in sentence s.
func (d *doc) lastEventIn(s sentence) string {
	if s.a >= s.b {
		return ""
	}
	return d.sentEvent[d.toks[s.a].sent]
}

// adverbial reports a date that says when something happened rather than qualifying a noun:
// a day ("11 марта", "on 6 February"), a date after a preposition ("in September 2018", "в
// 2017 году"), or a relative one; not "the protests of 2020", "протестов 2020 года".
func (d *doc) adverbial(m *dateMention) bool {
	if m.rel || m.prec == precDay || m.prec == precNoYear {
		return true
	}
	return d.word(m.a-1, "in", "on", "at", "during", "since", "by", "from", "early", "late", "mid", "в", "во", "с", "к", "до", "по", "начале", "конце", "середине", "осенью", "весной", "летом", "зимой") ||
		d.punct(m.a-1, ",") || m.a == d.sents[d.toks[m.a].sent].a || d.bulletBefore(m.a)
}

// bulletBefore reports a list bullet opening the line right before token i: "- June 2024:
// investigators drop the charges", "• April 2024 — he complains": a chronology's item is
// told on its date.
func (d *doc) bulletBefore(i int) bool {
	return i > 0 && d.punct(i-1, "-", "•", "*", "–", "—", "·") && (i-1 == 0 || d.toks[i-1].nl > 0)
}

func (d *doc) addEvent(e *Event) {
	for _, x := range d.res.Events {
		if x.Type == e.Type && x.Date == e.Date && x.Person == e.Person {
			x.Mentions = append(x.Mentions, e.Mentions...)
			return
		}
	}
	d.res.Events = append(d.res.Events, e)
}

// mergeEvents folds events told twice: an undated event into a dated one of the same type and
// person, and an event without a person into one of the same type and date that has one.
func (d *doc) mergeEvents() {
	// A release after questioning of someone whose custody the text tells nowhere else.
	for _, e := range d.heldForQuestioning {
		if !slices.ContainsFunc(d.res.Events, func(o *Event) bool { return custodyType(o.Type) && o.Person == e.Person }) {
			d.addEvent(e)
		}
	}
	// Ill-treatment placed in a custody's first hours before the detention was told: the
	// day of the person's first detention, told anywhere in the text.
	for _, e := range d.res.Events {
		if e.Type == "torture allegation" && e.Date == "" && d.tortureInCustody[e.Person] {
			x := d.firstCustodyOf(&Person{Name: e.Person}, 0)
			told := slices.ContainsFunc(d.res.Events, func(o *Event) bool { return o.Type == e.Type && o.Date == x && o.Person == e.Person })
			if x != "" && !told { // else it folds into the one told with that day, below
				e.Date = x
				e.Inferred = "dated by the person's detention, where the text places it"
				d.setWhat(x, e.Type)
			}
		}
	}
	var keep []*Event
	for _, e := range d.res.Events {
		var into *Event
		for _, x := range d.res.Events {
			if x == e || x.Type != e.Type {
				continue
			}
			switch {
			case e.Date == "" && x.Date != "" && (e.Person == x.Person || e.Person == ""):
				into = x
			case e.Person == "" && x.Person != "" && e.Date == x.Date:
				into = x
			// "detained in early March ... Kuleshov was taken on 3 March": the same event
			// told once to the month (or year) and once to the day.
			case e.Person == x.Person && e.Date != "" && len(x.Date) > len(e.Date) && strings.HasPrefix(x.Date, e.Date+"-") && !strings.HasPrefix(e.Date, "--"):
				into = x
			}
			if into != nil {
				break
			}
		}
		if into != nil {
			into.Mentions = append(into.Mentions, e.Mentions...)
			continue
		}
		keep = append(keep, e)
	}
	d.res.Events = keep
}

// aboutFillers may stand between a cue of aboutNoun and its noun: "concerning the arrest,
// detention and conviction of", "allegations of credible ill-treatment".
var aboutFillers = wordSet(`the a an his her their its and or , other credible further serious arbitrary continued
	repeated reported conviction prosecution trial imprisonment harassment`)

// aboutNoun reports an English event noun at k that is the topic of a letter or a claim, not
// a telling of the event: "concerning the arrest", "allegations of ill-treatment", "alleged
// ill-treatment", "signs of beating", "protected from torture", "grounds for the disbarment".
func (d *doc) aboutNoun(k int) bool {
	t := &d.toks[k]
	if t.cyr || strings.HasSuffix(t.low, "ed") {
		return false
	}
	s := d.sents[t.sent]
	for x := k - 1; x >= max(s.a, k-8); x-- {
		switch {
		case d.word(x, "concerning", "regarding", "alleged", "re", "condemn", "condemns", "condemned", "condemning"):
			return true
		case d.word(x, "of") && d.word(x-1, "allegations", "allegation", "signs", "reports", "claims", "complaints", "evidence"),
			d.word(x, "from") && d.word(x-1, "protected", "protect", "safe", "free"),
			d.word(x, "for") && d.word(x-1, "grounds", "basis", "reasons"),
			d.word(x, "into") && d.word(x-1, "investigation", "investigate", "inquiry", "probe"),
			d.word(x, "that", "at", "over") && d.word(x-1, "concern", "concerned", "alarmed", "alarm"):
			return true
		case aboutFillers[d.toks[x].low] || d.is(x, cEvent):
			continue
		}
		return false
	}
	return false
}

// ownDay reports a day, month or year that sentence s tells, other than a dateline's.
func (d *doc) ownDay(s sentence) bool {
	for _, m := range d.datesIn(s.a, s.b) {
		if !m.dateline {
			return true
		}
	}
	return false
}

// ofPerson are the event types that happen to a person, not to a place or a gathering: told
// without one ("Most were released that night", "for each person released, two were
// detained", "the relatives of exiles are barred from leaving"), they are of people the text
// does not name. A search (of an office), a disruption and a mass detention are told so.
var ofPerson = wordSet(`arrest release death dismissal`)

// dropUnnamedEvents drops the events of a type that happens to a person that name none,
// and sets apart those told without a date.
func (d *doc) dropUnnamedEvents() {
	d.res.Events = slices.DeleteFunc(d.res.Events, func(e *Event) bool {
		// "were arrested after a protest on 14 May ... Rahimov was detained on 15 May": a
		// custody told without a day, of one whose custody the text dates, is that one told
		// vaguely.
		if e.Date == "" && e.Person != "" && custodyType(e.Type) && slices.ContainsFunc(d.res.Events, func(x *Event) bool {
			return x.Person == e.Person && x.Date != "" && custodyType(x.Type)
		}) {
			return true
		}
		// A search, a dismissal, a dispersal or a death is one day's event: told without even
		// a year ("his relatives' homes have been searched", "she lost her job"), it is
		// background the record cannot place.
		if e.Date == "" && (e.Type == "search" || e.Type == "dismissal" || e.Type == "disruption" || e.Type == "death") {
			return true
		}
		if e.Person == "" && (ofPerson[e.Type] || e.Type == "house arrest" || e.Type == "travel ban" || e.Type == "disciplinary action" || e.Type == "torture allegation") {
			return true
		}
		// The other events without a date are for a researcher to date: the annotators who
		// never saw these rules record almost none so (2 of 556 events in batches K to M).
		if e.Date == "" {
			d.res.Undated = append(d.res.Undated, e)
			return true
		}
		return false
	})
}

// findStatistics finds percentages with what they count: "99.8% of court sentences in
// Kazakhstan are convictions".
func (d *doc) findStatistics() {
	for k := 0; k < len(d.toks); k++ {
		t := &d.toks[k]
		if t.k != tNum || t.skip {
			continue
		}
		unit, e := "", k+1
		switch {
		case d.punct(k+1, "%"):
			unit, e = "percent", k+2
		case d.word(k+1, "percent", "процентов", "процента", "процент"):
			unit, e = "percent", k+2
		case d.word(k+1, "per") && d.word(k+2, "cent"):
			unit, e = "percent", k+3
		}
		if unit == "" {
			continue
		}
		_, sb := d.sentenceOf(k)
		end := sb
		for end > e && (d.toks[end-1].k == tPunct || d.toks[end-1].k == tMarker) {
			end--
		}
		if end <= e {
			continue
		}
		scope := d.quote(e, end)
		scope = strings.TrimPrefix(strings.TrimPrefix(scope, "of "), "из ")
		st := &Statistic{Value: strings.ReplaceAll(t.t, ",", "."), Unit: unit, Scope: scope, Mentions: []Span{d.span(k, end)}}
		for x := e; x < end; x++ {
			if c, ok := countryCues[d.toks[x].low]; ok {
				st.Country = c
			}
		}
		d.res.Statistics = append(d.res.Statistics, st)
		k = end - 1
	}
}

// kinWords are the nouns of the people close to someone: "the homes of relatives of X",
// "обыск у родственников блогера X" tell of those people, not of X.
var kinWords = wordSet(`relatives relative family families wife husband son sons daughter daughters brother brothers
	sister sisters mother father parents children cousin cousins nephew nephews niece nieces uncle uncles aunt aunts
	grandfather grandmother grandson granddaughter grandchildren stepfather stepmother stepson stepdaughter fiancé fiancée
	brother-in-law sister-in-law son-in-law daughter-in-law father-in-law mother-in-law partner
	родственников родственника родственницы семьи семей жены мужа сына сыновей дочери брата братьев сестры
	матери отца родителей детей дяди тёти тети племянника племянницы двоюродного двоюродной бабушки дедушки внука внучки`)

// kinOf reports a person named as the one whose kin a phrase speaks of: "relatives of the
// exiled blogger X", "родителей активиста X".
func (d *doc) kinOf(m *personMention) bool {
	s := d.sents[d.toks[m.a].sent]
	// "his younger brother", "её мужа": a possessive pronoun before a kin noun.
	if m.pronoun {
		return d.anyWord(m.b, min(m.b+3, s.b), kinWordList...)
	}
	for x := m.a - 1; x >= max(s.a, m.a-5); x-- {
		// "the brother of Mr. Annayev": a title and its full stop stand in the phrase.
		if d.punct(x, ".") && d.word(x-1, "mr", "mrs", "ms", "dr") {
			x--
			continue
		}
		if d.word(x, "mr", "mrs", "ms", "dr") && x == m.a-1 {
			continue
		}
		if d.toks[x].k != tWord || d.toks[x].cap && x < m.a-1 && !d.toks[x].cyr {
			return false
		}
		if d.word(x, "of") && d.word(x-1, kinWordList...) {
			return true
		}
		if d.toks[x].cyr && kinWords[d.toks[x].low] {
			// "квартиру его младшего брата Сухроба Саидова": after "его" the name is the
			// brother's own, not the one whose brother he is.
			if x == m.a-1 && (d.word(x-1, "его", "её", "ее", "их") || d.word(x-2, "его", "её", "ее", "их") && !d.toks[x-1].cap) {
				return false
			}
			return true
		}
	}
	return false
}

var kinWordList = func() []string {
	var out []string
	for w := range kinWords {
		out = append(out, w)
	}
	return out
}()

// appositionBetween reports a comma and one or two lower-case nouns between two names of a
// list, the second's occupation: "Azamat Ibraimov, accountant Saikal Orozbekova".
func (d *doc) appositionBetween(a, b int) bool {
	if !d.punct(a, ",") || b-a < 2 || b-a > 3 {
		return false
	}
	for x := a + 1; x < b; x++ {
		t := &d.toks[x]
		if t.k != tWord || t.cap || t.caps || t.cyr || t.poss || d.is(x, cEvent|cSentencing|cOutcome|cDemand|cStrong) ||
			strings.HasSuffix(t.low, "ed") || appositionStop[t.low] {
			return false
		}
	}
	return true
}

// descriptor reports the tokens a..b as one to three words in lower case that may tell what
// a person is ("teacher", "retired army officer"), as appositionBetween reads them.
func (d *doc) descriptor(a, b int) bool {
	if b-a < 1 || b-a > 3 {
		return false
	}
	for x := a; x < b; x++ {
		t := &d.toks[x]
		if t.k != tWord || t.cap || t.caps || t.cyr || t.poss || d.is(x, cEvent|cSentencing|cOutcome|cDemand|cStrong) ||
			strings.HasSuffix(t.low, "ed") || strings.HasSuffix(t.low, "ly") || appositionStop[t.low] {
			return false
		}
	}
	return true
}

var appositionStop = wordSet(`said says told who whose which that was were is are and or the a an his her their its
	while when where as but also then`)

// datedItem is an item of a list after an event word: its persons and its date.
type datedItem struct {
	persons []*Person
	date    *dateMention
}

// datedItems reads a list after a colon that follows an event word at token b: items
// separated by commas or semicolons, each naming persons and one date ("A and B on 3
// December 2023, C on 13 January 2024"). It returns nil unless every item has both.
func (d *doc) datedItems(b int, s sentence) []datedItem {
	colon := -1
	for x := b; x < min(b+6, s.b); x++ {
		if d.punct(x, ":") {
			colon = x
			break
		}
	}
	if colon < 0 {
		return nil
	}
	// "Dates of detention: A and B - 02.12.2024; C - 04.12.2024": the items after the
	// colon's semicolons are clauses led by this one.
	for si := d.toks[s.a].sent; si+1 < len(d.sents) && d.punct(s.b-1, ";") && d.sents[si+1].a == s.b && d.sents[si+1].lead >= 0 && d.sents[si+1].para == s.para; si++ {
		s.b = d.sents[si+1].b
	}
	var items []datedItem
	start := colon + 1
	for x := colon + 1; x <= s.b; x++ {
		// "A on 10 February and B on 12 February": "and" after an item's date ends it.
		andAfterDate := d.word(x, "and", "и") && len(d.datesIn(start, x)) == 1 && len(d.personsIn(start, x)) > 0
		if x < s.b && !d.punct(x, ",", ";") && !(x == s.b-1 && d.punct(x, ".")) && !andAfterDate {
			continue
		}
		end := x
		var ps []*Person
		for _, m := range d.personsIn(start, end) {
			if m.p != nil && !m.pronoun && !slices.Contains(ps, m.p) {
				ps = append(ps, m.p)
			}
		}
		ds := d.datesIn(start, end)
		if len(ps) == 0 || len(ds) != 1 {
			return nil
		}
		items = append(items, datedItem{ps, ds[0]})
		start = x + 1
		if x >= s.b-1 {
			break
		}
	}
	return items
}

// withGappedClause returns sentence si, joined by the clause after its semicolon when that
// clause leaves out the verb ("A, B and C were detained on 11 May; D and E on 12 May"), so
// that the clause's persons are read with their own date.
func (d *doc) withGappedClause(si int) sentence {
	s := d.sents[si]
	if si+1 >= len(d.sents) || !d.punct(s.b-1, ";") || d.sents[si+1].a != s.b || d.sents[si+1].para != s.para {
		return s
	}
	s.b = d.sents[si+1].b // gappedItems reads only names and a date there
	return s
}

// gappedItems reads the clauses after token b of sentence s that leave out the verb: a
// comma, persons, a dash and a date, up to the next comma or the end ("A on 3 March, B and C
// — the next day", "A — 12 March"). Another event word in between ends the search.
func (d *doc) gappedItems(b int, s sentence) []datedItem {
	var items []datedItem
	for x := b; x < s.b; x++ {
		if d.is(x, cEvent) {
			if typ, _ := d.eventAt(x); typ != "" {
				break
			}
		}
		if !d.punct(x, ",", ";") {
			continue
		}
		dash, da := -1, -1 // where the names end, where the date begins
		// "Утемуратова задержали 9 апреля, остальных шестерых — 11 апреля": a group.
		var group *groupMention
		if gs := d.groupsIn(x+1, x+2); len(gs) == 1 && d.punct(gs[0].b, "—", "–") {
			group, dash, da = gs[0], gs[0].b, gs[0].b+1
		}
		for y := x + 1; y < min(s.b, x+30) && group == nil; y++ { // a list of names may be long
			if d.punct(y, "—", "–") {
				dash, da = y, y+1
				break
			}
			// "A, B and C were detained on 11 May; D and E on 12 May": no dash, the date
			// right after the names.
			if y > x+1 && d.toks[y-1].k == tWord && (d.word(y, "on") && len(d.datesIn(y+1, y+2)) > 0 || len(d.datesIn(y, y+1)) > 0) {
				dash, da = y, y
				break
			}
			if d.punct(y, ",") || d.word(y, "и", "and") || d.toks[y].k == tWord && d.toks[y].cap {
				continue
			}
			break
		}
		if dash < 0 {
			continue
		}
		var ps []*Person
		for _, m := range d.personsIn(x+1, dash) {
			if m.p == nil || m.pronoun {
				return nil
			}
			ps = append(ps, m.p)
		}
		if group != nil {
			ps = d.groupPersons(group, s)
		}
		end := da
		for end < s.b && !d.punct(end, ",", ";", ".") && end-da <= 6 {
			end++
		}
		ds := d.datesIn(da, end)
		if len(ps) == 0 || len(ds) != 1 || ds[0].until {
			continue
		}
		items = append(items, datedItem{ps, ds[0]})
		x = end - 1
	}
	return append(items, d.gappedAnd(b, s)...)
}

// gappedAnd reads the English clause after "and" that leaves out the verb: "Guliyeva was
// detained on 6 December and Hajizada the following week, on 13 December": the persons after
// "and" and the last date before the clause ends.
func (d *doc) gappedAnd(b int, s sentence) []datedItem {
	if d.toks[min(b, len(d.toks)-1)].cyr || len(d.datesIn(b, min(s.b, b+6))) == 0 {
		return nil // the main clause says its own date right after the verb
	}
	ds := d.datesIn(b, s.b)
	inDate := func(x int) bool { // "ten days after the raid" tells a date, no event
		return slices.ContainsFunc(ds, func(m *dateMention) bool { return x >= m.a && x < m.b })
	}
	for x := b; x < s.b; x++ {
		if d.is(x, cEvent) && !inDate(x) {
			if typ, _ := d.eventAt(x); typ != "" {
				return nil
			}
		}
		if !d.word(x, "and") {
			continue
		}
		var ps []*Person
		y := x + 1
		for y < s.b && !d.toks[y].cap && roleWords[d.toks[y].low] != "" {
			y++ // "and reporter Sevinj Aliyeva on 12 January"
		}
		for _, m := range d.personsIn(y, s.b) {
			if m.a != y || m.p == nil || m.pronoun {
				break
			}
			ps = append(ps, m.p)
			y = m.b
			if d.punct(y, ",") && d.toks[min(y+1, len(d.toks)-1)].cap || d.word(y, "and") {
				y++
			}
		}
		if len(ps) == 0 {
			continue
		}
		end := y
		for end < s.b && end-y <= 10 && !d.punct(end, ";", ".") && (d.toks[end].k != tWord || !d.is(end, cEvent) && (d.month(end) > 0 || relWords[d.toks[end].low] || d.mayCount(end) || d.word(end, "on", "in", "week", "day", "days", "weeks", "month", "following", "next", "a", "the"))) {
			end++
		}
		var last *dateMention
		for _, m := range d.datesIn(y, end) {
			if !m.until && (m.prec == precDay || m.prec == precNoYear) {
				last = m
			}
		}
		if last == nil {
			return nil
		}
		return []datedItem{{ps, last}}
	}
	return nil
}

// eachOffset is a time told from each person's own event: "two days after each detention",
// "a week after every arrest".
type eachOffset struct {
	n   int
	u   byte
	fam *eventFamily
}

// afterEach reads "N units after each EVENT" in sentence s, before the trigger at k or
// after it, or returns nil.
func (d *doc) afterEach(s sentence, k int) *eachOffset {
	for x := s.a; x+1 < s.b; x++ {
		if !d.word(x, "each", "every") || !d.word(x-1, "after", "before") {
			continue
		}
		fam := eventNouns[d.toks[x+1].low]
		if fam == nil || len(fam.types) == 0 {
			continue
		}
		dir := 1
		if d.word(x-1, "before") {
			dir = -1
		}
		if d.word(x-2, "day") && d.word(x-3, "the") {
			return &eachOffset{n: dir, u: 'd', fam: fam}
		}
		for y := max(s.a, x-4); y < x-1; y++ {
			if n, l := d.count(y); n > 0 && y+l == x-2 && d.unit(x-2) != 0 && d.unit(x-2) != 'h' {
				return &eachOffset{n: dir * n, u: d.unit(x - 2), fam: fam}
			}
		}
	}
	return nil
}

// eachDate returns the date of person p's own event of the offset's family, shifted by the
// offset, or "" when p has none dated to the day.
func (d *doc) eachDate(o *eachOffset, p *Person) string {
	// "on the day of her arrest": the day she was taken, a detention or an arrest, the first.
	custody := o.n == 0 && slices.ContainsFunc(o.fam.types, custodyType)
	var pick *Event
	for _, e := range d.res.Events {
		if custody && e.Person == p.Name && len(e.Date) == len("2006-01-02") && custodyType(e.Type) && (pick == nil || e.Date < pick.Date) {
			pick = e
		}
	}
	// Else the person's first event of the offset's family whose day is a date.
	for _, e := range d.res.Events {
		if pick != nil {
			break
		}
		if e.Person == p.Name && len(e.Date) == len("2006-01-02") && slices.Contains(o.fam.types, e.Type) {
			if _, err := time.Parse("2006-01-02", e.Date); err == nil {
				pick = e
			}
		}
	}
	if pick == nil {
		return ""
	}
	t, err := time.Parse("2006-01-02", pick.Date)
	if err != nil {
		return ""
	}
	return addUnits(t, o.n, o.u).Format("2006-01-02")
}

// duringOwn reads "during his detention", "on the night of her arrest", "во время его
// задержания" in sentence s: the time of the person's own event, whoever else's the text
// told last.
func (d *doc) duringOwn(s sentence) *eachOffset {
	for x := s.a; x+1 < s.b; x++ {
		if !d.word(x, "his", "her", "его", "её", "ее") {
			continue
		}
		fam := eventNouns[d.word2(x+1)]
		if fam == nil || len(fam.types) == 0 {
			continue
		}
		if d.word(x-1, "during") || d.word(x-1, "время") && d.word(x-2, "во") || d.word(x-1, "of") && d.word(x-2, "night", "day") && d.word(x-3, "the") || d.word(x-1, "при") {
			return &eachOffset{fam: fam}
		}
	}
	return nil
}

// excepted reports a name in a list after "except", "кроме": left out of what is told.
func (d *doc) excepted(m *personMention) bool {
	s := d.sents[d.toks[m.a].sent]
	for x := m.a - 1; x >= max(s.a, m.a-10); x-- {
		if d.word(x, "except", "кроме") {
			return true
		}
		if !(d.punct(x, ",") || d.word(x, "and", "и") || d.toks[x].k == tWord && d.toks[x].cap) {
			return false
		}
	}
	return false
}

// relativeWords open a relative clause after a comma.
var relativeWords = wordSet(`who whom whose which который которая которое которые которого которую которых которым которой чей чья`)

// inApposition reports a date between commas that open with a lower-case word or an
// article right after a person's name, before token k: "X, a teacher convicted in 2022,".
func (d *doc) inApposition(m *dateMention, k int, s sentence) bool {
	open := -1
	for x := m.a - 1; x > s.a && x >= m.a-12; x-- {
		if d.punct(x, ",") {
			open = x
			break
		}
	}
	if open < 0 || d.toks[open+1].k != tWord || d.toks[open+1].cap && !d.word(open+1, "a", "an", "the") {
		return false
	}
	named := slices.ContainsFunc(d.personsIn(max(s.a, open-4), open), func(p *personMention) bool { return p.b == open && p.p != nil && !p.pronoun })
	return named && d.commaIn(m.b, k)
}

// inClosedRelative reports a mention inside a relative clause that opens with a comma and
// "who" ("A, who represented B,") and closes with a comma before token a.
func (d *doc) inClosedRelative(m *personMention, a int, s sentence) bool {
	open, participle := -1, false
	for x := m.a - 1; x > s.a && x >= m.a-12; x-- {
		if d.punct(x, ",", ";", ":", "—", "–", "(", ")") {
			break
		}
		if relativeWords[d.toks[x].low] && d.toks[x].k == tWord && d.punct(x-1, ",") {
			open = x
			break
		}
		// "Ms. N, a contributor to the website who had reported on X's arrest, was detained":
		// a relative clause inside an apposition that opens with a comma.
		if relativeWords[d.toks[x].low] && d.toks[x].k == tWord {
			for c := x - 1; c > s.a && c >= x-8; c-- {
				if d.anyPunct(c, c+1, ";", ":", "—", "–", "(", ")") {
					break
				}
				if d.punct(c, ",") {
					open = x
					break
				}
			}
			if open >= 0 {
				break
			}
		}
		// "Javid Rzayev, the lawyer representing A, was disbarred": a participle's object
		// in an apposition, as in a relative clause.
		if low := d.toks[x].low; d.toks[x].k == tWord && !d.toks[x].cap && x < m.a && (strings.HasSuffix(low, "ing") && len(low) > 5 ||
			d.toks[x].cyr && (strings.HasSuffix(low, "ющий") || strings.HasSuffix(low, "ющая") || strings.HasSuffix(low, "вший") || strings.HasSuffix(low, "вшая"))) {
			// (Not where the event is told in a clause of its own: "X, the lawyer representing
			// A, said that his client had been beaten".)
			for c := x - 1; c > s.a && c >= x-4; c-- {
				if d.punct(c, ",") {
					open, participle = x, true
					break
				}
			}
			if open >= 0 {
				break
			}
		}
	}
	return open >= 0 && d.punct(d.skipNames(m.b, a), ",") && !(participle && d.anyWord(m.b, a, "that", "что"))
}

// skipNames returns the first token at or after k, before b, that is a comma, or b.
func (d *doc) skipNames(k, b int) int {
	for ; k < b; k++ {
		if d.punct(k, ",") {
			return k
		}
	}
	return b
}

// relativeSubject returns the token of "who" that is the subject of an event word at a ("who
// had died", "who was detained"), or -1.
func (d *doc) relativeSubject(a int) int {
	x := a - 1
	for n := 0; n < 2 && d.word(x, "had", "has", "have", "was", "were", "been", "later", "reportedly"); n++ {
		x--
	}
	if x >= 2 && d.word(x, "who") {
		return x
	}
	return -1
}

// homeWords are the words of a home searched: its owner is whom a search is of.
var homeWords = wordSet(`flat apartment home house office квартире квартиру квартира квартиры доме дом жилище
	үйінде үйде үйін пәтерінде пәтерде пәтерін үйлерінде`)

// homeOfLast returns, for a search of a home that names no one ("В тот же вечер в квартире
// провели обыск"), the person of the event told last in the paragraph, whose home it is.
func (d *doc) homeOfLast(s sentence) []*Person {
	home := false
	for k := s.a; k < s.b; k++ {
		if homeWords[d.toks[k].low] {
			home = true
		}
		if d.word(k, "office", "offices", "офис", "офисе", "редакции", "редакцию") {
			return nil
		}
	}
	si := d.toks[s.a].sent
	if !home || d.lastOf == nil || d.lastOfSent < si-2 || d.sents[d.lastOfSent].para != s.para {
		return nil
	}
	return []*Person{d.lastOf}
}

// homeOwnerAfter returns the persons named as the owners of a home right after token b: "the
// flat of his colleague Anna Lisova", "the home of Lisova's lawyer, Oleg Sizov"; not "the
// house of X's parents", whose owners are not named.
func (d *doc) homeOwnerAfter(b int, s sentence) []*Person {
	for x := b; x < min(s.b, b+4); x++ {
		if !homeWords[d.toks[x].low] || !d.word(x+1, "of") {
			continue
		}
		for _, m := range d.personsIn(x+2, min(s.b, x+10)) {
			switch {
			case m.pronoun || d.toks[m.b-1].poss:
				continue // "of his colleague", "of Lisova's lawyer"
			case m.p == nil:
				return nil
			}
			if list := d.listAround(m, s); len(list) > 1 {
				return list // "the flat of his parents, Mikalai and Tamara Orlova"
			}
			return []*Person{m.p}
		}
		return nil
	}
	return nil
}

// homeOf reports a name after a home and "of": "the house of X's parents".
func (d *doc) homeOf(m *personMention) bool {
	s := d.sents[d.toks[m.a].sent]
	for x := m.a - 1; x >= max(s.a, m.a-6); x-- {
		if homeWords[d.toks[x].low] && d.word(x+1, "of") {
			return true
		}
	}
	return false
}

// countIsCast reports a count of people before token k ("одиннадцать человек") that stands for
// the defendants not named in its sentence: then it is no statistic.
func (d *doc) countIsCast(s sentence, k int) bool {
	for _, g := range d.groupsIn(s.a, k) {
		if g.count && d.castReady {
			if ps, ok := d.resolveGroup(g, s); ok && len(ps) == g.n {
				return true
			}
		}
	}
	return false
}

// searchedNext returns the one person that one of the two sentences after si names while it
// refers back to the search that si tells of no one: "Officers searched the family flat. They
// took two phones. Anna was questioned during the search", "После обыска Анну вызвали на
// беседу". The search was at that person's home; a sentence naming several is left alone, and
// a sentence between that names someone ends the look.
func (d *doc) searchedNext(si int) []*Person {
	for n := si + 1; n <= si+2 && n < len(d.sents) && d.sents[n].para == d.sents[si].para; n++ {
		s := d.sents[n]
		back := false
		for k := s.a; k < s.b && !back; k++ {
			back = d.word(k, "search", "обыска", "обыске") &&
				(d.word(k-1, "the") && d.word(k-2, "during", "after", "following") || d.word(k-1, "после") || d.word(k-1, "ходе") && d.word(k-2, "в"))
		}
		var one *Person
		for _, m := range d.personsIn(s.a, s.b) {
			if m.p == nil || m.pronoun || d.toks[m.b-1].poss || d.official(m) {
				continue
			}
			if one != nil && one != m.p {
				return nil
			}
			one = m.p
		}
		if back && one != nil {
			return []*Person{one}
		}
		if one != nil {
			return nil
		}
	}
	return nil
}

// theirHomes reports the homes of several people right after token b, with no owner named:
// "their homes", "the homes of all four", "их квартиры", "в их домах".
func (d *doc) theirHomes(b int, s sentence) bool {
	for x := b; x < min(s.b, b+4); x++ {
		if !d.word(x, "homes", "flats", "apartments", "houses", "квартиры", "квартирах", "дома", "домах") {
			continue
		}
		return d.word(x-1, "their", "их") || d.word(x+1, "of") && d.word(x+2, "all", "both", "them", "the")
	}
	return false
}

// nounAfterAfter reports tokens a..b that end in "after" or "following", an article and one or
// two words in lower case: "after a protest", "following the rally".
func (d *doc) nounAfterAfter(a, b int) bool {
	for x := a; x < b; x++ {
		if !d.word(x, "after", "following") {
			continue
		}
		if !d.word(x+1, "a", "an", "the") || b-(x+2) < 1 || b-(x+2) > 2 {
			return false
		}
		for y := x + 2; y < b; y++ {
			if t := &d.toks[y]; t.k != tWord || t.cap || strings.HasSuffix(t.low, "ed") || strings.HasSuffix(t.low, "ing") {
				return false
			}
		}
		return true
	}
	return false
}
