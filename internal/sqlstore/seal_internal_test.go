package sqlstore

import (
	"reflect"
	"testing"

	"github.com/docketorg/docket"
)

// decodeBox reads what decodeSealed reads, but the blind terms, whatever the column holds.
func TestDecodeBox(t *testing.T) {
	for _, s := range []*docket.Sealed{
		{Key: "k1", SHA256: "abc", Box: []byte("box of a statement")},
		{Key: "k1", SHA256: "abc", Name: "r.pdf", Box: []byte{0, 1, 2}, Terms: []string{"bt1", "bt2"}},
	} {
		col := encodeSealed(s).(string)
		got, err := decodeBox(col)
		want := *s
		want.Terms = nil
		if err != nil || !reflect.DeepEqual(got, &want) {
			t.Errorf("decodeBox(%q) = %+v, %v; want %+v", col, got, err, want)
		}
		full, err := decodeSealed(col)
		if err != nil || !reflect.DeepEqual(full, s) {
			t.Errorf("decodeSealed(%q) = %+v, %v; want %+v", col, full, err, s)
		}
	}
	// Another spacing than encodeSealed's is read as decodeSealed reads it.
	if got, err := decodeBox("k1  abc - AAEC"); err != nil || got.Key != "k1" || len(got.Box) != 3 {
		t.Errorf("decodeBox with two spaces = %+v, %v", got, err)
	}
	for _, bad := range []string{"k1 abc -", "k1 abc - not*base64", "k1"} {
		if _, err := decodeBox(bad); err == nil {
			t.Errorf("decodeBox(%q) reads a malformed column", bad)
		}
	}
}
