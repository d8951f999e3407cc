package http

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/docketorg/docket"
)

// Review beside the document: the text on one side, each proposal's words highlighted at its
// character offsets; the proposals on the other, grouped by the record they build, each with
// the sentence it rests on. A highlight links to its proposal and the proposal back to its
// words (anchors and :target, no script needed). Accept, reject or edit one proposal, all of
// one record's, or the whole document's; link a proposed person or organisation to a record
// that has its name in another spelling.

// proposal is one statement made from the document.
type proposal struct {
	St         *docket.Statement
	Fact       fact
	Start, End int // rune offsets into the text; -1 without
	Footnote   int
	Inferred   string
	Before     string // the sentence around the words
	Words      string
	After      string
	Open       bool // a current draft: to review
	Rejected   bool
}

// recordGroup is the proposals of one record.
type recordGroup struct {
	Entity     *docket.Entity
	New        bool // made from this document
	Proposals  []*proposal
	Open       int
	Candidates []candidate // records this one may be: for a new person or organisation
}

// candidate is an existing record a proposed one may be, with what tells them apart.
type candidate struct {
	Entity *docket.Entity
	Facts  []string
}

// textPart is a run of the document's text: plain, or the words of proposals.
type textPart struct {
	Text    string
	Marks   []string // the proposals resting on it; the first is linked
	Anchors []string // proposals whose words start here
	Open    bool     // one of them is open
}

type reviewDocPage struct {
	layout
	Doc    *docket.Document
	Source *docket.Source
	Parts  []textPart
	Groups []*recordGroup
	Open   int
	Total  int
}

var (
	charsRE    = regexp.MustCompile(`chars (\d+)-(\d+)`)
	footnoteRE = regexp.MustCompile(`footnote (\d+)`)
	inferredRE = regexp.MustCompile(`inferred: (.+)$`)
)

// parseLocator reads what ingest writes in a locator: offsets, footnote, why it was inferred.
func parseLocator(loc string) (start, end, fn int, inferred string) {
	start, end = -1, -1
	if m := charsRE.FindStringSubmatch(loc); m != nil {
		start, _ = strconv.Atoi(m[1])
		end, _ = strconv.Atoi(m[2])
	}
	if m := footnoteRE.FindStringSubmatch(loc); m != nil {
		fn, _ = strconv.Atoi(m[1])
	}
	if m := inferredRE.FindStringSubmatch(loc); m != nil {
		inferred = m[1]
	}
	return
}

// schemaOrder is the order records are reviewed in: the case, then what builds it.
var schemaOrder = []string{"Case", "Proceeding", "Person", "Organization", "Charge", "Event", "Position", "Statistic"}

// docProposals reads the statements made from a document, its own source's and those of the
// sources its footnotes cite.
func (s *Server) docProposals(r *http.Request, d *docket.Document) ([]*docket.Statement, error) {
	ctx, v := r.Context(), viewer(r)
	fns, _, err := s.Store.FindSources(ctx, v, docket.SourceFilter{CitedIn: &d.Source, Limit: 1000})
	if err != nil {
		return nil, err
	}
	var out []*docket.Statement
	for _, src := range append([]string{d.Source}, ids(fns)...) {
		for off := 0; ; off += 1000 {
			ss, _, err := s.Store.FindStatements(ctx, v, docket.StatementFilter{Source: &src, IncludeRetracted: true, SkipCount: true, Offset: off, Limit: 1000})
			if err != nil {
				return nil, err
			}
			out = append(out, ss...)
			if len(ss) < 1000 {
				break
			}
		}
	}
	return out, nil
}

func (s *Server) handleDocumentReview(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), viewer(r)
	if v.Role == docket.Anonymous {
		s.redirectLogin(w, r)
		return
	}
	d, err := s.Store.FindDocumentByID(ctx, v, r.PathValue("id"))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &reviewDocPage{layout: s.layout(w, r, ""), Doc: d}
	p.Nav = "review"
	if p.Source, err = s.Store.FindSourceByID(ctx, v, d.Source); err != nil {
		s.Error(w, r, err)
		return
	}
	p.Title = p.T("review.doc.title", p.Source.Caption())
	textB, err := s.Store.DocumentContent(ctx, v, d.ID, docket.DocumentText)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	text := []rune(string(textB))
	stmts, err := s.docProposals(r, d)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	b := s.newBuilder(r, &p.layout)
	groups := map[string]*recordGroup{}
	var all []*proposal
	for _, st := range stmts {
		if st.SupersededBy != "" {
			continue // corrected: its successor is a fact of the record, not a proposal
		}
		e := b.entity(st.Entity)
		if e == nil {
			continue
		}
		g := groups[e.ID]
		if g == nil {
			g = &recordGroup{Entity: e, New: e.CreatedAt.Equal(d.CreatedAt)}
			groups[e.ID] = g
		}
		pr := &proposal{St: st, Fact: b.fact(e, st), Open: st.Current() && st.Status == docket.Draft, Rejected: !st.Current()}
		pr.Fact.Note = 0
		pr.Start, pr.End, pr.Footnote, pr.Inferred = parseLocator(st.Locator)
		if pr.Start < 0 || pr.End > len(text) || pr.Start > pr.End {
			pr.Start, pr.End = -1, -1
		} else {
			pr.Before, pr.Words, pr.After = sentence(text, pr.Start, pr.End)
		}
		g.Proposals = append(g.Proposals, pr)
		if pr.Open {
			g.Open++
			p.Open++
		}
		p.Total++
		all = append(all, pr)
	}
	for _, g := range groups {
		sort.SliceStable(g.Proposals, func(i, j int) bool { return g.Proposals[i].Start < g.Proposals[j].Start })
		p.Groups = append(p.Groups, g)
	}
	rank := func(g *recordGroup) int {
		if i := slices.Index(schemaOrder, g.Entity.Schema); i >= 0 {
			return i
		}
		return len(schemaOrder)
	}
	first := func(g *recordGroup) int {
		for _, pr := range g.Proposals {
			if pr.Start >= 0 {
				return pr.Start
			}
		}
		return 1 << 30
	}
	sort.SliceStable(p.Groups, func(i, j int) bool {
		if a, b := rank(p.Groups[i]), rank(p.Groups[j]); a != b {
			return a < b
		}
		return first(p.Groups[i]) < first(p.Groups[j])
	})
	if v.CanEdit() {
		// The records this document made are no candidates for each other: known here, they
		// are skipped before being read (a document of 40 persons searched each other's names).
		own := map[string]bool{}
		for _, g := range p.Groups {
			if g.New {
				own[g.Entity.ID] = true
			}
		}
		for _, g := range p.Groups {
			if g.New && g.Open > 0 && slices.Contains(docket.NamedSchemas, g.Entity.Schema) {
				g.Candidates = s.candidates(r, g, d, own)
			}
		}
	}
	p.Parts = highlight(text, all)
	s.render(w, r, http.StatusOK, "document_review.html", p)
}

// sentence returns the words of a span and the sentence around them, at most 240 characters
// either side.
func sentence(text []rune, start, end int) (before, words, after string) {
	a := start
	for a > 0 && start-a < 240 {
		c := text[a-1]
		if c == '\n' && a >= 2 && text[a-2] == '\n' || (c == ' ' || c == '\n') && a >= 2 && strings.ContainsRune(".!?", text[a-2]) {
			break
		}
		a--
	}
	z := end
	for z < len(text) && z-end < 240 {
		c := text[z]
		z++
		if strings.ContainsRune(".!?", c) && (z == len(text) || text[z] == ' ' || text[z] == '\n') || c == '\n' && z < len(text) && text[z] == '\n' {
			break
		}
	}
	return string(text[a:start]), string(text[start:end]), string(text[end:z])
}

// highlight splits the text into runs at the edges of the proposals' words.
func highlight(text []rune, props []*proposal) []textPart {
	edges := map[int]bool{0: true, len(text): true}
	for _, pr := range props {
		if pr.Start >= 0 {
			edges[pr.Start], edges[pr.End] = true, true
		}
	}
	var cuts []int
	for e := range edges {
		cuts = append(cuts, e)
	}
	sort.Ints(cuts)
	// The open proposals come first, so a run's link goes to what is still to review.
	sorted := slices.Clone(props)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Open && !sorted[j].Open })
	var parts []textPart
	for i := 0; i+1 < len(cuts); i++ {
		a, z := cuts[i], cuts[i+1]
		part := textPart{Text: string(text[a:z])}
		for _, pr := range sorted {
			if pr.Start < 0 {
				continue
			}
			if pr.Start == a {
				part.Anchors = append(part.Anchors, pr.St.ID)
			}
			if pr.Start <= a && z <= pr.End && a < z {
				part.Marks = append(part.Marks, pr.St.ID)
				part.Open = part.Open || pr.Open
			}
		}
		parts = append(parts, part)
	}
	return parts
}

// candidates returns the records a proposed person or organisation may be: those with its
// name in another spelling or script, and, for a person, those of its surname. Only what the
// reviewer may see is searched.
func (s *Server) candidates(r *http.Request, g *recordGroup, d *docket.Document, own map[string]bool) []candidate {
	ctx, v := r.Context(), viewer(r)
	var names []string
	for _, pr := range g.Proposals {
		if pr.St.Property == "name" || pr.St.Property == "alias" {
			names = append(names, pr.St.Value)
		}
	}
	found, err := docket.NameMatches(ctx, s.Store, v, g.Entity.Schema, names...)
	if err != nil {
		return nil
	}
	if g.Entity.Schema == "Person" {
		for _, n := range names {
			fs := strings.Fields(n)
			if len(fs) == 0 {
				continue
			}
			hits, err := s.Store.Search(ctx, v, docket.SearchQuery{Q: fs[len(fs)-1], Schema: "Person", Limit: 10})
			if err != nil {
				continue
			}
			for _, h := range hits {
				found = append(found, h.Entity)
			}
		}
	}
	var out []candidate
	seen := map[string]bool{g.Entity.ID: true}
	for _, e := range found {
		if seen[e.ID] || own[e.ID] {
			continue
		}
		seen[e.ID] = true
		full, err := s.Store.FindEntityByID(ctx, v, e.ID)
		if err != nil || full.CreatedAt.Equal(d.CreatedAt) {
			continue // another proposal of this document
		}
		c := candidate{Entity: full}
		for _, prop := range []string{"name", "alias", "occupation", "birthDate", "kind", "city", "country"} {
			for _, val := range full.Values(prop) {
				if len(c.Facts) < 6 {
					c.Facts = append(c.Facts, val)
				}
			}
		}
		out = append(out, c)
		if len(out) == 8 {
			break
		}
	}
	return out
}

// handleBulkReview accepts or rejects proposals of a document: the ones ticked, all of one
// record's, or all of the document's. Each is its own review, with the reviewer and the
// reason.
func (s *Server) handleBulkReview(w http.ResponseWriter, r *http.Request) {
	if !s.mayWrite(w, r, docket.Editor) {
		return
	}
	ctx, v := r.Context(), viewer(r)
	d, err := s.Store.FindDocumentByID(ctx, v, r.PathValue("id"))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	action, reason := r.PostFormValue("action"), strings.TrimSpace(r.PostFormValue("reason"))
	if action != "accept" && action != "reject" {
		s.Error(w, r, docket.Errorf(docket.EINVALID, "action must be accept or reject"))
		return
	}
	if action == "reject" && reason == "" {
		s.Error(w, r, docket.Errorf(docket.EINVALID, "a rejection needs a reason"))
		return
	}
	stmts, err := s.docProposals(r, d)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	picked := map[string]bool{}
	for _, id := range r.PostForm["s"] {
		picked[id] = true
	}
	entity, all := r.PostFormValue("entity"), r.PostFormValue("all") != ""
	var todo []*docket.Statement
	for _, st := range stmts {
		if !st.Current() || st.Status != docket.Draft {
			continue
		}
		if all || picked[st.ID] || entity != "" && st.Entity == entity {
			todo = append(todo, st)
		}
	}
	if len(todo) == 0 {
		s.Error(w, r, docket.Errorf(docket.EINVALID, "no open proposal of this document was chosen"))
		return
	}
	note := reason
	if note == "" {
		note = "accepted in the review of document " + d.ID
	}
	for _, st := range todo {
		if action == "accept" {
			err = s.Store.SetStatus(ctx, v, st.ID, docket.Reported, note)
		} else {
			err = s.Store.RetractStatement(ctx, v, st.ID, reason)
		}
		if err != nil {
			s.Error(w, r, err)
			return
		}
	}
	back := "/documents/" + url.PathEscape(d.ID) + "/review"
	if entity != "" {
		back += "#rec-" + entity
	}
	http.Redirect(w, r, addFlash(back, map[string]string{"accept": "accepted", "reject": "rejected"}[action]), http.StatusSeeOther)
}

// handleLink links a proposed record to an existing one: the proposal is merged into it,
// with the reason, and can be unmerged.
func (s *Server) handleLink(w http.ResponseWriter, r *http.Request) {
	if !s.mayWrite(w, r, docket.Editor) {
		return
	}
	ctx, v := r.Context(), viewer(r)
	d, err := s.Store.FindDocumentByID(ctx, v, r.PathValue("id"))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	from, into := r.PostFormValue("from"), r.PostFormValue("into")
	e, err := s.Store.FindEntityByID(ctx, v, from)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if !e.CreatedAt.Equal(d.CreatedAt) || e.ID != from {
		s.Error(w, r, docket.Errorf(docket.EINVALID, "%s is not a record proposed from this document", from))
		return
	}
	reason := fmt.Sprintf("linked in the review of document %s", d.ID)
	if why := strings.TrimSpace(r.PostFormValue("reason")); why != "" {
		reason += ": " + why
	}
	if _, err := s.Store.MergeEntities(ctx, v, into, from, reason); err != nil {
		s.Error(w, r, err)
		return
	}
	http.Redirect(w, r, addFlash("/documents/"+url.PathEscape(d.ID)+"/review#rec-"+into, "linked"), http.StatusSeeOther)
}
