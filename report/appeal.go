package report

import (
	"strings"

	"github.com/docketorg/docket"
)

// role writes what a sanctioned person was, in the briefer's language: "judge who ruled",
// "chairman of the Aktau City Court".
func (b *briefer) role(f Finding) string {
	var out []string
	for _, p := range f.Posts {
		switch {
		case p.Judge:
			out = append(out, b.p.T("report.appeal.judgeWhoRuled"))
		case p.Post != "":
			out = append(out, b.p.T("report.appeal.postAt", b.label("post", p.Post), b.caption(p.Organization)))
		default:
			out = append(out, b.p.T("report.appeal.officialAt", b.caption(p.Organization)))
		}
	}
	if len(out) == 0 {
		return f.Role
	}
	return strings.Join(out, ", ")
}

// after writes when a sanction came: "the day after the acquittal of Aigul Akberdiyeva".
func (b *briefer) after(days int, outcome, defendant string) string {
	gap := b.p.T("report.gap.days", days)
	switch days {
	case 0:
		gap = b.p.T("report.gap.same")
	case 1:
		gap = b.p.T("report.gap.next")
	}
	return b.p.T("report.appeal.after", gap, b.p.T("report.ruling."+outcome), defendant)
}

// Appeal returns a draft appeal, or press release, about a case: a headline, what happened in
// the order it happened, the sanctions the retaliation detector finds after rulings against
// the prosecution, the national figures, the cases of the defendant's relatives, a call to
// the international community and the footnotes. It is a draft for a person to finish: the
// place, date, organisation and contact are left as placeholders. The registry must be the
// anonymous viewer's.
//
// It is written in lang, as a brief is.
func Appeal(reg *Registry, caseID string, window int, lang string) (*Doc, error) {
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
	b := newBriefer(reg, lang)
	defendant := b.p.T("report.appeal.theDefendant")
	if len(c.Defendants) > 0 {
		defendant = b.caption(c.Defendants[0])
	}
	d := b.doc("appeal", b.caption(c.ID), b.p.T("report.appeal.subtitle"))
	d.Dateline = b.p.T("report.appeal.dateline")
	if len(findings) > 0 {
		f := findings[0]
		role, _, _ := strings.Cut(b.role(f), ", ")
		d.Title = capitalize(b.p.T("report.appeal.title", b.caption(f.Target), role, b.p.T("report.sanction."+f.Sanction.Type),
			b.after(f.GapDays, f.Outcome, defendant)))
	} else if in, _, _ := reg.sentenceInForce(first(c.Defendants)); in != nil && in.Case == c.ID {
		d.Title = b.p.T("report.appeal.titleSentenced", defendant, b.penalty(in.Sentence))
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
		p.say(b.p, "report.appeal.lead", linked(b.caption(f.Target), f.Target), text(b.role(f)),
			bold(b.p.T("report.sanction."+f.Sanction.Type), b.cite.cite(statementsOf(sanc, "type", "victim", "defendant")...)...),
			text(b.date(f.Sanction.Date), b.cite.cite(statementsOf(sanc, "date", "startDate")...)...),
			text(b.after(f.GapDays, f.Outcome, defendant)))
		for _, st := range statementsOf(sanc, "description") {
			p.add(" "+sentence(st.Value), b.cite.cite(st)...)
		}
		if f.Linked {
			p.add(" ").say(b.p, "report.appeal.trueReason",
				marks(b.cite.cite(append(statementsOf(sanc, "retaliationFor"), statementsOf(sanc, "causedBy")...)...)...))
		}
		addP(p)
	}

	// The case: who, what for, why it is political.
	p := &para{kind: Para}
	who := linked(defendant, first(c.Defendants), b.cite.cite(statementsOf(c.Entity, "defendant")...)...)
	if len(c.Charges) > 0 {
		p.say(b.p, "report.appeal.charged", who, func(p *para) {
			for i, ch := range c.Charges {
				if i > 0 {
					p.add(b.p.T("caption.and"))
				}
				b.chargePhrase(p, ch)
			}
		})
	} else {
		p.say(b.p, "report.appeal.isDefendant", who)
	}
	for _, st := range statementsOf(c.Entity, "criteria") {
		p.add(" "+sentence(st.Value), b.cite.cite(st)...)
	}
	if ss := statementsWith(c.Entity, "politicallyMotivated", "yes"); len(ss) > 0 {
		p.add(" ").say(b.p, "report.appeal.political", bold(b.label("assessment", "yes"), b.cite.cite(ss...)...))
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
				p.add(capitalize(b.datePhrase(ds[0].Value)), b.cite.cite(ds...)...).add(": ")
			}
			p.add(sentence(b.caption(it.e.ID)), b.cite.cite(statementsOf(it.e, "name", "type")...)...)
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
			p.say(b.p, "report.appeal.relation."+r.relation, text(b.caption(r.of), b.cite.cite(r.stmts...)...)).add(", ")
			p.link(b.caption(r.person), r.person).add(",")
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
	call := &Section{Heading: b.p.T("report.appeal.call")}
	call.Blocks = append(call.Blocks, (&para{kind: Para}).add(b.p.T("report.appeal.callOn")).block())
	for _, f := range findings {
		call.Blocks = append(call.Blocks, (&para{kind: Item}).say(b.p, "report.appeal.defend", linked(b.caption(f.Target), f.Target)).block())
	}
	if in, _, _ := reg.sentenceInForce(first(c.Defendants)); in != nil {
		if pen, err := docket.ParsePenalty(in.Sentence); err == nil && pen.Kind == "imprisonment" && !contains(release, first(c.Defendants)) {
			release = append([]string{first(c.Defendants)}, release...)
		}
	}
	for _, id := range release {
		call.Blocks = append(call.Blocks, (&para{kind: Item}).say(b.p, "report.appeal.release", linked(b.caption(id), id)).block())
	}
	call.Blocks = append(call.Blocks, (&para{kind: Item}).say(b.p, "report.appeal.speak", linked(defendant, first(c.Defendants))).block())
	call.Blocks = append(call.Blocks, (&para{kind: Para}).add(b.p.T("report.appeal.contact")).block())
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
	codeID := ""
	if len(code) > 0 {
		codeID = strings.TrimSpace(strings.Split(b.p.Code(code[0].Value), "(")[0])
		if _, ok := docket.Vocab.Code(code[0].Value); !ok {
			codeID = ""
		}
	}
	head := b.p.T("caption.article", art[0].Value)
	if codeID != "" {
		head = b.p.T("caption.articleOf", head, codeID)
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
		p.add(capitalize(b.datePhrase(ds[0].Value)), b.cite.cite(ds...)...).add(", ")
	}
	var court func(*para)
	switch {
	case len(statementsOf(e, "judge")) > 0 && len(statementsOf(e, "court")) > 0:
		court = func(p *para) { p.say(b.p, "report.ruling.judgeOf", b.with(e, "judge"), b.with(e, "court")) }
	case len(statementsOf(e, "judge")) > 0:
		court = func(p *para) { p.say(b.p, "report.ruling.judge", b.with(e, "judge")) }
	case len(statementsOf(e, "court")) > 0:
		court = b.with(e, "court")
	default:
		court = text(b.p.T("report.ruling.theCourt"))
	}
	if ruledWords[outcome] {
		p.say(b.p, "report.ruled", court, bold(b.p.T("report.verb."+outcome), b.cite.cite(statementsOf(e, "outcome")...)...), text(defendant))
	} else {
		p.say(b.p, "report.ruled.heard", court, text(b.label("stage", e.First("stage"))))
	}
	if ss := statementsOf(e, "sentence"); len(ss) > 0 {
		p.add(" ").say(b.p, "report.ruled.sentence", text(b.penalty(ss[0].Value), b.cite.cite(ss...)...))
	}
	p.add(".")
	if ss := statementsOf(e, "demand"); len(ss) > 0 {
		p.add(" ").say(b.p, "report.ruled.demand", text(b.penalty(ss[0].Value), b.cite.cite(ss...)...))
	}
	for _, st := range statementsOf(e, "description") {
		p.add(" "+sentence(st.Value), b.cite.cite(st)...)
	}
}

// ruledWords are the outcomes a ruling's sentence says in words of its own.
var ruledWords = map[string]bool{"convicted": true, "acquitted": true, "upheld": true, "overturned": true, "returned": true, "dismissed": true}
