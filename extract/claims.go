package extract

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/docketorg/docket"
)

// A term of a sentence: years, months and days.
type term struct{ y, m, d int }

func (t term) iso() string {
	if t.y == 0 && t.m == 0 && t.d == 0 {
		return ""
	}
	s := "P"
	if t.y > 0 {
		s += strconv.Itoa(t.y) + "Y"
	}
	if t.m > 0 {
		s += strconv.Itoa(t.m) + "M"
	}
	if t.d > 0 {
		s += strconv.Itoa(t.d) + "D"
	}
	return s
}

// termAt reads a term at token i: "three years", "3 years", "two-year", "18-month", "one and a
// half years", "eight and a half years", "2.5 years", "five years and six months", "5 годам и
// 6 месяцам", "полутора лет", "четыре с половиной года". It returns the term and the token
// after it, or ok false.
func (d *doc) termAt(i int) (term, int, bool) {
	var t term
	// "трёхлетний срок", "полуторагодичный": a term told by a compound adjective.
	// Only before a word of a penalty: not "репост трёхлетней давности" (of three years ago).
	if i+1 < len(d.toks) && d.toks[i].cyr && startsWithAny(d.toks[i+1].low, "срок", "заключ", "лишени", "наказани", "запрет", "ограничени", "колони", "пробацион") {
		if ct, ok := ruTermAdjective(d.toks[i].low); ok {
			return ct, i + 1, true
		}
	}
	if i >= len(d.toks) || !d.mayCount(i) {
		return t, i, false
	}
	add := func(n float64, u byte) {
		switch u {
		case 'y':
			t.y += int(n)
			t.m += int((n - float64(int(n))) * 12)
		case 'm':
			t.m += int(n)
		case 'w':
			t.d += int(n) * 7
		case 'd':
			t.d += int(n)
		}
	}
	// "two-year", "five-year-old" is an age, "18-month".
	if i < len(d.toks) && d.toks[i].k == tWord && !d.toks[i].cyr {
		if a, b, ok := strings.Cut(d.toks[i].low, "-"); ok && !strings.Contains(b, "old") {
			if n, ok := enNumbers[a]; ok && n > 0 && a != "a" && a != "an" {
				if u := unitWord(b); u != 0 {
					add(float64(n), u)
					return t, i + 1, true
				}
				// "a two-and-a-half-year sentence"
				if rest, ok := strings.CutPrefix(b, "and-a-half-"); ok && unitWord(rest) == 'y' {
					add(float64(n)+0.5, 'y')
					return t, i + 1, true
				}
			}
		}
	}
	if d.num(i) > 0 && d.punct(i+1, "-") && !d.toks[i+1].sp && i+2 < len(d.toks) && d.toks[i+2].k == tWord {
		if u := unitWord(d.toks[i+2].low); u != 0 && !strings.Contains(d.toks[i+2].low, "old") && !d.toks[i+2].cyr {
			add(float64(d.num(i)), u)
			return t, i + 3, true
		}
	}
	j := i
	for part := 0; part < 2; part++ {
		n, l := d.count(j)
		var f float64
		switch {
		case d.word(j, "полтора", "полутора"):
			f, l = 1.5, 1
			if d.unit(j+1) == 0 {
				return t, j, part > 0
			}
		case n > 0:
			f = float64(n)
		case j < len(d.toks) && strings.HasSuffix(d.toks[j].t, "½") && len(d.toks[j].t) > len("½"):
			// "4½ years", written as one token.
			v, err := strconv.Atoi(strings.TrimSuffix(d.toks[j].t, "½"))
			if err != nil {
				return t, j, part > 0
			}
			f, l = float64(v)+0.5, 1
		case d.toks[j].k == tNum && strings.Contains(d.toks[j].t, "."):
			v, err := strconv.ParseFloat(d.toks[j].t, 64)
			if err != nil {
				return t, j, part > 0
			}
			f, l = v, 1
		case d.toks[j].k == tNum && strings.Contains(d.toks[j].t, ","):
			v, err := strconv.ParseFloat(strings.Replace(d.toks[j].t, ",", ".", 1), 64)
			if err != nil || len(d.toks[j].t) > 4 {
				return t, j, part > 0
			}
			f, l = v, 1
		default:
			return t, j, part > 0
		}
		k := j + l
		// "к 4 (четырём) годам": the number written again in words.
		if d.punct(k, "(") && d.punct(k+2, ")") {
			if again, _ := d.count(k + 1); again == n && n > 0 {
				k += 3
			}
		}
		// "4½ years" as two tokens.
		if k < len(d.toks) && d.toks[k].t == "½" && !d.toks[k].sp {
			f += 0.5
			k++
		}
		// "one and a half years", "четыре с половиной года"
		if d.word(k, "and") && d.word(k+1, "a") && d.word(k+2, "half") {
			f += 0.5
			k += 3
		} else if d.word(k, "с") && d.word(k+1, "половиной") {
			f += 0.5
			k += 2
		}
		u := d.unit(k)
		if u == 0 || u == 'h' {
			return t, j, part > 0
		}
		if f > 60 && u == 'y' || f > 400 {
			return t, j, part > 0
		}
		add(f, u)
		j = k + 1
		if d.word(k, "y", "m") { // "6 y. 6 m.": past the abbreviation's point (see unit)
			j++
		}
		// "five years and six months"
		if d.word(j, "and", "и") && d.unit(j+2) != 0 && d.unit(j+2) != u {
			j++
			continue
		}
		// "six years six months", "5 лет 6 месяцев": a smaller unit right after, no "and".
		if u == 'y' && part == 0 && d.unit(j+1) == 'm' {
			if n2, l2 := d.count(j); n2 > 0 && n2 < 12 && l2 == 1 {
				continue
			}
		}
		break
	}
	return t, j, true
}

// ruTermStems are the first parts of Russian compound adjectives of a term, and their count:
// "трёх" in "трёхлетний", "полутора" in "полуторагодичный".
var ruTermStems = map[string]float64{"одно": 1, "двух": 2, "трёх": 3, "трех": 3, "четырёх": 4, "четырех": 4, "пяти": 5, "шести": 6,
	"семи": 7, "восьми": 8, "девяти": 9, "десяти": 10, "одиннадцати": 11, "двенадцати": 12, "пятнадцати": 15,
	"двадцати": 20, "полутора": 1.5}

// ruTermAdjective reads a compound adjective of a term: "трёхлетний" (three years),
// "шестимесячного" (six months), "полуторагодичный" (a year and a half).
func ruTermAdjective(w string) (term, bool) {
	for _, unit := range []struct {
		mid string
		u   byte
	}{{"летн", 'y'}, {"годичн", 'y'}, {"месячн", 'm'}} {
		k := strings.Index(w, unit.mid)
		if k <= 0 {
			continue
		}
		n, ok := ruTermStems[w[:k]]
		if !ok {
			continue
		}
		var t term
		if unit.u == 'y' {
			t.y, t.m = int(n), int((n-float64(int(n)))*12)
		} else {
			t.m = int(n)
		}
		return t, true
	}
	return term{}, false
}

func unitWord(w string) byte {
	switch strings.TrimSuffix(w, "s") {
	case "year":
		return 'y'
	case "month":
		return 'm'
	case "week":
		return 'w'
	case "day":
		return 'd'
	}
	return 0
}

// penaltyMention is a demand or sentence written at tokens [a, b).
type penaltyMention struct {
	a, b   int
	pen    *Penalty
	demand bool // a demand whatever the words before it: "two years less than the prosecutor had requested"
}

// kindWords are the first words of the phrases kindAt reads; a test keeps them in step.
var kindWords = wordSet(`arrest ban banned barred behind colony compulsory conditional disqualification disqualified fine fined fines
	imprisonment incarceration detention jail limitation limited prison probation prohibited psychiatric restricted
	restriction restrictions suspended арест ареста арестовал арестовала арестовали арестован арестована
	арестованы арестом заключение заключения запрет запрета запретил запретила запретили запретить запретом
	запрещается запрещен запрещена запрещено запрещён колонии колонию колония колонии-поселения колонию-поселение
	колония-поселение колонии-поселении лишение лишением лишению лишения лишить лишил лишила лишили
	ограничение ограничением ограничению ограничения оштрафовал оштрафовала оштрафовали оштрафован оштрафована
	принудительного принудительное принудительному пробационного пробационный пробационному пробационным тюрьму тюрьмы условно условного условное условному условный
	условным штраф штрафа штрафом штрафу штрафы штрафов штрафами штрафовали штрафовал штрафовала химии химию химия химией домашней домашнюю домашняя
	бас шартты айыппұл айыппұлға тыйым әкімшілік home house chemistry общего строгого особого усиленного`)

// kindAt reads a word that names a kind of penalty at token i, and its length.
func (d *doc) kindAt(i int) (string, int) {
	if !d.is(i, cKind) {
		return "", 0
	}
	w := func(k int, ws ...string) bool { return d.word(i+k, ws...) }
	switch {
	case w(0, "restriction", "restricted", "limitation", "restrictions") && w(1, "of") && w(2, "freedom", "liberty"),
		w(0, "restricted", "restriction", "limited") && w(1, "freedom", "liberty"):
		if w(1, "of") {
			return "restriction of freedom", 3
		}
		return "restriction of freedom", 2
	case w(0, "restriction", "restricted") && d.wrapsTo(i, "of", "freedom"):
		// "5 years' restriction" over "of freedom": a table's cell that goes on below.
		return "restriction of freedom", 1
	case w(0, "ограничения", "ограничение", "ограничению", "ограничением") && w(1, "свободы"):
		return "restriction of freedom", 2
	// Kazakh: "бас бостандығын шектеу" (restriction of freedom), "бас бостандығынан айыру"
	// (deprivation of it), "шартты" (suspended), "айыппұл" (a fine), "тыйым салды" (banned).
	case w(0, "бас") && w(1, "бостандығын") && i+2 < len(d.toks) && strings.HasPrefix(d.toks[i+2].low, "шекте"):
		return "restriction of freedom", 3
	case w(0, "бас") && w(1, "бостандығынан") && i+2 < len(d.toks) && strings.HasPrefix(d.toks[i+2].low, "айыр"):
		return "imprisonment", 3
	case w(0, "шартты"):
		return "suspended", 1
	case w(0, "айыппұл", "айыппұлға"):
		return "fine", 1
	case w(0, "тыйым") && w(1, "салды", "салынды", "салған", "салып"):
		return "ban", 2
	case w(0, "әкімшілік") && w(1, "қамаққа", "қамақ", "қамау"): // administrative arrest
		return "imprisonment", 2
	// "3 года пробационного надзора": Kyrgyzstan's name of a restriction of freedom; not "(3
	// года условно) с пробационным надзором", the supervision of a suspended term.
	case w(0, "пробационного", "пробационный", "пробационному", "пробационным") && w(1, "надзора", "надзор", "надзору", "надзором") && !w(-1, "с", "под"):
		return "restriction of freedom", 2
	// "2 года «химии»", "домашняя химия", "home chemistry": the Belarusian name of
	// restriction of freedom.
	// Not "двадцать лет преподавала химию": the subject taught.
	case w(0, "химии", "химию", "химия", "химией") && (d.toks[i].quoted || d.unit(i-1) != 0) || w(0, "домашней", "домашнюю", "домашняя") && w(1, "химии", "химию", "химия", "химией"):
		if w(0, "домашней", "домашнюю", "домашняя") {
			return "restriction of freedom", 2
		}
		return "restriction of freedom", 1
	case w(0, "chemistry") && w(-1, "home", "house") || w(0, "home", "house") && w(1, "chemistry"):
		if w(0, "home", "house") {
			return "restriction of freedom", 2
		}
		return "restriction of freedom", 1
	// Not "remains under probation supervision": the supervision of a restriction of freedom.
	case w(0, "suspended", "conditional") && !w(1, "from"), w(0, "probation") && !w(1, "supervision", "service", "officer", "officers", "office"), w(0, "условно", "условный", "условного", "условным", "условному", "условное"):
		return "suspended", 1
	case w(0, "лишения", "лишение", "лишению", "лишением") && w(1, "свободы"):
		return "imprisonment", 2
	// "к 6 годам общего режима": a colony's regime is a term of imprisonment.
	case w(0, "общего", "строгого", "особого", "усиленного") && w(1, "режима"):
		return "imprisonment", 2
	case w(0, "imprisonment", "prison", "jail", "incarceration", "colony", "колонии", "колонию", "колония", "тюрьмы", "тюрьму", "заключения", "заключение",
		"колонии-поселения", "колонию-поселение", "колония-поселение", "колонии-поселении"): // a penal settlement is a term of imprisonment
		if w(0, "заключения", "заключение") && (d.word(i-1, "под") || w(1, "под")) {
			return "", 0
		}
		return "imprisonment", 1
	case w(0, "behind") && w(1, "bars"):
		return "imprisonment", 2
	case w(0, "compulsory", "psychiatric", "принудительное", "принудительному", "принудительного") && w(1, "treatment", "лечение", "лечению", "лечения"):
		return "compulsory treatment", 2
	case w(0, "fine", "fined", "fines", "штраф", "штрафа", "штрафу", "штрафом", "оштрафовали", "оштрафовал", "оштрафовала", "оштрафован", "оштрафована",
		"штрафы", "штрафов", "штрафами", "штрафовали", "штрафовал", "штрафовала"):
		return "fine", 1
	case w(0, "banned", "prohibited") && d.bannedThing(i):
		return "", 0
	case w(0, "ban", "banned", "barred", "prohibited", "disqualified", "disqualification", "запрет", "запретом", "запрета", "запретил", "запретила",
		"запретить", "запрещено", "запрещён", "запрещен", "запрещена", "запрещается", "запретили"):
		return "ban", 1
	case w(0, "арестовал", "арестовала", "арестовали", "арестован", "арестована", "арестованы") && d.adminArrest(i):
		return "imprisonment", 1 // administrative arrest: "арестовал на 15 суток"
	case w(0, "лишение", "лишением", "лишения") && w(1, "права"):
		return "ban", 2
	// "лишить её права заниматься журналистской деятельностью": the verb of the same ban.
	case w(0, "лишить", "лишил", "лишила", "лишили") && (w(1, "права") || w(2, "права") && w(1, "его", "её", "ее", "их")):
		if w(1, "права") {
			return "ban", 2
		}
		return "ban", 3
	case w(0, "arrest", "арест", "ареста", "арестом") && d.word(i-1, "administrative", "административный", "административного", "административному"):
		return "imprisonment", 1
	// "ordered her administrative detention for 10 days", "10 суток ареста": an
	// administrative arrest, a term of days.
	case w(0, "detention") && d.word(i-1, "administrative"), w(0, "ареста") && d.word(i-1, "суток"):
		return "imprisonment", 1
	}
	return "", 0
}

// bannedThings are nouns of what is banned rather than who: "a banned party", "the
// organisation was banned".
var bannedThings = wordSet(`organisation organization organisations organizations party parties movement movements group groups
	extremist religious literature materials books book website websites channel channels community communities network union
	opposition publication publications newspaper outlet outlets association foundation sect`)

// bannedThing reports "banned" at token i said of a thing: an adjective after a determiner
// or before a noun of an organisation ("the banned movement", "a banned extremist group"), or
// the verb of such a noun ("the party was banned in 2016"). It is no sentence of a person.
func (d *doc) bannedThing(i int) bool {
	if d.word(i-1, "the", "a", "an", "this", "that", "its", "their", "of") || i+1 < len(d.toks) && bannedThings[d.toks[i+1].low] {
		return true
	}
	k := i - 1
	if d.word(k, "later", "also", "subsequently", "officially") {
		k--
	}
	if d.word(k, "been") {
		k--
	}
	if d.word(k, "was", "were", "had", "has", "have") {
		return k > 0 && bannedThings[d.toks[k-1].low]
	}
	return false
}

// currencies by the words the press uses.
var currencies = map[string]string{
	"tenge": "KZT", "kzt": "KZT", "тенге": "KZT", "roubles": "RUB", "rubles": "RUB", "rub": "RUB", "рублей": "RUB", "рубля": "RUB",
	"manat": "AZN", "manats": "AZN", "azn": "AZN", "манат": "AZN", "som": "KGS", "soms": "KGS", "kgs": "KGS", "сомов": "KGS",
	"somoni": "TJS", "сомони": "TJS", "euros": "EUR", "euro": "EUR", "eur": "EUR", "евро": "EUR", "dollars": "USD", "usd": "USD",
	"долларов": "USD", "byn": "BYN", "рублей бел": "BYN",
}

// amountAt reads an amount of money at token i: "1,500,000 tenge", "KZT 1 million", "30
// тысяч рублей", "1.2 million roubles".
func (d *doc) amountAt(i int) (string, string, int, bool) {
	j := i
	cur := ""
	if i < len(d.toks) && d.toks[i].k == tWord {
		if c, ok := currencies[d.toks[i].low]; ok && d.toks[i].caps {
			cur, j = c, i+1
		}
	}
	if j >= len(d.toks) || d.toks[j].k != tNum {
		return "", "", 0, false
	}
	s := strings.ReplaceAll(d.toks[j].t, ",", "")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return "", "", 0, false
	}
	j++
	// Digits grouped by spaces: "1 500 000".
	for d.toks[j-1].e+1 == d.toks[min(j, len(d.toks)-1)].s && j < len(d.toks) && d.toks[j].k == tNum && len(d.toks[j].t) == 3 {
		v = v*1000 + float64(d.num(j))
		j++
	}
	switch {
	case d.word(j, "million", "mln", "млн", "миллиона", "миллионов", "миллион"):
		v *= 1e6
		j++
		if d.punct(j, ".") {
			j++
		}
	case d.word(j, "thousand", "тысяч", "тысячи", "тыс", "тысяча"):
		v *= 1e3
		j++
		if d.punct(j, ".") {
			j++
		}
	}
	if cur == "" {
		if j < len(d.toks) && d.toks[j].k == tWord {
			if c, ok := currencies[d.toks[j].low]; ok {
				cur = c
				j++
			} else if d.word(j, "мрп", "mci") {
				cur = "MCI"
				j++
			}
		}
	}
	if cur == "" || cur == "MCI" {
		return "", "", 0, false
	}
	return strconv.FormatFloat(v, 'f', -1, 64), cur, j, true
}

// sentencing and demanding words, and words that a term belongs to something else.
var (
	sentencingCues = wordSet(`sentenced sentence sentences sentencing jailed imprisoned received receives given gave handed fined banned
		barred served serving convicted punishment term imposed ordered приговорил приговорила приговорили приговорён приговорена
		приговорены приговорен назначил назначила назначили наказание получил получила получили оштрафовали оштрафовал оштрафовала
		осужден осуждена осуждён осуждены отбывал отбывала отбывает отбывший отбывшая отбыв отбыл отбыла срок запретил запретила
		тағайындады тағайындалды тағайындап кесілді кесті сотталды жазасын жазасы`)
	demandCues = wordSet(`demanded demand demands demanding requested request requests requesting asked asks ask asking sought seeks seek seeking proposed wanted
		запросил запросила запросили запрашивал запрашивала просил просила просили просит просят потребовал потребовала
		потребовали требовал требовала требует требуют предложил предложила попросил попросила попросили просило
		запросило потребовало требовало попросило запрашивало запрашивали требовали запросив попросив потребовав запрашивая
		insisted настаивал настаивала настаивало настаивали запрошенных запрошенного запрошенные запрошенный ` +
		strings.Join(kkDemandVerbs, " "))
	// kkDemandVerbs are the Kazakh verbs of a request, which come after the term.
	kkDemandVerbs = []string{"сұрады", "сұраған", "сұрап", "сұрағанымен"}
	// strongCues make a bare term a sentence: "sentenced to five years", "received nine years".
	strongCues = wordSet(`sentenced sentence jailed imprisoned received receives got gets gave given handed served serving imposed
		приговорил приговорила приговорили приговорён приговорена приговорены приговорен назначил назначила назначили
		получил получила получили отбывал отбывала отбывает отбыть отбывший отбывшая отбыв отбыл отбыла итого приговор приговоры назначено назначен назначена назначены
		тағайындады тағайындалды тағайындап кесілді кесті`)
	// prospects are words of what may happen, not what was decided: "faces up to twelve years".
	prospects = wordSet(`faces face facing faced risk risks risking could may might would up carries carry punishable
		грозит грозят грозило может могут предусматривает предусматривающей предусмотрено предусмотрена предусмотрен
		предусматривающая предусматривающие если if unless`)
	prosecutorCues = wordSet(`prosecutor prosecutors prosecution procurator state прокурор прокурора прокуратура гособвинитель
		обвинитель обвинение гособвинение сторона айыптаушы`)
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// travelScope reports the scope of a ban on leaving a place or travelling, which bail
// conditions and bailiffs impose, not a sentence.
func travelScope(scope string) bool {
	f := strings.Fields(strings.ToLower(scope))
	if len(f) > 0 && (f[0] == "his" || f[0] == "her" || f[0] == "their") {
		f = f[1:]
	}
	return len(f) > 0 && (f[0] == "leaving" || f[0] == "travel" || f[0] == "travelling" || f[0] == "traveling" || f[0] == "выезд" || f[0] == "выезжать")
}

// findClaims finds demands, sentences, outcomes and events, sentence by sentence.
func (d *doc) findClaims() {
	var defendant *Person // the person the text is about, for claims that name no one
	for si := range d.sents {
		s := d.sents[si]
		if s.a >= s.b || d.toks[s.a].skip {
			continue
		}
		// "sentenced to seven years each, although the prosecution had demanded nine and eight
		// years respectively": the terms outside the respectively list are read as any.
		ra, rb, resp := d.respectively(si)
		for _, pm := range d.penalties(si) {
			if resp && pm.b > ra && pm.a < rb {
				continue
			}
			d.needCast = false
			d.claimPenalty(pm, s, &defendant)
			if d.needCast {
				pm := pm
				d.later = append(d.later, func() { d.claimPenalty(pm, s, &defendant) })
			}
		}
		d.needCast = false
		d.outcomes(s, &defendant)
		if d.needCast {
			d.later = append(d.later, func() { d.outcomes(s, &defendant) })
		}
	}
	// Now the defendants are known: the claims of groups ("all seven", "both men").
	d.castReady = true
	// Terms told of no one in a text whose claims name no defendant: the person it is about,
	// who is the cast then.
	if p := d.protagonist(); p != nil && len(d.defendants()) == 0 {
		for _, f := range d.orphans {
			d.needCast = false
			f(p)
		}
	}
	later := d.later
	d.later = nil
	d.cast = nil
	for _, f := range later {
		d.needCast = false // what the first pass left says nothing of this claim
		f()
	}
	// The claims of groups may have added defendants ("For all three, the prosecution had
	// sought ..."): the cast is read again.
	d.cast = nil
	for si := range d.sents {
		s := d.sents[si]
		if s.a >= s.b || d.toks[s.a].skip {
			continue
		}
		d.demandsAsImposed(s)
		d.events(si)
	}
	d.mergeEvents()
	d.dropUnnamedEvents()
}

// demandsAsImposed reads a demand told as the sentence the court gave: "for A and B, the
// prosecutor had requested the terms that the court imposed", "прокурор просил для них
// тех же сроков, которые назначил суд": each person's demand is their sentence's term.
func (d *doc) demandsAsImposed(s sentence) {
	for k := s.a; k < s.b; k++ {
		if !d.is(k, cDemand) {
			continue
		}
		x := k + 1
		for d.word(x, "the", "same", "те", "же", "тех", "такие", "такой", "тот") {
			x++
		}
		if !d.word(x, "terms", "term", "sentences", "sentence", "сроки", "сроков", "срок", "наказание") ||
			!d.anyWord(x+1, min(s.b, x+6), "court", "суд") || !d.anyWord(x+1, min(s.b, x+8), "imposed", "gave", "handed", "passed", "назначил", "назначила", "вынес", "вынесла") {
			continue
		}
		var persons []*Person
		for _, m := range d.personsIn(s.a, k) {
			if m.p != nil && !m.pronoun && !d.official(m) {
				persons = append(persons, m.p)
			}
		}
		for _, p := range persons {
			for _, sn := range d.res.Sentences {
				if sn.Person != p.Name || sn.Term == "" || sn.Kind == "ban" {
					continue
				}
				dem := *sn
				dem.Mentions = []Span{d.span(k, x+1)}
				dem.Inferred = "the term the text says the court imposed"
				d.res.Demands = addPenalty(d.res.Demands, &dem)
				break
			}
		}
		return
	}
}

// penalties finds the penalties written in tokens [a, b): a term with a kind, a kind with a
// term, a fine with its amount, a ban with its scope, or a kind alone where the sentence
// sentences or demands.
func (d *doc) penalties(si int) []*penaltyMention {
	a, b := d.sents[si].a, d.sents[si].b
	cue := d.cueIn(si, cSentencing|cDemand)
	var terms []struct {
		a, b int
		t    term
	}
	var kinds []struct {
		a, b int
		kind string
	}
	unit := d.lastUnit(si) // for a number whose unit the sentence before gave: "asked for 12"
	// "Приговор (в скобках — что просил гособвинитель):", "Sentences (the prosecutor's requests
	// in brackets):": a legend makes a list's bracketed terms the demands.
	legend := d.bracketLegend(si)
	var out []*penaltyMention
	var same [][2]int // "the same term" phrases
	for k := a; k < b; k++ {
		// "and cameraman Tural Safarov to the same term", "тот же срок": the term told last.
		if l := d.sameTerm(k); l > 0 {
			same = append(same, [2]int{k, k + l})
			k += l - 1
			continue
		}
		// "reducing his sentence from seven to five years": the first number takes the
		// unit of the second.
		if d.word(k-1, "from", "с") && d.anyWord(a, k, termChanges...) {
			if n, l := d.count(k); n > 0 && n <= 30 && d.unit(k+l) == 0 && d.word(k+l, "to", "до") {
				if t2, _, ok := d.termAt(k + l + 1); ok {
					t := term{}
					if t2.y > 0 {
						t.y = n
					} else {
						t.m = n
					}
					terms = append(terms, struct {
						a, b int
						t    term
					}{k, k + l, t})
					k += l - 1
					continue
				}
			}
		}
		// "год и шесть месяцев ограничения свободы", "к году и шести месяцам": a year without
		// a number and the months after it.
		if n, l := d.count(k + 2); d.word(k, "год", "году") && d.word(k+1, "и") && n > 0 && d.unit(k+2+l) == 'm' && !d.mayCount(k-1) && (cue || d.kindOf(k+3+l)) {
			terms = append(terms, struct {
				a, b int
				t    term
			}{k, k + 3 + l, term{y: 1, m: n}})
			k += 2 + l
			continue
		}
		// "просил для неё год ограничения свободы": a year without a number, before its kind.
		if d.word(k, "год") && !d.mayCount(k-1) && !d.word(k-1, "этот", "тот", "прошлый", "следующий", "каждый", "весь", "целый", "в") && cue {
			if d.kindOf(k + 1) {
				terms = append(terms, struct {
					a, b int
					t    term
				}{k, k + 1, term{y: 1}})
				continue
			}
		}
		if t, e, ok := d.elidedTerm(k, unit); ok && cue {
			terms = append(terms, struct {
				a, b int
				t    term
			}{k, e, t})
			k = e - 1
			continue
		}
		if t, e, ok := d.termAt(k); ok {
			if t.y > 0 {
				unit = 'y'
			} else if t.m > 0 {
				unit = 'm'
			}
			// Not a term: ages, dates ("two years ago"), durations of custody, probation.
			// "через три недели после задержания", "three weeks after the verdict": a time
			// between two events, not "banned for three years after his release".
			skip := d.word(e, "ago", "later", "earlier", "назад", "спустя", "old", "older", "younger", "since") ||
				d.word(k-1, "через", "спустя") || d.word(e, "after", "before", "после") && !d.word(k-1, "for", "to", "на", "к", "of", "по", "течение") ||
				d.anyWord(k-3, k, "than", "almost", "nearly", "более", "свыше", "около", "почти", "spent", "провёл", "провел", "провела", "провели") ||
				// "about two years", not "concern about the two-year sentence".
				d.word(k-1, "about", "around") || d.word(k-2, "about", "around") && !d.word(k-1, "the", "a", "an", "his", "her", "their") ||
				d.word(k-1, "within", "in", "through", "испытательным", "испытательный") && !d.word(k-2, "sentenced") ||
				d.word(k-1, "a", "an") && !d.toks[k].cyr && d.word(k, "day", "week", "month", "year") && !d.word(e, "in", "of") ||
				d.word(e, "probation") || d.word(k-2, "испытательным", "испытательный") || d.word(k-1, "probation") ||
				d.word(k-1, "в") && d.word(k-2, "сроком", "срок") && d.word(k-3, "испытательным", "испытательный") || // "с испытательным сроком в два года"
				d.word(e, "of") && d.word(e+1, "probation") || d.word(k-1, "between") ||
				d.word(e, "under") && d.word(e+1, "house") || d.word(e, "под") && d.word(e+1, "домашним", "стражей", "арестом") ||
				d.word(e, "in") && d.word(e+1, "custody", "detention", "pre-trial") || d.word(e, "for", "on", "and") && d.word(e+1, "each") && false
			if d.word(k-1, "a", "an") && !d.toks[k].cyr && k > a && d.word(k-2, "for", "of") && d.word(e, "after", "later") {
				skip = true
			}
			// "5 лет условно с пробационным надзором сроком на 3 года": the supervision of a
			// suspended term is its probation, no term of its own.
			if d.anyWord(max(a, k-4), k, "надзором", "надзора") && d.anyWord(max(a, k-5), k, "пробационным", "пробационного") && d.anyWord(a, k, "условно", "условного", "условное", "условный", "условным") {
				skip = true
			}
			// "Жанар Сейткали, 46 лет, —": an age in apposition to the name.
			if d.punct(k-1, ",") && d.punct(e, ",", "—", "–", ")") && slices.ContainsFunc(d.sentPersons[si], func(m *personMention) bool { return m.b == k-1 && !m.pronoun }) {
				skip = true
			}
			if !skip {
				terms = append(terms, struct {
					a, b int
					t    term
				}{k, e, t})
			}
			k = e - 1
			continue
		}
		if kind, l := d.kindAt(k); kind != "" {
			// "house arrest" is not a penalty kind; "suspended for 'committing an offence'"
			// (from office) is not a suspended sentence.
			if kind == "suspended" && d.word(k, "suspended") && !d.word(k+1, "sentence", "sentences", "term", "imprisonment", "prison", "jail") && !d.word(k-1, "year", "years", "yrs", "month", "months") && !(d.punct(k-1, ".") && d.unit(k-2) != 0) && !strings.Contains(d.quote(max(a, k-4), k), "-year") && !strings.Contains(d.quote(max(a, k-4), k), "-month") && !d.word(k+1, "for") {
				// In a table's cell of two lines, the word before is the cell's, not the next column's.
				pk := k - 1
				for pk > a && d.toks[k].cell != 0 && d.toks[pk].cell != d.toks[k].cell {
					pk--
				}
				if !(d.punct(pk, ",") || d.word(pk, "years'", "years", "year", "yrs", "yr")) {
					continue
				}
			}
			if kind == "suspended" && d.word(k, "suspended") && d.word(k+1, "for", "from") {
				continue
			}
			if kind == "ban" && (d.word(k+1, "on", "from") && d.word(k+2, "leaving", "travel", "travelling", "traveling") || d.word(k+1, "from") && d.word(k+2, "leaving", "travelling") || d.word(k+1, "на") && d.word(k+2, "выезд")) {
				continue // a travel ban is an event
			}
			if kind == "ban" && d.word(k-1, "travel") {
				continue
			}
			if kind == "ban" && d.word(k, "запретил", "запретила") && d.word(k+1, "ей", "ему", "им") && d.word(k+2, "выезд") {
				continue
			}
			kinds = append(kinds, struct {
				a, b int
				kind string
			}{k, k + l, kind})
			k += l - 1
		}
	}
	usedKind := map[int]bool{}
	// Each term takes the kinds near it; suspended wins over imprisonment, which is what is
	// suspended.
	for ti, t := range terms {
		// "to 8 years each, two years less than the prosecutor had requested": the demand is
		// the sentence before it and that much more.
		// "на два года меньше, чем просил прокурор": the same, in Russian.
		than := d.word(t.b+1, "than", "чем") || d.punct(t.b+1, ",") && d.word(t.b+2, "чем")
		if d.word(t.b, "less", "more", "fewer", "меньше", "больше") && than && len(out) > 0 && out[len(out)-1].pen.Term != "" {
			prev := out[len(out)-1].pen
			verb := -1
			for x := t.b + 2; x < min(b, t.b+9); x++ {
				if d.is(x, cDemand) {
					verb = x
					break
				}
			}
			if verb > 0 {
				if pt, err := docket.ParseDuration(prev.Term); err == nil {
					sign := 1
					if d.word(t.b, "more", "больше") {
						sign = -1 // the sentence is more than the demand
					}
					m := (pt.Years+sign*t.t.y)*12 + pt.Months + sign*t.t.m
					if m > 0 {
						out = append(out, &penaltyMention{a: t.a, b: verb + 1, pen: &Penalty{Kind: prev.Kind, Term: term{y: m / 12, m: m % 12}.iso(), Inferred: "computed from the sentence and the difference the text gives"}, demand: true})
					}
				}
				continue
			}
		}
		var kind string
		ka, kb := t.a, t.b
		best, bestDist := -1, 1<<30
		suspended := -1
		for ki, k := range kinds {
			dist := k.a - t.b // a kind after its term: "three years' imprisonment"
			if k.b <= t.a {
				dist = t.a - k.b // before it: "restriction of freedom for two years"
			}
			limit := 5
			if k.kind == "ban" {
				limit = 8 // "barred him from holding public office for four years"
				// 'banned her from "social and public activity", including posting on social
				// networks, for three years': a quoted scope and its aside.
				if d.word(t.a-1, "for", "на") && d.anyPunct(k.b, t.a, "\"", "“", "”", "«", "»") {
					limit = 16
				}
				// "с запретом занимать должности в органах государственной власти и местного
				// самоуправления на 4 года": a long scope in one clause, the term after "на".
				if d.word(t.a-1, "for", "на") && k.b <= t.a && !d.anyPunct(k.b, t.a, ",", ";", ".", "(", ")") && !d.anyClass(k.b, t.a, cSentencing|cStrong) {
					limit = 16
				}
			}
			// A fine has an amount, not a term: "six years for A but only fines for the others".
			if dist < 0 || k.a >= t.b && dist > 6 || k.b <= t.a && dist > limit || usedKind[ki] && k.kind != "suspended" || k.kind == "fine" && dist > 1 {
				continue
			}
			// "просила 5 лет и запрет на ведение блогов на 2 года", "six years and a ban on
			// ...": a kind after "and" opens a penalty of its own, not the term's.
			// Nor past a clause of its own: "reduced A's sentence to two years, and left B's
			// suspended sentence unchanged".
			if k.a >= t.b && d.anyPunct(t.b, k.a, ",", ";") && d.anyWord(t.b, k.a, "and", "but", "while", "и", "а", "но") {
				continue
			}
			// So after "each": "nine years each and banned for two years".
			if k.a >= t.b && (d.word(t.b, "и", "and") || d.word(t.b, "each", "apiece", "каждому", "каждой") && d.word(t.b+1, "и", "and")) {
				continue
			}
			// A table's cell: its term takes no kind from the next column.
			if d.toks[k.a].cell != d.toks[t.a].cell {
				continue
			}
			// "five years in a colony (the prosecutor asked for 10)": a term in an aside takes
			// no kind from outside it.
			if k.b <= t.a && d.anyPunct(k.b, t.a, "(") || k.a >= t.b && d.anyPunct(t.b, k.a, ")") {
				continue
			}
			// Not past another term: that one is nearer.
			between := false
			for tj, t2 := range terms {
				if tj != ti && (t2.a >= t.b && t2.a < k.a || t2.b <= t.a && t2.b > k.b) {
					between = true
				}
			}
			if between {
				continue
			}
			if k.kind == "suspended" {
				suspended = ki
			}
			if dist < bestDist || dist == bestDist && k.a > t.a {
				best, bestDist = ki, dist
			}
		}
		if best >= 0 {
			k := kinds[best]
			usedKind[best] = true
			kind = k.kind
			ka, kb = min(ka, k.a), max(kb, k.b)
		} else if ti+1 < len(terms) && d.punct(t.b, ",") && terms[ti+1].a-t.b <= 6 && d.unit(t.b-1) == 'd' && d.unit(terms[ti+1].b-1) == 'd' {
			// "Жұмабаевқа 15 тәулік, Ешмұратовқа 10 тәулік әкімшілік қамау": the kind
			// after the last term of a list of days is each term's (a list of years may
			// leave prison unsaid before "three years of restriction of freedom").
			for _, k := range kinds {
				if k.a == terms[ti+1].b {
					kind = k.kind
				}
			}
		}
		if suspended >= 0 && kind != "ban" && kind != "fine" {
			k := kinds[suspended]
			usedKind[suspended] = true
			kind = "suspended"
			ka, kb = min(ka, k.a), max(kb, k.b)
		}
		aside := legend && d.inParens(a, t.a)
		if kind == "" && aside {
			// "— A, 41 год, — 3 года 6 месяцев колонии (4 года)": the kind of the item's term.
			kind = "imprisonment"
			if len(out) > 0 && out[len(out)-1].pen.Kind != "" {
				kind = out[len(out)-1].pen.Kind
			}
		}
		if kind == "" {
			// A bare term is a sentence only right after a strong cue: "sentenced him to five
			// years", "received nine years", "запрашивала для блогера 7 лет".
			strong := false
			for x := a; x < t.a; x++ {
				if d.is(x, cStrong|cDemand) {
					strong = true
				}
			}
			// "He sentenced: - A to nine years;": the verb of the lead.
			// "Verdict at a glance: - A, 27 - 4.5 years": a list led by the verdict's noun.
			// "Result on appeal (first-instance term -> appeal term): - A: 7 yrs -> 5 yrs": a list
			// led by the terms' noun, where no request is told.
			if lead := d.sents[si].lead; !strong && lead >= 0 && (d.cueIn(lead, cStrong) || d.anyWord(d.sents[lead].a, d.sents[lead].b, "verdict", "verdicts", "sentences") ||
				d.anyWord(d.sents[lead].a, d.sents[lead].b, "term", "terms", "result", "results") && !d.cueIn(lead, cDemand)) && !d.anyClass(a, t.a, cDemand) {
				strong = true
			}
			// "смягчил наказание до 5 лет", "reduced his sentence to five years": the new term.
			if !strong && d.word(t.a-1, "до", "to") && d.anyWord(max(a, t.a-6), t.a, termChanges...) {
				strong = true
			}
			// "The terms, unchanged on appeal: A and B — 9 years each, C — 8 years": the same
			// list led by a colon within its sentence.
			if !strong && !d.anyClass(a, t.a, cDemand) {
				sa := d.sents[si].a
				for x := t.a - 1; x > sa; x-- {
					if d.punct(x, ":") {
						strong = d.anyWord(sa, x, "terms", "sentences", "verdict", "verdicts", "results", "сроки", "приговор") && !d.anyClass(sa, x, cDemand)
						break
					}
				}
			}
			// "Who got what" then "A, 22 — (charge): 4 years": a list of names under a title,
			// after the paragraph that tells the verdict.
			if !strong && d.sents[si].lead < 0 && d.nameItem(si) && !d.anyClass(a, t.a, cDemand) {
				for sj, n := si-1, 0; sj >= 0 && n < 8; sj, n = sj-1, n+1 {
					// Past the titles, the other items and their second clauses.
					if d.heading(d.sents[sj]) || d.nameItem(sj) || sj > 0 && d.toks[d.sents[sj].a].nl == 0 && d.sents[sj].para != d.sents[sj-1].para+1 && d.sents[sj].para == d.sents[sj-1].para {
						continue
					}
					if d.cueIn(sj, cStrong) || d.anyWord(d.sents[sj].a, d.sents[sj].b, "verdict", "verdicts") {
						strong = true
						break
					}
				}
			}
			// "The prosecutor asked: A — 10 years' imprisonment; B and C — 7 years each": an
			// item of a list under a request, whose verb is the lead's.
			demandItem := false
			if lead := d.sents[si].lead; !strong && lead >= 0 && d.demandLead(lead) && !d.anyClass(a, t.a, cSentencing|cStrong) {
				strong, demandItem = true, true
			}
			// An interview's answer to a question about the prosecution's request.
			if lead := d.sents[si].lead; !strong && lead >= 0 && d.punct(d.sents[lead].b-1, "?") && d.cueIn(lead, cDemand) && !d.anyClass(a, t.a, cSentencing|cStrong) {
				strong = true
			}
			// "18 лет л/с" under a table's column of requests or of verdicts.
			if d.toks[t.a].colKind != 0 && !d.anyPunct(d.cellStart(t.a), t.a, "(") {
				strong = true
			}
			// "a 14-year sentence", "a five-year prison term"
			if d.word(t.b, "sentence", "term", "prison", "jail") && (d.punct(t.b-2, "-") || strings.Contains(d.toks[t.b-1].t, "-")) {
				strong = true
			}
			// "from seven years to six years and six months": the kind of the term before.
			if !strong && d.word(t.a-1, "to", "до") && len(out) > 0 && out[len(out)-1].pen.Kind != "" && d.anyWord(a, t.a, termChanges...) {
				p := *out[len(out)-1].pen
				p.Term = t.t.iso()
				out = append(out, &penaltyMention{a: t.a, b: t.b, pen: &p})
				continue
			}
			// "reduced the prison term from three years to eighteen months": the terms before
			// and after a court's change are sentences.
			if !strong && d.anyWord(a, t.a, termChanges...) && (d.word(t.a-1, "from", "с") && d.word(t.b, "to", "до") ||
				d.word(t.a-1, "to", "до") && (d.anyWord(max(a, t.a-8), t.a, "from", "с") || d.changedTermOf(a, t.a) != nil)) {
				strong = true
			}
			if !strong {
				continue
			}
			kind = "imprisonment"
			// The kind of the item before, of the same list: "A — 3 years of restricted
			// freedom; B — 2 years".
			lead := d.sents[si].lead
			if n := len(d.res.Demands); demandItem && n > 0 && d.res.Demands[n-1].sent == si-1 && (si-1 == lead || d.sents[si-1].lead == lead) && d.res.Demands[n-1].Kind != "" {
				kind = d.res.Demands[n-1].Kind
			}
			// "получили по два года ограничения свободы, хотя прокурор требовал по три года":
			// a bare demand is of the kind of the term it is set against, told just before.
			if d.anyClass(a, t.a, cDemand) {
				var prev *Penalty
				for x := len(out) - 1; x >= 0 && prev == nil; x-- {
					if out[x].pen.Term != "" {
						prev = out[x].pen
					}
				}
				// "назначен один год ограничения свободы; для неё обвинение просило полтора года"
				// "... to two years of restriction of freedom. The prosecutor had demanded two
				// and a half years.": the sentence just before, in the same paragraph.
				if prev == nil && si > 0 && d.lastPen != nil && (d.punct(d.sents[si-1].b-1, ";") || d.lastPen.sent == si-1 && d.sents[si-1].para == d.sents[si].para) {
					prev = d.lastPen
					// "A to four years' imprisonment ... and C to three years of restriction of
					// freedom. The prosecution had sought five years for each of the men": the
					// sentence before gave terms of several kinds, and the last says nothing.
					first := prev.sent // the clauses joined by semicolons before are one sentence
					for first > 0 && d.punct(d.sents[first-1].b-1, ";") {
						first--
					}
					for _, sn := range d.res.Sentences {
						if prev != nil && sn.sent >= first && sn.sent <= prev.sent && sn.Term != "" && sn.Kind != prev.Kind {
							prev = nil
						}
					}
				}
				if prev != nil && (prev.Kind == "restriction of freedom" || prev.Kind == "compulsory treatment") {
					kind = prev.Kind
				}
			}
		}
		// "faces up to twelve years in prison", "если ... грозит до 10 лет": a prospect; "four to
		// seven years", "от 5 до 10 лет": a range the law sets.
		lo, _ := d.count(t.a - 2)
		// Not "sentenced on 30 October 2023 to five years": a date's year is no low end.
		rng := d.word(t.a-1, "to", "and", "до") && lo > 0 && lo <= 50 && !d.toks[t.a-2].used || d.word(t.a-1, "between", "from", "от")
		// "reduced his prison term from seven years to six years and six months", "снизил срок
		// с шести до четырёх лет": the term before and the term after, each a sentence.
		if rng && d.anyWord(a, t.a, termChanges...) {
			rng = false
		}
		// "срок сокращён на полтора года", "reduced by 18 months": by how much, not a term.
		if d.word(t.a-1, "by", "на") && d.anyWord(max(a, t.a-6), t.a, termChanges...) {
			continue
		}
		prospect := false
		for x := max(a, t.a-8); x < t.a; x++ {
			if d.is(x, cProspect) && d.month(x) == 0 { // "the May 2022 protests" is no "may"
				prospect = true
			}
		}
		// "максимальное наказание по ч. 2 ст. 214 — до трёх лет": what the law allows.
		if d.word(t.a-1, "до") && d.anyWord(max(a, t.a-14), t.a, "максимальное", "максимальная", "максимальный", "максимального") {
			prospect = true
		}
		if prospect {
			continue
		}
		if rng {
			// "received between seven and nine years": convicted, to terms not told apart.
			if d.anyWord(a, t.a, "received", "sentenced", "got", "given", "получили", "приговорены", "приговорил", "приговорила") {
				out = append(out, &penaltyMention{a: t.a, b: t.b, pen: &Penalty{}})
			} else if d.anyClass(a, t.a, cDemand) && d.anyClass(a, t.a, cProsecutor) && kind != "" {
				// "обвинение просило от 8 до 10 лет": a demand whose term is not one.
				out = append(out, &penaltyMention{a: t.a, b: t.b, pen: &Penalty{Kind: kind, Inferred: "a range of terms was asked for"}, demand: true})
			}
			continue
		}
		if kind == "fine" {
			continue // a fine has an amount, not a term
		}
		p := &Penalty{Kind: kind, Term: t.t.iso()}
		if kind == "ban" {
			p.Scope = d.banScope(ka, min(b, kb+8))
			if travelScope(p.Scope) {
				continue
			}
		}
		out = append(out, &penaltyMention{a: ka, b: kb, pen: p, demand: aside})
	}
	// "the same term": the term told last before it, in this clause or before.
	sameBefore := func(at int) *Penalty {
		var prev *Penalty
		for _, pm := range out {
			if pm.b <= at && pm.pen.Term != "" && !pm.demand {
				prev = pm.pen
			}
		}
		if prev == nil {
			prev = d.lastPen
		}
		return prev
	}
	// "banned her from public activity for the same term", "с запретом на занятие
	// общественной деятельностью на тот же срок": the ban lasts the term told before it.
	banFor := map[int][2]int{} // an unused ban's kind, by its index: the same-term phrase it takes
	for ki, k := range kinds {
		for si, sp := range same {
			if !usedKind[ki] && k.kind == "ban" && sp[0] > k.b && sp[0]-k.b <= 12 && d.word(sp[0]-1, "for", "на") && !d.anyPunct(k.b, sp[0], ",", ";", "(") {
				banFor[ki] = sp
				same = slices.Delete(same, si, si+1)
				break
			}
		}
	}
	for _, sp := range same {
		prev := sameBefore(sp[0])
		if prev == nil {
			continue
		}
		p := *prev
		p.Person, p.Mentions = "", nil
		p.Inferred = "the term told before (\"the same term\")"
		out = append(out, &penaltyMention{a: sp[0], b: sp[1], pen: &p})
	}
	// Kinds without a term: fines with amounts, bans, "restriction of freedom".
	for ki, k := range kinds {
		if usedKind[ki] {
			continue
		}
		p := &Penalty{Kind: k.kind}
		e := k.b
		switch k.kind {
		case "fine":
			for x := k.b; x < min(k.b+6, b); x++ {
				if amt, cur, end, ok := d.amountAt(x); ok {
					p.Amount, p.Currency, e = amt, cur, end
					break
				}
			}
		case "ban":
			p.Scope = d.banScope(k.a, min(b, k.b+8))
			if p.Scope == "" && !cue || travelScope(p.Scope) {
				continue // "a ban on her leaving the country" is a travel ban, an event
			}
			if sp, ok := banFor[ki]; ok {
				if prev := sameBefore(k.a); prev != nil {
					p.Term, p.Inferred, e = prev.Term, "the term told before (\"the same term\")", sp[1]
				}
			}
		case "imprisonment":
			// "prison sentences" in general, without a term, say too little; but a request
			// for it is the prosecution's demand: "the prosecutor had requested imprisonment
			// for all four", "обвинение просило реальное лишение свободы".
			x := k.a - 1
			for d.word(x, "a", "for", "real", "actual", "custodial", "реальное", "реальный", "реального") {
				x--
			}
			if !d.is(x, cDemand) || x < k.a-3 || !d.anyClass(a, b, cProsecutor) {
				continue
			}
		case "suspended":
			if !cue {
				continue
			}
		}
		// "направил на принудительное лечение", "sent for compulsory treatment": the court's
		// order is told by the verb of sending.
		sent := k.kind == "compulsory treatment" && (d.word(k.a-1, "на", "for", "to") && d.word(k.a-2, "направил", "направила", "направили", "направлен", "направлена", "направлены", "отправил", "отправила", "отправили", "sent", "ordered") ||
			d.word(k.a-1, "ordered", "imposed"))
		if !cue && !sent && k.kind != "fine" {
			continue
		}
		out = append(out, &penaltyMention{a: k.a, b: e, pen: p})
	}
	// Amounts after "fined X": "fined Serikbayev 300,000 tenge".
	return out
}

// termChanges are the verbs of a court changing a term: "reduced his term from seven years
// to six".
var termChanges = strings.Fields(`reduced reducing reduces cut cutting cuts trimmed trimming lowered lowering increased
	increasing raised raising снизил снизила снизив снизили сократил сократила сократив сократили смягчил смягчила смягчив
	увеличил увеличила увеличив снижен снижена сокращён сокращен сокращена увеличен увеличена`)

// banScope returns what a ban is from: "from journalistic activity", "on public activity",
// "заниматься общественной деятельностью".
func (d *doc) banScope(a, b int) string {
	for k := a; k < b; k++ {
		if d.word(k, "from", "on") || d.word(k, "заниматься", "занятие", "занятия") {
			e := k + 1
			if d.word(e, "engaging", "working", "the") {
				if d.word(e, "working") && d.word(e+1, "as") {
					e += 2
				} else {
					e++
				}
				if d.word(e, "in") {
					e++
				}
			}
			if d.punct(e, "\"", "“", "«") {
				// 'from "social and public activity"': the quoted words, whole.
				q := e + 1
				for q < b && q-e < 10 && !d.punct(q, "\"", "”", "»") {
					q++
				}
				if q < b && q > e+1 && d.punct(q, "\"", "”", "»") {
					return d.quote(e+1, q)
				}
				e++
			}
			s := e
			for e < b && e-s < 5 && d.toks[e].k == tWord && !d.word(e, "for", "на", "сроком", "after", "until", "до", "and", "и") && !(e == s && d.word(e, "a", "an")) &&
				!(d.word(e, "в") && d.word(e+1, "течение")) { // "в течение пяти лет": the term
				e++
			}
			if e > s {
				return d.quote(s, e)
			}
		}
	}
	return ""
}

// titleLine reports a line of at most ten words that holds token k, after a blank line and
// outside a table, that ends with no full stop: a title over the text that tells its story.
func (d *doc) titleLine(k int) bool {
	a, b := d.lineStart(k), d.lineEnd(k)
	if b >= len(d.toks) || d.punct(b-1, ".", ",", ";", ":") || d.toks[k].cell != 0 || a > 0 && d.toks[a].nl < 2 {
		return false
	}
	words := 0
	for x := a; x < b; x++ {
		if d.toks[x].k == tWord {
			words++
		}
	}
	return words <= 10
}

// claimPenalty decides whether a penalty is a demand or a sentence and whom it concerns.
func (d *doc) claimPenalty(pm *penaltyMention, s sentence, defendant **Person) {
	// "▪ БРЕСТ. Сутки и штраф за репосты": a section's title that names no one sums up
	// what the text below tells of its people.
	if d.titleLine(pm.a) && len(d.personsIn(d.lineStart(pm.a), d.lineEnd(pm.a))) == 0 {
		return
	}
	demand := false
	prosecutor := false
	for k := s.a; k < s.b; k++ {
		if d.is(k, cProsecutor) {
			prosecutor = true
		}
	}
	for k := s.a; k < pm.a; k++ {
		// "rejected the defence's request to ...": a request refused, or the defence's, is no
		// prosecutor's demand.
		if d.is(k, cDemand) && !d.anyWord(k-3, k, "rejected", "refused", "dismissed", "denied", "defence's", "defense's", "defence", "defense", "отклонил", "отклонила", "отказал", "отказала") {
			// "назначено 4 года при запрошенных пяти": the participle says whose.
			asked := d.word(k, "запрошенных", "запрошенного", "запрошенные", "запрошенный") && pm.a-k <= 2
			demand = (prosecutor || asked || d.pronounProsecutor(s, k) || d.word(k+1, "for") && d.word(k-1, "prosecutors") || d.openAside(s.a, k, pm.a)) && !d.closedAside(s.a, k, pm.a)
			// "the prosecutor asked for eight years, and the judge imposed seven": a verb of
			// sentencing in a clause of its own, nearer the term, is the term's.
			for x := k + 1; x < pm.a && demand; x++ {
				// So "прокурор просил три года, суд назначил два": the court its subject.
				if d.is(x, cStrong) && !d.is(x, cDemand) && d.anyPunct(k, x, ",", ";") && (d.anyWord(k, x, "and", "but", "while", "whereas", "а", "но", "и") || d.word(x-1, "суд", "судья", "court", "judge")) {
					demand = false
				}
			}
		}
	}
	// An answer that says no verb of its own: the question's ("And the prosecution had asked
	// for...? / Seven years for Levan").
	if lead := s.lead; !demand && lead >= 0 && !d.anyClass(s.a, pm.a, cSentencing|cDemand|cStrong) && d.cueIn(lead, cDemand) && d.cueIn(lead, cProsecutor) && d.punct(d.sents[lead].b-1, "?") {
		demand = true
	}
	// A list under a prosecutor's request ("The prosecutor asked the court to impose: - A, six
	// years; - B, four years"): its items have no verb of their own, the lead's is a demand.
	if lead := s.lead; !demand && lead >= 0 && !d.anyClass(s.a, pm.a, cSentencing|cDemand|cStrong) && d.demandLead(lead) {
		demand = true
	}
	// Kazakh puts the verb last: "Прокурор 4 жыл бас бостандығынан айыруды сұраған еді".
	if !demand && d.kk && prosecutor && d.anyWord(pm.b, s.b, kkDemandVerbs...) && !d.anyClass(pm.b, s.b, cStrong) {
		demand = true
	}
	demand = demand || pm.demand || d.prosecutionAside(s.a, pm.a)
	// A table's column says whose the term is, unless an aside in the cell says otherwise:
	// "5 years' imprisonment (prosecutor asked for 7)".
	if ck := d.toks[pm.a].colKind; ck != 0 && !d.anyPunct(d.cellStart(pm.a), pm.a, "(") {
		demand = ck == colDemand
	}
	d.fromGroup = false
	persons := d.claimPersons(pm.a, pm.b, s, true)
	// "upheld the verdict for all seven but reduced Yusupov's term to eight years": the term
	// is the possessor's.
	if p := d.changedTermOf(s.a, pm.a); p != nil && d.word(pm.a-1, "to", "до") {
		persons = []*Person{p}
	}
	if d.needCast {
		return
	}
	// "Приговор: три года ограничения свободы" in a lawyer's feed that names no one with a
	// claim: once the text is read, the one person it is about, if it names no defendant.
	if len(persons) == 0 && *defendant == nil && d.defendantBefore(s) == nil && (pm.pen.Term != "" || pm.pen.Amount != "") {
		if !d.castReady {
			d.orphans = append(d.orphans, func(p *Person) { d.claimPenalty(pm, s, &p) })
			return
		}
	}
	// "had requested 12 years and the same fine": a fine told before, of the same person.
	sameFine := pm.pen.Kind == "fine" && d.word(pm.a-1, "same") && d.word(pm.a-2, "the")
	// "The panel struck out a charge against V. As a result, the main penalty was reduced to
	// five years": the one defendant the sentence before names, else the one told last.
	if before := d.defendantBefore(s); len(persons) == 0 && (before != nil || *defendant != nil) && (pm.pen.Term != "" || pm.pen.Amount != "" || sameFine) {
		why := "not named in its sentence: the person the text is about"
		persons = []*Person{*defendant}
		if before != nil {
			persons, why = []*Person{before}, "not named in its sentence: the defendant of the sentence before"
		}
		if pm.pen.Inferred == "" {
			p := *pm.pen
			p.Inferred = why
			pm = &penaltyMention{a: pm.a, b: pm.b, pen: &p, demand: pm.demand}
		}
	}
	for _, p := range persons {
		pen := *pm.pen
		pen.Person = p.Name
		pen.Mentions = []Span{d.span(pm.a, pm.b)}
		pen.sent = d.toks[s.a].sent
		if pen.Inferred == "" && d.fromGroup {
			pen.Inferred = "a group phrase names the person"
		}
		// "banned her from posting for the duration of the sentence", "на весь срок
		// наказания": the term of the person's main penalty told before.
		if pen.Kind == "ban" && pen.Term == "" && d.forTheSentence(pm.b, s.b) {
			for _, sn := range d.res.Sentences {
				if sn.Person == p.Name && sn.Term != "" && sn.Kind != "ban" {
					pen.Term = sn.Term
					pen.Inferred = "the term of the sentence it lasts for"
				}
			}
		}
		if pen.Kind == "" {
			if !demand {
				d.addOutcome(&Outcome{Person: p.Name, Outcome: "convicted", Inferred: "implied by a sentence", Mentions: pen.Mentions}, s)
			}
			continue
		}
		if demand {
			d.res.Demands = addPenalty(d.res.Demands, &pen)
			if d.receivedAsAsked(s.a, pm.a) {
				sn := pen
				sn.Inferred = "the term the text says the prosecutor asked for"
				d.res.Sentences = addPenalty(d.res.Sentences, &sn)
				d.addOutcome(&Outcome{Person: p.Name, Outcome: "convicted", Inferred: "implied by a sentence", Mentions: pen.Mentions}, s)
			}
		} else {
			d.res.Sentences = addPenalty(d.res.Sentences, &pen)
			// Compulsory treatment follows a finding of insanity, not a conviction.
			if pen.Kind != "compulsory treatment" {
				d.addOutcome(&Outcome{Person: p.Name, Outcome: "convicted", Inferred: "implied by a sentence", Mentions: pen.Mentions}, s)
			}
			// "reduced Mkrtchyan's sentence to two years six months": a term changed by a
			// higher court keeps the conviction.
			if d.anyWord(max(s.a, pm.a-8), pm.a, termChanges...) && d.word(pm.a-1, "to", "до") && !d.hasOutcome(p, "overturned") {
				d.addOutcome(&Outcome{Person: p.Name, Outcome: "upheld", Inferred: "a term changed on appeal keeps the conviction", Mentions: pen.Mentions}, s)
			}
			if d.equalsDemand(pm.b, s) {
				dem := pen
				dem.Inferred = "the term the text says the prosecutor asked for"
				d.res.Demands = addPenalty(d.res.Demands, &dem)
			} else if term := d.bracketDemand(pm.b, pen.Term); term != "" {
				dem := pen
				dem.Term = term
				dem.Mentions = []Span{d.span(pm.b, pm.b+3)}
				d.res.Demands = addPenalty(d.res.Demands, &dem)
			}
		}
		if pen.Term != "" && !demand {
			d.lastPen = &pen
		}
		addRole(p, "defendant")
		// An administrative arrest of days ("10 суток ареста") makes no defendant of a
		// criminal case whose verdict the text goes on to tell.
		if !strings.HasSuffix(pen.Term, "D") || *defendant == nil {
			*defendant = p
		}
	}
	what := "sentence"
	if demand {
		what = "demand"
	}
	for _, dm := range d.datesIn(s.a, s.b) {
		if !dm.until {
			d.setWhat(dm.iso, what)
		}
	}
}

// pronounProsecutor reports a request at token k whose subject is a pronoun standing for the
// prosecutor named in the sentence before: "Prosecutor X said the defendant was the
// organiser. In his closing speech he asked for three years". A lawyer named after the
// prosecutor there may be the pronoun's instead.
func (d *doc) pronounProsecutor(s sentence, k int) bool {
	j := k - 1
	if d.word(j, "had", "has", "then", "also") {
		j--
	}
	if !d.word(j, "he", "she", "он", "она") {
		return false
	}
	si := d.toks[s.a].sent
	if si == 0 {
		return false
	}
	p := d.sents[si-1]
	last := -1
	for x := p.a; x < p.b; x++ {
		if d.is(x, cProsecutor) {
			last = x
		}
	}
	return last >= 0 && !d.anyWord(last, p.b, "lawyer", "lawyers", "defence", "defense", "attorney", "адвокат", "адвоката", "защитник", "защита")
}

// btoi is 1 for true, 0 for false.
func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// inParens reports token k inside parentheses opened after token a.
func (d *doc) inParens(a, k int) bool {
	for x := k - 1; x >= a; x-- {
		if d.punct(x, ")") {
			return false
		}
		if d.punct(x, "(") {
			return true
		}
	}
	return false
}

// closedAside reports token k inside parentheses (or dashes) that close before token b: "A
// to six years (the prosecutor had asked for seven) and B to two": the demand of the aside is
// not the claim after it.
func (d *doc) closedAside(a, k, b int) bool {
	// "sentenced A to 2 years — the prosecutor had requested 3 — and B to 1 year": an aside
	// between dashes.
	for x := k - 1; x >= a && x >= k-8; x-- {
		if d.punct(x, "—", "–") {
			for y := k + 1; y < b; y++ {
				if d.punct(y, "—", "–") {
					return true
				}
			}
			break
		}
	}
	open := -1
	for x := k - 1; x >= a; x-- {
		if d.punct(x, ")") {
			return false
		}
		if d.punct(x, "(") {
			open = x
			break
		}
	}
	if open < 0 {
		return false
	}
	for x := k + 1; x < b; x++ {
		if d.punct(x, ")") {
			return true
		}
	}
	return false
}

// openAside reports a request opening an aside right after a sentence's term that holds the
// claim at b: "2 years, suspended (requested: 3 years' imprisonment)" is the prosecution's.
func (d *doc) openAside(a, k, b int) bool {
	if !d.punct(k-1, "(") && !(d.word(k-1, "had", "has") && d.punct(k-2, "(")) {
		return false
	}
	for x := k; x < b; x++ {
		if d.punct(x, ")") {
			return false
		}
	}
	// "(просили 3 года)", "(requested: 3 years)".
	return (d.word(k, "requested", "sought", "asked", "demanded") || d.is(k, cDemand) && d.toks[k].cyr) && (d.punct(k+1, ":") || d.word(k+1, "for") || k+1 == b)
}

// defendantBefore returns the one defendant that the sentence before s, in its paragraph,
// names (officials and pronouns aside), or nil.
func (d *doc) defendantBefore(s sentence) *Person {
	var one *Person
	for _, p := range d.personsBefore(s) {
		if !hasRole(p, "defendant") && !d.charged(p) {
			continue
		}
		if one != nil {
			return nil
		}
		one = p
	}
	if one != nil {
		return one
	}
	// "X, the blogger's cousin, was charged under Article 307.1. The prosecutor asked for six
	// years": the one person the sentence before names by name, when it charges someone.
	si := d.toks[s.a].sent
	if si == 0 || d.sents[si-1].para != s.para || !d.anyWord(d.sents[si-1].a, d.sents[si-1].b, chargeVerbs...) {
		return nil
	}
	for _, m := range d.personsIn(d.sents[si-1].a, d.sents[si-1].b) {
		if m.p == nil || m.pronoun || m.roleNP || d.official(m) || d.toks[m.b-1].poss || m.p == one {
			continue
		}
		if one != nil {
			return nil
		}
		one = m.p
	}
	return one
}

// chargeVerbs say someone was charged.
var chargeVerbs = []string{"charged", "accused", "indicted", "обвиняется", "обвиняют", "обвинили", "обвинён", "обвинен", "обвинена", "обвинения"}

// personsBefore returns the persons the sentence before s names, in its paragraph, but
// officials and pronouns.
func (d *doc) personsBefore(s sentence) []*Person {
	si := d.toks[s.a].sent
	if si == 0 || d.sents[si-1].para != s.para {
		return nil
	}
	var out []*Person
	for _, m := range d.personsIn(d.sents[si-1].a, d.sents[si-1].b) {
		if m.p != nil && !m.pronoun && !d.official(m) && !slices.Contains(out, m.p) {
			out = append(out, m.p)
		}
	}
	return out
}

// onlyAdministrative reports a person whose every sentence is a term of days: an
// administrative arrest.
func (d *doc) onlyAdministrative(p *Person) bool {
	n := 0
	for _, pen := range d.res.Sentences {
		if pen.Person != p.Name {
			continue
		}
		if !strings.HasSuffix(pen.Term, "D") {
			return false
		}
		n++
	}
	return n > 0
}

// charged reports a person a charge of the document names: "X was charged under Article 353".
func (d *doc) charged(p *Person) bool {
	for _, c := range d.res.Charges {
		if c.Person == p.Name {
			return true
		}
	}
	return false
}

// capsLine reports a line of three or more words, all in capitals, that holds token k: a
// headline.
func (d *doc) capsLine(k int) bool {
	a := k
	for a > 0 && d.toks[a].nl == 0 {
		a--
	}
	n := 0
	for x := a; x < len(d.toks) && (x == a || d.toks[x].nl == 0); x++ {
		if t := &d.toks[x]; t.k == tWord && utf8.RuneCountInString(t.t) > 1 {
			if !t.caps {
				return false
			}
			n++
		}
	}
	return n >= 3
}

// forTheSentence reports "for the duration of the sentence" or "на весь срок наказания"
// within tokens [b, e) of a ban: it lasts as long as the main penalty.
func (d *doc) forTheSentence(b, e int) bool {
	for k := b; k < min(e, b+12); k++ {
		if d.word(k, "duration", "length") && d.word(k+1, "of") && d.word(k+3, "sentence", "term", "punishment") ||
			d.word(k, "срок") && d.word(k+1, "наказания") && d.word(k-1, "весь", "на") {
			return true
		}
	}
	return false
}

// receivedAsAsked reports a sentence told as the demand before the demand's term, in tokens
// [a, b): "she received exactly what the prosecutor had asked: two years", "получила ровно
// то, что просил прокурор: 2 года". The term is both.
func (d *doc) receivedAsAsked(a, b int) bool {
	for k := a; k < b; k++ {
		if !d.is(k, cStrong) || d.is(k, cDemand) {
			continue
		}
		x, what := k+1, false
		for x < b && (d.word(x, "exactly", "precisely", "just", "what", "the", "term", "ровно", "именно", "то", "тот", "срок", "что", "столько", "сколько", "который", "которого") || d.punct(x, ",")) {
			what = what || d.word(x, "what", "что", "сколько", "который", "которого")
			x++
		}
		if what {
			for y := x; y < min(b, x+3); y++ {
				if d.is(y, cDemand) {
					return true
				}
			}
		}
	}
	return false
}

// demandLead reports a sentence that introduces a list of demands: it ends in a colon, asks
// with a verb of demanding, and the asker is the prosecution, named in it or in the sentence
// before it ("State prosecutor X spoke on Thursday. He asked:"). A legend ("the requests in
// brackets") introduces sentences, a verb of sentencing a sentence equal to the demand, and
// the defence's requests are no demands.
//
// A lead that goes on after its colon with the list's first item ("The prosecutor asked: A —
// ten years;", the items after it cut at semicolons) is read up to the colon.
func (d *doc) demandLead(si int) bool {
	s := d.sents[si]
	// "asked for 12 years for A; 10 years each for B and C": a request's clause leads the
	// clauses after its semicolon as a colon leads the items of a list.
	clause := s.b > s.a && d.punct(s.b-1, ";")
	if clause {
		for k := s.a; k < s.b; k++ {
			if d.punct(k, ":") {
				s.b = k + 1
				break
			}
		}
	}
	if s.b <= s.a || !d.punct(s.b-1, ":") && !clause {
		return false
	}
	// "She received exactly what the prosecutor asked:": a sentence equal to the demand.
	if d.anyClass(s.a, s.b, cStrong) {
		return false
	}
	asks := false
	for k := s.a; k < s.b; k++ {
		if d.is(k, cDemand) && !d.word(k-1, "not", "не") {
			asks = true
		}
	}
	if !asks || d.anyWord(s.a, s.b, "скобках", "brackets", "parentheses", "parenthesis", "defence", "defense", "lawyer", "lawyers", "защита", "адвокат", "адвокаты", "защитник") {
		return false
	}
	if d.anyClass(s.a, s.b, cProsecutor) {
		return true
	}
	return si > 0 && d.sents[si-1].para == s.para && d.anyClass(d.sents[si-1].a, d.sents[si-1].b, cProsecutor)
}

// prosecutionAside reports an aside that names the prosecution before the term at b:
// "4 years (prosecution: 5)", "(обвинение: 5 лет)".
func (d *doc) prosecutionAside(a, b int) bool {
	for k := b - 1; k > a && k >= b-4; k-- {
		if d.punct(k, ")") {
			return false
		}
		// "(asked: 9)", "(просили: 5 лет)", "(запрос — 6 лет)": the verb of a request stands
		// for its noun.
		if d.punct(k, ":", "—", "–") && d.word(k-1, "prosecution", "prosecutor", "prosecutors", "requested", "asked", "sought", "demanded", "request",
			"обвинение", "прокурор", "гособвинение", "гособвинитель", "просил", "просила", "просило", "просили", "запрос", "запрошено") && d.punct(k-2, "(") {
			return true
		}
	}
	return false
}

func addPenalty(list []*Penalty, p *Penalty) []*Penalty {
	for _, x := range list {
		if x.Person == p.Person && x.Kind == p.Kind && x.Term == p.Term && x.Scope == p.Scope && x.Amount == p.Amount {
			x.Mentions = append(x.Mentions, p.Mentions...)
			return list
		}
		// The same penalty written twice, once with more detail; bans of different scopes
		// are different bans.
		sameScope := x.Scope == p.Scope || x.Scope == "" || p.Scope == ""
		if x.Person == p.Person && x.Kind == p.Kind && sameScope && (x.Term == "" && p.Term != "" || x.Amount == "" && p.Amount != "") {
			x.Term, x.Amount, x.Currency = p.Term, p.Amount, p.Currency
			if x.Scope == "" {
				x.Scope = p.Scope
			}
			x.Mentions = append(x.Mentions, p.Mentions...)
			return list
		}
		if x.Person == p.Person && x.Kind == p.Kind && sameScope && p.Term == "" && p.Amount == "" {
			x.Mentions = append(x.Mentions, p.Mentions...)
			return list
		}
		// The same ban of the same term told once with its scope and once without (a
		// bilingual release's two halves).
		if x.Person == p.Person && x.Kind == p.Kind && x.Term == p.Term && x.Amount == p.Amount && sameScope {
			if x.Scope == "" {
				x.Scope = p.Scope
			}
			x.Mentions = append(x.Mentions, p.Mentions...)
			return list
		}
	}
	return append(list, p)
}

// claimPersons returns whom a claim at tokens [a, b) of sentence s concerns: the persons of
// a list with "each" or "по", else the person nearest before it (its subject) or after
// its verb (its object), leaving out judges, prosecutors and lawyers unless allowed; a
// group phrase ("for both men", "all seven") stands for the persons it resolves to.
func (d *doc) claimPersons(a, b int, s sentence, official bool) []*Person {
	// "upheld for all the convicted except Utepova: her term was cut": the one excepted is
	// left out under any name, her pronoun too.
	var excepted []*Person
	for _, m := range d.personsIn(s.a, s.b) {
		if m.p != nil && m.a > b && d.excepted(m) {
			excepted = append(excepted, m.p)
		}
	}
	var cands []*personMention
	for _, m := range d.personsIn(s.a, s.b) {
		if m.p == nil || slices.Contains(excepted, m.p) {
			continue
		}
		if m.b <= len(d.toks) && m.b > 0 && d.toks[m.b-1].poss {
			if m.b == a && !m.pronoun {
				return []*Person{m.p} // "kept Khakimova's ten-year term"
			}
			// "Sidorova's case was returned", "Petrov's conviction was quashed".
			if !m.pronoun && d.word(m.b, "case", "verdict", "conviction", "sentence", "acquittal") && (m.b+1 == a || d.word(m.b+1, "was", "were") && m.b+2 == a) {
				return []*Person{m.p}
			}
			// "upheld Petrosyan's conviction and sentence": the possessor of the verdict the
			// claim acts on.
			if !m.pronoun && m.a >= b && m.a <= b+1 && d.word(m.b, "conviction", "convictions", "sentence", "sentences", "verdict", "acquittal", "term") {
				return []*Person{m.p}
			}
			continue // "Akberdiyeva’s spouse"
		}
		if official && d.official(m) || d.excepted(m) {
			continue
		}
		// "Olga Zaitseva, his wife, was convicted": a possessive pronoun before a person's
		// noun names whose the person is, not whom the claim is of ("his case was sent back"
		// is his).
		if m.pronoun && d.word(m.a, "his", "her", "their") && m.b < len(d.toks) && roleWords[d.toks[m.b].low] != "" {
			continue
		}
		// "for Orlova he sought a fine": the pronoun that asks is the one who requests, not
		// whom the request is for.
		if k := m.b + btoi(d.word(m.b, "had", "has", "then", "also")); m.pronoun && d.is(k, cDemand) && k < a {
			continue
		}
		cands = append(cands, m)
	}
	// "had sought nine years for each of them", "для обоих": the group the claim is for.
	for _, g := range d.groupsIn(s.a, s.b) {
		// Not past a comma: "для Сейитова — 8 лет, а для остальных четверых — по 5 лет".
		if g.a >= b && g.a-b <= 3 && d.anyWord(b, g.a+1, "for", "для", "to", "of", "on", "against", "в") && !d.anyPunct(b, g.a, ",", ";") || g.a == b {
			return d.groupPersons(g, s)
		}
	}
	// "запретить всем троим заниматься журналистикой в течение трёх лет", "barred all four
	// from journalism for two years": a group inside the claim is whom it is of.
	for _, g := range d.groupsIn(a+1, b) {
		if g.b <= b {
			return d.groupPersons(g, s)
		}
	}
	// "seven years for Khamitov and for Ishmukhametov, five years for Abdullin": the persons
	// after "for" are the term's.
	if list := d.forList(b, cands); len(list) > 0 {
		return list
	}
	var group *groupMention
	for _, g := range d.groupsIn(s.a, a) {
		group = g // the last group before the claim
	}
	if len(cands) == 0 {
		if group == nil {
			for _, g := range d.groupsIn(b, s.b) {
				group = g
				break
			}
		}
		if group != nil {
			return d.groupPersons(group, s)
		}
		// "A and B were charged with group violence. The prosecution asked for six years
		// each": each of the people the sentence before names.
		if d.word(b, "each") || d.word(a-1, "по") {
			if ps := d.personsBefore(s); len(ps) > 1 {
				d.fromGroup = true
				return ps
			}
		}
		return nil
	}
	// "reporters A, B and C received eight and a half years each"; "получили по пять лет".
	// "nine years each and banned for two years": the ban is each one's too.
	each := d.word(b, "each") || d.word(a-1, "по") || d.word(b+1, "each") || d.word(a-1, "and") && d.word(a-2, "each")
	if each {
		var list []*Person
		seen := map[*Person]bool{}
		for _, m := range cands {
			if m.a < a && !seen[m.p] {
				seen[m.p] = true
				list = append(list, m.p)
			}
		}
		// Only the list right before the claim: persons joined by commas and "and". When an
		// apposition stands between ("A and B, both businessmen, to 16 years each"), the
		// group phrase below says whom.
		if len(list) > 1 {
			// After "each and", the list is the one before the verb of the first claim.
			la := a
			if d.word(a-1, "and") && d.word(a-2, "each") {
				for x := a - 3; x > s.a; x-- {
					if d.is(x, cSentencing|cStrong) {
						la = x
						break
					}
				}
			}
			if tl := d.trailingList(cands, la); len(tl) > 0 {
				return tl
			}
		}
	}
	var before, after *personMention
	for _, m := range cands {
		if m.b <= a {
			before = m
		} else if after == nil && m.a >= a {
			after = m // its object, inside it or after it: "fined him 300,000 tenge"
		}
	}
	// "Ещё двоих — оператора A и бухгалтера B — суд оправдал": the group's people are
	// named between dashes after it.
	if group != nil && before != nil && before.a > group.b {
		if ms := d.dashMembers(group, cands); len(ms) > 0 {
			d.fromGroup, d.fromDash = true, true
			return ms
		}
	}
	if group != nil && (before == nil || before.b <= group.a) && (after == nil || after.a-b > 3) {
		return d.groupPersons(group, s) // "sentenced all seven", "оправдал всех пятерых"
	}
	pick := before
	// "отменил его в части A и B", "in respect of A": the persons the phrase names after it.
	if e := d.respectEnd(b); e > 0 {
		for _, m := range cands {
			if m.a >= e && m.a <= e+4 && !m.pronoun {
				pick = m
				break
			}
		}
	}
	if pick == nil {
		pick = after
	}
	if pick == nil {
		return nil
	}
	// "Климовича и Ладутько суд арестовал на 15 суток": everyone of the list.
	if list := d.listAround(pick, s); len(list) > 1 {
		return list
	}
	return []*Person{pick.p}
}

// dashMembers returns the persons named between the dashes right after a counted group
// ("двоих — A и B —", "two others – A and B –"), when there are as many as it counts.
func (d *doc) dashMembers(g *groupMention, cands []*personMention) []*Person {
	if g.n < 2 || !d.punct(g.b, "—", "–") {
		return nil
	}
	end := -1
	for x := g.b + 1; x < min(len(d.toks), g.b+40) && d.toks[x].sent == d.toks[g.b].sent; x++ {
		if d.punct(x, "—", "–") {
			end = x
			break
		}
	}
	if end < 0 {
		return nil
	}
	var out []*Person
	for _, m := range cands {
		if m.a > g.b && m.b <= end && !m.pronoun && !slices.Contains(out, m.p) {
			out = append(out, m.p)
		}
	}
	if len(out) != g.n {
		return nil
	}
	return out
}

// respectEnd returns the token after "в части", "в отношении", "in respect of" that stands
// within a few words after token b, past the object of the verb ("отменила постановление
// апелляционной инстанции в части, касающейся A"), or 0: the persons named next are those a
// claim is of.
func (d *doc) respectEnd(b int) int {
	for x := b; x < min(len(d.toks), b+5); x++ {
		if d.anyPunct(x, x+1, ".", ";", ":", "(", "—", "–") || x > b && d.is(x, cOutcome|cSentencing|cStrong) {
			return 0
		}
		e := 0
		switch {
		case d.word(x, "в") && d.word(x+1, "части", "отношении"):
			e = x + 2
		case d.word(x, "in") && d.word(x+1, "respect", "relation") && d.word(x+2, "of"):
			e = x + 3
		case d.word(x, "regarding", "concerning"):
			e = x + 1
		}
		if e == 0 {
			continue
		}
		// "в части, касающейся A", "в части касающейся A"
		if d.punct(e, ",") && d.word(e+1, "касающейся", "касающемся") {
			e += 2
		} else if d.word(e, "касающейся", "касающемся") {
			e++
		}
		return e
	}
	return 0
}

// sameTerm reads "the same term", "that term", "the same sentence", "тот же срок" at token
// k: the term told last. It returns the phrase's length or 0.
func (d *doc) sameTerm(k int) int {
	switch {
	case d.word(k, "the", "that") && d.word(k+1, "same") && d.word(k+2, "term", "sentence", "punishment"):
		return 3
	case d.word(k, "exactly") && d.word(k+1, "that", "this") && d.word(k+2, "term"):
		return 3
	case d.word(k, "тот", "такой", "тому", "такому", "того") && d.word(k+1, "же") && d.word(k+2, "срок", "сроку", "срока", "наказание"):
		return 3
	}
	return 0
}

// equalsDemand reports words after a sentence at token b of sentence s that say it is the
// term the prosecutor asked for: "the term requested by the prosecutor", "the term the
// prosecution had asked for", "как и просил прокурор".
func (d *doc) equalsDemand(b int, s sentence) bool {
	// "4 years, exactly as requested", "2 года ограничения свободы ..., как и просил
	// прокурор": the clause after the term says it is the one asked for.
	for x := b; x < min(s.b, b+16); x++ {
		if d.punct(x, ";") || d.mayCount(x) && d.unit(x+1) != 0 {
			break
		}
		// "exactly what the prosecution had asked for"
		if d.word(x, "as") && !d.word(x+1, "well", "a", "an", "part", "if", "though") || d.word(x, "как") && d.word(x+1, "и") || d.word(x, "what") && d.word(x-1, "exactly", "just", "precisely") {
			if d.anyWord(x+1, min(s.b, x+5), "requested", "asked", "sought", "demanded", "просил", "просила", "просило", "просили", "запрашивал", "запрашивала", "запрашивало", "требовал", "требовала", "требовало") {
				return true
			}
		}
	}
	for x := b; x < min(s.b, b+4); x++ {
		// "7 years, the term requested", "the requested term", "ровно запрошенный срок": the
		// demand, its asker left unsaid.
		if d.word(x, "the", "exactly") && (d.word(x+1, "term", "sentence") && d.word(x+2, "requested", "sought", "demanded") ||
			d.word(x+1, "requested", "demanded") && d.word(x+2, "term", "sentence")) ||
			d.word(x, "запрошенный", "запрашиваемый") && (d.word(x+1, "срок") || d.word(x+2, "срок")) {
			return true
		}
		if d.word(x, "term", "sentence", "срок") || d.word(x, "как") {
			return d.anyWord(x+1, min(s.b, x+6), "requested", "asked", "sought", "demanded", "просил", "просила", "запрашивал", "запрашивала", "запросил", "запросила", "требовал", "требовала") &&
				d.anyWord(x+1, min(s.b, x+6), "prosecutor", "prosecution", "прокурор", "обвинение", "гособвинитель")
		}
	}
	return false
}

// lastUnit returns the unit of the last term written in sentence si's lead or the sentence
// before it, or 0.
func (d *doc) lastUnit(si int) byte {
	for _, sj := range []int{d.sents[si].lead, si - 1} {
		if sj < 0 {
			continue
		}
		s := d.sents[sj]
		for k := s.b - 1; k >= s.a; k-- {
			if u := d.unit(k); u == 'y' || u == 'm' {
				if d.mayCount(k-1) || d.word(k-1, "half") {
					// "4 years 6 months; the prosecution wanted 5": the term's first unit.
					x := k - 2
					if d.word(x, "and", "и") {
						x--
					}
					if u == 'm' && d.unit(x) == 'y' && d.mayCount(x-1) {
						return 'y'
					}
					return u
				}
			}
		}
	}
	return 0
}

// nameItem reports a sentence that is an item of a list of names: it opens a line with a
// person's name, a comma or a dash after it ("Luka Beridze, 22, student — ...").
func (d *doc) nameItem(si int) bool {
	s := d.sents[si]
	a := s.a
	if a < len(d.toks) && d.toks[a].k == tPunct && (d.punct(a, "-", "—", "–", "•", "*")) {
		a++
	}
	if s.a >= len(d.toks) || d.toks[s.a].nl == 0 && s.a > 0 {
		return false
	}
	for _, m := range d.sentPersons[si] {
		if m.a == a && m.p != nil && !m.pronoun {
			return d.punct(m.b, ",", "—", "–", ":", "(") || d.punct(m.b, "-") // "A (30, engineer): 4 years"
		}
	}
	return false
}

// elidedTerm reads a number whose unit is left out because the text just gave it: "12 years
// for A, 11 for B", "the prosecution had asked for 12", "просил 20". The number must stand
// after a cue or a list's comma and before the end of a clause or the person it is for.
func (d *doc) elidedTerm(k int, unit byte) (term, int, bool) {
	if unit == 0 || !d.mayCount(k) || d.word(k, "a", "an", "one") {
		return term{}, k, false
	}
	n, l := d.count(k)
	half := false // "(prosecution: 4½)"
	if x := d.toks[k].t; n == 0 && strings.HasSuffix(x, "½") {
		if v, err := strconv.Atoi(strings.TrimSuffix(x, "½")); err == nil && v > 0 {
			n, l, half = v, 1, true
		}
	}
	if n > 0 && k+l < len(d.toks) && d.toks[k+l].t == "½" && !d.toks[k+l].sp {
		l, half = l+1, true
	}
	if n <= 0 || n > 30 || d.unit(k+l) != 0 || d.word(k+l, "and", "of", "-", "years", "лет") {
		return term{}, k, false
	}
	after := d.punct(k+l, ")", ";", ",", ".") || d.word(k+l, "for", "для", "each") || k+l >= len(d.toks)
	before := d.is(k-1, cDemand|cStrong) || d.prosecutionAside(d.sents[d.toks[k].sent].a, k) || d.word(k-1, "for") && d.is(k-2, cDemand) || d.punct(k-1, ",", "—", "–") && (d.word(k+l, "for", "для") || d.word(k+l, "each") && d.word(k+l+1, "for")) || d.word(k-1, "and", "а") && d.word(k+l, "for", "для") ||
		d.elidedAfterName(k) && d.punct(k+l, ";", ".", ")") ||
		// "приговорил A к восьми годам, B — к семи": the dash stands for the verb.
		d.word(k-1, "к") && d.punct(k-2, "—", "–") && d.elidedAfterName(k-2)
	if d.word(k+l, "for", "для") && d.mayCount(k+l+1) {
		return term{}, k, false
	}
	if !after || !before {
		return term{}, k, false
	}
	t := term{}
	if unit == 'm' {
		t.m = n
	} else {
		t.y = n
		if half {
			t.m = 6
		}
	}
	return t, k + l, true
}

// elidedAfterName reports a name right before token k that follows "and" or a comma after
// a strong cue in its clause: "gave A ten years and B six".
func (d *doc) elidedAfterName(k int) bool {
	s := d.sents[d.toks[k].sent]
	for _, m := range d.personsIn(max(s.a, k-4), k) {
		if m.b == k && m.p != nil && !m.pronoun && (d.word(m.a-1, "and", "и", "а") || d.punct(m.a-1, ",")) {
			return d.anyClass(s.a, m.a, cStrong)
		}
	}
	return false
}

// anyClass reports a word of the classes in tokens [a, b).
func (d *doc) anyClass(a, b int, c wclass) bool {
	for k := max(a, 0); k < b && k < len(d.toks); k++ {
		if d.is(k, c) {
			return true
		}
	}
	return false
}

// cueIn reports a word of the classes in sentence si or in the sentence that leads it.
func (d *doc) cueIn(si int, c wclass) bool {
	for n := 0; si >= 0 && n < 2; n++ {
		s := d.sents[si]
		for k := s.a; k < s.b; k++ {
			if d.is(k, c) {
				return true
			}
		}
		si = s.lead
	}
	return false
}

// groupNear reports a group phrase in sentence s that a claim at [a, b) takes its persons
// from: the claim concerns them all, not the nearest name.
func (d *doc) groupNear(a, b int, s sentence) bool {
	for _, g := range d.groupsIn(s.a, s.b) {
		if g.b <= a && a-g.b <= 8 || g.a >= b && g.a-b <= 4 {
			return true
		}
	}
	return false
}

// forList returns the persons of a list introduced by "for" right after a claim ending at
// token b: "for A, B and for C", "for the youngest defendant, 19-year-old D".
func (d *doc) forList(b int, cands []*personMention) []*Person {
	k := b
	if d.word(k, "each") {
		k++
	}
	if !d.word(k, "for") {
		return nil
	}
	var out []*Person
	end := k + 1
	for _, m := range cands {
		if m.a < end {
			continue
		}
		gap := true
		for x := end; x < m.a; x++ {
			// "for the cameraman A and the accountant B": what each is, after its article.
			if !(d.punct(x, ",") || d.word(x, "and", "for", "the", "his", "her") || d.word(x-1, "the", "his", "her") && d.descriptor(x, m.a) || len(out) == 0 && m.a-end <= 6 && !d.mayCount(x) && !d.punct(x, ";", "(", ")") && !(d.toks[x].k == tWord && d.is(x, cDemand|cSentencing))) {
				gap = false
				break
			}
		}
		if !gap {
			break
		}
		out = append(out, m.p)
		end = m.b
	}
	return out
}

// groupPersons resolves a group phrase, noting when it must wait for the defendants.
func (d *doc) groupPersons(g *groupMention, s sentence) []*Person {
	convicted := d.anyWord(g.a, min(g.b+1, len(d.toks)), "осуждённых", "осужденных", "осуждённым", "осужденным", "convicted")
	// "all four convicted believers": the four the text says were convicted, when it has
	// told of that many.
	if convicted && g.n > 0 {
		var conv []*Person
		for _, x := range d.res.Outcomes {
			if p := d.res.Person(x.Person); x.Outcome == "convicted" && p != nil && !slices.Contains(conv, p) {
				conv = append(conv, p)
			}
		}
		if len(conv) == g.n {
			d.lastGroup, d.fromGroup = conv, true
			return conv
		}
	}
	ps, ok := d.resolveGroup(g, s)
	if !ok {
		d.needCast = true
		return nil
	}
	ps = d.except(g, ps)
	// "всех осуждённых", "all the convicted": those the text says were convicted.
	if convicted {
		var conv []*Person
		for _, p := range ps {
			if d.hasOutcome(p, "convicted") {
				conv = append(conv, p)
			}
		}
		if len(conv) > 0 {
			ps = conv
		}
	}
	if len(ps) > 0 {
		d.lastGroup = ps
		d.fromGroup = true
	}
	return ps
}

// except leaves out of a group's persons those named after "except", "кроме" right after
// it: "всех фигурантов, кроме A", "all except B and C".
func (d *doc) except(g *groupMention, ps []*Person) []*Person {
	x := g.b
	if d.punct(x, ",") {
		x++
	}
	if !d.word(x, "except", "кроме", "but") || d.word(x, "but") && !d.word(g.b-1, "all") {
		return ps
	}
	out := map[*Person]bool{}
	end := x + 1
	for _, m := range d.personsIn(x+1, min(len(d.toks), x+10)) {
		if m.p == nil || m.a-end > 1 || d.anyPunct(end, m.a, ".", ";", ":", "—", "–") {
			break
		}
		out[m.p] = true
		end = m.b
	}
	if len(out) == 0 {
		return ps
	}
	var rest []*Person
	for _, p := range ps {
		if !out[p] {
			rest = append(rest, p)
		}
	}
	return rest
}

// hasOutcome reports an outcome o proposed for person p.
func (d *doc) hasOutcome(p *Person, o string) bool {
	for _, x := range d.outcomesOf[p.Name] {
		if x.Outcome == o {
			return true
		}
	}
	return false
}

// official reports a mention of a judge, prosecutor or investigator, or of a lawyer named as
// one there ("His lawyer, X, said"): not whom a verdict or a sentence is about.
func (d *doc) official(m *personMention) bool {
	if d.word(m.a-1, "by") && !d.word(m.a-2, "detained", "arrested", "beaten", "searched", "sentenced", "convicted", "tortured", "sued", "released", "fined") && !d.anyWord(m.a-4, m.a-1, "was", "were", "been") {
		return true // "a book by X", "a video by X": the author, not whom the claim is about
	}
	switch m.role {
	case "judge", "prosecutor", "chairman", "investigator", "official":
		return true
	case "lawyer":
		return m.counsel
	}
	return m.p != nil && hasRole(m.p, "judge", "prosecutor", "chairman", "investigator", "official") && !hasRole(m.p, "defendant")
}

// trailingList returns the persons of the coordinated list that ends before token a.
func (d *doc) trailingList(cands []*personMention, a int) []*Person {
	var list []*Person
	end := a
	for k := len(cands) - 1; k >= 0; k-- {
		m := cands[k]
		if m.b > a {
			continue
		}
		// Only commas, "and", "и" and role words between this mention and the next.
		ok := true
		aside := 0 // tokens of asides in brackets
		for x := m.b; x < end; x++ {
			t := &d.toks[x]
			// "A (Article 282.2, part 2) and B (...) were fined": an aside in brackets.
			if d.punct(x, "(") {
				if c := d.closingParen(x, end); c > 0 {
					aside += c + 1 - x
					x = c
					continue
				}
			}
			// "the director, A, and its editor-in-chief, B": roles in apposition, with their
			// determiners.
			if t.k == tPunct && t.t == "," || d.word(x, "and", "и", "the", "its", "their", "his", "her", "a", "an") || t.k == tWord && (roleWords[t.low] != "" || roleWords[strings.SplitN(t.low, "-", 2)[0]] != "") {
				continue
			}
			// "editor A and director B to nine years each": what the next one is, in lower
			// case, after "and" or a comma.
			if x == end-1 && (d.word(x-1, "and", "и") || d.punct(x-1, ",")) && d.descriptor(x, x+1) && !d.word(x, "for", "to", "of", "with", "by", "from", "on", "in", "at", "against", "для", "на", "к") {
				continue
			}
			// "A, 27, and B, 34 — 4.5 years each": an age between commas.
			if t.k == tNum && d.punct(x-1, ",") && d.punct(x+1, ",") && d.num(x) > 0 && d.num(x) < 120 {
				continue
			}
			if len(list) == 0 {
				// Between the last person and the claim: a verb or two.
				if x-m.b-aside < 4 {
					continue
				}
			}
			ok = false
			break
		}
		if !ok {
			break
		}
		list = append([]*Person{m.p}, list...)
		end = m.a
	}
	return list
}

// closingParen returns the ")" that closes the "(" at token i before token end, or 0.
func (d *doc) closingParen(i, end int) int {
	depth := 0
	for x := i; x < end; x++ {
		switch {
		case d.punct(x, "("):
			depth++
		case d.punct(x, ")"):
			if depth--; depth == 0 {
				return x
			}
		}
	}
	return 0
}

// outcomeWords are the first words of the phrases outcomeAt reads; a test keeps them in step.
var outcomeWords = wordSet(`new fresh acquit acquits acquittal acquittals acquitted acquitting annulled cleared closed confirmed confirming confirms convicted convicts dismissed dismisses dismissing dropped finding found left leaving leaves
	overturned overturning overturns quashed quashes quashing re-trial rejected rejects rejecting retrial returned reversed sent terminated discontinued turned
	upheld uphold upholding upholds ordered orders вернул вернула вернули возвратил возвратила новое обвинительный оправдал
	оправдала оправдали оправдан оправдана оправданы оправдательного оправдательный оправдательным оставил
	оставила оставили оставить оставлен оставлена осудил осудила осудили осужден осуждена осуждены осуждён
	отклонил отклонила отклонили отменен отменил отменила отменили отменён прекратил прекратила прекратили
	прекращено прекращены признал признала признали признан признана признаны guilty виновен виновна виновны кінәлі ақтады ақталды ақтау өзгеріссіз`)

// outcomeAt reads a word or phrase at token k that says how a case ended: the outcome and
// its length.
func (d *doc) outcomeAt(k int) (string, int) {
	if !d.is(k, cOutcome) {
		return "", 0
	}
	w := func(i int, ws ...string) bool { return d.word(k+i, ws...) }
	switch {
	case w(0, "ақтады", "ақталды", "ақтау"),
		w(0, "acquitted", "acquittal", "acquittals", "acquitting", "acquit", "acquits", "оправдал", "оправдала", "оправдали", "оправдан", "оправдана", "оправданы", "оправдательный", "оправдательного", "оправдательным"):
		return "acquitted", 1
	case w(0, "found", "finding") && w(1, "not") && w(2, "guilty"):
		return "acquitted", 3
	case w(0, "cleared") && w(1, "of") && !w(2, "rubble", "debris", "snow"): // "was cleared of the group-violence charge"
		return "acquitted", 2
	case w(0, "found", "finding") && w(1, "guilty"), w(0, "found", "finding") && w(2, "guilty") && !w(1, "not"),
		w(0, "convicted") && !w(1, "in") || w(0, "convicted") && w(1, "in") && w(2, "absentia"),
		w(0, "convicts"), // a chronology's present: "02.12.2024 — the court convicts both"
		w(0, "признал", "признала", "признали", "признан", "признана", "признаны") && (w(1, "виновным", "виновной", "виновными") || w(2, "виновным", "виновной", "виновными") || w(3, "виновным", "виновной", "виновными")),
		w(0, "осужден", "осуждена", "осуждён", "осуждены", "осудил", "осудила", "осудили"),
		w(0, "обвинительный") && w(1, "приговор"),
		// Kazakh: "кінәлі деп таныды/тапты" (found guilty).
		w(0, "кінәлі") && w(1, "деп") && w(2, "таныды", "танып", "тапты", "тауып", "танылды", "танылып"),
		// "• A – guilty under both articles; 4 years": a verdict's list item.
		w(0, "guilty", "виновен", "виновна", "виновны") && d.punct(k-1, "–", "—", "-", ":"):
		return "convicted", 1
	case w(0, "upheld", "upholding", "upholds", "uphold"), w(0, "rejected", "rejects", "rejecting", "dismissed", "dismisses", "dismissing", "turned") && w(1, "the", "his", "her", "their", "an", "both", "all") && w(2, "appeal", "appeals", "complaint", "complaints", "cassation") && !(w(3, "against") && !w(4, "the", "his", "her", "their") && !w(4, "verdict", "sentence", "conviction") || w(3, "against") && !w(5, "verdict", "sentence", "conviction", "judgment", "judgement")),
		// "Turgynbayeva's appeal was rejected", "rejected Turgynbayeva's appeal".
		w(0, "rejected", "dismissed") && w(-1, "was", "were") && w(-2, "appeal", "appeals", "cassation"),
		w(0, "rejected", "dismissed") && k+1 < len(d.toks) && d.toks[k+1].poss && d.toks[k+1].cap && w(2, "appeal", "appeals"),
		w(0, "left") && w(1, "the") && w(2, "verdict", "sentence", "ruling") && w(3, "unchanged", "in"),
		// "left all five sentences unchanged", "left the verdict against Aliyev unchanged".
		w(0, "left", "leaving", "leaves") && d.leftUnchanged(k),
		// "confirmed the acquittals", "confirming prison terms of six to nine years".
		w(0, "confirmed", "confirming", "confirms") && (w(1, "the", "his", "her", "their", "both", "all") && w(2, "verdict", "verdicts", "sentence", "sentences", "acquittal", "acquittals", "conviction", "convictions") ||
			w(1, "prison") && w(2, "terms", "sentences") || w(1, "the") && w(2, "prison") && w(3, "terms", "sentences")),
		w(0, "left", "leaving", "leaves") && w(1, "unchanged", "intact") && w(2, "the") && w(3, "verdict", "sentence", "sentences", "conviction", "convictions"),
		w(0, "оставил", "оставила", "оставили", "оставлен", "оставлена", "оставить") && (w(1, "без") || w(2, "без") || w(3, "без") || w(1, "в") && w(2, "силе") || w(2, "в") && w(3, "силе")),
		// "оставила приговор Жанаозенского городского суда без изменения": the court's name
		// between.
		w(0, "оставил", "оставила", "оставили") && w(1, "приговор", "приговоры") && (w(4, "без") || w(5, "без") || w(6, "без") || w(5, "в") && w(6, "силе")),
		// "rejected all six appeals", "dismissed both appeals".
		w(0, "rejected", "dismissed") && (w(1, "all") && w(3, "appeals") || w(1, "both") && w(2, "appeals") || w(1, "all") && w(2, "the") && w(3, "appeals")),
		// "rejected appeals filed on behalf of ...".
		w(0, "rejected", "dismissed") && w(1, "appeals") && w(2, "filed", "lodged", "submitted", "brought", "by", "of", "on"),
		w(0, "өзгеріссіз") && w(1, "қалдырды", "қалдырылды"),
		w(0, "отклонил", "отклонила", "отклонили") && (w(1, "жалобу", "апелляцию", "апелляционную", "жалобы") || w(1, "все", "обе") && w(2, "жалобы", "апелляции")):
		return "upheld", 1
	case w(0, "overturned", "quashed", "annulled", "reversed", "overturning", "quashing"),
		w(0, "отменён", "отменен") && (w(1, "приговор", "решение") || w(2, "приговор")),
		// "отменила постановление апелляционной инстанции", "отменил апелляционное определение":
		// a higher court's ruling is a verdict quashed too.
		w(0, "отменил", "отменила", "отменили") && (w(1, "приговор", "решение", "постановление", "определение") || w(2, "приговор", "решение", "определение") || w(3, "решение") && w(2, "апелляционное", "кассационное")):
		return "overturned", 1
	// "отменил его в части ...", "отменила его и ...": the verdict just named.
	case w(0, "отменил", "отменила", "отменили") && w(1, "его", "её", "ее", "их") && (w(2, "в", "и", "полностью") || d.punct(k+2, ",", ".", ";")):
		return "overturned", 2
	case w(0, "ordered", "orders") && w(1, "a") && w(2, "new", "fresh") && w(3, "trial", "hearing"):
		return "returned", 4
	case w(0, "retrial", "re-trial"), w(0, "sent", "returned") && (w(1, "the") || w(1, "back")) && (w(2, "case") || w(3, "case")) && !w(1, "home"),
		// "вернул прокурору уголовное дело", "вернула дело прокурору".
		w(0, "вернул", "вернула", "вернули", "возвратил", "возвратила") && (w(1, "дело") || w(2, "дело") || w(3, "дело") && w(2, "уголовное")),
		// "the verdict was quashed and her case returned to the court for a new trial".
		// "The case of Svetlana Orlik was returned to the prosecutor".
		w(0, "returned", "sent") && (w(-1, "case", "cases") || w(-1, "was", "were") && (w(-2, "case", "cases") || d.caseOfNamed(k-1))) && d.anyWord(k+1, k+8, "trial", "retrial", "court", "prosecutor", "prosecutors", "prosecution", "investigators", "rehearing"),
		w(0, "new", "fresh") && w(1, "trial") && w(-1, "a") && w(-2, "for"),
		w(0, "новое") && (w(1, "рассмотрение") || w(1, "апелляционное", "судебное", "кассационное") && w(2, "рассмотрение")):
		return "returned", 1
	case w(0, "dropped") && w(-1, "were", "was", "been") && w(-2, "charges", "case"), w(0, "dropped", "closed", "terminated", "dismissed") && (w(1, "the") && w(2, "charges", "case", "criminal") || w(1, "charges", "all")),
		w(0, "прекратил", "прекратила", "прекратили") && (w(1, "дело", "уголовное") || w(2, "дело")), w(0, "прекращено") && w(-1, "дело"),
		// "terminated the prosecution of X", "the case against X was closed", "Дело X было
		// прекращено": a case, not an appeal, ended.
		w(0, "terminated", "discontinued", "closed", "dropped") && w(1, "the") && w(2, "prosecution", "proceedings"),
		w(0, "closed", "dropped", "dismissed", "terminated", "discontinued") && w(-1, "was", "were") && d.anyWord(max(0, k-8), k, "case", "charges", "prosecution", "proceedings") && !d.anyWord(max(0, k-8), k, "appeal", "appeals", "complaint", "cassation"),
		w(0, "прекращено", "прекращены") && w(-1, "было", "были") && d.anyWord(max(0, k-8), k, "дело", "преследование", "дела") && !d.anyWord(max(0, k-8), k, "жалоба", "жалобе", "апелляционное"):
		return "dismissed", 1
	}
	return "", 0
}

// bracketDemand reads a number in brackets after a sentence's term at token b as the demand,
// in the term's own unit: alone in a list whose legend says brackets hold the demands
// ("(prosecution demands in brackets) ... A: 9 years (12)"), or with its verb ("6 years (10
// requested)"). It returns the demand's term, or "".
func (d *doc) bracketDemand(b int, term string) string {
	if term == "" || !d.punct(b, "(") || d.num(b+1) <= 0 {
		return ""
	}
	// "(12)" under the legend, or "(10 requested)" whatever the legend.
	if !(d.punct(b+2, ")") && d.bracketLegend(d.toks[b].sent) || d.word(b+2, "requested", "sought", "asked", "demanded") && d.punct(b+3, ")")) {
		return ""
	}
	n := d.num(b + 1)
	switch {
	case strings.Contains(term, "Y"):
		return fmt.Sprintf("P%dY", n)
	case strings.HasSuffix(term, "M"):
		return fmt.Sprintf("P%dM", n)
	case strings.HasSuffix(term, "D"):
		return fmt.Sprintf("P%dD", n)
	}
	return ""
}

// bracketLegend reports whether sentence si is an item of a list whose lead says that brackets
// hold the prosecution's demands: "Приговор (в скобках — что просил гособвинитель):",
// "Sentences (the prosecutor's requests in brackets):".
func (d *doc) bracketLegend(si int) bool {
	lead := d.sents[si].lead
	if lead < 0 {
		return false
	}
	la, lb := d.sents[lead].a, d.sents[lead].b
	return d.anyWord(la, lb, "скобках", "brackets", "parentheses", "parenthesis") && d.anyClass(la, lb, cDemand|cProsecutor)
}

// verdictNouns name what an appeal upholds or quashes.
var verdictNouns = []string{"verdict", "verdicts", "sentence", "sentences", "conviction", "convictions"}

// verdictOf returns the persons whose verdicts the outcome word at token k acts on, named
// after it: "left unchanged the sentence imposed on his co-defendant X", "quashed the
// convictions of X and Y"; or nil.
func (d *doc) verdictOf(k int, s sentence) []*Person {
	for x := k + 1; x < min(s.b, k+8); x++ {
		if d.punct(x, ",", ";", ":") {
			return nil
		}
		if !d.word(x, verdictNouns...) {
			continue
		}
		y := x + 1
		if d.word(y, "imposed", "passed", "handed") {
			y++
		}
		if !d.word(y, "on", "against", "of") {
			return nil
		}
		var out []*Person
		last := y + 1
		for _, m := range d.personsIn(y+1, min(s.b, y+16)) {
			if m.p == nil || m.pronoun || d.official(m) {
				continue
			}
			// The list goes on past "," and "and" only: "of X and Y, two residents who ...".
			if len(out) > 0 && !d.onlyJoiners(last, m.a) || len(out) == 0 && m.a > y+5 {
				break
			}
			if !slices.Contains(out, m.p) {
				out = append(out, m.p)
			}
			last = m.b
		}
		return out
	}
	return nil
}

// caseOfNamed reports "the case(s) of" or "against" and names that end before token e: "the
// case against A and B".
func (d *doc) caseOfNamed(e int) bool {
	x := e - 1
	for x > 0 && e-x <= 10 && (d.capWord2(x) || d.word(x, "and") || d.punct(x, ",")) {
		x--
	}
	return x < e-1 && d.word(x, "of", "against") && d.word(x-1, "case", "cases")
}

// onlyJoiners reports whether tokens [a, b) are only commas and "and": the joints of a list.
func (d *doc) onlyJoiners(a, b int) bool {
	for x := a; x < b; x++ {
		if !d.punct(x, ",") && !d.word(x, "and", "и") {
			return false
		}
	}
	return true
}

// leftUnchanged reports a verdict or sentence left unchanged by the word "left" at token k,
// whatever stands between them in the clause: "left all five sentences unchanged".
func (d *doc) leftUnchanged(k int) bool {
	noun := false
	for x := k + 1; x < min(len(d.toks), k+10) && d.toks[x].sent == d.toks[k].sent; x++ {
		switch {
		case d.punct(x, ",", ";", ":"):
			return false
		case d.word(x, verdictNouns...) || d.word(x, "ruling", "rulings", "terms"):
			noun = true
		case d.word(x, "unchanged", "intact") || d.word(x, "in") && d.word(x+1, "force"):
			return noun
		}
	}
	return false
}

// modal reports words before a claim that make it a wish, a possibility or a denial rather
// than a fact: "can now cancel her acquittal", "asked for an acquittal", "seek the release".
func (d *doc) modal(a, k int) bool {
	// A table's cell says its own: "5 years (prosecutor asked for 7) | upheld".
	if d.toks[k].cell != 0 {
		a = max(a, d.cellStart(k))
	}
	// "was never brought to trial: he died": a colon or semicolon opens another clause.
	for x := k - 1; x > max(a, k-12); x-- {
		if d.punct(x, ":", ";") {
			a = x + 1
			break
		}
		// "Она отказалась, и 16 декабря её уволили": a clause joined by a comma and a
		// conjunction says its own, not the refusal's.
		if d.punct(x, ",") && d.word(x+1, "and", "but", "и", "но", "однако") {
			a = x + 2
			break
		}
	}
	// "Освободиться по сроку он может не раньше 2027 года": a Russian infinitive with its
	// modal after it says what may happen.
	if w := d.toks[k].low; d.toks[k].cyr && (strings.HasSuffix(w, "ть") || strings.HasSuffix(w, "ться") || strings.HasSuffix(w, "ти")) {
		for x := k + 1; x < min(len(d.toks), k+6) && d.toks[x].sent == d.toks[k].sent; x++ {
			if d.word(x, "может", "могут", "сможет", "смогут", "сможем", "можно", "должен", "должна", "должны", "нужно", "надеется", "хочет", "хотят") {
				return true
			}
			// "задерживать её не стали": the infinitive denied after it.
			if d.word(x, "не") && d.word(x+1, "стали", "стал", "стала", "стало", "будут", "будет") {
				return true
			}
		}
	}
	// Kazakh denies after the verb: "ұсталған жоқ" (was not detained), "... емес".
	if d.toks[k].cyr && d.word(k+1, "жоқ", "емес") {
		return true
	}
	for x := max(a, k-12); x < k; x++ {
		if x < k-6 && !d.word(x, "call", "calls", "urge", "urges", "demand", "demands", "seek", "seeks", "призывает", "призываем", "требуют", "требуем") {
			continue // far words count only if they are appeals
		}
		if d.month(x) > 0 {
			continue // "On 27 May", not "may"
		}
		if d.word(x, "can", "could", "may", "might", "would", "should", "will", "if", "unless", "whether", "hope", "hopes", "urge",
			"urges", "seek", "seeks", "demand", "demands", "calls", "call", "asked", "asks", "requested", "want", "wants",
			"not", "never", "neither", "nor", "none", "cancel", "may", "no", "routinely", "regularly", "usually", "often", "frequently", "регулярно", "обычно", "часто", "может", "могут", "может", "должны", "должен", "должна", "могли", "мог", "могла", "если", "требуют", "требует", "призывает",
			"призываем", "просил", "просила", "просит", "не", "будет", "будут", "случае", "добиваться", "добиться", "чтобы", "must", "possible",
			"might", "expected", "threatened", "faces", "face", "facing", "refused", "declined", "отказался", "отказалась", "отказал", "отказала", "отказались",
			"threatening", "угрожали", "угрожал", "угрожала", "угрожая", "пригрозили", "пригрозил", "пригрозила", "грозили") {
			return true
		}
	}
	// "физического насилия не было": there was none.
	if d.toks[k].cyr && d.word(k+1, "не") && d.word(k+2, "было", "были", "был", "была") {
		return true
	}
	// "is due to be released in January 2027": what is to come.
	if d.word(k-1, "be") && d.word(k-2, "to") && d.word(k-3, "due", "set", "scheduled", "expected", "likely") {
		return true
	}
	return false
}

// outcomes finds acquittals, convictions, upheld and quashed verdicts in sentence s.
func (d *doc) outcomes(s sentence, defendant **Person) {
	var quashed []*Person // the persons whose verdict the sentence quashed
	for k := s.a; k < s.b; k++ {
		o, l := d.outcomeAt(k)
		if o == "" || d.modal(s.a, k) {
			continue
		}
		d.fromGroup, d.fromDash = false, false
		persons := d.claimPersons(k, k+l, s, true)
		if d.needCast {
			k += l - 1
			continue
		}
		if len(persons) > 1 && !d.groupNear(k, k+l, s) && d.respectEnd(k+l) == 0 && !d.fromDash {
			persons = d.nearest(k, k+l, s)
		}
		if ps := d.verdictOf(k, s); len(ps) > 0 && o != "convicted" && o != "acquitted" {
			persons = ps
		}
		if len(persons) == 0 {
			// "the case against 22 activists. The activists, among them X and Y, ...": the
			// persons the text names as members of the group.
			persons = d.amongThem(s)
		}
		// "NUKUS APPEAL: ONE TERM CUT, ONE UPHELD, ONE CASE SENT BACK": a headline in
		// capitals sums up outcomes of people it does not name; the text tells them.
		if len(persons) == 0 && d.capsLine(k) {
			k += l - 1
			continue
		}
		// "частично отменил приговор", "partially overturned the verdict": of some of them,
		// whom the text must name.
		if len(persons) == 0 && (d.word(k-1, "частично", "partially", "partly") || d.word(k+l, "частично", "partially", "partly")) {
			k += l - 1
			continue
		}
		if len(persons) == 0 && (o == "upheld" || o == "overturned" || o == "returned") {
			// "upheld the verdicts": everyone convicted; "upheld the verdict": the defendant.
			// One verdict of several defendants is theirs all.
			// So do appeals in the plural ("rejected appeals filed on behalf of five
			// journalists", "оставила без изменения решения нижестоящих судов") and "the rest"
			// of a verdict ("В остальной части приговор оставлен без изменения"): those whose
			// verdict it did not quash, once the text has told who was convicted.
			all := d.word(k+l, "the", "their", "all", "that", "this") && d.word(k+l+1, "verdicts", "sentences", "convictions", "judgments", "verdict", "приговоры") || d.word(k+l, "приговоры", "приговор")
			plural := o == "upheld" && (d.anyWord(k, min(s.b, k+l+3), "appeals", "complaints", "решения", "приговоры", "жалобы") || d.anyWord(max(s.a, k-4), k, "остальной"))
			if all || plural {
				for _, x := range d.res.Outcomes {
					if x.Outcome != "convicted" {
						continue
					}
					// Not one held for days ("10 суток ареста"): an administrative case
					// has no verdict an appeal court upholds with the others'.
					if p := d.res.Person(x.Person); p != nil && !(plural && (d.hasOutcome(p, "overturned") || d.hasOutcome(p, "returned") || d.hasOutcome(p, "acquitted"))) && !d.onlyAdministrative(p) {
						persons = append(persons, p)
					}
				}
				if len(persons) == 0 && !d.castReady {
					d.needCast = true
					k += l - 1
					continue
				}
			} else if *defendant != nil {
				persons = []*Person{*defendant}
			} else if !d.castReady {
				// An appeal told before the verdict it ruled on ("the appeal court upheld the
				// conviction, but cut the term"): the defendant, once the text has named them.
				d.needCast = true
				k += l - 1
				continue
			} else if cast := d.defendants(); len(cast) == 1 {
				persons = cast
			}
		}
		if o == "overturned" {
			quashed = persons
		} else if o == "returned" {
			// "quashed the verdict and sent the case back", "отменил его в части A и B и
			// направил их дело на новое рассмотрение": the case sent back is that of those
			// whose verdict was quashed.
			for _, p := range quashed {
				if !slices.Contains(persons, p) {
					persons = append(persons, p)
				}
			}
		}
		inferred := ""
		if d.fromGroup {
			inferred = "a group phrase names the person"
		}
		for _, p := range persons {
			// "All except A were found guilty": a group says nothing against a verdict told
			// of one of its people by name (the one acquitted).
			if d.fromGroup && (o == "convicted" || o == "acquitted") && d.hasOutcome(p, map[string]string{"convicted": "acquitted", "acquitted": "convicted"}[o]) {
				continue
			}
			d.addOutcome(&Outcome{Person: p.Name, Outcome: o, Inferred: inferred, Mentions: []Span{d.span(k, k+l)}}, s)
			addRole(p, "defendant")
			*defendant = p
		}
		for _, dm := range d.datesIn(s.a, s.b) {
			if !dm.until {
				d.setWhat(dm.iso, "verdict")
			}
		}
		k += l - 1
	}
}

// amongThem returns the persons named after "among them", "including", "в том числе" in
// sentence s or the one after it, in the same paragraph.
func (d *doc) amongThem(s sentence) []*Person {
	si := d.toks[s.a].sent
	for _, sj := range []int{si, si + 1} {
		if sj >= len(d.sents) || d.sents[sj].para != s.para {
			break
		}
		t := d.sents[sj]
		for k := t.a; k < t.b; k++ {
			// "Among those released the next day were two men:" with the list after it.
			those := d.word(k, "among") && d.word(k+1, "those")
			if !(d.word(k, "among") && d.word(k+1, "them", "whom") || those || d.word(k, "including") || d.word(k, "в") && d.word(k+1, "том") && d.word(k+2, "числе") || d.word(k, "среди") && d.word(k+1, "них", "которых")) {
				continue
			}
			var out []*Person
			seen := map[*Person]bool{}
			for _, m := range d.personsIn(k, t.b) {
				if m.p != nil && !m.pronoun && !m.roleNP && !seen[m.p] && !d.official(m) {
					seen[m.p] = true
					out = append(out, m.p)
				}
			}
			if len(out) == 0 && those && d.punct(t.b-1, ":") {
				out = d.bulletHeads(sj + 1)
			}
			return out
		}
	}
	return nil
}

// bulletHeads returns the person each item of a bulleted list names first, from sentence si
// on: "• Ata Kakajanov, a blogger from Mary, ...; • Mekan Saparov, ...".
func (d *doc) bulletHeads(si int) []*Person {
	var out []*Person
	for ; si < len(d.sents) && len(out) < 12; si++ {
		t := d.sents[si]
		if t.a >= t.b || !d.bulletBefore(t.a+1) {
			break
		}
		if ms := d.personsIn(t.a+1, min(t.b, t.a+5)); len(ms) > 0 && ms[0].p != nil && !ms[0].pronoun && !slices.Contains(out, ms[0].p) {
			out = append(out, ms[0].p)
		}
	}
	return out
}

// nearest returns the claimable person nearest to tokens [a, b): after an active verb its
// object, before a passive one its subject.
func (d *doc) nearest(a, b int, s sentence) []*Person {
	var best *personMention
	bestDist := 1 << 30
	for _, m := range d.personsIn(s.a, s.b) {
		if m.p == nil || d.toks[m.b-1].poss {
			continue
		}
		if d.official(m) {
			continue
		}
		dist := a - m.b
		if m.a >= b {
			dist = m.a - b
		}
		if dist < 0 {
			dist = 0
		}
		if dist < bestDist {
			best, bestDist = m, dist
		}
	}
	if best == nil {
		return nil
	}
	// "Дело A, B, C и D направлено на новое рассмотрение": the list the nearest is part of.
	if list := d.listAround(best, s); len(list) > 1 {
		return list
	}
	return []*Person{best.p}
}

func (d *doc) addOutcome(o *Outcome, s sentence) {
	o.sent = d.toks[s.a].sent
	for _, dm := range d.datesIn(s.a, s.b) {
		if !dm.until && o.Date == "" {
			o.Date = dm.iso
		}
	}
	// Only the person's own outcomes can take this one in: they are kept apart, so that a
	// long document does not look through all of its outcomes for each.
	same := d.outcomesOf[o.Person]
	if o.Outcome == "returned" {
		// "quashed the verdict and ordered a new trial": returned, though a retrial of the
		// same person was told before.
		for i, x := range same {
			if x.sent == o.sent && x.Outcome == "overturned" && len(x.Mentions) == 1 {
				o.Mentions = append(x.Mentions, o.Mentions...)
				j := slices.Index(d.res.Outcomes, x)
				d.res.Outcomes = slices.Delete(d.res.Outcomes, j, j+1)
				same = slices.Delete(same, i, i+1)
				d.outcomesOf[o.Person] = same
				break
			}
		}
	}
	for i, x := range same {
		if x.Outcome == o.Outcome {
			x.Mentions = append(x.Mentions, o.Mentions...)
			if o.Inferred == "" {
				x.Inferred = "" // stated once is enough
			}
			return
		}
		// A verdict quashed and sent back in one sentence is returned, not overturned.
		if x.sent == o.sent && len(x.Mentions) == 1 {
			switch {
			case x.Outcome == "returned" && o.Outcome == "overturned":
				x.Mentions = append(x.Mentions, o.Mentions...)
				return
			case x.Outcome == "overturned" && o.Outcome == "returned":
				o.Mentions = append(x.Mentions, o.Mentions...)
				d.res.Outcomes[slices.Index(d.res.Outcomes, x)] = o
				same[i] = o
				return
			}
		}
	}
	d.res.Outcomes = append(d.res.Outcomes, o)
	d.outcomesOf[o.Person] = append(same, o)
}

// bareCounts reads counts joined by commas and "and" in [a, b), with no unit of their own,
// as terms in the unit of like: "8 and 7" after "6 and 5 years".
func (d *doc) bareCounts(a, b int, like term) []term {
	var out []term
	for k := a; k < b; k++ {
		n, l := d.count(k)
		if n <= 0 || n > 30 || d.unit(k+l) != 0 {
			continue
		}
		if len(out) > 0 && !d.punct(k-1, ",") && !d.word(k-1, "and", "и") {
			return nil
		}
		t := term{}
		if like.y > 0 {
			t.y = n
		} else {
			t.m = n
		}
		out = append(out, t)
		k += l - 1
	}
	return out
}

// termList reads the terms told in a list that ends before token end, within [a, end): the
// last term with its unit ("four years", "четыре года") and the bare counts before it joined
// by commas and "and" ("five, four and"). It returns them in order, the token before the
// list, and the last term's bounds; no terms when there is no list.
func (d *doc) termList(a, end int) (terms []term, p, ta, te int) {
	var last term
	ta, te = -1, -1
	for k := a; k < end; k++ {
		if t, e, ok := d.termAt(k); ok && e <= end {
			last, ta, te = t, k, e
			k = e - 1
		}
	}
	if ta < 0 {
		return nil, 0, 0, 0
	}
	unit := byte(0)
	switch {
	case last.y > 0 && (last.m == 0 || last.m == 6) && last.d == 0: // "four and a half years"
		unit = 'y'
	case last.y == 0 && last.m > 0 && last.d == 0:
		unit = 'm'
	default:
		return nil, 0, 0, 0
	}
	terms = []term{last}
	p = ta - 1
	for p > a && (d.punct(p, ",") || d.word(p, "and", "и")) {
		if d.word(p, "and", "и") && d.punct(p-1, ",") {
			p--
		}
		found := false
		// "9, 9.5, 8 and 8 years": half a year written as a decimal.
		if whole, half, ok := strings.Cut(d.toks[p-1].t, "."); ok && unit == 'y' && d.toks[p-1].k == tNum && half == "5" && digits(whole, 3) > 0 {
			terms = append([]term{{y: digits(whole, 3), m: 6}}, terms...)
			p, found = p-2, true
			continue
		}
		for x := max(a, p-3); x < p; x++ {
			if n, l := d.count(x); n > 0 && x+l == p {
				var t term
				if unit == 'y' {
					t.y = n
				} else {
					t.m = n
				}
				terms = append([]term{t}, terms...)
				p, found = x-1, true
				break
			}
		}
		if !found {
			break
		}
	}
	return terms, p, ta, te
}

// respectively reads terms told in the order of people named before: "The prosecutor had
// asked for five, four and three years of imprisonment respectively", "просил для них шесть,
// пять и четыре года соответственно". The people are those its sentence names, else those
// the penalties told last were for, in their order. It reports whether it claimed them.
func (d *doc) respectively(si int) (int, int, bool) {
	s := d.sents[si]
	r := -1
	for k := s.a; k < s.b; k++ {
		if d.word(k, "respectively", "соответственно") {
			r = k
		}
	}
	if r < 0 {
		return 0, 0, false
	}
	terms, p, ta, te := d.termList(s.a, r)
	if len(terms) < 2 {
		return 0, 0, false
	}
	kind := "imprisonment"
	if k, _ := d.kindAt(te); k != "" {
		kind = k
	} else if d.word(te, "of") {
		if k, _ := d.kindAt(te + 1); k != "" {
			kind = k
		}
	}
	demand := d.anyClass(s.a, p+1, cDemand)
	// The people: those named between the terms and "respectively" ("ten and eight years for
	// A and B respectively, and six for C"), else those the sentence names, else those of the
	// penalties told last.
	var names []string
	seen := map[string]bool{}
	collect := func(a, b int) {
		names, seen = names[:0], map[string]bool{}
		for _, m := range d.personsIn(a, b) {
			if m.p != nil && !m.pronoun && !m.roleNP && !d.official(m) && !seen[m.p.Name] {
				seen[m.p.Name] = true
				names = append(names, m.p.Name)
			}
		}
	}
	if collect(te, r); len(names) != len(terms) {
		collect(s.a, s.b)
	}
	if len(names) != len(terms) {
		names = names[:0]
		seen = map[string]bool{}
		for x := len(d.res.Sentences) - 1; x >= 0 && len(names) < len(terms); x-- {
			pen := d.res.Sentences[x]
			// A fine has no term but is a penalty told last: "A and B were fined; the
			// prosecutor had requested five and four years respectively".
			if pen.Term == "" && pen.Kind != "fine" || pen.Kind == "ban" || seen[pen.Person] {
				continue
			}
			seen[pen.Person] = true
			names = append([]string{pen.Person}, names...)
		}
	}
	if len(names) != len(terms) {
		return 0, 0, false
	}
	for x, name := range names {
		pen := &Penalty{Person: name, Kind: kind, Term: terms[x].iso(), Mentions: []Span{d.span(ta, te)}, sent: si}
		if demand {
			d.res.Demands = addPenalty(d.res.Demands, pen)
			continue
		}
		d.res.Sentences = addPenalty(d.res.Sentences, pen)
		d.addOutcome(&Outcome{Person: name, Outcome: "convicted", Inferred: "implied by a sentence", Mentions: pen.Mentions}, s)
	}
	end := r + 1
	// "6 и 5 лет соответственно (прокурор просил 8 и 6 лет)": the demands in brackets after
	// the sentences are of the same people, in the same order.
	if c := d.closingParen(end, s.b); !demand && c > 0 && d.anyClass(end, c, cDemand) {
		dts, _, da, de := d.termList(end, c)
		if len(dts) == 0 {
			// "(the prosecutor had asked for 8 and 7)": bare counts in the list's unit.
			dts, da, de = d.bareCounts(end, c, terms[0]), end, c
		}
		if len(dts) == len(names) {
			for x, name := range names {
				d.res.Demands = addPenalty(d.res.Demands, &Penalty{Person: name, Kind: kind, Term: dts[x].iso(), Mentions: []Span{d.span(da, de)}, sent: si})
			}
			end = c + 1
		}
	}
	return p + 1, end, true
}

// changedTermOf returns the person whose term a court's change names with a possessive
// between the verb and token b ("reduced Qalbaev's term to six years"), or nil.
func (d *doc) changedTermOf(a, b int) *Person {
	for k := max(a, b-8); k < b; k++ {
		if !slices.Contains(termChanges, d.word2(k)) {
			continue
		}
		for _, m := range d.personsIn(k+1, b) {
			if m.p != nil && !m.pronoun && d.toks[m.b-1].poss && d.word(m.b, "term", "sentence", "prison") {
				return m.p
			}
		}
	}
	return nil
}

// kindOf reports a kind of penalty, other than a fine, at token i.
func (d *doc) kindOf(i int) bool {
	kind, _ := d.kindAt(i)
	return kind != "" && kind != "fine"
}
