package ingest

import (
	"slices"
	"strings"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/extract"
)

// proposals plans entities and draft statements for every proposal.
func (p *plan) proposals() error {
	res := p.res
	persons := map[string]string{} // name → entity id
	orgs := map[string]string{}
	for _, per := range res.Persons {
		id, caption, err := p.resolve("Person", per.Name, per.Aliases)
		if err != nil {
			return err
		}
		persons[per.Name] = id
		p.keys["person "+per.Name] = id
		m := first(per.Mentions)
		// A record found under another spelling gets this one as an alias.
		nameProp := "name"
		if caption != "" && caption != per.Name {
			nameProp = "alias"
		}
		p.stmt(id, nameProp, per.Name, m, "")
		for i, a := range per.Aliases {
			if len(strings.Fields(a)) > 1 {
				p.stmt(id, "alias", a, per.Mentions[min(i+1, len(per.Mentions)-1)], "")
			}
		}
		for _, r := range per.Roles {
			if r != "defendant" && r != "spouse" && r != "relative" {
				p.stmt(id, "occupation", r, m, "")
			}
		}
		if res.Country != "" {
			p.stmt(id, "country", res.Country, m, "")
		}
	}
	for _, per := range res.Persons {
		if per.Spouse != "" && persons[per.Spouse] != "" {
			p.stmt(persons[per.Name], "spouse", persons[per.Spouse], first(per.Mentions), "")
		}
	}
	for _, o := range res.Orgs {
		id, caption, err := p.resolve("Organization", o.Name, nil)
		if err != nil {
			return err
		}
		orgs[o.Name] = id
		p.keys["organization "+o.Name] = id
		m := first(o.Mentions)
		nameProp := "name"
		if caption != "" && caption != o.Name {
			nameProp = "alias"
		}
		p.stmt(id, nameProp, o.Name, m, "")
		if _, ok := docket.Vocab.Term("org-kind", o.Kind); ok {
			p.stmt(id, "kind", o.Kind, m, "")
		}
		if o.Level != "" {
			p.stmt(id, "level", o.Level, m, "")
		}
		p.stmt(id, "city", o.City, m, "")
		p.stmt(id, "country", o.Country, m, "")
	}
	// Positions: a person's post at an organisation.
	for _, per := range res.Persons {
		if per.Org == "" || per.Post == "" || orgs[per.Org] == "" {
			continue
		}
		id := p.entity("Position")
		m := first(per.Mentions)
		p.stmt(id, "name", per.Name+", "+per.Post+", "+per.Org, m, "")
		p.stmt(id, "holder", persons[per.Name], m, "")
		p.stmt(id, "organization", orgs[per.Org], m, "")
		p.stmt(id, "post", per.Post, m, "")
	}
	caseID := p.caseRecord(persons)
	charges := map[string][]string{} // person → charge ids
	for _, c := range res.Charges {
		id := p.entity("Charge")
		m := first(c.Mentions)
		name := joinWords(c.Person, "article "+c.Article, c.Wording)
		if c.Article == "" {
			name = joinWords(c.Person, c.Wording)
		}
		p.stmt(id, "name", name, m, "")
		p.stmt(id, "case", caseID, m, "")
		p.stmt(id, "code", c.Code, m, c.Inferred)
		p.stmt(id, "article", c.Article, m, c.Inferred)
		p.stmt(id, "part", c.Part, m, "")
		p.stmt(id, "wording", c.Wording, m, "")
		if c.Person != "" && persons[c.Person] != "" {
			p.stmt(id, "defendant", persons[c.Person], m, "")
			charges[c.Person] = append(charges[c.Person], id)
		}
	}
	if res.Case != nil && len(res.Case.Proceedings) > 0 {
		p.caseProceedings(caseID, persons, orgs, charges)
	} else {
		p.proceedingsByPerson(persons, charges)
	}
	used := map[string]bool{res.Dateline: true}
	for _, e := range slices.Concat(res.Events, res.Undated) {
		id := p.entity("Event")
		m := first(e.Mentions)
		p.stmt(id, "name", joinWords(e.Type, "of "+e.Person, e.Date), m, "")
		p.stmt(id, "type", e.Type, m, e.Inferred)
		p.stmt(id, "date", e.Date, m, "")
		p.stmt(id, "case", caseID, m, "")
		if e.Person != "" {
			p.stmt(id, "victim", persons[e.Person], m, e.Inferred)
		}
		used[e.Date] = true
	}
	for _, o := range res.Outcomes {
		used[o.Date] = true
	}
	// Dates no event or outcome took: an event of the timeline to type in review.
	for _, d := range res.Dates {
		if used[d.Date] {
			continue
		}
		id := p.entity("Event")
		m := first(d.Mentions)
		what := d.What
		if what == "" {
			what = "date in the text"
		}
		p.stmt(id, "name", what+": "+clip(m.Quote, 80), m, "")
		p.stmt(id, "date", d.Date, m, "")
	}
	for _, s := range res.Statistics {
		id := p.entity("Statistic")
		m := first(s.Mentions)
		p.stmt(id, "name", clip(s.Value+" "+s.Unit+" of "+s.Scope, 200), m, "")
		p.stmt(id, "value", s.Value, m, "")
		p.stmt(id, "unit", s.Unit, m, "")
		p.stmt(id, "scope", s.Scope, m, "")
		p.stmt(id, "country", s.Country, m, "")
	}
	return nil
}

// caseRecord plans the Case the document tells of, with its defendants, and returns its id,
// or "" when extraction found no case.
func (p *plan) caseRecord(persons map[string]string) string {
	c := p.res.Case
	if c == nil || len(c.Defendants) == 0 {
		return ""
	}
	id := p.entity("Case")
	p.keys["case"] = id
	// The case rests on the first words that name its first defendant.
	var sp extract.Span
	if per := p.res.Person(c.Defendants[0]); per != nil {
		sp = first(per.Mentions)
	}
	p.stmt(id, "name", "Case of "+strings.Join(c.Defendants, ", "), sp, "")
	p.stmt(id, "country", p.res.Country, sp, "")
	for _, d := range c.Defendants {
		if per := p.res.Person(d); per != nil {
			p.stmt(id, "defendant", persons[d], first(per.Mentions), "")
		}
	}
	return id
}

// caseProceedings plans a Proceeding for each stage of the case, linked to the case, its
// court, judge and prosecutor, with the demands, outcomes and sentences of that stage. A stage
// that decided for several defendants gets one proceeding each, so that each keeps what was
// demanded and imposed on them.
func (p *plan) caseProceedings(caseID string, persons, orgs map[string]string, charges map[string][]string) {
	for _, pr := range p.res.Case.Proceedings {
		people := map[string]bool{}
		var order []string
		note := func(name string) {
			if name != "" && !people[name] {
				people[name] = true
				order = append(order, name)
			}
		}
		for _, o := range pr.Outcomes {
			note(o.Person)
		}
		for _, s := range pr.Sentences {
			note(s.Person)
		}
		for _, d := range pr.Demands {
			note(d.Person)
		}
		if len(order) <= 1 {
			p.proceeding(caseID, pr, "", persons, orgs, charges)
			continue
		}
		for _, who := range order {
			p.proceeding(caseID, pr, who, persons, orgs, charges)
		}
	}
}

// proceeding plans one proceeding of a stage: for one defendant (who), or for all when who is "".
func (p *plan) proceeding(caseID string, pr *extract.Proceeding, who string, persons, orgs map[string]string, charges map[string][]string) {
	mine := func(person string) bool { return who == "" || person == who }
	var sp extract.Span
	for _, o := range pr.Outcomes {
		if mine(o.Person) {
			sp = first(o.Mentions)
			break
		}
	}
	if sp.Quote == "" {
		for _, s := range append(pr.Sentences, pr.Demands...) {
			if mine(s.Person) {
				sp = first(s.Mentions)
				break
			}
		}
	}
	id := p.entity("Proceeding")
	name := pr.Stage
	if who != "" {
		name = who + ": " + pr.Stage
	} else if c := p.res.Case; len(c.Defendants) > 0 {
		name = strings.Join(c.Defendants, ", ") + ": " + pr.Stage
	}
	key := "proceeding " + pr.Stage
	if who != "" {
		key += " " + who
	}
	p.keys[key] = id
	p.stmt(id, "name", name, sp, "")
	p.stmt(id, "stage", pr.Stage, sp, "")
	p.stmt(id, "case", caseID, sp, "")
	p.stmt(id, "court", orgs[pr.Court], sp, "")
	p.stmt(id, "judge", persons[pr.Judge], sp, "")
	p.stmt(id, "prosecutor", persons[pr.Prosecutor], sp, "")
	p.stmt(id, "date", pr.Date, sp, "")
	defendants := map[string]bool{}
	defendant := func(person string, at extract.Span) {
		if person != "" && !defendants[person] && persons[person] != "" {
			defendants[person] = true
			p.stmt(id, "defendant", persons[person], at, "")
			if pr.Stage == "first instance" {
				for _, c := range charges[person] {
					p.stmt(id, "charge", c, at, "")
				}
			}
		}
	}
	for _, d := range pr.Demands {
		if mine(d.Person) {
			defendant(d.Person, first(d.Mentions))
			p.stmt(id, "demand", d.Value(), first(d.Mentions), d.Inferred)
		}
	}
	for _, o := range pr.Outcomes {
		if mine(o.Person) {
			defendant(o.Person, first(o.Mentions))
			p.stmt(id, "outcome", o.Outcome, first(o.Mentions), o.Inferred)
		}
	}
	for _, s := range pr.Sentences {
		if mine(s.Person) {
			defendant(s.Person, first(s.Mentions))
			p.stmt(id, "sentence", s.Value(), first(s.Mentions), s.Inferred)
		}
	}
}

// proceedingsByPerson plans, when extraction tied no case together, a first instance for each
// person with a demand, sentence or conviction, and an appeal for those upheld or overturned.
func (p *plan) proceedingsByPerson(persons map[string]string, charges map[string][]string) {
	res := p.res
	type proc struct{ first, appeal string }
	procs := map[string]*proc{}
	proceeding := func(person string, appeal bool, sp extract.Span) string {
		pr := procs[person]
		if pr == nil {
			pr = &proc{}
			procs[person] = pr
		}
		slot := &pr.first
		stage := "first instance"
		if appeal {
			slot, stage = &pr.appeal, "appeal"
		}
		if *slot == "" {
			*slot = p.entity("Proceeding")
			p.keys["proceeding "+stage+" "+person] = *slot
			p.stmt(*slot, "name", person+": "+stage, sp, "")
			p.stmt(*slot, "stage", stage, sp, "")
			p.stmt(*slot, "defendant", persons[person], sp, "")
			if !appeal {
				for _, c := range charges[person] {
					p.stmt(*slot, "charge", c, sp, "")
				}
			}
		}
		return *slot
	}
	for _, d := range res.Demands {
		if d.Person != "" {
			p.stmt(proceeding(d.Person, false, first(d.Mentions)), "demand", d.Value(), first(d.Mentions), d.Inferred)
		}
	}
	for _, s := range res.Sentences {
		if s.Person != "" {
			p.stmt(proceeding(s.Person, false, first(s.Mentions)), "sentence", s.Value(), first(s.Mentions), s.Inferred)
		}
	}
	for _, o := range res.Outcomes {
		appeal := o.Outcome == "upheld" || o.Outcome == "overturned"
		id := proceeding(o.Person, appeal, first(o.Mentions))
		p.stmt(id, "outcome", o.Outcome, first(o.Mentions), o.Inferred)
		p.stmt(id, "date", o.Date, first(o.Mentions), "")
	}
}

func joinWords(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" && p != "of" && p != "article" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " ")
}
