package extract

import (
	"slices"
	"strings"
	"testing"
)

// personNames returns the names of a result's persons, sorted.
func personNames(r *Result) []string {
	var out []string
	for _, p := range r.Persons {
		out = append(out, p.Name)
	}
	slices.Sort(out)
	return out
}

// A role noun in a relative clause after a name ("whom investigators call ...") or in the
// plural is not the person's role: the person stays a defendant, with a verdict.
func TestExtract_RoleInRelativeClauseNotTheNames(t *testing.T) {
	text := "Taraz, 3 May 2021\n\nAliya Temirova, whom investigators call the ringleader, was convicted on 1 May 2021 and sentenced to three years in prison."
	r := Extract(text)
	for _, p := range r.Persons {
		if p.Name == "Aliya Temirova" && hasRole(p, "investigator") {
			t.Errorf("Aliya Temirova has the role investigator: %v", p.Roles)
		}
	}
	if got, want := outcomesOf(r), []string{"Aliya Temirova convicted"}; !slices.Equal(got, want) {
		t.Errorf("outcomes = %q, want %q", got, want)
	}
}

// "Five years six months", "5 лет 6 месяцев": a term of two units with no "and" between them.
func TestExtract_TermOfTwoUnitsWithoutAnd(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"Taraz, 3 May 2021\n\nOn 1 May 2021 the court sentenced Aliya Temirova to 5 years 6 months in prison.", "Aliya Temirova imprisonment P5Y6M"},
		{"Омск, 3 мая 2021 года\n\n1 мая 2021 года суд приговорил Ивана Белова к 4 годам 3 месяцам лишения свободы.", "Иван Белов imprisonment P4Y3M"},
	} {
		if got := penaltiesOf(Extract(tc.text).Sentences); !slices.Equal(got, []string{tc.want}) {
			t.Errorf("sentences of %q = %q, want [%q]", tc.text, got, tc.want)
		}
	}
}

// Words that open a sentence ("Neither", a number, a participle) are not a first name.
func TestExtract_SentenceOpenersNotFirstNames(t *testing.T) {
	text := "Taraz, 3 May 2021\n\nAliya Temirova and Ruslan Zhaksybekov were detained on 1 May 2021. Neither Zhaksybekov nor Temirova spoke in court. Two Zhaksybekov supporters waited outside."
	r := Extract(text)
	if got, want := personNames(r), []string{"Aliya Temirova", "Ruslan Zhaksybekov"}; !slices.Equal(got, want) {
		t.Errorf("persons = %q, want %q", got, want)
	}
}

// "The others" stands for the defendants not named beside it; a demand in parentheses
// governs only its aside; "fines" is a fine, and a fine takes no term told before it; a
// banned organisation is no ban of a person.
func TestExtract_TheOthersAsideAndFines(t *testing.T) {
	text := `Taraz, 3 May 2021

Aliya Temirova, Ruslan Zhaksybekov and Dauren Sapiyev received fines of 200,000 tenge each in an earlier case about a banned religious group.

On 1 May 2021 the court sentenced Temirova to 5 years in a general-regime colony (the prosecutor had asked for 7 years) and the others to 2 years each, suspended. The prosecutor had asked for 7 years for Temirova but only fines for the other two.`
	r := Extract(text)
	if got, want := penaltiesOf(r.Sentences), []string{"Aliya Temirova fine ", "Aliya Temirova imprisonment P5Y", "Dauren Sapiyev fine ", "Dauren Sapiyev suspended P2Y", "Ruslan Zhaksybekov fine ", "Ruslan Zhaksybekov suspended P2Y"}; !slices.Equal(got, want) {
		t.Errorf("sentences:\n got %q\nwant %q", got, want)
	}
	if got, want := penaltiesOf(r.Demands), []string{"Aliya Temirova imprisonment P7Y", "Dauren Sapiyev fine ", "Ruslan Zhaksybekov fine "}; !slices.Equal(got, want) {
		t.Errorf("demands:\n got %q\nwant %q", got, want)
	}
}

// "Все одиннадцать были задержаны": a number standing for the defendants as the subject.
func TestExtract_AllNWithoutNoun(t *testing.T) {
	firsts := []string{"Алия", "Дана", "Жанна", "Мадина", "Сауле", "Гульнар", "Айгуль", "Айжан", "Камила", "Жанар", "Динара"}
	lasts := []string{"Темирова", "Сапиева", "Жаксыбекова", "Оразова", "Нуркенова", "Есимова", "Байтурова", "Мукашева", "Ергалиева", "Тулеуова", "Шарипова"}
	var names, want []string
	for i := range firsts {
		names = append(names, firsts[i]+" "+lasts[i])
		want = append(want, "detention 2020-02-02 "+firsts[i]+" "+lasts[i])
	}
	slices.Sort(want)
	text := "Тараз, 3 мая 2021 года\n\nСуд оправдал всех: " + strings.Join(names[:10], ", ") + " и " + names[10] + ".\n\nВсе одиннадцать были задержаны 2 февраля 2020 года."
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events:\n got %q\nwant %q", got, want)
	}
}

// A Tajik surname in -зода declines as a noun in -а: "Рахимзоде", "Рахимзоду" are
// Рахимзода's.
func TestExtract_SurnameInZoda(t *testing.T) {
	text := "Худжанд, 3 мая 2021 года\n\nСуд приговорил блогера Бахтиёра Сафарзоду к пяти годам лишения свободы. Сафарзоде вменили призывы к экстремизму."
	if got, want := personNames(Extract(text)), []string{"Бахтиёр Сафарзода"}; !slices.Equal(got, want) {
		t.Errorf("persons = %q, want %q", got, want)
	}
}

// A numbered colony or prison written in lower case is an organisation, with the town
// before it or the one-word town after "in".
func TestExtract_NumberedPrisonInLowerCase(t *testing.T) {
	text := "Taraz, 3 May 2021\n\nAliya Temirova was moved from Shu prison No. 2 to penal colony No. 7 in Karatau, and her sister to the women's colony No. 5 in Zhambyl region."
	var got []string
	for _, o := range Extract(text).Orgs {
		got = append(got, o.Name)
	}
	slices.Sort(got)
	if want := []string{"Shu prison No. 2", "penal colony No. 7 in Karatau", "women's colony No. 5"}; !slices.Equal(got, want) {
		t.Errorf("organisations = %q, want %q", got, want)
	}
}

// "Two days after each detention the court remanded them": each person's arrest is two days
// after their own detention; "during his detention" is that person's detention, not the
// one told last; "after each detention" tells no new detention.
func TestExtract_AfterEachAndDuringOwn(t *testing.T) {
	text := `Taraz, 3 May 2021

The three were detained on separate days: Aliya Temirova on 10 February, Ruslan Zhaksybekov on 12 February and Dauren Sapiyev on 15 February 2021. Three days after each detention a district court remanded them in custody.

Zhaksybekov said he was beaten on the night of his detention.`
	want := []string{
		"arrest 2021-02-13 Aliya Temirova", "arrest 2021-02-15 Ruslan Zhaksybekov", "arrest 2021-02-18 Dauren Sapiyev",
		"detention 2021-02-10 Aliya Temirova", "detention 2021-02-12 Ruslan Zhaksybekov", "detention 2021-02-15 Dauren Sapiyev",
		"torture allegation 2021-02-12 Ruslan Zhaksybekov",
	}
	slices.Sort(want)
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events:\n got %q\nwant %q", got, want)
	}
}

// A list led by the verdict's noun ("The verdicts:") gives bare terms as sentences; an age
// between commas keeps a list of names joined for "each".
func TestExtract_VerdictListWithAges(t *testing.T) {
	text := `Taraz, 3 May 2021

The verdicts in brief:
- Aliya Temirova, 31, and Ruslan Zhaksybekov, 45 — 3.5 years each;
- Dauren Sapiyev, 22 — 2 years.`
	want := []string{"Aliya Temirova imprisonment P3Y6M", "Dauren Sapiyev imprisonment P2Y", "Ruslan Zhaksybekov imprisonment P3Y6M"}
	if got := penaltiesOf(Extract(text).Sentences); !slices.Equal(got, want) {
		t.Errorf("sentences:\n got %q\nwant %q", got, want)
	}
}

// "Gave A nine years and B five; the prosecution had asked for eleven and seven years
// respectively": an elided term after a name, and a demand told for the clause before. A
// possessive name right before a term is whose term it is.
func TestExtract_ElidedTermAfterName(t *testing.T) {
	text := `Taraz, 3 May 2021

On 1 May 2021 Judge Serik Nurlanov gave Aliya Temirova nine years and Ruslan Zhaksybekov five; the prosecution had asked for eleven and seven years respectively.

On appeal the court kept Temirova's nine-year term.`
	r := Extract(text)
	if got, want := penaltiesOf(r.Sentences), []string{"Aliya Temirova imprisonment P9Y", "Ruslan Zhaksybekov imprisonment P5Y"}; !slices.Equal(got, want) {
		t.Errorf("sentences:\n got %q\nwant %q", got, want)
	}
	if got, want := penaltiesOf(r.Demands), []string{"Aliya Temirova imprisonment P11Y", "Ruslan Zhaksybekov imprisonment P7Y"}; !slices.Equal(got, want) {
		t.Errorf("demands:\n got %q\nwant %q", got, want)
	}
}

// "That night" goes on from the day just told, not from a date of a past thing told after it
// ("the elections of 2 May") nor from the latest day of the document, even when it opens a
// paragraph.
func TestExtract_ThatNightAfterAttributiveDate(t *testing.T) {
	text := `Taraz, 30 September 2022

The appeal ruling of 15 September 2022 confirmed the verdict.

On 12 June 2021, a crowd gathered outside the city hall to protest against the results of the elections of 2 May.

That night, police detained Aliya Temirova.`
	if got, want := eventsOf(text), []string{"detention 2021-06-12 Aliya Temirova"}; !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// "Среди задержанных — A и B" in a paragraph of its own: the detention told before, with its
// day.
func TestExtract_AmongTheDetainees(t *testing.T) {
	text := `Тараз, 8 сентября 2025 года

В субботу полиция начала задерживать участников собрания. Всего задержаны 30 человек.

Среди задержанных — журналист Алия Темирова и активист Руслан Жаксыбеков.`
	want := []string{"detention 2025-09-06 Алия Темирова", "detention 2025-09-06 Руслан Жаксыбеков"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// A refusal or negation in one clause does not reach the clause joined after a comma and a
// conjunction: "Она отказалась, и 3 марта её уволили".
func TestExtract_ModalStaysInItsClause(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"Тараз, 8 марта 2021 года\n\nАлии Темировой предложили уйти. Она отказалась, и 3 марта её уволили.", "dismissal 2021-03-03 Алия Темирова"},
		{"Taraz, 8 March 2021\n\nAliya Temirova was asked to resign. She refused, and on 3 March she was dismissed.", "dismissal 2021-03-03 Aliya Temirova"},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, []string{tc.want}) {
			t.Errorf("events of %q = %q, want [%q]", tc.text, got, tc.want)
		}
	}
}

// "Всех фигурантов, кроме A, задержали": the defendants but A. "All except B were
// detained": the defendants but B.
func TestExtract_GroupExcept(t *testing.T) {
	ru := `Тараз, 25 августа 2021 года

Суд приговорил:
• Алию Темирову — к 3 годам колонии;
• Руслана Жаксыбекова — к 2 годам колонии;
• Даурена Сапиева — к 2 годам ограничения свободы.

Всех фигурантов, кроме Сапиева, задержали 3 марта.`
	if got, want := eventsOf(ru), []string{"detention 2021-03-03 Алия Темирова", "detention 2021-03-03 Руслан Жаксыбеков"}; !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
	en := `Taraz, 25 August 2021

The court sentenced Aliya Temirova and Ruslan Zhaksybekov to two years each and acquitted Dauren Sapiyev. All except Sapiyev were detained on 3 March 2021.`
	if got, want := eventsOf(en), []string{"detention 2021-03-03 Aliya Temirova", "detention 2021-03-03 Ruslan Zhaksybekov"}; !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// "Забрали с работы", "увезли в отдел полиции" say a detention; an oblique first name that
// lost its fleeting vowel ("Павла") is read back to its nominative (Павел).
func TestExtract_ColloquialDetentionAndFleetingVowel(t *testing.T) {
	text := "Тараз, 25 августа 2021 года\n\nПавла Сапиева забрали 3 марта прямо с работы. 4 марта Льва Темирова увезли в отдел полиции."
	want := []string{"detention 2021-03-03 Павел Сапиев", "detention 2021-03-04 Лев Темиров"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// A term in an aside takes no kind from outside it: "пять лет в колонии (прокурор просил 8)"
// is a demand of eight years, not a sentence; a gloss in parentheses after a term still
// gives its kind.
func TestExtract_TermInAside(t *testing.T) {
	text := "Тараз, 3 мая 2021 года\n\nСуд решил так:\n— Алия Темирова — 5 лет лишения свободы в колонии общего режима (прокурор просил 8);\n— Руслан Жаксыбеков — 2 года условно."
	r := Extract(text)
	if got, want := penaltiesOf(r.Demands), []string{"Алия Темирова imprisonment P8Y"}; !slices.Equal(got, want) {
		t.Errorf("demands = %q, want %q", got, want)
	}
	if got, want := penaltiesOf(r.Sentences), []string{"Алия Темирова imprisonment P5Y", "Руслан Жаксыбеков suspended P2Y"}; !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
}

// A group's verdict does not contradict a verdict told of one of its people by name: "All
// except A were found guilty" leaves out B, acquitted by name.
func TestExtract_GroupVerdictYieldsToNamed(t *testing.T) {
	text := `Taraz, 3 May 2021

Verdicts:
- Aliya Temirova — 3 years;
- Ruslan Zhaksybekov — 2 years;
- Dauren Sapiyev — acquitted.

All except Zhaksybekov were found guilty of hooliganism.`
	want := []string{"Aliya Temirova convicted", "Dauren Sapiyev acquitted", "Ruslan Zhaksybekov convicted"}
	if got := outcomesOf(Extract(text)); !slices.Equal(got, want) {
		t.Errorf("outcomes = %q, want %q", got, want)
	}
}

// A prosecutor's demand told as a range ("от 8 до 10 лет") is a demand without a term, for
// everyone it names ("для всех подсудимых").
func TestExtract_RangeDemandForAll(t *testing.T) {
	text := `Тараз, 3 мая 2021 года

Суд приговорил Алию Темирову к пяти годам лишения свободы, а Руслана Жаксыбекова — к двум годам условно.

Обвинение просило для всех подсудимых от 6 до 8 лет лишения свободы.`
	want := []string{"Алия Темирова imprisonment ", "Руслан Жаксыбеков imprisonment "}
	if got := penaltiesOf(Extract(text).Demands); !slices.Equal(got, want) {
		t.Errorf("demands = %q, want %q", got, want)
	}
}

// Organisations named by a place and a lower-case head ("the Shu police division", "the
// Taraz city department of internal affairs", "the Karatau penitentiary institution"), a
// numbered "Establishment", and a footnote marker glued to a name.
func TestExtract_PlaceHeadsAndGluedMarker(t *testing.T) {
	text := "Taraz, 3 May 2021\n\nAliya Temirova was taken to the Shu police division, then to the Taraz city department of internal affairs, and held in the Karatau penitentiary institution and later in Correctional Establishment No. 4. The International Miners Federation2 protested."
	var got []string
	for _, o := range Extract(text).Orgs {
		got = append(got, o.Name)
	}
	slices.Sort(got)
	want := []string{"Correctional Establishment No. 4", "International Miners Federation", "Karatau penitentiary institution", "Shu police division", "Taraz city department of internal affairs"}
	if !slices.Equal(got, want) {
		t.Errorf("organisations = %q, want %q", got, want)
	}
}

// A prison's code name after "colony" or "facility" is an organisation: "colony KR-T/5".
func TestExtract_PrisonCodeName(t *testing.T) {
	text := "Taraz, 3 May 2021\n\nAliya Temirova was held in the detention facility TR-S/2 in Shu and then moved to colony KR-T/15 in Karatau."
	var got []string
	for _, o := range Extract(text).Orgs {
		got = append(got, o.Name)
	}
	slices.Sort(got)
	if want := []string{"KR-T/15", "TR-S/2"}; !slices.Equal(got, want) {
		t.Errorf("organisations = %q, want %q", got, want)
	}
}

// "Released after questioning and ordered not to leave the city": a release and a travel ban
// on the day they were taken in, not the day the story last reached, and the custody the
// release ends (a detention that day); the death of "a prisoner
// who had died" is no named person's, and no event of the registry.
func TestExtract_ReleasedAfterQuestioning(t *testing.T) {
	text := `Taraz, 3 May 2021

On 9 April 2021 police searched the homes of Aliya Temirova and Ruslan Zhaksybekov. Temirova was detained the same day and two days later a court remanded her in custody. Zhaksybekov was released after questioning and ordered not to leave Taraz.

Temirova had helped the family of a prisoner who had died in custody.`
	want := []string{
		"arrest 2021-04-11 Aliya Temirova", "detention 2021-04-09 Aliya Temirova", "detention 2021-04-09 Ruslan Zhaksybekov", "release 2021-04-09 Ruslan Zhaksybekov",
		"search 2021-04-09 Aliya Temirova", "search 2021-04-09 Ruslan Zhaksybekov", "travel ban 2021-04-09 Ruslan Zhaksybekov",
	}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events:\n got %q\nwant %q", got, want)
	}
}

// A search of a home that names no one is of the person of the event told just before; a
// search of an office is of no one.
func TestExtract_SearchOfTheirHome(t *testing.T) {
	text := `Тараз, 3 мая 2021 года

Алию Темирову задержали 2 апреля 2021 года у подъезда её дома. В тот же вечер в квартире провели обыск. Через день обыск прошёл и в офисе редакции.`
	want := []string{"detention 2021-04-02 Алия Темирова", "search 2021-04-02 Алия Темирова", "search 2021-04-03"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events:\n got %q\nwant %q", got, want)
	}
}

// "The relatives of X have been subjected to searches" are unnamed kin, not X; "searched the
// flat of his brother, Y" is Y's search, and "the house of X's parents" is not X's.
func TestExtract_KinHomesSearched(t *testing.T) {
	text := `Taraz, 3 May 2021

The relatives of Aliya Temirova, a blogger who criticises officials on her channel, have been subjected to searches and detention. On 22 April 2021 police searched the house of Temirova's parents and the flat of her brother, Ruslan Temirov.`
	want := []string{"detention", "search 2021-04-22 Ruslan Temirov"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events:\n got %q\nwant %q", got, want)
	}
}

// A digest with no dateline but a month in its heading ("Issue 4 (March 2024)") dates its
// days without a year by that month, not by a background year told just before.
func TestExtract_HeadingMonthDatesDays(t *testing.T) {
	text := `PRISON WATCH — MONTHLY DIGEST
Issue 4 (March 2024)

Aliya Temirova was first arrested in 2019.

On 12 March Aliya Temirova was moved to colony No. 5. Travel bans have been recorded since January.`
	var got []string
	for _, dt := range Extract(text).Dates {
		got = append(got, dt.Date)
	}
	slices.Sort(got)
	if want := []string{"2019", "2024-01", "2024-03", "2024-03-12"}; !slices.Equal(got, want) {
		t.Errorf("dates = %q, want %q", got, want)
	}
}

// An unknown given name in -ы is oblique: "адвоката Дамиры Сейтовой" is Дамира Сейтова's.
func TestExtract_GivenNameInY(t *testing.T) {
	text := "Тараз, 3 мая 2021 года\n\nСуд рассмотрел жалобу адвоката Дамиры Сейтовой."
	if got, want := personNames(Extract(text)), []string{"Дамира Сейтова"}; !slices.Equal(got, want) {
		t.Errorf("persons = %q, want %q", got, want)
	}
}

// "Десять человек перевели под домашний арест; A оставался в СИЗО": a count of people that is
// the defendants but the one named after the semicolon stands for them; a count that fits no
// one ("задержаны 27 человек") stays a count.
func TestExtract_CountThatIsTheOthers(t *testing.T) {
	firsts := []string{"Алия", "Дана", "Жанна", "Мадина", "Сауле", "Гульнар", "Айгуль", "Айжан", "Камила", "Жанар", "Динара"}
	lasts := []string{"Темирова", "Сапиева", "Жаксыбекова", "Оразова", "Нуркенова", "Есимова", "Байтурова", "Мукашева", "Ергалиева", "Тулеуова", "Шарипова"}
	var names, want []string
	for i := range firsts {
		names = append(names, firsts[i]+" "+lasts[i])
		if i > 0 {
			want = append(want, "house arrest 2023-07 "+firsts[i]+" "+lasts[i])
		}
	}
	slices.Sort(want)
	text := "Тараз, 3 мая 2024 года\n\nСуд оправдал всех: " + strings.Join(names[:10], ", ") + " и " + names[10] + ".\n\n" +
		"В июле 2023 года десять человек перевели под домашний арест; Темирова всё это время оставалась в СИЗО. На акции в её поддержку задержаны 27 человек."
	var got []string
	for _, e := range eventsOf(text) {
		if strings.HasPrefix(e, "house arrest") {
			got = append(got, e)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("house arrests:\n got %q\nwant %q", got, want)
	}
	for _, e := range eventsOf(text) {
		if strings.HasPrefix(e, "detention") && e != "detention" && !strings.HasPrefix(e, "detention 20") {
			t.Errorf("a count of 27 named someone: %q", e)
		}
	}
}

// "Остальные покинули зал суда свободными": a release, on the verdict's day, of the
// defendants not named beside it.
func TestExtract_TheRestLeftTheCourtroomFree(t *testing.T) {
	text := `Тараз, 3 мая 2024 года

Суд сегодня приговорил Алию Темирову к пяти годам лишения свободы, а Руслана Жаксыбекова и Даурена Сапиева — к двум годам условно. После оглашения приговора Темирову взяли под стражу, остальные покинули зал суда свободными.`
	var got []string
	for _, e := range eventsOf(text) {
		if strings.HasPrefix(e, "release") {
			got = append(got, e)
		}
	}
	if want := []string{"release 2024-05-03 Даурен Сапиев", "release 2024-05-03 Руслан Жаксыбеков"}; !slices.Equal(got, want) {
		t.Errorf("releases = %q, want %q", got, want)
	}
}

// "Rejected their appeals" after "A was sentenced to a fine; B, to a year": the people of the
// clauses joined by semicolons before it.
func TestExtract_TheirAppealsAfterSemicolons(t *testing.T) {
	text := `Taraz, 3 May 2023

On 11 December 2020 the court convicted both. Aliya Temirova was sentenced to a fine of 400,000 tenge; Ruslan Zhaksybekov, to 1 year of imprisonment. The regional court rejected their appeals in May 2021.`
	var got []string
	for _, o := range outcomesOf(Extract(text)) {
		if strings.HasSuffix(o, "upheld") {
			got = append(got, o)
		}
	}
	if want := []string{"Aliya Temirova upheld", "Ruslan Zhaksybekov upheld"}; !slices.Equal(got, want) {
		t.Errorf("upheld = %q, want %q", got, want)
	}
}

// "2 years, suspended (requested: 3 years' imprisonment)": a request in an aside after a
// sentence is the prosecution's, though no prosecutor is named.
func TestExtract_RequestedInAside(t *testing.T) {
	text := "Taraz, 3 May 2023\n\nOn 28 April 2023 the court sentenced Aliya Temirova to 2 years, suspended (requested: 3 years' imprisonment)."
	r := Extract(text)
	if got, want := penaltiesOf(r.Demands), []string{"Aliya Temirova imprisonment P3Y"}; !slices.Equal(got, want) {
		t.Errorf("demands = %q, want %q", got, want)
	}
	if got, want := penaltiesOf(r.Sentences), []string{"Aliya Temirova suspended P2Y"}; !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
}
