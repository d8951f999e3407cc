package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/docketorg/docket/internal/sqlstore"
	"github.com/docketorg/docket/internal/translit"
	"github.com/jackc/pgx/v5/pgconn"
)

// dialect is PostgreSQL's: $n placeholders, full-text search over tsvector columns with GIN
// indexes, and writers serialised by an advisory lock.
type dialect struct {
	wait time.Duration // how long a write waits for the writers' lock
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

// IsBusy reports whether err is a lock wait that ran out (SQLSTATE 55P03).
func (dialect) IsBusy(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "55P03"
}

// SearchInsert and SearchArgs write the search rows of statements. The vectors are built here from the words
// translit.Tokens finds, the same words the query side is built from, rather than by the
// server's text-search parser: that parser would split the text otherwise (it keeps
// "nur-sultan" whole beside its parts, reads URLs and e-mail addresses as single words, and
// with a C locale takes any non-ASCII character for a letter), and phrases would stop
// matching what they match on SQLite. The lexemes are those of the 'simple' configuration:
// folded, unstemmed, no stop words.
func (dialect) SearchInsert() (head, row string) {
	return `INSERT INTO search (seq, exact, keys) VALUES `, `(?, ?::tsvector, ?::tsvector)`
}

func (dialect) SearchArgs(seq int64, exact, keys string) []any {
	return []any{seq, vector(exactWords(exact)), vector(strings.Fields(keys))}
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

// lexeme quotes a word for tsvector and tsquery input, where it is one lexeme whatever it
// holds: no character in it can act as an operator.
func lexeme(w string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(w) + "'"
}

// vector returns tsvector input text of words at positions 1, 2, 3... A word too long to index
// is left out but keeps its position, so that a phrase does not match across it.
func vector(words []string) string {
	var b strings.Builder
	for i, w := range words {
		if !validLexeme(w) {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(lexeme(w))
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(min(i+1, maxPosition)))
	}
	return b.String()
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

// SearchCTE returns "m(seq, rank)": the statements whose exact text holds every phrase and
// whose keys hold every key, best first. The terms travel as parameters, quoted lexeme by
// lexeme. ts_rank with normalisation 1 prefers shorter texts, as SQLite's bm25 does; the rank
// is negated so that lower is better, as there.
func (dialect) SearchCTE(phrases [][]string, keys []string, prefix bool, limit int) (string, []any) {
	exact, keyq, ok := tsqueries(phrases, keys, prefix)
	if !ok {
		return `WITH m AS (SELECT seq, 0::float8 AS rank FROM search WHERE false)`, nil
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
	// The newest matches, capped, then ranked, as on SQLite: ranking every row of a common
	// word is what costs.
	q := `WITH m AS (SELECT seq, -(` + strings.Join(ranks, " + ") + `)::float8 AS rank FROM (SELECT seq, exact, keys FROM search WHERE ` +
		strings.Join(conds, " AND ") + ` ORDER BY seq DESC LIMIT ?) c)`
	return q, append(append(rankArgs, condArgs...), limit)
}

// PrepareImport keeps an import's lookups on their indexes. The statistics of a table that an
// import fills still say it is as small as before, and the planner, believing them, would scan
// the whole table for each batch's lookups: a quadratic import.
func (dialect) PrepareImport(ctx context.Context, tx *sqlstore.Tx) error {
	_, err := tx.ExecContext(ctx, `SET LOCAL enable_seqscan = off`)
	return err
}

// Interleaves: no; a connection of the server is busy until a query's rows are all read.
func (dialect) Interleaves() bool { return false }

// BeginBulk does nothing: a server's store is shared, and its write-ahead log is the server's.
func (dialect) BeginBulk(context.Context, *sql.DB, *sql.DB) (func() error, error) {
	return func() error { return nil }, nil
}

// DeferrableIndexes are the full-text indexes, whose row-by-row upkeep is what makes a large
// load slow. Dropping an index locks its table until the import commits, and an import may
// read, on other connections, the tables the other indexes belong to (a CSV file's names are
// looked up as it is read): only the search table, which no import reads, is locked so.
func (dialect) DeferrableIndexes() []string { return []string{"search_exact", "search_keys"} }

// IndexDef returns the definition of an index of the store's schema.
func (dialect) IndexDef(ctx context.Context, tx *sqlstore.Tx, name string) (string, error) {
	var def string
	err := tx.QueryRowContext(ctx, `SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ?`, name).Scan(&def)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return def, err
}

// IndexBuild leaves the server's settings as they are.
func (dialect) IndexBuild() (before, after string) { return "", "" }

// IsUnique reports whether err is a unique violation (SQLSTATE 23505).
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

func (dialect) IsUnique(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}
