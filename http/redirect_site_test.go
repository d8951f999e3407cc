package http_test

import (
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/docketorg/docket"
)

// browserResolve reads a Location header as a browser does (WHATWG URL parsing), in what
// decides where it leads: leading controls and spaces trimmed, tabs and newlines dropped
// anywhere, a backslash read as a slash.
func browserResolve(base *url.URL, loc string) (*url.URL, error) {
	loc = strings.TrimLeft(loc, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	loc = strings.NewReplacer("\t", "", "\n", "", "\r", "", "\\", "/").Replace(loc)
	return base.Parse(loc)
}

// wantOnSite fails unless loc, read as a browser reads it, is a path of the site at base.
func wantOnSite(tb testing.TB, what string, base *url.URL, loc string) {
	tb.Helper()
	u, err := browserResolve(base, loc)
	if err != nil || u.Host != base.Host || u.Scheme != base.Scheme {
		tb.Errorf("%s: Location %q leads to %v (err %v), off the site %s", what, loc, u, err, base.Host)
		return
	}
	if !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.ContainsAny(loc, "\\\t\r\n") {
		tb.Errorf("%s: Location %q is not a plain path", what, loc)
	}
}

// nextAttacks are "next" values as they would stand, encoded, in a link someone is sent.
var nextAttacks = []string{
	"/%09/evil.example/", "/%0a/evil.example/", "/%0d%0a/evil.example/", "%09//evil.example/",
	"%20//evil.example/", "%00//evil.example/", "//evil.example/", "///evil.example/",
	"/%5Cevil.example/", "%5C/evil.example/", "/%5C/evil.example/", "%2F%2Fevil.example/",
	"/%2F/evil.example", "/%252F/evil.example", "/%25252F/evil.example", "/%255C/evil.example",
	"/%2509/evil.example", "https://evil.example/", "https:evil.example", "HTTPS:%5C%5Cevil.example",
	"/.//evil.example/", "/%2E%2E//evil.example/", "/%EF%BC%8F%EF%BC%8Fevil.example", "%EF%BC%8F%EF%BC%8Fevil.example",
	"//user@evil.example/", "javascript:alert(1)",
}

var nextRE = regexp.MustCompile(`name="next" value="([^"]*)"`)

// roundTrip sends one request and reads the answer, following no redirect: http.Client
// refuses a Location it cannot parse before any CheckRedirect sees it, and a broken Location
// is what this test looks for.
func roundTrip(tb testing.TB, jar http.CookieJar, method, u string, form url.Values) (*http.Response, string) {
	tb.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(form.Encode()))
	if err != nil {
		tb.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.Header.Set("Accept", "text/html")
	for _, c := range jar.Cookies(req.URL) {
		req.AddCookie(c)
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, u, err)
	}
	defer resp.Body.Close()
	jar.SetCookies(req.URL, resp.Cookies())
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestRedirect_StaysOnSite(t *testing.T) {
	db, s := MustOpenDemoServer(t)
	pw := MustUser(t, db, "alice", docket.Editor, false)
	base, _ := url.Parse(s.URL())

	t.Run("Language", func(t *testing.T) {
		jar, _ := cookiejar.New(nil)
		for _, next := range nextAttacks {
			resp, _ := roundTrip(t, jar, "GET", s.URL()+"/lang/en?next="+next, nil)
			if resp.StatusCode != http.StatusSeeOther {
				t.Errorf("/lang/en?next=%s: %d, want 303", next, resp.StatusCode)
				continue
			}
			wantOnSite(t, "/lang/en?next="+next, base, resp.Header.Get("Location"))
		}
		// And where it should go, it goes.
		resp, _ := roundTrip(t, jar, "GET", s.URL()+"/lang/en?next="+url.QueryEscape("/entity/person-baiturova?flash=1#f"), nil)
		if loc := resp.Header.Get("Location"); loc != "/entity/person-baiturova?flash=1&lang=en#f" { // the public's language is in the address
			t.Errorf("/lang/en with a path of the site: Location %q", loc)
		}
	})

	t.Run("Login", func(t *testing.T) {
		for _, next := range nextAttacks {
			jar, _ := cookiejar.New(nil)
			// The form carries next on from the link...
			_, page := roundTrip(t, jar, "GET", s.URL()+"/login?next="+next, nil)
			m := nextRE.FindStringSubmatch(page)
			if m == nil {
				t.Fatalf("the sign-in form has no next field:\n%s", clip([]byte(page)))
			}
			wantOnSite(t, "the sign-in form's next for "+next, base, html.UnescapeString(m[1]))
			// ...and the sign-in goes there; a forged form posts it as it likes.
			value, err := url.QueryUnescape(next)
			if err != nil {
				t.Fatal(err)
			}
			resp, _ := roundTrip(t, jar, "POST", s.URL()+"/login", url.Values{"csrf": {csrfOf(t, page)}, "name": {"alice"}, "password": {pw}, "next": {value}})
			if resp.StatusCode != http.StatusSeeOther {
				t.Errorf("sign-in with next=%s: %d, want 303", next, resp.StatusCode)
				continue
			}
			wantOnSite(t, "sign-in with next="+next, base, resp.Header.Get("Location"))
		}
	})
}
