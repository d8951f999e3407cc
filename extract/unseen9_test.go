package extract

import (
	"slices"
	"testing"
)

// A search told of no one is of the person a sentence shortly after names while it refers
// back to it ("during the search", "после обыска"); a sentence between that names someone
// else, or a back-reference naming two people, leaves it unnamed.
func TestExtract_SearchOfThePersonNamedAtIt(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Dushanbe, 20 May 2025\n\nOn 3 April 2025 police searched the family flat in Vahdat. They took a laptop and two phones. Farhod Nazarzoda was questioned during the search.",
			[]string{"search 2025-04-03 Farhod Nazarzoda"}},
		{"Минск, 20 мая 2025 года\n\n3 апреля 2025 года сотрудники милиции провели обыск в доме в Бобруйске. После обыска Ирину Захарченко вызвали на допрос.",
			[]string{"search 2025-04-03 Ирина Захарченко"}},
		{"Dushanbe, 20 May 2025\n\nOn 3 April 2025 police searched the family flat in Vahdat. Farhod Nazarzoda and Bakhtiyor Sharipov were questioned during the search.",
			[]string{"search 2025-04-03"}},
		{"Dushanbe, 20 May 2025\n\nOn 3 April 2025 police searched the family flat in Vahdat. The lawyer Rustam Valiev called it unlawful. Farhod Nazarzoda was questioned during the search.",
			[]string{"search 2025-04-03"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// "detained A, B and C and searched their homes", "... searched the homes of all three": the
// search is of each of those held, not only of the name told last.
func TestExtract_SearchOfTheirHomes(t *testing.T) {
	held := []string{"detention 2025-06-12 Leyla Aliyeva", "detention 2025-06-12 Orkhan Huseynov", "detention 2025-06-12 Rauf Mammadov",
		"search 2025-06-12 Leyla Aliyeva", "search 2025-06-12 Orkhan Huseynov", "search 2025-06-12 Rauf Mammadov"}
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Baku, 20 June 2025\n\nThe reporters Rauf Mammadov and Leyla Aliyeva wrote about the customs service.\n\nOn 12 June 2025 police detained Mammadov, Aliyeva and a third reporter of the outlet, Orkhan Huseynov, and searched their homes in Sumgait.", held},
		{"Baku, 20 June 2025\n\nOn 12 June 2025 police detained three members of the group: businessman Rauf Mammadov, lawyer and activist Leyla Aliyeva and blogger Orkhan Huseynov. Officers then searched the homes of all three.", held},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// "blogger A and teacher B": a list's last name after "and" and a word in lower case that
// tells what the person is belongs to the list, as one after a comma does.
func TestExtract_ListItemAfterAndWithDescriptor(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Bishkek, 20 June 2025\n\nOn 11 June 2025 police detained economist Bolot Asanov, blogger Cholpon Dzhumabaeva and schoolteacher Talant Imanaliev.",
			[]string{"detention 2025-06-11 Bolot Asanov", "detention 2025-06-11 Cholpon Dzhumabaeva", "detention 2025-06-11 Talant Imanaliev"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// "остальных задержанных отпустили": the others of those the custody before held, not the
// case's defendants; when that custody named only one, the others are not named.
func TestExtract_TheOtherDetaineesAreOfTheCustody(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Туркменабат, 1 августа 2023 года\n\nВ марте 2023 года задержан журналист Довлет Овезов.\n\n20 июля у здания хякимлика были задержаны несколько человек, среди них учительница Гульшат Ниязова. Остальных задержанных отпустили вечером.",
			[]string{"detention 2023-03 Довлет Овезов", "detention 2023-07-20 Гульшат Ниязова"}},
		{"Ош, 1 августа 2023 года\n\n20 июля полиция задержала Эмиля Садырова, Бакыта Омурова и Чолпон Нурбекову. Садырова оштрафовали, остальных задержанных отпустили.",
			[]string{"detention 2023-07-20 Бакыт Омуров", "detention 2023-07-20 Чолпон Нурбекова", "detention 2023-07-20 Эмиль Садыров",
				"release 2023-07-20 Бакыт Омуров", "release 2023-07-20 Чолпон Нурбекова"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// "were arrested after a rally on 3 June": the day is the rally's, not the arrest's; a custody
// told so without a day, of one whose custody the text dates, is that custody told vaguely.
func TestExtract_DayOfTheNounAfterAfter(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Namangan, 20 August 2024\n\nFarmers Ulugbek Tursunov and Dilshod Ergashev were arrested after a rally on 3 June in front of the district khokimiyat.\n\nTursunov was detained on 5 June at his home; Ergashev was detained on 6 June.",
			[]string{"detention 2024-06-05 Ulugbek Tursunov", "detention 2024-06-06 Dilshod Ergashev"}},
		// The day after the event word is still its own.
		{"Namangan, 20 August 2024\n\nUlugbek Tursunov was arrested on 3 June after a rally.",
			[]string{"arrest 2024-06-03 Ulugbek Tursunov"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A search or a dismissal told without even a year is background, not an event on record;
// a custody so told is kept.
func TestExtract_UndatedOneDayEventsDropped(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Khujand, 20 August 2024\n\nThe home of blogger Sherzod Rahimov was searched by security officers, and his brother Anvar Rahimov was dismissed from his job at the city hospital.",
			nil},
		{"Khujand, 20 August 2024\n\nThe blogger Sherzod Rahimov was detained by security officers.",
			[]string{"detention  Sherzod Rahimov"}},
	} {
		if got := eventsOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("events of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}
