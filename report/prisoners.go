package report

import (
	"context"
	"fmt"
	"sort"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/locale"
)

// Categories of the prisoner list, in the order it shows them. A person is listed once, under
// the first category that applies.
const (
	Imprisoned  = "imprisoned"
	Psychiatric = "psychiatric"
	Restraint   = "restraint"
	Extradition = "extradition"
	Persecuted  = "persecuted"
)

// CategoryTitles names the categories in English; the catalogs' report.category.NAME in
// every language.
var CategoryTitles = map[string]string{
	Imprisoned:  "Imprisoned",
	Psychiatric: "In psychiatric detention",
	Restraint:   "Under restraint measures",
	Extradition: "Persecuted through extradition or INTERPOL",
	Persecuted:  "Other persecuted persons",
}

var categoryOrder = []string{Imprisoned, Psychiatric, Restraint, Extradition, Persecuted}

// Listed is a person on the prisoner list, with what puts them there.
type Listed struct {
	Person   string   `json:"person"`
	Name     string   `json:"name"`
	Category string   `json:"category"`
	Cases    []string `json:"cases"`
	// What puts them in the category: the proceeding of the sentence in force, the event of the
	// restraint measure, extradition request or other persecution.
	Because []string `json:"because"`
	Also    []string `json:"also,omitempty"` // other events against them
}

// PrisonerList is the list by category.
type PrisonerList struct {
	Categories map[string][]Listed `json:"categories"`
	Counts     map[string]int      `json:"counts"`
	Total      int                 `json:"total"`
}

var restraintEvents = []string{"arrest", "detention", "house arrest", "travel ban"}
var extraditionEvents = []string{"extradition request", "interpol notice"}

// persecutionEvents are the events that put a person on the list of other persecuted persons.
var persecutionEvents = []string{"dismissal", "disciplinary action", "torture allegation", "threat", "search", "charge",
	"interrogation", "disruption", "detention", "arrest", "house arrest", "travel ban"}

// Prisoners classifies every person who is a defendant in a politically motivated case or a
// victim of an event of persecution (in such a case, or in none):
//   - imprisoned: the sentence in force (after appeals) is imprisonment, with no release since;
//   - in psychiatric detention: the sentence in force is compulsory treatment;
//   - under restraint measures: arrest, detention, house arrest or a travel ban with no release
//     or acquittal since, or a sentence of restriction of freedom, a suspended sentence or a ban;
//   - persecuted through extradition or INTERPOL: an extradition request or an INTERPOL notice;
//   - other persecuted persons: the rest (acquitted or awaiting trial, dismissed, threatened,
//     tortured).
func (reg *Registry) Prisoners() *PrisonerList {
	l := &PrisonerList{Categories: map[string][]Listed{}, Counts: map[string]int{}}
	for _, c := range categoryOrder {
		l.Categories[c] = []Listed{}
		l.Counts[c] = 0
	}
	persons := map[string]bool{}
	var order []string
	add := func(id string) {
		if e := reg.Entity(id); e != nil && e.Schema == "Person" && !persons[id] && reg.counts(id) {
			persons[id] = true
			order = append(order, id)
		}
	}
	for _, p := range reg.Proceedings() {
		if reg.political(p) {
			for _, d := range p.Defendants {
				add(d)
			}
		}
	}
	for _, c := range reg.Cases() {
		if c.Political {
			for _, d := range c.Defendants {
				add(d)
			}
		}
	}
	for _, ev := range reg.eventsAgainstAny() {
		for _, v := range ev.Victims {
			add(v)
		}
	}
	for _, id := range order {
		li := reg.classify(id)
		l.Categories[li.Category] = append(l.Categories[li.Category], li)
	}
	l.sort()
	return l
}

// sort puts every category in order of names (then ids, for one name twice), and counts.
func (l *PrisonerList) sort() {
	l.Total = 0
	for c, list := range l.Categories {
		sort.SliceStable(list, func(i, j int) bool {
			if list[i].Name != list[j].Name {
				return list[i].Name < list[j].Name
			}
			return list[i].Person < list[j].Person
		})
		l.Counts[c] = len(list)
		l.Total += len(list)
	}
}

// PersonBatch is how many persons ListPrisoners reads as one part.
const PersonBatch = 500

// ListPrisoners lists the registry's political prisoners and other persecuted persons as
// Prisoners does, as v (the anonymous viewer: the list is published) sees them, from the store,
// part by part: batch persons at a time (PersonBatch when 0), each read with their cases,
// proceedings and events (see neighbourhood.persons), then let go. It holds one part and the
// list.
func ListPrisoners(ctx context.Context, r Reader, v docket.Viewer, batch int) (*PrisonerList, error) {
	if v.Role != docket.Anonymous {
		return nil, docket.Errorf(docket.EINVALID, "the prisoner list is published: list it as the anonymous viewer")
	}
	if batch <= 0 {
		batch = PersonBatch
	}
	l := &PrisonerList{Categories: map[string][]Listed{}, Counts: map[string]int{}}
	for _, c := range categoryOrder {
		l.Categories[c] = []Listed{}
	}
	err := inParts(ctx, r, v, "Person", batch, nil, (*neighbourhood).persons, func(reg *Registry) {
		for c, list := range reg.Prisoners().Categories {
			l.Categories[c] = append(l.Categories[c], list...)
		}
	})
	if err != nil {
		return nil, fmt.Errorf("list prisoners: %w", err)
	}
	l.sort()
	return l, nil
}

// persons reads persons with what the prisoner list rests on: what refers to them (their
// cases, proceedings, events), what refers to their cases (proceedings that name their
// defendants only there), and what all these name (the cases of events and proceedings).
func (n *neighbourhood) persons(ids []string) error {
	if err := n.fetch(ids); err != nil {
		return err
	}
	if err := n.referrers(ids, actsOnPerson...); err != nil {
		return err
	}
	if err := n.referrers(n.ofSchema("Case")); err != nil {
		return err
	}
	return n.named()
}

// eventsAgainstAny returns the events that count as persecution.
func (reg *Registry) eventsAgainstAny() []*Event {
	var out []*Event
	for _, ev := range reg.Events() {
		if reg.persecution(ev) {
			out = append(out, ev)
		}
	}
	return out
}

// persecution reports whether an event puts its victims on the list: of the kinds the list
// knows, in a politically motivated case or in none.
func (reg *Registry) persecution(ev *Event) bool {
	if !contains(persecutionEvents, ev.Type) && !contains(extraditionEvents, ev.Type) {
		return false
	}
	if len(ev.Cases) == 0 {
		return true
	}
	for _, c := range ev.Cases {
		if cs := reg.Case(c); cs != nil && cs.Political {
			return true
		}
	}
	return false
}

// sentenceInForce returns the ruling whose sentence stands for a person after every stage, and
// the proceedings that upheld it.
func (reg *Registry) sentenceInForce(person string) (in *Proceeding, upheld []*Proceeding, last *Proceeding) {
	var ps []*Proceeding
	for _, p := range reg.v().byDefendant[person] {
		if p.Outcome != "" && reg.political(p) {
			ps = append(ps, p)
		}
	}
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Case != ps[j].Case {
			return sortKey(ps[i].Date, ps[i].Dated) < sortKey(ps[j].Date, ps[j].Dated)
		}
		return proceedingLess(ps[i], ps[j])
	})
	for _, p := range ps {
		last = p
		switch p.Outcome {
		case "convicted":
			in, upheld = p, nil
		case "upheld":
			if in != nil {
				upheld = append(upheld, p)
			}
		default: // acquitted, overturned, returned, dismissed
			in, upheld = nil, nil
		}
	}
	return in, upheld, last
}

// releasedAfter reports whether a release of the person is recorded on or after the date (an
// undated release, or a release after an undated ruling, counts).
func (reg *Registry) releasedAfter(person string, d docket.Date, dated bool) bool {
	for _, ev := range reg.v().eventsByVictim[person] {
		if ev.Type != "release" {
			continue
		}
		if !ev.Dated || !dated || sortKey(ev.Date, true) >= sortKey(d, true) {
			return true
		}
	}
	return false
}

func (reg *Registry) classify(person string) Listed {
	li := Listed{Person: person, Name: reg.Caption(person), Category: Persecuted}
	cases := newCaseSet(newCaseTable())
	in, upheld, last := reg.sentenceInForce(person)
	var mine []*Event
	for _, ev := range reg.v().eventsByVictim[person] {
		if reg.persecution(ev) {
			mine = append(mine, ev)
		}
	}
	if in != nil && !reg.releasedAfter(person, in.Date, in.Dated) {
		kind := ""
		if pen, err := docket.ParsePenalty(in.Sentence); err == nil {
			kind = pen.Kind
		}
		switch kind {
		case "imprisonment":
			li.Category = Imprisoned
		case "compulsory treatment":
			li.Category = Psychiatric
		case "restriction of freedom", "suspended", "ban":
			li.Category = Restraint
		}
		if li.Category != Persecuted {
			li.Because = append(li.Because, in.ID)
			for _, u := range upheld {
				li.Because = append(li.Because, u.ID)
			}
			cases.add(in.Case)
		}
	}
	if li.Category == Persecuted {
		for _, ev := range mine {
			if contains(restraintEvents, ev.Type) && !reg.releasedAfter(person, ev.Date, ev.Dated) && !reg.clearedAfter(person, ev) {
				li.Category = Restraint
				li.Because = append(li.Because, ev.ID)
				cases.add(first(ev.Cases))
			}
		}
	}
	if li.Category == Persecuted {
		for _, ev := range mine {
			if contains(extraditionEvents, ev.Type) {
				li.Category = Extradition
				li.Because = append(li.Because, ev.ID)
				cases.add(first(ev.Cases))
			}
		}
	}
	if li.Category == Persecuted {
		if last != nil {
			li.Because = append(li.Because, last.ID)
			cases.add(last.Case)
		}
		for _, ev := range mine {
			li.Because = append(li.Because, ev.ID)
			cases.add(first(ev.Cases))
		}
	}
	for _, ev := range mine {
		if !contains(li.Because, ev.ID) {
			li.Also = append(li.Also, ev.ID)
		}
	}
	for _, c := range reg.v().casesOf[person] {
		if c.Political {
			cases.add(c.ID)
		}
	}
	li.Cases = cases.cases().Strings()
	return li
}

// clearedAfter reports whether the person was acquitted, or the case dismissed, after a
// restraint measure.
func (reg *Registry) clearedAfter(person string, ev *Event) bool {
	for _, p := range reg.v().byDefendant[person] {
		if (p.Outcome == "acquitted" || p.Outcome == "dismissed") &&
			(!ev.Dated || !p.Dated || sortKey(p.Date, true) >= sortKey(ev.Date, true)) {
			return true
		}
	}
	return false
}

func first(ss []string) string {
	if len(ss) == 0 {
		return ""
	}
	return ss[0]
}

// PrisonersDoc returns the published list of political prisoners and other persecuted persons
// by category, with counts, every fact footnoted. The registry must be the anonymous viewer's.
func PrisonersDoc(reg *Registry, lang string) (*Doc, error) {
	if err := reg.published("prisoner list"); err != nil {
		return nil, err
	}
	l := reg.Prisoners()
	return prisonersDoc(reg, l, 0, l.Total, lang), nil
}

// PrisonersPage returns the published list's entries from (counting from 0) to from+n, in the
// order of the whole list, as a document of its own (with the summary of the whole list and
// its own footnotes): the list of a large registry is read a page at a time, each page reading
// only the records it cites. l is the list ListPrisoners made as the anonymous viewer.
func PrisonersPage(ctx context.Context, r Reader, l *PrisonerList, from, n int, lang string) (*Doc, error) {
	var ids []string
	for _, li := range l.entries(from, n) {
		ids = append(append(append(append(ids, li.Person), li.Because...), li.Also...), li.Cases...)
	}
	nb := newNeighbourhood(ctx, r, docket.AnonymousViewer, 0)
	if err := nb.fetch(ids); err != nil {
		return nil, err
	}
	if err := nb.named(); err != nil {
		return nil, err
	}
	if err := nb.sources(); err != nil {
		return nil, err
	}
	reg, err := nb.registry()
	if err != nil {
		return nil, err
	}
	d := prisonersDoc(reg, l, from, n, lang)
	if from > 0 || from+n < l.Total {
		d.Subtitle += locale.Get(lang).T("report.prisoners.entries", min(from+1, l.Total), min(from+n, l.Total), l.Total)
	}
	return d, nil
}

// entries returns the entries from to from+n of the list, by category then name.
func (l *PrisonerList) entries(from, n int) []Listed {
	var all []Listed
	for _, c := range categoryOrder {
		all = append(all, l.Categories[c]...)
	}
	from = min(max(from, 0), len(all))
	return all[from:min(from+max(n, 0), len(all))]
}

// prisonersDoc writes the list's summary and its entries from to from+n, citing from reg.
func prisonersDoc(reg *Registry, l *PrisonerList, from, n int, lang string) *Doc {
	b := newBriefer(reg, lang)
	d := b.doc("prisoners", b.p.T("report.prisoners.title"), b.p.T("report.prisoners.subtitle"))
	sum := &Section{Heading: b.p.T("report.prisoners.summary")}
	for _, c := range categoryOrder {
		sum.Blocks = append(sum.Blocks, (&para{kind: Item, label: b.p.T("report.category." + c)}).add(itoa(l.Counts[c])).block())
	}
	sum.Blocks = append(sum.Blocks, (&para{kind: Item, label: b.p.T("report.total")}).add(itoa(l.Total)).block())
	d.Sections = append(d.Sections, sum)
	shown := map[string]bool{}
	for _, li := range l.entries(from, n) {
		shown[li.Person] = true
	}
	whole := from == 0 && n >= l.Total
	for _, c := range categoryOrder {
		s := &Section{Heading: b.p.T("report.category."+c) + " (" + itoa(l.Counts[c]) + ")"}
		for _, li := range l.Categories[c] {
			if !shown[li.Person] {
				continue
			}
			p := &para{kind: Item}
			p.text = append(p.text, Inline{Text: b.caption(li.Person), Href: li.Person, Strong: true})
			p.add(".")
			for _, id := range li.Because {
				b.because(p, li.Person, id)
			}
			if len(li.Also) > 0 {
				p.add(" " + b.p.T("report.prisoners.also"))
				for i, id := range li.Also {
					if i > 0 {
						p.add("; ")
					}
					b.eventPhrase(p, reg.Event(id))
				}
				p.add(".")
			}
			if len(li.Cases) > 0 {
				p.add(" " + b.p.Form("report.prisoners.cases", len(li.Cases)))
				for i, id := range li.Cases {
					if i > 0 {
						p.add(", ")
					}
					p.link(b.caption(id), id)
				}
				p.add(".")
			}
			s.Blocks = append(s.Blocks, p.block())
		}
		if len(s.Blocks) == 0 {
			if !whole {
				continue // on another page
			}
			s.Blocks = append(s.Blocks, (&para{kind: Para}).add(b.p.T("report.prisoners.none")).block())
		}
		d.Sections = append(d.Sections, s)
	}
	d.Notes = b.cite.notes
	return d
}

// datePhrase is "on 6 February 2019", "in September 2018", "in 2019", or "" without a date,
// in the briefer's language.
func (b *briefer) datePhrase(s string) string {
	d, ok := parseDate(s)
	if !ok {
		return ""
	}
	if d.Day != 0 {
		return b.p.T("report.onDay", b.date(s))
	}
	return b.p.T("report.inMonth", b.date(s))
}

// because writes why a person is listed: a ruling or an event.
func (b *briefer) because(p *para, person, id string) {
	e := b.reg.Entity(id)
	if e == nil {
		return
	}
	if e.Schema == "Event" {
		p.add(" ")
		b.eventPhrase(p, b.reg.Event(id))
		p.add(".")
		return
	}
	p.add(" ")
	b.rulingPhrase(p, e, false)
	p.add(".")
}

// rulingPhrase writes a ruling as a clause: "Sentenced to imprisonment for 3 years by the
// Aktau City Court (Judge …) in September 2018", "Acquitted by …", "Verdict upheld by …";
// inside a sentence (inline) "was sentenced to …", "the verdict was upheld by …".
func (b *briefer) rulingPhrase(p *para, e *docket.Entity, inline bool) {
	outcome := statementsOf(e, "outcome")
	sentence := statementsOf(e, "sentence")
	switch {
	case len(sentence) > 0:
		key := "report.sentencedTo"
		if inline {
			key = "report.wasSentencedTo"
		}
		p.say(b.p, key, bold(b.penalty(sentence[0].Value), b.cite.cite(append(outcome, sentence...)...)...))
	case len(outcome) > 0 && inline:
		p.strong(b.p.T("report.was."+outcome[0].Value), b.cite.cite(outcome...)...)
	case len(outcome) > 0:
		p.strong(capitalize(b.label("outcome", outcome[0].Value)), b.cite.cite(outcome...)...)
	default:
		p.add(capitalize(b.label("stage", e.First("stage"))))
	}
	if len(statementsOf(e, "court")) > 0 {
		p.add(" ").say(b.p, "report.byCourt", b.with(e, "court"))
	}
	if len(statementsOf(e, "judge")) > 0 {
		p.add(" (").say(b.p, "report.ruling.judge", b.with(e, "judge")).add(")")
	}
	if ds := statementsOf(e, "date"); len(ds) > 0 {
		p.add(" "+b.datePhrase(ds[0].Value), b.cite.cite(ds...)...)
	}
}

// eventPhrase writes an event as a clause: its caption, type and date.
func (b *briefer) eventPhrase(p *para, ev *Event) {
	if ev == nil {
		return
	}
	p.link(b.caption(ev.ID), ev.ID, b.cite.cite(statementsOf(ev.Entity, "name", "type")...)...)
	if ds := statementsOf(ev.Entity, "date"); len(ds) > 0 {
		p.add(" "+b.datePhrase(ds[0].Value), b.cite.cite(ds...)...)
	}
}
