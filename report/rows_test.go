package report_test

import (
	"context"
	"encoding/json"
	"maps"
	"strings"
	"testing"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/demo"
	"github.com/docketorg/docket/internal/storetest"
	"github.com/docketorg/docket/report"
	"github.com/docketorg/docket/sqlite"
)

// mustRefresh brings the rows up to the head, and fails unless they are then.
func mustRefresh(tb testing.TB, db *sqlite.DB) {
	tb.Helper()
	behind, err := report.RefreshRows(context.Background(), db, 0, nil)
	if err != nil || behind != 0 {
		tb.Fatalf("RefreshRows: behind %d, %v", behind, err)
	}
}

// caseRow returns the row of a case as the class sees it, or nil.
func caseRow(tb testing.TB, db *sqlite.DB, c docket.Class, id string) *docket.CaseRow {
	tb.Helper()
	page, err := db.FindRows(context.Background(), c.Viewer(), docket.RowQuery{Schema: "Case", Limit: 500})
	if err != nil {
		tb.Fatal(err)
	}
	for _, r := range page.Rows {
		if r.ID == id {
			var cr docket.CaseRow
			if err := json.Unmarshal(r.Data, &cr); err != nil {
				tb.Fatal(err)
			}
			return &cr
		}
	}
	return nil
}

func names(refs []docket.NamedRef) string {
	var out []string
	for _, r := range refs {
		for _, n := range r.Names {
			out = append(out, n.Value)
		}
	}
	return strings.Join(out, ", ")
}

// TestRows_FollowTheRecords: the rows of the lists say what is recorded, as each class may see
// it, and follow every change: a new fact, a draft, a confidential defendant, a correction of a
// defendant's name, a link retracted, a merge.
func TestRows_FollowTheRecords(t *testing.T) {
	db := mustDemo(t)
	ctx := context.Background()
	mustRefresh(t, db)
	cr := caseRow(t, db, docket.ClassPublic, demo.AkberdiyevaCase)
	if cr == nil || names(cr.Defendants) != "Aigul Akberdiyeva" || len(cr.Charges) != 1 || cr.Charges[0].Article != "179" ||
		cr.Stage != "first instance" || cr.Outcome != "acquitted" || cr.Date != "2019-02-06" || cr.Political != "yes" || cr.Country != "kz" {
		t.Fatalf("the public row of the seed case: %+v", cr)
	}
	dz := caseRow(t, db, docket.ClassPublic, "case-dzhumayev")
	if dz == nil || dz.Stage != "appeal" || dz.Outcome != "upheld" || dz.Sentence != "imprisonment P3Y" || dz.Date != "2018-09" {
		t.Fatalf("the public row of the Dzhumayev case: %+v", dz)
	}

	// A confidential co-defendant, and a draft case number.
	w := &docket.Entity{Schema: "Person", Sensitivity: docket.Confidential}
	if err := db.CreateEntity(ctx, op, w, []*docket.Statement{{Property: "name", Value: "Zhanar Rowova", Source: demo.PressRelease, Sensitivity: docket.Confidential}}); err != nil {
		t.Fatal(err)
	}
	if err := db.AddStatements(ctx, op, []*docket.Statement{
		{Entity: demo.AkberdiyevaCase, Property: "defendant", Value: w.ID, Source: demo.PressRelease, Sensitivity: docket.Confidential},
		{Entity: demo.AkberdiyevaCase, Property: "number", Value: "2-77/2019", Source: demo.PressRelease, Sensitivity: docket.Public, Status: docket.Draft},
	}); err != nil {
		t.Fatal(err)
	}
	mustRefresh(t, db)
	// Not even the cleared read a list that names her: lists are kept in the clear, and
	// confidential data is sealed at rest (docket.ListedClasses).
	for _, c := range []docket.Class{docket.ClassPublic, docket.ClassStaff, docket.ClassCleared} {
		cr := caseRow(t, db, c, demo.AkberdiyevaCase)
		if strings.Contains(names(cr.Defendants), "Rowova") {
			t.Errorf("LEAK: class %d's row of the case names the confidential defendant", c)
		}
		if (cr.Number == "2-77/2019") != (c != docket.ClassPublic) {
			t.Errorf("class %d's row has the draft number %q", c, cr.Number)
		}
	}

	// A correction of the defendant's name shows in her case's row.
	e, _ := db.FindEntityByID(ctx, op, demo.Akberdiyeva)
	if _, err := db.CorrectStatement(ctx, op, e.Statements[0].ID, &docket.Statement{Value: "Aigul Akberdieva"}, "spelling"); err != nil {
		t.Fatal(err)
	}
	mustRefresh(t, db)
	if cr := caseRow(t, db, docket.ClassPublic, demo.AkberdiyevaCase); names(cr.Defendants) != "Aigul Akberdieva" {
		t.Errorf("after the correction the case's defendants are %q", names(cr.Defendants))
	}

	// The appeal taken out of the Dzhumayev case: its row goes back to the first instance.
	ss, _, _ := db.FindStatements(ctx, op, docket.StatementFilter{Entity: new("proceeding-dzhumayev-appeal"), Property: new("case")})
	if err := db.RetractStatement(ctx, op, ss[0].ID, "a different case"); err != nil {
		t.Fatal(err)
	}
	mustRefresh(t, db)
	if dz := caseRow(t, db, docket.ClassPublic, "case-dzhumayev"); dz.Stage != "first instance" || dz.Outcome != "convicted" || dz.Proceedings != 1 {
		t.Errorf("after the appeal was taken out, the row: %+v", dz)
	}

	// A merge: the merged case's row goes, the other one has both defendants.
	if _, err := db.MergeEntities(ctx, op, demo.AkberdiyevaCase, "case-dzhumayev", "the same case"); err != nil {
		t.Fatal(err)
	}
	mustRefresh(t, db)
	if caseRow(t, db, docket.ClassCleared, "case-dzhumayev") != nil {
		t.Error("the merged case still has a row")
	}
	if cr := caseRow(t, db, docket.ClassPublic, demo.AkberdiyevaCase); !strings.Contains(names(cr.Defendants), "Ablovas Dzhumayev") {
		t.Errorf("after the merge the case's defendants are %q", names(cr.Defendants))
	}

	// Events and persons.
	page, err := db.FindRows(ctx, docket.ClassPublic.Viewer(), docket.RowQuery{Schema: "Event", Sort: "date", Kind: "dismissal"})
	if err != nil || page.Total != 1 || page.Rows[0].ID != demo.Removal {
		t.Fatalf("public events of type dismissal: %+v, %v", page, err)
	}
	var er docket.EventRow
	json.Unmarshal(page.Rows[0].Data, &er)
	if names(er.Victims) != "Malik Kenzhaliyev" || er.Date != "2019-02-07" || !strings.Contains(names(er.Perpetrators), "Disciplinary") {
		t.Errorf("the removal's row: %+v", er)
	}
	page, err = db.FindRows(ctx, docket.ClassPublic.Viewer(), docket.RowQuery{Schema: "Person", Kind: "imprisoned"})
	if err != nil || page.Total != 1 || page.Rows[0].ID != demo.Dzhumayev {
		t.Fatalf("public persons imprisoned: %+v, %v", page, err)
	}
	var pr docket.PersonRow
	json.Unmarshal(page.Rows[0].Data, &pr)
	if pr.Roles["defendant"] == 0 || pr.Cases == 0 {
		t.Errorf("Dzhumayev's row: %+v", pr)
	}
	page, _ = db.FindRows(ctx, docket.ClassPublic.Viewer(), docket.RowQuery{Schema: "Person", Sort: "caption"})
	for _, r := range page.Rows {
		if r.ID == w.ID {
			t.Error("LEAK: the public's list of persons holds the confidential one")
		}
	}

	// Rebuilt from scratch, the rows are the same as derived step by step.
	before := map[docket.Class]string{}
	for _, c := range docket.Classes {
		for _, schema := range docket.ListSchemas {
			p, _ := db.FindRows(ctx, c.Viewer(), docket.RowQuery{Schema: schema, Limit: 500})
			for _, r := range p.Rows {
				before[c] += r.ID + string(r.Data) + "\n"
			}
		}
	}
	if err := db.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if rh, _ := db.RowsHead(ctx); rh != 0 {
		t.Fatalf("after a rebuild the rows' head is %d, want 0", rh)
	}
	mustRefresh(t, db)
	for _, c := range docket.Classes {
		after := ""
		for _, schema := range docket.ListSchemas {
			p, _ := db.FindRows(ctx, c.Viewer(), docket.RowQuery{Schema: schema, Limit: 500})
			for _, r := range p.Rows {
				after += r.ID + string(r.Data) + "\n"
			}
		}
		if after != before[c] {
			t.Errorf("class %d: the rows derived step by step differ from those derived at once:\n%s\n---\n%s", c, before[c], after)
		}
	}
}

// TestPersonRows_RolesAndCases: a person's roles are counted once a record, and their cases are
// those naming them and those of the records naming them, as each class sees them: a case the
// public may not see is not one of theirs to the public.
func TestPersonRows_RolesAndCases(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	src := storetest.MustSource(t, db, "https://example.org/roles")
	judge := storetest.MustEntity(t, db, "Person", src, "name", "Gulnar Sudya")
	def := storetest.MustEntity(t, db, "Person", src, "name", "Yerlan Sanaly")
	open := storetest.MustEntity(t, db, "Case", src, "name", "Case of Yerlan", "defendant", def.ID)
	closed := &docket.Entity{Schema: "Case", Sensitivity: docket.Internal}
	if err := db.CreateEntity(ctx, op, closed, []*docket.Statement{{Property: "name", Value: "A case not yet public", Source: src.ID, Sensitivity: docket.Internal}}); err != nil {
		t.Fatal(err)
	}
	storetest.MustEntity(t, db, "Proceeding", src, "case", open.ID, "judge", judge.ID, "defendant", def.ID, "stage", "first instance")
	appeal := storetest.MustEntity(t, db, "Proceeding", src, "case", open.ID, "judge", judge.ID, "stage", "appeal")
	// The appeal's judge stated again by a second source: one role still.
	src2 := storetest.MustSource(t, db, "https://example.org/roles-2")
	if err := db.AddStatements(ctx, op, []*docket.Statement{{Entity: appeal.ID, Property: "judge", Value: judge.ID, Source: src2.ID, Sensitivity: docket.Public}}); err != nil {
		t.Fatal(err)
	}
	storetest.MustEntity(t, db, "Proceeding", src, "case", closed.ID, "judge", judge.ID)
	mustRefresh(t, db)
	row := func(c docket.Class, id string) docket.PersonRow {
		t.Helper()
		page, err := db.FindRows(ctx, c.Viewer(), docket.RowQuery{Schema: "Person", Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range page.Rows {
			if r.ID == id {
				var pr docket.PersonRow
				json.Unmarshal(r.Data, &pr)
				return pr
			}
		}
		t.Fatalf("no %v row of %s", c, id)
		return docket.PersonRow{}
	}
	for _, tc := range []struct {
		class docket.Class
		id    string
		roles map[string]int
		cases int
	}{
		{docket.ClassPublic, judge.ID, map[string]int{"judge": 3}, 1},
		{docket.ClassStaff, judge.ID, map[string]int{"judge": 3}, 2},
		{docket.ClassPublic, def.ID, map[string]int{"defendant": 2}, 1},
	} {
		if pr := row(tc.class, tc.id); !maps.Equal(pr.Roles, tc.roles) || pr.Cases != tc.cases {
			t.Errorf("%v row of %s: roles %v, %d cases; want %v, %d", tc.class, tc.id, pr.Roles, pr.Cases, tc.roles, tc.cases)
		}
	}
}

// TestRows_FirstDerivationResumes: a first derivation stopped midway goes on from where it
// stopped, and a record changed meanwhile, whose rows were derived before the change, is
// derived again: the rows end as a derivation from scratch makes them.
func TestRows_FirstDerivationResumes(t *testing.T) {
	db := mustDemo(t)
	ctx := context.Background()
	head, _ := db.Head(ctx)
	stop, cancel := context.WithCancel(ctx)
	var first int64
	_, err := report.RefreshRows(stop, db, 0, func(done, _ int64) { first = done; cancel() })
	if err == nil || first == 0 {
		t.Fatalf("the derivation stopped after its first batch (%d records): %v", first, err)
	}
	if rh, _ := db.RowsHead(ctx); rh != -head {
		t.Fatalf("stopped midway, the rows' head is %d, want %d (a first derivation begun at %d)", rh, -head, head)
	}
	// The cases were derived first; one of them loses its country before the derivation goes
	// on.
	before := caseRow(t, db, docket.ClassPublic, "case-dzhumayev")
	if before == nil {
		t.Fatal("the cases were not derived first")
	}
	ss, _, _ := db.FindStatements(ctx, op, docket.StatementFilter{Entity: new("case-dzhumayev"), Property: new("country")})
	if len(ss) == 0 {
		t.Fatal("the Dzhumayev case has no country")
	}
	for _, s := range ss {
		if err := db.RetractStatement(ctx, op, s.ID, "not this case's"); err != nil {
			t.Fatal(err)
		}
	}
	var second int64
	for i := 0; ; i++ {
		behind, err := report.RefreshRows(ctx, db, 0, func(done, _ int64) { second = max(second, done) })
		if err != nil {
			t.Fatal(err)
		}
		if behind == 0 {
			break
		}
		if i > 3 {
			t.Fatalf("still %d changes behind", behind)
		}
	}
	all := func() map[docket.Class]string {
		out := map[docket.Class]string{}
		for _, c := range docket.ListedClasses {
			for _, schema := range docket.ListSchemas {
				p, _ := db.FindRows(ctx, c.Viewer(), docket.RowQuery{Schema: schema, Limit: 500})
				for _, r := range p.Rows {
					out[c] += r.ID + " " + r.Caption + " " + string(r.Data) + "\n"
				}
			}
		}
		return out
	}
	resumed := all()
	if after := caseRow(t, db, docket.ClassPublic, "case-dzhumayev"); after == nil || after.Country == before.Country {
		t.Errorf("the case changed while the derivation was stopped keeps its country %q", before.Country)
	}
	if err := db.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	var fresh int64
	if _, err := report.RefreshRows(ctx, db, 0, func(done, _ int64) { fresh = done }); err != nil {
		t.Fatal(err)
	}
	if first+second >= fresh+first {
		t.Errorf("resumed, the derivation went over %d records again (%d before it stopped, %d in all)", second, first, fresh)
	}
	if got := all(); !maps.Equal(got, resumed) {
		t.Errorf("resumed, the rows differ from those derived from scratch:\n%v\n---\n%v", resumed, got)
	}
}
