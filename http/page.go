package http

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/locale"
)

// The pages: html/template files embedded in the binary, all parsed at start-up. Each page is
// a template named after its file, built from the partials "head" and "foot" of layout.html,
// and gets a typed struct that embeds layout. The templates call no functions of their own
// in layout.html, only methods of layout, so that other template sets (the report pages) can
// parse it too.

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

var templates = template.Must(template.New("").Funcs(template.FuncMap{
	"inc":        func(i int) int { return i + 1 },
	"int":        func(n int64) int { return int(n) },
	"pathEscape": url.PathEscape,
	"join":       strings.Join,
	// bind passes a page and a value of it to a partial, which needs both.
	"bind": func(page, x any) binding { return binding{page, x} },
}).ParseFS(templateFS, "templates/*.html"))

// binding is a page and one of its values, for partials.
type binding struct{ P, X any }

// assets maps a static file's name to its name with its content's checksum, which is the
// address it is served at, so that it can be cached for ever and a new version has a new name.
var assets, assetFiles = loadAssets()

func loadAssets() (map[string]string, map[string][]byte) {
	names := map[string]string{}
	files := map[string][]byte{}
	fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		base := path.Base(p)
		ext := path.Ext(base)
		hashed := strings.TrimSuffix(base, ext) + "." + hex.EncodeToString(sum[:6]) + ext
		names[base], files[hashed] = hashed, b
		return nil
	})
	return names, files
}

func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	b, ok := assetFiles[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	switch path.Ext(name) {
	case ".css":
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
	case ".js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	case ".svg":
		w.Header().Set("Content-Type", "image/svg+xml")
	}
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Write(b)
}

const langCookie = "docket_lang"

func supportedLang(l string) bool { return locale.Supported(l) }

// layout is what every page's frame needs. Server.layout fills it for a request; its zero value
// is an anonymous visitor reading English, so a page that sets only Title still renders.
type layout struct {
	Title string
	Q     string // the search box's text

	Viewer docket.Viewer
	CSRF   string // the token every form carries
	Path   string // this page, to come back to after signing in or switching language
	Nav    string // the current item of the navigation
	Flash  string // a message about what the last form did
	p      *locale.Printer
}

// layout returns the frame of a page for the request, with its title from the catalog.
func (s *Server) layout(w http.ResponseWriter, r *http.Request, titleKey string, args ...any) layout {
	l := layout{Viewer: viewer(r), Path: r.URL.RequestURI(), p: locale.Get(requestLang(r))}
	if titleKey != "" {
		l.Title = l.p.T(titleKey, args...)
	}
	// An anonymous visitor is given a form token only by a page with a form (the sign-in
	// page): a page with a cookie cannot be held by a shared cache.
	if l.SignedIn() || authOf(r).csrf != "" {
		l.CSRF = s.csrfToken(w, r)
	}
	if f := r.URL.Query().Get("flash"); f != "" && l.p.Has("flash."+f) {
		l.Flash = l.p.T("flash." + f)
	}
	return l
}

// newLayout is the frame of a page whose title is already text: the report pages.
func (s *Server) newLayout(w http.ResponseWriter, r *http.Request, title string) layout {
	l := s.layout(w, r, "")
	l.Title = title
	if strings.HasPrefix(r.URL.Path, "/stats") {
		l.Nav = "stats"
	}
	return l
}

// requestLang is the language of the interface. An anonymous visitor's is in the page's
// address (see languageRedirect), so that a shared cache keys it by URL alone; staff's is the
// one chosen with the language link, else the browser's; else English.
func requestLang(r *http.Request) string {
	if viewer(r).Role == docket.Anonymous {
		l, _ := pageLang(r)
		return l
	}
	if c, err := r.Cookie(langCookie); err == nil && locale.Supported(c.Value) {
		return c.Value
	}
	if l := locale.Match(r.Header.Get("Accept-Language")); l != "" {
		return l
	}
	return locale.Default
}

func (l layout) printer() *locale.Printer {
	if l.p == nil {
		return locale.Get(locale.Default)
	}
	return l.p
}

// Lang is the language of the page.
func (l layout) Lang() string { return l.printer().Lang }

// T translates a message of the catalog.
func (l layout) T(key string, args ...any) string { return l.printer().T(key, args...) }

// N translates a message with a count in the plural form the count needs.
func (l layout) N(key string, n int) string { return l.printer().N(key, n) }

// Term is the label of a vocabulary term in the page's language.
func (l layout) Term(vocab, id string) string { return l.printer().Term(vocab, id) }

// ErrText is an error's message in the page's language, when the catalog has it (see
// docket.Error's Key), else as the error says it.
func (l layout) ErrText(err error) string {
	var e *docket.Error
	if errors.As(err, &e) && e.Key != "" && l.printer().Has(e.Key) {
		return l.T(e.Key, e.Args...)
	}
	return docket.ErrorMessage(err)
}

// SchemaLabel is a schema's name in the page's language.
func (l layout) SchemaLabel(name string) string { return l.T("schema." + name) }

// PropLabel is a property's name in the page's language.
func (l layout) PropLabel(name string) string { return l.T("prop." + name) }

// Role is a role's name in the page's language.
func (l layout) RoleLabel(r docket.Role) string { return l.T("role." + r.String()) }

// Sens is a sensitivity's name in the page's language.
func (l layout) Sens(s docket.Sensitivity) string { return l.T("sensitivity." + s.String()) }

// StatusLabel is a status's name in the page's language.
func (l layout) StatusLabel(s docket.Status) string { return l.T("status." + string(s)) }

// Date formats a date of the registry ("2019-02-06") in the page's language.
func (l layout) Date(s string) string { return l.printer().Date(s) }

// Time formats a moment in the page's language, in UTC.
func (l layout) Time(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.UTC()
	return l.printer().Date(t.Format("2006-01-02")) + ", " + t.Format("15:04") + " UTC"
}

// Country is a country's name in the page's language.
func (l layout) Country(code string) string { return l.printer().Country(code) }

// Asset is the address of a static file.
func (l layout) Asset(name string) string { return "/static/" + assets[name] }

// SignedIn reports whether someone is signed in (or holds a token).
func (l layout) SignedIn() bool { return l.Viewer.Role > docket.Anonymous }

// CanWrite reports whether the viewer may add facts.
func (l layout) CanWrite() bool { return l.Viewer.CanWrite() }

// CanEdit reports whether the viewer may review and correct.
func (l layout) CanEdit() bool { return l.Viewer.CanEdit() }

// IsAdmin reports whether the viewer manages accounts.
func (l layout) IsAdmin() bool { return l.Viewer.Role == docket.Admin }

// Languages are the links to the interface in every language.
func (l layout) Languages() []langLink {
	var out []langLink
	for _, p := range locale.Languages() {
		href := "/lang/" + p.Lang + "?next=" + url.QueryEscape(l.Path)
		if !l.SignedIn() {
			href = inLang(l.Path, p.Lang) // the public's language is in the address: no cookie
		}
		out = append(out, langLink{Lang: p.Lang, Name: p.Name, Href: href, Current: p.Lang == l.Lang()})
	}
	return out
}

type langLink struct {
	Lang, Name, Href string
	Current          bool
}

// LoginHref is the sign-in page, returning here.
func (l layout) LoginHref() string {
	if l.Path == "" || strings.HasPrefix(l.Path, "/login") {
		return "/login"
	}
	return "/login?next=" + url.QueryEscape(l.Path)
}

// render writes a page. A template error is a bug: it is logged and the visitor gets a generic
// error page, never half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	var buf bytes.Buffer
	if err := templates.ExecuteTemplate(&buf, name, data); err != nil {
		s.Logger.Error("render", "template", name, "err", err)
		status = http.StatusInternalServerError
		buf.Reset()
		l := s.layout(w, r, "error.title")
		templates.ExecuteTemplate(&buf, "error.html", &errorPage{layout: l, Status: status, Message: l.T("error.internal")})
	}
	s.writeHTML(w, r, status, buf.Bytes())
}

// errorPage is the page of an error.
type errorPage struct {
	layout
	Status  int
	Message string
}

func (s *Server) renderError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	l := s.layout(w, r, "error.title")
	l.Title = strconv.Itoa(status) + " · " + l.T(fmt.Sprintf("error.%d", status))
	if status == http.StatusInternalServerError {
		msg = l.T("error.internal")
	}
	s.render(w, r, status, "error.html", &errorPage{layout: l, Status: status, Message: msg})
}

func (s *Server) registerPageRoutes() {
	s.mux.HandleFunc("GET /static/{file}", s.handleStatic)
	s.mux.HandleFunc("GET /{$}", s.handleHome)
	s.mux.HandleFunc("GET /search", s.expensive(s.pinned(s.handleSearchPage)))
	s.mux.HandleFunc("GET /suggest", s.handleSuggest)
	s.mux.HandleFunc("GET /entity/{id}", s.pinned(s.handleEntityPage))
	s.mux.HandleFunc("GET /entity/{id}/history", s.handleEntityHistory)
	s.mux.HandleFunc("GET /entity/{id}/referrers", s.handleReferrersPage)
	s.mux.HandleFunc("GET /source/{id}", s.handleSourcePage)
	s.mux.HandleFunc("GET /history", s.handleHistoryPage)
	s.mux.HandleFunc("GET /review", s.handleReviewQueue)
	s.mux.HandleFunc("GET /robots.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("User-agent: *\nDisallow: /search\nDisallow: /suggest\n"))
	})
	// Anything else is a page that does not exist, answered as a page.
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.Error(w, r, docket.Errorf(docket.ENOTFOUND, "there is no page %s", r.URL.Path))
	})
}
