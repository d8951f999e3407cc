// Package proxytest runs real proxies on 127.0.0.1 for tests: a SOCKS5 proxy and an HTTP
// proxy (CONNECT, and plain requests as an environment's proxy would get them). Each maps the
// names it is asked for to local addresses, as a proxy's resolver would, and records what it
// was asked, so a test can tell what went through it and by which name.
package proxytest

import (
	"bufio"
	"encoding/binary"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"testing"
)

// Proxy is a running test proxy.
type Proxy struct {
	// Addr is where it listens, HOST:PORT.
	Addr string
	// Hosts maps what a client asks for (NAME:PORT, as asked) to the local address to
	// connect to; anything else is refused.
	Hosts map[string]string

	ln    net.Listener
	mu    sync.Mutex
	asked []string
}

// Asked returns what clients asked the proxy for, in order: "NAME:PORT" for a SOCKS5
// request by name, "ip IP:PORT" for one by address, "CONNECT NAME:PORT" and "GET URL" for an
// HTTP proxy.
func (p *Proxy) Asked() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.asked...)
}

func (p *Proxy) record(s string) {
	p.mu.Lock()
	p.asked = append(p.asked, s)
	p.mu.Unlock()
}

func listen(tb testing.TB, hosts map[string]string) *Proxy {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	p := &Proxy{Addr: ln.Addr().String(), Hosts: hosts, ln: ln}
	tb.Cleanup(func() { ln.Close() })
	return p
}

// SOCKS5 starts a SOCKS5 proxy (RFC 1928, no authentication, CONNECT only).
func SOCKS5(tb testing.TB, hosts map[string]string) *Proxy {
	p := listen(tb, hosts)
	go func() {
		for {
			c, err := p.ln.Accept()
			if err != nil {
				return
			}
			go p.socks(c)
		}
	}()
	return p
}

func (p *Proxy) socks(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	var hdr [2]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil || hdr[0] != 5 {
		return
	}
	if _, err := io.ReadFull(r, make([]byte, hdr[1])); err != nil {
		return
	}
	c.Write([]byte{5, 0}) // no authentication
	var req [4]byte
	if _, err := io.ReadFull(r, req[:]); err != nil || req[1] != 1 {
		return
	}
	var asked string
	switch req[3] {
	case 1, 4: // an address: the client resolved the name itself
		ip := make([]byte, map[byte]int{1: 4, 4: 16}[req[3]])
		if _, err := io.ReadFull(r, ip); err != nil {
			return
		}
		asked = "ip " + net.IP(ip).String()
	case 3:
		n, err := r.ReadByte()
		if err != nil {
			return
		}
		name := make([]byte, n)
		if _, err := io.ReadFull(r, name); err != nil {
			return
		}
		asked = string(name)
	default:
		return
	}
	var port [2]byte
	if _, err := io.ReadFull(r, port[:]); err != nil {
		return
	}
	asked = net.JoinHostPort(asked, strconv.Itoa(int(binary.BigEndian.Uint16(port[:]))))
	p.record(asked)
	target, ok := p.Hosts[asked]
	var up net.Conn
	if ok {
		up, _ = net.Dial("tcp", target)
	}
	if up == nil {
		c.Write([]byte{5, 4, 0, 1, 0, 0, 0, 0, 0, 0}) // host unreachable
		return
	}
	defer up.Close()
	c.Write([]byte{5, 0, 0, 1, 0, 0, 0, 0, 0, 0})
	relay(c, r, up)
}

// HTTP starts an HTTP proxy: it tunnels CONNECT to the mapped hosts and answers every other
// request with 502, having recorded it.
func HTTP(tb testing.TB, hosts map[string]string) *Proxy {
	p := listen(tb, hosts)
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodConnect {
			p.record(r.Method + " " + r.URL.String())
			http.Error(w, "this proxy only tunnels", http.StatusBadGateway)
			return
		}
		p.record("CONNECT " + r.Host)
		target, ok := p.Hosts[r.Host]
		if !ok {
			http.Error(w, "unknown host", http.StatusBadGateway)
			return
		}
		up, err := net.Dial("tcp", target)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer up.Close()
		c, brw, err := http.NewResponseController(w).Hijack()
		if err != nil {
			return
		}
		defer c.Close()
		brw.WriteString("HTTP/1.1 200 Connection established\r\n\r\n")
		brw.Flush()
		relay(c, brw.Reader, up)
	})}
	go srv.Serve(p.ln)
	tb.Cleanup(func() { srv.Close() })
	return p
}

// relay copies both ways until either side is done.
func relay(c net.Conn, r io.Reader, up net.Conn) {
	done := make(chan struct{}, 2)
	go func() { io.Copy(up, r); done <- struct{}{} }()
	go func() { io.Copy(c, up); done <- struct{}{} }()
	<-done
}
