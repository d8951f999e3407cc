package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/docketorg/docket"
)

func (m *Main) runRetract(ctx context.Context, args []string) error {
	f := m.newFlags("retract", `
Usage: docket retract STATEMENT --reason TEXT

Retracts a statement. Nothing is deleted: the statement stays in the history with the
retraction, its reason, author and time. Statement ids are shown by docket show.

Example:
  docket retract s01JD3K0Q8M2X4Y6Z --reason "the source confused two judges"`, true)
	reason := f.String("reason", "", "why (required)")
	f.authorFlag()
	pos, err := f.parse(args, 1, 1)
	if err != nil {
		return err
	}
	db, err := f.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.RetractStatement(ctx, f.operator(), pos[0], *reason); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "retracted %s\n", pos[0])
	return nil
}

func (m *Main) runCorrect(ctx context.Context, args []string) error {
	f := m.newFlags("correct", `
Usage: docket correct STATEMENT [VALUE] --reason TEXT [--source URL|ID] [flags]

Retracts a statement and adds its replacement, which supersedes it, in one step. What is not
given is kept from the old statement (value, source, locator, quote, sensitivity).

Examples:
  docket correct s01JD3K0Q8M2X4Y6Z 2019-02-07 --reason "the removal was the next day"
  docket correct s01JD3K0Q8M2X4Y6Z --sensitivity confidential --reason "protect the witness"`, true)
	sf := f.statementFlags()
	reason := f.String("reason", "", "why (required)")
	f.authorFlag()
	f.jsonFlag()
	pos, err := f.parse(args, 1, 2)
	if err != nil {
		return err
	}
	db, err := f.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	v := f.operator()
	old, err := db.FindStatementByID(ctx, v, pos[0])
	if err != nil {
		return err
	}
	value := ""
	if len(pos) == 2 {
		value = pos[1]
	}
	repl := &docket.Statement{Value: value, Locator: sf.locator, Quote: sf.quote, Lang: sf.lang}
	explicit := map[string]bool{}
	f.Visit(func(fl *flag.Flag) { explicit[fl.Name] = true })
	if explicit["sensitivity"] {
		if repl.Sensitivity, err = docket.ParseSensitivity(sf.sensitivity); err != nil {
			return err
		}
	}
	if explicit["status"] {
		if repl.Status, err = docket.ParseStatus(sf.status); err != nil {
			return err
		}
	}
	if repl.Source, err = sf.resolveSource(ctx, db, v, old.Sensitivity); err != nil {
		return err
	}
	n, err := db.CorrectStatement(ctx, v, pos[0], repl, *reason)
	if err != nil {
		return err
	}
	if f.jsonOut {
		return writeJSON(m.Stdout, n)
	}
	fmt.Fprintf(m.Stdout, "corrected %s: %s=%s is now %s\n", pos[0], n.Property, n.Value, n.ID)
	return nil
}

func (m *Main) runReview(ctx context.Context, args []string) error {
	f := m.newFlags("review", `
Usage: docket review STATEMENT STATUS [--note TEXT]

Records a review of a statement: reported (reviewed, with a source), corroborated (the same
value from a second, independent source, which must be recorded), verified (checked by the
organisation), disputed, or back to draft.

Example:
  docket review s01JD3K0Q8M2X4Y6Z verified --note "checked against the verdict"`, true)
	note := f.String("note", "", "why")
	f.authorFlag()
	pos, err := f.parse(args, 2, 2)
	if err != nil {
		return err
	}
	st, err := docket.ParseStatus(pos[1])
	if err != nil {
		return err
	}
	db, err := f.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.SetStatus(ctx, f.operator(), pos[0], st, *note); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "%s is now %s\n", pos[0], st)
	return nil
}

func (m *Main) runMerge(ctx context.Context, args []string) error {
	f := m.newFlags("merge", `
Usage: docket merge A B --reason TEXT

Records that B is the same as A: B's statements are read as A's, and B's id leads to A.
Nothing is changed or lost, and docket unmerge undoes it.

Example:
  docket merge 01JD3K0Q8M2X4Y6Z 01JD3K0R1A2B3C4D --reason "Bayturova is Baiturova"`, true)
	reason := f.String("reason", "", "why they are the same (required)")
	f.authorFlag()
	pos, err := f.parse(args, 2, 2)
	if err != nil {
		return err
	}
	db, err := f.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	mg, err := db.MergeEntities(ctx, f.operator(), pos[0], pos[1], *reason)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "merged %s into %s (merge %s)\n", mg.From, mg.Into, mg.ID)
	return nil
}

func (m *Main) runUnmerge(ctx context.Context, args []string) error {
	f := m.newFlags("unmerge", `
Usage: docket unmerge B|MERGE --reason TEXT

Undoes the merge of B (or the merge with that id): B is read on its own again.

Example:
  docket unmerge 01JD3K0R1A2B3C4D --reason "two different judges"`, true)
	reason := f.String("reason", "", "why (required)")
	f.authorFlag()
	pos, err := f.parse(args, 1, 1)
	if err != nil {
		return err
	}
	db, err := f.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	mg, err := db.UnmergeEntity(ctx, f.operator(), pos[0], *reason)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "undid merge %s: %s is apart from %s again\n", mg.ID, mg.From, mg.Into)
	return nil
}

func (m *Main) runVocab(ctx context.Context, args []string) error {
	f := m.newFlags("vocab", `
Usage: docket vocab [NAME] [--json]

Lists the vocabularies (event types, outcomes, sentence kinds, ...) and the criminal codes,
each article with its source. With a name, lists that vocabulary or code.

Examples:
  docket vocab
  docket vocab event-type
  docket vocab KZ-CC`, false)
	f.jsonFlag()
	pos, err := f.parse(args, 0, 1)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		for _, n := range docket.Vocab.Names() {
			fmt.Fprintf(m.Stdout, "%-15s %s\n", n, strings.Join(docket.Vocab.IDs(n), ", "))
		}
		for _, c := range docket.Vocab.Codes() {
			fmt.Fprintf(m.Stdout, "%-15s %s (%d articles)\n", c.ID, c.Title, len(c.Articles))
		}
		return nil
	}
	if c, ok := docket.Vocab.Code(pos[0]); ok {
		if f.jsonOut {
			return writeJSON(m.Stdout, c)
		}
		fmt.Fprintf(m.Stdout, "%s\nsource: %s\n", c.Title, c.Source)
		for _, a := range c.Articles {
			fmt.Fprintf(m.Stdout, "  %-5s %s\n", a.Number, a.En)
		}
		return nil
	}
	terms := docket.Vocab.Terms(pos[0])
	if terms == nil {
		return docket.Errorf(docket.ENOTFOUND, "no vocabulary or code %q", pos[0])
	}
	if f.jsonOut {
		return writeJSON(m.Stdout, terms)
	}
	for _, t := range terms {
		fmt.Fprintf(m.Stdout, "  %-22s %s / %s\n", t.ID, t.En, t.Ru)
	}
	return nil
}
