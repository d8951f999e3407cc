package report_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/demo"
	"github.com/docketorg/docket/internal/needs"
	"github.com/docketorg/docket/report"
	"github.com/docketorg/docket/sqlite"
)

// seedURLs are the seed's footnote URLs in the order it cites them.
var seedURLs = []string{
	"https://tumba.kz/41092.html",
	"https://www.facebook.com/bota.jardemalie.1/videos/389094241876479/",
	"https://www.facebook.com/voloshinaluda/videos/2517564161607047/",
	"https://bureau.kz/novosti/sobstvennaya_informaciya/evropa_kz_na_razvitie/",
	"https://en.odfoundation.eu/a/8949,collective-complaint-be-quiet-or-be-charged-with-extremism",
}

// TestSeedURLs holds seedURLs to the press release itself, where it is at hand.
func TestSeedURLs(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "shared", "seed", "000_213e37dae10c8b14.txt"))
	if err != nil {
		needs.Missing(t, "the seed press release is not here (%v): it lives in the shared folder beside the checkout", err)
	}
	var got []string
	for _, m := range regexp.MustCompile(`(?m)^\s*\d\s+(https?://\S+)`).FindAllStringSubmatch(string(b), -1) {
		got = append(got, m[1])
	}
	if len(got) != len(seedURLs) {
		t.Fatalf("the seed's footnotes = %q, want %d", got, len(seedURLs))
	}
	for i, u := range got {
		if !strings.HasPrefix(u, seedURLs[i]) && !strings.HasPrefix(seedURLs[i], u) {
			t.Errorf("footnote %d of the seed = %s, want %s", i+1, u, seedURLs[i])
		}
	}
}

// indexes returns where each of subs first occurs in s, failing for a missing one.
func indexes(t *testing.T, what, s string, subs []string) []int {
	t.Helper()
	var out []int
	for _, sub := range subs {
		i := strings.Index(s, sub)
		if i < 0 {
			t.Errorf("%s lacks %s", what, sub)
		}
		out = append(out, i)
	}
	return out
}

func ascending(xs []int) bool {
	for i := 1; i < len(xs); i++ {
		if xs[i] <= xs[i-1] {
			return false
		}
	}
	return true
}

// render writes a report in every format.
func render(t *testing.T, d *report.Doc) (md, html string, pdf []byte) {
	t.Helper()
	var m, h, p bytes.Buffer
	if err := report.WriteMarkdown(&m, d); err != nil {
		t.Fatalf("WriteMarkdown: %v", err)
	}
	if err := report.WriteHTML(&h, d, report.HTMLOptions{}); err != nil {
		t.Fatalf("WriteHTML: %v", err)
	}
	if err := report.WritePDF(&p, d); err != nil {
		t.Fatalf("WritePDF: %v", err)
	}
	return m.String(), h.String(), p.Bytes()
}

// TestBrief_Seed: the brief of the seed case tells the seed's facts and footnotes them to its
// sources, numbered in the order the press release cites them.
func TestBrief_Seed(t *testing.T) {
	db := mustDemo(t)
	reg := mustLoad(t, db, docket.AnonymousViewer)
	d, err := report.Brief(reg, demo.AkberdiyevaCase, "en")
	if err != nil {
		t.Fatal(err)
	}
	text := d.PlainText()
	for _, fact := range []string{"Aigul Akberdiyeva", "politically motivated", "critical comments on social networks",
		"calling for the seizure of power", "6 February 2019", "Aktau City Court", "Gulnara Baiturova", "restriction of freedom",
		"acquitted", "7 February 2019", "Removal of Malik Kenzhaliyev", "judicial ethics", "Ten people came to him",
		"11 February 2019", "disrupted", "99.8%", "Ablovas Dzhumayev", "spouse", "September 2018", "imprisonment for 3 years",
		"verdict upheld", "Aralbay Nagashibayev", "Пропаганда"} {
		if !strings.Contains(text, fact) {
			t.Errorf("the brief lacks %q", fact)
		}
	}
	var urls []string
	for _, n := range d.Notes {
		urls = append(urls, n.Source.URL)
		if n.N != len(urls) {
			t.Errorf("note %d is numbered %d", len(urls), n.N)
		}
	}
	all := strings.Join(urls, "\n")
	if at := indexes(t, "the brief's footnotes", all, seedURLs); !ascending(at) {
		t.Errorf("the brief's footnotes are not in the seed's order:\n%s", all)
	}
	md, html, pdf := render(t, d)
	for name, out := range map[string]string{"Markdown": md, "HTML": html} {
		if at := indexes(t, name, out, seedURLs); !ascending(at) {
			t.Errorf("%s lists the sources out of the seed's order", name)
		}
		for _, fact := range []string{"Gulnara Baiturova", "99.8%", "Пропаганда"} {
			if !strings.Contains(out, fact) {
				t.Errorf("%s lacks %q", name, fact)
			}
		}
	}
	if !strings.Contains(md, `<sup>[5](#source-5)</sup>`) || !strings.Contains(html, `<sup><a href="#source-5">5</a></sup>`) {
		t.Errorf("the footnote marks are missing from Markdown or HTML")
	}
	checkPDF(t, pdf, "Akberdiyeva", "tumba.kz")

	// A brief is published: a registry read by anyone but the public is refused.
	if _, err := report.Brief(mustLoad(t, db, op), demo.AkberdiyevaCase, "en"); docket.ErrorCode(err) != docket.EINVALID {
		t.Errorf("Brief of the operator's registry: err = %v, want EINVALID", err)
	}
	if _, err := report.Brief(reg, "case-nosuch", "en"); docket.ErrorCode(err) != docket.ENOTFOUND {
		t.Errorf("Brief(case-nosuch): err = %v, want ENOTFOUND", err)
	}
}

// checkPDF checks a PDF's header and, with pdftotext, that it holds the words and Cyrillic
// text. pdftotext is required in CI.
func checkPDF(t *testing.T, pdf []byte, words ...string) {
	t.Helper()
	text := pdfText(t, pdf, words...)
	cyr := 0
	for _, r := range text {
		if unicode.Is(unicode.Cyrillic, r) {
			cyr++
		}
	}
	if text != "" && (cyr < 20 || !strings.Contains(text, "Пропаганда")) {
		t.Errorf("pdftotext finds %d Cyrillic letters and no “Пропаганда”: the font does not cover Cyrillic", cyr)
	}
}

// pdfText returns the text pdftotext reads in a PDF, and fails the test for each word it lacks;
// "" where pdftotext is missing (never in CI).
func pdfText(t *testing.T, pdf []byte, words ...string) string {
	t.Helper()
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("the PDF starts with %q, want %%PDF-", pdf[:min(len(pdf), 8)])
	}
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("pdftotext is required in CI (apt-get install poppler-utils): %v", err)
		}
		t.Logf("pdftotext is not installed (apt-get install poppler-utils); not reading the PDF's text")
		return ""
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := string(out)
	for _, w := range words {
		if !strings.Contains(text, w) {
			t.Errorf("pdftotext finds no %q in the PDF", w)
		}
	}
	return text
}

func TestPrisoners_Seed(t *testing.T) {
	reg := mustLoad(t, mustDemo(t), docket.AnonymousViewer)
	l := reg.Prisoners()
	if got := l.Categories[report.Imprisoned]; len(got) != 1 || got[0].Person != demo.Dzhumayev || got[0].Cases[0] != "case-dzhumayev" {
		t.Errorf("imprisoned = %+v, want Ablovas Dzhumayev", got)
	}
	other := map[string]bool{}
	for _, li := range l.Categories[report.Persecuted] {
		other[li.Person] = true
	}
	for _, p := range []string{demo.Akberdiyeva, demo.Kenzhaliyev, "person-yerimbetov"} {
		if !other[p] {
			t.Errorf("%s is not among the other persecuted persons: %+v", p, l.Categories[report.Persecuted])
		}
	}
	if l.Total != 6 || l.Counts[report.Imprisoned] != 1 || l.Counts[report.Persecuted] != 5 || l.Counts[report.Restraint] != 0 {
		t.Errorf("counts = %v, total %d; want 1 imprisoned, 5 other, 6 in all", l.Counts, l.Total)
	}
	d, err := report.PrisonersDoc(reg, "en")
	if err != nil {
		t.Fatal(err)
	}
	text := d.PlainText()
	for _, want := range []string{"Imprisoned (1)", "Ablovas Dzhumayev", "imprisonment for 3 years", "In psychiatric detention (0)",
		"Under restraint measures (0)", "Persecuted through extradition or INTERPOL (0)", "Other persecuted persons (5)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the list lacks %q:\n%s", want, text)
		}
	}
	_, _, pdf := render(t, d)
	checkPDFHeader(t, pdf)
}

func checkPDFHeader(t *testing.T, pdf []byte) {
	t.Helper()
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Errorf("the PDF starts with %q, want %%PDF-", pdf[:min(len(pdf), 8)])
	}
}

// TestPrisoners_Categories puts persons in each category from what is recorded of them.
func TestPrisoners_Categories(t *testing.T) {
	b := newBuilder(t, mustOpen(t))
	person := func(id string) string { return b.entity("Person", id, "name", strings.ToUpper(id[7:8])+id[8:]) }
	political := func(id, def string) string {
		return b.entity("Case", id, "name", "Case of "+def, "defendant", def, "politicallyMotivated", "yes")
	}
	person("person-anna")
	political("case-anna", "person-anna")
	b.entity("Proceeding", "proceeding-anna", "case", "case-anna", "stage", "first instance", "outcome", "convicted", "sentence", "compulsory treatment", "date", "2021-05-01")
	person("person-boris")
	political("case-boris", "person-boris")
	b.entity("Event", "event-boris", "type", "house arrest", "victim", "person-boris", "date", "2022-01-10")
	person("person-vera")
	b.entity("Event", "event-vera", "type", "interpol notice", "victim", "person-vera", "date", "2020")
	person("person-gleb")
	political("case-gleb", "person-gleb")
	b.entity("Proceeding", "proceeding-gleb", "case", "case-gleb", "stage", "first instance", "outcome", "convicted", "sentence", "imprisonment P5Y", "date", "2019-03-01")
	b.entity("Event", "event-gleb-release", "type", "release", "victim", "person-gleb", "date", "2021-03-01")
	person("person-dina")
	political("case-dina", "person-dina")
	b.entity("Proceeding", "proceeding-dina-1", "case", "case-dina", "stage", "first instance", "outcome", "convicted", "sentence", "imprisonment P4Y", "date", "2020-01-01")
	b.entity("Proceeding", "proceeding-dina-2", "case", "case-dina", "stage", "appeal", "outcome", "overturned", "date", "2020-06-01")
	person("person-egor")
	b.entity("Case", "case-egor", "name", "Case of Egor", "defendant", "person-egor", "politicallyMotivated", "no")
	b.entity("Proceeding", "proceeding-egor", "case", "case-egor", "stage", "first instance", "outcome", "convicted", "sentence", "imprisonment P2Y", "date", "2020-01-01")
	l := mustLoad(t, b.db, docket.AnonymousViewer).Prisoners()
	want := map[string]string{"person-anna": report.Psychiatric, "person-boris": report.Restraint, "person-vera": report.Extradition,
		"person-gleb": report.Persecuted, "person-dina": report.Persecuted}
	got := map[string]string{}
	for c, list := range l.Categories {
		for _, li := range list {
			got[li.Person] = c
		}
	}
	for p, c := range want {
		if got[p] != c {
			t.Errorf("%s is listed as %q, want %q", p, got[p], c)
		}
	}
	if _, ok := got["person-egor"]; ok {
		t.Errorf("the defendant of a case assessed as not politically motivated is listed")
	}
}

func TestAppeal_Seed(t *testing.T) {
	reg := mustLoad(t, mustDemo(t), docket.AnonymousViewer)
	d, err := report.Appeal(reg, demo.AkberdiyevaCase, 0, "en")
	if err != nil {
		t.Fatal(err)
	}
	text := d.PlainText()
	for _, want := range []string{"Malik Kenzhaliyev", "removed from office", "the day after the acquittal of Aigul Akberdiyeva",
		"Judge Gulnara Baiturova", "restriction of freedom", "99.8%", "to seek the release of Ablovas Dzhumayev", "[Organisation]"} {
		if !strings.Contains(text, want) {
			t.Errorf("the appeal lacks %q:\n%s", want, text)
		}
	}
	if !strings.Contains(d.Title, "Kenzhaliyev") {
		t.Errorf("the appeal's headline %q does not name the sanctioned chairman", d.Title)
	}
	var urls []string
	for _, n := range d.Notes {
		urls = append(urls, n.Source.URL)
	}
	indexes(t, "the appeal's footnotes", strings.Join(urls, "\n"), seedURLs)
}

func TestCSV(t *testing.T) {
	reg := mustLoad(t, mustDemo(t), docket.AnonymousViewer)
	for _, kind := range report.Kinds {
		tbl, _, err := reg.Stat(kind, report.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := report.WriteCSV(&buf, tbl); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatalf("%s CSV does not parse: %v", kind, err)
		}
		if len(recs) < 1 || recs[0][len(recs[0])-1] != "Case ids" {
			t.Fatalf("%s CSV header = %v", kind, recs)
		}
		if kind == "retaliation" && (len(recs) != 2 || !strings.Contains(strings.Join(recs[1], ","), "https://tumba.kz/41092.html")) {
			t.Errorf("retaliation CSV = %v, want the finding with its sources", recs)
		}
		if kind == "outcomes" && (len(recs) != 3 || recs[1][1] != "2" || recs[1][len(recs[1])-1] != "case-akberdiyeva case-dzhumayev") {
			t.Errorf("outcomes CSV = %v, want 2 rulings in the two cases, then the total", recs)
		}
	}
	// A name that a spreadsheet would take for a formula is written as text.
	var buf bytes.Buffer
	report.WriteCSV(&buf, &report.Table{Columns: []string{"n"}, Rows: []report.TableRow{{Label: "=HYPERLINK(\"x\")", Cells: []string{"-1"}}}})
	recs, _ := csv.NewReader(&buf).ReadAll()
	if recs[1][0] != `'=HYPERLINK("x")` || recs[1][1] != "-1" {
		t.Errorf("formula cell = %q, number = %q", recs[1][0], recs[1][1])
	}
}

// TestCharts: every chart of the statistics page is well-formed SVG without script, labels its
// rows and says its figures, in the language asked for.
func TestCharts(t *testing.T) {
	reg := mustLoad(t, mustDemo(t), docket.AnonymousViewer)
	byJudge, _ := reg.Outcomes(report.Options{By: report.ByJudge})
	byYear, _ := reg.Outcomes(report.Options{By: report.ByYear})
	byCourt, _ := reg.Outcomes(report.Options{By: report.ByCourt})
	demand, _ := reg.Demands(report.Options{By: report.ByYear})
	ret, _ := reg.Retaliation(report.Options{})
	for _, tc := range []struct {
		chart *report.Chart
		want  []string
	}{
		{report.OutcomesChart(byJudge, "en"), []string{"Gulnara Baiturova", "Aralbay Nagashibayev", "convicted", "acquitted", "Outcomes of rulings by judge"}},
		{report.OutcomesChart(byYear, "ru"), []string{"2019", "2018", "осуждён", "оправдан", "Исходы судебных решений по: год"}},
		{report.ConvictionChart(byCourt, "kk", 10), []string{"Aktau City Court", "сотталды", "50.0%"}},
		{report.DemandChart(demand, "en"), []string{"Sentences against the prosecutor&#39;s demand by year", "Not sentenced"}},
		{report.GapChart(ret, "en"), []string{"Malik Kenzhaliyev", "1 day", "Days from a ruling against the prosecution to the sanction"}},
	} {
		svg := string(tc.chart.SVG())
		if err := xml.Unmarshal([]byte(svg), new(struct{})); err != nil {
			t.Fatalf("%s is not well-formed XML: %v", tc.chart.ID, err)
		}
		for _, want := range append(tc.want, "<svg", "<title") {
			if !strings.Contains(svg, want) {
				t.Errorf("%s lacks %q:\n%s", tc.chart.ID, want, svg)
			}
		}
		if strings.Contains(svg, "<script") {
			t.Errorf("%s has a script", tc.chart.ID)
		}
	}
}

// atom is the part of a feed the tests read.
type atom struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string   `xml:"title"`
	Entries []struct {
		Title   string `xml:"title"`
		ID      string `xml:"id"`
		Summary string `xml:"summary"`
		Link    struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
	} `xml:"entry"`
}

func parseFeed(t *testing.T, f *report.AtomFeed) (atom, string) {
	t.Helper()
	var buf bytes.Buffer
	if err := report.WriteAtom(&buf, f); err != nil {
		t.Fatal(err)
	}
	var a atom
	if err := xml.Unmarshal(buf.Bytes(), &a); err != nil {
		t.Fatalf("the feed does not parse: %v\n%s", err, buf.String())
	}
	return a, buf.String()
}

// secrets adds to the seed case what the public must never see: an internal summary of the
// case, an internal proceeding that convicts, a public statement that is still a draft, and a
// confidential source. It returns the markers they carry.
func secrets(t *testing.T, db *sqlite.DB) []string {
	t.Helper()
	ctx := context.Background()
	if err := db.CreateSource(ctx, op, &docket.Source{ID: "src-secret", URL: "https://secret.example/informant", Sensitivity: docket.Confidential}); err != nil {
		t.Fatal(err)
	}
	if err := db.AddStatements(ctx, op, []*docket.Statement{
		{Entity: demo.AkberdiyevaCase, Property: "summary", Value: "INTERNAL-MARKER summary", Source: demo.PressRelease, Status: docket.Reported, Sensitivity: docket.Internal},
		{Entity: demo.AkberdiyevaCase, Property: "criteria", Value: "DRAFT-MARKER criteria", Source: demo.PressRelease, Status: docket.Draft, Sensitivity: docket.Public},
		{Entity: demo.Removal, Property: "description", Value: "SECRET-MARKER informant", Source: "src-secret", Status: docket.Reported, Sensitivity: docket.Confidential},
	}); err != nil {
		t.Fatal(err)
	}
	stmt := func(p, v string) *docket.Statement {
		return &docket.Statement{Property: p, Value: v, Source: demo.PressRelease, Status: docket.Reported, Sensitivity: docket.Internal}
	}
	if err := db.CreateEntity(ctx, op, &docket.Entity{ID: "proceeding-internal", Schema: "Proceeding", Sensitivity: docket.Internal},
		[]*docket.Statement{stmt("name", "INTERNAL-MARKER retrial"), stmt("case", demo.AkberdiyevaCase), stmt("stage", "first instance"),
			stmt("court", demo.AktauCityCourt), stmt("outcome", "convicted"), stmt("sentence", "imprisonment P7Y"), stmt("date", "2019-06-01")}); err != nil {
		t.Fatal(err)
	}
	return []string{"INTERNAL-MARKER", "DRAFT-MARKER", "SECRET-MARKER", "secret.example"}
}

// TestPublished_NoInternal: what the public is not to see appears in no report, feed or
// statistic read as the public, while the operator counts it.
func TestPublished_NoInternal(t *testing.T) {
	db := mustDemo(t)
	markers := secrets(t, db)
	anon := mustLoad(t, db, docket.AnonymousViewer)
	var outs []string
	for _, mk := range []func() (*report.Doc, error){
		func() (*report.Doc, error) { return report.Brief(anon, demo.AkberdiyevaCase, "en") },
		func() (*report.Doc, error) { return report.PrisonersDoc(anon, "en") },
		func() (*report.Doc, error) { return report.Appeal(anon, demo.AkberdiyevaCase, 0, "en") },
	} {
		d, err := mk()
		if err != nil {
			t.Fatal(err)
		}
		md, html, _ := render(t, d)
		outs = append(outs, d.PlainText(), md, html)
	}
	for _, kind := range report.Kinds {
		tbl, _, err := anon.Stat(kind, report.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		report.WriteCSV(&buf, tbl)
		outs = append(outs, buf.String())
	}
	for _, c := range []string{"", demo.AkberdiyevaCase} {
		f, err := report.Feed(context.Background(), db, report.FeedOptions{Base: "http://docket.test", Case: c})
		if err != nil {
			t.Fatal(err)
		}
		a, raw := parseFeed(t, f)
		if len(a.Entries) == 0 {
			t.Errorf("feed %q has no entries", c)
		}
		outs = append(outs, raw)
	}
	for _, out := range outs {
		for _, m := range append(markers, "proceeding-internal") {
			if strings.Contains(out, m) {
				t.Errorf("published output shows %q:\n%s", m, out)
			}
		}
	}
	st, _ := anon.Outcomes(report.Options{})
	if st.Total.Rulings != 2 {
		t.Errorf("the public counts %d rulings, want 2: the internal proceeding is not public", st.Total.Rulings)
	}
	st, _ = mustLoad(t, db, op).Outcomes(report.Options{})
	if st.Total.Rulings != 3 {
		t.Errorf("the operator counts %d rulings, want 3 with the internal proceeding", st.Total.Rulings)
	}
}

func TestFeed(t *testing.T) {
	db := mustDemo(t)
	ctx := context.Background()
	f, err := report.Feed(ctx, db, report.FeedOptions{Base: "http://docket.test", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := parseFeed(t, f)
	if len(a.Entries) != 10 {
		t.Fatalf("feed has %d entries, want 10", len(a.Entries))
	}
	if !strings.HasPrefix(a.Entries[0].ID, "http://docket.test/entity/") || !strings.HasPrefix(a.Entries[0].Link.Href, "http://docket.test/entity/") {
		t.Errorf("entry id %q, link %q", a.Entries[0].ID, a.Entries[0].Link.Href)
	}
	// The newest first: the statistic is the seed's last record, made with five facts: one
	// entry, its changes counted and each said.
	if !strings.Contains(a.Entries[0].Title, "Share of court sentences") || !strings.HasSuffix(a.Entries[0].Title, "— 5 changes") ||
		!strings.Contains(a.Entries[0].Summary, "5. ") || a.Entries[0].ID != "http://docket.test/entity/"+a.Entries[0].Link.Href[len("http://docket.test/entity/"):] {
		t.Errorf("newest entry = %q (%s): %q, want the statistic's five changes", a.Entries[0].Title, a.Entries[0].ID, a.Entries[0].Summary)
	}
	records := map[string]bool{}
	for _, e := range a.Entries {
		if records[e.Link.Href] {
			t.Errorf("two entries of %s: one per changed record", e.Link.Href)
		}
		records[e.Link.Href] = true
	}
	// With a checkpoint the feed reads from near the head and finds the same entries.
	if _, err := db.Checkpoint(ctx, testSigner{}); err != nil {
		t.Skipf("no checkpoint: %v", err)
	}
	f2, err := report.Feed(ctx, db, report.FeedOptions{Base: "http://docket.test", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := parseFeed(t, f2); len(b.Entries) != 10 || b.Entries[9].ID != a.Entries[9].ID {
		t.Errorf("feed after a checkpoint differs")
	}
	// The case feed has the case's changes and its proceedings' and events', not another case's.
	f, err = report.Feed(ctx, db, report.FeedOptions{Base: "http://docket.test", Case: demo.AkberdiyevaCase, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := parseFeed(t, f)
	var links []string
	for _, e := range c.Entries {
		links = append(links, e.Link.Href)
	}
	all := strings.Join(links, " ")
	if len(slices.Compact(slices.Sorted(slices.Values(links)))) != len(links) {
		t.Errorf("the case feed has two entries of one record: %q", links)
	}
	for _, want := range []string{"/entity/case-akberdiyeva", "/entity/proceeding-akberdiyeva-1", "/entity/event-removal", "/entity/charge-akberdiyeva-179"} {
		if !strings.Contains(all, want) {
			t.Errorf("the case feed has no entry for %s", want)
		}
	}
	if strings.Contains(all, "proceeding-dzhumayev") {
		t.Errorf("the case feed has another case's proceedings")
	}
	if _, err := report.Feed(ctx, db, report.FeedOptions{Case: demo.Akberdiyeva}); docket.ErrorCode(err) != docket.ENOTFOUND {
		t.Errorf("feed of a person: err = %v, want ENOTFOUND", err)
	}
}

// testSigner signs nothing real: the feed only reads the checkpoint's size.
type testSigner struct{}

func (testSigner) SignCheckpoint(size int64, root [32]byte) ([]byte, error) {
	return []byte("test checkpoint\n"), nil
}
