package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docketorg/docket/internal/pgtest"
	"github.com/docketorg/docket/internal/translit"
	"github.com/docketorg/docket/sqlite"
)

// runNoKey runs a command as run does, but with no data key in the environment.
func runNoKey(tb testing.TB, args ...string) (code int, stdout, stderr string) {
	tb.Helper()
	env := testenv(tb)
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(k string) string {
		if k == "DOCKET_DATA_KEY" {
			return ""
		}
		return env(k)
	}}
	code = m.Run(context.Background(), args)
	return code, out.String(), errb.String()
}

func mustRunNoKey(tb testing.TB, args ...string) string {
	tb.Helper()
	code, out, errs := runNoKey(tb, args...)
	if code != 0 {
		tb.Fatalf("docket %s (no data key): exit %d\n%s", strings.Join(args, " "), code, errs)
	}
	return out
}

// The confidential words of TestEncryptAtRest, each unique, with the romanisation keys the
// search index and name keys would hold of them in the clear.
var secretWords = []string{"Qzxwitness", "Vantablackova", "Qzxalias", "Qzxsourcetitle", "qzxsecret.example.org", "Qzxpublisher", "Qzxdocfile", "Qzxdoctestimony"}

func secretNeedles() [][]byte {
	var n [][]byte
	for _, w := range secretWords {
		n = append(n, []byte(strings.ToLower(w)), []byte(w))
		if k := translit.WordKey(w); k != "" {
			n = append(n, []byte(k))
		}
	}
	n = append(n, []byte(translit.Key("Qzxwitness Vantablackova")))
	return n
}

// findSecret returns the first confidential word (or its key) in data, "" when none is.
func findSecret(data []byte) string {
	low := bytes.ToLower(data)
	for _, n := range secretNeedles() {
		if bytes.Contains(low, bytes.ToLower(n)) {
			return string(n)
		}
	}
	return ""
}

// exportSecret returns the first confidential word (or its key) in an export, reading the
// content of its blob records decoded (base64 in the JSON would hide a word), "" when none is.
func exportSecret(tb testing.TB, export string) string {
	tb.Helper()
	for _, data := range append([][]byte{[]byte(export)}, exportBlobs(tb, export)...) {
		if w := findSecret(data); w != "" {
			return w
		}
	}
	return ""
}

// exportBlobs returns the content of an export's blob records, decoded.
func exportBlobs(tb testing.TB, export string) (out [][]byte) {
	tb.Helper()
	for _, line := range strings.Split(strings.TrimSpace(export), "\n") {
		var r struct {
			Kind string `json:"kind"`
			Data []byte `json:"data"`
		}
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			tb.Fatalf("export line %q: %v", line, err)
		}
		if r.Kind == "blob" {
			out = append(out, r.Data)
		}
	}
	return out
}

// TestEncryptAtRest records a confidential witness, a confidential alias of a public person, a
// confidential source and a confidential document (docket ingest) with the data key, then looks for them where a thief would: the SQLite
// file, its WAL and shared memory while the store is open, every table of the PostgreSQL
// schema read raw (the search index and name keys included), and the export made without the
// key. Nowhere. Without the key the store still opens, public data works, confidential data
// reads as locked, and no confidential data is taken; with it everything reads in the clear,
// and the witness is found by the exact name (the blind index).
func TestEncryptAtRest(t *testing.T) {
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			dir := t.TempDir()
			keyFile := filepath.Join(t.TempDir(), "registry.datakey")
			mustRunNoKey(t, "key", "init-data", "--out", keyFile)
			var store []string
			var holder *sqlite.DB
			var pg string
			if backend == "sqlite" {
				store = []string{"--data", dir}
				mustRunNoKey(t, "init", "--data", dir)
				// Held open, as docket serve holds it, so that the WAL stays to be read.
				holder = sqlite.NewDB(filepath.Join(dir, "docket.db"))
				if err := holder.Open(); err != nil {
					t.Fatal(err)
				}
				defer holder.Close()
			} else {
				pg = pgtest.Schema(t)
				store = []string{"--db", pg}
			}
			with := func(args ...string) []string { return append(append(args, store...), "--data-key", keyFile) }
			without := func(args ...string) []string { return append(args, store...) }

			// Public data without the key, as before.
			mustRunNoKey(t, without("add", "source", "https://example.org/public", "--title", "Public report", "--sensitivity", "public")...)
			pub := addedID(t, mustRunNoKey(t, without("add", "Person", "name=Publica Openova", "--source", "https://example.org/public", "--sensitivity", "public")...))

			// Confidential data is refused without a key, saying how to make one, changing nothing.
			before := mustRunNoKey(t, without("export")...)
			code, _, errs := runNoKey(t, without("add", "Person", "name=Qzxwitness Vantablackova", "--sensitivity", "confidential")...)
			if code == 0 || !strings.Contains(errs, "docket key init-data") {
				t.Fatalf("a confidential witness without a data key: exit %d, %s", code, errs)
			}
			if after := mustRunNoKey(t, without("export")...); after != before {
				t.Fatal("the refused confidential write changed the store")
			}

			mustRunNoKey(t, with("add", "source", "https://qzxsecret.example.org/testimony", "--title", "Qzxsourcetitle interview", "--publisher", "Qzxpublisher Weekly", "--sensitivity", "confidential")...)
			wit := addedID(t, mustRunNoKey(t, with("add", "Person", "name=Qzxwitness Vantablackova", "occupation=teacher", "--source", "https://qzxsecret.example.org/testimony", "--sensitivity", "confidential")...))
			mustRunNoKey(t, with("add", pub, "alias=Qzxalias", "--sensitivity", "confidential")...)
			doc := filepath.Join(t.TempDir(), "Qzxdocfile.txt")
			if err := os.WriteFile(doc, []byte("Qzxdoctestimony of a witness, heard in Almaty.\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			mustRunNoKey(t, with("ingest", doc, "--sensitivity", "confidential")...)

			// With the key: in the clear, and found by the exact name.
			if out := mustRunNoKey(t, with("show", wit)...); !strings.Contains(out, "Qzxwitness Vantablackova") || !strings.Contains(out, "Qzxsourcetitle") {
				t.Fatalf("show with the key:\n%s", out)
			}
			if out := mustRunNoKey(t, with("search", "qzxwitness")...); !strings.Contains(out, wit) {
				t.Fatalf("search with the key does not find the witness:\n%s", out)
			}
			if out := mustRunNoKey(t, with("show", "Qzxwitness Vantablackova")...); !strings.Contains(out, wit) {
				t.Fatalf("show by name with the key:\n%s", out)
			}
			// verify with the key opens every sealed record and its content, the document's too.
			if out := mustRunNoKey(t, with("verify")...); !strings.Contains(out, "ok") {
				t.Fatalf("verify with the key: %s", out)
			}
			clear := mustRunNoKey(t, with("export")...)
			if !bytes.Contains(bytes.Join(exportBlobs(t, clear), nil), []byte("Qzxdoctestimony")) {
				t.Fatal("the document's text cannot be read in the export with the key: the search of exports would not see it")
			}
			if !strings.Contains(clear, "Qzxwitness Vantablackova") || !strings.Contains(clear, "Qzxpublisher") || !strings.Contains(clear, "Qzxdocfile.txt") {
				t.Fatal("the export with the key is not in the clear")
			}

			// Without the key: the store opens, public data reads, confidential data is locked.
			if out := mustRunNoKey(t, without("show", pub)...); !strings.Contains(out, "Publica Openova") || !strings.Contains(out, lockedValue) {
				t.Fatalf("show of the public person without the key:\n%s", out)
			}
			if out := mustRunNoKey(t, without("show", wit)...); !strings.Contains(out, "(locked)") || findSecret([]byte(out)) != "" {
				t.Fatalf("show of the witness without the key:\n%s", out)
			}
			if out := mustRunNoKey(t, without("search", "qzxwitness")...); strings.Contains(out, wit) {
				t.Fatalf("search without the key finds the witness:\n%s", out)
			}
			if out := mustRunNoKey(t, without("search", "Openova")...); !strings.Contains(out, pub) {
				t.Fatalf("search without the key does not find public data:\n%s", out)
			}
			if out := mustRunNoKey(t, without("verify")...); !strings.Contains(out, "ok") {
				t.Fatalf("verify without the key: %s", out)
			}
			sealed := mustRunNoKey(t, without("export")...)
			if w := exportSecret(t, sealed); w != "" {
				t.Errorf("the export without the key holds %q", w)
			}

			// A thief's reading of the store.
			if backend == "sqlite" {
				files, _ := filepath.Glob(filepath.Join(dir, "*"))
				var wal bool
				for _, f := range files {
					wal = wal || strings.HasSuffix(f, "-wal")
					data, err := os.ReadFile(f)
					if err != nil {
						t.Fatal(err)
					}
					if w := findSecret(data); w != "" {
						t.Errorf("%s holds %q", filepath.Base(f), w)
					}
				}
				if !wal {
					t.Errorf("no WAL to read among %v", files)
				}
			} else {
				readTablesRaw(t, pg)
			}
			// And a dump of it, unencrypted: SQLite's online backup (docket backup), or pg_dump as
			// text (docket backup's is compressed, which a search of its bytes would not see into).
			var data []byte
			if backend == "sqlite" {
				dump := filepath.Join(t.TempDir(), "dump")
				mustRunNoKey(t, without("backup", "--out", dump, "--plaintext")...)
				data, _ = os.ReadFile(dump)
			} else {
				u, err := url.Parse(pg)
				if err != nil {
					t.Fatal(err)
				}
				q := u.Query()
				schema := q.Get("search_path")
				q.Del("search_path")
				u.RawQuery = q.Encode()
				if data, err = exec.Command("pg_dump", "--format=plain", "--schema="+schema, u.String()).Output(); err != nil {
					t.Fatalf("pg_dump: %v", err)
				}
			}
			if !bytes.Contains(data, []byte("Publica")) && !bytes.Contains(data, []byte("SQLite format 3")) {
				t.Fatalf("the dump (%d bytes) holds not even the public data", len(data))
			}
			if w := findSecret(data); w != "" {
				t.Errorf("the dump holds %q", w)
			}

			// The export without the key imports into a store under the same key, and reads in
			// the clear there.
			again := filepath.Join(t.TempDir(), "again")
			in := filepath.Join(t.TempDir(), "sealed.jsonl")
			if err := os.WriteFile(in, []byte(sealed), 0o600); err != nil {
				t.Fatal(err)
			}
			mustRunNoKey(t, "import", in, "--data", again)
			if got := mustRunNoKey(t, "export", "--data", again); got != sealed {
				t.Error("the export without the key, imported without it, exports otherwise")
			}
			if got := mustRunNoKey(t, "export", "--data", again, "--data-key", keyFile); got != clear {
				t.Error("the export without the key, imported into a store under the same key, does not read as the original")
			}
			// docket copy moves the sealed form without the key, and the clear form with it; both
			// read in the clear under the key.
			for _, key := range []string{"", keyFile} {
				to := "sqlite:" + filepath.Join(t.TempDir(), "copy", "docket.db")
				args := []string{"copy", "--from", "sqlite:" + filepath.Join(again, "docket.db"), "--to", to}
				if key != "" {
					args = append(args, "--data-key", key)
				}
				mustRunNoKey(t, args...)
				if got := mustRunNoKey(t, "export", "--db", to, "--data-key", keyFile); got != clear {
					t.Errorf("the copy (key %q) does not read as the original", key)
				}
			}
			other := filepath.Join(t.TempDir(), "other.datakey")
			mustRunNoKey(t, "key", "init-data", "--out", other)
			if code, _, errs := runNoKey(t, "show", wit, "--data", again, "--data-key", other); code == 0 || !strings.Contains(errs, "another store") {
				t.Errorf("a key of another store: exit %d, %s", code, errs)
			}
		})
	}
}

// readTablesRaw reads every table of the PostgreSQL store's schema as text, as whoever holds
// the database would, and fails on any confidential word.
func readTablesRaw(t *testing.T, dsn string) {
	for tbl, rows := range pgtest.ReadTables(t, dsn) {
		if w := findSecret([]byte(rows)); w != "" {
			t.Errorf("table %s holds %q", tbl, w)
		}
	}
}

// addedID returns the id of the entity a docket add printed.
func addedID(tb testing.TB, out string) string {
	tb.Helper()
	f := strings.Fields(out)
	if len(f) < 3 || f[0] != "added" {
		tb.Fatalf("docket add printed %q", out)
	}
	return f[2]
}

// TestDataKey_BadInput: a data key protected by a passphrase opens with it only; a wrong
// passphrase, a missing one, a file that is not a data key or that others may read, and an
// existing --out are refused, saying what is wrong, and nothing is written.
func TestDataKey_BadInput(t *testing.T) {
	dir, tmp := t.TempDir(), t.TempDir()
	pass, wrong := filepath.Join(tmp, "pass"), filepath.Join(tmp, "wrong")
	os.WriteFile(pass, []byte("correct horse battery staple\n"), 0o600)
	os.WriteFile(wrong, []byte("incorrect horse\n"), 0o600)
	key := filepath.Join(tmp, "sealed.datakey")
	mustRunNoKey(t, "key", "init-data", "--out", key, "--passphrase-file", pass)
	if data, _ := os.ReadFile(key); !strings.HasPrefix(string(data), "docket sealed key v1\n") {
		t.Fatalf("the key file is not sealed by the passphrase:\n%s", data)
	}
	mustRunNoKey(t, "init", "--data", dir)
	add := []string{"add", "Person", "name=Qzxwitness Vantablackova", "--sensitivity", "confidential", "--data", dir, "--data-key", key}
	before := mustRunNoKey(t, "export", "--data", dir)
	plain := filepath.Join(tmp, "plain.datakey")
	mustRunNoKey(t, "key", "init-data", "--out", plain)
	notKey := filepath.Join(tmp, "notakey")
	os.WriteFile(notKey, []byte("hello\n"), 0o600)
	open := filepath.Join(tmp, "open.datakey")
	data, _ := os.ReadFile(plain)
	os.WriteFile(open, data, 0o644)
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"no passphrase, no terminal", add, "protected by a passphrase: standard input is not a terminal"},
		{"wrong passphrase", append(add, "--data-key-passphrase-file", wrong), "wrong passphrase"},
		{"not a key", []string{"add", "Person", "name=X", "--data", dir, "--data-key", notKey}, "not a docket data key"},
		{"readable by others", []string{"add", "Person", "name=X", "--data", dir, "--data-key", open}, "readable by others"},
		{"missing file", []string{"add", "Person", "name=X", "--data", dir, "--data-key", filepath.Join(tmp, "nothing")}, "no such file"},
		{"out exists", []string{"key", "init-data", "--out", key}, "never overwritten"},
		{"no out", []string{"key", "init-data"}, "give --out"},
	} {
		code, _, errs := runNoKey(t, c.args...)
		if code == 0 || !strings.Contains(errs, c.want) {
			t.Errorf("%s: exit %d, %q, want %q", c.name, code, errs, c.want)
		}
	}
	if after := mustRunNoKey(t, "export", "--data", dir); after != before {
		t.Fatal("a refused command changed the store")
	}
	mustRunNoKey(t, append(add, "--data-key-passphrase-file", pass)...)
	if out := mustRunNoKey(t, "search", "Qzxwitness", "--data", dir, "--data-key", key, "--data-key-passphrase-file", pass); !strings.Contains(out, "Qzxwitness Vantablackova") {
		t.Fatalf("search with the sealed key:\n%s", out)
	}
	// rotate-data re-wraps the key under a new passphrase; the old one no longer opens the new
	// file, which reads the store as the old file did.
	pass2 := filepath.Join(tmp, "pass2")
	os.WriteFile(pass2, []byte("new passphrase\n"), 0o600)
	key2 := filepath.Join(tmp, "rewrapped.datakey")
	mustRunNoKey(t, "key", "rotate-data", "--data-key", key, "--data-key-passphrase-file", pass, "--out", key2, "--passphrase-file", pass2)
	if code, _, errs := runNoKey(t, "search", "Qzxwitness", "--data", dir, "--data-key", key2, "--data-key-passphrase-file", pass); code == 0 || !strings.Contains(errs, "wrong passphrase") {
		t.Errorf("the old passphrase on the re-wrapped key: exit %d, %s", code, errs)
	}
	if out := mustRunNoKey(t, "search", "Qzxwitness", "--data", dir, "--data-key", key2, "--data-key-passphrase-file", pass2); !strings.Contains(out, "Qzxwitness Vantablackova") {
		t.Fatalf("search with the re-wrapped key:\n%s", out)
	}
	if code, _, errs := runNoKey(t, "key", "rotate-data", "--data-key", key, "--data-key-passphrase-file", wrong, "--out", filepath.Join(tmp, "x")); code == 0 || !strings.Contains(errs, "wrong passphrase") {
		t.Errorf("rotate-data with a wrong passphrase: exit %d, %s", code, errs)
	}
	// The store now takes no other key.
	if code, _, errs := runNoKey(t, "search", "Qzxwitness", "--data", dir, "--data-key", plain); code == 0 || !strings.Contains(errs, "another store") {
		t.Errorf("another key: exit %d, %s", code, errs)
	}
}

// TestReencrypt retires a data key that may have leaked: rotate-data --from --to copies the
// store into a new one sealed under a new key, which reads everything in the clear with the new
// key, none of it with the old one, and holds neither the clear text nor the old key's seals.
func TestReencrypt(t *testing.T) {
	tmp := t.TempDir()
	a, b := filepath.Join(tmp, "a"), filepath.Join(tmp, "b")
	oldKey, newKey := filepath.Join(tmp, "old.datakey"), filepath.Join(tmp, "new.datakey")
	oldID := strings.TrimSpace(mustRunNoKey(t, "key", "init-data", "--out", oldKey))
	mustRunNoKey(t, "init", "--data", a)
	mustRunNoKey(t, "add", "source", "https://qzxsecret.example.org/testimony", "--title", "Qzxsourcetitle", "--sensitivity", "confidential", "--data", a, "--data-key", oldKey)
	mustRunNoKey(t, "add", "Person", "name=Qzxwitness Vantablackova", "--source", "https://qzxsecret.example.org/testimony", "--sensitivity", "confidential", "--data", a, "--data-key", oldKey)
	mustRunNoKey(t, "add", "Person", "name=Publica Openova", "--sensitivity", "public", "--data", a)

	// Refused, writing nothing (no key file either): no target; no old key; a target that holds
	// something.
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"key", "rotate-data", "--data-key", oldKey, "--out", newKey, "--from", "sqlite:" + filepath.Join(a, "docket.db")}, "both --from URL"},
		{[]string{"key", "rotate-data", "--out", newKey, "--from", "sqlite:" + filepath.Join(a, "docket.db"), "--to", "sqlite:" + filepath.Join(b, "docket.db")}, "give the data key"},
	} {
		if code, _, errs := runNoKey(t, c.args...); code == 0 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, %s; want %q", c.args, code, errs, c.want)
		}
		if fileExists(newKey) {
			t.Fatalf("%v wrote a key file", c.args)
		}
	}

	code, out, errs := runNoKey(t, "key", "rotate-data", "--data-key", oldKey, "--out", newKey,
		"--from", "sqlite:"+filepath.Join(a, "docket.db"), "--to", "sqlite:"+filepath.Join(b, "docket.db"))
	if code != 0 || !strings.Contains(out, "re-encrypted") || !strings.Contains(out, "byte for byte") {
		t.Fatalf("rotate-data --from --to: exit %d\n%s\n%s", code, out, errs)
	}
	newID := strings.TrimSpace(strings.SplitN(out, "\n", 2)[0])
	if newID == oldID || !strings.HasPrefix(out, newID) {
		t.Fatalf("the new key's id %q (the old %q)", newID, oldID)
	}
	if got := mustRunNoKey(t, "search", "Qzxwitness", "--data", b, "--data-key", newKey); !strings.Contains(got, "Qzxwitness Vantablackova") {
		t.Fatalf("the re-encrypted store with the new key does not find the witness:\n%s", got)
	}
	if got := mustRunNoKey(t, "show", "Publica Openova", "--data", b); !strings.Contains(got, "Publica Openova") {
		t.Fatalf("public data of the re-encrypted store:\n%s", got)
	}
	if code, _, errs := runNoKey(t, "search", "Qzxwitness", "--data", b, "--data-key", oldKey); code == 0 || !strings.Contains(errs, newID) {
		t.Errorf("the old key on the re-encrypted store: exit %d, %s", code, errs)
	}
	if got := mustRunNoKey(t, "verify", "--data", b, "--data-key", newKey); !strings.Contains(got, "ok") {
		t.Fatalf("verify of the re-encrypted store:\n%s", got)
	}
	// Its file holds seals of the new key, none of the old, and no clear text.
	files, _ := filepath.Glob(filepath.Join(b, "docket.db*"))
	var raw []byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		raw = append(raw, data...)
	}
	if w := findSecret(raw); w != "" {
		t.Errorf("the re-encrypted store's files hold %q", w)
	}
	// Every seal is the new key's: in the tables and in the change log (the security log names
	// both keys, saying what was done).
	db, err := sql.Open("sqlite", filepath.Join(b, "docket.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		`SELECT COUNT(*) FROM statements WHERE sealed LIKE ?`, `SELECT COUNT(*) FROM sources WHERE sealed LIKE ?`,
		`SELECT COUNT(*) FROM changes WHERE payload LIKE ?`,
	} {
		var oldN, newN int
		if err := db.QueryRow(q, "%"+oldID+"%").Scan(&oldN); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		db.QueryRow(q, "%"+newID+"%").Scan(&newN)
		if oldN != 0 || newN == 0 {
			t.Errorf("%s: %d rows sealed under the old key, %d under the new", q, oldN, newN)
		}
	}
	// A second run into the same, now full, target is refused and changes nothing.
	before := mustRunNoKey(t, "export", "--data", b, "--data-key", newKey)
	if code, _, errs := runNoKey(t, "key", "rotate-data", "--data-key", oldKey, "--out", filepath.Join(tmp, "third.datakey"),
		"--from", "sqlite:"+filepath.Join(a, "docket.db"), "--to", "sqlite:"+filepath.Join(b, "docket.db")); code == 0 || !strings.Contains(errs, "not empty") {
		t.Errorf("re-encrypting into a full store: exit %d, %s", code, errs)
	}
	if after := mustRunNoKey(t, "export", "--data", b, "--data-key", newKey); after != before {
		t.Error("a refused re-encryption changed the target")
	}
}
