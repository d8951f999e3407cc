package report

import (
	"cmp"
	"fmt"
	"math/big"
	"sort"
	"strconv"
	"strings"

	"github.com/docketorg/docket"
)

// Dimensions a statistic can be broken down by.
const (
	ByCourt   = "court"   // the court of the proceeding
	ByJudge   = "judge"   // each judge of the proceeding
	ByArticle = "article" // each article charged (code and number)
	ByRegion  = "region"  // the court's region, else its city
	ByYear    = "year"    // the year of the ruling
)

// Dimensions lists the dimensions, for usage texts and validation.
var Dimensions = []string{ByCourt, ByJudge, ByArticle, ByRegion, ByYear}

// Kinds lists the statistics, in the order they are shown.
var Kinds = []string{"outcomes", "demand", "sentences", "durations", "appeals", "retaliation"}

// Options select and break down the proceedings a statistic counts.
type Options struct {
	By        string `json:"by,omitempty"`     // "" for one row over all, or one of Dimensions
	Political bool   `json:"political"`        // only proceedings of cases assessed as politically motivated
	Window    int    `json:"window,omitempty"` // days after a ruling in which the retaliation detector looks; 0 for DefaultWindow
}

// Validate checks the options.
func (o Options) Validate() error {
	if o.By != "" && !contains(Dimensions, o.By) {
		return docket.Errorf(docket.EINVALID, "cannot break down by %q (want %s)", o.By, strings.Join(Dimensions, ", "))
	}
	if o.Window < 0 || o.Window > MaxWindow {
		return docket.Errorf(docket.EINVALID, "window of %d days: want 1 to %d", o.Window, MaxWindow)
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// rulingOutcomes are the outcomes of a trial: what conviction and acquittal rates count.
var rulingOutcomes = []string{"convicted", "acquitted", "returned", "dismissed"}

// AgainstProsecution reports whether an outcome is a ruling against the prosecution.
func AgainstProsecution(outcome string) bool {
	return outcome == "acquitted" || outcome == "returned" || outcome == "dismissed"
}

// Group is one row's key: a court, a judge, an article, a region, a year, or all.
type Group struct {
	Key    string `json:"key"`              // "" when the value is not recorded
	Label  string `json:"label"`            // what readers see
	Entity string `json:"entity,omitempty"` // the entity the key names, if any
}

// Basis is what a figure rests on: the cases behind it.
type Basis struct {
	Cases    Cases `json:"cases"` // ids, sorted
	NumCases int   `json:"num_cases"`
}

// groups returns the rows a proceeding counts in.
func (reg *Registry) groups(p *Proceeding, by string) []Group {
	var out []Group
	refs := func(ids []string, none string) {
		for _, id := range ids {
			out = append(out, Group{Key: id, Label: reg.Caption(id), Entity: id})
		}
		if len(out) == 0 {
			out = append(out, Group{Label: none})
		}
	}
	switch by {
	case "":
		return []Group{{Key: "all", Label: "All"}}
	case ByCourt:
		refs(p.Courts, "(court not recorded)")
	case ByJudge:
		refs(p.Judges, "(judge not recorded)")
	case ByArticle:
		seen := map[string]bool{}
		for _, id := range p.Charges {
			ch := reg.Entity(id)
			if ch == nil || ch.First("article") == "" {
				continue
			}
			code, art := ch.First("code"), ch.First("article")
			key := strings.TrimSpace(code + " " + art)
			if seen[key] {
				continue
			}
			seen[key] = true
			l := "art. " + art
			if code != "" {
				l = code + " art. " + art
			}
			out = append(out, Group{Key: key, Label: l})
		}
		if len(out) == 0 {
			out = append(out, Group{Label: "(article not recorded)"})
		}
	case ByRegion:
		seen := map[string]bool{}
		for _, id := range p.Courts {
			court := reg.Entity(id)
			r := ""
			if court != nil {
				r = court.First("region")
				if r == "" && court.First("city") != "" {
					r = court.First("city") + " (city)"
				}
			}
			if r != "" && !seen[r] {
				seen[r] = true
				out = append(out, Group{Key: r, Label: r})
			}
		}
		if len(out) == 0 {
			out = append(out, Group{Label: "(region not recorded)"})
		}
	case ByYear:
		if p.Dated && p.Date.Year != 0 {
			y := strconv.Itoa(p.Date.Year)
			return []Group{{Key: y, Label: y}}
		}
		return []Group{{Label: "(year not recorded)"}}
	}
	return out
}

// selected returns the proceedings the options count that pass keep, in creation order: of a
// part of the registry read for its figures, only those it counts (see Registry.own).
func (reg *Registry) selected(o Options, keep func(*Proceeding) bool) []*Proceeding {
	var out []*Proceeding
	for _, p := range reg.Proceedings() {
		if !reg.counts(p.ID) {
			continue
		}
		if o.Political && !reg.political(p) {
			continue
		}
		if keep(p) {
			out = append(out, p)
		}
	}
	return out
}

// grouper accumulates rows of type R by group.
// accumulator counts a statistic one part of the registry after another (see CountAll).
type accumulator[S any] interface {
	add(reg *Registry)
	result() S
}

// tally counts a statistic over the registry in memory, in one part.
func tally[S any, A accumulator[S]](reg *Registry, o Options, start func(Options, *caseTable) A) (S, error) {
	if err := o.Validate(); err != nil {
		var none S
		return none, err
	}
	t := newCaseTable()
	a := start(o, t)
	a.add(reg)
	st := a.result()
	t.done()
	return st, nil
}

type grouper[R any] struct {
	order []string
	rows  map[string]*R
	group map[string]Group
	cases map[string]*caseSet
	t     *caseTable
}

func newGrouper[R any](t *caseTable) *grouper[R] {
	return &grouper[R]{rows: map[string]*R{}, group: map[string]Group{}, cases: map[string]*caseSet{}, t: t}
}

func (g *grouper[R]) at(gr Group, caseID string) *R {
	k := gr.Key + "\x00" + gr.Label
	r, ok := g.rows[k]
	if !ok {
		r = new(R)
		g.rows[k], g.group[k], g.cases[k] = r, gr, newCaseSet(g.t)
		g.order = append(g.order, k)
	}
	g.cases[k].add(caseID)
	return r
}

// each calls fn for every row, sorted: years in order, other keys by size (n) then label,
// and values not recorded last.
func (g *grouper[R]) each(by string, n func(*R) int, fn func(Group, *R, Basis)) {
	keys := append([]string(nil), g.order...)
	sort.SliceStable(keys, func(i, j int) bool {
		a, b := g.group[keys[i]], g.group[keys[j]]
		if (a.Key == "") != (b.Key == "") {
			return b.Key == ""
		}
		if by == ByYear {
			return a.Key < b.Key
		}
		if na, nb := n(g.rows[keys[i]]), n(g.rows[keys[j]]); na != nb {
			return na > nb
		}
		if a.Label != b.Label {
			return a.Label < b.Label
		}
		return a.Key < b.Key // the same label (two courts of one name): the order of their ids
	})
	for _, k := range keys {
		fn(g.group[k], g.rows[k], g.cases[k].basis())
	}
}

// Outcomes.

// OutcomeRow counts trial rulings (convicted, acquitted, returned, dismissed) in one group.
type OutcomeRow struct {
	Group
	Rulings        int     `json:"rulings"`
	Convicted      int     `json:"convicted"`
	Acquitted      int     `json:"acquitted"`
	Returned       int     `json:"returned"`
	Dismissed      int     `json:"dismissed"`
	ConvictionRate float64 `json:"conviction_rate"` // convicted / rulings, 0 without rulings
	AcquittalRate  float64 `json:"acquittal_rate"`
	Basis
}

func (r *OutcomeRow) count(outcome string) {
	r.Rulings++
	switch outcome {
	case "convicted":
		r.Convicted++
	case "acquitted":
		r.Acquitted++
	case "returned":
		r.Returned++
	case "dismissed":
		r.Dismissed++
	}
}

func (r *OutcomeRow) rates() {
	if r.Rulings > 0 {
		r.ConvictionRate = float64(r.Convicted) / float64(r.Rulings)
		r.AcquittalRate = float64(r.Acquitted) / float64(r.Rulings)
	}
}

// OutcomeStats are the outcomes of trial rulings by group.
type OutcomeStats struct {
	Options
	Rows  []OutcomeRow `json:"rows"`
	Total OutcomeRow   `json:"total"`
}

// Outcomes counts the rulings of proceedings at any stage whose outcome is a trial's
// (convicted, acquitted, returned, dismissed); appeal results are Appeals'.
func (reg *Registry) Outcomes(o Options) (*OutcomeStats, error) {
	return tally[*OutcomeStats](reg, o, newOutcomes)
}

// outcomes counts Outcomes, over one part of the registry after another (see Figures).
type outcomes struct {
	st    *OutcomeStats
	g     *grouper[OutcomeRow]
	total *caseSet
}

func newOutcomes(o Options, t *caseTable) *outcomes {
	return &outcomes{st: &OutcomeStats{Options: o, Total: OutcomeRow{Group: Group{Key: "total", Label: "Total"}}},
		g: newGrouper[OutcomeRow](t), total: newCaseSet(t)}
}

func (a *outcomes) add(reg *Registry) {
	for _, p := range reg.selected(a.st.Options, func(p *Proceeding) bool { return contains(rulingOutcomes, p.Outcome) }) {
		for _, gr := range reg.groups(p, a.st.By) {
			a.g.at(gr, p.Case).count(p.Outcome)
		}
		a.st.Total.count(p.Outcome)
		a.total.add(p.Case)
	}
}

func (a *outcomes) result() *OutcomeStats {
	st := a.st
	a.g.each(st.By, func(r *OutcomeRow) int { return r.Rulings }, func(gr Group, r *OutcomeRow, b Basis) {
		r.Group, r.Basis = gr, b
		r.rates()
		st.Rows = append(st.Rows, *r)
	})
	st.Total.rates()
	st.Total.Basis = a.total.basis()
	return st
}

// Demands.

// Comparisons of a sentence with the prosecutor's demand.
const (
	Equal     = "equal"
	Lighter   = "lighter"
	Heavier   = "heavier"
	OtherKind = "other"
)

// ComparePenalty compares a sentence with a demand: Equal (the same penalty, a term of the
// same length), Lighter or Heavier (the same kind and scope, a shorter or longer term or a
// smaller or larger amount), or OtherKind.
func ComparePenalty(sentence, demand string) string {
	if sentence == demand {
		return Equal
	}
	s, err1 := docket.ParsePenalty(sentence)
	d, err2 := docket.ParsePenalty(demand)
	if err1 != nil || err2 != nil || s.Kind != d.Kind || s.Scope != d.Scope {
		return OtherKind
	}
	var cmps []int
	switch {
	case s.Term != nil && d.Term != nil:
		cmps = append(cmps, cmp.Compare(TermMonths(*s.Term), TermMonths(*d.Term)))
	case (s.Term == nil) != (d.Term == nil):
		return OtherKind
	}
	switch {
	case s.Amount != "" && d.Amount != "":
		if s.Currency != d.Currency {
			return OtherKind
		}
		a, _ := new(big.Int).SetString(s.Amount, 10)
		b, _ := new(big.Int).SetString(d.Amount, 10)
		cmps = append(cmps, a.Cmp(b))
	case (s.Amount == "") != (d.Amount == ""):
		return OtherKind
	}
	lo, hi := 0, 0
	for _, c := range cmps {
		lo, hi = min(lo, c), max(hi, c)
	}
	switch {
	case lo == 0 && hi == 0:
		return Equal
	case hi == 0:
		return Lighter
	case lo == 0:
		return Heavier
	}
	return OtherKind
}

// DemandRow compares sentences with prosecutors' demands in one group.
type DemandRow struct {
	Group
	WithDemand   int     `json:"with_demand"`   // rulings with a recorded demand
	Sentenced    int     `json:"sentenced"`     // of those, with a recorded sentence
	Equal        int     `json:"equal"`         // sentence equal to the demand
	Lighter      int     `json:"lighter"`       // same kind, less
	Heavier      int     `json:"heavier"`       // same kind, more
	OtherKind    int     `json:"other_kind"`    // another kind of penalty
	NotSentenced int     `json:"not_sentenced"` // acquitted, returned or dismissed despite the demand
	ShareEqual   float64 `json:"share_equal"`   // Equal / Sentenced, 0 without sentences
	Basis
}

func (r *DemandRow) count(p *Proceeding) {
	r.WithDemand++
	if AgainstProsecution(p.Outcome) {
		r.NotSentenced++
	}
	if p.Sentence == "" {
		return
	}
	r.Sentenced++
	switch ComparePenalty(p.Sentence, p.Demand) {
	case Equal:
		r.Equal++
	case Lighter:
		r.Lighter++
	case Heavier:
		r.Heavier++
	default:
		r.OtherKind++
	}
}

func (r *DemandRow) share() {
	if r.Sentenced > 0 {
		r.ShareEqual = float64(r.Equal) / float64(r.Sentenced)
	}
}

// DemandStats compare sentences with demands by group.
type DemandStats struct {
	Options
	Rows  []DemandRow `json:"rows"`
	Total DemandRow   `json:"total"`
}

// Demands compares the sentence of every ruled proceeding with a recorded demand to the
// demand.
func (reg *Registry) Demands(o Options) (*DemandStats, error) {
	return tally[*DemandStats](reg, o, newDemands)
}

// demands counts Demands, part by part.
type demands struct {
	st    *DemandStats
	g     *grouper[DemandRow]
	total *caseSet
}

func newDemands(o Options, t *caseTable) *demands {
	return &demands{st: &DemandStats{Options: o, Total: DemandRow{Group: Group{Key: "total", Label: "Total"}}},
		g: newGrouper[DemandRow](t), total: newCaseSet(t)}
}

func (a *demands) add(reg *Registry) {
	for _, p := range reg.selected(a.st.Options, func(p *Proceeding) bool { return p.Demand != "" && p.Outcome != "" }) {
		for _, gr := range reg.groups(p, a.st.By) {
			a.g.at(gr, p.Case).count(p)
		}
		a.st.Total.count(p)
		a.total.add(p.Case)
	}
}

func (a *demands) result() *DemandStats {
	st := a.st
	a.g.each(st.By, func(r *DemandRow) int { return r.WithDemand }, func(gr Group, r *DemandRow, b Basis) {
		r.Group, r.Basis = gr, b
		r.share()
		st.Rows = append(st.Rows, *r)
	})
	st.Total.share()
	st.Total.Basis = a.total.basis()
	return st
}

// Sentences.

// SentenceRow summarises imprisonment terms in one group, in months.
type SentenceRow struct {
	Group
	Count  int       `json:"count"`
	Mean   float64   `json:"mean_months"`
	Median float64   `json:"median_months"`
	Min    float64   `json:"min_months"`
	Max    float64   `json:"max_months"`
	terms  []float64 // the terms counted
	Basis
}

func (r *SentenceRow) summarise() {
	r.Count = len(r.terms)
	if r.Count == 0 {
		return
	}
	ts := append([]float64(nil), r.terms...)
	sort.Float64s(ts)
	sum := 0.0
	for _, t := range ts {
		sum += t
	}
	r.Mean, r.Min, r.Max = sum/float64(len(ts)), ts[0], ts[len(ts)-1]
	if n := len(ts); n%2 == 1 {
		r.Median = ts[n/2]
	} else {
		r.Median = (ts[n/2-1] + ts[n/2]) / 2
	}
}

// SentenceStats summarise imprisonment terms by group.
type SentenceStats struct {
	Options
	Rows  []SentenceRow `json:"rows"`
	Total SentenceRow   `json:"total"`
}

// imprisonment returns the term of an imprisonment sentence in months.
func imprisonment(sentence string) (float64, bool) {
	p, err := docket.ParsePenalty(sentence)
	if err != nil || p.Kind != "imprisonment" || p.Term == nil {
		return 0, false
	}
	return TermMonths(*p.Term), true
}

// Sentences summarises the terms of every sentence of imprisonment with a term, at any stage.
func (reg *Registry) Sentences(o Options) (*SentenceStats, error) {
	return tally[*SentenceStats](reg, o, newSentences)
}

// sentences counts Sentences, part by part.
type sentences struct {
	st    *SentenceStats
	g     *grouper[SentenceRow]
	total *caseSet
}

func newSentences(o Options, t *caseTable) *sentences {
	return &sentences{st: &SentenceStats{Options: o, Total: SentenceRow{Group: Group{Key: "total", Label: "Total"}}},
		g: newGrouper[SentenceRow](t), total: newCaseSet(t)}
}

func (a *sentences) add(reg *Registry) {
	for _, p := range reg.selected(a.st.Options, func(p *Proceeding) bool { _, ok := imprisonment(p.Sentence); return ok }) {
		m, _ := imprisonment(p.Sentence)
		for _, gr := range reg.groups(p, a.st.By) {
			r := a.g.at(gr, p.Case)
			r.terms = append(r.terms, m)
		}
		a.st.Total.terms = append(a.st.Total.terms, m)
		a.total.add(p.Case)
	}
}

func (a *sentences) result() *SentenceStats {
	st := a.st
	a.g.each(st.By, func(r *SentenceRow) int { return len(r.terms) }, func(gr Group, r *SentenceRow, b Basis) {
		r.Group, r.Basis = gr, b
		r.summarise()
		st.Rows = append(st.Rows, *r)
	})
	st.Total.summarise()
	st.Total.Basis = a.total.basis()
	return st
}

// Durations.

// DurationItem is one measured time from detention to a first-instance ruling.
type DurationItem struct {
	Case       string `json:"case"`
	Proceeding string `json:"proceeding"`
	Detention  string `json:"detention"` // the event
	From       string `json:"from"`
	To         string `json:"to"`
	Days       int    `json:"days"`
}

// DurationRow summarises days from detention to the first-instance ruling in one group.
type DurationRow struct {
	Group
	Count     int     `json:"count"`
	Mean      float64 `json:"mean_days"`
	Median    float64 `json:"median_days"`
	Min       int     `json:"min_days"`
	Max       int     `json:"max_days"`
	Imprecise int     `json:"imprecise"` // rulings left out: a date not exact to the day
	days      []int
	Basis
}

func (r *DurationRow) summarise() {
	r.Count = len(r.days)
	if r.Count == 0 {
		return
	}
	ds := append([]int(nil), r.days...)
	sort.Ints(ds)
	sum := 0
	for _, d := range ds {
		sum += d
	}
	r.Mean, r.Min, r.Max = float64(sum)/float64(len(ds)), ds[0], ds[len(ds)-1]
	if n := len(ds); n%2 == 1 {
		r.Median = float64(ds[n/2])
	} else {
		r.Median = float64(ds[n/2-1]+ds[n/2]) / 2
	}
}

// DurationStats summarise the time from detention to the first-instance ruling by group.
type DurationStats struct {
	Options
	Rows  []DurationRow  `json:"rows"`
	Total DurationRow    `json:"total"`
	Items []DurationItem `json:"items"`
}

// Durations measures, for every first-instance ruling, the days since the defendant's
// earliest detention or arrest before it: an event of type detention or arrest whose victim
// is a defendant of the proceeding or whose case is its case. Gaps are computed only between
// dates exact to the day; a ruling whose detention might be earlier than any such date is
// counted as imprecise instead.
func (reg *Registry) Durations(o Options) (*DurationStats, error) {
	return tally[*DurationStats](reg, o, newDurations)
}

// durations counts Durations, part by part.
type durations struct {
	st    *DurationStats
	g     *grouper[DurationRow]
	total *caseSet
	seqs  []int64 // of the items' proceedings, to put the items in order
}

func newDurations(o Options, t *caseTable) *durations {
	return &durations{st: &DurationStats{Options: o, Total: DurationRow{Group: Group{Key: "total", Label: "Total"}}, Items: []DurationItem{}},
		g: newGrouper[DurationRow](t), total: newCaseSet(t)}
}

func (a *durations) add(reg *Registry) {
	o, st, g, total := a.st.Options, a.st, a.g, a.total
	detentions := map[string][]*Event{} // by victim and by case
	for _, ev := range reg.Events() {
		if ev.Type != "detention" && ev.Type != "arrest" {
			continue
		}
		for _, k := range uniq(append(append([]string(nil), ev.Victims...), ev.Cases...)) {
			detentions[k] = append(detentions[k], ev)
		}
	}
	for _, p := range reg.selected(o, func(p *Proceeding) bool { return p.Stage == "first instance" && contains(rulingOutcomes, p.Outcome) }) {
		seen := map[string]bool{}
		var cands []*Event
		keys := append([]string{p.Case}, p.Defendants...)
		if c := reg.Case(p.Case); c != nil {
			keys = append(keys, c.Defendants...)
		}
		for _, k := range uniq(keys) {
			for _, ev := range detentions[k] {
				if !seen[ev.ID] {
					seen[ev.ID] = true
					cands = append(cands, ev)
				}
			}
		}
		if len(cands) == 0 {
			continue
		}
		item, ok, imprecise := measure(p, cands)
		if !ok && !imprecise {
			continue
		}
		for _, gr := range reg.groups(p, o.By) {
			r := g.at(gr, p.Case)
			if imprecise {
				r.Imprecise++
			} else {
				r.days = append(r.days, item.Days)
			}
		}
		if imprecise {
			st.Total.Imprecise++
		} else {
			st.Total.days = append(st.Total.days, item.Days)
			st.Items = append(st.Items, item)
			a.seqs = append(a.seqs, p.Seq)
		}
		total.add(p.Case)
	}
}

func (a *durations) result() *DurationStats {
	st := a.st
	st.Items = inOrder(st.Items, a.seqs) // in the order the proceedings were made, whatever the parts
	a.g.each(st.By, func(r *DurationRow) int { return len(r.days) }, func(gr Group, r *DurationRow, b Basis) {
		r.Group, r.Basis = gr, b
		r.summarise()
		st.Rows = append(st.Rows, *r)
	})
	st.Total.summarise()
	st.Total.Basis = a.total.basis()
	return st
}

// measure finds the earliest detention before the ruling. ok is false with imprecise false
// when no detention came before it; imprecise is true when the dates cannot say.
func measure(p *Proceeding, cands []*Event) (item DurationItem, ok, imprecise bool) {
	if !p.Dated || !exactDay(p.Date) {
		return item, false, true
	}
	var best *Event
	for _, ev := range cands {
		if ev.Dated && exactDay(ev.Date) && daysBetween(ev.Date, p.Date) >= 0 {
			if best == nil || daysBetween(ev.Date, best.Date) > 0 {
				best = ev
			}
		}
	}
	// An imprecise date that may fall before the best exact one (or before the ruling, when
	// there is none) leaves the answer open.
	limit := p.Date
	if best != nil {
		limit = best.Date
	}
	lt, _ := limit.Time()
	for _, ev := range cands {
		if ev.Dated && exactDay(ev.Date) {
			continue
		}
		first, hasYear := ev.Date.Time()
		if !ev.Dated || !hasYear || first.Before(lt) || (best == nil && !first.After(lt)) {
			return item, false, true
		}
	}
	if best == nil {
		return item, false, false
	}
	return DurationItem{Case: p.Case, Proceeding: p.ID, Detention: best.ID, From: best.Date.String(), To: p.Date.String(),
		Days: daysBetween(best.Date, p.Date)}, true, false
}

// Appeals.

// AppealRow counts the results of appeals, cassations and supervisory reviews in one group.
type AppealRow struct {
	Group
	Appeals    int `json:"appeals"`
	Upheld     int `json:"upheld"`
	Overturned int `json:"overturned"`
	Returned   int `json:"returned"`
	Other      int `json:"other"` // convicted, acquitted or dismissed by the higher court
	Basis
}

func (r *AppealRow) count(outcome string) {
	r.Appeals++
	switch outcome {
	case "upheld":
		r.Upheld++
	case "overturned":
		r.Overturned++
	case "returned":
		r.Returned++
	default:
		r.Other++
	}
}

// AppealStats count the results of appeals by group.
type AppealStats struct {
	Options
	Rows  []AppealRow `json:"rows"`
	Total AppealRow   `json:"total"`
}

// Appeals counts the proceedings at the appeal, cassation or supervisory stage that have an
// outcome, by their result.
func (reg *Registry) Appeals(o Options) (*AppealStats, error) {
	return tally[*AppealStats](reg, o, newAppeals)
}

// appeals counts Appeals, part by part.
type appeals struct {
	st    *AppealStats
	g     *grouper[AppealRow]
	total *caseSet
}

func newAppeals(o Options, t *caseTable) *appeals {
	return &appeals{st: &AppealStats{Options: o, Total: AppealRow{Group: Group{Key: "total", Label: "Total"}}},
		g: newGrouper[AppealRow](t), total: newCaseSet(t)}
}

func (a *appeals) add(reg *Registry) {
	for _, p := range reg.selected(a.st.Options, func(p *Proceeding) bool { return higherStage(p.Stage) && p.Outcome != "" }) {
		for _, gr := range reg.groups(p, a.st.By) {
			a.g.at(gr, p.Case).count(p.Outcome)
		}
		a.st.Total.count(p.Outcome)
		a.total.add(p.Case)
	}
}

func (a *appeals) result() *AppealStats {
	st := a.st
	a.g.each(st.By, func(r *AppealRow) int { return r.Appeals }, func(gr Group, r *AppealRow, b Basis) {
		r.Group, r.Basis = gr, b
		st.Rows = append(st.Rows, *r)
	})
	st.Total.Basis = a.total.basis()
	return st
}

// Tables: one shape for every statistic, for the encoders.

// Table is a statistic as rows of text cells, each row with the cases it rests on.
type Table struct {
	Kind      string     `json:"kind"`
	Title     string     `json:"title"`
	Note      string     `json:"note"`
	By        string     `json:"by,omitempty"`
	Political bool       `json:"political,omitempty"`
	Key       string     `json:"key_column"` // the heading of the label column
	Columns   []string   `json:"columns"`
	Rows      []TableRow `json:"rows"`
	Total     *TableRow  `json:"total,omitempty"`
	// Of the retaliation detector's table, for its note in other languages (see In).
	window, unmeasured int
	lang               string // of its words, when not English (see In)
}

// TableRow is one row: its label, the entity it names (for a link), its cells and cases.
type TableRow struct {
	Label  string   `json:"label"`
	Entity string   `json:"entity,omitempty"`
	Cells  []string `json:"cells"`
	Basis
}

func pct(f float64, denom int) string {
	if denom == 0 {
		return "–"
	}
	return strconv.FormatFloat(f*100, 'f', 1, 64) + "%"
}

func num(f float64, n int) string {
	if n == 0 {
		return "–"
	}
	return strconv.FormatFloat(f, 'f', 1, 64)
}

func keyColumn(by string) string {
	if by == "" {
		return ""
	}
	return strings.ToUpper(by[:1]) + by[1:]
}

func scope(o Options) string {
	if o.Political {
		return " Only cases assessed as politically motivated."
	}
	return ""
}

func newTable(kind, title, note string, o Options, cols ...string) *Table {
	return &Table{Kind: kind, Title: title, Note: note + scope(o), By: o.By, Political: o.Political, Key: keyColumn(o.By), Columns: cols}
}

// Table returns the statistic as a table.
func (st *OutcomeStats) Table() *Table {
	t := newTable("outcomes", "Outcomes of rulings",
		"Rulings of any stage whose outcome is a trial's: convicted, acquitted, returned, dismissed (appeal results are under appeals). A proceeding with several judges or articles counts in each of their rows.",
		st.Options, "Rulings", "Convicted", "Acquitted", "Returned", "Dismissed", "Conviction rate", "Acquittal rate")
	row := func(r OutcomeRow) TableRow {
		return TableRow{Label: r.Label, Entity: r.Entity, Basis: r.Basis, Cells: []string{itoa(r.Rulings), itoa(r.Convicted), itoa(r.Acquitted),
			itoa(r.Returned), itoa(r.Dismissed), pct(r.ConvictionRate, r.Rulings), pct(r.AcquittalRate, r.Rulings)}}
	}
	for _, r := range st.Rows {
		t.Rows = append(t.Rows, row(r))
	}
	tr := row(st.Total)
	t.Total = &tr
	return t
}

// Table returns the statistic as a table.
func (st *DemandStats) Table() *Table {
	t := newTable("demand", "Sentences and the prosecutor's demand",
		"Rulings with a recorded demand. Equal: the sentence is the penalty demanded; lighter or heavier: the same kind with a shorter or longer term or a smaller or larger amount. Not sentenced: acquitted, returned or dismissed despite the demand.",
		st.Options, "With demand", "Sentenced", "Equal", "Lighter", "Heavier", "Other kind", "Not sentenced", "Share equal")
	row := func(r DemandRow) TableRow {
		return TableRow{Label: r.Label, Entity: r.Entity, Basis: r.Basis, Cells: []string{itoa(r.WithDemand), itoa(r.Sentenced), itoa(r.Equal),
			itoa(r.Lighter), itoa(r.Heavier), itoa(r.OtherKind), itoa(r.NotSentenced), pct(r.ShareEqual, r.Sentenced)}}
	}
	for _, r := range st.Rows {
		t.Rows = append(t.Rows, row(r))
	}
	tr := row(st.Total)
	t.Total = &tr
	return t
}

// Table returns the statistic as a table.
func (st *SentenceStats) Table() *Table {
	t := newTable("sentences", "Sentences of imprisonment",
		"Terms of every sentence of imprisonment with a term, at any stage, in months (a year is 12).",
		st.Options, "Sentences", "Mean", "Median", "Min", "Max")
	row := func(r SentenceRow) TableRow {
		return TableRow{Label: r.Label, Entity: r.Entity, Basis: r.Basis, Cells: []string{itoa(r.Count), num(r.Mean, r.Count),
			num(r.Median, r.Count), num(r.Min, r.Count), num(r.Max, r.Count)}}
	}
	for _, r := range st.Rows {
		t.Rows = append(t.Rows, row(r))
	}
	tr := row(st.Total)
	t.Total = &tr
	return t
}

// Table returns the statistic as a table.
func (st *DurationStats) Table() *Table {
	t := newTable("durations", "Days from detention to the first-instance ruling",
		"From the earliest detention or arrest of a defendant (or in the case) before the ruling. Only dates exact to the day are subtracted; rulings whose dates are less precise are counted as left out.",
		st.Options, "Measured", "Mean days", "Median days", "Min", "Max", "Left out (imprecise dates)")
	row := func(r DurationRow) TableRow {
		mn, mx := "–", "–"
		if r.Count > 0 {
			mn, mx = itoa(r.Min), itoa(r.Max)
		}
		return TableRow{Label: r.Label, Entity: r.Entity, Basis: r.Basis, Cells: []string{itoa(r.Count), num(r.Mean, r.Count),
			num(r.Median, r.Count), mn, mx, itoa(r.Imprecise)}}
	}
	for _, r := range st.Rows {
		t.Rows = append(t.Rows, row(r))
	}
	tr := row(st.Total)
	t.Total = &tr
	return t
}

// Table returns the statistic as a table.
func (st *AppealStats) Table() *Table {
	t := newTable("appeals", "Appeals and their results",
		"Proceedings at the appeal, cassation or supervisory stage with an outcome.",
		st.Options, "Appeals", "Upheld", "Overturned", "Returned", "Other")
	row := func(r AppealRow) TableRow {
		return TableRow{Label: r.Label, Entity: r.Entity, Basis: r.Basis, Cells: []string{itoa(r.Appeals), itoa(r.Upheld),
			itoa(r.Overturned), itoa(r.Returned), itoa(r.Other)}}
	}
	for _, r := range st.Rows {
		t.Rows = append(t.Rows, row(r))
	}
	tr := row(st.Total)
	t.Total = &tr
	return t
}

func itoa(n int) string { return strconv.Itoa(n) }

// Stat computes the statistic of a kind (one of Kinds) and returns it as a table and as its
// typed value, for JSON.
func (reg *Registry) Stat(kind string, o Options) (*Table, any, error) {
	switch kind {
	case "outcomes":
		st, err := reg.Outcomes(o)
		if err != nil {
			return nil, nil, err
		}
		return st.Table(), st, nil
	case "demand":
		st, err := reg.Demands(o)
		if err != nil {
			return nil, nil, err
		}
		return st.Table(), st, nil
	case "sentences":
		st, err := reg.Sentences(o)
		if err != nil {
			return nil, nil, err
		}
		return st.Table(), st, nil
	case "durations":
		st, err := reg.Durations(o)
		if err != nil {
			return nil, nil, err
		}
		return st.Table(), st, nil
	case "appeals":
		st, err := reg.Appeals(o)
		if err != nil {
			return nil, nil, err
		}
		return st.Table(), st, nil
	case "retaliation":
		if o.By != "" {
			return nil, nil, docket.Errorf(docket.EINVALID, "the retaliation detector lists findings; it has no breakdown --by")
		}
		st, err := reg.Retaliation(o)
		if err != nil {
			return nil, nil, err
		}
		return st.Table(), st, nil
	}
	return nil, nil, docket.Errorf(docket.EINVALID, "unknown statistic %q (want %s)", kind, strings.Join(Kinds, ", "))
}

// String is for debugging.
func (g Group) String() string { return fmt.Sprintf("%s (%s)", g.Label, g.Key) }
