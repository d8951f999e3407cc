package synth

import (
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/docketorg/docket/internal/translit"
)

// Name is one person's name in the forms a registry meets: Cyrillic as written in
// Kazakh and Russian documents, the BGN/PCGN romanisation, and other romanisations
// that sources use (-iev for -iyev, j for zh, h for kh, ai for ay, French ou).
type Name struct {
	Cyrillic string
	Latin    string   // translit.ToLatin of Cyrillic
	Variants []string // other romanisations with the same translit.Key as Latin
	Female   bool
}

// Surname returns the last word of the Latin form.
func (n Name) Surname() string {
	f := strings.Fields(n.Latin)
	return f[len(f)-1]
}

// Syllables of Kazakh first names: a root and an ending, as in Nur-lan, Yer-bol,
// Ay-gul, Gul-nar.
var (
	kzRoots       = []string{"Нур", "Ер", "Ас", "Бол", "Дау", "Жан", "Сер", "Кай", "Мух", "Ал", "Ар", "Бах", "Дас", "Сай", "Тал", "Ул", "Ель", "Бек", "Ай", "Гуль", "Жас", "Кан", "Нас", "Ра", "Ба", "Ки", "Ту", "Даир", "Са", "Жа", "Ама", "Ери", "Мад", "Тем", "Аз"}
	kzMaleEnds    = []string{"лан", "бол", "хат", "ат", "рен", "болат", "ик", "рат", "тар", "мат", "ман", "тан", "жан", "ран", "гат", "дос", "зат", "бек", "хан", "жол", "бай", "мурат", "нияз"}
	kzFemaleEnds  = []string{"гуль", "нар", "ым", "ай", "жан", "ана", "ия", "ель", "ира", "ерке", "сулу", "дана", "гуль", "ия", "жамал"}
	ruMaleFirst   = []string{"Сергей", "Дмитрий", "Евгений", "Юрий", "Александр", "Андрей", "Игорь", "Олег", "Владимир", "Николай", "Виктор", "Геннадий", "Фёдор", "Пётр", "Алексей", "Вячеслав", "Михаил", "Роман", "Ярослав", "Григорий"}
	ruFemaleFirst = []string{"Елена", "Ольга", "Наталья", "Татьяна", "Юлия", "Людмила", "Ирина", "Светлана", "Анна", "Мария", "Екатерина", "Валентина", "Евгения", "Юлиана"}

	// Kazakh surnames: a root, up to two linking syllables, a suffix (Ak-ber-di-yev,
	// Zhu-ma-yev, Ken-zha-li-yev).
	kzSurRoots = []string{"Ак", "Бер", "Жу", "Ма", "Кен", "Нур", "Аб", "Ер", "Им", "Сар", "Ба", "Ку", "Тас", "Ка", "Мер", "Жа", "Ту", "Сеит", "Ис", "Ай", "Кан", "Ор", "Ес", "Му", "Даул", "Там", "Аман", "Бай", "Тле", "Сул", "Жак", "Бек", "Сма", "Шал", "Ток", "Кул", "Ны", "Аль", "Джу", "Хай", "Мух", "Ях"}
	kzSurMids  = []string{"бер", "ди", "ба", "жа", "ке", "му", "бе", "та", "гу", "ли", "ны", "ши", "ха", "ку", "за", "гали", "мбе", "рим", "наза", "жали", "ра", "са", "ды", "ма", "шиба", "кен", "бай", "тур", "хан"}
	// Pairs of male and female suffixes.
	kzSurEnds = [][2]string{{"ев", "ева"}, {"иев", "иева"}, {"ов", "ова"}, {"ин", "ина"}, {"баев", "баева"}, {"улы", "кызы"}, {"ев", "ева"}, {"ов", "ова"}}

	ruSurRoots = []string{"Коз", "Иван", "Пет", "Смир", "Кузн", "Вас", "Поп", "Сок", "Мих", "Лебед", "Нов", "Мороз", "Волк", "Фёдор", "Щерб", "Хар", "Ерм", "Юрч", "Ждан", "Черн", "Гонч", "Шевч", "Бел", "Жук", "Тка", "Яков", "Григор", "Зуб", "Кравч", "Хохл"}
	ruSurEnds  = [][2]string{{"ов", "ова"}, {"ев", "ева"}, {"ин", "ина"}, {"ский", "ская"}, {"енко", "енко"}, {"ук", "ук"}, {"ович", "ович"}}
)

// NameOf returns the name of person number i of the registry generated with seed. It is a
// pure function of its arguments, so that a generator holding no list of persons can name
// any earlier one, and a benchmark can build queries for it.
func NameOf(seed uint64, i int64) Name {
	r := rand.New(rand.NewPCG(seed^0x6e616d6573, uint64(i)))
	female := r.IntN(2) == 0
	var first, sur string
	if r.IntN(4) > 0 { // three in four names Kazakh, the rest Russian
		root := pick(r, kzRoots)
		if female {
			first = root + pick(r, kzFemaleEnds)
		} else {
			first = root + pick(r, kzMaleEnds)
		}
		sur = pick(r, kzSurRoots)
		for n := r.IntN(3); n > 0; n-- {
			sur += pick(r, kzSurMids)
		}
		end := kzSurEnds[r.IntN(len(kzSurEnds))]
		if end[0] == "иев" && endsInVowel(sur) {
			end = [2]string{"ев", "ева"} // "Маиев" is not written
		}
		sur += end[b2i(female)]
	} else {
		if female {
			first = pick(r, ruFemaleFirst)
		} else {
			first = pick(r, ruMaleFirst)
		}
		sur = pick(r, ruSurRoots) + ruSurEnds[r.IntN(len(ruSurEnds))][b2i(female)]
	}
	first, sur = fixCase(first), fixCase(sur)
	n := Name{Cyrillic: first + " " + sur, Female: female}
	n.Latin = translit.ToLatin(n.Cyrillic)
	n.Variants = variants(r, n.Latin)
	return n
}

// fixCase keeps the first letter upper case and the rest lower case, as syllables are
// glued ("Ак"+"Бер" would otherwise keep a capital inside).
func fixCase(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + strings.ToLower(s[size:])
}

func endsInVowel(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune("аеиоуыэюяё", unicode.ToLower(r))
}

// variantRules rewrite a BGN/PCGN romanisation into the spellings other systems and
// sources use. A rule may break a name (j before a consonant reads as й), so every
// result is checked against the romanisation key.
var variantRules = []struct {
	apply  func(string) string
	chance int // in ten: French spellings are rarer than the rest
}{
	{func(s string) string { return strings.ReplaceAll(s, "iye", "ie") }, 6},                                  // Kenzhaliyev → Kenzhaliev
	{func(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "aye", "ae"), "oye", "oe") }, 6}, // Dzhumayev → Dzhumaev
	{func(s string) string { return replaceInitial(s, "Ye", "E") }, 6},                                        // Yerbol → Erbol
	{func(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "Dzh", "J"), "dzh", "j") }, 6},   // Dzhumayev → Jumayev
	{func(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "Zh", "J"), "zh", "j") }, 6},     // Kenzhebek → Kenjebek
	{func(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "Kh", "H"), "kh", "h") }, 6},     // Mukhtar → Muhtar
	{func(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "yu", "iu"), "ya", "ia") }, 6},   // Lyudmila → Liudmila
	{func(s string) string { return strings.TrimSuffix(strings.ReplaceAll(s+" ", "iy ", "i "), " ") }, 6},     // Dmitriy → Dmitri
	{yBeforeConsonant, 6}, // Bayturova → Baiturova, Aralbay → Aralbai
	{frenchOu, 2},         // Mukhtar → Moukhtar
}

var vowelYe = strings.NewReplacer("aye", "ae", "oye", "oe", "eye", "ee", "uye", "ue")

// variants returns up to three distinct spellings of latin, each with its key.
func variants(r *rand.Rand, latin string) []string {
	key := translit.Key(latin)
	var out []string
	for try := 0; try < 8 && len(out) < 3; try++ {
		v := latin
		for _, i := range r.Perm(len(variantRules)) {
			if r.IntN(10) < variantRules[i].chance {
				v = variantRules[i].apply(v)
			}
		}
		if v != latin && translit.Key(v) == key && !contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

func replaceInitial(s, old, repl string) string {
	w := strings.Fields(s)
	for i := range w {
		if rest, ok := strings.CutPrefix(w[i], old); ok {
			w[i] = repl + rest
		}
	}
	return strings.Join(w, " ")
}

// yBeforeConsonant writes i for a y that is not followed by a vowel.
func yBeforeConsonant(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c == 'y' && i > 0 && isVowel(b[i-1]) && (i+1 == len(b) || !isVowel(b[i+1])) {
			b[i] = 'i'
		}
	}
	return string(b)
}

// frenchOu writes ou for a u that follows a consonant.
func frenchOu(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 'u' && i > 0 && !isVowel(s[i-1]) && s[i-1] != ' ' {
			b.WriteString("ou")
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isVowel(c byte) bool { return strings.IndexByte("aeiouyAEIOUY", c) >= 0 }

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
