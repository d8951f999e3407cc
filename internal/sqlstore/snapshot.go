package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/docketorg/docket"
)

func (l lookup) LookupBlob(ctx context.Context, sha string) (bool, error) {
	var n int
	err := l.tx.queryRow(ctx, `SELECT COUNT(*) FROM blobs WHERE sha256 = ?`, sha).Scan(&n)
	return n > 0, err
}

// putBlob stores content by its SHA-256, once.
func (tx *Tx) putBlob(ctx context.Context, data []byte) (string, error) {
	sha := docket.SHA256Hex(data)
	if _, err := tx.exec(ctx, `INSERT INTO blobs (sha256, size, data) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING`, sha, len(data), data); err != nil {
		return "", fmt.Errorf("store blob: %w", err)
	}
	return sha, nil
}

func (tx *Tx) blob(ctx context.Context, sha string) ([]byte, error) {
	var data []byte
	err := tx.queryRow(ctx, `SELECT data FROM blobs WHERE sha256 = ?`, sha).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, docket.Errorf(docket.ENOTFOUND, "no content %s", sha)
	}
	return data, err
}

// AddSnapshot stores a snapshot's body and text and records it.
func (db *Store) AddSnapshot(ctx context.Context, v docket.Viewer, s *docket.Snapshot, body, text []byte) error {
	if err := v.Authorize(docket.Researcher); err != nil {
		return err
	}
	if len(body) > docket.MaxSnapshotSize {
		return docket.Errorf(docket.ETOOLARGE, "snapshot body is %d bytes, over %d", len(body), docket.MaxSnapshotSize)
	}
	return db.update(ctx, func(tx *Tx) error {
		if _, err := tx.visibleSource(ctx, v, s.Source); err != nil {
			return err
		}
		var err error
		if s.SHA256, err = tx.putBlob(ctx, body); err != nil {
			return err
		}
		s.Size = int64(len(body))
		if len(text) > 0 {
			if s.TextSHA256, err = tx.putBlob(ctx, text); err != nil {
				return err
			}
		}
		if s.ID == "" {
			s.ID = tx.newID("snap")
		}
		if s.Author, err = tx.author(ctx, v); err != nil {
			return err
		}
		s.CreatedAt = tx.now
		_, err = tx.commit(ctx, v, &docket.Record{Kind: docket.KindSnapshot, Snapshot: s})
		return err
	})
}

// visibleSource returns the URL of a source v may see, or ENOTFOUND.
func (tx *Tx) visibleSource(ctx context.Context, v docket.Viewer, id string) (string, error) {
	var url sql.NullString
	err := tx.queryRow(ctx, `SELECT url FROM sources WHERE id = ? AND sensitivity <= ?`, id, int(v.MaxSensitivity())).Scan(&url)
	if errors.Is(err, sql.ErrNoRows) {
		return "", docket.Errorf(docket.ENOTFOUND, "no source %q", id)
	}
	return url.String, err
}

// FindSnapshots returns the snapshots of sources v may see.
func (db *Store) FindSnapshots(ctx context.Context, v docket.Viewer, source string) (out []*docket.Snapshot, err error) {
	err = db.viewFor(ctx, v, func(tx *Tx) error {
		q := `SELECT c.payload FROM snapshots sn JOIN sources so ON so.id = sn.source_id JOIN changes c ON c.seq = sn.seq WHERE so.sensitivity <= ?`
		args := []any{int(v.MaxSensitivity())}
		if source != "" {
			q, args = q+` AND sn.source_id = ?`, append(args, source)
		}
		rows, err := tx.QueryContext(ctx, q+` ORDER BY sn.seq`, args...)
		if err != nil {
			return fmt.Errorf("read snapshots: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var payload string
			if err := rows.Scan(&payload); err != nil {
				return err
			}
			var r docket.Record
			if err := json.Unmarshal([]byte(payload), &r); err != nil || r.Snapshot == nil {
				return fmt.Errorf("snapshot record: %v", err)
			}
			if tx.public {
				r.RedactAuthors()
			}
			out = append(out, r.Snapshot)
		}
		return rows.Err()
	})
	return out, err
}

// FindBlob returns content that a snapshot v may see refers to.
func (db *Store) FindBlob(ctx context.Context, v docket.Viewer, sha string) (data []byte, err error) {
	err = db.viewFor(ctx, v, func(tx *Tx) error {
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM snapshots sn JOIN sources so ON so.id = sn.source_id
			WHERE (sn.sha256 = ? OR sn.text_sha256 = ?) AND so.sensitivity <= ?`, sha, sha, int(v.MaxSensitivity())).Scan(&n); err != nil {
			return err
		} else if n == 0 {
			return docket.Errorf(docket.ENOTFOUND, "no content %s", sha)
		}
		data, err = tx.blob(ctx, sha)
		return err
	})
	return data, err
}

// enqueue queues an archive of a URL in tx.
func (tx *Tx) enqueue(ctx context.Context, source, url, by string) (*docket.Job, error) {
	j := &docket.Job{Source: source, URL: url, State: "pending", NextAt: tx.now, RequestedBy: by}
	err := tx.queryRow(ctx, `INSERT INTO jobs (source_id, url, next_at, requested_by, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id`,
		source, url, formatTime(tx.now), by, formatTime(tx.now)).Scan(&j.ID)
	return j, err
}

// EnqueueArchive queues an archive of a source's URL.
func (db *Store) EnqueueArchive(ctx context.Context, v docket.Viewer, source string) (j *docket.Job, err error) {
	if err := v.Authorize(docket.Researcher); err != nil {
		return nil, err
	}
	err = db.update(ctx, func(tx *Tx) error {
		url, err := tx.visibleSource(ctx, v, source)
		if err != nil {
			return err
		} else if url == "" {
			return docket.Errorf(docket.EINVALID, "source %s has no URL to archive", source)
		}
		author, err := tx.author(ctx, v)
		if err != nil {
			return err
		}
		j, err = tx.enqueue(ctx, source, url, author)
		return err
	})
	return j, err
}

// jobLease is how long a claimed job stays claimed: a worker that dies leaves its job to be
// retried after it.
const jobLease = 10 * time.Minute

// NextJob claims the next due job: it leases it for jobLease, so that no other worker, of this
// process or another on the same database, takes it meanwhile. The claim does not wait for the
// writers' lock (the queue is not in the change log, and an import holds that lock for its
// whole length); on PostgreSQL the row is locked FOR UPDATE SKIP LOCKED instead, so that
// workers claiming at once each take another job and none runs twice.
func (db *Store) NextJob(ctx context.Context, now time.Time, source string) (j *docket.Job, err error) {
	tx, err := db.begin(ctx, db.W)
	if err != nil {
		return nil, db.busy(fmt.Errorf("begin: %w", err))
	}
	defer tx.Rollback()
	var job docket.Job
	var lastErr sql.NullString
	var next string
	err = tx.QueryRowContext(ctx, `SELECT id, source_id, url, attempts, state, next_at, last_error, requested_by FROM jobs
		WHERE state = 'pending' AND next_at <= ? AND (? = '' OR source_id = ?) ORDER BY next_at, id LIMIT 1`+db.Dialect.ClaimRows(), formatTime(now), source, source).
		Scan(&job.ID, &job.Source, &job.URL, &job.Attempts, &job.State, &next, &lastErr, &job.RequestedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, db.busy(fmt.Errorf("next job: %w", err))
	}
	job.Attempts++
	job.NextAt, job.LastError = now.Add(jobLease), lastErr.String
	if _, err := tx.exec(ctx, `UPDATE jobs SET attempts = ?, next_at = ? WHERE id = ?`, job.Attempts, formatTime(job.NextAt), job.ID); err != nil {
		return nil, fmt.Errorf("claim job %d: %w", job.ID, err)
	}
	if err := tx.Commit(); err != nil {
		return nil, db.busy(fmt.Errorf("commit: %w", err))
	}
	return &job, nil
}

// FinishJob records a job's outcome.
func (db *Store) FinishJob(ctx context.Context, id int64, jobErr error, retryAt time.Time) error {
	return db.update(ctx, func(tx *Tx) error {
		state, next, msg := "done", formatTime(tx.now), ""
		if jobErr != nil {
			msg = jobErr.Error()
			if len(msg) > 1000 {
				msg = msg[:1000]
			}
			state = "failed"
			if !retryAt.IsZero() {
				state, next = "pending", formatTime(retryAt)
			}
		}
		_, err := tx.exec(ctx, `UPDATE jobs SET state = ?, next_at = ?, last_error = ? WHERE id = ?`, state, next, nullString(strings.TrimSpace(msg)), id)
		return err
	})
}
