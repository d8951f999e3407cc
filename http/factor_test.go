package http_test

import (
	"context"
	"encoding/base32"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/auth"
	"github.com/docketorg/docket/demo"
	dockethttp "github.com/docketorg/docket/http"
	"github.com/docketorg/docket/sqlite"
)

// The second factor, over real HTTP against a real SQLite store: enrolment under Your account
// and at a sign-in the policy asks one of, sign-in with each factor, and every way to be
// refused. WebAuthn needs a host name, so the browser here is at localhost.

// localServer opens a server with the demo and returns its store and its address by name.
func localServer(tb testing.TB) (*sqlite.DB, string) {
	db, _, base := localServerOf(tb)
	return db, base
}

func localServerOf(tb testing.TB) (*sqlite.DB, *dockethttp.Server, string) {
	tb.Helper()
	db, s := MustOpenDemoServer(tb)
	u, _ := url.Parse(s.URL())
	return db, s, "http://localhost:" + u.Port()
}

// signInPassword sends the sign-in form and returns the browser and where it landed.
func signInPassword(tb testing.TB, base, name, pw string) (*http.Client, *http.Response, string) {
	tb.Helper()
	c := &http.Client{Jar: newJar(), Timeout: httpClient.Timeout}
	_, page := getPage(tb, c, base+"/login")
	resp, body := postForm(tb, c, base+"/login", url.Values{"csrf": {csrfOf(tb, page)}, "name": {name}, "password": {pw}, "next": {"/account"}})
	return c, resp, body
}

var (
	secretRE = regexp.MustCompile(`id="totp-secret">([A-Z2-7 ]+)<`)
	codesRE  = regexp.MustCompile(`<li><code>([A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4})</code></li>`)
)

// totpKey reads the key an enrolment page shows.
func totpKey(tb testing.TB, page string) []byte {
	tb.Helper()
	m := secretRE.FindStringSubmatch(page)
	if m == nil {
		tb.Fatalf("no TOTP key on the page:\n%s", clip([]byte(page)))
	}
	key, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(strings.ReplaceAll(m[1], " ", ""))
	if err != nil {
		tb.Fatal(err)
	}
	return key
}

func recoveryCodes(page string) []string {
	var out []string
	for _, m := range codesRE.FindAllStringSubmatch(page, -1) {
		out = append(out, m[1])
	}
	return out
}

// signedIn reports whether the browser is signed in: its account page answers.
func isSignedIn(tb testing.TB, c *http.Client, base string) bool {
	tb.Helper()
	resp, _ := getPage(tb, c, base+"/account")
	return resp.Request.URL.Path == "/account"
}

// signIns returns the sign-in entries of the security log, oldest first, as
// "outcome subject factor: detail".
func signIns(tb testing.TB, db docket.Store) []string {
	tb.Helper()
	es, err := db.FindSecurityEvents(context.Background(), docket.Operator("test"), docket.SecurityFilter{Kind: docket.SecSignIn, Limit: 1000})
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for i := len(es) - 1; i >= 0; i-- {
		e := es[i]
		out = append(out, fmt.Sprintf("%s %s %s: %s", e.Outcome, e.Subject, e.Factor, e.Detail))
	}
	return out
}

func TestSecondFactor_TOTP(t *testing.T) {
	db, base := localServer(t)
	pw := MustUser(t, db, "ana", docket.Editor, true)
	c := MustLogin(t, base, "ana", pw)

	_, page := getPage(t, c, base+"/account")
	if !strings.Contains(page, `id="add-totp"`) {
		t.Fatalf("the account page offers no authenticator app:\n%s", clip([]byte(page)))
	}
	resp, page := postForm(t, c, base+"/account/totp", url.Values{"csrf": {csrfOf(t, page)}})
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, "<svg") {
		t.Fatalf("starting an enrolment: %d, no QR code:\n%s", resp.StatusCode, clip([]byte(page)))
	}
	key := totpKey(t, page)
	csrf := csrfOf(t, page)

	// A wrong code enrols nothing and shows the same key again.
	now := auth.TOTPStep(time.Now())
	resp, page = postForm(t, c, base+"/account/totp/confirm", url.Values{"csrf": {csrf}, "name": {"phone"}, "code": {auth.TOTPCode(key, now-10)}})
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(page, "the code is not right") || string(totpKey(t, page)) != string(key) {
		t.Fatalf("a wrong confirmation code: %d\n%s", resp.StatusCode, clip([]byte(page)))
	}
	if st, _ := db.SecondFactorStatus(context.Background(), docket.Operator("test"), "ana"); len(st.Factors) != 0 {
		t.Fatal("a wrong code enrolled the key")
	}
	enrolStep := auth.TOTPStep(time.Now())
	resp, page = postForm(t, c, base+"/account/totp/confirm", url.Values{"csrf": {csrf}, "name": {"phone"}, "code": {auth.TOTPCode(key, enrolStep)}})
	codes := recoveryCodes(page)
	if resp.StatusCode != http.StatusOK || len(codes) != docket.RecoveryCodeCount {
		t.Fatalf("confirming the key: %d, %d recovery codes\n%s", resp.StatusCode, len(codes), clip([]byte(page)))
	}
	st, err := db.SecondFactorStatus(context.Background(), docket.Operator("test"), "ana")
	if err != nil || len(st.Factors) != 1 || st.Factors[0].Name != "phone" || st.RecoveryCodes != 10 {
		t.Fatalf("after enrolment: %+v, %v", st, err)
	}
	// Confirming again takes nothing: the enrolment is over.
	resp, _ = postForm(t, c, base+"/account/totp/confirm", url.Values{"csrf": {csrf}, "code": {auth.TOTPCode(key, enrolStep)}})
	if resp.StatusCode != http.StatusNotFound {
		t.Fatalf("confirming an enrolment twice: %d", resp.StatusCode)
	}

	// The password alone now leads to the second step, and no session.
	c2, resp, page := signInPassword(t, base, "ana", pw)
	if resp.Request.URL.Path != "/login/second" || !strings.Contains(page, `id="totp-form"`) {
		t.Fatalf("sign-in with a password: at %s\n%s", resp.Request.URL, clip([]byte(page)))
	}
	for _, ck := range c2.Jar.Cookies(resp.Request.URL) {
		if strings.Contains(ck.Name, "session") {
			t.Fatalf("a session cookie before the second factor: %s", ck.Name)
		}
	}
	if isSignedIn(t, c2, base) {
		t.Fatal("signed in with the password alone")
	}
	_, page = getPage(t, c2, base+"/login/second?next=/account")
	second := func(path, code string) (*http.Response, string) {
		t.Helper()
		return postForm(t, c2, base+path, url.Values{"csrf": {csrfOf(t, page)}, "code": {code}, "next": {"/account"}})
	}
	// A wrong code, and the code that confirmed the key (used once already), are refused.
	for _, c := range []struct{ code, want string }{
		{auth.TOTPCode(key, enrolStep-20), "the code is not right"},
		{auth.TOTPCode(key, enrolStep), "this code was used already"},
		{"12345", "the code is not right"},
	} {
		resp, body := second("/login/second/totp", c.code)
		if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, c.want) {
			t.Errorf("code %q: %d, want 401 saying %q\n%s", c.code, resp.StatusCode, c.want, clip([]byte(body)))
		}
	}
	if isSignedIn(t, c2, base) {
		t.Fatal("signed in after wrong codes")
	}
	next := auth.TOTPCode(key, enrolStep+1)
	resp, _ = second("/login/second/totp", next)
	if resp.Request.URL.Path != "/account" || !isSignedIn(t, c2, base) {
		t.Fatalf("the next code: at %s, not signed in", resp.Request.URL)
	}

	// The same code on another sign-in, within its period, is refused: a code is good once.
	c3, _, page := signInPassword(t, base, "ana", pw)
	resp, body := postForm(t, c3, base+"/login/second/totp", url.Values{"csrf": {csrfOf(t, page)}, "code": {next}, "next": {"/account"}})
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "used already") || isSignedIn(t, c3, base) {
		t.Fatalf("a code replayed: %d\n%s", resp.StatusCode, clip([]byte(body)))
	}
	// A recovery code signs in once, typed any way.
	resp, _ = postForm(t, c3, base+"/login/second/recovery", url.Values{"csrf": {csrfOf(t, body)}, "code": {strings.ToLower(codes[3])}, "next": {"/account"}})
	if resp.Request.URL.Path != "/account" || !isSignedIn(t, c3, base) {
		t.Fatalf("a recovery code: at %s", resp.Request.URL)
	}
	c4, _, page := signInPassword(t, base, "ana", pw)
	resp, _ = postForm(t, c4, base+"/login/second/recovery", url.Values{"csrf": {csrfOf(t, page)}, "code": {codes[3]}, "next": {"/account"}})
	if resp.StatusCode != http.StatusUnauthorized || isSignedIn(t, c4, base) {
		t.Fatalf("a recovery code used twice: %d", resp.StatusCode)
	}

	want := []string{
		"ok ana password: ",
		"failed ana totp: password right, totp wrong: the code is not right: type the six digits your app shows now",
		"failed ana totp: password right, totp wrong: this code was used already: wait for the next one your app shows",
		"failed ana totp: password right, totp wrong: the code is not right: type the six digits your app shows now",
		"ok ana totp: phone",
		"failed ana totp: password right, totp wrong: this code was used already: wait for the next one your app shows",
		"ok ana recovery code: 9 left",
		"failed ana recovery code: password right, recovery code wrong: this recovery code is not right, or it was used already",
	}
	if got := signIns(t, db); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("sign-ins in the security log:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestSecondFactor_PendingEnds: a pending sign-in ends after five wrong codes; a sixth, right
// or not, finds nothing to finish.
func TestSecondFactor_PendingEnds(t *testing.T) {
	db, base := localServer(t)
	pw := MustUser(t, db, "bek", docket.Researcher, false)
	key := []byte("01234567890123456789")
	u, _, _ := db.PasswordHash(context.Background(), "bek")
	if err := db.AddSecondFactor(context.Background(), u.Viewer(), "bek", &docket.SecondFactor{Kind: docket.FactorTOTP, Secret: key}, nil); err != nil {
		t.Fatal(err)
	}
	c, _, page := signInPassword(t, base, "bek", pw)
	csrf := csrfOf(t, page)
	step := auth.TOTPStep(time.Now())
	for i := range 5 {
		resp, _ := postForm(t, c, base+"/login/second/totp", url.Values{"csrf": {csrf}, "code": {auth.TOTPCode(key, step-5-int64(i))}})
		if resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("wrong code %d: %d", i+1, resp.StatusCode)
		}
	}
	resp, body := postForm(t, c, base+"/login/second/totp", url.Values{"csrf": {csrf}, "code": {auth.TOTPCode(key, step)}})
	if resp.Request.URL.Path != "/login" || !strings.Contains(body, "This sign-in has ended") || isSignedIn(t, c, base) {
		t.Fatalf("a right code after five wrong ones: at %s\n%s", resp.Request.URL, clip([]byte(body)))
	}
}

// TestSecondFactor_PendingDisabled: an account disabled between its password and its second
// factor finds its pending sign-in ended, whatever code it brings: a page goes back to the
// sign-in form, a script gets 401; no session either way.
func TestSecondFactor_PendingDisabled(t *testing.T) {
	db, base := localServer(t)
	pw := MustUser(t, db, "dil", docket.Researcher, false)
	key := []byte("01234567890123456789")
	u, _, _ := db.PasswordHash(context.Background(), "dil")
	if err := db.AddSecondFactor(context.Background(), u.Viewer(), "dil", &docket.SecondFactor{Kind: docket.FactorTOTP, Secret: key}, nil); err != nil {
		t.Fatal(err)
	}
	c, _, page := signInPassword(t, base, "dil", pw)
	csrf := csrfOf(t, page)
	if _, err := db.DisableUser(context.Background(), docket.Operator("test"), "dil"); err != nil {
		t.Fatal(err)
	}
	step := auth.TOTPStep(time.Now())
	u0, _ := url.Parse(base)
	var kept []*http.Cookie
	for _, ck := range c.Jar.Cookies(u0) {
		kept = append(kept, &http.Cookie{Name: ck.Name, Value: ck.Value, Path: "/"})
	}

	req, _ := http.NewRequest("POST", base+"/login/second/totp", strings.NewReader(url.Values{"csrf": {csrf}, "code": {auth.TOTPCode(key, step-1)}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(string(b), "this sign-in has ended") {
		t.Fatalf("a script's right code for a disabled account: %d\n%s", resp.StatusCode, b)
	}

	// The JSON answer cleared the cookie; a page that still carries it is sent to the form.
	c.Jar.SetCookies(resp.Request.URL, kept)
	resp, body := postForm(t, c, base+"/login/second/totp", url.Values{"csrf": {csrf}, "code": {auth.TOTPCode(key, step)}})
	if resp.Request.URL.Path != "/login" || !strings.Contains(body, "This sign-in has ended") || isSignedIn(t, c, base) {
		t.Fatalf("a right code for a disabled account: at %s\n%s", resp.Request.URL, clip([]byte(body)))
	}
}

// TestSecondFactor_KeepsLanguage: a visitor who chose a language in the page's address (the
// only place an anonymous visitor's language is kept) keeps it through the second step, and
// back at the sign-in form when the step is cancelled.
func TestSecondFactor_KeepsLanguage(t *testing.T) {
	db, base := localServer(t)
	pw := MustUser(t, db, "zhan", docket.Researcher, false)
	u, _, _ := db.PasswordHash(context.Background(), "zhan")
	if err := db.AddSecondFactor(context.Background(), u.Viewer(), "zhan", &docket.SecondFactor{Kind: docket.FactorTOTP, Secret: []byte("01234567890123456789")}, nil); err != nil {
		t.Fatal(err)
	}
	c := &http.Client{Jar: newJar(), Timeout: httpClient.Timeout}
	_, page := getPage(t, c, base+"/login?lang=ru")
	if !strings.Contains(page, `action="/login?lang=ru"`) {
		t.Fatalf("the Russian sign-in form does not post in Russian:\n%s", clip([]byte(page)))
	}
	resp, page := postForm(t, c, base+"/login?lang=ru", url.Values{"csrf": {csrfOf(t, page)}, "name": {"zhan"}, "password": {pw}, "next": {"/account"}})
	if resp.Request.URL.Path != "/login/second" || resp.Request.URL.Query().Get("lang") != "ru" || !strings.Contains(page, "Второй фактор") {
		t.Fatalf("the second step after a Russian sign-in form: at %s\n%s", resp.Request.URL, clip([]byte(page)))
	}
	resp, page = postForm(t, c, base+"/login/second/cancel?lang=ru", url.Values{"csrf": {csrfOf(t, page)}})
	if resp.Request.URL.Path != "/login" || resp.Request.URL.Query().Get("lang") != "ru" || resp.Header.Get("Content-Language") != "ru" {
		t.Fatalf("cancelling the Russian second step: at %s (%s)", resp.Request.URL, resp.Header.Get("Content-Language"))
	}
}

// webauthnStep asks the server for a ceremony's options, as the page's script does.
func webauthnBegin(tb testing.TB, c *http.Client, u, csrf string) []byte {
	tb.Helper()
	req, _ := http.NewRequest("POST", u, strings.NewReader(url.Values{"csrf": {csrf}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		tb.Fatalf("%s: %d\n%s", u, resp.StatusCode, b)
	}
	return b
}

func TestSecondFactor_WebAuthn(t *testing.T) {
	db, base := localServer(t)
	pw := MustUser(t, db, "ana", docket.Admin, true)
	c := MustLogin(t, base, "ana", pw)
	key := newSoftKey(t, base, "localhost")
	_, page := getPage(t, c, base+"/account")
	if !strings.Contains(page, `data-webauthn="register"`) {
		t.Fatalf("no security key form at localhost:\n%s", clip([]byte(page)))
	}
	csrf := csrfOf(t, page)
	opts := webauthnBegin(t, c, base+"/account/webauthn/begin", csrf)
	resp, page := postForm(t, c, base+"/account/webauthn", url.Values{"csrf": {csrf}, "name": {"blue key"}, "credential": {key.register(t, opts)}})
	if resp.StatusCode != http.StatusOK || len(recoveryCodes(page)) != 10 {
		t.Fatalf("enrolling a key: %d\n%s", resp.StatusCode, clip([]byte(page)))
	}
	u, _, _ := db.PasswordHash(context.Background(), "ana")

	c2, resp, page := signInPassword(t, base, "ana", pw)
	if resp.Request.URL.Path != "/login/second" || !strings.Contains(page, `data-webauthn="login"`) {
		t.Fatalf("the second step offers no key: at %s\n%s", resp.Request.URL, clip([]byte(page)))
	}
	csrf = csrfOf(t, page)
	opts = webauthnBegin(t, c2, base+"/login/second/webauthn/begin", csrf)
	assertion := key.assert(t, opts, u.ID)
	resp, _ = postForm(t, c2, base+"/login/second/webauthn", url.Values{"csrf": {csrf}, "credential": {assertion}, "next": {"/account"}})
	if resp.Request.URL.Path != "/account" || !isSignedIn(t, c2, base) {
		t.Fatalf("signing in with the key: at %s", resp.Request.URL)
	}

	// The same assertion again, on another sign-in: refused with no challenge open, and
	// refused against a new challenge; so is another key, and a clone whose counter went back.
	c3, _, page := signInPassword(t, base, "ana", pw)
	csrf = csrfOf(t, page)
	post := func(cred string) (*http.Response, string) {
		return postForm(t, c3, base+"/login/second/webauthn", url.Values{"csrf": {csrf}, "credential": {cred}, "next": {"/account"}})
	}
	resp, body := post(assertion)
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "to no challenge that is open") {
		t.Fatalf("an assertion replayed: %d\n%s", resp.StatusCode, clip([]byte(body)))
	}
	webauthnBegin(t, c3, base+"/login/second/webauthn/begin", csrf)
	resp, body = post(assertion)
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "does not hold") {
		t.Fatalf("an assertion replayed against a new challenge: %d\n%s", resp.StatusCode, clip([]byte(body)))
	}
	other := newSoftKey(t, base, "localhost")
	resp, body = post(other.assert(t, webauthnBegin(t, c3, base+"/login/second/webauthn/begin", csrf), u.ID))
	if resp.StatusCode != http.StatusUnauthorized || isSignedIn(t, c3, base) {
		t.Fatalf("a key that is not the account's: %d\n%s", resp.StatusCode, clip([]byte(body)))
	}
	clone := *key
	clone.count = 0
	resp, body = post(clone.assert(t, webauthnBegin(t, c3, base+"/login/second/webauthn/begin", csrf), u.ID))
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "counter went back") || isSignedIn(t, c3, base) {
		t.Fatalf("a cloned key: %d\n%s", resp.StatusCode, clip([]byte(body)))
	}
	// A key for another site (a phishing page relaying the challenge) is refused.
	phish := *key
	phish.origin = "http://localhost.evil.example"
	resp, _ = post(phish.assert(t, webauthnBegin(t, c3, base+"/login/second/webauthn/begin", csrf), u.ID))
	if resp.StatusCode != http.StatusUnauthorized || isSignedIn(t, c3, base) {
		t.Fatalf("an assertion made for another origin: %d", resp.StatusCode)
	}
	got := signIns(t, db)
	if len(got) != 7 || got[1] != "ok ana webauthn: blue key" || !strings.HasPrefix(got[2], "failed ana webauthn: password right, webauthn wrong: this security key's answer is to no challenge") {
		t.Fatalf("sign-ins in the security log:\n%s", strings.Join(got, "\n"))
	}
}

// TestSecondFactor_Policy: an account the policy asks a factor of, and which has none, enrols
// one before it signs in; it cannot remove its last; an admin resets it.
func TestSecondFactor_Policy(t *testing.T) {
	db, base := localServer(t)
	ctx := context.Background()
	adminPW := MustUser(t, db, "boss", docket.Admin, true)
	pw := MustUser(t, db, "ed", docket.Editor, false)
	readerPW := MustUser(t, db, "reader", docket.Reader, false)
	boss := MustLogin(t, base, "boss", adminPW)
	ed := MustLogin(t, base, "ed", pw) // signed in before the policy
	// API tokens are not affected: ed's token writes before the policy, under it, and after
	// an admin resets ed's factors.
	secret, err := db.CreateToken(ctx, docket.Operator("test"), &docket.Token{Name: "ed's script", Role: docket.Editor, User: "ed"})
	if err != nil {
		t.Fatal(err)
	}
	script := Client{Base: base, Token: secret}
	tokenWrites := func(when string) {
		t.Helper()
		r := script.Post(t, "/api/v1/entities", map[string]any{"schema": "Person", "statements": []map[string]any{
			{"property": "name", "value": "Written " + when, "source": demo.PressRelease}}})
		if r.Status != http.StatusCreated {
			t.Fatalf("ed's token %s: %s: %d %s", when, r, r.Status, r.Body)
		}
	}
	tokenWrites("before the policy")

	_, page := getPage(t, boss, base+"/admin/security")
	resp, page := postForm(t, boss, base+"/admin/security/policy", url.Values{"csrf": {csrfOf(t, page)}, "role": {"editor"}})
	if resp.Request.URL.Path != "/admin/security" || !strings.Contains(page, "The second-factor policy is saved") {
		t.Fatalf("setting the policy: %d at %s", resp.StatusCode, resp.Request.URL)
	}
	if isSignedIn(t, ed, base) {
		t.Fatal("an editor without a second factor is still signed in after the policy asks one of editors")
	}
	tokenWrites("under the policy")
	if !isSignedIn(t, boss, base) {
		t.Fatal("the policy ended the session of an admin it does not ask a factor of")
	}
	// A viewer is not asked.
	if _, resp, _ := signInPassword(t, base, "reader", readerPW); resp.Request.URL.Path != "/account" {
		t.Fatalf("a viewer's sign-in: at %s", resp.Request.URL)
	}
	c, resp, page := signInPassword(t, base, "ed", pw)
	if resp.Request.URL.Path != "/login/second" || !strings.Contains(page, `id="enrol-totp"`) || isSignedIn(t, c, base) {
		t.Fatalf("an editor without a factor: at %s\n%s", resp.Request.URL, clip([]byte(page)))
	}
	resp, page = postForm(t, c, base+"/login/second/enrol/totp", url.Values{"csrf": {csrfOf(t, page)}, "next": {"/account"}})
	key := totpKey(t, page)
	resp, page = postForm(t, c, base+"/login/second/enrol/totp/confirm", url.Values{"csrf": {csrfOf(t, page)}, "next": {"/account"},
		"code": {auth.TOTPCode(key, auth.TOTPStep(time.Now()))}})
	if resp.StatusCode != http.StatusOK || len(recoveryCodes(page)) != 10 || !strings.Contains(page, `id="continue"`) || !isSignedIn(t, c, base) {
		t.Fatalf("enrolling at sign-in: %d\n%s", resp.StatusCode, clip([]byte(page)))
	}
	// The last factor stays while the policy asks one.
	st, _ := db.SecondFactorStatus(ctx, docket.Operator("test"), "ed")
	_, page = getPage(t, c, base+"/account")
	resp, page = postForm(t, c, base+"/account/factors/"+st.Factors[0].ID+"/remove", url.Values{"csrf": {csrfOf(t, page)}, "password": {pw}})
	if resp.StatusCode != http.StatusConflict || !strings.Contains(page, "must have a second factor") {
		t.Fatalf("removing the last required factor: %d\n%s", resp.StatusCode, clip([]byte(page)))
	}
	// An admin resets it, and that ends the editor's sessions.
	_, page = getPage(t, boss, base+"/admin/users")
	if !strings.Contains(page, "1 factor") {
		t.Fatalf("the accounts list does not show ed's factor:\n%s", clip([]byte(page)))
	}
	resp, _ = postForm(t, boss, base+"/admin/users/ed/factors/reset", url.Values{"csrf": {csrfOf(t, page)}, "confirm": {"yes"}})
	if resp.Request.URL.Path != "/admin/users" || isSignedIn(t, c, base) {
		t.Fatalf("the reset: at %s; the editor still signed in: %v", resp.Request.URL, isSignedIn(t, c, base))
	}
	if st, _ := db.SecondFactorStatus(ctx, docket.Operator("test"), "ed"); len(st.Factors) != 0 || st.RecoveryCodes != 0 {
		t.Fatalf("after the reset: %+v", st)
	}
	tokenWrites("after the reset")
	es, _ := db.FindSecurityEvents(ctx, docket.Operator("test"), docket.SecurityFilter{User: "ed", Kind: docket.SecFactorReset})
	if len(es) != 1 || es[0].Actor != "boss" || es[0].Via != docket.ViaWeb || es[0].Addr != "127.0.0.1" {
		t.Fatalf("the reset in the security log: %+v", es)
	}
}

func TestSecurityPage(t *testing.T) {
	db, base := localServer(t)
	adminPW := MustUser(t, db, "boss", docket.Admin, false)
	edPW := MustUser(t, db, "ed", docket.Editor, false)
	signInPassword(t, base, "ed", "not the password")
	signInPassword(t, base, "pass word typed as a name", "x")
	boss := MustLogin(t, base, "boss", adminPW)
	ed := MustLogin(t, base, "ed", edPW)

	if resp, _ := getPage(t, ed, base+"/admin/security"); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("/admin/security as an editor: %d", resp.StatusCode)
	}
	anon := &http.Client{Jar: newJar(), Timeout: httpClient.Timeout}
	if resp, page := getPage(t, anon, base+"/admin/security"); resp.Request.URL.Path != "/login" || strings.Contains(page, "sign-in") && strings.Contains(page, "security-log") {
		t.Fatalf("/admin/security anonymously: at %s", resp.Request.URL)
	}
	resp, page := getPage(t, boss, base+"/admin/security?outcome=failed")
	if resp.StatusCode != http.StatusOK || strings.Count(page, `<tr class="event failed"`) != 2 || strings.Contains(page, `<tr class="event ok"`) ||
		!strings.Contains(page, "(not a user name)") || strings.Contains(page, "pass word typed") {
		t.Fatalf("/admin/security?outcome=failed: %d\n%s", resp.StatusCode, clip([]byte(page)))
	}
	resp, page = getPage(t, boss, base+"/admin/security?user=ed&kind=sign-in")
	if strings.Count(page, `data-kind="sign-in"`) != 2 || !strings.Contains(page, "127.0.0.1") {
		t.Fatalf("filtered by user and kind:\n%s", clip([]byte(page)))
	}
	resp, page = getPage(t, boss, base+"/admin/security?since=yesterday")
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(page, "since &#34;yesterday&#34;: want a date") {
		t.Fatalf("a bad date: %d\n%s", resp.StatusCode, clip([]byte(page)))
	}
	// An uncleared admin may ask more of the policy, not less.
	_, page = getPage(t, boss, base+"/admin/security")
	if resp, _ := postForm(t, boss, base+"/admin/security/policy", url.Values{"csrf": {csrfOf(t, page)}, "role": {"editor"}}); resp.Request.URL.Path != "/admin/security" {
		t.Fatalf("an uncleared admin asking more: at %s", resp.Request.URL)
	}
	resp, page = postForm(t, boss, base+"/admin/security/policy", url.Values{"csrf": {csrfOf(t, page)}})
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(page, "only an admin cleared") {
		t.Fatalf("an uncleared admin asking less: %d\n%s", resp.StatusCode, clip([]byte(page)))
	}
}

// TestSecondFactor_Remove: removing a factor and making new recovery codes ask for the
// password again; a wrong one changes nothing.
func TestSecondFactor_Remove(t *testing.T) {
	db, base := localServer(t)
	ctx := context.Background()
	pw := MustUser(t, db, "ana", docket.Researcher, false)
	c := MustLogin(t, base, "ana", pw)
	u, _, _ := db.PasswordHash(ctx, "ana")
	old := []string{auth.HashRecoveryCode("AAAA-BBBB-CCCC-DDDD")}
	if err := db.AddSecondFactor(ctx, u.Viewer(), "ana", &docket.SecondFactor{Kind: docket.FactorTOTP, Name: "phone", Secret: auth.NewTOTPKey()}, old); err != nil {
		t.Fatal(err)
	}
	st, _ := db.SecondFactorStatus(ctx, u.Viewer(), "ana")
	_, page := getPage(t, c, base+"/account")
	csrf := csrfOf(t, page)
	for _, path := range []string{"/account/factors/" + st.Factors[0].ID + "/remove", "/account/recovery"} {
		resp, body := postForm(t, c, base+path, url.Values{"csrf": {csrf}, "password": {"not the password"}})
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "your password is not right") {
			t.Fatalf("%s with a wrong password: %d\n%s", path, resp.StatusCode, clip([]byte(body)))
		}
	}
	if now, _ := db.SecondFactorStatus(ctx, u.Viewer(), "ana"); len(now.Factors) != 1 || now.RecoveryCodes != 1 {
		t.Fatalf("a wrong password changed the factors: %+v", now)
	}
	resp, body := postForm(t, c, base+"/account/recovery", url.Values{"csrf": {csrf}, "password": {pw}})
	if codes := recoveryCodes(body); resp.StatusCode != http.StatusOK || len(codes) != 10 {
		t.Fatalf("new recovery codes: %d, %d codes", resp.StatusCode, len(codes))
	}
	if _, err := db.UseRecoveryCode(ctx, u.ID, old[0]); docket.ErrorCode(err) != docket.ENOTFOUND {
		t.Fatalf("an old recovery code after new ones were made: %v", err)
	}
	resp, _ = postForm(t, c, base+"/account/factors/"+st.Factors[0].ID+"/remove", url.Values{"csrf": {csrf}, "password": {pw}})
	if now, _ := db.SecondFactorStatus(ctx, u.Viewer(), "ana"); resp.Request.URL.Path != "/account" || len(now.Factors) != 0 || now.RecoveryCodes != 0 {
		t.Fatalf("removing the last factor: at %s, %+v (want no factor and no recovery code)", resp.Request.URL, now)
	}
}
