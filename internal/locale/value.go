package locale

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/docketorg/docket"
)

// Values of the registry as pages, reports and commands write them for readers, in the
// printer's language: dates with their precision, vocabulary terms, countries, sentences.

// Date writes a registry date with its precision in words: "6 February 2019", "February
// 2019", "2019", "about 2019"; in Russian "6 февраля 2019", in Kazakh "2019 жылғы 6 ақпан".
// A value that is not a date is returned as it is.
func (p *Printer) Date(s string) string {
	d, err := docket.ParseDate(s)
	if err != nil {
		return s
	}
	var out string
	month := func(m int) string { return p.T(fmt.Sprintf("month.%d", m)) }
	monthOf := func(m int) string { return p.T(fmt.Sprintf("monthOf.%d", m)) }
	switch {
	case d.Year > 0 && d.Month > 0 && d.Day > 0:
		out = p.T("date.day", d.Day, monthOf(d.Month), d.Year)
	case d.Year > 0 && d.Month > 0:
		out = p.T("date.month", month(d.Month), d.Year)
	case d.Year > 0:
		out = strconv.Itoa(d.Year)
	case d.Month > 0 && d.Day > 0:
		out = p.T("date.dayNoYear", d.Day, monthOf(d.Month))
	default:
		return s
	}
	if d.Approx {
		out = p.T("date.approx", out)
	}
	return out
}

// Term is the label of a vocabulary term, or the id when the vocabulary lacks it.
func (p *Printer) Term(vocab, id string) string {
	if t, ok := docket.Vocab.Term(vocab, id); ok {
		return t.Label(p.Lang)
	}
	return id
}

// Country is a country's name from its code, or the code in capitals when the catalog lacks it.
func (p *Printer) Country(code string) string {
	if p.Has("country." + code) {
		return p.T("country." + code)
	}
	return strings.ToUpper(code)
}

// Duration writes a term: "3 years 6 months".
func (p *Printer) Duration(d docket.Duration) string {
	var parts []string
	if d.Years > 0 {
		parts = append(parts, p.N("unit.years", d.Years))
	}
	if d.Months > 0 {
		parts = append(parts, p.N("unit.months", d.Months))
	}
	if d.Days > 0 || len(parts) == 0 {
		parts = append(parts, p.N("unit.days", d.Days))
	}
	return strings.Join(parts, " ")
}

// Penalty writes a sentence or demand: "imprisonment, 3 years", "fine, 500000 KZT",
// "ban, 5 years: public activity".
func (p *Printer) Penalty(s string) string {
	pen, err := docket.ParsePenalty(s)
	if err != nil {
		return s
	}
	out := p.Term("sentence-kind", pen.Kind)
	if pen.Term != nil {
		out += ", " + p.Duration(*pen.Term)
	}
	if pen.Amount != "" {
		out += ", " + pen.Amount + " " + pen.Currency
	}
	if pen.Scope != "" {
		out += ": " + pen.Scope
	}
	return out
}

// PenaltyPhrase writes a sentence or demand as prose: "imprisonment for 3 years", "fine of
// 500000 KZT", "ban for 5 years (public activity)"; in Russian "лишение свободы на срок 3
// года". Reports use it; pages use the shorter Penalty.
func (p *Printer) PenaltyPhrase(s string) string {
	pen, err := docket.ParsePenalty(s)
	if err != nil {
		return s
	}
	out := p.Term("sentence-kind", pen.Kind)
	if pen.Term != nil {
		out = p.T("penalty.term", out, p.Duration(*pen.Term))
	}
	if pen.Amount != "" {
		out = p.T("penalty.amount", out, pen.Amount+" "+pen.Currency)
	}
	if pen.Scope != "" {
		out += " (" + pen.Scope + ")"
	}
	return out
}

// Code is a criminal code's title, without the date and number of its enactment, or its id
// when the vocabularies lack it.
func (p *Printer) Code(id string) string {
	if c, ok := docket.Vocab.Code(id); ok {
		t := c.TitleIn(p.Lang)
		if i := strings.Index(t, " ("); i > 0 {
			t = t[:i]
		}
		return t
	}
	return id
}

// Article writes a charge's article: "Article 179, part 2" ("статья 179, часть 2",
// "179-бап, 2-бөлік"), and the code it is of when given.
func (p *Printer) Article(code, article, part string) string {
	if article == "" {
		return ""
	}
	out := p.T("caption.article", article)
	if part != "" {
		out = p.T("caption.articlePart", article, part)
	}
	if code != "" {
		out = p.T("caption.articleOf", out, p.Code(code))
	}
	return out
}

// Capitalize puts the first letter of s in upper case, as a caption that begins with a term
// needs ("first instance" → "First instance").
func Capitalize(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}
