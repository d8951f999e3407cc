package extract

import (
	"slices"
	"strings"
	"testing"
)

// isoDates returns the ISO strings of a result's dates.
func isoDates(r *Result) []string {
	var out []string
	for _, x := range r.Dates {
		out = append(out, x.Date)
	}
	return out
}

// A post that gives its date only in its last line ("Пост от …", "— Канал …, 16.11.2026")
// dates the days it names without a year and the days counted from it; "в октябре прошлого
// года" is the month of the year before.
func TestExtract_TrailingDatelineDatesTheText(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Вчера Советский районный суд Омска арестовал активиста Илью Громова.\n\n5 марта его задержали у дома. Через два дня суд продлил срок. Ранее его штрафовали в мае прошлого года.\n\nПост от 12.04.2025",
			[]string{"2025-04-12", "2025-04-11", "2025-03-05", "2025-03-07", "2024-05"}},
		{"Сегодня суд в Баку арестовал активиста Рауфа Алиева. 2 февраля его задержали.\n\n— Канал «Северный ветер», 20.03.2025",
			[]string{"2025-03-20", "2025-02-02"}},
	} {
		got := isoDates(Extract(tc.text))
		for _, w := range tc.want {
			if !slices.Contains(got, w) {
				t.Errorf("dates of %q = %q, want %s among them", tc.text[:40], got, w)
			}
		}
		for _, g := range got {
			if len(g) > 0 && g[0] == '-' {
				t.Errorf("dates of %q = %q: a day left without the year of the last line", tc.text[:40], got)
			}
		}
	}
	// A sentence that ends the text with a date is no dateline.
	long := strings.Repeat("The activist Ilya Gromov, who ran a channel about local politics, was detained on 5 March after a post. ", 4)
	r := Extract("Gromov case\n\n" + long + "\n\n" + long + "\n\nHis appeal will be heard on 12 April 2025")
	if r.Dateline != "" {
		t.Errorf("dateline = %q, want none", r.Dateline)
	}
}

// Days counted from a day without a year ("Friday, Oct. 2", "July 1 ... Two days later",
// "three months after") have no year either: never year 1.
func TestExtract_RelativeDaysFromYearlessDays(t *testing.T) {
	text := "Tbilisi, Friday, Oct. 2 (Wire) — The court on Thursday released blogger Davit Kapanadze, three months after he was taken into custody.\n\nKapanadze was detained on July 1. Seven days after the detention, police searched his office. Two days later a judge remanded him."
	got := isoDates(Extract(text))
	for _, g := range got {
		if len(g) < 2 || g[:2] != "--" {
			t.Errorf("dates = %q: %s has a year the text does not give", got, g)
		}
	}
	for _, w := range []string{"--07-01", "--07-08", "--07-10"} {
		if !slices.Contains(got, w) {
			t.Errorf("dates = %q, want %s among them", got, w)
		}
	}
	// Across the turn of a year too.
	text = "Blogger Davit Kapanadze was detained on Dec. 30. Five days after the detention, police searched his office.\n\nOn Jan. 12 a judge remanded him."
	got = isoDates(Extract(text))
	if want := []string{"--12-30", "--01-04", "--01-12"}; !slices.Equal(got, want) {
		t.Errorf("dates = %q, want %q", got, want)
	}
}

// A term followed by "and" and a kind ("5 лет и запрет …") is imprisonment, and the kind
// after "and" is a penalty of its own with its own term; a penal settlement
// ("колония-поселение") is imprisonment.
func TestExtract_TermAndBanAreTwoPenalties(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Омск, 3 мая 2021 года\n\nСуд приговорил Илью Громова к 3 годам колонии. Прокурор Анна Белова просила 5 лет и запрет на ведение блогов на 2 года.",
			[]string{"Илья Громов ban P2Y", "Илья Громов imprisonment P5Y"}},
		{"Taraz, 3 May 2021\n\nThe court sentenced Aliya Temirova to three years. The prosecutor had asked for six years and a ban on journalism for four years.",
			[]string{"Aliya Temirova ban P4Y", "Aliya Temirova imprisonment P6Y"}},
		{"Ижевск, 3 мая 2021 года\n\nСуд рассматривал дело активиста Ивана Сомова. Сторона обвинения просила назначить Сомову 3 года колонии-поселения с запретом администрировать сайты на 2 года.",
			[]string{"Иван Сомов ban P2Y", "Иван Сомов imprisonment P3Y"}},
	} {
		got := penaltiesOf(Extract(tc.text).Demands)
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("demands of %q = %q, want %q", tc.text[:50], got, tc.want)
		}
	}
}

// A verdict told as a list of items "Name – guilty …; term" convicts each named person, with
// the term of the item.
func TestExtract_GuiltyInAVerdictsListItem(t *testing.T) {
	text := "Tbilisi, 3 May 2026\n\nOn 26 April 2026 Judge Irakli Beridze delivered the verdict:\n• Davit Lomidze – guilty under both articles; 4 years and 6 months' imprisonment (the prosecutor had requested 5 years);\n• Giorgi Tsereteli – guilty under Article 225(2); 4 years, the minimum term;\n• Nino Abashidze – acquitted."
	r := Extract(text)
	got := outcomesOf(r)
	slices.Sort(got)
	if want := []string{"Davit Lomidze convicted", "Giorgi Tsereteli convicted", "Nino Abashidze acquitted"}; !slices.Equal(got, want) {
		t.Errorf("outcomes = %q, want %q", got, want)
	}
	sents := penaltiesOf(r.Sentences)
	slices.Sort(sents)
	if want := []string{"Davit Lomidze imprisonment P4Y6M", "Giorgi Tsereteli imprisonment P4Y"}; !slices.Equal(sents, want) {
		t.Errorf("sentences = %q, want %q", sents, want)
	}
	// "found him not guilty" and "pleaded guilty" stay what they were.
	r = Extract("Tbilisi, 3 May 2026\n\nDavit Lomidze pleaded guilty to nothing and was released.")
	if got := outcomesOf(r); len(got) != 0 {
		t.Errorf("outcomes = %q, want none", got)
	}
}

// A list's legend ("в скобках — что просил гособвинитель", "the prosecutor's requests in
// brackets") makes the bracketed terms of its items demands, of the item's kind where they
// name none; "химия" is restriction of freedom; "т.н. «…»" does not end the sentence.
func TestExtract_BracketLegendMakesDemands(t *testing.T) {
	text := "Брест, 9 октября 2026 г.\n\nВчера суд огласил приговор по делу троих жителей города.\n\nПриговор (в скобках — что просил гособвинитель Иван Лойко):\n\n— Игорь Сомов, 41 год, — 3 года колонии (4 года);\n— Анна Ковалева — 2 года ограничения свободы, т.н. «домашняя химия» (2 года «химии»);\n— Павел Жук — 1 год 6 месяцев лишения свободы (2,5 года)."
	got := penaltiesOf(Extract(text).Demands)
	slices.Sort(got)
	if want := []string{"Анна Ковалева restriction of freedom P2Y", "Игорь Сомов imprisonment P4Y", "Павел Жук imprisonment P2Y6M"}; !slices.Equal(got, want) {
		t.Errorf("demands = %q, want %q", got, want)
	}
	en := "Minsk, 9 October 2026\n\nThe court sentenced three residents of the city.\n\nSentences (the prosecutor's requests in brackets):\n\n- Ihar Somau - 3 years in a colony (4 years);\n- Pavel Zhuk - 18 months of imprisonment (2 years)."
	got = penaltiesOf(Extract(en).Demands)
	slices.Sort(got)
	if want := []string{"Ihar Somau imprisonment P4Y", "Pavel Zhuk imprisonment P2Y"}; !slices.Equal(got, want) {
		t.Errorf("demands = %q, want %q", got, want)
	}
	// Without a legend a bracketed term is no demand.
	plain := "Minsk, 9 October 2026\n\nThe court sentenced three residents of the city.\n\nSentences:\n\n- Ihar Somau - 3 years in a colony (4 years);\n- Pavel Zhuk - 18 months of imprisonment (2 years)."
	if got := penaltiesOf(Extract(plain).Demands); len(got) != 0 {
		t.Errorf("demands without a legend = %q, want none", got)
	}
}

// A group inside a demanded ban ("запретить всем троим заниматься …") is whom it is of; an
// aside "(asked: 9)" is the prosecution's; "…, the term requested" is also the demand.
func TestExtract_DemandGroupsAsidesAndTheTermRequested(t *testing.T) {
	ru := "Бишкек, 3 мая 2026 года\n\nСуд приговорил журналистов Эрмека Асанова, Айжан Маматову и Каныбека Осмонова к 5 годам лишения свободы. Кроме того, обвинение просило запретить всем троим заниматься журналистской деятельностью в течение трёх лет."
	got := penaltiesOf(Extract(ru).Demands)
	slices.Sort(got)
	if want := []string{"Айжан Маматова ban P3Y", "Каныбек Осмонов ban P3Y", "Эрмек Асанов ban P3Y"}; !slices.Equal(got, want) {
		t.Errorf("demands = %q, want %q", got, want)
	}
	en := "Baku, 3 May 2026\n\nThe sentences were:\nAytan Aliyeva, director – 9 years (the prosecutor asked for 11);\nNigar Alakbarova, reporter – 8 years (asked: 9);\nRamil Zeynalov, accountant – 7 years and 6 months, the term requested."
	got = penaltiesOf(Extract(en).Demands)
	slices.Sort(got)
	if want := []string{"Aytan Aliyeva imprisonment P11Y", "Nigar Alakbarova imprisonment P9Y", "Ramil Zeynalov imprisonment P7Y6M"}; !slices.Equal(got, want) {
		t.Errorf("demands = %q, want %q", got, want)
	}
}

// Phrasings of outcomes: a counted group whose people are named between dashes ("Ещё двоих —
// A и B — суд оправдал"); "вернул прокурору (уголовное) дело X", where X is the case's and
// no prosecutor; "rejected an appeal"; "her case returned to the court for a new trial".
func TestExtract_OutcomePhrasings(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Бишкек, 3 мая 2026 года\n\nСуд осудил Ивана Петрова. Ещё двоих — оператора Бекзата Осмонова и бывшего бухгалтера редакции Чолпон Алиеву — суд оправдал.",
			[]string{"Бекзат Осмонов acquitted", "Иван Петров convicted", "Чолпон Алиева acquitted"}},
		{"Ижевск, 3 мая 2026 года\n\nЛенинский районный суд Ижевска вернул прокурору уголовное дело Ивана Лекомцева.",
			[]string{"Иван Лекомцев returned"}},
		{"Ashgabat, 3 May 2026\n\nIvan Petrov was convicted on 2 March 2026. On 30 April 2026 the Mary Provincial Court rejected an appeal filed by Mr. Petrov himself.",
			[]string{"Ivan Petrov convicted", "Ivan Petrov upheld"}},
		{"Moscow, 3 May 2026\n\nThe sentence of Ivan Petrov was upheld, while the verdict against Anna Sidorova was quashed and her case returned to the first-instance court for a new trial.",
			[]string{"Anna Sidorova returned", "Ivan Petrov upheld"}},
		{"Izhevsk, 3 May 2026\n\nThe court found gaps in the indictment: Anna Sidorova's case was returned to the prosecutor.",
			[]string{"Anna Sidorova returned"}},
		// Cases "referred to" in a report are no outcome.
		{"Geneva, 3 May 2026\n\nThis annex summarises the cases referred to in Section 4, among them that of Ivan Petrov.",
			nil},
	} {
		got := outcomesOf(Extract(tc.text))
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("outcomes of %q = %q, want %q", tc.text[:50], got, tc.want)
		}
	}
	r := Extract("Ижевск, 3 мая 2026 года\n\nСуд вернул прокурору дело Ивана Лекомцева.")
	if p := r.Person("Иван Лекомцев"); p == nil || hasRole(p, "prosecutor") {
		t.Errorf("Иван Лекомцев = %+v, want a person who is no prosecutor", p)
	}
}

// A name with its patronymic in a heading's genitive ("Веры Андреевны Лобановой") and the
// same name in the nominative ("Вера Лобанова") are one person, so "Веру Андреевну" alone
// names her.
func TestExtract_GivenNameAndPatronymicAfterNamesInTwoCases(t *testing.T) {
	text := "Обращение\n\nО преследовании адвоката Веры Андреевны Лобановой\n\nНаша коллега, адвокат из Краснодара Вера Лобанова, защищала жителя Анапы. 27 августа 2026 года Совет лишил Веру Андреевну статуса адвоката."
	if got, want := personNames(Extract(text)), []string{"Вера Андреевна Лобанова"}; !slices.Equal(got, want) {
		t.Errorf("persons = %q, want %q", got, want)
	}
}

// "Taken to the KGB building", "taken for a conversation", "доставили в здание ФСБ" are
// detentions.
func TestExtract_TakenToABuildingIsADetention(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"Minsk, 3 May 2026\n\nOn 1 May 2026 Ales Kotau was taken to the KGB building and released in the evening.", "detention 2026-05-01 Ales Kotau"},
		{"Minsk, 3 May 2026\n\nOn 1 May 2026 Ales Kotau was taken for a conversation with an investigator.", "detention 2026-05-01 Ales Kotau"},
		{"Москва, 3 мая 2026 года\n\n1 мая 2026 года Ивана Сомова доставили в здание ФСБ.", "detention 2026-05-01 Иван Сомов"},
	} {
		if got := eventsOf(tc.text); !slices.Contains(got, tc.want) {
			t.Errorf("events of %q = %q, want %q among them", tc.text, got, tc.want)
		}
	}
	// Taken to hospital is no detention.
	if got := eventsOf("Minsk, 3 May 2026\n\nOn 1 May 2026 Ales Kotau was taken to hospital."); len(got) != 0 {
		t.Errorf("events = %q, want none", got)
	}
}

// "Less than a week after", "более чем через месяц": a bound that tells no day, neither as a
// date nor as the day of the event after it.
func TestExtract_VagueIntervalTellsNoDay(t *testing.T) {
	text := "Minsk, 20 September 2026\n\nThe verdict against Ales Kotau, delivered on 11 September 2026, came less than a week after officers searched the flat of his parents."
	r := Extract(text)
	for _, x := range r.Dates {
		if x.Date != "2026-09-20" && x.Date != "2026-09-11" {
			t.Errorf("date %s from %q: a bound is no day", x.Date, x.Mentions[0].Quote)
		}
	}
	for _, e := range r.Events {
		if e.Type == "search" && e.Date != "" {
			t.Errorf("search dated %s, want no date", e.Date)
		}
	}
}

// A long name of a body keeps all its complements ("… of the Supreme Court of the Republic of
// Uzbekistan", a court's chamber named by its court); "from X to Y" names two bodies.
func TestExtract_LongOrganisationNamesAndFromTo(t *testing.T) {
	text := "Tashkent, 3 May 2026\n\nThe Judicial Collegium for Criminal Cases of the Supreme Court of the Republic of Uzbekistan heard the appeal. Ivan Petrov was then moved from Tavakkal Penitentiary Establishment No. 8 to Zarafshan Establishment No. 17 by the Main Directorate for the Execution of Criminal Sentences of the Ministry of Justice."
	got := orgNames(Extract(text))
	for _, w := range []string{
		"Supreme Court of the Republic of Uzbekistan",
		"Tavakkal Penitentiary Establishment No. 8",
		"Zarafshan Establishment No. 17",
		"Main Directorate for the Execution of Criminal Sentences of the Ministry of Justice",
	} {
		if !slices.Contains(got, w) {
			t.Errorf("organisations = %q, want %q among them", got, w)
		}
	}
}

// "The same fine" after a fine is a fine of the same person; "штрафы", "штрафовали" are fines.
func TestExtract_SameFineAndRussianFineForms(t *testing.T) {
	r := Extract("Minsk, 3 May 2026\n\nThe court sentenced Ales Kotau to ten years. The court also fined him 500 base units. Prosecutor Ivan Lis had requested 12 years and the same fine.")
	if got := penaltiesOf(r.Demands); !slices.Contains(got, "Ales Kotau fine ") {
		t.Errorf("demands = %q, want Ales Kotau fine among them", got)
	}
	r = Extract("Ижевск, 3 мая 2026 года\n\nИвана Сомова и Семёна Корепанова отпустили на следующий день, после заседания Ленинского районного суда, который назначил им штрафы по 15 тысяч рублей.")
	got := penaltiesOf(r.Sentences)
	slices.Sort(got)
	if want := []string{"Иван Сомов fine ", "Семён Корепанов fine "}; !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
}

// A wire's dateline without a year ("Tbilisi, Friday, Oct. 2 (Agency) —") dates the text:
// "on Thursday" is the day before it, and "three months after he was detained" counts back
// from that day; none of them has a year.
func TestExtract_WireDatelineWithoutAYear(t *testing.T) {
	text := "Tbilisi, Friday, Oct. 2 (Kavkaz Wire) — The appeals court on Thursday released blogger Davit Kapanadze to house arrest, three months after he was taken into custody.\n\nKapanadze was detained on July 1."
	r := Extract(text)
	if r.Dateline != "--10-02" {
		t.Errorf("dateline = %q, want --10-02", r.Dateline)
	}
	got := isoDates(r)
	for _, w := range []string{"--10-02", "--10-01", "--07-01"} {
		if !slices.Contains(got, w) {
			t.Errorf("dates = %q, want %s among them", got, w)
		}
	}
	if slices.Contains(got, "--01-01") {
		t.Errorf("dates = %q: three months after the custody is the ruling's day, not three months after it", got)
	}
	if ev := eventsOf(text); !slices.Contains(ev, "house arrest --10-01 Davit Kapanadze") {
		t.Errorf("events = %q, want house arrest --10-01 Davit Kapanadze", ev)
	}
}
