package http_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/demo"
)

// TestPageCache: the public's answers held by the server follow the change log (a change
// shows at once), are the public's only (staff get their own page, and the public never gets
// a staff page asked for at the same address before), and keep their language.
func TestPageCache(t *testing.T) {
	db, s := MustOpenDemoServer(t)
	ctx, op := context.Background(), docket.Operator("test")
	get := func(path, token string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", s.URL()+path, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		req.Header.Set("Accept", "text/html")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	token := MustCreateToken(t, db, "page-cache-reader", docket.Reader, false)
	page := "/entity/" + demo.Baiturova + "?lang=en"
	// Staff first, with a fact the public may not see, at the same address.
	if err := db.AddStatements(ctx, op, []*docket.Statement{{Entity: demo.Baiturova, Property: "alias", Value: "Internal alias Pagecachova", Source: demo.PressRelease, Sensitivity: docket.Internal}}); err != nil {
		t.Fatal(err)
	}
	if code, body := get(page, token); code != http.StatusOK || !strings.Contains(body, "Internal alias Pagecachova") {
		t.Fatalf("staff page: %d, internal note shown: %v", code, strings.Contains(body, "Pagecachova"))
	}
	for range 2 {
		if code, body := get(page, ""); code != http.StatusOK || strings.Contains(body, "Pagecachova") {
			t.Fatalf("LEAK: the public's page (%d) holds the internal note", code)
		}
	}
	// Then staff again, after the public's page is held: staff get theirs.
	if _, body := get(page, token); !strings.Contains(body, "Internal alias Pagecachova") {
		t.Error("staff were given the public's page")
	}
	// A change shows at once.
	_, before := get(page, "")
	if err := db.AddStatements(ctx, op, []*docket.Statement{{Entity: demo.Baiturova, Property: "alias", Value: "Public alias Afterheldova", Source: demo.PressRelease, Sensitivity: docket.Public, Status: docket.Verified}}); err != nil {
		t.Fatal(err)
	}
	if _, after := get(page, ""); after == before || !strings.Contains(after, "Public alias Afterheldova") {
		t.Error("after a public change the public is given the page held before it")
	}
	// Each address its own answer.
	_, one := get("/search?q=Baiturova&lang=en", "")
	_, other := get("/search?q=Akberdiyeva&lang=en", "")
	if one == other || !strings.Contains(other, "Akberdiyeva") {
		t.Error("two searches were given one answer")
	}
	// Each language its own page.
	_, en := get("/entity/"+demo.Baiturova+"?lang=en", "")
	_, ru := get("/entity/"+demo.Baiturova+"?lang=ru", "")
	if en == ru || !strings.Contains(ru, `lang="ru"`) || !strings.Contains(en, `lang="en"`) {
		t.Errorf("the English and Russian pages are the same page, or not in their language")
	}
}
