package harness

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/translit"
	"github.com/docketorg/docket/postgres"
	"github.com/docketorg/docket/seal"
	"github.com/docketorg/docket/sqlite"
	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, for the schema and the sizes
)

// Backends a Target may be.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// PostgresSchema is the schema a PostgreSQL run imports into. It is dropped and made again,
// empty, before every run: a fixed name of the benchmark's own, so that nothing else is ever
// dropped.
const PostgresSchema = "docket_bench"

// Target is where a benchmark's store lives: a SQLite file, or a schema of its own in a
// PostgreSQL database.
type Target struct {
	Backend string
	Path    string // SQLite: the store's file
	URL     string // PostgreSQL: the database's URL with search_path set to PostgresSchema

	app   string  // PostgreSQL: the application_name of the store's connections, to find its backends
	admin *sql.DB // PostgreSQL: a pool outside the store, for the schema, sizes and facts
}

// NewSQLiteTarget returns a target for a fresh SQLite store at path, which must not exist.
func NewSQLiteTarget(path string) (*Target, error) {
	if _, err := os.Stat(path); err == nil {
		return nil, fmt.Errorf("%s exists; the import needs a fresh store", path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return &Target{Backend: SQLite, Path: path}, nil
}

// dataKey is the data key of the stores a run makes: the generated registry has confidential
// records, which a store takes only sealed. Made once a run; written beside a kept SQLite
// store as data.key (see KeyFile), for docket serve --data-key.
var dataKey = sync.OnceValues(seal.Generate)

// UseKeyFile makes the key in the file named the run's data key, to read a store a run kept.
func UseKeyFile(name string) error {
	b, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	k, err := seal.Parse(b)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	dataKey = func() (*seal.Key, error) { return k, nil }
	return nil
}

// KeyFile writes the run's data key to the file named, readable by its owner only.
func KeyFile(name string) error {
	k, err := dataKey()
	if err != nil {
		return err
	}
	return os.WriteFile(name, k.Text(), 0o600)
}

// NewPostgresTarget connects to the database at dbURL, a postgres:// URL, drops
// PostgresSchema with everything in it and creates it again, empty; or, when kept, leaves it
// as a run with --keep left it, to read. The target's URL is dbURL with search_path set to
// that schema, where the store makes its tables.
func NewPostgresTarget(ctx context.Context, dbURL string, kept bool) (*Target, error) {
	u, err := url.Parse(dbURL)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return nil, fmt.Errorf("--db: want a postgres:// URL")
	}
	t := &Target{Backend: Postgres, app: fmt.Sprintf("docket-bench-%d", os.Getpid())}
	q := u.Query()
	q.Set("search_path", PostgresSchema)
	q.Set("application_name", t.app)
	u.RawQuery = q.Encode()
	t.URL = u.String()
	if t.admin, err = sql.Open("pgx", dbURL); err != nil {
		return nil, fmt.Errorf("connect to PostgreSQL: %w", err)
	}
	if err := t.admin.PingContext(ctx); err != nil {
		t.admin.Close()
		return nil, fmt.Errorf("connect to PostgreSQL: %w", err)
	}
	if kept {
		var n int
		if err := t.admin.QueryRowContext(ctx, `SELECT COUNT(*) FROM pg_tables WHERE schemaname = $1 AND tablename = 'statements'`, PostgresSchema).Scan(&n); err != nil || n == 0 {
			t.admin.Close()
			return nil, fmt.Errorf("no store in schema %s of %s (kept by a run with --keep?): %v", PostgresSchema, u.Redacted(), err)
		}
		return t, nil
	}
	// The name is a constant of ours: safe to splice.
	for _, stmt := range []string{`DROP SCHEMA IF EXISTS ` + PostgresSchema + ` CASCADE`, `CREATE SCHEMA ` + PostgresSchema} {
		if _, err := t.admin.ExecContext(ctx, stmt); err != nil {
			t.admin.Close()
			return nil, fmt.Errorf("%s: %w", stmt, err)
		}
	}
	return t, nil
}

// Where says where the store is, without a password.
func (t *Target) Where() string {
	if t.Backend == SQLite {
		return t.Path
	}
	u, err := url.Parse(t.URL)
	if err != nil {
		return "the PostgreSQL server"
	}
	return u.Redacted()
}

// Open opens the target's store, creating its tables the first time.
func (t *Target) Open() (docket.Store, error) {
	key, err := dataKey()
	if err != nil {
		return nil, fmt.Errorf("make a data key: %w", err)
	}
	if t.Backend == SQLite {
		db := sqlite.NewDB(t.Path)
		db.DataKey = key
		if err := db.Open(); err != nil {
			return nil, err
		}
		return db, nil
	}
	db := postgres.NewDB(t.URL)
	db.DataKey = key
	if err := db.Open(); err != nil {
		return nil, fmt.Errorf("open PostgreSQL store: %w", err)
	}
	return pgStore{db, t}, nil
}

// pgStore is a PostgreSQL store that can tell the CPU time of its server backends.
type pgStore struct {
	*postgres.DB
	t *Target
}

func (s pgStore) ServerCPU(ctx context.Context) map[int]time.Duration { return s.t.serverCPU(ctx) }

// serverCPU is a store that can tell the CPU time its server has spent, by process.
type serverCPU interface {
	ServerCPU(ctx context.Context) map[int]time.Duration
}

// serverCPU returns the CPU time of each backend serving the store's connections, read from
// /proc, or nil when the server is not on this machine (or not visible from it).
func (t *Target) serverCPU(ctx context.Context) map[int]time.Duration {
	rows, err := t.admin.QueryContext(ctx, `SELECT pid FROM pg_stat_activity WHERE application_name = $1`, t.app)
	if err != nil {
		return nil
	}
	defer rows.Close()
	var out map[int]time.Duration
	for rows.Next() {
		var pid int
		if rows.Scan(&pid) != nil {
			continue
		}
		if d, ok := procCPU(pid, "postgres"); ok {
			if out == nil {
				out = map[int]time.Duration{}
			}
			out[pid] = d
		}
	}
	return out
}

// procCPU returns the user and system time of a process of the named command, from
// /proc/PID/stat; ok is false when there is no such process here, as when the pid is another
// machine's.
func procCPU(pid int, comm string) (d time.Duration, ok bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, false
	}
	s := string(b)
	open, end := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
	if open < 0 || end < open || s[open+1:end] != comm {
		return 0, false
	}
	// After the command: state, then fields 4 to 13, then utime and stime, in clock ticks of
	// USER_HZ, which Linux fixes at 100 for user space.
	f := strings.Fields(s[end+1:])
	if len(f) < 13 {
		return 0, false
	}
	ut, err1 := strconv.ParseInt(f[11], 10, 64)
	st, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return time.Duration(ut+st) * 10 * time.Millisecond, true
}

// cpuSince sums the CPU time each process has spent since before, counting processes that
// were not there then in full.
func cpuSince(before, after map[int]time.Duration) time.Duration {
	var d time.Duration
	for pid, t := range after {
		d += t - before[pid]
	}
	return d
}

// CloseStore closes the store an import went into and records its size in res. On SQLite,
// that is the main file and the write-ahead log with the store still open, then the file
// after close, which checkpoints the log. On PostgreSQL, it is every relation of the schema
// (pg_table_size: heap, TOAST, free-space and visibility maps; pg_indexes_size: indexes),
// which close does not change.
func (t *Target) CloseStore(ctx context.Context, db io.Closer, res *ImportResult) error {
	if t.Backend == SQLite {
		res.DBBytesOpen, res.WALBytesOpen = fileSize(t.Path), fileSize(t.Path+"-wal")
		if err := db.Close(); err != nil {
			return fmt.Errorf("close the store: %w", err)
		}
		res.DBBytes = fileSize(t.Path) + fileSize(t.Path+"-wal")
	} else {
		if err := db.Close(); err != nil {
			return fmt.Errorf("close the store: %w", err)
		}
		err := t.admin.QueryRowContext(ctx, `SELECT COALESCE(SUM(pg_table_size(c.oid)), 0), COALESCE(SUM(pg_indexes_size(c.oid)), 0)
			FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'm')`, PostgresSchema).Scan(&res.TableBytes, &res.IndexBytes)
		if err != nil {
			return fmt.Errorf("size of schema %s: %w", PostgresSchema, err)
		}
		res.DBBytes = res.TableBytes + res.IndexBytes
	}
	res.BytesPerStatement = float64(res.DBBytes) / float64(max(res.Statements, 1))
	return nil
}

// VacuumAnalyze runs VACUUM (ANALYZE) on every table of the PostgreSQL schema, as autovacuum
// would within a minute or two of an import: reads straight after a bulk import otherwise
// meet a planner without statistics and tables without visibility maps, and measure that
// transient state (at 10,000 statements an entity page took 40 to 60 ms before, 2 ms after). Nothing
// to do on SQLite.
func (t *Target) VacuumAnalyze(ctx context.Context) (time.Duration, error) {
	if t.Backend != Postgres {
		return 0, nil
	}
	rows, err := t.admin.QueryContext(ctx, `SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = $1`, PostgresSchema)
	if err != nil {
		return 0, fmt.Errorf("tables of %s: %w", PostgresSchema, err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return 0, err
		}
		tables = append(tables, PostgresSchema+"."+name)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(tables) == 0 {
		return 0, err
	}
	start := time.Now()
	if _, err := t.admin.ExecContext(ctx, `VACUUM (ANALYZE) `+strings.Join(tables, ", ")); err != nil {
		return 0, fmt.Errorf("vacuum %s: %w", PostgresSchema, err)
	}
	return time.Since(start), nil
}

// Close drops the PostgreSQL schema unless keep is set, and closes the target's connections.
// A SQLite store is left for its temporary directory to take.
func (t *Target) Close(ctx context.Context, keep bool) error {
	if t.admin == nil {
		return nil
	}
	defer t.admin.Close()
	if keep {
		return nil
	}
	if _, err := t.admin.ExecContext(ctx, `DROP SCHEMA IF EXISTS `+PostgresSchema+` CASCADE`); err != nil {
		return fmt.Errorf("drop schema %s: %w", PostgresSchema, err)
	}
	return nil
}

// StoreFacts are a few facts about a store that no API gives: how many statements a common
// word matches, the entities referred to most, the database's version. They explain the
// figures; the schema they read may change, so failures only leave them out.
type StoreFacts struct {
	Version       string           `json:"version,omitempty"` // "SQLite 3.x" or "PostgreSQL 15.x"
	CommonMatches map[string]int64 `json:"common_word_matches,omitempty"`
	Busiest       []string         `json:"most_referred_entities,omitempty"`
	BusiestRefs   []int64          `json:"most_referred_counts,omitempty"`
}

// Facts reads the store's facts: a SQLite file read-only with the driver the store registers,
// a PostgreSQL schema through the target's own connection.
func (t *Target) Facts(ctx context.Context, words []string) StoreFacts {
	var f StoreFacts
	db, prefix := t.admin, PostgresSchema+"."
	versionSQL, matchSQL := `SELECT 'PostgreSQL ' || current_setting('server_version')`, `SELECT COUNT(*) FROM `+prefix+`search WHERE keys @@ $1::tsquery`
	match := func(key string) string { return "'" + strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(key) + "'" }
	if t.Backend == SQLite {
		var err error
		if db, err = sql.Open("sqlite", "file:"+t.Path+"?mode=ro"); err != nil {
			return f
		}
		defer db.Close()
		prefix = ""
		versionSQL, matchSQL = `SELECT 'SQLite ' || sqlite_version()`, `SELECT COUNT(*) FROM search WHERE search MATCH ?`
		match = func(key string) string { return `keys : "` + key + `"` }
	}
	db.QueryRowContext(ctx, versionSQL).Scan(&f.Version)
	f.CommonMatches = map[string]int64{}
	for _, w := range words {
		var n int64
		if err := db.QueryRowContext(ctx, matchSQL, match(translit.WordKey(w))).Scan(&n); err == nil {
			f.CommonMatches[w] = n
		}
	}
	rows, err := db.QueryContext(ctx, `SELECT ref, COUNT(*) FROM `+prefix+`statements WHERE ref IS NOT NULL GROUP BY ref ORDER BY 2 DESC LIMIT 3`)
	if err != nil {
		return f
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var n int64
		if rows.Scan(&id, &n) == nil {
			f.Busiest, f.BusiestRefs = append(f.Busiest, id), append(f.BusiestRefs, n)
		}
	}
	return f
}
