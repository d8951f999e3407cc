package http

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/auth"
)

// The second step of a sign-in. A password that is right, of an account with a second factor
// (or whose role or clearance the policy asks one of), makes no session: it makes a pending
// sign-in, a random id in a cookie of its own whose hash the store keeps, good for a few
// minutes and a few wrong answers. The second step (a TOTP code, a security key, a recovery
// code) turns it into a session; an account that must have a factor and has none enrols one
// first. Every outcome is in the security log, with the address, user agent and factor.

const (
	pendingTTL = 10 * time.Minute
	// maxSecondFailures ends a pending sign-in: six digits are not guessed in five tries.
	maxSecondFailures = 5
)

func (s *Server) pendingCookie(r *http.Request) string {
	if s.secure(r) {
		return "__Host-docket_pending"
	}
	return "docket_pending"
}

// logSignIn writes a sign-in's outcome to the security log. The name typed is kept only when
// it could be a user name: people type their password in the name field.
func (s *Server) logSignIn(r *http.Request, outcome, name, factor, detail string) error {
	if docket.ValidateUserName(name) != nil {
		name = "(not a user name)"
	}
	e := &docket.SecurityEvent{Kind: docket.SecSignIn, Outcome: outcome, Subject: name, Factor: factor, Detail: detail}
	if outcome == docket.OutcomeOK {
		e.Actor = name
	}
	if err := s.Store.LogSecurity(r.Context(), e); err != nil {
		s.Logger.Error("writing a sign-in to the security log", "err", err)
		return err
	}
	return nil
}

// afterPassword goes on from a right password: a session at once, or the second step.
func (s *Server) afterPassword(w http.ResponseWriter, r *http.Request, u *docket.User, next string) {
	st, err := s.Store.SignInFactors(r.Context(), u.ID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if len(st.Factors) == 0 && !st.Required {
		if s.startSession(w, r, u, "password", "") {
			http.Redirect(w, r, next, http.StatusSeeOther)
		}
		return
	}
	id, hash := auth.NewSessionID()
	if err := s.Store.CreatePendingSignIn(r.Context(), u.ID, hash, time.Now().Add(pendingTTL)); err != nil {
		s.Error(w, r, err)
		return
	}
	s.setCookie(w, r, s.pendingCookie(r), id, int(pendingTTL.Seconds()))
	http.Redirect(w, r, keepPageLang(r, "/login/second?next="+url.QueryEscape(next)), http.StatusSeeOther)
}

// startSession signs the user in: a session, its cookie and the security log. A sign-in the
// log cannot record does not happen. It reports whether it did; if not, it answered.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, u *docket.User, factor, detail string) bool {
	id, hash := auth.NewSessionID()
	if err := s.Store.CreateSession(r.Context(), u.ID, hash, auth.NewToken(), time.Now().Add(s.SessionTTL)); err != nil {
		s.Error(w, r, err)
		return false
	}
	if err := s.logSignIn(r, docket.OutcomeOK, u.Name, factor, detail); err != nil {
		s.Store.DeleteSession(r.Context(), hash)
		s.Error(w, r, err)
		return false
	}
	if err := s.limiter.succeed(r.Context(), u.Name); err != nil {
		// Signed in all the same: the account's failures are forgotten within the window.
		s.Logger.Warn("clearing the sign-in failures of an account", "name", u.Name, "err", err)
	}
	s.setCookie(w, r, s.sessionCookie(r), id, int(s.SessionTTL.Seconds()))
	s.Logger.Info("signed in", "name", u.Name, "addr", s.clientAddr(r), "factor", factor)
	return true
}

// pending is a sign-in between its password and its second factor, as a request carries it.
type pending struct {
	user     *docket.User
	idHash   string
	status   *docket.SecondFactorStatus
	failures int
}

// findPending reads the request's pending sign-in; nil, with the visitor sent back to the
// sign-in form, when there is none.
func (s *Server) findPending(w http.ResponseWriter, r *http.Request) *pending {
	if c, err := r.Cookie(s.pendingCookie(r)); err == nil && c.Value != "" {
		p, err := s.readPending(r, auth.HashSessionID(c.Value))
		if err == nil {
			return p
		} else if docket.ErrorCode(err) != docket.EUNAUTHORIZED {
			s.Error(w, r, err)
			return nil
		}
	}
	s.setCookie(w, r, s.pendingCookie(r), "", -1)
	if r.Method == http.MethodGet || r.Header.Get("Accept") == "" || acceptsHTML(r) {
		http.Redirect(w, r, keepPageLang(r, "/login?ended=1&next="+url.QueryEscape(localPath(r.URL.Query().Get("next")))), http.StatusSeeOther)
	} else {
		s.Error(w, r, errPendingEnded)
	}
	return nil
}

// readPending reads a pending sign-in and its account's factors; EUNAUTHORIZED when it has
// ended.
func (s *Server) readPending(r *http.Request, hash string) (*pending, error) {
	u, failures, err := s.Store.FindPendingSignIn(r.Context(), hash)
	if err != nil {
		return nil, err
	}
	st, err := s.Store.SignInFactors(r.Context(), u.ID)
	if err != nil {
		return nil, err
	}
	return &pending{user: u, idHash: hash, status: st, failures: failures}, nil
}

// keepPageLang keeps the language an anonymous visitor chose in the page's address across a
// step of the sign-in: without a session, that address is all that holds it.
func keepPageLang(r *http.Request, path string) string {
	if l, ok := pageLang(r); ok {
		return inLang(path, l)
	}
	return path
}

var errPendingEnded = docket.Errorf(docket.EUNAUTHORIZED, "this sign-in has ended: sign in again")

// acceptsHTML reports whether the request wants a page rather than JSON (a form, not a
// script's fetch): as Server.Error decides.
func acceptsHTML(r *http.Request) bool { return strings.Contains(r.Header.Get("Accept"), "text/html") }

// secondPage is the second step of a sign-in, or the enrolment of a first factor.
type secondPage struct {
	layout
	Next     string
	Name     string
	Status   *docket.SecondFactorStatus
	Enrol    bool           // the account must have a factor and has none
	TOTP     *totpEnrolment // a key being enrolled
	WebAuthn bool           // security keys work at this address
	Codes    []string       // the recovery codes of the factor just enrolled, shown once
	Err      string
}

func (s *Server) secondPage(w http.ResponseWriter, r *http.Request, p *pending) *secondPage {
	next := localPath(r.URL.Query().Get("next"))
	if v := r.PostFormValue("next"); v != "" {
		next = localPath(v)
	}
	return &secondPage{layout: s.layout(w, r, "second.title"), Next: next, Name: p.user.Name, Status: p.status,
		Enrol: len(p.status.Factors) == 0, WebAuthn: s.webauthnFor(r) != nil}
}

func (s *Server) renderSecond(w http.ResponseWriter, r *http.Request, status int, page *secondPage) {
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, "second.html", page)
}

func (s *Server) registerSignInRoutes() {
	s.mux.HandleFunc("GET /login/second", s.handleSecond)
	s.mux.HandleFunc("POST /login/second/totp", s.handleSecondTOTP)
	s.mux.HandleFunc("POST /login/second/recovery", s.handleSecondRecovery)
	s.mux.HandleFunc("POST /login/second/webauthn/begin", s.handleSecondWebAuthnBegin)
	s.mux.HandleFunc("POST /login/second/webauthn", s.handleSecondWebAuthn)
	s.mux.HandleFunc("POST /login/second/enrol/totp", s.handleSecondEnrolTOTP)
	s.mux.HandleFunc("POST /login/second/enrol/totp/confirm", s.handleSecondEnrolTOTPConfirm)
	s.mux.HandleFunc("POST /login/second/enrol/webauthn/begin", s.handleSecondEnrolWebAuthnBegin)
	s.mux.HandleFunc("POST /login/second/enrol/webauthn", s.handleSecondEnrolWebAuthn)
	s.mux.HandleFunc("POST /login/second/cancel", s.handleSecondCancel)
}

func (s *Server) handleSecond(w http.ResponseWriter, r *http.Request) {
	p := s.findPending(w, r)
	if p == nil {
		return
	}
	s.renderSecond(w, r, http.StatusOK, s.secondPage(w, r, p))
}

// secondFailed counts a wrong second factor against the pending sign-in and the account,
// writes it to the security log, and shows the step again, or the sign-in form once the
// sign-in has ended.
func (s *Server) secondFailed(w http.ResponseWriter, r *http.Request, p *pending, factor string, err error) {
	addr := s.clientAddr(r)
	if ferr := s.limiter.fail(r.Context(), p.user.Name, addr); ferr != nil {
		s.Error(w, r, ferr)
		return
	}
	n, ferr := s.Store.FailPendingSignIn(r.Context(), p.idHash, maxSecondFailures)
	detail := "password right, " + factor + " wrong: " + docket.ErrorMessage(err)
	s.logSignIn(r, docket.OutcomeFailed, p.user.Name, factor, detail)
	s.Logger.Info("sign-in failed at the second factor", "name", p.user.Name, "addr", addr, "factor", factor)
	if ferr != nil || n >= maxSecondFailures {
		s.setCookie(w, r, s.pendingCookie(r), "", -1)
		if !acceptsHTML(r) {
			s.Error(w, r, errPendingEnded)
			return
		}
		lp := loginPage{layout: s.layout(w, r, "login.title"), Name: p.user.Name, Next: localPath(r.PostFormValue("next"))}
		lp.Err = lp.T("second.ended")
		s.render(w, r, http.StatusUnauthorized, "login.html", &lp)
		return
	}
	if !acceptsHTML(r) {
		s.Error(w, r, err)
		return
	}
	page := s.secondPage(w, r, p)
	page.Err = docket.ErrorMessage(err)
	s.renderSecond(w, r, http.StatusUnauthorized, page)
}

// secondLimited refuses a second step while the account or the address must wait.
func (s *Server) secondLimited(w http.ResponseWriter, r *http.Request, p *pending) bool {
	d, err := s.limiter.wait(r.Context(), p.user.Name, s.clientAddr(r))
	if err != nil {
		s.Error(w, r, err)
		return true
	}
	if d <= 0 {
		return false
	}
	w.Header().Set("Retry-After", strconv.Itoa(int(d.Seconds())+1))
	page := s.secondPage(w, r, p)
	page.Err = page.T("login.limited", int(d.Minutes())+1)
	s.renderSecond(w, r, http.StatusTooManyRequests, page)
	return true
}

// finishSecond ends the pending sign-in and starts the session.
func (s *Server) finishSecond(w http.ResponseWriter, r *http.Request, p *pending, factor, detail string) {
	if err := s.Store.DeletePendingSignIn(r.Context(), p.idHash); err != nil {
		s.Error(w, r, err)
		return
	}
	s.setCookie(w, r, s.pendingCookie(r), "", -1)
	if s.startSession(w, r, p.user, factor, detail) {
		http.Redirect(w, r, localPath(r.PostFormValue("next")), http.StatusSeeOther)
	}
}

func (s *Server) handleSecondTOTP(w http.ResponseWriter, r *http.Request) {
	p := s.findPending(w, r)
	if p == nil || s.secondLimited(w, r, p) {
		return
	}
	code := r.PostFormValue("code")
	now := s.Now()
	var err error = docket.Errorf(docket.EUNAUTHORIZED, "the code is not right: type the six digits your app shows now")
	for _, f := range p.status.Factors {
		if f.Kind != docket.FactorTOTP {
			continue
		}
		step, ok := auth.CheckTOTP(f.Secret, code, now)
		if !ok {
			continue
		}
		// The store takes a step once, in one statement: a code seen over a shoulder or
		// replayed from a proxy's log is refused within its own period too.
		if err = s.Store.UseTOTP(r.Context(), p.user.ID, f.ID, step); err == nil {
			s.finishSecond(w, r, p, "totp", f.Name)
			return
		}
		if docket.ErrorCode(err) != docket.ECONFLICT {
			s.Error(w, r, err)
			return
		}
		err = docket.Errorf(docket.EUNAUTHORIZED, "this code was used already: wait for the next one your app shows")
	}
	s.secondFailed(w, r, p, "totp", err)
}

func (s *Server) handleSecondRecovery(w http.ResponseWriter, r *http.Request) {
	p := s.findPending(w, r)
	if p == nil || s.secondLimited(w, r, p) {
		return
	}
	left, err := s.Store.UseRecoveryCode(r.Context(), p.user.ID, auth.HashRecoveryCode(r.PostFormValue("code")))
	if docket.ErrorCode(err) == docket.ENOTFOUND {
		s.secondFailed(w, r, p, "recovery code", docket.Errorf(docket.EUNAUTHORIZED, "this recovery code is not right, or it was used already"))
		return
	} else if err != nil {
		s.Error(w, r, err)
		return
	}
	s.finishSecond(w, r, p, "recovery code", strconv.Itoa(left)+" left")
}

func (s *Server) handleSecondWebAuthnBegin(w http.ResponseWriter, r *http.Request) {
	p := s.findPending(w, r)
	if p == nil {
		return
	}
	s.beginLogin(w, r, p.user, loginCeremony(p.idHash))
}

func (s *Server) handleSecondWebAuthn(w http.ResponseWriter, r *http.Request) {
	p := s.findPending(w, r)
	if p == nil || s.secondLimited(w, r, p) {
		return
	}
	name, err := s.finishLogin(r, p.user, loginCeremony(p.idHash))
	if code := docket.ErrorCode(err); code == docket.EUNAUTHORIZED || code == docket.EINVALID {
		s.secondFailed(w, r, p, "webauthn", err)
		return
	} else if err != nil {
		s.Error(w, r, err)
		return
	}
	s.finishSecond(w, r, p, "webauthn", name)
}

// mustEnrol refuses an enrolment at sign-in to an account that has a factor: that one signs in
// with it, and enrols more under Your account.
func (s *Server) mustEnrol(w http.ResponseWriter, r *http.Request, p *pending) bool {
	if len(p.status.Factors) > 0 {
		s.Error(w, r, docket.Errorf(docket.ECONFLICT, "this account has a second factor: sign in with it, then add more under Your account"))
		return false
	}
	return true
}

func (s *Server) handleSecondEnrolTOTP(w http.ResponseWriter, r *http.Request) {
	p := s.findPending(w, r)
	if p == nil || !s.mustEnrol(w, r, p) {
		return
	}
	e, err := s.startTOTP(r, p.user, totpCeremony(p.idHash))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	page := s.secondPage(w, r, p)
	page.TOTP = e
	s.renderSecond(w, r, http.StatusOK, page)
}

// enrolled ends a sign-in whose first factor was just enrolled: the session starts, and the
// page shows the recovery codes once, with the way on.
func (s *Server) enrolled(w http.ResponseWriter, r *http.Request, p *pending, factor string, codes []string) {
	if err := s.Store.DeletePendingSignIn(r.Context(), p.idHash); err != nil {
		s.Error(w, r, err)
		return
	}
	s.setCookie(w, r, s.pendingCookie(r), "", -1)
	page := s.secondPage(w, r, p)
	if !s.startSession(w, r, p.user, factor, "enrolled at sign-in, as the policy asks") {
		return
	}
	page.Codes, page.Enrol = codes, false
	s.renderSecond(w, r, http.StatusOK, page)
}

func (s *Server) handleSecondEnrolTOTPConfirm(w http.ResponseWriter, r *http.Request) {
	p := s.findPending(w, r)
	if p == nil || !s.mustEnrol(w, r, p) {
		return
	}
	codes, again, err := s.confirmTOTP(r, p.user, totpCeremony(p.idHash))
	if err != nil {
		if code := docket.ErrorCode(err); code != docket.EINVALID && code != docket.ENOTFOUND {
			s.Error(w, r, err)
			return
		}
		page := s.secondPage(w, r, p)
		page.TOTP, page.Err = again, docket.ErrorMessage(err)
		s.renderSecond(w, r, http.StatusBadRequest, page)
		return
	}
	s.enrolled(w, r, p, "totp", codes)
}

func (s *Server) handleSecondEnrolWebAuthnBegin(w http.ResponseWriter, r *http.Request) {
	p := s.findPending(w, r)
	if p == nil || !s.mustEnrol(w, r, p) {
		return
	}
	s.beginRegister(w, r, p.user, registerCeremony(p.idHash))
}

func (s *Server) handleSecondEnrolWebAuthn(w http.ResponseWriter, r *http.Request) {
	p := s.findPending(w, r)
	if p == nil || !s.mustEnrol(w, r, p) {
		return
	}
	codes, err := s.finishRegister(r, p.user, registerCeremony(p.idHash))
	if err != nil {
		if code := docket.ErrorCode(err); code != docket.EINVALID && code != docket.ENOTFOUND {
			s.Error(w, r, err)
			return
		}
		page := s.secondPage(w, r, p)
		page.Err = docket.ErrorMessage(err)
		s.renderSecond(w, r, http.StatusBadRequest, page)
		return
	}
	s.enrolled(w, r, p, "webauthn", codes)
}

func (s *Server) handleSecondCancel(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(s.pendingCookie(r)); err == nil && c.Value != "" {
		if err := s.Store.DeletePendingSignIn(r.Context(), auth.HashSessionID(c.Value)); err != nil {
			s.Error(w, r, err)
			return
		}
	}
	s.setCookie(w, r, s.pendingCookie(r), "", -1)
	http.Redirect(w, r, keepPageLang(r, "/login"), http.StatusSeeOther)
}
