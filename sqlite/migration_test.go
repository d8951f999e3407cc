package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
)

// TestMigrate_SearchContentless applies the migrations before 00006 to a file, indexes a text
// the way those stores did, then opens it: the index must still find it, without a copy of it.
func TestMigrate_SearchContentless(t *testing.T) {
	ctx := context.Background()
	db := NewDB(filepath.Join(t.TempDir(), "docket.db"))
	if err := db.create(); err != nil {
		t.Fatal(err)
	}
	var err error
	if db.W, err = sql.Open("sqlite", db.dsn(true)); err != nil {
		t.Fatal(err)
	}
	db.W.SetMaxOpenConns(1)
	if _, err := db.Pending(ctx); err != nil {
		t.Fatal(err)
	}
	for _, name := range Migrations() {
		if name >= "00006" {
			break
		}
		if err := db.migrateFile(ctx, name); err != nil {
			t.Fatal(name, err)
		}
	}
	if _, err := db.W.Exec(`INSERT INTO search (rowid, exact, keys) VALUES (7, 'gulnara baiturova', 'gulnara baiturova')`); err != nil {
		t.Fatal(err)
	}
	db.W.Close()

	db = NewDB(db.Path)
	if err := db.Open(); err != nil {
		t.Fatalf("open and migrate: %v", err)
	}
	defer db.Close()
	var rowid int64
	if err := db.R.QueryRow(`SELECT rowid FROM search WHERE search MATCH 'exact : "gulnara baiturova"'`).Scan(&rowid); err != nil || rowid != 7 {
		t.Fatalf("search after the migration: rowid %d, %v", rowid, err)
	}
	var n int
	if err := db.R.QueryRow(`SELECT COUNT(*) FROM sqlite_master WHERE name IN ('search_content', 'search_old')`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d copies of the indexed text are left (%v)", n, err)
	}
}
