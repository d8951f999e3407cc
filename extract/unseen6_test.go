package extract

import (
	"slices"
	"strings"
	"testing"
)

// Shapes found in batch H after it was scored, each tested on sentences invented for it.

// A list that says brackets hold the prosecution's demands gives each person's demand in the
// unit of their sentence; brackets where the text has said no such thing are no demand.
func TestExtract_DemandsInBrackets(t *testing.T) {
	text := "Minsk, 3 March 2026\n\nOn 2 March the Minsk City Court passed these sentences (what the prosecutor asked for is in brackets):\n  Pavel Sidorenko: 6 years (8);\n  Olga Krivets: 4 years and 6 months (5);\n  Yuri Ganich: 18 months (24)."
	r := Extract(text)
	want := []string{"Olga Krivets imprisonment P5Y", "Pavel Sidorenko imprisonment P8Y", "Yuri Ganich imprisonment P24M"}
	if got := penaltiesOf(r.Demands); !slices.Equal(got, want) {
		t.Errorf("demands = %q, want %q", got, want)
	}
	r = Extract("Minsk, 3 March 2026\n\nOn 2 March the Minsk City Court passed these sentences (ages in brackets):\n  Pavel Sidorenko: 6 years (34);\n  Olga Krivets: 4 years (29).")
	if len(r.Demands) != 0 {
		t.Errorf("demands = %q, want none: the brackets hold ages", penaltiesOf(r.Demands))
	}
}

// "left all four sentences unchanged": the appeal court upheld each sentence named before.
func TestExtract_LeftSentencesUnchanged(t *testing.T) {
	text := "Tbilisi, 3 March 2026\n\nOn 10 January the Tbilisi City Court sentenced Levan Kapanadze to four years and Nino Gelashvili to three years.\n\nOn 2 March the Tbilisi Court of Appeals left both sentences unchanged."
	want := []string{"Levan Kapanadze convicted", "Levan Kapanadze upheld", "Nino Gelashvili convicted", "Nino Gelashvili upheld"}
	if got := outcomesOf(Extract(text)); !slices.Equal(got, want) {
		t.Errorf("outcomes = %q, want %q", got, want)
	}
	text = "Tbilisi, 3 March 2026\n\nOn 10 January the Tbilisi City Court sentenced Levan Kapanadze to four years.\n\nHe left the courtroom unchanged in spirit, and his sentence began."
	if got := outcomesOf(Extract(text)); slices.Contains(got, "Levan Kapanadze upheld") {
		t.Errorf("outcomes = %q: leaving a room upholds nothing", got)
	}
}

// "Overturned the acquittals of A and B" tells that both were acquitted; "confirmed the
// acquittals" of persons named in the sentence upholds them; a spokesman weighing "whether to
// appeal the acquittals" proposes nothing.
func TestExtract_AcquittalsConfirmedOrOverturned(t *testing.T) {
	text := "Osh, 3 March 2026\n\nThe Osh Regional Court on Monday overturned the acquittals of Bakyt Sultanov and Gulzat Alieva and found them guilty. For the other defendants, among them Nurlan Osmonov, the court confirmed the acquittals.\n\nRuslan Tashiev, a spokesman for the Osh Prosecutor's Office, told Kyrgyz Daily the verdict \"was fair\" and that the office would read the ruling before deciding whether to appeal the other acquittals to the Supreme Court."
	got := outcomesOf(Extract(text))
	for _, w := range []string{"Bakyt Sultanov acquitted", "Gulzat Alieva acquitted", "Bakyt Sultanov overturned", "Nurlan Osmonov acquitted", "Nurlan Osmonov upheld"} {
		if !slices.Contains(got, w) {
			t.Errorf("outcomes = %q, want %q among them", got, w)
		}
	}
	for _, o := range got {
		if o == "Ruslan Tashiev acquitted" {
			t.Errorf("outcomes = %q: weighing whether to appeal acquits no one", got)
		}
	}
}

// "(запрос — 6 лет)": a request's noun before a dash in brackets makes the term a demand;
// "пробационный надзор" is a restriction of freedom; "отклонил все жалобы" upholds.
func TestExtract_RequestAsideProbationAndAllAppeals(t *testing.T) {
	text := "Ош, 5 мая 2025 г.\n\n3 февраля суд вынес приговор:\n— Канату Осмонову — 4 года условно (запрос — 5 лет реального срока);\n— Айгуль Бекташевой — 2 года пробационного надзора (запрос — 3 года лишения свободы).\n\n4 мая областной суд отклонил все жалобы осуждённых Осмонова и Бекташевой."
	r := Extract(text)
	if got, want := penaltiesOf(r.Demands), []string{"Айгуль Бекташева imprisonment P3Y", "Канат Осмонов imprisonment P5Y"}; !slices.Equal(got, want) {
		t.Errorf("demands = %q, want %q", got, want)
	}
	if got, want := penaltiesOf(r.Sentences), []string{"Айгуль Бекташева restriction of freedom P2Y", "Канат Осмонов suspended P4Y"}; !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
	got := outcomesOf(r)
	for _, w := range []string{"Айгуль Бекташева upheld", "Канат Осмонов upheld"} {
		if !slices.Contains(got, w) {
			t.Errorf("outcomes = %q, want %q among them", got, w)
		}
	}
}

// "five, seven and four and a half years respectively": a half year keeps the list in years;
// "cleared of a charge" is an acquittal of it.
func TestExtract_RespectivelyWithHalfYearAndCleared(t *testing.T) {
	text := "Kutaisi, 3 May 2025\n\nThe court found Giorgi Abashidze, Tamar Kvirikashvili and Dato Lortkipanidze guilty. Abashidze received three years, Kvirikashvili four years, Lortkipanidze two years. The prosecution had sought four, six and two and a half years respectively.\n\nA fourth man, Zurab Gogua, was cleared of the main charge."
	r := Extract(text)
	want := []string{"Dato Lortkipanidze imprisonment P2Y6M", "Giorgi Abashidze imprisonment P4Y", "Tamar Kvirikashvili imprisonment P6Y"}
	if got := penaltiesOf(r.Demands); !slices.Equal(got, want) {
		t.Errorf("demands = %q, want %q", got, want)
	}
	if got := outcomesOf(r); !slices.Contains(got, "Zurab Gogua acquitted") {
		t.Errorf("outcomes = %q, want Zurab Gogua acquitted among them", got)
	}
}

// A Tajik given name in "-улло" opens a name, not a verb's past; "-зода" is a surname's
// ending in Cyrillic as in Latin script; "срок сокращён на год" says by how much, not a term.
func TestExtract_TajikNamesAndReducedBy(t *testing.T) {
	text := "Душанбе, 19.06.2025\n\nНурулло Шарифзода получил шесть лет. Приговор оставлен в силе, но Шарифзода срок сокращён на полтора года."
	r := Extract(text)
	names := personNames(r)
	if !slices.Equal(names, []string{"Нурулло Шарифзода"}) {
		t.Errorf("persons = %q, want [Нурулло Шарифзода]", names)
	}
	if got, want := penaltiesOf(r.Sentences), []string{"Нурулло Шарифзода imprisonment P6Y"}; !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
	r = Extract("Bishkek, 19 June 2025\n\nAzamat Toktogulov was sentenced to six years. The appeal court upheld the verdict but his sentence was reduced by 18 months.")
	if got, want := penaltiesOf(r.Sentences), []string{"Azamat Toktogulov imprisonment P6Y"}; !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
}

// Kazakh sentencing: a verdict of guilt ("кінәлі деп таныды"), restriction of freedom and
// imprisonment ("бас бостандығын шектеу", "бас бостандығынан айыру") with terms in "жыл"
// and "ай", a ban ("тыйым салды"), administrative arrest in "тәулік", and the prosecutor's
// demand whose verb comes last ("... сұраған еді").
func TestExtract_KazakhSentencing(t *testing.T) {
	text := "Қарағанды, 2025 жылғы 10 сәуір\n\nКеше қалалық сот журналист Ерлан Оспановты Қылмыстық кодекстің 274-бабы бойынша кінәлі деп таныды. Судья оған екі жыл алты ай бас бостандығын шектеу жазасын тағайындап, төрт жыл бойы журналистикамен айналысуға тыйым салды. Прокурор 3 жыл бас бостандығынан айыруды сұраған еді.\n\nБұрын, 2023 жылы, ол 15 тәулікке әкімшілік қамаққа алынған."
	r := Extract(text)
	if got, want := outcomesOf(r), []string{"Ерлан Оспанов convicted"}; !slices.Equal(got, want) {
		t.Errorf("outcomes = %q, want %q", got, want)
	}
	if got, want := penaltiesOf(r.Sentences), []string{"Ерлан Оспанов ban P4Y", "Ерлан Оспанов imprisonment P15D", "Ерлан Оспанов restriction of freedom P2Y6M"}; !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
	if got, want := penaltiesOf(r.Demands), []string{"Ерлан Оспанов imprisonment P3Y"}; !slices.Equal(got, want) {
		t.Errorf("demands = %q, want %q", got, want)
	}
	r = Extract("Қарағанды, 2025 жылғы 10 сәуір\n\nКеше сот белсенді Ерлан Оспановты кінәлі деп тапты; үкім келесі аптада жарияланады.")
	if got, want := outcomesOf(r), []string{"Ерлан Оспанов convicted"}; !slices.Equal(got, want) {
		t.Errorf("outcomes = %q, want %q", got, want)
	}
}

// A ban of the same term told twice, once with its scope (a bilingual release's two halves),
// is one ban with that scope.
func TestExtract_SameBanToldTwice(t *testing.T) {
	text := "Алматы, 2025 жылғы 10 сәуір\n\nСуд запретил Ерлану Оспанову заниматься журналистской деятельностью в течение трёх лет.\n\nСот Ерлан Оспановқа үш жыл бойы тыйым салды."
	r := Extract(text)
	var bans []string
	for _, p := range r.Sentences {
		if p.Kind == "ban" {
			bans = append(bans, p.Term+" "+p.Scope)
		}
	}
	if len(bans) != 1 || !strings.HasPrefix(bans[0], "P3Y ") || len(bans[0]) <= len("P3Y ") {
		t.Errorf("bans = %q, want one of P3Y with its scope", bans)
	}
}

// "этого года" is the text's year, not the year told last; a month or year told after the
// last day ("в марте этого года", "до лета 2025 года") moves the story, so a day without a
// year that follows is not read weeks after that old day.
func TestExtract_ThisYearMovesTheStory(t *testing.T) {
	text := "Вена, 1 декабря 2025 г.\n\nАктивиста задержали 2 марта 2019 года, 20 мая того же года суд приговорил его к шести годам. Его брат вышел на свободу в апреле этого года.\n\nДо осени 2025 года активист находился в колонии. 12 июля его перевели в тюрьму."
	got := datesOf(text)
	want := []string{"2025-12-01", "2019-03-02", "2019-05-20", "2025-04", "2025", "2025-07-12"}
	if !slices.Equal(got, want) {
		t.Errorf("dates = %q, want %q", got, want)
	}
}

// A letter's copy line ends the name above it and names no one; "Защита X" is X's defence,
// not a person called Защита; a known footnote's number glued to a name is its marker.
func TestExtract_CopyLineDefenceAndGluedMarker(t *testing.T) {
	r := Extract("To: the Union of Advocates of Tajikistan\nCc: the Ministry of Justice of Tajikistan\n\n1 May 2025\n\nDear colleagues,")
	if got, want := orgNames(r), []string{"Ministry of Justice of Tajikistan", "Union of Advocates of Tajikistan"}; !slices.Equal(got, want) {
		t.Errorf("organisations = %q, want %q", got, want)
	}
	if r := Extract("To: the Chairperson of the Union of Advocates of Tajikistan\nCc: the Minister of Justice; the Ombudsman of Tajikistan\n\n1 May 2025\n\nDear colleagues,"); len(r.Persons) != 0 {
		t.Errorf("persons = %v, want none", r.Persons[0].Name)
	}
	r = Extract("Баку, 1 мая 2025\n\nАдвоката Рауфа Керимова лишили лицензии. Защита Керимова обжаловала решение, сообщила журналистка Лейла Мамедова2.\n\n2. https://example.org/note")
	names := personNames(r)
	if want := []string{"Лейла Мамедова", "Рауф Керимов"}; !slices.Equal(names, want) {
		t.Errorf("persons = %q, want %q", names, want)
	}
}

// "home chemistry", Belarus's name of a restriction of freedom, in English too; "направил
// дело на новое апелляционное рассмотрение" returns the case, the decision quashed with it.
func TestExtract_HomeChemistryAndNewAppealHearing(t *testing.T) {
	r := Extract("Minsk, 3 May 2025\n\nThe retired teacher Ales Hrynko, 70, received three years of \"home chemistry\" for a comment online.")
	if got, want := penaltiesOf(r.Sentences), []string{"Ales Hrynko restriction of freedom P3Y"}; !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
	r = Extract("Баку, 13 июня 2025\n\nВерховный суд 12 июня отменил решение апелляционного суда по делу активиста Эльчина Гасанова и направил дело на новое апелляционное рассмотрение.")
	if got, want := outcomesOf(r), []string{"Эльчин Гасанов returned"}; !slices.Equal(got, want) {
		t.Errorf("outcomes = %q, want %q", got, want)
	}
}

// "will be made public after 60 days" is a time to come, no day; "released after two days"
// is a day after the one before.
func TestExtract_AfterDaysToCome(t *testing.T) {
	got := datesOf("Geneva, 3 March 2025\n\nThe blogger was detained on 10 February and released after two days. This letter will be made public on the website after 60 days.")
	want := []string{"2025-03-03", "2025-02-10", "2025-02-12"}
	if !slices.Equal(got, want) {
		t.Errorf("dates = %q, want %q", got, want)
	}
}

// A footnote's full date is a date of the document; a day without a year in the text after a
// note is not read from it.
func TestExtract_NoteDates(t *testing.T) {
	text := "Baku, 14 October 2025\n\nThe court rejected the appeal on 9 October.[1] The defence will go on.[2]\n\nNotes\n[1] Trial monitoring notes, hearing of 14 May 2025: https://example.org/a\n[2] Lawyer's statement, June 2025, https://example.org/b\n"
	got := datesOf(text)
	want := []string{"2025-10-14", "2025-10-09", "2025-05-14", "2025-06"}
	if !slices.Equal(got, want) {
		t.Errorf("dates = %q, want %q", got, want)
	}
	for _, e := range allEvents(Extract(text)) {
		if e.Date == "2025-05-14" || e.Date == "2025-06" {
			t.Errorf("event %s dated by a note: %s", e.Type, e.Date)
		}
	}
}

// A text may end inside a Kazakh penalty's phrase.
func TestExtract_KazakhPenaltyCutShort(t *testing.T) {
	for _, text := range []string{"Сот оған 3 жыл бас", "Сот оған 3 жыл бас бостандығын", "Сот оған 3 жыл бас бостандығынан"} {
		Extract(text)
	}
}

// "депутат Мажилиса Ерназар Досымов": a word that is neither a given name nor a surname
// before a given name the lists lack and a surname is no part of the name.
func TestExtract_InstitutionBeforeAName(t *testing.T) {
	r := Extract("Астана, 1 мая 2025\n\nВ суд пришёл бывший депутат Мажилиса Ерназар Досымов.")
	names := personNames(r)
	if want := []string{"Ерназар Досымов"}; !slices.Equal(names, want) {
		t.Errorf("persons = %q, want %q", names, want)
	}
}

// A kin or comrade noun that opens a sentence ("Мама Юсупова", "Соратник Алиева") is no
// part of a person's name.
func TestExtract_KinNounOpensSentence(t *testing.T) {
	r := Extract("Андижан, 1 мая 2025\n\nБлогера Рустама Юсупова задержали 3 апреля. Мама Юсупова рассказала, что его били. Соратник Юсупова уехал в Москву.")
	names := personNames(r)
	if want := []string{"Рустам Юсупов"}; !slices.Equal(names, want) {
		t.Errorf("persons = %q, want %q", names, want)
	}
}

// Kazakh: a name in an oblique case after "Прокурор" is whom the prosecutor asks about, not
// the prosecutor; "Сот" opening a sentence is the court, no given name; "-ұлы" declines.
func TestExtract_KazakhClausesAndTitles(t *testing.T) {
	text := "Алматы, 2025 жылғы 11 қыркүйек\n\nСот Ерлан Омаровты 5 жылға бас бостандығынан айырды, Гүлнар Сәтбаеваға 3 жыл бас бостандығын шектеу жазасын тағайындады, Арман Бекұлын ақтады.\n\nПрокурор Омаровқа 6 жыл бас бостандығынан айыруды сұраған. Сот Сәтбаеваға қосымша 2 жыл бойы тыйым салды."
	r := Extract(text)
	if got, want := penaltiesOf(r.Sentences), []string{"Гүлнар Сәтбаева ban P2Y", "Гүлнар Сәтбаева restriction of freedom P3Y", "Ерлан Омаров imprisonment P5Y"}; !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
	if got, want := outcomesOf(r), []string{"Арман Бекұлы acquitted", "Гүлнар Сәтбаева convicted", "Ерлан Омаров convicted"}; !slices.Equal(got, want) {
		t.Errorf("outcomes = %q, want %q", got, want)
	}
	for _, p := range r.Persons {
		if slices.Contains(p.Roles, "prosecutor") {
			t.Errorf("%s taken for the prosecutor", p.Name)
		}
	}
}

// A list of terms led by a colon within its sentence ("The sentences: A and B — 6 years each,
// C — 5 years") is read as the verdict's, and "respectively" after it gives the demands.
func TestExtract_InlineColonList(t *testing.T) {
	text := "Ganja, 5 December 2025\n\nThe court found the reporters Elnur Guliyev, Sabina Jafarova and Tofig Aliyev guilty of hooliganism. The sentences: Guliyev and Jafarova — 6 years each, Aliyev — 5 years. The prosecution had asked for 8, 7 and 6 years respectively."
	r := Extract(text)
	if got, want := penaltiesOf(r.Sentences), []string{"Elnur Guliyev imprisonment P6Y", "Sabina Jafarova imprisonment P6Y", "Tofig Aliyev imprisonment P5Y"}; !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
	if got, want := penaltiesOf(r.Demands), []string{"Elnur Guliyev imprisonment P8Y", "Sabina Jafarova imprisonment P7Y", "Tofig Aliyev imprisonment P6Y"}; !slices.Equal(got, want) {
		t.Errorf("demands = %q, want %q", got, want)
	}
}

// "6 years (10 requested)": a number in brackets with the verb of a request is the demand, in
// the unit of the term before it.
func TestExtract_RequestedInBrackets(t *testing.T) {
	text := "Bishkek, 5 December 2025\n\nThe court passed its verdict:\n* Timur Asanov, editor — 6 years in a general-regime colony (9 requested)\n* Aibek Tursunov, reporter — 18 months (24 requested)\n"
	r := Extract(text)
	if got, want := penaltiesOf(r.Demands), []string{"Aibek Tursunov imprisonment P24M", "Timur Asanov imprisonment P9Y"}; !slices.Equal(got, want) {
		t.Errorf("demands = %q, want %q", got, want)
	}
}

// A treaty's articles are no charges however they are cited: "of the ICCPR", "its articles 1
// and 5" after a declaration, "article 19, paragraph 3".
func TestExtract_TreatyArticlesAreNoCharges(t *testing.T) {
	text := "Geneva, 3 May 2025\n\nMs. Ivanova was charged under article 361-1 of the Criminal Code. We refer to the Declaration on Human Rights Defenders, in particular its articles 1 and 5, and recall that article 19, paragraph 3, may never justify such charges. Please explain how this is compatible with article 22 of the ICCPR."
	var got []string
	for _, c := range Extract(text).Charges {
		got = append(got, c.Article)
	}
	if want := []string{"361.1"}; !slices.Equal(got, want) {
		t.Errorf("charges = %q, want %q", got, want)
	}
}

// A list item that opens with a name and its particulars in brackets ("A (30, engineer): 4
// years") is an item of the verdict told above, and "Prosecution demand:" after it is hers.
func TestExtract_NameItemWithParticulars(t *testing.T) {
	text := "Batumi, 22.09.2025\n\nOn Friday the Batumi City Court delivered its verdict in the case of three activists.\n\nWho got what\n\nGiorgi Beridze (22, student): 3 years in prison.\n\nNana Tsiklauri (31, nurse): 2 years. Prosecution demand: 3 years.\n"
	r := Extract(text)
	if got, want := penaltiesOf(r.Sentences), []string{"Giorgi Beridze imprisonment P3Y", "Nana Tsiklauri imprisonment P2Y"}; !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
	if got, want := penaltiesOf(r.Demands), []string{"Nana Tsiklauri imprisonment P3Y"}; !slices.Equal(got, want) {
		t.Errorf("demands = %q, want %q", got, want)
	}
}

// "к 6 годам общего режима" is imprisonment, the ban after it keeps its own term; "смягчил
// наказание до 5 лет" is the new term.
func TestExtract_RegimeAndReducedTo(t *testing.T) {
	text := "Пенза, 3 апреля 2025\n\n21 ноября суд приговорил Анну Сорокину к 4 годам общего режима с запретом на администрирование сайтов на 2 года. В феврале областной суд смягчил наказание до 3 лет."
	want := []string{"Анна Сорокина ban P2Y", "Анна Сорокина imprisonment P3Y", "Анна Сорокина imprisonment P4Y"}
	if got := penaltiesOf(Extract(text).Sentences); !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
}

// "в марте следующего года" is the year after the one told last; "Подругу X" is no name.
func TestExtract_FollowingYearAndFriend(t *testing.T) {
	text := "Пенза, 3 апреля 2025\n\nВпервые её оштрафовали в мае 2022 года. Уголовное дело возбудили в марте следующего года. Подругу Сорокиной Тамару Гусеву вызывали на беседу."
	if got, want := datesOf(text), []string{"2025-04-03", "2022-05", "2023-03"}; !slices.Equal(got, want) {
		t.Errorf("dates = %q, want %q", got, want)
	}
	for _, p := range Extract(text).Persons {
		if strings.HasPrefix(p.Name, "Подруг") {
			t.Errorf("person %q", p.Name)
		}
	}
	if got, want := datesOf("Tbilisi, 3 April 2025\n\nHe was fined in May 2022 and charged in March the following year."), []string{"2025-04-03", "2022-05", "2023-03"}; !slices.Equal(got, want) {
		t.Errorf("dates = %q, want %q", got, want)
	}
}

// A feed's posts stamped with a day and a time but no year, after a mark ("📌 4 ноября,
// 19:10"), count their "вчера" and "позавчера" from their own day.
func TestExtract_FeedPostsWithoutYear(t *testing.T) {
	text := "Канал адвоката\n\n📌 2 ноября, 23:48\nСегодня задержали активиста Марата Исаева.\n\n📌 6 ноября, 19:10\nПозавчера суд арестовал Исаева на два месяца.\n"
	if got, want := datesOf(text), []string{"--11-02", "--11-06", "--11-04"}; !slices.Equal(got, want) {
		t.Errorf("dates = %q, want %q", got, want)
	}
}

// "respectively" pairs the terms with the names between them and the word, though the
// sentence names someone else after it.
func TestExtract_RespectivelyNamesBeforeTheWord(t *testing.T) {
	text := "Geneva, 3 May 2024\n\nThe court convicted Ms. Olga Sokol, Mr. Ivan Bely and Ms. Vera Kuts. The prosecutor had requested nine and seven years of imprisonment for Ms. Sokol and Mr. Bely respectively, and four years of restriction of freedom for Ms. Kuts."
	r := Extract(text)
	got := penaltiesOf(r.Demands)
	for _, w := range []string{"Ivan Bely imprisonment P7Y", "Olga Sokol imprisonment P9Y"} {
		if !slices.Contains(got, w) {
			t.Errorf("demands = %q, want %q among them", got, w)
		}
	}
}

// A request told between dashes is an aside of its own: the term after it is the next
// defendant's sentence; "exactly what the prosecution had asked for" makes it the demand too.
func TestExtract_DashAsideAndExactlyWhatAsked(t *testing.T) {
	text := "Yerevan, 3 May 2022\n\nOn 23 June the judge sentenced Aram Petrosyan to 3 years' imprisonment — the prosecutor had requested 4 years — and Karen Sahakyan to 2 years, exactly what the prosecution had asked for."
	r := Extract(text)
	if got, want := penaltiesOf(r.Sentences), []string{"Aram Petrosyan imprisonment P3Y", "Karen Sahakyan imprisonment P2Y"}; !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
	if got, want := penaltiesOf(r.Demands), []string{"Aram Petrosyan imprisonment P4Y", "Karen Sahakyan imprisonment P2Y"}; !slices.Equal(got, want) {
		t.Errorf("demands = %q, want %q", got, want)
	}
}

// The verdict an appeal acts on names its persons after it: "left unchanged the sentence
// imposed on his co-defendant X", "quashed the convictions of X and Y, two residents of ...".
func TestExtract_VerdictOfNamedAfter(t *testing.T) {
	text := "Yerevan, 3 May 2022\n\nThe court of appeal acquitted Arsen Hakobyan but left unchanged the sentence imposed on his co-defendant Vahe Sargsyan.\n\nIn Gyumri the court quashed the convictions of Lilit Avetisyan and Gor Martirosyan, two residents who had been convicted of hooliganism."
	got := outcomesOf(Extract(text))
	for _, w := range []string{"Vahe Sargsyan upheld", "Lilit Avetisyan overturned", "Gor Martirosyan overturned"} {
		if !slices.Contains(got, w) {
			t.Errorf("outcomes = %q, want %q among them", got, w)
		}
	}
	if slices.Contains(got, "Arsen Hakobyan upheld") {
		t.Errorf("outcomes = %q: Hakobyan's was not upheld", got)
	}
}

// A name followed by "International Airport" or "Avenue" names a place, not a person.
func TestExtract_PlaceNamedAfterAPerson(t *testing.T) {
	r := Extract("Baku, 1 May 2025\n\nThe lawyer Leyla Mirzayeva was stopped at Heydar Aliyev International Airport on 3 May.")
	names := personNames(r)
	if want := []string{"Leyla Mirzayeva"}; !slices.Equal(names, want) {
		t.Errorf("persons = %q, want %q", names, want)
	}
}

// A day followed by "that year" or "того года" is in the year told last.
func TestExtract_ThatYear(t *testing.T) {
	if got, want := datesOf("Minsk, 3 April 2025\n\nShe was detained on 2 March 2021.\n\nOn 5 May that year she was sentenced."), []string{"2025-04-03", "2021-03-02", "2021-05-05"}; !slices.Equal(got, want) {
		t.Errorf("dates = %q, want %q", got, want)
	}
	if got, want := datesOf("Минск, 3 апреля 2025\n\nЕё задержали 2 марта 2021 года.\n\n5 мая того года её осудили."), []string{"2025-04-03", "2021-03-02", "2021-05-05"}; !slices.Equal(got, want) {
		t.Errorf("dates = %q, want %q", got, want)
	}
}

// "Приговор оставлен без изменения в отношении всех осуждённых, кроме X: её срок сокращён":
// upheld for those convicted (not the acquitted); X's pronoun after the colon is still hers,
// and her term cut keeps her conviction, so hers is upheld too.
func TestExtract_UpheldForAllConvictedExcept(t *testing.T) {
	text := "Нукус, 5 мая 2025\n\nВерховный суд рассмотрел жалобы. Приговор оставлен без изменения в отношении всех осужденных, кроме Зульфии Каримовой: её срок сокращен с восьми до шести лет.\n\nПриговор, коротко:\n• Ильхом Саидов — 9 лет колонии;\n• Зульфия Каримова — 8 лет;\n• Тимур Назаров — 5 лет;\n• Дильноза Юсупова оправдана.\n"
	r := Extract(text)
	if got := penaltiesOf(r.Sentences); !slices.Contains(got, "Зульфия Каримова imprisonment P6Y") {
		t.Errorf("sentences = %q, want her reduced term among them", got)
	}
	got := outcomesOf(r)
	for _, w := range []string{"Ильхом Саидов upheld", "Тимур Назаров upheld", "Зульфия Каримова convicted", "Зульфия Каримова upheld"} {
		if !slices.Contains(got, w) {
			t.Errorf("outcomes = %q, want %q among them", got, w)
		}
	}
	for _, w := range []string{"Дильноза Юсупова upheld"} {
		if slices.Contains(got, w) {
			t.Errorf("outcomes = %q, want no %q", got, w)
		}
	}
}
