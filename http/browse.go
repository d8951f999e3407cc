package http

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/docketorg/docket"
)

// The dashboard, search with facets and suggestions, history and the review queue.

// homePage is the dashboard: what changed lately, the drafts waiting for review, and where to
// start.
type homePage struct {
	layout
	Kinds    []facetLink
	Changes  []changeRow
	Drafts   []draftRow
	NDrafts  int
	Cases    []*docket.Entity
	NCases   int
	Entities int
	Counted  bool // the counts are known: they are counted apart, and kept (see countsWait)
}

// homeRecent is what the dashboard shows of the newest records.
type homeRecent struct {
	Cases   []*docket.Entity
	Changes []changeRow
}

// countsWait is how long the dashboard waits for counts of the registry not yet counted: it
// is shown without them rather than late.
const countsWait = 500 * time.Millisecond

// homeChanges is how many of the newest changes the dashboard reads for its recent changes,
// whatever the viewer may see of them.
const homeChanges = 2000

// countEntities counts what cv sees by schema, for the figure cache.
func (s *Server) countEntities(ctx context.Context, cv docket.Viewer) (any, error) {
	return s.Store.CountEntities(ctx, cv)
}

func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), viewer(r)
	p := homePage{layout: s.layout(w, r, "home.title")}
	p.Nav = "home"
	// The newest cases and changes: the same for every anonymous visitor, so kept for them (in
	// their language); staff see their own writes at once.
	recent := func(ctx context.Context, v docket.Viewer) (any, error) {
		caseSchema := "Case"
		var h homeRecent
		var err error
		if h.Cases, _, err = s.Store.FindEntities(ctx, v, docket.EntityFilter{Schema: &caseSchema, Limit: 12, SkipCount: true}); err != nil {
			return nil, err
		}
		chs, err := s.Store.FindChanges(ctx, v, docket.ChangeFilter{Newest: true, Limit: 200, MaxScan: homeChanges})
		if err != nil {
			return nil, err
		}
		b := s.builderFor(ctx, v, &p.layout)
		for i, c := range h.Cases {
			if e := b.entity(c.ID); e != nil {
				h.Cases[i] = e // named in the page's language (see builder.adopt)
			}
		}
		h.Changes = b.recentRows(chs, 10)
		return &h, nil
	}
	var rec any
	var err error
	if v.Role == docket.Anonymous {
		rec, _, err = s.figures.light(ctx, v, "home "+p.Lang(), recent)
	} else {
		rec, err = recent(ctx, v)
	}
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Cases, p.Changes = rec.(*homeRecent).Cases, rec.(*homeRecent).Changes
	// Counting what a viewer sees reads the whole registry: counted apart, kept, and waited
	// for a little.
	wait, cancel := context.WithTimeout(ctx, countsWait)
	counts, _, err := s.figures.light(wait, v, "counts", s.countEntities)
	cancel()
	switch {
	case err == nil:
		p.Counted = true
		for _, sc := range docket.Schemas {
			n := counts.(map[string]int)[sc.Name]
			p.Entities += n
			if n > 0 {
				p.Kinds = append(p.Kinds, facetLink{Label: p.SchemaLabel(sc.Name), Count: n, Href: "/search?schema=" + url.QueryEscape(sc.Name)})
			}
		}
		p.NCases = counts.(map[string]int)["Case"]
	case docket.ErrorCode(err) == docket.EUNAVAILABLE || errors.Is(err, context.DeadlineExceeded):
		p.NCases = len(p.Cases) // the counts come on a later visit
	default:
		s.Error(w, r, err)
		return
	}
	if v.SeesDrafts() {
		if p.Drafts, p.NDrafts, err = s.drafts(r, s.newBuilder(r, &p.layout), 8); err != nil {
			s.Error(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "home.html", &p)
}

// searchPage is the data of the search page.
type searchPage struct {
	layout
	Query   string
	Facets  docket.FacetQuery
	Results *docket.SearchResults
	Hits    []resultHit // the results' hits, with marked snippets and key facts
	Near    []nearLink  // near spellings, when nothing is found
	Groups  []facetGroup
	Err     string
	Prev    string
	Next    string
	From    int
}

// facetGroup is one facet with links that set or clear each value.
type facetGroup struct {
	Name   string
	Values []facetLink
}

type facetLink struct {
	Label    string
	Count    int
	Href     string
	Selected bool
}

const searchPageSize = 20

func (s *Server) handleSearchPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p := searchPage{layout: s.layout(w, r, "search.title")}
	// The page's own search box holds the query; the header's stays empty.
	p.Query = strings.TrimSpace(q.Get("q"))
	p.Facets = docket.FacetQuery{Q: p.Query, Schema: q.Get("schema"), Country: q.Get("country"), EventType: q.Get("type"),
		Year: q.Get("year"), Status: q.Get("status"), Limit: searchPageSize}
	if off, err := strconv.Atoi(q.Get("offset")); err == nil && off > 0 {
		p.Facets.Offset = off
	}
	if p.Facets.Schema == "Case" && p.Query == "" {
		p.Nav = "cases"
	}
	if p.Query == "" && p.Facets.Schema == "" && p.Facets.Country == "" && p.Facets.EventType == "" && p.Facets.Year == "" && p.Facets.Status == "" {
		s.render(w, r, http.StatusOK, "search.html", &p)
		return
	}
	res, err := s.Store.FacetedSearch(r.Context(), viewer(r), p.Facets)
	if docket.ErrorCode(err) == docket.EINVALID {
		p.Err = docket.ErrorMessage(err)
		s.render(w, r, http.StatusOK, "search.html", &p)
		return
	} else if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Results = res
	p.Hits = s.resultHits(r, &p.layout, p.Query, res.Hits)
	if p.Query != "" {
		p.Title = p.T("search.titleFor", p.Query)
		if res.Total == 0 {
			if p.Near, err = s.nearSpellings(r, p.Query); err != nil {
				s.Error(w, r, err)
				return
			}
		}
	}
	p.From = p.Facets.Offset + 1
	link := func(set map[string]string) string {
		v := url.Values{}
		cur := map[string]string{"q": p.Query, "schema": p.Facets.Schema, "country": p.Facets.Country, "type": p.Facets.EventType,
			"year": p.Facets.Year, "status": p.Facets.Status}
		for k, val := range set {
			cur[k] = val
		}
		for k, val := range cur {
			if val != "" {
				v.Set(k, val)
			}
		}
		return "/search?" + v.Encode()
	}
	selected := map[string]string{"schema": p.Facets.Schema, "country": p.Facets.Country, "type": p.Facets.EventType, "year": p.Facets.Year, "status": p.Facets.Status}
	for _, f := range docket.Facets {
		g := facetGroup{Name: f}
		for _, fv := range res.Facets[f] {
			fl := facetLink{Label: p.facetLabel(f, fv.Value), Count: fv.Count, Selected: selected[f] == fv.Value}
			if fl.Selected {
				fl.Href = link(map[string]string{f: "", "offset": ""})
			} else {
				fl.Href = link(map[string]string{f: fv.Value, "offset": ""})
			}
			g.Values = append(g.Values, fl)
		}
		if len(g.Values) > 0 {
			p.Groups = append(p.Groups, g)
		}
	}
	if p.Facets.Offset > 0 {
		p.Prev = link(map[string]string{"offset": strconv.Itoa(max(p.Facets.Offset-searchPageSize, 0))})
	}
	if p.Facets.Offset+searchPageSize < res.Total {
		p.Next = link(map[string]string{"offset": strconv.Itoa(p.Facets.Offset + searchPageSize)})
	}
	s.render(w, r, http.StatusOK, "search.html", &p)
}

func (l layout) facetLabel(facet, value string) string {
	switch facet {
	case "schema":
		return l.SchemaLabel(value)
	case "country":
		return l.Country(value)
	case "type":
		return l.Term("event-type", value)
	case "status":
		return l.StatusLabel(docket.Status(value))
	}
	return value
}

// suggestion is one entry of the list shown while typing in the search box.
type suggestion struct {
	ID      string `json:"id"`
	Caption string `json:"caption"`
	Schema  string `json:"schema"`
	URL     string `json:"url"`
}

// handleSuggest answers the search box's suggestions: a few captions of entities the viewer
// may see, from the same search as everything else.
func (s *Server) handleSuggest(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	out := []suggestion{}
	if len([]rune(q)) >= 2 {
		hits, err := s.Store.Search(r.Context(), viewer(r), docket.SearchQuery{Q: q, Limit: 8})
		if err != nil && docket.ErrorCode(err) != docket.EINVALID {
			s.Error(w, r, err)
			return
		}
		l := s.layout(w, r, "")
		for _, h := range hits {
			out = append(out, suggestion{ID: h.Entity.ID, Caption: h.Entity.Caption, Schema: l.SchemaLabel(h.Entity.Schema), URL: "/entity/" + url.PathEscape(h.Entity.ID)})
		}
	}
	w.Header().Set("Cache-Control", "private, no-store")
	writeJSON(w, http.StatusOK, map[string]any{"suggestions": out})
}

// changeRow is one change as history shows it.
type changeRow struct {
	Change *docket.Change
	Entity *docket.Entity // the entity it concerns, if the viewer may see it
	What   string         // the verb, as a catalog key
	Detail string
	Fact   *fact
	Old    *fact  // the value a correction replaced
	Facts  int    // facts added with it, when the dashboard folds them into one row
	Author string // empty for the public: staff names are not published
}

func (b *builder) changeRows(chs []*docket.Change) []changeRow {
	var out []changeRow
	for _, c := range chs {
		row := changeRow{Change: c, What: "change." + c.Kind, Author: b.author(c.Author)}
		if c.Entity != "" {
			row.Entity = b.entity(c.Entity)
		}
		rec := c.Record
		switch c.Kind {
		case docket.KindEntity:
			row.Detail = b.l.SchemaLabel(rec.Entity.Schema)
		case docket.KindStatement:
			if row.Entity != nil {
				f := b.fact(row.Entity, rec.Statement)
				row.Fact = &f
				if rec.Statement.Supersedes != "" {
					row.What = "change.correction"
					row.Old = b.statementFact(row.Entity, rec.Statement.Supersedes)
				}
			}
		case docket.KindRetraction:
			row.Detail = rec.Retraction.Reason
			if row.Entity != nil {
				row.Fact = b.statementFact(row.Entity, rec.Retraction.Statement)
			}
		case docket.KindStatus:
			row.Detail = b.l.StatusLabel(rec.Status.Status)
			if rec.Status.Note != "" {
				row.Detail += ": " + rec.Status.Note
			}
		case docket.KindSource:
			row.Detail = rec.Source.Caption()
		case docket.KindMerge:
			row.Detail = rec.Merge.Reason
		case docket.KindUnmerge:
			row.Detail = rec.Unmerge.Reason
		}
		out = append(out, row)
	}
	return out
}

// statementFact is the fact of a statement of e, retracted or not, as the viewer may see it;
// nil when they may not, so history shows what a correction replaced or a retraction withdrew
// only to those who could read it.
func (b *builder) statementFact(e *docket.Entity, id string) *fact {
	st, err := b.s.Store.FindStatementByID(b.ctx, b.v, id)
	if err != nil {
		return nil
	}
	f := b.fact(e, st)
	return &f
}

// recentRows folds the facts added to one entity at once by one author into the change that
// created the entity, or into one change, so that the dashboard shows what happened, not every
// statement of it, and makes the rows of at most n such groups: only those, as a row reads its
// entity.
func (b *builder) recentRows(chs []*docket.Change, n int) []changeRow {
	adds := func(c *docket.Change) bool { return c.Kind == docket.KindStatement || c.Kind == docket.KindEntity }
	type group struct {
		c     *docket.Change // the change that names the row
		facts int
	}
	var gs []group
	for _, c := range chs {
		if k := len(gs) - 1; k >= 0 && c.Entity != "" && gs[k].c.Entity == c.Entity && gs[k].c.Author == c.Author &&
			gs[k].c.At.Sub(c.At).Abs() < time.Minute && adds(c) && adds(gs[k].c) {
			// Newest first: the entity's creation comes last and names the row.
			if c.Kind == docket.KindEntity {
				gs[k].c = c
			} else {
				gs[k].facts++ // the record's creation is not one of its facts
			}
			continue
		}
		if len(gs) == n {
			break
		}
		g := group{c: c}
		if c.Kind == docket.KindStatement {
			g.facts = 1
		}
		gs = append(gs, g)
	}
	heads := make([]*docket.Change, len(gs))
	for i, g := range gs {
		heads[i] = g.c
	}
	rows := b.changeRows(heads)
	for i := range rows {
		if gs[i].facts > 1 || gs[i].c.Kind == docket.KindEntity && gs[i].facts > 0 {
			rows[i].Fact, rows[i].Facts = nil, gs[i].facts
		}
	}
	return rows
}

// historyPage is the data of the history pages: of the whole registry or of one entity.
type historyPage struct {
	layout
	Entity    *docket.Entity
	Changes   []changeRow
	Footnotes []footnote // the sources the changes' footnotes number
	Next      string
	Prev      string
}

const historyPageSize = 50

func (s *Server) handleHistoryPage(w http.ResponseWriter, r *http.Request) {
	p := historyPage{layout: s.layout(w, r, "history.title")}
	p.Nav = "history"
	s.history(w, r, &p, nil, "/history?")
}

func (s *Server) handleEntityHistory(w http.ResponseWriter, r *http.Request) {
	e, err := s.Store.FindEntityByID(r.Context(), viewer(r), r.PathValue("id"))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := historyPage{layout: s.layout(w, r, ""), Entity: e}
	s.newBuilder(r, &p.layout).adopt(e)
	p.Title = p.T("history.titleOf", e.Caption)
	s.history(w, r, &p, &e.ID, "/entity/"+url.PathEscape(e.ID)+"/history?")
}

func (s *Server) history(w http.ResponseWriter, r *http.Request, p *historyPage, entity *string, base string) {
	off, _ := strconv.Atoi(r.URL.Query().Get("offset"))
	off = max(off, 0)
	chs, err := s.Store.FindChanges(r.Context(), viewer(r), docket.ChangeFilter{Entity: entity, Newest: true, Offset: off, Limit: historyPageSize + 1})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if len(chs) > historyPageSize {
		chs = chs[:historyPageSize]
		p.Next = base + "offset=" + strconv.Itoa(off+historyPageSize)
	}
	if off > 0 {
		p.Prev = base + "offset=" + strconv.Itoa(max(off-historyPageSize, 0))
	}
	b := s.newBuilder(r, &p.layout)
	if p.Entity != nil {
		b.adopt(p.Entity)
	}
	p.Changes = b.changeRows(chs)
	p.Footnotes = b.foot
	s.render(w, r, http.StatusOK, "history.html", p)
}

// draftRow is a draft statement waiting for review.
type draftRow struct {
	Entity *docket.Entity
	Fact   fact
	Author string
	Source *docket.Source
}

// drafts returns the oldest drafts the viewer may see, and how many there are.
func (s *Server) drafts(r *http.Request, b *builder, n int) ([]draftRow, int, error) {
	st := docket.Draft
	ss, total, err := s.Store.FindStatements(r.Context(), viewer(r), docket.StatementFilter{Status: &st, Limit: n})
	if err != nil {
		return nil, 0, err
	}
	var out []draftRow
	for _, x := range ss {
		e := b.entity(x.Entity)
		if e == nil {
			continue
		}
		row := draftRow{Entity: e, Fact: b.fact(e, x), Author: b.author(x.Author)}
		if x.Source != "" {
			row.Source, _ = s.Store.FindSourceByID(r.Context(), viewer(r), x.Source)
		}
		out = append(out, row)
	}
	return out, total, nil
}
