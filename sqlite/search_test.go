package sqlite_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/storetest"
)

// TestSearch_PrefixBounded: the last word of a query is also a prefix, unless the word as
// written has as many matches as are ranked: then its own newest are, not the merge of every
// word it begins, whose cost grows with the store.
func TestSearch_PrefixBounded(t *testing.T) {
	db := MustOpenDB(t, storetest.NewClock().Now, storetest.Rand(41))
	src := storetest.MustSource(t, db, "https://example.org/prefix")
	var words []string
	for i := range 3 {
		words = append(words, storetest.MustEntity(t, db, "Person", src, "name", fmt.Sprintf("Capova %c", 'A'+i)).ID)
	}
	longer := storetest.MustEntity(t, db, "Person", src, "name", "Capovalova Z").ID // the newest
	search := func(q string, candidates int) []string {
		t.Helper()
		hits, err := db.Search(context.Background(), docket.AnonymousViewer, docket.SearchQuery{Q: q, Limit: 20, Candidates: candidates})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, h := range hits {
			ids = append(ids, h.Entity.ID)
		}
		slices.Sort(ids)
		return ids
	}
	all := slices.Sorted(slices.Values(append(slices.Clone(words), longer)))
	if got := search("capova", 10); !slices.Equal(got, all) {
		t.Errorf("capova, 10 ranked: %v, want the three and the longer name %v", got, all)
	}
	if got := search("capo", 3); len(got) != 3 || !slices.Contains(got, longer) {
		t.Errorf("capo, 3 ranked: %v, want the newest three of the prefix, the longer name among them", got)
	}
	if got, want := search("capova", 3), slices.Sorted(slices.Values(words)); !slices.Equal(got, want) {
		t.Errorf("capova, 3 ranked: %v, want the word's own three %v", got, want)
	}
}
