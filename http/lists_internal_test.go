package http

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/demo"
)

// watchingStore records how far the row keeper says its first derivation has come each time
// it writes a batch of rows.
type watchingStore struct {
	docket.Store
	k    *rowKeeper
	seen []preparation
}

func (w *watchingStore) PutRows(ctx context.Context, v docket.Viewer, ids []string, rows []*docket.Row, head int64) error {
	if p, ok := w.k.preparing(); ok {
		w.seen = append(w.seen, p)
	}
	return w.Store.PutRows(ctx, v, ids, rows, head)
}

// The first derivation of every record's rows says how far it has come, out of how many
// records, and a list shown meanwhile says that it is a part; afterwards nothing is said.
func TestRowKeeper_Preparing(t *testing.T) {
	db := openStore(t)
	ctx := context.Background()
	if err := demo.Load(ctx, db, docket.Operator("t")); err != nil {
		t.Fatal(err)
	}
	counts, err := db.CountEntities(ctx, docket.Operator("t"))
	if err != nil {
		t.Fatal(err)
	}
	var want int64
	for _, sc := range docket.ListSchemas {
		want += int64(counts[sc])
	}
	w := &watchingStore{Store: db}
	k := newRowKeeper(w)
	w.k = k
	if _, err := k.prepare(ctx); err != nil {
		t.Fatal(err)
	}
	if len(w.seen) == 0 || w.seen[0].total != want {
		t.Fatalf("while preparing: %+v, want a total of %d records", w.seen, want)
	}
	if last := w.seen[len(w.seen)-1]; last.done == 0 || last.done > want {
		t.Errorf("the last batch was written at %d of %d", last.done, want)
	}
	if _, ok := k.preparing(); ok {
		t.Error("still preparing once done")
	}

	s := NewServer(db)
	s.Addr = "127.0.0.1:0"
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	get := func() string {
		resp, err := http.Get(s.URL() + "/cases")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("/cases: %d", resp.StatusCode)
		}
		return string(body)
	}
	if body := get(); strings.Contains(body, "prepared for the first time") {
		t.Error("a list says it is being prepared when it is not")
	}
	s.rows.setPreparing(preparation{active: true, done: 300, total: 900, start: time.Now().Add(-time.Minute)})
	if body := get(); !strings.Contains(body, "prepared for the first time: 300 of 900 records so far, about 3 minutes left") {
		t.Errorf("a list shown while its rows are first derived does not say so:\n%s", body)
	}
}
