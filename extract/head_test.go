package extract

import (
	"slices"
	"strings"
	"testing"
)

// The document's date is found in the head of a page whatever comes before it (menus, a
// site's name, a letterhead), alone in its line or in a segment cut by "·" or "|", after a
// word of publication, or after a place; a date in a title or a table further down is not
// taken for it. Each text is invented.
func TestExtract_DatelineInTheHead(t *testing.T) {
	menu := "Site Name | Watch\n\nNews\n\nCases\n\nReports\n\nAbout us\n\nDonate\n\nHome › News\n\n"
	body := "\n\nA long first paragraph of prose that tells the story of the case in full, as press releases do, with more than enough words to be a paragraph of the body rather than a line of the page's head: the court heard the appeal and ruled on it."
	for _, tc := range []struct {
		name, text, want string
	}{
		{"after menus, alone", menu + "Title of the story\n\nMonday, 16 December 2024" + body, "2024-12-16"},
		{"segment", menu + "Title of the story\n\nOctober 21, 2025 · Rights · 4 comments" + body, "2025-10-21"},
		{"published", menu + "Title of the story\n\nPublished 30.10.2024 · 5 min read · Tags: courts" + body, "2024-10-30"},
		{"posted", menu + "Title of the story\n\nPosted 17 December 2022 · by staff" + body, "2022-12-17"},
		{"place in capitals", menu + "Title of the story\n\nALMATY, 21.05.2025 | Category: Kazakhstan" + body, "2025-05-21"},
		{"place after a segment", "Fair Trial Initiative · Interim report · Yerevan, 30 September 2022\n\nTitle" + body, "2022-09-30"},
		{"recorded", "PODCAST — episode 112\nTranscript excerpt. Recorded in Tbilisi on 18 September 2025. Edited for length.\n\nDK: Let's start." + body, "2025-09-18"},
		{"опубликован", "ДАЙДЖЕСТ\nВыпуск № 4 · опубликован 14.10.2024\n\nТекст." + body, "2024-10-14"},
		{"a post's day without a year", "Свободное слово\n12 апреля, 09:14\n\nВчера суд арестовал поэта.", "--04-12"},
		{"not a table's date after the head", menu + "Title of the story" + body + "\n\nZhanaozen City Court, 30.09.2024\n\nMangystau Regional Court, 12.12.2024", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Extract(tc.text).Dateline; got != tc.want {
				t.Fatalf("dateline of %q = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

// Weekdays count back from the document's date ("last Wednesday" before it), from the end of
// the week a digest covers ("7–13 октября": "в понедельник" is the 7th), and days counted from
// a post's date without a year have no year either.
func TestExtract_WeekdaysAndYearlessPosts(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"last weekday", "Courts | 3 July 2024, Yerevan\n\nThe Court of Cassation last Wednesday quashed the conviction.", []string{"2024-06-26", "2024-07-03"}},
		{"on a weekday after the head", "Site | Watch\n\nNews\n\nCases\n\nAbout\n\nDonate\n\nHome\n\nPublished 30.10.2024 · 5 min read\n\nThe Baku Court of Appeal on Tuesday rejected the appeals.", []string{"2024-10-29", "2024-10-30"}},
		{"digest week", "ДАЙДЖЕСТ\nВыпуск № 41 · 7–13 октября 2024 года · опубликован 14.10.2024\n\nВ понедельник суд вынес приговор. В пятницу задержали наблюдателей.", []string{"2024-10-07", "2024-10-11", "2024-10-14"}},
		{"yesterday of a post", "Свободное слово\n12 апреля, 09:14\n\nПозавчера задержан поэт. Вчера суд арестовал его.", []string{"--04-10", "--04-11", "--04-12"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := dates(Extract(tc.text))
			want := slices.Clone(tc.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Fatalf("dates of %q = %v, want %v", strings.ReplaceAll(tc.text, "\n", " / "), got, want)
			}
		})
	}
}

// Dates told from an event that any word of the event vocabulary names ("after the raid",
// "после избиения"), or from a dated gathering ("the morning after the protest", "в день
// акции"), or on the verdict's day ("upon the verdict"); and a clause after "а" keeps its own
// relative date. Each text is invented.
func TestExtract_DatesFromNamedEvents(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"after the raid", "Bishkek, 1 September 2025\n\nOn 15 January 2024 officers raided the office of Aizada Toktogulova. Two days after the raid the court remanded Toktogulova in custody.",
			[]string{"2024-01-15", "2024-01-17", "2025-09-01"}},
		{"the morning after the protest", "Tbilisi, 18 September 2025\n\nThe trial concerned the 29 April protest on Rustaveli Avenue. Levan Chkhartishvili was detained the morning after the protest.",
			[]string{"2025-04-29", "2025-04-30", "2025-09-18"}},
		{"в день акции", "Нукус, 13 марта 2023 г.\n\nАкция прошла 18 сентября 2022 года. Туремуратова задержали в день акции.",
			[]string{"2022-09-18", "2023-03-13"}},
		{"upon the verdict", "Minsk, 1 December 2024\n\nThe court sentenced Ivan Sidorenko to three years on 10 October 2024. Olga Sidorenko was released from house arrest upon the verdict.",
			[]string{"2024-10-10", "2024-12-01"}},
		{"а через неделю", "Уральск, 5 ноября 2024 года\n\nАсель Тлеуову задержали 14 марта, а через неделю после задержания суд отправил её под домашний арест.",
			[]string{"2024-03-14", "2024-03-21", "2024-11-05"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := dates(Extract(tc.text))
			if !slices.Equal(got, tc.want) {
				t.Fatalf("dates of %q = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}

// "upon the verdict" dates the event by the verdict, not by the day the story last reached.
func TestExtract_ReleaseUponTheVerdict(t *testing.T) {
	r := Extract("Minsk, 1 December 2024\n\nThe court sentenced Ivan Sidorenko to three years on 10 October 2024. His lawyer filed an appeal on 20 October 2024.\n\nOlga Sidorenko was released from house arrest upon the verdict.")
	for _, e := range r.Events {
		if e.Type == "release" {
			if e.Date != "2024-10-10" || e.Person != "Olga Sidorenko" {
				t.Fatalf("release = %s %s, want 2024-10-10 Olga Sidorenko", e.Date, e.Person)
			}
			return
		}
	}
	t.Fatalf("no release in %v", r.Events)
}

// The event vocabulary's newer words, each in an inflected form: "picked up", "walked out of
// the penitentiary", "left the colony", "placed in ShIZO", "отправил в СИЗО", "задерживали",
// "освободилась", "вышел из колонии", "водворили в карцер". Each text is invented.
func TestExtract_EventVocabularyFamilies(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Baku, 2 May 2024\n\nOn 21 November 2023 police picked up the reporter Orkhan Babayev.", []string{"detention 2023-11-21 Orkhan Babayev"}},
		{"Yerevan, 3 July 2024\n\nOn 28 June 2024 the activist Mher Tonoyan walked out of the Armavir penitentiary.", []string{"release 2024-06-28 Mher Tonoyan"}},
		{"Bishkek, 3 September 2025\n\nOn 31 August 2025 the editor Aizada Toktogulova left penal colony No. 2.", []string{"release 2025-08-31 Aizada Toktogulova"}},
		{"Kirov, 17 October 2025\n\nOn 10 October 2025 the prisoner Nikita Gromov was placed in ShIZO for 15 days.", []string{"disciplinary action 2025-10-10 Nikita Gromov"}},
		{"Москва, 14 октября 2024 года\n\n23 февраля 2024 года суд отправил Артёма Белозёрова в СИЗО.", []string{"arrest 2024-02-23 Артём Белозёров"}},
		{"Москва, 14 октября 2024 года\n\n23 февраля 2024 года полицейские задерживали Артёма Белозёрова.", []string{"detention 2024-02-23 Артём Белозёров"}},
		{"Гомель, 19 сентября 2025 года\n\n17 сентября 2025 года из колонии освободилась Ольга Ковалёва.", []string{"release 2025-09-17 Ольга Ковалёва"}},
		{"Гомель, 19 сентября 2025 года\n\n17 сентября 2025 года Олег Ковалёв вышел из колонии.", []string{"release 2025-09-17 Олег Ковалёв"}},
		{"Гомель, 19 сентября 2025 года\n\n17 сентября 2025 года Олега Ковалёва водворили в карцер.", []string{"disciplinary action 2025-09-17 Олег Ковалёв"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %v, want %v", tc.text, got, tc.want)
		}
	}
}

// Another spelling of a name in parentheses is the same person, named by the spelling the
// text gives first; a different person in parentheses is not merged. Invented texts.
func TestExtract_ParentheticalAliases(t *testing.T) {
	names := func(text string) []string {
		var out []string
		for _, p := range Extract(text).Persons {
			out = append(out, p.Name)
		}
		slices.Sort(out)
		return out
	}
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Minsk, 1 May 2024\n\nAlena Sakovich (in Russian-language documents: Elena Sakovich) was detained on 3 June 2024. She was charged.", []string{"Alena Sakovich"}},
		{"Minsk, 1 May 2024\n\nThe court sentenced Ihar Lazouski (Igor Lazovsky) to three years.", []string{"Ihar Lazouski"}},
		{"Ashgabat, 1 May 2024\n\nDovletgeldi Gurbanov (spelled Dovletgeldy Kurbanov in some Russian-language reports) was detained.", []string{"Dovletgeldi Gurbanov"}},
		{"Гомель, 19 сентября 2025 года\n\nИз колонии освободилась Ольга Ковалёва (по-белорусски — Вольга Кавалёва).", []string{"Ольга Ковалёва"}},
		{"Minsk, 1 May 2024\n\nThe court heard Ivan Petrov (Pavel Sidorov's lawyer) on 3 June.", []string{"Ivan Petrov", "Pavel Sidorov"}},
		{"Minsk, 1 May 2024\n\nThe court heard Ivan Petrov (represented by Pavel Sidorov) on 3 June.", []string{"Ivan Petrov", "Pavel Sidorov"}},
	} {
		if got := names(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("persons of %q = %v, want %v", tc.text, got, tc.want)
		}
	}
	// The events told of the person after the alias are the person's.
	if got, want := eventsOf("Minsk, 1 May 2024\n\nAlena Sakovich (in Russian-language documents: Elena Sakovich) was a lawyer. On 3 June 2024 she was detained."),
		[]string{"detention 2024-06-03 Alena Sakovich"}; !slices.Equal(got, want) {
		t.Errorf("events = %v, want %v", got, want)
	}
}

// An event takes the date of its own clause, not one of an apposition or a relative clause
// between commas before it. Invented text.
func TestExtract_EventDateOfItsClause(t *testing.T) {
	got := eventsOf("Minsk, 1 December 2024\n\nSiarhei Dubovik, 61, a former teacher convicted in 2022 of insulting the president, died in penal colony No. 3 on 2 July 2024.")
	if want := []string{"death 2024-07-02 Siarhei Dubovik"}; !slices.Equal(got, want) {
		t.Fatalf("events = %v, want %v", got, want)
	}
}

// Units written short, as tables and court papers write them: "7 лет 6 мес.", "5 yrs".
func TestExtract_ShortUnits(t *testing.T) {
	r := Extract("Нукус, 13 марта 2023 г.\n\n10 марта 2023 года суд приговорил Ивана Петрова к 7 годам 6 мес. лишения свободы.")
	if got, want := penaltyKeys(r.Sentences), []string{"Иван Петров: imprisonment P7Y6M"}; !slices.Equal(got, want) {
		t.Errorf("sentences = %v, want %v", got, want)
	}
	r = Extract("Tashkent, 13 March 2023\n\nOn 10 March 2023 the court sentenced Ivan Petrov to 5 yrs in prison.")
	if got, want := penaltyKeys(r.Sentences), []string{"Ivan Petrov: imprisonment P5Y"}; !slices.Equal(got, want) {
		t.Errorf("sentences = %v, want %v", got, want)
	}
}

// A place after a preposition is not the first word of the name after it ("учительнице из
// Альметьевска Рамиле Хасановой"). Invented text.
func TestExtract_PlaceBeforeAName(t *testing.T) {
	var got []string
	for _, p := range Extract("Казань, 14 октября 2024 года\n\nСуд отменил приговор учительнице из Бугульмы Рамиле Хасановой.").Persons {
		got = append(got, p.Name)
	}
	if len(got) != 1 || !strings.HasSuffix(got[0], "Хасанова") || strings.Contains(got[0], "Бугульм") {
		t.Fatalf("persons = %v, want one, Хасанова, without the town", got)
	}
}

// An event told once to the month and once to the day is one event, of the day. Invented
// text.
func TestExtract_EventToTheMonthAndToTheDay(t *testing.T) {
	got := eventsOf("Минск, 25 августа 2021 года\n\nАндрея Кулешова задержали в начале марта 2021 года. Кулешова задержали 3 марта прямо на работе.")
	if want := []string{"detention 2021-03-03 Андрей Кулешов"}; !slices.Equal(got, want) {
		t.Fatalf("events = %v, want %v", got, want)
	}
}

// A clause that leaves out the verb ("A on 3 March, B and C — the next day") tells its
// persons' event with its own date. Invented text.
func TestExtract_GappedClause(t *testing.T) {
	got := eventsOf("Minsk, 25 August 2021\n\nPolice detained Andrei Kuleshov on 3 March 2021, Pavel Savitsky and Olga Zhuk — the next day.")
	want := []string{"detention 2021-03-03 Andrei Kuleshov", "detention 2021-03-04 Olga Zhuk", "detention 2021-03-04 Pavel Savitsky"}
	if !slices.Equal(got, want) {
		t.Fatalf("events = %v, want %v", got, want)
	}
}

// "each of the men" stands for the male defendants only. Invented text.
func TestExtract_GroupOfTheMen(t *testing.T) {
	r := Extract("Gomel, 1 September 2024\n\nOn 22 August 2024 the court sentenced Pavel Hrynkevich to four years' imprisonment, Andrei Sauchuk to two years' imprisonment and Tatsiana Mikhnevich to three years of restriction of freedom. The prosecution had sought five years for each of the men.")
	want := []string{"Andrei Sauchuk: imprisonment P5Y", "Pavel Hrynkevich: imprisonment P5Y"}
	if got := penaltyKeys(r.Demands); !slices.Equal(got, want) {
		t.Fatalf("demands = %v, want %v", got, want)
	}
}

// A group points back to the defendants named before it, not to one of a later section; a
// bare demand takes no kind from clauses before it that gave terms of several kinds. Invented
// text.
func TestExtract_GroupPointsBack(t *testing.T) {
	r := Extract("Gomel, 1 December 2024\n\nOn 22 August 2024 the court sentenced Pavel Hrynkevich to four years' imprisonment and Andrei Sauchuk to two years' imprisonment; Tatsiana Mikhnevich received three years of restriction of freedom. The prosecution had sought five years for each of the men.\n\nPunished again\n\nOn 7 October 2024 a court sentenced Yury Karpovich to one year of imprisonment.")
	want := []string{"Andrei Sauchuk: imprisonment P5Y", "Pavel Hrynkevich: imprisonment P5Y"}
	if got := penaltyKeys(r.Demands); !slices.Equal(got, want) {
		t.Fatalf("demands = %v, want %v", got, want)
	}
}

// A name followed by its court ("Judge X of the Y District Court sentenced her") is the
// subject of the verb, so the object pronoun is someone else. Invented text.
func TestExtract_SubjectPastItsCourt(t *testing.T) {
	r := Extract("Dushanbe, 10 June 2025\n\nMs Firuza Nazarova was charged with calls for violence. On 17 February 2025 Judge Saidmurod Rahimzoda of the Shohmansur District Court sentenced her to ten years' imprisonment.")
	if got, want := penaltyKeys(r.Sentences), []string{"Firuza Nazarova: imprisonment P10Y"}; !slices.Equal(got, want) {
		t.Fatalf("sentences = %v, want %v", got, want)
	}
}

// pdftotext's page break inside a sentence is a line break, between paragraphs a paragraph
// break.
func TestJoinPages(t *testing.T) {
	for in, want := range map[string]string{
		"On 17 February Judge Saidmurod\n\fRahimzoda sentenced her.\n": "On 17 February Judge Saidmurod\nRahimzoda sentenced her.\n",
		"The court ruled.\n\fA new section\n":                          "The court ruled.\n\nA new section\n",
		"the appeal, which\n\fwas rejected":                            "the appeal, which\nwas rejected",
		"no page breaks":                                               "no page breaks",
	} {
		if got := JoinPages(in); got != want {
			t.Errorf("JoinPages(%q) = %q, want %q", in, got, want)
		}
	}
}

// A post without a year: "that same evening" goes on from the day before yesterday, not from
// the post's day. Invented text.
func TestExtract_YearlessPostStory(t *testing.T) {
	got := eventsOf("Свободное слово\n12 апреля, 09:14\n\nПозавчера вечером задержан поэт Тогрул Мамедли. В тот же вечер полицейские провели обыск в квартире Гюльшан Мамедли.")
	want := []string{"detention --04-10 Тогрул Мамедли", "search --04-10 Гюльшан Мамедли"}
	if !slices.Equal(got, want) {
		t.Fatalf("events = %v, want %v", got, want)
	}
}

// A bare month after the story's last day in the calendar's order goes on into the next
// year; a sentence that gives the same month again to the day is dated by the day; and a
// custody's next step told without a name is the person's of the step before. Invented text.
func TestExtract_CustodyStoryGoesOn(t *testing.T) {
	text := "Courts | 3 July 2024, Yerevan\n\nOfficers detained Mher Tonoyan at his home on 9 November 2021; two days later a court ordered his arrest for two months. In late January the measure was changed to house arrest — according to the court's records, from 20 January 2022."
	got := eventsOf(text)
	want := []string{"arrest 2021-11-11 Mher Tonoyan", "detention 2021-11-09 Mher Tonoyan", "house arrest 2022-01-20 Mher Tonoyan"}
	if !slices.Equal(got, want) {
		t.Fatalf("events = %v, want %v", got, want)
	}
	if ds := dates(Extract(text)); !slices.Contains(ds, "2022-01") || slices.Contains(ds, "2024-01") {
		t.Fatalf("dates = %v, want late January in 2022", ds)
	}
}

// A court's change of a term gives the term before and after as sentences ("reducing his
// sentence from seven to five years", "from three years to eighteen months"), and "reduced
// X's term to N years" is X's alone. Invented texts.
func TestExtract_TermChanges(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Baku, 30 October 2024\n\nThe court granted part of the appeal of cameraman Ramil Sadigov, reducing his sentence from seven to five years.",
			[]string{"Ramil Sadigov: imprisonment P5Y", "Ramil Sadigov: imprisonment P7Y"}},
		{"Almaty, 21 May 2025\n\nThe court reduced the prison term of the activist Daulet Mukhametkali from three years to eighteen months.",
			[]string{"Daulet Mukhametkali: imprisonment P18M", "Daulet Mukhametkali: imprisonment P3Y"}},
		{"Andijan, 1 September 2021\n\nOn 10 August 2021 the court upheld the verdict for Sardor Mirzaev and Ikrom Yusupov but reduced Yusupov's term to eight years.",
			[]string{"Ikrom Yusupov: imprisonment P8Y"}},
	} {
		if got := penaltyKeys(Extract(tc.text).Sentences); !slices.Equal(got, tc.want) {
			t.Errorf("sentences of %q = %v, want %v", tc.text, got, tc.want)
		}
	}
}

// "left unchanged the sentence of X" is an appeal court's upholding. Invented text.
func TestExtract_LeftUnchangedTheSentence(t *testing.T) {
	r := Extract("Almaty, 21 May 2025\n\nOn Monday the appellate collegium of the Almaty City Court left unchanged the sentence of the activist Saltanat Yerzhanova.")
	if got, want := outcomeKeys(r.Outcomes), []string{"Saltanat Yerzhanova: upheld"}; !slices.Equal(got, want) {
		t.Fatalf("outcomes = %v, want %v", got, want)
	}
}

// A note's back-link arrow after its address is no part of the URL.
func TestURLsInStopAtSymbols(t *testing.T) {
	s := "Trial notes: https://cpfw.example.org/monitoring/sahil-2024-05↩ and https://пример.рф/дело/1."
	var got []string
	for _, b := range urlsIn(s) {
		got = append(got, s[b[0]:b[1]])
	}
	want := []string{"https://cpfw.example.org/monitoring/sahil-2024-05", "https://пример.рф/дело/1"}
	if !slices.Equal(got, want) {
		t.Fatalf("urls = %q, want %q", got, want)
	}
}

// "в день акции" is the gathering's own day, not that of a later reference to it ("через
// два дня после акции"). Invented text.
func TestExtract_GatheringDayNotAReference(t *testing.T) {
	got := eventsOf("Нукус, 13 марта 2023 г.\n\nДело участников акции 18 сентября 2022 года.\n\n  Бахтияр Оразымбетов ..... задержан через два дня после акции\n  Жаксылык Туремуратов ..... задержан в день акции\n")
	want := []string{"detention 2022-09-18 Жаксылык Туремуратов", "detention 2022-09-20 Бахтияр Оразымбетов"}
	if !slices.Equal(got, want) {
		t.Fatalf("events = %v, want %v", got, want)
	}
}

// A name before a noun of membership ("his fellow Jana Qadam member X") is a movement's, not
// a person's. Invented text.
func TestExtract_MovementBeforeMember(t *testing.T) {
	var got []string
	for _, p := range Extract("Almaty, 21 May 2025\n\nThe court left unchanged the sentence of his fellow Jana Qadam member Saltanat Yerzhanova.").Persons {
		got = append(got, p.Name)
	}
	if want := []string{"Saltanat Yerzhanova"}; !slices.Equal(got, want) {
		t.Fatalf("persons = %v, want %v", got, want)
	}
}

// A bare demand after a semicolon, with no term told before it in the document: the rule that
// looks back for the kind of the term before found none, and extraction panicked (on a row of a
// verdict list written without blind review of the rules). Invented text.
func TestExtract_BareDemandAfterSemicolonFirst(t *testing.T) {
	res := Extract("Giorgi Beridze, 30, engineer — organising mass disorder (Article 225, part 1): 3 years 2 months; the prosecution wanted 4.")
	if len(res.Persons) != 1 || len(res.Charges) != 1 {
		t.Errorf("persons %d, charges %d: want 1 and 1", len(res.Persons), len(res.Charges))
	}
}
