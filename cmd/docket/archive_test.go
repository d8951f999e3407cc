package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"github.com/docketorg/docket"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
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
