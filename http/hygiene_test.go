package http_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/demo"
)

// TestAPI_BadText checks that the API refuses text it would otherwise store changed or
// dangerous, with a message that says what and where, and writes nothing.
func TestAPI_BadText(t *testing.T) {
	db, s := MustOpenDemoServer(t)
	editor := Client{Base: s.URL(), Token: MustCreateToken(t, db, "editor", docket.Editor, false)}
	before := MustCountChanges(t, db)

	body := `{"schema":"Person","statements":[{"property":"name","value":"Kenzh` + "\xff" + `aliyev","source":"` + demo.PressRelease + `"}]}`
	msg := editor.Post(t, "/api/v1/entities", body).WantError(t, http.StatusBadRequest, docket.EINVALID)
	if want := "the body is not UTF-8 text: invalid UTF-8 at byte 67"; msg != want {
		t.Errorf("a body with a broken byte: message %q, want %q", msg, want)
	}

	for _, tc := range []struct {
		path string
		body any
		want string
	}{
		{"/api/v1/entities", map[string]any{"schema": "Person", "statements": []map[string]any{
			{"property": "name", "value": "Kenzha\u202eveyila", "source": demo.PressRelease}}},
			"Person.name: character U+202E (right-to-left override) at position 7 is not allowed"},
		{"/api/v1/entities", map[string]any{"schema": "Person", "statements": []map[string]any{
			{"property": "name", "value": "Kenzhaliyev", "quote": "\x1b]0;pwned\x07", "source": demo.PressRelease}}},
			"Person.name: quote: character U+001B (escape) at position 1 is not allowed"},
		{"/api/v1/sources", map[string]any{"title": "Press\x00release"},
			"source title: character U+0000 (null) at position 6 is not allowed"},
	} {
		msg := editor.Post(t, tc.path, tc.body).WantError(t, http.StatusBadRequest, docket.EINVALID)
		if msg != tc.want {
			t.Errorf("POST %s %v: message %q, want %q", tc.path, tc.body, msg, tc.want)
		}
	}

	if n := MustCountChanges(t, db); n != before {
		t.Fatalf("refused requests wrote %d changes", n-before)
	}
	// The same request, mended, is accepted.
	editor.Post(t, "/api/v1/entities", strings.Replace(body, "\xff", "", 1)).Want(t, http.StatusCreated)
}
