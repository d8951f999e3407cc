package extract

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzExtract checks that extraction never fails on any text and that every mention quotes
// the text at its character offsets.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"", "1 https://example.org\n", "Warsaw, 11 February 2019\n\nJudge Gulnara Baiturova acquitted her.1\n\n1 https://tumba.kz/1",
		"Судья Малика Кенжалиева оправдал 6 февраля 2019 года по ч. 2 ст. 179 УК РК.",
		"«", "[1]", "A. B. C. D. E.", "On 31 February 2019 — 99.8% —\n\n\n", "Акбердиевой Акбердиевой Акбердиевой",
	} {
		f.Add(s)
	}
	files, _ := filepath.Glob("../testdata/corpus/*.txt")
	for _, p := range files[:min(len(files), 5)] {
		if data, err := os.ReadFile(p); err == nil && utf8.Valid(data) {
			f.Add(string(data))
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		r := Extract(text)
		runes := []rune(text)
		check := func(what string, ms []Span) {
			for _, m := range ms {
				if m.Start < 0 || m.End > len(runes) || m.Start > m.End || string(runes[m.Start:m.End]) != m.Quote {
					t.Fatalf("%s: span %d-%d does not quote %q", what, m.Start, m.End, m.Quote)
				}
			}
		}
		for _, p := range r.Persons {
			check("person "+p.Name, p.Mentions)
		}
		for _, o := range r.Orgs {
			check("organisation "+o.Name, o.Mentions)
		}
		for _, d := range r.Dates {
			check("date "+d.Date, d.Mentions)
		}
		for _, e := range r.Events {
			check("event "+e.Type, e.Mentions)
		}
	})
}

// FuzzText checks that reading a document never panics: it gives text or an error.
func FuzzText(f *testing.F) {
	for _, s := range []string{"", "plain", "<html><script>x</script><p>a</p>", "%PDF-", "\xff\xfe\x00", "\xc0\xc1\xe0\xe1 текст"} {
		f.Add("doc.txt", []byte(s))
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		if len(data) > 1<<16 || filepath.Ext(name) == ".pdf" || len(data) >= 5 && string(data[:5]) == "%PDF-" {
			return // pdftotext is tested on its own
		}
		if text, err := Text(name, data); err == nil && !utf8.ValidString(text) {
			t.Fatalf("Text(%q) gave invalid UTF-8", name)
		}
	})
}
