package harness

import (
	"context"
	"fmt"
	"runtime"
	"time"

	"github.com/docketorg/docket/report"
)

// StatsResult is what the statistics of docket stats cost one viewer: loading the registry,
// building its views, and each statistic, as medians of the repetitions.
type StatsResult struct {
	Viewer      string     `json:"viewer"`
	Reps        int        `json:"repetitions"`
	LoadMS      float64    `json:"load_ms"`  // report.Load: every entity, statement and source the viewer sees
	HeapMB      float64    `json:"heap_mb"`  // live heap of the loaded registry, before its views
	ViewsMS     float64    `json:"views_ms"` // the views (cases, proceedings, events...) every statistic reads, built on first use
	Entities    int        `json:"entities"`
	Proceedings int        `json:"proceedings"`
	Cases       int        `json:"cases"`
	Stats       []StatTime `json:"stats"`
}

// StatTime is one statistic: its median time, and what it counted.
type StatTime struct {
	Kind     string  `json:"kind"`
	MS       float64 `json:"median_ms"`
	Counted  int     `json:"counted"`
	Unit     string  `json:"unit"`               // what Counted counts: rulings, prison terms...
	Cases    int     `json:"cases"`              // the cases the figures rest on
	Findings int     `json:"findings,omitempty"` // retaliation
	LeftOut  int     `json:"left_out,omitempty"` // durations: rulings whose dates are not exact to the day
}

// RunStats does reps times, as each viewer, what docket stats does for every statistic of
// report.Kinds without options: load the registry from the store, then compute the statistic
// and its table (report.Registry.Stat). The views the statistics share are built before the
// first, and timed apart.
func RunStats(ctx context.Context, db report.Reader, reps int) ([]StatsResult, error) {
	var out []StatsResult
	for _, v := range Viewers {
		res := StatsResult{Viewer: v.Name, Reps: reps}
		var load, views []time.Duration
		by := map[string][]time.Duration{}
		for rep := range reps {
			// Garbage of the repetition before is not this one's to collect.
			runtime.GC()
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			start := time.Now()
			reg, err := report.Load(ctx, db, v.Viewer)
			if err != nil {
				return nil, fmt.Errorf("load the registry as %s: %w", v.Name, err)
			}
			load = append(load, time.Since(start))
			if rep == 0 {
				runtime.GC()
				runtime.ReadMemStats(&m1)
				res.HeapMB = float64(int64(m1.HeapAlloc)-int64(m0.HeapAlloc)) / (1 << 20)
			}
			start = time.Now()
			procs := reg.Proceedings()
			views = append(views, time.Since(start))
			res.Entities, res.Proceedings, res.Cases = len(reg.Entities), len(procs), len(reg.Cases())
			for _, kind := range report.Kinds {
				start := time.Now()
				_, typed, err := reg.Stat(kind, report.Options{})
				by[kind] = append(by[kind], time.Since(start))
				if err != nil {
					return nil, fmt.Errorf("%s as %s: %w", kind, v.Name, err)
				}
				if rep == 0 {
					res.Stats = append(res.Stats, counted(kind, typed))
				}
			}
		}
		res.LoadMS, res.ViewsMS = Summarize(load).P50, Summarize(views).P50
		for i := range res.Stats {
			res.Stats[i].MS = Summarize(by[res.Stats[i].Kind]).P50
		}
		out = append(out, res)
	}
	return out, nil
}

// counted says what a statistic counted, from its totals.
func counted(kind string, typed any) StatTime {
	st := StatTime{Kind: kind}
	switch s := typed.(type) {
	case *report.OutcomeStats:
		st.Counted, st.Unit, st.Cases = s.Total.Rulings, "rulings", s.Total.NumCases
	case *report.DemandStats:
		st.Counted, st.Unit, st.Cases = s.Total.WithDemand, "rulings with a demand", s.Total.NumCases
	case *report.SentenceStats:
		st.Counted, st.Unit, st.Cases = s.Total.Count, "prison terms", s.Total.NumCases
	case *report.DurationStats:
		st.Counted, st.Unit, st.Cases, st.LeftOut = s.Total.Count, "rulings measured", s.Total.NumCases, s.Total.Imprecise
	case *report.AppealStats:
		st.Counted, st.Unit, st.Cases = s.Total.Appeals, "appeal rulings", s.Total.NumCases
	case *report.RetaliationReport:
		st.Counted, st.Unit, st.Cases, st.Findings = s.Rulings, "rulings examined", s.NumCases, len(s.Findings)
	}
	return st
}
