package extract

import (
	"strings"

	"github.com/docketorg/docket"
)

// Span is where a proposal rests in the text: characters [Start, End) of the text given to
// [Extract], counted in Unicode code points (runes), not bytes, and the exact words there.
// Footnote is the number of the footnote marker of the sentence the words are in, or 0.
type Span struct {
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Quote    string `json:"quote"`
	Footnote int    `json:"footnote,omitempty"`
}

// Person is a person the document names, once however many mentions name them.
type Person struct {
	Name     string   `json:"name"`              // the fullest form, in the nominative
	Aliases  []string `json:"aliases,omitempty"` // other spellings of the name in the document
	Roles    []string `json:"roles,omitempty"`   // judge, chairman, prosecutor, lawyer, activist, journalist, observer, spouse, ...
	Org      string   `json:"org,omitempty"`     // the organisation of a role ("Aktau City Court")
	Post     string   `json:"post,omitempty"`    // the post vocabulary term of that role, when there is one
	Gender   string   `json:"gender,omitempty"`  // "f", "m" or ""
	Spouse   string   `json:"spouse,omitempty"`  // the Name of another Person
	Mentions []Span   `json:"mentions"`

	key     string // translit key of the surname (nominative)
	counsel bool   // named as someone's lawyer
	first   string // first name, nominative
}

// Org is an organisation the document names.
type Org struct {
	Name     string `json:"name"`
	Kind     string `json:"kind,omitempty"`  // org-kind vocabulary
	Level    string `json:"level,omitempty"` // court-level vocabulary, for courts
	City     string `json:"city,omitempty"`
	Country  string `json:"country,omitempty"`
	Mentions []Span `json:"mentions"`
}

// Date is a date the document states or implies, with its precision.
type Date struct {
	Date     string `json:"date"`           // ISO 8601: 2019-02-06, 2018-09, 2018, --02-06
	What     string `json:"what,omitempty"` // dateline, or the event of the sentence when one is known
	Mentions []Span `json:"mentions"`
}

// Charge is an article of a criminal (or administrative) code a person is charged under.
type Charge struct {
	Article  string `json:"article,omitempty"` // digits and dots; "" when only the wording is known and matches no article
	Part     string `json:"part,omitempty"`
	Code     string `json:"code,omitempty"`    // the vocabulary id of the code (KZ-CC), when the article is mapped
	Wording  string `json:"wording,omitempty"` // the words the document uses
	Title    string `json:"title,omitempty"`   // the article's title in the code vocabulary
	Person   string `json:"person,omitempty"`
	Inferred string `json:"inferred,omitempty"` // why the article is less certain: "article matched from the wording"
	Mentions []Span `json:"mentions"`
}

// Penalty is a prosecutor's demand or a sentence.
type Penalty struct {
	Person   string `json:"person,omitempty"`
	Kind     string `json:"kind"`           // sentence-kind vocabulary
	Term     string `json:"term,omitempty"` // ISO 8601 duration
	Amount   string `json:"amount,omitempty"`
	Currency string `json:"currency,omitempty"`
	Scope    string `json:"scope,omitempty"`    // of a ban
	Inferred string `json:"inferred,omitempty"` // why it is less certain, when it is inferred
	Mentions []Span `json:"mentions"`

	sent int // the sentence of its first mention
}

// Value returns the penalty in Docket's text form ("imprisonment P3Y", "ban P5Y: public
// activity", "fine 500000 KZT").
func (p *Penalty) Value() string {
	pen := docket.Penalty{Kind: p.Kind, Scope: p.Scope}
	if p.Term != "" {
		if d, err := docket.ParseDuration(p.Term); err == nil {
			pen.Term = &d
		}
	}
	if p.Amount != "" && p.Currency != "" {
		pen.Amount, pen.Currency = p.Amount, p.Currency
	}
	return pen.String()
}

// Outcome is how a proceeding ended for a person.
type Outcome struct {
	Person   string `json:"person"`
	Outcome  string `json:"outcome"` // outcome vocabulary
	Date     string `json:"date,omitempty"`
	Court    string `json:"court,omitempty"`
	Inferred string `json:"inferred,omitempty"` // why it is less certain: "implied by a sentence", "a group phrase names the person"
	Mentions []Span `json:"mentions"`

	sent int
}

// Event is something that happened, of a type of the event-type vocabulary.
type Event struct {
	Type     string `json:"type"`
	Date     string `json:"date,omitempty"`
	Person   string `json:"person,omitempty"`   // the person it happened to
	Inferred string `json:"inferred,omitempty"` // why it is less certain, when it is inferred
	Mentions []Span `json:"mentions"`
}

// Footnote is a numbered footnote or endnote with the URLs it cites. URLs that wrap across
// lines are joined.
type Footnote struct {
	Number int      `json:"number"` // 0 for an unnumbered "Source:" line
	URLs   []string `json:"urls"`
	Span   Span     `json:"span"`
	Cited  bool     `json:"cited"` // a marker in the text refers to it
}

// Statistic is a figure the document states, with what it counts.
type Statistic struct {
	Value    string `json:"value"`
	Unit     string `json:"unit"`
	Scope    string `json:"scope"`
	Country  string `json:"country,omitempty"`
	Mentions []Span `json:"mentions"`
}

// Result is everything extraction proposes for one document.
type Result struct {
	Lang      string     `json:"lang"`               // "en" or "ru"
	Country   string     `json:"country,omitempty"`  // the country the document is about, when clear
	Dateline  string     `json:"dateline,omitempty"` // ISO date of the dateline
	Persons   []*Person  `json:"persons"`
	Orgs      []*Org     `json:"organizations"`
	Dates     []*Date    `json:"dates"`
	Charges   []*Charge  `json:"charges"`
	Demands   []*Penalty `json:"demands"`
	Sentences []*Penalty `json:"sentences"`
	Outcomes  []*Outcome `json:"outcomes"`
	Events    []*Event   `json:"events"`
	// Undated are the events the text tells without even a year ("he said he had been
	// beaten"): they cannot be placed on a case's timeline, so they are no events of the
	// record until a researcher dates them; ingest proposes them for review as such.
	Undated    []*Event     `json:"undated_events,omitempty"`
	Footnotes  []*Footnote  `json:"footnotes"`
	Statistics []*Statistic `json:"statistics"`
	Case       *Case        `json:"case,omitempty"` // the proposals tied together, as a researcher records a case
}

// Case ties the proposals of a document together as the record of a case: its defendants and
// charges, and each proceeding (a trial, an appeal) with its court, judge, prosecutor, date,
// and per defendant what was demanded, decided and imposed. Every name in it is the Name of
// a Person, every court the Name of an Org, and every demand, outcome and sentence one of
// the Result's own, so that a store can link the records it makes from them.
//
// docket eval does not score it. The ingest plan is to make one Case record for it, a
// Proceeding record for each proceeding linked to the case, its court and its judge, and to
// link the demand, outcome and sentence statements it already makes to their proceeding.
type Case struct {
	Defendants  []string      `json:"defendants"`
	Charges     []string      `json:"charges,omitempty"` // article numbers
	Proceedings []*Proceeding `json:"proceedings,omitempty"`
}

// Proceeding is one stage of a case before one court.
type Proceeding struct {
	Stage      string     `json:"stage"` // stage vocabulary: first instance, appeal, cassation
	Court      string     `json:"court,omitempty"`
	Judge      string     `json:"judge,omitempty"`
	Prosecutor string     `json:"prosecutor,omitempty"`
	Date       string     `json:"date,omitempty"`
	Demands    []*Penalty `json:"demands,omitempty"`
	Outcomes   []*Outcome `json:"outcomes,omitempty"`
	Sentences  []*Penalty `json:"sentences,omitempty"`
}

// FootnoteURLs returns the URLs of footnote n.
func (r *Result) FootnoteURLs(n int) []string {
	for _, f := range r.Footnotes {
		if f.Number == n {
			return f.URLs
		}
	}
	return nil
}

// Sources returns every URL the footnotes cite, once each, in order.
func (r *Result) Sources() []string {
	var out []string
	seen := map[string]bool{}
	for _, f := range r.Footnotes {
		for _, u := range f.URLs {
			if !seen[u] {
				seen[u] = true
				out = append(out, u)
			}
		}
	}
	return out
}

// Person returns the person with the name, or nil.
func (r *Result) Person(name string) *Person {
	for _, p := range r.Persons {
		if p.Name == name {
			return p
		}
	}
	return nil
}

func addRole(p *Person, role string) {
	if role == "" {
		return
	}
	for _, r := range p.Roles {
		if r == role {
			return
		}
	}
	p.Roles = append(p.Roles, role)
}

func addAlias(p *Person, alias string) {
	if alias == "" || alias == p.Name {
		return
	}
	for _, a := range p.Aliases {
		if a == alias {
			return
		}
	}
	p.Aliases = append(p.Aliases, alias)
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
