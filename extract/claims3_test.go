package extract

import (
	"slices"
	"testing"
)

// "приговорил A к восьми годам, B — к семи, C — к пяти": the dash stands for the verb and the
// unit, and a "соответственно" list of demands after it follows the same people. The text
// is invented.
func TestExtract_RussianDashForTheVerb(t *testing.T) {
	r := Extract("Ферганский областной суд приговорил Алишера Каримова к девяти годам лишения свободы, Фаруха Назарова — к шести, Бобура Рахимова — к четырём. Прокурор просил десять, семь и пять лет соответственно.")
	if got, want := penaltiesOf(r.Sentences), []string{"Алишер Каримов imprisonment P9Y", "Бобур Рахимов imprisonment P4Y", "Фарух Назаров imprisonment P6Y"}; !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
	if got, want := penaltiesOf(r.Demands), []string{"Алишер Каримов imprisonment P10Y", "Бобур Рахимов imprisonment P5Y", "Фарух Назаров imprisonment P7Y"}; !slices.Equal(got, want) {
		t.Errorf("demands = %q, want %q", got, want)
	}
}

// A given name the table lacks, in the dative, is a noun's form ("Икрому": Икром), never an
// adjective's (Икрий), though some surnames decline so.
func TestExtract_GivenNameIsNoAdjective(t *testing.T) {
	got := names(Extract("Приговоры двум другим фигурантам, Ойбеку Мадаминову и Икрому Юлдашеву, остались в силе."))
	for _, w := range []string{"Ойбек Мадаминов", "Икром Юлдашев"} {
		if !slices.Contains(got, w) {
			t.Errorf("persons = %q, want %q among them", got, w)
		}
	}
}

// A name after a verb done to a person is its object, in the accusative: "-а" there is a
// man's ("приговорил Фаруха Назарова"), "-у" a woman's ("задержали Фаруху Назарову"), and so
// after the dash that stands for the verb.
func TestExtract_ObjectOfAVerbIsAccusative(t *testing.T) {
	for text, want := range map[string]string{
		"Суд приговорил Фаруха Назарова к шести годам.":                              "Фарух Назаров",
		"Вчера задержали Фаруху Назарову.":                                           "Фаруха Назарова",
		"Суд приговорил Алишера Каримова к девяти годам, Фаруха Назарова — к шести.": "Фарух Назаров",
		"Адвокат Фаруха Назарова заявила о пытках.":                                  "Фаруха Назарова",
	} {
		if got := names(Extract(text)); !slices.Contains(got, want) {
			t.Errorf("%q: persons = %q, want %q among them", text, got, want)
		}
	}
}

// "to nine years each and banned for two years": the ban after "each and" has its own term;
// two people named in apposition to their roles ("the director, A, and its editor, B") are
// both of the claim. The text is invented.
func TestExtract_EachAndABanOfItsOwn(t *testing.T) {
	r := Extract("The outlet's director, Leyla Hasanova, and its editor-in-chief, Orkhan Aliyev, were sentenced to eight years each and banned for three years from holding managerial posts.")
	want := []string{"Leyla Hasanova ban P3Y", "Leyla Hasanova imprisonment P8Y", "Orkhan Aliyev ban P3Y", "Orkhan Aliyev imprisonment P8Y"}
	if got := penaltiesOf(r.Sentences); !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
}
