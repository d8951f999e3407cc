package http

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"

	"github.com/docketorg/docket"
)

// Evidence in the web: a source's archive state, archiving it now, its preserved copies served
// so that they can do nothing (no script, no request to the original site), its WARC, and a
// case's evidence bundle.

// Evidence writes what the http package does not make itself: cmd/docket gives it the WARC
// writer of the archive package and the ledger's signing key.
type Evidence interface {
	// WriteWARC writes snapshots as WARC/1.1, reading each one's body with body.
	WriteWARC(w io.Writer, snaps []*docket.Snapshot, body func(*docket.Snapshot) ([]byte, error)) error
	// Bundle returns the signed evidence bundle of a case, to be written as JSON.
	Bundle(ctx context.Context, caseID string) (any, error)
}

func (s *Server) registerEvidenceRoutes() {
	s.mux.HandleFunc("POST /source/{id}/archive", s.handleArchiveNow)
	s.mux.HandleFunc("GET /source/{id}/snapshots/{snap}", s.handleSnapshot)
	s.mux.HandleFunc("GET /source/{id}/warc", s.handleSourceWARC)
	s.mux.HandleFunc("GET /cases/{id}/bundle", s.handleCaseBundle)
}

// sourceEvidence is what a source's page says of its preservation.
type sourceEvidence struct {
	Jobs      []*docket.Job      // the latest archive jobs, newest first (staff)
	Documents []*docket.Document // the documents that are this source
	ArchiveOn bool               // the server archives now: the button works
	CanWARC   bool
}

// JobState names a job's state for a page: waiting, failed (for now or for good), done.
func (e sourceEvidence) Latest() *docket.Job {
	if len(e.Jobs) == 0 {
		return nil
	}
	return e.Jobs[0]
}

func (s *Server) sourceEvidence(r *http.Request, src *docket.Source) sourceEvidence {
	ctx, v := r.Context(), viewer(r)
	var e sourceEvidence
	if v.SeesDrafts() {
		e.Jobs, _ = s.Store.FindJobs(ctx, v, src.ID)
		e.ArchiveOn = s.ArchiveOn != nil && s.ArchiveOn(ctx)
		e.CanWARC = v.CanEdit() && s.Evidence != nil
	}
	e.Documents, _, _ = s.Store.FindDocuments(ctx, v, docket.DocumentFilter{Source: &src.ID, Limit: 20})
	return e
}

func (s *Server) handleArchiveNow(w http.ResponseWriter, r *http.Request) {
	if !s.mayWrite(w, r, docket.Researcher) {
		return
	}
	ctx, v := r.Context(), viewer(r)
	id := r.PathValue("id")
	if _, err := s.Store.FindSourceByID(ctx, v, id); err != nil {
		s.Error(w, r, err)
		return
	}
	if s.ArchiveOn == nil || !s.ArchiveOn(ctx) {
		s.Error(w, r, docket.Errorf(docket.EINVALID, "archiving is off: the server fetches nothing until an admin turns it on under Settings"))
		return
	}
	if _, err := s.Store.EnqueueArchive(ctx, v, id); err != nil {
		s.Error(w, r, err)
		return
	}
	http.Redirect(w, r, addFlash("/source/"+url.PathEscape(id), "queued"), http.StatusSeeOther)
}

// handleSnapshot serves a preserved copy as it was received, in a sandbox: no script runs, no
// request leaves for the original site (or any other), no form is sent, and the copy cannot
// reach this site's cookies or pages.
func (s *Server) handleSnapshot(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), viewer(r)
	snaps, err := s.Store.FindSnapshots(ctx, v, r.PathValue("id"))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var snap *docket.Snapshot
	for _, x := range snaps {
		if x.ID == r.PathValue("snap") {
			snap = x
		}
	}
	if snap == nil {
		s.Error(w, r, docket.Errorf(docket.ENOTFOUND, "no snapshot %q of this source", r.PathValue("snap")))
		return
	}
	body, err := s.Store.FindBlob(ctx, v, snap.SHA256)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'")
	ct := snap.ContentType
	switch ct {
	case "text/html", "application/xhtml+xml", "text/plain", "application/pdf", "image/png", "image/jpeg", "image/gif":
	default:
		ct = "application/octet-stream"
	}
	if ct == "text/html" || ct == "text/plain" {
		ct += "; charset=utf-8"
		if c := snap.Header.Get("Content-Type"); c != "" {
			ct = c // the charset the site declared
		}
	}
	h.Set("Content-Type", ct)
	h.Set("Cache-Control", "private, no-store")
	w.Write(body)
}

func (s *Server) handleSourceWARC(w http.ResponseWriter, r *http.Request) {
	if !s.mayWrite(w, r, docket.Editor) {
		return
	}
	ctx, v := r.Context(), viewer(r)
	src, err := s.Store.FindSourceByID(ctx, v, r.PathValue("id"))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if s.Evidence == nil {
		s.Error(w, r, docket.Errorf(docket.ENOTFOUND, "this server writes no WARC"))
		return
	}
	snaps, err := s.Store.FindSnapshots(ctx, v, src.ID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if len(snaps) == 0 {
		s.Error(w, r, docket.Errorf(docket.ENOTFOUND, "source %s has no preserved copy yet", src.ID))
		return
	}
	w.Header().Set("Content-Type", "application/warc")
	w.Header().Set("Content-Disposition", `attachment; filename="`+src.ID+`.warc"`)
	w.Header().Set("Cache-Control", "no-store")
	if err := s.Evidence.WriteWARC(w, snaps, func(sn *docket.Snapshot) ([]byte, error) { return s.Store.FindBlob(ctx, v, sn.SHA256) }); err != nil {
		s.Logger.Error("write WARC", "source", src.ID, "err", err)
	}
}

func (s *Server) handleCaseBundle(w http.ResponseWriter, r *http.Request) {
	if !s.mayWrite(w, r, docket.Editor) {
		return
	}
	ctx, v := r.Context(), viewer(r)
	e, err := s.Store.FindEntityByID(ctx, v, r.PathValue("id"))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if e.Schema != "Case" || s.Evidence == nil {
		s.Error(w, r, docket.Errorf(docket.ENOTFOUND, "no bundle of %s", e.ID))
		return
	}
	b, err := s.Evidence.Bundle(ctx, e.ID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Disposition", `attachment; filename="`+e.ID+`.bundle.json"`)
	w.Header().Set("Cache-Control", "no-store")
	json.NewEncoder(w).Encode(b)
}
