package extract

import (
	"slices"
	"strings"
	"testing"
)

// Tests of the general causes found on the third blind batch: each with invented sentences.

// A surname seen only in an oblique case is a surname when its nominative has the shape of
// one: "Погосяну" is the dative of Погосян.
func TestSurnameShape_ObliqueOfIndeclinableShape(t *testing.T) {
	for _, w := range []string{"Погосяну", "Барсегяне", "Барсегяна"} {
		if ok, _ := surnameShape(w); !ok {
			t.Errorf("surnameShape(%q) = false, want true", w)
		}
	}
	for _, w := range []string{"Собранию", "Правительству"} {
		if ok, _ := surnameShape(w); ok {
			t.Errorf("surnameShape(%q) = true, want false", w)
		}
	}
	text := "Ереван, 2 марта 2023 года\n\nСуду представили дело. Тиграну Погосяну назначено 3 года лишения свободы."
	if got := personNames(Extract(text)); !slices.Contains(got, "Тигран Погосян") {
		t.Errorf("persons = %q, want Тигран Погосян among them", got)
	}
}

// "The same day as the raid" is the day of the raid told before, and the raid named there is
// no new event; "the next afternoon" is the day after; "gets five years after a trial" is a
// term, not a date five years on.
func TestExtract_DaysToldFromEvents(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		dates      []string
		events     []string
	}{
		{"same day as", "Oslo, 20 June 2023\n\nPolice searched the flat of Marat Usenov on 4 April. He was charged on 10 April. The same day as the raid, the border guards barred the journalist Dinara Usenova from leaving the country.",
			[]string{"2023-04-04", "2023-04-10", "2023-06-20"}, []string{"search 2023-04-04 Marat Usenov", "travel ban 2023-04-04 Dinara Usenova"}},
		{"next afternoon", "Riga, 20 June 2023\n\nThe observer Anton Kirilov was detained on 4 April and released the next afternoon.",
			[]string{"2023-04-04", "2023-04-05", "2023-06-20"}, []string{"detention 2023-04-04 Anton Kirilov", "release 2023-04-05 Anton Kirilov"}},
		{"a term is no date", "Riga, 20 June 2023\n\nBLOGGER GETS FIVE YEARS AFTER SECRET TRIAL\n\nThe court sentenced the blogger Anton Kirilov to five years on 14 June.",
			[]string{"2023-06-14", "2023-06-20"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Extract(tc.text)
			if got := dates(r); !slices.Equal(got, tc.dates) {
				t.Errorf("dates = %q, want %q", got, tc.dates)
			}
			if got := eventsOf(tc.text); !slices.Equal(got, tc.events) {
				t.Errorf("events = %q, want %q", got, tc.events)
			}
		})
	}
}

// Custody told as a state in a relative clause ("who had been held in pre-trial detention
// since ...") is an arrest of that day, and the release of the main clause keeps its own
// day; "forbidden to leave", "not permitted to leave" are travel bans.
func TestExtract_CustodyStateAndTravelBans(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Yerevan, 20 June 2022\n\nOn 14 March 2022 the court acquitted Mr Arman Hakobyan. Mr Hakobyan, who had been held in pre-trial detention since 20 November 2021, was released in the courtroom.",
			[]string{"arrest 2021-11-20 Arman Hakobyan", "release 2022-03-14 Arman Hakobyan"}},
		{"Yerevan, 20 June 2022\n\nOn 9 June 2022 the activist Arman Hakobyan was forbidden to leave the country.",
			[]string{"travel ban 2022-06-09 Arman Hakobyan"}},
		{"Minsk, 20 June 2022\n\nThe lawyer Alena Sidarenka was freed on 9 June 2022. She was not permitted to leave the country.",
			[]string{"release 2022-06-09 Alena Sidarenka", "travel ban 2022-06-09 Alena Sidarenka"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// "Removed from a flight" is no dismissal; "restricted from leaving", a quoted word between
// or not, is a travel ban; "detained his uncle, NAME" is the uncle's detention, not that of
// the man "his" stands for.
func TestExtract_PlacesLeftQuotedTriggersAndKin(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Oslo, 20 June 2023\n\nIn May 2023 the activist Leyla Nuriyeva was removed from a flight to Vienna and told that she was \"temporarily restricted\" from leaving the country.",
			[]string{"travel ban 2023-05 Leyla Nuriyeva"}},
		{"Oslo, 20 June 2023\n\nOn 3 June 2023 the nurse Leyla Nuriyeva was removed from her post at the clinic.",
			[]string{"dismissal 2023-06-03 Leyla Nuriyeva"}},
		{"Oslo, 20 June 2023\n\nThe blogger Rustam Kurbanov lives in Berlin. On 21 February 2023, the day after Rustam Kurbanov posted a video, police detained his uncle, Kerim Kurbanov, 58, at the bazaar.",
			[]string{"detention 2023-02-21 Kerim Kurbanov"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// "his younger brother Kerim" before "Kerim Kurbanov" is named in full: one person, whose
// detention it is.
func TestExtract_FirstNameAfterKinBeforeTheFullName(t *testing.T) {
	text := "Oslo, 20 June 2023\n\nThe exiled blogger Rustam Kurbanov lives in Berlin. His younger brother Kerim, a driver, was detained in Mary on 14 May 2023. On 9 June 2023 a court sentenced Kerim Kurbanov to four years in prison."
	r := Extract(text)
	if got, want := personNames(r), []string{"Kerim Kurbanov", "Rustam Kurbanov"}; !slices.Equal(got, want) {
		t.Errorf("persons = %q, want %q", got, want)
	}
	if got, want := eventsOf(text), []string{"detention 2023-05-14 Kerim Kurbanov"}; !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// Russian custody told as a state ("с 1 марта находился под домашним арестом") is dated by
// its start; "в день задержания" and "после задержания" refer to the detention told before
// (no new one, and its day dates what follows); beatings "по ногам" are torture allegations.
func TestExtract_RussianStatesAndReferences(t *testing.T) {
	text := "Минск, 9 ноября 2021 года\n\nАктивиста Павла Гордеева задержали 3 февраля 2021 года. Через неделю после задержания его перевели в СИЗО. " +
		"Гордеев рассказал, что в день задержания сотрудники милиции били его по ногам.\n\nСтудент Игорь Шубин с 1 марта находился под домашним арестом."
	want := []string{"detention 2021-02-03 Павел Гордеев", "house arrest 2021-03-01 Игорь Шубин", "torture allegation 2021-02-03 Павел Гордеев"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// "В суде Гордеев рассказал": the surname after "суде" is the subject of the verb, not part
// of a court's name.
func TestExtract_SurnameAfterCourtIsTheSpeaker(t *testing.T) {
	text := "Минск, 9 ноября 2021 года\n\nАктивиста Павла Гордеева задержали 3 февраля 2021 года. В суде Гордеев рассказал, что в день задержания его били дубинкой."
	r := Extract(text)
	for _, o := range r.Orgs {
		if strings.Contains(o.Name, "Гордеев") {
			t.Errorf("organisation %q holds the surname", o.Name)
		}
	}
	want := []string{"detention 2021-02-03 Павел Гордеев", "torture allegation 2021-02-03 Павел Гордеев"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// "отпустил X под домашний арест" is X's house arrest, not a release, and a group after a
// comma ("остальных заключили под стражу") is another clause's.
func TestExtract_ReleasedToHouseArrestRussian(t *testing.T) {
	text := "Ереван, 1 марта 2022 года\n\nАктивистку Анну Петросян задержали 9 мая 2021 года. 12 мая 2021 года суд отпустил Петросян под домашний арест."
	want := []string{"detention 2021-05-09 Анна Петросян", "house arrest 2021-05-12 Анна Петросян"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// Ill-treatment told with a place or moment of a custody's first hours ("in the van", "в
// отделе полиции") is dated by the person's detention; "в изоляторе", any day of a custody,
// is not.
func TestExtract_TortureDatedByItsCustody(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Tbilisi, 1 October 2025\n\nThe student Levan Abashidze was detained on 3 May 2025. He later told his lawyer that he had been punched in the stomach in the back of a police van.",
			[]string{"detention 2025-05-03 Levan Abashidze", "torture allegation 2025-05-03 Levan Abashidze"}},
		{"Баку, 1 октября 2025 года\n\nАктивиста Рауфа Гасанова задержали 3 мая 2025 года. Он заявил, что в отделе полиции его избили, требуя подписать признание.",
			[]string{"detention 2025-05-03 Рауф Гасанов", "torture allegation 2025-05-03 Рауф Гасанов"}},
		{"Баку, 1 октября 2025 года\n\nАктивиста Рауфа Гасанова задержали 3 мая 2025 года. По словам сына, Гасанова в изоляторе избили.",
			[]string{"detention 2025-05-03 Рауф Гасанов", "torture allegation  Рауф Гасанов"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A list of names under a title ("Who got what") after the paragraph that tells the verdict:
// each item's bare term is its person's sentence; "the prosecution wanted 5" after "4 years
// 6 months" is five years; an age after the name ("Nodar Beridze, 22,") is no term.
func TestExtract_NameListUnderATitle(t *testing.T) {
	text := "Batumi, October 14, 2025\n\nThe Batumi City Court yesterday sentenced three protesters to prison.\n\nWho got what\n\n" +
		"Nodar Beridze, 22, student — participation in group violence (Article 225, part 2): 4 years 6 months; the prosecution wanted 5.\n\n" +
		"Giorgi Tsintsadze, 26 — same charge: 4 years.\n\n" +
		"Zaza Kvaratskhelia, 31 — resistance to a police officer (Article 353): 3 years."
	r := Extract(text)
	if got, want := penaltiesOf(r.Sentences), []string{"Giorgi Tsintsadze imprisonment P4Y", "Nodar Beridze imprisonment P4Y6M", "Zaza Kvaratskhelia imprisonment P3Y"}; !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
	if got, want := penaltiesOf(r.Demands), []string{"Nodar Beridze imprisonment P5Y"}; !slices.Equal(got, want) {
		t.Errorf("demands = %q, want %q", got, want)
	}
	ru := "Минск, 9 ноября 2021 года\n\nСуд вынес приговор.\n\n— Жанна Орлова, 46 лет, — 3 года колонии;\n— Егор Белов, 39 лет, — 2 года колонии."
	if got, want := penaltiesOf(Extract(ru).Sentences), []string{"Егор Белов imprisonment P2Y", "Жанна Орлова imprisonment P3Y"}; !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
}

// Georgian surnames in -uri have a surname's shape; a given name alone after a kin word
// ("his wife Gulnara") is a woman, whom "he" does not stand for.
func TestExtract_ShapesAndGivenNamesAlone(t *testing.T) {
	if ok, _ := surnameShape("Tsiklauri"); !ok {
		t.Error("surnameShape(Tsiklauri) = false")
	}
	text := "Nukus, 3 May 2024\n\nOn 2 May 2024 a court convicted the blogger Aqil Toreshov. His wife, Gulnara, left the country. He was sentenced to six years in prison."
	r := Extract(text)
	for _, o := range r.Outcomes {
		if o.Person != "Aqil Toreshov" {
			t.Errorf("outcome %s of %q, want of Aqil Toreshov", o.Outcome, o.Person)
		}
	}
	if got, want := penaltiesOf(r.Sentences), []string{"Aqil Toreshov imprisonment P6Y"}; !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
}

// Organisation names: a country's possessive is no part of the body ("Tajikistan's
// Prosecutor General's Office"); an acronym's office is named with it ("FSB Directorate for
// Tver Region"); "of" may come before the head ("Freedom of Conscience Monitor"), but the
// people of a body are not its name ("Journalists of Sabah Press").
func TestExtract_OrganisationNameEdges(t *testing.T) {
	text := "Tver, 3 May 2024\n\nUzbekistan's Prosecutor General's Office did not reply. Officers of the FSB Directorate for Tver Region detained him. " +
		"The Freedom of Conscience Monitor said so. Journalists of Kapital Press protested."
	var got []string
	for _, o := range Extract(text).Orgs {
		got = append(got, o.Name)
	}
	slices.Sort(got)
	want := []string{"FSB Directorate for Tver Region", "Freedom of Conscience Monitor", "Kapital Press", "Prosecutor General's Office"}
	if !slices.Equal(got, want) {
		t.Errorf("organisations = %q, want %q", got, want)
	}
}

// Demands told beside the sentence: "exactly as requested", "как и просил прокурор", an aside
// "(просили 3 года)" or "(prosecution: 5)", and "год" without a number before its kind.
func TestExtract_DemandsBesideTheSentence(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Batumi, October 14, 2025\n\nThe court sentenced Giorgi Tsintsadze to 4 years, exactly as requested.",
			[]string{"Giorgi Tsintsadze imprisonment P4Y"}},
		{"Batumi, October 14, 2025\n\nThe court sentenced Giorgi Tsintsadze to 4 years (prosecution: 5).",
			[]string{"Giorgi Tsintsadze imprisonment P5Y"}},
		{"Минск, 9 ноября 2021 года\n\nСуд приговорил Сергея Лозова к 2 годам 6 месяцам колонии (просили 3 года).",
			[]string{"Сергей Лозов imprisonment P3Y"}},
		{"Минск, 9 ноября 2021 года\n\nСуд приговорил Веру Лозову к 2 годам ограничения свободы с направлением, как и просил прокурор.",
			[]string{"Вера Лозова restriction of freedom P2Y"}},
		{"Минск, 9 ноября 2021 года\n\nСуд огласил приговор:\n\n— Вера Лозова — штраф 200 базовых величин, хотя прокурор просил для неё год ограничения свободы.",
			[]string{"Вера Лозова restriction of freedom P1Y"}},
	} {
		if got := penaltiesOf(Extract(tc.text).Demands); !slices.Equal(got, tc.want) {
			t.Errorf("demands of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// "4½ years" and an elided "(prosecution: 4½)" are four years and six months.
func TestExtract_HalfYearsWrittenWithAFraction(t *testing.T) {
	text := "Batumi, October 14, 2025\n\nThe court sentenced Giorgi Tsintsadze to 4 years (prosecution: 4½) and Nodar Beridze to 3½ years."
	r := Extract(text)
	if got, want := penaltiesOf(r.Sentences), []string{"Giorgi Tsintsadze imprisonment P4Y", "Nodar Beridze imprisonment P3Y6M"}; !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
	if got, want := penaltiesOf(r.Demands), []string{"Giorgi Tsintsadze imprisonment P4Y6M"}; !slices.Equal(got, want) {
		t.Errorf("demands = %q, want %q", got, want)
	}
}

// "sentenced on 30 October 2023 to five years": the date's year before "to" is not the low
// end of a range of terms.
func TestExtract_DateBeforeTheTermIsNoRange(t *testing.T) {
	text := "Warsaw, 28 May 2024\n\nMarat Kholov was sentenced by the regional court on 30 October 2023 to five years in prison. Prosecutors had asked for eight."
	r := Extract(text)
	if got, want := penaltiesOf(r.Sentences), []string{"Marat Kholov imprisonment P5Y"}; !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
	if got, want := penaltiesOf(r.Demands), []string{"Marat Kholov imprisonment P8Y"}; !slices.Equal(got, want) {
		t.Errorf("demands = %q, want %q", got, want)
	}
	// A real range stays one: "faces four to seven years" says no term.
	if got := penaltiesOf(Extract("Warsaw, 28 May 2024\n\nThe court gave Marat Kholov four to seven years.").Sentences); len(got) != 0 {
		t.Errorf("sentences of a range = %q, want none", got)
	}
}

// Russian sentences and demands told side by side: "на два года меньше, чем просил прокурор",
// "назначено 4 года при запрошенных пяти", a probation "с испытательным сроком в два года" that
// is no term, and "настаивало на реальном сроке в 4 года".
func TestExtract_RussianDemandsSetAgainstTheSentence(t *testing.T) {
	text := "Ереван, 1 марта 2022 года\n\nВ прошлую пятницу суд огласил приговор. Арам Петросян получил 6 лет лишения свободы — на два года меньше, чем просил прокурор. " +
		"Севаку Ованесяну назначено 4 года при запрошенных пяти. Мариам Ованесян приговорена к 3 годам условно с испытательным сроком в два года, хотя обвинение настаивало на реальном сроке в 4 года."
	r := Extract(text)
	if got, want := penaltiesOf(r.Sentences), []string{"Арам Петросян imprisonment P6Y", "Мариам Ованесян suspended P3Y", "Севак Ованесян imprisonment P4Y"}; !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
	if got, want := penaltiesOf(r.Demands), []string{"Арам Петросян imprisonment P8Y", "Мариам Ованесян imprisonment P4Y", "Севак Ованесян imprisonment P5Y"}; !slices.Equal(got, want) {
		t.Errorf("demands = %q, want %q", got, want)
	}
}

// A feed of posts: "вчера" in a later post counts from that post's stamp, not the first.
func TestExtract_RelativeDaysOfALaterPost(t *testing.T) {
	text := "Новости Нарына\n12.03.2025 19:42\n\nВчера сотрудники ГКНБ задержали блогера Айбека Осмонова.\n\n26.03.2025 10:15\n\nВчера Осмонов вышел из СИЗО."
	want := []string{"detention 2025-03-11 Айбек Осмонов", "release 2025-03-25 Айбек Осмонов"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// "Вместе с ним был задержан оператор Зураб Микеладзе, которого через двое суток
// отпустили": the subject after a Russian passive, the relative pronoun's antecedent, and a
// collective numeral counting days.
func TestExtract_RussianInvertedSubjectAndRelativeClause(t *testing.T) {
	text := "Тбилиси, 20 марта 2025 года\n\n8 марта 2025 года задержали журналиста Гелу Хурцидзе. Вместе с ним был задержан оператор Зураб Абашидзе, которого через двое суток отпустили."
	want := []string{"detention 2025-03-08 Гела Хурцидзе", "detention 2025-03-08 Зураб Абашидзе", "release 2025-03-10 Зураб Абашидзе"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// A person's name that ends its line ("Republic of Kazakhstan v. Aidos Temirbekov") does not
// open the court's name on the next line.
func TestExtract_NameAtLineEndIsNoOrganisation(t *testing.T) {
	text := "Trial Monitoring Report No. 5 — Issued 9 October 2023\n\nRepublic of Kazakhstan v. Aidos Temirbekov\nSpecialized Inter-District Criminal Court of Astana\n\nThe trial opened on 4 October 2023."
	r := Extract(text)
	var orgs []string
	for _, o := range r.Orgs {
		orgs = append(orgs, o.Name)
	}
	if !slices.Contains(orgs, "Specialized Inter-District Criminal Court of Astana") {
		t.Errorf("organisations = %q, want the court without the name", orgs)
	}
	if got := personNames(r); !slices.Contains(got, "Aidos Temirbekov") {
		t.Errorf("persons = %q, want Aidos Temirbekov", got)
	}
}

// A ban whose quoted scope has an aside before its term: 'banned her from "social and
// public activity", including posting on social networks, for three years'.
func TestExtract_BanWithAQuotedScopeAndAnAside(t *testing.T) {
	text := "Uralsk, 3 March 2023\n\nOn 27 December 2022 the court sentenced the activist Zhanar Ospanova to two years of restriction of freedom. The judge also banned her from \"social and public activity\", including posting on social networks, for three years."
	want := []string{"Zhanar Ospanova ban P3Y: social and public activity", "Zhanar Ospanova restriction of freedom P2Y"}
	var got []string
	for _, p := range Extract(text).Sentences {
		got = append(got, p.Person+" "+p.Value())
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
}

// "Ларису Вадимовну задержали": a given name and a patronymic name the person named in full
// with that given name, not a person "Лариса Вадимовну".
func TestExtract_GivenNameAndPatronymicAlone(t *testing.T) {
	text := "Екатеринбург, 3 марта 2024 года\n\nСуд приговорил пенсионерку Ларису Зайцеву к штрафу. Ларису Вадимовну задержали 5 октября 2023 года."
	r := Extract(text)
	if got, want := personNames(r), []string{"Лариса Зайцева"}; !slices.Equal(got, want) {
		t.Errorf("persons = %q, want %q", got, want)
	}
	if got, want := eventsOf(text), []string{"detention 2023-10-05 Лариса Зайцева"}; !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// "Освободиться по сроку он может не раньше 2027 года": an infinitive with a modal after it
// is what may happen, no event.
func TestExtract_RussianInfinitiveWithModalIsNoEvent(t *testing.T) {
	text := "Петрозаводск, 3 марта 2024 года\n\nГлеба Ракова задержали 2 марта 2023 года. Освободиться по сроку он может не раньше сентября 2027 года."
	if got, want := eventsOf(text), []string{"detention 2023-03-02 Глеб Раков"}; !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// Remand told as "ordered them held", ill-treatment told as "slapped", and a detention told
// as "handed over to the police".
func TestExtract_RemandSlapAndHandOver(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Baku, 3 March 2024\n\nPolice detained the journalist Aynur Safarova on 20 November 2023. On 22 November 2023 a court ordered her held for four months.",
			[]string{"arrest 2023-11-22 Aynur Safarova", "detention 2023-11-20 Aynur Safarova"}},
		{"Baku, 3 March 2024\n\nThe journalist Aynur Safarova wrote that on 2 April 2024 guards slapped her.",
			[]string{"torture allegation 2024-04-02 Aynur Safarova"}},
		{"Minsk, 3 March 2024\n\nOn 14 March 2023 border guards handed the lawyer Tatsiana Zhuk over to the police.",
			[]string{"detention 2023-03-14 Tatsiana Zhuk"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// "при задержании ... били" refers to the person's own detention at its most precise: the
// day told for them, not the month told for the group.
func TestExtract_ReferenceTakesThePreciseDay(t *testing.T) {
	text := "Минск, 3 июня 2021 года\n\nСуд приговорил Павла Савицкого и Олега Жука к трём годам колонии.\n\nВсех фигурантов задержали в начале марта. Савицкого забрали 4 марта прямо с работы.\n\nПавел Савицкий рассказал, что при задержании сотрудники милиции били его ногами."
	var torture []string
	for _, e := range eventsOf(text) {
		if strings.HasPrefix(e, "torture") {
			torture = append(torture, e)
		}
	}
	if want := []string{"torture allegation 2021-03-04 Павел Савицкий"}; !slices.Equal(torture, want) {
		t.Errorf("torture allegations = %q, want %q", torture, want)
	}
}

// "Коллега Назарова, адвокат Ниёз Хакимов, ...": a common noun opening the sentence is no
// given name of the surname after it.
func TestExtract_CommonNounIsNoGivenName(t *testing.T) {
	text := "Душанбе, 3 марта 2024 года\n\nАдвоката Бахтиёра Назарова задержали 27 сентября 2023 года. Коллега Назарова, адвокат Ниёз Хакимов, сам был задержан 10 октября."
	if got, want := personNames(Extract(text)), []string{"Бахтиёр Назаров", "Ниёз Хакимов"}; !slices.Equal(got, want) {
		t.Errorf("persons = %q, want %q", got, want)
	}
}

// "Penitentiary Institution No. 13" is a prison's name; "EU Delegation to Georgia" a
// mission's.
func TestExtract_InstitutionsAndDelegations(t *testing.T) {
	text := "Baku, 3 May 2025\n\nHe was beaten by guards at Penitentiary Institution No. 7 the day after. The EU Delegation to Armenia said so."
	var got []string
	for _, o := range Extract(text).Orgs {
		got = append(got, o.Name)
	}
	slices.Sort(got)
	if want := []string{"EU Delegation to Armenia", "Penitentiary Institution No. 7"}; !slices.Equal(got, want) {
		t.Errorf("organisations = %q, want %q", got, want)
	}
}

// "was released ... after being pardoned the previous day": the release keeps the day of
// its sentence; a Belarusian given name (Katsiaryna) with a short surname is a person.
func TestExtract_DateOfAnAfterClauseIsItsOwn(t *testing.T) {
	text := "Minsk, 1 October 2024\n\nOn 3 July 2024 Katsiaryna Zhuk, a nurse from Baranavichy sentenced to two years for comments on a news site, was released from penal colony No. 4 in Gomel after being pardoned the previous day."
	if got, want := eventsOf(text), []string{"release 2024-07-03 Katsiaryna Zhuk"}; !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}
