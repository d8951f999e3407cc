package http_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/demo"
	"github.com/docketorg/docket/internal/storetest"
	"github.com/docketorg/docket/ledger"
	"golang.org/x/mod/sumdb/tlog"
)

func getJSON(tb testing.TB, url string, v any) int {
	tb.Helper()
	resp, err := http.Get(url)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(b, v); err != nil {
		tb.Fatalf("GET %s: %v in %s", url, err, b)
	}
	return resp.StatusCode
}

func decodeHashes(tb testing.TB, ss []string) []tlog.Hash {
	var out []tlog.Hash
	for _, s := range ss {
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil || len(b) != 32 {
			tb.Fatalf("bad hash %q", s)
		}
		var h tlog.Hash
		copy(h[:], b)
		out = append(out, h)
	}
	return out
}

// TestLedgerAPI checks proofs as an outside verifier would: with the public key and tlog only.
func TestLedgerAPI(t *testing.T) {
	db, s := MustOpenServer(t)
	ctx := context.Background()
	if err := demo.Load(ctx, db, docket.Operator("t")); err != nil {
		t.Fatal(err)
	}
	key := storetest.TestKey(t)
	if _, err := db.Checkpoint(ctx, key); err != nil { // as serve does on its schedule
		t.Fatal(err)
	}
	var cp struct {
		Size     int64  `json:"size"`
		Note     string `json:"note"`
		Verifier string `json:"verifier"`
	}
	if code := getJSON(t, s.URL()+"/api/v1/ledger/checkpoint", &cp); code != 200 {
		t.Fatalf("checkpoint: %d", code)
	}
	_, tree, err := ledger.OpenCheckpoint([]byte(cp.Note), cp.Verifier)
	if err != nil || tree.N != cp.Size || tree.N == 0 {
		t.Fatalf("checkpoint does not verify: %v", err)
	}
	for _, seq := range []int64{1, tree.N / 2, tree.N} {
		var inc struct {
			Index int64    `json:"index"`
			Size  int64    `json:"tree_size"`
			Leaf  string   `json:"leaf"`
			Proof []string `json:"proof"`
		}
		if code := getJSON(t, fmt.Sprintf("%s/api/v1/ledger/proof/%d", s.URL(), seq), &inc); code != 200 {
			t.Fatalf("proof of %d: %d", seq, code)
		}
		leaf, err := ledger.ParseLeaf([]byte(inc.Leaf))
		if err != nil || leaf.Seq != seq {
			t.Fatalf("leaf %q: %v", inc.Leaf, err)
		}
		if err := tlog.CheckRecord(decodeHashes(t, inc.Proof), tree.N, tree.Hash, inc.Index, leaf.Hash()); err != nil {
			t.Fatalf("proof of change %d does not check against the signed checkpoint: %v", seq, err)
		}
	}
	// A confidential change has no public proof.
	e := &docket.Entity{Schema: "Person", Sensitivity: docket.Confidential}
	if err := db.CreateEntity(ctx, docket.Operator("t"), e, nil); err != nil {
		t.Fatal(err)
	}
	chs, _ := db.FindChanges(ctx, docket.Operator("t"), docket.ChangeFilter{Entity: &e.ID})
	var out map[string]any
	if code := getJSON(t, fmt.Sprintf("%s/api/v1/ledger/proof/%d?size=%d", s.URL(), chs[0].Seq, chs[0].Seq), &out); code != 404 {
		t.Fatalf("anonymous proof of a confidential change: %d, want 404", code)
	}
	// A request does not sign: the checkpoint served is the one signed last, whatever was
	// written since.
	var cp2 struct {
		Size int64 `json:"size"`
	}
	getJSON(t, s.URL()+"/api/v1/ledger/checkpoint", &cp2)
	if cp2.Size != tree.N {
		t.Fatalf("a request for the checkpoint signed one: size %d, the last signed was %d", cp2.Size, tree.N)
	}
	if _, err := db.Checkpoint(ctx, key); err != nil {
		t.Fatal(err)
	}
	getJSON(t, s.URL()+"/api/v1/ledger/checkpoint", &cp2)
	if cp2.Size <= tree.N {
		t.Fatalf("after signing, the checkpoint served has size %d, want more than %d", cp2.Size, tree.N)
	}
	var cons struct {
		Proof []string `json:"proof"`
	}
	if code := getJSON(t, fmt.Sprintf("%s/api/v1/ledger/consistency?old=%d&new=%d", s.URL(), tree.N, cp2.Size), &cons); code != 200 {
		t.Fatalf("consistency: %d", code)
	}
	latest, _ := db.LatestCheckpoint(ctx)
	if err := tlog.CheckTree(decodeHashes(t, cons.Proof), cp2.Size, latest.Root, tree.N, tree.Hash); err != nil {
		t.Fatalf("consistency proof does not check: %v", err)
	}
}
