// Package pgtest gives tests a fresh PostgreSQL store location: a schema of its own in the
// database named by DOCKET_TEST_POSTGRES_DSN, dropped when the test ends. scripts/test starts a
// throwaway server and sets the variable; without it tests skip, except in CI, where they fail.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver

	"github.com/docketorg/docket/internal/needs"
)

// EnvDSN is the variable that names the test server's database.
const EnvDSN = "DOCKET_TEST_POSTGRES_DSN"

// DSN returns the test server's connection string. Without one it skips the test, or fails it
// when CI=true: CI must run the PostgreSQL tests, never skip them.
func DSN(tb testing.TB) string {
	tb.Helper()
	dsn := os.Getenv(EnvDSN)
	if dsn == "" {
		needs.Missing(tb, "%s is not set: run ./scripts/test, which starts a PostgreSQL server, or point it at a database of yours", EnvDSN)
	}
	return dsn
}

// Schema creates an empty schema with a unique name in the test database, drops it with
// everything in it when tb ends, and returns a connection string whose search_path is that
// schema: a fresh, empty store each call.
func Schema(tb testing.TB) string {
	tb.Helper()
	dsn := DSN(tb)
	var b [6]byte
	rand.Read(b[:])
	name := "docket_test_" + hex.EncodeToString(b[:])
	admin := MustOpen(tb, dsn)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	// The name is ours, lower-case hex: safe to splice.
	if _, err := admin.ExecContext(ctx, `CREATE SCHEMA `+name); err != nil {
		tb.Fatalf("create schema: %v", err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if _, err := admin.ExecContext(ctx, `DROP SCHEMA `+name+` CASCADE`); err != nil {
			tb.Errorf("drop schema %s: %v", name, err)
		}
	})
	return WithSearchPath(tb, dsn, name)
}

// MustOpen opens a database/sql pool on dsn, closed when tb ends.
func MustOpen(tb testing.TB, dsn string) *sql.DB {
	tb.Helper()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// WithSearchPath returns dsn, a URL or key=value string, with search_path set to schema.
func WithSearchPath(tb testing.TB, dsn, schema string) string {
	tb.Helper()
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err != nil {
			tb.Fatalf("%s: %v", EnvDSN, err)
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String()
	}
	return dsn + " search_path=" + schema
}

// ReadTables returns every row of every table of the schema dsn names, as text, as whoever
// holds the database reads it: for tests that look for what must not be stored in the clear.
func ReadTables(tb testing.TB, dsn string) map[string]string {
	tb.Helper()
	db := MustOpen(tb, dsn)
	rows, err := db.Query(`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`)
	if err != nil {
		tb.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			tb.Fatal(err)
		}
		tables = append(tables, n)
	}
	rows.Close()
	if len(tables) < 10 {
		tb.Fatalf("read %d tables only: %v", len(tables), tables)
	}
	out := map[string]string{}
	for _, t := range tables {
		var all sql.NullString
		// t is a name the server gave, quoted as an identifier.
		if err := db.QueryRow(`SELECT string_agg(t::text, E'\n') FROM "` + strings.ReplaceAll(t, `"`, `""`) + `" t`).Scan(&all); err != nil {
			tb.Fatalf("read %s: %v", t, err)
		}
		out[t] = all.String
	}
	return out
}
