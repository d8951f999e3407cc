package synth

import (
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"time"
)

// A CSVShape is which columns a spreadsheet of WriteCSV has, and the column mapping that
// imports it (see csvmap).
type CSVShape struct {
	Name        string
	Description string // what a row holds, for reports
	Mapping     string
	columns     []int // of wideHeader
}

// SixStatements is the spreadsheet the CSV target of issue 8 counts: a person, a case and a
// proceeding a row, six statements (the person's name, the case's number and defendant, the
// proceeding's case, date and outcome). Without a birth date two defendants of the same name
// are two persons.
var SixStatements = CSVShape{
	Name:        "six",
	Description: "a person, a case and a first-instance ruling a row, six statements",
	Mapping: `# a spreadsheet of defendants, one case and its first-instance ruling a row
Defendant   = Person.name
Case no.    = Case.number
Ruling date = Proceeding.date
Outcome     = Proceeding.outcome
`,
	columns: []int{0, 2, 4, 5},
}

// Wide adds a birth date (a defendant's second row is then the same person), the court (an
// organisation of each city), the stage and a note to one row in four: about nine statements
// a row.
var Wide = CSVShape{
	Name:        "wide",
	Description: "a person (one in twenty again, with another case), a case, a court and a first-instance ruling a row, with a birth date, the stage and a note to one row in four: about nine statements",
	Mapping: `# a spreadsheet of defendants, one case and its first-instance ruling a row
Defendant   = Person.name
Born        = Person.birthDate
Case no.    = Case.number
Court       = Organization.name
Ruling date = Proceeding.date
Outcome     = Proceeding.outcome
Notes       = Proceeding.description
const Organization.kind = court
const Proceeding.stage  = first instance
`,
	columns: []int{0, 1, 2, 3, 4, 5, 6},
}

// CSVShapes are the shapes by name.
var CSVShapes = map[string]CSVShape{SixStatements.Name: SixStatements, Wide.Name: Wide}

var wideHeader = []string{"Defendant", "Born", "Case no.", "Court", "Ruling date", "Outcome", "Notes"}

// WriteCSV writes a spreadsheet of rows defendants as an NGO keeps one, each with a case and a
// first-instance ruling, with the columns of shape: the names in the Latin or the Cyrillic of
// NameOf, one person in twenty on a second row with another case, and courts of the cities of
// the generator. Every shape draws the same values. It writes as it goes, so any number of
// rows takes constant memory.
func WriteCSV(w io.Writer, rows int, seed uint64, shape CSVShape) error {
	cw := csv.NewWriter(w)
	cols := func(row []string) []string {
		out := make([]string, len(shape.columns))
		for i, c := range shape.columns {
			out[i] = row[c]
		}
		return out
	}
	cw.Write(cols(wideHeader))
	r := rand.New(rand.NewPCG(seed, 0x637376))
	outcomes := []string{"convicted", "convicted", "convicted", "convicted", "acquitted", "returned", "dismissed"}
	day := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range rows {
		person := int64(i)
		if i%20 == 19 {
			person = int64(r.IntN(i)) // a second case of an earlier defendant
		}
		n := NameOf(seed, person)
		name := n.Latin
		if person%3 == 0 {
			name = n.Cyrillic
		}
		born := fmt.Sprintf("%d-%02d-%02d", 1950+person%50, 1+person%12, 1+person%28)
		c := cities[r.IntN(len(cities))]
		notes := ""
		if r.IntN(4) == 0 {
			notes = fmt.Sprintf("Posts on %s about %s.", pick(r, platforms), pick(r, topics))
		}
		if err := cw.Write(cols([]string{name, born, fmt.Sprintf("%d-%05d", 2015+i%10, i), c.name + " City Court",
			day.AddDate(0, 0, i%3650).Format("2006-01-02"), pick(r, outcomes), notes})); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
