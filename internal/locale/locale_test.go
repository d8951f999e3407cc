package locale

import (
	"strings"
	"testing"
)

// TestCatalogs holds every language to every key of the default catalog, and to no key of its
// own: a message missing in Russian would show English in the middle of a Russian page.
func TestCatalogs(t *testing.T) {
	langs := Languages()
	if len(langs) < 2 || langs[0].Lang != Default {
		t.Fatalf("languages %v: want %s first and at least one more", langs, Default)
	}
	base := Keys(Default)
	for _, p := range langs {
		if p.Name == "" {
			t.Errorf("%s has no language.name", p.Lang)
		}
		have := map[string]bool{}
		for _, k := range Keys(p.Lang) {
			have[k] = true
			if !printers[Default].Has(k) && !isPluralForm(k) {
				t.Errorf("%s has key %q, which %s lacks", p.Lang, k, Default)
			}
			if strings.TrimSpace(p.msgs[k]) == "" {
				t.Errorf("%s: %q is empty", p.Lang, k)
			}
		}
		for _, k := range base {
			if isPluralForm(k) {
				continue
			}
			if !have[k] {
				t.Errorf("%s lacks key %q", p.Lang, k)
			}
			// The same verbs in the same order, so a translation cannot drop an argument.
			if got, want := verbs(p.msgs[k]), verbs(printers[Default].msgs[k]); got != want {
				t.Errorf("%s %q has format verbs %q, %s has %q", p.Lang, k, got, Default, want)
			}
		}
		// Plural messages: every form the language needs.
		for _, k := range base {
			stem, ok := strings.CutSuffix(k, ".other")
			if !ok {
				continue
			}
			forms := []string{"one", "other"}
			if p.Lang == "ru" {
				forms = []string{"one", "few", "many"}
			}
			for _, f := range forms {
				if !have[stem+"."+f] {
					t.Errorf("%s lacks plural form %s.%s", p.Lang, stem, f)
				}
			}
		}
	}
}

func isPluralForm(k string) bool {
	for _, f := range []string{".one", ".few", ".many", ".other"} {
		if strings.HasSuffix(k, f) {
			return true
		}
	}
	return false
}

func verbs(s string) string {
	var out []string
	for i := 0; i < len(s)-1; i++ {
		if s[i] == '%' {
			out = append(out, s[i:i+2])
			i++
		}
	}
	return strings.Join(out, " ")
}

func TestPluralForm(t *testing.T) {
	for _, tt := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "one"}, {"en", 0, "other"}, {"en", 2, "other"},
		{"ru", 1, "one"}, {"ru", 21, "one"}, {"ru", 11, "many"}, {"ru", 2, "few"}, {"ru", 24, "few"},
		{"ru", 12, "many"}, {"ru", 5, "many"}, {"ru", 0, "many"}, {"ru", 111, "many"},
	} {
		if got := PluralForm(tt.lang, tt.n); got != tt.want {
			t.Errorf("PluralForm(%s, %d) = %s, want %s", tt.lang, tt.n, got, tt.want)
		}
	}
	if got := Get("ru").N("search.results", 3); !strings.Contains(got, "3") {
		t.Errorf("N(search.results, 3) = %q", got)
	}
}

func TestMatch(t *testing.T) {
	for _, tt := range []struct{ header, want string }{
		{"ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7", "ru"},
		{"en-GB,en;q=0.9", "en"},
		{"de-DE,de;q=0.9,ru;q=0.5", "ru"},
		{"de", ""},
		{"", ""},
		{"en;q=0.2, ru;q=0.8", "ru"},
		{"ru;q=bad, en", "en"},
	} {
		if got := Match(tt.header); got != tt.want {
			t.Errorf("Match(%q) = %q, want %q", tt.header, got, tt.want)
		}
	}
}
