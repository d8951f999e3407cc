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

// memTiles is an in-memory store of tiles for tests.
type memTiles map[[2]int64][]byte

func (m memTiles) ReadTile(l int, n int64) ([]byte, error) { return m[[2]int64{int64(l), n}], nil }

func (m memTiles) write(tiles []Tile) {
	for _, t := range tiles {
		m[[2]int64{int64(t.L), t.N}] = t.Data
	}
}

// TestAppender checks, for every tree size up to 600 and tiles written after every few leaves,
// that appending through the Appender gives the tree tlog computes directly, that the hashes
// read back from the tiles are tlog's stored hashes, and that every inclusion and consistency
// proof read from the tiles checks.
func TestAppender(t *testing.T) {
	var direct memStore // tlog's stored hashes, computed without tiles
	tiles := memTiles{}
	a := NewAppender(0, tiles)
	var leaves []tlog.Hash
	for n := int64(0); n < 600; n++ {
		l := NewLeaf(n+1, "entity", []byte(fmt.Sprint(n)))
		idx, err := a.Append(l)
		if err != nil || idx != n {
			t.Fatalf("Append %d: %d, %v", n, idx, err)
		}
		hs, err := tlog.StoredHashes(n, l.Text(), &direct)
		if err != nil {
			t.Fatal(err)
		}
		direct = append(direct, hs...)
		leaves = append(leaves, l.Hash())
		if n%7 != 3 && n != 255 && n != 256 {
			continue
		}
		ts, err := a.Tiles()
		if err != nil {
			t.Fatal(err)
		}
		tiles.write(ts)
		size := n + 1
		r := NewTileHashes(tiles)
		got, err := r.ReadHashes(seq(int64(len(direct))))
		if err != nil {
			t.Fatalf("size %d: %v", size, err)
		}
		for i := range got {
			if got[i] != direct[i] {
				t.Fatalf("size %d: stored hash %d read from the tiles differs from tlog's", size, i)
			}
		}
		th, err := tlog.TreeHash(size, r)
		if err != nil {
			t.Fatal(err)
		}
		if want, _ := tlog.TreeHash(size, &direct); th != want {
			t.Fatalf("size %d: tree hash differs", size)
		}
		for i := int64(0); i < size; i += 13 {
			p, err := tlog.ProveRecord(size, i, r)
			if err != nil {
				t.Fatal(err)
			}
			if err := tlog.CheckRecord(p, size, th, i, leaves[i]); err != nil {
				t.Fatalf("size %d leaf %d: %v", size, i, err)
			}
		}
		if size > 1 {
			old, _ := tlog.TreeHash(size/2, r)
			p, err := tlog.ProveTree(size, size/2, r)
			if err != nil || tlog.CheckTree(p, size, th, size/2, old) != nil {
				t.Fatalf("consistency %d -> %d fails", size/2, size)
			}
		}
	}
	// A fresh appender over the stored tiles continues the same tree.
	ts, err := a.Tiles()
	if err != nil {
		t.Fatal(err)
	}
	tiles.write(ts)
	b := NewAppender(a.N, tiles)
	if _, err := b.Append(NewLeaf(a.N+1, "entity", []byte("x"))); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Append(NewLeaf(a.N+1, "entity", []byte("x"))); err != nil {
		t.Fatal(err)
	}
	ta, _ := a.Tiles()
	tb, _ := b.Tiles()
	if fmt.Sprint(ta) != fmt.Sprint(tb) {
		t.Fatal("appenders disagree")
	}
	// A missing or cut tile is an error, not a wrong hash.
	delete(tiles, [2]int64{0, 1})
	if _, err := NewTileHashes(tiles).ReadHashes([]int64{tlog.StoredHashIndex(0, 300)}); err == nil {
		t.Fatal("read a hash from a missing tile")
	}
	tiles[[2]int64{0, 0}] = tiles[[2]int64{0, 0}][:40]
	if _, err := NewTileHashes(tiles).ReadHashes([]int64{0}); err == nil {
		t.Fatal("read a hash from a tile that is not whole hashes")
	}
}

func seq(n int64) []int64 {
	out := make([]int64, n)
	for i := range out {
		out[i] = int64(i)
	}
	return out
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
