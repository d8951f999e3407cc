package main

import (
	"context"
	"encoding/base32"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/webauthn"
	"github.com/chromedp/chromedp"
	"github.com/docketorg/docket/auth"
)

// virtualKey gives the tab a security key: Chromium's virtual authenticator (the DevTools
// protocol's WebAuthn domain), CTAP2 over USB, which answers at once, as a person touching it.
func virtualKey(t *testing.T, ctx context.Context) {
	t.Helper()
	do(t, ctx, "add a virtual authenticator", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, webauthn.Enable, webauthn.EnableParams{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, webauthn.AddVirtualAuthenticator, webauthn.AddVirtualAuthenticatorParams{Options: &webauthn.VirtualAuthenticatorOptions{
			Protocol: webauthn.AuthenticatorProtocolCtap2, Transport: webauthn.AuthenticatorTransportUsb,
			HasResidentKey: true, HasUserVerification: true, IsUserVerified: true, AutomaticPresenceSimulation: true}})
		return err
	}))
}

// password signs in with the name and password alone, as a person does, and returns where the
// browser landed.
func password(t *testing.T, ctx context.Context, base, name string) string {
	t.Helper()
	do(t, ctx, "sign in with the password of "+name,
		chromedp.Navigate(base+"/login?next=/account"),
		chromedp.WaitVisible(chromedp.CSS(`#name`)),
		chromedp.SendKeys(chromedp.CSS(`#name`), name),
		chromedp.SendKeys(chromedp.CSS(`#password`), "pw-of-"+name+"-long"),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type=submit]`)),
		// The second step, or the session's header: not the sign-in page the click leaves.
		chromedp.WaitVisible(chromedp.CSS(`#second-step, header .who .user`)),
	)
	return location(t, ctx)
}

func signOut(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	do(t, ctx, "sign out",
		chromedp.Navigate(base+"/"),
		chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`header .who a[href^="/login"]`)),
	)
}

func signedInAs(t *testing.T, ctx context.Context) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector("header .who .user") || {textContent: ""}).textContent`))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// screenshot keeps a picture of the page in $DOCKET_SCREENSHOTS, if set.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("DOCKET_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.Action[[]byte](func(ctx context.Context, tg *chromedp.Target) ([]byte, error) {
		r, err := cdp.Call(ctx, tg, page.CaptureScreenshot, page.CaptureScreenshotParams{CaptureBeyondViewport: ptr(true)})
		return r.Data, err
	}))
	if err == nil {
		os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644)
	}
}

// TestBrowser_SecondFactor: in real Chromium, at localhost (WebAuthn needs a name), a cleared
// editor enrols an authenticator app (the code computed from the key the page shows) and a
// security key (Chromium's virtual authenticator), signs in with each, is refused with a wrong
// code, a used code and a replayed assertion, and is not signed in by the password alone; an
// admin then reads every step in the security log.
func TestBrowser_SecondFactor(t *testing.T) {
	base := strings.Replace(serveDemo(t, [3]string{"ana", "editor", "yes"}, [3]string{"boss", "admin", ""}), "127.0.0.1", "localhost", 1)
	ctx := browser(t)
	virtualKey(t, ctx)
	login(t, ctx, base, "ana")

	var key []byte
	var enrolStep int64
	t.Run("EnrolApp", func(t *testing.T) {
		do(t, ctx, "start an authenticator app",
			chromedp.Navigate(base+"/account"),
			chromedp.Click(chromedp.CSS(`#add-totp`)),
			chromedp.WaitVisible(chromedp.CSS(`#totp-secret`)),
		)
		if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#totp-enrol svg.qr path").length`)); err != nil || n != 1 {
			t.Fatalf("no QR code on the page (%v)", err)
		}
		screenshot(t, ctx, "totp-enrol")
		var err error
		key, err = base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(strings.ReplaceAll(text(t, ctx, `#totp-secret`), " ", ""))
		if err != nil {
			t.Fatalf("the key on the page: %v", err)
		}
		do(t, ctx, "type a wrong code",
			chromedp.SendKeys(chromedp.CSS(`#factor-name`), "phone"),
			chromedp.SendKeys(chromedp.CSS(`#confirm-code`), auth.TOTPCode(key, auth.TOTPStep(time.Now())-9)),
			chromedp.Submit(chromedp.CSS(`#confirm-code`)),
			chromedp.WaitVisible(chromedp.CSS(`#factors .error-summary`)),
		)
		if msg := text(t, ctx, `#factors .error-summary`); !strings.Contains(msg, "the code is not right") {
			t.Fatalf("a wrong code says %q", msg)
		}
		enrolStep = auth.TOTPStep(time.Now())
		do(t, ctx, "type the code the app would show",
			chromedp.SendKeys(chromedp.CSS(`#confirm-code`), auth.TOTPCode(key, enrolStep)),
			chromedp.Submit(chromedp.CSS(`#confirm-code`)),
			chromedp.WaitVisible(chromedp.CSS(`#recovery-codes`)),
		)
		if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#recovery-codes li").length`)); n != 10 {
			t.Fatalf("%d recovery codes shown, want 10", n)
		}
	})

	t.Run("EnrolKey", func(t *testing.T) {
		do(t, ctx, "add the security key",
			chromedp.Navigate(base+"/account"),
			chromedp.WaitVisible(chromedp.CSS(`#webauthn-register button`)),
			chromedp.SendKeys(chromedp.CSS(`#key-name`), "blue key"),
			chromedp.Click(chromedp.CSS(`#webauthn-register button`)),
			chromedp.WaitVisible(chromedp.CSS(`#factors .flash`)),
		)
		if f := text(t, ctx, `#factors`); !strings.Contains(f, "blue key") || !strings.Contains(f, "phone") {
			t.Fatalf("the account's factors after adding the key:\n%s", f)
		}
		screenshot(t, ctx, "account-factors")
	})

	t.Run("AppSignIn", func(t *testing.T) {
		signOut(t, ctx, base)
		if loc := password(t, ctx, base, "ana"); !strings.Contains(loc, "/login/second") {
			t.Fatalf("the password led to %s, not the second step", loc)
		}
		if who := signedInAs(t, ctx); who != "" {
			t.Fatalf("signed in by the password alone: %q", who)
		}
		screenshot(t, ctx, "second-step")
		// The code that enrolled the app was used: refused.
		do(t, ctx, "type the code used to enrol",
			chromedp.SendKeys(chromedp.CSS(`#code`), auth.TOTPCode(key, enrolStep)),
			chromedp.Submit(chromedp.CSS(`#code`)),
			chromedp.WaitVisible(chromedp.CSS(`.error-summary`)),
		)
		if msg := text(t, ctx, `.error-summary`); !strings.Contains(msg, "used already") {
			t.Fatalf("a used code says %q", msg)
		}
		do(t, ctx, "type the next code",
			chromedp.SendKeys(chromedp.CSS(`#code`), auth.TOTPCode(key, enrolStep+1)),
			chromedp.Submit(chromedp.CSS(`#code`)),
			chromedp.WaitVisible(chromedp.CSS(`header .who .user`)),
		)
		if who := signedInAs(t, ctx); !strings.Contains(who, "ana") {
			t.Fatalf("after the code: %q", who)
		}
	})

	t.Run("KeySignIn", func(t *testing.T) {
		signOut(t, ctx, base)
		password(t, ctx, base, "ana")
		// Keep what the page sends, to send it again below, as one who recorded it would.
		do(t, ctx, "use the security key",
			chromedp.WaitVisible(chromedp.CSS(`#webauthn-login button`)),
			chromedp.Evaluate[chromedp.Void](`(() => { const submit = HTMLFormElement.prototype.submit;
				HTMLFormElement.prototype.submit = function () { localStorage.setItem("assertion", this.elements.credential.value); submit.call(this); }; })()`),
			chromedp.Click(chromedp.CSS(`#webauthn-login button`)),
			chromedp.WaitVisible(chromedp.CSS(`header .who .user`)),
		)
		if who := signedInAs(t, ctx); !strings.Contains(who, "ana") {
			t.Fatalf("after the key: %q", who)
		}
	})

	t.Run("Refused", func(t *testing.T) {
		signOut(t, ctx, base)
		password(t, ctx, base, "ana")
		// Without the second factor there is no session: the account page asks to sign in.
		do(t, ctx, "open the account page", chromedp.Navigate(base+"/account"), chromedp.WaitVisible(chromedp.CSS(`#password`)))
		if loc := location(t, ctx); !strings.Contains(loc, "/login") {
			t.Fatalf("the account page without a second factor: %s", loc)
		}
		password(t, ctx, base, "ana")
		// The recorded assertion, sent again: with no challenge open, then against a new one.
		replay := `(async () => {
			const csrf = document.querySelector('#webauthn-login input[name=csrf]').value;
			const post = (url, data) => fetch(url, {method: "POST", body: new URLSearchParams(data), headers: {Accept: "text/html"}});
			const a = await post("/login/second/webauthn", {csrf, credential: localStorage.getItem("assertion"), next: "/account"});
			await post("/login/second/webauthn/begin", {csrf});
			const b = await post("/login/second/webauthn", {csrf, credential: localStorage.getItem("assertion"), next: "/account"});
			return a.status + " " + b.status + " " + (await b.text()).includes("does not hold");
		})()`
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](replay, chromedp.EvalAwaitPromise))
		if err != nil || got != "401 401 true" {
			t.Fatalf("a replayed assertion: %q, %v; want both refused (401)", got, err)
		}
		do(t, ctx, "reload", chromedp.Navigate(base+"/account"), chromedp.WaitVisible(chromedp.CSS(`h1`)))
		if who := signedInAs(t, ctx); who != "" {
			t.Fatalf("signed in by a replayed assertion: %q", who)
		}
	})

	t.Run("SecurityLog", func(t *testing.T) {
		actx, cancel := chromedp.NewContext(ctx, chromedp.WithNewBrowserContext())
		defer cancel()
		login(t, actx, base, "boss")
		do(t, actx, "read the security log about ana",
			chromedp.Navigate(base+"/admin/security?user=ana"),
			chromedp.WaitVisible(chromedp.CSS(`table.security-log`)),
		)
		screenshot(t, actx, "security-log")
		rows, err := chromedp.Run(actx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("table.security-log tbody tr")].reverse().map(tr =>
			[...tr.cells].slice(2, 7).map(td => td.textContent.trim()).join("|"))`))
		if err != nil {
			t.Fatal(err)
		}
		want := []string{
			"account created|ok|tester|ana|",
			"sign-in|ok|ana|ana|password",
			"second factor added|ok|ana|ana|totp",
			"second factor added|ok|ana|ana|webauthn",
			"sign-in|failed||ana|totp",
			"sign-in|ok|ana|ana|totp",
			"sign-in|ok|ana|ana|webauthn",
			"sign-in|failed||ana|webauthn",
			"sign-in|failed||ana|webauthn",
		}
		if strings.Join(rows, "\n") != strings.Join(want, "\n") {
			t.Fatalf("the security log about ana:\n%s\nwant:\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
		}
	})
}
