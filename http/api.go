package http

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/docketorg/docket"
)

func (s *Server) handle(method, pattern string, h http.HandlerFunc) {
	s.routes = append(s.routes, route{method, pattern})
	s.mux.HandleFunc(method+" "+pattern, h)
}

func (s *Server) registerAPIRoutes() {
	s.handle("GET", "/api/v1/openapi.json", s.handleOpenAPI)
	s.handle("GET", "/api/v1/schemas", s.handleSchemas)
	s.handle("GET", "/api/v1/search", s.handleSearch)
	s.handle("GET", "/api/v1/entities", s.handleEntities)
	s.handle("POST", "/api/v1/entities", s.handleCreateEntity)
	s.handle("GET", "/api/v1/entities/{id}", s.handleEntity)
	s.handle("GET", "/api/v1/entities/{id}/referrers", s.handleReferrers)
	s.handle("GET", "/api/v1/entities/{id}/history", s.handleHistory)
	s.handle("POST", "/api/v1/entities/{id}/statements", s.handleAddStatements)
	s.handle("POST", "/api/v1/entities/{id}/unmerge", s.handleUnmerge)
	s.handle("POST", "/api/v1/merges", s.handleMerge)
	s.handle("GET", "/api/v1/statements", s.handleStatements)
	s.handle("GET", "/api/v1/statements/{id}", s.handleStatement)
	s.handle("POST", "/api/v1/statements/{id}/retract", s.handleRetract)
	s.handle("POST", "/api/v1/statements/{id}/correct", s.handleCorrect)
	s.handle("POST", "/api/v1/statements/{id}/status", s.handleStatus)
	s.handle("GET", "/api/v1/sources", s.handleSources)
	s.handle("POST", "/api/v1/sources", s.handleCreateSource)
	s.handle("GET", "/api/v1/sources/{id}", s.handleSource)
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		s.Error(w, r, docket.Errorf(docket.ENOTFOUND, "no API route %s %s; see /api/v1/openapi.json", r.Method, r.URL.Path))
	})
}

// decode reads a JSON body strictly: unknown fields, trailing data and invalid UTF-8 are
// errors that say where, so a client's typo is not silently ignored nor a broken character
// stored as U+FFFD.
func decode(r *http.Request, v any) error {
	body, err := io.ReadAll(r.Body) // at most MaxBodySize
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return err
	} else if err != nil {
		return fmt.Errorf("read body: %w", err)
	}
	if err := docket.CheckUTF8(body); err != nil {
		return docket.Errorf(docket.EINVALID, "the body is not UTF-8 text: %s", docket.ErrorMessage(err))
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	err = dec.Decode(v)
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	var de *docket.Error
	switch {
	case err == nil:
		if dec.More() {
			return docket.Errorf(docket.EINVALID, "the body has data after its JSON value")
		}
		return nil
	case errors.Is(err, io.EOF):
		return docket.Errorf(docket.EINVALID, "the body is empty; want JSON")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return docket.Errorf(docket.EINVALID, "malformed JSON: the body ends before its JSON value does")
	case errors.As(err, &se):
		return docket.Errorf(docket.EINVALID, "malformed JSON at byte %d: %s", se.Offset, se.Error())
	case errors.As(err, &te):
		return docket.Errorf(docket.EINVALID, "field %q: want %s, not %s", te.Field, te.Type, te.Value)
	case errors.As(err, &de):
		return de
	}
	return docket.Errorf(docket.EINVALID, "%s", strings.TrimPrefix(err.Error(), "json: "))
}

// page reads limit and offset.
func page(r *http.Request) (limit, offset int, err error) {
	q := r.URL.Query()
	for _, p := range []struct {
		name string
		dst  *int
	}{{"limit", &limit}, {"offset", &offset}} {
		if v := q.Get(p.name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return 0, 0, docket.Errorf(docket.EINVALID, "%s=%q: want a whole number of 0 or more", p.name, v)
			}
			*p.dst = n
		}
	}
	if limit > 1000 {
		return 0, 0, docket.Errorf(docket.EINVALID, "limit=%d: at most 1000", limit)
	}
	return limit, offset, nil
}

func optional(r *http.Request, name string) *string {
	if v := r.URL.Query().Get(name); v != "" {
		return &v
	}
	return nil
}

func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	b, _ := openapiFS.ReadFile("openapi.json")
	w.Header().Set("Content-Type", "application/json")
	w.Write(b)
}

func (s *Server) handleSchemas(w http.ResponseWriter, r *http.Request) {
	vocab := map[string][]docket.Term{}
	for _, n := range docket.Vocab.Names() {
		vocab[n] = docket.Vocab.Terms(n)
	}
	writeJSON(w, http.StatusOK, map[string]any{"schemas": docket.Schemas, "vocabularies": vocab, "codes": docket.Vocab.Codes()})
}

func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	limit, offset, err := page(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	q := docket.SearchQuery{Q: r.URL.Query().Get("q"), Schema: r.URL.Query().Get("schema"), Limit: limit, Offset: offset}
	hits, err := s.Store.Search(r.Context(), viewer(r), q)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if hits == nil {
		hits = []*docket.SearchHit{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"hits": hits})
}

func (s *Server) handleEntities(w http.ResponseWriter, r *http.Request) {
	limit, offset, err := page(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	f := docket.EntityFilter{Schema: optional(r, "schema"), Name: optional(r, "name"), RefersTo: optional(r, "refers_to"), Limit: limit, Offset: offset}
	if f.Schema != nil {
		if _, err := docket.SchemaByName(*f.Schema); err != nil {
			s.Error(w, r, err)
			return
		}
	}
	ents, n, err := s.Store.FindEntities(r.Context(), viewer(r), f)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if ents == nil {
		ents = []*docket.Entity{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"entities": ents, "total": n})
}

// statementInput is what a client may say of a new statement; the server decides the rest.
type statementInput struct {
	Property    string             `json:"property"`
	Value       string             `json:"value"`
	Source      string             `json:"source,omitempty"`
	Locator     string             `json:"locator,omitempty"`
	Quote       string             `json:"quote,omitempty"`
	Lang        string             `json:"lang,omitempty"`
	Status      docket.Status      `json:"status,omitempty"`
	Sensitivity docket.Sensitivity `json:"sensitivity,omitempty"`
}

func (in statementInput) statement(entity string) *docket.Statement {
	return &docket.Statement{Entity: entity, Property: in.Property, Value: in.Value, Source: in.Source, Locator: in.Locator,
		Quote: in.Quote, Lang: in.Lang, Status: in.Status, Sensitivity: in.Sensitivity}
}

func (s *Server) handleCreateEntity(w http.ResponseWriter, r *http.Request) {
	var in struct {
		ID          string             `json:"id,omitempty"`
		Schema      string             `json:"schema"`
		Sensitivity docket.Sensitivity `json:"sensitivity,omitempty"`
		Statements  []statementInput   `json:"statements"`
		New         bool               `json:"new,omitempty"` // a new record even if one has its name
	}
	if err := decode(r, &in); err != nil {
		s.Error(w, r, err)
		return
	}
	e := &docket.Entity{ID: in.ID, Schema: in.Schema, Sensitivity: in.Sensitivity}
	var ss []*docket.Statement
	for _, si := range in.Statements {
		ss = append(ss, si.statement(""))
	}
	// No silent duplicates: 409 with the records that have the name, unless "new": true.
	mayAsk := viewer(r).CanWrite()
	for _, st := range ss {
		// What the role may not ask is the store's to refuse: a conflict would first tell that
		// a name is recorded.
		mayAsk = mayAsk && viewer(r).MayRecordStatus(st.Status) == nil
	}
	if names := docket.NewNames(in.Schema, ss); len(names) > 0 && !in.New && mayAsk {
		cands, err := docket.NameMatches(r.Context(), s.Store, viewer(r), in.Schema, names...)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		if len(cands) > 0 {
			err := &docket.DuplicateError{Schema: in.Schema, Candidates: cands}
			writeJSON(w, http.StatusConflict, map[string]any{"error": errorDetail{Code: docket.ECONFLICT, Message: docket.ErrorMessage(err)}, "candidates": cands})
			return
		}
	}
	if err := s.Store.CreateEntity(r.Context(), viewer(r), e, ss); err != nil {
		s.Error(w, r, err)
		return
	}
	s.writeEntity(w, r, e.ID, http.StatusCreated)
}

func (s *Server) writeEntity(w http.ResponseWriter, r *http.Request, id string, status int) {
	e, err := s.Store.FindEntityByID(r.Context(), viewer(r), id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if e.Statements == nil {
		e.Statements = []*docket.Statement{}
	}
	writeJSON(w, status, e)
}

func (s *Server) handleEntity(w http.ResponseWriter, r *http.Request) {
	s.writeEntity(w, r, r.PathValue("id"), http.StatusOK)
}

// handleReferrers lists the entities that refer to one, whole, a page at a time (limit and
// offset; 100 by default): a court or a judge is named by thousands.
func (s *Server) handleReferrers(w http.ResponseWriter, r *http.Request) {
	limit, offset, err := page(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	id := r.PathValue("id")
	v := viewer(r)
	if _, err := s.Store.FindEntityByID(r.Context(), v, id); err != nil {
		s.Error(w, r, err)
		return
	}
	if q := r.URL.Query(); q.Has("offset") && q.Has("before") {
		s.Error(w, r, docket.Errorf(docket.EINVALID, "offset and before: one or the other"))
		return
	} else if q.Has("offset") {
		// Numbered pages with a total, in the order the records were made: counting what refers
		// to a hub costs a read of all of it.
		refs, n, err := s.Store.FindEntities(r.Context(), v, docket.EntityFilter{RefersTo: &id, Limit: limit, Offset: offset, WithStatements: true})
		if err != nil {
			s.Error(w, r, err)
			return
		}
		if refs == nil {
			refs = []*docket.Entity{}
		}
		writeJSON(w, http.StatusOK, map[string]any{"entities": refs, "total": n})
		return
	}
	before, err := cursor(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if limit == 0 {
		limit = referrersPerPage
	}
	refs, next, err := referrersBefore(r.Context(), s.Store, v, id, before, limit)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if refs == nil {
		refs = []*docket.Entity{}
	}
	out := map[string]any{"entities": refs}
	if next > 0 {
		out["next"] = "/api/v1/entities/" + url.PathEscape(id) + "/referrers?limit=" + strconv.Itoa(limit) + "&before=" + strconv.FormatInt(next, 10)
	}
	writeJSON(w, http.StatusOK, out)
}

// changeJSON shows a change with its record.
type changeJSON struct {
	*docket.Change
	Record docket.Record `json:"record"`
}

func (s *Server) handleHistory(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	v := viewer(r)
	if _, err := s.Store.FindEntityByID(r.Context(), v, id); err != nil {
		s.Error(w, r, err)
		return
	}
	chs, err := s.Store.FindChanges(r.Context(), v, docket.ChangeFilter{Entity: &id})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	out := []changeJSON{}
	for _, c := range chs {
		out = append(out, changeJSON{c, c.Record})
	}
	writeJSON(w, http.StatusOK, map[string]any{"changes": out})
}

func (s *Server) handleAddStatements(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Statements []statementInput `json:"statements"`
	}
	if err := decode(r, &in); err != nil {
		s.Error(w, r, err)
		return
	}
	if len(in.Statements) == 0 {
		s.Error(w, r, docket.Errorf(docket.EINVALID, "statements: give at least one"))
		return
	}
	// Who may not write learns nothing of the entity: not whether it exists.
	if err := viewer(r).Authorize(docket.Researcher); err != nil {
		s.Error(w, r, err)
		return
	}
	id := r.PathValue("id")
	if _, err := s.Store.FindEntityByID(r.Context(), viewer(r), id); err != nil {
		s.Error(w, r, err)
		return
	}
	var ss []*docket.Statement
	for _, si := range in.Statements {
		ss = append(ss, si.statement(id))
	}
	if err := s.Store.AddStatements(r.Context(), viewer(r), ss); err != nil {
		s.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"statements": ss})
}

type reasonInput struct {
	Reason string `json:"reason"`
}

func (s *Server) handleUnmerge(w http.ResponseWriter, r *http.Request) {
	var in reasonInput
	if err := decode(r, &in); err != nil {
		s.Error(w, r, err)
		return
	}
	m, err := s.Store.UnmergeEntity(r.Context(), viewer(r), r.PathValue("id"), in.Reason)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, m)
}

func (s *Server) handleMerge(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Into   string `json:"into"`
		From   string `json:"from"`
		Reason string `json:"reason"`
	}
	if err := decode(r, &in); err != nil {
		s.Error(w, r, err)
		return
	}
	m, err := s.Store.MergeEntities(r.Context(), viewer(r), in.Into, in.From, in.Reason)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, m)
}

func (s *Server) handleStatements(w http.ResponseWriter, r *http.Request) {
	limit, offset, err := page(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	f := docket.StatementFilter{Entity: optional(r, "entity"), Property: optional(r, "property"), Source: optional(r, "source"),
		Limit: limit, Offset: offset, IncludeRetracted: r.URL.Query().Get("include_retracted") == "true"}
	if st := optional(r, "status"); st != nil {
		status, err := docket.ParseStatus(*st)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		f.Status = &status
	}
	ss, n, err := s.Store.FindStatements(r.Context(), viewer(r), f)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if ss == nil {
		ss = []*docket.Statement{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"statements": ss, "total": n})
}

func (s *Server) handleStatement(w http.ResponseWriter, r *http.Request) {
	st, err := s.Store.FindStatementByID(r.Context(), viewer(r), r.PathValue("id"))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, st)
}

func (s *Server) handleRetract(w http.ResponseWriter, r *http.Request) {
	var in reasonInput
	if err := decode(r, &in); err != nil {
		s.Error(w, r, err)
		return
	}
	id := r.PathValue("id")
	if err := s.Store.RetractStatement(r.Context(), viewer(r), id, in.Reason); err != nil {
		s.Error(w, r, err)
		return
	}
	s.handleStatement(w, r)
}

func (s *Server) handleCorrect(w http.ResponseWriter, r *http.Request) {
	var in struct {
		statementInput
		Reason string `json:"reason"`
	}
	if err := decode(r, &in); err != nil {
		s.Error(w, r, err)
		return
	}
	n, err := s.Store.CorrectStatement(r.Context(), viewer(r), r.PathValue("id"), in.statement(""), in.Reason)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, n)
}

func (s *Server) handleStatus(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Status docket.Status `json:"status"`
		Note   string        `json:"note,omitempty"`
	}
	if err := decode(r, &in); err != nil {
		s.Error(w, r, err)
		return
	}
	if err := s.Store.SetStatus(r.Context(), viewer(r), r.PathValue("id"), in.Status, in.Note); err != nil {
		s.Error(w, r, err)
		return
	}
	s.handleStatement(w, r)
}

func (s *Server) handleSources(w http.ResponseWriter, r *http.Request) {
	limit, offset, err := page(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	srcs, n, err := s.Store.FindSources(r.Context(), viewer(r), docket.SourceFilter{URL: optional(r, "url"), Limit: limit, Offset: offset})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if srcs == nil {
		srcs = []*docket.Source{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"sources": srcs, "total": n})
}

func (s *Server) handleCreateSource(w http.ResponseWriter, r *http.Request) {
	var in struct {
		ID          string             `json:"id,omitempty"`
		URL         string             `json:"url,omitempty"`
		Title       string             `json:"title,omitempty"`
		Publisher   string             `json:"publisher,omitempty"`
		Type        string             `json:"type,omitempty"`
		Published   string             `json:"published,omitempty"`
		Lang        string             `json:"lang,omitempty"`
		CitedIn     string             `json:"cited_in,omitempty"`
		Reliability string             `json:"reliability,omitempty"`
		Note        string             `json:"note,omitempty"`
		Sensitivity docket.Sensitivity `json:"sensitivity,omitempty"`
	}
	if err := decode(r, &in); err != nil {
		s.Error(w, r, err)
		return
	}
	src := &docket.Source{ID: in.ID, URL: in.URL, Title: in.Title, Publisher: in.Publisher, Type: in.Type, Published: in.Published,
		Lang: in.Lang, CitedIn: in.CitedIn, Reliability: in.Reliability, Note: in.Note, Sensitivity: in.Sensitivity}
	reused, err := docket.AddSource(r.Context(), s.Store, viewer(r), src)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if reused {
		writeJSON(w, http.StatusOK, map[string]any{"reused": true, "source": src})
		return
	}
	writeJSON(w, http.StatusCreated, src)
}

func (s *Server) handleSource(w http.ResponseWriter, r *http.Request) {
	src, err := s.Store.FindSourceByID(r.Context(), viewer(r), r.PathValue("id"))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, src)
}
