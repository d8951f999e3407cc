package csvmap

import (
	"strings"
	"testing"
)

func TestParseMapping(t *testing.T) {
	m, err := ParseMapping(strings.NewReader(`# comment
Defendant = Person.name
"Name = Cyrillic" = Person.name lang=ru
Case no. = Case.number
Link = source
Person id = Person.id
const Case.country = kz
`))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(m.Schemas(), " "); got != "Person Case" {
		t.Errorf("Schemas() = %q", got)
	}
	if c := m.Columns[1]; c.Name != "Name = Cyrillic" || c.Lang != "ru" || c.Property != "name" {
		t.Errorf("quoted column: %+v", c)
	}
	if c := m.Columns[2]; c.Name != "Case no." {
		t.Errorf("column with a dot: %+v", c)
	}
	if c := m.Columns[3]; c.Schema != "" {
		t.Errorf("source column: %+v", c)
	}
	if k := m.Consts[0]; k != (Const{"Case", "country", "kz"}) {
		t.Errorf("const: %+v", k)
	}
	for _, tc := range []struct{ in, want string }{
		{"A = Human.name", `line 1: unknown schema "Human"`},
		{"A = Person.nme", `line 1: Person has no property "nme"`},
		{"A = Person", "line 1"},
		{"A = Person.name\nA = Person.alias", "mapping line 2: column \"A\" is mapped on line 1 already"},
		{"A = Person.name colour=red", `unknown option "colour=red"`},
		{"const Case.country = Narnia", "line 1: Case.country"},
		{"const Person.id = x\nA = Person.name", "line 1: an id is a column of its own"},
		{"A = Person.name\nconst Case.country = kz", "const Case.country is for a record no column makes"},
		{"# nothing", "maps no column"},
		{`"A = Person.name`, "quote is not closed"},
	} {
		if _, err := ParseMapping(strings.NewReader(tc.in)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseMapping(%q) = %v, want an error with %q", tc.in, err, tc.want)
		}
	}
}
