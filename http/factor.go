package http

import (
	"context"
	"encoding/json"
	"html/template"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/auth"
	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/webauthn"
)

// Second factors: enrolling a TOTP key (with its QR code) or a WebAuthn security key or
// passkey, under Your account or at a sign-in that the policy asks a factor of; and the
// WebAuthn ceremonies of a sign-in. Between its two requests, a ceremony's state (the TOTP key
// being enrolled, a WebAuthn challenge) is kept in the store under the hash of the session or
// pending sign-in it belongs to, and taken once: an answer to a challenge cannot be replayed.

// ceremonyTTL is how long a ceremony waits for its second request.
const ceremonyTTL = 10 * time.Minute

// Ceremony ids: the kind and the hash of the session or pending sign-in.
func totpCeremony(key string) string     { return "totp:" + key }
func registerCeremony(key string) string { return "webauthn-register:" + key }
func loginCeremony(key string) string    { return "webauthn-login:" + key }

// origin is the site's origin as the browser sees it: Server.Origin, or the request's host.
func (s *Server) origin(r *http.Request) string {
	if s.Origin != "" {
		return s.Origin
	}
	scheme := "http"
	if s.secure(r) {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// webauthnFor returns the WebAuthn relying party of the request's origin, or nil when the
// origin cannot have one: browsers offer WebAuthn only to a name (never an IP address),
// over HTTPS or on localhost.
func (s *Server) webauthnFor(r *http.Request) *webauthn.WebAuthn {
	u, err := url.Parse(s.origin(r))
	if err != nil {
		return nil
	}
	host := u.Hostname()
	if host == "" || net.ParseIP(host) != nil || (u.Scheme != "https" && host != "localhost") {
		return nil
	}
	wa, err := webauthn.New(&webauthn.Config{
		RPID:          host,
		RPDisplayName: "Docket",
		RPOrigins:     []string{u.Scheme + "://" + u.Host},
		AuthenticatorSelection: protocol.AuthenticatorSelection{
			ResidentKey:      protocol.ResidentKeyRequirementPreferred,
			UserVerification: protocol.VerificationPreferred,
		},
	})
	if err != nil {
		s.Logger.Warn("no WebAuthn at this origin", "origin", s.origin(r), "err", err)
		return nil
	}
	return wa
}

// errNoWebAuthn is the answer to a WebAuthn request at an origin that cannot have it.
var errNoWebAuthn = docket.Errorf(docket.EINVALID, "security keys work only at this site's name, over HTTPS (or on localhost): open it by its name, not its address")

// waUser is an account as the WebAuthn library sees it. Its handle is the account's id, which
// is random and names no one.
type waUser struct {
	u     *docket.User
	creds []webauthn.Credential
	ids   []string // the factor id of each credential
}

func (w *waUser) WebAuthnID() []byte                         { return []byte(w.u.ID) }
func (w *waUser) WebAuthnName() string                       { return w.u.Name }
func (w *waUser) WebAuthnDisplayName() string                { return w.u.Name }
func (w *waUser) WebAuthnCredentials() []webauthn.Credential { return w.creds }

// newWAUser reads the account's WebAuthn credentials.
func (s *Server) newWAUser(ctx context.Context, u *docket.User) (*waUser, *docket.SecondFactorStatus, error) {
	st, err := s.Store.SignInFactors(ctx, u.ID)
	if err != nil {
		return nil, nil, err
	}
	w := &waUser{u: u}
	for _, f := range st.Factors {
		if f.Kind != docket.FactorWebAuthn {
			continue
		}
		var c webauthn.Credential
		if err := json.Unmarshal(f.Credential, &c); err != nil {
			s.Logger.Error("a stored WebAuthn credential does not read", "factor", f.ID, "err", err)
			continue
		}
		w.creds, w.ids = append(w.creds, c), append(w.ids, f.ID)
	}
	return w, st, nil
}

// totpEnrolment is a TOTP key being enrolled: its QR code and its text, shown until confirmed.
type totpEnrolment struct {
	QR     template.HTML
	Secret string
	Name   string // the label typed so far
}

// newTOTPEnrolment shows a key.
func (s *Server) newTOTPEnrolment(r *http.Request, u *docket.User, key []byte) (*totpEnrolment, error) {
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	q, err := qrSVG(auth.TOTPURI(key, "Docket", u.Name+"@"+host), "QR code of the key")
	if err != nil {
		return nil, err
	}
	return &totpEnrolment{QR: q, Secret: auth.TOTPSecret(key)}, nil
}

// startTOTP makes a key for the account and keeps it in a ceremony until a code confirms it.
func (s *Server) startTOTP(r *http.Request, u *docket.User, ceremony string) (*totpEnrolment, error) {
	key := auth.NewTOTPKey()
	if err := s.Store.PutCeremony(r.Context(), ceremony, u.ID, key, time.Now().Add(ceremonyTTL)); err != nil {
		return nil, err
	}
	return s.newTOTPEnrolment(r, u, key)
}

// confirmTOTP enrols the ceremony's key once a code of it is right, and returns new recovery
// codes when it is the account's first factor. On a wrong code, the key stays in the ceremony
// and is returned to be shown again.
func (s *Server) confirmTOTP(r *http.Request, u *docket.User, ceremony string) (codes []string, again *totpEnrolment, err error) {
	ctx := r.Context()
	name, err := docket.CheckFactorName(r.PostFormValue("name"), docket.FactorTOTP)
	if err != nil {
		return nil, nil, err
	}
	key, err := s.Store.TakeCeremony(ctx, ceremony, u.ID)
	if err != nil {
		return nil, nil, err
	}
	step, ok := auth.CheckTOTP(key, r.PostFormValue("code"), s.Now())
	if !ok {
		if err := s.Store.PutCeremony(ctx, ceremony, u.ID, key, time.Now().Add(ceremonyTTL)); err != nil {
			return nil, nil, err
		}
		if again, err = s.newTOTPEnrolment(r, u, key); err != nil {
			return nil, nil, err
		}
		again.Name = r.PostFormValue("name")
		return nil, again, docket.Errorf(docket.EINVALID, "the code is not right: type the six digits the app shows now for this key (is the phone's clock right?)")
	}
	codes, hashes, err := s.firstCodes(ctx, u)
	if err != nil {
		return nil, nil, err
	}
	// The code that confirmed the key is taken: it cannot sign in too.
	f := &docket.SecondFactor{Kind: docket.FactorTOTP, Name: name, Secret: key, LastStep: step}
	if err := s.Store.AddSecondFactor(ctx, u.Viewer(), u.Name, f, hashes); err != nil {
		return nil, nil, err
	}
	return codes, nil, nil
}

// firstCodes returns new recovery codes and their hashes when the account has no second
// factor yet: its first one comes with them.
func (s *Server) firstCodes(ctx context.Context, u *docket.User) (codes, hashes []string, err error) {
	st, err := s.Store.SecondFactorStatus(ctx, u.Viewer(), u.Name)
	if err != nil {
		return nil, nil, err
	}
	if len(st.Factors) > 0 {
		return nil, nil, nil
	}
	codes, hashes = auth.NewRecoveryCodes(docket.RecoveryCodeCount)
	return codes, hashes, nil
}

// beginRegister answers the options of a new credential for the account, as JSON.
func (s *Server) beginRegister(w http.ResponseWriter, r *http.Request, u *docket.User, ceremony string) {
	wa := s.webauthnFor(r)
	if wa == nil {
		s.Error(w, r, errNoWebAuthn)
		return
	}
	wu, _, err := s.newWAUser(r.Context(), u)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var exclude []protocol.CredentialDescriptor
	for _, c := range wu.creds {
		exclude = append(exclude, c.Descriptor())
	}
	creation, session, err := wa.BeginRegistration(wu, webauthn.WithExclusions(exclude))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.answerCeremony(w, r, ceremony, u.ID, session, creation)
}

// answerCeremony keeps a ceremony's session, to be taken once by its answer, and sends the
// browser the options it answers.
func (s *Server) answerCeremony(w http.ResponseWriter, r *http.Request, ceremony, userID string, session *webauthn.SessionData, options any) {
	data, err := json.Marshal(session)
	if err == nil {
		err = s.Store.PutCeremony(r.Context(), ceremony, userID, data, time.Now().Add(ceremonyTTL))
	}
	if err != nil {
		s.Error(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, options)
}

// finishRegister checks the browser's answer to the ceremony and enrols the credential,
// returning new recovery codes when it is the account's first factor.
func (s *Server) finishRegister(r *http.Request, u *docket.User, ceremony string) (codes []string, err error) {
	ctx := r.Context()
	wa := s.webauthnFor(r)
	if wa == nil {
		return nil, errNoWebAuthn
	}
	name, err := docket.CheckFactorName(r.PostFormValue("name"), docket.FactorWebAuthn)
	if err != nil {
		return nil, err
	}
	data, err := s.Store.TakeCeremony(ctx, ceremony, u.ID)
	if err != nil {
		return nil, err
	}
	var session webauthn.SessionData
	if err := json.Unmarshal(data, &session); err != nil {
		return nil, err
	}
	parsed, err := protocol.ParseCredentialCreationResponseBytes([]byte(r.PostFormValue("credential")))
	if err != nil {
		return nil, docket.Errorf(docket.EINVALID, "the security key's answer could not be read: %s", webauthnReason(err))
	}
	wu, _, err := s.newWAUser(ctx, u)
	if err != nil {
		return nil, err
	}
	cred, err := wa.CreateCredential(wu, session, parsed)
	if err != nil {
		return nil, docket.Errorf(docket.EINVALID, "the security key's answer does not hold: %s", webauthnReason(err))
	}
	credJSON, err := json.Marshal(cred)
	if err != nil {
		return nil, err
	}
	codes, hashes, err := s.firstCodes(ctx, u)
	if err != nil {
		return nil, err
	}
	f := &docket.SecondFactor{Kind: docket.FactorWebAuthn, Name: name, CredentialID: cred.ID, Credential: credJSON}
	if err := s.Store.AddSecondFactor(ctx, u.Viewer(), u.Name, f, hashes); err != nil {
		return nil, err
	}
	return codes, nil
}

// webauthnReason is what the library says is wrong, in its own words, which name no secret.
func webauthnReason(err error) string {
	if pe, ok := err.(*protocol.Error); ok && pe.Details != "" {
		return pe.Details
	}
	return err.Error()
}

// beginLogin answers the options of an assertion by one of the account's credentials.
func (s *Server) beginLogin(w http.ResponseWriter, r *http.Request, u *docket.User, ceremony string) {
	wa := s.webauthnFor(r)
	if wa == nil {
		s.Error(w, r, errNoWebAuthn)
		return
	}
	wu, _, err := s.newWAUser(r.Context(), u)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if len(wu.creds) == 0 {
		s.Error(w, r, docket.Errorf(docket.EINVALID, "this account has no security key"))
		return
	}
	assertion, session, err := wa.BeginLogin(wu)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.answerCeremony(w, r, ceremony, u.ID, session, assertion)
}

// finishLogin checks an assertion against the ceremony's challenge and the account's
// credentials, stores the credential's new sign count, and returns the factor's name. The
// ceremony is taken first, so that an assertion answers its challenge once.
func (s *Server) finishLogin(r *http.Request, u *docket.User, ceremony string) (string, error) {
	ctx := r.Context()
	wa := s.webauthnFor(r)
	if wa == nil {
		return "", errNoWebAuthn
	}
	data, err := s.Store.TakeCeremony(ctx, ceremony, u.ID)
	if err != nil {
		return "", docket.Errorf(docket.EUNAUTHORIZED, "this security key's answer is to no challenge that is open: it was used already, or it expired; try again")
	}
	var session webauthn.SessionData
	if err := json.Unmarshal(data, &session); err != nil {
		return "", err
	}
	parsed, err := protocol.ParseCredentialRequestResponseBytes([]byte(r.PostFormValue("credential")))
	if err != nil {
		return "", docket.Errorf(docket.EUNAUTHORIZED, "the security key's answer could not be read: %s", webauthnReason(err))
	}
	wu, st, err := s.newWAUser(ctx, u)
	if err != nil {
		return "", err
	}
	cred, err := wa.ValidateLogin(wu, session, parsed)
	if err != nil {
		return "", docket.Errorf(docket.EUNAUTHORIZED, "the security key's answer does not hold: %s", webauthnReason(err))
	}
	// A counter that went back means two keys answer as one: a cloned key.
	if cred.Authenticator.CloneWarning {
		return "", docket.Errorf(docket.EUNAUTHORIZED, "this security key's counter went back: it may have been copied; ask an admin")
	}
	for i, c := range wu.creds {
		if string(c.ID) != string(cred.ID) {
			continue
		}
		credJSON, err := json.Marshal(cred)
		if err != nil {
			return "", err
		}
		if err := s.Store.UseWebAuthn(ctx, u.ID, wu.ids[i], credJSON); err != nil {
			return "", err
		}
		for _, f := range st.Factors {
			if f.ID == wu.ids[i] {
				return f.Name, nil
			}
		}
	}
	return "", docket.Errorf(docket.EUNAUTHORIZED, "this security key is not one of the account's")
}
