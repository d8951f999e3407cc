package docket_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/docketorg/docket"
)

func TestCheckUTF8(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // "" for valid
	}{
		{"", ""}, {"plain", ""}, {"Байтурова", ""}, {"\u202e\x00", ""}, // controls are CheckText's business
		{"\xff", "invalid UTF-8 at byte 1"},
		{"ab\xc3", "invalid UTF-8 at byte 3"},        // a sequence cut short
		{"Ба\xd0\x28", "invalid UTF-8 at byte 5"},    // a bad continuation byte
		{"x\xed\xa0\x80", "invalid UTF-8 at byte 2"}, // an encoded surrogate
		{"x\xc0\xaf", "invalid UTF-8 at byte 2"},     // an overlong slash
	} {
		err := docket.CheckUTF8([]byte(tc.in))
		if got := docket.ErrorMessage(err); got != tc.want {
			t.Errorf("CheckUTF8(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if err != nil && docket.ErrorCode(err) != docket.EINVALID {
			t.Errorf("CheckUTF8(%q) code %q, want invalid", tc.in, docket.ErrorCode(err))
		}
	}
}

// TestDecodeRecord_InvalidUTF8 checks that a broken byte in a record is refused by every
// reader of records, not replaced by U+FFFD.
func TestDecodeRecord_InvalidUTF8(t *testing.T) {
	const stmt = `{"kind":"statement","id":"s1","entity":"e1","property":"name","value":"Kenzh%saliyev","status":"draft","sensitivity":"public","author":"x","created":"2026-01-02T03:04:05Z","salt":"00112233445566778899aabbccddeeff"}`
	for _, line := range []string{
		strings.Replace(stmt, "%s", "\xff", 1),
		strings.Replace(strings.Replace(stmt, "%s", "", 1), `"author":"x"`, "\"author\":\"x\xc3\"", 1),
		`{"kind":"source","id":"src1","title":"Tumba` + "\xe2\x80" + `","sensitivity":"public","author":"x","created":"2026-01-02T03:04:05Z"}`,
	} {
		if r, err := docket.DecodeRecord([]byte(line)); err == nil || !strings.Contains(docket.ErrorMessage(err), "invalid UTF-8 at byte") {
			t.Errorf("DecodeRecord(%q) = %+v, %v; want invalid UTF-8", line, r, err)
		}
		var r docket.Record
		if err := json.Unmarshal([]byte(line), &r); err == nil || !strings.Contains(docket.ErrorMessage(err), "invalid UTF-8 at byte") {
			t.Errorf("json.Unmarshal(%q) into a Record: %v; want invalid UTF-8", line, err)
		}
	}
	// The same record with good bytes reads.
	if _, err := docket.DecodeRecord([]byte(strings.Replace(stmt, "%s", "\u00e9", 1))); err != nil {
		t.Fatalf("DecodeRecord of a good record: %v", err)
	}
}
