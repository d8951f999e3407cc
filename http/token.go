package http

import (
	"net/http"
	"strings"
	"time"

	"github.com/docketorg/docket"
)

// API tokens, managed by admins: a list with each token's state and last use, a form to make
// one, whose secret is shown once on the page that answers the form, and revocation.

func (s *Server) registerTokenRoutes() {
	s.mux.HandleFunc("GET /admin/tokens", s.handleTokens)
	s.mux.HandleFunc("POST /admin/tokens", s.handleCreateToken)
	s.mux.HandleFunc("POST /admin/tokens/revoke", s.handleRevokeToken)
}

// tokenExpiries are the terms the form offers, the default first; the command line takes any.
var tokenExpiries = []string{docket.DefaultTokenLife, "30d", "180d", "1y", "never"}

// tokensPage is the admin's list of API tokens.
type tokensPage struct {
	layout
	Tokens   []*docket.Token
	Users    []*docket.User // the active accounts a token may act for
	Roles    []docket.Role
	Expiries []string
	Form     tokenForm
	Err      string
	// Secret is the token just made, shown once; Made is that token.
	Secret string
	Made   *docket.Token
}

type tokenForm struct {
	Name, Role, User, Expires string
	Cleared                   bool
}

// ExpiryLabel is the form's name for a term.
func (p *tokensPage) ExpiryLabel(term string) string { return p.T("tokens.expiry." + term) }

// StateLabel is a token's state in the page's language.
func (p *tokensPage) StateLabel(st docket.TokenState) string {
	return p.T("tokens.state." + string(st))
}

func (s *Server) tokensPage(w http.ResponseWriter, r *http.Request) (*tokensPage, error) {
	v := viewer(r)
	ts, err := s.Store.FindTokens(r.Context(), v)
	if err != nil {
		return nil, err
	}
	us, err := s.Store.FindUsers(r.Context(), v)
	if err != nil {
		return nil, err
	}
	p := &tokensPage{layout: s.layout(w, r, "tokens.title"), Tokens: ts, Roles: roles, Expiries: tokenExpiries,
		Form: tokenForm{Role: docket.Reader.String(), Expires: docket.DefaultTokenLife}}
	p.Nav = "tokens"
	for _, u := range us {
		if u.State == docket.UserActive {
			p.Users = append(p.Users, u)
		}
	}
	return p, nil
}

func (s *Server) handleTokens(w http.ResponseWriter, r *http.Request) {
	if viewer(r).Role == docket.Anonymous {
		s.redirectLogin(w, r)
		return
	}
	p, err := s.tokensPage(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "tokens.html", p)
}

func (s *Server) handleCreateToken(w http.ResponseWriter, r *http.Request) {
	p, err := s.tokensPage(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Form = tokenForm{Name: strings.TrimSpace(r.PostFormValue("name")), Role: r.PostFormValue("role"), User: r.PostFormValue("user"),
		Expires: r.PostFormValue("expires"), Cleared: r.PostFormValue("cleared") == "on"}
	t := &docket.Token{Name: p.Form.Name, Cleared: p.Form.Cleared, User: p.Form.User}
	t.Role, err = docket.ParseRole(p.Form.Role)
	if err == nil {
		t.ExpiresAt, err = docket.ParseTokenExpiry(p.Form.Expires, time.Now())
	}
	var secret string
	if err == nil {
		secret, err = s.Store.CreateToken(r.Context(), viewer(r), t)
	}
	if code := docket.ErrorCode(err); code == docket.EINVALID || code == docket.ECONFLICT || code == docket.EFORBIDDEN || code == docket.ENOTFOUND {
		p.Err = docket.ErrorMessage(err)
		s.render(w, r, ErrorStatusCode(code), "tokens.html", p)
		return
	} else if err != nil {
		s.Error(w, r, err)
		return
	}
	if p, err = s.tokensPage(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	// Shown once, on this response only, which no cache keeps; only a hash is stored.
	p.Secret, p.Made = secret, t
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusCreated, "tokens.html", p)
}

func (s *Server) handleRevokeToken(w http.ResponseWriter, r *http.Request) {
	if err := s.Store.RevokeToken(r.Context(), viewer(r), r.PostFormValue("name")); err != nil {
		s.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/tokens?flash=revoked", http.StatusSeeOther)
}
