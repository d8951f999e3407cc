package translit

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s lower-cased and stripped of diacritics, without any romanisation:
// "Aïgoul" folds to "aigoul", "Жаңаөзен" stays Cyrillic as "жаңаөзен", "Ёлкин" folds to
// "елкин". It serves exact (quoted) search, where a user who typed a form wants that
// form, but not its accents or case. Й and ў keep their breve, because in Russian and
// Belarusian they are letters of their own, not accented и and у. Typographic
// apostrophes become ASCII ones; invisible format characters (a soft hyphen, a zero-width
// space: see isIgnorable) are dropped; everything else that is not a letter is kept.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	d := norm.NFD.String(s)
	out := make([]byte, 0, len(d))
	last := -1 // start of the last rune written, to put a breve back on и and у
	for _, r := range d {
		if isIgnorable(r) {
			continue
		}
		if unicode.IsMark(r) {
			if r == '\u0306' && last >= 0 {
				switch string(out[last:]) {
				case "и":
					out = append(out[:last], "й"...)
				case "у":
					out = append(out[:last], "ў"...)
				}
			}
			continue
		}
		r = unicode.ToLower(r)
		switch {
		case isApostrophe(r):
			r = '\''
		case r == 'ł':
			r = 'l'
		case r == 'ø':
			r = 'o'
		case r == 'đ':
			r = 'd'
		case r == 'ı':
			r = 'i'
		}
		last = len(out)
		out = utf8.AppendRune(out, r)
	}
	return string(out)
}
