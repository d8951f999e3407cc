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
