package ledger

import (
	"crypto/sha256"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/tlog"
)

// memStore is an in-memory store of tlog hashes for tests.
type memStore []tlog.Hash

func (m *memStore) ReadHashes(idx []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(idx))
	for i, x := range idx {
		if x >= int64(len(*m)) {
			return nil, fmt.Errorf("no hash %d", x)
		}
		out[i] = (*m)[x]
	}
	return out, nil
}

func TestLeaf(t *testing.T) {
	l := NewLeaf(42, "statement", []byte(`{"kind":"statement"}`))
	want := "docket leaf v1\nseq 42\nkind statement\nsha256 " + fmt.Sprintf("%x", sha256.Sum256([]byte(`{"kind":"statement"}`))) + "\n"
	if string(l.Text()) != want {
		t.Fatalf("Text() = %q, want %q", l.Text(), want)
	}
	got, err := ParseLeaf(l.Text())
	if err != nil || got != l {
		t.Fatalf("ParseLeaf(Text()) = %+v, %v", got, err)
	}
	for _, bad := range []string{
		"", "docket leaf v2\nseq 1\nkind x\nsha256 00\n", strings.Replace(want, "seq 42", "seq 042", 1),
		strings.Replace(want, "seq 42", "seq +42", 1), strings.Replace(want, "kind statement", "kind two words", 1),
		strings.TrimSuffix(want, "\n"), want + "extra\n", strings.ToUpper(want[:0]) + strings.Replace(want, "sha256 ", "sha256 A", 1),
	} {
		if _, err := ParseLeaf([]byte(bad)); err == nil {
			t.Errorf("ParseLeaf(%q) succeeded", bad)
		}
	}
}

// TestAppender checks, for every tree size up to 130, that appending through the Appender
// gives the tree tlog computes directly, and that every inclusion and consistency proof checks.
func TestAppender(t *testing.T) {
	var store memStore
	a := NewAppender(0, &store)
	var leaves []tlog.Hash
	for n := int64(0); n < 130; n++ {
		l := NewLeaf(n+1, "entity", []byte(fmt.Sprint(n)))
		idx, hs, err := a.Append(l)
		if err != nil || idx != n {
			t.Fatalf("Append %d: %d, %v", n, idx, err)
		}
		if int64(len(store)) != tlog.StoredHashIndex(0, n) {
			t.Fatalf("stored %d hashes before leaf %d, want %d", len(store), n, tlog.StoredHashIndex(0, n))
		}
		store = append(store, hs...)
		leaves = append(leaves, l.Hash())
		size := n + 1
		th, err := tlog.TreeHash(size, &store)
		if err != nil {
			t.Fatal(err)
		}
		for i := int64(0); i < size; i += 7 {
			p, err := tlog.ProveRecord(size, i, &store)
			if err != nil {
				t.Fatal(err)
			}
			if err := tlog.CheckRecord(p, size, th, i, leaves[i]); err != nil {
				t.Fatalf("size %d leaf %d: %v", size, i, err)
			}
		}
		if size > 1 {
			old, _ := tlog.TreeHash(size/2, &store)
			p, err := tlog.ProveTree(size, size/2, &store)
			if err != nil || tlog.CheckTree(p, size, th, size/2, old) != nil {
				t.Fatalf("consistency %d -> %d fails", size/2, size)
			}
		}
	}
	// A fresh appender over the stored hashes continues the same tree.
	b := NewAppender(int64(len(leaves)), &store)
	_, hs, err := b.Append(NewLeaf(131, "entity", []byte("x")))
	if err != nil {
		t.Fatal(err)
	}
	c := NewAppender(int64(len(leaves)), &store)
	c.cache = map[int64]tlog.Hash{}
	_, hs2, _ := c.Append(NewLeaf(131, "entity", []byte("x")))
	if fmt.Sprint(hs) != fmt.Sprint(hs2) {
		t.Fatal("appenders disagree")
	}
}

func TestCheckpoint(t *testing.T) {
	skey, vkey, err := GenerateKey("docket-test")
	if err != nil {
		t.Fatal(err)
	}
	k, err := ParseKey(skey)
	if err != nil {
		t.Fatal(err)
	}
	if k.Verifier != vkey || k.Origin() != "docket-test" {
		t.Fatalf("derived verifier %q, want %q", k.Verifier, vkey)
	}
	tree := tlog.Tree{N: 7, Hash: tlog.RecordHash([]byte("root"))}
	msg, err := Sign(k.Origin(), tree, k.Signer)
	if err != nil {
		t.Fatal(err)
	}
	origin, got, err := OpenCheckpoint(msg, vkey)
	if err != nil || origin != "docket-test" || got != tree {
		t.Fatalf("OpenCheckpoint = %q %+v %v", origin, got, err)
	}
	forged := strings.Replace(string(msg), "\n7\n", "\n8\n", 1)
	if _, _, err := OpenCheckpoint([]byte(forged), vkey); err == nil {
		t.Fatal("a forged checkpoint verified")
	}
	_, other, _ := GenerateKey("docket-test")
	if _, _, err := OpenCheckpoint(msg, other); err == nil {
		t.Fatal("a checkpoint verified with another key of the same name")
	}
	for _, bad := range []string{"o\n07\nAAAA\n", "o\n-1\n\n", "\n1\n" + strings.Repeat("A", 44) + "\n", "o\n1\nnotbase64\n"} {
		if _, _, err := ParseCheckpoint([]byte(bad)); err == nil {
			t.Errorf("ParseCheckpoint(%q) succeeded", bad)
		}
	}
}

func TestLoadKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ledger.key")
	if _, err := LoadKey(path, "docket-x", false); err == nil {
		t.Fatal("LoadKey without create made a key")
	}
	k1, err := LoadKey(path, "docket-x", true)
	if err != nil {
		t.Fatal(err)
	}
	k2, err := LoadKey(path, "docket-other", true)
	if err != nil || k2.Verifier != k1.Verifier {
		t.Fatalf("reloading the key gave %v, %v", k2, err)
	}
}

func FuzzParseLeaf(f *testing.F) {
	f.Add(NewLeaf(1, "entity", nil).Text())
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := ParseLeaf(b)
		if err == nil && string(l.Text()) != string(b) {
			t.Fatalf("ParseLeaf(%q) accepted a non-canonical text", b)
		}
	})
}

func FuzzParseCheckpoint(f *testing.F) {
	f.Add(FormatCheckpoint("docket-x", tlog.Tree{N: 3}))
	f.Fuzz(func(t *testing.T, b []byte) {
		o, tr, err := ParseCheckpoint(b)
		if err == nil && !strings.HasPrefix(string(b), string(FormatCheckpoint(o, tr))) {
			t.Fatalf("ParseCheckpoint(%q) accepted a non-canonical text", b)
		}
	})
}
