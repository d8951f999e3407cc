package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/csvmap"
)

// csvFlags are import's flags for CSV files.
type csvFlags struct {
	mapping, source, status, sensitivity, encoding, delimiter string
	dryRun, skipBad                                           bool
}

func (f *flags) csvFlags() *csvFlags {
	c := &csvFlags{}
	f.StringVar(&c.mapping, "map", "", "with --format csv: the column mapping `FILE` (see below)")
	f.BoolVar(&c.dryRun, "dry-run", false, "with --format csv: check every row and say what would be made; write nothing")
	f.BoolVar(&c.skipBad, "skip-bad-rows", false, "with --format csv: import the good rows and report the others, instead of importing nothing")
	f.StringVar(&c.source, "source", "", "with --format csv: the source every fact cites, an id or a URL (default: a new source for the file)")
	f.StringVar(&c.status, "status", "draft", "with --format csv: the status of the facts: draft (for review) or reported")
	f.StringVar(&c.sensitivity, "sensitivity", "internal", "with --format csv: the sensitivity of the facts and new sources")
	f.StringVar(&c.encoding, "encoding", "utf-8", "with --format csv: the file's character set: utf-8, windows-1251 or koi8-r")
	f.StringVar(&c.delimiter, "delimiter", "", "with --format csv: the column separator (default: the one of , ; and tab the header row uses)")
	return c
}

// importCSV imports, or with --dry-run checks, a CSV file through a column mapping.
func (m *Main) importCSV(ctx context.Context, f *flags, c *csvFlags, path string) error {
	if c.mapping == "" {
		return docket.Errorf(docket.EINVALID, "--format csv needs --map FILE, the column mapping; see docket import --help")
	}
	mf, err := os.Open(c.mapping)
	if err != nil {
		return err
	}
	mapping, err := csvmap.ParseMapping(mf)
	mf.Close()
	if err != nil {
		return err
	}
	status, err := docket.ParseStatus(c.status)
	if err != nil {
		return err
	} else if status != docket.Draft && status != docket.Reported {
		return docket.Errorf(docket.EINVALID, "--status %s: an import makes draft or reported facts; review them for more", status)
	}
	sens, err := docket.ParseSensitivity(c.sensitivity)
	if err != nil {
		return err
	}
	var comma rune
	if c.delimiter != "" {
		if c.delimiter == `\t` || c.delimiter == "tab" {
			c.delimiter = "\t"
		}
		if utf8.RuneCountInString(c.delimiter) != 1 {
			return docket.Errorf(docket.EINVALID, "--delimiter %q: want one character", c.delimiter)
		}
		comma, _ = utf8.DecodeRuneInString(c.delimiter)
	}
	in := io.Reader(m.Stdin)
	name := "standard input"
	if path != "-" {
		file, err := os.Open(path)
		if err != nil {
			return err
		}
		defer file.Close()
		in, name = file, filepath.Base(path)
	}
	db, err := f.open(!c.dryRun)
	if err != nil {
		return err
	}
	defer db.Close()
	v := f.operator()
	if !c.dryRun {
		if v, err = f.writer(ctx, db); err != nil {
			return err
		}
	}
	// What the file names is looked up in the store as the rows are read, outside the import's
	// transaction; an empty store has nothing to look up, and the import has it to itself.
	resolve, importRows := csvmap.StoreResolver(ctx, db, v), db.Import
	if empty, err := db.Empty(ctx); err != nil {
		return err
	} else if empty && !c.dryRun {
		resolve, importRows = csvmap.EmptyRegistry, db.ImportAlone
	}
	r, err := csvmap.NewReader(in, mapping, csvmap.Options{
		File: name, Source: c.source, Author: cmp.Or(v.Author, v.Name), Now: time.Now().UTC().Truncate(time.Microsecond),
		Status: status, Sensitivity: sens, SkipBad: c.skipBad, Comma: comma, Encoding: c.encoding,
		Resolve: resolve,
	})
	if err != nil {
		return err
	}
	// Rows with errors are listed in the report; the error only says that there were some.
	rowErrors := func() error {
		if r.ErrorCount == 0 || c.skipBad {
			return nil
		}
		return docket.Errorf(docket.EINVALID, "%s: %d rows have errors (listed above); nothing was imported: correct them, or import the other rows with --skip-bad-rows",
			name, r.Rows-r.Good)
	}
	if c.dryRun {
		var preview []*docket.Record
		var named namedRecords
		for n := 1; ; n++ {
			rec, err := r.Next()
			if err != nil && r.ErrorCount == 0 {
				return err
			} else if err != nil || rec == nil {
				break
			}
			if len(preview) < 30 {
				preview = append(preview, rec)
			}
			named.add(rec, r.Line(n))
		}
		m.csvReport(&r.Report, name, true)
		if len(preview) > 0 {
			fmt.Fprintln(m.Stdout, "the first records:")
			for _, rec := range preview {
				fmt.Fprintln(m.Stdout, "  "+describeRecord(rec))
			}
		}
		if err := m.csvNamesakes(ctx, db, v, named); err != nil {
			return err
		}
		return rowErrors()
	}
	p := m.progress("imported")
	defer tuneGC()()
	_, err = importRows(ctx, v, r.Next, p.report)
	p.done()
	if err != nil && r.ErrorCount > 0 {
		m.csvReport(&r.Report, name, false)
		return rowErrors()
	} else if err != nil {
		// A record the store refuses is named by its row.
		var e *docket.Error
		var n int
		if errors.As(err, &e) && strings.HasPrefix(e.Message, "record ") {
			if _, serr := fmt.Sscanf(e.Message, "record %d:", &n); serr == nil && r.Line(n) > 0 {
				return docket.Errorf(e.Code, "%s, line %d: %s", name, r.Line(n), e.Message[strings.Index(e.Message, ": ")+2:])
			}
		}
		return err
	}
	m.csvReport(&r.Report, name, false)
	return nil
}

// csvReport says what an import made, or would make.
func (m *Main) csvReport(rep *csvmap.Report, name string, dry bool) {
	made, linked := "made", "linked to"
	if dry {
		made, linked = "would make", "would link to"
	}
	fmt.Fprintf(m.Stdout, "%s: %d rows, %d good", name, rep.Rows, rep.Good)
	if bad := rep.Rows - rep.Good; bad > 0 {
		fmt.Fprintf(m.Stdout, ", %d with errors", bad)
	}
	fmt.Fprintln(m.Stdout)
	var parts []string
	for _, sc := range docket.Schemas {
		if n := rep.New[sc.Name]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, sc.Name))
		}
	}
	fmt.Fprintf(m.Stdout, "%s: records %s; statements %d; sources %d\n", made, orNone(strings.Join(parts, ", ")), rep.Statements, rep.Sources)
	parts = parts[:0]
	for _, sc := range docket.Schemas {
		if n := rep.Existing[sc.Name]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, sc.Name))
		}
	}
	if len(parts) > 0 {
		fmt.Fprintf(m.Stdout, "%s records already in the registry: %s\n", linked, strings.Join(parts, ", "))
	}
	if len(rep.Unmapped) > 0 {
		fmt.Fprintf(m.Stdout, "columns not imported (the mapping does not name them): %s\n", strings.Join(rep.Unmapped, ", "))
	}
	if rep.ErrorCount > 0 {
		fmt.Fprintf(m.Stdout, "errors (%d):\n", rep.ErrorCount)
		for _, e := range rep.Errors {
			fmt.Fprintln(m.Stdout, "  "+e.String())
		}
		if rep.ErrorCount > len(rep.Errors) {
			fmt.Fprintf(m.Stdout, "  ... and %d more\n", rep.ErrorCount-len(rep.Errors))
		}
	}
	if len(rep.Skipped) > 0 {
		lines := make([]string, len(rep.Skipped))
		for i, l := range rep.Skipped {
			lines[i] = fmt.Sprint(l)
		}
		fmt.Fprintf(m.Stdout, "skipped the rows on lines %s\n", strings.Join(lines, ", "))
	}
}

// namedRecords are the new persons and organisations a file makes, with their names, in the
// order of the rows that make them.
type namedRecords struct {
	list []*namedRecord
	byID map[string]*namedRecord
}

type namedRecord struct {
	schema, id string
	line       int
	names      []string
}

func (nr *namedRecords) add(rec *docket.Record, line int) {
	switch {
	case rec.Entity != nil && slices.Contains(docket.NamedSchemas, rec.Entity.Schema):
		x := &namedRecord{schema: rec.Entity.Schema, id: rec.Entity.ID, line: line}
		if nr.byID == nil {
			nr.byID = map[string]*namedRecord{}
		}
		nr.list, nr.byID[x.id] = append(nr.list, x), x
	case rec.Statement != nil && (rec.Statement.Property == "name" || rec.Statement.Property == "alias"):
		if x := nr.byID[rec.Statement.Entity]; x != nil {
			x.names = append(x.names, rec.Statement.Value)
		}
	}
}

// maxNamesakes bounds the rows a dry run lists as matching records of the registry.
const maxNamesakes = 50

// csvNamesakes lists the rows whose new person or organisation has the name of a record the
// registry has already, in any script or spelling (docket.NameMatches): an import makes each a
// record of its own unless the mapping names it (Person.id), so these are the duplicates an
// editor would otherwise merge afterwards.
func (m *Main) csvNamesakes(ctx context.Context, db docket.EntityService, v docket.Viewer, named namedRecords) error {
	var p *progress
	if len(named.list) > 1000 {
		p = m.progress("names looked up")
	}
	found := 0
	for i, x := range named.list {
		if p != nil {
			p.report(int64(i), int64(len(named.list)))
		}
		ents, err := docket.NameMatches(ctx, db, v, x.schema, x.names...)
		if err != nil {
			return fmt.Errorf("look up the name of line %d: %w", x.line, err)
		}
		if len(ents) == 0 {
			continue
		}
		if found++; found == 1 {
			if p != nil {
				p.done()
				p = nil
			}
			fmt.Fprintln(m.Stdout, "rows whose names the registry has already (each would be a new record; map it with Person.id, or merge after):")
		}
		if found > maxNamesakes {
			continue
		}
		var cands []string
		for _, e := range ents {
			cands = append(cands, fmt.Sprintf("%s (%s)", e.ID, cmp.Or(e.Caption, e.Schema)))
		}
		fmt.Fprintf(m.Stdout, "  line %d: %s %q: %s\n", x.line, x.schema, x.names[0], strings.Join(cands, ", "))
	}
	if p != nil {
		p.done()
	}
	if found > maxNamesakes {
		fmt.Fprintf(m.Stdout, "  ... and %d more\n", found-maxNamesakes)
	}
	return nil
}

func orNone(s string) string {
	if s == "" {
		return "no"
	}
	return s
}

// describeRecord writes a record on one line, for a dry run's preview.
func describeRecord(r *docket.Record) string {
	switch {
	case r.Entity != nil:
		return fmt.Sprintf("%s %s", r.Entity.Schema, r.Entity.ID)
	case r.Statement != nil:
		s := r.Statement
		return fmt.Sprintf("  %s.%s = %q", s.Entity, s.Property, s.Value)
	case r.Source != nil:
		return fmt.Sprintf("source %s %s", r.Source.ID, strings.TrimSpace(r.Source.URL+" "+r.Source.Title))
	}
	return r.Kind
}
