package docket

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// FactorKind is a kind of second factor of sign-in.
type FactorKind string

// Kinds of second factors: a TOTP key of an authenticator app (RFC 6238), and a WebAuthn
// credential (a security key or a passkey).
const (
	FactorTOTP     FactorKind = "totp"
	FactorWebAuthn FactorKind = "webauthn"
)

// SecondFactor is a second factor of an account's sign-in. What proves it (the TOTP key, the
// WebAuthn credential) is filled only by the methods of the door (SignInFactors), for the
// server that checks it; no page or list carries it.
type SecondFactor struct {
	ID         string     `json:"id"`
	Kind       FactorKind `json:"kind"`
	Name       string     `json:"name"` // its holder's label: "phone", "blue key"
	CreatedAt  time.Time  `json:"created"`
	LastUsedAt time.Time  `json:"last_used,omitzero"`

	Secret       []byte `json:"-"` // of TOTP: the key
	LastStep     int64  `json:"-"` // of TOTP: the last time step whose code was taken
	CredentialID []byte `json:"-"` // of WebAuthn: the credential's id
	Credential   []byte `json:"-"` // of WebAuthn: the credential as the web's library keeps it (JSON)
}

// MaxFactorName caps a factor's label.
const MaxFactorName = 60

// CheckFactorName trims a factor's label and checks it: 1 to 60 characters, no control
// characters. An empty label is named after the kind.
func CheckFactorName(name string, kind FactorKind) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		switch kind {
		case FactorTOTP:
			name = "authenticator app"
		default:
			name = "security key"
		}
	}
	if utf8.RuneCountInString(name) > MaxFactorName || !utf8.ValidString(name) {
		return "", Errorf(EINVALID, "the name of a second factor has at most %d characters", MaxFactorName)
	}
	for i, r := range name {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return "", Errorf(EINVALID, "the name of a second factor has a control character at byte %d", i+1)
		}
	}
	return name, nil
}

// SecondFactorPolicy says whose sign-in needs a second factor: the accounts of the listed
// roles, and every account cleared for confidential data. API tokens are not affected.
type SecondFactorPolicy struct {
	Roles     []Role    `json:"roles"`
	Cleared   bool      `json:"cleared"`
	UpdatedAt time.Time `json:"updated,omitzero"`
	UpdatedBy string    `json:"updated_by,omitempty"` // the author id of the last change
}

// Requires reports whether the policy asks a second factor of the user.
func (p *SecondFactorPolicy) Requires(u *User) bool {
	if p == nil || u == nil {
		return false
	}
	return (p.Cleared && u.Cleared) || slices.Contains(p.Roles, u.Role)
}

// Looser reports whether q asks a second factor of someone p asks it of.
func (p *SecondFactorPolicy) Looser(q *SecondFactorPolicy) bool {
	if p.Cleared && !q.Cleared {
		return true
	}
	for _, r := range p.Roles {
		if !slices.Contains(q.Roles, r) {
			return true
		}
	}
	return false
}

// SecondFactorStatus is an account's second factors as its holder and admins see them.
type SecondFactorStatus struct {
	Required      bool            // the policy asks a second factor of the account
	Factors       []*SecondFactor // by age
	RecoveryCodes int             // unused recovery codes left
}

// Has reports whether the account has a factor of the kind.
func (s *SecondFactorStatus) Has(k FactorKind) bool {
	for _, f := range s.Factors {
		if f.Kind == k {
			return true
		}
	}
	return false
}

// RecoveryCodeCount is how many recovery codes an account gets at a time.
const RecoveryCodeCount = 10

// SecondFactorService keeps second factors, recovery codes, the policy, and the state of a
// sign-in between its password and its second factor. Its changes are in the security log.
//
// An account's holder enrols and removes their own factors (a viewer with the account's name
// and author id: no admin adds a device to someone else's account); an admin resets them
// (every factor and recovery code goes, and the account's sessions end), a cleared account
// only by a cleared admin. Any admin may require more of the policy; only a cleared admin may
// ask less of it, as with the settings.
type SecondFactorService interface {
	// SecondFactorStatus returns an account's factors, without what proves them, to the
	// account's holder or an admin.
	SecondFactorStatus(ctx context.Context, v Viewer, name string) (*SecondFactorStatus, error)
	// AddSecondFactor enrols a confirmed factor for the viewer's own account, stamping its ID
	// and CreatedAt. recovery, when given, are the hashes of a new set of recovery codes that
	// replaces the old. EINVALID for a bad name or an empty proof, ECONFLICT for a WebAuthn
	// credential already enrolled.
	AddSecondFactor(ctx context.Context, v Viewer, name string, f *SecondFactor, recovery []string) error
	// RemoveSecondFactor removes one of the viewer's own factors (ENOTFOUND for none of that
	// id). ECONFLICT when it is the last and the policy requires one; the last factor takes
	// the recovery codes with it.
	RemoveSecondFactor(ctx context.Context, v Viewer, name, id string) error
	// SetRecoveryCodes replaces the viewer's own recovery codes by these hashes. ECONFLICT
	// without a second factor, which they stand in for.
	SetRecoveryCodes(ctx context.Context, v Viewer, name string, hashes []string) error
	// ResetSecondFactors removes every factor and recovery code of an account and ends its
	// sessions: for one who lost theirs. Needs the admin role; a cleared account, a cleared
	// admin.
	ResetSecondFactors(ctx context.Context, v Viewer, name string) error
	// SecondFactorPolicy returns the policy, to an admin.
	SecondFactorPolicy(ctx context.Context, v Viewer) (*SecondFactorPolicy, error)
	// SetSecondFactorPolicy replaces the policy. Needs the admin role, and clearance to ask
	// less than before. Sessions of accounts it now requires a factor of, and which have
	// none, end.
	SetSecondFactorPolicy(ctx context.Context, v Viewer, p SecondFactorPolicy) (*SecondFactorPolicy, error)

	// The door. These take no viewer: whoever uses them is not signed in yet.

	// SignInFactors returns the factors of an active account with what proves them.
	SignInFactors(ctx context.Context, userID string) (*SecondFactorStatus, error)
	// UseTOTP records that the factor's code of time step was taken, and refuses (ECONFLICT)
	// a step no later than the last taken: a code is good once.
	UseTOTP(ctx context.Context, userID, factorID string, step int64) error
	// UseRecoveryCode spends the recovery code of this hash and returns how many are left;
	// ENOTFOUND for one that is unknown or spent.
	UseRecoveryCode(ctx context.Context, userID, hash string) (left int, err error)
	// UseWebAuthn stores a WebAuthn credential as its last assertion left it (its sign count).
	UseWebAuthn(ctx context.Context, userID, factorID string, credential []byte) error
	// CreatePendingSignIn keeps a sign-in whose password was right, by the hash of its id.
	CreatePendingSignIn(ctx context.Context, userID, idHash string, expires time.Time) error
	// FindPendingSignIn returns the user of a live pending sign-in of an active account,
	// and its failures so far; EUNAUTHORIZED otherwise.
	FindPendingSignIn(ctx context.Context, idHash string) (*User, int, error)
	// FailPendingSignIn counts a wrong second factor and returns the failures; the sign-in
	// ends at max.
	FailPendingSignIn(ctx context.Context, idHash string, max int) (int, error)
	// DeletePendingSignIn ends a pending sign-in.
	DeletePendingSignIn(ctx context.Context, idHash string) error
	// PutCeremony keeps the state of a ceremony (an enrolment, a WebAuthn challenge) under
	// id, replacing any, until expires.
	PutCeremony(ctx context.Context, id, userID string, data []byte, expires time.Time) error
	// TakeCeremony returns and deletes the ceremony of id and user: a challenge answers once.
	// ENOTFOUND when there is none, or it expired.
	TakeCeremony(ctx context.Context, id, userID string) ([]byte, error)
}
