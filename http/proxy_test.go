package http_test

import (
	"net/http"
	"net/netip"
	"testing"

	dockethttp "github.com/docketorg/docket/http"
)

// getVia requests url from client with the given X-Forwarded-For lines.
func getVia(t *testing.T, c *http.Client, url string, xff ...string) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range xff {
		req.Header.Add("X-Forwarded-For", v)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestTrustedProxy: behind a trusted proxy each person is limited under the address the proxy
// saw, the rightmost untrusted entry of X-Forwarded-For, whatever they wrote to its left; a
// peer that is not trusted is limited under its own address, whatever header it forges.
func TestTrustedProxy(t *testing.T) {
	_, _, s := openLoadServer(t, func(s *dockethttp.Server) {
		s.ExpensiveRate, s.ExpensiveBurst = 0.01, 3
		s.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32"), netip.MustParsePrefix("10.9.0.0/16")}
	})
	feed := s.URL() + "/feed.atom"
	proxy, stranger := fromAddr("127.0.0.1"), fromAddr("127.0.0.2")

	t.Run("forged by an untrusted peer", func(t *testing.T) {
		// A new forged address each time: were the header believed, no request would be refused.
		refused := 0
		for i := range 6 {
			if getVia(t, stranger, feed, netip.AddrFrom4([4]byte{198, 51, 100, byte(i)}).String()) == http.StatusTooManyRequests {
				refused++
			}
		}
		if refused != 3 {
			t.Errorf("6 requests with forged X-Forwarded-For from an untrusted peer, burst 3: %d refused, want 3", refused)
		}
	})

	t.Run("behind the proxy", func(t *testing.T) {
		// 203.0.113.1 uses up its burst; a forged entry to the left of what the proxies wrote,
		// one per request, does not give it another; a second proxy of ours (10.9.0.7) between
		// is passed over.
		refused := 0
		for i := range 6 {
			forged := netip.AddrFrom4([4]byte{192, 0, 2, byte(i)}).String()
			if getVia(t, proxy, feed, forged+", 203.0.113.1", "10.9.0.7") == http.StatusTooManyRequests {
				refused++
			}
		}
		if refused != 3 {
			t.Errorf("6 requests of one person behind the proxies, burst 3: %d refused, want 3", refused)
		}
		// Another person behind the same proxy is not held to the first one's limit.
		if code := getVia(t, proxy, feed, "203.0.113.2"); code != http.StatusOK {
			t.Errorf("another person behind the proxy: %d, want 200", code)
		}
		if code := getVia(t, proxy, feed, "[2001:db8::5]:4711"); code != http.StatusOK {
			t.Errorf("an IPv6 client with a port behind the proxy: %d, want 200", code)
		}
	})
}

func TestParseTrustedProxy(t *testing.T) {
	for in, want := range map[string]string{"10.0.0.0/8": "10.0.0.0/8", "10.1.2.3/8": "10.0.0.0/8", "192.0.2.1": "192.0.2.1/32", "2001:db8::/32": "2001:db8::/32", " ::1 ": "::1/128"} {
		if p, err := dockethttp.ParseTrustedProxy(in); err != nil || p.String() != want {
			t.Errorf("%q: %v, %v; want %s", in, p, err, want)
		}
	}
	for _, in := range []string{"", "10.0.0.0/33", "proxy.example", "10.0.0.1:80"} {
		if _, err := dockethttp.ParseTrustedProxy(in); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
}
