package main

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/ledger"
	"github.com/docketorg/docket/seal"
	"golang.org/x/term"
)

// dataKeyFlags adds --data-key and --data-key-passphrase-file to a command that opens a store:
// the key that confidential data is sealed under, kept apart from the store (package seal).
func (f *flags) dataKeyFlags() {
	f.StringVar(&f.dataKey, "data-key", "", "the data key `file` that confidential data is encrypted under (also $DOCKET_DATA_KEY; without it confidential data reads as locked and none can be added; docket key init-data makes one)")
	f.StringVar(&f.dataKeyPass, "data-key-passphrase-file", "", "a `file` holding the passphrase of a data key file made with one (- for standard input; also $DOCKET_DATA_KEY_PASSPHRASE_FILE; without either, asked at the terminal)")
}

// loadDataKey reads the data key given, or returns nil when none is.
func (f *flags) loadDataKey() (*seal.Key, error) {
	path := cmp.Or(f.dataKey, f.m.Getenv("DOCKET_DATA_KEY"))
	if path == "" {
		return nil, nil
	}
	return f.m.loadDataKeyFile(path, cmp.Or(f.dataKeyPass, f.m.Getenv("DOCKET_DATA_KEY_PASSPHRASE_FILE")))
}

// loadDataKeyFile reads a data key file, opening it with the passphrase in passFile (or typed
// at the terminal when none is given) if one protects it.
func (m *Main) loadDataKeyFile(path, passFile string) (*seal.Key, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, docket.Errorf(docket.EINVALID, "data key: %s", err)
	}
	if st, err := os.Stat(path); err == nil && st.Mode().Perm()&0o077 != 0 {
		return nil, docket.Errorf(docket.EINVALID, "data key %s is readable by others (mode %v): chmod 600 it", path, st.Mode().Perm())
	}
	if ledger.Sealed(data) {
		var pass []byte
		if passFile != "" {
			pass, err = readPassphrase(m, passFile)
		} else {
			pass, err = m.askPassphrase("passphrase of the data key " + path)
		}
		if err != nil {
			return nil, docket.Errorf(docket.EINVALID, "data key %s is protected by a passphrase: %s", path, err)
		}
		text, err := ledger.OpenSealedKey(data, pass)
		if errors.Is(err, ledger.ErrPassphrase) {
			return nil, docket.Errorf(docket.EINVALID, "data key %s: wrong passphrase", path)
		} else if err != nil {
			return nil, docket.Errorf(docket.EINVALID, "data key %s: %s", path, err)
		}
		data = []byte(text)
	}
	k, err := seal.Parse(data)
	if err != nil {
		return nil, docket.Errorf(docket.EINVALID, "data key %s: %s", path, err)
	}
	return k, nil
}

// askPassphrase reads a passphrase typed at the terminal, unechoed, after a prompt on standard
// error; when standard input is not a terminal (a script, a service) it says how to give one.
func (m *Main) askPassphrase(prompt string) ([]byte, error) {
	in, ok := m.Stdin.(*os.File)
	if !ok || !term.IsTerminal(int(in.Fd())) {
		return nil, errors.New("standard input is not a terminal to type it at: give --data-key-passphrase-file FILE (- for standard input) or $DOCKET_DATA_KEY_PASSPHRASE_FILE")
	}
	fmt.Fprintf(m.Stderr, "%s: ", prompt)
	b, err := term.ReadPassword(int(in.Fd()))
	fmt.Fprintln(m.Stderr)
	if err != nil {
		return nil, fmt.Errorf("passphrase: %w", err)
	}
	if b = bytes.TrimRight(b, "\r\n"); len(b) == 0 {
		return nil, errors.New("the passphrase is empty")
	}
	return b, nil
}

// readPassphrase reads a passphrase from a file, or standard input for "-".
func readPassphrase(m *Main, path string) ([]byte, error) {
	if path == "" {
		return nil, errors.New("give --data-key-passphrase-file FILE (- for standard input) or $DOCKET_DATA_KEY_PASSPHRASE_FILE")
	}
	var b []byte
	var err error
	if path == "-" {
		b, err = io.ReadAll(io.LimitReader(m.Stdin, 4096))
	} else {
		b, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, fmt.Errorf("passphrase: %w", err)
	}
	if b = bytes.TrimRight(b, "\r\n"); len(b) == 0 {
		return nil, errors.New("the passphrase is empty")
	}
	return b, nil
}

// useDataKey gives the open store the data key given, if any, once it is known to be the
// store's: a key of another store is refused rather than left to fail on every read.
func (f *flags) useDataKey(ctx context.Context, db *store) error {
	k, err := f.loadDataKey()
	if err != nil || k == nil {
		return err
	}
	return db.SetDataKey(ctx, k)
}

// initDataKey is docket key init-data: a new data key, written to a new file.
func (m *Main) initDataKey(out, passFile string) error {
	_, err := m.newDataKeyFile("key init-data", out, passFile)
	return err
}

// newDataKeyFile makes a data key and writes it to the new file out, under the passphrase in
// passFile if one is given.
func (m *Main) newDataKeyFile(cmd, out, passFile string) (*seal.Key, error) {
	if out == "" {
		return nil, docket.Errorf(docket.EINVALID, "%s: give --out FILE, a file apart from the store (another disk, a key you carry)", cmd)
	}
	var pass []byte
	if passFile != "" {
		var err error
		if pass, err = readPassphrase(m, passFile); err != nil {
			return nil, docket.Errorf(docket.EINVALID, "%s: %s", cmd, err)
		}
	}
	k, err := seal.Generate()
	if err != nil {
		return nil, err
	}
	if fileExists(out) {
		return nil, docket.Errorf(docket.ECONFLICT, "%s: %s exists: a data key is never overwritten (the data sealed under it would be lost)", cmd, out)
	}
	if err := ledger.WriteKeyFile(out, strings.TrimSpace(string(k.Text())), pass); err != nil {
		return nil, fmt.Errorf("%s: %w", cmd, err)
	}
	fmt.Fprintf(m.Stdout, "%s\n", k.ID())
	fmt.Fprintf(m.Stderr, "wrote the data key %s to %s: give it to every command with --data-key %s (or $DOCKET_DATA_KEY), keep it apart from the store, and back it up: without it, confidential data cannot be read\n", k.ID(), out, out)
	return k, nil
}

// rotateDataKey is docket key rotate-data: it re-wraps the data key given, writing it to a new
// file under a new passphrase (or none). The key, and so the store, is unchanged: a passphrase
// that may have leaked is retired by deleting the old file. A key that may have leaked is
// retired by reencrypt.
func (m *Main) rotateDataKey(f *flags, out, passFile string) error {
	k, err := f.loadDataKey()
	if err != nil {
		return err
	} else if k == nil {
		return docket.Errorf(docket.EINVALID, "key rotate-data: give the data key to re-wrap with --data-key FILE (or $DOCKET_DATA_KEY)")
	}
	if out == "" {
		return docket.Errorf(docket.EINVALID, "key rotate-data: give --out FILE, the new key file")
	}
	var pass []byte
	if passFile != "" {
		if pass, err = readPassphrase(m, passFile); err != nil {
			return docket.Errorf(docket.EINVALID, "key rotate-data: %s", err)
		}
	}
	if fileExists(out) {
		return docket.Errorf(docket.ECONFLICT, "key rotate-data: %s exists: give a new file (then delete the old one)", out)
	}
	if err := ledger.WriteKeyFile(out, strings.TrimSpace(string(k.Text())), pass); err != nil {
		return fmt.Errorf("key rotate-data: %w", err)
	}
	fmt.Fprintf(m.Stdout, "%s\n", k.ID())
	fmt.Fprintf(m.Stderr, "wrote the data key %s to %s, re-wrapped: the store is unchanged; delete the old file and its passphrase\n", k.ID(), out)
	return nil
}

// reencrypt is docket key rotate-data --from --to: a new data key, and a copy of the store
// sealed under it. The copy goes to another store, not over the old one: a copy is checked
// before anything is said done, and one that fails leaves the old store whole, where a store
// rewritten in place would, if interrupted, hold data under two keys. The new key is written
// first, so that nothing is ever sealed under a key that exists nowhere else.
func (m *Main) reencrypt(ctx context.Context, f *flags, out, passFile, from, to string) error {
	old, err := f.loadDataKey()
	if err != nil {
		return err
	} else if old == nil {
		return docket.Errorf(docket.EINVALID, "key rotate-data: give the data key the store is sealed under with --data-key FILE (or $DOCKET_DATA_KEY)")
	}
	if from == "" || to == "" {
		return docket.Errorf(docket.EINVALID, "key rotate-data: re-encrypting needs both --from URL (the store) and --to URL (a new or empty store for the copy)")
	}
	var k *seal.Key
	err = m.copyStore(ctx, f, from, to, old, func() (*seal.Key, error) {
		var kerr error
		k, kerr = m.newDataKeyFile("key rotate-data", out, passFile)
		return k, kerr
	})
	if err != nil && k != nil {
		return fmt.Errorf("%w (the new key %s is in %s: empty the target and run this again with another --out, and delete that file)", err, k.ID(), out)
	}
	return err
}
