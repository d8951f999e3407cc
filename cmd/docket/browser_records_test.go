package main

import (
	"encoding/csv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// tableJS reads the list's table as the page shows it: each row's cells' text, without the
// marks beside them (a draft's tag).
const tableJS = `Array.from(document.querySelectorAll("table#list tr")).map(tr => Array.from(tr.cells).map(td => {
	const c = td.cloneNode(true);
	c.querySelectorAll(".tag, [aria-hidden=true]").forEach(e => e.remove());
	return c.textContent.trim();
}))`

// TestBrowser_Records: working with records as a person does, in Chromium. A judge is linked
// through the picker by a Cyrillic spelling, without an id, and the new fact is internal since
// nobody chose otherwise; 30.03.2023 is a date; the Cases table sorts and filters, and its CSV
// is the table; the seed case's brief in Russian and Kazakh has no English heading.
func TestBrowser_Records(t *testing.T) {
	base := serveDemo(t, [3]string{"edna", "editor", ""})
	ctx := browser(t)
	login(t, ctx, base, "edna")

	t.Run("PickJudgeByCyrillicName", func(t *testing.T) {
		do(t, ctx, "open Add a fact",
			chromedp.Navigate(base+"/entity/proceeding-dzhumayev-appeal/facts/new"),
			chromedp.WaitVisible(chromedp.CSS(`#property`)),
			chromedp.SetValue(chromedp.CSS(`#property`), "judge"),
		)
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#property").dispatchEvent(new Event("change"))`)); err != nil {
			t.Fatal(err)
		}
		do(t, ctx, "type the judge's name in Cyrillic",
			chromedp.SendKeys(chromedp.CSS(`#value`), "Байтурова"),
			chromedp.WaitVisible(chromedp.CSS(`#value-suggestions li`)),
		)
		if s := text(t, ctx, `#value-suggestions`); !strings.Contains(s, "Gulnara Baiturova") {
			t.Fatalf("the picker suggests %q for Байтурова", s)
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const li = Array.from(document.querySelectorAll("#value-suggestions li")).find(li => li.textContent.includes("Gulnara Baiturova"));
			li.dispatchEvent(new MouseEvent("mousedown", {bubbles: true})); return true })()`)); err != nil {
			t.Fatal(err)
		}
		if id := attr(t, ctx, `input[type=hidden][name=pick]`, "value"); id != "person-baiturova" {
			t.Fatalf("the picker keeps %q, want person-baiturova", id)
		}
		if s := attr(t, ctx, `#sensitivity option[selected]`, "value"); s != "internal" {
			t.Errorf("a new fact's sensitivity is %q by default, want internal", s)
		}
		do(t, ctx, "choose a source and send it",
			chromedp.SetValue(chromedp.CSS(`#source`), "src-odf-2019-02-11"),
			chromedp.Click(chromedp.CSS(`form[action$="/facts"] button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`.flash`)),
			chromedp.Navigate(base+"/entity/proceeding-dzhumayev-appeal/history"),
			chromedp.WaitVisible(chromedp.CSS(`ol.changes`)),
		)
		if h := text(t, ctx, `ol.changes li:first-child`); !strings.Contains(h, "Judge Gulnara Baiturova") || !strings.Contains(h, "internal") {
			t.Errorf("the newest change is %q, want the judge added, internal", h)
		}
	})

	t.Run("DayFirstDate", func(t *testing.T) {
		do(t, ctx, "add a date as people write it",
			chromedp.Navigate(base+"/entity/event-pressure/facts/new"),
			chromedp.WaitVisible(chromedp.CSS(`#property`)),
			chromedp.SetValue(chromedp.CSS(`#property`), "date"),
			chromedp.SendKeys(chromedp.CSS(`#value`), "30.03.2023"),
			chromedp.SetValue(chromedp.CSS(`#source`), "src-odf-2019-02-11"),
			chromedp.Click(chromedp.CSS(`form[action$="/facts"] button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`.flash`)),
		)
		if !strings.Contains(html(t, ctx), "30 March 2023") {
			t.Error("30.03.2023 is not on the event's page as 30 March 2023")
		}
	})

	t.Run("CasesTable", func(t *testing.T) {
		read := func() [][]string {
			rows, err := chromedp.Run(ctx, chromedp.Evaluate[[][]string](tableJS))
			if err != nil {
				t.Fatal(err)
			}
			return rows
		}
		do(t, ctx, "sort the cases by date",
			chromedp.Navigate(base+"/cases"),
			chromedp.WaitVisible(chromedp.CSS(`table#list`)),
			chromedp.Click(chromedp.CSS(`table#list th a[href*="sort=date"]`)),
			chromedp.WaitVisible(chromedp.CSS(`table#list th[aria-sort=ascending]`)),
		)
		if rows := read(); len(rows) != 3 || rows[1][0] != "Case of Ablovas Dzhumayev" {
			t.Errorf("the cases by date: %q", rows)
		}
		do(t, ctx, "sort them the other way",
			chromedp.Click(chromedp.CSS(`table#list th a[href*="sort=date"]`)),
			chromedp.WaitVisible(chromedp.CSS(`table#list th[aria-sort=descending]`)),
		)
		if rows := read(); len(rows) != 3 || rows[1][0] != "Case of Aigul Akberdiyeva" {
			t.Errorf("the cases by date, newest first: %q", rows)
		}
		do(t, ctx, "keep the acquittals",
			chromedp.SetValue(chromedp.CSS(`#f-kind`), "acquitted"),
			chromedp.Click(chromedp.CSS(`form.filters button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`form.filters a[href="/cases"]`)),
		)
		rows := read()
		if len(rows) != 2 || rows[1][0] != "Case of Aigul Akberdiyeva" || rows[1][5] != "acquitted" {
			t.Errorf("the acquittals: %q", rows)
		}
		// The CSV the page links to, as the browser downloads it, is the table.
		body, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch(document.querySelector("a#csv").href).then(r => r.text())`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
		if err != nil {
			t.Fatalf("the CSV: %v\n%s", err, body)
		}
		if len(recs) != len(rows) {
			t.Fatalf("the CSV has %d rows, the table %d:\n%q\n%q", len(recs), len(rows), recs, rows)
		}
		for i := range rows {
			if strings.Join(recs[i], "|") != strings.Join(rows[i], "|") {
				t.Errorf("row %d: CSV %q, table %q", i, recs[i], rows[i])
			}
		}
	})

	t.Run("BriefInRussianAndKazakh", func(t *testing.T) {
		english := []string{"Case of", "The case", "Charges", "Timeline", "Context", "Related cases", "Sources"}
		for _, lang := range []string{"ru", "kk"} {
			do(t, ctx, "switch to "+lang,
				chromedp.Navigate(base+"/entity/case-akberdiyeva"),
				chromedp.Click(chromedp.CSS(`nav.langs a[hreflang=`+lang+`]`)),
				chromedp.WaitVisible(chromedp.CSS(`html[lang=`+lang+`]`)),
				chromedp.Navigate(base+"/cases/case-akberdiyeva/brief"),
				chromedp.WaitReady(chromedp.CSS(`h1`)),
			)
			heads, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("h1, h2, h3")).map(h => h.textContent.trim())`))
			if err != nil {
				t.Fatal(err)
			}
			if len(heads) < 3 {
				t.Fatalf("the %s brief has headings %q", lang, heads)
			}
			for _, h := range heads {
				for _, e := range english {
					if strings.HasPrefix(h, e) {
						t.Errorf("the %s brief has an English heading: %q", lang, h)
					}
				}
			}
		}
	})
}
