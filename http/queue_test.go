package http_test

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/docketorg/docket"
)

// The review queue counts what each filter asks for, as each reader may see it, and counts
// again when proposals come in.
func TestReviewQueue_Filters(t *testing.T) {
	f := newDocFixture(t)
	ctx := context.Background()
	totalRe := regexp.MustCompile(`data-total="(\d+)"`)
	total := func(c, path string) int {
		t.Helper()
		client := f.ed
		if c == "ada" {
			client = f.ada
		}
		_, page := getPage(t, client, f.s.URL()+path)
		m := totalRe.FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("%s shows no total", path)
		}
		n, _ := strconv.Atoi(m[1])
		return n
	}
	paths := []string{"/review", "/review?schema=Organization", "/review?property=occupation"}
	before := map[string]int{}
	for _, p := range paths {
		before[p] = total("ed", p)
	}
	adaBefore := total("ada", "/review")

	// Alpha proposes three facts of a person and one of an organisation, and a confidential
	// fact; beta one more of the person, all from one release.
	write := func(author string, recs ...*docket.Record) {
		t.Helper()
		if err := f.st.Write(ctx, docket.Operator(author), recs); err != nil {
			t.Fatal(err)
		}
	}
	source := &docket.Source{ID: "queue-release", Title: "A release of the queue", Sensitivity: docket.Internal}
	person := &docket.Entity{ID: "queue-person", Schema: "Person", Sensitivity: docket.Internal}
	draft := func(entity, prop, value string, s docket.Sensitivity) *docket.Record {
		return &docket.Record{Kind: docket.KindStatement, Statement: &docket.Statement{Entity: entity, Property: prop, Value: value,
			Source: source.ID, Status: docket.Draft, Sensitivity: s}}
	}
	write("alpha",
		&docket.Record{Kind: docket.KindSource, Source: source},
		&docket.Record{Kind: docket.KindEntity, Entity: person},
		&docket.Record{Kind: docket.KindEntity, Entity: &docket.Entity{ID: "queue-org", Schema: "Organization", Sensitivity: docket.Internal}},
		draft("queue-person", "name", "Aigerim Queue", docket.Internal),
		draft("queue-person", "occupation", "journalist", docket.Internal),
		draft("queue-person", "birthDate", "1990", docket.Internal),
		draft("queue-org", "name", "Queue Watch", docket.Internal),
		draft("queue-person", "description", "a witness of the search", docket.Confidential),
		// An internal fact whose reference is a confidential record: hidden with it.
		&docket.Record{Kind: docket.KindEntity, Entity: &docket.Entity{ID: "queue-secret", Schema: "Person", Sensitivity: docket.Confidential}},
		draft("queue-person", "spouse", "queue-secret", docket.Internal),
	)
	write("beta", draft(person.ID, "nationality", "kz", docket.Internal))
	ss, _, err := f.st.FindStatements(ctx, f.op, docket.StatementFilter{Entity: &person.ID, Property: ptrTo("nationality")})
	if err != nil || len(ss) != 1 {
		t.Fatalf("beta's draft: %v, %v", ss, err)
	}
	beta := ss[0].Author

	for p, want := range map[string]int{"/review": 5, "/review?schema=Organization": 1, "/review?property=occupation": 1} {
		if got := total("ed", p) - before[p]; got != want {
			t.Errorf("%s counts %d more open proposals, want %d", p, got, want)
		}
	}
	if got := total("ed", "/review?source="+source.ID); got != 5 {
		t.Errorf("the release's open proposals for an editor: %d, want 5 (not the confidential fact, nor the one that names a confidential record)", got)
	}
	if got := total("ada", "/review?source="+source.ID); got != 7 {
		t.Errorf("the release's open proposals for a cleared admin: %d, want 7", got)
	}
	if got := total("ada", "/review") - adaBefore; got != 7 {
		t.Errorf("the cleared admin's queue counts %d more, want 7", got)
	}
	if got := total("ed", "/review?author="+url.QueryEscape(beta)); got != 1 {
		t.Errorf("beta's open proposals: %d, want 1", got)
	}

	// Twenty-five more releases of one proposal each: the queue pages through them, oldest
	// first, each group once.
	for i := range 25 {
		src := &docket.Source{ID: "s", Title: fmt.Sprintf("Paged release %02d", i), Sensitivity: docket.Internal}
		write("alpha", &docket.Record{Kind: docket.KindSource, Source: src},
			&docket.Record{Kind: docket.KindStatement, Statement: &docket.Statement{Entity: person.ID, Property: "alias", Value: fmt.Sprintf("Q%d", i),
				Source: "s", Status: docket.Draft, Sensitivity: docket.Internal}})
	}
	titles := regexp.MustCompile(`Paged release (\d\d)`)
	seen := map[string]int{}
	for off := 0; ; off += 20 {
		_, page := getPage(t, f.ed, f.s.URL()+"/review?offset="+strconv.Itoa(off))
		for _, m := range titles.FindAllStringSubmatch(page, -1) {
			seen[m[1]]++
		}
		if !strings.Contains(page, `rel="next"`) {
			break
		}
	}
	for i := range 25 {
		if n := seen[fmt.Sprintf("%02d", i)]; n != 1 {
			t.Errorf("paging through the queue shows release %02d %d times, want once", i, n)
		}
	}
}
