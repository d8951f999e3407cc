package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/archive"
	"github.com/docketorg/docket/extract"
	"github.com/docketorg/docket/ingest"
)

func (m *Main) runIngest(ctx context.Context, args []string) error {
	f := m.newFlags("ingest", `
Usage: docket ingest FILE|URL [--sensitivity LEVEL] [--title TEXT] [--dry-run] [--json]

Reads a press release, news item, verdict or testimony (plain text, HTML, PDF, Word's DOCX,
or a scan as PDF, PNG, JPEG or TIFF, read by OCR with Tesseract in Russian, Kazakh and
English; Windows-1251 and KOI8-R Russian text is converted), keeps it in the store as a
document (its file, the text read from it, and a copy without author metadata for the
public), and proposes what to record from it: persons with their roles, organisations,
dates, charges, the case with a proceeding for each stage (court, judge, prosecutor, demands,
outcomes, sentences), events, statistics, and the sources its footnotes cite. The document
becomes a source, and each footnote URL a source cited in it; every proposal becomes a draft
statement with the words it rests on and a locator ("chars 120-146", "footnote 3",
"inferred: implied by a sentence"), sourced to the footnote where one applies. A person or
organisation already in the store under another spelling or script is linked to that record;
an uncertain match is printed and a new record made: nothing is merged. Review the drafts with
docket review, or in the web at /documents/ID/review.

The same file given again is not ingested again: the command says which document has it and
writes nothing. A new version of a page already ingested proposes only what was not proposed
or recorded from it before.

A URL is fetched when the command is run, under the archiver's rules (time-outs, size limit,
private addresses refused unless --allow-private; through the proxy and with the User-Agent of
--archive-proxy and --archive-user-agent, else of the stored settings, as docket archive) and
its body and text are kept as a snapshot too; a refused URL writes nothing. PDF is read with
pdftotext from poppler-utils, scans with tesseract-ocr. Junk, empty, encrypted and oversized
(over 20 MB) input is refused and nothing is written; the whole ingest is one transaction.
Progress is shown on standard error.

Examples:
  docket ingest press-release.docx
  docket ingest https://example.org/news/verdict.html --sensitivity public
  docket ingest scan.pdf --dry-run`, true)
	af := f.archiveFlags()
	sens := f.String("sensitivity", "internal", "sensitivity of the source and the draft statements: public, internal or confidential")
	title := f.String("title", "", "title of the document's source (default: the document's own title, else the file name)")
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
	in := &ingest.Input{Name: pos[0], Sensitivity: level, Title: *title, Progress: m.ingestProgress()}
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
		if in.Fetched, in.Data, err = fetchDocument(ctx, fetcher, pos[0]); err != nil {
			return err
		}
	} else if in.Data, err = readDocument(pos[0]); err != nil {
		return err
	}
	// Reading first: junk is refused before the store is opened or created.
	file, err := ingest.Read(ctx, in)
	if err != nil {
		return err
	}
	if *dry {
		res := extract.Extract(file.Text)
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
	out, err := ingest.Run(ctx, db, f.operator(), in, file)
	if err != nil {
		return err
	}
	if f.jsonOut {
		return writeJSON(m.Stdout, out)
	}
	if d := out.Already; d != nil {
		fmt.Fprintf(m.Stdout, "already ingested: %s has the same bytes as document %s (%s, source %s), ingested %s; nothing was proposed\n",
			pos[0], d.ID, d.Name, d.Source, d.CreatedAt.Format("2006-01-02 15:04 UTC"))
		fmt.Fprintf(m.Stdout, "review its proposals with: docket review --source %s\n", d.Source)
		return nil
	}
	printProposals(m.Stdout, out.Result, out.Entities)
	for _, n := range out.Notes {
		fmt.Fprintln(m.Stdout, n)
	}
	if out.Known > 0 {
		fmt.Fprintf(m.Stdout, "left out %d proposals made or recorded from an earlier version of this source\n", out.Known)
	}
	fmt.Fprintf(m.Stdout, "ingested %s as document %s of source %s: %d draft statements on %d entities (%d new, %d linked to existing records)\n",
		pos[0], out.Document, out.Source, out.Statements, out.NewEntities+out.Linked, out.NewEntities, out.Linked)
	fmt.Fprintf(m.Stdout, "review them with: docket review --source %s\n", out.Source)
	return nil
}

// ingestProgress shows an ingest's stages on standard error, one progress line each, once
// it has taken half a second: a short document is read without a word.
func (m *Main) ingestProgress() func(stage string, done, total int) {
	verbs := map[string]string{"text": "reading the text:", "ocr": "OCR, pages read:", "extract": "extracting, characters:", "write": "writing records:"}
	var cur string
	var p *progress
	start := time.Now()
	return func(stage string, done, total int) {
		if time.Since(start) < 500*time.Millisecond {
			return
		}
		verb, ok := verbs[stage]
		if !ok {
			if p != nil {
				p.done()
			}
			return
		}
		if stage != cur {
			if p != nil {
				p.done()
			}
			cur, p = stage, m.progress(verb)
		}
		p.report(int64(done), int64(total))
	}
}

func isURLArg(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// fetchDocument fetches a URL to ingest, as the archiver fetches.
func fetchDocument(ctx context.Context, fetcher *archive.Fetcher, url string) (*ingest.Fetched, []byte, error) {
	fetcher.MaxSize = docket.MaxDocumentSize
	at := time.Now().UTC()
	res, err := fetcher.Fetch(ctx, url)
	if err != nil {
		return nil, nil, err
	}
	if res.Status < 200 || res.Status > 299 {
		return nil, nil, docket.Errorf(docket.EINVALID, "%s answered HTTP %d; nothing was ingested", url, res.Status)
	}
	return &ingest.Fetched{URL: res.URL, FinalURL: res.FinalURL, Redirects: res.Redirects, Status: res.Status, Header: res.Header,
		UserAgent: fetcher.UserAgent, RemoteAddr: res.RemoteAddr, Proxied: res.Proxied, RequestedAt: at, FetchedAt: res.FetchedAt}, res.Body, nil
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
	data, err := io.ReadAll(io.LimitReader(fh, docket.MaxDocumentSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > docket.MaxDocumentSize {
		return nil, docket.Errorf(docket.ETOOLARGE, "%s is over the limit of %d MB for a document", path, docket.MaxDocumentSize>>20)
	}
	return data, nil
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
	for _, e := range r.Undated {
		line("event", joinWords(e.Type, "(undated)", e.Person), first(e.Mentions), "")
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

func joinWords(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" && p != "of" && p != "article" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " ")
}
