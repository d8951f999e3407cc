package auth

import (
	"strings"
	"testing"
)

var fast = Params{Memory: 64, Time: 1, Threads: 1}

func TestHashPassword(t *testing.T) {
	h, err := HashPassword("correct horse battery", fast)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("hash %q is not in the PHC argon2id format", h)
	}
	if !VerifyPassword(h, "correct horse battery") {
		t.Fatal("VerifyPassword(right password) = false")
	}
	for _, bad := range []string{"correct horse batterY", "", "correct horse battery "} {
		if VerifyPassword(h, bad) {
			t.Fatalf("VerifyPassword(%q) = true", bad)
		}
	}
	h2, _ := HashPassword("correct horse battery", fast)
	if h2 == h {
		t.Fatal("two hashes of one password are equal: the salt is not fresh")
	}
	for _, malformed := range []string{"", "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5", "$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5", "plain"} {
		if VerifyPassword(malformed, "anything") {
			t.Fatalf("VerifyPassword(%q) = true", malformed)
		}
	}
}

func TestCheckPassword(t *testing.T) {
	for _, c := range []struct{ pw, rule string }{
		{"correct horse battery", ""},
		{"Пароль из двенадцати", ""},
		{"twelve chars", ""},
		{"short", RuleShort},
		{"eleven char", RuleShort},
		// Invisible characters do not count towards the length.
		{"abc\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b", RuleShort},
		{strings.Repeat(" ", 12), RuleBlank},
		{strings.Repeat("\u3000", 14), RuleBlank}, // ideographic spaces
		{"\t\n" + strings.Repeat("\u00a0", 12), RuleBlank},
		{strings.Repeat("\u200b", 16), RuleBlank}, // zero-width spaces
		{strings.Repeat("\u200d\ufe0f\u2060\u2800\u3164\u00ad", 3), RuleBlank},
		{"1qaz2wsx3edc", RuleCommon},
		{"1QAZ2wsx3EDC", RuleCommon}, // whatever the case
		{"１ｑａｚ２ｗｓｘ３ｅｄｃ", RuleCommon}, // fullwidth: the same after NFKC
		{"administrator", RuleCommon},
		{strings.Repeat("x", MaxPasswordLen+1), RuleLong},
		{"\xff\xfe not text at all", RuleText},
	} {
		if got := PasswordRule(c.pw); got != c.rule {
			t.Errorf("PasswordRule(%q) = %q, want %q", c.pw, got, c.rule)
		}
		err := CheckPassword(c.pw)
		if (err == nil) != (c.rule == "") {
			t.Errorf("CheckPassword(%q) = %v", c.pw, err)
		}
	}
	// Each message names its rule.
	for pw, want := range map[string]string{"short": "at least 12", "             ": "spaces or invisible", "qazwsxedcrfv": "common", strings.Repeat("x", 300): "at most"} {
		if err := CheckPassword(pw); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("CheckPassword(%q) = %v, want it to say %q", pw, err, want)
		}
	}
	if _, err := HashPassword("short", fast); err == nil {
		t.Fatal("HashPassword takes a short password")
	}
	if _, err := HashPassword("administrator", fast); err == nil {
		t.Fatal("HashPassword takes a common password")
	}
}

// A password is hashed normalised, so another normalisation of it signs in; and hashes made
// before normalisation, of the password as typed, still do.
func TestVerifyPassword_Normalisation(t *testing.T) {
	h, err := HashPassword("ｃｏｒｒｅｃｔ ｈｏｒｓｅ ｂａｔｔｅｒｙ", fast)
	if err != nil {
		t.Fatal(err)
	}
	for _, pw := range []string{"ｃｏｒｒｅｃｔ ｈｏｒｓｅ ｂａｔｔｅｒｙ", "correct horse battery"} {
		if !VerifyPassword(h, pw) {
			t.Errorf("VerifyPassword(%q) = false for a password set in fullwidth letters", pw)
		}
	}
	composed, decomposed := "Caf\u00e9 am Rhein 1789", "Cafe\u0301 am Rhein 1789"
	h, _ = HashPassword(decomposed, fast)
	if !VerifyPassword(h, composed) || !VerifyPassword(h, decomposed) {
		t.Error("a decomposed accent and a composed one do not sign in alike")
	}
	// Before normalisation, hashes were of the input as typed, and of 10 characters or more.
	for _, old := range []string{"ｆｕｌｌｗｉｄｔｈ ｐａｓｓ", "Cafe\u0301 old", "tenletters"} {
		h, err := hash(old, fast)
		if err != nil {
			t.Fatal(err)
		}
		if !VerifyPassword(h, old) {
			t.Errorf("an old hash of %q no longer signs in", old)
		}
	}
	if VerifyPassword(h, "tenletterz") {
		t.Fatal("a wrong password signs in")
	}
}

func TestCommonPasswords(t *testing.T) {
	set := commonPasswords()
	if len(set) < 300 {
		t.Fatalf("%d common passwords: the embedded list is not read", len(set))
	}
	for pw := range set {
		if strings.HasPrefix(pw, "#") || pw != strings.ToLower(NormalizePassword(pw)) {
			t.Fatalf("%q is not stored as it is compared", pw)
		}
		// Only what could pass the other rules is worth listing.
		if r := PasswordRule(pw); r != RuleCommon {
			t.Fatalf("PasswordRule(%q) = %q; a listed password must break the common rule alone", pw, r)
		}
	}
}

func TestNewPassword(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		p := NewPassword()
		if len(p) != 20 || CheckPassword(p) != nil || seen[p] {
			t.Fatalf("NewPassword() = %q", p)
		}
		seen[p] = true
	}
}

func TestNewSessionID(t *testing.T) {
	id, h := NewSessionID()
	if len(id) != 64 || h != HashSessionID(id) || h == id {
		t.Fatalf("NewSessionID() = %q, %q", id, h)
	}
	id2, _ := NewSessionID()
	if id2 == id {
		t.Fatal("two session ids are equal")
	}
}
