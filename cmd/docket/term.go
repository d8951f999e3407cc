package main

import (
	"io"
	"sync"
	"unicode/utf8"
)

// termWriter writes text for a terminal with the characters that would control it made
// visible: data printed by a command (a name, a quote, an error that repeats its input) may
// hold an escape sequence stored before such characters were refused, or in a file being
// imported, and on a terminal an escape sequence can retitle the window, hide lines, rewrite
// the screen or, on some terminals, answer back as if typed.
//
// C0 controls but tab and line feed, and DEL, are written in caret notation, as cat -v and
// less show them (ESC is ^[, NUL ^@, CR ^M, DEL ^?): an operator sees that an escape sequence
// was there, and which. A C1 control U+0080–U+009F is written as its 7-bit equivalent, ESC
// and a letter (ECMA-48), in the same notation: U+009B, the one-character CSI, is ^[[. Bytes
// that are not UTF-8, which some terminals read as C1 controls, become U+FFFD. A character
// split across two writes is held until the rest of it arrives; Flush writes what is held.
// Safe for concurrent use: serve logs from many goroutines.
type termWriter struct {
	mu    sync.Mutex
	w     io.Writer
	carry []byte // the start of a character whose rest is in the next write
	buf   []byte
}

func newTermWriter(w io.Writer) *termWriter { return &termWriter{w: w} }

// Write writes p with the controls in it made visible. It reports all of p written, or 0 and
// the underlying writer's error.
func (t *termWriter) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	in := p
	if len(t.carry) > 0 {
		in = append(append([]byte(nil), t.carry...), p...)
		t.carry = t.carry[:0]
	}
	out := t.buf[:0]
	start, end := 0, len(in) // in[start:i] is passed as it is
	for i := 0; i < len(in); {
		c := in[i]
		if 0x20 <= c && c < 0x7f || c == '\n' || c == '\t' {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			out = appendCaret(append(out, in[start:i]...), rune(c))
			i++
			start = i
			continue
		}
		if !utf8.FullRune(in[i:]) {
			t.carry = append(t.carry, in[i:]...)
			end = i
			break
		}
		r, size := utf8.DecodeRune(in[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			out = append(append(out, in[start:i]...), "\uFFFD"...)
		case r <= 0x9f:
			out = appendCaret(append(out, in[start:i]...), r)
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	if start == 0 {
		out = in[:end] // nothing to change: no copy
	} else {
		out = append(out, in[start:end]...)
		if cap(out) <= 64<<10 {
			t.buf = out[:0]
		}
	}
	if len(out) > 0 {
		if _, err := t.w.Write(out); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// Flush writes a character left incomplete by the last write, as U+FFFD: no more of it is
// coming.
func (t *termWriter) Flush() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.carry) == 0 {
		return nil
	}
	t.carry = t.carry[:0]
	_, err := io.WriteString(t.w, "\uFFFD")
	return err
}

// appendCaret appends the caret form of a C0 control, DEL or a C1 control.
func appendCaret(b []byte, r rune) []byte {
	switch {
	case r < 0x20:
		return append(b, '^', byte(r)+0x40)
	case r == 0x7f:
		return append(b, '^', '?')
	}
	return append(b, '^', '[', byte(r-0x40)) // C1: ESC and the character 0x40 below it
}
