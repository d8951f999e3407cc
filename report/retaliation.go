package report

import (
	"math"
	"sort"
	"strings"

	"github.com/docketorg/docket"
)

// DefaultWindow is how many days after a ruling the retaliation detector looks by default.
const DefaultWindow = 30

// MaxWindow is the longest window the detector looks in: about ten years.
const MaxWindow = 3660

// sanctionTypes are the event types that sanction a judge or an official.
var sanctionTypes = []string{"dismissal", "disciplinary action", "charge"}

// SourceRef is a source cited for an entity, as a finding shows it.
type SourceRef struct {
	ID    string `json:"id"`
	URL   string `json:"url,omitempty"`
	Title string `json:"title,omitempty"`
}

// Label returns the URL, else the title, else the id.
func (s SourceRef) Label() string {
	switch {
	case s.URL != "":
		return s.URL
	case s.Title != "":
		return s.Title
	}
	return s.ID
}

// Ref is an event or proceeding named in a finding, with its sources.
type Ref struct {
	ID      string      `json:"id"`
	Schema  string      `json:"schema"`
	Caption string      `json:"caption"`
	Type    string      `json:"type"` // the event type, or "prosecution" for a proceeding against the target
	Date    string      `json:"date"`
	Sources []SourceRef `json:"sources"`
}

// Finding is a sanction against the judge who ruled, or an official of the court, within the
// window after a ruling against the prosecution in a politically motivated case.
type Finding struct {
	Case       string `json:"case"`
	CaseName   string `json:"case_name"`
	Ruling     Ref    `json:"ruling"` // the proceeding
	Outcome    string `json:"outcome"`
	Court      string `json:"court,omitempty"`
	CourtName  string `json:"court_name,omitempty"`
	Target     string `json:"target"` // the person sanctioned
	TargetName string `json:"target_name"`
	Role       string `json:"role"`  // "judge who ruled", or the posts held at the court
	Posts      []Post `json:"posts"` // the same, for a report to write in its language
	Sanction   Ref    `json:"sanction"`
	GapDays    int    `json:"gap_days"`
	// Linked is set when the registry records the sanction as retaliation for the ruling or
	// for an event of its case.
	Linked bool `json:"linked"`
}

// Unmeasured is a sanction that may fall within the window, left out because a date is not
// exact to the day (or missing).
type Unmeasured struct {
	Case     string `json:"case"`
	Ruling   Ref    `json:"ruling"`
	Sanction Ref    `json:"sanction"`
	Target   string `json:"target"`
	Reason   string `json:"reason"`
}

// RetaliationReport is what the detector found.
type RetaliationReport struct {
	Window     int          `json:"window_days"`
	Rulings    int          `json:"rulings"` // rulings against the prosecution in politically motivated cases examined
	Findings   []Finding    `json:"findings"`
	Unmeasured []Unmeasured `json:"unmeasured"`
	Basis
}

// target is a person who may be sanctioned for a ruling, and why.
type target struct {
	id    string
	roles []string
	posts []Post
}

// Post is a role of a person sanctioned: the judge who ruled (Judge), or a post (a term of the
// post vocabulary; "" for an official) at an organisation. A report writes it in its language.
type Post struct {
	Judge        bool   `json:"judge,omitempty"`
	Post         string `json:"post,omitempty"`
	Organization string `json:"organization,omitempty"`
}

// Retaliation looks for sanctions (events of type dismissal, disciplinary action or charge
// whose victim is the person, or a proceeding against the person) against the judge who
// ruled, or anyone holding a position at the court then, within o.Window days (DefaultWindow
// when 0) after a ruling against the prosecution (acquitted, returned, dismissed) in a case
// assessed as politically motivated. Gaps are computed only between dates exact to the day;
// sanctions that may fall in the window but whose dates are less precise are listed as
// unmeasured. o.By and o.Political do not apply: the detector always looks at politically
// motivated cases only.
func (reg *Registry) Retaliation(o Options) (*RetaliationReport, error) {
	a, err := newRetaliation(o)
	if err != nil {
		return nil, err
	}
	a.add(reg)
	return a.result(), nil
}

// retaliation looks for retaliation part by part (see Count). Within MaxWindow it finds what
// any window would, and within answers for one.
type retaliation struct {
	rep         *RetaliationReport
	seqs, useqs []int64   // of the findings' and the unmeasured's rulings, to put them in order
	soonest     []float64 // of the unmeasured: the fewest days the sanction may come after the ruling
}

func newRetaliation(o Options) (*retaliation, error) {
	o.By = ""
	if err := o.Validate(); err != nil {
		return nil, err
	}
	if o.Window == 0 {
		o.Window = DefaultWindow
	}
	return &retaliation{rep: &RetaliationReport{Window: o.Window, Findings: []Finding{}, Unmeasured: []Unmeasured{}}}, nil
}

// rulings returns the rulings the detector examines: against the prosecution, in a case
// assessed as politically motivated, among those the registry counts.
func (reg *Registry) rulings() []*Proceeding {
	var out []*Proceeding
	for _, p := range reg.Proceedings() {
		if reg.counts(p.ID) && AgainstProsecution(p.Outcome) && reg.political(p) {
			out = append(out, p)
		}
	}
	return out
}

func (a *retaliation) add(reg *Registry) {
	rep := a.rep
	sanctions := reg.sanctionsByPerson()
	for _, p := range reg.rulings() {
		rep.Rulings++
		for _, t := range reg.targets(p) {
			for _, s := range sanctions[t.id] {
				if s.id == p.ID {
					continue
				}
				f, u, ok := reg.match(p, t, s, rep.Window)
				switch {
				case ok:
					rep.Findings = append(rep.Findings, f)
					a.seqs = append(a.seqs, p.Seq)
				case u != nil:
					rep.Unmeasured = append(rep.Unmeasured, *u)
					a.useqs = append(a.useqs, p.Seq)
					a.soonest = append(a.soonest, soonestGap(p.Date, s.date, s.dated))
				}
			}
		}
	}
}

// result is what was found, as within(the window looked in).
func (a *retaliation) result() *RetaliationReport { return a.within(a.rep.Window) }

// within returns what the detector finds with a window no longer than the one it looked in.
func (a *retaliation) within(window int) *RetaliationReport {
	rep := &RetaliationReport{Window: window, Rulings: a.rep.Rulings, Findings: []Finding{}, Unmeasured: []Unmeasured{}}
	var seqs, useqs []int64
	t := newCaseTable()
	cases := newCaseSet(t)
	for i, f := range a.rep.Findings {
		if f.GapDays <= window {
			rep.Findings = append(rep.Findings, f)
			seqs = append(seqs, a.seqs[i])
			cases.add(f.Case)
		}
	}
	for i, u := range a.rep.Unmeasured {
		if a.soonest[i] <= float64(window) {
			rep.Unmeasured = append(rep.Unmeasured, u)
			useqs = append(useqs, a.useqs[i])
		}
	}
	// In the order the rulings were made, whatever order the parts were counted in.
	rep.Findings = inOrder(rep.Findings, seqs)
	rep.Unmeasured = inOrder(rep.Unmeasured, useqs)
	rep.Basis = cases.basis()
	t.done()
	return rep
}

// inOrder returns xs sorted by their keys, stably.
func inOrder[T any](xs []T, keys []int64) []T {
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool { return keys[idx[i]] < keys[idx[j]] })
	out := make([]T, len(xs))
	for i, k := range idx {
		out[i] = xs[k]
	}
	return out
}

// sanction is an event or proceeding that sanctions a person.
type sanction struct {
	id, kind string
	date     docket.Date
	dated    bool
}

func (reg *Registry) sanctionsByPerson() map[string][]sanction {
	out := map[string][]sanction{}
	for _, ev := range reg.Events() {
		if !contains(sanctionTypes, ev.Type) {
			continue
		}
		for _, v := range ev.Victims {
			out[v] = append(out[v], sanction{id: ev.ID, kind: ev.Type, date: ev.Date, dated: ev.Dated})
		}
	}
	for _, p := range reg.Proceedings() {
		d, ok := parseDate(p.First("startDate"))
		if !ok {
			d, ok = p.Date, p.Dated
		}
		for _, def := range p.Defendants {
			out[def] = append(out[def], sanction{id: p.ID, kind: "prosecution", date: d, dated: ok})
		}
	}
	return out
}

// targets returns the judges of a proceeding and those holding a position at its court on
// the day of the ruling (as far as the dates tell).
func (reg *Registry) targets(p *Proceeding) []target {
	var out []target
	idx := map[string]int{}
	add := func(id, role string, post Post) {
		if i, ok := idx[id]; ok {
			if !contains(out[i].roles, role) && !contains(out[i].roles, "judge who ruled") {
				out[i].roles = append(out[i].roles, role)
				out[i].posts = append(out[i].posts, post)
			}
			return
		}
		idx[id] = len(out)
		out = append(out, target{id: id, roles: []string{role}, posts: []Post{post}})
	}
	for _, j := range p.Judges {
		add(j, "judge who ruled", Post{Judge: true})
	}
	var at []*Position
	for _, c := range p.Courts {
		at = append(at, reg.v().positionsAt[c]...)
	}
	for _, pos := range at {
		if pos.Holder == "" {
			continue
		}
		if p.Dated && pos.HasEnd {
			if end, ok := lastDay(pos.End); ok {
				if first, _ := p.Date.Time(); end.Before(first) {
					continue // left the court before the ruling
				}
			}
		}
		if p.Dated && pos.HasStart {
			if start, ok := pos.Start.Time(); ok {
				if last, ok := lastDay(p.Date); ok && start.After(last) {
					continue // joined the court after the ruling
				}
			}
		}
		role := label("post", pos.Post)
		if pos.Post == "" {
			role = "official"
		}
		add(pos.Holder, role+" of the "+reg.Caption(pos.Organization), Post{Post: pos.Post, Organization: pos.Organization})
	}
	return out
}

// match decides whether a sanction falls within the window after a ruling.
func (reg *Registry) match(p *Proceeding, t target, s sanction, window int) (Finding, *Unmeasured, bool) {
	ruling := reg.ref(p.Entity, p.Stage, p.Date.String(), p.Dated, "date", "outcome", "judge", "court")
	sanc := reg.ref(reg.Entity(s.id), s.kind, s.date.String(), s.dated, "date", "type", "victim", "startDate", "defendant", "description")
	if !p.Dated {
		// Without a date for the ruling nothing can be said of a gap.
		return Finding{}, nil, false
	}
	if !exactDay(p.Date) || !s.dated || !exactDay(s.date) {
		if !s.dated || mayFallWithin(p.Date, s.date, window) {
			why := "the sanction has no date"
			switch {
			case !exactDay(p.Date):
				why = "the ruling's date (" + p.Date.String() + ") is not exact to the day"
			case s.dated:
				why = "the sanction's date (" + s.date.String() + ") is not exact to the day"
			}
			return Finding{}, &Unmeasured{Case: p.Case, Ruling: ruling, Sanction: sanc, Target: t.id, Reason: why}, false
		}
		return Finding{}, nil, false
	}
	gap := daysBetween(p.Date, s.date)
	if gap < 0 || gap > window {
		return Finding{}, nil, false
	}
	f := Finding{Case: p.Case, CaseName: reg.Caption(p.Case), Ruling: ruling, Outcome: p.Outcome, Target: t.id,
		TargetName: reg.Caption(t.id), Role: strings.Join(t.roles, ", "), Posts: t.posts, Sanction: sanc, GapDays: gap}
	if len(p.Courts) > 0 {
		f.Court, f.CourtName = p.Courts[0], reg.Caption(p.Courts[0])
	}
	if e := reg.Entity(s.id); e != nil {
		for _, l := range append(e.Values("retaliationFor"), e.Values("causedBy")...) {
			if l == p.ID {
				f.Linked = true
			} else if ev := reg.Event(l); ev != nil && contains(ev.Cases, p.Case) {
				f.Linked = true
			}
		}
	}
	return f, nil, true
}

// mayFallWithin reports whether a sanction on s may come 0 to window days after a ruling on
// r, given their precision.
func mayFallWithin(r, s docket.Date, window int) bool {
	rFirst, ok1 := r.Time()
	rLast, _ := lastDay(r)
	sFirst, ok2 := s.Time()
	sLast, _ := lastDay(s)
	if !ok1 || !ok2 {
		return true
	}
	return !sLast.Before(rFirst) && sFirst.Sub(rLast).Hours()/24 <= float64(window)
}

// soonestGap is the fewest days a sanction on s (dated or not) may come after a ruling on r,
// given their precision: the window from which mayFallWithin holds (-Inf: any window).
func soonestGap(r, s docket.Date, dated bool) float64 {
	rLast, _ := lastDay(r)
	sFirst, ok1 := s.Time()
	_, ok2 := r.Time()
	if !dated || !ok1 || !ok2 {
		return math.Inf(-1)
	}
	return sFirst.Sub(rLast).Hours() / 24
}

// ref describes an entity for a finding, with the sources of its statements: those of the
// first properties given first.
func (reg *Registry) ref(e *docket.Entity, typ, date string, dated bool, first ...string) Ref {
	if e == nil {
		return Ref{}
	}
	r := Ref{ID: e.ID, Schema: e.Schema, Caption: e.Caption, Type: typ, Sources: []SourceRef{}}
	if dated {
		r.Date = date
	}
	seen := map[string]bool{}
	add := func(ss []*docket.Statement) {
		for _, s := range ss {
			if s.Source == "" || seen[s.Source] {
				continue
			}
			seen[s.Source] = true
			sr := SourceRef{ID: s.Source}
			if src := reg.Source(s.Source); src != nil {
				sr.URL, sr.Title = src.URL, src.Title
			}
			r.Sources = append(r.Sources, sr)
		}
	}
	add(statementsOf(e, first...))
	add(e.Statements)
	return r
}

// Table returns the findings as a table.
func (rep *RetaliationReport) Table() *Table {
	t := &Table{Kind: "retaliation", Title: "Sanctions after rulings against the prosecution",
		Note: "Dismissals, disciplinary actions and prosecutions of the judge who ruled or of an official of the court within " +
			itoa(rep.Window) + " days after an acquittal, a return or a dismissal in a case assessed as politically motivated. " +
			"Gaps are computed only between dates exact to the day" + unmeasuredNote(len(rep.Unmeasured)) + ".",
		Key: "Case", Columns: []string{"Ruling", "Ruling id", "Ruling date", "Outcome", "Sanction", "Sanction id", "Type", "Sanction date", "Against", "Role",
			"Gap (days)", "Recorded as retaliation", "Sources of the ruling", "Sources of the sanction"},
		window: rep.Window, unmeasured: len(rep.Unmeasured)}
	for _, f := range rep.Findings {
		linked := "no"
		if f.Linked {
			linked = "yes"
		}
		t.Rows = append(t.Rows, TableRow{Label: f.CaseName, Entity: f.Case, Basis: Basis{Cases: CasesOf(f.Case), NumCases: 1},
			Cells: []string{f.Ruling.Caption, f.Ruling.ID, f.Ruling.Date, f.Outcome, f.Sanction.Caption, f.Sanction.ID, f.Sanction.Type, f.Sanction.Date,
				f.TargetName, f.Role, itoa(f.GapDays), linked, sourceList(f.Ruling.Sources), sourceList(f.Sanction.Sources)}})
	}
	return t
}

func unmeasuredNote(n int) string {
	switch n {
	case 0:
		return ""
	case 1:
		return "; 1 sanction that may fall within the window was left out for want of an exact date"
	}
	return "; " + itoa(n) + " sanctions that may fall within the window were left out for want of exact dates"
}

func sourceList(ss []SourceRef) string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Label())
	}
	return strings.Join(out, " ; ")
}
