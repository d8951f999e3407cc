package sqlite_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/bits"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/sqlstore"
	"github.com/docketorg/docket/internal/storetest"
	"github.com/docketorg/docket/sqlite"
	"golang.org/x/mod/sumdb/tlog"
)

// MustOpenDB opens a fresh store in a temporary directory.
func MustOpenDB(tb testing.TB, now func() time.Time, rand io.Reader) *sqlite.DB {
	tb.Helper()
	db := sqlite.NewDB(filepath.Join(tb.TempDir(), "docket.db"))
	db.Now, db.Rand, db.DataKey = now, rand, storetest.DataKey()
	if err := db.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(tb testing.TB, now func() time.Time, rand io.Reader) docket.Store {
		return MustOpenDB(tb, now, rand)
	})
}

func TestOpen_NoMigrate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "docket.db")
	db := sqlite.NewDB(path)
	db.NoMigrate = true
	if err := db.Open(); docket.ErrorCode(err) != docket.ECONFLICT {
		t.Fatalf("Open with NoMigrate on an empty file: %v, want a conflict asking for docket migrate", err)
	}
	db = sqlite.NewDB(path)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db = sqlite.NewDB(path)
	db.NoMigrate = true
	if err := db.Open(); err != nil {
		t.Fatalf("Open with NoMigrate on a migrated store: %v", err)
	}
	pending, err := db.Pending(context.Background())
	if err != nil || len(pending) != 0 {
		t.Fatalf("Pending = %v, %v", pending, err)
	}
	db.Close()
}

// TestMigrate_LedgerTiles builds a store whose ledger is in the layout before tiles (a row a
// stored hash, a row a leaf), then opens it: the migration copies the stored hashes into tiles,
// so the old checkpoint still verifies, and a hash altered before the migration is still found.
func TestMigrate_LedgerTiles(t *testing.T) {
	ctx := context.Background()
	for _, tamper := range []bool{false, true} {
		path := filepath.Join(t.TempDir(), "docket.db")
		db := sqlite.NewDB(path)
		db.Rand = storetest.Rand(3)
		if err := db.Open(); err != nil {
			t.Fatal(err)
		}
		op := docket.Operator("test")
		src := &docket.Source{URL: "https://example.org/a", Sensitivity: docket.Public}
		if err := db.CreateSource(ctx, op, src); err != nil {
			t.Fatal(err)
		}
		// 300 changes: one full tile of leaf hashes and part of a second.
		for i := range 99 {
			e := &docket.Entity{Schema: "Person"}
			if err := db.CreateEntity(ctx, op, e, []*docket.Statement{
				{Property: "name", Value: fmt.Sprintf("Person %d", i), Source: src.ID},
				{Property: "occupation", Value: "journalist", Source: src.ID},
			}); err != nil {
				t.Fatal(err)
			}
		}
		cp, err := db.Checkpoint(ctx, storetest.TestKey(t))
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
		if cp.Size != 298 {
			t.Fatalf("%d changes, want 298", cp.Size)
		}
		toOldLedger(t, path, tamper)

		db = sqlite.NewDB(path)
		if err := db.Open(); err != nil {
			t.Fatalf("open and migrate: %v", err)
		}
		problems, err := db.Verify(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !tamper && len(storetest.Found(problems)) > 0 {
			t.Fatalf("verify after the migration: %v", problems)
		}
		if tamper && (len(problems) == 0 || problems[0].What != "change 7") {
			t.Fatalf("verify after migrating an altered ledger: %v, want change 7 named", problems)
		}
		if !tamper {
			again, err := db.Checkpoint(ctx, storetest.TestKey(t))
			if err != nil || again.Root != cp.Root || again.Size != cp.Size {
				t.Fatalf("checkpoint after the migration: %v, %v; want the same tree", again, err)
			}
			if _, err := db.InclusionProof(ctx, op, 250, 0); err != nil {
				t.Fatal(err)
			}
		}
		db.Close()
	}
}

// toOldLedger rewrites a store's ledger in the layout of migration 00002, with tlog's stored
// hashes computed from the change log, and forgets migration 00005.
func toOldLedger(t *testing.T, path string, tamper bool) {
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	// The leaf hashes, from the first level of tiles: a statement's record is in its row, not
	// in the change log's payload, so the leaves are not recomputed here.
	rows, err := raw.Query(`SELECT hashes FROM ledger_tiles WHERE level = 0 ORDER BY idx`)
	if err != nil {
		t.Fatal(err)
	}
	var hashes []tlog.Hash
	var leaves [][]any
	read := tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(idx))
		for i, x := range idx {
			out[i] = hashes[x]
		}
		return out, nil
	})
	var seq int64
	for rows.Next() {
		var tile []byte
		if err := rows.Scan(&tile); err != nil {
			t.Fatal(err)
		}
		for ; len(tile) >= tlog.HashSize; tile = tile[tlog.HashSize:] {
			seq++
			h := tlog.Hash(tile[:tlog.HashSize])
			hs, err := tlog.StoredHashesForRecordHash(seq-1, h, read)
			if err != nil {
				t.Fatal(err)
			}
			hashes = append(hashes, hs...)
			leaves = append(leaves, []any{seq - 1, seq, h[:]})
		}
	}
	rows.Close()
	for _, q := range []string{
		`DROP TABLE ledger_tiles`,
		`DELETE FROM migrations WHERE name = '00005_ledger_tiles.sql'`,
		`CREATE TABLE ledger_leaves (idx INTEGER PRIMARY KEY, seq INTEGER NOT NULL UNIQUE REFERENCES changes (seq), hash BLOB NOT NULL)`,
		`CREATE TABLE ledger_hashes (idx INTEGER PRIMARY KEY, hash BLOB NOT NULL)`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	for _, l := range leaves {
		if _, err := raw.Exec(`INSERT INTO ledger_leaves (idx, seq, hash) VALUES (?, ?, ?)`, l...); err != nil {
			t.Fatal(err)
		}
	}
	for i, h := range hashes {
		if tamper && int64(i) == tlog.StoredHashIndex(0, 6) {
			h[0] ^= 1
		}
		if _, err := raw.Exec(`INSERT INTO ledger_hashes (idx, hash) VALUES (?, ?)`, i, h[:]); err != nil {
			t.Fatal(err)
		}
	}
}

// TestStatementRecords_InRows checks that the change log's table keeps no row for a statement
// whose row holds its record (a bulk import writes each statement once), and that the log has
// every change all the same.
func TestStatementRecords_InRows(t *testing.T) {
	db := MustOpenDB(t, storetest.NewClock().Now, storetest.Rand(1))
	storetest.Script(t, db)
	var statements, logged, last int
	if err := db.W.QueryRow(`SELECT (SELECT COUNT(*) FROM statements), (SELECT COUNT(*) FROM changes WHERE kind = 'statement'),
		(SELECT MAX(seq) FROM statements)`).Scan(&statements, &logged, &last); err != nil {
		t.Fatal(err)
	}
	if statements == 0 || logged != 0 {
		t.Fatalf("%d of %d statements have a row in changes, want none", logged, statements)
	}
	cs, err := db.FindChanges(context.Background(), docket.Operator("admin"), docket.ChangeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) < last || cs[len(cs)-1].Seq != int64(len(cs)) {
		t.Fatalf("the log has %d changes, the last %d; the last statement is change %d", len(cs), cs[len(cs)-1].Seq, last)
	}
}

// A store written before statement rows were their own changes has a row in changes for each,
// with an empty payload: it reads, exports and verifies as before.
func TestStatementRecords_OldStores(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t, storetest.NewClock().Now, storetest.Rand(1))
	storetest.Script(t, db)
	admin := docket.Operator("admin")
	before := storetest.ExportString(t, db, admin, false)
	history, err := db.FindChanges(ctx, admin, docket.ChangeFilter{Newest: true, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	res, err := db.W.Exec(`INSERT INTO changes (seq, kind, ref, entity, entity2, author, at, payload)
		SELECT seq, 'statement', id, entity_id, NULL, author, created_at, '' FROM statements WHERE seq NOT IN (SELECT seq FROM changes)`)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		t.Fatal("no statement without a row in changes")
	}
	if after := storetest.ExportString(t, db, admin, false); after != before {
		t.Fatal("the export of the old form of the log differs")
	}
	again, err := db.FindChanges(ctx, admin, docket.ChangeFilter{Newest: true, Limit: 1000})
	if err != nil || len(again) != len(history) {
		t.Fatalf("the old form of the log has %d changes, the new %d (%v)", len(again), len(history), err)
	}
	for i := range again {
		if again[i].Seq != history[i].Seq || again[i].Entity != history[i].Entity || again[i].Ref != history[i].Ref {
			t.Fatalf("change %d of the old form of the log is %+v, of the new %+v", i, again[i], history[i])
		}
	}
	if problems, err := db.Verify(ctx, nil); err != nil || len(storetest.Found(problems)) > 0 {
		t.Fatalf("verify of the old form of the log: %v %v", problems, err)
	}
}

// A gap in the log longer than the pages it is read in does not end the reading: the export has
// the changes after it, and Verify reports it.
func TestLog_LongGap(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t, storetest.NewClock().Now, storetest.Rand(1))
	var lines strings.Builder
	for i := 1; i <= 6000; i++ {
		fmt.Fprintf(&lines, `{"kind":"entity","id":"e%05d","schema":"Person","sensitivity":"public","author":"a","created":"2026-11-25T12:00:00Z"}`+"\n", i)
		fmt.Fprintf(&lines, `{"kind":"statement","id":"s%05d","entity":"e%05d","property":"name","value":"Person %d","status":"draft","sensitivity":"public","author":"a","created":"2026-11-25T12:00:00Z","salt":"%032x"}`+"\n", i, i, i, i)
	}
	admin := docket.Operator("admin")
	if _, err := storetest.ImportAloneString(db, admin, lines.String()); err != nil {
		t.Fatal(err)
	}
	// Changes 101 to 11,000 go, with the rows they made.
	conn, err := db.W.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`PRAGMA foreign_keys = OFF`, `DELETE FROM name_keys WHERE seq BETWEEN 101 AND 11000`,
		`DELETE FROM statements WHERE seq BETWEEN 101 AND 11000`, `DELETE FROM entities WHERE seq BETWEEN 101 AND 11000`,
		`DELETE FROM changes WHERE seq BETWEEN 101 AND 11000`, `PRAGMA foreign_keys = ON`} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	conn.Close()
	export := storetest.ExportString(t, db, admin, false)
	if n := strings.Count(export, "\n"); n != 12000-10900 || !strings.Contains(export, `"id":"s06000"`) {
		t.Fatalf("the export of a log with a long gap has %d records, want 1,100 up to s06000", n)
	}
	problems, err := db.Verify(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range problems {
		found = found || p.What == "change 11001" && strings.Contains(p.Why, "it should be change 101")
	}
	if !found {
		t.Fatalf("verify of a log with a long gap reports %v, want change 11001 said to be 101", problems)
	}
}

// A statement's row with no row in changes is a change of the log: one added behind the log's
// back is caught by Verify, whether it takes a sequence number after the last change's or that
// of another kind of change.
func TestStatementRecords_ForgedRows(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name, seq, want string
	}{
		{"after the last change", `(SELECT MAX(seq) + 1 FROM (SELECT seq FROM changes UNION ALL SELECT seq FROM statements))`, "leaves for"},
		{"of an entity's change", `(SELECT MIN(seq) FROM changes WHERE kind = 'entity')`, "statements row forged: the log does not make it"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := MustOpenDB(t, storetest.NewClock().Now, storetest.Rand(1))
			storetest.Script(t, db)
			if problems, err := db.Verify(ctx, nil); err != nil || len(storetest.Found(problems)) > 0 {
				t.Fatalf("verify before: %v %v", problems, err)
			}
			if _, err := db.W.Exec(`INSERT INTO statements (seq, id, entity_id, property, value, status, sensitivity, author, created_at, salt)
				SELECT ` + tc.seq + `, 'forged', entity_id, property, 'forged value', status, sensitivity, author, created_at, salt
				FROM statements ORDER BY seq LIMIT 1`); err != nil {
				t.Fatal(err)
			}
			problems, err := db.Verify(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, p := range problems {
				found = found || strings.Contains(p.What+": "+p.Why, tc.want)
			}
			if !found {
				t.Fatalf("verify of a forged statement row reports %v, want %q", problems, tc.want)
			}
		})
	}
}

// scriptLines returns the full export of a store that storetest.Script made.
func scriptLines(t *testing.T) string {
	src := MustOpenDB(t, storetest.NewClock().Now, storetest.Rand(1))
	storetest.Script(t, src)
	return storetest.ExportString(t, src, docket.Operator("test"), false)
}

// importWatchingWAL imports lines with ImportAlone and reports, at each batch, whether the
// store had a WAL file.
func importWatchingWAL(t *testing.T, db *sqlite.DB, lines string) []bool {
	var wal []bool
	progress := func(done, total int64) {
		_, err := os.Stat(db.Path + "-wal")
		wal = append(wal, err == nil)
	}
	if _, err := db.ImportAlone(context.Background(), docket.Operator("test"), storetest.DecodeLines(lines), progress); err != nil {
		t.Fatal(err)
	}
	if len(wal) == 0 {
		t.Fatal("no progress reported")
	}
	return wal
}

// ImportAlone writes an empty store's file directly, without the WAL, and puts the store back
// in WAL mode, whether the import succeeds or fails.
func TestImportAlone_WritesWithoutWAL(t *testing.T) {
	lines := scriptLines(t)
	db := MustOpenDB(t, storetest.NewClock().Now, storetest.Rand(1))
	if _, err := db.R.Exec(`SELECT COUNT(*) FROM changes`); err != nil { // an idle reader, closed by ImportAlone
		t.Fatal(err)
	}
	bad := lines + `{"kind":"entity","id":"late","schema":"Nobody","sensitivity":"public","author":"a","created":"2026-11-25T12:00:00Z"}` + "\n"
	if _, err := db.ImportAlone(context.Background(), docket.Operator("test"), storetest.DecodeLines(bad), nil); err == nil || !strings.Contains(err.Error(), "Nobody") {
		t.Fatalf("ImportAlone of a bad record: %v", err)
	}
	wantWAL(t, db)
	wantCacheSize(t, db, "after a failed import")
	var n int
	if err := db.R.QueryRow(`SELECT COUNT(*) FROM changes`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("after a failed import: %d changes, %v", n, err)
	}

	if wal := importWatchingWAL(t, db, lines); wal[0] {
		t.Fatalf("a WAL file during the import into an empty store (%v): it went through the log", wal)
	}
	wantWAL(t, db)
	// The indexes built after the load sort in temporary files; the writer's statement
	// journals are kept in memory again afterwards.
	var tempStore int
	if err := db.W.QueryRow(`PRAGMA temp_store`).Scan(&tempStore); err != nil || tempStore != 2 {
		t.Fatalf("temp_store after the import: %d (%v), want 2 (memory)", tempStore, err)
	}
	wantCacheSize(t, db, "after the import")
	if got := storetest.ExportString(t, db, docket.Operator("test"), false); got != lines {
		t.Fatal("export -> ImportAlone -> export differs")
	}
	if problems, err := db.Verify(context.Background(), nil); err != nil || len(storetest.Found(problems)) > 0 {
		t.Fatalf("Verify: %v %v", problems, err)
	}
}

// wantCacheSize fails unless the writer's page cache is SQLite's default again: SQLite's page
// caches share one bound, the sum of every connection's, and the 64 MB an import takes would be
// the readers' to fill while the writer is idle (see dialect.PrepareImport).
func wantCacheSize(t *testing.T, db *sqlite.DB, when string) {
	t.Helper()
	var size int
	if err := db.W.QueryRow(`PRAGMA cache_size`).Scan(&size); err != nil || size != -2000 {
		t.Fatalf("the writer's cache_size %s: %d (%v), want -2000", when, size, err)
	}
}

// A server's readers stay open between reads: with database/sql's default of two idle
// connections, a third and fourth reader were closed after each read and opened again.
func TestReaders_KeptOpen(t *testing.T) {
	db := MustOpenDB(t, storetest.NewClock().Now, storetest.Rand(1))
	var rows []*sql.Rows
	for range sqlite.ReadConns {
		r, err := db.R.Query(`SELECT COUNT(*) FROM changes`)
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, r)
	}
	for _, r := range rows {
		r.Close()
	}
	if st := db.R.Stats(); st.OpenConnections != sqlite.ReadConns || st.Idle != sqlite.ReadConns {
		t.Fatalf("after %d reads at once: %d connections open, %d idle; want %d of each", sqlite.ReadConns, st.OpenConnections, st.Idle, sqlite.ReadConns)
	}
}

// The readers' page caches are SQLite's default unless a size for all of them is given.
func TestReaders_CacheSize(t *testing.T) {
	for _, c := range []struct {
		bytes int64
		want  int
	}{{0, -2000}, {32 << 20, -8192}} {
		db := sqlite.NewDB(filepath.Join(t.TempDir(), "docket.db"))
		db.ReadCacheBytes = c.bytes
		if err := db.Open(); err != nil {
			t.Fatal(err)
		}
		var size int
		if err := db.R.QueryRow(`PRAGMA cache_size`).Scan(&size); err != nil || size != c.want {
			t.Errorf("ReadCacheBytes %d: a reader's cache_size %d (%v), want %d", c.bytes, size, err, c.want)
		}
		db.Close()
	}
}

// Lists of ids of every length are read by a few statements, not one for each length: the
// readers keep what they prepare, and a server's kept about a thousand.
func TestReaders_ListsOfIDs(t *testing.T) {
	db := MustOpenDB(t, storetest.NewClock().Now, storetest.Rand(1))
	op := docket.Operator("test")
	src := storetest.MustSource(t, db, "https://example.org/list")
	var ids []string
	for i := range 20 {
		ids = append(ids, storetest.MustEntity(t, db, "Person", src, "name", fmt.Sprintf("Person %d", i)).ID)
	}
	for n := 1; n <= len(ids); n++ {
		got, _, err := db.FindEntities(context.Background(), op, docket.EntityFilter{IDs: ids[:n]})
		if err != nil {
			t.Fatal(err)
		} else if len(got) != n {
			t.Fatalf("FindEntities of %d ids: %d entities", n, len(got))
		}
	}
	// 1, 2, 4, 8, … ids: one statement a power of two on each connection.
	if kept, most := sqlite.KeptStatements(t, db, "e.id IN ("), sqlite.ReadConns*bits.Len(uint(len(ids)-1)+1); kept > most {
		t.Fatalf("lists of 1 to %d ids: %d statements kept, want at most %d", len(ids), kept, most)
	}
}

// An import whose connection cannot change temp_store in its transaction (a temporary table
// keeps the temporary schema open) builds its indexes all the same, with the sort in memory.
func TestImportAlone_TempSchemaOpen(t *testing.T) {
	lines := scriptLines(t)
	db := MustOpenDB(t, storetest.NewClock().Now, storetest.Rand(1))
	if _, err := db.W.Exec(`CREATE TEMP TABLE scratch (a)`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ImportAlone(context.Background(), docket.Operator("test"), storetest.DecodeLines(lines), nil); err != nil {
		t.Fatalf("ImportAlone: %v", err)
	}
	if got := storetest.ExportString(t, db, docket.Operator("test"), false); got != lines {
		t.Fatal("export -> ImportAlone -> export differs")
	}
	var n int
	if err := db.W.QueryRow(`SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'statements_ref'`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("the index of references after the import: %d, %v", n, err)
	}
}

// A store that another process has open, idle, is imported into through the WAL: the switch
// to a rollback journal needs the file to one connection.
func TestImportAlone_StoreOpenElsewhere(t *testing.T) {
	lines := scriptLines(t)
	db := MustOpenDB(t, storetest.NewClock().Now, storetest.Rand(1))
	other := sqlite.NewDB(db.Path) // as docket serve would hold it
	other.DataKey = db.DataKey
	if err := other.Open(); err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	var n int
	if err := other.R.QueryRow(`SELECT COUNT(*) FROM changes`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if wal := importWatchingWAL(t, db, lines); !wal[0] {
		t.Fatalf("no WAL file during an import into a store open elsewhere (%v)", wal)
	}
	if got := storetest.ExportString(t, other, docket.Operator("test"), false); got != lines {
		t.Fatal("the other handle's export after the import differs")
	}
}

// A store that another connection reads is imported into through the WAL, as Import does.
func TestImportAlone_StoreInUse(t *testing.T) {
	lines := scriptLines(t)
	db := MustOpenDB(t, storetest.NewClock().Now, storetest.Rand(1))
	other := sqlite.NewDB(db.Path)
	other.DataKey = db.DataKey
	if err := other.Open(); err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	// A reader in another handle, as another process would be, in the middle of a read.
	tx, err := other.R.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRow(`SELECT COUNT(*) FROM changes`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if wal := importWatchingWAL(t, db, lines); !wal[0] {
		t.Fatalf("no WAL file during an import into a store in use (%v)", wal)
	}
	// The reader still sees the store as it was when its read began.
	if err := tx.QueryRow(`SELECT COUNT(*) FROM changes`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("the other reader: %d changes, %v", n, err)
	}
	tx.Rollback()
	wantWAL(t, db)
	if got := storetest.ExportString(t, other, docket.Operator("test"), false); got != lines {
		t.Fatal("the other handle's export after the import differs")
	}
}

func wantWAL(tb testing.TB, db *sqlite.DB) {
	tb.Helper()
	var mode string
	if err := db.W.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		tb.Fatalf("journal mode %q (%v), want wal", mode, err)
	}
}

// An import into an empty store that is killed while it writes the file directly (no WAL)
// leaves the store as it was: the next open rolls the journal back, and the store is empty,
// whole and in WAL mode again.
func TestImportAlone_KilledMidway(t *testing.T) {
	if path := os.Getenv("DOCKET_TEST_KILLED_IMPORT"); path != "" {
		killedImportChild(path) // in the child process: import until killed
		return
	}
	path := filepath.Join(t.TempDir(), "docket.db")
	db := sqlite.NewDB(path)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	db.Close()
	child := exec.Command(os.Args[0], "-test.run=^TestImportAlone_KilledMidway$")
	child.Env = append(os.Environ(), "DOCKET_TEST_KILLED_IMPORT="+path)
	// The child's output is read only once it has exited: the copying goroutines of exec write
	// the buffer until then.
	var out bytes.Buffer
	child.Stdout, child.Stderr = &out, &out
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- child.Wait() }()
	// Kill it once it has written pages of the import into the file itself: the page cache
	// (64 MB) spills, and the rollback journal holds what they replaced. However slowly it
	// gets there (the race detector slows it tenfold), the test's own deadline bounds the wait.
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		st, err := os.Stat(path)
		_, jerr := os.Stat(path + "-journal")
		if err == nil && jerr == nil && st.Size() > 32<<20 {
			break
		}
		select {
		case err := <-exited:
			t.Fatalf("the importing child exited (%v) before it wrote 32 MB into the file:\n%s", err, out.String())
		case <-tick.C:
		}
	}
	if err := child.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-exited

	db = sqlite.NewDB(path)
	if err := db.Open(); err != nil {
		t.Fatalf("open after the killed import: %v", err)
	}
	defer db.Close()
	var n int
	var check string
	if err := db.R.QueryRow(`SELECT COUNT(*) FROM changes`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("after the killed import: %d changes, %v", n, err)
	}
	if err := db.R.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity check after the killed import: %q, %v", check, err)
	}
	wantWAL(t, db)
	if _, err := os.Stat(path + "-journal"); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("the journal is still there: %v", err)
	}
	if problems, err := db.Verify(context.Background(), nil); err != nil || len(storetest.Found(problems)) > 0 {
		t.Fatalf("Verify: %v %v", problems, err)
	}
}

// killedImportChild imports generated persons into the store at path until it is killed.
func killedImportChild(path string) {
	db := sqlite.NewDB(path)
	if err := db.Open(); err != nil {
		fmt.Println(err)
		os.Exit(2)
	}
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	i := 0
	next := func() (*docket.Record, error) {
		i++
		switch {
		case i == 1:
			return &docket.Record{Kind: docket.KindSource, Source: &docket.Source{ID: "src1", URL: "https://example.org/a",
				Sensitivity: docket.Public, Author: "a", CreatedAt: at}}, nil
		case i%5 == 2:
			return &docket.Record{Kind: docket.KindEntity, Entity: &docket.Entity{ID: fmt.Sprintf("e%d", i), Schema: "Person",
				Sensitivity: docket.Public, Author: "a", CreatedAt: at}}, nil
		}
		return &docket.Record{Kind: docket.KindStatement, Statement: &docket.Statement{ID: fmt.Sprintf("s%d", i),
			Entity: fmt.Sprintf("e%d", i-(i-2)%5), Property: "name", Value: fmt.Sprintf("Person number %d of a long list", i),
			Source: "src1", Status: docket.Reported, Sensitivity: docket.Public, Author: "a", CreatedAt: at,
			Salt: fmt.Sprintf("%032x", i)}}, nil
	}
	_, err := db.ImportAlone(context.Background(), docket.Operator("test"), next, nil)
	fmt.Println("the import ended before it was killed:", err)
	os.Exit(3)
}

// TestTamper runs the conformance suite's alterations of a store behind its back on SQLite,
// through a connection of its own without foreign keys, as someone holding the file would.
func TestTamper(t *testing.T) {
	storetest.Tamper(t, func(tb testing.TB, now func() time.Time, rand io.Reader) (docket.Store, func(string) error, bool) {
		db := MustOpenDB(tb, now, rand)
		raw, err := sql.Open("sqlite", db.Path)
		if err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() { raw.Close() })
		return db, func(q string) error { _, err := raw.Exec(q); return err }, true
	})
}

// Verify's scratch tables hide the store's tables, and its connection opens the store
// read-only.
func TestScratch_ReadOnly(t *testing.T) {
	db := MustOpenDB(t, storetest.NewClock().Now, storetest.Rand(1))
	storetest.ScratchReadOnly(t, db, func(ctx context.Context) (*sqlstore.Tx, error) {
		return sqlstore.New(db.Scratch, db.W, db.Dialect).BeginTx(ctx, false)
	}, db.Dialect, "readonly")
}

// A log altered throughout is reported in bounded memory: the problems past the ten thousandth
// are counted, not named.
func TestVerify_ManyProblems(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t, storetest.NewClock().Now, storetest.Rand(1))
	var lines strings.Builder
	for i := 1; i <= 6000; i++ {
		fmt.Fprintf(&lines, `{"kind":"entity","id":"e%05d","schema":"Person","sensitivity":"public","author":"a","created":"2026-11-25T12:00:00Z"}`+"\n", i)
		fmt.Fprintf(&lines, `{"kind":"statement","id":"s%05d","entity":"e%05d","property":"name","value":"Person %d","status":"draft","sensitivity":"public","author":"a","created":"2026-11-25T12:00:00Z","salt":"%032x"}`+"\n", i, i, i, i)
	}
	if _, err := storetest.ImportAloneString(db, docket.Operator("admin"), lines.String()); err != nil {
		t.Fatal(err)
	}
	// Every entity's change names another author; every statement's record is altered.
	for _, q := range []string{`UPDATE changes SET author = 'b'`, `UPDATE statements SET salt = '00000000000000000000000000000000'`} {
		if _, err := db.W.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	problems, err := db.Verify(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	found := storetest.Found(problems)
	if len(found) != 10001 || found[10000].What != "store" || !strings.Contains(found[10000].Why, "more problems were found") {
		t.Fatalf("Verify of a log altered throughout named %d problems, the last %v", len(found), found[len(found)-1])
	}
}

// TestSealedAtRest looks for a confidential source's words and archived page in the store's
// file, its WAL and shared memory, read while the store is open.
func TestSealedAtRest(t *testing.T) {
	clock := storetest.NewClock()
	db := MustOpenDB(t, clock.Now, storetest.Rand(1))
	words := storetest.SealedAtRest(t, db, clock.Now)
	storetest.FilesHold(t, db.Path, words)
}

// TestTamperSecurityLog alters the security log behind the store's back on SQLite.
func TestTamperSecurityLog(t *testing.T) {
	storetest.TamperSecurityLog(t, func(tb testing.TB, now func() time.Time, rand io.Reader) (docket.Store, func(string) error, bool) {
		db := MustOpenDB(tb, now, rand)
		raw, err := sql.Open("sqlite", db.Path)
		if err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() { raw.Close() })
		return db, func(q string) error { _, err := raw.Exec(q); return err }, true
	})
}

// TestPin: the reads through a pinned context share one read transaction: they see the store as
// it was when pinned, not a write made meanwhile, which a read outside it sees; pinned again after
// release, they see it.
func TestPin(t *testing.T) {
	db := MustOpenDB(t, storetest.NewClock().Now, storetest.Rand(1))
	ctx := context.Background()
	v := docket.Viewer{Name: "admin", Role: docket.Admin, Cleared: true}
	src := storetest.MustSource(t, db, "https://example.org/pin")
	before := storetest.MustEntity(t, db, "Person", src, "name", "Pinned Before")
	pinned, release := db.Pin(ctx)
	meanwhile := storetest.MustEntity(t, db, "Person", src, "name", "Written Meanwhile")
	if _, err := db.FindEntityByID(pinned, v, before.ID); err != nil {
		t.Fatalf("pinned: %v", err)
	}
	if _, err := db.FindEntityByID(pinned, v, meanwhile.ID); docket.ErrorCode(err) != docket.ENOTFOUND {
		t.Errorf("a pinned read sees a record written after it was pinned: %v", err)
	}
	if _, err := db.FindEntityByID(ctx, v, meanwhile.ID); err != nil {
		t.Errorf("a read outside the pin: %v", err)
	}
	release()
	again, release := db.Pin(ctx)
	defer release()
	if _, err := db.FindEntityByID(again, v, meanwhile.ID); err != nil {
		t.Errorf("pinned again: %v", err)
	}
}
