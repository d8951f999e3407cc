package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/seal"
)

func (m *Main) runCopy(ctx context.Context, args []string) error {
	f := m.newFlags("copy", `
Usage: docket copy --from URL --to URL

Moves a whole installation from one store to another, for instance from the SQLite file of a
laptop to a PostgreSQL server, losing nothing: the full change log of the source (everything,
confidential data included, in commit order) is imported into the target in one
transaction, and the target's full export is then checked to be byte-identical to the
source's. The security log travels too, entry for entry with its hash chain, and is checked
to end at the same hash. The target must be new or empty; a target that holds anything is
refused, and a copy that fails writes nothing. Stop every writer of the source first.

Stores are sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DATABASE (add
?search_path=SCHEMA for a schema other than public). The target is created or migrated as
needed. API tokens are not part of a store's records and are not copied: create them again
with docket token add. The ledger is rebuilt leaf for leaf, so earlier checkpoints still
hold; its signing key is not in the store: bring the key file (docket key show --help).

Confidential data sealed under a data key is copied sealed, without the key. Give the key
(--data-key or $DOCKET_DATA_KEY) to copy a store that holds confidential data in the clear,
recorded before data keys: the target seals it. Give the source's key and another for the
target (--to-data-key) to re-encrypt: the target seals everything under its own key, and the
two stores are compared in the clear (docket key rotate-data --from --to makes the new key
and does this).

Examples:
  docket copy --from sqlite:$HOME/.local/share/docket/docket.db --to postgres://docket@db.example.org/registry
  docket copy --from postgres://docket@db.example.org/registry --to sqlite:./backup/docket.db`, false)
	f.dataKeyFlags()
	from := f.String("from", "", "the source store `URL`: sqlite:PATH or postgres://...")
	to := f.String("to", "", "the target store `URL`, new or empty: sqlite:PATH or postgres://...")
	toKey := f.String("to-data-key", "", "the data key `file` of the target, to re-encrypt confidential data under another key than the source's (default: the source's)")
	toKeyPass := f.String("to-data-key-passphrase-file", "", "a `file` holding the passphrase of --to-data-key, if one protects it")
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	if *from == "" || *to == "" {
		fmt.Fprintln(m.Stderr, "docket copy: give both --from and --to; see docket copy --help")
		return errUsage
	}
	srcKey, err := f.loadDataKey()
	if err != nil {
		return err
	}
	dstKey := srcKey
	if *toKey != "" {
		if srcKey == nil {
			return docket.Errorf(docket.EINVALID, "--to-data-key re-encrypts what the source's key opens: give that too (--data-key)")
		}
		if dstKey, err = m.loadDataKeyFile(*toKey, *toKeyPass); err != nil {
			return prefixError(err, "--to-data-key")
		}
	}
	return m.copyStore(ctx, f, *from, *to, srcKey, func() (*seal.Key, error) { return dstKey, nil })
}

// copyStore copies the store at from into the new or empty store at to, opening confidential
// data with srcKey and sealing it with the key dstKey gives (either may be nil: see docket
// copy --help). dstKey is asked for once the target is known to be empty, so that a key made
// for the copy is not made for nothing.
func (m *Main) copyStore(ctx context.Context, f *flags, from, to string, srcKey *seal.Key, dstKey func() (*seal.Key, error)) error {
	if from == to {
		return docket.Errorf(docket.EINVALID, "--from and --to name the same store")
	}
	src, err := openStore(from, false, false)
	if err != nil {
		return prefixError(err, "the source")
	}
	defer src.Close()
	dst, err := openStore(to, true, false)
	if err != nil {
		return prefixError(err, "the target")
	}
	defer dst.Close()
	op := f.operator()
	if empty, err := isEmpty(ctx, dst, op); err != nil {
		return err
	} else if !empty {
		return docket.Errorf(docket.ECONFLICT, "the target %s is not empty: docket copy fills only a new or empty store, and changed nothing", dst.Path)
	}
	// Accounts made on the target first have their entries in its security log, which the
	// source's cannot be joined to: refused before anything is written.
	if n, _, err := dst.SecurityLogHead(ctx, op); err != nil {
		return err
	} else if n > 0 {
		return docket.Errorf(docket.ECONFLICT, "the target %s has a security log of %d entries (accounts made on it?): docket copy fills only a new or empty store, and changed nothing", dst.Path, n)
	}
	if srcKey != nil {
		if err := src.SetDataKey(ctx, srcKey); err != nil {
			return prefixError(err, "%s", src.Path)
		}
	}
	tk, err := dstKey()
	if err != nil {
		return err
	}
	if tk != nil {
		if err := dst.SetDataKey(ctx, tk); err != nil {
			return prefixError(err, "%s", dst.Path)
		}
	}
	reencrypt := srcKey != nil && tk != nil && srcKey.ID() != tk.ID()

	fmt.Fprintf(m.Stderr, "copying %s to %s\n", src.Path, dst.Path)
	defer tuneGC()() // the copy, and the exports that check it, make garbage by the gigabyte
	if reencrypt {
		fmt.Fprintf(m.Stderr, "re-encrypting confidential data: opened with the data key %s, sealed with %s\n", srcKey.ID(), tk.ID())
	}
	copied, err := m.copyRecords(ctx, src, dst, op)
	if err != nil {
		return err
	}

	fmt.Fprintf(m.Stderr, "verifying: exporting both stores\n")
	var again, back exportSum
	errs := make(chan error, 2)
	// Both at once, each on a core of its own; the target's shows how far they are.
	p := m.progress("verified")
	go func() { errs <- again.export(ctx, src, op, nil) }()
	go func() {
		errs <- back.export(ctx, dst, op, func(n int) { p.report(int64(n), int64(copied.n)) })
	}()
	if err := errors.Join(<-errs, <-errs); err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	p.report(int64(back.n), int64(copied.n))
	p.done()
	switch {
	case !back.equal(&copied):
		return fmt.Errorf("verify: the export of %s (%d records) is not the export of %s that was copied (%d records); the target holds the copy: empty it and copy again",
			dst.Path, back.n, src.Path, copied.n)
	case !again.equal(&copied):
		return docket.Errorf(docket.ECONFLICT, "the source changed during the copy: %s now exports %d records, %d were copied; stop every writer of it, empty the target and copy again",
			src.Path, again.n, copied.n)
	}
	entries, head, err := m.copySecurityLog(ctx, src, dst, op)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "copied %d records from %s to %s: %s\n", copied.n, src.Path, dst.Path, copied.counts())
	fmt.Fprintf(m.Stdout, "verified: both stores export the same %d records, byte for byte (sha256 %x)\n", back.n, back.sum)
	fmt.Fprintf(m.Stdout, "copied the security log: %d entries, both ending at hash %s\n", entries, dash(head))
	how := ""
	if reencrypt {
		how = fmt.Sprintf(", confidential data re-encrypted from the data key %s to %s", srcKey.ID(), tk.ID())
		fmt.Fprintf(m.Stdout, "re-encrypted: confidential data in %s is sealed under the data key %s; %s still holds it under %s: destroy that store (and its backups) and the old key\n",
			dst.Path, tk.ID(), src.Path, srcKey.ID())
	}
	f.logSecurity(ctx, src, docket.SecCopy, fmt.Sprintf("%d records and %d security log entries copied to %s%s", copied.n, entries, dst.Path, how))
	f.logSecurity(ctx, dst, docket.SecCopy, fmt.Sprintf("%d records and %d security log entries copied from %s%s", copied.n, entries, src.Path, how))
	if p, _ := strings.CutPrefix(from, "sqlite:"); p != from {
		if _, err := os.Stat(filepath.Join(filepath.Dir(p), "ledger.key")); err == nil {
			fmt.Fprintf(m.Stdout, "the ledger's signing key is %s: keep using it (--key-file) to sign as the same log\n", filepath.Join(filepath.Dir(p), "ledger.key"))
		}
	}
	return nil
}

// copySecurityLog copies the source's security log into the target's, which must be empty,
// and checks that both end at the same hash.
func (m *Main) copySecurityLog(ctx context.Context, src, dst *store, op docket.Viewer) (int64, string, error) {
	fmt.Fprintf(m.Stderr, "copying the security log\n")
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	events := make(chan *docket.SecurityEvent, 256)
	var readErr error
	read := make(chan struct{})
	go func() {
		defer close(read)
		defer close(events)
		readErr = src.ReadSecurityLog(ctx, op, func(e *docket.SecurityEvent) error {
			select {
			case events <- e:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	defer func() {
		cancel()
		<-read
	}()
	n, err := dst.CopySecurityLog(ctx, op, func() (*docket.SecurityEvent, error) {
		e, ok := <-events
		if !ok {
			<-read
			if readErr != nil {
				return nil, fmt.Errorf("read the security log of %s: %w", src.Path, readErr)
			}
			return nil, nil
		}
		return e, nil
	})
	if err != nil {
		return 0, "", prefixError(err, "copy the security log into %s (the records are copied; empty the target and copy again)", dst.Path)
	}
	sn, sh, err := src.SecurityLogHead(ctx, op)
	if err != nil {
		return 0, "", err
	}
	dn, dh, err := dst.SecurityLogHead(ctx, op)
	if err != nil {
		return 0, "", err
	}
	if sn != dn || sh != dh {
		return 0, "", docket.Errorf(docket.ECONFLICT, "the security log of %s has %d entries (last hash %s), the copy %d (%s): the source was written to during the copy; stop its server, empty the target and copy again",
			src.Path, sn, dash(sh), dn, dash(dh))
	}
	return n, dh, nil
}

// errNotEmpty stops an export at its first record.
var errNotEmpty = errors.New("not empty")

// isEmpty reports whether a store has no records.
func isEmpty(ctx context.Context, st *store, op docket.Viewer) (bool, error) {
	err := st.Export(ctx, op, false, func(*docket.Record) error { return errNotEmpty })
	if errors.Is(err, errNotEmpty) {
		return false, nil
	}
	return err == nil, err
}

// copyRecords streams the full export of src into an import of dst, as "docket export | docket
// import -" would, each record's JSON line summed on the way; but the record the export made
// its line from is imported as it is, not decoded again from the line (a sixth of the copy's
// CPU time): the check after the copy compares the lines of both stores' exports.
func (m *Main) copyRecords(ctx context.Context, src, dst *store, op docket.Viewer) (exportSum, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type line struct {
		r *docket.Record
		b []byte
	}
	lines := make(chan line, 256)
	var exportErr error
	exported := make(chan struct{})
	go func() {
		defer close(exported)
		defer close(lines)
		exportErr = src.ExportLines(ctx, op, func(r *docket.Record, b []byte) error {
			select {
			case lines <- line{r, b}:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	// The exporter must be done with the source before it is closed.
	defer func() {
		cancel()
		<-exported
	}()
	var sum exportSum
	sum.init()
	next := func() (*docket.Record, error) {
		l, ok := <-lines
		if !ok {
			<-exported
			if exportErr != nil {
				return nil, fmt.Errorf("read %s: %w", src.Path, exportErr)
			}
			return nil, nil
		}
		sum.add(l.r.Kind, l.b)
		return l.r, nil
	}
	p := m.progress("copied")
	if _, err := dst.ImportAlone(ctx, op, next, p.report); err != nil {
		return sum, prefixError(err, "copy into %s (nothing was written)", dst.Path)
	}
	p.done()
	sum.finish()
	return sum, nil
}

// exportSum is a full export, counted by kind and summed: enough to tell two exports apart
// without holding either.
type exportSum struct {
	h     hash.Hash
	sum   []byte
	n     int
	kinds map[string]int
}

func (s *exportSum) init() { s.h, s.kinds = sha256.New(), map[string]int{} }

func (s *exportSum) add(kind string, line []byte) {
	s.h.Write(line)
	s.h.Write([]byte{'\n'})
	s.n++
	s.kinds[kind]++
}

func (s *exportSum) finish() { s.sum = s.h.Sum(nil) }

// export sums the full export of st, telling progress, if set, every thousand records.
func (s *exportSum) export(ctx context.Context, st *store, op docket.Viewer, progress func(n int)) error {
	s.init()
	err := st.ExportLines(ctx, op, func(r *docket.Record, b []byte) error {
		s.add(r.Kind, b)
		if progress != nil && s.n%1000 == 0 {
			progress(s.n)
		}
		return nil
	})
	s.finish()
	if err != nil {
		return fmt.Errorf("export %s: %w", st.Path, err)
	}
	return nil
}

func (s *exportSum) equal(o *exportSum) bool { return s.n == o.n && bytes.Equal(s.sum, o.sum) }

// counts says how many records of each kind, the most frequent first: "120 statements, ...".
func (s *exportSum) counts() string {
	kinds := sortedKeys(s.kinds)
	sort.SliceStable(kinds, func(i, j int) bool { return s.kinds[kinds[i]] > s.kinds[kinds[j]] })
	var parts []string
	for _, k := range kinds {
		parts = append(parts, fmt.Sprintf("%d %s", s.kinds[k], plural(s.kinds[k], k)))
	}
	if len(parts) == 0 {
		return "the source is empty"
	}
	return strings.Join(parts, ", ")
}

// plural gives the English plural of a record kind when n is not 1.
func plural(n int, kind string) string {
	switch {
	case n == 1:
		return kind
	case kind == "entity":
		return "entities"
	case strings.HasSuffix(kind, "s"):
		return kind + "es"
	}
	return kind + "s"
}

// prefixError puts context in front of an error, keeping the code and message of an
// application error, which is all a user is shown of it.
func prefixError(err error, format string, args ...any) error {
	var e *docket.Error
	if errors.As(err, &e) {
		return docket.Errorf(e.Code, format+": %s", append(args, e.Message)...)
	}
	return fmt.Errorf(format+": %w", append(args, err)...)
}
