package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/report"
)

func (m *Main) runStats(ctx context.Context, args []string) error {
	f := m.newFlags("stats", `
Usage: docket stats [outcomes|demand|sentences|durations|appeals|retaliation]
                    [--by court|judge|article|region|year] [--political] [--window DAYS]
                    [--csv] [--json] [--public | --token-file FILE]

Counts patterns over the registry's proceedings; every row says how many cases it rests on and
which. Without a statistic it shows outcomes.

  outcomes     rulings convicted, acquitted, returned or dismissed; conviction and acquittal rates
  demand       sentences compared with the prosecutor's demand (equal, lighter, heavier)
  sentences    terms of imprisonment in months: count, mean, median, min, max
  durations    days from the first detention or arrest to the first-instance ruling
  appeals      appeals, cassations and reviews by result
  retaliation  dismissals, disciplinary actions and prosecutions of the judge who ruled, or of
               an official of the court, within --window days (30) after an acquittal, a
               return or a dismissal in a politically motivated case, with both events'
               sources

Days are counted only between dates exact to the day; what is left out for want of precision
is counted. --political keeps cases assessed as politically motivated. As the operator you
count everything; --public counts what an anonymous visitor sees.

Examples:
  docket stats outcomes --by court
  docket stats retaliation --window 14
  docket stats sentences --by year --political --csv > sentences.csv`, true)
	f.jsonFlag()
	viewer := f.viewerFlag()
	by := f.String("by", "", "break down by `DIMENSION`: "+strings.Join(report.Dimensions, ", "))
	political := f.Bool("political", false, "only cases assessed as politically motivated")
	window := f.Int("window", report.DefaultWindow, "retaliation: `DAYS` after a ruling to look for sanctions")
	csvOut := f.Bool("csv", false, "write CSV")
	pos, err := f.parse(args, 0, 1)
	if err != nil {
		return err
	}
	kind := "outcomes"
	if len(pos) == 1 {
		kind = pos[0]
	}
	// Asked wrongly, the command says so before it counts, which takes a while.
	if !slices.Contains(report.Kinds, kind) {
		return docket.Errorf(docket.EINVALID, "unknown statistic %q (want %s)", kind, strings.Join(report.Kinds, ", "))
	}
	if kind == "retaliation" && *by != "" {
		return docket.Errorf(docket.EINVALID, "the retaliation detector lists findings; it has no breakdown --by")
	}
	if *window < 1 {
		return docket.Errorf(docket.EINVALID, "--window %d: want a number of days from 1", *window)
	}
	if kind != "retaliation" && *window != report.DefaultWindow {
		return docket.Errorf(docket.EINVALID, "--window applies to retaliation only")
	}
	if f.jsonOut && *csvOut {
		return docket.Errorf(docket.EINVALID, "choose --csv or --json, not both")
	}
	o := report.Options{By: *by, Political: *political}
	if kind == "retaliation" {
		o.Window = *window
	}
	if err := o.Validate(); err != nil {
		return err
	}
	db, err := f.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	v, err := viewer(ctx, db)
	if err != nil {
		return err
	}
	// Counted in parts, so a registry of millions of statements is never in memory at once.
	p := m.progress("counted proceedings:")
	counted, err := report.Count(ctx, db, v, o, 0, p.report)
	p.done()
	if err != nil {
		return err
	}
	t, typed, err := counted.Stat(kind)
	if err != nil {
		return err
	}
	switch {
	case f.jsonOut:
		return writeJSON(m.Stdout, typed)
	case *csvOut:
		return report.WriteCSV(m.Stdout, t)
	}
	who := "as the operator: every statement"
	if v.Role == docket.Anonymous {
		who = "as the public: reviewed public statements only"
	}
	fmt.Fprintf(m.Stdout, "%s (%s)\n%s\n\n", t.Title, who, wrap(t.Note, 94))
	if rep, ok := typed.(*report.RetaliationReport); ok {
		return printRetaliation(m.Stdout, rep)
	}
	return printTable(m.Stdout, t)
}

// printTable writes a table with a cases column, then the cases each row rests on.
func printTable(w io.Writer, t *report.Table) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	rows := t.Rows
	if t.Total != nil && (len(rows) != 1 || t.By != "") {
		rows = append(append([]report.TableRow(nil), rows...), *t.Total)
	}
	// Numbers align right, labels left: pad the labels to one width.
	wide := utf8.RuneCountInString(t.Key)
	for _, r := range rows {
		wide = max(wide, utf8.RuneCountInString(r.Label))
	}
	pad := func(s string) string { return s + strings.Repeat(" ", wide-utf8.RuneCountInString(s)) }
	fmt.Fprintf(tw, "%s\t%s\tCases\t\n", pad(t.Key), strings.Join(t.Columns, "\t"))
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%d\t\n", pad(r.Label), strings.Join(r.Cells, "\t"), r.NumCases)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(t.Rows) == 0 {
		fmt.Fprintln(w, "\nNothing to count.")
		return nil
	}
	fmt.Fprintln(w, "\nCases behind each row:")
	for _, r := range rows {
		fmt.Fprintf(w, "  %s: %s\n", r.Label, caseList(r.Cases.Strings()))
	}
	return nil
}

func caseList(ids []string) string {
	if len(ids) == 0 {
		return "none"
	}
	return strings.Join(ids, " ")
}

func printRetaliation(w io.Writer, rep *report.RetaliationReport) error {
	fmt.Fprintf(w, "%d finding(s) after %d ruling(s) against the prosecution in politically motivated cases.\n", len(rep.Findings), rep.Rulings)
	for i, f := range rep.Findings {
		fmt.Fprintf(w, "\n%d. %s (%s)\n", i+1, f.CaseName, f.Case)
		fmt.Fprintf(w, "   ruling:    %s  %s (%s): %s\n", f.Ruling.Date, f.Ruling.Caption, f.Ruling.ID, f.Outcome)
		fmt.Fprintf(w, "   sanction:  %s  %s (%s): %s\n", f.Sanction.Date, f.Sanction.Caption, f.Sanction.ID, f.Sanction.Type)
		fmt.Fprintf(w, "   against:   %s (%s), %s\n", f.TargetName, f.Target, f.Role)
		days := "days"
		if f.GapDays == 1 {
			days = "day"
		}
		fmt.Fprintf(w, "   gap:       %d %s (both dates exact to the day)", f.GapDays, days)
		if f.Linked {
			fmt.Fprint(w, "; recorded as retaliation for the ruling")
		}
		fmt.Fprintln(w)
		printSources(w, "sources of the ruling:  ", f.Ruling.Sources)
		printSources(w, "sources of the sanction:", f.Sanction.Sources)
	}
	if len(rep.Unmeasured) > 0 {
		fmt.Fprintf(w, "\nLeft out for want of exact dates (%d):\n", len(rep.Unmeasured))
		for _, u := range rep.Unmeasured {
			fmt.Fprintf(w, "  %s (%s) after %s (%s): %s\n", u.Sanction.Caption, u.Sanction.ID, u.Ruling.Caption, u.Ruling.ID, u.Reason)
		}
	}
	return nil
}

func printSources(w io.Writer, head string, ss []report.SourceRef) {
	for i, s := range ss {
		lead := strings.Repeat(" ", len(head))
		if i == 0 {
			lead = head
		}
		line := s.Label()
		if line != s.ID {
			line += "  (" + s.ID + ")"
		}
		fmt.Fprintf(w, "   %s [%d] %s\n", lead, i+1, line)
	}
}

// wrap breaks text into lines of at most width runes.
func wrap(s string, width int) string {
	var b strings.Builder
	n := 0
	for _, wd := range strings.Fields(s) {
		if n > 0 && n+1+len([]rune(wd)) > width {
			b.WriteByte('\n')
			n = 0
		} else if n > 0 {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(wd)
		n += len([]rune(wd))
	}
	return b.String()
}
