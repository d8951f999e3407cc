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

func TestCheckText(t *testing.T) {
	for _, tc := range []struct {
		in        string
		multiline bool
		want      string // "" when allowed
	}{
		{"Malik Kenzhaliyev", false, ""},
		{"Малик Кенжалиев", false, ""},
		{"Kenzh\u00adaliyev\u200b", false, ""},        // invisible, but harmless: search ignores them
		{"\u05e9\u05dc\u05d5\u05dd\u200f", false, ""}, // a right-to-left mark
		{"line one\nline two\r\n\tindented", true, ""},
		{"Malik\tKenzhaliyev", false, "character U+0009 (tab) at position 6 is not allowed"},
		{"Malik\nKenzhaliyev", false, "character U+000A (line feed) at position 6 is not allowed"},
		{"Malik\rKenzhaliyev", false, "character U+000D (carriage return) at position 6 is not allowed"},
		{"Малик\x00", false, "character U+0000 (null) at position 6 is not allowed"},
		{"Малик\x00", true, "character U+0000 (null) at position 6 is not allowed"},
		{"a\x1b[31mred", true, "character U+001B (escape) at position 2 is not allowed"},
		{"a\x07", true, "character U+0007 (control character) at position 2 is not allowed"},
		{"a\x1f", false, "character U+001F (control character) at position 2 is not allowed"},
		{"a\x7f", true, "character U+007F (delete) at position 2 is not allowed"},
		{"a\u0080", true, "character U+0080 (control character) at position 2 is not allowed"},
		{"a\u0085b", true, "character U+0085 (next line) at position 2 is not allowed"},
		{"Ба\u009b31m", true, "character U+009B (control sequence introducer) at position 3 is not allowed"},
		{"a\u009f", false, "character U+009F (control character) at position 2 is not allowed"},
		{"Kenzha\u202eveyila", false, "character U+202E (right-to-left override) at position 7 is not allowed"},
		{"x\u202a", true, "character U+202A (left-to-right embedding) at position 2 is not allowed"},
		{"x\u202b", true, "character U+202B (right-to-left embedding) at position 2 is not allowed"},
		{"x\u202c", true, "character U+202C (pop directional formatting) at position 2 is not allowed"},
		{"x\u202d", true, "character U+202D (left-to-right override) at position 2 is not allowed"},
		{"x\u2066", true, "character U+2066 (left-to-right isolate) at position 2 is not allowed"},
		{"x\u2067", true, "character U+2067 (right-to-left isolate) at position 2 is not allowed"},
		{"x\u2068", true, "character U+2068 (first strong isolate) at position 2 is not allowed"},
		{"x\u2069", true, "character U+2069 (pop directional isolate) at position 2 is not allowed"},
		{"\u2065\u206a\u2029\u00a0", false, ""}, // beside the refused ranges
		{"Кен\xffжа", false, "byte 0xFF at position 4 is not valid UTF-8"},
	} {
		err := docket.CheckText(tc.in, tc.multiline)
		if got := docket.ErrorMessage(err); got != tc.want {
			t.Errorf("CheckText(%q, %v) = %q, want %q", tc.in, tc.multiline, got, tc.want)
		}
		if err != nil && docket.ErrorCode(err) != docket.EINVALID {
			t.Errorf("CheckText(%q) code %q, want invalid", tc.in, docket.ErrorCode(err))
		}
	}
}

// TestNormalize_Controls checks that statements and sources refuse control and directional
// override characters, field by field, and say where.
func TestNormalize_Controls(t *testing.T) {
	person, _ := docket.SchemaByName("Person")
	for _, tc := range []struct {
		s    docket.Statement
		want string // "" when accepted
	}{
		{docket.Statement{Property: "name", Value: "Malik\u202eveyilahznek"}, "Person.name: character U+202E (right-to-left override) at position 6 is not allowed"},
		{docket.Statement{Property: "name", Value: "  Malik\tKenzhaliyev"}, "Person.name: character U+0009 (tab) at position 6 is not allowed"},
		{docket.Statement{Property: "occupation", Value: "judge\n"}, ""}, // trimmed away
		{docket.Statement{Property: "occupation", Value: "judge\nretired"}, "Person.occupation: character U+000A (line feed) at position 6 is not allowed"},
		{docket.Statement{Property: "birthDate", Value: "1970\x00"}, "Person.birthDate: character U+0000 (null) at position 5 is not allowed"},
		{docket.Statement{Property: "description", Value: "Judge.\n\tRemoved in 2019.\r\n"}, ""},
		{docket.Statement{Property: "description", Value: "Judge.\x1b]8;;https://evil.example\x07"}, "Person.description: character U+001B (escape) at position 7 is not allowed"},
		{docket.Statement{Property: "name", Value: "Malik", Quote: "said:\n\u00abMalik\u00bb"}, ""},
		{docket.Statement{Property: "name", Value: "Malik", Quote: "said \u2067Malik"}, "Person.name: quote: character U+2067 (right-to-left isolate) at position 6 is not allowed"},
		{docket.Statement{Property: "name", Value: "Malik", Locator: "p. 3\nfootnote 2"}, "Person.name: locator: character U+000A (line feed) at position 5 is not allowed"},
		{docket.Statement{Property: "name", Value: "Malik", Locator: "p.\u00853"}, "Person.name: locator: character U+0085 (next line) at position 3 is not allowed"},
	} {
		s := tc.s
		s.Entity, s.Sensitivity = "e1", docket.Public
		err := s.Normalize(person)
		if got := docket.ErrorMessage(err); got != tc.want {
			t.Errorf("Normalize(%s=%q, quote %q, locator %q) = %q, want %q", tc.s.Property, tc.s.Value, tc.s.Quote, tc.s.Locator, got, tc.want)
		}
	}
	for _, tc := range []struct {
		src  docket.Source
		want string
	}{
		{docket.Source{Title: "Press release", Note: "From the\nfamily."}, ""},
		{docket.Source{Title: "Press\x1b[2Jrelease"}, "source title: character U+001B (escape) at position 6 is not allowed"},
		{docket.Source{Title: "Press release", Publisher: "ODF\u202e"}, "source publisher: character U+202E (right-to-left override) at position 4 is not allowed"},
		{docket.Source{Title: "Press release", Note: "x\x00"}, "source note: character U+0000 (null) at position 2 is not allowed"},
		{docket.Source{URL: "https://example.org/\u202egpj.exe"}, "source url: character U+202E (right-to-left override) at position 21 is not allowed"},
		{docket.Source{Title: "T", Reliability: "high\tsort of"}, "source reliability: character U+0009 (tab) at position 5 is not allowed"},
	} {
		src := tc.src
		src.Sensitivity = docket.Public
		if got := docket.ErrorMessage(src.Normalize()); got != tc.want {
			t.Errorf("Source%+v.Normalize() = %q, want %q", tc.src, got, tc.want)
		}
	}
}
