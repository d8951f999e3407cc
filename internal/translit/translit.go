// Package translit brings the many written forms of a name together.
//
// Names in Docket arrive in Cyrillic (Russian, Ukrainian, Belarusian, Kazakh) and in
// many romanisations of it: BGN/PCGN, ISO 9, scholarly, passport styles, the Kazakh
// Latin alphabets, French and ad hoc spellings. Search and matching compare names by
// their [Key], a lossy romanisation key built by general rules over scripts and
// spelling systems, never by a list of known names: "Gulnara Bayturova", "Gulnara
// Baiturova" and "Гульнара Байтурова" all have the key "gulnara baiturov".
//
// A key is for comparison only. It is not meant to be read or shown; [ToLatin] gives a
// readable transliteration for display, and [Fold] a folded form for exact search.
//
// # Rules
//
// [WordKey] works in two passes. The first reduces the word to lower-case ASCII
// letters and digits:
//
//  1. Letters followed by combining marks are composed (NFC), so that a decomposed
//     "z"+caron is read as "ž"; every other mark is then dropped (NFD base letter).
//  2. Letters whose marks carry a sound are spelled out before marks are dropped:
//     ž→zh, š ş ș→sh, č ç ĉ→ch, ŝ→shch (ISO 9 щ), â→ia, û→iu (ISO 9 я, ю), ý→u (Kazakh
//     Latin 2018 у), ı→i, ł→l, ə→a, đ→dj, ß→ss, æ→ae, œ→oe, ø→o.
//  3. Cyrillic: ж→zh, х→kh, ц→ts, ч→ch, ш→sh, щ→shch, ю→yu, я→ya, е э ё→e, й→y, ы→y,
//     и→i, ь ъ→(dropped); Ukrainian і→i, ї→yi, є→ye, ґ→g; Belarusian ў→u; Kazakh ә→a,
//     ғ→g, қ→k, ң→n, ө→o, ұ→u, ү→u, һ→h, і→i (and a few Tatar, Tajik, Serbian and
//     Macedonian letters).
//  4. Apostrophes, primes and modifier letters (ISO 9 ʹ ʺ, Ukrainian ʼ) are dropped;
//     other letters of other scripts are kept lower-cased, digits are kept.
//
// The second pass reads that ASCII word left to right into sounds, rewriting the last
// sounds as each new one arrives, so that the rules hold wherever they apply:
//
//  5. Digraphs: sh→ш, ch and cz→ч, zh→ж, kh→х; c before t is k (Victor), any other
//     c is ц (ISO 9, Łacinka: Bialacki); x→ks; q→k; w→v; y→i.
//  6. j is ж (Janbolat, Kenjebek, Jumagulov) except after a vowel and before a consonant
//     or the end of the word, where it is the glide й (Sergej, Coj, Bajmukhamet).
//  7. г, х and һ are one sound: g, h, gh and kh all become g. This joins Mukhtar and
//     Muhtar, Ghalym and Galym, and Ukrainian and Belarusian h for г (Serhii/Сергій,
//     Siarhei/Сяргей, Olha/Ольга).
//  8. g after n is dropped, so that Kazakh ң written ng meets ң written n (Zhangaozen,
//     Zhanaozen, Жаңаөзен).
//  9. dzh and dj become ж (Dzhumayev, Jumayev, Zhumayev meet); tch becomes ч (French
//     Tchernov); ts and tz become ц; sch, shch and chtch become щ (Scherbakov,
//     Shcherbakov, French Chtcherbakov, ISO 9 ŝ, scholarly šč).
//  10. ou becomes u (French Moukhtar, Aïgoul, Iouri).
//  11. gu before e or i becomes g (French Sergueï, Evguéni, Guennadi).
//  12. A y or i glide before e or o is dropped, and such an o becomes e: ie, ye, iye
//     and io, yo all give e. This joins the systems that write the glide and those
//     that do not (Kenzhaliyev/Kenzhaliev/Кенжалиев, Nagashibayev/Nagashibaev,
//     Yerimbetov/Erimbetov, Yevgeniy/Evgeny, Vasilyev/Vasil'ev/Васильев), and ё
//     written yo with ё written е (Fyodor/Fedor/Фёдор, Pyotr/Petr/Пётр).
//  13. Repeated letters collapse (Gennadiy/Genadiy, Assel/Asel); this also makes
//     final iy, ii and yi one i (Dmitriy, Dmitrii, Dmitry, Дмитрий). Digits are never
//     collapsed.
//
// Keys are idempotent: Key(Key(s)) == Key(s).
//
// # Limits
//
// Some systems contradict each other and one reading had to win. j is ж, so the
// scholarly and German j for й before a vowel (Jurij, Jaroslav, Natal'ja, Vjačeslav,
// Jewgeni) does not meet Yuriy or Yaroslav; Kazakh passports write ж as j after the
// same consonants (Kenjebek, Oljas, Serikjan). x is ks (Xenia, Max), so scholarly x for х does not meet
// kh. ch is ч, so French ch for ш (Chymkent, Nagachibaev) and German and Polish ch for
// х do not meet sh and kh; German sch/tsch and Polish sz/rz are not read either. ў is
// u, so the BGN/PCGN w for Belarusian ў meets only where a v is written. The 2017
// Kazakh Latin alphabet wrote sounds with apostrophes (s' for ш, c' for ч); apostrophes
// are dropped, so it is not read. The rules are
// lossy by design: distinct names may share a key (Гарин and Харин, Denis and Dionis),
// which search ranks, rather than forms of one name being kept apart.
package translit

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Key returns the romanisation key of s: each token of s (see [Tokens]) keyed by
// [WordKey], joined by single spaces. Two forms of one name, in any script or
// romanisation the package knows, have the same key.
func Key(s string) string { return key(s, true) }

// SpellingKey is [Key] without the folding of surname endings: the key of the name as
// written, which keeps Горинова (a woman) apart from Горинов (a man). Extraction groups the
// mentions of one document by it, where a husband and a wife may both be named.
func SpellingKey(s string) string { return key(s, false) }

func key(s string, fold bool) string {
	var buf [128]byte
	out := buf[:0]
	for i := 0; ; {
		start, end := nextToken(s, i)
		if start < 0 {
			break
		}
		n := len(out)
		if n > 0 {
			out = append(out, ' ')
		}
		out = appendWordKey(out, s[start:end], fold)
		if n > 0 && len(out) == n+1 {
			// A token can key to nothing (a lone soft sign); keep spaces single.
			out = out[:n]
		}
		i = end
	}
	return string(out)
}

// WordKey returns the key of one word. Letters are reduced to the sounds of rule 5 of
// the package documentation and rewritten by the rules after it; anything that is not a
// letter or a digit is ignored, so WordKey("Nur-Sultan") is "nursultan", while Key gives
// "nur sultan".
func WordKey(w string) string {
	var buf [64]byte
	return string(appendWordKey(buf[:0], w, true))
}

// SpellingWordKey is [WordKey] without the folding of surname endings (see [SpellingKey]).
func SpellingWordKey(w string) string {
	var buf [64]byte
	return string(appendWordKey(buf[:0], w, false))
}

// appendWordKey appends the key of w to dst. It allocates only when a word does not
// fit the stack buffers or holds combining marks.
func appendWordKey(dst []byte, w string, fold bool) []byte {
	var latBuf [64]byte
	lat := appendLatin(latBuf[:0], w)
	n := len(dst)
	dst = appendSounds(dst, lat)
	if fold {
		dst = append(dst[:n], foldSurname(dst[n:])...)
	}
	return dst
}

// surnameEndings are the case and gender endings of Russian possessive and adjectival
// surnames as keys spell them, and the ending of the masculine nominative they fold to:
// Горинова, Горинову, Гориновой, Гориновым, Горинове and Gorinova all key as gorinov,
// Кенжалиеву as kenzhalev (Kenzhaliyev), Бялецкой and Bialiatskaya as bialetski. These are
// the paradigms of the surnames that morph_ru.tsv learns from hunspell-ru's surname class.
var surnameEndings = []struct{ end, to string }{
	{"ovoi", "ov"}, {"evoi", "ev"}, {"inoi", "in"}, {"ovim", "ov"}, {"evim", "ev"}, {"inim", "in"},
	{"ova", "ov"}, {"eva", "ev"}, {"ina", "in"}, {"ovu", "ov"}, {"evu", "ev"}, {"inu", "in"},
	{"ove", "ov"}, {"eve", "ev"},
	{"skaia", "ski"}, {"skoi", "ski"}, {"skogo", "ski"}, {"skomu", "ski"}, {"skim", "ski"}, {"skom", "ski"}, {"skuiu", "ski"},
	{"tskaia", "tski"},
}

// foldSurname folds the ending of a word's key by surnameEndings; a short word (Ева, Нина)
// keeps its key.
func foldSurname(k []byte) []byte {
	for _, e := range surnameEndings {
		if len(k) >= len(e.end)+2 && string(k[len(k)-len(e.end):]) == e.end {
			out := append([]byte(nil), k[:len(k)-len(e.end)]...)
			return append(out, e.to...)
		}
	}
	return k
}

// appendLatin is the first pass: it appends w as lower-case ASCII letters and digits,
// keeping letters of other scripts as lower-case UTF-8.
func appendLatin(dst []byte, w string) []byte {
	start := len(dst)
	composed := false
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			dst = appendASCII(dst, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(w[i:])
		if 0x400 <= r && r < 0x500 {
			// Cyrillic, the common case: no composition applies.
			switch {
			case r <= 0x40F:
				r += 0x50
			case r <= 0x42F:
				r += 0x20
			case r >= 0x460:
				r = unicode.ToLower(r)
			}
			if e := cyrKey[r-0x400]; e.ok {
				dst = append(dst, e.s...)
				i += size
				continue
			}
		}
		if !composed && unicode.Is(unicode.Mn, r) {
			// A mark may belong to the letter before it (z + caron is ž): compose
			// and start again. Rare, so the allocation does not matter.
			composed = true
			w = norm.NFC.String(w)
			dst = dst[:start]
			i = 0
			continue
		}
		dst = appendRune(dst, r, true)
		i += size
	}
	return dst
}

func appendASCII(dst []byte, c byte) []byte {
	switch {
	case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		return append(dst, c)
	case 'A' <= c && c <= 'Z':
		return append(dst, c+'a'-'A')
	}
	return dst
}

// appendRune appends the first-pass form of one non-ASCII rune.
func appendRune(dst []byte, r rune, decompose bool) []byte {
	if r < utf8.RuneSelf {
		return appendASCII(dst, byte(r))
	}
	r = unicode.ToLower(r)
	if r < utf8.RuneSelf { // the Kelvin sign lowers to k
		return appendASCII(dst, byte(r))
	}
	if 0x400 <= r && r < 0x500 {
		if e := cyrKey[r-0x400]; e.ok {
			return append(dst, e.s...)
		}
	}
	if s, ok := latinSpecial(r); ok {
		return append(dst, s...)
	}
	if 0x2B0 <= r && r <= 0x2FF {
		// Spacing modifier letters: ISO 9 primes for ь and ъ, the Ukrainian
		// apostrophe ʼ, Uzbek ʻ. They mark softness, not a sound of their own.
		return dst
	}
	if unicode.IsMark(r) {
		return dst
	}
	if decompose {
		var b [utf8.UTFMax]byte
		n := utf8.EncodeRune(b[:], r)
		if d := norm.NFD.Properties(b[:n]).Decomposition(); d != nil {
			for len(d) > 0 {
				dr, size := utf8.DecodeRune(d)
				d = d[size:]
				dst = appendRune(dst, dr, false)
			}
			return dst
		}
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return utf8.AppendRune(dst, r)
	}
	return dst
}

// latinSpecial spells out Latin letters whose mark or stroke carries a sound that
// dropping it would lose (rule 2).
func latinSpecial(r rune) (string, bool) {
	switch r {
	case 'ž', 'ǯ', 'ĵ':
		return "zh", true
	case 'š', 'ş', 'ș':
		return "sh", true
	case 'č', 'ç', 'ĉ':
		return "ch", true
	case 'ŝ':
		return "shch", true
	case 'â':
		return "ia", true
	case 'û':
		return "iu", true
	case 'ý':
		return "u", true
	case 'ı':
		return "i", true
	case 'ł':
		return "l", true
	case 'ə':
		return "a", true
	case 'đ':
		return "dj", true
	case 'ð':
		return "d", true
	case 'þ':
		return "th", true
	case 'ß':
		return "ss", true
	case 'æ':
		return "ae", true
	case 'œ':
		return "oe", true
	case 'ø':
		return "o", true
	case 'ħ':
		return "h", true
	}
	return "", false
}

type cyrEntry struct {
	s  string
	ok bool
}

// cyrKey holds the first-pass spelling of lower-case Cyrillic letters U+0400–U+04FF.
var cyrKey [0x100]cyrEntry

func init() {
	for r, s := range map[rune]string{
		'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ж': "zh", 'з': "z",
		'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p",
		'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch",
		'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
		'ѐ': "e", 'ё': "e", 'ѝ': "i",
		// Ukrainian and Belarusian.
		'і': "i", 'ї': "yi", 'є': "ye", 'ґ': "g", 'ў': "u",
		// Kazakh, and the same letters in Kyrgyz, Tatar, Bashkir, Tajik, Mongolian.
		'ә': "a", 'ғ': "g", 'қ': "k", 'ң': "n", 'ө': "o", 'ұ': "u", 'ү': "u", 'һ': "h",
		'җ': "zh", 'ҙ': "z", 'ҫ': "s", 'ҳ': "kh", 'ҷ': "zh", 'ӣ': "i", 'ӯ': "u", 'ӏ': "",
		// Serbian and Macedonian.
		'ђ': "dj", 'ѓ': "g", 'ѕ': "dz", 'ј': "y", 'љ': "l", 'њ': "n", 'ћ': "ch", 'ќ': "k",
		'џ': "dzh",
	} {
		cyrKey[r-0x400] = cyrEntry{s, true}
	}
}

// Sounds of the second pass that take more than one letter to write. Their values
// never occur in first-pass output, which holds only letters and digits. г/х/һ is
// written 'g' and needs no symbol of its own.
const (
	symZh   rune = 1 // ж: zh j dzh dj ž
	symSh   rune = 2 // ш: sh š ş
	symCh   rune = 3 // ч: ch tch cz č ç
	symShch rune = 4 // щ: shch sch chtch ŝ šč
	symTs   rune = 5 // ц: ts tz c
)

// appendSounds is the second pass: it reads the first-pass word into sounds and
// appends their spelling to dst. Each spelling reads back as the same sound, which is
// what makes keys idempotent.
func appendSounds(dst, lat []byte) []byte {
	var stBuf [64]rune
	st := stBuf[:0]
	for i := 0; i < len(lat); {
		c := lat[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRune(lat[i:])
			st = append(st, r) // another script: kept as it is, never collapsed
			i += size
			continue
		}
		var next byte
		if i+1 < len(lat) {
			next = lat[i+1]
		}
		i++
		switch c {
		case 'c':
			switch next {
			case 'h', 'z':
				i++
				st = push(st, symCh)
			case 't':
				st = push(st, 'k')
			default:
				st = push(st, symTs)
			}
		case 'h':
			st = push(st, 'g')
		case 'k':
			if next == 'h' {
				i++
				st = push(st, 'g')
			} else {
				st = push(st, 'k')
			}
		case 's':
			if next == 'h' {
				i++
				st = push(st, symSh)
			} else {
				st = push(st, 's')
			}
		case 'z':
			if next == 'h' {
				i++
				st = push(st, symZh)
			} else {
				st = push(st, 'z')
			}
		case 'j':
			if len(st) > 0 && isVowel(st[len(st)-1]) && !isVowelByte(next) {
				st = push(st, 'i')
			} else {
				st = push(st, symZh)
			}
		case 'q':
			st = push(st, 'k')
		case 'w':
			st = push(st, 'v')
		case 'y':
			st = push(st, 'i')
		case 'x':
			st = push(push(st, 'k'), 's')
		case 'o':
			// Belarusian ёў written "you" after a vowel (Salauyou, Салаўёў) is two sounds;
			// elsewhere ou is French u.
			yo := i >= 3 && lat[i-2] == 'y' && isVowelByte(lat[i-3]) && lat[i-3] != 'y'
			if next == 'u' && !yo {
				// French ou, read before io → e can take the o (Iouri, Ioulia).
				i++
				st = push(st, 'u')
			} else {
				st = push(st, 'o')
			}
		default:
			st = push(st, rune(c))
		}
	}
	for _, s := range st {
		switch s {
		case symZh:
			dst = append(dst, "zh"...)
		case symSh:
			dst = append(dst, "sh"...)
		case symCh:
			dst = append(dst, "ch"...)
		case symShch:
			dst = append(dst, "shch"...)
		case symTs:
			dst = append(dst, "ts"...)
		default:
			dst = utf8.AppendRune(dst, s)
		}
	}
	return dst
}

// push adds sound s to the stack st, first rewriting the sounds before it (rules
// 8–13). The stack never holds a pair that a rule would rewrite.
func push(st []rune, s rune) []rune {
	n := len(st)
	var top, below rune
	if n > 0 {
		top = st[n-1]
	}
	if n > 1 {
		below = st[n-2]
	}
	switch s {
	case 'e', 'i':
		if s == 'e' && top == 'i' {
			st = st[:n-1] // ie → e: Kenzhaliyev, Yevgeniy, Vasilyev
		} else if top == 'u' && below == 'g' {
			st = st[:n-1] // gue, gui → ge, gi: French Sergueï, Guennadi
		}
	case 'o':
		if top == 'i' {
			st = st[:n-1] // io → e: ё written yo (Fyodor, Pyotr, Semyon)
			s = 'e'
		}
	case 'u':
		if top == 'o' {
			st = st[:n-1] // French ou
		}
	case 's', 'z', symTs:
		if top == 't' {
			st = st[:n-1] // ts, tz, and tc (ISO 9 тц) read as one ц
			s = symTs
		}
	case symZh:
		if top == 'd' {
			st = st[:n-1] // dzh, dj
		}
	case symCh:
		if top == 't' {
			st = st[:n-1] // tch
			n--
			top = 0
			if n > 0 {
				top = st[n-1]
			}
		}
		if top == 's' || top == symSh || top == symCh {
			st = st[:n-1] // sch, shch, French chtch
			s = symShch
			if n > 1 && st[n-2] == symSh {
				st = st[:n-2] // shsch: written shshch, it would read back as one щ
			}
		}
	case 'g':
		if top == 'n' {
			return st // Kazakh ң written ng
		}
	}
	if len(st) > 0 && st[len(st)-1] == s && isLetterSound(s) {
		return st
	}
	return append(st, s)
}

func isVowel(s rune) bool {
	switch s {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

func isVowelByte(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// isLetterSound reports whether s is a Latin sound, which collapses when repeated;
// digits and letters of other scripts do not.
func isLetterSound(s rune) bool {
	return 'a' <= s && s <= 'z' || symZh <= s && s <= symTs
}
