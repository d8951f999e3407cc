package auth

import (
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestTOTPCode holds TOTPCode to the SHA-1 vectors of RFC 6238 appendix B (their last six
// digits: the RFC prints eight).
func TestTOTPCode(t *testing.T) {
	key := []byte("12345678901234567890")
	for _, c := range []struct {
		unix int64
		want string
	}{{59, "287082"}, {1111111109, "081804"}, {1111111111, "050471"}, {1234567890, "005924"}, {2000000000, "279037"}, {20000000000, "353130"}} {
		if got := TOTPCode(key, TOTPStep(time.Unix(c.unix, 0))); got != c.want {
			t.Errorf("TOTPCode at %d = %s, want %s", c.unix, got, c.want)
		}
	}
}

func TestCheckTOTP(t *testing.T) {
	key := NewTOTPKey()
	now := time.Date(2026, 12, 1, 10, 0, 15, 0, time.UTC)
	at := TOTPStep(now)
	for _, c := range []struct {
		name string
		step int64
		ok   bool
	}{{"now", at, true}, {"one period ago", at - 1, true}, {"one period ahead", at + 1, true}, {"two periods ago", at - 2, false}, {"two ahead", at + 2, false}} {
		code := TOTPCode(key, c.step)
		step, ok := CheckTOTP(key, code, now)
		if ok != c.ok || (ok && step != c.step) {
			t.Errorf("%s: CheckTOTP = %d, %v; want %d, %v", c.name, step, ok, c.step, c.ok)
		}
	}
	code := TOTPCode(key, at)
	if _, ok := CheckTOTP(key, code[:3]+" "+code[3:], now); !ok {
		t.Error("a code typed with a space in it is refused")
	}
	for _, bad := range []string{"", "12345", "1234567", "abcdef", code + "0"} {
		if _, ok := CheckTOTP(key, bad, now); ok && bad != code {
			t.Errorf("CheckTOTP(%q) took it", bad)
		}
	}
	if _, ok := CheckTOTP(NewTOTPKey(), code, now); ok {
		t.Error("another key's code is taken (or a 1 in 10^6 coincidence)")
	}
}

func TestTOTPURI(t *testing.T) {
	key := []byte("12345678901234567890")
	u, err := url.Parse(TOTPURI(key, "Docket", "ana@localhost"))
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if u.Scheme != "otpauth" || u.Host != "totp" || q.Get("secret") != "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" || q.Get("issuer") != "Docket" ||
		q.Get("digits") != "6" || q.Get("period") != "30" || !strings.HasPrefix(u.Path, "/Docket:ana") {
		t.Fatalf("TOTPURI = %s", u)
	}
	if s := TOTPSecret(key); s != "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ" {
		t.Fatalf("TOTPSecret = %q", s)
	}
}

func TestRecoveryCodes(t *testing.T) {
	codes, hashes := NewRecoveryCodes(10)
	if len(codes) != 10 || len(hashes) != 10 {
		t.Fatalf("%d codes, %d hashes", len(codes), len(hashes))
	}
	seen := map[string]bool{}
	for i, c := range codes {
		if len(c) != 19 || strings.Count(c, "-") != 3 {
			t.Errorf("code %q: want four groups of four", c)
		}
		if seen[c] {
			t.Errorf("code %q twice", c)
		}
		seen[c] = true
		if HashRecoveryCode(c) != hashes[i] || HashRecoveryCode(strings.ToLower(strings.ReplaceAll(c, "-", " "))) != hashes[i] {
			t.Errorf("code %q does not hash as typed in lower case with spaces", c)
		}
	}
	if HashRecoveryCode(codes[0]) == HashRecoveryCode(codes[1]) {
		t.Error("two codes hash alike")
	}
}
