package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/signintech/gopdf"

	"github.com/docketorg/docket/internal/needs"
)

// seedText returns the seed press release, or skips (fails in CI) where ../shared/ is absent.
func seedText(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "seed", "000_213e37dae10c8b14.txt"))
	if err != nil {
		needs.Missing(tb, "the seed press release is not here (%v): it lives in the shared folder beside the checkout", err)
	}
	return string(b)
}

// pressReleasePDF writes text as a PDF, a line of the text a line of the page, as a word
// processor would print a press release, with its author in the PDF's Info.
func pressReleasePDF(tb testing.TB, text string) []byte {
	tb.Helper()
	pdf := gopdf.GoPdf{}
	pdf.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4})
	pdf.SetInfo(gopdf.PdfInfo{Author: "Press Officer Of The NGO", Title: "Press release"})
	if err := pdf.AddTTFFont("dv", filepath.Join("..", "..", "report", "fonts", "DejaVuSans.ttf")); err != nil {
		tb.Fatal(err)
	}
	y := 900.0
	for _, l := range strings.Split(text, "\n") {
		if y > 800 {
			pdf.AddPage()
			if err := pdf.SetFont("dv", "", 9); err != nil {
				tb.Fatal(err)
			}
			y = 40
		}
		pdf.SetXY(30, y)
		if strings.TrimSpace(l) != "" {
			pdf.Cell(nil, strings.TrimRight(l, " \r"))
		}
		y += 12
	}
	var b bytes.Buffer
	if _, err := pdf.WriteTo(&b); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// serveStore starts docket serve over the store d, made by the caller; it returns the URL.
func serveStore(t *testing.T, d string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan int, 1)
	m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &syncWriter{w: &bytes.Buffer{}}, Getenv: testenv(t), Ready: func(u string) { ready <- u }}
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

func addUser(t *testing.T, d, name, role string) {
	t.Helper()
	pw := filepath.Join(t.TempDir(), "pw")
	os.WriteFile(pw, []byte("pw-of-"+name+"-long\n"), 0o600)
	mustRun(t, "user", "add", name, "--role", role, "--password-file", pw, "--data", d)
}

func logout(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	do(t, ctx, "sign out", chromedp.Navigate(base+"/"), chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)), chromedp.WaitVisible(chromedp.CSS(`header .who a[href^="/login"]`)))
}

// count returns how many elements match a selector.
func count(t *testing.T, ctx context.Context, sel string) int {
	t.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+jsString(sel)+`).length`))
	if err != nil {
		t.Fatalf("count %s: %v", sel, err)
	}
	return n
}

func jsString(s string) string {
	return "'" + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), `'`, `\'`) + "'"
}

// TestBrowser_Documents: a researcher uploads a PDF press release and sees its quotes
// highlighted; an editor links the proposed judge to the record the registry has under another
// spelling, accepts all of a proceeding at once, rejects an event with a reason, and finds the
// case's page footnoted to the document; the same file again is recognised; an editor merges a
// suggested duplicate and unmerges it.
func TestBrowser_Documents(t *testing.T) {
	seed := seedText(t)
	dir := t.TempDir()
	d := filepath.Join(dir, "data")
	// The registry knows the judge under another spelling, and one person twice.
	out := mustRun(t, "add", "Person", "name=Baiturova Gulnara Serikovna", "occupation=judge", "--source", "https://example.org/judges-of-aktau", "--data", d)
	judgeID := strings.Fields(out)[2]
	mustRun(t, "add", "Person", "name=Almat Zhumagulov", "occupation=lawyer", "--source", "https://example.org/lawyers", "--data", d)
	mustRun(t, "add", "Person", "name=Алмат Жумагулов", "--new", "--source", "https://example.org/lawyers-ru", "--data", d)
	addUser(t, d, "rita", "researcher")
	addUser(t, d, "ed", "editor")
	pdfPath := filepath.Join(dir, "press-release.pdf")
	if err := os.WriteFile(pdfPath, pressReleasePDF(t, seed), 0o600); err != nil {
		t.Fatal(err)
	}
	base := serveStore(t, d)
	ctx := browser(t)

	login(t, ctx, base, "rita")
	do(t, ctx, "upload the PDF press release",
		chromedp.Navigate(base+"/"),
		chromedp.Click(chromedp.CSS(`nav.main a[href="/documents"]`)),
		chromedp.Click(chromedp.CSS(`a.button[href="/documents/new"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#file`)),
		chromedp.SetUploadFiles(chromedp.CSS(`#file`), []string{pdfPath}),
		chromedp.Click(chromedp.CSS(`form.upload button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.doc-text`)),
	)
	reviewURL, _, _ := strings.Cut(location(t, ctx), "?")
	if !regexp.MustCompile(`/documents/doc[0-9a-z]+/review`).MatchString(reviewURL) {
		t.Fatalf("after the upload the browser is at %s, want the document's review", reviewURL)
	}
	// The quotes are highlighted in the text, and a highlight leads to its proposal.
	if n := count(t, ctx, `.doc-text mark.q.open`); n < 10 {
		t.Fatalf("%d highlighted quotes, want the proposals' words marked", n)
	}
	marked := text(t, ctx, `.doc-text`)
	if !strings.Contains(marked, "Kenzhaliyev") {
		t.Fatalf("the document's text is not shown: %.200q", marked)
	}
	href := attr(t, ctx, `.doc-text mark.q a`, "href")
	if count(t, ctx, `li.proposal[id="`+strings.TrimPrefix(href, "#")+`"]`) != 1 {
		t.Fatalf("the first highlight links to %s, which is no proposal", href)
	}
	if count(t, ctx, `.review-actions`) != 0 {
		t.Fatal("a researcher is offered to accept proposals")
	}
	logout(t, ctx, base)

	login(t, ctx, base, "ed")
	do(t, ctx, "open the review", chromedp.Navigate(reviewURL), chromedp.WaitVisible(chromedp.CSS(`.doc-text`)))
	// The judge is proposed as a new record, with the registry's Baiturova as a candidate.
	linkSel := `form[action$="/link"] input[name="into"][value="` + judgeID + `"]`
	if count(t, ctx, linkSel) == 0 {
		t.Fatalf("the proposed judge is not offered the record %s of another spelling:\n%s", judgeID, text(t, ctx, `.proposal-pane`))
	}
	do(t, ctx, "link the proposed judge to the registry's record",
		chromedp.Click(chromedp.CSS(`form[action$="/link"]:has(input[name="into"][value="`+judgeID+`"]) button`)),
		chromedp.WaitVisible(chromedp.CSS(`#rec-`+judgeID)),
	)
	if got := text(t, ctx, `#rec-`+judgeID+` h3`); !strings.Contains(got, "Baiturova Gulnara Serikovna") {
		t.Fatalf("after linking, the judge's proposals are on %q", got)
	}
	// Accept all of a proceeding in one action.
	procID, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('article.record[data-schema="Proceeding"]').id`))
	if err != nil || procID == "" {
		t.Fatalf("no proceeding proposed: %v", err)
	}
	open := count(t, ctx, `#`+procID+` li.proposal.open`)
	do(t, ctx, "accept all of the proceeding",
		chromedp.Navigate(reviewURL), chromedp.WaitVisible(chromedp.CSS(`.doc-text`)),
		chromedp.Click(chromedp.CSS(`#`+procID+` button.accept-record`)),
		chromedp.WaitVisible(chromedp.CSS(`p.flash`)),
	)
	if open < 2 || count(t, ctx, `#`+procID+` li.proposal.open`) != 0 || count(t, ctx, `#`+procID+` li.proposal.accepted`) != open {
		t.Fatalf("the proceeding had %d open proposals; after accepting all, %d open and %d accepted", open,
			count(t, ctx, `#`+procID+` li.proposal.open`), count(t, ctx, `#`+procID+` li.proposal.accepted`))
	}
	// Reject one event with a reason.
	evID, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('article.record[data-schema="Event"] li.proposal.open').id`))
	if err != nil || evID == "" {
		t.Fatalf("no event proposed: %v", err)
	}
	do(t, ctx, "reject an event's proposal with a reason",
		chromedp.Navigate(reviewURL), chromedp.WaitVisible(chromedp.CSS(`.doc-text`)),
		chromedp.SendKeys(chromedp.CSS(`#`+evID+` form.reject input[name="reason"]`), "not an event of this case"),
		chromedp.Click(chromedp.CSS(`#`+evID+` form.reject button`)),
		chromedp.WaitVisible(chromedp.CSS(`p.flash`)),
	)
	if count(t, ctx, `#`+evID+`.rejected`) != 1 {
		c, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.getElementById('`+evID+`')||{}).className + ' ' + location.href + ' ' + document.querySelector('p.flash').textContent`))
		t.Fatalf("the rejected proposal %s is not shown as rejected: %s", evID, c)
	}
	// Accept the case's own proposals; the case's page footnotes them to the document.
	caseID, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('article.record[data-schema="Case"]').id`))
	if caseID == "" {
		t.Fatal("no case proposed")
	}
	do(t, ctx, "accept the case", chromedp.Navigate(reviewURL), chromedp.WaitVisible(chromedp.CSS(`.doc-text`)), chromedp.Click(chromedp.CSS(`#`+caseID+` button.accept-record`)), chromedp.WaitVisible(chromedp.CSS(`p.flash`)))
	docID := regexp.MustCompile(`/documents/([^/]+)/review`).FindStringSubmatch(reviewURL)[1]
	do(t, ctx, "open the case", chromedp.Navigate(base+"/entity/"+strings.TrimPrefix(caseID, "rec-")), chromedp.WaitVisible(chromedp.CSS(`.entity-head h1`)))
	page := html(t, ctx)
	// The PDF's own title names its source; the footnotes lead to it.
	if !strings.Contains(page, `sup class="fn"`) || !regexp.MustCompile(`<cite>Press release</cite>, 11 February 2019 <a class="act" href="/source/src[0-9a-z]+"`).MatchString(page) {
		t.Fatalf("the case's page does not footnote its facts to the document:\n%s", regexp.MustCompile(`(?s)<ol class="footnotes.*?</ol>`).FindString(page))
	}
	// The same file again: recognised, nothing proposed.
	do(t, ctx, "upload the same file again",
		chromedp.Navigate(base+"/documents/new"),
		chromedp.SetUploadFiles(chromedp.CSS(`#file`), []string{pdfPath}),
		chromedp.Click(chromedp.CSS(`form.upload button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`p.flash`)),
	)
	if loc := location(t, ctx); !strings.Contains(loc, "/documents/"+docID) || !strings.Contains(text(t, ctx, `p.flash`), "uploaded before") {
		t.Fatalf("the same file again: at %s, told %q", loc, text(t, ctx, `p.flash`))
	}
	// A suggested duplicate merged, then unmerged.
	do(t, ctx, "open the possible duplicates",
		chromedp.Click(chromedp.CSS(`nav.main a[href="/duplicates"]`)),
		chromedp.WaitVisible(chromedp.CSS(`section.pair`)),
	)
	pair, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('section.pair')].filter(s => s.textContent.includes('Zhumagulov') || s.textContent.includes('Жумагулов')).map(s => s.dataset.a + ' ' + s.dataset.b)`))
	if len(pair) == 0 {
		t.Fatalf("Almat Zhumagulov, recorded twice in two scripts, is not suggested:\n%s", text(t, ctx, `main`))
	}
	ab := strings.Fields(pair[0])
	sel := `section.pair[data-a="` + ab[0] + `"][data-b="` + ab[1] + `"]`
	do(t, ctx, "merge them with a reason",
		chromedp.SendKeys(chromedp.CSS(sel+` input[name="reason"]`), "the same lawyer, in Cyrillic"),
		chromedp.Click(chromedp.CSS(sel+` button.merge-pair`)),
		chromedp.WaitVisible(chromedp.CSS(`form.unmerge`)),
	)
	if loc := location(t, ctx); !strings.Contains(loc, "/entity/"+ab[0]) {
		t.Fatalf("after the merge the browser is at %s", loc)
	}
	do(t, ctx, "unmerge with a reason",
		chromedp.SendKeys(chromedp.CSS(`form.unmerge input[name="reason"]`), "two men after all"),
		chromedp.Click(chromedp.CSS(`form.unmerge button`)),
		// Not p.flash: the merged page has one already, and would answer before the unmerge.
		chromedp.WaitNotPresent(chromedp.CSS(`form.unmerge`)),
		chromedp.WaitVisible(chromedp.CSS(`p.flash`)),
	)
	// The merge's page has a flash too, until the browser has moved on.
	waitFor(t, "the page after the unmerge", func() bool { return strings.Contains(location(t, ctx), "flash=unmerged") })
	if loc := location(t, ctx); !strings.Contains(loc, "/entity/"+ab[1]) || count(t, ctx, `form.unmerge`) != 0 {
		t.Fatalf("after the unmerge: at %s, %d unmerge forms", loc, count(t, ctx, `form.unmerge`))
	}
	if dir := os.Getenv("DOCKET_SCREENSHOTS"); dir != "" {
		chromedp.Do(ctx, chromedp.Navigate(reviewURL))
		if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(80)); err == nil {
			os.WriteFile(filepath.Join(dir, "document-review.jpg"), png, 0o644)
		}
	}
}
