package report_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/demo"
	"github.com/docketorg/docket/report"
)

// TestCount_Parts: the figures counted from the store part by part are those of the whole
// registry in memory, for every breakdown, with and without the politically motivated cases
// only, for the public and the operator, whatever the size of the parts: on the seed, a
// generated registry, a merged judge, a proceeding of no case and a judge prosecuted in a case
// that names its defendant only there.
func TestCount_Parts(t *testing.T) {
	db := mustDemo(t)
	b := newBuilder(t, db)
	generate(t, b, 40, 3)
	ctx := context.Background()
	b.entity("Person", "p-dup-judge", "name", "Judge 0 (twice)")
	if _, err := db.MergeEntities(ctx, op, "person-judge-0", "p-dup-judge", "one judge"); err != nil {
		t.Fatal(err)
	}
	b.entity("Proceeding", "pr-orphan", "stage", "first instance", "outcome", "convicted", "sentence", "imprisonment P2Y", "date", "2020-05-05")
	// The seed's judge who acquitted is prosecuted a week later, in a case naming her only there.
	b.entity("Case", "c-against-judge", "name", "Case against the judge", "defendant", demo.Baiturova)
	b.entity("Proceeding", "pr-against-judge", "case", "c-against-judge", "stage", "investigation", "startDate", "2019-02-13")
	// An acquittal whose judge is sanctioned 5 and 200 days later, in a month 300 days on (not
	// measured in a shorter window), and on a day not recorded (not measured in any).
	b.entity("Person", "p-win-judge", "name", "Judge Window")
	b.entity("Case", "c-win", "name", "Case of windows", "politicallyMotivated", "yes")
	b.entity("Proceeding", "pr-win", "case", "c-win", "stage", "first instance", "outcome", "acquitted", "judge", "p-win-judge", "date", "2020-01-10")
	b.entity("Event", "ev-win-5", "type", "dismissal", "victim", "p-win-judge", "date", "2020-01-15")
	b.entity("Event", "ev-win-200", "type", "disciplinary action", "victim", "p-win-judge", "date", "2020-07-28")
	b.entity("Event", "ev-win-month", "type", "charge", "victim", "p-win-judge", "date", "2020-11")
	b.entity("Event", "ev-win-undated", "type", "dismissal", "victim", "p-win-judge")
	for _, v := range []docket.Viewer{docket.AnonymousViewer, op} {
		whole := mustLoad(t, db, v)
		// The windows narrow what the detector finds: the parts look in the longest and narrow it.
		found := map[string]bool{}
		for _, window := range []int{1, 10, 0, 400, report.MaxWindow} {
			c, _ := whole.Count(report.Options{Window: window})
			found[fmt.Sprint(len(c.Retaliation.Findings), len(c.Retaliation.Unmeasured))] = true
		}
		if len(found) < 3 {
			t.Errorf("as %s, the windows find the same few things (%v): the test does not tell them apart", v.Role, found)
		}
		for _, by := range append([]string{""}, report.Dimensions...) {
			for _, political := range []bool{false, true} {
				for _, window := range []int{0, 1, 10, 400} {
					o := report.Options{By: by, Political: political, Window: window}
					want, err := whole.Count(o)
					if err != nil {
						t.Fatal(err)
					}
					wj, _ := json.Marshal(want)
					batches := []int{7} // parts of one proceeding, and of all, for the plainest options
					if by == "" && window == 0 {
						batches = []int{1, 7, 1000}
					}
					for _, batch := range batches {
						got, err := report.Count(ctx, db, v, o, batch, nil)
						if err != nil {
							t.Fatal(err)
						}
						if gj, _ := json.Marshal(got); string(gj) != string(wj) {
							t.Errorf("as %s, %+v in parts of %d: the figures differ from the whole registry's:\n%s\n%s", v.Role, o, batch, gj, wj)
						}
					}
				}
			}
		}
		// Something is counted at all: the seed's acquittal and the removal after it.
		c, _ := whole.Count(report.Options{})
		if c.Outcomes.Total.Rulings == 0 || len(c.Retaliation.Findings) == 0 {
			t.Fatalf("as %s, nothing counted: %d rulings, %d findings", v.Role, c.Outcomes.Total.Rulings, len(c.Retaliation.Findings))
		}
	}
}

// TestListPrisoners_Parts: the prisoner list read part by part is the whole registry's.
func TestListPrisoners_Parts(t *testing.T) {
	db := mustDemo(t)
	b := newBuilder(t, db)
	generate(t, b, 30, 5)
	ctx := context.Background()
	// Someone detained in no case, and a defendant named in a case only.
	b.entity("Person", "p-protester", "name", "Protester")
	b.entity("Event", "ev-protest", "type", "detention", "date", "2021-03-03", "victim", "p-protester")
	b.entity("Person", "p-case-only", "name", "Case Only")
	b.entity("Case", "c-only", "name", "Case of Case Only", "defendant", "p-case-only", "politicallyMotivated", "yes")
	b.entity("Proceeding", "pr-only", "case", "c-only", "stage", "first instance", "outcome", "convicted", "sentence", "imprisonment P1Y", "date", "2021-04-04")
	v := docket.AnonymousViewer
	want, _ := json.Marshal(mustLoad(t, db, v).Prisoners())
	for _, batch := range []int{1, 9, 1000} {
		l, err := report.ListPrisoners(ctx, db, v, batch)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := json.Marshal(l); string(got) != string(want) {
			t.Errorf("in parts of %d: the list differs from the whole registry's:\n%s\n%s", batch, got, want)
		}
	}
	// The list is published: staff, who see more, do not make it.
	if _, err := report.ListPrisoners(ctx, db, op, 0); docket.ErrorCode(err) != docket.EINVALID {
		t.Errorf("listed as the operator: %v, want EINVALID", err)
	}
}

// TestPrisonersPage: the pages of the list, read page by page, hold what the whole list's
// document holds, each entry once.
func TestPrisonersPage(t *testing.T) {
	db := mustDemo(t)
	generate(t, newBuilder(t, db), 20, 9)
	ctx := context.Background()
	reg := mustLoad(t, db, docket.AnonymousViewer)
	whole, err := report.PrisonersDoc(reg, "en")
	if err != nil {
		t.Fatal(err)
	}
	l, err := report.ListPrisoners(ctx, db, docket.AnonymousViewer, 0)
	if err != nil {
		t.Fatal(err)
	}
	if l.Total < 5 {
		t.Fatalf("%d persons listed", l.Total)
	}
	all, err := report.PrisonersPage(ctx, db, l, 0, l.Total, "en")
	if err != nil {
		t.Fatal(err)
	}
	if all.PlainText() != whole.PlainText() {
		t.Errorf("the one page of the whole list differs from the list's document:\n%s\n---\n%s", all.PlainText(), whole.PlainText())
	}
	entries := map[string]int{} // the entries of each person: the item that begins with their name
	for from := 0; from < l.Total; from += 3 {
		d, err := report.PrisonersPage(ctx, db, l, from, 3, "en")
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range d.Sections {
			for _, b := range s.Blocks {
				if len(b.Text) > 0 && b.Text[0].Strong && b.Text[0].Href != "" {
					entries[b.Text[0].Href]++
				}
			}
		}
	}
	for _, c := range l.Categories {
		for _, li := range c {
			if entries[li.Person] != 1 {
				t.Errorf("%s has %d entries in the pages", li.Name, entries[li.Person])
			}
		}
	}
}

// TestFigures_Asked: figures counted once answer every set of options, as often as asked, with
// the figures of the whole registry (a server asks them on every request).
func TestFigures_Asked(t *testing.T) {
	db := mustDemo(t)
	generate(t, newBuilder(t, db), 15, 4)
	whole := mustLoad(t, db, docket.AnonymousViewer)
	f, err := report.CountAll(context.Background(), db, docket.AnonymousViewer, 5, nil)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		for _, by := range append([]string{""}, report.Dimensions...) {
			for _, o := range []report.Options{{By: by}, {By: by, Political: true, Window: 200}} {
				want, _ := whole.Count(o)
				got, err := f.Counted(o)
				if err != nil {
					t.Fatal(err)
				}
				if gj, wj := mustJSON(t, got), mustJSON(t, want); gj != wj {
					t.Fatalf("%+v asked again: the figures changed:\n%s\n%s", o, gj, wj)
				}
			}
		}
	}
	if _, err := f.Counted(report.Options{By: "colour"}); docket.ErrorCode(err) != docket.EINVALID {
		t.Errorf("by colour: %v, want EINVALID", err)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
