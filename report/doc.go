package report

import (
	"strings"

	"github.com/docketorg/docket"
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
}

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
		parts = append(parts, HumanDate(s.Published))
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
	num   map[string]int
	notes []*Note
}

func newCiter(reg *Registry) *citer { return &citer{reg: reg, num: map[string]int{}} }

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
			c.notes = append(c.notes, &Note{N: n, Source: src})
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
	b.WriteString("\nSources\n")
	for _, n := range d.Notes {
		b.WriteString(itoa(n.N) + ". " + n.Text() + "\n")
	}
	return b.String()
}
