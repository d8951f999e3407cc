package extract

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/docketorg/docket/internal/translit"
)

// roleWords are words that name a person's role, in English and in the case forms of
// Russian, with the role they give.
var roleWords = map[string]string{}

// actsOnOthers are the roles whose holder acts on the person named after them in Kazakh's
// oblique cases ("Прокурор Сейітқалиевке 6 жыл сұраған": for Seitkaliev).
var actsOnOthers = map[string]bool{"prosecutor": true, "judge": true, "investigator": true, "lawyer": true, "chairman": true}

// womansNoun reports a Russian noun of a woman's trade or state by its suffix: учительница,
// сотрудница, журналистка, пенсионерка, студентка.
func womansNoun(w string) bool {
	for _, e := range [...]string{"ница", "ницу", "ницы", "нице", "ницей", "истка", "истку", "истки", "истке", "исткой"} {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	if utf8.RuneCountInString(w) <= 6 {
		return false
	}
	for _, stem := range []string{"ниц", "стк", "нтк", "ерк"} {
		for _, end := range []string{"а", "у", "ы", "е", "ей", "ой"} {
			if strings.HasSuffix(w, stem+end) {
				return true
			}
		}
	}
	return false
}

// headOf gives the role of the chairman of a body that is no court or state office: "chairman
// of the opposition party" is a politician.
var headOf = map[string]string{
	"party": "politician", "movement": "politician", "bloc": "politician",
	"union": "unionist", "association": "activist", "foundation": "activist", "organisation": "activist",
	"organization": "activist", "ngo": "activist", "centre": "activist", "center": "activist", "initiative": "activist",
}

// ruRoleNominative are the Russian role forms that are nominative; the others are oblique,
// and so is a name in apposition to them.
var ruRoleNominative = map[string]bool{}

// roleGender is the gender a role word implies.
var roleGender = map[string]byte{}

func init() {
	for role, ws := range map[string]string{
		"judge":        "judge judges",
		"chairman":     "chairman chairwoman chairperson",
		"prosecutor":   "prosecutor prosecutors procurator",
		"lawyer":       "lawyer lawyers attorney advocate counsel barrister",
		"activist":     "activist activists campaigner dissident defender",
		"journalist":   "journalist journalists reporter reporters correspondent editor editor-in-chief photographer cameraman photojournalist",
		"blogger":      "blogger bloggers",
		"observer":     "observer observers monitor monitors",
		"spouse":       "spouse husband wife widow",
		"relative":     "mother father son daughter brother sister relative relatives nephew niece",
		"investigator": "investigator investigators",
		"defendant":    "defendant accused client",
		"politician":   "deputy politician mp",
		"artist":       "artist poet writer musician",
		"unionist":     "unionist",
	} {
		for _, w := range strings.Fields(ws) {
			roleWords[w] = role
		}
	}
	ru := []struct {
		role, nom, obl string
		g              byte
	}{
		{"judge", "судья", "судьи судье судью судьёй судьей судей судьям судьями", 0},
		{"chairman", "председатель", "председателя председателю председателем председателе", 0},
		{"prosecutor", "прокурор гособвинитель обвинитель", "прокурора прокурору прокурором прокуроре гособвинителя гособвинителю гособвинителем обвинителя обвинителю обвинителем", 0},
		{"lawyer", "адвокат защитник", "адвоката адвокату адвокатом адвокате защитника защитнику защитником", 0},
		{"activist", "активист правозащитник", "активиста активисту активистом активисте правозащитника правозащитнику правозащитником", 'm'},
		{"activist", "активистка правозащитница", "активистки активистке активистку активисткой правозащитницы правозащитнице правозащитницу правозащитницей", 'f'},
		{"journalist", "журналист редактор корреспондент оператор", "журналиста журналисту журналистом журналисте редактора редактору редактором корреспондента корреспонденту оператора оператору оператором", 'm'},
		{"journalist", "журналистка", "журналистки журналистке журналистку журналисткой", 'f'},
		{"blogger", "блогер блогерка", "блогера блогеру блогером блогере блогерки блогерке блогерку", 0},
		{"observer", "наблюдатель", "наблюдателя наблюдателю наблюдателем", 0},
		{"spouse", "муж супруг", "мужа мужу мужем супруга супругу супругом", 'm'},
		{"spouse", "жена супруга", "жены жене жену женой супруги супруге супругой", 'f'},
		{"relative", "мать дочь сестра", "матери дочери сестры сестре сестру", 'f'},
		{"relative", "отец сын брат", "отца отцу сына сыну брата брату", 'm'},
		{"investigator", "следователь", "следователя следователю следователем", 0},
		{"artist", "художник поэт", "художника художнику поэта поэту", 'm'},
		{"artist", "художница поэтесса", "художницы художнице художницу", 'f'},
		{"politician", "депутат", "депутата депутату депутатом", 0},
		// Kazakh: "мемлекеттік айыптаушы" (state prosecutor), "қорғаушысы" (his lawyer).
		{"prosecutor", "айыптаушы", "айыптаушының айыптаушыға", 0},
		{"lawyer", "қорғаушы қорғаушысы", "қорғаушының қорғаушыға", 0},
		{"investigator", "тергеуші", "тергеушінің тергеушіге", 0},
		{"defendant", "подзащитный подзащитная подсудимый подсудимая обвиняемый обвиняемая", "подзащитного подзащитной подзащитному подсудимого подсудимой подсудимому обвиняемого обвиняемой обвиняемому", 0},
	}
	for _, r := range ru {
		for _, w := range strings.Fields(r.nom) {
			roleWords[w], ruRoleNominative[w], roleGender[w] = r.role, true, r.g
		}
		for _, w := range strings.Fields(r.obl) {
			roleWords[w], roleGender[w] = r.role, r.g
		}
	}
	// Kazakh role nouns in their cases, which say nothing of the case of the name beside
	// them: "белсенді Айгерім Сейтқалиеваның", "белсендіге қатысты" (the activist told before).
	for role, ws := range map[string]string{
		"activist":   "белсенді белсендіге белсендіні белсендінің белсендіден белсендімен белсендіде",
		"journalist": "тілші журналиске журналисті журналистің тілшіге тілшіні тілшінің",
		"blogger":    "блогерге блогерді блогердің",
	} {
		for _, w := range strings.Fields(ws) {
			roleWords[w], kkRoleWords[w] = role, true
		}
	}
}

// kkRoleWords are the Kazakh forms of roleWords.
var kkRoleWords = map[string]bool{}

// postOf maps a role to the post vocabulary.
var postOf = map[string]string{"judge": "judge", "chairman": "chairman", "prosecutor": "prosecutor", "lawyer": "lawyer", "investigator": "investigator", "journalist": "journalist"}

// nonNames are capitalised words of this domain that are never part of a person's name.
var nonNames = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`
article articles part parts code criminal republic president government state national international human rights supreme city
district regional appellate court courts prosecutor prosecutors general office ministry police security service committee commission
council facebook telegram instagram twitter youtube whatsapp tiktok vkontakte internet god islam muslim christian press release
statement open letter dear sir madam cc bcc kazakhstan russia belarus azerbaijan kyrgyzstan uzbekistan tajikistan turkmenistan ukraine
georgia armenia moldova europe european union america american united nations kazakh kazakhstani russian belarusian azerbaijani
kyrgyz uzbek tajik turkmen ukrainian georgian armenian soviet western eastern northern southern central asia asian almaty astana
aktau moscow minsk baku bishkek tashkent dushanbe kyiv kiev tbilisi yerevan warsaw vilnius brussels geneva strasbourg vienna london
paris berlin prague riga tallinn helsinki stockholm washington italian polish french german british english lithuanian latvian
chairman judge lawyer activist journalist mr mrs ms dr professor colonel major captain lieutenant sergeant maj col capt lt sgt cpl gen senator minister deputy
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october
november december foundation federation centre center institute association party movement media radio news the a an and or
on in at of for to by with from after before following according however but when while since until during this that these
those his her their its our we they he she it also then yesterday today said says both all members member head acting presiding
former breaking update photo video source sources contacts contact note notes editor information detailed more urgent appeal
criminal administrative civil case cases verdict sentence trial hearing appeal cassation investigation investigators prison colony
region oblast province area street avenue square mr. ms. no. st. covid coronavirus constitution convention covenant declaration
ukase decree law act charter amnesty hrw osce un eu pace odihr kgb fsb knb rfe rl bbc cnn reuters ap afp tass ria interfax
neither nor either two three four five six seven eight nine ten eleven twelve detained arrested released convicted acquitted
sentenced charged jogorku
`) {
		nonNames[w] = true
	}
	for _, w := range strings.Fields(`
статья статьи статье ст ук рк рф рб кр коап республика республики казахстан казахстана казахстане россия россии беларусь беларуси
москва москвы москве минск минска минске алматы астана астаны актау баку бишкек бишкека бишкеке ташкент душанбе киев
суд суда суду судом суде прокуратура прокурор судья председатель адвокат активист журналист президент правительство
верховный верховного генеральная генеральной следственный следственного комитет служба министерство полиция
понедельник вторник среда четверг пятница суббота воскресенье по в на с о об у к от до из за при как но и а его её ее их это
после однако также ранее вчера сегодня затем когда если facebook telegram instagram youtube whatsapp тикток
против для без через между мосгорсуд мосгорсуда мосгорсуде мосгорсудом жогорку
коллега коллеги коллегу коллегой коллеге сосед соседка соседи друг подруга знакомый знакомая свидетель свидетельница
соседа соседку соседки друга подругу подруги знакомого знакомую
сотрудник сотрудники сотрудница представитель представители директор учитель учительница студент студентка
пенсионер пенсионерка бывший бывшая colleague colleagues neighbour neighbor friend witness
мама мамы маме маму мать матери отец отца папа брат брата сестра сестры сын сына дочь дочери жена жены муж мужа
супруга супруги супруг супруга бабушка дедушка тётя тетя дядя соратник соратница соратники
сот соты сотқа соттың сотта судья судьясы тергеуші тергеушілер адвокат адвокаты қорғаушы қорғаушысы белсенді
свобода свободы свободу свободе
`) {
		nonNames[w] = true
	}
}

// namedAfter are the words after a person's name that make it the name of a place or a thing:
// "Heydar Aliyev International Airport".
var namedAfter = wordSet(`international airport avenue street square boulevard prospect park stadium university
	prize award metro station аэропорт проспект улица площадь университет`)

// placeUnits are the Russian words of a district, region or town, and of their courts and
// councils, after the adjective of a place that names them.
var placeUnits = strings.Fields(`района району районе районом район районный районного районному районном
	области областью области областной областного областному областном края краю крае край краевой краевого
	округа округе округ города городу городе город городской городского городскому городском`)

// placeAdjective reports a Russian adjective of the shape of a surname in -ский, -цкий
// in any case and gender.
func placeAdjective(w string) bool {
	for _, e := range []string{"ский", "ского", "скому", "ском", "ская", "ской", "скую", "ское", "цкий", "цкого", "цкому", "цком", "цкая", "цкой", "цкое"} {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// personMention is a mention of a person at tokens [a, b).
type personMention struct {
	a, b          int
	first, last   string // surface forms; last is the surname
	middle        string // the patronymic, when the name is written with one
	initial       string // a first initial, when only initials are given
	initials      string // all the initials as written ("К.Т.")
	initialsAfter bool   // the initials follow the surname ("Петров А.К.")
	role          string
	roleTok       int // the role word, or -1
	org           *Org
	title         bool // after a title: Judge, Mr, судья
	oblique       int8 // +1: the name is in an oblique case; -1: nominative; 0: unknown
	accusative    bool // the object of a verb done to a person: "задержали Фаруху Назарову"
	gender        byte
	spouseOf      int  // index of the mention whose spouse this is, or -1
	pronoun       bool // he, she, his, её...; resolved later
	firstPerson   bool // "меня", "маған": the author of a feed or a letter, not someone named before
	roleNP        bool // "the blogger": resolved later
	subject       bool // seems to be the subject of its clause
	counsel       bool // a lawyer acting for someone ("his lawyer, X"), not a lawyer it happens to
	kinOwner      bool // between a kin word and the kin's own name: "мать B Алтынай Кдырбаеву"
	p             *Person
}

// findPersons finds the mentions of persons, then resolves them to one proposal per person.
func (d *doc) findPersons() {
	for i := 0; i < len(d.toks); i++ {
		t := &d.toks[i]
		if t.skip || t.used || t.k != tWord || !t.cap || t.caps && utf8.RuneCountInString(t.t) > 1 {
			continue
		}
		m, end := d.nameAt(i)
		// "fellow Jana Qadam member Saltanat Yerzhanova", "Jana Qadam activists": a name
		// used before a noun of membership is a movement's, not a person's.
		if m != nil && !d.toks[m.a].cyr && !m.title && m.role == "" && d.word(m.b, "member", "members", "activist", "activists", "supporter", "supporters", "movement") {
			m = nil
		}
		if m != nil {
			d.persons = append(d.persons, m)
			d.persons = append(d.persons, d.sharedSurname(m)...)
			if m.first != "" {
				for _, r := range d.names.readings(m.last) {
					d.fullSurnames[d.key(r.lemma)] = true
				}
				// The first name of one person named in full: alone, it names that person.
				f, _, ok := d.names.firstName(m.first)
				if !ok && !d.toks[m.a].cyr {
					// A given name the table of names lacks ("Mariam", "Levan"): alone, it
					// names the person the text named in full with it, as written. (A Russian
					// one alone may be in another case than beside the surname.)
					f, ok = "="+strings.ToLower(m.first), true
				}
				if ok {
					// "Веры Андреевны Лобановой" and "Вера Лобанова": one surname in two cases.
					if last, seen := d.fullFirsts[f]; seen && last != m.last && !d.sameSurname(last, m.last) {
						d.fullFirsts[f] = ""
					} else if !seen {
						d.fullFirsts[f] = m.last
					}
				}
			}
		}
		if end > i {
			i = end - 1
		}
	}
	d.findPronouns()
	sort.SliceStable(d.persons, func(i, j int) bool { return d.persons[i].a < d.persons[j].a })
	for _, m := range d.persons {
		s := d.toks[m.a].sent
		d.sentPersons[s] = append(d.sentPersons[s], m)
	}
	d.resolvePersons()
}

// sharedSurname returns the persons named by given names listed before a full name that
// share its surname: "brothers Alisher, Rustam and Farrukh Shohzodaev", "Ivan and Pyotr
// Sidorov". Each given name must be one the table of names knows.
func (d *doc) sharedSurname(m *personMention) []*personMention {
	if m.first == "" || m.middle != "" || m.initial != "" || !d.word(m.a-1, "and", "и") {
		return nil
	}
	var out []*personMention
	for k := m.a - 2; k >= 0; k -= 2 {
		if !d.nameTok(k) || d.toks[k].poss {
			break
		}
		if _, _, ok := d.names.firstName(d.toks[k].t); !ok {
			break
		}
		pm := &personMention{roleTok: -1, spouseOf: -1, a: k, b: k + 1, first: d.toks[k].t, last: m.last}
		d.context(pm)
		out = append(out, pm)
		if !d.punct(k-1, ",") {
			break
		}
	}
	return out
}

// nameTok reports whether token i may be part of a name.
func (d *doc) nameTok(i int) bool {
	if i < 0 || i >= len(d.toks) {
		return false
	}
	t := &d.toks[i]
	if t.k != tWord || t.skip || t.used || t.head || t.thead || t.quoted || !t.cap || t.caps && utf8.RuneCountInString(t.t) > 1 {
		return false
	}
	if nonNames[t.low] || d.month(i) > 0 || d.isEnHead(i) != "" {
		return false
	}
	if _, ok := roleWords[t.low]; ok {
		return false
	}
	if _, ok := ruHeads[t.low]; ok {
		return false
	}
	if strings.Contains(t.t, ".") {
		return false // Vlast.kz
	}
	return true
}

// sentenceAdverbs open sentences before a name: "Later Y. Abenov was released".
var sentenceAdverbs = wordSet(`later earlier today yesterday tomorrow now then still instead afterwards recently
	eventually finally meanwhile subsequently previously currently separately`)

// isInitial reports an initial at token i: one capital letter and a full stop.
func (d *doc) isInitial(i int) bool {
	if i < 0 || i+1 >= len(d.toks) {
		return false
	}
	t := &d.toks[i]
	return t.k == tWord && t.cap && utf8.RuneCountInString(t.t) == 1 && d.punct(i+1, ".") && !d.toks[i+1].sp
}

// nameAt parses a person's name at token i, returning the mention (or nil) and the token
// after what it looked at.
func (d *doc) nameAt(i int) (*personMention, int) {
	// Collect the run: name words and initials, one line break at most between them.
	type part struct {
		i       int
		initial bool
	}
	var parts []part
	j := i
	jumped := -1 // the part after which the name goes on in its table cell's next line
	for j < len(d.toks) && len(parts) < 4 {
		if len(parts) > 0 && (!d.toks[j].sp && !(parts[len(parts)-1].initial) || d.toks[j].nl >= 2) {
			break
		}
		// A table's cells hold a name each: "… Colony No. 3/6, Khujand" ends a row whose
		// next line opens with another cell; a name that wraps in its cell goes on below.
		if len(parts) > 0 && d.toks[j].cell != d.toks[parts[len(parts)-1].i].cell {
			next, ok := d.cellGoesOn[j-1]
			if !ok || j-1 != parts[len(parts)-1].i {
				break
			}
			j, jumped = next, len(parts)-1
		}
		// A line that opens with a name and patronymic ("…, АП Республики Дагестан\nШевцов
		// Кирилл Андреевич, …") starts a name of its own, as in a list of signatories.
		if len(parts) > 0 && d.toks[j].nl == 1 && (d.patronymicAt(j+1) || d.patronymicAt(j+2)) {
			break
		}
		// A signatory's title on the line below the name: "Hilde Vanderstraeten" over "Special
		// Rapporteur on ...".
		if len(parts) > 0 && d.toks[j].nl == 1 && titleWords[d.toks[j].low] {
			break
		}
		if d.isInitial(j) {
			parts = append(parts, part{j, true})
			j += 2
			continue
		}
		if !d.nameTok(j) {
			break
		}
		parts = append(parts, part{j, false})
		if d.toks[j].poss {
			j++
			break
		}
		j++
	}
	if len(parts) == 0 {
		return nil, i + 1
	}
	// "Later Y. Abenov", "Meanwhile Ivan Petrov": a sentence's first word that is neither a
	// given name nor a surname is not part of the name after it.
	if len(parts) > 1 && !parts[0].initial && d.opensSentence(parts[0].i) {
		w := d.toks[parts[0].i].t
		_, _, isF := d.names.firstName(w)
		isS, _ := d.names.surnameShape(w)
		// An unknown given name before a surname is kept ("Ikrom Yusupov to nine years"), a
		// word that opens sentences is not ("Meanwhile", "Впервые").
		next := d.toks[parts[1].i].t
		nextSur, _ := d.names.surnameShape(next)
		nextSur = nextSur || len(parts) == 2 && d.attribution(parts[0].i, parts[1].i+1) // "Luka Jikia, who was also convicted"
		opener := enLeading[d.toks[parts[0].i].low] || strings.HasSuffix(d.toks[parts[0].i].low, "ly") || d.toks[parts[0].i].cyr && ruOpener(d.toks[parts[0].i].low) ||
			d.writtenLower(d.toks[parts[0].i].low) // "Приговор Саидовой", "Для Ярошевича": a word the text also writes in lower case
		// "Mary L. Okafor": a word before a middle initial and a surname is a given name.
		middle := parts[1].initial && len(parts) == 3 && !parts[2].initial && !sentenceAdverbs[d.toks[parts[0].i].low]
		if !isF && !isS && !(nextSur && !parts[1].initial && !opener) && !(middle && !opener) {
			parts = parts[1:]
		}
	}
	m := &personMention{roleTok: -1, spouseOf: -1}
	// Classify.
	firsts, surs := 0, 0
	isFirst := make([]bool, len(parts))
	isSur := make([]bool, len(parts))
	for k, p := range parts {
		if p.initial {
			continue
		}
		w := d.toks[p.i].t
		if _, _, ok := d.names.firstName(w); ok {
			isFirst[k] = true
			firsts++
		}
		if ok, _ := d.names.surnameShape(w); ok {
			isSur[k] = true
			surs++
		}
	}
	end := j
	pick := func(a, b int) {
		m.a, m.b = parts[a].i, parts[b].i+1
		if parts[b].initial {
			m.b = parts[b].i + 2
		}
	}
	switch n := len(parts); {
	case n == 1:
		if parts[0].initial {
			return nil, end
		}
		pick(0, 0)
		m.last = d.toks[parts[0].i].t
		if !isSur[0] && !isFirst[0] {
			// The given name, as written, of the one person named in full with it before
			// ("Mariam Tsertsvadze ... Mariam was detained a week later").
			if last := d.fullFirsts["="+d.toks[parts[0].i].low]; last != "" && !d.toks[parts[0].i].poss && !d.hasTitleBefore(parts[0].i) {
				m.first, m.last = d.toks[parts[0].i].t, last
				break
			}
			// A lone capitalised word is a surname after a title ("Judge Bayturova") or when a
			// person named in full before has it ("Andrzej Poczobut ... Poczobut was arrested").
			if !d.hasTitleBefore(parts[0].i) && !d.knownSurname(d.toks[parts[0].i].t) {
				return nil, end
			}
		}
		if isFirst[0] && !isSur[0] {
			// "sentenced Pavel to three years" after "Pavel Karaliou": the person named in
			// full with that first name, when only one is.
			f, _, _ := d.names.firstName(d.toks[parts[0].i].t)
			if last := d.fullFirsts[f]; last != "" && !d.toks[parts[0].i].poss {
				m.first, m.last = d.toks[parts[0].i].t, last
				break
			}
			// "his younger brother Kerim": a given name after a kin or role word, which the
			// full name told later may claim (resolvePersons).
			// (Latin script only: a Russian form would need its nominative first.)
			if !d.toks[parts[0].i].cyr && !(d.toks[parts[0].i].poss || !d.word(parts[0].i-1, kinWordList...) && d.roleBefore(parts[0].i) < 0) {
				break
			}
			return nil, end
		}
	case parts[0].initial && !parts[n-1].initial:
		// A. Petrov, А.К. Петров: the initials as written, then the surname.
		k := 0
		for k < n && parts[k].initial {
			m.initials += d.toks[parts[k].i].t + "."
			k++
		}
		pick(0, k)
		m.initial = d.toks[parts[0].i].t
		m.last = d.toks[parts[k].i].t
		end = parts[k].i + 1
	case parts[n-1].initial && !parts[0].initial:
		// Петров А.К., as court papers write: the surname, then the initials.
		k := 1
		for k < n && parts[k].initial {
			m.initials += d.toks[parts[k].i].t + "."
			k++
		}
		if k == 1 {
			return nil, end
		}
		pick(0, k-1)
		m.initial, m.initialsAfter = d.toks[parts[1].i].t, true
		m.last = d.toks[parts[0].i].t
	default:
		// Drop initials in the middle; find first name and surname.
		var ws []int
		for k, p := range parts {
			if !p.initial {
				ws = append(ws, k)
			}
		}
		if len(ws) < 2 {
			return nil, end
		}
		// "Ларису Вадимовну задержали": a given name and patronymic, the person named in full
		// with that given name.
		if len(ws) == 2 && isPatronymic(d.toks[parts[ws[1]].i].t) && !isPatronymic(d.toks[parts[ws[0]].i].t) && isFirst[ws[0]] {
			fn, _, _ := d.names.firstName(d.toks[parts[ws[0]].i].t)
			if last := d.fullFirsts[fn]; last != "" {
				pick(ws[0], ws[1])
				m.first, m.last = d.toks[parts[ws[0]].i].t, last
				end = m.b
				break
			}
		}
		f, s := ws[0], ws[len(ws)-1]
		// "Mary L. Okafor": a Latin middle initial is written as part of the name.
		if len(ws) == 2 && len(parts) == 3 && parts[1].initial && !d.toks[parts[1].i].cyr {
			m.middle = d.toks[parts[1].i].t + "."
		}
		if len(ws) >= 3 {
			// First, patronymic, surname; surname, first, patronymic (Нурланова Асылбека
			// Маратовича); or a stray word on either side.
			switch {
			case isPatronymic(d.toks[parts[ws[2]].i].t) && !isPatronymic(d.toks[parts[ws[1]].i].t) && isFirst[ws[1]] && isSur[ws[0]]:
				f, s = ws[1], ws[0]
				isFirst[f], isSur[s] = true, true
			case isPatronymic(d.toks[parts[ws[1]].i].t):
				// Written in the order of speech, the name keeps its patronymic ("Николай
				// Фёдорович Ермаков"); a court's surname-first form is brought to the first
				// name and surname as other texts write them.
				f, s = ws[0], ws[2]
				m.middle = d.toks[parts[ws[1]].i].t
			case isFirst[ws[1]] && (isSur[ws[2]] || !isFirst[ws[0]]):
				f, s = ws[1], ws[2]
			case len(ws) == 3 && isSur[ws[0]] && isSur[ws[2]] && !isSur[ws[1]] && !isFirst[ws[0]] && !isPatronymic(d.toks[parts[ws[2]].i].t):
				// "адвокат Вотякова Юлиана Сабурова": a surname in the genitive (whose
				// lawyer) before a given name the list lacks and a surname.
				f, s = ws[1], ws[2]
			case isSur[ws[2]] && !isSur[ws[0]] && !isFirst[ws[0]] && !isSur[ws[1]] && len(ws) == 3:
				// "учительнице из Альметьевска Рамиле Хасановой", "депутат Жогорку Кенеша Эрнис
				// Садыков": a word that is neither a given name nor a surname, before a given
				// name the list lacks and a surname, is no part of the name.
				f, s = ws[1], ws[2]
			default:
				f, s = ws[0], ws[1]
			}
		}
		switch {
		case isFirst[f] || isSur[s]:
		case isSur[f] && isFirst[s]:
			f, s = s, f // Жумабаев Ерлан
		case len(ws) == 2 && isSur[f] && d.toks[parts[0].i].cell != 0 && d.cellStart(parts[0].i) == parts[0].i:
			// A table's cell that opens with a surname and a given name the table of names
			// lacks: "| Туремуратов Жаксылык |", as lists of defendants write them.
			f, s = s, f
		case d.hasTitleBefore(parts[f].i) || d.roleBefore(parts[f].i) >= 0:
		case len(ws) == 2 && d.attribution(parts[ws[0]].i, parts[ws[1]].i+1):
			if d.titled(parts[ws[0]].i, parts[ws[1]].i+1) && m.role == "" {
				m.role = "official" // a title's holder, whom claims are not about
			}
		default:
			return nil, end
		}
		if isSur[f] && isFirst[s] && !isFirst[f] {
			f, s = s, f
		}
		lo, hi := min(f, s), max(f, s)
		pick(lo, hi)
		m.first = d.toks[parts[f].i].t
		m.last = d.toks[parts[s].i].t
		end = m.b
		if !d.toks[parts[hi].i].poss {
			end = parts[hi].i + 1
		}
	}
	if m.last == "" {
		return nil, end
	}
	// A name that wraps in its cell is placed at its first line: the row's other cells
	// between are no part of it.
	if jumped >= 0 && m.a <= parts[jumped].i && m.b > parts[jumped].i+1 {
		end = max(end, m.b)
		m.b = parts[jumped].i + 1
	}
	// "Heydar Aliyev International Airport", "Rustaveli Avenue": a place named after a person.
	if d.capWord2(m.b) && namedAfter[d.toks[m.b].low] {
		return nil, max(end, m.b)
	}
	// "прокурор Первомайского района", "Свердловский районный суд": an adjective of a place,
	// shaped as a surname, before the unit it names.
	if m.first == "" && d.toks[m.a].cyr && placeAdjective(d.toks[m.b-1].low) && d.word(m.b, placeUnits...) {
		return nil, max(end, m.b)
	}
	d.context(m)
	return m, max(end, m.b)
}

// attribution reports a name of two words at tokens [a, b) in a pattern that names people
// whatever their origin: after a verb of saying ("said Katrin Hollstein"), before an
// apposition of a role or a relative clause ("Ingrid Dahl, a Norwegian lawyer", "Jeroen
// van Dijk, the Initiative's director", "Luka Jikia, who was also convicted").
func (d *doc) attribution(a, b int) bool {
	if d.toks[a].cyr {
		return false
	}
	if d.titled(a, b) {
		return true
	}
	if d.word(a-1, "said", "says", "told", "wrote", "added", "explained", "stated", "noted") || d.word(a-1, "to") && d.word(a-2, "according") {
		return true
	}
	// A byline: "By Helen Marsh · Published 3 June", a line of its own opened by "By".
	if d.word(a-1, "by") && d.toks[a-1].cap && (a-1 == 0 || d.toks[a-1].nl > 0) && (b >= len(d.toks) || d.toks[b].nl > 0 || d.punct(b, "·", "|", ",")) {
		return true
	}
	// A contact: "Clara Benedetti (clara.benedetti@example.org)", a name and an e-mail address.
	if d.punct(b, "(") {
		for k := b + 1; k < min(b+10, len(d.toks)) && !d.punct(k, ")") && d.toks[k].nl == 0; k++ {
			if d.punct(k, "@") {
				return true
			}
		}
	}
	if !d.punct(b, ",") {
		return false
	}
	if d.word(b+1, "who", "whose") {
		return true
	}
	if !d.word(b+1, "a", "an", "the") {
		return false
	}
	for k := b + 2; k < min(b+6, len(d.toks)); k++ {
		if _, ok := roleWords[d.toks[k].low]; ok && d.toks[k].k == tWord {
			return true
		}
		if d.punct(k, ",", ".") {
			break
		}
	}
	return false
}

// titled reports a name at tokens [a, b) that an official's title goes with: a letter's
// signature, the name alone on its line and the title on the next ("Hilde Vanderstraeten" over
// "Special Rapporteur on ..."), a title after the name and a comma, or a name in apposition to
// a title ("The Representative on Freedom of the Media, Helga Lindqvist, today said").
func (d *doc) titled(a, b int) bool {
	if (a == 0 || d.toks[a].nl > 0) && b < len(d.toks) && d.toks[b].nl == 1 && titleWords[d.toks[b].low] {
		return true
	}
	// "Henrik Aalto, Special Rapporteur on ...", "Jan Novak, Director of ...": a title after
	// the name, as lists of signatories and experts write them.
	if d.punct(b, ",") && b+1 < len(d.toks) && d.toks[b+1].cap && titleWords[d.toks[b+1].low] {
		return true
	}
	if d.punct(a-1, ",") && d.punct(b, ",") {
		for k := a - 2; k >= max(0, a-14) && !d.punct(k, ".", ";", ":"); k-- {
			if d.toks[k].cap && titleWords[d.toks[k].low] && d.toks[k].sent == d.toks[a].sent {
				return true
			}
		}
	}
	return false
}

// titleWords open the titles of officials and signatories.
var titleWords = wordSet(`special rapporteur rapporteurs chair vice-chair chairperson chairman chairwoman director
	president representative commissioner ombudsman secretary coordinator head executive`)

// patronymicAt reports a Russian patronymic at token i.
func (d *doc) patronymicAt(i int) bool {
	return i < len(d.toks) && d.toks[i].k == tWord && d.toks[i].cap && isPatronymic(d.toks[i].t)
}

// knownSurname reports a word that is the surname of a person named in full before.
func (d *doc) knownSurname(w string) bool {
	return d.fullSurnames[d.key(w)]
}

// sameSurname reports two forms of a surname that share a reading ("Лобановой", "Лобанова").
func (d *doc) sameSurname(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	for _, ra := range d.names.readings(a) {
		ka := d.key(ra.lemma)
		for _, rb := range d.names.readings(b) {
			if ka == d.key(rb.lemma) {
				return true
			}
		}
	}
	return false
}

// patronymicNominative brings a Russian patronymic to the nominative: Сергеевну →
// Сергеевна, Фёдоровича → Фёдорович, Ильиничны → Ильинична.
func patronymicNominative(w string) string {
	for _, e := range [...]struct{ from, to string }{
		{"вну", "вна"}, {"вны", "вна"}, {"вне", "вна"}, {"вной", "вна"},
		{"ичну", "ична"}, {"ичны", "ична"}, {"ичне", "ична"}, {"ичной", "ична"},
		{"ича", "ич"}, {"ичу", "ич"}, {"ичем", "ич"}, {"иче", "ич"},
	} {
		if strings.HasSuffix(w, e.from) {
			return strings.TrimSuffix(w, e.from) + e.to
		}
	}
	return w
}

func isPatronymic(w string) bool {
	low := strings.ToLower(w)
	for _, e := range []string{"ovich", "evich", "ovna", "evna", "ich", "ovich", "уly", "ович", "евич", "овна", "евна", "ична", "инична", "ич", "ича", "ичу", "ичем", "овны", "евны",
		"овну", "евну", "овне", "евне", "овной", "евной", "ичну", "ичны", "ичной", "uly", "kyzy", "улы", "кызы"} {
		if strings.HasSuffix(low, e) {
			return true
		}
	}
	return false
}

// hasTitleBefore reports a title or role word right before token i.
func (d *doc) hasTitleBefore(i int) bool {
	if d.word(i-1, "mr", "mrs", "ms", "dr", "judge", "господин", "госпожа") || d.punct(i-1, ".") && d.word(i-2, "mr", "mrs", "ms", "dr") {
		return true
	}
	return d.roleBefore(i) >= 0
}

// roleBefore returns the role word that introduces the name at token i ("judge", "the
// prosecutor,", "civic activist", "судья Октябрьского районного суда"), or -1.
func (d *doc) roleBefore(i int) int {
	sa, _ := d.sentenceOf(i)
	k := i - 1
	if d.punct(k, ",") {
		k--
	}
	// Skip an organisation in the genitive or "of the X Court": "судья Уральского суда
	// Алия", "Chairman of the Aktau City Court, Malik".
	if o := d.orgEnd[k+1]; o != nil {
		k = o.a - 1
		if d.word(k, "the") {
			k--
		}
		if d.word(k, "of") {
			k--
		}
	}
	for n := 0; k >= sa && n < 4; n++ {
		t := &d.toks[k]
		// "Ниджат Алиев, правозащитник" over "Гюльнар Мамедова, журналистка": a role that ends
		// the line above is the name's there, in a list of signatories.
		if d.toks[k+1].nl > 0 && d.punct(k-1, ",") {
			return -1
		}
		if t.k == tWord {
			if _, ok := roleWords[t.low]; ok {
				// "Защитник журналиста X", "адвокат активиста X": the oblique role word belongs
				// to the one before it, which is X's role.
				if t.cyr && !ruRoleNominative[t.low] && k > sa && d.toks[k-1].k == tWord && roleWords[d.toks[k-1].low] != "" {
					return k - 1
				}
				return k
			}
			if t.poss || t.cap && n > 0 || rolePrepositions[t.low] || pastVerb(t) {
				return -1 // "судья санкционировал арест Сейткали": the judge's verb stands between
			}
			if roleCaseNouns[t.low] {
				return -1 // "вернул прокурору дело X": X is the case's, not a prosecutor
			}
			k--
			continue
		}
		if t.k == tNum || t.t == "-" {
			k--
			continue
		}
		return -1
	}
	return -1
}

// pastVerb reports a verb in the past tense ("санкционировал", "sentenced"), which a role
// does not reach across.
func pastVerb(t *tok) bool {
	w := t.low
	if t.cyr {
		return utf8.RuneCountInString(w) > 4 && (strings.HasSuffix(w, "ал") || strings.HasSuffix(w, "ил") || strings.HasSuffix(w, "ала") || strings.HasSuffix(w, "ила") ||
			strings.HasSuffix(w, "али") || strings.HasSuffix(w, "или") || strings.HasSuffix(w, "ался") || strings.HasSuffix(w, "ался"))
	}
	return len(w) > 4 && strings.HasSuffix(w, "ed")
}

// roleCaseNouns are nouns of a case or its papers, whose genitive name is the defendant's,
// whatever role word stands before them.
var roleCaseNouns = wordSet("дело дела делу деле делом дел приговор приговора приговору обвинение обвинения case cases trial")

// rolePrepositions end the words that may stand between a role and a name: "activist from
// Zhanaozen" does not make Zhanaozen an activist.
var rolePrepositions = wordSet("from in at of for with by to on about against under over into than who which that and or was were is are has had в на из от для с со к по о об у за при и или что который которая")

// context fills a mention's role, title, organisation, case and gender from the words around it.
func (d *doc) context(m *personMention) {
	// "Прокурор Сейітқалиевке 6 жыл ... сұраған": a Kazakh name in an oblique case after a
	// title is whom the title's holder acts on, not the holder.
	// (Not an official's: "белсенді Айгерім Сейтқалиеваның шағымы" is the activist's own.)
	if r := d.roleBefore(m.a); r >= 0 && !(d.kk && kazakhOblique(d.toks[m.b-1].low) && actsOnOthers[roleWords[d.toks[r].low]]) {
		t := &d.toks[r]
		m.roleTok, m.role = r, roleWords[t.low]
		if t.cyr && !kkRoleWords[t.low] {
			m.oblique = 1
			if ruRoleNominative[t.low] {
				m.oblique = -1
			}
			m.gender = roleGender[t.low]
			// "мать Ербола Кдырбаева Алтынай Кдырбаеву": a name between a kin word and
			// another name is in the genitive, whose kin it is; the kin word says nothing
			// of its gender.
			if (m.role == "relative" || m.role == "spouse") && r == m.a-1 && d.nameTok(m.b) && d.toks[m.b].cap && d.toks[m.b].nl == 0 {
				m.role, m.gender, m.oblique, m.kinOwner = "", 0, 1, true
			}
		}
		// "Chairman of the Aktau City Court, X" or "судья Уральского городского суда X".
		for x := r + 1; x < m.a; x++ {
			if o := d.orgStart[x]; o != nil && o.b <= m.a {
				m.org = o.org
			}
		}
		// "Aktau City Court Judge X".
		if o := d.orgEnd[r]; o != nil {
			m.org = o.org
		}
		// "Akberdiyeva’s spouse Ablovas Dzhumayev"
		if m.role == "spouse" && r > 0 && d.toks[r-1].poss {
			if n := len(d.persons); n > 0 && d.persons[n-1].b == r {
				m.spouseOf = n - 1
			}
		}
		m.title = true
		if m.role == "lawyer" {
			m.counsel = d.word(r-1, "his", "her", "their", "its", "defence", "defense", "whose", "его", "её", "ее", "их") || r > 0 && d.toks[r-1].poss ||
				r+1 < m.a && d.toks[r].cyr // "адвокат Лебедевой Ирина Гаврилова"
		}
	}
	if d.word(m.a-1, "mr") || d.punct(m.a-1, ".") && d.word(m.a-2, "mr") {
		m.gender, m.title = 'm', true
	}
	if d.word(m.a-1, "mrs", "ms") || d.punct(m.a-1, ".") && d.word(m.a-2, "mrs", "ms") {
		m.gender, m.title = 'f', true
	}
	// Of the Org after the name: "Judge X of the Medeu District Court".
	if m.org == nil && m.role != "" {
		k := m.b
		if d.word(k, "of") {
			k++
			if d.word(k, "the") {
				k++
			}
			if o := d.orgStart[k]; o != nil {
				m.org = o.org
			}
		}
	}
	// An apposition after the name: ", a journalist", ", the lawyer", ", 34, who". A lawyer
	// in apposition ("X, a lawyer from Khujand") is a profession, not counsel.
	if m.role == "" && d.punct(m.b, ",") {
		k := m.b + 1
		for n := 0; n < 4 && k < len(d.toks); n++ {
			t := &d.toks[k]
			// "X, whom investigators describe as ...", "X, whose lawyer said": the role
			// belongs to another, the subject of the relative clause.
			if t.k != tWord || t.cap || rolePrepositions[t.low] || t.low == "whom" || t.low == "whose" {
				break
			}
			if r, ok := roleWords[t.low]; ok {
				if pluralRole(t.low) {
					break // "X, investigators say": a plural is not X
				}
				// "For A and B, the prosecutor had requested": a role followed by a verb is
				// the subject of a clause, not an apposition.
				if d.word(k+1, "had", "has", "have", "was", "is", "said", "says", "asked", "requested", "demanded", "told", "did", "argued", "sought", "wrote", "filed") {
					break
				}
				m.role = r
				if d.word(k+1, "of") {
					kk := k + 2
					if d.word(kk, "the") {
						kk++
					}
					if o := d.orgStart[kk]; o != nil {
						m.org = o.org
					}
					// "X, chairman of the opposition party": a party's or a group's head, no
					// official of the court or the state.
					if r == "chairman" {
						for x := kk; x < min(kk+4, len(d.toks)); x++ {
							if role := headOf[d.toks[x].low]; role != "" {
								m.role = role
								break
							}
						}
					}
				}
				break
			}
			k++
		}
	}
	// Russian: a preposition before the name gives an oblique case; a past-tense verb after
	// it gives the gender.
	if d.toks[m.a].cyr {
		if m.oblique == 0 && d.word(m.a-1, "у", "от", "до", "из", "без", "для", "против", "после", "к", "по", "с", "со", "над", "под", "перед", "о", "об", "при", "отношении", "защиту", "защиту") {
			m.oblique = 1
		}
		// "Беседовала Нигора Салимова", "Записал Иван Орлов": a byline's verb before the name
		// that ends its line makes it the subject, of the verb's gender.
		if k := m.a - 1; m.oblique == 0 && k >= 0 && d.toks[k].cyr && d.opensLine(k) && !objectVerb(d.toks[k].low) && (m.b >= len(d.toks) || d.toks[m.b].nl > 0) {
			switch w := d.toks[k].low; {
			case strings.HasSuffix(w, "ла") && len(w) > 6:
				m.oblique, m.gender = -1, 'f'
			case strings.HasSuffix(w, "л") && len(w) > 6:
				m.oblique, m.gender = -1, 'm'
			}
		}
		// "приговорил Фаруха Назарова", "задержали Фаруха Назарова": the object of a verb
		// done to a person is in the accusative, so "-а" there is a man's, not a woman's
		// nominative.
		// So is a name before "— к …", where the dash stands for such a verb: "приговорил A
		// к девяти годам, Фаруха Назарова — к шести".
		if m.oblique == 0 && m.a > 0 && (objectVerb(d.toks[m.a-1].low) || d.punct(m.b, "—", "–") && d.word(m.b+1, "к") && d.punct(m.a-1, ",")) {
			m.oblique, m.accusative = 1, true
		}
		if k := m.b; k < len(d.toks) && d.toks[k].k == tWord { // not after a comma: "Бекова Р.А., рассмотрела" is another's verb
			w := d.toks[k].low
			switch {
			case strings.HasSuffix(w, "ла") || strings.HasSuffix(w, "лась"):
				if m.gender == 0 && len(w) > 6 {
					m.gender = 'f'
				}
			case strings.HasSuffix(w, "лся") || strings.HasSuffix(w, "ил") || strings.HasSuffix(w, "ал") || strings.HasSuffix(w, "ел"):
				if m.gender == 0 && len(w) > 6 {
					m.gender = 'm'
				}
			case strings.HasSuffix(w, "вной") || strings.HasSuffix(w, "ана") || strings.HasSuffix(w, "ена") || strings.HasSuffix(w, "ёна"):
				if m.gender == 0 && len(w) > 8 {
					m.gender = 'f' // "признал ... виновной", "задержана"
				}
			case strings.HasSuffix(w, "вным"):
				if m.gender == 0 {
					m.gender = 'm'
				}
			}
			if m.oblique == 0 && (strings.HasSuffix(w, "л") || strings.HasSuffix(w, "ла") || strings.HasSuffix(w, "лся") || strings.HasSuffix(w, "лась")) {
				m.oblique = -1
			}
		}
		// A feminine noun of a person before the name, with the words that complete it:
		// "основательницу", "журналистку", "учительница начальных классов Малика Давлатова".
		for x := m.a - 1; m.gender == 0 && x >= max(0, m.a-4) && d.toks[x].k == tWord && d.toks[x].cyr && (x == m.a-1 || !d.toks[x].cap); x-- {
			if womansNoun(d.toks[x].low) {
				m.gender = 'f'
			}
		}
	}
	// "судей Омаровой А.Б. и Жулдызбаева Е.М.": a name joined to the one before it is in its
	// case.
	if m.oblique == 0 && (d.word(m.a-1, "и", "and") || d.punct(m.a-1, ",")) {
		if n := len(d.persons); n > 0 && d.persons[n-1].b == m.a-1 && !d.persons[n-1].pronoun {
			o := d.persons[n-1]
			m.oblique = o.oblique
			if m.role == "" {
				m.role, m.org = o.role, o.org
			}
		}
	}
	m.subject = d.subjectAt(m.b)
}

// objectVerbStems begin Russian verbs whose object is a person: a name right after their past
// tense is in the accusative.
var objectVerbStems = []string{"приговор", "осуди", "оправда", "задержа", "арестова", "обвини", "освободи", "избил", "избива",
	"допроси", "вызва", "отпусти", "этапирова", "перевел", "перевели", "лиши", "уволи", "оштрафова", "помести", "помилова",
	"отправи", "достави", "похити", "призна", "пыта"}

// objectVerb reports a past-tense verb (-л, -ла, -ли) done to a person: "приговорил",
// "задержали".
func objectVerb(w string) bool {
	if !strings.HasSuffix(w, "л") && !strings.HasSuffix(w, "ла") && !strings.HasSuffix(w, "ли") {
		return false
	}
	for _, st := range objectVerbStems {
		if strings.HasPrefix(w, st) {
			return true
		}
	}
	return false
}

// pluralRole reports an English role noun in the plural ("investigators", "lawyers").
func pluralRole(w string) bool {
	return strings.HasSuffix(w, "s") && roleWords[strings.TrimSuffix(w, "s")] != ""
}

// subjectAt guesses whether a name ending before token i is the subject of its clause: a verb
// follows ("Judge Bayturova acquitted her", "X was detained", "Сапарова признала").
func (d *doc) subjectAt(i int) bool {
	k := i
	if d.punct(k, ",") {
		// ", 34, who" or an apposition: look past it.
		for n := 0; n < 8 && k < len(d.toks) && !d.punct(k+1, "."); n++ {
			k++
			if d.punct(k, ",") {
				k++
				break
			}
		}
	}
	// "Judge X of the Shohmansur District Court sentenced her": past the court named after
	// the name.
	if d.word(k, "of", "at", "from") {
		j := k + 1
		if d.word(j, "the") && d.orgStart[j] == nil {
			j++
		}
		if o := d.orgStart[j]; o != nil {
			k = o.b
		}
	}
	if k >= len(d.toks) || d.toks[k].k != tWord {
		return false
	}
	w := d.toks[k].low
	switch w {
	case "was", "is", "has", "had", "were", "have", "will", "would", "could", "said", "says", "told", "stated", "received", "got", "also", "then", "later":
		return true
	}
	if d.toks[k].cyr {
		return strings.HasSuffix(w, "л") || strings.HasSuffix(w, "ла") || strings.HasSuffix(w, "ли") || strings.HasSuffix(w, "лся") || strings.HasSuffix(w, "лась") || strings.HasSuffix(w, "ет") || strings.HasSuffix(w, "ит")
	}
	return strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ted") || strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss")
}

var pronounGender = map[string]byte{
	"he": 'm', "him": 'm', "his": 'm', "she": 'f', "her": 'f', "hers": 'f',
	"он": 'm', "его": 'm', "ему": 'm', "него": 'm', "нему": 'm', "нём": 'm', "нем": 'm', "ним": 'm',
	"она": 'f', "её": 'f', "ее": 'f', "ей": 'f', "неё": 'f', "нее": 'f', "ней": 'f', "нею": 'f', "ею": 'f',
	// Kazakh has no gender; "оны" and "оған" are him or her (not "ол", also "that").
	"оны": 0, "оған": 0,
}

// womanWords and manWords stand for the person of that gender named before.
var womanWords = map[string]byte{"woman": 'f', "женщину": 'f', "женщина": 'f', "женщины": 'f', "женщине": 'f', "man": 'm', "мужчину": 'm', "мужчина": 'm', "мужчины": 'm', "мужчине": 'm'}

var objectPronouns = map[string]bool{"him": true, "her": true, "его": true, "её": true, "ее": true, "ему": true, "ей": true, "него": true, "неё": true, "нее": true, "оны": true, "оған": true}

// findPronouns records pronouns and role nouns ("the blogger", "для блогера") as mentions to
// resolve: they tell whom a sentence's demand, sentence or event concerns.
func (d *doc) findPronouns() {
	for i := range d.toks {
		t := &d.toks[i]
		if t.skip || t.k != tWord || t.cls&cPersonRef == 0 {
			continue
		}
		// "Суд оштрафовал меня": in a feed or letter its author speaks; not in a quotation,
		// where the speaker does.
		if firstPersonPronouns[t.low] && !t.quoted {
			d.persons = append(d.persons, &personMention{a: i, b: i + 1, pronoun: true, firstPerson: true, roleTok: -1, spouseOf: -1})
			continue
		}
		if g, ok := pronounGender[t.low]; ok {
			d.persons = append(d.persons, &personMention{a: i, b: i + 1, pronoun: true, gender: g, roleTok: -1, spouseOf: -1, subject: d.subjectAt(i + 1)})
			continue
		}
		// "Отпустили женщину только утром", "the woman was released": the woman named
		// before, as "her" would be; not "a woman", "одна женщина".
		if g, ok := womanWords[t.low]; ok && (t.cyr && !d.word(i-1, "одна", "одну", "какая-то", "какую-то", "другая", "другую", "ещё", "еще") || d.word(i-1, "the")) {
			d.persons = append(d.persons, &personMention{a: i, b: i + 1, pronoun: true, gender: g, roleTok: -1, spouseOf: -1, subject: d.subjectAt(i + 1)})
			continue
		}
		if r, ok := roleWords[t.low]; ok && !t.used {
			// A role noun not followed by a name refers to a person named before.
			if d.nameTok(i+1) || d.punct(i+1, ",") && d.nameTok(i+2) || d.isInitial(i+1) {
				continue
			}
			if strings.HasSuffix(t.low, "s") && !t.cyr && t.low != "accused" {
				continue // plural
			}
			if !t.cyr && !d.word(i-1, "the", "this", "her", "his", "their") {
				continue
			}
			if r == "relative" || r == "spouse" {
				continue
			}
			d.persons = append(d.persons, &personMention{a: i, b: i + 1, roleNP: true, role: r, roleTok: i, spouseOf: -1, gender: roleGender[t.low]})
		}
	}
}

// resolvePersons makes one proposal of each person's mentions: full names choose their
// nominative reading by the readings the document supports, and surnames alone, initials,
// pronouns and role nouns are linked to the person named before them.
func (d *doc) resolvePersons() {
	// Votes for surname readings across the document.
	votes := map[string]int{}
	for _, m := range d.persons {
		if m.pronoun || m.roleNP {
			continue
		}
		seen := map[string]bool{}
		for _, r := range d.names.readings(m.last) {
			k := d.key(r.lemma)
			if !seen[k] {
				seen[k] = true
				votes[k]++
			}
		}
	}
	d.firstForms = map[string]bool{}
	d.fixedFirst = map[string]bool{}
	withLast := map[string]string{}
	for _, m := range d.persons {
		if m.first != "" {
			low := strings.ToLower(m.first)
			d.firstForms[low] = true
			// A first name written alike beside two case forms of its surname does not
			// decline: "Айпери Сыдыкова", "Айпери Сыдыковой".
			if l, ok := withLast[low]; ok && l != m.last && m.last != "" && isCyrillic(m.first) {
				d.fixedFirst[low] = true
			}
			withLast[low] = m.last
		}
	}
	d.settleFirstNames()
	var persons []*Person
	byKey := map[string]*Person{}
	bySurname := map[string][]*Person{}
	firstAt := map[*Person]int{} // the index of the first mention of a person
	aliasOf := d.parentheticalAliases()
	// A first name written alike beside case forms of one surname ("Огулджан Курбановой",
	// "Огулджан Курбанову") is one person: the surname the readings of all its forms share,
	// where they share one (Курбанову alone may be a man's dative).
	shared := map[string]map[string]bool{} // first name, as written -> surname readings all its forms allow
	for _, m := range d.persons {
		if m.pronoun || m.roleNP || m.first == "" || !isCyrillic(m.last) {
			continue
		}
		rs := map[string]bool{}
		for _, r := range d.names.readings(m.last) {
			rs[r.lemma] = true
		}
		if prev, ok := shared[m.first]; ok {
			for l := range prev {
				if !rs[l] {
					delete(prev, l)
				}
			}
		} else {
			shared[m.first] = rs
		}
	}
	// Full names first.
	for idx, m := range d.persons {
		if m.pronoun || m.roleNP || m.first == "" {
			continue
		}
		first, last, g := d.nominative(m, votes)
		if rs := shared[m.first]; len(rs) == 1 && !rs[last] {
			for l := range rs {
				for _, r := range d.names.readings(m.last) {
					if r.lemma == l {
						last = l
						if r.gender != 0 {
							g = r.gender
						}
					}
				}
			}
		}
		// "Alena Sakovich (in Russian-language documents: Elena Sakovich)": another spelling
		// of the name before, which names the person.
		if j, ok := aliasOf[idx]; ok && d.persons[j].p != nil {
			full := first + " " + last
			if m.middle != "" {
				full = first + " " + patronymicNominative(m.middle) + " " + last
			}
			addAlias(d.persons[j].p, full)
			d.attach(m, d.persons[j].p)
			continue
		}
		key := d.key(first) + " " + d.key(last)
		// The fullest form names the person: with the patronymic when the text gives it.
		full := first + " " + last
		if m.middle != "" {
			full = first + " " + patronymicNominative(m.middle) + " " + last
		}
		p := byKey[key]
		if p == nil {
			p = &Person{Name: full, key: d.key(last), first: first, Gender: genderString(g)}
			byKey[key] = p
			bySurname[p.key] = append(bySurname[p.key], p)
			firstAt[p] = idx
			persons = append(persons, p)
		} else if m.middle != "" && strings.Count(p.Name, " ") < 2 {
			addAlias(p, p.Name)
			p.Name = full
		} else {
			addAlias(p, full)
		}
		d.attach(m, p)
	}
	// Then surnames alone and initials.
	for idx, m := range d.persons {
		if m.pronoun || m.roleNP || m.first != "" {
			continue
		}
		readings := d.names.readings(m.last)
		// "для Ермакова", "в отношении Ермакова": after a preposition the form is oblique, so
		// a reading that takes it for a nominative (a woman's Ермакова) is out.
		oblique := d.toks[m.a].cyr && len(readings) > 1 && (d.word(m.a-1, ruObliquePreps...) || d.word(m.a-1, "отношении") && d.word(m.a-2, "в") ||
			d.pluralVerb(m.b) && !d.word(m.a-1, "и") && !d.word(m.b, "и") || d.pluralVerb(m.a-1))
		var best *Person
		bestScore := -1
		for _, r := range readings {
			if oblique && !r.oblique {
				continue
			}
			k := d.key(r.lemma)
			for _, p := range bySurname[k] {
				if m.initial != "" && p.first != "" && !sameInitial(m.initial, p.first) {
					continue
				}
				score := 1
				if r.gender != 0 && genderString(r.gender) == p.Gender {
					score += 2
				} else if r.gender != 0 && p.Gender != "" && genderString(r.gender) != p.Gender {
					score -= 2
				}
				// A person named before the mention.
				if firstAt[p] < idx {
					score++
				}
				if score > bestScore {
					best, bestScore = p, score
				}
			}
		}
		if best != nil && bestScore > 0 {
			d.attach(m, best)
			addAlias(best, d.nominativeSurname(m, votes))
			continue
		}
		// "his younger brother Serdar ... Serdar Gurbanov": a first name alone, told before or
		// after the full name, is that person's when one person of the text has it.
		// Not after an honorific ("Mr Serdar" may be a surname), but after a role or kin word.
		if m.initial == "" && !(m.title && m.role == "") {
			var only *Person
			n := 0
			fk := d.key(m.last)
			for _, p := range persons {
				if p.first != "" && d.key(p.first) == fk {
					only = p
					n++
				}
			}
			// "Шерзода увели ... о Шерзоде Абдукаримове": a Russian case form of the given
			// name, when no one's name is written so.
			if n == 0 && d.toks[m.a].cyr {
				forms := map[string]bool{}
				for _, r := range firstNameReadings(m.last) {
					if r.oblique {
						forms[d.key(r.lemma)] = true
					}
				}
				for _, p := range persons {
					if p.first != "" && forms[d.key(p.first)] {
						only = p
						n++
					}
				}
			}
			if n == 1 {
				d.attach(m, only)
				continue
			}
		}
		// A surname never given in full: a person if a title or role introduces it.
		if m.title || m.role != "" || m.initial != "" {
			last := d.nominativeSurname(m, votes)
			name := last
			switch {
			case m.initialsAfter:
				name = last + " " + m.initials
			case m.initials != "":
				name = m.initials + " " + last
			}
			k := d.key(last)
			p := byKey["? "+k]
			if p == nil {
				g := m.gender
				if g == 0 {
					_, g = surnameShape(last)
				}
				if _, fg, ok := firstName(last); g == 0 && ok && fg != '?' {
					g = fg // "his wife Gulnara": a given name alone says the gender
				}
				p = &Person{Name: name, key: k, Gender: genderString(g)}
				byKey["? "+k] = p
				persons = append(persons, p)
			}
			d.attach(m, p)
		}
	}
	persons = d.womenInFamilyForm(persons)
	// Spouses.
	for _, m := range d.persons {
		if m.p != nil && m.spouseOf >= 0 && d.persons[m.spouseOf].p != nil {
			m.p.Spouse = d.persons[m.spouseOf].p.Name
		}
	}
	// Pronouns and role nouns, in text order, to the person they most likely mean.
	author := d.author()
	for idx, m := range d.persons {
		if !m.pronoun && !m.roleNP {
			continue
		}
		if m.firstPerson {
			m.p = author
			continue
		}
		m.p = d.antecedent(idx)
	}
	d.res.Persons = persons
}

// womenInFamilyForm merges a woman named with the family's form of the surname ("Pyotr and
// Olga Zaitsev") into the same woman named with her own ("Olga Zaitseva") elsewhere in the
// text: a Latin surname that a feminine -a extends, and a first name of a woman.
func (d *doc) womenInFamilyForm(persons []*Person) []*Person {
	byName := map[string]*Person{}
	for _, p := range persons {
		byName[strings.ToLower(p.Name)] = p
	}
	var keep []*Person
	for _, p := range persons {
		first, last, ok := strings.Cut(p.Name, " ")
		if !ok || isCyrillic(p.Name) || strings.Contains(last, " ") {
			keep = append(keep, p)
			continue
		}
		her := byName[strings.ToLower(p.Name+"a")]
		if _, g, known := firstName(first); her == nil || !known || g != 'f' {
			keep = append(keep, p)
			continue
		}
		her.Mentions = append(her.Mentions, p.Mentions...)
		for _, m := range d.persons {
			if m.p == p {
				m.p = her
			}
		}
	}
	return keep
}

// firstPersonPronouns are the Russian and Kazakh pronouns of the one who writes. (Kazakh
// "мен", also "and", is left out.)
var firstPersonPronouns = wordSet(`я меня мне мной мною маған мені менен`)

// author returns the person who writes a feed or a letter, as its head names them: "Канал
// ведёт жена политзаключённого, Ольга Левкович", "Арнаны ... Динара Сапарова жүргізеді", or a
// first line that is a name with a role ("Адвокат Камола Юлдашева"). Nil when none is.
func (d *doc) author() *Person {
	line, k := 0, 1 // the line of token k; mentions are in text order
	for _, m := range d.persons {
		if m.p == nil || m.pronoun || m.roleNP {
			continue
		}
		for ; k <= m.a; k++ {
			if d.toks[k].nl > 0 {
				line++
			}
		}
		if line > 2 {
			return nil
		}
		a, b := d.lineStart(m.a), m.b
		for b < len(d.toks) && d.toks[b].nl == 0 {
			b++
		}
		if d.anyWord(a, b, "ведёт", "ведет", "жүргізеді", "ведут") {
			return m.p
		}
		// A first line of a role and a name and nothing else.
		if line == 0 && (m.a == 0 || m.a == 1 && roleWords[d.toks[0].low] != "") && (m.b >= len(d.toks) || d.toks[m.b].nl > 0) {
			return m.p
		}
	}
	return nil
}

// pluralVerb reports a Russian verb in the plural past at token i ("задержали", "обыскали"):
// a surname beside it without "и" is its object, not its subject.
func (d *doc) pluralVerb(i int) bool {
	if i < 0 || i >= len(d.toks) || d.toks[i].k != tWord || !d.toks[i].cyr || d.toks[i].cap {
		return false
	}
	w := d.toks[i].low
	for _, e := range []string{"али", "яли", "или", "ели", "ыли"} {
		if strings.HasSuffix(w, e) && len([]rune(w)) > 4 && w != "были" {
			return true
		}
	}
	return false
}

// ruObliquePreps are prepositions after which no noun stands in the nominative.
var ruObliquePreps = strings.Fields(`для у от против без из до после около к о об с со над под при по в во на за через между перед
	ради вокруг возле кроме среди мимо`)

// attach links a mention to a person and records what it says of them.
func (d *doc) attach(m *personMention, p *Person) {
	m.p = p
	p.Mentions = append(p.Mentions, d.span(m.a, m.b))
	if m.role != "" {
		addRole(p, m.role)
		if m.org != nil && p.Org == "" {
			p.Org, p.Post = m.org.Name, postOf[m.role]
		}
	}
	if p.Gender == "" && m.gender != 0 {
		p.Gender = genderString(m.gender)
	}
	if m.spouseOf >= 0 {
		addRole(p, "spouse")
	}
	if m.counsel {
		p.counsel = true
	}
}

// antecedent returns the person a pronoun or role noun at mention idx refers to: the last
// person before it of a compatible gender and role. An object pronoun skips the subject of its
// own sentence ("Judge Bayturova acquitted her").
func (d *doc) antecedent(idx int) *Person {
	return d.antecedentWhere(idx, nil)
}

// antecedentNotOfficial returns the person a pronoun mention stands for, leaving out judges,
// prosecutors and investigators: "... the term requested by the prosecutor. He was released
// in the courtroom" is the defendant's release.
func (d *doc) antecedentNotOfficial(m *personMention) *Person {
	for idx, o := range d.persons {
		if o == m {
			return d.antecedentWhere(idx, func(p *Person) bool {
				return hasRole(p, "judge", "prosecutor", "chairman", "investigator") && !hasRole(p, "defendant")
			})
		}
	}
	return nil
}

// antecedentWhere is antecedent, leaving out the persons skip reports.
func (d *doc) antecedentWhere(idx int, skip func(*Person) bool) *Person {
	m := d.persons[idx]
	sent := d.toks[m.a].sent
	obj := m.pronoun && objectPronouns[d.toks[m.a].low]
	for k := idx - 1; k >= 0; k-- {
		o := d.persons[k]
		p := o.p
		if p == nil || o.pronoun && o.p == nil {
			continue
		}
		if d.toks[m.a].sent-d.toks[o.a].sent > 6 {
			break
		}
		if skip != nil && skip(p) {
			continue
		}
		if m.gender != 0 && p.Gender != "" && genderString(m.gender) != p.Gender {
			continue
		}
		if m.roleNP && (m.role == "defendant" || m.role == "activist" || m.role == "journalist" || m.role == "blogger") && hasRole(p, "judge", "prosecutor", "chairman", "investigator") {
			continue
		}
		if m.roleNP && m.role == "defendant" && p.counsel {
			continue // "his lawyer said that his client..."
		}
		if m.roleNP {
			ok := false
			for _, r := range p.Roles {
				if r == m.role || m.role == "journalist" && r == "blogger" || m.role == "blogger" && r == "journalist" || m.role == "defendant" {
					ok = true
				}
			}
			if !ok {
				continue
			}
		}
		if obj && d.toks[o.a].sent == sent && o.subject && !d.reported(o.b, m.a) {
			continue
		}
		// "X's brother, Y, who was detained with him, ...: he died": a subject pronoun is
		// not an object pronoun of its sentence, nor the one whose kin it names.
		if m.pronoun && !obj && d.toks[o.a].sent == sent && (o.pronoun && objectPronouns[d.toks[o.a].low] || d.toks[o.b-1].poss && d.anyWord(o.b, o.b+3, kinWordList...)) {
			continue
		}
		// "for the judgment in the Avagyan case. Later the Council terminated his powers": a
		// name used as a noun's modifier is not what a pronoun stands for.
		if m.pronoun && d.word(o.a-1, "the") && d.word(o.b, "case", "cases", "trial", "affair", "verdict", "judgment", "file", "proceedings") {
			continue
		}
		// "Z, who represented A and B, had his licence suspended": his is Z's, not that of
		// a name in the relative clause closed before it.
		if m.pronoun && d.toks[o.a].sent == sent && d.inClosedRelative(o, m.a, d.sents[sent]) {
			continue
		}
		if m.pronoun && o.counsel && d.toks[o.a].sent == sent {
			continue // "according to her lawyer, X, police dragged her"
		}
		// "Эльчин пришёл, чтобы передать Рашаду лекарства, и сам был задержан. На следующий
		// день суд признал его виновным": a name in an oblique case in a sentence before is
		// not what a pronoun stands for when the subject of that sentence can be.
		if m.pronoun && d.toks[o.a].sent != sent && d.toks[o.a].cyr && (o.oblique > 0 || o.oblique == 0 && !strings.Contains(p.Name, d.quote(o.a, o.b))) && !o.subject && d.subjectBefore(k, m.gender) {
			continue
		}
		return p
	}
	return nil
}

// subjectBefore reports a mention before mention k in its sentence that is its subject, of
// gender g where g is known.
func (d *doc) subjectBefore(k int, g byte) bool {
	sent := d.toks[d.persons[k].a].sent
	for j := k - 1; j >= 0 && d.toks[d.persons[j].a].sent == sent; j-- {
		o := d.persons[j]
		if o.p != nil && !o.pronoun && (o.subject || o.oblique < 0) && (g == 0 || o.p.Gender == "" || genderString(g) == o.p.Gender) {
			return true
		}
	}
	return false
}

// reported reports "that" or a verb of saying between tokens a and b: in "the defendant told
// the court that officers had beaten him" the subject is whom "him" means.
func (d *doc) reported(a, b int) bool {
	for k := a; k < b; k++ {
		if d.word(k, "that", "что", "said", "told", "stated", "says", "claimed", "заявил", "заявила", "рассказал", "рассказала", "сообщил", "сообщила") {
			return true
		}
	}
	return false
}

func genderString(g byte) string {
	switch g {
	case 'm':
		return "m"
	case 'f':
		return "f"
	}
	return ""
}

// settleFirstNames reads a first-name form that may be of two names ("Валентину": Валентин's
// dative or Валентина's accusative) by the other forms the document gives the same person,
// with the same surname ("Валентины Гречко": only Валентина's): the one known name all the
// forms may be of.
func (d *doc) settleFirstNames() {
	d.firstOf = map[string]string{}
	forms := map[string][]string{} // surname as written -> first-name forms beside it
	for _, m := range d.persons {
		if m.first != "" && m.last != "" && isCyrillic(m.first) && !slices.Contains(forms[m.last], m.first) {
			forms[m.last] = append(forms[m.last], m.first)
		}
	}
	known := func(w string) map[string]bool {
		out := map[string]bool{}
		for _, r := range firstNameReadings(w) {
			if _, ok := firstNames[d.key(r.lemma)]; ok {
				out[r.lemma] = true
			}
		}
		return out
	}
	for last, fs := range forms {
		if len(fs) < 2 {
			continue
		}
		for _, f := range fs {
			if _, g, ok := firstName(f); !ok || g != 0 {
				continue // not a known name, or one of a single gender
			}
			common := known(f)
			for _, o := range fs {
				if o == f {
					continue
				}
				ko := known(o)
				for l := range common {
					if !ko[l] {
						delete(common, l)
					}
				}
			}
			if len(common) == 1 {
				for l := range common {
					d.firstOf[strings.ToLower(f)+"|"+last] = l
				}
			}
		}
	}
}

// consonantEnd reports a Cyrillic word that ends in a consonant.
func consonantEnd(w string) bool {
	r, _ := utf8.DecodeLastRuneInString(w)
	return isCyrConsonant(r)
}

// sameInitial reports whether an initial is the first letter of a first name, in either
// script: "Y." and "Е." are Yerbol's.
func sameInitial(initial, first string) bool {
	a := strings.ToLower(translit.ToLatin(initial))
	b := strings.ToLower(translit.ToLatin(first))
	return a != "" && b != "" && a[0] == b[0]
}

// nominative returns the nominative first name and surname of a full mention and its gender,
// choosing among the readings of each form.
func (d *doc) nominative(m *personMention, votes map[string]int) (string, string, byte) {
	fn, fg, known := firstName(m.first)
	type cand struct {
		r     reading
		score float64
	}
	var best cand
	best.score = -1e9
	// An unknown first name tells its case and gender by the names of the dictionary that
	// end as it does ("Таланта" is a man's genitive), unless the document shows it does not
	// decline.
	var firstLemmas []translit.Lemma
	if !known && !d.fixedFirst[strings.ToLower(m.first)] {
		firstLemmas = translit.NameLemmas(m.first)
	}
	// (A soft sign ends such a name too: "Бактыгуль Осмонову".)
	undeclined := len(firstLemmas) > 0 && d.toks[m.a].cyr && (consonantEnd(m.first) || strings.HasSuffix(m.first, "ь"))
	for _, l := range firstLemmas {
		undeclined = undeclined && l.Nominative
	}
	for i, r := range d.names.readings(m.last) {
		s := float64(votes[d.key(r.lemma)])
		agree := 0.0
		for _, l := range firstLemmas {
			if l.Nominative != r.oblique && (r.gender == 0 || l.Gender == r.gender) {
				agree = max(agree, 2*l.Weight)
			}
		}
		s += agree
		// "Нурзат Абдыкалыкову": a given name ending in a consonant, written as it is before
		// a surname in an oblique case, is a woman's, which does not decline; a man's would
		// ("Нурзату Абдыкалыкову").
		if undeclined && r.oblique {
			switch r.gender {
			case 'f':
				s += 2
			case 'm':
				s -= 2
			}
		}
		if known && fg != 0 && r.gender != 0 {
			if r.gender == fg {
				s += 3
			} else {
				s -= 3
			}
		}
		if m.gender != 0 && r.gender != 0 {
			if r.gender == m.gender {
				s += 2
			} else {
				s -= 2
			}
		}
		switch {
		case m.oblique > 0 && r.oblique, m.oblique < 0 && !r.oblique:
			s += 1
		case m.oblique != 0:
			s -= 1
		}
		// A man's surname in "-у" is a dative: in the accusative it is a woman's.
		if m.accusative && r.oblique && r.gender == 'm' && (strings.HasSuffix(m.last, "у") || strings.HasSuffix(m.last, "ю")) {
			s -= 2
		}
		if i == 0 {
			s += 0.5
		}
		if s > best.score {
			best = cand{r, s}
		}
	}
	g := best.r.gender
	if known && fg != 0 {
		g = fg
	}
	first := m.first
	if known {
		first = fn
		_, asWritten := firstNames[d.key(m.first)]
		// "Елене Кравцовой": a form that is a name of its own (Georgian Елене) beside a
		// surname in an oblique case is in that case too, when it is one of a known name of
		// the surname's gender (Елена).
		obliqueForm := ""
		if asWritten && best.r.oblique && best.r.gender != 0 && d.toks[m.a].cyr && !consonantEnd(m.first) {
			for _, r := range firstNameReadings(m.first) {
				if _, ok := firstNames[d.key(r.lemma)]; ok && r.oblique && r.gender == best.r.gender {
					obliqueForm = r.lemma
					break
				}
			}
		}
		switch {
		case obliqueForm != "":
			first, g = obliqueForm, best.r.gender
		case fg == 0 && d.firstOf[strings.ToLower(m.first)+"|"+m.last] != "":
			// "Валентину Гречко ... Валентины Гречко": the name both forms are of.
			first = d.firstOf[strings.ToLower(m.first)+"|"+m.last]
			_, g, _ = firstName(first)
		case fg == 0 && !asWritten && m.gender != 0 && best.r.gender == 0:
			// "признал Валентину Остапенко виновной": the words around say whose.
			first, _, _ = firstNameAs(m.first, m.gender)
			g = m.gender
		case fg != 0 && !asWritten:
			// "Гульнаре Асановой": a woman's name in an oblique case, whose readings
			// Гульнар and Гульнара are both women's names: the one whose ending is hers.
			first, _, _ = firstNameAs(m.first, fg)
		case fg == 0 && !asWritten && d.toks[m.a].cyr && consonantEnd(m.last) && !best.r.oblique:
			// "Алесю Мартинович": a given name in an oblique case beside a surname ending in
			// a consonant that is not declined, as only a woman's is (a man's would be
			// "Мартиновичу").
			first, _, _ = firstNameAs(m.first, 'f')
			g = 'f'
		case fg == 0 && best.r.gender != 0:
			first, _, _ = firstNameAs(m.first, best.r.gender)
			g = best.r.gender
		}
	} else {
		// An unknown first name takes the case of the surname, or of the words around it when
		// the surname does not decline ("экономисту Губаду Ибадоглу").
		oblique := best.r.oblique || len(d.names.readings(m.last)) == 1 && m.oblique > 0
		// "Самиры Алекперовой": no given name ends in -ы in the nominative.
		if strings.HasSuffix(strings.ToLower(m.first), "ы") && len(firstLemmas) > 0 {
			oblique = true
		} else if rs := d.names.readings(m.last); len(rs) == 1 && (rs[0].gender == 0 || rs[0].oblique) && len(firstLemmas) > 0 && m.oblique >= 0 {
			// A surname that does not decline, or has one oblique reading, leaves the case to
			// the first name's readings: "Лианы Саргсян" when no name of the dictionary ends
			// in -ианы in the nominative; not "Бахром Назаров", whose surname is nominative,
			// nor the subject of the verb after it ("Нарине Оганян заявила").
			oblique = true
			for _, l := range firstLemmas {
				oblique = oblique && !l.Nominative
			}
		}
		if g == 0 {
			g = m.gender
		}
		// A reading that the document writes elsewhere wins: "Тамта Беридзе ... Тамту Беридзе".
		seen := d.fixedFirst[strings.ToLower(m.first)]
		for _, r := range firstNameReadings(m.first) {
			// "Кузьмы Вотякова ... Кузьма Вотяков": a man's name in -а declines as a woman's
			// (in -ы only: "Досжану" is Досжан's, though the text writes "Досжана").
			manInA := g == 'm' && strings.HasSuffix(strings.ToLower(m.first), "ы") && strings.HasSuffix(strings.ToLower(r.lemma), "а")
			// "Марк Ляховец ... Марка Ляховца": a name ending in a consonant is a man's
			// nominative, whose genitive the other form is, not a form of that one.
			mansGenitive := consonantEnd(m.first) && strings.EqualFold(r.lemma, m.first+"а")
			if r.oblique && d.firstForms[strings.ToLower(r.lemma)] && (r.gender == 0 || g == 0 || r.gender == g || manInA) && !mansGenitive {
				first, seen = r.lemma, true
				break
			}
		}
		// "Мане Овсепян", "Нарине Оганян": a name in -е beside a surname that does not
		// decline here, as only a woman's in -ян does, is hers as written (Armenian and
		// Georgian women's names in -е do not decline), unless the text writes it otherwise.
		if rs := d.names.readings(m.last); !seen && len(rs) == 1 && rs[0].gender == 0 && consonantEnd(m.last) && strings.HasSuffix(m.first, "е") {
			seen = true
			g = 'f'
		}
		for _, r := range firstNameReadings(m.first) {
			if seen {
				break
			}
			if r.oblique == oblique && (r.gender == 0 || g == 0 || r.gender == g) {
				first = r.lemma
				break
			}
		}
	}
	if g == 0 {
		g = m.gender
	}
	return first, best.r.lemma, g
}

// nominativeSurname returns the reading of a lone surname that the document supports best.
func (d *doc) nominativeSurname(m *personMention, votes map[string]int) string {
	best, bs := m.last, -1e9
	for i, r := range d.names.readings(m.last) {
		s := float64(votes[d.key(r.lemma)])
		if m.gender != 0 && r.gender != 0 && r.gender != m.gender {
			s -= 2
		}
		if m.oblique > 0 && r.oblique || m.oblique < 0 && !r.oblique {
			s++
		}
		if i == 0 {
			s += 0.5
		}
		if s > bs {
			best, bs = r.lemma, s
		}
	}
	return best
}

// writtenLower reports a word the document also writes in lower case: a common word, not a
// given name, when it opens a sentence.
func (d *doc) writtenLower(low string) bool {
	if d.lowerWords == nil {
		d.lowerWords = map[string]bool{}
		for i := range d.toks {
			if t := &d.toks[i]; t.k == tWord && !t.cap && t.cyr {
				d.lowerWords[t.low] = true
			}
		}
	}
	return d.lowerWords[low]
}

// ruOpener reports a Russian word with the ending of an adverb, an adjective or a verb,
// which opens sentences but is no given name: "Впервые", "Вчера", "Позднее", "Сегодня".
func ruOpener(w string) bool {
	if strings.HasSuffix(w, "улло") {
		return false // "Абдулло", "Нурулло": Tajik given names of "-ullah", no verb's past
	}
	for _, e := range []string{"ые", "ие", "ой", "ом", "ее", "но", "ло", "ли", "ла", "ть", "же"} {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return nonNames[w] || ruFunctionWords[w]
}

// ruFunctionWords are pronouns, particles and adverbs (and the defence, a party to a case)
// that open Russian sentences and have no ending ruOpener knows: "Сейчас Саидова
// находится...", "Сама Хабибуллина...", "Защита Алекперова обжаловала...".
var ruFunctionWords = wordSet(`сейчас сама сам сами само теперь тогда также затем потом здесь там именно лишь только даже уже
	ещё еще всё все его её ее их этот эта это эти сразу вскоре недавно позже
	защита защиты защите защиту защитой
	егер бірақ алайда қазір сондықтан кейін`) // Kazakh: "if", "but", "however", "now", "so", "after"

// opensSentence reports a word that opens its sentence, or a quotation at its start:
// "«Приговор Саидовой — это послание...»". Not a list item's: "— Бахром Исаев" is a name.
func (d *doc) opensSentence(i int) bool {
	a := d.sents[d.toks[i].sent].a
	for k := a; k < i; k++ {
		if d.toks[k].k != tPunct || !isOpeningQuote(d.toks[k].t) {
			return false
		}
	}
	return true
}

// aliasWords are the words a text puts around another spelling of a name in parentheses:
// "(in Russian-language documents: Elena Sakovich)", "(spelled Dovletgeldy Kurbanov in some
// Russian-language reports)", "(по-белорусски — Вольга Кавалёва)", or another name of the
// person: "(по паспорту — Орхан Исламович Сеидов)", "(real name ...)".
var aliasWords = wordSet(`in some russian-language belarusian-language ukrainian-language english-language russian belarusian
	ukrainian kazakh documents reports sources media spelled spelt also known as aka transliterated transliteration spelling romanisation romanization written or
	по-русски по-белорусски по-украински по-казахски по-английски в русскоязычных документах источниках также
	известен известна известны как написании или
	azerbaijani uzbek tajik kyrgyz turkmen armenian georgian latin original native script
	азербайджанском казахском кыргызском киргизском узбекском таджикском туркменском армянском грузинском
	белорусском украинском английском русском латинском оригинальном латинице
	по паспорту настоящее имя урождённая урожденная real name passport née nee born`)

// parentheticalAliases maps the index of a full name written in parentheses right after
// another full name, alone or with words that say it is another spelling, to the index of
// that name: both are one person. A bare name in parentheses counts only where the two
// surnames begin alike ("Ihar Lazouski (Igor Lazovsky)"): "A (B's lawyer)" or a name among
// other words is someone else.
func (d *doc) parentheticalAliases() map[int]int {
	out := map[int]int{}
	for idx := 1; idx < len(d.persons); idx++ {
		m, prev := d.persons[idx], d.persons[idx-1]
		if m.pronoun || m.roleNP || m.first == "" || prev.pronoun || prev.roleNP || prev.first == "" || !d.punct(prev.b, "(") || d.toks[m.b-1].poss {
			continue
		}
		words, ok := 0, true
		for k := prev.b + 1; k < m.a && ok; k++ {
			ok = d.toks[k].k == tPunct && !d.punct(k, "(", ")") || d.toks[k].k == tWord && aliasWords[d.toks[k].low]
			words++
		}
		close := m.b
		for ; close < len(d.toks) && close < m.b+8 && !d.punct(close, ")") && ok; close++ {
			ok = d.toks[close].k == tWord && aliasWords[d.toks[close].low]
			words++
		}
		if !ok || !d.punct(close, ")") {
			continue
		}
		if words == 0 {
			a, b := []rune(strings.ToLower(prev.last)), []rune(strings.ToLower(m.last))
			if len(a) < 2 || len(b) < 2 || a[0] != b[0] || a[1] != b[1] {
				continue
			}
		}
		out[idx] = idx - 1
	}
	return out
}
