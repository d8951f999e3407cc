package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/locale"
	"github.com/docketorg/docket/report"
)

// languages returns the languages reports and pages are written in.
func languages() []string {
	var out []string
	for _, p := range locale.Languages() {
		out = append(out, p.Lang)
	}
	return out
}

func (m *Main) runReport(ctx context.Context, args []string) error {
	f := m.newFlags("report", `
Usage: docket report brief CASE [--format html|md|pdf] [--lang en|ru|kk] [-o FILE]
       docket report prisoners [--format html|md|pdf] [--lang en|ru|kk] [-o FILE]
       docket report appeal CASE [--window DAYS] [--format html|md|pdf] [--lang en|ru|kk] [-o FILE]

Writes a report for publication from the registry's records, every fact with a numbered
footnote to its source in order of first citation:

  brief      a case brief: the defendant, assessment, charges, a timeline of proceedings and
             events, the national figures and the cases of the defendant's relatives
  prisoners  political prisoners and other persecuted persons by category (imprisoned, in
             psychiatric detention, under restraint measures, persecuted through extradition
             or INTERPOL, other), with counts
  appeal     a draft appeal or press release about a case, leading with any sanction the
             retaliation detector finds (see docket stats retaliation)

Reports are published, so they read the registry as an anonymous visitor does: public,
reviewed statements only, whoever runs the command. CASE is a case's id or name, or the name
of its defendant. The format is taken from -o's extension (.pdf, .html, .md), else Markdown;
the PDF embeds its font (DejaVu Sans, Latin and Cyrillic). --lang writes it in English,
Russian or Kazakh: headings, labels, terms, dates and the captions made of facts; names are
shown in the language's script where one is recorded. Every report says when it was made and
the state of the registry it shows (its last change).

Examples:
  docket report brief case-akberdiyeva -o brief.pdf
  docket report brief case-akberdiyeva --lang ru --format md
  docket report prisoners --format html -o prisoners.html
  docket report appeal Akberdiyeva --format md`, true)
	format := f.String("format", "", "`FORMAT`: html, md or pdf (default from -o, else md)")
	out := f.String("o", "", "write to `FILE` instead of standard output")
	window := f.Int("window", report.DefaultWindow, "appeal: `DAYS` after a ruling in which a sanction counts as retaliation")
	lang := f.String("lang", locale.Default, "`LANG`uage of the report: "+strings.Join(languages(), ", "))
	pos, err := f.parse(args, 1, 2)
	if err != nil {
		return err
	}
	kind := pos[0]
	switch {
	case kind == "prisoners" && len(pos) != 1:
		return docket.Errorf(docket.EINVALID, "docket report prisoners takes no case")
	case (kind == "brief" || kind == "appeal") && len(pos) != 2:
		return docket.Errorf(docket.EINVALID, "docket report %s needs a CASE", kind)
	case kind != "brief" && kind != "appeal" && kind != "prisoners":
		return docket.Errorf(docket.EINVALID, "unknown report %q (want brief, prisoners or appeal)", kind)
	}
	if *format == "" {
		switch strings.ToLower(filepath.Ext(*out)) {
		case ".pdf":
			*format = "pdf"
		case ".html", ".htm":
			*format = "html"
		default:
			*format = "md"
		}
	}
	if *format != "html" && *format != "md" && *format != "pdf" {
		return docket.Errorf(docket.EINVALID, "--format %q: want html, md or pdf", *format)
	}
	if *window < 1 {
		return docket.Errorf(docket.EINVALID, "--window %d: want a number of days from 1", *window)
	}
	if !locale.Supported(*lang) {
		return docket.Errorf(docket.EINVALID, "--lang %q: want one of %s", *lang, strings.Join(languages(), ", "))
	}
	db, err := f.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	v := docket.AnonymousViewer // a report is published: never more than the public sees
	var caseID string
	if len(pos) == 2 {
		if caseID, err = findCase(ctx, db, v, pos[1]); err != nil {
			return err
		}
	}
	head, err := db.Head(ctx)
	if err != nil {
		return err
	}
	// A brief needs its case only; the list reads persons in parts; an appeal (which counts
	// retaliation across the registry) needs all of it.
	var d *report.Doc
	switch kind {
	case "brief":
		var reg *report.Registry
		if reg, err = report.LoadCase(ctx, db, v, caseID); err == nil {
			d, err = report.Brief(reg, caseID, *lang)
		}
	case "prisoners":
		var l *report.PrisonerList
		if l, err = report.ListPrisoners(ctx, db, v, 0); err == nil {
			d, err = report.PrisonersPage(ctx, db, l, 0, l.Total, *lang)
		}
	case "appeal":
		var reg *report.Registry
		if reg, err = report.Load(ctx, db, v); err == nil {
			d, err = report.Appeal(reg, caseID, *window, *lang)
		}
	}
	if err != nil {
		return err
	}
	d.Stamp(time.Now(), head)
	var buf bytes.Buffer
	switch *format {
	case "html":
		err = report.WriteHTML(&buf, d, report.HTMLOptions{})
	case "md":
		err = report.WriteMarkdown(&buf, d)
	case "pdf":
		err = report.WritePDF(&buf, d)
	}
	if err != nil {
		return err
	}
	if *out == "" {
		_, err = m.Stdout.Write(buf.Bytes())
		return err
	}
	if err := writeFileAtomic(*out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, "wrote %s (%s, %d bytes, %d sources)\n", *out, *format, buf.Len(), len(d.Notes))
	return nil
}

// findCase resolves a case's id or name, or its defendant's name, as v sees them.
func findCase(ctx context.Context, db *store, v docket.Viewer, q string) (string, error) {
	e, err := findEntity(ctx, db, v, q)
	if err != nil {
		return "", err
	}
	if e.Schema == "Case" {
		return e.ID, nil
	}
	schema := "Case"
	cases, _, err := db.FindEntities(ctx, v, docket.EntityFilter{RefersTo: &e.ID, Schema: &schema, Limit: 20})
	if err != nil {
		return "", err
	}
	switch len(cases) {
	case 0:
		return "", docket.Errorf(docket.EINVALID, "%s (%s) is a %s and no published case refers to it; give a case (docket list Case --public)", e.Caption, e.ID, e.Schema)
	case 1:
		return cases[0].ID, nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s is named in %d cases; give one:", e.Caption, len(cases))
	for _, c := range cases {
		fmt.Fprintf(&b, "\n  %s  %s", c.ID, c.Caption)
	}
	return "", docket.Errorf(docket.ECONFLICT, "%s", b.String())
}

// writeFileAtomic writes data to a temporary file beside path, syncs it and renames it into
// place, so a reader never sees half a report; the temporary file is removed on error.
func writeFileAtomic(path string, data []byte) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
