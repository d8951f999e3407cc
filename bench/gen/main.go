// Command gen writes a deterministic, realistic Docket registry as JSON lines of export
// records, the input of docket import and of the benchmarks.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/bench/internal/synth"
)

const usage = `Usage: go run ./bench/gen --statements N [--seed S] > FILE.jsonl
       go run ./bench/gen --csv ROWS [--shape six|wide] [--seed S] > FILE.csv
       go run ./bench/gen --mapping [--shape six|wide] > FILE.map

Writes a synthetic registry of politically motivated prosecutions as JSON lines, one export
record a line, in commit order: sources, persons (names in Latin, Cyrillic and variant
romanisations), courts, prosecutors and police of Kazakh cities, cases, charges under the
Kazakh Criminal Code, proceedings, events, reviews, retractions, corrections and merges.
It stops after exactly N statement records. The same N and seed always give the same bytes.
Memory stays constant; progress goes to stderr every 100,000 records.

With --csv ROWS it writes instead a spreadsheet of ROWS defendants, each with a case and a
ruling, as CSV, and --mapping prints the column mapping that imports it. --shape six (the
default) gives a person, a case and a proceeding a row, six statements, as the CSV target of
the benchmarks counts; --shape wide adds a birth date, the court, the stage and notes.

Examples:
  go run ./bench/gen --statements 100000 --seed 1 > /tmp/registry.jsonl
  docket import /tmp/registry.jsonl --data /tmp/registry
  go run ./bench/gen --csv 90000 > /tmp/cases.csv
  go run ./bench/gen --mapping > /tmp/cases.map
  go run ./bench/gen --csv 90000 --shape wide > /tmp/wide.csv
  docket import --format csv /tmp/cases.csv --map /tmp/cases.map --data /tmp/registry`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stdout, "%s\n\nFlags:\n", usage)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		fs.SetOutput(stderr)
	}
	n := fs.Int64("statements", 0, "number of statement records to write (10,000 to 10,000,000 and more)")
	seed := fs.Uint64("seed", 1, "seed of the generator")
	quiet := fs.Bool("quiet", false, "no progress on stderr")
	csvRows := fs.Int("csv", 0, "write a CSV spreadsheet of this many `ROWS` instead")
	mapping := fs.Bool("mapping", false, "print the column mapping of the CSV spreadsheets instead")
	shapeName := fs.String("shape", synth.SixStatements.Name, "the columns of the CSV spreadsheet: `six` (a person, a case and a proceeding a row, six statements) or wide (about nine)")
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		return 0
	} else if err != nil {
		return 2
	}
	shape, ok := synth.CSVShapes[*shapeName]
	if !ok {
		fmt.Fprintf(stderr, "gen: --shape %q: want six or wide\n", *shapeName)
		return 2
	}
	switch {
	case *mapping:
		fmt.Fprint(stdout, shape.Mapping)
		return 0
	case *csvRows > 0:
		w := bufio.NewWriterSize(stdout, 1<<20)
		if err := synth.WriteCSV(w, *csvRows, *seed, shape); err != nil {
			fmt.Fprintf(stderr, "gen: %v\n", err)
			return 1
		}
		if err := w.Flush(); err != nil {
			fmt.Fprintf(stderr, "gen: %v\n", err)
			return 1
		}
		return 0
	}
	if *n <= 0 || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "gen: give --statements N (a positive number) and no arguments; see --help")
		return 2
	}
	w := bufio.NewWriterSize(stdout, 1<<20)
	start := time.Now()
	cfg := synth.Config{Statements: *n, Seed: *seed}
	if !*quiet {
		cfg.Progress = func(records, statements int64) {
			fmt.Fprintf(stderr, "gen: %d records, %d statements, %.0f records/s\n",
				records, statements, float64(records)/time.Since(start).Seconds())
		}
	}
	sum, err := synth.Generate(cfg, func(r *docket.Record) error {
		line, err := json.Marshal(r)
		if err != nil {
			return err
		}
		w.Write(line)
		return w.WriteByte('\n')
	})
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		fmt.Fprintf(stderr, "gen: %v\n", err)
		return 1
	}
	if !*quiet {
		fmt.Fprintf(stderr, "gen: done in %.1fs: %d records (%v), entities %v\n",
			time.Since(start).Seconds(), sum.Records, sum.Kinds, sum.Schemas)
	}
	return 0
}
