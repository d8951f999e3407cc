package extract

import (
	"slices"
	"testing"
)

// Tests of the general causes found on the third blind batch: each with invented sentences.

// A surname seen only in an oblique case is a surname when its nominative has the shape of
// one: "Погосяну" is the dative of Погосян.
func TestSurnameShape_ObliqueOfIndeclinableShape(t *testing.T) {
	for _, w := range []string{"Погосяну", "Барсегяне", "Барсегяна"} {
		if ok, _ := surnameShape(w); !ok {
			t.Errorf("surnameShape(%q) = false, want true", w)
		}
	}
	for _, w := range []string{"Собранию", "Правительству"} {
		if ok, _ := surnameShape(w); ok {
			t.Errorf("surnameShape(%q) = true, want false", w)
		}
	}
	text := "Ереван, 2 марта 2023 года\n\nСуду представили дело. Тиграну Погосяну назначено 3 года лишения свободы."
	if got := personNames(Extract(text)); !slices.Contains(got, "Тигран Погосян") {
		t.Errorf("persons = %q, want Тигран Погосян among them", got)
	}
}
