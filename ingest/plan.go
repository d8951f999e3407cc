package ingest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/docfile"
	"github.com/docketorg/docket/extract"
	"github.com/docketorg/docket/internal/translit"
)

// plan collects the records of one ingest before they are written in one transaction. Its
// ids are its own ("plan-7f3a9c01e4b2-1"...: random, so as to name no record of the store): the store makes the real ones as it writes (see
// docket.DocumentService.Write), and the records, changed in place, then carry them.
type plan struct {
	ctx     context.Context
	st      docket.Store
	v       docket.Viewer
	sens    docket.Sensitivity
	res     *extract.Result
	records []*docket.Record
	prefix  string                    // of the plan's ids
	n       int                       // the last plan id
	schemas map[string]*docket.Schema // entity id → schema
	ents    map[string]*docket.Entity // the plan's new entities by plan id
	doc     string                    // the document's source
	docRec  *docket.Document
	snap    *docket.Snapshot
	reused  bool                      // the document's source was recorded before (another version of a page)
	fn      map[int]string            // footnote number → source
	srcs    map[string]*docket.Source // the plan's new sources by plan id
	keys    map[string]string         // proposal key → entity id (plan or store)
	linked  int
	known   int // proposals left out: said from this page before (see dropKnown)
	notes   []string
}

func newPlan(ctx context.Context, st docket.Store, v docket.Viewer, sens docket.Sensitivity, res *extract.Result) *plan {
	var r [6]byte
	rand.Read(r[:])
	return &plan{prefix: "plan-" + hex.EncodeToString(r[:]) + "-", ctx: ctx, st: st, v: v, sens: sens, res: res, schemas: map[string]*docket.Schema{}, ents: map[string]*docket.Entity{},
		fn: map[int]string{}, srcs: map[string]*docket.Source{}, keys: map[string]string{}}
}

func (p *plan) id() string {
	p.n++
	return p.prefix + strconv.Itoa(p.n)
}

func (p *plan) add(r *docket.Record) { p.records = append(p.records, r) }

// sources plans the document's source (or finds the one recorded with its URL) and one source
// per footnote URL, reusing sources already recorded with the same URL.
func (p *plan) sources(in *Input, f *docfile.File) error {
	src := &docket.Source{Title: clip(sourceTitle(in, f), 200), Lang: p.res.Lang, Published: p.res.Dateline, Sensitivity: p.sens}
	if in.Fetched != nil {
		src.URL = in.Fetched.URL
	}
	if looksLikePressRelease(f.Text) {
		src.Type = "press release"
	}
	if src.URL != "" {
		if u, err := normalizedURL(src.URL); err == nil {
			found, err := p.sourceByURL(u)
			if err != nil {
				return err
			}
			if found != "" {
				p.doc, p.reused = found, true
			}
		}
	}
	if p.doc == "" {
		src.ID = p.id()
		if err := src.Normalize(); err != nil {
			return err
		}
		p.doc = src.ID
		p.add(&docket.Record{Kind: docket.KindSource, Source: src})
	}
	for _, fn := range p.res.Footnotes {
		for _, u := range fn.URLs {
			id, err := p.urlSource(u, fn.Number)
			if err != nil {
				p.notes = append(p.notes, fmt.Sprintf("note: footnote %d: %s is not a URL a source can have (%s)", fn.Number, u, docket.ErrorMessage(err)))
				continue
			}
			if _, ok := p.fn[fn.Number]; !ok && fn.Number > 0 {
				p.fn[fn.Number] = id
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
func (p *plan) urlSource(u string, n int) (string, error) {
	nu, err := normalizedURL(u)
	if err != nil {
		return "", err
	}
	for _, r := range p.records {
		if r.Kind == docket.KindSource && r.Source.URL == nu {
			return r.Source.ID, nil
		}
	}
	if found, err := p.sourceByURL(nu); err != nil || found != "" {
		return found, err
	}
	s := &docket.Source{ID: p.id(), URL: nu, CitedIn: p.doc, Sensitivity: p.sens}
	if n > 0 {
		s.Note = fmt.Sprintf("Cited in footnote %d of the document.", n)
	}
	if err := s.Normalize(); err != nil {
		return "", err
	}
	p.add(&docket.Record{Kind: docket.KindSource, Source: s})
	p.srcs[s.ID] = s
	return s.ID, nil
}

// sourceByURL returns the source v may see that has the URL in one of its spellings, or "".
func (p *plan) sourceByURL(u string) (string, error) {
	for _, x := range docket.URLSpellings(u) {
		found, _, err := p.st.FindSources(p.ctx, p.v, docket.SourceFilter{URL: &x, Limit: 1})
		if err != nil {
			return "", err
		} else if len(found) > 0 {
			return found[0].ID, nil
		}
	}
	return "", nil
}

// document plans the document (its file, text and public copy) and, for a URL, a snapshot of
// what it answered, so that the offsets of the locators can be checked against what was read.
func (p *plan) document(in *Input, f *docfile.File, sum string) error {
	text := []byte(f.Text)
	d := &docket.Document{ID: p.id(), Source: p.doc, Name: clip(in.Name, 500), ContentType: f.ContentType, Format: f.Format, Encoding: f.Encoding,
		OCR: f.OCR, SHA256: sum, Size: int64(len(in.Data)), TextSHA256: docket.SHA256Hex(text), Chars: utf8.RuneCount(text)}
	blobs := []*docket.Blob{{SHA256: d.SHA256, Data: in.Data}}
	if d.TextSHA256 != d.SHA256 {
		blobs = append(blobs, &docket.Blob{SHA256: d.TextSHA256, Data: text})
	}
	if pub, err := docfile.PublicCopy(p.ctx, f.Format, in.Data); err != nil {
		// Without a public copy the public is served no file of it, only its text.
		p.notes = append(p.notes, fmt.Sprintf("note: no copy without author metadata could be made (%v): the public will not be served the file", err))
	} else {
		d.PublicSHA256 = docket.SHA256Hex(pub)
		if d.PublicSHA256 != d.SHA256 && d.PublicSHA256 != d.TextSHA256 {
			blobs = append(blobs, &docket.Blob{SHA256: d.PublicSHA256, Data: pub})
		}
	}
	for _, b := range blobs {
		p.add(&docket.Record{Kind: docket.KindBlob, Blob: b})
	}
	p.add(&docket.Record{Kind: docket.KindDocument, Document: d})
	p.docRec = d
	if r := in.Fetched; r != nil {
		via := "docket ingest"
		if r.Proxied {
			via += ", through a proxy"
		}
		s := &docket.Snapshot{
			ID: p.id(), Source: p.doc, URL: r.URL, FinalURL: r.FinalURL, Redirects: r.Redirects, Status: r.Status,
			Header: r.Header, ContentType: r.ContentType(), SHA256: sum, Size: int64(len(in.Data)), TextSHA256: d.TextSHA256,
			FetchedAt: r.FetchedAt.UTC().Truncate(time.Microsecond),
			Custody:   docket.Custody{RequestedAt: r.RequestedAt.UTC().Truncate(time.Microsecond), Via: via, UserAgent: r.UserAgent, RemoteAddr: r.RemoteAddr, Tool: toolName()},
		}
		p.add(&docket.Record{Kind: docket.KindSnapshot, Snapshot: s})
		p.snap = s
	}
	return nil
}

func toolName() string {
	v := "devel"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		v = bi.Main.Version
	}
	return "docket " + v
}

// entity plans a new entity and returns its plan id.
func (p *plan) entity(schema string) string {
	sc, _ := docket.SchemaByName(schema)
	e := &docket.Entity{ID: p.id(), Schema: schema, Sensitivity: docket.Public}
	if p.sens == docket.Confidential {
		e.Sensitivity = docket.Confidential // a confidential document's persons are not to be known to exist
	}
	p.add(&docket.Record{Kind: docket.KindEntity, Entity: e})
	p.schemas[e.ID] = sc
	p.ents[e.ID] = e
	return e.ID
}

// link records that a proposal is an entity already in the store.
func (p *plan) link(e *docket.Entity) string {
	if _, ok := p.schemas[e.ID]; !ok {
		sc, _ := docket.SchemaByName(e.Schema)
		p.schemas[e.ID] = sc
		p.linked++
	}
	return e.ID
}

// stmt plans a draft statement resting on a span of the text: sourced to the footnote's
// source where the span's sentence has a marker, else to the document. inferred, when
// extraction inferred the value rather than read it, says why, in the locator. A value the
// schema refuses is left out with a note rather than failing the ingest.
func (p *plan) stmt(entity, prop, value string, sp extract.Span, inferred string) {
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
		p.notes = append(p.notes, fmt.Sprintf("note: left out %s.%s=%q: %s", sc.Name, prop, value, docket.ErrorMessage(err)))
		return
	}
	s := &docket.Statement{Entity: entity, Property: prop, Value: v, Source: p.doc, Status: docket.Draft, Sensitivity: p.sens,
		Locator: fmt.Sprintf("chars %d-%d", sp.Start, sp.End), Quote: clip(sp.Quote, 200)}
	if src, ok := p.fn[sp.Footnote]; ok && sp.Footnote > 0 {
		s.Source = src
		s.Locator += fmt.Sprintf("; footnote %d", sp.Footnote)
	}
	if inferred != "" {
		s.Locator = clip(s.Locator+"; inferred: "+inferred, docket.MaxLocatorLen)
	}
	p.add(&docket.Record{Kind: docket.KindStatement, Statement: s})
}

func first(ms []extract.Span) extract.Span {
	if len(ms) == 0 {
		return extract.Span{}
	}
	return ms[0]
}

// resolve finds the record a name already has, among those v may see: one entity whose name
// or alias has the same romanisation key links to it; several are noted as possible matches,
// and so is a person of the same surname; then a new entity is made. It returns the entity and
// the caption of a linked one ("" for a new one).
func (p *plan) resolve(schema, name string, aliases []string) (string, string, error) {
	names := append([]string{name}, aliases...)
	for _, n := range names {
		if len(strings.Fields(n)) < 2 && schema == "Person" {
			continue // a surname alone is not enough to link
		}
		ents, _, err := p.st.FindEntities(p.ctx, p.v, docket.EntityFilter{Schema: &schema, Name: &n, Limit: 10, SkipCount: true})
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
			p.notes = append(p.notes, fmt.Sprintf("possible match: %s %q could be any of %s; a new record was made: link it in review, or merge", strings.ToLower(schema), name, strings.Join(cands, ", ")))
			return p.entity(schema), "", nil
		}
	}
	if schema == "Person" {
		fs := strings.Fields(name)
		surname := fs[len(fs)-1]
		hits, err := p.st.Search(p.ctx, p.v, docket.SearchQuery{Q: surname, Schema: "Person", Limit: 10})
		if err != nil && docket.ErrorCode(err) != docket.EINVALID {
			return "", "", err
		}
		key := translit.WordKey(extract.Nominative(surname))
		for _, h := range hits {
			for _, w := range strings.Fields(h.Entity.Caption) {
				if translit.WordKey(w) == key || translit.WordKey(extract.Nominative(w)) == key {
					p.notes = append(p.notes, fmt.Sprintf("possible match: person %q may be %s (%s), who has the same surname; a new record was made: link it in review, or merge", name, h.Entity.Caption, h.Entity.ID))
					break
				}
			}
		}
	}
	return p.entity(schema), "", nil
}

// outcome is what the plan wrote, with the store's ids.
func (p *plan) outcome() *Outcome {
	out := &Outcome{Source: p.docRec.Source, Document: p.docRec.ID, Footnotes: map[int]string{}, Entities: map[string]string{}, Result: p.res,
		Linked: p.linked, Known: p.known, Notes: p.notes}
	for _, r := range p.records {
		switch r.Kind {
		case docket.KindStatement:
			out.Statements++
		case docket.KindEntity:
			out.NewEntities++
		}
	}
	for n, id := range p.fn {
		if s := p.srcs[id]; s != nil {
			id = s.ID
		}
		out.Footnotes[n] = id
	}
	for k, id := range p.keys {
		if e := p.ents[id]; e != nil {
			id = e.ID
		}
		out.Entities[k] = id
	}
	if p.snap != nil {
		out.Snapshot = p.snap.ID
	}
	return out
}
