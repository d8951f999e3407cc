package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/auth"
	"github.com/docketorg/docket/internal/sqlstore"
)

func (m *Main) runUser(ctx context.Context, args []string) error {
	f := m.newFlags("user", `
Usage: docket user add NAME --admin | --role ROLE [--cleared] [--password-file FILE]
       docket user grant NAME [--cleared | --uncleared] [--role ROLE]
       docket user passwd NAME [--password-file FILE]
       docket user disable NAME | enable NAME | remove NAME
       docket user list
       docket user factors NAME | reset-factors NAME
       docket user policy [--require ROLE,ROLE|none] [--cleared-staff | --no-cleared-staff]

Manages the accounts of the web interface. Roles: viewer (reads internal data), researcher
(also adds facts and sources), editor (also reviews, corrects and retracts), admin (also
manages accounts). A clearance for confidential data is granted apart from the role, with
--cleared. Without --password-file, add and passwd generate a password and print it once;
with it, the password is the first line of FILE (- for standard input): at least 12
characters, not a common password. Passwords are kept only as argon2id hashes. Changing a
role, a clearance or a password ends the user's sessions.

disable stops an account at once: it cannot sign in, its sessions end and its API tokens stop
working, until enable. remove ends it for good and revokes its tokens; the name is never
given to another account, so that history keeps meaning one person. The last active admin
can be neither.

Second factors (an authenticator app, a security key or passkey) are enrolled by each person
under Your account in the web. factors lists an account's; reset-factors removes them all,
with its recovery codes, and ends its sessions, for someone who lost theirs. policy shows or
sets whose sign-in needs a second factor: the roles of --require, and with --cleared-staff
everyone cleared for confidential data; those who have none enrol one at their next sign-in.
API tokens are not affected. Every change here is written to the security log (docket audit).

Examples:
  docket user add --admin ana
  docket user add bek --role researcher --password-file ./bek.txt
  docket user grant ana --cleared
  docket user passwd bek
  docket user disable bek
  docket user policy --require editor,admin --cleared-staff
  docket user reset-factors bek`, true)
	admin := f.Bool("admin", false, "the admin role (same as --role admin)")
	role := f.String("role", "", "viewer, researcher, editor or admin")
	cleared := f.Bool("cleared", false, "cleared for confidential data")
	uncleared := f.Bool("uncleared", false, "withdraw the clearance (grant)")
	pwFile := f.String("password-file", "", "read the password from the first line of `FILE` (- for standard input)")
	require := f.String("require", "", "policy: the `ROLES` whose sign-in needs a second factor, comma-separated, or none")
	clearedStaff := f.Bool("cleared-staff", false, "policy: require a second factor of everyone cleared for confidential data")
	noClearedStaff := f.Bool("no-cleared-staff", false, "policy: do not require it of the cleared as such")
	pos, err := f.parse(args, 1, 2)
	if err != nil {
		return err
	}
	sub := pos[0]
	need := map[string]int{"add": 2, "grant": 2, "passwd": 2, "disable": 2, "enable": 2, "remove": 2, "list": 1,
		"factors": 2, "reset-factors": 2, "policy": 1}
	n, ok := need[sub]
	if !ok {
		return docket.Errorf(docket.EINVALID, "unknown user command %q (want add, grant, passwd, disable, enable, remove, list, factors, reset-factors or policy)", sub)
	} else if len(pos) != n {
		fmt.Fprintf(m.Stderr, "docket user %s: wrong number of arguments; see docket user --help\n", sub)
		return errUsage
	}
	if *admin {
		if *role != "" && *role != "admin" {
			return docket.Errorf(docket.EINVALID, "--admin and --role %s contradict each other", *role)
		}
		*role = "admin"
	}
	db, err := f.open(sub != "list")
	if err != nil {
		return err
	}
	defer db.Close()
	op := f.operator()
	switch sub {
	case "list":
		us, err := db.FindUsers(ctx, op)
		if err != nil {
			return err
		}
		pol, err := db.SecondFactorPolicy(ctx, op)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tROLE\tCLEARED\tSTATE\tSECOND FACTORS\tCREATED")
		for _, u := range us {
			factors := fmt.Sprint(u.Factors)
			if u.Factors == 0 && pol.Requires(u) {
				factors = "0, required"
			}
			fmt.Fprintf(tw, "%s\t%s\t%v\t%s\t%s\t%s\n", u.Name, u.Role, u.Cleared, u.State, factors, u.CreatedAt.Format("2006-01-02"))
		}
		return tw.Flush()
	case "factors":
		st, err := db.SecondFactorStatus(ctx, op, pos[1])
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tKIND\tNAME\tADDED\tLAST USED")
		for _, fa := range st.Factors {
			used := "never"
			if !fa.LastUsedAt.IsZero() {
				used = fa.LastUsedAt.Format("2006-01-02 15:04")
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", fa.ID, fa.Kind, fa.Name, fa.CreatedAt.Format("2006-01-02"), used)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "%d unused recovery codes; a second factor is %s\n", st.RecoveryCodes, map[bool]string{true: "required of this account", false: "not required of it"}[st.Required])
		return nil
	case "reset-factors":
		if err := db.ResetSecondFactors(ctx, op, pos[1]); err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "the second factors and recovery codes of %s are removed and their sessions ended: they sign in with their password and, if the policy asks, enrol a new factor\n", pos[1])
		return nil
	case "policy":
		pol, err := db.SecondFactorPolicy(ctx, op)
		if err != nil {
			return err
		}
		if *clearedStaff && *noClearedStaff {
			return docket.Errorf(docket.EINVALID, "--cleared-staff and --no-cleared-staff contradict each other")
		}
		if *require != "" || *clearedStaff || *noClearedStaff {
			next := *pol
			if *require != "" {
				next.Roles = nil
				if *require != "none" {
					for _, name := range strings.Split(*require, ",") {
						r, err := docket.ParseRole(strings.TrimSpace(name))
						if err != nil {
							return prefixError(err, "--require")
						}
						next.Roles = append(next.Roles, r)
					}
				}
			}
			if *clearedStaff || *noClearedStaff {
				next.Cleared = *clearedStaff
			}
			if pol, err = db.SetSecondFactorPolicy(ctx, op, next); err != nil {
				return err
			}
		}
		fmt.Fprintf(m.Stdout, "second factor: %s\n", sqlstore.PolicyText(pol))
		return nil
	case "disable":
		if _, err := db.DisableUser(ctx, op, pos[1]); err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "user %s disabled: their sessions have ended and their tokens stop working\n", pos[1])
		return nil
	case "enable":
		if _, err := db.EnableUser(ctx, op, pos[1]); err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "user %s enabled: they may sign in again, and their tokens work again\n", pos[1])
		return nil
	case "remove":
		if err := db.RemoveUser(ctx, op, pos[1]); err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "user %s removed: their sessions have ended, their tokens are revoked, and the name stays taken\n", pos[1])
		return nil
	case "add":
		if *role == "" {
			return docket.Errorf(docket.EINVALID, "give the account a role: --admin or --role viewer|researcher|editor|admin")
		}
		r, err := docket.ParseRole(*role)
		if err != nil {
			return err
		}
		pw, generated, err := m.password(*pwFile)
		if err != nil {
			return err
		}
		hash, err := auth.HashPassword(pw, auth.DefaultParams)
		if err != nil {
			return err
		}
		u := &docket.User{Name: pos[1], Role: r, Cleared: *cleared}
		if err := db.CreateUser(ctx, op, u, hash); err != nil {
			return err
		}
		fmt.Fprintf(m.Stderr, "user %s (%s%s) added to %s\n", u.Name, u.Role, map[bool]string{true: ", cleared"}[u.Cleared], db.Path)
		if generated {
			fmt.Fprintf(m.Stderr, "its password, shown only now (change it under Your account once signed in):\n")
			fmt.Fprintln(m.Stdout, pw)
		}
		return nil
	case "grant":
		var upd docket.UserUpdate
		if *cleared && *uncleared {
			return docket.Errorf(docket.EINVALID, "--cleared and --uncleared contradict each other")
		}
		if *cleared || *uncleared {
			c := *cleared
			upd.Cleared = &c
		}
		if *role != "" {
			r, err := docket.ParseRole(*role)
			if err != nil {
				return err
			}
			upd.Role = &r
		}
		if upd.Cleared == nil && upd.Role == nil {
			return docket.Errorf(docket.EINVALID, "say what to grant: --cleared, --uncleared or --role ROLE")
		}
		u, err := db.UpdateUser(ctx, op, pos[1], upd)
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "user %s is now %s, %s; their sessions have ended\n", u.Name, u.Role, map[bool]string{true: "cleared for confidential data", false: "not cleared"}[u.Cleared])
		return nil
	case "passwd":
		pw, generated, err := m.password(*pwFile)
		if err != nil {
			return err
		}
		hash, err := auth.HashPassword(pw, auth.DefaultParams)
		if err != nil {
			return err
		}
		if err := db.SetPassword(ctx, op, pos[1], hash); err != nil {
			return err
		}
		fmt.Fprintf(m.Stderr, "password of %s changed; their sessions have ended\n", pos[1])
		if generated {
			fmt.Fprintf(m.Stderr, "the new password, shown only now:\n")
			fmt.Fprintln(m.Stdout, pw)
		}
	}
	return nil
}

// password reads a password from the first line of a file (- for standard input), or makes
// one when no file is given.
func (m *Main) password(file string) (pw string, generated bool, err error) {
	if file == "" {
		return auth.NewPassword(), true, nil
	}
	var r io.Reader = m.Stdin
	if file != "-" {
		f, err := os.Open(file)
		if err != nil {
			return "", false, err
		}
		defer f.Close()
		r = f
	}
	line, err := bufio.NewReader(io.LimitReader(r, 4096)).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", false, fmt.Errorf("read %s: %w", file, err)
	}
	pw = strings.TrimRight(line, "\r\n")
	if err := auth.CheckPassword(pw); err != nil {
		return "", false, docket.Errorf(docket.EINVALID, "--password-file %s: %s", file, docket.ErrorMessage(err))
	}
	return pw, false, nil
}
