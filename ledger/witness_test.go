package ledger_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/ledger"
	"github.com/docketorg/docket/sqlite"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// memLog is an in-memory RFC 6962 tree: a log's side in the tests.
type memLog struct {
	n      int64
	hashes []tlog.Hash
}

func (l *memLog) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		out[i] = l.hashes[x]
	}
	return out, nil
}

// grow appends n leaves whose texts begin with salt: two logs with different salts fork.
func (l *memLog) grow(tb testing.TB, n int64, salt string) {
	for range n {
		hs, err := tlog.StoredHashes(l.n, []byte(salt+strconv.FormatInt(l.n, 10)), l)
		if err != nil {
			tb.Fatal(err)
		}
		l.hashes = append(l.hashes, hs...)
		l.n++
	}
}

func (l *memLog) clone() *memLog {
	return &memLog{n: l.n, hashes: append([]tlog.Hash(nil), l.hashes...)}
}

func (l *memLog) root(tb testing.TB, n int64) tlog.Hash {
	h, err := tlog.TreeHash(n, l)
	if err != nil {
		tb.Fatal(err)
	}
	return h
}

func (l *memLog) proof(tb testing.TB, old, n int64) tlog.TreeProof {
	if old == 0 || old >= n {
		return nil
	}
	p, err := tlog.ProveTree(n, old, l)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// request is the add-checkpoint body for the tree of size n of l, from old.
func (l *memLog) request(tb testing.TB, k *ledger.Key, old, n int64) []byte {
	cp, err := k.SignCheckpoint(n, l.root(tb, n))
	if err != nil {
		tb.Fatal(err)
	}
	return ledger.FormatAddCheckpoint(&ledger.AddCheckpointRequest{Old: old, Proof: l.proof(tb, old, n), Checkpoint: cp})
}

func openStore(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db := sqlite.NewDB(filepath.Join(tb.TempDir(), "docket.db"))
	if err := db.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func newKey(tb testing.TB, name string) *ledger.Key {
	skey, _, err := ledger.GenerateKey(name)
	if err != nil {
		tb.Fatal(err)
	}
	k, err := ledger.ParseKey(skey)
	if err != nil {
		tb.Fatal(err)
	}
	return k
}

func newWitness(tb testing.TB, db *sqlite.DB, name string) (*ledger.Witness, string) {
	skey, vkey, err := ledger.GenerateWitnessKey(name)
	if err != nil {
		tb.Fatal(err)
	}
	s, err := ledger.ParseWitnessKey(skey)
	if err != nil {
		tb.Fatal(err)
	}
	return &ledger.Witness{Store: db, Signer: s}, vkey
}

// TestWitness_AddCheckpoint drives a witness over HTTP, on a real store, through every answer
// of C2SP tlog-witness, and checks what it keeps: the size only moves forward along one tree,
// and every signed request that contradicts it is kept as evidence, nothing else.
func TestWitness_AddCheckpoint(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	w, wkey := newWitness(t, db, "witness.test/w1")
	srv := httptest.NewServer(w)
	defer srv.Close()
	k := newKey(t, "log.test/one")
	if _, err := db.AddWitnessedLog(ctx, k.Origin(), k.Verifier); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddWitnessedLog(ctx, k.Origin(), k.Verifier); docket.ErrorCode(err) != docket.ECONFLICT {
		t.Fatalf("adding a log twice: %v, want ECONFLICT", err)
	}
	post := func(body []byte) (int, string, string) {
		res, err := http.Post(srv.URL, "text/plain", strings.NewReader(string(body)))
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, res.Header.Get("Content-Type"), string(b)
	}
	state := func() string {
		l, err := db.FindWitnessedLog(ctx, k.Origin())
		if err != nil {
			t.Fatal(err)
		}
		rs, err := db.WitnessRefusals(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("size %d root %x refusals %d", l.Size, l.Root[:4], len(rs))
	}
	wv, err := ledger.NewCosignatureVerifier(wkey)
	if err != nil {
		t.Fatal(err)
	}
	cosigned := func(tb testing.TB, body []byte, answer string) {
		tb.Helper()
		r, err := ledger.ParseAddCheckpoint(body)
		if err != nil {
			tb.Fatal(err)
		}
		msg, err := ledger.AddSignatures(r.Checkpoint, []byte(answer))
		if err != nil {
			tb.Fatalf("the answer %q is not signature lines: %v", answer, err)
		}
		if _, err := note.Open(msg, note.VerifierList(wv)); err != nil {
			tb.Fatalf("the witness's cosignature does not verify: %v", err)
		}
	}

	log := &memLog{}
	log.grow(t, 10, "a")
	// The first checkpoint is taken on trust, from old size 0.
	body := log.request(t, k, 0, 10)
	if code, _, ans := post(body); code != 200 {
		t.Fatalf("first checkpoint: %d %s", code, ans)
	} else {
		cosigned(t, body, ans)
	}
	log.grow(t, 7, "a")
	body = log.request(t, k, 10, 17)
	if code, _, ans := post(body); code != 200 {
		t.Fatalf("consistent growth: %d %s", code, ans)
	} else {
		cosigned(t, body, ans)
	}
	// The same tree again is cosigned again (a fresh time), from its own size.
	if code, _, ans := post(log.request(t, k, 17, 17)); code != 200 {
		t.Fatalf("the same tree again: %d %s", code, ans)
	}
	good := state()

	fork := &memLog{}
	fork.grow(t, 20, "b") // another history, signed by the log's own key: a thief's rewrite
	other := newKey(t, "log.test/one")
	smaller := log.clone()
	bad := []struct {
		name     string
		body     []byte
		status   int
		evidence bool
		size     string // the body of a 409
	}{
		{"malformed", []byte("old 17\nnot base64\n\nx"), 400, false, ""},
		{"no blank line", []byte("old 17\n"), 400, false, ""},
		{"non-canonical old size", []byte("old 017\n\n" + string(log.request(t, k, 0, 17)[len("old 0\n\n"):])), 400, false, ""},
		{"unknown log", (&memLog{}).request(t, newKey(t, "log.test/unknown"), 0, 0), 404, false, ""},
		{"signed by another key of the same name", log.request(t, other, 17, 17), 403, false, ""},
		{"stale old size", log.request(t, k, 10, 17), 409, false, "17\n"},
		{"old size larger than the checkpoint", log.request(t, k, 17, 10)[0:0], 400, false, ""},
		{"a fork, proved from the size cosigned", fork.request(t, k, 17, 20), 422, true, ""},
		{"a fork at the size cosigned", fork.request(t, k, 17, 17), 409, true, "17\n"},
		{"a smaller tree: a rollback", smaller.request(t, k, 17, 12), 400, true, ""},
	}
	// "old size larger" from another size than the one cosigned: not evidence, a bad request.
	bad[6].body = ledger.FormatAddCheckpoint(&ledger.AddCheckpointRequest{Old: 16, Checkpoint: must(k.SignCheckpoint(12, log.root(t, 12)))})
	refusals := 0
	for _, c := range bad {
		code, ctype, ans := post(c.body)
		if code != c.status {
			t.Errorf("%s: answered %d %q, want %d", c.name, code, ans, c.status)
		}
		if c.size != "" && (ans != c.size || ctype != "text/x.tlog.size") {
			t.Errorf("%s: 409 body %q (%s), want %q as text/x.tlog.size", c.name, ans, ctype, c.size)
		}
		if c.evidence {
			refusals++
		}
		want := strings.Replace(good, "refusals 0", fmt.Sprintf("refusals %d", refusals), 1)
		if got := state(); got != want {
			t.Errorf("%s: the witness's state is %s, want %s", c.name, got, want)
		}
	}
	rs, err := db.WitnessRefusals(ctx, k.Origin())
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 3 || rs[0].Request != string(bad[7].body) || rs[0].Known != 17 || !strings.Contains(rs[0].Reason, "fork") ||
		!strings.Contains(rs[2].Reason, "rollback") {
		t.Errorf("refusals kept: %+v", rs)
	}
	// The honest log goes on.
	log.grow(t, 1, "a")
	if code, _, ans := post(log.request(t, k, 17, 18)); code != 200 {
		t.Errorf("after the refusals, the honest log's next checkpoint: %d %s", code, ans)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestWitness_Race: requests that race from the same old size are cosigned once; the others
// are told the new size, so the tree cannot be rolled back between check and write.
func TestWitness_Race(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	w, _ := newWitness(t, db, "w")
	k := newKey(t, "log")
	if _, err := db.AddWitnessedLog(ctx, k.Origin(), k.Verifier); err != nil {
		t.Fatal(err)
	}
	log := &memLog{}
	log.grow(t, 40, "a")
	if _, err := w.AddCheckpoint(ctx, log.request(t, k, 0, 20)); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok := 0
	for n := int64(21); n <= 40; n++ {
		body := log.request(t, k, 20, n)
		wg.Go(func() {
			_, err := w.AddCheckpoint(ctx, body)
			mu.Lock()
			defer mu.Unlock()
			if err == nil {
				ok++
			} else if we, isWE := err.(*ledger.WitnessError); !isWE || we.Status != 409 {
				t.Errorf("a racing request: %v, want 200 or 409", err)
			}
		})
	}
	wg.Wait()
	if ok != 1 {
		t.Errorf("%d racing requests from size 20 were cosigned, want 1", ok)
	}
}

// TestWitnessClient: a log's client gets cosignatures from two witnesses over HTTP, on real
// stores on both sides, catches up with a witness that knows another size, and adds the
// cosignatures to the stored checkpoint, which then meets a quorum of two.
func TestWitnessClient(t *testing.T) {
	ctx := context.Background()
	logDB := openStore(t)
	k := newKey(t, "log.test/docket")
	op := docket.Operator("t")
	for range 5 {
		if err := logDB.CreateEntity(ctx, op, &docket.Entity{Schema: "Person"}, nil); err != nil {
			t.Fatal(err)
		}
	}
	var keys []string
	for _, name := range []string{"w1", "w2"} {
		wdb := openStore(t)
		w, vkey := newWitness(t, wdb, name)
		srv := httptest.NewServer(http.StripPrefix("/witness", w))
		defer srv.Close()
		if _, err := wdb.AddWitnessedLog(ctx, k.Origin(), k.Verifier); err != nil {
			t.Fatal(err)
		}
		if err := logDB.AddCosigner(ctx, &docket.Cosigner{Name: name, Verifier: vkey, URL: srv.URL + "/witness"}); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, vkey)
	}
	c := &ledger.WitnessClient{Store: logDB}
	cp, err := logDB.Checkpoint(ctx, k)
	if err != nil {
		t.Fatal(err)
	}
	if names, err := c.Cosign(ctx, cp); err != nil || len(names) != 2 {
		t.Fatalf("Cosign = %v, %v", names, err)
	}
	// The log forgets what w2 cosigned (a store restored from a backup): w2 says its size and
	// the client proves consistency from there.
	cs, _ := logDB.Cosigners(ctx)
	if err := logDB.RemoveCosigner(ctx, "w2"); err != nil {
		t.Fatal(err)
	}
	if err := logDB.AddCosigner(ctx, &docket.Cosigner{Name: "w2", Verifier: keys[1], URL: cs[1].URL}); err != nil {
		t.Fatal(err)
	}
	if err := logDB.CreateEntity(ctx, op, &docket.Entity{Schema: "Person"}, nil); err != nil {
		t.Fatal(err)
	}
	cp, err = logDB.Checkpoint(ctx, k)
	if err != nil {
		t.Fatal(err)
	}
	if names, err := c.Cosign(ctx, cp); err != nil || len(names) != 2 {
		t.Fatalf("Cosign after growth = %v, %v", names, err)
	}
	latest, err := logDB.LatestCheckpoint(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ledger.OpenCosigned([]byte(latest.Note), k.Verifier, keys, 2); err != nil {
		t.Fatalf("the stored checkpoint does not carry both cosignatures: %v\n%s", err, latest.Note)
	}
	// Asked again, nobody is contacted: both cosigned this checkpoint.
	if names, err := c.Cosign(ctx, latest); err != nil || len(names) != 0 {
		t.Errorf("Cosign of a cosigned checkpoint = %v, %v; want nobody asked", names, err)
	}
}
