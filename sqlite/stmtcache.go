package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"

	"modernc.org/sqlite"
)

// Statements are kept by each connection and run again rather than prepared anew. Every read
// through database/sql prepares its query, and with modernc.org/sqlite, a translation of
// SQLite's C to Go, parsing and planning a query took a fifth of the CPU of a server answering
// the public (go run ./bench/load, profiled): the same few dozen queries, parsed thousands of
// times a second. The cache is in the driver, below database/sql, because a statement belongs
// to one connection and database/sql keeps connections from its callers.

// driverName is the driver of the stores' pools: modernc.org/sqlite with the cache.
const driverName = "docket-sqlite"

func init() {
	// The driver modernc.org/sqlite registers as "sqlite", not one of our own: the functions
	// registered with its package (docket_rank) are that driver's. Opening makes no connection.
	std, err := sql.Open("sqlite", "")
	if err != nil {
		panic(err)
	}
	sql.Register(driverName, cachingDriver{d: std.Driver().(*sqlite.Driver)})
}

// maxCachedStmts bounds the statements a connection keeps: queries are the store's own, a few
// hundred at most (lists of ids come in powers of two), but the bound holds whatever they are.
const maxCachedStmts = 512

// maxCachedQuery is the longest query kept: a list of hundreds of ids is prepared for each
// use. Such statements are few of the reads and seldom run again at the same length, and large
// (their programs hold a step for each id): kept by every connection, memory for little gain.
const maxCachedQuery = 2048

type cachingDriver struct{ d *sqlite.Driver }

// sqliteConn is what the cache needs of a modernc.org/sqlite connection.
type sqliteConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
}

// sqliteStmt is what the cache needs of a modernc.org/sqlite statement.
type sqliteStmt interface {
	driver.Stmt
	driver.StmtExecContext
	driver.StmtQueryContext
}

func (d cachingDriver) Open(name string) (driver.Conn, error) {
	c, err := d.d.Open(name)
	if err != nil {
		return nil, err
	}
	sc, ok := c.(sqliteConn)
	if !ok {
		c.Close()
		return nil, errors.New("sqlite: the driver's connection lacks what the statement cache needs")
	}
	return &cachingConn{sqliteConn: sc, stmts: map[string]*cachedStmt{}}, nil
}

// cachingConn is a connection that keeps its statements by their text.
type cachingConn struct {
	sqliteConn
	stmts map[string]*cachedStmt
}

// cachedStmt is a kept statement; busy while rows of it are open, when a query of the same text
// (a query run while iterating its own rows) must be prepared apart.
type cachedStmt struct {
	st   sqliteStmt
	busy bool
}

// stmt returns the kept statement of query, prepared now if need be, or nil when it is busy or
// there is no room to keep one.
func (c *cachingConn) stmt(ctx context.Context, query string) (*cachedStmt, error) {
	if s, ok := c.stmts[query]; ok {
		if s.busy {
			return nil, nil
		}
		return s, nil
	}
	if len(query) > maxCachedQuery {
		return nil, nil
	}
	if len(c.stmts) >= maxCachedStmts {
		for q, s := range c.stmts {
			if !s.busy {
				s.st.Close()
				delete(c.stmts, q)
				break
			}
		}
		if len(c.stmts) >= maxCachedStmts {
			return nil, nil
		}
	}
	ds, err := c.sqliteConn.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	st, ok := ds.(sqliteStmt)
	if !ok {
		ds.Close()
		return nil, nil
	}
	s := &cachedStmt{st: st}
	c.stmts[query] = s
	return s, nil
}

func (c *cachingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	s, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	} else if s == nil {
		return c.sqliteConn.QueryContext(ctx, query, args)
	}
	rows, err := s.st.QueryContext(ctx, args)
	if err != nil {
		return nil, err
	}
	s.busy = true
	return &cachedRows{Rows: rows, s: s}, nil
}

func (c *cachingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	s, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	} else if s == nil {
		return c.sqliteConn.ExecContext(ctx, query, args)
	}
	return s.st.ExecContext(ctx, args)
}

// PrepareContext returns a statement that runs through the connection's kept ones. The store
// prepares its queries once per transaction (sqlstore's Tx.prep), and a read transaction is
// short: what one prepared was finalised at its end and parsed again by the next (a sixth of
// the CPU of deriving the lists' rows). The query is parsed now, so that an error is reported
// where it was before.
func (c *cachingConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	if _, err := c.stmt(ctx, query); err != nil {
		return nil, err
	}
	return &keptStmt{c: c, query: query}, nil
}

// keptStmt is a prepared statement of a caching connection: each run takes the kept statement
// of its text, or one prepared apart when that one's rows are open (a statement run again while
// its own rows are read, as a transaction's prepared statements may be). Closing it leaves the
// kept statement to the connection.
type keptStmt struct {
	c     *cachingConn
	query string
}

func (s *keptStmt) Close() error  { return nil }
func (s *keptStmt) NumInput() int { return -1 }

func (s *keptStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	return s.c.ExecContext(ctx, s.query, args)
}

func (s *keptStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	return s.c.QueryContext(ctx, s.query, args)
}

func (s *keptStmt) Exec(args []driver.Value) (driver.Result, error) {
	return s.ExecContext(context.Background(), named(args))
}

func (s *keptStmt) Query(args []driver.Value) (driver.Rows, error) {
	return s.QueryContext(context.Background(), named(args))
}

func named(args []driver.Value) []driver.NamedValue {
	out := make([]driver.NamedValue, len(args))
	for i, a := range args {
		out[i] = driver.NamedValue{Ordinal: i + 1, Value: a}
	}
	return out
}

// Close finalises the kept statements, then closes the connection.
func (c *cachingConn) Close() error {
	var errs []error
	for q, s := range c.stmts {
		errs = append(errs, s.st.Close())
		delete(c.stmts, q)
	}
	return errors.Join(append(errs, c.sqliteConn.Close())...)
}

// cachedRows are rows of a kept statement, which is free again once they are closed.
type cachedRows struct {
	driver.Rows
	s *cachedStmt
}

func (r *cachedRows) Close() error {
	err := r.Rows.Close()
	r.s.busy = false
	return err
}
