package http

import (
	"embed"
	"html/template"
	"net/http"
	"strconv"

	"github.com/docketorg/docket"
)

//go:embed templates/*.html
var templateFS embed.FS

var templates = template.Must(template.New("").Funcs(template.FuncMap{
	"inc": func(i int) int { return i + 1 },
}).ParseFS(templateFS, "templates/*.html"))

func (s *Server) registerPageRoutes() {
	s.mux.HandleFunc("GET /{$}", s.handleHome)
	s.mux.HandleFunc("GET /search", s.handleSearchPage)
	s.mux.HandleFunc("GET /entity/{id}", s.handleEntityPage)
}

// layout is what every page's frame needs.
type layout struct {
	Title string
	Q     string // the search box's text
}

// homePage is the data of the home page.
type homePage struct {
	layout
	Entities []*docket.Entity
	Total    int
}

// searchPage is the data of the search page.
type searchPage struct {
	layout
	Hits []*docket.SearchHit
	Err  string
}

// entityPage is the data of an entity's page.
type entityPage struct {
	layout
	Entity    *docket.Entity
	Rows      []factRow
	Referrers []referrer
	Footnotes []footnote
}

type factRow struct {
	Property, Value, Link string
	Note                  int
	Status                docket.Status
}

type referrer struct {
	Entity *docket.Entity
	Rows   []factRow
}

type footnote struct {
	N      int
	Source *docket.Source // nil when withheld from this viewer
}

func (s *Server) render(w http.ResponseWriter, status int, name string, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if err := templates.ExecuteTemplate(w, name, data); err != nil {
		s.Logger.Error("render", "template", name, "err", err)
	}
}

func (s *Server) renderError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	s.render(w, status, "error.html", struct {
		layout
		Message string
	}{layout{Title: strconv.Itoa(status)}, msg})
}

func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) {
	ents, n, err := s.Store.FindEntities(r.Context(), viewer(r), docket.EntityFilter{Limit: 50})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, http.StatusOK, "home.html", homePage{layout: layout{Title: "Docket"}, Entities: ents, Total: n})
}

func (s *Server) handleSearchPage(w http.ResponseWriter, r *http.Request) {
	p := searchPage{layout: layout{Title: "Search", Q: r.URL.Query().Get("q")}}
	if p.Q != "" {
		hits, err := s.Store.Search(r.Context(), viewer(r), docket.SearchQuery{Q: p.Q, Limit: 50})
		if docket.ErrorCode(err) == docket.EINVALID {
			p.Err = docket.ErrorMessage(err)
		} else if err != nil {
			s.Error(w, r, err)
			return
		}
		p.Hits = hits
	}
	s.render(w, http.StatusOK, "search.html", p)
}

func (s *Server) handleEntityPage(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), viewer(r)
	e, err := s.Store.FindEntityByID(ctx, v, r.PathValue("id"))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := entityPage{layout: layout{Title: e.Caption}, Entity: e}
	notes := map[string]int{}
	captions := map[string]string{}
	rows := func(x *docket.Entity) []factRow {
		schema, _ := docket.SchemaByName(x.Schema)
		var out []factRow
		for _, st := range x.Statements {
			row := factRow{Property: st.Property, Value: st.Value, Status: st.Status}
			if pr := schema.Property(st.Property); pr != nil {
				row.Property = pr.Label
				if pr.Type == docket.TypeRef {
					if _, ok := captions[st.Value]; !ok {
						captions[st.Value] = st.Value
						if t, err := s.Store.FindEntityByID(ctx, v, st.Value); err == nil {
							captions[st.Value] = t.Caption
						}
					}
					row.Value, row.Link = captions[st.Value], "/entity/"+st.Value
				}
			}
			if st.Source != "" {
				if _, ok := notes[st.Source]; !ok {
					notes[st.Source] = len(notes) + 1
					src, _ := s.Store.FindSourceByID(ctx, v, st.Source)
					p.Footnotes = append(p.Footnotes, footnote{N: len(notes), Source: src})
				}
				row.Note = notes[st.Source]
			}
			out = append(out, row)
		}
		return out
	}
	p.Rows = rows(e)
	refs, _, err := s.Store.FindEntities(ctx, v, docket.EntityFilter{RefersTo: &e.ID, Limit: 200})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	for _, ref := range refs {
		full, err := s.Store.FindEntityByID(ctx, v, ref.ID)
		if err != nil {
			continue
		}
		p.Referrers = append(p.Referrers, referrer{Entity: full, Rows: rows(full)})
	}
	s.render(w, http.StatusOK, "entity.html", p)
}
