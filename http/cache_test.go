package http_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/demo"
)

// TestPublicCache: public answers carry validators and answer 304 while they hold, set no
// cookie and vary on none; a change makes them fresh; staff answers are never validated nor
// stored; answers that are not successes carry no validators.
func TestPublicCache(t *testing.T) {
	db, s := MustOpenDemoServer(t)
	ctx, op := context.Background(), docket.Operator("test")
	do := func(path, inm, token string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest("GET", s.URL()+path, nil)
		if inm != "" {
			req.Header.Set("If-None-Match", inm)
		}
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		req.Header.Set("Accept", "text/html")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	for _, path := range []string{"/entity/" + demo.Baiturova + "?lang=en", "/api/v1/entities/" + demo.Baiturova, "/feed.atom", "/source/" + demo.PressRelease + "?lang=ru"} {
		first := do(path, "", "")
		etag := first.Header.Get("ETag")
		if first.StatusCode != http.StatusOK || etag == "" || first.Header.Get("Last-Modified") == "" || first.Header.Get("Cache-Control") != "public, no-cache" {
			t.Errorf("GET %s: %d, ETag %q, Last-Modified %q, Cache-Control %q", path, first.StatusCode, etag, first.Header.Get("Last-Modified"), first.Header.Get("Cache-Control"))
			continue
		}
		if c := first.Header.Values("Set-Cookie"); len(c) > 0 {
			t.Errorf("GET %s as the public sets %v", path, c)
		}
		if v := first.Header.Get("Vary"); strings.Contains(v, "Cookie") {
			t.Errorf("GET %s varies on %q", path, v)
		}
		if again := do(path, etag, ""); again.StatusCode != http.StatusNotModified {
			t.Errorf("GET %s with its ETag: %d, want 304", path, again.StatusCode)
		}
	}
	page := "/entity/" + demo.Baiturova + "?lang=en"
	etag := do(page, "", "").Header.Get("ETag")
	mod := do(page, "", "").Header.Get("Last-Modified")
	// A confidential change moves the head (the ETag) but not the public's Last-Modified.
	db.Now = func() time.Time { return time.Now().Add(time.Hour) }
	secret := &docket.Entity{Schema: "Person", Sensitivity: docket.Confidential}
	if err := db.CreateEntity(ctx, op, secret, []*docket.Statement{{Property: "name", Value: "Cache Witness", Source: demo.PressRelease, Sensitivity: docket.Confidential}}); err != nil {
		t.Fatal(err)
	}
	after := do(page, etag, "")
	if after.StatusCode != http.StatusOK || after.Header.Get("ETag") == etag {
		t.Errorf("after a change: %d with ETag %q, want 200 with a new one", after.StatusCode, after.Header.Get("ETag"))
	}
	if after.Header.Get("Last-Modified") != mod {
		t.Errorf("a confidential change moved the public Last-Modified from %q to %q", mod, after.Header.Get("Last-Modified"))
	}
	// Staff: no validators, never stored.
	token := MustCreateToken(t, db, "cache-reader", docket.Reader, false)
	for _, path := range []string{page, "/api/v1/entities/" + demo.Baiturova} {
		r := do(path, after.Header.Get("ETag"), token)
		if r.StatusCode != http.StatusOK || r.Header.Get("ETag") != "" || strings.Contains(r.Header.Get("Cache-Control"), "public") {
			t.Errorf("GET %s as staff: %d, ETag %q, Cache-Control %q", path, r.StatusCode, r.Header.Get("ETag"), r.Header.Get("Cache-Control"))
		}
	}
	// Not found, and pages of figures: no validators.
	for _, path := range []string{"/entity/" + secret.ID, "/entity/no-such-id", "/stats", "/"} {
		if r := do(path, "", ""); r.Header.Get("ETag") != "" {
			t.Errorf("GET %s (%d) carries an ETag", path, r.StatusCode)
		}
	}
	// The sign-in page is the one public page with a form: it, and only it, gives a form token.
	if r := do("/login", "", ""); len(r.Header.Values("Set-Cookie")) == 0 {
		t.Error("the sign-in page gives no form token")
	}
}
