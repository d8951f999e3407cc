package translit

import (
	"unicode"
	"unicode/utf8"
)

// Tokens splits s into words: runs of letters, digits and combining marks. An
// apostrophe between two such characters stays inside the word (Natal'ya, Мар'яна),
// since it stands for a soft sign; hyphens and everything else split ("Nur-Sultan"
// gives "Nur" and "Sultan"), since each part of a double name is searched on its own.
func Tokens(s string) []string {
	var toks []string
	for i := 0; ; {
		start, end := nextToken(s, i)
		if start < 0 {
			return toks
		}
		toks = append(toks, s[start:end])
		i = end
	}
}

// nextToken returns the bounds of the first token of s at or after byte i, or -1, -1.
func nextToken(s string, i int) (start, end int) {
	start = -1
	for i < len(s) {
		r, size := decode(s, i)
		if isWordRune(r) {
			start = i
			i += size
			break
		}
		i += size
	}
	if start < 0 {
		return -1, -1
	}
	for i < len(s) {
		r, size := decode(s, i)
		if isWordRune(r) {
			i += size
			continue
		}
		if isApostrophe(r) && i+size < len(s) {
			if r2, _ := decode(s, i+size); isWordRune(r2) {
				i += size
				continue
			}
		}
		break
	}
	return start, i
}

func decode(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	if 0x400 <= r && r < 0x500 {
		return r != 0x482 // all Cyrillic letters and marks but the thousands sign
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// isApostrophe reports whether r is one of the characters written for an apostrophe
// or a soft sign in romanised names.
func isApostrophe(r rune) bool {
	switch r {
	case '\'', '`', '´', '‘', '’', '′', '″', 'ʹ', 'ʺ', 'ʻ', 'ʼ', 'ʽ':
		return true
	}
	return false
}
