package http_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/auth"
	"github.com/docketorg/docket/demo"
	dockethttp "github.com/docketorg/docket/http"
	"github.com/docketorg/docket/internal/storetest"
	"github.com/docketorg/docket/sqlite"
)

// TestHiddenIDs: a confidential record merged into a public one, and a confidential source that a
// public fact cites, answer by their ids, on every route, to everyone not cleared, exactly as ids
// that never existed.
func TestHiddenIDs(t *testing.T) {
	db, s := MustOpenDemoServer(t)
	ctx := context.Background()
	op := docket.Operator("test")
	old := &docket.Entity{Schema: "Person", Sensitivity: docket.Confidential}
	if err := db.CreateEntity(ctx, op, old, []*docket.Statement{{Property: "name", Value: "Secretus Mergedov", Source: demo.PressRelease, Sensitivity: docket.Confidential}}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.MergeEntities(ctx, op, demo.Baiturova, old.ID, "the same judge"); err != nil {
		t.Fatal(err)
	}
	src := &docket.Source{URL: "https://example.org/hidden-testimony", Title: "Testimony of a witness", Sensitivity: docket.Confidential}
	if err := db.CreateSource(ctx, op, src); err != nil {
		t.Fatal(err)
	}
	if err := db.AddStatements(ctx, op, []*docket.Statement{{Entity: demo.Akberdiyeva, Property: "description",
		Value: "Detained on a witness's word", Source: src.ID, Sensitivity: docket.Public}}); err != nil {
		t.Fatal(err)
	}
	absent, absentSrc := strings.Repeat("z", len(old.ID)), strings.Repeat("y", len(src.ID))
	editorPw := MustUser(t, db, "merge-editor", docket.Editor, false)
	clearedPw := MustUser(t, db, "merge-cleared", docket.Editor, true)
	type asker struct {
		name    string
		web     *http.Client
		api     Client
		cleared bool
	}
	askers := []asker{
		{"anonymous", &http.Client{Timeout: httpClient.Timeout}, Client{Base: s.URL()}, false},
		{"editor", MustLogin(t, s.URL(), "merge-editor", editorPw), Client{Base: s.URL(), Token: MustCreateToken(t, db, "merge-editor-token", docket.Editor, false)}, false},
		{"cleared", MustLogin(t, s.URL(), "merge-cleared", clearedPw), Client{Base: s.URL(), Token: MustCreateToken(t, db, "merge-cleared-token", docket.Editor, true)}, true},
	}
	routes := []struct {
		path string
		api  bool
	}{
		{"/entity/ID", false}, {"/entity/ID/history", false},
		{"/api/v1/entities/ID", true}, {"/api/v1/entities/ID/history", true}, {"/api/v1/entities/ID/referrers", true},
		{"/api/v1/entities?refers_to=ID", true}, {"/api/v1/statements?entity=ID", true},
		{"/source/SRC", false}, {"/api/v1/sources/SRC", true}, {"/api/v1/statements?source=SRC", true},
	}
	get := func(a asker, path string, api bool) (int, []byte) {
		if api {
			r := a.api.Get(t, path)
			return r.Status, r.Body
		}
		c := *a.web
		c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		req, _ := http.NewRequest("GET", s.URL()+path, nil)
		req.Header.Set("Accept", "text/html")
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b bytes.Buffer
		b.ReadFrom(resp.Body)
		return resp.StatusCode, bytes.ReplaceAll(b.Bytes(), []byte(resp.Header.Get("Location")), nil)
	}
	for _, a := range askers {
		for _, r := range routes {
			hs, hidden := get(a, strings.NewReplacer("ID", old.ID, "SRC", src.ID).Replace(r.path), r.api)
			as, gone := get(a, strings.NewReplacer("ID", absent, "SRC", absentSrc).Replace(r.path), r.api)
			hidden = bytes.ReplaceAll(bytes.ReplaceAll(hidden, []byte(old.ID), []byte("ID")), []byte(src.ID), []byte("SRC"))
			gone = bytes.ReplaceAll(bytes.ReplaceAll(gone, []byte(absent), []byte("ID")), []byte(absentSrc), []byte("SRC"))
			if a.cleared {
				if hs == as && bytes.Equal(hidden, gone) {
					t.Errorf("%s as the cleared: the merged id answers as an unknown one (%d)", r.path, hs)
				}
				continue
			}
			if hs != as || !bytes.Equal(hidden, gone) {
				t.Errorf("%s as %s: the merged confidential id answers %d\n%s\nbut an unknown id %d\n%s", r.path, a.name, hs, clip(hidden), as, clip(gone))
			}
			if bytes.Contains(hidden, []byte("Secretus")) || bytes.Contains(hidden, []byte(demo.Baiturova)) || bytes.Contains(hidden, []byte("witness")) {
				t.Errorf("%s as %s reveals the merge", r.path, a.name)
			}
		}
	}
}

// TestWrite_Busy: while another program writes the store (an import), a write through the API
// is refused with 503 and Retry-After, not a 500 or a wait without end.
func TestWrite_Busy(t *testing.T) {
	path := filepath.Join(t.TempDir(), "docket.db")
	db := sqlite.NewDB(path)
	db.DataKey = storetest.DataKey() // the tests record confidential data
	db.WriteWait = 100 * time.Millisecond
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := demo.Load(context.Background(), db, docket.Operator("test")); err != nil {
		t.Fatal(err)
	}
	s := dockethttp.NewServer(db)
	s.Addr = "127.0.0.1:0"
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	editor := Client{Base: s.URL(), Token: MustCreateToken(t, db, "busy-editor", docket.Editor, false)}
	other, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}
	r := editor.Post(t, "/api/v1/entities/"+demo.Akberdiyeva+"/statements", map[string]any{"statements": []map[string]any{
		{"property": "occupation", "value": "activist", "source": demo.PressRelease}}})
	msg := r.WantError(t, http.StatusServiceUnavailable, docket.EUNAVAILABLE)
	if r.Header.Get("Retry-After") == "" || !strings.Contains(msg, "try again") {
		t.Errorf("a busy write: Retry-After %q, message %q", r.Header.Get("Retry-After"), msg)
	}
	// Reads go on.
	Client{Base: s.URL()}.Get(t, "/api/v1/entities/"+demo.Akberdiyeva).Want(t, http.StatusOK)
}

// TestCSRF_NotFromQuery: a form's CSRF token counts only in its body. In the address, it would
// be in logs, in the Referer of the next page and in a link anyone can send.
func TestCSRF_NotFromQuery(t *testing.T) {
	db, s := MustOpenDemoServer(t)
	pw := MustUser(t, db, "csrf-editor", docket.Editor, false)
	c := MustLogin(t, s.URL(), "csrf-editor", pw)
	_, page := getPage(t, c, s.URL()+"/account")
	token := csrfOf(t, page)
	before := MustCountChanges(t, db)
	resp, _ := postForm(t, c, s.URL()+"/entity/"+demo.Akberdiyeva+"/facts?csrf="+url.QueryEscape(token), url.Values{
		"property": {"occupation"}, "value": {"activist"}, "source": {demo.PressRelease}, "sensitivity": {"internal"}})
	if resp.StatusCode != http.StatusForbidden || MustCountChanges(t, db) != before {
		t.Errorf("a form with its CSRF token in the address: %d, and the store changed: %v", resp.StatusCode, MustCountChanges(t, db) != before)
	}
	resp, _ = postForm(t, c, s.URL()+"/entity/"+demo.Akberdiyeva+"/facts", url.Values{"csrf": {token},
		"property": {"occupation"}, "value": {"activist"}, "source": {demo.PressRelease}, "sensitivity": {"internal"}})
	if resp.StatusCode != http.StatusOK || MustCountChanges(t, db) == before {
		t.Errorf("the same form with its token in the body: %d", resp.StatusCode)
	}
}

// TestLogin_UnknownNameTakesAsLong: signing in as a name with no account costs a password check,
// as a wrong password does, so that the time of the answer does not tell who has an account.
// The accounts' hashes have the real costs here; a check skipped is a hundred times faster, so
// the bound below (a quarter) holds on any machine.
func TestLogin_UnknownNameTakesAsLong(t *testing.T) {
	db, s := MustOpenDemoServer(t)
	h, err := auth.HashPassword("the real password of timed", auth.DefaultParams)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CreateUser(context.Background(), docket.Operator("t"), &docket.User{Name: "timed", Role: docket.Reader}, h); err != nil {
		t.Fatal(err)
	}
	signIn := func(name string) time.Duration {
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar, Timeout: httpClient.Timeout}
		_, page := getPage(t, c, s.URL()+"/login")
		start := time.Now()
		resp, _ := postForm(t, c, s.URL()+"/login", url.Values{"csrf": {csrfOf(t, page)}, "name": {name}, "password": {"a wrong password, long enough"}})
		took := time.Since(start)
		if resp.StatusCode == http.StatusOK && resp.Request.URL.Path != "/login" {
			t.Fatalf("signed in as %s with a wrong password", name)
		}
		return took
	}
	median := func(name func(int) string) time.Duration {
		var ds []time.Duration
		for i := range 3 {
			ds = append(ds, signIn(name(i)))
		}
		slices.Sort(ds)
		return ds[1]
	}
	known := median(func(int) string { return "timed" })
	unknown := median(func(i int) string { return fmt.Sprintf("nobody-%d", i) })
	if unknown < known/4 {
		t.Errorf("signing in as an unknown name took %v, as a known one with a wrong password %v: the answer's time tells who has an account", unknown, known)
	}
}
