package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/docketorg/docket/internal/pgtest"
)

// startServe runs docket serve with args until the test ends and returns its URL.
func startServe(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan int, 1)
	var errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &syncWriter{w: &errb, mu: make(chan struct{}, 1)}, Getenv: testenv(t), Ready: func(u string) { ready <- u }}
	go func() { done <- m.Run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)) }()
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve exited %d after interrupt: %s", code, errb.String())
		}
	})
	select {
	case u := <-ready:
		return u
	case code := <-done:
		done <- code
		t.Fatalf("serve exited %d: %s", code, errb.String())
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not start")
	}
	return ""
}

// TestServe_TwoServersOnePostgres: two docket serve processes on one PostgreSQL database take
// writes at once, through the API; every write lands, and docket verify finds the change log,
// the views and the ledger consistent: sequence numbers and hashes in commit order.
func TestServe_TwoServersOnePostgres(t *testing.T) {
	pg := pgtest.Schema(t)
	key := filepath.Join(t.TempDir(), "ledger.key")
	mustRun(t, "init", "--db", pg)
	secret := strings.TrimSpace(mustRun(t, "token", "add", "writer", "--role", "editor", "--db", pg))
	urls := []string{startServe(t, "--db", pg, "--key-file", key)}
	urls = append(urls, startServe(t, "--db", pg, "--key-file", key))

	post := func(url, path string, body any, out any) error {
		b, _ := json.Marshal(body)
		req, err := http.NewRequest(http.MethodPost, url+path, bytes.NewReader(b))
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+secret)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		rb, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusCreated {
			return fmt.Errorf("POST %s%s: %d %s", url, path, resp.StatusCode, rb)
		}
		return json.Unmarshal(rb, out)
	}
	const writers, each = 4, 12
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			url := urls[w%2]
			var src struct{ ID string }
			if err := post(url, "/api/v1/sources", map[string]any{"url": fmt.Sprintf("https://example.org/writer/%d", w), "type": "news", "sensitivity": "public"}, &src); err != nil {
				errs <- err
				return
			}
			for i := range each {
				var e struct{ ID string }
				if err := post(url, "/api/v1/entities", map[string]any{"schema": "Person", "statements": []map[string]any{
					{"property": "name", "value": fmt.Sprintf("Writer%d Person%d", w, i), "source": src.ID, "sensitivity": "public"},
				}}, &e); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if out := mustRun(t, "verify", "--db", pg, "--key-file", key); !strings.Contains(out, "ok") {
		t.Fatalf("verify after two servers wrote at once: %s", out)
	}
	if n := strings.Count(mustRun(t, "export", "--db", pg), `"Writer`); n != writers*each {
		t.Fatalf("%d persons written through two servers in the export, want %d", n, writers*each)
	}
}

// TestServe_Replica: docket serve --db-replica reads from a real streaming standby made by
// pg_basebackup, and the admin's settings page shows it; a replica URL that is the primary is
// refused at start with a clear message.
func TestServe_Replica(t *testing.T) {
	primary, standby := pgtest.PrimaryAndStandby(t)
	if _, err := pgtest.MustOpen(t, primary.URL("public")).Exec(`CREATE SCHEMA docket`); err != nil {
		t.Fatal(err)
	}
	pg, replica := primary.URL("docket"), standby.URL("docket")
	mustRun(t, "demo", "--db", pg)
	secret := strings.TrimSpace(mustRun(t, "token", "add", "admin", "--role", "admin", "--cleared", "--db", pg))
	key := filepath.Join(t.TempDir(), "ledger.key")
	url := startServe(t, "--db", pg, "--db-replica", replica, "--key-file", key)

	get := func(path string) string {
		req, _ := http.NewRequest(http.MethodGet, url+path, nil)
		req.Header.Set("Authorization", "Bearer "+secret)
		req.Header.Set("Accept", "text/html")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d %s", path, resp.StatusCode, b)
		}
		return string(b)
	}
	for range 3 {
		if body := get("/api/v1/search?q=Bayturova"); !strings.Contains(body, "person-baiturova") {
			t.Fatalf("search through the replica: %s", body)
		}
	}
	page := get("/admin/settings")
	name := fmt.Sprintf("127.0.0.1:%d/postgres", standby.Port)
	if !strings.Contains(page, `id="replicas"`) || !strings.Contains(page, name) || !strings.Contains(page, "in use") {
		t.Fatalf("the settings page does not show the standby %s in use:\n%s", name, page)
	}
	if m := regexp.MustCompile(`<td>(\d+)</td></tr>`).FindStringSubmatch(page); m == nil || m[1] == "0" {
		t.Fatalf("no reads sent to the standby, says the settings page: %v", m)
	}

	code, _, errs := run(t, "", "serve", "--db", pg, "--db-replica", pg, "--addr", "127.0.0.1:0", "--key-file", key)
	if code == 0 || !strings.Contains(errs, "is not a standby") {
		t.Fatalf("serve with the primary as its replica: exit %d, %s", code, errs)
	}
	if code, _, errs := run(t, "", "serve", "--data", t.TempDir(), "--db-replica", replica, "--addr", "127.0.0.1:0"); code == 0 || !strings.Contains(errs, "--db-replica needs a PostgreSQL store") {
		t.Fatalf("serve on SQLite with a replica: exit %d, %s", code, errs)
	}
}
