// Command run benchmarks the SQLite store on a generated registry of any size: bulk import,
// search and entity-page latency, peak memory, file size, and the memory of an idle server.
// It writes a Markdown table and a JSON file; data sets go to a temporary directory only.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/bench/internal/harness"
	"github.com/docketorg/docket/bench/internal/synth"
	"github.com/docketorg/docket/sqlite"
)

const usage = `Usage: go run ./bench/run [--statements N] [--seed S] [--out PREFIX] [--cpuprofile FILE]

Generates a registry of N statements into a temporary directory, imports it into a fresh
SQLite store with DB.Import (as docket import does: one transaction, every index, the search
index and the change log), then measures search latency (names as stored, in another
romanisation and in Cyrillic, rare words, common words; as the public and as the operator),
entity-page latency, the peak RSS of the import, the file size per statement, and the RSS of
an idle docket serve. Results go to PREFIX.md and PREFIX.json; the temporary directory is
removed unless --keep is given. Run it from the module root.

Examples:
  go run ./bench/run --statements 100000
  go run ./bench/run --statements 1000000 --out bench/results/sqlite-1m --cpuprofile /tmp/import.pprof
  go tool pprof -top -cum /tmp/import.pprof`

// Result is everything one run measured; it is the JSON file.
type Result struct {
	Command  string                 `json:"command"`
	Date     string                 `json:"date"`
	Machine  Machine                `json:"machine"`
	Data     Data                   `json:"data"`
	Import   *harness.ImportResult  `json:"import"`
	Facts    harness.StoreFacts     `json:"store_facts"`
	Search   []harness.SearchResult `json:"search"`
	Queries  int                    `json:"queries"`
	Pages    []harness.PageResult   `json:"entity_pages"`
	Busiest  map[string]float64     `json:"busiest_entity_page_ms,omitempty"`
	ServeRSS map[string]float64     `json:"serve_idle_rss_mb,omitempty"`
	ServeErr string                 `json:"serve_error,omitempty"`
	QuerySet []harness.Query        `json:"query_set,omitempty"`
}

// Machine says where the figures come from.
type Machine struct {
	GOOS, GOARCH string
	CPUs         int    `json:"cpus"`
	CPUModel     string `json:"cpu_model"`
	Go           string `json:"go"`
	Driver       string `json:"driver"`
	Code         string `json:"code"` // git describe of the module: the store changes often
}

// Data describes the generated registry.
type Data struct {
	Statements   int64            `json:"statements"`
	Records      int64            `json:"records"`
	Kinds        map[string]int64 `json:"records_by_kind"`
	Schemas      map[string]int64 `json:"entities_by_schema"`
	Bytes        int64            `json:"jsonl_bytes"`
	GenerateSecs float64          `json:"generate_seconds"`
	Seed         uint64           `json:"seed"`
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	} else if err != nil {
		fmt.Fprintf(os.Stderr, "run: %v\n", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stdout, "%s\n\nFlags:\n", usage)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		fs.SetOutput(stderr)
	}
	n := fs.Int64("statements", 100000, "statements to generate and import")
	seed := fs.Uint64("seed", 1, "seed of the generator and of the query sample")
	out := fs.String("out", "", "path prefix of the results, without extension (default bench/results/sqlite-SIZE)")
	tmpRoot := fs.String("tmp", "", "where the temporary directory goes (default $TMPDIR)")
	keep := fs.Bool("keep", false, "keep the temporary directory with the data set and the store")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the import to `FILE`")
	queries := fs.Int("queries", 200, "search queries, each run as the public and as the operator")
	pages := fs.Int("pages", 200, "entity pages to read, as each viewer")
	pageBudget := fs.Duration("page-budget", 2*time.Minute, "stop reading entity pages as a viewer after this long (0: never)")
	serve := fs.Bool("serve", true, "measure the RSS of an idle docket serve (builds ./cmd/docket)")
	store := fs.String("store", "", "measure reads only, on this store `FILE` imported from the registry of the same --statements and --seed (see --keep)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *n <= 0 || fs.NArg() > 0 {
		return fmt.Errorf("give --statements N and no arguments; see --help")
	}
	if *out == "" {
		*out = filepath.Join("bench", "results", "sqlite-"+sizeName(*n))
	}
	if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(*tmpRoot, "docket-bench-")
	if err != nil {
		return err
	}
	if *keep {
		fmt.Fprintf(stderr, "run: keeping %s\n", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	logf := func(format string, a ...any) { fmt.Fprintf(stderr, "run: "+format+"\n", a...) }
	res := &Result{Command: "go run ./bench/run " + strings.Join(args, " "), Date: time.Now().UTC().Format(time.RFC3339),
		Machine: machine(), Queries: *queries}

	// 0. The docket binary, built now so that it is the same code as the store measured here.
	var bin string
	if *serve {
		if mod, err := harness.ModuleDir(); err != nil {
			res.ServeErr = err.Error()
		} else if bin, err = harness.BuildDocket(ctx, mod, tmp); err != nil {
			res.ServeErr = err.Error()
		}
	}

	var sum *synth.Summary
	dbPath := *store
	if dbPath == "" {
		dbPath = filepath.Join(tmp, "store", "docket.db")
		if sum, err = generateAndImport(ctx, tmp, dbPath, *n, *seed, *cpuprofile, res, logf); err != nil {
			return err
		}
	} else {
		// The samples are a function of size and seed: draw them again without writing.
		if sum, err = synth.Generate(synth.Config{Statements: *n, Seed: *seed}, func(*docket.Record) error { return nil }); err != nil {
			return err
		}
		res.Data = Data{Statements: sum.Statements, Records: sum.Records, Kinds: sum.Kinds, Schemas: sum.Schemas, Seed: *seed}
		logf("reads only, on %s", dbPath)
	}
	res.Facts = harness.ReadStoreFacts(ctx, dbPath, synth.CommonWords)

	// 4. Reads, on the store reopened as a server would.
	db := sqlite.NewDB(dbPath)
	if err := db.Open(); err != nil {
		return err
	}
	qs := harness.BuildQueries(sum, *queries, *seed)
	res.QuerySet = qs
	if res.Search, err = harness.RunSearch(ctx, db, qs); err != nil {
		db.Close()
		return err
	}
	for _, s := range res.Search {
		logf("search as %s: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms", s.Viewer, s.All.P50, s.All.P95, s.All.P99)
	}
	if res.Pages, err = harness.RunPages(ctx, db, sum.Entities, *pages, *seed, *pageBudget); err != nil {
		db.Close()
		return err
	}
	for _, p := range res.Pages {
		logf("entity page as %s: p50 %.2f ms, p95 %.2f ms", p.Viewer, p.Latency.P50, p.Latency.P95)
	}
	if len(res.Facts.Busiest) > 0 {
		res.Busiest = map[string]float64{}
		for _, v := range harness.Viewers {
			var ds []time.Duration
			for range 5 {
				t := time.Now()
				if _, err := harness.Page(ctx, db, v.Viewer, res.Facts.Busiest[0]); err != nil {
					break
				}
				ds = append(ds, time.Since(t))
			}
			if len(ds) > 0 {
				res.Busiest[v.Name] = harness.Summarize(ds).P50
			}
		}
	}
	db.Close()

	// 5. An idle server, on the demo and on the imported store.
	if bin != "" {
		if err := serveRSS(ctx, bin, tmp, filepath.Dir(dbPath), res); err != nil {
			res.ServeErr = err.Error()
			logf("serve: %v", err)
		}
	}

	b, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out+".json", append(b, '\n'), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(*out+".md", []byte(markdown(res)), 0o644); err != nil {
		return err
	}
	logf("wrote %s.md and %s.json", *out, *out)
	return nil
}

// generateAndImport writes the data set into tmp and imports it into a fresh store at dbPath.
func generateAndImport(ctx context.Context, tmp, dbPath string, n int64, seed uint64, cpuprofile string, res *Result, logf func(string, ...any)) (*synth.Summary, error) {
	// 1. The data set, in the temporary directory.
	dataPath := filepath.Join(tmp, "registry.jsonl")
	start := time.Now()
	sum, err := harness.WriteDataset(dataPath, synth.Config{Statements: n, Seed: seed, Progress: func(r, s int64) {
		logf("generated %d records, %d statements", r, s)
	}})
	if err != nil {
		return nil, err
	}
	res.Data = Data{Statements: sum.Statements, Records: sum.Records, Kinds: sum.Kinds, Schemas: sum.Schemas,
		Bytes: fileSize(dataPath), GenerateSecs: time.Since(start).Seconds(), Seed: seed}
	logf("generated %s: %d records, %.0f MB in %.1fs", dataPath, sum.Records, float64(res.Data.Bytes)/1e6, res.Data.GenerateSecs)

	// 2. Reading and decoding alone, which also puts the file in the page cache.
	_, parse, err := harness.ParseFile(dataPath)
	if err != nil {
		return nil, err
	}
	logf("decoding alone: %.1fs", parse.Seconds())

	// 3. The import, profiled on demand.
	if cpuprofile != "" {
		f, err := os.Create(cpuprofile)
		if err != nil {
			return nil, err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return nil, err
		}
		defer f.Close()
	}
	last := time.Now()
	imp, err := harness.Import(ctx, dbPath, dataPath, func(r int64, el time.Duration) {
		if time.Since(last) >= 10*time.Second {
			last = time.Now()
			logf("imported %d of %d records (%.0f%%), %.0f records/s, RSS %d MB", r, sum.Records,
				100*float64(r)/float64(sum.Records), float64(r)/el.Seconds(), harness.ReadStatusKB(0, "VmRSS")/1024)
		}
	})
	if cpuprofile != "" {
		pprof.StopCPUProfile()
	}
	if err != nil {
		return nil, err
	}
	imp.ParseSeconds = parse.Seconds()
	res.Import = imp
	logf("imported %d statements in %.1fs: %.0f statements/s, %.0f records/s; peak RSS %.0f MB; %.0f bytes a statement",
		imp.Statements, imp.Seconds, imp.StatementsPerSec, imp.RecordsPerSec, imp.PeakRSSMB, imp.BytesPerStatement)
	return sum, nil
}

func serveRSS(ctx context.Context, bin, tmp, storeDir string, res *Result) error {
	demoDir := filepath.Join(tmp, "demo")
	if err := harness.LoadDemo(ctx, bin, demoDir); err != nil {
		return err
	}
	res.ServeRSS = map[string]float64{}
	for _, s := range []struct{ name, dir string }{{"demo", demoDir}, {"imported", storeDir}} {
		kb, err := harness.ServeRSS(ctx, bin, s.dir, 2*time.Second)
		if err != nil {
			return fmt.Errorf("%s store: %w", s.name, err)
		}
		res.ServeRSS[s.name] = float64(kb) / 1024
	}
	return nil
}

func machine() Machine {
	m := Machine{GOOS: runtime.GOOS, GOARCH: runtime.GOARCH, CPUs: runtime.NumCPU(), Go: runtime.Version()}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPUModel = strings.TrimSpace(v)
				break
			}
		}
	}
	if mod, err := harness.ModuleDir(); err == nil {
		if out, err := exec.Command("git", "-C", mod, "describe", "--always", "--dirty").Output(); err == nil {
			m.Code = strings.TrimSpace(string(out))
		}
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == "modernc.org/sqlite" {
				m.Driver = d.Path + " " + d.Version
			}
		}
	}
	return m
}

func fileSize(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Size()
}

// sizeName writes 100000 as 100k and 1000000 as 1m, for file names.
func sizeName(n int64) string {
	switch {
	case n%1_000_000 == 0:
		return fmt.Sprintf("%dm", n/1_000_000)
	case n%1000 == 0:
		return fmt.Sprintf("%dk", n/1000)
	}
	return fmt.Sprint(n)
}

func markdown(r *Result) string {
	var b strings.Builder
	p := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	imp := r.Import
	p("# SQLite store: %s statements", group(r.Data.Statements))
	p("")
	p("`%s` — %s", r.Command, r.Date)
	p("")
	p("%s/%s, %d CPUs (%s), %s, %s, SQLite %s; code at %s.", r.Machine.GOOS, r.Machine.GOARCH, r.Machine.CPUs, r.Machine.CPUModel,
		r.Machine.Go, r.Machine.Driver, r.Facts.SQLiteVersion, r.Machine.Code)
	p("")
	p("## Data")
	p("")
	p("| records | statements | entities | sources | retractions | reviews | merges | JSON lines | generated in |")
	p("|---|---|---|---|---|---|---|---|---|")
	p("| %s | %s | %s | %s | %s | %s | %s | %.0f MB | %.1f s |", group(r.Data.Records), group(r.Data.Statements),
		group(r.Data.Kinds["entity"]), group(r.Data.Kinds["source"]), group(r.Data.Kinds["retraction"]),
		group(r.Data.Kinds["status"]), group(r.Data.Kinds["merge"]), float64(r.Data.Bytes)/1e6, r.Data.GenerateSecs)
	p("")
	var schemas []string
	for s, n := range r.Data.Schemas {
		schemas = append(schemas, fmt.Sprintf("%s %s", s, group(n)))
	}
	slices.Sort(schemas)
	p("Entities: %s; %.1f statements an entity.", strings.Join(schemas, ", "), float64(r.Data.Statements)/float64(max(r.Data.Kinds["entity"], 1)))
	p("")
	p("## Import")
	p("")
	if imp == nil {
		p("Not measured: reads only, on a store imported before (--store).")
		p("")
	} else {
		p("DB.Import into a fresh store, one transaction, from the JSON lines file, counting everything it writes (change log, views, indexes, FTS5).")
		p("")
		p("| figure | value |")
		p("|---|---|")
		p("| statements/s | **%s** |", group(int64(imp.StatementsPerSec)))
		p("| records/s | %s |", group(int64(imp.RecordsPerSec)))
		p("| time | %.1f s |", imp.Seconds)
		p("| CPU time of the process (user + system) | %.1f s: %s statements a CPU-second |", imp.CPUSeconds, group(int64(imp.StatementsPerCPUs)))
		p("| load average before / after (2 CPUs; other work may share them) | %s / %s |", imp.LoadBefore, imp.LoadAfter)
		p("| reading and decoding the file alone | %.1f s (%.0f%% of the import) |", imp.ParseSeconds, 100*imp.ParseSeconds/imp.Seconds)
		p("| peak RSS of the process during the import (VmHWM) | %.0f MB |", imp.PeakRSSMB)
		p("| store file after close | %.0f MB, **%.0f bytes a statement** |", float64(imp.DBBytes)/1e6, imp.BytesPerStatement)
		p("| main file and WAL right after the import | %.0f MB + %.0f MB |", float64(imp.DBBytesOpen)/1e6, float64(imp.WALBytesOpen)/1e6)
		p("")
	}
	p("## Search")
	p("")
	p("DB.Search, default limit 20, %d queries run as each viewer after 10 uncounted warm-up queries. found: share of name and rare-word queries whose entity was among the hits (the public cannot see every entity).", r.Queries)
	p("")
	p("| viewer | queries | n | p50 ms | p95 ms | p99 ms | max ms | found | mean hits |")
	p("|---|---|---|---|---|---|---|---|---|")
	for _, s := range r.Search {
		p("| %s | **all** | %d | **%.2f** | **%.2f** | **%.2f** | %.2f | | |", s.Viewer, s.All.N, s.All.P50, s.All.P95, s.All.P99, s.All.Max)
		for _, c := range harness.Categories {
			l, ok := s.Categories[c]
			if !ok {
				continue
			}
			found := ""
			if c != "common" {
				found = fmt.Sprintf("%.0f%%", 100*l.Found)
			}
			p("| %s | %s | %d | %.2f | %.2f | %.2f | %.2f | %s | %.1f |", s.Viewer, c, l.N, l.P50, l.P95, l.P99, l.Max, found, l.Hits)
		}
	}
	p("")
	if len(r.Facts.CommonMatches) > 0 {
		var ws []string
		for _, w := range synth.CommonWords {
			ws = append(ws, fmt.Sprintf("%s %s", w, group(r.Facts.CommonMatches[w])))
		}
		p("Search-index rows matching the common words: %s.", strings.Join(ws, ", "))
		p("")
	}
	p("## Entity page")
	p("")
	p("DB.FindEntityByID, then DB.FindEntities(RefersTo) of the entity, for random entity ids (each viewer stops after the page budget; n says how many were read).")
	p("")
	p("| viewer | n | p50 ms | p95 ms | p99 ms | max ms | not visible | mean referrers |")
	p("|---|---|---|---|---|---|---|---|")
	for _, pg := range r.Pages {
		l := pg.Latency
		p("| %s | %d | **%.2f** | **%.2f** | %.2f | %.2f | %d | %.1f |", pg.Viewer, l.N, l.P50, l.P95, l.P99, l.Max, pg.NotFound, pg.MeanRefs)
	}
	p("")
	if len(r.Busiest) > 0 {
		p("The entity referred to most, %s (%s referring statements): page in %.1f ms as the public, %.1f ms as the operator (median of 5).",
			r.Facts.Busiest[0], group(r.Facts.BusiestRefs[0]), r.Busiest["anonymous"], r.Busiest["operator"])
		p("")
	}
	p("## Idle server")
	p("")
	if len(r.ServeRSS) > 0 {
		p("VmRSS of `docket serve` 2 s after it listens: %.1f MB on the demo store, %.1f MB on the imported store.", r.ServeRSS["demo"], r.ServeRSS["imported"])
	} else {
		p("Not measured: %s", strings.SplitN(r.ServeErr, "\n", 2)[0])
	}
	return b.String()
}

// group writes 1234567 as 1,234,567.
func group(n int64) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
