package http_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/storetest"
)

// TestReferrers_Paged: an entity named by more records than its page shows (a court, a judge)
// says so and links to all of them, listed a page at a time by a cursor in the web and in the
// API (and by number, with a total, in the API); a record the viewer may not see is neither
// listed nor counted.
func TestReferrers_Paged(t *testing.T) {
	db, s := MustOpenServer(t)
	ctx, op := context.Background(), docket.Operator("test")
	src := storetest.MustSource(t, db, "https://example.org/court-news")
	court := storetest.MustEntity(t, db, "Organization", src, "name", "Hub District Court")
	for i := range 150 {
		storetest.MustEntity(t, db, "Proceeding", src, "name", fmt.Sprintf("Hearing %03d", i), "court", court.ID, "date", fmt.Sprintf("2020-%02d-%02d", 1+i%12, 1+i%28))
	}
	hidden := &docket.Entity{Schema: "Event", Sensitivity: docket.Confidential}
	if err := db.CreateEntity(ctx, op, hidden, []*docket.Statement{{Property: "name", Value: "Hidden visit", Source: src.ID, Sensitivity: docket.Confidential},
		{Property: "perpetrator", Value: court.ID, Source: src.ID, Sensitivity: docket.Confidential}}); err != nil {
		t.Fatal(err)
	}
	anon := Client{Base: s.URL()}
	page := string(anon.Get(t, "/entity/"+court.ID).Want(t, http.StatusOK).Body)
	if !strings.Contains(page, "the 50 records that referred to it most recently") || !strings.Contains(page, `href="/entity/`+court.ID+`/referrers"`) {
		t.Error("the court's page does not say it shows the 50 most recent and link to them all")
	}
	if !strings.Contains(page, "Hearing 149") || strings.Contains(page, "Hearing 099<") || strings.Contains(page, "Hidden visit") {
		t.Error("the court's page does not show the newest hearings only")
	}
	// The pages follow a cursor: each hearing once, the newest first, the confidential record
	// on none.
	var order []int
	next := "/entity/" + court.ID + "/referrers"
	for pages := 0; next != ""; pages++ {
		if pages == 3 {
			t.Fatalf("more than two pages of 100 for 150 hearings: %v", order)
		}
		body := string(anon.Get(t, next).Want(t, http.StatusOK).Body)
		if strings.Contains(body, "Hidden visit") {
			t.Errorf("%s lists the confidential record", next)
		}
		n := 0
		for i := 149; i >= 0; i-- {
			if strings.Contains(body, fmt.Sprintf(">Hearing %03d<", i)) {
				order = append(order, i)
				n++
			}
		}
		if want := []int{100, 50}[min(pages, 1)]; n != want {
			t.Errorf("%s lists %d hearings, want %d", next, n, want)
		}
		if pages > 0 && !strings.Contains(body, `href="/entity/`+court.ID+`/referrers" rel="first"`) {
			t.Errorf("%s does not link back to the newest", next)
		}
		next = ""
		if link, _, ok := strings.Cut(body, `" rel="next"`); ok {
			next = link[strings.LastIndex(link, `href="`)+len(`href="`):]
		}
	}
	if len(order) != 150 || order[0] != 149 || order[100] != 49 {
		t.Errorf("the pages list hearings %v, want each of 150 once, the newest first", order)
	}
	anon.Get(t, "/entity/"+court.ID+"/referrers?before=1").Want(t, http.StatusNotFound)
	anon.Get(t, "/entity/"+court.ID+"/referrers?before=none").Want(t, http.StatusBadRequest)
	anon.Get(t, "/entity/"+court.ID+"/referrers?before=-5").Want(t, http.StatusBadRequest)

	// The API: a page of whole entities and the total the viewer may see.
	total := func(c Client, q string) (int, int) {
		var out struct {
			Entities []*docket.Entity `json:"entities"`
			Total    int              `json:"total"`
		}
		if err := json.Unmarshal(c.Get(t, "/api/v1/entities/"+court.ID+"/referrers"+q).Want(t, http.StatusOK).Body, &out); err != nil {
			t.Fatal(err)
		}
		for _, e := range out.Entities {
			if len(e.Statements) == 0 {
				t.Errorf("API referrer %s comes without its statements", e.ID)
			}
		}
		return len(out.Entities), out.Total
	}
	if n, tot := total(anon, "?limit=40&offset=120"); n != 30 || tot != 150 {
		t.Errorf("the public's API page = %d of %d, want 30 of 150", n, tot)
	}
	cleared := Client{Base: s.URL(), Token: MustCreateToken(t, db, "cleared-reader", docket.Reader, true)}
	if _, tot := total(cleared, "?offset=0"); tot != 151 {
		t.Errorf("cleared staff's total = %d, want 151 with the confidential record", tot)
	}
	anon.Get(t, "/api/v1/entities/"+court.ID+"/referrers?limit=5000").Want(t, http.StatusBadRequest)

	// Without an offset, the API pages by cursor too, uncounted, following "next".
	seen := map[string]bool{}
	url := "/api/v1/entities/" + court.ID + "/referrers?limit=60"
	for pages := 0; url != ""; pages++ {
		var out struct {
			Entities []*docket.Entity `json:"entities"`
			Next     string           `json:"next"`
			Total    *int             `json:"total"`
		}
		if err := json.Unmarshal(cleared.Get(t, url).Want(t, http.StatusOK).Body, &out); err != nil {
			t.Fatal(err)
		}
		if pages == 3 || out.Total != nil {
			t.Fatalf("%s: page %d, total %v: want three pages of at most 60, uncounted", url, pages, out.Total)
		}
		for _, e := range out.Entities {
			if seen[e.ID] {
				t.Errorf("%s lists %s again", url, e.ID)
			}
			seen[e.ID] = true
		}
		url = out.Next
	}
	if len(seen) != 151 || !seen[hidden.ID] {
		t.Errorf("cleared staff's pages by cursor list %d records (the confidential one: %v), want 151 with it", len(seen), seen[hidden.ID])
	}
	anon.Get(t, "/api/v1/entities/"+court.ID+"/referrers?before=x").Want(t, http.StatusBadRequest)
	anon.Get(t, "/api/v1/entities/"+court.ID+"/referrers?before=5&offset=5").Want(t, http.StatusBadRequest)
}
