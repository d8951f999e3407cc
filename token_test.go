package docket_test

import (
	"testing"
	"time"

	"github.com/docketorg/docket"
)

func TestParseTokenExpiry(t *testing.T) {
	now := time.Date(2026, 12, 6, 10, 30, 0, 0, time.UTC)
	for in, want := range map[string]time.Time{
		"90d":        now.AddDate(0, 0, 90),
		"12w":        now.AddDate(0, 0, 84),
		"6m":         now.AddDate(0, 6, 0),
		"1y":         now.AddDate(1, 0, 0),
		"2027-03-31": time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC),
		"never":      {},
	} {
		got, err := docket.ParseTokenExpiry(in, now)
		if err != nil || !got.Equal(want) {
			t.Errorf("ParseTokenExpiry(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	// Nothing forgotten or mistyped becomes "never".
	for _, in := range []string{"", "0d", "-5d", "+5d", "5", "d", "5h", "5 d", "Never", "2026-12-06", "2020-01-01", "2027-02-30", "200y"} {
		if got, err := docket.ParseTokenExpiry(in, now); docket.ErrorCode(err) != docket.EINVALID {
			t.Errorf("ParseTokenExpiry(%q) = %v, %v; want invalid", in, got, err)
		}
	}
}

func TestToken_Viewer(t *testing.T) {
	alice := &docket.User{Name: "alice", Role: docket.Editor, Cleared: true, State: docket.UserActive}
	for _, c := range []struct {
		tok  docket.Token
		want docket.Viewer
	}{
		{docket.Token{Name: "ci", Role: docket.Researcher, Cleared: true}, docket.Viewer{Name: "ci", Role: docket.Researcher, Cleared: true}},
		// An account's token: the account's role and clearance, capped by the token's.
		{docket.Token{Name: "t", Role: docket.Admin, Cleared: true, User: "alice", Account: alice}, docket.Viewer{Name: "alice", Role: docket.Editor, Cleared: true}},
		{docket.Token{Name: "t", Role: docket.Reader, User: "alice", Account: alice}, docket.Viewer{Name: "alice", Role: docket.Reader}},
		{docket.Token{Name: "t", Role: docket.Admin, Cleared: true, User: "bob", Account: &docket.User{Name: "bob", Role: docket.Researcher, State: docket.UserActive}},
			docket.Viewer{Name: "bob", Role: docket.Researcher}},
		// Fail closed: no account read, another account, an account that is not active.
		{docket.Token{Name: "t", Role: docket.Admin, User: "alice"}, docket.AnonymousViewer},
		{docket.Token{Name: "t", Role: docket.Admin, User: "bob", Account: alice}, docket.AnonymousViewer},
		{docket.Token{Name: "t", Role: docket.Admin, User: "alice", Account: &docket.User{Name: "alice", Role: docket.Admin, State: docket.UserDisabled}}, docket.AnonymousViewer},
	} {
		if got := c.tok.Viewer(); got != c.want {
			t.Errorf("%+v.Viewer() = %+v, want %+v", c.tok, got, c.want)
		}
	}
}
