package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/docketorg/docket"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/encoding/charmap"
)

// MaxInput caps the size of a document given to [Text]: press releases, articles and court
// papers are far smaller, and a larger input is more likely a mistake than a document.
const MaxInput = 20 << 20

// PDFTimeout bounds the run of pdftotext on one document.
var PDFTimeout = 30 * time.Second

// Format is the format of a document as [Text] detected it.
type Format string

// Formats.
const (
	FormatText Format = "text"
	FormatHTML Format = "html"
	FormatPDF  Format = "pdf"
)

// Document is a document turned into text.
type Document struct {
	Text     string // UTF-8, NFC as written; offsets of proposals count its characters
	Title    string // the HTML title, or ""
	Format   Format
	Encoding string // the character set the bytes were read in: utf-8, windows-1251, koi8-r, windows-1252
}

// Text turns a document into plain text: UTF-8 text as it is (Windows-1251 and KOI8-R Russian
// text, and other single-byte text, converted), HTML without scripts, styles and markup with one
// block a line, PDF through pdftotext from poppler-utils. name (a file name or URL) only helps
// to tell the format; the bytes decide where they are clear. Empty input, binary junk, a
// broken PDF and input over [MaxInput] are errors that say so.
func Text(name string, data []byte) (string, error) {
	d, err := Read(name, data)
	if err != nil {
		return "", err
	}
	return d.Text, nil
}

// Read is [Text] with what was learnt on the way: the format, the encoding and an HTML title.
func Read(name string, data []byte) (*Document, error) {
	if len(data) > MaxInput {
		return nil, docket.Errorf(docket.ETOOLARGE, "%s is %d bytes, over the limit of %d MB for a document", display(name), len(data), MaxInput>>20)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, docket.Errorf(docket.EINVALID, "%s is empty", display(name))
	}
	ext := strings.ToLower(filepath.Ext(name))
	if i := strings.IndexAny(ext, "?#"); i >= 0 {
		ext = ext[:i]
	}
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return readPDF(name, data)
	case ext == ".pdf":
		return nil, docket.Errorf(docket.EINVALID, "%s is not a PDF: it does not start with %%PDF-", display(name))
	}
	s, enc, err := decode(name, data)
	if err != nil {
		return nil, err
	}
	if ext == ".html" || ext == ".htm" || ext == ".xhtml" || looksHTML(s) {
		text, title := htmlText(s)
		if strings.TrimSpace(text) == "" {
			return nil, docket.Errorf(docket.EINVALID, "%s: the HTML has no text outside scripts, styles and markup", display(name))
		}
		return &Document{Text: text, Title: title, Format: FormatHTML, Encoding: enc}, nil
	}
	return &Document{Text: normalizeNewlines(s), Format: FormatText, Encoding: enc}, nil
}

func display(name string) string {
	if name == "" {
		return "the document"
	}
	return name
}

// decode returns data as UTF-8 with the name of the encoding it was read in, or an error for
// bytes that are not text.
func decode(name string, data []byte) (string, string, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")) {
		return "", "", docket.Errorf(docket.EINVALID, "%s is UTF-16 text: save it as UTF-8", display(name))
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", "", docket.Errorf(docket.EINVALID, "%s is binary, not text (it holds NUL bytes)", display(name))
	}
	enc := "utf-8"
	var s string
	if utf8.Valid(data) {
		s = string(data)
	} else {
		var cm *charmap.Charmap
		cm, enc = guessCharmap(data)
		b, err := cm.NewDecoder().Bytes(data)
		if err != nil {
			return "", "", docket.Errorf(docket.EINVALID, "%s: cannot read it as %s: %v", display(name), enc, err)
		}
		s = string(b)
	}
	if bad := controlShare(s); bad > 0.002 {
		return "", "", docket.Errorf(docket.EINVALID, "%s is binary, not text (%.1f%% of its characters are control codes)", display(name), 100*bad)
	}
	return s, enc, nil
}

// guessCharmap tells Windows-1251 from KOI8-R (and from Western single-byte text) by where the
// high bytes fall: both put Cyrillic letters in 0xC0-0xFF, but Windows-1251 puts the lower
// case in 0xE0-0xFF and KOI8-R the upper case, and Russian text is mostly lower case.
func guessCharmap(data []byte) (*charmap.Charmap, string) {
	var high, letters, upper int
	for _, c := range data {
		switch {
		case c >= 0xE0:
			letters++
			upper++
		case c >= 0xC0:
			letters++
		}
		if c >= 0x80 {
			high++
		}
	}
	if high > 0 && letters*10 < high*7 {
		return charmap.Windows1252, "windows-1252"
	}
	if upper*2 >= letters {
		return charmap.Windows1251, "windows-1251"
	}
	return charmap.KOI8R, "koi8-r"
}

// controlShare returns the share of characters that no text has: control codes other than
// tab, newline, carriage return and form feed, and the replacement character.
func controlShare(s string) float64 {
	var n, bad int
	for _, r := range s {
		n++
		if r == utf8.RuneError || (unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' && r != '\f') {
			bad++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(bad) / float64(n)
}

func normalizeNewlines(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

func looksHTML(s string) bool {
	head := s
	if len(head) > 1024 {
		head = head[:1024]
	}
	head = strings.ToLower(strings.TrimSpace(head))
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") ||
		strings.HasPrefix(head, "<?xml") && strings.Contains(head, "<html") ||
		strings.Contains(head, "<body") || strings.Contains(head, "<head>")
}

// htmlBlocks end a line of text.
var htmlBlocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.Li: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Tr: true, atom.Blockquote: true, atom.Section: true,
	atom.Article: true, atom.Header: true, atom.Footer: true, atom.Pre: true, atom.Table: true, atom.Ul: true,
	atom.Ol: true, atom.Dd: true, atom.Dt: true, atom.Figcaption: true, atom.Aside: true, atom.Main: true,
	atom.Nav: true, atom.Hr: true, atom.Address: true, atom.Td: true, atom.Th: true,
}

// htmlSkipped hold no text of the document.
var htmlSkipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Svg: true,
	atom.Math: true, atom.Iframe: true, atom.Object: true, atom.Head: true, atom.Select: true,
	atom.Button: true, atom.Canvas: true,
}

// htmlText renders HTML as text: paragraphs apart by a blank line, list items numbered as
// the browser numbers them, and the address of a link in a list item (where footnotes and
// endnotes live) after its text, so that footnote URLs are in the text.
func htmlText(s string) (text, title string) {
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return "", ""
	}
	var b strings.Builder
	// A table's row is a line, its cells apart by " | ", so that extraction reads a row as
	// one record and knows each cell's column; blocks inside a cell stay on its line.
	inCell := 0
	block := func() {
		if inCell > 0 {
			b.WriteByte(' ')
		} else {
			b.WriteString("\n\n")
		}
	}
	var walk func(n *html.Node, inItem bool)
	walk = func(n *html.Node, inItem bool) {
		if n.Type == html.ElementNode && (n.DataAtom == atom.Td || n.DataAtom == atom.Th) {
			if inCell == 0 {
				for c := n.PrevSibling; c != nil; c = c.PrevSibling {
					if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) {
						b.WriteString(" | ")
						break
					}
				}
			}
			inCell++
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c, inItem)
			}
			inCell--
			return
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Tr && inCell == 0 {
			b.WriteString("\n")
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c, inItem)
			}
			b.WriteString("\n")
			return
		}
		if n.Type == html.ElementNode {
			if n.DataAtom == atom.Head {
				if t := findElement(n, atom.Title); t != nil && title == "" {
					title = strings.Join(strings.Fields(nodeText(t)), " ")
				}
			}
			if htmlSkipped[n.DataAtom] || chrome(n) {
				return
			}
			if htmlBlocks[n.DataAtom] {
				block()
			}
			switch n.DataAtom {
			case atom.Li:
				inItem = true
				if p := n.Parent; p != nil && p.DataAtom == atom.Ol {
					num := 1
					if st, err := strconv.Atoi(attr(p, "start")); err == nil {
						num = st
					}
					for c := p.FirstChild; c != nil && c != n; c = c.NextSibling {
						if c.Type == html.ElementNode && c.DataAtom == atom.Li {
							num++
						}
					}
					fmt.Fprintf(&b, "%d. ", num)
				}
			case atom.Img:
				if alt := strings.TrimSpace(attr(n, "alt")); alt != "" && inItem {
					b.WriteString(alt)
				}
			}
		}
		if n.Type == html.TextNode {
			t := strings.Join(strings.Fields(n.Data), " ")
			if t != "" {
				if startsWithSpace(n.Data) {
					b.WriteByte(' ')
				}
				b.WriteString(t)
				if endsWithSpace(n.Data) {
					b.WriteByte(' ')
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inItem)
		}
		if n.Type == html.ElementNode {
			if n.DataAtom == atom.A && inItem {
				if href := strings.TrimSpace(attr(n, "href")); (strings.HasPrefix(href, "http://") || strings.HasPrefix(href, "https://")) && !strings.Contains(nodeText(n), href) {
					b.WriteString(" " + href + " ")
				}
			}
			if htmlBlocks[n.DataAtom] {
				block()
			}
		}
	}
	walk(doc, false)
	// Tidy: trim lines, collapse runs of spaces and of blank lines.
	var out strings.Builder
	blank := true
	for _, l := range strings.Split(b.String(), "\n") {
		l = strings.Join(strings.Fields(l), " ")
		if l == "" {
			if !blank {
				out.WriteByte('\n')
			}
			blank = true
			continue
		}
		if !blank {
			out.WriteByte('\n')
		}
		out.WriteString(l)
		out.WriteByte('\n')
		blank = false
	}
	text = strings.TrimSpace(out.String())
	if text != "" {
		text += "\n"
	}
	if title != "" && !strings.HasPrefix(text, title) {
		text = title + "\n\n" + text
	}
	return text, title
}

// chromeWords name, in a class or an id, the parts of a page around its story: menus, lists
// of other stories, sharing buttons, tags, comments, cookie notices.
var chromeWords = wordSet(`nav navbar navigation menu breadcrumb breadcrumbs sidebar widget widgets related popular
	trending recommended more share sharing social tags tagcloud comments comment cookie cookies consent newsletter
	subscribe subscription promo banner advert ads newsfeed`)

// chrome reports an element that is no part of a page's story: a navigation block, an aside
// outside the article, or an element whose class or id is a word of chromeWords ("post-
// navigation", "widget-area", "related-links"). Other stories' headlines in them name people
// and dates that are not the story's.
func chrome(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Nav:
		return true
	case atom.Aside:
		for p := n.Parent; p != nil; p = p.Parent {
			if p.DataAtom == atom.Article {
				return false
			}
		}
		return true
	case atom.Html, atom.Body, atom.Main, atom.Article:
		return false
	}
	for _, v := range []string{attr(n, "class"), attr(n, "id")} {
		for _, w := range strings.FieldsFunc(strings.ToLower(v), func(r rune) bool { return r == ' ' || r == '-' || r == '_' }) {
			if chromeWords[w] {
				return true
			}
		}
	}
	return false
}

func startsWithSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

func endsWithSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsSpace(r)
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func findElement(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findElement(c, a); f != nil {
			return f
		}
	}
	return nil
}

func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && htmlSkipped[n.DataAtom] && n.DataAtom != atom.Head {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// ErrNoPDFTool is returned when pdftotext, from Debian's poppler-utils, is not installed.
var ErrNoPDFTool = errors.New("pdftotext is not installed: install poppler-utils (apt-get install poppler-utils) to read PDF documents")

// readPDF runs pdftotext -layout -enc UTF-8 on the PDF, with a time-out.
func readPDF(name string, data []byte) (*Document, error) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		return nil, ErrNoPDFTool
	}
	dir, err := os.MkdirTemp("", "docket-pdf-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), PDFTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-layout", "-enc", "UTF-8", in, "-")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	if ctx.Err() != nil {
		return nil, docket.Errorf(docket.EINVALID, "%s: pdftotext took longer than %s", display(name), PDFTimeout)
	}
	if err != nil {
		why := "pdftotext could not read it (" + err.Error() + ")"
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			why = firstLine(msg)
		}
		return nil, docket.Errorf(docket.EINVALID, "%s is a broken or unreadable PDF: %s", display(name), why)
	}
	if stdout.Len() > MaxInput {
		return nil, docket.Errorf(docket.ETOOLARGE, "%s: its text is over the limit of %d MB", display(name), MaxInput>>20)
	}
	if !utf8.Valid(stdout.Bytes()) {
		return nil, docket.Errorf(docket.EINVALID, "%s: pdftotext gave text that is not UTF-8", display(name))
	}
	text := JoinPages(normalizeNewlines(stdout.String()))
	if strings.TrimSpace(text) == "" {
		return nil, docket.Errorf(docket.EINVALID, "%s: the PDF has no text layer (a scan? Docket does not read images)", display(name))
	}
	return &Document{Text: text, Format: FormatPDF, Encoding: "utf-8"}, nil
}

// JoinPages replaces pdftotext's page breaks (form feeds): a paragraph break, but a line
// break where a sentence runs on across the page ("Judge Saidmurod" | "Rahimzoda of the
// court sentenced her"), so that a name or a sentence is not cut in two.
func JoinPages(s string) string {
	if !strings.Contains(s, "\f") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.IndexByte(s, '\f')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		before := strings.TrimRight(s[:i], " \n")
		after := strings.TrimLeft(s[i+1:], " ")
		b.WriteString(s[:i])
		r, _ := utf8.DecodeLastRuneInString(before)
		next, _ := utf8.DecodeRuneInString(after)
		if before != "" && after != "" && next != '\n' && (unicode.IsLetter(r) || r == ',') {
			if !strings.HasSuffix(s[:i], "\n") {
				b.WriteByte('\n')
			}
		} else {
			b.WriteByte('\n')
		}
		s = s[i+1:]
	}
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
