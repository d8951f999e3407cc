package http

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/docketorg/docket"
)

// Pickers: a reference is chosen by name, in any script or spelling, never by typing an id.
// With JavaScript, the form's field suggests records of the right kinds as one types
// (/pick, /pick/source); without it, sending the form with a name, or pressing Find, shows the
// records that name matches as choices, and nothing is written until one is chosen. Both read
// through the store's search as the viewer, so a record the viewer may not see is never
// offered: it answers as a name that matches nothing.

// maxChoices is how many records a picker offers.
const maxChoices = 10

// choice is a record a picker offers.
type choice struct {
	ID      string `json:"id"`
	Caption string `json:"caption"`
	Schema  string `json:"schema"` // in the page's language
	Detail  string `json:"detail,omitempty"`
	Draft   bool   `json:"draft,omitempty"`
}

// sourceChoice is a source a picker offers.
type sourceChoice struct {
	ID      string `json:"id"`
	Caption string `json:"caption"`
	Detail  string `json:"detail,omitempty"`
}

func (s *Server) registerPickRoutes() {
	s.mux.HandleFunc("GET /pick", s.limited(s.handlePick))
	s.mux.HandleFunc("GET /pick/source", s.limited(s.handlePickSource))
}

// pick returns the records of the schemas whose names or statements match q, as the request's
// viewer finds them, the best first.
func (s *Server) pick(r *http.Request, l *layout, schemas []string, q string) ([]choice, error) {
	q = strings.TrimSpace(q)
	if len([]rune(q)) < 2 {
		return nil, nil
	}
	sq := docket.SearchQuery{Q: q, Limit: maxChoices}
	if len(schemas) == 1 {
		sq.Schema = schemas[0]
	} else {
		sq.Limit = 4 * maxChoices // others are left out after
	}
	hits, err := s.Store.Search(r.Context(), viewer(r), sq)
	if docket.ErrorCode(err) == docket.EINVALID {
		return nil, nil // no words to search for: nothing matches
	} else if err != nil {
		return nil, err
	}
	out := []choice{}
	for _, h := range hits {
		e := h.Entity
		if len(schemas) > 0 && !slices.Contains(schemas, e.Schema) {
			continue
		}
		c := choice{ID: e.ID, Caption: e.Caption, Schema: l.SchemaLabel(e.Schema)}
		if h.Snippet != "" && h.Snippet != e.Caption {
			c.Detail = h.Snippet
		}
		out = append(out, c)
		if len(out) == maxChoices {
			break
		}
	}
	return out, nil
}

// pickSchemas reads the schemas a picker is for from the query, refusing unknown ones.
func pickSchemas(q url.Values) ([]string, error) {
	var out []string
	for _, n := range q["schema"] {
		if _, err := docket.SchemaByName(n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

// handlePick answers a reference field's suggestions: /pick?schema=Person&q=Байтурова.
func (s *Server) handlePick(w http.ResponseWriter, r *http.Request) {
	schemas, err := pickSchemas(r.URL.Query())
	if err != nil {
		s.Error(w, r, err)
		return
	}
	l := s.layout(w, r, "")
	out, err := s.pick(r, &l, schemas, r.URL.Query().Get("q"))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if out == nil {
		out = []choice{}
	}
	w.Header().Set("Cache-Control", "private, no-store")
	writeJSON(w, http.StatusOK, map[string]any{"results": out})
}

// pickSources returns the sources matching q (all of them, with q empty), the newest first.
func (s *Server) pickSources(r *http.Request, l *layout, q string, n int) ([]*docket.Source, error) {
	srcs, _, err := s.Store.FindSources(r.Context(), viewer(r), docket.SourceFilter{Query: strings.TrimSpace(q), Newest: true, Limit: n, SkipCount: true})
	return srcs, err
}

// sourceDetail says what a source is beside its caption: its publisher and date.
func (l layout) sourceDetail(src *docket.Source) string {
	var parts []string
	if src.Publisher != "" {
		parts = append(parts, src.Publisher)
	}
	if src.Published != "" {
		parts = append(parts, l.Date(src.Published))
	}
	if src.URL != "" && src.Title != "" {
		parts = append(parts, src.URL)
	}
	return strings.Join(parts, " · ")
}

// handlePickSource answers the source field's suggestions: /pick/source?q=tumba.
func (s *Server) handlePickSource(w http.ResponseWriter, r *http.Request) {
	l := s.layout(w, r, "")
	out := []sourceChoice{}
	if q := strings.TrimSpace(r.URL.Query().Get("q")); len([]rune(q)) >= 2 {
		srcs, err := s.pickSources(r, &l, q, maxChoices)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		for _, src := range srcs {
			out = append(out, sourceChoice{ID: src.ID, Caption: src.Caption(), Detail: l.sourceDetail(src)})
		}
	}
	w.Header().Set("Cache-Control", "private, no-store")
	writeJSON(w, http.StatusOK, map[string]any{"results": out})
}

// SourceDate is a source's date of publication, for its option in the source field.
func (l layout) SourceDate(src *docket.Source) string {
	if src.Published == "" {
		return ""
	}
	return l.Date(src.Published)
}
