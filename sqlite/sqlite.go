// Package sqlite implements Docket's store on an embedded SQLite file, with the pure-Go
// modernc.org/sqlite driver (no cgo), WAL, foreign keys and FTS5.
//
// The change log (table changes) is the record of truth; entities, statements, sources, merges
// and the search index are views derived from it inside the same transaction, and Rebuild
// derives them again.
package sqlite

import (
	"context"
	"crypto/rand"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/docketorg/docket"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migration/*.sql
var migrationFS embed.FS

// DB is a Docket store in one SQLite file.
type DB struct {
	Path string
	// Now returns the time of a transaction; tests replace it to move the clock.
	Now func() time.Time
	// Rand is the source of statement salts; tests replace it to make ledgers repeatable.
	Rand io.Reader
	// NoMigrate refuses to open a store whose schema is behind instead of migrating it.
	NoMigrate bool
	Logger    *slog.Logger

	rdb *sql.DB // readers, many connections
	wdb *sql.DB // the one writer
}

// NewDB returns a DB for the file at path; call Open before use.
func NewDB(path string) *DB {
	return &DB{
		Path:   path,
		Now:    func() time.Time { return time.Now().UTC() },
		Rand:   rand.Reader,
		Logger: slog.New(slog.DiscardHandler),
	}
}

func (db *DB) dsn(write bool) string {
	q := url.Values{}
	// Pragmas go in the DSN so that every pooled connection gets them, not just the first.
	for _, p := range []string{"foreign_keys(1)", "busy_timeout(10000)", "journal_mode(WAL)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	if write {
		q.Set("_txlock", "immediate")
	} else {
		q.Add("_pragma", "query_only(1)")
	}
	return "file:" + db.Path + "?" + q.Encode()
}

// Open creates the file if absent and applies pending migrations.
func (db *DB) Open() (err error) {
	if db.Path == "" {
		return fmt.Errorf("sqlite: no path")
	}
	if err := os.MkdirAll(filepath.Dir(db.Path), 0o700); err != nil {
		return fmt.Errorf("create data directory: %w", err)
	}
	if db.wdb, err = sql.Open("sqlite", db.dsn(true)); err != nil {
		return fmt.Errorf("open %s: %w", db.Path, err)
	}
	db.wdb.SetMaxOpenConns(1)
	if err := db.migrate(context.Background()); err != nil {
		db.wdb.Close()
		return err
	}
	if db.rdb, err = sql.Open("sqlite", db.dsn(false)); err != nil {
		return fmt.Errorf("open %s: %w", db.Path, err)
	}
	db.rdb.SetMaxOpenConns(4)
	return nil
}

// Close closes the database.
func (db *DB) Close() error {
	var errs []error
	if db.rdb != nil {
		errs = append(errs, db.rdb.Close())
	}
	if db.wdb != nil {
		errs = append(errs, db.wdb.Close())
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
	if _, err := db.wdb.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return nil, fmt.Errorf("create migrations table: %w", err)
	}
	var pending []string
	for _, name := range Migrations() {
		var n int
		if err := db.wdb.QueryRowContext(ctx, `SELECT COUNT(*) FROM migrations WHERE name = ?`, name).Scan(&n); err != nil {
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
	return nil
}

func (db *DB) migrateFile(ctx context.Context, name string) error {
	buf, err := fs.ReadFile(migrationFS, "migration/"+name)
	if err != nil {
		return err
	}
	tx, err := db.wdb.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, string(buf)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO migrations (name, applied_at) VALUES (?, ?)`, name, formatTime(db.Now())); err != nil {
		return err
	}
	return tx.Commit()
}

// Tx is a transaction with its time fixed at the start, so that every record it writes
// carries the same time.
type Tx struct {
	*sql.Tx
	db    *DB
	now   time.Time
	stmts map[string]*sql.Stmt
}

// BeginTx starts a transaction: on the writer when write is true, else on a reader.
func (db *DB) BeginTx(ctx context.Context, write bool) (*Tx, error) {
	pool := db.rdb
	if write {
		pool = db.wdb
	}
	tx, err := pool.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin: %w", err)
	}
	// Microseconds: the precision PostgreSQL keeps, so times round-trip between backends.
	return &Tx{Tx: tx, db: db, now: db.Now().UTC().Truncate(time.Microsecond), stmts: map[string]*sql.Stmt{}}, nil
}

// prep returns a prepared statement cached for the transaction: imports run the same few
// statements millions of times.
func (tx *Tx) prep(ctx context.Context, query string) (*sql.Stmt, error) {
	if s, ok := tx.stmts[query]; ok {
		return s, nil
	}
	s, err := tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	tx.stmts[query] = s
	return s, nil
}

func (tx *Tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	s, err := tx.prep(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.ExecContext(ctx, args...)
}

func (tx *Tx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	s, err := tx.prep(ctx, query)
	if err != nil {
		return tx.QueryRowContext(ctx, query, args...) // reports the same error on Scan
	}
	return s.QueryRowContext(ctx, args...)
}

const timeFormat = "2006-01-02T15:04:05.000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeFormat) }

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t.UTC()
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// visible returns an SQL condition that a statement row (alias s) and its entity (alias se)
// may be seen by v, with its arguments. Every read of statements goes through it.
func visible(v docket.Viewer) (string, []any) {
	max := int(v.MaxSensitivity())
	cond := `s.sensitivity <= ? AND se.sensitivity <= ?
		AND (s.ref IS NULL OR EXISTS (SELECT 1 FROM entities r WHERE r.id = s.ref AND r.sensitivity <= ?))`
	args := []any{max, max, max}
	if !v.SeesDrafts() {
		cond += ` AND s.status <> 'draft'`
	}
	return cond, args
}

// limit caps page sizes.
func limit(n int) int {
	if n <= 0 || n > 1000 {
		return 100
	}
	return n
}

// formatError turns a constraint the checks did not catch into an application error. The one
// expected here is an id taken by an entity the writer may not see: the checks look through
// the writer's eyes, the constraint does not.
func formatError(err error, ref string) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return docket.Errorf(docket.ECONFLICT, "id %s is taken", ref)
		}
	}
	return err
}
