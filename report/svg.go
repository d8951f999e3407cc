package report

import (
	"fmt"
	"html/template"
	"strings"
	"unicode/utf8"
)

// outcomeColors are the colours of the outcome bars, in the order of outcomeSeries.
var outcomeSeries = []struct {
	name, color string
	count       func(r OutcomeRow) int
}{
	{"convicted", "#7a1010", func(r OutcomeRow) int { return r.Convicted }},
	{"acquitted", "#2e7d32", func(r OutcomeRow) int { return r.Acquitted }},
	{"returned", "#b08900", func(r OutcomeRow) int { return r.Returned }},
	{"dismissed", "#546e7a", func(r OutcomeRow) int { return r.Dismissed }},
}

// OutcomeChart draws the outcomes as horizontal stacked bars, one per row, as an inline SVG
// that needs no script: each bar is labelled with its group and counts, and the chart has a
// title and a legend for screen readers and print.
func OutcomeChart(st *OutcomeStats) template.HTML {
	rows := st.Rows
	const (
		labelW, barW, countW = 190.0, 340.0, 150.0
		rowH, top            = 24.0, 34.0
	)
	width := labelW + barW + countW
	height := top + rowH*float64(max(len(rows), 1)) + 30
	maxN := 0
	for _, r := range rows {
		maxN = max(maxN, r.Rulings)
	}
	var b strings.Builder
	title := "Outcomes of rulings"
	if st.By != "" {
		title += " by " + st.By
	}
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-labelledby="chart-title" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" font-family="DejaVu Sans, system-ui, sans-serif" font-size="12">`,
		width, height, width, height)
	fmt.Fprintf(&b, `<title id="chart-title">%s</title>`, esc(title))
	x := labelW
	for _, s := range outcomeSeries {
		fmt.Fprintf(&b, `<rect x="%.0f" y="8" width="10" height="10" fill="%s"/><text x="%.0f" y="17">%s</text>`, x, s.color, x+14, s.name)
		x += 90
	}
	if len(rows) == 0 || maxN == 0 {
		fmt.Fprintf(&b, `<text x="0" y="%.0f" fill="#666">No rulings recorded.</text></svg>`, top+16)
		return template.HTML(b.String())
	}
	for i, r := range rows {
		y := top + rowH*float64(i)
		lbl := r.Label
		if utf8.RuneCountInString(lbl) > 28 {
			lbl = string([]rune(lbl)[:27]) + "…"
		}
		fmt.Fprintf(&b, `<g><title>%s: %d rulings, %d convicted, %d acquitted, %d returned, %d dismissed</title>`,
			esc(r.Label), r.Rulings, r.Convicted, r.Acquitted, r.Returned, r.Dismissed)
		fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" text-anchor="end">%s</text>`, labelW-8, y+15, esc(lbl))
		bx := labelW
		for _, s := range outcomeSeries {
			n := s.count(r)
			if n == 0 {
				continue
			}
			w := barW * float64(n) / float64(maxN)
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.0f" width="%.1f" height="%.0f" fill="%s"/>`, bx, y+3, w, rowH-8, s.color)
			if w > 18 {
				fmt.Fprintf(&b, `<text x="%.1f" y="%.0f" fill="#fff" text-anchor="middle">%d</text>`, bx+w/2, y+15, n)
			}
			bx += w
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%.0f" fill="#333">%d (%s convicted)</text></g>`, bx+6, y+15, r.Rulings, pct(r.ConvictionRate, r.Rulings))
	}
	fmt.Fprintf(&b, `<text x="0" y="%.0f" fill="#666" font-size="11">Bars are scaled to the largest row (%d rulings).</text>`, height-8, maxN)
	b.WriteString(`</svg>`)
	// Every text in it is escaped; the markup is ours.
	return template.HTML(b.String())
}
