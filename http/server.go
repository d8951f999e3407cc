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
	"strings"
	"time"

	"github.com/docketorg/docket"
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
	// Signer signs checkpoints when the API is asked for one; Verifier is its public key.
	Signer   docket.CheckpointSigner
	Verifier string

	ln     net.Listener
	server *http.Server
	mux    *http.ServeMux
	routes []route
}

// route is one registered API route, kept so a test can hold the OpenAPI document to them.
type route struct{ Method, Pattern string }

// NewServer returns a server for store; call Open to listen.
func NewServer(store docket.Store) *Server {
	s := &Server{Store: store, Logger: slog.New(slog.DiscardHandler), mux: http.NewServeMux()}
	s.server = &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	s.registerAPIRoutes()
	s.registerLedgerRoutes()
	s.registerReportRoutes()
	s.registerPageRoutes()
	return s
}

// Open listens on Addr and serves in the background.
func (s *Server) Open() (err error) {
	if s.ln, err = net.Listen("tcp", s.Addr); err != nil {
		return fmt.Errorf("listen on %s: %w", s.Addr, err)
	}
	go s.server.Serve(s.ln)
	return nil
}

// URL returns the address the server listens on, as a URL.
func (s *Server) URL() string { return "http://" + s.ln.Addr().String() }

// Close stops the server, letting requests in flight finish for a few seconds.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return s.server.Shutdown(ctx)
}

// ServeHTTP authenticates the request, sets safe headers and dispatches it.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")
	v, err := s.authenticate(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	r = r.WithContext(context.WithValue(r.Context(), viewerKey, v))
	if r.Body != nil {
		r.Body = http.MaxBytesReader(w, r.Body, MaxBodySize)
	}
	s.mux.ServeHTTP(w, r)
}

type contextKey int

const viewerKey contextKey = iota

// viewer returns who makes the request; anonymous unless a token said otherwise.
func viewer(r *http.Request) docket.Viewer {
	v, _ := r.Context().Value(viewerKey).(docket.Viewer)
	return v
}

// authenticate reads a bearer token. A bad token is an error, never a silent downgrade to
// anonymous, so a client learns that its token is wrong.
func (s *Server) authenticate(r *http.Request) (docket.Viewer, error) {
	auth := r.Header.Get("Authorization")
	if auth == "" {
		return docket.AnonymousViewer, nil
	}
	// The scheme name is case-insensitive (RFC 9110).
	scheme, secret, ok := strings.Cut(auth, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(secret) == "" {
		return docket.AnonymousViewer, docket.Errorf(docket.EUNAUTHORIZED, "the Authorization header must be \"Bearer TOKEN\"")
	}
	t, err := s.Store.FindTokenBySecret(r.Context(), strings.TrimSpace(secret))
	if err != nil {
		return docket.AnonymousViewer, err
	}
	return t.Viewer(), nil
}

// codes maps error codes to HTTP statuses, in one place.
var codes = map[string]int{
	docket.ECONFLICT:     http.StatusConflict,
	docket.EINVALID:      http.StatusBadRequest,
	docket.ENOTFOUND:     http.StatusNotFound,
	docket.EUNAUTHORIZED: http.StatusUnauthorized,
	docket.EFORBIDDEN:    http.StatusForbidden,
	docket.ETOOLARGE:     http.StatusRequestEntityTooLarge,
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
		err = docket.Errorf(docket.ETOOLARGE, "the request body is over %d bytes", MaxBodySize)
	}
	code, msg := docket.ErrorCode(err), docket.ErrorMessage(err)
	if code == docket.EINTERNAL {
		s.Logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	status := ErrorStatusCode(code)
	if code == docket.EUNAUTHORIZED {
		w.Header().Set("WWW-Authenticate", `Bearer realm="docket"`)
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
