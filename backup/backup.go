// Package backup encrypts what leaves a store for safekeeping (the full export, a snapshot of
// the whole store) with age (filippo.io/age, https://age-encryption.org/v1): to X25519 or
// post-quantum hybrid recipients, whose identities decrypt, or with a passphrase. It also
// frames a backup file and writes files whole or not at all.
//
// age authenticates every 64 KiB chunk of what it encrypts and the end of the stream: a file
// altered, or cut short, fails to decrypt rather than give part of a registry back.
package backup

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"filippo.io/age"
	"github.com/docketorg/docket"
)

// Magic is how every age file begins.
const Magic = "age-encryption.org/v1\n"

// ScryptWorkFactor is the log2 of the scrypt work of a passphrase: age's default, about a
// second. Tests lower it; nothing else should.
var ScryptWorkFactor = 18

// Recipients returns whom to encrypt to: the age recipients given (age1… keys, or age1pq1…
// post-quantum ones), those of recipient files (one a line, # comments), or a passphrase,
// which age lets no other recipient share. It names a bad one by where it was given.
func Recipients(keys, files []string, passphrase string) ([]age.Recipient, error) {
	var out []age.Recipient
	for _, k := range keys {
		rs, err := age.ParseRecipients(strings.NewReader(strings.TrimSpace(k)))
		if err != nil {
			return nil, docket.Errorf(docket.EINVALID, "--encrypt-to %q: not an age recipient (want age1… as age-keygen or docket backup keygen prints it)", clipKey(k))
		}
		out = append(out, rs...)
	}
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return nil, docket.Errorf(docket.EINVALID, "--recipients-file %s: %v", name, err)
		}
		rs, err := age.ParseRecipients(f)
		f.Close()
		if err != nil {
			return nil, docket.Errorf(docket.EINVALID, "--recipients-file %s: %v", name, err)
		}
		out = append(out, rs...)
	}
	if passphrase != "" {
		if len(out) > 0 {
			return nil, docket.Errorf(docket.EINVALID, "a passphrase encrypts alone: give either --passphrase-file or recipients, not both")
		}
		r, err := age.NewScryptRecipient(passphrase)
		if err != nil {
			return nil, err
		}
		r.SetWorkFactor(ScryptWorkFactor)
		out = append(out, r)
	}
	return out, nil
}

// clipKey shows the start of what was given for a key, never a whole secret pasted by mistake.
func clipKey(s string) string {
	if len(s) > 12 {
		return s[:12] + "…"
	}
	return s
}

// Identities returns what decrypts: the identities of identity files (AGE-SECRET-KEY-1…, as
// age-keygen and docket backup keygen write them), or a passphrase.
func Identities(files []string, passphrase string) ([]age.Identity, error) {
	var out []age.Identity
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return nil, docket.Errorf(docket.EINVALID, "--identity %s: %v", name, err)
		}
		ids, err := age.ParseIdentities(f)
		f.Close()
		if err != nil {
			return nil, docket.Errorf(docket.EINVALID, "--identity %s: not an age identity file: %v", name, err)
		}
		out = append(out, ids...)
	}
	if passphrase != "" {
		id, err := age.NewScryptIdentity(passphrase)
		if err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, nil
}

// ReadPassphrase reads a passphrase from the first line of a file; "" for no file.
func ReadPassphrase(file string) (string, error) {
	if file == "" {
		return "", nil
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return "", docket.Errorf(docket.EINVALID, "--passphrase-file %s: %v", file, err)
	}
	line, _, _ := strings.Cut(string(b), "\n")
	line = strings.TrimRight(line, "\r")
	if line == "" {
		return "", docket.Errorf(docket.EINVALID, "--passphrase-file %s: its first line is empty", file)
	}
	return line, nil
}

// NewIdentity returns a new X25519 identity, as an identity file holds it, and its recipient.
func NewIdentity() (identity, recipient string, err error) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return "", "", err
	}
	return id.String(), id.Recipient().String(), nil
}

// Encrypt returns a writer that encrypts to the recipients into w; Close ends the stream.
func Encrypt(w io.Writer, rs []age.Recipient) (io.WriteCloser, error) {
	if len(rs) == 0 {
		return nil, docket.Errorf(docket.EINVALID, "no one to encrypt to")
	}
	return age.Encrypt(w, rs...)
}

// Encrypted reports whether what br reads begins as an age file.
func Encrypted(br *bufio.Reader) bool {
	b, _ := br.Peek(len(Magic))
	return string(b) == Magic
}

// Decrypt returns the plain text of the age file r reads. A file for other keys, a wrong
// passphrase, a damaged header, and (as it is read) a damaged or cut body are errors that say
// which.
func Decrypt(r io.Reader, ids []age.Identity) (io.Reader, error) {
	if len(ids) == 0 {
		return nil, docket.Errorf(docket.EINVALID, "the file is encrypted (age): give --identity FILE or --passphrase-file FILE to decrypt it")
	}
	pr, err := age.Decrypt(r, ids...)
	var nomatch *age.NoIdentityMatchError
	switch {
	case errors.As(err, &nomatch):
		return nil, docket.Errorf(docket.EINVALID, "the file is encrypted to another key or passphrase than those given (its recipients: %s): nothing was read", strings.Join(nomatch.StanzaTypes, ", "))
	case err != nil:
		return nil, docket.Errorf(docket.EINVALID, "the file is not an age file, or its header is damaged: %v", err)
	}
	return &checkedReader{r: pr}, nil
}

// checkedReader says what a decryption error in the body means.
type checkedReader struct{ r io.Reader }

func (c *checkedReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if err != nil && err != io.EOF {
		err = docket.Errorf(docket.EINVALID, "the encrypted file is damaged or cut short (%v): what was read of it is not to be trusted", err)
	}
	return n, err
}

// The backup file: age encrypts a header of a few lines and the store as its backend copies
// it (a SQLite file, or pg_dump's custom format), so that restore knows what it holds.

// HeaderLine is the first line of a backup's plain text.
const HeaderLine = "docket-backup v1"

// Header describes a backup.
type Header struct {
	Backend string    // sqlite or postgres
	Schema  string    // of postgres: the schema dumped
	Made    time.Time // when its snapshot was taken
	Size    int64     // the bytes that follow the header; 0 when not known ahead (a dump)
}

// WriteHeader writes a backup's header.
func WriteHeader(w io.Writer, h Header) error {
	schema := ""
	if h.Schema != "" {
		schema = "schema " + h.Schema + "\n"
	}
	_, err := fmt.Fprintf(w, "%s\nbackend %s\n%smade %s\nsize %d\n\n", HeaderLine, h.Backend, schema, h.Made.UTC().Format(time.RFC3339), h.Size)
	return err
}

// ReadHeader reads a backup's header, leaving br at what follows.
func ReadHeader(br *bufio.Reader) (Header, error) {
	var h Header
	bad := func(what string) (Header, error) {
		return h, docket.Errorf(docket.EINVALID, "not a Docket backup (%s): make one with docket backup", what)
	}
	line, err := br.ReadString('\n')
	if strings.TrimSuffix(line, "\n") != HeaderLine || err != nil {
		return bad("no " + HeaderLine + " line")
	}
	for {
		line, err = br.ReadString('\n')
		if err != nil {
			return bad("its header is cut short")
		}
		line = strings.TrimSuffix(line, "\n")
		if line == "" {
			break
		}
		k, v, _ := strings.Cut(line, " ")
		switch k {
		case "backend":
			h.Backend = v
		case "schema":
			h.Schema = v
		case "made":
			if h.Made, err = time.Parse(time.RFC3339, v); err != nil {
				return bad("a bad time")
			}
		case "size":
			if _, err := fmt.Sscanf(v, "%d", &h.Size); err != nil {
				return bad("a bad size")
			}
		}
	}
	if h.Backend != "sqlite" && h.Backend != "postgres" {
		return bad("unknown backend " + h.Backend)
	}
	return h, nil
}

// File is a file written whole or not at all: into a temporary file beside it, synced and
// renamed over it by Commit; Abort, or a Commit that fails, leaves nothing behind.
type File struct {
	*os.File
	path string
	done bool
}

// Create starts writing path, which must not exist unless overwrite is set.
func Create(path string, overwrite bool) (*File, error) {
	if !overwrite {
		if _, err := os.Lstat(path); err == nil {
			return nil, docket.Errorf(docket.ECONFLICT, "%s exists: choose another name, or remove it first", path)
		}
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, err
	}
	return &File{File: f, path: path}, nil
}

// Commit syncs the file and puts it in place.
func (f *File) Commit() error {
	if f.done {
		return nil
	}
	f.done = true
	err := f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), f.path)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", f.path, err)
	}
	return nil
}

// Abort removes the temporary file, unless Commit put it in place.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.Close()
	os.Remove(f.Name())
}
