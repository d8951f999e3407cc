package ingest_test

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/extract"
	"github.com/docketorg/docket/ingest"
	"github.com/docketorg/docket/internal/storetest"
	"github.com/docketorg/docket/sqlite"
)

var ctx = context.Background()

const release = `Almaty, 3 March 2023

On 2 March 2023, Judge Marat Ospanov of the Medeu District Court of Almaty sentenced the blogger
Daniyar Seitkali to four years of imprisonment under Article 274 of the Criminal Code of
Kazakhstan. The prosecutor had asked for five years. Seitkali was detained on 2 November 2022.
`

var (
	operator   = docket.Operator("test")
	researcher = docket.Viewer{Name: "ana", Role: docket.Researcher}
)

func open(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db := sqlite.NewDB(filepath.Join(tb.TempDir(), "docket.db"))
	db.DataKey = storetest.DataKey() // the hidden records of the tests are sealed at rest
	if err := db.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// statements returns the current statements of an entity by property.
func statements(tb testing.TB, st docket.Store, id string) map[string][]*docket.Statement {
	tb.Helper()
	e, err := st.FindEntityByID(ctx, operator, id)
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string][]*docket.Statement{}
	for _, s := range e.Statements {
		out[s.Property] = append(out[s.Property], s)
	}
	return out
}

func value(m map[string][]*docket.Statement, prop string) string {
	if len(m[prop]) == 0 {
		return ""
	}
	return m[prop][0].Value
}

func TestRun_Case(t *testing.T) {
	st := open(t)
	out, err := ingest.Run(ctx, st, researcher, &ingest.Input{Name: "release.txt", Data: []byte(release)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if out.Document == "" || out.Already != nil || out.Statements == 0 {
		t.Fatalf("Run = %+v", out)
	}
	// The document is kept, with its text, as a researcher's internal source.
	d, err := st.FindDocumentByID(ctx, researcher, out.Document)
	if err != nil || d.Source != out.Source || d.Format != docket.FormatText {
		t.Fatalf("document %+v, %v", d, err)
	}
	if text, _ := st.DocumentContent(ctx, researcher, d.ID, docket.DocumentText); string(text) != release {
		t.Fatalf("the document's text is %q", text)
	}
	// One case, its defendant; a first-instance proceeding linked to the case, court and judge,
	// with the demand, outcome and sentence; the inferred ones say why.
	c := statements(t, st, out.Entities["case"])
	judge, court := out.Entities["person Marat Ospanov"], out.Entities["organization Medeu District Court of Almaty"]
	defendant := out.Entities["person Daniyar Seitkali"]
	if value(c, "defendant") != defendant || defendant == "" {
		t.Fatalf("case %v: want its defendant %s", c, defendant)
	}
	pr := statements(t, st, out.Entities["proceeding first instance"])
	for prop, want := range map[string]string{"case": out.Entities["case"], "court": court, "judge": judge, "stage": "first instance",
		"date": "2023-03-02", "demand": "imprisonment P5Y", "sentence": "imprisonment P4Y", "outcome": "convicted", "defendant": defendant} {
		if got := value(pr, prop); got != want || want == "" {
			t.Errorf("proceeding %s = %q, want %q", prop, got, want)
		}
	}
	if loc := pr["outcome"][0].Locator; !strings.Contains(loc, "inferred: implied by a sentence") {
		t.Errorf("the inferred conviction's locator is %q: it does not say why", loc)
	}
	if loc := pr["sentence"][0].Locator; strings.Contains(loc, "inferred") {
		t.Errorf("the stated sentence's locator is %q: it says it was inferred", loc)
	}
	for _, ss := range pr {
		for _, s := range ss {
			if s.Status != docket.Draft || s.Source != out.Source || s.Author == "" {
				t.Fatalf("proposal %s=%s: %s from %s: want a draft of the document", s.Property, s.Value, s.Status, s.Source)
			}
		}
	}

	// The same bytes again: nothing written, the earlier document named.
	head, _ := st.Head(ctx)
	again, err := ingest.Run(ctx, st, researcher, &ingest.Input{Name: "copy.txt", Data: []byte(release)}, nil)
	if err != nil || again.Already == nil || again.Already.ID != out.Document {
		t.Fatalf("the same bytes again: %+v, %v", again, err)
	}
	if h, _ := st.Head(ctx); h != head {
		t.Fatalf("the same bytes again wrote %d changes", h-head)
	}
}

// Ingest links a name only to a record its author may see, and the same bytes ingested as a
// secret are, for someone without clearance, a document never seen.
func TestRun_Hidden(t *testing.T) {
	st := open(t)
	witness := &docket.Entity{Schema: "Person", Sensitivity: docket.Confidential}
	if err := st.CreateEntity(ctx, operator, witness, []*docket.Statement{{Property: "name", Value: "Marat Ospanov", Sensitivity: docket.Confidential}}); err != nil {
		t.Fatal(err)
	}
	secret, err := ingest.Run(ctx, st, operator, &ingest.Input{Name: "testimony.txt", Data: []byte(release), Sensitivity: docket.Confidential}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if secret.Entities["person Marat Ospanov"] != witness.ID {
		t.Fatalf("the operator's ingest did not link the judge to the record it may see: %v", secret.Entities)
	}
	out, err := ingest.Run(ctx, st, researcher, &ingest.Input{Name: "release.txt", Data: []byte(release)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if out.Already != nil {
		t.Fatalf("a researcher without clearance was told of a confidential document: %+v", out.Already)
	}
	if id := out.Entities["person Marat Ospanov"]; id == witness.ID || id == "" {
		t.Fatalf("the researcher's ingest linked the judge to %q, the confidential record is %s", id, witness.ID)
	}
	for _, n := range out.Notes {
		if strings.Contains(n, witness.ID) {
			t.Fatalf("a note names the confidential record: %s", n)
		}
	}
}

// A new version of a page proposes only what was not proposed from it before.
func TestRun_NewVersion(t *testing.T) {
	st := open(t)
	page := func(extra string) *ingest.Input {
		return &ingest.Input{Name: "https://example.org/news/seitkali", Data: []byte(release + extra),
			Fetched: &ingest.Fetched{URL: "https://example.org/news/seitkali", FinalURL: "https://example.org/news/seitkali", Status: 200,
				Header: http.Header{"Content-Type": {"text/plain"}}, RequestedAt: time.Now(), FetchedAt: time.Now(), UserAgent: "test"}}
	}
	v1, err := ingest.Run(ctx, st, researcher, page(""), nil)
	if err != nil {
		t.Fatal(err)
	}
	if v1.Snapshot == "" {
		t.Fatal("a URL's ingest kept no snapshot")
	}
	v2, err := ingest.Run(ctx, st, researcher, page("On 20 March 2023, Seitkali was released.\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if v2.Source != v1.Source || v2.Document == v1.Document {
		t.Fatalf("the new version: source %s (was %s), document %s (was %s)", v2.Source, v1.Source, v2.Document, v1.Document)
	}
	if v2.Known == 0 || v2.Statements >= v1.Statements {
		t.Fatalf("the new version proposed %d statements (the first %d), left out %d", v2.Statements, v1.Statements, v2.Known)
	}
	for _, k := range []string{"person Daniyar Seitkali", "case", "proceeding first instance"} {
		if v2.Entities[k] != v1.Entities[k] {
			t.Errorf("%s: the new version made %s, the first %s", k, v2.Entities[k], v1.Entities[k])
		}
	}
	ss, _, err := st.FindStatements(ctx, operator, docket.StatementFilter{Entity: ptr(v1.Entities["proceeding first instance"]), Property: ptr("sentence")})
	if err != nil || len(ss) != 1 {
		t.Fatalf("the proceeding has %d sentences after the new version (%v)", len(ss), err)
	}
	var released bool
	all, _, _ := st.FindStatements(ctx, operator, docket.StatementFilter{Source: &v1.Source, Limit: 1000})
	for _, s := range all {
		if s.Property == "type" && s.Value == "release" {
			released = true
		}
	}
	if !released {
		t.Error("the new version's new fact, the release, was not proposed")
	}
}

func TestRun_Refused(t *testing.T) {
	st := open(t)
	reader := docket.Viewer{Name: "viewer", Role: docket.Reader}
	if _, err := ingest.Run(ctx, st, reader, &ingest.Input{Name: "release.txt", Data: []byte(release)}, nil); docket.ErrorCode(err) != docket.EFORBIDDEN {
		t.Fatalf("a viewer's ingest: %v", err)
	}
	if _, err := ingest.Run(ctx, st, researcher, &ingest.Input{Name: "release.txt", Data: []byte(release), Sensitivity: docket.Confidential}, nil); docket.ErrorCode(err) != docket.EFORBIDDEN {
		t.Fatalf("a confidential ingest without clearance: %v", err)
	}
	if _, err := ingest.Run(ctx, st, researcher, &ingest.Input{Name: "empty.txt", Data: []byte("\n")}, nil); err == nil || !strings.Contains(err.Error(), "empty.txt is empty") {
		t.Fatalf("an empty document: %v", err)
	}
	if h, _ := st.Head(ctx); h != 0 {
		t.Fatalf("refused ingests wrote %d changes", h)
	}
}

func ptr[T any](v T) *T { return &v }

// TestRun_ExtractionFault: a fault of extraction on a document (a panic in one of its rules) is
// an error about that document, and nothing is stored: the server or job that ingests it goes on.
func TestRun_ExtractionFault(t *testing.T) {
	st := open(t)
	defer ingest.SetExtract(func(string) *extract.Result { panic("a rule read past its sentence") })()
	head, err := st.Head(ctx)
	if err != nil {
		t.Fatal(err)
	}
	_, err = ingest.Run(ctx, st, researcher, &ingest.Input{Name: "release.txt", Data: []byte(release)}, nil)
	if docket.ErrorCode(err) != docket.EINTERNAL || !strings.Contains(err.Error(), "nothing was stored") {
		t.Fatalf("Run with a faulty extraction: %v", err)
	}
	if after, err := st.Head(ctx); err != nil || after != head {
		t.Errorf("the change log moved from %d to %d (%v)", head, after, err)
	}
	if _, _, err := ingest.Dry(ctx, &ingest.Input{Name: "release.txt", Data: []byte(release)}); docket.ErrorCode(err) != docket.EINTERNAL {
		t.Errorf("Dry with a faulty extraction: %v", err)
	}
}

// An event the text tells without a date is no event of the timeline, but it is still
// proposed for review, without a date, for a researcher to date.
func TestRun_UndatedEvent(t *testing.T) {
	st := open(t)
	text := release + "\nSeitkali's lawyer said that he had been beaten in the pre-trial detention centre.\n"
	out, err := ingest.Run(ctx, st, researcher, &ingest.Input{Name: "release.txt", Data: []byte(text)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r := extract.Extract(text); len(r.Undated) == 0 {
		t.Fatalf("no undated event in %+v", r.Events)
	}
	ss, _, err := st.FindStatements(ctx, operator, docket.StatementFilter{Source: ptr(out.Source), Property: ptr("type"), Value: ptr("torture allegation")})
	if err != nil || len(ss) != 1 {
		t.Fatalf("torture allegations proposed: %v, %v", ss, err)
	}
	ev := statements(t, st, ss[0].Entity)
	if value(ev, "date") != "" || value(ev, "victim") != out.Entities["person Daniyar Seitkali"] {
		t.Errorf("the undated event: %v", ev)
	}
}
