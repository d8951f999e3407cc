package main

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docketorg/docket/ledger"
	_ "modernc.org/sqlite"
)

func TestVerify_Tampering(t *testing.T) {
	d := MustDemo(t)
	vkey := strings.TrimSpace(mustRun(t, "key", "show", "--data", d))
	origin, _, _ := strings.Cut(vkey, "+")
	// A new store's key is made outside its folder, in the config folder, named by its log.
	keyFile := filepath.Join(testenv(t)("HOME"), ".config", "docket", origin+".key")
	if st, err := os.Stat(keyFile); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v; want mode 0600", err)
	}
	if _, err := os.Stat(filepath.Join(d, "ledger.key")); err == nil {
		t.Fatal("a new store's key was made beside it")
	}
	note := mustRun(t, "checkpoint", "--data", d)
	if _, tree, err := ledger.OpenCheckpoint([]byte(note), vkey); err != nil || tree.N == 0 {
		t.Fatalf("checkpoint does not verify with the shown key: %v", err)
	}
	if out := mustRun(t, "verify", "--data", d); !strings.Contains(out, "ok") {
		t.Fatalf("verify of an untouched store: %s", out)
	}
	if strings.Contains(mustRun(t, "export", "--data", d), "PRIVATE") {
		t.Fatal("the export holds the private key")
	}

	db, err := sql.Open("sqlite", filepath.Join(d, "docket.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var stmt, other string
	var stmtSeq, otherSeq int64
	db.QueryRow(`SELECT id, seq FROM statements WHERE entity_id = 'proceeding-akberdiyeva-1' AND property = 'outcome'`).Scan(&stmt, &stmtSeq)
	db.QueryRow(`SELECT id, seq FROM statements WHERE id <> ? AND status <> 'disputed' AND recorded_status IS NULL ORDER BY seq LIMIT 1`, stmt).Scan(&other, &otherSeq)
	for _, q := range []string{
		// A statement's row holds its record: altering it alters the record under the ledger.
		`UPDATE statements SET value = 'convicted' WHERE id = '` + stmt + `'`,
		// A status changed as a review would change it, but with no review in the log.
		`UPDATE statements SET recorded_status = status, status = 'disputed' WHERE id = '` + other + `'`,
		// The leaf hash of change 5, the fifth hash of the first tile of leaf hashes.
		`UPDATE ledger_tiles SET hashes = CAST(substr(hashes, 1, 128) || zeroblob(32) || substr(hashes, 161) AS BLOB) WHERE level = 0 AND idx = 0`,
		`UPDATE changes SET payload = replace(payload, '"Organization"', '"Person"') WHERE kind = 'entity' AND ref = 'org-aktau-city-court'`,
	} {
		if res, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		} else if n, _ := res.RowsAffected(); n != 1 {
			t.Fatalf("%s: %d rows altered, want 1", q, n)
		}
	}
	var court int64
	db.QueryRow(`SELECT seq FROM changes WHERE kind = 'entity' AND ref = 'org-aktau-city-court'`).Scan(&court)
	code, out, errs := run(t, "", "verify", "--data", d)
	if code == 0 {
		t.Fatalf("verify of a tampered store exited 0:\n%s", out)
	}
	for _, want := range []string{
		fmt.Sprintf("change %d: its ledger leaf (in ledger tile 0/0) does not match its record", stmtSeq),
		"change 5: its ledger leaf (in ledger tile 0/0) does not match its record",
		fmt.Sprintf("change %d: its ledger leaf (in ledger tile 0/0) does not match its record", court),
		"entities row org-aktau-city-court: its schema is \"Organization\", the log says \"Person\"",
		"statements row " + other + ": its status is \"disputed\", the log says",
		"checkpoint",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("verify does not report %q:\n%s%s", want, out, errs)
		}
	}
	if strings.Contains(out, fmt.Sprintf("change %d:", otherSeq)) || strings.Contains(out, "leaves for") {
		t.Errorf("verify reports more than was altered:\n%s", out)
	}
}

// TestKey_BesideStoreAndSealed: a key left beside the store is still used, with a warning; a
// sealed key signs only with its passphrase, and a wrong one changes nothing.
func TestKey_BesideStoreAndSealed(t *testing.T) {
	d := MustDemo(t)
	vkey := strings.TrimSpace(mustRun(t, "key", "show", "--data", d))
	origin, _, _ := strings.Cut(vkey, "+")
	moved := filepath.Join(d, "ledger.key")
	if err := os.Rename(filepath.Join(testenv(t)("HOME"), ".config", "docket", origin+".key"), moved); err != nil {
		t.Fatal(err)
	}
	code, out, errs := run(t, "", "checkpoint", "--data", d)
	if code != 0 || !strings.Contains(errs, "warning: the ledger's signing key "+moved+" is in the store's folder") {
		t.Fatalf("checkpoint with the key beside the store: exit %d, stderr %q", code, errs)
	}
	if _, _, err := ledger.OpenCheckpoint([]byte(out), vkey); err != nil {
		t.Fatal(err)
	}
	pass := filepath.Join(t.TempDir(), "pass")
	os.WriteFile(pass, []byte("correct horse battery staple\n"), 0o600)
	mustRun(t, "key", "seal", "--key-passphrase-file", pass, "--data", d)
	if b, _ := os.ReadFile(moved); strings.Contains(string(b), "PRIVATE") {
		t.Fatal("the sealed key file holds the key in the clear")
	}
	mustRun(t, "add", "Person", "name=Sealed Growth", "--data", d)
	before := mustRun(t, "export", "--data", d)
	if code, _, errs := run(t, "", "checkpoint", "--data", d); code == 0 || !strings.Contains(errs, "sealed by a passphrase: give --key-passphrase-file") {
		t.Errorf("checkpoint without the passphrase: exit %d %q", code, errs)
	}
	os.WriteFile(pass+"2", []byte("wrong horse\n"), 0o600)
	if code, _, errs := run(t, "", "checkpoint", "--data", d, "--key-passphrase-file", pass+"2"); code == 0 || !strings.Contains(errs, "wrong passphrase") {
		t.Errorf("checkpoint with a wrong passphrase: exit %d %q", code, errs)
	}
	if after := mustRun(t, "export", "--data", d); after != before {
		t.Error("a refused checkpoint changed the store")
	}
	out = mustRun(t, "checkpoint", "--data", d, "--key-passphrase-file", pass)
	if _, tree, err := ledger.OpenCheckpoint([]byte(out), vkey); err != nil || !strings.Contains(out, "\n") || tree.N == 0 {
		t.Fatalf("checkpoint with the passphrase: %v\n%s", err, out)
	}
	// A store whose key is nowhere to be found says where it looked, and makes no other key.
	os.Remove(moved)
	if code, _, errs := run(t, "", "checkpoint", "--data", d); code == 0 || !strings.Contains(errs, "signed by the key "+origin+", which is not at") {
		t.Errorf("checkpoint without its key: exit %d %q", code, errs)
	}
}

// TestCheckpointCheck_Rollback: a copy of the store from before a published checkpoint is
// reported as a rollback; the store itself holds the checkpoint; a checkpoint signed by
// another key, or malformed, is refused as such.
func TestCheckpointCheck_Rollback(t *testing.T) {
	d := MustDemo(t)
	mustRun(t, "checkpoint", "--data", d)
	old := filepath.Join(t.TempDir(), "old")
	if err := os.CopyFS(old, os.DirFS(d)); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "add", "Person", "name=Later Person", "--data", d)
	published := filepath.Join(t.TempDir(), "published")
	os.WriteFile(published, []byte(mustRun(t, "checkpoint", "--data", d)), 0o600)
	if out := mustRun(t, "checkpoint", "check", "--against", published, "--data", d); !strings.HasPrefix(out, "ok:") {
		t.Errorf("check of the store that published it: %s", out)
	}
	code, out, _ := run(t, "", "checkpoint", "check", "--against", published, "--data", old)
	if code == 0 || !strings.HasPrefix(out, "ROLLBACK:") {
		t.Errorf("check of an older copy: exit %d %s", code, out)
	}
	other := MustDemo(t) // another log, another key
	mustRun(t, "key", "show", "--data", other)
	code, _, errs := run(t, "", "checkpoint", "check", "--against", published, "--data", other)
	if code == 0 || !strings.Contains(errs, "is it a checkpoint of this log") {
		t.Errorf("check against another log's checkpoint: exit %d %s", code, errs)
	}
	os.WriteFile(published, []byte("not a checkpoint\n"), 0o600)
	if code, _, errs := run(t, "", "checkpoint", "check", "--against", published, "--data", d); code == 0 || !strings.Contains(errs, published) {
		t.Errorf("check against a malformed file: exit %d %s", code, errs)
	}
}
