package archive

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/docketorg/docket"
)

// Archiver takes snapshots of sources into a store and works the archive queue.
type Archiver struct {
	Store   docket.Store
	Fetcher *Fetcher
	Logger  *slog.Logger
	Now     func() time.Time
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
	src, err := a.Store.FindSourceByID(ctx, v, source)
	if err != nil {
		return nil, err
	}
	if src.URL == "" {
		return nil, docket.Errorf(docket.EINVALID, "source %s has no URL to archive", source)
	}
	if v.Author, err = a.Store.AuthorOf(ctx, v); err != nil {
		return nil, err
	}
	requested := a.Now()
	res, err := a.Fetcher.Fetch(ctx, src.URL)
	if err != nil {
		return nil, err
	}
	// Who asked is named by author id, and the machine not at all: custody records are public
	// with the snapshot, and a host name tells where the organisation's server is.
	s := &docket.Snapshot{
		Source: src.ID, URL: res.URL, FinalURL: res.FinalURL, Redirects: res.Redirects, Status: res.Status, Header: res.Header,
		ContentType: res.ContentType(), FetchedAt: res.FetchedAt.Truncate(time.Microsecond),
		Custody: docket.Custody{RequestedBy: v.Author, RequestedAt: requested.Truncate(time.Microsecond), Via: via,
			UserAgent: a.Fetcher.UserAgent, RemoteAddr: res.RemoteAddr, Tool: tool()},
	}
	if err := a.Store.AddSnapshot(ctx, v, s, res.Body, Text(s.ContentType, res.Body)); err != nil {
		return nil, err
	}
	return s, nil
}

// RunJob claims and runs the next due job (of source, when not ""); false when none was due.
func (a *Archiver) RunJob(ctx context.Context, source string) (bool, *docket.Snapshot, error) {
	job, err := a.Store.NextJob(ctx, a.Now(), source)
	if err != nil || job == nil {
		return false, nil, err
	}
	v := docket.Viewer{Name: job.RequestedBy, Role: docket.Researcher, Cleared: true}
	if docket.IsAuthorID(job.RequestedBy) {
		v.Author = job.RequestedBy // queued since authors are ids; before, a name
	}
	snap, err := a.Archive(ctx, v, job.Source, fmt.Sprintf("archive job %d, attempt %d", job.ID, job.Attempts))
	var retry time.Time
	if err != nil && job.Attempts <= len(a.Backoff) && !permanent(err) {
		retry = a.Now().Add(a.Backoff[job.Attempts-1])
	}
	if ferr := a.Store.FinishJob(ctx, job.ID, err, retry); ferr != nil {
		return true, nil, ferr
	}
	if err != nil {
		a.Logger.Warn("archive failed", "job", job.ID, "source", job.Source, "attempt", job.Attempts, "retry_at", retry, "err", err)
		return true, nil, err
	}
	a.Logger.Info("archived", "job", job.ID, "source", job.Source, "snapshot", snap.ID, "sha256", snap.SHA256)
	return true, snap, nil
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

// Work runs the queue until ctx is done, resting when nothing is due.
func (a *Archiver) Work(ctx context.Context, idle time.Duration) {
	for {
		ran, _, err := a.RunJob(ctx, "")
		if err != nil && errors.Is(err, context.Canceled) {
			return
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
