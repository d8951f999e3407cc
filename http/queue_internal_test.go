package http

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/docketorg/docket"
)

// The review queue's kept counts, brought up to date change by change, always equal a count
// made afresh, for each class of viewer and filter, whatever is written, reviewed, corrected
// or retracted between two looks: drafts of several documents and their footnotes, internal
// and confidential, some naming a confidential record.
func TestQueueMemo_EqualsFreshCount(t *testing.T) {
	db := openStore(t)
	s := NewServer(db)
	ctx := context.Background()
	op := docket.Operator("t")
	rnd := rand.New(rand.NewPCG(1, 2))

	var docs []*docket.Source
	for i := range 4 {
		src := &docket.Source{Title: fmt.Sprintf("Release %d", i), Sensitivity: docket.Internal}
		if i == 3 {
			src.Sensitivity = docket.Confidential
		}
		if err := db.CreateSource(ctx, op, src); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, src)
	}
	note := &docket.Source{Title: "A footnote of release 0", CitedIn: docs[0].ID, Sensitivity: docket.Internal}
	if err := db.CreateSource(ctx, op, note); err != nil {
		t.Fatal(err)
	}
	docs = append(docs, note)
	var ents []*docket.Entity
	for i, sens := range []docket.Sensitivity{docket.Internal, docket.Internal, docket.Confidential} {
		e := &docket.Entity{Schema: []string{"Person", "Organization", "Person"}[i], Sensitivity: sens}
		if err := db.CreateEntity(ctx, op, e, []*docket.Statement{{Property: "name", Value: fmt.Sprintf("Record %d", i), Sensitivity: sens}}); err != nil {
			t.Fatal(err)
		}
		ents = append(ents, e)
	}
	viewers := []docket.Viewer{{Name: "r", Role: docket.Researcher}, {Name: "c", Role: docket.Editor, Cleared: true}}
	filters := []docket.DraftFilter{{}, {Schema: ptr("Person")}, {Property: ptr("alias")}}
	var drafts []string
	check := func(step string) {
		t.Helper()
		for _, v := range viewers {
			for _, f := range filters {
				f.Limit = 100
				got, err := s.draftGroups(ctx, v, f)
				if err != nil {
					t.Fatal(err)
				}
				gs, n, total, err := db.DraftGroups(ctx, v, f)
				if err != nil {
					t.Fatal(err)
				}
				if want := (draftCounts{gs, n, total}); !reflect.DeepEqual(got, want) && !(len(got.groups) == 0 && len(gs) == 0 && got.n == n && got.total == total) {
					t.Fatalf("%s, as %s, filter %+v: kept %+v, counted afresh %+v", step, v.Name, f, got, want)
				}
			}
		}
	}
	check("at first")
	for step := range 60 {
		switch k := rnd.IntN(5); {
		case k <= 1 || len(drafts) == 0: // proposals from a document
			e := ents[rnd.IntN(len(ents))]
			sens := docket.Internal
			if e.Sensitivity == docket.Confidential || rnd.IntN(4) == 0 {
				sens = docket.Confidential
			}
			st := &docket.Statement{Entity: e.ID, Property: []string{"alias", "description", "spouse"}[rnd.IntN(3)], Value: fmt.Sprintf("v%d", step),
				Source: docs[rnd.IntN(len(docs))].ID, Status: docket.Draft, Sensitivity: sens}
			if st.Property == "spouse" {
				st.Value = ents[2].ID // a confidential record
			}
			if st.Property == "spouse" && (e.Schema != "Person" || e == ents[2]) {
				st.Property, st.Value = "alias", "x"
			}
			if err := db.AddStatements(ctx, docket.Viewer{Name: "researcher", Role: docket.Researcher, Cleared: true}, []*docket.Statement{st}); err != nil {
				t.Fatalf("step %d: %v", step, err)
			}
			drafts = append(drafts, st.ID)
		case k == 2: // accepted
			if err := db.SetStatus(ctx, op, drafts[rnd.IntN(len(drafts))], docket.Reported, ""); err != nil && docket.ErrorCode(err) != docket.EINVALID && docket.ErrorCode(err) != docket.ECONFLICT {
				t.Fatalf("step %d: %v", step, err)
			}
		case k == 3: // retracted
			if err := db.RetractStatement(ctx, op, drafts[rnd.IntN(len(drafts))], "wrong"); err != nil && docket.ErrorCode(err) != docket.EINVALID && docket.ErrorCode(err) != docket.ECONFLICT {
				t.Fatalf("step %d: %v", step, err)
			}
		case k == 4: // corrected, the correction confidential and still a draft
			id := drafts[rnd.IntN(len(drafts))]
			old, err := db.FindStatementByID(ctx, op, id)
			if err != nil {
				t.Fatal(err)
			}
			// Cited to another document, which the uncleared may not see: the old one's count
			// drops for them all the same.
			repl := &docket.Statement{Value: old.Value + "!", Source: docs[rnd.IntN(len(docs))].ID, Status: docket.Draft, Sensitivity: docket.Confidential}
			if old.Property == "spouse" {
				repl.Value = old.Value
			}
			if c, err := db.CorrectStatement(ctx, op, id, repl, "more exact"); err == nil {
				drafts = append(drafts, c.ID)
			} else if docket.ErrorCode(err) != docket.EINVALID && docket.ErrorCode(err) != docket.ECONFLICT {
				t.Fatalf("step %d: %v", step, err)
			}
		}
		if rnd.IntN(3) > 0 { // looked at now and then, not after every change
			check(fmt.Sprintf("after step %d", step))
		}
	}
	check("at the end")
}
