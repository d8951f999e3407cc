// Package sqlite opens Docket's store on an embedded SQLite file, with the pure-Go
// modernc.org/sqlite driver (no cgo), WAL, foreign keys and FTS5. The store itself is
// internal/sqlstore; this package owns the file, the migrations and the SQLite dialect.
package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/sqlstore"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migration/*.sql
var migrationFS embed.FS

// DB is a Docket store in one SQLite file.
type DB struct {
	*sqlstore.Store
	Path string
	// NoMigrate refuses to open a store whose schema is behind instead of migrating it.
	NoMigrate bool
	// WriteWait is how long a connection waits for a lock another process holds (an import
	// holds the write lock for its whole length) before its work is refused as busy.
	WriteWait time.Duration
	// ReadCacheBytes is how much of the store's pages the readers hold between them; 0 leaves
	// SQLite's default, 2 MB a reader. Set before Open.
	ReadCacheBytes int64
}

// NewDB returns a DB for the file at path; call Open before use.
func NewDB(path string) *DB {
	return &DB{Store: sqlstore.New(nil, nil, dialect{busy: "10000"}), Path: path, WriteWait: 10 * time.Second}
}

func (db *DB) dsn(write bool) string {
	q := url.Values{}
	// Pragmas go in the DSN so that every pooled connection gets them, not just the first.
	for _, p := range []string{"foreign_keys(1)", "busy_timeout(" + db.busyTimeout() + ")", "journal_mode(WAL)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	if write {
		q.Set("_txlock", "immediate")
		// A multi-row INSERT that may fail midway keeps a statement journal: in memory, not
		// in a temporary file written page by page. (An import's larger page cache: see
		// PrepareImport.)
		q.Add("_pragma", "temp_store(memory)")
	} else {
		q.Add("_pragma", "query_only(1)")
		if kib := db.ReadCacheBytes / 1024 / readConns; kib > 0 {
			q.Add("_pragma", "cache_size(-"+strconv.FormatInt(kib, 10)+")")
		}
	}
	return "file:" + db.Path + "?" + q.Encode()
}

// busyTimeout is WriteWait in milliseconds, as the busy_timeout pragma takes it.
func (db *DB) busyTimeout() string { return strconv.FormatInt(max(db.WriteWait.Milliseconds(), 1), 10) }

// Open creates the file if absent and applies pending migrations.
func (db *DB) Open() (err error) {
	if db.Path == "" {
		return fmt.Errorf("sqlite: no path")
	}
	db.Dialect = dialect{busy: db.busyTimeout()}
	if err := os.MkdirAll(filepath.Dir(db.Path), 0o700); err != nil {
		return fmt.Errorf("create data directory: %w", err)
	}
	if err := db.create(); err != nil {
		return err
	}
	if db.W, err = sql.Open(driverName, db.dsn(true)); err != nil {
		return fmt.Errorf("open %s: %w", db.Path, err)
	}
	db.W.SetMaxOpenConns(1)
	if err := db.migrate(context.Background()); err != nil {
		db.W.Close()
		return err
	}
	if db.R, err = sql.Open(driverName, db.dsn(false)); err != nil {
		return fmt.Errorf("open %s: %w", db.Path, err)
	}
	// Every reader kept open while idle: with database/sql's default of two idle, a server
	// under load closed its third and fourth reader after each read and opened them again, 20
	// times a second, each opening reading the schema anew into a cold page cache (go run
	// ./bench/load --routes entity, each statement prepared logged in a profiling build).
	// Readers idle for minutes are closed, and their memory with them.
	db.R.SetMaxOpenConns(readConns)
	db.R.SetMaxIdleConns(readConns)
	db.R.SetConnMaxIdleTime(5 * time.Minute)
	if db.Scratch, err = sql.Open("sqlite", db.scratchDSN()); err != nil {
		return fmt.Errorf("open %s: %w", db.Path, err)
	}
	// Opened for each use and closed after it, with its temporary tables and their files.
	db.Scratch.SetMaxOpenConns(1)
	db.Scratch.SetMaxIdleConns(0)
	return nil
}

// scratchDSN is Verify's connection (see sqlstore.Store.Scratch): read-only, so that it cannot
// write the store whatever a statement's names find; its temporary tables, a copy of every
// view, in files, with a page cache of 64 MB as the writer's.
func (db *DB) scratchDSN() string {
	q := url.Values{}
	q.Set("mode", "ro")
	for _, p := range []string{"busy_timeout(" + db.busyTimeout() + ")", "temp_store(file)", "temp.cache_size(-65536)"} {
		q.Add("_pragma", p)
	}
	return "file:" + db.Path + "?" + q.Encode()
}

// create makes the file when there is none, with its page size: a page size is fixed when the
// first page is written (the WAL pragma of the pools' DSN writes it), and changing it later
// rewrites the file. 16 KiB pages, rather than SQLite's default 4 KiB, take a quarter of the
// page writes for the same rows and keep the change log's records of a few hundred bytes in
// fewer overflow pages: a bulk import writes its change log a third faster.
func (db *DB) create() error {
	if _, err := os.Stat(db.Path); !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	c, err := sql.Open("sqlite", "file:"+db.Path)
	if err != nil {
		return fmt.Errorf("create %s: %w", db.Path, err)
	}
	defer c.Close()
	if _, err := c.Exec(`PRAGMA page_size = 16384; PRAGMA journal_mode = WAL`); err != nil {
		return fmt.Errorf("create %s: %w", db.Path, err)
	}
	return c.Close()
}

// Close closes the database.
func (db *DB) Close() error {
	var errs []error
	if db.Scratch != nil {
		errs = append(errs, db.Scratch.Close())
	}
	if db.R != nil {
		errs = append(errs, db.R.Close())
	}
	if db.W != nil {
		errs = append(errs, db.W.Close())
	}
	return errors.Join(errs...)
}

// Migrations returns the names of the migrations this package ships, in order.
func Migrations() []string {
	names, _ := fs.Glob(migrationFS, "migration/*.sql")
	sort.Strings(names)
	for i, n := range names {
		names[i] = filepath.Base(n)
	}
	return names
}

// Pending returns the migrations not yet applied.
func (db *DB) Pending(ctx context.Context) ([]string, error) {
	if _, err := db.W.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return nil, fmt.Errorf("create migrations table: %w", err)
	}
	var pending []string
	for _, name := range Migrations() {
		var n int
		if err := db.W.QueryRowContext(ctx, `SELECT COUNT(*) FROM migrations WHERE name = ?`, name).Scan(&n); err != nil {
			return nil, err
		} else if n == 0 {
			pending = append(pending, name)
		}
	}
	return pending, nil
}

func (db *DB) migrate(ctx context.Context) error {
	pending, err := db.Pending(ctx)
	if err != nil {
		return fmt.Errorf("open %s: %w", db.Path, err)
	}
	if len(pending) > 0 && db.NoMigrate {
		return docket.Errorf(docket.ECONFLICT, "the store at %s needs migrations %s; run docket migrate", db.Path, strings.Join(pending, ", "))
	}
	for _, name := range pending {
		if err := db.migrateFile(ctx, name); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
		db.Logger.Info("migrated", "name", name)
	}
	if len(pending) > 0 {
		// ALTER TABLE opens the connection's temporary schema, which then stays open, and
		// temp_store cannot be changed in a transaction while it is (see IndexBuild): the
		// connection that migrated is closed, and the next is opened afresh.
		db.W.SetMaxIdleConns(0)
		db.W.SetMaxIdleConns(defaultMaxIdle)
	}
	return nil
}

func (db *DB) migrateFile(ctx context.Context, name string) error {
	buf, err := fs.ReadFile(migrationFS, "migration/"+name)
	if err != nil {
		return err
	}
	tx, err := db.W.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, string(buf)); err != nil {
		return err
	}
	if err := sqlstore.AfterMigration(ctx, tx, dialect{}, name); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO migrations (name, applied_at) VALUES (?, ?)`, name, sqlstore.FormatTime(time.Now())); err != nil {
		return err
	}
	return tx.Commit()
}

// dialect is SQLite's: ? placeholders, FTS5, one writer at a time by BEGIN IMMEDIATE.
type dialect struct {
	busy string // busy_timeout, in milliseconds
}

func (dialect) Rebind(q string) string { return q }

func (dialect) LockWrites(context.Context, *sql.Tx) error { return nil }

// ClaimRows: a write transaction holds the whole file, so rows it reads are its own.
func (dialect) ClaimRows() string { return "" }

func (dialect) SearchInsert() (columns []string, row string) {
	return []string{"rowid", "exact", "keys"}, `(?, ?, ?)`
}

func (dialect) SearchArgs(seq int64, exact, keys string) []any { return []any{seq, exact, keys} }

func (dialect) SearchCTE(ctx context.Context, tx *sqlstore.Tx, phrases [][]string, keys []string, prefix bool, limit int) (string, []any, error) {
	match := func(prefix bool) string {
		var parts []string
		for _, p := range phrases {
			parts = append(parts, `exact : "`+strings.Join(p, " ")+`"`)
		}
		for i, k := range keys {
			term := `keys : "` + k + `"`
			if prefix && i == len(keys)-1 {
				term += "*"
			}
			parts = append(parts, term)
		}
		return strings.Join(parts, " AND ")
	}
	// The newest matches, capped, then ranked: ranking every row of a common word costs
	// hundreds of milliseconds (PERFORMANCE.md); FTS5 walks rowids backwards and stops.
	newest := `SELECT rowid FROM search WHERE search MATCH ? ORDER BY rowid DESC LIMIT ?`
	if prefix {
		// A prefix is not walked: FTS5 first merges the matches of every word it begins, all
		// of them (20 ms of "court*" at 10M statements). When the word as written has as many
		// matches as are ranked, its own newest are ranked, found in a millisecond.
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM (`+newest+`)`, match(false), limit).Scan(&n); err != nil {
			return "", nil, err
		}
		prefix = n < limit
	}
	// Ranked by their length (docket_rank), not by bm25: bm25 first counts every row that
	// holds each term, all of a common word's, which grew with the store (18 ms of "court" at
	// 10M statements, against 1 ms for the lengths of its thousand newest).
	return `WITH m AS (SELECT f.rowid AS seq, docket_rank(d.sz) AS rank
		FROM (` + newest + `) f JOIN search_docsize d ON d.id = f.rowid)`,
		[]any{match(prefix), limit}, nil
}

func init() {
	sqlite.MustRegisterDeterministicScalarFunction("docket_rank", 1, docketRank)
}

// docketRank ranks a search's match by the length of its text, from FTS5's record of the
// tokens of each column (search_docsize.sz, a varint for each, the exact text first): shorter
// texts first, as PostgreSQL's ts_rank with normalisation 1 ranks them, and lower is better, as
// with bm25. The terms' frequencies are not weighed: every match holds every term, and a
// statement's text is a few words.
func docketRank(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
	sz, _ := args[0].([]byte)
	return -1 / (1 + math.Log(float64(max(varint(sz), 1)))), nil
}

// varint reads SQLite's variable-length integer at the start of b: big-endian groups of seven
// bits, each byte but the last with its high bit set, the ninth byte whole.
func varint(b []byte) uint64 {
	var n uint64
	for i, c := range b {
		if i == 8 {
			return n<<8 | uint64(c)
		}
		n = n<<7 | uint64(c&0x7f)
		if c < 0x80 {
			break
		}
	}
	return n
}

// PrepareImport gives the import's connection a page cache of 64 MB, which it takes only as
// its transaction fills it: fewer pages of a large import are spilled to the log and written
// twice. Only for the import: SQLite's page caches share one bound, the sum of every open
// connection's (modernc.org/sqlite is built with SQLITE_ENABLE_MEMORY_MANAGEMENT), so an idle
// writer's 64 MB let the four readers of a server under load hold 64 MB of pages between them
// (go run ./bench/load --routes entity, 10M statements, with sqlite3_status64 read in a
// profiling build), not the 8 MB their own caches allow.
func (dialect) PrepareImport(ctx context.Context, tx *sqlstore.Tx) (string, error) {
	var size int64
	if err := tx.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&size); err != nil {
		return "", err
	}
	if _, err := tx.ExecContext(ctx, `PRAGMA cache_size = -65536`); err != nil {
		return "", err
	}
	return `PRAGMA cache_size = ` + strconv.FormatInt(size, 10), nil
}

// Interleaves: SQLite runs a connection's statements one at a time, whatever goroutine they
// come from (database/sql holds the connection's lock for each call), and a write between the
// steps of a read is allowed.
func (dialect) Interleaves() bool { return true }

// BeginBulk moves an empty store from its write-ahead log to a rollback journal for the
// import. In WAL mode every page the import writes goes to the log first and is copied into
// the file by the checkpoint that ends it: the whole store written twice, a tenth of an
// import's time. An empty store's rollback journal holds next to nothing, and its pages are
// written once, into the file. Leaving WAL mode needs the file to this connection alone, so
// idle readers are closed first; if someone else (another process) has the store open, it
// stays in WAL mode and the import goes through the log as usual. Until end, readers wait.
func (d dialect) BeginBulk(ctx context.Context, w, r *sql.DB) (func() error, error) {
	r.SetMaxIdleConns(0)
	restore := func() { r.SetMaxIdleConns(readConns) }
	// Not to wait ten seconds for a lock that another process keeps while it has the store open.
	if _, err := w.ExecContext(ctx, `PRAGMA busy_timeout = 100`); err != nil {
		restore()
		return nil, err
	}
	var mode string
	switchErr := w.QueryRowContext(ctx, `PRAGMA journal_mode = DELETE`).Scan(&mode)
	if _, err := w.ExecContext(ctx, `PRAGMA busy_timeout = `+d.busy); err != nil {
		restore()
		return nil, err
	}
	if switchErr != nil || mode != "delete" {
		restore()
		return func() error { return nil }, nil
	}
	return func() error {
		defer restore()
		if err := w.QueryRow(`PRAGMA journal_mode = WAL`).Scan(&mode); err != nil {
			return fmt.Errorf("back to WAL mode: %w", err)
		} else if mode != "wal" {
			return fmt.Errorf("back to WAL mode: the store stays in %s mode until it is opened again", mode)
		}
		return nil
	}, nil
}

// defaultMaxIdle is database/sql's default number of idle connections a pool keeps.
const defaultMaxIdle = 2

// readConns is how many connections read the store at once.
const readConns = 4

// Deferrable are the indexes on keys that arrive in no order, alone or not. Readers in WAL mode read the
// store as it was before the import, indexes and all, so dropping them blocks no one. The
// indexes on ids, on entities' canonical ids and on statements' entities stay, as checks read
// them; so does the change log's index of entities, cheap to keep (its keys arrive nearly in
// order) and dear to build (the whole log is read). SQLite's foreign keys cannot be dropped:
// they are checked as rows are written.
func (dialect) Deferrable(bool) []string {
	return []string{"statements_ref", "statements_ref_newest", "statements_source", "name_keys_key", "sources_url", "entities_schema"}
}

func (dialect) Deferral(ctx context.Context, tx *sqlstore.Tx, name string) (drop, build string, err error) {
	err = tx.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`, name).Scan(&build)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", nil
	} else if err != nil {
		return "", "", err
	}
	return `DROP INDEX ` + name, build, nil
}

// IndexBuild sorts the keys of the indexes an import builds in temporary files. The writer's
// temp_store is memory, for the statement journals of multi-row INSERTs (see dsn); but then
// SQLite's sorter never writes a sorted run out, and sorts a whole index's keys in memory. With
// FILE it sorts runs of at most the page cache's 64 MB and merges them from files, deleted as
// they are opened. Ten million statements' indexes took 20.5 s to build and 785 MB of peak RSS;
// in files, 11.8 s and 288 MB. A failed PRAGMA leaves the transaction as it was.
func (dialect) IndexBuild() (before, after string) {
	return `PRAGMA temp_store = FILE`, `PRAGMA temp_store = MEMORY`
}

// IsBusy: a connection waits busy_timeout for another's lock, then fails with SQLITE_BUSY
// (or, for a lock of the same process's shared cache, SQLITE_LOCKED).
func (dialect) IsBusy(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return true
		}
	}
	return false
}

// referencesClause matches a column's foreign key in a CREATE TABLE statement.
var referencesClause = regexp.MustCompile(`(?i)\s+REFERENCES\s+\w+\s*\(\s*\w+\s*\)`)

// ScratchViews copies the store's tables into the connection's temporary schema, which SQLite
// searches before the store's (main) for a name given without one, from the statements that
// made them: their keys are in those statements, their indexes are not copied. Foreign keys
// are left out: a scratch table may not refer to one of the store's (snapshots to blobs), and
// Verify compares what the keys would hold. The scratch connection opens the store read-only,
// so nothing else can be written.
func (dialect) ScratchViews(ctx context.Context, tx *sqlstore.Tx, views []sqlstore.ScratchView) (stored, scratch string, err error) {
	var ddl []string
	for _, v := range views {
		var q string
		if err := tx.QueryRowContext(ctx, `SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = ?`, v.Table).Scan(&q); err != nil {
			return "", "", fmt.Errorf("table %s: %w", v.Table, err)
		}
		made := ""
		for _, p := range [][2]string{{"CREATE TABLE ", "CREATE TEMP TABLE "}, {"CREATE VIRTUAL TABLE ", "CREATE VIRTUAL TABLE temp."}} {
			if rest, ok := strings.CutPrefix(q, p[0]); ok {
				made = p[1] + rest
				break
			}
		}
		if made == "" {
			return "", "", fmt.Errorf("table %s: cannot copy its shape from %q", v.Table, q)
		}
		ddl = append(ddl, referencesClause.ReplaceAllString(made, ""))
		if v.Index != "" {
			ddl = append(ddl, `CREATE INDEX temp.`+v.Table+`_`+v.Index+` ON `+v.Table+` (`+v.Index+`)`)
		}
	}
	for _, q := range ddl {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return "", "", fmt.Errorf("%s: %w", q, err)
		}
	}
	return "main", "temp", nil
}

// SearchTerms reads an FTS5 index through an fts5vocab table of its instances: the index keeps
// no copy of the text (its content option is empty), so its rows read back empty. The
// instances come in the index's order: by word, then statement, column and position.
func (dialect) SearchTerms(ctx context.Context, tx *sqlstore.Tx, schema string) (string, error) {
	name := "verify_terms_" + schema
	if _, err := tx.ExecContext(ctx, `CREATE VIRTUAL TABLE temp.`+name+` USING fts5vocab(`+schema+`, search, instance)`); err != nil {
		return "", err
	}
	return `SELECT term, doc, col, "offset" FROM temp.` + name, nil
}

func (dialect) IsUnique(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return true
		}
	}
	return false
}

// Ensure DB is a whole store.
var _ docket.Store = (*DB)(nil)
