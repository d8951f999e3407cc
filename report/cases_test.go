package report_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/docketorg/docket/report"
)

// TestCases: the cases of a figure are its ids sorted, each once, the empty id left out; they
// read and write as a JSON list of ids, an empty list when there are none.
func TestCases(t *testing.T) {
	c := report.CasesOf("case-b", "case-a", "", "case-b", "case-c", "case-a")
	if got, want := c.Strings(), []string{"case-a", "case-b", "case-c"}; !slices.Equal(got, want) || c.Len() != 3 || c.At(1) != "case-b" {
		t.Errorf("cases = %v (%d, second %q), want %v", got, c.Len(), c.At(1), want)
	}
	if got := c.Head(2); !slices.Equal(got, []string{"case-a", "case-b"}) {
		t.Errorf("first two = %v", got)
	}
	if got := c.Head(10); len(got) != 3 {
		t.Errorf("first ten of three = %v", got)
	}
	b, err := json.Marshal(report.Basis{Cases: c, NumCases: c.Len()})
	if err != nil || string(b) != `{"cases":["case-a","case-b","case-c"],"num_cases":3}` {
		t.Errorf("JSON = %s, %v", b, err)
	}
	var back report.Basis
	if err := json.Unmarshal(b, &back); err != nil || !slices.Equal(back.Cases.Strings(), c.Strings()) {
		t.Errorf("read back %v, %v", back.Cases.Strings(), err)
	}
	if b, _ := json.Marshal(report.Basis{}); string(b) != `{"cases":[],"num_cases":0}` {
		t.Errorf("no cases: JSON = %s", b)
	}
}
