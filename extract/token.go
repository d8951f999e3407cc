package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

type tkind uint8

const (
	tWord   tkind = iota
	tNum          // digits, with inner dots, commas, slashes or hyphens ("11.02.2019", "1,500,000", "206.3.2")
	tPunct        // one character
	tMarker       // a footnote marker: a superscript number, or a number known as one
)

// tok is one token of the text. Offsets are bytes.
type tok struct {
	t      string // the text
	low    string // lower case
	s, e   int
	sent   int   // index of its sentence
	k      tkind //
	nl     int8  // newlines before it: 0, 1, or 2 for a paragraph break
	cap    bool  // starts with an upper-case letter
	caps   bool  // two or more letters, all upper case
	cyr    bool  // holds Cyrillic letters
	sp     bool  // white space before it
	poss   bool  // followed by a possessive 's, which is not a token
	skip   bool  // in a footnote block or a headline: not a place for facts
	note   bool  // in a footnote block: a citation, whose own dates are the document's too
	used   bool  // claimed by an organisation or a date
	head   bool  // in a line written in capitals
	thead  bool  // in the head of a table whose columns are titled: no name ("Defendant  Role")
	quoted bool  // inside a short quotation
	cls    wclass
	lem    string // the lemma of the event vocabulary the word is a form of, else low

	rowStart bool  // opens a row of a table (or the text after one): a sentence of its own
	cell     uint8 // the column of a table's cell it is in, from 1; 0 outside tables
	colKind  byte  // colDemand or colSentence where its column's title says so
}

// tokenize splits text into tokens.
func tokenize(text string) []tok {
	toks := make([]tok, 0, len(text)/5)
	var nl int8
	sp := false
	defer0 := 0
	for i := 0; i < len(text); {
		// Most text is ASCII: spaces and punctuation without decoding runes.
		if c := text[i]; c < utf8.RuneSelf && !isASCIIAlnum(c) {
			switch c {
			case '\n', '\f':
				if nl < 2 {
					nl++
				}
				sp = true
				i++
				continue
			case ' ', '\t', '\r', '\v':
				sp = true
				i++
				continue
			}
			toks = append(toks, tok{s: i, e: i + 1, k: tPunct, t: text[i : i+1], low: text[i : i+1], sp: sp, nl: nl})
			i++
			nl, sp = 0, false
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n' || r == '\f':
			if nl < 2 {
				nl++
			}
			sp = true
			i += size
			continue
		case unicode.IsSpace(r) || r == '\u00ad' || r == '\u200b' || r == '\ufeff':
			sp = true
			i += size
			continue
		}
		t := tok{s: i, sp: sp, nl: nl}
		switch {
		case isLetter(r):
			var skip int
			t.e, skip = scanWord(text, i)
			t.poss = skip > 0
			t.k = tWord
			defer0 = skip
		case r >= '0' && r <= '9':
			t.e = scanNumber(text, i)
			t.k = tNum
		case isSuperDigit(r):
			j := i + size
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if !isSuperDigit(r2) {
					break
				}
				j += s2
			}
			t.e = j
			t.k = tMarker
		default:
			t.e = i + size
			t.k = tPunct
		}
		t.t = text[t.s:t.e]
		if t.k == tWord {
			fillWord(&t)
			t.classify()
		} else {
			t.low = t.t
		}
		toks = append(toks, t)
		i = t.e + defer0 // past a possessive 's or '
		defer0 = 0
		nl, sp = 0, false
	}
	return toks
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	// The Cyrillic block without the unicode tables: all letters but the signs and
	// combining marks U+0482–U+0489.
	if r >= 0x400 && r <= 0x4ff {
		return r < 0x482 || r > 0x489
	}
	return unicode.IsLetter(r)
}

// isUpper reports an upper-case letter; Cyrillic ones without the unicode tables.
func isUpper(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return 'A' <= r && r <= 'Z'
	case r >= 0x400 && r <= 0x42f: // Ѐ–Я
		return true
	case r >= 0x430 && r <= 0x45f: // а–џ
		return false
	case r >= 0x460 && r <= 0x4ff: // pairs: the upper-case letter first, except Ӏ
		if r >= 0x482 && r <= 0x489 {
			return false
		}
		if r == 0x4c0 {
			return true
		}
		if r >= 0x4c1 && r <= 0x4ce {
			return r%2 == 1
		}
		return r%2 == 0
	}
	return unicode.IsUpper(r)
}

// lower lower-cases a word; Latin and Russian letters without the tables of the unicode
// package, which is most of the time extraction spends on words.
func lower(s string) string {
	var buf []byte
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			if buf == nil {
				buf = []byte(s)
			}
			buf[i] = c + 32
			i++
		case c < utf8.RuneSelf:
			i++
		case c == 0xD0 && i+1 < len(s) && s[i+1] >= 0x90 && s[i+1] <= 0x9F: // А-П
			if buf == nil {
				buf = []byte(s)
			}
			buf[i+1] = s[i+1] + 0x20
			i += 2
		case c == 0xD0 && i+1 < len(s) && s[i+1] >= 0xA0 && s[i+1] <= 0xAF: // Р-Я → р-я (D1 80-8F)
			if buf == nil {
				buf = []byte(s)
			}
			buf[i], buf[i+1] = 0xD1, s[i+1]-0x20
			i += 2
		case c == 0xD0 && i+1 < len(s) && s[i+1] == 0x81: // Ё → ё (D1 91)
			if buf == nil {
				buf = []byte(s)
			}
			buf[i], buf[i+1] = 0xD1, 0x91
			i += 2
		case c == 0xD0 && i+1 < len(s) && s[i+1] >= 0xB0 || c == 0xD1 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9F:
			i += 2 // a lower-case Russian letter, ѐ-џ
		default:
			return strings.ToLower(s) // other scripts, other Cyrillic letters
		}
	}
	if buf == nil {
		return s
	}
	return string(buf)
}

func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isSuperDigit(r rune) bool {
	switch r {
	case '¹', '²', '³', '⁰', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹':
		return true
	}
	return false
}

func superValue(s string) int {
	n := 0
	for _, r := range s {
		switch r {
		case '¹':
			n = n*10 + 1
		case '²':
			n = n*10 + 2
		case '³':
			n = n*10 + 3
		default:
			n = n*10 + int(r-'⁰')
		}
	}
	return n
}

func isApos(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// scanWord returns the end of the word starting at i: letters, digits and marks, with
// hyphens and apostrophes between letters, and a domain name's dot ("Vlast.kz"). A
// possessive 's or s' ends the word; skip is its length in bytes, 0 when there is none.
func scanWord(text string, i int) (end int, skip int) {
	j := i
	for j < len(text) {
		if isASCIIAlnum(text[j]) {
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[j:])
		if r >= utf8.RuneSelf && (isLetter(r) || unicode.IsMark(r)) {
			j += size
			continue
		}
		if r == '-' || r == '‐' || isApos(r) || r == '.' {
			r2, s2 := utf8.DecodeRuneInString(text[j+size:])
			if isApos(r) && j > i && (text[j-1] == 's' || text[j-1] == 'S') && !isLetter(r2) && !(r2 >= '0' && r2 <= '9') && !openQuoteBefore(text, i) {
				return j, size // "Reporters' Freedom", "three years’ imprisonment"
			}
			if !isLetter(r2) {
				break
			}
			if isApos(r) {
				// 's at the end of a word is a possessive.
				if (r2 == 's' || r2 == 'S') && !isLetterAt(text, j+size+s2) {
					return j, size + s2
				}
			}
			if r == '.' {
				// Only a domain: lower-case Latin letters to the end of the word.
				k := j + size
				for k < len(text) && text[k] >= 'a' && text[k] <= 'z' {
					k++
				}
				if k-(j+size) < 2 || k-(j+size) > 6 || isLetterAt(text, k) || k < len(text) && text[k] >= '0' && text[k] <= '9' {
					break
				}
				j = k
				continue
			}
			j += size + s2
			continue
		}
		break
	}
	return j, 0
}

// openQuoteBefore reports a single quote opened before byte i on its line and not closed:
// then an apostrophe after an s closes it ("‘inciting hatred among groups’").
func openQuoteBefore(text string, i int) bool {
	from := max(0, i-300)
	open := false
	for k := from; k < i; {
		r, size := utf8.DecodeRuneInString(text[k:])
		switch {
		case r == '\n':
			open = false
		case r == '‘':
			open = true
		case r == '\'' && (k == 0 || text[k-1] == ' ' || text[k-1] == '\n' || text[k-1] == '('):
			open = true
		case (r == '’' || r == '\'') && open && k > 0 && text[k-1] != ' ':
			open = false
		}
		k += size
	}
	return open
}

func isLetterAt(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return isLetter(r)
}

// scanNumber returns the end of the number at i: digits, with '.', ',', '/', ':' or '-'
// between digits, and an English ordinal suffix.
func scanNumber(text string, i int) int {
	j := i
	for j < len(text) {
		c := text[j]
		if c >= '0' && c <= '9' {
			j++
			continue
		}
		if (c == '.' || c == ',' || c == '/' || c == '-' || c == ':') && j+1 < len(text) && text[j+1] >= '0' && text[j+1] <= '9' {
			j++
			continue
		}
		break
	}
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if strings.HasPrefix(text[j:], suf) && !isLetterAt(text, j+2) {
			return j + 2
		}
	}
	return j
}

// classify sets a word's classes and lemma from its lower-case form.
func (t *tok) classify() {
	t.cls = classOf(t.low)
	t.lem = lemmaOf(t.low, t.cyr)
	if phrasesByFirst[t.lem] != nil {
		t.cls |= cEvent
	}
}

func fillWord(t *tok) {
	// ASCII words, the most common, without decoding runes.
	ascii := true
	for i := 0; i < len(t.t); i++ {
		if t.t[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		letters, upper := 0, 0
		for i := 0; i < len(t.t); i++ {
			c := t.t[i]
			switch {
			case c >= 'A' && c <= 'Z':
				letters++
				upper++
				if letters == 1 {
					t.cap = true
				}
			case c >= 'a' && c <= 'z':
				letters++
			}
		}
		t.low = t.t
		if upper > 0 {
			t.low = strings.ToLower(t.t)
		}
		t.caps = letters > 1 && upper == letters
		return
	}
	t.low = lower(t.t)
	letters, upper := 0, 0
	first := true
	for _, r := range t.t {
		if !isLetter(r) {
			continue
		}
		letters++
		if isUpper(r) {
			upper++
			if first {
				t.cap = true
			}
		}
		if r >= 0x400 && r < 0x530 {
			t.cyr = true
		}
		first = false
	}
	t.caps = letters > 1 && upper == letters
}

// sentence is a run of tokens [a, b) ending in a full stop or a paragraph break.
type sentence struct {
	a, b int
	para int
	fn   int // the footnote marker in it, or 0
	lead int // the sentence whose verb this clause or list item continues ("He sentenced:"), or -1
}

// abbreviations before a full stop that does not end a sentence.
var abbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "no": true, "nos": true, "art": true, "arts": true,
	"para": true, "p": true, "pp": true, "vs": true, "v": true, "jr": true, "sr": true, "gen": true, "col": true,
	"lt": true, "capt": true, "maj": true, "sgt": true, "cpl": true, "adm": true, "supt": true, "insp": true, "prof": true, "rev": true, "inc": true, "ltd": true, "co": true, "cf": true, "etc": false,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true, "approx": true, "e.g": true, "i.e": true, "pt": true, "ch": true,
	"ст": true, "ч": true, "п": true, "г": true, "гг": true, "им": true, "ул": true, "д": true, "т": true, "тыс": true,
	"млн": true, "млрд": true, "руб": true, "коп": true, "обл": true, "р": true, "см": true, "пр": true, "др": true,
	"тел": true, "каб": true, "пос": true, "с": true, "гр": true, "адв": true, "проф": true, "стр": true,
	"н": true, "е": true, // "т.н. «химия»", "т.е. «…»": a quote after them goes on with the sentence
}

// sentences splits the tokens into sentences and marks each token's sentence.
func sentences(toks []tok) []sentence {
	var out []sentence
	para := 0
	start := 0
	cut := func(end int) {
		if end > start {
			lead := -1
			// A clause after a semicolon or a list item after a colon continues the sentence
			// that leads it: "He sentenced: - A to ten years; - B to nine years".
			if n := len(out); n > 0 {
				last := toks[out[n-1].b-1].t
				switch {
				case last == ":":
					lead = n - 1
				case last == ";" && out[n-1].lead >= 0:
					lead = out[n-1].lead
				case last == ";":
					lead = n - 1
				case dashLine(toks, start) && dashLine(toks, out[n-1].a) && out[n-1].lead >= 0:
					lead = out[n-1].lead // "Kotov — 5 y. (7)" after "Galiev — 6 y. (8)", led alike
				case isBullet(toks, start):
					// A list item after an item of two sentences ("- A to 18 years. The
					// prosecutor had asked for 20.") is still led by the list's lead.
					for k := n - 1; k >= 0 && k >= n-4; k-- {
						if out[k].lead >= 0 && isBullet(toks, out[k].a) {
							lead = out[k].lead
							break
						}
					}
				}
			}
			out = append(out, sentence{a: start, b: end, para: para, lead: lead})
			for k := start; k < end; k++ {
				toks[k].sent = len(out) - 1
			}
		}
		start = end
	}
	for i := 0; i < len(toks); i++ {
		if i > start && toks[i].nl >= 2 {
			cut(i)
			para++
		} else if i == start && toks[i].nl >= 2 && i > 0 {
			para++
		} else if i > start && toks[i].skip != toks[i-1].skip {
			cut(i) // a footnote block is apart from the text around it
			para++
		} else if i > start && toks[i].rowStart {
			cut(i) // a table's row is a record of its own
		} else if i > start && toks[i].nl == 1 && isBullet(toks, i) {
			cut(i) // an item of a list is a clause of its own
		} else if i > start && toks[i].nl == 1 && toks[i-1].k == tPunct && (toks[i-1].t == ":" || toks[i-1].t == ";") {
			cut(i) // "He sentenced:" then the items, one a line
		} else if i > start && toks[i].nl == 1 && toks[i].cap && titleLine(toks, start, i) {
			cut(i) // a section's title on its own line, then its text: "Arrest and pre-trial detention"
		}
		t := &toks[i]
		if t.k != tPunct || (t.t != "." && t.t != "!" && t.t != "?" && t.t != "…" && t.t != ";") {
			continue
		}
		// Closing quotes, brackets and footnote markers go with the sentence they end.
		j := i + 1
		for j < len(toks) {
			if !toks[j].sp && isClosing(toks[j].t) || toks[j].k == tMarker {
				j++
				continue
			}
			// "months.[1] She": a bracketed marker
			if toks[j].t == "[" && j+2 < len(toks) && toks[j+1].k == tMarker && toks[j+2].t == "]" {
				j += 3
				continue
			}
			break
		}
		if j >= len(toks) {
			continue
		}
		next := &toks[j]
		if !next.sp {
			continue
		}
		if t.t == ";" && t.cell != 0 && j < len(toks) && toks[j].cell != 0 && !toks[j].rowStart {
			continue // a table's row is one record, its person in the first cell
		}
		if t.t == ";" {
			// A clause keeps its own dates and persons; the sentence it continues is its lead.
			cut(j)
			i = j - 1
			continue
		}
		if t.t == "." && i > 0 {
			prev := &toks[i-1]
			if prev.k == tWord && !prev.sp || prev.k == tWord {
				if abbrevs[prev.low] && !(prev.low == "no" && next.cap) {
					continue
				}
				// An initial: one capital letter.
				if utf8.RuneCountInString(prev.t) == 1 && prev.cap {
					continue
				}
				// "4 y. 6 m.": a term's unit abbreviated after its number.
				if (prev.low == "y" || prev.low == "m") && i > 1 && toks[i-2].k == tNum && next.nl == 0 && !next.cap {
					continue
				}
			}
		}
		if next.k == tWord && !next.cap && next.nl == 0 && !next.cyr {
			continue // "approx. three", a full stop inside a sentence
		}
		if next.k == tWord && !next.cap && next.cyr && next.nl == 0 {
			continue
		}
		cut(j)
		i = j - 1
	}
	cut(len(toks))
	return out
}

// titleLine reports a title in tokens [a, b): a line of its own of at most six words, the
// first capitalised, without punctuation.
func titleLine(toks []tok, a, b int) bool {
	if b-a > 6 || !toks[a].cap || a > 0 && toks[a].nl == 0 {
		return false
	}
	for k := a; k < b; k++ {
		if toks[k].k != tWord || k > a && toks[k].nl > 0 {
			return false
		}
	}
	return true
}

// isBullet reports a list item's mark at token i, first on its line: "-", "•", "–", "*".
func isBullet(toks []tok, i int) bool {
	t := &toks[i]
	if t.k != tPunct || i+1 >= len(toks) || toks[i+1].nl > 0 {
		return false
	}
	switch t.t {
	case "-", "•", "–", "—", "*", "·":
		return true
	}
	return false
}

// dashLine reports whether what starts at token i (a list's line) opens with a name and a
// dash: a capitalised word, up to three more on the same line, then "—" or "–" ("Galiev — 6
// years (8)").
func dashLine(toks []tok, i int) bool {
	if i < 0 || i >= len(toks) || toks[i].k != tWord || !toks[i].cap {
		return false
	}
	for j := i + 1; j < len(toks) && j <= i+4; j++ {
		if toks[j].nl > 0 {
			return false
		}
		if toks[j].k == tPunct {
			return (toks[j].t == "—" || toks[j].t == "–") && toks[j].sp
		}
		if toks[j].k != tWord || !toks[j].cap {
			return false
		}
	}
	return false
}

func isClosing(s string) bool {
	switch s {
	case "\"", "'", "’", "”", "»", ")", "]", "“":
		return true
	}
	return false
}

func isOpeningQuote(s string) bool {
	switch s {
	case "\"", "'", "‘", "“", "«", "„", "‚":
		return true
	}
	return false
}

func isQuote(s string) bool {
	switch s {
	case "\"", "'", "‘", "’", "“", "”", "«", "»", "„", "‚":
		return true
	}
	return false
}

// digits returns the value of a string of one to max ASCII digits, else -1: most strings
// asked are no such number, and strconv's error for each would be an allocation.
func digits(s string, max int) int {
	if len(s) == 0 || len(s) > max {
		return -1
	}
	v := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return -1
		}
		v = v*10 + int(s[i]-'0')
	}
	return v
}

// startsWithAny reports whether w begins with one of the prefixes.
func startsWithAny(w string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// endsAny reports whether w ends with one of the suffixes.
func endsAny(w string, suffixes ...string) bool {
	for _, e := range suffixes {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}
