package extract

import (
	"slices"
	"strings"
	"testing"
)

// A list under a prosecutor's request holds demands, whether the prosecutor is named in the
// lead or in the sentence before it; a list under the court's verb holds sentences.
func TestExtract_ListUnderProsecutorsRequest(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		demands    []string
		sentences  []string
	}{
		{"named in the lead", "Омск, 3 марта 2025 года\n\nПрокурор Олег Сизов попросил назначить:\n— Ивану Петрову — 5 лет лишения свободы;\n— Анне Лисовой — 2 года ограничения свободы.\n\nСуд приговорил Ивана Петрова к 4 годам лишения свободы.",
			[]string{"Анна Лисова restriction of freedom P2Y", "Иван Петров imprisonment P5Y"},
			[]string{"Иван Петров imprisonment P4Y"}},
		{"named before the lead", "Kazan, 3 March 2025\n\nThe state prosecutor Oleg Sizov spoke on Monday. He asked:\n- Ivan Petrov, 7 years' imprisonment;\n- Anna Lisova, 3 years' restriction of freedom.",
			[]string{"Anna Lisova restriction of freedom P3Y", "Ivan Petrov imprisonment P7Y"}, nil},
		{"the court's list", "Kazan, 3 March 2025\n\nThe prosecutor Oleg Sizov had asked for more. The court imposed:\n- Ivan Petrov, 6 years' imprisonment;\n- Anna Lisova, 2 years' restriction of freedom.",
			nil, []string{"Anna Lisova restriction of freedom P2Y", "Ivan Petrov imprisonment P6Y"}},
	} {
		r := Extract(tc.text)
		if got := penaltiesOf(r.Demands); !slices.Equal(got, tc.demands) {
			t.Errorf("%s: demands = %q, want %q", tc.name, got, tc.demands)
		}
		if got := penaltiesOf(r.Sentences); !slices.Equal(got, tc.sentences) {
			t.Errorf("%s: sentences = %q, want %q", tc.name, got, tc.sentences)
		}
	}
}

// "Received exactly what the prosecutor asked: TERM": the term is the sentence and the demand.
func TestExtract_ReceivedWhatWasAsked(t *testing.T) {
	for _, text := range []string{
		"Омск, 3 марта 2025 года\n\nСуд вынес приговор Анне Лисовой. Лисова получила ровно то, что просил прокурор: 2 года ограничения свободы.",
		"Kazan, 3 March 2025\n\nThe court delivered its verdict on Anna Lisova. Lisova received exactly what the prosecutor had asked for: 2 years' restriction of freedom.",
	} {
		r := Extract(text)
		for what, list := range map[string][]*Penalty{"demands": r.Demands, "sentences": r.Sentences} {
			if got := penaltiesOf(list); len(got) != 1 || got[0][len(got[0])-len("restriction of freedom P2Y"):] != "restriction of freedom P2Y" {
				t.Errorf("%s of %q = %q, want the two years' restriction of freedom", what, text[:30], got)
			}
		}
	}
}

// A military rank abbreviated ("Maj.", "Sgt.") does not end the sentence: the prosecutor
// named after it still asks for the terms that follow, and the rank is no person.
func TestExtract_RankAbbreviationKeepsTheSentence(t *testing.T) {
	text := "Kazan, 3 March 2025\n\nThe garrison court sentenced Ivan Petrov to 5 years. The state prosecutor, Maj. Oleg Sizov, had sought 7 years for Petrov."
	r := Extract(text)
	if got, want := penaltiesOf(r.Demands), []string{"Ivan Petrov imprisonment P7Y"}; !slices.Equal(got, want) {
		t.Errorf("demands = %q, want %q", got, want)
	}
	if got, want := penaltiesOf(r.Sentences), []string{"Ivan Petrov imprisonment P5Y"}; !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
	for _, p := range r.Persons {
		if p.Name == "Maj" {
			t.Errorf("persons = %q: the rank read as a name", names(r))
		}
	}
}

// Dates told from an event: "a month after the verdict" (an acquittal is a verdict too), "two
// days after the dispersal", "the following night"; a date further on in another clause ("...,
// and B on 12 January") is that clause's, not the relative date's.
func TestExtract_RelativeDatesFromEvents(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Omsk, 6 October 2025\n\nOn 10 April 2025 the Omsk court acquitted Denis Kravets. A month after the verdict, the qualification collegium terminated Judge Anna Sokolova's powers.",
			[]string{"dismissal 2025-05-10 Anna Sokolova"}},
		{"Tbilisi, 6 October 2025\n\nThe case goes back to 2 December 2024, when riot police dispersed a rally outside Parliament. Levan Kiknadze and Nino Beridze were charged with violence.\n\nKiknadze was detained two days after the dispersal; Beridze was picked up the following night at a friend's flat.",
			[]string{"detention 2024-12-04 Levan Kiknadze", "detention 2024-12-05 Nino Beridze"}},
		{"Baku, 5 June 2024\n\nPolice raided the office of the newspaper on 20 November 2023. Editor Fuad Hasanov was detained ten days after the raid, and his deputy Aysel Guliyeva on 12 January 2024.",
			[]string{"detention 2023-11-30 Fuad Hasanov"}},
	} {
		got := eventsOf(tc.text)
		for _, w := range tc.want {
			if !slices.Contains(got, w) {
				t.Errorf("events of %q = %q, want %q among them", tc.text[:30], got, w)
			}
		}
	}
}

// A court that "ordered her pre-trial detention" arrests her on the day the sentence tells;
// custody taken or ended "in the courtroom" is of the day of the verdict told before.
func TestExtract_CourtCustodyDates(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Dushanbe, 3 March 2025\n\nOn 10 January 2025, Ms. Malika Rahimova was detained by the police outside her office. Two days later, the district court ordered her pre-trial detention.",
			[]string{"arrest 2025-01-12 Malika Rahimova", "detention 2025-01-10 Malika Rahimova"}},
		{"Osh, 20 March 2025\n\nOn 14 March the Osh City Court found blogger Timur Osmonov guilty of fraud and sentenced him to four years.\n\nOsmonov was taken into custody in the courtroom.",
			[]string{"arrest 2025-03-14 Timur Osmonov"}},
	} {
		got := eventsOf(tc.text)
		for _, w := range tc.want {
			if !slices.Contains(got, w) {
				t.Errorf("events of %q = %q, want %q among them", tc.text[:30], got, w)
			}
		}
	}
}

// Russian names the list of given names lacks: a man's name in -а in the genitive that the
// text also writes in the nominative ("Фомы Гусева ... Фома Гусев"); a genitive surname
// before a full name ("адвокат Гусева Юлиана Белова": Gusev's lawyer); a list of
// signatories whose lines each open with a surname, given name and patronymic.
func TestExtract_RussianNamesOutsideTheList(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
		not  []string
	}{
		{"Пермь, 3 марта 2025 года\n\nСуд вернул прокурору дело Фомы Гусева. Гусев провёл под стражей полгода.\n\nПо теме: в Перми задержан активист Фома Гусев",
			[]string{"Фома Гусев"}, []string{"Фомы Гусев"}},
		{"Пермь, 3 марта 2025 года\n\nАктивиста Игоря Гусева задержали 2 марта. «Это абсурд», — сказала адвокат Гусева Юлиана Белова.",
			[]string{"Юлиана Белова"}, []string{"Гусева Юлиана", "Гусев Юлиан"}},
		{"Письмо подписали:\nКозлов Игорь Петрович, АП Республики Карелия\nБелова Анна Сергеевна, АП Тверской области",
			[]string{"Игорь Козлов", "Анна Белова"}, []string{"Карелия Белова", "Анна Сергеевна"}},
		// A Turkic given name in -ы does not decline.
		{"Ақтөбе, 3 марта 2025 года\n\nСуд приговорил журналиста Жангельды Сарсенова к пяти годам.",
			[]string{"Жангельды Сарсенов"}, nil},
	} {
		got := names(Extract(tc.text))
		for _, w := range tc.want {
			if !slices.Contains(got, w) {
				t.Errorf("persons of %q = %q, want %q among them", tc.text[:30], got, w)
			}
		}
		for _, n := range tc.not {
			if slices.Contains(got, n) {
				t.Errorf("persons of %q = %q, want no %q", tc.text[:30], got, n)
			}
		}
	}
}

// A human rights centre by its abbreviation and quoted name ("ПЦ «…»"); a monitor is the head
// of an organisation's name, and an adjective in -ой before it in the nominative stays so.
func TestExtract_RussianNGONames(t *testing.T) {
	text := "Минск, 3 марта 2025 года\n\nПо данным ПЦ «Гарант», суд приговорил активиста Игоря Козлова к трём годам. Городской правозащитный монитор назвал приговор политическим."
	got := orgNames(Extract(text))
	for _, w := range []string{"ПЦ «Гарант»", "Городской правозащитный монитор"} {
		if !slices.Contains(got, w) {
			t.Errorf("organisations = %q, want %q among them", got, w)
		}
	}
}

// What is not an organisation's name: a letter's form of address ("your Excellency's
// Government"), a document type heading a release ("PRESS STATEMENT"), and a section's title
// ("3. Context", "Chronology") joined to the line below it.
func TestExtract_NotOrganisationNames(t *testing.T) {
	text := "PRESS STATEMENT\n\nVienna, 3 March 2025\n\nWe would like to bring to the attention of your Excellency's Government information concerning Mr. Ivan Petrov.\n\n3. Context\nThe Steppe Media outlet was founded in 2015.\n\nChronology\nPolice detained Petrov on 3 May 2024 at the Steppe Voice office."
	got := orgNames(Extract(text))
	for _, n := range got {
		switch n {
		case "PRESS STATEMENT", "Excellency's Government", "Context The Steppe Media", "Chronology Police":
			t.Errorf("organisations = %q: %q is none", got, n)
		}
	}
}

// A list led by the terms' noun ("Terms after the appeal (first instance -> appeal):") holds
// sentences, in the abbreviations digests use ("7 yrs -> 5 yrs", "3 yrs suspended").
func TestExtract_ListOfTermsAbbreviated(t *testing.T) {
	text := "Osh, 3 March 2025\n\nThe regional court heard the appeals of the three farmers on Monday.\n\nTerms after the appeal (first instance -> appeal):\n- Almaz Sydykov: 6 yrs -> 4 yrs\n- Bolot Kadyrov: 5 yrs -> 2 yrs suspended\n"
	r := Extract(text)
	want := []string{"Almaz Sydykov imprisonment P4Y", "Almaz Sydykov imprisonment P6Y", "Bolot Kadyrov imprisonment P5Y", "Bolot Kadyrov suspended P2Y"}
	if got := penaltiesOf(r.Sentences); !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
	// A list under a request stays a list of demands.
	text = "Osh, 3 March 2025\n\nThe prosecutor asked for these terms:\n- Almaz Sydykov: 6 yrs\n- Bolot Kadyrov: 5 yrs\n"
	if got := penaltiesOf(Extract(text).Sentences); len(got) > 0 {
		t.Errorf("sentences of a list of requests = %q, want none", got)
	}
}

// A period's first day is a date as well as its last ("between 18 and 24 May 2025", "с 3 по
// 9 марта"); an event told within it is dated to its month; a night ("of 11-12 January")
// keeps its last day alone.
func TestExtract_PeriodsOfDays(t *testing.T) {
	for _, tc := range []struct {
		text   string
		dates  []string
		events []string
	}{
		{"Vienna, 19 October 2026\n\nThe five activists were detained between 18 and 24 May 2025, after a meeting in the town.",
			[]string{"2025-05-18", "2025-05-24"}, []string{"detention 2025-05"}},
		{"Москва, 20 марта 2025 года\n\nС 3 по 9 марта 2025 года мы насчитали 40 новых дел.",
			[]string{"2025-03-03", "2025-03-09"}, nil},
		{"Tbilisi, 20 January 2025\n\nOn the night of 11-12 January 2025 police detained Nino Abashidze in Batumi.",
			[]string{"2025-01-12"}, []string{"detention 2025-01-12 Nino Abashidze"}},
	} {
		r := Extract(tc.text)
		got := isoDates(r)
		for _, w := range tc.dates {
			if !slices.Contains(got, w) {
				t.Errorf("dates of %q = %q, want %s among them", tc.text[:30], got, w)
			}
		}
		if slices.Contains(got, "2025-01-11") {
			t.Errorf("dates of %q = %q: a night dated by its first day", tc.text[:30], got)
		}
		evs := eventsOf(tc.text)
		for _, w := range tc.events {
			if !slices.Contains(evs, w) {
				t.Errorf("events of %q = %q, want %q", tc.text[:30], evs, w)
			}
		}
	}
}

// Given names listed before a full name share its surname: "brothers Timur, Ruslan and
// Aziz Karimov" are three Karimovs, each sentenced.
func TestExtract_SharedSurname(t *testing.T) {
	text := "Dushanbe, 3 March 2025\n\nThe court sentenced the brothers Timur, Ruslan and Aziz Karimov to 10 years each."
	r := Extract(text)
	want := []string{"Aziz Karimov imprisonment P10Y", "Ruslan Karimov imprisonment P10Y", "Timur Karimov imprisonment P10Y"}
	if got := penaltiesOf(r.Sentences); !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
}

// A table printed by pdftotext: a cell's second line under a later column belongs to the
// table; a name that wraps in its cell goes on below ("Timur, Ruslan and Aziz" over
// "Karimov"), where a line whose cell above ends in a dash continues the row; and a name
// never runs from one cell into the next row's first cell.
func TestExtract_TableWrappedCells(t *testing.T) {
	text := "Dushanbe, 3 March 2025\n\nThe eight men were convicted on 11 December 2024.\n\n" +
		" Name                         Age    Sentence           Status\n" +
		" Bahrom Saidov                54     25 years           Transferred to colony No. 3/8 in\n" +
		"                                                        Vakhsh in August\n" +
		" Timur, Ruslan and Aziz       28–    16 years each      Colony No. 3/6, Khujand\n" +
		" Karimov (brothers)           36\n" +
		" Sherzod Nazarov              62     12 years           Colony No. 3/1\n"
	r := Extract(text)
	want := []string{"Aziz Karimov imprisonment P16Y", "Bahrom Saidov imprisonment P25Y", "Ruslan Karimov imprisonment P16Y", "Sherzod Nazarov imprisonment P12Y", "Timur Karimov imprisonment P16Y"}
	if got := penaltiesOf(r.Sentences); !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
	for _, n := range names(r) {
		if strings.Contains(n, "Khujand") || strings.Contains(n, "Vakhsh") {
			t.Errorf("persons = %q: a name across cells", names(r))
		}
	}
}

// "About" makes a term approximate only right before it ("about two years in custody"), not
// across an article ("concern about the two-year prison sentence handed down to X").
func TestExtract_AboutBeforeAnArticle(t *testing.T) {
	text := "Bishkek, 8 September 2025\n\nRights groups expressed deep concern about the two-year prison sentence handed down to journalist Aida Karimova."
	if got, want := penaltiesOf(Extract(text).Sentences), []string{"Aida Karimova imprisonment P2Y"}; !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
	text = "Bishkek, 8 September 2025\n\nJournalist Aida Karimova, convicted in May, spent about two years in custody."
	if got := penaltiesOf(Extract(text).Sentences); len(got) > 0 {
		t.Errorf("sentences = %q, want none", got)
	}
}

// A ban with a long scope takes the term after "на" in its clause; a term in a sentence that
// names no one is of the one defendant the sentence before names, not of the last sentenced.
func TestExtract_BanScopeAndUnnamedTerm(t *testing.T) {
	text := "Москва, 3 марта 2025 года\n\nСуд назначил Анне Лисовой 6 лет лишения свободы с запретом занимать должности в органах государственной власти и местного самоуправления на 3 года. Иван Петров был приговорён к 2 годам ограничения свободы.\n\nКоллегия исключила из обвинения Лисовой один эпизод. В связи с этим наказание снижено до 5 лет лишения свободы."
	r := Extract(text)
	want := []string{"Анна Лисова ban P3Y", "Анна Лисова imprisonment P5Y", "Анна Лисова imprisonment P6Y", "Иван Петров restriction of freedom P2Y"}
	if got := penaltiesOf(r.Sentences); !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
}

// A court that chose custody as the measure of restraint arrests ("избрал меру пресечения в
// виде содержания под стражей"); taken to a security service's building is a detention.
func TestExtract_RussianCustodyMeasure(t *testing.T) {
	text := "Душанбе, 10 июня 2025 года\n\n8 июня сотрудники ГКНБ увезли Рустама Назарова в здание ГКНБ. 9 июня суд избрал Рустаму Назарову меру пресечения в виде содержания под стражей."
	got := eventsOf(text)
	for _, w := range []string{"arrest 2025-06-09 Рустам Назаров", "detention 2025-06-08 Рустам Назаров"} {
		if !slices.Contains(got, w) {
			t.Errorf("events = %q, want %q among them", got, w)
		}
	}
}

// "АП" is a chamber of lawyers, named by the region after it on its line.
func TestExtract_ChamberOfLawyersAbbreviation(t *testing.T) {
	text := "Письмо подписали:\nКозлов Игорь Петрович, АП г. Москвы\nБелова Анна Сергеевна, АП Тверской области\nИванова Мария Олеговна, АП Республики Карелия"
	r := Extract(text)
	got := orgNames(r)
	for _, w := range []string{"АП г. Москвы", "АП Тверской области", "АП Республики Карелия"} {
		if !slices.Contains(got, w) {
			t.Errorf("organisations = %q, want %q among them", got, w)
		}
	}
	if n := names(r); !slices.Contains(n, "Анна Белова") {
		t.Errorf("persons = %q, want Анна Белова among them", n)
	}
}

// A numbered police department keeps its head ("отдел полиции № 9", not "полиция № 9"); a
// division is the head of a name; a publisher's name after "|" on the letterhead ends at its
// line, before the dateline's place.
func TestExtract_DepartmentsAndDivisions(t *testing.T) {
	text := "WEEKLY BULLETIN | Caspian Rights Coalition\nTbilisi, 6 Oct. 2025\n\nNino Abashidze said she was beaten at the Batumi Main Division of the Ministry of Internal Affairs.\n\nВ Екатеринбурге активиста Ивана Петрова доставили в отдел полиции № 9."
	got := orgNames(Extract(text))
	for _, w := range []string{"Caspian Rights Coalition", "Batumi Main Division of the Ministry of Internal Affairs", "отдел полиции № 9"} {
		if !slices.Contains(got, w) {
			t.Errorf("organisations = %q, want %q among them", got, w)
		}
	}
}

// "(X in Russian transliteration)": another spelling of the same person.
func TestExtract_TransliterationAlias(t *testing.T) {
	text := "Minsk, 3 March 2025\n\nThe court sentenced exiled blogger Aliaksei Kavalenka (Alexei Kovalenko in Russian transliteration) in absentia to six years."
	r := Extract(text)
	if got := names(r); !slices.Equal(got, []string{"Aliaksei Kavalenka"}) {
		t.Errorf("persons = %q, want Aliaksei Kavalenka alone", got)
	}
}

// "Imposed" sentences a bare term ("The court imposed: - A: 6 years"); a verb of sentencing
// in a clause of its own after a request is the term's ("asked for eight years, and the
// judge imposed seven").
func TestExtract_ImposedAndAskedInOneSentence(t *testing.T) {
	text := "Nukus, 3 March 2025\n\nThe court convicted the two men. The court imposed:\n- Ibrahim Tajiev, 34: 8 years' imprisonment;\n- Azat Sultanov, 23, a student: 5 years."
	if got, want := penaltiesOf(Extract(text).Sentences), []string{"Azat Sultanov imprisonment P5Y", "Ibrahim Tajiev imprisonment P8Y"}; !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
	text = "Dushanbe, 3 March 2025\n\nAt the retrial of journalist Rustam Nazarov, the prosecutor again asked for eight years, and the judge again imposed seven."
	r := Extract(text)
	if got, want := penaltiesOf(r.Demands), []string{"Rustam Nazarov imprisonment P8Y"}; !slices.Equal(got, want) {
		t.Errorf("demands = %q, want %q", got, want)
	}
	if got, want := penaltiesOf(r.Sentences), []string{"Rustam Nazarov imprisonment P7Y"}; !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
}

// An appeal rejected in the passive or with its appellant's name is a verdict upheld.
func TestExtract_AppealRejected(t *testing.T) {
	for _, s := range []string{"Temirova's appeal was rejected by the regional court on 20 May.", "The regional court rejected Temirova's appeal on 20 May."} {
		text := "Almaty, 3 June 2025\n\nOn 11 April the court sentenced activist Aliya Temirova to two years of restriction of freedom. " + s
		if got := outcomeKeys(Extract(text).Outcomes); !slices.Contains(got, "Aliya Temirova: upheld") {
			t.Errorf("outcomes of %q = %q, want upheld", s, got)
		}
	}
}

// A ban "for the duration of the sentence" lasts the main penalty's term.
func TestExtract_BanForTheSentence(t *testing.T) {
	text := "Almaty, 3 June 2025\n\nOn 11 April the court sentenced activist Aliya Temirova to two years of restriction of freedom. The court also banned her from posting on social media for the duration of the sentence."
	want := []string{"Aliya Temirova ban P2Y", "Aliya Temirova restriction of freedom P2Y"}
	if got := penaltiesOf(Extract(text).Sentences); !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
}

// "Under probation supervision" is how a restriction of freedom is served, not a suspended
// sentence.
func TestExtract_ProbationSupervisionIsNoSentence(t *testing.T) {
	text := "Almaty, 3 June 2025\n\nOn 11 April the court sentenced activist Aliya Temirova to two years of restriction of freedom. She remains under probation supervision and the court also banned her from posting on social media for the duration of the sentence."
	want := []string{"Aliya Temirova ban P2Y", "Aliya Temirova restriction of freedom P2Y"}
	if got := penaltiesOf(Extract(text).Sentences); !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
}

// "Taken from his home" is a detention, and ill-treatment "on the night of his detention" is
// of that day, not of others' detention told after it.
func TestExtract_TakenFromHome(t *testing.T) {
	text := "Nukus, 3 March 2025\n\nAzat Sultanov was taken from his home on 4 September 2024; Ibrahim Tajiev was detained two days later. Sultanov told his lawyer that officers kicked him on the night of his detention."
	got := eventsOf(text)
	for _, w := range []string{"detention 2024-09-04 Azat Sultanov", "torture allegation 2024-09-04 Azat Sultanov", "detention 2024-09-06 Ibrahim Tajiev"} {
		if !slices.Contains(got, w) {
			t.Errorf("events = %q, want %q among them", got, w)
		}
	}
}

// An event in a relative clause of a common noun ("a former inmate who was released") is of
// someone unnamed, proposed without a person; an aside "according to X," between a date and its clause leaves the date
// to the clause.
func TestExtract_UnnamedAndAsides(t *testing.T) {
	text := "Ashgabat, 20 February 2025\n\nBlogger Merdan Orazov is serving ten years in colony LB-K/12. On 8 February 2025, according to a former inmate who was released the next week, guards beat Orazov with rubber truncheons."
	got := eventsOf(text)
	if !slices.Contains(got, "torture allegation 2025-02-08 Merdan Orazov") {
		t.Errorf("events = %q, want the beating of 8 February", got)
	}
	for _, e := range got {
		if strings.HasPrefix(e, "release") && strings.Contains(e, "Orazov") {
			t.Errorf("events = %q: the inmate's release is not Orazov's", got)
		}
	}
}

// A surname of Russian shape in a Kazakh case ("Сейтқалиевқа", "Сейтқалиевты") is the
// surname itself.
func TestExtract_KazakhCaseEndings(t *testing.T) {
	text := "Жаңаөзен, 3 наурыз 2025\n\nСот Ерболат Сейтқалиевқа бес жыл берді. Прокурор Ерболат Сейтқалиевты кінәлі деп тапты."
	if got := names(Extract(text)); !slices.Equal(got, []string{"Ерболат Сейтқалиев"}) {
		t.Errorf("persons = %q, want Ерболат Сейтқалиев alone", got)
	}
}

// Sent for compulsory treatment is a penalty, told by the verb of sending, and no
// conviction; the maximum a law "предусмотрено" is no sentence.
func TestExtract_CompulsoryTreatment(t *testing.T) {
	text := "Ташкент, 22 июля 2026 года\n\nСуд 21 июля освободил блогера Шухрата Каримова от уголовной ответственности, признав его невменяемым, и направил на принудительное лечение в психиатрический стационар. Каримова обвиняли по ч. 3 ст. 158 УК, за которое предусмотрено до пяти лет лишения свободы."
	r := Extract(text)
	if got, want := penaltiesOf(r.Sentences), []string{"Шухрат Каримов compulsory treatment "}; !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
	if got := outcomeKeys(r.Outcomes); len(got) > 0 {
		t.Errorf("outcomes = %q, want none", got)
	}
}

// A detention extended is no new detention.
func TestExtract_DetentionExtended(t *testing.T) {
	text := "Yerevan, 3 October 2025\n\nBlogger Vahe Sargsyan was detained on 1 July 2025. Two days later the court ordered his arrest for two months; the detention was extended in late August by a further two months."
	for _, e := range eventsOf(text) {
		if strings.HasPrefix(e, "detention") && e != "detention 2025-07-01 Vahe Sargsyan" {
			t.Errorf("events = %q: %q is an extension", eventsOf(text), e)
		}
	}
}

// "Sixteen people were released. Among them were A and B": the release is theirs.
func TestExtract_AmongThemNamesAnEvent(t *testing.T) {
	text := "Minsk, 30 October 2025\n\nOn 2 October, sixteen people convicted under protest articles were released after pardon decrees. Among them were Anna Kavaliova, a nurse, and Siarhei Marozau, a factory worker."
	got := eventsOf(text)
	for _, w := range []string{"release 2025-10-02 Anna Kavaliova", "release 2025-10-02 Siarhei Marozau"} {
		if !slices.Contains(got, w) {
			t.Errorf("events = %q, want %q among them", got, w)
		}
	}
}

// A house arrest extended is no new house arrest.
func TestExtract_HouseArrestExtended(t *testing.T) {
	text := "Бишкек, 21 ноября 2025 года\n\nВ четверг суд продлил ещё на два месяца домашний арест активисту Бакыту Осмонову. Он находится под домашним арестом с 22 сентября."
	got := eventsOf(text)
	if want := []string{"house arrest 2025-09-22 Бакыт Осмонов"}; !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// A headline in capitals ("APPEAL: ONE TERM CUT, ONE UPHELD") sums up outcomes of people it
// does not name: no outcome for the defendant named last.
func TestExtract_CapsHeadlineOutcomes(t *testing.T) {
	text := "NUKUS APPEAL: ONE TERM CUT, ONE UPHELD, ONE CASE SENT BACK\nCase note, 11 March 2026\n\nOn 1 March blogger Umid Sadykov, sentenced in 2023 to 3 years of restriction of freedom, was released under an amnesty."
	if got := outcomeKeys(Extract(text).Outcomes); !slices.Equal(got, []string{"Umid Sadykov: convicted"}) {
		t.Errorf("outcomes = %q, want only the conviction", got)
	}
}

// "Избрал меру пресечения в виде ареста": an arrest.
func TestExtract_MeasureOfArrest(t *testing.T) {
	text := "Баку, 12 февраля 2025 года\n\n10 февраля суд избрал активисту Эмину Алиеву меру пресечения в виде ареста сроком на четыре месяца."
	if got := eventsOf(text); !slices.Contains(got, "arrest 2025-02-10 Эмин Алиев") {
		t.Errorf("events = %q, want the arrest of 10 February", got)
	}
}

// "Лишить её права заниматься … на два года": a ban, with its term.
func TestExtract_DeprivedOfTheRight(t *testing.T) {
	text := "Ташкент, 24 апреля 2025 года\n\n14 февраля 2025 года суд назначил журналистке Нодире Каримовой 3 года ограничения свободы. Государственный обвинитель требовал для неё 3 года 6 месяцев лишения свободы, а также лишить её права заниматься журналистской деятельностью на два года."
	want := []string{"Нодира Каримова ban P2Y", "Нодира Каримова imprisonment P3Y6M"}
	if got := penaltiesOf(Extract(text).Demands); !slices.Equal(got, want) {
		t.Errorf("demands = %q, want %q", got, want)
	}
}

// Local administrations ("акимат", "хукумат") head names; the Investigative Committee by its
// abbreviation names a body with its region ("ГСУ СК России по Свердловской области", "СК по
// Удмуртской Республике"), not alone.
func TestExtract_RussianAdministrationsAndCommittee(t *testing.T) {
	text := "Жанаозен, 3 марта 2025 года\n\nАктивисты пришли к зданию акимата Жанаозена, а в Душанбе — к хукумату Хатлонской области. Дело расследует ГСУ СК России по Свердловской области, а другое — СК по Удмуртской Республике. В СК не ответили."
	got := orgNames(Extract(text))
	for _, w := range []string{"акимат Жанаозена", "хукумат Хатлонской области", "ГСУ СК России по Свердловской области", "СК по Удмуртской Республике"} {
		if !slices.Contains(got, w) {
			t.Errorf("organisations = %q, want %q among them", got, w)
		}
	}
	if slices.Contains(got, "СК") {
		t.Errorf("organisations = %q: СК alone", got)
	}
}

// Held in a pre-trial prison since a day ("содержится в СИЗО-3 с 20 апреля") is in custody
// since then: an arrest that day, for each of a gapped list.
func TestExtract_HeldInSIZOSince(t *testing.T) {
	text := "Гомель, 3 июня 2026 года\n\nДенис Ковалёв содержится в СИЗО-3 г. Гомеля с 20 апреля, Никита Орлов — с 2 мая."
	want := []string{"arrest 2026-04-20 Денис Ковалёв", "arrest 2026-05-02 Никита Орлов"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// "Her father, X, had his flat searched on the day of her detention": the search is his, on
// the day she was detained.
func TestExtract_HadHisFlatSearched(t *testing.T) {
	text := "Baku, 3 March 2026\n\nAytan Karimova was detained on 6 December 2025 and Tural Aliyev on 13 December. Karimova's elderly father, Rauf Karimov, had his flat searched on the day of her detention."
	got := eventsOf(text)
	if !slices.Contains(got, "search 2025-12-06 Rauf Karimov") {
		t.Errorf("events = %q, want the search of Rauf Karimov's flat on 6 December", got)
	}
}

// "X was detained on 6 December and Y the following week, on 13 December", "X was detained ten
// days after the raid, and Y on 12 January": the clause after "and" leaves out the verb and
// keeps its own date.
func TestExtract_GappedAndClause(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Baku, 3 March 2026\n\nAytan Karimova was detained on 6 December 2025 and Tural Aliyev the following week, on 13 December.",
			[]string{"detention 2025-12-06 Aytan Karimova", "detention 2025-12-13 Tural Aliyev"}},
		{"Baku, 5 June 2024\n\nPolice raided the office of Kanal 13 on 20 November 2023. Editor Fuad Hasanov was detained ten days after the raid, and reporter Sevinj Aliyeva on 12 January 2024.",
			[]string{"detention 2023-11-30 Fuad Hasanov", "detention 2024-01-12 Sevinj Aliyeva"}},
	} {
		got := eventsOf(tc.text)
		for _, w := range tc.want {
			if !slices.Contains(got, w) {
				t.Errorf("events of %q = %q, want %q among them", tc.text[:20], got, w)
			}
		}
	}
}

// Names the lists of names lack, with an official's title: a letter's signatures, a name in
// apposition to a title; claims of the text are not theirs.
func TestExtract_TitledNames(t *testing.T) {
	text := "Vienna, 8 September 2025\n\nThe Representative on Freedom of the Media, Ingeborg Halvorsen, today condemned the two-year prison sentence handed down to journalist Aida Karimova.\n\nPlease accept the assurances of our highest consideration.\n\nOluwaseun Adebayo-Marsh\nSpecial Rapporteur on the situation of human rights defenders\n"
	r := Extract(text)
	got := names(r)
	for _, w := range []string{"Ingeborg Halvorsen", "Oluwaseun Adebayo-Marsh"} {
		if !slices.Contains(got, w) {
			t.Errorf("persons = %q, want %q among them", got, w)
		}
	}
	if got, want := penaltiesOf(r.Sentences), []string{"Aida Karimova imprisonment P2Y"}; !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
}

// A chronology that goes back within the story's weeks goes on from the day the paragraph
// before told: "Two days later" after "On 5 September ... searched", though the lede told the
// verdict of 11 September.
func TestExtract_TwoDaysLaterInAChronology(t *testing.T) {
	text := "Vilnius, 14 September 2026\n\nThe Hrodna Regional Court sentenced journalist Yauhen Kavalchuk in absentia to ten years. The verdict was delivered on 11 September.\n\nOn the morning of 5 September, officers searched the flat of his parents in Hrodna.\n\nTwo days later, his sister, Volha Kavalchuk, was dismissed from her job at the hospital."
	if got := eventsOf(text); !slices.Contains(got, "dismissal 2026-09-07 Volha Kavalchuk") {
		t.Errorf("events = %q, want the dismissal of 7 September", got)
	}
}

// "В тот же день, когда был подписан указ, — 27 ноября": the date after the dash says the day,
// not the relative words before it nor the day the sentence before told.
func TestExtract_SameDayThenDate(t *testing.T) {
	text := "Минск, 1 декабря 2026 г.\n\nО помиловании Тараса Орлова его жена сообщила позавчера. Тараса освободили из колонии в тот же день, когда был подписан указ, — 27 ноября."
	if got := eventsOf(text); !slices.Equal(got, []string{"release 2026-11-27 Тарас Орлов"}) {
		t.Errorf("events = %q, want the release of 27 November", got)
	}
}

// "Веру задержали, а через двое суток суд отпустил её": the date after "а" is the second
// clause's; the detention keeps the day the text had reached.
func TestExtract_DateOfTheNextClause(t *testing.T) {
	text := "Краснодар, 14 октября 2026 года\n\n2 октября в квартире адвоката Веры Лобовой провели обыск. Веру Лобову задержали, а через двое суток районный суд отпустил её под запрет определённых действий."
	got := eventsOf(text)
	if !slices.Contains(got, "detention 2026-10-02 Вера Лобова") {
		t.Errorf("events = %q, want the detention of 2 October", got)
	}
}

// Prevented from boarding a flight abroad is a travel ban, on that day.
func TestExtract_PreventedFromBoarding(t *testing.T) {
	text := "Almaty, 3 December 2026\n\nOn 24 November border guards at Shymkent airport prevented journalist Nurlan Sadykov from boarding a flight to Istanbul."
	if got := eventsOf(text); !slices.Contains(got, "travel ban 2026-11-24 Nurlan Sadykov") {
		t.Errorf("events = %q, want the travel ban of 24 November", got)
	}
}

// A sentence that opens with a short participle and names no one ("Освобождён из-под стражи
// в зале суда.") is of the person the sentence before names, of the participle's gender.
func TestExtract_SubjectlessParticiple(t *testing.T) {
	text := "Жанаозен, 27 сентября 2025 года\n\n26 сентября суд вынес приговор.\n\nБауыржан Кенжебаев — 3 года ограничения свободы. Освобождён из-под стражи в зале суда."
	if got := eventsOf(text); !slices.Contains(got, "release 2025-09-26 Бауыржан Кенжебаев") {
		t.Errorf("events = %q, want Kenzhebaev's release on the day of the verdict", got)
	}
}

// A clinic and a desk head the names of rights groups: "Osh Public Interest Law Clinic",
// "Caspian Rights Desk".
func TestExtract_ClinicAndDesk(t *testing.T) {
	text := "Osh, 3 March 2025\n\nThe Osh Public Interest Law Clinic and the Caspian Rights Desk condemned the verdict against blogger Aibek Toktorov."
	got := orgNames(Extract(text))
	for _, w := range []string{"Osh Public Interest Law Clinic", "Caspian Rights Desk"} {
		if !slices.Contains(got, w) {
			t.Errorf("organisations = %q, want %q among them", got, w)
		}
	}
}

// A state's name ("the Russian Federation", "the Kyrgyz Republic") is no organisation; its
// bodies are ("Supreme Court of the Kyrgyz Republic").
func TestExtract_StateIsNoOrganisation(t *testing.T) {
	text := "Bishkek, 3 March 2025\n\nThe Supreme Court of the Kyrgyz Republic upheld the verdict under Article 205.2 of the Criminal Code of the Russian Federation. The Kyrgyz Republic has ratified the Covenant."
	got := orgNames(Extract(text))
	if !slices.Contains(got, "Supreme Court of the Kyrgyz Republic") {
		t.Errorf("organisations = %q, want the Supreme Court among them", got)
	}
	for _, n := range got {
		if n == "Russian Federation" || n == "Kyrgyz Republic" {
			t.Errorf("organisations = %q: %q is a state", got, n)
		}
	}
}

// Terms abbreviated to "y." and "m." in a list: "4 y. 6 m." is four years and six months, and
// "y." or "m." that follow no number are no unit.
func TestExtract_TermsAbbreviatedYM(t *testing.T) {
	text := "Kazan, 3 March 2025\n\nThe district court sentenced the two cyclists on Friday.\n\nSentences:\n- Marat Gilmanov: 4 y. 6 m. in a penal colony\n- Dina Safina: 2 y. suspended\n"
	want := []string{"Dina Safina suspended P2Y", "Marat Gilmanov imprisonment P4Y6M"}
	if got := penaltiesOf(Extract(text).Sentences); !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
	text = "Kazan, 3 March 2025\n\nThe district court sentenced Marat Gilmanov to four years in a penal colony, the Y. M. Safin court said."
	if got := penaltiesOf(Extract(text).Sentences); !slices.Equal(got, []string{"Marat Gilmanov imprisonment P4Y"}) {
		t.Errorf("sentences with initials Y. M. = %q", got)
	}
}

// A list without bullets, a line for each person ("Safin — 3 y. 6 m. (4 y.)"), after a legend
// that says what the brackets hold: every line is an item the legend leads, not only the first.
func TestExtract_DashListUnderLegend(t *testing.T) {
	text := "Ufa, 3 July 2025\n\nOn Monday the district court sentenced Rustem Ibragimov, Ildar Sabirov and Timur Valeev.\n\nThe sentences, with what the prosecutor asked in brackets:\n\nIbragimov — 5 y. (7 y.)\nSabirov — 3 y. 6 m. (4 y.)\nValeev — 2 y. suspended (3 y. imprisonment)\n"
	r := Extract(text)
	if got, want := penaltiesOf(r.Sentences), []string{"Ildar Sabirov imprisonment P3Y6M", "Rustem Ibragimov imprisonment P5Y", "Timur Valeev suspended P2Y"}; !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
	if got, want := penaltiesOf(r.Demands), []string{"Ildar Sabirov imprisonment P4Y", "Rustem Ibragimov imprisonment P7Y", "Timur Valeev imprisonment P3Y"}; !slices.Equal(got, want) {
		t.Errorf("demands = %q, want %q", got, want)
	}
}

// An HTML table whose corner cell is empty: the head's columns stay over their data ("Prosecutor
// asked" over the requests), not shifted one to the left onto the names.
func TestExtract_TableEmptyCorner(t *testing.T) {
	text := `<html><body><p>Nukus, 5 April 2025. The city court sentenced two bloggers in January; the regional court heard their appeal.</p>
<table><tr><th></th><th>Prosecutor asked</th><th>Verdict</th></tr>
<tr><td>Azamat Tleuov</td><td>9 years</td><td>7 years</td></tr>
<tr><td>Berdakh Saparov</td><td>6 years</td><td>5 years</td></tr></table></body></html>`
	plain, err := Text("appeal.html", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	r := Extract(plain)
	if got, want := penaltiesOf(r.Demands), []string{"Azamat Tleuov imprisonment P9Y", "Berdakh Saparov imprisonment P6Y"}; !slices.Equal(got, want) {
		t.Errorf("demands = %q, want %q", got, want)
	}
	if got, want := penaltiesOf(r.Sentences), []string{"Azamat Tleuov imprisonment P7Y", "Berdakh Saparov imprisonment P5Y"}; !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
}

// TestExtract_URLWrappedOverEmptyLine: a PDF's text may put an empty line between the lines of
// a page; an address cut at a hyphen goes on after it, one cut at a slash may be whole.
func TestExtract_URLWrappedOverEmptyLine(t *testing.T) {
	text := "The hearing was adjourned.\n\n" +
		"1 Ruling on the measure of restraint, see https://rights-\n\n" +
		"watch.example.org/docs/ruling-12.pdf\n" +
		"2 The defence's statement: https://defence.example.org/\n\n" +
		"Contacts\n"
	var got []string
	for _, f := range Extract(text).Footnotes {
		got = append(got, f.URLs...)
	}
	want := []string{"https://rights-watch.example.org/docs/ruling-12.pdf", "https://defence.example.org/"}
	if !slices.Equal(got, want) {
		t.Errorf("footnotes' URLs %q, want %q", got, want)
	}
}

// TestExtract_DemandListAfterColon: a request's list that begins on the line of its verb
// ("asked: A — ten years; B and C — seven years each"), its items cut at semicolons; an item
// without a kind takes the one before it.
func TestExtract_DemandListAfterColon(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"Намаган, 4 марта 2026 года\n\nПеред судом трое: Шерзод Алимов, Дилноза Рахимова и Бобур Юсупов. Суд отложил заседание.\n\nПрокурор запросил: Алимову — 9 лет лишения свободы; Рахимовой и Юсупову — по 6 лет.",
			[]string{"Бобур Юсупов imprisonment P6Y", "Дилноза Рахимова imprisonment P6Y", "Шерзод Алимов imprisonment P9Y"}},
		{"Vitebsk, 4 March 2026\n\nThree men stood trial: Pavel Hrynko, Ales Dudar and Yury Sheuchyk. The hearing was adjourned.\n\nThe prosecutor asked: Hrynko — three years of restricted freedom; Dudar — two years; Sheuchyk — eighteen months.",
			[]string{"Ales Dudar restriction of freedom P2Y", "Pavel Hrynko restriction of freedom P3Y", "Yury Sheuchyk restriction of freedom P18M"}},
	} {
		r := Extract(tt.text)
		if got := penaltiesOf(r.Demands); !slices.Equal(got, tt.want) {
			t.Errorf("demands:\n got %q\nwant %q", got, tt.want)
		}
		if got := penaltiesOf(r.Sentences); len(got) > 0 {
			t.Errorf("sentences %q, want none", got)
		}
	}
}

// TestExtract_DemandOfTheChargedBefore: a request that names no one is for the defendant the
// sentence before names as charged, not the one told of before that.
func TestExtract_DemandOfTheChargedBefore(t *testing.T) {
	text := "Batumi, 12 June 2026\n\nThe City Court delivered its verdicts on Thursday.\n\n" +
		"Irakli Dolidze was sentenced to three years. Zurab Meskhi, 24, was charged under Article 353. The prosecutor sought six years; he received four."
	r := Extract(text)
	if got, want := penaltiesOf(r.Demands), []string{"Zurab Meskhi imprisonment P6Y"}; !slices.Equal(got, want) {
		t.Errorf("demands %q, want %q", got, want)
	}
	if got, want := penaltiesOf(r.Sentences), []string{"Irakli Dolidze imprisonment P3Y", "Zurab Meskhi imprisonment P4Y"}; !slices.Equal(got, want) {
		t.Errorf("sentences %q, want %q", got, want)
	}
	// The first claim of the text: no defendant told before it.
	r = Extract("Batumi, 12 June 2026\n\nZurab Meskhi, 24, was charged under Article 353. The prosecutor sought six years; he received four.")
	if got, want := penaltiesOf(r.Demands), []string{"Zurab Meskhi imprisonment P6Y"}; !slices.Equal(got, want) {
		t.Errorf("the first claim: demands %q, want %q", got, want)
	}
}

// TestExtract_EachOfTheSentenceBefore: "N years each" in a sentence that names no one is for
// each of the people the sentence before names.
func TestExtract_EachOfTheSentenceBefore(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"Kutaisi, 2 July 2026\n\nThe hearing ended on Tuesday.\n\nDavit Abashidze, 29, a driver, and Eka Lomidze, 35, a nurse, were charged under Article 225. The prosecution asked for five years each.",
			[]string{"Davit Abashidze imprisonment P5Y", "Eka Lomidze imprisonment P5Y"}},
		{"Актобе, 2 июля 2026 года\n\nЗаседание закончилось во вторник.\n\nЕрлан Сейтов и Даурен Омаров обвиняются по статье 174 УК. Прокурор попросил по пять лет лишения свободы.",
			[]string{"Даурен Омаров imprisonment P5Y", "Ерлан Сейтов imprisonment P5Y"}},
	} {
		if got := penaltiesOf(Extract(tt.text).Demands); !slices.Equal(got, tt.want) {
			t.Errorf("demands:\n got %q\nwant %q", got, tt.want)
		}
	}
}

// TestExtract_DemandOfImprisonmentWithoutTerm: the prosecution's request for imprisonment,
// no term told, is a demand of that kind; prison sentences in general are nothing.
func TestExtract_DemandOfImprisonmentWithoutTerm(t *testing.T) {
	text := "Brest, 14 May 2026\n\nBoth were found guilty:\n– Ihar Kot: a fine of 40 base units;\n– Nasta Lis: 2 years of restricted freedom.\n" +
		"The prosecutor had sought imprisonment for both. Prison sentences for such posts have become common since 2021, " +
		"and the prosecutor said imprisonment awaited Ihar Kot if he posted again."
	r := Extract(text)
	if got, want := penaltiesOf(r.Demands), []string{"Ihar Kot imprisonment ", "Nasta Lis imprisonment "}; !slices.Equal(got, want) {
		t.Errorf("demands %q, want %q", got, want)
	}
	if got, want := penaltiesOf(r.Sentences), []string{"Ihar Kot fine ", "Nasta Lis restriction of freedom P2Y"}; !slices.Equal(got, want) {
		t.Errorf("sentences %q, want %q", got, want)
	}
	r = Extract("Гомель, 14 мая 2026 года\n\nАнну Гук оштрафовали на 40 базовых величин, хотя прокурор просил реальное лишение свободы. Реальное лишение свободы за такие посты стало обычным.")
	if got, want := penaltiesOf(r.Demands), []string{"Анна Гук imprisonment "}; !slices.Equal(got, want) {
		t.Errorf("Russian: demands %q, want %q", got, want)
	}
}

// TestExtract_BanDuringYears: a ban "в течение трёх лет после освобождения" has that term, and
// its scope ends before it.
func TestExtract_BanDuringYears(t *testing.T) {
	r := Extract("Витебск, 5 мая 2026 года\n\nСуд приговорил учителя Марину Лях к двум годам колонии и запретил ей заниматься педагогической деятельностью в течение трёх лет после освобождения.")
	var got []string
	for _, p := range r.Sentences {
		got = append(got, p.Person+" "+p.Kind+" "+p.Term+" "+p.Scope)
	}
	slices.Sort(got)
	if want := []string{"Марина Лях ban P3Y педагогической деятельностью", "Марина Лях imprisonment P2Y "}; !slices.Equal(got, want) {
		t.Errorf("sentences %q, want %q", got, want)
	}
}

// TestExtract_BanForTheSameTerm: a ban "for the same term" lasts the term told before it.
func TestExtract_BanForTheSameTerm(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"Oral, 9 April 2026\n\nThe court sentenced Dana Akhmet to two years of restricted freedom and banned her from journalism for the same term.",
			[]string{"Dana Akhmet ban P2Y", "Dana Akhmet restriction of freedom P2Y"}},
		{"Орал, 9 апреля 2026 года\n\nСуд назначил Данияру Ахметову 4 года ограничения свободы с запретом на занятие журналистикой на тот же срок.",
			[]string{"Данияр Ахметов ban P4Y", "Данияр Ахметов restriction of freedom P4Y"}},
	} {
		if got := penaltiesOf(Extract(tt.text).Sentences); !slices.Equal(got, tt.want) {
			t.Errorf("sentences:\n got %q\nwant %q", got, tt.want)
		}
	}
}

// TestExtract_UpheldForTheGroup: "rejected all three appeals", "оставил приговор <суда> без
// изменения" uphold the verdicts of the group the text tells of.
func TestExtract_UpheldForTheGroup(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"Ganja, 5 May 2026\n\nThe Ganja Grave Crimes Court convicted Orkhan Guliyev, Samir Hajiyev and Aysel Nabiyeva on 2 February.\n\nOn 4 May the Ganja Court of Appeal rejected all three appeals.",
			[]string{"Aysel Nabiyeva: convicted", "Aysel Nabiyeva: upheld", "Orkhan Guliyev: convicted", "Orkhan Guliyev: upheld", "Samir Hajiyev: convicted", "Samir Hajiyev: upheld"}},
		{"Атырау, 5 мая 2026 года\n\nАтырауский городской суд 3 марта приговорил Нурлыбека Исаева и Айжан Сарину к трём годам ограничения свободы.\n\nВчера областной суд рассмотрел апелляционные жалобы обоих осуждённых и оставил приговор Атырауского городского суда без изменения.",
			[]string{"Айжан Сарина: convicted", "Айжан Сарина: upheld", "Нурлыбек Исаев: convicted", "Нурлыбек Исаев: upheld"}},
	} {
		if got := outcomeKeys(Extract(tt.text).Outcomes); !slices.Equal(got, tt.want) {
			t.Errorf("outcomes:\n got %q\nwant %q", got, tt.want)
		}
	}
}
