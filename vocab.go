package docket

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// The vocabularies are data, not code: one TSV file each under vocab/, and one file per
// country's criminal code under vocab/codes/, every entry with its source.
//
//go:embed vocab
var vocabFS embed.FS

// Term is one entry of a vocabulary.
type Term struct {
	ID   string `json:"id"`
	En   string `json:"en"`
	Ru   string `json:"ru,omitempty"`
	Note string `json:"note,omitempty"`
}

// Label returns the term's label in lang, falling back to English.
func (t Term) Label(lang string) string {
	if lang == "ru" && t.Ru != "" {
		return t.Ru
	}
	return t.En
}

// Code is a country's criminal code, with the articles Docket knows and where they come from.
type Code struct {
	ID       string    `json:"id"`
	Title    string    `json:"title"`
	Country  string    `json:"country"`
	Source   string    `json:"source"`
	Articles []Article `json:"articles"`
}

// Article is one article of a criminal code. Source is the code's official text.
type Article struct {
	Number string `json:"number"`
	En     string `json:"en"`
	Ru     string `json:"ru,omitempty"`
	Note   string `json:"note,omitempty"`
	Source string `json:"source"`
}

// Vocabularies holds every vocabulary by name and every criminal code by id.
type Vocabularies struct {
	lists map[string][]Term
	codes map[string]*Code
}

// Vocab is the vocabularies shipped in the binary.
var Vocab = mustLoadVocab(vocabFS)

func mustLoadVocab(fsys fs.FS) *Vocabularies {
	v, err := LoadVocabularies(fsys)
	if err != nil {
		panic(err)
	}
	return v
}

// LoadVocabularies reads vocab/*.tsv and vocab/codes/*.tsv from fsys.
func LoadVocabularies(fsys fs.FS) (*Vocabularies, error) {
	v := &Vocabularies{lists: map[string][]Term{}, codes: map[string]*Code{}}
	lists, _ := fs.Glob(fsys, "vocab/*.tsv")
	for _, name := range lists {
		_, rows, err := readTSV(fsys, name)
		if err != nil {
			return nil, err
		}
		var terms []Term
		for _, r := range rows {
			terms = append(terms, Term{ID: r[0], En: r[1], Ru: r[2], Note: r[3]})
		}
		v.lists[strings.TrimSuffix(path.Base(name), ".tsv")] = terms
	}
	codes, _ := fs.Glob(fsys, "vocab/codes/*.tsv")
	for _, name := range codes {
		head, rows, err := readTSV(fsys, name)
		if err != nil {
			return nil, err
		}
		c := &Code{ID: head["code"], Title: head["title"], Country: head["country"], Source: head["source"]}
		if c.ID == "" || c.Source == "" {
			return nil, fmt.Errorf("%s: a code needs '# code:' and '# source:' lines", name)
		}
		for _, r := range rows {
			c.Articles = append(c.Articles, Article{Number: r[0], En: r[1], Ru: r[2], Note: r[3], Source: c.Source})
		}
		v.codes[c.ID] = c
	}
	return v, nil
}

// readTSV reads "# key: value" header comments, skips the column-name line and returns rows
// padded to four columns.
func readTSV(fsys fs.FS, name string) (map[string]string, [][]string, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	head := map[string]string{}
	var rows [][]string
	sc := bufio.NewScanner(f)
	for n, seenColumns := 1, false; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			if k, val, ok := strings.Cut(strings.TrimSpace(line[1:]), ":"); ok && !strings.Contains(k, " ") {
				head[k] = strings.TrimSpace(val)
			}
			continue
		} else if strings.TrimSpace(line) == "" {
			continue
		} else if !seenColumns {
			seenColumns = true
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) > 4 || cols[0] == "" {
			return nil, nil, fmt.Errorf("%s:%d: want 1 to 4 tab-separated columns with an id first", name, n)
		}
		for len(cols) < 4 {
			cols = append(cols, "")
		}
		rows = append(rows, cols)
	}
	return head, rows, sc.Err()
}

// Terms returns the terms of the named vocabulary, in file order.
func (v *Vocabularies) Terms(name string) []Term { return v.lists[name] }

// Names returns the names of all vocabularies.
func (v *Vocabularies) Names() []string {
	var names []string
	for n := range v.lists {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// IDs returns the term ids of the named vocabulary.
func (v *Vocabularies) IDs(name string) []string {
	var ids []string
	for _, t := range v.lists[name] {
		ids = append(ids, t.ID)
	}
	return ids
}

// Term returns the term with the id, if the vocabulary has it.
func (v *Vocabularies) Term(name, id string) (Term, bool) {
	for _, t := range v.lists[name] {
		if t.ID == id {
			return t, true
		}
	}
	return Term{}, false
}

// Code returns the criminal code with the id.
func (v *Vocabularies) Code(id string) (*Code, bool) {
	c, ok := v.codes[id]
	return c, ok
}

// Codes returns every criminal code, by id.
func (v *Vocabularies) Codes() []*Code {
	var cs []*Code
	for _, c := range v.codes {
		cs = append(cs, c)
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].ID < cs[j].ID })
	return cs
}

// Article finds an article of a code by its number ("179"; a part such as "ч. 2" is given
// apart, in the charge's part property).
func (c *Code) Article(number string) (Article, bool) {
	for _, a := range c.Articles {
		if a.Number == number {
			return a, true
		}
	}
	return Article{}, false
}
