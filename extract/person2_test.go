package extract

import (
	"slices"
	"testing"
)

// A woman's given name that ends in a consonant does not decline: before a surname in -ову it
// is her accusative, where a man's dative would decline his name too. A form that is a name of
// its own (Georgian Елене, Марине) beside a woman's surname in an oblique case is the oblique
// case of the Russian name (Елена, Марина).
func TestExtract_GivenNameAgreesWithSurnameCase(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Бишкек, 3 ноября 2025 года\n\nСуд отправил под домашний арест Нуржамал Курманбекову, мать троих детей.", []string{"Нуржамал Курманбекова"}},
		{"Бишкек, 3 ноября 2025 года\n\nСуд назначил штраф Мелису Курманбекову, отцу троих детей.", []string{"Мелис Курманбеков"}},
		{"Бишкек, 3 ноября 2025 года\n\nПолиция задержала Нуржамал Осмонову и Эрлана Жумабаева.", []string{"Нуржамал Осмонова", "Эрлан Жумабаев"}},
		{"Жанаозен, 3 ноября 2025 года\n\nНа следующий день полиция задержала Гульнар Сейткалиеву у дома.", []string{"Гульнар Сейткалиева"}},
		{"Москва, 3 ноября 2025 года\n\nСуд отказал депутату Елене Смирновой в отсрочке.", []string{"Елена Смирнова"}},
		{"Москва, 3 ноября 2025 года\n\nПисьмо Марине Волковой передали через адвоката.", []string{"Марина Волкова"}},
		{"Тбилиси, 3 ноября 2025 года\n\nМарине Гелашвили задержана у здания суда.", []string{"Марине Гелашвили"}},
	} {
		if got := personNames(Extract(tc.text)); !slices.Equal(got, tc.want) {
			t.Errorf("%q\npersons = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A request told by a participle ("requesting", "seeking", "запросив") is a demand, with its
// elliptical list, not a sentence.
func TestExtract_DemandByParticiple(t *testing.T) {
	text := "Batumi, 3 May 2025\n\nThe defendants Irakli Gogua, Nino Lomidze and Saba Kvirikashvili were tried together. " +
		"The prosecution then made its closing speech, requesting five years' imprisonment each for Gogua and Lomidze and three years for Kvirikashvili."
	r := Extract(text)
	got := termsOf(r.Demands)
	want := []string{"Irakli Gogua P5Y", "Nino Lomidze P5Y", "Saba Kvirikashvili P3Y"}
	if !slices.Equal(got, want) || len(r.Sentences) != 0 {
		t.Errorf("demands = %q, sentences = %d; want %q and none", got, len(r.Sentences), want)
	}
}

// Appeals rejected in the plural, lower courts' decisions upheld, and "the rest" of a verdict
// upheld are upheld for everyone convicted whose verdict was not quashed, though the text
// names them only after.
func TestExtract_UpheldForAllConvicted(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Minsk, 3 May 2025\n\nOn Thursday the Supreme Court rejected appeals filed on behalf of two reporters of Lida Weekly. " +
			"In March the Hrodna Regional Court had sentenced Siarhei Kuzmich and Iryna Dashuk in absentia to six years.",
			[]string{"Iryna Dashuk convicted", "Iryna Dashuk upheld", "Siarhei Kuzmich convicted", "Siarhei Kuzmich upheld"}},
		{"Ош, 3 мая 2025 года\n\nВчера Верховный суд оставил без изменения решения нижестоящих судов. " +
			"В январе суд приговорил Тимура Асылбекова к 5 годам, Динару Осмонову к 3 годам, а Эмиля Жумаева оправдал. " +
			"В марте областной суд отменил оправдательный приговор Эмилю Жумаеву и приговорил его к 2 годам условно. В остальной части приговор оставлен без изменения.",
			[]string{"Динара Осмонова convicted", "Динара Осмонова upheld", "Тимур Асылбеков convicted", "Тимур Асылбеков upheld",
				"Эмиль Жумаев acquitted", "Эмиль Жумаев convicted", "Эмиль Жумаев overturned"}},
	} {
		got := outcomesOf(Extract(tc.text))
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q\noutcomes = %q, want %q", tc.text[:60], got, tc.want)
		}
	}
}

// A lawyer's feed that tells a verdict and a request without naming anyone in their
// sentences: they are the person the text is about, who has no other claim. A text whose
// claims name a defendant gives such terms to no one else.
func TestExtract_TermsOfTheProtagonist(t *testing.T) {
	feed := "Заметки адвоката\n\n[11.03, 09:10]\nУтром задержали Дилшода Рахимова. Возбуждено дело по ст. 244-1 УК.\n\n" +
		"[12.03, 18:00]\nДилшод в ИВС, передачи не принимают.\n\n[02.05, 16:03]\nПрения. Прокурор запросил шесть лет лишения свободы.\n\n" +
		"[04.05, 15:31]\nПриговор: четыре года ограничения свободы. Дилшод вину не признаёт.\n\n[10.06, 11:00]\nОбластной суд оставил приговор без изменения.\n"
	var got []string
	r := Extract(feed)
	for _, x := range r.Demands {
		got = append(got, "demand "+x.Person+" "+x.Term)
	}
	for _, x := range r.Sentences {
		got = append(got, "sentence "+x.Person+" "+x.Term)
	}
	for _, x := range r.Outcomes {
		got = append(got, x.Outcome+" "+x.Person)
	}
	want := []string{"demand Дилшод Рахимов P6Y", "sentence Дилшод Рахимов P4Y", "convicted Дилшод Рахимов", "upheld Дилшод Рахимов"}
	if !slices.Equal(got, want) {
		t.Errorf("claims = %q, want %q", got, want)
	}
	// Two people named as often: the text is about neither alone.
	two := "Ош, 3 мая 2025 года\n\nАктивистов Азамата Турдуева и Бекзата Исмаилова задержали в марте. Турдуев и Исмаилов вину не признают. " +
		"В прошлом году в Оше один блогер получил пять лет лишения свободы. Турдуева и Исмаилова отпустили под подписку."
	if r := Extract(two); len(r.Sentences)+len(r.Outcomes) != 0 {
		t.Errorf("claims of %q: %v %v, want none", two[:40], r.Sentences, r.Outcomes)
	}
}

// Terms "respectively" with half a year written as a decimal, and an elliptical request "N
// each for A and B".
func TestExtract_DecimalRespectivelyAndEachFor(t *testing.T) {
	text := "Ganja, 3 May 2025\n\nThe court sentenced the editor Elvin Huseynli, the reporters Aysel Mammadova and Kamran Aliyev to 7, 6.5 and 5 years in prison respectively. " +
		"The prosecutor had asked for 10 years for Huseynli, eight each for Mammadova and Aliyev."
	r := Extract(text)
	var got []string
	for _, x := range r.Sentences {
		got = append(got, "sentence "+x.Person+" "+x.Term)
	}
	for _, x := range r.Demands {
		got = append(got, "demand "+x.Person+" "+x.Term)
	}
	slices.Sort(got)
	want := []string{"demand Aysel Mammadova P8Y", "demand Elvin Huseynli P10Y", "demand Kamran Aliyev P8Y",
		"sentence Aysel Mammadova P6Y6M", "sentence Elvin Huseynli P7Y", "sentence Kamran Aliyev P5Y"}
	if !slices.Equal(got, want) {
		t.Errorf("claims = %q, want %q", got, want)
	}
}

// A given name the lists lack before a middle initial and a surname is the person's, with the
// initial; an adverb that opens the sentence is not.
func TestExtract_MiddleInitial(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Geneva, 3 May 2025\n\nChidi N. Eze, Special Rapporteur, signed the letter.", []string{"Chidi N. Eze"}},
		{"Geneva, 3 May 2025\n\nLater Y. Abenov was released.", []string{"Y. Abenov"}},
	} {
		if got := personNames(Extract(tc.text)); !slices.Equal(got, tc.want) {
			t.Errorf("%q\npersons = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// Signatories each with a role after a comma: the role that ends one line is that name's, not
// the next line's.
func TestExtract_SignatoryRolesStayOnTheirLine(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Баку, 3 мая 2025 года\n\nЗаявление подписали:\nКомитет защиты журналистов (Прага)\nТурал Гасанов, правозащитник\nНармин Ализаде, журналистка\n",
			[]string{"Нармин Ализаде", "Турал Гасанов"}},
		{"Баку, 3 мая 2025 года\n\nЗаявление подписали:\nЭмин Гулиев, правозащитник\nСевда Гусейнова, журналистка\n",
			[]string{"Севда Гусейнова", "Эмин Гулиев"}},
		{"Баку, 3 мая 2025 года\n\nЕго защищает адвокат\nЭльчин Садыгов.", []string{"Эльчин Садыгов"}},
	} {
		if got := personNames(Extract(tc.text)); !slices.Equal(got, tc.want) {
			t.Errorf("%q\npersons = %q, want %q", tc.text, got, tc.want)
		}
	}
	r := Extract("Баку, 3 мая 2025 года\n\nЗаявление подписали:\nЭмин Гулиев, правозащитник\nСевда Гусейнова, журналистка\n")
	for _, p := range r.Persons {
		if p.Name == "Севда Гусейнова" && !slices.Contains(p.Roles, "journalist") {
			t.Errorf("Севда Гусейнова: roles %q; want journalist", p.Roles)
		}
	}
}

// A case that ended, told in the passive or as a prosecution terminated, is dismissed for its
// person; an appeal dismissed is not.
func TestExtract_CaseClosedIsDismissed(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Ош, 3 мая 2025 года\n\nСуд арестовал Бакыта Алымова. Дело Алымова 12 марта было прекращено за отсутствием состава преступления.", []string{"Бакыт Алымов dismissed"}},
		{"Kutaisi, 3 May 2025\n\nThe administrative case against Nino Gogua was closed on Monday.", []string{"Nino Gogua dismissed"}},
		{"Kutaisi, 3 May 2025\n\nIn March the court terminated the prosecution of Nino Gogua.", []string{"Nino Gogua dismissed"}},
		{"Kutaisi, 3 May 2025\n\nThe appeal in the case of Nino Gogua was dismissed.", nil},
	} {
		got := outcomesOf(Extract(tc.text))
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q\noutcomes = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A total term after a new sentence is added to an old one ("итого 4 года 3 месяца", "Итого
// ему предстоит отбыть ...") is a sentence of the person too.
func TestExtract_TotalTerm(t *testing.T) {
	text := "Гомель, 3 мая 2025 года\n\nСуд приговорил Павла Жука к 1 году колонии по ст. 411. Итого ему предстоит отбыть 4 года 3 месяца."
	got := termsOf(Extract(text).Sentences)
	if want := []string{"Павел Жук P1Y", "Павел Жук P4Y3M"}; !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
}

// Probation supervision with a suspended term is its probation, no term or penalty of its own;
// "N years of probation supervision" alone is Kyrgyzstan's restriction of freedom.
func TestExtract_ProbationSupervisionOfSuspendedTerm(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Бишкек, 3 мая 2025 года\n\nСуд приговорил Айгуль Мамбетову к 4 годам лишения свободы условно с пробационным надзором сроком на 2 года.",
			[]string{"Айгуль Мамбетова suspended P4Y"}},
		{"Бишкек, 3 мая 2025 года\n\nСуд приговорил Эмиля Осмонова к 3 годам пробационного надзора.",
			[]string{"Эмиль Осмонов restriction of freedom P3Y"}},
	} {
		var got []string
		for _, x := range Extract(tc.text).Sentences {
			got = append(got, x.Person+" "+x.Kind+" "+x.Term)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q\nsentences = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A pronoun in a new sentence stands for the subject of the sentence before, not for a name
// inflected in an oblique case inside it ("чтобы передать Тимуру лекарства").
func TestExtract_PronounPrefersSubjectOverObliqueName(t *testing.T) {
	text := "Баку, 3 мая 2025 года\n\n1 ноября задержали Тимура Алиева.\n\n" +
		"4 ноября его брат, Фуад Алиев, пришёл к зданию полиции, чтобы передать Тимуру лекарства, и сам был задержан. " +
		"На следующий день суд признал его виновным в неповиновении и арестовал на 30 суток."
	got := outcomesOf(Extract(text))
	if want := []string{"Фуад Алиев convicted"}; !slices.Equal(got, want) {
		t.Errorf("outcomes = %q, want %q", got, want)
	}
}

// In a feed its author speaks in the first person: "меня" is the one the head names as who
// runs the channel, or whose name with a role is its first line; not a name in the title, and
// not in a quotation, where the speaker does.
func TestExtract_FirstPersonIsTheAuthor(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Свободу Игорю Мельнику\nКанал ведёт сестра политзаключённого, Алина Мельник. 812 подписчиков\n\n[03.02, 08:47]\nСуд Ленинского района оштрафовал меня на 20 базовых величин по ст. 19.11 КоАП.",
			[]string{"Алина Мельник convicted"}},
		{"Адвокат Зарина Юсупова\nканал · 2 100 подписчиков\n\n[03.02, 08:47]\nСуд оштрафовал меня на 5 миллионов сумов.",
			[]string{"Зарина Юсупова convicted"}},
		{"Свободу Игорю Мельнику\nКанал ведёт сестра политзаключённого, Алина Мельник.\n\n[03.02, 08:47]\nИгорь передал: «Меня оштрафовали на 20 базовых величин».",
			[]string{"Игорь Мельник convicted"}},
	} {
		got := outcomesOf(Extract(tc.text))
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q\noutcomes = %q, want %q", tc.text[:40], got, tc.want)
		}
	}
}

// Russian men's names in -а decline as women's: "Кузьмы Зотова" is Кузьма Зотов's genitive.
func TestExtract_MansNameInA(t *testing.T) {
	text := "Ижевск, 3 мая 2025 года\n\nСуд вернул прокурору дело Кузьмы Зотова. Назначить Зотову экспертизу суд отказался."
	if got, want := personNames(Extract(text)), []string{"Кузьма Зотов"}; !slices.Equal(got, want) {
		t.Errorf("persons = %q, want %q", got, want)
	}
}

// A Kazakh state prosecutor ("мемлекеттік айыптаушы") who asks for a term is not whom it is for.
func TestExtract_KazakhProsecutorIsNoDefendant(t *testing.T) {
	text := "Шымкент, 14 наурыз 2025 жыл\n\nМемлекеттік айыптаушы Сәуле Жүнісова сот жарыссөзінде белсендіге 3 жыл бас бостандығын шектеу жазасын тағайындауды сұраған болатын."
	for _, x := range Extract(text).Demands {
		if x.Person == "Сәуле Жүнісова" {
			t.Errorf("demand %v given to the prosecutor", x)
		}
	}
}

// Kazakh "оны" and "оған" stand for the person named before, of either gender.
func TestExtract_KazakhObjectPronoun(t *testing.T) {
	text := "Шымкент, 14 наурыз 2025 жыл\n\nКеше белсенді Сәуле Жүнісованы полиция ұстап әкетті. Бүгін аудандық сот оны 7 тәулікке әкімшілік қамаққа алды."
	got := termsOf(Extract(text).Sentences)
	if want := []string{"Сәуле Жүнісова P7D"}; !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
}

// termsOf returns sentences or demands as "person term", in the result's order.
func termsOf(xs []*Penalty) []string {
	var out []string
	for _, x := range xs {
		out = append(out, x.Person+" "+x.Term)
	}
	return out
}

// A name in brackets that the text says is the person's other name ("по паспорту", "real
// name") is an alias, not a second person; a name with other words in brackets is someone else.
func TestExtract_PassportNameIsAnAlias(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Баку, 3 мая 2025 года\n\nБлогер Эмин Гусейнли (по паспорту — Эмин Рафикович Гусейнов) живёт в Германии.", []string{"Эмин Гусейнли"}},
		{"Baku, 3 May 2025\n\nThe blogger Emin Huseynli (real name Emin Huseynov) lives in Germany.", []string{"Emin Huseynli"}},
		{"Baku, 3 May 2025\n\nThe blogger Emin Huseynli (his lawyer Elchin Sadigov) spoke.", []string{"Elchin Sadigov", "Emin Huseynli"}},
	} {
		if got := personNames(Extract(tc.text)); !slices.Equal(got, tc.want) {
			t.Errorf("%q\npersons = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// Armenian and Central Asian women's names the table of given names now knows keep their form:
// "Карине" is not the prepositional of Карина, "Камола" not the genitive of Камол.
func TestExtract_WomensNamesOfTheRegion(t *testing.T) {
	for text, want := range map[string]string{
		"Гюмри, 3 мая 2025 года\n\nСтатью написала Карине Петросян.":                                                "Карине Петросян",
		"Адвокат Камола Рахимова\nканал · 1 500 подписчиков\n\n[03.02, 08:47]\nСегодня задержали Шерзода Каримова.": "Камола Рахимова",
	} {
		if got := personNames(Extract(text)); !slices.Contains(got, want) {
			t.Errorf("%q\npersons = %q, want %q", text, got, want)
		}
	}
}
