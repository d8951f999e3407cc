// Package seal keeps confidential data unreadable to whoever holds a store without its data
// key: a seized server, a copied disk, a stolen backup of the database. Content is sealed with
// XChaCha20-Poly1305 under a data key that is kept apart from the store, and confidential
// names are found by keyed terms (HMAC-SHA-256), a blind index, rather than by their text.
//
// # Keys
//
// A data key is 32 random bytes. Three things are derived from it with HMAC-SHA-256 under
// distinct labels: the key that seals, the key of the blind index, and the key's id, which a
// store records so that it can tell its own key from another store's. A key file holds the
// key as text, mode 0600:
//
//	docket data key v1
//	id dk-0123456789abcdef
//	key <32 bytes in base64>
//
// and may be sealed by a passphrase (argon2id), as the ledger's key files are
// ([github.com/docketorg/docket/ledger.SealKey]).
//
// # Boxes
//
// [Key.Seal] returns a box: a random 24-byte nonce and the ciphertext with its tag. The
// additional data names what the box belongs to (a record's kind, id and the fields that decide
// who may see it), so that a box moved to another record, or a record whose visibility was
// altered in the database, does not open.
package seal

import (
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/chacha20poly1305"
)

// Size is the size of a data key in bytes.
const Size = 32

const fileHeader = "docket data key v1"

// ErrOpen is returned for a box that does not open: sealed under another key, altered, or
// moved to another record.
var ErrOpen = errors.New("seal: the box does not open with this key (another key, or altered)")

// Key is a data key, ready to seal, open and make blind terms.
type Key struct {
	raw   [Size]byte
	id    string
	aead  cipher.AEAD
	index []byte // the HMAC key of blind terms
}

// Generate makes a new data key from crypto/rand.
func Generate() (*Key, error) {
	var raw [Size]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return nil, fmt.Errorf("seal: %w", err)
	}
	return New(raw[:])
}

// New returns the data key of 32 raw bytes.
func New(raw []byte) (*Key, error) {
	if len(raw) != Size {
		return nil, fmt.Errorf("seal: a data key is %d bytes, not %d", Size, len(raw))
	}
	k := &Key{}
	copy(k.raw[:], raw)
	aead, err := chacha20poly1305.NewX(derive(raw, "docket data key v1: seal"))
	if err != nil {
		return nil, err
	}
	k.aead = aead
	k.index = derive(raw, "docket data key v1: blind index")
	k.id = "dk-" + hex.EncodeToString(derive(raw, "docket data key v1: id")[:8])
	return k, nil
}

func derive(raw []byte, label string) []byte {
	m := hmac.New(sha256.New, raw)
	m.Write([]byte(label))
	return m.Sum(nil)
}

// ID returns the key's id, "dk-" and 16 hex digits: it names the key without revealing it.
func (k *Key) ID() string { return k.id }

// ValidID reports whether s has the form of a key id.
func ValidID(s string) bool {
	h, ok := strings.CutPrefix(s, "dk-")
	if !ok || len(h) != 16 {
		return false
	}
	_, err := hex.DecodeString(h)
	return err == nil && strings.ToLower(h) == h
}

// Text returns the key as a key file holds it.
func (k *Key) Text() []byte {
	return fmt.Appendf(nil, "%s\nid %s\nkey %s\n", fileHeader, k.id, base64.StdEncoding.EncodeToString(k.raw[:]))
}

// Parse reads a key file's text (not sealed; see ledger.OpenSealedKey). The id line must be
// the key's: a file edited by hand, or cut short, is refused rather than used.
func Parse(text []byte) (*Key, error) {
	lines := strings.Split(strings.TrimSpace(string(text)), "\n")
	if len(lines) != 3 || strings.TrimSpace(lines[0]) != fileHeader {
		return nil, errors.New("not a docket data key (docket key init-data makes one)")
	}
	id, ok1 := strings.CutPrefix(strings.TrimSpace(lines[1]), "id ")
	b64, ok2 := strings.CutPrefix(strings.TrimSpace(lines[2]), "key ")
	raw, err := base64.StdEncoding.DecodeString(b64)
	if !ok1 || !ok2 || err != nil || len(raw) != Size {
		return nil, errors.New("a docket data key file, but malformed: want an id line and a key line of 32 bytes in base64")
	}
	k, err := New(raw)
	if err != nil {
		return nil, err
	}
	if k.id != id {
		return nil, fmt.Errorf("the key file says its key is %s, but the key in it is %s: the file was altered", id, k.id)
	}
	return k, nil
}

// Overhead is what sealing adds to the plaintext: the nonce and the tag.
const Overhead = chacha20poly1305.NonceSizeX + chacha20poly1305.Overhead

// Seal appends the box of plaintext, bound to ad, to dst and returns it.
func (k *Key) Seal(dst, plaintext, ad []byte) []byte {
	n := len(dst)
	dst = append(dst, make([]byte, chacha20poly1305.NonceSizeX)...)
	if _, err := rand.Read(dst[n:]); err != nil {
		panic("seal: crypto/rand: " + err.Error()) // the system's random source never fails (Go 1.24+)
	}
	return k.aead.Seal(dst, dst[n:], plaintext, ad)
}

// Open appends the plaintext of box, bound to ad, to dst and returns it, or ErrOpen.
func (k *Key) Open(dst, box, ad []byte) ([]byte, error) {
	if len(box) < Overhead {
		return nil, ErrOpen
	}
	out, err := k.aead.Open(dst, box[:chacha20poly1305.NonceSizeX], box[chacha20poly1305.NonceSizeX:], ad)
	if err != nil {
		return nil, ErrOpen
	}
	return out, nil
}

// Labels of blind terms: what a term stands for, so that a word and a URL never make the same
// term.
const (
	Word = "w" // a word's romanisation key (search)
	Name = "n" // a whole name's romanisation key (matching a name in any spelling)
	URL  = "u" // a source's URL
	Blob = "b" // content's SHA-256
)

// TermPrefix starts every blind term. Terms are lower-case letters and digits, one word to
// any full-text tokenizer, and no romanisation key has their length and form.
const TermPrefix = "k"

// Term returns the blind term of s under a label: the prefix and 128 bits of HMAC-SHA-256 in
// hex. Without the key it tells nothing of s but whether two terms are equal.
func (k *Key) Term(label, s string) string {
	m := hmac.New(sha256.New, k.index)
	m.Write([]byte(label))
	m.Write([]byte{0})
	m.Write([]byte(s))
	var sum [sha256.Size]byte
	return TermPrefix + hex.EncodeToString(m.Sum(sum[:0])[:16])
}

// IsTerm reports whether s has the form of a blind term.
func IsTerm(s string) bool {
	h, ok := strings.CutPrefix(s, TermPrefix)
	if !ok || len(h) != 32 {
		return false
	}
	for i := 0; i < len(h); i++ {
		if c := h[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// Pack encodes strings in one plaintext: each its length as a uvarint, then its bytes. It is
// read back by Unpack far faster than JSON, and reads happen on every page.
func Pack(fields ...string) []byte {
	n := 0
	for _, f := range fields {
		n += binary.MaxVarintLen32 + len(f)
	}
	b := make([]byte, 0, n)
	for _, f := range fields {
		b = binary.AppendUvarint(b, uint64(len(f)))
		b = append(b, f...)
	}
	return b
}

// Unpack decodes exactly n strings packed by Pack.
func Unpack(b []byte, n int) ([]string, error) {
	out := make([]string, 0, n)
	for range n {
		l, k := binary.Uvarint(b)
		if k <= 0 || l > uint64(len(b)-k) {
			return nil, errors.New("seal: malformed plaintext")
		}
		out = append(out, string(b[k:k+int(l)]))
		b = b[k+int(l):]
	}
	if len(b) != 0 {
		return nil, errors.New("seal: malformed plaintext")
	}
	return out, nil
}

// AD returns additional data: a label and the parts, packed, so that no two lists of parts
// give the same bytes.
func AD(label string, parts ...string) []byte {
	return Pack(append([]string{label}, parts...)...)
}
