package http

import (
	"cmp"
	"context"
	"errors"
	"maps"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"

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

// queueMemo keeps the review queue's groups, every one of them, for each class of viewer and
// filter, as of a head of the change log. When the log has moved by a few changes, only the
// documents those changes concern are counted again: a reviewer's accepts and rejections touch
// one document at a time, and counting a hundred thousand proposals takes over a tenth of a
// second. Only changes of statements (new ones, reviews, retractions) move a draft in or out of
// a count: entities and sources never change what they are once written (merges join records
// but leave each draft with its own), so other changes need no count.
type queueMemo struct {
	mu   sync.Mutex
	kept map[string]*queueKept
}

type queueKept struct {
	head   int64
	groups map[string]docket.DraftGroup // by the document (root source)
}

const (
	maxKeptGroups  = 1000 // the most a store counts at once: past that, each page is counted
	maxPatchedMove = 2000 // changes the kept counts are brought up to date by (a document's proposals), past which all are counted again
	maxPatchReads  = 200  // reviews and retractions among them, each a read of its statement
)

// draftGroups returns a page of the open proposals v may see (Store.DraftGroups), from the
// counts kept for its class and filter (see queueMemo).
func (s *Server) draftGroups(ctx context.Context, v docket.Viewer, f docket.DraftFilter) (draftCounts, error) {
	head, err := s.Store.Head(ctx)
	if err != nil {
		return draftCounts{}, err
	}
	str := func(p *string) string {
		if p == nil {
			return "\x00"
		}
		return *p
	}
	// What v sees of drafts depends on its class alone (viewerClass); the key holds every
	// field of the filter but the page.
	class, _ := viewerClass(v)
	key := strings.Join([]string{class, str(f.Source), str(f.Schema), str(f.Property), str(f.Author)}, "\x00")
	m := &s.queueCounts
	m.mu.Lock()
	k := m.kept[key]
	m.mu.Unlock()
	var groups map[string]docket.DraftGroup
	switch {
	case k != nil && k.head == head:
		groups = k.groups
	case k != nil && head-k.head <= maxPatchedMove && f.Source == nil: // one document's count is quick
		if groups, err = s.patchDraftGroups(ctx, v, f, k, head); err != nil {
			return draftCounts{}, err
		}
	}
	if groups == nil {
		all := f
		all.Offset, all.Limit = 0, maxKeptGroups
		gs, n, _, err := s.Store.DraftGroups(ctx, v, all)
		if err != nil {
			return draftCounts{}, err
		}
		if n > len(gs) { // too many to keep: this page alone
			gs, n, total, err := s.Store.DraftGroups(ctx, v, f)
			return draftCounts{gs, n, total}, err
		}
		groups = make(map[string]docket.DraftGroup, len(gs))
		for _, g := range gs {
			groups[g.Source] = g
		}
	}
	m.mu.Lock()
	if m.kept == nil || len(m.kept) >= maxMemo {
		m.kept = map[string]*queueKept{}
	}
	if old := m.kept[key]; old == nil || old.head <= head {
		m.kept[key] = &queueKept{head: head, groups: groups}
	}
	m.mu.Unlock()

	c := draftCounts{n: len(groups)}
	all := make([]docket.DraftGroup, 0, len(groups))
	for _, g := range groups {
		all = append(all, g)
		c.total += g.Count
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Oldest < all[j].Oldest })
	lo := min(max(f.Offset, 0), len(all))
	c.groups = all[lo:min(lo+max(f.Limit, 1), len(all))]
	return c, nil
}

var errTooMany = errors.New("too many changes to patch")

// patchDraftGroups brings the counts kept at k.head up to head: the documents whose statements
// the changes between wrote, reviewed or retracted are counted again, each by itself, as v.
// Which documents they are is read as the operator, whoever asks (it is not shown, only v's
// counts of them): no change that moves a count is missed for being hidden from v.
func (s *Server) patchDraftGroups(ctx context.Context, v docket.Viewer, f docket.DraftFilter, k *queueKept, head int64) (map[string]docket.DraftGroup, error) {
	op := docket.Operator("review queue")
	chs, err := s.Store.FindChanges(ctx, op, docket.ChangeFilter{AfterSeq: k.head, Limit: maxPatchedMove + 1})
	if err != nil {
		return nil, err
	}
	if len(chs) > maxPatchedMove {
		return nil, nil
	}
	sources, reads := map[string]bool{}, 0
	touch := func(id string) error { // a statement the change names: its source
		if reads++; reads > maxPatchReads {
			return errTooMany
		}
		st, err := s.Store.FindStatementByID(ctx, op, id)
		if err != nil {
			return err
		}
		sources[st.Source] = true
		return nil
	}
	for _, c := range chs {
		var err error
		switch c.Kind {
		case docket.KindStatement: // a correction comes with the retraction of what it corrects
			sources[c.Record.Statement.Source] = true
		case docket.KindStatus:
			err = touch(c.Record.Status.Statement)
		case docket.KindRetraction:
			err = touch(c.Record.Retraction.Statement)
		}
		if errors.Is(err, errTooMany) {
			return nil, nil
		} else if err != nil {
			return nil, err
		}
	}
	delete(sources, "")
	roots := map[string]bool{}
	var ids []string
	for id := range sources {
		ids = append(ids, id)
	}
	for len(ids) > 0 {
		part := ids[:min(len(ids), docket.MaxIn)]
		ids = ids[len(part):]
		srcs, _, err := s.Store.FindSources(ctx, op, docket.SourceFilter{IDs: part, Limit: len(part), SkipCount: true})
		if err != nil {
			return nil, err
		}
		for _, src := range srcs {
			roots[cmp.Or(src.CitedIn, src.ID)] = true
		}
	}
	groups := maps.Clone(k.groups)
	for root := range roots {
		one := f
		one.Source, one.Offset, one.Limit = &root, 0, 2
		gs, _, _, err := s.Store.DraftGroups(ctx, v, one)
		if err != nil {
			return nil, err
		}
		delete(groups, root)
		for _, g := range gs {
			if g.Source != root {
				return nil, nil // a source cited by a footnote of another: counted whole
			}
			groups[root] = g
		}
	}
	return groups, nil
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
