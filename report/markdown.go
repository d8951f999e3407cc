package report

import (
	"bufio"
	"io"
	"strings"
)

// mdEscaper escapes the characters Markdown would read as markup.
var mdEscaper = strings.NewReplacer(`\`, `\\`, `*`, `\*`, `_`, `\_`, "`", "\\`", `[`, `\[`, `]`, `\]`, `<`, `&lt;`, `>`, `&gt;`, `#`, `\#`, `|`, `\|`)

// WriteMarkdown writes a report as Markdown (CommonMark with footnote marks as superscript
// numbers in brackets, and the sources as a numbered list).
func WriteMarkdown(w io.Writer, d *Doc) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("# " + mdEscaper.Replace(d.Title) + "\n\n")
	if d.Subtitle != "" {
		bw.WriteString("*" + mdEscaper.Replace(d.Subtitle) + "*\n\n")
	}
	if d.Dateline != "" {
		bw.WriteString(mdEscaper.Replace(d.Dateline) + "\n\n")
	}
	for _, s := range d.Sections {
		if s.Heading != "" {
			bw.WriteString("## " + mdEscaper.Replace(s.Heading) + "\n\n")
		}
		for i, b := range s.Blocks {
			indent := strings.Repeat("  ", b.Level)
			switch b.Kind {
			case Entry:
				bw.WriteString(indent + "- **" + mdEscaper.Replace(b.Label) + "** — " + mdInlines(b.Text) + "\n")
			case Item:
				bw.WriteString(indent + "- ")
				if b.Label != "" {
					bw.WriteString("**" + mdEscaper.Replace(b.Label) + "** ")
				}
				bw.WriteString(mdInlines(b.Text) + "\n")
			default:
				bw.WriteString(mdInlines(b.Text) + "\n\n")
			}
			if b.Kind != Para && (i == len(s.Blocks)-1 || s.Blocks[i+1].Kind == Para) {
				bw.WriteString("\n")
			}
		}
	}
	if len(d.Notes) > 0 {
		bw.WriteString("## " + mdEscaper.Replace(d.printer().T("report.sources")) + "\n\n")
		for _, n := range d.Notes {
			bw.WriteString(itoa(n.N) + ". " + mdNote(n) + "\n")
		}
		bw.WriteString("\n")
	}
	if d.colophon() != "" {
		bw.WriteString("---\n\n*" + mdEscaper.Replace(d.colophon()) + "*\n")
	}
	return bw.Flush()
}

func mdInlines(in []Inline) string {
	var b strings.Builder
	for _, r := range in {
		t := mdEscaper.Replace(r.Text)
		if r.Strong && strings.TrimSpace(t) != "" {
			lead, trail := t[:len(t)-len(strings.TrimLeft(t, " "))], t[len(strings.TrimRight(t, " ")):]
			t = lead + "**" + strings.TrimSpace(t) + "**" + trail
		}
		b.WriteString(t)
		if len(r.Notes) > 0 {
			b.WriteString("<sup>")
			for i, n := range r.Notes {
				if i > 0 {
					b.WriteString(",")
				}
				b.WriteString("[" + itoa(n) + "](#source-" + itoa(n) + ")")
			}
			b.WriteString("</sup>")
		}
	}
	return strings.TrimSpace(b.String())
}

func mdNote(n *Note) string {
	s := n.Source
	var parts []string
	for _, p := range []string{s.Title, s.Publisher} {
		if p != "" {
			parts = append(parts, mdEscaper.Replace(p))
		}
	}
	if s.Published != "" {
		parts = append(parts, n.date(s.Published))
	}
	if s.URL != "" {
		parts = append(parts, "<"+s.URL+">")
	}
	if len(parts) == 0 {
		parts = append(parts, mdEscaper.Replace(s.ID))
	}
	return `<a id="source-` + itoa(n.N) + `"></a>` + strings.Join(parts, ", ")
}
