package http

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/docketorg/docket"
)

// Possible duplicates: pairs of persons or organisations that share a name in some spelling
// or script, side by side with the facts they share marked, for an editor to merge with a
// reason; and unmerge, from the merged record's page. A pair is found only among records the
// editor may see.

func (s *Server) registerMergeRoutes() {
	s.mux.HandleFunc("GET /duplicates", s.handleDuplicates)
	s.mux.HandleFunc("POST /merges", s.handleMergeForm)
	s.mux.HandleFunc("POST /entity/{id}/unmerge", s.handleUnmergeForm)
}

// dupSide is one record of a pair, its facts by property.
type dupSide struct {
	Entity *docket.Entity
	Rows   []dupRow
}

type dupRow struct {
	Prop   string
	Values []string
	Shared bool // the other record has one of these values too
}

type dupPair struct {
	A, B   dupSide
	Name   string
	Shared int
}

type duplicatesPage struct {
	layout
	Schema     string
	Pairs      []dupPair
	Prev, Next string
}

const duplicatesPerPage = 20

func (s *Server) handleDuplicates(w http.ResponseWriter, r *http.Request) {
	if !s.mayWrite(w, r, docket.Editor) {
		return
	}
	ctx, v := r.Context(), viewer(r)
	schema := r.URL.Query().Get("schema")
	if schema != "Organization" {
		schema = "Person"
	}
	off, _ := strconv.Atoi(r.URL.Query().Get("offset"))
	off = max(off, 0)
	pairs, err := s.Store.DuplicatePairs(ctx, v, schema, off, duplicatesPerPage+1)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &duplicatesPage{layout: s.layout(w, r, "dup.title"), Schema: schema}
	p.Nav = "duplicates"
	if len(pairs) > duplicatesPerPage {
		pairs = pairs[:duplicatesPerPage]
		p.Next = "/duplicates?schema=" + schema + "&offset=" + strconv.Itoa(off+duplicatesPerPage)
	}
	if off > 0 {
		p.Prev = "/duplicates?schema=" + schema + "&offset=" + strconv.Itoa(max(off-duplicatesPerPage, 0))
	}
	for _, pr := range pairs {
		a, errA := s.Store.FindEntityByID(ctx, v, pr.A)
		b, errB := s.Store.FindEntityByID(ctx, v, pr.B)
		if errA != nil || errB != nil {
			continue
		}
		dp := dupPair{Name: pr.Name}
		dp.A, dp.B, dp.Shared = compare(a, b)
		p.Pairs = append(p.Pairs, dp)
	}
	s.render(w, r, http.StatusOK, "duplicates.html", p)
}

// compare lays two records side by side, property by property, marking the values they share.
func compare(a, b *docket.Entity) (dupSide, dupSide, int) {
	props := func(e *docket.Entity) ([]string, map[string][]string) {
		var order []string
		vals := map[string][]string{}
		for _, st := range e.Statements {
			if !st.Current() || st.Property == "" {
				continue
			}
			if _, ok := vals[st.Property]; !ok {
				order = append(order, st.Property)
			}
			vals[st.Property] = append(vals[st.Property], st.Value)
		}
		return order, vals
	}
	oa, va := props(a)
	ob, vb := props(b)
	shared := 0
	side := func(e *docket.Entity, order []string, mine, theirs map[string][]string) dupSide {
		d := dupSide{Entity: e}
		for _, prop := range order {
			row := dupRow{Prop: prop, Values: mine[prop]}
			for _, x := range mine[prop] {
				for _, y := range theirs[prop] {
					if strings.EqualFold(x, y) {
						row.Shared = true
					}
				}
			}
			d.Rows = append(d.Rows, row)
		}
		return d
	}
	da, db := side(a, oa, va, vb), side(b, ob, vb, va)
	for _, r := range da.Rows {
		if r.Shared {
			shared++
		}
	}
	return da, db, shared
}

func (s *Server) handleMergeForm(w http.ResponseWriter, r *http.Request) {
	if !s.mayWrite(w, r, docket.Editor) {
		return
	}
	into, from, reason := r.PostFormValue("into"), r.PostFormValue("from"), strings.TrimSpace(r.PostFormValue("reason"))
	if a, b := r.PostFormValue("a"), r.PostFormValue("b"); a != "" && b != "" {
		// The duplicates page names the pair and which to keep.
		into, from = a, b
		if r.PostFormValue("keep") == "b" {
			into, from = b, a
		}
	}
	if reason == "" {
		s.Error(w, r, docket.Errorf(docket.EINVALID, "a merge needs a reason: why are they the same?"))
		return
	}
	if _, err := s.Store.MergeEntities(r.Context(), viewer(r), into, from, reason); err != nil {
		s.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/entity/"+url.PathEscape(into)+"?flash=merged", http.StatusSeeOther)
}

func (s *Server) handleUnmergeForm(w http.ResponseWriter, r *http.Request) {
	if !s.mayWrite(w, r, docket.Editor) {
		return
	}
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	if reason == "" {
		s.Error(w, r, docket.Errorf(docket.EINVALID, "an unmerge needs a reason"))
		return
	}
	m, err := s.Store.UnmergeEntity(r.Context(), viewer(r), r.PathValue("id"), reason)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/entity/"+url.PathEscape(m.From)+"?flash=unmerged", http.StatusSeeOther)
}
