// Package bench benchmarks the SQLite store on a generated registry at small sizes; for large
// ones use go run ./bench/run. Examples:
//
//	go test ./bench -run '^$' -bench . -benchtime 3x
//	go test ./bench -run '^$' -bench Import -benchtime 1x -args -statements 100000
package bench

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/bench/internal/harness"
	"github.com/docketorg/docket/bench/internal/synth"
)

var statements = flag.Int64("statements", 10000, "statements in the generated registry")

// The data set and an imported store are made once and shared by every benchmark.
var (
	tmpDir  string
	setup   sync.Once
	setErr  error
	data    string
	summary *synth.Summary
	store   docket.Store
)

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "docket-bench-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	tmpDir = dir
	code := m.Run()
	if store != nil {
		store.Close()
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

func fixture(tb testing.TB) (*synth.Summary, docket.Store) {
	tb.Helper()
	setup.Do(func() {
		data = filepath.Join(tmpDir, "registry.jsonl")
		if summary, setErr = harness.WriteDataset(data, synth.Config{Statements: *statements, Seed: 1}); setErr != nil {
			return
		}
		t, err := harness.NewSQLiteTarget(filepath.Join(tmpDir, "shared", "docket.db"))
		if err != nil {
			setErr = err
			return
		}
		if store, setErr = t.Open(); setErr != nil {
			return
		}
		_, setErr = harness.Import(context.Background(), store, data, nil)
	})
	if setErr != nil {
		tb.Fatal(setErr)
	}
	return summary, store
}

// TestGeneratedRegistry imports a generated registry and finds its persons by every form of
// their names: the benchmark measures a store that works.
func TestGeneratedRegistry(t *testing.T) {
	sum, db := fixture(t)
	ctx := context.Background()
	qs := harness.BuildQueries(sum, 100, 1)
	res, err := harness.RunSearch(ctx, db, qs)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Viewer != "operator" {
			continue
		}
		for c, l := range r.Categories {
			if c != "common" && l.Found < 0.95 {
				t.Errorf("the operator found %.0f%% of %s queries, want nearly all", 100*l.Found, c)
			}
		}
	}
}

// TestReads runs the API and statistics measurements on the shared store: every request
// answers, and the statistics count what the registry holds.
func TestReads(t *testing.T) {
	sum, db := fixture(t)
	ctx := context.Background()
	api, err := harness.RunAPI(ctx, db, harness.BuildQueries(sum, 20, 1), sum.Entities, 20, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range api {
		if a.Latency.N != 20 || a.MeanBytes == 0 {
			t.Errorf("%s: %d requests of %.0f bytes, want 20 with a body", a.Endpoint, a.Latency.N, a.MeanBytes)
		}
	}
	stats, err := harness.RunStats(ctx, db, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stats {
		if s.Proceedings == 0 || len(s.Stats) == 0 || s.Stats[0].Counted == 0 {
			t.Errorf("statistics as %s: %d proceedings, %+v; want some counted", s.Viewer, s.Proceedings, s.Stats)
		}
	}
}

// TestCSVImport imports a small spreadsheet of each shape into a fresh store: every row is good
// and makes its person, case and proceeding; the shape of the CSV target makes six statements
// a row, as that target counts.
func TestCSVImport(t *testing.T) {
	for _, shape := range []synth.CSVShape{synth.SixStatements, synth.Wide} {
		t.Run(shape.Name, func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			path := filepath.Join(dir, "defendants.csv")
			if err := harness.WriteCSV(path, 200, 1, shape); err != nil {
				t.Fatal(err)
			}
			target, err := harness.NewSQLiteTarget(filepath.Join(dir, "store", "docket.db"))
			if err != nil {
				t.Fatal(err)
			}
			db, err := target.Open()
			if err != nil {
				t.Fatal(err)
			}
			res, err := harness.ImportCSV(ctx, db, path, shape, nil)
			if err != nil {
				db.Close()
				t.Fatal(err)
			}
			if err := target.CloseStore(ctx, db, res.ImportResult); err != nil {
				t.Fatal(err)
			}
			if res.Rows != 200 || res.Good != 200 || res.Made["Case"] != 200 || res.Made["Proceeding"] != 200 || res.Statements == 0 || res.DBBytes == 0 {
				t.Errorf("got %d rows, %d good, made %v, %d statements, %d bytes", res.Rows, res.Good, res.Made, res.Statements, res.DBBytes)
			}
			if shape.Name == synth.SixStatements.Name && (res.Statements != 6*200 || res.Made["Person"] != 200) {
				t.Errorf("got %d statements and %d persons of 200 rows; want six a row and a person each", res.Statements, res.Made["Person"])
			}
			if shape.Name == synth.Wide.Name && (res.Statements <= 8*200 || res.Made["Person"] >= 200) {
				t.Errorf("got %d statements and %d persons of 200 rows; want more than eight a row, and some persons on two rows", res.Statements, res.Made["Person"])
			}
		})
	}
}

func BenchmarkImport(b *testing.B) {
	fixture(b)
	var st int64
	var bytes float64
	for i := 0; b.Loop(); i++ {
		res, err := importOnce(filepath.Join(b.TempDir(), fmt.Sprint(i), "docket.db"))
		if err != nil {
			b.Fatal(err)
		}
		st, bytes = res.Statements, res.BytesPerStatement
	}
	b.ReportMetric(float64(st)*float64(b.N)/b.Elapsed().Seconds(), "statements/s")
	b.ReportMetric(bytes, "bytes/statement")
}

// importOnce imports the data set into a fresh store at path and closes it.
func importOnce(path string) (*harness.ImportResult, error) {
	ctx := context.Background()
	t, err := harness.NewSQLiteTarget(path)
	if err != nil {
		return nil, err
	}
	db, err := t.Open()
	if err != nil {
		return nil, err
	}
	res, err := harness.Import(ctx, db, data, nil)
	if err != nil {
		db.Close()
		return nil, err
	}
	return res, t.CloseStore(ctx, db, res)
}

func BenchmarkSearch(b *testing.B) {
	sum, db := fixture(b)
	qs := harness.BuildQueries(sum, 200, 1)
	for _, v := range harness.Viewers {
		for _, c := range harness.Categories {
			var mine []harness.Query
			for _, q := range qs {
				if q.Category == c {
					mine = append(mine, q)
				}
			}
			if len(mine) == 0 {
				continue
			}
			b.Run(v.Name+"/"+c, func(b *testing.B) {
				ctx := context.Background()
				for i := 0; b.Loop(); i++ {
					if _, err := db.Search(ctx, v.Viewer, docket.SearchQuery{Q: mine[i%len(mine)].Q}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func BenchmarkEntityPage(b *testing.B) {
	sum, db := fixture(b)
	for _, v := range harness.Viewers {
		b.Run(v.Name, func(b *testing.B) {
			ctx := context.Background()
			for i := 0; b.Loop(); i++ {
				_, err := harness.Page(ctx, db, v.Viewer, sum.Entities[i%len(sum.Entities)])
				if err != nil && docket.ErrorCode(err) != docket.ENOTFOUND {
					b.Fatal(err)
				}
			}
		})
	}
}
