package ingest

import (
	"github.com/docketorg/docket"
)

// dropKnown leaves out of a new version of a page what was proposed or recorded from that
// page before. A new record whose words were proposed before is the record made then: it is
// linked to it, and only its new facts are proposed. A fact already stated of a record (a
// proposal rejected since counts: it was proposed) is not proposed again.
func (p *plan) dropKnown() error {
	// What was stated from the page and the sources its footnotes cite, as v may see it.
	sources := []string{p.doc}
	for _, id := range p.fn {
		if p.srcs[id] == nil {
			sources = append(sources, id)
		}
	}
	type said struct{ prop, value, quote string }
	before := map[said][]string{} // what was said → the entities it was said of
	stated := map[[3]string]bool{}
	schemaOf := map[string]string{}
	for _, src := range sources {
		for off := 0; ; off += 1000 {
			ss, _, err := p.st.FindStatements(p.ctx, p.v, docket.StatementFilter{Source: &src, IncludeRetracted: true, SkipCount: true, Offset: off, Limit: 1000})
			if err != nil {
				return err
			}
			for _, s := range ss {
				before[said{s.Property, s.Value, s.Quote}] = append(before[said{s.Property, s.Value, s.Quote}], s.Entity)
				stated[[3]string{s.Entity, s.Property, s.Value}] = true
			}
			if len(ss) < 1000 {
				break
			}
		}
	}
	if len(before) == 0 {
		return nil
	}
	schema := func(id string) string {
		if s, ok := schemaOf[id]; ok {
			return s
		}
		e, err := p.st.FindEntityByID(p.ctx, p.v, id)
		if err != nil {
			schemaOf[id] = ""
			return ""
		}
		schemaOf[id] = e.Schema
		return e.Schema
	}
	// A new record whose words were said of a record of its schema before is that record.
	byEntity := map[string][]*docket.Statement{}
	for _, r := range p.records {
		if r.Statement != nil {
			byEntity[r.Statement.Entity] = append(byEntity[r.Statement.Entity], r.Statement)
		}
	}
	same := map[string]string{} // plan id → the record made before
	for id, e := range p.ents {
		votes := map[string]int{}
		for _, s := range byEntity[id] {
			if p.schemas[id].Property(s.Property).Type == docket.TypeRef {
				continue
			}
			for _, old := range before[said{s.Property, s.Value, s.Quote}] {
				if schema(old) == e.Schema {
					votes[old]++
				}
			}
		}
		best, n := "", 0
		for old, v := range votes {
			if v > n || v == n && old < best {
				best, n = old, v
			}
		}
		if best != "" {
			same[id] = best
		}
	}
	// Rewrite the plan onto the records made before, and leave out what was said already.
	kept := p.records[:0]
	for _, r := range p.records {
		switch {
		case r.Entity != nil && same[r.Entity.ID] != "":
			continue
		case r.Statement != nil:
			s := r.Statement
			ref := p.isRef(s)
			if old := same[s.Entity]; old != "" {
				s.Entity = old
			}
			if old := same[s.Value]; old != "" && ref {
				s.Value = old
			}
			if stated[[3]string{s.Entity, s.Property, s.Value}] {
				continue
			}
		}
		kept = append(kept, r)
	}
	// A new record left with nothing to say is not made, nor what refers to it.
	says := map[string]bool{}
	for _, r := range kept {
		if r.Statement != nil && p.ents[r.Statement.Entity] != nil {
			says[r.Statement.Entity] = true
		}
	}
	silent := map[string]bool{}
	for id := range p.ents {
		if !says[id] {
			silent[id] = true
			delete(p.ents, id)
		}
	}
	final := kept[:0:0]
	for _, r := range kept {
		if r.Entity != nil && silent[r.Entity.ID] || r.Statement != nil && silent[r.Statement.Value] {
			continue
		}
		final = append(final, r)
	}
	kept = final
	dropped := 0
	for _, r := range p.records {
		if r.Statement != nil {
			dropped++
		}
	}
	for _, r := range kept {
		if r.Statement != nil {
			dropped--
		}
	}
	p.records = kept
	for id, old := range same {
		delete(p.ents, id)
		for k, v := range p.keys {
			if v == id {
				p.keys[k] = old
			}
		}
		p.linked++
	}
	p.known = dropped
	return nil
}

// isRef reports whether a planned statement's value names an entity.
func (p *plan) isRef(s *docket.Statement) bool {
	sc := p.schemas[s.Entity]
	if sc == nil {
		return false
	}
	pr := sc.Property(s.Property)
	return pr != nil && pr.Type == docket.TypeRef
}
