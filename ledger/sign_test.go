package ledger_test

import (
	"context"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/storetest"
	"github.com/docketorg/docket/ledger"
	"github.com/docketorg/docket/sqlite"
)

// TestSignEvery: the head is signed at start, when it has grown, and at shutdown.
func TestSignEvery(t *testing.T) {
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "docket.db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	op := docket.Operator("t")
	add := func() {
		if err := db.CreateEntity(context.Background(), op, &docket.Entity{Schema: "Person"}, nil); err != nil {
			t.Fatal(err)
		}
	}
	latest := func() int64 {
		cp, err := db.LatestCheckpoint(context.Background())
		if err != nil {
			return 0
		}
		return cp.Size
	}
	run := func(interval time.Duration) (stop func()) {
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() {
			ledger.SignEvery(ctx, db, storetest.TestKey(t), interval, slog.New(slog.DiscardHandler))
			close(done)
		}()
		return func() { cancel(); <-done }
	}
	waitFor := func(size int64) {
		t.Helper()
		for range 500 {
			if latest() == size {
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
		t.Fatalf("the latest checkpoint has size %d, want %d", latest(), size)
	}
	add()
	stop := run(time.Hour)
	waitFor(1) // at start
	add()
	time.Sleep(50 * time.Millisecond)
	if got := latest(); got != 1 {
		t.Fatalf("signed between ticks: size %d", got)
	}
	stop()
	if got := latest(); got != 2 {
		t.Fatalf("at shutdown the head was not signed: size %d, want 2", got)
	}
	stop = run(20 * time.Millisecond)
	add()
	waitFor(3) // grown: signed on the next tick
	stop()
}
