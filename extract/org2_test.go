package extract

import (
	"slices"
	"testing"
)

// A detention centre or facility with a number is a prison's name, written in lower case
// as colonies are; an acronym in brackets after any organisation's name is another name of it,
// not a second organisation.
func TestExtract_NumberedDetentionCentreAndBracketAlias(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Since March the teacher Oleg Marchuk has been held in pre-trial detention centre No. 3 (Kalinovka), where his lawyer has not been let in.",
			[]string{"pre-trial detention centre No. 3"}},
		{"A court in Samara sent Marchuk to temporary detention facility No. 2 for ten days.",
			[]string{"temporary detention facility No. 2"}},
		{"Marchuk was placed in pre-trial detention centre No. 4 (SIZO-4) of Samara. Two weeks later SIZO-4 refused to accept a parcel.",
			[]string{"pre-trial detention centre No. 4"}},
		{"He serves his term in penal colony No. 9 (IK-9), where IK-9 staff keep him in solitary confinement.",
			[]string{"penal colony No. 9"}},
		{"Officers of the State Security Committee (SSC) searched the flat; the SSC has not commented.",
			[]string{"State Security Committee"}},
		// A kind of prison is no name of one; a numbered one keeps a town or a name written
		// straight after it, but not a person's name.
		{"Через два дня суд отправил его в СИЗО, где он провёл полгода.", nil},
		{"The SIZO administration did not answer; he has spent a year in SIZO.", nil},
		{"Обоих перевели в СИЗО-3 Гомель, где они ждут суда.", []string{"СИЗО-3 Гомель"}},
		{"He was held in SIZO-1 Volodarka until the trial.", []string{"SIZO-1 Volodarka"}},
		{"В СИЗО-1 Вадим Орехов объявил голодовку.", []string{"СИЗО-1"}},
		{"В СИЗО-1 Орехов объявил голодовку.", []string{"СИЗО-1"}},
		{"In SIZO-1 Dorje Tsering went on hunger strike.", []string{"SIZO-1"}},
	} {
		if got := orgNames(Extract(tc.text)); !slices.Equal(got, tc.want) {
			t.Errorf("%q\norganisations = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A body within a court or a bar (its council, board, presidium, a chamber for criminal
// cases, a qualification commission) acts for it and is named by it; a body of anything else
// keeps its own name.
func TestExtract_BodyOfCourtOrBarNamedByIt(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"On 4 May the Council of the Chamber of Advocates of Perm Region stripped Irina Lebed of her status.",
			[]string{"Chamber of Advocates of Perm Region"}},
		{"The Presidium of the Bar Association of Lankaran suspended the lawyer for a year.",
			[]string{"Bar Association of Lankaran"}},
		{"The Judicial Chamber for Criminal Cases of the Osh Regional Court returned the case to the prosecutor.",
			[]string{"Osh Regional Court"}},
		{"The Appeals Chamber of the Gori City Court upheld the fine.",
			[]string{"Gori City Court"}},
		{"The Chamber of Advocates of Armenia met; the Council of Europe and the Qualification Commission of the Ministry of Culture were silent.",
			[]string{"Chamber of Advocates of Armenia", "Council of Europe", "Qualification Commission of the Ministry of Culture"}},
		{"Совет Адвокатской палаты Пермского края прекратил статус адвоката Ирины Лебедь.",
			[]string{"Адвокатская палата Пермского края"}},
		{"Квалификационная комиссия Коллегии адвокатов Хатлонской области лишила её лицензии.",
			[]string{"Коллегия адвокатов Хатлонской области"}},
		{"Судебная коллегия по уголовным делам Ошского областного суда вернула дело прокурору.",
			[]string{"Ошский областной суд"}},
		{"Совет Европы осудил приговор, а Высший судебный совет уволил судью.",
			[]string{"Высший судебный совет", "Совет Европы"}},
	} {
		if got := orgNames(Extract(tc.text)); !slices.Equal(got, tc.want) {
			t.Errorf("%q\norganisations = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A quoted name before the noun that says what it names is that organisation's name; a
// quoted title before a phrase that only leads to such a noun is not.
func TestExtract_QuotedNameBeforeItsNoun(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{`Police raided the homes of three members of the "Novy Put" prayer group.`, []string{"Novy Put"}},
		{`He edited the "Kara Tash" Telegram channel until his arrest.`, []string{"Kara Tash"}},
		{`She joined the “Ak Zhol Zhastary” (“Youth of the Bright Path”) civic movement in 2021.`, []string{"Ak Zhol Zhastary"}},
		{`He shared a poem titled "Winter Morning" on his own channel.`, nil},
	} {
		if got := orgNames(Extract(tc.text)); !slices.Equal(got, tc.want) {
			t.Errorf("%q\norganisations = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// Whom a statement was told, in two to four capitalised words that are no person's name, is
// an outlet; a person told something is not.
func TestExtract_ToldAnOutlet(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{`"Nobody warned us," her husband told Fergana Echo on Friday.`, []string{"Fergana Echo"}},
		{`The lawyer told the Pamir Courier that the hearing was closed.`, []string{"Pamir Courier"}},
		{`The lawyer told Vardges Hakobyan nothing new.`, nil},
		{`The lawyer told Judge Nazarova that her client was ill.`, nil},
	} {
		if got := orgNames(Extract(tc.text)); !slices.Equal(got, tc.want) {
			t.Errorf("%q\norganisations = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A court named again by its first word alone is the court named before in full.
func TestExtract_CourtNamedAgainShort(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Ленинский районный суд Перми арестовал его в мае. В июле Ленинский суд продлил арест.", []string{"Ленинский районный суд Перми"}},
		{"The Sverdlovsky District Court of Perm remanded him; in July the Sverdlovsky court extended it.", []string{"Sverdlovsky District Court of Perm"}},
		{"Ленинский районный суд Перми арестовал его. Кировский суд отказал.", []string{"Кировский суд", "Ленинский районный суд Перми"}},
	} {
		if got := orgNames(Extract(tc.text)); !slices.Equal(got, tc.want) {
			t.Errorf("%q\norganisations = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A signature's line ("Name, Title, Organisation") ends its organisation at the line's end;
// "the Council of the Chamber" names no organisation of its own.
func TestExtract_SignatureLinesAndCouncilOfTheChamber(t *testing.T) {
	text := "1 May 2025\n\nOn 2 April the Council of the Chamber terminated his status.\n\nSigned:\nIlse Vermeer, Director, Baltic Advocacy Forum\nFree Counsel Network (Riga)\n"
	if got, want := orgNames(Extract(text)), []string{"Baltic Advocacy Forum", "Free Counsel Network"}; !slices.Equal(got, want) {
		t.Errorf("organisations = %q, want %q", got, want)
	}
}

// "СК" alone names the Investigative Committee; "СИЗО" alone no prison.
func TestExtract_SKAlone(t *testing.T) {
	text := "Томск, 1 мая 2025\n\nУтром следователи СК провели обыск и увезли его в СИЗО."
	if got, want := orgNames(Extract(text)), []string{"СК"}; !slices.Equal(got, want) {
		t.Errorf("organisations = %q, want %q", got, want)
	}
}

// Institutions written around a lower-case noun: a prison's code before "colony" (with its
// kind when one is given), a place before "colony", "the Ombudsman's office", a city's police
// department, and an NGO introduced by the acronym "NGO".
func TestExtract_LowerCaseInstitutions(t *testing.T) {
	text := "He was moved to the AH-K/7 colony in Mary; his cousin is in the DZ-K/3 penal colony. A prisoner died in the Kizyl colony. The Ombudsman's office did not reply. Two monitors from the NGO Open Bench Armenia were taken to the Gyumri city police department."
	want := []string{"AH-K/7", "DZ-K/3 penal colony", "Gyumri city police department", "Kizyl colony", "Ombudsman's office", "Open Bench Armenia"}
	if got := orgNames(Extract(text)); !slices.Equal(got, want) {
		t.Errorf("organisations = %q, want %q", got, want)
	}
}

// Kazakh: a quoted name before the noun that says what it is, in any case («Әділ сот» құқық
// қорғау бастамасының), and the National Security Committee in any case.
func TestExtract_KazakhOrganisations(t *testing.T) {
	text := "Тараз, 2025 жылғы 11 қыркүйек\n\n«Ақ жол» құқық қорғау орталығының мәлімдемесі. Белсенді «Жас дауыс» қозғалысына қатысқан. Оны Ұлттық қауіпсіздік комитетінің қызметкерлері ұстады."
	want := []string{"Ақ жол", "Жас дауыс", "Ұлттық қауіпсіздік комитеті"}
	if got := orgNames(Extract(text)); !slices.Equal(got, want) {
		t.Errorf("organisations = %q, want %q", got, want)
	}
}
