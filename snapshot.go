package docket

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"time"
)

// Snapshot is a preserved copy of what a source's URL answered at a time: the raw body,
// content-addressed by SHA-256 and kept in the store itself, the headers, the redirects that
// led to it, the text extracted from it, and its chain of custody. A snapshot is a record of
// the change log, so it is a leaf of the ledger.
type Snapshot struct {
	ID          string      `json:"id"`
	Source      string      `json:"source"`
	URL         string      `json:"url"`       // as requested
	FinalURL    string      `json:"final_url"` // after redirects
	Redirects   []Redirect  `json:"redirects,omitempty"`
	Status      int         `json:"status"`
	Header      http.Header `json:"headers"`
	ContentType string      `json:"content_type,omitempty"`
	SHA256      string      `json:"sha256"` // of the body
	Size        int64       `json:"size"`
	TextSHA256  string      `json:"text_sha256,omitempty"` // of the extracted text, a blob too
	FetchedAt   time.Time   `json:"fetched_at"`
	Custody     Custody     `json:"custody"`
	Author      string      `json:"author"`
	CreatedAt   time.Time   `json:"created"`
	// Sealed holds, for a snapshot of a confidential source, everything above but its id, its
	// source and its times, encrypted under the store's data key; SHA256 and TextSHA256 then
	// name the sealed content (keyed terms), not the content.
	Sealed *Sealed `json:"sealed,omitempty"`

	// Derived.
	Locked bool `json:"locked,omitempty"` // sealed, and the store has not the key to open it
}

// Redirect is one hop before the final URL.
type Redirect struct {
	URL    string `json:"url"`
	Status int    `json:"status"`
}

// Custody records who asked for a snapshot, when, from where, by what means, and what was
// received, in the spirit of the Berkeley Protocol on Digital Open Source Investigations.
type Custody struct {
	RequestedBy string    `json:"requested_by"`
	RequestedAt time.Time `json:"requested_at"`
	Via         string    `json:"via"`  // "docket archive", "archive job 12, attempt 2"
	Host        string    `json:"host"` // the machine that fetched
	UserAgent   string    `json:"user_agent"`
	RemoteAddr  string    `json:"remote_addr,omitempty"` // the address connected to
	Tool        string    `json:"tool"`                  // program and version
}

// Blob is content stored by its SHA-256: a snapshot's body or text. In an export a blob
// record precedes the first snapshot that needs it; blobs are not changes.
type Blob struct {
	SHA256 string `json:"sha256"`
	Data   []byte `json:"data"`
	// Sealed says that Data is a box under the store's data key and SHA256 a keyed term of the
	// content's SHA-256: the content of a snapshot of a confidential source, exported without
	// the key.
	Sealed bool `json:"sealed,omitempty"`
}

// KindBlob is the export record kind of a Blob.
const KindBlob = "blob"

// SHA256Hex returns the hex SHA-256 of b.
func SHA256Hex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// MaxSnapshotSize caps a snapshot's body: evidence, not a video archive.
const MaxSnapshotSize = 32 << 20

// Job is a queued archive of a source's URL. Jobs survive restarts and are retried with
// back-off.
type Job struct {
	ID          int64     `json:"id"`
	Source      string    `json:"source"`
	URL         string    `json:"url"`
	Attempts    int       `json:"attempts"`
	State       string    `json:"state"` // pending, done, failed
	NextAt      time.Time `json:"next_at"`
	LastError   string    `json:"last_error,omitempty"`
	RequestedBy string    `json:"requested_by"`
}

// SnapshotService preserves sources.
type SnapshotService interface {
	// AddSnapshot stores the body and text and records the snapshot, in one transaction.
	AddSnapshot(ctx context.Context, v Viewer, s *Snapshot, body, text []byte) error
	// FindSnapshots returns the snapshots of a source v may see (all sources when source is
	// ""), oldest first.
	FindSnapshots(ctx context.Context, v Viewer, source string) ([]*Snapshot, error)
	// FindBlob returns stored content that a snapshot v may see refers to.
	FindBlob(ctx context.Context, v Viewer, sha256 string) ([]byte, error)
	// EnqueueArchive queues an archive of a source's URL.
	EnqueueArchive(ctx context.Context, v Viewer, source string) (*Job, error)
	// NextJob claims the next pending job due at now (of the source, when it is not ""), or
	// returns nil.
	NextJob(ctx context.Context, now time.Time, source string) (*Job, error)
	// FindJobs returns the latest archive jobs of a source v may see, newest first: what the
	// source's page says of its archiving. Staff only.
	FindJobs(ctx context.Context, v Viewer, source string) ([]*Job, error)
	// FinishJob records a job's outcome: done when err is nil, else retried at retryAt, or
	// failed for good when retryAt is zero.
	FinishJob(ctx context.Context, id int64, err error, retryAt time.Time) error
}
