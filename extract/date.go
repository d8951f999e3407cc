package extract

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Precisions of a date.
const (
	precNoYear = iota // --MM-DD
	precYear
	precMonth
	precDay
)

// dateMention is a date written or implied at tokens [a, b).
type dateMention struct {
	a, b     int
	y, m, d  int
	prec     int
	iso      string
	rel      bool // resolved from a relative expression
	until    bool // an end ("until 10 November"), not when something happened
	rangeEnd bool // the end of a period ("10-16 March 2025")
	after    bool // the date of a clause "a day after he had given an interview"
	since    bool // a start ("since 2021") of a state, not when something happened
	dateline bool
	from     int          // the first day of the period this day ends ("between 18 and 24 May"), or 0
	period   *dateMention // the last day of the period this day opens or ends, or nil
}

func (m *dateMention) time() time.Time {
	return time.Date(m.y, time.Month(max(m.m, 1)), max(m.d, 1), 0, 0, 0, 0, time.UTC)
}

func isoOf(y, m, d, prec int) string {
	switch prec {
	case precNoYear:
		return fmt.Sprintf("--%02d-%02d", m, d)
	case precYear:
		return fmt.Sprintf("%04d", y)
	case precMonth:
		return fmt.Sprintf("%04d-%02d", y, m)
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
}

var enMonths = map[string]int{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
	"june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
	"october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

// cyrMonths maps Russian and Kazakh month names, in the forms dates use (nominative, genitive,
// prepositional), to their numbers.
var cyrMonths = map[string]int{}

// kkMonthAt are the Kazakh month forms that say "in" the month (the locative): "ақпанда",
// "желтоқсанында".
var kkMonthAt = map[string]bool{}

func init() {
	for i, forms := range []string{
		"январь января январе", "февраль февраля феврале", "март марта марте", "апрель апреля апреле",
		"май мая мае", "июнь июня июне", "июль июля июле", "август августа августе",
		"сентябрь сентября сентябре", "октябрь октября октябре", "ноябрь ноября ноябре", "декабрь декабря декабре",
	} {
		for _, f := range strings.Fields(forms) {
			cyrMonths[f] = i + 1
		}
	}
	// Kazakh: the nominative, the locative ("12 шілдеде"), the possessive ("21 қыркүйегі"),
	// the genitive, the ablative, the dative and the possessive's locative ("өткен жылдың 28
	// желтоқсанында").
	for i, forms := range []string{
		"қаңтар қаңтарда қаңтары қаңтардың қаңтардан қаңтарға қаңтарында", "ақпан ақпанда ақпаны ақпанның ақпаннан ақпанға ақпанында",
		"наурыз наурызда наурызы наурыздың наурыздан наурызға наурызында", "сәуір сәуірде сәуірі сәуірдің сәуірден сәуірге сәуірінде",
		"мамыр мамырда мамыры мамырдың мамырдан мамырға мамырында", "маусым маусымда маусымы маусымның маусымнан маусымға маусымында",
		"шілде шілдеде шілдесі шілденің шілдеден шілдеге шілдесінде", "тамыз тамызда тамызы тамыздың тамыздан тамызға тамызында",
		"қыркүйек қыркүйекте қыркүйегі қыркүйектің қыркүйектен қыркүйекке қыркүйегінде", "қазан қазанда қазаны қазанның қазаннан қазанға қазанында",
		"қараша қарашада қарашасы қарашаның қарашадан қарашаға қарашасында", "желтоқсан желтоқсанда желтоқсаны желтоқсанның желтоқсаннан желтоқсанға желтоқсанында",
	} {
		for _, f := range strings.Fields(forms) {
			cyrMonths[f] = i + 1
			if strings.HasSuffix(f, "да") || strings.HasSuffix(f, "де") || strings.HasSuffix(f, "та") || strings.HasSuffix(f, "те") {
				kkMonthAt[f] = true
			}
		}
	}
}

// month returns the month named by token i.
func (d *doc) month(i int) int {
	if i < 0 || i >= len(d.toks) || d.toks[i].k != tWord {
		return 0
	}
	t := &d.toks[i]
	if t.cls&cMonth == 0 {
		return 0
	}
	if t.cyr {
		return cyrMonths[t.low]
	}
	// English month names are capitalised; "may" and "march" are also other words.
	if !t.cap {
		return 0
	}
	return enMonths[t.low]
}

// num returns the integer value of a number token, or -1.
func (d *doc) num(i int) int {
	if i < 0 || i >= len(d.toks) || d.toks[i].k != tNum {
		return -1
	}
	s := d.toks[i].t
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		s = strings.TrimSuffix(s, suf)
	}
	return digits(s, 9) // "11.02.2019" and other numbers with inner signs are none
}

func (d *doc) isYear(i int) bool {
	v := d.num(i)
	return v >= 1900 && v <= 2099 && len(d.toks[i].t) == 4
}

// yearRange reports a year at token i that opens a range of years with a dash: "2024–2025",
// later by at most ten years, not part of a number or a reference ("3/2021-2022").
func (d *doc) yearRange(i int) bool {
	if !d.isYear(i) || !d.punct(i+1, "-", "–", "—") || i+2 >= len(d.toks) || !d.isYear(i+2) || d.punct(i-1, "/", "-", "№", "#", ".") || d.copyright(i) {
		return false
	}
	return d.num(i+2) > d.num(i) && d.num(i+2)-d.num(i) <= 10
}

// copyright reports a "©" or "copyright" before token i on its line, at most eight tokens
// back: a site's footer ("© Палессе.Инфо, 2018–2024"), whose years are no date of the text.
func (d *doc) copyright(i int) bool {
	for k := i - 1; k >= max(0, i-8); k-- {
		if d.toks[k].t == "©" || d.word(k, "copyright") || k == i-1 && d.punct(k, "·", "|") && d.punct(i+3, "·", "|") {
			return true // "Aral Voices · 2019–2025 · Privacy": a footer's years too
		}
		if d.toks[k].nl > 0 {
			break
		}
	}
	return false
}

// glued reads a range of years written as one number token, "2024-2025", later by at most
// ten years.
func glued(t *tok) (int, int, bool) {
	if t.k != tNum || len(t.t) != 9 || t.t[4] != '-' {
		return 0, 0, false
	}
	y1, y2 := digits(t.t[:4], 4), digits(t.t[5:], 4)
	return y1, y2, y1 >= 1900 && y2 > y1 && y2-y1 <= 10 && y2 <= 2099
}

func validDate(y, m, day int) bool {
	if m < 1 || m > 12 || day < 1 {
		return false
	}
	yy := y
	if yy == 0 {
		yy = 2000
	}
	return day <= time.Date(yy, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// yearWord reports a word that follows a year: "2019 года", "в 2017 году", "2019 г.", "year",
// Kazakh "2023 жылы".
func (d *doc) yearWord(i int) int {
	if d.word(i, "года", "году", "год", "гг", "year", "жылы", "жылғы", "жылдың", "жылдан") {
		if d.punct(i+1, ".") && d.word(i, "гг") {
			return 2
		}
		return 1
	}
	if d.word(i, "г") && d.punct(i+1, ".") {
		return 2
	}
	return 0
}

// absolute parses an absolute or partial date at token i: the mention and ok.
func (d *doc) absolute(i int) (*dateMention, bool) {
	t := &d.toks[i]
	if t.k == tNum {
		s := t.t
		// 2019-02-11
		if len(s) == 10 && s[4] == '-' && s[7] == '-' {
			y, _ := strconv.Atoi(s[:4])
			m, _ := strconv.Atoi(s[5:7])
			day, _ := strconv.Atoi(s[8:])
			if y >= 1900 && validDate(y, m, day) {
				return &dateMention{a: i, b: i + 1, y: y, m: m, d: day, prec: precDay}, true
			}
		}
		// 11.02.2019, 11/02/2019, 11.02.19 г.
		for _, sep := range []string{".", "/"} {
			parts := strings.Split(s, sep)
			if len(parts) != 3 || len(parts[0]) > 2 || len(parts[1]) > 2 || (len(parts[2]) != 4 && len(parts[2]) != 2) {
				continue
			}
			a, _ := strconv.Atoi(parts[0])
			b, _ := strconv.Atoi(parts[1])
			y, _ := strconv.Atoi(parts[2])
			if len(parts[2]) == 2 {
				y += 2000
			}
			day, m := a, b
			if b > 12 && a <= 12 { // 02/11/2019 in the American order
				day, m = b, a
			}
			if validDate(y, m, day) && y <= 2099 {
				end := i + 1
				end += d.yearWord(end)
				return &dateMention{a: i, b: end, y: y, m: m, d: day, prec: precDay}, true
			}
		}
		// "10.2021" opening a chronology's line or cell: a month and its year.
		if m, y, ok := strings.Cut(s, "."); ok && len(m) == 2 && len(y) == 4 && (d.onlyMarksBefore(i) || t.cell != 0) {
			mm, yy := digits(m, 2), digits(y, 4)
			if mm >= 1 && mm <= 12 && yy >= 1990 && yy <= 2099 {
				return &dateMention{a: i, b: i + 1, y: yy, m: mm, prec: precMonth}, true
			}
		}
		// "[03.02, 08:47]": a feed's post stamped with its day and month and a time, at the
		// start of its line; the year is the text's, or none where none is told.
		if day, m, ok := strings.Cut(s, "."); ok && len(day) == 2 && len(m) == 2 && d.stampTime(i+1) && d.onlyMarksBefore(i) {
			dd, mm := digits(day, 2), digits(m, 2)
			if validDate(2000, mm, dd) {
				return &dateMention{a: i, b: i + 1, m: mm, d: dd, prec: precNoYear}, true
			}
		}
		// A period, "10-16 March 2025", "10–16 марта": its last day.
		if a, b, ok := strings.Cut(s, "-"); ok && len(a) <= 2 && len(b) <= 2 && len(b) > 0 {
			if m := d.month(i + 1); m > 0 {
				day, _ := strconv.Atoi(b)
				end := i + 2
				y := 0
				if d.isYear(end) {
					y = d.num(end)
					end++
				}
				if validDate(y, m, day) {
					p := precDay
					if y == 0 {
						p = precNoYear
					}
					return &dateMention{a: i, b: end, y: y, m: m, d: day, prec: p, rangeEnd: true}, true
				}
			}
		}
		// 6 February 2019, 6th of February, 6 февраля 2019 года
		day := d.num(i)
		if day >= 1 && day <= 31 && len(strings.TrimRight(s, "stndrh")) <= 2 {
			j := i + 1
			if d.word(j, "of") {
				j++
			}
			if m := d.month(j); m > 0 {
				end := j + 1
				if d.punct(end, ".") && len(d.toks[j].t) <= 4 {
					end++
				}
				k := end
				if d.punct(k, ",") {
					k++
				}
				if d.isYear(k) {
					y := d.num(k)
					end = k + 1
					end += d.yearWord(end)
					if validDate(y, m, day) {
						// "7–13 октября 2024 года": the dash stands alone, the period ends here.
						period := i >= 2 && d.punct(i-1, "–", "—", "-") && d.toks[i-2].k == tNum && d.num(i-2) >= 1 && d.num(i-2) < day
						return &dateMention{a: i, b: end, y: y, m: m, d: day, prec: precDay, rangeEnd: period}, true
					}
				}
				if validDate(0, m, day) {
					return &dateMention{a: i, b: end, m: m, d: day, prec: precNoYear}, true
				}
			}
		}
		// Kazakh writes the year first: "2023 жылғы 21 қыркүйек", "2023 жылы 12 шілдеде",
		// "2023 жылғы қыркүйекте".
		if d.isYear(i) && d.word(i+1, "жылғы", "жылы") {
			y := d.num(i)
			if day := d.num(i + 2); day >= 1 && day <= 31 && d.month(i+3) > 0 && validDate(y, d.month(i+3), day) {
				return &dateMention{a: i, b: i + 4, y: y, m: d.month(i + 3), d: day, prec: precDay}, true
			}
			if m := d.month(i + 2); m > 0 {
				return &dateMention{a: i, b: i + 3, y: y, m: m, prec: precMonth}, true
			}
		}
		// A range of years gives both: "the 2024–2025 protests", "в 2023–2024 годах".
		if d.yearRange(i) {
			return &dateMention{a: i, b: i + 1, y: d.num(i), prec: precYear}, true
		}
		if d.isYear(i) && i >= 2 && d.punct(i-1, "-", "–", "—") && d.yearRange(i-2) {
			return &dateMention{a: i, b: i + 1 + d.yearWord(i+1), y: d.num(i), prec: precYear}, true
		}
		// A year with a cue: "in 2017", "since 2021", "в 2017 году", "2019 года".
		if d.isYear(i) && !d.punct(i-1, "/", "-", "№", "#") && !d.word(i-1, "no", "article", "статья", "статьи", "ст") {
			cue := d.word(i-1, "in", "since", "until", "till", "by", "from", "during", "early", "late", "mid", "around", "of", "before", "after", "в", "с", "до", "по", "к", "от", "начале", "конце", "середине", "году", "and", "to", "и") ||
				d.punct(i-1, "-", "–") && d.word(i-2, "mid") ||
				// "Imomnazar Qurbonov (1985)", "(born 1990)": a year of birth.
				d.word(i-1, "born") || d.punct(i-1, "(") && d.punct(i+1, ")")
			if d.word(i-1, "of") && !d.word(i-2, "spring", "summer", "autumn", "fall", "winter", "end", "beginning", "start", "middle") {
				cue = false
			}
			if d.word(i-1, "and", "to", "и") && !d.isYear(i-2) {
				cue = false
			}
			w := d.yearWord(i + 1)
			if w > 0 && d.word(i+1, "year") {
				w = 0
			}
			if cue || w > 0 || d.attributiveYear(i) {
				return &dateMention{a: i, b: i + 1 + w, y: d.num(i), prec: precYear}, true
			}
		}
		return nil, false
	}
	if t.k != tWord {
		return nil, false
	}
	m := d.month(i)
	if m == 0 {
		return nil, false
	}
	j := i + 1
	if d.punct(j, ".") && len(t.t) <= 4 {
		j++
	}
	// February 6, 2019; Feb. 6th
	if day := d.num(j); day >= 1 && day <= 31 && len(strings.TrimRight(d.toks[j].t, "stndrh")) <= 2 && !t.cyr {
		end := j + 1
		k := end
		if d.punct(k, ",") {
			k++
		}
		if d.isYear(k) {
			y := d.num(k)
			if validDate(y, m, day) {
				return &dateMention{a: i, b: k + 1, y: y, m: m, d: day, prec: precDay}, true
			}
		}
		if validDate(0, m, day) {
			return &dateMention{a: i, b: end, m: m, d: day, prec: precNoYear}, true
		}
	}
	// September 2018, в сентябре 2018 года
	k := j
	if d.punct(k, ",") {
		k++
	}
	if d.isYear(k) {
		end := k + 1
		end += d.yearWord(end)
		return &dateMention{a: i, b: end, y: d.num(k), m: m, prec: precMonth}, true
	}
	// A month alone, "In September", "в октябре": its year comes from the text around it.
	// Kazakh says "in" by the case: "ақпанда", "ақпан айында" (in the month of February).
	if d.word(j, "айында") {
		return &dateMention{a: i, b: j + 1, m: m, prec: precMonth}, true
	}
	if kkMonthAt[t.low] {
		return &dateMention{a: i, b: j, m: m, prec: precMonth}, true
	}
	if d.word(i-1, "in", "since", "until", "till", "by", "from", "early", "late", "mid", "during", "last", "this", "в", "с", "до", "по", "к", "начале", "конце", "середине") ||
		d.word(i-1, "the") && j < len(d.toks) && d.toks[j].k == tWord && !d.toks[j].cap && !t.cyr { // "the January unrest"
		return &dateMention{a: i, b: j, m: m, prec: precMonth}, true
	}
	return nil, false
}

// relWords are the first words of the relative expressions relative reads, besides numbers;
// a test keeps them in step.
var relWords = wordSet(`after hours immediately last later minutes moments next shortly soon spent that the this today
	yesterday в во вскоре вчера на назавтра накануне провел провела провели провёл сегодня спустя тем того через позавчера прошлой прошлым
	кеше келесі`)

// mayCount reports a token that may start a number: digits or a number word.
func (d *doc) mayCount(i int) bool {
	return i >= 0 && i < len(d.toks) && (d.toks[i].k == tNum || d.is(i, cNumber))
}

var enNumbers = map[string]int{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
	"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
	"forty": 40, "fifty": 50, "sixty": 60,
}

var ruNumbers = map[string]int{}

func init() {
	for w, n := range map[string]int{
		"один": 1, "одна": 1, "одного": 1, "одному": 1, "одной": 1, "одним": 1, "одну": 1,
		"два": 2, "две": 2, "двух": 2, "двум": 2, "двумя": 2,
		"три": 3, "трёх": 3, "трех": 3, "трём": 3, "трем": 3, "тремя": 3,
		"четыре": 4, "четырёх": 4, "четырех": 4, "четырём": 4, "четырем": 4, "четырьмя": 4,
		"пять": 5, "пяти": 5, "пятью": 5, "шесть": 6, "шести": 6, "шестью": 6, "семь": 7, "семи": 7, "семью": 7,
		"восемь": 8, "восьми": 8, "восемью": 8, "девять": 9, "девяти": 9, "девятью": 9, "десять": 10, "десяти": 10, "десятью": 10,
		"одиннадцать": 11, "одиннадцати": 11, "двенадцать": 12, "двенадцати": 12, "тринадцать": 13, "тринадцати": 13,
		"четырнадцать": 14, "четырнадцати": 14, "пятнадцать": 15, "пятнадцати": 15, "шестнадцать": 16, "шестнадцати": 16,
		"семнадцать": 17, "семнадцати": 17, "восемнадцать": 18, "восемнадцати": 18, "девятнадцать": 19, "девятнадцати": 19,
		"двадцать": 20, "двадцати": 20, "тридцать": 30, "тридцати": 30,
		// Kazakh ("он", ten, is the Russian "he" and is left out).
		"бір": 1, "екі": 2, "үш": 3, "төрт": 4, "бес": 5, "алты": 6, "жеті": 7, "сегіз": 8, "тоғыз": 9, "жиырма": 20,
	} {
		ruNumbers[w] = n
	}
}

// count reads a number written in digits or words at token i: its value and token length.
func (d *doc) count(i int) (int, int) {
	if v := d.num(i); v > 0 && !strings.ContainsAny(d.toks[i].t, ".,/:-") {
		return v, 1
	}
	if i < 0 || i >= len(d.toks) || d.toks[i].k != tWord {
		return 0, 0
	}
	low := d.toks[i].low
	if d.toks[i].cyr {
		if n, ok := ruNumbers[low]; ok {
			return n, 1
		}
		return 0, 0
	}
	if n, ok := enNumbers[low]; ok {
		// "twenty-one" is one token with a hyphen.
		return n, 1
	}
	if a, b, ok := strings.Cut(low, "-"); ok {
		if x, ok1 := enNumbers[a]; ok1 && x >= 20 {
			if y, ok2 := enNumbers[b]; ok2 && y < 10 {
				return x + y, 1
			}
		}
	}
	return 0, 0
}

// unit reads a unit of time at token i: 'd' (days), 'w', 'm' (months), 'y'.
func (d *doc) unit(i int) byte {
	if i < 0 || i >= len(d.toks) || d.toks[i].k != tWord {
		return 0
	}
	switch d.toks[i].low {
	case "day", "days", "день", "дня", "дней", "сутки", "суток", "night", "nights", "ночь", "ночи", "ночей", "күн", "күннен", "күнге", "күнде", "тәулік", "тәулікке", "тәуліктен":
		return 'd'
	case "week", "weeks", "неделя", "недели", "неделю", "недель", "неделе", "апта", "аптадан", "аптаға":
		return 'w'
	case "month", "months", "месяц", "месяца", "месяцев", "месяцам", "месяцами", "мес", "mos", "айдан", "ай", "айға":
		return 'm'
	case "year", "years", "год", "года", "лет", "году", "годам", "годами", "годах", "yrs", "жылдан", "жыл", "жылға":
		return 'y'
	case "hours", "часов", "часа":
		return 'h'
	case "y", "m":
		// "6 y. 6 m.": a list's abbreviated terms, after a number and before their point.
		if i > 0 && d.toks[i-1].k == tNum && d.punct(i+1, ".") {
			return d.toks[i].low[0]
		}
	}
	return 0
}

// periodStart returns the first day of a period whose last day is m, of m's month and year,
// and marks m with it: "10-16 March", "3–9 November 2025", "between 18 and 24 May 2025",
// "from 10 to 17 October", "с 1 по 13 октября". Nil when m ends no period.
func (d *doc) periodStart(m *dateMention) *dateMention {
	if m.prec != precDay && m.prec != precNoYear {
		return nil
	}
	day, at := 0, -1
	if a, _, ok := strings.Cut(d.toks[m.a].t, "-"); ok && m.rangeEnd && d.toks[m.a].k == tNum {
		day, at = atoiOr0(a), m.a // one token: "10-16"
	} else if k := m.a - 2; k >= 0 && d.toks[k].k == tNum && !strings.ContainsAny(d.toks[k].t, ".,:/-") {
		dash := d.punct(k+1, "–", "—", "-")
		between := d.word(k+1, "and", "и") && d.word(k-1, "between", "между") ||
			d.word(k+1, "to", "till", "until", "по", "до") && d.word(k-1, "from", "с", "со")
		if dash || between {
			day, at = d.num(k), k
		}
	}
	// A night ("of 11-12 January") is dated by its last day alone.
	if at < 0 || day < 1 || day >= m.d-1 {
		return nil
	}
	m.from, m.period = day, m
	b := at + 1
	if b > m.a {
		b = m.a
	}
	if at == m.a {
		b = m.a + 1
	}
	return &dateMention{a: at, b: b, y: m.y, m: m.m, d: day, prec: m.prec, period: m}
}

func atoiOr0(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}

// relKind is how a relative expression is resolved.
type relKind int

const (
	relAnchor   relKind = iota // from the date before it in the text
	relDateline                // from the date of the document
)

// relative parses a relative date expression at token i: its offset (n units, negative
// for earlier), the unit, what it is resolved against, whether it is "after CLAUSE" (the
// clause happened n units before the date of its sentence), and its token length.
func (d *doc) relative(i int) (n int, u byte, kind relKind, after bool, length int) {
	if !d.mayCount(i) && !d.is(i, cRel) {
		return 0, 0, 0, false, 0
	}
	w := func(k int, ws ...string) bool { return d.word(i+k, ws...) }
	switch {
	case w(0, "the") && w(1, "next", "following") && w(2, "day", "morning", "afternoon", "evening", "night"):
		return 1, 'd', relAnchor, false, 3
	case w(0, "келесі") && w(1, "күні"):
		return 1, 'd', relAnchor, false, 2 // Kazakh "the next day"
	// "detained the following Tuesday", "в следующий вторник": the first such weekday after
	// the day before it ('W', the weekday in n).
	case w(0, "the") && w(1, "next", "following") && d.toks[min(i+2, len(d.toks)-1)].cap && weekdayOf(d.word2(i+2)) >= 0,
		w(0, "в", "во") && w(1, "следующий", "следующую", "следующее") && weekdayOf(d.word2(i+2)) >= 0:
		return weekdayOf(d.word2(i + 2)), 'W', relAnchor, false, 3
	case w(0, "next") && w(1, "day") && !w(-1, "the"):
		return 1, 'd', relAnchor, false, 2
	case w(0, "the") && w(1, "day") && w(2, "after") && !d.word(i+3, "tomorrow"):
		return 1, 'd', relAnchor, true, 3 // "on 2 July, the day after the protests began": backdated
	case w(0, "the") && w(1, "day") && w(2, "before") && !w(3, "yesterday"):
		return -1, 'd', relAnchor, false, 3
	case w(0, "the") && w(1, "previous", "preceding") && w(2, "day"):
		return -1, 'd', relAnchor, false, 3
	case w(0, "the") && w(1, "same") && w(2, "day", "evening", "morning", "night"),
		w(0, "that") && w(1, "same") && w(2, "day", "evening", "night", "morning"),
		w(0, "later") && w(1, "that") && w(2, "day", "evening", "night"):
		return 0, 'd', relAnchor, false, 3
	case w(0, "that") && w(1, "day", "evening", "night", "morning") && !w(2, "of", "when"):
		return 0, 'd', relAnchor, false, 2
	case w(0, "shortly", "soon", "immediately") && w(1, "after", "afterwards", "thereafter") && !d.word(i+2, "the", "his", "her", "their", "midnight", "noon") && (d.punct(i+2, ",") || i+2 < len(d.toks) && d.toks[i+2].k != tNum && d.month(i+2) == 0):
		return 0, 'd', relAnchor, false, 2
	case w(0, "moments", "minutes", "hours") && w(1, "later"):
		return 0, 'd', relAnchor, false, 2
	case w(0, "yesterday"):
		return -1, 'd', relDateline, false, 1
	case w(0, "the") && w(1, "day") && w(2, "before") && w(3, "yesterday"):
		return -2, 'd', relDateline, false, 4
	case w(0, "last") && w(1, "autumn", "spring", "summer", "winter", "fall") && !w(-1, "the"):
		return -1, 'y', relDateline, false, 2 // the season of the year before the dateline's
	case w(0, "today") && !w(1, "'s"):
		return 0, 'd', relDateline, false, 1
	case w(0, "last") && w(1, "year"):
		return -1, 'y', relDateline, false, 2
	case w(0, "this") && w(1, "year"):
		return 0, 'y', relDateline, false, 2
	case w(0, "last") && w(1, "month"):
		return -1, 'm', relDateline, false, 2
	// Russian.
	case w(0, "на") && w(1, "следующий", "другой") && w(2, "день"), w(0, "на") && w(1, "следующее") && w(2, "утро"):
		return 1, 'd', relAnchor, w(3, "после"), 3
	case w(0, "назавтра"):
		return 1, 'd', relAnchor, false, 1
	case w(0, "через", "спустя") && w(1, "день", "сутки"):
		return 1, 'd', relAnchor, false, 2
	case w(0, "накануне") && !d.word(i+1, "выборов", "суда", "заседания", "приговора", "акции", "митинга"):
		return -1, 'd', relAnchor, false, 1
	case w(0, "в", "во") && w(1, "тот", "этот") && w(2, "же") && w(3, "день", "вечер"):
		return 0, 'd', relAnchor, false, 4
	case w(0, "в") && w(1, "тот") && w(2, "день") && !w(3, "когда"):
		return 0, 'd', relAnchor, false, 3
	case w(0, "тем") && w(1, "же") && w(2, "днём", "днем", "вечером"):
		return 0, 'd', relAnchor, false, 3
	case w(0, "того") && w(1, "же") && w(2, "дня", "вечера"), w(0, "в") && w(1, "тот", "этот") && w(2, "же") && w(3, "вечер"):
		if w(0, "в") {
			return 0, 'd', relAnchor, false, 4
		}
		return 0, 'd', relAnchor, false, 3
	case w(0, "вскоре"):
		return 0, 'd', relAnchor, false, 1
	case w(0, "вчера", "кеше"):
		return -1, 'd', relDateline, false, 1
	case w(0, "позавчера"):
		return -2, 'd', relDateline, false, 1
	case w(0, "прошлой") && w(1, "осенью", "весной", "зимой"), w(0, "прошлым") && w(1, "летом"):
		return -1, 'y', relDateline, false, 2
	case w(0, "сегодня"):
		return 0, 'd', relDateline, false, 1
	case w(0, "в") && w(1, "прошлом") && w(2, "году"):
		return -1, 'y', relDateline, false, 3
	case w(0, "в") && w(1, "этом", "текущем") && w(2, "году"):
		return 0, 'y', relDateline, false, 3
	}
	// "spent two nights in a police cell before being released": the release is that much later.
	if d.word(i, "spent", "провёл", "провел", "провела", "провели") {
		if c, l := d.count(i + 1); c > 0 && d.unit(i+1+l) != 0 {
			_, sb := d.sentenceOf(i)
			for k := i + 2 + l; k < min(sb, i+12); k++ {
				if d.word(k, "before", "until", "прежде", "пока") {
					return c, d.unit(i + 1 + l), relAnchor, false, 2 + l
				}
			}
		}
	}
	// "Две недели она провела в изоляторе, после чего...": that much after the date before.
	if c, l := d.count(i); c > 0 && d.unit(i+l) != 0 && d.unit(i+l) != 'h' {
		_, sb := d.sentenceOf(i)
		if d.anyWord(i+l+1, i+l+4, "провёл", "провел", "провела", "провели", "spent") && d.anyWord(i+l+2, sb, "после", "before", "until", "прежде") {
			return c, d.unit(i + l), relAnchor, false, 1 + l
		}
	}
	// "released after 72 hours", "after two days": that much after the date before.
	if d.word(i, "after") {
		// Not "dies in prison after 22 years without contact": years after which something
		// happened are a time spent, not a day.
		// Nor "will be made public after 60 days": a time to come is no day of the story.
		sa, _ := d.sentenceOf(i)
		// Nor "after four months behind bars": a time spent in custody.
		if c, l := d.count(i + 1); c > 0 && d.unit(i+1+l) != 0 && d.unit(i+1+l) != 'y' && !d.word(i+2+l, "of", "in", "behind", "under") && !d.anyWord(sa, i, "will", "would", "shall", "if", "unless") {
			return c, d.unit(i + 1 + l), relAnchor, false, 2 + l
		}
	}
	// N units later / after / before / earlier / ago; через N units; N units спустя; N лет назад.
	if d.word(i, "через", "спустя") {
		if c, l := d.count(i + 1); c > 0 {
			if u := d.unit(i + 1 + l); u != 0 {
				return c, u, relAnchor, false, 2 + l
			}
		}
		// "через двое суток": a collective numeral counts days too.
		if i+1 < len(d.toks) {
			if c, ok := collectives[d.toks[i+1].low]; ok && d.unit(i+2) != 0 {
				return c, d.unit(i + 2), relAnchor, false, 3
			}
		}
		return 0, 0, 0, false, 0
	}
	c, l := d.count(i)
	if c == 0 {
		return 0, 0, 0, false, 0
	}
	u = d.unit(i + l)
	if u == 0 {
		return 0, 0, 0, false, 0
	}
	j := i + l + 1
	// "gets seven years after a closed trial", "sentenced to two years after": a term, not
	// a time from a day.
	if d.word(i-1, "gets", "get", "got", "given", "receives", "received", "serve", "serves", "serving", "served", "to", "for", "jails", "jailed") {
		return 0, 0, 0, false, 0
	}
	switch {
	case d.word(j, "later", "afterwards", "спустя", "позже", "позднее", "кейін", "соң"): // "екі күннен кейін"
		return c, u, relAnchor, false, j - i + 1
	case d.word(j, "after") && !d.word(j+1, "his", "her", "their", "being", "the", "a"):
		return c, u, relAnchor, true, j - i + 1
	// "on 14 May 2024, a week after a gathering was dispersed": in apposition to a day, the
	// event after "after" is that much before it, when no telling of it before dates it.
	// Not "barely five weeks after", nor a clause that gives its own day ("two days after
	// the largest gathering on 22 October").
	case d.word(j, "after") && d.word(j+1, "his", "her", "their", "the", "a") && !d.word(i-1, "barely", "almost", "nearly", "about", "around", "roughly", "some", "over"):
		sa, sb := d.sentenceOf(i)
		if !d.datedJustBefore(i, sa) {
			break
		}
		for k := j + 1; k < sb && !d.punct(k, ",", ";", ".", "(", "—", "–"); k++ {
			if m, ok := d.absolute(k); ok && m.prec != precYear {
				return 0, 0, 0, false, 0
			}
		}
		return c, u, relAnchor, true, j - i + 1
	case d.word(j, "earlier", "previously"):
		return -c, u, relAnchor, false, j - i + 1
	case d.word(j, "before") && d.punct(j+1, ",", "."):
		return -c, u, relAnchor, false, j - i + 1
	case d.word(j, "ago", "назад"):
		return -c, u, relDateline, false, j - i + 1
	}
	return 0, 0, 0, false, 0
}

// weekdayOf returns the weekday a word names, or -1.
func weekdayOf(w string) int {
	if wd, ok := weekdays[w]; ok {
		return int(wd)
	}
	return -1
}

var weekdays = map[string]time.Weekday{
	"monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday, "thursday": time.Thursday,
	"friday": time.Friday, "saturday": time.Saturday, "sunday": time.Sunday,
	"понедельник": time.Monday, "вторник": time.Tuesday, "среду": time.Wednesday, "четверг": time.Thursday,
	"пятницу": time.Friday, "субботу": time.Saturday, "воскресенье": time.Sunday,
	// Kazakh, in the locative: "сейсенбіде" (on Tuesday).
	"дүйсенбіде": time.Monday, "сейсенбіде": time.Tuesday, "сәрсенбіде": time.Wednesday, "бейсенбіде": time.Thursday,
	"жұмада": time.Friday, "сенбіде": time.Saturday, "жексенбіде": time.Sunday,
}

func isWeekday(w string) bool { _, ok := weekdays[w]; return ok }

// findDates finds every date in document order, resolving partial and relative ones against
// the dates before them and the dateline.
func (d *doc) findDates() {
	d.findDateline()
	if d.dateline == nil && d.docDate == nil {
		d.findTrailingDateline()
	}
	var anchor *dateMention // the last date to the day
	var latest *dateMention // the latest date to the day of the story, not the dateline
	backAt := -1            // the last "N days after CLAUSE", whose clause is dated before its sentence
	var lastYear int        // the year of the last date with a year
	var post *dateMention   // the stamp of a later post of a feed, which relative days count from
	if d.dateline != nil {
		anchor, lastYear = d.dateline, d.dateline.y
		d.addDate(d.dateline, "dateline")
		if d.postStamp(d.dateline) {
			d.postStamps = append(d.postStamps, d.dateline.a) // the feed's first post
		}
	}
	for i := 0; i < len(d.toks); i++ {
		t := &d.toks[i]
		if t.note && !t.used {
			// "[2] Trial notes, hearing of 14 May 2025": a note's full date is a date of the
			// document, though no day the story goes on from.
			if m, ok := d.absolute(i); ok && m.y != 0 && (m.prec == precDay || m.prec == precMonth) {
				for k := m.a; k < m.b; k++ {
					d.toks[k].used = true
				}
				d.proposeDate(m, "")
				i = m.b - 1
				continue
			}
		}
		if t.skip || t.used {
			continue
		}
		// "the protests of 2024-2025", written as one token: both years.
		if y1, y2, ok := glued(t); ok && !d.punct(i-1, "/", "№", "#") && !d.copyright(i) {
			d.addDate(&dateMention{a: i, b: i + 1, y: y1, prec: precYear}, "")
			d.addDate(&dateMention{a: i, b: i + 1, y: y2, prec: precYear}, "")
			lastYear = y2
			continue
		}
		if m, ok := d.absolute(i); ok {
			if d.dateline != nil && m.a == d.dateline.a {
				i = m.b - 1
				continue
			}
			m.until = d.word(i-1, "until", "till", "до", "by", "through")
			m.since = d.word(i-1, "since", "с") && m.prec < precDay
			if m.rangeEnd && d.docDate != nil && d.docDate.a == m.a {
				i = m.b - 1 // the period a digest covers dates the text, but is no event of it
				if m.y != 0 {
					lastYear = m.y
				}
				continue
			}
			// A day or month without a year and a phrase that names the year: "в октябре
			// прошлого года", "в марте этого года" (the text's year, whatever year was told
			// last), "в марте следующего года", "3 октября того же года". (In the text a period,
			// "on the night of 11-12 January", is dated by its last day.)
			if m.prec == precNoYear || m.prec == precMonth && m.y == 0 {
				ref, l := d.yearPhrase(m.b)
				if ref == noYearRef {
					ref = d.kkYearPhrase(m.a) // Kazakh names the year before the day
				}
				y := 0
				switch {
				case ref == yearBefore && d.docDate != nil && d.docDate.y != 0:
					y = d.docDate.y - 1
				case ref == thisYear && d.docDate != nil && d.docDate.y != 0:
					y = d.docDate.y
				case ref == nextYear && lastYear != 0:
					y = lastYear + 1
				case ref == sameYear && lastYear != 0:
					y = lastYear
				}
				if y != 0 {
					m.y = y
					if m.prec == precNoYear {
						m.prec = precDay
					}
					m.b += l
				}
			}
			if m.prec == precNoYear || m.prec == precMonth && m.y == 0 {
				if y := d.yearFor(m, i, lastYear); y != 0 {
					m.y = d.weekdayYear(m, y)
					if m.prec == precNoYear {
						m.prec = precDay
					}
				} else if m.prec == precMonth {
					continue // a month without any year in sight
				}
			}
			for k := m.a; k < m.b; k++ {
				d.toks[k].used = true
			}
			// "between 18 and 24 May 2025", "3–9 November": the period's first day too.
			if st := d.periodStart(m); st != nil {
				d.addDate(st, "")
			}
			// "26.03.2025 10:15" alone on its line after the dateline: the next post of a
			// feed, whose "вчера" and "today" are counted from it.
			if (m.prec == precDay && m.y != 0 || m.prec == precNoYear) && d.postStamp(m) {
				if d.dateline != nil {
					post = m
				}
				d.postDay = m
				d.postStamps = append(d.postStamps, m.a)
			}
			d.addDate(m, "")
			if m.y != 0 && !m.until {
				lastYear = m.y
				// "the elections of 20 June" told after the day of the story: a date that names
				// a thing of the past is no day that "that night" or "the next day" go on from.
				// Nor is the earlier day inside "detained on 2 March, two days after he posted a
				// video on 29 February": the clause's, not the story's.
				inAfter := backAt >= 0 && anchor != nil && anchor.a < backAt && backAt < m.a && d.toks[backAt].sent == d.toks[m.a].sent && m.time().Before(anchor.time())
				if m.prec == precDay && !inAfter && !(d.attributiveDate(m) && anchor != nil && !anchor.dateline && m.time().Before(anchor.time())) {
					anchor = m
					latest = d.laterDay(latest, m)
				}
			} else if m.prec == precNoYear && !m.until && !m.since {
				anchor = m // "detained on 2 June ... Five days later": --06-07 where no year is told
			}
			i = m.b - 1
			continue
		}
		if t.k != tWord {
			continue
		}
		// "The rally was dispersed that night" after "the protest of 4 November": a
		// sentence about a gathering told before with its day goes back to that day.
		if m := d.gatheringDay(i); m != nil {
			anchor = m
		}
		// "on Friday", "в пятницу": the last such day on or before the dateline, or before the
		// end of the week a digest covers; "last Wednesday", "в прошлую среду": the last one
		// before it.
		last := d.word(i-1, "last", "прошлый", "прошлую", "прошлое", "өткен") || d.word(i-1, "past") && d.word(i-2, "this")
		// "Friday, Oct. 2 ... on Thursday": a dateline without a year that names its weekday
		// tells the days of the week before it, without a year.
		if wd, ok := weekdays[t.low]; ok && (d.word(i-1, "on") || d.word(i-1, "в", "во") && t.cyr) && t.cap && d.docDate != nil && d.docDate.y == 0 && d.docDate.prec == precNoYear && d.docDate.a >= 2 && i > d.docDate.b {
			if dw, ok := weekdays[d.toks[d.docDate.a-2].low]; ok && d.punct(d.docDate.a-1, ",") {
				back := (int(dw) - int(wd) + 7) % 7
				if last && back == 0 {
					back = 7
				}
				dt := time.Date(2001, time.Month(d.docDate.m), d.docDate.d, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -back)
				m := &dateMention{a: i, b: i + 1, m: int(dt.Month()), d: dt.Day(), prec: precNoYear, rel: true}
				d.addDate(m, "")
				anchor = m
				continue
			}
		}
		// In a feed, the post's day: "[20.11.2024] ... в прошлую пятницу".
		ref := d.docDate
		if post != nil && post.y != 0 && post.prec == precDay {
			ref = post
		}
		if wd, ok := weekdays[t.low]; ok && (d.word(i-1, "on", "в", "во") || last || t.cyr) && ref != nil && ref.y != 0 && ref.prec == precDay {
			if !t.cyr && !t.cap {
				continue
			}
			// "16 января 2023 года, в понедельник": the weekday of the date just before, not
			// the last such day before the text's date.
			if sa, _ := d.sentenceOf(i); d.datedJustBefore(i, sa) {
				continue
			}
			// "в четверг, 23 мая", "on Thursday, 23 May": the date after it says which.
			if i+2 < len(d.toks) && d.punct(i+1, ",") {
				if m, ok := d.absolute(i + 2); ok && m.prec != precYear {
					continue
				}
			}
			dt := ref.time()
			if last {
				dt = dt.AddDate(0, 0, -1)
			}
			for dt.Weekday() != wd {
				dt = dt.AddDate(0, 0, -1)
			}
			m := &dateMention{a: i, b: i + 1, y: dt.Year(), m: int(dt.Month()), d: dt.Day(), prec: precDay, rel: true}
			d.addDate(m, "")
			anchor, lastYear = m, m.y
			latest = d.laterDay(latest, m)
			continue
		}
		sa, sb := d.sentenceOf(i)
		// "less than a week after the search", "более чем через месяц": a bound, no day.
		vague := d.word(i-1, "than", "чем") && d.word(i-2, "less", "more", "fewer", "меньше", "больше", "менее", "более") ||
			d.word(i-1, "менее", "более", "свыше")
		if m, l := d.eventRelative(i); m != nil {
			if vague {
				i += l - 1
				continue
			}
			// "Two days after his expulsion, on 2 September": the date that follows says it.
			explicit := false
			for k := i + l; k < min(i+l+5, sb); k++ {
				if m2, ok := d.absolute(k); ok && m2.prec != precYear {
					explicit = true
					break
				}
				// Only a date in apposition says it: past another clause's words ("ten days
				// after the raid, and B on 12 January") the date is that clause's.
				if !d.punct(k, ",", "(", "—", "–", "-") && !d.word(k, "on", "in", "that", "is", "i.e", "в", "то", "есть") {
					break
				}
			}
			// "20 января, через два дня после смерти": the date written just before says it.
			if !explicit && !d.datedJustBefore(i, sa) {
				d.addDate(m, "")
				anchor = m
				if m.y != 0 {
					lastYear = m.y
				}
				latest = d.laterDay(latest, m)
			}
			i += l - 1
			continue
		}
		n, u, kind, after, l := d.relative(i)
		if l == 0 {
			continue
		}
		if vague {
			i += l - 1
			continue
		}
		// "15 июня 2023 года, почти через восемь месяцев в СИЗО": a date written just
		// before says when; the relative words tell how long it took.
		// But "задержали 23 апреля, на следующий день суд арестовал его": the next day that
		// opens a clause of its own, words after it, counts from that date.
		nextDayClause := n == 1 && u == 'd' && i+l < sb && d.toks[i+l].k == tWord
		if !after && kind == relAnchor && d.datedJustBefore(i, sa) && !nextDayClause {
			i += l - 1
			continue
		}
		// "The next day, on 7 February 2019": the date that follows says it.
		explicitNext := false
		for k := i + l; k < min(i+l+5, sb); k++ {
			if m, ok := d.absolute(k); ok && m.prec != precYear {
				explicitNext = true
				break
			}
		}
		// "в тот же день, когда был подписан указ, — 27 ноября", "the same day, when the
		// decree was signed — 27 November": the day the clause defines, said after a dash.
		if !explicitNext && d.punct(i+l, ",") && d.word(i+l+1, "когда", "when") {
			for k := i + l + 2; k < min(i+l+14, sb); k++ {
				if d.punct(k, "—", "–") {
					if m, ok := d.absolute(k + 1); ok && m.prec != precYear {
						explicitNext = true
					}
					break
				}
			}
		}
		if explicitNext {
			i += l - 1
			continue
		}
		base := anchor
		if kind == relDateline {
			base = d.dateline
			if post != nil {
				base = post
			}
			if base != nil && base.y == 0 && u != 'd' && u != 'h' && u != 'w' {
				base = nil // "last year" counted from a post's day without a year
			}
		}
		// "The next day" opening a paragraph goes on from the story's latest day, not from a
		// date of the background told in between ("Sahakyan was arrested on 9 December 2022").
		// So does one in a new section that has told no day yet ("Dawn searches ... Halina
		// Loban was released the same evening").
		// "That night" points back to the day just told, wherever it stands.
		// But a chronology that goes back within the story's weeks ("The verdict came on 11
		// September ... On 5 September officers searched the flat. // Two days later, his
		// sister was dismissed") goes on from the day the paragraph before told.
		recent := latest != nil && base != nil && latest.time().Sub(base.time()) < 31*24*time.Hour &&
			d.sents[d.toks[base.a].sent].para+1 == d.sents[d.toks[i].sent].para && !d.headingBetween(base.a, i)
		if kind == relAnchor && latest != nil && base != nil && latest.time().After(base.time()) && !d.word(i, "that") && !recent &&
			(d.sents[d.toks[i].sent].a == i && d.paraStart(i) || d.headingBetween(base.a, i)) {
			base = latest
		}
		if base == nil {
			i += l - 1
			continue
		}
		backdated := false
		if after {
			// "detained on 20 November, a day after police raided the office": the clause
			// is n units before the date of its sentence.
			for _, dm := range d.dates {
				if dm.a >= sa && dm.a < i && (dm.prec == precDay || dm.prec == precNoYear) {
					base, n, backdated = dm, -n, true
					break
				}
			}
		}
		m := &dateMention{a: i, b: i + l, rel: true, after: backdated}
		if backdated {
			backAt = i
		}
		bt := base.time()
		switch u {
		case 'd':
			bt = bt.AddDate(0, 0, n)
		case 'w':
			bt = bt.AddDate(0, 0, 7*n)
		case 'm':
			bt = bt.AddDate(0, n, 0)
		case 'y':
			bt = bt.AddDate(n, 0, 0)
		case 'h':
			bt = bt.AddDate(0, 0, n/24)
		case 'W':
			for x := 1; x <= 7; x++ {
				if bt.AddDate(0, 0, x).Weekday() == time.Weekday(n) {
					bt = bt.AddDate(0, 0, x)
					break
				}
			}
		}
		m.y, m.m, m.d = bt.Year(), int(bt.Month()), bt.Day()
		if base.y == 0 {
			// "Oct. 2 ... three months after": counted from a day without a year, the day
			// has none either (time's year 0 would roll into year 1).
			m.y = 0
			// Nor has it a weekday to count to.
			if u == 'm' && base.prec != precNoYear || u == 'y' || u == 'W' {
				i += l - 1
				continue
			}
		}
		switch {
		case kind == relDateline && u == 'y':
			m.prec = precYear
		case kind == relDateline && u == 'm':
			m.prec = precMonth
		case base.prec < precDay:
			m.prec = base.prec
		default:
			m.prec = precDay
		}
		// "two years ago, in March 2022": the date that follows says it.
		if kind == relDateline && u != 'd' {
			for k := i + l; k < min(i+l+4, sb); k++ {
				if m2, ok := d.absolute(k); ok && m2.prec >= precYear && m2.y != 0 {
					explicitNext = true
					break
				}
			}
			if explicitNext {
				i += l - 1
				continue
			}
		}
		d.addDate(m, "")
		// Days counted from a post's day without a year have none either, but are days the
		// story goes on from ("Позавчера ... В тот же вечер").
		if (m.prec == precDay || m.prec == precNoYear && base.prec == precNoYear) && !backdated {
			anchor = m
			latest = d.laterDay(latest, m)
		}
		if m.y != 0 {
			lastYear = m.y
		}
		i += l - 1
	}
}

// attributiveDate reports an English day that names a thing after "of" ("the elections of
// 20 June", "the decision of 3 March"), not the time of a part of a day ("the night of 9
// May").
func (d *doc) attributiveDate(m *dateMention) bool {
	return d.word(m.a-1, "of") && !d.word(m.a-2, "morning", "evening", "night", "afternoon", "day", "hours", "events", "end", "beginning", "start")
}

// laterDay returns the later of two days of the story; days after the dateline (plans) are not
// the story's.
func (d *doc) laterDay(x, m *dateMention) *dateMention {
	if m.prec != precDay || m.dateline || d.dateline != nil && m.time().After(d.dateline.time()) {
		return x
	}
	if x == nil || m.time().After(x.time()) {
		return m
	}
	return x
}

// headingBetween reports a section's title between tokens a and b.
func (d *doc) headingBetween(a, b int) bool {
	for si := d.toks[a].sent + 1; si < len(d.sents) && d.sents[si].a < b; si++ {
		if d.heading(d.sents[si]) {
			return true
		}
	}
	return false
}

// gatheringDay returns, for token i that opens a sentence about a gathering told before
// ("The rally, held against the law, was dispersed", "Акцию разогнали"), with no date of its
// own, the day the text gave that gathering; else nil.
func (d *doc) gatheringDay(i int) *dateMention {
	si := d.toks[i].sent
	s := d.sents[si]
	if i != s.a {
		return nil
	}
	k := i
	if !d.toks[i].cyr {
		if !d.word(i, "the", "this", "that") {
			return nil
		}
		k++
	}
	if k >= s.b || d.toks[k].k != tWord || !gatheringFamily.words[d.toks[k].low] {
		return nil
	}
	for x := k + 1; x < s.b; x++ {
		if _, ok := d.absolute(x); ok {
			return nil // a date of its own
		}
	}
	return d.familyDate(gatheringFamily, i, false)
}

// paraStart reports a token that opens its paragraph.
func (d *doc) paraStart(i int) bool {
	si := d.toks[i].sent
	return si == 0 || d.sents[si-1].para != d.sents[si].para
}

// A yearRef is the year a phrase after a day or a month without one names.
type yearRef int

const (
	noYearRef  yearRef = iota
	yearBefore         // "прошлого года", "last year": the year before the text's
	thisYear           // "этого года", "this year": the text's year
	sameYear           // "того же года", "of that year": the year told last
	nextYear           // "следующего года", "the following year": the year after the one told last
)

// yearPhrase reads a phrase at token i that names the year of the day or month before it:
// which year, and the phrase's length.
func (d *doc) yearPhrase(i int) (yearRef, int) {
	w := func(k int, ws ...string) bool { return d.word(i+k, ws...) }
	switch {
	case w(0, "прошлого", "минувшего") && w(1, "года"), w(0, "last") && w(1, "year"):
		return yearBefore, 2
	case w(0, "of") && w(1, "last") && w(2, "year"):
		return yearBefore, 3
	case w(0, "того", "этого") && w(1, "же") && w(2, "года"):
		return sameYear, 3
	case w(0, "этого", "текущего", "нынешнего", "сего") && w(1, "года"), w(0, "this") && w(1, "year"):
		return thisYear, 2
	case w(0, "of") && w(1, "this") && w(2, "year"):
		return thisYear, 3
	case w(0, "следующего", "будущего") && w(1, "года"):
		return nextYear, 2
	case w(0, "the") && w(1, "following", "next") && w(2, "year"):
		return nextYear, 3
	case w(0, "of") && w(1, "the") && w(2, "following", "next") && w(3, "year"):
		return nextYear, 4
	case w(0, "того") && w(1, "года"), w(0, "of", "that") && w(1, "year"):
		return sameYear, 2
	case w(0, "of") && w(1, "that") && w(2, "year"):
		return sameYear, 3
	case w(0, "of") && w(1, "that", "the") && w(2, "same") && w(3, "year"):
		return sameYear, 4
	}
	return noYearRef, 0
}

// kkYearPhrase reads the Kazakh phrase before token i that names the year of the day after
// it: "өткен жылдың 28 желтоқсанында" (of last year), "биылғы", "келесі жылдың".
func (d *doc) kkYearPhrase(i int) yearRef {
	switch {
	case d.word(i-2, "өткен", "былтырғы") && d.word(i-1, "жылдың", "жылғы"), d.word(i-1, "былтырғы"):
		return yearBefore
	case d.word(i-1, "биылғы") || d.word(i-2, "осы", "биыл") && d.word(i-1, "жылдың", "жылғы"):
		return thisYear
	case d.word(i-2, "келесі") && d.word(i-1, "жылдың", "жылғы"):
		return nextYear
	}
	return noYearRef
}

// future reports words before token i that put a date ahead of the text's date: "until",
// "scheduled for", "назначено на", "will".
func (d *doc) future(i int) bool {
	sa, _ := d.sentenceOf(i)
	for k := max(sa, i-5); k < i; k++ {
		if d.word(k, "until", "till", "scheduled", "due", "will", "next", "expected", "назначено", "назначен", "назначена", "состоится", "будет", "планируется", "должен", "должна", "должны", "алғашқы", "келесі",
			"postponed", "rescheduled", "перенесли", "перенесено", "перенесён", "перенесен", "перенесена", "отложили", "отложено") {
			return true
		}
		// "до 10 ноября" (until), not "за день до этого, 15 мая" (before it).
		if d.word(k, "до") && k == i-1 {
			return true
		}
	}
	return false
}

// yearFor returns the year of a day or month written without one: the year written in the
// same sentence; else, where the text has a date (a dateline or a period), the year that
// puts it closest to that date, before it, or after it for an end or a plan ("until 10
// November", "назначено на 10 апреля"); else the year last written. 0 when there is none.
func (d *doc) yearFor(m *dateMention, i, lastYear int) int {
	sa, _ := d.sentenceOf(i)
	var same *dateMention
	for _, x := range d.dates {
		// "who has lived in Vilnius since 2021, was sentenced on 2 July": a state's start
		// year does not date a day.
		// A feed post's stamp that opens the sentence is the post's day, not the story's.
		if x.a >= sa && x.a < i && x.y != 0 && !x.rel && !x.dateline && !(x.since && x.prec == precYear) && x != d.postDay {
			same = x
		}
	}
	if same != nil {
		// "задержали 3 сентября 2024 года, а 15 февраля суд приговорил": a story told forward
		// reaches, in a clause of its own, an earlier day of the calendar in the next year, where
		// that is not after the text's date; "had been detained on 2 February" and "the
		// elections of 20 June" look back instead.
		if same.prec == precDay && m.prec == precNoYear && m.m*100+m.d < same.m*100+same.d && d.docDate != nil && d.docDate.y > same.y &&
			(d.docDate.y > same.y+1 || m.m*100+m.d <= d.docDate.m*100+d.docDate.d) &&
			d.anyPunct(same.b, i, ",", ";") && !d.attributiveDate(m) && !d.anyWord(same.b, i, "had", "having", "before", "earlier", "до", "ранее") {
			return same.y + 1
		}
		// "held in pre-trial detention since October 2023, was transferred to house arrest on
		// 25 January": a day told after a state's start is after it.
		if same.since && m.prec == precNoYear && m.m*100+m.d < same.m*100+max(same.d, 0) && d.docDate != nil && d.docDate.y > same.y &&
			(d.docDate.y > same.y+1 || m.m*100+m.d <= d.docDate.m*100+d.docDate.d) {
			return same.y + 1
		}
		return same.y
	}
	// The story's year: a later day than the last date of its paragraph, in that date's
	// year ("detained on 9 February 2024 ... remanded in custody on 11 February").
	para := d.sents[d.toks[i].sent].para
	for k := len(d.dates) - 1; k >= 0; k-- {
		x := d.dates[k]
		if x.a >= i || d.sents[d.toks[x.a].sent].para != para {
			break
		}
		if x.y != 0 && x.prec == precDay && !x.dateline {
			if m.m*100+max(m.d, 0) >= x.m*100+x.d && (d.docDate == nil || x.y < d.docDate.y || m.m*100+max(m.d, 0) <= d.docDate.m*100+d.docDate.d) {
				return x.y
			}
			// "detained on 9 November 2021 ... In late January the measure was changed": the
			// story goes on into the next year, where that is before the text's date.
			if m.prec == precMonth && m.m < x.m && d.docDate != nil && d.docDate.y > x.y+1 && !d.future(i) {
				return x.y + 1
			}
			break
		}
	}
	// "On 8 September 2023 the court ... The day after the verdict ... ¶ Arrests followed: A
	// was detained on 11 September": a day a few weeks after the last day told, in another
	// paragraph, goes on with the story, in its year, where that is not after the text's date.
	if m.prec == precNoYear {
		moved := 0 // the year of a month or year told since the last day
		for k := len(d.dates) - 1; k >= 0; k-- {
			x := d.dates[k]
			if x.a >= i || x.y == 0 || x.dateline {
				continue
			}
			if x.prec != precDay {
				if moved == 0 {
					moved = x.y
				}
				continue
			}
			if moved != 0 && moved != x.y {
				break // "19 июня 2020 ... в марте этого года ... 14 августа": the story moved on
			}
			t := time.Date(x.y, time.Month(m.m), m.d, 0, 0, 0, 0, time.UTC)
			if days := t.Sub(x.time()).Hours() / 24; days >= 0 && days <= 62 && (d.docDate == nil || d.docDate.y == 0 || !t.After(d.docDate.time())) {
				return x.y
			}
			break
		}
	}
	// "20.08.2024 19:30 ¶ He writes that on 12 July he was beaten": a feed's post tells its
	// days in the year of its stamp, or the year before for a later day of the calendar.
	// A hearing it announces is of the year of its stamp, or the next.
	if p := d.postDay; p != nil && p.y != 0 && p.a < i && m.prec == precNoYear {
		md, pd := m.m*100+m.d, p.m*100+p.d
		switch future := d.future(i); {
		case future && md < pd:
			return p.y + 1
		case !future && md > pd:
			return p.y - 1
		}
		return p.y
	}
	if d.docDate != nil && d.docDate.y != 0 {
		ref := d.docDate
		y := ref.y
		md := m.m*100 + max(m.d, 0)
		rd := ref.m*100 + ref.d
		if m.prec == precMonth {
			rd = ref.m * 100
			md = m.m * 100
		}
		if d.future(i) {
			if md < rd {
				y++
			}
		} else if md > rd {
			y--
		}
		return y
	}
	// "Issue 11 (November 2025)": a month in the heading dates a digest that has no dateline;
	// its days without a year are of that month's year, or the year before.
	if len(d.dates) > 0 {
		if h := d.dates[0]; h.prec == precMonth && h.y != 0 && d.toks[h.a].s < 300 && h.a < i {
			if m.m > h.m {
				return h.y - 1
			}
			return h.y
		}
	}
	return lastYear
}

// findDateline finds the date of the document: a date in its head that stands alone on its
// line or in a segment of a line cut by "·" or "|" ("October 21, 2025 · Rights"), follows a
// place ("Warsaw, 11 February 2019", "MOSCOW, March 3, 2021 —"), or follows a word of
// publication ("Published 30.10.2024", "Recorded in Tbilisi on 18 September 2025",
// "опубликован 14.10.2024"). The head is the first six lines, and beyond them, where a web
// page's menus or a letterhead come first, the lines up to the first paragraph of prose; there
// only a date alone in its segment or after a word of publication counts, as a title or a
// table there may hold dates of the story. A day without a year (a post's "12 апреля, 09:14")
// dates the text too: the days counted from it have no year either.
func (d *doc) findDateline() {
	limit := min(len(d.text), 2500)
	linesSeen := 0
	datedLine := -1 // the start of the last line that told a day in passing
	told := false   // a long line of prose has told a day
	for i := 0; i < len(d.toks) && d.toks[i].s < limit; i++ {
		if d.toks[i].nl > 0 || i == 0 {
			linesSeen++
			// A long line of prose ends the head: the body has begun.
			if i > 0 && linesSeen > 6 && d.lineLen(d.lineStart(i-1)) > 250 {
				return
			}
			// So does a long one that tells a day ("Задержана 14 апреля 2023 года ..."): the
			// day a court diary heads its next entry with is no date of the text; a feed
			// post's stamp, with its time, still is.
			told = told || i > 0 && d.lineLen(d.lineStart(i-1)) > 250 && datedLine == d.lineStart(i-1)
		}
		if d.toks[i].skip {
			continue
		}
		m, ok := d.absolute(i)
		if ok && m.prec == precDay && m.y != 0 {
			datedLine = d.lineStart(i)
		}
		if !ok || m.prec != precDay && m.prec != precNoYear && !(m.rangeEnd && m.y != 0) {
			continue
		}
		lineStart := d.lineStart(i)
		lineEnd := m.b
		for lineEnd < len(d.toks) && d.toks[lineEnd].nl == 0 {
			lineEnd++
		}
		segStart, segEnd := i, m.b
		for segStart > lineStart && !d.punct(segStart-1, "·", "|", "•") {
			segStart--
		}
		for segEnd < lineEnd && !d.punct(segEnd, "·", "|", "•") {
			segEnd++
		}
		// "Published 30.10.2024", "Recorded in Tbilisi on 18 September 2025".
		cued := false
		for k := max(segStart, i-5); k < i; k++ {
			if d.word(k, "published", "posted", "updated", "recorded", "dated", "опубликовано", "опубликован", "опубликована", "обновлено", "записано", "записала", "записал") {
				cued = true
			}
		}
		// "Monday, 16 December 2024", "12 апреля, 09:14", "October 21, 2025".
		alone := true
		for k := segStart; k < segEnd; k++ {
			if k >= m.a && k < m.b || m.rangeEnd && k >= m.a-2 && k < m.a {
				continue
			}
			if !(d.toks[k].k == tPunct || isWeekday(d.toks[k].low) || d.toks[k].k == tNum && strings.Contains(d.toks[k].t, ":")) {
				alone = false
				break
			}
		}
		head := linesSeen <= 6 && d.toks[i].s < 600
		// "MOSCOW, March 3 (Reuters) —", "Yerevan, Friday, Oct. 2 (Agency) —": a wire's
		// dateline, which gives no year.
		wire := head && i-d.lineStart(i) <= 4 && d.punct(i-1, ",") && d.toks[d.lineStart(i)].cap && d.punct(m.b, "(", "—", "–")
		if m.prec == precNoYear && !(alone && head) && !wire {
			continue // a day without a year is a post's date only alone near the top
		}
		// The date must open its line, or follow "Place," at the start of its line or
		// segment, or end a short line.
		before := i - lineStart
		lineLen := d.toks[lineEnd-1].e - d.toks[lineStart].s
		placed := before <= 4 && d.punct(i-1, ",", "—", "–", "-", ":") && d.toks[lineStart].cap ||
			i-segStart <= 4 && i-segStart >= 2 && d.punct(i-1, ",", "—", "–", "-", ":") && d.toks[segStart].cap
		if head {
			ok = before == 0 || placed || lineLen < 80 || cued || alone
		} else {
			ok = cued || alone || placed && (segStart > lineStart || segEnd < lineEnd || d.toks[lineStart].caps)
		}
		if ok && m.rangeEnd {
			d.docDate = m // a digest's period dates it, but is not a date of the text's facts
			continue
		}
		if ok && told && !d.stampTime(m.b) {
			return
		}
		if ok {
			m.dateline = true
			d.dateline = m
			if d.docDate == nil {
				d.docDate = m
			}
			for k := m.a; k < m.b; k++ {
				d.toks[k].used = true
			}
			return
		}
	}
}

// weekdayYear returns the year, of y and the years beside it, in which a day without a year
// falls on the weekday named beside it ("в четверг, 23 мая", "Thursday, 23 May", "23 мая
// (четверг)"); y when no weekday is named or none fits.
func (d *doc) weekdayYear(m *dateMention, y int) int {
	if m.prec != precNoYear || m.d == 0 {
		return y
	}
	wd := -1
	switch {
	case d.punct(m.a-1, ","):
		wd = weekdayOf(d.word2(m.a - 2))
	case weekdayOf(d.word2(m.a-1)) >= 0:
		wd = weekdayOf(d.word2(m.a - 1))
	case d.punct(m.b, ",", "("):
		wd = weekdayOf(d.word2(m.b + 1))
	}
	if wd < 0 {
		return y
	}
	for _, c := range []int{y, y + 1, y - 1} {
		if t := time.Date(c, time.Month(m.m), m.d, 0, 0, 0, 0, time.UTC); int(t.Weekday()) == wd && t.Day() == m.d {
			return c
		}
	}
	return y
}

// findTrailingDateline finds the date of a document that gives it only at its end, as a
// channel's post or a signed letter does: a full date that ends one of the last lines, short
// and not a sentence, after a word of publication or a signature's dash ("Пост от 22.11.2026",
// "— Канал «…», 16.11.2026", "Published 3 May 2025").
func (d *doc) findTrailingDateline() {
	lines := 0
	for i := len(d.toks) - 1; i >= 0 && lines < 3 && len(d.text)-d.toks[i].s < 400; i-- {
		if d.toks[i].nl == 0 && i > 0 {
			continue
		}
		lines++
		a := i
		b := a + 1
		for b < len(d.toks) && d.toks[b].nl == 0 {
			b++
		}
		if d.toks[b-1].e-d.toks[a].s > 100 {
			continue
		}
		for k := a; k < b; k++ {
			m, ok := d.absolute(k)
			if !ok || m.prec != precDay || m.y == 0 || m.b != b || d.toks[k].skip {
				continue
			}
			// Not "Mangystau Regional Court, 12.12.2024": a table's row ends a text too.
			cued := d.word(k-1, "от", "published", "posted", "dated", "опубликовано", "опубликован") ||
				d.punct(a, "—", "–", "-") && d.punct(k-1, ",")
			if !cued {
				break
			}
			m.dateline = true
			d.dateline, d.docDate = m, m
			for x := m.a; x < m.b; x++ {
				d.toks[x].used = true
			}
			return
		}
	}
}

// postStamp reports a date with a time and nothing else on its line: "26.03.2025 10:15".
func (d *doc) postStamp(m *dateMention) bool {
	// "📌 4 ноября, 19:10": a mark may open the line.
	for k := d.lineStart(m.a); k < m.a; k++ {
		if d.toks[k].k == tWord || d.toks[k].k == tNum {
			return false
		}
	}
	timed := false
	for k := m.b; k < len(d.toks) && d.toks[k].nl == 0; k++ {
		if d.toks[k].k == tNum && strings.Contains(d.toks[k].t, ":") {
			timed = true
			continue
		}
		if d.toks[k].k != tPunct {
			return false
		}
	}
	return timed
}

// lineStart returns the first token of token i's line.
func (d *doc) lineStart(i int) int {
	for i > 0 && d.toks[i].nl == 0 {
		i--
	}
	return i
}

// lineEnd returns the token after the last of token k's line.
func (d *doc) lineEnd(k int) int {
	for k+1 < len(d.toks) && d.toks[k+1].nl == 0 {
		k++
	}
	return k + 1
}

// lineLen returns the length in bytes of the line that starts at token i.
func (d *doc) lineLen(i int) int {
	j := i + 1
	for j < len(d.toks) && d.toks[j].nl == 0 {
		j++
	}
	return d.toks[j-1].e - d.toks[i].s
}

// datedJustBefore reports a date to the day ending a comma and at most two words before
// token i, in its sentence.
func (d *doc) datedJustBefore(i, sa int) bool {
	for k := i - 1; k >= max(sa, i-4); k-- {
		// "Её задержали 14 марта, а через неделю после задержания": a new clause.
		if d.word(k, "а", "и", "но", "and", "but", "then", "while", "whereas") {
			return false
		}
		if d.punct(k, ",") {
			// "В понедельник, накануне оглашения приговора": a weekday says the day too.
			for _, m := range d.dates {
				if m.b == k && m.prec == precDay && (!m.rel || m.b-m.a == 1 && weekdayOf(d.word2(m.a)) >= 0) {
					return true
				}
			}
			return false
		}
	}
	return false
}

// attributiveYear reports a year that qualifies the noun after it: "the 2022 protests",
// "the 2003 Criminal Code", not a count ("the 2000 people").
func (d *doc) attributiveYear(i int) bool {
	if !d.word(i-1, "the") || i+1 >= len(d.toks) || d.toks[i+1].k != tWord || d.toks[i+1].cyr {
		return false
	}
	return !d.word(i+1, "people", "persons", "protesters", "demonstrators", "participants", "signatures", "members", "votes",
		"copies", "pages", "words", "euros", "dollars", "tenge", "roubles", "rubles", "manats", "lari", "somoni", "soms", "km", "metres", "meters")
}

// addDate records a date mention, once per ISO string.
func (d *doc) addDate(m *dateMention, what string) {
	d.dates = append(d.dates, m)
	s := d.toks[m.a].sent
	d.sentDates[s] = append(d.sentDates[s], m)
	d.proposeDate(m, what)
}

// proposeDate adds a date to the result, without making it a date that others are read
// from.
func (d *doc) proposeDate(m *dateMention, what string) {
	m.iso = isoOf(m.y, m.m, m.d, m.prec)
	sp := d.span(m.a, m.b)
	for _, x := range d.res.Dates {
		if x.Date == m.iso {
			x.Mentions = append(x.Mentions, sp)
			if x.What == "" {
				x.What = what
			}
			return
		}
	}
	d.res.Dates = append(d.res.Dates, &Date{Date: m.iso, What: what, Mentions: []Span{sp}})
}

// datesIn returns the date mentions in tokens [a, b).
func (d *doc) datesIn(a, b int) []*dateMention {
	var out []*dateMention
	if a >= b || a >= len(d.toks) {
		return nil
	}
	for s := d.toks[a].sent; s < len(d.sents) && d.sents[s].a < b; s++ {
		for _, m := range d.sentDates[s] {
			if m.a >= a && m.a < b {
				out = append(out, m)
			}
		}
	}
	return out
}

// personsIn returns the person mentions that start in tokens [a, b), in text order.
func (d *doc) personsIn(a, b int) []*personMention {
	var out []*personMention
	if a >= b || a >= len(d.toks) {
		return nil
	}
	for s := d.toks[a].sent; s < len(d.sents) && d.sents[s].a < b; s++ {
		for _, m := range d.sentPersons[s] {
			if m.a >= a && m.a < b {
				out = append(out, m)
			}
		}
	}
	return out
}

// setWhat notes what happened on a date, where nothing is noted yet.
func (d *doc) setWhat(iso, what string) {
	for _, x := range d.res.Dates {
		if x.Date == iso && x.What == "" {
			x.What = what
		}
	}
}

// stampTime reports a time at token i, or after a comma there: "08:47", ", 19:30".
func (d *doc) stampTime(i int) bool {
	if d.punct(i, ",") {
		i++
	}
	if i >= len(d.toks) || d.toks[i].k != tNum || d.toks[i].nl > 0 {
		return false
	}
	h, mm, ok := strings.Cut(d.toks[i].t, ":")
	return ok && len(h) <= 2 && len(mm) == 2 && digits(h, 2) < 24 && digits(mm, 2) < 60
}

// onlyMarksBefore reports that nothing but punctuation ("[", "📌") comes before token i on its
// line.
func (d *doc) onlyMarksBefore(i int) bool {
	for k := d.lineStart(i); k < i; k++ {
		if d.toks[k].k != tPunct {
			return false
		}
	}
	return true
}

// addUnits returns t moved by n units: 'd' days, 'w' weeks, 'm' months, 'y' years.
func addUnits(t time.Time, n int, u byte) time.Time {
	switch u {
	case 'd':
		return t.AddDate(0, 0, n)
	case 'w':
		return t.AddDate(0, 0, 7*n)
	case 'm':
		return t.AddDate(0, n, 0)
	case 'y':
		return t.AddDate(n, 0, 0)
	}
	return t
}
