package sqlstore

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/docketorg/docket"
)

// The change log keeps a statement's record in the statement's row rather than in its payload,
// which is then '': a statement is most of what a registry holds, and writing each one twice
// (its record and its row) was a third of a bulk import's work. The row's columns are the
// record's fields, set once; only its status, retraction and supersession change afterwards, and
// recorded_status keeps the status it was made with. The ledger leaf is over the record rebuilt
// from the row, so the row is evidence too: altering it is caught as an altered record.
//
// A record whose canonical form the row cannot reproduce keeps its payload (see rowHolds).

// logColumns selects a change and, for a statement whose row holds its record, that row's
// record columns; logFrom joins them. stmts is the table of statement rows, which Rebuild
// renames while it derives the views again.
const logColumns = `c.seq, c.kind, c.ref, COALESCE(c.entity, ''), c.author, c.at, c.payload,
	s.id, s.entity_id, s.property, s.value, s.lang, s.source_id, s.locator, s.quote,
	COALESCE(s.recorded_status, s.status), s.sensitivity, s.author, s.created_at, s.supersedes, s.salt`

func logFrom(stmts string) string {
	return ` FROM changes c LEFT JOIN ` + stmts + ` s ON c.payload = '' AND s.seq = c.seq`
}

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
}

func (r *logRow) dest() []any {
	return []any{&r.seq, &r.kind, &r.ref, &r.entity, &r.author, &r.at, &r.payload,
		&r.id, &r.stmtEntity, &r.property, &r.value, &r.lang, &r.source, &r.locator, &r.quote,
		&r.status, &r.sensitivity, &r.stmtAuthor, &r.created, &r.supersedes, &r.salt}
}

// record returns the change's record and its canonical form, the ledger leaf's content. Its
// errors say what is wrong with the change, without naming it.
func (r *logRow) record() (*docket.Record, []byte, error) {
	if r.payload != "" {
		var rec docket.Record
		if err := json.Unmarshal([]byte(r.payload), &rec); err != nil {
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
