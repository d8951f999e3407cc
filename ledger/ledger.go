// Package ledger makes Docket's change log tamper-evident: every change (and every snapshot of
// a source) is a leaf of an append-only Merkle tree in the style of Certificate Transparency
// (RFC 6962), built with [golang.org/x/mod/sumdb/tlog], and the tree's head is published in
// checkpoints signed with the installation's ed25519 key in the [golang.org/x/mod/sumdb/note]
// format.
//
// # Leaves
//
// A leaf commits to a change record through its SHA-256 digest, never its text. A statement's
// record carries a random salt, so a published proof lets no one confirm a guessed value (a
// witness's name) by hashing candidates. The leaf text is canonical and versioned:
//
//	docket leaf v1
//	seq 42
//	kind statement
//	sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
//
// # Checkpoints
//
// A checkpoint's text is the log's origin, the tree size and the root hash in base64, one per
// line, as in the C2SP checkpoint format; the note's signature line follows.
package ledger

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

const leafHeader = "docket leaf v1\n"

// maxLeafText caps what ParseLeaf reads: a leaf is a few short lines.
const maxLeafText = 256

// Leaf is what the log commits to for one change: its sequence number, its kind and the
// SHA-256 digest of its canonical record.
type Leaf struct {
	Seq    int64
	Kind   string
	Digest [sha256.Size]byte
}

// NewLeaf returns the leaf of a change record.
func NewLeaf(seq int64, kind string, record []byte) Leaf {
	return Leaf{Seq: seq, Kind: kind, Digest: sha256.Sum256(record)}
}

// Text returns the canonical leaf text. (It is made for every change an import writes:
// appended piece by piece, not formatted, at a fifth of the cost.)
func (l Leaf) Text() []byte {
	b := make([]byte, 0, len(leafHeader)+len("seq \nkind \nsha256 \n")+20+len(l.Kind)+2*len(l.Digest))
	b = append(b, leafHeader...)
	b = append(b, "seq "...)
	b = strconv.AppendInt(b, l.Seq, 10)
	b = append(b, "\nkind "...)
	b = append(b, l.Kind...)
	b = append(b, "\nsha256 "...)
	b = hex.AppendEncode(b, l.Digest[:])
	return append(b, '\n')
}

// Hash returns the leaf's record hash in the tree.
func (l Leaf) Hash() tlog.Hash { return tlog.RecordHash(l.Text()) }

// ParseLeaf parses a leaf text strictly: non-canonical numbers, unknown lines and missing
// fields are errors, so one leaf has exactly one text.
func ParseLeaf(text []byte) (Leaf, error) {
	var l Leaf
	if len(text) > maxLeafText {
		return l, errors.New("leaf: too long")
	}
	rest, ok := bytes.CutPrefix(text, []byte(leafHeader))
	if !ok {
		return l, errors.New("leaf: not a docket leaf v1")
	}
	lines := strings.Split(string(rest), "\n")
	if len(lines) != 4 || lines[3] != "" {
		return l, errors.New("leaf: want seq, kind and sha256 lines")
	}
	seq, ok := strings.CutPrefix(lines[0], "seq ")
	n, err := strconv.ParseInt(seq, 10, 64)
	if !ok || err != nil || n < 1 || strconv.FormatInt(n, 10) != seq {
		return l, errors.New("leaf: bad seq")
	}
	kind, ok := strings.CutPrefix(lines[1], "kind ")
	if !ok || kind == "" || strings.ContainsAny(kind, " \t") {
		return l, errors.New("leaf: bad kind")
	}
	sum, ok := strings.CutPrefix(lines[2], "sha256 ")
	d, err := hex.DecodeString(sum)
	if !ok || err != nil || len(d) != sha256.Size || hex.EncodeToString(d) != sum {
		return l, errors.New("leaf: bad sha256")
	}
	l.Seq, l.Kind = n, kind
	copy(l.Digest[:], d)
	return l, nil
}

// FormatCheckpoint returns the text of a checkpoint of tree t of the log named origin.
func FormatCheckpoint(origin string, t tlog.Tree) []byte {
	return fmt.Appendf(nil, "%s\n%d\n%s\n", origin, t.N, base64.StdEncoding.EncodeToString(t.Hash[:]))
}

// ParseCheckpoint parses a checkpoint's text strictly; lines after the third are extensions
// and ignored.
func ParseCheckpoint(text []byte) (origin string, t tlog.Tree, err error) {
	lines := strings.SplitN(string(text), "\n", 4)
	if len(lines) < 4 || lines[0] == "" {
		return "", t, errors.New("checkpoint: want origin, size and root lines")
	}
	n, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || n < 0 || strconv.FormatInt(n, 10) != lines[1] {
		return "", t, errors.New("checkpoint: bad size")
	}
	h, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(h) != tlog.HashSize || base64.StdEncoding.EncodeToString(h) != lines[2] {
		return "", t, errors.New("checkpoint: bad root hash")
	}
	t.N = n
	copy(t.Hash[:], h)
	return lines[0], t, nil
}

// Sign returns a signed checkpoint note.
func Sign(origin string, t tlog.Tree, s note.Signer) ([]byte, error) {
	return note.Sign(&note.Note{Text: string(FormatCheckpoint(origin, t))}, s)
}

// OpenCheckpoint verifies a signed checkpoint with the verifier key and returns its tree.
func OpenCheckpoint(msg []byte, vkey string) (origin string, t tlog.Tree, err error) {
	v, err := note.NewVerifier(strings.TrimSpace(vkey))
	if err != nil {
		return "", t, fmt.Errorf("verifier key: %w", err)
	}
	n, err := note.Open(msg, note.VerifierList(v))
	if err != nil {
		return "", t, fmt.Errorf("checkpoint signature: %w", err)
	}
	origin, t, err = ParseCheckpoint([]byte(n.Text))
	if err != nil {
		return "", t, err
	}
	if origin != v.Name() {
		return "", t, fmt.Errorf("checkpoint of log %q is signed by key %q", origin, v.Name())
	}
	return origin, t, nil
}

// Key is an installation's signing key. The log's origin is the key's name.
type Key struct {
	Signer   note.Signer
	Verifier string // the public verifier key, as "docket key show" prints it
}

// Origin returns the name of the log the key signs.
func (k *Key) Origin() string { return k.Signer.Name() }

// GenerateKey makes a new key named name.
func GenerateKey(name string) (skey, vkey string, err error) {
	return note.GenerateKey(rand.Reader, name)
}

// ParseKey reads a private key in note format, as a key file holds it.
func ParseKey(skey string) (*Key, error) {
	s, err := note.NewSigner(strings.TrimSpace(skey))
	if err != nil {
		return nil, fmt.Errorf("signing key: %w", err)
	}
	vkey, err := verifierFor(strings.TrimSpace(skey))
	if err != nil {
		return nil, err
	}
	return &Key{Signer: s, Verifier: vkey}, nil
}

// verifierFor derives the verifier key from a private key: "PRIVATE+KEY+name+hash+key".
func verifierFor(skey string) (string, error) {
	parts := strings.SplitN(skey, "+", 5)
	if len(parts) != 5 || parts[0] != "PRIVATE" || parts[1] != "KEY" {
		return "", errors.New("signing key: not a note private key")
	}
	raw, err := base64.StdEncoding.DecodeString(parts[4])
	if err != nil || len(raw) != 33 || raw[0] != 1 {
		return "", errors.New("signing key: not an ed25519 key")
	}
	priv := ed25519.NewKeyFromSeed(raw[1:])
	return note.NewEd25519VerifierKey(parts[2], priv.Public().(ed25519.PublicKey))
}

// LoadKey reads the key file at path, creating it (mode 0600) with a new key named name when
// create is set and the file does not exist.
func LoadKey(path, name string, create bool) (*Key, error) {
	return LoadKeyWith(path, name, create, nil)
}

// SignCheckpoint signs a checkpoint of the tree of size leaves with root hash root.
func (k *Key) SignCheckpoint(size int64, root [32]byte) ([]byte, error) {
	return Sign(k.Origin(), tlog.Tree{N: size, Hash: root}, k.Signer)
}
