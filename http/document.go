package http

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/ingest"
)

// Documents in the web: upload (a file, or a URL when the operator lets the server fetch),
// the document's page, its file, and the review of its proposals beside its text. Reading a
// scan by OCR takes minutes, longer than a request: every upload is a job, which the upload
// waits for a few seconds and whose page reports its state until it is done.

// MaxUploadSize caps the body of an upload: a document and the form around it.
const MaxUploadSize = docket.MaxDocumentSize + 1<<20

// uploadWait is how long an upload waits for its job before it shows the job's page.
var uploadWait = 5 * time.Second

func (s *Server) registerDocumentRoutes() {
	s.mux.HandleFunc("GET /documents", s.handleDocuments)
	s.mux.HandleFunc("GET /documents/new", s.handleDocumentForm)
	s.mux.HandleFunc("POST /documents", s.handleUpload)
	s.mux.HandleFunc("GET /uploads/{id}", s.handleJobPage)
	s.mux.HandleFunc("GET /documents/{id}", s.handleDocumentPage)
	s.mux.HandleFunc("GET /documents/{id}/file", s.handleDocumentFile)
	s.mux.HandleFunc("GET /documents/{id}/review", s.handleDocumentReview)
	s.mux.HandleFunc("POST /documents/{id}/review", s.handleBulkReview)
	s.mux.HandleFunc("POST /documents/{id}/link", s.handleLink)
	s.handle("POST", "/api/v1/documents", s.handleAPIUpload)
	s.handle("GET", "/api/v1/documents/{id}", s.handleAPIDocument)
}

// Fetcher fetches a URL given to ingest: nil, or refusing, when the operator has not let the
// server fetch (see docket.Settings.Archive). cmd/docket sets it, under the archiver's rules.
type Fetcher func(ctx context.Context, url string) (*ingest.Fetched, []byte, error)

// ingestJob is one upload being read and ingested.
type ingestJob struct {
	ID      string
	Name    string
	Author  string // whose job it is: only they see it
	Started time.Time

	mu       sync.Mutex
	stage    string
	done     int
	total    int
	finished bool
	outcome  *ingest.Outcome
	err      error
}

// jobState is a job as a page or the API shows it.
type jobState struct {
	ID       string          `json:"id"`
	Name     string          `json:"name"`
	Stage    string          `json:"stage"`
	Done     int             `json:"done"`
	Total    int             `json:"total"`
	Finished bool            `json:"finished"`
	Error    string          `json:"error,omitempty"`
	Code     string          `json:"code,omitempty"`
	Outcome  *ingest.Outcome `json:"outcome,omitempty"`
}

func (j *ingestJob) state() jobState {
	j.mu.Lock()
	defer j.mu.Unlock()
	st := jobState{ID: j.ID, Name: j.Name, Stage: j.stage, Done: j.done, Total: j.total, Finished: j.finished, Outcome: j.outcome}
	if j.err != nil {
		st.Error, st.Code = docket.ErrorMessage(j.err), docket.ErrorCode(j.err)
	}
	return st
}

// jobs are the uploads of the last hours, in memory: a job is the server's work, not a record.
type jobs struct {
	mu   sync.Mutex
	byID map[string]*ingestJob
}

// jobKeep is how long a finished job's page stays.
const jobKeep = 6 * time.Hour

func (js *jobs) add(j *ingestJob) {
	js.mu.Lock()
	defer js.mu.Unlock()
	if js.byID == nil {
		js.byID = map[string]*ingestJob{}
	}
	for id, old := range js.byID {
		if time.Since(old.Started) > jobKeep {
			delete(js.byID, id)
		}
	}
	js.byID[j.ID] = j
}

// get returns a job of the author's; another's answers as one that does not exist.
func (js *jobs) get(id, author string) (*ingestJob, error) {
	js.mu.Lock()
	defer js.mu.Unlock()
	if j := js.byID[id]; j != nil && j.Author == author {
		return j, nil
	}
	return nil, docket.Errorf(docket.ENOTFOUND, "no upload %q", id)
}

// startIngest runs an ingest as v in the background and returns its job: the request that
// asked may end before it does.
func (s *Server) startIngest(v docket.Viewer, in *ingest.Input) (*ingestJob, error) {
	author, err := s.Store.AuthorOf(context.Background(), v)
	if err != nil {
		return nil, err
	}
	var b [9]byte
	rand.Read(b[:])
	j := &ingestJob{ID: hex.EncodeToString(b[:]), Name: in.Name, Author: author, Started: time.Now(), stage: "text"}
	in.Progress = func(stage string, done, total int) {
		j.mu.Lock()
		j.stage, j.done, j.total = stage, done, total
		j.mu.Unlock()
	}
	s.jobs.add(j)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
		defer cancel()
		out, err := ingest.Run(ctx, s.Store, v, in, nil)
		if err != nil && docket.ErrorCode(err) == docket.EINTERNAL {
			s.Logger.Error("ingest failed", "job", j.ID, "err", err)
		}
		j.mu.Lock()
		j.finished, j.outcome, j.err = true, out, err
		j.mu.Unlock()
	}()
	return j, nil
}

// wait waits for a job a little, and reports whether it finished.
func (j *ingestJob) wait(ctx context.Context, d time.Duration) bool {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		if j.state().Finished {
			return true
		}
		time.Sleep(20 * time.Millisecond)
	}
	return j.state().Finished
}

// documentForm is what the upload form sends.
type documentForm struct {
	URL, Title, Sensitivity string
}

type documentNewPage struct {
	layout
	Form          documentForm
	Err           string
	Sensitivities []docket.Sensitivity
	CanFetch      bool
	Max           int
}

func (s *Server) documentNewPage(w http.ResponseWriter, r *http.Request) *documentNewPage {
	p := &documentNewPage{layout: s.layout(w, r, "documents.new"), Form: documentForm{Sensitivity: "internal"}, CanFetch: s.Fetch != nil,
		Max: docket.MaxDocumentSize >> 20}
	p.Nav = "documents"
	for _, sens := range []docket.Sensitivity{docket.Public, docket.Internal, docket.Confidential} {
		if sens <= p.Viewer.MaxSensitivity() {
			p.Sensitivities = append(p.Sensitivities, sens)
		}
	}
	return p
}

func (s *Server) handleDocumentForm(w http.ResponseWriter, r *http.Request) {
	if !s.mayWrite(w, r, docket.Researcher) {
		return
	}
	s.render(w, r, http.StatusOK, "document_new.html", s.documentNewPage(w, r))
}

// readUpload reads the input of an upload, a file or a URL, from a multipart form or, for the
// API, from JSON. The error names the file and the reason.
func (s *Server) readUpload(r *http.Request) (*ingest.Input, error) {
	in := &ingest.Input{Sensitivity: docket.Internal}
	var u, sens string
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		var body struct {
			URL         string `json:"url"`
			Title       string `json:"title"`
			Sensitivity string `json:"sensitivity"`
		}
		if err := decode(r, &body); err != nil {
			return nil, err
		}
		u, in.Title, sens = body.URL, body.Title, body.Sensitivity
	} else {
		if err := r.ParseMultipartForm(8 << 20); err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return nil, docket.Errorf(docket.ETOOLARGE, "the document is over the limit of %d MB", docket.MaxDocumentSize>>20)
			}
			return nil, docket.Errorf(docket.EINVALID, "the upload could not be read: %v", err)
		}
		u, in.Title, sens = strings.TrimSpace(r.FormValue("url")), strings.TrimSpace(r.FormValue("title")), r.FormValue("sensitivity")
		if f, h, err := r.FormFile("file"); err == nil {
			defer f.Close()
			in.Name = h.Filename
			if in.Data, err = io.ReadAll(io.LimitReader(f, docket.MaxDocumentSize+1)); err != nil {
				return nil, docket.Errorf(docket.EINVALID, "%s could not be read: %v", h.Filename, err)
			}
			if len(in.Data) > docket.MaxDocumentSize {
				return nil, docket.Errorf(docket.ETOOLARGE, "%s is over the limit of %d MB for a document", h.Filename, docket.MaxDocumentSize>>20)
			}
		}
	}
	if sens != "" {
		level, err := docket.ParseSensitivity(sens)
		if err != nil {
			return nil, err
		}
		in.Sensitivity = level
	}
	switch {
	case in.Name != "" && u != "":
		return nil, docket.Errorf(docket.EINVALID, "give a file or a URL, not both")
	case in.Name == "" && u == "":
		return nil, docket.Errorf(docket.EINVALID, "choose a file to upload, or give a URL")
	case u != "":
		if s.Fetch == nil {
			return nil, docket.Errorf(docket.EINVALID, "this server fetches no URL: download the page and upload the file")
		}
		f, data, err := s.Fetch(r.Context(), u)
		if err != nil {
			return nil, err
		}
		in.Name, in.Fetched, in.Data = u, f, data
	}
	return in, nil
}

func (s *Server) handleUpload(w http.ResponseWriter, r *http.Request) {
	if !s.mayWrite(w, r, docket.Researcher) {
		return
	}
	v := viewer(r)
	in, err := s.readUpload(r)
	if err == nil && in.Sensitivity > v.MaxSensitivity() {
		err = docket.Errorf(docket.EFORBIDDEN, "you are not cleared to record %s data", in.Sensitivity)
	}
	var j *ingestJob
	if err == nil {
		j, err = s.startIngest(v, in)
	}
	if err == nil && j.wait(r.Context(), uploadWait) && j.state().Error != "" {
		// Bad input is refused at once: the form comes back with the reason.
		err = j.err
	}
	if err != nil {
		if code := docket.ErrorCode(err); code == docket.EINTERNAL {
			s.Error(w, r, err)
			return
		}
		p := s.documentNewPage(w, r)
		p.Form = documentForm{URL: r.FormValue("url"), Title: r.FormValue("title"), Sensitivity: r.FormValue("sensitivity")}
		p.Err = docket.ErrorMessage(err)
		s.render(w, r, ErrorStatusCode(docket.ErrorCode(err)), "document_new.html", p)
		return
	}
	if st := j.state(); st.Finished {
		switch {
		case st.Outcome != nil && st.Outcome.Already != nil:
			http.Redirect(w, r, "/documents/"+url.PathEscape(st.Outcome.Already.ID)+"?flash=already", http.StatusSeeOther)
			return
		case st.Outcome != nil:
			http.Redirect(w, r, "/documents/"+url.PathEscape(st.Outcome.Document)+"/review?flash=ingested", http.StatusSeeOther)
			return
		}
	}
	http.Redirect(w, r, "/uploads/"+j.ID, http.StatusSeeOther)
}

type jobPage struct {
	layout
	Job jobState
}

func (s *Server) handleJobPage(w http.ResponseWriter, r *http.Request) {
	v := viewer(r)
	if v.Role == docket.Anonymous {
		s.redirectLogin(w, r)
		return
	}
	author, err := s.Store.AuthorOf(r.Context(), v)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	j, err := s.jobs.get(r.PathValue("id"), author)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	st := j.state()
	if strings.Contains(r.Header.Get("Accept"), "application/json") {
		writeJSON(w, http.StatusOK, st) // an API client polling its upload
		return
	}
	if st.Finished && st.Outcome != nil {
		id := st.Outcome.Document
		if st.Outcome.Already != nil {
			http.Redirect(w, r, "/documents/"+url.PathEscape(st.Outcome.Already.ID)+"?flash=already", http.StatusSeeOther)
			return
		}
		http.Redirect(w, r, "/documents/"+url.PathEscape(id)+"/review?flash=ingested", http.StatusSeeOther)
		return
	}
	p := &jobPage{layout: s.layout(w, r, "documents.job", st.Name), Job: st}
	p.Nav = "documents"
	if !st.Finished {
		// Without JavaScript the page asks again every two seconds.
		w.Header().Set("Refresh", "2")
	}
	s.render(w, r, http.StatusOK, "document_job.html", p)
}

// documentRow is a document in a list.
type documentRow struct {
	Doc    *docket.Document
	Source *docket.Source
	Open   int // proposals still open
}

type documentsPage struct {
	layout
	Docs       []documentRow
	Total      int
	Prev, Next string
}

const documentsPerPage = 50

func (s *Server) handleDocuments(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), viewer(r)
	if v.Role == docket.Anonymous {
		s.redirectLogin(w, r)
		return
	}
	off, _ := strconv.Atoi(r.URL.Query().Get("offset"))
	off = max(off, 0)
	ds, n, err := s.Store.FindDocuments(ctx, v, docket.DocumentFilter{Offset: off, Limit: documentsPerPage})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &documentsPage{layout: s.layout(w, r, "documents.title"), Total: n}
	p.Nav = "documents"
	for _, d := range ds {
		row := documentRow{Doc: d}
		row.Source, _ = s.Store.FindSourceByID(ctx, v, d.Source)
		draft := docket.Draft
		_, row.Open, _ = s.Store.FindStatements(ctx, v, docket.StatementFilter{Source: &d.Source, Status: &draft, Limit: 1})
		p.Docs = append(p.Docs, row)
	}
	if off > 0 {
		p.Prev = "/documents?offset=" + strconv.Itoa(max(off-documentsPerPage, 0))
	}
	if off+documentsPerPage < n {
		p.Next = "/documents?offset=" + strconv.Itoa(off+documentsPerPage)
	}
	s.render(w, r, http.StatusOK, "documents.html", p)
}

// documentPage is a document: its text, its file, the facts that rest on it and the
// proposals still open.
type documentPage struct {
	layout
	Doc       *docket.Document
	Source    *docket.Source
	Text      string
	Facts     []sourceFact
	Open      int
	Reviewed  int
	Footnotes []*docket.Source
	HasFile   bool // the viewer may download a file of it
}

func (s *Server) handleDocumentPage(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), viewer(r)
	d, err := s.Store.FindDocumentByID(ctx, v, r.PathValue("id"))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &documentPage{layout: s.layout(w, r, ""), Doc: d}
	p.Nav = "documents"
	if p.Source, err = s.Store.FindSourceByID(ctx, v, d.Source); err != nil {
		s.Error(w, r, err)
		return
	}
	p.Title = p.Source.Caption()
	if d.Locked {
		// Sealed, and the server has not the key: it exists, and it is said to be locked.
		p.Text = p.T("fact.locked")
	} else {
		text, err := s.Store.DocumentContent(ctx, v, d.ID, docket.DocumentText)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		p.Text = string(text)
		p.HasFile = v.SeesDrafts() || d.PublicSHA256 != ""
	}
	p.Footnotes, _, _ = s.Store.FindSources(ctx, v, docket.SourceFilter{CitedIn: &d.Source, Limit: 200})
	b := s.newBuilder(r, &p.layout)
	for _, src := range append([]string{d.Source}, ids(p.Footnotes)...) {
		ss, _, err := s.Store.FindStatements(ctx, v, docket.StatementFilter{Source: &src, Limit: 1000, SkipCount: true})
		if err != nil {
			s.Error(w, r, err)
			return
		}
		for _, st := range ss {
			if st.Status == docket.Draft {
				p.Open++
				continue
			}
			p.Reviewed++
			if e := b.entity(st.Entity); e != nil {
				f := b.fact(e, st)
				f.Note = 0
				p.Facts = append(p.Facts, sourceFact{Entity: e, Fact: f})
			}
		}
	}
	s.render(w, r, http.StatusOK, "document.html", p)
}

func ids(srcs []*docket.Source) []string {
	var out []string
	for _, s := range srcs {
		out = append(out, s.ID)
	}
	return out
}

// handleDocumentFile serves a document's file: to staff as it was given (or, with ?public=1,
// as the public gets it), to the public only the copy without author metadata. Never inline:
// an uploaded HTML page or PDF must not run in this site's origin.
func (s *Server) handleDocumentFile(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), viewer(r)
	d, err := s.Store.FindDocumentByID(ctx, v, r.PathValue("id"))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	part := docket.DocumentPublic
	if v.SeesDrafts() && r.URL.Query().Get("public") == "" {
		part = docket.DocumentFile
	}
	b, err := s.Store.DocumentContent(ctx, v, d.ID, part)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	name := downloadName(d)
	h := w.Header()
	h.Set("Content-Type", "application/octet-stream")
	h.Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(name))
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	if v.Role > docket.Anonymous {
		h.Set("Cache-Control", "no-store")
	}
	w.Write(b)
}

// downloadName is the file name a document downloads as: its own, else one for its format.
func downloadName(d *docket.Document) string {
	name := d.Name
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	if i := strings.IndexAny(name, "?#"); i >= 0 {
		name = name[:i]
	}
	if name == "" || !strings.Contains(name, ".") {
		ext := map[string]string{docket.FormatPDF: ".pdf", docket.FormatDOCX: ".docx", docket.FormatHTML: ".html", docket.FormatText: ".txt"}[d.Format]
		name = "document-" + d.ID + ext
	}
	return name
}

// handleAPIUpload ingests a document posted as multipart (field "file") or, as JSON, a URL.
// It answers 201 with the outcome when the ingest ends within a few seconds, 200 with the
// earlier document when the same bytes were ingested before, and else 202 with the job to
// poll at /uploads/{id} (with the token, asking for JSON).
func (s *Server) handleAPIUpload(w http.ResponseWriter, r *http.Request) {
	v := viewer(r)
	if err := v.Authorize(docket.Researcher); err != nil {
		s.Error(w, r, err)
		return
	}
	in, err := s.readUpload(r)
	if err == nil && in.Sensitivity > v.MaxSensitivity() {
		err = docket.Errorf(docket.EFORBIDDEN, "you are not cleared to record %s data", in.Sensitivity)
	}
	if err != nil {
		s.Error(w, r, err)
		return
	}
	j, err := s.startIngest(v, in)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if !j.wait(r.Context(), uploadWait) {
		w.Header().Set("Location", "/uploads/"+j.ID)
		writeJSON(w, http.StatusAccepted, j.state())
		return
	}
	st := j.state()
	switch {
	case st.Error != "":
		s.Error(w, r, j.err)
	case st.Outcome.Already != nil:
		writeJSON(w, http.StatusOK, st)
	default:
		writeJSON(w, http.StatusCreated, st)
	}
}

func (s *Server) handleAPIDocument(w http.ResponseWriter, r *http.Request) {
	d, err := s.Store.FindDocumentByID(r.Context(), viewer(r), r.PathValue("id"))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, d)
}
