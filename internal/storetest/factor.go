package storetest

import (
	"strings"
	"testing"
	"time"

	"github.com/docketorg/docket"
)

func mustAccount(tb testing.TB, st docket.Store, name string, role docket.Role, cleared bool) docket.Viewer {
	tb.Helper()
	u := &docket.User{Name: name, Role: role, Cleared: cleared}
	if err := st.CreateUser(ctx, admin, u, hashA); err != nil {
		tb.Fatal(err)
	}
	return u.Viewer()
}

func testSecondFactors(t *testing.T, open Opener) {
	clock := NewClock()
	st := open(t, clock.Now, Rand(6))
	ana := mustAccount(t, st, "ana", docket.Editor, true)
	bek := mustAccount(t, st, "bek", docket.Reader, false)
	uncleared := docket.Viewer{Name: "root", Role: docket.Admin}
	key := []byte("0123456789abcdefghij")
	totp := &docket.SecondFactor{Kind: docket.FactorTOTP, Name: "phone", Secret: key}
	codes := []string{"h1", "h2", "h3"}

	t.Run("OwnOnly", func(t *testing.T) {
		// An admin, cleared or not, adds no device to someone else's account; nor does a token
		// that bears the account's name but not its author id.
		for _, v := range []docket.Viewer{admin, uncleared, bek, public, {Name: "ana", Role: docket.Admin, Cleared: true, Author: "a-0000000000000000"}} {
			err := st.AddSecondFactor(ctx, v, "ana", &docket.SecondFactor{Kind: docket.FactorTOTP, Secret: key}, nil)
			if code := docket.ErrorCode(err); code != docket.EFORBIDDEN && code != docket.EUNAUTHORIZED {
				t.Errorf("AddSecondFactor for ana as %+v: %v, want refused", v, err)
			}
		}
		if _, err := st.SecondFactorStatus(ctx, bek, "ana"); docket.ErrorCode(err) != docket.EFORBIDDEN {
			t.Errorf("SecondFactorStatus of another's account by a viewer: %v", err)
		}
		if st, _ := st.SecondFactorStatus(ctx, admin, "ana"); len(st.Factors) != 0 {
			t.Fatalf("refused additions added %d factors", len(st.Factors))
		}
	})

	t.Run("TOTP", func(t *testing.T) {
		if err := st.AddSecondFactor(ctx, ana, "ana", &docket.SecondFactor{Kind: docket.FactorTOTP, Secret: []byte("short")}, nil); docket.ErrorCode(err) != docket.EINVALID {
			t.Fatalf("a short key: %v", err)
		}
		if err := st.AddSecondFactor(ctx, ana, "ana", totp, codes); err != nil {
			t.Fatal(err)
		}
		s, err := st.SecondFactorStatus(ctx, ana, "ana")
		if err != nil || len(s.Factors) != 1 || s.RecoveryCodes != 3 || s.Factors[0].Name != "phone" || s.Factors[0].Secret != nil {
			t.Fatalf("status = %+v, %v (want one factor, without its key, and three codes)", s, err)
		}
		u, _, _ := st.PasswordHash(ctx, "ana")
		door, err := st.SignInFactors(ctx, u.ID)
		if err != nil || len(door.Factors) != 1 || string(door.Factors[0].Secret) != string(key) {
			t.Fatalf("SignInFactors = %+v, %v (want the key)", door, err)
		}
		id := door.Factors[0].ID
		if err := st.UseTOTP(ctx, u.ID, id, 1000); err != nil {
			t.Fatal(err)
		}
		// A code is good once: its step again, or an earlier one, is refused.
		for _, step := range []int64{1000, 999} {
			if err := st.UseTOTP(ctx, u.ID, id, step); docket.ErrorCode(err) != docket.ECONFLICT {
				t.Errorf("UseTOTP(step %d) after step 1000: %v, want ECONFLICT", step, err)
			}
		}
		if err := st.UseTOTP(ctx, u.ID, id, 1001); err != nil {
			t.Fatalf("the next step: %v", err)
		}
		b, _, _ := st.PasswordHash(ctx, "bek")
		if err := st.UseTOTP(ctx, b.ID, id, 2000); docket.ErrorCode(err) != docket.ECONFLICT {
			t.Errorf("another account's factor: %v", err)
		}
		left, err := st.UseRecoveryCode(ctx, u.ID, "h2")
		if err != nil || left != 2 {
			t.Fatalf("UseRecoveryCode = %d, %v", left, err)
		}
		if _, err := st.UseRecoveryCode(ctx, u.ID, "h2"); docket.ErrorCode(err) != docket.ENOTFOUND {
			t.Fatalf("a recovery code used twice: %v", err)
		}
		if _, err := st.UseRecoveryCode(ctx, b.ID, "h1"); docket.ErrorCode(err) != docket.ENOTFOUND {
			t.Fatalf("another's recovery code: %v", err)
		}
	})

	t.Run("WebAuthn", func(t *testing.T) {
		k := &docket.SecondFactor{Kind: docket.FactorWebAuthn, Name: "blue key", CredentialID: []byte{1, 2, 3}, Credential: []byte(`{"id":"AQID"}`)}
		if err := st.AddSecondFactor(ctx, ana, "ana", k, nil); err != nil {
			t.Fatal(err)
		}
		again := &docket.SecondFactor{Kind: docket.FactorWebAuthn, CredentialID: []byte{1, 2, 3}, Credential: []byte(`{}`)}
		if err := st.AddSecondFactor(ctx, bek, "bek", again, nil); docket.ErrorCode(err) != docket.ECONFLICT {
			t.Fatalf("a credential enrolled twice: %v", err)
		}
		u, _, _ := st.PasswordHash(ctx, "ana")
		if err := st.UseWebAuthn(ctx, u.ID, k.ID, []byte(`{"id":"AQID","n":2}`)); err != nil {
			t.Fatal(err)
		}
		door, _ := st.SignInFactors(ctx, u.ID)
		if len(door.Factors) != 2 || string(door.Factors[1].Credential) != `{"id":"AQID","n":2}` || door.Factors[1].LastUsedAt.IsZero() {
			t.Fatalf("after UseWebAuthn: %+v", door.Factors[1])
		}
	})

	t.Run("Policy", func(t *testing.T) {
		p, err := st.SecondFactorPolicy(ctx, uncleared)
		if err != nil || len(p.Roles) != 0 || p.Cleared {
			t.Fatalf("the default policy = %+v, %v: want none", p, err)
		}
		if _, err := st.SecondFactorPolicy(ctx, editor); docket.ErrorCode(err) != docket.EFORBIDDEN {
			t.Fatalf("SecondFactorPolicy as an editor: %v", err)
		}
		// Any admin asks more; only a cleared one asks less.
		if _, err := st.SetSecondFactorPolicy(ctx, uncleared, docket.SecondFactorPolicy{Roles: []docket.Role{docket.Admin, docket.Editor}, Cleared: true}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.SetSecondFactorPolicy(ctx, uncleared, docket.SecondFactorPolicy{Roles: []docket.Role{docket.Admin}, Cleared: true}); docket.ErrorCode(err) != docket.EFORBIDDEN {
			t.Fatalf("an uncleared admin asking less: %v", err)
		}
		if _, err := st.SetSecondFactorPolicy(ctx, editor, docket.SecondFactorPolicy{Roles: []docket.Role{docket.Admin, docket.Editor, docket.Reader}, Cleared: true}); docket.ErrorCode(err) != docket.EFORBIDDEN {
			t.Fatalf("an editor setting the policy: %v", err)
		}
		p, _ = st.SecondFactorPolicy(ctx, admin)
		if len(p.Roles) != 2 || p.Roles[0] != docket.Editor || p.Roles[1] != docket.Admin || !p.Cleared || p.UpdatedAt.IsZero() {
			t.Fatalf("policy = %+v", p)
		}
		s, _ := st.SecondFactorStatus(ctx, ana, "ana")
		if !s.Required {
			t.Fatal("the policy does not require ana's factor")
		}
		// The last factor of an account that must have one stays.
		if err := st.RemoveSecondFactor(ctx, ana, "ana", s.Factors[0].ID); err != nil {
			t.Fatal(err)
		}
		if err := st.RemoveSecondFactor(ctx, ana, "ana", s.Factors[1].ID); docket.ErrorCode(err) != docket.ECONFLICT {
			t.Fatalf("removing the last required factor: %v", err)
		}
		// Tightening the policy ends the sessions of those it now asks a factor of who have none.
		u, _, _ := st.PasswordHash(ctx, "bek")
		if err := st.CreateSession(ctx, u.ID, "bek-session", "csrf", clock.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if _, err := st.SetSecondFactorPolicy(ctx, admin, docket.SecondFactorPolicy{Roles: []docket.Role{docket.Reader}}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.FindSession(ctx, "bek-session"); docket.ErrorCode(err) != docket.EUNAUTHORIZED {
			t.Fatalf("bek's session after the policy asks a factor of viewers: %v", err)
		}
	})

	t.Run("Reset", func(t *testing.T) {
		if err := st.ResetSecondFactors(ctx, uncleared, "ana"); docket.ErrorCode(err) != docket.EFORBIDDEN {
			t.Fatalf("an uncleared admin resetting a cleared account: %v", err)
		}
		if err := st.ResetSecondFactors(ctx, uncleared, "bek"); err != nil {
			t.Fatalf("an admin resetting an account with no factors: %v", err)
		}
		if err := st.ResetSecondFactors(ctx, bek, "ana"); docket.ErrorCode(err) != docket.EFORBIDDEN {
			t.Fatalf("a viewer resetting: %v", err)
		}
		u, _, _ := st.PasswordHash(ctx, "ana")
		if err := st.CreateSession(ctx, u.ID, "ana-session", "csrf", clock.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := st.ResetSecondFactors(ctx, admin, "ana"); err != nil {
			t.Fatal(err)
		}
		if s, _ := st.SecondFactorStatus(ctx, admin, "ana"); len(s.Factors) != 0 || s.RecoveryCodes != 0 {
			t.Fatalf("after a reset: %+v", s)
		}
		if _, err := st.FindSession(ctx, "ana-session"); docket.ErrorCode(err) != docket.EUNAUTHORIZED {
			t.Fatalf("ana's session after a reset: %v", err)
		}
		var log []string
		for _, e := range events(t, st) {
			if strings.HasPrefix(e.Kind, "factor") || e.Kind == docket.SecPolicy {
				log = append(log, describe(e)+" "+e.Factor)
			}
		}
		want := []string{"factor.added ok ana→ana totp", "factor.added ok ana→ana webauthn", "second-factor.policy ok root→ ",
			"second-factor.policy refused root→ ", "second-factor.policy refused editor→ ", "factor.removed ok ana→ana totp",
			"factor.removed refused ana→ana ", "second-factor.policy ok admin→ ", "factor.reset refused root→ana ",
			"factor.reset ok root→bek ", "factor.reset refused bek→ana ", "factor.reset ok admin→ana "}
		if strings.Join(log, "\n") != strings.Join(want, "\n") {
			t.Fatalf("security log:\n%s\nwant:\n%s", strings.Join(log, "\n"), strings.Join(want, "\n"))
		}
	})

	t.Run("Pending", func(t *testing.T) {
		u, _, _ := st.PasswordHash(ctx, "bek")
		if err := st.CreatePendingSignIn(ctx, u.ID, "p1", clock.Now().Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		got, n, err := st.FindPendingSignIn(ctx, "p1")
		if err != nil || got.Name != "bek" || n != 0 {
			t.Fatalf("FindPendingSignIn = %v, %d, %v", got, n, err)
		}
		for i := 1; i <= 3; i++ {
			if n, err := st.FailPendingSignIn(ctx, "p1", 3); err != nil || n != i {
				t.Fatalf("failure %d: %d, %v", i, n, err)
			}
		}
		if _, _, err := st.FindPendingSignIn(ctx, "p1"); docket.ErrorCode(err) != docket.EUNAUTHORIZED {
			t.Fatalf("a pending sign-in after its last failure: %v", err)
		}
		// A pending sign-in is no session.
		if err := st.CreatePendingSignIn(ctx, u.ID, "p2", clock.Now().Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		if _, err := st.FindSession(ctx, "p2"); docket.ErrorCode(err) != docket.EUNAUTHORIZED {
			t.Fatalf("FindSession of a pending sign-in: %v", err)
		}
		if _, err := st.DisableUser(ctx, admin, "bek"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := st.FindPendingSignIn(ctx, "p2"); docket.ErrorCode(err) != docket.EUNAUTHORIZED {
			t.Fatalf("the pending sign-in of a disabled account: %v", err)
		}
	})

	t.Run("Ceremonies", func(t *testing.T) {
		u, _, _ := st.PasswordHash(ctx, "ana")
		if err := st.PutCeremony(ctx, "c1", u.ID, []byte("challenge"), clock.Now().Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		if _, err := st.TakeCeremony(ctx, "c1", "u-other"); docket.ErrorCode(err) != docket.ENOTFOUND {
			t.Fatalf("another user's ceremony: %v", err)
		}
		got, err := st.TakeCeremony(ctx, "c1", u.ID)
		if err != nil || string(got) != "challenge" {
			t.Fatalf("TakeCeremony = %q, %v", got, err)
		}
		if _, err := st.TakeCeremony(ctx, "c1", u.ID); docket.ErrorCode(err) != docket.ENOTFOUND {
			t.Fatalf("a ceremony taken twice: %v", err)
		}
		if err := st.PutCeremony(ctx, "c2", u.ID, []byte("old"), clock.Now().Add(-time.Second)); err != nil {
			t.Fatal(err)
		}
		if _, err := st.TakeCeremony(ctx, "c2", u.ID); docket.ErrorCode(err) != docket.ENOTFOUND {
			t.Fatalf("an expired ceremony: %v", err)
		}
	})
}
