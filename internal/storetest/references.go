package storetest

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/docketorg/docket"
)

// testReferences: the references a viewer reads by either end are exactly those its whole
// records show (each statement of a visible record that names a record it may see), whatever
// hides them: a draft, a confidential statement, referrer or target, a retraction, a merge.
func testReferences(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(23))
	src := MustSource(t, st, "https://example.org/refs")
	judge := MustEntity(t, st, "Person", src, "name", "Dana Judge")
	dup := MustEntity(t, st, "Person", src, "name", "Dana Judge (dup)")
	a := MustEntity(t, st, "Person", src, "name", "Aset Refs")
	secret := &docket.Entity{Schema: "Person", Sensitivity: docket.Confidential}
	if err := st.CreateEntity(ctx, admin, secret, []*docket.Statement{{Property: "name", Value: "Secret Witness", Source: src.ID, Sensitivity: docket.Confidential}}); err != nil {
		t.Fatal(err)
	}
	c := MustEntity(t, st, "Case", src, "name", "Case of Aset", "defendant", a.ID)
	hiddenCase := &docket.Entity{Schema: "Case", Sensitivity: docket.Confidential}
	if err := st.CreateEntity(ctx, admin, hiddenCase, []*docket.Statement{{Property: "name", Value: "Hidden case", Source: src.ID, Sensitivity: docket.Confidential}}); err != nil {
		t.Fatal(err)
	}
	p1 := MustEntity(t, st, "Proceeding", src, "case", c.ID, "judge", judge.ID, "defendant", a.ID)
	p2 := MustEntity(t, st, "Proceeding", src, "case", hiddenCase.ID, "judge", dup.ID, "lawyer", a.ID)
	hiddenP := &docket.Entity{Schema: "Proceeding", Sensitivity: docket.Confidential}
	if err := st.CreateEntity(ctx, admin, hiddenP, []*docket.Statement{{Property: "judge", Value: judge.ID, Source: src.ID, Sensitivity: docket.Confidential}}); err != nil {
		t.Fatal(err)
	}
	draftCase := &docket.Entity{Schema: "Case", Sensitivity: docket.Public}
	if err := st.CreateEntity(ctx, admin, draftCase, []*docket.Statement{{Property: "name", Value: "A case proposed", Source: src.ID, Status: docket.Draft, Sensitivity: docket.Public}}); err != nil {
		t.Fatal(err)
	}
	p3 := MustEntity(t, st, "Proceeding", src, "case", draftCase.ID)
	// A proceeding recorded twice, the second merged into the first: its references are the
	// first's.
	twice := MustEntity(t, st, "Proceeding", src, "case", c.ID, "judge", judge.ID, "stage", "appeal")
	if _, err := st.MergeEntities(ctx, admin, p1.ID, twice.ID, "one proceeding"); err != nil {
		t.Fatal(err)
	}
	if err := st.AddStatements(ctx, admin, []*docket.Statement{
		{Entity: p3.ID, Property: "judge", Value: judge.ID, Source: src.ID, Status: docket.Draft, Sensitivity: docket.Public},
		{Entity: p3.ID, Property: "lawyer", Value: secret.ID, Source: src.ID, Sensitivity: docket.Confidential},
		{Entity: p3.ID, Property: "prosecutor", Value: a.ID, Source: src.ID, Sensitivity: docket.Confidential},
	}); err != nil {
		t.Fatal(err)
	}
	gone := MustEntity(t, st, "Event", src, "type", "detention", "victim", a.ID)
	ss, _, err := st.FindStatements(ctx, admin, docket.StatementFilter{Entity: &gone.ID, Property: ptr("victim")})
	if err != nil || len(ss) != 1 {
		t.Fatalf("the victim statement: %v %v", ss, err)
	}
	if err := st.RetractStatement(ctx, admin, ss[0].ID, "wrong person"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.MergeEntities(ctx, admin, judge.ID, dup.ID, "one judge"); err != nil {
		t.Fatal(err)
	}
	all := []string{judge.ID, dup.ID, a.ID, secret.ID, c.ID, hiddenCase.ID, draftCase.ID, p1.ID, p2.ID, p3.ID, twice.ID, hiddenP.ID, gone.ID}

	show := func(refs []docket.Reference) string {
		var out []string
		for _, r := range refs {
			out = append(out, fmt.Sprintf("%s(%s) -%s-> %s", r.From, r.Schema, r.Property, r.To))
		}
		slices.Sort(out)
		return strings.Join(out, "; ")
	}
	for _, v := range viewers {
		// What v's whole records say: each statement of each record v reads that names a
		// record v reads, by canonical ids.
		var want []docket.Reference
		for _, id := range all {
			e, err := st.FindEntityByID(ctx, v, id)
			if err != nil || e.ID != id {
				continue // hidden, or merged away (read as the record it was merged into)
			}
			for _, s := range e.Statements {
				if !docket.ValidID(s.Value) {
					continue
				}
				if to, err := st.FindEntityByID(ctx, v, s.Value); err == nil {
					want = append(want, docket.Reference{From: e.ID, Schema: e.Schema, Property: s.Property, To: to.ID})
				}
			}
		}
		for _, tc := range []struct {
			name string
			f    docket.ReferenceFilter
			keep func(docket.Reference) bool
		}{
			{"to the judge by a merged id", docket.ReferenceFilter{To: []string{dup.ID}}, func(r docket.Reference) bool { return r.To == judge.ID }},
			{"to Aset and the secret", docket.ReferenceFilter{To: []string{a.ID, secret.ID, gone.ID}}, func(r docket.Reference) bool { return r.To == a.ID || r.To == secret.ID }},
			{"to Aset as a defendant", docket.ReferenceFilter{To: []string{a.ID}, Via: []string{"defendant"}}, func(r docket.Reference) bool { return r.To == a.ID && r.Property == "defendant" }},
			{"from the proceedings", docket.ReferenceFilter{From: []string{twice.ID, p2.ID, p3.ID, hiddenP.ID}}, func(r docket.Reference) bool { return r.Schema == "Proceeding" }},
			{"their cases", docket.ReferenceFilter{From: []string{p1.ID, p2.ID, p3.ID}, Via: []string{"case"}}, func(r docket.Reference) bool { return r.Property == "case" }},
		} {
			got, err := st.FindReferences(ctx, v, tc.f)
			var exp []docket.Reference
			for _, r := range want {
				if tc.keep(r) {
					exp = append(exp, r)
				}
			}
			if err != nil || show(got) != show(exp) {
				t.Errorf("as %s, %s: %s (%v)\nwant %s", v.Name, tc.name, show(got), err, show(exp))
			}
		}
	}
	// The public sees the judge named by the public proceedings only (p1 twice, once through
	// the proceeding merged into it), not by the draft or the confidential proceeding (a fixed
	// check of the oracle).
	if got, _ := st.FindReferences(ctx, public, docket.ReferenceFilter{To: []string{judge.ID}}); show(got) != show([]docket.Reference{
		{From: p1.ID, Schema: "Proceeding", Property: "judge", To: judge.ID}, {From: p1.ID, Schema: "Proceeding", Property: "judge", To: judge.ID},
		{From: p2.ID, Schema: "Proceeding", Property: "judge", To: judge.ID}}) {
		t.Errorf("the public reads the judge's references as %s", show(got))
	}
	for _, f := range []docket.ReferenceFilter{{To: []string{a.ID}, From: []string{c.ID}}, {To: make([]string, docket.MaxIn+1)}} {
		if _, err := st.FindReferences(ctx, admin, f); docket.ErrorCode(err) != docket.EINVALID {
			t.Errorf("FindReferences(%d to, %d from) = %v, want EINVALID", len(f.To), len(f.From), err)
		}
	}
}

// testSearchCandidates: a search that asks for fewer candidates ranks the newest matches only,
// and a cap larger than the store's is the store's.
// testSearchRankByLength: among the matches of a word held once by each, the shorter texts
// come first, whatever their lengths (a text of 128 words or more is where SQLite's record of
// its length takes two bytes).
func testSearchRankByLength(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(31))
	src := MustSource(t, st, "https://example.org/lengths")
	text := func(n int) string {
		ws := []string{"Zarechny"}
		for i := 1; i < n; i++ {
			ws = append(ws, fmt.Sprintf("word%c%c", 'a'+i%26, 'a'+i/26%26))
		}
		return strings.Join(ws, " ")
	}
	lengths := []int{300, 3, 200, 128, 40}
	byID := map[string]int{}
	for i, n := range lengths {
		e := MustEntity(t, st, "Event", src, "name", fmt.Sprintf("Event %c", 'A'+i), "description", text(n))
		byID[e.ID] = n
	}
	hits, err := st.Search(ctx, public, docket.SearchQuery{Q: "zarechny", Limit: 20})
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, h := range hits {
		got = append(got, byID[h.Entity.ID])
	}
	if !slices.Equal(got, []int{3, 40, 128, 200, 300}) {
		t.Errorf("matches ranked by their lengths in words %v, want the shortest first", got)
	}
}

func testSearchCandidates(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(29))
	src := MustSource(t, st, "https://example.org/candidates")
	var ids []string
	for i := range 12 {
		e := MustEntity(t, st, "Person", src, "name", fmt.Sprintf("Capova %c", 'A'+i))
		ids = append(ids, e.ID)
	}
	hits, err := st.Search(ctx, public, docket.SearchQuery{Q: "capova", Limit: 20, Candidates: 5})
	if err != nil {
		t.Fatal(err)
	}
	newest := ids[len(ids)-5:]
	if len(hits) != 5 {
		t.Errorf("Candidates 5: %d hits, want the 5 newest", len(hits))
	}
	for _, h := range hits {
		if !slices.Contains(newest, h.Entity.ID) {
			t.Errorf("Candidates 5 found %s (%s), not one of the 5 newest", h.Entity.ID, h.Entity.Caption)
		}
	}
	if hits, err := st.Search(ctx, public, docket.SearchQuery{Q: "capova", Limit: 20, Candidates: 1 << 30}); err != nil || len(hits) != 12 {
		t.Errorf("a cap beyond the store's: %d hits, %v; want all 12", len(hits), err)
	}
}
