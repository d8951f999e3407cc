package http_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/storetest"
)

// BenchmarkEntityPage_Sealed measures the entity page of a person with twenty facts and ten
// proceedings that name her, read by a cleared admin, when all of it is internal (kept in the
// clear) and when it is confidential (sealed at rest, opened with the data key on each read):
// what encryption at rest costs a page, side by side. The two pages are asked for in turn in
// one loop, so that whatever else the machine does weighs on both alike; overhead-% is the
// difference of their medians.
//
//	go test ./http -run '^$' -bench EntityPage_Sealed -benchtime 2000x -count 3
func BenchmarkEntityPage_Sealed(b *testing.B) {
	ctx, op := context.Background(), docket.Operator("bench")
	var reqs []*http.Request
	for _, sens := range []docket.Sensitivity{docket.Internal, docket.Confidential} {
		db, s := MustOpenServer(b)
		e, src := storetest.MustNamedPerson(b, db, sens)
		for i := range 10 {
			p := &docket.Entity{Schema: "Proceeding", Sensitivity: sens}
			if err := db.CreateEntity(ctx, op, p, []*docket.Statement{
				{Property: "name", Value: fmt.Sprintf("Hearing %d", i), Source: src.ID, Sensitivity: sens},
				{Property: "defendant", Value: e.ID, Source: src.ID, Sensitivity: sens}}); err != nil {
				b.Fatal(err)
			}
		}
		token := MustCreateToken(b, db, "bench", docket.Admin, true)
		req, err := http.NewRequest("GET", s.URL()+"/entity/"+e.ID, nil)
		if err != nil {
			b.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Accept", "text/html")
		reqs = append(reqs, req)
	}
	get := func(req *http.Request) time.Duration {
		t0 := time.Now()
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "Gulnara Baiturova 19") {
			b.Fatalf("GET %s: %d, or the page lacks its facts", req.URL, resp.StatusCode)
		}
		return time.Since(t0)
	}
	for _, r := range reqs { // connections open, caches warm
		get(r)
	}
	var clear, sealed []time.Duration
	for b.Loop() {
		clear = append(clear, get(reqs[0]))
		sealed = append(sealed, get(reqs[1]))
	}
	median := func(ts []time.Duration) float64 {
		slices.Sort(ts)
		return float64(ts[len(ts)/2].Microseconds()) / 1000
	}
	c, s := median(clear), median(sealed)
	b.ReportMetric(c, "internal-ms")
	b.ReportMetric(s, "confidential-ms")
	b.ReportMetric(100*(s-c)/c, "overhead-%")
}
