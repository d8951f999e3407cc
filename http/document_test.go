package http_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/auth"
	"github.com/docketorg/docket/demo"
	dockethttp "github.com/docketorg/docket/http"
	"github.com/docketorg/docket/ingest"
	"github.com/docketorg/docket/internal/storetest"
	"github.com/docketorg/docket/sqlite"
	"github.com/signintech/gopdf"
)

const docRelease = "Almaty, 3 March 2023\n\nOn 2 March 2023, Judge Marat Ospanov of the Medeu District Court of Almaty sentenced the blogger Daniyar Seitkali to four years of imprisonment. The prosecutor had asked for five years.\n"

// docFixture is a demo store served, with a researcher (rita), an editor (ed) and a cleared
// admin (ada), signed in, and a token of rita's.
type docFixture struct {
	st         *sqlite.DB
	s          *dockethttp.Server
	rita, ed   *http.Client
	ada        *http.Client
	ritaToken  string
	anonymous  *http.Client
	op         docket.Viewer
	secretJudg *docket.Entity
}

func newDocFixture(t *testing.T) *docFixture {
	t.Helper()
	ctx := context.Background()
	st := sqlite.NewDB(filepath.Join(t.TempDir(), "docket.db"))
	st.DataKey = storetest.DataKey() // the tests record confidential data
	if err := st.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := &docFixture{st: st, op: docket.Operator("test"), anonymous: &http.Client{Timeout: 20 * time.Second}}
	if err := demo.Load(ctx, st, f.op); err != nil {
		t.Fatal(err)
	}
	// A confidential witness who has the judge's name: no one uncleared may learn of it.
	f.secretJudg = &docket.Entity{Schema: "Person", Sensitivity: docket.Confidential}
	if err := st.CreateEntity(ctx, f.op, f.secretJudg, []*docket.Statement{{Property: "name", Value: "Marat Ospanov", Sensitivity: docket.Confidential}}); err != nil {
		t.Fatal(err)
	}
	f.s = dockethttp.NewServer(st)
	f.s.Addr, f.s.PasswordParams = "127.0.0.1:0", cheap
	if err := f.s.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.s.Close() })
	for _, u := range []struct {
		name    string
		role    docket.Role
		cleared bool
		c       **http.Client
	}{{"rita", docket.Researcher, false, &f.rita}, {"ed", docket.Editor, false, &f.ed}, {"ada", docket.Admin, true, &f.ada}} {
		h, _ := auth.HashPassword("password-of-"+u.name, cheap)
		if err := st.CreateUser(ctx, f.op, &docket.User{Name: u.name, Role: u.role, Cleared: u.cleared}, h); err != nil {
			t.Fatal(err)
		}
		*u.c = MustLogin(t, f.s.URL(), u.name, "password-of-"+u.name)
	}
	var err error
	if f.ritaToken, err = st.CreateToken(ctx, f.op, &docket.Token{Name: "rita-token", Role: docket.Researcher}); err != nil {
		t.Fatal(err)
	}
	return f
}

// upload posts a file: with the client's session and CSRF token to the web, or with the
// token to the API. It returns the status, the Location and the body.
func (f *docFixture) upload(t testing.TB, c *http.Client, token, path, name string, data []byte) (int, string, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if token == "" {
		resp, err := c.Get(f.s.URL() + "/documents/new")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if m := csrfRE.FindSubmatch(b); m != nil {
			mw.WriteField("csrf", string(m[1]))
		}
	}
	w, _ := mw.CreateFormFile("file", name)
	w.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", f.s.URL()+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Accept", "text/html")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	cc := *c
	cc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := cc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(b)
}

func read(t *testing.T, c *http.Client, url string) (int, http.Header, string) {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

func TestDocuments_UploadAndReview(t *testing.T) {
	f := newDocFixture(t)
	ctx := context.Background()
	head := func() int64 { h, _ := f.st.Head(ctx); return h }
	before := head()
	// Bad input: the form comes back naming the file and the reason; nothing is written.
	status, _, body := f.upload(t, f.rita, "", "/documents", "picture.gif", []byte("GIF89a\x01\x00\x01\x00junk"))
	if status != http.StatusBadRequest || !strings.Contains(body, "picture.gif is a GIF image file, not a document") {
		t.Fatalf("a GIF uploaded: %d\n%.500s", status, body)
	}
	status, _, body = f.upload(t, f.rita, f.ritaToken, "/api/v1/documents", "huge.txt", bytes.Repeat([]byte("a"), docket.MaxDocumentSize+10))
	if status != http.StatusRequestEntityTooLarge || !strings.Contains(body, "huge.txt") {
		t.Fatalf("a file over the limit: %d %.300s", status, body)
	}
	if h := head(); h != before {
		t.Fatalf("refused uploads wrote %d changes", h-before)
	}

	// A researcher's upload: its review page, its proposals drafts.
	status, loc, _ := f.upload(t, f.rita, "", "/documents", "release.txt", []byte(docRelease))
	m := regexp.MustCompile(`^/documents/(doc[0-9a-z]+)/review`).FindStringSubmatch(loc)
	if status != http.StatusSeeOther || m == nil {
		t.Fatalf("upload: %d to %q", status, loc)
	}
	docID := m[1]
	_, _, page := read(t, f.ed, f.s.URL()+"/documents/"+docID+"/review")
	// Staff pages hold internal data: never stored by a cache (see cache.go).
	for _, p := range []string{"/documents/" + docID + "/review", "/documents/" + docID, "/documents/new", "/review", "/duplicates"} {
		if _, h, _ := read(t, f.ed, f.s.URL()+p); h.Get("Cache-Control") != "no-store" {
			t.Errorf("GET %s as an editor: Cache-Control %q, want no-store", p, h.Get("Cache-Control"))
		}
	}
	if !strings.Contains(page, `<mark class="q open"`) || !strings.Contains(page, "Marat Ospanov") {
		t.Fatalf("the review page has no highlighted proposals:\n%.1000s", page)
	}
	// The confidential namesake is no candidate for the uncleared, nor was the judge linked to it.
	if strings.Contains(page, f.secretJudg.ID) {
		t.Fatal("the review page shows an uncleared editor the confidential record of the same name")
	}
	_, _, dup := read(t, f.ed, f.s.URL()+"/duplicates")
	_, _, dupCleared := read(t, f.ada, f.s.URL()+"/duplicates")
	if strings.Contains(dup, f.secretJudg.ID) || !strings.Contains(dupCleared, f.secretJudg.ID) {
		t.Fatalf("possible duplicates: the uncleared editor sees the confidential record %v, the cleared admin %v",
			strings.Contains(dup, f.secretJudg.ID), strings.Contains(dupCleared, f.secretJudg.ID))
	}
	// The API answers a name the registry has with 409 and its candidates, the hidden one not.
	resp := Client{Base: f.s.URL(), Token: f.ritaToken}.Post(t, "/api/v1/entities", map[string]any{"schema": "Person", "statements": []map[string]any{{"property": "name", "value": "Марат Оспанов"}}})
	if resp.Status != http.StatusConflict || strings.Contains(string(resp.Body), f.secretJudg.ID) || !strings.Contains(string(resp.Body), "candidates") {
		t.Fatalf("POST a person of a recorded name: %d %s", resp.Status, resp.Body)
	}
	if resp := (Client{Base: f.s.URL(), Token: f.ritaToken}).Post(t, "/api/v1/entities", map[string]any{"schema": "Person", "new": true,
		"statements": []map[string]any{{"property": "name", "value": "Марат Оспанов"}}}); resp.Status != http.StatusCreated {
		t.Fatalf(`POST with "new": true: %d %s`, resp.Status, resp.Body)
	}

	// The same bytes through the API: 200, the earlier document, nothing written.
	before = head()
	status, _, body = f.upload(t, f.rita, f.ritaToken, "/api/v1/documents", "copy.txt", []byte(docRelease))
	var st struct {
		Outcome struct {
			Already *docket.Document `json:"already"`
		} `json:"outcome"`
	}
	json.Unmarshal([]byte(body), &st)
	if status != http.StatusOK || st.Outcome.Already == nil || st.Outcome.Already.ID != docID || head() != before {
		t.Fatalf("the same file through the API: %d %s", status, body)
	}

	// Accept all of one record in one action: one review a statement, with the reviewer.
	rec := regexp.MustCompile(`id="rec-([0-9a-z]+)" data-schema="Proceeding"`).FindStringSubmatch(page)
	if rec == nil {
		t.Fatal("no proceeding proposed")
	}
	code := f.postForm(t, f.ed, "/documents/"+docID+"/review", map[string]string{"action": "accept", "entity": rec[1]})
	if code != http.StatusSeeOther {
		t.Fatalf("accept a record: %d", code)
	}
	e, _ := f.st.FindEntityByID(ctx, f.op, rec[1])
	for _, s := range e.Statements {
		if s.Status != docket.Reported {
			t.Fatalf("after accepting all of the proceeding, %s is %s", s.Property, s.Status)
		}
	}
	// A rejection needs a reason.
	if code := f.postForm(t, f.ed, "/documents/"+docID+"/review", map[string]string{"action": "reject", "all": "1"}); code != http.StatusBadRequest {
		t.Fatalf("reject all without a reason: %d", code)
	}

	// The public: no internal document; of a public one, its text and the copy without its
	// author, never the file as given.
	if code, _, _ := read(t, f.anonymous, f.s.URL()+"/documents/"+docID); code != http.StatusNotFound {
		t.Fatalf("the public reads an internal document: %d", code)
	}
	html := []byte(`<html><head><meta name="author" content="Secret-Author"><title>Verdict</title></head><body><p>` + docRelease + `</p></body></html>`)
	pub, err := ingest.Run(ctx, f.st, f.op, &ingest.Input{Name: "verdict.html", Data: html, Sensitivity: docket.Public}, nil)
	if err != nil {
		t.Fatal(err)
	}
	code, hdr, file := read(t, f.anonymous, f.s.URL()+"/documents/"+pub.Document+"/file")
	if code != http.StatusOK || strings.Contains(file, "Secret-Author") || !strings.Contains(file, "Marat Ospanov") {
		t.Fatalf("the public's download: %d %q", code, file)
	}
	if !strings.Contains(hdr.Get("Content-Disposition"), "attachment") || !strings.Contains(hdr.Get("Content-Security-Policy"), "sandbox") {
		t.Fatalf("a document's file is served inline: %v", hdr)
	}
	if _, _, staff := read(t, f.ed, f.s.URL()+"/documents/"+pub.Document+"/file"); !strings.Contains(staff, "Secret-Author") {
		t.Fatal("staff do not get the file as it was given")
	}
}

func (f *docFixture) postForm(t *testing.T, c *http.Client, path string, form map[string]string) int {
	t.Helper()
	resp, err := c.Get(f.s.URL() + "/account")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	vals := make(map[string][]string)
	for k, v := range form {
		vals[k] = []string{v}
	}
	if m := csrfRE.FindSubmatch(b); m != nil {
		vals["csrf"] = []string{string(m[1])}
	}
	req, _ := http.NewRequest("POST", f.s.URL()+path, strings.NewReader(encode(vals)))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "text/html")
	cc := *c
	cc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err = cc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func encode(v map[string][]string) string {
	var parts []string
	for k, vs := range v {
		for _, x := range vs {
			parts = append(parts, url.QueryEscape(k)+"="+url.QueryEscape(x))
		}
	}
	return strings.Join(parts, "&")
}

// TestDocuments_BadInput: each kind of bad file, through the web form and the API, is refused
// with its name and the reason, and nothing is written.
func TestDocuments_BadInput(t *testing.T) {
	f := newDocFixture(t)
	ctx := context.Background()
	head := func() int64 { h, _ := f.st.Head(ctx); return h }
	// A zip bomb disguised as a DOCX: 80 MB of spaces, 80 kB compressed.
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	w, _ := zw.Create("word/document.xml")
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for range 80 {
		w.Write(chunk)
	}
	zw.Close()
	// A PDF locked with a password.
	pdf := gopdf.GoPdf{}
	pdf.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4, Protection: gopdf.PDFProtectionConfig{UseProtection: true, UserPass: []byte("secret"), OwnerPass: []byte("owner")}})
	if err := pdf.AddTTFFont("dv", filepath.Join("..", "report", "fonts", "DejaVuSans.ttf")); err != nil {
		t.Fatal(err)
	}
	pdf.SetFont("dv", "", 11)
	pdf.AddPage()
	pdf.Cell(nil, docRelease)
	var locked bytes.Buffer
	pdf.WriteTo(&locked)
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"picture.gif", []byte("GIF89a\x01\x00\x01\x00junk"), "not a document"},
		{"bomb.docx", bomb.Bytes(), "zip bomb"},
		{"broken.docx", []byte("PK\x03\x04 this is not an archive"), "broken DOCX"},
		{"broken.pdf", []byte("%PDF-1.4\nthis is no PDF at all\n"), "broken or unreadable PDF"},
		{"locked.pdf", locked.Bytes(), "encrypted"},
		{"empty.txt", []byte(" \n\t "), "is empty"},
		{"nothing.txt", nil, "empty"},
	}
	before := head()
	for _, c := range cases {
		for _, via := range []struct{ path, token string }{{"/documents", ""}, {"/api/v1/documents", f.ritaToken}} {
			status, loc, body := f.upload(t, f.rita, via.token, via.path, c.name, c.data)
			body = html.UnescapeString(body)
			if status != http.StatusBadRequest || loc != "" || !strings.Contains(body, c.name) || !strings.Contains(body, c.want) {
				t.Errorf("%s to %s: %d %q, want 400 naming the file and %q:\n%.400s", c.name, via.path, status, loc, c.want, body)
			}
		}
	}
	if h := head(); h != before {
		t.Fatalf("refused uploads wrote %d changes", h-before)
	}
}

// TestSnapshot_Sandboxed: a preserved page is served so that it can run nothing and reach
// nothing.
func TestSnapshot_Sandboxed(t *testing.T) {
	f := newDocFixture(t)
	ctx := context.Background()
	at := time.Now().UTC()
	snap := &docket.Snapshot{Source: demo.PressRelease, URL: "https://example.org/page", FinalURL: "https://example.org/page", Status: 200,
		Header: http.Header{"Content-Type": {"text/html; charset=utf-8"}}, ContentType: "text/html", FetchedAt: at,
		Custody: docket.Custody{RequestedBy: "test", RequestedAt: at, Via: "test", Tool: "test"}}
	body := []byte(`<p>preserved</p><script>fetch("https://example.org/track")</script><img src="https://example.org/pixel.gif">`)
	if err := f.st.AddSnapshot(ctx, f.op, snap, body, []byte("preserved")); err != nil {
		t.Fatal(err)
	}
	code, hdr, got := read(t, f.anonymous, f.s.URL()+"/source/"+demo.PressRelease+"/snapshots/"+snap.ID)
	csp := hdr.Get("Content-Security-Policy")
	if code != http.StatusOK || got != string(body) || !strings.Contains(csp, "sandbox") || !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "script-src") {
		t.Fatalf("the preserved copy: %d, CSP %q", code, csp)
	}
	_, _, page := read(t, f.ed, f.s.URL()+"/source/"+demo.PressRelease)
	if !strings.Contains(page, "/snapshots/"+snap.ID) || !strings.Contains(page, snap.SHA256) {
		t.Fatal("the source's page does not show its preserved copy with its hash")
	}
}
