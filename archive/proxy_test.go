package archive

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/proxytest"
)

// hostOf is the HOST:PORT of a test server.
func hostOf(srv *httptest.Server) string { return srv.Listener.Addr().String() }

func proxied(tb testing.TB, p *proxytest.Proxy, scheme string) *Fetcher {
	tb.Helper()
	u, err := docket.ParseArchiveProxy(scheme + "://" + p.Addr)
	if err != nil {
		tb.Fatal(err)
	}
	f := NewFetcher()
	f.Proxy, f.Timeout = u, 10*time.Second
	return f
}

// TestFetch_SOCKS5 fetches a name that does not resolve here (.example) through a SOCKS5
// proxy that maps it to the test server: the proxy is asked by name, and the fetch succeeds
// only because it resolved the name.
func TestFetch_SOCKS5(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(page))
	defer srv.Close()
	p := proxytest.SOCKS5(t, map[string]string{"target.example:80": hostOf(srv)})
	f := proxied(t, p, "socks5h")
	res, err := f.Fetch(context.Background(), "http://target.example/moved")
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != 200 || res.FinalURL != "http://target.example/page.html" || !strings.Contains(string(res.Body), "7 February 2019") {
		t.Fatalf("through SOCKS5: %d %s", res.Status, res.FinalURL)
	}
	// Two connections (the redirect), both by name; the custody names no proxy's address.
	if got := p.Asked(); !slices.Equal(got, []string{"target.example:80", "target.example:80"}) {
		t.Fatalf("the proxy was asked %q, want the name twice", got)
	}
	if !res.Proxied || res.RemoteAddr != "" || res.UserAgent != DefaultUserAgent {
		t.Fatalf("result: proxied %v, remote %q, User-Agent %q", res.Proxied, res.RemoteAddr, res.UserAgent)
	}
	// A name this machine can resolve (localhost, from /etc/hosts) is still sent as a name.
	for _, scheme := range []string{"socks5h", "http"} {
		p := proxytest.SOCKS5(t, map[string]string{"localhost:80": hostOf(srv)})
		want := "localhost:80"
		if scheme == "http" {
			p, want = proxytest.HTTP(t, map[string]string{"localhost:80": hostOf(srv)}), "CONNECT localhost:80"
		}
		f := proxied(t, p, scheme)
		f.AllowPrivate = true
		if _, err := f.Fetch(context.Background(), "http://localhost/page.html"); err != nil {
			t.Fatal(err)
		}
		if got := p.Asked(); !slices.Equal(got, []string{want}) {
			t.Fatalf("%s proxy was asked %q, want %q: the name was resolved here", scheme, got, want)
		}
	}
}

// TestFetch_HTTPConnect fetches http:// and https:// names through an HTTP proxy: CONNECT
// with the name for both, and TLS to the name over the tunnel.
func TestFetch_HTTPConnect(t *testing.T) {
	var mu sync.Mutex
	var agents []string
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		agents = append(agents, r.UserAgent())
		mu.Unlock()
		page(w, r)
	})
	srv := httptest.NewServer(handler)
	defer srv.Close()
	tlsSrv := httptest.NewTLSServer(handler) // its certificate is for example.com
	defer tlsSrv.Close()
	p := proxytest.HTTP(t, map[string]string{"target.example:80": hostOf(srv), "example.com:443": hostOf(tlsSrv)})
	f := proxied(t, p, "http")
	f.UserAgent = "Operator-Chosen/1"
	pool := x509.NewCertPool()
	pool.AddCert(tlsSrv.Certificate())
	f.tls = &tls.Config{RootCAs: pool}
	ctx := context.Background()
	if res, err := f.Fetch(ctx, "http://target.example/page.html"); err != nil || res.Status != 200 {
		t.Fatalf("http:// through CONNECT: %v", err)
	}
	if res, err := f.Fetch(ctx, "https://example.com/page.html"); err != nil || res.Status != 200 || !res.Proxied || res.RemoteAddr != "" {
		t.Fatalf("https:// through CONNECT: %v", err)
	}
	if got := p.Asked(); !slices.Equal(got, []string{"CONNECT target.example:80", "CONNECT example.com:443"}) {
		t.Fatalf("the proxy was asked %q", got)
	}
	if !slices.Equal(agents, []string{"Operator-Chosen/1", "Operator-Chosen/1"}) {
		t.Fatalf("the server saw User-Agents %q", agents)
	}
}

// TestFetch_ProxyRefusesLocalNames: through a proxy, a target whose name leads into a local
// network is refused before anything is connected to, and so is a redirect to one.
func TestFetch_ProxyRefusesLocalNames(t *testing.T) {
	srv := httptest.NewServer(http.RedirectHandler("http://db.internal/admin", http.StatusFound))
	defer srv.Close()
	for _, scheme := range []string{"socks5h", "http"} {
		t.Run(scheme, func(t *testing.T) {
			p := proxytest.SOCKS5(t, map[string]string{"target.example:80": hostOf(srv)})
			if scheme == "http" {
				p = proxytest.HTTP(t, map[string]string{"target.example:80": hostOf(srv)})
			}
			f := proxied(t, p, scheme)
			for _, u := range []string{"http://localhost/", "http://LOCALHOST./x", "http://app.localhost/", "http://127.0.0.1/",
				"http://127.1/", "http://2130706433/", "http://0x7f.1/", "http://10.1.2.3:8080/", "http://[::1]/", "http://[fd00::1]/",
				"http://169.254.169.254/latest/meta-data/", "http://router/", "http://printer.local/", "http://db.internal/",
				"https://nas.home.arpa/", "http://files.corp/", "http://[::ffff:192.168.0.1]/"} {
				_, err := f.Fetch(context.Background(), u)
				if docket.ErrorCode(err) != docket.EFORBIDDEN {
					t.Errorf("Fetch(%s) through a proxy: %v, want a refusal", u, err)
				}
			}
			if got := p.Asked(); len(got) != 0 {
				t.Fatalf("the proxy was asked %q for refused names", got)
			}
			_, err := f.Fetch(context.Background(), "http://target.example/")
			if docket.ErrorCode(err) != docket.EFORBIDDEN || !strings.Contains(err.Error(), "db.internal is a local name") {
				t.Fatalf("a redirect to a local name: %v", err)
			}
			if got := p.Asked(); len(got) != 1 {
				t.Fatalf("the proxy was asked %q; want the first name only", got)
			}
			f.AllowPrivate = true // the operator may allow them
			if _, err := f.Fetch(context.Background(), "http://router/"); docket.ErrorCode(err) == docket.EFORBIDDEN {
				t.Fatalf("with AllowPrivate: %v", err)
			}
		})
	}
}

// TestFetch_ProxyOnly: with a proxy that is down, the fetch fails; it never goes direct.
func TestFetch_ProxyOnly(t *testing.T) {
	var hits int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits++ }))
	defer srv.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	down := ln.Addr().String()
	ln.Close()
	for _, scheme := range []string{"socks5h", "http"} {
		f := NewFetcher()
		f.Proxy, f.AllowPrivate = &url.URL{Scheme: scheme, Host: down}, true
		if _, err := f.Fetch(context.Background(), srv.URL); err == nil || !errors.Is(err, errProxy) {
			t.Errorf("%s proxy down: %v, want a proxy error", scheme, err)
		}
	}
	if hits != 0 {
		t.Fatalf("the target was reached directly %d times", hits)
	}
}

// TestFetch_IgnoresProxyEnvironment: HTTP_PROXY and HTTPS_PROXY neither route nor unroute
// the fetcher. http.ProxyFromEnvironment reads the environment once per process, so the
// fetches run in a child process with the variables set from its start.
func TestFetch_IgnoresProxyEnvironment(t *testing.T) {
	if os.Getenv("DOCKET_TEST_ENV_PROXY_CHILD") == "1" {
		f := NewFetcher()
		f.Timeout = 5 * time.Second
		// The environment's proxy is on 127.0.0.1, which this fetcher may reach; 10.0.0.1,
		// which no environment excludes from proxying, it refuses itself, without a packet.
		f.public = map[netip.Addr]bool{netip.MustParseAddr("127.0.0.1"): true}
		for _, u := range []string{"http://10.0.0.1/page", "https://10.0.0.1/page"} {
			_, err := f.Fetch(context.Background(), u)
			t.Logf("Fetch(%s): %v", u, err)
		}
		return
	}
	env := proxytest.HTTP(t, nil)
	cmd := exec.Command(os.Args[0], "-test.run=^TestFetch_IgnoresProxyEnvironment$")
	cmd.Env = append(os.Environ(), "DOCKET_TEST_ENV_PROXY_CHILD=1", "NO_PROXY=", "no_proxy=",
		"HTTP_PROXY=http://"+env.Addr, "HTTPS_PROXY=http://"+env.Addr, "http_proxy=http://"+env.Addr, "https_proxy=http://"+env.Addr)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if got := env.Asked(); len(got) != 0 {
		t.Fatalf("the environment's proxy was asked %q: the fetcher takes its proxy from the environment", got)
	}
}

// TestFetch_NoReferer: a redirect to another host does not tell it the URL it came from.
func TestFetch_NoReferer(t *testing.T) {
	referer := make(chan string, 1)
	to := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { referer <- r.Referer() }))
	defer to.Close()
	from := httptest.NewServer(http.RedirectHandler(to.URL+"/landing", http.StatusFound))
	defer from.Close()
	f := NewFetcher()
	f.AllowPrivate = true
	if _, err := f.Fetch(context.Background(), from.URL+"/confidential-path"); err != nil {
		t.Fatal(err)
	}
	if r := <-referer; r != "" {
		t.Fatalf("the next host was sent Referer %q", r)
	}
}

func TestClassifyName(t *testing.T) {
	for name, want := range map[string]string{
		"target.example": "", "tumba.kz": "", "duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion": "", "93.184.216.34": "",
		"localhost": "a local name (.localhost)", "x.local": "a local name (.local)", "metadata.google.internal": "a local name (.internal)",
		"1.0.0.10.in-addr.arpa": "a local name (.arpa)", "router": "a name of one label, which only a local network resolves",
		"127.1": "a numeric name that a proxy may read as an address", "[::1]": "a loopback address", "192.168.1.1": "a private address",
	} {
		if got := classifyName(name); got != want {
			t.Errorf("classifyName(%q) = %q, want %q", name, got, want)
		}
	}
}
