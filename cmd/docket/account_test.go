package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/docketorg/docket"
)

// runIn runs a command on a data directory and fails unless it exits with code.
func runIn(tb testing.TB, code int, stdin, data string, args ...string) (stdout, stderr string) {
	tb.Helper()
	got, out, errs := run(tb, stdin, append(args, "--data", data)...)
	if got != code {
		tb.Fatalf("docket %s: exit %d, want %d\n%s%s", strings.Join(args, " "), got, code, out, errs)
	}
	return out, errs
}

// tokenWorks reports whether a token authenticates against the store at data, as the server
// asks on every request.
func tokenWorks(tb testing.TB, data, secret string) bool {
	tb.Helper()
	db, err := openStore("sqlite:"+filepath.Join(data, "docket.db"), false, false)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	_, err = db.FindTokenBySecret(context.Background(), secret)
	if err != nil && docket.ErrorCode(err) != docket.EUNAUTHORIZED {
		tb.Fatal(err)
	}
	return err == nil
}

func TestToken(t *testing.T) {
	d := filepath.Join(t.TempDir(), "data")
	secret, errs := runIn(t, 0, "", d, "token", "add", "ci", "--role", "editor")
	secret = strings.TrimSpace(secret)
	if !strings.HasPrefix(secret, "dkt_") {
		t.Fatalf("token add printed %q, want the secret", secret)
	}
	// 90 days is the default, and the expiry is said.
	want := time.Now().UTC().AddDate(0, 0, 90).Format("2006-01-02")
	if !strings.Contains(errs, "it expires "+want) {
		t.Fatalf("token add says %q, want the expiry %s", errs, want)
	}
	if _, errs := runIn(t, 1, "", d, "token", "add", "ci", "--role", "viewer"); !strings.Contains(errs, "live token ci") {
		t.Fatalf("a second token named ci: %s", errs)
	}
	if _, errs := runIn(t, 0, "", d, "token", "add", "forever", "--expires", "never"); !strings.Contains(errs, "never expires") {
		t.Fatalf("token add --expires never says %q", errs)
	}
	if _, errs := runIn(t, 0, "", d, "token", "add", "term", "--expires", "2w"); !strings.Contains(errs, time.Now().UTC().AddDate(0, 0, 14).Format("2006-01-02")) {
		t.Fatalf("token add --expires 2w says %q", errs)
	}
	for _, bad := range []string{"0d", "", "2020-01-01", "soon"} {
		if _, errs := runIn(t, 1, "", d, "token", "add", "bad", "--expires", bad); !strings.Contains(errs, "--expires") {
			t.Errorf("--expires %q: %s", bad, errs)
		}
	}
	runIn(t, 1, "", d, "token", "add", "ghost", "--user", "nobody")
	runIn(t, 1, "", d, "token", "frobnicate", "x")
	runIn(t, 2, "", d, "token", "add")

	// A token of an account acts for it, and stops with it.
	runIn(t, 0, "a long password of ana\n", d, "user", "add", "ana", "--admin", "--cleared", "--password-file", "-")
	runIn(t, 0, "a long password of bek\n", d, "user", "add", "bek", "--role", "researcher", "--password-file", "-")
	bekToken, errs := runIn(t, 0, "", d, "token", "add", "bek-laptop", "--role", "editor", "--user", "bek", "--expires", "30d")
	bekToken = strings.TrimSpace(bekToken)
	if !strings.Contains(errs, "for bek") || !tokenWorks(t, d, bekToken) {
		t.Fatalf("token add --user bek: %s", errs)
	}

	out, _ := runIn(t, 0, "", d, "token", "list")
	for _, want := range []string{"NAME", "LAST USED", "STATE", "ci", "editor", "forever", "never", "bek-laptop", "bek", "active"} {
		if !strings.Contains(out, want) {
			t.Errorf("token list lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "dkt_") {
		t.Fatalf("token list shows a secret:\n%s", out)
	}
	if !regexp.MustCompile(`(?m)^bek-laptop .*\d\d:\d\d +active`).MatchString(out) {
		t.Errorf("token list does not show bek-laptop's last use:\n%s", out)
	}

	runIn(t, 0, "", d, "user", "disable", "bek")
	if tokenWorks(t, d, bekToken) {
		t.Fatal("a token of a disabled account still works")
	}
	out, _ = runIn(t, 0, "", d, "token", "list", "--json")
	var list []map[string]any
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("token list --json: %v\n%s", err, out)
	}
	states := map[string]any{}
	for _, tok := range list {
		states[tok["name"].(string)] = tok["state"]
		if tok["name"] == "forever" && tok["expires"] != nil {
			t.Errorf("a token that never expires has expires %v, want null", tok["expires"])
		}
		if tok["name"] == "ci" && tok["role"] != "editor" {
			t.Errorf("ci's role is %v, want editor", tok["role"])
		}
	}
	if states["ci"] != "active" || states["bek-laptop"] != "disabled" {
		t.Errorf("states in token list --json: %v", states)
	}
	if strings.Contains(out, "dkt_") || strings.Contains(out, "hash") {
		t.Fatalf("token list --json shows a secret or a hash:\n%s", out)
	}

	// Revoking holds at once, and says so.
	if !tokenWorks(t, d, secret) {
		t.Fatal("the token ci does not work")
	}
	if out, _ := runIn(t, 0, "", d, "token", "revoke", "ci"); !strings.Contains(out, "revoked") {
		t.Fatalf("token revoke says %q", out)
	}
	if tokenWorks(t, d, secret) {
		t.Fatal("a revoked token still works")
	}
	runIn(t, 1, "", d, "token", "revoke", "ci")
	if out, _ := runIn(t, 0, "", d, "token", "list"); !regexp.MustCompile(`(?m)^ci .*revoked`).MatchString(out) {
		t.Fatalf("token list after revoke:\n%s", out)
	}
}

func TestUser(t *testing.T) {
	d := filepath.Join(t.TempDir(), "data")
	// The password policy holds on the command line.
	for pw, want := range map[string]string{"too short\n": "at least 12", "administrator\n": "common", "            \n": "spaces or invisible"} {
		if _, errs := runIn(t, 1, pw, d, "user", "add", "ana", "--admin", "--password-file", "-"); !strings.Contains(errs, want) {
			t.Errorf("user add with password %q: %s; want it to say %q", pw, errs, want)
		}
	}
	runIn(t, 0, "ａｎａ's long password\n", d, "user", "add", "ana", "--admin", "--cleared", "--password-file", "-")
	pw, _ := runIn(t, 0, "", d, "user", "add", "bek", "--role", "researcher")
	if len(strings.TrimSpace(pw)) != 20 {
		t.Fatalf("user add without a password file printed %q, want a generated password", pw)
	}
	runIn(t, 1, "short\n", d, "user", "passwd", "bek", "--password-file", "-")

	out, _ := runIn(t, 0, "", d, "user", "list")
	if !regexp.MustCompile(`(?m)^bek +researcher +false +active`).MatchString(out) || !strings.Contains(out, "STATE") {
		t.Fatalf("user list:\n%s", out)
	}
	if out, _ := runIn(t, 0, "", d, "user", "disable", "bek"); !strings.Contains(out, "disabled") {
		t.Fatalf("user disable says %q", out)
	}
	if out, _ := runIn(t, 0, "", d, "user", "list"); !regexp.MustCompile(`(?m)^bek .* disabled`).MatchString(out) {
		t.Fatalf("user list after disable:\n%s", out)
	}
	runIn(t, 0, "", d, "user", "enable", "bek")
	if out, _ := runIn(t, 0, "", d, "user", "list"); !regexp.MustCompile(`(?m)^bek .* active`).MatchString(out) {
		t.Fatalf("user list after enable:\n%s", out)
	}
	// The last active admin stays.
	for _, sub := range []string{"disable", "remove"} {
		if _, errs := runIn(t, 1, "", d, "user", sub, "ana"); !strings.Contains(errs, "last active admin") {
			t.Errorf("user %s of the last admin: %s", sub, errs)
		}
	}
	runIn(t, 0, "", d, "user", "remove", "bek")
	if out, _ := runIn(t, 0, "", d, "user", "list"); strings.Contains(out, "bek") {
		t.Fatalf("user list shows a removed account:\n%s", out)
	}
	if _, errs := runIn(t, 1, "", d, "user", "add", "bek", "--role", "viewer"); !strings.Contains(errs, "removed") {
		t.Fatalf("reusing a removed account's name: %s", errs)
	}
	runIn(t, 1, "", d, "user", "enable", "bek")
	runIn(t, 1, "", d, "user", "frobnicate", "bek")
}
