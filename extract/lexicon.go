package extract

import (
	_ "embed"
	"strings"
)

// The event vocabulary: the phrases of events.txt, and the inflected forms of its Russian and
// Kazakh lemmas that eventgen.go derived from the hunspell dictionaries.
var (
	//go:embed events.txt
	eventVocab string
	//go:embed event_forms.tsv
	eventForms string
)

// A lexPhrase is one line of events.txt: the type of event it says, its words (each a set
// of lemmas, one of which must stand there), and the groups of companions, one word of each
// of which must stand near it.
type lexPhrase struct {
	typ   string
	words [][]string
	with  [][]string
}

var (
	phrasesByFirst = map[string][]*lexPhrase{} // by each lemma of the first word
	lexLemmas      = map[string]bool{}         // every word of the vocabulary
	formLemma      = map[string]string{}       // Russian and Kazakh forms, ё written е, to their lemmas
)

func init() {
	for _, line := range strings.Split(eventVocab, "\n") {
		typ, phrase, ok := strings.Cut(line, "\t")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		p := &lexPhrase{typ: typ}
		parts := strings.Split(phrase, "~")
		for _, w := range strings.Split(strings.TrimSpace(parts[0]), "+") {
			p.words = append(p.words, lexWords(w))
		}
		for _, g := range parts[1:] {
			p.with = append(p.with, lexWords(strings.TrimSpace(g)))
		}
		for _, w := range p.words[0] {
			// Phrases with more words or companions are tried first: they say more.
			ps := append(phrasesByFirst[w], p)
			for i := len(ps) - 1; i > 0 && len(ps[i].words)+len(ps[i].with) > len(ps[i-1].words)+len(ps[i-1].with); i-- {
				ps[i], ps[i-1] = ps[i-1], ps[i]
			}
			phrasesByFirst[w] = ps
		}
	}
	for _, line := range strings.Split(eventForms, "\n") {
		form, lemma, ok := strings.Cut(line, "\t")
		if ok && !strings.HasPrefix(line, "#") {
			formLemma[form] = lemma
		}
	}
}

func lexWords(s string) []string {
	ws := strings.Split(s, "|")
	for _, w := range ws {
		lexLemmas[w] = true
	}
	return ws
}

// lemmaOf returns the lemma of a lower-case word when it is a form of a word of the
// vocabulary, else the word itself.
func lemmaOf(low string, cyr bool) string {
	if cyr {
		// A form of a lemma of the vocabulary is that lemma, though the vocabulary also
		// lists the form itself ("ұстады" as a companion; lemmaIn matches it as written).
		if l, ok := formLemma[strings.ReplaceAll(low, "ё", "е")]; ok && lexLemmas[l] {
			return l
		}
		return low
	}
	if lexLemmas[low] {
		return low
	}
	return enLemma(low)
}

// enIrregular holds the irregular forms of the English verbs of the vocabulary.
var enIrregular = map[string]string{
	"beaten": "beat", "broke": "break", "broken": "break", "took": "take", "taken": "take", "sent": "send",
	"lost": "lose", "found": "find", "hung": "hang", "hanged": "hang", "let": "let", "lets": "let",
	"rounded": "round", "withdrew": "withdraw", "withdrawn": "withdraw", "threw": "throw", "thrown": "throw",
	"struck": "strike", "stricken": "strike", "left": "leave", "walked": "walk",
	"forbade": "forbid", "forbidden": "forbid", "held": "hold", "went": "go", "gone": "go",
}

// enLemma brings an English word to the lemma of the vocabulary it is a form of: -s, -es,
// -ies, -ed, -d, -ied, -ing, with a doubled consonant ("banned", "dragging") or a dropped e
// ("revoking").
func enLemma(w string) string {
	if l, ok := enIrregular[w]; ok {
		return l
	}
	n := len(w)
	try := func(stem string) bool { return len(stem) > 1 && lexLemmas[stem] }
	for _, c := range [...]struct{ suf, add string }{
		{"ies", "y"}, {"es", ""}, {"s", ""}, {"ied", "y"}, {"ed", ""}, {"d", ""}, {"ing", ""}, {"ing", "e"},
	} {
		if !strings.HasSuffix(w, c.suf) {
			continue
		}
		stem := w[:n-len(c.suf)]
		if try(stem + c.add) {
			return stem + c.add
		}
		// A doubled consonant: "banned", "barred", "dragging".
		if c.add == "" && (c.suf == "ed" || c.suf == "ing") && len(stem) > 2 && stem[len(stem)-1] == stem[len(stem)-2] && try(stem[:len(stem)-1]) {
			return stem[:len(stem)-1]
		}
	}
	return w
}

// lexFillers may stand between the words of a phrase: "revoked her licence", "barred him
// from leaving", "лишили его лицензии".
var lexFillers = wordSet(`a an the his her their its him them my our your me us its
	его её ее их ему ей им`)

// lexEventAt matches the phrases of the vocabulary that start at token k: the type of the
// first that matches, and the number of tokens it spans.
func (d *doc) lexEventAt(k int) (string, int) {
	ps := phrasesByFirst[d.toks[k].lem]
	if ps == nil {
		return "", 0
	}
	s := d.sents[d.toks[k].sent]
next:
	for _, p := range ps {
		j := k + 1
		for wi, alts := range p.words[1:] {
			// A closing quote may stand there too: "temporarily restricted" from leaving.
			for j < s.b && (lexFillers[d.toks[j].low] || d.punct(j, "\"", "”", "»")) {
				j++
			}
			// The object of the verb may stand after it: "placed all three in custody",
			// "отправил активиста под стражу", "barred Ms Ibrayeva from leaving".
			if wi == 0 {
				j = d.skipObject(j, s)
				// "отправил пенсионера под стражу": a noun object that names no one the text
				// names, in Russian, where it stands between the verb and its phrase.
				if j+1 < s.b && !d.lemmaIn(j, alts) && d.toks[j].cyr && d.toks[j].k == tWord && !d.toks[j].cap && d.lemmaIn(j+1, alts) {
					j++
				}
			}
			if j >= s.b || !d.lemmaIn(j, alts) {
				continue next
			}
			j++
		}
		for _, g := range p.with {
			if !d.near(k, j, s, g) {
				continue next
			}
		}
		return p.typ, j - k
	}
	return "", 0
}

// skipObject returns the token after the object that starts at j: names, role nouns and
// group phrases, one after another or joined by "and", "и" and commas ("отправил Мкртчяна и
// Оганесяна под стражу", "отправил активиста Арсена Мкртчяна под стражу"), or j.
func (d *doc) skipObject(j int, s sentence) int {
	if j >= s.b || d.sentGroups == nil {
		return j // dates are read before names and groups
	}
	end := j
	for n := 0; n < 6 && end < s.b; n++ {
		k := end
		if n > 0 {
			if d.punct(k, ",") {
				k++
			}
			if d.word(k, "and", "и") {
				k++
			}
		}
		next := d.objectAt(k, s)
		if next == k {
			break
		}
		end = next
	}
	return end
}

// objectAt returns the token after one name, role noun or group phrase at j, or j.
func (d *doc) objectAt(j int, s sentence) int {
	if j >= s.b {
		return j
	}
	for _, g := range d.sentGroups[d.toks[j].sent] {
		if g.a == j && g.b-g.a <= 4 {
			return g.b
		}
	}
	// "barred the journalist Dinara Usenova from leaving": a role noun before the name.
	role := j
	if d.toks[j].k == tWord && roleWords[d.toks[j].low] != "" && !d.toks[j].cap {
		role = j + 1
	}
	// "prevented Ms. Annayeva from boarding": an honorific before the name.
	if d.word(j, "mr", "ms", "mrs", "miss", "dr") {
		role = j + 1
		if d.punct(role, ".") {
			role++
		}
	}
	for _, m := range d.sentPersons[d.toks[j].sent] {
		if (m.a == j || m.a == role) && m.b-m.a <= 4 {
			return m.b
		}
	}
	return j
}

// lemmaIn reports a word at token j whose lemma is one of ws.
func (d *doc) lemmaIn(j int, ws []string) bool {
	if d.toks[j].k != tWord {
		return false
	}
	for _, w := range ws {
		if d.toks[j].lem == w || d.toks[j].low == w {
			return true
		}
	}
	return false
}

// near reports a word of ws within eight words of tokens [a, b) in sentence s.
func (d *doc) near(a, b int, s sentence, ws []string) bool {
	// "remanded A, B, C and D in custody": the window goes on past the object's names.
	end := max(b, d.skipObject(b, s))
	for j := max(s.a, a-8); j < min(s.b, end+8); j++ {
		if (j < a || j >= b) && d.lemmaIn(j, ws) {
			return true
		}
	}
	return false
}
