package report

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/docketorg/docket/internal/locale"
)

// WriteCSV writes a table as CSV (RFC 4180): a header, a row per group, the total last, each
// row ending with the number of cases it rests on and their ids separated by spaces.
func WriteCSV(w io.Writer, t *Table) error {
	cw := csv.NewWriter(w)
	p := locale.Get(t.lang)
	key := t.Key
	if key == "" {
		key = p.T("stats.csv.group")
	}
	header := append(append([]string{key}, t.Columns...), p.T("stats.csv.cases"), p.T("stats.csv.caseIDs"))
	if err := cw.Write(header); err != nil {
		return err
	}
	rows := t.Rows
	if t.Total != nil {
		rows = append(append([]TableRow(nil), rows...), *t.Total)
	}
	for _, r := range rows {
		rec := []string{cell(r.Label)}
		for _, c := range r.Cells {
			rec = append(rec, cell(c))
		}
		rec = append(rec, strconv.Itoa(r.NumCases), strings.Join(r.Cases.Strings(), " "))
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// cell keeps a spreadsheet from reading a name as a formula: text that starts with =, +, -
// or @ (and is not a number) gets a leading apostrophe, as spreadsheets themselves write it.
func cell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if _, err := strconv.ParseFloat(s, 64); err != nil {
			return "'" + s
		}
	}
	return s
}
