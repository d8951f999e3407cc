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
// says so and links to all of them, listed a page at a time in the web and in the API; a
// record the viewer may not see is neither listed nor counted.
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
	seen := map[string]int{}
	for p, want := range map[string]int{"1": 100, "2": 50} {
		body := string(anon.Get(t, "/entity/"+court.ID+"/referrers?page="+p).Want(t, http.StatusOK).Body)
		n := 0
		for i := range 150 {
			if strings.Contains(body, fmt.Sprintf(">Hearing %03d<", i)) {
				seen[fmt.Sprint(i)]++
				n++
			}
		}
		if n != want {
			t.Errorf("page %s lists %d hearings, want %d", p, n, want)
		}
		if strings.Contains(body, "Hidden visit") {
			t.Errorf("page %s lists the confidential record", p)
		}
	}
	if len(seen) != 150 {
		t.Errorf("the pages list %d hearings in all, want each of 150 once", len(seen))
	}
	anon.Get(t, "/entity/"+court.ID+"/referrers?page=3").Want(t, http.StatusNotFound)
	anon.Get(t, "/entity/"+court.ID+"/referrers?page=none").Want(t, http.StatusBadRequest)

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
	if _, tot := total(cleared, ""); tot != 151 {
		t.Errorf("cleared staff's total = %d, want 151 with the confidential record", tot)
	}
	anon.Get(t, "/api/v1/entities/"+court.ID+"/referrers?limit=5000").Want(t, http.StatusBadRequest)
}
