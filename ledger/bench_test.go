package ledger

import (
	"fmt"
	"testing"

	"golang.org/x/mod/sumdb/tlog"
)

// BenchmarkAppend measures leaf appends through the Appender into in-memory tiles, written
// every 1,000 leaves as an import writes them: the ledger's share of every committed change (the
// store's own figure, with the SQL writes, is BenchmarkImportLedger in internal/sqlstore).
func BenchmarkAppend(b *testing.B) {
	tiles := memTiles{}
	a := NewAppender(0, tiles)
	payload := []byte(`{"kind":"statement","id":"s1","entity":"e1","property":"name","value":"Gulnara Baiturova"}`)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := a.Append(NewLeaf(int64(i+1), "statement", payload)); err != nil {
			b.Fatal(err)
		}
		if i%1000 == 999 {
			ts, err := a.Tiles()
			if err != nil {
				b.Fatal(err)
			}
			tiles.write(ts)
		}
	}
}

// BenchmarkProofs reports the size of inclusion and consistency proofs in a tree of one
// million leaves, and the time to make and check them.
func BenchmarkProofs(b *testing.B) {
	const n = 1_000_000
	tiles := memTiles{}
	a := NewAppender(0, tiles)
	for i := range n {
		if _, err := a.Append(NewLeaf(int64(i+1), "statement", fmt.Appendf(nil, "%d", i))); err != nil {
			b.Fatal(err)
		}
		if i%1000 == 999 || i == n-1 {
			ts, err := a.Tiles()
			if err != nil {
				b.Fatal(err)
			}
			tiles.write(ts)
		}
	}
	store := NewTileHashes(tiles)
	th, err := tlog.TreeHash(n, store)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("Inclusion", func(b *testing.B) {
		var size int
		for i := 0; b.Loop(); i++ {
			idx := int64(i*7919) % n
			p, err := tlog.ProveRecord(n, idx, store)
			if err != nil {
				b.Fatal(err)
			}
			if err := tlog.CheckRecord(p, n, th, idx, NewLeaf(idx+1, "statement", fmt.Appendf(nil, "%d", idx)).Hash()); err != nil {
				b.Fatal(err)
			}
			size = len(p) * tlog.HashSize
		}
		b.ReportMetric(float64(size), "proof-bytes")
	})
	b.Run("Consistency", func(b *testing.B) {
		var size int
		for i := 0; b.Loop(); i++ {
			old := int64(1 + (i*104729)%(n-1))
			p, err := tlog.ProveTree(n, old, store)
			if err != nil {
				b.Fatal(err)
			}
			size = max(size, len(p)*tlog.HashSize)
		}
		b.ReportMetric(float64(size), "max-proof-bytes")
	})
}
