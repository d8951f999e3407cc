package ledger

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/mod/sumdb/note"
)

func mustWitnessKey(t testing.TB, name string) (*CosignatureSigner, string) {
	t.Helper()
	skey, vkey, err := GenerateWitnessKey(name)
	if err != nil {
		t.Fatal(err)
	}
	s, err := ParseWitnessKey(skey)
	if err != nil {
		t.Fatal(err)
	}
	if s.Verifier() != vkey {
		t.Fatalf("ParseWitnessKey(...).Verifier() = %s, want %s", s.Verifier(), vkey)
	}
	return s, vkey
}

func mustLogKey(t testing.TB, name string) *Key {
	t.Helper()
	skey, _, err := GenerateKey(name)
	if err != nil {
		t.Fatal(err)
	}
	k, err := ParseKey(skey)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// TestCosignature_Spec checks a cosignature against the text of C2SP tlog-cosignature itself,
// not against our verifier: the key id is SHA-256(name || "\n" || 0x04 || key)[:4], the
// signature is the 8-byte big-endian time and an Ed25519 signature over
// "cosignature/v1\ntime T\n" followed by the checkpoint's text.
func TestCosignature_Spec(t *testing.T) {
	w, vkey := mustWitnessKey(t, "witness.example/w1")
	w.Now = func() time.Time { return time.Unix(1679315147, 0) }
	log := mustLogKey(t, "example.com/behind-the-sofa")
	cp, err := log.SignCheckpoint(20852163, [32]byte{1, 2, 3})
	if err != nil {
		t.Fatal(err)
	}
	text, _, _ := strings.Cut(string(cp), "\n\n")
	text += "\n"
	cosigned, err := note.Sign(&note.Note{Text: text}, w)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.TrimSuffix(string(cosigned[len(text)+1:]), "\n")
	name, b64, _ := strings.Cut(strings.TrimPrefix(line, "— "), " ")
	raw, _ := base64.StdEncoding.DecodeString(b64)
	_, _, alg, pub, err := parseVerifierKey(vkey)
	if err != nil || alg != 0x04 || name != "witness.example/w1" || len(raw) != 4+8+64 {
		t.Fatalf("cosignature line %q (alg %#x, %v)", line, alg, err)
	}
	if want := keyHash(name, append([]byte{0x04}, pub...)); binary.BigEndian.Uint32(raw) != want {
		t.Errorf("key id %x, want %x", raw[:4], want)
	}
	if ts := binary.BigEndian.Uint64(raw[4:]); ts != 1679315147 {
		t.Errorf("timestamp %d, want 1679315147", ts)
	}
	msg := "cosignature/v1\ntime 1679315147\n" + text
	if !ed25519.Verify(ed25519.PublicKey(pub), []byte(msg), raw[12:]) {
		t.Errorf("the signature is not an Ed25519 signature of the message the spec gives:\n%s", msg)
	}
	// And the verifier agrees; altering the time or the text breaks it.
	v, err := NewCosignatureVerifier(vkey)
	if err != nil {
		t.Fatal(err)
	}
	if !v.Verify([]byte(text), raw[4:]) {
		t.Error("the verifier rejects a good cosignature")
	}
	bad := append([]byte(nil), raw[4:]...)
	bad[7]++
	if v.Verify([]byte(text), bad) {
		t.Error("the verifier accepts a cosignature whose time was altered")
	}
	if v.Verify([]byte(strings.Replace(text, "20852163", "20852164", 1)), raw[4:]) {
		t.Error("the verifier accepts a cosignature of another tree")
	}
	// A witness signs checkpoints only.
	if _, err := w.Sign([]byte("anything else\n")); err == nil {
		t.Error("a witness signed text that is not a checkpoint")
	}
}

// TestCosignature_Keys: a log's key is no witness key and the other way round; malformed keys
// are refused with what is wrong.
func TestCosignature_Keys(t *testing.T) {
	log := mustLogKey(t, "docket-log")
	if _, err := NewCosignatureVerifier(log.Verifier); err == nil || !strings.Contains(err.Error(), "not a cosignature key") {
		t.Errorf("NewCosignatureVerifier(a log key) = %v, want a refusal", err)
	}
	skey, vkey, _ := GenerateWitnessKey("w")
	if _, err := note.NewSigner(skey); err == nil {
		t.Error("a witness key serves as a log's note signer")
	}
	if _, err := note.NewVerifier(vkey); err == nil {
		t.Error("a witness verifier key serves as a log's note verifier")
	}
	for _, bad := range []string{"", "w", "w+00000000+BAAA", vkey[:len(vkey)-4] + "AAAA", strings.Replace(vkey, "w+", "x+", 1)} {
		if _, err := NewCosignatureVerifier(bad); err == nil {
			t.Errorf("NewCosignatureVerifier(%q) accepted", bad)
		}
	}
	if _, _, err := GenerateWitnessKey("has space"); err == nil {
		t.Error("a witness name with a space was accepted")
	}
}

// TestOpenCosigned: the quorum counts the witnesses given whose cosignature verifies, each
// once; a cosignature of another tree is an error.
func TestOpenCosigned(t *testing.T) {
	log := mustLogKey(t, "docket-log")
	w1, v1 := mustWitnessKey(t, "w1")
	w2, v2 := mustWitnessKey(t, "w2")
	_, v3 := mustWitnessKey(t, "w3")
	cp, _ := log.SignCheckpoint(10, [32]byte{9})
	text, _, _ := strings.Cut(string(cp), "\n\n")
	sigs, _ := note.Sign(&note.Note{Text: text + "\n"}, w1, w2)
	msg, err := AddSignatures(cp, sigs[len(text)+2:])
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := OpenCheckpoint(msg, log.Verifier); err != nil {
		t.Fatalf("a cosigned checkpoint no longer opens with the log's key: %v", err)
	}
	c, err := OpenCosigned(msg, log.Verifier, []string{v1, v2, v3}, 2)
	if err != nil || len(c.Witnesses) != 2 || c.Tree.N != 10 {
		t.Fatalf("OpenCosigned(2 of 3) = %+v, %v", c, err)
	}
	var q *QuorumError
	if _, err := OpenCosigned(msg, log.Verifier, []string{v1, v2, v3}, 3); !errors.As(err, &q) || q.Have != 2 {
		t.Errorf("OpenCosigned(3 of 3) = %v, want a QuorumError with 2", err)
	}
	if _, err := OpenCosigned(msg, log.Verifier, []string{v1, v1}, 2); !errors.As(err, &q) {
		t.Errorf("one witness given twice counted twice: %v", err)
	}
	if _, err := OpenCosigned(cp, log.Verifier, []string{v1}, 1); !errors.As(err, &q) || q.Have != 0 {
		t.Errorf("OpenCosigned(no cosignature) = %v, want a QuorumError", err)
	}
	// Cosignatures moved onto a checkpoint of another tree (a fork) do not count: they fail.
	other, _ := log.SignCheckpoint(10, [32]byte{8})
	moved, _ := AddSignatures(other, sigs[len(text)+2:])
	if _, err := OpenCosigned(moved, log.Verifier, []string{v1, v2}, 1); err == nil || errors.As(err, &q) {
		t.Errorf("cosignatures of another tree: %v, want an invalid signature", err)
	}
	// A witness's newer cosignature replaces its older one.
	w1.Now = func() time.Time { return time.Now().Add(time.Hour) }
	again, _ := note.Sign(&note.Note{Text: text + "\n"}, w1)
	msg2, _ := AddSignatures(msg, again[len(text)+2:])
	if n := strings.Count(string(msg2), "— w1 "); n != 1 {
		t.Errorf("after a second cosignature of w1 the note holds %d of its lines, want 1:\n%s", n, msg2)
	}
	if _, err := OpenCosigned(msg2, log.Verifier, []string{v1, v2}, 2); err != nil {
		t.Error(err)
	}
}
