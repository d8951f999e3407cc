package ftm

import (
	"strings"
	"testing"

	"github.com/docketorg/docket"
)

// TestReadEntities_InvalidUTF8 checks that a broken byte is refused with its line, not read
// as U+FFFD by encoding/json.
func TestReadEntities_InvalidUTF8(t *testing.T) {
	good := `{"id":"p1","schema":"Person","properties":{"name":["Malik Kenzhaliyev"]}}` + "\n"
	if ents, err := ReadEntities(strings.NewReader(good)); err != nil || len(ents) != 1 {
		t.Fatalf("ReadEntities(good) = %d entities, %v", len(ents), err)
	}
	bad := good + "\n" + strings.Replace(good, "Kenzhaliyev", "Kenzh\xffaliyev", 1)
	_, err := ReadEntities(strings.NewReader(bad))
	if want := "line 3: invalid UTF-8 at byte 64"; docket.ErrorMessage(err) != want {
		t.Fatalf("ReadEntities(broken byte) error %v, want %q", err, want)
	}
}
