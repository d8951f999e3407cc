package extract

import (
	"slices"
	"testing"
)

// A quoted name after a descriptor noun in any case names the group, outlet or company by
// itself; after a journalist's or observer's noun it is whom they work for, unless it may be
// a genitive, whose nominative the text gives elsewhere.
func TestExtract_RussianQuotedNameAfterDescriptor(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Полиция задержала трёх членов инициативной группы «Чистый Иссык» у здания акимата.", []string{"Чистый Иссык"}},
		{"Интервью он дал интернет-телевидению «Кавказ Live» за день до задержания.", []string{"Кавказ Live"}},
		{"Её муж работал электриком на предприятии «Гомельтранс» и был уволен.", []string{"Гомельтранс"}},
		{"Забастовку поддержали в профсоюзе «Нефтяник-Жолы».", []string{"Нефтяник-Жолы"}},
		{"Редакция «Памир-Пресс» сообщила о блокировке сайта.", []string{"Памир-Пресс"}},
		// A name ending as a genitive may be one: left for its nominative elsewhere.
		{"Об этом рассказал корреспондент «Ашхабад Хабары» Дурды Мурадов.", nil},
		{"Об этом рассказал корреспондент «Лебап Ньюс» Дурды Мурадов.", []string{"Лебап Ньюс"}},
		{"Наблюдатель «Суд Көзөмөл» Азамат Бекмуратов не был допущен в зал.", []string{"Суд Көзөмөл"}},
		{"Двоих журналистов «Рахш» вызвали на допрос.", []string{"Рахш"}},
		{"Сотрудник «Кадам Монитора» присутствовал на заседании.", nil},
		{"Группа активистов вышла на пикет у здания суда.", nil},
	} {
		if got := orgNames(Extract(tc.text)); !slices.Equal(got, tc.want) {
			t.Errorf("%q\norganisations = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A treaty or a set of rules is no organisation, and a name does not end on a connector; a
// label that opens a line ("Date:", "To:", "Copy:") ends the name on the line above.
func TestExtract_TreatiesAndLabelsAreNoNames(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Geneva, 3 May 2025\n\nThe detention breaches the International Covenant on Civil and Political Rights and the Convention against Torture.", nil},
		{"Geneva, 3 May 2025\n\nWe recall the International Covenant on Civil and Political Rights, as Amnesty International said.", []string{"Amnesty International"}},
		{"Minsk, 3 May 2025\n\nThe Human Rights Centre Viasna of Belarus counted 1,200 political prisoners.", []string{"Human Rights Centre Viasna"}},
		{"Prepared by the Caspian Rights Network\nDate: 4 May 2025\n\nThe trial opened on Monday.", []string{"Caspian Rights Network"}},
		{"Berlin, 4 May 2025\nTo: the Director of the Federal Penitentiary Service\nCopy: the Ombudsman of Russia\n\nWe write to you.", []string{"Federal Penitentiary Service", "Ombudsman of Russia"}},
	} {
		if got := orgNames(Extract(tc.text)); !slices.Equal(got, tc.want) {
			t.Errorf("%q\norganisations = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// Addressees on lines of their own, and signatories in two columns, are one organisation each:
// no name goes on with "the", a gap of spaces is a column's edge, and a name with its head
// that fills its line ends there unless the next line goes on with a head.
func TestExtract_ListedOrganisationsStayApart(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Berlin, 4 May 2025\n\nTo: the Speaker of the Parliament of Armenia\nthe Prosecutor General of Armenia\n\nWe write to you.",
			[]string{"Parliament of Armenia"}},
		{"Berlin, 4 May 2025\n\nWe write to you.\n\nSigned:\n\nSyunik Times                             Open Word Foundation\nCaspian Media Fund North                 Lori Trial Watch\nSevan Press Alliance                     Ararat Legal Network\n",
			[]string{"Ararat Legal Network", "Caspian Media Fund North", "Lori Trial Watch", "Open Word Foundation", "Sevan Press Alliance", "Syunik Times"}},
		{"Yerevan, 4 May 2025\n\nThe appeal went to the\nCriminal Chamber of the Supreme\nCourt of Armenia on Monday.",
			[]string{"Supreme Court of Armenia"}},
	} {
		got := orgNames(Extract(tc.text))
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q\norganisations = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A person's name is no part of an organisation's: not a title-holder's name before his
// office on the next line, nor a name before "of" and the organisation a person is of.
func TestExtract_PersonIsNoPartOfOrganisation(t *testing.T) {
	for _, tc := range []struct {
		text          string
		orgs, persons []string
	}{
		{"Bishkek, 3 May 2025\n\nWrite to:\nProsecutor General Azamat Ryskulov\nProsecutor General's Office of the Kyrgyz Republic\nBishkek\n",
			[]string{"Prosecutor General's Office of the Kyrgyz Republic"}, []string{"Azamat Ryskulov"}},
		{"Nukus, 3 May 2025\n\nThe hearing was attended by Dilfuza Kalbaeva of Aral Rights Watch.",
			[]string{"Aral Rights Watch"}, []string{"Dilfuza Kalbaeva"}},
		{"Tashkent, 3 May 2025\n\nThe Union of Journalists of Uzbekistan protested.",
			[]string{"Union of Journalists of Uzbekistan"}, nil},
		// Named after a person, with its head before "of".
		{"Almaty, 3 May 2025\n\nThe Aliya Nurlanova Foundation of Almaty paid the fine.",
			[]string{"Aliya Nurlanova Foundation of Almaty"}, nil},
		{"Almaty, 3 May 2025\n\nThe Aliya Nurlanova Foundation of the Almaty Press Club paid the fine.",
			[]string{"Aliya Nurlanova Foundation of the Almaty Press Club"}, nil},
	} {
		r := Extract(tc.text)
		if got, gotP := orgNames(r), personNames(r); !slices.Equal(got, tc.orgs) || !slices.Equal(gotP, tc.persons) {
			t.Errorf("%q\norganisations = %q, persons = %q; want %q, %q", tc.text, got, gotP, tc.orgs, tc.persons)
		}
	}
}

// A Kazakh court named by its place in the genitive and its kind: "Қарағанды қаласының
// мамандандырылған ауданаралық қылмыстық соты"; a resident of a town is no court.
func TestExtract_KazakhCourtOfKind(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Қарағанды, 14 наурыз 2025 жыл\n\nКеше Қарағанды қаласының мамандандырылған ауданаралық қылмыстық соты белсендіні кінәлі деп таныды.",
			[]string{"Қарағанды қаласының мамандандырылған ауданаралық қылмыстық соты"}},
		{"Қарағанды, 14 наурыз 2025 жыл\n\nТеміртау қаласының тергеу соты оны қамауға алды.", []string{"Теміртау қаласының тергеу соты"}},
		{"Қарағанды, 14 наурыз 2025 жыл\n\nТеміртау қаласының тұрғыны ұсталды.", nil},
	} {
		if got := orgNames(Extract(tc.text)); !slices.Equal(got, tc.want) {
			t.Errorf("%q\norganisations = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A count that opens a sentence or a headline after its colon is no part of a name.
func TestExtract_CountBeforeOrganisation(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Baku, 3 May 2025\n\nThree Meydan Press staff were detained on Monday.", []string{"Meydan Press"}},
		{"Azerbaijan: Four Meydan Press reporters sentenced\n\nBaku, 3 May 2025. The court ruled.", []string{"Meydan Press"}},
		{"Baku, 3 May 2025\n\nThe First Cassation Court ruled.", []string{"First Cassation Court"}},
	} {
		if got := orgNames(Extract(tc.text)); !slices.Equal(got, tc.want) {
			t.Errorf("%q\norganisations = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A country's government is the state, no organisation of the text.
func TestExtract_GovernmentOfCountryIsTheState(t *testing.T) {
	for _, text := range []string{
		"Ashgabat, 3 May 2025\n\nWe urge the Government of Turkmenistan to release him.",
		"Dushanbe, 3 May 2025\n\nThe Government of the Republic of Tajikistan has not replied.",
	} {
		if got := orgNames(Extract(text)); len(got) != 0 {
			t.Errorf("%q\norganisations = %q, want none", text, got)
		}
	}
}

// Turkmenistan, Georgia and Armenia are countries the text may be of.
func TestExtract_CountriesOfTheRegion(t *testing.T) {
	for text, want := range map[string]string{
		"Ashgabat, 3 May 2025\n\nThe Turkmen authorities detained a blogger in Ashgabat.": "tm",
		"Tbilisi, 3 May 2025\n\nGeorgian police detained a journalist in Batumi.":         "ge",
		"Yerevan, 3 May 2025\n\nArmenian police detained an activist in Gyumri.":          "am",
	} {
		if got := Extract(text).Country; got != want {
			t.Errorf("%q: country %q, want %q", text, got, want)
		}
	}
}
