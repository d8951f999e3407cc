package http_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/demo"
	dockethttp "github.com/docketorg/docket/http"
	"github.com/docketorg/docket/report"
)

// mustAddSecrets adds to the seed case what the public must not see: an internal summary, an
// internal proceeding that convicts, and a public draft.
func mustAddSecrets(tb testing.TB, db interface {
	AddStatements(context.Context, docket.Viewer, []*docket.Statement) error
	CreateEntity(context.Context, docket.Viewer, *docket.Entity, []*docket.Statement) error
}) []string {
	tb.Helper()
	ctx, op := context.Background(), docket.Operator("test")
	if err := db.AddStatements(ctx, op, []*docket.Statement{
		{Entity: demo.AkberdiyevaCase, Property: "summary", Value: "INTERNAL-MARKER summary", Source: demo.PressRelease, Status: docket.Reported, Sensitivity: docket.Internal},
		{Entity: demo.AkberdiyevaCase, Property: "criteria", Value: "DRAFT-MARKER criteria", Source: demo.PressRelease, Status: docket.Draft, Sensitivity: docket.Public},
	}); err != nil {
		tb.Fatal(err)
	}
	st := func(p, v string) *docket.Statement {
		return &docket.Statement{Property: p, Value: v, Source: demo.PressRelease, Status: docket.Reported, Sensitivity: docket.Internal}
	}
	if err := db.CreateEntity(ctx, op, &docket.Entity{ID: "proceeding-internal", Schema: "Proceeding", Sensitivity: docket.Internal},
		[]*docket.Statement{st("name", "INTERNAL-MARKER retrial"), st("case", demo.AkberdiyevaCase), st("stage", "first instance"),
			st("court", demo.AktauCityCourt), st("judge", demo.Baiturova), st("outcome", "convicted"), st("date", "2019-06-01")}); err != nil {
		tb.Fatal(err)
	}
	return []string{"INTERNAL-MARKER", "DRAFT-MARKER", "proceeding-internal"}
}

func TestReportPages(t *testing.T) {
	db, s := MustOpenDemoServer(t)
	markers := mustAddSecrets(t, db)
	anon := Client{Base: s.URL()}
	staff := Client{Base: s.URL(), Token: MustCreateToken(t, db, "reader", docket.Reader, false)}

	type page struct {
		path, contentType string
		wants             []string
	}
	pages := []page{
		{"/stats", "text/html", []string{"<svg", "Outcomes of rulings", `href="/entity/case-akberdiyeva"`, "2 cases", `href="/stats/outcomes.csv"`, "/stats/retaliation"}},
		{"/stats?by=court", "text/html", []string{"Aktau City Court", `href="/entity/org-aktau-city-court"`}},
		{"/stats?by=judge&political=1", "text/html", []string{`href="/entity/person-baiturova"`, "Gulnara Baiturova", `href="/stats/outcomes.csv?by=judge&amp;political=1"`}},
		{"/stats/retaliation", "text/html", []string{`href="/entity/proceeding-akberdiyeva-1"`, `href="/entity/event-removal"`, "1 day", "https://tumba.kz/41092.html", "Malik Kenzhaliyev"}},
		{"/stats/outcomes.csv?by=court", "text/csv", []string{"Aktau City Court,2,1,1,0,0"}},
		{"/stats/retaliation.csv", "text/csv", []string{"event-removal", "https://tumba.kz/41092.html"}},
		{"/cases/case-akberdiyeva/brief", "text/html", []string{"Case of Aigul Akberdiyeva", "https://tumba.kz/41092.html", "https://bureau.kz/", `href="/entity/person-baiturova"`, "?format=pdf", "/cases/case-akberdiyeva/feed.atom"}},
		{"/cases/case-akberdiyeva/brief?format=md", "text/markdown", []string{"# Case of Aigul Akberdiyeva", "<https://tumba.kz/41092.html>"}},
		{"/cases/case-akberdiyeva/brief?format=pdf", "application/pdf", []string{"%PDF-"}},
		{"/reports/prisoners", "text/html", []string{"Imprisoned (1)", "Ablovas Dzhumayev", "Other persecuted persons (5)"}},
		{"/reports/prisoners?format=pdf", "application/pdf", []string{"%PDF-"}},
		{"/feed.atom", "application/atom+xml", []string{"<feed", "<entry>"}},
		{"/cases/case-akberdiyeva/feed.atom", "application/atom+xml", []string{"/entity/event-removal"}},
	}
	for _, p := range pages {
		r := anon.Get(t, p.path).Want(t, http.StatusOK)
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, p.contentType) {
			t.Errorf("GET %s Content-Type = %q, want %s", p.path, ct, p.contentType)
		}
		body := string(r.Body)
		for _, w := range p.wants {
			if !strings.Contains(body, w) {
				t.Errorf("GET %s lacks %q", p.path, w)
			}
		}
		// The anonymous visitor never sees what is not public and reviewed.
		for _, m := range markers {
			if strings.Contains(body, m) {
				t.Errorf("GET %s as anonymous shows %q", p.path, m)
			}
		}
		switch {
		case strings.Contains(p.path, ".csv"):
			if _, err := csv.NewReader(bytes.NewReader(r.Body)).ReadAll(); err != nil {
				t.Errorf("GET %s: CSV does not parse: %v", p.path, err)
			}
		case strings.HasSuffix(p.path, ".atom"):
			var f struct {
				XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
				Entries []struct {
					Title string `xml:"title"`
				} `xml:"entry"`
			}
			if err := xml.Unmarshal(r.Body, &f); err != nil || len(f.Entries) == 0 {
				t.Errorf("GET %s: Atom does not parse or is empty: %v", p.path, err)
			}
		}
	}
	// Statistics count what the viewer may see; reports are published, whoever asks.
	csvFor := func(c Client) string {
		return string(c.Get(t, "/stats/outcomes.csv").Want(t, http.StatusOK).Body)
	}
	if got := csvFor(anon); !strings.Contains(got, "\nAll,2,1,1,") {
		t.Errorf("the public's outcomes = %s, want 2 rulings", got)
	}
	if got := csvFor(staff); !strings.Contains(got, "\nAll,3,2,1,") {
		t.Errorf("staff's outcomes = %s, want 3 rulings with the internal one", got)
	}
	if body := string(staff.Get(t, "/cases/case-akberdiyeva/brief?format=md").Want(t, http.StatusOK).Body); strings.Contains(body, "INTERNAL-MARKER") {
		t.Errorf("a brief fetched with a staff token shows internal statements: reports are published")
	}
	if body := string(staff.Get(t, "/feed.atom").Want(t, http.StatusOK).Body); strings.Contains(body, "INTERNAL-MARKER") {
		t.Errorf("the feed fetched with a staff token shows internal statements")
	}

	// Errors.
	anon.Get(t, "/cases/case-nosuch/brief").WantError(t, http.StatusNotFound, docket.ENOTFOUND)
	anon.Get(t, "/cases/person-akberdiyeva/brief").WantError(t, http.StatusNotFound, docket.ENOTFOUND)
	anon.Get(t, "/cases/case-akberdiyeva/brief?format=docx").WantError(t, http.StatusBadRequest, docket.EINVALID)
	anon.Get(t, "/stats?by=colour").WantError(t, http.StatusBadRequest, docket.EINVALID)
	anon.Get(t, "/stats/retaliation?window=-3").WantError(t, http.StatusBadRequest, docket.EINVALID)
	anon.Get(t, "/stats/nothing.csv").WantError(t, http.StatusNotFound, docket.ENOTFOUND)
	anon.Get(t, "/stats/outcomes").WantError(t, http.StatusNotFound, docket.ENOTFOUND)
	anon.Get(t, "/cases/case-nosuch/feed.atom").WantError(t, http.StatusNotFound, docket.ENOTFOUND)
	// A window that leaves the removal out.
	if body := string(anon.Get(t, "/stats/retaliation?window=1").Want(t, http.StatusOK).Body); !strings.Contains(body, "event-removal") {
		t.Errorf("window 1 misses the removal one day after")
	}
}

// TestPrisoners_Pages: the prisoner list is served a page at a time; every person is on exactly
// one page, each page links to its neighbours, and a page beyond the last is not found.
func TestPrisoners_Pages(t *testing.T) {
	_, db, s := openLoadServer(t, func(s *dockethttp.Server) { s.PrisonersPerPage = 4 })
	list, err := report.ListPrisoners(context.Background(), db, docket.AnonymousViewer, 0)
	if err != nil {
		t.Fatal(err)
	}
	if list.Total <= 4 || list.Total > 8 {
		t.Fatalf("the demo lists %d persons; this test wants two pages of 4", list.Total)
	}
	c := Client{Base: s.URL()}
	var pages []string
	for _, p := range []string{"1", "2"} {
		pages = append(pages, string(c.Get(t, "/reports/prisoners?page="+p).Want(t, http.StatusOK).Body))
	}
	for _, cat := range list.Categories {
		for _, li := range cat {
			on := 0
			for _, body := range pages {
				if strings.Contains(body, `<strong><a href="/entity/`+li.Person+`">`) {
					on++
				}
			}
			if on != 1 {
				t.Errorf("%s (%s) is on %d pages, want 1", li.Name, li.Person, on)
			}
		}
	}
	for i, body := range pages {
		if !strings.Contains(body, "Total") || !strings.Contains(body, ">"+strconv.Itoa(list.Total)+"<") && !strings.Contains(body, " "+strconv.Itoa(list.Total)) {
			t.Errorf("page %d lacks the whole list's total", i+1)
		}
	}
	if !strings.Contains(pages[0], `href="/reports/prisoners?page=2" rel="next"`) || strings.Contains(pages[0], `rel="prev"`) {
		t.Error("page 1 does not link to page 2 only")
	}
	if !strings.Contains(pages[1], `href="/reports/prisoners?page=1" rel="prev"`) || strings.Contains(pages[1], `rel="next"`) {
		t.Error("page 2 does not link to page 1 only")
	}
	if !strings.Contains(pages[1], `?page=2&amp;format=pdf`) {
		t.Error("page 2's PDF link is not of page 2")
	}
	c.Get(t, "/reports/prisoners?page=2&format=md").Want(t, http.StatusOK)
	c.Get(t, "/reports/prisoners?page=3").Want(t, http.StatusNotFound)
	for _, bad := range []string{"0", "-1", "two"} {
		c.Get(t, "/reports/prisoners?page="+bad).Want(t, http.StatusBadRequest)
	}
}
