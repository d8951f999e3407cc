package extract

import (
	"slices"
	"testing"
)

// Events of relatives: "X, the cousin of Mr. Y, was dismissed" is X's, with the title
// between "of" and the name; "a week after the detention of Y they dismissed her husband X"
// is X's: the name after another event's noun dates the event, it did not undergo it.
func TestExtract_RelativeNotTheOneNamedBeside(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Geneva, 20 May 2024\n\nOn 2 March 2024 officers detained Mr. Oraz Berdiyev in Mary. On 14 April 2024, Mr. Kerim Berdiyev, the cousin of Mr. Berdiyev, was dismissed from his post as a teacher.",
			[]string{"detention 2024-03-02 Oraz Berdiyev", "dismissal 2024-04-14 Kerim Berdiyev"}},
		{"Томск, 20 мая 2025 года\n\nУчительницу Анну Петровну Соколову задержали 3 апреля 2025 года. Через неделю после задержания Соколовой уволили её мужа Олега Соколова, водителя автобуса.",
			[]string{"detention 2025-04-03 Анна Петровна Соколова", "dismissal 2025-04-10 Олег Соколов"}},
		// A pronoun after the noun is the verb's object: the event is still hers.
		{"Гомель, 20 мая 2025 года\n\nАнну Соколову задержали 3 апреля 2025 года. По словам её отца Олега Соколова, после задержания её избили.",
			[]string{"detention 2025-04-03 Анна Соколова", "torture allegation 2025-04-03 Анна Соколова"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// Ill-treatment told in a custody's first hours ("that same night, in the police building",
// "dragged to a police vehicle", "beaten in the police") is of the day of the person's
// detention, told before it or after it.
func TestExtract_TortureInCustodyDatedByDetention(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Баку, 20 мая 2025 года\n\nРустама Алиева задержали 3 апреля 2025 года у подъезда его дома. Уже в ту же ночь, по словам его брата, его избивали в здании полиции.",
			[]string{"detention 2025-04-03 Рустам Алиев", "torture allegation 2025-04-03 Рустам Алиев"}},
		{"Tbilisi, 20 May 2025\n\nMs. Nino Abashidze was detained on 6 April 2025 near the parliament. She was reportedly kicked and dragged to a police vehicle.",
			[]string{"detention 2025-04-06 Nino Abashidze", "torture allegation 2025-04-06 Nino Abashidze"}},
		{"Баку, 20 мая 2025 года\n\nАдвокат Фарид Исмаилов рассказал журналистам, что его подзащитного, блогера Эльдара Мамедова, избивали в полиции.\n\nМамедова задержали 5 апреля 2025 года у его дома.",
			[]string{"detention 2025-04-05 Эльдар Мамедов", "torture allegation 2025-04-05 Эльдар Мамедов"}},
		// Ill-treatment in a colony is not of the detention's day.
		{"Baku, 20 May 2025\n\nThe blogger Eldar Mammadov was detained on 5 April 2024. He says he was beaten in the colony.",
			[]string{"detention 2024-04-05 Eldar Mammadov", "torture allegation  Eldar Mammadov"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A release in the courtroom is of the verdict's day: a verdict named as the bound of a
// custody ("until the verdict was announced") is dated where it is told, not by the clause
// it bounds; "осудили" tells a verdict as "осуждён" does.
func TestExtract_CourtroomReleaseEndsHouseArrest(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Oral, 20 May 2025\n\nThe blogger Aigul Nurova was convicted on 14 February 2025 by the Oral City Court. She had been detained on 2 October 2024. Two days later a judge placed her under house arrest, where she stayed for four months, until the verdict was announced. She was freed from house arrest in the courtroom.",
			[]string{"detention 2024-10-02 Aigul Nurova", "house arrest 2024-10-04 Aigul Nurova", "release 2025-02-14 Aigul Nurova"}},
		{"Уральск, 20 мая 2025 года\n\nБлогера Айгуль Нурову осудили 14 февраля 2025 года. Её задержали 2 октября 2024 года. Через два дня суд отправил её под домашний арест, где она оставалась до приговора. Из-под домашнего ареста её освободили в зале суда.",
			[]string{"detention 2024-10-02 Айгуль Нурова", "house arrest 2024-10-04 Айгуль Нурова", "release 2025-02-14 Айгуль Нурова"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A remand told without a day of its own after a list of dated detentions ("All six were
// remanded in custody") is on some later day the text does not give: not on the day the
// story has reached, which is a detention's.
func TestExtract_UndatedRemandAfterDetentions(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Kazan, 20 May 2024\n\nPolice detained Marat Gilyazov and Olga Fedotova on 3 March 2024. Rustem Sabirov was detained on 4 March. All three were remanded in custody by the district court.",
			[]string{"detention 2024-03-03 Marat Gilyazov", "detention 2024-03-03 Olga Fedotova", "detention 2024-03-04 Rustem Sabirov"}},
		// A remand with a day of its own stays.
		{"Kazan, 20 May 2024\n\nPolice detained Marat Gilyazov on 3 March 2024. On 5 March the district court remanded him in custody.",
			[]string{"arrest 2024-03-05 Marat Gilyazov", "detention 2024-03-03 Marat Gilyazov"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A feed's post tells its days without a year in the year of its stamp: a past day later in
// the calendar than the stamp is of the year before, a hearing it announces earlier in the
// calendar of the year after; not the year the feed began in.
func TestExtract_FeedPostDaysTakeTheStampYear(t *testing.T) {
	text := "Канал «Свободу Игорю!» | Марина Ковальчук\n\nЗдесь я пишу о деле моего мужа Игоря Ковальчука. Его задержали 5 марта 2023 года.\n\n" +
		"11.01.2024 18:20\nСвидание дали только через месяц.\n\n" +
		"14.09.2024 20:05\nПришло письмо от Игоря. Пишет, что 28 августа его избили в штрафном изоляторе. Следующее заседание назначено на 2 октября.\n\n" +
		"03.12.2024 09:10\nЗаседание перенесли на 15 января."
	want := []string{"detention 2023-03-05 Игорь Ковальчук", "torture allegation 2024-08-28 Игорь Ковальчук"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
	var dates []string
	for _, x := range Extract(text).Dates {
		dates = append(dates, x.Date)
	}
	for _, w := range []string{"2024-10-02", "2025-01-15"} {
		if !slices.Contains(dates, w) {
			t.Errorf("dates = %q, want %s among them", dates, w)
		}
	}
}

// A bail condition phrased as a prohibition ("released him under a prohibition on leaving
// the country") is a travel ban; its lifting ("the prohibition ... was lifted", "сняли
// запрет на выезд") is its end, no new ban.
func TestExtract_ProhibitionOnLeavingAndItsLifting(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Gyumri, 4 September 2025\n\nOn 11 March 2025 the court released the activist Levon Hakobyan under a prohibition on leaving the country.",
			[]string{"release 2025-03-11 Levon Hakobyan", "travel ban 2025-03-11 Levon Hakobyan"}},
		{"Gyumri, 4 September 2025\n\nOn 11 March 2025 the court released the activist Levon Hakobyan under a prohibition on leaving the country. On 2 September the prohibition on his leaving the country was lifted.",
			[]string{"release 2025-03-11 Levon Hakobyan", "travel ban 2025-03-11 Levon Hakobyan"}},
		{"Гюмри, 4 сентября 2025 года\n\nАктивисту Левону Акопяну 2 сентября 2025 года сняли запрет на выезд из страны.",
			nil},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A judge's powers suspended is a disciplinary action ("suspended Sahakyan's powers",
// "приостановил полномочия судьи"); a request to open proceedings ("asked the Council to open
// disciplinary proceedings") is asked for, not done.
func TestExtract_JudgeSuspendedNotRequest(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Yerevan, 4 September 2025\n\nOn 2 April 2025 the prosecutor asked the Supreme Judicial Council to open disciplinary proceedings against Judge Tigran Sahakyan. On 20 April the Council suspended Sahakyan's powers pending the outcome of those proceedings.",
			[]string{"disciplinary action 2025-04-20 Tigran Sahakyan"}},
		{"Ереван, 4 сентября 2025 года\n\n2 апреля 2025 года генпрокурор обратился в Высший судебный совет с просьбой начать дисциплинарное производство в отношении судьи Тиграна Саакяна. 20 апреля совет приостановил полномочия Саакяна.",
			[]string{"disciplinary action 2025-04-20 Тигран Саакян"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A phrase's companion word may stand past a long object: "remanded A, B, C and D in
// custody"; the names of the clause after the next event word ("and released E on bail")
// are that event's.
func TestExtract_CompanionPastLongObject(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Kutaisi, 20 May 2025\n\nOn 12 March 2025 the city court remanded Davit Gelovani, Salome Japaridze, Levan Kobakhidze and Tornike Lortkipanidze in custody and released Eka Metreveli on bail.",
			[]string{"arrest 2025-03-12 Davit Gelovani", "arrest 2025-03-12 Levan Kobakhidze", "arrest 2025-03-12 Salome Japaridze", "arrest 2025-03-12 Tornike Lortkipanidze", "release 2025-03-12 Eka Metreveli"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// Whose event: the subject, not the client a participle names in its apposition ("X, the
// lawyer representing A, was disbarred"); a relative named by a possessive before a kin word
// ("detained A's husband, B", "A's brother was detained") is not A; a lawyer who "told
// journalists that his client had been beaten" tells of the client the sentence names.
func TestExtract_AppositionsAndKinPossessives(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Baku, 20 May 2025\n\nRashad Aliyev, the lawyer representing Leyla Hasanova, was disbarred by the Bar Association on 14 March 2025, ten days after he told journalists that his client had been beaten by guards at the detention facility.",
			[]string{"disciplinary action 2025-03-14 Rashad Aliyev", "torture allegation 2025-03-04 Leyla Hasanova"}},
		{"Baku, 20 May 2025\n\nOn 8 March 2025 police detained Hasanova’s brother, Emin Hasanov, and questioned him for several hours. On 9 March 2025 police detained Hasanova's husband, Farid Guliyev.",
			[]string{"detention 2025-03-08 Emin Hasanov", "detention 2025-03-09 Farid Guliyev"}},
		{"Baku, 20 May 2025\n\nOn 9 March 2025 Leyla Hasanova's husband was detained at his office.",
			[]string{"detention 2025-03-09"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// The possessive of the next clause is no object of a passive event word before its comma:
// "after her husband was remanded in custody, Kerimov's wife, Aysel Kerimova, was dismissed"
// remands the husband, not the wife.
func TestExtract_KinPossessivePastComma(t *testing.T) {
	text := "Baku, 20 May 2025\n\nThe court convicted the blogger Tofig Kerimov on 3 April 2025. Three weeks after her husband was remanded in custody, Kerimov's wife, Aysel Kerimova, was dismissed from her job as a nurse."
	for _, e := range allEvents(Extract(text)) {
		if e.Type == "arrest" && e.Person == "Aysel Kerimova" {
			t.Errorf("arrest of the wife: %+v", e)
		}
	}
}

// Kazakh forms: the active participle of detaining ("ұстаған"), house arrest written as
// one word ("үйқамаққа алды"), dismissal from a workplace ("мектебінен жұмыстан
// шығарылды"), sleep deprivation ("ұйықтатпаған"), and a month said by its case or with
// "айында" ("наурыз айында", in March).
func TestExtract_KazakhEventForms(t *testing.T) {
	text := "Ақтау, 2025 жылғы 10 сәуір\n\nБелсенді Бауыржан Сейітовты полиция қызметкерлері 2025 жылғы 4 наурызда ұстаған. Екі күннен кейін тергеу судьясы оны үйқамаққа алды. " +
		"Наурыз айында оның жұбайы Гүлнар Сейітова мектебінен жұмыстан шығарылды. Адвокаттың айтуынша, ұсталған түні Сейітовты тергеушілер ұйықтатпаған."
	want := []string{"detention 2025-03-04 Бауыржан Сейітов", "dismissal 2025-03 Гүлнар Сейітова", "house arrest 2025-03-06 Бауыржан Сейітов", "torture allegation 2025-03-04 Бауыржан Сейітов"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
	// A verdict is "шығарды" too, with no workplace beside it.
	if got := eventsOf("Ақтау, 2025 жылғы 10 сәуір\n\nКеше сот белсенді Бауыржан Сейітовқа қатысты үкім шығарды."); len(got) != 0 {
		t.Errorf("events of a verdict = %q, want none", got)
	}
}

// A release told with "also" ("он также освобождён", "was also released") and no day of its
// own is on the day of the release told just before; walking out of the courtroom free
// ("вышла из зала суда свободной") is a release.
func TestExtract_AlsoReleasedSameDay(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Актау, 25 ноября 2024 года\n\n22 ноября 2024 года суд приговорил Серика Жанова к двум годам ограничения свободы; его освободили в зале суда.\n\nДело Айдара Нурова прекращено; он также освобождён из-под стражи.",
			[]string{"release 2024-11-22 Айдар Нуров", "release 2024-11-22 Серик Жанов"}},
		{"Актау, 25 ноября 2024 года\n\n22 ноября 2024 года суд приговорил Серика Жанова к двум годам ограничения свободы; его освободили в зале суда.\n\nАсель Кенжина также вышла из зала суда свободной.",
			[]string{"release 2024-11-22 Асель Кенжина", "release 2024-11-22 Серик Жанов"}},
		{"Almaty, 25 November 2024\n\nOn 22 November 2024 the court gave Serik Zhanov a suspended sentence and released him in the courtroom.\n\nThe case against Aidar Nurov was closed; he was also released.",
			[]string{"release 2024-11-22 Aidar Nurov", "release 2024-11-22 Serik Zhanov"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A release after questioning tells a custody by its end: those the text does not tell
// detained otherwise were held that day ("The other two were released after questioning",
// "остальных отпустили после допроса").
func TestExtract_QuestionedThenReleasedWasHeld(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Rostov, 20 May 2024\n\nOn 14 March 2024 police searched the homes of Igor Belov and Nina Sokolova. Both were released after questioning the same evening.",
			[]string{"detention 2024-03-14 Igor Belov", "detention 2024-03-14 Nina Sokolova", "release 2024-03-14 Igor Belov", "release 2024-03-14 Nina Sokolova", "search 2024-03-14 Igor Belov", "search 2024-03-14 Nina Sokolova"}},
		// A detention told apart keeps its own day.
		{"Rostov, 20 May 2024\n\nIgor Belov was detained on 13 March 2024. On 14 March he was released after questioning.",
			[]string{"detention 2024-03-13 Igor Belov", "release 2024-03-14 Igor Belov"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// House arrest told as a state or as time spent ("который всё это время находился под
// домашним арестом", "his time in pre-trial detention and under house arrest counted") is
// no measure imposed; one told with its start stays ("с 1 марта находился под домашним
// арестом").
func TestExtract_HouseArrestAsStateOrTimeSpent(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Минск, 20 мая 2024 года\n\n16 мая 2024 года суд приговорил Дениса Ковальчика к трём годам колонии. Ковальчика, который всё это время находился под домашним арестом, взяли под стражу в зале суда.",
			[]string{"arrest 2024-05-16 Денис Ковальчик"}},
		{"Krasnodar, 20 May 2024\n\nOn 16 May 2024 the court sentenced Pavel Gromov to two years. Because his time in pre-trial detention and under house arrest counted towards the term, he was released in the courtroom.",
			[]string{"release 2024-05-16 Pavel Gromov"}},
		{"Минск, 20 мая 2024 года\n\nДенис Ковальчик с 1 марта 2024 года находился под домашним арестом.",
			[]string{"house arrest 2024-03-01 Денис Ковальчик"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// "A и B суд заключил под стражу, а C 20 апреля отпустили под домашний арест": the day after
// ", а" is the next clause's; the remand told without a day of its own follows the
// detentions on some day the text does not give.
func TestExtract_DateOfTheClauseAfterA(t *testing.T) {
	text := "Гродно, 20 мая 2024 года\n\n12 апреля 2024 года у Антона Шевчика и Ольги Рудько провели обыски и задержали их. Шевчика суд заключил под стражу, а Рудько 20 апреля отпустили под домашний арест."
	want := []string{"detention 2024-04-12 Антон Шевчик", "detention 2024-04-12 Ольга Рудько", "house arrest 2024-04-20 Ольга Рудько", "search 2024-04-12 Антон Шевчик", "search 2024-04-12 Ольга Рудько"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// A courtroom release follows the ruling the story is about, not a verdict told in the
// pluperfect as its background ("The district court had sentenced them on 14 August").
func TestExtract_CourtroomReleaseAfterAppealRuling(t *testing.T) {
	text := "Osh, 28 November 2025\n\nOn 25 November 2025 the Osh Regional Court partly granted the appeals of the activists Nurlan Sadykov and Aida Toktorova, convicted in August of calling for riots. The district court had sentenced them on 14 August to five years each.\n\nSadykov's term was reduced to three years suspended, and he was released in the courtroom."
	want := []string{"release 2025-11-25 Nurlan Sadykov"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// The day of an event is not that of an apposition between its subject and its verb ("X, an
// activist sentenced in 2023 to seven years, walked out of the colony"), nor a relative day
// after "and" that dates the next verb ("was detained and two days later fined").
func TestExtract_DayOfAppositionOrNextVerb(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Pavlodar, 5 December 2025\n\nOn 28 November Marat Issayev, a trade unionist sentenced in 2022 to six years for organising a strike, walked out of a penal colony near Ekibastuz after being pardoned.",
			[]string{"release 2025-11-28 Marat Issayev"}},
		{"Aktobe, 5 December 2025\n\nOn 22 November police dispersed a picket outside the akimat. The organiser, Saule Bekova, was detained and two days later fined by an administrative court.",
			[]string{"detention 2025-11-22 Saule Bekova", "disruption 2025-11-22"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// Disciplinary proceedings closed or refused ("комиссия прекратила в отношении него
// дисциплинарное производство", "the bar declined to open disciplinary proceedings") are no
// sanction.
func TestExtract_DisciplinaryProceedingsClosed(t *testing.T) {
	for _, text := range []string{
		"Краснодар, 20 мая 2025 года\n\n14 мая 2025 года квалификационная комиссия прекратила в отношении адвоката Игоря Лебедева дисциплинарное производство.",
		"Krasnodar, 20 May 2025\n\nOn 14 May 2025 the regional bar chamber declined to open disciplinary proceedings against the lawyer Igor Lebedev.",
	} {
		if got := eventsOf(text); len(got) != 0 {
			t.Errorf("events of %q = %q, want none", text, got)
		}
	}
}

// What a letter voices concern at or condemns ("serious concern that the disbarment of Mr.
// X", "concerned at the detention of", "condemn the arrest of") is its topic, no new event
// where the sentence gives no day.
func TestExtract_ConcernAndCondemnationAreTopics(t *testing.T) {
	text := "Geneva, 20 May 2025\n\nMr. Rustam Khalilov, a lawyer, was disbarred on 14 March 2025.\n\n" +
		"We express serious concern that the disbarment of Mr. Khalilov appears to be linked to his work. We are also concerned at the detention of Mr. Khalilov's client, Mr. Anvar Tursunov, and condemn the arrest of Mr. Tursunov's brother."
	want := []string{"disciplinary action 2025-03-14 Rustam Khalilov"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// Homes in Kazakh are homes: "оның үйінде тінту жүргізілді" (a search in his home) is of the
// person just told; "the homes of A and B" are theirs, "the homes of relatives of X" not X's.
func TestExtract_HomesSearched(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Gomel, 20 May 2025\n\nOn 17 April 2025 officers searched the homes of Pavel Hrydzin and Nina Sotnik.\n\nOn 18 April 2025 officers searched the homes of relatives of the exiled journalist Ihar Kasman.",
			[]string{"search 2025-04-17 Nina Sotnik", "search 2025-04-17 Pavel Hrydzin", "search 2025-04-18"}},
		{"Алматы, 2025 жылғы 10 сәуір\n\nБелсенді Ержан Қасымовты полиция 2025 жылғы 4 наурызда ұстаған. Сол күні оның үйінде тінту жүргізілді.",
			[]string{"detention 2025-03-04 Ержан Қасымов", "search 2025-03-04 Ержан Қасымов"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// "the four" as the object of an event word ("remanded the four in custody, and placed X
// under house arrest") stands for the four people told before, not for the name of the next
// clause.
func TestExtract_TheNumberAsObject(t *testing.T) {
	text := "Baku, 20 May 2024\n\nPolice detained Leyla Aliyeva, Rauf Guliyev, Nigar Mammadova and Tural Hasanov on 4 December 2023. Two days later the district court remanded the four in custody, and placed Samira Karimova, a mother of three, under house arrest."
	want := []string{"arrest 2023-12-06 Leyla Aliyeva", "arrest 2023-12-06 Nigar Mammadova", "arrest 2023-12-06 Rauf Guliyev", "arrest 2023-12-06 Tural Hasanov",
		"detention 2023-12-04 Leyla Aliyeva", "detention 2023-12-04 Nigar Mammadova", "detention 2023-12-04 Rauf Guliyev", "detention 2023-12-04 Tural Hasanov",
		"house arrest 2023-12-06 Samira Karimova"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// Custody after house arrest: "was returned to pre-trial detention on 20 January, after a
// court revoked his house arrest" is an arrest; the revoked house arrest is its end, no new
// house arrest ("суд отменил домашний арест").
func TestExtract_ReturnedToCustodyHouseArrestRevoked(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Bishkek, 20 February 2025\n\nThe activist Bolot Asanov was returned to pre-trial detention on 20 January 2025, after a court revoked his house arrest.",
			[]string{"arrest 2025-01-20 Bolot Asanov"}},
		{"Bishkek, 20 February 2025\n\nOn 3 February 2025 the blogger Ainura Sydykova was returned to custody by the appeal court.",
			[]string{"arrest 2025-02-03 Ainura Sydykova"}},
		{"Бишкек, 20 февраля 2025 года\n\n20 января 2025 года городской суд отменил домашний арест активиста Болота Асанова.",
			nil},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A name inside a relative clause of an apposition ("Ms. A, a reporter for the outlet who had
// written about Mr. B's arrest, was detained") is not the subject of the verb after it.
func TestExtract_RelativeInsideApposition(t *testing.T) {
	text := "Geneva, 20 May 2024\n\nMr. Oraz Berdiyev was arrested on 11 August 2023.\n\nMs. Ayna Charyyeva, a reporter for the same outlet who had written about Mr. Berdiyev's arrest, was detained in Dashoguz on 27 November 2023."
	want := []string{"arrest 2023-08-11 Oraz Berdiyev", "detention 2023-11-27 Ayna Charyyeva"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// The clause after "and" that leaves out the verb may be dated by a count of days: "A was
// detained on 2 July 2022 and B three days later".
func TestExtract_GappedAndCountedDays(t *testing.T) {
	text := "Nukus, 20 May 2023\n\nBakhyt Orazov was detained on 2 July 2022 and Aidos Tleumuratov three days later."
	want := []string{"detention 2022-07-02 Bakhyt Orazov", "detention 2022-07-05 Aidos Tleumuratov"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// A gathering told by its verb ("people gathered", "собрались") is the protest that "a
// month after the protest" counts from.
func TestExtract_GatheringToldByVerb(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Ufa, 20 May 2024\n\nOn 9 September 2023 around 1,500 people gathered in front of the administration building in Mrakovo. In the evening riot police dispersed the crowd.\n\nZulfiya Karimova was detained a month after the protest and placed under house arrest two days later.",
			[]string{"detention 2023-10-09 Zulfiya Karimova", "disruption 2023-09-09", "house arrest 2023-10-11 Zulfiya Karimova"}},
		{"Уфа, 20 мая 2024 года\n\n9 сентября 2023 года около полутора тысяч человек собрались у здания администрации в Мраково.\n\nЗульфию Каримову задержали через месяц после акции.",
			[]string{"detention 2023-10-09 Зульфия Каримова"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// Background and threats are no events: a count of the events themselves ("has recorded
// more than 500 administrative detentions"), a count of people by a ratio ("for each person
// released, more than two were detained"), a threat in the future ("в случае возвращения он
// будет задержан").
func TestExtract_StatisticsAndThreats(t *testing.T) {
	for _, text := range []string{
		"Tbilisi, 20 May 2025\n\nSince 28 November 2024, the monitors have recorded more than 500 administrative detentions connected to the protests.",
		"Minsk, 20 January 2025\n\nThe year ended with new arrests: for each person released in 2024, more than two were detained.",
		"Баку, 20 мая 2025 года\n\nВ марте 2025 года сотрудники СГБ сообщили семье блогера Тофига Исмаилова, что в случае возвращения в страну он будет немедленно задержан.",
	} {
		if got := eventsOf(text); len(got) != 0 {
			t.Errorf("events of %q = %q, want none", text, got)
		}
	}
}

// A feed's post tells one story over its paragraphs: a custody told without a day in the
// post's next paragraph is of the day the paragraph before reached; not across posts.
func TestExtract_FeedPostParagraphsShareTheDay(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Канал «Вести» | @vesti_example\n\n——————\n10.10.2024 09:42\n\nПозавчера вечером в Кулябе сотрудники ГКНБ пришли с обыском в дом Рустама Саидова.\n\nЕго сына, Фарруха Саидова, увезли в отдел полиции.",
			[]string{"detention 2024-10-08 Фаррух Саидов", "search 2024-10-08 Рустам Саидов"}},
		{"Канал «Вести» | @vesti_example\n\n——————\n10.10.2024 09:42\n\nПозавчера вечером в Кулябе сотрудники ГКНБ пришли с обыском в дом Рустама Саидова.\n\n——————\n14.10.2024 11:20\n\nЕго сына, Фарруха Саидова, увезли в отдел полиции.",
			[]string{"detention  Фаррух Саидов", "search 2024-10-08 Рустам Саидов"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}
