package extract

import (
	"slices"
	"testing"
)

// The organisations under a letter sign it whatever their names look like; the person who
// signs for one, and the city in brackets, are no part of its name. The texts are invented.
func TestExtract_SignatoriesAreOrganisations(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"one a line", "We ask for her release.\n\nSigned:\nOpen Steppe Platform\nLawyers for Lawyers Nordic (Oslo)\nMaria Berg, Chair, Free Counsel Alliance\nIrina Sokolova, advocate\nSteppe Rights House, Almaty\n— and 40 individual lawyers\n\nNotes",
			[]string{"Free Counsel Alliance", "Lawyers for Lawyers Nordic", "Open Steppe Platform", "Steppe Rights House"}},
		{"wrapped, apart by dots", "Yours faithfully,\n\nCaspian Voices · Tbilisi Legal\nCircle · Black Sea Reporters (Batumi) · and six other groups\n",
			[]string{"Black Sea Reporters", "Caspian Voices", "Tbilisi Legal Circle"}},
		{"two columns", "Signed:\n\nKura Courier                             Rights First Vienna\nArticle 5 Project (Berlin)               Women Reporters of the Caucasus\n",
			[]string{"Article 5 Project", "Kura Courier", "Rights First Vienna", "Women Reporters of the Caucasus"}},
		{"Russian", "Заявление поддержали:\nКомитет защиты ссыльных (Париж)\n«Свободная степь»\nПравозащитный центр «Рассвет» (Бишкек)\nГайсин Ильвир Фаритович, Открытый Урал\n",
			[]string{"Комитет защиты ссыльных", "Открытый Урал", "Правозащитный центр «Рассвет»", "Свободная степь"}},
		{"not a list", "The decree was signed, and Ivan Petrov was freed. Yours is the only voice.\n",
			nil},
	} {
		if got := orgNames(Extract(tc.text)); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %q\norganisations = %q, want %q", tc.name, tc.text, got, tc.want)
		}
	}
}

// A group's masthead names it in full, descriptor and all; in a sentence, or in a newsroom's
// byline, the quoted name alone is its name, and the two are one organisation.
func TestExtract_MastheadKeepsTheDescriptor(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Правовая инициатива «Заслон» · Справка № 4\nНаблюдатели «Заслона» были в суде. Инициатива «Заслон» просит освободить его.",
			[]string{"Правовая инициатива «Заслон»"}},
		{"Общественный фонд «Ясный день»\nАлматы, 3 мая 2024 г.\n\nСуд оштрафовал активиста, сообщил «Ясный день».",
			[]string{"Общественный фонд «Ясный день»"}},
		{"Вчера правозащитная инициатива «Заслон» выступила с заявлением.",
			[]string{"Заслон"}},
		{"Редакция «Степной вестник»\nСуд оштрафовал активиста.",
			[]string{"Степной вестник"}},
	} {
		if got := orgNames(Extract(tc.text)); !slices.Equal(got, tc.want) {
			t.Errorf("%q\norganisations = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A channel's feed and a medium's dateline name the outlet at the text's head; a page's
// title names its site after the separator, a section's label and a person's channel are no
// outlets.
func TestExtract_MastheadsNameTheOutlet(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Степной Голос | новости\n14 марта 2025, 19:42\nСуд арестовал блогера.", []string{"Степной Голос"}},
		{"Вольный Край\n12 марта 2025 г. · 09:12\nСуд арестовал блогера.", []string{"Вольный Край"}},
		{"Ош, 3 апреля 2024 — «Тоо-Ньюс»\nСуд арестовал блогера.", []string{"Тоо-Ньюс"}},
		{"«Северный вестник», 12 сентября 2024\nСуд арестовал блогера.", []string{"Северный вестник"}},
		{"Court jails blogger for a post | Steppe Wire\n\nBishkek, 3 April 2024 — The court jailed a blogger.", nil},
		{"CASE NOTE | Bishkek, 15 September 2025\n\nThe court jailed a blogger.", nil},
		{"Адвокат Мария Сидорова | канал\n14 марта 2025, 19:42\nСуд арестовал блогера.", nil},
	} {
		if got := orgNames(Extract(tc.text)); !slices.Equal(got, tc.want) {
			t.Errorf("%q\norganisations = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A court's name may have four adjectives and open with an ordinal in figures; a list of
// signatories may follow "Yours sincerely," under a cue of its own. The texts are invented.
func TestExtract_LongCourtNamesAndACueUnderACue(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Во вторник Третий восточный окружной военный суд признал студентку виновной.", []string{"Третий восточный окружной военный суд"}},
		{"Дело рассмотрел судья 3-го Восточного окружного военного суда.", []string{"3-й Восточный окружной военный суд"}},
		{"We ask for her release.\n\nYours sincerely,\n\nSignatories:\n\nSteppe Voices                       Open Bench Watch\nKura Legal Circle                   Free Lens Hub\n",
			[]string{"Free Lens Hub", "Kura Legal Circle", "Open Bench Watch", "Steppe Voices"}},
	} {
		if got := orgNames(Extract(tc.text)); !slices.Equal(got, tc.want) {
			t.Errorf("%q\norganisations = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A name does not run into the next line's "The", which opens a sentence; "Your
// Excellency's Government" is a form of address. The texts are invented.
func TestExtract_NameEndsBeforeTheAndAddress(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Blogger jailed after a closed trial at the Supreme Court\nThe Steppe Rights Monitor condemns the verdict.", []string{"Steppe Rights Monitor", "Supreme Court"}},
		{"Your Excellency's Government has not replied.", nil},
	} {
		if got := orgNames(Extract(tc.text)); !slices.Equal(got, tc.want) {
			t.Errorf("%q\norganisations = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// "ҰҚК" is Kazakhstan's National Security Committee in Kazakh. The text is invented.
func TestExtract_KazakhSecurityAcronym(t *testing.T) {
	if got := orgNames(Extract("Асқарды таңертең ҰҚК қызметкерлері үйінен ұстап әкетті.")); !slices.Equal(got, []string{"ҰҚК"}) {
		t.Errorf("organisations = %q, want [ҰҚК]", got)
	}
}

// "the Appeals Board of the Supreme Court" is named as the instance that hears appeals; a
// chamber of a court is named by its court. The text is invented.
func TestExtract_AppealsBoardKeepsItsName(t *testing.T) {
	got := orgNames(Extract("The defence will appeal to the Appellate Board of the Supreme Court. The Criminal Chamber of the Batumi City Court upheld the fine."))
	if want := []string{"Appellate Board of the Supreme Court", "Batumi City Court"}; !slices.Equal(got, want) {
		t.Errorf("organisations = %q, want %q", got, want)
	}
}

// Russian names go on through genitives the lists lack ("свободной прессы", "мониторинга
// трудовых прав", "водного хозяйства", "по борьбе с наркотиками"); a lower-case adjective
// before a capitalised head is no part of the name; a descriptor before a quote names the
// quote. The texts are invented.
func TestExtract_RussianGenitivesOfNames(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Об этом заявила Туркестанская ассоциация свободной прессы.", []string{"Туркестанская ассоциация свободной прессы"}},
		{"Уральское бюро мониторинга трудовых прав осудило приговор.", []string{"Уральское бюро мониторинга трудовых прав"}},
		{"Его уволило Дашогузское велаятское управление водного хозяйства.", []string{"Дашогузское велаятское управление водного хозяйства"}},
		{"Сотрудники Главного управления по борьбе с наркотиками задержали его.", []string{"Главное управление по борьбе с наркотиками"}},
		{"Он состоял в запрещённой Партии народного возрождения.", []string{"Партия народного возрождения"}},
		{"Об этом сообщила редакция независимого издания «Степной голос».", []string{"Степной голос"}},
		{"Это было в суде первой инстанции Ширакской области.", []string{"суд первой инстанции Ширакской области"}},
	} {
		if got := orgNames(Extract(tc.text)); !slices.Equal(got, tc.want) {
			t.Errorf("%q\norganisations = %q, want %q", tc.text, got, tc.want)
		}
	}
}
