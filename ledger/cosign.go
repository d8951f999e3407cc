package ledger

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// Cosignatures, as C2SP tlog-cosignature defines them (https://c2sp.org/tlog-cosignature):
// a witness's note signature on a checkpoint, which says that, as of its time, this is the
// largest tree of the log the witness has seen consistent with every earlier one. The signed
// message is not the note's text alone but
//
//	cosignature/v1
//	time 1679315147
//	<the checkpoint's text>
//
// and the signature is the 8-byte big-endian time followed by the Ed25519 signature. A witness's
// verifier key is a note verifier key of type 0x04, so no cosignature can pass for a log's
// signature (type 0x01) or the other way round.

// algCosignatureV1 is the signed-note key type of Ed25519 cosignatures.
const algCosignatureV1 = 0x04

// A CosignatureSigner makes cosignatures: a note.Signer for note.Sign.
type CosignatureSigner struct {
	name string
	hash uint32
	key  ed25519.PrivateKey
	// Now gives the time a cosignature states; tests set it.
	Now func() time.Time
}

// Name implements note.Signer.
func (s *CosignatureSigner) Name() string { return s.name }

// KeyHash implements note.Signer.
func (s *CosignatureSigner) KeyHash() uint32 { return s.hash }

// Sign implements note.Signer: msg is the checkpoint's text.
func (s *CosignatureSigner) Sign(msg []byte) ([]byte, error) {
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	t := now().Unix()
	if t < 0 {
		return nil, errors.New("cosign: time before 1970")
	}
	m, err := cosignedMessage(uint64(t), msg)
	if err != nil {
		return nil, err
	}
	sig := binary.BigEndian.AppendUint64(make([]byte, 0, 8+ed25519.SignatureSize), uint64(t))
	return append(sig, ed25519.Sign(s.key, m)...), nil
}

// Verifier returns the verifier key of s, as witnesses publish it.
func (s *CosignatureSigner) Verifier() string {
	return formatVerifierKey(s.name, s.hash, algCosignatureV1, s.key.Public().(ed25519.PublicKey))
}

// A CosignatureVerifier checks cosignatures: a note.Verifier.
type CosignatureVerifier struct {
	name string
	hash uint32
	key  ed25519.PublicKey
	vkey string
}

// Name implements note.Verifier.
func (v *CosignatureVerifier) Name() string { return v.name }

// KeyHash implements note.Verifier.
func (v *CosignatureVerifier) KeyHash() uint32 { return v.hash }

// String returns the verifier key.
func (v *CosignatureVerifier) String() string { return v.vkey }

// Verify implements note.Verifier: msg is the checkpoint's text, sig the time and signature.
func (v *CosignatureVerifier) Verify(msg, sig []byte) bool {
	if len(sig) != 8+ed25519.SignatureSize {
		return false
	}
	t := binary.BigEndian.Uint64(sig)
	if t > math.MaxInt64 {
		return false
	}
	m, err := cosignedMessage(t, msg)
	return err == nil && ed25519.Verify(v.key, m, sig[8:])
}

// cosignedMessage returns what a cosignature signs: the header and time lines, then the
// checkpoint's text. Only a checkpoint is cosigned: a witness must never sign other text.
func cosignedMessage(t uint64, msg []byte) ([]byte, error) {
	if _, _, err := ParseCheckpoint(msg); err != nil {
		return nil, fmt.Errorf("cosign: %w", err)
	}
	m := make([]byte, 0, 40+len(msg))
	m = append(m, "cosignature/v1\ntime "...)
	m = strconv.AppendUint(m, t, 10)
	m = append(m, '\n')
	return append(m, msg...), nil
}

// NewCosignatureVerifier parses a witness's verifier key: name+hash+base64(0x04 || public key).
func NewCosignatureVerifier(vkey string) (*CosignatureVerifier, error) {
	vkey = strings.TrimSpace(vkey)
	name, hash, alg, key, err := parseVerifierKey(vkey)
	if err != nil {
		return nil, err
	}
	if alg != algCosignatureV1 {
		return nil, fmt.Errorf("witness key %s: of type %#02x, not a cosignature key (%#02x)", name, alg, algCosignatureV1)
	}
	return &CosignatureVerifier{name: name, hash: hash, key: ed25519.PublicKey(key), vkey: vkey}, nil
}

// parseVerifierKey parses a note verifier key of any type with an Ed25519 public key.
func parseVerifierKey(vkey string) (name string, hash uint32, alg byte, key []byte, err error) {
	name, rest, _ := strings.Cut(vkey, "+")
	h16, k64, _ := strings.Cut(rest, "+")
	h, err1 := strconv.ParseUint(h16, 16, 32)
	raw, err2 := base64.StdEncoding.DecodeString(k64)
	if !validKeyName(name) || len(h16) != 8 || err1 != nil || err2 != nil || len(raw) != 1+ed25519.PublicKeySize {
		return "", 0, 0, nil, fmt.Errorf("verifier key %q: want NAME+HASH+KEY as a witness or docket prints it", clip(vkey))
	}
	if keyHash(name, raw) != uint32(h) {
		return "", 0, 0, nil, fmt.Errorf("verifier key %q: its hash does not match its name and key", clip(vkey))
	}
	return name, uint32(h), raw[0], raw[1:], nil
}

// GenerateWitnessKey makes a new witness key named name, in the form of a note private key
// of type 0x04 (which note.NewSigner refuses: it is no log's key), and its verifier key.
func GenerateWitnessKey(name string) (skey, vkey string, err error) {
	if !validKeyName(name) {
		return "", "", fmt.Errorf("witness name %q: want a name without spaces or '+', such as example.org/witness", name)
	}
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return "", "", err
	}
	s := newCosignatureSigner(name, priv)
	raw := append([]byte{algCosignatureV1}, priv.Seed()...)
	skey = fmt.Sprintf("PRIVATE+KEY+%s+%08x+%s", name, s.hash, base64.StdEncoding.EncodeToString(raw))
	return skey, s.Verifier(), nil
}

// ParseWitnessKey reads a witness's private key, as GenerateWitnessKey makes it.
func ParseWitnessKey(skey string) (*CosignatureSigner, error) {
	parts := strings.SplitN(strings.TrimSpace(skey), "+", 5)
	if len(parts) != 5 || parts[0] != "PRIVATE" || parts[1] != "KEY" {
		return nil, errors.New("witness key: not a private key")
	}
	raw, err := base64.StdEncoding.DecodeString(parts[4])
	if err != nil || len(raw) != 1+ed25519.SeedSize || raw[0] != algCosignatureV1 || !validKeyName(parts[2]) {
		return nil, errors.New("witness key: not an Ed25519 cosignature key")
	}
	s := newCosignatureSigner(parts[2], ed25519.NewKeyFromSeed(raw[1:]))
	if fmt.Sprintf("%08x", s.hash) != parts[3] {
		return nil, errors.New("witness key: its hash does not match its name and key")
	}
	return s, nil
}

func newCosignatureSigner(name string, priv ed25519.PrivateKey) *CosignatureSigner {
	pub := priv.Public().(ed25519.PublicKey)
	return &CosignatureSigner{name: name, hash: keyHash(name, append([]byte{algCosignatureV1}, pub...)), key: priv}
}

// keyHash is the signed-note key id: the first four bytes of SHA-256(name || "\n" || type || key).
func keyHash(name string, key []byte) uint32 {
	h := sha256.New()
	h.Write([]byte(name))
	h.Write([]byte("\n"))
	h.Write(key)
	return binary.BigEndian.Uint32(h.Sum(nil))
}

func formatVerifierKey(name string, hash uint32, alg byte, key []byte) string {
	return fmt.Sprintf("%s+%08x+%s", name, hash, base64.StdEncoding.EncodeToString(append([]byte{alg}, key...)))
}

// validKeyName is signed-note's rule for key names: not empty, valid UTF-8, no spaces or '+'.
func validKeyName(name string) bool {
	return name != "" && utf8.ValidString(name) && strings.IndexFunc(name, unicode.IsSpace) < 0 && !strings.Contains(name, "+")
}

// clip shortens what an error repeats of its input.
func clip(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}

// Cosigned is a checkpoint with the witnesses whose cosignatures on it verify.
type Cosigned struct {
	Origin    string
	Tree      tlog.Tree
	Witnesses []Cosignature // those among the keys given whose cosignature verifies, in the order given
}

// Cosignature is one witness's verified cosignature.
type Cosignature struct {
	Name string
	Time time.Time
}

// QuorumError says that too few of the witnesses given cosigned a checkpoint.
type QuorumError struct {
	Have, Want int
	Names      []string // the witnesses that did cosign
}

func (e *QuorumError) Error() string {
	if e.Have == 0 {
		return fmt.Sprintf("no witness given cosigned the checkpoint; %d must", e.Want)
	}
	return fmt.Sprintf("only %d of the witnesses given cosigned the checkpoint (%s); %d must", e.Have, strings.Join(e.Names, ", "), e.Want)
}

// OpenCosigned verifies a checkpoint signed by the log's key and counts the cosignatures of
// the witnesses keys name that verify; it fails with a QuorumError when fewer than quorum do.
// A cosignature that does not verify under its witness's key is an error, not a miss: it was
// made for another checkpoint (a fork) or altered.
func OpenCosigned(msg []byte, logKey string, witnesses []string, quorum int) (*Cosigned, error) {
	origin, t, err := OpenCheckpoint(msg, logKey)
	if err != nil {
		return nil, err
	}
	c := &Cosigned{Origin: origin, Tree: t}
	seen := map[string]bool{}
	for _, w := range witnesses {
		v, err := NewCosignatureVerifier(w)
		if err != nil {
			return nil, err
		}
		if id := fmt.Sprintf("%s+%08x", v.name, v.hash); seen[id] {
			continue // a key given twice counts once
		} else {
			seen[id] = true
		}
		n, err := note.Open(msg, note.VerifierList(v))
		var unverified *note.UnverifiedNoteError
		switch {
		case errors.As(err, &unverified):
			continue // this witness did not cosign
		case err != nil:
			return nil, fmt.Errorf("cosignature of witness %s: %w", v.Name(), err)
		}
		for _, s := range n.Sigs {
			raw, _ := base64.StdEncoding.DecodeString(s.Base64)
			c.Witnesses = append(c.Witnesses, Cosignature{Name: s.Name, Time: time.Unix(int64(binary.BigEndian.Uint64(raw[4:])), 0).UTC()})
		}
	}
	if len(c.Witnesses) < quorum {
		e := &QuorumError{Have: len(c.Witnesses), Want: quorum}
		for _, w := range c.Witnesses {
			e.Names = append(e.Names, w.Name)
		}
		return c, e
	}
	return c, nil
}

// AddSignatures returns the note msg with the signature lines sigs added, replacing any line
// of the same key (name and hash): a witness's newer cosignature of the same checkpoint
// replaces its older one.
func AddSignatures(msg []byte, sigs []byte) ([]byte, error) {
	split := bytes.LastIndex(msg, []byte("\n\n"))
	if split < 0 || !bytes.HasSuffix(msg, []byte("\n")) || !bytes.HasSuffix(sigs, []byte("\n")) {
		return nil, errors.New("signed note: malformed")
	}
	keyOf := func(line []byte) (string, bool) {
		rest, ok := bytes.CutPrefix(line, []byte("— "))
		name, b64, _ := bytes.Cut(rest, []byte(" "))
		raw, err := base64.StdEncoding.DecodeString(string(b64))
		if !ok || err != nil || len(raw) < 5 {
			return "", false
		}
		return string(name) + "+" + fmt.Sprintf("%08x", binary.BigEndian.Uint32(raw)), true
	}
	added := map[string]bool{}
	for _, line := range bytes.SplitAfter(sigs, []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		k, ok := keyOf(bytes.TrimSuffix(line, []byte("\n")))
		if !ok {
			return nil, fmt.Errorf("signature line %q: malformed", clip(string(line)))
		}
		added[k] = true
	}
	out := append([]byte(nil), msg[:split+2]...)
	for _, line := range bytes.SplitAfter(msg[split+2:], []byte("\n")) {
		if k, ok := keyOf(bytes.TrimSuffix(line, []byte("\n"))); len(line) > 0 && !(ok && added[k]) {
			out = append(out, line...)
		}
	}
	return append(out, sigs...), nil
}
