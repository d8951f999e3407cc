package report

import (
	"fmt"
	"html/template"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/docketorg/docket/internal/locale"
)

// Charts are drawn on the server as inline SVG that needs no script and no font of the
// reader's: horizontal bars, one a row, each labelled with its group and its figures, a title
// and a legend, and a <title> on every bar for screen readers. Every chart is one of a table's
// views: the page shows the table beside it and the table's CSV.

// Series is one kind of segment of a chart's bars.
type Series struct {
	Name, Color string
}

// Bar is one row of a chart: its label, its segments (one a series) and what to write after
// it.
type Bar struct {
	Label    string
	Segments []float64
	Note     string
}

// Chart is a bar chart.
type Chart struct {
	ID, Title string
	Series    []Series
	Bars      []Bar
	// Share draws every bar across the whole width, its segments as shares of its sum: a
	// rate, not a count.
	Share bool
	Empty string // what it says without bars
	Scale string // what it says of its scale, under it
}

// SVG draws the chart.
func (c *Chart) SVG() template.HTML {
	const (
		labelW, barW, noteW = 200.0, 330.0, 170.0
		rowH, top           = 24.0, 34.0
	)
	width := labelW + barW + noteW
	height := top + rowH*float64(max(len(c.Bars), 1)) + 30
	maxSum := 0.0
	for _, b := range c.Bars {
		maxSum = max(maxSum, sum(b.Segments))
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-labelledby="%s-title" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" font-family="DejaVu Sans, system-ui, sans-serif" font-size="12">`,
		esc(c.ID), width, height, width, height)
	fmt.Fprintf(&b, `<title id="%s-title">%s</title>`, esc(c.ID), esc(c.Title))
	x := 0.0
	for _, s := range c.Series {
		if len(c.Series) < 2 {
			break
		}
		fmt.Fprintf(&b, `<rect x="%.0f" y="8" width="10" height="10" fill="%s"/><text x="%.0f" y="17">%s</text>`, x, s.Color, x+14, esc(s.Name))
		x += 24 + 7.2*float64(utf8.RuneCountInString(s.Name))
	}
	if len(c.Bars) == 0 || maxSum == 0 {
		fmt.Fprintf(&b, `<text x="0" y="%.0f" fill="#666">%s</text></svg>`, top+16, esc(c.Empty))
		return template.HTML(b.String())
	}
	for i, bar := range c.Bars {
		y := top + rowH*float64(i)
		total := sum(bar.Segments)
		var parts []string
		for k, v := range bar.Segments {
			if k < len(c.Series) && v > 0 {
				parts = append(parts, c.Series[k].Name+" "+trim(v))
			}
		}
		fmt.Fprintf(&b, `<g><title>%s: %s</title>`, esc(bar.Label), esc(strings.Join(append(parts, bar.Note), "; ")))
		fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" text-anchor="end">%s</text>`, labelW-8, y+15, esc(clipText(bar.Label, 28)))
		bx := labelW
		scale := maxSum
		if c.Share {
			scale = total
		}
		for k, v := range bar.Segments {
			if v <= 0 || scale == 0 {
				continue
			}
			w := barW * v / scale
			color := "#24507a"
			if k < len(c.Series) {
				color = c.Series[k].Color
			}
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.0f" width="%.1f" height="%.0f" fill="%s"/>`, bx, y+3, w, rowH-8, color)
			if w > 22 && !c.Share {
				fmt.Fprintf(&b, `<text x="%.1f" y="%.0f" fill="#fff" text-anchor="middle">%s</text>`, bx+w/2, y+15, trim(v))
			}
			bx += w
		}
		if c.Share {
			bx = labelW + barW
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%.0f" fill="#333">%s</text></g>`, bx+6, y+15, esc(bar.Note))
	}
	if c.Scale != "" {
		fmt.Fprintf(&b, `<text x="0" y="%.0f" fill="#666" font-size="11">%s</text>`, height-8, esc(c.Scale))
	}
	b.WriteString(`</svg>`)
	// Every text in it is escaped; the markup is ours.
	return template.HTML(b.String())
}

func sum(vs []float64) float64 {
	s := 0.0
	for _, v := range vs {
		s += v
	}
	return s
}

func trim(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func clipText(s string, n int) string {
	if utf8.RuneCountInString(s) > n {
		return string([]rune(s)[:n-1]) + "…"
	}
	return s
}

// outcomeSeries are the outcomes a chart of rulings shows, with their colours.
var outcomeSeries = []struct {
	id, color string
	count     func(r OutcomeRow) int
}{
	{"convicted", "#7a1010", func(r OutcomeRow) int { return r.Convicted }},
	{"acquitted", "#2e7d32", func(r OutcomeRow) int { return r.Acquitted }},
	{"returned", "#b08900", func(r OutcomeRow) int { return r.Returned }},
	{"dismissed", "#546e7a", func(r OutcomeRow) int { return r.Dismissed }},
}

// OutcomesChart draws the outcomes of rulings, one bar a row of the table (by year, by
// court...), in lang.
func OutcomesChart(st *OutcomeStats, lang string) *Chart {
	p := locale.Get(lang)
	c := &Chart{ID: "outcomes-" + cmpOr(st.By, "all"), Title: p.T("chart.outcomes", byWhat(p, st.By)), Empty: p.T("chart.noRulings")}
	for _, s := range outcomeSeries {
		c.Series = append(c.Series, Series{p.Term("outcome", s.id), s.color})
	}
	for _, r := range st.Rows {
		b := Bar{Label: rowLabel(p, r.Group), Note: p.T("chart.rulings", r.Rulings, pct(r.ConvictionRate, r.Rulings))}
		for _, s := range outcomeSeries {
			b.Segments = append(b.Segments, float64(s.count(r)))
		}
		c.Bars = append(c.Bars, b)
	}
	maxN := 0
	for _, r := range st.Rows {
		maxN = max(maxN, r.Rulings)
	}
	c.Scale = p.T("chart.scaled", maxN)
	return c
}

// ConvictionChart draws the conviction rate of each row (by court), the rows with the most
// rulings first, at most n.
func ConvictionChart(st *OutcomeStats, lang string, n int) *Chart {
	p := locale.Get(lang)
	c := &Chart{ID: "conviction-" + cmpOr(st.By, "all"), Title: p.T("chart.conviction", byWhat(p, st.By)), Share: true, Empty: p.T("chart.noRulings"),
		Series: []Series{{p.Term("outcome", "convicted"), "#7a1010"}, {p.T("chart.notConvicted"), "#c9d3dd"}}}
	rows := append([]OutcomeRow(nil), st.Rows...)
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Rulings > rows[j].Rulings })
	if len(rows) > n {
		rows = rows[:n]
		c.Scale = p.T("chart.top", n)
	}
	for _, r := range rows {
		if r.Rulings == 0 {
			continue
		}
		c.Bars = append(c.Bars, Bar{Label: rowLabel(p, r.Group), Segments: []float64{float64(r.Convicted), float64(r.Rulings - r.Convicted)},
			Note: p.T("chart.rate", pct(r.ConvictionRate, r.Rulings), r.Rulings)})
	}
	return c
}

// DemandChart draws how sentences compare with the prosecutor's demand, one bar a row (by
// year) and one for all.
func DemandChart(st *DemandStats, lang string) *Chart {
	p := locale.Get(lang)
	c := &Chart{ID: "demand-" + cmpOr(st.By, "all"), Title: p.T("chart.demand", byWhat(p, st.By)), Share: true, Empty: p.T("chart.noDemands")}
	for i, color := range []string{"#7a1010", "#b08900", "#24507a", "#8e6bb5", "#2e7d32"} {
		c.Series = append(c.Series, Series{p.T("stats.demand.col" + strconv.Itoa(i+3)), color})
	}
	row := func(r DemandRow) Bar {
		return Bar{Label: rowLabel(p, r.Group), Segments: []float64{float64(r.Equal), float64(r.Lighter), float64(r.Heavier), float64(r.OtherKind), float64(r.NotSentenced)},
			Note: p.T("chart.equal", pct(r.ShareEqual, r.Sentenced), r.WithDemand)}
	}
	for _, r := range st.Rows {
		if r.WithDemand > 0 {
			c.Bars = append(c.Bars, row(r))
		}
	}
	if len(c.Bars) > 1 && st.Total.WithDemand > 0 {
		c.Bars = append(c.Bars, row(st.Total))
	}
	return c
}

// GapChart draws the days from each ruling against the prosecution to the sanction that
// followed it, as the retaliation detector found them.
func GapChart(rep *RetaliationReport, lang string) *Chart {
	p := locale.Get(lang)
	c := &Chart{ID: "gap", Title: p.T("chart.gap", rep.Window), Empty: p.T("chart.noFindings"), Series: []Series{{p.T("chart.days"), "#b4451f"}}}
	maxGap := 0
	for _, f := range rep.Findings {
		c.Bars = append(c.Bars, Bar{Label: f.TargetName, Segments: []float64{float64(f.GapDays)},
			Note: p.N("unit.days", f.GapDays) + " · " + clipText(f.CaseName, 24)})
		maxGap = max(maxGap, f.GapDays)
	}
	if len(c.Bars) > 0 {
		// A sanction the same day has no length: it still shows, as a sliver.
		for i := range c.Bars {
			c.Bars[i].Segments[0] = max(c.Bars[i].Segments[0], float64(max(maxGap, 1))/50)
		}
		c.Scale = p.T("chart.gapScale", rep.Window)
	}
	return c
}

// rowLabel is a row's label in the printer's language, as Table.In writes it.
func rowLabel(p *locale.Printer, g Group) string {
	if k, ok := labelKeys[g.Label]; ok {
		return p.T(k)
	}
	return g.Label
}

// byWhat says what a chart's rows are, "" for one row over all.
func byWhat(p *locale.Printer, by string) string {
	if by == "" {
		return ""
	}
	return p.T("chart.by", strings.ToLower(p.T("stats.by."+by)))
}

func cmpOr(s, or string) string {
	if s == "" {
		return or
	}
	return s
}
