// Package sqlstore implements Docket's store over database/sql, once for every SQL backend:
// the sqlite and postgres packages open the connections, run their migrations and supply a
// Dialect for the little that differs (placeholders, full-text search, write locking), so the
// two cannot drift apart in behaviour.
//
// The change log (table changes) is the record of truth; entities, statements, sources, merges
// and the search index are views derived from it inside the same transaction, and Rebuild
// derives them again.
package sqlstore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/ledger"
	"github.com/docketorg/docket/seal"
)

// Dialect is what differs between SQL backends. Queries in this package are written with ?
// placeholders and rebound by the dialect.
type Dialect interface {
	// Rebind rewrites ? placeholders into the backend's form.
	Rebind(query string) string
	// LockWrites serialises writers at the start of a write transaction: change sequence
	// numbers and ledger hashes must follow commit order. It waits a bounded time for another
	// writer, then fails with an error IsBusy recognises.
	LockWrites(ctx context.Context, tx *sql.Tx) error
	// SearchInsert returns the columns of the table search, which indexes statements' text for
	// search, and the placeholders of one row of a multi-row INSERT into it.
	SearchInsert() (columns []string, row string)
	// SearchArgs returns the values of a statement's search row: exact is its words folded for
	// case and diacritics, as quoted phrases are split, one space apart; keys the romanisation
	// key of every word.
	SearchArgs(seq int64, exact, keys string) []any
	// SearchCTE returns a common table expression "m(seq, rank)" of the newest limit statement
	// seqs matching every phrase exactly and every key (the last as a prefix when prefix; a
	// backend may match it as written when that alone has limit matches), with their rank
	// (lower is better, shorter texts first), and its arguments. It may read the search index
	// in tx to find them first.
	SearchCTE(ctx context.Context, tx *Tx, phrases [][]string, keys []string, prefix bool, limit int) (string, []any, error)
	// PrepareImport readies the transaction of an import for loading many rows. after, if not
	// empty, puts back what it set for the connection rather than for the transaction: the
	// import runs it at its end, in its transaction, whether it succeeded or not.
	PrepareImport(ctx context.Context, tx *Tx) (after string, err error)
	// Interleaves reports whether a transaction takes a statement while another one's rows are
	// being read, from another goroutine. An import writes a batch while it checks the next
	// either way; without, a statement of its checks waits until the batch is written (see
	// Tx.wait).
	Interleaves() bool
	// BeginBulk readies an empty store, which no one else uses, for an import (see
	// ImportAlone), given the writer's and the readers' pools; end puts it back as it was.
	BeginBulk(ctx context.Context, w, r *sql.DB) (end func() error, err error)
	// Deferrable names the indexes, and the constraints, that an import into an empty store
	// drops and builds again after the load: none that a check of a record reads, but
	// statements_entity, which the check of a corroboration builds first (see needIndex). With alone
	// unset (see ImportAlone), none whose dropping keeps other connections from reading what
	// the import reads through them.
	Deferrable(alone bool) []string
	// Deferral returns the statements that drop the named index or constraint and that build
	// it again, "" when there is none.
	Deferral(ctx context.Context, tx *Tx, name string) (drop, build string, err error)
	// IndexBuild returns what an import runs before it builds the indexes it deferred, and
	// after, if anything: the settings of large sorts. If before fails, the transaction must
	// go on as it was (the build then runs without it, and after is not run).
	IndexBuild() (before, after string)
	// IsUnique reports whether err is a unique-constraint violation.
	IsUnique(err error) bool
	// IsBusy reports whether err says that another writer held the store longer than a write
	// transaction waits for it (see LockWrites).
	IsBusy(err error) bool
	// ScratchViews creates in tx, a transaction of Store.Scratch, an empty temporary table for
	// each view, with the columns, primary key and unique constraints of the store's table of
	// that name, the view's index, and no other index and no foreign key. Each hides the
	// store's table from every statement that names it without a schema for the rest of the
	// transaction: applying records then derives the views into them (see Verify). It returns
	// the schemas that name the store's tables and the scratch ones, and leaves the
	// transaction unable to write anything else.
	ScratchViews(ctx context.Context, tx *Tx, views []ScratchView) (stored, scratch string, err error)
	// SearchTerms returns, for a search index whose rows cannot be read back as written, a
	// query of every word it holds in schema's search table, as rows (word, statement seq,
	// column, position) in that order; "" when the search table compares as any other.
	SearchTerms(ctx context.Context, tx *Tx, schema string) (string, error)
	// ClaimRows is the clause that ends a SELECT of rows a transaction means to claim (a job
	// of the queue), so that transactions claiming at once from several processes each take
	// other rows, without waiting and never the same row: " FOR UPDATE SKIP LOCKED" on
	// PostgreSQL; "" where a write transaction holds the whole store (SQLite).
	ClaimRows() string
}

// A ScratchView is a view that Verify derives again beside the store's (see
// Dialect.ScratchViews): its table, and the column that deriving it looks rows up by besides
// its keys, if any. Other indexes would only slow the derivation down.
type ScratchView struct{ Table, Index string }

// Store is a Docket store on a SQL database.
type Store struct {
	// Now returns the time of a transaction; tests replace it to move the clock.
	Now func() time.Time
	// Rand is the source of statement salts; tests replace it to make ledgers repeatable.
	Rand   io.Reader
	Logger *slog.Logger
	// DataKey seals confidential data as it is written and opens it as it is read (see
	// seal.go). Without it the store opens, public and internal data work, confidential data
	// reads as locked, and new confidential data is refused.
	DataKey *seal.Key

	R, W *sql.DB // readers; the writer pool
	// Scratch is Verify's: one connection, opened for each use, that reads the store and may
	// write only temporary tables, where Verify derives the views again.
	Scratch *sql.DB
	Dialect Dialect
	// Reader, when set, picks the pool of a read transaction (a replica, or R); Committed is
	// called on a write transaction's connection just after it committed, before the
	// connection goes back to its pool (to learn what a replica must have replayed).
	// ReadFailed is told of a pool Reader picked that could not begin a transaction.
	Reader     func(ctx context.Context) *sql.DB
	ReadFailed func(pool *sql.DB, err error)
	Committed  func(ctx context.Context, conn *sql.Conn)
}

// New returns a store over the reader and writer pools.
func New(r, w *sql.DB, d Dialect) *Store {
	return &Store{
		Now:     func() time.Time { return time.Now().UTC() },
		Rand:    rand.Reader,
		Logger:  slog.New(slog.DiscardHandler),
		R:       r,
		W:       w,
		Dialect: d,
	}
}

// Ensure Store implements everything but Close, which belongs to the backend.
var _ interface {
	docket.EntityService
	docket.StatementService
	docket.SourceService
	docket.ChangeService
	docket.SearchService
	docket.TokenService
	docket.SettingsService
	docket.ListService
} = (*Store)(nil)

// Tx is a transaction with its time fixed at the start, so that every record it writes
// carries the same time.
type Tx struct {
	*sql.Tx
	conn        *sql.Conn // the connection of a transaction that writes rows; nil for reads
	db          *Store
	now         time.Time
	stmtsMu     sync.Mutex // an import's writer prepares statements as its checks do
	stmts       map[string]*sql.Stmt
	rowsQueries map[rowsKey]string // guarded by stmtsMu too
	appender    *ledger.Appender   // made on the transaction's first change
	ledgerCtx   context.Context    // the context the appender reads tiles with: see appendLeaf
	tilesAt     int64              // the ledger's size when its tiles were last written
	seq         int64              // the last change's sequence number; 0 until the first
	recNo       int                // the number in its file of the record an import adds, for errors found as its rows are written
	rows, prev  *pendingRows       // pending rows: see pendingRows
	search      []any              // search rows not yet written, as the dialect's SearchArgs gives them
	fin         *finisher          // an import's; nil when rows are finished as they are added
	writer      *writer            // an import's, when the dialect interleaves; nil when rows are written as they are flushed
	entityCache map[string]*cachedEntity
	sourceCache map[string]bool
	absent      map[string]uint8             // ids an import's batch looked up and did not find, by kind
	stmtCache   map[string]*docket.Statement // written statements an import's batch looked up
	deferred    []deferredIndex              // what an import builds after the load (see deferIndexes)
	canon       map[string]string            // the merges whose rows are pending: from, into
	operators   map[string]string            // the author ids of operators' names, as found or made
	public      bool                         // reads for the public: authors' names are withheld (see viewFor)
	dataKeyID   string                       // the store's data key's id, once read (see keyID)
	blobs       map[string][]byte            // content an import or a snapshot brings, until a snapshot says how to store it
}

// BeginTx starts a transaction: on the writer when write is true, else on a reader.
func (db *Store) BeginTx(ctx context.Context, write bool) (*Tx, error) {
	if !write {
		pool := db.R
		if db.Reader != nil {
			pool = db.Reader(ctx)
		}
		tx, err := pool.BeginTx(ctx, nil)
		if err != nil && pool != db.R && ctx.Err() == nil {
			if db.ReadFailed != nil {
				db.ReadFailed(pool, err)
			}
			tx, err = db.R.BeginTx(ctx, nil) // a replica that went away: the primary answers
		}
		if err != nil {
			return nil, db.busy(fmt.Errorf("begin: %w", err))
		}
		return db.newTx(tx, nil), nil
	}
	tx, err := db.begin(ctx, db.W)
	if err != nil {
		return nil, db.busy(fmt.Errorf("begin: %w", err))
	}
	if err := db.Dialect.LockWrites(ctx, tx.Tx); err != nil {
		tx.Rollback()
		return nil, db.busy(fmt.Errorf("lock: %w", err))
	}
	return tx, nil
}

// begin starts a transaction that writes rows, on a connection of pool that it holds until
// the transaction ends: a dialect that loads rows in bulk (see Copier) reaches the driver's
// connection through it.
func (db *Store) begin(ctx context.Context, pool *sql.DB) (*Tx, error) {
	conn, err := pool.Conn(ctx)
	if err != nil {
		return nil, err
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		conn.Close()
		return nil, err
	}
	return db.newTx(tx, conn), nil
}

func (db *Store) newTx(tx *sql.Tx, conn *sql.Conn) *Tx {
	// Microseconds: the precision PostgreSQL keeps, so times round-trip between backends.
	return &Tx{Tx: tx, conn: conn, db: db, now: db.Now().UTC().Truncate(time.Microsecond), stmts: map[string]*sql.Stmt{},
		rows: newPendingRows(), prev: newPendingRows()}
}

// Rollback ends the transaction without committing, and gives its connection back. It may be
// called after Commit, and again, and then does nothing.
func (tx *Tx) Rollback() error {
	err := tx.Tx.Rollback()
	tx.release()
	return err
}

// release gives the transaction's connection, if it holds one, back to its pool.
func (tx *Tx) release() {
	if tx.conn != nil {
		tx.conn.Close()
		tx.conn = nil
	}
}

// Raw calls f with the driver's connection of a transaction that writes rows (see begin): a
// dialect's Copier loads rows through it. f must use the connection only for statements of
// the transaction, and not after it returns.
func (tx *Tx) Raw(ctx context.Context, f func(driverConn any) error) error {
	tx.wait(ctx)
	if tx.conn == nil {
		return errors.New("raw connection: the transaction holds no connection of its own")
	}
	return tx.conn.Raw(f)
}

// A Copier is a Dialect that loads rows with a bulk protocol (PostgreSQL's COPY) rather than
// with multi-row INSERTs: a write's rows of entities, sources, changes, statements, name keys
// and search go through it, from an import's million or from one fact.
type Copier interface {
	// CopyFrom writes rows of len(columns) values each, args in row order, into table in tx.
	// A refused row fails the transaction, as a refused INSERT does.
	CopyFrom(ctx context.Context, tx *Tx, table string, columns []string, args []any) error
}

// A BulkUpdater is a Dialect that changes many statement rows with one statement: an
// import's reviews and retractions of rows it wrote in earlier batches are a few in a hundred
// records, and one UPDATE each, a round trip to a server each, kept its writer waiting.
type BulkUpdater interface {
	// UpdateStatements makes each change in tx; no two name the same row.
	UpdateStatements(ctx context.Context, tx *Tx, changes []StatementChange) error
}

// StatementChange is what a review or a retraction changes in a statement's row (see
// BulkUpdater): with Whole, every column below is set as given (NULL for nil); else, with
// Review, status is set and the status it had is kept as recorded_status if none is kept
// yet, and with Retract, the retraction's columns are set.
type StatementChange struct {
	Seq                    int64
	Whole, Review, Retract bool
	Status                 string
	Recorded               *string
	RetractedSeq           *int64
	RetractedAt            *string
	RetractedBy            *string
	RetractReason          *string
	SupersededBy           *string
}

// A Batcher is a Dialect whose imports check and write larger batches than importBatch: where
// every statement, every COPY and every lookup of a batch's ids is a round trip to a server
// and a statement for it to start, fewer of them cost less.
type Batcher interface {
	ImportBatch() int
}

// An Arrayer is a Dialect that binds a list of values as one array parameter: an import's
// lookup of a batch's ids is then one statement a table, whatever their number.
type Arrayer interface {
	// AnyOf returns the condition, after a column, that it is one of the values of the
	// parameter it holds, which is bound to a []string.
	AnyOf() string
}

// ErrBusy is the answer to a write that waited its time for another writer (an import holds
// the store for its whole length, in one transaction): a refusal to try again, never an
// internal error and never a wait without end.
var ErrBusy = docket.Errorf(docket.EUNAVAILABLE, "the store is busy: another program is writing to it (an import?); try again in a minute")

// busy turns a wait for another writer that ran out into ErrBusy, and returns err otherwise.
func (db *Store) busy(err error) error {
	if db.Dialect.IsBusy(err) {
		db.Logger.Warn("a write waited for another writer and gave up", "err", err)
		return ErrBusy
	}
	return err
}

// newID makes an id from the store's random source.
func (tx *Tx) newID(prefix string) string { return docket.NewID(prefix, tx.now, tx.db.Rand) }

// checking marks the context of an import's checks on a backend whose transactions take one
// statement at a time (see Tx.wait).
type checking struct{}

// wait keeps a statement of an import's checks off the transaction's connection while the
// writer uses it, where the dialect does not interleave statements: it waits for the writer
// to finish the batch it writes. The writer's error, if any, is kept for the import to return
// (see settle). Every statement of a Tx passes here.
func (tx *Tx) wait(ctx context.Context) {
	if ctx.Value(checking{}) != nil && tx.writer != nil && tx.writer.busy {
		tx.settle()
	}
}

// QueryContext runs a query written with ? placeholders.
func (tx *Tx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	tx.wait(ctx)
	return tx.Tx.QueryContext(ctx, tx.db.Dialect.Rebind(query), args...)
}

// QueryRowContext runs a query written with ? placeholders.
func (tx *Tx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	tx.wait(ctx)
	return tx.Tx.QueryRowContext(ctx, tx.db.Dialect.Rebind(query), args...)
}

// ExecContext runs a statement written with ? placeholders.
func (tx *Tx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	tx.wait(ctx)
	return tx.Tx.ExecContext(ctx, tx.db.Dialect.Rebind(query), args...)
}

// prep returns a prepared statement cached for the transaction: imports run the same few
// statements millions of times. The statement is for the caller to run at once.
func (tx *Tx) prep(ctx context.Context, query string) (*sql.Stmt, error) {
	tx.wait(ctx)
	tx.stmtsMu.Lock()
	defer tx.stmtsMu.Unlock()
	if s, ok := tx.stmts[query]; ok {
		return s, nil
	}
	s, err := tx.PrepareContext(ctx, tx.db.Dialect.Rebind(query))
	if err != nil {
		return nil, err
	}
	tx.stmts[query] = s
	return s, nil
}

// Exec runs a cached prepared statement.
func (tx *Tx) Exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	s, err := tx.prep(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.ExecContext(ctx, args...)
}

func (tx *Tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return tx.Exec(ctx, query, args...)
}

func (tx *Tx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	s, err := tx.prep(ctx, query)
	if err != nil {
		return tx.QueryRowContext(ctx, query, args...) // reports the same error on Scan
	}
	return s.QueryRowContext(ctx, args...)
}

// TimeFormat is how times are stored: text, UTC, microseconds, sortable, the same on every
// backend.
const TimeFormat = "2006-01-02T15:04:05.000000Z"

// FormatTime formats a time as stored.
func FormatTime(t time.Time) string { return t.UTC().Format(TimeFormat) }

func formatTime(t time.Time) string { return FormatTime(t) }

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
// may be seen by v, with its arguments. Every read of statements goes through it. A statement
// is as secret as the most secret of itself, its entity, the entity it refers to and the source
// it cites: a public fact naming a confidential witness, or resting on a confidential source,
// would otherwise show the witness's or the source's id.
func visible(v docket.Viewer) (string, []any) {
	max := int(v.MaxSensitivity())
	cond, args := `s.sensitivity <= ? AND se.sensitivity <= ?`, []any{max, max}
	if v.MaxSensitivity() < docket.Confidential { // else no entity or source is hidden from v
		cond += ` AND (s.ref IS NULL OR EXISTS (SELECT 1 FROM entities r WHERE r.id = s.ref AND r.sensitivity <= ?))
		AND (s.source_id IS NULL OR EXISTS (SELECT 1 FROM sources so WHERE so.id = s.source_id AND so.sensitivity <= ?))`
		args = append(args, max, max)
	}
	if !v.SeesDrafts() {
		cond += ` AND s.status <> 'draft'`
	}
	return cond, args
}

// visibleRowByRow is visible for reads that stop after a page of rows read in an index's
// order: the source and the entity referred to are looked up for each row read, as scalar
// subqueries, which the planner cannot turn into a hash of every source v may see. (PostgreSQL
// did so for the page of a hub named by 27,000 statements: 0.5 s to read 380,000 sources for a
// hundred rows.) It lets v see what visible does: each id is its table's key.
func visibleRowByRow(v docket.Viewer) (string, []any) {
	max := int(v.MaxSensitivity())
	cond, args := `s.sensitivity <= ? AND se.sensitivity <= ?`, []any{max, max}
	if v.MaxSensitivity() < docket.Confidential {
		cond += ` AND (s.ref IS NULL OR (SELECT r.sensitivity FROM entities r WHERE r.id = s.ref) <= ?)
		AND (s.source_id IS NULL OR (SELECT so.sensitivity FROM sources so WHERE so.id = s.source_id) <= ?)`
		args = append(args, max, max)
	}
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
// expected is an id taken by an entity the writer may not see: the checks look through the
// writer's eyes, the constraint does not.
func (db *Store) formatError(err error, ref string) error {
	if db.Dialect.IsUnique(err) {
		return docket.Errorf(docket.ECONFLICT, "id %s is taken", ref)
	}
	return err
}
