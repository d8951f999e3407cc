package archive

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/needs"
)

func page(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/page.html":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html><head><title>Judge removed</title><style>p{}</style><script>var x=1</script></head>
<body><p>The chairman was removed from office on <b>7 February 2019</b>.</p><p>Второй абзац.</p></body></html>`)
	case "/moved":
		http.Redirect(w, r, "/page.html", http.StatusMovedPermanently)
	case "/big":
		w.Write(bytes.Repeat([]byte("x"), 2048))
	default:
		http.NotFound(w, r)
	}
}

func TestFetch(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(page))
	defer srv.Close()
	ctx := context.Background()

	f := NewFetcher()
	_, err := f.Fetch(ctx, srv.URL+"/page.html")
	if docket.ErrorCode(err) != docket.EFORBIDDEN || !strings.Contains(err.Error(), "127.0.0.1 is a loopback address") {
		t.Fatalf("fetching a loopback URL: %v, want a refusal naming the address", err)
	}

	f.AllowPrivate = true
	res, err := f.Fetch(ctx, srv.URL+"/moved")
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != 200 || res.FinalURL != srv.URL+"/page.html" || len(res.Redirects) != 1 || res.Redirects[0].Status != 301 {
		t.Fatalf("redirected fetch: %d %s %+v", res.Status, res.FinalURL, res.Redirects)
	}
	if res.RemoteAddr != srv.Listener.Addr().String() || res.ContentType() != "text/html" {
		t.Fatalf("remote %q, type %q", res.RemoteAddr, res.ContentType())
	}
	text := string(Text(res.ContentType(), res.Body))
	if text != "Judge removed\nThe chairman was removed from office on 7 February 2019.\nВторой абзац.\n" {
		t.Fatalf("Text = %q", text)
	}

	f.MaxSize = 1024
	if _, err := f.Fetch(ctx, srv.URL+"/big"); docket.ErrorCode(err) != docket.ETOOLARGE {
		t.Fatalf("oversized response: %v", err)
	}
	for _, bad := range []string{"file:///etc/passwd", "javascript:alert(1)", "http://", "ftp://example.org/x"} {
		if _, err := f.Fetch(ctx, bad); docket.ErrorCode(err) != docket.EINVALID {
			t.Errorf("Fetch(%q): %v, want invalid", bad, err)
		}
	}
}

// TestFetch_RedirectToPrivate: the first host is allowed, the redirect leads to another
// loopback address, which must be refused at connect time.
func TestFetch_RedirectToPrivate(t *testing.T) {
	inner := httptest.NewUnstartedServer(http.HandlerFunc(page))
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		needs.Missing(t, "no 127.0.0.2 on this machine: %v", err)
	}
	inner.Listener = ln
	inner.Start()
	defer inner.Close()
	outer := httptest.NewServer(http.RedirectHandler(inner.URL+"/page.html", http.StatusFound))
	defer outer.Close()
	f := NewFetcher()
	f.public = map[netip.Addr]bool{netip.MustParseAddr("127.0.0.1"): true}
	_, err = f.Fetch(context.Background(), outer.URL)
	if docket.ErrorCode(err) != docket.EFORBIDDEN || !strings.Contains(err.Error(), "127.0.0.2 is a loopback address") ||
		!strings.Contains(err.Error(), inner.URL) {
		t.Fatalf("redirect to a private address: %v", err)
	}
}

func TestClassify(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1": "a loopback address", "::1": "a loopback address", "10.1.2.3": "a private address",
		"192.168.0.1": "a private address", "172.16.5.4": "a private address", "169.254.169.254": "a link-local address",
		"fe80::1": "a link-local address", "0.0.0.0": "an unspecified address", "100.64.0.1": "a shared (carrier-grade NAT) address",
		"::ffff:127.0.0.1": "a loopback address", "fd00::1": "a private address", "93.184.216.34": "", "2a00:1450::1": "",
	} {
		if got := classify(netip.MustParseAddr(addr)); got != want {
			t.Errorf("classify(%s) = %q, want %q", addr, got, want)
		}
	}
}

// TestWARC_warcio writes snapshots as WARC and reads them back with warcio, the reference
// JavaScript library, which checks every record's digest.
func TestWARC_warcio(t *testing.T) {
	dir := filepath.Join("testdata", "warcio")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "warcio")); err != nil {
		needs.Missing(t, "warcio is not installed in %s; run npm install there, or ./scripts/test", dir)
	}
	body := []byte("<html><body>Judge removed</body></html>")
	at := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	snap := &docket.Snapshot{ID: "snap1", Source: "src1", URL: "http://example.org/old", FinalURL: "http://example.org/page?q=1",
		Redirects: []docket.Redirect{{URL: "http://example.org/old", Status: 301}}, Status: 200,
		Header: http.Header{"Content-Type": {"text/html"}, "Content-Encoding": {"gzip"}, "X-Note": {"line\r\nbreak"}},
		SHA256: docket.SHA256Hex(body), Size: int64(len(body)), FetchedAt: at,
		Custody: docket.Custody{RequestedBy: "researcher", RequestedAt: at.Add(-time.Second), Via: "docket archive", Host: "laptop",
			UserAgent: "Docket-archiver/1", RemoteAddr: "93.184.216.34:80", Tool: "docket test"}}
	var buf bytes.Buffer
	w := NewWARCWriter(&buf, "Docket test", at)
	if err := w.Write(snap, body); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "a.warc")
	os.WriteFile(file, buf.Bytes(), 0o600)
	out, err := exec.Command("node", filepath.Join(dir, "check.mjs"), file).CombinedOutput()
	if err != nil {
		t.Fatalf("warcio rejects the WARC: %v\n%s", err, out)
	}
	var types []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var rec struct {
			Type          string            `json:"type"`
			Target        string            `json:"target"`
			Status        int               `json:"status"`
			PayloadLength int               `json:"payloadLength"`
			Fields        map[string]string `json:"fields"`
		}
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		types = append(types, rec.Type)
		switch rec.Type {
		case "response":
			if rec.Target != snap.FinalURL || rec.Status != 200 || rec.PayloadLength != len(body) {
				t.Errorf("response record: %+v", rec)
			}
		case "metadata":
			if rec.Fields["requested-by"] != "researcher" || rec.Fields["sha256"] != snap.SHA256 || rec.Fields["redirect"] != "301 http://example.org/old" {
				t.Errorf("metadata record: %+v", rec.Fields)
			}
		}
	}
	if strings.Join(types, " ") != "warcinfo request response metadata" {
		t.Fatalf("records %v", types)
	}
	// The same snapshots give the same bytes.
	var again bytes.Buffer
	w = NewWARCWriter(&again, "Docket test", at)
	w.Write(snap, body)
	w.Close()
	if !bytes.Equal(again.Bytes(), buf.Bytes()) {
		t.Fatal("WARC output is not deterministic")
	}
}
