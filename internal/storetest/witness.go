package storetest

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/ledger"
)

// testWitness: what witnessing keeps, on every backend. A witnessed log's size moves only
// from the size a caller read, once however many race; refused requests and the witnesses a
// log asks are kept; a cosignature is added to its checkpoint's note, which still verifies,
// and replaces the same witness's older one; none of it is in the export.
func testWitness(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(11))
	ws, ok := st.(docket.WitnessService)
	if !ok {
		t.Fatalf("%T does not keep witnessing (docket.WitnessService)", st)
	}
	script(t, st)
	export := ExportString(t, st, admin, false)

	if _, err := ws.FindWitnessedLog(ctx, "peer"); docket.ErrorCode(err) != docket.ENOTFOUND {
		t.Fatalf("FindWitnessedLog(unknown) = %v, want ENOTFOUND", err)
	}
	if _, err := ws.AddWitnessedLog(ctx, "peer", "peer+00000000+AAAA"); err != nil {
		t.Fatal(err)
	}
	if _, err := ws.AddWitnessedLog(ctx, "peer", "peer+00000000+AAAA"); docket.ErrorCode(err) != docket.ECONFLICT {
		t.Fatalf("AddWitnessedLog twice = %v, want ECONFLICT", err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	won := 0
	for i := range 8 {
		wg.Go(func() {
			err := ws.AdvanceWitnessedLog(ctx, "peer", 0, int64(10+i), [32]byte{byte(i)})
			mu.Lock()
			defer mu.Unlock()
			var c *docket.WitnessConflict
			switch {
			case err == nil:
				won++
			case docket.ErrorCode(err) == docket.EUNAVAILABLE: // the store was busy: not moved
			case !errors.As(err, &c) || c.Size < 10:
				t.Errorf("a racing AdvanceWitnessedLog from 0: %v, want a conflict with the size won", err)
			}
		})
	}
	wg.Wait()
	l, err := ws.FindWitnessedLog(ctx, "peer")
	if err != nil {
		t.Fatal(err)
	}
	if won != 1 || l.Size < 10 || l.Root[0] != byte(l.Size-10) || l.Cosigned.IsZero() {
		t.Fatalf("after 8 racing advances from 0: %d won, log %+v", won, l)
	}
	if err := ws.AdvanceWitnessedLog(ctx, "peer", l.Size, l.Size-1, [32]byte{}); docket.ErrorCode(err) != docket.EINVALID {
		t.Errorf("AdvanceWitnessedLog to a smaller tree = %v, want EINVALID", err)
	}
	if err := ws.AdvanceWitnessedLog(ctx, "nobody", 0, 1, [32]byte{}); docket.ErrorCode(err) != docket.ENOTFOUND {
		t.Errorf("AdvanceWitnessedLog of an unknown log = %v, want ENOTFOUND", err)
	}
	for i := range 2 {
		r := &docket.WitnessRefusal{Origin: "peer", Known: l.Size, Reason: fmt.Sprintf("reason %d", i), Request: "old 1\n\npeer\n"}
		if err := ws.AddWitnessRefusal(ctx, r); err != nil || r.ID != int64(i+1) {
			t.Fatalf("AddWitnessRefusal = %v, id %d", err, r.ID)
		}
	}
	if rs, err := ws.WitnessRefusals(ctx, "peer"); err != nil || len(rs) != 2 || rs[1].Reason != "reason 1" || rs[0].Request != "old 1\n\npeer\n" || rs[0].At.IsZero() {
		t.Fatalf("WitnessRefusals = %+v, %v", rs, err)
	}
	if rs, _ := ws.WitnessRefusals(ctx, "other"); len(rs) != 0 {
		t.Errorf("refusals of another log: %d", len(rs))
	}

	// As a log: the witnesses asked, and their cosignatures on the stored checkpoint.
	key := TestKey(t)
	cp, err := st.Checkpoint(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	_, wkey, _ := ledger.GenerateWitnessKey("w1")
	if err := ws.AddCosigner(ctx, &docket.Cosigner{Name: "w1", Verifier: wkey, URL: "http://127.0.0.1:1/witness"}); err != nil {
		t.Fatal(err)
	}
	if err := ws.AddCosigner(ctx, &docket.Cosigner{Name: "w1", Verifier: wkey, URL: "x"}); docket.ErrorCode(err) != docket.ECONFLICT {
		t.Errorf("AddCosigner twice = %v, want ECONFLICT", err)
	}
	line := "— w1 AAAAAQAAAAAAAAAB" + strings.Repeat("A", 84) + "\n"
	if err := ws.AddCosignature(ctx, "w1", cp.Size+1, []byte(line)); docket.ErrorCode(err) != docket.ENOTFOUND {
		t.Errorf("AddCosignature to no checkpoint = %v, want ENOTFOUND", err)
	}
	for range 2 { // the second replaces the first
		if err := ws.AddCosignature(ctx, "w1", cp.Size, []byte(line)); err != nil {
			t.Fatal(err)
		}
	}
	latest, err := st.LatestCheckpoint(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if latest.Note != cp.Note+line {
		t.Errorf("the checkpoint's note after a cosignature:\n%s\nwant\n%s", latest.Note, cp.Note+line)
	}
	if _, _, err := ledger.OpenCheckpoint([]byte(latest.Note), key.Verifier); err != nil {
		t.Errorf("the cosigned checkpoint no longer verifies with the log's key: %v", err)
	}
	if cs, err := ws.Cosigners(ctx); err != nil || len(cs) != 1 || cs[0].Size != cp.Size || cs[0].URL != "http://127.0.0.1:1/witness" {
		t.Errorf("Cosigners = %+v, %v", cs, err)
	}
	if err := ws.RemoveCosigner(ctx, "w1"); err != nil {
		t.Fatal(err)
	}
	if err := ws.RemoveCosigner(ctx, "w1"); docket.ErrorCode(err) != docket.ENOTFOUND {
		t.Errorf("RemoveCosigner twice = %v, want ENOTFOUND", err)
	}

	// The log's name is recorded once.
	if o, err := ws.LedgerOrigin(ctx); err != nil || o != "" {
		t.Fatalf("LedgerOrigin of a new store = %q, %v", o, err)
	}
	for _, o := range []string{"docket-test", "docket-other"} {
		if err := ws.SetLedgerOrigin(ctx, o, key.Verifier); err != nil {
			t.Fatal(err)
		}
	}
	if o, _ := ws.LedgerOrigin(ctx); o != "docket-test" {
		t.Errorf("LedgerOrigin = %q, want the first recorded", o)
	}
	if got := ExportString(t, st, admin, false); got != export {
		t.Error("witnessing changed the export")
	}
	problems, err := st.Verify(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		if !p.Warning {
			t.Errorf("verify after witnessing: %s: %s", p.What, p.Why)
		}
	}
}
