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
		return err
	}
	u.Name = strings.TrimSpace(u.Name)
	if err := docket.ValidateUserName(u.Name); err != nil {
		return err
	}
	if u.Role <= docket.Anonymous || u.Role > docket.Admin {
		return docket.Errorf(docket.EINVALID, "user %s needs a role (viewer, researcher, editor or admin)", u.Name)
	}
	if u.Cleared && !v.Cleared {
		return docket.Errorf(docket.EFORBIDDEN, "only a cleared admin may grant a clearance")
	}
	if passwordHash == "" {
		return docket.Errorf(docket.EINVALID, "user %s needs a password", u.Name)
	}
	return db.update(ctx, func(tx *Tx) error {
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM users WHERE name = ?`, u.Name).Scan(&n); err != nil {
			return err
		} else if n > 0 {
			return docket.Errorf(docket.ECONFLICT, "there is a user %s already", u.Name)
		}
		u.ID, u.CreatedAt = tx.newID("u"), tx.now
		var err error
		if u.Author, err = tx.newAuthor(ctx, docket.AuthorAccount, u.Name); err != nil {
			return err
		}
		_, err = tx.exec(ctx, `INSERT INTO users (id, name, role, cleared, password_hash, created_at, author_id) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			u.ID, u.Name, u.Role.String(), u.Cleared, passwordHash, formatTime(u.CreatedAt), u.Author)
		if err != nil {
			return fmt.Errorf("create user: %w", db.formatError(err, u.Name))
		}
		return nil
	})
}

const userColumns = `u.id, u.name, u.role, u.cleared, u.created_at, COALESCE(u.author_id, '')`

func scanUser(sc interface{ Scan(...any) error }, extra ...any) (*docket.User, error) {
	var u docket.User
	var role, created string
	if err := sc.Scan(append([]any{&u.ID, &u.Name, &role, &u.Cleared, &created, &u.Author}, extra...)...); err != nil {
		return nil, err
	}
	u.Role, _ = docket.ParseRole(role)
	u.CreatedAt = parseTime(created)
	return &u, nil
}

// FindUsers lists every account by name.
func (db *Store) FindUsers(ctx context.Context, v docket.Viewer) (out []*docket.User, err error) {
	if err := v.Authorize(docket.Admin); err != nil {
		return nil, err
	}
	err = db.view(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+userColumns+` FROM users u ORDER BY u.name`)
		if err != nil {
			return fmt.Errorf("read users: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			u, err := scanUser(rows)
			if err != nil {
				return err
			}
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
	u, err := scanUser(tx.queryRow(ctx, `SELECT `+userColumns+` FROM users u WHERE u.name = ?`, name))
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
		return nil, err
	}
	if upd.Role != nil && (*upd.Role <= docket.Anonymous || *upd.Role > docket.Admin) {
		return nil, docket.Errorf(docket.EINVALID, "unknown role")
	}
	if upd.Cleared != nil && !v.Cleared {
		return nil, docket.Errorf(docket.EFORBIDDEN, "only a cleared admin may grant or withdraw a clearance")
	}
	err = db.update(ctx, func(tx *Tx) error {
		if u, err = tx.findUser(ctx, name); err != nil {
			return err
		}
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
		_, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, u.ID)
		return err
	})
	return u, err
}

// SetPassword replaces a password hash and ends the user's sessions.
func (db *Store) SetPassword(ctx context.Context, v docket.Viewer, name, passwordHash string) error {
	if v.Role == docket.Anonymous {
		return v.Authorize(docket.Reader)
	}
	if v.Role != docket.Admin && v.Name != name {
		return docket.Errorf(docket.EFORBIDDEN, "only an admin may set another user's password")
	}
	if passwordHash == "" {
		return docket.Errorf(docket.EINVALID, "a password is required")
	}
	return db.update(ctx, func(tx *Tx) error {
		u, err := tx.findUser(ctx, name)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, passwordHash, u.ID); err != nil {
			return fmt.Errorf("set password: %w", err)
		}
		_, err = tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, u.ID)
		return err
	})
}

// PasswordHash returns a user and the stored hash, for signing in.
func (db *Store) PasswordHash(ctx context.Context, name string) (u *docket.User, hash string, err error) {
	err = db.view(ctx, func(tx *Tx) error {
		u, err = scanUser(tx.queryRow(ctx, `SELECT `+userColumns+`, u.password_hash FROM users u WHERE u.name = ?`, name), &hash)
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
func (db *Store) FindSession(ctx context.Context, idHash string) (s *docket.Session, err error) {
	err = db.view(ctx, func(tx *Tx) error {
		var csrf, created, expires string
		u, err := scanUser(tx.queryRow(ctx, `SELECT `+userColumns+`, s.csrf, s.created_at, s.expires_at
			FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ? AND s.expires_at > ?`, idHash, formatTime(tx.now)),
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
