package storetest

import (
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/docketorg/docket"
)

// BenchCommit measures the ceiling of small writes: each operation commits one fact (a
// statement with its source, as the web's Add a fact form does) in a transaction of its own,
// with its change, views, search rows and ledger leaf. Writes are serialised by the ledger,
// so commits/s is the store's ceiling whatever the number of writers; the parallel case shows
// what waiting for the writer costs.
func BenchCommit(b *testing.B, st docket.Store) {
	src := MustSource(b, st, "https://example.org/bench-commit")
	e := MustEntity(b, st, "Person", src, "name", "Bench Commit")
	var n atomic.Int64
	add := func(b *testing.B) {
		i := n.Add(1)
		s := &docket.Statement{Entity: e.ID, Property: "description", Value: fmt.Sprintf("description %d", i), Source: src.ID, Sensitivity: docket.Internal}
		if err := st.AddStatements(ctx, admin, []*docket.Statement{s}); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("serial", func(b *testing.B) {
		for b.Loop() {
			add(b)
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "commits/s")
	})
	b.Run("parallel", func(b *testing.B) {
		b.SetParallelism(4) // 4 writers a core, as several staff saving at once
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				add(b)
			}
		})
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "commits/s")
	})
}
