package sqlstore

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/docketorg/docket"
)

// maxFaceted caps the entities one faceted search counts; past it the result says it is capped.
const maxFaceted = 1000

// FacetedSearch searches, narrows by facets and counts facet values, all as v sees the store:
// the candidates come from Search or from the entities v may see, and the facets from the
// current statements v may see, so no count tells of anything hidden from v.
func (db *Store) FacetedSearch(ctx context.Context, v docket.Viewer, q docket.FacetQuery) (*docket.SearchResults, error) {
	var hits []*docket.SearchHit
	if strings.TrimSpace(q.Q) != "" {
		var err error
		if hits, err = db.Search(ctx, v, docket.SearchQuery{Q: q.Q, Limit: maxFaceted}); err != nil {
			return nil, err
		}
	} else {
		err := db.viewFor(ctx, v, func(tx *Tx) error {
			// The newest of the kind asked for, if one is: the newest thousand records of all
			// kinds may hold no case at all.
			tail, args := `ORDER BY e.seq DESC LIMIT ?`, []any{maxFaceted}
			if q.Schema != "" {
				tail, args = `AND e.schema = ? `+tail, []any{q.Schema, maxFaceted}
			}
			ents, err := tx.entities(ctx, v, tail, args...)
			if err == nil {
				err = tx.captions(ctx, v, ents)
			}
			for _, e := range ents {
				hits = append(hits, &docket.SearchHit{Entity: e})
			}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	res := &docket.SearchResults{Facets: map[string][]docket.FacetValue{}, Capped: len(hits) >= maxFaceted}
	attrs, err := db.facetValues(ctx, v, hits)
	if err != nil {
		return nil, err
	}
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
		for _, h := range hits {
			if !matches(h.Entity.ID, f) {
				continue
			}
			for val := range attrs[h.Entity.ID][f] {
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
	var out []*docket.SearchHit
	for _, h := range hits {
		if matches(h.Entity.ID, "") {
			out = append(out, h)
		}
	}
	res.Total = len(out)
	n := q.Limit
	if n <= 0 || n > 200 {
		n = 20
	}
	lo := min(max(q.Offset, 0), len(out))
	res.Hits = out[lo:min(lo+n, len(out))]
	return res, nil
}

// facetValues returns, for each hit's entity, the values of each facet it has.
func (db *Store) facetValues(ctx context.Context, v docket.Viewer, hits []*docket.SearchHit) (map[string]map[string]map[string]bool, error) {
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
	ids := make([]string, 0, len(hits))
	for _, h := range hits {
		ids = append(ids, h.Entity.ID)
		add(h.Entity.ID, "schema", h.Entity.Schema)
	}
	err := db.viewFor(ctx, v, func(tx *Tx) error {
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
				return fmt.Errorf("read facets: %w", err)
			}
			for rows.Next() {
				var id, schema, prop, val, status string
				var sens int
				var sv sealedValue
				if err := rows.Scan(append([]any{&id, &schema, &prop, &val, &status, &sens}, sv.dest()...)...); err != nil {
					rows.Close()
					return err
				}
				val, _ = db.openValue(prop, sens, val, &sv)
				if !v.MaySee(docket.Sensitivity(sens), docket.Status(status)) {
					continue
				}
				add(id, "status", status)
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
				return err
			}
		}
		return nil
	})
	return out, err
}
