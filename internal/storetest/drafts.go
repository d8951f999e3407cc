package storetest

import (
	"testing"

	"github.com/docketorg/docket"
)

// testDraftGroups: the open proposals are counted by the source they came from (a footnote's
// source as the document citing it), filtered by schema, property, author and source, and a
// draft counts only for whoever may see it: its own sensitivity, its record's, its source's and
// that of the record it names.
func testDraftGroups(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(1))
	doc := &docket.Source{ID: "doc", Title: "A release", Sensitivity: docket.Internal}
	note := &docket.Source{ID: "note", Title: "Its footnote", CitedIn: "doc", Sensitivity: docket.Internal}
	other := &docket.Source{ID: "other", Title: "Another release", Sensitivity: docket.Internal}
	secretSrc := &docket.Source{ID: "secret-src", Title: "Testimony", Sensitivity: docket.Confidential}
	draft := func(entity, prop, value, src string, s docket.Sensitivity) *docket.Record {
		return &docket.Record{Kind: docket.KindStatement, Statement: &docket.Statement{Entity: entity, Property: prop, Value: value, Source: src, Status: docket.Draft, Sensitivity: s}}
	}
	recs := []*docket.Record{
		{Kind: docket.KindSource, Source: doc}, {Kind: docket.KindSource, Source: note}, {Kind: docket.KindSource, Source: other},
		{Kind: docket.KindSource, Source: secretSrc},
		{Kind: docket.KindEntity, Entity: &docket.Entity{ID: "p", Schema: "Person", Sensitivity: docket.Internal}},
		{Kind: docket.KindEntity, Entity: &docket.Entity{ID: "o", Schema: "Organization", Sensitivity: docket.Internal}},
		{Kind: docket.KindEntity, Entity: &docket.Entity{ID: "w", Schema: "Person", Sensitivity: docket.Confidential}},
		draft("p", "name", "Aigerim Draft", "doc", docket.Internal),
		draft("p", "occupation", "journalist", "doc", docket.Internal),
		draft("p", "birthDate", "1990", "note", docket.Internal), // counts for doc
		draft("o", "name", "Draft Watch", "other", docket.Internal),
		draft("p", "description", "a witness", "doc", docket.Confidential), // the cleared only
		draft("p", "spouse", "w", "doc", docket.Internal),                  // names a confidential record
		draft("w", "name", "Qzx Witness", "doc", docket.Confidential),      // a confidential record
		draft("p", "alias", "Aika", "secret-src", docket.Internal),         // a confidential source
	}
	if err := st.Write(ctx, admin, recs); err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{"doc": doc.ID, "other": other.ID, "secret": secretSrc.ID}
	count := func(v docket.Viewer, f docket.DraftFilter) map[string]int {
		t.Helper()
		gs, n, total, err := st.DraftGroups(ctx, v, f)
		if err != nil {
			t.Fatalf("DraftGroups as %s: %v", v.Name, err)
		}
		out, sum := map[string]int{}, 0
		for _, g := range gs {
			for name, id := range ids {
				if g.Source == id {
					out[name] = g.Count
				}
			}
			sum += g.Count
		}
		if n != len(gs) || total != sum {
			t.Errorf("DraftGroups as %s: %d groups and %d in all, listing %d groups of %d", v.Name, n, total, len(gs), sum)
		}
		return out
	}
	str := func(s string) *string { return &s }
	author := recs[7].Statement.Author
	for _, tc := range []struct {
		name string
		v    docket.Viewer
		f    docket.DraftFilter
		want map[string]int
	}{
		{"staff", reader, docket.DraftFilter{}, map[string]int{"doc": 3, "other": 1}},
		{"cleared", cleared, docket.DraftFilter{}, map[string]int{"doc": 6, "other": 1, "secret": 1}},
		{"schema", cleared, docket.DraftFilter{Schema: str("Organization")}, map[string]int{"other": 1}},
		{"property", reader, docket.DraftFilter{Property: str("birthDate")}, map[string]int{"doc": 1}},
		{"author", reader, docket.DraftFilter{Author: &author}, map[string]int{"doc": 3, "other": 1}},
		{"another author", reader, docket.DraftFilter{Author: str("nobody")}, map[string]int{}},
		{"source", cleared, docket.DraftFilter{Source: &doc.ID}, map[string]int{"doc": 6}},
	} {
		got := count(tc.v, tc.f)
		if len(got) != len(tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
			continue
		}
		for k, n := range tc.want {
			if got[k] != n {
				t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
				break
			}
		}
	}
	if _, _, _, err := st.DraftGroups(ctx, public, docket.DraftFilter{}); docket.ErrorCode(err) != docket.EUNAUTHORIZED && docket.ErrorCode(err) != docket.EFORBIDDEN {
		t.Errorf("DraftGroups for the public: %v, want refused", err)
	}
}
