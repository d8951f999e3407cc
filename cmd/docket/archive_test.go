package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"github.com/docketorg/docket"
	"github.com/docketorg/docket/ledger"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestArchive_WARC_Bundle(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/old" {
			http.Redirect(w, r, "/page.html", http.StatusFound)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<html><body><p>Chairman removed on 7 February 2019.</p></body></html>")
	}))
	defer srv.Close()
	d := MustDemo(t)

	// Refused without --allow-private, and nothing is recorded.
	before := mustRun(t, "export", "--data", d)
	code, _, errs := run(t, "", "archive", srv.URL+"/old", "--data", d)
	if code == 0 || !strings.Contains(errs, "127.0.0.1 is a loopback address") {
		t.Fatalf("archive of a loopback URL: exit %d, %q", code, errs)
	}
	if after := mustRun(t, "export", "--data", d); after != before {
		t.Fatal("a refused archive recorded something")
	}
	// A public source with the URL, footnoted by a public statement of the Akberdiyeva case.
	out := mustRun(t, "add", "source", srv.URL+"/old", "--sensitivity", "public", "--title", "Local copy", "--data", d)
	src := strings.Fields(out)[2]
	mustRun(t, "add", "event-removal", "description=Removed the next day.", "--source", src, "--sensitivity", "public", "--data", d)

	out = mustRun(t, "archive", src, "--allow-private", "--json", "--data", d)
	var snap struct {
		ID        string `json:"id"`
		SHA256    string `json:"sha256"`
		FinalURL  string `json:"final_url"`
		Redirects []struct {
			Status int `json:"status"`
		} `json:"redirects"`
		Custody struct {
			RequestedBy string `json:"requested_by"`
			Host        string `json:"host"`
			RemoteAddr  string `json:"remote_addr"`
		} `json:"custody"`
	}
	if err := json.Unmarshal([]byte(out), &snap); err != nil {
		t.Fatal(err)
	}
	// Custody names who asked by author id, and no machine: the record is public.
	if snap.FinalURL != srv.URL+"/page.html" || len(snap.Redirects) != 1 || !docket.IsAuthorID(snap.Custody.RequestedBy) ||
		snap.Custody.Host != "" || snap.Custody.RemoteAddr == "" {
		t.Fatalf("snapshot: %+v", snap)
	}
	if out := mustRun(t, "verify", "--data", d); !strings.Contains(out, "ok") {
		t.Fatal(out)
	}

	// WARC of the whole archive.
	warc := mustRun(t, "warc", "--data", d)
	if !strings.HasPrefix(warc, "WARC/1.1\r\n") || !strings.Contains(warc, "Chairman removed") || !strings.Contains(warc, "requested-by: "+snap.Custody.RequestedBy) {
		t.Fatalf("WARC export lacks the snapshot")
	}

	// An evidence bundle verifies offline with the public key alone, and only so.
	bundle := filepath.Join(t.TempDir(), "case.json")
	os.WriteFile(bundle, []byte(mustRun(t, "bundle", "case-akberdiyeva", "--data", d)), 0o600)
	vkey := strings.TrimSpace(mustRun(t, "key", "show", "--data", d))
	out = mustRun(t, "verify-bundle", bundle, "--key", vkey)
	if !strings.Contains(out, "ok:") || !strings.Contains(out, "1 snapshot") {
		t.Fatalf("verify-bundle: %s", out)
	}
	b, _ := os.ReadFile(bundle)
	for _, leak := range []string{`"internal"`, `"confidential"`, `"draft"`} {
		if strings.Contains(string(b), leak) {
			t.Fatalf("the bundle holds %s data", leak)
		}
	}
	if !strings.Contains(string(b), `"salt`) || !strings.Contains(string(b), "Baiturova") {
		t.Fatal("the bundle lacks the statements with their salts")
	}
	tampered := filepath.Join(t.TempDir(), "tampered.json")
	os.WriteFile(tampered, []byte(strings.Replace(string(b), `acquitted`, `convicted`, 1)), 0o600)
	if code, _, errs := run(t, "", "verify-bundle", tampered, "--key", vkey); code == 0 || !strings.Contains(errs, "not in the signed ledger") {
		t.Fatalf("a tampered bundle: exit %d, %q", code, errs)
	}
	// A snapshot's body altered, or replaced with its own SHA-256.
	for _, alter := range []func(b *ledger.Bundle){
		func(b *ledger.Bundle) { b.Blobs[0].Data = []byte("forged") },
		func(b *ledger.Bundle) {
			b.Blobs[0] = docket.Blob{SHA256: docket.SHA256Hex([]byte("forged")), Data: []byte("forged")}
		},
	} {
		code, _, errs := run(t, "", "verify-bundle", alterBundle(t, bundle, alter), "--key", vkey)
		if code == 0 || !strings.Contains(errs, "its data has another SHA-256") && !strings.Contains(errs, "snapshot "+snap.ID+": its content") {
			t.Fatalf("a bundle with a snapshot's content altered: exit %d, %q", code, errs)
		}
	}
	keyFile := filepath.Join(t.TempDir(), "other.pub")
	os.WriteFile(keyFile, []byte(strings.Replace(vkey, vkey[len(vkey)-4:], "AAAA", 1)+"\n"), 0o600)
	if code, _, _ := run(t, "", "verify-bundle", bundle, "--key", keyFile); code == 0 {
		t.Fatal("a bundle verified with the wrong key")
	}

	// Altering the stored body is found by verify, which names the snapshot.
	db, err := sql.Open("sqlite", filepath.Join(d, "docket.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE blobs SET data = CAST('forged' AS BLOB) WHERE sha256 = ?`, snap.SHA256); err != nil {
		t.Fatal(err)
	}
	code, out, _ = run(t, "", "verify", "--data", d)
	if code == 0 || !strings.Contains(out, "snapshot "+snap.ID+": its stored body has SHA-256") {
		t.Fatalf("verify after altering a snapshot body: exit %d\n%s", code, out)
	}
}

// alterBundle writes a copy of the bundle at path, altered by fn, and returns its path.
func alterBundle(t *testing.T, path string, fn func(b *ledger.Bundle)) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var b ledger.Bundle
	if err := json.Unmarshal(data, &b); err != nil {
		t.Fatal(err)
	}
	fn(&b)
	out, err := json.Marshal(&b)
	if err != nil {
		t.Fatal(err)
	}
	altered := filepath.Join(t.TempDir(), "altered.json")
	if err := os.WriteFile(altered, out, 0o600); err != nil {
		t.Fatal(err)
	}
	return altered
}

// A bundle fails verify-bundle when a record is taken out, one of another case put in, one
// given twice or at another leaf, the case relabelled, or a snapshot's content altered; one
// made before lists of records verifies only in part. Records written before authors were ids
// are given with the author withheld, and still verify.
func TestBundle_Tampering(t *testing.T) {
	d := MustDemo(t)
	// Records with their authors' names, as written before author ids, for a case of their own.
	lines := `{"kind":"source","id":"src-legacy","url":"https://example.org/legacy","sensitivity":"public","author":"Ana Staff","created":"2026-01-02T03:04:05Z"}
{"kind":"entity","id":"case-legacy","schema":"Case","sensitivity":"public","author":"Ana Staff","created":"2026-01-02T03:04:05Z"}
{"kind":"statement","id":"s-legacy","entity":"case-legacy","property":"name","value":"Case of Legacy","source":"src-legacy","status":"reported","sensitivity":"public","author":"Ana Staff","created":"2026-01-02T03:04:05Z","salt":"0123456789abcdef0123456789abcdef"}
`
	legacy := filepath.Join(t.TempDir(), "legacy.jsonl")
	os.WriteFile(legacy, []byte(lines), 0o600)
	mustRun(t, "import", legacy, "--data", d)
	vkey := strings.TrimSpace(mustRun(t, "key", "show", "--data", d))
	write := func(c string) string {
		path := filepath.Join(t.TempDir(), c+".json")
		os.WriteFile(path, []byte(mustRun(t, "bundle", c, "--data", d)), 0o600)
		return path
	}
	// Made one after the other, so signed against the same checkpoint.
	bundle, other, old := write("case-akberdiyeva"), write("case-dzhumayev"), write("case-legacy")
	if out := mustRun(t, "verify-bundle", old, "--key", vkey); !strings.Contains(out, "ok:") || !strings.Contains(out, "note: 3 records") {
		t.Fatalf("verify-bundle of records written with authors' names: %s", out)
	}
	if out := mustRun(t, "verify-bundle", bundle, "--key", vkey); !strings.Contains(out, "case case-akberdiyeva") {
		t.Fatalf("verify-bundle: %s", out)
	}
	read := func(path string) (b ledger.Bundle) {
		data, _ := os.ReadFile(path)
		if err := json.Unmarshal(data, &b); err != nil {
			t.Fatal(err)
		}
		return b
	}
	mine, ob := read(bundle), read(other)
	var theirs ledger.BundleLeaf // a record of the other case only
	for _, l := range ob.Leaves {
		if !slices.ContainsFunc(mine.Leaves, func(x ledger.BundleLeaf) bool { return x.Seq == l.Seq }) {
			theirs = l
		}
	}
	if theirs.Seq == 0 {
		t.Fatal("the two cases' bundles share every record")
	}
	for _, tc := range []struct {
		name  string
		alter func(b *ledger.Bundle)
		want  string
	}{
		{"a record taken out", func(b *ledger.Bundle) { b.Leaves = append(b.Leaves[:3], b.Leaves[4:]...) }, "a record was removed"},
		{"the case relabelled", func(b *ledger.Bundle) { b.Case = "case-dzhumayev" }, "the bundle is labelled case case-dzhumayev, but its signed list of records is of case case-akberdiyeva"},
		{"a record of another case put in", func(b *ledger.Bundle) { b.Leaves = append(b.Leaves, theirs) }, "is not in the signed list of the case's records"},
		{"a record given twice", func(b *ledger.Bundle) { b.Leaves = append(b.Leaves, b.Leaves[0]) }, "is given twice"},
		{"a record at another leaf", func(b *ledger.Bundle) { b.Leaves[1].Index++ },
			fmt.Sprintf("change %d is given as leaf %d", mine.Leaves[1].Seq, mine.Leaves[1].Index+1)},
		{"the list taken out", func(b *ledger.Bundle) { b.Manifest = "" }, "does NOT verify"},
		{"made a bundle of before lists", func(b *ledger.Bundle) { b.Format, b.Manifest = "docket-bundle v1", "" }, "verifies only in part"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := run(t, "", "verify-bundle", alterBundle(t, bundle, tc.alter), "--key", vkey)
			if code == 0 || !strings.Contains(errs, tc.want) {
				t.Fatalf("verify-bundle: exit %d, %q; want %q", code, errs, tc.want)
			}
		})
	}
}
