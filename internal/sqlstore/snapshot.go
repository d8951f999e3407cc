package sqlstore

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/seal"
)

func (l lookup) LookupBlob(ctx context.Context, sha string) (bool, error) {
	if _, ok := l.tx.blobs[sha]; ok {
		return true, nil
	}
	var n int
	err := l.tx.queryRow(ctx, `SELECT COUNT(*) FROM blobs WHERE sha256 = ?`, sha).Scan(&n)
	return n > 0, err
}

// takeBlob takes content that a snapshot or a document will name: content sealed already is
// stored as it is; content in the clear is held until the record says whether it is sealed
// (see storeBlobs), so that a confidential source's page or file never reaches the store's
// files in the clear. An export writes each blob just before the first snapshot that needs it, so few are
// held at once.
func (tx *Tx) takeBlob(ctx context.Context, b *docket.Blob) error {
	if b.Sealed {
		return tx.putBlob(ctx, b.SHA256, b.Data)
	}
	if tx.blobs == nil {
		tx.blobs = map[string][]byte{}
	}
	tx.blobs[b.SHA256] = b.Data
	return nil
}

// putBlob stores content under its name, once.
func (tx *Tx) putBlob(ctx context.Context, name string, data []byte) error {
	if _, err := tx.exec(ctx, `INSERT INTO blobs (sha256, size, data) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING`, name, len(data), data); err != nil {
		return fmt.Errorf("store blob: %w", err)
	}
	return nil
}

// storeBlobs stores the content a snapshot or a document names (shas, as the record in the
// clear names it), as the record is stored: in the clear, or sealed when the record was sealed
// as it was written (sealedNow; content that came sealed with a sealed record is stored
// already).
func (tx *Tx) storeBlobs(ctx context.Context, shas []string, sealed, sealedNow bool) error {
	if sealed && !sealedNow {
		return nil
	}
	for _, sha := range shas {
		if sha == "" {
			continue
		}
		data, held := tx.blobs[sha]
		delete(tx.blobs, sha)
		if !sealed {
			if held {
				if err := tx.putBlob(ctx, sha, data); err != nil {
					return err
				}
			}
			continue
		}
		k := tx.db.DataKey // sealFor has sealed the record with it
		if ok, err := (lookup{tx: tx}).LookupBlob(ctx, k.Term(seal.Blob, sha)); err != nil || ok {
			return err
		}
		if !held {
			// Content stored in the clear for another record: sealed again for this one.
			var err error
			if data, err = tx.blob(ctx, sha); err != nil {
				return err
			}
		}
		name, box := sealBlob(k, data)
		if err := tx.putBlob(ctx, name, box); err != nil {
			return err
		}
	}
	return nil
}

// putHeldBlobs stores in the clear the content an import brought that no record named.
func (tx *Tx) putHeldBlobs(ctx context.Context) error {
	for _, sha := range slices.Sorted(maps.Keys(tx.blobs)) {
		if err := tx.putBlob(ctx, sha, tx.blobs[sha]); err != nil {
			return err
		}
		delete(tx.blobs, sha)
	}
	return nil
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
		if _, _, err := tx.visibleSource(ctx, v, s.Source); err != nil {
			return err
		}
		var err error
		// Held until the snapshot is checked and, if its source is confidential, sealed.
		s.SHA256, s.Size = docket.SHA256Hex(body), int64(len(body))
		tx.takeBlob(ctx, &docket.Blob{SHA256: s.SHA256, Data: body})
		if len(text) > 0 {
			s.TextSHA256 = docket.SHA256Hex(text)
			tx.takeBlob(ctx, &docket.Blob{SHA256: s.TextSHA256, Data: text})
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

// visibleSource returns the URL of a source v may see, or ENOTFOUND, and whether it is sealed.
func (tx *Tx) visibleSource(ctx context.Context, v docket.Viewer, id string) (url string, sealed bool, err error) {
	ss, err := tx.sources(ctx, v, ` FROM sources WHERE id = ? AND sensitivity <= ?`, id, int(v.MaxSensitivity()))
	if err != nil {
		return "", false, err
	} else if len(ss) == 0 {
		return "", false, docket.Errorf(docket.ENOTFOUND, "no source %q", id)
	} else if ss[0].Locked {
		return "", true, docket.ErrLocked("source " + id)
	}
	return ss[0].URL, sealsSource(ss[0]), nil
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
			r.Snapshot = db.openSnapshot(r.Snapshot)
			if tx.public {
				r.RedactAuthors()
			}
			out = append(out, r.Snapshot)
		}
		return rows.Err()
	})
	return out, err
}

// FindBlob returns content that a snapshot v may see refers to: by its SHA-256, as the
// snapshot in the clear names it, whether it is stored in the clear or sealed.
func (db *Store) FindBlob(ctx context.Context, v docket.Viewer, sha string) (data []byte, err error) {
	names := []string{sha}
	if k := db.DataKey; k != nil && !docket.IsSealedTerm(sha) {
		names = append(names, k.Term(seal.Blob, sha))
	}
	err = db.viewFor(ctx, v, func(tx *Tx) error {
		for _, name := range names {
			var n int
			if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM snapshots sn JOIN sources so ON so.id = sn.source_id
				WHERE (sn.sha256 = ? OR sn.text_sha256 = ?) AND so.sensitivity <= ?`, name, name, int(v.MaxSensitivity())).Scan(&n); err != nil {
				return err
			} else if n == 0 {
				continue
			}
			if data, err = tx.blob(ctx, name); err != nil || !docket.IsSealedTerm(name) {
				return err
			}
			data, err = db.openBlob(name, data)
			return err
		}
		return docket.Errorf(docket.ENOTFOUND, "no content %s", sha)
	})
	return data, err
}

// enqueue queues an archive of a URL in tx. The job of a sealed source keeps no URL: the
// archiver reads it from the source, opened with the key.
func (tx *Tx) enqueue(ctx context.Context, source, url, by string, sealed bool) (*docket.Job, error) {
	j := &docket.Job{Source: source, URL: url, State: "pending", NextAt: tx.now, RequestedBy: by}
	if sealed {
		url = ""
	}
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
		url, sealed, err := tx.visibleSource(ctx, v, source)
		if err != nil {
			return err
		} else if url == "" {
			return docket.Errorf(docket.EINVALID, "source %s has no URL to archive", source)
		}
		author, err := tx.author(ctx, v)
		if err != nil {
			return err
		}
		j, err = tx.enqueue(ctx, source, url, author, sealed)
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
	// Without the key, the jobs of sealed sources wait: their URLs cannot be read.
	locked := ``
	if db.DataKey == nil {
		locked = ` AND NOT EXISTS (SELECT 1 FROM sources so WHERE so.id = jobs.source_id AND so.sealed IS NOT NULL)`
	}
	err = tx.QueryRowContext(ctx, `SELECT id, source_id, url, attempts, state, next_at, last_error, requested_by FROM jobs
		WHERE state = 'pending' AND next_at <= ? AND (? = '' OR source_id = ?)`+locked+` ORDER BY next_at, id LIMIT 1`+db.Dialect.ClaimRows(), formatTime(now), source, source).
		Scan(&job.ID, &job.Source, &job.URL, &job.Attempts, &job.State, &next, &lastErr, &job.RequestedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, db.busy(fmt.Errorf("next job: %w", err))
	}
	job.Attempts++
	job.NextAt, job.LastError = now.Add(jobLease), db.openJobError(job.ID, lastErr.String)
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
		msg = strings.TrimSpace(msg)
		if msg != "" {
			// An error names the URL it failed on, and a sealed source's URL is as
			// confidential as the source.
			var sealed bool
			if err := tx.queryRow(ctx, `SELECT EXISTS (SELECT 1 FROM jobs j JOIN sources so ON so.id = j.source_id WHERE j.id = ? AND so.sealed IS NOT NULL)`, id).Scan(&sealed); err != nil {
				return err
			} else if sealed {
				msg = db.sealJobError(id, msg)
			}
		}
		_, err := tx.exec(ctx, `UPDATE jobs SET state = ?, next_at = ?, last_error = ? WHERE id = ?`, state, next, nullString(msg), id)
		return err
	})
}

// sealedJobError starts a job's error that is sealed.
const sealedJobError = "sealed:"

// sealJobError seals the error of a job of a sealed source, or withholds it without the key.
func (db *Store) sealJobError(id int64, msg string) string {
	k := db.DataKey
	if k == nil {
		return "(withheld: it names a confidential source, and the store has no data key)"
	}
	return sealedJobError + base64.StdEncoding.EncodeToString(k.Seal(nil, []byte(msg), seal.AD(adJob, strconv.FormatInt(id, 10))))
}

// openJobError opens a job's sealed error, or says it is locked.
func (db *Store) openJobError(id int64, msg string) string {
	b64, ok := strings.CutPrefix(msg, sealedJobError)
	if !ok {
		return msg
	}
	if box, err := base64.StdEncoding.DecodeString(b64); err == nil && db.DataKey != nil {
		if p, err := db.DataKey.Open(nil, box, seal.AD(adJob, strconv.FormatInt(id, 10))); err == nil {
			return string(p)
		}
	}
	return "(locked: sealed under the store's data key)"
}
