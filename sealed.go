package docket

import "strings"

// Sealed is what a store keeps in place of the content of a confidential record: that content
// encrypted under the store's data key, which is kept apart from the store (see package seal).
// Whoever holds the store without the key sees that the record exists, its kind, its id, who
// made it and when, what it is about (its entity, property, source) and how it is reviewed,
// but not what it says.
//
// A statement's value, locator, quote and salt are sealed (a reference's value, an id, stays in
// the clear: references are the shape of the registry, which every read's permissions are
// computed from); a source's URL, title, publisher, note and salt; everything a snapshot
// recorded of its fetch, and its content (see Blob.Sealed).
//
// The ledger leaf of a sealed record commits to the SHA-256 of the record in the clear, which
// the sealed record carries: re-encrypting under a new key, exporting in the clear with the
// key and importing again, or copying the sealed form without it, all keep the same ledger.
// The clear record holds a random salt, sealed with the rest, so the digest confirms no guess.
type Sealed struct {
	Key    string `json:"key"`    // the id of the data key it is sealed under
	Box    []byte `json:"box"`    // nonce, ciphertext and tag
	SHA256 string `json:"sha256"` // of the canonical record in the clear
	// Terms are the keyed search terms of its words, Name the keyed term it is looked up by
	// (a name's romanisation key, a source's URL). They are computed when it is written, with
	// the key, and kept with it, so that the search index is rebuilt from the change log
	// without the key.
	Terms []string `json:"terms,omitempty"`
	Name  string   `json:"name,omitempty"`
}

// SealedTermPrefix starts every keyed term (see package seal).
const SealedTermPrefix = "k"

// check checks a sealed record's seal, what says what the record is in messages.
func (s *Sealed) check(what string) error {
	if !validKeyID(s.Key) {
		return Errorf(EINVALID, "%s: sealed under %q, which is not a data key's id (dk- and 16 hex digits)", what, s.Key)
	}
	if len(s.Box) < 40 {
		return Errorf(EINVALID, "%s: its sealed content is too short to be a box", what)
	}
	if !isHex(s.SHA256, 64) {
		return Errorf(EINVALID, "%s: its sealed sha256 must be 64 lower-case hex digits", what)
	}
	for _, t := range append([]string{s.Name}, s.Terms...) {
		if t != "" && !IsSealedTerm(t) {
			return Errorf(EINVALID, "%s: %q is not a keyed term", what, t)
		}
	}
	return nil
}

// IsSealedTerm reports whether s has the form of a keyed term.
func IsSealedTerm(s string) bool {
	h, ok := strings.CutPrefix(s, SealedTermPrefix)
	return ok && isHex(h, 32)
}

func validKeyID(s string) bool {
	h, ok := strings.CutPrefix(s, "dk-")
	return ok && isHex(h, 16)
}

func isHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// ErrNoDataKey is the refusal of confidential data by a store that has no data key: without
// one it would lie in the store's files in the clear.
func ErrNoDataKey() error {
	return Errorf(EINVALID, "this store has no data key, so it takes no confidential data (it would lie in the store's files in the clear): "+
		"make one with docket key init-data --out FILE, keep the file apart from the store, and give it to every command with --data-key FILE or $DOCKET_DATA_KEY")
}

// ErrLocked is the answer to a write that needs what a record has sealed (a correction keeping
// its value, a corroboration comparing it) when the store was opened without its data key.
func ErrLocked(what string) error {
	return Errorf(EINVALID, "%s is locked: its content is sealed under the store's data key, which was not given (--data-key FILE or $DOCKET_DATA_KEY)", what)
}
