package storetest

import (
	"strings"
	"testing"
	"time"

	"github.com/docketorg/docket"
)

// Advance moves the clock on by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// MustToken makes a token and returns its secret.
func MustToken(tb testing.TB, st docket.Store, v docket.Viewer, t *docket.Token) string {
	tb.Helper()
	secret, err := st.CreateToken(ctx, v, t)
	if err != nil {
		tb.Fatalf("CreateToken(%s): %v", t.Name, err)
	}
	return secret
}

// findToken returns the token of a name from FindTokens, the newest of that name.
func findToken(tb testing.TB, st docket.Store, name string) *docket.Token {
	tb.Helper()
	ts, err := st.FindTokens(ctx, admin)
	if err != nil {
		tb.Fatal(err)
	}
	var got *docket.Token
	for _, t := range ts {
		if t.Name == name {
			got = t
		}
	}
	if got == nil {
		tb.Fatalf("FindTokens lacks %s", name)
	}
	return got
}

// wantBadToken checks that a secret does not authenticate, with the answer every bad token
// gets: the message of an unknown one.
func wantBadToken(tb testing.TB, st docket.Store, what, secret string) {
	tb.Helper()
	_, err := st.FindTokenBySecret(ctx, secret)
	wantCode(tb, what, err, docket.EUNAUTHORIZED)
	_, unknown := st.FindTokenBySecret(ctx, "dkt_no-such-token")
	if docket.ErrorMessage(err) != docket.ErrorMessage(unknown) {
		tb.Fatalf("%s: %q, but an unknown token gets %q: a bad token must not say which it is", what, docket.ErrorMessage(err), docket.ErrorMessage(unknown))
	}
}

func testTokens(t *testing.T, open Opener) {
	clock := NewClock()
	st := open(t, clock.Now, Rand(1))
	uncleared := docket.Viewer{Name: "root", Role: docket.Admin}

	t.Run("OK", func(t *testing.T) {
		expires := clock.Now().Add(90 * 24 * time.Hour)
		tok := &docket.Token{Name: "ci", Role: docket.Editor, ExpiresAt: expires}
		secret := MustToken(t, st, admin, tok)
		if tok.ID == "" || tok.CreatedAt.IsZero() || !strings.HasPrefix(secret, "dkt_") {
			t.Fatalf("CreateToken did not stamp the token: %+v, secret %q", tok, secret)
		}
		got, err := st.FindTokenBySecret(ctx, secret)
		if err != nil || got.ID != tok.ID || got.Role != docket.Editor || got.Cleared || got.State != docket.TokenActive || got.User != "" {
			t.Fatalf("FindTokenBySecret = %+v, %v", got, err)
		}
		// It writes as an author of its own.
		if v := got.Viewer(); v != (docket.Viewer{Name: "ci", Author: got.Author, Role: docket.Editor}) || !docket.IsAuthorID(v.Author) {
			t.Fatalf("a token of no account acts as %+v, want under its own name and author", v)
		}
		if !got.ExpiresAt.Equal(expires.Truncate(time.Microsecond)) || !got.CreatedAt.Equal(tok.CreatedAt) {
			t.Fatalf("times: expires %v created %v, want %v and %v", got.ExpiresAt, got.CreatedAt, expires, tok.CreatedAt)
		}
	})

	t.Run("Expiry", func(t *testing.T) {
		secret := MustToken(t, st, admin, &docket.Token{Name: "short", Role: docket.Reader, ExpiresAt: clock.Now().Add(time.Hour)})
		if _, err := st.FindTokenBySecret(ctx, secret); err != nil {
			t.Fatalf("a token before its expiry: %v", err)
		}
		clock.Advance(time.Hour)
		wantBadToken(t, st, "an expired token", secret)
		if got := findToken(t, st, "short"); got.State != docket.TokenExpired {
			t.Fatalf("an expired token's state is %q", got.State)
		}
		// An expired token's name is free again.
		MustToken(t, st, admin, &docket.Token{Name: "short", Role: docket.Reader, ExpiresAt: clock.Now().Add(time.Hour)})
	})

	t.Run("NeverExpires", func(t *testing.T) {
		secret := MustToken(t, st, admin, &docket.Token{Name: "forever", Role: docket.Reader})
		clock.Advance(20 * 365 * 24 * time.Hour)
		if _, err := st.FindTokenBySecret(ctx, secret); err != nil {
			t.Fatalf("a token made never to expire, twenty years on: %v", err)
		}
		if err := st.RevokeToken(ctx, admin, "forever"); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("Revoke", func(t *testing.T) {
		secret := MustToken(t, st, admin, &docket.Token{Name: "leaked", Role: docket.Editor, ExpiresAt: clock.Now().Add(time.Hour)})
		_, err := st.CreateToken(ctx, admin, &docket.Token{Name: "leaked", Role: docket.Reader, ExpiresAt: clock.Now().Add(time.Hour)})
		wantCode(t, "CreateToken with a live token's name", err, docket.ECONFLICT)
		// Any admin may revoke, cleared or not: stopping a leaked token must not wait.
		if err := st.RevokeToken(ctx, uncleared, "leaked"); err != nil {
			t.Fatalf("RevokeToken: %v", err)
		}
		wantBadToken(t, st, "a revoked token", secret)
		if got := findToken(t, st, "leaked"); got.State != docket.TokenRevoked || got.RevokedAt.IsZero() {
			t.Fatalf("a revoked token: %+v", got)
		}
		wantCode(t, "RevokeToken twice", st.RevokeToken(ctx, admin, "leaked"), docket.ENOTFOUND)
		wantCode(t, "RevokeToken(unknown)", st.RevokeToken(ctx, admin, "nothing"), docket.ENOTFOUND)
		// The name is free again; the new token is not the revoked one.
		again := MustToken(t, st, admin, &docket.Token{Name: "leaked", Role: docket.Reader, ExpiresAt: clock.Now().Add(time.Hour)})
		if _, err := st.FindTokenBySecret(ctx, again); err != nil {
			t.Fatal(err)
		}
		wantBadToken(t, st, "the revoked token after its name was reused", secret)
	})

	t.Run("LastUse", func(t *testing.T) {
		secret := MustToken(t, st, admin, &docket.Token{Name: "used", Role: docket.Reader, ExpiresAt: clock.Now().Add(time.Hour)})
		if got := findToken(t, st, "used"); !got.LastUsedAt.IsZero() {
			t.Fatalf("an unused token was last used at %v", got.LastUsedAt)
		}
		if _, err := st.FindTokenBySecret(ctx, secret); err != nil {
			t.Fatal(err)
		}
		first := findToken(t, st, "used").LastUsedAt
		if first.IsZero() {
			t.Fatal("a use was not recorded")
		}
		// Within the minute: no write.
		clock.Advance(30 * time.Second)
		if _, err := st.FindTokenBySecret(ctx, secret); err != nil {
			t.Fatal(err)
		}
		if got := findToken(t, st, "used").LastUsedAt; !got.Equal(first) {
			t.Fatalf("a use 30 s later was written (%v, first %v): at most one write a minute", got, first)
		}
		clock.Advance(time.Minute)
		if _, err := st.FindTokenBySecret(ctx, secret); err != nil {
			t.Fatal(err)
		}
		if got := findToken(t, st, "used").LastUsedAt; !got.After(first.Add(time.Minute)) {
			t.Fatalf("a use 90 s later was not recorded: %v, first %v", got, first)
		}
	})

	t.Run("Account", func(t *testing.T) {
		for _, u := range []*docket.User{{Name: "alice", Role: docket.Editor, Cleared: true}, {Name: "root", Role: docket.Admin}, {Name: "zed", Role: docket.Admin}} {
			if err := st.CreateUser(ctx, admin, u, hashA); err != nil {
				t.Fatal(err)
			}
		}
		exp := clock.Now().Add(24 * time.Hour)
		wide := MustToken(t, st, admin, &docket.Token{Name: "alice-wide", Role: docket.Admin, Cleared: true, User: "alice", ExpiresAt: exp})
		narrow := MustToken(t, st, admin, &docket.Token{Name: "alice-narrow", Role: docket.Reader, User: "alice", ExpiresAt: exp})
		viewerOf := func(secret string) docket.Viewer {
			t.Helper()
			tok, err := st.FindTokenBySecret(ctx, secret)
			if err != nil {
				t.Fatal(err)
			}
			return tok.Viewer()
		}
		// The account's role and clearance, capped by the token's; writes are the account's.
		alice, err := st.FindUserByName(ctx, admin, "alice")
		if err != nil || !docket.IsAuthorID(alice.Author) {
			t.Fatalf("alice: %+v, %v", alice, err)
		}
		if v := viewerOf(wide); v != (docket.Viewer{Name: "alice", Author: alice.Author, Role: docket.Editor, Cleared: true}) {
			t.Fatalf("an admin token of an editor acts as %+v", v)
		}
		if v := viewerOf(narrow); v != (docket.Viewer{Name: "alice", Author: alice.Author, Role: docket.Reader}) {
			t.Fatalf("a viewer token of a cleared editor acts as %+v", v)
		}
		// The account as it is now: a withdrawn clearance holds for its tokens at once.
		no := false
		if _, err := st.UpdateUser(ctx, admin, "alice", docket.UserUpdate{Cleared: &no}); err != nil {
			t.Fatal(err)
		}
		if v := viewerOf(wide); v.Cleared {
			t.Fatal("a token keeps a clearance its account lost")
		}
		if _, err := st.DisableUser(ctx, admin, "alice"); err != nil {
			t.Fatal(err)
		}
		wantBadToken(t, st, "a token of a disabled account", wide)
		if got := findToken(t, st, "alice-wide"); got.State != docket.TokenDisabled || got.User != "alice" {
			t.Fatalf("a token of a disabled account: %+v", got)
		}
		_, err = st.CreateToken(ctx, admin, &docket.Token{Name: "alice-3", Role: docket.Reader, User: "alice", ExpiresAt: exp})
		wantCode(t, "CreateToken for a disabled account", err, docket.ECONFLICT)
		if _, err := st.EnableUser(ctx, admin, "alice"); err != nil {
			t.Fatal(err)
		}
		if _, err := st.FindTokenBySecret(ctx, wide); err != nil {
			t.Fatalf("a token of an account enabled again: %v", err)
		}
		if err := st.RemoveUser(ctx, admin, "alice"); err != nil {
			t.Fatal(err)
		}
		wantBadToken(t, st, "a token of a removed account", narrow)
		if got := findToken(t, st, "alice-narrow"); got.State != docket.TokenRevoked {
			t.Fatalf("a token of a removed account is %q, want revoked", got.State)
		}
		_, err = st.CreateToken(ctx, admin, &docket.Token{Name: "ghost", Role: docket.Reader, User: "nobody", ExpiresAt: exp})
		wantCode(t, "CreateToken for an unknown account", err, docket.ENOTFOUND)
		// A token that names an account it was not read with is no one.
		if v := (&docket.Token{Name: "x", Role: docket.Admin, User: "root"}).Viewer(); v != docket.AnonymousViewer {
			t.Fatalf("a token without its account acts as %+v", v)
		}
	})

	t.Run("ErrForbidden", func(t *testing.T) {
		exp := clock.Now().Add(time.Hour)
		_, err := st.CreateToken(ctx, editor, &docket.Token{Name: "x", Role: docket.Admin, ExpiresAt: exp})
		wantCode(t, "CreateToken by an editor", err, docket.EFORBIDDEN)
		_, err = st.CreateToken(ctx, public, &docket.Token{Name: "x", Role: docket.Reader, ExpiresAt: exp})
		wantCode(t, "CreateToken anonymously", err, docket.EUNAUTHORIZED)
		// No one grants a clearance they do not hold.
		_, err = st.CreateToken(ctx, uncleared, &docket.Token{Name: "x", Role: docket.Reader, Cleared: true, ExpiresAt: exp})
		wantCode(t, "CreateToken cleared by an uncleared admin", err, docket.EFORBIDDEN)
		// Nor a way into a cleared account: its token writes as its holder.
		if err := st.CreateUser(ctx, admin, &docket.User{Name: "carol", Role: docket.Editor, Cleared: true}, hashA); err != nil {
			t.Fatal(err)
		}
		_, err = st.CreateToken(ctx, uncleared, &docket.Token{Name: "x", Role: docket.Reader, User: "carol", ExpiresAt: exp})
		wantCode(t, "CreateToken for a cleared account by an uncleared admin", err, docket.EFORBIDDEN)
		_, err = st.FindTokens(ctx, editor)
		wantCode(t, "FindTokens by an editor", err, docket.EFORBIDDEN)
		MustToken(t, st, admin, &docket.Token{Name: "kept", Role: docket.Reader, ExpiresAt: exp})
		wantCode(t, "RevokeToken by an editor", st.RevokeToken(ctx, editor, "kept"), docket.EFORBIDDEN)
		if got := findToken(t, st, "kept"); got.State != docket.TokenActive {
			t.Fatal("a refused RevokeToken revoked the token")
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		for _, tok := range []*docket.Token{
			{Name: "past", Role: docket.Reader, ExpiresAt: clock.Now().Add(-time.Second)},
			{Name: " ", Role: docket.Reader},
			{Name: "norole"},
		} {
			_, err := st.CreateToken(ctx, admin, tok)
			wantCode(t, "CreateToken("+tok.Name+")", err, docket.EINVALID)
		}
	})

	t.Run("NotExported", func(t *testing.T) {
		secret := MustToken(t, st, admin, &docket.Token{Name: "secret", Role: docket.Reader})
		if strings.Contains(ExportString(t, st, admin, false), secret) || strings.Contains(ExportString(t, st, admin, false), "alice-wide") {
			t.Fatal("export contains a token")
		}
		if n := changes(t, st); n != 0 {
			t.Fatalf("tokens wrote %d changes to the change log; they are not records", n)
		}
	})
}
