package extract

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestZZ(t *testing.T) {
	kinds := os.Getenv("ZZ_KIND")
	for _, text := range strings.Split(os.Getenv("ZZ_TEXT"), "|") {
		r := Extract(text)
		fmt.Println("##", text)
		if strings.Contains(kinds, "p") {
			for _, p := range r.Persons {
				fmt.Println("  person", p.Name)
			}
		}
		if strings.Contains(kinds, "o") {
			for _, o := range r.Orgs {
				fmt.Println("  org", o.Name, o.Kind)
			}
		}
		if strings.Contains(kinds, "c") {
			for _, o := range r.Outcomes {
				fmt.Println("  outcome", o.Person, o.Outcome)
			}
			for _, x := range r.Demands {
				fmt.Printf("  demand %s %s %s\n", x.Person, x.Kind, x.Term)
			}
			for _, x := range r.Sentences {
				fmt.Printf("  sentence %s %s %s\n", x.Person, x.Kind, x.Term)
			}
		}
		if strings.Contains(kinds, "e") {
			for _, e := range r.Events {
				fmt.Println("  event", e.Type, e.Date, e.Person)
			}
		}
		if strings.Contains(kinds, "d") {
			for _, x := range r.Dates {
				fmt.Println("  date", x.Date)
			}
		}
	}
}
