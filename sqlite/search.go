package sqlite

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/translit"
)

// maxCandidates caps the statements ranked for one query: a common word can match most of a
// registry, and ranking all of it costs far more than users gain (PERFORMANCE.md).
const maxCandidates = 2000

// ftsQuery turns a user's query into an FTS5 query: quoted phrases match the text as written,
// other words match by romanisation key, the last one also as a prefix so that suggestions
// work while typing.
func ftsQuery(q string) (string, error) {
	var parts []string
	rest := q
	for {
		i := strings.IndexByte(rest, '"')
		if i < 0 {
			break
		}
		j := strings.IndexByte(rest[i+1:], '"')
		if j < 0 {
			return "", docket.Errorf(docket.EINVALID, "query %q has an unclosed quote", q)
		}
		phrase := translit.Tokens(rest[i+1 : i+1+j])
		if len(phrase) > 0 {
			parts = append(parts, `exact : "`+strings.Join(phrase, " ")+`"`)
		}
		rest = rest[:i] + " " + rest[i+2+j:]
	}
	words := translit.Tokens(rest)
	for i, w := range words {
		k := translit.WordKey(w)
		if k == "" {
			continue
		}
		term := `keys : "` + k + `"`
		if i == len(words)-1 && utf8.RuneCountInString(k) >= 3 && !strings.HasSuffix(q, " ") {
			term += "*"
		}
		parts = append(parts, term)
	}
	if len(parts) == 0 {
		return "", docket.Errorf(docket.EINVALID, "query %q has no words to search for", q)
	}
	return strings.Join(parts, " AND "), nil
}

// Search finds entities by their visible current statements, best first.
func (db *DB) Search(ctx context.Context, v docket.Viewer, q docket.SearchQuery) ([]*docket.SearchHit, error) {
	fts, err := ftsQuery(q.Q)
	if err != nil {
		return nil, err
	}
	var hits []*docket.SearchHit
	err = db.view(ctx, func(tx *Tx) error {
		cond, args := visible(v)
		rows, err := tx.QueryContext(ctx, `
			WITH m AS (SELECT rowid AS seq, bm25(search) AS rank FROM search WHERE search MATCH ? ORDER BY rank LIMIT ?)
			SELECT se.canonical, m.rank, s.value, s.sensitivity, s.status FROM m
			JOIN statements s ON s.seq = m.seq JOIN entities se ON se.id = s.entity_id
			WHERE s.retracted_seq IS NULL AND `+cond+` ORDER BY m.rank`,
			append([]any{fts, maxCandidates}, args...)...)
		if err != nil {
			return fmt.Errorf("search: %w", err)
		}
		seen := map[string]*docket.SearchHit{}
		var order []string
		for rows.Next() {
			var id, value, status string
			var rank float64
			var sens int
			if err := rows.Scan(&id, &rank, &value, &sens, &status); err != nil {
				rows.Close()
				return err
			}
			if _, ok := seen[id]; ok || !v.MaySee(docket.Sensitivity(sens), docket.Status(status)) {
				continue
			}
			seen[id] = &docket.SearchHit{Snippet: snippet(value), Rank: rank}
			order = append(order, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range order {
			ents, err := tx.entities(ctx, v, `AND e.id = ?`, id)
			if err != nil {
				return err
			} else if len(ents) == 0 || (q.Schema != "" && ents[0].Schema != q.Schema) {
				continue
			}
			h := seen[id]
			h.Entity = ents[0]
			hits = append(hits, h)
		}
		return nil
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

func snippet(s string) string {
	if utf8.RuneCountInString(s) <= 160 {
		return s
	}
	r := []rune(s)
	return string(r[:160]) + "…"
}
