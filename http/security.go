package http

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/docketorg/docket"
)

// The admins' security pages: the security log (/admin/security), filterable, newest first,
// a page at a time; the second-factor policy; the reset of an account's second factors. The
// store decides who may read and change them (admins; asking less of the policy, or
// resetting a cleared account, a cleared admin); these handlers only show what it answers.

func (s *Server) registerSecurityRoutes() {
	s.mux.HandleFunc("GET /admin/security", s.handleSecurity)
	s.mux.HandleFunc("POST /admin/security/policy", s.handlePolicy)
	s.mux.HandleFunc("POST /admin/users/{name}/factors/reset", s.handleResetFactors)
}

// securityPage is the security log and the policy.
type securityPage struct {
	layout
	Events   []*docket.SecurityEvent
	Filter   securityFilter
	Kinds    []string
	Outcomes []string
	Roles    []docket.Role
	Policy   *docket.SecondFactorPolicy
	Entries  int    // in the whole log
	Head     string // the last entry's hash
	Next     string // the address of the next page, "" on the last
	Err      string
}

// securityFilter is the filter form as typed.
type securityFilter struct {
	Kind, Outcome, User, Addr, Since, Until string
}

// securityPageSize is how many entries a page shows.
const securityPageSize = 100

// parseFilter reads the filter of the request, naming a bad field.
func parseFilter(q url.Values) (securityFilter, docket.SecurityFilter, error) {
	ff := securityFilter{Kind: q.Get("kind"), Outcome: q.Get("outcome"), User: strings.TrimSpace(q.Get("user")),
		Addr: strings.TrimSpace(q.Get("addr")), Since: q.Get("since"), Until: q.Get("until")}
	f := docket.SecurityFilter{Kind: ff.Kind, Outcome: ff.Outcome, User: ff.User, Addr: ff.Addr, Limit: securityPageSize}
	if f.Kind != "" && !slices.Contains(docket.SecurityKinds, f.Kind) {
		return ff, f, docket.Errorf(docket.EINVALID, "kind %q: no such kind of entry", f.Kind)
	}
	if f.Outcome != "" && f.Outcome != docket.OutcomeOK && f.Outcome != docket.OutcomeFailed && f.Outcome != docket.OutcomeRefused {
		return ff, f, docket.Errorf(docket.EINVALID, "outcome %q: want ok, failed or refused", f.Outcome)
	}
	for _, d := range []struct {
		name, v string
		to      *time.Time
		add     int
	}{{"since", ff.Since, &f.Since, 0}, {"until", ff.Until, &f.Until, 1}} {
		if d.v == "" {
			continue
		}
		t, err := time.Parse("2006-01-02", d.v)
		if err != nil {
			return ff, f, docket.Errorf(docket.EINVALID, "%s %q: want a date, YYYY-MM-DD", d.name, d.v)
		}
		*d.to = t.AddDate(0, 0, d.add) // until a day: to its end
	}
	if b := q.Get("before"); b != "" {
		n, err := strconv.ParseInt(b, 10, 64)
		if err != nil || n <= 0 {
			return ff, f, docket.Errorf(docket.EINVALID, "before %q: want an entry's number", b)
		}
		f.Before = n
	}
	return ff, f, nil
}

func (s *Server) handleSecurity(w http.ResponseWriter, r *http.Request) {
	v := viewer(r)
	if v.Role == docket.Anonymous {
		s.redirectLogin(w, r)
		return
	}
	if err := v.Authorize(docket.Admin); err != nil {
		s.Error(w, r, err)
		return
	}
	p, err := s.securityPage(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	ff, f, err := parseFilter(r.URL.Query())
	p.Filter = ff
	status := http.StatusOK
	if err != nil {
		p.Err, status = docket.ErrorMessage(err), http.StatusBadRequest
	} else if p.Events, err = s.Store.FindSecurityEvents(r.Context(), v, f); err != nil {
		s.Error(w, r, err)
		return
	}
	if len(p.Events) == securityPageSize {
		q := r.URL.Query()
		q.Set("before", strconv.FormatInt(p.Events[len(p.Events)-1].Seq, 10))
		p.Next = "/admin/security?" + q.Encode()
	}
	s.render(w, r, status, "security.html", p)
}

func (s *Server) securityPage(w http.ResponseWriter, r *http.Request) (*securityPage, error) {
	v := viewer(r)
	pol, err := s.Store.SecondFactorPolicy(r.Context(), v)
	if err != nil {
		return nil, err
	}
	n, head, err := s.Store.SecurityLogHead(r.Context(), v)
	if err != nil {
		return nil, err
	}
	p := &securityPage{layout: s.layout(w, r, "security.title"), Kinds: docket.SecurityKinds, Roles: roles, Policy: pol,
		Outcomes: []string{docket.OutcomeOK, docket.OutcomeFailed, docket.OutcomeRefused}, Entries: int(n), Head: head}
	p.Nav = "security"
	return p, nil
}

// Requires reports whether the policy asks a second factor of the role, for the form.
func (p *securityPage) Requires(r docket.Role) bool { return slices.Contains(p.Policy.Roles, r) }

func (s *Server) handlePolicy(w http.ResponseWriter, r *http.Request) {
	v := viewer(r)
	var pol docket.SecondFactorPolicy
	r.ParseForm()
	for _, name := range r.PostForm["role"] {
		role, err := docket.ParseRole(name)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		pol.Roles = append(pol.Roles, role)
	}
	pol.Cleared = r.PostFormValue("cleared") == "on"
	_, err := s.Store.SetSecondFactorPolicy(r.Context(), v, pol)
	if code := docket.ErrorCode(err); code == docket.EFORBIDDEN && v.Role == docket.Admin {
		p, perr := s.securityPage(w, r)
		if perr != nil {
			s.Error(w, r, perr)
			return
		}
		p.Err = docket.ErrorMessage(err)
		s.render(w, r, http.StatusForbidden, "security.html", p)
		return
	} else if err != nil {
		s.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/security?flash=policy", http.StatusSeeOther)
}

// handleResetFactors removes every second factor of an account: for one who lost theirs.
func (s *Server) handleResetFactors(w http.ResponseWriter, r *http.Request) {
	v := viewer(r)
	if v.Role == docket.Admin { // others are refused by the store, which logs it
		if err := confirmed(r); err != nil {
			s.Error(w, r, err)
			return
		}
	}
	if err := s.Store.ResetSecondFactors(r.Context(), v, r.PathValue("name")); err != nil {
		s.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/users?flash=factors", http.StatusSeeOther)
}

// Outcome is an outcome's name in the page's language.
func (l layout) Outcome(o string) string { return l.T("security.outcome." + o) }

// Kind is a kind of security event in the page's language.
func (l layout) Kind(k string) string { return l.T("security.kind." + k) }
