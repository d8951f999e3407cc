package http

import (
	"context"
	"net/http"
	"runtime/debug"
	"sync"
	"time"

	"github.com/docketorg/docket"
)

// What a request may cost. Anyone may ask for the public pages, and the adversary may ask
// often: no request may make the server do work that grows with the registry, nor hold memory
// that does. Three things bound it:
//
//   - Work over the whole registry (statistics, the retaliation detector, the prisoner list)
//     reads it in parts, in bounded memory, once for each class of viewer and head of the
//     change log, by one worker, and its results are served from a cache; a result is computed
//     again when the log has moved on, at most every refresh, while the older one is served.
//   - Routes whose work is heavy per request get a per-client rate and a cap on how many run at
//     once.
//   - Every request has a deadline.

// Limits of the routes marked expensive.
const (
	expensiveRate    = 5               // requests a second, sustained, per anonymous client
	expensiveBurst   = 50              // requests an anonymous client may make at once
	expensiveInFight = 8               // expensive requests served at once, by all clients
	expensiveQueue   = 5 * time.Second // how long one waits for a place before it is refused as busy
	maxClients       = 100_000         // clients remembered; past it, the oldest are forgotten
)

// rateLimiter is a token bucket for each client: rate tokens a second, up to burst.
type rateLimiter struct {
	mu      sync.Mutex
	rate    float64
	burst   float64
	now     func() time.Time
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

func newRateLimiter(rate, burst float64) *rateLimiter {
	return &rateLimiter{rate: rate, burst: burst, now: time.Now, buckets: map[string]*bucket{}}
}

// allow takes a token from the client's bucket and reports whether there was one.
func (l *rateLimiter) allow(client string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b := l.buckets[client]
	if b == nil {
		if len(l.buckets) >= maxClients {
			// A full bucket is the same as no bucket: forget those, else anyone.
			for k, x := range l.buckets {
				if now.Sub(x.at).Seconds()*l.rate >= l.burst || len(l.buckets) >= maxClients {
					delete(l.buckets, k)
				}
				if len(l.buckets) < maxClients/2 {
					break
				}
			}
		}
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[client] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.at).Seconds()*l.rate)
	b.at = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// limited wraps the handler of a route whose work is heavy, though kept (see registryCache):
// each anonymous client is held to a rate (staff, who signed in, answer for what they ask).
func (s *Server) limited(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if kw, ok := w.(*keepingWriter); ok {
			kw.limited = true // the kept answer is held to the rate too (see ServeHTTP)
		}
		if !s.allowed(w, r) {
			return
		}
		h(w, r)
	}
}

// allowed holds an anonymous client to the rate of the heavy routes, answering 429 past it.
func (s *Server) allowed(w http.ResponseWriter, r *http.Request) bool {
	if viewer(r).Role == docket.Anonymous && !s.rates.allow(s.clientAddr(r)) {
		s.Error(w, r, docket.Errorf(docket.ETOOMANY, "too many requests for this page from your address; wait a few seconds"))
		return false
	}
	return true
}

// expensive wraps the handler of a route whose work is heavy on every request: as limited, and
// at most expensiveInFight such requests run at once; those past it wait for a place a little,
// then are told to come back.
func (s *Server) expensive(h http.HandlerFunc) http.HandlerFunc {
	return s.limited(func(w http.ResponseWriter, r *http.Request) {
		t := time.NewTimer(expensiveQueue)
		defer t.Stop()
		select {
		case s.heavy <- struct{}{}:
			defer func() { <-s.heavy }()
		case <-t.C:
			s.Error(w, r, docket.Errorf(docket.EUNAVAILABLE, "the server is busy; try again in a minute"))
			return
		case <-r.Context().Done():
			return
		}
		h(w, r)
	})
}

// pin has the store's reads through the context it returns share one read transaction, where
// the store can (sqlstore.Store.Pin), until release: for a page or a brief of many reads, one
// after another.
func (s *Server) pin(ctx context.Context) (_ context.Context, release func()) {
	if p, ok := s.Store.(interface {
		Pin(context.Context) (context.Context, func())
	}); ok {
		return p.Pin(ctx)
	}
	return ctx, func() {}
}

// pinned is pin for a request's handler.
func (s *Server) pinned(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, release := s.pin(r.Context())
		defer release()
		h(w, r.WithContext(ctx))
	}
}

// viewerClass names what a viewer may see, as far as the store's filters tell: all staff who
// are not cleared see the same, and all who are cleared see everything.
func viewerClass(v docket.Viewer) (string, docket.Viewer) {
	switch {
	case v.Role == docket.Anonymous:
		return "public", docket.AnonymousViewer
	case v.Cleared:
		return "cleared", docket.Viewer{Name: "cleared staff", Role: docket.Reader, Cleared: true}
	}
	return "staff", docket.Viewer{Name: "staff", Role: docket.Reader}
}

// figureCache computes results that read much of the registry, as a class of viewer sees it,
// and keeps them by key: heavy ones (the statistics, read in parts: report.Count) by one worker,
// one at a time; light ones (counts, the feed, briefs) by a few.
type figureCache struct {
	head    func(context.Context) (int64, error)
	refresh time.Duration // a result is computed again at most this often (and at most a tenth of the time)
	wait    time.Duration // how long a request waits for a result not computed yet
	max     int           // results kept (maxCached)
	logger  func(msg string, args ...any)

	mu      sync.Mutex
	entries map[string]*cached
	heavies chan *cacheJob // of the heavy worker
	lights  chan *cacheJob // of the light workers, which do not wait behind the heavy one
	records chan *cacheJob // of the workers of one record's results, behind which no light one waits
}

// cached is a result and what it was computed from.
type cached struct {
	val   any
	head  int64
	at    time.Time
	used  time.Time     // last asked for: the least recently used light result goes first
	took  time.Duration // to compute
	ok    bool
	heavy bool          // a result of the heavy worker: kept whatever else comes
	busy  chan struct{} // closed when the computation under way ends; nil when none is
	err   error         // of the last computation, when it failed
}

// cacheJob computes one result as viewer, the class's representative, sees the store.
type cacheJob struct {
	entry   *cached
	key     string
	viewer  docket.Viewer
	head    int64
	compute func(context.Context, docket.Viewer) (any, error)
	heavy   bool
}

// maxCached bounds the results kept: keys are made of a request's options, which anyone
// chooses.
const maxCached = 512

// lightWorkers work the light jobs that every visitor shares (counts, the feed, pages of the
// prisoner list); recordWorkers the results of one record each (briefs), which visitors ask for
// by the thousand and which must not hold up the home page.
const lightWorkers, recordWorkers = 2, 2

func newFigureCache(head func(context.Context) (int64, error)) *figureCache {
	return &figureCache{head: head, refresh: time.Minute, wait: 10 * time.Second, max: maxCached, logger: func(string, ...any) {},
		entries: map[string]*cached{}, heavies: make(chan *cacheJob, maxCached), lights: make(chan *cacheJob, maxCached),
		records: make(chan *cacheJob, maxCached)}
}

// run works the queues until ctx ends and every worker has stopped.
func (c *figureCache) run(ctx context.Context) {
	work := func(queue chan *cacheJob, timeout time.Duration) {
		for {
			select {
			case j := <-queue:
				start := time.Now()
				jctx, cancel := context.WithTimeout(ctx, timeout)
				val, err := j.compute(jctx, j.viewer)
				cancel()
				if timeout > time.Minute {
					c.logger("figures counted", "key", j.key, "head", j.head, "took", time.Since(start).Round(time.Millisecond), "err", err)
				}
				c.finish(j, val, err, time.Since(start))
			case <-ctx.Done():
				return
			}
		}
	}
	var lights sync.WaitGroup
	for range lightWorkers {
		lights.Go(func() { work(c.lights, 10*time.Minute) })
	}
	for range recordWorkers {
		lights.Go(func() { work(c.records, 10*time.Minute) })
	}
	work(c.heavies, 2*time.Hour)
	lights.Wait()
}

func (c *figureCache) finish(j *cacheJob, val any, err error, took time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := j.entry
	if err == nil {
		e.val, e.head, e.at, e.took, e.ok = val, j.head, time.Now(), took, true
	}
	e.err = err
	close(e.busy)
	e.busy = nil
	if err == nil && j.heavy {
		// Reading the registry in parts leaves much garbage: let it go now, not at the next GC.
		debug.FreeOSMemory()
	}
}

// evict lets go of the light result asked for longest ago: a thousand briefs asked once must
// not push out the figures, which take minutes to count again, nor the dashboard's counts,
// which every visitor of the home page asks for.
func (c *figureCache) evict() {
	var oldest string
	var at time.Time
	for k, x := range c.entries {
		if !x.heavy && x.busy == nil && (oldest == "" || x.used.Before(at)) {
			oldest, at = k, x.used
		}
	}
	if oldest != "" {
		delete(c.entries, oldest)
	}
}

// heavy returns the result of compute for key as v's class sees the store (see lookup), by the
// heavy worker.
func (c *figureCache) heavy(ctx context.Context, v docket.Viewer, key string, compute func(context.Context, docket.Viewer) (any, error)) (any, time.Time, error) {
	return c.lookup(ctx, v, key, compute, c.heavies)
}

// light is heavy for a result that costs a read or a few and that every visitor shares: a
// count, the feed.
func (c *figureCache) light(ctx context.Context, v docket.Viewer, key string, compute func(context.Context, docket.Viewer) (any, error)) (any, time.Time, error) {
	return c.lookup(ctx, v, key, compute, c.lights)
}

// record is light for a result of one record (a brief): computed by workers of their own.
func (c *figureCache) record(ctx context.Context, v docket.Viewer, key string, compute func(context.Context, docket.Viewer) (any, error)) (any, time.Time, error) {
	return c.lookup(ctx, v, key, compute, c.records)
}

// lookup returns the result of compute for key as v's class sees the store, from the cache when
// it is of the current head or younger than refresh, else the older result while a new one is
// computed. A result never computed is waited for a little; then the request is told to come
// back. The time is when the result was computed.
func (c *figureCache) lookup(ctx context.Context, v docket.Viewer, key string, compute func(context.Context, docket.Viewer) (any, error),
	queue chan *cacheJob) (any, time.Time, error) {
	head, err := c.head(ctx)
	if err != nil {
		return nil, time.Time{}, err
	}
	class, cv := viewerClass(v)
	key = class + " " + key
	c.mu.Lock()
	e := c.entries[key]
	if e == nil {
		if len(c.entries) >= c.max {
			c.evict()
		}
		e = &cached{heavy: queue == c.heavies}
		c.entries[key] = e
	}
	e.used = time.Now()
	// Computed again no sooner than refresh, nor than ten times as long as it took: figures of a
	// large registry that changes all day keep a tenth of a core busy, not one.
	if e.ok && (e.head == head || time.Since(e.at) < max(c.refresh, 10*e.took)) {
		val, at := e.val, e.at
		c.mu.Unlock()
		return val, at, nil
	}
	if e.busy == nil {
		select {
		case queue <- &cacheJob{entry: e, key: key, viewer: cv, head: head, compute: compute, heavy: queue == c.heavies}:
			e.busy = make(chan struct{})
		default: // the queue is full: the results kept will do, or the request comes back
		}
	}
	busy := e.busy
	if e.ok {
		val, at := e.val, e.at // served while the newer one is computed
		c.mu.Unlock()
		return val, at, nil
	}
	c.mu.Unlock()
	t := time.NewTimer(c.wait)
	defer t.Stop()
	if busy != nil {
		select {
		case <-busy:
			c.mu.Lock()
			defer c.mu.Unlock()
			if e.ok {
				return e.val, e.at, nil
			}
			return nil, time.Time{}, e.err
		case <-t.C:
		case <-ctx.Done():
			return nil, time.Time{}, ctx.Err()
		}
	}
	return nil, time.Time{}, docket.Errorf(docket.EUNAVAILABLE, "these figures are being computed from the whole registry; try again in a minute")
}
