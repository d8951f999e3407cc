package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/backup"
	"github.com/docketorg/docket/internal/needs"
	"github.com/docketorg/docket/internal/pgtest"
	"github.com/docketorg/docket/sqlite"
)

// A passphrase costs age a second of scrypt by default: tests need no such cost.
func init() { backup.ScryptWorkFactor = 10 }

// keygen makes an age identity and returns its file and recipient.
func keygen(tb testing.TB) (file, recipient string) {
	tb.Helper()
	file = filepath.Join(tb.TempDir(), "backup.key")
	recipient = strings.TrimSpace(mustRun(tb, "backup", "keygen", "--out", file))
	if !strings.HasPrefix(recipient, "age1") {
		tb.Fatalf("docket backup keygen printed %q", recipient)
	}
	if st, err := os.Stat(file); err != nil || st.Mode().Perm() != 0o600 {
		tb.Fatalf("the identity file: %v, %v (want mode 0600)", st, err)
	}
	return file, recipient
}

// writeFile writes a file of the test's.
func writeFile(tb testing.TB, name, content string) string {
	tb.Helper()
	p := filepath.Join(tb.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		tb.Fatal(err)
	}
	return p
}

// runToFile runs a command whose standard output is a file, and returns the file.
func runToFile(tb testing.TB, args ...string) string {
	tb.Helper()
	code, out, errs := run(tb, "", args...)
	if code != 0 {
		tb.Fatalf("docket %s: exit %d\n%s", strings.Join(args, " "), code, errs)
	}
	return writeFile(tb, "out", out)
}

// TestExport_Encrypted: an export encrypted to a key or with a passphrase holds no clear text,
// imports back with the key into a store whose export is the same bytes, and is refused
// without the key, with another key or passphrase, or cut short, with nothing imported.
func TestExport_Encrypted(t *testing.T) {
	d := MustDemo(t)
	plain := mustRun(t, "export", "--data", d)
	keyFile, rcpt := keygen(t)
	enc := runToFile(t, "export", "--data", d, "--encrypt-to", rcpt)
	b, _ := os.ReadFile(enc)
	if !strings.HasPrefix(string(b), "age-encryption.org/v1\n") || strings.Contains(string(b), "Akberdiyeva") || strings.Contains(string(b), `"kind"`) {
		t.Fatalf("the encrypted export is not an age file, or shows its text:\n%.200s", b)
	}
	target := filepath.Join(t.TempDir(), "restored")
	mustRun(t, "import", enc, "--identity", keyFile, "--data", target)
	if got := mustRun(t, "export", "--data", target); got != plain {
		t.Fatal("the decrypted, imported export differs from the original")
	}

	pass := writeFile(t, "pass", "correct horse battery staple\n")
	byPass := runToFile(t, "export", "--data", d, "--passphrase-file", pass, "--public")
	target2 := filepath.Join(t.TempDir(), "public")
	mustRun(t, "import", byPass, "--passphrase-file", pass, "--data", target2)
	if got, want := mustRun(t, "export", "--data", target2), mustRun(t, "export", "--data", d, "--public"); got != want {
		t.Fatal("the passphrase-encrypted public export does not round-trip")
	}

	other, _ := keygen(t)
	wrongPass := writeFile(t, "wrong", "incorrect horse\n")
	cut := writeFile(t, "cut", string(b[:len(b)-100]))
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"no key", []string{"import", enc}, "give --identity FILE or --passphrase-file FILE"},
		{"another key", []string{"import", enc, "--identity", other}, "encrypted to another key or passphrase than those given"},
		{"a wrong passphrase", []string{"import", byPass, "--passphrase-file", wrongPass}, "encrypted to another key or passphrase"},
		{"a key for a passphrase", []string{"import", byPass, "--identity", keyFile}, "encrypted to another key or passphrase"},
		{"cut short", []string{"import", cut, "--identity", keyFile}, "damaged or cut short"},
		{"not a key file", []string{"import", enc, "--identity", pass}, "not an age identity file"},
	} {
		t.Run(c.name, func(t *testing.T) {
			target := filepath.Join(t.TempDir(), "data")
			code, _, errs := run(t, "", append(c.args, "--data", target)...)
			if code != 1 || !strings.Contains(errs, c.want) {
				t.Fatalf("exit %d, stderr %q; want 1 and %q", code, errs, c.want)
			}
			if _, err := os.Stat(filepath.Join(target, "docket.db")); err == nil {
				if out := mustRun(t, "export", "--data", target); out != "" {
					t.Fatalf("a refused import wrote %d bytes of records", len(out))
				}
			}
		})
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"export", "--encrypt-to", "age1notakey"}, `--encrypt-to "age1notakey"`},
		{[]string{"export", "--encrypt-to", "AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQ"}, `"AGE-SECRET-K…"`},
		{[]string{"export", "--encrypt-to", rcpt, "--passphrase-file", pass}, "a passphrase encrypts alone"},
	} {
		if code, out, errs := run(t, "", append(c.args, "--data", d)...); code != 1 || out != "" || !strings.Contains(errs, c.want) {
			t.Errorf("docket %v: exit %d, %d bytes out, %q; want 1, nothing and %q", c.args, code, len(out), errs, c.want)
		}
	}
	// Every export is in the security log, saying how it was encrypted.
	audit := mustRun(t, "audit", "--kind", "export", "--data", d)
	for _, want := range []string{"full export, docket format", "encrypted to 1 recipient", "public export, docket format", "encrypted with a passphrase", "not encrypted"} {
		if !strings.Contains(audit, want) {
			t.Errorf("docket audit --kind export lacks %q:\n%s", want, audit)
		}
	}
}

// TestBackup_Running backs up a SQLite store while another connection writes to it: the
// restored copy verifies (its views and ledger agree with its change log, as a torn copy's
// would not) and carries the accounts and the security log, not the sessions.
func TestBackup_Running(t *testing.T) {
	d := MustDemo(t)
	mustRun(t, "user", "add", "ana", "--role", "editor", "--data", d)
	keyFile, rcpt := keygen(t)
	db := sqlite.NewDB(filepath.Join(d, "docket.db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	u, _, _ := db.PasswordHash(ctx, "ana")
	if err := db.CreateSession(ctx, u.ID, "live-session", "csrf", time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	var wrote atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		op := docket.Operator("writer")
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			e := &docket.Entity{Schema: "Person"}
			if err := db.CreateEntity(ctx, op, e, []*docket.Statement{{Property: "name", Value: fmt.Sprintf("Written Meanwhile %d", i)}}); err != nil {
				t.Errorf("a write during the backup: %v", err)
				return
			}
			wrote.Add(1)
		}
	}()
	out := filepath.Join(t.TempDir(), "docket.age")
	for wrote.Load() < 5 {
		time.Sleep(time.Millisecond)
	}
	msg := mustRun(t, "backup", "--data", d, "--out", out, "--encrypt-to", rcpt)
	close(stop)
	wg.Wait()
	if !strings.Contains(msg, "encrypted to 1 recipient") {
		t.Fatalf("docket backup says %q", msg)
	}
	b, _ := os.ReadFile(out)
	if strings.Contains(string(b), "SQLite format") || strings.Contains(string(b), "Akberdiyeva") {
		t.Fatal("the backup holds clear text")
	}

	restored := filepath.Join(t.TempDir(), "restored")
	mustRun(t, "backup", "restore", out, "--identity", keyFile, "--data", restored)
	if v := mustRun(t, "verify", "--data", restored); !strings.Contains(v, "ok:") {
		t.Fatalf("the restored store does not verify:\n%s", v)
	}
	if list := mustRun(t, "user", "list", "--data", restored); !strings.Contains(list, "ana") {
		t.Fatalf("the restored store lacks the account:\n%s", list)
	}
	rdb := sqlite.NewDB(filepath.Join(restored, "docket.db"))
	if err := rdb.Open(); err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	if _, err := rdb.FindSession(ctx, "live-session"); docket.ErrorCode(err) != docket.EUNAUTHORIZED {
		t.Fatalf("a session in the backup: %v", err)
	}
	es, err := rdb.FindSecurityEvents(ctx, docket.Operator("t"), docket.SecurityFilter{})
	if err != nil || len(es) < 2 || es[0].Kind != docket.SecRestore || es[len(es)-1].Kind != docket.SecAccountCreated {
		t.Fatalf("the restored security log: %v, %v", es, err)
	}
	// The original's log says a backup was written.
	if a := mustRun(t, "audit", "--kind", "backup", "--data", d); !strings.Contains(a, "sqlite snapshot") {
		t.Fatalf("the backup is not in the security log:\n%s", a)
	}

	// Bad input changes nothing: no key, an existing file, a store in the way, another key, a
	// file cut short, a file that is no backup.
	other, _ := keygen(t)
	b, _ = os.ReadFile(out)
	cut := writeFile(t, "cut.age", string(b[:len(b)/2]))
	export := runToFile(t, "export", "--data", d, "--encrypt-to", rcpt)
	plain := filepath.Join(t.TempDir(), "plain.backup")
	mustRun(t, "backup", "--data", d, "--out", plain, "--plaintext")
	pb, _ := os.ReadFile(plain)
	plainCut := writeFile(t, "plain-cut", string(pb[:len(pb)-4096]))
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"no recipient", []string{"backup", "--data", d, "--out", filepath.Join(t.TempDir(), "x.age")}, "give --encrypt-to RECIPIENT"},
		{"over a file", []string{"backup", "--data", d, "--out", out, "--encrypt-to", rcpt}, "exists"},
		{"over a store", []string{"backup", "restore", out, "--identity", keyFile, "--data", restored}, "there is a store at"},
		{"another key", []string{"backup", "restore", out, "--identity", other, "--data", filepath.Join(t.TempDir(), "r")}, "encrypted to another key"},
		{"cut short", []string{"backup", "restore", cut, "--identity", keyFile, "--data", filepath.Join(t.TempDir(), "r")}, "damaged or cut short"},
		{"unencrypted, cut short", []string{"backup", "restore", plainCut, "--data", filepath.Join(t.TempDir(), "r")}, "it is cut short"},
		{"an export", []string{"backup", "restore", export, "--identity", keyFile, "--data", filepath.Join(t.TempDir(), "r")}, "not a Docket backup"},
		{"a backup imported", []string{"import", out, "--identity", keyFile, "--data", filepath.Join(t.TempDir(), "r")}, "restore it with docket backup restore"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, _, errs := run(t, "", c.args...)
			if code != 1 || !strings.Contains(errs, c.want) {
				t.Fatalf("exit %d, %q; want 1 and %q", code, errs, c.want)
			}
			for i, a := range c.args {
				if a == "--data" && strings.HasSuffix(c.args[i+1], "r") {
					if _, err := os.Stat(c.args[i+1]); err == nil {
						t.Fatalf("a refused restore left %s", c.args[i+1])
					}
				}
			}
		})
	}
}

// TestBackup_Postgres dumps a PostgreSQL store with pg_dump and restores it into an empty
// schema of the same name: the same export, a verified store.
func TestBackup_Postgres(t *testing.T) {
	pg := pgtest.Schema(t)
	needs.Tool(t, "apt-get install postgresql-client", "pg_dump", "pg_restore")
	d := MustDemo(t)
	mustRun(t, "copy", "--from", "sqlite:"+filepath.Join(d, "docket.db"), "--to", pg)
	want := mustRun(t, "export", "--db", pg)
	pass := writeFile(t, "pass", "a passphrase of some length\n")
	out := filepath.Join(t.TempDir(), "pg.age")
	mustRun(t, "backup", "--db", pg, "--out", out, "--passphrase-file", pass)

	// Move the store aside and restore into its schema, emptied.
	admin := pgtest.MustOpen(t, pgtest.DSN(t))
	schema := schemaOf(t, pg)
	if _, err := admin.Exec(`ALTER SCHEMA ` + schema + ` RENAME TO ` + schema + `_orig`); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Exec(`DROP SCHEMA IF EXISTS ` + schema + `_orig CASCADE`) })
	wrong := writeFile(t, "wrong", "not the passphrase\n")
	if code, _, errs := run(t, "", "backup", "restore", out, "--passphrase-file", wrong, "--db", pg); code != 1 || !strings.Contains(errs, "another key or passphrase") {
		t.Fatalf("restore with a wrong passphrase: %d %s", code, errs)
	}
	if exists(t, admin, schema) {
		t.Fatal("a refused restore made the schema")
	}
	mustRun(t, "backup", "restore", out, "--passphrase-file", pass, "--db", pg)
	if got := mustRun(t, "export", "--db", pg); got != want {
		t.Fatal("the restored PostgreSQL store exports differently")
	}
	if v := mustRun(t, "verify", "--db", pg, "--key-file", filepath.Join(d, "ledger.key")); !strings.Contains(v, "ok:") {
		t.Fatalf("verify of the restored store:\n%s", v)
	}
	// Restoring again into the now full schema is refused.
	if code, _, errs := run(t, "", "backup", "restore", out, "--passphrase-file", pass, "--db", pg); code != 1 || !strings.Contains(errs, "restore into an empty database or schema") {
		t.Fatalf("restore into a full schema: %d %s", code, errs)
	}
}

func schemaOf(tb testing.TB, u string) string {
	tb.Helper()
	i := strings.Index(u, "search_path=")
	if i < 0 {
		tb.Fatalf("no search_path in %s", u)
	}
	s, _, _ := strings.Cut(u[i+len("search_path="):], "&")
	return s
}

func exists(tb testing.TB, db *sql.DB, schema string) bool {
	tb.Helper()
	var ok bool
	if err := db.QueryRow(`SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)`, schema).Scan(&ok); err != nil {
		tb.Fatal(err)
	}
	return ok
}

// TestCopy_SecurityLog: docket copy carries the security log, which then verifies on the
// target; a target with a log of its own is refused before anything is written.
func TestCopy_SecurityLog(t *testing.T) {
	d := MustDemo(t)
	mustRun(t, "user", "add", "ana", "--role", "editor", "--data", d)
	mustRun(t, "user", "disable", "ana", "--data", d)
	src := mustRun(t, "audit", "--data", d, "--json")
	to := filepath.Join(t.TempDir(), "copy", "docket.db")
	out := mustRun(t, "copy", "--from", "sqlite:"+filepath.Join(d, "docket.db"), "--to", "sqlite:"+to)
	if !strings.Contains(out, "copied the security log: 2 entries") {
		t.Fatalf("docket copy says:\n%s", out)
	}
	got := mustRun(t, "audit", "--db", "sqlite:"+to, "--json")
	// The target has the source's entries, and one more: the copy itself.
	if !strings.HasSuffix(got, src) || strings.Count(got, "\n") != strings.Count(src, "\n")+1 || !strings.Contains(got, `"kind":"copy"`) {
		t.Fatalf("the copy's security log:\n%s\nthe source's:\n%s", got, src)
	}
	if v := mustRun(t, "verify", "--db", "sqlite:"+to); !strings.Contains(v, "security log's chain holds") {
		t.Fatalf("verify of the copy:\n%s", v)
	}
	other := filepath.Join(t.TempDir(), "other", "docket.db")
	mustRun(t, "user", "add", "bek", "--role", "viewer", "--db", "sqlite:"+other)
	if code, _, errs := run(t, "", "copy", "--from", "sqlite:"+filepath.Join(d, "docket.db"), "--to", "sqlite:"+other); code != 1 || !strings.Contains(errs, "has a security log of 1 entries") {
		t.Fatalf("copy into a store with a log: %d %s", code, errs)
	}
	if out := mustRun(t, "export", "--db", "sqlite:"+other); out != "" {
		t.Fatal("a refused copy wrote records")
	}
}

// TestVerify_SecurityLog: an entry of the security log altered in the file, or taken out, is
// named by docket verify, which exits 1.
func TestVerify_SecurityLog(t *testing.T) {
	d := MustDemo(t)
	for _, n := range []string{"ana", "bek", "cem"} {
		mustRun(t, "user", "add", n, "--role", "viewer", "--data", d)
	}
	raw, err := sql.Open("sqlite", filepath.Join(d, "docket.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`UPDATE security_log SET subject = 'mallory' WHERE seq = 2`); err != nil {
		t.Fatal(err)
	}
	code, out, _ := run(t, "", "verify", "--data", d)
	if code != 1 || !strings.Contains(out, "MISMATCH security log entry 2: its hash does not follow") {
		t.Fatalf("verify after an entry was altered: exit %d\n%s", code, out)
	}
	if _, err := raw.Exec(`UPDATE security_log SET subject = 'bek' WHERE seq = 2`); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`DELETE FROM security_log WHERE seq = 1`); err != nil {
		t.Fatal(err)
	}
	code, out, _ = run(t, "", "verify", "--data", d)
	if code != 1 || !strings.Contains(out, "MISMATCH security log entry 2: entries 1 to 1 are missing") {
		t.Fatalf("verify after an entry was taken out: exit %d\n%s", code, out)
	}
}

func TestAudit(t *testing.T) {
	d := MustDemo(t)
	mustRun(t, "user", "add", "ana", "--role", "admin", "--data", d)
	mustRun(t, "user", "add", "bek", "--role", "viewer", "--data", d)
	mustRun(t, "user", "policy", "--require", "admin", "--data", d)
	mustRun(t, "user", "reset-factors", "bek", "--data", d)
	mustRun(t, "token", "add", "ci", "--role", "viewer", "--data", d)
	out := mustRun(t, "audit", "--user", "bek", "--data", d)
	if strings.Count(out, "\n") != 3 || !strings.Contains(out, "factor.reset") || !strings.Contains(out, "account.created") || strings.Contains(out, "ana") {
		t.Fatalf("docket audit --user bek:\n%s", out)
	}
	out = mustRun(t, "audit", "--kind", "second-factor.policy", "--data", d)
	if !strings.Contains(out, "required of admins") || !strings.Contains(out, "command line") {
		t.Fatalf("docket audit --kind second-factor.policy:\n%s", out)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--kind", "login"}, `--kind "login": want one of`},
		{[]string{"--outcome", "bad"}, `--outcome "bad"`},
		{[]string{"--since", "01/12/2026"}, `--since "01/12/2026": want a date`},
		{[]string{"--limit", "0"}, "--limit 0"},
	} {
		if code, _, errs := run(t, "", append(append([]string{"audit"}, c.args...), "--data", d)...); code != 1 || !strings.Contains(errs, c.want) {
			t.Errorf("docket audit %v: exit %d, %q; want %q", c.args, code, errs, c.want)
		}
	}
	if out := mustRun(t, "user", "list", "--data", d); !strings.Contains(out, "0, required") {
		t.Fatalf("docket user list does not say ana must have a second factor:\n%s", out)
	}
	// What leaves the store is logged: an export, a WARC, an evidence bundle.
	mustRun(t, "export", "--public", "--data", d)
	mustRun(t, "warc", "--data", d)
	mustRun(t, "bundle", "case-akberdiyeva", "--data", d)
	for kind, want := range map[string]string{"export": "public export, docket format", "warc": "snapshots of the whole archive",
		"bundle": "evidence bundle of case-akberdiyeva"} {
		if out := mustRun(t, "audit", "--kind", kind, "--data", d); strings.Count(out, "\n") != 2 || !strings.Contains(out, want) {
			t.Errorf("docket audit --kind %s:\n%s", kind, out)
		}
	}
}
