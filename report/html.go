package report

import (
	"html/template"
	"io"
	"strings"
)

// HTMLOptions say how a report's HTML links.
type HTMLOptions struct {
	// EntityURL returns the address of an entity's page; nil writes no links to entities.
	EntityURL func(id string) string
}

var esc = template.HTMLEscapeString

// reportCSS styles a report, standalone or inside a page: a sober NGO brief.
const reportCSS = `.report{font-family:"DejaVu Sans",system-ui,sans-serif;line-height:1.5;color:#1a1a1a;max-width:48rem}
.report h1{font-size:1.7rem;margin:.2rem 0;color:#7a1010}.report .subtitle{font-size:1.05rem;color:#555;margin:0 0 1rem;text-transform:uppercase;letter-spacing:.05em}
.report h2{font-size:1.15rem;border-bottom:2px solid #7a1010;padding-bottom:.15rem;margin-top:1.6rem}
.report ul{padding-left:1.2rem}.report li{margin:.35rem 0}.report .date{font-weight:bold;color:#7a1010}
.report sup a{text-decoration:none;color:#7a1010}.report ol.sources{font-size:.9em;word-break:break-all}
.report .colophon{color:#666;font-size:.85em;border-top:1px solid #ccc;margin-top:2rem;padding-top:.5rem}`

// HTMLFragment returns a report as an <article>, to be placed in a page.
func HTMLFragment(d *Doc, o HTMLOptions) template.HTML {
	var b strings.Builder
	b.WriteString(`<article class="report report-` + esc(d.Kind) + `">` + "\n<div class=\"report-head\"><h1>" + esc(d.Title) + "</h1>")
	if d.Subtitle != "" {
		b.WriteString(`<p class="subtitle">` + esc(d.Subtitle) + "</p>")
	}
	if d.Dateline != "" {
		b.WriteString(`<p class="dateline">` + esc(d.Dateline) + "</p>")
	}
	b.WriteString("</div>\n")
	for _, s := range d.Sections {
		b.WriteString("<section>")
		if s.Heading != "" {
			b.WriteString("<h2>" + esc(s.Heading) + "</h2>\n")
		}
		depth := -1 // open lists: depth+1 of them
		for _, bl := range s.Blocks {
			if bl.Kind == Para {
				for ; depth >= 0; depth-- {
					b.WriteString("</li></ul>\n")
				}
				b.WriteString("<p>" + htmlInlines(bl.Text, o) + "</p>\n")
				continue
			}
			switch {
			case bl.Level > depth:
				for depth < bl.Level {
					b.WriteString("<ul>")
					depth++
				}
			case bl.Level < depth:
				for depth > bl.Level {
					b.WriteString("</li></ul>")
					depth--
				}
				b.WriteString("</li>")
			default:
				b.WriteString("</li>")
			}
			b.WriteString("\n<li>")
			if bl.Label != "" {
				cls := ""
				if bl.Kind == Entry {
					cls = ` class="date"`
				}
				b.WriteString("<span" + cls + ">" + esc(bl.Label) + "</span> — ")
			}
			b.WriteString(htmlInlines(bl.Text, o))
		}
		for ; depth >= 0; depth-- {
			b.WriteString("</li></ul>\n")
		}
		b.WriteString("</section>\n")
	}
	if len(d.Notes) > 0 {
		b.WriteString("<section><h2>" + esc(d.printer().T("report.sources")) + "</h2>\n<ol class=\"sources\">\n")
		for _, n := range d.Notes {
			b.WriteString(`<li id="source-` + itoa(n.N) + `">`)
			s := n.Source
			var parts []string
			for _, p := range []string{s.Title, s.Publisher} {
				if p != "" {
					parts = append(parts, esc(p))
				}
			}
			if s.Published != "" {
				parts = append(parts, esc(n.date(s.Published)))
			}
			if s.URL != "" {
				parts = append(parts, `<a href="`+esc(s.URL)+`" rel="noopener noreferrer">`+esc(s.URL)+"</a>")
			}
			if len(parts) == 0 {
				parts = append(parts, esc(s.ID))
			}
			b.WriteString(strings.Join(parts, ", ") + "</li>\n")
		}
		b.WriteString("</ol></section>\n")
	}
	if d.colophon() != "" {
		b.WriteString(`<p class="colophon">` + esc(d.colophon()) + "</p>\n")
	}
	b.WriteString("</article>\n")
	// Every piece of text above is escaped; the markup is ours.
	return template.HTML(b.String())
}

func htmlInlines(in []Inline, o HTMLOptions) string {
	var b strings.Builder
	for _, r := range in {
		t := esc(r.Text)
		if r.Href != "" && o.EntityURL != nil {
			t = `<a href="` + esc(o.EntityURL(r.Href)) + `">` + t + "</a>"
		}
		if r.Strong {
			t = "<strong>" + t + "</strong>"
		}
		b.WriteString(t)
		if len(r.Notes) > 0 {
			b.WriteString("<sup>")
			for i, n := range r.Notes {
				if i > 0 {
					b.WriteString(",")
				}
				b.WriteString(`<a href="#source-` + itoa(n) + `">` + itoa(n) + "</a>")
			}
			b.WriteString("</sup>")
		}
	}
	return b.String()
}

// WriteHTML writes a report as a standalone HTML document.
func WriteHTML(w io.Writer, d *Doc, o HTMLOptions) error {
	_, err := io.WriteString(w, `<!doctype html>
<html lang="`+esc(d.printer().Lang)+`">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>`+esc(d.Title)+`</title>
<style>body{margin:2rem auto;max-width:50rem;padding:0 1rem}`+"\n"+reportCSS+`</style>
</head>
<body>
`+string(HTMLFragment(d, o))+`</body>
</html>
`)
	return err
}

// CSS returns the style sheet of reports, for pages that embed HTMLFragment.
func CSS() template.CSS { return template.CSS(reportCSS) }
