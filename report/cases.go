package report

import (
	"encoding/json"
	"slices"
	"strings"
)

// Cases are the ids of the cases a figure rests on, sorted. A count of a large registry holds
// millions of them (each case is in a row of every grouping of every statistic): they are kept
// as positions in a table of the count's case ids, four bytes each rather than a string's
// sixteen (53 MB of a server's live heap at 10M statements, now a quarter of it).
type Cases struct {
	t  *caseTable
	at []int32 // positions in t, in the order of the ids
}

// CasesOf returns the cases of these ids, sorted, each once.
func CasesOf(ids ...string) Cases {
	t := newCaseTable()
	cs := newCaseSet(t)
	for _, id := range ids {
		cs.add(id)
	}
	t.done()
	return cs.cases()
}

// Len returns the number of cases.
func (c Cases) Len() int { return len(c.at) }

// At returns the id of the i-th case.
func (c Cases) At(i int) string { return c.t.ids[c.at[i]] }

// Head returns the ids of the first n cases (all of them when there are fewer).
func (c Cases) Head(n int) []string { return Cases{t: c.t, at: c.at[:min(n, len(c.at))]}.Strings() }

// Strings returns the ids, sorted; an empty list (not nil) when there are none.
func (c Cases) Strings() []string {
	out := make([]string, len(c.at))
	for i, p := range c.at {
		out[i] = c.t.ids[p]
	}
	return out
}

// MarshalJSON writes the ids as a list of strings.
func (c Cases) MarshalJSON() ([]byte, error) { return json.Marshal(c.Strings()) }

// UnmarshalJSON reads a list of ids.
func (c *Cases) UnmarshalJSON(b []byte) error {
	var ids []string
	if err := json.Unmarshal(b, &ids); err != nil {
		return err
	}
	*c = CasesOf(ids...)
	return nil
}

// caseTable holds each case id a count met once: one table for all the figures of a count.
type caseTable struct {
	ids   []string
	index map[string]int32
}

func newCaseTable() *caseTable { return &caseTable{index: map[string]int32{}} }

// done drops the index of a table no case will be added to: the positions are all that is
// read from then on.
func (t *caseTable) done() { t.index = nil }

func (t *caseTable) intern(id string) int32 {
	if p, ok := t.index[id]; ok {
		return p
	}
	p := int32(len(t.ids))
	t.ids = append(t.ids, id)
	t.index[id] = p
	return p
}

// caseSet gathers the cases of a figure: a list of positions, sorted and made unique once, not
// a map of ids (80 MB of a server counting 10M statements).
type caseSet struct {
	t  *caseTable
	at []int32
}

func newCaseSet(t *caseTable) *caseSet { return &caseSet{t: t} }

func (cs *caseSet) add(id string) {
	if id == "" {
		return
	}
	if p := cs.t.intern(id); len(cs.at) == 0 || cs.at[len(cs.at)-1] != p {
		cs.at = append(cs.at, p)
	}
}

// cases sorts the set by id, once, and returns it.
func (cs *caseSet) cases() Cases {
	ids := cs.t.ids
	slices.SortFunc(cs.at, func(a, b int32) int { return strings.Compare(ids[a], ids[b]) })
	cs.at = slices.Clip(slices.Compact(cs.at))
	return Cases{t: cs.t, at: cs.at}
}

func (cs *caseSet) basis() Basis {
	c := cs.cases()
	return Basis{Cases: c, NumCases: c.Len()}
}
