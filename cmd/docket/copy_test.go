package main

import (
	"crypto/sha256"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/docketorg/docket/internal/pgtest"
)

// mustBusyDemo loads the demo and touches every kind of record, so that a copy has all of them
// to carry: a merge, an unmerge, a correction, a review.
func mustBusyDemo(tb testing.TB) string {
	tb.Helper()
	d := MustDemo(tb)
	out := mustRun(tb, "add", "--data", d, "Person", "name=Gulnara Bayturova", "--new", "--source", "https://example.org/dup", "--sensitivity", "confidential")
	dup := regexp.MustCompile(`added Person (\S+)`).FindStringSubmatch(out)[1]
	mustRun(tb, "merge", "--data", d, "person-baiturova", dup, "--reason", "one judge, two spellings")
	mustRun(tb, "unmerge", "--data", d, dup, "--reason", "check")
	mustRun(tb, "merge", "--data", d, "person-baiturova", dup, "--reason", "one judge after all")
	stmt := regexp.MustCompile(`(s[0-9a-z]{16}) name=`).FindStringSubmatch(out)[1]
	mustRun(tb, "correct", "--data", d, stmt, "Gulnara Baiturova", "--reason", "spelling")
	akb := show(tb, d, "person-akberdiyeva")
	mustRun(tb, "review", "--data", d, fact(tb, &akb.Entity, "name").ID, "verified", "--note", "checked")
	return d
}

// TestCopy_RoundTrip moves a store from SQLite to PostgreSQL and back: every export along the
// way is the same bytes, the ledger is the same tree, and search works on the copy.
func TestCopy_RoundTrip(t *testing.T) {
	pg := pgtest.Schema(t)
	d := mustBusyDemo(t)
	key := filepath.Join(t.TempDir(), "ledger.key")
	before := mustRun(t, "export", "--data", d)
	cp := mustRun(t, "checkpoint", "--data", d, "--key-file", key)

	out := mustRun(t, "copy", "--from", "sqlite:"+filepath.Join(d, "docket.db"), "--to", pg)
	n := strings.Count(before, "\n")
	for _, want := range []string{"copied " + strconv.Itoa(n) + " records", "statements", "merges", "verified", "byte for byte"} {
		if !strings.Contains(out, want) {
			t.Errorf("docket copy says %q, want %q in it", out, want)
		}
	}
	// The sum it prints is the sum of docket export's bytes.
	if m := regexp.MustCompile(`sha256 ([0-9a-f]{64})`).FindStringSubmatch(out); m == nil || m[1] != fmt.Sprintf("%x", sha256.Sum256([]byte(before))) {
		t.Errorf("docket copy says %q; want the sha256 of docket export, %x", out, sha256.Sum256([]byte(before)))
	}
	if got := mustRun(t, "export", "--db", pg); got != before {
		t.Fatal("the PostgreSQL copy exports differently from the SQLite original")
	}
	if got := mustRun(t, "checkpoint", "--db", pg, "--key-file", key); got != cp {
		t.Fatalf("the copy's ledger differs:\n%s\nwant\n%s", got, cp)
	}
	if out := mustRun(t, "verify", "--db", pg, "--key-file", key); !strings.Contains(out, "ok") {
		t.Fatalf("verify of the copy: %s", out)
	}
	if out := mustRun(t, "search", "--db", pg, "Байтурова", "--public"); !strings.Contains(out, "person-baiturova") {
		t.Fatalf("search on the PostgreSQL copy:\n%s", out)
	}

	back := filepath.Join(t.TempDir(), "back", "docket.db")
	mustRun(t, "copy", "--from", pg, "--to", "sqlite:"+back)
	if got := mustRun(t, "export", "--db", "sqlite:"+back); got != before {
		t.Fatal("SQLite -> PostgreSQL -> SQLite changed the export")
	}
	if got := mustRun(t, "checkpoint", "--db", "sqlite:"+back, "--key-file", key); got != cp {
		t.Fatal("SQLite -> PostgreSQL -> SQLite changed the ledger")
	}
}

// TestCopy_NotEmpty copies into a store that holds something: refused, and nothing changes.
func TestCopy_NotEmpty(t *testing.T) {
	src := MustDemo(t)
	from := "sqlite:" + filepath.Join(src, "docket.db")
	targets := map[string]func(t *testing.T) string{
		"SQLite": func(t *testing.T) string {
			d := filepath.Join(t.TempDir(), "data")
			mustRun(t, "add", "--data", d, "Person", "name=Someone Else")
			return "sqlite:" + filepath.Join(d, "docket.db")
		},
		"PostgreSQL": func(t *testing.T) string {
			pg := pgtest.Schema(t)
			mustRun(t, "add", "--db", pg, "Person", "name=Someone Else")
			return pg
		},
	}
	for name, target := range targets {
		t.Run(name, func(t *testing.T) {
			to := target(t)
			before := mustRun(t, "export", "--db", to)
			code, out, errs := run(t, "", "copy", "--from", from, "--to", to)
			if code == 0 || !strings.Contains(errs, "not empty") {
				t.Fatalf("copy into a store that holds a record: exit %d, %q %q; want it refused as not empty", code, out, errs)
			}
			if after := mustRun(t, "export", "--db", to); after != before {
				t.Fatal("a refused copy changed the target")
			}
		})
	}
	code, _, errs := run(t, "", "copy", "--from", from)
	if code != 2 || !strings.Contains(errs, "--to") {
		t.Fatalf("copy without --to: exit %d, %q; want usage", code, errs)
	}
	code, _, errs = run(t, "", "copy", "--from", "sqlite:"+filepath.Join(t.TempDir(), "none.db"), "--to", "sqlite:"+filepath.Join(t.TempDir(), "new.db"))
	if code == 0 || !strings.Contains(errs, "no store") {
		t.Fatalf("copy from a missing store: exit %d, %q", code, errs)
	}
}

// TestCopy_SQLite copies between two SQLite files, which needs no server.
func TestCopy_SQLite(t *testing.T) {
	d := mustBusyDemo(t)
	to := "sqlite:" + filepath.Join(t.TempDir(), "copy", "docket.db")
	mustRun(t, "copy", "--from", "sqlite:"+filepath.Join(d, "docket.db"), "--to", to)
	if mustRun(t, "export", "--db", to) != mustRun(t, "export", "--data", d) {
		t.Fatal("SQLite -> SQLite changed the export")
	}
}

// TestMigrate_Postgres runs docket migrate against a fresh schema, and --no-migrate before it.
func TestMigrate_Postgres(t *testing.T) {
	pg := pgtest.Schema(t)
	code, _, errs := run(t, "", "list", "--db", pg, "--no-migrate")
	if code == 0 || !strings.Contains(errs, "docket migrate") {
		t.Fatalf("--no-migrate on an empty schema: exit %d, %q; want a request to run docket migrate", code, errs)
	}
	if out := mustRun(t, "migrate", "--db", pg); !strings.Contains(out, "migrated postgres://") {
		t.Fatalf("docket migrate: %q", out)
	}
	if out := mustRun(t, "migrate", "--db", pg); !strings.Contains(out, "no pending migrations") {
		t.Fatalf("docket migrate twice: %q", out)
	}
	mustRun(t, "list", "--db", pg, "--no-migrate")
	mustRun(t, "demo", "--db", pg)
	if out := mustRun(t, "show", "Kenzhaliyev", "--db", pg); !strings.Contains(out, "2019-02-07") {
		t.Fatalf("show on PostgreSQL:\n%s", out)
	}
}

func TestRedactURL(t *testing.T) {
	got := redactURL("postgres://docket:s3cret@db.example.org:5432/registry?sslmode=require&password=p4ss")
	if strings.Contains(got, "s3cret") || strings.Contains(got, "p4ss") || !strings.Contains(got, "db.example.org:5432/registry") {
		t.Fatalf("redactURL = %q", got)
	}
}
