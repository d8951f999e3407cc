package extract

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
)

func mustGold(tb testing.TB, s string) *Gold {
	tb.Helper()
	g, err := ParseGold([]byte(s))
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

func counts(d *DocScore, kind string) Counts {
	if c, ok := d.Counts[kind]; ok {
		return *c
	}
	return Counts{-1, -1, -1}
}

func TestScore_MatchingRules(t *testing.T) {
	g := mustGold(t, `{
	 "persons": [{"name": "Gulnara Baiturova", "script": "Гульнара Байтурова"}, {"name": "Aigul Akberdiyeva"}, {"name": "Malik Kenzhaliyev"}],
	 "organizations": ["Aktau City Court", {"name": "Prosecutor's Office of Mangystau Region", "script": "прокуратура Мангистауской области"}],
	 "dates": [{"date": "2019-02-06"}, "2018-09", {"date": "--05-17"}],
	 "charges": [{"article": "179"}, {"article": 174}, {"article": "361-1"}],
	 "outcomes": [{"person": "Aigul Akberdiyeva", "outcome": "acquitted"}],
	 "demands": [{"person": "Aigul Akberdiyeva", "kind": "restriction of freedom"}],
	 "sentences": [{"person": "Malik Kenzhaliyev", "kind": "imprisonment", "term": "P1Y6M"}, {"person": "Malik Kenzhaliyev", "kind": "fine"}],
	 "events": [{"type": "dismissal", "person": "Malik Kenzhaliyev", "date": "2019-02-07"}, {"type": "detention", "date": "2019-02-11"}],
	 "sources": ["https://example.org/a?b=1"]
	}`)
	r := &Result{
		Persons: []*Person{
			{Name: "Gulnara Bayturova"},  // another romanisation
			{Name: "Айгуль Акбердиевой"}, // Cyrillic, inflected
			{Name: "Малику Кенжалиеву"},  // Cyrillic, dative
			{Name: "Kenzhaliyev"},        // a surname alone is not the full name
		},
		Orgs:  []*Org{{Name: "the Aktau City Court"}, {Name: "Aktau city court"}, {Name: "Прокуратура мангистауской области"}},
		Dates: []*Date{{Date: "2019-02-06"}, {Date: "2018"}, {Date: "--05-17"}},
		Charges: []*Charge{
			{Article: "179", Part: "2"}, {Article: "174"}, {Article: "361.1"}, {Wording: "no article"},
		},
		Outcomes: []*Outcome{{Person: "Акбердиева", Outcome: "acquitted"}, {Person: "Aigul Akberdieva", Outcome: "acquitted"}},
		Demands:  []*Penalty{{Person: "Aigul Akberdieva", Kind: "restriction of freedom", Term: "P2Y"}},
		Sentences: []*Penalty{
			{Person: "Malik Kenzhaliev", Kind: "imprisonment", Term: "P18M"},
			{Person: "Malik Kenzhaliev", Kind: "fine", Amount: "1000", Currency: "KZT"},
		},
		Events: []*Event{
			{Type: "dismissal", Date: "2019-02-07"},                              // the gold names a person: no match
			{Type: "detention", Date: "2019-02-11", Person: "Malik Kenzhaliyev"}, // the gold names none: any person
			{Type: "threat", Date: "2019-02-11"},                                 // not a scored type
		},
		Footnotes: []*Footnote{{Number: 1, URLs: []string{"https://example.org/a?b=1"}}},
	}
	d := ScoreDocument("doc", g, r)
	for kind, want := range map[string]Counts{
		"persons":       {Gold: 3, Proposed: 4, Matched: 3},
		"organizations": {Gold: 2, Proposed: 3, Matched: 2}, // "the" is a word, not punctuation: that one is false
		"dates":         {Gold: 3, Proposed: 3, Matched: 2},
		"charges":       {Gold: 3, Proposed: 3, Matched: 3},
		"outcomes":      {Gold: 1, Proposed: 2, Matched: 1},
		"demands":       {Gold: 1, Proposed: 1, Matched: 1},
		"sentences":     {Gold: 2, Proposed: 2, Matched: 2},
		"events":        {Gold: 2, Proposed: 2, Matched: 1},
		"sources":       {Gold: 1, Proposed: 1, Matched: 1},
	} {
		if got := counts(d, kind); got != want {
			t.Errorf("%s: %+v, want %+v (misses %v, false %v)", kind, got, want, d.Misses[kind], d.False[kind])
		}
	}
}

func TestScore_OrganizationFolding(t *testing.T) {
	g := mustGold(t, `{"organizations": ["Prosecutor's Office of Zhambyl Region", {"name": "Human Rights Centre Viasna", "script": "Правозащитный центр «Весна»"}]}`)
	r := &Result{Orgs: []*Org{{Name: "prosecutor’s office of Zhambyl  region"}, {Name: "Правозащитный центр \"Весна\""}}}
	if got := counts(ScoreDocument("d", g, r), "organizations"); got != (Counts{2, 2, 2}) {
		t.Fatalf("organizations = %+v", got)
	}
}

func TestScore_KindsLeftOutAndEmpty(t *testing.T) {
	g := mustGold(t, `{"persons": [{"name": "Dana Omarbekova"}], "sources": []}`)
	r := &Result{Persons: []*Person{{Name: "Dana Omarbekova"}}, Dates: []*Date{{Date: "2021"}},
		Footnotes: []*Footnote{{Number: 1, URLs: []string{"https://example.org"}}}}
	d := ScoreDocument("d", g, r)
	if _, ok := d.Counts["dates"]; ok {
		t.Error("dates are scored though the gold file leaves them out")
	}
	if got := counts(d, "sources"); got != (Counts{0, 1, 0}) {
		t.Errorf("sources = %+v: an empty list is scored, every proposal false", got)
	}
}

// Each gold item takes at most one proposal, in gold order.
func TestScore_OneToOne(t *testing.T) {
	g := mustGold(t, `{"dates": ["2019", "2019"], "persons": [{"name": "Ivan Petrov"}]}`)
	r := &Result{Dates: []*Date{{Date: "2019"}}, Persons: []*Person{{Name: "Ivan Petrov"}, {Name: "Иван Петров"}}}
	d := ScoreDocument("d", g, r)
	if got := counts(d, "dates"); got != (Counts{2, 1, 1}) {
		t.Errorf("dates = %+v", got)
	}
	if got := counts(d, "persons"); got != (Counts{1, 2, 1}) {
		t.Errorf("persons = %+v", got)
	}
}

func TestScore_Report(t *testing.T) {
	s := NewScore()
	s.Add(&DocScore{Name: "a", Counts: map[string]*Counts{
		"persons": {Gold: 25, Proposed: 23, Matched: 22},
		"dates":   {Gold: 0, Proposed: 0, Matched: 0},
		"charges": {Gold: 0, Proposed: 2, Matched: 0},
	}, Misses: map[string][]string{"persons": {"Dana Omarbekova"}}, False: map[string][]string{"charges": {"146"}}})
	var b bytes.Buffer
	s.Write(&b, true)
	out := b.String()
	for _, want := range []string{
		"persons        P=0.957 R=0.880 F1=0.917 (gold 25, proposed 23, matched 22)\n",
		"charges        P=0.000 R=0.000 F1=0.000 (gold 0, proposed 2, matched 0)\n",
		"overall        P=0.880 R=0.880 F1=0.880 (gold 25, proposed 25, matched 22)\n",
		"miss  Dana Omarbekova", "false 146",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "dates ") {
		t.Errorf("a kind with no gold and no proposals has a line:\n%s", out)
	}
	line := regexp.MustCompile(`^[a-z]+ +P=\d\.\d{3} R=\d\.\d{3} F1=\d\.\d{3} \(gold \d+, proposed \d+, matched \d+\)$`)
	for _, l := range strings.Split(strings.TrimSpace(strings.SplitN(out, "\n\n", 2)[0]), "\n") {
		if !line.MatchString(l) || len(l) < 15 || l[14] != ' ' || l[15] != 'P' {
			t.Errorf("line %q is not in the form of EVAL.md", l)
		}
	}
}

func TestSameTermAndArticles(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{{"P18M", "P1Y6M", true}, {"P3Y", "P36M", true}, {"P3Y", "P3Y6M", false}, {"P30D", "P1M", false}} {
		if got := SameTerm(tc.a, tc.b); got != tc.same {
			t.Errorf("SameTerm(%s, %s) = %v", tc.a, tc.b, got)
		}
	}
	for in, want := range map[string]string{"ч. 2 ст. 179": "179", "179": "179", "207.3": "207.3", "361-1": "361.1", "193-1.3.1": "193.1.3.1", "Art. 174(1)": "174", "статьи 174": "174"} {
		if got := ArticleDigits(in); got != want {
			t.Errorf("ArticleDigits(%q) = %q, want %q", in, got, want)
		}
	}
	if got := NormalizeURL(" https://example.org/a?b=\n xy_z "); got != "https://example.org/a?b=xy_z" {
		t.Errorf("NormalizeURL = %q", got)
	}
}

// The word sets that gate the phrase readers hold every word the readers start with.
func TestWordSetsInStep(t *testing.T) {
	for _, tc := range []struct {
		file, fn string
		set      map[string]bool
		pattern  string
	}{
		{"event.go", "eventAt", eventWords, `w\(0,((?:\s*"[^"]*",?)+)\)`},
		{"claims.go", "kindAt", kindWords, `w\(0,((?:\s*"[^"]*",?)+)\)`},
		{"claims.go", "outcomeAt", outcomeWords, `w\(0,((?:\s*"[^"]*",?)+)\)`},
		{"date.go", "relative", relWords, `(?:w\(0,|d\.word\(i,)((?:\s*"[^"]*",?)+)\)`},
	} {
		src, err := os.ReadFile(tc.file)
		if err != nil {
			t.Fatal(err)
		}
		s := string(src)
		a := strings.Index(s, "func (d *doc) "+tc.fn+"(")
		b := a + strings.Index(s[a:], "\n}\n")
		for _, m := range regexp.MustCompile(tc.pattern).FindAllStringSubmatch(s[a:b], -1) {
			for _, w := range regexp.MustCompile(`"([^"]*)"`).FindAllStringSubmatch(m[1], -1) {
				if !tc.set[w[1]] {
					t.Errorf("%s reads %q, which its word set lacks", tc.fn, w[1])
				}
			}
		}
	}
}
