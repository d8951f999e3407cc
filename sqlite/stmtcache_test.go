package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestStmtCache: a connection runs a query again from the statement it kept; a query run while
// its own rows are open is prepared apart, so neither reads the other's rows; the statements
// kept stay under their bound.
// openCaching opens a database of one table t (n INTEGER) through the caching driver, on one
// connection, as a store's reads of a transaction are.
func openCaching(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open(driverName, "file:"+filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(`CREATE TABLE t (n INTEGER)`); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestStmtCache(t *testing.T) {
	db := openCaching(t)
	ctx := context.Background()
	for i := range 5 {
		if _, err := db.ExecContext(ctx, `INSERT INTO t (n) VALUES (?)`, i); err != nil {
			t.Fatal(err)
		}
	}
	kept := func() (n int, same *cachedStmt) {
		conn, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		conn.Raw(func(dc any) error {
			c := dc.(*cachingConn)
			n, same = len(c.stmts), c.stmts[`INSERT INTO t (n) VALUES (?)`]
			return nil
		})
		return n, same
	}
	_, insert := kept()
	if insert == nil {
		t.Fatal("the connection kept no statement of the INSERT it ran five times")
	}
	const q = `SELECT n FROM t WHERE n >= ? ORDER BY n`
	tx, err := db.BeginTx(ctx, nil) // one connection: a query while another's rows are open, as stores do
	if err != nil {
		t.Fatal(err)
	}
	rows, err := tx.QueryContext(ctx, q, 0)
	if err != nil {
		t.Fatal(err)
	}
	var outer, inner []int
	for rows.Next() {
		var n int
		rows.Scan(&n)
		outer = append(outer, n)
		// The same text while its rows are open: a statement of its own.
		var m int
		if err := tx.QueryRowContext(ctx, q, 3).Scan(&m); err != nil {
			t.Fatal(err)
		}
		inner = append(inner, m)
	}
	rows.Close()
	tx.Rollback()
	if fmt.Sprint(outer) != "[0 1 2 3 4]" || fmt.Sprint(inner) != "[3 3 3 3 3]" {
		t.Fatalf("nested runs of one query: outer %v, inner %v", outer, inner)
	}
	if _, again := kept(); again != insert {
		t.Error("the INSERT's statement was not kept from one use to the next")
	}
	for i := range maxCachedStmts + 100 {
		var n int
		if err := db.QueryRowContext(ctx, fmt.Sprintf(`SELECT COUNT(*) + %d FROM t`, i)).Scan(&n); err != nil || n != 5+i {
			t.Fatalf("query %d: %d, %v", i, n, err)
		}
	}
	if n, _ := kept(); n > maxCachedStmts {
		t.Errorf("%d statements kept, over the bound of %d", n, maxCachedStmts)
	}
	// A query of a long list of values runs and is not kept.
	long := `SELECT COUNT(*) FROM t WHERE n IN (` + strings.TrimSuffix(strings.Repeat("?, ", 1000), ", ") + `)`
	args := make([]any, 1000)
	for i := range args {
		args[i] = i
	}
	var n int
	if err := db.QueryRowContext(ctx, long, args...).Scan(&n); err != nil || n != 5 {
		t.Fatalf("a query of 1,000 values: %d, %v", n, err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.Raw(func(dc any) error {
		if c := dc.(*cachingConn); c.stmts[long] != nil {
			t.Error("the statement of a query of 1,000 values was kept")
		}
		return nil
	})
}

// TestStmtCache_Prepared: a statement prepared in a transaction (as the stores prepare theirs)
// runs from the connection's kept statement, which outlives the transaction; run while its own
// rows are open, it reads right; a query that does not parse fails where it is prepared.
func TestStmtCache_Prepared(t *testing.T) {
	db := openCaching(t)
	ctx := context.Background()
	const q = `SELECT n FROM t WHERE n >= ? ORDER BY n`
	var first *cachedStmt
	for round := range 3 {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		ins, err := tx.PrepareContext(ctx, `INSERT INTO t (n) VALUES (?)`)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ins.ExecContext(ctx, round); err != nil {
			t.Fatal(err)
		}
		sel, err := tx.PrepareContext(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := sel.QueryContext(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		var outer, inner []int
		for rows.Next() {
			var n, m int
			rows.Scan(&n)
			outer = append(outer, n)
			if err := sel.QueryRowContext(ctx, round).Scan(&m); err != nil {
				t.Fatal(err)
			}
			inner = append(inner, m)
		}
		rows.Close()
		if len(outer) != round+1 || outer[round] != round || inner[0] != round {
			t.Fatalf("round %d: outer %v, inner %v", round, outer, inner)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		conn, _ := db.Conn(ctx)
		conn.Raw(func(dc any) error {
			s := dc.(*cachingConn).stmts[q]
			if s == nil || s.busy || (first != nil && s != first) {
				t.Errorf("round %d: the prepared query's kept statement is %p (busy %v), was %p", round, s, s != nil && s.busy, first)
			}
			first = s
			return nil
		})
		conn.Close()
	}
	tx, _ := db.BeginTx(ctx, nil)
	defer tx.Rollback()
	if _, err := tx.PrepareContext(ctx, `SELECT nothing FROM nowhere`); err == nil {
		t.Error("a query that does not parse was prepared")
	}
}
