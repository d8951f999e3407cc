// Package storetest is the conformance suite every Docket store passes: one test body, every
// backend. A backend's test calls Run with a function that opens a fresh, empty store.
package storetest

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	mathrand "math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/ledger"
	"github.com/docketorg/docket/seal"
	"golang.org/x/mod/sumdb/tlog"
)

// Opener opens a fresh, empty store whose clock is now and whose salts come from rand.
type Opener func(tb testing.TB, now func() time.Time, rand io.Reader) docket.Store

// DataKey returns the data key of stores under test, the same in every run: a store without
// one refuses confidential data, and the suite writes some.
func DataKey() *seal.Key {
	k, err := seal.New(bytes.Repeat([]byte{0x5a}, seal.Size))
	if err != nil {
		panic(err)
	}
	return k
}

// Rand is a repeatable source of salts for a store under test.
func Rand(seed byte) io.Reader { return mathrand.NewChaCha8([32]byte{seed}) }

// Clock is a settable clock for stores under test.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a clock at a fixed time.
func NewClock() *Clock { return &Clock{t: time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)} }

// Now returns the clock's time and moves it on a millisecond, so ids and times are distinct.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Millisecond)
	return c.t
}

var (
	editor  = docket.Viewer{Name: "editor", Role: docket.Editor}
	cleared = docket.Viewer{Name: "cleared", Role: docket.Editor, Cleared: true}
	reader  = docket.Viewer{Name: "reader", Role: docket.Reader}
	admin   = docket.Operator("admin")
	public  = docket.AnonymousViewer
	viewers = []docket.Viewer{public, reader, editor, cleared, admin}
	ctx     = context.Background()
)

// Run runs the whole suite.
func Run(t *testing.T, open Opener) {
	t.Run("CreateEntity", func(t *testing.T) { testCreateEntity(t, open) })
	t.Run("BadInput", func(t *testing.T) { testBadInput(t, open) })
	t.Run("Sensitivity", func(t *testing.T) { testSensitivity(t, open) })
	t.Run("RetractCorrect", func(t *testing.T) { testRetractCorrect(t, open) })
	t.Run("Status", func(t *testing.T) { testStatus(t, open) })
	t.Run("Merge", func(t *testing.T) { testMerge(t, open) })
	t.Run("ExportImport", func(t *testing.T) { testExportImport(t, open) })
	t.Run("ImportBatches", func(t *testing.T) { testImportBatches(t, open) })
	t.Run("ImportMerges", func(t *testing.T) { testImportMerges(t, open) })
	t.Run("ImportMergeMidBatch", func(t *testing.T) { testImportMergeMidBatch(t, open) })
	t.Run("ImportTakenIDs", func(t *testing.T) { testImportTakenIDs(t, open) })
	t.Run("Rebuild", func(t *testing.T) { testRebuild(t, open) })
	t.Run("StatementRecords", func(t *testing.T) { testStatementRecords(t, open) })
	t.Run("Search", func(t *testing.T) { testSearch(t, open) })
	t.Run("History", func(t *testing.T) { testHistory(t, open) })
	t.Run("Tokens", func(t *testing.T) { testTokens(t, open) })
	t.Run("Names", func(t *testing.T) { testNames(t, open) })
	t.Run("Ledger", func(t *testing.T) { testLedger(t, open) })
	t.Run("Snapshots", func(t *testing.T) { testSnapshots(t, open) })
	t.Run("Users", func(t *testing.T) { testUsers(t, open) })
	t.Run("Sessions", func(t *testing.T) { testSessions(t, open) })
	t.Run("SignInFailures", func(t *testing.T) { testSignInFailures(t, open) })
	t.Run("Accounts", func(t *testing.T) { testAccounts(t, open) })
	t.Run("FacetedSearch", func(t *testing.T) { testFacetedSearch(t, open) })
	t.Run("NewestChanges", func(t *testing.T) { testNewestChanges(t, open) })
	t.Run("NewestReferrers", func(t *testing.T) { testNewestReferrers(t, open) })
	t.Run("References", func(t *testing.T) { testReferences(t, open) })
	t.Run("SearchCandidates", func(t *testing.T) { testSearchCandidates(t, open) })
	t.Run("SearchRankByLength", func(t *testing.T) { testSearchRankByLength(t, open) })
	t.Run("NewestStatements", func(t *testing.T) { testNewestStatements(t, open) })
	t.Run("RoleRules", func(t *testing.T) { testRoleRules(t, open) })
	t.Run("HiddenDefaults", func(t *testing.T) { testHiddenDefaults(t, open) })
	t.Run("MergeReveals", func(t *testing.T) { testMergeReveals(t, open) })
	t.Run("Authors", func(t *testing.T) { testAuthors(t, open) })
	t.Run("MaxScan", func(t *testing.T) { testMaxScan(t, open) })
	t.Run("BulkFilters", func(t *testing.T) { testBulkFilters(t, open) })
	t.Run("Settings", func(t *testing.T) { testSettings(t, open) })
	t.Run("SourceQuery", func(t *testing.T) { testSourceQuery(t, open) })
	t.Run("Rows", func(t *testing.T) { testRows(t, open) })
	t.Run("SecurityLog", func(t *testing.T) { testSecurityLog(t, open) })
	t.Run("SecondFactors", func(t *testing.T) { testSecondFactors(t, open) })
	t.Run("SecurityLogApart", func(t *testing.T) { testSecurityLogApart(t, open) })
	t.Run("Documents", func(t *testing.T) { testDocuments(t, open) })
	t.Run("Witness", func(t *testing.T) { testWitness(t, open) })
	t.Run("DraftGroups", func(t *testing.T) { testDraftGroups(t, open) })
}

// Found returns the problems Verify found, leaving out its warnings of what it cannot prove
// (changes no checkpoint covers), which a store under test usually has.
func Found(problems []docket.Problem) []docket.Problem {
	var out []docket.Problem
	for _, p := range problems {
		if !p.Warning {
			out = append(out, p)
		}
	}
	return out
}

// MustSource creates a public source with the URL.
func MustSource(tb testing.TB, st docket.Store, url string) *docket.Source {
	tb.Helper()
	s := &docket.Source{URL: url, Sensitivity: docket.Public}
	if err := st.CreateSource(ctx, admin, s); err != nil {
		tb.Fatalf("CreateSource(%s): %v", url, err)
	}
	return s
}

// MustEntity creates an entity with statements given as property, value pairs, each public,
// reported and cited to src.
func MustEntity(tb testing.TB, st docket.Store, schema string, src *docket.Source, pv ...string) *docket.Entity {
	tb.Helper()
	e := &docket.Entity{Schema: schema}
	var ss []*docket.Statement
	for i := 0; i+1 < len(pv); i += 2 {
		ss = append(ss, &docket.Statement{Property: pv[i], Value: pv[i+1], Source: src.ID, Sensitivity: docket.Public})
	}
	if err := st.CreateEntity(ctx, admin, e, ss); err != nil {
		tb.Fatalf("CreateEntity(%s %v): %v", schema, pv, err)
	}
	return e
}

// MustNamedPerson creates the person the sealing benchmarks read: a name and nineteen aliases,
// all of the sensitivity, cited to a source of it (confidential ones are sealed at rest).
func MustNamedPerson(tb testing.TB, st docket.Store, sens docket.Sensitivity) (*docket.Entity, *docket.Source) {
	tb.Helper()
	src := &docket.Source{URL: "https://example.org/" + sens.String(), Title: "A report", Sensitivity: sens}
	if err := st.CreateSource(ctx, admin, src); err != nil {
		tb.Fatal(err)
	}
	var stmts []*docket.Statement
	for i := range 20 {
		p, v := "alias", fmt.Sprintf("Gulnara Baiturova %d", i)
		if i == 0 {
			p = "name"
		}
		stmts = append(stmts, &docket.Statement{Property: p, Value: v, Source: src.ID, Sensitivity: sens})
	}
	e := &docket.Entity{Schema: "Person", Sensitivity: sens}
	if err := st.CreateEntity(ctx, admin, e, stmts); err != nil {
		tb.Fatal(err)
	}
	return e, src
}

func mustFind(tb testing.TB, st docket.Store, v docket.Viewer, id string) *docket.Entity {
	tb.Helper()
	e, err := st.FindEntityByID(ctx, v, id)
	if err != nil {
		tb.Fatalf("FindEntityByID(%s as %s): %v", id, v.Role, err)
	}
	return e
}

func wantCode(tb testing.TB, what string, err error, code string) {
	tb.Helper()
	if got := docket.ErrorCode(err); got != code {
		tb.Fatalf("%s: error code %q (%v), want %q", what, got, err, code)
	}
}

// ExportString returns the full export as JSON lines.
func ExportString(tb testing.TB, st docket.Store, v docket.Viewer, public bool) string {
	tb.Helper()
	var b bytes.Buffer
	err := st.Export(ctx, v, public, func(r *docket.Record) error {
		line, err := json.Marshal(r)
		if err != nil {
			return err
		}
		b.Write(line)
		b.WriteByte('\n')
		return nil
	})
	if err != nil {
		tb.Fatalf("Export: %v", err)
	}
	return b.String()
}

// checkExportLines checks that a store's ExportLines, where it has it, gives the lines of
// ExportString, record for record, and refuses anyone but a cleared admin.
func checkExportLines(tb testing.TB, st docket.Store) {
	tb.Helper()
	ls, ok := st.(interface {
		ExportLines(ctx context.Context, v docket.Viewer, fn func(*docket.Record, []byte) error) error
	})
	if !ok {
		return
	}
	var b bytes.Buffer
	err := ls.ExportLines(ctx, admin, func(r *docket.Record, line []byte) error {
		if want, _ := json.Marshal(r); !bytes.Equal(line, want) {
			tb.Errorf("ExportLines gives %s record %s with the line\n%s\nwant\n%s", r.Kind, r.Kind, line, want)
		}
		b.Write(line)
		b.WriteByte('\n')
		return nil
	})
	if err != nil {
		tb.Fatalf("ExportLines: %v", err)
	}
	if want := ExportString(tb, st, admin, false); b.String() != want {
		tb.Fatal("ExportLines gives other lines than Export")
	}
	for _, v := range []docket.Viewer{editor, cleared, {Name: "plain", Role: docket.Admin}} {
		if err := ls.ExportLines(ctx, v, func(*docket.Record, []byte) error { return nil }); err == nil {
			tb.Fatalf("ExportLines as %s %v: no error", v.Role, v.Cleared)
		}
	}
}

// ImportString imports JSON lines.
func ImportString(st docket.Store, v docket.Viewer, lines string) (int, error) {
	return st.Import(ctx, v, DecodeLines(lines), nil)
}

// ImportAloneString imports JSON lines with the store to itself, as docket import does, when
// the store can (ImportAlone of both backends); else as ImportString.
func ImportAloneString(st docket.Store, v docket.Viewer, lines string) (int, error) {
	if a, ok := st.(interface {
		ImportAlone(context.Context, docket.Viewer, func() (*docket.Record, error), docket.Progress) (int, error)
	}); ok {
		return a.ImportAlone(ctx, v, DecodeLines(lines), nil)
	}
	return ImportString(st, v, lines)
}

// DecodeLines returns the records of JSON lines one at a time, as an import reads them.
func DecodeLines(lines string) func() (*docket.Record, error) {
	dec := json.NewDecoder(strings.NewReader(lines))
	return func() (*docket.Record, error) {
		var r docket.Record
		if err := dec.Decode(&r); errors.Is(err, io.EOF) {
			return nil, nil
		} else if err != nil {
			return nil, err
		}
		return &r, nil
	}
}

func testCreateEntity(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(1))
	src := MustSource(t, st, "https://example.org/a")
	e := MustEntity(t, st, "Person", src, "name", "Aigul Akberdiyeva", "birthDate", "1980-03")
	if e.ID == "" || e.CreatedAt.IsZero() {
		t.Fatalf("CreateEntity did not stamp the entity: %+v", e)
	}
	wantAuthor(t, st, e.Author, "admin")
	got := mustFind(t, st, admin, e.ID)
	if got.Caption != "Aigul Akberdiyeva" || got.Schema != "Person" || len(got.Statements) != 2 {
		t.Fatalf("FindEntityByID = %q %s with %d statements, want Aigul Akberdiyeva Person with 2", got.Caption, got.Schema, len(got.Statements))
	}
	s := got.Statements[1]
	if s.Value != "1980-03" || s.Status != docket.Reported || s.Source != src.ID || s.Sensitivity != docket.Public {
		t.Fatalf("statement = %+v", s)
	}
	if !got.CreatedAt.Equal(e.CreatedAt) {
		t.Fatalf("created %v, want %v: times must round-trip", got.CreatedAt, e.CreatedAt)
	}
	_, err := st.FindEntityByID(ctx, admin, "nope")
	wantCode(t, "FindEntityByID(nope)", err, docket.ENOTFOUND)

	ents, n, err := st.FindEntities(ctx, admin, docket.EntityFilter{Name: ptr("Айгуль Акбердиева")})
	if err != nil || n != 1 || ents[0].ID != e.ID {
		t.Fatalf("FindEntities(Name: Cyrillic) = %d, %v; want the entity", n, err)
	}
	// A statement added later without a source is a draft and internal by default.
	d := &docket.Statement{Entity: e.ID, Property: "occupation", Value: "activist"}
	if err := st.AddStatements(ctx, editor, []*docket.Statement{d}); err != nil {
		t.Fatal(err)
	}
	if d.Status != docket.Draft || d.Sensitivity != docket.Internal {
		t.Fatalf("unsourced statement: status %s sensitivity %s, want draft internal", d.Status, d.Sensitivity)
	}
}

func ptr[T any](v T) *T { return &v }

// wantAuthor fails unless id is an author id, and the one of the given name.
func wantAuthor(tb testing.TB, st docket.Store, id, name string) {
	tb.Helper()
	if !docket.IsAuthorID(id) {
		tb.Fatalf("author %q is not an author id: records name no one", id)
	}
	as, err := st.FindAuthors(ctx, reader, []string{id})
	if err != nil || as[id] == nil || as[id].Name != name {
		tb.Fatalf("author %s = %+v, %v; want %s", id, as[id], err, name)
	}
}

// changes counts the change log as the operator sees it.
func changes(tb testing.TB, st docket.Store) int {
	tb.Helper()
	cs, err := st.FindChanges(ctx, admin, docket.ChangeFilter{})
	if err != nil {
		tb.Fatal(err)
	}
	return len(cs)
}

func testBadInput(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(1))
	src := MustSource(t, st, "https://example.org/a")
	p := MustEntity(t, st, "Person", src, "name", "A B")
	c := MustEntity(t, st, "Case", src, "name", "Case of A B")
	before := changes(t, st)
	for _, tc := range []struct {
		name   string
		schema string
		pv     []string
		code   string
	}{
		{"UnknownSchema", "Human", []string{"name", "X"}, docket.EINVALID},
		{"UnknownProperty", "Person", []string{"height", "2m"}, docket.EINVALID},
		{"ImpossibleDate", "Person", []string{"birthDate", "2019-02-30"}, docket.EINVALID},
		{"MonthThirteen", "Event", []string{"date", "2019-13"}, docket.EINVALID},
		{"WrongType", "Statistic", []string{"value", "ninety"}, docket.EINVALID},
		{"UnknownRef", "Proceeding", []string{"judge", "nobody"}, docket.EINVALID},
		{"RefWrongSchema", "Proceeding", []string{"judge", c.ID}, docket.EINVALID},
		{"UnknownEnum", "Event", []string{"type", "picnic"}, docket.EINVALID},
		{"BadPenalty", "Proceeding", []string{"sentence", "flogging P3Y"}, docket.EINVALID},
		{"HostileURL", "Person", []string{"name", "ok"}, ""}, // control: valid
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.code == "" {
				return
			}
			// The second statement is bad, the first good: nothing may be written.
			ss := []*docket.Statement{{Property: "name", Value: "fine"}}
			if tc.schema == "Person" || tc.schema == "Human" {
				ss = nil
			}
			ss = append(ss, &docket.Statement{Property: tc.pv[0], Value: tc.pv[1], Source: src.ID})
			err := st.CreateEntity(ctx, admin, &docket.Entity{Schema: tc.schema}, ss)
			wantCode(t, "CreateEntity", err, tc.code)
			if docket.ErrorMessage(err) == "" || !strings.Contains(docket.ErrorMessage(err), tc.pv[0]) && tc.name != "UnknownSchema" {
				t.Fatalf("error %q does not name the property %s", docket.ErrorMessage(err), tc.pv[0])
			}
		})
	}
	err := st.AddStatements(ctx, admin, []*docket.Statement{{Entity: p.ID, Property: "name", Value: "X", Source: "nosuch"}})
	wantCode(t, "unknown source", err, docket.EINVALID)
	err = st.AddStatements(ctx, admin, []*docket.Statement{{Entity: "nosuch", Property: "name", Value: "X"}})
	wantCode(t, "unknown entity", err, docket.EINVALID)
	err = st.AddStatements(ctx, admin, []*docket.Statement{{Entity: p.ID, Property: "name", Value: "X", Status: docket.Verified}})
	wantCode(t, "verified without source", err, docket.EINVALID)
	err = st.CreateSource(ctx, admin, &docket.Source{URL: "javascript:alert(1)"})
	wantCode(t, "javascript URL", err, docket.EINVALID)
	err = st.AddStatements(ctx, public, []*docket.Statement{{Entity: p.ID, Property: "name", Value: "X"}})
	wantCode(t, "anonymous write", err, docket.EUNAUTHORIZED)
	err = st.AddStatements(ctx, reader, []*docket.Statement{{Entity: p.ID, Property: "name", Value: "X"}})
	wantCode(t, "reader write", err, docket.EFORBIDDEN)
	if after := changes(t, st); after != before {
		t.Fatalf("bad input wrote %d changes", after-before)
	}
}

func testSensitivity(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(1))
	src := MustSource(t, st, "https://example.org/a")
	secret := &docket.Source{Title: "Interview with a witness", Sensitivity: docket.Confidential}
	if err := st.CreateSource(ctx, admin, secret); err != nil {
		t.Fatal(err)
	}
	p := MustEntity(t, st, "Person", src, "name", "Judge Public")
	add := func(prop, val string, sens docket.Sensitivity, status docket.Status) *docket.Statement {
		s := &docket.Statement{Entity: p.ID, Property: prop, Value: val, Source: src.ID, Sensitivity: sens, Status: status}
		if err := st.AddStatements(ctx, admin, []*docket.Statement{s}); err != nil {
			t.Fatal(err)
		}
		return s
	}
	add("alias", "Internal Alias", docket.Internal, "")
	add("alias", "Secret Alias", docket.Confidential, "")
	add("alias", "Draft Alias", docket.Public, docket.Draft)
	// A confidential witness: the entity itself is confidential, and so is any reference to it.
	w := &docket.Entity{Schema: "Person", Sensitivity: docket.Confidential}
	if err := st.CreateEntity(ctx, admin, w, []*docket.Statement{{Property: "name", Value: "Witness Hidden", Source: secret.ID, Sensitivity: docket.Confidential}}); err != nil {
		t.Fatal(err)
	}
	ev := MustEntity(t, st, "Event", src, "type", "detention", "date", "2019-02-11")
	if err := st.AddStatements(ctx, admin, []*docket.Statement{{Entity: ev.ID, Property: "witness", Value: w.ID, Source: src.ID, Sensitivity: docket.Public}}); err != nil {
		t.Fatal(err)
	}
	want := map[docket.Role][]string{}
	for _, v := range viewers {
		e := mustFind(t, st, v, p.ID)
		var got []string
		for _, s := range e.Statements {
			got = append(got, s.Value)
		}
		joined := strings.Join(got, "|")
		has := func(s string) bool { return strings.Contains(joined, s) }
		switch {
		case v.Role == docket.Anonymous:
			if joined != "Judge Public" {
				t.Fatalf("anonymous sees %q, want only the public reviewed name", joined)
			}
		case v.Cleared:
			if !has("Secret Alias") || !has("Internal Alias") || !has("Draft Alias") {
				t.Fatalf("cleared %s sees %q, want everything", v.Role, joined)
			}
		default:
			if has("Secret") || !has("Internal Alias") || !has("Draft Alias") {
				t.Fatalf("%s sees %q, want internal and drafts but not confidential", v.Role, joined)
			}
		}
		want[v.Role] = got
		// The confidential witness: not found, not referenced, not searchable, not exported.
		_, err := st.FindEntityByID(ctx, v, w.ID)
		evs := mustFind(t, st, v, ev.ID)
		hits, serr := st.Search(ctx, v, docket.SearchQuery{Q: "Witness Hidden"})
		if serr != nil {
			t.Fatal(serr)
		}
		if v.Cleared {
			if err != nil || len(evs.Values("witness")) != 1 || len(hits) != 1 {
				t.Fatalf("cleared viewer: witness %v, refs %d, hits %d", err, len(evs.Values("witness")), len(hits))
			}
		} else {
			wantCode(t, "uncleared FindEntityByID(witness)", err, docket.ENOTFOUND)
			if len(evs.Values("witness")) != 0 || len(hits) != 0 {
				t.Fatalf("%s sees the confidential witness through a reference or search", v.Role)
			}
			if _, err := st.FindSourceByID(ctx, v, secret.ID); docket.ErrorCode(err) != docket.ENOTFOUND {
				t.Fatalf("%s sees the confidential source", v.Role)
			}
		}
		for _, q := range []string{"Secret Alias", "Internal Alias", "Draft Alias"} {
			hits, err := st.Search(ctx, v, docket.SearchQuery{Q: q})
			if err != nil {
				t.Fatal(err)
			}
			may := v.Cleared || (v.Role != docket.Anonymous && q != "Secret Alias")
			if (len(hits) > 0) != may {
				t.Fatalf("Search(%q) as %s: %d hits, want found=%v", q, v.Role, len(hits), may)
			}
		}
		chs, err := st.FindChanges(ctx, v, docket.ChangeFilter{Entity: &p.ID})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range chs {
			if c.Record.Statement != nil && !v.MaySee(c.Record.Statement.Sensitivity, docket.Reported) {
				t.Fatalf("%s sees the change adding a %s statement", v.Role, c.Record.Statement.Sensitivity)
			}
		}
	}
	pub := ExportString(t, st, public, true)
	for _, leak := range []string{"Internal Alias", "Secret Alias", "Draft Alias", "Witness Hidden", "Interview with a witness", w.ID} {
		if strings.Contains(pub, leak) {
			t.Fatalf("public export contains %q", leak)
		}
	}
	if !strings.Contains(pub, "Judge Public") {
		t.Fatal("public export lacks the public name")
	}
	if err := st.Export(ctx, editor, false, func(*docket.Record) error { return nil }); docket.ErrorCode(err) != docket.EFORBIDDEN {
		t.Fatalf("full export by an editor: %v, want forbidden", err)
	}
}

func testRetractCorrect(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(1))
	src := MustSource(t, st, "https://example.org/a")
	src2 := MustSource(t, st, "https://example.org/b")
	p := MustEntity(t, st, "Person", src, "name", "Malik Kenzhaliyev", "occupation", "judge")
	s := mustFind(t, st, admin, p.ID).Statements[1]
	wantCode(t, "retract without reason", st.RetractStatement(ctx, admin, s.ID, " "), docket.EINVALID)
	wantCode(t, "retract as reader", st.RetractStatement(ctx, reader, s.ID, "x"), docket.EFORBIDDEN)
	n, err := st.CorrectStatement(ctx, editor, s.ID, &docket.Statement{Value: "court chairman", Source: src2.ID}, "he chaired the court")
	if err != nil {
		t.Fatal(err)
	}
	if n.Supersedes != s.ID || n.Value != "court chairman" || n.Sensitivity != docket.Public {
		t.Fatalf("correction = %+v", n)
	}
	wantAuthor(t, st, n.Author, "editor")
	e := mustFind(t, st, admin, p.ID)
	if got := e.Values("occupation"); len(got) != 1 || got[0] != "court chairman" {
		t.Fatalf("occupation = %v after correction", got)
	}
	old, err := st.FindStatementByID(ctx, admin, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if old.Retraction == nil || old.Retraction.Reason != "he chaired the court" || old.SupersededBy != n.ID || old.Value != "judge" {
		t.Fatalf("old statement = %+v, want retracted, superseded, value kept", old)
	}
	wantCode(t, "retract twice", st.RetractStatement(ctx, admin, s.ID, "again"), docket.ECONFLICT)
	_, err = st.CorrectStatement(ctx, admin, s.ID, &docket.Statement{Value: "x"}, "again")
	wantCode(t, "correct retracted", err, docket.ECONFLICT)
	if err := st.RetractStatement(ctx, admin, n.ID, "wrong person"); err != nil {
		t.Fatal(err)
	}
	all, total, err := st.FindStatements(ctx, admin, docket.StatementFilter{Entity: &p.ID, IncludeRetracted: true})
	if err != nil || total != 3 || len(all) != 3 {
		t.Fatalf("history keeps %d statements (%v), want 3", total, err)
	}
	cur, _, _ := st.FindStatements(ctx, admin, docket.StatementFilter{Entity: &p.ID})
	if len(cur) != 1 {
		t.Fatalf("%d current statements, want 1", len(cur))
	}
}

func testStatus(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(1))
	a, b := MustSource(t, st, "https://example.org/a"), MustSource(t, st, "https://example.org/b")
	p := MustEntity(t, st, "Person", a, "name", "Aralbay Nagashibayev")
	s := mustFind(t, st, admin, p.ID).Statements[0]
	wantCode(t, "corroborated with one source", st.SetStatus(ctx, admin, s.ID, docket.Corroborated, ""), docket.EINVALID)
	if err := st.AddStatements(ctx, admin, []*docket.Statement{{Entity: p.ID, Property: "name", Value: "Aralbay  Nagashibayev", Source: b.ID}}); err != nil {
		t.Fatal(err)
	}
	if err := st.SetStatus(ctx, admin, s.ID, docket.Corroborated, "two outlets"); err != nil {
		t.Fatal(err)
	}
	if err := st.SetStatus(ctx, admin, s.ID, docket.Verified, "checked the verdict"); err != nil {
		t.Fatal(err)
	}
	got, _ := st.FindStatementByID(ctx, admin, s.ID)
	if got.Status != docket.Verified {
		t.Fatalf("status %s, want verified", got.Status)
	}
	// Accepted twice: one review, and the second says so.
	head, _ := st.Head(ctx)
	wantCode(t, "verified twice", st.SetStatus(ctx, admin, s.ID, docket.Verified, "checked again"), docket.ECONFLICT)
	if now, _ := st.Head(ctx); now != head {
		t.Fatalf("a second identical review wrote %d changes", now-head)
	}
	d := &docket.Statement{Entity: p.ID, Property: "alias", Value: "N."}
	st.AddStatements(ctx, admin, []*docket.Statement{d})
	wantCode(t, "review unsourced draft", st.SetStatus(ctx, admin, d.ID, docket.Reported, ""), docket.EINVALID)
	wantCode(t, "bad status", st.SetStatus(ctx, admin, s.ID, "true", ""), docket.EINVALID)
}

func testMerge(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(1))
	src := MustSource(t, st, "https://example.org/a")
	a := MustEntity(t, st, "Person", src, "name", "Gulnara Baiturova")
	b := MustEntity(t, st, "Person", src, "name", "Gulnara Bayturova", "occupation", "judge")
	pr := MustEntity(t, st, "Proceeding", src, "judge", b.ID, "outcome", "acquitted")
	org := MustEntity(t, st, "Organization", src, "name", "Aktau City Court")
	_, err := st.MergeEntities(ctx, admin, a.ID, org.ID, "same")
	wantCode(t, "merge across schemas", err, docket.EINVALID)
	_, err = st.MergeEntities(ctx, admin, a.ID, b.ID, "")
	wantCode(t, "merge without reason", err, docket.EINVALID)
	m, err := st.MergeEntities(ctx, editor, a.ID, b.ID, "same judge, two spellings")
	if err != nil {
		t.Fatal(err)
	}
	e := mustFind(t, st, admin, b.ID)
	if e.ID != a.ID || len(e.Statements) != 3 || len(e.Merged) != 1 || e.Merged[0] != b.ID {
		t.Fatalf("after merge, reading %s gives %s with %d statements, merged %v", b.ID, e.ID, len(e.Statements), e.Merged)
	}
	refs, _, err := st.FindEntities(ctx, admin, docket.EntityFilter{RefersTo: &a.ID})
	if err != nil || len(refs) != 1 || refs[0].ID != pr.ID {
		t.Fatalf("FindEntities(RefersTo merged) = %v, %v; want the proceeding", refs, err)
	}
	all, n, _ := st.FindEntities(ctx, admin, docket.EntityFilter{Schema: ptr("Person")})
	if n != 1 || len(all) != 1 {
		t.Fatalf("%d persons listed after merge, want 1", n)
	}
	_, err = st.MergeEntities(ctx, admin, a.ID, b.ID, "again")
	wantCode(t, "merge twice", err, docket.ECONFLICT)
	if _, err := st.UnmergeEntity(ctx, admin, b.ID, "two judges after all"); err != nil {
		t.Fatal(err)
	}
	if e := mustFind(t, st, admin, b.ID); e.ID != b.ID || len(e.Statements) != 2 {
		t.Fatalf("after unmerge, %s reads as %s with %d statements", b.ID, e.ID, len(e.Statements))
	}
	if e := mustFind(t, st, admin, a.ID); len(e.Statements) != 1 || len(e.Merged) != 0 {
		t.Fatalf("after unmerge, %s has %d statements, merged %v", a.ID, len(e.Statements), e.Merged)
	}
	_, err = st.UnmergeEntity(ctx, admin, m.ID, "again")
	wantCode(t, "unmerge twice", err, docket.ENOTFOUND)
}

// script writes a small registry that touches every kind of record.
func script(tb testing.TB, st docket.Store) { Script(tb, st) }

// Script writes a small registry that touches every kind of record.
func Script(tb testing.TB, st docket.Store) {
	src := MustSource(tb, st, "https://example.org/a")
	foot := &docket.Source{URL: "https://example.org/b", Title: "Footnote", CitedIn: src.ID, Published: "2019-02-11", Type: "news", Sensitivity: docket.Public}
	if err := st.CreateSource(ctx, admin, foot); err != nil {
		tb.Fatal(err)
	}
	a := MustEntity(tb, st, "Person", src, "name", "Ablovas Dzhumayev")
	b := MustEntity(tb, st, "Person", foot, "name", "Абловас Джумаев")
	c := MustEntity(tb, st, "Case", src, "name", "Case of Dzhumayev", "defendant", a.ID, "politicallyMotivated", "yes")
	MustEntity(tb, st, "Proceeding", foot, "case", c.ID, "sentence", "imprisonment P3Y", "date", "2018-09", "outcome", "convicted")
	s := &docket.Statement{Entity: a.ID, Property: "alias", Value: "secret name", Sensitivity: docket.Confidential, Quote: "a «quote»", Locator: "p. 3", Lang: "ru"}
	if err := st.AddStatements(ctx, admin, []*docket.Statement{s}); err != nil {
		tb.Fatal(err)
	}
	if _, err := st.CorrectStatement(ctx, admin, s.ID, &docket.Statement{Value: "another name", Source: src.ID}, "typo"); err != nil {
		tb.Fatal(err)
	}
	m, err := st.MergeEntities(ctx, admin, a.ID, b.ID, "same man")
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := st.UnmergeEntity(ctx, admin, m.ID, "test"); err != nil {
		tb.Fatal(err)
	}
	if _, err := st.MergeEntities(ctx, admin, a.ID, b.ID, "same man after all"); err != nil {
		tb.Fatal(err)
	}
}

func testExportImport(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(1))
	script(t, st)
	e1 := ExportString(t, st, admin, false)
	if n := strings.Count(e1, "\n"); n < 15 {
		t.Fatalf("export has %d lines", n)
	}
	for _, kind := range []string{"entity", "source", "statement", "retraction", "merge", "unmerge"} {
		if !strings.Contains(e1, `{"kind":"`+kind+`"`) {
			t.Fatalf("export has no %s record", kind)
		}
	}
	st2 := open(t, NewClock().Now, Rand(1))
	if _, err := ImportString(st2, admin, e1); err != nil {
		t.Fatalf("Import: %v", err)
	}
	if e2 := ExportString(t, st2, admin, false); e2 != e1 {
		t.Fatalf("export -> import -> export differs:\n%s\n---\n%s", e1, e2)
	}
	checkExportLines(t, st)
	checkExportLines(t, st2)
	// A bad record anywhere rolls back the whole import, and the error names it.
	st3 := open(t, NewClock().Now, Rand(1))
	lines := strings.SplitAfter(e1, "\n")
	bad := strings.Join(lines[:5], "") + strings.Replace(lines[5], `"created"`, `"created_typo"`, 1) + strings.Join(lines[6:], "")
	_, err := ImportString(st3, admin, bad)
	if err == nil || !strings.Contains(err.Error(), "created_typo") {
		t.Fatalf("import of a bad record: %v, want an error naming the field", err)
	}
	if n := changes(t, st3); n != 0 {
		t.Fatalf("failed import wrote %d changes", n)
	}
	for i, l := range lines {
		if strings.Contains(l, `"value":"2018-09"`) {
			bad = strings.Join(lines[:i], "") + strings.Replace(l, "2018-09", "2018-13", 1) + strings.Join(lines[i+1:], "")
			want := fmt.Sprintf("record %d", i+1)
			if _, err := ImportString(st3, admin, bad); err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "2018-13") {
				t.Fatalf("import with an impossible date: %v, want an error naming %s and the date", err, want)
			}
		}
	}
	_, err = ImportString(st3, editor, e1)
	wantCode(t, "import by an editor", err, docket.EFORBIDDEN)
	if _, err := ImportString(st2, admin, e1); docket.ErrorCode(err) != docket.ECONFLICT {
		t.Fatalf("importing the same records twice: %v, want conflict", err)
	}
}

// An import of an entity or a statement whose id an earlier batch of the same import took is
// refused, naming the record, and writes nothing; so is one whose id the store held before.
// The file has nothing that writes the pending rows early (no merges), so that the id is found
// in rows written and nowhere else: SQLite's import leaves that check to its unique indexes.
func testImportTakenIDs(t *testing.T, open Opener) {
	admin := docket.Operator("admin")
	var lines []string
	for i := 1; i <= 1300; i++ {
		lines = append(lines,
			fmt.Sprintf(`{"kind":"entity","id":"e%05d","schema":"Person","sensitivity":"public","author":"a","created":"2026-11-25T12:00:00Z"}`+"\n", i),
			fmt.Sprintf(`{"kind":"statement","id":"s%05d","entity":"e%05d","property":"name","value":"Person %d","status":"draft","sensitivity":"public","author":"a","created":"2026-11-25T12:00:00Z","salt":"%032x"}`+"\n", i, i, i, i))
	}
	for i, kind := range []string{"entity", "statement"} {
		st := open(t, NewClock().Now, Rand(1))
		dup := strings.Join(lines[:2400], "") + lines[i] + strings.Join(lines[2400:], "")
		want := fmt.Sprintf("record 2401: %s id %s00001 is taken", kind, kind[:1])
		if _, err := ImportAloneString(st, admin, dup); docket.ErrorCode(err) != docket.ECONFLICT || !strings.Contains(err.Error(), want) {
			t.Fatalf("import with record %d (%s) again as record 2401: %v, want a conflict: %s", i+1, kind, err, want)
		}
		if n := changes(t, st); n != 0 {
			t.Fatalf("failed import wrote %d changes", n)
		}
		// Into a store that holds the records already, the first record's id is taken.
		if _, err := ImportAloneString(st, admin, strings.Join(lines[:100], "")); err != nil {
			t.Fatal(err)
		}
		want = fmt.Sprintf("record 1: %s id %s00001 is taken", kind, kind[:1])
		if _, err := ImportString(st, admin, strings.Join(lines[i:], "")); docket.ErrorCode(err) != docket.ECONFLICT || !strings.Contains(err.Error(), want) {
			t.Fatalf("import from record %d (%s), held already: %v, want a conflict: %s", i+1, kind, err, want)
		}
		if n := changes(t, st); n != 100 {
			t.Fatalf("failed import left %d changes, want the 100 before it", n)
		}
	}
}

// testImportMergeMidBatch retracts, in a later batch of an import, a statement written batches
// before, then merges two entities (which writes what the batch holds so far), then retracts
// the statement again: refused, it is retracted already. What the batch looked up before the
// merge must not be believed after it.
func testImportMergeMidBatch(t *testing.T, open Opener) {
	lines := []string{`{"kind":"source","id":"src1","url":"https://example.org/a","sensitivity":"public","author":"a","created":"2026-11-25T12:00:00Z"}` + "\n"}
	for i := 1; i <= 1300; i++ {
		lines = append(lines,
			fmt.Sprintf(`{"kind":"entity","id":"e%05d","schema":"Person","sensitivity":"public","author":"a","created":"2026-11-25T12:00:00Z"}`+"\n", i),
			fmt.Sprintf(`{"kind":"statement","id":"s%05d","entity":"e%05d","property":"name","value":"Person %d","source":"src1","status":"draft","sensitivity":"public","author":"a","created":"2026-11-25T12:00:00Z","salt":"%032x"}`+"\n", i, i, i, i))
	}
	retract := `{"kind":"retraction","statement":"s00001","reason":"wrong","author":"a","at":"2026-11-25T12:00:01Z"}` + "\n"
	merge := `{"kind":"merge","id":"m1","into":"e00002","from":"e00003","reason":"the same","author":"a","at":"2026-11-25T12:00:02Z"}` + "\n"
	st := open(t, NewClock().Now, Rand(1))
	_, err := ImportAloneString(st, admin, strings.Join(lines, "")+retract+merge+retract)
	if docket.ErrorCode(err) != docket.ECONFLICT || !strings.Contains(err.Error(), "record 2604") {
		t.Fatalf("import retracting s00001 twice, a merge between: %v; want record 2604 refused as a conflict", err)
	}
	if n := changes(t, st); n != 0 {
		t.Fatalf("failed import wrote %d changes", n)
	}
	// And a record made before the merge in the same batch is found after it.
	made := `{"kind":"statement","id":"s09999","entity":"e00004","property":"occupation","value":"lawyer","source":"src1","status":"draft","sensitivity":"public","author":"a","created":"2026-11-25T12:00:00Z","salt":"00000000000000000000000000000001"}` + "\n"
	after := `{"kind":"status","statement":"s09999","status":"reported","author":"a","at":"2026-11-25T12:00:03Z"}` + "\n"
	if _, err := ImportAloneString(st, admin, strings.Join(lines, "")+retract+made+merge+after); err != nil {
		t.Fatalf("import reviewing, after a merge, a statement made before it in the same batch: %v", err)
	}
}

// Merges of entities made a few records before, in the same batch of an import: the import
// sees each merge at once (a second merge of the same entity is refused), and the store holds
// the chain of merges in the end.
func testImportMerges(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(1))
	src := MustSource(t, st, "https://example.org/a")
	p := MustEntity(t, st, "Person", src, "name", "Aigul Akberdiyeva")
	d := MustEntity(t, st, "Person", src, "name", "Aigul Akberdieva")
	q := MustEntity(t, st, "Person", src, "name", "Aigul Akberdiyeva-Nur")
	if _, err := st.MergeEntities(ctx, admin, p.ID, d.ID, "another spelling"); err != nil {
		t.Fatal(err)
	}
	before := ExportString(t, st, admin, false)
	if _, err := st.MergeEntities(ctx, admin, q.ID, p.ID, "the same person"); err != nil {
		t.Fatal(err)
	}
	MustEntity(t, st, "Person", src, "name", "Nurlan Akberdiyev")
	full := ExportString(t, st, admin, false)

	st2 := open(t, NewClock().Now, Rand(1))
	if _, err := ImportAloneString(st2, admin, full); err != nil {
		t.Fatalf("import: %v", err)
	}
	if got := ExportString(t, st2, admin, false); got != full {
		t.Fatal("export -> import -> export differs")
	}
	if e := mustFind(t, st2, admin, d.ID); e.ID != q.ID {
		t.Fatalf("%s, merged into %s and that into %s, is found as %s", d.ID, p.ID, q.ID, e.ID)
	}
	if problems, err := st2.Verify(ctx, nil); err != nil || len(Found(problems)) > 0 {
		t.Fatalf("Verify: %v %v", problems, err)
	}
	// A second merge of d, right after the first, is refused: d is merged already.
	again := `{"kind":"merge","id":"again","into":"` + q.ID + `","from":"` + d.ID + `","reason":"r","author":"a","at":"2026-11-25T12:00:00Z"}` + "\n"
	st3 := open(t, NewClock().Now, Rand(1))
	if _, err := ImportAloneString(st3, admin, before+again); docket.ErrorCode(err) != docket.ECONFLICT || !strings.Contains(err.Error(), "merged into "+p.ID) {
		t.Fatalf("a second merge of %s in the same import: %v, want a conflict", d.ID, err)
	}
	if n := changes(t, st3); n != 0 {
		t.Fatalf("failed import wrote %d changes", n)
	}
}

func testRebuild(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(1))
	script(t, st)
	var before []string
	for _, v := range viewers {
		before = append(before, ExportString(t, st, v, true))
	}
	ents, _, _ := st.FindEntities(ctx, admin, docket.EntityFilter{})
	if err := st.Rebuild(ctx, nil); err != nil {
		t.Fatalf("Rebuild: %v", err)
	}
	for i, v := range viewers {
		if got := ExportString(t, st, v, true); got != before[i] {
			t.Fatalf("after rebuild the view of %s differs", v.Role)
		}
	}
	after, _, _ := st.FindEntities(ctx, admin, docket.EntityFilter{})
	if len(after) != len(ents) {
		t.Fatalf("%d entities after rebuild, %d before", len(after), len(ents))
	}
	if hits, _ := st.Search(ctx, admin, docket.SearchQuery{Q: "Zhumayev", Schema: "Person"}); len(hits) != 1 {
		t.Fatalf("search after rebuild: %d hits, want 1", len(hits))
	}
}

// testStatementRecords checks the log's records of statements, which a store may keep in the
// statements' rows: whatever their times, reviews and retractions, the full export gives back
// the records as imported, the ledger verifies, and Rebuild changes neither.
func testStatementRecords(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(1))
	script(t, st)
	src := MustSource(t, st, "https://example.org/records")
	e := MustEntity(t, st, "Person", src, "name", "Records Test")
	stmt := func(id, created string) string {
		return `{"kind":"statement","id":"` + id + `","entity":"` + e.ID + `","property":"alias","value":"` + id + `","lang":"ru","source":"` + src.ID +
			`","locator":"p. 1","quote":"«q»","status":"reported","sensitivity":"internal","author":"importer","created":"` + created +
			`","salt":"0123456789abcdef0123456789abcdef"}` + "\n"
	}
	lines := stmt("rec-micro", "2026-01-02T03:04:05.123456Z") +
		stmt("rec-nano", "2026-01-02T03:04:05.123456789Z") + // finer than the store's times
		stmt("rec-offset", "2026-01-02T08:04:05+05:00") + // not in UTC
		stmt("rec-reviewed", "2026-01-02T03:04:06Z") +
		`{"kind":"status","statement":"rec-reviewed","status":"verified","author":"reviewer","at":"2026-01-03T00:00:00Z"}` + "\n" +
		`{"kind":"status","statement":"rec-micro","status":"disputed","author":"reviewer","at":"2026-01-03T00:00:01Z"}` + "\n" +
		`{"kind":"retraction","statement":"rec-micro","reason":"wrong","author":"reviewer","at":"2026-01-03T00:00:02Z"}` + "\n"
	if _, err := ImportString(st, admin, lines); err != nil {
		t.Fatalf("Import: %v", err)
	}
	full := ExportString(t, st, admin, false)
	if !strings.HasSuffix(full, lines) {
		t.Fatalf("the full export does not end with the records imported:\n%s", full[max(0, len(full)-3*len(lines)):])
	}
	check := func(when string) {
		t.Helper()
		if problems, err := st.Verify(ctx, nil); err != nil || len(Found(problems)) > 0 {
			t.Fatalf("verify %s: %v, %v", when, problems, err)
		}
		got, err := st.FindEntityByID(ctx, admin, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		status := map[string]docket.Status{}
		for _, s := range got.Statements {
			status[s.ID] = s.Status
		}
		if status["rec-reviewed"] != docket.Verified || status["rec-nano"] != docket.Reported {
			t.Fatalf("statuses %s: %v", when, status)
		}
	}
	check("after the import")
	if err := st.Rebuild(ctx, nil); err != nil {
		t.Fatalf("Rebuild: %v", err)
	}
	if got := ExportString(t, st, admin, false); got != full {
		t.Fatal("the full export differs after Rebuild")
	}
	check("after Rebuild")
	st2 := open(t, NewClock().Now, Rand(1))
	if _, err := ImportString(st2, admin, full); err != nil {
		t.Fatalf("Import of the full export: %v", err)
	}
	if got := ExportString(t, st2, admin, false); got != full {
		t.Fatal("export -> import -> export differs")
	}
}

func testSearch(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(1))
	src := MustSource(t, st, "https://example.org/a")
	j := MustEntity(t, st, "Person", src, "name", "Gulnara Baiturova", "occupation", "judge")
	d := MustEntity(t, st, "Person", src, "name", "Ablovas Dzhumayev")
	MustEntity(t, st, "Organization", src, "name", "Aktau City Court", "kind", "court")
	// An apostrophe inside a word is part of it, in the index as in a quoted phrase, whatever
	// the backend's own tokenizer does with it.
	n := MustEntity(t, st, "Person", src, "name", "Natal'ya O’Brien-Kim")
	// Invisible characters pasted into a name do not hide it, nor in a query.
	k := MustEntity(t, st, "Person", src, "name", "Malik Kenzh\u00adaliyev")
	a := MustEntity(t, st, "Person", src, "name", "\ufeffАйгуль Акбер\u200bдиева")
	// A surname in an oblique case or in the other gender finds the person (the keys fold
	// the endings of the surname paradigms); Belarusian forms meet their romanisations.
	g := MustEntity(t, st, "Person", src, "name", "Алексей Горинов")
	b := MustEntity(t, st, "Person", src, "name", "Зміцер Салаўёў")
	for _, tc := range []struct {
		q    string
		want string
	}{
		{"Bayturova", j.ID}, {"Baiturova", j.ID}, {"Байтурова", j.ID}, {"BAITUROVA", j.ID}, {"gulnara bayt", j.ID},
		{"Dzhumayev", d.ID}, {"Zhumayev", d.ID}, {"Джумаев", d.ID}, {"Jumayev", d.ID}, {"Dzhumaev", d.ID},
		{`"Gulnara Baiturova"`, j.ID},
		{`"natal'ya o'brien"`, n.ID}, {`"Natal’ya O’Brien Kim"`, n.ID}, {`"natalya obrien"`, n.ID}, {`"O'Brien-Kim"`, n.ID},
		{"Kenzhaliyev", k.ID}, {"Кенжалиев", k.ID}, {`"malik kenzhaliyev"`, k.ID}, {"Kenzha\u200bliyev", k.ID}, {"\"Ke\u2060nzhaliyev\"", k.ID},
		{"Akberdiyeva", a.ID}, {`"айгуль акбердиева"`, a.ID}, {"Aigul Akber\u00addiyeva", a.ID},
		{"Горинова", g.ID}, {"Горинову", g.ID}, {"Gorinova", g.ID}, {"Алексей Горинова", g.ID},
		{"Кенжалиеву", k.ID}, {"Кенжалиева", k.ID}, {"Akberdiyevoi", a.ID},
		{"Zmitser Salauyou", b.ID}, {"Salauyou", b.ID}, {"Салаўёў", b.ID},
	} {
		hits, err := st.Search(ctx, public, docket.SearchQuery{Q: tc.q})
		if err != nil {
			t.Fatalf("Search(%q): %v", tc.q, err)
		}
		if len(hits) == 0 || hits[0].Entity.ID != tc.want {
			t.Fatalf("Search(%q) = %d hits, want %s first", tc.q, len(hits), tc.want)
		}
	}
	for _, q := range []string{`"Gulnara Bayturova"`, `"o brien"`, `"natal ya"`} {
		if hits, _ := st.Search(ctx, public, docket.SearchQuery{Q: q}); len(hits) != 0 {
			t.Fatalf("the quoted query %s matched another spelling", q)
		}
	}
	if hits, _ := st.Search(ctx, public, docket.SearchQuery{Q: "court", Schema: "Person"}); len(hits) != 0 {
		t.Fatalf("schema filter let through %d hits", len(hits))
	}
	_, err := st.Search(ctx, public, docket.SearchQuery{Q: `"unclosed`})
	wantCode(t, "unclosed quote", err, docket.EINVALID)
	_, err = st.Search(ctx, public, docket.SearchQuery{Q: " ;; "})
	wantCode(t, "no words", err, docket.EINVALID)
}

func testHistory(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(1))
	script(t, st)
	ents, _, _ := st.FindEntities(ctx, admin, docket.EntityFilter{Name: ptr("Ablovas Dzhumayev"), Schema: ptr("Person")})
	if len(ents) != 1 {
		t.Fatalf("%d entities named Dzhumayev", len(ents))
	}
	chs, err := st.FindChanges(ctx, admin, docket.ChangeFilter{Entity: &ents[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	var last int64
	for _, c := range chs {
		if c.Seq <= last {
			t.Fatalf("changes out of order: %d after %d", c.Seq, last)
		}
		last = c.Seq
		kinds[c.Kind]++
	}
	if kinds["entity"] != 2 || kinds["statement"] < 3 || kinds["retraction"] != 1 || kinds["merge"] != 2 || kinds["unmerge"] != 1 {
		t.Fatalf("history kinds = %v", kinds)
	}
	pub, err := st.FindChanges(ctx, public, docket.ChangeFilter{Entity: &ents[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range pub {
		if c.Record.Statement != nil && c.Record.Statement.Sensitivity != docket.Public {
			t.Fatalf("anonymous history shows a %s statement", c.Record.Statement.Sensitivity)
		}
	}
}

// NameForm is one row of names.tsv: a form of a name and how it relates to its group.
type NameForm struct{ Group, Form, Script, Lang, Kind string }

// ReadNames reads the name groups that search must bring together (testdata of translit).
func ReadNames(tb testing.TB) []NameForm {
	tb.Helper()
	_, file, _, _ := runtime.Caller(0)
	b, err := os.ReadFile(filepath.Join(filepath.Dir(file), "..", "translit", "testdata", "names.tsv"))
	if err != nil {
		tb.Fatal(err)
	}
	var out []NameForm
	for i, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "group\t") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			tb.Fatalf("names.tsv:%d: %d columns, want 5", i+1, len(f))
		}
		out = append(out, NameForm{f[0], f[1], f[2], f[3], f[4]})
	}
	return out
}

// testNames stores every group under its canonical form (aliases as stored aliases, as the
// file allows) and searches for every form of every group.
func testNames(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(1))
	src := MustSource(t, st, "https://example.org/names")
	forms := ReadNames(t)
	ids := map[string]string{}
	for _, f := range forms {
		if f.Kind == "canonical" {
			ids[f.Group] = MustEntity(t, st, "Person", src, "name", f.Form).ID
		}
	}
	for _, f := range forms {
		if f.Kind == "alias" {
			if err := st.AddStatements(ctx, admin, []*docket.Statement{{Entity: ids[f.Group], Property: "alias", Value: f.Form, Source: src.ID, Sensitivity: docket.Public}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	groups := map[string]bool{}
	for _, f := range forms {
		groups[f.Group] = true
		for _, q := range []string{f.Form, strings.Fields(f.Form)[len(strings.Fields(f.Form))-1]} {
			hits, err := st.Search(ctx, public, docket.SearchQuery{Q: q})
			if err != nil {
				t.Fatalf("Search(%q): %v", q, err)
			}
			if len(hits) == 0 || hits[0].Entity.ID != ids[f.Group] {
				t.Errorf("Search(%q) (%s form of %s): %d hits, want %s first", q, f.Kind, f.Group, len(hits), ids[f.Group])
			}
		}
	}
	if len(groups) < 15 {
		t.Fatalf("names.tsv has %d groups; the file was not read whole", len(groups))
	}
}

// testKey is a fixed signing key, so that checkpoints are the same on every backend.
const testKey = "PRIVATE+KEY+docket-test+4d60748b+AV/3Oac84R51l11PcRfPZ2arOna4Q/mzxIWqMLAJFG5J"

// TestKey returns the fixed key that signs the suite's checkpoints.
func TestKey(tb testing.TB) *ledger.Key {
	k, err := ledger.ParseKey(testKey)
	if err != nil {
		tb.Fatal(err)
	}
	return k
}

func testLedger(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(7))
	key := TestKey(t)
	_, err := st.Checkpoint(ctx, key)
	wantCode(t, "Checkpoint of an empty ledger", err, docket.ENOTFOUND)
	script(t, st)
	cp, err := st.Checkpoint(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	all, _ := st.FindChanges(ctx, admin, docket.ChangeFilter{})
	if cp.Size != int64(len(all)) {
		t.Fatalf("checkpoint size %d, want one leaf for each of %d changes", cp.Size, len(all))
	}
	origin, tree, err := ledger.OpenCheckpoint([]byte(cp.Note), key.Verifier)
	if err != nil || origin != "docket-test" || tree.N != cp.Size || tree.Hash != cp.Root {
		t.Fatalf("OpenCheckpoint = %q %v %v", origin, tree, err)
	}
	// The same script with the same clock and salts gives the same ledger on any backend.
	if got := fmt.Sprintf("%x", cp.Root); got != goldenRoot {
		t.Errorf("ledger root = %s, want %s (the suite's fixed script, clock and salts)", got, goldenRoot)
	}
	if again, err := st.Checkpoint(ctx, key); err != nil || again.Size != cp.Size || again.Note != cp.Note {
		t.Fatalf("a checkpoint of an unchanged ledger is not the last one: %v", err)
	}
	for _, c := range all {
		inc, err := st.InclusionProof(ctx, admin, c.Seq, 0)
		if err != nil {
			t.Fatalf("InclusionProof(%d): %v", c.Seq, err)
		}
		leaf, err := ledger.ParseLeaf([]byte(inc.LeafText))
		if err != nil || leaf != ledger.NewLeaf(c.Seq, c.Kind, []byte(inc.Record)) {
			t.Fatalf("change %d: leaf %q does not commit to its record: %v", c.Seq, inc.LeafText, err)
		}
		var proof tlog.RecordProof
		for _, h := range inc.Proof {
			proof = append(proof, h)
		}
		if err := tlog.CheckRecord(proof, tree.N, tree.Hash, inc.Index, leaf.Hash()); err != nil {
			t.Fatalf("change %d: inclusion proof does not check: %v", c.Seq, err)
		}
	}
	// Anonymous viewers get proofs of what they may see only.
	var hidden int64
	for _, c := range all {
		if c.Record.Statement != nil && c.Record.Statement.Sensitivity == docket.Confidential {
			hidden = c.Seq
		}
	}
	_, err = st.InclusionProof(ctx, public, hidden, 0)
	wantCode(t, "inclusion proof of a confidential change for the public", err, docket.ENOTFOUND)

	// More changes, a second checkpoint, and a consistency proof between them.
	MustEntity(t, st, "Person", MustSource(t, st, "https://example.org/later"), "name", "Later Person")
	cp2, err := st.Checkpoint(ctx, key)
	if err != nil || cp2.Size <= cp.Size {
		t.Fatalf("second checkpoint %v, %v", cp2, err)
	}
	p, err := st.ConsistencyProof(ctx, cp.Size, cp2.Size)
	if err != nil {
		t.Fatal(err)
	}
	var tp tlog.TreeProof
	for _, h := range p {
		tp = append(tp, h)
	}
	if err := tlog.CheckTree(tp, cp2.Size, cp2.Root, cp.Size, cp.Root); err != nil {
		t.Fatalf("consistency proof: %v", err)
	}
	_, err = st.ConsistencyProof(ctx, cp2.Size, cp.Size)
	wantCode(t, "consistency proof backwards", err, docket.EINVALID)
	latest, err := st.LatestCheckpoint(ctx)
	if err != nil || latest.Size != cp2.Size {
		t.Fatalf("LatestCheckpoint = %v, %v", latest, err)
	}
	problems, err := st.Verify(ctx, nil)
	if err != nil || len(problems) != 0 {
		t.Fatalf("Verify of an untouched store = %v, %v", problems, err)
	}
	if err := st.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if problems, _ := st.Verify(ctx, nil); len(problems) != 0 {
		t.Fatalf("Verify after rebuild = %v", problems)
	}
}

// goldenRoot is the ledger root of script() under NewClock and Rand(7).
const goldenRoot = "bf7496b96143d39c1bfce5849fa6738a9af3d813465fd86296e4508ac501b8ae"

func testSnapshots(t *testing.T, open Opener) {
	clock := NewClock()
	st := open(t, clock.Now, Rand(3))
	pub := MustSource(t, st, "https://example.org/public")
	secret := &docket.Source{URL: "https://example.org/secret", Sensitivity: docket.Confidential}
	if err := st.CreateSource(ctx, admin, secret); err != nil {
		t.Fatal(err)
	}
	// Every source with a URL is queued for archiving when it is recorded.
	j, err := st.NextJob(ctx, clock.Now(), pub.ID)
	if err != nil || j == nil || j.URL != pub.URL || j.Attempts != 1 {
		t.Fatalf("NextJob = %+v, %v", j, err)
	}
	wantAuthor(t, st, j.RequestedBy, "admin")
	if again, _ := st.NextJob(ctx, clock.Now(), pub.ID); again != nil {
		t.Fatal("a claimed job was handed out twice")
	}
	if err := st.FinishJob(ctx, j.ID, fmt.Errorf("timeout"), clock.Now()); err != nil {
		t.Fatal(err)
	}
	if retry, _ := st.NextJob(ctx, clock.Now().Add(time.Second), pub.ID); retry == nil || retry.Attempts != 2 || retry.LastError != "timeout" {
		t.Fatalf("retry = %+v", retry)
	} else if err := st.FinishJob(ctx, retry.ID, nil, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if done, _ := st.NextJob(ctx, clock.Now().Add(time.Hour), pub.ID); done != nil {
		t.Fatal("a finished job came back")
	}

	body, text := []byte("<p>Judge removed</p>"), []byte("Judge removed\n")
	at := clock.Now().Truncate(time.Microsecond)
	mk := func(src *docket.Source) *docket.Snapshot {
		return &docket.Snapshot{Source: src.ID, URL: src.URL, FinalURL: src.URL, Status: 200, Header: map[string][]string{"Content-Type": {"text/html"}},
			ContentType: "text/html", FetchedAt: at, Custody: docket.Custody{RequestedBy: "admin", RequestedAt: at, Via: "test", Host: "h", Tool: "t"}}
	}
	s1 := mk(pub)
	if err := st.AddSnapshot(ctx, admin, s1, body, text); err != nil {
		t.Fatal(err)
	}
	if s1.SHA256 != docket.SHA256Hex(body) || s1.TextSHA256 != docket.SHA256Hex(text) || s1.Size != int64(len(body)) {
		t.Fatalf("snapshot not stamped with its content: %+v", s1)
	}
	s2 := mk(secret)
	if err := st.AddSnapshot(ctx, admin, s2, []byte("witness contact"), nil); err != nil {
		t.Fatal(err)
	}
	err = st.AddSnapshot(ctx, editor, mk(secret), []byte("x"), nil)
	wantCode(t, "snapshot of a confidential source by an uncleared editor", err, docket.ENOTFOUND)
	err = st.AddSnapshot(ctx, admin, &docket.Snapshot{Source: pub.ID, URL: pub.URL, FinalURL: pub.URL, FetchedAt: at}, body, nil)
	wantCode(t, "snapshot without custody", err, docket.EINVALID)

	for _, v := range viewers {
		snaps, err := st.FindSnapshots(ctx, v, "")
		if err != nil {
			t.Fatal(err)
		}
		_, berr := st.FindBlob(ctx, v, s2.SHA256)
		if v.Cleared != (len(snaps) == 2) || v.Cleared != (berr == nil) {
			t.Fatalf("%s (cleared %v) sees %d snapshots, secret content error %v", v.Role, v.Cleared, len(snaps), berr)
		}
		if got, err := st.FindBlob(ctx, v, s1.SHA256); err != nil || string(got) != string(body) {
			t.Fatalf("%s cannot read the public snapshot: %v", v.Role, err)
		}
	}
	got, _ := st.FindSnapshots(ctx, admin, pub.ID)
	if len(got) != 1 || got[0].ID != s1.ID || got[0].Custody.RequestedBy != "admin" || got[0].Header.Get("Content-Type") != "text/html" {
		t.Fatalf("FindSnapshots(public source) = %+v", got)
	}
	// Content travels with an export, before the snapshot that needs it, and round-trips.
	e1 := ExportString(t, st, admin, false)
	if !strings.Contains(e1, `{"kind":"blob","sha256":"`+s1.SHA256) || strings.Index(e1, `"kind":"blob"`) > strings.Index(e1, `"kind":"snapshot"`) {
		t.Fatal("export lacks the content before its snapshot")
	}
	st2 := open(t, NewClock().Now, Rand(3))
	if _, err := ImportString(st2, admin, e1); err != nil {
		t.Fatal(err)
	}
	if e2 := ExportString(t, st2, admin, false); e2 != e1 {
		t.Fatal("export -> import -> export differs with snapshots")
	}
	if b, err := st2.FindBlob(ctx, admin, s2.SHA256); err != nil || string(b) != "witness contact" {
		t.Fatalf("imported content: %q, %v", b, err)
	}
	forged := strings.Replace(e1, `"data":"`, `"data":"AAAA`, 1)
	if _, err := ImportString(open(t, NewClock().Now, Rand(3)), admin, forged); err == nil || !strings.Contains(err.Error(), "SHA-256") {
		t.Fatalf("import of altered content: %v", err)
	}
	if problems, err := st.Verify(ctx, nil); err != nil || len(Found(problems)) != 0 {
		t.Fatalf("Verify = %v, %v", problems, err)
	}
}

// testImportBatches imports a history longer than one import batch, made through the store's
// own API: reviews, retractions and corrections of statements in the same batch, the batch
// before and long before, corroborations, merges and unmerges between them. The copy must
// export the same bytes, verify clean, and find what the original finds.
func testImportBatches(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(9))
	r := mathrand.New(mathrand.NewPCG(1, 2))
	a, b := MustSource(t, st, "https://example.org/a"), MustSource(t, st, "https://example.org/b")
	var persons []*docket.Entity
	var current []string // statement ids not retracted
	var merges []string
	pick := func() (int, string) {
		i := r.IntN(len(current))
		return i, current[i]
	}
	var hot string // a statement of the first batch, reviewed again and again (see below)
	statuses := []docket.Status{docket.Disputed, docket.Verified, docket.Reported}
	for i := 0; len(current) < 1300; i++ {
		p := MustEntity(t, st, "Person", a, "name", fmt.Sprintf("Person Number%d", i), "occupation", "journalist")
		persons = append(persons, p)
		ss, _, err := st.FindStatements(ctx, admin, docket.StatementFilter{Entity: &p.ID})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range ss {
			current = append(current, s.ID)
		}
		if hot == "" {
			hot = current[0]
			current = current[1:]
		}
		// An import writes the reviews of statements in earlier batches with a batch's rows:
		// the same statement reviewed twice in a batch, then again in the next, and reviewed
		// then retracted in one batch, must end as it did here.
		if i%29 == 0 {
			for _, k := range []int{0, 1} {
				// The status it has already is no review (ECONFLICT).
				if err := st.SetStatus(ctx, admin, hot, statuses[(i/29+k)%len(statuses)], "again"); err != nil && docket.ErrorCode(err) != docket.ECONFLICT {
					t.Fatal(err)
				}
			}
		}
		if i%31 == 30 {
			j, id := pick()
			if err := st.SetStatus(ctx, admin, id, docket.Disputed, "doubts"); err != nil && docket.ErrorCode(err) != docket.ECONFLICT {
				t.Fatal(err)
			}
			if err := st.RetractStatement(ctx, admin, id, "wrong after all"); err != nil {
				t.Fatal(err)
			}
			current = append(current[:j], current[j+1:]...)
		}
		switch {
		case i%3 == 0: // a review of any current statement, near or far
			_, id := pick()
			if err := st.SetStatus(ctx, admin, id, docket.Verified, "checked"); err != nil && docket.ErrorCode(err) != docket.ECONFLICT {
				t.Fatal(err)
			}
		case i%5 == 1: // a retraction
			j, id := pick()
			if err := st.RetractStatement(ctx, admin, id, "wrong person"); err != nil {
				t.Fatal(err)
			}
			current = append(current[:j], current[j+1:]...)
		case i%7 == 2: // a correction
			j, id := pick()
			n, err := st.CorrectStatement(ctx, admin, id, &docket.Statement{Value: "", Source: b.ID}, "a better source")
			if err != nil {
				t.Fatal(err)
			}
			current = append(current[:j], current[j+1:]...)
			current = append(current, n.ID)
		case i%11 == 3: // the same name from a second source, corroborated
			s := &docket.Statement{Entity: p.ID, Property: "name", Value: fmt.Sprintf("Person Number%d", i), Source: b.ID, Sensitivity: docket.Public}
			if err := st.AddStatements(ctx, admin, []*docket.Statement{s}); err != nil {
				t.Fatal(err)
			}
			if err := st.SetStatus(ctx, admin, s.ID, docket.Corroborated, ""); err != nil {
				t.Fatal(err)
			}
			current = append(current, s.ID)
		case i%40 == 4 && i > 40: // a merge of two earlier persons
			into, from := persons[i-1], persons[r.IntN(i-20)]
			if mustFind(t, st, admin, from.ID).ID != from.ID || mustFind(t, st, admin, into.ID).ID != into.ID {
				break
			}
			m, err := st.MergeEntities(ctx, admin, into.ID, from.ID, "the same person")
			if err != nil {
				t.Fatal(err)
			}
			merges = append(merges, m.ID)
		case i%97 == 5 && len(merges) > 0:
			if _, err := st.UnmergeEntity(ctx, admin, merges[0], "two people after all"); err != nil {
				t.Fatal(err)
			}
			merges = merges[1:]
		}
	}
	e1 := ExportString(t, st, admin, false)
	if n := strings.Count(e1, "\n"); n < 2500 {
		t.Fatalf("the history has %d records; want more than two import batches", n)
	}
	st2 := open(t, NewClock().Now, Rand(9))
	if _, err := ImportAloneString(st2, admin, e1); err != nil {
		t.Fatalf("ImportAlone: %v", err)
	}
	if e2 := ExportString(t, st2, admin, false); e2 != e1 {
		t.Fatal("export -> import -> export differs")
	}
	checkExportLines(t, st2)
	if problems, err := st2.Verify(ctx, nil); err != nil || len(Found(problems)) > 0 {
		t.Fatalf("verify of the imported store: %v %v", problems, err)
	}
	all := func(st docket.Store) string {
		var b strings.Builder
		for _, p := range persons[:100] {
			ss, _, err := st.FindStatements(ctx, admin, docket.StatementFilter{Entity: &p.ID, IncludeRetracted: true})
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range ss {
				fmt.Fprintf(&b, "%s %s %v\n", s.ID, s.Status, s.Retraction != nil)
			}
		}
		return b.String()
	}
	if s1, s2 := all(st), all(st2); s1 != s2 {
		t.Fatalf("statuses and retractions after the import:\n%s\nwant\n%s", s2, s1)
	}
	for _, v := range viewers {
		if ExportString(t, st, v, true) != ExportString(t, st2, v, true) {
			t.Fatalf("what %s sees differs after the import", v.Role)
		}
	}
	for _, q := range []string{"Number600", "journalist", "Number3"} {
		h1, err1 := st.Search(ctx, admin, docket.SearchQuery{Q: q, Limit: 50})
		h2, err2 := st2.Search(ctx, admin, docket.SearchQuery{Q: q, Limit: 50})
		if err1 != nil || err2 != nil || len(h1) == 0 || len(h1) != len(h2) {
			t.Fatalf("search %q: %d hits (%v) in the original, %d (%v) in the copy", q, len(h1), err1, len(h2), err2)
		}
	}
	// Keyset pages of entities give what offset pages give, without counting each time.
	person := "Person"
	for _, v := range []docket.Viewer{public, admin} {
		var byOffset, byKeyset []string
		for off := 0; ; off += 100 {
			ents, total, err := st2.FindEntities(ctx, v, docket.EntityFilter{Schema: &person, Offset: off, Limit: 100})
			if err != nil || total < len(ents) {
				t.Fatalf("FindEntities offset %d: %d of %d, %v", off, len(ents), total, err)
			}
			for _, e := range ents {
				byOffset = append(byOffset, e.ID)
			}
			if len(ents) < 100 {
				break
			}
		}
		for after := int64(0); ; {
			ents, total, err := st2.FindEntities(ctx, v, docket.EntityFilter{Schema: &person, AfterSeq: after, Limit: 100})
			if err != nil || (after > 0 && total != -1) {
				t.Fatalf("FindEntities after %d: total %d, %v", after, total, err)
			}
			for _, e := range ents {
				byKeyset = append(byKeyset, e.ID)
				after = e.Seq
			}
			if len(ents) < 100 {
				break
			}
		}
		if len(byOffset) < 500 || strings.Join(byOffset, " ") != strings.Join(byKeyset, " ") {
			t.Fatalf("as %s: %d entities by offset, %d by keyset, or in another order", v.Role, len(byOffset), len(byKeyset))
		}
	}
	// A bad record in the third batch leaves an empty store that takes the good file after.
	lines := strings.SplitAfter(e1, "\n")
	bad := strings.Join(lines[:2400], "") + `{"kind":"entity","id":"late","schema":"Nobody","sensitivity":"public","author":"a","created":"2026-11-25T12:00:00Z"}` + "\n" + strings.Join(lines[2400:], "")
	st3 := open(t, NewClock().Now, Rand(9))
	if _, err := ImportAloneString(st3, admin, bad); err == nil || !strings.Contains(err.Error(), "record 2401") {
		t.Fatalf("import with a bad record 2401: %v", err)
	}
	if n := changes(t, st3); n != 0 {
		t.Fatalf("failed import wrote %d changes", n)
	}
	// A statement, or an entity, of the first batch again in the third: its id is taken by
	// then, in rows written. (See also ImportTakenIDs.)
	for _, kind := range []string{"statement", "entity"} {
		var again string
		for _, l := range lines[:1000] {
			if strings.HasPrefix(l, `{"kind":"`+kind+`"`) {
				again = l
			}
		}
		var rec struct{ ID string }
		if err := json.Unmarshal([]byte(again), &rec); err != nil {
			t.Fatal(err)
		}
		dup := strings.Join(lines[:2400], "") + again + strings.Join(lines[2400:], "")
		want := fmt.Sprintf("record 2401: %s id %s is taken", kind, rec.ID)
		if _, err := ImportAloneString(st3, admin, dup); docket.ErrorCode(err) != docket.ECONFLICT || !strings.Contains(err.Error(), want) {
			t.Fatalf("import with a %s of record 2401 made earlier: %v, want a conflict: %s", kind, err, want)
		}
		if n := changes(t, st3); n != 0 {
			t.Fatalf("failed import wrote %d changes", n)
		}
	}
	if _, err := ImportString(st3, admin, e1); err != nil {
		t.Fatalf("import after a failed one: %v", err)
	}
	if ExportString(t, st3, admin, false) != e1 {
		t.Fatal("export after a failed import, then a good one, differs")
	}
	if hits, err := st3.Search(ctx, admin, docket.SearchQuery{Q: "Number600"}); err != nil || len(hits) == 0 {
		t.Fatalf("search after a failed import, then a good one: %v %v", hits, err)
	}
}

// SealedAtRest records a confidential source with a page archived from it (and a failed fetch
// of it), and a confidential document as an ingest writes it, whose URL, title, name and
// content hold words found nowhere else, checks that they read in the clear with the store's
// data key, and returns the words: a backend's test then looks for
// them in what it stores, where they must not be (see sqlite and postgres TestSealedAtRest).
func SealedAtRest(tb testing.TB, st docket.Store, now func() time.Time) []string {
	tb.Helper()
	src := &docket.Source{URL: "https://qzxarchive.example.org/page", Title: "Qzxarchivedtitle", Publisher: "Qzxpublisher", Sensitivity: docket.Confidential}
	if err := st.CreateSource(ctx, admin, src); err != nil {
		tb.Fatal(err)
	}
	j, err := st.NextJob(ctx, now(), src.ID)
	if err != nil || j == nil || j.URL != "" { // the archiver reads a sealed source's URL from it, opened
		tb.Fatalf("NextJob = %+v, %v", j, err)
	}
	if err := st.FinishJob(ctx, j.ID, fmt.Errorf("fetch %s: timeout", src.URL), now()); err != nil {
		tb.Fatal(err)
	}
	at := now().Truncate(time.Microsecond)
	body, text := []byte("<p>Qzxpagebody</p>"), []byte("Qzxpagetext\n")
	s := &docket.Snapshot{Source: src.ID, URL: src.URL, FinalURL: src.URL, Status: 200, Header: map[string][]string{"Content-Type": {"text/html"}},
		ContentType: "text/html", FetchedAt: at, Custody: docket.Custody{RequestedBy: "admin", RequestedAt: at, Via: "test", Host: "h", Tool: "t"}}
	if err := st.AddSnapshot(ctx, admin, s, body, text); err != nil {
		tb.Fatal(err)
	}
	if got, err := st.FindBlob(ctx, admin, s.SHA256); err != nil || !bytes.Equal(got, body) {
		tb.Fatalf("FindBlob of the sealed page = %q, %v", got, err)
	}
	if ss, err := st.FindSnapshots(ctx, admin, src.ID); err != nil || len(ss) != 1 || ss[0].URL != src.URL || ss[0].Locked {
		tb.Fatalf("FindSnapshots = %+v, %v", ss, err)
	}
	if got, err := st.FindSourceByID(ctx, admin, src.ID); err != nil || got.Title != src.Title || got.Locked {
		tb.Fatalf("FindSourceByID = %+v, %v", got, err)
	}
	// Every statement of a confidential entity is sealed, whatever its own sensitivity.
	e := &docket.Entity{Schema: "Person", Sensitivity: docket.Confidential}
	if err := st.CreateEntity(ctx, admin, e, []*docket.Statement{{Property: "name", Value: "Qzxentityname", Source: src.ID, Sensitivity: docket.Internal}}); err != nil {
		tb.Fatal(err)
	}
	if got, err := st.FindEntityByID(ctx, admin, e.ID); err != nil || got.Caption != "Qzxentityname" {
		tb.Fatalf("FindEntityByID = %+v, %v", got, err)
	}
	// A document of a confidential source: its record (name, hashes) and its file, text and
	// public copy.
	file, dtext, public := []byte("Qzxdocfile with Author: Qzxdocauthor"), []byte("Qzxdoctext, a witness\n"), []byte("Qzxdocpublic")
	recs := DocumentBatch("Qzxdocname.txt", file, dtext, public, docket.Confidential)
	if err := st.Write(ctx, admin, recs); err != nil {
		tb.Fatal(err)
	}
	d := recs[5].Document
	// Its salt, sealed with it, keeps the digest its ledger leaf commits to from confirming a
	// guess of the file.
	if got, err := st.FindDocumentByID(ctx, admin, d.ID); err != nil || got.Name != "Qzxdocname.txt" || got.SHA256 != docket.SHA256Hex(file) || got.Locked || len(got.Salt) != 2*docket.SaltSize {
		tb.Fatalf("FindDocumentByID of the sealed document = %+v, %v", got, err)
	}
	sum := docket.SHA256Hex(file)
	if ds, n, err := st.FindDocuments(ctx, admin, docket.DocumentFilter{SHA256: &sum}); err != nil || n != 1 || ds[0].ID != d.ID {
		tb.Fatalf("FindDocuments by the sealed file's SHA-256 = %v, %d, %v", ds, n, err)
	}
	for part, want := range map[docket.DocumentPart][]byte{docket.DocumentFile: file, docket.DocumentText: dtext, docket.DocumentPublic: public} {
		if got, err := st.DocumentContent(ctx, admin, d.ID, part); err != nil || !bytes.Equal(got, want) {
			tb.Fatalf("DocumentContent %d of the sealed document = %q, %v", part, got, err)
		}
	}
	return []string{"qzxarchive", "Qzxarchivedtitle", "Qzxpublisher", "Qzxpagebody", "Qzxpagetext", docket.SHA256Hex(body), docket.SHA256Hex(text), "Qzxentityname",
		"Qzxdocname", "Qzxdocfile", "Qzxdocauthor", "Qzxdoctext", "Qzxdocpublic", docket.SHA256Hex(file), docket.SHA256Hex(dtext), docket.SHA256Hex(public)}
}

// FilesHold fails tb for each of a SQLite store's files (path, its WAL and shared memory, read
// while the store is open) that holds one of words (see Holds).
func FilesHold(tb testing.TB, path string, words []string) {
	tb.Helper()
	files, _ := filepath.Glob(path + "*")
	if len(files) < 2 {
		tb.Fatalf("files %v: want the store and its WAL", files)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		if w := Holds(data, words); w != "" {
			tb.Errorf("%s holds %q", filepath.Base(f), w)
		}
	}
}

// Holds reports the first of words that data holds, in any case or in hex (as PostgreSQL
// writes bytea as text), or "".
func Holds(data []byte, words []string) string {
	low := bytes.ToLower(data)
	for _, w := range words {
		for _, n := range []string{strings.ToLower(w), hex.EncodeToString([]byte(w)), hex.EncodeToString([]byte(strings.ToLower(w)))} {
			if bytes.Contains(low, []byte(n)) {
				return w
			}
		}
	}
	return ""
}
