package http_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/docketorg/docket"
	dockethttp "github.com/docketorg/docket/http"
	"github.com/docketorg/docket/internal/storetest"
	"github.com/docketorg/docket/ledger"
)

func post(tb testing.TB, url, body string, cookie *http.Cookie) (int, string) {
	tb.Helper()
	req, _ := http.NewRequest("POST", url, strings.NewReader(body))
	if cookie != nil {
		req.AddCookie(cookie)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// TestCheckpointNote_Witness: /checkpoint serves the latest signed checkpoint as text, signed
// by no request; add-checkpoint is answered only by a witness, to anyone alike, and never
// needs a form's CSRF token (a page elsewhere cannot forge the log's signature).
func TestCheckpointNote_Witness(t *testing.T) {
	db, s := MustOpenDemoServer(t)
	ctx := context.Background()
	latest, err := db.Checkpoint(ctx, storetest.TestKey(t)) // as serve does on its schedule
	if err != nil {
		t.Fatal(err)
	}
	res, err := http.Get(s.URL() + "/checkpoint")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || string(b) != latest.Note || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("/checkpoint: %d %s %q, want the latest note", res.StatusCode, res.Header.Get("Content-Type"), b)
	}
	if _, _, err := ledger.OpenCheckpoint(b, s.Verifier); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateEntity(ctx, docket.Operator("t"), &docket.Entity{Schema: "Person"}, nil); err != nil {
		t.Fatal(err)
	}
	if again, _ := db.LatestCheckpoint(ctx); again.Size != latest.Size {
		t.Fatal("the store signed by itself")
	}
	res, _ = http.Get(s.URL() + "/checkpoint")
	b, _ = io.ReadAll(res.Body)
	res.Body.Close()
	if string(b) != latest.Note {
		t.Error("a request for /checkpoint signed a new checkpoint")
	}

	// Not a witness: 404, whatever is sent.
	key := storetest.TestKey(t)
	cp, _ := key.SignCheckpoint(latest.Size, latest.Root)
	body := string(ledger.FormatAddCheckpoint(&ledger.AddCheckpointRequest{Old: 0, Checkpoint: cp}))
	if code, _ := post(t, s.URL()+dockethttp.WitnessPath, body, nil); code != 404 {
		t.Errorf("add-checkpoint to a server that is not a witness: %d, want 404", code)
	}
	// A witness of this very log (its own key, for the test): anonymous, no CSRF token, and a
	// session cookie changes nothing.
	skey, wkey, _ := ledger.GenerateWitnessKey("w.test")
	signer, _ := ledger.ParseWitnessKey(skey)
	ws := dockethttp.NewServer(db)
	ws.Addr, ws.Witness = "127.0.0.1:0", &ledger.Witness{Store: db, Signer: signer}
	if err := ws.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	s = ws
	if code, ans := post(t, s.URL()+dockethttp.WitnessPath, body, nil); code != 404 || !strings.Contains(ans, "does not witness") {
		t.Errorf("add-checkpoint of a log not added: %d %s, want 404", code, ans)
	}
	if _, err := db.AddWitnessedLog(ctx, key.Origin(), key.Verifier); err != nil {
		t.Fatal(err)
	}
	code, ans := post(t, s.URL()+dockethttp.WitnessPath, body, &http.Cookie{Name: "docket_session", Value: "forged"})
	if code != 200 {
		t.Fatalf("add-checkpoint: %d %s", code, ans)
	}
	msg, _ := ledger.AddSignatures(cp, []byte(ans))
	if _, err := ledger.OpenCosigned(msg, key.Verifier, []string{wkey}, 1); err != nil {
		t.Errorf("the answer is not a cosignature: %v\n%s", err, ans)
	}
	if code, ans := post(t, s.URL()+dockethttp.WitnessPath, body, nil); code != 409 || ans != fmt.Sprintf("%d\n", latest.Size) {
		t.Errorf("add-checkpoint from a stale size: %d %q, want 409 and the size cosigned", code, ans)
	}
}
