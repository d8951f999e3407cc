package storetest

import (
	"slices"
	"testing"

	"github.com/docketorg/docket"
)

// testSourceQuery: the source picker finds sources by any word of their title, URL, publisher
// or date, in any case and script, the newest first, and never a source the viewer may not
// see.
func testSourceQuery(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(1))
	mk := func(s *docket.Source) *docket.Source {
		t.Helper()
		if err := st.CreateSource(ctx, admin, s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	old := mk(&docket.Source{URL: "https://tumba.kz/41092.html", Title: "Судьи Казахстана под давлением", Publisher: "Тумба", Published: "2019-02-11", Sensitivity: docket.Public})
	newer := mk(&docket.Source{URL: "https://tumba.kz/50000.html", Title: "Another tumba story", Sensitivity: docket.Public})
	secret := mk(&docket.Source{URL: "https://example.org/notes", Title: "Witness notes 100%_sure", Sensitivity: docket.Confidential})
	find := func(v docket.Viewer, q string) []string {
		t.Helper()
		ss, _, err := st.FindSources(ctx, v, docket.SourceFilter{Query: q, Newest: true, Limit: 10})
		if err != nil {
			t.Fatalf("FindSources(%q): %v", q, err)
		}
		var ids []string
		for _, s := range ss {
			ids = append(ids, s.ID)
		}
		return ids
	}
	for _, tc := range []struct {
		v    docket.Viewer
		q    string
		want []string
	}{
		{public, "tumba", []string{newer.ID, old.ID}}, // newest first
		{public, "тумба", []string{old.ID}},           // the publisher Тумба, in another case
		{public, "СУДЬИ давлением", []string{old.ID}}, // every word, any case
		{public, "11.02.2019", []string{old.ID}},      // a date as people write it
		{public, "2019-02", []string{old.ID}},
		{public, "41092", []string{old.ID}},
		{public, "notes", nil}, // confidential: not there for the public
		{reader, "notes", nil}, // nor for staff without clearance
		{cleared, "notes", []string{secret.ID}},
		{cleared, "100%_", []string{secret.ID}}, // % and _ are letters, not patterns
		{cleared, "1%0", nil},
		{public, "nothing-like-it", nil},
	} {
		if got := find(tc.v, tc.q); !slices.Equal(got, tc.want) {
			t.Errorf("FindSources(%q) as %s = %v, want %v", tc.q, tc.v.Name, got, tc.want)
		}
	}
}
