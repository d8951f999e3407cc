package report

import (
	"context"
	"fmt"
	"strings"

	"github.com/docketorg/docket"
)

// Counted are the figures of one set of options: every statistic and the retaliation
// detector's findings, counted from a registry in memory (Registry.Count) or from the store
// part by part (Count), with the same results.
type Counted struct {
	Outcomes    *OutcomeStats
	Demands     *DemandStats
	Sentences   *SentenceStats
	Durations   *DurationStats
	Appeals     *AppealStats
	Retaliation *RetaliationReport
}

// counters count every figure, part by part.
type counters struct {
	outcomes    *outcomes
	demands     *demands
	sentences   *sentences
	durations   *durations
	appeals     *appeals
	retaliation *retaliation
}

func newCounters(o Options) (*counters, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	ret, err := newRetaliation(o)
	if err != nil {
		return nil, err
	}
	o.Window = 0 // the window is the detector's
	return &counters{outcomes: newOutcomes(o), demands: newDemands(o), sentences: newSentences(o), durations: newDurations(o),
		appeals: newAppeals(o), retaliation: ret}, nil
}

func (c *counters) add(reg *Registry) {
	c.outcomes.add(reg)
	c.demands.add(reg)
	c.sentences.add(reg)
	c.durations.add(reg)
	c.appeals.add(reg)
	c.retaliation.add(reg)
}

func (c *counters) result() *Counted {
	return &Counted{Outcomes: c.outcomes.result(), Demands: c.demands.result(), Sentences: c.sentences.result(),
		Durations: c.durations.result(), Appeals: c.appeals.result(), Retaliation: c.retaliation.result()}
}

// Count counts every figure of the registry held in memory.
func (reg *Registry) Count(o Options) (*Counted, error) {
	c, err := newCounters(o)
	if err != nil {
		return nil, err
	}
	c.add(reg)
	return c.result(), nil
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

// Count counts every figure of v's view of the registry from the store, part by part: batch
// proceedings at a time (CountBatch when 0), each read with what its figures rest on (see
// neighbourhood.proceedings) and counted, then let go. It holds one part and the counts, not
// the registry: figures of a registry of any size in bounded memory, in about the time it takes
// to read it. progress, if set, is told the proceedings counted.
func Count(ctx context.Context, r Reader, v docket.Viewer, o Options, batch int, progress docket.Progress) (*Counted, error) {
	c, err := newCounters(o)
	if err != nil {
		return nil, err
	}
	if batch <= 0 {
		batch = CountBatch
	}
	batch = min(batch, docket.MaxIn)
	positions, err := allOf(ctx, r, v, "Position")
	if err != nil {
		return nil, err
	}
	schema, done := "Proceeding", int64(0)
	for after := int64(0); ; {
		ents, _, err := r.FindEntities(ctx, v, docket.EntityFilter{Schema: &schema, AfterSeq: after, Limit: batch, SkipCount: true})
		if err != nil {
			return nil, fmt.Errorf("count: read proceedings: %w", err)
		}
		if len(ents) == 0 {
			break
		}
		own := map[string]bool{}
		var ids []string
		for _, e := range ents {
			after = max(after, e.Seq)
			own[e.ID] = true
			ids = append(ids, e.ID)
		}
		n := newNeighbourhood(ctx, r, v, 0)
		if err := n.proceedings(ids, positions); err != nil {
			return nil, fmt.Errorf("count: %w", err)
		}
		reg, err := n.registry()
		if err != nil {
			return nil, fmt.Errorf("count: %w", err)
		}
		reg.own = own
		c.add(reg)
		if done += int64(len(ids)); progress != nil {
			progress(done, 0)
		}
		if len(ents) < batch {
			break
		}
	}
	return c.result(), nil
}

// allOf returns the ids of every entity of a schema v may see: for the few of their kind that
// every part needs (positions held at courts).
func allOf(ctx context.Context, r Reader, v docket.Viewer, schema string) ([]string, error) {
	var out []string
	for after := int64(0); ; {
		ents, _, err := r.FindEntities(ctx, v, docket.EntityFilter{Schema: &schema, AfterSeq: after, Limit: PageSize, SkipCount: true})
		if err != nil {
			return nil, fmt.Errorf("read %s entities: %w", schema, err)
		}
		for _, e := range ents {
			after = max(after, e.Seq)
			out = append(out, e.ID)
		}
		if len(ents) < PageSize {
			return out, nil
		}
	}
}

// proceedings reads proceedings with what their figures rest on: what they name (cases,
// courts, judges, defendants, charges), what refers to their cases (charges, events), their
// defendants' events, the positions held at courts, and, for the rulings the retaliation
// detector examines, what refers to their judges and to the officials of their courts (the
// sanctions), with the sources of both.
func (n *neighbourhood) proceedings(ids, positions []string) error {
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
	if err := n.referrers(defendants); err != nil {
		return err
	}
	if err := n.fetch(positions); err != nil {
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
	var holders []string
	for _, id := range positions {
		if p := n.reg.Entities[n.canonical[id]]; p != nil && courts[n.canonical[p.First("organization")]] {
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
	if err := n.referrers(targets); err != nil {
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

// sourcesOf reads the sources that the statements of ents cite.
func (n *neighbourhood) sourcesOf(ents []*docket.Entity) error {
	for _, e := range ents {
		for _, s := range e.Statements {
			if s.Source == "" || n.sought[s.Source] {
				continue
			}
			n.sought[s.Source] = true
			srcs, _, err := n.r.FindSources(n.ctx, n.reg.Viewer, docket.SourceFilter{ID: &s.Source, Limit: 1})
			if err != nil {
				return fmt.Errorf("load source %s: %w", s.Source, err)
			}
			for _, src := range srcs {
				n.reg.Sources[src.ID] = src
			}
		}
	}
	return nil
}
