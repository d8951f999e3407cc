package seal_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/docketorg/docket/seal"
)

func mustKey(tb testing.TB) *seal.Key {
	tb.Helper()
	k, err := seal.Generate()
	if err != nil {
		tb.Fatal(err)
	}
	return k
}

func TestSealOpen(t *testing.T) {
	k := mustKey(t)
	ad := seal.AD("statement", "s1", "confidential")
	plain := []byte("Zyxwitness Qorabayeva")
	box := k.Seal(nil, plain, ad)
	if bytes.Contains(box, plain) || len(box) != len(plain)+seal.Overhead {
		t.Fatalf("box %x holds the plaintext or has the wrong size", box)
	}
	if again := k.Seal(nil, plain, ad); bytes.Equal(again, box) {
		t.Fatal("two boxes of the same plaintext are equal: the nonce is not fresh")
	}
	got, err := k.Open(nil, box, ad)
	if err != nil || string(got) != string(plain) {
		t.Fatalf("Open = %q, %v", got, err)
	}
	t.Run("ErrOtherAD", func(t *testing.T) {
		if _, err := k.Open(nil, box, seal.AD("statement", "s2", "confidential")); !errors.Is(err, seal.ErrOpen) {
			t.Fatalf("a box moved to another record opened: %v", err)
		}
		if _, err := k.Open(nil, box, seal.AD("statement", "s1", "public")); !errors.Is(err, seal.ErrOpen) {
			t.Fatalf("a box whose record was made public opened: %v", err)
		}
	})
	t.Run("ErrOtherKey", func(t *testing.T) {
		if _, err := mustKey(t).Open(nil, box, ad); !errors.Is(err, seal.ErrOpen) {
			t.Fatalf("another key opened the box: %v", err)
		}
	})
	t.Run("ErrAltered", func(t *testing.T) {
		for i := range box {
			b := bytes.Clone(box)
			b[i] ^= 1
			if _, err := k.Open(nil, b, ad); !errors.Is(err, seal.ErrOpen) {
				t.Fatalf("a box altered at byte %d opened: %v", i, err)
			}
		}
		if _, err := k.Open(nil, box[:10], ad); !errors.Is(err, seal.ErrOpen) {
			t.Fatalf("a short box: %v", err)
		}
	})
}

func TestKeyFile(t *testing.T) {
	k := mustKey(t)
	text := k.Text()
	if !strings.HasPrefix(string(text), "docket data key v1\nid "+k.ID()+"\nkey ") {
		t.Fatalf("key file text:\n%s", text)
	}
	if !seal.ValidID(k.ID()) {
		t.Fatalf("ID %q is not a valid id", k.ID())
	}
	p, err := seal.Parse(text)
	if err != nil || p.ID() != k.ID() {
		t.Fatalf("Parse = %v, %v", p, err)
	}
	// The parsed key opens what the key sealed, and makes the same terms.
	box := k.Seal(nil, []byte("x"), nil)
	if got, err := p.Open(nil, box, nil); err != nil || string(got) != "x" {
		t.Fatalf("parsed key Open = %q, %v", got, err)
	}
	if p.Term(seal.Word, "korabaeva") != k.Term(seal.Word, "korabaeva") {
		t.Fatal("the parsed key makes other terms")
	}
	for name, bad := range map[string]string{
		"empty":       "",
		"other":       "PRIVATE+KEY+docket-1+abc\n",
		"short key":   "docket data key v1\nid " + k.ID() + "\nkey AAAA\n",
		"no id":       "docket data key v1\nkey " + strings.Split(string(text), "key ")[1],
		"another id":  strings.Replace(string(text), k.ID(), mustKey(t).ID(), 1),
		"cut":         string(text[:len(text)-10]),
		"bad base64":  strings.Replace(string(text), "key ", "key !", 1),
		"extra lines": string(text) + "more\n",
	} {
		if _, err := seal.Parse([]byte(bad)); err == nil {
			t.Errorf("Parse(%s) accepted %q", name, bad)
		}
	}
}

func TestTerm(t *testing.T) {
	k := mustKey(t)
	a := k.Term(seal.Word, "korabaeva")
	if !seal.IsTerm(a) || strings.Contains(a, "kora") {
		t.Fatalf("term %q", a)
	}
	if a != k.Term(seal.Word, "korabaeva") {
		t.Fatal("the same word made two terms")
	}
	for _, other := range []string{k.Term(seal.Name, "korabaeva"), k.Term(seal.Word, "korabaev"), mustKey(t).Term(seal.Word, "korabaeva")} {
		if other == a {
			t.Fatalf("another label, word or key made the same term %q", a)
		}
	}
	for _, s := range []string{"korabaeva", "k", "k" + strings.Repeat("0", 31), "k" + strings.Repeat("G", 32)} {
		if seal.IsTerm(s) {
			t.Errorf("IsTerm(%q) = true", s)
		}
	}
}

func TestPack(t *testing.T) {
	for _, fields := range [][]string{{}, {""}, {"a", "", "Зыхвитнесс"}, {strings.Repeat("x", 300), "b"}} {
		b := seal.Pack(fields...)
		got, err := seal.Unpack(b, len(fields))
		if err != nil || strings.Join(got, "\x00") != strings.Join(fields, "\x00") || len(got) != len(fields) {
			t.Fatalf("Unpack(Pack(%q)) = %q, %v", fields, got, err)
		}
		if len(b) > 0 {
			if _, err := seal.Unpack(b[:len(b)-1], len(fields)); err == nil {
				t.Errorf("Unpack of %q cut short: no error", fields)
			}
		}
		if _, err := seal.Unpack(append(b, 0), len(fields)); err == nil {
			t.Errorf("Unpack of %q with a byte more: no error", fields)
		}
	}
	if bytes.Equal(seal.AD("a", "bc"), seal.AD("a", "b", "c")) || bytes.Equal(seal.AD("ab", "c"), seal.AD("a", "bc")) {
		t.Fatal("two lists of parts give the same additional data")
	}
}

func BenchmarkOpen(b *testing.B) {
	k := mustKey(b)
	ad := seal.AD("statement", "s06h2k3m4n5p6q7r8", "e1", "name", "confidential")
	box := k.Seal(nil, seal.Pack("Zyxwitness Qorabayeva", "", "", "0123456789abcdef0123456789abcdef"), ad)
	b.ReportAllocs()
	for b.Loop() {
		p, err := k.Open(nil, box, ad)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := seal.Unpack(p, 4); err != nil {
			b.Fatal(err)
		}
	}
}
