package sqlstore

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base32"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/docketorg/docket"
)

// errBadToken is the one answer to a token that does not work, whatever the reason: a bad
// token must not tell its holder whether it ever existed.
var errBadToken = docket.Errorf(docket.EUNAUTHORIZED, "unknown, expired or revoked token")

// tokenUseEvery is how often a token's last use is written. An API client makes many requests
// a minute, and a write for each would make every read a write; a minute is fine enough to
// answer "is this token still used?".
const tokenUseEvery = time.Minute

// CreateToken makes an API token and returns its secret once; only a hash is stored. Tokens are
// 160 random bits, so a fast hash is enough: there is nothing to guess.
func (db *Store) CreateToken(ctx context.Context, v docket.Viewer, t *docket.Token) (string, error) {
	if err := v.Authorize(docket.Admin); err != nil {
		return "", db.logRefusal(ctx, v, db.refuse(docket.SecTokenCreated, "create token", v, t.Name, err))
	}
	t.Name = strings.TrimSpace(t.Name)
	if t.Name == "" || len(t.Name) > 100 {
		return "", docket.Errorf(docket.EINVALID, "a token needs a name of 1 to 100 characters")
	}
	if t.Role <= docket.Anonymous || t.Role > docket.Admin {
		return "", docket.Errorf(docket.EINVALID, "a token needs a role")
	}
	if t.Cleared && !v.Cleared {
		return "", db.logRefusal(ctx, v, db.refuse(docket.SecTokenCreated, "create token", v, t.Name, docket.Errorf(docket.EFORBIDDEN, "only a cleared admin may make a cleared token")))
	}
	var b [20]byte
	rand.Read(b[:])
	secret := "dkt_" + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b[:]))
	err := db.update(ctx, func(tx *Tx) error {
		if !t.ExpiresAt.IsZero() && !t.ExpiresAt.After(tx.now) {
			return docket.Errorf(docket.EINVALID, "token %s would expire before it is made", t.Name)
		}
		var userID any
		if t.User != "" {
			u, err := tx.findUser(ctx, t.User)
			if err != nil {
				return err
			}
			if u.State != docket.UserActive {
				return docket.Errorf(docket.ECONFLICT, "account %s is disabled: enable it before making it a token", u.Name)
			}
			// A token of an account writes as its holder: for a cleared account, that is as
			// much a way into it as its password.
			if err := mayChangeCleared(v, u, "the tokens of"); err != nil {
				return db.refuse(docket.SecTokenCreated, "create token", v, u.Name, err)
			}
			userID = u.ID
		}
		// Checked here, in the write transaction, rather than by a unique index: an expired
		// token's name is free again, and that depends on the time.
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM tokens WHERE name = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)`,
			t.Name, formatTime(tx.now)).Scan(&n); err != nil {
			return fmt.Errorf("check token name: %w", err)
		} else if n > 0 {
			return docket.Errorf(docket.ECONFLICT, "there is a live token %s already: revoke it first, or choose another name", t.Name)
		}
		t.ID, t.CreatedAt, t.LastUsedAt, t.RevokedAt, t.State = tx.newID("t"), tx.now, time.Time{}, time.Time{}, docket.TokenActive
		t.ExpiresAt = t.ExpiresAt.UTC().Truncate(time.Microsecond)
		// A token of an account writes as the account; any other has an author of its own.
		var author any
		if t.User == "" {
			var err error
			if t.Author, err = tx.newAuthor(ctx, docket.AuthorToken, t.Name); err != nil {
				return err
			}
			author = t.Author
		}
		_, err := tx.exec(ctx, `INSERT INTO tokens (id, name, role, cleared, hash, created_at, user_id, expires_at, author_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			t.ID, t.Name, t.Role.String(), t.Cleared, hashToken(secret), formatTime(t.CreatedAt), userID, nullTime(t.ExpiresAt), author)
		if err != nil {
			return err
		}
		detail := accountDetail(t.Role, t.Cleared)
		if t.User != "" {
			detail += ", acting for " + t.User
		}
		if t.ExpiresAt.IsZero() {
			detail += ", never expires"
		} else {
			detail += ", expires " + t.ExpiresAt.Format("2006-01-02")
		}
		return tx.appendSecurity(ctx, &docket.SecurityEvent{Kind: docket.SecTokenCreated, Actor: v.Name, Subject: t.Name, Detail: detail})
	})
	if err != nil {
		return "", db.logRefusal(ctx, v, err)
	}
	db.Logger.Info("token created", "by", v.Name, "token", t.Name, "role", t.Role.String(), "cleared", t.Cleared, "user", t.User, "expires", t.ExpiresAt)
	return secret, nil
}

const tokenColumns = `t.id, t.name, t.role, t.cleared, t.created_at, t.expires_at, t.last_used_at, t.revoked_at, COALESCE(t.author_id, ''), ` + userColumns

// tokenJoin reads tokens with their accounts, if any.
const tokenJoin = ` FROM tokens t LEFT JOIN users u ON u.id = t.user_id`

func scanToken(sc interface{ Scan(...any) error }, now time.Time) (*docket.Token, error) {
	var t docket.Token
	var role, created string
	var expires, used, revoked sql.NullString
	var uid, uname, urole, ucreated, udisabled, uremoved, uauthor sql.NullString
	var ucleared sql.NullBool
	if err := sc.Scan(&t.ID, &t.Name, &role, &t.Cleared, &created, &expires, &used, &revoked, &t.Author,
		&uid, &uname, &urole, &ucleared, &ucreated, &udisabled, &uremoved, &uauthor); err != nil {
		return nil, err
	}
	t.Role, _ = docket.ParseRole(role)
	t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt = parseTime(created), parseNullTime(expires), parseNullTime(used), parseNullTime(revoked)
	if uid.Valid {
		u := &docket.User{ID: uid.String, Name: uname.String, Cleared: ucleared.Bool, CreatedAt: parseTime(ucreated.String),
			State: userState(udisabled, uremoved), Author: uauthor.String}
		u.Role, _ = docket.ParseRole(urole.String)
		t.User, t.Account = u.Name, u
	}
	switch {
	case !t.RevokedAt.IsZero():
		t.State = docket.TokenRevoked
	case !t.ExpiresAt.IsZero() && !t.ExpiresAt.After(now):
		t.State = docket.TokenExpired
	case t.Account != nil && t.Account.State != docket.UserActive:
		t.State = docket.TokenDisabled
	default:
		t.State = docket.TokenActive
	}
	return &t, nil
}

// FindTokens lists every token with its state.
func (db *Store) FindTokens(ctx context.Context, v docket.Viewer) (out []*docket.Token, err error) {
	if err := v.Authorize(docket.Admin); err != nil {
		return nil, err
	}
	err = db.view(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+tokenColumns+tokenJoin+` ORDER BY t.name, t.created_at, t.id`)
		if err != nil {
			return fmt.Errorf("read tokens: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			t, err := scanToken(rows, tx.now)
			if err != nil {
				return err
			}
			out = append(out, t)
		}
		return rows.Err()
	})
	return out, err
}

// RevokeToken revokes the tokens of a name that are not revoked yet.
func (db *Store) RevokeToken(ctx context.Context, v docket.Viewer, name string) error {
	if err := v.Authorize(docket.Admin); err != nil {
		return db.logRefusal(ctx, v, db.refuse(docket.SecTokenRevoked, "revoke token", v, name, err))
	}
	err := db.update(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL`, formatTime(tx.now), name)
		if err != nil {
			return fmt.Errorf("revoke token: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return docket.Errorf(docket.ENOTFOUND, "no token %q that is not revoked already", name)
		}
		return tx.appendSecurity(ctx, &docket.SecurityEvent{Kind: docket.SecTokenRevoked, Actor: v.Name, Subject: name})
	})
	if err == nil {
		db.Logger.Info("token revoked", "by", v.Name, "token", name)
	}
	return err
}

// FindTokenBySecret returns the active token whose secret this is. Nothing is cached: a
// revocation, an expiry or a disabled account holds from the next request on.
func (db *Store) FindTokenBySecret(ctx context.Context, secret string) (*docket.Token, error) {
	now := db.Now().UTC().Truncate(time.Microsecond)
	t, err := scanToken(db.R.QueryRowContext(ctx, db.Dialect.Rebind(`SELECT `+tokenColumns+tokenJoin+` WHERE t.hash = ?`), hashToken(secret)), now)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errBadToken
	} else if err != nil {
		return nil, fmt.Errorf("find token: %w", err)
	}
	if t.State != docket.TokenActive {
		return nil, errBadToken
	}
	if now.Sub(t.LastUsedAt) >= tokenUseEvery {
		db.touchToken(ctx, t.ID, now)
		t.LastUsedAt = now
	}
	return t, nil
}

// touchToken records a token's use. It is a single UPDATE outside the writers' lock, since the
// change log does not order it, and it gives up after a second: a long import holding the
// writer must not hold up every API request, and a missed last use is only a coarser answer.
// The condition in the UPDATE keeps several servers from writing the same minute twice.
func (db *Store) touchToken(ctx context.Context, id string, now time.Time) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
	defer cancel()
	_, err := db.W.ExecContext(ctx, db.Dialect.Rebind(`UPDATE tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at <= ?)`),
		formatTime(now), id, formatTime(now.Add(-tokenUseEvery)))
	if err != nil {
		db.Logger.Warn("recording a token's use", "token", id, "err", err)
	}
}

func hashToken(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return formatTime(t)
}

func parseNullTime(s sql.NullString) time.Time {
	if !s.Valid || s.String == "" {
		return time.Time{}
	}
	return parseTime(s.String)
}
