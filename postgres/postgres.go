// Package postgres opens Docket's store on a PostgreSQL server, with pgx through database/sql.
// The store itself is internal/sqlstore, shared with the sqlite package; this package owns the
// connections, the migrations and the PostgreSQL dialect.
//
// # Schema
//
// The tables mirror SQLite's column for column: times are TEXT in sqlstore.TimeFormat,
// sensitivities INTEGER, so that both backends read, write and export the same bytes, and a
// store moves between them with docket copy. The change log's seq is assigned as SQLite
// assigns a rowid, one more than the largest, under the write lock: sequence numbers follow
// commit order and have no gaps, whatever transactions were rolled back.
//
// # Connections
//
// Writers share one pool and are serialised by a transaction-scoped advisory lock taken at the
// start of every write transaction (see [dialect.LockWrites]); they run at READ COMMITTED, so
// that each sees what the writer before it committed. Readers use a second pool whose
// transactions are read-only and REPEATABLE READ: one snapshot per transaction, as a SQLite
// reader has.
//
// A store lives in the first schema of the connection's search_path, which a URL may set:
// postgres://docket@db.example.org/registry?search_path=docket.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/sqlstore"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

//go:embed migration/*.sql
var migrationFS embed.FS

// Advisory lock classes: the first key of PostgreSQL's two-key advisory locks, so that
// Docket's locks meet no other application's. The second key names the store.
const (
	lockWrites  = 0x646b7477 // "dktw"
	lockMigrate = 0x646b746d // "dktm"
)

// DB is a Docket store in one schema of a PostgreSQL database.
type DB struct {
	*sqlstore.Store
	// URL is a PostgreSQL connection string: postgres://USER:PASSWORD@HOST:PORT/DATABASE?...,
	// or the key=value form. Parameters that are not connection settings (search_path) are
	// sent to the server as run-time settings.
	URL string
	// NoMigrate refuses to open a store whose schema is behind instead of migrating it.
	NoMigrate bool
	// WriteWait is how long a write waits for another writer (an import holds the writers'
	// lock for its whole length) before it is refused as busy.
	WriteWait time.Duration
	// ImportBatch is how many records an import checks, then writes, at once (see
	// sqlstore.Batcher); 0 for 4000. Tests make it smaller, to import in many batches.
	ImportBatch int
	// Replicas are URLs of streaming standbys of the primary (made with pg_basebackup), in
	// the form of URL, to send reads to (see reader). Set them before Open.
	Replicas []string
	// ReplicaWait is how long a read waits for a replica to replay this process's last
	// write before it reads from the primary; ReplicaMaxLag how far (bytes of WAL) a replica
	// may be behind the primary before reads skip it; ReplicaCheck how often each replica is
	// asked how far it is.
	ReplicaWait   time.Duration
	ReplicaMaxLag uint64
	ReplicaCheck  time.Duration

	replicas  []*replica
	written   atomic.Uint64 // the WAL position of this process's last write
	turn      atomic.Uint32 // the replica the next read starts at
	stopWatch context.CancelFunc
	watchOnce sync.Once
	watched   sync.WaitGroup
}

// NewDB returns a DB for the server at url; call Open before use.
func NewDB(url string) *DB {
	return &DB{Store: sqlstore.New(nil, nil, dialect{}), URL: url, WriteWait: 10 * time.Second,
		ReplicaWait: 500 * time.Millisecond, ReplicaMaxLag: 64 << 20, ReplicaCheck: time.Second}
}

// Open connects, and applies pending migrations unless NoMigrate is set.
func (db *DB) Open() error {
	if db.URL == "" {
		return fmt.Errorf("postgres: no URL")
	}
	db.Dialect = dialect{wait: max(db.WriteWait, time.Millisecond), batch: db.ImportBatch}
	cfg, err := pgx.ParseConfig(db.URL)
	if err != nil {
		// pgx redacts the password in its errors.
		return docket.Errorf(docket.EINVALID, "postgres URL: %s", err)
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = 15 * time.Second // not the system's minutes for a host that never answers
	}
	if cfg.RuntimeParams["application_name"] == "" {
		cfg.RuntimeParams["application_name"] = "docket"
	}
	w, r := cfg.Copy(), cfg.Copy()
	// Set explicitly, whatever the server's or role's defaults: writers must see each other's
	// commits once they hold the lock, readers one snapshot for a whole transaction.
	w.RuntimeParams["default_transaction_isolation"] = "read committed"
	w.RuntimeParams["default_transaction_read_only"] = "off"
	r.RuntimeParams["default_transaction_isolation"] = "repeatable read"
	r.RuntimeParams["default_transaction_read_only"] = "on"

	db.W = stdlib.OpenDB(*w)
	// Writers wait for the lock holding a connection: a few let them queue at the server.
	db.W.SetMaxOpenConns(4)
	db.W.SetMaxIdleConns(2)
	db.W.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.migrate(context.Background()); err != nil {
		db.W.Close()
		db.W = nil
		return err
	}
	db.R = stdlib.OpenDB(*r)
	db.R.SetMaxOpenConns(8)
	db.R.SetMaxIdleConns(4)
	db.R.SetConnMaxIdleTime(5 * time.Minute)
	// Verify's (see sqlstore.Store.Scratch): one snapshot for the whole verification, and a
	// session of its own each time, so that no statement it runs was planned before its
	// temporary tables hid the store's.
	s := cfg.Copy()
	s.RuntimeParams["default_transaction_isolation"] = "repeatable read"
	s.RuntimeParams["default_transaction_read_only"] = "off"
	db.Scratch = stdlib.OpenDB(*s)
	db.Scratch.SetMaxOpenConns(1)
	db.Scratch.SetMaxIdleConns(0)
	if err := db.openReplicas(context.Background(), func(c *pgx.ConnConfig) {
		if c.ConnectTimeout == 0 {
			c.ConnectTimeout = 5 * time.Second
		}
		if c.RuntimeParams["application_name"] == "" {
			c.RuntimeParams["application_name"] = "docket"
		}
		for _, k := range []string{"default_transaction_isolation", "default_transaction_read_only"} {
			c.RuntimeParams[k] = r.RuntimeParams[k]
		}
	}); err != nil {
		db.Close()
		return err
	}
	return nil
}

// Close closes both pools.
func (db *DB) Close() error {
	errs := []error{db.closeReplicas()}
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

// Migrations returns the names of the migrations this package ships, in order. They are the
// names of the sqlite package's migrations, one for one.
func Migrations() []string {
	names, _ := fs.Glob(migrationFS, "migration/*.sql")
	sort.Strings(names)
	for i, n := range names {
		names[i] = path.Base(n)
	}
	return names
}

// Pending returns the migrations not yet applied. It writes nothing.
func (db *DB) Pending(ctx context.Context) ([]string, error) {
	var exists bool
	if err := db.W.QueryRowContext(ctx, `SELECT to_regclass('migrations') IS NOT NULL`).Scan(&exists); err != nil {
		return nil, fmt.Errorf("find migrations table: %w", err)
	}
	applied := map[string]bool{}
	if exists {
		rows, err := db.W.QueryContext(ctx, `SELECT name FROM migrations`)
		if err != nil {
			return nil, fmt.Errorf("read migrations: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				return nil, err
			}
			applied[name] = true
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	var pending []string
	for _, name := range Migrations() {
		if !applied[name] {
			pending = append(pending, name)
		}
	}
	return pending, nil
}

// migrate applies pending migrations, each in a transaction of its own that holds an advisory
// lock and checks again that the migration is pending: two processes opening a store at once
// apply each migration once.
func (db *DB) migrate(ctx context.Context) error {
	pending, err := db.Pending(ctx)
	if err != nil {
		return fmt.Errorf("open %s: %w", db.location(), err)
	}
	if len(pending) > 0 && db.NoMigrate {
		return docket.Errorf(docket.ECONFLICT, "the store at %s needs migrations %s; run docket migrate", db.location(), strings.Join(pending, ", "))
	}
	for _, name := range pending {
		applied, err := db.migrateFile(ctx, name)
		if err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		} else if applied {
			db.Logger.Info("migrated", "name", name)
		}
	}
	return nil
}

func (db *DB) migrateFile(ctx context.Context, name string) (applied bool, err error) {
	buf, err := fs.ReadFile(migrationFS, "migration/"+name)
	if err != nil {
		return false, err
	}
	tx, err := db.W.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	// The lock is per schema: stores in other schemas of the database migrate undisturbed.
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))`, lockMigrate); err != nil {
		return false, fmt.Errorf("lock: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return false, fmt.Errorf("create migrations table: %w", err)
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM migrations WHERE name = $1`, name).Scan(&n); err != nil {
		return false, err
	} else if n > 0 {
		return false, nil // another process applied it while we waited for the lock
	}
	// Without arguments pgx sends the file as a simple query, so it may hold many statements.
	if _, err := tx.ExecContext(ctx, string(buf)); err != nil {
		return false, err
	}
	if err := sqlstore.AfterMigration(ctx, tx, dialect{}, name); err != nil {
		return false, err
	}
	// The wall clock, not db.Now: a clock injected for the store's records is not spent here.
	if _, err := tx.ExecContext(ctx, `INSERT INTO migrations (name, applied_at) VALUES ($1, $2)`, name, sqlstore.FormatTime(time.Now())); err != nil {
		return false, err
	}
	return true, tx.Commit()
}

// location is the server and database for messages, without the password.
func (db *DB) location() string {
	cfg, err := pgx.ParseConfig(db.URL)
	if err != nil {
		return "the PostgreSQL server"
	}
	loc := fmt.Sprintf("postgres://%s@%s:%d/%s", cfg.User, cfg.Host, cfg.Port, cfg.Database)
	if sp := cfg.RuntimeParams["search_path"]; sp != "" {
		loc += "?search_path=" + sp
	}
	return loc
}

// Ensure DB is a whole store.
var _ docket.Store = (*DB)(nil)
