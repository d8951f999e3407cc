package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"path/filepath"
	"testing"

	"github.com/docketorg/docket"
)

// TestMigrate_TokensAccounts opens a store made before 00008 with a token and an account: the
// token, which was made to last, still works and never expires, and the account is active.
func TestMigrate_TokensAccounts(t *testing.T) {
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
		if name >= "00008" {
			break
		}
		if err := db.migrateFile(ctx, name); err != nil {
			t.Fatal(name, err)
		}
	}
	const secret = "dkt_made-before-expiry"
	h := sha256.Sum256([]byte(secret))
	for _, q := range []string{
		`INSERT INTO tokens (id, name, role, cleared, hash, created_at) VALUES ('t1', 'old', 'editor', 1, '` + hex.EncodeToString(h[:]) + `', '2026-01-01T00:00:00.000000Z')`,
		`INSERT INTO users (id, name, role, cleared, password_hash, created_at) VALUES ('u1', 'ana', 'admin', 1, 'h', '2026-01-01T00:00:00.000000Z')`,
	} {
		if _, err := db.W.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.W.Close()

	db = NewDB(db.Path)
	if err := db.Open(); err != nil {
		t.Fatalf("open and migrate: %v", err)
	}
	defer db.Close()
	tok, err := db.FindTokenBySecret(ctx, secret)
	if err != nil || tok.Name != "old" || !tok.ExpiresAt.IsZero() || tok.User != "" || tok.Viewer() != (docket.Viewer{Name: "old", Author: tok.Author, Role: docket.Editor, Cleared: true}) || !docket.IsAuthorID(tok.Author) {
		t.Fatalf("a token from before the migration: %+v, %v", tok, err)
	}
	if u, _, err := db.PasswordHash(ctx, "ana"); err != nil || u.State != docket.UserActive {
		t.Fatalf("an account from before the migration: %+v, %v", u, err)
	}
}
