package synth

import (
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"time"
)

// CSVMapping is the column mapping of the spreadsheets WriteCSV writes (see csvmap).
const CSVMapping = `# a spreadsheet of defendants, one case and its first-instance ruling a row
Defendant   = Person.name
Born        = Person.birthDate
Case no.    = Case.number
Court       = Organization.name
Ruling date = Proceeding.date
Outcome     = Proceeding.outcome
Notes       = Proceeding.description
const Organization.kind = court
const Proceeding.stage  = first instance
`

// WriteCSV writes a spreadsheet of rows defendants as an NGO keeps one, each with a case and a
// first-instance ruling: the names in the Latin or the Cyrillic of NameOf, one person in
// twenty on a second row with another case, and courts of the cities of the generator. It
// writes as it goes, so any number of rows takes constant memory.
func WriteCSV(w io.Writer, rows int, seed uint64) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"Defendant", "Born", "Case no.", "Court", "Ruling date", "Outcome", "Notes"})
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
		if err := cw.Write([]string{name, born, fmt.Sprintf("%d-%05d", 2015+i%10, i), c.name + " City Court",
			day.AddDate(0, 0, i%3650).Format("2006-01-02"), pick(r, outcomes), notes}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
