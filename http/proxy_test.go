package http_test

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/netip"
	"net/url"
	"testing"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/auth"
	dockethttp "github.com/docketorg/docket/http"
	"github.com/docketorg/docket/internal/pgtest"
	"github.com/docketorg/docket/internal/storetest"
	"github.com/docketorg/docket/postgres"
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

// TestSignIn_ThrottleShared: two servers on one PostgreSQL database, as behind a load balancer,
// hold an account to one limit of wrong passwords between them, not one each.
func TestSignIn_ThrottleShared(t *testing.T) {
	dsn := pgtest.Schema(t)
	var servers []*dockethttp.Server
	var first *postgres.DB
	for range 2 {
		db := postgres.NewDB(dsn)
		db.DataKey = storetest.DataKey() // the tests record confidential data
		if err := db.Open(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		if first == nil {
			first = db
		}
		s := dockethttp.NewServer(db)
		s.Addr = "127.0.0.1:0"
		if err := s.Open(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		servers = append(servers, s)
	}
	h, err := auth.HashPassword("password-of-dora", cheap)
	if err != nil {
		t.Fatal(err)
	}
	if err := first.CreateUser(context.Background(), docket.Operator("test"), &docket.User{Name: "dora", Role: docket.Reader}, h); err != nil {
		t.Fatal(err)
	}
	try := func(s *dockethttp.Server, pw string) int {
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		_, page := getPage(t, c, s.URL()+"/login")
		resp, _ := postForm(t, c, s.URL()+"/login", url.Values{"csrf": {csrfOf(t, page)}, "name": {"dora"}, "password": {pw}})
		return resp.StatusCode
	}
	// Five wrong passwords, taking turns between the servers: the limit of the account.
	for i := range 5 {
		if code := try(servers[i%2], "guess"); code != http.StatusUnauthorized {
			t.Fatalf("wrong password %d: %d, want 401", i+1, code)
		}
	}
	for i, s := range servers {
		if code := try(s, "password-of-dora"); code != http.StatusTooManyRequests {
			t.Errorf("server %d after five wrong passwords spread over both: %d, want 429", i+1, code)
		}
	}
}
