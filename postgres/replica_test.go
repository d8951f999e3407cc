package postgres_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/pgtest"
	"github.com/docketorg/docket/internal/storetest"
	"github.com/docketorg/docket/postgres"
)

type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestReplicas runs a store on a real primary with a real streaming standby made by
// pg_basebackup: reads go to the standby; a write is seen by the next read even while the
// standby has not replayed it (the read waits, then asks the primary); a standby that goes
// away is skipped, and the log says so; URLs that are no standby of this store are refused.
func TestReplicas(t *testing.T) {
	primary, standby := pgtest.PrimaryAndStandby(t)
	admin := pgtest.MustOpen(t, primary.URL("public"))
	if _, err := admin.Exec(`CREATE SCHEMA docket`); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var logs logBuffer
	db := postgres.NewDB(primary.URL("docket"))
	db.Replicas = []string{standby.URL("docket")}
	// No watch in this test: the reads themselves find what the replica has replayed, and
	// that it went away.
	db.ReplicaWait, db.ReplicaCheck = 300*time.Millisecond, time.Hour
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Logger = slog.New(slog.NewTextHandler(&logs, nil))

	src := storetest.MustSource(t, db, "https://example.org/replicated")
	for range 5 {
		if _, err := db.FindSourceByID(ctx, docket.Operator("admin"), src.ID); err != nil {
			t.Fatalf("a source just written, read back: %v", err)
		}
	}
	if st := db.ReplicaStatuses(ctx); len(st) != 1 || st[0].Reads == 0 || !st[0].Up {
		t.Fatalf("replica statuses %+v: want the reads sent to the standby", st)
	}

	t.Run("ReadYourWrites", func(t *testing.T) {
		// The standby stops replaying: it has not the next write, and the read that follows
		// must not be answered from it.
		sb := pgtest.MustOpen(t, standby.URL("docket"))
		if _, err := sb.Exec(`SELECT pg_wal_replay_pause()`); err != nil {
			t.Fatal(err)
		}
		defer sb.Exec(`SELECT pg_wal_replay_resume()`)
		before := db.ReplicaStatuses(ctx)[0].Reads
		late := storetest.MustSource(t, db, "https://example.org/not-replayed")
		if _, err := db.FindSourceByID(ctx, docket.Operator("admin"), late.ID); err != nil {
			t.Fatalf("a write not yet replayed by the standby, read back: %v", err)
		}
		if after := db.ReplicaStatuses(ctx)[0].Reads; after != before {
			t.Fatalf("the read after the write went to the standby that had not replayed it (%d reads, were %d)", after, before)
		}
	})

	t.Run("NotAStandby", func(t *testing.T) {
		for url, want := range map[string]string{
			primary.URL("docket"): "is not a standby",
			pgtest.DSN(t):         "is not a standby",
			standby.URL("nosuch"): "does not hold this store",
		} {
			bad := postgres.NewDB(primary.URL("docket"))
			bad.Replicas = []string{url}
			err := bad.Open()
			if err == nil {
				bad.Close()
			}
			if err == nil || !strings.Contains(err.Error(), want) || docket.ErrorCode(err) != docket.EINVALID {
				t.Errorf("replica %s: %v, want %q", url, err, want)
			}
		}
	})
	t.Run("FallsBehind", func(t *testing.T) {
		// A second server on the same store, whose watch asks often and allows no lag.
		var logs2 logBuffer
		db2 := postgres.NewDB(primary.URL("docket"))
		db2.Replicas = []string{standby.URL("docket")}
		db2.ReplicaCheck, db2.ReplicaMaxLag = 20*time.Millisecond, 1
		if err := db2.Open(); err != nil {
			t.Fatal(err)
		}
		defer db2.Close()
		db2.Logger = slog.New(slog.NewTextHandler(&logs2, nil))
		sb := pgtest.MustOpen(t, standby.URL("docket"))
		if _, err := sb.Exec(`SELECT pg_wal_replay_pause()`); err != nil {
			t.Fatal(err)
		}
		storetest.MustSource(t, db, "https://example.org/while-paused")
		wait := func(what string, ok func() bool) {
			t.Helper()
			for deadline := time.Now().Add(10 * time.Second); !ok(); time.Sleep(20 * time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatalf("%s: statuses %+v, log:\n%s", what, db2.ReplicaStatuses(ctx), logs2.String())
				}
				db2.FindSourceByID(ctx, docket.Operator("admin"), src.ID) // the watch starts with a read
			}
		}
		wait("a paused standby is not skipped as behind", func() bool {
			return db2.ReplicaStatuses(ctx)[0].Behind && strings.Contains(logs2.String(), "replica behind the primary")
		})
		before := db2.ReplicaStatuses(ctx)[0].Reads
		for range 5 {
			if _, err := db2.FindSourceByID(ctx, docket.Operator("admin"), src.ID); err != nil {
				t.Fatal(err)
			}
		}
		if after := db2.ReplicaStatuses(ctx)[0].Reads; after != before {
			t.Fatalf("reads went to a standby behind the primary: %d, were %d", after, before)
		}
		if _, err := sb.Exec(`SELECT pg_wal_replay_resume()`); err != nil {
			t.Fatal(err)
		}
		wait("a standby that caught up is still skipped", func() bool {
			return !db2.ReplicaStatuses(ctx)[0].Behind && strings.Contains(logs2.String(), "replica caught up")
		})
	})

	t.Run("StandbyGoesAway", func(t *testing.T) {
		// The standby, replaying again, answers reads once more: it has what was written.
		for n, deadline := db.ReplicaStatuses(ctx)[0].Reads, time.Now().Add(10*time.Second); db.ReplicaStatuses(ctx)[0].Reads == n; {
			if time.Now().After(deadline) {
				t.Fatal("the standby answers no read after replaying again")
			}
			if _, err := db.FindSourceByID(ctx, docket.Operator("admin"), src.ID); err != nil {
				t.Fatal(err)
			}
		}
		if err := standby.Stop(); err != nil {
			t.Fatal(err)
		}
		for i := range 20 {
			if _, err := db.FindSourceByID(ctx, docket.Operator("admin"), src.ID); err != nil {
				t.Fatalf("read %d with the standby gone: %v", i, err)
			}
			time.Sleep(20 * time.Millisecond)
		}
		if !strings.Contains(logs.String(), "replica unreachable") {
			t.Fatalf("no word in the log of the standby that went away:\n%s", logs.String())
		}
		if st := db.ReplicaStatuses(ctx); st[0].Up {
			t.Fatalf("a stopped standby is up: %+v", st)
		}
	})
}
