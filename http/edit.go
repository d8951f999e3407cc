package http

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/docketorg/docket"
)

// Forms to add and correct facts and to review drafts. A new fact needs a source: one picked
// from the registry or a URL, which becomes a new source. A correction retracts the old
// statement and supersedes it, in one transaction; nothing is deleted. A form with an error
// is shown again with what was typed and a message naming the field.

func (s *Server) registerEditRoutes() {
	s.mux.HandleFunc("GET /new", s.handleNewEntityForm)
	s.mux.HandleFunc("POST /new", s.handleNewEntity)
	s.mux.HandleFunc("GET /entity/{id}/facts/new", s.handleFactForm)
	s.mux.HandleFunc("POST /entity/{id}/facts", s.handleAddFact)
	s.mux.HandleFunc("GET /statement/{id}/correct", s.handleCorrectForm)
	s.mux.HandleFunc("POST /statement/{id}/correct", s.handleCorrectFact)
	s.mux.HandleFunc("POST /statement/{id}/retract", s.handleRetractFact)
	s.mux.HandleFunc("POST /statement/{id}/review", s.handleReview)
}

// factForm is what the fact forms send, apart from the domain's types.
type factForm struct {
	Schema, Name, EntitySensitivity string // a new entity
	Property, Value, Lang           string
	Source                          string // the id of a source in the registry
	URL, SourceTitle                string // or a new source
	Locator, Quote                  string
	Sensitivity                     string
	Status                          string // draft or reported
	Reason                          string // a correction's or retraction's
	// A reference is chosen, not typed: Pick is the id of the record chosen in the picker or
	// among the choices of a search step (Value is then only its label); Find asks for a
	// search step ("value" or "source") and writes nothing.
	Pick, Find string
	// SourceQ is the words the source was looked for by; SourcePick the source chosen
	// among what they found.
	SourceQ, SourcePick string
}

func readFactForm(r *http.Request) factForm {
	f := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	ff := factForm{Schema: f("schema"), Name: f("name"), EntitySensitivity: f("entity_sensitivity"),
		Property: f("property"), Value: f("value"), Lang: f("lang"), Source: f("source"), URL: f("url"), SourceTitle: f("source_title"),
		Locator: f("locator"), Quote: f("quote"), Sensitivity: f("sensitivity"), Status: f("status"), Reason: f("reason"),
		Pick: f("pick"), SourceQ: f("source_q"), SourcePick: f("source_pick")}
	// The Find buttons are inputs, named for what they find: a button's text would be sent.
	switch {
	case r.PostForm.Has("find_value"):
		ff.Find = "value"
	case r.PostForm.Has("find_source"):
		ff.Find = "source"
	}
	if ff.SourcePick != "" {
		ff.Source = ff.SourcePick
	}
	return ff
}

// fieldError is a message for one field of a form.
type fieldError struct{ Field, Message string }

// factPage is the data of the fact forms.
type factPage struct {
	layout
	Action        string
	Entity        *docket.Entity // nil on the new-entity form
	Old           *fact          // the fact being corrected
	OldID         string
	Form          factForm
	Errors        []fieldError
	Schemas       []*docket.Schema
	Properties    []docket.Property
	Sources       []*docket.Source
	Sensitivities []docket.Sensitivity
	Langs         []string
	Status        int // of the form shown again with errors: 400, or 403 when it asked what the role may not
	// Choices are the records a search step found for a reference, SourceChoices the sources:
	// the form is shown again for one to be chosen.
	Choices       []choice
	SourceChoices []sourceChoice
	Searched      bool             // a search step was asked for or needed
	Candidates    []*docket.Entity // records of the new record's name: "is it one of these?"
}

// ready reports whether the form may be written: no errors and no search step to finish.
func (p *factPage) ready() bool { return len(p.Errors) == 0 && !p.Searched }

// errStatus is the HTTP status of the form shown again: with errors 400 (or 403 when it asked
// what the role may not), and 200 for a search step.
func (p *factPage) errStatus() int {
	if len(p.Errors) == 0 {
		return http.StatusOK
	}
	return cmp.Or(p.Status, http.StatusBadRequest)
}

// PropPick is the address of a property's suggestions, for the property field's options.
func (p *factPage) PropPick(prop docket.Property) string { return pickURL(&prop) }

// PickURL is the address of the suggestions of the form's property, "" when it names no
// record.
func (p *factPage) PickURL(prop string) string {
	var schema *docket.Schema
	switch {
	case p.Entity != nil:
		schema, _ = docket.SchemaByName(p.Entity.Schema)
	case p.Form.Schema != "":
		schema, _ = docket.SchemaByName(p.Form.Schema)
	}
	if schema == nil {
		return ""
	}
	return pickURL(schema.Property(prop))
}

// pickURL is the address of the suggestions for a reference property, "" for another.
func pickURL(prop *docket.Property) string {
	if prop == nil || prop.Type != docket.TypeRef {
		return ""
	}
	q := url.Values{"schema": prop.Range}
	return "/pick?" + q.Encode()
}

// Err returns the message for a field, or "".
func (p *factPage) Err(field string) string {
	for _, e := range p.Errors {
		if e.Field == field {
			return e.Message
		}
	}
	return ""
}

// recentSources is how many of the newest sources the source field lists; the others are
// found by the source picker.
const recentSources = 30

func (s *Server) factPage(w http.ResponseWriter, r *http.Request, title string, args ...any) (*factPage, error) {
	v := viewer(r)
	p := &factPage{layout: s.layout(w, r, title, args...), Schemas: docket.Schemas, Langs: []string{"en", "ru", "kk", "be", "uk", "az", "ky"}}
	// The newest first: the one just cited is likely the one cited next.
	srcs, err := s.pickSources(r, &p.layout, "", recentSources)
	if err != nil {
		return nil, err
	}
	p.Sources = srcs
	for _, sens := range []docket.Sensitivity{docket.Public, docket.Internal, docket.Confidential} {
		if sens <= v.MaxSensitivity() {
			p.Sensitivities = append(p.Sensitivities, sens)
		}
	}
	return p, nil
}

// mayWrite sends the anonymous to sign in and refuses those who may only read.
func (s *Server) mayWrite(w http.ResponseWriter, r *http.Request, min docket.Role) bool {
	v := viewer(r)
	if v.Role == docket.Anonymous && r.Method == http.MethodGet {
		s.redirectLogin(w, r)
		return false
	}
	if err := v.Authorize(min); err != nil {
		s.Error(w, r, err)
		return false
	}
	return true
}

func (s *Server) handleNewEntityForm(w http.ResponseWriter, r *http.Request) {
	if !s.mayWrite(w, r, docket.Researcher) {
		return
	}
	p, err := s.factPage(w, r, "new.title")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Action, p.Nav = "/new", "new"
	// Internal until someone publishes it on purpose, as on the command line.
	p.Form = factForm{Schema: r.URL.Query().Get("schema"), EntitySensitivity: "internal", Sensitivity: "internal", Status: "reported", Lang: p.Lang()}
	if p.Form.Schema == "" {
		p.Form.Schema = "Case"
	}
	s.render(w, r, http.StatusOK, "new.html", p)
}

func (s *Server) handleNewEntity(w http.ResponseWriter, r *http.Request) {
	if !s.mayWrite(w, r, docket.Researcher) {
		return
	}
	p, err := s.factPage(w, r, "new.title")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Action, p.Nav = "/new", "new"
	p.Form = readFactForm(r)
	p.Form.Property, p.Form.Value = "name", p.Form.Name
	schema, err := docket.SchemaByName(p.Form.Schema)
	if err != nil {
		p.Errors = append(p.Errors, fieldError{"schema", docket.ErrorMessage(err)})
	}
	if p.Form.Name == "" {
		p.Errors = append(p.Errors, fieldError{"name", p.T("form.nameRequired")})
	}
	entSens, err := docket.ParseSensitivity(cmp.Or(p.Form.EntitySensitivity, "internal"))
	if err != nil {
		p.Errors = append(p.Errors, fieldError{"entity_sensitivity", docket.ErrorMessage(err)})
	}
	var st *docket.Statement
	if schema != nil {
		st = s.checkFact(r, p, schema, "")
	}
	if !p.ready() {
		s.render(w, r, p.errStatus(), "new.html", p)
		return
	}
	if err := s.ensureSource(r, p, st); err != nil {
		s.Error(w, r, err)
		return
	}
	if !p.ready() {
		s.render(w, r, p.errStatus(), "new.html", p)
		return
	}
	// No silent duplicates: a person or organisation of a name the registry has (among what the
	// writer may see) is asked about first.
	if names := docket.NewNames(schema.Name, []*docket.Statement{st}); len(names) > 0 && r.PostFormValue("new") == "" {
		cands, err := docket.NameMatches(r.Context(), s.Store, viewer(r), schema.Name, names...)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		if len(cands) > 0 {
			p.Candidates = cands
			p.Status = http.StatusConflict
			s.render(w, r, http.StatusConflict, "new.html", p)
			return
		}
	}
	e := &docket.Entity{Schema: schema.Name, Sensitivity: entSens}
	if err := s.Store.CreateEntity(r.Context(), viewer(r), e, []*docket.Statement{st}); err != nil {
		if s.formError(w, r, p, err, "new.html") {
			return
		}
		s.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/entity/"+url.PathEscape(e.ID)+"?flash=created", http.StatusSeeOther)
}

// checkFact checks the fact part of a form as far as it can before writing anything, and
// returns the statement to write. Errors are added to the page.
func (s *Server) checkFact(r *http.Request, p *factPage, schema *docket.Schema, entity string) *docket.Statement {
	f := p.Form
	v := viewer(r)
	st := &docket.Statement{Entity: entity, Property: f.Property, Value: f.Value, Lang: f.Lang, Source: f.Source,
		Locator: f.Locator, Quote: f.Quote}
	if st.Entity == "" {
		st.Entity = "new"
	}
	if f.Source == "" && f.URL == "" && f.Find != "source" {
		p.Errors = append(p.Errors, fieldError{"source", p.T("form.sourceRequired")})
	}
	// A form that sends none (a script, an old page) gets the safe choice.
	sens, err := docket.ParseSensitivity(cmp.Or(f.Sensitivity, "internal"))
	if err != nil {
		p.Errors = append(p.Errors, fieldError{"sensitivity", docket.ErrorMessage(err)})
	} else if sens > v.MaxSensitivity() {
		p.Errors = append(p.Errors, fieldError{"sensitivity", p.T("form.notCleared")})
	}
	st.Sensitivity = sens
	// A researcher proposes; an editor may record a reviewed fact at once. The form offers the
	// choice to editors only; a status sent by anyone else goes to the store, which refuses it.
	switch {
	case f.Status == "" && v.CanEdit():
		st.Status = docket.Reported
	case f.Status == "":
		st.Status = docket.Draft
	default:
		if st.Status, err = docket.ParseStatus(f.Status); err != nil {
			p.Errors = append(p.Errors, fieldError{"status", docket.ErrorMessage(err)})
		}
	}
	if err := v.MayRecordStatus(st.Status); err != nil {
		p.Errors = append(p.Errors, fieldError{"status", docket.ErrorMessage(err)})
		p.Status = http.StatusForbidden
	}
	if err := s.sourceStep(r, p); err != nil {
		p.Errors = append(p.Errors, fieldError{"source", docket.ErrorMessage(err)})
	}
	prop := schema.Property(f.Property)
	if prop == nil {
		p.Errors = append(p.Errors, fieldError{"property", p.T("form.propertyUnknown", schema.Name)})
		return st
	}
	if f.Value == "" && f.Pick == "" {
		p.Errors = append(p.Errors, fieldError{"value", p.T("form.valueRequired")})
		return st
	}
	if prop.Type == docket.TypeRef {
		st.Value = s.checkRef(r, p, prop)
	} else {
		norm, err := prop.Normalize(f.Value)
		if err != nil {
			p.Errors = append(p.Errors, fieldError{"value", p.ErrText(err)})
			return st
		}
		st.Value = norm
	}
	if len(f.Quote) > docket.MaxQuoteLen {
		p.Errors = append(p.Errors, fieldError{"quote", p.T("form.quoteLong", docket.MaxQuoteLen)})
	}
	if len(f.Locator) > docket.MaxLocatorLen {
		p.Errors = append(p.Errors, fieldError{"locator", p.T("form.locatorLong", docket.MaxLocatorLen)})
	}
	if f.Source != "" {
		if _, err := s.Store.FindSourceByID(r.Context(), v, f.Source); err != nil {
			p.Errors = append(p.Errors, fieldError{"source", docket.ErrorMessage(err)})
		}
	}
	return st
}

// checkRef returns the id of the record a reference field names: the record picked, or one
// whose id was typed, if the viewer may see it and it is of the property's range. Anything
// else is a name: the records it matches become the form's choices (a search step), and the
// form is shown again for one to be chosen; nothing is guessed.
func (s *Server) checkRef(r *http.Request, p *factPage, prop *docket.Property) string {
	f := &p.Form
	id := cmp.Or(f.Pick, f.Value)
	if f.Find != "value" && docket.ValidID(id) {
		t, err := s.Store.FindEntityByID(r.Context(), viewer(r), id)
		switch {
		case err == nil && slices.Contains(prop.Range, t.Schema):
			f.Pick = t.ID
			return t.ID
		case err == nil:
			f.Pick = ""
			p.Errors = append(p.Errors, fieldError{"value", p.T("form.wrongSchema", p.rangeLabel(prop), p.SchemaLabel(t.Schema))})
			return ""
		case docket.ErrorCode(err) != docket.ENOTFOUND:
			p.Errors = append(p.Errors, fieldError{"value", docket.ErrorMessage(err)})
			return ""
		case f.Pick != "":
			// Chosen, and gone since (or never visible): as any id that names nothing.
			f.Pick = ""
			p.Errors = append(p.Errors, fieldError{"value", p.T("form.noEntity", id)})
			return ""
		}
	}
	f.Pick = ""
	p.Searched = true
	choices, err := s.pick(r, &p.layout, prop.Range, f.Value)
	if err != nil {
		p.Errors = append(p.Errors, fieldError{"value", docket.ErrorMessage(err)})
		return ""
	}
	if len(choices) == 0 {
		p.Errors = append(p.Errors, fieldError{"value", p.T("form.noMatch", p.rangeLabel(prop), f.Value)})
	}
	p.Choices = choices
	return ""
}

// rangeLabel names the kinds of record a reference may name: "Person or Organisation".
func (l layout) rangeLabel(prop *docket.Property) string {
	var names []string
	for _, n := range prop.Range {
		names = append(names, l.SchemaLabel(n))
	}
	return strings.Join(names, l.T("form.or"))
}

// sourceStep lists the source chosen when it is not among the newest, and, when the form
// asks for it, the sources the words of its source field find (a search step).
func (s *Server) sourceStep(r *http.Request, p *factPage) error {
	f := &p.Form
	if f.Source != "" && !slices.ContainsFunc(p.Sources, func(x *docket.Source) bool { return x.ID == f.Source }) {
		if src, err := s.Store.FindSourceByID(r.Context(), viewer(r), f.Source); err == nil {
			p.Sources = append([]*docket.Source{src}, p.Sources...)
		}
	}
	if f.Find != "source" {
		return nil
	}
	p.Searched = true
	srcs, err := s.pickSources(r, &p.layout, f.SourceQ, maxChoices)
	if err != nil {
		return err
	}
	p.SourceChoices = []sourceChoice{}
	for _, src := range srcs {
		p.SourceChoices = append(p.SourceChoices, sourceChoice{ID: src.ID, Caption: src.Caption(), Detail: p.sourceDetail(src)})
	}
	return nil
}

// ensureSource makes the form's URL a source, or finds the source that has it, when no source
// was picked.
func (s *Server) ensureSource(r *http.Request, p *factPage, st *docket.Statement) error {
	f := p.Form
	if f.Source != "" || f.URL == "" {
		return nil
	}
	v := viewer(r)
	src := &docket.Source{URL: f.URL, Title: f.SourceTitle, Sensitivity: st.Sensitivity}
	if err := src.Normalize(); err != nil {
		p.Errors = append(p.Errors, fieldError{"url", docket.ErrorMessage(err)})
		return nil
	}
	if found, _, err := s.Store.FindSources(r.Context(), v, docket.SourceFilter{URL: &src.URL, Limit: 1}); err != nil {
		return err
	} else if len(found) > 0 {
		st.Source = found[0].ID
		return nil
	}
	if err := s.Store.CreateSource(r.Context(), v, src); err != nil {
		if code := docket.ErrorCode(err); code == docket.EINVALID || code == docket.EFORBIDDEN {
			p.Errors = append(p.Errors, fieldError{"url", docket.ErrorMessage(err)})
			return nil
		}
		return err
	}
	st.Source = src.ID
	return nil
}

// formError shows a form again for an error of the input, and reports whether it did.
func (s *Server) formError(w http.ResponseWriter, r *http.Request, p *factPage, err error, tmpl string) bool {
	code := docket.ErrorCode(err)
	if code != docket.EINVALID && code != docket.ECONFLICT && code != docket.EFORBIDDEN {
		return false
	}
	field := "value"
	msg := docket.ErrorMessage(err)
	switch {
	case strings.Contains(msg, "source"):
		field = "source"
	case strings.Contains(msg, "sensitivity") || strings.Contains(msg, "cleared"):
		field = "sensitivity"
	case strings.Contains(msg, "reason"):
		field = "reason"
	case strings.Contains(msg, "language"):
		field = "lang"
	}
	p.Errors = append(p.Errors, fieldError{field, msg})
	s.render(w, r, ErrorStatusCode(code), tmpl, p)
	return true
}

func (s *Server) entityForForm(w http.ResponseWriter, r *http.Request) (*docket.Entity, *docket.Schema, bool) {
	e, err := s.Store.FindEntityByID(r.Context(), viewer(r), r.PathValue("id"))
	if err != nil {
		s.Error(w, r, err)
		return nil, nil, false
	}
	schema, err := docket.SchemaByName(e.Schema)
	if err != nil {
		s.Error(w, r, err)
		return nil, nil, false
	}
	return e, schema, true
}

func (s *Server) handleFactForm(w http.ResponseWriter, r *http.Request) {
	if !s.mayWrite(w, r, docket.Researcher) {
		return
	}
	e, schema, ok := s.entityForForm(w, r)
	if !ok {
		return
	}
	p, err := s.factPage(w, r, "fact.title", e.Caption)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Entity, p.Properties, p.Action = e, schema.Properties, "/entity/"+url.PathEscape(e.ID)+"/facts"
	// Internal, even on a public record: a fact is published by a choice, not by default.
	p.Form = factForm{Property: r.URL.Query().Get("property"), Sensitivity: "internal", Status: "reported", Lang: p.Lang()}
	s.render(w, r, http.StatusOK, "fact.html", p)
}

func (s *Server) handleAddFact(w http.ResponseWriter, r *http.Request) {
	if !s.mayWrite(w, r, docket.Researcher) {
		return
	}
	e, schema, ok := s.entityForForm(w, r)
	if !ok {
		return
	}
	p, err := s.factPage(w, r, "fact.title", e.Caption)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Entity, p.Properties, p.Action = e, schema.Properties, "/entity/"+url.PathEscape(e.ID)+"/facts"
	p.Form = readFactForm(r)
	st := s.checkFact(r, p, schema, e.ID)
	if p.ready() {
		if err := s.ensureSource(r, p, st); err != nil {
			s.Error(w, r, err)
			return
		}
	}
	if !p.ready() {
		s.render(w, r, p.errStatus(), "fact.html", p)
		return
	}
	if err := s.Store.AddStatements(r.Context(), viewer(r), []*docket.Statement{st}); err != nil {
		if s.formError(w, r, p, err, "fact.html") {
			return
		}
		s.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/entity/"+url.PathEscape(e.ID)+"?flash=added#fact-"+st.ID, http.StatusSeeOther)
}

// statementForForm returns a current statement, its entity and schema.
func (s *Server) statementForForm(w http.ResponseWriter, r *http.Request) (*docket.Statement, *docket.Entity, *docket.Schema, bool) {
	st, err := s.Store.FindStatementByID(r.Context(), viewer(r), r.PathValue("id"))
	if err != nil {
		s.Error(w, r, err)
		return nil, nil, nil, false
	}
	if !st.Current() {
		s.Error(w, r, docket.Errorf(docket.ECONFLICT, "this fact was retracted already; correct the fact that replaced it"))
		return nil, nil, nil, false
	}
	e, err := s.Store.FindEntityByID(r.Context(), viewer(r), st.Entity)
	if err != nil {
		s.Error(w, r, err)
		return nil, nil, nil, false
	}
	schema, err := docket.SchemaByName(e.Schema)
	if err != nil {
		s.Error(w, r, err)
		return nil, nil, nil, false
	}
	return st, e, schema, true
}

func (s *Server) correctPage(w http.ResponseWriter, r *http.Request, st *docket.Statement, e *docket.Entity) (*factPage, error) {
	p, err := s.factPage(w, r, "correct.title", e.Caption)
	if err != nil {
		return nil, err
	}
	b := s.newBuilder(r, &p.layout)
	old := b.fact(e, st)
	p.Entity, p.Old, p.OldID, p.Action = e, &old, st.ID, "/statement/"+url.PathEscape(st.ID)+"/correct"
	return p, nil
}

func (s *Server) handleCorrectForm(w http.ResponseWriter, r *http.Request) {
	if !s.mayWrite(w, r, docket.Editor) {
		return
	}
	st, e, _, ok := s.statementForForm(w, r)
	if !ok {
		return
	}
	p, err := s.correctPage(w, r, st, e)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	// The correction is internal unless the editor publishes it again: the form says what the
	// fact it replaces was (see correct.html).
	p.Form = factForm{Property: st.Property, Value: st.Value, Lang: st.Lang, Source: st.Source, Locator: st.Locator, Quote: st.Quote,
		Sensitivity: "internal", Status: "reported"}
	if p.Old.Link != "" && !p.Old.External {
		// A reference: its record is shown by name, and kept unless another is picked.
		p.Form.Value, p.Form.Pick = p.Old.Value, st.Value
	}
	if err := s.sourceStep(r, p); err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "correct.html", p)
}

func (s *Server) handleCorrectFact(w http.ResponseWriter, r *http.Request) {
	if !s.mayWrite(w, r, docket.Editor) {
		return
	}
	st, e, schema, ok := s.statementForForm(w, r)
	if !ok {
		return
	}
	p, err := s.correctPage(w, r, st, e)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Form = readFactForm(r)
	p.Form.Property = st.Property
	repl := s.checkFact(r, p, schema, e.ID)
	if p.Form.Reason == "" {
		p.Errors = append(p.Errors, fieldError{"reason", p.T("form.reasonRequired")})
	}
	if p.ready() {
		if err := s.ensureSource(r, p, repl); err != nil {
			s.Error(w, r, err)
			return
		}
	}
	if !p.ready() {
		s.render(w, r, p.errStatus(), "correct.html", p)
		return
	}
	repl.Entity = ""
	n, err := s.Store.CorrectStatement(r.Context(), viewer(r), st.ID, repl, p.Form.Reason)
	if err != nil {
		if s.formError(w, r, p, err, "correct.html") {
			return
		}
		s.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/entity/"+url.PathEscape(e.ID)+"?flash=corrected#fact-"+n.ID, http.StatusSeeOther)
}

func (s *Server) handleRetractFact(w http.ResponseWriter, r *http.Request) {
	if !s.mayWrite(w, r, docket.Editor) {
		return
	}
	st, e, _, ok := s.statementForForm(w, r)
	if !ok {
		return
	}
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	if reason == "" {
		p, err := s.correctPage(w, r, st, e)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		p.Form = factForm{Property: st.Property, Value: st.Value, Source: st.Source, Sensitivity: st.Sensitivity.String()}
		p.Errors = append(p.Errors, fieldError{"retract_reason", p.T("form.reasonRequired")})
		s.render(w, r, p.errStatus(), "correct.html", p)
		return
	}
	if err := s.Store.RetractStatement(r.Context(), viewer(r), st.ID, reason); err != nil {
		s.Error(w, r, err)
		return
	}
	back := localPath(r.PostFormValue("next"))
	if back == "/" {
		back = "/entity/" + url.PathEscape(e.ID)
	}
	http.Redirect(w, r, addFlash(back, "retracted"), http.StatusSeeOther)
}

func (s *Server) handleReview(w http.ResponseWriter, r *http.Request) {
	if !s.mayWrite(w, r, docket.Editor) {
		return
	}
	status, err := docket.ParseStatus(r.PostFormValue("status"))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	flash := "reviewed"
	if err := s.Store.SetStatus(r.Context(), viewer(r), r.PathValue("id"), status, r.PostFormValue("note")); docket.ErrorCode(err) == docket.ECONFLICT {
		flash = "alreadyReviewed" // sent twice: recorded once, and said so
	} else if err != nil {
		s.Error(w, r, err)
		return
	}
	http.Redirect(w, r, addFlash(localPath(r.PostFormValue("next")), flash), http.StatusSeeOther)
}

// addFlash adds a flash message's key to a local address.
func addFlash(path, key string) string {
	frag := ""
	if i := strings.IndexByte(path, '#'); i >= 0 {
		path, frag = path[:i], path[i:]
	}
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return path + sep + "flash=" + key + frag
}
