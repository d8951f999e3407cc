//go:build ignore

// Eventgen derives event_forms.tsv, the inflected forms of the Russian and Kazakh lemmas of
// events.txt, from Debian's hunspell-ru (ru_RU.aff and ru_RU.dic by Alexander I. Lebedev,
// BSD-style licence) and hunspell-kk (kk_KZ.aff and kk_KZ.dic by Akmaral Mussayeva, László
// Németh and Rail Aliev, GPL-2+, LGPL-2.1+ or MPL-1.1+): every dictionary entry that is a
// lemma of the vocabulary is expanded by its affix classes, and by the classes those affixes
// continue with, into its forms. Only the forms of the vocabulary's lemmas are written, not
// the dictionaries. See event_forms.README.
//
//	apt-get install hunspell-ru hunspell-kk
//	go run eventgen.go /usr/share/hunspell > event_forms.tsv
package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"
)

type affix struct {
	strip, add, cont string
	cond             *regexp.Regexp
}

type dict struct {
	rules   map[string][]affix
	entries map[string][]string // flags of each headword, ё written е
}

func load(dir, name string) *dict {
	d := &dict{rules: map[string][]affix{}, entries: map[string][]string{}}
	af, err := os.ReadFile(filepath.Join(dir, name+".aff"))
	if err != nil {
		panic(err)
	}
	for _, line := range strings.Split(string(af), "\n") {
		f := strings.Fields(strings.TrimPrefix(line, "\ufeff"))
		if len(f) < 5 || f[0] != "SFX" {
			continue
		}
		add, cont, _ := strings.Cut(f[3], "/")
		strip := f[2]
		if strip == "0" {
			strip = ""
		}
		if add == "0" {
			add = ""
		}
		d.rules[f[1]] = append(d.rules[f[1]], affix{strip, add, cont, regexp.MustCompile(f[4] + "$")})
	}
	df, err := os.Open(filepath.Join(dir, name+".dic"))
	if err != nil {
		panic(err)
	}
	defer df.Close()
	sc := bufio.NewScanner(df)
	for sc.Scan() {
		line := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff"))
		word, flags, _ := strings.Cut(line, "/")
		w := yo(strings.ToLower(word))
		d.entries[w] = append(d.entries[w], flags)
	}
	return d
}

// forms expands a word by its flags, and the forms by the flags their affixes continue with.
func (d *dict) forms(word, flags string, depth int, out map[string]bool) {
	out[word] = true
	if depth == 0 {
		return
	}
	for _, fl := range flags {
		for _, a := range d.rules[string(fl)] {
			if !strings.HasSuffix(word, a.strip) || !a.cond.MatchString(word) {
				continue
			}
			d.forms(strings.TrimSuffix(word, a.strip)+a.add, a.cont, depth-1, out)
		}
	}
}

func yo(s string) string { return strings.ReplaceAll(s, "ё", "е") }

func main() {
	dir := os.Args[1]
	ru, kk := load(dir, "ru_RU"), load(dir, "kk_KZ")
	vocab, err := os.ReadFile("events.txt")
	if err != nil {
		panic(err)
	}
	lemmas := map[string]bool{}
	for _, line := range strings.Split(string(vocab), "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		_, phrase, _ := strings.Cut(line, "\t")
		for _, w := range strings.FieldsFunc(phrase, func(r rune) bool { return r == '+' || r == '|' || r == '~' || r == ' ' }) {
			if strings.IndexFunc(w, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) >= 0 && len([]rune(w)) > 3 { // not the prepositions
				lemmas[w] = true
			}
		}
	}
	lines := map[string]bool{}
	for l := range lemmas {
		d := ru
		if strings.ContainsAny(l, "әіңғүұқөһӘІҢҒҮҰҚӨҺ") || kk.entries[l] != nil && ru.entries[yo(l)] == nil {
			d = kk
		}
		out := map[string]bool{}
		for _, flags := range d.entries[yo(l)] {
			d.forms(yo(l), flags, 2, out)
		}
		for f := range out {
			if f != yo(l) {
				lines[f+"\t"+l] = true
			}
		}
	}
	var sorted []string
	for l := range lines {
		sorted = append(sorted, l)
	}
	sort.Strings(sorted)
	fmt.Println("# Forms of the Russian and Kazakh lemmas of events.txt, derived by eventgen.go from hunspell-ru and hunspell-kk (see event_forms.README).")
	fmt.Println("# form (ё written е)\tlemma")
	for _, l := range sorted {
		fmt.Println(l)
	}
}
