package extract

import (
	"slices"
	"testing"
)

// A byline's verb before a name that ends its line makes the name its subject, of the verb's
// gender ("Беседовала Нигора Салимова" is a woman's nominative, not Нигор Салимов's
// genitive); a Kazakh word that opens sentences ("Егер", if) is no given name. The texts are
// invented.
func TestExtract_BylineVerbAndKazakhOpeners(t *testing.T) {
	for text, want := range map[string][]string{
		"Кассация оставила приговор в силе.\nБеседовала Озода Рахимова\n— Как вы оцениваете решение?": {"Озода Рахимова"},
		"Сот отырысы өтті. Егер Ержанов кінәлі деп танылса, оған жаза беріледі.":                      nil,
	} {
		if got := names(Extract(text)); !slices.Equal(got, want) {
			t.Errorf("%q\npersons = %q, want %q", text, got, want)
		}
	}
}

// "Pyotr and Olga Zaitsev" names Olga with the family's form of the surname; where the text
// also calls her "Olga Zaitseva", she is one person. A man's name is not merged so. The
// texts are invented.
func TestExtract_WomanInTheFamilyForm(t *testing.T) {
	for text, want := range map[string][]string{
		"Officers searched the flat of Ivan and Olga Rudakov. Olga Rudakova was later fined.":  {"Ivan Rudakov", "Olga Rudakova"},
		"Officers searched the flat of Ivan Rudakov. Ivan Rudakova is no one; Ivan was fined.": {"Ivan Rudakov", "Ivan Rudakova"},
	} {
		if got := names(Extract(text)); !slices.Equal(got, want) {
			t.Errorf("%q\npersons = %q, want %q", text, got, want)
		}
	}
}
