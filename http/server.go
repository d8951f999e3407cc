// Package http serves Docket over HTTP: a JSON API under /api/v1 and server-rendered pages,
// both reading through the store as the request's viewer.
package http

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/auth"
)

// MaxBodySize caps a request body: a batch of statements, not a document archive.
const MaxBodySize = 1 << 20

//go:embed openapi.json
var openapiFS embed.FS

// Server is Docket's HTTP server.
type Server struct {
	Addr   string
	Store  docket.Store
	Logger *slog.Logger
	// Verifier is the public key of the ledger's checkpoints, given with them.
	Verifier string
	// Witness, if set, serves the witness protocol's add-checkpoint (see ledger.Witness).
	Witness http.Handler
	// SecureCookies marks session cookies Secure, as they are anyway on a TLS connection: set
	// it behind a proxy that terminates TLS.
	SecureCookies bool
	// Origin is the site's address as browsers reach it (https://docket.example.org), which
	// security keys are bound to; "" takes it from each request's Host.
	Origin string
	// Now is the clock TOTP codes are read by; benchmarks move it to get a fresh code each
	// time, since a code is good once.
	Now func() time.Time
	// SessionTTL is how long a sign-in lasts.
	SessionTTL time.Duration
	// PasswordParams are the argon2id costs of new password hashes.
	PasswordParams auth.Params
	// RequestTimeout is the most a request may take; its work is cancelled after it.
	RequestTimeout time.Duration
	// ExpensiveRate and ExpensiveBurst hold each anonymous client to this many requests a
	// second, and at once, on the routes whose work is heavy (see expensive). Set them before
	// Open.
	ExpensiveRate, ExpensiveBurst float64
	// FiguresRefresh is how often figures over the whole registry (statistics, the prisoner
	// list) are counted again once the registry has changed; FiguresWait how long a request
	// waits for figures never counted before it is asked to come back. Set them before Open.
	FiguresRefresh, FiguresWait time.Duration
	// WarmFigures counts the public's figures (the dashboard's counts, the statistics) as soon
	// as the server opens rather than at the first visit, as docket serve does.
	WarmFigures bool
	// PrisonersPerPage is how many entries a page of the prisoner list shows. Set it before Open.
	PrisonersPerPage int
	// PageCacheBytes is how much of the public's answers the server holds, for as long as the
	// change log's head does not move (see pageCache); 0 holds none. Set it before Open.
	PageCacheBytes int
	// PublicMaxAge is how long a shared cache may hold a public page without asking again; 0
	// (the default) has it ask every time, with the validators, which answer 304 at no cost.
	PublicMaxAge time.Duration
	// TrustedProxies are the proxies (a load balancer, a CDN's addresses) whose X-Forwarded-For
	// names the client: a request from one of them is throttled and logged under the address
	// the header gives (see clientAddr); a request from anyone else under its own.
	TrustedProxies []netip.Prefix
	// Replicas, when set, reports the PostgreSQL standbys that reads go to, for the admin's
	// settings page.
	Replicas func(ctx context.Context) []ReplicaStatus
	// Fetch fetches a URL given to ingest (see Fetcher); nil when the server fetches nothing.
	Fetch Fetcher
	// Evidence writes the WARC of snapshots and the bundles of cases (see Evidence); nil
	// offers neither.
	Evidence Evidence
	// ArchiveOn reports whether the server archives sources now (the operator's switch); nil
	// is off.
	ArchiveOn func(ctx context.Context) bool

	jobs jobs // uploads being ingested

	limiter     *limiter
	rates       *rateLimiter            // of the expensive routes, per client
	heavy       chan struct{}           // places for expensive requests
	figures     *figureCache            // statistics, the retaliation detector, the prisoner list, counts, feeds, briefs
	statistics  headMemo[[]string]      // the latest statistics of each country, for the briefs
	nearWords   headMemo[[]string]      // the words that near spellings are chosen from, by class and prefix
	statsPages  headMemo[*statsFigures] // the statistics page's charts and tables, by class, options and language, while the figures last
	queueCounts queueMemo               // the review queue's counts, by viewer class and filter
	rows        *rowKeeper              // the lists' rows
	lastMod     headTime                // when the change log's head was made, for Last-Modified
	pages       pageCache               // anonymous answers that carry validators, at the latest head
	stop        context.CancelFunc
	background  sync.WaitGroup // the figures' workers, the row keeper, the warm-up

	ln     net.Listener
	server *http.Server
	mux    *http.ServeMux
	routes []route
}

// route is one registered API route, kept so a test can hold the OpenAPI document to them.
type route struct{ Method, Pattern string }

// NewServer returns a server for store; call Open to listen.
func NewServer(store docket.Store) *Server {
	s := &Server{Store: store, Logger: slog.New(slog.DiscardHandler), mux: http.NewServeMux(),
		SessionTTL: 14 * 24 * time.Hour, PasswordParams: auth.DefaultParams, RequestTimeout: 30 * time.Second,
		ExpensiveRate: expensiveRate, ExpensiveBurst: expensiveBurst, FiguresRefresh: time.Minute, FiguresWait: 10 * time.Second,
		PrisonersPerPage: 200, Now: time.Now, PageCacheBytes: pageCacheBytes,
		heavy: make(chan struct{}, expensiveInFight)}
	s.pages.max = s.PageCacheBytes // for a test that serves without Open too
	s.limiter = newLimiter(store)
	s.figures = newFigureCache(store.Head)
	s.rows = newRowKeeper(store)
	s.server = &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	s.registerAPIRoutes()
	s.registerLedgerRoutes()
	s.registerPageRoutes()
	s.registerAccountRoutes()
	s.registerEditRoutes()
	s.registerPickRoutes()
	s.registerListRoutes()
	s.registerReportRoutes()
	s.registerDocumentRoutes()
	s.registerEvidenceRoutes()
	s.registerMergeRoutes()
	return s
}

// Open listens on Addr and serves in the background.
func (s *Server) Open() (err error) {
	if s.ln, err = net.Listen("tcp", s.Addr); err != nil {
		return fmt.Errorf("listen on %s: %w", s.Addr, err)
	}
	s.rates = newRateLimiter(s.ExpensiveRate, s.ExpensiveBurst)
	s.pages.max = s.PageCacheBytes
	var ctx context.Context
	ctx, s.stop = context.WithCancel(context.Background())
	s.figures.logger, s.figures.refresh, s.figures.wait = s.Logger.Info, s.FiguresRefresh, s.FiguresWait
	s.background.Go(func() { s.figures.run(ctx) })
	s.rows.logger = s.Logger.Info
	s.background.Go(func() { s.rows.run(ctx, 30*time.Second) })
	if s.WarmFigures {
		s.background.Go(func() { s.warm(ctx) })
	}
	go s.server.Serve(s.ln)
	return nil
}

// warm starts counting what the public's home and statistics pages and the staff's review
// queue show, so that the first visitors of a large registry do not wait for it (nor start it
// in the busiest minute).
func (s *Server) warm(ctx context.Context) {
	s.figures.light(ctx, docket.AnonymousViewer, "counts", s.countEntities)
	// The review queue of each class of staff, which counts every open proposal the first time.
	for _, v := range []docket.Viewer{{Name: "staff", Role: docket.Reader}, {Name: "cleared staff", Role: docket.Reader, Cleared: true}} {
		if _, err := s.draftGroups(ctx, v, docket.DraftFilter{Limit: queueGroupsPerPage}); err != nil && ctx.Err() == nil {
			s.Logger.Warn("counting the review queue", "err", err)
		}
	}
	s.figures.heavy(ctx, docket.AnonymousViewer, "figures", s.countAll)
}

// URL returns the address the server listens on, as a URL.
func (s *Server) URL() string { return "http://" + s.ln.Addr().String() }

// Close stops the server, letting requests in flight finish for a few seconds, and returns
// when its background work has stopped too: the store may be closed after it.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if s.stop != nil {
		s.stop()
	}
	err := s.server.Shutdown(ctx)
	s.background.Wait()
	return err
}

// ServeHTTP authenticates the request, sets safe headers, checks the CSRF token of a form and
// dispatches it.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	if r.Body != nil {
		limit := int64(MaxBodySize)
		if r.Method == http.MethodPost && (r.URL.Path == "/documents" || r.URL.Path == "/api/v1/documents") {
			limit = MaxUploadSize // a document, not a batch of statements
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.RequestTimeout)
	defer cancel()
	// Where the request comes from, for the security log that the store writes.
	via := docket.ViaWeb
	if strings.HasPrefix(r.URL.Path, "/api/") {
		via = docket.ViaAPI
	}
	ctx = docket.WithRequestInfo(ctx, docket.RequestInfo{Via: via, Addr: s.clientAddr(r), UserAgent: r.UserAgent()})
	r = r.WithContext(ctx)
	a, err := s.authenticate(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	r = r.WithContext(context.WithValue(r.Context(), authKey, a))
	if err := s.checkCSRF(r, a); err != nil {
		s.Error(w, r, err)
		return
	}
	if a.Viewer.Role == docket.Anonymous && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
		if isPage(r) && languageRedirect(w, r) {
			return
		}
		if validated(r) {
			done, err := s.validators(w, r)
			if err != nil {
				s.Error(w, r, err)
				return
			}
			if done {
				return
			}
			etag, uri := w.Header().Get("ETag"), r.URL.RequestURI()
			if a := s.pages.get(etag, uri); a != nil {
				vw := &validatedWriter{ResponseWriter: w} // a refusal is not to be held
				if !a.limited || s.allowed(vw, r) {
					a.serve(vw)
				}
				return
			}
			kw := &keepingWriter{ResponseWriter: &validatedWriter{ResponseWriter: w}}
			s.mux.ServeHTTP(kw, r)
			if a := kw.answer(); a != nil && r.Method == http.MethodGet {
				s.pages.put(etag, uri, a)
			}
			return
		}
	}
	s.mux.ServeHTTP(w, r)
}

type contextKey int

const authKey contextKey = iota

// authn is who makes a request and how: a bearer token, a session, or neither.
type authn struct {
	Viewer  docket.Viewer
	Bearer  bool
	Session *docket.Session
	idHash  string // the session id's hash, to end it
	csrf    string // the pre-session CSRF token of an anonymous visitor's forms
}

func authOf(r *http.Request) authn {
	a, _ := r.Context().Value(authKey).(authn)
	return a
}

// viewer returns who makes the request; anonymous without a token or session.
func viewer(r *http.Request) docket.Viewer { return authOf(r).Viewer }

// authenticate reads a bearer token or, outside the API, a session cookie. A bad token is an
// error, never a silent downgrade to anonymous, so a client learns that its token is wrong; an
// ended session is a visitor who must sign in again.
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request) (authn, error) {
	if auth := r.Header.Get("Authorization"); auth != "" {
		// The scheme name is case-insensitive (RFC 9110).
		scheme, secret, ok := strings.Cut(auth, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(secret) == "" {
			return authn{}, docket.Errorf(docket.EUNAUTHORIZED, "the Authorization header must be \"Bearer TOKEN\"")
		}
		t, err := s.Store.FindTokenBySecret(r.Context(), strings.TrimSpace(secret))
		if err != nil {
			return authn{}, err
		}
		return authn{Viewer: t.Viewer(), Bearer: true}, nil
	}
	a := authn{Viewer: docket.AnonymousViewer}
	// The API takes no cookies: a page elsewhere cannot make a browser write through it.
	if strings.HasPrefix(r.URL.Path, "/api/") {
		return a, nil
	}
	if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) >= 32 {
		a.csrf = c.Value
	}
	c, err := r.Cookie(s.sessionCookie(r))
	if err != nil || c.Value == "" {
		return a, nil
	}
	hash := auth.HashSessionID(c.Value)
	sess, err := s.Store.FindSession(r.Context(), hash)
	if docket.ErrorCode(err) == docket.EUNAUTHORIZED {
		s.clearSessionCookie(w, r)
		return a, nil
	} else if err != nil {
		return a, err
	}
	a.Viewer, a.Session, a.idHash = sess.User.Viewer(), sess, hash
	return a, nil
}

// codes maps error codes to HTTP statuses, in one place.
var codes = map[string]int{
	docket.ECONFLICT:     http.StatusConflict,
	docket.EINVALID:      http.StatusBadRequest,
	docket.ENOTFOUND:     http.StatusNotFound,
	docket.EUNAUTHORIZED: http.StatusUnauthorized,
	docket.EFORBIDDEN:    http.StatusForbidden,
	docket.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	docket.EUNAVAILABLE:  http.StatusServiceUnavailable,
	docket.ETOOMANY:      http.StatusTooManyRequests,
	docket.EINTERNAL:     http.StatusInternalServerError,
}

// ErrorStatusCode returns the HTTP status for an error code.
func ErrorStatusCode(code string) int {
	if s, ok := codes[code]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// Error writes an error as JSON for the API or as a page otherwise. Internal errors are logged
// and shown only as a generic message: their text may hold names or paths.
func (s *Server) Error(w http.ResponseWriter, r *http.Request, err error) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		err = docket.Errorf(docket.ETOOLARGE, "the request body is over %d bytes", mbe.Limit)
	} else if errors.Is(err, context.DeadlineExceeded) && r.Context().Err() != nil {
		s.Logger.Warn("request over its deadline", "method", r.Method, "path", r.URL.Path, "timeout", s.RequestTimeout)
		err = docket.Errorf(docket.EUNAVAILABLE, "the request took too long; try again later")
	}
	code, msg := docket.ErrorCode(err), docket.ErrorMessage(err)
	if code == docket.EINTERNAL {
		s.Logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	status := ErrorStatusCode(code)
	switch code {
	case docket.EUNAUTHORIZED:
		w.Header().Set("WWW-Authenticate", `Bearer realm="docket"`)
	case docket.EUNAVAILABLE:
		w.Header().Set("Retry-After", "60")
	case docket.ETOOMANY:
		w.Header().Set("Retry-After", "10")
	}
	if strings.HasPrefix(r.URL.Path, "/api/") || !strings.Contains(r.Header.Get("Accept"), "text/html") {
		writeJSON(w, status, errorBody{Error: errorDetail{Code: code, Message: msg}})
		return
	}
	s.renderError(w, r, status, msg)
}

type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}
