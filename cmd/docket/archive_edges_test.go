package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/archive"
	"github.com/docketorg/docket/internal/proxytest"
)

// site is a web server on 127.0.0.1 that counts what it is asked and by which User-Agent.
type site struct {
	*httptest.Server
	mu     sync.Mutex
	agents []string
}

func newSite(t *testing.T) *site {
	s := &site{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.agents = append(s.agents, r.UserAgent())
		s.mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html><head><title>Blogger jailed</title></head><body><p>Astana, 9 December 2021</p>
<p>The Esil District Court sentenced the blogger Aidos Serikbayev to two years in prison.</p></body></html>`)
	}))
	t.Cleanup(s.Close)
	return s
}

// Agents returns the User-Agents of the requests so far, one a request.
func (s *site) Agents() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.agents...)
}

func (s *site) hostPort() string { return s.Listener.Addr().String() }

// lockedBuffer is a log that the server's goroutines write and the test reads.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// serveArchiving starts docket serve over the store in d with args, its idle archiver
// looking again every 20 ms, and returns its log.
func serveArchiving(t *testing.T, d string, args ...string) *lockedBuffer {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready, done := make(chan string, 1), make(chan int, 1)
	log := &lockedBuffer{}
	m := &Main{Stdin: strings.NewReader(""), Stdout: &bytes.Buffer{}, Stderr: log, Getenv: testenv(t),
		Ready: func(u string) { ready <- u }, archivePoll: 20 * time.Millisecond}
	go func() {
		done <- m.Run(ctx, append([]string{"serve", "--data", d, "--addr", "127.0.0.1:0"}, args...))
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	select {
	case <-ready:
	case code := <-done:
		t.Fatalf("serve exited %d:\n%s", code, log)
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not start")
	}
	return log
}

// waitFor waits up to ten seconds for cond.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("waited 10s for %s", what)
}

// mustSettings changes the stored settings as an admin in the web would.
func mustSettings(t *testing.T, d string, upd docket.SettingsUpdate) {
	t.Helper()
	db, err := openStore("sqlite:"+filepath.Join(d, "docket.db"), false, false)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.UpdateSettings(context.Background(), docket.Operator("admin"), upd); err != nil {
		t.Fatal(err)
	}
}

func ptr[T any](v T) *T { return &v }

// TestServe_ArchivesOnlyWhenOn: a server fetches nothing until archiving is turned on; the
// sources recorded meanwhile are queued and fetched once it is, through the stored proxy, by
// the running server; turned off again, it fetches nothing more.
func TestServe_ArchivesOnlyWhenOn(t *testing.T) {
	web := newSite(t)
	tunnel := proxytest.HTTP(t, map[string]string{"target.example:80": web.hostPort()})
	d := filepath.Join(t.TempDir(), "data")
	mustRun(t, "add", "source", "http://target.example/first", "--data", d)
	// The proxy is set, so that a fetch, if the server made one, would arrive.
	mustSettings(t, d, docket.SettingsUpdate{ArchiveProxy: ptr("http://" + tunnel.Addr)})
	log := serveArchiving(t, d)
	mustRun(t, "add", "source", "http://target.example/second", "--data", d)
	time.Sleep(500 * time.Millisecond) // some 25 rounds of the idle archiver
	if got := web.Agents(); len(got) != 0 || len(tunnel.Asked()) != 0 {
		t.Fatalf("with archiving off, the server fetched %d pages", len(got))
	}
	if !strings.Contains(log.String(), "background archiving\" on=false") {
		t.Fatalf("the log does not say archiving is off:\n%s", log)
	}

	mustSettings(t, d, docket.SettingsUpdate{Archive: ptr(true)})
	waitFor(t, "both queued sources fetched", func() bool { return len(web.Agents()) == 2 })
	if got := tunnel.Asked(); !slices.Equal(got, []string{"CONNECT target.example:80", "CONNECT target.example:80"}) {
		t.Fatalf("the stored proxy was asked %q", got)
	}
	if got := web.Agents(); got[0] != archive.DefaultUserAgent || got[1] != archive.DefaultUserAgent {
		t.Fatalf("User-Agents %q, want the default", got)
	}

	mustSettings(t, d, docket.SettingsUpdate{Archive: ptr(false)})
	time.Sleep(100 * time.Millisecond) // a job claimed before the change may still run
	mustRun(t, "add", "source", "http://target.example/third", "--data", d)
	time.Sleep(500 * time.Millisecond)
	if got := web.Agents(); len(got) != 2 {
		t.Fatalf("archiving turned off, the server fetched %d pages, want still 2", len(got))
	}
}

// TestServe_ArchiveFlags: --archive turns archiving on whatever the stored setting, and
// --archive-proxy and --archive-user-agent take the place of the stored ones.
func TestServe_ArchiveFlags(t *testing.T) {
	web := newSite(t)
	socks := proxytest.SOCKS5(t, map[string]string{"target.example:80": web.hostPort()})
	stored := proxytest.HTTP(t, nil)
	d := filepath.Join(t.TempDir(), "data")
	mustRun(t, "add", "source", "http://target.example/page", "--data", d)
	mustSettings(t, d, docket.SettingsUpdate{Archive: ptr(false), ArchiveProxy: ptr("http://" + stored.Addr), ArchiveUserAgent: ptr("Stored/1")})
	serveArchiving(t, d, "--archive", "--archive-proxy", "socks5h://"+socks.Addr, "--archive-user-agent", "Flag/1")
	waitFor(t, "the source fetched", func() bool { return len(web.Agents()) == 1 })
	if got := socks.Asked(); !slices.Equal(got, []string{"target.example:80"}) || web.Agents()[0] != "Flag/1" || len(stored.Asked()) != 0 {
		t.Fatalf("SOCKS5 proxy asked %q, stored proxy asked %q, User-Agent %q", got, stored.Asked(), web.Agents())
	}
	// The snapshot says that a proxy was used, not which.
	waitFor(t, "the snapshot recorded", func() bool { return strings.Contains(mustRun(t, "export", "--data", d), `"kind":"snapshot"`) })
	export := mustRun(t, "export", "--data", d)
	if !strings.Contains(export, `attempt 1, through a proxy"`) || strings.Contains(export, `"remote_addr"`) || strings.Contains(export, socks.Addr) {
		t.Fatalf("the snapshot's custody:\n%s", export)
	}
	if code, _, errs := run(t, "", "serve", "--data", d, "--archive-proxy", "socks5://127.0.0.1:9050"); code == 0 || !strings.Contains(errs, "socks5h://") {
		t.Fatalf("serve with a socks5:// proxy: exit %d, %q", code, errs)
	}
}

// TestServe_LogHoldsNoURL: failed archives of confidential sources are logged by job and
// source id; no URL, host, path or proxy password is in the log.
func TestServe_LogHoldsNoURL(t *testing.T) {
	tunnel := proxytest.HTTP(t, nil) // it knows no host: every CONNECT fails
	d := filepath.Join(t.TempDir(), "data")
	var ids []string
	for _, u := range []string{"http://secret-host.example/witness/ana-ivanova?phone=qzx777", "http://localhost/secret-path-b"} {
		out := mustRun(t, "add", "source", u, "--sensitivity", "confidential", "--data", d)
		ids = append(ids, strings.Fields(out)[2])
	}
	proxy := strings.Replace("http://"+tunnel.Addr, "//", "//docket:hunter2@", 1)
	log := serveArchiving(t, d, "--archive", "--archive-proxy", proxy)
	waitFor(t, "two failures logged", func() bool { return strings.Count(log.String(), "archive failed") == 2 })
	got := log.String()
	// (Not the bare digits of the phone number: a log line's time may hold them.)
	for _, leak := range []string{"secret", "witness", "ana-ivanova", "qzx777", "phone", "example", "localhost", "hunter2"} {
		if strings.Contains(got, leak) {
			t.Errorf("the log holds %q:\n%s", leak, got)
		}
	}
	for _, want := range []string{"source=" + ids[0], "source=" + ids[1], `reason="proxy failed"`, `reason="refused: a private address or local name"`} {
		if !strings.Contains(got, want) {
			t.Errorf("the log lacks %s:\n%s", want, got)
		}
	}
}

// jobs counts the archive queue of the store in d.
func jobs(t *testing.T, d string) int {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(d, "docket.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM jobs`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestArchive_RefusedWritesNothing: a URL that docket archive or docket ingest refuses, or
// cannot fetch, leaves no source and no job.
func TestArchive_RefusedWritesNothing(t *testing.T) {
	d := MustDemo(t)
	web := newSite(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()
	socks := proxytest.SOCKS5(t, nil)
	before, queued := mustRun(t, "export", "--data", d), jobs(t, d)
	for _, args := range [][]string{
		{"archive", web.URL + "/page"},                                                     // loopback
		{"archive", "http://10.1.2.3/page"},                                                // private, refused before connecting
		{"archive", "ftp://example.org/page"},                                              // not http
		{"archive", "http://localhost/page", "--archive-proxy", "socks5h://" + socks.Addr}, // a local name
		{"archive", "http://127.1/page", "--archive-proxy", "socks5h://" + socks.Addr},
		{"archive", "http://target.example/page", "--archive-proxy", "http://" + closed}, // the proxy is down
		{"ingest", web.URL + "/page"},
		{"ingest", "http://db.internal/page", "--archive-proxy", "socks5h://" + socks.Addr},
		{"ingest", "http://target.example/page", "--archive-proxy", "http://" + closed},
	} {
		if code, _, errs := run(t, "", append(args, "--data", d)...); code == 0 {
			t.Errorf("docket %s succeeded", strings.Join(args, " "))
		} else if after := mustRun(t, "export", "--data", d); after != before || jobs(t, d) != queued {
			t.Errorf("docket %s (%s) wrote to the store", strings.Join(args, " "), strings.TrimSpace(errs))
		}
	}
	if len(web.Agents()) != 0 || len(socks.Asked()) != 0 {
		t.Fatalf("refused URLs were fetched: site %d, proxy %q", len(web.Agents()), socks.Asked())
	}
}

// TestArchive_StoredSettings: docket archive and docket ingest fetch through the stored proxy
// with the stored User-Agent, and their flags take the place of both.
func TestArchive_StoredSettings(t *testing.T) {
	web := newSite(t)
	stored := proxytest.SOCKS5(t, map[string]string{"target.example:80": web.hostPort()})
	flag := proxytest.HTTP(t, map[string]string{"target.example:80": web.hostPort()})
	d := filepath.Join(t.TempDir(), "data")
	mustRun(t, "init", "--data", d)
	mustSettings(t, d, docket.SettingsUpdate{ArchiveProxy: ptr("socks5h://" + stored.Addr), ArchiveUserAgent: ptr("Stored/1")})
	out := mustRun(t, "archive", "http://target.example/a", "--json", "--data", d)
	if !strings.Contains(out, `"via": "docket archive, through a proxy"`) || strings.Contains(out, "remote_addr") {
		t.Fatalf("docket archive through the stored proxy:\n%s", out)
	}
	mustRun(t, "ingest", "http://target.example/b", "--data", d)
	mustRun(t, "archive", "http://target.example/c", "--archive-proxy", "http://"+flag.Addr, "--archive-user-agent", "Flag/1", "--data", d)
	if got := stored.Asked(); !slices.Equal(got, []string{"target.example:80", "target.example:80"}) {
		t.Fatalf("the stored proxy was asked %q", got)
	}
	if got := flag.Asked(); !slices.Equal(got, []string{"CONNECT target.example:80"}) {
		t.Fatalf("the proxy of the flag was asked %q", got)
	}
	if got := web.Agents(); !slices.Equal(got, []string{"Stored/1", "Stored/1", "Flag/1"}) {
		t.Fatalf("User-Agents %q", got)
	}
	if export := mustRun(t, "export", "--data", d); !strings.Contains(export, `"via":"docket ingest, through a proxy"`) {
		t.Fatal("the ingested snapshot does not say it came through a proxy")
	}
}
