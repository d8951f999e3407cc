package sqlite

import (
	"context"
	"database/sql"
	"strings"
	"testing"
)

// ReadConns is readConns, for the tests of package sqlite_test.
const ReadConns = readConns

// KeptStatements counts the statements the readers' connections keep whose text holds s.
func KeptStatements(t testing.TB, db *DB, s string) int {
	ctx := context.Background()
	n := 0
	var conns []*sql.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for range db.R.Stats().OpenConnections {
		c, err := db.R.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		c.Raw(func(dc any) error {
			for q := range dc.(*cachingConn).stmts {
				if strings.Contains(q, s) {
					n++
				}
			}
			return nil
		})
	}
	return n
}
