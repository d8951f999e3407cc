package storetest

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/docketorg/docket"
)

// The rules of the edges, below HTTP: who may set which status, who may choose ids, what a
// merged id reveals, what a public statement resting on something hidden shows, and who the
// records name as their authors.

var researcher = docket.Viewer{Name: "researcher", Role: docket.Researcher}

func testRoleRules(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(5))
	src := MustSource(t, st, "https://example.org/a")
	p := MustEntity(t, st, "Person", src, "name", "Dana Omarbekova")

	// A researcher's facts are drafts; asking for more is refused, not silently lowered.
	for _, status := range []docket.Status{docket.Reported, docket.Corroborated, docket.Verified, docket.Disputed} {
		s := &docket.Statement{Entity: p.ID, Property: "occupation", Value: "lawyer", Source: src.ID, Status: status}
		wantCode(t, "a researcher's statement of status "+string(status), st.AddStatements(ctx, researcher, []*docket.Statement{s}), docket.EFORBIDDEN)
		e := &docket.Entity{Schema: "Person"}
		err := st.CreateEntity(ctx, researcher, e, []*docket.Statement{{Property: "name", Value: "Researcher Made", Source: src.ID, Status: status}})
		wantCode(t, "a researcher's new entity with a statement of status "+string(status), err, docket.EFORBIDDEN)
	}
	s := &docket.Statement{Entity: p.ID, Property: "occupation", Value: "lawyer", Source: src.ID}
	if err := st.AddStatements(ctx, researcher, []*docket.Statement{s}); err != nil {
		t.Fatal(err)
	}
	if s.Status != docket.Draft {
		t.Fatalf("a researcher's sourced statement is %s, want draft", s.Status)
	}
	wantCode(t, "a researcher's review", st.SetStatus(ctx, researcher, s.ID, docket.Reported, ""), docket.EFORBIDDEN)
	if err := st.SetStatus(ctx, editor, s.ID, docket.Reported, ""); err != nil {
		t.Fatal(err)
	}
	// Editors record reviewed facts at once.
	v := &docket.Statement{Entity: p.ID, Property: "occupation", Value: "advocate", Source: src.ID, Status: docket.Verified}
	if err := st.AddStatements(ctx, editor, []*docket.Statement{v}); err != nil || v.Status != docket.Verified {
		t.Fatalf("an editor's verified statement: %v, %s", err, v.Status)
	}

	// Ids are chosen only by those who see everything: a refusal of a taken id would otherwise
	// confirm a hidden record.
	wantCode(t, "an uncleared editor's chosen entity id", st.CreateEntity(ctx, editor, &docket.Entity{ID: "chosen-id", Schema: "Person"}, nil), docket.EFORBIDDEN)
	wantCode(t, "an uncleared editor's chosen source id", st.CreateSource(ctx, editor, &docket.Source{ID: "chosen-src", URL: "https://example.org/c"}), docket.EFORBIDDEN)
	if err := st.CreateEntity(ctx, cleared, &docket.Entity{ID: "chosen-id", Schema: "Person"}, nil); err != nil {
		t.Fatalf("a cleared editor's chosen id: %v", err)
	}
	// An import writes what it is given: a cleared admin's.
	line := `{"kind":"entity","id":"imported-1","schema":"Person","sensitivity":"internal","author":"x","created":"2026-01-02T03:04:05Z"}` + "\n"
	for _, v := range []docket.Viewer{public, reader, editor, cleared, {Name: "uncleared-admin", Role: docket.Admin}} {
		_, err := ImportString(st, v, line)
		if code := docket.ErrorCode(err); code != docket.EFORBIDDEN && code != docket.EUNAUTHORIZED {
			t.Errorf("import as %s (%s, cleared %v): %v, want refused", v.Name, v.Role, v.Cleared, err)
		}
	}
	if _, err := ImportString(st, admin, line); err != nil {
		t.Fatalf("import as the operator: %v", err)
	}
}

// testHiddenDefaults: an entity given no sensitivity is as visible as the least restricted of its
// first statements; a public statement that names a hidden entity or cites a hidden source is
// hidden with it.
func testHiddenDefaults(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(6))
	src := MustSource(t, st, "https://example.org/a")
	hiddenSrc := &docket.Source{URL: "https://example.org/testimony", Sensitivity: docket.Confidential}
	if err := st.CreateSource(ctx, admin, hiddenSrc); err != nil {
		t.Fatal(err)
	}
	w := &docket.Entity{Schema: "Person"}
	if err := st.CreateEntity(ctx, admin, w, []*docket.Statement{{Property: "name", Value: "Hidden Witnessa", Source: src.ID, Sensitivity: docket.Confidential}}); err != nil {
		t.Fatal(err)
	}
	if got := mustFind(t, st, admin, w.ID); got.Sensitivity != docket.Confidential {
		t.Fatalf("an entity whose statements are all confidential is %s", got.Sensitivity)
	}
	bare := &docket.Entity{Schema: "Person"}
	if err := st.CreateEntity(ctx, admin, bare, nil); err != nil {
		t.Fatal(err)
	}
	if got := mustFind(t, st, admin, bare.ID); got.Sensitivity != docket.Internal {
		t.Fatalf("an entity made with no statement is %s, want internal", got.Sensitivity)
	}
	ev := MustEntity(t, st, "Event", src, "type", "detention", "date", "2019-02-11")
	p := MustEntity(t, st, "Person", src, "name", "Public Person")
	if err := st.AddStatements(ctx, admin, []*docket.Statement{
		{Entity: ev.ID, Property: "witness", Value: w.ID, Source: src.ID, Sensitivity: docket.Public},
		{Entity: p.ID, Property: "description", Value: "rests on testimony", Source: hiddenSrc.ID, Sensitivity: docket.Public},
	}); err != nil {
		t.Fatal(err)
	}
	for _, v := range []docket.Viewer{public, reader, editor} {
		for _, e := range []*docket.Entity{mustFind(t, st, v, ev.ID), mustFind(t, st, v, p.ID)} {
			for _, s := range e.Statements {
				if s.Value == w.ID || s.Source == hiddenSrc.ID {
					t.Errorf("as %s, %s shows a statement that names the hidden %s", v.Name, e.ID, s.Value+s.Source)
				}
			}
		}
		ss, _, err := st.FindStatements(ctx, v, docket.StatementFilter{Source: &hiddenSrc.ID})
		if err != nil || len(ss) != 0 {
			t.Errorf("as %s, statements citing the hidden source: %d, %v", v.Name, len(ss), err)
		}
	}
	if e := mustFind(t, st, cleared, p.ID); len(e.Values("description")) != 1 {
		t.Errorf("the cleared do not see the statement citing the confidential source")
	}
}

// testMergeReveals: a confidential record merged into a public one answers, by its old id, to
// anyone not cleared, as an id that never existed, however it is asked for.
func testMergeReveals(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(7))
	src := MustSource(t, st, "https://example.org/a")
	pub := MustEntity(t, st, "Person", src, "name", "Public Judge")
	old := &docket.Entity{Schema: "Person", Sensitivity: docket.Confidential}
	if err := st.CreateEntity(ctx, admin, old, []*docket.Statement{{Property: "name", Value: "Secret Name", Source: src.ID, Sensitivity: docket.Confidential}}); err != nil {
		t.Fatal(err)
	}
	MustEntity(t, st, "Proceeding", src, "judge", pub.ID, "outcome", "acquitted")
	if _, err := st.MergeEntities(ctx, admin, pub.ID, old.ID, "the same judge"); err != nil {
		t.Fatal(err)
	}
	absent := strings.Repeat("z", len(old.ID))
	for _, v := range []docket.Viewer{public, reader, editor} {
		for _, id := range []string{old.ID, absent} {
			_, err := st.FindEntityByID(ctx, v, id)
			wantCode(t, "FindEntityByID(merged confidential) as "+v.Name, err, docket.ENOTFOUND)
			if err != nil && strings.Contains(err.Error(), pub.ID) {
				t.Errorf("as %s, the error names the entity it was merged into: %v", v.Name, err)
			}
			refs, n, err := st.FindEntities(ctx, v, docket.EntityFilter{RefersTo: &id})
			if err != nil || len(refs) != 0 || n != 0 {
				t.Errorf("as %s, FindEntities(RefersTo %s) = %d, %d, %v; want nothing", v.Name, id, len(refs), n, err)
			}
			ss, n, err := st.FindStatements(ctx, v, docket.StatementFilter{Entity: &id})
			if err != nil || len(ss) != 0 || n != 0 {
				t.Errorf("as %s, FindStatements(Entity %s) = %d, %d, %v; want nothing", v.Name, id, len(ss), n, err)
			}
			chs, err := st.FindChanges(ctx, v, docket.ChangeFilter{Entity: &id})
			if err != nil || len(chs) != 0 {
				t.Errorf("as %s, FindChanges(Entity %s) = %d, %v; want nothing", v.Name, id, len(chs), err)
			}
		}
		if v.CanEdit() {
			_, hidden := st.UnmergeEntity(ctx, v, old.ID, "two judges")
			_, unknown := st.UnmergeEntity(ctx, v, absent, "two judges")
			if docket.ErrorCode(hidden) != docket.ENOTFOUND || strings.ReplaceAll(docket.ErrorMessage(hidden), old.ID, "ID") != strings.ReplaceAll(docket.ErrorMessage(unknown), absent, "ID") {
				t.Errorf("as %s, unmerging the hidden id: %v; an unknown id: %v", v.Name, hidden, unknown)
			}
		}
		if e := mustFind(t, st, v, pub.ID); len(e.Merged) != 0 {
			t.Errorf("as %s, the public record lists the confidential id merged into it: %v", v.Name, e.Merged)
		}
	}
	// The public knows no entity of which it may see nothing, merged or not.
	quiet := &docket.Entity{Schema: "Person", Sensitivity: docket.Public}
	if err := st.CreateEntity(ctx, admin, quiet, []*docket.Statement{{Property: "name", Value: "Quiet Name", Source: src.ID, Sensitivity: docket.Internal}}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.MergeEntities(ctx, admin, pub.ID, quiet.ID, "the same judge again"); err != nil {
		t.Fatal(err)
	}
	_, err := st.FindEntityByID(ctx, public, quiet.ID)
	wantCode(t, "FindEntityByID(merged, nothing public of its own) as the public", err, docket.ENOTFOUND)
	if e := mustFind(t, st, reader, quiet.ID); e.ID != pub.ID {
		t.Errorf("staff read the merged internal id as %s, want %s", e.ID, pub.ID)
	}
	if e := mustFind(t, st, cleared, old.ID); e.ID != pub.ID {
		t.Errorf("the cleared read the merged id as %s, want %s", e.ID, pub.ID)
	}
	refs, _, err := st.FindEntities(ctx, cleared, docket.EntityFilter{RefersTo: &old.ID})
	if err != nil || len(refs) != 1 {
		t.Errorf("the cleared find %d referrers through the merged id, %v; want 1", len(refs), err)
	}
}

// testAuthors: records name their authors by id; the ids travel in the full export with the
// names they stand for; the public reads ids, and names written before ids as withheld.
func testAuthors(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(8))
	src := MustSource(t, st, "https://example.org/a")
	p := MustEntity(t, st, "Person", src, "name", "Aigul Akberdiyeva")
	wantAuthor(t, st, p.Author, "admin")
	again := MustEntity(t, st, "Person", src, "name", "Malik Kenzhaliyev")
	if again.Author != p.Author {
		t.Fatalf("one operator is two authors: %s and %s", p.Author, again.Author)
	}
	_, err := st.FindAuthors(ctx, public, nil)
	wantCode(t, "FindAuthors as the public", err, docket.EUNAUTHORIZED)

	// A record written before ids names a person: the public sees it withheld.
	legacy := `{"kind":"entity","id":"legacy-1","schema":"Person","sensitivity":"public","author":"ana","created":"2026-01-02T03:04:05Z"}
{"kind":"statement","id":"legacy-s1","entity":"legacy-1","property":"name","value":"Legacy Person","source":"` + src.ID + `","status":"reported","sensitivity":"public","author":"ana","created":"2026-01-02T03:04:05Z","salt":"00112233445566778899aabbccddeeff"}
`
	if _, err := ImportString(st, admin, legacy); err != nil {
		t.Fatal(err)
	}
	e := mustFind(t, st, public, "legacy-1")
	if e.Author != docket.WithheldAuthor || e.Statements[0].Author != docket.WithheldAuthor {
		t.Errorf("the public reads a legacy record's author as %q, %q; want %q", e.Author, e.Statements[0].Author, docket.WithheldAuthor)
	}
	if e := mustFind(t, st, reader, "legacy-1"); e.Author != "ana" {
		t.Errorf("staff read the legacy author as %q", e.Author)
	}
	pub := ExportString(t, st, public, true)
	if strings.Contains(pub, `"ana"`) || strings.Contains(pub, `"admin"`) || !strings.Contains(pub, p.Author) {
		t.Errorf("the public export names staff, or lacks author ids:\n%s", pub)
	}
	chs, err := st.FindChanges(ctx, public, docket.ChangeFilter{Entity: ptr("legacy-1")})
	if err != nil || len(chs) == 0 {
		t.Fatalf("public history of the legacy record: %d, %v", len(chs), err)
	}
	for _, c := range chs {
		if a, _ := c.Record.Stamp(); c.Author == "ana" || a == "ana" {
			t.Errorf("the public history names ana: %+v", c)
		}
		inc, err := st.InclusionProof(ctx, public, c.Seq, 0)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(inc.Record, `"ana"`) || !inc.Withheld {
			t.Errorf("the public proof of change %d: withheld %v, record %s", c.Seq, inc.Withheld, inc.Record)
		}
	}

	// The full export holds who each id stands for, before the first record naming it, and
	// imports into an empty store that then exports the same bytes.
	full := ExportString(t, st, admin, false)
	i, j := strings.Index(full, `{"kind":"author","id":"`+p.Author+`"`), strings.Index(full, `"author":"`+p.Author+`"`)
	if i < 0 || j < 0 || i > j {
		t.Fatalf("the full export lacks the author record before its first record (%d, %d)", i, j)
	}
	st2 := open(t, NewClock().Now, Rand(9))
	if _, err := ImportString(st2, admin, full); err != nil {
		t.Fatal(err)
	}
	if got := ExportString(t, st2, admin, false); got != full {
		t.Errorf("export → import → export differs")
	}
	wantAuthor(t, st2, p.Author, "admin")
}

// testMaxScan: a reader who sees little of the log reads no more of it than MaxScan.
func testMaxScan(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(10))
	src := MustSource(t, st, "https://example.org/a")
	p := MustEntity(t, st, "Person", src, "name", "Public Person")
	var drafts []*docket.Statement
	for range 30 {
		drafts = append(drafts, &docket.Statement{Entity: p.ID, Property: "alias", Value: "Draft Alias", Source: src.ID, Status: docket.Draft, Sensitivity: docket.Public})
	}
	if err := st.AddStatements(ctx, admin, drafts); err != nil {
		t.Fatal(err)
	}
	all, err := st.FindChanges(ctx, public, docket.ChangeFilter{Newest: true})
	if err != nil || len(all) == 0 {
		t.Fatalf("the public's changes: %d, %v", len(all), err)
	}
	for _, n := range []int{10, 30} {
		got, err := st.FindChanges(ctx, public, docket.ChangeFilter{Newest: true, MaxScan: n})
		if err != nil || len(got) != 0 {
			t.Errorf("the public's changes among the newest %d, all drafts: %d, %v; want none", n, len(got), err)
		}
	}
	got, err := st.FindChanges(ctx, public, docket.ChangeFilter{Newest: true, MaxScan: 40})
	if err != nil || len(got) != len(all) {
		t.Errorf("the public's changes among the newest 40: %d, %v; want all %d", len(got), err, len(all))
	}
}

// testBulkFilters: the filters of many ids at once give what the filters of one give, together,
// and nothing of an id the viewer may not see.
func testBulkFilters(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(11))
	src := MustSource(t, st, "https://example.org/a")
	a := MustEntity(t, st, "Person", src, "name", "Aida Bulk")
	b := MustEntity(t, st, "Person", src, "name", "Bolat Bulk")
	dup := MustEntity(t, st, "Person", src, "name", "Bolat Bulk (dup)")
	hidden := &docket.Entity{Schema: "Person", Sensitivity: docket.Confidential}
	if err := st.CreateEntity(ctx, admin, hidden, []*docket.Statement{{Property: "name", Value: "Hidden Bulk", Source: src.ID, Sensitivity: docket.Confidential}}); err != nil {
		t.Fatal(err)
	}
	c := MustEntity(t, st, "Case", src, "name", "Case of the two", "defendant", a.ID, "defendant", dup.ID)
	e := MustEntity(t, st, "Event", src, "type", "detention", "victim", b.ID)
	MustEntity(t, st, "Event", src, "type", "search", "victim", a.ID)
	if err := st.AddStatements(ctx, admin, []*docket.Statement{{Entity: e.ID, Property: "witness", Value: hidden.ID, Source: src.ID, Sensitivity: docket.Confidential}}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.MergeEntities(ctx, admin, b.ID, dup.ID, "one person"); err != nil {
		t.Fatal(err)
	}
	ids := func(ents []*docket.Entity) string {
		var out []string
		for _, e := range ents {
			out = append(out, e.ID)
		}
		slices.Sort(out)
		return strings.Join(out, " ")
	}
	for _, v := range []docket.Viewer{public, reader, cleared} {
		var one []*docket.Entity
		var oneStmts []string
		for _, id := range []string{a.ID, dup.ID, hidden.ID} {
			refs, _, err := st.FindEntities(ctx, v, docket.EntityFilter{RefersTo: &id})
			if err != nil {
				t.Fatal(err)
			}
			one = append(one, refs...)
			ss, _, err := st.FindStatements(ctx, v, docket.StatementFilter{Entity: &id})
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range ss {
				oneStmts = append(oneStmts, s.ID)
			}
		}
		one = slices.CompactFunc(slices.SortedFunc(slices.Values(one), func(x, y *docket.Entity) int { return strings.Compare(x.ID, y.ID) }),
			func(x, y *docket.Entity) bool { return x.ID == y.ID })
		many, n, err := st.FindEntities(ctx, v, docket.EntityFilter{RefersToAny: []string{a.ID, dup.ID, hidden.ID}})
		if err != nil || ids(many) != ids(one) || n != len(many) {
			t.Errorf("as %s, RefersToAny = %s (%d, %v); RefersTo one by one = %s", v.Name, ids(many), n, err, ids(one))
		}
		ss, _, err := st.FindStatements(ctx, v, docket.StatementFilter{Entities: []string{a.ID, dup.ID, hidden.ID}})
		if err != nil {
			t.Fatal(err)
		}
		var manyStmts []string
		for _, s := range ss {
			manyStmts = append(manyStmts, s.ID)
		}
		slices.Sort(oneStmts)
		oneStmts = slices.Compact(oneStmts)
		slices.Sort(manyStmts)
		if strings.Join(manyStmts, " ") != strings.Join(oneStmts, " ") {
			t.Errorf("as %s, Entities = %v; Entity one by one = %v", v.Name, manyStmts, oneStmts)
		}
	}
	// Via: only what refers by these properties. Aida is a defendant of the case and the victim
	// of a search; Bolat (merged with dup) the defendant of the case and the victim of e.
	for _, tc := range []struct {
		via  []string
		want int // of a's and b's referrers
	}{{nil, 3}, {[]string{"victim"}, 2}, {[]string{"defendant"}, 1}, {[]string{"victim", "defendant"}, 3}, {[]string{"witness"}, 0}} {
		got, _, err := st.FindEntities(ctx, cleared, docket.EntityFilter{RefersToAny: []string{a.ID, b.ID}, Via: tc.via})
		if err != nil || len(got) != tc.want {
			t.Errorf("RefersToAny via %v = %s (%v), want %d entities", tc.via, ids(got), err, tc.want)
		}
		for _, e := range got {
			if len(tc.via) == 1 && tc.via[0] == "defendant" && e.ID != c.ID {
				t.Errorf("RefersToAny via defendant gives %s, want only the case", e.ID)
			}
		}
		one, _, err := st.FindEntities(ctx, cleared, docket.EntityFilter{RefersTo: &a.ID, Via: tc.via})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range one {
			if len(tc.via) == 1 && tc.via[0] == "victim" && e.Schema != "Event" {
				t.Errorf("RefersTo via victim gives %s %s, want events only", e.Schema, e.ID)
			}
		}
	}
	for _, v := range []docket.Viewer{public, reader, cleared} {
		var want []*docket.Entity
		for _, id := range []string{a.ID, dup.ID, hidden.ID, c.ID, "no-such-id"} {
			if e, err := st.FindEntityByID(ctx, v, id); err == nil {
				want = append(want, e)
			}
		}
		want = slices.CompactFunc(slices.SortedFunc(slices.Values(want), func(x, y *docket.Entity) int { return strings.Compare(x.ID, y.ID) }),
			func(x, y *docket.Entity) bool { return x.ID == y.ID })
		got, n, err := st.FindEntities(ctx, v, docket.EntityFilter{IDs: []string{a.ID, dup.ID, hidden.ID, c.ID, "no-such-id"}})
		if err != nil || ids(got) != ids(want) || n != len(got) {
			t.Errorf("as %s, IDs = %s (%d, %v); FindEntityByID one by one = %s", v.Name, ids(got), n, err, ids(want))
		}
		// Whole, they are what FindEntityByID reads: statements, merged ids, caption.
		whole, _, err := st.FindEntities(ctx, v, docket.EntityFilter{IDs: []string{a.ID, dup.ID, hidden.ID, c.ID, e.ID, "no-such-id"}, WithStatements: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, got := range whole {
			one, err := st.FindEntityByID(ctx, v, got.ID)
			if err != nil {
				t.Fatal(err)
			}
			gj, _ := json.Marshal(got)
			oj, _ := json.Marshal(one)
			if string(gj) != string(oj) {
				t.Errorf("as %s, FindEntities WithStatements reads %s as\n%s\nFindEntityByID as\n%s", v.Name, got.ID, gj, oj)
			}
		}
		if len(whole) == 0 || (v.Cleared && len(whole) != 5) {
			t.Errorf("as %s, FindEntities WithStatements read %d entities", v.Name, len(whole))
		}
	}
	_, _, err := st.FindEntities(ctx, admin, docket.EntityFilter{RefersToAny: make([]string, docket.MaxIn+1)})
	wantCode(t, "RefersToAny over MaxIn", err, docket.EINVALID)
}
