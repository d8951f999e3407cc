package report_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/report"
)

// This file checks the statistics on a generated registry against figures computed here, from
// what the generator decided, without the code under test.

// genProceeding is what the generator decided about one proceeding.
type genProceeding struct {
	caseID    string
	political bool
	stage     string
	courts    []string // court labels
	regions   []string
	judges    []string // judge labels; none: "(judge not recorded)"
	articles  []string // "KZ-CC art. N"
	year      string   // "" when undated
	exact     bool     // the date is exact to the day
	day       time.Time
	outcome   string
	demand    bool
	cmp       string  // the sentence against the demand: equal, lighter, heavier, other; "" without both
	months    float64 // imprisonment term in months; 0 when none
	// detention before a first-instance ruling
	detention string // "", "exact", "after" (exact, after the ruling), "imprecise"
	days      int
}

var (
	genCourts  = []struct{ id, name, region, city string }{{"org-court-0", "Court 0", "Region A", ""}, {"org-court-1", "Court 1", "Region B", ""}, {"org-court-2", "Court 2", "", "Oral"}}
	genRegion  = map[string]string{"Court 0": "Region A", "Court 1": "Region B", "Court 2": "Oral (city)", "Appeal Court": "Region A"}
	genJudges  = []string{"Judge 0", "Judge 1", "Judge 2", "Judge 3"}
	genArticle = []string{"174", "179", "274"}
)

// generate writes n cases with their charges, proceedings and detentions, and returns what it
// decided.
func generate(t testing.TB, b *builder, n int, seed uint64) []genProceeding {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 42))
	for _, c := range genCourts {
		b.entity("Organization", c.id, "name", c.name, "kind", "court", "region", c.region, "city", c.city)
	}
	b.entity("Organization", "org-court-appeal", "name", "Appeal Court", "kind", "court", "level", "appellate", "region", "Region A")
	for i, j := range genJudges {
		b.entity("Person", fmt.Sprintf("person-judge-%d", i), "name", j, "occupation", "judge")
	}
	var out []genProceeding
	for i := 0; i < n; i++ {
		caseID := fmt.Sprintf("case-%02d", i)
		def := b.entity("Person", fmt.Sprintf("person-def-%02d", i), "name", fmt.Sprintf("Defendant %02d", i))
		political := rng.IntN(10) < 7
		pm := "no"
		if political {
			pm = "yes"
		}
		b.entity("Case", caseID, "name", "Case "+caseID, "defendant", def, "politicallyMotivated", pm)
		// One or two articles, each a charge.
		perm := rng.Perm(len(genArticle))[:1+rng.IntN(2)]
		sort.Ints(perm)
		var charges, articles []string
		for _, k := range perm {
			charges = append(charges, b.entity("Charge", fmt.Sprintf("charge-%02d-%s", i, genArticle[k]), "case", caseID, "defendant", def,
				"code", "KZ-CC", "article", genArticle[k]))
			articles = append(articles, "KZ-CC art. "+genArticle[k])
		}
		p := genProceeding{caseID: caseID, political: political, stage: "first instance", articles: articles}
		c := genCourts[rng.IntN(len(genCourts))]
		p.courts, p.regions = []string{c.name}, []string{genRegion[c.name]}
		judgeIDs := []string{}
		for _, k := range rng.Perm(len(genJudges))[:1+boolInt(rng.IntN(10) == 0)] {
			judgeIDs = append(judgeIDs, fmt.Sprintf("person-judge-%d", k))
			p.judges = append(p.judges, genJudges[k])
		}
		date := ""
		p.day = time.Date(2017+rng.IntN(3), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)
		switch r := rng.IntN(20); {
		case r == 0: // undated
		case r < 3: // to the month only
			date, p.year = p.day.Format("2006-01"), p.day.Format("2006")
		default:
			date, p.year, p.exact = p.day.Format("2006-01-02"), p.day.Format("2006"), true
		}
		switch r := rng.IntN(20); {
		case r < 12:
			p.outcome = "convicted"
		case r < 15:
			p.outcome = "acquitted"
		case r < 17:
			p.outcome = "returned"
		case r < 18:
			p.outcome = "dismissed"
		}
		demand, sentence := "", ""
		dy := 2 + rng.IntN(7)
		if rng.IntN(10) < 7 {
			p.demand, demand = true, fmt.Sprintf("imprisonment P%dY", dy)
		}
		if p.outcome == "convicted" {
			kinds := []string{"equal", "lighter", "heavier", "other"}
			k := kinds[rng.IntN(4)]
			y, m := dy, 0
			switch k {
			case "lighter":
				y, m = dy-1, 6
			case "heavier":
				y = dy + 1
			}
			if !p.demand && k != "other" {
				y, m = 1+rng.IntN(9), 6*rng.IntN(2)
			}
			if k == "other" {
				sentence = "restriction of freedom P2Y"
			} else {
				sentence = fmt.Sprintf("imprisonment P%dY", y)
				if m > 0 {
					sentence = fmt.Sprintf("imprisonment P%dY%dM", y, m)
				}
				p.months = float64(y*12 + m)
			}
			if p.demand {
				p.cmp = k
			}
		}
		charge := ""
		if rng.IntN(4) > 0 { // else the proceeding names no charge and the case's count
			charge = charges[0]
			if len(charges) > 1 {
				// Name every charge: a proceeding that names only some counts only those.
				b.entity("Proceeding", fmt.Sprintf("proceeding-%02d-1", i), append([]string{"case", caseID, "stage", "first instance",
					"court", c.id, "defendant", def, "demand", demand, "outcome", p.outcome, "sentence", sentence, "date", date,
					"charge", charges[0], "charge", charges[1]}, judgeKV(judgeIDs)...)...)
				charge = "done"
			}
		}
		if charge != "done" {
			b.entity("Proceeding", fmt.Sprintf("proceeding-%02d-1", i), append([]string{"case", caseID, "stage", "first instance",
				"court", c.id, "defendant", def, "demand", demand, "outcome", p.outcome, "sentence", sentence, "date", date,
				"charge", charge}, judgeKV(judgeIDs)...)...)
		}
		// A detention, in the case or of the defendant.
		if rng.IntN(10) < 7 {
			typ := []string{"detention", "arrest"}[rng.IntN(2)]
			k := 10 + rng.IntN(400)
			when := p.day.AddDate(0, 0, -k)
			ev := []string{"type", typ}
			if rng.IntN(2) == 0 {
				ev = append(ev, "victim", def)
			} else {
				ev = append(ev, "case", caseID)
			}
			switch r := rng.IntN(10); {
			case r == 0: // after the ruling: not a detention before it
				when = p.day.AddDate(0, 0, 5)
				ev = append(ev, "date", when.Format("2006-01-02"))
				p.detention = "after"
			case r < 3: // to the month, at least a month before
				when = time.Date(p.day.Year(), p.day.Month()-2, 1, 0, 0, 0, 0, time.UTC)
				ev = append(ev, "date", when.Format("2006-01"))
				p.detention = "imprecise"
			default:
				ev = append(ev, "date", when.Format("2006-01-02"))
				p.detention, p.days = "exact", k
			}
			b.entity("Event", fmt.Sprintf("event-detention-%02d", i), ev...)
		}
		out = append(out, p)
		// An appeal against a conviction.
		if p.outcome == "convicted" && rng.IntN(10) < 5 {
			a := genProceeding{caseID: caseID, political: political, stage: "appeal", articles: articles,
				courts: []string{"Appeal Court"}, regions: []string{"Region A"}, judges: []string{"(judge not recorded)"}}
			a.outcome = []string{"upheld", "upheld", "upheld", "overturned", "returned"}[rng.IntN(5)]
			adate := ""
			if p.exact {
				a.day = p.day.AddDate(0, 3, 0)
				adate, a.year, a.exact = a.day.Format("2006-01-02"), a.day.Format("2006"), true
			}
			b.entity("Proceeding", fmt.Sprintf("proceeding-%02d-2", i), "case", caseID, "stage", "appeal", "court", "org-court-appeal",
				"outcome", a.outcome, "date", adate)
			out = append(out, a)
		}
	}
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func judgeKV(ids []string) []string {
	var kv []string
	for _, id := range ids {
		kv = append(kv, "judge", id)
	}
	return kv
}

// keys returns the row labels a generated proceeding counts in.
func (p genProceeding) keys(by string) []string {
	switch by {
	case "":
		return []string{"All"}
	case report.ByCourt:
		return p.courts
	case report.ByJudge:
		if len(p.judges) == 0 {
			return []string{"(judge not recorded)"}
		}
		return p.judges
	case report.ByArticle:
		return p.articles
	case report.ByRegion:
		return p.regions
	case report.ByYear:
		if p.year == "" {
			return []string{"(year not recorded)"}
		}
		return []string{p.year}
	}
	panic(by)
}

// want is an expected row: counts by name and the cases.
type want struct {
	n     map[string]int
	cases map[string]bool
	terms []float64
	days  []int
}

func tally(ps []genProceeding, by string, political bool, keep func(genProceeding) bool, count func(genProceeding, *want)) (map[string]*want, *want) {
	rows := map[string]*want{}
	total := &want{n: map[string]int{}, cases: map[string]bool{}}
	for _, p := range ps {
		if (political && !p.political) || !keep(p) {
			continue
		}
		for _, k := range p.keys(by) {
			w := rows[k]
			if w == nil {
				w = &want{n: map[string]int{}, cases: map[string]bool{}}
				rows[k] = w
			}
			count(p, w)
			w.cases[p.caseID] = true
		}
		count(p, total)
		total.cases[p.caseID] = true
	}
	return rows, total
}

func casesOf(w *want) []string {
	var out []string
	for c := range w.cases {
		out = append(out, c)
	}
	sort.Strings(out)
	if out == nil {
		out = []string{}
	}
	return out
}

func checkBasis(t *testing.T, what string, got report.Basis, w *want) {
	t.Helper()
	if want := casesOf(w); !slices.Equal(got.Cases.Strings(), want) || got.Cases.Len() != len(want) || got.NumCases != len(want) {
		t.Errorf("%s cases = %d %v, want %d %v", what, got.NumCases, got.Cases.Strings(), len(want), want)
	}
}

func checkLabels(t *testing.T, what string, got []string, rows map[string]*want) {
	t.Helper()
	var want []string
	for k := range rows {
		want = append(want, k)
	}
	sort.Strings(want)
	got = slices.Clone(got)
	sort.Strings(got)
	if !slices.Equal(got, want) {
		t.Errorf("%s rows = %q, want %q", what, got, want)
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func mean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func TestStats_Generated(t *testing.T) {
	db := mustOpen(t)
	b := newBuilder(t, db)
	ps := generate(t, b, 60, 7)
	cr := &countingReader{Reader: db}
	reg := mustLoad(t, cr, docket.AnonymousViewer)
	// Bulk reads: a page or two per schema, never one read per entity.
	if cr.byID != 0 || cr.statements > 16 || cr.entities > 8 || cr.sources > 1 {
		t.Errorf("Load made %d statement reads, %d entity reads, %d reads by id, %d source reads; want at most 16, 8, 0, 1",
			cr.statements, cr.entities, cr.byID, cr.sources)
	}
	if len(reg.Proceedings()) != len(ps) {
		t.Fatalf("Proceedings() = %d, want %d", len(reg.Proceedings()), len(ps))
	}
	ruling := func(p genProceeding) bool {
		return p.outcome == "convicted" || p.outcome == "acquitted" || p.outcome == "returned" || p.outcome == "dismissed"
	}
	for _, by := range append([]string{""}, report.Dimensions...) {
		for _, political := range []bool{false, true} {
			o := report.Options{By: by, Political: political}
			name := fmt.Sprintf("by=%q,political=%v", by, political)
			t.Run("Outcomes/"+name, func(t *testing.T) {
				st, err := reg.Outcomes(o)
				if err != nil {
					t.Fatal(err)
				}
				rows, total := tally(ps, by, political, ruling, func(p genProceeding, w *want) { w.n["rulings"]++; w.n[p.outcome]++ })
				var labels []string
				check := func(r report.OutcomeRow, w *want) {
					t.Helper()
					if r.Rulings != w.n["rulings"] || r.Convicted != w.n["convicted"] || r.Acquitted != w.n["acquitted"] ||
						r.Returned != w.n["returned"] || r.Dismissed != w.n["dismissed"] {
						t.Errorf("%s = %d rulings %d/%d/%d/%d, want %v", r.Label, r.Rulings, r.Convicted, r.Acquitted, r.Returned, r.Dismissed, w.n)
					}
					if w.n["rulings"] > 0 && (!near(r.ConvictionRate, float64(w.n["convicted"])/float64(w.n["rulings"])) ||
						!near(r.AcquittalRate, float64(w.n["acquitted"])/float64(w.n["rulings"]))) {
						t.Errorf("%s rates = %v, %v", r.Label, r.ConvictionRate, r.AcquittalRate)
					}
					checkBasis(t, r.Label, r.Basis, w)
				}
				for _, r := range st.Rows {
					labels = append(labels, r.Label)
					if w := rows[r.Label]; w != nil {
						check(r, w)
					}
				}
				checkLabels(t, "Outcomes", labels, rows)
				check(st.Total, total)
			})
			t.Run("Demand/"+name, func(t *testing.T) {
				st, err := reg.Demands(o)
				if err != nil {
					t.Fatal(err)
				}
				rows, total := tally(ps, by, political, func(p genProceeding) bool { return p.demand && p.outcome != "" },
					func(p genProceeding, w *want) {
						w.n["with"]++
						if p.cmp != "" {
							w.n["sentenced"]++
							w.n[p.cmp]++
						}
						if p.outcome != "convicted" {
							w.n["not"]++
						}
					})
				var labels []string
				check := func(r report.DemandRow, w *want) {
					t.Helper()
					if r.WithDemand != w.n["with"] || r.Sentenced != w.n["sentenced"] || r.Equal != w.n["equal"] || r.Lighter != w.n["lighter"] ||
						r.Heavier != w.n["heavier"] || r.OtherKind != w.n["other"] || r.NotSentenced != w.n["not"] {
						t.Errorf("%s = %+v, want %v", r.Label, r, w.n)
					}
					if w.n["sentenced"] > 0 && !near(r.ShareEqual, float64(w.n["equal"])/float64(w.n["sentenced"])) {
						t.Errorf("%s share equal = %v", r.Label, r.ShareEqual)
					}
					checkBasis(t, r.Label, r.Basis, w)
				}
				for _, r := range st.Rows {
					labels = append(labels, r.Label)
					if w := rows[r.Label]; w != nil {
						check(r, w)
					}
				}
				checkLabels(t, "Demands", labels, rows)
				check(st.Total, total)
			})
			t.Run("Sentences/"+name, func(t *testing.T) {
				st, err := reg.Sentences(o)
				if err != nil {
					t.Fatal(err)
				}
				rows, total := tally(ps, by, political, func(p genProceeding) bool { return p.months > 0 },
					func(p genProceeding, w *want) { w.terms = append(w.terms, p.months) })
				var labels []string
				check := func(r report.SentenceRow, w *want) {
					t.Helper()
					if r.Count != len(w.terms) {
						t.Errorf("%s count = %d, want %d", r.Label, r.Count, len(w.terms))
						return
					}
					if len(w.terms) > 0 && (!near(r.Mean, mean(w.terms)) || !near(r.Median, median(w.terms)) ||
						!near(r.Min, slices.Min(w.terms)) || !near(r.Max, slices.Max(w.terms))) {
						t.Errorf("%s = mean %v median %v min %v max %v; want %v %v %v %v", r.Label, r.Mean, r.Median, r.Min, r.Max,
							mean(w.terms), median(w.terms), slices.Min(w.terms), slices.Max(w.terms))
					}
					checkBasis(t, r.Label, r.Basis, w)
				}
				for _, r := range st.Rows {
					labels = append(labels, r.Label)
					if w := rows[r.Label]; w != nil {
						check(r, w)
					}
				}
				checkLabels(t, "Sentences", labels, rows)
				check(st.Total, total)
			})
			t.Run("Durations/"+name, func(t *testing.T) {
				st, err := reg.Durations(o)
				if err != nil {
					t.Fatal(err)
				}
				rows, total := tally(ps, by, political, func(p genProceeding) bool {
					if p.stage != "first instance" || !ruling(p) || p.detention == "" {
						return false
					}
					return !p.exact || p.detention == "exact" || p.detention == "imprecise"
				}, func(p genProceeding, w *want) {
					if p.exact && p.detention == "exact" {
						w.days = append(w.days, p.days)
					} else {
						w.n["imprecise"]++
					}
				})
				var labels []string
				check := func(r report.DurationRow, w *want) {
					t.Helper()
					if r.Count != len(w.days) || r.Imprecise != w.n["imprecise"] {
						t.Errorf("%s = %d measured, %d imprecise; want %d, %d", r.Label, r.Count, r.Imprecise, len(w.days), w.n["imprecise"])
						return
					}
					if len(w.days) > 0 {
						fs := make([]float64, len(w.days))
						for i, d := range w.days {
							fs[i] = float64(d)
						}
						if !near(r.Mean, mean(fs)) || !near(r.Median, median(fs)) || float64(r.Min) != slices.Min(fs) || float64(r.Max) != slices.Max(fs) {
							t.Errorf("%s = mean %v median %v min %d max %d; want %v %v %v %v", r.Label, r.Mean, r.Median, r.Min, r.Max,
								mean(fs), median(fs), slices.Min(fs), slices.Max(fs))
						}
					}
					checkBasis(t, r.Label, r.Basis, w)
				}
				for _, r := range st.Rows {
					labels = append(labels, r.Label)
					if w := rows[r.Label]; w != nil {
						check(r, w)
					}
				}
				checkLabels(t, "Durations", labels, rows)
				check(st.Total, total)
			})
			t.Run("Appeals/"+name, func(t *testing.T) {
				st, err := reg.Appeals(o)
				if err != nil {
					t.Fatal(err)
				}
				rows, total := tally(ps, by, political, func(p genProceeding) bool { return p.stage == "appeal" },
					func(p genProceeding, w *want) { w.n["appeals"]++; w.n[p.outcome]++ })
				var labels []string
				check := func(r report.AppealRow, w *want) {
					t.Helper()
					if r.Appeals != w.n["appeals"] || r.Upheld != w.n["upheld"] || r.Overturned != w.n["overturned"] || r.Returned != w.n["returned"] || r.Other != 0 {
						t.Errorf("%s = %+v, want %v", r.Label, r, w.n)
					}
					checkBasis(t, r.Label, r.Basis, w)
				}
				for _, r := range st.Rows {
					labels = append(labels, r.Label)
					if w := rows[r.Label]; w != nil {
						check(r, w)
					}
				}
				checkLabels(t, "Appeals", labels, rows)
				check(st.Total, total)
			})
		}
	}
	// The generated set must exercise what it checks.
	seen := map[string]int{}
	for _, p := range ps {
		seen[p.outcome]++
		seen["cmp-"+p.cmp]++
		seen["detention-"+p.detention]++
		if !p.political {
			seen["nonpolitical"]++
		}
	}
	for _, k := range []string{"convicted", "acquitted", "returned", "upheld", "cmp-equal", "cmp-lighter", "cmp-heavier", "cmp-other",
		"detention-exact", "detention-imprecise", "detention-after", "nonpolitical"} {
		if seen[k] == 0 {
			t.Errorf("the generated registry has no %s; change the seed", k)
		}
	}
}

// TestStats_Merged reads a judge merged away as the judge it was merged into: the two
// spellings of one judge are one row.
func TestStats_Merged(t *testing.T) {
	db := mustOpen(t)
	b := newBuilder(t, db)
	b.entity("Organization", "org-c", "name", "City Court", "kind", "court")
	b.entity("Person", "person-a", "name", "Gulnara Baiturova")
	b.entity("Person", "person-b", "name", "Gulnara Bayturova")
	b.entity("Case", "case-1", "name", "One", "politicallyMotivated", "yes")
	b.entity("Case", "case-2", "name", "Two", "politicallyMotivated", "yes")
	b.entity("Proceeding", "proceeding-1", "case", "case-1", "stage", "first instance", "court", "org-c", "judge", "person-a", "outcome", "acquitted")
	b.entity("Proceeding", "proceeding-2", "case", "case-2", "stage", "first instance", "court", "org-c", "judge", "person-b", "outcome", "convicted")
	if _, err := db.MergeEntities(context.Background(), op, "person-a", "person-b", "one judge, two spellings"); err != nil {
		t.Fatal(err)
	}
	cr := &countingReader{Reader: db}
	st, err := mustLoad(t, cr, docket.AnonymousViewer).Outcomes(report.Options{By: report.ByJudge})
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Rows) != 1 || st.Rows[0].Entity != "person-a" || st.Rows[0].Rulings != 2 || st.Rows[0].NumCases != 2 {
		t.Fatalf("Outcomes by judge = %+v, want one row for person-a with 2 rulings in 2 cases", st.Rows)
	}
	if cr.byID > 1 {
		t.Errorf("Load resolved the merged judge with %d reads, want 1", cr.byID)
	}
}

func TestComparePenalty(t *testing.T) {
	for _, c := range []struct{ sentence, demand, want string }{
		{"imprisonment P3Y", "imprisonment P3Y", report.Equal},
		{"imprisonment P36M", "imprisonment P3Y", report.Equal},
		{"imprisonment P2Y6M", "imprisonment P3Y", report.Lighter},
		{"imprisonment P4Y", "imprisonment P3Y", report.Heavier},
		{"fine 500 KZT", "fine 1000 KZT", report.Lighter},
		{"fine 500 USD", "fine 1000 KZT", report.OtherKind},
		{"restriction of freedom P2Y", "imprisonment P3Y", report.OtherKind},
		{"ban P5Y: public activity", "ban P5Y: journalism", report.OtherKind},
	} {
		if got := report.ComparePenalty(c.sentence, c.demand); got != c.want {
			t.Errorf("ComparePenalty(%q, %q) = %s, want %s", c.sentence, c.demand, got, c.want)
		}
	}
}

func TestOptions_Validate(t *testing.T) {
	if err := (report.Options{By: "colour"}).Validate(); docket.ErrorCode(err) != docket.EINVALID || !strings.Contains(docket.ErrorMessage(err), "court") {
		t.Errorf("Validate(by colour) = %v, want EINVALID listing the dimensions", err)
	}
	reg := mustLoad(t, mustOpen(t), docket.AnonymousViewer)
	if _, _, err := reg.Stat("nonsense", report.Options{}); docket.ErrorCode(err) != docket.EINVALID {
		t.Errorf("Stat(nonsense) = %v, want EINVALID", err)
	}
	if _, _, err := reg.Stat("retaliation", report.Options{By: "court"}); docket.ErrorCode(err) != docket.EINVALID {
		t.Errorf("Stat(retaliation, by court) = %v, want EINVALID", err)
	}
	_ = context.Background
}

// BenchmarkLoadAndCount reads a generated registry and computes every statistic, as a page of
// /stats and the retaliation detector do on each request.
func BenchmarkLoadAndCount(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprintf("cases=%d", n), func(b *testing.B) {
			db := mustOpen(b)
			generate(b, newBuilder(b, db), n, 7)
			b.ResetTimer()
			for b.Loop() {
				reg := mustLoad(b, db, docket.AnonymousViewer)
				for _, kind := range report.Kinds {
					if _, _, err := reg.Stat(kind, report.Options{By: report.ByJudge}); err != nil && kind != "retaliation" {
						b.Fatal(err)
					}
				}
				if _, err := reg.Retaliation(report.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
