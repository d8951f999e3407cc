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
)

func (m *Main) runUser(ctx context.Context, args []string) error {
	f := m.newFlags("user", `
Usage: docket user add NAME --admin | --role ROLE [--cleared] [--password-file FILE]
       docket user grant NAME [--cleared | --uncleared] [--role ROLE]
       docket user passwd NAME [--password-file FILE]
       docket user disable NAME | enable NAME | remove NAME
       docket user list

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

Examples:
  docket user add --admin ana
  docket user add bek --role researcher --password-file ./bek.txt
  docket user grant ana --cleared
  docket user passwd bek
  docket user disable bek`, true)
	admin := f.Bool("admin", false, "the admin role (same as --role admin)")
	role := f.String("role", "", "viewer, researcher, editor or admin")
	cleared := f.Bool("cleared", false, "cleared for confidential data")
	uncleared := f.Bool("uncleared", false, "withdraw the clearance (grant)")
	pwFile := f.String("password-file", "", "read the password from the first line of `FILE` (- for standard input)")
	pos, err := f.parse(args, 1, 2)
	if err != nil {
		return err
	}
	sub := pos[0]
	need := map[string]int{"add": 2, "grant": 2, "passwd": 2, "disable": 2, "enable": 2, "remove": 2, "list": 1}
	n, ok := need[sub]
	if !ok {
		return docket.Errorf(docket.EINVALID, "unknown user command %q (want add, grant, passwd, disable, enable, remove or list)", sub)
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
		tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tROLE\tCLEARED\tSTATE\tCREATED")
		for _, u := range us {
			fmt.Fprintf(tw, "%s\t%s\t%v\t%s\t%s\n", u.Name, u.Role, u.Cleared, u.State, u.CreatedAt.Format("2006-01-02"))
		}
		return tw.Flush()
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
