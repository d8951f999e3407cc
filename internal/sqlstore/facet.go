package sqlstore

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/docketorg/docket"
)

// maxFaceted caps the entities one faceted search counts; past it the result says it is capped.
const maxFaceted = 300

// FacetedSearch searches, narrows by facets and counts facet values, all as v sees the store:
// the candidates come from the search's ranking or from the entities v may see, and the facets
// from the current statements v may see, so no count tells of anything hidden from v. Only the
// page's entities are read: the facets need the candidates' ids, not their records.
func (db *Store) FacetedSearch(ctx context.Context, v docket.Viewer, q docket.FacetQuery) (*docket.SearchResults, error) {
	res := &docket.SearchResults{Facets: map[string][]docket.FacetValue{}}
	err := db.viewFor(ctx, v, func(tx *Tx) error {
		cands, schemas, err := db.facetCandidates(ctx, tx, v, q)
		if err != nil {
			return err
		}
		if res.Capped = len(cands) >= maxFaceted; res.Capped {
			res.Counted = len(cands)
		}
		attrs, err := tx.facetValues(ctx, v, schemas)
		if err != nil {
			return err
		}
		page := countFacets(res, q, cands, attrs)
		res.Hits, err = tx.loadHits(ctx, v, page, len(page))
		return err
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// facetCandidates returns the entities a faceted search counts, at most maxFaceted of them in
// the order they are shown, each with its schema: the best matches of the query, or, without
// one, the newest records (of the kind asked for, if one is: the newest records of all kinds
// may hold no case at all). Every one is an entity v may see, as Search reads them.
func (db *Store) facetCandidates(ctx context.Context, tx *Tx, v docket.Viewer, q docket.FacetQuery) ([]candidate, map[string]string, error) {
	schemas := map[string]string{}
	if strings.TrimSpace(q.Q) == "" {
		scope, args := entityScope(v)
		if q.Schema != "" {
			scope, args = scope+` AND e.schema = ?`, append(args, q.Schema)
		}
		var cands []candidate
		err := tx.scanIDs(ctx, `SELECT e.id, e.schema FROM entities e WHERE `+scope+` ORDER BY e.seq DESC LIMIT ?`, append(args, maxFaceted), func(id, schema string) {
			cands = append(cands, candidate{id: id})
			schemas[id] = schema
		})
		return cands, schemas, err
	}
	// Twice as many statements as entities counted: most records are found by more than one.
	ranked, err := db.rank(ctx, tx, v, docket.SearchQuery{Q: q.Q, Candidates: 2 * maxFaceted})
	if err != nil {
		return nil, nil, err
	}
	// Read in parts of the rank order, until maxFaceted are found that v may see as entities.
	// Each was found by a current statement v may see, of a record merged into it or its own:
	// what entityScope asks of the statements holds, and only the entity's own rule is left.
	scope, sargs := `e.canonical = e.id AND e.sensitivity <= ?`, []any{int(v.MaxSensitivity())}
	var cands []candidate
	for len(ranked) > 0 && len(cands) < maxFaceted {
		part := ranked[:min(len(ranked), docket.MaxIn)]
		ranked = ranked[len(part):]
		ids := make([]string, len(part))
		for i, c := range part {
			ids[i] = c.id
		}
		in, args := inValues(ids)
		err := tx.scanIDs(ctx, `SELECT e.id, e.schema FROM entities e WHERE `+scope+` AND e.id IN `+in, append(slices.Clone(sargs), args...), func(id, schema string) {
			schemas[id] = schema
		})
		if err != nil {
			return nil, nil, err
		}
		for _, c := range part {
			if _, ok := schemas[c.id]; ok && len(cands) < maxFaceted {
				cands = append(cands, c)
			}
		}
	}
	kept := make(map[string]string, len(cands))
	for _, c := range cands {
		kept[c.id] = schemas[c.id]
	}
	return cands, kept, nil
}

// scanIDs runs a query of pairs of strings (an id and its schema) and gives each to f.
func (tx *Tx) scanIDs(ctx context.Context, query string, args []any, f func(id, schema string)) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("read candidates: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, schema string
		if err := rows.Scan(&id, &schema); err != nil {
			return err
		}
		f(id, schema)
	}
	return rows.Err()
}

// countFacets sets res's facets and total from the candidates and their facet values, and
// returns the candidates of the page q asks for.
func countFacets(res *docket.SearchResults, q docket.FacetQuery, cands []candidate, attrs map[string]map[string]map[string]bool) []candidate {
	want := map[string]string{"schema": q.Schema, "country": q.Country, "type": q.EventType, "year": q.Year, "status": q.Status}
	// matches reports whether a hit has every wanted facet value but the one skipped: a facet's
	// counts are those of the other facets' selection, so that one may switch between values.
	matches := func(id string, skip string) bool {
		for f, w := range want {
			if w == "" || f == skip {
				continue
			}
			if !attrs[id][f][w] {
				return false
			}
		}
		return true
	}
	for _, f := range docket.Facets {
		counts := map[string]int{}
		for _, c := range cands {
			if !matches(c.id, f) {
				continue
			}
			for val := range attrs[c.id][f] {
				counts[val]++
			}
		}
		var fv []docket.FacetValue
		for val, n := range counts {
			fv = append(fv, docket.FacetValue{Value: val, Count: n})
		}
		sort.Slice(fv, func(i, j int) bool {
			if f == "year" {
				return fv[i].Value > fv[j].Value
			}
			if fv[i].Count != fv[j].Count {
				return fv[i].Count > fv[j].Count
			}
			return fv[i].Value < fv[j].Value
		})
		res.Facets[f] = fv
	}
	var out []candidate
	for _, c := range cands {
		if matches(c.id, "") {
			out = append(out, c)
		}
	}
	res.Total = len(out)
	n := q.Limit
	if n <= 0 || n > 200 {
		n = 20
	}
	lo := min(max(q.Offset, 0), len(out))
	return out[lo:min(lo+n, len(out))]
}

// facetValues returns, for each entity of schemas (ids and their schemas), the values of each
// facet it has: its schema, and those of its current statements v may see.
func (tx *Tx) facetValues(ctx context.Context, v docket.Viewer, schemas map[string]string) (map[string]map[string]map[string]bool, error) {
	out := map[string]map[string]map[string]bool{}
	add := func(id, facet, val string) {
		if out[id] == nil {
			out[id] = map[string]map[string]bool{}
		}
		if out[id][facet] == nil {
			out[id][facet] = map[string]bool{}
		}
		out[id][facet][val] = true
	}
	ids := make([]string, 0, len(schemas))
	for id, schema := range schemas {
		ids = append(ids, id)
		add(id, "schema", schema)
	}
	slices.Sort(ids) // in the order of the index they are looked up by
	cond, cargs := visible(v)
	for len(ids) > 0 {
		chunk := ids[:min(500, len(ids))]
		ids = ids[len(chunk):]
		in, args := inValues(chunk)
		args = append(args, cargs...)
		rows, err := tx.QueryContext(ctx, `SELECT se.canonical, se.schema, s.property, s.value, s.status, s.sensitivity, `+valueColumns+`
			FROM statements s JOIN entities se ON se.id = s.entity_id
			WHERE se.canonical IN `+in+` AND s.retracted_seq IS NULL AND `+cond, args...)
		if err != nil {
			return nil, fmt.Errorf("read facets: %w", err)
		}
		for rows.Next() {
			var id, schema, prop, val, status string
			var sens int
			var sv sealedValue
			if err := rows.Scan(append([]any{&id, &schema, &prop, &val, &status, &sens}, sv.dest()...)...); err != nil {
				rows.Close()
				return nil, err
			}
			if !v.MaySee(docket.Sensitivity(sens), docket.Status(status)) {
				continue
			}
			add(id, "status", status)
			if prop != "country" && prop != "type" && prop != "date" && prop != "startDate" && prop != "endDate" {
				continue // its value is no facet's: not unsealed
			}
			val, _ = tx.db.openValue(prop, sens, val, &sv)
			switch {
			case prop == "country":
				add(id, "country", val)
			case prop == "type" && schema == "Event":
				add(id, "type", val)
			case prop == "date" || prop == "startDate" || prop == "endDate":
				if d, err := docket.ParseDate(val); err == nil && d.Year > 0 {
					add(id, "year", fmt.Sprintf("%04d", d.Year))
				}
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
