package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStats_Seed(t *testing.T) {
	d := MustDemo(t)
	out := mustRun(t, "stats", "retaliation", "--data", d)
	for _, want := range []string{"1 finding(s)", "proceeding-akberdiyeva-1", "2019-02-06", "event-removal", "2019-02-07",
		"Malik Kenzhaliyev", "1 day (both dates exact to the day)", "https://tumba.kz/41092.html", "src-odf-2019-02-11"} {
		if !strings.Contains(out, want) {
			t.Errorf("docket stats retaliation lacks %q:\n%s", want, out)
		}
	}
	out = mustRun(t, "stats", "--data", d, "--by", "judge")
	for _, want := range []string{"Outcomes of rulings", "Gulnara Baiturova", "Aralbay Nagashibayev", "Cases behind each row", "case-akberdiyeva"} {
		if !strings.Contains(out, want) {
			t.Errorf("docket stats --by judge lacks %q:\n%s", want, out)
		}
	}
	recs, err := csv.NewReader(strings.NewReader(mustRun(t, "stats", "sentences", "--by", "year", "--political", "--csv", "--data", d))).ReadAll()
	if err != nil {
		t.Fatalf("docket stats sentences --csv: %v", err)
	}
	if len(recs) != 3 || recs[1][0] != "2018" || recs[1][1] != "1" || recs[1][2] != "36.0" || recs[1][len(recs[1])-1] != "case-dzhumayev" {
		t.Errorf("sentences by year = %v, want 2018: one term of 36 months in case-dzhumayev", recs)
	}
	var st struct {
		Total struct {
			Rulings  int      `json:"rulings"`
			Cases    []string `json:"cases"`
			NumCases int      `json:"num_cases"`
		} `json:"total"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "stats", "outcomes", "--json", "--public", "--data", d)), &st); err != nil {
		t.Fatal(err)
	}
	if st.Total.Rulings != 2 || st.Total.NumCases != 2 {
		t.Errorf("outcomes --json total = %+v, want 2 rulings in 2 cases", st.Total)
	}
	for _, args := range [][]string{{"stats", "bogus"}, {"stats", "--by", "colour"}, {"stats", "outcomes", "--window", "5"},
		{"stats", "retaliation", "--window", "0"}, {"stats", "retaliation", "--by", "court"}} {
		if code, _, errs := run(t, "", append(args, "--data", d)...); code != 1 || errs == "" {
			t.Errorf("docket %s: exit %d, want 1 with a message; stderr %q", strings.Join(args, " "), code, errs)
		}
	}
}

func TestReport_Seed(t *testing.T) {
	d := MustDemo(t)
	dir := t.TempDir()
	pdf := filepath.Join(dir, "brief.pdf")
	mustRun(t, "report", "brief", "case-akberdiyeva", "-o", pdf, "--data", d)
	b, err := os.ReadFile(pdf)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("brief.pdf: %v, starts %q", err, b[:min(len(b), 8)])
	}
	// A defendant's name finds her case; Markdown by default.
	md := mustRun(t, "report", "brief", "Akberdiyeva", "--data", d)
	last := -1
	for _, u := range []string{"tumba.kz", "bota.jardemalie", "voloshinaluda", "bureau.kz", "odfoundation.eu"} {
		i := strings.Index(md, u)
		if i <= last {
			t.Errorf("the brief lists %s out of the seed's order (at %d, after %d)", u, i, last)
		}
		last = i
	}
	html := filepath.Join(dir, "prisoners.html")
	mustRun(t, "report", "prisoners", "-o", html, "--data", d)
	if b, _ := os.ReadFile(html); !strings.Contains(string(b), "Imprisoned (1)") || !strings.HasPrefix(string(b), "<!doctype html>") {
		t.Errorf("prisoners.html = %.200s", b)
	}
	if out := mustRun(t, "report", "appeal", "case-akberdiyeva", "--data", d); !strings.Contains(out, "the day after the acquittal") {
		t.Errorf("the appeal draft lacks the removal the day after:\n%s", out)
	}
	// Reports read as the public even for the operator: an internal statement stays out.
	mustRun(t, "add", "case-akberdiyeva", "summary=INTERNAL-MARKER", "--source", "src-odf-2019-02-11", "--sensitivity", "internal", "--data", d)
	if out := mustRun(t, "show", "case-akberdiyeva", "--data", d); !strings.Contains(out, "INTERNAL-MARKER") {
		t.Fatalf("the internal statement was not added:\n%s", out)
	}
	for _, args := range [][]string{{"report", "brief", "case-akberdiyeva"}, {"report", "appeal", "case-akberdiyeva"}, {"report", "prisoners"},
		{"stats", "--public"}, {"stats", "retaliation", "--public"}} {
		if out := mustRun(t, append(args, "--data", d)...); strings.Contains(out, "INTERNAL-MARKER") {
			t.Errorf("docket %s shows the internal statement", strings.Join(args, " "))
		}
	}
	for _, args := range [][]string{{"report", "brief"}, {"report", "prisoners", "case-akberdiyeva"}, {"report", "memo", "x"},
		{"report", "brief", "case-akberdiyeva", "--format", "docx"}, {"report", "brief", "Aktau City Court"}} {
		if code, _, errs := run(t, "", append(args, "--data", d)...); code == 0 || errs == "" {
			t.Errorf("docket %s: exit %d, want an error; stderr %q", strings.Join(args, " "), code, errs)
		}
	}
}
