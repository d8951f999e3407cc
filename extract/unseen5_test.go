package extract

import (
	"slices"
	"strings"
	"testing"
)

// A name inside a relative clause closed before the event word ("A, who defended B and C,
// had his licence revoked") is neither the event's subject nor what "his" stands for.
func TestExtract_RelativeClauseIsNotTheSubject(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Tbilisi, 2 May 2025\n\nThe lawyer Irakli Dolidze, who defended the bloggers Nika Beridze and Levan Tsereteli, had his licence revoked by the Bar Association on 14 March 2025.",
			[]string{"disciplinary action 2025-03-14 Irakli Dolidze"}},
		{"Tbilisi, 2 May 2025\n\nThe editor Mariam Kvaratskhelia, whose reporters Ana Gelashvili and Tamar Nozadze covered the rally, was dismissed on 3 April 2025.",
			[]string{"dismissal 2025-04-03 Mariam Kvaratskhelia"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text[20:80], got, tc.want)
		}
	}
}

// A sentence that opens on a gathering told before with its day ("the march of 12 May ...
// The march was broken up") is on that day, and so are the relative days after it and a
// detention "at the scene" that names no day of its own.
func TestExtract_GatheringToldBeforeDatesItsSentence(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Minsk, 20 September 2025\n\nOn Monday the Central District Court fined five students who had joined the march of 12 May 2025 against the new tuition fees.\n\nThe march, which had been announced a week in advance, was broken up by riot police shortly after noon.\n\nFive students were later charged with hooliganism.\n\nThe student Hanna Malash was detained at the scene. Her classmate Pavel Zhuk was detained the following day at his dormitory.",
			[]string{"detention 2025-05-12 Hanna Malash", "detention 2025-05-13 Pavel Zhuk", "disruption 2025-05-12"}},
		// A gathering named inside a sentence is no new start of the story.
		{"Minsk, 20 September 2025\n\nThe student Pavel Zhuk, who took part in the march of 12 May 2025, was detained on 2 June 2025. Police accused him of organising the march. He was released two days later.",
			[]string{"detention 2025-06-02 Pavel Zhuk", "release 2025-06-04 Pavel Zhuk"}},
		{"Гродно, 20 сентября 2025 года\n\nВ понедельник суд оштрафовал пятерых студентов, которые участвовали в шествии 12 мая 2025 года.\n\nШествие разогнал ОМОН вскоре после полудня. На следующий день была задержана студентка Анна Малаш.",
			[]string{"detention 2025-05-13 Анна Малаш", "disruption 2025-05-12"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text[20:80], got, tc.want)
		}
	}
}

// The head of a table whose columns are titled holds titles, not names: "Accused  Position"
// over a prosecutor's column is no person called Position.
func TestExtract_TableHeadIsNoName(t *testing.T) {
	text := "Baku, 2 May 2025\n\nOn 28 April 2025 the court sentenced the four as follows:\n\n" +
		" Accused          Position       Prosecution       Sentence\n" +
		"                                 sought\n" +
		" Orkhan Mammadov  editor         8 years           6 years\n" +
		" Aysel Guliyeva   reporter       7 years           5 years\n"
	var names []string
	for _, p := range Extract(text).Persons {
		names = append(names, p.Name)
	}
	slices.Sort(names)
	if want := []string{"Aysel Guliyeva", "Orkhan Mammadov"}; !slices.Equal(names, want) {
		t.Errorf("persons = %q, want %q", names, want)
	}
}

// A number standing alone for people ("Eight were detained", "three colleagues the next day")
// is the defendants but those named in its clause or the sentence before, when their number
// fits; else it is a count and names no one.
func TestExtract_BareCountOfPeople(t *testing.T) {
	const verdict = " On 9 December 2025 the Sabail District Court sentenced Elchin Huseynov, Rena Aliyeva, Kamran Guliyev, Nigar Mammadova and Togrul Bayramov to five years each."
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Baku, 12 December 2025\n\nPolice raided the newsroom of Ses TV on 2 June 2025. The editor Elchin Huseynov and the reporter Rena Aliyeva were detained the same day; three colleagues were detained the following day." + verdict,
			[]string{"detention 2025-06-02 Elchin Huseynov", "detention 2025-06-02 Rena Aliyeva", "detention 2025-06-03 Kamran Guliyev", "detention 2025-06-03 Nigar Mammadova", "detention 2025-06-03 Togrul Bayramov"}},
		{"Baku, 12 December 2025\n\nPolice raided the newsroom of Ses TV on 2 June 2025. Five were taken to the police station that evening." + verdict,
			[]string{"detention 2025-06-02 Elchin Huseynov", "detention 2025-06-02 Kamran Guliyev", "detention 2025-06-02 Nigar Mammadova", "detention 2025-06-02 Rena Aliyeva", "detention 2025-06-02 Togrul Bayramov"}},
		// A count that is not the defendants' number names no one.
		{"Baku, 12 December 2025\n\nPolice raided the newsroom of Ses TV on 2 June 2025. Nine were taken to the police station that evening." + verdict,
			[]string{"detention 2025-06-02"}},
	} {
		var got []string
		for _, e := range eventsOf(tc.text) {
			if !strings.HasPrefix(e, "search") {
				got = append(got, e)
			}
		}
		slices.Sort(tc.want)
		if !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text[24:110], got, tc.want)
		}
	}
}

// The year of a date is no count of people: "On 3 April 2025 the bloggers A and B were
// detained" tells the two detentions, while "2025 bloggers were detained" would be a count.
func TestExtract_YearIsNoCountOfPeople(t *testing.T) {
	text := "Tbilisi, 2 May 2025\n\nOn 3 April 2025 the bloggers Nika Beridze and Levan Tsereteli were detained at their homes."
	want := []string{"detention 2025-04-03 Levan Tsereteli", "detention 2025-04-03 Nika Beridze"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// Events phrased plainly: a licence lost, people taken away from their homes, going home
// from the courtroom; "or lose your licence" in a warning is none.
func TestExtract_PlainEventPhrases(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Yerevan, 2 May 2025\n\nThe advocate Karine Sargsyan lost her licence on 14 March 2025 after she spoke to reporters.",
			[]string{"disciplinary action 2025-03-14 Karine Sargsyan"}},
		{"Yerevan, 2 May 2025\n\n\"Speak about your clients and you lose your licence,\" said Karine Sargsyan.",
			nil},
		{"Yerevan, 2 May 2025\n\nOn 3 April 2025 the activist Vardan Ghukasyan was taken away from his home by masked officers.",
			[]string{"detention 2025-04-03 Vardan Ghukasyan"}},
		{"Yerevan, 2 May 2025\n\nOn 3 April 2025 the court acquitted Vardan Ghukasyan, who went home from the courtroom.",
			[]string{"release 2025-04-03 Vardan Ghukasyan"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text[21:80], got, tc.want)
		}
	}
}

// "The three who ..." stands for people as "the three were" does.
func TestExtract_TheNumberWho(t *testing.T) {
	text := "Osh, 2 May 2025\n\nOn 10 March 2025 the court sentenced Almaz Toktomushev to five years and gave Bermet Asanova, Kubat Sadyrov and Nurlan Isakov suspended terms. The three who had been under house arrest went home from the courtroom that day."
	want := []string{"release 2025-03-10 Bermet Asanova", "release 2025-03-10 Kubat Sadyrov", "release 2025-03-10 Nurlan Isakov"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// "The detention hearing" is a hearing, no detention.
func TestExtract_DetentionHearingIsNoDetention(t *testing.T) {
	text := "Yerevan, 2 August 2025\n\nThe activist Vardan Ghukasyan was detained on 17 June 2025. His lawyer first saw him two days later, at the detention hearing."
	want := []string{"detention 2025-06-17 Vardan Ghukasyan"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// "He and B were detained": the subject pronoun joined to a name by "and" is one of the list.
func TestExtract_PronounAndNameList(t *testing.T) {
	text := "Yerevan, 2 August 2025\n\nThe activist Vardan Ghukasyan spoke at a rally in May. He and Aram Sargsyan were detained on 17 June 2025."
	want := []string{"detention 2025-06-17 Aram Sargsyan", "detention 2025-06-17 Vardan Ghukasyan"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// Russian: an infinitive denied after it ("задерживать её не стали") and the record of a
// detention ("протокол задержания") tell no detention.
func TestExtract_RussianDeniedAndRecordedDetention(t *testing.T) {
	for _, text := range []string{
		"Ташкент, 5 марта 2025 года\n\nСоседа блогера Рустама Алиева вызвали на беседу 3 марта, но задерживать его не стали.",
		"Ташкент, 5 марта 2025 года\n\nПротокол задержания блогера Рустама Алиева, по словам адвоката, не составлялся.",
	} {
		if got := eventsOf(text); len(got) != 0 {
			t.Errorf("events of %q = %q, want none", text[30:], got)
		}
	}
}

// A first name written alike beside two case forms of one surname is one person, of the
// surname both forms allow, whatever a man of that surname in the text votes for: "Мяхри
// Сапаровой" then "Мяхри Сапарову" (a woman's accusative,
// or a man's dative of Сапаров) is Мяхри Сапарова, not a second person.
func TestExtract_SameFirstNameOneSurname(t *testing.T) {
	text := "Ашхабад, 5 марта 2025 года\n\nВ доме Мяхри Сапаровой, матери блогера Довлета Сапарова, 3 марта провели обыск. Затем полицейские увезли Мяхри Сапарову в отдел полиции. Об этом рассказал Довлет Сапаров. Довлет Сапаров живёт в Турции."
	var names []string
	for _, p := range Extract(text).Persons {
		names = append(names, p.Name)
	}
	slices.Sort(names)
	if want := []string{"Довлет Сапаров", "Мяхри Сапарова"}; !slices.Equal(names, want) {
		t.Errorf("persons = %q, want %q", names, want)
	}
}

// "detained the senior observer A and junior observer B": a list whose second name has its
// own role word, with words in lower case before it, is one list.
func TestExtract_ListWithQualifiedRoles(t *testing.T) {
	text := "Rustavi, 6 October 2025\n\nOn 4 October police detained the senior observer Giorgi Kapanadze and junior observer Salome Gelashvili outside precinct No. 12."
	want := []string{"detention 2025-10-04 Giorgi Kapanadze", "detention 2025-10-04 Salome Gelashvili"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// "X told the court in August that he had been beaten in May": the allegation is of May;
// told without a date of its own, it keeps the day of its telling.
func TestExtract_SayingDateIsNotTheSaid(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Khiva, 12 December 2024\n\nThe blogger Sardor Aminov told the court in August that he had been beaten in the police station in May.",
			[]string{"torture allegation 2024-05 Sardor Aminov"}},
		{"Khiva, 12 December 2024\n\nThe blogger Sardor Aminov told the court on 3 June that officers had beaten him.",
			[]string{"torture allegation 2024-06-03 Sardor Aminov"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text[24:90], got, tc.want)
		}
	}
}

// An item of a list goes on from the day of the line that opens the list: "on 20 September
// handed down the following sentences: ... B: suspended; he was released in the courtroom;".
func TestExtract_ListItemTakesTheIntroDay(t *testing.T) {
	text := "Khiva, 12 December 2024\n\nAt first instance, the regional court on 20 September handed down the following sentences:\n\nSardor Aminov, 41: eight years in a colony;\n\nJasur Karimov, 52: three years' suspended sentence; he was released in the courtroom;\n\nOdil Rahimov, 23: four years."
	want := []string{"release 2024-09-20 Jasur Karimov"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// "Mr. A and Mr. B were detained": titles with their full stops do not break a list.
func TestExtract_ListWithTitles(t *testing.T) {
	text := "Geneva, 2 June 2025\n\nOn 3 April 2024, Mr. Timur Valiev and Mr. Ruslan Sabirov were detained in Ufa."
	want := []string{"detention 2024-04-03 Ruslan Sabirov", "detention 2024-04-03 Timur Valiev"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// "The court ordered their detention": the people told before.
func TestExtract_OrderedTheirDetention(t *testing.T) {
	text := "Geneva, 2 June 2025\n\nTimur Valiev and Ruslan Sabirov were charged with extremism. On 5 April 2024 the district court ordered their detention."
	want := []string{"arrest 2024-04-05 Ruslan Sabirov", "arrest 2024-04-05 Timur Valiev"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// "back in March" names a month, not a march: "the morning after the protest" counts from the
// protest told before it.
func TestExtract_MonthIsNoMarch(t *testing.T) {
	text := "Tbilisi, 18 September 2025\n\nFour students were tried over the 12 May protest. The case of a fifth was closed back in March, before the verdict on Monday.\n\nLasha Beridze was detained the morning after the protest."
	want := []string{"detention 2025-05-13 Lasha Beridze"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// A name used as a noun's modifier ("in the Beridze case") is not what a later "his" stands
// for.
func TestExtract_NameAsModifierIsNoAntecedent(t *testing.T) {
	text := "Yerevan, 2 March 2023\n\nOn 12 December 2022 the minister opened proceedings against Judge Armen Vardanyan over his ruling in the Gevorg Beridze case. On 7 February 2023 the Council dismissed him from office."
	want := []string{"dismissal 2023-02-07 Armen Vardanyan"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// "Judge X, presiding, granted the motion to arrest him": "him" after the event word is the
// person the text is about, not the judge named before it.
func TestExtract_ObjectPronounIsNoOfficial(t *testing.T) {
	text := "Yerevan, 2 October 2025\n\nThe blogger Vahe Petrosyan was detained on 1 July 2025. On 3 July the district court, Judge Armen Sargsyan presiding, granted the motion to arrest him."
	want := []string{"arrest 2025-07-03 Vahe Petrosyan", "detention 2025-07-01 Vahe Petrosyan"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// The list of names right after an event word is its persons; a list past a date and a
// comma is another clause's: "A и B задержали на следующий день, 4 июня, C и D — 5 июня".
func TestExtract_ListPastADateIsAnotherClause(t *testing.T) {
	text := "Жанаозен, 5 октября 2025 года\n\n3 июня полиция разогнала митинг. Серика Абенова и Талгата Исаева задержали на следующий день, 4 июня, Айжан Тулеуову и Бекзата Оразова — 5 июня."
	want := []string{"detention 2025-06-04 Серик Абенов", "detention 2025-06-04 Талгат Исаев", "detention 2025-06-05 Айжан Тулеуова", "detention 2025-06-05 Бекзат Оразов", "disruption 2025-06-03"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// A threat ("угрожали «отправить в СИЗО»") and a denial after the noun ("насилия не было")
// tell no event.
func TestExtract_ThreatAndDenialAfterTellNone(t *testing.T) {
	for _, text := range []string{
		"Томск, 12 мая 2025 года\n\nПо словам Ирины Котовой, на допросе ей угрожали «отправить в СИЗО».",
		"Томск, 12 мая 2025 года\n\nПо словам Ирины Котовой, на допросе на неё кричали, но избиения не было.",
	} {
		if got := eventsOf(text); len(got) != 0 {
			t.Errorf("events of %q = %q, want none", text[27:], got)
		}
	}
}

// "the day after his transfer there" counts from the transfer told before, to a colony, a
// prison or a penitentiary institution, not from the last day written.
func TestExtract_DayAfterTheTransfer(t *testing.T) {
	text := "Baku, 20 September 2025\n\nThe activist Kamran Aliyev was transferred to Penitentiary Institution No. 6 on 3 September. He began a hunger strike on 8 September. His lawyer says guards beat him the day after his transfer there."
	want := []string{"torture allegation 2025-09-04 Kamran Aliyev"}
	var got []string
	for _, e := range eventsOf(text) {
		if !strings.HasPrefix(e, "transfer") {
			got = append(got, e)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// A count after a colon ("Gomel: four protesters sentenced, one to home confinement") is a
// title's count, and "Four of them" a part, not a group; a count that opens its sentence
// ("Four were detained") is one.
func TestExtract_CountAfterColonIsNoGroup(t *testing.T) {
	for _, tc := range []struct {
		text  string
		group bool
	}{
		{"Gomel: four protesters sentenced for the march, one to home confinement", false},
		{"Police raided the office. Four protesters were detained.", true},
		// A part of a group: "Four of them received prison terms; one a suspended sentence".
		{"The court sentenced five residents of Sibay. Four of them received prison terms.", false},
	} {
		d := newDoc(tc.text)
		d.findDates()
		d.findOrgs()
		d.findPersons()
		d.findGroups()
		found := false
		for _, gs := range d.sentGroups {
			for _, g := range gs {
				found = found || d.toks[g.a].low == "four"
			}
		}
		if found != tc.group {
			t.Errorf("group at \"four\" in %q: %v, want %v", tc.text, found, tc.group)
		}
	}
}

// "Отпустили женщину только утром": the woman named before, as "её" would be.
func TestExtract_TheWomanIsTheOneNamedBefore(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Мары, 5 февраля\n\nУтром 2 февраля полицейские увезли Огулбиби Атаеву в управление полиции. Отпустили женщину только на следующее утро.",
			[]string{"detention --02-02 Огулбиби Атаева", "release --02-03 Огулбиби Атаева"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text[20:], got, tc.want)
		}
	}
}

// "квартиру его младшего брата Сухроба Саидова": after "его" the name is the brother's own,
// and "одновременно" puts the event at the time of the one told before.
func TestExtract_KinNamedAfterHisIsThePerson(t *testing.T) {
	text := "Душанбе, 10 июня 2025 года\n\nПозавчера сотрудники ГКНБ провели обыск в доме Абдуллы Назарова в Кулобе.\n\nПо словам источника в семье, силовики пришли туда около шести утра. Одновременно обыскали квартиру его младшего брата Зафара Назарова в Душанбе."
	want := []string{"search 2025-06-08 Абдулла Назаров", "search 2025-06-08 Зафар Назаров"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}
