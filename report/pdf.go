package report

import (
	"embed"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/signintech/gopdf"
)

// The PDF is written by the binary itself, with DejaVu Sans embedded (subset to the glyphs
// used): it covers Latin, Cyrillic and Kazakh letters, so names print in any script without
// a browser or an office suite. Its licence is fonts/LICENSE.
//
//go:embed fonts/DejaVuSans.ttf fonts/DejaVuSans-Bold.ttf
var fontFS embed.FS

// Page geometry in points (A4).
const (
	pageW, pageH             = 595.28, 841.89
	marginL, marginR         = 56.0, 56.0
	marginTop, marginBottom  = 56.0, 64.0
	textW                    = pageW - marginL - marginR
	bodySize, bodyLeading    = 10.0, 14.2
	smallSize, smallLeading  = 8.2, 11.0
	supSize                  = 6.2
	dateColumn               = 102.0
	bulletIndent, levelShift = 12.0, 16.0
)

type rgb [3]uint8

var (
	ink    = rgb{26, 26, 26}
	accent = rgb{122, 16, 16}
	grey   = rgb{110, 110, 110}
	link   = rgb{20, 60, 130}
)

// WritePDF writes a report as a PDF: a title block, sections, timeline entries with their
// dates in a column, numbered footnote marks, and the sources with their URLs (as links) at
// the end; every page has a footer with the title and page number.
func WritePDF(w io.Writer, d *Doc) error {
	regular, err := fontFS.ReadFile("fonts/DejaVuSans.ttf")
	if err != nil {
		return fmt.Errorf("pdf font: %w", err)
	}
	bold, err := fontFS.ReadFile("fonts/DejaVuSans-Bold.ttf")
	if err != nil {
		return fmt.Errorf("pdf font: %w", err)
	}
	pdf := &gopdf.GoPdf{}
	pdf.Start(gopdf.Config{PageSize: gopdf.Rect{W: pageW, H: pageH}, Unit: gopdf.UnitPT})
	pdf.SetInfo(gopdf.PdfInfo{Title: d.Title, Subject: d.Subtitle, Creator: "Docket", Producer: "Docket"})
	if err := pdf.AddTTFFontData("sans", regular); err != nil {
		return fmt.Errorf("pdf font: %w", err)
	}
	if err := pdf.AddTTFFontDataWithOption("sans", bold, gopdf.TtfOption{Style: gopdf.Bold}); err != nil {
		return fmt.Errorf("pdf font: %w", err)
	}
	pw := &pdfWriter{pdf: pdf, doc: d}
	if err := pw.write(); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	if _, err := pdf.WriteTo(w); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	return nil
}

type pdfWriter struct {
	pdf  *gopdf.GoPdf
	doc  *Doc
	y    float64
	page int
	err  error
}

// tok is a word, or a footnote mark, in one style.
type tok struct {
	text  string
	bold  bool
	size  float64
	color rgb
	sup   bool   // a footnote mark: small and raised, attached to the word before
	href  string // an external link
	space bool   // a space comes before it
	w     float64
}

func (pw *pdfWriter) font(bold bool, size float64) {
	style := ""
	if bold {
		style = "B"
	}
	if err := pw.pdf.SetFont("sans", style, size); err != nil && pw.err == nil {
		pw.err = err
	}
}

func (pw *pdfWriter) width(t *tok) float64 {
	pw.font(t.bold, t.size)
	w, err := pw.pdf.MeasureTextWidth(t.text)
	if err != nil && pw.err == nil {
		pw.err = err
	}
	return w
}

func (pw *pdfWriter) spaceWidth(size float64) float64 {
	return pw.width(&tok{text: " ", size: size})
}

// tokens splits runs of text into words and footnote marks. A space before a word is kept as
// a flag; a footnote mark follows its word with none.
func tokens(in []Inline, size float64, color rgb) []tok {
	var out []tok
	pending := false // a space comes before the next word
	for _, r := range in {
		if r.Text != "" && strings.TrimLeft(r.Text, " ") != r.Text {
			pending = true
		}
		words := strings.Fields(r.Text)
		for i, wd := range words {
			if i > 0 {
				pending = true
			}
			out = append(out, tok{text: wd, bold: r.Strong, size: size, color: color, space: pending && len(out) > 0})
			pending = false
		}
		if len(words) > 0 {
			pending = strings.TrimRight(r.Text, " ") != r.Text
		}
		if len(r.Notes) > 0 {
			var ns []string
			for _, n := range r.Notes {
				ns = append(ns, itoa(n))
			}
			out = append(out, tok{text: strings.Join(ns, ","), size: supSize, color: accent, sup: true})
		}
	}
	return out
}

// lines breaks tokens into lines no wider than width; a word wider than a line (a URL) is
// broken between characters.
func (pw *pdfWriter) lines(ts []tok, width float64) [][]tok {
	var out [][]tok
	var cur []tok
	curW := 0.0
	for _, t := range ts {
		t.w = pw.width(&t)
		sp := 0.0
		if t.space && len(cur) > 0 {
			sp = pw.spaceWidth(t.size)
		}
		if len(cur) > 0 && curW+sp+t.w > width && !t.sup {
			out, cur, curW, sp = append(out, cur), nil, 0, 0
		}
		if t.sup && curW+t.w > width && len(cur) > 1 {
			// A footnote mark stays with its word: both go to the next line.
			last := cur[len(cur)-1]
			last.space = false
			out, cur, curW = append(out, cur[:len(cur)-1]), []tok{last}, last.w
		}
		for t.w > width && len(cur) == 0 {
			head, rest := pw.split(t, width)
			out = append(out, []tok{head})
			t.text, t.space = rest, false
			t.w = pw.width(&t)
		}
		cur = append(cur, t)
		curW += sp + t.w
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// split cuts a token at the last character that fits in width.
func (pw *pdfWriter) split(t tok, width float64) (tok, string) {
	n := 0
	for i := range t.text {
		if i == 0 {
			continue
		}
		h := t
		h.text = t.text[:i]
		if pw.width(&h) > width {
			break
		}
		n = i
	}
	if n == 0 {
		_, n = utf8.DecodeRuneInString(t.text)
	}
	head := t
	head.text = t.text[:n]
	head.w = pw.width(&head)
	return head, t.text[n:]
}

// need starts a new page unless h points fit above the bottom margin.
func (pw *pdfWriter) need(h float64) {
	if pw.page == 0 || pw.y+h > pageH-marginBottom {
		pw.newPage()
	}
}

func (pw *pdfWriter) newPage() {
	pw.pdf.AddPage()
	pw.page++
	pw.y = marginTop
	// Footer: the title and the page number, under a hairline.
	pw.pdf.SetStrokeColor(200, 200, 200)
	pw.pdf.SetLineWidth(0.5)
	pw.pdf.Line(marginL, pageH-marginBottom+22, pageW-marginR, pageH-marginBottom+22)
	title := pw.doc.Title
	if utf8.RuneCountInString(title) > 90 {
		title = string([]rune(title)[:88]) + "…"
	}
	pw.text(marginL, pageH-marginBottom+28, title, false, 7.5, grey)
	num := pw.doc.printer().T("report.page", pw.page)
	pw.font(false, 7.5)
	nw, _ := pw.pdf.MeasureTextWidth(num)
	pw.text(pageW-marginR-nw, pageH-marginBottom+28, num, false, 7.5, grey)
}

func (pw *pdfWriter) text(x, y float64, s string, bold bool, size float64, c rgb) {
	pw.font(bold, size)
	pw.pdf.SetTextColor(c[0], c[1], c[2])
	pw.pdf.SetXY(x, y)
	if err := pw.pdf.Cell(nil, s); err != nil && pw.err == nil {
		pw.err = err
	}
}

// draw writes lines at x from the current y, leading apart, and moves y below them.
func (pw *pdfWriter) draw(lines [][]tok, x, leading float64) {
	for _, ln := range lines {
		pw.need(leading)
		cx := x
		for i, t := range ln {
			if t.space && i > 0 {
				cx += pw.spaceWidth(t.size)
			}
			y := pw.y
			if t.sup {
				y -= 1.2 // the mark's top a little above the line's
			}
			pw.text(cx, y, t.text, t.bold, t.size, t.color)
			if t.href != "" {
				pw.pdf.AddExternalLink(t.href, cx, pw.y, t.w, t.size+2)
			}
			cx += t.w
		}
		pw.y += leading
	}
}

// paragraph writes runs of text as a wrapped paragraph at x, width wide.
func (pw *pdfWriter) paragraph(in []Inline, x, width, size, leading float64, color rgb) {
	pw.draw(pw.lines(tokens(in, size, color), width), x, leading)
}

func (pw *pdfWriter) write() error {
	d := pw.doc
	pw.newPage()
	// Title block: a band, what the report is, the title, the subtitle.
	pw.pdf.SetFillColor(accent[0], accent[1], accent[2])
	pw.pdf.RectFromUpperLeftWithStyle(0, 0, pageW, 10, "F")
	kind := map[string]string{"brief": "CASE BRIEF", "prisoners": "LIST OF PERSECUTED PERSONS", "appeal": "DRAFT APPEAL"}[d.Kind]
	if kind != "" {
		pw.text(marginL, pw.y-18, "DOCKET · "+kind, true, 7.5, grey)
	}
	pw.paragraph([]Inline{{Text: d.Title, Strong: true}}, marginL, textW, 18, 23, accent)
	if d.Subtitle != "" {
		pw.y += 2
		pw.paragraph([]Inline{{Text: d.Subtitle}}, marginL, textW, 10.5, 14, grey)
	}
	if d.Dateline != "" {
		pw.y += 4
		pw.paragraph([]Inline{{Text: d.Dateline, Strong: true}}, marginL, textW, bodySize, bodyLeading, ink)
	}
	pw.y += 8
	for _, s := range d.Sections {
		if s.Heading != "" {
			pw.heading(s.Heading)
		}
		for _, b := range s.Blocks {
			pw.block(b)
		}
	}
	if len(d.Notes) > 0 {
		pw.heading(pw.doc.printer().T("report.sources"))
		for _, n := range d.Notes {
			pw.note(n)
		}
	}
	if d.colophon() != "" {
		pw.y += 10
		pw.paragraph([]Inline{{Text: d.colophon()}}, marginL, textW, 7.5, 10, grey)
	}
	return pw.err
}

// heading writes a section heading with a rule, kept with the two lines after it.
func (pw *pdfWriter) heading(h string) {
	pw.y += 8
	pw.need(20 + 3*bodyLeading)
	pw.text(marginL, pw.y, h, true, 12, accent)
	pw.y += 16
	pw.pdf.SetStrokeColor(accent[0], accent[1], accent[2])
	pw.pdf.SetLineWidth(0.8)
	pw.pdf.Line(marginL, pw.y, pageW-marginR, pw.y)
	pw.y += 7
}

func (pw *pdfWriter) block(b *Block) {
	indent := float64(b.Level) * levelShift
	switch b.Kind {
	case Entry:
		x := marginL + indent
		labelLines := pw.lines(tokens([]Inline{{Text: b.Label, Strong: true}}, 8.8, accent), dateColumn-8)
		textLines := pw.lines(tokens(b.Text, bodySize, ink), textW-indent-dateColumn)
		pw.need(bodyLeading * float64(min(2, max(len(labelLines), len(textLines)))))
		top, page := pw.y, pw.page
		pw.draw(labelLines, x, bodyLeading)
		labelEnd, labelPage := pw.y, pw.page
		if pw.page == page {
			pw.y = top
		}
		pw.draw(textLines, x+dateColumn, bodyLeading)
		if pw.page == labelPage && labelEnd > pw.y {
			pw.y = labelEnd
		}
		pw.y += 4
	case Item:
		x := marginL + indent
		pw.need(bodyLeading)
		pw.text(x+2, pw.y, "•", false, bodySize, accent)
		in := b.Text
		if b.Label != "" {
			in = append([]Inline{{Text: b.Label + ": ", Strong: true}}, in...)
		}
		pw.paragraph(in, x+bulletIndent, textW-indent-bulletIndent, bodySize, bodyLeading, ink)
		pw.y += 3
	default:
		pw.paragraph(b.Text, marginL+indent, textW-indent, bodySize, bodyLeading, ink)
		pw.y += 6
	}
}

// note writes a numbered source: its title, publisher and date, and its URL as a link.
func (pw *pdfWriter) note(n *Note) {
	s := n.Source
	var in []Inline
	var parts []string
	for _, p := range []string{s.Title, s.Publisher} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if s.Published != "" {
		parts = append(parts, n.date(s.Published))
	}
	if len(parts) > 0 {
		in = append(in, Inline{Text: strings.Join(parts, ", ") + " "})
	}
	ts := tokens(in, smallSize, ink)
	if s.URL != "" {
		ts = append(ts, tok{text: s.URL, size: smallSize, color: link, href: s.URL, space: len(ts) > 0})
	}
	if len(ts) == 0 {
		ts = tokens([]Inline{{Text: s.ID}}, smallSize, ink)
	}
	pw.need(smallLeading)
	num := itoa(n.N) + "."
	pw.font(true, smallSize)
	nw, _ := pw.pdf.MeasureTextWidth(num)
	pw.text(marginL+16-nw, pw.y, num, true, smallSize, accent)
	pw.draw(pw.lines(ts, textW-22), marginL+22, smallLeading)
	pw.y += 2.5
}
