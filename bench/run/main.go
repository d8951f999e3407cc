// Command run benchmarks a Docket store, SQLite or PostgreSQL, on generated data of any size:
// bulk import of JSON lines or of CSV, search and entity-page latency in the store and over the
// HTTP API, the statistics of docket stats, peak memory, store size, and the memory of an idle
// server. It writes a Markdown table and a JSON file; data sets go to a temporary directory
// only.
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
	"runtime/trace"
	"strings"
	"syscall"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/bench/internal/harness"
	"github.com/docketorg/docket/bench/internal/synth"
)

const usage = `Usage: go run ./bench/run [--statements N | --csv ROWS] [--db URL] [--seed S] [--out PREFIX]
                          [--cpuprofile FILE] [--trace FILE]

Benchmarks a Docket store: SQLite by default, PostgreSQL with --db URL.

By default it generates a registry of N statements into a temporary directory and imports it
into a fresh store with DB.ImportAlone (as docket import does: one transaction, every index,
the search index and the change log; SQLite writes an empty store's file without its WAL). Then it measures search latency (names as stored, in another
romanisation and in Cyrillic, rare words, common words; as the public and as the operator),
entity-page latency, the same reads over HTTP from the API server run in this process (search,
entity, referrers; as the public), the statistics of docket stats (counting every figure in
parts, then each statistic; as the public and as the operator), the CPU time and peak RSS of the import,
the store's size per statement, and the RSS of an idle docket serve (SQLite only).

With --csv ROWS it measures a CSV import instead: ROWS rows of the spreadsheet that
go run ./bench/gen --csv writes, imported through its column mapping into a fresh store as
docket import --format csv does. --shape six (the default) is the spreadsheet the CSV target
counts: a person, a case and a proceeding a row, six statements; --shape wide adds a birth
date, the court, the stage and notes, about nine statements a row (BACKEND-csv-ROWS-wide). --nonempty imports into
a store holding one source, as into a registry in use: every index is kept up to date.

With --db, a postgres:// URL, the store lives in the schema docket_bench of that database,
dropped and created empty before the run and dropped after it unless --keep is given. Its size
is that of the schema's tables and indexes; the CPU time of the server's backends is counted
when the server runs on this machine; no idle server is measured. Before the reads the schema
is vacuumed and analysed, as autovacuum would soon do (--vacuum=false reads straight away).

With --ceiling (PostgreSQL) it then copies the rows the import wrote out of the schema, in
COPY's binary form, and loads them again into fresh tables with a bare COPY, once keeping
every index and foreign key up row by row and once building them after the load: what the
server alone costs, the ceiling of the import's rate, side by side with it.

Results go to PREFIX.md and PREFIX.json (by default bench/results/BACKEND-SIZE, or
BACKEND-csv-ROWS with --csv). The temporary directory is removed unless --keep is given. Run
it from the module root.

Examples:
  go run ./bench/run --statements 100000
  go run ./bench/run --statements 1000000 --out bench/results/sqlite-1m --cpuprofile /tmp/import.pprof
  go tool pprof -top -cum /tmp/import.pprof
  go run ./bench/run --statements 100000 --db 'postgres://postgres@127.0.0.1:5432/docket_bench?sslmode=disable'
  go run ./bench/run --statements 1000000 --ceiling --db 'postgres://postgres@127.0.0.1:5432/docket_bench?sslmode=disable'
  go run ./bench/run --csv 90000
  go run ./bench/run --csv 90000 --shape wide
  go run ./bench/run --csv 90000 --db 'postgres://postgres@127.0.0.1:5432/docket_bench?sslmode=disable'`

// Result is everything one run measured; it is the JSON file.
type Result struct {
	Command  string                  `json:"command"`
	Date     string                  `json:"date"`
	Machine  Machine                 `json:"machine"`
	Backend  string                  `json:"backend"`
	Nonempty bool                    `json:"nonempty,omitempty"` // the store held one source before the import
	Data     *Data                   `json:"data,omitempty"`
	Import   *harness.ImportResult   `json:"import,omitempty"`
	Ceiling  []harness.CeilingResult `json:"ceiling,omitempty"`
	CSV      *harness.CSVResult      `json:"csv_import,omitempty"`
	Facts    harness.StoreFacts      `json:"store_facts"`
	Search   []harness.SearchResult  `json:"search,omitempty"`
	Queries  int                     `json:"queries,omitempty"`
	Pages    []harness.PageResult    `json:"entity_pages,omitempty"`
	Busiest  map[string]float64      `json:"busiest_entity_page_ms,omitempty"`
	API      []harness.APIResult     `json:"api,omitempty"`
	Stats    []harness.StatsResult   `json:"stats,omitempty"`
	ServeRSS map[string]float64      `json:"serve_idle_rss_mb,omitempty"`
	ServeErr string                  `json:"serve_error,omitempty"`
	QuerySet []harness.Query         `json:"query_set,omitempty"`
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

// options are the flags of a run.
type options struct {
	n                int64
	csvRows          int
	shape            synth.CSVShape
	seed             uint64
	cpuprofile       string
	trace            string
	queries, pages   int
	pageBudget       time.Duration
	serve, api       bool
	vacuum, nonempty bool
	ceiling          bool
	statsReps        int
	keep             bool
	dbURL, storePath string
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

func run(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stdout, "%s\n\nFlags:\n", usage)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		fs.SetOutput(stderr)
	}
	var o options
	fs.Int64Var(&o.n, "statements", 100000, "statements to generate and import")
	fs.IntVar(&o.csvRows, "csv", 0, "measure a CSV import of `ROWS` rows instead")
	shapeName := fs.String("shape", synth.SixStatements.Name, "with --csv, the spreadsheet's columns: `six` (a person, a case and a proceeding a row, six statements) or wide (about nine)")
	fs.StringVar(&o.dbURL, "db", "", "benchmark PostgreSQL: the database `URL` (postgres://...), whose schema "+harness.PostgresSchema+" the run drops and recreates")
	fs.Uint64Var(&o.seed, "seed", 1, "seed of the generator and of the query sample")
	out := fs.String("out", "", "path prefix of the results, without extension (default bench/results/BACKEND-SIZE)")
	tmpRoot := fs.String("tmp", "", "where the temporary directory goes (default $TMPDIR)")
	fs.BoolVar(&o.keep, "keep", false, "keep the temporary directory with the data set and the store (and the PostgreSQL schema)")
	fs.StringVar(&o.cpuprofile, "cpuprofile", "", "write a CPU profile of the import to `FILE`")
	fs.StringVar(&o.trace, "trace", "", "write an execution trace of the import to `FILE` (go tool trace -pprof=sync FILE: where its goroutines wait)")
	fs.IntVar(&o.queries, "queries", 200, "search queries, each run as the public and as the operator, and over the API")
	fs.IntVar(&o.pages, "pages", 200, "entity pages to read, as each viewer, and entities to request over the API")
	fs.DurationVar(&o.pageBudget, "page-budget", 2*time.Minute, "stop reading entity pages as a viewer, or requesting an endpoint, after this long (0: never)")
	fs.BoolVar(&o.api, "api", true, "measure the HTTP API of a server run in this process")
	fs.IntVar(&o.statsReps, "stats-reps", 3, "repetitions of the statistics of docket stats (0: skip them)")
	fs.BoolVar(&o.nonempty, "nonempty", false, "import into a store holding one source, not an empty one: every index is then kept up to date during the load instead of built after it")
	fs.BoolVar(&o.ceiling, "ceiling", false, "PostgreSQL: after the import, load the rows it wrote again with a bare COPY into fresh tables, with every index and key kept up and with them built after the load, for the ceiling of the import's rate")
	fs.BoolVar(&o.vacuum, "vacuum", true, "PostgreSQL: VACUUM (ANALYZE) the schema after the import, before the reads, as autovacuum would soon")
	fs.BoolVar(&o.serve, "serve", true, "measure the RSS of an idle docket serve (builds ./cmd/docket; SQLite only)")
	fs.StringVar(&o.storePath, "store", "", "measure reads only, on this SQLite store `FILE`, or the schema "+harness.PostgresSchema+" of this postgres:// URL, imported from the registry of the same --statements and --seed (see --keep)")
	keyFile := fs.String("data-key", "", "with --store postgres://..., the data key `FILE` of the run that kept it (its directory's data.key)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var shapeOK bool
	o.shape, shapeOK = synth.CSVShapes[*shapeName]
	switch {
	case !shapeOK:
		return fmt.Errorf("--shape %q: want six or wide", *shapeName)
	case set["shape"] && o.csvRows == 0:
		return fmt.Errorf("--shape is the shape of a CSV: give --csv ROWS too")
	case o.n <= 0 || o.csvRows < 0 || fs.NArg() > 0:
		return fmt.Errorf("give --statements N or --csv ROWS, positive, and no arguments; see --help")
	case o.csvRows > 0 && set["statements"]:
		return fmt.Errorf("give --statements or --csv, not both")
	case o.storePath != "" && (o.dbURL != "" || o.csvRows > 0):
		return fmt.Errorf("--store reads a store imported before: not with --db or --csv")
	case *keyFile != "" && !isPostgresURL(o.storePath):
		return fmt.Errorf("--data-key is the key of a PostgreSQL store given with --store")
	case o.ceiling && (o.dbURL == "" || o.csvRows > 0):
		return fmt.Errorf("--ceiling is a bare COPY into PostgreSQL of an import's rows: give --db and --statements")
	case o.statsReps < 0:
		return fmt.Errorf("--stats-reps %d: want 0 or more", o.statsReps)
	}
	backend := harness.SQLite
	if o.dbURL != "" || isPostgresURL(o.storePath) {
		backend = harness.Postgres
	}
	if *out == "" {
		name := backend + "-" + sizeName(o.n)
		if o.csvRows > 0 {
			name = backend + "-csv-" + sizeName(int64(o.csvRows))
			if o.shape.Name != synth.SixStatements.Name {
				name += "-" + o.shape.Name
			}
		}
		*out = filepath.Join("bench", "results", name)
	}
	if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(*tmpRoot, "docket-bench-")
	if err != nil {
		return err
	}
	logf := func(format string, a ...any) { fmt.Fprintf(stderr, "run: "+format+"\n", a...) }
	if o.keep {
		logf("keeping %s (the stores' data key in data.key)", tmp)
		if err := harness.KeyFile(filepath.Join(tmp, "data.key")); err != nil {
			return err
		}
	} else {
		defer os.RemoveAll(tmp)
	}
	res := &Result{Command: "go run ./bench/run " + strings.Join(args, " "), Date: time.Now().UTC().Format(time.RFC3339),
		Machine: machine(backend), Backend: backend, Nonempty: o.nonempty}

	// The store: a fresh file in the temporary directory, a fresh schema, or a file imported
	// before.
	var target *harness.Target
	switch {
	case isPostgresURL(o.storePath):
		if target, err = harness.NewPostgresTarget(ctx, o.storePath, true); err != nil {
			return err
		}
		defer func() {
			if cerr := target.Close(context.WithoutCancel(ctx), true); cerr != nil && err == nil {
				err = cerr
			}
		}()
		if *keyFile != "" {
			if err := harness.UseKeyFile(*keyFile); err != nil {
				return err
			}
		}
	case o.storePath != "":
		target = &harness.Target{Backend: harness.SQLite, Path: o.storePath}
		// A store a run kept has its data key beside it (TMP/data.key for TMP/store/docket.db).
		if key := filepath.Join(filepath.Dir(filepath.Dir(o.storePath)), "data.key"); fileExists(key) {
			if err := harness.UseKeyFile(key); err != nil {
				return err
			}
		}
	case o.dbURL != "":
		if target, err = harness.NewPostgresTarget(ctx, o.dbURL, false); err != nil {
			return err
		}
		defer func() {
			if cerr := target.Close(context.WithoutCancel(ctx), o.keep); cerr != nil && err == nil {
				err = cerr
			}
		}()
		if o.keep {
			logf("keeping the store at %s", target.Where())
		}
	default:
		if target, err = harness.NewSQLiteTarget(filepath.Join(tmp, "store", "docket.db")); err != nil {
			return err
		}
	}

	if o.csvRows > 0 {
		if err := importCSV(ctx, target, tmp, o, res, logf); err != nil {
			return err
		}
		res.Facts = target.Facts(ctx, nil)
	} else if err := registryRun(ctx, target, tmp, o, res, logf); err != nil {
		return err
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

// registryRun imports a generated registry, unless the target holds one already, and
// measures the reads.
func registryRun(ctx context.Context, target *harness.Target, tmp string, o options, res *Result, logf func(string, ...any)) error {
	res.Queries = o.queries
	// The docket binary, built now so that it is the same code as the store measured here.
	var bin string
	switch {
	case !o.serve:
	case target.Backend != harness.SQLite:
		res.ServeErr = "on PostgreSQL the store's memory is the server's, which this run does not measure."
	default:
		if mod, err := harness.ModuleDir(); err != nil {
			res.ServeErr = err.Error()
		} else if bin, err = harness.BuildDocket(ctx, mod, tmp); err != nil {
			res.ServeErr = err.Error()
		}
	}

	var sum *synth.Summary
	var err error
	if o.storePath == "" {
		if sum, err = generateAndImport(ctx, target, tmp, o, res, logf); err != nil {
			return err
		}
		if o.vacuum && target.Backend == harness.Postgres {
			d, err := target.VacuumAnalyze(ctx)
			if err != nil {
				return err
			}
			res.Import.VacuumSeconds = d.Seconds()
			logf("VACUUM (ANALYZE) of the schema: %.1fs", d.Seconds())
		}
	} else {
		// The samples are a function of size and seed: draw them again without writing.
		if sum, err = synth.Generate(synth.Config{Statements: o.n, Seed: o.seed}, func(*docket.Record) error { return nil }); err != nil {
			return err
		}
		res.Data = &Data{Statements: sum.Statements, Records: sum.Records, Kinds: sum.Kinds, Schemas: sum.Schemas, Seed: o.seed}
		logf("reads only, on %s", target.Where())
	}
	res.Facts = target.Facts(ctx, synth.CommonWords)

	// Reads, on the store reopened as a server would.
	db, err := target.Open()
	if err != nil {
		return err
	}
	err = reads(ctx, db, sum, o, res, logf)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}

	// An idle server, on the demo and on the imported store.
	if bin != "" {
		if err := serveRSS(ctx, bin, tmp, filepath.Dir(target.Path), res); err != nil {
			res.ServeErr = err.Error()
			logf("serve: %v", err)
		}
	}
	return nil
}

// reads measures search, entity pages, the API and the statistics on an open store.
func reads(ctx context.Context, db docket.Store, sum *synth.Summary, o options, res *Result, logf func(string, ...any)) error {
	qs := harness.BuildQueries(sum, o.queries, o.seed)
	res.QuerySet = qs
	var err error
	if res.Search, err = harness.RunSearch(ctx, db, qs); err != nil {
		return err
	}
	for _, s := range res.Search {
		logf("search as %s: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms", s.Viewer, s.All.P50, s.All.P95, s.All.P99)
	}
	if res.Pages, err = harness.RunPages(ctx, db, sum.Entities, o.pages, o.seed, o.pageBudget); err != nil {
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
	if o.api {
		if res.API, err = harness.RunAPI(ctx, db, qs, sum.Entities, o.pages, o.seed, o.pageBudget); err != nil {
			return fmt.Errorf("API: %w", err)
		}
		for _, a := range res.API {
			logf("%s: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms", a.Endpoint, a.Latency.P50, a.Latency.P95, a.Latency.P99)
		}
	}
	if o.statsReps > 0 {
		if res.Stats, err = harness.RunStats(ctx, db, o.statsReps); err != nil {
			return fmt.Errorf("statistics: %w", err)
		}
		for _, s := range res.Stats {
			var ms float64
			for _, st := range s.Stats {
				ms += st.MS
			}
			logf("statistics as %s: counted in %.0f ms (peak heap %.0f MB), every statistic then %.0f ms", s.Viewer, s.CountMS, s.PeakHeapMB, ms)
		}
	}
	return nil
}

// generateAndImport writes the data set into tmp and imports it into the target's fresh store.
func generateAndImport(ctx context.Context, target *harness.Target, tmp string, o options, res *Result, logf func(string, ...any)) (*synth.Summary, error) {
	// 1. The data set, in the temporary directory.
	dataPath := filepath.Join(tmp, "registry.jsonl")
	start := time.Now()
	sum, err := harness.WriteDataset(dataPath, synth.Config{Statements: o.n, Seed: o.seed, Progress: func(r, s int64) {
		logf("generated %d records, %d statements", r, s)
	}})
	if err != nil {
		return nil, err
	}
	res.Data = &Data{Statements: sum.Statements, Records: sum.Records, Kinds: sum.Kinds, Schemas: sum.Schemas,
		Bytes: fileSize(dataPath), GenerateSecs: time.Since(start).Seconds(), Seed: o.seed}
	logf("generated %s: %d records, %.0f MB in %.1fs", dataPath, sum.Records, float64(res.Data.Bytes)/1e6, res.Data.GenerateSecs)

	// 2. Reading and decoding alone, which also puts the file in the page cache.
	_, parse, err := harness.ParseFile(dataPath)
	if err != nil {
		return nil, err
	}
	logf("decoding alone: %.1fs", parse.Seconds())

	// 3. The import.
	imp, err := importInto(ctx, target, o, sum.Records, logf, func(db docket.Store, progress func(int64, time.Duration)) (*harness.ImportResult, error) {
		return harness.Import(ctx, db, dataPath, progress)
	})
	if err != nil {
		return nil, err
	}
	imp.ParseSeconds = parse.Seconds()
	res.Import = imp
	logf("imported %d statements in %.1fs: %.0f statements/s, %.0f records/s; peak RSS %.0f MB; %.0f bytes a statement",
		imp.Statements, imp.Seconds, imp.StatementsPerSec, imp.RecordsPerSec, imp.PeakRSSMB, imp.BytesPerStatement)

	// 4. The ceiling: the same rows, loaded bare.
	if o.ceiling {
		if res.Ceiling, err = target.Ceiling(ctx, tmp, imp.Statements, []string{"deferred", "live"}); err != nil {
			return nil, err
		}
		for _, c := range res.Ceiling {
			logf("bare COPY (%s): %d rows in %.1fs, server CPU %.1fs: %.0f statements/s", c.Mode, c.Rows, c.Seconds, c.ServerCPUSeconds, c.StatementsPerSec)
		}
	}
	return sum, nil
}

// importCSV writes a spreadsheet of o.csvRows rows into tmp and imports it into the target's
// fresh store.
func importCSV(ctx context.Context, target *harness.Target, tmp string, o options, res *Result, logf func(string, ...any)) error {
	path := filepath.Join(tmp, "defendants.csv")
	start := time.Now()
	if err := harness.WriteCSV(path, o.csvRows, o.seed, o.shape); err != nil {
		return err
	}
	write := time.Since(start)
	logf("wrote %s: %d rows, %.1f MB in %.1fs", path, o.csvRows, float64(fileSize(path))/1e6, write.Seconds())
	var csv *harness.CSVResult
	_, err := importInto(ctx, target, o, 0, logf, func(db docket.Store, progress func(int64, time.Duration)) (*harness.ImportResult, error) {
		var err error
		if csv, err = harness.ImportCSV(ctx, db, path, o.shape, progress); err != nil {
			return nil, err
		}
		return csv.ImportResult, nil
	})
	if err != nil {
		return err
	}
	csv.WriteSeconds = write.Seconds()
	res.CSV = csv
	logf("imported %d rows (%d records, %d statements) in %.1fs: %.0f rows/s, %.0f statements/s; CPU %.1fs; peak RSS %.0f MB; %.0f bytes a statement",
		csv.Rows, csv.Records, csv.Statements, csv.Seconds, csv.RowsPerSec, csv.StatementsPerSec, csv.CPUSeconds+csv.ServerCPUSeconds, csv.PeakRSSMB, csv.BytesPerStatement)
	return nil
}

// importInto opens the target's fresh store (and prefills it with --nonempty), runs one import
// into it, profiled on demand and logged every 10 s, closes the store and adds its size to the
// result. total is the records expected, 0 when unknown.
// record starts writing a CPU profile or a trace of the import to the file at path, if any,
// and returns what stops it and closes the file.
func record(path string, start func(io.Writer) error, stop func()) (func(), error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := start(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		stop()
		f.Close()
	}, nil
}

func importInto(ctx context.Context, target *harness.Target, o options, total int64, logf func(string, ...any),
	imp func(docket.Store, func(int64, time.Duration)) (*harness.ImportResult, error)) (*harness.ImportResult, error) {
	db, err := target.Open()
	if err != nil {
		return nil, err
	}
	if o.nonempty {
		if err := harness.Prefill(ctx, db); err != nil {
			db.Close()
			return nil, err
		}
	}
	stopCPU, err := record(o.cpuprofile, pprof.StartCPUProfile, pprof.StopCPUProfile)
	if err != nil {
		db.Close()
		return nil, err
	}
	stopTrace, err := record(o.trace, trace.Start, trace.Stop)
	if err != nil {
		stopCPU()
		db.Close()
		return nil, err
	}
	last := time.Now()
	res, err := imp(db, func(r int64, el time.Duration) {
		if time.Since(last) < 10*time.Second {
			return
		}
		last = time.Now()
		done := ""
		if total > 0 {
			done = fmt.Sprintf(" of %d (%.0f%%)", total, 100*float64(r)/float64(total))
		}
		logf("imported %d records%s, %.0f records/s, RSS %d MB", r, done, float64(r)/el.Seconds(), harness.ReadStatusKB(0, "VmRSS")/1024)
	})
	stopTrace()
	stopCPU()
	if err != nil {
		db.Close()
		return nil, err
	}
	if err := target.CloseStore(ctx, db, res); err != nil {
		return nil, err
	}
	return res, nil
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

// machine describes this machine, the code and the driver of the backend.
func machine(backend string) Machine {
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
	driver := "modernc.org/sqlite"
	if backend == harness.Postgres {
		driver = "github.com/jackc/pgx/v5"
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == driver {
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

// fileExists says whether name is a file that can be stat'ed.
func fileExists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}

func isPostgresURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}
