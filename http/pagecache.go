package http

import (
	"bytes"
	"maps"
	"net/http"
	"strings"
	"sync"
)

// pageCache holds the answers to anonymous requests that carry validators (see validated): an
// answer that depends on the change log's head, the class and the language alone is the same
// for every visitor until the head moves, as a shared cache in front of the portal would hold
// it; this one holds it in the server, so that the public's repeated pages cost nothing
// whether or not a CDN is there. Keys are the ETag (head, class, language) and the request's
// address; a new head empties it. Staff requests never reach it, and an answer that sets a
// cookie, or is not a 200, is never kept.
type pageCache struct {
	mu    sync.Mutex
	max   int // bytes of bodies it holds at most; 0 holds nothing
	size  int
	head  string                 // the head (the ETag's first part) the kept answers were made at
	items map[string]*keptAnswer // by ETag and address
	order []string               // keys, oldest first: the first to go when full
}

type keptAnswer struct {
	header  http.Header
	body    []byte
	limited bool // of a route that holds each client to a rate (see limited)
}

// pageCacheBytes is how much the page cache holds by default: a few thousand pages.
const pageCacheBytes = 32 << 20

// maxKeptAnswer is the largest body kept: a page of results, not an export.
const maxKeptAnswer = 1 << 20

func (c *pageCache) get(etag, uri string) *keptAnswer {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.items[etag+" "+uri]
}

func (c *pageCache) put(etag, uri string, a *keptAnswer) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(a.body) > min(c.max, maxKeptAnswer) {
		return
	}
	if head, _, _ := strings.Cut(etag, "."); head != c.head {
		// The answers of an older head are of no use again, and of a newer one not yet.
		c.head, c.items, c.order, c.size = head, map[string]*keptAnswer{}, nil, 0
	}
	key := etag + " " + uri
	if _, ok := c.items[key]; ok {
		return
	}
	for c.size+len(a.body) > c.max && len(c.order) > 0 {
		c.size -= len(c.items[c.order[0]].body)
		delete(c.items, c.order[0])
		c.order = c.order[1:]
	}
	c.items[key] = a
	c.order = append(c.order, key)
	c.size += len(a.body)
}

// keepingWriter records a successful answer, as it is written, for the page cache.
type keepingWriter struct {
	http.ResponseWriter
	status  int
	body    bytes.Buffer
	limited bool
}

func (w *keepingWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *keepingWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.WriteHeader(http.StatusOK)
	}
	if w.status == http.StatusOK && w.body.Len() <= maxKeptAnswer {
		w.body.Write(b)
	}
	return w.ResponseWriter.Write(b)
}

// answer returns what to keep of the answer, nil when it may not be kept.
func (w *keepingWriter) answer() *keptAnswer {
	h := w.Header()
	if w.status != http.StatusOK || w.body.Len() > maxKeptAnswer || h.Get("Set-Cookie") != "" || h.Get("ETag") == "" {
		return nil
	}
	return &keptAnswer{header: maps.Clone(h), body: bytes.Clone(w.body.Bytes()), limited: w.limited}
}

// serve writes a kept answer.
func (a *keptAnswer) serve(w http.ResponseWriter) {
	h := w.Header()
	for k, v := range a.header {
		h[k] = v
	}
	w.WriteHeader(http.StatusOK)
	w.Write(a.body)
}
