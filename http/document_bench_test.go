package http_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/auth"
	dockethttp "github.com/docketorg/docket/http"
	"github.com/docketorg/docket/ingest"
	"github.com/docketorg/docket/internal/storetest"
	"github.com/docketorg/docket/sqlite"
)

// The figures of issue 18, measured over HTTP on a SQLite store in a temporary directory:
//
//	go test ./http -run '^$' -bench Documents -benchtime 5x
//
// Upload1MB: a researcher's upload of 1 MB of text until its review page is read (the upload
// waits for the ingest, then the page is asked for). ReviewPage500: the review page of a
// document of 500 proposals. ReviewQueue100k: a page of the review queue with 100,000 open
// proposals from 200 documents, reported as p50 and p95 of the pages asked for.
//
// On this project's machine (2 cores shared with other work), 2026-12-06: Upload1MB 760 ms
// (target 2 s); ReviewPage500 116 ms (target 300 ms; 353 ms before the document's own records
// were skipped as candidates). ReviewQueue100k (target 100 ms), 2026-12-07 at load 5: a page
// whose counts are kept (nothing changed since they were counted) p50 13 ms, p95 21 ms; the
// first after a change, which counts again, p50 133 ms, p95 162 ms (p50 406, p95 601 when
// every page counted each draft against its record and source; 1039 ms with no index).

// benchServer is a store served, with an editor signed in.
func benchServer(b *testing.B) (*sqlite.DB, *dockethttp.Server, *http.Client) {
	b.Helper()
	st := sqlite.NewDB(filepath.Join(b.TempDir(), "docket.db"))
	st.DataKey = storetest.DataKey() // the tests record confidential data
	if err := st.Open(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	s := dockethttp.NewServer(st)
	s.Addr, s.PasswordParams, s.RequestTimeout = "127.0.0.1:0", cheap, 5*time.Minute
	if err := s.Open(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	h, _ := auth.HashPassword("password-of-ed", cheap)
	if err := st.CreateUser(context.Background(), docket.Operator("bench"), &docket.User{Name: "ed", Role: docket.Editor}, h); err != nil {
		b.Fatal(err)
	}
	c := MustLogin(b, s.URL(), "ed", "password-of-ed")
	c.Timeout = 5 * time.Minute
	return st, s, c
}

// megabyte is about 1 MB of press releases, each naming other people, courts and dates; seed
// makes it differ from every other.
func megabyte(seed int) []byte {
	names := []string{"Daniyar Seitkali", "Yerlan Abenov", "Aidos Sadykov", "Bolat Temirov", "Nurlan Sarsenov", "Askar Kaliyev"}
	var b strings.Builder
	fmt.Fprintf(&b, "Almaty, 3 March 2023 (%d)\n\n", seed)
	for i := 0; b.Len() < 1<<20; i++ {
		n := names[i%len(names)]
		fmt.Fprintf(&b, "On %d March 2023, Judge Marat Ospanov of the Medeu District Court of Almaty sentenced the blogger %s to %d years of imprisonment under Article 274 of the Criminal Code. The prosecutor had asked for %d years. %s was detained on %d November 2022 and his lawyer says he was beaten in custody.\n\n",
			i%28+1, n, i%7+1, i%7+2, strings.Fields(n)[1], i%28+1)
	}
	return []byte(b.String())
}

func mustGet(b *testing.B, c *http.Client, url string) {
	resp, err := c.Get(url)
	if err != nil {
		b.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b.Fatalf("GET %s: %d", url, resp.StatusCode)
	}
}

func BenchmarkDocuments_Upload1MB(b *testing.B) {
	_, s, c := benchServer(b)
	f := &docFixture{s: s}
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		data := megabyte(i)
		b.StartTimer()
		status, loc, body := f.upload(b, c, "", "/documents", "release.txt", data)
		if status != http.StatusSeeOther || !strings.Contains(loc, "/review") {
			b.Fatalf("upload: %d %s %.300s", status, loc, body)
		}
		mustGet(b, c, s.URL()+loc)
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/upload")
}

func BenchmarkDocuments_ReviewPage500(b *testing.B) {
	st, s, c := benchServer(b)
	// A document of about 500 proposals: 38 sentences of about 13 each (a person, the
	// proceeding, the judge, the sentence, the demand, dates), each of another person, for a
	// fact proposed before from another document is not proposed again.
	first := []string{"Daniyar", "Yerlan", "Aidos", "Bolat", "Nurlan", "Askar", "Marat", "Serik"}
	last := []string{"Seitkali", "Abenov", "Sadykov", "Temirov", "Sarsenov", "Kaliyev", "Zhanuzakov", "Omarov"}
	var text strings.Builder
	text.WriteString("Almaty, 3 March 2023\n\n")
	for i := range 38 {
		fmt.Fprintf(&text, "On %d March 2023, Judge Marat Ospanov sentenced the blogger %s %s to %d years of imprisonment. The prosecutor had asked for %d years.\n\n",
			i%28+1, first[i%8], last[(i/8)%8], i%7+1, i%7+2)
	}
	out, err := ingest.Run(context.Background(), st, docket.Operator("bench"), &ingest.Input{Name: "release.txt", Data: []byte(text.String())}, nil)
	if err != nil {
		b.Fatal(err)
	}
	if out.Statements < 450 {
		b.Fatalf("the document has %d proposals, not about 500", out.Statements)
	}
	b.Logf("a document of %d proposals", out.Statements)
	url := s.URL() + "/documents/" + out.Document + "/review"
	b.ResetTimer()
	for range b.N {
		mustGet(b, c, url)
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/page")
}

func BenchmarkDocuments_ReviewQueue100k(b *testing.B) {
	st, s, c := benchServer(b)
	ctx := context.Background()
	op := docket.Operator("bench")
	// 200 documents of 500 open proposals each: 100 persons with five facts.
	var srcID string
	for d := range 200 {
		text := []byte(fmt.Sprintf("document %d\n", d))
		recs := []*docket.Record{
			{Kind: docket.KindSource, Source: &docket.Source{ID: "src", Title: fmt.Sprintf("Release %d", d), Sensitivity: docket.Internal}},
			{Kind: docket.KindBlob, Blob: &docket.Blob{SHA256: docket.SHA256Hex(text), Data: text}},
			{Kind: docket.KindDocument, Document: &docket.Document{ID: "doc", Source: "src", Name: "r.txt", Format: docket.FormatText, ContentType: "text/plain",
				SHA256: docket.SHA256Hex(text), TextSHA256: docket.SHA256Hex(text), Size: int64(len(text)), Chars: len(text)}},
		}
		for p := range 100 {
			id := fmt.Sprintf("e%d", p)
			recs = append(recs, &docket.Record{Kind: docket.KindEntity, Entity: &docket.Entity{ID: id, Schema: "Person", Sensitivity: docket.Public}})
			for _, pv := range [][2]string{{"name", fmt.Sprintf("Person %d-%d", d, p)}, {"occupation", "blogger"}, {"country", "kz"}, {"birthDate", "1990"}, {"description", "detained"}} {
				recs = append(recs, &docket.Record{Kind: docket.KindStatement, Statement: &docket.Statement{Entity: id, Property: pv[0], Value: pv[1], Source: "src",
					Status: docket.Draft, Sensitivity: docket.Internal, Locator: "chars 0-8", Quote: "document"}})
			}
		}
		if err := st.Write(ctx, op, recs); err != nil {
			b.Fatal(err)
		}
		srcID = recs[0].Source.ID
	}
	// A reviewer comes back to the queue between documents. The first look at each filter
	// counts every proposal (first). Then each round, something is done in between (a new
	// proposal from a document, or one accepted: a review), and the pages are read twice: a
	// page's first read after it counts again only the document the change concerns (changed);
	// the rest read the counts kept (again).
	pages := []string{"/review", "/review?offset=100", "/review?schema=Person", "/review?property=occupation", "/review?offset=180"}
	firstOfFilter := map[string]bool{"/review": true, "/review?schema=Person": true, "/review?property=occupation": true}
	var first, changed, again []time.Duration
	for _, p := range pages {
		t0 := time.Now()
		mustGet(b, c, s.URL()+p)
		if firstOfFilter[p] {
			first = append(first, time.Since(t0))
		}
	}
	draft := docket.Draft
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		if i%2 == 0 {
			e := &docket.Entity{ID: "new", Schema: "Person", Sensitivity: docket.Internal}
			if err := st.Write(ctx, op, []*docket.Record{{Kind: docket.KindEntity, Entity: e}, {Kind: docket.KindStatement, Statement: &docket.Statement{
				Entity: "new", Property: "name", Value: fmt.Sprintf("Newcomer %d", i), Source: srcID, Status: docket.Draft, Sensitivity: docket.Internal}}}); err != nil {
				b.Fatal(err)
			}
		} else {
			ss, _, err := st.FindStatements(ctx, op, docket.StatementFilter{Status: &draft, Limit: 1, SkipCount: true})
			if err != nil || len(ss) == 0 {
				b.Fatalf("a draft to accept: %v", err)
			}
			if err := st.SetStatus(ctx, op, ss[0].ID, docket.Reported, ""); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		for round := range 2 {
			for _, p := range pages {
				t0 := time.Now()
				mustGet(b, c, s.URL()+p)
				if round == 0 && firstOfFilter[p] {
					changed = append(changed, time.Since(t0))
				} else {
					again = append(again, time.Since(t0))
				}
			}
		}
	}
	b.StopTimer()
	pct := func(ts []time.Duration, p int) float64 {
		slices.Sort(ts)
		return float64(ts[min(len(ts)-1, len(ts)*p/100)].Microseconds()) / 1000
	}
	b.ReportMetric(pct(first, 50), "first-p50-ms")
	b.ReportMetric(pct(changed, 50), "changed-p50-ms")
	b.ReportMetric(pct(changed, 95), "changed-p95-ms")
	b.ReportMetric(pct(again, 50), "again-p50-ms")
	b.ReportMetric(pct(again, 95), "again-p95-ms")
}
