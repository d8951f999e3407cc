package storetest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/docketorg/docket"
)

// events reads the whole security log, oldest first, as the operator.
func events(tb testing.TB, st docket.Store) []*docket.SecurityEvent {
	tb.Helper()
	var out []*docket.SecurityEvent
	if err := st.ReadSecurityLog(ctx, admin, func(e *docket.SecurityEvent) error { out = append(out, e); return nil }); err != nil {
		tb.Fatal(err)
	}
	return out
}

// describe is an event as the tests compare it: kind, outcome, actor, subject.
func describe(e *docket.SecurityEvent) string {
	return fmt.Sprintf("%s %s %s→%s", e.Kind, e.Outcome, e.Actor, e.Subject)
}

func testSecurityLog(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(3))
	web := docket.WithRequestInfo(ctx, docket.RequestInfo{Via: docket.ViaWeb, Addr: "192.0.2.7", UserAgent: "Firefox\x1b[31m"})
	uncleared := docket.Viewer{Name: "root", Role: docket.Admin}

	// Every account change is logged in its own transaction, with where it came from.
	if err := st.CreateUser(web, admin, &docket.User{Name: "ana", Role: docket.Editor, Cleared: true}, hashA); err != nil {
		t.Fatal(err)
	}
	role := docket.Admin
	if _, err := st.UpdateUser(web, admin, "ana", docket.UserUpdate{Role: &role}); err != nil {
		t.Fatal(err)
	}
	if err := st.SetPassword(web, admin, "ana", hashB); err != nil {
		t.Fatal(err)
	}
	if err := st.CreateUser(ctx, admin, &docket.User{Name: "bek", Role: docket.Reader}, hashA); err != nil {
		t.Fatal(err)
	}
	if _, err := st.DisableUser(ctx, admin, "bek"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.EnableUser(ctx, admin, "bek"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateToken(ctx, admin, &docket.Token{Name: "ci", Role: docket.Reader, ExpiresAt: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	if err := st.RevokeToken(ctx, admin, "ci"); err != nil {
		t.Fatal(err)
	}
	// Refused: an uncleared admin changing a cleared account; nothing changes, the log says so.
	if err := st.SetPassword(web, uncleared, "ana", hashA); docket.ErrorCode(err) != docket.EFORBIDDEN {
		t.Fatalf("SetPassword of a cleared account by an uncleared admin: %v", err)
	}
	if _, h, _ := st.PasswordHash(ctx, "ana"); h != hashB {
		t.Fatal("a refused SetPassword changed the hash")
	}
	if err := st.RemoveUser(ctx, admin, "bek"); err != nil {
		t.Fatal(err)
	}
	if err := st.LogSecurity(web, &docket.SecurityEvent{Kind: docket.SecSignIn, Outcome: docket.OutcomeFailed, Subject: "ana", Factor: "password"}); err != nil {
		t.Fatal(err)
	}

	got := events(t, st)
	var kinds []string
	for _, e := range got {
		kinds = append(kinds, describe(e))
	}
	want := []string{
		"account.created ok admin→ana", "account.changed ok admin→ana", "password ok admin→ana",
		"account.created ok admin→bek", "account.disabled ok admin→bek", "account.enabled ok admin→bek",
		"token.created ok admin→ci", "token.revoked ok admin→ci", "password refused root→ana",
		"account.removed ok admin→bek", "sign-in failed →ana",
	}
	if strings.Join(kinds, "\n") != strings.Join(want, "\n") {
		t.Fatalf("security log:\n%s\nwant:\n%s", strings.Join(kinds, "\n"), strings.Join(want, "\n"))
	}
	for i, e := range got {
		if e.Seq != int64(i+1) || e.Hash == "" || e.Time.IsZero() {
			t.Errorf("entry %d: seq %d, hash %q, time %v", i, e.Seq, e.Hash, e.Time)
		}
	}
	if e := got[1]; e.Via != docket.ViaWeb || e.Addr != "192.0.2.7" || e.UserAgent != "Firefox[31m" || !strings.Contains(e.Detail, "editor") || !strings.Contains(e.Detail, "admin") {
		t.Errorf("role change: %+v (want the request's way in, address, user agent without its escape, and both roles)", e)
	}
	if e := got[8]; !strings.Contains(e.Detail, "only a cleared admin") {
		t.Errorf("the refusal says %q", e.Detail)
	}

	t.Run("Find", func(t *testing.T) {
		for _, v := range []docket.Viewer{public, reader, editor, cleared} {
			_, err := st.FindSecurityEvents(ctx, v, docket.SecurityFilter{})
			if code := docket.ErrorCode(err); code != docket.EUNAUTHORIZED && code != docket.EFORBIDDEN {
				t.Errorf("FindSecurityEvents as %s: %v, want refused", v.Name, err)
			}
		}
		if _, err := st.FindSecurityEvents(ctx, uncleared, docket.SecurityFilter{}); err != nil {
			t.Errorf("FindSecurityEvents as an uncleared admin: %v", err)
		}
		for _, c := range []struct {
			f    docket.SecurityFilter
			want []int64
		}{
			{docket.SecurityFilter{}, []int64{11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}},
			{docket.SecurityFilter{User: "bek"}, []int64{10, 6, 5, 4}},
			{docket.SecurityFilter{Kind: docket.SecPassword}, []int64{9, 3}},
			{docket.SecurityFilter{Outcome: docket.OutcomeRefused}, []int64{9}},
			{docket.SecurityFilter{Addr: "192.0.2.7"}, []int64{11, 9, 3, 2, 1}},
			{docket.SecurityFilter{Before: 4, Limit: 2}, []int64{3, 2}},
			{docket.SecurityFilter{Since: got[3].Time, Until: got[5].Time}, []int64{5, 4}},
		} {
			es, err := st.FindSecurityEvents(ctx, admin, c.f)
			if err != nil {
				t.Fatal(err)
			}
			var seqs []int64
			for _, e := range es {
				seqs = append(seqs, e.Seq)
			}
			if fmt.Sprint(seqs) != fmt.Sprint(c.want) {
				t.Errorf("FindSecurityEvents(%+v) = %v, want %v", c.f, seqs, c.want)
			}
		}
	})

	t.Run("Verify", func(t *testing.T) {
		if ps, err := st.VerifySecurityLog(ctx); err != nil || len(ps) != 0 {
			t.Fatalf("VerifySecurityLog = %v, %v", ps, err)
		}
		n, head, err := st.SecurityLogHead(ctx, admin)
		if err != nil || n != 11 || head != got[10].Hash {
			t.Fatalf("SecurityLogHead = %d, %s, %v", n, head, err)
		}
	})

	t.Run("Copy", func(t *testing.T) {
		dst := open(t, NewClock().Now, Rand(4))
		i := 0
		next := func() (*docket.SecurityEvent, error) {
			if i == len(got) {
				return nil, nil
			}
			i++
			return got[i-1], nil
		}
		if _, err := dst.CopySecurityLog(ctx, uncleared, next); docket.ErrorCode(err) != docket.EFORBIDDEN {
			t.Fatalf("CopySecurityLog by an uncleared admin: %v", err)
		}
		// An entry altered on the way is refused, and nothing is written.
		forged := *got[4]
		forged.Detail = "nothing happened"
		copied := append(append(append([]*docket.SecurityEvent{}, got[:4]...), &forged), got[5:]...)
		j := 0
		if _, err := dst.CopySecurityLog(ctx, admin, func() (*docket.SecurityEvent, error) {
			if j == len(copied) {
				return nil, nil
			}
			j++
			return copied[j-1], nil
		}); docket.ErrorCode(err) != docket.EINVALID || !strings.Contains(err.Error(), "entry 5") {
			t.Fatalf("copying a forged entry: %v, want EINVALID naming entry 5", err)
		}
		if n, _, _ := dst.SecurityLogHead(ctx, admin); n != 0 {
			t.Fatalf("a refused copy left %d entries", n)
		}
		n, err := dst.CopySecurityLog(ctx, admin, next)
		if err != nil || n != int64(len(got)) {
			t.Fatalf("CopySecurityLog = %d, %v", n, err)
		}
		_, h1, _ := st.SecurityLogHead(ctx, admin)
		_, h2, _ := dst.SecurityLogHead(ctx, admin)
		if h1 != h2 {
			t.Fatalf("heads differ after a copy: %s, %s", h1, h2)
		}
		// Appending goes on from the copied chain.
		if err := dst.LogSecurity(ctx, &docket.SecurityEvent{Kind: docket.SecRestore}); err != nil {
			t.Fatal(err)
		}
		if ps, err := dst.VerifySecurityLog(ctx); err != nil || len(ps) != 0 {
			t.Fatalf("VerifySecurityLog after a copy and an entry = %v, %v", ps, err)
		}
		i = 0
		if _, err := dst.CopySecurityLog(ctx, admin, next); docket.ErrorCode(err) != docket.ECONFLICT {
			t.Fatalf("copying into a log that has entries: %v, want ECONFLICT", err)
		}
	})
}

// TamperSecurityLog alters the security log behind the store's back, as someone holding its
// files would, and holds VerifySecurityLog to naming what was done.
func TamperSecurityLog(t *testing.T, open RawOpener) {
	for _, c := range []struct {
		name, sql string
		want      string
		n         int // problems: one for the entry altered, and one for the next when its hash was replaced
	}{
		{"altered", `UPDATE security_log SET subject = 'someone' WHERE seq = 3`, "security log entry 3: its hash does not follow", 1},
		{"removed", `DELETE FROM security_log WHERE seq = 2`, "security log entry 3: entries 2 to 2 are missing", 1},
		{"rehashed", `UPDATE security_log SET detail = 'x', hash = (SELECT hash FROM security_log WHERE seq = 1) WHERE seq = 2`, "security log entry 2: its hash does not follow", 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			st, exec, _ := open(t, NewClock().Now, Rand(5))
			for _, n := range []string{"u1", "u2", "u3", "u4"} {
				if err := st.CreateUser(ctx, admin, &docket.User{Name: n, Role: docket.Reader}, hashA); err != nil {
					t.Fatal(err)
				}
			}
			if ps, err := st.VerifySecurityLog(ctx); err != nil || len(ps) != 0 {
				t.Fatalf("before: %v, %v", ps, err)
			}
			if err := exec(c.sql); err != nil {
				t.Fatal(err)
			}
			ps, err := st.VerifySecurityLog(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(ps) != c.n || !strings.HasPrefix(ps[0].What+": "+ps[0].Why, c.want) {
				t.Fatalf("VerifySecurityLog = %v, want %d problems, the first %q", ps, c.n, c.want)
			}
		})
	}
}

// testSecurityLogApart: what the security log records grows neither the published ledger
// (no new leaf, so /checkpoint reveals no staff activity and anonymous failures cannot swell
// the witnessed log) nor the export (export, import, export stays byte-identical).
func testSecurityLogApart(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(8))
	script(t, st)
	key := TestKey(t)
	before, err := st.Checkpoint(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	export := ExportString(t, st, admin, false)

	web := docket.WithRequestInfo(ctx, docket.RequestInfo{Via: docket.ViaWeb, Addr: "192.0.2.9"})
	for range 3 {
		if err := st.LogSecurity(web, &docket.SecurityEvent{Kind: docket.SecSignIn, Outcome: docket.OutcomeFailed, Subject: "nobody", Factor: "password"}); err != nil {
			t.Fatal(err)
		}
	}
	ana := mustAccount(t, st, "ana", docket.Editor, false)
	if err := st.AddSecondFactor(ctx, ana, "ana", &docket.SecondFactor{Kind: docket.FactorTOTP, Name: "phone", Secret: []byte("01234567890123456789")}, []string{"h1"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SetSecondFactorPolicy(ctx, admin, docket.SecondFactorPolicy{Roles: []docket.Role{docket.Editor}}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateToken(ctx, admin, &docket.Token{Name: "ci", Role: docket.Reader}); err != nil {
		t.Fatal(err)
	}
	if err := st.RevokeToken(ctx, admin, "ci"); err != nil {
		t.Fatal(err)
	}
	if err := st.ResetSecondFactors(ctx, admin, "ana"); err != nil {
		t.Fatal(err)
	}
	if n := len(events(t, st)); n < 9 {
		t.Fatalf("the security log has %d entries, want at least 9", n)
	}

	after, err := st.Checkpoint(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	if after.Size != before.Size || after.Note != before.Note {
		t.Errorf("the ledger grew with the security log: size %d, then %d", before.Size, after.Size)
	}
	if got := ExportString(t, st, admin, false); got != export {
		t.Error("the full export changed with the security log")
	}
}
