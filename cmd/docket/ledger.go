package main

import (
	"bytes"
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/ledger"
)

// keyFlag adds --key-file and --key-passphrase-file: the installation's signing key, which
// is kept outside the store (see loadKey) and is never exported or copied with it.
func (f *flags) keyFlag() *string {
	f.StringVar(&f.keyPass, "key-passphrase-file", "", "a `file` holding the passphrase of a sealed key file (- for standard input; also $DOCKET_KEY_PASSPHRASE_FILE)")
	return f.String("key-file", "", "the ledger's signing `key file` (default: $DOCKET_KEY_FILE, or $XDG_CONFIG_HOME/docket/ORIGIN.key, named by the store's log; a ledger.key beside an older SQLite store is still read)")
}

// configDir is where keys live by default: $XDG_CONFIG_HOME/docket, or ~/.config/docket.
func configDir(getenv func(string) string) (string, error) {
	if d := getenv("XDG_CONFIG_HOME"); d != "" {
		return filepath.Join(d, "docket"), nil
	}
	if h := getenv("HOME"); h != "" {
		return filepath.Join(h, ".config", "docket"), nil
	}
	return "", docket.Errorf(docket.EINVALID, "give --key-file: neither $XDG_CONFIG_HOME nor $HOME is set, so there is no default place for keys")
}

// passphrase returns what reads the key file's passphrase, nil when none is given.
func (f *flags) passphrase() func() ([]byte, error) {
	path := f.keyPass
	if path == "" {
		path = f.m.Getenv("DOCKET_KEY_PASSPHRASE_FILE")
	}
	if path == "" {
		return nil
	}
	return func() ([]byte, error) {
		var b []byte
		var err error
		if path == "-" {
			b, err = io.ReadAll(io.LimitReader(f.m.Stdin, 4096))
		} else {
			b, err = os.ReadFile(path)
		}
		if err != nil {
			return nil, err
		}
		b = bytes.TrimRight(b, "\r\n")
		if len(b) == 0 {
			return nil, errors.New("the passphrase is empty")
		}
		return b, nil
	}
}

// loadKey finds and reads the ledger's signing key: --key-file or $DOCKET_KEY_FILE; else a
// ledger.key beside a SQLite store (where older stores made it); else the file named by the
// store's log in the config folder, $XDG_CONFIG_HOME/docket/ORIGIN.key. A store without a log
// name yet (a new one) gets a new key there when create is set, and the store records its
// name, so the key is found again without living beside the data: whoever copies the data
// folder does not copy the key, and cannot re-sign a rewritten ledger. A key inside the
// store's folder is used, with a warning.
func (f *flags) loadKey(ctx context.Context, db *store, keyFile string, create bool) (*ledger.Key, error) {
	path, name, origin, err := f.resolveKey(ctx, db, keyFile, create)
	if err != nil {
		return nil, err
	}
	k, err := ledger.LoadKeyWith(path, name, create, f.passphrase())
	if err != nil {
		return nil, docket.Errorf(docket.EINVALID, "%s", err)
	}
	if origin == "" {
		if err := db.SetLedgerOrigin(ctx, k.Origin(), k.Verifier); err != nil {
			return nil, err
		}
	}
	if storeFile, _ := f.storePath(); storeFile != "" && insideDir(path, filepath.Dir(storeFile)) {
		fmt.Fprintf(f.m.Stderr, "warning: the ledger's signing key %s is in the store's folder: whoever copies the folder can rewrite the ledger and sign it again, and docket verify would say ok. Move it out (to %s, or anywhere with --key-file), and seal it: docket key seal\n",
			path, filepath.Join("$XDG_CONFIG_HOME/docket", k.Origin()+".key"))
	}
	return k, nil
}

// resolveKey returns where the signing key is (see loadKey), the name of a key to make there,
// and the store's log name ("" when it has none yet).
func (f *flags) resolveKey(ctx context.Context, db *store, keyFile string, create bool) (path, name, origin string, err error) {
	path = cmp.Or(keyFile, f.m.Getenv("DOCKET_KEY_FILE"))
	storeFile, err := f.storePath()
	if err != nil {
		return "", "", "", err
	}
	if path == "" && storeFile != "" {
		if beside := filepath.Join(filepath.Dir(storeFile), "ledger.key"); fileExists(beside) {
			path = beside
		}
	}
	if origin, err = db.LedgerOrigin(ctx); err != nil {
		return "", "", "", err
	}
	if origin == "" {
		// A store made before origins were recorded names its log in its checkpoints.
		if cp, err := db.LatestCheckpoint(ctx); err == nil {
			origin, _, _ = strings.Cut(cp.Note, "\n")
		}
	}
	var b [4]byte
	rand.Read(b[:])
	name = "docket-" + hex.EncodeToString(b[:])
	if path != "" {
		return path, name, origin, nil
	}
	dir, err := configDir(f.m.Getenv)
	if err != nil {
		return "", "", "", err
	}
	switch {
	case origin != "":
		path = filepath.Join(dir, origin+".key")
		if !fileExists(path) {
			return "", "", "", docket.Errorf(docket.EINVALID, "this store's ledger is signed by the key %s, which is not at %s: give --key-file (keys are kept apart from stores: bring the key file when you move a store)", origin, path)
		}
	case !create:
		return "", "", "", docket.Errorf(docket.EINVALID, "this store has no signing key yet (docket key show makes one)")
	default:
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return "", "", "", err
		}
		path = filepath.Join(dir, name+".key")
	}
	return path, name, origin, nil
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// insideDir reports whether path lies in dir or below it.
func insideDir(path, dir string) bool {
	p, err1 := filepath.Abs(path)
	d, err2 := filepath.Abs(dir)
	if err1 != nil || err2 != nil {
		return false
	}
	rel, err := filepath.Rel(d, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func (m *Main) runKey(ctx context.Context, args []string) error {
	f := m.newFlags("key", `
Usage: docket key show [--key-file FILE]
       docket key seal --key-passphrase-file FILE [--key-file FILE]
       docket key init-data --out FILE [--passphrase-file FILE]
       docket key rotate-data --data-key FILE --out FILE [--passphrase-file FILE]
       docket key rotate-data --data-key FILE --out FILE --from URL --to URL [--passphrase-file FILE]

show prints the public verifier key of this installation's ledger (making the key on first
use): give it to anyone who should check your checkpoints and evidence bundles (docket
verify-bundle FILE --key KEY). The private key stays in its file, mode 0600, outside the
store: by default $XDG_CONFIG_HOME/docket/ORIGIN.key (~/.config/docket/...), named by the log
it signs, which the store records. It is never exported or copied with a store: to keep
signing as the same log after moving a store, bring the key file. A ledger.key beside an older
SQLite store is still read, with a warning: whoever copies the folder then holds the key, and
can rewrite the ledger and sign it again.

seal protects the key file with a passphrase (argon2id and XChaCha20-Poly1305): every command
that signs then needs --key-passphrase-file FILE (or $DOCKET_KEY_PASSPHRASE_FILE; - reads it
from standard input). A new key made with a passphrase given is sealed from the start.

init-data makes a data key, 32 random bytes, and writes it to a new file (mode 0600), protected
by a passphrase (argon2id and XChaCha20-Poly1305) when --passphrase-file is given. Confidential
data (confidential statements, the statements of confidential entities, confidential sources
and their snapshots) is stored encrypted under it: give it to every command with --data-key
FILE or $DOCKET_DATA_KEY (and its passphrase with --data-key-passphrase-file). A store takes
no confidential data until it has one, and then only under that key; without it the store
opens, public and internal data work, and confidential data reads as locked. Keep the file
apart from the store, and back it up: what is sealed under a lost key is lost.

rotate-data re-wraps the data key given: it writes the same key to a new file, under a new
passphrase (--passphrase-file) or none, and changes nothing in the store; delete the old file.
With --from and --to it re-encrypts instead (when the key itself may have leaked): it makes a
new data key, writes it to --out, and copies the store at --from into the new or empty store
at --to as docket copy does, every confidential record opened with the old key and sealed
with the new one (the ledger is unchanged: its leaves commit to the records in the clear),
then compares both stores in the clear. Serve the new store with the new key, and destroy the
old store, its backups and the old key: they still hold the data under the old one.

Examples:
  docket key init-data --out /media/usb/registry.datakey --passphrase-file ~/.docket-data-passphrase
  docket key show --data ./registry
  docket key seal --key-passphrase-file ~/.docket-passphrase --data ./registry
  docket key rotate-data --data-key old.datakey --out new.datakey --from sqlite:./registry/docket.db --to sqlite:./registry2/docket.db`, true)
	keyFile := f.keyFlag()
	out := f.String("out", "", "init-data: the `file` to write the new data key to, apart from the store")
	passFile := f.String("passphrase-file", "", "init-data: a `file` holding a passphrase to protect the data key with (- for standard input)")
	from := f.String("from", "", "rotate-data: re-encrypt the store at this `URL` (sqlite:PATH or postgres://...) under a new key")
	to := f.String("to", "", "rotate-data: the new or empty store `URL` to write the re-encrypted copy to")
	pos, err := f.parse(args, 1, 1)
	if err != nil {
		return err
	}
	switch pos[0] {
	case "show", "seal":
	case "init-data":
		return m.initDataKey(*out, *passFile)
	case "rotate-data":
		if *from != "" || *to != "" {
			return m.reencrypt(ctx, f, *out, *passFile, *from, *to)
		}
		return m.rotateDataKey(f, *out, *passFile)
	default:
		return docket.Errorf(docket.EINVALID, "unknown key command %q (want show, seal, init-data or rotate-data)", pos[0])
	}
	db, err := f.open(true)
	if err != nil {
		return err
	}
	defer db.Close()
	if pos[0] == "seal" {
		return m.sealKey(ctx, f, db, *keyFile)
	}
	k, err := f.loadKey(ctx, db, *keyFile, true)
	if err != nil {
		return err
	}
	fmt.Fprintln(m.Stdout, k.Verifier)
	return nil
}

// sealKey seals the ledger's key file with the passphrase given.
func (m *Main) sealKey(ctx context.Context, f *flags, db *store, keyFile string) error {
	pass := f.passphrase()
	if pass == nil {
		return docket.Errorf(docket.EINVALID, "give the passphrase: --key-passphrase-file FILE (- for standard input)")
	}
	path, _, _, err := f.resolveKey(ctx, db, keyFile, false)
	if err != nil {
		return err
	}
	if !fileExists(path) {
		return docket.Errorf(docket.ENOTFOUND, "no key file at %s", path)
	}
	if data, err := os.ReadFile(path); err == nil && ledger.Sealed(data) {
		return docket.Errorf(docket.EINVALID, "key file %s is sealed already", path)
	}
	p, err := pass()
	if err != nil {
		return docket.Errorf(docket.EINVALID, "passphrase: %s", err)
	}
	if err := ledger.SealKeyFile(path, p); err != nil {
		return docket.Errorf(docket.EINVALID, "%s", err)
	}
	fmt.Fprintf(m.Stdout, "sealed %s: commands that sign now need --key-passphrase-file\n", path)
	return nil
}

func (m *Main) runCheckpoint(ctx context.Context, args []string) error {
	f := m.newFlags("checkpoint", `
Usage: docket checkpoint [--key-file FILE]
       docket checkpoint check --against FILE|URL [--key KEY]

Signs the ledger's current head (tree size and root hash) with the installation's key, keeps
the checkpoint and prints it, with any cosignatures of witnesses gathered for it. Publish
checkpoints now and then (docket serve publishes the latest at /checkpoint): any later state
of the ledger can be proved consistent with them, so records cannot be altered or backdated
unseen.

check compares the ledger with a checkpoint published earlier (a file, or the URL of a
server's /checkpoint, fetched only because you ask): its signature (by this store's key, or
--key, the key you published), then whether the ledger still holds that tree. It reports a
ROLLBACK when the ledger has fewer leaves than the checkpoint (changes removed from its end)
and a FORK when its first leaves are not that tree (the log rewritten, even if consistently
and signed again), and exits 1; otherwise it says the ledger extends the checkpoint. It
compares with the stored tree: docket verify proves that tree is the change log's.

Examples:
  docket checkpoint --data ./registry
  docket checkpoint check --against published-2026-11.checkpoint
  docket checkpoint check --against https://registry.example.org/checkpoint`, true)
	keyFile := f.keyFlag()
	against := f.String("against", "", "check: the published checkpoint, a `FILE or URL`")
	pubKey := f.String("key", "", "check: the verifier key the checkpoint must be signed by, or a file holding it (default: this store's key)")
	pos, err := f.parse(args, 0, 1)
	if err != nil {
		return err
	}
	if len(pos) == 1 && pos[0] != "check" {
		return docket.Errorf(docket.EINVALID, "unknown checkpoint command %q (want check, or nothing to sign)", pos[0])
	}
	if (len(pos) == 1) != (*against != "") {
		return docket.Errorf(docket.EINVALID, "--against goes with docket checkpoint check, and check needs it")
	}
	db, err := f.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	if len(pos) == 1 {
		return m.checkCheckpoint(ctx, f, db, *keyFile, *against, *pubKey)
	}
	k, err := f.loadKey(ctx, db, *keyFile, true)
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

// maxPublished caps a published checkpoint read by check: a note with its signatures.
const maxPublished = 64 << 10

// checkCheckpoint compares the ledger with a checkpoint published earlier.
func (m *Main) checkCheckpoint(ctx context.Context, f *flags, db *store, keyFile, against, pubKey string) error {
	msg, err := readPublished(ctx, against)
	if err != nil {
		return err
	}
	vkey := strings.TrimSpace(pubKey)
	if b, err := os.ReadFile(vkey); vkey != "" && err == nil {
		vkey = strings.TrimSpace(string(b))
	}
	if vkey == "" {
		k, err := f.loadKey(ctx, db, keyFile, false)
		if err != nil {
			return err
		}
		vkey = k.Verifier
	}
	origin, tree, err := ledger.OpenCheckpoint(msg, vkey)
	if err != nil {
		return docket.Errorf(docket.EINVALID, "%s: %s (is it a checkpoint of this log, signed by its key?)", against, err)
	}
	size, root, err := db.TreeHash(ctx, tree.N)
	switch {
	case tree.N > size:
		fmt.Fprintf(m.Stdout, "ROLLBACK: the checkpoint of %s published %d changes; this ledger has only %d: changes were removed from its end, or this store is an older copy\n", origin, tree.N, size)
		return docket.Errorf(docket.ECONFLICT, "the ledger is behind the published checkpoint")
	case tree.N == 0:
		fmt.Fprintf(m.Stdout, "ok: the checkpoint of %s is of an empty tree\n", origin)
		return nil
	case err != nil:
		return err
	case root != tree.Hash:
		fmt.Fprintf(m.Stdout, "FORK: the first %d changes of this ledger are not the tree the checkpoint of %s published: the log was rewritten (and signed again, if its checkpoints verify)\n", tree.N, origin)
		return docket.Errorf(docket.ECONFLICT, "the ledger is not consistent with the published checkpoint")
	}
	fmt.Fprintf(m.Stdout, "ok: this ledger (%d changes) holds the tree of %d changes that the checkpoint of %s published, unchanged\n", size, tree.N, origin)
	return nil
}

// readPublished reads a published checkpoint from a file, or from a URL: a server's /checkpoint,
// or its /api/v1/ledger/checkpoint, whose JSON holds the note.
func readPublished(ctx context.Context, src string) ([]byte, error) {
	var b []byte
	if strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://") {
		req, err := http.NewRequestWithContext(ctx, "GET", src, nil)
		if err != nil {
			return nil, docket.Errorf(docket.EINVALID, "--against %q: %s", src, err)
		}
		res, err := (&http.Client{Timeout: 30 * time.Second}).Do(req)
		if err != nil {
			return nil, fmt.Errorf("fetch %s: %w", src, err)
		}
		defer res.Body.Close()
		if res.StatusCode != http.StatusOK {
			return nil, docket.Errorf(docket.EINVALID, "%s answered %s", src, res.Status)
		}
		if b, err = io.ReadAll(io.LimitReader(res.Body, maxPublished+1)); err != nil {
			return nil, fmt.Errorf("fetch %s: %w", src, err)
		}
	} else {
		var err error
		if b, err = os.ReadFile(src); err != nil {
			return nil, docket.Errorf(docket.EINVALID, "--against: %s", err)
		}
	}
	if len(b) > maxPublished {
		return nil, docket.Errorf(docket.ETOOLARGE, "%s: over %d bytes, not a checkpoint", src, maxPublished)
	}
	var j struct {
		Note string `json:"note"`
	}
	if bytes.HasPrefix(bytes.TrimSpace(b), []byte("{")) && json.Unmarshal(b, &j) == nil && j.Note != "" {
		b = []byte(j.Note)
	}
	return b, nil
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
		if k, err := f.loadKey(ctx, db, *keyFile, false); err != nil {
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
