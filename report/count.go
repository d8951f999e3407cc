package report

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/docketorg/docket"
)

// Counted are the figures of one set of options: every statistic and the retaliation
// detector's findings, counted from a registry in memory (Registry.Count) or from the store
// part by part (Count, Figures), with the same results.
type Counted struct {
	Outcomes    *OutcomeStats
	Demands     *DemandStats
	Sentences   *SentenceStats
	Durations   *DurationStats
	Appeals     *AppealStats
	Retaliation *RetaliationReport
}

// counters count the statistics of one set of options, part by part.
type counters struct {
	outcomes  *outcomes
	demands   *demands
	sentences *sentences
	durations *durations
	appeals   *appeals
}

// newCounters starts counting under o, keeping the cases in t.
func newCounters(o Options, t *caseTable) *counters {
	o.Window = 0 // the window is the detector's
	return &counters{outcomes: newOutcomes(o, t), demands: newDemands(o, t), sentences: newSentences(o, t), durations: newDurations(o, t),
		appeals: newAppeals(o, t)}
}

func (c *counters) add(reg *Registry) {
	c.outcomes.add(reg)
	c.demands.add(reg)
	c.sentences.add(reg)
	c.durations.add(reg)
	c.appeals.add(reg)
}

func (c *counters) result(ret *RetaliationReport) *Counted {
	return &Counted{Outcomes: c.outcomes.result(), Demands: c.demands.result(), Sentences: c.sentences.result(),
		Durations: c.durations.result(), Appeals: c.appeals.result(), Retaliation: ret}
}

// Count counts every figure of the registry held in memory.
func (reg *Registry) Count(o Options) (*Counted, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	ret, err := newRetaliation(o)
	if err != nil {
		return nil, err
	}
	t := newCaseTable()
	c := newCounters(o, t)
	c.add(reg)
	ret.add(reg)
	counted := c.result(ret.result())
	t.done()
	return counted, nil
}

// Figures are every figure of a view of the registry under every set of options, counted in
// one pass: each statistic by each breakdown (and none), of every case and of those assessed as
// politically motivated; and what the retaliation detector finds within MaxWindow, which a
// shorter window narrows. A server counts them once for all the questions a visitor may ask.
type Figures struct {
	counting    map[Options]*counters // by By and Political, while counting
	cases       *caseTable            // the ids of the cases of every figure
	stats       map[Options]*Counted  // by By and Political, once counted: the statistics only
	retaliation *retaliation
	usual       *RetaliationReport // within DefaultWindow, which every statistics page shows
}

func newFigures() *Figures {
	f := &Figures{counting: map[Options]*counters{}, stats: map[Options]*Counted{}, cases: newCaseTable()}
	for _, by := range append([]string{""}, Dimensions...) {
		for _, political := range []bool{false, true} {
			o := Options{By: by, Political: political}
			f.counting[o] = newCounters(o, f.cases)
		}
	}
	f.retaliation, _ = newRetaliation(Options{Window: MaxWindow})
	return f
}

func (f *Figures) add(reg *Registry) {
	for _, c := range f.counting {
		c.add(reg)
	}
	f.retaliation.add(reg)
}

// finish makes the counts results, once: a result is read by many requests and changed by none.
func (f *Figures) finish() {
	for o, c := range f.counting {
		f.stats[o] = c.result(nil)
	}
	f.counting = nil
	f.cases.done()
	// Narrowed once, not per request: at ten million statements, narrowing and ordering the
	// findings cost a statistics page more than the rest of it.
	f.usual = f.retaliation.within(DefaultWindow)
}

// Counted returns the figures of one set of options.
func (f *Figures) Counted(o Options) (*Counted, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	if o.Window == 0 {
		o.Window = DefaultWindow
	}
	c := *f.stats[Options{By: o.By, Political: o.Political}]
	if c.Retaliation = f.usual; o.Window != DefaultWindow {
		c.Retaliation = f.retaliation.within(o.Window)
	}
	return &c, nil
}

// Stat returns a statistic of a kind (one of Kinds) as a table and as its typed value.
func (c *Counted) Stat(kind string) (*Table, any, error) {
	switch kind {
	case "outcomes":
		return c.Outcomes.Table(), c.Outcomes, nil
	case "demand":
		return c.Demands.Table(), c.Demands, nil
	case "sentences":
		return c.Sentences.Table(), c.Sentences, nil
	case "durations":
		return c.Durations.Table(), c.Durations, nil
	case "appeals":
		return c.Appeals.Table(), c.Appeals, nil
	case "retaliation":
		return c.Retaliation.Table(), c.Retaliation, nil
	}
	return nil, nil, docket.Errorf(docket.EINVALID, "unknown statistic %q (want %s)", kind, strings.Join(Kinds, ", "))
}

// CountBatch is how many proceedings Count reads as one part: with what their figures rest on,
// a few megabytes.
const CountBatch = 500

// Count counts the figures of one set of options of v's view of the registry from the store:
// CountAll's, for the options.
func Count(ctx context.Context, r Reader, v docket.Viewer, o Options, batch int, progress docket.Progress) (*Counted, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	f, err := CountAll(ctx, r, v, batch, progress)
	if err != nil {
		return nil, err
	}
	return f.Counted(o)
}

// CountAll counts every figure of v's view of the registry from the store, part by part: batch
// proceedings at a time (CountBatch when 0), each read with what its figures rest on (see
// neighbourhood.proceedings) and counted, then let go. It holds one part and the counts, not
// the registry: figures of a registry of any size in bounded memory, in about the time it takes
// to read it. progress, if set, is told the proceedings counted.
func CountAll(ctx context.Context, r Reader, v docket.Viewer, batch int, progress docket.Progress) (*Figures, error) {
	if batch <= 0 {
		batch = CountBatch
	}
	f := newFigures()
	if err := inParts(ctx, r, v, "Proceeding", batch, progress, (*neighbourhood).proceedings, f.add); err != nil {
		return nil, fmt.Errorf("count: %w", err)
	}
	f.finish()
	return f, nil
}

// actsOnPerson are the properties by which a record acts on a person (an event's victim, a
// case's or proceeding's defendant): all that figures read of what refers to a person. A judge
// is referred to by every proceeding they heard.
var actsOnPerson = []string{"victim", "defendant"}

// proceedings reads proceedings with what their figures rest on: what they name (cases,
// courts, judges, defendants, charges), what refers to their cases (charges, events), what
// acts on their defendants, and, for the rulings the retaliation detector examines, the posts
// at their courts and what acts on their judges and on the holders of those posts (the
// sanctions), with the sources of both.
func (n *neighbourhood) proceedings(ids []string) error {
	if err := n.fetch(ids); err != nil {
		return err
	}
	if err := n.named(); err != nil {
		return err
	}
	cases := n.ofSchema("Case")
	if err := n.referrers(cases); err != nil {
		return err
	}
	var mine []*docket.Entity
	for _, id := range ids {
		if e := n.reg.Entities[n.canonical[id]]; e != nil {
			mine = append(mine, e)
		}
	}
	var caseEnts []*docket.Entity
	for _, id := range cases {
		caseEnts = append(caseEnts, n.reg.Entities[id])
	}
	defendants := append(n.values(mine, "defendant"), n.values(caseEnts, "defendant")...)
	if err := n.referrers(defendants, actsOnPerson...); err != nil {
		return err
	}
	// The detector's targets: the judges of its rulings, and whoever held a post at their courts.
	var rulings []*docket.Entity
	for _, e := range mine {
		if AgainstProsecution(e.First("outcome")) {
			rulings = append(rulings, e)
		}
	}
	targets := n.values(rulings, "judge")
	courts := map[string]bool{}
	for _, c := range n.values(rulings, "court") {
		courts[c] = true
	}
	if err := n.referrers(slices.Sorted(maps.Keys(courts)), "organization"); err != nil {
		return err
	}
	var holders []string
	for _, p := range n.loaded() {
		if p.Schema == "Position" && courts[n.canonical[p.First("organization")]] {
			holders = append(holders, p.Values("holder")...)
		}
	}
	if err := n.fetch(holders); err != nil {
		return err
	}
	for _, h := range holders {
		if c := n.canonical[h]; c != "" {
			targets = append(targets, c)
		}
	}
	if err := n.referrers(targets, actsOnPerson...); err != nil {
		return err
	}
	// A proceeding against a target may name its defendants in its case only.
	var against []string
	for _, e := range n.loaded() {
		if e.Schema == "Case" && overlaps(n.values([]*docket.Entity{e}, "defendant"), targets) {
			against = append(against, e.ID)
		}
	}
	if err := n.referrers(against); err != nil {
		return err
	}
	if err := n.named(); err != nil {
		return err
	}
	if len(rulings) == 0 {
		return nil
	}
	// The sources that findings cite: of the rulings, and of whatever may sanction a target
	// (what names them, and the proceedings of the cases that do).
	cited := rulings
	for _, e := range n.loaded() {
		if overlaps(n.values([]*docket.Entity{e}, "victim", "defendant"), targets) || overlaps(n.values([]*docket.Entity{e}, "case"), against) {
			cited = append(cited, e)
		}
	}
	return n.sourcesOf(cited)
}
