package main

import (
	"bytes"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTermWriter(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"Malik Kenzhaliyev\tjudge\n", "Malik Kenzhaliyev\tjudge\n"},
		{"Малик Кенжалиев, Жаңаөзен ✓ 😀\n", "Малик Кенжалиев, Жаңаөзен ✓ 😀\n"},
		{"a\x1b[2Jb", "a^[[2Jb"},
		{"\x1b]0;pwned\x07", "^[]0;pwned^G"},
		{"\x00\x01\x1f\x7f", "^@^A^_^?"},
		{"over\rwrite", "over^Mwrite"},
		{"\u0085\u009b31m\u009d0;x\u009c", "^[E^[[31m^[]0;x^[\\"},
		{"Кен\u0080жа", "Кен^[@жа"},
		{"\x9b31m", "\uFFFD31m"},       // a raw C1 byte, not UTF-8
		{"a\xc3(b", "a\uFFFD(b"},       // a broken sequence
		{"a\xe2\x80\xaeb", "a\u202eb"}, // not a control: bidi is refused on input, not here
		{"\u00a0\u200b\u00ad", "\u00a0\u200b\u00ad"},
	} {
		var whole bytes.Buffer
		w := newTermWriter(&whole)
		if n, err := w.Write([]byte(tc.in)); n != len(tc.in) || err != nil {
			t.Fatalf("Write(%q) = %d, %v", tc.in, n, err)
		}
		w.Flush()
		if whole.String() != tc.want {
			t.Errorf("Write(%q) wrote %q, want %q", tc.in, whole.String(), tc.want)
		}
		// Split at every point, and byte by byte: the same output.
		for i := 0; i <= len(tc.in); i++ {
			var split bytes.Buffer
			w := newTermWriter(&split)
			w.Write([]byte(tc.in[:i]))
			w.Write([]byte(tc.in[i:]))
			w.Flush()
			if split.String() != tc.want {
				t.Errorf("Write(%q), Write(%q) wrote %q, want %q", tc.in[:i], tc.in[i:], split.String(), tc.want)
			}
		}
		var bytewise bytes.Buffer
		w = newTermWriter(&bytewise)
		for i := 0; i < len(tc.in); i++ {
			w.Write([]byte{tc.in[i]})
		}
		w.Flush()
		if bytewise.String() != tc.want {
			t.Errorf("Write(%q) a byte at a time wrote %q, want %q", tc.in, bytewise.String(), tc.want)
		}
	}
	// A character cut short by the end of the output is written as U+FFFD by Flush.
	var b bytes.Buffer
	w := newTermWriter(&b)
	w.Write([]byte("Кен\xd0"))
	if b.String() != "Кен" {
		t.Errorf("before Flush: %q, want %q (the cut character held)", b.String(), "Кен")
	}
	w.Flush()
	if b.String() != "Кен\uFFFD" {
		t.Errorf("after Flush: %q, want %q", b.String(), "Кен\uFFFD")
	}
}

// terminalUnsafe reports the first byte or character in s that controls a terminal.
func terminalUnsafe(s string) (string, bool) {
	for i, r := range s {
		switch {
		case r == '\n' || r == '\t':
		case r < 0x20 || r == 0x7f || 0x80 <= r && r <= 0x9f:
			return s[max(0, i-20):min(len(s), i+20)], true
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			return s[max(0, i-20):min(len(s), i+20)], true // a byte that is not UTF-8
		}
	}
	return "", false
}

// TestOutput_NoTerminalControls stores escape sequences as a store written before they were
// refused may hold them, past every check, and runs the commands that print them.
func TestOutput_NoTerminalControls(t *testing.T) {
	d := MustDemo(t)
	db, err := sql.Open("sqlite", filepath.Join(d, "docket.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	const evil = "judge\x1b[2J\x1b]0;pwned\x07\u009b31m\x7f\r"
	res, err := db.Exec(`UPDATE statements SET value = ?, quote = ? WHERE entity_id = 'person-kenzhaliyev' AND property = 'occupation'`,
		evil, "quote\x1b[8m\u0085hidden")
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		t.Fatal("no statement to alter")
	}
	db.Exec(`UPDATE sources SET title = 'Tumba' || char(27) || '[5m' WHERE id IN (SELECT source_id FROM statements WHERE entity_id = 'person-kenzhaliyev')`)

	for _, args := range [][]string{
		{"show", "person-kenzhaliyev"},
		{"show", "person-kenzhaliyev", "--json"},
		{"history", "person-kenzhaliyev"},
		{"list"},
		{"show", "no such\x1b]0;pwned\x07 person"}, // an error repeating its input
	} {
		_, out, errs := run(t, "", append(args, "--data", d)...)
		for name, s := range map[string]string{"stdout": out, "stderr": errs} {
			if bad, ok := terminalUnsafe(s); ok {
				t.Errorf("docket %s: %s holds a terminal control near %q", strings.Join(args, " "), name, bad)
			}
		}
		if args[0] == "show" && len(args) == 2 && args[1] == "person-kenzhaliyev" && !strings.Contains(out, "judge^[[2J^[]0;pwned^G^[[31m^?^M") {
			t.Errorf("docket show: the escape sequence is not shown in caret form:\n%s\n%s", out, errs)
		}
	}
	// An export is a backup, not text for a terminal: byte for byte.
	if out := mustRun(t, "export", "--data", d); !strings.Contains(out, "\u009b31m") {
		t.Error("docket export altered a stored value")
	}
}
