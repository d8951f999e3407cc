// Package ingest turns a document into proposals for review: it reads the file (docfile),
// keeps it in the store as a document with its source, proposes what to record from it
// (extract), resolves the names it finds to records the writer may see, and writes every
// proposal as a draft statement with the words it rests on, in one transaction. The command
// line, the API and the web all ingest through Run.
//
// # What is proposed
//
// Persons (with their roles, aliases and posts), organisations, charges, the case the
// document tells of (one Case record with its defendants, and a Proceeding record for each
// stage, linked to the case, its court, judge and prosecutor, holding the demands, outcomes
// and sentences of that stage), events with their victims, dates no event took, and
// statistics. A proposal that extraction inferred rather than read says why in its locator
// ("chars 120-146; inferred: implied by a sentence"), which review shows.
//
// # Nothing twice
//
// The same bytes given again are not ingested again: Run says which document has them and
// writes nothing. A new version of a page already recorded (another document of the same
// source) proposes only what was not proposed or recorded from that source before: its
// records are linked to those made from the earlier version.
package ingest

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/docfile"
	"github.com/docketorg/docket/extract"
)

// Input is a document to ingest: a file's bytes, or what a URL answered.
type Input struct {
	Name        string // file name or URL
	Data        []byte
	Title       string             // the source's title; by default the document's own, else the file name
	Sensitivity docket.Sensitivity // of the source and the proposals; internal by default
	Fetched     *Fetched           // for a URL
	// Progress is told each stage and how far it is: "text", "ocr" (pages), "extract",
	// "write", "done".
	Progress func(stage string, done, total int)
}

// Fetched is what a URL answered, as the archiver fetched it.
type Fetched struct {
	URL, FinalURL string
	Redirects     []docket.Redirect
	Status        int
	Header        http.Header
	UserAgent     string
	RemoteAddr    string
	Proxied       bool
	RequestedAt   time.Time
	FetchedAt     time.Time
}

// ContentType returns the media type of the answer, without parameters.
func (f *Fetched) ContentType() string {
	ct, _, _ := strings.Cut(f.Header.Get("Content-Type"), ";")
	return strings.ToLower(strings.TrimSpace(ct))
}

func (in *Input) progress(stage string, done, total int) {
	if in.Progress != nil {
		in.Progress(stage, done, total)
	}
}

// Outcome is what an ingest wrote, or, with Already, why it wrote nothing.
type Outcome struct {
	Document    string            `json:"document,omitempty"`
	Source      string            `json:"source"`
	Footnotes   map[int]string    `json:"footnote_sources,omitempty"` // footnote number → source id
	Snapshot    string            `json:"snapshot,omitempty"`
	Statements  int               `json:"statements"`
	NewEntities int               `json:"new_entities"`
	Linked      int               `json:"linked"`
	Known       int               `json:"known,omitempty"` // proposals left out: proposed or recorded from this source before
	Entities    map[string]string `json:"entities"`        // proposal key ("person NAME") → entity id
	Notes       []string          `json:"notes,omitempty"`
	Result      *extract.Result   `json:"proposals"`
	// Already is the document that has the same bytes, ingested before: then nothing was
	// written.
	Already *docket.Document `json:"already,omitempty"`
}

// Read reads the input's text: bad input is refused here, before anything is written.
func Read(ctx context.Context, in *Input) (*docfile.File, error) {
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
	in.progress("text", 0, 1)
	f, err := docfile.Read(ctx, name, in.Data, docfile.Options{Progress: in.Progress})
	if err != nil && name != in.Name {
		// The error names the URL, not the name its media type gave it.
		return nil, docket.Errorf(docket.ErrorCode(err), "%s", strings.ReplaceAll(docket.ErrorMessage(err), name, in.Name))
	}
	return f, err
}

// Run ingests the input as v, in one transaction: nothing is written if anything fails. file
// is the input read already, or nil.
func Run(ctx context.Context, st docket.Store, v docket.Viewer, in *Input, file *docfile.File) (*Outcome, error) {
	if err := v.Authorize(docket.Researcher); err != nil {
		return nil, err
	}
	if in.Sensitivity == 0 {
		in.Sensitivity = docket.Internal
	}
	if in.Sensitivity > v.MaxSensitivity() {
		return nil, docket.Errorf(docket.EFORBIDDEN, "you are not cleared to record %s data", in.Sensitivity)
	}
	sum := docket.SHA256Hex(in.Data)
	// The same bytes again: say which document has them. Only a document v may see counts:
	// one it may not see does not exist for it.
	if ds, _, err := st.FindDocuments(ctx, v, docket.DocumentFilter{SHA256: &sum, Limit: 1}); err != nil {
		return nil, err
	} else if len(ds) > 0 {
		return &Outcome{Document: ds[0].ID, Source: ds[0].Source, Already: ds[0]}, nil
	}
	if file == nil {
		var err error
		if file, err = Read(ctx, in); err != nil {
			return nil, err
		}
	}
	in.progress("extract", 0, utf8.RuneCountInString(file.Text))
	res, err := safeExtract(file.Text)
	if err != nil {
		return nil, err
	}
	in.progress("extract", utf8.RuneCountInString(file.Text), utf8.RuneCountInString(file.Text))
	p := newPlan(ctx, st, v, in.Sensitivity, res)
	if err := p.sources(in, file); err != nil {
		return nil, err
	}
	if err := p.document(in, file, sum); err != nil {
		return nil, err
	}
	if err := p.proposals(); err != nil {
		return nil, err
	}
	if p.reused {
		if err := p.dropKnown(); err != nil {
			return nil, err
		}
	}
	in.progress("write", 0, len(p.records))
	if err := st.Write(ctx, v, p.records); err != nil {
		return nil, fmt.Errorf("nothing was written: %w", err)
	}
	in.progress("write", len(p.records), len(p.records))
	out := p.outcome()
	// Pages disappear: every new cited URL is queued for the archiver, as docket add does.
	// The ingest stands without it, so a failure here is only reported.
	for _, r := range p.records {
		if r.Kind == docket.KindSource && r.Source.URL != "" && r.Source.ID != out.Source {
			if _, err := st.EnqueueArchive(ctx, v, r.Source.ID); err != nil {
				out.Notes = append(out.Notes, fmt.Sprintf("note: could not queue %s for archiving: %s", r.Source.URL, docket.ErrorMessage(err)))
			}
		}
	}
	in.progress("done", 1, 1)
	return out, nil
}

// Dry extracts the input's text without writing: what Run would propose.
func Dry(ctx context.Context, in *Input) (*extract.Result, *docfile.File, error) {
	f, err := Read(ctx, in)
	if err != nil {
		return nil, nil, err
	}
	res, err := safeExtract(f.Text)
	return res, f, err
}

// extractText is extraction (a variable so that a test can make it fail).
var extractText = extract.Extract

// safeExtract extracts text so that a fault in one of extraction's many hand-written rules, met
// on an unusual document, is an error about that document, before anything is written: not the
// end of the server or the job that reads it.
func safeExtract(text string) (res *extract.Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, docket.Errorf(docket.EINTERNAL, "extraction failed on this document (%v); nothing was stored: please report it", r)
		}
	}()
	return extractText(text), nil
}

// sourceTitle is the title of a document's source: given, the document's own, the URL, or
// the file's name.
func sourceTitle(in *Input, f *docfile.File) string {
	switch {
	case in.Title != "":
		return in.Title
	case f.Title != "":
		return f.Title
	case in.Fetched != nil:
		return in.Fetched.URL
	}
	return strings.TrimSuffix(filepath.Base(in.Name), filepath.Ext(in.Name))
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
