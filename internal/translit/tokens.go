package translit

import (
	"unicode"
	"unicode/utf8"
)

// Tokens splits s into words: runs of letters, digits and combining marks. An
// apostrophe between two such characters stays inside the word (Natal'ya, Мар'яна),
// since it stands for a soft sign, and so do invisible characters (see isIgnorable);
// hyphens and everything else split ("Nur-Sultan" gives "Nur" and "Sultan"), since each
// part of a double name is searched on its own.
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
		if isApostrophe(r) || isIgnorable(r) {
			// Inside the word if a letter follows; invisible characters may stand between.
			j := i + size
			for j < len(s) {
				r2, n := decode(s, j)
				if !isIgnorable(r2) {
					break
				}
				j += n
			}
			if j < len(s) {
				if r2, _ := decode(s, j); isWordRune(r2) {
					i = j
					continue
				}
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

// isIgnorable reports whether r is an invisible format character that search ignores, so
// that a soft hyphen or a zero-width space inside "Kenzh\u00adaliyev" does not hide it from
// "Kenzhaliyev": the default-ignorable format characters (Cf) that no script of the
// registry's regions needs. Joiners shape Persian and Indic words and a zero-width space
// breaks Thai ones; for our names, matching through them is worth more. Format characters
// that are seen or carry meaning stay: Arabic, Syriac and Kaithi number signs (U+0600–U+0605,
// U+06DD, U+070F, U+08E2, U+110BD, U+110CD), the Mongolian vowel separator (U+180E).
// Variation selectors and the grapheme joiner are marks, which keys drop anyway.
func isIgnorable(r rune) bool {
	switch {
	case r < 0xad:
		return false
	case r == 0xad, // soft hyphen
		r == 0x61c,                   // Arabic letter mark
		0x200b <= r && r <= 0x200f,   // zero-width space, non-joiner, joiner; LRM, RLM
		0x202a <= r && r <= 0x202e,   // directional embeddings and overrides
		0x2060 <= r && r <= 0x206f,   // word joiner, invisible operators, directional isolates, deprecated controls
		r == 0xfeff,                  // zero-width no-break space, the byte order mark
		0xe0001 <= r && r <= 0xe007f: // tags
		return true
	}
	return false
}
