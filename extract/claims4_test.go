package extract

import (
	"os"
	"slices"
	"testing"
)

// A request's clause leads the clauses after its semicolons ("12 years on A; 10 years each
// on B and C"), and a list keeps people described by a role after its article ("the
// cameraman D and the accountant E"). The text is invented.
func TestExtract_RequestLedClausesAndDescribedList(t *testing.T) {
	r := Extract("The prosecutor asked the court to impose 12 years' imprisonment on Anar Guliyev; 10 years each on Leyla Safarova and Emin Rzayev; and 8 years each on the cameraman Tural Aliyev and the accountant Kamran Bagirov.")
	want := []string{"Anar Guliyev imprisonment P12Y", "Emin Rzayev imprisonment P10Y", "Kamran Bagirov imprisonment P8Y", "Leyla Safarova imprisonment P10Y", "Tural Aliyev imprisonment P8Y"}
	if got := penaltiesOf(r.Demands); !slices.Equal(got, want) {
		t.Errorf("demands = %q, want %q", got, want)
	}
	r = Extract("The prosecutor asked for 8 years each for the cameraman Tural Aliyev and the accountant Kamran Bagirov.")
	if got, want := penaltiesOf(r.Demands), []string{"Kamran Bagirov imprisonment P8Y", "Tural Aliyev imprisonment P8Y"}; !slices.Equal(got, want) {
		t.Errorf("demands = %q, want %q", got, want)
	}
	// The sentence after a semicolon is no request: the court's verb is its own.
	r = Extract("The prosecutor asked for 12 years for Anar Guliyev; the court sentenced Leyla Safarova to 10 years.")
	if got, want := penaltiesOf(r.Demands), []string{"Anar Guliyev imprisonment P12Y"}; !slices.Equal(got, want) {
		t.Errorf("demands = %q, want %q", got, want)
	}
}

// "detained A and five colleagues": the count stands for the case's other defendants when
// it has that many; "ordered the pre-trial detention of all six" and "remanded both in
// custody" are a court's custody of the group. The text is invented.
func TestExtract_NamedAndCountedCustody(t *testing.T) {
	cast := " On 9 June 2025 the court convicted Anar Guliyev, Leyla Safarova, Emin Rzayev, Tural Aliyev, Kamran Bagirov and Aysel Mammadova."
	got := eventsOf("On 20 November 2024 police detained Anar Guliyev and five colleagues at the office. The following day the court ordered the pre-trial detention of all six." + cast)
	for _, p := range []string{"Anar Guliyev", "Leyla Safarova", "Aysel Mammadova"} {
		for _, e := range []string{"detention 2024-11-20 ", "arrest 2024-11-21 "} {
			if !slices.Contains(got, e+p) {
				t.Errorf("events = %q, want %q among them", got, e+p)
			}
		}
	}
	// Three colleagues are not the other five: only the one named.
	got = eventsOf("On 20 November 2024 police detained Anar Guliyev and three colleagues at the office." + cast)
	if want := []string{"detention 2024-11-20 Anar Guliyev"}; !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
	got = eventsOf("On 21 November 2024 police detained Anar Guliyev and Leyla Safarova. On 22 November 2024 the court remanded both in custody.")
	for _, e := range []string{"arrest 2024-11-22 Anar Guliyev", "arrest 2024-11-22 Leyla Safarova"} {
		if !slices.Contains(got, e) {
			t.Errorf("events = %q, want %q among them", got, e)
		}
	}
}

// An event without a date is set apart for a researcher to date; the dated ones are the
// timeline's. The text is invented.
func TestExtract_UndatedEventsSetApart(t *testing.T) {
	r := Extract("Bishkek, 3 March 2025\n\nThe blogger Adilet Usenov was detained on 2 March 2025. He says he was beaten in the colony.")
	var dated, undated []string
	for _, e := range r.Events {
		dated = append(dated, e.Type+" "+e.Date+" "+e.Person)
	}
	for _, e := range r.Undated {
		undated = append(undated, e.Type+" "+e.Date+" "+e.Person)
	}
	if want := []string{"detention 2025-03-02 Adilet Usenov"}; !slices.Equal(dated, want) {
		t.Errorf("events = %q, want %q", dated, want)
	}
	if want := []string{"torture allegation  Adilet Usenov"}; !slices.Equal(undated, want) {
		t.Errorf("undated events = %q, want %q", undated, want)
	}
}

// A day with "a week after a gathering was dispersed" in apposition dates the dispersal a
// week before it, unless the clause gives its own day or says "barely"; a dispersal is of a
// gathering, not of the people beside it; a lawyer suspended from practice is disciplined,
// not dismissed. The texts are invented.
func TestExtract_DispersalBackdatedAndPractice(t *testing.T) {
	for text, want := range map[string][]string{
		"Bishkek, 3 March 2025\n\nAdilet Usenov and Kanat Bekov were detained on 20 November 2024, a week after a peaceful gathering near the building was dispersed.": {
			"detention 2024-11-20 Adilet Usenov", "detention 2024-11-20 Kanat Bekov", "disruption 2024-11-13"},
		"Bishkek, 3 March 2025\n\nOn 18 November 2024 the rally was dispersed by police.":                                                    {"disruption 2024-11-18"},
		"Bishkek, 3 March 2025\n\nAdilet Usenov was detained on 25 October 2023, two days after the gathering in the village on 22 October.": {"detention 2023-10-25 Adilet Usenov"},
		"Bishkek, 3 March 2025\n\nThe lawyer Kanat Bekov was suspended from practice by the qualification commission on 11 December 2024.":   {"disciplinary action 2024-12-11 Kanat Bekov"},
	} {
		if got := eventsOf(text); !slices.Equal(got, want) {
			t.Errorf("events of %q = %q, want %q", text, got, want)
		}
	}
	for text, bad := range map[string]string{
		"Bishkek, 3 March 2025\n\nAdilet Usenov was detained on 25 October 2023, two days after the gathering in the village on 22 October.": "2023-10-23",
		"Bishkek, 3 March 2025\n\nHe was transferred on 3 September 2024, barely five weeks after the Supreme Court rejected his appeal.":    "2024-07-30",
	} {
		if got := isoDates(Extract(text)); slices.Contains(got, bad) {
			t.Errorf("dates of %q = %q: %s is no day of it", text, got, bad)
		}
	}
}

// "для A — 8 лет, а для остальных четверых — по 5 лет": the group after the comma is the
// next term's, and counts the others; "частично отменил приговор" names no one; "отменила
// постановление ... в части, касающейся X" is X's. The text is invented.
func TestExtract_OthersCountedAndPartlyQuashed(t *testing.T) {
	text := "Бишкек, 22 октября 2025 года.\n\nВерховный суд частично отменил приговор по делу журналистов.\n\n" +
		"Прокурор запросил для Айгерим Бекташевой 10 лет лишения свободы, для Нуржана Сейитова — 8 лет, а для остальных четверых — по 5 лет. " +
		"Суд приговорил Бекташеву к 6 годам, Сейитова — к 5 годам. Жаныл Орозбаева, Асель Жумалиева, Урмат Эсенгулов и Эркин Мамбетов получили по три года условно.\n\n" +
		"Судебная коллегия отменила постановление апелляционной инстанции в части, касающейся главного редактора издания Айгерим Бекташевой."
	r := Extract(text)
	want := []string{"Айгерим Бекташева imprisonment P10Y", "Асель Жумалиева imprisonment P5Y", "Жаныл Орозбаева imprisonment P5Y", "Нуржан Сейитов imprisonment P8Y",
		"Урмат Эсенгулов imprisonment P5Y", "Эркин Мамбетов imprisonment P5Y"}
	if got := penaltiesOf(r.Demands); !slices.Equal(got, want) {
		t.Errorf("demands = %q, want %q", got, want)
	}
	overturned := withOutcome(r, "overturned")
	if want := []string{"Айгерим Бекташева"}; !slices.Equal(overturned, want) {
		t.Errorf("overturned for %q, want %q", overturned, want)
	}
}

// "quashed the appeal ruling in respect of C": the persons after "in respect of" past the
// verb's object are those it quashed for, not everyone of the sentence. The text is invented.
func TestExtract_QuashedInRespectOfPastTheObject(t *testing.T) {
	r := Extract("Moscow, 3 March 2025\n\nThe district court convicted Dmitry Orlov, Pavel Sidorov and Anna Gorelova. On 13 March 2025 the cassation court upheld the convictions of Orlov and Sidorov, but quashed the appeal ruling in respect of Gorelova.")
	overturned := withOutcome(r, "overturned")
	if want := []string{"Anna Gorelova"}; !slices.Equal(overturned, want) {
		t.Errorf("overturned for %q, want %q", overturned, want)
	}
	r = Extract("Бишкек, 22 октября 2025 года.\n\nСуд приговорил Айгерим Бекташеву к 6 годам, Нуржана Сейитова — к 5 годам. Коллегия оставила без изменения приговор Нуржану Сейитову и отменила постановление апелляционной инстанции в части, касающейся главного редактора издания Айгерим Бекташевой.")
	overturned = withOutcome(r, "overturned")
	if want := []string{"Айгерим Бекташева"}; !slices.Equal(overturned, want) {
		t.Errorf("overturned for %q, want %q", overturned, want)
	}
}

// A court diary's entry, headed by its day after a long paragraph that told earlier days,
// has no dateline: "Через два дня" and "19 февраля" go on from the entry's day, in its year.
// A feed post's stamp, with its time, after such a paragraph is still the text's date. The
// texts are invented.
func TestExtract_DiaryEntryIsNoDateline(t *testing.T) {
	bio := "Кто такая Орлова. Ксения Орлова, 34 года, учительница истории. Задержана 14 апреля 2023 года у себя дома; в тот же день в квартире прошёл обыск. " +
		"На следующий день суд отправил её в СИЗО. Поводом стали пять постов во «ВКонтакте» об обстрелах городов, которые она писала весной прошлого года."
	got := isoDates(Extract("ЗАМЕТКИ ИЗ ЗАЛА СУДА\n\n" + bio + "\n\n———\n\n12 февраля 2024 года, понедельник\n\nДопрос свидетелей.\n\n———\n\nЧерез два дня\n\nОглашали экспертизу.\n\n———\n\n19 февраля, прения\n\nПрокурор запросил семь лет."))
	for _, want := range []string{"2024-02-12", "2024-02-14", "2024-02-19"} {
		if !slices.Contains(got, want) {
			t.Errorf("dates = %q, want %s among them", got, want)
		}
	}
	r := Extract("Свободу Ксении Орловой\n\n" + bio + "\n\n———\n\n09.01.2024 20:15\nВчера Ксению снова поместили в ШИЗО.")
	if r.Dateline != "2024-01-09" || !slices.Contains(isoDates(r), "2024-01-08") {
		t.Errorf("dateline %q, dates %q: want the post's stamp and its yesterday", r.Dateline, isoDates(r))
	}
}

// Given names the table lacks, written as they are beside a surname in an oblique case, are
// women's: one in a soft sign ("Бактыгуль Осмонову"), one in -е beside a surname in -ян
// that does not decline, as only a woman's does ("Мане Овсепян"). The texts are invented.
func TestExtract_WomensUndeclinedGivenNames(t *testing.T) {
	for text, want := range map[string]string{
		"Журналистов Нурлана Абдыкеримова и Бактыгуль Осмонову суд оправдал. Абдыкеримов и Осмонова находились под домашним арестом.": "Бактыгуль Осмонова",
		"Кассационный суд отменил приговор по делу Давида Арутюняна и Мане Овсепян.":                                                  "Мане Овсепян",
	} {
		if got := names(Extract(text)); !slices.Contains(got, want) {
			t.Errorf("%q: persons = %q, want %q among them", text, got, want)
		}
	}
}

// "суд отправил журналистов в СИЗО": a plural role noun as the object of an event's verb
// stands for the case's defendants, not for the two the same word introduced elsewhere. The
// text is invented.
func TestExtract_RoleNounObjectIsTheDefendants(t *testing.T) {
	got := eventsOf("Бишкек, 10 октября 2024 года\n\nСуд приговорил Азамата Сыдыкова и Мадину Токтосунову к пяти годам. Журналистов Нурлана Абдыкеримова и Эрлана Мамытова суд оправдал.\n\n" +
		"Всех четверых задержали 16 января 2024 года. Через два дня районный суд отправил журналистов в СИЗО № 1.")
	for _, p := range []string{"Азамат Сыдыков", "Мадина Токтосунова", "Нурлан Абдыкеримов", "Эрлан Мамытов"} {
		if e := "arrest 2024-01-18 " + p; !slices.Contains(got, e) {
			t.Errorf("events = %q, want %q among them", got, e)
		}
	}
}

// "were remanded on 17 May" is a court's custody without "in custody"; "remanded on bail"
// and "held on remand" are none. The texts are invented.
func TestExtract_RemandedAlone(t *testing.T) {
	for text, want := range map[string][]string{
		"Tbilisi, 3 June 2024\n\nMariam Kvaratskhelia and Luka Tsiklauri were remanded on 17 May.": {"arrest 2024-05-17 Luka Tsiklauri", "arrest 2024-05-17 Mariam Kvaratskhelia"},
		"Tbilisi, 3 June 2024\n\nMariam Kvaratskhelia was remanded on bail on 17 May.":             nil,
		"Tbilisi, 3 June 2024\n\nOn 17 May Mariam Kvaratskhelia was still held on remand.":         nil,
	} {
		if got := eventsOf(text); !slices.Equal(got, want) {
			t.Errorf("events of %q = %q, want %q", text, got, want)
		}
	}
}

// The chairman of a party is no official the events of a text leave out; a reprimand "to
// X's lawyer, Y" is Y's; "Y, a member of the board who was detained" names Y, as "a man who
// was detained" names no one. The texts are invented.
func TestExtract_HeadsLawyersAndAppositions(t *testing.T) {
	for text, want := range map[string][]string{
		"Yerevan, 10 October 2024\n\nWe are concerned about Gor Vardazaryan, chairman of the opposition party Homeland Dignity.\n\nMr Vardazaryan was detained by officers on 18 June 2024.": {
			"detention 2024-06-18 Gor Vardazaryan"},
		"Yerevan, 10 October 2024\n\nOn 12 September 2024 the Chamber of Advocates issued a reprimand to Gor Vardazaryan's lawyer, Ani Petrosyan.": {
			"disciplinary action 2024-09-12 Ani Petrosyan"},
		"Yerevan, 10 October 2024\n\nSona Mkrtchyan, a member of the party's board who was detained on 20 June 2024, was transferred to house arrest on 5 September 2024.": {
			"detention 2024-06-20 Sona Mkrtchyan", "house arrest 2024-09-05 Sona Mkrtchyan"},
		"Yerevan, 10 October 2024\n\nSona Mkrtchyan, a journalist who was detained on 20 June 2024, was transferred to house arrest on 5 September 2024.": {
			"detention 2024-06-20 Sona Mkrtchyan", "house arrest 2024-09-05 Sona Mkrtchyan"},
		"Yerevan, 10 October 2024\n\nThe family of a man who was detained on 20 June 2024 was threatened.": {"detention 2024-06-20"},
	} {
		if got := eventsOf(text); !slices.Equal(got, want) {
			t.Errorf("events of %q = %q, want %q", text, got, want)
		}
	}
}

// "held in pre-trial detention since October 2023, was transferred to house arrest on 25
// January": the custody is of its start, and the day told after it is in the next year.
// The text is invented.
func TestExtract_CustodySinceAMonthAndTheDayAfter(t *testing.T) {
	got := eventsOf("Baku, 2 February 2024\n\nKamran Abdullayev, who had been held in pre-trial detention since October 2023 in a separate case, was transferred to house arrest by the Baku Court of Appeal on 25 January.")
	if want := []string{"arrest 2023-10 Kamran Abdullayev", "house arrest 2024-01-25 Kamran Abdullayev"}; !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// A day without a year named with its weekday ("в четверг, 23 мая") is of the year in which
// it falls on that weekday, and the weekday is no day of its own; "год и шесть месяцев
// ограничения свободы" is P1Y6M; the maximum the law allows ("максимальное наказание — до
// трёх лет") is no sentence. The texts are invented.
func TestExtract_WeekdayYearAndYearAndMonths(t *testing.T) {
	got := isoDates(Extract("Адвокат Марина Осипова\n\n[20 мая 2024, 09:30]\nДело передано в суд. Первое заседание — в четверг, 23 мая. Приходите поддержать."))
	if !slices.Contains(got, "2024-05-23") || slices.Contains(got, "2024-05-16") || slices.Contains(got, "2023-05-23") {
		t.Errorf("dates = %q, want 2024-05-23 and no other day of that week", got)
	}
	r := Extract("Екатеринбург, 13 июня 2024 года.\n\nПо делу Тимофея Ястребова максимальное наказание по ч. 2 ст. 214 — до трёх лет лишения свободы. Прокурор запросил Тимофею Ястребову два года ограничения свободы.\n\nПриговор: год и шесть месяцев ограничения свободы.")
	if got, want := penaltiesOf(r.Sentences), []string{"Тимофей Ястребов restriction of freedom P1Y6M"}; !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
}

// A noun of a woman's trade before a name says whose it is, in any case: "учительница
// начальных классов Малика Давлатова" is no Малик Давлатов's genitive, though the text names
// a Давлатов before. The texts are invented.
func TestExtract_WomansTradeBeforeTheName(t *testing.T) {
	for text, want := range map[string]string{
		"Как утверждает Давлатов, в обыске участвовали сотрудники. Сестра блогера, учительница начальных классов Малика Давлатова, лишилась работы.": "Малика Давлатова",
		"Как утверждает Давлатов, в обыске участвовали сотрудники. Задержали пенсионерку Малику Давлатову.":                                          "Малика Давлатова",
	} {
		if got := names(Extract(text)); !slices.Contains(got, want) {
			t.Errorf("%q: persons = %q, want %q among them", text, got, want)
		}
	}
}

// "За день до этого, 15 мая": "до" there is before, not until; the day is before the text's
// date, in its year. "до 10 ноября" is until, after it. The texts are invented.
func TestExtract_BeforeIsNoUntil(t *testing.T) {
	got := isoDates(Extract("Душанбе, 17 мая 2024 года\n\nФаридуна Давлатова задержали вчера. За день до этого, 15 мая, в доме его родителей провели обыск."))
	if !slices.Contains(got, "2024-05-15") {
		t.Errorf("dates = %q, want 2024-05-15 among them", got)
	}
	got = isoDates(Extract("Душанбе, 17 мая 2024 года\n\nСуд продлил арест Фаридуна Давлатова до 10 марта."))
	if !slices.Contains(got, "2025-03-10") {
		t.Errorf("dates = %q, want 2025-03-10 among them", got)
	}
}

// A feed's slogan "Свободу X" is no name; a given name alone in a case form ("Шерзода",
// "Шерзоду") is the person the text names in full under it; "увели с собой" is a
// detention; "просят взять X под стражу" is a request, no arrest. The text is invented.
func TestExtract_FeedOfAFamily(t *testing.T) {
	text := "Свободу Шерзоду — канал Нодиры Абдукаримовой\n\n———\n\n12.04.2024 09:14\nСегодня к нам домой пришли сотрудники СГБ. Шерзода Абдукаримова увели с собой.\n\n———\n\n" +
		"19.07.2024 16:05\nСуд признал Шерзода невменяемым и назначил Шерзоду принудительное лечение. Прокуратура обжаловала решение — просят взять Шерзода под стражу.\n\n———\n\n06.09.2024 08:40\nПишите о Шерзоде Абдукаримове."
	r := Extract(text)
	if got, want := names(r), []string{"Нодира Абдукаримова", "Шерзод Абдукаримов"}; !slices.Equal(got, want) {
		t.Errorf("persons = %q, want %q", got, want)
	}
	if got, want := eventsOf(text), []string{"detention 2024-04-12 Шерзод Абдукаримов"}; !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
	if got, want := penaltiesOf(r.Sentences), []string{"Шерзод Абдукаримов compulsory treatment "}; !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
}

// A gathering interrupted is a disruption ("interrupted a public discussion", "прервала
// встречу активистов"); a judge who adjourns a hearing disrupts nothing. The texts are
// invented.
func TestExtract_GatheringInterrupted(t *testing.T) {
	for text, want := range map[string][]string{
		"Almaty, 18 September 2024\n\nOn Monday, police in Almaty interrupted a public discussion organised by our Bureau.": {"disruption 2024-09-16"},
		"Алматы, 18 сентября 2024 года\n\nВ понедельник полиция прервала встречу активистов в конференц-зале.":              {"disruption 2024-09-16"},
		"Алматы, 18 сентября 2024 года\n\nВ понедельник судья прервал заседание на час.":                                    nil,
	} {
		if got := eventsOf(text); !slices.Equal(got, want) {
			t.Errorf("events of %q = %q, want %q", text, got, want)
		}
	}
}

// Kazakh: "күзетпен ұстауға санкция берді" is a court's custody; "күзетшілер ұрған" is
// ill-treatment; "белсендіге қатысты" is the activist named before, in another paragraph;
// the role noun before a name says nothing of its case ("Белсендінің жұбайы Сәуле
// Есімова"). A companion written as a form of a lemma of the vocabulary ("ұстады") does not
// make that form a lemma of its own. The text is invented.
func TestExtract_KazakhCustodyAndTheActivist(t *testing.T) {
	text := "Алматы, 2024 жылғы 5 шілде\n\nКеше алқа азаматтық белсенді Айгерім Сейтқалиеваның шағымын қанағаттандырусыз қалдырды.\n\n" +
		"Сейтқалиеваны 2023 жылғы 28 қарашада қызметкерлер ұстады. Екі күннен кейін тергеу судьясы оны екі айға күзетпен ұстауға санкция берді.\n\n" +
		"Сейтқалиеваның айтуынша, 2023 жылғы желтоқсанда тергеу изоляторында оны күзетшілер ұрған.\n\n" +
		"2024 жылғы 25 қаңтарда белсендіге қатысты бұлтартпау шарасы үй қамағына ауыстырылды. Белсендінің жұбайы Сәуле Есімова куә ретінде жауап берді."
	want := []string{"arrest 2023-11-30 Айгерім Сейтқалиева", "detention 2023-11-28 Айгерім Сейтқалиева", "house arrest 2024-01-25 Айгерім Сейтқалиева", "torture allegation 2023-12 Айгерім Сейтқалиева"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
	// A release of batch G, where the husband's surname is told six times in its cases.
	b, err := os.ReadFile("../testdata/batch-2026-12-07-g/19_kz_kk_yesimov_174.txt")
	if err != nil {
		t.Fatal(err)
	}
	if got := names(Extract(string(b))); !slices.Contains(got, "Сәуле Есімова") {
		t.Errorf("persons = %q, want Сәуле Есімова among them", got)
	}
}

// Ill-treatment a lawyer tells, whom the pronoun of its clause seems to name, is of the one
// defendant. The text is invented.
func TestExtract_TortureToldByTheLawyer(t *testing.T) {
	got := eventsOf("Алматы, 2024 жылғы 20 наурыз\n\nСот Асқар Тоқтарбаевты кінәлі деп таныды.\n\nАдвокат Гүлмира Жақсылыққызы бүгін Асқармен кездесті. 2024 жылғы 12 наурызда ҰҚК ғимаратында оны бірнеше рет ұрып, түні бойы ұйықтатпағанын айтты.")
	if want := []string{"torture allegation 2024-03-12 Асқар Тоқтарбаев"}; !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// "брата A Мухтара Ерназарова и мать B Алтынай Кдырбаеву": after a kin word, the name right
// before another name is whose kin it is, in the genitive (no woman for "мать"); "Обоих
// отпустили" after their custody is of the two held; "В понедельник, накануне оглашения
// приговора" is the Monday. The text is invented.
func TestExtract_KinOfADefendantHeldAndFreed(t *testing.T) {
	text := "Нукус, 17 октября 2024 года\n\nСуд приговорил Бахтияра Ерназарова и Ербола Кдырбаева к трём годам.\n\n" +
		"В понедельник, накануне оглашения приговора, у здания суда задержали двух родственников подсудимых — брата Бахтияра Ерназарова Мухтара Ерназарова и мать Ербола Кдырбаева Алтынай Кдырбаеву. Обоих отпустили вечером того же дня."
	want := []string{"detention 2024-10-14 Алтынай Кдырбаева", "detention 2024-10-14 Мухтар Ерназаров", "release 2024-10-14 Алтынай Кдырбаева", "release 2024-10-14 Мухтар Ерназаров"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
	if got, want := names(Extract(text)), []string{"Алтынай Кдырбаева", "Бахтияр Ерназаров", "Ербол Кдырбаев", "Мухтар Ерназаров"}; !slices.Equal(got, want) {
		t.Errorf("persons = %q, want %q", got, want)
	}
}

// "A задержали 9 апреля, остальных шестерых — 11 апреля": the clause that leaves out the
// verb tells a group with its own day. The text is invented.
func TestExtract_GappedClauseOfAGroup(t *testing.T) {
	got := eventsOf("Нукус, 17 октября 2024 года\n\nСуд приговорил Жолдасбая Утемуратова, Бахтияра Ерназарова и Айбека Досжанова к трём годам.\n\nУтемуратова задержали 9 апреля, через два дня после митинга, остальных двоих — 11 апреля.")
	want := []string{"detention 2024-04-09 Жолдасбай Утемуратов", "detention 2024-04-11 Айбек Досжанов", "detention 2024-04-11 Бахтияр Ерназаров"}
	if !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// A custody told again in someone's words ("replied on 19 December that all six had been
// "lawfully detained"") is no new custody of that day for those whose detention the text
// dated; one it dates nowhere else is still told. The text is invented.
func TestExtract_CustodyRetoldInAReply(t *testing.T) {
	got := eventsOf("Dushanbe, 3 March 2024\n\nOfficers detained Farhod Qodirov and Bahrom Sharipov on 9 June 2023.\n\nThe government replied on 19 December 2023 that Qodirov, Sharipov and Ilhom Davlatov had been \"lawfully detained in accordance with the law\".")
	want := []string{"detention 2023-06-09 Bahrom Sharipov", "detention 2023-06-09 Farhod Qodirov", "detention 2023-12-19 Ilhom Davlatov"}
	if !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// A numbered colony or detention centre keeps its own quoted name after the number (ИК-3
// «Витьба», СИЗО-6 «Печатники», исправительная колония № 3 «Витьба»); "ИК" alone is a kind
// of prison. The texts are invented.
func TestExtract_NumberedPrisonsWithTheirNames(t *testing.T) {
	got := orgNames(Extract("Он отбывает наказание в ИК-3 «Витьба». Его перевели в СИЗО-6 «Печатники». Сейчас он в ИК-15. Брат сидит в исправительной колонии № 2 «Волчьи норы»."))
	want := []string{"ИК-15", "ИК-3 «Витьба»", "СИЗО-6 «Печатники»", "исправительная колония № 2 «Волчьи норы»"}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("organisations = %q, want %q", got, want)
	}
	if got := orgNames(Extract("Его отправили в ИК, где он провёл год.")); len(got) > 0 {
		t.Errorf("organisations = %q, want none", got)
	}
}

// "12 марта пятеро фигурантов были задержаны, на следующий день суд избрал им меру пресечения
// в виде заключения под стражу. A была помещена под домашний арест": the five are the six
// defendants but the one their paragraph names apart. The text is invented.
func TestExtract_CountedAllButTheOneNamedApart(t *testing.T) {
	text := "Бишкек, 25 октября 2024 года\n\n12 марта 2024 года пятеро фигурантов были задержаны сотрудниками ГКНБ. Гульмира Асанова 15 марта 2024 года была помещена под домашний арест.\n\n" +
		"Суд приговорил Нурлана Абдыкадырова, Айжан Мамбетову, Эрмека Сыдыкова, Таалая Жумабекова, Улана Токтогулова и Гульмиру Асанову к пяти годам."
	got := eventsOf(text)
	for _, e := range []string{"detention 2024-03-12 Нурлан Абдыкадыров", "detention 2024-03-12 Улан Токтогулов", "house arrest 2024-03-15 Гульмира Асанова"} {
		if !slices.Contains(got, e) {
			t.Errorf("events = %q, want %q among them", got, e)
		}
	}
	if slices.Contains(got, "detention 2024-03-12 Гульмира Асанова") {
		t.Errorf("events = %q: the one named apart was not among the five", got)
	}
}

// "Dates of detention: A and B - 02.12.2024; C - 04.12.2024": a list of detentions, each
// item after a semicolon with its own persons and day. The text is invented.
func TestExtract_DatesOfDetentionList(t *testing.T) {
	got := eventsOf("Tbilisi, 20 May 2025\n\nThe court convicted Luka Tsiklauri, Davit Kharaishvili and Mariam Lomidze.\n\nDates of detention: Tsiklauri and Kharaishvili - 02.12.2024; Lomidze - 04.12.2024.")
	want := []string{"detention 2024-12-02 Davit Kharaishvili", "detention 2024-12-02 Luka Tsiklauri", "detention 2024-12-04 Mariam Lomidze"}
	if !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// "orders her pretrial detention" is a court's custody, written without a hyphen too;
// "placed in Pretrial Detention Facility No. 1" is where, no new custody; "is due to be
// released in January 2027" is to come. The texts are invented.
func TestExtract_PretrialAndDueToBeReleased(t *testing.T) {
	for text, want := range map[string][]string{
		"Batumi, 20 May 2025\n\nThe court convicted Eka Zhvania.\n\nOn 14 January 2025 Judge Nino Tsulukidze grants the motion and orders her pretrial detention.": {"arrest 2025-01-14 Eka Zhvania"},
		"Batumi, 20 May 2025\n\nEka Zhvania was detained on 17 August 2023 and placed in Pretrial Detention Facility No. 1.":                                       {"detention 2023-08-17 Eka Zhvania"},
		"Batumi, 20 May 2025\n\nEka Zhvania is due to be released in January 2027.":                                                                                nil,
	} {
		if got := eventsOf(text); !slices.Equal(got, want) {
			t.Errorf("events of %q = %q, want %q", text, got, want)
		}
	}
}

// Kazakh: "Белсенділерді ... ұстады" holds the activists of the case; "Келесі күні" is the
// next day. The text is invented.
func TestExtract_KazakhActivistsHeldAndTheNextDay(t *testing.T) {
	text := "Атырау, 2025 жылғы 20 қазан\n\nСот белсенділер Ерлан Сұлтанбеков пен Гүлнар Жақсылықоваға қатысты үкім шығарды. Сот Сұлтанбековке 2 жыл бас бостандығын шектеу жазасын тағайындады. Жақсылықова 5 жылға бас бостандығынан айырылды.\n\n" +
		"Белсенділерді 2025 жылғы 3 сәуірде қызметкерлер ұстады. Келесі күні тергеу судьясы Сұлтанбековті үйқамаққа жіберді."
	got := eventsOf(text)
	for _, e := range []string{"detention 2025-04-03 Ерлан Сұлтанбеков", "detention 2025-04-03 Гүлнар Жақсылықова", "house arrest 2025-04-04 Ерлан Сұлтанбеков"} {
		if !slices.Contains(got, e) {
			t.Errorf("events = %q, want %q among them", got, e)
		}
	}
}

// "избрал Абдуллаеву меру пресечения в виде заключения под стражу, Эргашевой — домашний
// арест": the measure is of the name before it, the house arrest of the one after the
// comma. The text is invented.
func TestExtract_MeasureChosenFor(t *testing.T) {
	got := eventsOf("Андижан, 20 мая 2025 года\n\nСуд приговорил Шерзода Абдуллаева и Нодиру Эргашеву.\n\nВсе четверо были задержаны 11 февраля 2025 года. Спустя двое суток суд избрал Абдуллаеву меру пресечения в виде заключения под стражу, Эргашевой — домашний арест.")
	for _, e := range []string{"arrest 2025-02-13 Шерзод Абдуллаев", "house arrest 2025-02-13 Нодира Эргашева"} {
		if !slices.Contains(got, e) {
			t.Errorf("events = %q, want %q among them", got, e)
		}
	}
	if slices.Contains(got, "arrest 2025-02-13 Нодира Эргашева") {
		t.Errorf("events = %q: the custody is not hers", got)
	}
}

// "told he could not leave Georgia" is a travel ban; "pulling her by the hair" is
// ill-treatment. The texts are invented.
func TestExtract_CouldNotLeaveAndPulledByTheHair(t *testing.T) {
	for text, want := range map[string][]string{
		"Batumi, 20 May 2025\n\nLevan Chkhaidze was stopped at the border on 2 February 2025 and told he could not leave Georgia.": {"travel ban 2025-02-02 Levan Chkhaidze"},
		"Batumi, 20 May 2025\n\nOn 11 January 2025 an officer was filmed pulling Tamta Gogoladze by the hair.":                     {"torture allegation 2025-01-11 Tamta Gogoladze"},
	} {
		if got := eventsOf(text); !slices.Equal(got, want) {
			t.Errorf("events of %q = %q, want %q", text, got, want)
		}
	}
}

// An adjective of a place shaped as a surname before the unit it names ("прокурор
// Первомайского района", "Свердловский районный суд") is no person; a judge of that
// shape is. The text is invented.
func TestExtract_PlaceAdjectiveIsNoSurname(t *testing.T) {
	got := names(Extract("На прениях прокурор Первомайского района запросил для Токтосуновой 8 лет. Помощник прокурора Свердловского района Денис Кислицын выступил. Свердловский районный суд вынес приговор; председательствовал судья Кислицкий."))
	if want := []string{"Денис Кислицын", "Кислицкий"}; !slices.Equal(got, want) {
		t.Errorf("persons = %q, want %q", got, want)
	}
}

// "sentenced editor A and director B to nine years each": what each is, in lower case after
// "and", stands in the list; "for him and for C and D six years each" keeps "him" out. The
// texts are invented.
func TestExtract_EachListWithDescriptors(t *testing.T) {
	r := Extract("Baku, 7 June 2025\n\nJudge Aytan Gasimova sentenced editor-in-chief Leyla Hasanova and director Tural Bagirli to nine years each.")
	if got, want := penaltiesOf(r.Sentences), []string{"Leyla Hasanova imprisonment P9Y", "Tural Bagirli imprisonment P9Y"}; !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
	r = Extract("Ufa, 3 March 2025\n\nThe sixth defendant, Ildar Nurgaliev, was given three years suspended. The prosecutor had asked for four years for him and for Timur Akhmetov and Azat Bikbov six years each.")
	for _, d := range r.Demands {
		if d.Person == "Ildar Nurgaliev" && d.Term == "P6Y" {
			t.Errorf("demands = %q: six years were not asked for him", penaltiesOf(r.Demands))
		}
	}
}

// "after four months behind bars" is a time spent in custody, no day. The text is invented.
func TestExtract_AfterMonthsBehindBars(t *testing.T) {
	got := isoDates(Extract("Tbilisi, 2 October 2025\n\nOn 30 September 2025 the court acquitted Lasha Dolidze, who was released in the courtroom after four months behind bars."))
	if slices.Contains(got, "2026-01-30") {
		t.Errorf("dates = %q: four months behind bars are no day", got)
	}
}

// withOutcome returns the persons a result gives an outcome, in its order.
func withOutcome(r *Result, outcome string) []string {
	var out []string
	for _, o := range r.Outcomes {
		if o.Outcome == outcome {
			out = append(out, o.Person)
		}
	}
	return out
}

// The session's other vocabulary lines, each read where it should be: a Kazakh reprimand
// ("сөгіс жариялады"), a picket interrupted ("прервала пикет"), a push against a wall. The
// texts are invented.
func TestExtract_VocabularyOfTheSession(t *testing.T) {
	for text, want := range map[string][]string{
		"Атырау, 2025 жылғы 20 қазан\n\nАдвокат Мәдина Әлиеваға 2025 жылғы 12 маусымда алқа сөгіс жариялады.": {"disciplinary action 2025-06-12 Мәдина Әлиева"},
		"Алматы, 18 сентября 2024 года\n\nВ понедельник полиция прервала пикет у акимата.":                    {"disruption 2024-09-16"},
		"Tbilisi, 3 June 2024\n\nOn 2 June 2024 officers pushed Nino Beridze against a wall.":                 {"torture allegation 2024-06-02 Nino Beridze"},
	} {
		if got := eventsOf(text); !slices.Equal(got, want) {
			t.Errorf("events of %q = %q, want %q", text, got, want)
		}
	}
}

// "Записано в Худжанде 22 апреля 2024 года" dates a testimony, whose days without a year are
// before it; "должна выйти на свободу 17 апреля" is a day to come, after the text's date.
// The texts are invented.
func TestExtract_RecordedOnAndADayToCome(t *testing.T) {
	got := isoDates(Extract("«Я НЕ ЗНАЮ, ЗА ЧТО»\nРассказ жены. Записано в Худжанде 22 апреля 2024 года.\n\nМужа задержали 3 августа 2023 года. 29 января прокурор попросил для него десять лет."))
	if !slices.Contains(got, "2024-01-29") {
		t.Errorf("dates = %q, want 2024-01-29 among them", got)
	}
	got = isoDates(Extract("3 апреля 2025 года\n\nВ Туркменабате арестована активистка Айна Курбанова. Если арест не продлят, Курбанова должна выйти на свободу 17 апреля."))
	if !slices.Contains(got, "2025-04-17") {
		t.Errorf("dates = %q, want 2025-04-17 among them", got)
	}
}

// "10.2021" opening a chronology's line is a month and its year, and dates the line's
// event; a number of that shape inside a sentence is none. The texts are invented.
func TestExtract_MonthYearInAChronology(t *testing.T) {
	text := "Справка. Составлено: 5 декабря 2024 г.\n\n23.08.2021       Задержан Андрей Гринкевич.\n10.2021          Жена, Елена Гринкевич, уволена из школы.\n"
	if got := eventsOf(text); !slices.Contains(got, "dismissal 2021-10 Елена Гринкевич") {
		t.Errorf("events = %q, want the dismissal of 2021-10", got)
	}
	if got := isoDates(Extract("Минск, 5 декабря 2024 года\n\nШтраф составил 10.2021 рубля.")); slices.Contains(got, "2021-10") {
		t.Errorf("dates = %q: a sum is no month", got)
	}
}

// The noun "remand" alone, as in a section's title run into its text, is no custody. The
// text is invented.
func TestExtract_RemandInATitle(t *testing.T) {
	got := eventsOf("Vienna, 14 March 2024\n\n3. Detentions, searches and remand\nOn 9 May 2023 officers detained Farrukh Nazarov at his home.")
	if slices.Contains(got, "arrest 2023-05-09 Farrukh Nazarov") {
		t.Errorf("events = %q: the title's remand is none", got)
	}
}

// "two of the women were taken to a police station": some of a group the text does not
// name, not the defendants a pronoun before stood for. The text is invented.
func TestExtract_SomeOfAGroupUnnamed(t *testing.T) {
	// A report of batch O, where "them" before it stands for the defendants.
	needPDFTool(t)
	b, err := os.ReadFile("../testdata/batch-2026-12-08-o/O01_tajikistan_report.pdf")
	if err != nil {
		t.Fatal(err)
	}
	text, err := Text("O01.pdf", b)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range Extract(text).Events {
		if e.Type == "release" && e.Date == "2023-11-16" && e.Person != "" {
			t.Errorf("release of %s on 2023-11-16: the two women released are not named", e.Person)
		}
	}
}
