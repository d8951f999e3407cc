package extract

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// datesOf returns the ISO dates a text proposes, in order.
func datesOf(text string) []string {
	var out []string
	for _, d := range Extract(text).Dates {
		out = append(out, d.Date)
	}
	return out
}

// A day without a year in a clause of its own after a dated day, earlier in the calendar,
// is the story going on into the next year when that is not after the text's date; a day
// named by a noun before it ("the vote of 20 June"), in the same clause ("for a post he wrote
// on 15 February") or told as the past ("had been") looks back, in the same year.
func TestExtract_DayWithoutYearGoesForward(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Омск, 10 апреля 2025 года\n\nЖурналиста Петра Смирнова задержали 3 сентября 2024 года, а 15 февраля суд приговорил его к трём годам колонии.",
			[]string{"2025-04-10", "2024-09-03", "2025-02-15"}},
		{"Kazan, 10 April 2025\n\nThe blogger Pavel Orlov was arrested on 3 September 2024, and on 15 February a district court sentenced him to three years.",
			[]string{"2025-04-10", "2024-09-03", "2025-02-15"}},
		{"Kazan, 10 April 2025\n\nThe blogger Pavel Orlov was sentenced on 3 September 2024, having been arrested on 15 February.",
			[]string{"2025-04-10", "2024-09-03", "2024-02-15"}},
		{"Kazan, 10 April 2025\n\nOn 3 September 2024, hundreds gathered to protest against the results of the vote of 15 February.",
			[]string{"2025-04-10", "2024-09-03", "2024-02-15"}},
		{"Kazan, 10 April 2025\n\nThe blogger Pavel Orlov was arrested on 3 September 2024 for a post he wrote on 15 February.",
			[]string{"2025-04-10", "2024-09-03", "2024-02-15"}},
		{"Kazan, 10 April 2025\n\nOrlov was sentenced on 3 September 2024, but he had been arrested on 15 February.",
			[]string{"2025-04-10", "2024-09-03", "2024-02-15"}},
	} {
		if got := datesOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("dates of %q = %q, want %q", tc.text[20:70], got, tc.want)
		}
	}
}

// A paragraph that opens on a day without a year a few weeks after the last day the text told
// goes on with that story, in its year; a day months after it is the text's own year.
func TestExtract_ParagraphGoesOnWithTheStory(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Kazan, 4 June 2025\n\nOn 3 October 2023 the court convicted the poet Ivan Petrov. The next day, hundreds of people gathered in the square.\n\nAnna Lisova was detained on 6 October and Oleg Sizov on 9 October.",
			[]string{"detention 2023-10-06 Anna Lisova", "detention 2023-10-09 Oleg Sizov"}},
		{"Kazan, 4 June 2025\n\nOn 3 March 2023 the court convicted the poet Ivan Petrov. The next day, hundreds of people gathered in the square.\n\nAnna Lisova was detained on 20 May and Oleg Sizov on 22 May.",
			[]string{"detention 2025-05-20 Anna Lisova", "detention 2025-05-22 Oleg Sizov"}},
	} {
		var got []string
		for _, e := range eventsOf(tc.text) {
			if e[:9] == "detention" {
				got = append(got, e)
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text[140:], got, tc.want)
		}
	}
}

// A clause after a semicolon that leaves out the verb, names and a date ("A and B were
// detained on 6 October; C, D, E and F on 9 October"), gives its persons the same event on
// their own date, however long the list; a clause with a word of its own does not.
func TestExtract_GappedClauseAfterSemicolon(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Kazan, 4 June 2025\n\nAnna Lisova and Pavel Orlov were detained on 6 May; Oleg Sizov, Ivan Kuzmin, Petr Belov, Gleb Arkhipov and Ruslan Zagidullin on 9 May.",
			[]string{"detention 2025-05-06 Anna Lisova", "detention 2025-05-06 Pavel Orlov", "detention 2025-05-09 Gleb Arkhipov", "detention 2025-05-09 Ivan Kuzmin",
				"detention 2025-05-09 Oleg Sizov", "detention 2025-05-09 Petr Belov", "detention 2025-05-09 Ruslan Zagidullin"}},
		{"Kazan, 4 June 2025\n\nAnna Lisova and Pavel Orlov were detained on 6 May; Oleg Sizov spoke to reporters on 9 May.",
			[]string{"detention 2025-05-06 Anna Lisova", "detention 2025-05-06 Pavel Orlov"}},
	} {
		var got []string
		for _, e := range eventsOf(tc.text) {
			if e[:9] == "detention" {
				got = append(got, e)
			}
		}
		slices.Sort(tc.want)
		if !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text[20:], got, tc.want)
		}
	}
}

// "The prosecutor X called them dangerous. In his closing speech he asked for four years":
// the pronoun is the prosecutor of the sentence before, and the terms are demands; where a
// lawyer is named after the prosecutor, the pronoun may be the lawyer's, and no demand is read.
func TestExtract_PronounAsksForTerms(t *testing.T) {
	for _, tc := range []struct {
		text    string
		demands []string
	}{
		{"Kazan, 4 June 2025\n\nThe court found Anna Lisova and Pavel Orlov guilty. At the first hearing the prosecutor Denis Kravets had called them dangerous. In his closing speech he asked for four years in a penal colony for Lisova and three years' restriction of freedom for Orlov.",
			[]string{"Anna Lisova imprisonment P4Y", "Pavel Orlov restriction of freedom P3Y"}},
		{"Kazan, 4 June 2025\n\nThe court sentenced Pavel Orlov to three years. The prosecutor Denis Kravets left the courtroom at once. He had asked for five years for Orlov.",
			[]string{"Pavel Orlov imprisonment P5Y"}},
		{"Омск, 4 июня 2025 года\n\nСуд признал Анну Лисову виновной. Прокурор Денис Кравец назвал её опасной. В прениях он попросил для Лисовой четыре года колонии.",
			[]string{"Анна Лисова imprisonment P4Y"}},
		{"Kazan, 4 June 2025\n\nThe court found Anna Lisova guilty. The prosecutor Denis Kravets was answered by her lawyer Oleg Sizov. In his closing speech he asked for a suspended term of two years for Lisova.",
			nil},
	} {
		if got := penaltiesOf(Extract(tc.text).Demands); !slices.Equal(got, tc.demands) {
			t.Errorf("demands of %q = %q, want %q", tc.text[20:60], got, tc.demands)
		}
	}
}

// Names the regional lists lack, in shapes that name people whatever their origin: a title
// after the name and a comma ("Henrik Aalto, Special Rapporteur on ..."), a byline on a line
// of its own ("By Helen Marsh · Published ..."), a contact's name before an e-mail address in
// parentheses. Capitalised words in prose after "by", or before a comma and a lowercase word,
// are no names.
func TestExtract_NamesByTitleBylineAndContact(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Geneva, 4 June 2025\n\nThe experts: Henrik Aalto, Special Rapporteur on the right to privacy; Adaeze Okonkwo-Barre, Special Rapporteur on the rights of defenders.",
			[]string{"Adaeze Okonkwo-Barre", "Henrik Aalto"}},
		{"Court jails a poet\n\nBy Helen Marsh · Published 3 June 2025 · 5 min read\n\nThe court sentenced the poet to three years.",
			[]string{"Helen Marsh"}},
		{"Geneva, 4 June 2025\n\nThe experts called for his release.\n\nFor media enquiries: Clara Benedetti (clara.benedetti@un.example.org)",
			[]string{"Clara Benedetti"}},
		{"Geneva, 4 June 2025\n\nCover photo by Silver Birch\nThe poems were published\nby Silver Birch, and sold well.\nBy Green Hill the march had grown to thousands. By Silver Lake, it had reached the square.\nIn Green Valley, president of the club, spoke.",
			nil},
	} {
		if got := names(Extract(tc.text)); !slices.Equal(got, tc.want) {
			t.Errorf("persons of %q = %q, want %q", tc.text[20:60], got, tc.want)
		}
	}
}

// A woman's given name in an oblique case is brought to the nominative that agrees with her:
// beside a feminine surname, the reading whose ending is a woman's ("Дильбаре Токтосуновой":
// Дильбара, not Дильбар, as a woman's name in a consonant does not decline); beside a
// surname in a consonant left undeclined, as only a woman's is ("Алесю Кравчёнок": Алеся;
// a man would be "Алеся Кравчёнка"). A name written in the nominative is kept.
func TestExtract_WomansGivenNameByAgreement(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"Бишкек, 3 апреля 2024 года\n\nСуд вынес приговор журналистке Дильбаре Токтосуновой.", "Дильбара Токтосунова"},
		{"Бишкек, 3 апреля 2024 года\n\nСуд вынес приговор журналистке Нилуфаре Каримовой.", "Нилуфара Каримова"},
		{"Бишкек, 3 апреля 2024 года\n\nДильбар Токтосунова вышла на свободу.", "Дильбар Токтосунова"},
		{"Бишкек, 3 апреля 2024 года\n\nГульнар Токтосунова вышла на свободу.", "Гульнар Токтосунова"}, // Гульнара is a name too
		{"Минск, 3 апреля 2024 года\n\nСуд приговорил Алесю Кравчёнок к трём годам.", "Алеся Кравчёнок"},
		{"Минск, 3 апреля 2024 года\n\nАлесь Мартинович получил три года.", "Алесь Мартинович"},
	} {
		if got := names(Extract(tc.text)); !slices.Equal(got, []string{tc.want}) {
			t.Errorf("persons of %q = %q, want %q", tc.text[24:], got, tc.want)
		}
	}
}

// A given name the lists lack before a surname that does not decline is in the nominative
// when a past-tense verb right after the name makes it the subject ("Вардине Казарян
// заявила"), whatever the name's readings as an oblique form; without the verb, in
// "приговор Вардине Казарян" the surname in -ян left undeclined is a woman's (a man's would
// be "Казаряну"), and her name in -е is as written.
func TestExtract_SubjectKeepsTheGivenName(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"Ереван, 3 апреля 2024 года\n\nПресс-секретарь суда Вардине Казарян заявила, что приговор законен.", "Вардине Казарян"},
		{"Ереван, 3 апреля 2024 года\n\nСуд вынес приговор Вардине Казарян.", "Вардине Казарян"},
	} {
		if got := names(Extract(tc.text)); !slices.Equal(got, []string{tc.want}) {
			t.Errorf("persons of %q = %q, want %q", tc.text[24:], got, tc.want)
		}
	}
}

// Kazakh dates: the year first ("2024 жылғы 15 наурыз"), months in their case forms ("3
// ақпанда"), "кеше" (yesterday), "үш күннен кейін" (three days later), "2023 жылдың басынан";
// house arrest in the possessive ("үй қамағына"); a detention denied after the verb
// ("ұсталған жоқ") is none.
func TestExtract_KazakhDatesAndEvents(t *testing.T) {
	text := "Ақтөбе, 2024 жылғы 15 наурыз\n\nАқтөбе қалалық сотының судьясы кеше белсенді Асқар Мұратовқа үкім шығарды. Мұратовты полиция 3 ақпанда ұстады, сол күні оның үйінде тінту жүргізілді. Үш күннен кейін сот оны үй қамағына алды. Оның інісі Бекзат Мұратов ұсталған жоқ. 2023 жылдың басынан бері 15 адам сотталған."
	if got, want := datesOf(text), []string{"2024-03-15", "2024-03-14", "2024-02-03", "2024-02-06", "2023"}; !slices.Equal(got, want) {
		t.Errorf("dates = %q, want %q", got, want)
	}
	if got, want := eventsOf(text), []string{"detention 2024-02-03 Асқар Мұратов", "house arrest 2024-02-06 Асқар Мұратов", "search 2024-02-03 Асқар Мұратов"}; !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// A Kazakh article reference puts the number first: "174-бабының 1-бөлігі" is article 174,
// part 1; "174-бап бойынша" article 174; a number before another hyphenated word is none.
func TestExtract_KazakhArticle(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"Ақтөбе, 2024 жылғы 15 наурыз\n\nСот белсенді Асқар Мұратовты Қылмыстық кодекстің 174-бабының 1-бөлігі бойынша кінәлі деп таныды.", "174/1"},
		{"Ақтөбе, 2024 жылғы 15 наурыз\n\nСот белсенді Асқар Мұратовты 174-бап бойынша кінәлі деп таныды.", "174/"},
		{"Ақтөбе, 2024 жылғы 15 наурыз\n\nСот белсенді Асқар Мұратовты 174-інші рет шақырды.", ""},
	} {
		var got []string
		for _, c := range Extract(tc.text).Charges {
			got = append(got, c.Article+"/"+c.Part)
		}
		if want := []string{tc.want}; tc.want == "" && len(got) != 0 || tc.want != "" && !slices.Equal(got, want) {
			t.Errorf("charges of %q = %q, want %q", tc.text[40:], got, tc.want)
		}
	}
}

// A Kazakh court: places, a level ("қалалық", "облыстық", "аудандық") and "сот" in any case,
// named in the nominative ("... аудандық соты"); a role, a pronoun or "бүгін" that opens the
// sentence is no part of it, and a level without a place names no court.
func TestExtract_KazakhCourts(t *testing.T) {
	text := "Ақтөбе, 2024 жылғы 15 наурыз\n\nАқтөбе қаласы Астана аудандық сотының судьясы кеше белсенді Асқар Мұратовты кінәлі деп таныды. Адвокат Ақтөбе облыстық сотына шағым береді. Бүгін Ақтөбе қалалық сотында тағы бір іс қаралды. Ол аудандық сотта үнсіз отырды."
	r := Extract(text)
	want := []string{"Ақтөбе облыстық соты", "Ақтөбе қалалық соты", "Ақтөбе қаласы Астана аудандық соты"}
	if got := orgNames(r); !slices.Equal(got, want) {
		t.Errorf("organisations = %q, want %q", got, want)
	}
	for _, o := range r.Orgs {
		if o.Kind != "court" {
			t.Errorf("%s: kind %q, want court", o.Name, o.Kind)
		}
	}
	d := newDoc("Ол аудандық сотта үнсіз отырды.")
	for i := range d.toks {
		if m := d.kkCourt(i); m != nil {
			t.Errorf("a level without a place read as the court %q", m.org.Name)
		}
	}
}

// A given-name form of two names ("Валентину": Валентин's dative or Валентина's accusative)
// beside a surname that does not tell the gender is settled by the other forms the text gives
// the same person ("Валентины Остапенко": only Валентина's), or by the words that agree with
// it ("признал ... виновной"); alone, or beside forms of both names ("о Валентине"), it is
// left as written.
func TestExtract_GivenNameSettledByItsOtherForms(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Самара, 3 апреля 2025 года\n\nСуд оправдал Валентину Остапенко. Адвокат Валентины Остапенко довольна.", []string{"Валентина Остапенко"}},
		{"Самара, 3 апреля 2025 года\n\nСуд признал Валентину Остапенко виновной.", []string{"Валентина Остапенко"}},
		{"Самара, 3 апреля 2025 года\n\nСуд признал Валентину Остапенко виновным.", []string{"Валентин Остапенко"}},
		{"Самара, 3 апреля 2025 года\n\nСуд оправдал Валентину Остапенко.", []string{"Валентину Остапенко"}},
		{"Самара, 3 апреля 2025 года\n\nСуд оправдал Валентину Остапенко. О Валентине Остапенко писали газеты.", []string{"Валентине Остапенко", "Валентину Остапенко"}},
	} {
		if got := names(Extract(tc.text)); !slices.Equal(got, tc.want) {
			t.Errorf("persons of %q = %q, want %q", tc.text[26:], got, tc.want)
		}
	}
}

// "On the day of Orlov's detention": a possessive name stands where "his" would, and the day
// is that of the detention told before; "three days later" then counts from it.
func TestExtract_DayOfNamesEvent(t *testing.T) {
	text := "Kazan, 4 June 2025\n\nThe blogger Pavel Orlov was detained on 3 March 2025. Two days later a court remanded him in custody. On the day of Orlov's detention, police also searched the flat of his colleague Anna Lisova. She was not detained, but three days later she was barred from leaving Russia."
	got := map[string]string{}
	for _, e := range allEvents(Extract(text)) {
		got[e.Type] = e.Date
	}
	if got["search"] != "2025-03-03" || got["travel ban"] != "2025-03-06" {
		t.Errorf("search on %q, travel ban on %q; want 2025-03-03 and 2025-03-06", got["search"], got["travel ban"])
	}
}

// A search of a home named with its owner after it ("the flat of his colleague Anna Lisova",
// "the home of the editor, Marina Sokolova", "the flat of Orlov's lawyer, Oleg Sizov") is the
// owner's, not the person a pronoun or a possessive before the owner stands for.
func TestExtract_SearchOfTheOwnersHome(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"Kazan, 4 June 2025\n\nThe blogger Pavel Orlov was detained on 3 March 2025. That day police also searched the flat of his colleague Anna Lisova.", "search 2025-03-03 Anna Lisova"},
		{"Kazan, 4 June 2025\n\nThe blogger Pavel Orlov was detained on 3 March 2025. That day police also searched the home of the editor, Marina Sokolova.", "search 2025-03-03 Marina Sokolova"},
		{"Kazan, 4 June 2025\n\nThe blogger Pavel Orlov was detained on 3 March 2025. That day police also searched the flat of Orlov's lawyer, Oleg Sizov.", "search 2025-03-03 Oleg Sizov"},
		{"Kazan, 4 June 2025\n\nThe blogger Pavel Orlov was detained on 3 March 2025. That day police also searched the flat of his friends, Oleg Sizov and Anna Lisova.", "search 2025-03-03 Anna Lisova|search 2025-03-03 Oleg Sizov"},
	} {
		var got []string
		for _, e := range eventsOf(tc.text) {
			if strings.HasPrefix(e, "search") {
				got = append(got, e)
			}
		}
		if !slices.Equal(got, strings.Split(tc.want, "|")) {
			t.Errorf("searches of %q = %q, want %q", tc.text[80:], got, tc.want)
		}
	}
}

// A weekday in apposition to the date just before it ("16 марта 2023 года, в четверг") is
// that date's weekday, not the last such day before the text's date: the days told after it
// ("в тот же день", "через два дня") count from the date.
func TestExtract_WeekdayOfTheDateBefore(t *testing.T) {
	text := "Омск, 3 апреля 2025 года\n\nЖурналистку Анну Лисову задержали 16 марта 2023 года, в четверг. В тот же день в её квартире прошёл обыск. Через два дня суд отправил её в СИЗО."
	want := []string{"arrest 2023-03-18 Анна Лисова", "detention 2023-03-16 Анна Лисова", "search 2023-03-16 Анна Лисова"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
	// Without a date before it, the weekday is the last one before the text's date.
	if got, want := datesOf("Омск, 3 апреля 2025 года\n\nЖурналистку Анну Лисову задержали в среду."), []string{"2025-04-03", "2025-04-02"}; !slices.Equal(got, want) {
		t.Errorf("dates = %q, want %q", got, want)
	}
}

// A chronology told in the present ("02.12.2024 — the district court convicts A and B",
// "27.02.2025 — the regional court rejects both appeals"): the conviction, and appeals
// rejected are the verdicts upheld, of both.
func TestExtract_ChronologyInThePresent(t *testing.T) {
	text := "Bishkek, 15 September 2025\n\n- 02.12.2024 — the district court convicts Ivan Petrov and Anna Lisova. Petrov: 6 years' imprisonment.\n- 27.02.2025 — the regional court rejects both appeals."
	want := []string{"Anna Lisova: convicted", "Anna Lisova: upheld", "Ivan Petrov: convicted", "Ivan Petrov: upheld"}
	if got := outcomeKeys(Extract(text).Outcomes); !slices.Equal(got, want) {
		t.Errorf("outcomes = %q, want %q", got, want)
	}
}

// "задержали 20 марта, на следующий день суд арестовал его": the next day that opens a clause
// of its own after the date and its comma counts from that date; "on 20 March, the next day"
// with nothing after it restates the date.
func TestExtract_NextDayClauseAfterADate(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Омск, 3 апреля 2025 года\n\nЖурналиста Петра Смирнова задержали 20 марта, на следующий день районный суд арестовал его на два месяца.",
			[]string{"arrest 2025-03-21 Петр Смирнов", "detention 2025-03-20 Петр Смирнов"}},
		{"Kazan, 3 April 2025\n\nThe journalist Pavel Orlov was detained on 20 March, the next day a district court remanded him in custody.",
			[]string{"arrest 2025-03-21 Pavel Orlov", "detention 2025-03-20 Pavel Orlov"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text[22:], got, tc.want)
		}
	}
	if got, want := datesOf("Kazan, 3 April 2025\n\nPavel Orlov was released on 22 March, the next day."), []string{"2025-04-03", "2025-03-22"}; !slices.Equal(got, want) {
		t.Errorf("dates = %q, want %q", got, want)
	}
}

// Another spelling of a name in parentheses, led by the language or script it is written in
// ("(в азербайджанском написании — Eldar Məmmədov)", "(in Azerbaijani: ...)"), is the
// same person.
func TestExtract_AliasInAnotherLanguage(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"Баку, 3 апреля 2025 года\n\nСуд арестовал экономиста Эльдара Мамедова (в азербайджанском написании — Eldar Məmmədov) на четыре месяца.", "Эльдар Мамедов"},
		{"Baku, 3 April 2025\n\nThe court remanded the economist Eldar Mamedov (in Azerbaijani: Eldar Məmmədov) in custody.", "Eldar Mamedov"},
	} {
		if got := names(Extract(tc.text)); !slices.Equal(got, []string{tc.want}) {
			t.Errorf("persons of %q = %q, want %q", tc.text[26:], got, tc.want)
		}
	}
}

// Coming home from custody is a release ("вернулся домой из следственного изолятора",
// "returned home from the detention centre"); coming home from elsewhere is not.
func TestExtract_ReturnedHomeFromCustody(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Омск, 3 апреля 2025 года\n\nВчера вечером журналист Петр Смирнов вернулся домой из следственного изолятора.", []string{"release 2025-04-02 Петр Смирнов"}},
		{"Kazan, 3 April 2025\n\nYesterday the journalist Pavel Orlov returned home from the detention centre.", []string{"release 2025-04-02 Pavel Orlov"}},
		{"Kazan, 3 April 2025\n\nYesterday the journalist Pavel Orlov returned home from a trip abroad.", nil},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text[22:], got, tc.want)
		}
	}
}

// A year with the marker of a known footnote against its full stop ("undesirable in 2023.1
// Its editor ...") is the year, and the marker is the sentence's footnote; a number of that
// shape with no such footnote is left alone.
func TestExtract_YearBeforeAFootnoteMarker(t *testing.T) {
	text := "Kazan, 3 April 2025\n\nThe newspaper was declared undesirable in 2023.1 Its editor left the country.\n\n1 https://example.org/a\n"
	if got, want := datesOf(text), []string{"2025-04-03", "2023"}; !slices.Equal(got, want) {
		t.Errorf("dates = %q, want %q", got, want)
	}
	r := Extract(text)
	for _, d := range r.Dates {
		if d.Date == "2023" && (d.Mentions[0].Quote != "2023" || d.Mentions[0].Footnote != 1) {
			t.Errorf("2023 rests on %+v, want the quote 2023 with footnote 1", d.Mentions[0])
		}
	}
	if got, want := datesOf("Kazan, 3 April 2025\n\nThe newspaper was declared undesirable in 2023.4 Its editor left the country.\n\n1 https://example.org/a\n"), []string{"2025-04-03"}; !slices.Equal(got, want) {
		t.Errorf("without footnote 4: dates = %q, want %q", got, want)
	}
}

// A PDF's note whose number stands alone on its line, its text with an address on the next
// ("1" / "    Statement of the court: https://..."), is a footnote, and "2023.1" in the text
// cites it; a number alone before a line without an address is no note.
func TestExtract_NoteNumberOnItsOwnLine(t *testing.T) {
	text := "Kazan, 3 April 2025\n\nThe newspaper was declared undesirable in 2023.1 Its editor left.\n\n2\nFacts of the case\n\n________\n1\n    Statement of the court: https://example.org/court/ruling\n"
	r := Extract(text)
	var got []string
	for _, f := range r.Footnotes {
		got = append(got, fmt.Sprint(f.Number, " ", f.URLs))
	}
	if want := []string{"1 [https://example.org/court/ruling]"}; !slices.Equal(got, want) {
		t.Errorf("footnotes = %q, want %q", got, want)
	}
	if got, want := datesOf(text), []string{"2025-04-03", "2023"}; !slices.Equal(got, want) {
		t.Errorf("dates = %q, want %q", got, want)
	}
}

// "placed Orlov under house arrest, and on the same day Lisova and Sizov ... were made to
// sign an undertaking": the event's person is the object right before the trigger, not the
// subject of the clause after the break; without the break, a list after it is the event's.
func TestExtract_ObjectBeforeTheTriggerAcrossAClause(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Kazan, 3 April 2025\n\nOn 2 March a judge placed Pavel Orlov under house arrest, and on the same day Anna Lisova and Oleg Sizov, who had not been detained, were made to sign an undertaking not to leave the town.",
			[]string{"house arrest 2025-03-02 Pavel Orlov"}},
		{"Kazan, 3 April 2025\n\nOn 2 March a judge placed Pavel Orlov under house arrest and released Anna Lisova.",
			[]string{"house arrest 2025-03-02 Pavel Orlov"}},
		{"Kazan, 3 April 2025\n\nOn 2 March a judge placed under house arrest Pavel Orlov and Anna Lisova.",
			[]string{"house arrest 2025-03-02 Anna Lisova", "house arrest 2025-03-02 Pavel Orlov"}},
	} {
		var got []string
		for _, e := range eventsOf(tc.text) {
			if strings.HasPrefix(e, "house arrest") {
				got = append(got, e)
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("house arrests of %q = %q, want %q", tc.text[22:70], got, tc.want)
		}
	}
}

// An honorific before the object of an event's phrase ("prevented Ms. Gulnara Orazova from
// boarding a flight") is part of the object the phrase steps over.
func TestExtract_HonorificObject(t *testing.T) {
	text := "Ashgabat, 3 May 2024\n\nOn 2 April 2024 border officials prevented Ms. Gulnara Orazova from boarding a flight to Istanbul."
	if got, want := eventsOf(text), []string{"travel ban 2024-04-02 Gulnara Orazova"}; !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// "...; for Maria Orlova he sought a fine": the pronoun that asks is the requester, and the
// demand is for the person after "for"; "he received five years" is still his own.
func TestExtract_RequesterPronounIsNotTheDefendant(t *testing.T) {
	text := "Tbilisi, 3 April 2025\n\nProsecutor Levan Abashidze asked for five years for Ivan Petrov and four years each for Anna Lisova and Oleg Sizov; for Maria Orlova he sought a fine."
	want := []string{"Anna Lisova imprisonment P4Y", "Ivan Petrov imprisonment P5Y", "Maria Orlova fine ", "Oleg Sizov imprisonment P4Y"}
	if got := penaltiesOf(Extract(text).Demands); !slices.Equal(got, want) {
		t.Errorf("demands = %q, want %q", got, want)
	}
	text = "Tbilisi, 3 April 2025\n\nThe court tried Ivan Petrov on Monday. He received five years."
	if got, want := penaltiesOf(Extract(text).Sentences), []string{"Ivan Petrov imprisonment P5Y"}; !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
}
