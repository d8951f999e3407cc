package http

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/translit"
)

// Search results that a reader can tell apart: the matched words of each snippet marked, a few
// key facts under each hit, and near spellings when nothing is found.

// matcher tells the words of a text that a query matches, as the store's search matches them
// (internal/sqlstore parseQuery): quoted phrases by their folded words, other words by their
// romanisation key (so Байтурова marks Baiturova), the last also as a prefix.
type matcher struct {
	exact  map[string]bool
	keys   map[string]bool
	prefix string // the last key, matched as a prefix; "" when too short or none
}

func newMatcher(q string) *matcher {
	m := &matcher{exact: map[string]bool{}, keys: map[string]bool{}}
	rest := q
	for {
		i := strings.IndexByte(rest, '"')
		if i < 0 {
			break
		}
		j := strings.IndexByte(rest[i+1:], '"')
		if j < 0 {
			rest = rest[:i] + " " + rest[i+1:]
			break
		}
		for _, w := range translit.Tokens(translit.Fold(rest[i+1 : i+1+j])) {
			m.exact[strings.ReplaceAll(w, "'", "")] = true
		}
		rest = rest[:i] + " " + rest[i+2+j:]
	}
	var last string
	for _, w := range translit.Tokens(rest) {
		if k := translit.WordKey(w); k != "" {
			m.keys[k], last = true, k
		}
	}
	if utf8.RuneCountInString(last) >= 3 {
		m.prefix = last
	}
	return m
}

// matches reports whether the query matches the word w.
func (m *matcher) matches(w string) bool {
	if len(m.exact) > 0 {
		for _, f := range translit.Tokens(translit.Fold(w)) {
			if m.exact[strings.ReplaceAll(f, "'", "")] {
				return true
			}
		}
	}
	k := translit.WordKey(w)
	return k != "" && (m.keys[k] || (m.prefix != "" && strings.HasPrefix(k, m.prefix)))
}

// highlight returns text as safe HTML with the words the query matches in <mark>; everything
// else is escaped.
func (m *matcher) highlight(text string) template.HTML {
	var b strings.Builder
	pos := 0
	for _, tok := range translit.Tokens(text) {
		// Tokens are substrings of text, in order: find each after the last.
		i := strings.Index(text[pos:], tok)
		if i < 0 {
			break
		}
		start := pos + i
		if !m.matches(tok) {
			continue
		}
		b.WriteString(template.HTMLEscapeString(text[pos:start]))
		b.WriteString("<mark>")
		b.WriteString(template.HTMLEscapeString(tok))
		b.WriteString("</mark>")
		pos = start + len(tok)
	}
	b.WriteString(template.HTMLEscapeString(text[pos:]))
	return template.HTML(b.String())
}

// resultHit is one hit as the search page shows it.
type resultHit struct {
	*docket.SearchHit
	Snippet template.HTML // "" when the snippet is the caption
	Facts   []keyFact
}

// keyFact is one fact that tells a hit from its namesakes.
type keyFact struct {
	Label, Value string
}

// keyProps are the properties whose values tell records of a schema apart, in the order shown.
var keyProps = map[string][]string{
	"Person":       {"occupation", "birthDate", "country", "nationality"},
	"Organization": {"country"},
	"Case":         {"country", "number", "defendant"},
	"Event":        {"date", "type", "place"},
	"Proceeding":   {"stage", "court", "date"},
	"Charge":       {"article", "defendant"},
	"Position":     {"holder", "organization", "startDate"},
}

// maxKeyFacts is how many facts a hit shows.
const maxKeyFacts = 3

// resultHits makes the store's hits into the page's: their entities read with their statements
// in one batch, and the records those refer to in another, as the viewer may see them.
func (s *Server) resultHits(r *http.Request, l *layout, q string, hits []*docket.SearchHit) []resultHit {
	m := newMatcher(q)
	out := make([]resultHit, len(hits))
	var ids []string
	for i, h := range hits {
		out[i] = resultHit{SearchHit: h}
		if h.Snippet != "" && h.Snippet != h.Entity.Caption {
			out[i].Snippet = m.highlight(h.Snippet)
		}
		ids = append(ids, h.Entity.ID)
	}
	if len(ids) == 0 {
		return out
	}
	b := s.newBuilder(r, l)
	ents, _, err := s.Store.FindEntities(r.Context(), viewer(r), docket.EntityFilter{IDs: ids[:min(len(ids), docket.MaxIn)], Limit: docket.MaxIn, SkipCount: true, WithStatements: true})
	if err != nil {
		s.Logger.Warn("reading the key facts of search results", "err", err)
		return out // the hits are shown without them
	}
	byID := make(map[string]*docket.Entity, len(ents))
	for _, e := range ents {
		byID[e.ID] = e
		b.ents[e.ID] = e
	}
	// The records the key facts name, read at once: only those, not all a hit refers to.
	var refs []string
	for _, e := range ents {
		for _, p := range keyProps[e.Schema] {
			if prop := propOf(e.Schema, p); prop == nil || prop.Type != docket.TypeRef {
				continue
			}
			for _, st := range e.Statements {
				if _, ok := b.ents[st.Value]; st.Property == p && st.Current() && !ok && !slices.Contains(refs, st.Value) {
					refs = append(refs, st.Value)
				}
			}
		}
	}
	refs = refs[:min(len(refs), docket.MaxIn)]
	if len(refs) > 0 {
		found, _, err := s.Store.FindEntities(r.Context(), viewer(r), docket.EntityFilter{IDs: refs, Limit: docket.MaxIn, SkipCount: true, WithStatements: true})
		if err != nil {
			s.Logger.Warn("reading the records named by the key facts of search results", "err", err)
			return out
		}
		for _, e := range found {
			b.ents[e.ID] = e
		}
		for _, e := range found {
			b.adopt(e) // named in the page's language, once all are at hand
		}
		for _, id := range refs {
			if _, ok := b.ents[id]; !ok {
				b.ents[id] = nil // not found: not visible to the viewer, and not read again
			}
		}
	}
	for i := range out {
		if e := byID[out[i].Entity.ID]; e != nil {
			// Named as its page names it, in the page's language ("Дело …" for "Case of …").
			b.adopt(e)
			out[i].Entity.Caption, out[i].Entity.CaptionDraft = e.Caption, e.CaptionDraft
			out[i].Facts = b.keyFacts(e)
		}
	}
	return out
}

// keyFacts returns the first few facts of e's key properties, each shown as its page shows it.
// A reference to a record the viewer may not see shows nothing, not even its id.
func (b *builder) keyFacts(e *docket.Entity) []keyFact {
	var out []keyFact
	for _, p := range keyProps[e.Schema] {
		var vals []string
		for _, st := range e.Statements {
			if st.Property != p || !st.Current() {
				continue
			}
			plain := *st
			plain.Source = "" // footnotes belong to the record's page, not to a list
			f := b.fact(e, &plain)
			if prop := propOf(e.Schema, p); prop != nil && prop.Type == docket.TypeRef && f.Link == "" {
				continue // not visible to the viewer (the store drops such references already): its id would say it exists
			}
			if f.Value != "" && !slices.Contains(vals, f.Value) {
				vals = append(vals, f.Value)
			}
		}
		if len(vals) > 0 {
			if len(vals) > 2 {
				vals = append(vals[:2], "…")
			}
			out = append(out, keyFact{Label: b.l.PropLabel(p), Value: strings.Join(vals, ", ")})
		}
		if len(out) == maxKeyFacts {
			break
		}
	}
	return out
}

func propOf(schema, prop string) *docket.Property {
	sc, err := docket.SchemaByName(schema)
	if err != nil {
		return nil
	}
	return sc.Property(prop)
}

// nearLink is a near spelling offered when a search finds nothing.
type nearLink struct {
	Query, Href string
}

// maxNear is how many near spellings a search that finds nothing offers.
const maxNear = 3

// nearPrefix is how many letters of a word's key select the candidates of its near spellings,
// and nearHits how many records of those are read: at 10M statements, three letters and twenty
// records keep a search that finds nothing within about 0.1 s (README, Search).
const nearPrefix, nearHits = 3, 20

// nearCandidates is how many of a prefix's newest matches are ranked for its near spellings:
// any twenty of its records will do, not its best, and ranking the search's usual two thousand
// took half the CPU of a server whose visitors misspell one name in eight (bench/load).
const nearCandidates = 200

// nearSpellings returns up to maxNear queries like q with one word respelled as a name the
// viewer may see, nearest first: the words within two edits of a query word's romanisation key.
// Candidates come from the search index, as /suggest finds them: the records that a word's
// first three key letters match as a prefix, through the store's search as the viewer, so a
// record the viewer may not see is never offered and no query scans every name. A misspelling
// of the first letters is not found.
func (s *Server) nearSpellings(r *http.Request, q string) ([]nearLink, error) {
	plain := strings.ReplaceAll(q, `"`, " ")
	words := translit.Tokens(plain)
	type cand struct {
		query string
		dist  int
		order int
	}
	var cands []cand
	seen := map[string]bool{}
	for wi, w := range words {
		if wi == 4 {
			break // a long query is not spelled out word by word
		}
		k := translit.WordKey(w)
		kr := []rune(k)
		if len(kr) <= nearPrefix {
			continue
		}
		// A word that finds something as it is spelled needs no other spelling; an exact key is
		// cheap to look up (the trailing space asks for no prefix match), a prefix is not. Any of
		// its newest few records will tell: a common first name has thousands, each read to rank.
		if found, err := s.Store.Search(r.Context(), viewer(r), docket.SearchQuery{Q: w + " ", Limit: 1, Candidates: nearHits}); err != nil && docket.ErrorCode(err) != docket.EINVALID {
			return nil, err
		} else if len(found) > 0 {
			continue
		}
		prefix := string(kr[:nearPrefix])
		if translit.WordKey(prefix) != prefix {
			continue // the prefix would be searched as another key
		}
		near, err := s.wordsFrom(r.Context(), viewer(r), prefix)
		if docket.ErrorCode(err) == docket.EINVALID {
			continue
		} else if err != nil {
			return nil, err
		}
		for _, t := range near {
			tk := translit.WordKey(t)
			if tk == k || tk == "" {
				continue
			}
			d := editDistance(k, tk, 2)
			if d > 2 {
				continue
			}
			alt := slices.Clone(words)
			alt[wi] = t
			nq := strings.Join(alt, " ")
			if key := translit.Key(nq); !seen[key] {
				seen[key] = true
				cands = append(cands, cand{query: nq, dist: d, order: len(cands)})
			}
		}
	}
	slices.SortStableFunc(cands, func(a, b cand) int { return a.dist - b.dist })
	var out []nearLink
	for _, c := range cands[:min(len(cands), maxNear)] {
		out = append(out, nearLink{Query: c.query, Href: "/search?" + url.Values{"q": {c.query}}.Encode()})
	}
	return out, nil
}

// wordsFrom returns the words of the records that a search for prefix finds as v's class, in
// the order found, each once: what near spellings are chosen from. Kept until the registry
// changes, by class and prefix: a prefix search reads every word it begins, and visitors misspell
// the same names.
func (s *Server) wordsFrom(ctx context.Context, v docket.Viewer, prefix string) ([]string, error) {
	head, err := s.Store.Head(ctx)
	if err != nil {
		return nil, err
	}
	class, cv := viewerClass(v)
	return s.nearWords.get(ctx, head, class+" "+prefix, func(ctx context.Context) ([]string, error) {
		hits, err := s.Store.Search(ctx, cv, docket.SearchQuery{Q: prefix, Limit: nearHits, Candidates: nearCandidates})
		if err != nil {
			return nil, err
		}
		var words []string
		seen := map[string]bool{}
		for _, h := range hits {
			for _, t := range translit.Tokens(h.Snippet + " " + h.Entity.Caption) {
				if !seen[t] {
					seen[t] = true
					words = append(words, t)
				}
			}
		}
		return words, nil
	})
}

// editDistance is the Levenshtein distance of a and b in runes, or max+1 when it is more.
func editDistance(a, b string, max int) int {
	ar, br := []rune(a), []rune(b)
	if d := len(ar) - len(br); d > max || -d > max {
		return max + 1
	}
	prev := make([]int, len(br)+1)
	cur := make([]int, len(br)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ar); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(br); j++ {
			c := prev[j-1]
			if ar[i-1] != br[j-1] {
				c++
			}
			c = min(c, prev[j]+1, cur[j-1]+1)
			cur[j] = c
			best = min(best, c)
		}
		if best > max {
			return max + 1
		}
		prev, cur = cur, prev
	}
	return min(prev[len(br)], max+1)
}
