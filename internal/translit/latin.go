package translit

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// lang is the language whose romanisation ToLatin follows.
type lang int

const (
	langRU lang = iota // BGN/PCGN Russian
	langUK             // Ukrainian national system (2010), as in passports
	langBE             // Belarusian passport style (Bialiatski, Tsikhanouskaya)
	langKK             // BGN/PCGN Kazakh
)

// ToLatin returns a readable Latin transliteration of the Cyrillic letters in s,
// keeping their case ("Гульнара Байтурова" gives "Gulnara Bayturova"); other
// characters are kept. It picks the system by the letters s holds, since
// the same letter is romanised differently per language (г is g in Russian, h in
// Ukrainian): Kazakh letters (ә ғ қ ң ө ұ ү һ) give BGN/PCGN Kazakh (Qaraghandy); ў, or
// і with ы, э or ё, give the Belarusian passport style (Siarhei); ї, є, ґ, і or an
// apostrophe inside a word give the Ukrainian national system (Liudmyla); anything
// else gives BGN/PCGN Russian (Yevgeniy). It is for display and suggestions; comparisons use Key,
// and Key(ToLatin(s)) == Key(s) for the names it was tested on.
func ToLatin(s string) string {
	hasCyr := false
	for _, r := range s {
		if isCyr(unicode.ToLower(r)) {
			hasCyr = true
			break
		}
	}
	if !hasCyr {
		return s
	}
	rs := []rune(s)
	lg := detectLang(rs)
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	for i, r := range rs {
		lr := unicode.ToLower(r)
		if !isCyr(lr) {
			if isApostrophe(r) && i > 0 && i+1 < len(rs) && isCyr(unicode.ToLower(rs[i-1])) && isCyr(unicode.ToLower(rs[i+1])) {
				continue // Ukrainian apostrophe: not written in Latin
			}
			b.WriteRune(r)
			continue
		}
		var prev rune
		if i > 0 {
			prev = unicode.ToLower(rs[i-1])
		}
		out := latinOf(lg, lr, prev)
		if out == "" {
			continue
		}
		if lr == r { // lower case
			b.WriteString(out)
			continue
		}
		if allCaps(rs, i) {
			b.WriteString(strings.ToUpper(out))
			continue
		}
		first, size := utf8.DecodeRuneInString(out)
		b.WriteRune(unicode.ToUpper(first))
		b.WriteString(out[size:])
	}
	return b.String()
}

// allCaps reports whether the upper-case letter at i is part of a word written in
// capitals, where a digraph is written in capitals too (ЖОВТИС → ZHOVTIS, Жовтис →
// Zhovtis).
func allCaps(rs []rune, i int) bool {
	if i+1 < len(rs) && unicode.IsLetter(rs[i+1]) {
		return unicode.IsUpper(rs[i+1])
	}
	return i > 0 && unicode.IsUpper(rs[i-1])
}

func isCyr(r rune) bool {
	return 0x400 <= r && r < 0x500 && cyrKey[r-0x400].ok
}

func detectLang(rs []rune) lang {
	var be, uk, i, ruOnly bool
	for j, r := range rs {
		if isApostrophe(r) && j > 0 && j+1 < len(rs) && isCyr(unicode.ToLower(rs[j-1])) && isCyr(unicode.ToLower(rs[j+1])) {
			uk = true // Russian writes ъ where Ukrainian writes an apostrophe
			continue
		}
		switch unicode.ToLower(r) {
		case 'ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ':
			return langKK
		case 'ў':
			be = true
		case 'ї', 'є', 'ґ':
			uk = true
		case 'і':
			i = true
		case 'ы', 'э', 'ё', 'ъ':
			ruOnly = true
		}
	}
	switch {
	case be:
		return langBE
	case uk:
		return langUK
	case i && ruOnly:
		return langBE // і with letters Ukrainian lacks
	case i:
		return langUK
	}
	return langRU
}

func isCyrVowel(r rune) bool {
	switch r {
	case 'а', 'е', 'ё', 'и', 'о', 'у', 'ы', 'э', 'ю', 'я', 'і', 'ї', 'є', 'ә', 'ө', 'ұ', 'ү', 'ў':
		return true
	}
	return false
}

// latinOf spells the lower-case Cyrillic letter r after prev in language lg.
func latinOf(lg lang, r, prev rune) string {
	initial := prev == 0 || !unicode.IsLetter(prev) && !isApostrophe(prev)
	// Where е, ё, ю, я start a syllable they are written with y in every system.
	iotated := initial || isCyrVowel(prev) || prev == 'ь' || prev == 'ъ' || prev == 'й' || isApostrophe(prev)
	switch lg {
	case langUK:
		switch r {
		case 'г':
			if prev == 'з' {
				return "gh" // зг, so as not to read zh
			}
			return "h"
		case 'е':
			return "e"
		case 'и':
			return "y"
		case 'є':
			return pick(initial, "ye", "ie")
		case 'ї':
			return pick(initial, "yi", "i")
		case 'й':
			return pick(initial, "y", "i")
		case 'ю':
			return pick(initial, "yu", "iu")
		case 'я':
			return pick(initial, "ya", "ia")
		}
	case langBE:
		switch r {
		case 'г':
			return "h"
		case 'е':
			return pick(iotated, "ye", "e")
		case 'ё':
			return pick(iotated, "yo", "io")
		case 'ю':
			return pick(iotated, "yu", "iu")
		case 'я':
			return pick(iotated, "ya", "ia")
		case 'й':
			return pick(initial, "y", "i")
		}
	case langKK:
		switch r {
		case 'ә':
			return "ä"
		case 'ғ':
			return "gh"
		case 'қ':
			return "q"
		case 'ң':
			return "ng"
		case 'ө':
			return "ö"
		case 'ү':
			return "ü"
		}
	}
	switch r {
	case 'е':
		return pick(iotated, "ye", "e")
	case 'ё':
		switch prev {
		case 'ж', 'ч', 'ш', 'щ':
			return "o"
		}
		return "yo"
	case 'ъ', 'ь':
		return ""
	}
	return cyrKey[r-0x400].s
}

func pick(cond bool, a, b string) string {
	if cond {
		return a
	}
	return b
}
