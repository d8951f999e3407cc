package extract

import (
	"strings"

	"github.com/docketorg/docket/internal/translit"
	"unicode"
	"unicode/utf8"
)

// A reading is one way to take an inflected form of a name: the nominative it comes from and
// the gender it implies ('m', 'f' or 0 for either).
type reading struct {
	lemma   string
	gender  byte
	oblique bool // the form is not the nominative
}

// surnameReadings returns the nominatives a surname form may come from, the form itself
// first when it may be a nominative. Rules: possessive surnames in -ов/-ев/-ёв/-ин/-ын
// (masculine -ов, -ова, -ову, -овым, -ове; feminine -ова, -овой, -ову), adjectival ones in
// -ский/-цкий/-ская (-ского, -скому, -ским, -ском; -ской, -скую), and other masculine
// surnames ending in a consonant, which take -а, -у, -ом, -е (-я, -ю, -ем after й and ь).
// Feminine surnames ending in a consonant (Ткачук) and surnames ending in -о, -ых, -их, -енко,
// -дзе and the like do not decline. Latin-script names are returned as they are.
// kazakhCaseEndings are the endings of the Kazakh cases (genitive, ablative, instrumental,
// dative, accusative), longest first.
var kazakhCaseEndings = []string{"ның", "нің", "дың", "дің", "тың", "тің", "нан", "нен", "дан", "ден", "тан", "тен",
	"мен", "бен", "пен", "ға", "ге", "қа", "ке", "ны", "ні", "ды", "ді", "ты", "ті"}

// kazakhOblique reports a surname with a Kazakh case ending: "Сейітқалиевке",
// "Нұрланұлына".
func kazakhOblique(low string) bool {
	for _, e := range kazakhCaseEndings {
		if strings.HasSuffix(low, e) {
			for _, r := range surnameReadings(low) {
				if r.oblique {
					return true
				}
			}
			return false
		}
	}
	return kkPatronymicCase(low) != ""
}

// kkPatronymics are the Kazakh surnames' endings "son of" and "daughter of", and
// kkPossessiveCases the case endings that follow their possessive ending.
var (
	kkPatronymics     = []string{"ұлы", "улы", "қызы", "кызы"}
	kkPossessiveCases = []string{"ның", "нан", "нда", "мен", "на", "н"}
)

// kkPatronymicCase returns the case ending of a Kazakh "son of" or "daughter of" surname in an
// oblique case ("Нұрланұлына": "на"), or "".
func kkPatronymicCase(low string) string {
	for _, p := range kkPatronymics {
		for _, e := range kkPossessiveCases {
			if strings.HasSuffix(low, p+e) && utf8.RuneCountInString(low) > utf8.RuneCountInString(p+e)+2 {
				return e
			}
		}
	}
	return ""
}

func surnameReadings(w string) []reading {
	if !isCyrillic(w) {
		return []reading{{lemma: w}}
	}
	low := strings.ToLower(w)
	var out []reading
	add := func(cut int, suffix string, g byte, oblique bool) {
		base := w[:len(w)-cut]
		if utf8.RuneCountInString(base) < 2 {
			return
		}
		out = append(out, reading{lemma: base + matchCase(base, suffix), gender: g, oblique: oblique})
	}
	// A Kazakh surname of "son of" or "daughter of", whose case endings follow its possessive
	// ending: "Нұрланұлын", "Нұрланұлына", "Сәкенқызының" are Нұрланұлы, Сәкенқызы.
	if e := kkPatronymicCase(low); e != "" {
		g := byte('m')
		if strings.HasSuffix(strings.TrimSuffix(low, e), "ызы") {
			g = 'f'
		}
		add(len(e), "", g, true)
		return out
	}
	// Kazakh case endings after a surname of Russian shape: "Жолдасбаевқа", "Әбішевке",
	// "Жолдасбаевты", "Ахметованың" are Жолдасбаев, Әбішев, Ахметова.
	for _, e := range kazakhCaseEndings {
		if !strings.HasSuffix(low, e) {
			continue
		}
		stem := strings.TrimSuffix(low, e)
		for _, p := range []string{"ова", "ева", "ина", "ов", "ев", "ёв", "ин"} {
			if strings.HasSuffix(stem, p) && utf8.RuneCountInString(stem) > utf8.RuneCountInString(p)+2 {
				g := byte('m')
				if strings.HasSuffix(p, "а") {
					g = 'f'
				}
				add(len(e), "", g, true)
				return out
			}
		}
	}
	for _, p := range []string{"ов", "ев", "ёв", "ин", "ын"} {
		switch {
		case strings.HasSuffix(low, p):
			add(0, "", 'm', false)
			return out
		case strings.HasSuffix(low, p+"а"):
			add(0, "", 'f', false)
			add(len("а"), "", 'm', true)
			return out
		case strings.HasSuffix(low, p+"ой"):
			add(len("ой"), "а", 'f', true)
			return out
		case strings.HasSuffix(low, p+"у"):
			add(len("у"), "", 'm', true)
			add(len("у"), "а", 'f', true)
			return out
		case strings.HasSuffix(low, p+"ым"):
			add(len("ым"), "", 'm', true)
			return out
		case strings.HasSuffix(low, p+"е"):
			add(len("е"), "", 'm', true)
			return out
		}
	}
	for _, p := range []string{"ск", "цк"} {
		switch {
		case strings.HasSuffix(low, p+"ий"):
			add(0, "", 'm', false)
			return out
		case strings.HasSuffix(low, p+"ая"):
			add(0, "", 'f', false)
			return out
		case strings.HasSuffix(low, p+"ого"):
			add(len("ого"), "ий", 'm', true)
			return out
		case strings.HasSuffix(low, p+"ому"):
			add(len("ому"), "ий", 'm', true)
			return out
		case strings.HasSuffix(low, p+"им"):
			add(len("им"), "ий", 'm', true)
			return out
		case strings.HasSuffix(low, p+"ом"):
			add(len("ом"), "ий", 'm', true)
			return out
		case strings.HasSuffix(low, p+"ой"):
			add(len("ой"), "ая", 'f', true)
			add(0, "", 'm', false) // Трубецкой
			return out
		case strings.HasSuffix(low, p+"ую"):
			add(len("ую"), "ая", 'f', true)
			return out
		}
	}
	// Tajik surnames in -зода decline as nouns in -а: Исмоилзоду, Рахимзоде are of -зода.
	for _, e := range []string{"зода", "зоды", "зоде", "зоду", "зодой"} {
		if strings.HasSuffix(low, e) {
			add(len(e)-len("зод"), "а", 0, e != "зода")
			return out
		}
	}
	// Surnames that do not decline: Ибадоглу, Алиева-заде, Гамсахурдия's -швили and -дзе,
	// Шевченко, Черных.
	for _, e := range []string{"оглу", "оглы", "заде", "зада", "улы", "уулу", "кызы", "швили", "дзе", "енко", "ко", "их", "ых", "аго", "яго"} {
		if strings.HasSuffix(low, e) {
			add(0, "", 0, false)
			return out
		}
	}
	last, _ := utf8.DecodeLastRuneInString(low)
	switch {
	case isCyrConsonant(last):
		// Ткачук: a man's nominative, or a woman's in every case.
		add(0, "", 0, false)
		return out
	case last == 'й' || last == 'ь':
		add(0, "", 'm', false)
		return out
	}
	// The form itself may be a nominative (Шевченко, Кара-Мурза, Садыкова handled above).
	add(0, "", 0, false)
	// Masculine consonant stems: -а, -у, -ом, -е; й- and ь-stems: -я, -ю, -ем, -е.
	for _, e := range []string{"ом", "ем", "а", "у", "е", "я", "ю"} {
		if !strings.HasSuffix(low, e) {
			continue
		}
		base := low[:len(low)-len(e)]
		bl, _ := utf8.DecodeLastRuneInString(base)
		switch e {
		case "а", "у", "ом", "е":
			if isCyrConsonant(bl) && !strings.HasSuffix(low, "енко") {
				if f := fleetingE(w[:len(w)-len(e)], "ц", "вбпмдткгхжшзс"); f != "" {
					out = append(out, reading{lemma: f, gender: 'm', oblique: true}) // Кравца: Кравец
					break
				}
				add(len(e), "", 'm', true)
			}
		case "я", "ю", "ем":
			if isCyrVowelRune(bl) {
				add(len(e), "й", 'm', true)
			} else if isCyrConsonant(bl) {
				if f := fleetingE(w[:len(w)-len(e)], "нл", "бвгдзкмпрстфхчшщ"); f != "" {
					out = append(out, reading{lemma: f + "ь", gender: 'm', oblique: true}) // Гребню: Гребень
					break
				}
				add(len(e), "ь", 'm', true)
			}
		}
		break
	}
	return out
}

// fleetingE returns a stem with the vowel its nominative has before the last consonant, when
// the stem ends in one of lasts after one of befores ("Кравц": Кравец, "Гребн": Гребен), or
// "". A German name keeps its cluster (Шульца, Шварца: л and р are not in befores).
func fleetingE(stem, lasts, befores string) string {
	r := []rune(stem)
	n := len(r)
	if n < 3 || !strings.ContainsRune(lasts, unicode.ToLower(r[n-1])) || !strings.ContainsRune(befores, unicode.ToLower(r[n-2])) {
		return ""
	}
	return string(r[:n-1]) + matchCase(stem, "е") + string(r[n-1])
}

// firstNameReadings returns the nominatives a first-name form may come from, the form
// itself first: the readings of the inflection rules that internal/translit learned from a
// morphological dictionary (hunspell-ru), most likely first, so that a name no list holds
// ("Тамту", "Гелу", "Лианы") is read by the names that end as it does.
func firstNameReadings(w string) []reading {
	out := []reading{{lemma: w}}
	if !isCyrillic(w) {
		return out
	}
	for _, l := range translit.NameLemmas(w) {
		if l.Nominative {
			if out[0].gender == 0 {
				out[0].gender = l.Gender
			}
			continue
		}
		if utf8.RuneCountInString(l.Form) < 2 || adjectivalReading(w, l.Form) {
			continue
		}
		out = append(out, reading{lemma: l.Form, gender: l.Gender, oblique: true})
	}
	// A man's stem that lost a fleeting vowel ("Павла", "Льва"): the nominative has it back
	// (Павел, Лев), when that is a known name and no other reading is ("Ольгу" is Ольга's).
	for _, r := range out {
		if _, ok := firstNames[translit.SpellingWordKey(r.lemma)]; ok {
			return out
		}
	}
	for _, r := range out {
		if f := withFleetingVowel(r.lemma); f != "" && r.oblique && r.gender == 'm' {
			if _, ok := firstNames[translit.SpellingWordKey(f)]; ok {
				return append(out, reading{lemma: f, gender: 'm', oblique: true})
			}
		}
	}
	return out
}

// adjectivalReading reports a reading of a form as an adjective's ("Икрому" as Икрий): no
// given name declines so, though surnames do (Толстому, Горькому).
func adjectivalReading(form, lemma string) bool {
	f, l := strings.ToLower(form), strings.ToLower(lemma)
	return (strings.HasSuffix(f, "ому") || strings.HasSuffix(f, "ему") || strings.HasSuffix(f, "ого") || strings.HasSuffix(f, "его")) &&
		(strings.HasSuffix(l, "ий") || strings.HasSuffix(l, "ый") || strings.HasSuffix(l, "ой"))
}

// withFleetingVowel returns a stem ending in two consonants with "е" before the last one
// ("Павл": Павел; "Льв": Лев), or "".
func withFleetingVowel(stem string) string {
	r := []rune(stem)
	n := len(r)
	if n < 3 || !isCyrConsonant(r[n-1]) || !(isCyrConsonant(r[n-2]) || r[n-2] == 'ь') {
		return ""
	}
	if r[n-2] == 'ь' {
		return string(r[:n-2]) + "е" + string(r[n-1])
	}
	return string(r[:n-1]) + "е" + string(r[n-1])
}

func isCyrillic(s string) bool {
	for _, r := range s {
		if r >= 0x400 && r < 0x530 {
			return true
		}
	}
	return false
}

func isCyrConsonant(r rune) bool {
	return strings.ContainsRune("бвгджзклмнпрстфхцчшщқғңһ", unicode.ToLower(r))
}

func isCyrVowelRune(r rune) bool {
	return strings.ContainsRune("аеёиоуыэюяіәөұү", unicode.ToLower(r))
}

// matchCase returns suffix in upper case when base is written in capitals (its last two
// letters are).
func matchCase(base, suffix string) string {
	r1, n := utf8.DecodeLastRuneInString(base)
	r2, _ := utf8.DecodeLastRuneInString(base[:len(base)-n])
	if unicode.IsUpper(r1) && unicode.IsUpper(r2) {
		return strings.ToUpper(suffix)
	}
	return suffix
}

// Gender of a head noun of an organisation name, for the agreement of its adjectives.
const (
	masc = 'm'
	fem  = 'f'
	neut = 'n'
	plur = 'p'
)

// ruHead is a noun that heads an organisation name, with its forms in each case.
type ruHead struct {
	nom    string
	gender byte
	kind   string // org-kind vocabulary
	desc   bool   // a descriptor before a quoted name: "движение «Оян, Казахстан»" names «Оян, Казахстан»
}

// ruHeads maps every case form of a head noun to the noun.
var ruHeads = map[string]*ruHead{}

func init() {
	for _, h := range []struct {
		forms  string
		gender byte
		kind   string
		desc   bool
	}{
		{"суд суда суду судом суде", masc, "court", false},
		{"трибунал трибунала трибуналу трибуналом трибунале", masc, "court", false},
		{"прокуратура прокуратуры прокуратуре прокуратуру прокуратурой", fem, "prosecutor", false},
		{"комитет комитета комитету комитетом комитете", masc, "government", false},
		{"служба службы службе службу службой", fem, "government", false},
		{"департамент департамента департаменту департаментом департаменте", masc, "government", false},
		{"управление управления управлению управлением управлении", neut, "government", false},
		{"министерство министерства министерству министерством министерстве", neut, "government", false},
		{"полиция полиции полицию полицией", fem, "police", false},
		{"отдел отдела отделу отделом отделе", masc, "government", false},
		{"акимат акимата акимату акиматом акимате", masc, "government", false},      // a Kazakh local administration
		{"хукумат хукумата хукумату хукуматом хукумате", masc, "government", false}, // a Tajik one
		{"центр центра центру центром центре", masc, "ngo", false},
		{"фонд фонда фонду фондом фонде", masc, "ngo", true},
		{"бюро", neut, "ngo", false},
		{"союз союза союзу союзом союзе", masc, "ngo", false},
		{"партия партии партию партией", fem, "party", true},
		{"движение движения движению движением движении", neut, "party", true},
		{"объединение объединения объединению объединением объединении", neut, "party", true},
		{"ассоциация ассоциации ассоциацию ассоциацией", fem, "ngo", true},
		{"организация организации организацию организацией", fem, "ngo", true},
		{"издание издания изданию изданием издании", neut, "media", true},
		{"газета газеты газете газету газетой", fem, "media", true},
		{"телеканал телеканала телеканалу телеканалом телеканале", masc, "media", true},
		{"агентство агентства агентству агентством агентстве", neut, "media", true},
		{"портал портала порталу порталом портале", masc, "media", true},
		{"канал канала каналу каналом канале", masc, "media", true},
		{"радио", neut, "media", true},
		{"комиссия комиссии комиссию комиссией", fem, "disciplinary body", false},
		{"совет совета совету советом совете", masc, "government", false},
		{"коллегия коллегии коллегию коллегией", fem, "disciplinary body", false}, // "коллегия адвокатов", a bar
		{"жюри", neut, "disciplinary body", false},
		{"палата палаты палате палату палатой", fem, "disciplinary body", false},
		{"колония колонии колонию колонией", fem, "prison", false},
		{"изолятор изолятора изолятору изолятором изоляторе", masc, "prison", false},
		{"сизо", masc, "prison", false},
		{"институт института институту институтом институте", masc, "ngo", false},
		{"проект проекта проекту проектом проекте", masc, "ngo", true},
		{"инициатива инициативы инициативе инициативу инициативой", fem, "ngo", true},
		{"мониторинг", masc, "ngo", false},
		{"монитор монитора монитору монитором мониторе", masc, "ngo", true},
		{"школа школы школе школу школой", fem, "other", false},
		{"университет университета университету университетом университете", masc, "other", false},
		{"защитник защитника защитнику защитником защитнике", masc, "government", false},
		{"учреждение учреждения учреждению учреждением учреждении", neut, "other", true},
		// Descriptors before a quoted name, which alone is the name: "инициативной группы
		// «X»", "интернет-телевидению «X»", "на предприятии «X»", "профсоюза «X»".
		{"группа группы группе группу группой", fem, "ngo", true},
		{"сайт сайта сайту сайтом сайте", masc, "media", true},
		{"телевидение телевидения телевидению телевидением телевидении", neut, "media", true},
		{"редакция редакции редакцию редакцией", fem, "media", true},
		{"предприятие предприятия предприятию предприятием предприятии", neut, "other", true},
		{"компания компании компанию компанией", fem, "other", true},
		{"концерн концерна концерну концерном концерне", masc, "other", true},
		{"профсоюз профсоюза профсоюзу профсоюзом профсоюзе", masc, "ngo", true},
	} {
		fs := strings.Fields(h.forms)
		head := &ruHead{nom: fs[0], gender: h.gender, kind: h.kind, desc: h.desc}
		for _, f := range fs {
			ruHeads[f] = head
		}
	}
}

// ruAdjEndings are the endings of adjectives in every case, longest first.
var ruAdjEndings = []string{"ого", "его", "ому", "ему", "ыми", "ими", "ый", "ий", "ой", "ая", "яя", "ое", "ее", "ую", "юю", "ым", "им", "ом", "ем", "ей", "ых", "их", "ые", "ие"}

// notAdjectives end like adjectives but are pronouns or other words.
var notAdjectives = map[string]bool{
	"его": true, "её": true, "ее": true, "их": true, "этого": true, "того": true, "этом": true, "том": true,
	"нашего": true, "вашего": true, "своего": true, "всего": true, "которого": true, "которой": true,
	"которому": true, "одного": true, "другого": true, "такого": true, "самого": true, "нем": true, "ней": true,
	"этой": true, "той": true, "своей": true, "нашей": true, "всей": true, "моей": true, "ним": true, "ими": true,
	"им": true, "ей": true, "мое": true, "свое": true, "свой": true, "мой": true, "твой": true, "наш": true,
	"этим": true, "тем": true, "всем": true, "чем": true, "кем": true, "чей": true, "сам": true, "самой": true,
	"такой": true, "какой": true, "любой": true, "другой": true, "каждой": true, "каждого": true,
}

// ruAdjective reports whether w looks like an adjective, and its ending.
func ruAdjective(w string) (string, bool) {
	low := w
	for i := 0; i < len(w); i++ {
		if w[i] < 0x80 && w[i] >= 'A' && w[i] <= 'Z' || w[i] == 0xd0 && i+1 < len(w) && w[i+1] >= 0x90 && w[i+1] <= 0xaf || w[i] == 0xd0 && i+1 < len(w) && w[i+1] == 0x81 {
			low = strings.ToLower(w) // upper-case letters: Latin, А-Я, Ё
			break
		}
	}
	if notAdjectives[low] || len(low) < 7 {
		return "", false
	}
	for _, e := range ruAdjEndings {
		if strings.HasSuffix(low, e) {
			return e, true
		}
	}
	return "", false
}

// stressedAdjectives take -ой in the masculine nominative (городской суд, областной суд).
var stressedAdjectives = map[string]bool{
	"городск": true, "областн": true, "окружн": true, "краев": true, "миров": true, "морск": true,
	"войсков": true, "волостн": true, "полев": true, "тверск": true, "донск": true,
	"втор": true, "шест": true, "седьм": true, "восьм": true, "больш": true, // ordinals and others stressed on the ending
}

// ruAdjNominative returns the nominative of an adjective form in the gender of its noun:
// "Актауского" (суда) → "Актауский", "Генеральной" (прокуратуры) → "Генеральная",
// "Казахстанского" (бюро) → "Казахстанское". Hyphenated adjectives change their last part.
func ruAdjNominative(w string, gender byte) string {
	if i := strings.LastIndex(w, "-"); i >= 0 {
		return w[:i+1] + ruAdjNominative(w[i+1:], gender)
	}
	end, ok := ruAdjective(w)
	if !ok {
		return w
	}
	stem := w[:len(w)-len(end)]
	lowStem := strings.ToLower(stem)
	last, _ := utf8.DecodeLastRuneInString(lowStem)
	soft := strings.HasPrefix(end, "е") || strings.HasPrefix(end, "и") && !strings.ContainsRune("кгхжшчщ", last) ||
		end == "яя" || end == "юю" || end == "ий" && !strings.ContainsRune("кгхжшчщ", last)
	velar := strings.ContainsRune("кгх", last)
	sibilant := strings.ContainsRune("жшчщ", last)
	var suf string
	switch gender {
	case masc:
		switch {
		case stressedAdjectives[lowStem]:
			suf = "ой"
		case velar || sibilant:
			suf = "ий"
		case soft:
			suf = "ий"
		default:
			suf = "ый"
		}
	case fem:
		switch {
		case soft && !sibilant:
			suf = "яя"
		default:
			suf = "ая"
		}
	case neut:
		switch {
		case soft || sibilant && strings.HasPrefix(end, "е"):
			suf = "ее"
		default:
			suf = "ое"
		}
	default:
		switch {
		case soft || velar || sibilant:
			suf = "ие"
		default:
			suf = "ые"
		}
	}
	return stem + matchCase(stem, suf)
}

// adjCase reports whether an adjective ending agrees with a head noun form: a rough check of
// the case, so that "Актауского городского суда" is one name and "в Актауском суда" is not.
func adjAgrees(end string, head string, h *ruHead) bool {
	low := strings.ToLower(head)
	nom := low == h.nom
	switch h.gender {
	case masc:
		switch end {
		case "ый", "ий", "ой":
			return nom
		case "ого", "его":
			return strings.HasSuffix(low, "а") || strings.HasSuffix(low, "я") || nom && false
		case "ому", "ему":
			return strings.HasSuffix(low, "у") || strings.HasSuffix(low, "ю")
		case "ым", "им":
			return strings.HasSuffix(low, "ом") || strings.HasSuffix(low, "ем")
		case "ом", "ем":
			return strings.HasSuffix(low, "е")
		}
	case fem:
		switch end {
		case "ая", "яя":
			return nom
		case "ой", "ей":
			return !nom && !strings.HasSuffix(low, "у") && !strings.HasSuffix(low, "ю")
		case "ую", "юю":
			return strings.HasSuffix(low, "у") || strings.HasSuffix(low, "ю")
		}
	case neut:
		indecl := h.nom == low && (strings.HasSuffix(low, "о") || strings.HasSuffix(low, "и"))
		switch end {
		case "ое", "ее":
			return nom
		case "ого", "его":
			return indecl || strings.HasSuffix(low, "я") || strings.HasSuffix(low, "а")
		case "ому", "ему":
			return indecl || strings.HasSuffix(low, "ю") || strings.HasSuffix(low, "у")
		case "ым", "им":
			return indecl || strings.HasSuffix(low, "ем") || strings.HasSuffix(low, "ом")
		case "ом", "ем":
			return indecl || strings.HasSuffix(low, "и") || strings.HasSuffix(low, "е")
		}
	}
	return false
}
