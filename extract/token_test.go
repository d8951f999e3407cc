package extract

import (
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
