package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"filippo.io/age"
	"github.com/docketorg/docket"
	"github.com/docketorg/docket/backup"
	"github.com/docketorg/docket/postgres"
	"github.com/docketorg/docket/sqlite"
)

// stringsFlag is a flag that may be given more than once.
type stringsFlag []string

func (s *stringsFlag) String() string     { return strings.Join(*s, ", ") }
func (s *stringsFlag) Set(v string) error { *s = append(*s, v); return nil }

// cryptFlags are the flags of encryption (export, backup) and decryption (import, restore).
type cryptFlags struct {
	to, recipients, identities stringsFlag
	passphraseFile             string
}

func (f *flags) encryptFlags() *cryptFlags {
	c := &cryptFlags{}
	f.Var(&c.to, "encrypt-to", "encrypt with age to this `RECIPIENT` (age1…; may be given more than once)")
	f.Var(&c.recipients, "recipients-file", "encrypt to the age recipients of this `FILE`, one a line (may be given more than once)")
	f.StringVar(&c.passphraseFile, "passphrase-file", "", "encrypt with the passphrase on the first line of `FILE` instead of to recipients")
	return c
}

func (f *flags) decryptFlags() *cryptFlags {
	c := &cryptFlags{}
	f.Var(&c.identities, "identity", "decrypt with the age identity of this `FILE` (AGE-SECRET-KEY-1…; may be given more than once)")
	f.StringVar(&c.passphraseFile, "passphrase-file", "", "decrypt with the passphrase on the first line of `FILE`")
	return c
}

// recipients returns whom to encrypt to, or none when no flag asks for encryption.
func (c *cryptFlags) toRecipients() ([]age.Recipient, error) {
	pass, err := backup.ReadPassphrase(c.passphraseFile)
	if err != nil {
		return nil, err
	}
	return backup.Recipients(c.to, c.recipients, pass)
}

func (c *cryptFlags) toIdentities() ([]age.Identity, error) {
	pass, err := backup.ReadPassphrase(c.passphraseFile)
	if err != nil {
		return nil, err
	}
	return backup.Identities(c.identities, pass)
}

// encryptedTo says to whom, for messages and the security log.
func (c *cryptFlags) encryptedTo(n int) string {
	if c.passphraseFile != "" {
		return "encrypted with a passphrase"
	}
	return fmt.Sprintf("encrypted to %d %s", n, map[bool]string{true: "recipient", false: "recipients"}[n == 1])
}

// isTerminal reports whether w is a terminal, which encrypted bytes must not be written to.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// logSecurity writes what the operator did to the store's security log. A failure is said,
// not fatal: the file is written already.
func (f *flags) logSecurity(ctx context.Context, db docket.Store, kind, detail string) {
	e := &docket.SecurityEvent{Kind: kind, Actor: f.operator().Name, Detail: detail}
	if err := db.LogSecurity(ctx, e); err != nil {
		fmt.Fprintf(f.m.Stderr, "docket %s: warning: this was not written to the security log: %s\n", f.Name(), errorText(err))
	}
}

func (m *Main) runBackup(ctx context.Context, args []string) error {
	f := m.newFlags("backup", `
Usage: docket backup --out FILE (--encrypt-to RECIPIENT | --recipients-file FILE | --passphrase-file FILE) [--data DIR | --db URL]
       docket backup restore FILE (--identity FILE | --passphrase-file FILE) [--data DIR | --db URL]
       docket backup keygen --out FILE

Writes a consistent snapshot of the whole store while it runs (docket serve may go on
writing), encrypted with age: SQLite's online backup of the store's file, or pg_dump of a
PostgreSQL store's schema (pg_dump, from postgresql-client as new as the server, must be
installed). Unlike docket export, a backup holds the whole installation: the records, the
accounts with their password hashes and second factors, the API tokens' hashes, the settings
and the security log; not the sessions, and never the ledger's signing key, which stays in
its own file (back it up apart). It is written to a temporary file beside FILE and put in
place only when whole. Encrypt to age recipients (an X25519 key age1…, as docket backup keygen
or age-keygen make; or a post-quantum age1pq1… key), so that the machine that writes backups
cannot read them, or with a passphrase; --plaintext writes the snapshot unencrypted, for
those who encrypt it otherwise.

restore makes a new store from a backup: a SQLite file where --data or --db says (none must
be there), or the tables of an empty PostgreSQL database or schema (the backup's schema:
pg_restore, one transaction). A wrong identity or passphrase, or a damaged or cut file,
writes nothing.

keygen writes a new age identity to FILE (mode 0600: keep it away from the server, offline)
and prints its recipient, to give --encrypt-to.

Each backup and restore is written to the store's security log.

Examples:
  docket backup keygen --out ~/docket-backup.key          # prints age1…
  docket backup --out /backups/docket-$(date +%F).age --encrypt-to age1...
  docket backup --db postgres://docket@db.example.org/registry --out registry.age --recipients-file team.txt
  docket backup restore /backups/docket-2026-12-01.age --identity ~/docket-backup.key --data ./restored`, true)
	out := f.String("out", "", "write to `FILE` (backup, keygen)")
	plaintext := f.Bool("plaintext", false, "write the backup unencrypted")
	enc := f.encryptFlags()
	f.Var(&enc.identities, "identity", "decrypt with the age identity of this `FILE` (restore; may be given more than once)")
	pos, err := f.parse(args, 0, 2)
	if err != nil {
		return err
	}
	sub := ""
	if len(pos) > 0 {
		sub = pos[0]
	}
	switch {
	case sub == "keygen" && len(pos) == 1:
		return m.backupKeygen(*out)
	case sub == "restore" && len(pos) == 2:
		return m.restore(ctx, f, enc, pos[1])
	case sub == "" && len(pos) == 0:
	default:
		fmt.Fprintln(m.Stderr, "docket backup: want docket backup --out FILE, docket backup restore FILE or docket backup keygen --out FILE; see docket backup --help")
		return errUsage
	}
	if *out == "" {
		return docket.Errorf(docket.EINVALID, "give --out FILE: a backup is a file of its own")
	}
	if len(enc.identities) > 0 {
		return docket.Errorf(docket.EINVALID, "--identity decrypts: it is for docket backup restore; a backup is encrypted to a recipient (--encrypt-to)")
	}
	rs, err := enc.toRecipients()
	if err != nil {
		return err
	}
	switch {
	case len(rs) == 0 && !*plaintext:
		return docket.Errorf(docket.EINVALID, "a backup is encrypted: give --encrypt-to RECIPIENT, --recipients-file FILE or --passphrase-file FILE (docket backup keygen makes a key), or --plaintext to write it unencrypted")
	case len(rs) > 0 && *plaintext:
		return docket.Errorf(docket.EINVALID, "--plaintext and encryption contradict each other")
	}
	db, err := f.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	file, err := backup.Create(*out, false)
	if err != nil {
		return err
	}
	defer file.Abort()
	var w io.Writer = file
	var ew io.WriteCloser
	if len(rs) > 0 {
		if ew, err = backup.Encrypt(file, rs); err != nil {
			return err
		}
		w = ew
	}
	p := m.progress("backed up bytes:")
	cw := &countingWriter{w: w, report: p.report}
	h := backup.Header{Made: time.Now().UTC()}
	switch b := db.backend.(type) {
	case *sqlite.DB:
		h.Backend = "sqlite"
		// The snapshot is a file before it is encrypted: beside the store, which holds the
		// same in the clear, and removed as soon as it is read.
		tmp := filepath.Join(filepath.Dir(b.Path), fmt.Sprintf(".docket-backup-%d.db", time.Now().UnixNano()))
		defer os.Remove(tmp)
		fmt.Fprintf(m.Stderr, "taking a snapshot of %s\n", db.Path)
		if _, err := b.Snapshot(ctx, tmp); err != nil {
			return err
		}
		snap, err := os.Open(tmp)
		if err != nil {
			return err
		}
		defer snap.Close()
		st, err := snap.Stat()
		if err != nil {
			return err
		}
		h.Size = st.Size()
		cw.total = h.Size
		if err := backup.WriteHeader(w, h); err != nil {
			return err
		}
		if _, err := io.Copy(cw, snap); err != nil {
			return fmt.Errorf("write %s: %w", *out, err)
		}
	case *postgres.DB:
		h.Backend = "postgres"
		// pg_dump streams into the encryption: no clear copy is written anywhere.
		h.Schema = b.Schema()
		if err := backup.WriteHeader(w, h); err != nil {
			return err
		}
		fmt.Fprintf(m.Stderr, "dumping %s with pg_dump\n", db.Path)
		if _, err := b.Dump(ctx, cw); err != nil {
			return err
		}
	default:
		return fmt.Errorf("this store cannot be backed up")
	}
	if ew != nil {
		if err := ew.Close(); err != nil {
			return err
		}
	}
	if err := file.Commit(); err != nil {
		return err
	}
	p.done()
	how := "NOT encrypted (--plaintext)"
	if len(rs) > 0 {
		how = enc.encryptedTo(len(rs))
	}
	f.logSecurity(ctx, db, docket.SecBackup, fmt.Sprintf("%s snapshot of %d bytes to %s, %s", h.Backend, cw.n, *out, how))
	fmt.Fprintf(m.Stdout, "wrote %s: a %s snapshot of %s taken %s, %d bytes, %s\n", *out, h.Backend, db.Path, h.Made.Format(time.RFC3339), cw.n, how)
	fmt.Fprintln(m.Stdout, "the ledger's signing key is not in it: keep a copy of its file apart")
	return nil
}

// countingWriter counts what it writes and reports it.
type countingWriter struct {
	w      io.Writer
	n      int64
	total  int64
	report func(done, total int64)
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	c.report(c.n, c.total)
	return n, err
}

// backupKeygen writes a new age identity and prints its recipient.
func (m *Main) backupKeygen(out string) error {
	if out == "" {
		return docket.Errorf(docket.EINVALID, "give --out FILE: where to keep the new identity (keep it off the server)")
	}
	id, rcpt, err := backup.NewIdentity()
	if err != nil {
		return err
	}
	file, err := backup.Create(out, false)
	if err != nil {
		return err
	}
	defer file.Abort()
	if err := file.Chmod(0o600); err != nil {
		return err
	}
	fmt.Fprintf(file, "# created: %s\n# public key: %s\n%s\n", time.Now().UTC().Format(time.RFC3339), rcpt, id)
	if err := file.Commit(); err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, "wrote the identity to %s: it decrypts every backup made to its recipient, keep it safe and apart from the server\n", out)
	fmt.Fprintln(m.Stdout, rcpt)
	return nil
}

// restore makes a new store from a backup.
func (m *Main) restore(ctx context.Context, f *flags, c *cryptFlags, path string) error {
	in, err := os.Open(path)
	if err != nil {
		return err
	}
	defer in.Close()
	br := bufio.NewReader(in)
	var r io.Reader = br
	how := "unencrypted"
	if backup.Encrypted(br) {
		ids, err := c.toIdentities()
		if err != nil {
			return err
		}
		if r, err = backup.Decrypt(br, ids); err != nil {
			return prefixError(err, "%s", path)
		}
		how = "decrypted"
	}
	pr := bufio.NewReader(r)
	h, err := backup.ReadHeader(pr)
	if err != nil {
		return prefixError(err, "%s", path)
	}
	u, err := f.storeURL()
	if err != nil {
		return err
	}
	switch {
	case h.Backend == "sqlite" && !isPostgres(u):
		target := strings.TrimPrefix(u, "sqlite:")
		if _, err := os.Lstat(target); err == nil {
			return docket.Errorf(docket.ECONFLICT, "there is a store at %s already: restore into a new place (--data DIR), nothing was written", target)
		}
		dir := filepath.Dir(target)
		if _, err := os.Stat(dir); err != nil {
			if err := os.MkdirAll(dir, 0o700); err != nil {
				return err
			}
			// A restore that fails leaves nothing, not even the directory it made.
			defer func() {
				if _, err := os.Stat(target); err != nil {
					os.Remove(dir)
				}
			}()
		}
		file, err := backup.Create(target, false)
		if err != nil {
			return err
		}
		defer file.Abort()
		if err := file.Chmod(0o600); err != nil {
			return err
		}
		n, err := io.Copy(file, pr)
		if err != nil {
			return prefixError(err, "%s", path)
		}
		if n != h.Size {
			return docket.Errorf(docket.EINVALID, "%s: the backup holds %d bytes of the %d its header says: it is cut short; nothing was written", path, n, h.Size)
		}
		if err := file.Commit(); err != nil {
			return err
		}
	case h.Backend == "postgres" && isPostgres(u):
		if err := postgres.Restore(ctx, u, h.Schema, pr); err != nil {
			return err
		}
	default:
		return docket.Errorf(docket.EINVALID, "%s is a backup of a %s store: restore it into one (--data DIR for SQLite, --db postgres://… for PostgreSQL); docket copy moves a store between them", path, h.Backend)
	}
	db, err := openStore(u, false, false)
	if err != nil {
		return err
	}
	defer db.Close()
	problems, err := db.VerifySecurityLog(ctx)
	if err != nil {
		return err
	}
	for _, p := range problems {
		fmt.Fprintf(m.Stdout, "MISMATCH %s: %s\n", p.What, p.Why)
	}
	f.logSecurity(ctx, db, docket.SecRestore, fmt.Sprintf("from %s (%s), a %s snapshot taken %s", filepath.Base(path), how, h.Backend, h.Made.Format(time.RFC3339)))
	fmt.Fprintf(m.Stdout, "restored %s into %s: the snapshot of %s; run docket verify, and bring the ledger's key file (--key-file) to sign as the same log\n",
		path, db.Path, h.Made.Format(time.RFC3339))
	if len(problems) > 0 {
		return docket.Errorf(docket.ECONFLICT, "the restored security log does not verify")
	}
	return nil
}
