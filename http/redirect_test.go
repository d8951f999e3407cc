package http

import "testing"

// TestLocalPath holds the known ways to make a "next" leave the site. Each value is as the
// handler sees it, the query or form value already decoded once by net/http; a browser then
// reads the Location as WHATWG URL parsing does (tabs and newlines dropped, leading controls
// and spaces trimmed, "\" read as "/").
func TestLocalPath(t *testing.T) {
	for _, tt := range []struct{ next, want string }{
		// Another host, plainly or as a browser reads it.
		{"//evil.example/", "/"},
		{"///evil.example/", "/"},
		{"////evil.example/", "/"},
		{"/\\evil.example/", "/"},
		{"\\/evil.example/", "/"},
		{"\\\\evil.example/", "/"},
		{"/\\/evil.example/", "/"},
		{"/x\\y", "/"}, // no backslash anywhere: no path of ours has one
		{"/\t/evil.example/", "/"},
		{"/\n/evil.example/", "/"},
		{"/\r/evil.example/", "/"},
		{"/\r\n/evil.example/", "/"},
		{"\t//evil.example/", "/"},
		{" //evil.example/", "/"},
		{"\x00//evil.example/", "/"},
		{"\x1f//evil.example/", "/"},
		{"/\x00/evil.example/", "/"},
		{"/\x7f/evil.example/", "/"},
		{"/x\x1b[31m", "/"},
		{"https://evil.example/", "/"},
		{"HTTPS://evil.example/", "/"},
		{"https:evil.example", "/"},
		{"https:/evil.example", "/"},
		{"http:\\\\evil.example", "/"},
		{"javascript:alert(1)", "/"},
		{"JaVaScRiPt:alert(1)", "/"},
		{"data:text/html,x", "/"},
		{"//user@evil.example/", "/"},
		{"/\t/user:pass@evil.example/", "/"},
		{"evil.example", "/"},
		{"", "/"},
		// Encoded: the value decoded once by net/http, then by anyone on the way.
		{"/%2F/evil.example", "/"},
		{"/%2f/evil.example", "/"},
		{"/%2F%2Fevil.example", "/"},
		{"/%5C/evil.example", "/"},
		{"/%5c/evil.example", "/"},
		{"/%5C%5Cevil.example", "/"},
		{"/%09/evil.example/", "/"},
		{"/%0a/evil.example/", "/"},
		{"/%0D/evil.example/", "/"},
		{"/%00/evil.example/", "/"},
		{"/%7F/evil.example/", "/"},
		{"/%252F/evil.example", "/"},
		{"/%25252F/evil.example", "/"},
		{"/%255C/evil.example", "/"},
		{"/%2509/evil.example", "/"},
		{"/../%2F/evil.example", "/"}, // the cleaned path must hold too
		{"/%2525252525252F", "/"},     // encoded more often than anything of ours
		// Odd but on this site: what a browser makes of them stays here.
		{"/.//evil.example/", "/evil.example/"},
		{"/..//evil.example", "/evil.example"},
		{"/ /evil.example/", "/%20/evil.example/"},
		{"/\uff0f/evil.example", "/%EF%BC%8F/evil.example"}, // fullwidth solidus: not a slash in a path
		{"/\uff0f\uff0fevil.example", "/%EF%BC%8F%EF%BC%8Fevil.example"},
		{"/\u2215evil.example", "/%E2%88%95evil.example"}, // division slash
		{"/@evil.example", "/@evil.example"},
		{"/x?next=//evil.example", "/x?next=//evil.example"},
		{"/x#//evil.example", "/x#//evil.example"},
		{"/x?q=<script>", "/x?q=%3Cscript%3E"},
		{"/x?q=100%", "/x?q=100%25"},
		// What the site itself links to: kept.
		{"/", "/"},
		{"/review", "/review"},
		{"/account?done=password", "/account?done=password"},
		{"/entity/x?flash=1#f", "/entity/x?flash=1#f"},
		{"/search?q=a%20b", "/search?q=a%20b"},
		{"/search?q=a+b&kind=Person", "/search?q=a+b&kind=Person"},
		{"/search?", "/search?"},
		{"/entity/a%2Fb", "/entity/a%2Fb"},
		{"/history/", "/history/"},
		{"/entity/Байтурова", "/entity/%D0%91%D0%B0%D0%B9%D1%82%D1%83%D1%80%D0%BE%D0%B2%D0%B0"},
		{"/entity/%D0%91%D0%B0%D0%B9%D1%82%D1%83%D1%80%D0%BE%D0%B2%D0%B0", "/entity/%D0%91%D0%B0%D0%B9%D1%82%D1%83%D1%80%D0%BE%D0%B2%D0%B0"},
		{"/search?q=Байтурова", "/search?q=%D0%91%D0%B0%D0%B9%D1%82%D1%83%D1%80%D0%BE%D0%B2%D0%B0"},
	} {
		got := localPath(tt.next)
		if got != tt.want {
			t.Errorf("localPath(%q) = %q, want %q", tt.next, got, tt.want)
		}
		// The sign-in form sends its next back: the safe form is a fixed point.
		if again := localPath(got); again != got {
			t.Errorf("localPath(localPath(%q)) = %q, want %q", tt.next, again, got)
		}
	}
}
