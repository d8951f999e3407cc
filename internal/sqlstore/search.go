package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/translit"
	"github.com/docketorg/docket/seal"
)

// maxCandidates caps the statements ranked for one query: a common word can match most of a
// registry, and ranking all of it costs far more than users gain (PERFORMANCE.md).
const maxCandidates = 2000

// exactWords returns the words of s that exact search matches: translit's tokens of s folded,
// with the apostrophes inside them dropped (Natal'ya and Natal’ya are natalya). Statements are
// indexed as these words and quoted phrases are split into them, so that every backend sees
// the same words whatever its own tokenizer would make of the text.
func exactWords(s string) []string {
	ws := translit.Tokens(translit.Fold(s))
	for i, w := range ws {
		ws[i] = strings.ReplaceAll(w, "'", "")
	}
	return ws
}

// parseQuery splits a user's query: quoted phrases match the text as written (folded for
// case and diacritics), other words match by romanisation key, the last one also as a prefix
// so that suggestions work while typing.
func parseQuery(q string) (phrases [][]string, keys []string, prefix bool, err error) {
	rest := q
	for {
		i := strings.IndexByte(rest, '"')
		if i < 0 {
			break
		}
		j := strings.IndexByte(rest[i+1:], '"')
		if j < 0 {
			return nil, nil, false, docket.Errorf(docket.EINVALID, "query %q has an unclosed quote", q)
		}
		if phrase := exactWords(rest[i+1 : i+1+j]); len(phrase) > 0 {
			phrases = append(phrases, phrase)
		}
		rest = rest[:i] + " " + rest[i+2+j:]
	}
	for _, w := range translit.Tokens(rest) {
		if k := translit.WordKey(w); k != "" {
			keys = append(keys, k)
		}
	}
	if len(phrases) == 0 && len(keys) == 0 {
		return nil, nil, false, docket.Errorf(docket.EINVALID, "query %q has no words to search for", q)
	}
	prefix = len(keys) > 0 && utf8.RuneCountInString(keys[len(keys)-1]) >= 3 && !strings.HasSuffix(q, " ")
	return phrases, keys, prefix, nil
}

// Search finds entities by their visible current statements, best first; among equal ranks,
// people and organisations by their names come before the records named after them.
func (db *Store) Search(ctx context.Context, v docket.Viewer, q docket.SearchQuery) ([]*docket.SearchHit, error) {
	want := max(q.Offset, 0) + limit(q.Limit)
	if q.Limit <= 0 {
		want = max(q.Offset, 0) + 20
	}
	var hits []*docket.SearchHit
	err := db.viewFor(ctx, v, func(tx *Tx) error {
		ranked, err := db.rank(ctx, tx, v, q)
		if err != nil {
			return err
		}
		hits, err = tx.loadHits(ctx, v, ranked, want)
		return err
	})
	if err != nil {
		return nil, err
	}
	lo := min(max(q.Offset, 0), len(hits))
	hi := min(lo+limit(q.Limit), len(hits))
	if q.Limit <= 0 {
		hi = min(lo+20, len(hits))
	}
	return hits[lo:hi], nil
}

// candidate is an entity a search found, by the statement that matched it, not yet read.
type candidate struct {
	id      string
	snippet string
	rank    float64
}

// rank returns a search's candidates as v sees them, best first, each canonical entity once
// with the statement that matched it, but not the entities themselves: a page needs a few of
// them, and facets only their ids.
func (db *Store) rank(ctx context.Context, tx *Tx, v docket.Viewer, q docket.SearchQuery) ([]candidate, error) {
	phrases, keys, prefix, err := parseQuery(q.Q)
	if err != nil {
		return nil, err
	}
	type query struct {
		phrases    [][]string
		keys       []string
		prefix     bool
		candidates int // ranked at most
	}
	var queries []query
	candidates := maxCandidates
	if q.Candidates > 0 {
		candidates = min(q.Candidates, maxCandidates)
	}
	if terms := db.blindTerms(v, phrases, keys); terms != nil {
		// Sealed values match whole words, by their keyed terms, for whoever may see them
		// with the key; they come first, as exact matches.
		// A quarter of the candidates: a common word's sealed values are found the way its
		// words are, at the same cost a candidate, and the newest quarter fill many pages.
		queries = append(queries, query{nil, terms, false, max(candidates/4, 1)})
	}
	queries = append(queries, query{phrases, keys, prefix, candidates})
	cond, args := visible(v)
	if q.Schema != "" {
		// Only candidates of the schema: a picker's name matches the person and every case
		// and proceeding captioned after them, which would otherwise be read and left out.
		// (|| '' keeps the planner from reading every record of the schema by its index
		// instead of the few candidates.)
		cond, args = cond+` AND se.schema || '' = ?`, append(args, q.Schema)
	}
	seen := map[string]bool{}
	var ranked []candidate
	for _, qq := range queries {
		cte, cteArgs, err := db.Dialect.SearchCTE(ctx, tx, qq.phrases, qq.keys, qq.prefix, qq.candidates)
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		rows, err := tx.QueryContext(ctx, cte+`
			SELECT se.canonical, m.rank, s.value, s.sensitivity, s.status, s.property, `+valueColumns+` FROM m
			JOIN statements s ON s.seq = m.seq JOIN entities se ON se.id = s.entity_id
			WHERE s.retracted_seq IS NULL AND `+cond+`
			ORDER BY m.rank, CASE se.schema WHEN 'Person' THEN 0 WHEN 'Organization' THEN 1 ELSE 2 END,
				CASE s.property WHEN 'name' THEN 0 WHEN 'alias' THEN 1 ELSE 2 END, s.seq`,
			append(cteArgs, args...)...)
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		for rows.Next() {
			var id, value, status, prop string
			var rank float64
			var sens int
			var sv sealedValue
			if err := rows.Scan(append([]any{&id, &rank, &value, &sens, &status, &prop}, sv.dest()...)...); err != nil {
				rows.Close()
				return nil, err
			}
			if seen[id] || !v.MaySee(docket.Sensitivity(sens), docket.Status(status)) {
				continue
			}
			value, _ = db.openValue(prop, sens, value, &sv)
			seen[id] = true
			ranked = append(ranked, candidate{id, snippet(value), rank})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return ranked, nil
}

// loadHits reads the entities of ranked hits, in their order, until it has want of them: those
// v may not see as entities (a canonical record more sensitive than the member that matched)
// are left out. A common word has thousands of candidates: only as many entities are read as
// the page needs, a few reads at a time.
func (tx *Tx) loadHits(ctx context.Context, v docket.Viewer, ranked []candidate, want int) ([]*docket.SearchHit, error) {
	var hits []*docket.SearchHit
	for len(ranked) > 0 && len(hits) < want {
		part := ranked[:min(len(ranked), max(want-len(hits), 50), docket.MaxIn)]
		ranked = ranked[len(part):]
		ids := make([]string, len(part))
		for i, c := range part {
			ids[i] = c.id
		}
		in, args := inValues(ids)
		// (The candidates are of the schema asked for already; a condition on it here would
		// have the planner read every record of the schema by its index.)
		ents, err := tx.entities(ctx, v, `AND e.id IN `+in, args...)
		if err != nil {
			return nil, err
		}
		if err := tx.captions(ctx, v, ents); err != nil {
			return nil, err
		}
		byID := make(map[string]*docket.Entity, len(ents))
		for _, e := range ents {
			byID[e.ID] = e
		}
		for _, c := range part {
			if e := byID[c.id]; e != nil && len(hits) < want {
				hits = append(hits, &docket.SearchHit{Entity: e, Snippet: c.snippet, Rank: c.rank})
			}
		}
	}
	return hits, nil
}

func snippet(s string) string {
	if utf8.RuneCountInString(s) <= 160 {
		return s
	}
	r := []rune(s)
	return string(r[:160]) + "…"
}

// blindTerms returns the keyed terms of a query's words, to find sealed values by, or nil when
// v may not see sealed values or the store has not the key. Every word is matched whole, by
// its romanisation key: a sealed value's index has no prefixes, and no order of words.
func (db *Store) blindTerms(v docket.Viewer, phrases [][]string, keys []string) []string {
	k := db.DataKey
	if k == nil || v.MaxSensitivity() < docket.Confidential {
		return nil
	}
	var terms []string
	for _, p := range phrases {
		for _, w := range p {
			if key := translit.WordKey(w); key != "" {
				terms = append(terms, k.Term(seal.Word, key))
			}
		}
	}
	for _, key := range keys {
		terms = append(terms, k.Term(seal.Word, key))
	}
	return terms
}
