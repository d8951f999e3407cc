package sqlite_test

import (
	"context"
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/storetest"
	"github.com/docketorg/docket/sqlite"
)

// MustOpenDB opens a fresh store in a temporary directory.
func MustOpenDB(tb testing.TB, now func() time.Time, rand io.Reader) *sqlite.DB {
	tb.Helper()
	db := sqlite.NewDB(filepath.Join(tb.TempDir(), "docket.db"))
	db.Now, db.Rand = now, rand
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
