package sqlite_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/sqlite"
)

// TestWrite_WhileAnotherWrites: while another program holds the store's write lock, as an
// import does for its whole length, a write waits WriteWait and is refused as busy, reads go
// on, and once the lock is let go writes work again.
func TestWrite_WhileAnotherWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "docket.db")
	db := sqlite.NewDB(path)
	db.WriteWait = 200 * time.Millisecond
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	op := docket.Operator("t")
	if err := db.CreateEntity(ctx, op, &docket.Entity{Schema: "Person"}, nil); err != nil {
		t.Fatal(err)
	}
	other, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	err = db.CreateEntity(ctx, op, &docket.Entity{Schema: "Person"}, nil)
	if docket.ErrorCode(err) != docket.EUNAVAILABLE {
		t.Fatalf("a write while another program writes: %v, want %s", err, docket.EUNAVAILABLE)
	}
	if waited := time.Since(start); waited > 5*time.Second {
		t.Fatalf("the refused write waited %v, more than WriteWait", waited)
	}
	if _, n, err := db.FindEntities(ctx, op, docket.EntityFilter{}); err != nil || n != 1 {
		t.Fatalf("a read while another program writes: %d, %v", n, err)
	}
	if _, err := conn.ExecContext(ctx, `ROLLBACK`); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateEntity(ctx, op, &docket.Entity{Schema: "Person"}, nil); err != nil {
		t.Fatalf("a write after the other let go: %v", err)
	}
}
