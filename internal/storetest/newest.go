package storetest

import (
	"slices"
	"testing"

	"github.com/docketorg/docket"
)

// testNewestReferrers holds the newest referrers of an entity to one order, whichever way they
// are read: the first page from the referring statements newest first (a hub's page), any
// other page and the count by SQL over all of them. The newest is the entity referred from
// most recently, as each viewer sees the references; merged ids refer as their entity does.
func testNewestReferrers(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(1))
	src := MustSource(t, st, "https://example.org/referrers")
	judge := MustEntity(t, st, "Person", src, "name", "Judge Newest")
	alias := MustEntity(t, st, "Person", src, "name", "Judge Newest (alias)")
	var procs []string // in the order made
	for range 5 {
		procs = append(procs, MustEntity(t, st, "Proceeding", src, "judge", judge.ID).ID)
	}
	event := MustEntity(t, st, "Event", src, "victim", judge.ID).ID
	// A proceeding that names the alias, merged into the judge below.
	viaAlias := MustEntity(t, st, "Proceeding", src, "judge", alias.ID).ID
	if _, err := st.MergeEntities(ctx, admin, judge.ID, alias.ID, "the same judge"); err != nil {
		t.Fatal(err)
	}
	add := func(v docket.Viewer, s *docket.Statement) {
		t.Helper()
		if err := st.AddStatements(ctx, v, []*docket.Statement{s}); err != nil {
			t.Fatal(err)
		}
	}
	// The first proceeding names the judge again: it comes before those made after it.
	add(admin, &docket.Statement{Entity: procs[0], Property: "prosecutor", Value: judge.ID, Source: src.ID, Sensitivity: docket.Public})
	// A draft reference after it, which only staff see, brings the second proceeding first for them.
	add(editor, &docket.Statement{Entity: procs[1], Property: "prosecutor", Value: judge.ID, Source: src.ID, Sensitivity: docket.Public, Status: docket.Draft})
	// A confidential reference, newest of all, for the cleared.
	add(admin, &docket.Statement{Entity: procs[2], Property: "prosecutor", Value: judge.ID, Source: src.ID, Sensitivity: docket.Confidential})

	// The fourth names the judge twice more, one change after the other, newest of all: a page
	// of one ends with it, and the next must not show it again for the older of the two.
	add(admin, &docket.Statement{Entity: procs[3], Property: "prosecutor", Value: judge.ID, Source: src.ID, Sensitivity: docket.Public})
	add(admin, &docket.Statement{Entity: procs[3], Property: "defendant", Value: judge.ID, Source: src.ID, Sensitivity: docket.Public})

	publicOrder := []string{procs[3], procs[0], viaAlias, event, procs[4], procs[2], procs[1]}
	staffOrder := append([]string{procs[3], procs[1], procs[0]}, viaAlias, event, procs[4], procs[2])
	clearedOrder := append([]string{procs[3], procs[2], procs[1], procs[0]}, viaAlias, event, procs[4])
	proceeding, eventSchema := "Proceeding", "Event"
	for _, tc := range []struct {
		v      docket.Viewer
		want   []string
		schema *string
	}{
		{public, publicOrder, nil}, {editor, staffOrder, nil}, {cleared, clearedOrder, nil},
		{public, slices.DeleteFunc(slices.Clone(publicOrder), func(id string) bool { return id == event }), &proceeding},
		{public, []string{event}, &eventSchema}, // found past the first statements read
	} {
		for _, limit := range []int{1, 3, 100} {
			want := tc.want[:min(limit, len(tc.want))]
			// The first page of a hub entity's page, and the same page with its total.
			for _, skip := range []bool{true, false} {
				ents, n, err := st.FindEntities(ctx, tc.v, docket.EntityFilter{RefersTo: &judge.ID, Schema: tc.schema, Newest: true, Limit: limit, SkipCount: skip})
				if err != nil {
					t.Fatal(err)
				}
				if got := ids(ents); !slices.Equal(got, want) {
					t.Errorf("%s: newest %d referrers (skip count %v, schema %v) = %v, want %v", tc.v.Name, limit, skip, tc.schema != nil, got, want)
				}
				if !skip && n != len(tc.want) {
					t.Errorf("%s: %d referrers counted, want %d", tc.v.Name, n, len(tc.want))
				}
			}
		}
		// Pages by cursor give each referrer once, in the same order: the first proceeding,
		// referring again since, is not shown again among the older ones.
		for _, limit := range []int{1, 2, 3} {
			if got := cursorPages(t, st, tc.v, docket.EntityFilter{RefersTo: &judge.ID, Schema: tc.schema, Limit: limit}); !slices.Equal(got, tc.want) {
				t.Errorf("%s: referrers %d a page by cursor (schema %v) = %v, want %v", tc.v.Name, limit, tc.schema != nil, got, tc.want)
			}
		}
		if len(tc.want) < 4 {
			continue
		}
		// Later pages continue the same order.
		ents, _, err := st.FindEntities(ctx, tc.v, docket.EntityFilter{RefersTo: &judge.ID, Schema: tc.schema, Newest: true, Limit: 2, Offset: 2})
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(ents); !slices.Equal(got, tc.want[2:4]) {
			t.Errorf("%s: second page of two = %v, want %v", tc.v.Name, got, tc.want[2:4])
		}
	}
	// Through the merged id, the same referrers.
	ents, _, err := st.FindEntities(ctx, public, docket.EntityFilter{RefersTo: &alias.ID, Newest: true, Limit: 100, SkipCount: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(ents); !slices.Equal(got, publicOrder) {
		t.Errorf("newest referrers of the merged id = %v, want %v", got, publicOrder)
	}
	if got := cursorPages(t, st, public, docket.EntityFilter{RefersTo: &alias.ID, Limit: 2}); !slices.Equal(got, publicOrder) {
		t.Errorf("referrers of the merged id by cursor = %v, want %v", got, publicOrder)
	}
	// A cursor is for one entity's referrers, newest first, uncounted.
	for _, f := range []docket.EntityFilter{
		{RefersTo: &judge.ID, Newest: true, SkipCount: true, ReferredBefore: -1},
		{RefersTo: &judge.ID, Newest: true, ReferredBefore: 5},
		{RefersTo: &judge.ID, SkipCount: true, ReferredBefore: 5},
		{RefersTo: &judge.ID, Newest: true, SkipCount: true, Offset: 1, ReferredBefore: 5},
		{Newest: true, SkipCount: true, ReferredBefore: 5},
	} {
		if _, _, err := st.FindEntities(ctx, public, f); docket.ErrorCode(err) != docket.EINVALID {
			t.Errorf("FindEntities(%+v) = %v, want EINVALID", f, err)
		}
	}

	// A public reference that cites a confidential source is hidden with it, on the first page
	// as on the others, though the public sees the record that makes it.
	hiddenSrc := &docket.Source{URL: "https://example.org/referrers-testimony", Sensitivity: docket.Confidential}
	if err := st.CreateSource(ctx, admin, hiddenSrc); err != nil {
		t.Fatal(err)
	}
	court := MustEntity(t, st, "Organization", src, "name", "Court Newest")
	seen := MustEntity(t, st, "Proceeding", src, "court", court.ID).ID
	secret := &docket.Entity{Schema: "Proceeding"}
	if err := st.CreateEntity(ctx, admin, secret, []*docket.Statement{{Property: "name", Value: "Proceeding Seen", Source: src.ID, Sensitivity: docket.Public},
		{Property: "court", Value: court.ID, Source: hiddenSrc.ID, Sensitivity: docket.Public}}); err != nil {
		t.Fatal(err)
	}
	mustFind(t, st, public, secret.ID)
	for _, tc := range []struct {
		v    docket.Viewer
		want []string
	}{{public, []string{seen}}, {cleared, []string{secret.ID, seen}}} {
		for _, f := range []docket.EntityFilter{
			{RefersTo: &court.ID, Newest: true, Limit: 100, SkipCount: true},
			{RefersTo: &court.ID, Newest: true, Limit: 100},
		} {
			ents, _, err := st.FindEntities(ctx, tc.v, f)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(ents); !slices.Equal(got, tc.want) {
				t.Errorf("%s: newest referrers of a court cited through a confidential source (skip count %v) = %v, want %v", tc.v.Name, f.SkipCount, got, tc.want)
			}
		}
		if got := cursorPages(t, st, tc.v, docket.EntityFilter{RefersTo: &court.ID, Limit: 1}); !slices.Equal(got, tc.want) {
			t.Errorf("%s: referrers by cursor of a court cited through a confidential source = %v, want %v", tc.v.Name, got, tc.want)
		}
	}
}

// cursorPages reads all the referrers of f a page at a time, each page starting before the
// previous page's last referrer.
func cursorPages(t *testing.T, st docket.Store, v docket.Viewer, f docket.EntityFilter) []string {
	t.Helper()
	f.Newest, f.SkipCount = true, true
	var out []string
	for range 100 {
		ents, _, err := st.FindEntities(ctx, v, f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, ids(ents)...)
		if len(ents) < f.Limit {
			return out
		}
		last := ents[len(ents)-1]
		if last.Referred <= 0 || f.ReferredBefore != 0 && last.Referred >= f.ReferredBefore {
			t.Fatalf("%s: a page ends at referrer %s referred at change %d, after the cursor %d", v.Name, last.ID, last.Referred, f.ReferredBefore)
		}
		f.ReferredBefore = last.Referred
	}
	t.Fatalf("%s: more than 100 pages of referrers", v.Name)
	return nil
}

func ids(ents []*docket.Entity) []string {
	out := make([]string, len(ents))
	for i, e := range ents {
		out[i] = e.ID
	}
	return out
}

// testNewestStatements: statements by value, the newest first, as the public sees them.
func testNewestStatements(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(1))
	src := MustSource(t, st, "https://example.org/figures")
	var kz []string
	for i := range 4 {
		country := "kz"
		if i == 2 {
			country = "kg"
		}
		e := MustEntity(t, st, "Statistic", src, "country", country)
		if country == "kz" {
			kz = append(kz, e.ID)
		}
	}
	hidden := &docket.Entity{Schema: "Statistic"}
	if err := st.CreateEntity(ctx, admin, hidden, []*docket.Statement{{Property: "country", Value: "kz", Source: src.ID, Sensitivity: docket.Internal}}); err != nil {
		t.Fatal(err)
	}
	schema, prop, value := "Statistic", "country", "kz"
	for _, tc := range []struct {
		v    docket.Viewer
		want []string
	}{{public, []string{kz[2], kz[1]}}, {editor, []string{hidden.ID, kz[2]}}} {
		ss, _, err := st.FindStatements(ctx, tc.v, docket.StatementFilter{Schema: &schema, Property: &prop, Value: &value, Newest: true, Limit: 2, SkipCount: true})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range ss {
			got = append(got, s.Entity)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: the two newest statistics of kz = %v, want %v", tc.v.Name, got, tc.want)
		}
	}
	if _, _, err := st.FindStatements(ctx, public, docket.StatementFilter{Newest: true, AfterSeq: 1}); docket.ErrorCode(err) != docket.EINVALID {
		t.Errorf("newest first after a change: %v, want EINVALID", err)
	}
}
