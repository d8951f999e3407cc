package report

import (
	"sort"

	"github.com/docketorg/docket"
)

// Case is a case as the figures read it.
type Case struct {
	*docket.Entity
	Political   bool     // assessed politically motivated ("yes")
	Defendants  []string // entity ids
	Charges     []*docket.Entity
	Proceedings []*Proceeding // by stage, then date
}

// Proceeding is a stage of a case as the figures read it.
type Proceeding struct {
	*docket.Entity
	Case       string
	Stage      string
	Courts     []string
	Judges     []string
	Defendants []string // its own, else its case's
	Charges    []string // Charge ids: its own, else its case's that concern its defendants
	Outcome    string
	Demand     string // canonical penalty text, "" when none
	Sentence   string
	Date       docket.Date
	Dated      bool
}

// Event is an event as the figures read it.
type Event struct {
	*docket.Entity
	Type    string
	Date    docket.Date
	Dated   bool
	Cases   []string
	Victims []string
}

// Position is a post held at an organisation.
type Position struct {
	*docket.Entity
	Holder, Organization, Post string
	Start, End                 docket.Date
	HasStart, HasEnd           bool
}

// views are the typed views of a registry, built once.
type views struct {
	cases       map[string]*Case
	caseList    []*Case
	proceedings []*Proceeding
	events      []*Event
	eventByID   map[string]*Event
	positions   []*Position

	// Indexes, so that no figure scans the registry once per person or per ruling.
	eventsByVictim map[string][]*Event
	byDefendant    map[string][]*Proceeding
	casesOf        map[string][]*Case     // by defendant
	positionsAt    map[string][]*Position // by organisation
	linked         map[string][]string    // event or proceeding -> linked ones, either way
}

func (reg *Registry) v() *views {
	if reg.views != nil {
		return reg.views
	}
	vw := &views{cases: map[string]*Case{}, eventByID: map[string]*Event{}, eventsByVictim: map[string][]*Event{},
		byDefendant: map[string][]*Proceeding{}, casesOf: map[string][]*Case{}, positionsAt: map[string][]*Position{}, linked: map[string][]string{}}
	for _, e := range reg.Schema("Case") {
		c := &Case{Entity: e, Political: e.First("politicallyMotivated") == "yes", Defendants: uniq(e.Values("defendant"))}
		vw.cases[e.ID] = c
		vw.caseList = append(vw.caseList, c)
		for _, d := range c.Defendants {
			vw.casesOf[d] = append(vw.casesOf[d], c)
		}
	}
	for _, e := range reg.Schema("Charge") {
		if c := vw.cases[e.First("case")]; c != nil {
			c.Charges = append(c.Charges, e)
		}
	}
	for _, e := range reg.Schema("Proceeding") {
		p := &Proceeding{Entity: e, Case: e.First("case"), Stage: e.First("stage"), Courts: uniq(e.Values("court")),
			Judges: uniq(e.Values("judge")), Defendants: uniq(e.Values("defendant")), Charges: uniq(e.Values("charge")),
			Outcome: e.First("outcome"), Demand: e.First("demand"), Sentence: e.First("sentence")}
		p.Date, p.Dated = parseDate(e.First("date"))
		c := vw.cases[p.Case]
		if len(p.Defendants) == 0 && c != nil {
			p.Defendants = c.Defendants
		}
		if len(p.Charges) == 0 && c != nil {
			for _, ch := range c.Charges {
				d := ch.Values("defendant")
				if len(d) == 0 || overlaps(d, p.Defendants) {
					p.Charges = append(p.Charges, ch.ID)
				}
			}
		}
		vw.proceedings = append(vw.proceedings, p)
		for _, d := range p.Defendants {
			vw.byDefendant[d] = append(vw.byDefendant[d], p)
		}
		if c != nil {
			c.Proceedings = append(c.Proceedings, p)
		}
	}
	for _, c := range vw.caseList {
		sort.SliceStable(c.Proceedings, func(i, j int) bool { return proceedingLess(c.Proceedings[i], c.Proceedings[j]) })
	}
	for _, e := range reg.Schema("Event") {
		ev := &Event{Entity: e, Type: e.First("type"), Cases: uniq(e.Values("case")), Victims: uniq(e.Values("victim"))}
		ev.Date, ev.Dated = parseDate(e.First("date"))
		vw.events = append(vw.events, ev)
		vw.eventByID[e.ID] = ev
		for _, v := range ev.Victims {
			vw.eventsByVictim[v] = append(vw.eventsByVictim[v], ev)
		}
		for _, l := range links(e) {
			vw.linked[e.ID] = append(vw.linked[e.ID], l)
			vw.linked[l] = append(vw.linked[l], e.ID)
		}
	}
	for _, e := range reg.Schema("Position") {
		p := &Position{Entity: e, Holder: e.First("holder"), Organization: e.First("organization"), Post: e.First("post")}
		p.Start, p.HasStart = parseDate(e.First("startDate"))
		p.End, p.HasEnd = parseDate(e.First("endDate"))
		vw.positions = append(vw.positions, p)
		vw.positionsAt[p.Organization] = append(vw.positionsAt[p.Organization], p)
	}
	reg.views = vw
	return vw
}

// proceedingLess orders proceedings by stage, then by date.
func proceedingLess(a, b *Proceeding) bool {
	if ra, rb := stageRank(a.Stage), stageRank(b.Stage); ra != rb {
		return ra < rb
	}
	return sortKey(a.Date, a.Dated) < sortKey(b.Date, b.Dated)
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// Cases returns every case in creation order.
func (reg *Registry) Cases() []*Case { return reg.v().caseList }

// Case returns the case with the id, or nil.
func (reg *Registry) Case(id string) *Case { return reg.v().cases[id] }

// Proceedings returns every proceeding in creation order.
func (reg *Registry) Proceedings() []*Proceeding { return reg.v().proceedings }

// Events returns every event in creation order.
func (reg *Registry) Events() []*Event { return reg.v().events }

// Event returns the event with the id, or nil.
func (reg *Registry) Event(id string) *Event { return reg.v().eventByID[id] }

// Positions returns every position in creation order.
func (reg *Registry) Positions() []*Position { return reg.v().positions }

// political reports whether the proceeding belongs to a case assessed as politically
// motivated.
func (reg *Registry) political(p *Proceeding) bool {
	c := reg.Case(p.Case)
	return c != nil && c.Political
}
