package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/docketorg/docket/bench/internal/harness"
	"github.com/docketorg/docket/bench/internal/synth"
)

// csvTarget is what a CSV import is judged against: 90,000 rows in under 10 s.
const (
	csvTargetRows = 90000
	csvTargetSecs = 10.0
)

// md writes Markdown, a line at a time.
type md struct{ strings.Builder }

func (b *md) p(format string, a ...any) { fmt.Fprintf(b, format+"\n", a...) }

func markdown(r *Result) string {
	var b md
	backend := "SQLite"
	if r.Backend == harness.Postgres {
		backend = "PostgreSQL"
	}
	if r.CSV != nil {
		b.p("# %s store: CSV import of %s rows", backend, group(int64(r.CSV.Rows)))
	} else {
		b.p("# %s store: %s statements", backend, group(r.Data.Statements))
	}
	b.p("")
	b.p("`%s` — %s", r.Command, r.Date)
	b.p("")
	b.p("%s/%s, %d CPUs (%s), %s, %s, %s; code at %s.", r.Machine.GOOS, r.Machine.GOARCH, r.Machine.CPUs, r.Machine.CPUModel,
		r.Machine.Go, r.Machine.Driver, r.Facts.Version, r.Machine.Code)
	b.p("")
	if r.CSV != nil {
		b.csvImport(r)
		return b.String()
	}
	b.data(r)
	b.p("## Import")
	b.p("")
	if r.Import == nil {
		b.p("Not measured: reads only, on a store imported before (--store).")
		b.p("")
	} else {
		index := "FTS5"
		if r.Backend == harness.Postgres {
			index = "the search index"
		}
		b.p("DB.ImportAlone into %s, as docket import does (into an empty SQLite store, without the WAL), one transaction, from the JSON lines file, counting everything it writes (change log, views, indexes, %s).", into(r), index)
		b.p("")
		b.p("| figure | value |")
		b.p("|---|---|")
		b.p("| statements/s | **%s** |", group(int64(r.Import.StatementsPerSec)))
		b.p("| records/s | %s |", group(int64(r.Import.RecordsPerSec)))
		b.importCost(r, r.Import)
		if r.Backend == harness.Postgres {
			if r.Import.VacuumSeconds > 0 {
				b.p("| VACUUM (ANALYZE) of the schema after the import, before the reads below (autovacuum would do it soon) | %.1f s |", r.Import.VacuumSeconds)
			} else {
				b.p("| VACUUM (ANALYZE) after the import | not run (--vacuum=false): the reads below meet tables without statistics |")
			}
		}
		b.p("")
		b.ceiling(r)
	}
	b.search(r)
	b.pages(r)
	b.api(r)
	b.stats(r)
	b.p("## Idle server")
	b.p("")
	if len(r.ServeRSS) > 0 {
		b.p("VmRSS of `docket serve` 2 s after it listens: %.1f MB on the demo store, %.1f MB on the imported store.", r.ServeRSS["demo"], r.ServeRSS["imported"])
	} else if r.ServeErr != "" {
		b.p("Not measured: %s", strings.SplitN(r.ServeErr, "\n", 2)[0])
	} else {
		b.p("Not measured (--serve=false).")
	}
	return b.String()
}

func (b *md) data(r *Result) {
	b.p("## Data")
	b.p("")
	b.p("| records | statements | entities | sources | retractions | reviews | merges | JSON lines | generated in |")
	b.p("|---|---|---|---|---|---|---|---|---|")
	b.p("| %s | %s | %s | %s | %s | %s | %s | %.0f MB | %.1f s |", group(r.Data.Records), group(r.Data.Statements),
		group(r.Data.Kinds["entity"]), group(r.Data.Kinds["source"]), group(r.Data.Kinds["retraction"]),
		group(r.Data.Kinds["status"]), group(r.Data.Kinds["merge"]), float64(r.Data.Bytes)/1e6, r.Data.GenerateSecs)
	b.p("")
	var schemas []string
	for s, n := range r.Data.Schemas {
		schemas = append(schemas, fmt.Sprintf("%s %s", s, group(n)))
	}
	slices.Sort(schemas)
	b.p("Entities: %s; %.1f statements an entity.", strings.Join(schemas, ", "), float64(r.Data.Statements)/float64(max(r.Data.Kinds["entity"], 1)))
	b.p("")
}

// importCost writes the rows of an import's table that both imports have: time, CPU, memory
// and size.
func (b *md) importCost(r *Result, imp *harness.ImportResult) {
	b.p("| time | %.1f s |", imp.Seconds)
	if r.Backend == harness.Postgres {
		b.p("| CPU time of this process (user + system) | %.1f s |", imp.CPUSeconds)
		if imp.ServerCPUSeconds > 0 {
			b.p("| CPU time of the store's server backends | %.1f s; with this process, %s statements a CPU-second |", imp.ServerCPUSeconds, group(int64(imp.StatementsPerCPUs)))
		} else {
			b.p("| CPU time of the store's server backends | not measured: the server is not on this machine |")
		}
	} else {
		b.p("| CPU time of the process (user + system) | %.1f s: %s statements a CPU-second |", imp.CPUSeconds, group(int64(imp.StatementsPerCPUs)))
	}
	b.p("| load average before / after (%d CPUs; other work may share them) | %s / %s |", r.Machine.CPUs, imp.LoadBefore, imp.LoadAfter)
	if imp.ParseSeconds > 0 {
		b.p("| reading and decoding the file alone | %.1f s (%.0f%% of the import) |", imp.ParseSeconds, 100*imp.ParseSeconds/imp.Seconds)
	}
	b.p("| peak RSS of the process during the import (VmHWM) | %.0f MB |", imp.PeakRSSMB)
	if r.Backend == harness.Postgres {
		b.p("| schema %s after the import: tables (with TOAST) + indexes | %.0f MB + %.0f MB = %.0f MB, **%.0f bytes a statement** |",
			harness.PostgresSchema, float64(imp.TableBytes)/1e6, float64(imp.IndexBytes)/1e6, float64(imp.DBBytes)/1e6, imp.BytesPerStatement)
	} else {
		b.p("| store file after close | %.0f MB, **%.0f bytes a statement** |", float64(imp.DBBytes)/1e6, imp.BytesPerStatement)
		b.p("| main file and WAL right after the import | %.0f MB + %.0f MB |", float64(imp.DBBytesOpen)/1e6, float64(imp.WALBytesOpen)/1e6)
	}
}

func (b *md) csvImport(r *Result) {
	c := r.CSV
	b.p("## CSV import")
	b.p("")
	shape := synth.CSVShapes[c.Shape]
	b.p("A spreadsheet of defendants written by synth.WriteCSV (`go run ./bench/gen --csv ROWS --shape %s`): %s; %.1f MB, written in %.1f s. "+
		"Imported as `docket import --format csv` does: csvmap.NewReader through the shape's column mapping (`go run ./bench/gen --mapping --shape %s`), %s, in one transaction into %s, as drafts of internal sensitivity.",
		shape.Name, shape.Description, float64(c.CSVBytes)/1e6, c.WriteSeconds, shape.Name, csvPath(r), into(r))
	b.p("")
	var made []string
	for s, n := range c.Made {
		made = append(made, fmt.Sprintf("%s %s", s, group(int64(n))))
	}
	slices.Sort(made)
	b.p("| figure | value |")
	b.p("|---|---|")
	b.p("| rows (good) | %s (%s) |", group(int64(c.Rows)), group(int64(c.Good)))
	b.p("| records made | %s: entities %s; sources %s; the statements below |", group(c.Records), strings.Join(made, ", "), group(int64(c.Sources)))
	b.p("| statements made | %s |", group(c.Statements))
	b.p("| rows/s | **%s** |", group(int64(c.RowsPerSec)))
	b.p("| statements/s | %s |", group(int64(c.StatementsPerSec)))
	b.importCost(r, c.ImportResult)
	b.p("")
	verdict := "met"
	at := csvTargetRows / c.RowsPerSec
	if at >= csvTargetSecs {
		verdict = "**not met**"
	}
	how := fmt.Sprintf("%s rows took %.1f s", group(int64(c.Rows)), c.Seconds)
	if c.Rows != csvTargetRows {
		how = fmt.Sprintf("at this rate %s rows would take %.1f s", group(csvTargetRows), at)
	}
	if shape.Name != synth.SixStatements.Name {
		// The target is of another spreadsheet: say how this one compares, not met or not.
		b.p("The target, a CSV of %s rows in under %.0f s, counts six statements a row (`--shape six`); this spreadsheet makes %.1f a row. %s.",
			group(csvTargetRows), csvTargetSecs, float64(c.Statements)/float64(c.Rows), strings.ToUpper(how[:1])+how[1:])
		return
	}
	b.p("Target: a CSV of %s rows (six statements a row) imports in under %.0f s (%s rows/s). %s: %s.", group(csvTargetRows), csvTargetSecs,
		group(int64(csvTargetRows/csvTargetSecs)), strings.ToUpper(how[:1])+how[1:], verdict)
}

func (b *md) search(r *Result) {
	b.p("## Search")
	b.p("")
	b.p("DB.Search, default limit 20, %d queries run as each viewer after 10 uncounted warm-up queries. found: share of name and rare-word queries whose entity was among the hits (the public cannot see every entity).", r.Queries)
	b.p("")
	b.p("| viewer | queries | n | p50 ms | p95 ms | p99 ms | max ms | found | mean hits |")
	b.p("|---|---|---|---|---|---|---|---|---|")
	for _, s := range r.Search {
		b.p("| %s | **all** | %d | **%.2f** | **%.2f** | **%.2f** | %.2f | | |", s.Viewer, s.All.N, s.All.P50, s.All.P95, s.All.P99, s.All.Max)
		for _, c := range harness.Categories {
			l, ok := s.Categories[c]
			if !ok {
				continue
			}
			found := ""
			if c != "common" {
				found = fmt.Sprintf("%.0f%%", 100*l.Found)
			}
			b.p("| %s | %s | %d | %.2f | %.2f | %.2f | %.2f | %s | %.1f |", s.Viewer, c, l.N, l.P50, l.P95, l.P99, l.Max, found, l.Hits)
		}
	}
	b.p("")
	if len(r.Facts.CommonMatches) > 0 {
		var ws []string
		for _, w := range synth.CommonWords {
			ws = append(ws, fmt.Sprintf("%s %s", w, group(r.Facts.CommonMatches[w])))
		}
		b.p("Search-index rows matching the common words: %s.", strings.Join(ws, ", "))
		b.p("")
	}
}

func (b *md) pages(r *Result) {
	b.p("## Entity page")
	b.p("")
	b.p("What the entity page of docket serve reads: DB.FindEntityByID, then DB.FindEntities of the %d newest referrers, one more to know there are more, with their statements, uncounted (RefersTo, Newest, SkipCount, WithStatements), for random entity ids (each viewer stops after the page budget; n says how many were read; mean referrers: those read).", harness.PageReferrers)
	b.p("")
	b.p("| viewer | n | p50 ms | p95 ms | p99 ms | max ms | not visible | mean referrers |")
	b.p("|---|---|---|---|---|---|---|---|")
	for _, pg := range r.Pages {
		l := pg.Latency
		b.p("| %s | %d | **%.2f** | **%.2f** | %.2f | %.2f | %d | %.1f |", pg.Viewer, l.N, l.P50, l.P95, l.P99, l.Max, pg.NotFound, pg.MeanRefs)
	}
	b.p("")
	if len(r.Busiest) > 0 {
		b.p("The entity referred to most, %s (%s referring statements): page in %.1f ms as the public, %.1f ms as the operator (median of 5).",
			r.Facts.Busiest[0], group(r.Facts.BusiestRefs[0]), r.Busiest["anonymous"], r.Busiest["operator"])
		b.p("")
	}
}

func (b *md) api(r *Result) {
	if len(r.API) == 0 {
		return
	}
	b.p("## HTTP API")
	b.p("")
	b.p("The server of `docket serve` (http.NewServer on the store) in this process at 127.0.0.1, requested with net/http over one keep-alive connection as the anonymous visitor (no token), after 10 uncounted warm-up requests an endpoint: the search queries above, and the entity ids of the entity pages. Referrers reads each referring entity whole. 404: entities the public may not see.")
	b.p("")
	b.p("| endpoint | n | p50 ms | p95 ms | p99 ms | max ms | 404 | mean response |")
	b.p("|---|---|---|---|---|---|---|---|")
	for _, a := range r.API {
		l := a.Latency
		b.p("| `%s` | %d | **%.2f** | **%.2f** | **%.2f** | %.2f | %d | %.1f kB |", a.Endpoint, l.N, l.P50, l.P95, l.P99, l.Max, a.NotFound, a.MeanBytes/1e3)
	}
	b.p("")
}

func (b *md) stats(r *Result) {
	if len(r.Stats) == 0 {
		return
	}
	b.p("## Statistics")
	b.p("")
	b.p("What `docket stats` and the statistics pages of `docket serve` do: report.CountAll counts every figure the viewer may see from the store, reading the proceedings a part at a time with what their figures rest on (peak heap sampled every 100 ms while counting); then each statistic is taken with its table (Counted.Stat, no options). Median of %d repetitions; counted: what the statistic's total counts; cases: the cases it rests on.", r.Stats[0].Reps)
	b.p("")
	b.p("| viewer | step | median ms | counted | cases |")
	b.p("|---|---|---|---|---|")
	for _, s := range r.Stats {
		b.p("| %s | **count** | **%.1f** | %s proceedings (peak heap %.0f MB) | |", s.Viewer, s.CountMS, group(int64(s.Proceedings)), s.PeakHeapMB)
		for _, st := range s.Stats {
			counted := fmt.Sprintf("%s %s", group(int64(st.Counted)), st.Unit)
			switch st.Kind {
			case "retaliation":
				counted += fmt.Sprintf(", %s findings", group(int64(st.Findings)))
			case "durations":
				counted += fmt.Sprintf(", %s left out for inexact dates", group(int64(st.LeftOut)))
			}
			b.p("| %s | %s | %.2f | %s | %s |", s.Viewer, st.Kind, st.MS, counted, group(int64(st.Cases)))
		}
	}
	b.p("")
}

// into says what store an import went into.
// csvPath says how a CSV import went into the store.
func csvPath(r *Result) string {
	if r.Nonempty {
		return "with a resolver over the store and DB.Import"
	}
	return "with nothing to look up in the empty store, and DB.ImportAlone (into SQLite, without the WAL)"
}

func into(r *Result) string {
	if r.Nonempty {
		return "a store holding one source (--nonempty: every index kept up to date during the load, none built after it)"
	}
	return "a fresh store"
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

// ceiling is the bare COPY of the import's rows beside the import (--ceiling).
func (b *md) ceiling(r *Result) {
	if len(r.Ceiling) == 0 {
		return
	}
	b.p("### The ceiling: a bare COPY of the same rows")
	b.p("")
	b.p("The rows the import wrote, copied out of the schema in COPY's binary form (%.0f MB) and loaded again, right after the import, into fresh tables made by the same migrations, in one transaction, by COPY from files: the server's work alone, with no decoding, checking, hashing or encoding left to do. The import above defers less than the first row: it keeps up the indexes its checks read (entities by canonical id, the ids' unique keys; statements by entity too once a corroboration is checked), and writes in batches of 4,000 records, each a COPY a table.", float64(r.Ceiling[0].Bytes)/1e6)
	b.p("")
	b.p("| bare COPY | rows | time | server CPU | statements/s | the import's rate, as a share of it | load average before / after |")
	b.p("|---|---|---|---|---|---|---|")
	for _, c := range r.Ceiling {
		b.p("| %s | %s | %.1f s | %.1f s | **%s** | %.0f%% | %s / %s |", harness.CeilingMode(c.Mode), group(c.Rows), c.Seconds, c.ServerCPUSeconds,
			group(int64(c.StatementsPerSec)), 100*r.Import.StatementsPerSec/c.StatementsPerSec, c.LoadBefore, c.LoadAfter)
	}
	b.p("")
}
