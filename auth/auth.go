// Package auth holds the secrets of signing in: argon2id password hashes (RFC 9106), random
// passwords for new accounts, and session ids, of which stores keep only a SHA-256.
//
// A password hash is stored in the PHC string format that other tools read:
//
//	$argon2id$v=19$m=65536,t=2,p=2$SALT$HASH
//
// with SALT and HASH in unpadded standard base64. The parameters travel with the hash, so
// they can be raised later without breaking the accounts made before.
//
// A password is hashed in Unicode NFKC form, so that the same password typed on another
// keyboard or system (fullwidth letters, an accent composed or not) signs in. New passwords
// follow one policy, whoever sets them (CheckPassword): at least 12 characters, not only
// spaces or invisible characters, and not one of the most common passwords.
package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	_ "embed"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/docketorg/docket"
	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"
)

// Params are argon2id's costs.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
}

// DefaultParams follow RFC 9106's second recommended option, with 64 MiB of memory: about a
// tenth of a second per hash on one core of a laptop.
var DefaultParams = Params{Memory: 64 * 1024, Time: 2, Threads: 2}

const (
	saltLen = 16
	keyLen  = 32
)

// Password lengths: characters of the normalised password, not counting invisible ones, and
// its bytes. The upper bound keeps a hash from being asked to chew megabytes.
const (
	MinPasswordLen = 12
	MaxPasswordLen = 256
)

// maxInputLen bounds what VerifyPassword normalises: a character of four bytes can become one.
const maxInputLen = 4 * MaxPasswordLen

// The rules a new password can break, as PasswordRule names them; the web interface has a
// message for each.
const (
	RuleText   = "text"   // not UTF-8
	RuleLong   = "long"   // over MaxPasswordLen bytes
	RuleBlank  = "blank"  // only spaces or invisible characters
	RuleShort  = "short"  // under MinPasswordLen characters
	RuleCommon = "common" // one of the most common passwords
)

// NormalizePassword returns the form a password is hashed in: Unicode NFKC.
func NormalizePassword(pw string) string { return norm.NFKC.String(pw) }

// PasswordRule returns the first rule a new password breaks, or "". Existing passwords are
// not held to it: VerifyPassword takes any.
func PasswordRule(pw string) string {
	if !utf8.ValidString(pw) {
		return RuleText
	}
	n := NormalizePassword(pw)
	if len(n) > MaxPasswordLen {
		return RuleLong
	}
	var chars, visible int
	for _, r := range n {
		switch {
		case unicode.IsSpace(r):
			chars++
		case !invisible(r):
			chars++
			visible++
		}
	}
	switch {
	case visible == 0:
		return RuleBlank
	case chars < MinPasswordLen:
		return RuleShort
	case commonPasswords()[strings.ToLower(n)]:
		return RuleCommon
	}
	return ""
}

// invisible reports whether a character that is not a space shows nothing: controls, format
// characters (zero-width spaces and joiners, direction marks), variation selectors and the
// other default-ignorable code points, and the blank braille pattern, which renders as a space.
func invisible(r rune) bool {
	return unicode.In(r, unicode.Cc, unicode.Cf, unicode.Variation_Selector, unicode.Other_Default_Ignorable_Code_Point) || r == '\u2800'
}

// CheckPassword returns EINVALID, naming the rule, for a new password that breaks one.
func CheckPassword(pw string) error {
	switch PasswordRule(pw) {
	case RuleText:
		return docket.Errorf(docket.EINVALID, "a password must be text: this one has bytes that are not UTF-8")
	case RuleLong:
		return docket.Errorf(docket.EINVALID, "a password has at most %d bytes", MaxPasswordLen)
	case RuleBlank:
		return docket.Errorf(docket.EINVALID, "a password cannot be only spaces or invisible characters")
	case RuleShort:
		return docket.Errorf(docket.EINVALID, "a password needs at least %d characters, not counting invisible ones", MinPasswordLen)
	case RuleCommon:
		return docket.Errorf(docket.EINVALID, "this password is one of the most common ones, which are tried first: choose another")
	}
	return nil
}

//go:embed common-passwords.txt
var commonPasswordsFile string

// commonPasswords is the set of common-passwords.txt, lowercased and normalised as there.
var commonPasswords = sync.OnceValue(func() map[string]bool {
	set := map[string]bool{}
	for line := range strings.Lines(commonPasswordsFile) {
		line = strings.TrimRight(line, "\r\n")
		if line != "" && !strings.HasPrefix(line, "#") {
			set[line] = true
		}
	}
	return set
})

// HashPassword returns the argon2id hash of a new password, normalised, with a fresh salt.
func HashPassword(pw string, p Params) (string, error) {
	if err := CheckPassword(pw); err != nil {
		return "", err
	}
	return hash(NormalizePassword(pw), p)
}

func hash(pw string, p Params) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, keyLen)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// VerifyPassword reports whether pw matches the hash, in time that does not depend on where
// they differ. A malformed hash matches nothing. The password is tried normalised, as hashes
// are made now, and then as typed, when that differs: the hashes made before passwords were
// normalised are of the password as typed. Waste takes the same steps, so an unknown account
// costs the same time as a wrong password.
func VerifyPassword(hash, pw string) bool {
	p, salt, key, ok := parseHash(hash)
	if !ok || len(pw) > maxInputLen {
		return false
	}
	try := func(s string) bool {
		if len(s) > MaxPasswordLen {
			return false
		}
		got := argon2.IDKey([]byte(s), salt, p.Time, p.Memory, p.Threads, uint32(len(key)))
		return subtle.ConstantTimeCompare(got, key) == 1
	}
	n := NormalizePassword(pw)
	return try(n) || (n != pw && try(pw))
}

// dummyHash is checked against when a name is unknown, so that signing in takes as long
// whether or not the account exists.
var dummyHash = sync.OnceValue(func() string {
	h, _ := hash("not a password of anyone", DefaultParams)
	return h
})

// Waste spends the time a password check takes, for an unknown user.
func Waste(pw string) { VerifyPassword(dummyHash(), pw) }

func parseHash(h string) (p Params, salt, key []byte, ok bool) {
	parts := strings.Split(h, "$")
	if len(parts) != 6 || parts[1] != "argon2id" || parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return p, nil, nil, false
	}
	var threads uint32
	if n, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &threads); n != 3 || err != nil {
		return p, nil, nil, false
	}
	// Bounds against a hash planted to make every sign-in burn the server.
	if p.Memory < 8 || p.Memory > 1<<21 || p.Time < 1 || p.Time > 16 || threads < 1 || threads > 16 {
		return p, nil, nil, false
	}
	p.Threads = uint8(threads)
	enc := base64.RawStdEncoding
	var err error
	if salt, err = enc.DecodeString(parts[4]); err != nil || len(salt) < 8 {
		return p, nil, nil, false
	}
	if key, err = enc.DecodeString(parts[5]); err != nil || len(key) < 16 {
		return p, nil, nil, false
	}
	return p, salt, key, true
}

// NewPassword returns a random password of 20 characters from an alphabet without look-alike
// characters: about 115 bits, for an account made on the command line.
func NewPassword() string {
	const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, 20)
	for i := range b {
		b[i] = alphabet[randIntn(len(alphabet))]
	}
	return string(b)
}

func randIntn(n int) int {
	// Rejection sampling keeps every character equally likely.
	limit := 256 - 256%n
	var b [1]byte
	for {
		rand.Read(b[:])
		if int(b[0]) < limit {
			return int(b[0]) % n
		}
	}
}

// NewSessionID returns a new session id, 256 random bits in hex, and the hash a store keeps.
func NewSessionID() (id, hash string) {
	var b [32]byte
	rand.Read(b[:])
	id = hex.EncodeToString(b[:])
	return id, HashSessionID(id)
}

// HashSessionID returns the SHA-256 of a session id, in hex: the id is random and long, so a
// fast hash suffices, and a stolen copy of the store holds no live session.
func HashSessionID(id string) string {
	h := sha256.Sum256([]byte(id))
	return hex.EncodeToString(h[:])
}

// NewToken returns 256 random bits in unpadded base64url: a CSRF token.
func NewToken() string {
	var b [32]byte
	rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}
