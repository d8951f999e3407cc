package http

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/storetest"
	"github.com/docketorg/docket/sqlite"
)

// countingStore counts the statement reads of a real store.
type countingStore struct {
	docket.Store
	reads int
}

func (c *countingStore) FindStatements(ctx context.Context, v docket.Viewer, f docket.StatementFilter) ([]*docket.Statement, int, error) {
	c.reads++
	return c.Store.FindStatements(ctx, v, f)
}

// The latest statistics of a country are read once for every brief of it, and again when the
// registry changes; the public's, never a statistic it may not see.
// openStore opens a new SQLite store with a data key, as the package's own tests need one.
func openStore(t *testing.T) *sqlite.DB {
	t.Helper()
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "docket.db"))
	db.DataKey = storetest.DataKey()
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestPublicStatistics_Kept(t *testing.T) {
	db := openStore(t)
	ctx := context.Background()
	src := storetest.MustSource(t, db, "https://example.org/figures")
	first := storetest.MustEntity(t, db, "Statistic", src, "country", "kz")
	st := &countingStore{Store: db}
	s := NewServer(st)
	for range 3 {
		ids, err := s.publicStatistics(ctx, "kz")
		if err != nil || !slices.Equal(ids, []string{first.ID}) {
			t.Fatalf("publicStatistics(kz) = %v, %v; want [%s]", ids, err, first.ID)
		}
	}
	if st.reads != 1 {
		t.Errorf("three briefs read the statistics %d times, want once", st.reads)
	}
	hidden := &docket.Entity{Schema: "Statistic"}
	if err := db.CreateEntity(ctx, docket.Operator("t"), hidden, []*docket.Statement{{Property: "country", Value: "kz", Source: src.ID, Sensitivity: docket.Internal}}); err != nil {
		t.Fatal(err)
	}
	second := storetest.MustEntity(t, db, "Statistic", src, "country", "kz")
	ids, err := s.publicStatistics(ctx, "kz")
	if err != nil || !slices.Equal(ids, []string{first.ID, second.ID}) {
		t.Errorf("after a new statistic: %v, %v; want [%s %s], the newest last and the internal one left out", ids, err, first.ID, second.ID)
	}
}
