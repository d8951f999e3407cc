package extract

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// line is one line of the text, by byte offsets.
type line struct{ s, e int }

func lines(text string) []line {
	var out []line
	for s := 0; s < len(text); {
		e := strings.IndexByte(text[s:], '\n')
		if e < 0 {
			out = append(out, line{s, len(text)})
			break
		}
		out = append(out, line{s, s + e})
		s += e + 1
	}
	return out
}

// footnoteHead parses the marker that starts a footnote line: "1 ", "1. ", "[1] ", "(1) ",
// "¹ ", or "Source:" (number 0). It returns the number, the byte length of the marker, and
// false when the line does not start with one.
func footnoteHead(l string) (int, int, bool) {
	t := strings.TrimLeft(l, " \t")
	lead := len(l) - len(t)
	low := strings.ToLower(t[:min(len(t), 24)])
	for _, w := range []string{"sources:", "source:", "источники:", "источник:", "links:", "ссылки:"} {
		if strings.HasPrefix(low, w) {
			return 0, lead + len(w), true
		}
	}
	i := 0
	if i < len(t) && (t[i] == '[' || t[i] == '(') {
		i++
	}
	j := i
	for j < len(t) && t[j] >= '0' && t[j] <= '9' && j-i < 3 {
		j++
	}
	n := 0
	if j > i {
		n, _ = strconv.Atoi(t[i:j])
	} else {
		// Superscript digits.
		k := i
		for k < len(t) {
			r, size := utf8.DecodeRuneInString(t[k:])
			if !isSuperDigit(r) {
				break
			}
			k += size
		}
		if k == i {
			return 0, 0, false
		}
		n, j = superValue(t[i:k]), k
	}
	if n == 0 {
		return 0, 0, false
	}
	if j < len(t) && (t[j] == ']' || t[j] == ')' || t[j] == '.' || t[j] == ':') {
		j++
	}
	// A space (or the start of a URL) must follow.
	if j < len(t) && t[j] != ' ' && t[j] != '\t' && !strings.HasPrefix(t[j:], "http") {
		return 0, 0, false
	}
	return n, lead + j, true
}

// urlIn finds http(s) URLs in s, with their byte bounds.
func urlsIn(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); {
		k := strings.Index(s[i:], "http")
		if k < 0 {
			break
		}
		a := i + k
		rest := s[a:]
		if !strings.HasPrefix(rest, "http://") && !strings.HasPrefix(rest, "https://") {
			i = a + 4
			continue
		}
		b := a
		for b < len(s) {
			r, size := utf8.DecodeRuneInString(s[b:])
			// Not a URL's: quotes, brackets, and symbols a page writes after a note's address
			// (the "↩" of a back-link), which are no characters of a URL.
			if unicode.IsSpace(r) || r == '<' || r == '>' || r == '"' || r == '«' || r == '»' || r == '“' || r == '”' ||
				r > 0x7f && (unicode.IsSymbol(r) || unicode.Is(unicode.Po, r)) {
				break
			}
			b += size
		}
		// Trailing punctuation is the sentence's, not the URL's.
		for b > a {
			r, size := utf8.DecodeLastRuneInString(s[a:b])
			if strings.ContainsRune(".,;:!?)]}'’", r) && !(r == ')' && strings.Contains(s[a:b-size], "(")) {
				b -= size
				continue
			}
			break
		}
		out = append(out, [2]int{a, b})
		i = b
	}
	return out
}

// isURLPart reports whether s could be the wrapped tail of a URL: one run of characters URLs
// use, not a word of prose.
func isURLPart(s string, longLine bool, prev string) bool {
	if s == "" || strings.HasPrefix(s, "http") {
		return false
	}
	if _, _, ok := footnoteHead(s); ok {
		return false
	}
	urlish := false
	for _, r := range s {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
		case strings.ContainsRune("/-_=?&%#.~+:@!$,;*()'", r):
			urlish = true
		default:
			return false
		}
	}
	if strings.ContainsAny(s, "0123456789") {
		urlish = true
	}
	if unfinishedURL(prev) {
		urlish = true
	}
	return urlish || longLine
}

// unfinishedURL reports whether u ends in a separator, as a URL cut where a line wrapped does.
func unfinishedURL(u string) bool {
	return u != "" && strings.ContainsRune("/-=_?&", rune(u[len(u)-1]))
}

// footnotes finds footnote and endnote lines with their URLs, joining URLs that wrap across
// lines, and marks their tokens as no place for facts.
func (d *doc) footnotes() {
	ls := lines(d.text)
	var blocks [][2]int // byte ranges of footnote lines
	for i := 0; i < len(ls); i++ {
		l := d.text[ls[i].s:ls[i].e]
		n, head, ok := footnoteHead(l)
		body := ""
		start, end := ls[i].s, ls[i].e
		next := i + 1
		if ok && strings.TrimSpace(l[head:]) != "" {
			body = l[head:]
		} else if v := digits(strings.TrimSpace(l), 3); v > 0 && v < 100 {
			// A PDF's note whose number stands alone on its line, its text (with an address)
			// on the next line that is not empty: "1" / "" / "Communication ...: https://...".
			j := i + 1
			for j < len(ls) && j <= i+2 && strings.TrimSpace(d.text[ls[j].s:ls[j].e]) == "" {
				j++
			}
			if j >= len(ls) {
				continue // (a line without an address is no note: urlsIn finds none below)
			}
			n, body, end, next = v, d.text[ls[j].s:ls[j].e], ls[j].e, j+1
			l = body
		} else {
			continue
		}
		if !strings.Contains(body, "http") && next < len(ls) {
			// "1 Radio Azattyq, 12 March 2019," with the URL on the line after.
			nl := strings.TrimSpace(d.text[ls[next].s:ls[next].e])
			if strings.HasPrefix(nl, "http") {
				body += " " + nl
				end = ls[next].e
				next++
			}
		}
		spans := urlsIn(body)
		if len(spans) == 0 {
			continue
		}
		f := &Footnote{Number: n}
		for k, sp := range spans {
			u := body[sp[0]:sp[1]]
			// The last URL of the line may wrap onto the following lines.
			if k == len(spans)-1 && strings.TrimSpace(body[sp[1]:]) == "" {
				long := utf8.RuneCountInString(strings.TrimRight(l, " \t")) >= 50
				for next < len(ls) {
					cont := strings.TrimSpace(d.text[ls[next].s:ls[next].e])
					if cont == "" && unfinishedURL(u) && !strings.HasSuffix(u, "/") && next+1 < len(ls) {
						// A PDF's text may hold an empty line between a page's lines: an
						// address cut at a separator goes on after it (not at a slash, which
						// may end a whole address).
						if after := strings.TrimSpace(d.text[ls[next+1].s:ls[next+1].e]); isURLPart(after, long, u) {
							next++
							cont = after
						}
					}
					if !isURLPart(cont, long, u) {
						break
					}
					u += strings.TrimRight(cont, ".,;")
					end = ls[next].e
					next++
				}
			}
			f.URLs = append(f.URLs, u)
		}
		a, b := d.runeOffset(start), d.runeOffset(end)
		f.Span = Span{Start: a, End: b, Quote: strings.TrimSpace(d.text[start:end])}
		d.res.Footnotes = append(d.res.Footnotes, f)
		if n > 0 && d.fnNums[n] == nil {
			d.fnNums[n] = f
		}
		blocks = append(blocks, [2]int{start, end})
		i = next - 1
	}
	// Tokens in footnote lines are citations, not facts. Blocks and tokens are both in text
	// order.
	k := 0
	for _, bl := range blocks {
		for k < len(d.toks) && d.toks[k].s < bl[0] {
			k++
		}
		for k < len(d.toks) && d.toks[k].e <= bl[1] {
			d.toks[k].skip, d.toks[k].note = true, true
			k++
		}
	}
}

// trailingMarker returns the number of one or two digits that end a word of at least three
// letters, the last of them lower-case ("Тельнова1", "house12"), and where the digits begin;
// or 0.
func trailingMarker(w string) (int, int) {
	k := len(w)
	for k > 0 && w[k-1] >= '0' && w[k-1] <= '9' {
		k--
	}
	if k == len(w) || len(w)-k > 2 {
		return 0, 0
	}
	r, _ := utf8.DecodeLastRuneInString(w[:k])
	if !unicode.IsLower(r) || utf8.RuneCountInString(w[:k]) < 3 {
		return 0, 0
	}
	v, _ := strconv.Atoi(w[k:])
	return v, k
}

// markers finds the footnote markers in the text: a superscript number, a bracketed number,
// or a number of a known footnote written against the word or full stop before it ("house.1")
// or standing between two sentences ("indictments. 4 Activists"). Each sentence learns its
// marker.
func (d *doc) markers() {
	if len(d.fnNums) == 0 {
		return
	}
	for i := range d.toks {
		t := &d.toks[i]
		if t.skip {
			continue
		}
		n := 0
		switch t.k {
		case tWord:
			// "учительница Марина Тельнова1": the marker of a known footnote against a word
			// that the tokens keep as one; the word keeps its letters, the marker is noted.
			if v, k := trailingMarker(t.t); v > 0 && d.fnNums[v] != nil {
				t.t, t.low, t.e = t.t[:k], strings.ToLower(t.t[:k]), t.s+k
				t.classify()
				d.fnNums[v].Cited = true
				d.markerNum[i] = v
			}
			continue
		case tMarker:
			n = superValue(t.t)
		case tNum:
			// "declared undesirable in 2024.1 The experts": a year with the marker of a known
			// footnote against its full stop; the year keeps its token, the marker is noted.
			if y, m, ok := strings.Cut(t.t, "."); ok && len(y) == 4 && (y[:2] == "19" || y[:2] == "20") && len(m) <= 2 && !strings.Contains(m, ".") &&
				(i+1 >= len(d.toks) || d.toks[i+1].nl > 0 || d.toks[i+1].k == tWord && d.toks[i+1].cap) {
				if v, err := strconv.Atoi(m); err == nil && d.fnNums[v] != nil {
					t.t, t.low, t.e = y, y, t.s+4
					d.fnNums[v].Cited = true
					d.markerNum[i] = v
				}
				continue
			}
			v, err := strconv.Atoi(t.t)
			if err != nil || d.fnNums[v] == nil || i == 0 {
				continue
			}
			prev := &d.toks[i-1]
			nextSpaced := i+1 >= len(d.toks) || d.toks[i+1].sp || d.toks[i+1].k == tPunct
			switch {
			case d.punct(i-1, "[") && d.punct(i+1, "]"):
				n = v
			case !t.sp && nextSpaced && (prev.k == tWord || prev.k == tPunct && (prev.t == "." || prev.t == "," || prev.t == ";" || prev.t == ":" || isClosing(prev.t))):
				// "house.1", "networks.5 The", "power’2": not a decimal, not "No.1".
				if prev.t == "." && i >= 2 && (d.toks[i-2].k == tNum || d.word(i-2, "no", "nos", "art", "ст", "ч", "п")) {
					continue
				}
				if prev.k == tWord && prev.low == "article" {
					continue
				}
				n = v
			case t.sp && prev.k == tPunct && (prev.t == "." || isClosing(prev.t)) && (i+1 >= len(d.toks) || d.toks[i+1].nl > 0 || d.toks[i+1].k == tWord && d.toks[i+1].cap && d.text[t.e:min(t.e+2, len(d.text))] == "  "):
				n = v
			}
		}
		if n == 0 || d.fnNums[n] == nil {
			continue
		}
		t.k = tMarker
		d.fnNums[n].Cited = true
		d.markerNum[i] = n
	}
}

// assignMarkers gives each sentence the number of its last footnote marker.
func (d *doc) assignMarkers() {
	for i, n := range d.markerNum {
		s := d.toks[i].sent
		if d.sents[s].fn == 0 || d.sents[s].fn < n {
			d.sents[s].fn = n
		}
	}
}
