package http_test

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/demo"
)

// tableCells returns the text of every cell of the page's list, row by row, without the marks
// beside them (a draft's tag).
func tableCells(tb testing.TB, page string) [][]string {
	tb.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		tb.Fatal(err)
	}
	var rows [][]string
	var text func(n *html.Node) string
	text = func(n *html.Node) string {
		if n.Type == html.TextNode {
			return n.Data
		}
		var b strings.Builder
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.Data == "span" && (strings.Contains(attrOf(c, "class"), "tag") || attrOf(c, "aria-hidden") == "true") {
				continue
			}
			b.WriteString(text(c))
		}
		return b.String()
	}
	var walk func(n *html.Node, in bool)
	walk = func(n *html.Node, in bool) {
		if n.Type == html.ElementNode && n.Data == "table" && attrOf(n, "id") == "list" {
			in = true
		}
		if in && n.Type == html.ElementNode && n.Data == "tr" {
			var row []string
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") {
					row = append(row, strings.TrimSpace(text(c)))
				}
			}
			rows = append(rows, row)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, in)
		}
	}
	walk(doc, false)
	return rows
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func getAs(tb testing.TB, c *http.Client, url, lang string) (int, string) {
	tb.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Accept", "text/html")
	if lang != "" {
		req.Header.Set("Accept-Language", lang)
	}
	resp, err := c.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	return resp.StatusCode, readAll(resp)
}

// column returns the cells of one column, without the heading.
func column(rows [][]string, i int) []string {
	var out []string
	for _, r := range rows[1:] {
		out = append(out, r[i])
	}
	return out
}

// TestLists_Cases: the Cases table sorts by its columns, filters, pages, and its CSV is the
// table, cell for cell, in the page's language; each class sees its own rows.
func TestLists_Cases(t *testing.T) {
	db, s := MustOpenDemoServer(t)
	ctx, op := t.Context(), docket.Operator("t")
	// A third case, a researcher's draft: staff see it, marked; the public does not.
	rita := MustLogin(t, s.URL(), "rita", MustUser(t, db, "rita", docket.Researcher, false))
	status, _, _ := postAs(t, rita, s.URL(), "/new", url.Values{"schema": {"Case"}, "name": {"Case of Draftia Listova"}, "source": {demo.PressRelease}})
	if status != http.StatusOK {
		t.Fatalf("a new case: %d", status)
	}
	// A confidential one: the cleared only.
	secret := &docket.Entity{Schema: "Case", Sensitivity: docket.Confidential}
	if err := db.CreateEntity(ctx, op, secret, []*docket.Statement{{Property: "name", Value: "Case of Secreta Listova", Source: demo.PressRelease, Sensitivity: docket.Confidential}}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path string
		want []string // the Case column
	}{
		{"/cases?sort=date", []string{"Case of Ablovas Dzhumayev", "Case of Aigul Akberdiyeva"}},
		{"/cases?sort=date&dir=desc", []string{"Case of Aigul Akberdiyeva", "Case of Ablovas Dzhumayev"}},
		{"/cases?sort=amount&dir=desc", []string{"Case of Ablovas Dzhumayev", "Case of Aigul Akberdiyeva"}},
		{"/cases?sort=caption", []string{"Case of Ablovas Dzhumayev", "Case of Aigul Akberdiyeva"}},
		{"/cases?kind=acquitted", []string{"Case of Aigul Akberdiyeva"}},
		{"/cases?article=174", []string{"Case of Ablovas Dzhumayev"}},
		{"/cases?year=2019&country=kz&political=yes", []string{"Case of Aigul Akberdiyeva"}},
		{"/cases?year=2020", nil},
	} {
		_, page := getAs(t, http.DefaultClient, s.URL()+tc.path, "")
		rows := tableCells(t, page)
		got := column(rows, 0)
		if len(tc.want) == 0 && len(got) == 1 && got[0] == "Nothing recorded matches." {
			got = nil
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: cases %q, want %q", tc.path, got, tc.want)
		}
	}
	if status, _ := getAs(t, http.DefaultClient, s.URL()+"/cases?year=19", ""); status != http.StatusBadRequest {
		t.Errorf("a year of two digits: %d, want 400", status)
	}
	if status, _ := getAs(t, http.DefaultClient, s.URL()+"/cases?sort=secret", ""); status != http.StatusBadRequest {
		t.Errorf("an unknown sort: %d, want 400", status)
	}

	// The CSV is the table, cell for cell, in each language.
	for _, lang := range []string{"en", "ru", "kk"} {
		for _, path := range []string{"/cases?sort=date&dir=desc", "/events?sort=date", "/persons?sort=caption"} {
			_, page := getAs(t, http.DefaultClient, s.URL()+path, lang)
			table := tableCells(t, page)
			// The CSV the page links to, as a browser follows the link (in the page's language).
			m := regexp.MustCompile(`href="([^"]*)" download id="csv"`).FindStringSubmatch(page)
			if m == nil {
				t.Fatalf("%s in %s links to no CSV", path, lang)
			}
			csvPath := html.UnescapeString(m[1])
			_, body := getAs(t, http.DefaultClient, s.URL()+csvPath, lang)
			recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
			if err != nil {
				t.Fatalf("%s: %v", csvPath, err)
			}
			if !slices.EqualFunc(table, recs, slices.Equal) || len(recs) < 2 {
				t.Errorf("%s in %s: the CSV is not the table:\n%q\n%q", csvPath, lang, recs, table)
			}
		}
	}

	// Each class its own rows.
	cleared := MustLogin(t, s.URL(), "cl", MustUser(t, db, "cl", docket.Editor, true))
	for _, tc := range []struct {
		c     *http.Client
		who   string
		shows []string
		not   []string
	}{
		{http.DefaultClient, "the public", nil, []string{"Draftia", "Secreta"}},
		{rita, "a researcher", []string{"Draftia"}, []string{"Secreta"}},
		// Lists are kept in the clear and confidential data is sealed at rest: the cleared read
		// the staff's list, and find Secreta by search and her records' pages.
		{cleared, "the cleared", []string{"Draftia"}, []string{"Secreta"}},
	} {
		_, page := getAs(t, tc.c, s.URL()+"/cases", "")
		_, all := getAs(t, tc.c, s.URL()+"/cases.csv?all=1", "")
		for _, w := range tc.shows {
			if !strings.Contains(page, w) || !strings.Contains(all, w) {
				t.Errorf("the cases as %s lack %s", tc.who, w)
			}
		}
		for _, w := range tc.not {
			if strings.Contains(page, w) || strings.Contains(all, w) {
				t.Errorf("LEAK: the cases as %s hold %s", tc.who, w)
			}
		}
	}
	if _, page := getAs(t, rita, s.URL()+"/cases?sort=caption", ""); !strings.Contains(page, `Case of Draftia Listova</a> <span class="tag draft">`) {
		t.Error("staff do not see the draft case's caption marked as a draft")
	}
}

// TestLists_EventsPersons: the Events list filters by type and year and names the victims and
// perpetrators; the Persons list says each person's roles and where the records put them.
func TestLists_EventsPersons(t *testing.T) {
	_, s := MustOpenDemoServer(t)
	_, page := getAs(t, http.DefaultClient, s.URL()+"/events?kind=torture+allegation&sort=caption", "")
	rows := tableCells(t, page)
	if got := column(rows, 4); !slices.Equal(got, []string{"Ablovas Dzhumayev", "Almat Zhumagulov", "Iskander Yerimbetov", "Kenzhebek Abishev"}) {
		t.Errorf("the victims of the torture allegations: %q", got)
	}
	if got := column(rows, 5); len(got) != 4 || got[0] != "Kazakhstani security services" {
		t.Errorf("their perpetrators: %q", got)
	}
	_, page = getAs(t, http.DefaultClient, s.URL()+"/events?year=2019&sort=date", "ru")
	rows = tableCells(t, page)
	if got := column(rows, 0); len(got) != 5 || got[0] != "6 февраля 2019" || got[4] != "11 февраля 2019" {
		t.Errorf("the events of 2019 by date, in Russian: %q", got)
	}

	_, page = getAs(t, http.DefaultClient, s.URL()+"/persons?kind=imprisoned", "")
	rows = tableCells(t, page)
	if len(rows) != 2 || rows[1][0] != "Ablovas Dzhumayev" || rows[1][2] != "Defendant (5), Victim (1)" || rows[1][4] != "Imprisoned" {
		t.Errorf("the imprisoned: %q", rows)
	}
	_, page = getAs(t, http.DefaultClient, s.URL()+"/persons?sort=caption", "kk")
	rows = tableCells(t, page)
	if i := slices.IndexFunc(rows, func(r []string) bool { return r[0] == "Gulnara Baiturova" }); i < 0 || !strings.HasPrefix(rows[i][2], "Судья (1)") {
		t.Errorf("a judge's roles, in Kazakh: %q", rows)
	}
	if status, _ := getAs(t, http.DefaultClient, s.URL()+"/persons?page=0", ""); status != http.StatusBadRequest {
		t.Errorf("page 0: %d, want 400", status)
	}
}

// TestLists_Pages: a long list comes a page at a time, the pages joining into every row once,
// and the CSV of all of them is every row.
func TestLists_Pages(t *testing.T) {
	db, s := MustOpenDemoServer(t)
	ctx, op := t.Context(), docket.Operator("t")
	for i := range 60 {
		e := &docket.Entity{Schema: "Case", Sensitivity: docket.Public}
		name := fmt.Sprintf("Case of Pagina %02d", i)
		if err := db.CreateEntity(ctx, op, e, []*docket.Statement{{Property: "name", Value: name, Source: demo.PressRelease, Sensitivity: docket.Public, Status: docket.Verified}}); err != nil {
			t.Fatal(err)
		}
	}
	var seen []string
	next := "/cases?sort=caption"
	for next != "" {
		_, page := getAs(t, http.DefaultClient, s.URL()+next, "")
		seen = append(seen, column(tableCells(t, page), 0)...)
		next = ""
		if i := strings.Index(page, `rel="next"`); i >= 0 {
			j := strings.LastIndex(page[:i], `href="`)
			next = html.UnescapeString(page[j+6 : i-2])
		}
	}
	if len(seen) != 62 || !slices.IsSorted(seen) || len(slices.Compact(slices.Clone(seen))) != 62 {
		t.Errorf("the pages hold %d cases, want 62 once each, in order: %q", len(seen), seen)
	}
	_, body := getAs(t, http.DefaultClient, s.URL()+"/cases.csv?sort=caption&all=1", "")
	recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 63 || recs[1][0] != seen[0] || recs[62][0] != seen[61] {
		t.Errorf("the CSV of all: %d rows", len(recs))
	}
	_, body = getAs(t, http.DefaultClient, s.URL()+"/cases.csv?sort=caption&page=2", "")
	if recs, _ := csv.NewReader(strings.NewReader(body)).ReadAll(); len(recs) != 1+12 || recs[1][0] != seen[50] {
		t.Errorf("the CSV of page 2: %d rows", len(recs))
	}
}

// TestLists_Rebuild: rows never derived, of a log longer than a request derives itself, are
// derived by the server's background worker, and the list says meanwhile that it is behind (or
// being prepared, once the worker has begun).
func TestLists_Rebuild(t *testing.T) {
	db, s := MustOpenDemoServer(t)
	ctx, op := t.Context(), docket.Operator("t")
	n := 2
	for head, err := db.Head(ctx); head <= 600; head, err = db.Head(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		e := &docket.Entity{Schema: "Case", Sensitivity: docket.Public}
		if err := db.CreateEntity(ctx, op, e, []*docket.Statement{{Property: "name", Value: fmt.Sprintf("Case of Restruct %03d", n), Source: demo.PressRelease, Sensitivity: docket.Public, Status: docket.Verified}}); err != nil {
			t.Fatal(err)
		}
		n++
	}
	want := fmt.Sprintf(`data-total="%d"`, n)
	_, page := getAs(t, http.DefaultClient, s.URL()+"/cases", "")
	// Behind, or (once the background worker has begun) being prepared: either says so.
	if strings.Contains(page, want) || !strings.Contains(page, "recent changes are not in this list yet") && !strings.Contains(page, "being prepared for the first time") {
		t.Fatalf("a list of rows never derived does not say it is behind:\n%s", clip([]byte(page)))
	}
	deadline := time.Now().Add(time.Minute)
	for !strings.Contains(page, want) {
		if time.Now().After(deadline) {
			t.Fatalf("the background worker never derived the rows (want %s):\n%s", want, clip([]byte(page)))
		}
		time.Sleep(50 * time.Millisecond)
		_, page = getAs(t, http.DefaultClient, s.URL()+"/cases", "")
	}
}
