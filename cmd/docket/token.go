package main

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/docketorg/docket"
)

func (m *Main) runToken(ctx context.Context, args []string) error {
	f := m.newFlags("token", `
Usage: docket token add NAME [--role ROLE] [--cleared] [--user ACCOUNT] [--expires WHEN]
       docket token list [--json]
       docket token revoke NAME

Manages API tokens; a client sends one as "Authorization: Bearer TOKEN". add prints the
token once (only a hash is kept) and when it expires: in 90 days, unless --expires gives a
term (30d, 12w, 6m, 1y), a date (YYYY-MM-DD, from the start of that day in UTC) or never,
which must be said to make a token that never expires. --cleared lets it see confidential
data. With --user it acts for that account, with the account's role and clearance capped by
its own, and stops working when the account is disabled or removed. Names are unique among
live tokens. list shows every token with its state (active, expired, revoked, or disabled
with its account) and last use, to the minute; never a secret. revoke ends a token from its
next request on.

Examples:
  docket token add newsroom --role editor
  docket token add ci --role researcher --expires 12w
  docket token add ana-laptop --role editor --user ana --expires 2027-06-30
  docket token list
  docket token revoke newsroom`, true)
	role := f.String("role", "viewer", "viewer, researcher, editor or admin")
	cleared := f.Bool("cleared", false, "cleared for confidential data")
	user := f.String("user", "", "the `ACCOUNT` the token acts for")
	expires := f.String("expires", docket.DefaultTokenLife, "when it expires: a term (30d, 12w, 6m, 1y), a date YYYY-MM-DD, or never")
	f.jsonFlag()
	pos, err := f.parse(args, 1, 2)
	if err != nil {
		return err
	}
	sub := pos[0]
	need := map[string]int{"add": 2, "list": 1, "revoke": 2}
	if n, ok := need[sub]; !ok {
		return docket.Errorf(docket.EINVALID, "unknown token command %q (want add, list or revoke)", sub)
	} else if len(pos) != n {
		fmt.Fprintf(m.Stderr, "docket token %s: wrong number of arguments; see docket token --help\n", sub)
		return errUsage
	}
	db, err := f.open(sub == "add")
	if err != nil {
		return err
	}
	defer db.Close()
	op := f.operator()
	switch sub {
	case "list":
		ts, err := db.FindTokens(ctx, op)
		if err != nil {
			return err
		}
		if f.jsonOut {
			out := make([]tokenJSON, 0, len(ts))
			for _, t := range ts {
				out = append(out, newTokenJSON(t))
			}
			return writeJSON(m.Stdout, out)
		}
		tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tROLE\tCLEARED\tACCOUNT\tCREATED\tEXPIRES\tLAST USED\tSTATE")
		for _, t := range ts {
			fmt.Fprintf(tw, "%s\t%s\t%v\t%s\t%s\t%s\t%s\t%s\n", t.Name, t.Role, t.Cleared, or(t.User, "-"),
				stamp(t.CreatedAt, ""), stamp(t.ExpiresAt, "never"), stamp(t.LastUsedAt, "-"), t.State)
		}
		return tw.Flush()
	case "revoke":
		if err := db.RevokeToken(ctx, op, pos[1]); err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "token %s revoked; it stops working from its next request on\n", pos[1])
		return nil
	}
	r, err := docket.ParseRole(*role)
	if err != nil {
		return err
	}
	until, err := docket.ParseTokenExpiry(*expires, time.Now())
	if err != nil {
		return docket.Errorf(docket.EINVALID, "--expires: %s", docket.ErrorMessage(err))
	}
	t := &docket.Token{Name: pos[1], Role: r, Cleared: *cleared, User: *user, ExpiresAt: until}
	secret, err := db.CreateToken(ctx, op, t)
	if err != nil {
		return err
	}
	var who string
	if t.Cleared {
		who = ", cleared"
	}
	if t.User != "" {
		who += ", for " + t.User
	}
	fmt.Fprintf(m.Stderr, "token %s (%s%s); %s; it is shown only now:\n", t.Name, t.Role, who, expiryText(t.ExpiresAt))
	fmt.Fprintln(m.Stdout, secret)
	return nil
}

// tokenJSON is a token as token list --json writes it: roles by name, and no secret or hash,
// which the store never gives out anyway.
type tokenJSON struct {
	Name     string            `json:"name"`
	Role     string            `json:"role"`
	Cleared  bool              `json:"cleared"`
	User     string            `json:"user,omitempty"`
	Created  time.Time         `json:"created"`
	Expires  *time.Time        `json:"expires"` // null: never
	LastUsed *time.Time        `json:"last_used"`
	Revoked  *time.Time        `json:"revoked,omitempty"`
	State    docket.TokenState `json:"state"`
}

func newTokenJSON(t *docket.Token) tokenJSON {
	opt := func(x time.Time) *time.Time {
		if x.IsZero() {
			return nil
		}
		return &x
	}
	return tokenJSON{Name: t.Name, Role: t.Role.String(), Cleared: t.Cleared, User: t.User, Created: t.CreatedAt,
		Expires: opt(t.ExpiresAt), LastUsed: opt(t.LastUsedAt), Revoked: opt(t.RevokedAt), State: t.State}
}

// stamp formats a moment for a table, to the minute in UTC, or zero as none.
func stamp(t time.Time, none string) string {
	if t.IsZero() {
		return none
	}
	return t.UTC().Format("2006-01-02 15:04")
}

func expiryText(t time.Time) string {
	if t.IsZero() {
		return "it never expires"
	}
	return "it expires " + t.UTC().Format("2006-01-02 15:04 UTC")
}

func or(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}
