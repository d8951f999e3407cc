package main

import (
	"database/sql"
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
	if st, err := os.Stat(filepath.Join(d, "ledger.key")); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v, mode %v; want 0600", err, st.Mode().Perm())
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
	db.QueryRow(`SELECT id FROM statements WHERE entity_id = 'proceeding-akberdiyeva-1' AND property = 'outcome'`).Scan(&stmt)
	db.QueryRow(`SELECT id FROM statements WHERE id <> ? AND status <> 'disputed' ORDER BY seq LIMIT 1`, stmt).Scan(&other)
	for _, q := range []string{
		`UPDATE statements SET value = 'convicted' WHERE id = '` + stmt + `'`,
		`UPDATE statements SET status = 'disputed' WHERE id = '` + other + `'`,
		// The leaf hash of change 5, the fifth hash of the first tile of leaf hashes.
		`UPDATE ledger_tiles SET hashes = substr(hashes, 1, 128) || zeroblob(32) || substr(hashes, 161) WHERE level = 0 AND idx = 0`,
		`UPDATE changes SET payload = replace(payload, 'Aktau City Court', 'Astana City Court') WHERE ref = 'org-aktau-city-court' AND kind = 'statement' AND payload LIKE '%"name"%'`,
		`UPDATE changes SET payload = replace(payload, '"Aktau City Court"', '"Astana City Court"') WHERE kind = 'statement' AND payload LIKE '%"entity":"org-aktau-city-court","property":"name"%'`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	code, out, errs := run(t, "", "verify", "--data", d)
	if code == 0 {
		t.Fatalf("verify of a tampered store exited 0:\n%s", out)
	}
	for _, want := range []string{
		"statement " + stmt + ": its value in the statements table (\"convicted\") differs from its record (\"acquitted\")",
		"change 5: its ledger leaf (in ledger tile 0/0) does not match its record",
		"statement " + other + ": its status in the statements table is disputed",
		"checkpoint",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("verify does not report %q:\n%s%s", want, out, errs)
		}
	}
	if strings.Count(out, "its ledger leaf") < 2 {
		t.Errorf("verify does not name the altered change record:\n%s", out)
	}
}
