package archive

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/docketorg/docket"
)

// Archiver takes snapshots of sources into a store and works the archive queue.
type Archiver struct {
	Store   docket.Store
	Fetcher *Fetcher
	// Configure, if set, is asked before each job of the queue for the fetcher to work it
	// with, so that a change of the settings holds from the next job on; a nil fetcher means
	// that archiving is off, and the job waits. Unset, the queue is worked with Fetcher.
	Configure func(ctx context.Context) (*Fetcher, error)
	// Logger gets a line for every job, which names the job and the source by id and never
	// the URL, nor the text of the error (which holds the URL or its host): logs are kept
	// and shipped with less care than the store, and a confidential source's URL is as
	// confidential as the source. The full error is kept with the job in the store.
	Logger *slog.Logger
	Now    func() time.Time
	// Backoff is the wait before each retry of a failed job; a job fails for good after the
	// last.
	Backoff []time.Duration
}

// NewArchiver returns an archiver with the default fetcher and back-off.
func NewArchiver(st docket.Store) *Archiver {
	return &Archiver{
		Store: st, Fetcher: NewFetcher(), Logger: slog.New(slog.DiscardHandler),
		Now:     func() time.Time { return time.Now().UTC() },
		Backoff: []time.Duration{time.Minute, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour, 12 * time.Hour},
	}
}

// tool names the program for the chain of custody.
func tool() string {
	v := "devel"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		v = bi.Main.Version
	}
	return "docket " + v
}

// Archive fetches a source's URL now and records the snapshot, as v.
func (a *Archiver) Archive(ctx context.Context, v docket.Viewer, source, via string) (*docket.Snapshot, error) {
	return a.archive(ctx, a.Fetcher, v, source, via)
}

func (a *Archiver) archive(ctx context.Context, f *Fetcher, v docket.Viewer, source, via string) (*docket.Snapshot, error) {
	src, err := a.Store.FindSourceByID(ctx, v, source)
	if err != nil {
		return nil, err
	}
	if src.URL == "" {
		return nil, docket.Errorf(docket.EINVALID, "source %s has no URL to archive", source)
	}
	requested := a.Now()
	res, err := f.Fetch(ctx, src.URL)
	if err != nil {
		return nil, err
	}
	res.RequestedAt = requested
	return a.Record(ctx, v, src.ID, res, via)
}

// Record records what a fetch received as a snapshot of the source, as v: for a URL that
// must be fetched before its source is recorded, so that a refused fetch leaves nothing.
func (a *Archiver) Record(ctx context.Context, v docket.Viewer, source string, res *Result, via string) (*docket.Snapshot, error) {
	var err error
	if v.Author, err = a.Store.AuthorOf(ctx, v); err != nil {
		return nil, err
	}
	if res.Proxied {
		via += ", through a proxy" // which one is the organisation's business, not the record's
	}
	// Who asked is named by author id, and the machine not at all: custody records are public
	// with the snapshot, and a host name tells where the organisation's server is.
	s := &docket.Snapshot{
		Source: source, URL: res.URL, FinalURL: res.FinalURL, Redirects: res.Redirects, Status: res.Status, Header: res.Header,
		ContentType: res.ContentType(), FetchedAt: res.FetchedAt.Truncate(time.Microsecond),
		Custody: docket.Custody{RequestedBy: v.Author, RequestedAt: res.RequestedAt.Truncate(time.Microsecond), Via: via,
			UserAgent: res.UserAgent, RemoteAddr: res.RemoteAddr, Tool: tool()},
	}
	if err := a.Store.AddSnapshot(ctx, v, s, res.Body, Text(s.ContentType, res.Body)); err != nil {
		return nil, err
	}
	return s, nil
}

// RunJob claims and runs the next due job (of source, when not ""); false when none was due.
func (a *Archiver) RunJob(ctx context.Context, source string) (bool, *docket.Snapshot, error) {
	return a.runJob(ctx, a.Fetcher, source)
}

func (a *Archiver) runJob(ctx context.Context, f *Fetcher, source string) (bool, *docket.Snapshot, error) {
	job, err := a.Store.NextJob(ctx, a.Now(), source)
	if err != nil || job == nil {
		return false, nil, err
	}
	v := docket.Viewer{Name: job.RequestedBy, Role: docket.Researcher, Cleared: true}
	if docket.IsAuthorID(job.RequestedBy) {
		v.Author = job.RequestedBy // queued since authors are ids; before, a name
	}
	snap, err := a.archive(ctx, f, v, job.Source, fmt.Sprintf("archive job %d, attempt %d", job.ID, job.Attempts))
	var retry time.Time
	if err != nil && job.Attempts <= len(a.Backoff) && !permanent(err) {
		retry = a.Now().Add(a.Backoff[job.Attempts-1])
	}
	if ferr := a.Store.FinishJob(ctx, job.ID, err, retry); ferr != nil {
		return true, nil, ferr
	}
	if err != nil {
		a.Logger.Warn("archive failed", "job", job.ID, "source", job.Source, "attempt", job.Attempts, "retry_at", retry,
			"code", docket.ErrorCode(err), "reason", errorClass(err))
		return true, nil, err
	}
	// No digest either: a page's hash confirms a guess of which page it was.
	a.Logger.Info("archived", "job", job.ID, "source", job.Source, "snapshot", snap.ID)
	return true, snap, nil
}

// errorClass names what went wrong with a fetch in words of its own, for the log: an error's
// text holds the URL, or its host in a DNS, TLS or proxy error.
func errorClass(err error) string {
	var dns *net.DNSError
	var re *RefusedError
	var ne net.Error
	switch {
	case errors.Is(err, context.Canceled):
		return "cancelled"
	case docket.ErrorCode(err) == docket.EFORBIDDEN, errors.As(err, &re):
		return "refused: a private address or local name"
	case docket.ErrorCode(err) == docket.ETOOLARGE:
		return "too large"
	case docket.ErrorCode(err) == docket.EINVALID:
		return "not an http or https URL"
	case docket.ErrorCode(err) == docket.ENOTFOUND:
		return "no such source"
	case errors.Is(err, errProxy):
		return "proxy failed"
	case errors.As(err, &dns):
		return "name not found"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.As(err, &ne) && ne.Timeout(), errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	}
	return "fetch failed"
}

// permanent reports errors that a retry cannot mend: a refused address, a bad URL, a body
// over the limit.
func permanent(err error) bool {
	switch docket.ErrorCode(err) {
	case docket.EFORBIDDEN, docket.EINVALID, docket.ETOOLARGE, docket.ENOTFOUND:
		return true
	}
	return false
}

// Work runs the queue until ctx is done, resting when nothing is due or archiving is off.
func (a *Archiver) Work(ctx context.Context, idle time.Duration) {
	for {
		f, err := a.Fetcher, error(nil)
		if a.Configure != nil {
			if f, err = a.Configure(ctx); err != nil && ctx.Err() == nil {
				a.Logger.Warn("archive settings", "err", err)
			}
		}
		ran := false
		if f != nil && err == nil {
			ran, _, err = a.runJob(ctx, f, "")
			if err != nil && errors.Is(err, context.Canceled) {
				return
			}
		}
		if !ran {
			select {
			case <-ctx.Done():
				return
			case <-time.After(idle):
			}
		}
	}
}
