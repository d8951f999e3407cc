package http

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/locale"
)

// Public pages are made to be held by a shared cache or a CDN in front of the portal:
//   - an anonymous page sets no cookie and varies on none: its language is in its URL (?lang=),
//     and a visitor who comes without one is sent once to the page in the browser's language;
//   - the links of a page in a language chosen in its URL keep that language;
//   - a public page, feed or API answer carries validators (ETag from the change log's head,
//     the viewer's class and the language; Last-Modified from the head's time) and answers 304
//     when they still hold, before any of its work is done;
//   - a staff page is never stored (Cache-Control: no-store, see render).

// langParam is the query parameter that holds an anonymous page's language.
const langParam = "lang"

// pageLang returns the language of an anonymous page, from its URL, and whether the URL says.
func pageLang(r *http.Request) (string, bool) {
	if l := r.URL.Query().Get(langParam); locale.Supported(l) {
		return l, true
	}
	return locale.Default, false
}

// isPage reports whether a GET is for a page of the site in the interface's language, as
// opposed to a file, a feed, an export or the API, whose language the URL does not choose.
func isPage(r *http.Request) bool {
	p := r.URL.Path
	for _, prefix := range []string{"/api/", "/static/", "/lang/", "/suggest", "/robots.txt", "/checkpoint"} {
		if strings.HasPrefix(p, prefix) {
			return false
		}
	}
	if strings.HasSuffix(p, ".atom") || strings.HasSuffix(p, ".csv") {
		return false
	}
	f := r.URL.Query().Get("format")
	return f == "" || f == "html"
}

// languageRedirect sends an anonymous visitor who asks for a page without a language, and whose
// browser prefers one other than the default, to the page in that language: the one answer
// that depends on a request header, and says so (Vary). It reports whether it answered.
func languageRedirect(w http.ResponseWriter, r *http.Request) bool {
	if _, ok := pageLang(r); ok {
		return false
	}
	w.Header().Add("Vary", "Accept-Language")
	l := locale.Match(r.Header.Get("Accept-Language"))
	if l == "" || l == locale.Default {
		return false
	}
	u := *r.URL
	q := u.Query()
	q.Set(langParam, l)
	u.RawQuery = q.Encode()
	http.Redirect(w, r, u.RequestURI(), http.StatusFound)
	return true
}

// localLink matches the addresses of the site's own pages in href and action attributes, and
// the GET forms, of a rendered page.
var (
	localLink = regexp.MustCompile(`(href|action)="(/[^"#]*)(#[^"]*)?"`)
	getForm   = regexp.MustCompile(`(?i)<form[^>]*method="get"[^>]*>`)
)

// keepLang rewrites a page in a language its URL chose so that its links and GET forms keep it.
func keepLang(body []byte, lang string) []byte {
	body = localLink.ReplaceAllFunc(body, func(m []byte) []byte {
		sub := localLink.FindSubmatch(m)
		path := string(sub[2])
		for _, prefix := range []string{"/static/", "/api/", "/lang/"} {
			if strings.HasPrefix(path, prefix) {
				return m
			}
		}
		if strings.Contains(path, "?"+langParam+"=") || strings.Contains(path, "&amp;"+langParam+"=") {
			return m
		}
		sep := "?"
		if strings.Contains(path, "?") {
			sep = "&amp;"
		}
		return []byte(string(sub[1]) + `="` + path + sep + langParam + "=" + lang + string(sub[3]) + `"`)
	})
	return getForm.ReplaceAllFunc(body, func(m []byte) []byte {
		// m is a window on the page: appending to it in place would write over what follows.
		return append(slices.Clip(m), `<input type="hidden" name="`+langParam+`" value="`+lang+`">`...)
	})
}

// validated reports whether an anonymous GET may carry validators: its answer depends on the
// store's head, the viewer's class and the language alone. Pages of figures and counts (home,
// statistics, lists, briefs) are left out: they may be computed again, or be waited for, at the
// same head; so are checkpoints, which witnesses cosign after they are signed.
func validated(r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	p := r.URL.Path
	switch {
	case p == "/", strings.HasPrefix(p, "/stats"), strings.HasPrefix(p, "/reports/"), strings.HasPrefix(p, "/static/"),
		strings.HasPrefix(p, "/lang/"), strings.HasPrefix(p, "/login"), strings.HasSuffix(p, "/brief"),
		// The lists' rows are derived a moment after the change that the head names.
		p == "/cases", p == "/events", p == "/persons", p == "/cases.csv", p == "/events.csv", p == "/persons.csv",
		strings.HasPrefix(p, "/api/v1/stats"), strings.HasPrefix(p, "/api/v1/reports"),
		// A checkpoint gathers cosignatures at the same head.
		p == "/checkpoint", strings.HasPrefix(p, "/api/v1/ledger/"), strings.HasPrefix(p, "/witness/"):
		return false
	}
	return true
}

// headTime remembers when the change log's head was made, for Last-Modified.
type headTime struct {
	mu   sync.Mutex
	head int64
	at   time.Time
}

// validators answers an anonymous request from the client's copy when its validators still hold
// (304), or sets them on the answer to come. It reports whether it answered.
func (s *Server) validators(w http.ResponseWriter, r *http.Request) (bool, error) {
	head, err := s.Store.Head(r.Context())
	if err != nil {
		return false, err
	}
	class := "api"
	if !strings.HasPrefix(r.URL.Path, "/api/") {
		l, _ := pageLang(r)
		class = "page." + l
	}
	etag := `W/"` + strconv.FormatInt(head, 10) + "." + class + `"`
	mod, err := s.headModified(r, head)
	if err != nil {
		return false, err
	}
	h := w.Header()
	h.Set("ETag", etag)
	if !mod.IsZero() {
		h.Set("Last-Modified", mod.UTC().Format(http.TimeFormat))
	}
	h.Set("Cache-Control", s.publicCacheControl())
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		if matchETag(inm, etag) {
			w.WriteHeader(http.StatusNotModified)
			return true, nil
		}
		return false, nil
	}
	if ims, err := http.ParseTime(r.Header.Get("If-Modified-Since")); err == nil && !mod.IsZero() && !mod.Truncate(time.Second).After(ims) {
		w.WriteHeader(http.StatusNotModified)
		return true, nil
	}
	return false, nil
}

// publicCacheControl lets a shared cache hold a public answer: for PublicMaxAge without asking,
// then (or always, when it is 0) asking with the validators.
func (s *Server) publicCacheControl() string {
	if s.PublicMaxAge > 0 {
		return "public, max-age=" + strconv.Itoa(int(s.PublicMaxAge.Seconds()))
	}
	return "public, no-cache"
}

// headModified returns when the newest change the public may see was made: what a public
// answer can show changes no later, and a staff change's time is not the public's to know.
func (s *Server) headModified(r *http.Request, head int64) (time.Time, error) {
	s.lastMod.mu.Lock()
	defer s.lastMod.mu.Unlock()
	if s.lastMod.head == head {
		return s.lastMod.at, nil
	}
	var at time.Time
	if head > 0 {
		chs, err := s.Store.FindChanges(r.Context(), docket.AnonymousViewer, docket.ChangeFilter{Newest: true, Limit: 1, MaxScan: homeChanges})
		if err != nil {
			return time.Time{}, err
		}
		if len(chs) > 0 {
			at = chs[0].At
		}
	}
	s.lastMod.head, s.lastMod.at = head, at
	return at, nil
}

// matchETag reports whether an If-None-Match header names the tag (weak comparison).
func matchETag(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == strings.TrimPrefix(etag, "W/") {
			return true
		}
	}
	return false
}

// validatedWriter keeps the validators on a successful answer only: an error, a redirect or a
// wait must not be held against the head.
type validatedWriter struct {
	http.ResponseWriter
	wrote bool
}

func (w *validatedWriter) WriteHeader(code int) {
	if !w.wrote {
		w.wrote = true
		if code != http.StatusOK {
			h := w.Header()
			h.Del("ETag")
			h.Del("Last-Modified")
			h.Del("Cache-Control")
		}
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *validatedWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

// writeHTML writes a rendered page with the headers of its kind: a staff page is never stored;
// an anonymous page in a language its URL chose keeps it in its links.
func (s *Server) writeHTML(w http.ResponseWriter, r *http.Request, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	if viewer(r).Role > docket.Anonymous {
		h.Set("Content-Language", requestLang(r))
		h.Set("Cache-Control", "no-store") // staff pages hold internal data
		h.Add("Vary", "Cookie")
	} else {
		l, chosen := pageLang(r)
		h.Set("Content-Language", l)
		if chosen {
			body = keepLang(body, l)
		}
	}
	w.WriteHeader(status)
	w.Write(body)
}

// inLang is a page's address (a path, its query and fragment) in a language.
func inLang(path, lang string) string {
	u, err := url.Parse(path)
	if err != nil {
		return path
	}
	q := u.Query()
	q.Set(langParam, lang)
	u.RawQuery = q.Encode()
	return u.String()
}
