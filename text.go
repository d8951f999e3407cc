package docket

import (
	"fmt"
	"unicode/utf8"
)

// CheckText returns an EINVALID error when s holds a character that no stored text may hold,
// naming the first one as U+XXXX and its position, counted in characters from 1:
// "character U+202E (right-to-left override) at position 7 is not allowed". Callers put
// the field in front.
//
// Refused: invalid UTF-8, the C0 controls and DEL (a NUL truncates text in C programs, an
// ESC drives a terminal), the C1 controls U+0080–U+009F (U+009B is a one-character escape
// sequence to many terminals), and the directional embeddings, overrides and isolates
// U+202A–U+202E and U+2066–U+2069, which can make a name read as another on screen
// ("Trojan Source"). Tab, line feed and carriage return are allowed when multiline: the
// free text of descriptions, notes, quotes and reasons has lines; names never do.
// Directional marks (U+200E, U+200F, U+061C) stay allowed: right-to-left text needs them,
// and they reorder nothing beyond themselves.
func CheckText(s string, multiline bool) error {
	pos := 0
	for i := 0; i < len(s); {
		c := s[i]
		pos++
		if 0x20 <= c && c < 0x7f {
			i++
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case r == utf8.RuneError && size == 1:
			return Errorf(EINVALID, "byte 0x%02X at position %d is not valid UTF-8", c, pos)
		case multiline && (r == '\t' || r == '\n' || r == '\r'):
		case r < 0x20 || 0x7f <= r && r <= 0x9f || 0x202a <= r && r <= 0x202e || 0x2066 <= r && r <= 0x2069:
			return Errorf(EINVALID, "character %s at position %d is not allowed", describeRune(r), pos)
		}
		i += size
	}
	return nil
}

// describeRune names a refused character for an error message: "U+202E (right-to-left
// override)".
func describeRune(r rune) string {
	name := "control character"
	switch r {
	case 0:
		name = "null"
	case '\t':
		name = "tab"
	case '\n':
		name = "line feed"
	case '\r':
		name = "carriage return"
	case 0x1b:
		name = "escape"
	case 0x7f:
		name = "delete"
	case 0x85:
		name = "next line"
	case 0x9b:
		name = "control sequence introducer"
	case 0x202a:
		name = "left-to-right embedding"
	case 0x202b:
		name = "right-to-left embedding"
	case 0x202c:
		name = "pop directional formatting"
	case 0x202d:
		name = "left-to-right override"
	case 0x202e:
		name = "right-to-left override"
	case 0x2066:
		name = "left-to-right isolate"
	case 0x2067:
		name = "right-to-left isolate"
	case 0x2068:
		name = "first strong isolate"
	case 0x2069:
		name = "pop directional isolate"
	}
	return fmt.Sprintf("U+%04X (%s)", r, name)
}

// CheckUTF8 returns an EINVALID error naming the first byte, counted from 1, where b is not
// valid UTF-8. Readers of JSON call it first: encoding/json would quietly put U+FFFD in place
// of a broken character, and a name would be stored changed.
func CheckUTF8(b []byte) error {
	if utf8.Valid(b) {
		return nil
	}
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return Errorf(EINVALID, "invalid UTF-8 at byte %d", i+1)
		}
		i += size
	}
	return nil
}
