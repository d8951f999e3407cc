package main

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/docketorg/docket"
)

func (m *Main) runAudit(ctx context.Context, args []string) error {
	f := m.newFlags("audit", `
Usage: docket audit [--kind KIND] [--outcome ok|failed|refused] [--user NAME] [--addr ADDRESS]
                    [--since DATE] [--until DATE] [--limit N] [--json]

Prints the security log, newest first: sign-ins and failed attempts (with the address, the
user agent and the factor), second factors enrolled, removed and reset, passwords set,
accounts made, changed, disabled and removed, API tokens made and revoked, refused attempts
at any of these, and the files written of the registry (exports, imports, bundles, WARC,
backups, copies). Admins read the same under Security in the web. The log is never public,
never in docket export, and travels in docket backup and docket copy.

Each entry is chained to the one before it by its hash: docket verify recomputes the chain
and names an entry altered or taken out. Entries taken off the end leave no trace in the
chain itself: the last line here gives the number of entries and the last hash, to note
elsewhere and compare later.

Kinds: `+strings.Join(docket.SecurityKinds, ", ")+`.

Examples:
  docket audit --outcome failed --since 2026-12-01
  docket audit --user ana --limit 20
  docket audit --kind sign-in --json`, true)
	f.jsonFlag()
	kind := f.String("kind", "", "only entries of this `KIND`")
	outcome := f.String("outcome", "", "only entries of this `OUTCOME`: ok, failed or refused")
	user := f.String("user", "", "only entries by or about this account or token `NAME`")
	addr := f.String("addr", "", "only entries from this client `ADDRESS`")
	since := f.String("since", "", "only entries on or after this `DATE` (YYYY-MM-DD, UTC)")
	until := f.String("until", "", "only entries on or before this `DATE` (YYYY-MM-DD, UTC)")
	limit := f.Int("limit", 100, "at most `N` entries (at most 1000)")
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	flt := docket.SecurityFilter{Kind: *kind, Outcome: *outcome, User: *user, Addr: *addr, Limit: *limit}
	if flt.Kind != "" && !slices.Contains(docket.SecurityKinds, flt.Kind) {
		return docket.Errorf(docket.EINVALID, "--kind %q: want one of %s", flt.Kind, strings.Join(docket.SecurityKinds, ", "))
	}
	if flt.Outcome != "" && flt.Outcome != docket.OutcomeOK && flt.Outcome != docket.OutcomeFailed && flt.Outcome != docket.OutcomeRefused {
		return docket.Errorf(docket.EINVALID, "--outcome %q: want ok, failed or refused", flt.Outcome)
	}
	if *limit < 1 || *limit > 1000 {
		return docket.Errorf(docket.EINVALID, "--limit %d: want 1 to 1000", *limit)
	}
	for _, d := range []struct {
		name, v string
		to      *time.Time
		add     int
	}{{"since", *since, &flt.Since, 0}, {"until", *until, &flt.Until, 1}} {
		if d.v == "" {
			continue
		}
		t, err := time.Parse("2006-01-02", d.v)
		if err != nil {
			return docket.Errorf(docket.EINVALID, "--%s %q: want a date, YYYY-MM-DD", d.name, d.v)
		}
		*d.to = t.AddDate(0, 0, d.add)
	}
	db, err := f.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	op := f.operator()
	es, err := db.FindSecurityEvents(ctx, op, flt)
	if err != nil {
		return err
	}
	n, head, err := db.SecurityLogHead(ctx, op)
	if err != nil {
		return err
	}
	if f.jsonOut {
		enc := json.NewEncoder(m.Stdout)
		for _, e := range es {
			if err := enc.Encode(e); err != nil {
				return err
			}
		}
	} else {
		tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "#\tTIME (UTC)\tKIND\tOUTCOME\tBY\tOF\tFACTOR\tFROM\tDETAIL")
		for _, e := range es {
			from := e.Via
			if e.Addr != "" {
				from += " " + e.Addr
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.Seq, e.Time.Format("2006-01-02 15:04:05"), e.Kind, e.Outcome,
				dash(e.Actor), dash(e.Subject), dash(e.Factor), dash(from), e.Detail)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	fmt.Fprintf(m.Stderr, "%d of %d entries; the last hash %s\n", len(es), n, dash(head))
	return nil
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
