package http

import (
	"context"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/docketorg/docket"
)

// The review queue: open proposals grouped by the document they came from, a page of
// documents at a time, filtered by document, kind of record, property and author, with
// counts. Each group leads to the document's review page.

const queueGroupsPerPage = 20

// queueGroup is the open proposals of one source.
type queueGroup struct {
	Source   *docket.Source
	Document *docket.Document // nil for a source with no document (facts added by hand)
	Count    int
	Drafts   []draftRow // the first few
}

type queuePage struct {
	layout
	Groups               []queueGroup
	NGroups, Total       int
	Filter               docket.DraftFilter
	Schema, Prop, Author string
	Authors              []authorOption
	Schemas              []*docket.Schema
	Prev, Next           string
}

type authorOption struct{ ID, Name string }

// draftCounts is a page of the queue's groups and its totals.
type draftCounts struct {
	groups   []docket.DraftGroup
	n, total int
}

// draftGroups counts the open proposals v may see (Store.DraftGroups), kept while the change
// log does not move: counting a hundred thousand proposals takes over a tenth of a second, and a
// reviewer comes back to the queue between documents far more often than anything changes.
// The first thousand groups are kept as one result, so that paging through them counts once.
func (s *Server) draftGroups(ctx context.Context, v docket.Viewer, f docket.DraftFilter) (draftCounts, error) {
	head, err := s.Store.Head(ctx)
	if err != nil {
		return draftCounts{}, err
	}
	const kept = 1000 // the most a store returns at once
	page := f
	if f.Offset+f.Limit <= kept {
		f.Offset, f.Limit = 0, kept
	}
	str := func(p *string) string {
		if p == nil {
			return "\x00"
		}
		return *p
	}
	// What v sees of drafts depends on their class alone (viewerClass); the key holds every
	// field of the filter.
	class, _ := viewerClass(v)
	key := strings.Join([]string{class, str(f.Source), str(f.Schema), str(f.Property), str(f.Author),
		strconv.Itoa(f.Offset), strconv.Itoa(f.Limit)}, "\x00")
	c, err := s.queueCounts.get(ctx, head, key, func(ctx context.Context) (draftCounts, error) {
		gs, n, total, err := s.Store.DraftGroups(ctx, v, f)
		return draftCounts{gs, n, total}, err
	})
	if err != nil || f == page {
		return c, err
	}
	lo := min(page.Offset, len(c.groups))
	c.groups = c.groups[lo:min(lo+page.Limit, len(c.groups))]
	return c, nil
}

func (s *Server) handleReviewQueue(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), viewer(r)
	if v.Role == docket.Anonymous {
		s.redirectLogin(w, r)
		return
	}
	q := r.URL.Query()
	p := &queuePage{layout: s.layout(w, r, "review.title"), Schemas: docket.Schemas}
	p.Nav = "review"
	f := docket.DraftFilter{Limit: queueGroupsPerPage}
	set := func(key string) *string {
		if x := q.Get(key); x != "" {
			return &x
		}
		return nil
	}
	f.Source, f.Schema, f.Property, f.Author = set("source"), set("schema"), set("property"), set("author")
	p.Schema, p.Prop, p.Author = q.Get("schema"), q.Get("property"), q.Get("author")
	f.Offset, _ = strconv.Atoi(q.Get("offset"))
	f.Offset = max(f.Offset, 0)
	p.Filter = f
	counts, err := s.draftGroups(ctx, v, f)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	gs, n := counts.groups, counts.n
	p.NGroups, p.Total = n, counts.total
	b := s.newBuilder(r, &p.layout)
	draft := docket.Draft
	for _, g := range gs {
		src, err := s.Store.FindSourceByID(ctx, v, g.Source)
		if err != nil {
			continue
		}
		qg := queueGroup{Source: src, Count: g.Count}
		if ds, _, err := s.Store.FindDocuments(ctx, v, docket.DocumentFilter{Source: &src.ID, Limit: 1}); err == nil && len(ds) > 0 {
			qg.Document = ds[0]
		}
		ss, _, err := s.Store.FindStatements(ctx, v, docket.StatementFilter{Source: &src.ID, Status: &draft, Schema: f.Schema, Property: f.Property, Limit: 5, SkipCount: true})
		if err != nil {
			s.Error(w, r, err)
			return
		}
		for _, x := range ss {
			if f.Author != nil && x.Author != *f.Author {
				continue
			}
			if e := b.entity(x.Entity); e != nil {
				qg.Drafts = append(qg.Drafts, draftRow{Entity: e, Fact: b.fact(e, x), Author: b.author(x.Author), Source: src})
			}
		}
		p.Groups = append(p.Groups, qg)
	}
	if as, err := s.Store.FindAuthors(ctx, v, nil); err == nil {
		for id, a := range as {
			p.Authors = append(p.Authors, authorOption{id, a.Name})
		}
		sort.Slice(p.Authors, func(i, j int) bool { return p.Authors[i].Name < p.Authors[j].Name })
	}
	page := func(off int) string {
		u := url.Values{}
		for _, k := range []string{"source", "schema", "property", "author"} {
			if x := q.Get(k); x != "" {
				u.Set(k, x)
			}
		}
		u.Set("offset", strconv.Itoa(off))
		return "/review?" + u.Encode()
	}
	if f.Offset > 0 {
		p.Prev = page(max(f.Offset-queueGroupsPerPage, 0))
	}
	if f.Offset+queueGroupsPerPage < n {
		p.Next = page(f.Offset + queueGroupsPerPage)
	}
	s.render(w, r, http.StatusOK, "review.html", p)
}
