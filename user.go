package docket

import (
	"context"
	"strings"
	"time"
	"unicode"
)

// User is a person who signs in to the web interface: a name, a role, and a clearance for
// confidential data that an admin grants apart from the role. Accounts are operational state,
// like API tokens: they are not records of the change log, and never part of an export. The
// password hash and the sessions stay inside the store; no type here carries them out.
type User struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Role      Role      `json:"role"`
	Cleared   bool      `json:"cleared"`
	Author    string    `json:"author"` // the author id of the records the user writes
	CreatedAt time.Time `json:"created"`
	State     UserState `json:"state"`
	// Factors is how many second factors the account has, as FindUsers reads it.
	Factors int `json:"second_factors,omitempty"`
}

// UserState says whether an account may sign in.
type UserState string

// Account states. A disabled account may be enabled again; a removed one is kept as a row
// that no one can sign in with, so that what refers to it still does, and its name is never
// given to someone else.
const (
	UserActive   UserState = "active"
	UserDisabled UserState = "disabled"
	UserRemoved  UserState = "removed"
)

// Viewer returns who the user is when reading and writing.
func (u *User) Viewer() Viewer {
	return Viewer{Name: u.Name, Author: u.Author, Role: u.Role, Cleared: u.Cleared}
}

// MaxUserNameLen caps a user name.
const MaxUserNameLen = 64

// ValidateUserName checks a user name: 1 to 64 letters, digits, '.', '-' or '_', so that a
// name is unambiguous in history and on the command line.
func ValidateUserName(name string) error {
	if name == "" || len(name) > MaxUserNameLen {
		return Errorf(EINVALID, "a user name has 1 to %d characters", MaxUserNameLen)
	}
	for _, r := range name {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(".-_", r)) {
			return Errorf(EINVALID, "user name %q: use letters, digits, '.', '-' and '_' only", name)
		}
	}
	// Records tell an author id from a name written before ids by its form.
	if IsAuthorID(name) || name == WithheldAuthor {
		return Errorf(EINVALID, "user name %q is reserved", name)
	}
	return nil
}

// UserUpdate changes a user. Nil fields are left as they are.
type UserUpdate struct {
	Role    *Role
	Cleared *bool
}

// Session is a signed-in user's session as the server sees it: the user and the token that
// protects the session's forms against cross-site request forgery. The session's id is not
// here: only its hash is stored, and the id lives in the browser's cookie.
type Session struct {
	User      *User
	CSRF      string
	CreatedAt time.Time
	ExpiresAt time.Time
}

// UserService holds accounts and their sessions. Managing accounts needs the admin role, and
// granting a clearance an admin who is cleared: no one grants what they do not hold. So an
// uncleared admin may not change a cleared account's role, clearance or password either, nor
// enable or remove it; but any admin may disable any account, since a phished account must be
// stoppable by whoever notices. The last active admin cannot be disabled, removed or demoted
// (ECONFLICT): someone must be left to manage the accounts. Removed accounts are read by none
// of these methods (ENOTFOUND), but their names stay taken.
type UserService interface {
	// CreateUser creates an account with a password hash made by the caller (package auth).
	// EFORBIDDEN below admin; ECONFLICT when the name is taken, by a removed account too.
	CreateUser(ctx context.Context, v Viewer, u *User, passwordHash string) error
	// FindUsers lists the accounts that are not removed, by name. Needs the admin role.
	FindUsers(ctx context.Context, v Viewer) ([]*User, error)
	// FindUserByName returns ENOTFOUND for an unknown name. An admin may read any account,
	// anyone else only their own.
	FindUserByName(ctx context.Context, v Viewer, name string) (*User, error)
	// UpdateUser changes a user's role or clearance and ends the user's sessions, so that the
	// change holds at once. Needs the admin role, and clearance to grant clearance or to
	// change a cleared account.
	UpdateUser(ctx context.Context, v Viewer, name string, upd UserUpdate) (*User, error)
	// SetPassword replaces a user's password hash and ends the user's sessions. An admin may
	// set anyone's (a cleared account's only if cleared), a user their own.
	SetPassword(ctx context.Context, v Viewer, name, passwordHash string) error
	// DisableUser stops an account at once: it cannot sign in, its sessions end and its tokens
	// stop working. Any admin may disable any account but the last active admin.
	DisableUser(ctx context.Context, v Viewer, name string) (*User, error)
	// EnableUser lets a disabled account sign in again, and its tokens work again. Needs the
	// admin role, and clearance for a cleared account.
	EnableUser(ctx context.Context, v Viewer, name string) (*User, error)
	// RemoveUser ends an account for good: as DisableUser, and its tokens are revoked; the
	// row stays, so its name is never reused. Needs the admin role, and clearance for a
	// cleared account.
	RemoveUser(ctx context.Context, v Viewer, name string) error

	// PasswordHash returns the user and the stored hash for signing in. It takes no viewer:
	// it is the door, and the hash never leaves the server. ENOTFOUND for an unknown name,
	// and for a disabled or removed account, so that signing in to one takes the same path
	// as signing in to no one.
	PasswordHash(ctx context.Context, name string) (*User, string, error)
	// CreateSession stores a session by the hash of its id.
	CreateSession(ctx context.Context, userID, idHash, csrf string, expires time.Time) error
	// FindSession returns the live session with the id hash of an active account, or
	// EUNAUTHORIZED.
	FindSession(ctx context.Context, idHash string) (*Session, error)
	// DeleteSession ends one session.
	DeleteSession(ctx context.Context, idHash string) error
	// DeleteUserSessions ends every session of a user ("log out everywhere").
	DeleteUserSessions(ctx context.Context, userID string) error

	// SignInFailures returns the times of the failed sign-ins under key (an account or a
	// client address, as the server names them) since then, oldest first: the throttle's
	// memory, shared by every server on the store.
	SignInFailures(ctx context.Context, key string, since time.Time) ([]time.Time, error)
	// RecordSignInFailure records a failed sign-in at a time under each key, and forgets
	// failures before forget.
	RecordSignInFailure(ctx context.Context, keys []string, at, forget time.Time) error
	// ClearSignInFailures forgets the failures under key (a sign-in that succeeded).
	ClearSignInFailures(ctx context.Context, key string) error
}
