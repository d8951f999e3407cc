package postgres_test

import (
	"context"
	"fmt"
	"io"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/pgtest"
	"github.com/docketorg/docket/internal/sqlstore"
	"github.com/docketorg/docket/internal/storetest"
	"github.com/docketorg/docket/postgres"
	"github.com/docketorg/docket/sqlite"
)

// MustOpenDB opens a fresh store in a schema of its own on the test server.
func MustOpenDB(tb testing.TB, now func() time.Time, rand io.Reader) *postgres.DB {
	tb.Helper()
	db := postgres.NewDB(pgtest.Schema(tb))
	db.Now, db.Rand, db.DataKey = now, rand, storetest.DataKey()
	// Batches of a thousand, as on SQLite: the suite's imports span several.
	db.ImportBatch = 1000
	if err := db.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() }) // before the schema is dropped: cleanups run last first
	return db
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(tb testing.TB, now func() time.Time, rand io.Reader) docket.Store {
		return MustOpenDB(tb, now, rand)
	})
}

// TestTamper runs the conformance suite's alterations of a store behind its back on
// PostgreSQL, through the store's writer pool, as someone holding the database would.
func TestTamper(t *testing.T) {
	storetest.Tamper(t, func(tb testing.TB, now func() time.Time, rand io.Reader) (docket.Store, func(string) error, bool) {
		db := MustOpenDB(tb, now, rand)
		return db, func(q string) error { _, err := db.W.Exec(q); return err }, false
	})
}

// Verify's scratch tables hide the store's tables, and its transaction is read-only once they
// are made.
func TestScratch_ReadOnly(t *testing.T) {
	db := MustOpenDB(t, storetest.NewClock().Now, storetest.Rand(1))
	storetest.ScratchReadOnly(t, db, func(ctx context.Context) (*sqlstore.Tx, error) {
		return sqlstore.New(db.Scratch, db.W, db.Dialect).BeginTx(ctx, false)
	}, db.Dialect, "read-only")
}

// TestMigrations holds the two backends to the same migrations: a store is at the same
// version on either, and docket copy moves it between them.
func TestMigrations(t *testing.T) {
	pg, lite := postgres.Migrations(), sqlite.Migrations()
	if len(pg) == 0 || !slices.Equal(pg, lite) {
		t.Fatalf("postgres migrations %v, sqlite migrations %v: want the same names", pg, lite)
	}
}

func TestOpen_NoMigrate(t *testing.T) {
	url := pgtest.Schema(t)
	db := postgres.NewDB(url)
	db.NoMigrate = true
	if err := db.Open(); docket.ErrorCode(err) != docket.ECONFLICT {
		t.Fatalf("Open with NoMigrate on an empty schema: %v, want a conflict asking for docket migrate", err)
	}
	db = postgres.NewDB(url)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db = postgres.NewDB(url)
	db.NoMigrate = true
	if err := db.Open(); err != nil {
		t.Fatalf("Open with NoMigrate on a migrated store: %v", err)
	}
	defer db.Close()
	pending, err := db.Pending(context.Background())
	if err != nil || len(pending) != 0 {
		t.Fatalf("Pending = %v, %v", pending, err)
	}
}

// TestOpen_Concurrent opens one empty store from many processes at once, as servers started
// together do: the advisory lock lets each migration run once.
func TestOpen_Concurrent(t *testing.T) {
	url := pgtest.Schema(t)
	const n = 6
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db := postgres.NewDB(url)
			err := db.Open()
			if err == nil {
				err = db.Close()
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("concurrent Open: %v", err)
		}
	}
	var applied int
	if err := pgtest.MustOpen(t, url).QueryRow(`SELECT COUNT(*) FROM migrations`).Scan(&applied); err != nil {
		t.Fatal(err)
	}
	if applied != len(postgres.Migrations()) {
		t.Fatalf("%d migrations recorded, want %d", applied, len(postgres.Migrations()))
	}
}

// TestWrites_CommitOrder runs writers side by side while a reader watches the change log:
// whenever it sees change N, it sees every change before it, and failed writes leave no gap.
func TestWrites_CommitOrder(t *testing.T) {
	db := MustOpenDB(t, time.Now, storetest.Rand(1))
	ctx := context.Background()
	admin := docket.Operator("admin")
	src := storetest.MustSource(t, db, "https://example.org/a")
	const writers, each = 4, 15
	done := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, writers*each+1)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				name := fmt.Sprintf("Writer %d Person %d", w, i)
				if err := db.CreateEntity(ctx, admin, &docket.Entity{Schema: "Person"},
					[]*docket.Statement{{Property: "name", Value: name, Source: src.ID, Sensitivity: docket.Public}}); err != nil {
					errs <- err
				}
				// A write that fails after appending a change rolls it back.
				if err := db.CreateEntity(ctx, admin, &docket.Entity{Schema: "Person"},
					[]*docket.Statement{{Property: "birthDate", Value: "2019-02-30"}}); docket.ErrorCode(err) != docket.EINVALID {
					errs <- fmt.Errorf("bad write: %v, want invalid", err)
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(done)
	}()
	check := func() {
		var n, maxSeq int64
		// Statements whose rows hold their records have none in changes (see sqlstore/log.go).
		if err := db.R.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM (SELECT seq FROM changes UNION SELECT seq FROM statements) l`).Scan(&n, &maxSeq); err != nil {
			errs <- err
		} else if n != maxSeq {
			errs <- fmt.Errorf("a reader sees %d changes up to seq %d: a gap, or a later change committed before an earlier one", n, maxSeq)
		}
	}
	for running := true; running; {
		select {
		case <-done:
			running = false
		default:
			check()
		}
	}
	check()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	// One source and two changes (entity, statement) per good write.
	if n := len(mustChanges(t, db)); n != 1+2*writers*each {
		t.Fatalf("%d changes, want %d", n, 1+2*writers*each)
	}
}

func mustChanges(tb testing.TB, db docket.Store) []*docket.Change {
	tb.Helper()
	cs, err := db.FindChanges(context.Background(), docket.Operator("admin"), docket.ChangeFilter{})
	if err != nil {
		tb.Fatal(err)
	}
	for i, c := range cs {
		if c.Seq != int64(i+1) {
			tb.Fatalf("change %d has seq %d: seqs must run 1, 2, 3...", i+1, c.Seq)
		}
	}
	return cs
}

// TestSearch_HostileQueries sends text-search operators and quotes through search: they are
// words or nothing, never syntax.
func TestSearch_HostileQueries(t *testing.T) {
	db := MustOpenDB(t, storetest.NewClock().Now, storetest.Rand(1))
	src := storetest.MustSource(t, db, "https://example.org/a")
	p := storetest.MustEntity(t, db, "Person", src, "name", `O'Brien & Sons | !Ltd <-> x:* \ (y)`)
	for _, q := range []string{`O'Brien`, `"o'brien & sons"`, `sons | !ltd`, `x:*`, `\`, `'); DROP TABLE changes; --`, `"x:* \ (y)"`, `obrien:*`, `"'"  sons`} {
		hits, err := db.Search(context.Background(), docket.AnonymousViewer, docket.SearchQuery{Q: q})
		if err != nil && docket.ErrorCode(err) != docket.EINVALID {
			t.Fatalf("Search(%q): %v", q, err)
		}
		if err == nil && q != `\` && q != `'); DROP TABLE changes; --` && (len(hits) != 1 || hits[0].Entity.ID != p.ID) {
			t.Errorf("Search(%q) = %d hits, want the entity", q, len(hits))
		}
	}
	mustChanges(t, db)
}

// TestWrite_WhileAnotherWrites: while another writer holds the writers' lock, as an import does
// for its whole length, a write waits WriteWait and is refused as busy.
func TestWrite_WhileAnotherWrites(t *testing.T) {
	url := pgtest.Schema(t)
	db := postgres.NewDB(url)
	db.WriteWait = 200 * time.Millisecond
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	other := postgres.NewDB(url)
	if err := other.Open(); err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	ctx := context.Background()
	op := docket.Operator("t")
	// The other store's import holds the lock until its input ends.
	release := make(chan struct{})
	importing := make(chan error, 1)
	started := make(chan struct{})
	go func() {
		first := true
		_, err := other.Import(ctx, op, func() (*docket.Record, error) {
			if first {
				first = false
				close(started)
				<-release
			}
			return nil, nil
		}, nil)
		importing <- err
	}()
	<-started
	time.Sleep(100 * time.Millisecond) // the import's transaction has its lock
	err := db.CreateEntity(ctx, op, &docket.Entity{Schema: "Person"}, nil)
	close(release)
	if docket.ErrorCode(err) != docket.EUNAVAILABLE {
		t.Fatalf("a write during an import: %v, want %s", err, docket.EUNAVAILABLE)
	}
	if err := <-importing; err != nil {
		t.Fatal(err)
	}
	if err := db.CreateEntity(ctx, op, &docket.Entity{Schema: "Person"}, nil); err != nil {
		t.Fatalf("a write after the import: %v", err)
	}
}

// TestSealedAtRest reads every table raw for a confidential source's words and archived page.
func TestSealedAtRest(t *testing.T) {
	clock := storetest.NewClock()
	db := MustOpenDB(t, clock.Now, storetest.Rand(1))
	words := storetest.SealedAtRest(t, db, clock.Now)
	for table, rows := range pgtest.ReadTables(t, db.URL) {
		if w := storetest.Holds([]byte(rows), words); w != "" {
			t.Errorf("table %s holds %q", table, w)
		}
	}
}

// TestNextJob_TwoServers: archive workers of two servers on one database claim jobs at once;
// each job is claimed once, every job is claimed, and a claim does not wait for a writer that
// holds the writers' lock (an import).
func TestNextJob_TwoServers(t *testing.T) {
	url := pgtest.Schema(t)
	ctx := context.Background()
	var dbs []*postgres.DB
	for range 2 {
		db := postgres.NewDB(url)
		if err := db.Open(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		dbs = append(dbs, db)
	}
	// Every source with a URL is queued when it is recorded.
	const jobs = 60
	for i := range jobs {
		storetest.MustSource(t, dbs[i%2], fmt.Sprintf("https://example.org/%d", i))
	}
	// A writer holds the writers' lock throughout: claims go on beside it.
	hold, err := dbs[0].BeginTx(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	defer hold.Rollback()

	now := time.Now().Add(time.Hour)
	var mu sync.Mutex
	claims := map[int64]int{}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				j, err := dbs[w%2].NextJob(ctx, now, "")
				if err != nil {
					errs <- err
					return
				}
				if j == nil {
					return
				}
				mu.Lock()
				claims[j.ID]++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	for id, n := range claims {
		if n != 1 {
			t.Errorf("job %d claimed %d times", id, n)
		}
	}
	if len(claims) != jobs {
		t.Errorf("%d jobs claimed, want %d", len(claims), jobs)
	}
}

// TestTamperSecurityLog alters the security log behind the store's back on PostgreSQL.
func TestTamperSecurityLog(t *testing.T) {
	storetest.TamperSecurityLog(t, func(tb testing.TB, now func() time.Time, rand io.Reader) (docket.Store, func(string) error, bool) {
		db := MustOpenDB(tb, now, rand)
		return db, func(q string) error { _, err := db.W.Exec(q); return err }, false
	})
}
