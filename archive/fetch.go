// Package archive preserves what a source's URL answers: it fetches pages under strict rules
// (time-outs, a size limit, recorded redirects, no private addresses), extracts their text,
// and writes snapshots as WARC/1.1 for standard web-archive tools.
package archive

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/docketorg/docket"
)

// Fetcher fetches URLs for snapshots.
type Fetcher struct {
	// AllowPrivate lets the fetcher reach private, loopback and link-local addresses. Off by
	// default: a source URL must not become a way into the operator's own network.
	AllowPrivate bool
	// Proxy, when set, is the only address the fetcher connects to: a socks5h:// or http://
	// URL (docket.ParseArchiveProxy). Names are then resolved by the proxy, never here, and the
	// private-address refusal applies to the names asked for (see classifyName).
	Proxy        *url.URL
	MaxSize      int64         // body limit in bytes
	Timeout      time.Duration // for the whole fetch
	UserAgent    string
	MaxRedirects int

	public map[netip.Addr]bool // addresses tests treat as public
	tls    *tls.Config         // tests trust their own server's certificate
}

// DefaultUserAgent is the User-Agent of fetches unless the operator sets another: Tor
// Browser's (Firefox 140 ESR, which spoofs Windows). A User-Agent naming Docket would tell
// the adversary's server logs which pages an organisation using Docket preserves, and, without
// a proxy, from which address; this one is what every Tor Browser user sends, and an ordinary
// Firefox outside Tor. It hides a name, not a fetcher: the request still differs from a
// browser's (no images, scripts or cookies; Go's TLS), which a proxy does not change either.
// Move it on when Tor Browser moves to the next ESR: an old browser stands out too.
const DefaultUserAgent = "Mozilla/5.0 (Windows NT 10.0; rv:140.0) Gecko/20100101 Firefox/140.0"

// NewFetcher returns a fetcher with the defaults: direct, with DefaultUserAgent.
func NewFetcher() *Fetcher {
	return &Fetcher{MaxSize: docket.MaxSnapshotSize, Timeout: 60 * time.Second, UserAgent: DefaultUserAgent, MaxRedirects: 10}
}

// Result is what a fetch received.
type Result struct {
	URL         string
	FinalURL    string
	Redirects   []docket.Redirect
	Status      int
	Header      http.Header
	Body        []byte
	UserAgent   string // as sent
	RemoteAddr  string // the address that answered; "" through a proxy
	Proxied     bool   // fetched through the Fetcher's proxy
	RequestedAt time.Time
	FetchedAt   time.Time
}

// RefusedError says that an address, or through a proxy a name, may not be fetched.
type RefusedError struct {
	URL  string
	Addr netip.Addr // the address refused; invalid when a name was refused
	Name string     // the name refused, through a proxy
	Why  string     // "a loopback address", "a private address", "a local name", ...
}

func (e *RefusedError) Error() string {
	what := e.Name
	if e.Addr.IsValid() {
		what = e.Addr.String()
	}
	return fmt.Sprintf("refused to fetch %s: %s is %s (the operator may allow it with --allow-private)", e.URL, what, e.Why)
}

// classify says why an address is not public, or "" when it is.
func classify(a netip.Addr) string {
	a = a.Unmap()
	switch {
	case a.IsLoopback():
		return "a loopback address"
	case a.IsPrivate():
		return "a private address"
	case a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast():
		return "a link-local address"
	case a.IsUnspecified():
		return "an unspecified address"
	case a.IsMulticast() || a.IsInterfaceLocalMulticast():
		return "a multicast address"
	case a.Is4() && a.As4()[0] == 100 && a.As4()[1]&0xc0 == 64:
		return "a shared (carrier-grade NAT) address"
	case a.Is4() && (a.As4()[0] == 0 || a.As4()[0] >= 240):
		return "a reserved address"
	}
	return ""
}

// Fetch fetches u. Directly, the address check runs at connect time, after DNS resolution,
// for the first request and every redirect, so neither a redirect nor a DNS answer that
// changes between check and use can lead the fetcher into a private network. Through a proxy
// the name is checked instead, before anything is connected to and again for every redirect;
// the proxy resolves it.
func (f *Fetcher) Fetch(ctx context.Context, u string) (*Result, error) {
	pu, err := url.Parse(u)
	if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
		return nil, docket.Errorf(docket.EINVALID, "%q is not an absolute http or https URL", u)
	}
	res := &Result{URL: u, RequestedAt: time.Now().UTC(), Proxied: f.Proxy != nil, UserAgent: f.UserAgent}
	var current string // the URL being fetched, for refusals
	dialer := &net.Dialer{Timeout: 15 * time.Second}
	dial := dialer.DialContext
	if f.Proxy == nil {
		dialer.Control = func(network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return err
			}
			if why := classify(ap.Addr()); why != "" && !f.AllowPrivate && !f.public[ap.Addr().Unmap()] {
				return &RefusedError{URL: current, Addr: ap.Addr().Unmap(), Why: why}
			}
			return nil
		}
	} else {
		if err := f.checkName(u, pu.Hostname()); err != nil {
			return nil, docket.Errorf(docket.EFORBIDDEN, "%s", err.Error())
		}
		// The dialer reaches the proxy only, which is the operator's (often Tor on this
		// machine): its address is not checked. Every target is checked by name.
		through, err := proxyDialer(f.Proxy, dialer)
		if err != nil {
			return nil, err
		}
		dial = func(ctx context.Context, network, address string) (net.Conn, error) {
			host, _, err := net.SplitHostPort(address)
			if err != nil {
				return nil, err
			}
			if err := f.checkName(current, host); err != nil {
				return nil, err
			}
			return through(ctx, network, address)
		}
	}
	transport := &http.Transport{
		// Set here, never from the environment (http.ProxyFromEnvironment): a variable must
		// not silently route an organisation's fetches through someone else's proxy, nor
		// unroute them from its own. A configured proxy is reached by dial, above, which
		// sends the target's name, unresolved, in SOCKS5 or CONNECT.
		Proxy:                 nil,
		DialContext:           dial,
		TLSClientConfig:       f.tls,
		TLSHandshakeTimeout:   15 * time.Second,
		ResponseHeaderTimeout: 30 * time.Second,
		MaxIdleConns:          1,
		DisableKeepAlives:     true,
	}
	client := &http.Client{
		Transport: transport,
		Timeout:   f.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > f.MaxRedirects {
				return fmt.Errorf("more than %d redirects", f.MaxRedirects)
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirect to a %s: URL", req.URL.Scheme)
			}
			// The client tells the next host where it came from; that is the source's URL,
			// which may be confidential, and the next host may be anyone's.
			req.Header.Del("Referer")
			res.Redirects = append(res.Redirects, docket.Redirect{URL: via[len(via)-1].URL.String(), Status: req.Response.StatusCode})
			current = req.URL.String()
			return nil
		},
	}
	ctx, cancel := context.WithTimeout(ctx, f.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, docket.Errorf(docket.EINVALID, "%s: %v", u, err)
	}
	req.Header.Set("User-Agent", f.UserAgent)
	// As Tor Browser asks, so that the default User-Agent is not contradicted by the rest.
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
	req.Header.Set("Accept-Language", "en-US,en;q=0.5")
	var remote string
	req = req.WithContext(withRemote(ctx, &remote))
	current = u
	resp, err := client.Do(req)
	if err != nil {
		var re *RefusedError
		if errors.As(err, &re) {
			return nil, docket.Errorf(docket.EFORBIDDEN, "%s", re.Error())
		}
		return nil, fmt.Errorf("fetch %s: %w", u, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", u, err)
	}
	if int64(len(body)) > f.MaxSize {
		return nil, docket.Errorf(docket.ETOOLARGE, "%s: the response is larger than the limit of %d bytes", u, f.MaxSize)
	}
	res.FinalURL, res.Status, res.Header, res.Body = resp.Request.URL.String(), resp.StatusCode, resp.Header, body
	res.RemoteAddr, res.FetchedAt = remote, time.Now().UTC()
	if res.Proxied {
		res.RemoteAddr = "" // the proxy's address: the organisation's, not the page's
	}
	return res, nil
}

// ContentType returns the media type of a result, lower-cased, without parameters.
func (r *Result) ContentType() string {
	ct, _, _ := strings.Cut(r.Header.Get("Content-Type"), ";")
	return strings.ToLower(strings.TrimSpace(ct))
}
