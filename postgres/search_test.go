package postgres

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/docketorg/docket/internal/pgtest"
)

// TestSearchWays holds each way of finding a search's newest matches to the same answer as
// reading every match: the newest limit by seq, with their rank. A temporary table named
// search hides the store's in the transaction: 3,000 rows, a word in every third (common),
// one in every hundredth (mid), one in three rows (rare), their statistics made.
func TestSearchWays(t *testing.T) {
	ctx := context.Background()
	db := NewDB(pgtest.Schema(t))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tx, err := db.BeginTx(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	for _, q := range []string{
		`CREATE TEMP TABLE search (seq BIGINT PRIMARY KEY, exact TSVECTOR NOT NULL, keys TSVECTOR NOT NULL) ON COMMIT DROP`,
		`INSERT INTO search SELECT i, '', to_tsvector('simple', concat_ws(' ', 'row',
			CASE WHEN i % 3 = 0 THEN 'common' END, CASE WHEN i % 100 = 7 THEN 'mid' END,
			CASE WHEN i IN (5, 1500, 2999) THEN 'rare' END, CASE WHEN i % 2 = 0 THEN 'padding words' END))
			FROM generate_series(1, 3000) i`,
		`CREATE INDEX ON search USING gin (keys)`,
		`ANALYZE search`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	const limit = 10
	for _, tc := range []struct {
		word  string
		count float64
	}{{"common", 1000}, {"mid", 30}, {"rare", 3}} {
		c := candidates{rank: `-ts_rank(keys, ?::tsquery, 1)::float8`, rankArgs: []any{tc.word}, where: `keys @@ ?::tsquery`, args: []any{tc.word}}
		var want []string
		rows, err := tx.QueryContext(ctx, `SELECT seq, -ts_rank(keys, ?::tsquery, 1)::float8 FROM search WHERE keys @@ ?::tsquery ORDER BY seq DESC LIMIT ?`, tc.word, tc.word, limit)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var seq int64
			var rank float64
			if err := rows.Scan(&seq, &rank); err != nil {
				t.Fatal(err)
			}
			want = append(want, fmt.Sprintf("%d %g", seq, rank))
		}
		rows.Close()
		matches, total, err := searchEstimate(ctx, tx, c.where, c.args)
		if err != nil {
			t.Fatal(err)
		}
		if matches < tc.count/2 || matches > tc.count*2 || total < 2000 || total > 4500 {
			t.Errorf("%s: %.0f of %.0f rows expected to match, want about %.0f of 3000", tc.word, matches, total, tc.count)
		}
		// Every way, and windows of every size: from none of the matches (all come from the
		// older rows) to all of them.
		for _, w := range []struct {
			way     searchWay
			matches float64
		}{{searchAll, matches}, {searchNewest, matches}, {searchWindow, matches}, {searchWindow, 3000}, {searchWindow, 40}, {searchWindow, 1}} {
			seqs, ranks, err := c.read(ctx, tx, w.way, w.matches, limit)
			if err != nil {
				t.Fatalf("%s, way %d: %v", tc.word, w.way, err)
			}
			var got []string
			for i := range seqs {
				r, _ := strconv.ParseFloat(ranks[i], 64)
				got = append(got, seqs[i]+" "+strconv.FormatFloat(r, 'g', -1, 64))
			}
			slices.SortFunc(got, func(a, b string) int { // by seq, newest first
				x, _ := strconv.Atoi(strings.Fields(a)[0])
				y, _ := strconv.Atoi(strings.Fields(b)[0])
				return y - x
			})
			if !slices.Equal(got, want) {
				t.Errorf("%s, way %d sized for %.0f matches: %v, want %v", tc.word, w.way, w.matches, got, want)
			}
		}
	}
}

// TestSearchWayFor: the words of bench/results/postgres-10m.md, among 4.6 million rows of the
// search index, each taken the way measured there to cost least.
func TestSearchWayFor(t *testing.T) {
	for _, tc := range []struct {
		matches float64
		want    searchWay
	}{
		{397192, searchNewest}, // criminal
		{271663, searchNewest}, // court
		{200000, searchNewest},
		{20110, searchWindow}, // court's keyed term, sealed values
		{19504, searchWindow}, // police
		{8000, searchAll},
		{1137, searchAll}, // judge
		{0, searchAll},
	} {
		if got := searchWayFor(tc.matches, 4589023, 2000); got != tc.want {
			t.Errorf("searchWayFor(%.0f of 4589023) = %d, want %d", tc.matches, got, tc.want)
		}
	}
}
