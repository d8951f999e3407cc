package report

import (
	"strconv"
	"strings"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/locale"
)

// Doc is a published report: a brief, a list, an appeal. The encoders (HTML, Markdown, PDF)
// write the same Doc, so every format says the same thing with the same footnotes.
type Doc struct {
	Kind     string     `json:"kind"` // brief, prisoners, appeal
	Title    string     `json:"title"`
	Subtitle string     `json:"subtitle,omitempty"`
	Dateline string     `json:"dateline,omitempty"` // the appeal's place and date, to fill in
	Sections []*Section `json:"sections"`
	Notes    []*Note    `json:"notes"`
	Colophon string     `json:"colophon"` // what the report is and what it holds
	Lang     string     `json:"lang"`     // the language it is written in
	// Made and AsOf say when the report was made and the registry's state it shows: the
	// sequence number of the last change of the change log it read (0: not said).
	Made time.Time `json:"made,omitzero"`
	AsOf int64     `json:"as_of,omitempty"`
}

// printer returns the printer of the document's language.
func (d *Doc) printer() *locale.Printer { return locale.Get(d.Lang) }

// Stamp says when the document was made and the state of the registry it shows, as its
// colophon then tells (see Made).
func (d *Doc) Stamp(made time.Time, asOf int64) { d.Made, d.AsOf = made.UTC(), asOf }

// colophon is what the document says of itself at its end: what it holds, and when it was
// made of which state of the registry.
func (d *Doc) colophon() string {
	if pv := d.Provenance(); pv != "" {
		return strings.TrimSpace(d.Colophon + " " + pv)
	}
	return d.Colophon
}

// Provenance is the line that says when the document was made and of which state of the
// registry, in its language; "" when it was not stamped.
func (d *Doc) Provenance() string {
	if d.Made.IsZero() {
		return ""
	}
	p := d.printer()
	return p.T("report.made", p.Date(d.Made.Format("2006-01-02")), d.Made.Format("15:04"), d.AsOf)
}

// Section is a headed part of a report.
type Section struct {
	Heading string   `json:"heading,omitempty"`
	Blocks  []*Block `json:"blocks"`
}

// Block kinds.
const (
	Para  = "para"  // a paragraph
	Entry = "entry" // a timeline entry: Label is its date
	Item  = "item"  // a list item; Label, if any, is shown before it in bold
)

// Block is a paragraph, a timeline entry or a list item.
type Block struct {
	Kind  string   `json:"kind"`
	Label string   `json:"label,omitempty"`
	Text  []Inline `json:"text"`
	Level int      `json:"level,omitempty"` // indentation of a nested item
}

// Inline is a run of text with its footnotes.
type Inline struct {
	Text   string `json:"text"`
	Strong bool   `json:"strong,omitempty"`
	Href   string `json:"href,omitempty"` // an entity id to link to, where the format links
	Notes  []int  `json:"notes,omitempty"`
}

// Note is a numbered footnote: a source in order of first citation.
type Note struct {
	N      int            `json:"n"`
	Source *docket.Source `json:"source"`
	lang   string         // of the document that cites it
}

// date writes a date of the source in the language of the document that cites it.
func (n *Note) date(s string) string { return locale.Get(n.lang).Date(s) }

// Text returns the note as one line: title, publisher, date and URL.
func (n *Note) Text() string {
	s := n.Source
	var parts []string
	if s.Title != "" {
		parts = append(parts, s.Title)
	}
	if s.Publisher != "" {
		parts = append(parts, s.Publisher)
	}
	if s.Published != "" {
		parts = append(parts, n.date(s.Published))
	}
	if s.URL != "" {
		parts = append(parts, s.URL)
	}
	if len(parts) == 0 {
		return s.ID
	}
	return strings.Join(parts, ", ")
}

// citer numbers sources in order of first citation, as a press release does.
type citer struct {
	reg   *Registry
	lang  string
	num   map[string]int
	notes []*Note
}

func newCiter(reg *Registry, lang string) *citer {
	return &citer{reg: reg, lang: lang, num: map[string]int{}}
}

// cite returns the footnote numbers of the statements' sources, numbering new ones.
// Statements without a source or whose source the viewer may not see are not cited.
func (c *citer) cite(ss ...*docket.Statement) []int {
	var out []int
	for _, s := range ss {
		if s == nil || s.Source == "" {
			continue
		}
		n, ok := c.num[s.Source]
		if !ok {
			src := c.reg.Source(s.Source)
			if src == nil {
				continue
			}
			n = len(c.notes) + 1
			c.num[s.Source] = n
			c.notes = append(c.notes, &Note{N: n, Source: src, lang: c.lang})
		}
		if !containsInt(out, n) {
			out = append(out, n)
		}
	}
	return out
}

func containsInt(list []int, n int) bool {
	for _, x := range list {
		if x == n {
			return true
		}
	}
	return false
}

// para builds a block from runs.
type para struct {
	kind, label string
	level       int
	text        []Inline
}

func (p *para) add(text string, notes ...int) *para {
	if text == "" {
		return p
	}
	p.text = append(p.text, Inline{Text: text, Notes: notes})
	return p
}

func (p *para) strong(text string, notes ...int) *para {
	if text == "" {
		return p
	}
	p.text = append(p.text, Inline{Text: text, Strong: true, Notes: notes})
	return p
}

func (p *para) link(text, id string, notes ...int) *para {
	if text == "" {
		return p
	}
	p.text = append(p.text, Inline{Text: text, Href: id, Notes: notes})
	return p
}

func (p *para) block() *Block {
	return &Block{Kind: p.kind, Label: p.label, Level: p.level, Text: p.text}
}

func (p *para) empty() bool { return len(p.text) == 0 }

// sentence ends a run of text with a full stop unless it has one.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") {
		return s
	}
	return s + "."
}

// PlainText returns the document as plain text with footnote marks, for tests and search.
func (d *Doc) PlainText() string {
	var b strings.Builder
	b.WriteString(d.Title + "\n")
	if d.Subtitle != "" {
		b.WriteString(d.Subtitle + "\n")
	}
	for _, s := range d.Sections {
		if s.Heading != "" {
			b.WriteString("\n" + s.Heading + "\n")
		}
		for _, bl := range s.Blocks {
			if bl.Label != "" {
				b.WriteString(bl.Label + ": ")
			}
			for _, in := range bl.Text {
				b.WriteString(in.Text)
				for _, n := range in.Notes {
					b.WriteString("[" + itoa(n) + "]")
				}
			}
			b.WriteString("\n")
		}
	}
	b.WriteString("\n" + d.printer().T("report.sources") + "\n")
	for _, n := range d.Notes {
		b.WriteString(itoa(n.N) + ". " + n.Text() + "\n")
	}
	if c := d.colophon(); c != "" {
		b.WriteString("\n" + c + "\n")
	}
	return b.String()
}

// say adds a message of the catalog whose verbs (%s, or %[n]s to reorder them) stand for runs
// that args add: a sentence keeps the word order of its language, and each run its footnotes
// and link. A message without the key's verbs adds only its text.
func (p *para) say(pr *locale.Printer, key string, args ...func(*para)) *para {
	msg := pr.T(key)
	next := 0
	for msg != "" {
		i := strings.IndexByte(msg, '%')
		if i < 0 || i == len(msg)-1 {
			p.add(msg)
			break
		}
		p.add(msg[:i])
		rest := msg[i+1:]
		if rest[0] == '%' {
			p.add("%")
			msg = rest[1:]
			continue
		}
		n := next
		if rest[0] == '[' {
			if j := strings.IndexByte(rest, ']'); j > 0 {
				if k, err := strconv.Atoi(rest[1:j]); err == nil {
					n, rest = k-1, rest[j+1:]
				}
			}
		}
		if rest == "" {
			break
		}
		if n >= 0 && n < len(args) && args[n] != nil {
			args[n](p)
		}
		next = n + 1
		msg = rest[1:] // the verb
	}
	return p
}

// text returns a run of plain text with footnotes, for say.
func text(s string, notes ...int) func(*para) { return func(p *para) { p.add(s, notes...) } }

// marks returns a run of footnote marks alone, for say.
func marks(notes ...int) func(*para) {
	return func(p *para) {
		if len(notes) > 0 {
			p.text = append(p.text, Inline{Notes: notes})
		}
	}
}

// bold returns a run of strong text with footnotes, for say.
func bold(s string, notes ...int) func(*para) { return func(p *para) { p.strong(s, notes...) } }

// linked returns a run linking to an entity, for say.
func linked(s, id string, notes ...int) func(*para) { return func(p *para) { p.link(s, id, notes...) } }
