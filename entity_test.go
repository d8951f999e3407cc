package docket

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// The ids of one import sort in the order they were made, past every change in the counter's
// number of digits, and each is valid and unique.
func TestIDs_SortInOrder(t *testing.T) {
	g := NewIDs(time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC), bytes.NewReader(make([]byte, 16)))
	prev := ""
	seen := map[string]bool{}
	check := func(n uint64) {
		id := g.Next("s")
		if !ValidID(id) {
			t.Fatalf("id %d: %q is not a valid id", n, id)
		}
		if seen[id] {
			t.Fatalf("id %d: %q made twice", n, id)
		}
		seen[id] = true
		if strings.Compare(prev, id) >= 0 {
			t.Fatalf("id %d: %q sorts before the id made before it, %q", n, id, prev)
		}
		prev = id
	}
	for n := uint64(1); n <= 50_000; n++ { // one, two, three and four digits
		check(n)
	}
	// The largest counters: 12 and 13 digits.
	for _, n := range []uint64{36*36*36*36*36*36*36*36*36*36*36 - 1, 1<<63 - 1, 1<<64 - 2} {
		g.n = n
		check(n + 1)
	}
}
