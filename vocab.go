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
	Kk   string `json:"kk,omitempty"`
	Note string `json:"note,omitempty"`
}

// Label returns the term's label in lang, falling back to English.
func (t Term) Label(lang string) string { return label(lang, t.En, t.Ru, t.Kk) }

// label picks the text of lang among the English, Russian and Kazakh ones. Kazakh falls back to
// Russian, which every reader of a Kazakh page in the region reads, before English.
func label(lang, en, ru, kk string) string {
	switch {
	case lang == "kk" && kk != "":
		return kk
	case (lang == "ru" || lang == "kk") && ru != "":
		return ru
	}
	return en
}

// Code is a country's criminal code, with the articles Docket knows and where they come from.
type Code struct {
	ID       string    `json:"id"`
	Title    string    `json:"title"`
	TitleRu  string    `json:"title_ru,omitempty"`
	TitleKk  string    `json:"title_kk,omitempty"`
	Country  string    `json:"country"`
	Source   string    `json:"source"`
	Articles []Article `json:"articles"`
}

// Article is one article of a criminal code. Source is the code's official text.
type Article struct {
	Number string `json:"number"`
	En     string `json:"en"`
	Ru     string `json:"ru,omitempty"`
	Kk     string `json:"kk,omitempty"`
	Note   string `json:"note,omitempty"`
	Source string `json:"source"`
}

// Label returns the article's title in lang, falling back as Term.Label does.
func (a Article) Label(lang string) string { return label(lang, a.En, a.Ru, a.Kk) }

// TitleIn returns the code's title in lang, falling back as Term.Label does.
func (c *Code) TitleIn(lang string) string { return label(lang, c.Title, c.TitleRu, c.TitleKk) }

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
			terms = append(terms, Term{ID: r["id"], En: r["en"], Ru: r["ru"], Kk: r["kk"], Note: r["note"]})
		}
		v.lists[strings.TrimSuffix(path.Base(name), ".tsv")] = terms
	}
	codes, _ := fs.Glob(fsys, "vocab/codes/*.tsv")
	for _, name := range codes {
		head, rows, err := readTSV(fsys, name)
		if err != nil {
			return nil, err
		}
		c := &Code{ID: head["code"], Title: head["title"], TitleRu: head["title.ru"], TitleKk: head["title.kk"], Country: head["country"], Source: head["source"]}
		if c.ID == "" || c.Source == "" {
			return nil, fmt.Errorf("%s: a code needs '# code:' and '# source:' lines", name)
		}
		for _, r := range rows {
			c.Articles = append(c.Articles, Article{Number: r["article"], En: r["en"], Ru: r["ru"], Kk: r["kk"], Note: r["note"], Source: c.Source})
		}
		v.codes[c.ID] = c
	}
	return v, nil
}

// tsvColumns are the columns a vocabulary file may have; the first is its id.
var tsvColumns = map[string]bool{"id": true, "article": true, "en": true, "ru": true, "kk": true, "note": true}

// readTSV reads "# key: value" header comments and the rows, by the names of the column-name
// line (id or article, en, ru, kk, note: any of them, in any order), so that a language is one
// more column.
func readTSV(fsys fs.FS, name string) (map[string]string, []map[string]string, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	head := map[string]string{}
	var cols []string
	var rows []map[string]string
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			if k, val, ok := strings.Cut(strings.TrimSpace(line[1:]), ":"); ok && !strings.Contains(k, " ") {
				head[k] = strings.TrimSpace(val)
			}
			continue
		} else if strings.TrimSpace(line) == "" {
			continue
		} else if cols == nil {
			cols = strings.Split(line, "\t")
			for i, c := range cols {
				if !tsvColumns[c] || (i == 0) != (c == "id" || c == "article") {
					return nil, nil, fmt.Errorf("%s:%d: column %q: want id (or article) first, then en, ru, kk, note", name, n, c)
				}
			}
			continue
		}
		vals := strings.Split(line, "\t")
		if len(vals) > len(cols) || vals[0] == "" {
			return nil, nil, fmt.Errorf("%s:%d: want 1 to %d tab-separated columns with an id first", name, n, len(cols))
		}
		row := map[string]string{"id": vals[0], "article": vals[0]}
		for i, v := range vals {
			row[cols[i]] = v
		}
		rows = append(rows, row)
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
