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
