package docket

import (
	"strconv"
	"strings"
	"unicode"
)

// ReadDate reads a date as people write it, in forms, spreadsheets and on the command line,
// and returns it with its precision. Besides the canonical forms that ParseDate reads
// (2023-03-30, 2023-03, 2023, --03-30, ~2023) it takes:
//
//   - numbers day first, with dots, slashes or hyphens, as the region writes them: 30.03.2023,
//     30/03/2023, 30-03-2023, 3.3.2023; a month and a year: 03.2023;
//   - the month in words, in English, Russian or Kazakh, in any order of day, month and year:
//     30 March 2023, March 30, 2023, 30 Mar 2023, 30 марта 2023 года, 30 марта 2023 г.,
//     2023 жылғы 30 наурыз, 2023 жылы 30 наурызда; a month and a year: March 2023, март 2023;
//   - "~", "about", "c.", "около", "примерно" or "шамамен" in front for an approximate date.
//
// A date in numbers is always read day first: 03.04.2023 is the 3rd of April, never the 4th of
// March, whatever the separator, because that is how Kazakhstan, Russia and their neighbours
// write dates. A first number over 12 in the month's place (12/30/2023) is refused rather than
// guessed at, and so is a year of two digits. The error names the part that is wrong, and
// carries a catalog key (see Error) so that a form can say it in the reader's language.
func ReadDate(s string) (Date, error) {
	in := strings.TrimSpace(s)
	t, approx := cutApprox(in)
	if t == "" {
		return Date{}, dateError(s, "", "empty")
	}
	// The canonical forms, as they are stored: year first.
	if strings.HasPrefix(t, "--") || len(t) >= 4 && isDigits(t[:4]) && (len(t) == 4 || t[4] == '-') {
		d, err := ParseDate(t)
		if err != nil {
			return canonicalError(s, t)
		}
		d.Approx = d.Approx || approx
		return d, nil
	}
	d, err := readNumericDate(s, t)
	if err == errNotNumeric {
		d, err = readWordDate(s, t)
	}
	if err != nil {
		return Date{}, err
	}
	d.Approx = approx
	return d, checkDate(s, d)
}

// canonicalError says what is wrong with a date that starts like the canonical form, by its
// part: ParseDate's own messages name the form, not the part.
func canonicalError(s, t string) (Date, error) {
	if strings.HasPrefix(t, "--") {
		return Date{}, dateError(s, "", "notDate")
	}
	parts := strings.Split(t, "-")
	if len(parts) > 3 {
		return Date{}, dateError(s, "", "notDate")
	}
	var d Date
	d.Year, _ = strconv.Atoi(parts[0])
	if len(parts) > 1 {
		m, err := strconv.Atoi(parts[1])
		if err != nil || len(parts[1]) > 2 {
			return Date{}, dateError(s, "month", "monthDigits")
		}
		d.Month = m
	}
	if len(parts) > 2 {
		day, err := strconv.Atoi(parts[2])
		if err != nil || len(parts[2]) > 2 {
			return Date{}, dateError(s, "day", "dayDigits")
		}
		d.Day = day
	}
	if err := checkDate(s, d); err != nil {
		return Date{}, err
	}
	return Date{}, dateError(s, "", "notDate")
}

// cutApprox removes a mark of an approximate date from the front of s.
func cutApprox(s string) (string, bool) {
	if rest, ok := strings.CutPrefix(s, "~"); ok {
		return strings.TrimSpace(rest), true
	}
	low := strings.ToLower(s)
	for _, p := range []string{"about ", "around ", "circa ", "ca. ", "c. ", "около ", "примерно ", "приблизительно ", "шамамен ", "шамасы "} {
		if strings.HasPrefix(low, p) {
			return strings.TrimSpace(s[len(p):]), true
		}
	}
	return s, false
}

var errNotNumeric = Errorf(EINVALID, "not a date in numbers")

// readNumericDate reads day first numbers: D.M.YYYY, D/M/YYYY, D-M-YYYY, M.YYYY, with a year
// word after it (г., года, ж., жыл) allowed.
func readNumericDate(s, t string) (Date, error) {
	t = strings.TrimSpace(trimYearWords(t))
	sep := rune(0)
	for _, r := range t {
		switch {
		case r >= '0' && r <= '9':
		case r == '.' || r == '/' || r == '-':
			if sep != 0 && r != sep {
				return Date{}, dateError(s, "", "mixedSeparators")
			}
			sep = r
		default:
			return Date{}, errNotNumeric
		}
	}
	if sep == 0 {
		return Date{}, errNotNumeric
	}
	parts := strings.Split(strings.TrimSuffix(t, string(sep)), string(sep))
	var d Date
	var day, month, year string
	switch len(parts) {
	case 3:
		day, month, year = parts[0], parts[1], parts[2]
	case 2:
		month, year = parts[0], parts[1]
	default:
		return Date{}, dateError(s, "", "notDate")
	}
	if day != "" {
		if len(day) == 0 || len(day) > 2 {
			return Date{}, dateError(s, "day", "dayDigits")
		}
		d.Day, _ = strconv.Atoi(day)
	}
	if len(month) == 0 || len(month) > 2 {
		return Date{}, dateError(s, "month", "monthDigits")
	}
	d.Month, _ = strconv.Atoi(month)
	switch {
	case len(year) == 2:
		return Date{}, dateError(s, "year", "twoDigitYear")
	case len(year) != 4:
		return Date{}, dateError(s, "year", "yearDigits")
	}
	d.Year, _ = strconv.Atoi(year)
	if d.Month > 12 && d.Day >= 1 && d.Day <= 12 {
		// 12/30/2023: written month first. Say how it is read rather than guess.
		return Date{}, dateErrorN(s, "month", "dayFirst", d.Month, d.Day, d.Year)
	}
	return d, nil
}

// trimYearWords drops the word after a year: "г.", "года", "год", "ж.", "жыл", "жылы",
// "жылғы".
func trimYearWords(t string) string {
	low := strings.ToLower(t)
	for _, w := range []string{" года", " год", " г.", " г", "г.", " жылғы", " жылы", " жыл", " ж.", " ж", "ж."} {
		if strings.HasSuffix(low, w) {
			return t[:len(t)-len(w)]
		}
	}
	return t
}

// readWordDate reads a date with its month in words, in any order: a number of four digits is
// the year, one of one or two the day.
func readWordDate(s, t string) (Date, error) {
	var d Date
	fields := strings.FieldsFunc(strings.ToLower(t), func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == '.' || r == '/' || r == '-'
	})
	var nums []string
	for _, f := range fields {
		switch {
		case isDigits(f):
			nums = append(nums, f)
		case dateFiller[f]:
		case ordinalDay(f) != "":
			nums = append(nums, ordinalDay(f))
		default:
			m := monthByName(f)
			if m == 0 {
				if hasLetter(f) {
					return Date{}, dateErrorW(s, "month", "monthName", f)
				}
				return Date{}, dateError(s, "", "notDate")
			}
			if d.Month != 0 {
				return Date{}, dateError(s, "month", "twoMonths")
			}
			d.Month = m
		}
	}
	if d.Month == 0 {
		return Date{}, dateError(s, "", "notDate")
	}
	for _, n := range nums {
		switch {
		case len(n) == 4 && d.Year == 0:
			d.Year, _ = strconv.Atoi(n)
		case len(n) <= 2 && d.Day == 0 && d.Year == 0 && len(nums) == 3:
			// "30 03 2023" has no month word; never here, as a month word was found.
			return Date{}, dateError(s, "", "notDate")
		case len(n) <= 2 && d.Day == 0:
			d.Day, _ = strconv.Atoi(n)
		case len(n) == 2 && d.Year == 0:
			return Date{}, dateError(s, "year", "twoDigitYear")
		default:
			return Date{}, dateError(s, "", "notDate")
		}
	}
	if d.Year == 0 && d.Day == 0 {
		return Date{}, dateError(s, "year", "noYear")
	}
	return d, nil
}

// checkDate says which part of a date read is impossible.
func checkDate(s string, d Date) error {
	if d.Year == 0 && d.Month == 0 {
		return dateError(s, "", "notDate")
	}
	if d.Year != 0 && (d.Year < 1000 || d.Year > 9999) {
		return dateError(s, "year", "yearDigits")
	}
	if d.Month != 0 && (d.Month < 1 || d.Month > 12) {
		return dateErrorN(s, "month", "noMonth", d.Month)
	}
	if d.Day != 0 {
		y := d.Year
		if y == 0 {
			y = 2000 // a leap year, so --02-29 is allowed
		}
		if d.Day < 1 || d.Day > daysIn(y, d.Month) {
			return dateErrorN(s, "day", "noDay", d.Month, d.Day)
		}
	}
	if d.Year == 0 && d.Day == 0 {
		return dateError(s, "year", "noYear")
	}
	return nil
}

// dateFiller are words of written dates that say nothing of the date itself.
var dateFiller = map[string]bool{"г": true, "года": true, "год": true, "ж": true, "жыл": true, "жылы": true, "жылғы": true,
	"of": true, "the": true, "on": true}

// ordinalDay returns the digits of an English ordinal day ("30th", "1st"), or "".
func ordinalDay(f string) string {
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if n, ok := strings.CutSuffix(f, suf); ok && isDigits(n) && len(n) <= 2 {
			return n
		}
	}
	return ""
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// monthNames are the names of the months in English, Russian (in the nominative and the
// genitive, which dates use: "30 марта") and Kazakh, with common abbreviations.
var monthNames = map[string]int{}

// kazakhMonths are the Kazakh months, whose dates add case endings ("наурызда", "наурыздың").
var kazakhMonths = []string{"қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"}

func init() {
	en := []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
	ru := []string{"январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"}
	ruOf := []string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"}
	for i := range 12 {
		for _, n := range []string{en[i], ru[i], ruOf[i], kazakhMonths[i], en[i][:3]} {
			monthNames[n] = i + 1
		}
	}
	for n, m := range map[string]int{"sept": 9, "янв": 1, "фев": 2, "февр": 2, "мар": 3, "апр": 4, "июн": 6, "июл": 7, "авг": 8,
		"сен": 9, "сент": 9, "окт": 10, "ноя": 11, "нояб": 11, "дек": 12} {
		monthNames[n] = m
	}
}

// monthByName returns the month a word names, 0 for none. A Kazakh month may carry a case
// ending.
func monthByName(w string) int {
	if m, ok := monthNames[w]; ok {
		return m
	}
	for i, k := range kazakhMonths {
		if rest, ok := strings.CutPrefix(w, k); ok && len([]rune(rest)) <= 3 {
			return i + 1
		}
	}
	return 0
}

// Messages of date errors, by key; the interface's catalogs have the same keys under "date.".
var dateMessages = map[string]string{
	"empty":           "there is no date",
	"notDate":         "this is not a date (write it as 30.03.2023, 30 March 2023, March 2023 or 2023)",
	"mixedSeparators": "the parts are separated in different ways (write 30.03.2023)",
	"dayDigits":       "the day must be one or two digits",
	"monthDigits":     "the month must be one or two digits",
	"yearDigits":      "the year must have four digits",
	"twoDigitYear":    "write the year in full, with four digits (2023, not 23)",
	"noYear":          "a day and month without a year is written --03-30",
	"noMonth":         "there is no month %[2]d",
	"noDay":           "month %[2]d has no day %[3]d",
	"dayFirst":        "there is no month %[2]d: dates are read day first, so write %02[2]d.%02[3]d.%[4]d",
	"monthName":       "%[2]q is not the name of a month",
	"twoMonths":       "it names two months",
}

// dateError returns an EINVALID error about the date s, naming the part that is wrong.
func dateError(s, part, key string) error { return dateErrorArgs(s, part, key) }

func dateErrorN(s, part, key string, n ...int) error {
	args := make([]any, len(n))
	for i, x := range n {
		args[i] = x
	}
	return dateErrorArgs(s, part, key, args...)
}

func dateErrorW(s, part, key, w string) error { return dateErrorArgs(s, part, key, w) }

// dateErrorArgs makes the error: its message, in English, is "date S: " and the message of
// key formatted with S and args; the catalogs' "date.KEY" takes the same arguments.
func dateErrorArgs(s, part, key string, args ...any) error {
	args = append([]any{s}, args...)
	e := Errorf(EINVALID, "date %q: "+dateMessages[key], args...)
	e.Key, e.Args, e.Part = "date."+key, args, part
	return e
}
