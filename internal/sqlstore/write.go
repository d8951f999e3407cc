package sqlstore

import (
	"context"
	"fmt"
	"math/bits"
	"strings"

	"github.com/docketorg/docket"
)

// pendingRows are the rows of changes added to a transaction and not yet written. commit
// writes them at once; an import adds a batch of records and writes their rows together, a few
// multi-row INSERTs a table, which is most of what makes it fast.
type pendingRows struct {
	changes    []any // 8 values a row: see flush
	entities   []any // 7
	sources    []any // 14
	statements []*stmtRow
	stmtByID   map[string]*stmtRow
	names      []any // 2
	search     []any // as the dialect's SearchArgs gives them
}

// stmtRow is a pending statement row, which a retraction or a review later in the same batch
// changes in place.
type stmtRow struct {
	seq          int64
	s            *docket.Statement
	ref          any
	status       docket.Status
	retraction   *docket.Retraction
	retractedSeq int64
}

// current returns the statement as a lookup sees it: with its current status and retraction.
func (r *stmtRow) current() *docket.Statement {
	s := *r.s
	s.Status, s.Retraction, s.Seq = r.status, r.retraction, r.seq
	if r.retraction != nil {
		s.SupersededBy = r.retraction.SupersededBy
	}
	return &s
}

func (r *stmtRow) args() []any {
	s := r.s
	var retractedSeq, retractedAt, retractedBy, reason, supersededBy any
	if x := r.retraction; x != nil {
		retractedSeq, retractedAt, retractedBy, reason, supersededBy = r.retractedSeq, formatTime(x.At), x.Author, x.Reason, nullString(x.SupersededBy)
	}
	return []any{r.seq, s.ID, s.Entity, s.Property, s.Value, r.ref, nullString(s.Lang), nullString(s.Source), nullString(s.Locator), nullString(s.Quote),
		string(r.status), int(s.Sensitivity), s.Author, formatTime(s.CreatedAt), nullString(s.Supersedes), s.Salt,
		retractedSeq, retractedAt, retractedBy, reason, supersededBy}
}

// flush writes the pending rows, parents before children so that every foreign key holds, and
// the search index last.
func (tx *Tx) flush(ctx context.Context) error {
	p := &tx.rows
	if len(p.changes) > 0 {
		if err := tx.insertRows(ctx, `INSERT INTO changes (seq, kind, ref, entity, entity2, author, at, payload) VALUES `,
			8, p.changes); err != nil {
			return fmt.Errorf("append changes: %w", err)
		}
	}
	if len(p.entities) > 0 {
		if err := tx.insertRows(ctx, `INSERT INTO entities (id, schema, sensitivity, author, created_at, seq, canonical) VALUES `,
			7, p.entities); err != nil {
			return fmt.Errorf("apply entity: %w", err)
		}
	}
	if len(p.sources) > 0 {
		if err := tx.insertRows(ctx, `INSERT INTO sources (id, url, title, publisher, kind, published, lang, cited_in, reliability, note, sensitivity, author, created_at, seq) VALUES `,
			14, p.sources); err != nil {
			return fmt.Errorf("apply source: %w", err)
		}
	}
	if len(p.statements) > 0 {
		args := make([]any, 0, 21*len(p.statements))
		for _, r := range p.statements {
			args = append(args, r.args()...)
		}
		if err := tx.insertRows(ctx, `INSERT INTO statements (seq, id, entity_id, property, value, ref, lang, source_id, locator, quote, status, sensitivity, author, created_at, supersedes, salt,
			retracted_seq, retracted_at, retracted_by, retract_reason, superseded_by) VALUES `, 21, args); err != nil {
			return fmt.Errorf("apply statement: %w", err)
		}
	}
	if len(p.names) > 0 {
		if err := tx.insertRows(ctx, `INSERT INTO name_keys (seq, key) VALUES `, 2, p.names); err != nil {
			return fmt.Errorf("index names: %w", err)
		}
	}
	if len(p.search) > 0 {
		head, row := tx.db.Dialect.SearchInsert()
		if err := tx.insertRowsAs(ctx, head, row, strings.Count(row, "?"), p.search); err != nil {
			return fmt.Errorf("index text: %w", err)
		}
	}
	clear(p.stmtByID)
	*p = pendingRows{
		changes: p.changes[:0], entities: p.entities[:0], sources: p.sources[:0], statements: p.statements[:0],
		stmtByID: p.stmtByID, names: p.names[:0], search: p.search[:0],
	}
	clear(tx.absent)
	// Nothing is pending now, so the caches may be emptied without losing a row's only trace.
	if len(tx.entityCache) > maxCached {
		clear(tx.entityCache)
	}
	if len(tx.sourceCache) > maxCached {
		clear(tx.sourceCache)
	}
	return nil
}

// maxParams is the most parameters one statement takes: SQLite allows 32766, PostgreSQL 65535.
const maxParams = 32000

// maxRowsPerInsert caps the rows of one INSERT: longer ones gain nothing more.
const maxRowsPerInsert = 256

// insertRows writes rows of ncol values each, args in row order, with multi-row INSERTs; head
// is the INSERT up to and including VALUES.
func (tx *Tx) insertRows(ctx context.Context, head string, ncol int, args []any) error {
	return tx.insertRowsAs(ctx, head, "("+strings.Repeat("?, ", ncol-1)+"?)", ncol, args)
}

// insertRowsAs is insertRows with the placeholders of a row given, for rows that cast values.
func (tx *Tx) insertRowsAs(ctx context.Context, head, row string, ncol int, args []any) error {
	if len(args)%ncol != 0 {
		return fmt.Errorf("insert: %d values for rows of %d", len(args), ncol)
	}
	per := min(maxRowsPerInsert, maxParams/ncol)
	for rows := len(args) / ncol; rows > 0; {
		n := min(rows, per)
		if n < per {
			// A power of two, so that few distinct statements are prepared.
			n = 1 << (bits.Len(uint(n)) - 1)
		}
		q := head + strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
		if _, err := tx.exec(ctx, q, args[:n*ncol]...); err != nil {
			return err
		}
		args, rows = args[n*ncol:], rows-n
	}
	return nil
}

// Commit writes what is pending, and the ledger's tiles, then commits.
func (tx *Tx) Commit() error {
	ctx := context.Background()
	if err := tx.flush(ctx); err != nil {
		return err
	}
	if err := tx.writeTiles(ctx); err != nil {
		return err
	}
	return tx.Tx.Commit()
}
