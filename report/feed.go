package report

import (
	"context"
	"encoding/xml"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/docketorg/docket"
)

// FeedStore is what the feed needs of a store. Every docket.Store is one.
type FeedStore interface {
	FindChanges(ctx context.Context, v docket.Viewer, f docket.ChangeFilter) ([]*docket.Change, error)
	FindEntities(ctx context.Context, v docket.Viewer, f docket.EntityFilter) ([]*docket.Entity, int, error)
	FindEntityByID(ctx context.Context, v docket.Viewer, id string) (*docket.Entity, error)
	FindStatementByID(ctx context.Context, v docket.Viewer, id string) (*docket.Statement, error)
	FindSourceByID(ctx context.Context, v docket.Viewer, id string) (*docket.Source, error)
}

// FeedOptions select a feed.
type FeedOptions struct {
	Base  string // the site's absolute URL without a trailing slash, for links and ids
	Case  string // a case's id for its feed (the case and every entity that refers to it); "" for all
	Limit int    // entries, newest first; 0 for 50
}

// AtomFeed is an Atom 1.0 feed (RFC 4287).
type AtomFeed struct {
	XMLName   xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title     string      `xml:"title"`
	Subtitle  string      `xml:"subtitle,omitempty"`
	ID        string      `xml:"id"`
	Updated   string      `xml:"updated"`
	Links     []AtomLink  `xml:"link"`
	Author    AtomPerson  `xml:"author"`
	Generator string      `xml:"generator"`
	Entries   []AtomEntry `xml:"entry"`
}

// AtomLink is a link of a feed or entry.
type AtomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

// AtomPerson is the feed's author: the registry, never a member of its staff.
type AtomPerson struct {
	Name string `xml:"name"`
}

// AtomEntry is the published changes of one record.
type AtomEntry struct {
	Title      string         `xml:"title"`
	ID         string         `xml:"id"`
	Updated    string         `xml:"updated"`
	Links      []AtomLink     `xml:"link"`
	Categories []AtomCategory `xml:"category"`
	Summary    string         `xml:"summary"`
}

// AtomCategory says what kind of change an entry is.
type AtomCategory struct {
	Term string `xml:"term,attr"`
}

// feedKinds are the changes a feed publishes: statements, their retractions and reviews.
var feedKinds = map[string]bool{docket.KindStatement: true, docket.KindRetraction: true, docket.KindStatus: true}

// Feed returns the newest published changes, overall or of one case, as the anonymous viewer
// sees them: the store returns only changes to public, reviewed statements. Staff authors are
// never named: the feed's author is the registry.
func Feed(ctx context.Context, st FeedStore, o FeedOptions) (*AtomFeed, error) {
	v := docket.AnonymousViewer
	if o.Limit <= 0 {
		o.Limit = 50
	}
	f := &AtomFeed{Title: "Docket: published changes", ID: o.Base + "/feed.atom", Author: AtomPerson{Name: "Docket"}, Generator: "Docket",
		Links: []AtomLink{{Href: o.Base + "/feed.atom", Rel: "self", Type: "application/atom+xml"}, {Href: o.Base + "/", Rel: "alternate", Type: "text/html"}}}
	var chs []*docket.Change
	if o.Case != "" {
		c, err := st.FindEntityByID(ctx, v, o.Case)
		if err != nil {
			return nil, err
		}
		if c.Schema != "Case" {
			return nil, docket.Errorf(docket.ENOTFOUND, "no published case %q", o.Case)
		}
		self := o.Base + "/cases/" + c.ID + "/feed.atom"
		f.Title, f.ID = "Docket: "+c.Caption, self
		f.Links = []AtomLink{{Href: self, Rel: "self", Type: "application/atom+xml"}, {Href: o.Base + "/entity/" + c.ID, Rel: "alternate", Type: "text/html"}}
		ids := []string{c.ID}
		refs, _, err := st.FindEntities(ctx, v, docket.EntityFilter{RefersTo: &c.ID, Limit: PageSize})
		if err != nil {
			return nil, err
		}
		for _, r := range refs {
			ids = append(ids, r.ID)
		}
		seen := map[int64]bool{}
		for _, id := range ids {
			id := id
			cs, err := st.FindChanges(ctx, v, docket.ChangeFilter{Entity: &id})
			if err != nil {
				return nil, err
			}
			for _, ch := range cs {
				if feedKinds[ch.Kind] && !seen[ch.Seq] {
					seen[ch.Seq] = true
					chs = append(chs, ch)
				}
			}
		}
	} else {
		var err error
		if chs, err = newestChanges(ctx, st, v); err != nil {
			return nil, err
		}
	}
	sort.Slice(chs, func(i, j int) bool { return chs[i].Seq > chs[j].Seq })
	// One entry per changed record, its changes summarised in it: a record made with twelve
	// facts is one piece of news, not twelve.
	var order []string
	byRecord := map[string][]*docket.Change{}
	for _, ch := range chs {
		if _, ok := byRecord[ch.Entity]; !ok {
			if len(order) == o.Limit {
				continue
			}
			order = append(order, ch.Entity)
		}
		byRecord[ch.Entity] = append(byRecord[ch.Entity], ch)
	}
	e := &entryWriter{ctx: ctx, st: st, base: o.Base, captions: map[string]string{}}
	for _, id := range order {
		if en, ok := e.recordEntry(byRecord[id]); ok {
			f.Entries = append(f.Entries, en)
		}
	}
	f.Updated = time.Unix(0, 0).UTC().Format(time.RFC3339)
	if len(chs) > 0 {
		f.Updated = chs[0].At.UTC().Format(time.RFC3339)
	}
	return f, nil
}

// entryChanges is how many of a record's changes its entry summarises; it counts the rest.
const entryChanges = 20

// recordEntry is the entry of one record's changes, newest first: one change's entry as it is,
// several as one whose title counts them and whose summary says each.
func (e *entryWriter) recordEntry(chs []*docket.Change) (AtomEntry, bool) {
	var parts []AtomEntry
	for _, ch := range chs {
		if en, ok := e.entry(ch); ok {
			parts = append(parts, en)
		}
	}
	if len(parts) == 0 {
		return AtomEntry{}, false
	}
	en := parts[0]
	en.ID = en.Links[0].Href // the record's page: the entry is updated as the record changes
	if len(parts) == 1 {
		return en, true
	}
	en.Title = clip(e.caption(chs[0].Entity)+" — "+strconv.Itoa(len(parts))+" changes", 160)
	var sum []string
	kinds := map[string]bool{}
	en.Categories = nil
	for i, p := range parts {
		for _, c := range p.Categories {
			if !kinds[c.Term] {
				kinds[c.Term] = true
				en.Categories = append(en.Categories, c)
			}
		}
		if i < entryChanges {
			sum = append(sum, strconv.Itoa(i+1)+". "+p.Summary)
		}
	}
	if n := len(parts) - entryChanges; n > 0 {
		sum = append(sum, "And "+strconv.Itoa(n)+" more.")
	}
	en.Summary = strings.Join(sum, "\n")
	return en, true
}

// feedWindow is how many of the newest changes the registry's feed reads, whatever they are:
// a feed of the newest published changes among them costs the same in any store, however much
// of its log the public may not see.
const feedWindow = 10000

// newestChanges returns the published changes of the feed's kinds among the newest feedWindow
// changes of the log, newest first.
func newestChanges(ctx context.Context, st FeedStore, v docket.Viewer) ([]*docket.Change, error) {
	cs, err := st.FindChanges(ctx, v, docket.ChangeFilter{Newest: true, MaxScan: feedWindow})
	if err != nil {
		return nil, err
	}
	var out []*docket.Change
	for _, c := range cs {
		if feedKinds[c.Kind] {
			out = append(out, c)
		}
	}
	return out, nil
}

type entryWriter struct {
	ctx      context.Context
	st       FeedStore
	base     string
	captions map[string]string
}

func (e *entryWriter) caption(id string) string {
	if c, ok := e.captions[id]; ok {
		return c
	}
	c := id
	if ent, err := e.st.FindEntityByID(e.ctx, docket.AnonymousViewer, id); err == nil {
		c = ent.Caption
	}
	e.captions[id] = c
	return c
}

// value writes a statement's value for readers: captions for references, dates and
// penalties in words, vocabulary labels.
func (e *entryWriter) value(schemaName string, s *docket.Statement) (prop, val string) {
	prop, val = s.Property, s.Value
	schema, err := docket.SchemaByName(schemaName)
	if err != nil {
		return
	}
	p := schema.Property(s.Property)
	if p == nil {
		return
	}
	prop = p.Label
	switch p.Type {
	case docket.TypeRef:
		val = e.caption(s.Value)
	case docket.TypeDate:
		val = HumanDate(s.Value)
	case docket.TypePenalty:
		val = HumanPenalty(s.Value)
	case docket.TypeEnum:
		val = label(p.Vocab, s.Value)
	}
	return
}

func (e *entryWriter) entry(ch *docket.Change) (AtomEntry, bool) {
	v := docket.AnonymousViewer
	var s *docket.Statement
	switch ch.Kind {
	case docket.KindStatement:
		s = ch.Record.Statement
	case docket.KindRetraction, docket.KindStatus:
		var err error
		if s, err = e.st.FindStatementByID(e.ctx, v, ch.Ref); err != nil {
			return AtomEntry{}, false
		}
	default:
		return AtomEntry{}, false
	}
	ent, err := e.st.FindEntityByID(e.ctx, v, ch.Entity)
	if err != nil {
		return AtomEntry{}, false
	}
	prop, val := e.value(ent.Schema, s)
	en := AtomEntry{ID: e.base + "/entity/" + ent.ID + "#change-" + strconv.FormatInt(ch.Seq, 10), Updated: ch.At.UTC().Format(time.RFC3339),
		Links: []AtomLink{{Href: e.base + "/entity/" + ent.ID, Rel: "alternate", Type: "text/html"}}, Categories: []AtomCategory{{Term: ch.Kind}}}
	what := prop + " of " + ent.Caption + " (" + strings.ToLower(ent.Schema) + ")"
	switch ch.Kind {
	case docket.KindStatement:
		en.Title = clip(ent.Caption+" — "+prop+": "+val, 160)
		en.Summary = sentence(what + ": " + val)
		if s.Supersedes != "" {
			en.Summary += " This corrects an earlier statement."
		}
	case docket.KindRetraction:
		en.Title = clip(ent.Caption+" — "+prop+" retracted", 160)
		en.Summary = sentence(what+": "+val) + " Retracted: " + sentence(ch.Record.Retraction.Reason)
	case docket.KindStatus:
		en.Title = clip(ent.Caption+" — "+prop+" "+string(ch.Record.Status.Status), 160)
		en.Summary = sentence(what+": "+val) + " Reviewed as " + string(ch.Record.Status.Status) + "."
	}
	if s.Source != "" {
		if src, err := e.st.FindSourceByID(e.ctx, v, s.Source); err == nil {
			en.Summary += " Source: " + src.Caption()
			if src.URL != "" && src.URL != src.Caption() {
				en.Summary += ", " + src.URL
			}
			if s.Locator != "" {
				en.Summary += " (" + s.Locator + ")"
			}
			en.Summary += "."
		}
	}
	return en, true
}

// WriteAtom writes the feed as XML.
func WriteAtom(w io.Writer, f *AtomFeed) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// clip shortens s to at most n runes, with an ellipsis.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
