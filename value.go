package docket

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Date is a date with its precision: a day, a month, a year, a day and month whose year is not
// known, each possibly approximate. Its text form is ISO 8601 with the precision kept
// ("2019-02-06", "2019-02", "2019", "--02-06"), prefixed by "~" when approximate.
type Date struct {
	Year, Month, Day int // zero when unknown
	Approx           bool
}

// ParseDate parses the text form of a Date and rejects impossible dates.
func ParseDate(s string) (Date, error) {
	var d Date
	t := strings.TrimSpace(s)
	if strings.HasPrefix(t, "~") {
		d.Approx = true
		t = t[1:]
	}
	bad := func(why string) (Date, error) {
		return Date{}, Errorf(EINVALID, "date %q: %s (want YYYY-MM-DD, YYYY-MM, YYYY or --MM-DD, with ~ in front when approximate)", s, why)
	}
	num := func(p string, n int) (int, bool) {
		if len(p) != n {
			return 0, false
		}
		v, err := strconv.Atoi(p)
		return v, err == nil && p[0] != '-' && p[0] != '+'
	}
	if rest, ok := strings.CutPrefix(t, "--"); ok {
		parts := strings.Split(rest, "-")
		if len(parts) != 2 {
			return bad("a day without a year is --MM-DD")
		}
		var ok1, ok2 bool
		d.Month, ok1 = num(parts[0], 2)
		d.Day, ok2 = num(parts[1], 2)
		if !ok1 || !ok2 || d.Month == 0 || d.Day == 0 {
			return bad("not a date")
		}
	} else {
		parts := strings.Split(t, "-")
		if len(parts) > 3 {
			return bad("not a date")
		}
		var ok bool
		if d.Year, ok = num(parts[0], 4); !ok || d.Year == 0 {
			return bad("the year must have four digits")
		}
		if len(parts) > 1 {
			if d.Month, ok = num(parts[1], 2); !ok || d.Month == 0 {
				return bad("the month must be two digits from 01 to 12")
			}
		}
		if len(parts) > 2 {
			if d.Day, ok = num(parts[2], 2); !ok || d.Day == 0 {
				return bad("the day must be two digits from 01")
			}
		}
	}
	if d.Month != 0 && (d.Month < 1 || d.Month > 12) {
		return bad(fmt.Sprintf("there is no month %d", d.Month))
	}
	if d.Day != 0 {
		y := d.Year
		if y == 0 {
			y = 2000 // a leap year, so --02-29 is allowed
		}
		if d.Day < 1 || d.Day > daysIn(y, d.Month) {
			return bad(fmt.Sprintf("month %d has no day %d", d.Month, d.Day))
		}
	}
	return d, nil
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// String returns the canonical text form.
func (d Date) String() string {
	var b strings.Builder
	if d.Approx {
		b.WriteByte('~')
	}
	switch {
	case d.Year == 0:
		fmt.Fprintf(&b, "--%02d-%02d", d.Month, d.Day)
	case d.Month == 0:
		fmt.Fprintf(&b, "%04d", d.Year)
	case d.Day == 0:
		fmt.Fprintf(&b, "%04d-%02d", d.Year, d.Month)
	default:
		fmt.Fprintf(&b, "%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
	return b.String()
}

// Time returns the first moment the date may mean, and false when it has no year.
func (d Date) Time() (time.Time, bool) {
	if d.Year == 0 {
		return time.Time{}, false
	}
	m, day := max(d.Month, 1), max(d.Day, 1)
	return time.Date(d.Year, time.Month(m), day, 0, 0, 0, 0, time.UTC), true
}

// Duration is an ISO 8601 period of years, months and days, as sentences are given
// ("P3Y", "P1Y6M", "P30D").
type Duration struct{ Years, Months, Days int }

// ParseDuration parses the ISO 8601 form; weeks and times of day are not sentence terms.
func ParseDuration(s string) (Duration, error) {
	var d Duration
	t, ok := strings.CutPrefix(strings.TrimSpace(s), "P")
	if !ok || t == "" {
		return d, Errorf(EINVALID, "term %q is not an ISO 8601 period such as P3Y, P1Y6M or P30D", s)
	}
	last := -1
	for t != "" {
		i := 0
		for i < len(t) && t[i] >= '0' && t[i] <= '9' {
			i++
		}
		if i == 0 || i == len(t) || i > 4 {
			return Duration{}, Errorf(EINVALID, "term %q is not an ISO 8601 period such as P3Y, P1Y6M or P30D", s)
		}
		n, _ := strconv.Atoi(t[:i])
		unit := strings.IndexByte("YMD", t[i])
		if unit <= last {
			return Duration{}, Errorf(EINVALID, "term %q: units must be Y, M, D in that order, once each", s)
		}
		last = unit
		switch unit {
		case 0:
			d.Years = n
		case 1:
			d.Months = n
		case 2:
			d.Days = n
		}
		t = t[i+1:]
	}
	return d, nil
}

// String returns the canonical ISO 8601 form; a zero period is "P0D".
func (d Duration) String() string {
	var b strings.Builder
	b.WriteByte('P')
	if d.Years != 0 {
		fmt.Fprintf(&b, "%dY", d.Years)
	}
	if d.Months != 0 {
		fmt.Fprintf(&b, "%dM", d.Months)
	}
	if d.Days != 0 || (d.Years == 0 && d.Months == 0) {
		fmt.Fprintf(&b, "%dD", d.Days)
	}
	return b.String()
}

// Penalty is a sentence or a prosecutor's demand: a kind from the sentence-kind vocabulary,
// and a term, an amount or a scope as the kind needs. Its text form is
// "KIND[ TERM][ AMOUNT CURRENCY][: SCOPE]", e.g. "imprisonment P3Y",
// "fine 500000 KZT", "ban P5Y: public activity".
type Penalty struct {
	Kind     string
	Term     *Duration
	Amount   string // decimal digits
	Currency string // ISO 4217
	Scope    string
}

// ParsePenalty parses the text form of a Penalty.
func ParsePenalty(s string) (Penalty, error) {
	var p Penalty
	t := strings.TrimSpace(s)
	if head, scope, ok := strings.Cut(t, ":"); ok {
		t, p.Scope = strings.TrimSpace(head), strings.TrimSpace(scope)
	}
	for _, k := range Vocab.Terms("sentence-kind") {
		if t == k.ID || strings.HasPrefix(t, k.ID+" ") {
			p.Kind = k.ID
			t = strings.TrimSpace(t[len(k.ID):])
			break
		}
	}
	if p.Kind == "" {
		return p, Errorf(EINVALID, "penalty %q does not start with a sentence kind (%s)", s, strings.Join(Vocab.IDs("sentence-kind"), ", "))
	}
	f := strings.Fields(t)
	if len(f) > 0 && strings.HasPrefix(f[0], "P") {
		d, err := ParseDuration(f[0])
		if err != nil {
			return p, err
		}
		p.Term, f = &d, f[1:]
	}
	if len(f) > 0 {
		if len(f) != 2 || !isDigits(f[0]) || len(f[1]) != 3 || strings.ToUpper(f[1]) != f[1] {
			return p, Errorf(EINVALID, "penalty %q: after the kind and term comes an amount and a currency (\"500000 KZT\") or \": scope\"", s)
		}
		p.Amount, p.Currency = f[0], f[1]
	}
	return p, nil
}

// String returns the canonical text form.
func (p Penalty) String() string {
	s := p.Kind
	if p.Term != nil {
		s += " " + p.Term.String()
	}
	if p.Amount != "" {
		s += " " + p.Amount + " " + p.Currency
	}
	if p.Scope != "" {
		s += ": " + p.Scope
	}
	return s
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// normalizeURL accepts absolute http and https URLs only: sources are fetched later, and
// other schemes (file:, javascript:) are hostile in a link.
func normalizeURL(s string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", Errorf(EINVALID, "%q is not an absolute http or https URL", s)
	}
	return u.String(), nil
}
