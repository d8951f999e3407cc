package http

import (
	"context"
	"crypto/subtle"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/auth"
)

// Sign-in, sessions, CSRF protection and accounts.
//
// A session's id is 256 random bits in a cookie that is HttpOnly, SameSite=Lax, and Secure on
// TLS or with SecureCookies (then it is a __Host- cookie, bound to this host and path /). The
// store keeps only the id's SHA-256. Every unsafe request that does not carry a bearer token
// must carry the CSRF token of its session in the form field "csrf"; before signing in, the
// token is a random cookie of its own (double submit), so that the sign-in form itself cannot
// be forged. The JSON API reads no cookies, so it needs no token.

const (
	csrfField  = "csrf"
	csrfCookie = "docket_csrf"
)

func (s *Server) secure(r *http.Request) bool { return s.SecureCookies || r.TLS != nil }

func (s *Server) sessionCookie(r *http.Request) string {
	if s.secure(r) {
		return "__Host-docket_session"
	}
	return "docket_session"
}

func (s *Server) setCookie(w http.ResponseWriter, r *http.Request, name, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge, HttpOnly: true,
		Secure: s.secure(r), SameSite: http.SameSiteLaxMode})
}

func (s *Server) clearSessionCookie(w http.ResponseWriter, r *http.Request) {
	s.setCookie(w, r, s.sessionCookie(r), "", -1)
}

// csrfToken returns the token the request's forms must carry, setting the pre-session cookie
// for an anonymous visitor who has none.
func (s *Server) csrfToken(w http.ResponseWriter, r *http.Request) string {
	a := authOf(r)
	switch {
	case a.Bearer:
		return ""
	case a.Session != nil:
		return a.Session.CSRF
	case a.csrf != "":
		return a.csrf
	}
	t := auth.NewToken()
	s.setCookie(w, r, csrfCookie, t, 0)
	return t
}

func unsafeMethod(m string) bool {
	return m != http.MethodGet && m != http.MethodHead && m != http.MethodOptions
}

// errCSRF is what a forged or stale form gets.
var errCSRF = docket.Errorf(docket.EFORBIDDEN, "this form has expired or did not come from this site: go back, reload the page and send it again")

// checkCSRF is the one check of every unsafe request outside the API made without a bearer
// token.
func (s *Server) checkCSRF(r *http.Request, a authn) error {
	// The witness protocol carries no cookie and acts on no one's authority: what it does is
	// decided by the signature on the checkpoint it is sent, which no other site can forge.
	if !unsafeMethod(r.Method) || a.Bearer || strings.HasPrefix(r.URL.Path, "/api/") || r.URL.Path == WitnessPath {
		return nil
	}
	want := a.csrf
	if a.Session != nil {
		want = a.Session.CSRF
	}
	got := r.PostFormValue(csrfField)
	if want == "" || got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		return errCSRF
	}
	return nil
}

// limiter counts failed sign-ins per account and per client address in a sliding window. The
// counts are kept in the store, so that the limit holds for every server on one database
// (behind a load balancer, a guesser's attempts land on all of them).
type limiter struct {
	store docket.Store
	now   func() time.Time
}

// Sign-in limits: a few guesses per account, more per address (an office behind one address
// has several people who mistype).
const (
	loginWindow   = 15 * time.Minute
	maxPerAccount = 5
	maxPerAddress = 20
	maxKeyBytes   = 256 // of an account name kept: a flood of long names must not fill the store
)

func newLimiter(store docket.Store) *limiter {
	return &limiter{store: store, now: time.Now}
}

func accountKey(account string) string {
	k := "u:" + strings.ToLower(account)
	if len(k) > maxKeyBytes {
		k = strings.ToValidUTF8(k[:maxKeyBytes], "")
	}
	return k
}

// wait returns how long the account or the address must wait before trying again, or 0.
func (l *limiter) wait(ctx context.Context, account, addr string) (time.Duration, error) {
	now := l.now()
	var d time.Duration
	for _, k := range []struct {
		key string
		max int
	}{{accountKey(account), maxPerAccount}, {"a:" + addr, maxPerAddress}} {
		ts, err := l.store.SignInFailures(ctx, k.key, now.Add(-loginWindow))
		if err != nil {
			return 0, err
		}
		if len(ts) >= k.max {
			d = max(d, loginWindow-now.Sub(ts[len(ts)-k.max]))
		}
	}
	return d, nil
}

func (l *limiter) fail(ctx context.Context, account, addr string) error {
	now := l.now()
	return l.store.RecordSignInFailure(ctx, []string{accountKey(account), "a:" + addr}, now, now.Add(-loginWindow))
}

func (l *limiter) succeed(ctx context.Context, account string) error {
	return l.store.ClearSignInFailures(ctx, accountKey(account))
}

func (s *Server) registerAccountRoutes() {
	s.mux.HandleFunc("GET /login", s.handleLoginForm)
	s.mux.HandleFunc("POST /login", s.handleLogin)
	s.mux.HandleFunc("POST /logout", s.handleLogout)
	s.mux.HandleFunc("POST /logout/everywhere", s.handleLogoutEverywhere)
	s.mux.HandleFunc("GET /account", s.handleAccount)
	s.mux.HandleFunc("POST /account/password", s.handlePassword)
	s.mux.HandleFunc("GET /admin/users", s.handleUsers)
	s.mux.HandleFunc("POST /admin/users", s.handleCreateUser)
	s.mux.HandleFunc("POST /admin/users/{name}", s.handleUpdateUser)
	s.mux.HandleFunc("POST /admin/users/{name}/password", s.handleResetPassword)
	s.mux.HandleFunc("POST /admin/users/{name}/disable", s.handleUserAccess)
	s.mux.HandleFunc("POST /admin/users/{name}/enable", s.handleUserAccess)
	s.mux.HandleFunc("POST /admin/users/{name}/remove", s.handleUserAccess)
	s.registerTokenRoutes()
	s.registerSettingsRoutes()
	s.registerSignInRoutes()
	s.registerFactorRoutes()
	s.registerSecurityRoutes()
	s.mux.HandleFunc("GET /lang/{lang}", s.handleLanguage)
}

// loginPage is the sign-in form.
type loginPage struct {
	layout
	Name, Next string
	Err        string
}

func (s *Server) handleLoginForm(w http.ResponseWriter, r *http.Request) {
	p := loginPage{layout: s.layout(w, r, "login.title"), Next: localPath(r.URL.Query().Get("next"))}
	p.CSRF = s.csrfToken(w, r)
	if r.URL.Query().Get("ended") != "" {
		p.Err = p.T("second.ended")
	}
	s.render(w, r, http.StatusOK, "login.html", &p)
}

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	name, pw := strings.TrimSpace(r.PostFormValue("name")), r.PostFormValue("password")
	p := loginPage{layout: s.layout(w, r, "login.title"), Name: name, Next: localPath(r.PostFormValue("next"))}
	p.CSRF = s.csrfToken(w, r)
	addr := s.clientAddr(r)
	d, err := s.limiter.wait(r.Context(), name, addr)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if d > 0 {
		p.Err = p.T("login.limited", int(d.Minutes())+1)
		w.Header().Set("Retry-After", strconv.Itoa(int(d.Seconds())+1))
		s.render(w, r, http.StatusTooManyRequests, "login.html", &p)
		return
	}
	// A disabled or removed account is not found either: it takes this same path.
	u, hash, err := s.Store.PasswordHash(r.Context(), name)
	switch {
	case docket.ErrorCode(err) == docket.ENOTFOUND:
		auth.Waste(pw) // as long as a wrong password takes: no answer tells who has an account
	case err != nil:
		s.Error(w, r, err)
		return
	}
	if u == nil || !auth.VerifyPassword(hash, pw) {
		if err := s.limiter.fail(r.Context(), name, addr); err != nil {
			s.Error(w, r, err)
			return
		}
		s.Logger.Info("sign-in failed", "name", name, "addr", addr)
		// The log says no more than the visitor is told: a wrong password and no such
		// (active) account read alike.
		s.logSignIn(r, docket.OutcomeFailed, name, "password", "wrong name or password")
		p.Err = p.T("login.failed")
		s.render(w, r, http.StatusUnauthorized, "login.html", &p)
		return
	}
	// The per-account count of failures is reset only once the whole sign-in succeeds: a
	// right password must not buy more guesses at the second factor.
	s.afterPassword(w, r, u, p.Next)
}

func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request) {
	if a := authOf(r); a.Session != nil {
		if err := s.Store.DeleteSession(r.Context(), a.idHash); err != nil {
			s.Error(w, r, err)
			return
		}
	}
	s.clearSessionCookie(w, r)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (s *Server) handleLogoutEverywhere(w http.ResponseWriter, r *http.Request) {
	a := authOf(r)
	if a.Session == nil {
		s.Error(w, r, docket.AnonymousViewer.Authorize(docket.Reader))
		return
	}
	if err := s.Store.DeleteUserSessions(r.Context(), a.Session.User.ID); err != nil {
		s.Error(w, r, err)
		return
	}
	if err := s.Store.LogSecurity(r.Context(), &docket.SecurityEvent{Kind: docket.SecSignOut, Actor: a.Session.User.Name,
		Subject: a.Session.User.Name, Detail: "every session of the account ended"}); err != nil {
		s.Logger.Error("writing a sign-out to the security log", "err", err)
	}
	s.clearSessionCookie(w, r)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// accountPage is a user's own account.
type accountPage struct {
	layout
	User    *docket.User
	Expires time.Time
	Err     string
	Done    bool
	Factors factorsView
}

func (s *Server) handleAccount(w http.ResponseWriter, r *http.Request) {
	a := authOf(r)
	if a.Session == nil {
		s.redirectLogin(w, r)
		return
	}
	p, err := s.accountPage(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Done = r.URL.Query().Get("done") == "password"
	s.render(w, r, http.StatusOK, "account.html", p)
}

func (s *Server) handlePassword(w http.ResponseWriter, r *http.Request) {
	a := authOf(r)
	if a.Session == nil {
		s.redirectLogin(w, r)
		return
	}
	u := a.Session.User
	p, err := s.accountPage(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	_, hash, err := s.Store.PasswordHash(r.Context(), u.Name)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	next := r.PostFormValue("new")
	switch {
	case !auth.VerifyPassword(hash, r.PostFormValue("current")):
		p.Err = p.T("account.wrongCurrent")
	case next != r.PostFormValue("repeat"):
		p.Err = p.T("account.mismatch")
	default:
		p.Err = passwordError(p.layout, auth.PasswordRule(next))
	}
	if p.Err != "" {
		s.render(w, r, http.StatusBadRequest, "account.html", p)
		return
	}
	h, err := auth.HashPassword(next, s.PasswordParams)
	if err == nil {
		err = s.Store.SetPassword(r.Context(), u.Viewer(), u.Name, h)
	}
	if err != nil {
		s.Error(w, r, err)
		return
	}
	// Setting a password ends every session, this one too: sign in again with the new one.
	s.clearSessionCookie(w, r)
	http.Redirect(w, r, "/login?next="+url.QueryEscape("/account?done=password"), http.StatusSeeOther)
}

// passwordError is the message of a password rule broken, in the page's language, or "".
func passwordError(l layout, rule string) string {
	switch rule {
	case "":
		return ""
	case auth.RuleShort:
		return l.T("password.short", auth.MinPasswordLen)
	case auth.RuleLong:
		return l.T("password.long", auth.MaxPasswordLen)
	}
	return l.T("password." + rule)
}

// redirectLogin sends an anonymous visitor to sign in, and back here afterwards.
func (s *Server) redirectLogin(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
}

// usersPage is the admin's list of accounts.
type usersPage struct {
	layout
	Users []*docket.User
	Roles []docket.Role
	Form  userForm
	Err   string
	// Password is the generated password of the account just made, or just given a new
	// password (Reset), shown once.
	Password, Created string
	Reset             bool
	// Policy says whose accounts must have a second factor.
	Policy *docket.SecondFactorPolicy
}

// Requires reports whether the policy asks a second factor of the account.
func (p *usersPage) Requires(u *docket.User) bool { return p.Policy.Requires(u) }

type userForm struct {
	Name    string
	Role    string
	Cleared bool
}

func (s *Server) usersPage(w http.ResponseWriter, r *http.Request) (*usersPage, error) {
	v := viewer(r)
	if v.Role == docket.Anonymous {
		return nil, v.Authorize(docket.Admin)
	}
	us, err := s.Store.FindUsers(r.Context(), v)
	if err != nil {
		return nil, err
	}
	pol, err := s.Store.SecondFactorPolicy(r.Context(), v)
	if err != nil {
		return nil, err
	}
	p := &usersPage{layout: s.layout(w, r, "users.title"), Users: us, Roles: roles, Form: userForm{Role: "researcher"}, Policy: pol}
	p.Nav = "users"
	return p, nil
}

// roles are the roles an account or a token may have, in order.
var roles = []docket.Role{docket.Reader, docket.Researcher, docket.Editor, docket.Admin}

func (s *Server) handleUsers(w http.ResponseWriter, r *http.Request) {
	if viewer(r).Role == docket.Anonymous {
		s.redirectLogin(w, r)
		return
	}
	p, err := s.usersPage(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "users.html", p)
}

func (s *Server) handleCreateUser(w http.ResponseWriter, r *http.Request) {
	p, err := s.usersPage(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Form = userForm{Name: strings.TrimSpace(r.PostFormValue("name")), Role: r.PostFormValue("role"), Cleared: r.PostFormValue("cleared") == "on"}
	role, err := docket.ParseRole(p.Form.Role)
	pw := auth.NewPassword()
	var hash string
	if err == nil {
		hash, err = auth.HashPassword(pw, s.PasswordParams)
	}
	if err == nil {
		err = s.Store.CreateUser(r.Context(), viewer(r), &docket.User{Name: p.Form.Name, Role: role, Cleared: p.Form.Cleared}, hash)
	}
	if code := docket.ErrorCode(err); code == docket.EINVALID || code == docket.ECONFLICT || code == docket.EFORBIDDEN {
		p.Err = docket.ErrorMessage(err)
		s.render(w, r, ErrorStatusCode(code), "users.html", p)
		return
	} else if err != nil {
		s.Error(w, r, err)
		return
	}
	p, err = s.usersPage(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	// Shown once, on this response only; it is not stored anywhere but as a hash.
	p.Password, p.Created = pw, strings.TrimSpace(r.PostFormValue("name"))
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusCreated, "users.html", p)
}

func (s *Server) handleUpdateUser(w http.ResponseWriter, r *http.Request) {
	var upd docket.UserUpdate
	if v := r.PostFormValue("role"); v != "" {
		role, err := docket.ParseRole(v)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		upd.Role = &role
	}
	if v := r.PostFormValue("cleared"); v != "" {
		c := v == "yes"
		upd.Cleared = &c
	}
	if _, err := s.Store.UpdateUser(r.Context(), viewer(r), r.PathValue("name"), upd); err != nil {
		s.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
}

// confirmed reports whether a form's confirmation box is ticked: the forms that stop or end
// an account ask for it, since they work without JavaScript and so without a dialogue.
func confirmed(r *http.Request) error {
	if r.PostFormValue("confirm") != "yes" {
		return docket.Errorf(docket.EINVALID, "tick the box beside the button to confirm")
	}
	return nil
}

// handleResetPassword gives an account a new generated password, shown once, and ends its
// sessions: for a user who lost theirs, or an account that may be in other hands.
func (s *Server) handleResetPassword(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	if err := viewer(r).Authorize(docket.Admin); err != nil {
		s.Error(w, r, err)
		return
	}
	if err := confirmed(r); err != nil {
		s.Error(w, r, err)
		return
	}
	pw := auth.NewPassword()
	hash, err := auth.HashPassword(pw, s.PasswordParams)
	if err == nil {
		err = s.Store.SetPassword(r.Context(), viewer(r), name, hash)
	}
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p, err := s.usersPage(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	// Shown once, on this response only.
	p.Password, p.Created, p.Reset = pw, name, true
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "users.html", p)
}

// handleUserAccess disables, enables or removes an account. Disabling and removing end its
// sessions and stop its tokens in the store, at once.
func (s *Server) handleUserAccess(w http.ResponseWriter, r *http.Request) {
	name, v := r.PathValue("name"), viewer(r)
	action := r.URL.Path[strings.LastIndexByte(r.URL.Path, '/')+1:]
	var err error
	switch action {
	case "disable":
		if err = confirmed(r); err == nil {
			_, err = s.Store.DisableUser(r.Context(), v, name)
		}
	case "enable":
		_, err = s.Store.EnableUser(r.Context(), v, name)
	case "remove":
		if err = confirmed(r); err == nil {
			err = s.Store.RemoveUser(r.Context(), v, name)
		}
	}
	if err != nil {
		s.Error(w, r, err)
		return
	}
	flash := map[string]string{"disable": "disabled", "enable": "enabled", "remove": "removed"}[action]
	http.Redirect(w, r, "/admin/users?flash="+flash, http.StatusSeeOther)
}

// handleLanguage goes back to the page in a language: for staff remembered in a cookie, for the
// public in the page's address.
func (s *Server) handleLanguage(w http.ResponseWriter, r *http.Request) {
	lang := r.PathValue("lang")
	if !supportedLang(lang) {
		s.Error(w, r, docket.Errorf(docket.ENOTFOUND, "no language %q", lang))
		return
	}
	next := localPath(r.URL.Query().Get("next"))
	if viewer(r).Role == docket.Anonymous {
		// The public's language is in the page's address, not in a cookie (see languageRedirect).
		http.Redirect(w, r, inLang(next, lang), http.StatusSeeOther)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: langCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600, Secure: s.secure(r), SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, next, http.StatusSeeOther)
}
