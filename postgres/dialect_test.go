package postgres

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/docketorg/docket/internal/pgtest"
)

func TestRebind(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`SELECT 1`, `SELECT 1`},
		{`SELECT a FROM t WHERE b = ? AND c IN (?, ?) LIMIT ?`, `SELECT a FROM t WHERE b = $1 AND c IN ($2, $3) LIMIT $4`},
		{`SELECT '?', "a?b", ? FROM t`, `SELECT '?', "a?b", $1 FROM t`},
		{`SELECT 'it''s ?', ?`, `SELECT 'it''s ?', $1`},
		{"SELECT ? -- why?\n, ?", "SELECT $1 -- why?\n, $2"},
		{`SELECT a - ? FROM t`, `SELECT a - $1 FROM t`},
		{`SELECT 'unterminated ?`, `SELECT 'unterminated ?`},
		{`VALUES (?1, ?2, ?3), (?1, ?, ?), (?2, ?, ?)`, `VALUES ($1, $2, $3), ($1, $4, $5), ($2, $6, $7)`},
		{`SELECT ?12, ?, '?3'`, `SELECT $12, $13, '?3'`},
		{`WITH m AS (SELECT seq FROM search WHERE exact @@ ?::tsquery) SELECT ?`, `WITH m AS (SELECT seq FROM search WHERE exact @@ $1::tsquery) SELECT $2`},
	} {
		if got := rebind(tc.in); got != tc.want {
			t.Errorf("rebind(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestVector(t *testing.T) {
	long := string(make([]byte, maxLexeme+1))
	for _, tc := range []struct {
		words []string
		want  string
	}{
		{nil, ""},
		{[]string{"gulnara", "baiturova"}, `'gulnara':1 'baiturova':2`},
		{[]string{"o'brien", `a\b`}, `'o''brien':1 'a\\b':2`},
		{[]string{"a", long, "b"}, `'a':1 'b':3`},
	} {
		if got := vector(tc.words); got != tc.want {
			t.Errorf("vector(%q) = %q, want %q", tc.words, got, tc.want)
		}
	}
	exact, keys, ok := tsqueries([][]string{{"gulnara", "baiturova"}, {"x"}}, []string{"aktau", "sud"}, true)
	if !ok || exact != `('gulnara' <-> 'baiturova') & ('x')` || keys != `'aktau' & 'sud':*` {
		t.Errorf("tsqueries = %q, %q, %v", exact, keys, ok)
	}
	if _, _, ok := tsqueries([][]string{{long}}, nil, false); ok {
		t.Error("a phrase with a word too long to index can match")
	}
}

// TestLexeme_Server has the server read what vector and tsqueries write: any word, however
// hostile, is one lexeme that matches itself, never an operator.
func TestLexeme_Server(t *testing.T) {
	db := pgtest.MustOpen(t, pgtest.DSN(t))
	ctx := context.Background()
	for _, w := range []string{"plain", "o'brien", `back\slash`, `'`, `\`, "a & b", "a | b", "!a", "a <-> b", "a:*", "(a)", "a:1", "''", `\'`, "жаңаөзен"} {
		var lexemes []string
		var lexJSON string
		var nodes int
		var match, prefix bool
		vec := vector([]string{w})
		q, _, _ := tsqueries([][]string{{w}}, nil, false)
		_, pq, _ := tsqueries(nil, []string{w}, true)
		err := db.QueryRowContext(ctx, `SELECT array_to_json(tsvector_to_array($1::tsvector))::text, numnode($2::tsquery), $1::tsvector @@ $2::tsquery, $1::tsvector @@ $3::tsquery`,
			vec, q, pq).Scan(&lexJSON, &nodes, &match, &prefix)
		if err != nil {
			t.Fatalf("word %q: vector %q, query %q: %v", w, vec, q, err)
		}
		if err := json.Unmarshal([]byte(lexJSON), &lexemes); err != nil {
			t.Fatal(err)
		}
		if len(lexemes) != 1 || lexemes[0] != w || nodes != 1 || !match || !prefix {
			t.Errorf("word %q: lexemes %q, %d query nodes, match %v, prefix match %v; want the word alone, matching itself", w, lexemes, nodes, match, prefix)
		}
	}
}
