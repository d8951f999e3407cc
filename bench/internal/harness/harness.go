// Package harness measures Docket's stores, SQLite and PostgreSQL, on a generated registry:
// bulk import of JSON lines and of CSV, search and entity-page latency in the store and over
// the HTTP API, the statistics of docket stats, memory and size, and the memory of an idle
// server. The benchmark test and the bench/run program share it.
package harness

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/bench/internal/synth"
)

// WriteDataset generates a registry into a JSON lines file, as docket export writes it.
func WriteDataset(path string, cfg synth.Config) (*synth.Summary, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	sum, err := synth.Generate(cfg, func(r *docket.Record) error {
		line, err := json.Marshal(r)
		if err != nil {
			return err
		}
		w.Write(line)
		return w.WriteByte('\n')
	})
	if err != nil {
		return nil, err
	}
	if err := w.Flush(); err != nil {
		return nil, err
	}
	return sum, f.Close()
}

// maxLine is docket import's limit on one line.
const maxLine = 1 << 20

// Records returns a next function over the JSON lines of r that decodes records as docket
// import does.
func Records(r io.Reader) func() (*docket.Record, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), maxLine)
	line := 0
	return func() (*docket.Record, error) {
		for sc.Scan() {
			line++
			b := sc.Bytes()
			if len(bytes.TrimSpace(b)) == 0 {
				continue
			}
			rec, err := docket.DecodeRecord(b)
			if err != nil {
				return nil, fmt.Errorf("line %d: %w", line, err)
			}
			return rec, nil
		}
		return nil, sc.Err()
	}
}

// ParseFile reads and decodes every record of a file without storing it: the share of an
// import that is JSON.
func ParseFile(path string) (records int64, d time.Duration, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	start := time.Now()
	next := Records(f)
	for {
		r, err := next()
		if err != nil {
			return records, 0, err
		} else if r == nil {
			return records, time.Since(start), nil
		}
		records++
	}
}

// ImportResult is what a bulk import cost.
type ImportResult struct {
	Records          int64   `json:"records"`
	Statements       int64   `json:"statements"`
	Seconds          float64 `json:"seconds"`
	RecordsPerSec    float64 `json:"records_per_s"`
	StatementsPerSec float64 `json:"statements_per_s"`
	ParseSeconds     float64 `json:"parse_only_seconds,omitempty"` // reading and decoding the file alone
	PeakRSSMB        float64 `json:"peak_rss_mb"`                  // VmHWM of this process during the import
	// The store's size: see Target.CloseStore.
	DBBytesOpen       int64   `json:"db_bytes_open,omitempty"`  // SQLite: main file after the import, store still open
	WALBytesOpen      int64   `json:"wal_bytes_open,omitempty"` // SQLite: write-ahead log after the import
	DBBytes           int64   `json:"db_bytes"`                 // SQLite: main file after close (checkpointed, no WAL); PostgreSQL: every relation of the schema
	TableBytes        int64   `json:"table_bytes,omitempty"`    // PostgreSQL: tables with their TOAST
	IndexBytes        int64   `json:"index_bytes,omitempty"`    // PostgreSQL: indexes
	BytesPerStatement float64 `json:"bytes_per_statement"`
	// CPU time of the process during the import, and the load of the machine around it: on a
	// shared machine wall time varies with what else runs, CPU time much less. On PostgreSQL
	// most of the work is the server's: ServerCPUSeconds is that of the store's backends, when
	// the server runs on this machine; StatementsPerCPUs counts both.
	CPUSeconds        float64 `json:"cpu_seconds"`
	ServerCPUSeconds  float64 `json:"server_cpu_seconds,omitempty"`
	StatementsPerCPUs float64 `json:"statements_per_cpu_s"`
	LoadBefore        string  `json:"loadavg_before"`
	LoadAfter         string  `json:"loadavg_after"`
	// PostgreSQL: VACUUM (ANALYZE) of the schema after the import, before any read.
	VacuumSeconds float64 `json:"vacuum_analyze_seconds,omitempty"`
}

// Importer is what an import needs of a store: DB.Import of either backend.
type Importer interface {
	Import(ctx context.Context, v docket.Viewer, next func() (*docket.Record, error), progress docket.Progress) (int, error)
}

// Import imports a JSON lines file into db, an opened fresh store, with DB.ImportAlone (or
// DB.Import) in one transaction, as docket import does. progress, if set, is called every
// 10,000 records. The store's size is for the caller to add: see Target.CloseStore.
func Import(ctx context.Context, db Importer, dataPath string, progress func(records int64, elapsed time.Duration)) (*ImportResult, error) {
	f, err := os.Open(dataPath)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	imp := db.Import
	if a, ok := db.(aloneImporter); ok {
		imp = a.ImportAlone
	}
	return measureImport(ctx, db, imp, Records(f), progress)
}

// aloneImporter is a store that can import with the store to itself, as docket import does
// with a file of records: ImportAlone (and Empty) of either backend.
type aloneImporter interface {
	Empty(ctx context.Context) (bool, error)
	ImportAlone(ctx context.Context, v docket.Viewer, next func() (*docket.Record, error), progress docket.Progress) (int, error)
}

// importFunc is DB.Import or DB.ImportAlone.
type importFunc func(ctx context.Context, v docket.Viewer, next func() (*docket.Record, error), progress docket.Progress) (int, error)

// measureImport runs one import of the records next gives into db with imp and measures its
// time, the CPU time and peak RSS of this process (and of the server's backends when db can
// tell), and the statements it held.
func measureImport(ctx context.Context, db Importer, imp importFunc, next func() (*docket.Record, error), progress func(int64, time.Duration)) (*ImportResult, error) {
	res := &ImportResult{LoadBefore: loadAvg()}
	counted := func() (*docket.Record, error) {
		r, err := next()
		if r != nil && r.Kind == docket.KindStatement {
			res.Statements++
		}
		return r, err
	}
	server, _ := db.(serverCPU)
	var server0 map[int]time.Duration
	if server != nil {
		server0 = server.ServerCPU(ctx)
	}
	ResetPeakRSS()
	cpu0 := cpuTime()
	start := time.Now()
	var p docket.Progress
	if progress != nil {
		p = func(done, _ int64) { progress(done, time.Since(start)) }
	}
	// As docket import does: see tuneGC in cmd/docket.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(768 << 20))
	n, err := imp(ctx, docket.Operator("bench"), counted, p)
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	d := time.Since(start)
	res.CPUSeconds = (cpuTime() - cpu0).Seconds()
	if server != nil {
		res.ServerCPUSeconds = cpuSince(server0, server.ServerCPU(ctx)).Seconds()
	}
	res.StatementsPerCPUs = float64(res.Statements) / (res.CPUSeconds + res.ServerCPUSeconds)
	res.LoadAfter = loadAvg()
	res.PeakRSSMB = float64(ReadStatusKB(0, "VmHWM")) / 1024
	res.Records, res.Seconds = int64(n), d.Seconds()
	res.RecordsPerSec = float64(n) / d.Seconds()
	res.StatementsPerSec = float64(res.Statements) / d.Seconds()
	return res, nil
}

// cpuTime returns the user and system time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loadAvg returns the 1, 5 and 15 minute load averages of the machine.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	return strings.Join(f[:min(3, len(f))], " ")
}

func fileSize(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Size()
}

// ReadStatusKB returns a field of /proc/PID/status in kB (pid 0: this process), or -1.
func ReadStatusKB(pid int, field string) int64 {
	p := "/proc/self/status"
	if pid > 0 {
		p = fmt.Sprintf("/proc/%d/status", pid)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				n, err := strconv.ParseInt(f[0], 10, 64)
				if err == nil {
					return n
				}
			}
		}
	}
	return -1
}

// ResetPeakRSS sets VmHWM back to the current RSS (Linux 4.0 and later), so the peak read
// after a phase is that phase's.
func ResetPeakRSS() error {
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// Query is one search of the benchmark: its category, the text, and the entity it should
// find ("" for common words).
type Query struct {
	Category string `json:"category"`
	Q        string `json:"q"`
	Want     string `json:"want,omitempty"`
}

// Categories of queries, in report order.
var Categories = []string{"exact", "variant", "cyrillic", "rare", "common"}

// share of each category in a query set, in percent.
var share = map[string]int{"exact": 25, "variant": 20, "cyrillic": 20, "rare": 25, "common": 10}

// BuildQueries draws n queries from the samples of a generated registry: a person's name as
// stored, in another romanisation, and in Cyrillic; a rare word (a village); a common word.
func BuildQueries(sum *synth.Summary, n int, seed uint64) []Query {
	r := rand.New(rand.NewPCG(seed, 0x71756572))
	var cyr, variant []synth.NameProbe
	for _, p := range sum.Names {
		if p.Variant != "" {
			variant = append(variant, p)
		}
		if p.Stored != p.Cyrillic {
			cyr = append(cyr, p) // searching Cyrillic for a name stored in Latin
		}
	}
	var qs []Query
	for _, c := range Categories {
		k := n * share[c] / 100
		for i := 0; i < k; i++ {
			switch c {
			case "exact":
				if len(sum.Names) > 0 {
					p := sum.Names[r.IntN(len(sum.Names))]
					qs = append(qs, Query{c, p.Stored, p.Entity})
				}
			case "variant":
				if len(variant) > 0 {
					p := variant[r.IntN(len(variant))]
					qs = append(qs, Query{c, p.Variant, p.Entity})
				}
			case "cyrillic":
				if len(cyr) > 0 {
					p := cyr[r.IntN(len(cyr))]
					qs = append(qs, Query{c, p.Cyrillic, p.Entity})
				}
			case "rare":
				if len(sum.Words) > 0 {
					w := sum.Words[r.IntN(len(sum.Words))]
					qs = append(qs, Query{c, w.Word, w.Entity})
				}
			case "common":
				qs = append(qs, Query{c, synth.CommonWords[i%len(synth.CommonWords)], ""})
			}
		}
	}
	r.Shuffle(len(qs), func(i, j int) { qs[i], qs[j] = qs[j], qs[i] })
	return qs
}

// Latency summarises timings, in milliseconds.
type Latency struct {
	N     int     `json:"n"`
	P50   float64 `json:"p50_ms"`
	P95   float64 `json:"p95_ms"`
	P99   float64 `json:"p99_ms"`
	Max   float64 `json:"max_ms"`
	Mean  float64 `json:"mean_ms"`
	Found float64 `json:"found,omitempty"` // share of queries with a wanted entity that found it
	Hits  float64 `json:"mean_hits,omitempty"`
}

// Summarize computes nearest-rank percentiles.
func Summarize(ds []time.Duration) Latency {
	if len(ds) == 0 {
		return Latency{}
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	at := func(p float64) float64 {
		i := int(p*float64(len(s))+0.999999) - 1
		return ms(s[min(max(i, 0), len(s)-1)])
	}
	var sum time.Duration
	for _, d := range s {
		sum += d
	}
	return Latency{N: len(s), P50: at(0.50), P95: at(0.95), P99: at(0.99), Max: ms(s[len(s)-1]), Mean: ms(sum / time.Duration(len(s)))}
}

// Viewers are who the read benchmarks read as: the public, and the operator who sees all.
var Viewers = []struct {
	Name   string
	Viewer docket.Viewer
}{{"anonymous", docket.AnonymousViewer}, {"operator", docket.Operator("bench")}}

// SearchResult is search latency by viewer: all queries, and each category.
type SearchResult struct {
	Viewer     string             `json:"viewer"`
	All        Latency            `json:"all"`
	Categories map[string]Latency `json:"categories"`
}

// RunSearch times DB.Search for every query as each viewer, after a warm-up of a few
// queries that is not counted.
func RunSearch(ctx context.Context, db docket.Store, qs []Query) ([]SearchResult, error) {
	var out []SearchResult
	for _, v := range Viewers {
		for _, q := range qs[:min(10, len(qs))] {
			if _, err := db.Search(ctx, v.Viewer, docket.SearchQuery{Q: q.Q}); err != nil {
				return nil, fmt.Errorf("search %q: %w", q.Q, err)
			}
		}
		all := []time.Duration{}
		by := map[string][]time.Duration{}
		found, want, hits := map[string]int{}, map[string]int{}, map[string]int{}
		for _, q := range qs {
			start := time.Now()
			hs, err := db.Search(ctx, v.Viewer, docket.SearchQuery{Q: q.Q})
			d := time.Since(start)
			if err != nil {
				return nil, fmt.Errorf("search %q: %w", q.Q, err)
			}
			all = append(all, d)
			by[q.Category] = append(by[q.Category], d)
			hits[q.Category] += len(hs)
			if q.Want != "" {
				want[q.Category]++
				for _, h := range hs {
					if h.Entity.ID == q.Want {
						found[q.Category]++
						break
					}
				}
			}
		}
		res := SearchResult{Viewer: v.Name, All: Summarize(all), Categories: map[string]Latency{}}
		for c, ds := range by {
			l := Summarize(ds)
			if want[c] > 0 {
				l.Found = float64(found[c]) / float64(want[c])
			}
			l.Hits = float64(hits[c]) / float64(len(ds))
			res.Categories[c] = l
		}
		out = append(out, res)
	}
	return out, nil
}

// PageResult is the latency of an entity page for one viewer.
type PageResult struct {
	Viewer   string  `json:"viewer"`
	Latency  Latency `json:"latency"`
	NotFound int     `json:"not_found"` // ids the viewer may not see: the page stops after the first read
	MeanRefs float64 `json:"mean_referrers"`
}

// RunPages times what an entity page reads (Page) for n random ids of the sample. A viewer's
// pages stop early when they have taken budget (0: no limit): slow pages on a large store
// must not hold up the rest of a run.
func RunPages(ctx context.Context, db docket.Store, ids []string, n int, seed uint64, budget time.Duration) ([]PageResult, error) {
	pick := pickIDs(ids, n, seed)
	var out []PageResult
	for _, v := range Viewers {
		res := PageResult{Viewer: v.Name}
		var ds []time.Duration
		refs := 0
		begin := time.Now()
		for _, id := range pick {
			if budget > 0 && time.Since(begin) > budget {
				break
			}
			start := time.Now()
			nref, err := Page(ctx, db, v.Viewer, id)
			ds = append(ds, time.Since(start))
			if docket.ErrorCode(err) == docket.ENOTFOUND {
				res.NotFound++
			} else if err != nil {
				return nil, fmt.Errorf("page %s: %w", id, err)
			}
			refs += nref
		}
		res.Latency = Summarize(ds)
		res.MeanRefs = float64(refs) / float64(len(ds))
		out = append(out, res)
	}
	return out, nil
}

// pickIDs draws n ids of the sample, the same for the same seed: the pages RunPages reads and
// the API requests of RunAPI are of the same entities.
func pickIDs(ids []string, n int, seed uint64) []string {
	r := rand.New(rand.NewPCG(seed, 0x70616765))
	pick := make([]string, n)
	for i := range pick {
		pick[i] = ids[r.IntN(len(ids))]
	}
	return pick
}

// PageReferrers is how many referrers an entity page shows (http's maxReferrers): the newest,
// read whole; the rest are a page at a time on their own list.
const PageReferrers = 50

// Page reads what one entity page reads of the store: the entity, then its newest referrers
// with their statements, one more than it shows (to say there are more), uncounted, as the
// page of docket serve does; it returns the number read.
func Page(ctx context.Context, db docket.Store, v docket.Viewer, id string) (int, error) {
	if _, err := db.FindEntityByID(ctx, v, id); err != nil {
		return 0, err
	}
	refs, _, err := db.FindEntities(ctx, v, docket.EntityFilter{RefersTo: &id, Newest: true, Limit: PageReferrers + 1, SkipCount: true, WithStatements: true})
	return len(refs), err
}
