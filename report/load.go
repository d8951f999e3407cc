package report

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/docketorg/docket"
)

// A neighbourhood is a part of the registry read whole: some cases (or persons) and what
// briefs, pages and figures read of them. It is the read model of a case: a registry of just
// those entities, on which every figure and document of this package works as on the whole
// registry. A neighbourhood of many cases is read with a few bulk reads (docket.MaxIn ids at a
// time), so that figures over the whole registry read it case batch by case batch, in bounded
// memory (see Stream).

// neighbourhood reads entities whole (with their current statements, as FindEntityByID gives
// them) into a registry, many at once.
type neighbourhood struct {
	ctx       context.Context
	r         Reader
	reg       *Registry
	canonical map[string]string // any id met -> its canonical id, "" when not visible
	referred  map[string]bool   // ids whose referrers were read
	max       int               // entities it reads at most; 0: no bound
	sought    map[string]bool   // sources looked up, found or not
}

func newNeighbourhood(ctx context.Context, r Reader, v docket.Viewer, max int) *neighbourhood {
	return &neighbourhood{ctx: ctx, r: r, reg: newRegistry(v), canonical: map[string]string{}, referred: map[string]bool{},
		max: max, sought: map[string]bool{}}
}

// full reports whether it has read as much as it may.
func (n *neighbourhood) full() bool { return n.max > 0 && len(n.reg.Entities) >= n.max }

// chunks calls fn with ids docket.MaxIn at a time.
func chunks(ids []string, fn func([]string) error) error {
	for len(ids) > 0 {
		k := min(len(ids), docket.MaxIn)
		if err := fn(ids[:k]); err != nil {
			return err
		}
		ids = ids[k:]
	}
	return nil
}

// fetch reads the entities ids name that are not read yet, whole.
func (n *neighbourhood) fetch(ids []string) error {
	var want []string
	seen := map[string]bool{}
	for _, id := range ids {
		if _, ok := n.canonical[id]; !ok && id != "" && !seen[id] {
			seen[id] = true
			want = append(want, id)
		}
	}
	return chunks(want, func(ids []string) error {
		if n.full() {
			return nil
		}
		ents, _, err := n.r.FindEntities(n.ctx, n.reg.Viewer, docket.EntityFilter{IDs: ids, Limit: docket.MaxIn, SkipCount: true})
		if err != nil {
			return fmt.Errorf("load entities: %w", err)
		}
		var read []string
		for _, e := range ents {
			n.canonical[e.ID] = e.ID
			if n.reg.Entities[e.ID] == nil {
				c := *e
				c.Caption, c.Statements = "", nil
				n.reg.Entities[e.ID] = &c
				read = append(read, e.ID)
			}
		}
		// An id that named none of them is merged away, or not visible: one read tells which.
		for _, id := range ids {
			if _, ok := n.canonical[id]; !ok {
				if _, err := n.resolve(id); err != nil {
					return err
				}
			}
		}
		// A few entities at a time, so that their statements come in one page: a store finds
		// statements by entity and orders them by seq, so each further page of the same
		// entities reads them all again.
		for len(read) > 0 {
			k := min(len(read), statementsPerRead)
			if err := n.statements(read[:k]); err != nil {
				return err
			}
			read = read[k:]
		}
		return nil
	})
}

// statementsPerRead is how many entities' statements fetch asks for at once: a few times fewer
// than a page of statements.
const statementsPerRead = 100

// statements reads the statements of entities read.
func (n *neighbourhood) statements(ids []string) error {
	for after := int64(0); ; {
		ss, _, err := n.r.FindStatements(n.ctx, n.reg.Viewer, docket.StatementFilter{Entities: ids, AfterSeq: after, Limit: PageSize, SkipCount: true})
		if err != nil {
			return fmt.Errorf("load statements: %w", err)
		}
		for _, s := range ss {
			after = max(after, s.Seq)
			c, err := n.resolve(s.Entity)
			if err != nil {
				return err
			}
			if e := n.reg.Entities[c]; e != nil {
				e.Statements = append(e.Statements, s)
			}
		}
		if len(ss) < PageSize {
			return nil
		}
	}
}

// resolve returns the canonical id of an id, reading the entity it names when it was not read
// (a merged id, whose entity's statements come with it), "" when v may not see it.
func (n *neighbourhood) resolve(id string) (string, error) {
	if c, ok := n.canonical[id]; ok {
		return c, nil
	}
	e, err := n.r.FindEntityByID(n.ctx, n.reg.Viewer, id)
	switch {
	case docket.ErrorCode(err) == docket.ENOTFOUND:
		n.canonical[id] = ""
		return "", nil
	case err != nil:
		return "", fmt.Errorf("load %s: %w", id, err)
	}
	n.canonical[id], n.canonical[e.ID] = e.ID, e.ID
	if n.reg.Entities[e.ID] == nil && !n.full() {
		e.Caption = ""
		n.reg.Entities[e.ID] = e
	}
	return e.ID, nil
}

// referrers reads the entities that refer to any of ids, whole; with via, only those that refer
// by these properties (what acts on a person, not everything a judge heard).
func (n *neighbourhood) referrers(ids []string, via ...string) error {
	mark := strings.Join(via, ",")
	var want []string
	for _, id := range ids {
		if c := n.canonical[id]; c != "" && !n.referred[c] && !n.referred[c+" "+mark] {
			n.referred[c+" "+mark] = true
			if len(via) == 0 {
				n.referred[c] = true
			}
			want = append(want, c)
		}
	}
	return chunks(want, func(ids []string) error {
		for after := int64(0); !n.full(); {
			ents, _, err := n.r.FindEntities(n.ctx, n.reg.Viewer, docket.EntityFilter{RefersToAny: ids, Via: via, AfterSeq: after, Limit: docket.MaxIn, SkipCount: true})
			if err != nil {
				return fmt.Errorf("load what refers to %d entities: %w", len(ids), err)
			}
			var found []string
			for _, e := range ents {
				after = max(after, e.Seq)
				found = append(found, e.ID)
			}
			if err := n.fetch(found); err != nil {
				return err
			}
			if len(ents) < docket.MaxIn {
				return nil
			}
		}
		return nil
	})
}

// loaded returns the entities read so far, in the order they were made.
func (n *neighbourhood) loaded() []*docket.Entity {
	out := make([]*docket.Entity, 0, len(n.reg.Entities))
	for _, e := range n.reg.Entities {
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b *docket.Entity) int { return int(a.Seq - b.Seq) })
	return out
}

// named reads the entities that the entities read refer to.
func (n *neighbourhood) named() error {
	var ids []string
	for _, e := range n.reg.Entities {
		ids = append(ids, n.reg.refValues(e)...)
	}
	return n.fetch(ids)
}

// values returns the canonical ids among the values of the properties of ents.
func (n *neighbourhood) values(ents []*docket.Entity, props ...string) []string {
	var out []string
	for _, e := range ents {
		for _, p := range props {
			for _, v := range e.Values(p) {
				if c := n.canonical[v]; c != "" {
					out = append(out, c)
				}
			}
		}
	}
	return uniq(out)
}

// ofSchema returns the ids of the entities read of a schema.
func (n *neighbourhood) ofSchema(schema string) []string {
	var out []string
	for _, e := range n.loaded() {
		if e.Schema == schema {
			out = append(out, e.ID)
		}
	}
	return out
}

// cases reads cases with what their briefs rest on: the records that refer to them
// (proceedings, charges, events) and what those name (defendants, courts, judges); what acts on
// the defendants and victims (events) and their kin, named by them or naming them; and the kin's
// own cases with their records. Not the defendants' other cases, which a brief does not tell: a
// defendant of hundreds of cases would bring each of them with its neighbourhood.
func (n *neighbourhood) cases(ids []string) error {
	if err := n.fetch(ids); err != nil {
		return err
	}
	if err := n.referrers(ids); err != nil {
		return err
	}
	if err := n.named(); err != nil {
		return err
	}
	defendants := n.values(n.loaded(), "defendant", "victim")
	if err := n.referrers(defendants, "victim", "spouse", "relative"); err != nil {
		return err
	}
	var kin []string
	for _, d := range defendants {
		if e := n.reg.Entities[d]; e != nil {
			kin = append(kin, e.Values("spouse")...)
			kin = append(kin, e.Values("relative")...)
		}
	}
	for _, e := range n.loaded() {
		if e.Schema == "Person" && (overlaps(e.Values("spouse"), defendants) || overlaps(e.Values("relative"), defendants)) {
			kin = append(kin, e.ID)
		}
	}
	if err := n.fetch(kin); err != nil {
		return err
	}
	for i, id := range kin {
		kin[i] = n.canonical[id] // "" when not visible: referrers skips it
	}
	kin = uniq(kin)
	if err := n.referrers(kin, "defendant", "victim"); err != nil {
		return err
	}
	var kinCases []string
	for _, e := range n.loaded() {
		if e.Schema == "Case" && overlaps(n.values([]*docket.Entity{e}, "defendant"), kin) {
			kinCases = append(kinCases, e.ID)
		}
	}
	if err := n.referrers(kinCases); err != nil {
		return err
	}
	return n.named()
}

// chains reads the events and proceedings linked to those read (follows, causedBy,
// retaliationFor), either way, until there are no more.
func (n *neighbourhood) chains() error {
	for {
		before := len(n.reg.Entities)
		var ids []string
		for _, e := range n.loaded() {
			if e.Schema == "Event" || e.Schema == "Proceeding" {
				ids = append(ids, e.ID)
			}
		}
		if err := n.referrers(ids); err != nil {
			return err
		}
		if err := n.named(); err != nil {
			return err
		}
		if len(n.reg.Entities) == before || n.full() {
			return nil
		}
	}
}

// statistics reads the latest statistics recorded for a country, as many as a brief gives,
// found by of (LatestStatistics when nil).
func (n *neighbourhood) statistics(country string, of StatisticsOf) error {
	if country == "" {
		return nil
	}
	if of == nil {
		of = func(ctx context.Context, country string) ([]string, error) {
			return LatestStatistics(ctx, n.r, n.reg.Viewer, country)
		}
	}
	ids, err := of(n.ctx, country)
	if err != nil {
		return err
	}
	return n.fetch(ids)
}

// StatisticsOf finds the latest statistics of a country, as LatestStatistics does, or keeps
// its answer: they are the same for every brief of the country.
type StatisticsOf func(ctx context.Context, country string) ([]string, error)

// LatestStatistics returns the ids of the latest statistics recorded for a country that v may
// see, as many as a brief gives, the newest last. A statistic is recorded with its country, so
// the order its country was recorded in is the order the statistics were made in.
func LatestStatistics(ctx context.Context, r Reader, v docket.Viewer, country string) ([]string, error) {
	schema, prop := "Statistic", "country"
	ss, _, err := r.FindStatements(ctx, v, docket.StatementFilter{Schema: &schema, Property: &prop, Value: &country,
		Newest: true, Limit: 4 * maxContext, SkipCount: true})
	if err != nil {
		return nil, fmt.Errorf("load statistics: %w", err)
	}
	var ids []string // newest first
	seen := map[string]bool{}
	for _, s := range ss {
		if !seen[s.Entity] && len(ids) < maxContext {
			seen[s.Entity] = true
			ids = append(ids, s.Entity)
		}
	}
	slices.Reverse(ids)
	return ids, nil
}

// sources reads the sources that the statements read cite.
func (n *neighbourhood) sources() error {
	return n.sourcesOf(slices.Collect(maps.Values(n.reg.Entities)))
}

// sourcesOf reads the sources that the statements of ents cite.
func (n *neighbourhood) sourcesOf(ents []*docket.Entity) error {
	var want []string
	for _, e := range ents {
		for _, s := range e.Statements {
			if s.Source != "" && !n.sought[s.Source] {
				n.sought[s.Source] = true
				want = append(want, s.Source)
			}
		}
	}
	return chunks(want, func(ids []string) error {
		srcs, _, err := n.r.FindSources(n.ctx, n.reg.Viewer, docket.SourceFilter{IDs: ids, Limit: len(ids), SkipCount: true})
		if err != nil {
			return fmt.Errorf("load %d sources: %w", len(ids), err)
		}
		for _, src := range srcs {
			n.reg.Sources[src.ID] = src
		}
		return nil
	})
}

// inParts reads every entity of a schema v may see, batch at a time (at most MaxIn), each part
// with its neighbourhood (read), as a registry of its own whose own entities are the part's;
// each is given to use and let go. It holds one part at a time: work over a registry of any
// size in bounded memory. progress, if set, is told the entities read.
func inParts(ctx context.Context, r Reader, v docket.Viewer, schema string, batch int, progress docket.Progress,
	read func(n *neighbourhood, ids []string) error, use func(reg *Registry)) error {
	batch = min(batch, docket.MaxIn)
	done := int64(0)
	for after := int64(0); ; {
		ents, _, err := r.FindEntities(ctx, v, docket.EntityFilter{Schema: &schema, AfterSeq: after, Limit: batch, SkipCount: true})
		if err != nil {
			return fmt.Errorf("read %s entities: %w", schema, err)
		}
		if len(ents) == 0 {
			return nil
		}
		own := map[string]bool{}
		ids := make([]string, 0, len(ents))
		for _, e := range ents {
			after = max(after, e.Seq)
			own[e.ID] = true
			ids = append(ids, e.ID)
		}
		n := newNeighbourhood(ctx, r, v, 0)
		if err := read(n, ids); err != nil {
			return err
		}
		reg, err := n.registry()
		if err != nil {
			return err
		}
		reg.own = own
		use(reg)
		if done += int64(len(ids)); progress != nil {
			progress(done, 0)
		}
		if len(ents) < batch {
			return nil
		}
	}
}

// registry finishes the registry of what was read.
func (n *neighbourhood) registry() (*Registry, error) {
	for _, e := range n.loaded() {
		n.reg.bySchema[e.Schema] = append(n.reg.bySchema[e.Schema], e)
	}
	if err := n.reg.finish(n.ctx, n.r, n.canonical); err != nil {
		return nil, err
	}
	return n.reg, nil
}
