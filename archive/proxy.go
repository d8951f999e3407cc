package archive

import (
	"bufio"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/proxy"
)

// errProxy marks the errors of the proxy itself: unreachable, refusing, or confused.
var errProxy = errors.New("archive proxy")

// dialFunc dials an address, as http.Transport's DialContext.
type dialFunc func(ctx context.Context, network, address string) (net.Conn, error)

// proxyDialer returns a dial function that reaches every address through the proxy p, with
// the address's name as given: socks5h:// sends it in the SOCKS5 request (golang.org/x/net's
// dialer sends a name that is not an IP literal as a name), http:// in a CONNECT request. Only
// the proxy is connected to, by forward.
//
// An http proxy is asked to CONNECT for http:// targets as well, rather than being sent the
// request itself: Tor's HTTPTunnelPort takes only CONNECT, and the proxy then sees a host and
// a port, not the page.
func proxyDialer(p *url.URL, forward *net.Dialer) (dialFunc, error) {
	switch p.Scheme {
	case "socks5h":
		var auth *proxy.Auth
		if p.User != nil {
			pw, _ := p.User.Password()
			auth = &proxy.Auth{User: p.User.Username(), Password: pw}
		}
		d, err := proxy.SOCKS5("tcp", p.Host, auth, forward)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", errProxy, err)
		}
		cd, ok := d.(proxy.ContextDialer)
		if !ok {
			return nil, fmt.Errorf("%w: the SOCKS5 dialer cannot take a context", errProxy)
		}
		return func(ctx context.Context, network, address string) (net.Conn, error) {
			c, err := cd.DialContext(ctx, network, address)
			if err != nil {
				return nil, fmt.Errorf("%w: %w", errProxy, err)
			}
			return c, nil
		}, nil
	case "http":
		return func(ctx context.Context, network, address string) (net.Conn, error) {
			return connect(ctx, p, forward, address)
		}, nil
	}
	return nil, fmt.Errorf("%w: unsupported scheme %q", errProxy, p.Scheme)
}

// connect opens a tunnel to address through the http proxy p.
func connect(ctx context.Context, p *url.URL, forward *net.Dialer, address string) (net.Conn, error) {
	c, err := forward.DialContext(ctx, "tcp", p.Host)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errProxy, err)
	}
	deadline := time.Now().Add(30 * time.Second)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	c.SetDeadline(deadline)
	req := "CONNECT " + address + " HTTP/1.1\r\nHost: " + address + "\r\n"
	if p.User != nil {
		pw, _ := p.User.Password()
		req += "Proxy-Authorization: Basic " + base64.StdEncoding.EncodeToString([]byte(p.User.Username()+":"+pw)) + "\r\n"
	}
	if _, err := c.Write([]byte(req + "\r\n")); err != nil {
		c.Close()
		return nil, fmt.Errorf("%w: %w", errProxy, err)
	}
	br := bufio.NewReader(c)
	resp, err := http.ReadResponse(br, &http.Request{Method: http.MethodConnect})
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("%w: %w", errProxy, err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		c.Close()
		return nil, fmt.Errorf("%w answered CONNECT with %s", errProxy, resp.Status)
	}
	if br.Buffered() > 0 { // the target cannot have spoken before the client: a confused proxy
		c.Close()
		return nil, fmt.Errorf("%w sent data before the tunnel was open", errProxy)
	}
	c.SetDeadline(time.Time{})
	return c, nil
}

// localSuffixes are names that lead into a local network, not onto the web, when a proxy (a
// company's, or one on the operator's network) resolves them.
var localSuffixes = []string{"localhost", "local", "internal", "intranet", "lan", "home", "corp", "private", "localdomain", "arpa"}

// classifyName says why a host name, sent unresolved to a proxy, might lead the proxy into a
// private network, or "" when it does not. The proxy resolves the name, so this is all that
// can be checked here: a public name whose DNS answer is a private address is for the proxy
// to refuse (Tor's exits do).
func classifyName(host string) string {
	h := strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if a, err := netip.ParseAddr(h); err == nil {
		return classify(a)
	}
	if h == "" {
		return "an empty name"
	}
	for _, s := range localSuffixes {
		if h == s || strings.HasSuffix(h, "."+s) {
			return "a local name (." + s + ")"
		}
	}
	labels := strings.Split(h, ".")
	if len(labels) == 1 {
		return "a name of one label, which only a local network resolves"
	}
	// 127.1, 2130706433, 0x7f.1: not IP addresses to netip, but to the inet_aton of many a
	// proxy. No top-level domain is numeric.
	last := labels[len(labels)-1]
	if last != "" && (strings.Trim(last, "0123456789") == "" || strings.HasPrefix(last, "0x")) {
		return "a numeric name that a proxy may read as an address"
	}
	return ""
}

// checkName refuses a target host that classifyName finds local, unless private addresses
// are allowed.
func (f *Fetcher) checkName(u, host string) error {
	if f.AllowPrivate {
		return nil
	}
	if why := classifyName(host); why != "" {
		re := &RefusedError{URL: u, Name: host, Why: why}
		if a, err := netip.ParseAddr(strings.Trim(host, "[]")); err == nil {
			if f.public[a.Unmap()] {
				return nil
			}
			re.Addr, re.Name = a.Unmap(), ""
		}
		return re
	}
	return nil
}
