package http_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"testing"
)

// softKey is a security key in software, as the WebAuthn specification describes one: an
// ECDSA P-256 key pair, "none" attestation, a signature counter. It answers the options the
// server sends as a browser hands them on, so that the HTTP tests and benchmarks exercise the
// server's WebAuthn checks without a browser (the browser tests use Chromium's virtual
// authenticator).
type softKey struct {
	id     []byte
	key    *ecdsa.PrivateKey
	count  uint32
	origin string // what the browser would write as the origin
	rpID   string
}

func newSoftKey(tb testing.TB, origin, rpID string) *softKey {
	tb.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		tb.Fatal(err)
	}
	id := make([]byte, 16)
	rand.Read(id)
	return &softKey{id: id, key: k, origin: origin, rpID: rpID}
}

var b64 = base64.RawURLEncoding

// cborBytes is a CBOR byte string's head and body.
func cborBytes(b []byte) []byte {
	switch n := len(b); {
	case n < 24:
		return append([]byte{0x40 | byte(n)}, b...)
	case n < 256:
		return append([]byte{0x58, byte(n)}, b...)
	default:
		return append([]byte{0x59, byte(n >> 8), byte(n)}, b...)
	}
}

func cborText(s string) []byte { return append([]byte{0x60 | byte(len(s))}, s...) }

// coseKey is the public key as COSE: {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256), -2: x, -3: y}.
func (k *softKey) coseKey() []byte {
	x, y := make([]byte, 32), make([]byte, 32)
	k.key.PublicKey.X.FillBytes(x)
	k.key.PublicKey.Y.FillBytes(y)
	out := []byte{0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21}
	out = append(out, cborBytes(x)...)
	out = append(out, 0x22)
	return append(out, cborBytes(y)...)
}

func (k *softKey) authData(flags byte, attested bool) []byte {
	rp := sha256.Sum256([]byte(k.rpID))
	out := append(rp[:], flags)
	out = binary.BigEndian.AppendUint32(out, k.count)
	if attested {
		out = append(out, make([]byte, 16)...) // AAGUID: none
		out = binary.BigEndian.AppendUint16(out, uint16(len(k.id)))
		out = append(out, k.id...)
		out = append(out, k.coseKey()...)
	}
	return out
}

func (k *softKey) clientData(typ, challenge string) []byte {
	b, _ := json.Marshal(map[string]any{"type": typ, "challenge": challenge, "origin": k.origin, "crossOrigin": false})
	return b
}

// challenge reads the challenge of the options the server answered.
func challenge(tb testing.TB, options []byte) string {
	tb.Helper()
	var o struct {
		PublicKey struct {
			Challenge string `json:"challenge"`
		} `json:"publicKey"`
	}
	if err := json.Unmarshal(options, &o); err != nil || o.PublicKey.Challenge == "" {
		tb.Fatalf("WebAuthn options without a challenge: %v\n%s", err, options)
	}
	return o.PublicKey.Challenge
}

// register answers a registration's options with a new credential, as the browser would
// send it on.
func (k *softKey) register(tb testing.TB, options []byte) string {
	tb.Helper()
	cd := k.clientData("webauthn.create", challenge(tb, options))
	att := []byte{0xa3}
	att = append(att, cborText("fmt")...)
	att = append(att, cborText("none")...)
	att = append(att, cborText("attStmt")...)
	att = append(att, 0xa0)
	att = append(att, cborText("authData")...)
	att = append(att, cborBytes(k.authData(0x45, true))...) // user present, verified, attested data
	b, _ := json.Marshal(map[string]any{"id": b64.EncodeToString(k.id), "rawId": b64.EncodeToString(k.id), "type": "public-key",
		"clientExtensionResults": map[string]any{},
		"response":               map[string]any{"clientDataJSON": b64.EncodeToString(cd), "attestationObject": b64.EncodeToString(att), "transports": []string{"usb"}}})
	return string(b)
}

// assert answers a sign-in's options, counting the signature.
func (k *softKey) assert(tb testing.TB, options []byte, userHandle string) string {
	tb.Helper()
	k.count++
	cd := k.clientData("webauthn.get", challenge(tb, options))
	ad := k.authData(0x05, false) // user present, verified
	h := sha256.Sum256(cd)
	digest := sha256.Sum256(append(append([]byte{}, ad...), h[:]...))
	sig, err := ecdsa.SignASN1(rand.Reader, k.key, digest[:])
	if err != nil {
		tb.Fatal(err)
	}
	b, _ := json.Marshal(map[string]any{"id": b64.EncodeToString(k.id), "rawId": b64.EncodeToString(k.id), "type": "public-key",
		"clientExtensionResults": map[string]any{},
		"response": map[string]any{"clientDataJSON": b64.EncodeToString(cd), "authenticatorData": b64.EncodeToString(ad),
			"signature": b64.EncodeToString(sig), "userHandle": b64.EncodeToString([]byte(userHandle))}})
	return string(b)
}
