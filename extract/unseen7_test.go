package extract

import (
	"slices"
	"strings"
	"testing"
)

// A chronology's item that opens with a bullet and a date ("- May 2023 — ...") is told on
// that date, to its month or year as written.
func TestExtract_BulletedChronologyDate(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Chronology\n\n- 4 March 2023: police detain the blogger Timur Aliyev in Talas.\n- May 2023 — investigators drop the charges against Aliyev and he is released.\n",
			[]string{"detention 2023-03-04 Timur Aliyev", "release 2023-05 Timur Aliyev"}},
		{"Хроника\n\n• 4 марта 2023 года — задержан блогер Тимур Алиев.\n• Май 2023 года — Алиев освобождён из СИЗО.\n",
			[]string{"detention 2023-03-04 Тимур Алиев", "release 2023-05 Тимур Алиев"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A relative day right after the event word ("released the next day") dates it, not the day
// of the clause before it, whose verb tells no event of the vocabulary ("pardoned on 7 May").
func TestExtract_RelativeDayAfterEventWord(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Vitebsk, 20 May 2024\n\nThe activist Ihar Zuyeu was pardoned on 7 May and released the next day.",
			[]string{"release 2024-05-08 Ihar Zuyeu"}},
		{"Vitebsk, 20 May 2024\n\nTwelve prisoners were pardoned by a decree signed on Tuesday (7 May) and freed the following morning, among them Olga Barysevich and Pavel Lebedev.",
			[]string{"release 2024-05-08 Olga Barysevich", "release 2024-05-08 Pavel Lebedev"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// An arrest, a release, a ban or ill-treatment told of no one the text names ("Most were
// released that night", "relatives are barred from leaving") is no event of the registry;
// a search of an office and a mass detention are told without names and stay.
func TestExtract_PersonEventWithoutPerson(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Osh, 20 May 2024\n\nOn 14 May 2024 police searched the office of the newspaper Tamga and detained fourteen people. Most were released late that night.",
			[]string{"detention 2024-05-14", "search 2024-05-14"}},
		{"Ош, 20 мая 2024 года\n\n14 мая 2024 года полиция провела обыск в редакции газеты «Тамга» и задержала четырнадцать человек. Большинство отпустили той же ночью.",
			[]string{"detention 2024-05-14", "search 2024-05-14"}},
		{"Mary, 20 May 2024\n\nOn 14 May 2024 the teacher Batyr Annayev was sentenced to five years. Other relatives of exiled bloggers are barred from leaving the country.",
			nil},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A noun that names what a letter or a claim is about ("concerning the arrest and detention
// of Mr X", "allegations of ill-treatment", "protected from torture") tells no event where
// its sentence gives no day; the events are those the letter tells with their days.
func TestExtract_TopicNounIsNoEvent(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Geneva, 20 May 2024\n\nWe would like to bring to the attention of your Excellency's Government information we have received concerning the arrest, detention and alleged ill-treatment of Mr. Oraz Berdiyev, a schoolteacher.\n\nAccording to the information received, Mr. Berdiyev was detained on 3 March 2024 in Balkanabat.",
			[]string{"detention 2024-03-03 Oraz Berdiyev"}},
		{"Dushanbe, 20 May 2024\n\nThe lawyer Zarina Nabieva was disbarred on 12 May 2024. She had told reporters that her client Oraz Berdiyev showed signs of beating. Recommended action:\n- ensure that Oraz Berdiyev has a lawyer of his choice and is protected from torture and other ill-treatment;",
			[]string{"disciplinary action 2024-05-12 Zarina Nabieva"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A count of people detained told before their names ("Nine people were detained. Most were
// released that night; A and B remained in custody") includes those named right after it as
// released or still held.
func TestExtract_NamedAfterCountOfDetainees(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Naryn, 20 May 2024\n\nOn 9 April 2024 police searched the office of the weekly Kelechek. Nine people were detained and taken to the police station. Most were released late that night; the reporter Bolot Sydykov was released the next morning. Ainura Kasymova and Timur Beishenov remained in custody.",
			[]string{"detention 2024-04-09 Ainura Kasymova", "detention 2024-04-09 Bolot Sydykov", "detention 2024-04-09 Timur Beishenov", "release 2024-04-10 Bolot Sydykov", "search 2024-04-09"}},
		{"Нарын, 20 мая 2024 года\n\n9 апреля 2024 года полиция провела обыск в редакции газеты «Келечек». Были задержаны девять человек. Азамат Касымов и Тимур Бейшенов остались под стражей.",
			[]string{"detention 2024-04-09 Азамат Касымов", "detention 2024-04-09 Тимур Бейшенов", "search 2024-04-09"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A court that orders someone "to be held in custody" remands them: an arrest.
func TestExtract_OrderedHeldInCustody(t *testing.T) {
	text := "Karakol, 20 May 2024\n\nOn 12 March 2024 the Issyk-Kul district court ordered the blogger Marat Bekov to be held in custody for two months."
	if got, want := eventsOf(text), []string{"arrest 2024-03-12 Marat Bekov"}; !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// "The three remaining detainees", "the two other defendants": a number before "remaining" or
// "other" and a plural noun stands for the defendants not named beside it.
func TestExtract_CountBeforeRemaining(t *testing.T) {
	text := "Karakol, 20 May 2024\n\nPolice searched the homes of eight teachers on 10 March 2024. On 12 March the court ordered the three remaining detainees to be held in custody.\n\nOn 3 May 2024 the court convicted Asel Nurova, Marat Bekov and Ruslan Toktorov."
	want := []string{"arrest 2024-03-12 Asel Nurova", "arrest 2024-03-12 Marat Bekov", "arrest 2024-03-12 Ruslan Toktorov", "search 2024-03-10"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// A release "from the courtroom" is on the day of the verdict told before, not the day the
// sentence gives to another event ("was detained on 2 May ... so he was released from the
// courtroom").
func TestExtract_CourtroomReleaseOnVerdictDay(t *testing.T) {
	text := "Brest, 20 November 2025\n\nOn 14 November the Maskouski District Court sentenced the electrician Pavel Lebedev to a year of restricted freedom. Lebedev was detained on 2 June and spent six months in custody before the trial, so he was released from the courtroom."
	want := []string{"detention 2025-06-02 Pavel Lebedev", "release 2025-11-14 Pavel Lebedev"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// "Sentenced to ten days of administrative detention" is a penalty served in the custody that
// began with the detention told before, no new detention.
func TestExtract_AdministrativeDetentionIsAPenalty(t *testing.T) {
	text := "Kutaisi, 20 October 2025\n\nThe activist Levan Beridze was detained at a rally on 4 October 2025. On 6 October a judge sentenced him to ten days of administrative detention for disobeying the police."
	want := []string{"detention 2025-10-04 Levan Beridze"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// Someone questioned as a witness, summoned, or said not to have been detained, and let go was
// in no custody: no release.
func TestExtract_WitnessLetGoIsNoRelease(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Самара, 20 мая 2025 года\n\n12 мая 2025 года у журналистки Веры Кондратьевой прошёл обыск. Саму Кондратьеву не задерживали: её допросили в качестве свидетеля и отпустили домой.",
			[]string{"search 2025-05-12 Вера Кондратьева"}},
		{"Samara, 20 May 2025\n\nOn 12 May 2025 police searched the flat of the journalist Vera Kondratyeva. She was questioned as a witness and let go the same evening.",
			[]string{"search 2025-05-12 Vera Kondratyeva"}},
		{"Samara, 20 May 2025\n\nOn 12 May 2025 police searched the flat of the journalist Vera Kondratyeva. Her brother Oleg Kondratyev was summoned to the FSB office the same day and questioned for five hours; he was released in the evening.",
			[]string{"search 2025-05-12 Vera Kondratyeva"}},
		{"Самара, 20 мая 2025 года\n\n12 мая 2025 года у журналистки Веры Кондратьевой прошёл обыск. Её брата Олега Кондратьева вызвали в ФСБ «на беседу» и отпустили через несколько часов.",
			[]string{"search 2025-05-12 Вера Кондратьева"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A lawyer who tells that officers beat "his client" is the teller: the ill-treatment is the
// client's, the person whose event the story told last, on the day of their detention where
// the text places it in the custody's first hours.
func TestExtract_LawyerTellsOfClient(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Киров, 20 октября 2025 года\n\nСтудента Глеба Миронова задержали 9 октября 2025 года.\n\nАдвокат Ильдар Ганиев сообщил, что в отделе полиции оперативники избили его подзащитного.",
			[]string{"detention 2025-10-09 Глеб Миронов", "torture allegation 2025-10-09 Глеб Миронов"}},
		{"Perm, 20 October 2025\n\nThe student Oleg Mironov was detained on 9 October 2025.\n\nHis lawyer Ilya Volkov said that in the police van officers beat his client with batons.",
			[]string{"detention 2025-10-09 Oleg Mironov", "torture allegation 2025-10-09 Oleg Mironov"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A day counted from someone's event named by a possessive role or kin noun ("three days
// after his colleague's detention", "a week after her brother's arrest") is counted from that
// event, and the reference is no telling of one.
func TestExtract_DayAfterPossessiveNounsEvent(t *testing.T) {
	text := "Namangan, 20 May 2024\n\nThe blogger Jasur Karimov was detained on 2 March 2024. His colleague Timur Alimov was put under house arrest three days after his colleague's detention.\n\nA week after her brother's arrest, Dilnoza Karimova was dismissed from her job at the school."
	want := []string{"detention 2024-03-02 Jasur Karimov", "dismissal 2024-03-09 Dilnoza Karimova", "house arrest 2024-03-05 Timur Alimov"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// "Detained on 2 March, two days after he posted a video on 28 February. Police searched his
// flat the same evening": the same evening is the detention's, not the earlier day of the
// clause after "two days after".
func TestExtract_SameEveningSkipsAfterClauseDay(t *testing.T) {
	text := "Fergana, 20 May 2024\n\nThe blogger Anvar Yusupov was detained by police on 2 March, two days after he posted a video on 28 February. Police searched his flat the same evening."
	want := []string{"detention 2024-03-02 Anvar Yusupov", "search 2024-03-02 Anvar Yusupov"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// "Remained free under a travel ban", "оставались под подпиской о невыезде": a state told as
// background, not the day the ban began.
func TestExtract_RemainedUnderTravelBan(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Гомель, 20 мая 2024 года\n\nАнтона Жуковича задержали 3 марта 2024 года, а Дарья Кривец и Павел Стрельченко оставались под подпиской о невыезде до приговора.",
			[]string{"detention 2024-03-03 Антон Жукович"}},
		{"Gomel, 20 May 2024\n\nAnton Zhukovich was detained on 3 March 2024, while Darya Krivets remained free under a travel ban until the verdict.",
			[]string{"detention 2024-03-03 Anton Zhukovich"}},
		{"Гомель, 20 мая 2024 года\n\nАнтона Жуковича задержали 3 марта 2024 года. Дарья Кривец и Павел Стрельченко до суда находились под подпиской о невыезде.",
			[]string{"detention 2024-03-03 Антон Жукович"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// "Remanded them in custody; the detention was repeatedly extended": an extension, no new
// detention, with an adverb before the verb too.
func TestExtract_DetentionRepeatedlyExtended(t *testing.T) {
	text := "Baku, 20 May 2024\n\nOn 4 March 2024 the court remanded the journalist Ulvi Hasanli in custody for four months; the detention was repeatedly extended."
	want := []string{"arrest 2024-03-04 Ulvi Hasanli"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// "Arrested two days after Kapanadze": counted from that person's own detention or arrest,
// not from the day the story last reached.
func TestExtract_DaysAfterAnotherPerson(t *testing.T) {
	text := "Tbilisi, 20 May 2025\n\nLevan Kapanadze was detained on 30 April 2025. Nino Beridze was detained on 7 May, at the university. Saba Gelashvili was arrested two days after Kapanadze."
	want := []string{"arrest 2025-05-02 Saba Gelashvili", "detention 2025-04-30 Levan Kapanadze", "detention 2025-05-07 Nino Beridze"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// "Neither of them has been detained": denied, no event.
func TestExtract_NeitherNoneDenies(t *testing.T) {
	text := "Yerevan, 20 May 2025\n\nThe blogger Aram Petrosyan was detained on 3 May 2025.\n\nA separate case against two other administrators of his channel was opened in 2024. Neither of them has been detained."
	want := []string{"detention 2025-05-03 Aram Petrosyan"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// "Осенью его должны были освободить", "могли задержать": what should or could have happened,
// no event.
func TestExtract_RussianModalBeforeInfinitive(t *testing.T) {
	text := "Витебск, 20 мая 2024 года\n\nИнженера Олега Лапутько осудили 3 марта 2023 года на два года. Весной 2024 года его должны были освободить."
	var want []string
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// "Relatives of exiles are routinely searched", "их регулярно вызывают и обыскивают": a
// practice, no event.
func TestExtract_HabitualIsNoEvent(t *testing.T) {
	for _, text := range []string{
		"Brest, 20 May 2024\n\nSince 2023 the courts have convicted more than a hundred exiles in absentia. Relatives of exiles are routinely searched and questioned.",
		"Брест, 20 мая 2024 года\n\nС 2023 года суды заочно осудили более ста эмигрантов. Их родственников регулярно обыскивают и допрашивают.",
	} {
		if got := eventsOf(text); len(got) != 0 {
			t.Errorf("events of %q = %q, want none", text, got)
		}
	}
}

// A word of an organisation's name ("the UN Working Group on Arbitrary Detention") tells no
// event.
func TestExtract_EventWordInOrgName(t *testing.T) {
	text := "Nukus, 20 May 2025\n\nOn 5 April 2025 the court upheld the sentences of Azat Kurbanov and Ibrahim Seytov. The defence has submitted their case to the UN Working Group on Arbitrary Detention."
	if got := eventsOf(text); len(got) != 0 {
		t.Errorf("events = %q, want none", got)
	}
}

// An appeal tells what has not happened: "lift the travel ban imposed on X", "призывали власти
// освободить X".
func TestExtract_AppealsLiftAndPast(t *testing.T) {
	for _, text := range []string{
		"Dushanbe, 20 May 2025\n\nRecommended action:\n- lift the arbitrary travel ban imposed on Zarina Rakhimova.",
		"Душанбе, 20 мая 2025 года\n\nМеждународные организации неоднократно призывали власти освободить журналистку Зарину Рахимову.",
	} {
		if got := eventsOf(text); len(got) != 0 {
			t.Errorf("events of %q = %q, want none", text, got)
		}
	}
}

// "The following Tuesday", "в следующий вторник": the first such weekday after the day told
// before.
func TestExtract_FollowingWeekday(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Tbilisi, 20 May 2025\n\nLevan Kapanadze was detained at his home on 2 May 2025. Saba Tsintsadze was detained the following Tuesday at his workplace.",
			[]string{"detention 2025-05-02 Levan Kapanadze", "detention 2025-05-06 Saba Tsintsadze"}},
		{"Тбилиси, 20 мая 2025 года\n\nЛевана Капанадзе задержали 2 мая 2025 года. Сабу Цинцадзе задержали в следующий вторник на работе.",
			[]string{"detention 2025-05-02 Леван Капанадзе", "detention 2025-05-06 Саба Цинцадзе"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// "One of our trial monitors was detained": a part of a group the text does not name, not
// the person named before.
func TestExtract_OneOfGroupIsUnnamed(t *testing.T) {
	text := "Yerevan, 20 May 2025\n\nThe court overturned the acquittal of Lilit Avetisyan on 28 March 2025, the same day that one of our trial monitors was detained outside the court building."
	want := []string{"detention 2025-03-28"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// "While filming police officers arresting a protester": an active event word whose object is
// an unnamed "a ..." tells of someone the text does not name; "detained a week later" is a
// time, no object.
func TestExtract_IndefiniteObjectIsUnnamed(t *testing.T) {
	text := "Kutaisi, 20 May 2025\n\nThe reporters Tamta Kvirikashvili and Lasha Gogua were detained on 2 May 2025 outside the city hall while filming police officers arresting a student. Their cameraman Irakli Beridze was detained a week later."
	want := []string{"detention 2025-05-02 Lasha Gogua", "detention 2025-05-02 Tamta Kvirikashvili", "detention 2025-05-09 Irakli Beridze"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// "Officers hit him several times in a minibus", "несколько раз ударили его": a count of blows
// makes "hit" ill-treatment as a part of the body does, dated by the person's detention where
// the text places it in the custody's first hours.
func TestExtract_HitSeveralTimes(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Gyumri, 20 June 2025\n\nAshot Melkonyan was detained on 17 June 2025. Melkonyan told his lawyer that officers hit him several times in a minibus on the day of his detention.",
			[]string{"detention 2025-06-17 Ashot Melkonyan", "torture allegation 2025-06-17 Ashot Melkonyan"}},
		{"Гюмри, 20 июня 2025 года\n\nАшота Мелконяна задержали 17 июня 2025 года. По его словам, в отделе полиции его несколько раз ударили.",
			[]string{"detention 2025-06-17 Ашот Мелконян", "torture allegation 2025-06-17 Ашот Мелконян"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// "The activists were detained on 12 March", "Активисты были задержаны", "Белсенділер ...
// ұсталды": a plural role noun as the subject stands for the defendants, where none of them is
// named with another role.
func TestExtract_PluralRoleSubjectIsTheDefendants(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Shymkent, 20 May 2025\n\nThe activists were detained on 12 March 2025.\n\nOn 9 May 2025 the court sentenced the activists Yerzhan Seitkali and Askar Nurlan to five years each.",
			[]string{"detention 2025-03-12 Askar Nurlan", "detention 2025-03-12 Yerzhan Seitkali"}},
		{"Шымкент, 20 мая 2025 года\n\nАктивисты были задержаны 12 марта 2025 года.\n\n9 мая 2025 года суд приговорил активистов Ержана Сейткали и Аскара Нурлана к пяти годам лишения свободы.",
			[]string{"detention 2025-03-12 Аскар Нурлан", "detention 2025-03-12 Ержан Сейткали"}},
		{"Шымкент, 2025 жылғы 20 мамыр\n\nБелсенділер 2025 жылғы 12 наурызда ұсталды.\n\nСот белсенді Ержан Сейітқалиевті кінәлі деп таныды. Сот белсенді Асқар Нұрланұлын да кінәлі деп таныды.",
			[]string{"detention 2025-03-12 Асқар Нұрланұлы", "detention 2025-03-12 Ержан Сейітқалиев"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// "During a search of his cell": a prison's routine, no search of a home or an office.
func TestExtract_SearchOfACellIsNoSearch(t *testing.T) {
	text := "Vologda, 20 May 2025\n\nThe journalist Pavel Smirnov is serving six years in colony No. 4. On 3 March 2025, during a search of his cell, guards confiscated his letters."
	if got := eventsOf(text); len(got) != 0 {
		t.Errorf("events = %q, want none", got)
	}
}

// Kazakh puts the object before its verb and joins names with "пен", "мен", "және": "X пен Y
// ... қамауға алды, ал Z ... үй қамағына жіберді".
func TestExtract_KazakhObjectBeforeVerb(t *testing.T) {
	text := "Шымкент, 2025 жылғы 20 мамыр\n\nБелсенділер 2025 жылғы 10 наурызда ұсталды. Екі күннен кейін тергеу судьясы Ержан Сейітқалиев пен Асқар Нұрланұлын екі айға қамауға алды, ал Гүлнар Тілеуованы үй қамағына жіберді."
	want := []string{"arrest 2025-03-12 Асқар Нұрланұлы", "arrest 2025-03-12 Ержан Сейітқалиев", "detention 2025-03-10", "house arrest 2025-03-12 Гүлнар Тілеуова"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// Kazakh "олардың" ("their"), "оларды" ("them") stand for the people of the sentence before,
// as "их" does.
func TestExtract_KazakhTheirHomes(t *testing.T) {
	text := "Шымкент, 2025 жылғы 20 мамыр\n\nСот белсенді Ержан Сейітқалиевті кінәлі деп таныды. Сот белсенді Асқар Нұрланұлын да кінәлі деп таныды.\n\nБелсенділер 2025 жылғы 12 наурызда ұсталды. Сол күні полиция олардың үйлерінде тінту жүргізді."
	want := []string{"detention 2025-03-12 Асқар Нұрланұлы", "detention 2025-03-12 Ержан Сейітқалиев", "search 2025-03-12 Асқар Нұрланұлы", "search 2025-03-12 Ержан Сейітқалиев"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// Kazakh: "босатылды" (was released) and "ұрып-соғып" (beat) are events; "сот залынан" is the
// courtroom, released on the verdict's day; "өткен сейсенбіде" is last Tuesday; "ұсталған
// түні" places ill-treatment on the night of the detention.
func TestExtract_KazakhReleaseBeatingCourtroom(t *testing.T) {
	text := "Алматы, 2025 жылғы 16 қыркүйек\n\nӨткен сейсенбіде аудандық сот белсенді Ержан Сейітқалиевті кінәлі деп таныды. Сот белсенді Асқар Нұрланұлын ақтады.\n\nБелсенділер 2025 жылғы 12 наурызда ұсталды. Сейітқалиевтің айтуынша, ұсталған түні полицейлер оны ұрып-соғып, қорқытты.\n\nЕкі күннен кейін сот Нұрланұлын үй қамағына жіберді. Нұрланұлы үкім жарияланған күні сот залынан босатылды."
	want := []string{"detention 2025-03-12 Асқар Нұрланұлы", "detention 2025-03-12 Ержан Сейітқалиев", "release 2025-09-09 Асқар Нұрланұлы", "torture allegation 2025-03-12 Ержан Сейітқалиев"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// A punishment cell is an event where someone is put there ("placed in a punishment cell",
// "водворили в ШИЗО"), not where it is a place ("held in a punishment cell since", "lost
// consciousness in the punishment cell").
func TestExtract_PunishmentCellNeedsPlacement(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Mogilev, 20 May 2025\n\nThe blogger Ihar Sauchuk was placed in a punishment cell on 3 May 2025.",
			[]string{"disciplinary action 2025-05-03 Ihar Sauchuk"}},
		{"Mogilev, 20 May 2025\n\nOn 3 May 2025, according to a fellow prisoner, the blogger Ihar Sauchuk lost consciousness in the punishment cell.",
			nil},
		{"Mogilev, 20 May 2025\n\nThe blogger Ihar Sauchuk arrived in the colony in January 2025 and has been held in a punishment cell since.",
			nil},
		{"Могилёв, 20 мая 2025 года\n\n3 мая 2025 года блогера Игоря Савчука водворили в ШИЗО.",
			[]string{"disciplinary action 2025-05-03 Игорь Савчук"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A part of a charge struck out on appeal ("коллегия исключила эпизод", "removed from the
// verdict the charge of ...") expels and dismisses no one.
func TestExtract_ChargeStruckOutIsNoExpulsion(t *testing.T) {
	for _, text := range []string{
		"Актобе, 20 мая 2025 года\n\n12 мая 2025 года коллегия снизила срок Асхату Журтбаеву до пяти лет — коллегия исключила эпизод с поджогом машины.",
		"Fergana, 20 May 2025\n\nOn 12 May 2025 the regional court's criminal chamber removed from the verdict the charge of insulting the President against the blogger Anvar Yusupov.",
	} {
		for _, e := range eventsOf(text) {
			if strings.HasPrefix(e, "disciplinary") || strings.HasPrefix(e, "dismissal") {
				t.Errorf("events of %q hold %q", text, e)
			}
		}
	}
}

// A search of an outlet's office is of no one named, even beside the people detained there;
// a named person's office is theirs.
func TestExtract_OfficeSearchIsNoOnesOwn(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Baku, 20 May 2025\n\nOn 4 March 2025 police searched the office of the outlet Araz Xeber on Nizami street and detained the editors Elvin Hasanov and Lale Qasimova.",
			[]string{"detention 2025-03-04 Elvin Hasanov", "detention 2025-03-04 Lale Qasimova", "search 2025-03-04"}},
		{"Atyrau, 20 May 2025\n\nOn 4 March 2025 officers searched the lawyer Serik Abenov's office and seized his case files.",
			[]string{"search 2025-03-04 Serik Abenov"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// "The fourth prisoner to die in custody since January": a count of deaths, no custody that
// began in January.
func TestExtract_DieInCustodySinceIsACount(t *testing.T) {
	text := "Minsk, 20 May 2025\n\nThe former teacher Aleh Sakalou died in colony No. 9 on 12 May 2025. He is the fourth political prisoner to die in custody since January."
	want := []string{"death 2025-05-12 Aleh Sakalou"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// "Two days after the ruling": counted from the higher court's decision told before.
func TestExtract_DaysAfterTheRuling(t *testing.T) {
	text := "Yerevan, 20 May 2025\n\nOn 7 May 2025 the Court of Cassation quashed the conviction of the activist Hayk Sargsyan and sent his case back for a new trial.\n\nSargsyan walked out of the Nubarashen penitentiary institution two days after the ruling."
	want := []string{"release 2025-05-09 Hayk Sargsyan"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// "Among those released the next day were two men:" and a bulleted list: each item's first
// name.
func TestExtract_AmongThoseWithBulletedList(t *testing.T) {
	text := "Turkmenabat, 20 May 2025\n\nBy a decree of 8 May 2025 the President pardoned 300 prisoners. Among those released the next day were two men we consider political prisoners:\n• Bayram Orazov, a teacher from Mary, sentenced in 2022 to five years;\n• Dovlet Annayev, convicted in 2021 of hooliganism.\n"
	want := []string{"release 2025-05-09 Bayram Orazov", "release 2025-05-09 Dovlet Annayev"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// "Released upon expiry of that term on 12 December": "that" after a preposition is a
// determiner, not a relative clause with its own time.
func TestExtract_ThatAsDeterminer(t *testing.T) {
	text := "Batumi, 20 January 2025\n\nOn 4 December 2024 the court sentenced Mr. Davit Kiknadze to ten days of administrative detention. He was released upon expiry of that term on 14 December 2024."
	want := []string{"release 2024-12-14 Davit Kiknadze"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// "Kicked her in the police van on the day of her arrest": the day she was taken, her first
// detention, not the later court-ordered custody.
func TestExtract_DayOfHerArrestIsHerFirstCustody(t *testing.T) {
	text := "Tbilisi, 20 June 2025\n\nTamta Lomsadze was detained at her home on 2 May 2025. On 4 May the court placed her in pre-trial detention.\n\nLomsadze told the court that officers kicked her in the police van on the day of her arrest."
	want := []string{"arrest 2025-05-04 Tamta Lomsadze", "detention 2025-05-02 Tamta Lomsadze", "torture allegation 2025-05-02 Tamta Lomsadze"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// "Rejected his complaint against his detention on 30 June": the day is the ruling's, the
// detention one told before.
func TestExtract_ComplaintAgainstHisDetention(t *testing.T) {
	text := "Yerevan, 20 July 2025\n\nArsen Petrosyan was detained on 17 June 2025. The Criminal Court of Appeal rejected his complaint against his detention on 30 June."
	want := []string{"detention 2025-06-17 Arsen Petrosyan"}
	if got := eventsOf(text); !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// "May not leave Oral without the permission of the probation service", "barred from leaving
// the town without permission": a sentence's bounds, no ban on leaving the country.
func TestExtract_WithoutPermissionIsNoTravelBan(t *testing.T) {
	for _, text := range []string{
		"Oral, 20 May 2025\n\nOn 12 May 2025 the court sentenced the activist Dana Serikova to two years of restricted freedom. She may not leave Oral without the permission of the probation service.",
		"Oral, 20 May 2025\n\nOn 12 May 2025 the court sentenced the activist Dana Serikova to two years of restricted freedom. She is barred from leaving the town without permission.",
	} {
		for _, e := range eventsOf(text) {
			if strings.HasPrefix(e, "travel ban") {
				t.Errorf("events of %q hold %q", text, e)
			}
		}
	}
}
