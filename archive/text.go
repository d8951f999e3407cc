package archive

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Text extracts readable text from a body of the given media type: HTML without scripts,
// styles and markup, one block a line; plain text as it is. Other types have no text.
func Text(contentType string, body []byte) []byte {
	switch {
	case contentType == "text/html" || contentType == "application/xhtml+xml":
		return htmlText(body)
	case strings.HasPrefix(contentType, "text/"):
		if utf8.Valid(body) {
			return body
		}
	}
	return nil
}

var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.Li: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Tr: true, atom.Blockquote: true, atom.Section: true, atom.Article: true, atom.Title: true,
	atom.Header: true, atom.Footer: true, atom.Pre: true, atom.Table: true, atom.Ul: true, atom.Ol: true,
}

func htmlText(body []byte) []byte {
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		return nil
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style || n.DataAtom == atom.Noscript || n.DataAtom == atom.Template):
			return
		case n.Type == html.TextNode:
			b.WriteString(strings.Join(strings.Fields(n.Data), " "))
			if strings.TrimSpace(n.Data) != "" && strings.HasSuffix(n.Data, " ") {
				b.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && blocks[n.DataAtom] {
			b.WriteByte('\n')
		}
	}
	walk(doc)
	var lines []string
	for _, l := range strings.Split(b.String(), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 {
		return nil
	}
	return []byte(strings.Join(lines, "\n") + "\n")
}
