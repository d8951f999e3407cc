package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
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

func TestTSQueries(t *testing.T) {
	long := string(make([]byte, maxLexeme+1))
	exact, keys, ok := tsqueries([][]string{{"gulnara", "baiturova"}, {"x"}}, []string{"aktau", "sud"}, true)
	if !ok || exact != `('gulnara' <-> 'baiturova') & ('x')` || keys != `'aktau' & 'sud':*` {
		t.Errorf("tsqueries = %q, %q, %v", exact, keys, ok)
	}
	if _, _, ok := tsqueries([][]string{{long}}, nil, false); ok {
		t.Error("a phrase with a word too long to index can match")
	}
}

// vectorText is tsvector input text of words at positions 1, 2, 3..., without the words too
// long to index: what the server's own parser makes canonical, to hold tsvector to.
func vectorText(words []string) string {
	var b strings.Builder
	for i, w := range words {
		if !validLexeme(w) {
			continue
		}
		fmt.Fprintf(&b, " %s:%d", lexeme(w), min(i+1, maxPosition))
	}
	return b.String()
}

// TestTSVector has the server compare the binary tsvectors that tsvector makes, which it
// takes as they are sent, with what its own parser makes of the same words as text: the same
// lexemes, in the same order, with the same positions. A vector that differed would match
// otherwise, and Verify would find every search row changed.
func TestTSVector(t *testing.T) {
	db := pgtest.MustOpen(t, pgtest.DSN(t))
	ctx := context.Background()
	long := strings.Repeat("x", maxLexeme+1)
	many := func(n int, w ...string) []string {
		var ws []string
		for i := range n {
			ws = append(ws, w[i%len(w)])
		}
		return ws
	}
	for _, words := range [][]string{
		nil,
		{"gulnara", "baiturova"},
		{"b", "a", "b", "c", "a"}, // out of order, and again
		{"o'brien", `a\b`, "жаңаөзен", "ab", "a", "aa", "b"}, // byte order, not length order
		{"a", long, "b"},
		{strings.Repeat("y", maxLexeme), "z"},
		many(300, "court"),                  // more positions than a lexeme keeps
		many(maxPosition+50, "a", "b", "c"), // positions past the last one
		append(many(maxPosition+10, "pad"), "tail", "tail"),
	} {
		vec := tsvector(words)
		var same bool
		var got, want string
		err := db.QueryRowContext(ctx, `SELECT $1::tsvector = $2::tsvector, $1::tsvector::text, $2::tsvector::text`, vec, vectorText(words)).Scan(&same, &got, &want)
		if err != nil {
			t.Fatalf("%.60q: %v", words, err)
		}
		if !same || got != want {
			t.Errorf("tsvector(%.60q) = %.200s; the server's parser makes %.200s", words, got, want)
		}
	}
}

// TestLexeme_Server has the server read what tsvector and tsqueries write: any word, however
// hostile, is one lexeme that matches itself, never an operator.
func TestLexeme_Server(t *testing.T) {
	db := pgtest.MustOpen(t, pgtest.DSN(t))
	ctx := context.Background()
	for _, w := range []string{"plain", "o'brien", `back\slash`, `'`, `\`, "a & b", "a | b", "!a", "a <-> b", "a:*", "(a)", "a:1", "''", `\'`, "жаңаөзен"} {
		var lexemes []string
		var lexJSON string
		var nodes int
		var match, prefix bool
		vec := tsvector([]string{w})
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

// TestDeferrable_Exist: every index and constraint an import defers is in the schema the
// migrations make; one renamed by a migration would silently be kept up row by row again.
func TestDeferrable_Exist(t *testing.T) {
	db := NewDB(pgtest.Schema(t))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, name := range (dialect{}).Deferrable(true) {
		var n int
		if err := db.W.QueryRowContext(context.Background(), `SELECT (SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() AND indexname = $1)
			+ (SELECT count(*) FROM pg_constraint WHERE connamespace = current_schema()::regnamespace AND conname = $1)`, name).Scan(&n); err != nil {
			t.Fatal(err)
		} else if n != 1 {
			t.Errorf("an import defers %s, which the schema does not have", name)
		}
	}
}
