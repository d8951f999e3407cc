package http_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/docketorg/docket"
	dockethttp "github.com/docketorg/docket/http"
	"github.com/docketorg/docket/internal/locale"
	"github.com/docketorg/docket/internal/storetest"
	"github.com/docketorg/docket/sqlite"
)

// mustOpenClockServer is MustOpenServer with the store's clock set, before the server
// serves, so that a test can move time on.
func mustOpenClockServer(tb testing.TB, clock *storetest.Clock) (*sqlite.DB, *dockethttp.Server) {
	tb.Helper()
	return mustOpenServerWith(tb, func(db *sqlite.DB) { db.Now = clock.Now })
}

// mustOpenServerWith is MustOpenServer with the store set up by setup before it opens.
func mustOpenServerWith(tb testing.TB, setup func(*sqlite.DB)) (*sqlite.DB, *dockethttp.Server) {
	tb.Helper()
	db := sqlite.NewDB(filepath.Join(tb.TempDir(), "docket.db"))
	db.DataKey = storetest.DataKey() // the tests record confidential data
	setup(db)
	if err := db.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	s := dockethttp.NewServer(db)
	s.ExpensiveRate, s.ExpensiveBurst = 1e6, 1e6
	s.Addr = "127.0.0.1:0"
	if err := s.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return db, s
}

// Every token that does not work gets the same 401, on the first request after it stopped:
// nothing about tokens is cached, and a bad token does not say which it is.
func TestTokens_StopAtOnce(t *testing.T) {
	clock := storetest.NewClock()
	db, s := mustOpenClockServer(t, clock)
	ctx, op := context.Background(), docket.Operator("test")
	MustUser(t, db, "alice", docket.Editor, false)
	MustUser(t, db, "root", docket.Admin, true)
	mk := func(tok *docket.Token) Client {
		return Client{Base: s.URL(), Token: storetest.MustToken(t, db, op, tok)}
	}
	soon := mk(&docket.Token{Name: "soon", Role: docket.Reader, ExpiresAt: clock.Now().Add(time.Hour)})
	leaky := mk(&docket.Token{Name: "leaky", Role: docket.Editor})
	alices := mk(&docket.Token{Name: "alice-laptop", Role: docket.Editor, User: "alice", ExpiresAt: clock.Now().Add(2 * time.Hour)})
	const path = "/api/v1/search?q=anything"
	for _, c := range []Client{soon, leaky, alices} {
		c.Get(t, path).Want(t, http.StatusOK)
	}
	unknown := Client{Base: s.URL(), Token: "dkt_" + strings.Repeat("a", 32)}.Get(t, path)
	unknown.WantError(t, http.StatusUnauthorized, docket.EUNAUTHORIZED)

	clock.Advance(time.Hour)
	if err := db.RevokeToken(ctx, op, "leaky"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.DisableUser(ctx, op, "alice"); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]Client{"expired": soon, "revoked": leaky, "of a disabled account": alices} {
		r := c.Get(t, path)
		r.WantError(t, http.StatusUnauthorized, docket.EUNAUTHORIZED)
		if string(r.Body) != string(unknown.Body) {
			t.Errorf("a token %s answers %s, an unknown one %s: a bad token must not say which it is", name, r.Body, unknown.Body)
		}
	}
	// The account enabled again, its token works again; the others stay stopped.
	if _, err := db.EnableUser(ctx, op, "alice"); err != nil {
		t.Fatal(err)
	}
	alices.Get(t, path).Want(t, http.StatusOK)
	soon.Get(t, path).Want(t, http.StatusUnauthorized)
}

func newJar() http.CookieJar {
	jar, _ := cookiejar.New(nil)
	return jar
}

// adminForm posts a form of the accounts or tokens pages as a signed-in browser, with the CSRF
// token of the page it comes from.
func adminForm(t *testing.T, c *http.Client, base, page, action string, v url.Values) (*http.Response, string) {
	t.Helper()
	_, body := getPage(t, c, base+page)
	v.Set("csrf", csrfOf(t, body))
	return postForm(t, c, base+action, v)
}

func signedIn(t *testing.T, c *http.Client, base string) bool {
	t.Helper()
	_, p := getPage(t, c, base+"/")
	return strings.Contains(p, `class="user"`)
}

func TestAccounts_DisableAndRemove(t *testing.T) {
	db, s := MustOpenDemoServer(t)
	base := s.URL()
	root := MustLogin(t, base, "root", MustUser(t, db, "root", docket.Admin, true))
	alicePW := MustUser(t, db, "alice", docket.Editor, false)
	alice := MustLogin(t, base, "alice", alicePW)

	// Without the box ticked, nothing happens.
	resp, _ := adminForm(t, root, base, "/admin/users", "/admin/users/alice/disable", url.Values{})
	if resp.StatusCode != http.StatusBadRequest || !signedIn(t, alice, base) {
		t.Fatalf("disabling without confirming: %d; alice signed in: %v", resp.StatusCode, signedIn(t, alice, base))
	}
	resp, body := adminForm(t, root, base, "/admin/users", "/admin/users/alice/disable", url.Values{"confirm": {"yes"}})
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path != "/admin/users" || !strings.Contains(body, "The account is disabled") {
		t.Fatalf("disabling alice: %d at %s", resp.StatusCode, resp.Request.URL)
	}
	// Her session cookie stops working on her very next request.
	if signedIn(t, alice, base) {
		t.Fatal("a disabled account's session still works")
	}
	if resp, _ := getPage(t, alice, base+"/review"); resp.Request.URL.Path != "/login" {
		t.Fatalf("a disabled account's browser reached %s", resp.Request.URL)
	}
	// Signing in to it fails as a wrong password does, in the same words.
	c := &http.Client{Jar: newJar()} // one browser: one CSRF token in both pages
	login := func(name, pw string) (int, string) {
		_, page := getPage(t, c, base+"/login")
		r, b := postForm(t, c, base+"/login", url.Values{"csrf": {csrfOf(t, page)}, "name": {name}, "password": {pw}})
		return r.StatusCode, strings.ReplaceAll(b, name, "NAME")
	}
	code1, b1 := login("alice", alicePW)
	code2, b2 := login("nobody", "wrong password here")
	if code1 != http.StatusUnauthorized || code2 != http.StatusUnauthorized || b1 != b2 {
		t.Fatalf("signing in to a disabled account: %d; to no account: %d; same page: %v", code1, code2, b1 == b2)
	}
	_, page := getPage(t, root, base+"/admin/users")
	if !regexp.MustCompile(`<td>alice</td>(?s:.*?)disabled`).MatchString(page) || !strings.Contains(page, `/admin/users/alice/enable`) {
		t.Fatal("the accounts page does not show alice disabled, with a way to enable her")
	}
	adminForm(t, root, base, "/admin/users", "/admin/users/alice/enable", url.Values{})
	alice = MustLogin(t, base, "alice", alicePW)

	// Removed: signed out, cannot sign in, gone from the list, name kept.
	resp, _ = adminForm(t, root, base, "/admin/users", "/admin/users/alice/remove", url.Values{"confirm": {"yes"}})
	if resp.StatusCode != http.StatusOK || signedIn(t, alice, base) {
		t.Fatalf("removing alice: %d; still signed in: %v", resp.StatusCode, signedIn(t, alice, base))
	}
	if code, _ := login("alice", alicePW); code != http.StatusUnauthorized {
		t.Fatalf("signing in to a removed account: %d", code)
	}
	if _, page := getPage(t, root, base+"/admin/users"); strings.Contains(page, "<td>alice</td>") {
		t.Fatal("the accounts page lists a removed account")
	}
	resp, body = adminForm(t, root, base, "/admin/users", "/admin/users", url.Values{"name": {"alice"}, "role": {"viewer"}})
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "removed") {
		t.Fatalf("a new account with a removed one's name: %d", resp.StatusCode)
	}
	// The last active admin cannot stop themselves.
	resp, body = adminForm(t, root, base, "/admin/users", "/admin/users/root/disable", url.Values{"confirm": {"yes"}})
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "last active admin") {
		t.Fatalf("the last admin disabling themselves: %d", resp.StatusCode)
	}
}

// An admin without clearance may not take over a cleared account (its role, its password), but
// may stop it.
func TestAccounts_UnclearedAdmin(t *testing.T) {
	db, s := MustOpenDemoServer(t)
	base := s.URL()
	MustUser(t, db, "root", docket.Admin, true)
	plain := MustLogin(t, base, "plain", MustUser(t, db, "plain", docket.Admin, false))
	alicePW := MustUser(t, db, "alice", docket.Editor, true)
	alice := MustLogin(t, base, "alice", alicePW)
	MustUser(t, db, "bob", docket.Researcher, false)

	resp, body := adminForm(t, plain, base, "/admin/users", "/admin/users/alice", url.Values{"role": {"admin"}})
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "only a cleared admin") {
		t.Fatalf("an uncleared admin changing a cleared account's role: %d", resp.StatusCode)
	}
	resp, _ = adminForm(t, plain, base, "/admin/users", "/admin/users/alice/password", url.Values{"confirm": {"yes"}})
	if resp.StatusCode != http.StatusForbidden || strings.Contains(body, "secret-once") {
		t.Fatalf("an uncleared admin setting a cleared account's password: %d", resp.StatusCode)
	}
	if u, err := db.FindUserByName(t.Context(), docket.Operator("t"), "alice"); err != nil || u.Role != docket.Editor {
		t.Fatalf("alice = %+v, %v after refused changes", u, err)
	}
	if !signedIn(t, alice, base) {
		t.Fatal("a refused change ended alice's session")
	}
	// The same admin may reset the password of an account without clearance, shown once.
	resp, body = adminForm(t, plain, base, "/admin/users", "/admin/users/bob/password", url.Values{"confirm": {"yes"}})
	m := regexp.MustCompile(`<code class="secret-once">([^<]+)</code>`).FindStringSubmatch(body)
	if resp.StatusCode != http.StatusOK || m == nil || resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("resetting bob's password: %d", resp.StatusCode)
	}
	MustLogin(t, base, "bob", m[1])

	// Any admin may stop a phished account.
	resp, _ = adminForm(t, plain, base, "/admin/users", "/admin/users/alice/disable", url.Values{"confirm": {"yes"}})
	if resp.StatusCode != http.StatusOK || signedIn(t, alice, base) {
		t.Fatalf("an uncleared admin disabling a cleared account: %d; still signed in: %v", resp.StatusCode, signedIn(t, alice, base))
	}
	// Giving it back is for a cleared admin.
	if resp, _ := adminForm(t, plain, base, "/admin/users", "/admin/users/alice/enable", url.Values{}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("an uncleared admin enabling a cleared account: %d", resp.StatusCode)
	}
	if resp, _ := adminForm(t, plain, base, "/admin/users", "/admin/users/alice/remove", url.Values{"confirm": {"yes"}}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("an uncleared admin removing a cleared account: %d", resp.StatusCode)
	}
}

// A new password is held to the policy in the web too, with a message that names the rule.
func TestAccount_PasswordPolicy(t *testing.T) {
	db, s := MustOpenDemoServer(t)
	pw := MustUser(t, db, "carol", docket.Researcher, false)
	c := MustLogin(t, s.URL(), "carol", pw)
	for next, want := range map[string]string{"elevenchars": "at least 12", "1qaz2wsx3edc": "most common", "\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b": "invisible"} {
		resp, body := adminForm(t, c, s.URL(), "/account", "/account/password", url.Values{"current": {pw}, "new": {next}, "repeat": {next}})
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, want) {
			t.Errorf("new password %q: %d, want 400 saying %q", next, resp.StatusCode, want)
		}
	}
}

func TestAdminTokens(t *testing.T) {
	db, s := MustOpenDemoServer(t)
	base := s.URL()
	root := MustLogin(t, base, "root", MustUser(t, db, "root", docket.Admin, true))
	plain := MustLogin(t, base, "plain", MustUser(t, db, "plain", docket.Admin, false))
	editor := MustLogin(t, base, "ed", MustUser(t, db, "ed", docket.Editor, false))

	if resp, _ := getPage(t, editor, base+"/admin/tokens"); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("the tokens page for an editor: %d, want 403", resp.StatusCode)
	}
	if _, page := getPage(t, root, base+"/admin/users"); !strings.Contains(page, `href="/admin/tokens"`) {
		t.Fatal("the accounts page does not link to the tokens")
	}
	resp, body := adminForm(t, root, base, "/admin/tokens", "/admin/tokens", url.Values{"name": {"web-ci"}, "role": {"researcher"}, "expires": {"30d"}})
	m := regexp.MustCompile(`<code class="secret-once">(dkt_[^<]+)</code>`).FindStringSubmatch(body)
	if resp.StatusCode != http.StatusCreated || m == nil || resp.Header.Get("Cache-Control") != "no-store" || !strings.Contains(body, "It expires on") {
		t.Fatalf("making a token: %d\n%s", resp.StatusCode, clip([]byte(body)))
	}
	secret := m[1]
	api := Client{Base: base, Token: secret}
	api.Get(t, "/api/v1/search?q=Baiturova").Want(t, http.StatusOK)
	// Listed, with its state and last use, and never its secret again.
	_, page := getPage(t, root, base+"/admin/tokens")
	if strings.Contains(page, secret) || !regexp.MustCompile(`<td>web-ci</td>(?s:.*?)UTC</td>\s*<td>active</td>`).MatchString(page) {
		t.Fatalf("the tokens page:\n%s", clip([]byte(page)))
	}
	// Names are unique among live tokens.
	resp, body = adminForm(t, root, base, "/admin/tokens", "/admin/tokens", url.Values{"name": {"web-ci"}, "role": {"viewer"}, "expires": {"90d"}})
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "live token web-ci") {
		t.Fatalf("a second token web-ci: %d", resp.StatusCode)
	}
	// No one grants a clearance they do not hold.
	resp, _ = adminForm(t, plain, base, "/admin/tokens", "/admin/tokens", url.Values{"name": {"x"}, "role": {"viewer"}, "cleared": {"on"}, "expires": {"90d"}})
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("an uncleared admin making a cleared token: %d", resp.StatusCode)
	}
	resp, body = adminForm(t, root, base, "/admin/tokens", "/admin/tokens", url.Values{"name": {"for-ed"}, "role": {"editor"}, "user": {"ed"}, "expires": {"never"}})
	if resp.StatusCode != http.StatusCreated || !strings.Contains(body, "It never expires") {
		t.Fatalf("making a token for ed that never expires: %d", resp.StatusCode)
	}

	// Revoking needs the form's CSRF token, and holds from the next request on.
	if resp, _ := postForm(t, root, base+"/admin/tokens/revoke", url.Values{"name": {"web-ci"}}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("revoking without a CSRF token: %d", resp.StatusCode)
	}
	api.Get(t, "/api/v1/search?q=Baiturova").Want(t, http.StatusOK)
	resp, body = adminForm(t, plain, base, "/admin/tokens", "/admin/tokens/revoke", url.Values{"name": {"web-ci"}})
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "The token is revoked") || !regexp.MustCompile(`<td>web-ci</td>(?s:.*?)revoked`).MatchString(body) {
		t.Fatalf("revoking web-ci: %d", resp.StatusCode)
	}
	api.Get(t, "/api/v1/search?q=Baiturova").WantError(t, http.StatusUnauthorized, docket.EUNAUTHORIZED)
}

// The token page's labels chosen at run time are in every language.
func TestAdminTokens_Catalog(t *testing.T) {
	var keys []string
	for _, st := range []docket.TokenState{docket.TokenActive, docket.TokenExpired, docket.TokenRevoked, docket.TokenDisabled} {
		keys = append(keys, "tokens.state."+string(st))
	}
	for _, term := range []string{docket.DefaultTokenLife, "30d", "180d", "1y", "never"} {
		keys = append(keys, "tokens.expiry."+term)
	}
	for _, f := range []string{"disabled", "enabled", "removed", "revoked"} {
		keys = append(keys, "flash."+f)
	}
	for _, r := range []string{"short", "long", "blank", "common", "text"} {
		keys = append(keys, "password."+r)
	}
	for _, k := range keys {
		for _, p := range locale.Languages() {
			if !p.Has(k) {
				t.Errorf("%s lacks %q", p.Lang, k)
			}
		}
	}
}

// lockedBuffer is a log's output, written by the server's goroutines and read by the test.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// There is no security log yet: until there is, stopping an account and a refused change are
// in the server's log, with who acted and on whom.
func TestAccounts_Logged(t *testing.T) {
	var out lockedBuffer
	db, s := mustOpenServerWith(t, func(db *sqlite.DB) { db.Logger = slog.New(slog.NewTextHandler(&out, nil)) })
	base := s.URL()
	plain := MustLogin(t, base, "plain", MustUser(t, db, "plain", docket.Admin, false))
	MustUser(t, db, "alice", docket.Editor, true)
	adminForm(t, plain, base, "/admin/users", "/admin/users/alice", url.Values{"role": {"viewer"}})
	adminForm(t, plain, base, "/admin/users", "/admin/users/alice/disable", url.Values{"confirm": {"yes"}})
	log := out.String()
	for _, want := range []string{
		`level=WARN msg="account change refused" action="change role" by=plain user=alice`,
		`level=WARN msg="account disabled" by=plain user=alice`,
	} {
		if !strings.Contains(log, want) {
			t.Errorf("the log lacks %s:\n%s", want, log)
		}
	}
}
