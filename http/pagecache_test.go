package http_test

import (
	"context"
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
	staff := MustLogin(t, s.URL(), "pia", mustUserOn(t, db, "pia", docket.Reader, false))
	get := func(path string, c *http.Client) (int, string) {
		t.Helper()
		return getAs(t, c, s.URL()+path, "")
	}
	public := http.DefaultClient
	page := "/entity/" + demo.Baiturova + "?lang=en"
	// Staff first, with a fact the public may not see, at the same address.
	if err := db.AddStatements(ctx, op, []*docket.Statement{{Entity: demo.Baiturova, Property: "alias", Value: "Internal alias Pagecachova", Source: demo.PressRelease, Sensitivity: docket.Internal}}); err != nil {
		t.Fatal(err)
	}
	if code, body := get(page, staff); code != http.StatusOK || !strings.Contains(body, "Internal alias Pagecachova") {
		t.Fatalf("staff page: %d, internal note shown: %v", code, strings.Contains(body, "Pagecachova"))
	}
	for range 2 {
		if code, body := get(page, public); code != http.StatusOK || strings.Contains(body, "Pagecachova") {
			t.Fatalf("LEAK: the public's page (%d) holds the internal note", code)
		}
	}
	// Then staff again, after the public's page is held: staff get theirs.
	if _, body := get(page, staff); !strings.Contains(body, "Internal alias Pagecachova") {
		t.Error("staff were given the public's page")
	}
	// A change shows at once.
	_, before := get(page, public)
	if err := db.AddStatements(ctx, op, []*docket.Statement{{Entity: demo.Baiturova, Property: "alias", Value: "Public alias Afterheldova", Source: demo.PressRelease, Sensitivity: docket.Public, Status: docket.Verified}}); err != nil {
		t.Fatal(err)
	}
	if _, after := get(page, public); after == before || !strings.Contains(after, "Public alias Afterheldova") {
		t.Error("after a public change the public is given the page held before it")
	}
	// Each address its own answer.
	_, one := get("/search?q=Baiturova&lang=en", public)
	_, other := get("/search?q=Akberdiyeva&lang=en", public)
	if one == other || !strings.Contains(other, "Akberdiyeva") {
		t.Error("two searches were given one answer")
	}
	// Each language its own page.
	_, en := get("/entity/"+demo.Baiturova+"?lang=en", public)
	_, ru := get("/entity/"+demo.Baiturova+"?lang=ru", public)
	if en == ru || !strings.Contains(ru, `lang="ru"`) || !strings.Contains(en, `lang="en"`) {
		t.Errorf("the English and Russian pages are the same page, or not in their language")
	}
}
