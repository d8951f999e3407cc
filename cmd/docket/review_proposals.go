package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/docketorg/docket"
)

// runReviewProposals is docket review: with no arguments it lists the open proposals (draft
// statements with a source, as docket ingest writes them); with a statement and accept,
// reject or edit it settles one; with a statement and a status it records that review, as
// it always did.
func (m *Main) runReviewProposals(ctx context.Context, args []string) error {
	f := m.newFlags("review", `
Usage:
  docket review [--source SOURCE] [--limit N] [--json]        list open proposals
  docket review STATEMENT accept [--reason TEXT]               accept: status reported
  docket review STATEMENT reject --reason TEXT                 reject: retract with the reason
  docket review STATEMENT edit VALUE --reason TEXT             correct the value, status reported
  docket review STATEMENT STATUS [--note TEXT]                 reported, corroborated, verified, disputed or draft

Open proposals are draft statements that have a source: what docket ingest proposed from a
document, each with its quote and locator. Accepting one makes it reported, sourced to the
document or to the footnote's source it cites; rejecting retracts it with the reason, which
stays in the history; editing supersedes it with the corrected value, reported. --source
lists the proposals of one ingested document (and of the sources its footnotes cite).

Statuses: reported (reviewed, with a source), corroborated (the same value from a second,
independent source, which must be recorded), verified (checked by the organisation),
disputed, or back to draft.

Examples:
  docket review --source src01JD3K0Q8M2X4Y6Z
  docket review s01JD3K0Q8M2X4Y6Z accept
  docket review s01JD3K0Q8M2X4Y6Z edit 2019-02-07 --reason "the removal was the next day"
  docket review s01JD3K0Q8M2X4Y6Z reject --reason "a different judge of the same name"
  docket review s01JD3K0Q8M2X4Y6Z verified --note "checked against the verdict"`, true)
	reason := f.String("reason", "", "why (required to reject or edit)")
	note := f.String("note", "", "why, for a status (as --reason)")
	source := f.String("source", "", "list only the proposals from this `source` and the sources its footnotes cite")
	lim := f.Int("limit", 200, "list at most `N` proposals")
	f.authorFlag()
	f.jsonFlag()
	pos, err := f.parse(args, 0, 3)
	if err != nil {
		return err
	}
	if len(pos) == 1 {
		fmt.Fprintln(m.Stderr, "docket review: give an action after the statement: accept, reject, edit VALUE or a status; see docket review --help")
		return errUsage
	}
	why := *reason
	if why == "" {
		why = *note
	}
	if len(pos) >= 2 {
		if _, err := docket.ParseStatus(pos[1]); err == nil {
			if len(pos) != 2 {
				return docket.Errorf(docket.EINVALID, "a status takes no value")
			}
			// A status: the review docket has always recorded.
			return m.runReview(ctx, append([]string{pos[0], pos[1], "--note", why}, f.storeArgs()...))
		}
	}
	db, err := f.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	v := f.operator()
	if len(pos) == 0 {
		return m.listProposals(ctx, db, v, f, *source, *lim)
	}
	id, action := pos[0], strings.ToLower(pos[1])
	switch action {
	case "accept":
		if len(pos) != 2 {
			return docket.Errorf(docket.EINVALID, "accept takes no value; to change the value use edit VALUE")
		}
		if err := db.SetStatus(ctx, v, id, docket.Reported, why); err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "accepted %s: it is now reported\n", id)
	case "reject":
		if len(pos) != 2 {
			return docket.Errorf(docket.EINVALID, "reject takes no value, only --reason")
		}
		if strings.TrimSpace(why) == "" {
			return docket.Errorf(docket.EINVALID, "reject needs --reason: the retraction keeps it in the history")
		}
		if err := db.RetractStatement(ctx, v, id, why); err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "rejected %s: retracted (%s)\n", id, why)
	case "edit":
		if len(pos) != 3 {
			return docket.Errorf(docket.EINVALID, "edit needs the corrected value: docket review STATEMENT edit VALUE --reason TEXT")
		}
		if strings.TrimSpace(why) == "" {
			return docket.Errorf(docket.EINVALID, "edit needs --reason: the correction keeps the old value in the history")
		}
		n, err := db.CorrectStatement(ctx, v, id, &docket.Statement{Value: pos[2], Status: docket.Reported}, why)
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "edited %s: %s=%s is now %s (reported)\n", id, n.Property, n.Value, n.ID)
	default:
		return docket.Errorf(docket.EINVALID, "unknown action %q: want accept, reject, edit VALUE, or a status (reported, corroborated, verified, disputed, draft)", pos[1])
	}
	return nil
}

// storeArgs returns the store and author flags given, to pass them on to another command.
func (f *flags) storeArgs() []string {
	var out []string
	if f.data != "" {
		out = append(out, "--data", f.data)
	}
	if f.db != "" {
		out = append(out, "--db", f.db)
	}
	if f.noMig {
		out = append(out, "--no-migrate")
	}
	if f.author != "" {
		out = append(out, "--author", f.author)
	}
	return out
}

// proposal is an open proposal as listed.
type proposal struct {
	*docket.Statement
	Schema  string `json:"schema"`
	Caption string `json:"caption"`
}

// listProposals prints the draft statements that have a source, grouped by entity.
func (m *Main) listProposals(ctx context.Context, db *store, v docket.Viewer, f *flags, source string, lim int) error {
	draft := docket.Draft
	sources := map[string]bool{}
	if source != "" {
		if _, err := db.FindSourceByID(ctx, v, source); err != nil {
			return err
		}
		sources[source] = true
		// The sources its footnotes cite.
		for off := 0; ; off += 1000 {
			ss, n, err := db.FindSources(ctx, v, docket.SourceFilter{Offset: off, Limit: 1000})
			if err != nil {
				return err
			}
			for _, s := range ss {
				if s.CitedIn == source {
					sources[s.ID] = true
				}
			}
			if off+len(ss) >= n || len(ss) == 0 {
				break
			}
		}
	}
	var out []*proposal
	total := 0
	entities := map[string]*docket.Entity{}
	var after int64
	for {
		ss, _, err := db.FindStatements(ctx, v, docket.StatementFilter{Status: &draft, AfterSeq: after, Limit: 1000})
		if err != nil {
			return err
		}
		for _, s := range ss {
			if s.Source == "" || source != "" && !sources[s.Source] {
				continue
			}
			total++
			if len(out) >= lim {
				continue
			}
			e, ok := entities[s.Entity]
			if !ok {
				if e, err = db.FindEntityByID(ctx, v, s.Entity); err != nil {
					return err
				}
				entities[s.Entity] = e
			}
			out = append(out, &proposal{Statement: s, Schema: e.Schema, Caption: e.Caption})
		}
		if len(ss) < 1000 {
			break
		}
		after = ss[len(ss)-1].Seq
	}
	if f.jsonOut {
		return writeJSON(m.Stdout, map[string]any{"proposals": out, "total": total})
	}
	if total == 0 {
		fmt.Fprintln(m.Stdout, "no open proposals")
		return nil
	}
	w := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	last := ""
	for _, p := range out {
		if p.Entity != last {
			w.Flush()
			fmt.Fprintf(m.Stdout, "%s %s (%s)\n", p.Schema, p.Caption, p.Entity)
			last = p.Entity
		}
		fmt.Fprintf(w, "  %s\t%s=%s\t%q\t%s\t%s\n", p.ID, p.Property, p.Value, clip(p.Quote, 60), p.Locator, p.Source)
	}
	w.Flush()
	fmt.Fprintf(m.Stdout, "%d of %d open proposals; settle each with docket review STATEMENT accept|reject|edit VALUE --reason TEXT\n", len(out), total)
	return nil
}
