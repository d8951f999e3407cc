package report

import (
	"strings"

	"github.com/docketorg/docket"
)

// sanctionVerb says what a sanction did to its target.
var sanctionVerb = map[string]string{
	"dismissal":           "removed from office",
	"disciplinary action": "subjected to disciplinary action",
	"charge":              "charged with an offence",
	"prosecution":         "prosecuted",
}

// outcomeNoun names a ruling against the prosecution.
var outcomeNoun = map[string]string{
	"acquitted": "the acquittal",
	"returned":  "the return of the case",
	"dismissed": "the dismissal of the case",
}

// rulingVerb says what a court did.
var rulingVerb = map[string]string{
	"convicted":  "convicted",
	"acquitted":  "acquitted",
	"upheld":     "upheld the verdict against",
	"overturned": "overturned the verdict against",
	"returned":   "returned the case of",
	"dismissed":  "dismissed the case against",
}

func gapPhrase(days int) string {
	switch days {
	case 0:
		return "the same day as"
	case 1:
		return "the day after"
	}
	return itoa(days) + " days after"
}

// Appeal returns a draft appeal, or press release, about a case: a headline, what happened in
// the order it happened, the sanctions the retaliation detector finds after rulings against
// the prosecution, the national figures, the cases of the defendant's relatives, a call to
// the international community and the footnotes. It is a draft for a person to finish: the
// place, date, organisation and contact are left as placeholders. The registry must be the
// anonymous viewer's.
func Appeal(reg *Registry, caseID string, window int) (*Doc, error) {
	if err := reg.published("appeal"); err != nil {
		return nil, err
	}
	c := reg.Case(caseID)
	if c == nil {
		return nil, docket.Errorf(docket.ENOTFOUND, "no published case %q", caseID)
	}
	ret, err := reg.Retaliation(Options{Window: window})
	if err != nil {
		return nil, err
	}
	var findings []Finding
	for _, f := range ret.Findings {
		if f.Case == c.ID {
			findings = append(findings, f)
		}
	}
	b := &briefer{reg: reg, cite: newCiter(reg)}
	defendant := "the defendant"
	if len(c.Defendants) > 0 {
		defendant = reg.Caption(c.Defendants[0])
	}
	d := &Doc{Kind: "appeal", Title: c.Caption, Subtitle: "Draft appeal: check every fact against its footnote before publishing",
		Dateline: "[Place], [date of publication]", Colophon: colophon}
	if len(findings) > 0 {
		f := findings[0]
		role, _, _ := strings.Cut(f.Role, ", ")
		d.Title = capitalize(f.TargetName + ", " + role + ", " + sanctionVerb[f.Sanction.Type] + " " + gapPhrase(f.GapDays) + " " +
			outcomeNoun[f.Outcome] + " of " + defendant)
	} else if in, _, _ := reg.sentenceInForce(first(c.Defendants)); in != nil && in.Case == c.ID {
		d.Title = defendant + " sentenced to " + HumanPenalty(in.Sentence) + " in a politically motivated case"
	}
	body := &Section{}
	d.Sections = append(d.Sections, body)
	addP := func(p *para) {
		if !p.empty() {
			body.Blocks = append(body.Blocks, p.block())
		}
	}

	// The lead: the sanction, if the detector found one.
	for _, f := range findings {
		p := &para{kind: Para}
		sanc := reg.Entity(f.Sanction.ID)
		p.link(f.TargetName, f.Target).add(", " + f.Role + ", was ")
		p.strong(sanctionVerb[f.Sanction.Type], b.cite.cite(statementsOf(sanc, "type", "victim", "defendant")...)...)
		p.add(" on "+HumanDate(f.Sanction.Date), b.cite.cite(statementsOf(sanc, "date", "startDate")...)...)
		p.add(", " + gapPhrase(f.GapDays) + " " + outcomeNoun[f.Outcome] + " of " + defendant + " in a politically motivated case.")
		for _, st := range statementsOf(sanc, "description") {
			p.add(" "+sentence(st.Value), b.cite.cite(st)...)
		}
		if f.Linked {
			p.add(" There is every reason to believe that the ruling was the true reason for it",
				b.cite.cite(append(statementsOf(sanc, "retaliationFor"), statementsOf(sanc, "causedBy")...)...)...).add(".")
		}
		addP(p)
	}

	// The case: who, what for, why it is political.
	p := &para{kind: Para}
	p.link(defendant, first(c.Defendants), b.cite.cite(statementsOf(c.Entity, "defendant")...)...)
	if len(c.Charges) > 0 {
		p.add(" was charged under ")
		for i, ch := range c.Charges {
			if i > 0 {
				p.add(" and ")
			}
			b.chargePhrase(p, ch)
		}
		p.add(".")
	} else {
		p.add(" is the defendant in this case.")
	}
	for _, st := range statementsOf(c.Entity, "criteria") {
		p.add(" "+sentence(st.Value), b.cite.cite(st)...)
	}
	if ss := statementsWith(c.Entity, "politicallyMotivated", "yes"); len(ss) > 0 {
		p.add(" The case is ").strong("politically motivated", b.cite.cite(ss...)...).add(".")
	}
	addP(p)

	// The rulings, then the other events in the order they happened.
	sanctioned := map[string]bool{}
	for _, f := range findings {
		sanctioned[f.Sanction.ID] = true
	}
	for _, it := range reg.timelineItems(c) {
		if sanctioned[it.e.ID] {
			continue
		}
		p := &para{kind: Para}
		if it.e.Schema == "Proceeding" {
			b.rulingSentence(p, it.e, defendant)
		} else {
			if it.e.First("type") == "verdict" {
				continue // told by its proceeding
			}
			if ds := statementsOf(it.e, "date"); len(ds) > 0 {
				p.add(capitalize(datePhrase(ds[0].Value)), b.cite.cite(ds...)...).add(": ")
			}
			p.add(sentence(it.e.Caption), b.cite.cite(statementsOf(it.e, "name", "type")...)...)
			for _, st := range statementsOf(it.e, "description") {
				p.add(" "+sentence(st.Value), b.cite.cite(st)...)
			}
		}
		addP(p)
	}

	// The figures.
	for _, e := range reg.statistics(c) {
		p := &para{kind: Para}
		b.statisticText(p, e)
		addP(p)
	}

	// The relatives' cases.
	var release []string
	for _, r := range reg.relatives(c) {
		for _, rc := range reg.Cases() {
			if rc.ID == c.ID || !contains(rc.Defendants, r.person) {
				continue
			}
			p := &para{kind: Para}
			p.add(capitalize(r.relation)+" of "+reg.Caption(r.of), b.cite.cite(r.stmts...)...).add(", ")
			p.link(reg.Caption(r.person), r.person).add(",")
			for i, pr := range rc.Proceedings {
				if pr.Outcome == "" {
					continue
				}
				if i > 0 {
					p.add(";")
				}
				p.add(" ")
				b.rulingPhrase(p, pr.Entity, true)
			}
			p.add(".")
			for _, st := range statementsOf(rc.Entity, "criteria") {
				p.add(" "+sentence(st.Value), b.cite.cite(st)...)
			}
			addP(p)
			if in, _, _ := reg.sentenceInForce(r.person); in != nil && in.Case == rc.ID && !contains(release, r.person) {
				if pen, err := docket.ParsePenalty(in.Sentence); err == nil && pen.Kind == "imprisonment" {
					release = append(release, r.person)
				}
			}
		}
	}

	// The call.
	call := &Section{Heading: "Our call"}
	call.Blocks = append(call.Blocks, (&para{kind: Para}).add("[Organisation] calls on the international community:").block())
	for _, f := range findings {
		call.Blocks = append(call.Blocks, (&para{kind: Item}).add("to defend ").link(f.TargetName, f.Target).
			add(" and every judge who rules independently in politically motivated cases;").block())
	}
	if in, _, _ := reg.sentenceInForce(first(c.Defendants)); in != nil {
		if pen, err := docket.ParsePenalty(in.Sentence); err == nil && pen.Kind == "imprisonment" && !contains(release, first(c.Defendants)) {
			release = append([]string{first(c.Defendants)}, release...)
		}
	}
	for _, id := range release {
		call.Blocks = append(call.Blocks, (&para{kind: Item}).add("to seek the release of ").link(reg.Caption(id), id).add(";").block())
	}
	call.Blocks = append(call.Blocks, (&para{kind: Item}).add("to speak out in defence of ").link(defendant, first(c.Defendants)).
		add(" and to follow the case until it is closed.").block())
	call.Blocks = append(call.Blocks, (&para{kind: Para}).add("For more information, contact: [name, e-mail].").block())
	d.Sections = append(d.Sections, call)
	d.Notes = b.cite.notes
	return d, nil
}

// chargePhrase writes a charge as a clause: "article 179 of the Criminal Code of … (“…”)".
func (b *briefer) chargePhrase(p *para, ch *docket.Entity) {
	code, art := statementsOf(ch, "code"), statementsOf(ch, "article")
	if len(art) == 0 {
		p.add(ch.Caption, b.cite.cite(statementsOf(ch, "name")...)...)
		return
	}
	head := "article " + art[0].Value
	if len(code) > 0 {
		if cd, ok := docket.Vocab.Code(code[0].Value); ok {
			head += " of the " + strings.TrimSpace(strings.Split(cd.Title, "(")[0])
		}
	}
	p.add(head, b.cite.cite(append(art, code...)...)...)
	if w := statementsOf(ch, "wording"); len(w) > 0 {
		p.add(" (“"+w[0].Value+"”)", b.cite.cite(w...)...)
	}
}

// rulingSentence writes a proceeding as a sentence of a press release: "On 6 February 2019,
// Judge Gulnara Baiturova of the Aktau City Court acquitted Aigul Akberdiyeva. The prosecutor
// had demanded restriction of freedom."
func (b *briefer) rulingSentence(p *para, e *docket.Entity, defendant string) {
	outcome := e.First("outcome")
	if ds := statementsOf(e, "date"); len(ds) > 0 {
		p.add(capitalize(datePhrase(ds[0].Value)), b.cite.cite(ds...)...).add(", ")
	}
	if len(statementsOf(e, "judge")) > 0 {
		p.add("Judge ")
		b.refs(p, e, "judge")
		if len(statementsOf(e, "court")) > 0 {
			p.add(" of the ")
			b.refs(p, e, "court")
		}
	} else if len(statementsOf(e, "court")) > 0 {
		p.add("the ")
		b.refs(p, e, "court")
	} else {
		p.add("the court")
	}
	if v, ok := rulingVerb[outcome]; ok {
		p.add(" ").strong(v, b.cite.cite(statementsOf(e, "outcome")...)...).add(" " + defendant)
	} else {
		p.add(" heard the case (" + label("stage", e.First("stage")) + ")")
	}
	if ss := statementsOf(e, "sentence"); len(ss) > 0 {
		p.add(" and sentenced them to ").add(HumanPenalty(ss[0].Value), b.cite.cite(ss...)...)
	}
	p.add(".")
	if ss := statementsOf(e, "demand"); len(ss) > 0 {
		p.add(" The prosecutor had demanded ").add(HumanPenalty(ss[0].Value), b.cite.cite(ss...)...).add(".")
	}
	for _, st := range statementsOf(e, "description") {
		p.add(" "+sentence(st.Value), b.cite.cite(st)...)
	}
}
