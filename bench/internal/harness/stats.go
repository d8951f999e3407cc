package harness

import (
	"context"
	"fmt"
	"runtime"
	"time"

	"github.com/docketorg/docket/report"
)

// StatsResult is what the statistics of docket stats (and of serve's statistics pages) cost
// one viewer: counting every figure from the store in parts, then each statistic, as medians
// of the repetitions.
type StatsResult struct {
	Viewer      string     `json:"viewer"`
	Reps        int        `json:"repetitions"`
	CountMS     float64    `json:"count_ms"`     // report.CountAll: every figure, the proceedings read in parts
	PeakHeapMB  float64    `json:"peak_heap_mb"` // the largest live heap seen while counting (sampled)
	Proceedings int        `json:"proceedings"`
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

// RunStats does reps times, as each viewer, what docket stats does: count every figure from
// the store part by part (report.CountAll), then take each statistic of report.Kinds without
// options with its table (report.Counted.Stat).
func RunStats(ctx context.Context, db report.Reader, reps int) ([]StatsResult, error) {
	var out []StatsResult
	for _, v := range Viewers {
		res := StatsResult{Viewer: v.Name, Reps: reps}
		var count []time.Duration
		by := map[string][]time.Duration{}
		for rep := range reps {
			// Garbage of the repetition before is not this one's to collect.
			runtime.GC()
			stop := sampleHeap()
			start := time.Now()
			f, err := report.CountAll(ctx, db, v.Viewer, 0, func(done, total int64) { res.Proceedings = int(max(done, total)) })
			count = append(count, time.Since(start))
			res.PeakHeapMB = max(res.PeakHeapMB, float64(stop())/(1<<20))
			if err != nil {
				return nil, fmt.Errorf("count the figures as %s: %w", v.Name, err)
			}
			c, err := f.Counted(report.Options{})
			if err != nil {
				return nil, err
			}
			for _, kind := range report.Kinds {
				start := time.Now()
				_, typed, err := c.Stat(kind)
				by[kind] = append(by[kind], time.Since(start))
				if err != nil {
					return nil, fmt.Errorf("%s as %s: %w", kind, v.Name, err)
				}
				if rep == 0 {
					res.Stats = append(res.Stats, counted(kind, typed))
				}
			}
		}
		res.CountMS = Summarize(count).P50
		for i := range res.Stats {
			res.Stats[i].MS = Summarize(by[res.Stats[i].Kind]).P50
		}
		out = append(out, res)
	}
	return out, nil
}

// sampleHeap samples the live heap every 100 ms until stop, which returns the largest seen.
func sampleHeap() (stop func() uint64) {
	var max uint64
	done, ended := make(chan struct{}), make(chan struct{})
	read := func() {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		if m.HeapAlloc > max {
			max = m.HeapAlloc
		}
	}
	go func() {
		defer close(ended)
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				read()
			case <-done:
				read()
				return
			}
		}
	}()
	return func() uint64 { close(done); <-ended; return max }
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
