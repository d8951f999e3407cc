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

	if n := MustCountChanges(t, db); n != before {
		t.Fatalf("refused requests wrote %d changes", n-before)
	}
	// The same request, mended, is accepted.
	editor.Post(t, "/api/v1/entities", strings.Replace(body, "\xff", "", 1)).Want(t, http.StatusCreated)
}
