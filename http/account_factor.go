package http

import (
	"html/template"
	"net/http"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/auth"
)

// Second factors under Your account: enrol an authenticator app or a security key, remove one,
// make new recovery codes. Removing a factor and making new codes ask for the password again:
// a session left open on a shared computer must not be enough to weaken the account. The store
// lets only the account's holder change its factors.

// factorsView is the second-factor part of the account page.
type factorsView struct {
	Status   *docket.SecondFactorStatus
	TOTP     *totpEnrolment // a key being enrolled
	Codes    []string       // recovery codes just made, shown once
	WebAuthn bool           // security keys work at this address
	Err      string
	Done     string // what the last form did, for the message
}

// accountPage is the account page of the request's session, with its factors.
func (s *Server) accountPage(w http.ResponseWriter, r *http.Request) (*accountPage, error) {
	a := authOf(r)
	u := a.Session.User
	st, err := s.Store.SecondFactorStatus(r.Context(), u.Viewer(), u.Name)
	if err != nil {
		return nil, err
	}
	p := &accountPage{layout: s.layout(w, r, "account.title"), User: u, Expires: a.Session.ExpiresAt,
		Factors: factorsView{Status: st, WebAuthn: s.webauthnFor(r) != nil}}
	switch d := r.URL.Query().Get("done"); d {
	case "removed", "added":
		p.Factors.Done = d
	}
	return p, nil
}

func (s *Server) registerFactorRoutes() {
	s.mux.HandleFunc("POST /account/totp", s.session(s.handleAccountTOTP))
	s.mux.HandleFunc("POST /account/totp/confirm", s.session(s.handleAccountTOTPConfirm))
	s.mux.HandleFunc("POST /account/webauthn/begin", s.session(s.handleAccountWebAuthnBegin))
	s.mux.HandleFunc("POST /account/webauthn", s.session(s.handleAccountWebAuthn))
	s.mux.HandleFunc("POST /account/factors/{id}/remove", s.session(s.handleRemoveFactor))
	s.mux.HandleFunc("POST /account/recovery", s.session(s.handleRecoveryCodes))
}

// session lets a handler run only for a request signed in with a session: second factors are
// a person's, not an API token's.
func (s *Server) session(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if authOf(r).Session == nil {
			if a := authOf(r); a.Bearer {
				s.Error(w, r, docket.Errorf(docket.EFORBIDDEN, "second factors are managed by their holder, signed in, not with an API token"))
				return
			}
			s.Error(w, r, docket.AnonymousViewer.Authorize(docket.Reader))
			return
		}
		h(w, r)
	}
}

// renderAccount shows the account page with a message or an error of its factors.
func (s *Server) renderAccount(w http.ResponseWriter, r *http.Request, status int, edit func(p *accountPage)) {
	p, err := s.accountPage(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	edit(p)
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, "account.html", p)
}

// factorError shows a bad input on the account page, and anything else as an error.
func (s *Server) factorError(w http.ResponseWriter, r *http.Request, err error, edit func(p *accountPage)) {
	switch code := docket.ErrorCode(err); code {
	case docket.EINVALID, docket.ENOTFOUND, docket.ECONFLICT:
		s.renderAccount(w, r, ErrorStatusCode(code), func(p *accountPage) {
			p.Factors.Err = docket.ErrorMessage(err)
			if edit != nil {
				edit(p)
			}
		})
	default:
		s.Error(w, r, err)
	}
}

func (s *Server) handleAccountTOTP(w http.ResponseWriter, r *http.Request) {
	a := authOf(r)
	e, err := s.startTOTP(r, a.Session.User, totpCeremony(a.idHash))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.renderAccount(w, r, http.StatusOK, func(p *accountPage) { p.Factors.TOTP = e })
}

func (s *Server) handleAccountTOTPConfirm(w http.ResponseWriter, r *http.Request) {
	a := authOf(r)
	codes, again, err := s.confirmTOTP(r, a.Session.User, totpCeremony(a.idHash))
	if err != nil {
		s.factorError(w, r, err, func(p *accountPage) { p.Factors.TOTP = again })
		return
	}
	s.renderAccount(w, r, http.StatusOK, func(p *accountPage) { p.Factors.Codes, p.Factors.Done = codes, "added" })
}

func (s *Server) handleAccountWebAuthnBegin(w http.ResponseWriter, r *http.Request) {
	a := authOf(r)
	s.beginRegister(w, r, a.Session.User, registerCeremony(a.idHash))
}

func (s *Server) handleAccountWebAuthn(w http.ResponseWriter, r *http.Request) {
	a := authOf(r)
	codes, err := s.finishRegister(r, a.Session.User, registerCeremony(a.idHash))
	if err != nil {
		s.factorError(w, r, err, nil)
		return
	}
	s.renderAccount(w, r, http.StatusOK, func(p *accountPage) { p.Factors.Codes, p.Factors.Done = codes, "added" })
}

// checkPassword asks for the account's password again.
func (s *Server) checkPassword(r *http.Request, u *docket.User) error {
	_, hash, err := s.Store.PasswordHash(r.Context(), u.Name)
	if err != nil {
		return err
	}
	if !auth.VerifyPassword(hash, r.PostFormValue("password")) {
		return docket.Errorf(docket.EINVALID, "your password is not right: nothing was changed")
	}
	return nil
}

func (s *Server) handleRemoveFactor(w http.ResponseWriter, r *http.Request) {
	u := authOf(r).Session.User
	err := s.checkPassword(r, u)
	if err == nil {
		err = s.Store.RemoveSecondFactor(r.Context(), u.Viewer(), u.Name, r.PathValue("id"))
	}
	if err != nil {
		s.factorError(w, r, err, nil)
		return
	}
	http.Redirect(w, r, "/account?done=removed#factors", http.StatusSeeOther)
}

func (s *Server) handleRecoveryCodes(w http.ResponseWriter, r *http.Request) {
	u := authOf(r).Session.User
	err := s.checkPassword(r, u)
	codes, hashes := auth.NewRecoveryCodes(docket.RecoveryCodeCount)
	if err == nil {
		err = s.Store.SetRecoveryCodes(r.Context(), u.Viewer(), u.Name, hashes)
	}
	if err != nil {
		s.factorError(w, r, err, nil)
		return
	}
	s.renderAccount(w, r, http.StatusOK, func(p *accountPage) { p.Factors.Codes = codes })
}

// The methods the enrolment partials of second.html call, on both pages that show them.

func (p *accountPage) TOTPQR() template.HTML { return p.Factors.TOTP.QR }
func (p *accountPage) TOTPSecret() string    { return p.Factors.TOTP.Secret }
func (p *accountPage) TOTPName() string      { return p.Factors.TOTP.Name }
func (p *accountPage) NextPath() string      { return "" }
func (p *accountPage) RecoveryCodes() []string {
	return p.Factors.Codes
}

func (p *secondPage) TOTPQR() template.HTML   { return p.TOTP.QR }
func (p *secondPage) TOTPSecret() string      { return p.TOTP.Secret }
func (p *secondPage) TOTPName() string        { return p.TOTP.Name }
func (p *secondPage) NextPath() string        { return p.Next }
func (p *secondPage) RecoveryCodes() []string { return p.Codes }
