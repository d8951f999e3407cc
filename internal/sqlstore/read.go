package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/docketorg/docket"
)

const statementColumns = `s.seq, s.id, s.entity_id, s.property, s.value, COALESCE(s.lang, ''), COALESCE(s.source_id, ''),
	COALESCE(s.locator, ''), COALESCE(s.quote, ''), s.status, s.sensitivity, s.author, s.created_at, COALESCE(s.supersedes, ''),
	COALESCE(s.retracted_at, ''), COALESCE(s.retracted_by, ''), COALESCE(s.retract_reason, ''), COALESCE(s.superseded_by, ''), s.salt,
	COALESCE(s.sealed, '')`

// statements reads statement rows with the given tail (WHERE, ORDER BY, LIMIT) appended to
// "FROM statements s JOIN entities se". It does not filter: callers add visible().
func (tx *Tx) statements(ctx context.Context, tail string, args ...any) ([]*docket.Statement, error) {
	// Prepared and cached: the checks of every imported record read statements this way.
	stmt, err := tx.prep(ctx, `SELECT `+statementColumns+` FROM statements s JOIN entities se ON se.id = s.entity_id `+tail)
	if err != nil {
		return nil, fmt.Errorf("read statements: %w", err)
	}
	rows, err := stmt.QueryContext(ctx, args...)
	if err != nil {
		return nil, fmt.Errorf("read statements: %w", err)
	}
	defer rows.Close()
	var out []*docket.Statement
	for rows.Next() {
		s, err := tx.scanStatement(rows)
		if err != nil {
			return nil, err
		}
		if tx.public {
			s.RedactAuthors()
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func (tx *Tx) scanStatement(rows *sql.Rows) (*docket.Statement, error) {
	return tx.scanStatementAfter(rows)
}

// scanStatementAfter scans a row of statementColumns after the columns first. A sealed
// statement is opened with the store's key, or read as locked.
func (tx *Tx) scanStatementAfter(rows *sql.Rows, first ...any) (*docket.Statement, error) {
	var s docket.Statement
	var status, created, retAt, retBy, retReason, supBy, sealed string
	var sens int
	if err := rows.Scan(append(first, &s.Seq, &s.ID, &s.Entity, &s.Property, &s.Value, &s.Lang, &s.Source, &s.Locator, &s.Quote,
		&status, &sens, &s.Author, &created, &s.Supersedes, &retAt, &retBy, &retReason, &supBy, &s.Salt, &sealed)...); err != nil {
		return nil, fmt.Errorf("scan statement: %w", err)
	}
	s.Status, s.Sensitivity, s.CreatedAt = docket.Status(status), docket.Sensitivity(sens), parseTime(created)
	if sealed != "" {
		var err error
		if s.Sealed, err = decodeBox(sealed); err != nil {
			return nil, fmt.Errorf("statement %s: %w", s.ID, err)
		}
		tx.db.openStatement(&s)
	}
	if retAt != "" {
		s.Retraction = &docket.Retraction{Statement: s.ID, Reason: retReason, SupersededBy: supBy, Author: retBy, At: parseTime(retAt)}
		s.SupersededBy = supBy
	}
	return &s, nil
}

func (tx *Tx) merges(ctx context.Context, tail string, args ...any) ([]*docket.Merge, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, into_id, from_id, reason, author, at, COALESCE(undone_at, '') FROM merges `+tail, args...)
	if err != nil {
		return nil, fmt.Errorf("read merges: %w", err)
	}
	defer rows.Close()
	var out []*docket.Merge
	for rows.Next() {
		var m docket.Merge
		var at, undone string
		if err := rows.Scan(&m.ID, &m.Into, &m.From, &m.Reason, &m.Author, &at, &undone); err != nil {
			return nil, err
		}
		m.At = parseTime(at)
		if tx.public {
			m.Author = docket.PublicAuthor(m.Author)
		}
		if undone != "" {
			t := parseTime(undone)
			m.UndoneAt = &t
		}
		out = append(out, &m)
	}
	return out, rows.Err()
}

// pinKey marks a context whose reads of a store share one read transaction (see Pin).
type pinKey struct{ db *Store }

// Pin returns a context whose reads of db share one read transaction until release is called:
// a page or a brief that reads the store a dozen times sees one state of it, and takes a
// connection once instead of queueing for one at each read behind other requests' reads. The
// reads through it must come one at a time, from one goroutine, as a page's or a brief's do.
// Where the backend cannot read while another read's rows are open (Dialect.Interleaves:
// PostgreSQL), or the transaction cannot begin, each read has its own transaction, as without.
func (db *Store) Pin(ctx context.Context) (context.Context, func()) {
	if !db.Dialect.Interleaves() {
		return ctx, func() {}
	}
	tx, err := db.BeginTx(ctx, false)
	if err != nil {
		return ctx, func() {}
	}
	// A transaction sees the store as of its first read, not as of its beginning.
	var one int
	if err := tx.QueryRowContext(ctx, `SELECT 1 FROM entities LIMIT 1`).Scan(&one); err != nil && !errors.Is(err, sql.ErrNoRows) {
		tx.Rollback()
		return ctx, func() {}
	}
	return context.WithValue(ctx, pinKey{db}, tx), func() { tx.Rollback() }
}

// view runs fn in a read transaction: the pinned one of ctx, if any (see Pin).
func (db *Store) view(ctx context.Context, fn func(tx *Tx) error) error {
	if tx, ok := ctx.Value(pinKey{db}).(*Tx); ok {
		return db.busy(fn(tx))
	}
	tx, err := db.BeginTx(ctx, false)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return db.busy(fn(tx)) // a read may wait for an import that writes the file directly
}

// viewFor runs fn in a read transaction for v. What the public reads names no staff: the
// readers of rows withhold the names of records written before authors were ids (tx.public).
func (db *Store) viewFor(ctx context.Context, v docket.Viewer, fn func(tx *Tx) error) error {
	return db.view(ctx, func(tx *Tx) error {
		tx.public = v.Role == docket.Anonymous
		return fn(tx)
	})
}

// update runs fn in a write transaction and commits when it returns nil.
func (db *Store) update(ctx context.Context, fn func(tx *Tx) error) error {
	tx, err := db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return db.busy(err)
	}
	if err := tx.Commit(); err != nil {
		return db.busy(fmt.Errorf("commit: %w", err))
	}
	return nil
}
