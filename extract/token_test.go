package extract

import (
	"slices"
	"testing"
	"unicode"
)

// The fast paths for the Cyrillic block answer as the unicode tables do, for every rune of
// the block and around it.
func TestLetterClassesMatchUnicode(t *testing.T) {
	for r := rune(0); r < 0x600; r++ {
		if got, want := isLetter(r), unicode.IsLetter(r); got != want {
			t.Errorf("isLetter(%U) = %v, want %v", r, got, want)
		}
		if got, want := isUpper(r), unicode.IsUpper(r); got != want {
			t.Errorf("isUpper(%U) = %v, want %v", r, got, want)
		}
	}
}

// A word cut from the footnote marker glued to it ("октября2") is read as the word it is: a
// month here, so its date is found.
func TestFootnoteMarkerCutWordIsClassified(t *testing.T) {
	text := "Бишкек, 3 ноября 2025 года\n\nОснованием стал закон об амнистии, подписанный 30 октября2. Дела других участников продолжают расследовать.\n\n1. https://example.org/a\n2. https://example.org/amnesty\n"
	if got := datesOf(text); !slices.Contains(got, "2025-10-30") {
		t.Errorf("dates = %q, want 2025-10-30 among them", got)
	}
}

// A feed's posts stamped with a day, a month and a time ("[14.05, 09:12]") are dated without a
// year where the text tells none, and "вчера" counts from its post; a decimal or a day and
// month inside a sentence is no stamp.
func TestExtract_FeedStampWithoutYear(t *testing.T) {
	text := "Заметки адвоката\n\n[14.05, 09:12]\nУтром задержали моего подзащитного Рустама Алиева.\n\n" +
		"[22.05, 18:40]\nВчера суд продлил арест. Ставка выросла до 3.5, а заседание 12.06, 10:00 перенесли.\n" +
		"12.10 сомов стоит проезд в автобусе.\n"
	want := []string{"--05-14", "--05-22", "--05-21"}
	if got := datesOf(text); !slices.Equal(got, want) {
		t.Errorf("dates = %q, want %q", got, want)
	}
}

// A year of birth, in brackets after a name or after "born", is a date the text gives.
func TestExtract_YearOfBirth(t *testing.T) {
	text := "Khujand, 3 May 2025\n\nThe teacher Rustam Saidov (1978) was detained on 2 April 2025. His cousin Anvar Saidov, born 1991, was questioned."
	want := []string{"2025-05-03", "1978", "2025-04-02", "1991"}
	if got := datesOf(text); !slices.Equal(got, want) {
		t.Errorf("dates = %q, want %q", got, want)
	}
}

// Kazakh names the year before the day ("өткен жылдың 28 желтоқсанында": on 28 December of
// last year), in the possessive's locative; a first hearing is ahead of the post's day.
func TestExtract_KazakhYearBeforeTheDay(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Шымкент, 14 наурыз 2025 жыл\n\nБелсенді Ерболат Тасбулатовты полиция өткен жылдың 2 ақпанында ұстаған. Екі күннен кейін сот оны үй қамағына жіберді.",
			[]string{"2025-03-14", "2024-02-02", "2024-02-04"}},
		{"02.06.2025 09:15\nІс сотқа жіберілді. Алғашқы отырыс 11 маусымда, қалалық сотта өтеді.",
			[]string{"2025-06-02", "2025-06-11"}},
	} {
		if got := datesOf(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("dates of %q = %q, want %q", tc.text[:30], got, tc.want)
		}
	}
}
