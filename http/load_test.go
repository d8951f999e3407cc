package http_test

import (
	"context"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/demo"
	dockethttp "github.com/docketorg/docket/http"
	"github.com/docketorg/docket/internal/storetest"
	"github.com/docketorg/docket/sqlite"
)

// slowStore counts the bulk reads of statements (what loading the whole registry does) and can
// hold them until released.
type slowStore struct {
	docket.Store
	reads atomic.Int64
	mu    sync.Mutex
	gate  chan struct{} // when set, reads wait for it to be closed
}

func (s *slowStore) FindStatements(ctx context.Context, v docket.Viewer, f docket.StatementFilter) ([]*docket.Statement, int, error) {
	s.reads.Add(1)
	s.mu.Lock()
	gate := s.gate
	s.mu.Unlock()
	if gate != nil {
		select {
		case <-gate:
		case <-ctx.Done():
			return nil, 0, ctx.Err()
		}
	}
	return s.Store.FindStatements(ctx, v, f)
}

func (s *slowStore) hold() func() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gate = make(chan struct{})
	gate := s.gate
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		close(gate)
		s.gate = nil
	}
}

func openLoadServer(t *testing.T, configure func(*dockethttp.Server)) (*slowStore, *sqlite.DB, *dockethttp.Server) {
	t.Helper()
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "docket.db"))
	db.DataKey = storetest.DataKey() // the tests record confidential data
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := demo.Load(context.Background(), db, docket.Operator("test")); err != nil {
		t.Fatal(err)
	}
	st := &slowStore{Store: db}
	s := dockethttp.NewServer(st)
	s.Addr = "127.0.0.1:0"
	if configure != nil {
		configure(s)
	}
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return st, db, s
}

// fromAddr returns a client whose connections come from the loopback address addr, as another
// visitor's would.
func fromAddr(addr string) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(addr)}}
	return &http.Client{Timeout: httpClient.Timeout, Transport: &http.Transport{DialContext: d.DialContext}}
}

func status(t *testing.T, c *http.Client, url string) (int, http.Header) {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode, resp.Header
}

// TestExpensive_Limits: an anonymous client asking too often for a heavy page is told to slow
// down; another address and signed-in staff are not.
func TestExpensive_Limits(t *testing.T) {
	_, db, s := openLoadServer(t, func(s *dockethttp.Server) { s.ExpensiveRate, s.ExpensiveBurst = 0.1, 5 })
	one, other := fromAddr("127.0.0.1"), fromAddr("127.0.0.2")
	limited := 0
	var retry string
	for range 10 {
		code, h := status(t, one, s.URL()+"/feed.atom")
		if code == http.StatusTooManyRequests {
			limited++
			retry = h.Get("Retry-After")
		} else if code != http.StatusOK {
			t.Fatalf("feed: %d", code)
		}
	}
	if limited != 5 || retry == "" {
		t.Errorf("10 requests in a burst of 5: %d refused (Retry-After %q), want 5", limited, retry)
	}
	if code, _ := status(t, other, s.URL()+"/feed.atom"); code != http.StatusOK {
		t.Errorf("another address: %d", code)
	}
	staff := Client{Base: s.URL(), Token: MustCreateToken(t, db, "load-staff", docket.Reader, false)}
	for range 10 {
		staff.Get(t, "/feed.atom").Want(t, http.StatusOK)
	}
	// Light pages are not limited.
	for range 10 {
		if code, _ := status(t, one, s.URL()+"/entity/"+demo.Akberdiyeva); code != http.StatusOK {
			t.Fatalf("an entity page after the limit: %d", code)
		}
	}
}

// TestFigures_Cached: the statistics are counted from the whole registry once for each class of
// viewer and head of the log, for every breakdown at once, not on every request; a change makes
// them counted again, while the older figures are served; figures not counted yet are waited
// for a little, then the request is told to come back, and the counting goes on.
func TestFigures_Cached(t *testing.T) {
	st, db, s := openLoadServer(t, func(s *dockethttp.Server) {
		s.FiguresRefresh, s.FiguresWait = 0, 200*time.Millisecond
	})
	anon := Client{Base: s.URL()}
	waitFigures(t, anon, "/stats")
	loads := st.reads.Load()
	if loads == 0 {
		t.Fatal("the statistics read nothing")
	}
	for range 5 {
		anon.Get(t, "/stats").Want(t, http.StatusOK)
		anon.Get(t, "/stats/outcomes.csv").Want(t, http.StatusOK)
		anon.Get(t, "/stats?by=court&political=1").Want(t, http.StatusOK)
		anon.Get(t, "/stats/retaliation?window=90").Want(t, http.StatusOK)
	}
	time.Sleep(300 * time.Millisecond) // any counting asked for in the background is done
	if got := st.reads.Load(); got > loads {
		t.Errorf("repeated requests read the registry again: %d bulk reads, first request %d", got, loads)
	}
	before := st.reads.Load()
	// The registry changes: the older figures are served at once while new ones are counted.
	if err := db.AddStatements(context.Background(), docket.Operator("t"), []*docket.Statement{{Entity: demo.Akberdiyeva,
		Property: "occupation", Value: "teacher", Source: demo.PressRelease, Sensitivity: docket.Public}}); err != nil {
		t.Fatal(err)
	}
	release := st.hold()
	start := time.Now()
	anon.Get(t, "/stats").Want(t, http.StatusOK)
	anon.Get(t, "/stats?by=judge").Want(t, http.StatusOK)
	if took := time.Since(start); took > 2*time.Second { // a wait would end in 503 after FiguresWait: the status says more than the time
		t.Errorf("the older figures took %v: they were not served while the new ones are counted", took)
	}
	// Figures never counted (staff's, another class) are waited for, then the request comes back.
	staff := Client{Base: s.URL(), Token: MustCreateToken(t, db, "figures-staff", docket.Reader, false)}
	r := staff.Get(t, "/stats")
	r.WantError(t, http.StatusServiceUnavailable, docket.EUNAVAILABLE)
	if r.Header.Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
	release()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if r := staff.Get(t, "/stats?by=court"); r.Status == http.StatusOK {
			break
		} else if time.Now().After(deadline) {
			t.Fatalf("staff's figures never came: %d", r.Status)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if st.reads.Load() == before {
		t.Error("the change did not make the figures counted again")
	}
}

// waitFigures asks for a page of figures until they are counted (a count is slow under the race
// detector, and longer than a request waits).
func waitFigures(t *testing.T, c Client, path string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		r := c.Get(t, path)
		if r.Status == http.StatusOK {
			return
		}
		if r.Status != http.StatusServiceUnavailable || time.Now().After(deadline) {
			t.Fatalf("GET %s: %d while waiting for the figures", path, r.Status)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestFigures_Spaced: figures that took long to count are not counted again sooner than ten
// times as long, however often the registry changes: they keep a tenth of a core busy, not one.
func TestFigures_Spaced(t *testing.T) {
	st, db, s := openLoadServer(t, func(s *dockethttp.Server) {
		s.FiguresRefresh, s.FiguresWait = 0, 5*time.Second
		s.ExpensiveRate, s.ExpensiveBurst = 1e6, 1e6 // it asks often, waiting for the count
	})
	anon := Client{Base: s.URL()}
	release := st.hold()
	go func() { time.Sleep(150 * time.Millisecond); release() }() // the count takes 150 ms or more
	waitFigures(t, anon, "/stats")
	change := func(v string) {
		if err := db.AddStatements(context.Background(), docket.Operator("t"), []*docket.Statement{{Entity: demo.Akberdiyeva,
			Property: "occupation", Value: v, Source: demo.PressRelease, Sensitivity: docket.Public}}); err != nil {
			t.Fatal(err)
		}
	}
	before := st.reads.Load()
	change("teacher")
	anon.Get(t, "/stats").Want(t, http.StatusOK)
	time.Sleep(100 * time.Millisecond)
	if got := st.reads.Load(); got != before {
		t.Errorf("counted again %d reads after a count of 150 ms: want no sooner than 1.5 s", got-before)
	}
	time.Sleep(1400 * time.Millisecond)
	deadline := time.Now().Add(60 * time.Second) // ten times a count, which the race detector slows
	for st.reads.Load() == before {
		if time.Now().After(deadline) {
			t.Fatal("never counted again after the change")
		}
		anon.Get(t, "/stats").Want(t, http.StatusOK)
		time.Sleep(50 * time.Millisecond)
	}
}

// TestRequest_Deadline: a request whose work outlasts RequestTimeout is cut off, its work
// cancelled, and the server goes on.
func TestRequest_Deadline(t *testing.T) {
	st, _, s := openLoadServer(t, func(s *dockethttp.Server) { s.RequestTimeout = 200 * time.Millisecond })
	release := st.hold()
	defer release()
	start := time.Now()
	r := Client{Base: s.URL()}.Get(t, "/api/v1/statements")
	if took := time.Since(start); took > 5*time.Second || r.Status != http.StatusServiceUnavailable {
		t.Errorf("a request held by the store answered %d after %v, want 503 after the deadline", r.Status, took)
	}
	if strings.Contains(string(r.Body), "context") {
		t.Errorf("the error tells internals: %s", r.Body)
	}
}
