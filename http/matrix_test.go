package http_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/auth"
	"github.com/docketorg/docket/demo"
	"github.com/docketorg/docket/sqlite"
)

// The sensitivity matrix: every role, signed in through the login form, against every level of
// data, on every kind of output, asserting on the raw bytes of each response.

// Markers of the matrix's data. Each is one word that search finds.
const (
	mPublic   = "Ulrike Omegaton"     // a public, reviewed name: everyone
	mInternal = "Omegaton Internalis" // an internal alias: staff
	mDraft    = "Omegaton Draftus"    // a public alias still a draft: staff
	mSecret   = "Omegaton Secretus"   // a confidential alias: the cleared
	mWitness  = "Omegaton Witnessa"   // the name of a confidential witness: the cleared
	mSource   = "Omegaton Fontanus"   // the title of a confidential source: the cleared
)

// cheap are argon2id costs for tests: the server reads the costs from each hash.
var cheap = auth.Params{Memory: 64, Time: 1, Threads: 1}

// visitor is one role of the matrix: a browser with a cookie jar, signed in through the form,
// and an API token of the same role, since the API takes no cookies.
type visitor struct {
	name      string
	role      docket.Role
	cleared   bool
	web       *http.Client
	api       Client
	base      string
	drafts    bool // sees drafts and internal data
	secrets   bool // sees confidential data
	witnessID string
}

func (v *visitor) get(tb testing.TB, path string) (int, []byte) {
	tb.Helper()
	req, _ := http.NewRequest("GET", v.base+path, nil)
	req.Header.Set("Accept", "text/html,application/xhtml+xml")
	resp, err := v.web.Do(req)
	if err != nil {
		tb.Fatalf("GET %s as %s: %v", path, v.name, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// MustLogin signs in through the login form, as a person does, and returns the browser.
func MustLogin(tb testing.TB, base, name, password string) *http.Client {
	tb.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: httpClient.Timeout}
	resp, err := c.Get(base + "/login")
	if err != nil {
		tb.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := csrfRE.FindSubmatch(body)
	if m == nil {
		tb.Fatalf("the login form has no CSRF token:\n%s", clip(body))
	}
	resp, err = c.PostForm(base+"/login", url.Values{"csrf": {string(m[1])}, "name": {name}, "password": {password}, "next": {"/account"}})
	if err != nil {
		tb.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !bytes.Contains(body, []byte(name)) || resp.Request.URL.Path != "/account" {
		tb.Fatalf("signing in as %s: %d at %s\n%s", name, resp.StatusCode, resp.Request.URL, clip(body))
	}
	return c
}

// MustUser makes an account with a password and returns the password.
func MustUser(tb testing.TB, db *sqlite.DB, name string, role docket.Role, cleared bool) string {
	tb.Helper()
	pw := "password-of-" + name
	h, err := auth.HashPassword(pw, cheap)
	if err != nil {
		tb.Fatal(err)
	}
	if err := db.CreateUser(context.Background(), docket.Operator("test"), &docket.User{Name: name, Role: role, Cleared: cleared}, h); err != nil {
		tb.Fatal(err)
	}
	return pw
}

type matrixFixture struct {
	db       *sqlite.DB
	base     string
	person   string
	witness  string
	visitors []*visitor
}

func mustOpenMatrix(tb testing.TB) *matrixFixture {
	tb.Helper()
	db, s := MustOpenDemoServer(tb)
	ctx := context.Background()
	op := docket.Operator("test")
	f := &matrixFixture{db: db, base: s.URL()}
	p := &docket.Entity{Schema: "Person", Sensitivity: docket.Public}
	src := demo.PressRelease
	if err := db.CreateEntity(ctx, op, p, []*docket.Statement{
		{Property: "name", Value: mPublic, Source: src, Sensitivity: docket.Public},
		{Property: "alias", Value: mInternal, Source: src, Sensitivity: docket.Internal},
		{Property: "alias", Value: mDraft, Source: src, Sensitivity: docket.Public, Status: docket.Draft},
		{Property: "alias", Value: mSecret, Source: src, Sensitivity: docket.Confidential},
		{Property: "country", Value: "kz", Source: src, Sensitivity: docket.Public},
	}); err != nil {
		tb.Fatal(err)
	}
	w := &docket.Entity{Schema: "Person", Sensitivity: docket.Confidential}
	if err := db.CreateEntity(ctx, op, w, []*docket.Statement{
		{Property: "name", Value: mWitness, Source: src, Sensitivity: docket.Confidential},
		{Property: "country", Value: "by", Source: src, Sensitivity: docket.Confidential},
		{Property: "relative", Value: p.ID, Source: src, Sensitivity: docket.Confidential},
	}); err != nil {
		tb.Fatal(err)
	}
	// The reference is public; the entity it names is not, so the reference is hidden too.
	if err := db.AddStatements(ctx, op, []*docket.Statement{
		{Entity: "event-detention", Property: "witness", Value: w.ID, Source: src, Sensitivity: docket.Public},
		{Entity: demo.Acquittal, Property: "witness", Value: w.ID, Source: src, Sensitivity: docket.Public},
	}); err != nil {
		tb.Fatal(err)
	}
	// A confidential source: its record, its title and its URL are the cleared's only.
	if err := db.CreateSource(ctx, op, &docket.Source{URL: "https://example.org/omegaton-fontanus", Title: mSource, Sensitivity: docket.Confidential}); err != nil {
		tb.Fatal(err)
	}
	f.person, f.witness = p.ID, w.ID
	roles := []struct {
		name    string
		role    docket.Role
		cleared bool
	}{
		{"anonymous", docket.Anonymous, false},
		{"viewer", docket.Reader, false},
		{"researcher", docket.Researcher, false},
		{"editor", docket.Editor, false},
		{"admin", docket.Admin, false},
		{"cleared-editor", docket.Editor, true},
	}
	for _, r := range roles {
		v := &visitor{name: r.name, role: r.role, cleared: r.cleared, base: f.base, drafts: r.role > docket.Anonymous, secrets: r.cleared, witnessID: w.ID}
		if r.role == docket.Anonymous {
			jar, _ := cookiejar.New(nil)
			v.web = &http.Client{Jar: jar, Timeout: httpClient.Timeout}
			v.api = Client{Base: f.base}
		} else {
			pw := MustUser(tb, db, r.name, r.role, r.cleared)
			v.web = MustLogin(tb, f.base, r.name, pw)
			v.api = Client{Base: f.base, Token: MustCreateToken(tb, db, r.name+"-token", r.role, r.cleared)}
		}
		f.visitors = append(f.visitors, v)
	}
	return f
}

// may reports whether the visitor may see a marker.
func (v *visitor) may(marker string) bool {
	switch marker {
	case mPublic:
		return true
	case mInternal, mDraft:
		return v.drafts
	}
	return v.secrets // mSecret, mWitness, the witness's id, mSource and its URL
}

func TestSensitivityMatrix(t *testing.T) {
	f := mustOpenMatrix(t)
	markers := []string{mPublic, mInternal, mDraft, mSecret, mWitness, f.witness, mSource, "omegaton-fontanus"}

	// Each output, and the markers it must show to a viewer who may see them.
	outputs := []struct {
		kind, path string
		api        bool
		shows      []string
	}{
		{"entity page", "/entity/" + f.person, false, []string{mPublic, mInternal, mDraft, mSecret, mWitness}},
		{"entity page of a referrer", "/entity/event-detention", false, []string{mWitness}},
		{"entity page of a case", "/entity/" + demo.AkberdiyevaCase, false, []string{mWitness}},
		{"search page", "/search?q=Omegaton", false, []string{mPublic, mWitness}},
		{"search page by facet", "/search?schema=Person&country=by", false, []string{mWitness}},
		{"suggestions", "/suggest?q=Omegaton", false, []string{mPublic, mWitness}}, // sealed names: whole words
		{"picker", "/pick?schema=Person&schema=Organization&q=Omegaton", false, []string{mPublic, mWitness}},
		{"source picker", "/pick/source?q=Omegaton", false, nil}, // a sealed source's title is not searched (README)
		// Lists are kept in the clear, so they list no confidential record, even to the cleared.
		{"list of persons", "/persons?sort=caption", false, []string{mPublic}},
		{"list of persons as CSV", "/persons.csv?all=1", false, []string{mPublic}},
		{"list of cases", "/cases", false, nil},
		{"list of events", "/events?sort=date", false, nil},
		{"list of events as CSV", "/events.csv?all=1", false, nil},
		{"dashboard", "/", false, nil},
		{"history", "/history", false, []string{mPublic, mSource}},
		{"entity history", "/entity/" + f.person + "/history", false, []string{mPublic, mInternal, mSecret}},
		{"what refers to an entity", "/entity/" + f.person + "/referrers", false, []string{mWitness}},
		{"review queue", "/review", false, nil},
		{"source page", "/source/" + demo.PressRelease, false, []string{mPublic, mInternal, mSecret, mWitness}},
		{"statistics", "/stats", false, nil},
		{"retaliation", "/stats/retaliation", false, nil},
		{"feed", "/feed.atom", false, nil},
		{"case feed", "/cases/" + demo.AkberdiyevaCase + "/feed.atom", false, nil},
		{"prisoners", "/reports/prisoners", false, nil},
		{"brief", "/cases/" + demo.AkberdiyevaCase + "/brief", false, nil},
		{"API entity", "/api/v1/entities/" + f.person, true, []string{mPublic, mInternal, mDraft, mSecret}},
		{"API referrers", "/api/v1/entities/" + f.person + "/referrers", true, []string{mWitness}},
		{"API search", "/api/v1/search?q=Omegaton", true, []string{mPublic, mWitness}},
		{"API entities", "/api/v1/entities?schema=Person&limit=1000", true, []string{mPublic, mWitness}},
		{"API history", "/api/v1/entities/" + f.person + "/history", true, []string{mPublic, mInternal, mSecret}},
	}
	for _, v := range f.visitors {
		t.Run(v.name, func(t *testing.T) {
			for _, o := range outputs {
				var status int
				var body []byte
				if o.api {
					r := v.api.Get(t, o.path)
					status, body = r.Status, r.Body
				} else {
					status, body = v.get(t, o.path)
				}
				if o.kind == "review queue" && v.role == docket.Anonymous {
					if status != http.StatusOK { // the sign-in form, after a redirect
						t.Errorf("%s (%s) as %s: status %d", o.kind, o.path, v.name, status)
					}
				} else if status != http.StatusOK {
					t.Errorf("%s (%s) as %s: status %d, want 200; body: %s", o.kind, o.path, v.name, status, clip(body))
					continue
				}
				for _, m := range markers {
					if !v.may(m) && bytes.Contains(body, []byte(m)) {
						t.Errorf("LEAK: %s (%s) as %s holds %q", o.kind, o.path, v.name, m)
					}
				}
				for _, m := range o.shows {
					if v.may(m) && !bytes.Contains(body, []byte(m)) {
						t.Errorf("%s (%s) as %s lacks %q, which it may see", o.kind, o.path, v.name, m)
					}
				}
			}

			// Counts: the search's total and its facets count only what the viewer may see.
			_, body := v.get(t, "/search?q=Omegaton")
			wantTotal, wantPersons := 1, 1
			if v.secrets {
				wantTotal, wantPersons = 2, 2
			}
			if got := attrInt(t, body, `data-total="(\d+)"`); got != wantTotal {
				t.Errorf("search total as %s = %d, want %d", v.name, got, wantTotal)
			}
			if got := attrInt(t, body, `<span class="label">Person</span> <span class="count" data-facet-count="(\d+)"`); got != wantPersons {
				t.Errorf("search facet Person as %s = %d, want %d", v.name, got, wantPersons)
			}
			_, body = v.get(t, "/search?schema=Person")
			if got := facetCount(body, "Belarus"); (got > 0) != v.secrets {
				t.Errorf("facet country Belarus (only the witness's) as %s = %d", v.name, got)
			}
			var sugg struct{ Suggestions []struct{ ID string } }
			_, body = v.get(t, "/suggest?q=Omegaton")
			if err := json.Unmarshal(body, &sugg); err != nil {
				t.Fatalf("suggestions as %s: %v: %s", v.name, err, body)
			}
			if len(sugg.Suggestions) != wantTotal {
				t.Errorf("suggestions as %s: %d, want %d", v.name, len(sugg.Suggestions), wantTotal)
			}
			// A prefix finds the public name only: the witness's is sealed, and its keyed terms
			// are of whole words.
			sugg.Suggestions = nil
			_, body = v.get(t, "/suggest?q=Omegat")
			if err := json.Unmarshal(body, &sugg); err != nil {
				t.Fatalf("suggestions as %s: %v: %s", v.name, err, body)
			}
			if len(sugg.Suggestions) != 1 {
				t.Errorf("suggestions of a prefix as %s: %d, want 1", v.name, len(sugg.Suggestions))
			}
			// Drafts: the public never sees them, nor their number.
			_, body = v.get(t, "/search?q=Omegaton&status=draft")
			if got := attrInt(t, body, `data-total="(\d+)"`); (got == 1) != v.drafts {
				t.Errorf("search of drafts as %s = %d", v.name, got)
			}

			// An entity the viewer may not see answers exactly as one that does not exist.
			hs, hidden := v.get(t, "/entity/"+f.witness)
			as, absent := v.get(t, "/entity/"+strings.Repeat("z", len(f.witness)))
			if v.secrets {
				if hs != http.StatusOK || !bytes.Contains(hidden, []byte(mWitness)) {
					t.Errorf("the witness's page as %s: %d", v.name, hs)
				}
			} else {
				hb := bytes.ReplaceAll(hidden, []byte(f.witness), []byte("ID"))
				ab := bytes.ReplaceAll(absent, []byte(strings.Repeat("z", len(f.witness))), []byte("ID"))
				if hs != http.StatusNotFound || as != http.StatusNotFound || !bytes.Equal(hb, ab) {
					t.Errorf("as %s, the witness's page answers %d\n%s\nbut an absent id %d\n%s", v.name, hs, clip(hb), as, clip(ab))
				}
				hs, hidden = v.get(t, "/entity/"+f.witness+"/history")
				if hs != http.StatusNotFound || bytes.Contains(hidden, []byte(mWitness)) {
					t.Errorf("the witness's history as %s: %d", v.name, hs)
				}
			}
		})
	}

	// Counts on the dashboard: the cleared count the witness, no one else does.
	counts := map[string]int{}
	for _, v := range f.visitors {
		_, body := v.get(t, "/")
		counts[v.name] = attrInt(t, body, `(\d+) records`)
	}
	if counts["cleared-editor"] != counts["editor"]+1 || counts["admin"] != counts["editor"] || counts["viewer"] != counts["editor"] || counts["anonymous"] > counts["viewer"] {
		t.Errorf("dashboard record counts %v: want the cleared one more than every other role (the witness)", counts)
	}

	// The published export is what an anonymous visitor may see.
	var buf bytes.Buffer
	if err := f.db.Export(context.Background(), docket.AnonymousViewer, true, func(r *docket.Record) error {
		b, err := json.Marshal(r)
		buf.Write(b)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{mInternal, mDraft, mSecret, mWitness, f.witness} {
		if bytes.Contains(buf.Bytes(), []byte(m)) {
			t.Errorf("LEAK: export --public holds %q", m)
		}
	}
	if !bytes.Contains(buf.Bytes(), []byte(mPublic)) {
		t.Errorf("export --public lacks the public name")
	}
}

func attrInt(tb testing.TB, body []byte, re string) int {
	tb.Helper()
	m := regexp.MustCompile(re).FindSubmatch(body)
	if m == nil {
		tb.Errorf("no %s in:\n%s", re, clip(body))
		return -1
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

func facetCount(body []byte, label string) int {
	m := regexp.MustCompile(`<span class="label">` + regexp.QuoteMeta(label) + `</span> <span class="count" data-facet-count="(\d+)"`).FindSubmatch(body)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}
