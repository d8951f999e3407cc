package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"path/filepath"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/ledger"
)

// keyFlag adds --key-file: the installation's signing key, which lives beside a SQLite store
// and is never exported or copied with it.
func (f *flags) keyFlag() *string {
	return f.String("key-file", "", "the ledger's signing `key file` (default: ledger.key beside a SQLite store; required with PostgreSQL)")
}

// loadKey reads the signing key, creating it beside a SQLite store on first use.
func (f *flags) loadKey(keyFile string, create bool) (*ledger.Key, error) {
	path := keyFile
	if path == "" {
		store, err := f.storePath()
		if err != nil {
			return nil, err
		}
		if store == "" {
			return nil, docket.Errorf(docket.EINVALID, "give --key-file: with PostgreSQL the signing key is kept apart from the store")
		}
		path = filepath.Join(filepath.Dir(store), "ledger.key")
	}
	var b [4]byte
	rand.Read(b[:])
	k, err := ledger.LoadKey(path, "docket-"+hex.EncodeToString(b[:]), create)
	if err != nil {
		return nil, docket.Errorf(docket.EINVALID, "%s", err)
	}
	return k, nil
}

func (m *Main) runKey(ctx context.Context, args []string) error {
	f := m.newFlags("key", `
Usage: docket key show [--key-file FILE]

Prints the public verifier key of this installation's ledger: give it to anyone who should
check your checkpoints and evidence bundles (docket verify-bundle FILE --key KEY). The private
key stays in its file (mode 0600, beside a SQLite store unless --key-file says otherwise); it
is never exported or copied with a store. To keep signing as the same log after moving a
store, bring the key file.

Example:
  docket key show --data ./registry`, true)
	keyFile := f.keyFlag()
	pos, err := f.parse(args, 1, 1)
	if err != nil {
		return err
	}
	if pos[0] != "show" {
		return docket.Errorf(docket.EINVALID, "unknown key command %q (want show)", pos[0])
	}
	k, err := f.loadKey(*keyFile, true)
	if err != nil {
		return err
	}
	fmt.Fprintln(m.Stdout, k.Verifier)
	return nil
}

func (m *Main) runCheckpoint(ctx context.Context, args []string) error {
	f := m.newFlags("checkpoint", `
Usage: docket checkpoint [--key-file FILE]

Signs the ledger's current head (tree size and root hash) with the installation's key, keeps
the checkpoint and prints it. Publish checkpoints now and then: any later state of the ledger
can be proved consistent with them, so records cannot be altered or backdated unseen.

Example:
  docket checkpoint --data ./registry`, true)
	keyFile := f.keyFlag()
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	db, err := f.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	k, err := f.loadKey(*keyFile, true)
	if err != nil {
		return err
	}
	cp, err := db.Checkpoint(ctx, k)
	if err != nil {
		return err
	}
	fmt.Fprint(m.Stdout, cp.Note)
	return nil
}

func (m *Main) runVerify(ctx context.Context, args []string) error {
	f := m.newFlags("verify", `
Usage: docket verify [--key-file FILE]

Recomputes everything from the change log: every ledger leaf and stored hash, every signed
checkpoint (and the latest one's signature), the author, time and references of every change,
every snapshot body against its SHA-256, and every table derived from the log (entities and
their merges, statements, sources, snapshots, the name and search indexes), derived again
beside the store and compared with it row by row; and the security log's hash chain, entry
by entry (docket audit). Reports each mismatch by name and exits 1
if there is any. Warns, without failing, of changes that no signed checkpoint covers: had
they been removed, only a checkpoint published elsewhere would show it.

Example:
  docket verify --data ./registry`, true)
	keyFile := f.keyFlag()
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	db, err := f.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	p := m.progress("verified")
	problems, err := db.Verify(ctx, p.report)
	if err != nil {
		return err
	}
	p.done()
	// The security log is not derived from the change log: it is checked against its own chain.
	sec, err := db.VerifySecurityLog(ctx)
	if err != nil {
		return err
	}
	problems = append(problems, sec...)
	// The latest checkpoint must carry this installation's signature.
	if cp, err := db.LatestCheckpoint(ctx); err == nil {
		if k, err := f.loadKey(*keyFile, false); err != nil {
			problems = append(problems, docket.Problem{What: "signing key", Why: errorText(err)})
		} else if _, tree, err := ledger.OpenCheckpoint([]byte(cp.Note), k.Verifier); err != nil {
			problems = append(problems, docket.Problem{What: fmt.Sprintf("checkpoint %d", cp.Size), Why: err.Error()})
		} else if tree.N != cp.Size || tree.Hash != cp.Root {
			problems = append(problems, docket.Problem{What: fmt.Sprintf("checkpoint %d", cp.Size), Why: "its signed text differs from its stored size and root"})
		}
	} else if docket.ErrorCode(err) != docket.ENOTFOUND {
		return err
	}
	var mismatches, warnings int
	for _, pr := range problems {
		if pr.Warning {
			warnings++
			fmt.Fprintf(m.Stdout, "WARNING %s: %s\n", pr.What, pr.Why)
		} else {
			mismatches++
			fmt.Fprintf(m.Stdout, "MISMATCH %s: %s\n", pr.What, pr.Why)
		}
	}
	if mismatches > 0 {
		return docket.Errorf(docket.ECONFLICT, "%d mismatches: the store was altered outside Docket", mismatches)
	}
	fmt.Fprint(m.Stdout, "ok: the ledger, the checkpoints and every table derived from the change log agree with it, and the security log's chain holds")
	if warnings > 0 {
		fmt.Fprintf(m.Stdout, " (%d warnings above)", warnings)
	}
	fmt.Fprintln(m.Stdout)
	return nil
}
