package http_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/auth"
)

// BenchmarkSignIn measures the server's time for a whole sign-in over HTTP on the loopback,
// with the password alone and with each second factor, so that what a second factor adds is
// the difference: for TOTP one more request (the pending sign-in written, the code checked and
// taken), for a security key two (the challenge kept, the assertion checked, the credential's
// counter stored). The security key's signature is computed with the timer stopped: it is the
// browser's work. Passwords use cheap argon2id costs, the same for every case, so that the
// difference is not lost in the password's hashing. A sign-in ends at the redirect that
// carries the session cookie.
//
//	go test ./http -run '^$' -bench SignIn -benchtime 200x -count 5
func BenchmarkSignIn(b *testing.B) {
	db, srv, base := localServerOf(b)
	ctx := context.Background()
	now := time.Now()
	var steps atomic.Int64
	// Each TOTP sign-in is a period later than the last: a code is good once.
	srv.Now = func() time.Time { return now.Add(time.Duration(steps.Load()) * auth.TOTPPeriod) }
	key := []byte("01234567890123456789")
	for _, n := range []string{"plain", "app", "keyholder"} {
		MustUser(b, db, n, docket.Editor, false)
	}
	app, _, _ := db.PasswordHash(ctx, "app")
	if err := db.AddSecondFactor(ctx, app.Viewer(), "app", &docket.SecondFactor{Kind: docket.FactorTOTP, Secret: key}, nil); err != nil {
		b.Fatal(err)
	}
	holder, _, _ := db.PasswordHash(ctx, "keyholder")
	sk := newSoftKey(b, base, "localhost")
	{ // enrol the key through the web, as its holder
		c := MustLogin(b, base, "keyholder", "password-of-keyholder")
		_, page := getPage(b, c, base+"/account")
		csrf := csrfOf(b, page)
		opts := webauthnBegin(b, c, base+"/account/webauthn/begin", csrf)
		if resp, body := postForm(b, c, base+"/account/webauthn", url.Values{"csrf": {csrf}, "name": {"key"}, "credential": {sk.register(b, opts)}}); resp.StatusCode != http.StatusOK {
			b.Fatalf("enrolling the key: %d\n%s", resp.StatusCode, clip([]byte(body)))
		}
	}
	anon := &http.Client{Jar: newJar(), Timeout: httpClient.Timeout}
	_, page := getPage(b, anon, base+"/login")
	csrf := csrfOf(b, page)
	client := &http.Client{Timeout: httpClient.Timeout, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	// post sends a form with the pre-session CSRF cookie and the cookies given, and returns the
	// response's cookies and body.
	post := func(path string, form url.Values, cookies ...*http.Cookie) (int, []*http.Cookie, []byte) {
		form.Set("csrf", csrf)
		req, _ := http.NewRequest("POST", base+path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(&http.Cookie{Name: "docket_csrf", Value: csrf})
		for _, c := range cookies {
			req.AddCookie(c)
		}
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp.StatusCode, resp.Cookies(), body
	}
	cookie := func(cs []*http.Cookie, name string) *http.Cookie {
		for _, c := range cs {
			if c.Name == name && c.Value != "" {
				return c
			}
		}
		b.Fatalf("no cookie %s in %v", name, cs)
		return nil
	}
	password := func(name string) []*http.Cookie {
		status, cs, body := post("/login", url.Values{"name": {name}, "password": {"password-of-" + name}, "next": {"/account"}})
		if status != http.StatusSeeOther {
			b.Fatalf("sign-in of %s: %d\n%s", name, status, body)
		}
		return cs
	}

	b.Run("password", func(b *testing.B) {
		for b.Loop() {
			cookie(password("plain"), "docket_session")
		}
	})
	b.Run("password+totp", func(b *testing.B) {
		for b.Loop() {
			steps.Add(1)
			p := cookie(password("app"), "docket_pending")
			status, cs, body := post("/login/second/totp", url.Values{"code": {auth.TOTPCode(key, auth.TOTPStep(srv.Now()))}, "next": {"/account"}}, p)
			if status != http.StatusSeeOther {
				b.Fatalf("the TOTP step: %d\n%s", status, body)
			}
			cookie(cs, "docket_session")
		}
	})
	b.Run("password+webauthn", func(b *testing.B) {
		for b.Loop() {
			p := cookie(password("keyholder"), "docket_pending")
			status, _, opts := post("/login/second/webauthn/begin", url.Values{}, p)
			if status != http.StatusOK {
				b.Fatalf("the challenge: %d\n%s", status, opts)
			}
			b.StopTimer()
			assertion := sk.assert(b, opts, holder.ID)
			b.StartTimer()
			status, cs, body := post("/login/second/webauthn", url.Values{"credential": {assertion}, "next": {"/account"}}, p)
			if status != http.StatusSeeOther {
				b.Fatalf("the key: %d\n%s", status, body)
			}
			cookie(cs, "docket_session")
		}
	})
}
