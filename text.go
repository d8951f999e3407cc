package docket

import "unicode/utf8"

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
