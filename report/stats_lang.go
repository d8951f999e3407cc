package report

import (
	"strconv"
	"strings"

	"github.com/docketorg/docket/internal/locale"
)

// labelKeys are the catalog keys of the labels the tables give rows in English.
var labelKeys = map[string]string{
	"All": "stats.all", "Total": "report.total",
	"(court not recorded)": "stats.none.court", "(judge not recorded)": "stats.none.judge",
	"(article not recorded)": "stats.none.article", "(region not recorded)": "stats.none.region",
	"(year not recorded)": "stats.none.year",
}

// In returns the table written in lang: its title, note, columns and the labels of its rows
// that are words (not names), as the catalogs' stats.KIND.* keys say; the cells and the cases
// are the same. English is the table itself.
func (t *Table) In(lang string) *Table {
	p := locale.Get(lang)
	if p.Lang == locale.Default {
		return t
	}
	out := *t
	out.lang = p.Lang
	if p.Has("stats." + t.Kind + ".title") {
		out.Title = p.T("stats." + t.Kind + ".title")
		out.Note = p.T("stats." + t.Kind + ".note")
		if t.Kind == "retaliation" {
			out.Note = t.retaliationNote(p)
		}
		if t.Political {
			out.Note += " " + p.T("stats.politicalOnly")
		}
	}
	if t.By != "" {
		out.Key = p.T("stats.by." + t.By)
	} else if t.Key != "" && p.Has("stats."+t.Kind+".key") {
		out.Key = p.T("stats." + t.Kind + ".key")
	}
	out.Columns = make([]string, len(t.Columns))
	for i, c := range t.Columns {
		out.Columns[i] = c
		if k := "stats." + t.Kind + ".col" + strconv.Itoa(i+1); p.Has(k) {
			out.Columns[i] = p.T(k)
		}
	}
	label := func(r TableRow) TableRow {
		if k, ok := labelKeys[r.Label]; ok {
			r.Label = p.T(k)
		} else if t.By == ByArticle && r.Entity == "" {
			r.Label = articleLabel(p, r.Label)
		} else if t.By == ByRegion {
			if city, ok := strings.CutSuffix(r.Label, " (city)"); ok {
				r.Label = p.T("stats.city", city)
			}
		}
		return r
	}
	out.Rows = make([]TableRow, len(t.Rows))
	for i, r := range t.Rows {
		out.Rows[i] = label(r)
	}
	if t.Total != nil {
		tr := label(*t.Total)
		out.Total = &tr
	}
	return &out
}

// articleLabel writes "KZ-CC art. 179" in the printer's language.
func articleLabel(p *locale.Printer, l string) string {
	code, art, ok := strings.Cut(l, " art. ")
	if !ok {
		return p.T("caption.article", strings.TrimPrefix(l, "art. "))
	}
	return code + " " + p.T("caption.article", art)
}

// retaliationNote is the retaliation table's note in the printer's language.
func (t *Table) retaliationNote(p *locale.Printer) string {
	note := p.T("stats.retaliation.note", t.window)
	if t.unmeasured > 0 {
		note += " " + p.N("stats.retaliation.unmeasured", t.unmeasured)
	}
	return note
}
