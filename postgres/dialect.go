package postgres

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/docketorg/docket/internal/sqlstore"
	"github.com/docketorg/docket/internal/translit"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/stdlib"
)

// dialect is PostgreSQL's: $n placeholders, full-text search over tsvector columns with GIN
// indexes, and writers serialised by an advisory lock.
type dialect struct {
	wait  time.Duration // how long a write waits for the writers' lock
	batch int           // records of an import's batch; 0 for 4000 (see ImportBatch)
}

// Rebind rewrites ? placeholders as $1, $2... and ?NNN as $NNN, numbered as SQLite numbers
// them. A ? inside a string literal, a quoted identifier or a comment is left alone.
func (dialect) Rebind(q string) string { return rebind(q) }

func rebind(q string) string {
	if !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i := 0; i < len(q); i++ {
		switch c := q[i]; {
		case c == '\'' || c == '"':
			// A doubled quote inside a literal reads as two literals back to back, which
			// copies the same bytes.
			end := strings.IndexByte(q[i+1:], c)
			if end < 0 {
				b.WriteString(q[i:])
				return b.String()
			}
			b.WriteString(q[i : i+2+end])
			i += 1 + end
		case c == '-' && strings.HasPrefix(q[i:], "--"):
			end := strings.IndexByte(q[i:], '\n')
			if end < 0 {
				b.WriteString(q[i:])
				return b.String()
			}
			b.WriteString(q[i : i+end])
			i += end - 1
		case c == '?':
			// ?NNN names parameter NNN, as in SQLite: a ? after it is the one after the
			// largest named so far.
			j := i + 1
			for j < len(q) && q[j] >= '0' && q[j] <= '9' {
				j++
			}
			if k, err := strconv.Atoi(q[i+1 : j]); err == nil {
				b.WriteByte('$')
				b.WriteString(q[i+1 : j])
				n = max(n, k)
				i = j - 1
				break
			}
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// lockWritesSQL takes the write lock of the store whose change log the search_path finds: the
// second key is that table's oid, unique in the database, so stores in other schemas do not
// wait for each other.
var lockWritesSQL = fmt.Sprintf(`SELECT pg_advisory_xact_lock(%d, 'changes'::regclass::oid::int)`, lockWrites)

// LockWrites serialises writers until the transaction ends: change sequence numbers, taken
// one more than the largest, then follow commit order.
// It waits at most DB.WriteWait for another writer (an import holds the lock for its whole
// transaction), then fails with lock_not_available.
func (d dialect) LockWrites(ctx context.Context, tx *sql.Tx) error {
	wait := fmt.Sprintf(`SET LOCAL lock_timeout = %d`, max(d.wait.Milliseconds(), 1))
	for _, q := range []string{wait, lockWritesSQL, `SET LOCAL lock_timeout = 0`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// ClaimRows: a row claimed is locked until its transaction ends, and others pass it over.
func (dialect) ClaimRows() string { return " FOR UPDATE SKIP LOCKED" }

// IsBusy reports whether err is a lock wait that ran out (SQLSTATE 55P03).
func (dialect) IsBusy(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "55P03"
}

// SearchInsert and SearchArgs write the search rows of statements. The vectors are built here
// from the words translit.Tokens finds, the same words the query side is built from, rather
// than by the server's text-search parser: that parser would split the text otherwise (it
// keeps "nur-sultan" whole beside its parts, reads URLs and e-mail addresses as single words,
// and with a C locale takes any non-ASCII character for a letter), and phrases would stop
// matching what they match on SQLite. The lexemes are those of the 'simple' configuration:
// folded, unstemmed, no stop words. They travel as binary tsvectors (see tsvector).
func (dialect) SearchInsert() (columns []string, row string) {
	return []string{"seq", "exact", "keys"}, `(?, ?::tsvector, ?::tsvector)`
}

func (dialect) SearchArgs(seq int64, exact, keys string) []any {
	return []any{seq, tsvector(exactWords(exact)), tsvector(strings.Fields(keys))}
}

// exactWords splits folded text into words as quoted phrases are split (sqlstore's
// parseQuery): apostrophes inside a word are dropped.
func exactWords(folded string) []string {
	ws := translit.Tokens(folded)
	for i, w := range ws {
		ws[i] = strings.ReplaceAll(w, "'", "")
	}
	return ws
}

// Limits of PostgreSQL's tsvector: a lexeme is shorter than 2 KiB, a position at most 16383.
const (
	maxLexeme   = 2046
	maxPosition = 16383
)

func validLexeme(w string) bool { return w != "" && len(w) <= maxLexeme }

// maxPositions is the most positions a lexeme of a tsvector keeps (MAXNUMPOS).
const maxPositions = 256

// lexeme quotes a word for tsquery input, where it is one lexeme whatever it holds: no
// character in it can act as an operator.
func lexeme(w string) string { return "'" + lexemeQuoter.Replace(w) + "'" }

var lexemeQuoter = strings.NewReplacer(`\`, `\\`, `'`, `''`)

// tsvector returns the tsvector of words at positions 1, 2, 3..., as the server's tsvector
// input makes it of the text 'w1':1 'w2':2 ...: each lexeme once, in byte order, with its
// distinct positions in order, at most maxPositions of them, any past maxPosition counted as
// maxPosition. It is sent in binary form, which the server takes as it is, so it must be
// that canonical form (TestTSVector compares it with the server's own). A word too long to
// index is left out but keeps its position, so that a phrase does not match across it.
func tsvector(words []string) pgtype.TSVector {
	type wordAt struct {
		w string
		p uint16
	}
	ws := make([]wordAt, 0, len(words))
	for i, w := range words {
		if validLexeme(w) {
			ws = append(ws, wordAt{w, uint16(min(i+1, maxPosition))})
		}
	}
	slices.SortFunc(ws, func(a, b wordAt) int {
		if c := strings.Compare(a.w, b.w); c != 0 {
			return c
		}
		return cmp.Compare(a.p, b.p)
	})
	v := pgtype.TSVector{Valid: true}
	pos := make([]pgtype.TSVectorPosition, 0, len(ws)) // every lexeme's positions, in turn
	for i, x := range ws {
		if i == 0 || x.w != ws[i-1].w {
			v.Lexemes = append(v.Lexemes, pgtype.TSVectorLexeme{Word: x.w})
		} else if x.p == ws[i-1].p {
			continue
		}
		l := &v.Lexemes[len(v.Lexemes)-1]
		if len(l.Positions) < maxPositions {
			pos = append(pos, pgtype.TSVectorPosition{Position: x.p})
			l.Positions = pos[len(pos)-len(l.Positions)-1 : len(pos) : len(pos)]
		}
	}
	return v
}

// tsqueries returns the query on exact text (every phrase, its words in order) and the query on
// keys (every key, the last as a prefix when prefix is set), as tsquery input text; "" for
// none. ok is false when a term can match nothing, being too long to have been indexed.
func tsqueries(phrases [][]string, keys []string, prefix bool) (exact, keyq string, ok bool) {
	var ps []string
	for _, p := range phrases {
		var ws []string
		for _, w := range p {
			if w == "" {
				continue
			} else if !validLexeme(w) {
				return "", "", false
			}
			ws = append(ws, lexeme(w))
		}
		if len(ws) > 0 {
			ps = append(ps, "("+strings.Join(ws, " <-> ")+")")
		}
	}
	var ks []string
	for i, k := range keys {
		if k == "" {
			continue
		} else if !validLexeme(k) {
			return "", "", false
		}
		term := lexeme(k)
		if prefix && i == len(keys)-1 {
			term += ":*"
		}
		ks = append(ks, term)
	}
	return strings.Join(ps, " & "), strings.Join(ks, " & "), len(ps)+len(ks) > 0
}

// SearchCTE returns "m(seq, rank)": the newest limit statements whose exact text holds every
// phrase and whose keys hold every key, with their rank. The terms travel as parameters,
// quoted lexeme by lexeme. ts_rank with normalisation 1 prefers shorter texts, as SQLite's
// bm25 does; the rank is negated so that lower is better, as there.
//
// The newest matches are found first, as SQLite's are (ranking every row of a common word is
// what costs), in the way that reads least for as many matches as the planner's statistics of
// the words lead it to expect (see searchWayFor): every match from the text indexes, the rows
// newest first until enough match, or the matches among the newest rows only.
//
// Each query is planned for its own terms (QueryExecModeExec), never by a generic plan made
// for any.
func (dialect) SearchCTE(ctx context.Context, tx *sqlstore.Tx, phrases [][]string, keys []string, prefix bool, limit int) (string, []any, error) {
	const empty = `WITH m AS (SELECT seq, 0::float8 AS rank FROM search WHERE false)`
	exact, keyq, ok := tsqueries(phrases, keys, prefix)
	if !ok {
		return empty, nil, nil
	}
	var ranks, conds []string
	var rankArgs, condArgs []any
	for _, t := range []struct{ col, q string }{{"exact", exact}, {"keys", keyq}} {
		if t.q == "" {
			continue
		}
		ranks = append(ranks, "ts_rank("+t.col+", ?::tsquery, 1)")
		conds = append(conds, t.col+" @@ ?::tsquery")
		rankArgs, condArgs = append(rankArgs, t.q), append(condArgs, t.q)
	}
	c := candidates{rank: "-(" + strings.Join(ranks, " + ") + ")::float8", rankArgs: rankArgs, where: strings.Join(conds, " AND "), args: condArgs}
	matches, rows, err := searchEstimate(ctx, tx, c.where, c.args)
	if err != nil {
		return "", nil, err
	}
	seqs, rankList, err := c.read(ctx, tx, searchWayFor(matches, rows, limit), matches, limit)
	if err != nil {
		return "", nil, err
	}
	return `WITH m AS (SELECT * FROM unnest(?::bigint[], ?::float8[]) AS m(seq, rank))`,
		[]any{"{" + strings.Join(seqs, ",") + "}", "{" + strings.Join(rankList, ",") + "}"}, nil
}

// searchWay is how the newest matches of a search are found (see SearchCTE).
type searchWay int

const (
	searchAll    searchWay = iota // every match, from the text indexes
	searchNewest                  // the rows newest first, until enough match
	searchWindow                  // the matches among the newest rows, then the older if too few
)

// What a row costs each way, relative to a row read by the text indexes (a GIN index gives
// its matches in no order, each a read of its own row, about 4 µs on the 2-core machine of
// bench/results at 10M statements): a row read in the order of seqs and tested (most do not
// match), 0.28 µs; an entry of a range of the index of seqs, 0.035 µs.
const (
	searchRowCost   = 0.07
	searchRangeCost = 0.009
)

// searchWayFor chooses the way that reads least for the matches expected among the index's
// rows: every match (as many rows read); the rows newest first until limit match (limit ×
// rows / matches, tested); or the matches among a range of the newest rows that should hold
// half as many again as limit, found by intersecting the text indexes' matches with a range of
// the index of seqs (as many entries), each then read. A rare word takes every match, a word
// in more than one row in 25 the newest rows, one in between a range.
func searchWayFor(matches, rows float64, limit int) searchWay {
	n := float64(limit)
	matches = max(matches, 1)
	costs := map[searchWay]float64{
		searchAll:    matches,
		searchNewest: n * rows / matches * searchRowCost,
		searchWindow: 1.5*n*rows/matches*searchRangeCost + 1.5*n,
	}
	best := searchAll
	for _, w := range []searchWay{searchNewest, searchWindow} {
		if costs[w] < costs[best] {
			best = w
		}
	}
	return best
}

// candidates are the rows of the search index that match where, with their rank.
type candidates struct {
	rank, where    string
	rankArgs, args []any
}

// read returns the seqs and ranks, as text, of the newest limit candidates, found the way
// given; a window is sized for the matches expected.
func (c candidates) read(ctx context.Context, tx *sqlstore.Tx, way searchWay, matches float64, limit int) (seqs, ranks []string, err error) {
	read := func(cond, order string, n int, args ...any) error {
		q := `SELECT seq, ` + c.rank + ` FROM (SELECT seq, exact, keys FROM search WHERE ` + c.where + cond +
			` ORDER BY ` + order + ` LIMIT ?) c`
		all := append(append(append([]any{pgx.QueryExecModeExec}, c.rankArgs...), c.args...), args...)
		rows, err := tx.QueryContext(ctx, q, append(all, n)...)
		if err != nil {
			return fmt.Errorf("search candidates: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var seq int64
			var rank float64
			if err := rows.Scan(&seq, &rank); err != nil {
				return err
			}
			seqs, ranks = append(seqs, strconv.FormatInt(seq, 10)), append(ranks, strconv.FormatFloat(rank, 'g', -1, 64))
		}
		return rows.Err()
	}
	// seq + 0 is not the indexed column: the planner cannot read the index of seqs in order,
	// and takes the matches from the text indexes.
	switch way {
	case searchNewest:
		err = read("", "seq DESC", limit)
	case searchAll:
		err = read("", "seq + 0 DESC", limit)
	default:
		var lo, hi int64
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MIN(seq), 0), COALESCE(MAX(seq), 0) FROM search`).Scan(&lo, &hi); err != nil {
			return nil, nil, fmt.Errorf("search: %w", err)
		}
		from := hi - int64(1.5*float64(limit)*float64(hi-lo+1)/max(matches, 1))
		if from <= lo {
			err = read("", "seq + 0 DESC", limit)
			break
		}
		if err = read(" AND seq > ?", "seq + 0 DESC", limit, from); err == nil && len(seqs) < limit {
			err = read(" AND seq <= ?", "seq + 0 DESC", limit-len(seqs), from)
		}
	}
	return seqs, ranks, err
}

// searchEstimate returns the planner's estimates of the rows of the search index that match
// where, and of all its rows.
func searchEstimate(ctx context.Context, tx *sqlstore.Tx, where string, args []any) (matches, rows float64, err error) {
	var plan string
	if err := tx.QueryRowContext(ctx, `EXPLAIN (FORMAT JSON) SELECT 1 FROM search WHERE `+where+` UNION ALL SELECT 1 FROM search`,
		append([]any{pgx.QueryExecModeExec}, args...)...).Scan(&plan); err != nil {
		return 0, 0, fmt.Errorf("search estimate: %w", err)
	}
	var p []struct {
		Plan struct {
			Plans []struct {
				Rows float64 `json:"Plan Rows"`
			}
		}
	}
	if err := json.Unmarshal([]byte(plan), &p); err != nil || len(p) != 1 || len(p[0].Plan.Plans) != 2 {
		return 0, 0, fmt.Errorf("search estimate: unexpected plan %.200s (%v)", plan, err)
	}
	return p[0].Plan.Plans[0].Rows, p[0].Plan.Plans[1].Rows, nil
}

// PrepareImport keeps an import's lookups on their indexes. The statistics of a table that an
// import fills still say it is as small as before, and the planner, believing them, would scan
// the whole table for each batch's lookups: a quadratic import.
func (dialect) PrepareImport(ctx context.Context, tx *sqlstore.Tx) (string, error) {
	_, err := tx.ExecContext(ctx, `SET LOCAL enable_seqscan = off`)
	return "", err
}

// Interleaves: no; a connection of the server is busy until a query's rows are all read.
func (dialect) Interleaves() bool { return false }

// BeginBulk does nothing: a server's store is shared, and its write-ahead log is the server's.
func (dialect) BeginBulk(context.Context, *sql.DB, *sql.DB) (func() error, error) {
	return func() error { return nil }, nil
}

// Deferrable are the full-text indexes, whose row-by-row upkeep is what makes a large load
// slow. Dropping an index or a constraint locks its table until the import commits, and an
// import may read, on other connections, the tables the others belong to (a CSV file's names
// are looked up as it is read): only the search table, which no import reads, is locked so.
//
// An import that has the store to itself also defers the indexes that SQLite's does, and the
// foreign keys of the tables it fills by the million, which the server otherwise checks row
// by row, each with a lookup in the table referred to (a third of a bare COPY's time): adding
// one again checks every row with one join, and fails the import if any row breaks it. The
// import's own checks come first and name the record; the keys are the net under them. The
// indexes on ids and on entities' canonical ids stay: the checks read them. The index of
// statements by entity, the dearest to keep up (its keys arrive in no order), only the check
// of a corroboration reads: an import builds it when the first comes (see sqlstore's
// needIndex), else after the load.
func (dialect) Deferrable(alone bool) []string {
	if !alone {
		return []string{"search_exact", "search_keys"}
	}
	return []string{"search_exact", "search_keys", "search_seq_fkey", "name_keys_seq_fkey",
		"statements_entity_id_fkey", "statements_ref_fkey", "statements_source_id_fkey",
		"statements_ref", "statements_ref_newest", "statements_source", "statements_drafts_seen", "name_keys_key", "sources_url", "entities_schema",
		"changes_entity", "changes_entity2", "statements_entity"}
}

// Deferral returns the statements that drop an index or a constraint of the store's schema
// and make it again, from the catalog's definition of it.
func (dialect) Deferral(ctx context.Context, tx *sqlstore.Tx, name string) (drop, build string, err error) {
	err = tx.QueryRowContext(ctx, `SELECT 'DROP INDEX ' || quote_ident(indexname), indexdef FROM pg_indexes
		WHERE schemaname = current_schema() AND indexname = ?
		UNION ALL
		SELECT format('ALTER TABLE %I DROP CONSTRAINT %I', c.conrelid::regclass, c.conname),
			format('ALTER TABLE %I ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid))
		FROM pg_constraint c WHERE c.connamespace = current_schema()::regnamespace AND c.conname = ?`, name, name).Scan(&drop, &build)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", nil
	}
	return drop, build, err
}

// IndexBuild lets the planner scan whole tables again (see PrepareImport), as checking a
// foreign key over every row wants.
func (dialect) IndexBuild() (before, after string) { return `SET LOCAL enable_seqscan = on`, "" }

// CopyFrom writes rows with the COPY protocol, through the transaction's connection: rows go
// to the server as one stream, which it parses and writes without a statement per row or
// batch of rows. Values are what pgx encodes in binary: strings, ints, nil for NULL and the
// search table's tsvectors (see tsvector).
func (dialect) CopyFrom(ctx context.Context, tx *sqlstore.Tx, table string, columns []string, args []any) error {
	n := len(columns)
	rows := pgx.CopyFromSlice(len(args)/n, func(i int) ([]any, error) { return args[i*n : (i+1)*n : (i+1)*n], nil })
	return tx.Raw(ctx, func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("copy into %s: the connection is %T, not pgx's", table, dc)
		}
		_, err := c.Conn().CopyFrom(ctx, pgx.Identifier{table}, columns, rows)
		return err
	})
}

// updateStatements makes StatementChanges, given as arrays, one element a change.
const updateStatements = `UPDATE statements AS s SET
	status = CASE WHEN u.whole OR u.review THEN u.status ELSE s.status END,
	recorded_status = CASE WHEN u.whole THEN u.recorded WHEN u.review THEN COALESCE(s.recorded_status, s.status) ELSE s.recorded_status END,
	retracted_seq = CASE WHEN u.whole OR u.retract THEN u.retracted_seq ELSE s.retracted_seq END,
	retracted_at = CASE WHEN u.whole OR u.retract THEN u.retracted_at ELSE s.retracted_at END,
	retracted_by = CASE WHEN u.whole OR u.retract THEN u.retracted_by ELSE s.retracted_by END,
	retract_reason = CASE WHEN u.whole OR u.retract THEN u.retract_reason ELSE s.retract_reason END,
	superseded_by = CASE WHEN u.whole OR u.retract THEN u.superseded_by ELSE s.superseded_by END
FROM unnest(?::bigint[], ?::bool[], ?::bool[], ?::bool[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[])
	AS u(seq, whole, review, retract, status, recorded, retracted_seq, retracted_at, retracted_by, retract_reason, superseded_by)
WHERE s.seq = u.seq`

// UpdateStatements makes an import batch's reviews and retractions of rows written before in
// one statement, the changes bound as arrays, column by column.
func (dialect) UpdateStatements(ctx context.Context, tx *sqlstore.Tx, changes []sqlstore.StatementChange) error {
	n := len(changes)
	var (
		seq                                 = make([]int64, n)
		whole, review, retract              = make([]bool, n), make([]bool, n), make([]bool, n)
		status                              = make([]string, n)
		recorded, at, by, reason, supersede = make([]*string, n), make([]*string, n), make([]*string, n), make([]*string, n), make([]*string, n)
		retractedSeq                        = make([]*int64, n)
	)
	for i, c := range changes {
		seq[i], whole[i], review[i], retract[i], status[i] = c.Seq, c.Whole, c.Review, c.Retract, c.Status
		recorded[i], retractedSeq[i], at[i], by[i], reason[i], supersede[i] = c.Recorded, c.RetractedSeq, c.RetractedAt, c.RetractedBy, c.RetractReason, c.SupersededBy
	}
	res, err := tx.Exec(ctx, updateStatements, seq, whole, review, retract, status, recorded, retractedSeq, at, by, reason, supersede)
	if err != nil {
		return err
	}
	if got, err := res.RowsAffected(); err == nil && got != int64(n) {
		return fmt.Errorf("%d statements changed of %d", got, n)
	}
	return nil
}

// ImportBatch: four thousand records, a quarter of the COPYs, lookups and UPDATEs of batches
// of a thousand (at 100k statements, a fifth less CPU of the server and of the import).
func (d dialect) ImportBatch() int { return cmp.Or(d.batch, 4000) }

// AnyOf: a list of ids travels as one text[].
func (dialect) AnyOf() string { return "= ANY(?::text[])" }

// ScratchViews makes temporary tables LIKE the store's, with their constraints and indexes
// (LIKE copies no foreign keys), then drops the indexes that are neither keys nor the view's.
// PostgreSQL searches the session's temporary schema before the search_path for a table named
// without a schema. The transaction is then made read-only: it may still write temporary
// tables, and nothing else.
func (dialect) ScratchViews(ctx context.Context, tx *sqlstore.Tx, views []sqlstore.ScratchView) (stored, scratch string, err error) {
	var schema sql.NullString
	if err := tx.QueryRowContext(ctx, `SELECT quote_ident(current_schema())`).Scan(&schema); err != nil {
		return "", "", err
	} else if !schema.Valid {
		return "", "", errors.New("no schema in the search_path")
	}
	for _, v := range views {
		if _, err := tx.ExecContext(ctx, `CREATE TEMP TABLE `+v.Table+` (LIKE `+schema.String+`.`+v.Table+` INCLUDING ALL) ON COMMIT DROP`); err != nil {
			return "", "", fmt.Errorf("temporary %s: %w", v.Table, err)
		}
		rows, err := tx.QueryContext(ctx, `SELECT quote_ident(c.relname) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
			WHERE i.indrelid = ('pg_temp.' || quote_ident(?))::regclass AND NOT i.indisunique`, v.Table)
		if err != nil {
			return "", "", fmt.Errorf("indexes of temporary %s: %w", v.Table, err)
		}
		var drop []string
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				rows.Close()
				return "", "", err
			}
			drop = append(drop, `DROP INDEX pg_temp.`+name)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return "", "", err
		}
		if v.Index != "" {
			drop = append(drop, `CREATE INDEX ON pg_temp.`+v.Table+` (`+v.Index+`)`)
		}
		for _, q := range drop {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return "", "", fmt.Errorf("%s: %w", q, err)
			}
		}
	}
	if _, err := tx.ExecContext(ctx, `SET TRANSACTION READ ONLY`); err != nil {
		return "", "", err
	}
	return schema.String, "pg_temp", nil
}

// SearchTerms: the search table holds its vectors, which compare as they are.
func (dialect) SearchTerms(context.Context, *sqlstore.Tx, string) (string, error) { return "", nil }

// IsUnique reports whether err is a unique violation (SQLSTATE 23505).
func (dialect) IsUnique(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}

// Ensure the dialect loads rows with COPY, changes rows in bulk and binds arrays.
var (
	_ sqlstore.Copier      = dialect{}
	_ sqlstore.BulkUpdater = dialect{}
	_ sqlstore.Arrayer     = dialect{}
	_ sqlstore.Batcher     = dialect{}
)
