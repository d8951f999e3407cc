package http_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/auth"
	"github.com/docketorg/docket/demo"
	dockethttp "github.com/docketorg/docket/http"
	"github.com/docketorg/docket/ingest"
	"github.com/docketorg/docket/internal/pgtest"
	"github.com/docketorg/docket/internal/storetest"
	"github.com/docketorg/docket/postgres"
	"github.com/docketorg/docket/sqlite"
)

// The authorisation matrix: every role, against every action, on every path that offers it
// (the web forms, the API, and the store itself where no HTTP route does), on SQLite and on
// PostgreSQL. A role rule lives below HTTP, so each path must give the same answer; an action
// allowed must change the store, one refused must answer 401 or 403 and change nothing.

// authzStore is what the matrix needs of a backend.
type authzStore interface {
	docket.Store
	Import(ctx context.Context, v docket.Viewer, next func() (*docket.Record, error), progress docket.Progress) (int, error)
}

func authzBackends(t *testing.T) map[string]func(testing.TB) authzStore {
	return map[string]func(testing.TB) authzStore{
		"sqlite": func(tb testing.TB) authzStore {
			db := sqlite.NewDB(filepath.Join(tb.TempDir(), "docket.db"))
			db.DataKey = storetest.DataKey() // the tests record confidential data
			if err := db.Open(); err != nil {
				tb.Fatal(err)
			}
			tb.Cleanup(func() { db.Close() })
			return db
		},
		"postgres": func(tb testing.TB) authzStore {
			db := postgres.NewDB(pgtest.Schema(tb))
			db.DataKey = storetest.DataKey() // the tests record confidential data
			if err := db.Open(); err != nil {
				tb.Fatal(err)
			}
			tb.Cleanup(func() { db.Close() })
			return db
		},
	}
}

// authzVisitor is one role: a browser signed in through the form and an API token.
type authzVisitor struct {
	name    string
	role    docket.Role
	cleared bool
	web     *http.Client
	api     Client
	v       docket.Viewer // as the store sees the role, for the paths without HTTP
}

// may reports whether the role may do what needs min (and clearance when cleared).
func (v *authzVisitor) may(min docket.Role, cleared bool) bool {
	return v.role >= min && (v.cleared || !cleared)
}

type authzFixture struct {
	st   authzStore
	base string
	op   docket.Viewer
	n    int    // makes names unique
	was  string // the state before the action, once its targets are made (see ready)
	// blogger is the defendant of the last document made (see document)
	blogger string
}

// ready notes the state before the action, once its targets are made.
func (f *authzFixture) ready(tb testing.TB) { f.was = f.state(tb) }

// post sends a form as the visitor's browser, with the CSRF token of its session (or, for the
// anonymous, of the sign-in page), and returns the status, without following a redirect.
func (f *authzFixture) post(tb testing.TB, v *authzVisitor, path string, form url.Values) int {
	tb.Helper()
	page := "/account"
	if v.role == docket.Anonymous {
		page = "/login"
	}
	resp, err := v.web.Get(f.base + page)
	if err != nil {
		tb.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := csrfRE.FindSubmatch(body)
	if m == nil {
		tb.Fatalf("%s as %s: no CSRF token:\n%s", page, v.name, clip(body))
	}
	form.Set("csrf", string(m[1]))
	req, _ := http.NewRequest("POST", f.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "text/html")
	c := *v.web
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err = c.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// person makes a person with a sourced draft name, as the operator, and returns the ids of
// the person and of the statement.
func (f *authzFixture) person(tb testing.TB) (string, string) {
	tb.Helper()
	f.n++
	e := &docket.Entity{Schema: "Person"}
	s := &docket.Statement{Property: "name", Value: fmt.Sprintf("Authz Person %d", f.n), Source: demo.PressRelease, Sensitivity: docket.Public, Status: docket.Draft}
	if err := f.st.CreateEntity(context.Background(), f.op, e, []*docket.Statement{s}); err != nil {
		tb.Fatal(err)
	}
	return e.ID, s.ID
}

// state is what the actions change: the change log's head, and the accounts.
func (f *authzFixture) state(tb testing.TB) string {
	tb.Helper()
	ctx := context.Background()
	chs, err := f.st.FindChanges(ctx, f.op, docket.ChangeFilter{Newest: true, Limit: 1})
	if err != nil {
		tb.Fatal(err)
	}
	us, err := f.st.FindUsers(ctx, f.op)
	if err != nil {
		tb.Fatal(err)
	}
	ts, err := f.st.FindTokens(ctx, f.op)
	if err != nil {
		tb.Fatal(err)
	}
	pol, err := f.st.SecondFactorPolicy(ctx, f.op)
	if err != nil {
		tb.Fatal(err)
	}
	out := fmt.Sprintf("changes to %d; second factors of %v %v;", chs[0].Seq, pol.Roles, pol.Cleared)
	for _, u := range us {
		out += fmt.Sprintf(" %s %s %v %s %d", u.Name, u.Role, u.Cleared, u.State, u.Factors)
	}
	for _, t := range ts {
		out += fmt.Sprintf(" token %s %s", t.Name, t.State)
	}
	return out
}

// authzAction is one thing a person may do, by each path that offers it. Each path func acts
// as the visitor on fresh targets and returns the HTTP status, or the store's error code.
type authzAction struct {
	name    string
	min     docket.Role
	cleared bool
	read    bool // it reads: allowed, it answers 200 and changes nothing
	web     func(testing.TB, *authzFixture, *authzVisitor) int
	api     func(testing.TB, *authzFixture, *authzVisitor) int
	store   func(testing.TB, *authzFixture, *authzVisitor) error
}

var authzActions = []authzAction{
	{name: "create record", min: docket.Researcher,
		web: func(tb testing.TB, f *authzFixture, v *authzVisitor) int {
			f.n++
			f.ready(tb)
			return f.post(tb, v, "/new", url.Values{"schema": {"Person"}, "name": {fmt.Sprintf("Authz New %d", f.n)}, "entity_sensitivity": {"internal"},
				"source": {demo.PressRelease}, "sensitivity": {"internal"}})
		},
		api: func(tb testing.TB, f *authzFixture, v *authzVisitor) int {
			f.n++
			f.ready(tb)
			return v.api.Post(tb, "/api/v1/entities", map[string]any{"schema": "Person", "statements": []map[string]any{
				{"property": "name", "value": fmt.Sprintf("Authz New %d", f.n), "source": demo.PressRelease}}}).Status
		}},
	{name: "add fact", min: docket.Researcher,
		web: func(tb testing.TB, f *authzFixture, v *authzVisitor) int {
			e, _ := f.person(tb)
			f.ready(tb)
			return f.post(tb, v, "/entity/"+e+"/facts", url.Values{"property": {"occupation"}, "value": {"lawyer"},
				"source": {demo.PressRelease}, "sensitivity": {"internal"}})
		},
		api: func(tb testing.TB, f *authzFixture, v *authzVisitor) int {
			e, _ := f.person(tb)
			f.ready(tb)
			return v.api.Post(tb, "/api/v1/entities/"+e+"/statements", map[string]any{"statements": []map[string]any{
				{"property": "occupation", "value": "lawyer", "source": demo.PressRelease}}}).Status
		}},
	// Recording a fact as reviewed at once is a review: an editor's.
	{name: "add a reviewed fact", min: docket.Editor,
		web: func(tb testing.TB, f *authzFixture, v *authzVisitor) int {
			e, _ := f.person(tb)
			f.ready(tb)
			return f.post(tb, v, "/entity/"+e+"/facts", url.Values{"property": {"occupation"}, "value": {"lawyer"},
				"source": {demo.PressRelease}, "sensitivity": {"public"}, "status": {"verified"}})
		},
		api: func(tb testing.TB, f *authzFixture, v *authzVisitor) int {
			e, _ := f.person(tb)
			f.ready(tb)
			return v.api.Post(tb, "/api/v1/entities/"+e+"/statements", map[string]any{"statements": []map[string]any{
				{"property": "occupation", "value": "lawyer", "source": demo.PressRelease, "sensitivity": "public", "status": "verified"}}}).Status
		}},
	{name: "create a reviewed record", min: docket.Editor,
		api: func(tb testing.TB, f *authzFixture, v *authzVisitor) int {
			f.n++
			f.ready(tb)
			return v.api.Post(tb, "/api/v1/entities", map[string]any{"schema": "Person", "statements": []map[string]any{
				{"property": "name", "value": fmt.Sprintf("Authz New %d", f.n), "source": demo.PressRelease, "sensitivity": "public", "status": "reported"}}}).Status
		}},
	{name: "review", min: docket.Editor,
		web: func(tb testing.TB, f *authzFixture, v *authzVisitor) int {
			_, s := f.person(tb)
			f.ready(tb)
			return f.post(tb, v, "/statement/"+s+"/review", url.Values{"status": {"reported"}, "next": {"/review"}})
		},
		api: func(tb testing.TB, f *authzFixture, v *authzVisitor) int {
			_, s := f.person(tb)
			f.ready(tb)
			return v.api.Post(tb, "/api/v1/statements/"+s+"/status", map[string]any{"status": "reported"}).Status
		}},
	{name: "correct", min: docket.Editor,
		web: func(tb testing.TB, f *authzFixture, v *authzVisitor) int {
			_, s := f.person(tb)
			f.ready(tb)
			return f.post(tb, v, "/statement/"+s+"/correct", url.Values{"value": {"Authz Corrected"}, "source": {demo.PressRelease},
				"sensitivity": {"public"}, "reason": {"a typo"}})
		},
		api: func(tb testing.TB, f *authzFixture, v *authzVisitor) int {
			_, s := f.person(tb)
			f.ready(tb)
			return v.api.Post(tb, "/api/v1/statements/"+s+"/correct", map[string]any{"value": "Authz Corrected", "reason": "a typo"}).Status
		}},
	{name: "retract", min: docket.Editor,
		web: func(tb testing.TB, f *authzFixture, v *authzVisitor) int {
			_, s := f.person(tb)
			f.ready(tb)
			return f.post(tb, v, "/statement/"+s+"/retract", url.Values{"reason": {"wrong person"}})
		},
		api: func(tb testing.TB, f *authzFixture, v *authzVisitor) int {
			_, s := f.person(tb)
			f.ready(tb)
			return v.api.Post(tb, "/api/v1/statements/"+s+"/retract", map[string]any{"reason": "wrong person"}).Status
		}},
	{name: "merge", min: docket.Editor,
		web: func(tb testing.TB, f *authzFixture, v *authzVisitor) int {
			a, _ := f.person(tb)
			b, _ := f.person(tb)
			f.ready(tb)
			return f.post(tb, v, "/merges", url.Values{"a": {a}, "b": {b}, "keep": {"a"}, "reason": {"the same man"}})
		},
		api: func(tb testing.TB, f *authzFixture, v *authzVisitor) int {
			a, _ := f.person(tb)
			b, _ := f.person(tb)
			f.ready(tb)
			return v.api.Post(tb, "/api/v1/merges", map[string]any{"into": a, "from": b, "reason": "the same man"}).Status
		}},
	{name: "unmerge", min: docket.Editor,
		web: func(tb testing.TB, f *authzFixture, v *authzVisitor) int {
			a, _ := f.person(tb)
			b, _ := f.person(tb)
			if _, err := f.st.MergeEntities(context.Background(), f.op, a, b, "the same man"); err != nil {
				tb.Fatal(err)
			}
			f.ready(tb)
			return f.post(tb, v, "/entity/"+b+"/unmerge", url.Values{"reason": {"two men after all"}})
		},
		api: func(tb testing.TB, f *authzFixture, v *authzVisitor) int {
			a, _ := f.person(tb)
			b, _ := f.person(tb)
			f.ready(tb)
			if _, err := f.st.MergeEntities(context.Background(), f.op, a, b, "the same man"); err != nil {
				tb.Fatal(err)
			}
			f.ready(tb)
			return v.api.Post(tb, "/api/v1/entities/"+b+"/unmerge", map[string]any{"reason": "two men after all"}).Status
		}},
	// An import restores records as they are: a cleared admin's (the operator's, on the command
	// line). No HTTP route offers it.
	{name: "import", min: docket.Admin, cleared: true,
		api: func(tb testing.TB, f *authzFixture, v *authzVisitor) int {
			f.ready(tb)
			return v.api.Post(tb, "/api/v1/import", `{"kind":"entity"}`).Status
		},
		store: func(tb testing.TB, f *authzFixture, v *authzVisitor) error {
			f.n++
			line := fmt.Sprintf(`{"kind":"entity","id":"authz-import-%d","schema":"Person","sensitivity":"internal","author":"a-0000000000000000","created":"2026-01-02T03:04:05Z"}`, f.n)
			f.ready(tb)
			_, err := f.st.Import(context.Background(), v.v, storetest.DecodeLines(line+"\n"), nil)
			return err
		}},
	// A document: uploaded by a researcher, in the web or through the API; its proposals
	// reviewed and its proposed records linked by an editor.
	{name: "upload a document", min: docket.Researcher,
		web: func(tb testing.TB, f *authzFixture, v *authzVisitor) int {
			f.ready(tb)
			return f.upload(tb, v, "/documents", f.document(tb))
		},
		api: func(tb testing.TB, f *authzFixture, v *authzVisitor) int {
			f.ready(tb)
			return f.upload(tb, v, "/api/v1/documents", f.document(tb))
		}},
	{name: "review a document", min: docket.Editor,
		web: func(tb testing.TB, f *authzFixture, v *authzVisitor) int {
			out := f.ingest(tb)
			f.ready(tb)
			return f.post(tb, v, "/documents/"+out.Document+"/review", url.Values{"action": {"accept"}, "all": {"1"}})
		}},
	{name: "link a proposed record", min: docket.Editor,
		web: func(tb testing.TB, f *authzFixture, v *authzVisitor) int {
			out := f.ingest(tb)
			into, _ := f.person(tb)
			f.ready(tb)
			from := out.Entities["person "+f.blogger]
			if from == "" {
				tb.Fatalf("no proposal of %s: %v", f.blogger, out.Entities)
			}
			return f.post(tb, v, "/documents/"+out.Document+"/link", url.Values{"from": {from}, "into": {into}})
		}},
	{name: "archive", min: docket.Researcher,
		store: func(tb testing.TB, f *authzFixture, v *authzVisitor) error {
			f.ready(tb)
			_, err := f.st.EnqueueArchive(context.Background(), v.v, "src-fn1-tumba")
			return err
		}},
	{name: "manage accounts", min: docket.Admin,
		web: func(tb testing.TB, f *authzFixture, v *authzVisitor) int {
			f.n++
			f.ready(tb)
			return f.post(tb, v, "/admin/users", url.Values{"name": {fmt.Sprintf("authz-user-%d", f.n)}, "role": {"viewer"}})
		},
		store: func(tb testing.TB, f *authzFixture, v *authzVisitor) error {
			u, err := f.st.FindUserByName(context.Background(), f.op, "authz-target")
			if err != nil {
				tb.Fatal(err)
			}
			role := docket.Researcher // another role than it has, so that a change shows
			if u.Role == role {
				role = docket.Reader
			}
			f.ready(tb)
			_, err = f.st.UpdateUser(context.Background(), v.v, "authz-target", docket.UserUpdate{Role: &role})
			return err
		}},
	// Any admin stops an account (a phished one must be stoppable by anyone who can).
	{name: "disable an account", min: docket.Admin,
		web: func(tb testing.TB, f *authzFixture, v *authzVisitor) int {
			name := f.account(tb)
			f.ready(tb)
			return f.post(tb, v, "/admin/users/"+name+"/disable", url.Values{"confirm": {"yes"}})
		},
		store: func(tb testing.TB, f *authzFixture, v *authzVisitor) error {
			name := f.account(tb)
			f.ready(tb)
			_, err := f.st.DisableUser(context.Background(), v.v, name)
			return err
		}},
	{name: "make a token", min: docket.Admin,
		web: func(tb testing.TB, f *authzFixture, v *authzVisitor) int {
			f.n++
			f.ready(tb)
			return f.post(tb, v, "/admin/tokens", url.Values{"name": {fmt.Sprintf("authz-token-%d", f.n)}, "role": {"viewer"}, "expires": {"90d"}})
		},
		store: func(tb testing.TB, f *authzFixture, v *authzVisitor) error {
			f.n++
			f.ready(tb)
			_, err := f.st.CreateToken(context.Background(), v.v, &docket.Token{Name: fmt.Sprintf("authz-token-%d", f.n), Role: docket.Reader,
				ExpiresAt: time.Now().Add(time.Hour)})
			return err
		}},
	{name: "reset second factors", min: docket.Admin,
		web: func(tb testing.TB, f *authzFixture, v *authzVisitor) int {
			name := f.enrolled(tb)
			f.ready(tb)
			return f.post(tb, v, "/admin/users/"+name+"/factors/reset", url.Values{"confirm": {"yes"}})
		},
		store: func(tb testing.TB, f *authzFixture, v *authzVisitor) error {
			name := f.enrolled(tb)
			f.ready(tb)
			return f.st.ResetSecondFactors(context.Background(), v.v, name)
		}},
	// Any admin asks a second factor of more accounts; only a cleared admin of fewer.
	{name: "ask a second factor of more", min: docket.Admin,
		web: func(tb testing.TB, f *authzFixture, v *authzVisitor) int {
			f.policy(tb)
			return f.post(tb, v, "/admin/security/policy", url.Values{"role": {"researcher", "viewer"}})
		},
		store: func(tb testing.TB, f *authzFixture, v *authzVisitor) error {
			f.policy(tb)
			_, err := f.st.SetSecondFactorPolicy(context.Background(), v.v, docket.SecondFactorPolicy{Roles: []docket.Role{docket.Reader, docket.Researcher}})
			return err
		}},
	{name: "ask a second factor of fewer", min: docket.Admin, cleared: true,
		web: func(tb testing.TB, f *authzFixture, v *authzVisitor) int {
			f.policy(tb)
			return f.post(tb, v, "/admin/security/policy", url.Values{})
		},
		store: func(tb testing.TB, f *authzFixture, v *authzVisitor) error {
			f.policy(tb)
			_, err := f.st.SetSecondFactorPolicy(context.Background(), v.v, docket.SecondFactorPolicy{})
			return err
		}},
	// The security log is the admins' to read, never public.
	{name: "read the security log", min: docket.Admin, read: true,
		web: func(tb testing.TB, f *authzFixture, v *authzVisitor) int {
			f.ready(tb)
			return f.get(tb, v, "/admin/security")
		},
		store: func(tb testing.TB, f *authzFixture, v *authzVisitor) error {
			f.ready(tb)
			_, err := f.st.FindSecurityEvents(context.Background(), v.v, docket.SecurityFilter{})
			return err
		}},
	{name: "revoke a token", min: docket.Admin,
		web: func(tb testing.TB, f *authzFixture, v *authzVisitor) int {
			name := f.token(tb)
			f.ready(tb)
			return f.post(tb, v, "/admin/tokens/revoke", url.Values{"name": {name}})
		},
		store: func(tb testing.TB, f *authzFixture, v *authzVisitor) error {
			name := f.token(tb)
			f.ready(tb)
			return f.st.RevokeToken(context.Background(), v.v, name)
		}},
}

// bloggers are defendants of the fixture's documents, a new one each time: a name proposed
// before would link to the record made then.
var (
	bloggerNames    = []string{"Daniyar", "Yerlan", "Aidos", "Bolat", "Timur", "Nurlan", "Askar", "Ruslan", "Serik", "Dias"}
	bloggerSurnames = []string{"Seitkali", "Abenov", "Kairatov", "Sadykov", "Zhaksylykov", "Sarsenov", "Temirov", "Baimukhanov", "Akhmetov", "Kaliyev"}
)

// document returns a press release no one has uploaded yet, about a blogger not named before.
func (f *authzFixture) document(tb testing.TB) []byte {
	f.n++
	f.blogger = bloggerNames[f.n%10] + " " + bloggerSurnames[f.n/10%10]
	return []byte(fmt.Sprintf("Almaty, 3 March 2023\n\nOn 2 March 2023, Judge Marat Ospanov of the Medeu District Court sentenced the blogger %s to %d years of imprisonment.\n", f.blogger, f.n%20+1) +
		strings.Repeat(" ", f.n))
}

// ingest ingests a new document as the operator.
func (f *authzFixture) ingest(tb testing.TB) *ingest.Outcome {
	tb.Helper()
	out, err := ingest.Run(context.Background(), f.st, f.op, &ingest.Input{Name: "release.txt", Data: f.document(tb)}, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// upload sends a file as a multipart form: as the visitor's browser, with its session's CSRF
// token, or with its API token.
func (f *authzFixture) upload(tb testing.TB, v *authzVisitor, path string, data []byte) int {
	tb.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	c := *v.web
	if !strings.HasPrefix(path, "/api/") {
		page := "/account"
		if v.role == docket.Anonymous {
			page = "/login"
		}
		resp, err := v.web.Get(f.base + page)
		if err != nil {
			tb.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if m := csrfRE.FindSubmatch(b); m != nil {
			mw.WriteField("csrf", string(m[1]))
		}
	} else {
		c = http.Client{Timeout: httpClient.Timeout}
	}
	w, _ := mw.CreateFormFile("file", "release.txt")
	w.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", f.base+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Accept", "text/html")
	if strings.HasPrefix(path, "/api/") && v.api.Token != "" {
		req.Header.Set("Authorization", "Bearer "+v.api.Token)
	}
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := c.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// account makes an active viewer account, as the operator, and returns its name.
func (f *authzFixture) account(tb testing.TB) string {
	tb.Helper()
	f.n++
	h, _ := auth.HashPassword("account-password-long", cheap)
	u := &docket.User{Name: fmt.Sprintf("authz-account-%d", f.n), Role: docket.Reader}
	if err := f.st.CreateUser(context.Background(), f.op, u, h); err != nil {
		tb.Fatal(err)
	}
	return u.Name
}

// enrolled makes a viewer account with a second factor, as the operator and the account's
// holder, and returns its name.
func (f *authzFixture) enrolled(tb testing.TB) string {
	tb.Helper()
	name := f.account(tb)
	f.enrol(tb, name)
	return name
}

// enrol gives an account a second factor, as its holder.
func (f *authzFixture) enrol(tb testing.TB, name string) {
	tb.Helper()
	u, err := f.st.FindUserByName(context.Background(), f.op, name)
	if err != nil {
		tb.Fatal(err)
	}
	if err := f.st.AddSecondFactor(context.Background(), u.Viewer(), name, &docket.SecondFactor{Kind: docket.FactorTOTP, Secret: auth.NewTOTPKey()}, nil); err != nil {
		tb.Fatal(err)
	}
}

// policy asks a second factor of viewers, as the operator, and notes the state.
func (f *authzFixture) policy(tb testing.TB) {
	tb.Helper()
	if _, err := f.st.SetSecondFactorPolicy(context.Background(), f.op, docket.SecondFactorPolicy{Roles: []docket.Role{docket.Reader}}); err != nil {
		tb.Fatal(err)
	}
	f.ready(tb)
}

// get reads a page as the visitor's browser and returns the status, without following a
// redirect.
func (f *authzFixture) get(tb testing.TB, v *authzVisitor, path string) int {
	tb.Helper()
	req, _ := http.NewRequest("GET", f.base+path, nil)
	req.Header.Set("Accept", "text/html")
	c := *v.web
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := c.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	// A page that needs a sign-in sends the anonymous to the sign-in form: that is its 401.
	if resp.StatusCode == http.StatusSeeOther && strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		return http.StatusUnauthorized
	}
	return resp.StatusCode
}

// token makes a token, as the operator, and returns its name.
func (f *authzFixture) token(tb testing.TB) string {
	tb.Helper()
	f.n++
	t := &docket.Token{Name: fmt.Sprintf("authz-token-%d", f.n), Role: docket.Reader, ExpiresAt: time.Now().Add(time.Hour)}
	if _, err := f.st.CreateToken(context.Background(), f.op, t); err != nil {
		tb.Fatal(err)
	}
	return t.Name
}

func TestAuthorizationMatrix(t *testing.T) {
	for backend, open := range authzBackends(t) {
		t.Run(backend, func(t *testing.T) {
			st := open(t)
			ctx := context.Background()
			op := docket.Operator("test")
			if err := demo.Load(ctx, st, op); err != nil {
				t.Fatal(err)
			}
			s := dockethttp.NewServer(st)
			s.Addr, s.PasswordParams = "127.0.0.1:0", cheap
			if err := s.Open(); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			f := &authzFixture{st: st, base: s.URL(), op: op}
			h, _ := auth.HashPassword("target-password", cheap)
			if err := st.CreateUser(ctx, op, &docket.User{Name: "authz-target", Role: docket.Reader}, h); err != nil {
				t.Fatal(err)
			}
			var visitors []*authzVisitor
			for _, r := range []struct {
				name    string
				role    docket.Role
				cleared bool
			}{
				{"anonymous", docket.Anonymous, false}, {"viewer", docket.Reader, false}, {"researcher", docket.Researcher, false},
				{"editor", docket.Editor, false}, {"admin", docket.Admin, false}, {"cleared-admin", docket.Admin, true},
			} {
				v := &authzVisitor{name: r.name, role: r.role, cleared: r.cleared, api: Client{Base: f.base}}
				if r.role == docket.Anonymous {
					jar, _ := cookiejar.New(nil)
					v.web = &http.Client{Jar: jar, Timeout: httpClient.Timeout}
				} else {
					pw := "password-of-" + r.name
					h, err := auth.HashPassword(pw, cheap)
					if err != nil {
						t.Fatal(err)
					}
					u := &docket.User{Name: r.name, Role: r.role, Cleared: r.cleared}
					if err := st.CreateUser(ctx, op, u, h); err != nil {
						t.Fatal(err)
					}
					v.v = u.Viewer()
					v.web = MustLogin(t, f.base, r.name, pw)
					// With a second factor, the policy actions end no visitor's session.
					f.enrol(t, r.name)
					secret, err := st.CreateToken(ctx, op, &docket.Token{Name: r.name + "-token", Role: r.role, Cleared: r.cleared})
					if err != nil {
						t.Fatal(err)
					}
					v.api.Token = secret
				}
				visitors = append(visitors, v)
			}
			for _, a := range authzActions {
				for _, v := range visitors {
					want := v.may(a.min, a.cleared)
					paths := map[string]func(testing.TB, *authzFixture, *authzVisitor) int{"web": a.web, "api": a.api}
					if a.store != nil {
						paths["store"] = func(tb testing.TB, f *authzFixture, v *authzVisitor) int {
							err := a.store(tb, f, v)
							switch code := docket.ErrorCode(err); code {
							case "":
								return http.StatusOK
							case docket.EUNAUTHORIZED, docket.EFORBIDDEN:
								return dockethttp.ErrorStatusCode(code)
							}
							tb.Errorf("%s as %s: %v", a.name, v.name, err)
							return http.StatusInternalServerError
						}
					}
					for path, do := range paths {
						if do == nil {
							continue
						}
						name := fmt.Sprintf("%s/%s/%s", a.name, v.name, path)
						f.was = ""
						status := do(t, f, v)
						before, after := f.was, f.state(t)
						if before == "" {
							t.Fatalf("%s: the action did not note the state before it", name)
						}
						refused := status == http.StatusUnauthorized || status == http.StatusForbidden || status == http.StatusNotFound
						switch {
						case path == "api" && a.web == nil && a.store != nil && status == http.StatusNotFound:
							// No API route offers it: nothing to refuse on that path.
						case want && (refused || status >= 400):
							t.Errorf("%s: refused with %d, want allowed", name, status)
						case want && a.read && (status != http.StatusOK || before != after):
							t.Errorf("%s: a read answered %d and changed the store from\n%s\nto\n%s", name, status, before, after)
						case want && before == after && a.name != "archive" && !a.read:
							t.Errorf("%s: answered %d but changed nothing", name, status)
						case !want && !refused:
							t.Errorf("%s: answered %d, want refused (401 or 403)", name, status)
						case !want && v.role == docket.Anonymous && status != http.StatusUnauthorized:
							t.Errorf("%s: answered %d, want 401 for the anonymous", name, status)
						case !want && v.role > docket.Anonymous && status != http.StatusForbidden:
							t.Errorf("%s: answered %d, want 403", name, status)
						case !want && before != after:
							t.Errorf("%s: refused, but the store changed:\n%s\n%s", name, before, after)
						}
					}
				}
			}
		})
	}
}
