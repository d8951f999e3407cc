package docket

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// Token is an API token: a name, the most it allows (a role and a clearance), and when it
// ends. Only a hash of its secret is stored, and it is shown once, when the token is made.
//
// A token may act for an account (User). Its bearer then has the account's role and clearance
// as they are now, capped by the token's, and writes as the account; the token stops working
// when the account is disabled or removed. A token of no account acts under its own name, as
// tokens always did.
type Token struct {
	ID         string     `json:"id"`
	Name       string     `json:"name"`
	Role       Role       `json:"role"`
	Cleared    bool       `json:"cleared"`
	User       string     `json:"user,omitempty"` // the account it acts for; "" for none
	Author     string     `json:"author"`         // the author id of what it writes, when it acts for no account
	CreatedAt  time.Time  `json:"created"`
	ExpiresAt  time.Time  `json:"expires,omitzero"`   // zero: it never expires
	LastUsedAt time.Time  `json:"last_used,omitzero"` // zero: never used; recorded to the minute
	RevokedAt  time.Time  `json:"revoked,omitzero"`
	State      TokenState `json:"state"` // as the store saw it when it read the token
	// Account is the account the token acts for as stored when the token was read, or nil.
	Account *User `json:"-"`
}

// TokenState says whether a token works.
type TokenState string

// Token states. Only an active token authenticates.
const (
	TokenActive   TokenState = "active"
	TokenExpired  TokenState = "expired"
	TokenRevoked  TokenState = "revoked"
	TokenDisabled TokenState = "disabled" // its account is disabled or removed
)

// Viewer returns who the token's bearer is. A token of an account whose account was not read
// with it is no one: failing closed beats acting with the token's own role.
func (t *Token) Viewer() Viewer {
	if t.User == "" {
		return Viewer{Name: t.Name, Author: t.Author, Role: t.Role, Cleared: t.Cleared}
	}
	a := t.Account
	if a == nil || a.Name != t.User || a.State != UserActive {
		return AnonymousViewer
	}
	return Viewer{Name: a.Name, Author: a.Author, Role: min(a.Role, t.Role), Cleared: a.Cleared && t.Cleared}
}

// DefaultTokenLife is how long a token lasts when nothing else is said: long enough for a
// quarter's reporting, short enough that a forgotten token ends on its own.
const DefaultTokenLife = "90d"

// ParseTokenExpiry reads when a token made at now should expire: a term of days, weeks, months
// or years ("90d", "12w", "6m", "1y"), a date ("2027-03-31", the start of that day in UTC),
// or "never", which returns the zero time. A term or date that is not in the future is an
// error.
func ParseTokenExpiry(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "never" {
		return time.Time{}, nil
	}
	bad := Errorf(EINVALID, "expiry %q: want a term such as 90d, 12w, 6m or 1y, a date YYYY-MM-DD, or never", s)
	var t time.Time
	if d, err := time.Parse("2006-01-02", s); err == nil {
		t = d
	} else {
		if len(s) < 2 {
			return time.Time{}, bad
		}
		n, err := strconv.Atoi(s[:len(s)-1])
		if err != nil || n <= 0 || n > 100000 || s[0] == '+' {
			return time.Time{}, bad
		}
		switch s[len(s)-1] {
		case 'd':
			t = now.AddDate(0, 0, n)
		case 'w':
			t = now.AddDate(0, 0, 7*n)
		case 'm':
			t = now.AddDate(0, n, 0)
		case 'y':
			t = now.AddDate(n, 0, 0)
		default:
			return time.Time{}, bad
		}
	}
	if !t.After(now) {
		return time.Time{}, Errorf(EINVALID, "expiry %q is not in the future", s)
	} else if t.After(now.AddDate(100, 0, 0)) {
		return time.Time{}, Errorf(EINVALID, "expiry %q is over a hundred years away: say never", s)
	}
	return t.UTC(), nil
}

// TokenService holds API tokens. Tokens are operational state, like accounts: not records of
// the change log, never exported or copied. Managing them needs the admin role.
type TokenService interface {
	// CreateToken makes a token from t's Name, Role, Cleared, User and ExpiresAt (zero: it
	// never expires, which callers must choose on purpose), stamps its ID and CreatedAt, and
	// returns the secret, once; only a hash of it is kept. Names are unique among live tokens
	// (neither revoked nor expired): ECONFLICT when one has the name. EFORBIDDEN below admin,
	// and for an uncleared admin making a cleared token or a token of a cleared account (it
	// writes as its holder); ENOTFOUND for an unknown account, ECONFLICT for a disabled one;
	// EINVALID for an expiry not in the future.
	CreateToken(ctx context.Context, v Viewer, t *Token) (secret string, err error)
	// FindTokens lists every token, revoked and expired ones too, by name and then age, with
	// its state; never a secret or a hash. Needs the admin role.
	FindTokens(ctx context.Context, v Viewer) ([]*Token, error)
	// RevokeToken revokes every token of the name that is not revoked yet; it holds from the
	// next request on. Any admin may revoke any token. ENOTFOUND when none is left to revoke.
	RevokeToken(ctx context.Context, v Viewer, name string) error
	// FindTokenBySecret returns the active token whose secret this is, with its account, and
	// records its use (at most about once a minute). An unknown, expired, revoked or
	// disabled token is one EUNAUTHORIZED with one message: a bad token must not say which.
	FindTokenBySecret(ctx context.Context, secret string) (*Token, error)
}
