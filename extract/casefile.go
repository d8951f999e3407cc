package extract

// buildCase ties the proposals together as a case: the defendants, the charges, and a
// proceeding for each stage that an outcome tells of, with the court, judge and prosecutor
// named in the sentences of its outcomes and demands.
func (d *doc) buildCase() {
	r := d.res
	cast := d.defendants()
	if len(cast) == 0 && len(r.Outcomes) == 0 {
		return
	}
	c := &Case{}
	for _, p := range cast {
		c.Defendants = append(c.Defendants, p.Name)
	}
	for _, ch := range r.Charges {
		if ch.Article != "" {
			c.Charges = append(c.Charges, ch.Article)
		}
	}
	byStage := map[string]*Proceeding{}
	get := func(stage string) *Proceeding {
		if p, ok := byStage[stage]; ok {
			return p
		}
		p := &Proceeding{Stage: stage}
		byStage[stage] = p
		c.Proceedings = append(c.Proceedings, p)
		return p
	}
	stageOf := func(o string) string {
		switch o {
		case "upheld", "overturned", "returned":
			return "appeal"
		case "dismissed":
			return "investigation"
		}
		return "first instance"
	}
	sentStage := map[int]string{} // the stage an outcome's sentence tells of
	for _, o := range r.Outcomes {
		st := stageOf(o.Outcome)
		if o.Outcome == "convicted" && o.Inferred != "" {
			if prev, ok := sentStage[o.sent]; ok {
				st = prev // a sentence the appeal changed is the appeal's
			}
		}
		p := get(st)
		p.Outcomes = append(p.Outcomes, o)
		if _, ok := sentStage[o.sent]; !ok || o.Inferred == "" {
			sentStage[o.sent] = st
		}
		if p.Date == "" {
			p.Date = o.Date
		}
		d.fillProceeding(p, o.sent)
	}
	for _, s := range r.Sentences {
		st, ok := sentStage[s.sent]
		if !ok {
			st = "first instance"
		}
		p := get(st)
		p.Sentences = append(p.Sentences, s)
	}
	for _, dm := range r.Demands {
		p := get("first instance")
		p.Demands = append(p.Demands, dm)
		if p.Prosecutor == "" {
			p.Prosecutor = d.roleIn(dm.sent, "prosecutor")
		}
	}
	r.Case = c
}

// fillProceeding takes the court, judge and prosecutor of a proceeding from sentence si.
func (d *doc) fillProceeding(p *Proceeding, si int) {
	if si < 0 || si >= len(d.sents) {
		return
	}
	s := d.sents[si]
	if p.Court == "" {
		for _, m := range d.orgs {
			if m.a >= s.a && m.a < s.b && m.org.Kind == "court" {
				p.Court = m.org.Name
				break
			}
		}
	}
	if p.Judge == "" {
		p.Judge = d.roleIn(si, "judge")
	}
	if p.Prosecutor == "" {
		p.Prosecutor = d.roleIn(si, "prosecutor")
	}
}

// roleIn returns the person of a role named in sentence si, or "".
func (d *doc) roleIn(si int, role string) string {
	if si < 0 || si >= len(d.sents) {
		return ""
	}
	for _, m := range d.sentPersons[si] {
		if m.p != nil && !m.pronoun && hasRole(m.p, role) {
			return m.p.Name
		}
	}
	return ""
}
