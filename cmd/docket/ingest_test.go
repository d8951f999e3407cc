package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/needs"
)

// seedPath returns the seed press release beside the checkout: a user's own clone may lack
// ../shared, and then the test skips; in CI it is always there.
func seedPath(tb testing.TB) string {
	tb.Helper()
	p := filepath.Join("..", "..", "..", "shared", "seed", "000_213e37dae10c8b14.txt")
	if _, err := os.Stat(p); err != nil {
		needs.Missing(tb, "the seed press release is not at %s (a checkout without ../shared)", p)
	}
	return p
}

// records reads docket export into records.
func records(tb testing.TB, data string) []docket.Record {
	tb.Helper()
	var out []docket.Record
	sc := bufio.NewScanner(strings.NewReader(mustRun(tb, "export", "--data", data)))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var r docket.Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			tb.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

// personIDs maps the persons docket ingest printed ("person  NAME (roles) also ALIAS → ID
// "quote" chars A-B") to the entities it wrote them to.
func personIDs(out string) map[string]string {
	ids := map[string]string{}
	for _, l := range strings.Split(out, "\n") {
		rest, ok := strings.CutPrefix(l, "person ")
		if !ok {
			continue
		}
		left, right, ok := strings.Cut(rest, " → ")
		if !ok {
			continue
		}
		name := strings.TrimSpace(left)
		for _, sep := range []string{" (", " also "} {
			name, _, _ = strings.Cut(name, sep)
		}
		ids[name] = strings.Fields(right)[0]
	}
	return ids
}

func TestIngest_Seed(t *testing.T) {
	seed := seedPath(t)
	d := filepath.Join(t.TempDir(), "data")
	out := mustRun(t, "ingest", seed, "--data", d)
	for _, w := range []string{"Baiturova", "Kenzhaliyev", "Akberdiyeva", "Nagashibayev", "Aktau City Court", "tumba.kz"} {
		if !strings.Contains(out, w) {
			t.Errorf("docket ingest of the seed does not propose %s:\n%s", w, out)
		}
	}
	// One line a proposal, with its quote and locator.
	if !regexp.MustCompile(`(?m)^sentence +Ablovas Dzhumayev: imprisonment P3Y +"three years’ imprisonment" chars \d+-\d+$`).MatchString(out) {
		t.Errorf("no sentence line with its quote:\n%s", out)
	}
	recs := records(t, d)
	var docSource, tumba string
	persons := map[string]int{}
	statements := map[string]*docket.Statement{}
	for _, r := range recs {
		switch {
		case r.Kind == docket.KindSource && r.Source.URL == "":
			docSource = r.Source.ID
		case r.Kind == docket.KindSource && strings.Contains(r.Source.URL, "tumba.kz"):
			tumba = r.Source.ID
			if r.Source.CitedIn == "" {
				t.Errorf("the footnote source %s is not cited in the document", r.Source.URL)
			}
		case r.Kind == docket.KindEntity && r.Entity.Schema == "Person":
			persons[r.Entity.ID] = 0
		case r.Kind == docket.KindStatement:
			statements[r.Statement.ID] = r.Statement
		}
	}
	if docSource == "" || tumba == "" {
		t.Fatalf("sources: document %q, tumba.kz %q", docSource, tumba)
	}
	footnoted := false
	for _, s := range statements {
		if s.Status != docket.Draft || s.Quote == "" || !strings.HasPrefix(s.Locator, "chars ") {
			t.Fatalf("statement %s=%s: status %s, quote %q, locator %q: want a draft with its words and offsets", s.Property, s.Value, s.Status, s.Quote, s.Locator)
		}
		if s.Source == tumba && strings.Contains(s.Locator, "footnote 1") {
			footnoted = true
		}
		if _, ok := persons[s.Entity]; ok && s.Property == "name" {
			persons[s.Entity]++
		}
	}
	if !footnoted {
		t.Error("no statement is sourced to footnote 1 (tumba.kz)")
	}
	// Both spellings of the judge are one person.
	n := 0
	for _, s := range statements {
		if _, ok := persons[s.Entity]; ok && s.Property == "name" && (strings.Contains(s.Value, "Baiturova") || strings.Contains(s.Value, "Bayturova")) {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d persons named Baiturova or Bayturova, want one", n)
	}
	var judge showJSON
	if err := json.Unmarshal([]byte(mustRun(t, "show", "Bayturova", "--data", d, "--json")), &judge); err != nil {
		t.Fatal(err)
	}
	if judge.Caption != "Gulnara Baiturova" {
		t.Errorf("show Bayturova = %q, want Gulnara Baiturova", judge.Caption)
	}

	// The same file again is not ingested again: it says so, names the document, and writes
	// nothing.
	first := personIDs(out)
	if len(first) < 9 {
		t.Fatalf("persons proposed: %v", first)
	}
	before := len(records(t, d))
	if same := mustRun(t, "ingest", seed, "--data", d); !strings.Contains(same, "already ingested") || !strings.Contains(same, "nothing was proposed") {
		t.Fatalf("the same file ingested again says:\n%s", same)
	} else if after := len(records(t, d)); after != before {
		t.Fatalf("the same file ingested again wrote %d records", after-before)
	}
	// Another version of it links the persons to the records made the first time.
	b, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "release-v2.txt")
	os.WriteFile(other, append(b, "\nUpdated on 12 February 2019.\n"...), 0o644)
	again := mustRun(t, "ingest", other, "--data", d)
	second := personIDs(again)
	for name, id := range first {
		if second[name] != id {
			t.Errorf("re-ingest: %s is %s, was %s", name, second[name], id)
		}
	}
	var people int
	for _, r := range records(t, d) {
		if r.Kind == docket.KindEntity && r.Entity.Schema == "Person" {
			people++
		}
	}
	if people != len(persons) {
		t.Errorf("re-ingest made persons: %d, was %d", people, len(persons))
	}
}

// A document in another script links to the record of the person made from the first one.
func TestIngest_ResolvesAcrossScripts(t *testing.T) {
	dir := t.TempDir()
	d := filepath.Join(dir, "data")
	en := filepath.Join(dir, "en.txt")
	ru := filepath.Join(dir, "ru.txt")
	os.WriteFile(en, []byte("Uralsk, 14 March 2022\n\nJudge Aliya Saparova of the Uralsk City Court sentenced the activist Yerlan Zhumabayev to two years of restricted freedom.\n"), 0o644)
	os.WriteFile(ru, []byte("Уральск, 15 марта 2022 года\n\nСудья Алия Сапарова приговорила активиста Ерлана Жумабаева к ограничению свободы.\n"), 0o644)
	a := personIDs(mustRun(t, "ingest", en, "--data", d))
	b := personIDs(mustRun(t, "ingest", ru, "--data", d))
	if a["Yerlan Zhumabayev"] == "" || a["Yerlan Zhumabayev"] != b["Ерлан Жумабаев"] || a["Aliya Saparova"] != b["Алия Сапарова"] {
		t.Fatalf("English %v, Russian %v: want the same records", a, b)
	}
}

func TestIngest_Refused(t *testing.T) {
	dir := t.TempDir()
	d := filepath.Join(dir, "data")
	junk := make([]byte, 200000)
	rand.New(rand.NewSource(7)).Read(junk)
	for name, data := range map[string][]byte{
		"junk.bin":   junk,
		"empty.txt":  nil,
		"broken.pdf": []byte("%PDF-1.4 not really"),
	} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, data, 0o644)
		code, _, errs := run(t, "", "ingest", p, "--data", d)
		if code != 1 || errs == "" || strings.Contains(errs, "panic") {
			t.Errorf("ingest %s: exit %d, %q: want a clear error", name, code, errs)
		}
	}
	if _, err := os.Stat(d); !os.IsNotExist(err) {
		t.Errorf("refused input left a store behind: %v", err)
	}
	// In an existing store nothing is written either.
	ok := filepath.Join(dir, "ok.txt")
	os.WriteFile(ok, []byte("Judge Aliya Saparova acquitted the activist Yerlan Zhumabayev.\n"), 0o644)
	mustRun(t, "ingest", ok, "--data", d)
	before := mustRun(t, "export", "--data", d)
	code, _, _ := run(t, "", "ingest", filepath.Join(dir, "junk.bin"), "--data", d)
	if after := mustRun(t, "export", "--data", d); code != 1 || after != before {
		t.Errorf("junk changed the store (exit %d)", code)
	}
}

func TestIngest_URL(t *testing.T) {
	page := `<html><head><title>Blogger jailed</title><script>var x = "Judge Nobody";</script></head><body>
<p>Astana, 9 December 2021</p>
<p>The Esil District Court sentenced the blogger Aidos Serikbayev to two years in prison.<sup>1</sup></p>
<ol><li><a href="https://example.org/verdict">The verdict</a></li></ol></body></html>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	}))
	defer srv.Close()
	d := filepath.Join(t.TempDir(), "data")
	if code, _, errs := run(t, "", "ingest", srv.URL+"/news", "--data", d); code != 1 || !strings.Contains(errs, "refused") {
		t.Fatalf("ingest of a loopback URL: exit %d, %q: want it refused", code, errs)
	}
	out := mustRun(t, "ingest", srv.URL+"/news", "--data", d, "--allow-private", "--sensitivity", "public")
	if !strings.Contains(out, "Aidos Serikbayev") || !strings.Contains(out, "https://example.org/verdict") || strings.Contains(out, "Nobody") {
		t.Fatalf("ingest of a URL:\n%s", out)
	}
	var snap *docket.Snapshot
	var src *docket.Source
	for _, r := range records(t, d) {
		if r.Kind == docket.KindSnapshot {
			snap = r.Snapshot
		}
		if r.Kind == docket.KindSource && r.Source.URL == srv.URL+"/news" {
			src = r.Source
		}
	}
	if src == nil || snap == nil || snap.Source != src.ID || snap.TextSHA256 == "" || src.Sensitivity != docket.Public || src.Title != "Blogger jailed" || src.Published != "2021-12-09" {
		t.Fatalf("source %+v, snapshot %+v", src, snap)
	}
}

func TestReview_Proposals(t *testing.T) {
	dir := t.TempDir()
	d := filepath.Join(dir, "data")
	doc := filepath.Join(dir, "doc.txt")
	os.WriteFile(doc, []byte("Uralsk, 14 March 2022\n\nOn 11 March 2022 Judge Aliya Saparova of the Uralsk City Court sentenced the activist Yerlan Zhumabayev to two years of restricted freedom.\n"), 0o644)
	mustRun(t, "ingest", doc, "--data", d)
	list := mustRun(t, "review", "--data", d)
	if !strings.Contains(list, "open proposals") || !strings.Contains(list, "name=Aliya Saparova") {
		t.Fatalf("docket review:\n%s", list)
	}
	ids := map[string]string{} // value → statement
	for _, r := range records(t, d) {
		if r.Kind == docket.KindStatement {
			ids[r.Statement.Property+"="+r.Statement.Value] = r.Statement.ID
		}
	}
	accept, reject, edit := ids["name=Aliya Saparova"], ids["name=Yerlan Zhumabayev"], ids["date=2022-03-11"]
	if accept == "" || reject == "" || edit == "" {
		t.Fatalf("statements: %v", ids)
	}
	mustRun(t, "review", accept, "accept", "--data", d)
	if code, _, errs := run(t, "", "review", reject, "reject", "--data", d); code != 1 || !strings.Contains(errs, "--reason") {
		t.Fatalf("reject without a reason: exit %d %q", code, errs)
	}
	mustRun(t, "review", reject, "reject", "--reason", "a test", "--data", d)
	out := mustRun(t, "review", edit, "edit", "2022-03-10", "--reason", "the verdict was the day before", "--data", d)
	if !strings.Contains(out, "date=2022-03-10") {
		t.Fatalf("edit: %s", out)
	}
	var st = map[string]*docket.Statement{}
	retracted := map[string]string{}
	for _, r := range records(t, d) {
		switch r.Kind {
		case docket.KindStatement:
			st[r.Statement.ID] = r.Statement
		case docket.KindStatus:
			st[r.Status.Statement].Status = r.Status.Status
		case docket.KindRetraction:
			retracted[r.Retraction.Statement] = r.Retraction.Reason
		}
	}
	if st[accept].Status != docket.Reported {
		t.Errorf("accepted: %s", st[accept].Status)
	}
	if retracted[reject] != "a test" || retracted[edit] == "" {
		t.Errorf("retractions: %v", retracted)
	}
	corrected := false
	for _, s := range st {
		if s.Supersedes == edit && s.Value == "2022-03-10" && s.Status == docket.Reported && s.Source == st[edit].Source {
			corrected = true
		}
	}
	if !corrected {
		t.Error("no reported correction supersedes the edited proposal")
	}
	if list := mustRun(t, "review", "--data", d); strings.Contains(list, accept) || strings.Contains(list, reject) {
		t.Errorf("settled proposals are still listed:\n%s", list)
	}
	// The statuses docket review always took still work.
	mustRun(t, "review", accept, "verified", "--note", "checked", "--data", d)
}

// A source URL recorded already is that source, and a person whose name a record has is asked
// about: docket add refuses with the candidates unless --new.
func TestAdd_NoSilentDuplicates(t *testing.T) {
	d := MustDemo(t)
	count := func(kind, what string) int {
		n := 0
		for _, r := range records(t, d) {
			if r.Kind == kind && strings.Contains(mustJSON(t, r), what) {
				n++
			}
		}
		return n
	}
	out := mustRun(t, "add", "source", "https://tumba.kz/41092.html/", "--type", "news", "--data", d)
	if !strings.Contains(out, "reused source") || count(docket.KindSource, "tumba.kz/41092") != 1 {
		t.Fatalf("add source of a recorded URL: %q, %d sources of it", out, count(docket.KindSource, "tumba.kz/41092"))
	}
	code, _, stderr := run(t, "", "add", "Person", "name=Гульнара Байтурова", "--data", d)
	if code == 0 || !strings.Contains(stderr, "person-baiturova") || !strings.Contains(stderr, "--new") {
		t.Fatalf("add Person of a recorded name (in Cyrillic): exit %d, %s", code, stderr)
	}
	mustRun(t, "add", "Person", "name=Гульнара Байтурова", "--new", "--data", d)
	if n := count(docket.KindStatement, "Гульнара Байтурова"); n != 1 {
		t.Fatalf("--new made %d records", n)
	}
}

func mustJSON(tb testing.TB, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}
