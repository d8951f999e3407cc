package extract

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/translit"
)

// Kinds are the kinds of fact scored, in the order of the report.
var Kinds = []string{"persons", "organizations", "dates", "charges", "outcomes", "demands", "sentences", "events", "sources"}

// Gold is a gold file: the facts a careful reader takes from a document (see EVAL.md in the
// shared folder). A kind the file leaves out is not scored; an empty list is.
type Gold struct {
	Document      string          `json:"document,omitempty"`
	Persons       []GoldPerson    `json:"persons"`
	Organizations []GoldName      `json:"organizations"`
	Dates         []GoldDate      `json:"dates"`
	Charges       []GoldCharge    `json:"charges"`
	Outcomes      []GoldOutcome   `json:"outcomes"`
	Demands       []GoldPenalty   `json:"demands"`
	Sentences     []GoldPenalty   `json:"sentences"`
	Events        []GoldEvent     `json:"events"`
	Sources       []GoldSource    `json:"sources"`
	Has           map[string]bool `json:"-"` // the kinds the file gives
}

// GoldPerson is a person of a gold file.
type GoldPerson struct {
	Name   string   `json:"name"`
	Script string   `json:"script,omitempty"`
	Roles  []string `json:"roles,omitempty"`
}

// GoldName is an organisation: a string or {"name": ..., "script": ...}.
type GoldName struct{ Name, Script string }

// UnmarshalJSON accepts a string or an object.
func (g *GoldName) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		g.Name = s
		return nil
	}
	var o struct{ Name, Script string }
	if err := json.Unmarshal(b, &o); err != nil {
		return fmt.Errorf("an organisation is a string or {\"name\": ..., \"script\": ...}")
	}
	g.Name, g.Script = o.Name, o.Script
	return nil
}

// GoldDate is a date: {"date": ...} or a string.
type GoldDate struct {
	Date string `json:"date"`
	What string `json:"what,omitempty"`
}

// UnmarshalJSON accepts a string or an object.
func (g *GoldDate) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		g.Date = s
		return nil
	}
	type plain GoldDate
	return json.Unmarshal(b, (*plain)(g))
}

// GoldCharge is a charge; its article may be written as a string or a number.
type GoldCharge struct {
	Article string `json:"article"`
	Wording string `json:"wording,omitempty"`
	Code    string `json:"code,omitempty"`
}

// UnmarshalJSON accepts the article as a string or a number.
func (g *GoldCharge) UnmarshalJSON(b []byte) error {
	var o struct {
		Article json.RawMessage `json:"article"`
		Wording string          `json:"wording"`
		Code    string          `json:"code"`
	}
	if err := json.Unmarshal(b, &o); err != nil {
		return err
	}
	g.Wording, g.Code = o.Wording, o.Code
	var s string
	if err := json.Unmarshal(o.Article, &s); err == nil {
		g.Article = s
	} else {
		g.Article = strings.TrimSpace(string(o.Article))
	}
	return nil
}

// GoldOutcome is an outcome for a person.
type GoldOutcome struct {
	Person  string `json:"person"`
	Outcome string `json:"outcome"`
}

// GoldPenalty is a demand or a sentence.
type GoldPenalty struct {
	Person string `json:"person"`
	Kind   string `json:"kind"`
	Term   string `json:"term,omitempty"`
	Scope  string `json:"scope,omitempty"`
}

// GoldEvent is an event.
type GoldEvent struct {
	Type   string `json:"type"`
	Person string `json:"person,omitempty"`
	Date   string `json:"date,omitempty"`
}

// GoldSource is a URL: a string or {"url": ...}.
type GoldSource string

// UnmarshalJSON accepts a string or an object with a url.
func (g *GoldSource) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*g = GoldSource(s)
		return nil
	}
	var o struct{ URL string }
	if err := json.Unmarshal(b, &o); err != nil {
		return fmt.Errorf("a source is a URL string")
	}
	*g = GoldSource(o.URL)
	return nil
}

// ParseGold reads a gold file.
func ParseGold(data []byte) (*Gold, error) {
	var g Gold
	if err := json.Unmarshal(data, &g); err != nil {
		return nil, err
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(data, &keys); err != nil {
		return nil, err
	}
	g.Has = map[string]bool{}
	for _, k := range Kinds {
		if raw, ok := keys[k]; ok && strings.TrimSpace(string(raw)) != "null" {
			g.Has[k] = true
		}
	}
	return &g, nil
}

// CorpusDoc is a document of a corpus with its gold file.
type CorpusDoc struct {
	Name     string // the gold file's name without .gold.json
	Gold     string // path of the gold file
	Document string // path of the document
}

// Corpus lists the documents of a folder that have a gold file: NAME.gold.json with
// NAME.txt, .html, .htm or .pdf beside it, or a "document" key naming the document relative to
// the gold file. A gold file whose document is missing is an error.
func Corpus(dir string) ([]CorpusDoc, error) {
	golds, err := filepath.Glob(filepath.Join(dir, "*.gold.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(golds)
	var out []CorpusDoc
	for _, g := range golds {
		name := strings.TrimSuffix(filepath.Base(g), ".gold.json")
		data, err := os.ReadFile(g)
		if err != nil {
			return nil, err
		}
		var head struct {
			Document string `json:"document"`
		}
		if err := json.Unmarshal(data, &head); err != nil {
			return nil, fmt.Errorf("%s: %v", g, err)
		}
		doc := ""
		if head.Document != "" {
			doc = filepath.FromSlash(head.Document)
			if !filepath.IsAbs(doc) {
				doc = filepath.Join(filepath.Dir(g), doc)
			}
			if _, err := os.Stat(doc); err != nil {
				return nil, fmt.Errorf("%s: its document %s is missing", g, head.Document)
			}
		} else {
			for _, ext := range []string{".txt", ".html", ".htm", ".pdf"} {
				p := filepath.Join(dir, name+ext)
				if _, err := os.Stat(p); err == nil {
					doc = p
					break
				}
			}
			if doc == "" {
				return nil, fmt.Errorf("%s: no document %s.txt, .html or .pdf beside it", g, name)
			}
		}
		out = append(out, CorpusDoc{Name: name, Gold: g, Document: doc})
	}
	return out, nil
}

// Counts are the counts of one kind of fact.
type Counts struct{ Gold, Proposed, Matched int }

// P, R and F1 of the counts: precision = matched/proposed, recall = matched/gold.
func (c Counts) P() float64  { return ratio(c.Matched, c.Proposed) }
func (c Counts) R() float64  { return ratio(c.Matched, c.Gold) }
func (c Counts) F1() float64 { return f1(c.P(), c.R()) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// DocScore is the score of one document.
type DocScore struct {
	Name   string
	Counts map[string]*Counts
	Misses map[string][]string // gold items no proposal matched
	False  map[string][]string // proposals no gold item matched
}

// Score pools the scores of documents.
type Score struct {
	Docs  []*DocScore
	Total map[string]*Counts
}

// NewScore returns an empty score.
func NewScore() *Score {
	s := &Score{Total: map[string]*Counts{}}
	for _, k := range Kinds {
		s.Total[k] = &Counts{}
	}
	return s
}

// Add pools a document's score.
func (s *Score) Add(d *DocScore) {
	s.Docs = append(s.Docs, d)
	for k, c := range d.Counts {
		t := s.Total[k]
		t.Gold += c.Gold
		t.Proposed += c.Proposed
		t.Matched += c.Matched
	}
}

// Overall returns the counts pooled over every kind.
func (s *Score) Overall() Counts {
	var o Counts
	for _, k := range Kinds {
		c := s.Total[k]
		o.Gold += c.Gold
		o.Proposed += c.Proposed
		o.Matched += c.Matched
	}
	return o
}

// Write prints one line per kind and the overall line, in the form of EVAL.md; with verbose,
// each document's misses and false proposals follow.
func (s *Score) Write(w io.Writer, verbose bool) {
	line := func(name string, c Counts) {
		fmt.Fprintf(w, "%-15sP=%.3f R=%.3f F1=%.3f (gold %d, proposed %d, matched %d)\n", name, c.P(), c.R(), c.F1(), c.Gold, c.Proposed, c.Matched)
	}
	for _, k := range Kinds {
		c := s.Total[k]
		if c.Gold == 0 && c.Proposed == 0 {
			continue
		}
		line(k, *c)
	}
	line("overall", s.Overall())
	if !verbose {
		return
	}
	for _, d := range s.Docs {
		fmt.Fprintf(w, "\n== %s\n", d.Name)
		for _, k := range Kinds {
			c, ok := d.Counts[k]
			if !ok || c.Gold == 0 && c.Proposed == 0 {
				continue
			}
			fmt.Fprintf(w, "  %-13s gold %d, proposed %d, matched %d\n", k, c.Gold, c.Proposed, c.Matched)
			for _, m := range d.Misses[k] {
				fmt.Fprintf(w, "    miss  %s\n", m)
			}
			for _, f := range d.False[k] {
				fmt.Fprintf(w, "    false %s\n", f)
			}
		}
	}
}

// item is a fact to match: its description for reports and a test against the other side.
type item struct {
	show  string
	match func(other any) bool
	value any
}

// ScoreDocument compares a result with a gold file by the matching rules of EVAL.md: each
// gold item, in gold order, takes the first proposal left that matches it.
func ScoreDocument(name string, g *Gold, r *Result) *DocScore {
	d := &DocScore{Name: name, Counts: map[string]*Counts{}, Misses: map[string][]string{}, False: map[string][]string{}}
	people := goldPeople(g)
	for _, kind := range Kinds {
		if !g.Has[kind] {
			continue
		}
		golds, props := itemsOf(kind, g, r, people)
		c := &Counts{Gold: len(golds), Proposed: len(props)}
		taken := make([]bool, len(props))
		for _, gi := range golds {
			found := false
			for pi, p := range props {
				if !taken[pi] && gi.match(p.value) {
					taken[pi], found = true, true
					c.Matched++
					break
				}
			}
			if !found {
				d.Misses[kind] = append(d.Misses[kind], gi.show)
			}
		}
		for pi, p := range props {
			if !taken[pi] {
				d.False[kind] = append(d.False[kind], p.show)
			}
		}
		d.Counts[kind] = c
	}
	return d
}

// goldPeople maps a person's name as other gold items write it to every form the gold
// persons give it.
func goldPeople(g *Gold) func(string) []string {
	return func(name string) []string {
		forms := []string{name}
		for _, p := range g.Persons {
			if personKeysMatch([]string{name}, []string{p.Name, p.Script}) {
				forms = append(forms, p.Name, p.Script)
			}
		}
		return forms
	}
}

// nameKeys returns the romanisation keys of a name: as written and brought to the nominative.
func nameKeys(name string) []string {
	if strings.TrimSpace(name) == "" {
		return nil
	}
	k1, k2 := translit.SpellingKey(name), translit.SpellingKey(Nominative(name))
	if k1 == k2 {
		return []string{k1}
	}
	return []string{k1, k2}
}

// personKeysMatch reports whether any form of a has the key of any form of b.
func personKeysMatch(a, b []string) bool {
	for _, x := range a {
		for _, kx := range nameKeys(x) {
			for _, y := range b {
				for _, ky := range nameKeys(y) {
					if kx != "" && kx == ky {
						return true
					}
				}
			}
		}
	}
	return false
}

// FoldOrg folds an organisation's name as EVAL.md compares them: case, quotes, punctuation
// and white space.
func FoldOrg(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return b.String()
}

// ArticleDigits returns an article number as digits and dots: the number after an article
// word where there is one ("ч. 2 ст. 179" is 179, "Art. 174(1)" 174), a hyphen between digits
// read as a dot ("361-1" is 361.1), so the notations of different codes compare.
func ArticleDigits(s string) string {
	low := strings.ToLower(s)
	at := -1
	for _, w := range []string{"ст.", "ст ", "статья", "статьи", "статье", "article", "art.", "art "} {
		if i := strings.LastIndex(low, w); i >= 0 && i+len(w) > at {
			at = i + len(w)
		}
	}
	if at >= 0 {
		rest := strings.TrimLeft(s[at:], " .")
		end := 0
		for end < len(rest) && (rest[end] >= '0' && rest[end] <= '9' || rest[end] == '.' || rest[end] == '-') {
			end++
		}
		s = rest[:end]
	}
	return normArticle(s)
}

// SameTerm reports whether two ISO 8601 terms are the same length: P18M is P1Y6M.
func SameTerm(a, b string) bool {
	da, err1 := docket.ParseDuration(a)
	db, err2 := docket.ParseDuration(b)
	if err1 != nil || err2 != nil {
		return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
	}
	return da.Years*12+da.Months == db.Years*12+db.Months && da.Days == db.Days
}

// NormalizeURL trims a URL and removes the white space of a URL that wraps across lines.
func NormalizeURL(s string) string {
	return strings.Join(strings.Fields(s), "")
}

func itemsOf(kind string, g *Gold, r *Result, people func(string) []string) (golds, props []item) {
	personMatch := func(goldName string, prop string) bool {
		return personKeysMatch(people(goldName), []string{prop})
	}
	switch kind {
	case "persons":
		for _, p := range g.Persons {
			p := p
			golds = append(golds, item{show: joinNonEmpty(" / ", p.Name, p.Script), match: func(o any) bool {
				return personKeysMatch([]string{p.Name, p.Script}, []string{o.(string)})
			}})
		}
		for _, p := range r.Persons {
			props = append(props, item{show: p.Name, value: p.Name})
		}
	case "organizations":
		for _, o := range g.Organizations {
			o := o
			golds = append(golds, item{show: joinNonEmpty(" / ", o.Name, o.Script), match: func(x any) bool {
				f := FoldOrg(x.(string))
				return f != "" && (f == FoldOrg(o.Name) || o.Script != "" && f == FoldOrg(o.Script))
			}})
		}
		for _, o := range r.Orgs {
			props = append(props, item{show: o.Name, value: o.Name})
		}
	case "dates":
		for _, dt := range g.Dates {
			dt := dt
			golds = append(golds, item{show: joinNonEmpty(" ", dt.Date, paren(dt.What)), match: func(x any) bool { return x.(string) == strings.TrimSpace(dt.Date) }})
		}
		for _, dt := range r.Dates {
			props = append(props, item{show: joinNonEmpty(" ", dt.Date, paren(quoteOf(dt.Mentions))), value: dt.Date})
		}
	case "charges":
		for _, c := range g.Charges {
			c := c
			golds = append(golds, item{show: joinNonEmpty(" ", c.Article, paren(c.Wording)), match: func(x any) bool {
				a := ArticleDigits(c.Article)
				return a != "" && a == ArticleDigits(x.(string))
			}})
		}
		for _, c := range r.Charges {
			if c.Article == "" {
				continue // wording that matches no article cannot be compared by number
			}
			props = append(props, item{show: joinNonEmpty(" ", c.Article, paren(c.Wording)), value: c.Article})
		}
	case "outcomes":
		for _, o := range g.Outcomes {
			o := o
			golds = append(golds, item{show: o.Person + ": " + o.Outcome, match: func(x any) bool {
				p := x.(*Outcome)
				return p.Outcome == o.Outcome && personMatch(o.Person, p.Person)
			}})
		}
		for _, o := range r.Outcomes {
			props = append(props, item{show: o.Person + ": " + o.Outcome, value: o})
		}
	case "demands", "sentences":
		gl, pl := g.Demands, r.Demands
		if kind == "sentences" {
			gl, pl = g.Sentences, r.Sentences
		}
		for _, s := range gl {
			s := s
			golds = append(golds, item{show: s.Person + ": " + joinNonEmpty(" ", s.Kind, s.Term), match: func(x any) bool {
				p := x.(*Penalty)
				return p.Kind == s.Kind && (s.Term == "" || SameTerm(s.Term, p.Term)) && personMatch(s.Person, p.Person)
			}})
		}
		for _, p := range pl {
			props = append(props, item{show: p.Person + ": " + p.Value(), value: p})
		}
	case "events":
		for _, e := range g.Events {
			e := e
			golds = append(golds, item{show: joinNonEmpty(" ", e.Type, e.Date, e.Person), match: func(x any) bool {
				p := x.(*Event)
				return p.Type == e.Type && p.Date == strings.TrimSpace(e.Date) && (e.Person == "" || personMatch(e.Person, p.Person))
			}})
		}
		for _, e := range r.Events {
			if _, ok := docket.Vocab.Term("event-type", e.Type); !ok || !scoredEvent[e.Type] {
				continue
			}
			props = append(props, item{show: joinNonEmpty(" ", e.Type, e.Date, e.Person), value: e})
		}
	case "sources":
		for _, s := range g.Sources {
			s := NormalizeURL(string(s))
			golds = append(golds, item{show: s, match: func(x any) bool { return x.(string) == s }})
		}
		for _, u := range r.Sources() {
			props = append(props, item{show: u, value: NormalizeURL(u)})
		}
	}
	return golds, props
}

// scoredEvent are the event types EVAL.md scores.
var scoredEvent = map[string]bool{
	"arrest": true, "detention": true, "house arrest": true, "search": true, "dismissal": true, "disciplinary action": true,
	"disruption": true, "torture allegation": true, "release": true, "travel ban": true, "death": true,
}

func paren(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}

func quoteOf(ms []Span) string {
	if len(ms) == 0 {
		return ""
	}
	return ms[0].Quote
}

// Nominative brings a name written in an inflected Russian form to the nominative, by its
// own forms alone: "Акбердиевой" gives "Акбердиева", "Малику Кенжалиеву" "Малик Кенжалиев".
// Where a form is read two ways (Кенжалиева: a woman's nominative or a man's genitive) the
// first name's gender decides, and without one the form is kept. Latin names are returned
// as they are.
func Nominative(name string) string {
	fs := strings.Fields(name)
	if len(fs) == 0 || !isCyrillic(name) {
		return name
	}
	last := fs[len(fs)-1]
	rs := surnameReadings(last)
	var g byte
	first := ""
	if len(fs) > 1 {
		// A surname of one gender in all its readings tells the first name's.
		sg := rs[0].gender
		for _, r := range rs {
			if r.gender != sg {
				sg = 0
			}
		}
		if fn, fg, ok := firstNameAs(fs[0], sg); ok {
			first, g = fn, fg
		}
	}
	pick := rs[0]
	for _, r := range rs {
		if g != 0 && r.gender == g && (pick.gender != g || pick.oblique && !r.oblique) {
			pick = r
		}
	}
	if g == 0 && pick.oblique {
		// Only oblique readings: take the masculine one, as "Джумаеву" most often is.
		for _, r := range rs {
			if r.gender == 'm' {
				pick = r
				break
			}
		}
	}
	out := fs
	out[len(out)-1] = pick.lemma
	if first != "" && g == 0 && pick.gender != 0 {
		first, _, _ = firstNameAs(fs[0], pick.gender) // "Малику": Малик, as the surname is a man's
	}
	if first != "" {
		out[0] = first
	} else if len(fs) > 1 {
		for _, r := range firstNameReadings(fs[0]) {
			if r.oblique == pick.oblique && (r.gender == 0 || pick.gender == 0 || r.gender == pick.gender) {
				out[0] = r.lemma
				break
			}
		}
	}
	return strings.Join(out, " ")
}
