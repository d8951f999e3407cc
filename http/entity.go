package http

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/locale"
)

// Entity pages. Everything on them is read through the store as the request's viewer: an
// entity, a reference or a source the viewer may not see is absent, not blanked out.

// fact is one statement as a page shows it.
type fact struct {
	ID          string
	Prop        string // the property's name
	Value       string // what to show
	Link        string // a page of this site, or the URL of a url value
	External    bool
	Lang        string
	Note        int    // footnote number; 0 when unsourced
	Cite        string // locator and quote, shown with the footnote mark
	Status      docket.Status
	Sensitivity docket.Sensitivity
}

// Flagged reports whether the fact needs a mark: not reviewed, or not public.
func (f fact) Draft() bool { return f.Status == docket.Draft }

// footnote is one source of a page, numbered in the order the page first cites it.
type footnote struct {
	N      int
	ID     string
	Source *docket.Source // nil when withheld from this viewer
	Cited  *docket.Source // the source whose footnote cites this one, if the viewer may see it
}

// builder reads what a page needs, caching entities and numbering sources.
type builder struct {
	s     *Server
	ctx   context.Context
	v     docket.Viewer
	l     *layout
	ents  map[string]*docket.Entity // nil: not visible
	notes map[string]int
	foot  []footnote
	names map[string]*docket.Author // authors by id, read once a page (see author)
}

func (s *Server) newBuilder(r *http.Request, l *layout) *builder {
	return s.builderFor(r.Context(), viewer(r), l)
}

// builderFor is newBuilder outside a request: for work kept for many (see registryCache).
func (s *Server) builderFor(ctx context.Context, v docket.Viewer, l *layout) *builder {
	return &builder{s: s, ctx: ctx, v: v, l: l, ents: map[string]*docket.Entity{}, notes: map[string]int{}}
}

// author returns the name of the author a record names, for staff; "" for the public, who are
// told no staff names. Records made before authors were ids carry the name itself.
func (b *builder) author(id string) string {
	if !b.v.SeesDrafts() || id == "" {
		return ""
	}
	if !docket.IsAuthorID(id) {
		return id
	}
	if b.names == nil {
		// The table is a row an account, token or operator: one read serves the page.
		var err error
		if b.names, err = b.s.Store.FindAuthors(b.ctx, b.v, nil); err != nil {
			b.s.Logger.Warn("reading authors", "err", err)
			b.names = map[string]*docket.Author{}
		}
	}
	if a := b.names[id]; a != nil {
		return a.Name
	}
	return id
}

// entity returns the entity with its statements, or nil when the viewer may not see it.
func (b *builder) entity(id string) *docket.Entity {
	if e, ok := b.ents[id]; ok {
		return e
	}
	e, err := b.s.Store.FindEntityByID(b.ctx, b.v, id)
	if err != nil {
		e = nil
	}
	b.ents[id] = e
	b.adopt(e)
	return e
}

// adopt keeps an entity read elsewhere for the page, and names it in the page's language
// (see locale.Namer): every caption a page shows is made by it.
func (b *builder) adopt(e *docket.Entity) {
	if e == nil {
		return
	}
	b.ents[e.ID] = e
	e.Caption, e.CaptionDraft = b.namer().Caption(e)
}

// namer names records in the page's language from what the viewer may see.
func (b *builder) namer() locale.Namer {
	return locale.Namer{P: b.l.printer(), Lookup: b.entity}
}

// maxReferrers is how many of the records that refer to an entity its page reads: those that
// referred to it most recently.
// A court or a judge is named by thousands of records; the page says so and links to all of
// them, a page at a time (handleReferrersPage). Each record shown brings the records it names
// (its case, court, defendants): at ten million statements a judge's page with a hundred took
// 45 ms alone, most of it reading them.
const maxReferrers = 50

// referrers returns the records (at most maxReferrers) that referred to id most recently, with
// their statements, read at once, oldest first; and whether there are more. They are not
// counted: counting what refers to a hub reads all of it, and the page is read by everyone.
func (b *builder) referrers(id string) (out []*docket.Entity, more bool, err error) {
	refs, _, err := b.s.Store.FindEntities(b.ctx, b.v, docket.EntityFilter{RefersTo: &id, Newest: true, Limit: maxReferrers + 1, SkipCount: true, WithStatements: true})
	if err != nil {
		return nil, false, err
	}
	if more = len(refs) > maxReferrers; more {
		refs = refs[:maxReferrers]
	}
	slices.Reverse(refs)
	out = make([]*docket.Entity, 0, len(refs))
	for _, r := range refs {
		if e, ok := b.ents[r.ID]; ok && e != nil {
			r = e // read already: the page shows one copy
		} else {
			b.adopt(r) // named in the page's language
		}
		out = append(out, r)
	}
	return out, more, nil
}

// prefetch reads at once the entities that ents name (cases, courts, judges, defendants), which
// the page then reads one by one through entity.
func (b *builder) prefetch(ents []*docket.Entity) {
	var ids []string
	seen := map[string]bool{}
	for _, e := range ents {
		schema, err := docket.SchemaByName(e.Schema)
		if err != nil {
			continue
		}
		for _, st := range e.Statements {
			if p := schema.Property(st.Property); p != nil && p.Type == docket.TypeRef && st.Current() && !seen[st.Value] {
				if _, ok := b.ents[st.Value]; !ok {
					seen[st.Value] = true
					ids = append(ids, st.Value)
				}
			}
		}
	}
	for len(ids) > 0 {
		k := min(len(ids), docket.MaxIn)
		found, _, err := b.s.Store.FindEntities(b.ctx, b.v, docket.EntityFilter{IDs: ids[:k], Limit: docket.MaxIn, SkipCount: true, WithStatements: true})
		if err != nil {
			return // entity reads them one by one, and says why if it cannot
		}
		for _, e := range found {
			b.ents[e.ID] = e
		}
		for _, e := range found {
			b.adopt(e) // named in the page's language, once all are at hand
		}
		ids = ids[k:]
	}
}

// cite numbers a source.
func (b *builder) cite(id string) int {
	if id == "" {
		return 0
	}
	if n, ok := b.notes[id]; ok {
		return n
	}
	n := len(b.notes) + 1
	b.notes[id] = n
	fn := footnote{N: n, ID: id}
	if src, err := b.s.Store.FindSourceByID(b.ctx, b.v, id); err == nil {
		fn.Source = src
		if src.CitedIn != "" {
			fn.Cited, _ = b.s.Store.FindSourceByID(b.ctx, b.v, src.CitedIn)
		}
	}
	b.foot = append(b.foot, fn)
	return n
}

// fact makes a statement into a fact of the page.
func (b *builder) fact(e *docket.Entity, st *docket.Statement) fact {
	f := fact{ID: st.ID, Prop: st.Property, Value: st.Value, Lang: st.Lang, Status: st.Status, Sensitivity: st.Sensitivity}
	schema, _ := docket.SchemaByName(e.Schema)
	var p *docket.Property
	if schema != nil {
		p = schema.Property(st.Property)
	}
	if st.Locked && (p == nil || p.Type != docket.TypeRef) {
		// Sealed, and the server has not the key: withheld, and said so, never shown as empty.
		f.Value, f.Lang = b.l.T("fact.locked"), ""
		return f
	}
	if p != nil {
		if p.Type != docket.TypeString && p.Type != docket.TypeText {
			f.Lang = "" // a name, a date or a term: shown the same whatever language it was recorded in
		}
		switch p.Type {
		case docket.TypeRef:
			f.Value, f.Link = st.Value, ""
			if t := b.entity(st.Value); t != nil {
				f.Value, f.Link = t.Caption, "/entity/"+t.ID
			}
			f.Lang = ""
		case docket.TypeEnum:
			f.Value = b.l.Term(p.Vocab, st.Value)
		case docket.TypeDate:
			f.Value = b.l.Date(st.Value)
		case docket.TypeCountry:
			f.Value = b.l.Country(st.Value)
		case docket.TypePenalty:
			f.Value = b.l.printer().Penalty(st.Value)
		case docket.TypeDuration:
			if d, err := docket.ParseDuration(st.Value); err == nil {
				f.Value = b.l.printer().Duration(d)
			}
		case docket.TypeCode:
			f.Value = b.l.printer().Code(st.Value)
		case docket.TypeURL:
			f.Link, f.External = st.Value, true
		}
	}
	if st.Source != "" {
		f.Note = b.cite(st.Source)
		var cite []string
		if st.Locator != "" {
			cite = append(cite, st.Locator)
		}
		if st.Quote != "" {
			cite = append(cite, "“"+st.Quote+"”")
		}
		f.Cite = strings.Join(cite, ": ")
	}
	return f
}

// facts returns the entity's facts of the named properties, in the order named, or all of them
// in schema order when none is named.
func (b *builder) facts(e *docket.Entity, props ...string) []fact {
	if len(props) == 0 {
		if schema, err := docket.SchemaByName(e.Schema); err == nil {
			props = schema.PropertyNames()
		}
	}
	var out []fact
	for _, p := range props {
		for _, st := range e.Statements {
			if st.Property == p && st.Current() {
				out = append(out, b.fact(e, st))
			}
		}
	}
	return out
}

// nameForm is one of an entity's names, with its script.
type nameForm struct {
	ID, Value, Prop, Lang, Script string
	Note                          int
	Cite                          string
	Draft                         bool
}

func script(s string) string {
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Cyrillic, r):
			return "cyrillic"
		case unicode.Is(unicode.Arabic, r):
			return "arabic"
		case unicode.Is(unicode.Georgian, r):
			return "georgian"
		case unicode.Is(unicode.Armenian, r):
			return "armenian"
		}
	}
	return "latin"
}

// entityPage is the data of an entity's page.
type entityPage struct {
	layout
	Entity  *docket.Entity
	Names   []nameForm
	Scripts bool // the names are in more than one script
	// CaptionIsName says that the heading is one of the names recorded; else it is made of the
	// record's facts, in the page's language, and the names are listed under it.
	CaptionIsName bool
	Facts         []fact
	Roles         []caseRoles // a person's roles, by case
	Positions     []position  // posts held, of a person or at an organisation
	Charges       []timelineItem
	Timeline      []timelineItem // a case's proceedings and events; an event's chain
	Related       []relatedGroup
	Footnotes     []footnote
	Brief         string // the published brief of a case
	MoreReferrers bool   // more records refer to it than the page shows
}

// Shown is how many of the records that refer to it the page shows at most.
func (p *entityPage) Shown() int { return maxReferrers }

// caseRoles are the roles a person has in one case.
type caseRoles struct {
	Case  *docket.Entity // nil: events in no recorded case
	Items []roleItem
}

type roleItem struct {
	Role   string // a property's name: judge, defendant, victim...
	Via    *docket.Entity
	Date   string
	Detail string
}

// position is a post held over an interval.
type position struct {
	Entity       *docket.Entity
	Post, Holder string
	HolderLink   string
	Org, OrgLink string
	Start, End   string
	StartNote    int
	EndNote      int
	Facts        []fact
}

// timelineItem is a proceeding or an event on a timeline.
type timelineItem struct {
	Entity   *docket.Entity
	Date     string // as shown
	DateNote int    // the footnote of the date's source
	DateCite string
	Kind     string // a stage or event type, in words
	Facts    []fact
	Links    []chainLink
	Current  bool // the entity whose page this is
	sortKey  string
	derived  bool
	order    int
}

// chainLink is a link of a chain of events: "followed", "in retaliation for".
type chainLink struct {
	Prop   string
	Target *docket.Entity
	Anchor bool // the target is on the same timeline
}

// relatedGroup is the entities that refer to this one through one property.
type relatedGroup struct {
	Schema, Prop string
	Items        []relatedItem
}

type relatedItem struct {
	Entity *docket.Entity
	Date   string
	Kind   string
}

func (s *Server) handleEntityPage(w http.ResponseWriter, r *http.Request) {
	e, err := s.Store.FindEntityByID(r.Context(), viewer(r), r.PathValue("id"))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if e.ID != r.PathValue("id") {
		// A merged id reads as the entity it was merged into: one address per entity.
		http.Redirect(w, r, "/entity/"+e.ID, http.StatusMovedPermanently)
		return
	}
	p := entityPage{layout: s.layout(w, r, ""), Entity: e}
	b := s.newBuilder(r, &p.layout)
	b.adopt(e)
	p.Title = e.Caption
	for _, st := range e.Statements {
		if (st.Property == "name" || st.Property == "alias") && st.Current() {
			f := b.fact(e, st)
			value := st.Value
			if st.Locked {
				value = f.Value // said to be locked
			}
			p.Names = append(p.Names, nameForm{ID: st.ID, Value: value, Prop: st.Property, Lang: st.Lang, Script: script(st.Value), Note: f.Note, Cite: f.Cite,
				Draft: st.Status == docket.Draft})
			if st.Value == e.Caption {
				p.CaptionIsName = true
			}
		}
	}
	for _, n := range p.Names {
		if n.Script != p.Names[0].Script {
			p.Scripts = true
		}
	}
	var props []string
	if schema, err := docket.SchemaByName(e.Schema); err == nil {
		for _, name := range schema.PropertyNames() {
			if name != "name" && name != "alias" {
				props = append(props, name)
			}
		}
	}
	p.Facts = b.facts(e, props...)
	refs, more, err := b.referrers(e.ID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.MoreReferrers = more
	b.prefetch(append(refs, e))
	used := map[string]bool{}
	switch e.Schema {
	case "Person":
		p.Roles = b.personRoles(e, refs, used)
		p.Positions = b.positions(e.ID, refs, "holder", used)
	case "Organization":
		p.Positions = b.positions(e.ID, refs, "organization", used)
	case "Case":
		p.Charges, p.Timeline = b.caseTimeline(e, refs, used)
		p.Brief = "/cases/" + e.ID + "/brief"
	case "Event", "Proceeding":
		p.Timeline = b.chain(e)
	}
	p.Related = b.related(e, refs, used)
	p.Footnotes = b.foot
	s.render(w, r, http.StatusOK, "entity.html", &p)
}

// refProps returns the properties of x that name id.
func refProps(x *docket.Entity, id string) []string {
	var out []string
	for _, st := range x.Statements {
		if st.Current() && st.Value == id && !slices.Contains(out, st.Property) {
			if schema, err := docket.SchemaByName(x.Schema); err == nil {
				if p := schema.Property(st.Property); p != nil && p.Type == docket.TypeRef {
					out = append(out, st.Property)
				}
			}
		}
	}
	return out
}

// dateOf is an entity's date: of a ruling or an event, else of its start.
func dateOf(x *docket.Entity) string {
	for _, p := range []string{"date", "startDate"} {
		if v := x.First(p); v != "" {
			return v
		}
	}
	return ""
}

// kindOf is what an entity is, in words: a proceeding's stage, an event's type.
func (b *builder) kindOf(x *docket.Entity) string {
	switch x.Schema {
	case "Proceeding":
		if v := x.First("stage"); v != "" {
			return b.l.Term("stage", v)
		}
	case "Event":
		if v := x.First("type"); v != "" {
			return b.l.Term("event-type", v)
		}
	case "Position":
		if v := x.First("post"); v != "" {
			return b.l.Term("post", v)
		}
	case "Charge":
		if v := x.First("article"); v != "" {
			return b.l.T("charge.article", v)
		}
	}
	return b.l.SchemaLabel(x.Schema)
}

// personRoles lists every role the person has in every case: defendant, judge, prosecutor,
// lawyer, victim, witness...
func (b *builder) personRoles(person *docket.Entity, refs []*docket.Entity, used map[string]bool) []caseRoles {
	byCase := map[string]*caseRoles{}
	var order []string
	add := func(caseID string, it roleItem) {
		c, ok := byCase[caseID]
		if !ok {
			c = &caseRoles{}
			if caseID != "" {
				c.Case = b.entity(caseID)
			}
			byCase[caseID] = c
			order = append(order, caseID)
		}
		c.Items = append(c.Items, it)
	}
	for _, x := range refs {
		props := refProps(x, person.ID)
		switch x.Schema {
		case "Case":
			for _, p := range props {
				add(x.ID, roleItem{Role: p, Via: x})
			}
			used[x.ID] = true
		case "Proceeding", "Event", "Charge":
			caseID := x.First("case")
			if caseID != "" && b.entity(caseID) == nil {
				caseID = ""
			}
			for _, p := range props {
				if p == "follows" || p == "causedBy" || p == "retaliationFor" {
					continue
				}
				detail := b.kindOf(x)
				if o := x.First("outcome"); o != "" {
					detail += ", " + b.l.Term("outcome", o)
				}
				add(caseID, roleItem{Role: p, Via: x, Date: dateOf(x), Detail: detail})
			}
			used[x.ID] = true
		}
	}
	var out []caseRoles
	for _, id := range order {
		c := byCase[id]
		sort.SliceStable(c.Items, func(i, j int) bool { return sortDate(c.Items[i].Date) < sortDate(c.Items[j].Date) })
		if id != "" {
			out = append(out, *c)
		}
	}
	if c, ok := byCase[""]; ok {
		out = append(out, *c)
	}
	return out
}

// positions lists the posts held by a person or at an organisation, the latest first.
func (b *builder) positions(id string, refs []*docket.Entity, prop string, used map[string]bool) []position {
	var out []position
	for _, x := range refs {
		if x.Schema != "Position" || !slices.Contains(refProps(x, id), prop) {
			continue
		}
		pos := position{Entity: x, Start: x.First("startDate"), End: x.First("endDate")}
		if v := x.First("post"); v != "" {
			pos.Post = b.l.Term("post", v)
		} else {
			pos.Post = x.Caption
		}
		if h := b.entity(x.First("holder")); h != nil {
			pos.Holder, pos.HolderLink = h.Caption, "/entity/"+h.ID
		}
		if o := b.entity(x.First("organization")); o != nil {
			pos.Org, pos.OrgLink = o.Caption, "/entity/"+o.ID
		}
		for _, f := range b.facts(x, "startDate", "endDate") {
			if f.Prop == "startDate" {
				pos.StartNote = f.Note
			} else {
				pos.EndNote = f.Note
			}
		}
		pos.Facts = b.facts(x, "endReason")
		used[x.ID] = true
		out = append(out, pos)
	}
	sort.SliceStable(out, func(i, j int) bool {
		return sortDate(out[i].Start+out[i].End) > sortDate(out[j].Start+out[j].End)
	})
	return out
}

// sortDate makes a registry date sortable as text: approximate dates by their value, days
// without a year last.
func sortDate(d string) string {
	d = strings.TrimPrefix(d, "~")
	if d == "" || strings.HasPrefix(d, "--") {
		return "9999" + d
	}
	return d
}

var linkProps = []string{"follows", "causedBy", "retaliationFor"}

// timelineItem makes a proceeding or event into an item of a timeline.
func (b *builder) timelineItem(x *docket.Entity) timelineItem {
	it := timelineItem{Entity: x, Kind: b.kindOf(x), sortKey: sortDate(dateOf(x))}
	if d := dateOf(x); d != "" {
		it.Date = b.l.Date(d)
	}
	var props []string
	switch x.Schema {
	case "Proceeding":
		props = []string{"court", "judge", "prosecutor", "lawyer", "defendant", "charge", "demand", "outcome", "sentence", "date", "description"}
	case "Event":
		props = []string{"date", "place", "victim", "perpetrator", "witness", "observer", "participant", "description"}
	case "Charge":
		props = []string{"defendant", "code", "article", "part", "wording"}
	}
	it.Facts = b.facts(x, props...)
	for _, p := range linkProps {
		seen := map[string]bool{}
		for _, id := range x.Values(p) {
			if t := b.entity(id); t != nil && !seen[id] {
				seen[id] = true
				it.Links = append(it.Links, chainLink{Prop: p, Target: t})
			}
		}
	}
	// The date stands beside the item, with the footnote of its source.
	for i, f := range it.Facts {
		if f.Prop == "date" || (f.Prop == "startDate" && dateOf(x) == x.First("startDate")) {
			it.DateNote, it.DateCite = f.Note, f.Cite
			it.Facts = append(it.Facts[:i:i], it.Facts[i+1:]...)
			break
		}
	}
	return it
}

// caseTimeline returns a case's charges and its timeline: its proceedings and events, and
// every event linked to them by follows, causedBy or retaliationFor, in the order of their
// dates; an undated event comes after the one it follows.
func (b *builder) caseTimeline(c *docket.Entity, refs []*docket.Entity, used map[string]bool) (charges, timeline []timelineItem) {
	var seeds []*docket.Entity
	for _, x := range refs {
		switch x.Schema {
		case "Charge":
			charges = append(charges, b.timelineItem(x))
			used[x.ID] = true
		case "Proceeding", "Event":
			seeds = append(seeds, x)
		}
	}
	linked := b.linked(seeds, false)
	for _, x := range linked {
		used[x.ID] = true
	}
	return charges, b.order(linked, "")
}

// chain returns the chain of events an event or proceeding is part of.
func (b *builder) chain(e *docket.Entity) []timelineItem {
	items := b.linked([]*docket.Entity{e}, true)
	if len(items) < 2 {
		return nil
	}
	return b.order(items, e.ID)
}

// linked returns the seeds and every event that follows from them through link properties,
// and with back also what they follow from, up to a bound.
func (b *builder) linked(seeds []*docket.Entity, back bool) []*docket.Entity {
	const maxItems = 200
	seen := map[string]bool{}
	var out, queue []*docket.Entity
	for _, x := range seeds {
		if !seen[x.ID] {
			seen[x.ID] = true
			queue = append(queue, x)
		}
	}
	for len(queue) > 0 && len(out) < maxItems {
		x := queue[0]
		queue = queue[1:]
		out = append(out, x)
		next, _, _ := b.referrers(x.ID)
		if back {
			for _, p := range linkProps {
				for _, id := range x.Values(p) {
					if t := b.entity(id); t != nil {
						next = append(next, t)
					}
				}
			}
		}
		for _, y := range next {
			if seen[y.ID] || (y.Schema != "Event" && y.Schema != "Proceeding") {
				continue
			}
			linkedTo := false
			for _, p := range linkProps {
				if slices.Contains(y.Values(p), x.ID) || slices.Contains(x.Values(p), y.ID) {
					linkedTo = true
				}
			}
			if linkedTo {
				seen[y.ID] = true
				queue = append(queue, y)
			}
		}
	}
	return out
}

// order makes timeline items of entities, sorted by date; an undated item takes the date of
// what it follows and comes after it.
func (b *builder) order(ents []*docket.Entity, current string) []timelineItem {
	items := make([]timelineItem, len(ents))
	index := map[string]int{}
	for i, x := range ents {
		items[i] = b.timelineItem(x)
		items[i].order = i
		items[i].Current = x.ID == current
		index[x.ID] = i
	}
	for range len(items) {
		for i := range items {
			if !strings.HasPrefix(items[i].sortKey, "9999") {
				continue
			}
			for _, l := range items[i].Links {
				if j, ok := index[l.Target.ID]; ok && !strings.HasPrefix(items[j].sortKey, "9999") {
					items[i].sortKey, items[i].derived = items[j].sortKey+"~", true
				}
			}
		}
	}
	for i := range items {
		for k := range items[i].Links {
			_, items[i].Links[k].Anchor = index[items[i].Links[k].Target.ID]
		}
	}
	sort.SliceStable(items, func(i, j int) bool {
		if items[i].sortKey != items[j].sortKey {
			return items[i].sortKey < items[j].sortKey
		}
		// On one day, a ruling before what followed it.
		ri, rj := len(items[i].Links) == 0, len(items[j].Links) == 0
		if ri != rj {
			return ri
		}
		return items[i].order < items[j].order
	})
	return items
}

// related groups the entities that refer to e and no section above shows, by schema and
// property.
func (b *builder) related(e *docket.Entity, refs []*docket.Entity, used map[string]bool) []relatedGroup {
	var out []relatedGroup
	index := map[string]int{}
	for _, x := range refs {
		if used[x.ID] {
			continue
		}
		for _, p := range refProps(x, e.ID) {
			key := x.Schema + "." + p
			i, ok := index[key]
			if !ok {
				i = len(out)
				index[key] = i
				out = append(out, relatedGroup{Schema: x.Schema, Prop: p})
			}
			it := relatedItem{Entity: x, Kind: b.kindOf(x)}
			if d := dateOf(x); d != "" {
				it.Date = b.l.Date(d)
			}
			out[i].Items = append(out[i].Items, it)
		}
	}
	return out
}

// sourcePage is the data of a source's page.
type sourcePage struct {
	layout
	Source    *docket.Source
	Cited     *docket.Source
	Snapshots []*docket.Snapshot
	Facts     []sourceFact
	Total     int
	Evidence  sourceEvidence
}

type sourceFact struct {
	Entity *docket.Entity
	Fact   fact
}

func (s *Server) handleSourcePage(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), viewer(r)
	src, err := s.Store.FindSourceByID(ctx, v, r.PathValue("id"))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := sourcePage{layout: s.layout(w, r, ""), Source: src}
	p.Title = src.Caption()
	if src.CitedIn != "" {
		p.Cited, _ = s.Store.FindSourceByID(ctx, v, src.CitedIn)
	}
	p.Snapshots, _ = s.Store.FindSnapshots(ctx, v, src.ID)
	p.Evidence = s.sourceEvidence(r, src)
	ss, n, err := s.Store.FindStatements(ctx, v, docket.StatementFilter{Source: &src.ID, Limit: 200})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Total = n
	b := s.newBuilder(r, &p.layout)
	for _, st := range ss {
		e := b.entity(st.Entity)
		if e == nil {
			continue
		}
		f := b.fact(e, st)
		f.Note = 0
		p.Facts = append(p.Facts, sourceFact{Entity: e, Fact: f})
	}
	s.render(w, r, http.StatusOK, "source.html", &p)
}

// referrersPage lists every record that refers to an entity, a page at a time.
type referrersPage struct {
	layout
	Entity        *docket.Entity
	Items         []referrerRow
	Newest, Older string // links to the first page and to the next
}

type referrerRow struct {
	Entity *docket.Entity
	Kind   string
	Date   string
	Props  []string // how it refers: judge, court, victim…
}

// referrersPerPage is the length of a page of referrers.
const referrersPerPage = 100

// handleReferrersPage serves /entity/{id}/referrers?before=N: what refers to the entity, those
// that referred to it most recently first, a page at a time. Pages follow a cursor, not a
// number, so that the thousandth page of a hub court costs what the first does, and nothing is
// counted.
func (s *Server) handleReferrersPage(w http.ResponseWriter, r *http.Request) {
	e, err := s.Store.FindEntityByID(r.Context(), viewer(r), r.PathValue("id"))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	base := "/entity/" + url.PathEscape(e.ID) + "/referrers"
	if e.ID != r.PathValue("id") {
		http.Redirect(w, r, base, http.StatusMovedPermanently)
		return
	}
	before, err := cursor(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	refs, next, err := referrersBefore(r.Context(), s.Store, viewer(r), e.ID, before, referrersPerPage)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if before > 0 && len(refs) == 0 {
		s.Error(w, r, docket.Errorf(docket.ENOTFOUND, "before=%d: no record referred to it before that change", before))
		return
	}
	p := referrersPage{layout: s.layout(w, r, "referrers.titleOf", e.Caption), Entity: e}
	b := s.newBuilder(r, &p.layout)
	for _, x := range refs {
		row := referrerRow{Entity: x, Kind: b.kindOf(x), Props: refProps(x, e.ID)}
		if d := dateOf(x); d != "" {
			row.Date = p.Date(d)
		}
		p.Items = append(p.Items, row)
	}
	if before > 0 {
		p.Newest = base
	}
	if next > 0 {
		p.Older = base + "?before=" + strconv.FormatInt(next, 10)
	}
	s.render(w, r, http.StatusOK, "referrers.html", &p)
}

// cursor reads the request's "before": the change a page of referrers starts before.
func cursor(r *http.Request) (int64, error) {
	q := r.URL.Query().Get("before")
	if q == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(q, 10, 64)
	if err != nil || n < 1 {
		return 0, docket.Errorf(docket.EINVALID, "before=%q: want the number of a change, from 1", q)
	}
	return n, nil
}

// referrersBefore reads a page of what refers to id, whole, those that referred to it most
// recently first, starting before the change before (0: the first page), and the cursor of
// the next page (0: none).
func referrersBefore(ctx context.Context, st docket.EntityService, v docket.Viewer, id string, before int64, n int) ([]*docket.Entity, int64, error) {
	refs, _, err := st.FindEntities(ctx, v, docket.EntityFilter{RefersTo: &id, Newest: true, SkipCount: true,
		ReferredBefore: before, Limit: n + 1, WithStatements: true}) // one more: is there a next page?
	if err != nil || len(refs) <= n {
		return refs, 0, err
	}
	return refs[:n], refs[n-1].Referred, nil
}
