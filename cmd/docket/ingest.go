package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/archive"
	"github.com/docketorg/docket/extract"
	"github.com/docketorg/docket/internal/translit"
)

func (m *Main) runIngest(ctx context.Context, args []string) error {
	f := m.newFlags("ingest", `
Usage: docket ingest FILE|URL [--sensitivity LEVEL] [--title TEXT] [--dry-run] [--json]

Reads a press release, news item or court paper (plain text, HTML or PDF; Windows-1251 and
KOI8-R Russian text is converted) and proposes what to record from it: persons with their
roles, organisations, dates, charges, prosecutors' demands, sentences, outcomes, events,
statistics, and the sources its footnotes cite. The document becomes a source, and each
footnote URL a source cited in it; every proposal becomes a draft statement with the words it
rests on and a locator ("chars 120-146", "footnote 3"), sourced to the footnote where one
applies. A person or organisation already in the store under another spelling or script is
linked to that record; an uncertain match is printed and a new record made: nothing is merged.
Review the drafts with docket review.

A URL is fetched when the command is run, under the archiver's rules (time-outs, size limit,
private addresses refused unless --allow-private; through the proxy and with the User-Agent of
--archive-proxy and --archive-user-agent, else of the stored settings, as docket archive) and
its body and text are kept as a snapshot; a refused URL writes nothing. PDF is read with
pdftotext from poppler-utils. Junk, empty and oversized input is refused and nothing is written;
the whole ingest is one transaction.

Examples:
  docket ingest press-release.txt
  docket ingest https://example.org/news/verdict.html --sensitivity public
  docket ingest report.pdf --dry-run`, true)
	af := f.archiveFlags()
	sens := f.String("sensitivity", "internal", "sensitivity of the source and the draft statements: public, internal or confidential")
	title := f.String("title", "", "title of the document's source (default: the HTML title, else the file name)")
	dry := f.Bool("dry-run", false, "print the proposals and write nothing")
	f.authorFlag()
	f.jsonFlag()
	pos, err := f.parse(args, 1, 1)
	if err != nil {
		return err
	}
	level, err := docket.ParseSensitivity(*sens)
	if err != nil {
		return err
	}
	in := &ingestInput{Name: pos[0], Sensitivity: level, Title: *title}
	if isURLArg(pos[0]) {
		// The store's settings are read without creating it: a refused URL writes nothing.
		stored, err := f.storedSettings(ctx)
		if err != nil {
			return err
		}
		fetcher, err := af.fetcher(stored)
		if err != nil {
			return err
		}
		fetcher.MaxSize = extract.MaxInput
		in.RequestedAt = time.Now().UTC()
		res, err := fetcher.Fetch(ctx, pos[0])
		if err != nil {
			return err
		}
		if res.Status < 200 || res.Status > 299 {
			return docket.Errorf(docket.EINVALID, "%s answered HTTP %d; nothing was ingested", pos[0], res.Status)
		}
		in.Fetched, in.Data, in.UserAgent = res, res.Body, fetcher.UserAgent
	} else {
		if in.Data, err = readDocument(pos[0]); err != nil {
			return err
		}
	}
	// Extraction first: junk is refused before the store is opened or created.
	if err := in.read(); err != nil {
		return err
	}
	if *dry {
		res := extract.Extract(in.Doc.Text)
		if f.jsonOut {
			return writeJSON(m.Stdout, res)
		}
		printProposals(m.Stdout, res, nil)
		return nil
	}
	db, err := f.open(true)
	if err != nil {
		return err
	}
	defer db.Close()
	out, err := ingestDocument(ctx, db, f.operator(), in)
	if err != nil {
		return err
	}
	if f.jsonOut {
		return writeJSON(m.Stdout, out)
	}
	printProposals(m.Stdout, out.Result, out.Entities)
	for _, n := range out.Notes {
		fmt.Fprintln(m.Stdout, n)
	}
	fmt.Fprintf(m.Stdout, "ingested %s as source %s: %d draft statements on %d entities (%d new, %d linked to existing records)\n",
		pos[0], out.Source, out.Statements, out.NewEntities+out.Linked, out.NewEntities, out.Linked)
	fmt.Fprintf(m.Stdout, "review them with: docket review --source %s\n", out.Source)
	return nil
}

func isURLArg(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// readDocument reads a file, refusing one over the size limit before reading it all.
func readDocument(path string) ([]byte, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	if st, err := fh.Stat(); err == nil && st.IsDir() {
		return nil, docket.Errorf(docket.EINVALID, "%s is a directory", path)
	}
	data, err := io.ReadAll(io.LimitReader(fh, extract.MaxInput+1))
	if err != nil {
		return nil, err
	}
	if len(data) > extract.MaxInput {
		return nil, docket.Errorf(docket.ETOOLARGE, "%s is over the limit of %d MB for a document", path, extract.MaxInput>>20)
	}
	return data, nil
}

// ingestInput is a document to ingest: a file's bytes, or what a URL answered.
type ingestInput struct {
	Name        string // file name or URL
	Data        []byte
	Title       string
	Sensitivity docket.Sensitivity
	Fetched     *archive.Result // for a URL
	RequestedAt time.Time
	UserAgent   string
	Doc         *extract.Document
}

// read turns the input into text.
func (in *ingestInput) read() error {
	if in.Doc != nil {
		return nil
	}
	name := in.Name
	if in.Fetched != nil {
		// The media type tells HTML and PDF from text where the URL does not.
		switch ct := in.Fetched.ContentType(); {
		case ct == "application/pdf":
			name = "document.pdf"
		case ct == "text/html" || ct == "application/xhtml+xml":
			name = "document.html"
		}
	}
	doc, err := extract.Read(name, in.Data)
	if err != nil {
		return err
	}
	in.Doc = doc
	return nil
}

// ingestOutcome is what an ingest wrote.
type ingestOutcome struct {
	Source      string            `json:"source"`
	Footnotes   map[int]string    `json:"footnote_sources,omitempty"` // footnote number → source id
	Snapshot    string            `json:"snapshot,omitempty"`
	Statements  int               `json:"statements"`
	NewEntities int               `json:"new_entities"`
	Linked      int               `json:"linked"`
	Entities    map[string]string `json:"entities"` // proposal key → entity id, for display
	Notes       []string          `json:"notes,omitempty"`
	Result      *extract.Result   `json:"proposals"`
}

// ingestPlan collects the records of one ingest before they are written in one transaction.
type ingestPlan struct {
	ctx      context.Context
	db       *store
	v        docket.Viewer
	now      time.Time
	sens     docket.Sensitivity
	records  []*docket.Record
	schemas  map[string]*docket.Schema // entity id → schema
	doc      string                    // the document's source
	fn       map[int]string            // footnote number → source
	out      *ingestOutcome
	warnings []string
}

// ingestDocument extracts a document and writes the source, its footnote sources, a
// snapshot for a URL, and every proposal as draft statements, all in one transaction: a
// failure writes nothing.
func ingestDocument(ctx context.Context, db *store, v docket.Viewer, in *ingestInput) (*ingestOutcome, error) {
	if err := v.Authorize(docket.Admin); err != nil {
		return nil, err // a single transaction needs the store's import, which only an admin runs
	}
	if err := in.read(); err != nil {
		return nil, err
	}
	var err error
	if v.Author, err = db.AuthorOf(ctx, v); err != nil {
		return nil, err
	}
	res := extract.Extract(in.Doc.Text)
	p := &ingestPlan{
		ctx: ctx, db: db, v: v, now: time.Now().UTC().Truncate(time.Microsecond), sens: in.Sensitivity,
		schemas: map[string]*docket.Schema{}, fn: map[int]string{},
		out: &ingestOutcome{Footnotes: map[int]string{}, Entities: map[string]string{}, Result: res},
	}
	if p.sens == 0 {
		p.sens = docket.Internal
	}
	if err := p.sources(in, res); err != nil {
		return nil, err
	}
	if err := p.proposals(res); err != nil {
		return nil, err
	}
	n := 0
	_, err = db.Import(ctx, v, func() (*docket.Record, error) {
		if n == len(p.records) {
			return nil, nil
		}
		n++
		return p.records[n-1], nil
	}, nil)
	if err != nil {
		return nil, fmt.Errorf("nothing was written: %w", err)
	}
	// Pages disappear: queue every new cited URL for the archiver, as docket add does. The
	// ingest stands without it, so a failure here is only reported.
	for _, r := range p.records {
		if r.Kind == docket.KindSource && r.Source.URL != "" && r.Source.ID != p.doc {
			if _, err := db.EnqueueArchive(ctx, v, r.Source.ID); err != nil {
				p.out.Notes = append(p.out.Notes, fmt.Sprintf("note: could not queue %s for archiving: %s", r.Source.URL, errorText(err)))
			}
		}
	}
	p.out.Notes = append(p.out.Notes, p.warnings...)
	return p.out, nil
}

func (p *ingestPlan) id(prefix string) string { return docket.NewID(prefix, p.now, rand.Reader) }

func salt() string {
	var b [docket.SaltSize]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// sources plans the document's source, a snapshot of a fetched URL, and one source per
// footnote URL, reusing sources already recorded with the same URL.
func (p *ingestPlan) sources(in *ingestInput, res *extract.Result) error {
	doc := in.Doc
	src := &docket.Source{Title: in.Title, Lang: res.Lang, Published: res.Dateline, Sensitivity: p.sens, Author: p.v.Author, CreatedAt: p.now}
	if src.Title == "" {
		src.Title = doc.Title
	}
	sum := docket.SHA256Hex([]byte(doc.Text))
	if in.Fetched != nil {
		src.URL = in.Fetched.URL
		if src.Title == "" {
			src.Title = in.Fetched.URL
		}
		src.Note = fmt.Sprintf("Ingested from %s (%s, %s). Locators \"chars A-B\" count characters of the text kept in its snapshot.", in.Fetched.URL, doc.Format, doc.Encoding)
	} else {
		if src.Title == "" {
			src.Title = strings.TrimSuffix(filepath.Base(in.Name), filepath.Ext(in.Name))
		}
		// A snapshot needs an http(s) URL, so a file's text is not kept in the store: the
		// note says how to find the words again.
		src.Note = fmt.Sprintf("Ingested from the file %s (%s, %s); its text has SHA-256 %s and %d characters. Locators \"chars A-B\" count characters of that text as docket ingest reads it.",
			filepath.Base(in.Name), doc.Format, doc.Encoding, sum, utf8.RuneCountInString(doc.Text))
	}
	if len(src.Title) > docket.MaxStringLen {
		src.Title = clip(src.Title, 200)
	}
	if src.Type == "" && looksLikePressRelease(doc.Text) {
		src.Type = "press release"
	}
	if src.URL != "" {
		if u, err := normalizedURL(src.URL); err == nil {
			found, _, err := p.db.FindSources(p.ctx, p.v, docket.SourceFilter{URL: &u, Limit: 1})
			if err != nil {
				return err
			}
			if len(found) > 0 {
				p.doc = found[0].ID
			}
		}
	}
	if p.doc == "" {
		src.ID = p.id("src")
		if err := src.Normalize(); err != nil {
			return err
		}
		p.doc = src.ID
		p.records = append(p.records, &docket.Record{Kind: docket.KindSource, Source: src})
	}
	p.out.Source = p.doc
	if in.Fetched != nil {
		p.snapshot(in)
	}
	for _, f := range res.Footnotes {
		for _, u := range f.URLs {
			id, err := p.urlSource(u, f.Number)
			if err != nil {
				p.warnings = append(p.warnings, fmt.Sprintf("note: footnote %d: %s is not a URL a source can have (%s)", f.Number, u, errorText(err)))
				continue
			}
			if _, ok := p.fn[f.Number]; !ok && f.Number > 0 {
				p.fn[f.Number] = id
				p.out.Footnotes[f.Number] = id
			}
		}
	}
	return nil
}

func looksLikePressRelease(text string) bool {
	head := strings.ToLower(text[:min(len(text), 600)])
	return strings.Contains(head, "press release") || strings.Contains(head, "пресс-релиз")
}

func normalizedURL(u string) (string, error) {
	s := &docket.Source{URL: u, Sensitivity: docket.Internal}
	if err := s.Normalize(); err != nil {
		return "", err
	}
	return s.URL, nil
}

// urlSource returns the source of a footnote URL: one recorded already, or a new one cited
// in the document.
func (p *ingestPlan) urlSource(u string, n int) (string, error) {
	nu, err := normalizedURL(u)
	if err != nil {
		return "", err
	}
	for _, r := range p.records {
		if r.Kind == docket.KindSource && r.Source.URL == nu {
			return r.Source.ID, nil
		}
	}
	found, _, err := p.db.FindSources(p.ctx, p.v, docket.SourceFilter{URL: &nu, Limit: 1})
	if err != nil {
		return "", err
	}
	if len(found) > 0 {
		return found[0].ID, nil
	}
	s := &docket.Source{ID: p.id("src"), URL: nu, CitedIn: p.doc, Sensitivity: p.sens, Author: p.v.Author, CreatedAt: p.now}
	if n > 0 {
		s.Note = fmt.Sprintf("Cited in footnote %d of source %s.", n, p.doc)
	}
	if err := s.Normalize(); err != nil {
		return "", err
	}
	p.records = append(p.records, &docket.Record{Kind: docket.KindSource, Source: s})
	return s.ID, nil
}

// snapshot plans the fetched body and the text read from it as a snapshot of the document's
// source, so that the offsets of the locators can be checked against what was read.
func (p *ingestPlan) snapshot(in *ingestInput) {
	r := in.Fetched
	text := []byte(in.Doc.Text)
	via := "docket ingest"
	if r.Proxied {
		via += ", through a proxy"
	}
	s := &docket.Snapshot{
		ID: p.id("snap"), Source: p.doc, URL: r.URL, FinalURL: r.FinalURL, Redirects: r.Redirects, Status: r.Status,
		Header: r.Header, ContentType: r.ContentType(), SHA256: docket.SHA256Hex(r.Body), Size: int64(len(r.Body)),
		TextSHA256: docket.SHA256Hex(text), FetchedAt: r.FetchedAt.Truncate(time.Microsecond),
		Custody: docket.Custody{RequestedBy: p.v.Author, RequestedAt: in.RequestedAt.Truncate(time.Microsecond), Via: via,
			UserAgent: in.UserAgent, RemoteAddr: r.RemoteAddr, Tool: toolName()},
		Author: p.v.Author, CreatedAt: p.now,
	}
	p.records = append(p.records,
		&docket.Record{Kind: docket.KindBlob, Blob: &docket.Blob{SHA256: s.SHA256, Data: r.Body}},
		&docket.Record{Kind: docket.KindBlob, Blob: &docket.Blob{SHA256: s.TextSHA256, Data: text}},
		&docket.Record{Kind: docket.KindSnapshot, Snapshot: s})
	p.out.Snapshot = s.ID
}

func toolName() string {
	v := "devel"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		v = bi.Main.Version
	}
	return "docket " + v
}

// entity plans a new entity and returns its id.
func (p *ingestPlan) entity(schema string) string {
	sc, _ := docket.SchemaByName(schema)
	e := &docket.Entity{ID: p.id(""), Schema: schema, Sensitivity: docket.Public, Author: p.v.Author, CreatedAt: p.now}
	if p.sens == docket.Confidential {
		e.Sensitivity = docket.Confidential // a confidential document's persons are not to be known to exist
	}
	p.records = append(p.records, &docket.Record{Kind: docket.KindEntity, Entity: e})
	p.schemas[e.ID] = sc
	p.out.NewEntities++
	return e.ID
}

// link records that a proposal is an entity already in the store.
func (p *ingestPlan) link(e *docket.Entity) string {
	if _, ok := p.schemas[e.ID]; !ok {
		sc, _ := docket.SchemaByName(e.Schema)
		p.schemas[e.ID] = sc
		p.out.Linked++
	}
	return e.ID
}

// stmt plans a draft statement resting on a span of the text: sourced to the footnote's
// source where the span's sentence has a marker, else to the document. A value the schema
// refuses is left out with a warning rather than failing the ingest.
func (p *ingestPlan) stmt(entity, prop, value string, sp extract.Span) {
	if value == "" || entity == "" {
		return
	}
	sc := p.schemas[entity]
	pr := sc.Property(prop)
	if pr == nil {
		return
	}
	v, err := pr.Normalize(value)
	if err != nil {
		p.warnings = append(p.warnings, fmt.Sprintf("note: left out %s.%s=%q: %s", sc.Name, prop, value, errorText(err)))
		return
	}
	s := &docket.Statement{
		ID: p.id("s"), Entity: entity, Property: prop, Value: v, Source: p.doc, Status: docket.Draft,
		Sensitivity: p.sens, Author: p.v.Author, CreatedAt: p.now, Salt: salt(),
		Locator: fmt.Sprintf("chars %d-%d", sp.Start, sp.End), Quote: clip(sp.Quote, 200),
	}
	if src, ok := p.fn[sp.Footnote]; ok && sp.Footnote > 0 {
		s.Source = src
		s.Locator += fmt.Sprintf("; footnote %d", sp.Footnote)
	}
	p.records = append(p.records, &docket.Record{Kind: docket.KindStatement, Statement: s})
	p.out.Statements++
}

// clip shortens s to at most n bytes at a word boundary, with white space collapsed.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if i := strings.LastIndexByte(s[:cut], ' '); i > n/2 {
		cut = i
	}
	return s[:cut] + "…"
}

func first(ms []extract.Span) extract.Span {
	if len(ms) == 0 {
		return extract.Span{}
	}
	return ms[0]
}

// resolve finds the record a name already has: one entity whose name or alias has the
// same romanisation key links to it; several are printed as possible matches, and so is a
// person of the same surname; then a new entity is made. It returns the entity and the
// caption of a linked one ("" for a new one).
func (p *ingestPlan) resolve(schema, name string, aliases []string) (string, string, error) {
	names := append([]string{name}, aliases...)
	for _, n := range names {
		if len(strings.Fields(n)) < 2 && schema == "Person" {
			continue // a surname alone is not enough to link
		}
		n := n
		ents, _, err := p.db.FindEntities(p.ctx, p.v, docket.EntityFilter{Schema: &schema, Name: &n, Limit: 10})
		if err != nil && docket.ErrorCode(err) != docket.EINVALID {
			return "", "", err
		}
		switch {
		case len(ents) == 1:
			return p.link(ents[0]), ents[0].Caption, nil
		case len(ents) > 1:
			var cands []string
			for _, e := range ents {
				cands = append(cands, fmt.Sprintf("%s (%s)", e.Caption, e.ID))
			}
			p.warnings = append(p.warnings, fmt.Sprintf("possible match: %s %q could be any of %s; a new record was made, merge it with docket merge if it is one of them", strings.ToLower(schema), name, strings.Join(cands, ", ")))
			return p.entity(schema), "", nil
		}
	}
	if schema == "Person" {
		fs := strings.Fields(name)
		surname := fs[len(fs)-1]
		hits, err := p.db.Search(p.ctx, p.v, docket.SearchQuery{Q: surname, Schema: "Person", Limit: 10})
		if err != nil && docket.ErrorCode(err) != docket.EINVALID {
			return "", "", err
		}
		key := translit.WordKey(extract.Nominative(surname))
		for _, h := range hits {
			for _, w := range strings.Fields(h.Entity.Caption) {
				if translit.WordKey(w) == key || translit.WordKey(extract.Nominative(w)) == key {
					p.warnings = append(p.warnings, fmt.Sprintf("possible match: person %q may be %s (%s), who has the same surname; a new record was made, merge them with docket merge if they are one", name, h.Entity.Caption, h.Entity.ID))
					break
				}
			}
		}
	}
	return p.entity(schema), "", nil
}

// proposals plans entities and draft statements for every proposal.
func (p *ingestPlan) proposals(res *extract.Result) error {
	persons := map[string]string{} // name → entity id
	orgs := map[string]string{}
	for _, per := range res.Persons {
		id, caption, err := p.resolve("Person", per.Name, per.Aliases)
		if err != nil {
			return err
		}
		persons[per.Name] = id
		p.out.Entities["person "+per.Name] = id
		m := first(per.Mentions)
		// A record found under another spelling gets this one as an alias.
		nameProp := "name"
		if caption != "" && caption != per.Name {
			nameProp = "alias"
		}
		p.stmt(id, nameProp, per.Name, m)
		for i, a := range per.Aliases {
			if len(strings.Fields(a)) > 1 {
				p.stmt(id, "alias", a, per.Mentions[min(i+1, len(per.Mentions)-1)])
			}
		}
		for _, r := range per.Roles {
			if r != "defendant" && r != "spouse" && r != "relative" {
				p.stmt(id, "occupation", r, m)
			}
		}
		if res.Country != "" {
			p.stmt(id, "country", res.Country, m)
		}
	}
	for _, per := range res.Persons {
		if per.Spouse != "" && persons[per.Spouse] != "" {
			p.stmt(persons[per.Name], "spouse", persons[per.Spouse], first(per.Mentions))
		}
	}
	for _, o := range res.Orgs {
		id, caption, err := p.resolve("Organization", o.Name, nil)
		if err != nil {
			return err
		}
		orgs[o.Name] = id
		p.out.Entities["organization "+o.Name] = id
		m := first(o.Mentions)
		nameProp := "name"
		if caption != "" && caption != o.Name {
			nameProp = "alias"
		}
		p.stmt(id, nameProp, o.Name, m)
		if _, ok := docket.Vocab.Term("org-kind", o.Kind); ok {
			p.stmt(id, "kind", o.Kind, m)
		}
		if o.Level != "" {
			p.stmt(id, "level", o.Level, m)
		}
		p.stmt(id, "city", o.City, m)
		p.stmt(id, "country", o.Country, m)
	}
	// Positions: a person's post at an organisation.
	for _, per := range res.Persons {
		if per.Org == "" || per.Post == "" || orgs[per.Org] == "" {
			continue
		}
		id := p.entity("Position")
		m := first(per.Mentions)
		p.stmt(id, "name", per.Name+", "+per.Post+", "+per.Org, m)
		p.stmt(id, "holder", persons[per.Name], m)
		p.stmt(id, "organization", orgs[per.Org], m)
		p.stmt(id, "post", per.Post, m)
	}
	charges := map[string][]string{} // person → charge ids
	for _, c := range res.Charges {
		id := p.entity("Charge")
		m := first(c.Mentions)
		name := joinWords(c.Person, "article "+c.Article, c.Wording)
		if c.Article == "" {
			name = joinWords(c.Person, c.Wording)
		}
		p.stmt(id, "name", name, m)
		p.stmt(id, "code", c.Code, m)
		p.stmt(id, "article", c.Article, m)
		p.stmt(id, "part", c.Part, m)
		p.stmt(id, "wording", c.Wording, m)
		if c.Person != "" && persons[c.Person] != "" {
			p.stmt(id, "defendant", persons[c.Person], m)
			charges[c.Person] = append(charges[c.Person], id)
		}
	}
	// Proceedings: per defendant, the first instance (demands, sentences, convictions,
	// acquittals) and an appeal (upheld, overturned).
	type proc struct{ first, appeal string }
	procs := map[string]*proc{}
	proceeding := func(person string, appeal bool, sp extract.Span) string {
		pr := procs[person]
		if pr == nil {
			pr = &proc{}
			procs[person] = pr
		}
		slot := &pr.first
		stage := "first instance"
		if appeal {
			slot, stage = &pr.appeal, "appeal"
		}
		if *slot == "" {
			*slot = p.entity("Proceeding")
			p.stmt(*slot, "name", person+": "+stage, sp)
			p.stmt(*slot, "stage", stage, sp)
			p.stmt(*slot, "defendant", persons[person], sp)
			if !appeal {
				for _, c := range charges[person] {
					p.stmt(*slot, "charge", c, sp)
				}
			}
		}
		return *slot
	}
	for _, d := range res.Demands {
		if d.Person == "" {
			continue
		}
		p.stmt(proceeding(d.Person, false, first(d.Mentions)), "demand", d.Value(), first(d.Mentions))
	}
	for _, s := range res.Sentences {
		if s.Person == "" {
			continue
		}
		p.stmt(proceeding(s.Person, false, first(s.Mentions)), "sentence", s.Value(), first(s.Mentions))
	}
	for _, o := range res.Outcomes {
		appeal := o.Outcome == "upheld" || o.Outcome == "overturned"
		id := proceeding(o.Person, appeal, first(o.Mentions))
		p.stmt(id, "outcome", o.Outcome, first(o.Mentions))
		p.stmt(id, "date", o.Date, first(o.Mentions))
	}
	used := map[string]bool{res.Dateline: true}
	for _, e := range res.Events {
		id := p.entity("Event")
		m := first(e.Mentions)
		p.stmt(id, "name", joinWords(e.Type, "of "+e.Person, e.Date), m)
		p.stmt(id, "type", e.Type, m)
		p.stmt(id, "date", e.Date, m)
		if e.Person != "" {
			p.stmt(id, "victim", persons[e.Person], m)
		}
		used[e.Date] = true
	}
	for _, o := range res.Outcomes {
		used[o.Date] = true
	}
	// Dates no event or outcome took: an event of the timeline to type in review.
	for _, d := range res.Dates {
		if used[d.Date] {
			continue
		}
		id := p.entity("Event")
		m := first(d.Mentions)
		what := d.What
		if what == "" {
			what = "date in the text"
		}
		p.stmt(id, "name", what+": "+clip(m.Quote, 80), m)
		p.stmt(id, "date", d.Date, m)
	}
	for _, s := range res.Statistics {
		id := p.entity("Statistic")
		m := first(s.Mentions)
		p.stmt(id, "name", clip(s.Value+" "+s.Unit+" of "+s.Scope, 200), m)
		p.stmt(id, "value", s.Value, m)
		p.stmt(id, "unit", s.Unit, m)
		p.stmt(id, "scope", s.Scope, m)
		p.stmt(id, "country", s.Country, m)
	}
	return nil
}

func joinWords(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" && p != "of" && p != "article" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " ")
}

// printProposals prints one line a proposal: its kind, its value and the words it rests on.
func printProposals(w io.Writer, r *extract.Result, ids map[string]string) {
	loc := func(sp extract.Span) string {
		s := fmt.Sprintf("%q chars %d-%d", clip(sp.Quote, 80), sp.Start, sp.End)
		if sp.Footnote > 0 {
			s += fmt.Sprintf(" footnote %d", sp.Footnote)
		}
		return s
	}
	line := func(kind, value string, sp extract.Span, id string) {
		if id != "" {
			value += " → " + id
		}
		fmt.Fprintf(w, "%-13s %s  %s\n", kind, value, loc(sp))
	}
	for _, p := range r.Persons {
		v := p.Name
		if len(p.Roles) > 0 {
			v += " (" + strings.Join(p.Roles, ", ")
			if p.Org != "" {
				v += "; " + p.Org
			}
			v += ")"
		}
		if len(p.Aliases) > 0 {
			v += " also " + strings.Join(p.Aliases, ", ")
		}
		line("person", v, first(p.Mentions), ids["person "+p.Name])
	}
	for _, o := range r.Orgs {
		line("organization", joinWords(o.Name, "("+joinWords(o.Kind, o.Level)+")"), first(o.Mentions), ids["organization "+o.Name])
	}
	for _, d := range r.Dates {
		line("date", joinWords(d.Date, d.What), first(d.Mentions), "")
	}
	for _, c := range r.Charges {
		v := c.Article
		if v == "" {
			v = "(no article)"
		}
		line("charge", joinWords(v, c.Code, c.Wording, forPerson(c.Person)), first(c.Mentions), "")
	}
	for _, d := range r.Demands {
		line("demand", d.Person+": "+d.Value(), first(d.Mentions), "")
	}
	for _, s := range r.Sentences {
		line("sentence", s.Person+": "+s.Value(), first(s.Mentions), "")
	}
	for _, o := range r.Outcomes {
		line("outcome", o.Person+": "+o.Outcome, first(o.Mentions), "")
	}
	for _, e := range r.Events {
		line("event", joinWords(e.Type, e.Date, e.Person), first(e.Mentions), "")
	}
	for _, f := range r.Footnotes {
		for _, u := range f.URLs {
			fmt.Fprintf(w, "%-13s %s  (footnote %d)\n", "source", u, f.Number)
		}
	}
	for _, s := range r.Statistics {
		line("statistic", s.Value+" "+s.Unit+" of "+clip(s.Scope, 80), first(s.Mentions), "")
	}
}

func forPerson(p string) string {
	if p == "" {
		return ""
	}
	return "(" + p + ")"
}
