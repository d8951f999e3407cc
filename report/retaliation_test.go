package report_test

import (
	"slices"
	"testing"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/demo"
	"github.com/docketorg/docket/report"
)

func sourceIDs(ss []report.SourceRef) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.ID)
	}
	return out
}

// TestRetaliation_Seed flags the Aktau case: the acquittal of 6 February 2019 and the removal
// of the court's chairman on 7 February 2019, one day apart, with both events' sources.
func TestRetaliation_Seed(t *testing.T) {
	reg := mustLoad(t, mustDemo(t), docket.AnonymousViewer)
	rep, err := reg.Retaliation(report.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Window != 30 {
		t.Errorf("Window = %d, want 30 by default", rep.Window)
	}
	if len(rep.Findings) != 1 {
		t.Fatalf("Findings = %+v, want the one of the Aktau case", rep.Findings)
	}
	f := rep.Findings[0]
	if f.Case != demo.AkberdiyevaCase || f.Ruling.ID != "proceeding-akberdiyeva-1" || f.Ruling.Date != "2019-02-06" || f.Outcome != "acquitted" {
		t.Errorf("ruling = %s %+v %s, want proceeding-akberdiyeva-1 of 2019-02-06, acquitted", f.Case, f.Ruling, f.Outcome)
	}
	if f.Sanction.ID != demo.Removal || f.Sanction.Date != "2019-02-07" || f.Sanction.Type != "dismissal" {
		t.Errorf("sanction = %+v, want the removal of 2019-02-07", f.Sanction)
	}
	if f.Target != demo.Kenzhaliyev || f.GapDays != 1 || !f.Linked {
		t.Errorf("finding = target %s, gap %d, linked %v; want Kenzhaliyev, 1 day, linked", f.Target, f.GapDays, f.Linked)
	}
	if got := sourceIDs(f.Ruling.Sources); !slices.Contains(got, demo.PressRelease) {
		t.Errorf("ruling sources = %v, want the press release", got)
	}
	got := sourceIDs(f.Sanction.Sources)
	for _, want := range []string{demo.PressRelease, "src-fn1-tumba", "src-fn2-facebook"} {
		if !slices.Contains(got, want) {
			t.Errorf("sanction sources = %v, want %s among them", got, want)
		}
	}
	for _, s := range f.Sanction.Sources {
		if s.ID == "src-fn1-tumba" && s.URL != "https://tumba.kz/41092.html" {
			t.Errorf("tumba source URL = %q", s.URL)
		}
	}
	if rep.NumCases != 1 || rep.Cases.At(0) != demo.AkberdiyevaCase {
		t.Errorf("rests on %v, want the Akberdiyeva case", rep.Cases)
	}
	if t1 := rep.Table(); len(t1.Rows) != 1 || t1.Rows[0].Entity != demo.AkberdiyevaCase {
		t.Errorf("Table() = %+v", t1.Rows)
	}
}

// retaliationFixture is a court, a judge, a chairman and a case with a ruling on 2020-03-02.
type retaliationFixture struct {
	b *builder
}

func newRetaliation(t *testing.T) *retaliationFixture {
	b := newBuilder(t, mustOpen(t))
	b.entity("Organization", "org-court", "name", "District Court", "kind", "court")
	b.entity("Person", "person-judge", "name", "Judge Who Ruled")
	b.entity("Person", "person-chair", "name", "Chairman")
	b.entity("Person", "person-other", "name", "Someone Else")
	b.entity("Position", "position-chair", "holder", "person-chair", "organization", "org-court", "post", "chairman")
	return &retaliationFixture{b: b}
}

// ruling adds a case (political or not) and its ruling on date with an outcome.
func (f *retaliationFixture) ruling(id, political, outcome, date string) {
	f.b.entity("Case", "case-"+id, "name", "Case "+id, "politicallyMotivated", political)
	f.b.entity("Proceeding", "proceeding-"+id, "case", "case-"+id, "stage", "first instance", "court", "org-court",
		"judge", "person-judge", "outcome", outcome, "date", date)
}

func (f *retaliationFixture) findings(t *testing.T, window int) *report.RetaliationReport {
	t.Helper()
	rep, err := mustLoad(t, f.b.db, docket.AnonymousViewer).Retaliation(report.Options{Window: window})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestRetaliation_Rules(t *testing.T) {
	t.Run("InsideAndOutsideWindow", func(t *testing.T) {
		f := newRetaliation(t)
		f.ruling("a", "yes", "acquitted", "2020-03-02")
		f.b.entity("Event", "event-late", "type", "disciplinary action", "victim", "person-judge", "date", "2020-04-11") // 40 days
		if rep := f.findings(t, 0); len(rep.Findings) != 0 {
			t.Errorf("a sanction 40 days after, window 30: findings %+v, want none", rep.Findings)
		}
		rep := f.findings(t, 45)
		if len(rep.Findings) != 1 || rep.Findings[0].GapDays != 40 || rep.Findings[0].Role != "judge who ruled" {
			t.Errorf("window 45: findings %+v, want one of 40 days against the judge who ruled", rep.Findings)
		}
	})
	t.Run("NotPolitical", func(t *testing.T) {
		f := newRetaliation(t)
		f.ruling("n", "no", "acquitted", "2020-03-02")
		f.b.entity("Event", "event-dismissal", "type", "dismissal", "victim", "person-judge", "date", "2020-03-03")
		if rep := f.findings(t, 0); len(rep.Findings) != 0 || rep.Rulings != 0 {
			t.Errorf("non-political case: %d rulings, findings %+v, want none", rep.Rulings, rep.Findings)
		}
	})
	t.Run("Conviction", func(t *testing.T) {
		f := newRetaliation(t)
		f.ruling("c", "yes", "convicted", "2020-03-02")
		f.b.entity("Event", "event-dismissal", "type", "dismissal", "victim", "person-judge", "date", "2020-03-03")
		if rep := f.findings(t, 0); len(rep.Findings) != 0 {
			t.Errorf("conviction: findings %+v, want none", rep.Findings)
		}
	})
	t.Run("OfficialOfTheCourt", func(t *testing.T) {
		f := newRetaliation(t)
		f.ruling("r", "yes", "returned", "2020-03-02")
		f.b.entity("Event", "event-chair", "type", "dismissal", "victim", "person-chair", "date", "2020-03-09")
		f.b.entity("Event", "event-other", "type", "dismissal", "victim", "person-other", "date", "2020-03-09")
		f.b.entity("Event", "event-threat", "type", "threat", "victim", "person-judge", "date", "2020-03-03")
		rep := f.findings(t, 0)
		if len(rep.Findings) != 1 || rep.Findings[0].Target != "person-chair" || rep.Findings[0].GapDays != 7 ||
			rep.Findings[0].Role != "court chairman of the District Court" {
			t.Errorf("findings %+v, want the chairman's dismissal only, 7 days after", rep.Findings)
		}
	})
	t.Run("LeftBeforeTheRuling", func(t *testing.T) {
		f := newRetaliation(t)
		f.b.entity("Person", "person-former", "name", "Former Chairman")
		f.b.entity("Position", "position-former", "holder", "person-former", "organization", "org-court", "post", "chairman", "endDate", "2019-12")
		f.ruling("d", "yes", "dismissed", "2020-03-02")
		f.b.entity("Event", "event-former", "type", "charge", "victim", "person-former", "date", "2020-03-05")
		if rep := f.findings(t, 0); len(rep.Findings) != 0 {
			t.Errorf("a chairman who left in 2019: findings %+v, want none", rep.Findings)
		}
	})
	t.Run("Prosecution", func(t *testing.T) {
		f := newRetaliation(t)
		f.ruling("p", "yes", "acquitted", "2020-03-02")
		f.b.entity("Case", "case-against-judge", "name", "Case against the judge", "defendant", "person-judge")
		f.b.entity("Proceeding", "proceeding-against-judge", "case", "case-against-judge", "stage", "investigation", "startDate", "2020-03-20")
		rep := f.findings(t, 0)
		if len(rep.Findings) != 1 || rep.Findings[0].Sanction.ID != "proceeding-against-judge" || rep.Findings[0].Sanction.Type != "prosecution" || rep.Findings[0].GapDays != 18 {
			t.Errorf("findings %+v, want the prosecution of the judge 18 days after", rep.Findings)
		}
	})
	t.Run("ImpreciseDates", func(t *testing.T) {
		f := newRetaliation(t)
		f.ruling("i", "yes", "acquitted", "2020-03-02")
		f.b.entity("Event", "event-month", "type", "dismissal", "victim", "person-judge", "date", "2020-03")
		f.b.entity("Event", "event-long-before", "type", "dismissal", "victim", "person-judge", "date", "2019")
		f.b.entity("Event", "event-approx", "type", "dismissal", "victim", "person-chair", "date", "~2020-03-04")
		rep := f.findings(t, 0)
		if len(rep.Findings) != 0 {
			t.Errorf("findings %+v, want none: no date is exact to the day", rep.Findings)
		}
		var got []string
		for _, u := range rep.Unmeasured {
			got = append(got, u.Sanction.ID)
		}
		slices.Sort(got)
		if !slices.Equal(got, []string{"event-approx", "event-month"}) {
			t.Errorf("unmeasured = %v, want the month and the approximate date, not the year before", got)
		}
	})
}
