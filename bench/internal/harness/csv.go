package harness

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/bench/internal/synth"
	"github.com/docketorg/docket/csvmap"
)

// CSVResult is what importing a spreadsheet cost: the import's figures, and what the rows made.
type CSVResult struct {
	*ImportResult
	Shape        string         `json:"shape"` // of the spreadsheet: see synth.CSVShapes
	Rows         int            `json:"rows"`
	Good         int            `json:"good_rows"`
	RowsPerSec   float64        `json:"rows_per_s"`
	Made         map[string]int `json:"records_by_schema"` // new records, from the reader's report
	Sources      int            `json:"sources"`
	CSVBytes     int64          `json:"csv_bytes"`
	WriteSeconds float64        `json:"write_seconds"` // writing the spreadsheet, not part of the import
}

// WriteCSV writes a spreadsheet of rows defendants of the shape with synth.WriteCSV.
func WriteCSV(path string, rows int, seed uint64, shape synth.CSVShape) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	if err := synth.WriteCSV(w, rows, seed, shape); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// ImportCSV imports a spreadsheet written by WriteCSV into db, an opened fresh store, through
// the shape's mapping, as docket import --format csv does: a reader that makes each row's
// records, linked to what the store holds by a resolver, and DB.Import in one transaction (into
// an empty store: no resolver, and DB.ImportAlone).
// The facts are drafts of internal sensitivity, the command's defaults.
func ImportCSV(ctx context.Context, db docket.Store, csvPath string, shape synth.CSVShape, progress func(records int64, elapsed time.Duration)) (*CSVResult, error) {
	m, err := csvmap.ParseMapping(strings.NewReader(shape.Mapping))
	if err != nil {
		return nil, fmt.Errorf("the mapping: %w", err)
	}
	f, err := os.Open(csvPath)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	v := docket.Operator("bench")
	// As docket import does: into an empty store, no lookups and the store to itself.
	resolve, imp := csvmap.StoreResolver(ctx, db, v), db.Import
	if a, ok := db.(aloneImporter); ok {
		if empty, err := a.Empty(ctx); err != nil {
			return nil, err
		} else if empty {
			resolve, imp = csvmap.EmptyRegistry, a.ImportAlone
		}
	}
	r, err := csvmap.NewReader(f, m, csvmap.Options{File: filepath.Base(csvPath), Author: v.Name,
		Now: time.Now().UTC().Truncate(time.Microsecond), Resolve: resolve})
	if err != nil {
		return nil, err
	}
	res, err := measureImport(ctx, db, imp, r.Next, progress)
	switch {
	case err != nil && r.ErrorCount > 0:
		return nil, fmt.Errorf("%s: %d rows have errors, the first: %s", csvPath, r.Rows-r.Good, r.Errors[0])
	case err != nil:
		return nil, err
	}
	return &CSVResult{ImportResult: res, Shape: shape.Name, Rows: r.Rows, Good: r.Good, RowsPerSec: float64(r.Rows) / res.Seconds,
		Made: r.New, Sources: r.Sources, CSVBytes: fileSize(csvPath)}, nil
}

// Prefill adds one source to an empty store, in a transaction of its own, so that an import
// after it is not into an empty store: that import keeps every index up to date as it goes,
// rather than dropping some and building them after the load.
func Prefill(ctx context.Context, db docket.Store) error {
	err := db.CreateSource(ctx, docket.Operator("bench"), &docket.Source{Title: "bench: a store that is not empty", Type: "other"})
	if err != nil {
		return fmt.Errorf("prefill: %w", err)
	}
	return nil
}
