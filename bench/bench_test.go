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
	"github.com/docketorg/docket/sqlite"
)

var statements = flag.Int64("statements", 10000, "statements in the generated registry")

// The data set and an imported store are made once and shared by every benchmark.
var (
	tmpDir  string
	setup   sync.Once
	setErr  error
	data    string
	summary *synth.Summary
	store   *sqlite.DB
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

func fixture(tb testing.TB) (*synth.Summary, *sqlite.DB) {
	tb.Helper()
	setup.Do(func() {
		data = filepath.Join(tmpDir, "registry.jsonl")
		if summary, setErr = harness.WriteDataset(data, synth.Config{Statements: *statements, Seed: 1}); setErr != nil {
			return
		}
		path := filepath.Join(tmpDir, "shared", "docket.db")
		if _, setErr = harness.Import(context.Background(), path, data, nil); setErr != nil {
			return
		}
		store = sqlite.NewDB(path)
		setErr = store.Open()
	})
	if setErr != nil {
		tb.Fatal(setErr)
	}
	return summary, store
}

// TestGeneratedRegistry imports a generated registry and finds its persons by every form of
// their names: the benchmark measures a store that works.
func TestGeneratedRegistry(t *testing.T) {
	if testing.Short() {
		t.Skip("imports a generated registry")
	}
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

func BenchmarkImport(b *testing.B) {
	fixture(b)
	var st int64
	var bytes float64
	for i := 0; b.Loop(); i++ {
		res, err := harness.Import(context.Background(), filepath.Join(b.TempDir(), fmt.Sprint(i), "docket.db"), data, nil)
		if err != nil {
			b.Fatal(err)
		}
		st, bytes = res.Statements, res.BytesPerStatement
	}
	b.ReportMetric(float64(st)*float64(b.N)/b.Elapsed().Seconds(), "statements/s")
	b.ReportMetric(bytes, "bytes/statement")
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
