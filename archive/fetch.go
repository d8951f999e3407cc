// Package archive preserves what a source's URL answers: it fetches pages under strict rules
// (time-outs, a size limit, recorded redirects, no private addresses), extracts their text,
// and writes snapshots as WARC/1.1 for standard web-archive tools.
package archive

import (
	"context"
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
	MaxSize      int64         // body limit in bytes
	Timeout      time.Duration // for the whole fetch
	UserAgent    string
	MaxRedirects int

	public map[netip.Addr]bool // addresses tests treat as public
}

// NewFetcher returns a fetcher with the defaults.
func NewFetcher() *Fetcher {
	return &Fetcher{MaxSize: docket.MaxSnapshotSize, Timeout: 60 * time.Second, UserAgent: "Docket-archiver/1 (+evidence preservation)", MaxRedirects: 10}
}

// Result is what a fetch received.
type Result struct {
	URL         string
	FinalURL    string
	Redirects   []docket.Redirect
	Status      int
	Header      http.Header
	Body        []byte
	RemoteAddr  string
	RequestedAt time.Time
	FetchedAt   time.Time
}

// RefusedError says that an address may not be fetched.
type RefusedError struct {
	URL  string
	Addr netip.Addr
	Why  string // "a loopback address", "a private address", ...
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("refused to fetch %s: %s is %s (the operator may allow it with --allow-private)", e.URL, e.Addr, e.Why)
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

// Fetch fetches u. The address check runs at connect time, after DNS resolution, for the
// first request and every redirect, so neither a redirect nor a DNS answer that changes
// between check and use can lead the fetcher into a private network.
func (f *Fetcher) Fetch(ctx context.Context, u string) (*Result, error) {
	pu, err := url.Parse(u)
	if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
		return nil, docket.Errorf(docket.EINVALID, "%q is not an absolute http or https URL", u)
	}
	res := &Result{URL: u, RequestedAt: time.Now().UTC()}
	var current string // the URL being fetched, for refusals
	dialer := &net.Dialer{
		Timeout: 15 * time.Second,
		Control: func(network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return err
			}
			if why := classify(ap.Addr()); why != "" && !f.AllowPrivate && !f.public[ap.Addr().Unmap()] {
				return &RefusedError{URL: current, Addr: ap.Addr().Unmap(), Why: why}
			}
			return nil
		},
	}
	transport := &http.Transport{
		Proxy:                 nil, // a proxy would connect for us, past the address check
		DialContext:           dialer.DialContext,
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
	return res, nil
}

// ContentType returns the media type of a result, lower-cased, without parameters.
func (r *Result) ContentType() string {
	ct, _, _ := strings.Cut(r.Header.Get("Content-Type"), ";")
	return strings.ToLower(strings.TrimSpace(ct))
}
