//go:build ignore

// Morphgen derives morph_ru.tsv, the inflection rules of Russian names, from Debian's
// hunspell-ru dictionary (ru_RU.aff and ru_RU.dic by Alexander I. Lebedev, BSD-style
// licence; see morph_ru.README): every capitalised entry of the dictionary (first names,
// surnames, patronymics, places) is expanded by its affix classes into its case forms, and
// each form gives a rule "a word ending so comes from a lemma ending so". Rules are counted
// by the ending of the form with up to two letters of the stem before it, so that an unknown
// name ("Тамту", "Гелу") is read by the names that end as it does.
//
//	apt-get install hunspell-ru
//	go run morphgen.go /usr/share/hunspell > morph_ru.tsv
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
	"unicode/utf8"
)

type affix struct {
	strip, add string
	cond       *regexp.Regexp
}

func main() {
	dir := os.Args[1]
	rules := map[string][]affix{}
	af, err := os.Open(filepath.Join(dir, "ru_RU.aff"))
	if err != nil {
		panic(err)
	}
	sc := bufio.NewScanner(af)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 5 || f[0] != "SFX" {
			continue
		}
		strip, add := f[2], strings.SplitN(f[3], "/", 2)[0]
		if strip == "0" {
			strip = ""
		}
		if add == "0" {
			add = ""
		}
		rules[f[1]] = append(rules[f[1]], affix{strip, add, regexp.MustCompile(f[4] + "$")})
	}
	af.Close()
	df, err := os.Open(filepath.Join(dir, "ru_RU.dic"))
	if err != nil {
		panic(err)
	}
	type rule struct {
		key, add string
		cut      int
		gender   byte
	}
	count := map[rule]int{}
	sc = bufio.NewScanner(df)
	for sc.Scan() {
		word, flags, ok := strings.Cut(sc.Text(), "/")
		r, _ := utf8.DecodeRuneInString(word)
		if !ok || !unicode.IsUpper(r) || strings.ContainsAny(word, "-. ") || utf8.RuneCountInString(word) < 3 {
			continue
		}
		lemma := strings.ToLower(word)
		g := byte('m')
		if strings.HasSuffix(lemma, "а") || strings.HasSuffix(lemma, "я") {
			g = 'f'
		}
		forms := map[string]bool{lemma: true}
		for _, fl := range flags {
			for _, a := range rules[string(fl)] {
				if plural(a, g) {
					continue // a name is read in the singular
				}
				if a.cond.MatchString(lemma) && strings.HasSuffix(lemma, a.strip) {
					forms[strings.TrimSuffix(lemma, a.strip)+a.add] = true
				}
			}
		}
		lr := []rune(lemma)
		for form := range forms {
			fr := []rune(form)
			p := 0
			for p < len(fr) && p < len(lr) && fr[p] == lr[p] {
				p++
			}
			for ctx := 0; ctx <= 2; ctx++ {
				if p-ctx < 1 || len(fr)-(p-ctx) > 4 {
					break
				}
				count[rule{key: string(fr[p-ctx:]), cut: len(fr) - p, add: string(lr[p:]), gender: g}]++
			}
		}
	}
	df.Close()
	var out []string
	for r, n := range count {
		if n < 2 {
			continue
		}
		out = append(out, fmt.Sprintf("%s\t%d\t%s\t%c\t%d", r.key, r.cut, r.add, r.gender, n))
	}
	sort.Strings(out)
	fmt.Println("# Inflection rules of Russian names, derived by morphgen.go from hunspell-ru (see morph_ru.README).")
	fmt.Println("# ending of a form\tletters to cut\tending to add\tgender of the lemma\tdictionary forms that show the rule")
	for _, l := range out {
		fmt.Println(l)
	}
}

// plural reports an affix that makes a plural form: Ивановы, Иринам, Игорями.
func plural(a affix, g byte) bool {
	switch a.add {
	case "ам", "ами", "ах", "ям", "ями", "ях", "ов", "ев":
		return true
	case "м", "ми", "х":
		return g == 'f'
	case "ы":
		return g == 'm'
	case "и", "ей":
		return g == 'm' && (a.strip == "" || a.strip == "ь")
	}
	return false
}
