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
	if err := CheckPassword("short"); err == nil {
		t.Fatal("a 5-character password passes")
	}
	if err := CheckPassword(strings.Repeat("x", MaxPasswordLen+1)); err == nil {
		t.Fatal("an over-long password passes")
	}
	if _, err := HashPassword("short", fast); err == nil {
		t.Fatal("HashPassword takes a short password")
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
