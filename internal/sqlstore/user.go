package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/docketorg/docket"
)

// CreateUser creates an account. Only an admin may, and only a cleared admin may create a
// cleared account.
func (db *Store) CreateUser(ctx context.Context, v docket.Viewer, u *docket.User, passwordHash string) error {
	if err := v.Authorize(docket.Admin); err != nil {
		return db.logRefusal(ctx, v, db.refuse(docket.SecAccountCreated, "create account", v, u.Name, err))
	}
	u.Name = strings.TrimSpace(u.Name)
	if err := docket.ValidateUserName(u.Name); err != nil {
		return err
	}
	if u.Role <= docket.Anonymous || u.Role > docket.Admin {
		return docket.Errorf(docket.EINVALID, "user %s needs a role (viewer, researcher, editor or admin)", u.Name)
	}
	if u.Cleared && !v.Cleared {
		return db.logRefusal(ctx, v, db.refuse(docket.SecAccountCreated, "create account", v, u.Name,
			docket.Errorf(docket.EFORBIDDEN, "only a cleared admin may grant a clearance")))
	}
	if passwordHash == "" {
		return docket.Errorf(docket.EINVALID, "user %s needs a password", u.Name)
	}
	return db.update(ctx, func(tx *Tx) error {
		// A removed account's name stays taken: records made before authors were ids name
		// their authors by name, and a newcomer must not inherit someone else's.
		var removed sql.NullString
		err := tx.queryRow(ctx, `SELECT removed_at FROM users WHERE name = ?`, u.Name).Scan(&removed)
		switch {
		case err == nil && removed.Valid:
			return docket.Errorf(docket.ECONFLICT, "the name %s belonged to an account that was removed, and names are not reused: choose another", u.Name)
		case err == nil:
			return docket.Errorf(docket.ECONFLICT, "there is a user %s already", u.Name)
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		u.ID, u.CreatedAt, u.State = tx.newID("u"), tx.now, docket.UserActive
		if u.Author, err = tx.newAuthor(ctx, docket.AuthorAccount, u.Name); err != nil {
			return err
		}
		_, err = tx.exec(ctx, `INSERT INTO users (id, name, role, cleared, password_hash, created_at, author_id) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			u.ID, u.Name, u.Role.String(), u.Cleared, passwordHash, formatTime(u.CreatedAt), u.Author)
		if err != nil {
			return fmt.Errorf("create user: %w", db.formatError(err, u.Name))
		}
		return tx.appendSecurity(ctx, &docket.SecurityEvent{Kind: docket.SecAccountCreated, Actor: v.Name, Subject: u.Name,
			Detail: accountDetail(u.Role, u.Cleared)})
	})
}

// accountDetail says what an account may do, for the security log.
func accountDetail(r docket.Role, cleared bool) string {
	if cleared {
		return "role " + r.String() + ", cleared for confidential data"
	}
	return "role " + r.String() + ", not cleared"
}

const userColumns = `u.id, u.name, u.role, u.cleared, u.created_at, u.disabled_at, u.removed_at, COALESCE(u.author_id, '')`

// live is the condition that an account (alias u) may act: neither disabled nor removed.
const live = `u.disabled_at IS NULL AND u.removed_at IS NULL`

func scanUser(sc interface{ Scan(...any) error }, extra ...any) (*docket.User, error) {
	var u docket.User
	var role, created string
	var disabled, removed sql.NullString
	if err := sc.Scan(append([]any{&u.ID, &u.Name, &role, &u.Cleared, &created, &disabled, &removed, &u.Author}, extra...)...); err != nil {
		return nil, err
	}
	u.Role, _ = docket.ParseRole(role)
	u.CreatedAt = parseTime(created)
	u.State = userState(disabled, removed)
	return &u, nil
}

func userState(disabled, removed sql.NullString) docket.UserState {
	switch {
	case removed.Valid:
		return docket.UserRemoved
	case disabled.Valid:
		return docket.UserDisabled
	}
	return docket.UserActive
}

// FindUsers lists every account that is not removed, by name.
func (db *Store) FindUsers(ctx context.Context, v docket.Viewer) (out []*docket.User, err error) {
	if err := v.Authorize(docket.Admin); err != nil {
		return nil, err
	}
	err = db.view(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+userColumns+`, (SELECT COUNT(*) FROM second_factors f WHERE f.user_id = u.id)
			FROM users u WHERE u.removed_at IS NULL ORDER BY u.name`)
		if err != nil {
			return fmt.Errorf("read users: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var factors int
			u, err := scanUser(rows, &factors)
			if err != nil {
				return err
			}
			u.Factors = factors
			out = append(out, u)
		}
		return rows.Err()
	})
	return out, err
}

// FindUserByName returns an account: any to an admin, one's own to anyone else.
func (db *Store) FindUserByName(ctx context.Context, v docket.Viewer, name string) (u *docket.User, err error) {
	if v.Role == docket.Anonymous {
		return nil, v.Authorize(docket.Reader)
	}
	if v.Role != docket.Admin && v.Name != name {
		return nil, docket.Errorf(docket.EFORBIDDEN, "only an admin may read another user's account")
	}
	err = db.view(ctx, func(tx *Tx) error {
		u, err = tx.findUser(ctx, name)
		return err
	})
	return u, err
}

func (tx *Tx) findUser(ctx context.Context, name string) (*docket.User, error) {
	u, err := scanUser(tx.queryRow(ctx, `SELECT `+userColumns+` FROM users u WHERE u.name = ? AND u.removed_at IS NULL`, name))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, docket.Errorf(docket.ENOTFOUND, "no user %q", name)
	} else if err != nil {
		return nil, fmt.Errorf("find user: %w", err)
	}
	return u, nil
}

// UpdateUser changes a role or a clearance and ends the user's sessions.
func (db *Store) UpdateUser(ctx context.Context, v docket.Viewer, name string, upd docket.UserUpdate) (u *docket.User, err error) {
	if err := v.Authorize(docket.Admin); err != nil {
		return nil, db.logRefusal(ctx, v, db.refuse(docket.SecAccountChanged, "change account", v, name, err))
	}
	if upd.Role != nil && (*upd.Role <= docket.Anonymous || *upd.Role > docket.Admin) {
		return nil, docket.Errorf(docket.EINVALID, "unknown role")
	}
	if upd.Cleared != nil && !v.Cleared {
		return nil, db.logRefusal(ctx, v, db.refuse(docket.SecAccountChanged, "change clearance", v, name,
			docket.Errorf(docket.EFORBIDDEN, "only a cleared admin may grant or withdraw a clearance")))
	}
	err = db.update(ctx, func(tx *Tx) error {
		if u, err = tx.findUser(ctx, name); err != nil {
			return err
		}
		if err := mayChangeCleared(v, u, "the role of"); err != nil {
			return db.refuse(docket.SecAccountChanged, "change role", v, name, err)
		}
		if upd.Role != nil && *upd.Role != docket.Admin {
			if err := tx.notLastAdmin(ctx, u, "demoted"); err != nil {
				return db.refuse(docket.SecAccountChanged, "change role", v, name, err)
			}
		}
		was := accountDetail(u.Role, u.Cleared)
		if upd.Role != nil {
			u.Role = *upd.Role
		}
		if upd.Cleared != nil {
			u.Cleared = *upd.Cleared
		}
		if _, err := tx.exec(ctx, `UPDATE users SET role = ?, cleared = ? WHERE id = ?`, u.Role.String(), u.Cleared, u.ID); err != nil {
			return fmt.Errorf("update user: %w", err)
		}
		// A session carries no copy of the role: ending them is still what makes a withdrawn
		// clearance hold on every device at once, whatever a future cache might keep.
		if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, u.ID); err != nil {
			return err
		}
		return tx.appendSecurity(ctx, &docket.SecurityEvent{Kind: docket.SecAccountChanged, Actor: v.Name, Subject: u.Name,
			Detail: was + " → " + accountDetail(u.Role, u.Cleared)})
	})
	return u, db.logRefusal(ctx, v, err)
}

// SetPassword replaces a password hash and ends the user's sessions.
func (db *Store) SetPassword(ctx context.Context, v docket.Viewer, name, passwordHash string) error {
	if v.Role == docket.Anonymous {
		return v.Authorize(docket.Reader)
	}
	if v.Role != docket.Admin && v.Name != name {
		return db.logRefusal(ctx, v, db.refuse(docket.SecPassword, "set password", v, name, docket.Errorf(docket.EFORBIDDEN, "only an admin may set another user's password")))
	}
	if passwordHash == "" {
		return docket.Errorf(docket.EINVALID, "a password is required")
	}
	err := db.update(ctx, func(tx *Tx) error {
		u, err := tx.findUser(ctx, name)
		if err != nil {
			return err
		}
		if v.Name != name {
			if err := mayChangeCleared(v, u, "the password of"); err != nil {
				return db.refuse(docket.SecPassword, "set password", v, name, err)
			}
		}
		if _, err := tx.exec(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, passwordHash, u.ID); err != nil {
			return fmt.Errorf("set password: %w", err)
		}
		if _, err = tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, u.ID); err != nil {
			return err
		}
		detail := "changed by its holder; every session ended"
		if v.Name != name {
			detail = "set by an admin; every session ended"
		}
		return tx.appendSecurity(ctx, &docket.SecurityEvent{Kind: docket.SecPassword, Actor: v.Name, Subject: name, Detail: detail})
	})
	return db.logRefusal(ctx, v, err)
}

// PasswordHash returns a user and the stored hash, for signing in: of an active account only.
func (db *Store) PasswordHash(ctx context.Context, name string) (u *docket.User, hash string, err error) {
	err = db.view(ctx, func(tx *Tx) error {
		u, err = scanUser(tx.queryRow(ctx, `SELECT `+userColumns+`, u.password_hash FROM users u WHERE u.name = ? AND `+live, name), &hash)
		if errors.Is(err, sql.ErrNoRows) {
			return docket.Errorf(docket.ENOTFOUND, "no user %q", name)
		}
		return err
	})
	return u, hash, err
}

// CreateSession stores a session by the hash of its id. Expired sessions are swept on the way.
func (db *Store) CreateSession(ctx context.Context, userID, idHash, csrf string, expires time.Time) error {
	if idHash == "" || csrf == "" {
		return docket.Errorf(docket.EINVALID, "a session needs an id hash and a CSRF token")
	}
	return db.update(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE expires_at < ?`, formatTime(tx.now)); err != nil {
			return err
		}
		_, err := tx.exec(ctx, `INSERT INTO sessions (id_hash, user_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
			idHash, userID, csrf, formatTime(tx.now), formatTime(expires))
		if err != nil {
			return fmt.Errorf("create session: %w", err)
		}
		return nil
	})
}

// FindSession returns the live session with the id hash and its user as the store has it now.
// Disabling an account deletes its sessions; the condition on the account here holds too
// for a session made while it was being disabled.
func (db *Store) FindSession(ctx context.Context, idHash string) (s *docket.Session, err error) {
	err = db.view(ctx, func(tx *Tx) error {
		var csrf, created, expires string
		u, err := scanUser(tx.queryRow(ctx, `SELECT `+userColumns+`, s.csrf, s.created_at, s.expires_at
			FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ? AND s.expires_at > ? AND `+live, idHash, formatTime(tx.now)),
			&csrf, &created, &expires)
		if errors.Is(err, sql.ErrNoRows) {
			return docket.Errorf(docket.EUNAUTHORIZED, "the session has ended; sign in again")
		} else if err != nil {
			return fmt.Errorf("find session: %w", err)
		}
		s = &docket.Session{User: u, CSRF: csrf, CreatedAt: parseTime(created), ExpiresAt: parseTime(expires)}
		return nil
	})
	return s, err
}

// DeleteSession ends one session.
func (db *Store) DeleteSession(ctx context.Context, idHash string) error {
	return db.update(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `DELETE FROM sessions WHERE id_hash = ?`, idHash)
		return err
	})
}

// DeleteUserSessions ends every session of a user.
func (db *Store) DeleteUserSessions(ctx context.Context, userID string) error {
	return db.update(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, userID)
		return err
	})
}

// mayChangeCleared refuses an uncleared admin a change to a cleared account: whoever could set
// its password or role could act with its clearance, which they do not hold.
func mayChangeCleared(v docket.Viewer, u *docket.User, what string) error {
	if u.Cleared && !v.Cleared {
		return docket.Errorf(docket.EFORBIDDEN, "only a cleared admin may change %s %s, who is cleared for confidential data; any admin may disable the account", what, u.Name)
	}
	return nil
}

// notLastAdmin refuses to leave the registry with no active admin: no one could then manage
// accounts from the web, or stop one.
func (tx *Tx) notLastAdmin(ctx context.Context, u *docket.User, what string) error {
	if u.Role != docket.Admin || u.State != docket.UserActive {
		return nil
	}
	var n int
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM users u WHERE u.role = ? AND u.id <> ? AND `+live, docket.Admin.String(), u.ID).Scan(&n); err != nil {
		return fmt.Errorf("count admins: %w", err)
	}
	if n == 0 {
		return docket.Errorf(docket.ECONFLICT, "%s is the last active admin and cannot be %s: make another admin first", u.Name, what)
	}
	return nil
}

// DisableUser stops an account at once. Any admin may, whatever the account's clearance.
func (db *Store) DisableUser(ctx context.Context, v docket.Viewer, name string) (u *docket.User, err error) {
	if err := v.Authorize(docket.Admin); err != nil {
		return nil, db.logRefusal(ctx, v, db.refuse(docket.SecAccountDisabled, "disable", v, name, err))
	}
	err = db.update(ctx, func(tx *Tx) error {
		if u, err = tx.findUser(ctx, name); err != nil {
			return err
		}
		if err := tx.notLastAdmin(ctx, u, "disabled"); err != nil {
			return db.refuse(docket.SecAccountDisabled, "disable", v, name, err)
		}
		if u.State == docket.UserActive {
			if _, err := tx.exec(ctx, `UPDATE users SET disabled_at = ? WHERE id = ?`, formatTime(tx.now), u.ID); err != nil {
				return fmt.Errorf("disable user: %w", err)
			}
		}
		u.State = docket.UserDisabled
		// Its tokens stop through their join to the account, and work again if it is enabled.
		if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, u.ID); err != nil {
			return err
		}
		return tx.appendSecurity(ctx, &docket.SecurityEvent{Kind: docket.SecAccountDisabled, Actor: v.Name, Subject: name,
			Detail: "its sessions ended and its tokens stopped"})
	})
	if err == nil {
		db.Logger.Warn("account disabled", "by", v.Name, "user", name)
	}
	return u, db.logRefusal(ctx, v, err)
}

// EnableUser lets a disabled account sign in again.
func (db *Store) EnableUser(ctx context.Context, v docket.Viewer, name string) (u *docket.User, err error) {
	if err := v.Authorize(docket.Admin); err != nil {
		return nil, db.logRefusal(ctx, v, db.refuse(docket.SecAccountEnabled, "enable", v, name, err))
	}
	err = db.update(ctx, func(tx *Tx) error {
		if u, err = tx.findUser(ctx, name); err != nil {
			return err
		}
		// Enabling gives back what disabling stopped: no one gives what they do not hold.
		if err := mayChangeCleared(v, u, "the access of"); err != nil {
			return db.refuse(docket.SecAccountEnabled, "enable", v, name, err)
		}
		if _, err := tx.exec(ctx, `UPDATE users SET disabled_at = NULL WHERE id = ?`, u.ID); err != nil {
			return fmt.Errorf("enable user: %w", err)
		}
		u.State = docket.UserActive
		return tx.appendSecurity(ctx, &docket.SecurityEvent{Kind: docket.SecAccountEnabled, Actor: v.Name, Subject: name})
	})
	if err == nil {
		db.Logger.Info("account enabled", "by", v.Name, "user", name)
	}
	return u, db.logRefusal(ctx, v, err)
}

// RemoveUser ends an account for good, keeping its row as a tombstone without a password.
func (db *Store) RemoveUser(ctx context.Context, v docket.Viewer, name string) error {
	if err := v.Authorize(docket.Admin); err != nil {
		return db.logRefusal(ctx, v, db.refuse(docket.SecAccountRemoved, "remove", v, name, err))
	}
	err := db.update(ctx, func(tx *Tx) error {
		u, err := tx.findUser(ctx, name)
		if err != nil {
			return err
		}
		// Removal cannot be undone, unlike disabling: it is the cleared admins' to decide.
		if err := mayChangeCleared(v, u, "the account of"); err != nil {
			return db.refuse(docket.SecAccountRemoved, "remove", v, name, err)
		}
		if err := tx.notLastAdmin(ctx, u, "removed"); err != nil {
			return db.refuse(docket.SecAccountRemoved, "remove", v, name, err)
		}
		now := formatTime(tx.now)
		if _, err := tx.exec(ctx, `UPDATE users SET removed_at = ?, password_hash = '' WHERE id = ?`, now, u.ID); err != nil {
			return fmt.Errorf("remove user: %w", err)
		}
		if _, err := tx.exec(ctx, `UPDATE tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL`, now, u.ID); err != nil {
			return fmt.Errorf("revoke the tokens of a removed user: %w", err)
		}
		if err := tx.deleteFactors(ctx, u.ID); err != nil {
			return err
		}
		if _, err = tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, u.ID); err != nil {
			return err
		}
		return tx.appendSecurity(ctx, &docket.SecurityEvent{Kind: docket.SecAccountRemoved, Actor: v.Name, Subject: name,
			Detail: "its sessions ended, its tokens and second factors revoked"})
	})
	if err == nil {
		db.Logger.Warn("account removed", "by", v.Name, "user", name)
	}
	return db.logRefusal(ctx, v, err)
}

// door runs fn in a transaction of its own that writes the sign-in throttle's rows, which are
// in no change log: it does not wait for the writers' lock, which an import holds for its whole
// length on PostgreSQL (a SQLite write transaction holds the file anyway).
func (db *Store) door(ctx context.Context, fn func(tx *Tx) error) error {
	tx, err := db.begin(ctx, db.W)
	if err != nil {
		return db.busy(fmt.Errorf("begin: %w", err))
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return db.busy(err)
	}
	if err := tx.Commit(); err != nil {
		return db.busy(fmt.Errorf("commit: %w", err))
	}
	return nil
}

// SignInFailures returns the failed sign-ins under key since then, oldest first.
func (db *Store) SignInFailures(ctx context.Context, key string, since time.Time) (ts []time.Time, err error) {
	err = db.view(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT at FROM signin_failures WHERE key = ? AND at > ? ORDER BY at`, key, formatTime(since))
		if err != nil {
			return fmt.Errorf("sign-in failures: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var at string
			if err := rows.Scan(&at); err != nil {
				return err
			}
			ts = append(ts, parseTime(at))
		}
		return rows.Err()
	})
	return ts, err
}

// RecordSignInFailure records a failed sign-in under each key and sweeps the old ones.
func (db *Store) RecordSignInFailure(ctx context.Context, keys []string, at, forget time.Time) error {
	return db.door(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, `DELETE FROM signin_failures WHERE at < ?`, formatTime(forget)); err != nil {
			return fmt.Errorf("sweep sign-in failures: %w", err)
		}
		for _, k := range keys {
			if _, err := tx.exec(ctx, `INSERT INTO signin_failures (key, at) VALUES (?, ?)`, k, formatTime(at)); err != nil {
				return fmt.Errorf("record a sign-in failure: %w", err)
			}
		}
		return nil
	})
}

// ClearSignInFailures forgets the failures under key.
func (db *Store) ClearSignInFailures(ctx context.Context, key string) error {
	return db.door(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `DELETE FROM signin_failures WHERE key = ?`, key)
		return err
	})
}
