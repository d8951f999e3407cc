package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
)

// TestStmtCache: a connection runs a query again from the statement it kept; a query run while
// its own rows are open is prepared apart, so neither reads the other's rows; the statements
// kept stay under their bound.
func TestStmtCache(t *testing.T) {
	db, err := sql.Open(driverName, "file:"+filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, `CREATE TABLE t (n INTEGER)`); err != nil {
		t.Fatal(err)
	}
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
}
