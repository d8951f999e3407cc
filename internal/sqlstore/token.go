package sqlstore

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base32"
	"encoding/hex"
	"errors"
	"strings"

	"github.com/docketorg/docket"
)

// CreateToken makes an API token and returns its secret once; only a hash is stored. Tokens are
// 160 random bits, so a fast hash is enough: there is nothing to guess.
func (db *Store) CreateToken(ctx context.Context, v docket.Viewer, name string, role docket.Role, cleared bool) (string, *docket.Token, error) {
	if err := v.Authorize(docket.Admin); err != nil {
		return "", nil, err
	}
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 100 {
		return "", nil, docket.Errorf(docket.EINVALID, "a token needs a name of 1 to 100 characters")
	}
	if role <= docket.Anonymous || role > docket.Admin {
		return "", nil, docket.Errorf(docket.EINVALID, "a token needs a role")
	}
	var b [20]byte
	rand.Read(b[:])
	secret := "dkt_" + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b[:]))
	var t *docket.Token
	err := db.update(ctx, func(tx *Tx) error {
		t = &docket.Token{ID: tx.newID("t"), Name: name, Role: role, Cleared: cleared, CreatedAt: tx.now}
		var err error
		if t.Author, err = tx.newAuthor(ctx, docket.AuthorToken, name); err != nil {
			return err
		}
		_, err = tx.exec(ctx, `INSERT INTO tokens (id, name, role, cleared, hash, created_at, author_id) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			t.ID, t.Name, role.String(), cleared, hashToken(secret), formatTime(t.CreatedAt), t.Author)
		return err
	})
	if err != nil {
		return "", nil, err
	}
	return secret, t, nil
}

// FindTokenBySecret returns the token whose secret this is.
func (db *Store) FindTokenBySecret(ctx context.Context, secret string) (*docket.Token, error) {
	var t docket.Token
	var role, created string
	err := db.R.QueryRowContext(ctx, db.Dialect.Rebind(`SELECT id, name, role, cleared, created_at, COALESCE(author_id, '') FROM tokens WHERE hash = ?`), hashToken(secret)).
		Scan(&t.ID, &t.Name, &role, &t.Cleared, &created, &t.Author)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, docket.Errorf(docket.EUNAUTHORIZED, "unknown or revoked token")
	} else if err != nil {
		return nil, err
	}
	t.Role, _ = docket.ParseRole(role)
	t.CreatedAt = parseTime(created)
	return &t, nil
}

func hashToken(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}
