package locale

import (
	"strconv"
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

// verbs returns the arguments a message formats, as "1:d 2:s": by argument and verb, so that
// a translation may put them in another order with explicit indexes ("%[2]d").
func verbs(s string) string {
	args := map[int]string{}
	next := 1
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			continue
		}
		i++
		if i < len(s) && s[i] == '%' {
			continue
		}
		for i < len(s) && strings.IndexByte("+-# 0123456789.", s[i]) >= 0 {
			i++
		}
		if i < len(s) && s[i] == '[' {
			j := strings.IndexByte(s[i:], ']')
			if j < 0 {
				return "bad index in " + s
			}
			n, err := strconv.Atoi(s[i+1 : i+j])
			if err != nil {
				return "bad index in " + s
			}
			next, i = n, i+j+1
		}
		if i < len(s) {
			args[next] = string(s[i])
			next++
		}
	}
	var out []string
	for n := 1; n <= len(args)+1; n++ {
		if v, ok := args[n]; ok {
			out = append(out, strconv.Itoa(n)+":"+v)
		}
	}
	return strings.Join(out, " ")
}
