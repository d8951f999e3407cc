package storetest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/docketorg/docket"
)

// The hashes are opaque to stores: tests need no real argon2id.
const (
	hashA = "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaC1vbmUtaGFzaC1vbmU"
	hashB = "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaC10d28taGFzaC10d28"
)

func testUsers(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(1))
	uncleared := docket.Viewer{Name: "root", Role: docket.Admin}

	t.Run("OK", func(t *testing.T) {
		u := &docket.User{Name: "alice", Role: docket.Editor}
		if err := st.CreateUser(ctx, admin, u, hashA); err != nil {
			t.Fatal(err)
		}
		if u.ID == "" || u.CreatedAt.IsZero() {
			t.Fatalf("CreateUser did not stamp the user: %+v", u)
		}
		got, hash, err := st.PasswordHash(ctx, "alice")
		if err != nil || got.ID != u.ID || got.Role != docket.Editor || got.Cleared || hash != hashA {
			t.Fatalf("PasswordHash(alice) = %+v, %q, %v", got, hash, err)
		}
		if !got.CreatedAt.Equal(u.CreatedAt) {
			t.Fatalf("created %v, want %v", got.CreatedAt, u.CreatedAt)
		}
		if err := st.SetPassword(ctx, got.Viewer(), "alice", hashB); err != nil {
			t.Fatalf("SetPassword of one's own: %v", err)
		}
		if _, hash, _ := st.PasswordHash(ctx, "alice"); hash != hashB {
			t.Fatalf("after SetPassword the hash is %q", hash)
		}
		cleared := true
		role := docket.Researcher
		got, err = st.UpdateUser(ctx, admin, "alice", docket.UserUpdate{Cleared: &cleared, Role: &role})
		if err != nil || !got.Cleared || got.Role != docket.Researcher {
			t.Fatalf("UpdateUser = %+v, %v", got, err)
		}
		if got, err := st.FindUserByName(ctx, got.Viewer(), "alice"); err != nil || !got.Cleared || got.Role != docket.Researcher {
			t.Fatalf("FindUserByName(own) = %+v, %v", got, err)
		}
		if err := st.CreateUser(ctx, admin, &docket.User{Name: "bob", Role: docket.Reader}, hashA); err != nil {
			t.Fatal(err)
		}
		us, err := st.FindUsers(ctx, admin)
		if err != nil || len(us) != 2 || us[0].Name != "alice" || us[1].Name != "bob" {
			t.Fatalf("FindUsers = %v, %v; want alice and bob", us, err)
		}
	})
	t.Run("ErrConflict", func(t *testing.T) {
		err := st.CreateUser(ctx, admin, &docket.User{Name: "alice", Role: docket.Reader}, hashA)
		wantCode(t, "CreateUser(alice) again", err, docket.ECONFLICT)
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		for _, u := range []*docket.User{{Name: "", Role: docket.Reader}, {Name: "a b", Role: docket.Reader}, {Name: "carol"}, {Name: strings.Repeat("x", 65), Role: docket.Reader}} {
			wantCode(t, fmt.Sprintf("CreateUser(%q, %s)", u.Name, u.Role), st.CreateUser(ctx, admin, u, hashA), docket.EINVALID)
		}
		wantCode(t, "CreateUser without a hash", st.CreateUser(ctx, admin, &docket.User{Name: "dave", Role: docket.Reader}, ""), docket.EINVALID)
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		wantCode(t, "CreateUser by an editor", st.CreateUser(ctx, editor, &docket.User{Name: "eve", Role: docket.Admin}, hashA), docket.EFORBIDDEN)
		wantCode(t, "CreateUser anonymously", st.CreateUser(ctx, public, &docket.User{Name: "eve", Role: docket.Admin}, hashA), docket.EUNAUTHORIZED)
		// No one grants a clearance they do not hold.
		wantCode(t, "CreateUser cleared by an uncleared admin", st.CreateUser(ctx, uncleared, &docket.User{Name: "eve", Role: docket.Reader, Cleared: true}, hashA), docket.EFORBIDDEN)
		yes := true
		_, err := st.UpdateUser(ctx, uncleared, "bob", docket.UserUpdate{Cleared: &yes})
		wantCode(t, "UpdateUser clearance by an uncleared admin", err, docket.EFORBIDDEN)
		_, err = st.UpdateUser(ctx, editor, "bob", docket.UserUpdate{})
		wantCode(t, "UpdateUser by an editor", err, docket.EFORBIDDEN)
		_, err = st.FindUsers(ctx, editor)
		wantCode(t, "FindUsers by an editor", err, docket.EFORBIDDEN)
		_, err = st.FindUserByName(ctx, docket.Viewer{Name: "bob", Role: docket.Reader}, "alice")
		wantCode(t, "FindUserByName(other) by a viewer", err, docket.EFORBIDDEN)
		wantCode(t, "SetPassword(other) by a viewer", st.SetPassword(ctx, docket.Viewer{Name: "bob", Role: docket.Reader}, "alice", hashA), docket.EFORBIDDEN)
		if _, hash, _ := st.PasswordHash(ctx, "alice"); hash != hashB {
			t.Fatal("a refused SetPassword changed the hash")
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, _, err := st.PasswordHash(ctx, "nobody")
		wantCode(t, "PasswordHash(nobody)", err, docket.ENOTFOUND)
		_, err = st.FindUserByName(ctx, admin, "nobody")
		wantCode(t, "FindUserByName(nobody)", err, docket.ENOTFOUND)
	})
	t.Run("NotExported", func(t *testing.T) {
		for _, export := range []string{ExportString(t, st, admin, false), ExportString(t, st, public, true)} {
			for _, secret := range []string{"alice", hashA, hashB, "argon2id"} {
				if strings.Contains(export, secret) {
					t.Fatalf("an export contains %q", secret)
				}
			}
		}
		if n := changes(t, st); n != 0 {
			t.Fatalf("accounts wrote %d changes to the change log; they are not records", n)
		}
	})
}

func testSessions(t *testing.T, open Opener) {
	clock := NewClock()
	st := open(t, clock.Now, Rand(1))
	u := &docket.User{Name: "alice", Role: docket.Editor}
	if err := st.CreateUser(ctx, admin, u, hashA); err != nil {
		t.Fatal(err)
	}
	far := clock.Now().Add(24 * time.Hour)
	for _, h := range []string{"h1", "h2"} {
		if err := st.CreateSession(ctx, u.ID, h, "csrf-"+h, far); err != nil {
			t.Fatal(err)
		}
	}
	s, err := st.FindSession(ctx, "h1")
	if err != nil || s.User.ID != u.ID || s.User.Role != docket.Editor || s.CSRF != "csrf-h1" || !s.ExpiresAt.Equal(far.UTC().Truncate(time.Microsecond)) {
		t.Fatalf("FindSession(h1) = %+v, %v", s, err)
	}
	_, err = st.FindSession(ctx, "nope")
	wantCode(t, "FindSession(unknown)", err, docket.EUNAUTHORIZED)

	// A session reads the user as stored now: a withdrawn role holds at once.
	role := docket.Reader
	if _, err := st.UpdateUser(ctx, admin, "alice", docket.UserUpdate{Role: &role}); err != nil {
		t.Fatal(err)
	}
	_, err = st.FindSession(ctx, "h1")
	wantCode(t, "FindSession after UpdateUser", err, docket.EUNAUTHORIZED)

	if err := st.CreateSession(ctx, u.ID, "h3", "c3", far); err != nil {
		t.Fatal(err)
	}
	if err := st.CreateSession(ctx, u.ID, "h4", "c4", far); err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteSession(ctx, "h3"); err != nil {
		t.Fatal(err)
	}
	_, err = st.FindSession(ctx, "h3")
	wantCode(t, "FindSession after DeleteSession", err, docket.EUNAUTHORIZED)
	if _, err := st.FindSession(ctx, "h4"); err != nil {
		t.Fatalf("logging out one session ended another: %v", err)
	}
	if err := st.DeleteUserSessions(ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	_, err = st.FindSession(ctx, "h4")
	wantCode(t, "FindSession after DeleteUserSessions", err, docket.EUNAUTHORIZED)

	// An expired session is no session.
	if err := st.CreateSession(ctx, u.ID, "h5", "c5", clock.Now().Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	for range 2000 {
		clock.Now()
	}
	_, err = st.FindSession(ctx, "h5")
	wantCode(t, "FindSession after expiry", err, docket.EUNAUTHORIZED)
	if err := st.SetPassword(ctx, admin, "alice", hashB); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(ExportString(t, st, admin, false), "csrf-h") {
		t.Fatal("the export holds a session")
	}
}

func testFacetedSearch(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(1))
	src := MustSource(t, st, "https://example.org/a")
	MustEntity(t, st, "Person", src, "name", "Gulnara Baiturova", "country", "kz")
	MustEntity(t, st, "Event", src, "name", "Baiturova acquits", "type", "verdict", "date", "2019-02-06")
	MustEntity(t, st, "Event", src, "name", "Baiturova removed", "type", "dismissal", "date", "2020-03")
	// Hidden from all but the cleared: a confidential witness of the same name.
	w := &docket.Entity{Schema: "Person", Sensitivity: docket.Confidential}
	if err := st.CreateEntity(ctx, admin, w, []*docket.Statement{
		{Property: "name", Value: "Witness Baiturova", Source: src.ID, Sensitivity: docket.Confidential},
		{Property: "country", Value: "by", Source: src.ID, Sensitivity: docket.Confidential},
	}); err != nil {
		t.Fatal(err)
	}
	// An internal draft date: staff count it, the public does not.
	ev := mustSearchOne(t, st, "removed")
	if err := st.AddStatements(ctx, admin, []*docket.Statement{{Entity: ev, Property: "date", Value: "2021", Sensitivity: docket.Internal}}); err != nil {
		t.Fatal(err)
	}
	count := func(res *docket.SearchResults, facet, val string) int {
		for _, fv := range res.Facets[facet] {
			if fv.Value == val {
				return fv.Count
			}
		}
		return 0
	}
	for _, v := range viewers {
		res, err := st.FacetedSearch(ctx, v, docket.FacetQuery{Q: "Bayturova"})
		if err != nil {
			t.Fatal(err)
		}
		wantTotal, wantPersons, wantBY, want2021, wantDraft := 3, 1, 0, 0, 0
		if v.Cleared {
			wantTotal, wantPersons, wantBY = 4, 2, 1
		}
		if v.SeesDrafts() {
			want2021, wantDraft = 1, 1
		}
		if res.Total != wantTotal || len(res.Hits) != wantTotal || count(res, "schema", "Person") != wantPersons || count(res, "schema", "Event") != 2 ||
			count(res, "country", "by") != wantBY || count(res, "country", "kz") != 1 || count(res, "year", "2019") != 1 || count(res, "year", "2021") != want2021 ||
			count(res, "status", "draft") != wantDraft || count(res, "type", "verdict") != 1 {
			t.Fatalf("FacetedSearch(Bayturova) as %s (cleared %v) = total %d, facets %v", v.Role, v.Cleared, res.Total, res.Facets)
		}
		// Narrowed by a facet: the other facets count the narrowed hits, the facet itself the
		// hits of the others, so one can switch.
		res, err = st.FacetedSearch(ctx, v, docket.FacetQuery{Q: "Bayturova", Schema: "Event", Year: "2020"})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 1 || res.Hits[0].Entity.Schema != "Event" || count(res, "schema", "Person") != 0 || count(res, "year", "2019") != 1 || count(res, "type", "dismissal") != 1 || count(res, "type", "verdict") != 0 {
			t.Fatalf("FacetedSearch(Bayturova, Event, 2020) as %s = total %d, facets %v", v.Role, res.Total, res.Facets)
		}
		// No query: every entity v may see, narrowed.
		res, err = st.FacetedSearch(ctx, v, docket.FacetQuery{Country: "by"})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != wantBY {
			t.Fatalf("FacetedSearch(country by) as %s: %d, want %d", v.Role, res.Total, wantBY)
		}
	}
	res, err := st.FacetedSearch(ctx, public, docket.FacetQuery{Q: "Baiturova", Limit: 1, Offset: 1})
	if err != nil || res.Total != 3 || len(res.Hits) != 1 {
		t.Fatalf("FacetedSearch page 2 of 1 = %+v, %v", res, err)
	}
	// More matches than are counted: the result says over how many the facets were counted,
	// and pages through those.
	for i := range 320 {
		MustEntity(t, st, "Person", src, "name", fmt.Sprintf("Zhaksylyk %03d", i))
	}
	res, err = st.FacetedSearch(ctx, public, docket.FacetQuery{Q: "Zhaksylyk"})
	if err != nil || !res.Capped || res.Counted == 0 || res.Counted >= 320 || res.Total != res.Counted || count(res, "schema", "Person") != res.Counted {
		t.Fatalf("FacetedSearch(320 matches) = capped %v, counted %d, total %d, %v", res.Capped, res.Counted, res.Total, err)
	}
	// A public record merged into a confidential one: its public statements still match, but
	// the record they now belong to is hidden from all but the cleared, counted or listed.
	hidden := &docket.Entity{Schema: "Person", Sensitivity: docket.Confidential}
	if err := st.CreateEntity(ctx, admin, hidden, []*docket.Statement{{Property: "name", Value: "Kazbek Source", Source: src.ID, Sensitivity: docket.Confidential}}); err != nil {
		t.Fatal(err)
	}
	merged := MustEntity(t, st, "Person", src, "name", "Kazbek Ormonov", "country", "kg")
	if _, err := st.MergeEntities(ctx, admin, hidden.ID, merged.ID, "the same person"); err != nil {
		t.Fatal(err)
	}
	for _, v := range viewers {
		res, err := st.FacetedSearch(ctx, v, docket.FacetQuery{Q: "Ormonov"})
		want := 0
		if v.Cleared {
			want = 1
		}
		if err != nil || res.Total != want || len(res.Hits) != want || count(res, "country", "kg") != want {
			t.Errorf("FacetedSearch(Ormonov, merged into a confidential record) as %s (cleared %v) = %+v, %v; want %d", v.Role, v.Cleared, res, err, want)
		}
	}
}

func mustSearchOne(tb testing.TB, st docket.Store, q string) string {
	tb.Helper()
	hits, err := st.Search(ctx, admin, docket.SearchQuery{Q: q})
	if err != nil || len(hits) != 1 {
		tb.Fatalf("Search(%q) = %d hits, %v; want 1", q, len(hits), err)
	}
	return hits[0].Entity.ID
}

func testNewestChanges(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(1))
	src := MustSource(t, st, "https://example.org/a")
	var ids []string
	for i := range 5 {
		ids = append(ids, MustEntity(t, st, "Person", src, "name", fmt.Sprintf("Person %d", i)).ID)
	}
	// Something the public may not see, newest of all.
	if err := st.CreateEntity(ctx, admin, &docket.Entity{Schema: "Person", Sensitivity: docket.Confidential},
		[]*docket.Statement{{Property: "name", Value: "Hidden", Sensitivity: docket.Confidential}}); err != nil {
		t.Fatal(err)
	}
	// An entity with only an internal statement: the public may not learn it exists.
	internalOnly := &docket.Entity{Schema: "Person"}
	if err := st.CreateEntity(ctx, admin, internalOnly, []*docket.Statement{{Property: "name", Value: "Staff Only", Sensitivity: docket.Internal, Source: src.ID}}); err != nil {
		t.Fatal(err)
	}
	all, err := st.FindChanges(ctx, public, docket.ChangeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range all {
		if c.Ref == internalOnly.ID || c.Entity == internalOnly.ID {
			t.Fatalf("the public sees change %d (%s) of an entity with nothing public", c.Seq, c.Kind)
		}
	}
	newest, err := st.FindChanges(ctx, public, docket.ChangeFilter{Newest: true, Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(newest) != 3 || newest[0].Seq != all[len(all)-1].Seq || newest[2].Seq != all[len(all)-3].Seq {
		t.Fatalf("FindChanges(Newest, 3) = %d changes from seq %d, want the 3 newest the public sees", len(newest), newest[0].Seq)
	}
	page2, err := st.FindChanges(ctx, public, docket.ChangeFilter{Newest: true, Limit: 3, Offset: 3})
	if err != nil || len(page2) != 3 || page2[0].Seq != all[len(all)-4].Seq {
		t.Fatalf("FindChanges(Newest, 3, offset 3) = %d, %v", len(page2), err)
	}
	mine, err := st.FindChanges(ctx, cleared, docket.ChangeFilter{Newest: true, Limit: 1})
	if err != nil || len(mine) != 1 || mine[0].Ref == ids[4] {
		t.Fatalf("the cleared viewer's newest change is not the newest entity: %v %v", mine, err)
	}
}

func testAccounts(t *testing.T, open Opener) {
	clock := NewClock()
	st := open(t, clock.Now, Rand(1))
	plain := docket.Viewer{Name: "plain", Role: docket.Admin} // an admin without clearance
	for _, u := range []*docket.User{
		{Name: "root", Role: docket.Admin, Cleared: true},
		{Name: "plain", Role: docket.Admin},
		{Name: "alice", Role: docket.Editor, Cleared: true},
		{Name: "bob", Role: docket.Researcher},
	} {
		if err := st.CreateUser(ctx, admin, u, hashA); err != nil {
			t.Fatal(err)
		}
	}
	mustState := func(t *testing.T, name string, want docket.UserState) {
		t.Helper()
		u, err := st.FindUserByName(ctx, admin, name)
		if err != nil || u.State != want {
			t.Fatalf("FindUserByName(%s) = %+v, %v; want %s", name, u, err, want)
		}
	}
	mustState(t, "alice", docket.UserActive)

	t.Run("UnclearedAdminAndClearedAccount", func(t *testing.T) {
		role := docket.Reader
		_, err := st.UpdateUser(ctx, plain, "alice", docket.UserUpdate{Role: &role})
		wantCode(t, "UpdateUser(role of a cleared account) by an uncleared admin", err, docket.EFORBIDDEN)
		wantCode(t, "SetPassword(cleared account) by an uncleared admin", st.SetPassword(ctx, plain, "alice", hashB), docket.EFORBIDDEN)
		if u, hash, _ := st.PasswordHash(ctx, "alice"); hash != hashA || u.Role != docket.Editor {
			t.Fatal("a refused change to a cleared account changed it")
		}
		// The same admin may change an account without clearance.
		if _, err := st.UpdateUser(ctx, plain, "bob", docket.UserUpdate{Role: &role}); err != nil {
			t.Fatalf("UpdateUser(bob) by an uncleared admin: %v", err)
		}
		if err := st.SetPassword(ctx, plain, "bob", hashB); err != nil {
			t.Fatalf("SetPassword(bob) by an uncleared admin: %v", err)
		}
		// A cleared user changes their own password.
		if err := st.SetPassword(ctx, docket.Viewer{Name: "alice", Role: docket.Editor, Cleared: true}, "alice", hashB); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("Disable", func(t *testing.T) {
		u, _, _ := st.PasswordHash(ctx, "alice")
		far := clock.Now().Add(time.Hour)
		if err := st.CreateSession(ctx, u.ID, "alice-1", "c", far); err != nil {
			t.Fatal(err)
		}
		// Any admin may stop any account: a phished one must be stoppable by whoever notices.
		got, err := st.DisableUser(ctx, plain, "alice")
		if err != nil || got.State != docket.UserDisabled {
			t.Fatalf("DisableUser(alice) by an uncleared admin = %+v, %v", got, err)
		}
		mustState(t, "alice", docket.UserDisabled)
		_, err = st.FindSession(ctx, "alice-1")
		wantCode(t, "FindSession of a disabled account", err, docket.EUNAUTHORIZED)
		// A session made as the account was being disabled does not work either.
		if err := st.CreateSession(ctx, u.ID, "alice-2", "c", far); err != nil {
			t.Fatal(err)
		}
		_, err = st.FindSession(ctx, "alice-2")
		wantCode(t, "FindSession made for a disabled account", err, docket.EUNAUTHORIZED)
		// Signing in to it is signing in to no one.
		_, _, err = st.PasswordHash(ctx, "alice")
		wantCode(t, "PasswordHash(disabled)", err, docket.ENOTFOUND)
		if _, err := st.DisableUser(ctx, admin, "alice"); err != nil {
			t.Fatalf("DisableUser twice: %v", err)
		}
		us, err := st.FindUsers(ctx, admin)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range us {
			if want := map[bool]docket.UserState{true: docket.UserDisabled, false: docket.UserActive}[u.Name == "alice"]; u.State != want {
				t.Errorf("FindUsers: %s is %s, want %s", u.Name, u.State, want)
			}
		}
		_, err = st.DisableUser(ctx, editor, "bob")
		wantCode(t, "DisableUser by an editor", err, docket.EFORBIDDEN)
	})

	t.Run("Enable", func(t *testing.T) {
		_, err := st.EnableUser(ctx, plain, "alice")
		wantCode(t, "EnableUser(cleared account) by an uncleared admin", err, docket.EFORBIDDEN)
		mustState(t, "alice", docket.UserDisabled)
		if got, err := st.EnableUser(ctx, docket.Viewer{Name: "root", Role: docket.Admin, Cleared: true}, "alice"); err != nil || got.State != docket.UserActive {
			t.Fatalf("EnableUser(alice) = %+v, %v", got, err)
		}
		if _, hash, err := st.PasswordHash(ctx, "alice"); err != nil || hash != hashB {
			t.Fatalf("PasswordHash after EnableUser: %q, %v", hash, err)
		}
		// Disabling ended the sessions, rather than suspending them: enabling gives none back,
		// or a phisher's session would come back with the account.
		_, err = st.FindSession(ctx, "alice-1")
		wantCode(t, "FindSession of a session from before DisableUser, after EnableUser", err, docket.EUNAUTHORIZED)
	})

	t.Run("Remove", func(t *testing.T) {
		wantCode(t, "RemoveUser(cleared account) by an uncleared admin", st.RemoveUser(ctx, plain, "alice"), docket.EFORBIDDEN)
		mustState(t, "alice", docket.UserActive)
		wantCode(t, "RemoveUser by an editor", st.RemoveUser(ctx, editor, "bob"), docket.EFORBIDDEN)
		u, _, _ := st.PasswordHash(ctx, "bob")
		if err := st.CreateSession(ctx, u.ID, "bob-1", "c", clock.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := st.RemoveUser(ctx, plain, "bob"); err != nil {
			t.Fatalf("RemoveUser(bob) by an admin: %v", err)
		}
		_, err := st.FindSession(ctx, "bob-1")
		wantCode(t, "FindSession of a removed account", err, docket.EUNAUTHORIZED)
		_, _, err = st.PasswordHash(ctx, "bob")
		wantCode(t, "PasswordHash(removed)", err, docket.ENOTFOUND)
		_, err = st.FindUserByName(ctx, admin, "bob")
		wantCode(t, "FindUserByName(removed)", err, docket.ENOTFOUND)
		_, err = st.EnableUser(ctx, admin, "bob")
		wantCode(t, "EnableUser(removed)", err, docket.ENOTFOUND)
		us, _ := st.FindUsers(ctx, admin)
		for _, u := range us {
			if u.Name == "bob" {
				t.Fatal("FindUsers lists a removed account")
			}
		}
		// The name is not given to someone else with bob's history.
		err = st.CreateUser(ctx, admin, &docket.User{Name: "bob", Role: docket.Reader}, hashA)
		wantCode(t, "CreateUser with a removed account's name", err, docket.ECONFLICT)
		if !strings.Contains(docket.ErrorMessage(err), "removed") {
			t.Fatalf("the refusal does not say why: %q", docket.ErrorMessage(err))
		}
	})

	t.Run("LastAdmin", func(t *testing.T) {
		root := docket.Viewer{Name: "root", Role: docket.Admin, Cleared: true}
		if _, err := st.DisableUser(ctx, root, "plain"); err != nil {
			t.Fatal(err)
		}
		// root is now the only active admin: a disabled admin does not count.
		_, err := st.DisableUser(ctx, root, "root")
		wantCode(t, "DisableUser(the last active admin)", err, docket.ECONFLICT)
		wantCode(t, "RemoveUser(the last active admin)", st.RemoveUser(ctx, root, "root"), docket.ECONFLICT)
		role := docket.Editor
		_, err = st.UpdateUser(ctx, root, "root", docket.UserUpdate{Role: &role})
		wantCode(t, "UpdateUser(the last active admin, editor)", err, docket.ECONFLICT)
		mustState(t, "root", docket.UserActive)
		if _, err := st.EnableUser(ctx, root, "plain"); err != nil {
			t.Fatal(err)
		}
		if _, err := st.DisableUser(ctx, root, "root"); err != nil {
			t.Fatalf("DisableUser(root) with another admin: %v", err)
		}
	})
}

// testSignInFailures: the sign-in throttle's memory keeps failures by key, reads those of a
// window, forgets the old ones as new ones come, and a success clears an account's.
func testSignInFailures(t *testing.T, open Opener) {
	clock := NewClock()
	st := open(t, clock.Now, Rand(5))
	t0 := clock.Now()
	for i := range 3 {
		if err := st.RecordSignInFailure(ctx, []string{"u:bob", "a:192.0.2.1"}, t0.Add(time.Duration(i)*time.Minute), t0.Add(-time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	got, err := st.SignInFailures(ctx, "u:bob", t0.Add(-time.Second))
	if err != nil || len(got) != 3 || !got[0].Equal(t0) || !got[2].Equal(t0.Add(2*time.Minute)) {
		t.Fatalf("SignInFailures = %v, %v; want 3, oldest first", got, err)
	}
	if got, _ := st.SignInFailures(ctx, "u:bob", t0.Add(90*time.Second)); len(got) != 1 {
		t.Fatalf("failures since the second: %v, want the third alone", got)
	}
	if got, _ := st.SignInFailures(ctx, "u:alice", t0.Add(-time.Hour)); len(got) != 0 {
		t.Fatalf("another account's failures: %v", got)
	}
	// A later failure forgets those before its window.
	if err := st.RecordSignInFailure(ctx, []string{"u:carol"}, t0.Add(time.Hour), t0.Add(90*time.Second)); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.SignInFailures(ctx, "a:192.0.2.1", t0.Add(-time.Hour)); len(got) != 1 {
		t.Fatalf("after a sweep: %v, want the failure inside the window", got)
	}
	if err := st.ClearSignInFailures(ctx, "u:bob"); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.SignInFailures(ctx, "u:bob", t0.Add(-time.Hour)); len(got) != 0 {
		t.Fatalf("after a success: %v", got)
	}
	if got, _ := st.SignInFailures(ctx, "a:192.0.2.1", t0.Add(-time.Hour)); len(got) != 1 {
		t.Fatalf("a success cleared the address's failures: %v", got)
	}
}
