package http_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/docketorg/docket"
)

// TestAdminSettings: the settings page shows and changes the archiving settings, for a
// cleared admin only; everyone else is refused by the store, whatever the page shows.
func TestAdminSettings(t *testing.T) {
	db, s := MustOpenDemoServer(t)
	base := s.URL()
	root := MustLogin(t, base, "root", MustUser(t, db, "root", docket.Admin, true))
	plain := MustLogin(t, base, "plain", MustUser(t, db, "plain", docket.Admin, false))
	editor := MustLogin(t, base, "ed", MustUser(t, db, "ed", docket.Editor, true))
	stored := func() *docket.Settings {
		st, err := db.Settings(context.Background(), docket.Operator("test"))
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	on := url.Values{"archive": {"on"}, "proxy": {"socks5h://127.0.0.1:9050"}, "user_agent": {"Mozilla/5.0 (test)"}}

	// The public is sent to sign in; a cleared editor is refused.
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if resp, _ := getPage(t, noRedirect, base+"/admin/settings"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Fatalf("the settings page for the public: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, _ := getPage(t, editor, base+"/admin/settings"); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("the settings page for an editor: %d, want 403", resp.StatusCode)
	}
	_, page := getPage(t, root, base+"/")
	if !strings.Contains(page, `href="/admin/settings"`) {
		t.Fatal("the navigation lacks the settings")
	}
	_, page = getPage(t, root, base+"/admin/settings")
	if !strings.Contains(page, `<span class="tag" id="archive-state">off</span>`) || strings.Contains(page, `id="archive" name="archive" aria-describedby="archive-hint" checked`) {
		t.Fatalf("a new store's settings page does not say archiving is off:\n%s", page)
	}

	// Without the form's CSRF token, by an editor, by an uncleared admin: nothing changes.
	if resp, _ := postForm(t, root, base+"/admin/settings", on); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("settings without a CSRF token: %d, want 403", resp.StatusCode)
	}
	resp, _ := adminForm(t, editor, base, "/", "/admin/settings", on)
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("settings by an editor: %d, want 403", resp.StatusCode)
	}
	resp, body := adminForm(t, plain, base, "/admin/settings", "/admin/settings", on)
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "cleared for confidential data") {
		t.Fatalf("settings by an uncleared admin: %d", resp.StatusCode)
	}
	if st := stored(); st.Archive || st.ArchiveProxy != "" {
		t.Fatalf("a refused form changed the settings: %+v", st)
	}

	// A bad proxy is named, the input kept, nothing changed.
	bad := url.Values{"archive": {"on"}, "proxy": {"socks5://127.0.0.1:9050"}, "user_agent": {""}}
	resp, body = adminForm(t, root, base, "/admin/settings", "/admin/settings", bad)
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "socks5h://") || !strings.Contains(body, `value="socks5://127.0.0.1:9050"`) {
		t.Fatalf("a socks5:// proxy: %d\n%s", resp.StatusCode, clip([]byte(body)))
	}
	if st := stored(); st.Archive {
		t.Fatalf("a bad proxy turned archiving on: %+v", st)
	}

	resp, body = adminForm(t, root, base, "/admin/settings", "/admin/settings", on)
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path != "/admin/settings" || !strings.Contains(body, "The settings are saved") ||
		!strings.Contains(body, `<span class="tag warn" id="archive-state">on</span>`) || !strings.Contains(body, `value="socks5h://127.0.0.1:9050"`) {
		t.Fatalf("saving the settings: %d\n%s", resp.StatusCode, clip([]byte(body)))
	}
	if st := stored(); !st.Archive || st.ArchiveProxy != "socks5h://127.0.0.1:9050" || st.ArchiveUserAgent != "Mozilla/5.0 (test)" {
		t.Fatalf("stored settings: %+v", st)
	}
	// An uncleared admin reads the settings, without the proxy's password.
	mustUpdate := func(upd docket.SettingsUpdate) {
		if _, err := db.UpdateSettings(context.Background(), docket.Operator("test"), upd); err != nil {
			t.Fatal(err)
		}
	}
	mustUpdate(docket.SettingsUpdate{ArchiveProxy: ptrTo("socks5h://tor:hunter2@127.0.0.1:9050")})
	if resp, page := getPage(t, plain, base+"/admin/settings"); resp.StatusCode != http.StatusOK || strings.Contains(page, "hunter2") ||
		!strings.Contains(page, "cleared for confidential data") {
		t.Fatalf("the settings page for an uncleared admin: %d\n%s", resp.StatusCode, clip([]byte(page)))
	}
	if _, page := getPage(t, root, base+"/admin/settings"); !strings.Contains(page, "hunter2") {
		t.Fatal("a cleared admin does not see the proxy as stored")
	}
	// Unticked, archiving is off again; an empty proxy is direct.
	resp, _ = adminForm(t, root, base, "/admin/settings", "/admin/settings", url.Values{"proxy": {""}, "user_agent": {""}})
	if st := stored(); resp.StatusCode != http.StatusOK || st.Archive || st.ArchiveProxy != "" || st.ArchiveUserAgent != "" {
		t.Fatalf("turning archiving off: %d, %+v", resp.StatusCode, st)
	}
}

func ptrTo[T any](v T) *T { return &v }
