package report

import (
	"context"
	"fmt"
	"slices"

	"github.com/docketorg/docket"
)

// maxCaseEntities bounds what LoadCase reads: a case with its proceedings, charges, events,
// persons, courts and related cases is tens of records; a neighbourhood that grows past this is
// cut there, so that no request for one case reads the registry.
const maxCaseEntities = 5000

// LoadCase reads v's view of one case and of what its brief shows, and nothing else: the case;
// the records that refer to it (proceedings, charges, events); those they name (defendants,
// courts, judges, prosecutors); the events, other cases and relatives of its defendants, and
// the relatives' cases with their records; the chains of events linked to any of these; the
// statistics of the case's country; and the sources all these cite. Its cost is the size of
// the case, not of the registry: briefs are served to anyone, from a registry of any size.
// A case v may not see is ENOTFOUND.
func LoadCase(ctx context.Context, r Reader, v docket.Viewer, caseID string) (*Registry, error) {
	l := &caseLoader{ctx: ctx, r: r, reg: newRegistry(v), canonical: map[string]string{}, referred: map[string]bool{}}
	c, err := l.get(caseID)
	if err != nil {
		return nil, err
	} else if c == nil || c.Schema != "Case" {
		return nil, docket.Errorf(docket.ENOTFOUND, "no published case %q", caseID)
	}
	// The case's own records, and what they name.
	if err := l.referrers(c.ID); err != nil {
		return nil, err
	}
	if err := l.named(l.loaded()); err != nil {
		return nil, err
	}
	// Its defendants' events, other cases and relatives; the relatives' cases.
	defendants := l.values(l.loaded(), "defendant", "victim")
	for _, d := range defendants {
		if err := l.referrers(d); err != nil {
			return nil, err
		}
	}
	var related []string
	for _, d := range defendants {
		if e := l.reg.Entities[d]; e != nil {
			related = append(related, e.Values("spouse")...)
			related = append(related, e.Values("relative")...)
		}
		for _, e := range l.referrersOf(d) {
			if e.Schema == "Person" {
				related = append(related, e.ID)
			}
		}
	}
	for _, p := range uniq(related) {
		if _, err := l.get(p); err != nil {
			return nil, err
		}
		if err := l.referrers(p); err != nil {
			return nil, err
		}
	}
	for _, e := range l.loaded() {
		if e.Schema == "Case" && e.ID != c.ID {
			if err := l.referrers(e.ID); err != nil {
				return nil, err
			}
		}
	}
	if err := l.named(l.loaded()); err != nil {
		return nil, err
	}
	// The chains of events, through their links either way: what links to them, and (named)
	// what they link to.
	for {
		before := len(l.reg.Entities)
		for _, e := range l.loaded() {
			if e.Schema == "Event" || e.Schema == "Proceeding" {
				if err := l.referrers(e.ID); err != nil {
					return nil, err
				}
			}
		}
		if err := l.named(l.loaded()); err != nil {
			return nil, err
		}
		if len(l.reg.Entities) == before || l.full() {
			break
		}
	}
	if err := l.statistics(c.First("country")); err != nil {
		return nil, err
	}
	for _, e := range l.loaded() {
		l.reg.bySchema[e.Schema] = append(l.reg.bySchema[e.Schema], e)
	}
	for _, list := range l.reg.bySchema {
		slices.SortFunc(list, func(a, b *docket.Entity) int { return int(a.Seq - b.Seq) })
	}
	if err := l.reg.finish(ctx, r, l.canonical); err != nil {
		return nil, err
	}
	return l.reg, l.sources()
}

// caseLoader reads a case's neighbourhood into a registry, each entity once.
type caseLoader struct {
	ctx       context.Context
	r         Reader
	reg       *Registry
	canonical map[string]string // as in Load: any id seen -> its canonical id, "" when not visible
	referred  map[string]bool   // the ids whose referrers were read
	refs      map[string][]*docket.Entity
	sought    map[string]bool // the sources looked up, found or not
}

// full reports whether the loader has read as much as it may.
func (l *caseLoader) full() bool { return len(l.reg.Entities) >= maxCaseEntities }

// get reads an entity, with its statements, unless it was read; nil when v may not see it.
func (l *caseLoader) get(id string) (*docket.Entity, error) {
	if c, ok := l.canonical[id]; ok {
		return l.reg.Entities[c], nil
	}
	if l.full() {
		return nil, nil
	}
	e, err := l.r.FindEntityByID(l.ctx, l.reg.Viewer, id)
	if docket.ErrorCode(err) == docket.ENOTFOUND {
		l.canonical[id] = ""
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("load %s: %w", id, err)
	}
	l.canonical[id], l.canonical[e.ID] = e.ID, e.ID
	if prev := l.reg.Entities[e.ID]; prev != nil {
		return prev, nil
	}
	e.Caption = ""
	l.reg.Entities[e.ID] = e
	return e, nil
}

// referrers reads the entities that refer to id.
func (l *caseLoader) referrers(id string) error {
	if l.referred[id] || l.full() {
		return nil
	}
	l.referred[id] = true
	for off := 0; ; off += PageSize {
		ents, _, err := l.r.FindEntities(l.ctx, l.reg.Viewer, docket.EntityFilter{RefersTo: &id, Offset: off, Limit: PageSize})
		if err != nil {
			return fmt.Errorf("load what refers to %s: %w", id, err)
		}
		for _, e := range ents {
			full, err := l.get(e.ID)
			if err != nil {
				return err
			}
			if full != nil {
				if l.refs == nil {
					l.refs = map[string][]*docket.Entity{}
				}
				l.refs[id] = append(l.refs[id], full)
			}
		}
		if len(ents) < PageSize || l.full() {
			return nil
		}
	}
}

// referrersOf returns the entities read as referring to id.
func (l *caseLoader) referrersOf(id string) []*docket.Entity { return l.refs[id] }

// loaded returns the entities read so far, in the order they were made.
func (l *caseLoader) loaded() []*docket.Entity {
	out := make([]*docket.Entity, 0, len(l.reg.Entities))
	for _, e := range l.reg.Entities {
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b *docket.Entity) int { return int(a.Seq - b.Seq) })
	return out
}

// named reads the entities that ents refer to.
func (l *caseLoader) named(ents []*docket.Entity) error {
	for _, e := range ents {
		for _, id := range l.reg.refValues(e) {
			if _, err := l.get(id); err != nil {
				return err
			}
		}
	}
	return nil
}

// values returns the distinct values of the properties among ents, as canonical ids.
func (l *caseLoader) values(ents []*docket.Entity, props ...string) []string {
	var out []string
	for _, e := range ents {
		for _, p := range props {
			for _, v := range e.Values(p) {
				if c := l.canonical[v]; c != "" {
					out = append(out, c)
				}
			}
		}
	}
	return uniq(out)
}

// statistics reads the latest statistics recorded for a country, as many as a brief gives.
func (l *caseLoader) statistics(country string) error {
	if country == "" {
		return nil
	}
	schema, prop := "Statistic", "country"
	var ids []string // of the country's statistics, in the order recorded
	seen := map[string]bool{}
	for after := int64(0); ; {
		ss, _, err := l.r.FindStatements(l.ctx, l.reg.Viewer, docket.StatementFilter{Schema: &schema, Property: &prop, AfterSeq: after, Limit: PageSize})
		if err != nil {
			return fmt.Errorf("load statistics: %w", err)
		}
		for _, s := range ss {
			after = max(after, s.Seq)
			if s.Value == country && !seen[s.Entity] {
				seen[s.Entity] = true
				ids = append(ids, s.Entity)
			}
		}
		if len(ss) < PageSize {
			break
		}
	}
	// The latest, as the brief takes them: by when each statistic was made.
	made := map[string]int64{}
	for after := int64(0); len(ids) > maxContext; {
		ents, _, err := l.r.FindEntities(l.ctx, l.reg.Viewer, docket.EntityFilter{Schema: &schema, AfterSeq: after, Limit: PageSize})
		if err != nil {
			return fmt.Errorf("load statistics: %w", err)
		}
		for _, e := range ents {
			after = max(after, e.Seq)
			if seen[e.ID] {
				made[e.ID] = e.Seq
			}
		}
		if len(ents) < PageSize {
			slices.SortStableFunc(ids, func(a, b string) int { return int(made[a] - made[b]) })
			break
		}
	}
	for _, id := range ids[max(len(ids)-maxContext, 0):] {
		if _, err := l.get(id); err != nil {
			return err
		}
	}
	return nil
}

// sources reads the sources that the registry's statements cite.
func (l *caseLoader) sources() error {
	for _, e := range l.reg.Entities {
		for _, s := range e.Statements {
			if s.Source == "" || l.sought[s.Source] {
				continue
			}
			if l.sought == nil {
				l.sought = map[string]bool{}
			}
			l.sought[s.Source] = true
			srcs, _, err := l.r.FindSources(l.ctx, l.reg.Viewer, docket.SourceFilter{ID: &s.Source, Limit: 1})
			if err != nil {
				return fmt.Errorf("load source %s: %w", s.Source, err)
			}
			for _, src := range srcs {
				l.reg.Sources[src.ID] = src
			}
		}
	}
	return nil
}
