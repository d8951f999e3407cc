package http

import (
	"net/http"
	"strings"

	"github.com/docketorg/docket"
)

// The settings page: an admin decides whether docket serve archives sources in the
// background, through which proxy and with which User-Agent. The store checks who may read
// (admins) and change (cleared admins) them; this page only shows what it answers.

func (s *Server) registerSettingsRoutes() {
	s.mux.HandleFunc("GET /admin/settings", s.handleSettings)
	s.mux.HandleFunc("POST /admin/settings", s.handleUpdateSettings)
}

// settingsPage is the admin's settings form.
type settingsPage struct {
	layout
	Settings *docket.Settings
	Replicas []ReplicaStatus
	Form     settingsForm
	Err      string
}

// ReplicaStatus is a PostgreSQL standby as the settings page shows it.
type ReplicaStatus struct {
	Name       string
	Up, Behind bool
	Lag        uint64 // bytes of WAL not replayed when last asked
	Reads      int64
}

type settingsForm struct {
	Archive          bool
	Proxy, UserAgent string
}

func (s *Server) settingsPage(w http.ResponseWriter, r *http.Request) (*settingsPage, error) {
	st, err := s.Store.Settings(r.Context(), viewer(r))
	if err != nil {
		return nil, err
	}
	p := &settingsPage{layout: s.layout(w, r, "settings.title"), Settings: st,
		Form: settingsForm{Archive: st.Archive, Proxy: st.ArchiveProxy, UserAgent: st.ArchiveUserAgent}}
	p.Nav = "settings"
	if s.Replicas != nil {
		p.Replicas = s.Replicas(r.Context())
	}
	return p, nil
}

func (s *Server) handleSettings(w http.ResponseWriter, r *http.Request) {
	if viewer(r).Role == docket.Anonymous {
		s.redirectLogin(w, r)
		return
	}
	p, err := s.settingsPage(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "settings.html", p)
}

func (s *Server) handleUpdateSettings(w http.ResponseWriter, r *http.Request) {
	p, err := s.settingsPage(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Form = settingsForm{Archive: r.PostFormValue("archive") == "on", Proxy: strings.TrimSpace(r.PostFormValue("proxy")),
		UserAgent: strings.TrimSpace(r.PostFormValue("user_agent"))}
	// All three at once, in one transaction: archiving must never be on with the old proxy.
	_, err = s.Store.UpdateSettings(r.Context(), viewer(r), docket.SettingsUpdate{Archive: &p.Form.Archive,
		ArchiveProxy: &p.Form.Proxy, ArchiveUserAgent: &p.Form.UserAgent})
	if code := docket.ErrorCode(err); code == docket.EINVALID || code == docket.EFORBIDDEN {
		p.Err = docket.ErrorMessage(err)
		s.render(w, r, ErrorStatusCode(code), "settings.html", p)
		return
	} else if err != nil {
		s.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/settings?flash=settings", http.StatusSeeOther)
}
