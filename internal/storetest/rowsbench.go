package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/docketorg/docket"
)

// BenchCasesTable measures the Cases table of n cases as the public reads it: each iteration
// reads one page of a sorted, filtered list (the queries below in turn, each with its count of
// matches), and the benchmark reports the median and the 95th percentile of a page in ms. The
// rows are written as report.RefreshRows writes them (PutRows), a batch at a time, before the
// clock starts.
func BenchCasesTable(b *testing.B, st docket.Store, n int) {
	ctx := context.Background()
	op := docket.Operator("bench")
	outcomes := docket.Vocab.Terms("outcome")
	countries := []string{"kz", "kz", "kz", "ru", "by", "uz", "kg", "tj"}
	articles := []string{"174", "179", "405", "274", "256", "269", "341", "380"}
	const batch = 2000
	for start := 0; start < n; start += batch {
		var ids []string
		var rows []*docket.Row
		for i := start; i < min(start+batch, n); i++ {
			id := fmt.Sprintf("case-%06d", i)
			o := outcomes[i%len(outcomes)]
			y := 2005 + i%20
			date := fmt.Sprintf("%d-%02d-%02d", y, 1+i%12, 1+i%28)
			art := articles[i%len(articles)]
			name := fmt.Sprintf("Defendant %06d Surname%d", i, i%977)
			data, _ := json.Marshal(docket.CaseRow{Names: []docket.NameForm{{Value: "Case of " + name}}, Number: fmt.Sprintf("%d-%d", y, i),
				Country: countries[i%len(countries)], Defendants: []docket.NamedRef{{ID: fmt.Sprintf("person-%06d", i), Names: []docket.NameForm{{Value: name}}}},
				Charges: []docket.ChargeRef{{Code: "KZ-CC", Article: art}}, Stage: "first instance", Outcome: o.ID, Sentence: "imprisonment 3y",
				Date: date, Political: []string{"yes", "no", "unclear"}[i%3], Status: docket.Reported, Proceedings: 1})
			ids = append(ids, id)
			rows = append(rows, &docket.Row{Class: docket.ClassPublic, Schema: "Case", ID: id, Seq: int64(i + 1), Caption: fmt.Sprintf("case of defendant %06d", i),
				People: fmt.Sprintf("defendant %06d", i), Country: countries[i%len(countries)], Article: "KZ-CC " + art, Articles: []string{"KZ-CC " + art},
				Stage: 1 + i%3, Kind: o.ID, Rank: 1 + i%len(outcomes), Amount: float64(i % 15), Date: date, Year: y,
				Political: []string{"yes", "no", "unclear"}[i%3], Review: 2, Data: data})
		}
		if err := st.PutRows(ctx, op, ids, rows, 0); err != nil {
			b.Fatal(err)
		}
	}
	queries := []docket.RowQuery{
		{Sort: "date", Desc: true},
		{Sort: "date", Desc: true, Country: "kz", Political: "yes"},
		{Sort: "caption", Kind: outcomes[0].ID, Year: 2019},
		{Sort: "amount", Desc: true, Article: "179", Offset: 100},
		{Sort: "people", Country: "ru", Kind: outcomes[1].ID, Offset: 50},
		{Sort: "stage", Year: 2012, Political: "no"},
		{Sort: "kind", Desc: true, Country: "kz", Offset: 5000},
	}
	var took []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		q := queries[i%len(queries)]
		q.Schema, q.Limit = "Case", 50
		t0 := time.Now()
		page, err := st.FindRows(ctx, docket.AnonymousViewer, q)
		took = append(took, time.Since(t0))
		if err != nil {
			b.Fatal(err)
		}
		if len(page.Rows) == 0 {
			b.Fatalf("%+v: no rows", q)
		}
	}
	if testing.Verbose() {
		// Each query's median, to see which one is slow.
		for j, q := range queries {
			var ts []time.Duration
			for k := j; k < len(took); k += len(queries) {
				ts = append(ts, took[k])
			}
			slices.Sort(ts)
			if len(ts) > 0 {
				b.Logf("%+v: median %v, max %v", q, ts[len(ts)/2], ts[len(ts)-1])
			}
		}
	}
	slices.Sort(took)
	ms := func(p float64) float64 { return float64(took[int(p*float64(len(took)-1))].Microseconds()) / 1000 }
	b.ReportMetric(ms(0.5), "p50-ms")
	b.ReportMetric(ms(0.95), "p95-ms")
}
