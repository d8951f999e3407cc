package report

import (
	"sort"
	"strings"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/locale"
)

// Brief returns the brief of a case: the defendant, the assessment and charges, a timeline of
// its proceedings and events (with the chain of events that follows them), the national
// figures recorded for its country, and the cases of the defendant's relatives, every fact
// footnoted. The registry must be the anonymous viewer's: a brief is published.
// It is written in lang (en, ru or kk; another falls back to English), names included where
// they are recorded in its script.
func Brief(reg *Registry, caseID, lang string) (*Doc, error) {
	if err := reg.published("brief"); err != nil {
		return nil, err
	}
	c := reg.Case(caseID)
	if c == nil {
		return nil, docket.Errorf(docket.ENOTFOUND, "no published case %q", caseID)
	}
	b := newBriefer(reg, lang)
	d := b.doc("brief", b.caption(c.ID), b.p.T("report.brief.subtitle"))
	d.Sections = append(d.Sections, b.caseSection(c))
	if s := b.chargeSection(c); s != nil {
		d.Sections = append(d.Sections, s)
	}
	d.Sections = append(d.Sections, b.timeline(c))
	if s := b.context(c); s != nil {
		d.Sections = append(d.Sections, s)
	}
	if s := b.related(c); s != nil {
		d.Sections = append(d.Sections, s)
	}
	d.Notes = b.cite.notes
	return d, nil
}

// briefer writes the parts of briefs, appeals and lists, in one language.
type briefer struct {
	reg   *Registry
	cite  *citer
	p     *locale.Printer
	namer locale.Namer
}

func newBriefer(reg *Registry, lang string) *briefer {
	p := locale.Get(lang)
	return &briefer{reg: reg, cite: newCiter(reg, p.Lang), p: p, namer: locale.Namer{P: p, Lookup: reg.Entity}}
}

// doc starts a document of the briefer's language.
func (b *briefer) doc(kind, title, subtitle string) *Doc {
	return &Doc{Kind: kind, Title: title, Subtitle: subtitle, Colophon: b.p.T("report.colophon"), Lang: b.p.Lang}
}

// caption names a record in the briefer's language (see locale.Namer), or gives its id when
// the registry lacks it.
func (b *briefer) caption(id string) string {
	if e := b.reg.Entity(id); e != nil {
		c, _ := b.namer.Caption(e)
		return c
	}
	return id
}

// label is a vocabulary term in the briefer's language.
func (b *briefer) label(vocab, id string) string { return b.p.Term(vocab, id) }

// date and penalty write values in the briefer's language.
func (b *briefer) date(s string) string    { return b.p.Date(s) }
func (b *briefer) penalty(s string) string { return b.p.PenaltyPhrase(s) }

// refs writes the captions of e's references under prop, each with the footnotes of every
// statement that makes it, joined.
func (b *briefer) refs(p *para, e *docket.Entity, prop string) {
	for i, v := range uniq(e.Values(prop)) {
		if i > 0 {
			p.add(", ")
		}
		p.link(b.caption(v), v, b.cite.cite(statementsWith(e, prop, v)...)...)
	}
}

// with returns a run of e's references under prop, for say.
func (b *briefer) with(e *docket.Entity, prop string) func(*para) {
	return func(p *para) { b.refs(p, e, prop) }
}

func (b *briefer) caseSection(c *Case) *Section {
	s := &Section{Heading: b.p.T("report.brief.case")}
	if ss := statementsOf(c.Entity, "defendant"); len(ss) > 0 {
		p := &para{kind: Para}
		p.add(b.p.Form("report.defendants", len(uniq(c.Entity.Values("defendant")))))
		b.refs(p, c.Entity, "defendant")
		p.add(".")
		s.Blocks = append(s.Blocks, p.block())
	}
	p := &para{kind: Para}
	if ss := statementsOf(c.Entity, "politicallyMotivated"); len(ss) > 0 {
		p.add(b.p.T("report.assessment")).strong(b.label("assessment", ss[0].Value), b.cite.cite(ss...)...).add(".")
	}
	for i, st := range statementsOf(c.Entity, "criteria") {
		if i > 0 || !p.empty() {
			p.add(" ")
		}
		p.add(sentence(st.Value), b.cite.cite(st)...)
	}
	if !p.empty() {
		s.Blocks = append(s.Blocks, p.block())
	}
	if ss := statementsOf(c.Entity, "number"); len(ss) > 0 {
		s.Blocks = append(s.Blocks, (&para{kind: Para}).add(b.p.T("prop.number")+": ").add(ss[0].Value, b.cite.cite(ss[0])...).block())
	}
	if ss := statementsOf(c.Entity, "country"); len(ss) > 0 {
		s.Blocks = append(s.Blocks, (&para{kind: Para}).add(b.p.T("prop.country")+": ").add(b.p.Country(ss[0].Value), b.cite.cite(ss[0])...).block())
	}
	for _, st := range statementsOf(c.Entity, "summary") {
		s.Blocks = append(s.Blocks, (&para{kind: Para}).add(sentence(st.Value), b.cite.cite(st)...).block())
	}
	return s
}

// chargeText writes a charge: the code and article with its title, the wording charged.
func (b *briefer) chargeText(p *para, ch *docket.Entity) {
	code, art := statementsOf(ch, "code"), statementsOf(ch, "article")
	var head, title, original string
	if len(art) > 0 {
		codeID := ""
		if len(code) > 0 {
			codeID = code[0].Value
		}
		head = locale.Capitalize(b.p.Article(codeID, art[0].Value, ch.First("part")))
		if cd, ok := docket.Vocab.Code(codeID); ok {
			if a, ok := cd.Article(art[0].Value); ok {
				title = a.Label(b.p.Lang)
				// The title in the code's own language beside a translation: what is cited.
				if a.Ru != "" && title != a.Ru {
					original = a.Ru
				}
			}
		}
	}
	if head == "" {
		head = b.caption(ch.ID)
	}
	p.strong(strings.TrimSpace(head), b.cite.cite(append(art, code...)...)...)
	if title != "" {
		p.add(": " + title)
		if original != "" {
			p.add(" (" + original + ")")
		}
	}
	if w := statementsOf(ch, "wording"); len(w) > 0 {
		p.add(". ").say(b.p, "report.chargedWith", text("“"+w[0].Value+"”", b.cite.cite(w...)...))
	}
	p.add(".")
}

func (b *briefer) chargeSection(c *Case) *Section {
	if len(c.Charges) == 0 {
		return nil
	}
	s := &Section{Heading: b.p.T("report.brief.charges")}
	for _, ch := range c.Charges {
		p := &para{kind: Item}
		b.chargeText(p, ch)
		s.Blocks = append(s.Blocks, p.block())
	}
	return s
}

// item is an entry of a timeline: a proceeding or an event.
type item struct {
	e     *docket.Entity
	date  docket.Date
	dated bool
	order int // proceedings before events on one day, then creation order
}

// caseEvents returns the events of a case: those recorded in it, those whose victim is a
// defendant and that belong to no other case, and the chain of events linked to them (follows,
// causedBy, retaliationFor, either way) that belong to no other case.
func (reg *Registry) caseEvents(c *Case) []*Event {
	vw := reg.v()
	in := map[string]bool{}
	var queue []string
	add := func(id string) {
		if !in[id] {
			in[id] = true
			queue = append(queue, id)
		}
	}
	for _, ev := range reg.Events() {
		if contains(ev.Cases, c.ID) {
			add(ev.ID)
		}
	}
	for _, d := range c.Defendants {
		for _, ev := range vw.eventsByVictim[d] {
			if len(ev.Cases) == 0 {
				add(ev.ID)
			}
		}
	}
	for _, p := range c.Proceedings {
		add(p.ID)
	}
	// The chain of events, through links either way, staying out of other cases.
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		for _, l := range vw.linked[id] {
			if ev := vw.eventByID[l]; ev != nil && (len(ev.Cases) == 0 || contains(ev.Cases, c.ID)) {
				add(l)
			}
		}
	}
	var out []*Event
	for _, ev := range reg.Events() {
		if in[ev.ID] {
			out = append(out, ev)
		}
	}
	return out
}

func links(e *docket.Entity) []string {
	var out []string
	for _, p := range []string{"follows", "causedBy", "retaliationFor"} {
		out = append(out, e.Values(p)...)
	}
	return out
}

// timelineItems returns a case's proceedings and events in date order, undated ones last.
func (reg *Registry) timelineItems(c *Case) []item {
	var items []item
	for _, p := range c.Proceedings {
		items = append(items, item{e: p.Entity, date: p.Date, dated: p.Dated, order: 0})
	}
	for _, ev := range reg.caseEvents(c) {
		items = append(items, item{e: ev.Entity, date: ev.Date, dated: ev.Dated, order: 1})
	}
	sort.SliceStable(items, func(i, j int) bool {
		ki, kj := sortKey(items[i].date, items[i].dated), sortKey(items[j].date, items[j].dated)
		if ki != kj {
			return ki < kj
		}
		return items[i].order < items[j].order
	})
	return items
}

func (b *briefer) timeline(c *Case) *Section {
	s := &Section{Heading: b.p.T("report.brief.timeline")}
	for _, it := range b.reg.timelineItems(c) {
		s.Blocks = append(s.Blocks, b.entry(it.e, 0))
	}
	if len(s.Blocks) == 0 {
		s.Blocks = append(s.Blocks, (&para{kind: Para}).add(b.p.T("report.brief.noTimeline")).block())
	}
	return s
}

// entry writes a proceeding or an event as a timeline entry.
func (b *briefer) entry(e *docket.Entity, level int) *Block {
	p := &para{kind: Entry, level: level, label: b.p.T("report.undated")}
	if d := e.First("date"); d != "" {
		p.label = b.date(d)
	} else if d := e.First("startDate"); d != "" {
		p.label = locale.Capitalize(b.p.T("caption.from", b.date(d)))
	}
	if e.Schema == "Proceeding" {
		b.proceedingText(p, e)
	} else {
		b.eventText(p, e)
	}
	return p.block()
}

func capitalize(s string) string { return locale.Capitalize(s) }

func (b *briefer) proceedingText(p *para, e *docket.Entity) {
	head := capitalize(b.label("stage", e.First("stage")))
	if e.First("stage") == "" {
		head = b.caption(e.ID)
	}
	p.strong(head, b.cite.cite(statementsOf(e, "stage", "date", "startDate")...)...)
	if len(statementsOf(e, "court")) > 0 {
		p.add(", ")
		b.refs(p, e, "court")
	}
	p.add(".")
	for _, prop := range []string{"judge", "prosecutor", "lawyer"} {
		if len(statementsOf(e, prop)) > 0 {
			p.add(" " + b.p.T("prop."+prop) + ": ")
			b.refs(p, e, prop)
			p.add(".")
		}
	}
	if ss := statementsOf(e, "demand"); len(ss) > 0 {
		p.add(" "+b.p.T("prop.demand")+": ").add(b.penalty(ss[0].Value), b.cite.cite(ss...)...).add(".")
	}
	if ss := statementsOf(e, "outcome"); len(ss) > 0 {
		p.add(" "+b.p.T("prop.outcome")+": ").strong(b.label("outcome", ss[0].Value), b.cite.cite(ss...)...).add(".")
	}
	if ss := statementsOf(e, "sentence"); len(ss) > 0 {
		p.add(" "+b.p.T("prop.sentence")+": ").add(b.penalty(ss[0].Value), b.cite.cite(ss...)...).add(".")
	}
	for _, st := range statementsOf(e, "description") {
		p.add(" "+sentence(st.Value), b.cite.cite(st)...)
	}
}

func (b *briefer) eventText(p *para, e *docket.Entity) {
	var what []string
	if t := e.First("type"); t != "" {
		what = append(what, b.label("event-type", t))
	}
	if pl := e.First("place"); pl != "" {
		what = append(what, pl)
	}
	if name := b.namer.Named(e); name != "" || len(what) == 0 {
		p.strong(b.caption(e.ID), b.cite.cite(statementsOf(e, "name", "date")...)...)
		if len(what) > 0 {
			p.add(" ("+strings.Join(what, ", ")+")", b.cite.cite(statementsOf(e, "type", "place")...)...)
		}
	} else {
		// Its caption would only say its type, date and place again: the entry's label has
		// the date.
		p.strong(capitalize(strings.Join(what, ", ")), b.cite.cite(statementsOf(e, "type", "place", "date")...)...)
	}
	p.add(".")
	for _, st := range statementsOf(e, "description") {
		p.add(" "+sentence(st.Value), b.cite.cite(st)...)
	}
	for _, prop := range []string{"victim", "perpetrator", "witness", "observer", "participant", "retaliationFor", "causedBy"} {
		if len(statementsOf(e, prop)) > 0 {
			p.add(" " + b.p.T("prop."+prop) + ": ")
			b.refs(p, e, prop)
			p.add(".")
		}
	}
}

// statisticText writes a statistic: its name, value and unit, scope and date.
func (b *briefer) statisticText(p *para, e *docket.Entity) {
	p.add(b.caption(e.ID) + ": ")
	v := e.First("value")
	switch u := e.First("unit"); u {
	case "percent", "%":
		v += "%"
	case "":
	default:
		v += " " + u
	}
	p.strong(v, b.cite.cite(statementsOf(e, "name", "value", "unit")...)...)
	if sc := statementsOf(e, "scope"); len(sc) > 0 {
		p.add(" ("+strings.TrimSuffix(sc[0].Value, ".")+")", b.cite.cite(sc...)...)
	}
	if d := statementsOf(e, "date"); len(d) > 0 {
		p.add(", ").say(b.p, "report.asOf", text(b.date(d[0].Value), b.cite.cite(d...)...))
	}
	p.add(".")
	for _, st := range statementsOf(e, "description") {
		p.add(" "+sentence(st.Value), b.cite.cite(st)...)
	}
}

// maxContext is how many statistics of its country a brief gives as context: the latest
// recorded. A country's statistics accumulate over the years; a brief is a few pages.
const maxContext = 10

// statistics returns the latest statistics recorded for a case's country, at most maxContext,
// in the order they were recorded.
func (reg *Registry) statistics(c *Case) []*docket.Entity {
	country := c.First("country")
	if country == "" {
		return nil
	}
	var out []*docket.Entity
	for _, e := range reg.Schema("Statistic") {
		if e.First("country") == country {
			out = append(out, e)
		}
	}
	return out[max(len(out)-maxContext, 0):]
}

func (b *briefer) context(c *Case) *Section {
	stats := b.reg.statistics(c)
	if len(stats) == 0 {
		return nil
	}
	s := &Section{Heading: b.p.T("report.brief.context")}
	for _, e := range stats {
		p := &para{kind: Item}
		b.statisticText(p, e)
		s.Blocks = append(s.Blocks, p.block())
	}
	return s
}

// relative is a person related to a defendant, with the statements that say so.
type relative struct {
	person, of, relation string
	stmts                []*docket.Statement
}

// relatives returns the persons recorded as spouse or relative of a case's defendants, in
// either direction.
func (reg *Registry) relatives(c *Case) []relative {
	var out []relative
	seen := map[string]bool{}
	for _, def := range c.Defendants {
		for _, prop := range []string{"spouse", "relative"} {
			if d := reg.Entity(def); d != nil {
				for _, v := range uniq(d.Values(prop)) {
					if !seen[v] && v != def {
						seen[v] = true
						out = append(out, relative{person: v, of: def, relation: prop, stmts: statementsWith(d, prop, v)})
					}
				}
			}
			for _, e := range reg.Referrers(def) {
				if e.Schema == "Person" && !seen[e.ID] && len(statementsWith(e, prop, def)) > 0 {
					seen[e.ID] = true
					out = append(out, relative{person: e.ID, of: def, relation: prop, stmts: statementsWith(e, prop, def)})
				}
			}
		}
	}
	return out
}

func (b *briefer) related(c *Case) *Section {
	s := &Section{Heading: b.p.T("report.brief.related")}
	for _, r := range b.reg.relatives(c) {
		for _, rc := range b.reg.Cases() {
			if rc.ID == c.ID || !contains(rc.Defendants, r.person) {
				continue
			}
			p := &para{kind: Item}
			p.link(b.caption(r.person), r.person).add(", ").say(b.p, "report.relation."+r.relation, text(b.caption(r.of), b.cite.cite(r.stmts...)...)).add(": ")
			p.link(b.caption(rc.ID), rc.ID, b.cite.cite(statementsOf(rc.Entity, "name", "defendant")...)...).add(".")
			if ss := statementsWith(rc.Entity, "politicallyMotivated", "yes"); len(ss) > 0 {
				p.add(" ").say(b.p, "report.assessedPolitical", bold(b.label("assessment", "yes"), b.cite.cite(ss...)...)).add(".")
			}
			for _, st := range statementsOf(rc.Entity, "criteria") {
				p.add(" "+sentence(st.Value), b.cite.cite(st)...)
			}
			s.Blocks = append(s.Blocks, p.block())
			for _, ch := range rc.Charges {
				cp := &para{kind: Item, level: 1}
				b.chargeText(cp, ch)
				s.Blocks = append(s.Blocks, cp.block())
			}
			for _, it := range b.reg.timelineItems(rc) {
				s.Blocks = append(s.Blocks, b.entry(it.e, 1))
			}
		}
	}
	if len(s.Blocks) == 0 {
		return nil
	}
	return s
}
