package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base32"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// Time-based one-time passwords (RFC 6238, over HOTP, RFC 4226) as every authenticator app
// reads them from an otpauth:// URI: HMAC-SHA1, six digits, a new code every 30 seconds. The
// defaults are what the apps all support; a stronger hash would be ignored by some of them
// and give wrong codes, which teaches people to distrust the second factor.

const (
	// TOTPPeriod is how long a code lasts.
	TOTPPeriod = 30 * time.Second
	// TOTPDigits is how many digits a code has.
	TOTPDigits = 6
	// TOTPSkew is how many periods before and after now a code is still taken, for a phone
	// whose clock is a little off.
	TOTPSkew = 1
	// TOTPKeySize is the key's size in bytes: 160 bits, as RFC 4226 recommends for SHA-1.
	TOTPKeySize = 20
)

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewTOTPKey returns a random TOTP key.
func NewTOTPKey() []byte {
	k := make([]byte, TOTPKeySize)
	rand.Read(k)
	return k
}

// TOTPSecret returns a key as people type it into an app: base32, in groups of four.
func TOTPSecret(key []byte) string {
	s := b32.EncodeToString(key)
	var b strings.Builder
	for i := 0; i < len(s); i += 4 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[i:min(i+4, len(s))])
	}
	return b.String()
}

// TOTPURI returns the otpauth:// URI of a key that a QR code gives an app: issuer names the
// installation, account the person.
func TOTPURI(key []byte, issuer, account string) string {
	q := url.Values{}
	q.Set("secret", b32.EncodeToString(key))
	q.Set("issuer", issuer)
	q.Set("algorithm", "SHA1")
	q.Set("digits", fmt.Sprint(TOTPDigits))
	q.Set("period", fmt.Sprint(int(TOTPPeriod.Seconds())))
	label := url.PathEscape(issuer) + ":" + url.PathEscape(account)
	return "otpauth://totp/" + label + "?" + q.Encode()
}

// TOTPStep returns the time step of t: the number of periods since the Unix epoch.
func TOTPStep(t time.Time) int64 { return t.Unix() / int64(TOTPPeriod.Seconds()) }

// TOTPCode returns the code of a key at a time step (RFC 4226 section 5.3).
func TOTPCode(key []byte, step int64) string {
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], uint64(step))
	m := hmac.New(sha1.New, key)
	m.Write(msg[:])
	sum := m.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	n := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	return fmt.Sprintf("%06d", n%1000000)
}

// NormalizeCode returns a code as typed with its spaces and dashes taken out.
func NormalizeCode(code string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\t' || r == '\u00a0' {
			return -1
		}
		return r
	}, strings.TrimSpace(code))
}

// CheckTOTP returns the time step of the code among those within TOTPSkew of now, and
// whether there is one. It compares every candidate in constant time; that the step was not
// taken before is the store's to check (a code is good once).
func CheckTOTP(key []byte, code string, now time.Time) (step int64, ok bool) {
	code = NormalizeCode(code)
	if len(code) != TOTPDigits {
		return 0, false
	}
	at := TOTPStep(now)
	for s := at - TOTPSkew; s <= at+TOTPSkew; s++ {
		if subtle.ConstantTimeCompare([]byte(TOTPCode(key, s)), []byte(code)) == 1 {
			step, ok = s, true
		}
	}
	return step, ok
}

// Recovery codes: 80 random bits each, written as four groups of four base32 characters
// ("K7PF-3MQA-..."), so a fast hash is enough to keep them: nothing short enough to guess.

// NewRecoveryCodes returns n new recovery codes and the hashes a store keeps of them.
func NewRecoveryCodes(n int) (codes, hashes []string) {
	for range n {
		var b [10]byte
		rand.Read(b[:])
		s := b32.EncodeToString(b[:])
		code := s[0:4] + "-" + s[4:8] + "-" + s[8:12] + "-" + s[12:16]
		codes, hashes = append(codes, code), append(hashes, HashRecoveryCode(code))
	}
	return codes, hashes
}

// HashRecoveryCode returns the hash of a recovery code as typed: without its dashes and
// spaces, in capitals, with 0 and 1 read as the letters O and I that base32 has instead.
func HashRecoveryCode(code string) string {
	c := strings.ToUpper(NormalizeCode(code))
	c = strings.NewReplacer("0", "O", "1", "I", "8", "B").Replace(c)
	sum := sha256.Sum256([]byte("docket recovery code\n" + c))
	return hex.EncodeToString(sum[:])
}
