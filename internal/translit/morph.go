package translit

import (
	_ "embed"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// morphRu holds the inflection rules of Russian names that morphgen.go derives from the
// hunspell-ru dictionary: the ending of a form, how many letters to cut and what to add to
// reach its lemma (the nominative), the lemma's gender, and how many dictionary forms show
// the rule. See morph_ru.README for the source and its licence.
//
//go:embed morph_ru.tsv
var morphRu string

type morphRule struct {
	cut    int
	add    string
	gender byte
	n      int
}

var (
	morphOnce  sync.Once
	morphRules map[string][]morphRule
)

func loadMorph() {
	morphRules = map[string][]morphRule{}
	for _, line := range strings.Split(morphRu, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			continue
		}
		cut, _ := strconv.Atoi(f[1])
		n, _ := strconv.Atoi(f[4])
		morphRules[f[0]] = append(morphRules[f[0]], morphRule{cut: cut, add: f[2], gender: f[3][0], n: n})
	}
}

// A Lemma is one reading of an inflected name: the nominative it comes from, the gender of
// that nominative ('m' or 'f'), whether the form was the nominative itself, and the share of
// the dictionary's names ending alike that read so.
type Lemma struct {
	Form       string
	Gender     byte
	Nominative bool
	Weight     float64
}

// NameLemmas returns the readings of a Russian name form (a first name, a surname or a
// patronymic, in any case), most likely first, by the rules learned from the dictionary:
// the longest ending of the word that the rules know, with enough names behind it, decides.
// A word that is not Cyrillic has none.
func NameLemmas(w string) []Lemma {
	if !isCyrillicWord(w) {
		return nil
	}
	morphOnce.Do(loadMorph)
	low := strings.ToLower(w)
	rs := []rune(low)
	for k := min(4, len(rs)-2); k >= 1; k-- {
		rules := morphRules[string(rs[len(rs)-k:])]
		total := 0
		for _, r := range rules {
			total += r.n
		}
		if total < 5 && k > 1 {
			continue
		}
		var out []Lemma
		seen := map[string]bool{}
		for _, r := range rules {
			if r.cut >= len(rs)-1 {
				continue
			}
			lemma := string(rs[:len(rs)-r.cut]) + r.add
			key := lemma + string(r.gender)
			if seen[key] {
				continue
			}
			seen[key] = true
			out = append(out, Lemma{Form: matchCase(w, lemma), Gender: r.gender, Nominative: r.cut == 0 && r.add == "", Weight: float64(r.n) / float64(total)})
		}
		sort.SliceStable(out, func(i, j int) bool { return out[i].Weight > out[j].Weight })
		return out
	}
	return nil
}

// matchCase writes lemma with the capitals of w: a first capital, or all capitals.
func matchCase(w, lemma string) string {
	upper, letters := 0, 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	if letters > 1 && upper == letters {
		return strings.ToUpper(lemma)
	}
	r, size := utf8.DecodeRuneInString(w)
	if unicode.IsUpper(r) {
		l, lsize := utf8.DecodeRuneInString(lemma)
		_ = size
		return string(unicode.ToUpper(l)) + lemma[lsize:]
	}
	return lemma
}

func isCyrillicWord(s string) bool {
	for _, r := range s {
		if r >= 0x400 && r < 0x530 {
			return true
		}
	}
	return false
}
