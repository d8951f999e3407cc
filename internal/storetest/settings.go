package storetest

import (
	"strings"
	"testing"

	"github.com/docketorg/docket"
)

// testSettings: the settings are off and empty until a cleared admin sets them; only admins
// read them; a bad value changes nothing; they are not records.
func testSettings(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(10))
	s, err := st.Settings(ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	if s.Archive || s.ArchiveProxy != "" || s.ArchiveUserAgent != "" || !s.UpdatedAt.IsZero() {
		t.Fatalf("settings of a new store: %+v, want archiving off and nothing set", s)
	}
	export := ExportString(t, st, admin, false)

	unclearedAdmin := docket.Viewer{Name: "uncleared-admin", Role: docket.Admin}
	on, proxy, ua := true, "socks5h://127.0.0.1:9050", "Mozilla/5.0 (test)"
	upd := docket.SettingsUpdate{Archive: &on, ArchiveProxy: &proxy, ArchiveUserAgent: &ua}
	for _, v := range []docket.Viewer{public, reader, editor, cleared, unclearedAdmin} {
		_, err := st.UpdateSettings(ctx, v, upd)
		want := docket.EFORBIDDEN
		if v.Role == docket.Anonymous {
			want = docket.EUNAUTHORIZED
		}
		wantCode(t, "UpdateSettings as "+v.Name, err, want)
		if v.Role < docket.Admin {
			_, err := st.Settings(ctx, v)
			wantCode(t, "Settings as "+v.Name, err, want)
		}
	}
	if s, _ := st.Settings(ctx, admin); s.Archive || s.ArchiveProxy != "" {
		t.Fatalf("a refused update changed the settings: %+v", s)
	}

	for _, bad := range []docket.SettingsUpdate{
		{Archive: &on, ArchiveProxy: ptr("socks5://127.0.0.1:9050")}, // resolves names locally
		{Archive: &on, ArchiveProxy: ptr("https://proxy.example:443")},
		{Archive: &on, ArchiveProxy: ptr("http://proxy.example")}, // no port
		{Archive: &on, ArchiveProxy: ptr("http://proxy.example:3128/path")},
		{Archive: &on, ArchiveUserAgent: ptr("Mozilla\r\nX-Leak: 1")},
		{Archive: &on, ArchiveUserAgent: ptr(strings.Repeat("x", 301))},
	} {
		_, err := st.UpdateSettings(ctx, admin, bad)
		wantCode(t, "UpdateSettings with a bad value", err, docket.EINVALID)
	}
	if s, _ := st.Settings(ctx, admin); s.Archive {
		t.Fatalf("an update with a bad value turned archiving on: %+v", s)
	}

	s, err = st.UpdateSettings(ctx, admin, upd)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Archive || s.ArchiveProxy != proxy || s.ArchiveUserAgent != ua || !docket.IsAuthorID(s.UpdatedBy) || s.UpdatedAt.IsZero() {
		t.Fatalf("UpdateSettings = %+v", s)
	}
	off := false
	if s, err = st.UpdateSettings(ctx, admin, docket.SettingsUpdate{Archive: &off}); err != nil || s.Archive || s.ArchiveProxy != proxy || s.ArchiveUserAgent != ua {
		t.Fatalf("turning archiving off alone: %+v, %v; want the proxy and User-Agent kept", s, err)
	}
	withPassword := "socks5h://tor:hunter2@127.0.0.1:9050"
	if _, err := st.UpdateSettings(ctx, admin, docket.SettingsUpdate{ArchiveProxy: &withPassword}); err != nil {
		t.Fatal(err)
	}
	if s, err := st.Settings(ctx, unclearedAdmin); err != nil || strings.Contains(s.ArchiveProxy, "hunter2") || !strings.Contains(s.ArchiveProxy, "127.0.0.1:9050") {
		t.Fatalf("Settings as an uncleared admin: %+v, %v; want the proxy without its password", s, err)
	}
	if s, _ := st.Settings(ctx, admin); s.ArchiveProxy != withPassword {
		t.Fatalf("Settings as a cleared admin: proxy %q, want %q", s.ArchiveProxy, withPassword)
	}
	if s, err = st.UpdateSettings(ctx, admin, docket.SettingsUpdate{ArchiveProxy: ptr(" ")}); err != nil || s.ArchiveProxy != "" {
		t.Fatalf("clearing the proxy: %+v, %v", s, err)
	}
	if got := ExportString(t, st, admin, false); got != export {
		t.Fatalf("settings changed the export:\n%s", got)
	}
}
