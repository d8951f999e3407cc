package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/docketorg/docket"
)

// viewCheck compares the views with the records of the change log, as Verify reads them.
type viewCheck struct {
	tx       *Tx
	problems []docket.Problem
	later    map[string]*stmtState // statements that reviews and retractions changed: their end state
}

// stmtState is what a statement's row must say at the end about what later records changed.
type stmtState struct {
	status       docket.Status // "" when no review changed it
	retracted    bool
	supersededBy string
}

// newViewCheck reads the reviews and retractions first, so that each statement's row can be
// checked when its record is read, holding in memory only the few statements they touch.
func newViewCheck(ctx context.Context, tx *Tx) (*viewCheck, error) {
	c := &viewCheck{tx: tx, later: map[string]*stmtState{}}
	rows, err := tx.QueryContext(ctx, `SELECT seq, payload FROM changes WHERE kind IN (?, ?) ORDER BY seq`, docket.KindRetraction, docket.KindStatus)
	if err != nil {
		return nil, fmt.Errorf("read reviews and retractions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var seq int64
		var payload string
		if err := rows.Scan(&seq, &payload); err != nil {
			return nil, err
		}
		var r docket.Record
		if err := json.Unmarshal([]byte(payload), &r); err != nil {
			continue // the main pass reports the record
		}
		var id string
		switch {
		case r.Retraction != nil:
			id = r.Retraction.Statement
		case r.Status != nil:
			id = r.Status.Statement
		default:
			continue
		}
		st := c.later[id]
		if st == nil {
			st = &stmtState{}
			c.later[id] = st
		}
		if r.Retraction != nil {
			st.retracted, st.supersededBy = true, r.Retraction.SupersededBy
		} else {
			st.status = r.Status.Status
		}
	}
	return c, rows.Err()
}

func (c *viewCheck) add(what, format string, args ...any) {
	c.problems = append(c.problems, docket.Problem{What: what, Why: fmt.Sprintf(format, args...)})
}

// differ reports every column whose stored value differs from the record's.
func (c *viewCheck) differ(what, table string, stored, recorded []string, names []string) {
	for i := range names {
		if stored[i] != recorded[i] {
			c.add(what, "its %s in the %s table (%q) differs from its record (%q)", names[i], table, stored[i], recorded[i])
		}
	}
}

func (c *viewCheck) record(ctx context.Context, r *docket.Record) error {
	switch r.Kind {
	case docket.KindEntity:
		e := r.Entity
		got := make([]string, 4)
		err := c.tx.queryRow(ctx, `SELECT schema, CAST(sensitivity AS TEXT), author, created_at FROM entities WHERE id = ?`, e.ID).Scan(&got[0], &got[1], &got[2], &got[3])
		if errors.Is(err, sql.ErrNoRows) {
			c.add("entity "+e.ID, "it is missing from the entities table")
			return nil
		} else if err != nil {
			return err
		}
		c.differ("entity "+e.ID, "entities", got, []string{e.Schema, fmt.Sprint(int(e.Sensitivity)), e.Author, formatTime(e.CreatedAt)},
			[]string{"schema", "sensitivity", "author", "time"})
	case docket.KindSource:
		s := r.Source
		got := make([]string, 5)
		err := c.tx.queryRow(ctx, `SELECT COALESCE(url, ''), COALESCE(title, ''), COALESCE(publisher, ''), COALESCE(published, ''), CAST(sensitivity AS TEXT)
			FROM sources WHERE id = ?`, s.ID).Scan(&got[0], &got[1], &got[2], &got[3], &got[4])
		if errors.Is(err, sql.ErrNoRows) {
			c.add("source "+s.ID, "it is missing from the sources table")
			return nil
		} else if err != nil {
			return err
		}
		c.differ("source "+s.ID, "sources", got, []string{s.URL, s.Title, s.Publisher, s.Published, fmt.Sprint(int(s.Sensitivity))},
			[]string{"url", "title", "publisher", "publication date", "sensitivity"})
	case docket.KindStatement:
		s := r.Statement
		got := make([]string, 11)
		var status, supBy string
		var retracted bool
		err := c.tx.queryRow(ctx, `SELECT entity_id, property, value, COALESCE(source_id, ''), COALESCE(locator, ''), COALESCE(quote, ''),
			CAST(sensitivity AS TEXT), author, created_at, COALESCE(supersedes, ''), salt,
			status, retracted_seq IS NOT NULL, COALESCE(superseded_by, '') FROM statements WHERE id = ?`, s.ID).
			Scan(&got[0], &got[1], &got[2], &got[3], &got[4], &got[5], &got[6], &got[7], &got[8], &got[9], &got[10], &status, &retracted, &supBy)
		if errors.Is(err, sql.ErrNoRows) {
			c.add("statement "+s.ID, "it is missing from the statements table")
			return nil
		} else if err != nil {
			return err
		}
		c.differ("statement "+s.ID, "statements", got,
			[]string{s.Entity, s.Property, s.Value, s.Source, s.Locator, s.Quote, fmt.Sprint(int(s.Sensitivity)), s.Author, formatTime(s.CreatedAt), s.Supersedes, s.Salt},
			[]string{"entity", "property", "value", "source", "locator", "quote", "sensitivity", "author", "time", "supersedes", "salt"})
		want := stmtState{status: s.Status}
		if st := c.later[s.ID]; st != nil {
			want.retracted, want.supersededBy = st.retracted, st.supersededBy
			if st.status != "" {
				want.status = st.status
			}
		}
		if status != string(want.status) {
			c.add("statement "+s.ID, "its status in the statements table is %s; its records say %s", status, want.status)
		}
		if retracted != want.retracted || supBy != want.supersededBy {
			c.add("statement "+s.ID, "its retraction in the statements table differs from its records")
		}
	case docket.KindSnapshot:
		s := r.Snapshot
		for _, b := range []struct{ sha, what string }{{s.SHA256, "body"}, {s.TextSHA256, "text"}} {
			if b.sha == "" {
				continue
			}
			data, err := c.tx.blob(ctx, b.sha)
			if docket.ErrorCode(err) == docket.ENOTFOUND {
				c.add("snapshot "+s.ID, "its %s (SHA-256 %s) is missing", b.what, b.sha)
				continue
			} else if err != nil {
				return err
			}
			if got := docket.SHA256Hex(data); got != b.sha {
				c.add("snapshot "+s.ID, "its stored %s has SHA-256 %s, but was recorded as %s: the content was altered", b.what, got, b.sha)
			}
		}
		var sha string
		if err := c.tx.queryRow(ctx, `SELECT sha256 FROM snapshots WHERE id = ?`, s.ID).Scan(&sha); err != nil {
			c.add("snapshot "+s.ID, "it is missing from the snapshots table")
		} else if sha != s.SHA256 {
			c.add("snapshot "+s.ID, "its SHA-256 in the snapshots table (%s) differs from its record (%s)", sha, s.SHA256)
		}
	}
	return nil
}

// finish checks what only the whole log determines: rows that no record accounts for. A
// statement row with no change of its own is a change itself, read with the log; one whose
// sequence number is another kind of change's is accounted for by nothing.
func (c *viewCheck) finish(ctx context.Context) error {
	var n int
	if err := c.tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM statements s JOIN changes x ON x.seq = s.seq AND x.kind <> ?`, docket.KindStatement).Scan(&n); err != nil {
		return err
	} else if n > 0 {
		c.add("statements table", "%d rows share their sequence number with a change of another kind: rows were added behind the log's back", n)
	}
	for _, t := range []struct{ table, what string }{{"entities", "entity"}, {"sources", "source"}} {
		var n int
		if err := c.tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+t.table).Scan(&n); err != nil {
			return err
		}
		var want int
		if err := c.tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM changes WHERE kind = ?`, t.what).Scan(&want); err != nil {
			return err
		}
		if n != want {
			c.add(t.table+" table", "%d rows for %d records: rows were added or removed behind the log's back", n, want)
		}
	}
	return nil
}
