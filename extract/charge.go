package extract

import (
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/docketorg/docket"
)

// countryCues are words that point at the country a document is about: names, demonyms,
// cities, currencies and the abbreviations after "УК".
var countryCues = map[string]string{}

func init() {
	for c, ws := range map[string]string{
		"kz": "kazakhstan kazakhstani kazakh almaty astana nur-sultan aktau aktobe atyrau uralsk oral shymkent karaganda zhanaozen mangystau mangistau kostanay taldykorgan pavlodar semey tenge казахстан казахстана казахстане казахстанский казахстанского рк алматы астана астаны актау актобе атырау уральск уральский шымкент караганда жанаозен мангистау мангистауской костанай костанайский талдыкорган талдыкоргана павлодар семей тенге",
		"ru": "russia russian moscow petersburg roubles rubles kazan yekaterinburg novosibirsk krasnodar rostov-on-don samara ufa perm voronezh россия россии российской рф москва москвы москве петербург рублей казань казани екатеринбург екатеринбурга новосибирск новосибирска краснодар краснодара ростов-на-дону самара самары уфа уфы пермь перми воронеж воронежа",
		"by": "belarus belarusian minsk gomel homel vitebsk viciebsk brest grodno hrodna mogilev беларусь беларуси белорусский минск минска минске гомель гомеля гомеле витебск брест гродно могилев рб",
		"az": "azerbaijan azerbaijani baku manat азербайджан азербайджана баку",
		"kg": "kyrgyzstan kyrgyz bishkek osh som кыргызстан кыргызстана киргизии бишкек бишкека бишкеке кр ош",
		"tj": "tajikistan tajik dushanbe khujand sughd somoni таджикистан таджикистана душанбе худжанд",
		"uz": "uzbekistan uzbek tashkent узбекистан ташкент",
		"ua": "ukraine ukrainian kyiv украина украины киев",
		"tm": "turkmenistan turkmen ashgabat туркменистан туркменистана ашхабад",
		"ge": "georgia georgian tbilisi batumi kutaisi грузия грузии тбилиси батуми",
		"am": "armenia armenian yerevan gyumri армения армении ереван гюмри",
	} {
		for _, w := range strings.Fields(ws) {
			countryCues[w] = c
		}
	}
}

// guessCountry counts the cues of each country; the code after "УК" counts most.
func (d *doc) guessCountry() {
	n := map[string]int{}
	for i := range d.toks {
		t := &d.toks[i]
		if t.k != tWord || t.skip {
			continue
		}
		if c, ok := countryCues[t.low]; ok {
			n[c]++
			if d.word(i-1, "ук", "коап") {
				n[c] += 5
			}
		}
	}
	best := ""
	for c, k := range n {
		if best == "" || k > n[best] || k == n[best] && c < best {
			best = c
		}
	}
	d.country = best
}

// codeFor returns the criminal code of the vocabulary for a country, or nil.
func codeFor(country string) *docket.Code {
	if country == "" {
		return nil
	}
	for _, c := range docket.Vocab.Codes() {
		if c.Country == country {
			return c
		}
	}
	return nil
}

// articleRef is an article number written in the text.
type articleRef struct {
	a, b    int // tokens of the reference
	article string
	part    string
	numTok  int
}

var articleWords = map[string]bool{
	"article": true, "articles": true, "art": true, "arts": true,
	"статья": true, "статьи": true, "статье": true, "статью": true, "статьей": true, "статьёй": true,
	"статьям": true, "статьями": true, "статей": true, "ст": true, "статьях": true,
}

// normArticle keeps digits and dots, reading a hyphen between digits as a dot ("361-1" is
// article 361.1).
func normArticle(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9' || r == '.':
			b.WriteRune(r)
		case r == '-' && i > 0 && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
			b.WriteByte('.')
		}
	}
	return strings.Trim(b.String(), ".")
}

// articleRefs finds article numbers: "Article 174", "Part 2 of Article 179", "Articles 368
// and 369", "Article 307(2)", "ч. 2 ст. 179 УК РК", "статьи 174". References to a
// constitution, a convention or a covenant are not charges.
func (d *doc) articleRefs() []articleRef {
	var out []articleRef
	for i := 0; i < len(d.toks); i++ {
		t := &d.toks[i]
		// Kazakh puts the number first: "405-бабының 2-бөлігі", "405-бап бойынша".
		if !t.skip && t.k == tNum && d.kkArticle(i+1) {
			num := normArticle(t.t)
			if num == "" || strings.ContainsAny(t.t, ",/:") {
				continue
			}
			r := articleRef{a: i, b: i + 3, article: num, numTok: i}
			if d.num(i+3) > 0 && d.punct(i+4, "-") && !d.toks[i+4].sp && i+5 < len(d.toks) && strings.HasPrefix(d.toks[i+5].low, "бөлі") {
				r.part, r.b = d.toks[i+3].t, i+6
			}
			out = append(out, r)
			i = r.b - 1
			continue
		}
		if t.skip || t.k != tWord || t.cls&cArticle == 0 {
			continue
		}
		j := i + 1
		if d.punct(j, ".") {
			j++
		}
		if d.word(j, "no") {
			j++
			if d.punct(j, ".") {
				j++
			}
		}
		part := ""
		// "ч. 2 ст. 179" or "Part 2 of Article 179": the part before.
		k := i - 1
		if d.word(k, "of") {
			k--
		}
		if d.num(k) > 0 {
			if d.word(k-1, "part", "parts", "paragraph") || d.punct(k-1, ".") && d.word(k-2, "ч", "п") || d.word(k-1, "части", "частью", "часть", "ч") {
				part = d.toks[k].t
			}
		}
		var refs []articleRef
		for {
			if j >= len(d.toks) || d.toks[j].k != tNum {
				break
			}
			num := normArticle(d.toks[j].t)
			if num == "" || strings.ContainsAny(d.toks[j].t, ",/:") {
				break
			}
			r := articleRef{a: i, b: j + 1, article: num, part: part, numTok: j}
			// "307(2)" or "174 part 1"
			if d.punct(j+1, "(") && d.num(j+2) > 0 && d.punct(j+3, ")") {
				r.part = d.toks[j+2].t
				r.b = j + 4
			}
			refs = append(refs, r)
			j = r.b
			if (d.word(j, "and", "и", "or", "или") || d.punct(j, ",")) && d.num(j+1) > 0 {
				j++
				continue
			}
			break
		}
		if len(refs) == 0 {
			continue
		}
		// What code? Skip constitutions and conventions.
		end := refs[len(refs)-1].b
		tail := strings.ToLower(d.quote(end, min(end+6, len(d.toks))))
		if strings.Contains(tail, "constitution") || strings.Contains(tail, "convention") || strings.Contains(tail, "covenant") ||
			strings.Contains(tail, "declaration") || strings.Contains(tail, "конституци") || strings.Contains(tail, "конвенци") ||
			strings.Contains(tail, "пакта") || strings.Contains(tail, "закона") || strings.Contains(tail, "of the law") ||
			strings.Contains(tail, "iccpr") || strings.Contains(tail, "echr") || strings.Contains(tail, "мпгпп") {
			continue
		}
		// "its articles 1, 5 and 9": a text named before, a declaration's or a treaty's;
		// "article 19, paragraph 3": a treaty's way of citing, where a code cites a part.
		if d.word(refs[0].a-1, "its", "their") || d.punct(end, ",") && d.word(end+1, "paragraph", "paragraphs") {
			continue
		}
		out = append(out, refs...)
		i = end - 1
	}
	return out
}

// kkArticle reports a hyphen at token i joined to a Kazakh word for article after it
// ("-бабының", "-бап").
func (d *doc) kkArticle(i int) bool {
	if !d.punct(i, "-") || d.toks[i].sp || i+1 >= len(d.toks) || d.toks[i+1].sp {
		return false
	}
	w := d.toks[i+1].low
	return w == "бап" || strings.HasPrefix(w, "бабы") || strings.HasPrefix(w, "бапт") || strings.HasPrefix(w, "бапқ")
}

// chargeCues are words after which a charge's wording comes.
var chargeCues = map[string]bool{
	"accused": true, "charged": true, "charges": true, "charge": true, "convicted": true, "guilty": true,
	"suspected": true, "suspicion": true, "prosecuted": true, "indicted": true, "sentenced": true, "sentence": true,
	"обвиняли": true, "обвиняют": true, "обвиняется": true, "обвиняемый": true, "обвинению": true, "обвинение": true,
	"обвинили": true, "виновным": true, "виновной": true, "виновными": true, "подозрению": true, "подозревают": true,
	"осужден": true, "осуждена": true, "осуждён": true, "осуждена́": true, "приговорил": true, "приговорила": true,
	"статье": true, "статьям": true, "делу": true, "дело": true, "деле": true,
}

// findCharges finds charges by article number and by wording, and maps wording to the
// criminal-code vocabulary by word similarity.
func (d *doc) findCharges() {
	d.guessCountry()
	code := codeFor(d.country)
	refs := d.articleRefs()
	byArticle := map[string]*Charge{}
	var order []*Charge
	add := func(c *Charge, sp Span) {
		if c.Article != "" {
			if x, ok := byArticle[c.Article]; ok {
				x.Mentions = append(x.Mentions, sp)
				if x.Wording == "" {
					x.Wording = c.Wording
				}
				if x.Part == "" {
					x.Part = c.Part
				}
				if x.Person == "" {
					x.Person = c.Person
				}
				return
			}
			byArticle[c.Article] = c
		}
		c.Mentions = append(c.Mentions, sp)
		order = append(order, c)
	}
	usedRef := make([]bool, len(refs))
	// Wordings, with the article they stand beside.
	for _, w := range d.wordings() {
		c := &Charge{Wording: w.text, Person: d.defendantIn(w.a)}
		for ri, r := range refs {
			if usedRef[ri] || d.toks[r.a].sent != d.toks[w.a].sent {
				continue
			}
			// Beside: the article in brackets right after the wording, or the wording in
			// brackets right after the article, or the only article of the sentence.
			near := r.a-w.b >= 0 && r.a-w.b <= 3 || w.a-r.b >= 0 && w.a-r.b <= 4
			if near || d.onlyRefIn(refs, ri) {
				c.Article, c.Part = r.article, r.part
				usedRef[ri] = true
				break
			}
		}
		if c.Article == "" && code != nil {
			if a, ok := matchArticle(code, w.text); ok {
				c.Article, c.Title = a.Number, a.En
				c.Inferred = "article matched from the wording"
			}
		}
		d.fillCode(c, code)
		add(c, d.span(w.a, w.b))
	}
	for ri, r := range refs {
		if usedRef[ri] {
			continue
		}
		c := &Charge{Article: r.article, Part: r.part, Person: d.defendantIn(r.a)}
		d.fillCode(c, code)
		add(c, d.span(r.a, r.b))
	}
	d.res.Charges = order
}

func (d *doc) fillCode(c *Charge, code *docket.Code) {
	if code == nil || c.Article == "" {
		return
	}
	if a, ok := code.Article(c.Article); ok {
		c.Code, c.Title = code.ID, a.En
		return
	}
	// A part written as a sub-article ("174.1" for part 1) still names the article.
	if base, _, ok := strings.Cut(c.Article, "."); ok {
		if a, ok := code.Article(base); ok && c.Part == "" {
			c.Code, c.Title = code.ID, a.En
		}
	}
	if c.Code == "" {
		c.Code = code.ID
	}
}

func (d *doc) onlyRefIn(refs []articleRef, ri int) bool {
	s := d.toks[refs[ri].a].sent
	for k, r := range refs {
		if k != ri && d.toks[r.a].sent == s {
			return false
		}
	}
	return true
}

// wording is the words of a charge at tokens [a, b).
type wording struct {
	a, b int
	text string
}

// wordings finds the words of charges: a quoted lower-case phrase in a sentence about
// charges or sentences, words in brackets after an article number, and the words after "guilty
// of", "accused of", "обвиняли в" up to the next stop.
func (d *doc) wordings() []wording {
	var out []wording
	taken := map[int]bool{}
	for si := range d.sents {
		s := d.sents[si]
		if s.a >= s.b || d.toks[s.a].skip {
			continue
		}
		cue := false
		for k := s.a; k < s.b; k++ {
			if d.is(k, cCharge|cArticle) {
				cue = true
				break
			}
		}
		if !cue {
			continue
		}
		lastEnd := -1 // the end of the last wording of the sentence
		for k := s.a; k < s.b; k++ {
			t := &d.toks[k]
			// A quoted phrase after a cue: "accused of ‘calling for...’", "on charges of ‘X’ and
			// ‘Y’", "a sentence for "insulting the president"", "ст. 405 УК РК («участие...»)".
			if t.k == tPunct && isOpeningQuote(t.t) && k+1 < s.b && d.toks[k+1].k == tWord && !d.toks[k+1].cap && (d.chargeCueBefore(k, s.a) || d.coordinated(lastEnd, k)) {
				e := k + 1
				for e < s.b && !(d.toks[e].k == tPunct && isQuote(d.toks[e].t)) && e-k < 16 {
					e++
				}
				if e < s.b && e-k < 16 && e > k+1 {
					out = append(out, wording{k + 1, e, d.quote(k+1, e)})
					for x := k; x <= e; x++ {
						taken[x] = true
					}
					k, lastEnd = e, e+1
					continue
				}
			}
			// Words in brackets after an article: "(создание экстремистского формирования)".
			if d.punct(k, "(") && k > 0 && (d.toks[k-1].k == tNum || d.word(k-1, "рк", "рф", "рб", "кр", "code") || d.word(k-2, "ук", "criminal")) && k+1 < s.b && d.toks[k+1].k == tWord && !d.toks[k+1].cap {
				e := k + 1
				for e < s.b && !d.punct(e, ")") && e-k < 16 {
					e++
				}
				if e < s.b && d.punct(e, ")") {
					out = append(out, wording{k + 1, e, d.quote(k+1, e)})
					for x := k; x <= e; x++ {
						taken[x] = true
					}
					k = e
					continue
				}
			}
			// After a cue: "guilty of insulting a representative of the authorities", "sentenced
			// ... for spreading knowingly false information".
			if t.k == tWord && (d.word(k, "of") && d.word(k-1, "guilty", "accused", "convicted", "suspected", "suspicion", "charges") ||
				d.word(k, "for") && k+1 < s.b && strings.HasSuffix(d.toks[k+1].low, "ing") && !d.toks[k+1].cap && d.anyWord(s.a, k, "sentenced", "convicted", "jailed", "fined", "imprisoned", "charged", "accused", "sentence") ||
				d.word(k, "with") && d.word(k-1, "charged") ||
				d.word(k, "в") && d.word(k-1, "обвиняли", "обвиняют", "обвиняется", "обвинили", "виновным", "виновной", "виновными", "обвинению", "подозрению", "подозревают", "обвиняемого", "обвиняемый", "обвиняемая")) {
				a := k + 1
				// Skip a person: "found Omarbekova guilty of".
				e := a
				for e < s.b && e-a < 12 {
					tt := &d.toks[e]
					if tt.k == tPunct && isQuote(tt.t) && e > a {
						e++ // a quoted part of the wording: spreading "knowingly false information"
						continue
					}
					if tt.k != tWord || tt.used && e > a || d.word(e, "under", "and", "for", "over", "after", "by", "in", "по", "и", "за", "after", "because", "when", "which", "who", "while", "since") && e > a+1 || tt.cap && e > a || taken[e] {
						break
					}
					e++
				}
				for e > a && d.toks[e-1].k == tPunct {
					e--
				}
				if e-a >= 1 && !taken[a] && d.toks[a].k == tWord && !d.toks[a].cap {
					// A single word is a wording only when it is not a function word.
					if e-a >= 2 || utf8.RuneCountInString(d.toks[a].t) > 5 {
						out = append(out, wording{a, e, d.quote(a, e)})
						for x := a; x < e; x++ {
							taken[x] = true
						}
						k = e - 1
						// "of conspiracy to seize power, calls to harm national security and
						// creating an extremist group": the wordings that follow.
						for n := 0; n < 4 && (d.punct(k+1, ",") || d.word(k+1, "and", "и")); n++ {
							a2 := k + 2
							if d.word(a2, "and", "и") {
								a2++
							}
							e2 := a2
							for e2 < s.b && e2-a2 < 10 && d.toks[e2].k == tWord && !d.toks[e2].cap && !d.toks[e2].used && !taken[e2] &&
								!(e2 > a2 && d.word(e2, "and", "и", "under", "for", "by", "in", "по", "за")) {
								e2++
							}
							if e2-a2 < 2 {
								break
							}
							out = append(out, wording{a2, e2, d.quote(a2, e2)})
							for x := a2; x < e2; x++ {
								taken[x] = true
							}
							k = e2 - 1
						}
					}
				}
			}
		}
	}
	return out
}

// chargeCueBefore reports a cue before the quotation opening at token k: a charge word
// ("accused of", "charges of", "обвиняли в"), a sentence or conviction and "for", or an
// article number with the quotation in brackets after it.
func (d *doc) chargeCueBefore(k, sa int) bool {
	j := k - 1
	if d.punct(j, "(") {
		return d.toks[max(j-1, 0)].k == tNum || d.word(j-1, "рк", "рф", "рб", "кр", "code", "ук", "коап")
	}
	if !d.word(j, "of", "with", "for", "under", "в", "за", "по", "as", "о", "об", "about", "over") {
		return d.is(j, cCharge) && j >= sa
	}
	for x := j - 1; x >= max(sa, j-10); x-- {
		if d.toks[x].k == tPunct && isQuote(d.toks[x].t) {
			return false
		}
		if d.is(x, cCharge|cArticle) {
			return true
		}
	}
	return false
}

// coordinated reports a quotation at k that continues the wording ending at token end: only
// "and", "or", commas, quotes and a bracketed article between them.
func (d *doc) coordinated(end, k int) bool {
	if end < 0 || k-end > 14 {
		return false
	}
	depth := 0
	for x := end; x < k; x++ {
		switch {
		case d.punct(x, "("):
			depth++
		case d.punct(x, ")"):
			depth--
		case depth > 0:
		case d.word(x, "and", "or", "и", "или", "а", "также") || d.punct(x, ",") || d.toks[x].k == tPunct && isQuote(d.toks[x].t):
		default:
			return false
		}
	}
	return true
}

// defendantIn returns the person a charge or claim at token i most likely concerns: a
// person in the sentence who is not the judge, the prosecutor or a lawyer.
func (d *doc) defendantIn(i int) string {
	sa, sb := d.sentenceOf(i)
	best := ""
	bestDist := 1 << 30
	for _, m := range d.personsIn(sa, sb) {
		if m.p == nil {
			continue
		}
		if hasRole(m.p, "judge", "prosecutor", "lawyer", "chairman", "investigator") && !hasRole(m.p, "defendant") {
			continue
		}
		dist := m.a - i
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = m.p.Name, dist
		}
	}
	return best
}

func hasRole(p *Person, roles ...string) bool {
	for _, r := range p.Roles {
		for _, x := range roles {
			if r == x {
				return true
			}
		}
	}
	return false
}

// stem reduces a word to a rough stem for comparing wording with article titles: English
// endings (-ing, -ed, -s, -ion, -ment) are cut, Russian case endings too, then at most six
// letters are kept.
func stem(w string) string {
	w = strings.ToLower(w)
	if isCyrillic(w) {
		for _, e := range []string{"ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ой", "ей", "ий", "ый", "ая", "яя", "ое", "ее", "ую", "юю", "ых", "их", "ым", "им", "ом", "ем", "ов", "ев", "ах", "ях", "ам", "ям", "ия", "ие", "ии", "ию", "а", "я", "о", "е", "и", "ы", "у", "ю", "ь", "й"} {
			if strings.HasSuffix(w, e) && utf8.RuneCountInString(w)-utf8.RuneCountInString(e) >= 3 {
				w = w[:len(w)-len(e)]
				break
			}
		}
	} else {
		// Twice: "incitement" → "incite" → "incit", as "inciting" → "incit".
		for range 2 {
			for _, e := range []string{"ations", "ation", "ments", "ment", "ings", "ing", "ions", "ion", "ed", "es", "s", "e"} {
				if strings.HasSuffix(w, e) && len(w)-len(e) >= 4 {
					w = w[:len(w)-len(e)]
					break
				}
			}
		}
	}
	if utf8.RuneCountInString(w) > 6 {
		r := []rune(w)
		w = string(r[:6])
	}
	return w
}

var stopStems = map[string]bool{}

func init() {
	for _, w := range strings.Fields("the a an of or and for to in on by with its their his her at as from into under or, либо или и в на по с к о об а также за от до из иной иные иного равно") {
		stopStems[w] = true
	}
}

func stems(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if stopStems[strings.ToLower(f)] || utf8.RuneCountInString(f) < 3 {
			continue
		}
		st := stem(f)
		if !seen[st] {
			seen[st] = true
			out = append(out, st)
		}
	}
	return out
}

// codeIndex holds the stems of a code's article titles and their weights.
type codeIndex struct {
	titles []map[string]bool
	idf    map[string]float64
}

var (
	indexMu sync.Mutex
	indexes = map[string]*codeIndex{}
)

func indexFor(c *docket.Code) *codeIndex {
	indexMu.Lock()
	defer indexMu.Unlock()
	if ix, ok := indexes[c.ID]; ok {
		return ix
	}
	ix := &codeIndex{idf: map[string]float64{}}
	df := map[string]int{}
	for _, a := range c.Articles {
		set := map[string]bool{}
		for _, st := range stems(a.En + " " + a.Ru) {
			set[st] = true
		}
		ix.titles = append(ix.titles, set)
		for st := range set {
			df[st]++
		}
	}
	n := float64(len(c.Articles))
	for st, k := range df {
		ix.idf[st] = math.Log(1 + n/float64(k))
	}
	indexes[c.ID] = ix
	return ix
}

// matchArticle finds the article whose title is most like the wording: the weighted share of
// the wording's stems that the title has, at least a half, and at least two stems unless
// the wording has one.
func matchArticle(c *docket.Code, text string) (docket.Article, bool) {
	ws := stems(text)
	if len(ws) == 0 {
		return docket.Article{}, false
	}
	ix := indexFor(c)
	var total float64
	for _, w := range ws {
		total += ix.weight(w)
	}
	best, bestScore, second := -1, 0.0, 0.0
	for i, set := range ix.titles {
		var s float64
		n := 0
		for _, w := range ws {
			if set[w] {
				s += ix.weight(w)
				n++
			}
		}
		if n < 2 && len(ws) > 1 {
			continue
		}
		s /= total
		if s > bestScore {
			best, second, bestScore = i, bestScore, s
		} else if s > second {
			second = s
		}
	}
	if best < 0 || bestScore < 0.5 || bestScore-second < 0.05 {
		return docket.Article{}, false
	}
	return c.Articles[best], true
}

// weight is a stem's weight: rare stems tell articles apart, and a stem no title has
// weighs as much as the rarest.
func (ix *codeIndex) weight(st string) float64 {
	if w, ok := ix.idf[st]; ok {
		return w
	}
	return math.Log(1 + float64(len(ix.titles)))
}
