package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/docketorg/docket/internal/needs"
)

// Browser tests: the real server, started by Main on a free port over a temporary SQLite store
// with the demo loaded, driven by a real headless Chromium as a person would use it. Without
// Chromium they skip here, and fail in CI, where scripts/test installs it.
//
// DOCKET_SCREENSHOTS=DIR keeps the screenshots of the demo's pages in DIR; by default they go
// to a temporary directory that is removed.

// chromium returns the browser to drive.
func chromium(tb testing.TB) string {
	tb.Helper()
	for _, p := range []string{os.Getenv("DOCKET_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	needs.Missing(tb, "Chromium is not installed (apt-get install chromium, or run ./scripts/test): skipping the browser tests")
	return ""
}

// serveDemo starts docket serve on a free port over a new store with the demo loaded and the
// users given as name, role, cleared ("yes" or ""); it returns the server's URL.
func serveDemo(t *testing.T, users ...[3]string) string {
	t.Helper()
	d := MustDemo(t)
	for _, u := range users {
		pwFile := filepath.Join(t.TempDir(), "pw")
		if err := os.WriteFile(pwFile, []byte("pw-of-"+u[0]+"-long\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		args := []string{"user", "add", u[0], "--role", u[1], "--password-file", pwFile, "--data", d}
		if u[2] == "yes" {
			args = append(args, "--cleared")
		}
		mustRun(t, args...)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan int, 1)
	var errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &syncWriter{w: &errb}, Getenv: testenv(t), Ready: func(u string) { ready <- u }}
	go func() { done <- m.Run(ctx, []string{"serve", "--data", d, "--addr", "127.0.0.1:0"}) }()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	select {
	case u := <-ready:
		return u
	case code := <-done:
		t.Fatalf("serve exited %d", code)
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not start")
	}
	return ""
}

// browser starts a headless Chromium with a fresh profile and returns a tab's context.
func browser(t *testing.T) context.Context {
	t.Helper()
	exe := chromium(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox, // as root, Chromium's sandbox cannot start
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		// No internet here: without these Chromium floods the network with refused calls home.
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("lang", "en-GB"),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}

// do runs steps and fails the test with what was asked.
func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

func html(t *testing.T, ctx context.Context) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.outerHTML`))
	if err != nil {
		t.Fatalf("read the page: %v", err)
	}
	return s
}

// heading is an entity page's heading without its footnote mark.
func heading(t *testing.T, ctx context.Context) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".entity-head h1").firstChild.textContent`))
	if err != nil {
		t.Fatalf("read the heading: %v", err)
	}
	return s
}

func attr(t *testing.T, ctx context.Context, sel, name string) string {
	t.Helper()
	r, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(sel), name))
	if err != nil || !r.Exists {
		t.Fatalf("%s has no %s (%v)", sel, name, err)
	}
	return r.Value
}

func location(t *testing.T, ctx context.Context) string {
	t.Helper()
	u, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// login signs in through the form, as a person does.
func login(t *testing.T, ctx context.Context, base, name string) {
	t.Helper()
	do(t, ctx, "sign in as "+name,
		chromedp.Navigate(base+"/"),
		chromedp.Click(chromedp.CSS(`header .who a[href^="/login"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#name`)),
		chromedp.SendKeys(chromedp.CSS(`#name`), name),
		chromedp.SendKeys(chromedp.CSS(`#password`), "pw-of-"+name+"-long"),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`header .who .user`)),
	)
	if got := text(t, ctx, `header .who .user`); !strings.Contains(got, name) {
		t.Fatalf("after signing in the header says %q, want %s", got, name)
	}
}

func TestBrowser_Workflow(t *testing.T) {
	base := serveDemo(t, [3]string{"alice", "editor", "yes"})
	ctx := browser(t)
	login(t, ctx, base, "alice")

	const caseName = "Case of Yerlan Dzhaksybekov"
	const sourceURL = "https://example.org/news/dzhaksybekov-arrest"
	var caseURL string
	t.Run("CreateCaseWithSourcedFact", func(t *testing.T) {
		do(t, ctx, "open the new-record form",
			chromedp.Navigate(base+"/"),
			chromedp.Click(chromedp.CSS(`a.button[href="/new?schema=Case"]`)),
			chromedp.WaitVisible(chromedp.CSS(`#name`)),
		)
		// Without a source the form comes back with the input and a message naming the field.
		do(t, ctx, "send it without a source",
			chromedp.SendKeys(chromedp.CSS(`#name`), caseName),
			chromedp.Click(chromedp.CSS(`form[action="/new"] button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`.error-summary`)),
		)
		if msg := text(t, ctx, `.error-summary`); !strings.Contains(msg, "Source") {
			t.Fatalf("the error does not name the source field: %q", msg)
		}
		if v := attr(t, ctx, `#name`, "value"); v != caseName {
			t.Fatalf("the form lost the name: %q", v)
		}
		do(t, ctx, "give a source URL and send it",
			chromedp.SendKeys(chromedp.CSS(`#url`), sourceURL),
			chromedp.SendKeys(chromedp.CSS(`#source_title`), "Activist arrested in Aktobe"),
			chromedp.SendKeys(chromedp.CSS(`#locator`), "para. 1"),
			chromedp.Click(chromedp.CSS(`form[action="/new"] button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`.entity-head h1`)),
		)
		if h := heading(t, ctx); h != caseName {
			t.Fatalf("the new page's heading is %q", h)
		}
		caseURL = location(t, ctx)
		caseURL = caseURL[:strings.IndexAny(caseURL+"?", "?")]
	})

	t.Run("FootnoteLinksToSource", func(t *testing.T) {
		do(t, ctx, "open the case", chromedp.Navigate(caseURL), chromedp.WaitVisible(chromedp.CSS(`sup.fn a`)))
		href := attr(t, ctx, `.entity-head h1 sup.fn a`, "href")
		if !strings.HasSuffix(href, "#fn1") {
			t.Fatalf("the footnote mark links to %q, want #fn1", href)
		}
		if got := attr(t, ctx, `#fn1 a.url`, "href"); got != sourceURL {
			t.Fatalf("footnote 1 links to %q, want %s", got, sourceURL)
		}
		do(t, ctx, "follow the footnote", chromedp.Click(chromedp.CSS(`.entity-head h1 sup.fn a`)))
		if loc := location(t, ctx); !strings.HasSuffix(loc, "#fn1") {
			t.Fatalf("clicking the footnote mark went to %s", loc)
		}
	})

	t.Run("FindByTransliteratedSpelling", func(t *testing.T) {
		for _, q := range []string{"Джаксыбеков", "Jaksybekov", "dzhaksybekov"} {
			do(t, ctx, "search "+q,
				chromedp.Navigate(base+"/"),
				chromedp.SendKeys(chromedp.CSS(`#q`), q),
				chromedp.Submit(chromedp.CSS(`#q`)),
				chromedp.WaitVisible(chromedp.CSS(`.results`)),
			)
			if hits := text(t, ctx, `ol.hits`); !strings.Contains(hits, caseName) {
				t.Errorf("searching %q finds %q, not the case", q, hits)
			}
		}
		// Suggestions as one types.
		do(t, ctx, "type into the search box",
			chromedp.Navigate(base+"/"),
			chromedp.SendKeys(chromedp.CSS(`#q`), "Джаксыб"),
			chromedp.WaitVisible(chromedp.CSS(`#suggestions li`)),
		)
		if s := text(t, ctx, `#suggestions`); !strings.Contains(s, caseName) {
			t.Errorf("suggestions for Джаксыб: %q", s)
		}
	})

	t.Run("CorrectAndSeeHistory", func(t *testing.T) {
		const corrected = "Case of Yerlan Dzhaksybekov (Aktobe)"
		do(t, ctx, "open the correction form",
			chromedp.Navigate(caseURL),
			chromedp.Click(chromedp.CSS(`.actions a.name-fix`)),
			chromedp.WaitVisible(chromedp.CSS(`#reason`)),
			chromedp.SetValue(chromedp.CSS(`#value`), corrected),
			chromedp.SendKeys(chromedp.CSS(`#reason`), "the city was missing"),
			chromedp.Click(chromedp.CSS(`form[action$="/correct"] button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`.flash`)),
		)
		if h := heading(t, ctx); h != corrected {
			t.Fatalf("after the correction the heading is %q", h)
		}
		do(t, ctx, "open the history",
			chromedp.Click(chromedp.CSS(`.actions a[href$="/history"]`)),
			chromedp.WaitVisible(chromedp.CSS(`ol.changes`)),
		)
		h := text(t, ctx, `ol.changes`)
		for _, want := range []string{"Corrected", corrected, "the city was missing", "alice", caseName} {
			if !strings.Contains(h, want) {
				t.Errorf("the history lacks %q:\n%s", want, h)
			}
		}
	})

	// A confidential witness, recorded through the forms by the cleared editor, and a public
	// reference to her from a public event.
	const witness = "Zhanar Confidentova"
	var before string
	anon := func(t *testing.T) context.Context {
		actx, cancel := chromedp.NewContext(ctx, chromedp.WithNewBrowserContext()) // a new browser context: no cookies
		t.Cleanup(cancel)
		return actx
	}
	t.Run("RecordConfidentialWitness", func(t *testing.T) {
		a := anon(t)
		do(t, a, "count persons as the public", chromedp.Navigate(base+"/search?schema=Person"), chromedp.WaitVisible(chromedp.CSS(`.results`)))
		before = attr(t, a, `[data-total]`, "data-total")
		do(t, ctx, "record the witness",
			chromedp.Navigate(base+"/new?schema=Person"),
			chromedp.WaitVisible(chromedp.CSS(`#name`)),
			chromedp.SendKeys(chromedp.CSS(`#name`), witness),
			chromedp.SetValue(chromedp.CSS(`#entity_sensitivity`), "confidential"),
			chromedp.SetValue(chromedp.CSS(`#sensitivity`), "confidential"),
			chromedp.SendKeys(chromedp.CSS(`#url`), "https://example.org/interview-notes"),
			chromedp.Click(chromedp.CSS(`form[action="/new"] button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`.entity-head h1`)),
		)
		loc := location(t, ctx)
		id := loc[strings.LastIndex(loc, "/")+1:]
		id = id[:strings.IndexAny(id+"?", "?")]
		do(t, ctx, "name her a witness of the detention",
			chromedp.Navigate(base+"/entity/event-detention/facts/new"),
			chromedp.WaitVisible(chromedp.CSS(`#property`)),
			chromedp.SetValue(chromedp.CSS(`#property`), "witness"),
			chromedp.SendKeys(chromedp.CSS(`#value`), id),
			chromedp.SetValue(chromedp.CSS(`#source`), "src-odf-2019-02-11"),
			chromedp.SetValue(chromedp.CSS(`#sensitivity`), "public"),
			chromedp.Click(chromedp.CSS(`form[action$="/facts"] button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`.flash`)),
		)
		if !strings.Contains(html(t, ctx), witness) {
			t.Fatal("the cleared editor does not see the witness on the detention's page")
		}
	})

	t.Run("AnonymousSeesNoWitness", func(t *testing.T) {
		a := anon(t)
		for _, path := range []string{"/", "/entity/event-detention", "/entity/case-akberdiyeva", "/history",
			"/search?schema=Person", "/search?q=Zhanar", "/source/src-odf-2019-02-11", "/stats", "/entity/person-kenzhaliyev"} {
			do(t, a, "open "+path, chromedp.Navigate(base+path), chromedp.WaitReady(chromedp.CSS(`footer`)))
			if page := html(t, a); strings.Contains(page, witness) || strings.Contains(page, "Confidentova") {
				t.Errorf("LEAK: %s shows the confidential witness to an anonymous visitor", path)
			}
		}
		do(t, a, "search", chromedp.Navigate(base+"/search?q=Confidentova"), chromedp.WaitVisible(chromedp.CSS(`.results`)))
		// The page repeats the query, of course; the results must not hold her.
		if n := attr(t, a, `[data-total]`, "data-total"); n != "0" || strings.Contains(text(t, a, `ol.hits`), "Zhanar") {
			t.Errorf("the public's search finds %s results for the witness", n)
		}
		do(t, a, "count persons", chromedp.Navigate(base+"/search?schema=Person"), chromedp.WaitVisible(chromedp.CSS(`.results`)))
		if after := attr(t, a, `[data-total]`, "data-total"); after != before {
			t.Errorf("the public's count of persons went from %s to %s when a confidential witness was added", before, after)
		}
		// Suggestions as the public types her name.
		do(t, a, "type her name",
			chromedp.Navigate(base+"/"),
			chromedp.SendKeys(chromedp.CSS(`#q`), "Confidento"),
			chromedp.Sleep(1200*time.Millisecond),
		)
		if s, _ := chromedp.Run(a, chromedp.Evaluate[string](`document.getElementById("suggestions").textContent`)); strings.Contains(s, "Confidentova") {
			t.Errorf("LEAK: suggestions show the witness to the public: %q", s)
		}
		got, err := chromedp.Run(a, chromedp.Evaluate[string](`fetch("/suggest?q=Confidentova").then(r => r.text())`, chromedp.EvalAwaitPromise))
		if err != nil || strings.Contains(got, "Confidentova") || !strings.Contains(got, `"suggestions": []`) {
			t.Errorf("LEAK or error: /suggest as the public = %q, %v", got, err)
		}
		// The cleared editor's suggestions do show her: the test above is not vacuous. Her
		// name is sealed, found by whole words (keyed terms), not by a prefix.
		do(t, ctx, "type her name, cleared",
			chromedp.Navigate(base+"/"),
			chromedp.SendKeys(chromedp.CSS(`#q`), "Confidentova"),
			chromedp.WaitVisible(chromedp.CSS(`#suggestions li`)),
		)
	})
}

// TestBrowser_Screenshots photographs the demo's home, person and case pages at desktop and
// phone widths, in English and Russian, and checks that nothing is wider than the screen.
func TestBrowser_Screenshots(t *testing.T) {
	base := serveDemo(t)
	ctx := browser(t)
	dir := os.Getenv("DOCKET_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	pages := []struct{ name, path string }{
		{"home", "/"},
		{"person", "/entity/person-kenzhaliyev"},
		{"case", "/entity/case-akberdiyeva"},
		{"search", "/search?q=Bayturova"},
	}
	widths := []struct {
		name   string
		w, h   int64
		mobile bool
	}{{"desktop", 1280, 900, false}, {"phone", 390, 844, true}}
	for _, lang := range []string{"en", "ru"} {
		do(t, ctx, "choose "+lang, chromedp.Navigate(base+"/lang/"+lang+"?next=/"))
		if loc, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.search`)); loc != "?lang="+lang {
			t.Errorf("choosing %s led to %q, want the page with lang=%s", lang, loc, lang)
		}
		for _, wd := range widths {
			var opts []chromedp.EmulateViewportOption
			if wd.mobile {
				opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateScale(2))
			}
			for _, p := range pages {
				var png []byte
				path := p.path + map[bool]string{true: "&", false: "?"}[strings.Contains(p.path, "?")] + "lang=" + lang
				do(t, ctx, "open "+path, chromedp.EmulateViewport(wd.w, wd.h, opts...), chromedp.Navigate(base+path), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
				// Nothing may need sideways scrolling on a phone.
				if over, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`)); err != nil || over {
					t.Errorf("%s at %s (%s) is wider than the screen (%v)", p.path, wd.name, lang, err)
				}
				png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
				if err != nil {
					t.Fatalf("screenshot %s: %v", p.path, err)
				}
				file := filepath.Join(dir, p.name+"-"+wd.name+"-"+lang+".png")
				if err := os.WriteFile(file, png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		if lang == "ru" {
			if h := text(t, ctx, `nav.main`); !strings.Contains(h, "Обзор") {
				t.Errorf("after choosing Russian the navigation reads %q", h)
			}
		}
	}
	t.Logf("screenshots in %s", dir)
}

// syncWriter serialises writes from the server's goroutines.
type syncWriter struct {
	w  io.Writer
	mu chan struct{}
}

func (s *syncWriter) Write(p []byte) (int, error) {
	if s.mu == nil {
		s.mu = make(chan struct{}, 1)
	}
	s.mu <- struct{}{}
	defer func() { <-s.mu }()
	return s.w.Write(p)
}
