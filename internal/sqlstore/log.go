package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/docketorg/docket"
)

// The change log keeps a statement's record in the statement's row: a statement is most of
// what a registry holds, and writing each one twice (its record and its row) was a third of a
// bulk import's work. The row's columns are the record's fields, set once; only its status,
// retraction and supersession change afterwards, and recorded_status keeps the status it was
// made with. The ledger leaf is over the record rebuilt from the row, so the row is evidence
// too: altering it is caught as an altered record.
//
// So the log is the rows of changes and the statement rows that have none there: a statement
// has no row in changes, unless its row cannot reproduce its record (see rowHolds), when that
// row keeps the record in its payload. (Stores written before keep a row in changes for every
// statement, with an empty payload, and the statement's row joined to it.)

// logColumns selects a change and, for a statement whose row holds its record, that row's
// record columns; logFrom joins them. stmts is the table of statement rows, which Rebuild
// renames while it derives the views again.
const logColumns = `c.seq, c.kind, c.ref, COALESCE(c.entity, ''), c.author, c.at, c.payload,
	s.id, s.entity_id, s.property, s.value, s.lang, s.source_id, s.locator, s.quote,
	COALESCE(s.recorded_status, s.status), s.sensitivity, s.author, s.created_at, s.supersedes, s.salt, COALESCE(c.entity2, ''), s.sealed`

func logFrom(stmts string) string {
	return ` FROM changes c LEFT JOIN ` + stmts + ` s ON c.payload = '' AND s.seq = c.seq`
}

// stmtLogColumns are logColumns for a statement row that is its own change.
const stmtLogColumns = `s.seq, 'statement', s.id, s.entity_id, s.author, s.created_at, '',
	s.id, s.entity_id, s.property, s.value, s.lang, s.source_id, s.locator, s.quote,
	COALESCE(s.recorded_status, s.status), s.sensitivity, s.author, s.created_at, s.supersedes, s.salt, '', s.sealed`

// logSpan selects changes of the log by sequence number: after it (and before it, if not
// zero), or the one at it.
type logSpan struct {
	after, before, at int64
	entity, ref       *string // only the changes of the entity (as merged) or of the record with this id
}

// logPage returns the query of at most limit changes of span, in commit order or newest first,
// with its arguments: logColumns of the rows of changes, and of the statement rows that have
// none there. Each side is sorted and limited on its own, then the two are merged, so
// that a page reads no more rows than it shows.
func logPage(span logSpan, newest bool, limit int) (string, []any) {
	order := ` ORDER BY 1`
	if newest {
		order += ` DESC`
	}
	side := func(cols, from, seq string, extra func() (string, []any)) (string, []any) {
		q, args := `SELECT `+cols+from+` WHERE `+seq+` > ?`, []any{span.after}
		if span.before > 0 {
			q, args = q+` AND `+seq+` < ?`, append(args, span.before)
		}
		if span.at > 0 {
			q, args = q+` AND `+seq+` = ?`, append(args, span.at)
		}
		e, eargs := extra()
		return q + e + order + ` LIMIT ?`, append(append(args, eargs...), limit)
	}
	canonical := `(SELECT id FROM entities WHERE canonical = (SELECT canonical FROM entities WHERE id = ?))`
	changes, cargs := side(logColumns, logFrom("statements"), `c.seq`, func() (q string, args []any) {
		if span.entity != nil {
			q, args = ` AND (c.entity IN `+canonical+` OR c.entity2 IN `+canonical+`)`, []any{*span.entity, *span.entity}
		}
		if span.ref != nil {
			q, args = q+` AND c.ref = ?`, append(args, *span.ref)
		}
		return q, args
	})
	rows, sargs := side(stmtLogColumns, ` FROM statements s`, `s.seq`, func() (q string, args []any) {
		q = ` AND NOT EXISTS (SELECT 1 FROM changes x WHERE x.seq = s.seq)`
		if span.entity != nil {
			q, args = q+` AND s.entity_id IN `+canonical, []any{*span.entity}
		}
		if span.ref != nil {
			q, args = q+` AND s.id = ?`, append(args, *span.ref)
		}
		return q, args
	})
	return `SELECT * FROM (` + changes + `) a UNION ALL SELECT * FROM (` + rows + `) b` + order + ` LIMIT ?`,
		append(append(cargs, sargs...), limit)
}

// logRows reads a page of the log after the change after, in commit order: the changes
// after+1 to after+size, as the log's sequence numbers have no gaps. The rows of changes and
// the statement rows of the span are read apart, each in order, and merged here: a statement
// row with a row in changes is that row's. Should the span hold nothing while the log goes on
// after it (a gap, which Verify reports), the page starts at the next change. It returns
// nothing at the end of the log.
func (tx *Tx) logRows(ctx context.Context, stmts string, after int64, size int) ([]*logRow, error) {
	for {
		end := after + int64(size)
		changes, err := tx.scanLog(ctx, `SELECT `+logColumns+logFrom(stmts)+` WHERE c.seq > ? AND c.seq <= ? ORDER BY c.seq`, after, end)
		if err != nil {
			return nil, err
		}
		rows, err := tx.scanLog(ctx, `SELECT `+stmtLogColumns+` FROM `+stmts+` s WHERE s.seq > ? AND s.seq <= ? ORDER BY s.seq`, after, end)
		if err != nil {
			return nil, err
		}
		page := make([]*logRow, 0, len(changes)+len(rows))
		for len(changes) > 0 || len(rows) > 0 {
			switch {
			case len(rows) == 0 || len(changes) > 0 && changes[0].seq < rows[0].seq:
				page, changes = append(page, changes[0]), changes[1:]
			case len(changes) > 0 && changes[0].seq == rows[0].seq:
				rows = rows[1:] // the change's row joins it
			default:
				page, rows = append(page, rows[0]), rows[1:]
			}
		}
		if len(page) > 0 {
			return page, nil
		}
		var next sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT MIN(seq) FROM (SELECT MIN(seq) AS seq FROM changes WHERE seq > ?
			UNION ALL SELECT MIN(seq) FROM `+stmts+` WHERE seq > ?) m`, end, end).Scan(&next); err != nil || !next.Valid {
			return nil, err
		}
		after = next.Int64 - 1
	}
}

// scanLog runs a query of logColumns.
func (tx *Tx) scanLog(ctx context.Context, q string, args ...any) ([]*logRow, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read changes: %w", err)
	}
	defer rows.Close()
	var out []*logRow
	for rows.Next() {
		r := new(logRow)
		if err := rows.Scan(r.dest()...); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// lastSeq selects the sequence number of the last change, 0 in an empty log.
const lastSeq = `SELECT COALESCE(MAX(seq), 0) FROM (SELECT MAX(seq) AS seq FROM changes UNION ALL SELECT MAX(seq) FROM statements) m`

// logRow is one change as the log stores it.
type logRow struct {
	seq                             int64
	kind, ref, entity, author, at   string
	payload                         string
	id, stmtEntity, property, value sql.NullString
	lang, source, locator, quote    sql.NullString
	status                          sql.NullString
	sensitivity                     sql.NullInt64
	stmtAuthor, created, supersedes sql.NullString
	salt                            sql.NullString
	entity2                         string         // the second entity of a merge or unmerge
	sealed                          sql.NullString // a sealed statement's seal (see seal.go)
}

func (r *logRow) dest() []any {
	return []any{&r.seq, &r.kind, &r.ref, &r.entity, &r.author, &r.at, &r.payload,
		&r.id, &r.stmtEntity, &r.property, &r.value, &r.lang, &r.source, &r.locator, &r.quote,
		&r.status, &r.sensitivity, &r.stmtAuthor, &r.created, &r.supersedes, &r.salt, &r.entity2, &r.sealed}
}

// record returns the change's record and its canonical form, which the ledger leaf commits to
// (for a sealed record, through the SHA-256 it carries: see leafOf). Its errors say what is
// wrong with the change, without naming it.
func (r *logRow) record() (*docket.Record, []byte, error) {
	if r.payload != "" {
		// UnmarshalJSON strictly, without json.Unmarshal's first pass over the whole line to
		// validate it: the record's own reading does, part by part.
		var rec docket.Record
		if err := rec.UnmarshalJSON([]byte(r.payload)); err != nil {
			return nil, nil, fmt.Errorf("its record does not parse: %w", err)
		}
		return &rec, []byte(r.payload), nil
	}
	if r.kind != docket.KindStatement {
		return nil, nil, fmt.Errorf("its %s record is empty", r.kind)
	}
	if !r.id.Valid {
		return nil, nil, fmt.Errorf("the statements table has no row %d, which holds its record", r.seq)
	}
	created, err := time.Parse(time.RFC3339Nano, r.created.String)
	if err != nil {
		return nil, nil, fmt.Errorf("the time of its statement row: %w", err)
	}
	rec := &docket.Record{Kind: docket.KindStatement, Statement: &docket.Statement{
		ID: r.id.String, Entity: r.stmtEntity.String, Property: r.property.String, Value: r.value.String,
		Lang: r.lang.String, Source: r.source.String, Locator: r.locator.String, Quote: r.quote.String,
		Status: docket.Status(r.status.String), Sensitivity: docket.Sensitivity(r.sensitivity.Int64),
		Author: r.stmtAuthor.String, CreatedAt: created.UTC(), Supersedes: r.supersedes.String, Salt: r.salt.String,
	}}
	if rec.Statement.Sealed, err = decodeSealed(r.sealed.String); err != nil {
		return nil, nil, fmt.Errorf("its statement row: %w", err)
	}
	b, err := rec.MarshalJSON()
	if err != nil {
		return nil, nil, err
	}
	return rec, b, nil
}

// rowHolds reports whether a statement's row reproduces its record exactly: times are stored in
// UTC to the microsecond, so a record with a finer time, or one written with an offset, keeps
// its payload.
func rowHolds(s *docket.Statement) bool {
	_, offset := s.CreatedAt.Zone()
	return offset == 0 && s.CreatedAt.Nanosecond()%1000 == 0
}
