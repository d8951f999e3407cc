package http_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/demo"
	dockethttp "github.com/docketorg/docket/http"
	"github.com/docketorg/docket/internal/storetest"
	"github.com/docketorg/docket/sqlite"
)

// MustOpenServer opens a fresh store in a temporary directory and a server on it, listening
// on a free port, set up by configure before it opens. Both are closed when the test ends, the
// server first.
func MustOpenServer(tb testing.TB, configure ...func(*dockethttp.Server)) (*sqlite.DB, *dockethttp.Server) {
	tb.Helper()
	db := sqlite.NewDB(filepath.Join(tb.TempDir(), "docket.db"))
	db.DataKey = storetest.DataKey() // the tests record confidential data
	if err := db.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	s := dockethttp.NewServer(db)
	s.ExpensiveRate, s.ExpensiveBurst = 1e6, 1e6 // tests ask fast, from one address; TestExpensive_Limits holds the limits
	key := storetest.TestKey(tb)
	s.Verifier = key.Verifier
	db.Checkpoint(context.Background(), key) // as serve does when it starts (SignEvery)
	s.Addr = "127.0.0.1:0"
	for _, c := range configure {
		c(s)
	}
	if err := s.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return db, s
}

// MustOpenDemoServer is MustOpenServer with the seed case loaded.
func MustOpenDemoServer(tb testing.TB, configure ...func(*dockethttp.Server)) (*sqlite.DB, *dockethttp.Server) {
	tb.Helper()
	db, s := MustOpenServer(tb, configure...)
	if err := demo.Load(context.Background(), db, docket.Operator("test")); err != nil {
		tb.Fatalf("demo.Load: %v", err)
	}
	return db, s
}

// MustCreateToken returns the secret of a new token.
func MustCreateToken(tb testing.TB, db *sqlite.DB, name string, role docket.Role, cleared bool) string {
	tb.Helper()
	secret, err := db.CreateToken(context.Background(), docket.Operator("test"), &docket.Token{Name: name, Role: role, Cleared: cleared})
	if err != nil {
		tb.Fatalf("CreateToken(%s): %v", name, err)
	}
	return secret
}

// MustCountChanges returns the length of the whole change log.
func MustCountChanges(tb testing.TB, db *sqlite.DB) int {
	tb.Helper()
	chs, err := db.FindChanges(context.Background(), docket.Operator("t"), docket.ChangeFilter{})
	if err != nil {
		tb.Fatalf("FindChanges: %v", err)
	}
	return len(chs)
}

var httpClient = &http.Client{Timeout: 10 * time.Second}

// Client makes requests to a server as one viewer: with Token as a bearer token, or
// anonymously when Token is empty.
type Client struct {
	Base  string
	Token string
	// Authorization, when set, is sent as the Authorization header instead of the bearer token.
	Authorization string
}

// Response is a whole response, read.
type Response struct {
	Method, Path string
	Status       int
	Header       http.Header
	Body         []byte
}

func (r *Response) String() string { return r.Method + " " + r.Path }

// Do sends a request. body is sent as is when it is a string or []byte, as JSON otherwise,
// and not at all when nil.
func (c Client) Do(tb testing.TB, method, path string, body any) *Response {
	tb.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			tb.Fatal(err)
		}
		rd = bytes.NewReader(buf)
	}
	req, err := http.NewRequest(method, c.Base+path, rd)
	if err != nil {
		tb.Fatal(err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	switch {
	case c.Authorization != "":
		req.Header.Set("Authorization", c.Authorization)
	case c.Token != "":
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	buf, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatalf("%s %s: read body: %v", method, path, err)
	}
	return &Response{Method: method, Path: path, Status: resp.StatusCode, Header: resp.Header, Body: buf}
}

// Get sends a GET request.
func (c Client) Get(tb testing.TB, path string) *Response {
	tb.Helper()
	return c.Do(tb, "GET", path, nil)
}

// Post sends a POST request with a body.
func (c Client) Post(tb testing.TB, path string, body any) *Response {
	tb.Helper()
	return c.Do(tb, "POST", path, body)
}

// Want fails the test unless the response has the status.
func (r *Response) Want(tb testing.TB, status int) *Response {
	tb.Helper()
	if r.Status != status {
		tb.Fatalf("%s status = %d, want %d; body: %s", r, r.Status, status, clip(r.Body))
	}
	return r
}

// Decode decodes the JSON body into v.
func (r *Response) Decode(tb testing.TB, v any) {
	tb.Helper()
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		tb.Fatalf("%s Content-Type = %q, want application/json", r, ct)
	}
	if err := json.Unmarshal(r.Body, v); err != nil {
		tb.Fatalf("%s: decode body: %v; body: %s", r, err, clip(r.Body))
	}
}

// WantError fails the test unless the response is an API error with the status and code, and
// returns its message.
func (r *Response) WantError(tb testing.TB, status int, code string) string {
	tb.Helper()
	var body struct {
		Error *struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	r.Want(tb, status)
	r.Decode(tb, &body)
	if body.Error == nil {
		tb.Fatalf("%s body has no \"error\": %s", r, clip(r.Body))
	}
	if body.Error.Code != code {
		tb.Fatalf("%s error code = %q, want %q (message %q)", r, body.Error.Code, code, body.Error.Message)
	}
	if body.Error.Message == "" {
		tb.Fatalf("%s error has no message", r)
	}
	return body.Error.Message
}

func clip(b []byte) string {
	if len(b) > 2000 {
		return string(b[:2000]) + "…"
	}
	return string(b)
}

// entityList is the body of the routes that list entities.
type entityList struct {
	Entities []*docket.Entity `json:"entities"`
	Total    int              `json:"total"`
}

// statementList is the body of the routes that list statements.
type statementList struct {
	Statements []*docket.Statement `json:"statements"`
	Total      int                 `json:"total"`
}

type searchResult struct {
	Hits []*docket.SearchHit `json:"hits"`
}

// current returns the entity's current statements of prop with the value.
func current(e *docket.Entity, prop, value string) *docket.Statement {
	for _, s := range e.Statements {
		if s.Property == prop && s.Value == value && s.Current() {
			return s
		}
	}
	return nil
}

// findReferrer returns the first entity of the schema with every one of the values.
func findReferrer(ents []*docket.Entity, schema string, values map[string]string) *docket.Entity {
next:
	for _, e := range ents {
		if e.Schema != schema {
			continue
		}
		for p, v := range values {
			if current(e, p, v) == nil {
				continue next
			}
		}
		return e
	}
	return nil
}

func ids(ents []*docket.Entity) []string {
	var out []string
	for _, e := range ents {
		out = append(out, e.ID)
	}
	return out
}

// TestAPI_SeedQuestions asks the questions the seed case answers, as the public does.
func TestAPI_SeedQuestions(t *testing.T) {
	_, s := MustOpenDemoServer(t)
	anon := Client{Base: s.URL()}

	// wantSourced checks that each statement has a source the public can read.
	wantSourced := func(t *testing.T, e *docket.Entity, values map[string]string) {
		t.Helper()
		for p, v := range values {
			st := current(e, p, v)
			if st == nil {
				t.Errorf("%s has no current %s %q", e.ID, p, v)
				continue
			}
			if st.Source == "" {
				t.Errorf("%s.%s %q has no source", e.ID, p, v)
				continue
			}
			var src docket.Source
			anon.Get(t, "/api/v1/sources/"+url.PathEscape(st.Source)).Want(t, http.StatusOK).Decode(t, &src)
			if src.ID != st.Source || src.Caption() == src.ID {
				t.Errorf("GET /api/v1/sources/%s = %+v, want the source with a title or URL", st.Source, src)
			}
		}
	}

	t.Run("WhoJudgedAkberdiyeva", func(t *testing.T) {
		var refs entityList
		anon.Get(t, "/api/v1/entities/person-akberdiyeva/referrers").Want(t, http.StatusOK).Decode(t, &refs)
		want := map[string]string{"judge": demo.Baiturova, "outcome": "acquitted", "date": "2019-02-06"}
		p := findReferrer(refs.Entities, "Proceeding", want)
		if p == nil {
			t.Fatalf("referrers of person-akberdiyeva %v: no Proceeding with %v", ids(refs.Entities), want)
		}
		if p.ID != "proceeding-akberdiyeva-1" {
			t.Errorf("proceeding = %s, want proceeding-akberdiyeva-1", p.ID)
		}
		wantSourced(t, p, want)
		var judge docket.Entity
		anon.Get(t, "/api/v1/entities/"+demo.Baiturova).Want(t, http.StatusOK).Decode(t, &judge)
		if judge.Caption != "Gulnara Baiturova" {
			t.Errorf("judge caption = %q, want Gulnara Baiturova", judge.Caption)
		}
	})

	t.Run("WhatHappenedToKenzhaliyev", func(t *testing.T) {
		var refs entityList
		anon.Get(t, "/api/v1/entities/person-kenzhaliyev/referrers").Want(t, http.StatusOK).Decode(t, &refs)
		pos := map[string]string{"holder": demo.Kenzhaliyev, "post": "chairman", "endDate": "2019-02-07"}
		if p := findReferrer(refs.Entities, "Position", pos); p == nil {
			t.Errorf("referrers of person-kenzhaliyev %v: no Position with %v", ids(refs.Entities), pos)
		} else {
			wantSourced(t, p, pos)
		}
		ev := map[string]string{"type": "dismissal", "date": "2019-02-07", "victim": demo.Kenzhaliyev}
		if e := findReferrer(refs.Entities, "Event", ev); e == nil {
			t.Errorf("referrers of person-kenzhaliyev %v: no Event with %v", ids(refs.Entities), ev)
		} else {
			wantSourced(t, e, ev)
			if e.ID != demo.Removal {
				t.Errorf("dismissal event = %s, want %s", e.ID, demo.Removal)
			}
		}
	})

	t.Run("WhatWasDzhumayevSentencedTo", func(t *testing.T) {
		var refs entityList
		anon.Get(t, "/api/v1/entities/person-dzhumayev/referrers").Want(t, http.StatusOK).Decode(t, &refs)
		want := map[string]string{"sentence": "imprisonment P3Y", "judge": demo.Nagashibayev}
		p := findReferrer(refs.Entities, "Proceeding", want)
		if p == nil {
			t.Fatalf("referrers of person-dzhumayev %v: no Proceeding with %v", ids(refs.Entities), want)
		}
		wantSourced(t, p, want)
	})

	t.Run("Search", func(t *testing.T) {
		for _, tt := range []struct{ q, want string }{
			{"Bayturova", demo.Baiturova},
			{"Байтурова", demo.Baiturova},
			{"Zhumayev", demo.Dzhumayev},
		} {
			var res searchResult
			anon.Get(t, "/api/v1/search?q="+url.QueryEscape(tt.q)).Want(t, http.StatusOK).Decode(t, &res)
			if len(res.Hits) == 0 || res.Hits[0].Entity == nil {
				t.Errorf("GET /api/v1/search?q=%s: no hits, want %s first", tt.q, tt.want)
				continue
			}
			if got := res.Hits[0].Entity.ID; got != tt.want {
				var all []string
				for _, h := range res.Hits {
					all = append(all, h.Entity.ID)
				}
				t.Errorf("GET /api/v1/search?q=%s: first hit %s, want %s (hits %v)", tt.q, got, tt.want, all)
			}
		}
	})
}

// Markers of the non-public data the sensitivity tests add; no response may hold one its
// viewer is not cleared for.
const (
	internalAlias = "Internal Alias X"
	secretAlias   = "Secret Alias Y"
	witnessName   = "Witness Zeta"
)

// markerLevel is how restricted each marker is.
var markerLevel = map[string]docket.Sensitivity{
	internalAlias: docket.Internal,
	secretAlias:   docket.Confidential,
	witnessName:   docket.Confidential,
}

// viewerCase is one viewer of the sensitivity tests.
type viewerCase struct {
	name   string
	client Client
	level  docket.Sensitivity // the most restricted level it may see
}

// sensitiveFixture is the demo with an internal and a confidential alias of
// person-akberdiyeva and a confidential witness who is her relative.
type sensitiveFixture struct {
	db                       *sqlite.DB
	s                        *dockethttp.Server
	anon, viewer, editor     Client // editor: without clearance
	cleared                  Client // an editor with clearance
	witness                  string // id of the confidential Person
	internalStmt, secretStmt string
}

func (f *sensitiveFixture) viewers() []viewerCase {
	return []viewerCase{
		{"Anonymous", f.anon, docket.Public},
		{"Viewer", f.viewer, docket.Internal},
		{"Editor", f.editor, docket.Internal},
		{"ClearedEditor", f.cleared, docket.Confidential},
	}
}

func mustOpenSensitive(tb testing.TB) *sensitiveFixture {
	tb.Helper()
	db, s := MustOpenDemoServer(tb)
	f := &sensitiveFixture{db: db, s: s, anon: Client{Base: s.URL()}}
	f.viewer = Client{Base: s.URL(), Token: MustCreateToken(tb, db, "reader", docket.Reader, false)}
	f.editor = Client{Base: s.URL(), Token: MustCreateToken(tb, db, "editor", docket.Editor, false)}
	f.cleared = Client{Base: s.URL(), Token: MustCreateToken(tb, db, "cleared", docket.Editor, true)}

	var added statementList
	f.cleared.Post(tb, "/api/v1/entities/person-akberdiyeva/statements", map[string]any{"statements": []map[string]any{
		{"property": "alias", "value": internalAlias, "source": demo.PressRelease, "sensitivity": "internal"},
		{"property": "alias", "value": secretAlias, "source": demo.PressRelease, "sensitivity": "confidential"},
	}}).Want(tb, http.StatusCreated).Decode(tb, &added)
	if len(added.Statements) != 2 || added.Statements[0].ID == "" || added.Statements[1].ID == "" {
		tb.Fatalf("POST statements returned %+v, want two statements with ids", added.Statements)
	}
	f.internalStmt, f.secretStmt = added.Statements[0].ID, added.Statements[1].ID

	var w docket.Entity
	f.cleared.Post(tb, "/api/v1/entities", map[string]any{"schema": "Person", "sensitivity": "confidential", "statements": []map[string]any{
		{"property": "name", "value": witnessName, "source": demo.PressRelease, "sensitivity": "confidential"},
		{"property": "relative", "value": demo.Akberdiyeva, "source": demo.PressRelease, "sensitivity": "confidential"},
	}}).Want(tb, http.StatusCreated).Decode(tb, &w)
	if w.ID == "" || w.Sensitivity != docket.Confidential || w.Caption != witnessName {
		tb.Fatalf("POST /api/v1/entities = %+v, want a confidential entity captioned %q", w, witnessName)
	}
	f.witness = w.ID
	return f
}

// absentID returns an id of the same length as id that names nothing.
func absentID(id string) string {
	return strings.Repeat("z", len(id))
}

// TestAPI_Sensitivity holds every viewer to what it may see, over every read route.
func TestAPI_Sensitivity(t *testing.T) {
	f := mustOpenSensitive(t)

	type check struct {
		path  string
		needs docket.Sensitivity // the level a viewer needs to get it at all; 404 below it
		shows []string           // markers the response holds for a viewer cleared for them
	}
	checks := []check{
		{"/api/v1/entities/person-akberdiyeva", docket.Public, []string{internalAlias, secretAlias}},
		{"/api/v1/statements?entity=person-akberdiyeva&include_retracted=true", docket.Public, []string{internalAlias, secretAlias}},
		{"/api/v1/search?q=Alias", docket.Public, nil}, // one hit per entity, whose snippet is either alias; checked below
		{"/api/v1/search?q=Zeta", docket.Public, []string{witnessName}},
		{"/api/v1/entities?limit=1000", docket.Public, []string{witnessName}},
		{"/api/v1/entities/" + f.witness, docket.Confidential, []string{witnessName}},
		{"/api/v1/entities/person-akberdiyeva/history", docket.Public, []string{internalAlias, secretAlias}},
		{"/api/v1/entities/person-akberdiyeva/referrers", docket.Public, []string{witnessName}},
		{"/api/v1/statements/" + f.internalStmt, docket.Internal, []string{internalAlias}},
		{"/api/v1/statements/" + f.secretStmt, docket.Confidential, []string{secretAlias}},
		{"/entity/person-akberdiyeva", docket.Public, []string{internalAlias, secretAlias, witnessName}},
	}
	for _, v := range f.viewers() {
		t.Run(v.name, func(t *testing.T) {
			for _, c := range checks {
				r := v.client.Get(t, c.path)
				want := http.StatusOK
				if c.needs > v.level {
					want = http.StatusNotFound
				}
				if r.Status != want {
					t.Errorf("GET %s as %s status = %d, want %d; body: %s", c.path, v.name, r.Status, want, clip(r.Body))
				}
				for m, level := range markerLevel {
					if level > v.level && bytes.Contains(r.Body, []byte(m)) {
						t.Errorf("GET %s as %s shows %q (%s), which it may not see: %s", c.path, v.name, m, level, clip(r.Body))
					}
				}
				for _, m := range c.shows {
					if markerLevel[m] <= v.level && !bytes.Contains(r.Body, []byte(m)) {
						t.Errorf("GET %s as %s does not show %q (%s)", c.path, v.name, m, markerLevel[m])
					}
				}
			}

			// Staff find the aliases; the uncleared only the internal one.
			var res searchResult
			v.client.Get(t, "/api/v1/search?q=Alias").Want(t, http.StatusOK).Decode(t, &res)
			switch {
			case v.level == docket.Public && len(res.Hits) != 0:
				t.Errorf("GET /api/v1/search?q=Alias as %s: %d hits, want none", v.name, len(res.Hits))
			case v.level > docket.Public && (len(res.Hits) == 0 || res.Hits[0].Entity.ID != demo.Akberdiyeva):
				t.Errorf("GET /api/v1/search?q=Alias as %s: hits %+v, want %s", v.name, res.Hits, demo.Akberdiyeva)
			case v.level == docket.Internal && res.Hits[0].Snippet != internalAlias:
				t.Errorf("GET /api/v1/search?q=Alias as %s: snippet %q, want %q", v.name, res.Hits[0].Snippet, internalAlias)
			}
		})
	}

	// An entity or statement the viewer may not see answers exactly as one that does not exist.
	t.Run("HiddenIsAbsent", func(t *testing.T) {
		paths := []struct{ path, id string }{
			{"/api/v1/entities/%s", f.witness},
			{"/api/v1/entities/%s/referrers", f.witness},
			{"/api/v1/entities/%s/history", f.witness},
			{"/api/v1/statements/%s", f.secretStmt},
		}
		for _, v := range f.viewers() {
			if v.level == docket.Confidential {
				continue
			}
			for _, p := range paths {
				hidden := v.client.Get(t, strings.Replace(p.path, "%s", p.id, 1))
				absent := v.client.Get(t, strings.Replace(p.path, "%s", absentID(p.id), 1))
				hidden.WantError(t, http.StatusNotFound, docket.ENOTFOUND)
				absent.WantError(t, http.StatusNotFound, docket.ENOTFOUND)
				hb := bytes.ReplaceAll(hidden.Body, []byte(p.id), []byte("ID"))
				ab := bytes.ReplaceAll(absent.Body, []byte(absentID(p.id)), []byte("ID"))
				if !bytes.Equal(hb, ab) {
					t.Errorf("as %s, %s answers\n%s\nbut an id that does not exist answers\n%s", v.name, hidden, hb, ab)
				}
				if hidden.Header.Get("Content-Type") != absent.Header.Get("Content-Type") {
					t.Errorf("as %s, %s Content-Type %q, absent id %q", v.name, hidden, hidden.Header.Get("Content-Type"), absent.Header.Get("Content-Type"))
				}
			}
			// Listing the statements of a hidden entity is listing those of no entity.
			var hl, al statementList
			v.client.Get(t, "/api/v1/statements?entity="+f.witness).Want(t, http.StatusOK).Decode(t, &hl)
			v.client.Get(t, "/api/v1/statements?entity="+absentID(f.witness)).Want(t, http.StatusOK).Decode(t, &al)
			if hl.Total != 0 || len(hl.Statements) != 0 || al.Total != 0 {
				t.Errorf("as %s, statements of the witness: %d of %d, want none", v.name, len(hl.Statements), hl.Total)
			}
		}
	})

	// Writing through an id must not tell an uncleared editor more than reading it does.
	t.Run("HiddenIsAbsentToWrites", func(t *testing.T) {
		var own docket.Entity
		f.editor.Post(t, "/api/v1/entities", map[string]any{"schema": "Person", "statements": []map[string]any{
			{"property": "name", "value": "Editor's Own Person", "source": demo.PressRelease},
		}}).Want(t, http.StatusCreated).Decode(t, &own)
		writes := []struct {
			name       string
			path, body string // %s is the hidden or absent id
		}{
			{"AddStatement", "/api/v1/entities/%s/statements", `{"statements":[{"property":"occupation","value":"x","source":"` + demo.PressRelease + `"}]}`},
			{"Merge", "/api/v1/merges", `{"into":"%s","from":"` + own.ID + `","reason":"same"}`},
			{"Unmerge", "/api/v1/entities/%s/unmerge", `{"reason":"not the same"}`},
			{"Retract", "/api/v1/statements/%s/retract", `{"reason":"wrong"}`},
			{"Correct", "/api/v1/statements/%s/correct", `{"value":"y","reason":"wrong"}`},
			{"Status", "/api/v1/statements/%s/status", `{"status":"verified"}`},
			// A ref to a hidden entity must fail as a ref to no entity does, word for word.
			{"RefTo", "/api/v1/entities/" + own.ID + "/statements", `{"statements":[{"property":"relative","value":"%s","source":"` + demo.PressRelease + `"}]}`},
			{"TextEqualToID", "/api/v1/entities/" + own.ID + "/statements", `{"statements":[{"property":"occupation","value":"%s","source":"` + demo.PressRelease + `"}]}`},
		}
		sub := func(s, id string) string { return strings.ReplaceAll(s, "%s", id) }
		for _, w := range writes {
			t.Run(w.name, func(t *testing.T) {
				id := f.witness
				if strings.HasPrefix(w.path, "/api/v1/statements/") {
					id = f.secretStmt
				}
				before := MustCountChanges(t, f.db)
				hidden := f.editor.Post(t, sub(w.path, id), sub(w.body, id))
				if w.name == "TextEqualToID" {
					// Any short text may be an occupation; that it equals the id of an entity the
					// editor may not see must make no difference, or the answer tells that the
					// entity exists.
					if hidden.Status != http.StatusCreated {
						t.Errorf("%s with an occupation equal to the id of an entity hidden from the editor: status = %d, want 201 as for any other text; body: %s",
							hidden, hidden.Status, clip(hidden.Body))
					}
					return
				}
				absent := f.editor.Post(t, sub(w.path, absentID(id)), sub(w.body, absentID(id)))
				if hidden.Status < 400 {
					t.Errorf("%s as an uncleared editor succeeded (%d)", hidden, hidden.Status)
				}
				hb := bytes.ReplaceAll(hidden.Body, []byte(id), []byte("ID"))
				ab := bytes.ReplaceAll(absent.Body, []byte(absentID(id)), []byte("ID"))
				if hidden.Status != absent.Status || !bytes.Equal(hb, ab) {
					t.Errorf("%s as an uncleared editor, through an id hidden from it, answers %d\n%s\nbut through an id that does not exist %d\n%s",
						hidden, hidden.Status, hb, absent.Status, ab)
				}
				if n := MustCountChanges(t, f.db) - before; n != 0 {
					t.Errorf("failed writes through hidden and absent ids added %d changes", n)
				}
			})
		}
	})

	// An editor without clearance may not create what it may not see, and an answer that says
	// a write failed must mean that nothing was written.
	t.Run("UnclearedCreatesConfidential", func(t *testing.T) {
		for _, body := range []map[string]any{
			{"schema": "Person", "sensitivity": "confidential"},
			{"schema": "Person", "sensitivity": "confidential", "statements": []map[string]any{
				{"property": "name", "value": "Another Witness", "source": demo.PressRelease, "sensitivity": "confidential"}}},
		} {
			before := MustCountChanges(t, f.db)
			r := f.editor.Post(t, "/api/v1/entities", body)
			n := MustCountChanges(t, f.db) - before
			switch {
			case r.Status >= 400 && n != 0:
				t.Errorf("POST /api/v1/entities %v as an editor without clearance answers %d but committed %d change(s): the client is told the write failed, yet a confidential entity it can neither see nor remove now exists; body: %s",
					body, r.Status, n, clip(r.Body))
			case r.Status != http.StatusForbidden && r.Status != http.StatusBadRequest:
				t.Errorf("POST /api/v1/entities %v as an editor without clearance status = %d, want 403 or 400 (it may not create what it may not see); body: %s",
					body, r.Status, clip(r.Body))
			}
		}
	})
}

// TestAPI_Write covers authentication, validation and the successful writes.
func TestAPI_Write(t *testing.T) {
	db, s := MustOpenDemoServer(t)
	anon := Client{Base: s.URL()}
	viewer := Client{Base: s.URL(), Token: MustCreateToken(t, db, "reader", docket.Reader, false)}
	researcher := Client{Base: s.URL(), Token: MustCreateToken(t, db, "researcher", docket.Researcher, false)}
	editor := Client{Base: s.URL(), Token: MustCreateToken(t, db, "editor", docket.Editor, false)}
	person := map[string]any{"schema": "Person", "statements": []map[string]any{
		{"property": "name", "value": "Test Person", "source": demo.PressRelease},
	}}

	t.Run("Errors", func(t *testing.T) {
		before := MustCountChanges(t, db)

		t.Run("NoToken", func(t *testing.T) {
			r := anon.Post(t, "/api/v1/entities", person)
			r.WantError(t, http.StatusUnauthorized, docket.EUNAUTHORIZED)
			if h := r.Header.Get("WWW-Authenticate"); !strings.HasPrefix(h, "Bearer") {
				t.Errorf("%s WWW-Authenticate = %q, want a Bearer challenge", r, h)
			}
		})
		t.Run("BadToken", func(t *testing.T) {
			for _, auth := range []string{"Bearer dkt_nosuchtoken", "Bearer ", "Basic dXNlcjpwYXNz", "dkt_nosuchtoken"} {
				c := Client{Base: s.URL(), Authorization: auth}
				for _, r := range []*Response{c.Post(t, "/api/v1/entities", person), c.Get(t, "/api/v1/entities")} {
					if r.Status != http.StatusUnauthorized {
						t.Errorf("%s with Authorization %q status = %d, want 401", r, auth, r.Status)
						continue
					}
					r.WantError(t, http.StatusUnauthorized, docket.EUNAUTHORIZED)
					if r.Header.Get("WWW-Authenticate") == "" {
						t.Errorf("%s with Authorization %q has no WWW-Authenticate header", r, auth)
					}
				}
			}
		})
		t.Run("Forbidden", func(t *testing.T) {
			viewer.Post(t, "/api/v1/entities", person).WantError(t, http.StatusForbidden, docket.EFORBIDDEN)
			viewer.Post(t, "/api/v1/sources", map[string]any{"title": "T"}).WantError(t, http.StatusForbidden, docket.EFORBIDDEN)
			// A researcher adds, but only an editor retracts or merges.
			researcher.Post(t, "/api/v1/statements/nosuch/retract", map[string]any{"reason": "r"}).WantError(t, http.StatusForbidden, docket.EFORBIDDEN)
			researcher.Post(t, "/api/v1/merges", map[string]any{"into": demo.Baiturova, "from": demo.Nagashibayev, "reason": "r"}).
				WantError(t, http.StatusForbidden, docket.EFORBIDDEN)
		})
		t.Run("MalformedJSON", func(t *testing.T) {
			body := `{"schema": Person}`
			msg := editor.Post(t, "/api/v1/entities", body).WantError(t, http.StatusBadRequest, docket.EINVALID)
			// The decoder stops after reading the P, the 12th byte.
			if !strings.Contains(msg, "byte 12") {
				t.Errorf("POST /api/v1/entities %s: message %q does not give the byte offset of the error (12)", body, msg)
			}
			for _, body := range []string{"", `{"schema": "Person"`, `{"schema": "Person"} {}`, `[1]`} {
				editor.Post(t, "/api/v1/entities", body).WantError(t, http.StatusBadRequest, docket.EINVALID)
			}
		})
		for _, tt := range []struct {
			name, path string
			body       any
			mentions   string
		}{
			{"UnknownField", "/api/v1/entities", `{"schema": "Person", "nmae": "X"}`, `"nmae"`},
			{"UnknownStatementField", "/api/v1/entities/person-akberdiyeva/statements", `{"statements": [{"property": "name", "value": "X", "sorce": "y"}]}`, `"sorce"`},
			{"WrongJSONType", "/api/v1/entities", `{"schema": 5}`, `schema`},
			{"UnknownSensitivity", "/api/v1/entities", `{"schema": "Person", "sensitivity": "secret"}`, `"secret"`},
			{"UnknownSchema", "/api/v1/entities", map[string]any{"schema": "Persn"}, `"Persn"`},
			{"UnknownProperty", "/api/v1/entities", map[string]any{"schema": "Person", "statements": []map[string]any{
				{"property": "nme", "value": "X", "source": demo.PressRelease}}}, `"nme"`},
			{"ImpossibleDate", "/api/v1/entities/person-akberdiyeva/statements", map[string]any{"statements": []map[string]any{
				{"property": "birthDate", "value": "2019-02-30", "source": demo.PressRelease}}}, `2019-02-30`},
			{"NotANumber", "/api/v1/entities/statistic-kz-convictions/statements", map[string]any{"statements": []map[string]any{
				{"property": "value", "value": "ninety", "source": demo.PressRelease}}}, `ninety`},
			{"NoSuchRef", "/api/v1/entities/person-akberdiyeva/statements", map[string]any{"statements": []map[string]any{
				{"property": "spouse", "value": "person-nobody", "source": demo.PressRelease}}}, `person-nobody`},
			{"NoSuchSource", "/api/v1/entities/person-akberdiyeva/statements", map[string]any{"statements": []map[string]any{
				{"property": "occupation", "value": "x", "source": "src-nowhere"}}}, `src-nowhere`},
			{"NoStatements", "/api/v1/entities/person-akberdiyeva/statements", map[string]any{"statements": []map[string]any{}}, `statements`},
			{"BadSourceURL", "/api/v1/sources", map[string]any{"url": "javascript:alert(1)"}, `url`},
			{"SecondBadInBatch", "/api/v1/entities/person-akberdiyeva/statements", map[string]any{"statements": []map[string]any{
				{"property": "occupation", "value": "fine", "source": demo.PressRelease},
				{"property": "birthDate", "value": "2019-13-01", "source": demo.PressRelease}}}, `2019-13-01`},
		} {
			t.Run(tt.name, func(t *testing.T) {
				msg := editor.Post(t, tt.path, tt.body).WantError(t, http.StatusBadRequest, docket.EINVALID)
				if !strings.Contains(msg, tt.mentions) {
					t.Errorf("POST %s: message %q does not mention %s", tt.path, msg, tt.mentions)
				}
			})
		}
		t.Run("TooLarge", func(t *testing.T) {
			big := `{"schema": "Person", "statements": [{"property": "description", "value": "` + strings.Repeat("x", dockethttp.MaxBodySize) + `"}]}`
			editor.Post(t, "/api/v1/entities", big).WantError(t, http.StatusRequestEntityTooLarge, docket.ETOOLARGE)
		})
		t.Run("NothingWritten", func(t *testing.T) {
			if after := MustCountChanges(t, db); after != before {
				t.Errorf("change count = %d after failed writes, want %d", after, before)
			}
		})
	})

	t.Run("UnknownPath", func(t *testing.T) {
		for _, r := range []*Response{
			anon.Get(t, "/api/v1/nothing"),
			anon.Get(t, "/api/v2/entities"),
			editor.Post(t, "/api/v1/entities/person-akberdiyeva", `{}`),
		} {
			r.WantError(t, http.StatusNotFound, docket.ENOTFOUND)
		}
	})

	t.Run("Flow", func(t *testing.T) {
		var src docket.Source
		editor.Post(t, "/api/v1/sources", map[string]any{"url": "https://example.org/news/1", "title": "A report", "type": "news",
			"published": "2020-01-02", "sensitivity": "public"}).Want(t, http.StatusCreated).Decode(t, &src)
		if src.ID == "" || !docket.IsAuthorID(src.Author) || src.Sensitivity != docket.Public {
			t.Fatalf("POST /api/v1/sources = %+v, want an id, an author id, public", src)
		}

		var a docket.Entity
		editor.Post(t, "/api/v1/entities", map[string]any{"schema": "Person", "statements": []map[string]any{
			{"property": "name", "value": "  Aidos   Testov ", "source": src.ID, "sensitivity": "public"},
		}}).Want(t, http.StatusCreated).Decode(t, &a)
		if a.ID == "" || a.Schema != "Person" || a.Caption != "Aidos Testov" || len(a.Statements) != 1 {
			t.Fatalf("POST /api/v1/entities = %+v, want Person Aidos Testov with one statement", a)
		}
		if st := a.Statements[0]; st.Status != docket.Reported || st.Source != src.ID || st.Author != src.Author {
			t.Errorf("new statement = %+v, want reported, from %s, by the editor's author %s", st, src.ID, src.Author)
		}

		var added statementList
		researcher.Post(t, "/api/v1/entities/"+a.ID+"/statements", map[string]any{"statements": []map[string]any{
			{"property": "occupation", "value": "teacher", "source": src.ID, "sensitivity": "public"},
		}}).Want(t, http.StatusCreated).Decode(t, &added)
		if len(added.Statements) != 1 || added.Statements[0].ID == "" || added.Statements[0].Value != "teacher" {
			t.Fatalf("POST statements = %+v, want one occupation statement", added.Statements)
		}
		old := added.Statements[0]
		// A researcher's fact is a draft until an editor reviews it, however it is sent.
		if old.Status != docket.Draft {
			t.Fatalf("a researcher's sourced statement is %s, want draft", old.Status)
		}
		editor.Post(t, "/api/v1/statements/"+old.ID+"/status", map[string]any{"status": "reported"}).Want(t, http.StatusOK)

		var repl docket.Statement
		editor.Post(t, "/api/v1/statements/"+old.ID+"/correct", map[string]any{"value": "journalist", "reason": "misread"}).
			Want(t, http.StatusCreated).Decode(t, &repl)
		if repl.ID == "" || repl.ID == old.ID || repl.Value != "journalist" || repl.Supersedes != old.ID || repl.Property != "occupation" {
			t.Fatalf("correct = %+v, want a new occupation statement journalist superseding %s", repl, old.ID)
		}
		var was docket.Statement
		anon.Get(t, "/api/v1/statements/"+old.ID).Want(t, http.StatusOK).Decode(t, &was)
		if was.Retraction == nil || was.Retraction.Reason != "misread" || was.SupersededBy != repl.ID {
			t.Errorf("GET corrected statement = %+v, want a retraction and superseded_by %s", was, repl.ID)
		}
		editor.Post(t, "/api/v1/statements/"+old.ID+"/correct", map[string]any{"value": "x", "reason": "again"}).
			WantError(t, http.StatusConflict, docket.ECONFLICT)

		msg := editor.Post(t, "/api/v1/statements/"+repl.ID+"/retract", `{}`).WantError(t, http.StatusBadRequest, docket.EINVALID)
		if !strings.Contains(msg, "reason") {
			t.Errorf("retract without reason: message %q does not ask for a reason", msg)
		}
		editor.Post(t, "/api/v1/statements/"+repl.ID+"/retract", `{"reason": "  "}`).WantError(t, http.StatusBadRequest, docket.EINVALID)
		var gone docket.Statement
		editor.Post(t, "/api/v1/statements/"+repl.ID+"/retract", map[string]any{"reason": "not in the source"}).
			Want(t, http.StatusOK).Decode(t, &gone)
		if gone.Retraction == nil || gone.Retraction.Reason != "not in the source" {
			t.Errorf("retract = %+v, want the statement with its retraction", gone)
		}
		editor.Post(t, "/api/v1/statements/"+repl.ID+"/retract", map[string]any{"reason": "twice"}).WantError(t, http.StatusConflict, docket.ECONFLICT)
		var now docket.Entity
		anon.Get(t, "/api/v1/entities/"+a.ID).Want(t, http.StatusOK).Decode(t, &now)
		if len(now.Values("occupation")) != 0 {
			t.Errorf("entity after retraction has occupation %v, want none", now.Values("occupation"))
		}

		var b docket.Entity
		editor.Post(t, "/api/v1/entities", map[string]any{"schema": "Person", "statements": []map[string]any{
			{"property": "name", "value": "A. Testov", "source": src.ID, "sensitivity": "public"},
		}}).Want(t, http.StatusCreated).Decode(t, &b)
		var m docket.Merge
		editor.Post(t, "/api/v1/merges", map[string]any{"into": a.ID, "from": b.ID, "reason": "same person"}).
			Want(t, http.StatusCreated).Decode(t, &m)
		if m.ID == "" || m.Into != a.ID || m.From != b.ID || m.UndoneAt != nil {
			t.Fatalf("merge = %+v, want %s into %s", m, b.ID, a.ID)
		}
		var merged docket.Entity
		anon.Get(t, "/api/v1/entities/"+b.ID).Want(t, http.StatusOK).Decode(t, &merged)
		if merged.ID != a.ID || !slices.Contains(merged.Merged, b.ID) || !slices.Contains(merged.Values("name"), "A. Testov") {
			t.Errorf("GET merged entity = %s merged %v names %v, want %s with %s merged and both names", merged.ID, merged.Merged, merged.Values("name"), a.ID, b.ID)
		}
		editor.Post(t, "/api/v1/merges", map[string]any{"into": a.ID, "from": b.ID, "reason": "again"}).WantError(t, http.StatusConflict, docket.ECONFLICT)
		editor.Post(t, "/api/v1/merges", map[string]any{"into": a.ID, "from": demo.AktauCityCourt, "reason": "r"}).WantError(t, http.StatusBadRequest, docket.EINVALID)
		editor.Post(t, "/api/v1/entities/"+b.ID+"/unmerge", `{}`).WantError(t, http.StatusBadRequest, docket.EINVALID)
		var um docket.Merge
		editor.Post(t, "/api/v1/entities/"+b.ID+"/unmerge", map[string]any{"reason": "different people"}).Want(t, http.StatusOK).Decode(t, &um)
		if um.ID != m.ID || um.UndoneAt == nil {
			t.Errorf("unmerge = %+v, want merge %s undone", um, m.ID)
		}
		var apart docket.Entity
		anon.Get(t, "/api/v1/entities/"+b.ID).Want(t, http.StatusOK).Decode(t, &apart)
		if apart.ID != b.ID || len(apart.Merged) != 0 {
			t.Errorf("GET unmerged entity = %s merged %v, want %s alone", apart.ID, apart.Merged, b.ID)
		}
		editor.Post(t, "/api/v1/entities/"+b.ID+"/unmerge", map[string]any{"reason": "again"}).WantError(t, http.StatusNotFound, docket.ENOTFOUND)

		name := a.Statements[0].ID
		var st docket.Statement
		editor.Post(t, "/api/v1/statements/"+name+"/status", map[string]any{"status": "verified"}).Want(t, http.StatusOK).Decode(t, &st)
		if st.ID != name || st.Status != docket.Verified {
			t.Errorf("status = %+v, want %s verified", st, name)
		}
		editor.Post(t, "/api/v1/statements/"+name+"/status", map[string]any{"status": "checked"}).WantError(t, http.StatusBadRequest, docket.EINVALID)
		editor.Post(t, "/api/v1/statements/"+name+"/status", map[string]any{"status": "corroborated"}).WantError(t, http.StatusBadRequest, docket.EINVALID)
		editor.Post(t, "/api/v1/statements/nosuch/status", map[string]any{"status": "verified"}).WantError(t, http.StatusNotFound, docket.ENOTFOUND)

		// History shows every change to the entity, with its record.
		var hist struct {
			Changes []struct {
				Kind   string          `json:"kind"`
				Ref    string          `json:"ref"`
				Record json.RawMessage `json:"record"`
			} `json:"changes"`
		}
		anon.Get(t, "/api/v1/entities/"+a.ID+"/history").Want(t, http.StatusOK).Decode(t, &hist)
		var kinds []string
		for _, c := range hist.Changes {
			kinds = append(kinds, c.Kind)
			var rec struct {
				Kind string `json:"kind"`
			}
			if err := json.Unmarshal(c.Record, &rec); err != nil || rec.Kind != c.Kind {
				t.Errorf("history change %s %s has record %s", c.Kind, c.Ref, c.Record)
			}
		}
		for _, k := range []string{docket.KindEntity, docket.KindStatement, docket.KindRetraction, docket.KindStatus, docket.KindMerge, docket.KindUnmerge} {
			if !slices.Contains(kinds, k) {
				t.Errorf("history of %s has kinds %v, want a %s", a.ID, kinds, k)
			}
		}
	})

	t.Run("Pagination", func(t *testing.T) {
		var l entityList
		anon.Get(t, "/api/v1/entities?limit=2").Want(t, http.StatusOK).Decode(t, &l)
		if len(l.Entities) != 2 || l.Total <= 2 {
			t.Errorf("GET /api/v1/entities?limit=2: %d entities of %d, want 2 of more than 2", len(l.Entities), l.Total)
		}
		var next entityList
		anon.Get(t, "/api/v1/entities?limit=2&offset=2").Want(t, http.StatusOK).Decode(t, &next)
		if len(next.Entities) != 2 || next.Total != l.Total || next.Entities[0].ID == l.Entities[0].ID || next.Entities[0].ID == l.Entities[1].ID {
			t.Errorf("GET /api/v1/entities?limit=2&offset=2: %v of %d, want the next 2 of %d after %v", ids(next.Entities), next.Total, l.Total, ids(l.Entities))
		}
		var ss statementList
		anon.Get(t, "/api/v1/statements?entity=person-akberdiyeva&limit=1").Want(t, http.StatusOK).Decode(t, &ss)
		if len(ss.Statements) != 1 || ss.Total < 2 {
			t.Errorf("GET /api/v1/statements?limit=1: %d of %d, want 1 of several", len(ss.Statements), ss.Total)
		}
		for _, q := range []string{"limit=abc", "limit=-1", "offset=x", "limit=1001"} {
			for _, p := range []string{"/api/v1/entities", "/api/v1/statements", "/api/v1/sources", "/api/v1/search?q=Aktau&"} {
				path := p + "?" + q
				if strings.HasSuffix(p, "&") {
					path = p + q
				}
				msg := anon.Get(t, path).WantError(t, http.StatusBadRequest, docket.EINVALID)
				if name, _, _ := strings.Cut(q, "="); !strings.Contains(msg, name) {
					t.Errorf("GET %s: message %q does not name %s", path, msg, name)
				}
			}
		}
		anon.Get(t, "/api/v1/entities?schema=Persn").WantError(t, http.StatusBadRequest, docket.EINVALID)
		anon.Get(t, "/api/v1/statements?status=checked").WantError(t, http.StatusBadRequest, docket.EINVALID)
	})
}

// TestPages_Render covers the server-rendered pages.
func TestPages_Render(t *testing.T) {
	f := mustOpenSensitive(t)
	anon := f.anon

	wantHTML := func(t *testing.T, r *Response, status int) string {
		t.Helper()
		r.Want(t, status)
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
			t.Errorf("%s Content-Type = %q, want text/html", r, ct)
		}
		return string(r.Body)
	}

	t.Run("Home", func(t *testing.T) {
		body := wantHTML(t, anon.Get(t, "/"), http.StatusOK)
		if !regexp.MustCompile(`<a href="/entity/[A-Za-z0-9._-]+">`).MatchString(body) {
			t.Errorf("GET / has no link to an entity:\n%s", clip([]byte(body)))
		}
		if strings.Contains(body, witnessName) {
			t.Errorf("GET / shows the confidential witness")
		}
	})
	t.Run("Search", func(t *testing.T) {
		body := wantHTML(t, anon.Get(t, "/search?q=Bayturova"), http.StatusOK)
		if !strings.Contains(body, "Gulnara Baiturova") || !strings.Contains(body, `href="/entity/person-baiturova"`) {
			t.Errorf("GET /search?q=Bayturova does not link Gulnara Baiturova:\n%s", clip([]byte(body)))
		}
		body = wantHTML(t, anon.Get(t, "/search?q=%22unclosed"), http.StatusOK)
		if !strings.Contains(body, `role="alert"`) {
			t.Errorf("GET /search?q=\"unclosed shows no error")
		}
		body = wantHTML(t, anon.Get(t, "/search?q=%3Cscript%3Ealert(1)%3C/script%3E"), http.StatusOK)
		if strings.Contains(body, "<script>alert(1)") {
			t.Errorf("GET /search echoes the query unescaped")
		}
	})
	t.Run("Entity", func(t *testing.T) {
		body := wantHTML(t, anon.Get(t, "/entity/person-akberdiyeva"), http.StatusOK)
		for _, want := range []string{
			"<h1>Aigul Akberdiyeva<sup class=\"fn\">",
			`<sup class="fn"><a href="#fn1"`, `<li id="fn1" value="1">`,
			// The press release is the source cited without a footnote of its own.
			"Kazakhstani judges subjected to persecution following the acquittal of a victim of a politically motivated case",
			`href="/entity/proceeding-akberdiyeva-1"`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("GET /entity/person-akberdiyeva lacks %s", want)
			}
		}
		for _, m := range []string{internalAlias, secretAlias, witnessName} {
			if strings.Contains(body, m) {
				t.Errorf("GET /entity/person-akberdiyeva as anonymous shows %q", m)
			}
		}
		// The removal cites the press release and two of its footnotes' sources.
		body = wantHTML(t, anon.Get(t, "/entity/"+demo.Removal), http.StatusOK)
		for _, want := range []string{`<li id="fn1" value="1">`, `<li id="fn2" value="2">`, `<li id="fn3" value="3">`, `href="#fn3"`, "https://tumba.kz/41092.html"} {
			if !strings.Contains(body, want) {
				t.Errorf("GET /entity/%s lacks %s", demo.Removal, want)
			}
		}
	})
	t.Run("HiddenEntity", func(t *testing.T) {
		for _, v := range f.viewers() {
			r := v.client.Do(t, "GET", "/entity/"+f.witness, nil)
			if v.level == docket.Confidential {
				if body := wantHTML(t, r, http.StatusOK); !strings.Contains(body, witnessName) {
					t.Errorf("GET /entity/{witness} as %s lacks the witness's name", v.name)
				}
				continue
			}
			if r.Status != http.StatusNotFound || bytes.Contains(r.Body, []byte(witnessName)) {
				t.Errorf("GET /entity/{witness} as %s status = %d, want 404 without the witness's name; body: %s", v.name, r.Status, clip(r.Body))
			}
		}
		req, _ := http.NewRequest("GET", f.s.URL()+"/entity/"+f.witness, nil)
		req.Header.Set("Accept", "text/html")
		resp, err := httpClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || bytes.Contains(body, []byte(witnessName)) {
			t.Errorf("GET /entity/{witness} Accept: text/html = %d %s, want a 404 page without the name; body: %s", resp.StatusCode, resp.Header.Get("Content-Type"), clip(body))
		}
	})
	t.Run("Headers", func(t *testing.T) {
		for _, path := range []string{"/", "/search?q=Aktau", "/entity/person-akberdiyeva", "/entity/nosuch", "/api/v1/entities", "/api/v1/nothing", "/api/v1/openapi.json"} {
			r := anon.Get(t, path)
			if got := r.Header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("GET %s X-Content-Type-Options = %q, want nosniff", path, got)
			}
			if csp := r.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'") {
				t.Errorf("GET %s Content-Security-Policy = %q, want default-src 'self' and frame-ancestors 'none'", path, csp)
			}
		}
		// Errors before routing (a bad token) carry them too.
		r := Client{Base: f.s.URL(), Token: "wrong"}.Get(t, "/")
		if r.Header.Get("X-Content-Type-Options") != "nosniff" || r.Header.Get("Content-Security-Policy") == "" {
			t.Errorf("GET / with a bad token lacks the safety headers: %v", r.Header)
		}
	})
}
