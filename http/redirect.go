package http

import (
	"fmt"
	"net/url"
	"path"
	"strings"
)

// localPath returns next re-serialised as a path on this site, or "/" when a browser might
// read it as an address elsewhere: sign-in, the language links and the review forms go back
// to a "next" that anyone can put in a link, and must not send anyone off the site.
//
// Browsers are lenient (WHATWG URL parsing): they drop tabs and newlines anywhere, trim
// leading controls and spaces, and read a backslash as a slash, so "/\t/evil.example" and
// "/\evil.example" both mean "//evil.example", another host. Rather than predict every such
// reading, localPath refuses what a path of this site never needs: control characters, DEL
// and backslashes, a scheme, a host or user, a leading "//", and a path that reads as any of
// these once percent-decoded, however many times (a proxy or a later redirect may decode
// again). What passes is written out again from its parsed parts, never returned raw.
func localPath(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || !plainURLText(next) {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Opaque != "" || u.User != nil || u.Host != "" {
		return "/"
	}
	// Clean the escaped path, so that an encoded slash stays a character of its segment.
	p := path.Clean(u.EscapedPath())
	if strings.HasSuffix(u.EscapedPath(), "/") && p != "/" {
		p += "/"
	}
	// What is written out must hold decoded too, and decoded again while that changes it
	// (%252F is %2F is /): servers and proxies on the way may decode once more.
	for s, i := p, 0; ; i++ {
		if !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") || !plainURLText(s) {
			return "/"
		}
		d, err := url.PathUnescape(s)
		if err != nil || d == s {
			break
		}
		if i == 4 {
			return "/" // no path of ours is encoded five times over
		}
		s = d
	}
	if u.RawQuery != "" || u.ForceQuery {
		p += "?" + escapeLoose(u.RawQuery)
	}
	if u.Fragment != "" {
		p += "#" + u.EscapedFragment()
	}
	return p
}

// plainURLText reports whether s has no ASCII control character, DEL or backslash: none has
// a place in a path of ours, and each is read differently by browsers and by url.Parse.
func plainURLText(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f || c == '\\' {
			return false
		}
	}
	return true
}

// escapeLoose percent-encodes what may not stand as is in a query: url.Parse keeps the raw
// query unchecked. Valid escapes and the characters RFC 3986 allows stay as they are, so a
// query keeps its meaning and its order.
func escapeLoose(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%' && i+2 < len(s) && ishex(s[i+1]) && ishex(s[i+2]),
			c != '%' && ('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || strings.IndexByte("-._~!$&'()*+,;=:@/?", c) >= 0):
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

func ishex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
