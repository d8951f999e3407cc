package http_test

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/demo"
)

// selected returns the value of the option a form's select of that name has selected.
func selected(page, name string) string {
	sel := regexp.MustCompile(`(?s)<select[^>]*name="` + regexp.QuoteMeta(name) + `"[^>]*>(.*?)</select>`).FindStringSubmatch(page)
	if sel == nil {
		return ""
	}
	if m := regexp.MustCompile(`<option value="([^"]*)" selected>`).FindStringSubmatch(sel[1]); m != nil {
		return m[1]
	}
	return ""
}

// TestForms_SafeDefaults: New record, Add a fact and Correct offer internal, even on a public
// record and for the correction of a public fact; publishing is a choice. A form sent without
// a sensitivity records an internal fact.
func TestForms_SafeDefaults(t *testing.T) {
	db, s := MustOpenDemoServer(t)
	editor := MustLogin(t, s.URL(), "ed", MustUser(t, db, "ed", docket.Editor, true))
	researcher := MustLogin(t, s.URL(), "rita", MustUser(t, db, "rita", docket.Researcher, false))

	_, page := getPage(t, editor, s.URL()+"/new?schema=Person")
	if got, got2 := selected(page, "entity_sensitivity"), selected(page, "sensitivity"); got != "internal" || got2 != "internal" {
		t.Errorf("new record: the record %q and its fact %q, want internal", got, got2)
	}
	// person-baiturova is a public record.
	for _, c := range []*http.Client{editor, researcher} {
		_, page = getPage(t, c, s.URL()+"/entity/person-baiturova/facts/new")
		if got := selected(page, "sensitivity"); got != "internal" {
			t.Errorf("add a fact to a public record offers %q, want internal", got)
		}
	}
	// The demo's name of the judge is public: its correction is internal unless chosen.
	ss, _, err := db.FindStatements(t.Context(), docket.Operator("t"), docket.StatementFilter{Entity: new("person-baiturova"), Property: new("name")})
	if err != nil || len(ss) == 0 || ss[0].Sensitivity != docket.Public {
		t.Fatalf("the judge's name: %v, %v", ss, err)
	}
	_, page = getPage(t, editor, s.URL()+"/statement/"+ss[0].ID+"/correct")
	if got := selected(page, "sensitivity"); got != "internal" || !strings.Contains(page, `id="was-public"`) {
		t.Errorf("correcting a public fact offers %q (want internal) and says it was public: %v", got, strings.Contains(page, `id="was-public"`))
	}

	// Sent without a sensitivity, as by a script: internal.
	resp, _ := postForm(t, editor, s.URL()+"/entity/person-baiturova/facts", url.Values{"csrf": {csrfOf(t, page)},
		"property": {"occupation"}, "value": {"judge of the regional court"}, "source": {demo.PressRelease}})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("adding a fact without a sensitivity: %d", resp.StatusCode)
	}
	ss, _, err = db.FindStatements(t.Context(), docket.Operator("t"), docket.StatementFilter{Entity: new("person-baiturova"), Property: new("occupation")})
	if err != nil || len(ss) == 0 || ss[len(ss)-1].Value != "judge of the regional court" || ss[len(ss)-1].Sensitivity != docket.Internal {
		t.Fatalf("the fact sent without a sensitivity: %+v, %v; want internal", ss[len(ss)-1], err)
	}
	if _, p := getPage(t, http.DefaultClient, s.URL()+"/entity/person-baiturova"); strings.Contains(p, "judge of the regional court") {
		t.Error("LEAK: an internal fact is on the public page")
	}
	// And the record made without one.
	resp, _ = postForm(t, editor, s.URL()+"/new", url.Values{"csrf": {csrfOf(t, page)}, "schema": {"Person"}, "name": {"Defaulta Internalova"},
		"source": {demo.PressRelease}})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("a new record without sensitivities: %d", resp.StatusCode)
	}
	id := strings.TrimPrefix(resp.Request.URL.Path, "/entity/")
	e, err := db.FindEntityByID(t.Context(), docket.Operator("t"), id)
	if err != nil || e.Sensitivity != docket.Internal || len(e.Statements) != 1 || e.Statements[0].Sensitivity != docket.Internal {
		t.Fatalf("the new record: %+v, %v; want it and its name internal", e, err)
	}
}

// TestForms_DayFirstDates: a form takes a date as people write it, stores it canonically, and
// says which part of a wrong one is wrong, in the page's language.
func TestForms_DayFirstDates(t *testing.T) {
	db, s := MustOpenDemoServer(t)
	editor := MustLogin(t, s.URL(), "ed", MustUser(t, db, "ed", docket.Editor, false))
	_, page := getPage(t, editor, s.URL()+"/entity/person-baiturova/facts/new")
	resp, _ := postForm(t, editor, s.URL()+"/entity/person-baiturova/facts", url.Values{"csrf": {csrfOf(t, page)},
		"property": {"birthDate"}, "value": {"30.03.1975"}, "source": {demo.PressRelease}})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("30.03.1975: %d", resp.StatusCode)
	}
	ss, _, _ := db.FindStatements(t.Context(), docket.Operator("t"), docket.StatementFilter{Entity: new("person-baiturova"), Property: new("birthDate")})
	if len(ss) != 1 || ss[0].Value != "1975-03-30" {
		t.Fatalf("birth dates: %v; want 1975-03-30", ss)
	}
	for lang, want := range map[string]string{"en": "month 2 has no day 31", "ru": "в 2-м месяце нет 31-го числа", "kk": "2-айда 31-күн жоқ"} {
		req, _ := http.NewRequest("POST", s.URL()+"/entity/person-baiturova/facts", strings.NewReader(url.Values{"csrf": {csrfOf(t, page)},
			"property": {"birthDate"}, "value": {"31.02.1975"}, "source": {demo.PressRelease}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Accept", "text/html")
		req.Header.Set("Accept-Language", lang)
		resp, err := editor.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b := readAll(resp)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(b, want) {
			t.Errorf("31.02.1975 in %s: %d, want a message saying %q:\n%s", lang, resp.StatusCode, want, clip([]byte(b)))
		}
	}
}

func readAll(resp *http.Response) string {
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// h1 returns the text of a page's heading, without its footnote mark.
func h1(page string) string {
	m := regexp.MustCompile(`(?s)<h1>(.*?)(<sup|</h1>)`).FindStringSubmatch(page)
	if m == nil {
		return ""
	}
	return strings.TrimSpace(m[1])
}

// TestCaptions_MadeOfFacts: a case recorded without a name is captioned from its defendants
// and number, in the page's language; the public's caption holds no draft, staff see the
// draft marked; captions follow corrections.
func TestCaptions_MadeOfFacts(t *testing.T) {
	db, s := MustOpenDemoServer(t)
	op := docket.Operator("t")
	ctx := t.Context()
	editor := MustLogin(t, s.URL(), "ed", MustUser(t, db, "ed", docket.Editor, false))
	person := &docket.Entity{Schema: "Person"}
	name := &docket.Statement{Property: "name", Value: "Erlan Testov", Source: demo.PressRelease, Sensitivity: docket.Public}
	if err := db.CreateEntity(ctx, op, person, []*docket.Statement{name}); err != nil {
		t.Fatal(err)
	}
	c := &docket.Entity{Schema: "Case"}
	def := &docket.Statement{Property: "defendant", Value: person.ID, Source: demo.PressRelease, Sensitivity: docket.Public, Status: docket.Draft}
	if err := db.CreateEntity(ctx, op, c, []*docket.Statement{
		{Property: "number", Value: "2-77/2021", Source: demo.PressRelease, Sensitivity: docket.Public}, def}); err != nil {
		t.Fatal(err)
	}
	_, pub := getPage(t, http.DefaultClient, s.URL()+"/entity/"+c.ID)
	if got := h1(pub); got != "Case No. 2-77/2021" || strings.Contains(pub, "Erlan Testov") || strings.Contains(pub, "caption-draft") {
		t.Errorf("the public's caption is %q (a draft defendant must not show)", got)
	}
	_, staff := getPage(t, editor, s.URL()+"/entity/"+c.ID)
	if got := h1(staff); got != "Case of Erlan Testov, No. 2-77/2021" || !strings.Contains(staff, `id="caption-draft"`) {
		t.Errorf("staff's caption is %q, draft badge %v; want the defendant's name, marked as a draft", got, strings.Contains(staff, `id="caption-draft"`))
	}
	if err := db.SetStatus(ctx, op, def.ID, docket.Reported, ""); err != nil {
		t.Fatal(err)
	}
	_, pub = getPage(t, http.DefaultClient, s.URL()+"/entity/"+c.ID)
	if got := h1(pub); got != "Case of Erlan Testov, No. 2-77/2021" {
		t.Errorf("after review the public's caption is %q", got)
	}
	if _, staff = getPage(t, editor, s.URL()+"/entity/"+c.ID); strings.Contains(staff, `id="caption-draft"`) {
		t.Error("a reviewed caption is marked as a draft")
	}
	// In Russian, and after the defendant's name is corrected.
	if _, err := db.CorrectStatement(ctx, op, name.ID, &docket.Statement{Value: "Erlan Testuly"}, "spelling"); err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("GET", s.URL()+"/entity/"+c.ID, nil)
	req.Header.Set("Accept-Language", "ru")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if got := h1(readAll(resp)); got != "Дело № 2-77/2021: Erlan Testuly" {
		t.Errorf("the Russian caption after the correction is %q", got)
	}
}

// postAs sends a form as a signed-in browser, with a CSRF token of its session, and returns the
// status, the page and where it ended.
func postAs(tb testing.TB, c *http.Client, base, path string, v url.Values) (int, string, string) {
	tb.Helper()
	_, page := getPage(tb, c, base+"/account")
	v.Set("csrf", csrfOf(tb, page))
	resp, body := postForm(tb, c, base+path, v)
	return resp.StatusCode, body, resp.Request.URL.String()
}

// TestPicker_NoScript: without JavaScript a reference is chosen by a name in any script: the
// form comes back with the records it matches, and writes nothing until one is picked; a
// record the viewer may not see is never offered, and a name that matches only it answers as
// a name that matches nothing.
func TestPicker_NoScript(t *testing.T) {
	db, s := MustOpenDemoServer(t)
	ctx, op := t.Context(), docket.Operator("t")
	rita := MustLogin(t, s.URL(), "rita", MustUser(t, db, "rita", docket.Researcher, false))
	// A confidential witness named like no one else.
	w := &docket.Entity{Schema: "Person", Sensitivity: docket.Confidential}
	if err := db.CreateEntity(ctx, op, w, []*docket.Statement{{Property: "name", Value: "Zhanar Pickerova", Source: demo.PressRelease, Sensitivity: docket.Confidential}}); err != nil {
		t.Fatal(err)
	}
	before := MustCountChanges(t, db)
	status, page, _ := postAs(t, rita, s.URL(), "/entity/proceeding-akberdiyeva-1/facts", url.Values{"property": {"judge"}, "value": {"Байтурова"}, "source": {demo.PressRelease}})
	if status != http.StatusOK || !strings.Contains(page, `name="pick" value="person-baiturova"`) || !strings.Contains(page, "Gulnara Baiturova") {
		t.Fatalf("judge Байтурова: %d, want the choice of Gulnara Baiturova:\n%s", status, clip([]byte(page)))
	}
	if strings.Contains(page, `name="pick" value="person-akberdiyeva"`) {
		t.Error("the search step offers a record that the name does not match")
	}
	if MustCountChanges(t, db) != before {
		t.Fatal("a search step wrote to the store")
	}
	// Organisations are not judges: the court is not offered for the judge.
	_, page, _ = postAs(t, rita, s.URL(), "/entity/proceeding-akberdiyeva-1/facts", url.Values{"property": {"judge"}, "value": {"Aktau"}, "source": {demo.PressRelease}})
	if strings.Contains(page, `value="`+demo.AktauCityCourt+`"`) {
		t.Error("the judge's picker offers a court")
	}
	status, _, at := postAs(t, rita, s.URL(), "/entity/proceeding-akberdiyeva-1/facts", url.Values{"property": {"judge"}, "value": {"Байтурова"}, "pick": {"person-baiturova"}, "source": {demo.PressRelease}})
	if status != http.StatusOK || !strings.Contains(at, "flash=added") {
		t.Fatalf("picking the judge: %d at %s", status, at)
	}
	ss, _, _ := db.FindStatements(ctx, op, docket.StatementFilter{Entity: new("proceeding-akberdiyeva-1"), Property: new("judge")})
	if got := ss[len(ss)-1]; got.Value != "person-baiturova" || got.Status != docket.Draft {
		t.Fatalf("the judge recorded: %+v", got)
	}

	// The hidden witness, by name and by id, answers as nothing.
	hidden := func(field, val string) string {
		status, page, _ := postAs(t, rita, s.URL(), "/entity/event-detention/facts", url.Values{"property": {"witness"}, field: {val}, "value": {val}, "source": {demo.PressRelease}})
		if status != http.StatusBadRequest {
			t.Errorf("witness %s=%s: %d, want 400", field, val, status)
		}
		return strings.ReplaceAll(page, val, "X")
	}
	if a, b := hidden("value", "Pickerova"), hidden("value", "Nobodyova"); a != b || strings.Contains(a, w.ID) {
		t.Error("LEAK: a hidden record's name answers otherwise than a name of no one")
	}
	if a, b := hidden("pick", w.ID), hidden("pick", strings.Repeat("z", len(w.ID))); a != b {
		t.Error("LEAK: a hidden record's id answers otherwise than an id of nothing")
	}
	if MustCountChanges(t, db) != before+1 {
		t.Fatal("a refused reference wrote to the store")
	}

	// The source field lists the newest sources first.
	src := &docket.Source{URL: "https://example.org/newest", Title: "The newest source", Sensitivity: docket.Public}
	if err := db.CreateSource(ctx, op, src); err != nil {
		t.Fatal(err)
	}
	_, form := getPage(t, rita, s.URL()+"/entity/person-baiturova/facts/new")
	if m := regexp.MustCompile(`<select id="source"[^>]*>\s*<option value="">[^<]*</option>\s*<option value="([^"]+)"`).FindStringSubmatch(form); m == nil || m[1] != src.ID {
		t.Errorf("the first source offered is %v, want the newest, %s", m, src.ID)
	}

	// The source field: found by a word of its publisher, in another case, then chosen.
	status, page, _ = postAs(t, rita, s.URL(), "/entity/person-baiturova/facts", url.Values{"property": {"occupation"}, "value": {"judge"},
		"find_source": {"Find"}, "source_q": {"open dialogue"}})
	if status != http.StatusOK || !strings.Contains(page, `name="source_pick" value="`+demo.PressRelease+`"`) {
		t.Fatalf("finding the source: %d\n%s", status, clip([]byte(page)))
	}
	status, _, at = postAs(t, rita, s.URL(), "/entity/person-baiturova/facts", url.Values{"property": {"occupation"}, "value": {"judge of the city court"},
		"source_pick": {demo.PressRelease}, "source_q": {"open dialogue"}})
	if status != http.StatusOK || !strings.Contains(at, "flash=added") {
		t.Fatalf("citing the source found: %d at %s", status, at)
	}
}

// TestPicker_JSON: the pickers' suggestions, for the forms' script, read as the viewer.
func TestPicker_JSON(t *testing.T) {
	db, s := MustOpenDemoServer(t)
	w := &docket.Entity{Schema: "Person", Sensitivity: docket.Confidential}
	if err := db.CreateEntity(t.Context(), docket.Operator("t"), w, []*docket.Statement{{Property: "name", Value: "Baiturova Hiddenova", Source: demo.PressRelease, Sensitivity: docket.Confidential}}); err != nil {
		t.Fatal(err)
	}
	cleared := MustLogin(t, s.URL(), "cl", MustUser(t, db, "cl", docket.Editor, true))
	get := func(c *http.Client, path string) string {
		req, _ := http.NewRequest("GET", s.URL()+path, nil)
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return readAll(resp)
	}
	if got := get(http.DefaultClient, "/pick?schema=Person&q=Байтур"); !strings.Contains(got, `"id": "person-baiturova"`) || strings.Contains(got, "Hiddenova") {
		t.Errorf("the public's picker for Байтур: %s", got)
	}
	if got := get(cleared, "/pick?schema=Person&q=Baiturova"); !strings.Contains(got, "Hiddenova") {
		t.Errorf("the cleared editor's picker lacks the record she may see: %s", got)
	}
	if got := get(http.DefaultClient, "/pick?schema=Organization&q=Baiturova"); strings.Contains(got, "person-baiturova") {
		t.Errorf("a picker of organisations offers a person: %s", got)
	}
	if got := get(http.DefaultClient, "/pick?schema=Nonsense&q=x"); !strings.Contains(got, `"invalid"`) {
		t.Errorf("a picker of an unknown schema: %s", got)
	}
	if got := get(http.DefaultClient, "/pick/source?q=11.02.2019"); !strings.Contains(got, demo.PressRelease) {
		t.Errorf("the source picker by date: %s", got)
	}
}
