package storetest

import (
	"slices"
	"testing"

	"github.com/docketorg/docket"
)

// testSourceQuery: the source picker finds sources by any word of their title, URL, publisher
// or date, in any case and script, the newest first, and never a source the viewer may not
// see.
func testSourceQuery(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(1))
	mk := func(s *docket.Source) *docket.Source {
		t.Helper()
		if err := st.CreateSource(ctx, admin, s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	old := mk(&docket.Source{URL: "https://tumba.kz/41092.html", Title: "Судьи Казахстана под давлением", Publisher: "Тумба", Published: "2019-02-11", Sensitivity: docket.Public})
	newer := mk(&docket.Source{URL: "https://tumba.kz/50000.html", Title: "Another tumba story", Sensitivity: docket.Public})
	notes := mk(&docket.Source{URL: "https://example.org/notes", Title: "Witness notes", Sensitivity: docket.Confidential})
	pct := mk(&docket.Source{URL: "https://example.org/pct", Title: "Poll 100%_sure", Sensitivity: docket.Public})
	find := func(v docket.Viewer, q string) []string {
		t.Helper()
		ss, n, err := st.FindSources(ctx, v, docket.SourceFilter{Query: q, Newest: true, Limit: 10})
		if err != nil {
			t.Fatalf("FindSources(%q): %v", q, err)
		}
		var ids []string
		for _, s := range ss {
			ids = append(ids, s.ID)
		}
		if n != len(ids) {
			t.Errorf("FindSources(%q) as %s counts %d, lists %d", q, v.Name, n, len(ids))
		}
		// Uncounted (the picker's way), the same sources.
		ss, n, err = st.FindSources(ctx, v, docket.SourceFilter{Query: q, Newest: true, Limit: 10, SkipCount: true})
		if err != nil || n != -1 || len(ss) != len(ids) {
			t.Errorf("FindSources(%q, SkipCount) = %d sources, count %d, %v; want %d, -1", q, len(ss), n, err, len(ids))
		}
		for i, s := range ss {
			if i < len(ids) && s.ID != ids[i] {
				t.Errorf("FindSources(%q, SkipCount)[%d] = %s, want %s", q, i, s.ID, ids[i])
			}
		}
		return ids
	}
	// By ids, at once: those the viewer may see, whatever else is asked for.
	for _, tc := range []struct {
		v    docket.Viewer
		ids  []string
		want int
	}{
		{public, []string{old.ID, newer.ID, notes.ID, pct.ID, "nothing"}, 3},
		{cleared, []string{old.ID, newer.ID, notes.ID}, 3},
		{public, []string{old.ID}, 1},
	} {
		ss, _, err := st.FindSources(ctx, tc.v, docket.SourceFilter{IDs: tc.ids, Limit: len(tc.ids), SkipCount: true})
		if err != nil || len(ss) != tc.want {
			t.Errorf("FindSources(IDs %v) as %s = %d sources, %v; want %d", tc.ids, tc.v.Name, len(ss), err, tc.want)
		}
		for _, s := range ss {
			if !slices.Contains(tc.ids, s.ID) {
				t.Errorf("FindSources(IDs %v) gives %s", tc.ids, s.ID)
			}
		}
	}
	for _, tc := range []struct {
		v    docket.Viewer
		q    string
		want []string
	}{
		{public, "tumba", []string{newer.ID, old.ID}}, // newest first
		{public, "тумба", []string{old.ID}},           // the publisher Тумба, in another case
		{public, "СУДЬИ давлением", []string{old.ID}}, // every word, any case
		{public, "11.02.2019", []string{old.ID}},      // a date as people write it
		{public, "2019-02", []string{old.ID}},
		{public, "41092", []string{old.ID}},
		{public, "notes", nil}, // confidential: not there for the public
		{reader, "notes", nil}, // nor for staff without clearance
		// Sealed (encrypted at rest): a confidential source's title is not searched, even for
		// the cleared; it is found by its exact URL (README).
		{cleared, "notes", nil},
		{public, "100%_", []string{pct.ID}}, // % and _ are letters, not patterns
		{public, "1%0", nil},
		{public, "nothing-like-it", nil},
	} {
		if got := find(tc.v, tc.q); !slices.Equal(got, tc.want) {
			t.Errorf("FindSources(%q) as %s = %v, want %v", tc.q, tc.v.Name, got, tc.want)
		}
	}
}

// testRows: the lists' rows are read by class, sorted by each key either way, filtered,
// paged; only the operator writes them; a rebuild empties them.
func testRows(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(1))
	mk := func(c docket.Class, id string, seq int64, caption, country, outcome, date string, amount float64, articles ...string) *docket.Row {
		r := &docket.Row{Class: c, Schema: "Case", ID: id, Seq: seq, Caption: caption, People: caption, Country: country, Kind: outcome,
			Rank: map[string]int{"convicted": 1, "acquitted": 2}[outcome], Amount: amount, Date: date, Political: "yes", Articles: articles, Data: []byte(`{"id":"` + id + `"}`)}
		if len(articles) > 0 {
			r.Article = articles[0]
		}
		if len(date) >= 4 {
			r.Year = int(date[0]-'0')*1000 + int(date[1]-'0')*100 + int(date[2]-'0')*10 + int(date[3]-'0')
		}
		return r
	}
	rows := []*docket.Row{
		mk(docket.ClassPublic, "c1", 1, "akberdiyeva", "kz", "acquitted", "2019-02-06", 0, "KZ-CC 179"),
		mk(docket.ClassPublic, "c2", 2, "dzhumayev", "kz", "convicted", "2018-09-01", 36, "KZ-CC 174", "KZ-CC 179"),
		mk(docket.ClassPublic, "c3", 3, "ivanov", "ru", "convicted", "2021-05-01", 60, "RU-CC 280.3"),
		mk(docket.ClassStaff, "c1", 1, "akberdiyeva", "kz", "acquitted", "2019-02-06", 0, "KZ-CC 179"),
		mk(docket.ClassStaff, "c4", 4, "internova", "by", "convicted", "2020-01-01", 12, "BY-CC 342"),
	}
	if err := st.PutRows(ctx, editor, []string{"c1"}, rows[:1], 0); docket.ErrorCode(err) != docket.EFORBIDDEN {
		t.Fatalf("PutRows as an editor: %v, want EFORBIDDEN", err)
	}
	// No list is kept for the cleared: it would hold confidential names in the clear.
	secret := mk(docket.ClassCleared, "c5", 5, "secretova", "by", "convicted", "2020-01-01", 12, "BY-CC 342")
	if err := st.PutRows(ctx, admin, []string{"c5"}, []*docket.Row{secret}, 0); docket.ErrorCode(err) != docket.EINVALID {
		t.Fatalf("PutRows of a cleared row: %v, want EINVALID", err)
	}
	if err := st.PutRows(ctx, admin, []string{"c1", "c2", "c3", "c4"}, rows, 7); err != nil {
		t.Fatal(err)
	}
	if h, err := st.RowsHead(ctx); err != nil || h != 7 {
		t.Fatalf("RowsHead = %d, %v; want 7", h, err)
	}
	ids := func(v docket.Viewer, q docket.RowQuery) ([]string, int) {
		t.Helper()
		q.Schema = "Case"
		p, err := st.FindRows(ctx, v, q)
		if err != nil {
			t.Fatalf("FindRows(%+v): %v", q, err)
		}
		var out []string
		for _, r := range p.Rows {
			out = append(out, r.ID)
		}
		return out, p.Total
	}
	for _, tc := range []struct {
		v     docket.Viewer
		q     docket.RowQuery
		want  []string
		total int
	}{
		{public, docket.RowQuery{}, []string{"c1", "c2", "c3"}, 3},
		{reader, docket.RowQuery{}, []string{"c1", "c4"}, 2},
		{cleared, docket.RowQuery{}, []string{"c1", "c4"}, 2}, // the staff's list
		{public, docket.RowQuery{Sort: "date"}, []string{"c2", "c1", "c3"}, 3},
		{public, docket.RowQuery{Sort: "date", Desc: true}, []string{"c3", "c1", "c2"}, 3},
		{public, docket.RowQuery{Sort: "amount", Desc: true}, []string{"c3", "c2", "c1"}, 3},
		{public, docket.RowQuery{Sort: "caption", Desc: true}, []string{"c3", "c2", "c1"}, 3},
		{public, docket.RowQuery{Sort: "kind"}, []string{"c2", "c3", "c1"}, 3}, // by rank, then as made
		{public, docket.RowQuery{Country: "KZ"}, []string{"c1", "c2"}, 2},
		{public, docket.RowQuery{Article: "179"}, []string{"c1", "c2"}, 2},
		{public, docket.RowQuery{Article: "KZ-CC 174"}, []string{"c2"}, 1},
		{public, docket.RowQuery{Article: "17"}, nil, 0}, // a number, not a prefix
		{public, docket.RowQuery{Article: "280.3"}, []string{"c3"}, 1},
		{public, docket.RowQuery{Kind: "convicted", Year: 2021}, []string{"c3"}, 1},
		{public, docket.RowQuery{Political: "no"}, nil, 0},
		{public, docket.RowQuery{Sort: "date", Offset: 1, Limit: 1}, []string{"c1"}, 3},
		{public, docket.RowQuery{Country: "by"}, nil, 0}, // the staff's row is not the public's
	} {
		got, total := ids(tc.v, tc.q)
		if !slices.Equal(got, tc.want) || total != tc.total {
			t.Errorf("FindRows(%+v) as %s = %v of %d, want %v of %d", tc.q, tc.v.Name, got, total, tc.want, tc.total)
		}
	}
	if _, err := st.FindRows(ctx, public, docket.RowQuery{Schema: "Case", Sort: "nonsense"}); docket.ErrorCode(err) != docket.EINVALID {
		t.Errorf("an unknown sort: %v", err)
	}
	if _, err := st.FindRows(ctx, public, docket.RowQuery{Schema: "Source"}); docket.ErrorCode(err) != docket.EINVALID {
		t.Errorf("an unknown list: %v", err)
	}
	// Putting the rows of a record replaces all of its rows, of every class.
	if err := st.PutRows(ctx, admin, []string{"c1"}, nil, 0); err != nil {
		t.Fatal(err)
	}
	if got, _ := ids(cleared, docket.RowQuery{}); !slices.Equal(got, []string{"c4"}) {
		t.Errorf("after c1's rows were removed, the cleared see %v", got)
	}
	// A rebuild empties them, and says they were never derived.
	if err := st.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if h, _ := st.RowsHead(ctx); h != 0 {
		t.Errorf("after a rebuild RowsHead = %d, want 0", h)
	}
	if got, _ := ids(public, docket.RowQuery{}); got != nil {
		t.Errorf("after a rebuild the public's list is %v", got)
	}
}
