package docket

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// SecurityEvent is one entry of the security log: a sign-in (successful or not, with its
// address, user agent and factor), a change to an account, a second factor, a password or an
// API token, a refused attempt at one, or a file of the registry written (an export, a bundle,
// a WARC, a backup). The log is never public and never in an export: it is appended to a
// hash chain of its own, which docket verify checks, and travels only in docket backup and
// docket copy.
type SecurityEvent struct {
	Seq       int64     `json:"seq"`
	Time      time.Time `json:"time"`
	Kind      string    `json:"kind"`              // what happened: one of the Sec* kinds
	Outcome   string    `json:"outcome"`           // ok, failed or refused
	Actor     string    `json:"actor,omitempty"`   // who acted: an account, a token or the operator; "" for a visitor
	Subject   string    `json:"subject,omitempty"` // the account or token acted on; of a sign-in, the name given
	Via       string    `json:"via,omitempty"`     // web, api or command line
	Addr      string    `json:"addr,omitempty"`    // the client's address
	UserAgent string    `json:"user_agent,omitempty"`
	Factor    string    `json:"factor,omitempty"` // of a sign-in: password, totp, webauthn, recovery code
	Detail    string    `json:"detail,omitempty"` // what else there is to say, in words
	Hash      string    `json:"hash"`             // hex SHA-256 of the previous entry's hash and this entry
}

// Kinds of security events.
const (
	SecSignIn          = "sign-in"        // Outcome ok or failed; Factor says which
	SecSignOut         = "sign-out"       // everywhere: every session of the account ended
	SecPassword        = "password"       // a password set, by its holder or an admin
	SecFactorAdded     = "factor.added"   // a second factor enrolled
	SecFactorRemoved   = "factor.removed" // one removed by its holder
	SecFactorReset     = "factor.reset"   // every second factor of an account removed by an admin
	SecRecoveryCodes   = "recovery-codes" // a new set of recovery codes made
	SecPolicy          = "second-factor.policy"
	SecAccountCreated  = "account.created"
	SecAccountChanged  = "account.changed" // its role or clearance
	SecAccountDisabled = "account.disabled"
	SecAccountEnabled  = "account.enabled"
	SecAccountRemoved  = "account.removed"
	SecTokenCreated    = "token.created"
	SecTokenRevoked    = "token.revoked"
	SecExport          = "export"  // docket export, full or public
	SecImport          = "import"  // docket import
	SecBundle          = "bundle"  // an evidence bundle written
	SecWARC            = "warc"    // snapshots written as WARC
	SecBackup          = "backup"  // docket backup
	SecCopy            = "copy"    // docket copy, from this store
	SecRestore         = "restore" // a store made from a backup
)

// SecurityKinds lists the kinds, for filters.
var SecurityKinds = []string{SecSignIn, SecSignOut, SecPassword, SecFactorAdded, SecFactorRemoved, SecFactorReset,
	SecRecoveryCodes, SecPolicy, SecAccountCreated, SecAccountChanged, SecAccountDisabled, SecAccountEnabled,
	SecAccountRemoved, SecTokenCreated, SecTokenRevoked, SecExport, SecImport, SecBundle, SecWARC, SecBackup, SecCopy, SecRestore}

// Outcomes of security events.
const (
	OutcomeOK      = "ok"
	OutcomeFailed  = "failed"  // a sign-in whose password or second factor was wrong
	OutcomeRefused = "refused" // an action the actor may not take
)

// ChainHash returns the entry's hash in the chain: the SHA-256 of the previous entry's hash
// (none for the first) and a canonical text of every field but the hash, one a line, strings
// quoted, so that no two entries read alike.
func (e *SecurityEvent) ChainHash(prev []byte) []byte {
	var b strings.Builder
	b.WriteString("docket-security-event v1\n")
	b.WriteString(hex.EncodeToString(prev))
	b.WriteByte('\n')
	b.WriteString(strconv.FormatInt(e.Seq, 10))
	b.WriteByte('\n')
	b.WriteString(e.Time.UTC().Format("2006-01-02T15:04:05.000000Z"))
	for _, s := range []string{e.Kind, e.Outcome, e.Actor, e.Subject, e.Via, e.Addr, e.UserAgent, e.Factor, e.Detail} {
		b.WriteByte('\n')
		b.WriteString(strconv.Quote(s))
	}
	b.WriteByte('\n')
	h := sha256.Sum256([]byte(b.String()))
	return h[:]
}

// SecurityFilter narrows a read of the security log. Zero fields do not narrow it.
type SecurityFilter struct {
	Kind    string    // one kind
	Outcome string    // ok, failed or refused
	User    string    // the actor or the subject
	Addr    string    // the client's address
	Since   time.Time // at or after
	Until   time.Time // before
	Before  int64     // only entries older than this sequence number: the next page, newest first
	Limit   int       // at most this many; 100 when 0, at most 1000
}

// SecurityLogService keeps the security log.
type SecurityLogService interface {
	// LogSecurity appends an event, stamping its Seq, Time and Hash; Via, Addr and UserAgent
	// come from the context's RequestInfo where the event leaves them empty. It takes no
	// viewer: it is written at the door, by the server, for visitors who are no one yet.
	// Stores also append the events of their own account changes, in the change's transaction.
	LogSecurity(ctx context.Context, e *SecurityEvent) error
	// FindSecurityEvents returns the entries the filter asks for, newest first. It needs the
	// admin role (EUNAUTHORIZED, EFORBIDDEN): the log is never public.
	FindSecurityEvents(ctx context.Context, v Viewer, f SecurityFilter) ([]*SecurityEvent, error)
	// ReadSecurityLog calls fn with every entry, oldest first, for a copy of the store. It
	// needs a cleared admin (the operator).
	ReadSecurityLog(ctx context.Context, v Viewer, fn func(*SecurityEvent) error) error
	// CopySecurityLog appends entries read from another store's log, as they are, into an
	// empty log (ECONFLICT otherwise), checking their chain as it goes (EINVALID names the
	// first entry that breaks it); it writes all or nothing. It needs a cleared admin.
	CopySecurityLog(ctx context.Context, v Viewer, next func() (*SecurityEvent, error)) (int64, error)
	// SecurityLogHead returns the number of entries and the last one's hash (hex; "" when
	// empty). It needs the admin role.
	SecurityLogHead(ctx context.Context, v Viewer) (n int64, hash string, err error)
	// VerifySecurityLog recomputes the chain and returns a problem for each entry that breaks
	// it (altered, inserted, removed or reordered).
	VerifySecurityLog(ctx context.Context) ([]Problem, error)
}

// RequestInfo is where a request comes from, for the security log: the way in (web, api,
// command line), the client's address and its user agent.
type RequestInfo struct {
	Via, Addr, UserAgent string
}

// Ways in, for RequestInfo.Via.
const (
	ViaWeb         = "web"
	ViaAPI         = "api"
	ViaCommandLine = "command line"
)

type requestInfoKey struct{}

// WithRequestInfo returns a context that carries where its request comes from.
func WithRequestInfo(ctx context.Context, ri RequestInfo) context.Context {
	return context.WithValue(ctx, requestInfoKey{}, ri)
}

// RequestInfoFrom returns the RequestInfo of the context, or none.
func RequestInfoFrom(ctx context.Context) RequestInfo {
	ri, _ := ctx.Value(requestInfoKey{}).(RequestInfo)
	return ri
}

// MaxSecurityField caps a field of a security event that comes from outside (a name typed at
// the sign-in form, a user agent): the log is written for visitors who are no one yet.
const MaxSecurityField = 300

// ClipSecurityField cuts s to MaxSecurityField bytes, on a rune boundary, and drops control
// characters, which would let a visitor forge the look of the log in a terminal.
func ClipSecurityField(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\uFFFD' {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, ""))
	if len(s) <= MaxSecurityField {
		return s
	}
	cut := MaxSecurityField
	for cut > 0 && !utf8RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }
