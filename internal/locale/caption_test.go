package locale

import (
	"testing"

	"github.com/docketorg/docket"
)

func st(prop, value, lang string, status docket.Status) *docket.Statement {
	return &docket.Statement{Property: prop, Value: value, Lang: lang, Status: status}
}

func TestNamer_Caption(t *testing.T) {
	reg := map[string]*docket.Entity{
		"p1": {ID: "p1", Schema: "Person", Statements: []*docket.Statement{st("name", "Aigul Akberdiyeva", "en", docket.Reported),
			st("alias", "Айгуль Акбердиева", "ru", docket.Reported)}},
		"p2": {ID: "p2", Schema: "Person", Statements: []*docket.Statement{st("name", "Ablovas Dzhumayev", "", docket.Draft)}},
		"p3": {ID: "p3", Schema: "Person", Statements: []*docket.Statement{st("name", "Iskander Yerimbetov", "", docket.Reported)}},
		"o1": {ID: "o1", Schema: "Organization", Statements: []*docket.Statement{st("name", "Aktau City Court", "en", docket.Reported),
			st("name", "Актауский городской суд", "ru", docket.Reported)}},
	}
	lookup := func(id string) *docket.Entity { return reg[id] }
	for _, tc := range []struct {
		lang  string
		e     *docket.Entity
		want  string
		draft bool
	}{
		// A proper name in the script of the page where one is recorded.
		{"en", reg["p1"], "Aigul Akberdiyeva", false},
		{"ru", reg["p1"], "Айгуль Акбердиева", false},
		{"kk", reg["o1"], "Актауский городской суд", false},
		{"ru", reg["p3"], "Iskander Yerimbetov", false},
		{"en", reg["p2"], "Ablovas Dzhumayev", true},
		// A case made of its defendants and number.
		{"en", &docket.Entity{ID: "c", Schema: "Case", Statements: []*docket.Statement{st("defendant", "p1", "", docket.Reported), st("number", "2-123/2019", "", docket.Reported)}},
			"Case of Aigul Akberdiyeva, No. 2-123/2019", false},
		{"ru", &docket.Entity{ID: "c", Schema: "Case", Statements: []*docket.Statement{st("defendant", "p1", "", docket.Reported), st("number", "2-123/2019", "", docket.Reported)}},
			"Дело № 2-123/2019: Айгуль Акбердиева", false},
		{"kk", &docket.Entity{ID: "c", Schema: "Case", Statements: []*docket.Statement{st("defendant", "p1", "", docket.Reported)}},
			"Іс: Айгуль Акбердиева", false},
		{"en", &docket.Entity{ID: "c", Schema: "Case", Statements: []*docket.Statement{st("defendant", "p1", "", docket.Reported), st("defendant", "p2", "", docket.Reported),
			st("defendant", "p3", "", docket.Reported)}}, "Case of Aigul Akberdiyeva, Ablovas Dzhumayev and 1 others", true},
		{"en", &docket.Entity{ID: "c", Schema: "Case", Statements: []*docket.Statement{st("number", "12", "", docket.Draft)}}, "Case No. 12", true},
		// A name given in the page's language wins; one in another is replaced by a caption made
		// in the page's language.
		{"en", &docket.Entity{ID: "c", Schema: "Case", Statements: []*docket.Statement{st("name", "Case of Aigul Akberdiyeva", "en", docket.Reported), st("defendant", "p1", "", docket.Reported)}},
			"Case of Aigul Akberdiyeva", false},
		{"ru", &docket.Entity{ID: "c", Schema: "Case", Statements: []*docket.Statement{st("name", "Case of Aigul Akberdiyeva", "en", docket.Reported), st("defendant", "p1", "", docket.Reported)}},
			"Дело: Айгуль Акбердиева", false},
		// A proceeding by its stage, court and date; an event by its type, date and place.
		{"en", &docket.Entity{ID: "x", Schema: "Proceeding", Statements: []*docket.Statement{st("stage", "first instance", "", docket.Reported), st("court", "o1", "", docket.Reported),
			st("date", "2019-02-06", "", docket.Reported)}}, "First instance, Aktau City Court, 6 February 2019", false},
		{"ru", &docket.Entity{ID: "x", Schema: "Proceeding", Statements: []*docket.Statement{st("stage", "first instance", "", docket.Reported), st("court", "o1", "", docket.Reported),
			st("date", "2019-02-06", "", docket.Reported)}}, "Первая инстанция, Актауский городской суд, 6 февраля 2019", false},
		{"kk", &docket.Entity{ID: "x", Schema: "Event", Statements: []*docket.Statement{st("type", "detention", "", docket.Reported), st("date", "2019-02-08", "", docket.Reported),
			st("place", "Aktau", "", docket.Reported)}}, "Ұстау, 2019 жылғы 8 ақпан, Aktau", false},
		{"ru", &docket.Entity{ID: "x", Schema: "Charge", Statements: []*docket.Statement{st("code", "KZ-CC", "", docket.Reported), st("article", "179", "", docket.Reported),
			st("part", "2", "", docket.Reported)}}, "Статья 179, часть 2 (Уголовный кодекс Республики Казахстан)", false},
		// Too little recorded: the schema and id.
		{"en", &docket.Entity{ID: "x1", Schema: "Case"}, "Case x1", false},
		{"ru", &docket.Entity{ID: "x1", Schema: "Event", Statements: []*docket.Statement{st("place", "Aktau", "", docket.Reported)}}, "Событие, Aktau", false},
		{"ru", &docket.Entity{ID: "x1", Schema: "Event"}, "Событие x1", false},
	} {
		got, draft := Namer{P: Get(tc.lang), Lookup: lookup}.Caption(tc.e)
		if got != tc.want || draft != tc.draft {
			t.Errorf("%s: Caption(%s %v) = %q, %v; want %q, %v", tc.lang, tc.e.Schema, tc.e.ID, got, draft, tc.want, tc.draft)
		}
	}
}

func TestPrinter_Date(t *testing.T) {
	for _, tc := range []struct{ lang, in, want string }{
		{"en", "2019-02-06", "6 February 2019"}, {"ru", "2019-02-06", "6 февраля 2019"}, {"kk", "2019-02-06", "2019 жылғы 6 ақпан"},
		{"en", "2019-02", "February 2019"}, {"kk", "~2019", "шамамен 2019"}, {"en", "--02-06", "6 February"}, {"en", "no", "no"},
	} {
		if got := Get(tc.lang).Date(tc.in); got != tc.want {
			t.Errorf("%s Date(%q) = %q, want %q", tc.lang, tc.in, got, tc.want)
		}
	}
}
