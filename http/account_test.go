package http_test

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/demo"
	"github.com/docketorg/docket/internal/locale"
)

func postForm(tb testing.TB, c *http.Client, u string, v url.Values) (*http.Response, string) {
	tb.Helper()
	req, _ := http.NewRequest("POST", u, strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "text/html")
	resp, err := c.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(b)
}

func getPage(tb testing.TB, c *http.Client, u string) (*http.Response, string) {
	tb.Helper()
	req, _ := http.NewRequest("GET", u, nil)
	req.Header.Set("Accept", "text/html")
	resp, err := c.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(b)
}

func csrfOf(tb testing.TB, page string) string {
	tb.Helper()
	m := csrfRE.FindStringSubmatch(page)
	if m == nil {
		tb.Fatalf("no CSRF token in the page:\n%s", clip([]byte(page)))
	}
	return m[1]
}

func TestLogin(t *testing.T) {
	db, s := MustOpenDemoServer(t)
	pw := MustUser(t, db, "alice", docket.Editor, false)

	t.Run("CookieFlags", func(t *testing.T) {
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		_, page := getPage(t, c, s.URL()+"/login")
		resp, _ := postForm(t, c, s.URL()+"/login", url.Values{"csrf": {csrfOf(t, page)}, "name": {"alice"}, "password": {pw}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign-in: %d", resp.StatusCode)
		}
		var sess *http.Cookie
		for _, ck := range resp.Cookies() {
			if ck.Name == "docket_session" {
				sess = ck
			}
		}
		if sess == nil || !sess.HttpOnly || sess.SameSite != http.SameSiteLaxMode || len(sess.Value) != 64 {
			t.Fatalf("session cookie %+v: want HttpOnly, SameSite=Lax, 256 bits", sess)
		}
		// The store keeps only a hash of it.
		if _, err := db.FindSession(t.Context(), sess.Value); err == nil {
			t.Fatal("the store finds a session by its raw id: it must keep only the hash")
		}
	})

	t.Run("WrongPasswordAndUnknownUser", func(t *testing.T) {
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar}
		_, page := getPage(t, c, s.URL()+"/login")
		r1, b1 := postForm(t, c, s.URL()+"/login", url.Values{"csrf": {csrfOf(t, page)}, "name": {"alice"}, "password": {"wrong password"}})
		r2, b2 := postForm(t, c, s.URL()+"/login", url.Values{"csrf": {csrfOf(t, page)}, "name": {"nobody"}, "password": {"wrong password"}})
		if r1.StatusCode != http.StatusUnauthorized || r2.StatusCode != http.StatusUnauthorized {
			t.Fatalf("wrong password %d, unknown user %d; want 401 both", r1.StatusCode, r2.StatusCode)
		}
		// The same words for both: no answer tells who has an account.
		if strings.ReplaceAll(b1, "alice", "X") != strings.ReplaceAll(b2, "nobody", "X") {
			t.Errorf("a wrong password and an unknown user answer differently")
		}
	})

	t.Run("CSRF", func(t *testing.T) {
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar}
		// A form posted from elsewhere carries no token: refused, nothing changes.
		resp, _ := postForm(t, c, s.URL()+"/login", url.Values{"name": {"alice"}, "password": {pw}})
		if resp.StatusCode != http.StatusForbidden {
			t.Fatalf("sign-in without a CSRF token: %d, want 403", resp.StatusCode)
		}
		signed := MustLogin(t, s.URL(), "alice", pw)
		before := MustCountChanges(t, db)
		for _, token := range []string{"", "forged"} {
			resp, _ = postForm(t, signed, s.URL()+"/new", url.Values{"csrf": {token}, "schema": {"Person"}, "name": {"Forged Person"},
				"source": {demo.PressRelease}, "sensitivity": {"public"}, "entity_sensitivity": {"public"}})
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("a write with CSRF token %q: %d, want 403", token, resp.StatusCode)
			}
		}
		if MustCountChanges(t, db) != before {
			t.Fatal("a forged form wrote to the store")
		}
		// The API takes no cookies: a browser's session does not authorise it.
		req, _ := http.NewRequest("POST", s.URL()+"/api/v1/entities", strings.NewReader(`{"schema":"Person"}`))
		resp, err := signed.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("API write with a session cookie: %d, want 401", resp.StatusCode)
		}
	})

	t.Run("RateLimited", func(t *testing.T) {
		MustUser(t, db, "bob", docket.Reader, false)
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar}
		_, page := getPage(t, c, s.URL()+"/login")
		token := csrfOf(t, page)
		var last *http.Response
		for range 6 {
			last, _ = postForm(t, c, s.URL()+"/login", url.Values{"csrf": {token}, "name": {"bob"}, "password": {"guess guess guess"}})
		}
		if last.StatusCode != http.StatusTooManyRequests || last.Header.Get("Retry-After") == "" {
			t.Fatalf("the sixth wrong password: %d, want 429 with Retry-After", last.StatusCode)
		}
		// Even the right password waits now.
		resp, _ := postForm(t, c, s.URL()+"/login", url.Values{"csrf": {token}, "name": {"bob"}, "password": {"password-of-bob"}})
		if resp.StatusCode != http.StatusTooManyRequests {
			t.Fatalf("the right password while limited: %d, want 429", resp.StatusCode)
		}
	})

	t.Run("LogoutEverywhere", func(t *testing.T) {
		pw := MustUser(t, db, "carol", docket.Researcher, false)
		a := MustLogin(t, s.URL(), "carol", pw)
		b := MustLogin(t, s.URL(), "carol", pw)
		_, page := getPage(t, a, s.URL()+"/account")
		postForm(t, a, s.URL()+"/logout/everywhere", url.Values{"csrf": {csrfOf(t, page)}})
		for name, c := range map[string]*http.Client{"this": a, "other": b} {
			_, page := getPage(t, c, s.URL()+"/")
			if strings.Contains(page, `class="user"`) {
				t.Errorf("after signing out everywhere the %s browser is still signed in", name)
			}
		}
		// A plain sign-out ends only its own session.
		c1 := MustLogin(t, s.URL(), "carol", pw)
		c2 := MustLogin(t, s.URL(), "carol", pw)
		_, page = getPage(t, c1, s.URL()+"/")
		postForm(t, c1, s.URL()+"/logout", url.Values{"csrf": {csrfOf(t, page)}})
		if _, p := getPage(t, c1, s.URL()+"/"); strings.Contains(p, `class="user"`) {
			t.Error("still signed in after signing out")
		}
		if _, p := getPage(t, c2, s.URL()+"/"); !strings.Contains(p, `class="user"`) {
			t.Error("signing out one browser signed out another")
		}
	})

	t.Run("NextStaysOnSite", func(t *testing.T) {
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		_, page := getPage(t, c, s.URL()+"/login")
		resp, _ := postForm(t, c, s.URL()+"/login", url.Values{"csrf": {csrfOf(t, page)}, "name": {"alice"}, "password": {pw}, "next": {"//evil.example/"}})
		if loc := resp.Header.Get("Location"); loc != "/" {
			t.Fatalf("sign-in with next=//evil.example/ redirects to %q, want /", loc)
		}
	})
}

func TestForms(t *testing.T) {
	db, s := MustOpenDemoServer(t)
	researcher := MustLogin(t, s.URL(), "rita", MustUser(t, db, "rita", docket.Researcher, false))
	editor := MustLogin(t, s.URL(), "ed", MustUser(t, db, "ed", docket.Editor, false))
	viewer := MustLogin(t, s.URL(), "vic", MustUser(t, db, "vic", docket.Reader, false))

	t.Run("ErrorNamesFieldAndKeepsInput", func(t *testing.T) {
		_, page := getPage(t, researcher, s.URL()+"/entity/person-baiturova/facts/new")
		before := MustCountChanges(t, db)
		resp, body := postForm(t, researcher, s.URL()+"/entity/person-baiturova/facts", url.Values{"csrf": {csrfOf(t, page)},
			"property": {"birthDate"}, "value": {"1975-02-30"}, "source": {demo.PressRelease}, "sensitivity": {"internal"}, "locator": {"para. 9"}})
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, `value="1975-02-30"`) || !strings.Contains(body, `id="err-value"`) || !strings.Contains(body, `value="para. 9"`) {
			t.Fatalf("an impossible date: %d\n%s", resp.StatusCode, clip([]byte(body)))
		}
		resp, body = postForm(t, researcher, s.URL()+"/entity/person-baiturova/facts", url.Values{"csrf": {csrfOf(t, page)},
			"property": {"occupation"}, "value": {"judge of appeal"}, "sensitivity": {"internal"}})
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, `id="err-source"`) || !strings.Contains(body, "Source:") {
			t.Fatalf("a fact without a source: %d\n%s", resp.StatusCode, clip([]byte(body)))
		}
		if MustCountChanges(t, db) != before {
			t.Fatal("a form with an error wrote to the store")
		}
	})

	var draftID string
	t.Run("ResearcherProposesDraft", func(t *testing.T) {
		_, page := getPage(t, researcher, s.URL()+"/entity/person-baiturova/facts/new")
		if strings.Contains(page, `name="status"`) {
			t.Fatal("the fact form offers a researcher a status")
		}
		// Asking for more than a draft is refused, as on the API, not silently lowered.
		resp, _ := postForm(t, researcher, s.URL()+"/entity/person-baiturova/facts", url.Values{"csrf": {csrfOf(t, page)},
			"property": {"occupation"}, "value": {"judge of the Aktau City Court"}, "url": {"https://example.org/aktau-court"}, "sensitivity": {"public"}, "status": {"reported"}})
		if resp.StatusCode != http.StatusForbidden {
			t.Fatalf("a researcher's fact sent as reported: %d, want 403", resp.StatusCode)
		}
		resp, _ = postForm(t, researcher, s.URL()+"/entity/person-baiturova/facts", url.Values{"csrf": {csrfOf(t, page)},
			"property": {"occupation"}, "value": {"judge of the Aktau City Court"}, "url": {"https://example.org/aktau-court"}, "sensitivity": {"public"}})
		if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Request.URL.RawQuery, "flash=added") {
			t.Fatalf("adding a fact: %d at %s", resp.StatusCode, resp.Request.URL)
		}
		st := docket.Draft
		ss, _, err := db.FindStatements(t.Context(), docket.Operator("t"), docket.StatementFilter{Status: &st})
		if err != nil || len(ss) != 1 || ss[0].Value != "judge of the Aktau City Court" || ss[0].Source == "" {
			t.Fatalf("drafts = %v, %v; want the researcher's fact, as a draft with its new source", ss, err)
		}
		draftID = ss[0].ID
		// The public does not see it; the review queue does.
		if _, p := getPage(t, http.DefaultClient, s.URL()+"/entity/person-baiturova"); strings.Contains(p, "judge of the Aktau City Court") {
			t.Fatal("the public sees a draft")
		}
		if _, p := getPage(t, editor, s.URL()+"/review"); !strings.Contains(p, "judge of the Aktau City Court") {
			t.Fatal("the review queue lacks the draft")
		}
	})

	t.Run("ViewerMayNotWrite", func(t *testing.T) {
		resp, _ := getPage(t, viewer, s.URL()+"/entity/person-baiturova/facts/new")
		if resp.StatusCode != http.StatusForbidden {
			t.Fatalf("the fact form for a viewer: %d, want 403", resp.StatusCode)
		}
		_, page := getPage(t, viewer, s.URL()+"/")
		resp, _ = postForm(t, viewer, s.URL()+"/statement/"+draftID+"/review", url.Values{"csrf": {csrfOf(t, page)}, "status": {"reported"}})
		if resp.StatusCode != http.StatusForbidden {
			t.Fatalf("a viewer's review: %d, want 403", resp.StatusCode)
		}
	})

	t.Run("EditorAccepts", func(t *testing.T) {
		_, page := getPage(t, editor, s.URL()+"/review")
		resp, queue := postForm(t, editor, s.URL()+"/statement/"+draftID+"/review", url.Values{"csrf": {csrfOf(t, page)}, "status": {"reported"}, "next": {"/review"}})
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("accepting: %d", resp.StatusCode)
		}
		// The queue the editor comes back to no longer counts it (its counts are kept only
		// while nothing changes).
		total := regexp.MustCompile(`data-total="(\d+)"`)
		before, after := total.FindStringSubmatch(page), total.FindStringSubmatch(queue)
		if before == nil || after == nil {
			t.Fatal("the review queue shows no total")
		}
		if b, _ := strconv.Atoi(before[1]); strconv.Itoa(b-1) != after[1] {
			t.Fatalf("the review queue counts %s open proposals after one of %s was accepted", after[1], before[1])
		}
		if _, p := getPage(t, http.DefaultClient, s.URL()+"/entity/person-baiturova"); !strings.Contains(p, "judge of the Aktau City Court") {
			t.Fatal("after review the public does not see the fact")
		}
	})

	t.Run("CorrectAndRetract", func(t *testing.T) {
		_, page := getPage(t, editor, s.URL()+"/statement/"+draftID+"/correct")
		resp, body := postForm(t, editor, s.URL()+"/statement/"+draftID+"/correct", url.Values{"csrf": {csrfOf(t, page)},
			"value": {"judge"}, "source": {demo.PressRelease}, "sensitivity": {"public"}})
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, `id="err-reason"`) {
			t.Fatalf("a correction without a reason: %d", resp.StatusCode)
		}
		resp, _ = postForm(t, editor, s.URL()+"/statement/"+draftID+"/correct", url.Values{"csrf": {csrfOf(t, page)},
			"value": {"judge (retired)"}, "source": {demo.PressRelease}, "sensitivity": {"public"}, "reason": {"retired in 2020"}})
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("correcting: %d", resp.StatusCode)
		}
		old, err := db.FindStatementByID(t.Context(), docket.Operator("t"), draftID)
		if err != nil || old.Current() || old.SupersededBy == "" {
			t.Fatalf("the corrected statement: %+v, %v; want it retracted and superseded, not deleted", old, err)
		}
		_, hist := getPage(t, editor, s.URL()+"/entity/person-baiturova/history")
		for _, want := range []string{"Corrected", "judge (retired)", "retired in 2020", "ed"} {
			if !strings.Contains(hist, want) {
				t.Errorf("the history lacks %q", want)
			}
		}
		// The public's history names no staff.
		if _, p := getPage(t, http.DefaultClient, s.URL()+"/entity/person-baiturova/history"); strings.Contains(p, "by ed") || strings.Contains(p, "rita") {
			t.Error("the public history names the staff who made changes")
		}
		resp, _ = postForm(t, editor, s.URL()+"/statement/"+old.SupersededBy+"/retract", url.Values{"csrf": {csrfOf(t, page)}, "reason": {"not in the source"}})
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("retracting: %d", resp.StatusCode)
		}
		if _, p := getPage(t, editor, s.URL()+"/entity/person-baiturova"); strings.Contains(p, "judge (retired)") {
			t.Fatal("a retracted fact is still shown")
		}
	})
}

// TestLanguage: the public's language is in the page's address: a browser that prefers
// Russian is sent once to the Russian page, whose links and forms keep the language, and the
// language links choose by address, with no cookie; signed-in staff choose with a cookie, which
// wins over the browser.
func TestLanguage(t *testing.T) {
	db, s := MustOpenDemoServer(t)
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(c *http.Client, path, accept string) (*http.Response, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", s.URL()+path, nil)
		req.Header.Set("Accept-Language", accept)
		req.Header.Set("Accept", "text/html")
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if sc := resp.Header.Values("Set-Cookie"); len(sc) > 0 && c == noRedirect {
			t.Errorf("GET %s as the public sets cookies %v", path, sc)
		}
		return resp, string(b)
	}
	resp, _ := get(noRedirect, "/entity/case-akberdiyeva", "ru-RU,ru;q=0.9,en;q=0.5")
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/entity/case-akberdiyeva?lang=ru" || !strings.Contains(resp.Header.Get("Vary"), "Accept-Language") {
		t.Fatalf("a Russian browser without a language in the address: %d to %q (Vary %q), want 302 to ?lang=ru varying on Accept-Language",
			resp.StatusCode, resp.Header.Get("Location"), resp.Header.Get("Vary"))
	}
	resp, page := get(noRedirect, "/entity/case-akberdiyeva?lang=ru", "en")
	for _, want := range []string{`<html lang="ru">`, "Хронология", "6 февраля 2019", "оправдан", "первая инстанция",
		`href="/entity/person-akberdiyeva?lang=ru"`, `<input type="hidden" name="lang" value="ru">`,
		// What follows a GET form's tag is left whole (the language's field was once written
		// over it, and the header's search label came out as "�еестру").
		`<label class="sr" for="q">` + locale.Get("ru").T("search.label") + `</label>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the Russian case page lacks %q", want)
		}
	}
	if n := strings.Count(page, `<input type="hidden" name="lang"`); n != strings.Count(page, `method="get"`) {
		t.Errorf("the Russian case page has %d language fields for %d GET forms", n, strings.Count(page, `method="get"`))
	}
	if v := resp.Header.Get("Vary"); strings.Contains(v, "Cookie") || strings.Contains(v, "Accept-Language") {
		t.Errorf("a page whose address says its language varies on %q", v)
	}
	if !strings.Contains(page, `href="/entity/case-akberdiyeva?lang=en"`) {
		t.Error("the Russian page's English link is not the same page with lang=en")
	}
	_, page = get(noRedirect, "/entity/case-akberdiyeva?lang=en", "ru")
	if !strings.Contains(page, `<html lang="en">`) || !strings.Contains(page, "Timeline") || !strings.Contains(page, `href="/entity/person-akberdiyeva?lang=en"`) {
		t.Error("the language in the address does not win over the browser's, or the links do not keep it")
	}
	if _, page = get(noRedirect, "/entity/case-akberdiyeva", "en-GB"); !strings.Contains(page, `<html lang="en">`) || strings.Contains(page, "lang=en\"") {
		t.Error("an English browser does not get the English page as it is")
	}

	// Staff choose with the link, which sets a cookie that wins over the browser.
	staff := MustLogin(t, s.URL(), "lena", MustUser(t, db, "lena", docket.Reader, false))
	if _, err := staff.Get(s.URL() + "/lang/en?next=/"); err != nil {
		t.Fatal(err)
	}
	resp, page = get(staff, "/entity/case-akberdiyeva", "ru")
	if !strings.Contains(page, `<html lang="en">`) || !strings.Contains(page, "Timeline") {
		t.Error("the language staff chose with the link does not win over the browser's")
	}
	if resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("a staff page's Cache-Control = %q, want no-store", resp.Header.Get("Cache-Control"))
	}
}

func TestCaseTimeline(t *testing.T) {
	_, s := MustOpenDemoServer(t)
	_, page := getPage(t, http.DefaultClient, s.URL()+"/entity/"+demo.AkberdiyevaCase)
	// The chain of the seed: acquittal, removal the next day, disrupted press conference,
	// detention of the observers, in that order, each linked to what it followed.
	last := -1
	for _, id := range []string{"proceeding-akberdiyeva-1", demo.Acquittal, demo.Removal, "event-disruption", "event-detention", "event-release"} {
		i := strings.Index(page, `<li id="e-`+id+`"`)
		if i < 0 {
			t.Fatalf("the timeline lacks %s", id)
		}
		if i < last {
			t.Errorf("%s comes before what precedes it on the timeline", id)
		}
		last = i
	}
	for _, want := range []string{`href="#e-event-acquittal"`, "In retaliation for", `href="#e-event-removal"`, "7 February 2019"} {
		if !strings.Contains(page, want) {
			t.Errorf("the timeline lacks %s", want)
		}
	}
	// A person's page: every role in every case, and posts over time.
	_, page = getPage(t, http.DefaultClient, s.URL()+"/entity/"+demo.Baiturova)
	for _, want := range []string{"Roles in cases", "Case of Aigul Akberdiyeva", "Judge", "Akberdiyeva: first instance", "Positions held", "Gulnara Bayturova"} {
		if !strings.Contains(page, want) {
			t.Errorf("the judge's page lacks %q", want)
		}
	}
	_, page = getPage(t, http.DefaultClient, s.URL()+"/entity/"+demo.Kenzhaliyev)
	for _, want := range []string{"court chairman", "7 February 2019", "Victim", "Removal of Malik Kenzhaliyev"} {
		if !strings.Contains(page, want) {
			t.Errorf("the chairman's page lacks %q", want)
		}
	}
}

func TestAdminUsers(t *testing.T) {
	db, s := MustOpenDemoServer(t)
	root := MustLogin(t, s.URL(), "root", MustUser(t, db, "root", docket.Admin, true))
	plain := MustLogin(t, s.URL(), "plainadmin", MustUser(t, db, "plainadmin", docket.Admin, false))
	editor := MustLogin(t, s.URL(), "ed", MustUser(t, db, "ed", docket.Editor, false))

	if resp, _ := getPage(t, editor, s.URL()+"/admin/users"); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("accounts page for an editor: %d, want 403", resp.StatusCode)
	}
	_, page := getPage(t, root, s.URL()+"/admin/users")
	resp, body := postForm(t, root, s.URL()+"/admin/users", url.Values{"csrf": {csrfOf(t, page)}, "name": {"newbie"}, "role": {"researcher"}, "cleared": {"on"}})
	if resp.StatusCode != http.StatusCreated || !strings.Contains(body, "secret-once") || resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("creating an account: %d\n%s", resp.StatusCode, clip([]byte(body)))
	}
	pw := regexp.MustCompile(`<code class="secret-once">([^<]+)</code>`).FindStringSubmatch(body)[1]
	MustLogin(t, s.URL(), "newbie", pw)
	if u, err := db.FindUserByName(t.Context(), docket.Operator("t"), "newbie"); err != nil || !u.Cleared || u.Role != docket.Researcher {
		t.Fatalf("newbie = %+v, %v", u, err)
	}
	// An admin without clearance is offered no clearance, and cannot grant one.
	_, page = getPage(t, plain, s.URL()+"/admin/users")
	if strings.Contains(page, `name="cleared"`) {
		t.Error("an uncleared admin is offered to grant a clearance")
	}
	resp, _ = postForm(t, plain, s.URL()+"/admin/users/ed", url.Values{"csrf": {csrfOf(t, page)}, "cleared": {"yes"}})
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("an uncleared admin granting a clearance: %d, want 403", resp.StatusCode)
	}
	// Changing a role ends the user's sessions.
	resp, _ = postForm(t, root, s.URL()+"/admin/users/ed", url.Values{"csrf": {csrfOf(t, page)}, "role": {"viewer"}})
	if resp.StatusCode != http.StatusForbidden { // the token of another session: refused
		t.Fatalf("a form with another session's CSRF token: %d, want 403", resp.StatusCode)
	}
	_, page = getPage(t, root, s.URL()+"/admin/users")
	postForm(t, root, s.URL()+"/admin/users/ed", url.Values{"csrf": {csrfOf(t, page)}, "role": {"viewer"}})
	if _, p := getPage(t, editor, s.URL()+"/"); strings.Contains(p, `class="user"`) {
		t.Error("the editor is still signed in after the role changed")
	}
}
