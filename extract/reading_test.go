package extract

import (
	"slices"
	"strings"
	"testing"
)

// penaltiesOf returns a result's demands or sentences as "person kind term".
func penaltiesOf(list []*Penalty) []string {
	var out []string
	for _, p := range list {
		out = append(out, p.Person+" "+p.Kind+" "+p.Term)
	}
	slices.Sort(out)
	return out
}

// A list led by "the sentences were": a bare distributive term ("по шесть лет") is a
// sentence of prison, and a demand told for "both" in parentheses is a demand for the pair.
func TestExtract_ListOfSentences(t *testing.T) {
	text := `Самарканд, 9 октября 2024 года

Приговоры распределились так:
— Рустам Назаров, инженер, — девять лет лишения свободы;
— Фарход Каримов и Улугбек Содиков, студенты, — по шесть лет (обвинение запрашивало для обоих по семь лет).`
	r := Extract(text)
	if got, want := penaltiesOf(r.Sentences), []string{"Рустам Назаров imprisonment P9Y", "Улугбек Содиков imprisonment P6Y", "Фарход Каримов imprisonment P6Y"}; !slices.Equal(got, want) {
		t.Errorf("sentences:\n got %q\nwant %q", got, want)
	}
	if got, want := penaltiesOf(r.Demands), []string{"Улугбек Содиков imprisonment P7Y", "Фарход Каримов imprisonment P7Y"}; !slices.Equal(got, want) {
		t.Errorf("demands:\n got %q\nwant %q", got, want)
	}
}

// A time between two events ("через две недели после ареста", "three weeks after the
// verdict") is no term, even beside a word of imprisonment; "banned for three years after
// his release" still is one.
func TestExtract_TimeBetweenEventsNoTerm(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Москва, 2 мая 2022 года\n\n10 марта 2022 года суд приговорил Ивана Сорокина к пяти годам лишения свободы. Заключение о лишении свободы через две недели обжаловали.",
			[]string{"Иван Сорокин imprisonment P5Y"}},
		{"London, 2 May 2022\n\nOn 10 March 2022 the court sentenced Ivan Sorokin to five years in prison. A medical report on his imprisonment, written three weeks after the verdict, was ignored.",
			[]string{"Ivan Sorokin imprisonment P5Y"}},
		{"London, 2 May 2022\n\nOn 10 March 2022 the court sentenced Ivan Sorokin to five years in prison and banned him from journalism for three years after his release.",
			[]string{"Ivan Sorokin ban P3Y", "Ivan Sorokin imprisonment P5Y"}},
	} {
		if got := penaltiesOf(Extract(tc.text).Sentences); !slices.Equal(got, tc.want) {
			t.Errorf("sentences of %q:\n got %q\nwant %q", tc.text, got, tc.want)
		}
	}
}

// "Upheld the verdicts of four participants" names the four defendants the text lists after
// it; a release "on the day the verdict was read" takes the day of the conviction
// ("признал ... виновными"), not the nearest date of another clause.
func TestExtract_GroupBeforeListAndVerdictDay(t *testing.T) {
	text := `Ташкент, 5 июня 2024 года

20 мая Верховный суд оставил в силе приговоры трём участникам акции в Термезе, осуждённым по делу о митинге 3 марта 2023 года.

11 января 2024 года Сурхандарьинский областной суд признал всех троих виновными и назначил:
— Анвар Турсунов — семь лет лишения свободы;
— Бахром Исаев и Дилшод Рахимов — по пять лет.

Рахимова освободили в зале суда в день оглашения приговора.`
	r := Extract(text)
	var upheld []string
	for _, o := range r.Outcomes {
		if o.Outcome == "upheld" {
			upheld = append(upheld, o.Person)
		}
	}
	slices.Sort(upheld)
	if want := []string{"Анвар Турсунов", "Бахром Исаев", "Дилшод Рахимов"}; !slices.Equal(upheld, want) {
		t.Errorf("upheld = %q, want %q", upheld, want)
	}
	if got, want := eventsOf(text), []string{"release 2024-01-11 Дилшод Рахимов"}; !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// outcomesOf returns a result's outcomes as "person outcome", sorted.
func outcomesOf(r *Result) []string {
	var out []string
	for _, o := range r.Outcomes {
		out = append(out, o.Person+" "+o.Outcome)
	}
	slices.Sort(out)
	return out
}

// A verdict quashed and sent back is returned for everyone whose verdict was quashed, not
// overturned; "отменил его в части A" quashes A's, not the verdict of the person named
// before; an appeal told before the verdict it ruled on is the defendant's.
func TestExtract_QuashedAndReturned(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Aktobe, 3 April 2024\n\nOn 10 January 2024, the district court sentenced Serik Nurpeisov to two years in prison, and Aidos Kemelov and Marat Tulegenov to one year of restriction of freedom each. On 20 March 2024, the regional court quashed the verdict and sent the case back for a new trial.",
			[]string{"Aidos Kemelov convicted", "Aidos Kemelov returned", "Marat Tulegenov convicted", "Marat Tulegenov returned", "Serik Nurpeisov convicted", "Serik Nurpeisov returned"}},
		{"Khujand, 3 April 2024\n\nThe retrial of the blogger Farrukh Saidov opened on 1 April. He was first sentenced to six years on 5 June 2023. On 12 December 2023 the Supreme Court quashed that verdict and ordered a new trial.",
			[]string{"Farrukh Saidov convicted", "Farrukh Saidov returned"}},
		{"Ереван, 12 июня 2025 года\n\n3 марта 2025 года суд приговорил Арсена Петросяна к трём годам лишения свободы, а Ашота Варданяна и Гора Акопяна — к двум годам.\n\n10 июня апелляционный суд оставил без изменения приговор в отношении Арсена Петросяна, однако отменил его в части Ашота Варданяна и Гора Акопяна и направил их дело на новое рассмотрение.",
			[]string{"Арсен Петросян convicted", "Арсен Петросян upheld", "Ашот Варданян convicted", "Ашот Варданян returned", "Гор Акопян convicted", "Гор Акопян returned"}},
		{"Ереван, 20 июня 2025 года\n\n3 марта 2025 года суд приговорил Арсена Петросяна к трём годам лишения свободы. 15 июня Кассационный суд отменил его, сочтя доказательства недопустимыми.",
			[]string{"Арсен Петросян convicted", "Арсен Петросян overturned"}},
		{"Баку, 31 октября 2024 года\n\n27 октября апелляционная коллегия оставила в силе обвинительный приговор, но снизила срок.\n\n9 декабря 2023 года суд приговорил журналиста Фуада Алиева к шести годам лишения свободы.",
			[]string{"Фуад Алиев convicted", "Фуад Алиев upheld"}},
	} {
		if got := outcomesOf(Extract(tc.text)); !slices.Equal(got, tc.want) {
			t.Errorf("outcomes of %q:\n got %q\nwant %q", tc.text, got, tc.want)
		}
	}
}

// Ill-treatment told at a hearing "on the day of his detention" takes the day of the
// detention, not of the hearing, also when the detention is told in a sentence without a
// date after one that has it; blows to the face are ill-treatment in English and Russian.
func TestExtract_IllTreatmentOnTheDayOf(t *testing.T) {
	for _, tc := range []struct {
		text string
		want string
	}{
		{"Baku, 20 March 2025\n\nThe economist Rauf Guliyev was arrested on 3 December 2023.\n\nAt a hearing on 12 March 2025, Guliyev told the court that guards had beaten him on the day of his arrest.",
			"torture allegation 2023-12-03 Rauf Guliyev"},
		{"Bishkek, 20 October 2024\n\nOn 16 January 2024, police searched the office of the newspaper. Nine people were detained, among them the editor Talant Sadykov. The next day a court remanded Sadykov in custody.\n\nSadykov told the court on 2 September that on the day of his detention an officer had struck him in the face.",
			"torture allegation 2024-01-16 Talant Sadykov"},
		{"Москва, 2 мая 2022 года\n\n20 апреля 2022 года полицейский ударил журналиста Ивана Сорокина дубинкой по голове.",
			"torture allegation 2022-04-20 Иван Сорокин"},
	} {
		got := eventsOf(tc.text)
		if !slices.Contains(got, tc.want) {
			t.Errorf("events of %q:\n got %q\nwant %q among them", tc.text, got, tc.want)
		}
		for _, e := range got {
			if e != tc.want && e[:len("torture")] == "torture" {
				t.Errorf("events of %q: %q besides %q", tc.text, e, tc.want)
			}
		}
	}
}

// A date written just before a relative one ("20 января, через два дня после смерти") says
// when; the relative words give no second date.
func TestExtract_DateBeforeRelative(t *testing.T) {
	text := "Псков, 22 января 2025 года\n\n17 января 2025 года в СИЗО умер Николай Ермолов. Суд должен был огласить приговор 21 января.\n\n20 января, через два дня после смерти подсудимого, суд прекратил уголовное дело."
	var got []string
	for _, dt := range Extract(text).Dates {
		got = append(got, dt.Date)
	}
	slices.Sort(got)
	if want := []string{"2025-01-17", "2025-01-20", "2025-01-21", "2025-01-22"}; !slices.Equal(got, want) {
		t.Errorf("dates = %q, want %q", got, want)
	}
}

// Events of someone's kin are not that person's ("searched the homes of relatives of X",
// "detained his brother", "обыскали квартиру родителей блогера X"); a name followed by
// "said" is the speaker, not the one the event happened to; "taken for questioning" is a
// detention; "prohibited from leaving her home" is no travel ban; "at least 40 cases in
// which relatives were dismissed" is no event.
func TestExtract_EventsOfKin(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Grodno, 25 September 2024\n\nOn 17 September police searched the homes of relatives of the exiled journalist Andrei Kavalchuk and detained his father.",
			[]string{"detention 2024-09-17", "search 2024-09-17"}},
		{"Гродно, 25 сентября 2024 года\n\n17 сентября силовики обыскали квартиру родителей блогера Андрея Ковальчука.",
			[]string{"search 2024-09-17"}},
		{"Brest, 3 April 2025\n\nIn the colony Pavel Sidorchuk spent 50 days in a punishment cell, his wife Alena Sidorchuk said.",
			[]string{"disciplinary action  Pavel Sidorchuk"}},
		{"Grodno, 25 September 2024\n\nOn 17 September Alena Sidorchuk was taken to the KGB office for questioning and released in the evening.",
			[]string{"detention 2024-09-17 Alena Sidorchuk", "release 2024-09-17 Alena Sidorchuk"}},
		{"Grodno, 25 September 2024\n\nOn 17 September Alena Sidorchuk was taken in for questioning.",
			[]string{"detention 2024-09-17 Alena Sidorchuk"}},
		{"Гродно, 25 сентября 2024 года\n\n17 сентября Алену Сидорчук доставили на допрос.",
			[]string{"detention 2024-09-17 Алена Сидорчук"}},
		{"Grodno, 25 September 2024\n\nIn March 2023 Alena Sidorchuk was sentenced to two years of restriction of freedom. She was prohibited from leaving her home at night.",
			nil},
		{"Grodno, 25 September 2024\n\nThe group has recorded at least 40 cases since 2022 in which relatives of exiled journalists were dismissed from their jobs.",
			nil},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q:\n got %q\nwant %q", tc.text, got, tc.want)
		}
	}
}

// Organisations: a numbered or quoted detention centre keeps its number or name ("the
// detention centre SIZO-7", "СИЗО «Матросская тишина»"); an ombudsman's office without a
// usual head word ("the Public Defender of Georgia", "Народный защитник Грузии"); a
// university in an oblique case, followed by a person's name that is not part of it; an
// adverb of time before a court ("Весной Ошский городской суд") and a dateline below a
// letterhead are not part of the name; a lawyer ("защитник Петрова") is no institution.
func TestExtract_OrganisationShapes(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Vitebsk, 2 May 2024\n\nOn 20 April 2024 he was moved to the pre-trial detention centre SIZO-7 in Vitebsk.",
			[]string{"SIZO-7"}},
		{"Москва, 2 мая 2024 года\n\nЖурналист содержится в СИЗО «Матросская тишина».",
			[]string{"СИЗО «Матросская тишина»"}},
		{"Tbilisi, 2 May 2024\n\nThe Public Defender of Georgia said that 30 people were detained.",
			[]string{"Public Defender of Georgia"}},
		{"Батуми, 2 мая 2024 года\n\nПредставитель Народного защитника Грузии посетил журналиста. Защитник Петрова заявил, что обжалует арест.",
			[]string{"Народный защитник Грузии"}},
		{"Ош, 2 мая 2024 года\n\nЭкспертизу провела преподаватель Бишкекского государственного университета Гулиза Темирова. Весной Ошский городской суд оштрафовал поэта.",
			[]string{"Бишкекский государственный университет", "Ошский городской суд"}},
		{"Правозащитный центр Полесья\nГомель, 2 мая 2024 года\n\nСуд оштрафовал активиста.",
			[]string{"Правозащитный центр Полесья"}},
		// A place, a level and a head in lower case; a mission named by its city; a body
		// "under the Cabinet"; a court "по тяжким преступлениям".
		{"Brest, 2 May 2024\n\nThe Brest regional prosecutor's office appealed. The Pinsk city akimat and the Brest regional water directorate said nothing. He is held in the Brest pre-trial detention centre, his brother in the KGB pre-trial detention centre.",
			[]string{"Brest pre-trial detention centre", "Brest regional prosecutor's office", "Brest regional water directorate", "KGB pre-trial detention centre", "Pinsk city akimat"}},
		{"Ashgabat, 2 May 2024\n\nThey picketed the Embassy of Turkmenistan in Ankara. The Agency for Press Affairs under the Cabinet of Ministers banned the book.",
			[]string{"Agency for Press Affairs under the Cabinet of Ministers", "Embassy of Turkmenistan in Ankara"}},
		{"Баку, 2 мая 2024 года\n\nГянджинский суд по тяжким преступлениям вынес приговор.",
			[]string{"Гянджинский суд по тяжким преступлениям"}},
	} {
		var got []string
		for _, o := range Extract(tc.text).Orgs {
			got = append(got, o.Name)
		}
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("organisations of %q:\n got %q\nwant %q", tc.text, got, tc.want)
		}
	}
}

// After a preposition a surname in -ова is a man's genitive, not a woman's nominative: "для
// Петрова" is Олег Петров's when Анна Петрова is named too.
func TestExtract_SurnameAfterPreposition(t *testing.T) {
	text := "Самара, 2 мая 2024 года\n\n15 апреля 2024 года суд приговорил Олега Петрова к пяти годам лишения свободы. Его жена Анна Петрова присутствовала в зале. Прокурор запрашивал для Петрова семь лет."
	if got, want := penaltiesOf(Extract(text).Demands), []string{"Олег Петров imprisonment P7Y"}; !slices.Equal(got, want) {
		t.Errorf("demands = %q, want %q", got, want)
	}
}

// A request the court rejected, or the defence's, is no prosecutor's demand: the terms after
// it are the punishment the court left in force.
func TestExtract_RejectedRequestNoDemand(t *testing.T) {
	for _, text := range []string{
		"Uralsk, 2 May 2024\n\nOn 20 April 2024 the regional court upheld the conviction of the blogger Aset Nurlanov. The panel rejected a request to hear a linguist called by the prosecution and left in force his punishment: three years of restriction of freedom.",
		"Uralsk, 2 May 2024\n\nOn 20 April 2024 the regional court upheld the conviction of the blogger Aset Nurlanov. Ignoring the defence's request to hear a linguist called by the prosecution, the panel left in force his punishment: three years of restriction of freedom.",
	} {
		r := Extract(text)
		if got := penaltiesOf(r.Demands); len(got) != 0 {
			t.Errorf("demands = %q, want none\n%s", got, text)
		}
		if got, want := penaltiesOf(r.Sentences), []string{"Aset Nurlanov restriction of freedom P3Y"}; !slices.Equal(got, want) {
			t.Errorf("sentences = %q, want %q\n%s", got, want, text)
		}
	}
}

// "The youngest of the defendants", "one of the journalists" stand for one person, not the
// group: the term told of them is theirs alone.
func TestExtract_OneOfTheGroup(t *testing.T) {
	for _, text := range []string{
		"Tbilisi, 2 May 2025\n\nOn 30 April 2025 the court sentenced Levan Beridze and Giorgi Kapanadze to four years each. Nika Gogua, 20, the youngest of the defendants, was sentenced to two years, suspended.",
		"Tbilisi, 2 May 2025\n\nOn 30 April 2025 the court sentenced Levan Beridze and Giorgi Kapanadze to four years each. Nika Gogua, one of the defendants, was sentenced to two years, suspended.",
	} {
		want := []string{"Giorgi Kapanadze imprisonment P4Y", "Levan Beridze imprisonment P4Y", "Nika Gogua suspended P2Y"}
		if got := penaltiesOf(Extract(text).Sentences); !slices.Equal(got, want) {
			t.Errorf("sentences of %q:\n got %q\nwant %q", text, got, want)
		}
	}
}

// A list whose names carry their occupations ("editor A, accountant B and C") is one list:
// the outcome is each one's.
func TestExtract_ListWithOccupations(t *testing.T) {
	text := "Bishkek, 2 May 2025\n\nOn 30 April 2025 the court acquitted editor Bolot Asanov, accountant Gulnara Temirova and Oleg Kim, a driver."
	want := []string{"Bolot Asanov acquitted", "Gulnara Temirova acquitted", "Oleg Kim acquitted"}
	if got := outcomesOf(Extract(text)); !slices.Equal(got, want) {
		t.Errorf("outcomes = %q, want %q", got, want)
	}
}

// "After 15 years without contact" is a time spent, not a day 15 years after the dateline;
// "released after two days" still dates the release.
func TestExtract_AfterYearsNoDate(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Ashgabat, 12 February 2025\n\nA former official died in prison after 15 years without contact with his family.",
			[]string{"2025-02-12"}},
		{"Ashgabat, 12 February 2025\n\nOn 3 February 2025 police detained the journalist Merdan Orazov. He was released after two days.",
			[]string{"2025-02-03", "2025-02-05", "2025-02-12"}},
	} {
		var got []string
		for _, dt := range Extract(tc.text).Dates {
			got = append(got, dt.Date)
		}
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("dates of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A date in a relative clause after an event ("house arrest, which was lifted in May") is the
// clause's, not the event's: the event keeps the date that opens its sentence.
func TestExtract_DateOfRelativeClause(t *testing.T) {
	text := "Vanadzor, 1 July 2021\n\nOn 20 February 2021 police arrested the blogger Aram Sargsyan. Three weeks later, the court replaced his detention with house arrest, which was lifted in May."
	want := "house arrest 2021-03-13"
	got := eventsOf(text)
	found := false
	for _, e := range got {
		if strings.HasPrefix(e, "house arrest") {
			found = true
			if !strings.HasPrefix(e, want) {
				t.Errorf("house arrest = %q, want %q", e, want)
			}
		}
	}
	if !found {
		t.Errorf("events = %q, want a house arrest", got)
	}
}

// Beside a verb in the plural past ("Петрова задержали сотрудники", "задержали Петрова") a
// surname in -ова is its object, a man's accusative, not a woman's nominative.
func TestExtract_SurnameBesidePluralVerb(t *testing.T) {
	for _, text := range []string{
		"Самара, 2 мая 2024 года\n\nОлег Петров преподавал в школе. Его жена Анна Петрова работает врачом. 15 апреля 2024 года Петрова задержали сотрудники ФСБ.",
		"Самара, 2 мая 2024 года\n\nОлег Петров преподавал в школе. Его жена Анна Петрова работает врачом. 15 апреля 2024 года сотрудники ФСБ задержали Петрова.",
	} {
		if got, want := eventsOf(text), []string{"detention 2024-04-15 Олег Петров"}; !slices.Equal(got, want) {
			t.Errorf("events of %q:\n got %q\nwant %q", text, got, want)
		}
	}
}

// A clause after a colon is its own: a negation before the colon does not negate it, its
// date is not the event's before the colon, and its "he" is the sentence's subject, not
// the man whose brother it names nor an object pronoun. A count of people a few words before
// the event ("dozens of community figures, journalists and lawyers were detained") makes it
// no one's event.
func TestExtract_ClauseAfterColon(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Vienna, 4 March 2023\n\nThe court sentenced Rustam Nazarov to 16 years.\n\nRustam Nazarov's younger brother, Farhod Nazarov, who was detained together with him, was never tried: he died in the detention centre on 19 October 2022.",
			[]string{"death 2022-10-19 Farhod Nazarov", "detention  Farhod Nazarov"}},
		{"Vienna, 4 March 2023\n\nThe court sentenced Rustam Nazarov to 16 years.\n\nFarhod Nazarov, Rustam Nazarov's younger brother, was never tried: he died in the detention centre on 19 October 2022.",
			[]string{"death 2022-10-19 Farhod Nazarov"}},
		{"Vienna, 4 March 2023\n\nBetween May and August 2022, dozens of community figures, journalists and lawyers were detained.",
			nil},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q:\n got %q\nwant %q", tc.text, got, tc.want)
		}
	}
}

// A pronoun or adverb that opens a sentence ("Сейчас", "Сама"), or a noun that opens a
// quotation («Приговор Петровой ...»), is no given name of the surname after it.
func TestExtract_SentenceOpenerNoFirstName(t *testing.T) {
	text := "Душанбе, 2 мая 2024 года\n\nСуд приговорил адвоката Зарину Каримову к семи годам. Защита обжалует приговор. Сейчас Каримова находится в СИЗО. Сама Каримова вину не признала.\n\n«Приговор Каримовой — это сигнал всем адвокатам: молчите», — сказала правозащитница Мадина Юсупова."
	var got []string
	for _, p := range Extract(text).Persons {
		got = append(got, p.Name)
	}
	slices.Sort(got)
	if want := []string{"Зарина Каримова", "Мадина Юсупова"}; !slices.Equal(got, want) {
		t.Errorf("persons = %q, want %q", got, want)
	}
}

// A noun object between a Russian verb and the rest of its phrase ("отправил пенсионера под
// стражу") does not hide the phrase.
func TestExtract_NounObjectInsidePhrase(t *testing.T) {
	text := "Псков, 22 января 2025 года\n\n10 октября 2024 года Николая Ермолова задержали сотрудники ФСБ. Спустя два дня, 12 октября, суд отправил пенсионера под стражу."
	found := false
	for _, e := range allEvents(Extract(text)) {
		if e.Type == "arrest" && e.Date == "2024-10-12" {
			found = true
		}
	}
	if !found {
		t.Errorf("events = %q, want an arrest on 2024-10-12", eventsOf(text))
	}
}

// "arrested in December 2002, in the wave of arrests that followed the attack in November
// 2002": the date of the clause after "that" is not the arrest's.
func TestExtract_DateAfterThatClause(t *testing.T) {
	text := "Vienna, 2 May 2025\n\nDovlet Orazov was arrested in December 2002, in the wave of arrests that followed the attack on the president in November 2002."
	if got, want := eventsOf(text), []string{"arrest 2002-12 Dovlet Orazov"}; !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// A release "после оглашения приговора", "after the verdict" or "in the courtroom" is on the
// day of the verdict; "из-под домашнего ареста" ends a house arrest, it proposes none.
func TestExtract_ReleaseOnVerdictDay(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Ош, 20 марта 2023 года\n\n13 марта 2023 года суд признал поэтессу Айгуль Токтосунову виновной. После оглашения приговора Токтосунову освободили из-под домашнего ареста.",
			[]string{"release 2023-03-13 Айгуль Токтосунова"}},
		{"Andijan, 2 July 2021\n\nOn 30 June 2021 the court sentenced Davron Umarov to three years of restriction of freedom.\n\nThe court refused to hear two witnesses. Umarov was released in the courtroom.",
			[]string{"release 2021-06-30 Davron Umarov"}},
		{"Andijan, 2 July 2021\n\nOn 30 June 2021 the court sentenced Davron Umarov to three years of restriction of freedom.\n\nThe court refused to hear two witnesses. After the verdict, Umarov was released.",
			[]string{"release 2021-06-30 Davron Umarov"}},
		{"Andijan, 2 July 2021\n\nOn 30 June 2021 the court sentenced Davron Umarov to three years of restriction of freedom.\n\nThe court refused to hear two witnesses. Umarov was released two days after the verdict.",
			[]string{"release 2021-07-02 Davron Umarov"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q:\n got %q\nwant %q", tc.text, got, tc.want)
		}
	}
}

// "Two days later an investigator barred her from leaving": the relative date a few words
// before "later ... barred" dates the event.
func TestExtract_LaterAFewWordsBefore(t *testing.T) {
	text := "Oral, 19 June 2024\n\nOn 3 November 2023, police searched the flat of the editor Aliya Serikova. Two days later an investigator barred her from leaving the country."
	got := eventsOf(text)
	if !slices.Contains(got, "travel ban 2023-11-05 Aliya Serikova") {
		t.Errorf("events = %q, want a travel ban on 2023-11-05", got)
	}
}

// A list after a colon whose items each name persons and a date gives each item's persons
// the event on the item's date.
func TestExtract_DatedItemsAfterColon(t *testing.T) {
	text := "Baku, 21 June 2025\n\nThe editors were detained over the winter: Ramil Aliyev and Sevda Guliyeva on 4 December 2023, Kamran Huseynov on 10 January 2024."
	want := []string{"detention 2023-12-04 Ramil Aliyev", "detention 2023-12-04 Sevda Guliyeva", "detention 2024-01-10 Kamran Huseynov"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events:\n got %q\nwant %q", got, want)
	}
}

// "removed her from office" is a dismissal; "removing people from the room" is none.
func TestExtract_RemovedFromOffice(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Tbilisi, 20 September 2025\n\nJudge Nino Kvaratskhelia acquitted two protesters in July. On 18 September 2025, the council removed her from office.",
			[]string{"dismissal 2025-09-18 Nino Kvaratskhelia"}},
		{"Tbilisi, 20 September 2025\n\nOn 16 September 2025, bailiffs began removing people from the room.",
			nil},
	} {
		var got []string
		for _, e := range eventsOf(tc.text) {
			if strings.HasPrefix(e, "dismissal") {
				got = append(got, e)
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("dismissals of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// "in custody since his arrest on 9 June 2022" tells the arrest with its date, though a
// detention was told before; "after his arrest" alone refers back and proposes none.
func TestExtract_EventToldWithItsDate(t *testing.T) {
	text := "Dushanbe, 22 June 2023\n\nHis brother Daler Rahimov was detained in Moscow on 5 April 2023. The journalist Rustam Rahimov has been in custody since his arrest on 9 June 2022."
	got := eventsOf(text)
	if !slices.Contains(got, "arrest 2022-06-09 Rustam Rahimov") {
		t.Errorf("events = %q, want an arrest of Rustam Rahimov on 2022-06-09", got)
	}
}

// A Belarusian surname in -enka / -енка is a surname, with a given name the lists lack.
func TestExtract_BelarusianEnka(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"Gomel, 2 May 2024\n\nIn March 2023, Yanina Kavalenka was sentenced to two years of restriction of freedom.", "Yanina Kavalenka"},
		{"Гомель, 2 мая 2024 года\n\nВ марте 2023 года Янина Коваленка была осуждена на два года ограничения свободы.", "Янина Коваленка"},
	} {
		var got []string
		for _, p := range Extract(tc.text).Persons {
			got = append(got, p.Name)
		}
		if !slices.Contains(got, tc.want) {
			t.Errorf("persons of %q = %q, want %q among them", tc.text, got, tc.want)
		}
	}
}

// A bare demand in the sentence after a term of restriction of freedom, in its paragraph, is
// of that kind.
func TestExtract_BareDemandAfterSentence(t *testing.T) {
	text := "Gomel, 2 May 2024\n\nIn March 2023, the court sentenced Yanina Kavalenka to two years of restriction of freedom. The prosecutor had demanded two and a half years."
	if got, want := penaltiesOf(Extract(text).Demands), []string{"Yanina Kavalenka restriction of freedom P2Y6M"}; !slices.Equal(got, want) {
		t.Errorf("demands = %q, want %q", got, want)
	}
}

// "reduced his prison term from seven years to six years and six months": both terms are
// sentences, not a range the law sets.
func TestExtract_TermReducedFromTo(t *testing.T) {
	text := "Moscow, 30 September 2023\n\nThe Moscow City Court on 28 September upheld the conviction of Pavel Orlov but reduced his prison term from eight years to seven years and six months."
	if got, want := penaltiesOf(Extract(text).Sentences), []string{"Pavel Orlov imprisonment P7Y6M", "Pavel Orlov imprisonment P8Y"}; !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
}

// "He" after "... requested by prosecutor X" is released, so he is not the prosecutor: the
// pronoun goes to the nearest person before it who is no official.
func TestExtract_PronounPastOfficial(t *testing.T) {
	text := "Andijan, 2 July 2021\n\nOn 30 June 2021 the court sentenced Davron Umarov to three years of restriction of freedom, the term requested by prosecutor Anvar Salimov. He was released in the courtroom."
	if got, want := eventsOf(text), []string{"release 2021-06-30 Davron Umarov"}; !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}
