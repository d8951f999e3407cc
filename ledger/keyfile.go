package ledger

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/chacha20poly1305"
)

// Key files hold a private key as a line of text (a note private key), mode 0600. A key file
// may be protected by a passphrase: the key is then sealed with XChaCha20-Poly1305 under a key
// derived from the passphrase with argon2id, whose costs and salt the file names:
//
//	docket sealed key v1
//	argon2id 3 65536 4 <salt in base64>
//	<nonce and sealed key in base64>
//
// Whoever copies the file without the passphrase cannot sign with it.

const sealedHeader = "docket sealed key v1\n"

// Argon2id costs of a new sealed key file: a second or so, 64 MiB.
const (
	sealTime    = 3
	sealMemory  = 64 << 10 // KiB
	sealThreads = 4
)

// ErrPassphrase is returned for a sealed key file when the passphrase is wrong.
var ErrPassphrase = errors.New("wrong passphrase")

// Sealed reports whether a key file's content is sealed by a passphrase.
func Sealed(data []byte) bool { return bytes.HasPrefix(data, []byte(sealedHeader)) }

// SealKey seals a private key with a passphrase.
func SealKey(skey string, passphrase []byte) ([]byte, error) {
	if len(passphrase) == 0 {
		return nil, errors.New("seal key: empty passphrase")
	}
	salt := make([]byte, 16)
	rand.Read(salt)
	head := fmt.Sprintf("%sargon2id %d %d %d %s\n", sealedHeader, sealTime, sealMemory, sealThreads, base64.StdEncoding.EncodeToString(salt))
	aead, err := chacha20poly1305.NewX(argon2.IDKey(passphrase, salt, sealTime, sealMemory, sealThreads, chacha20poly1305.KeySize))
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, aead.NonceSize(), aead.NonceSize()+len(skey)+aead.Overhead())
	rand.Read(nonce)
	sealed := aead.Seal(nonce, nonce, []byte(skey), []byte(head)) // the header is authenticated
	return []byte(head + base64.StdEncoding.EncodeToString(sealed) + "\n"), nil
}

// OpenSealedKey opens a sealed key file's content with the passphrase.
func OpenSealedKey(data, passphrase []byte) (string, error) {
	lines := strings.Split(string(data), "\n")
	if len(lines) != 4 || lines[3] != "" || lines[0]+"\n" != sealedHeader {
		return "", errors.New("sealed key: malformed")
	}
	f := strings.Fields(lines[1])
	if len(f) != 5 || f[0] != "argon2id" {
		return "", errors.New("sealed key: malformed argon2id line")
	}
	var costs [3]uint64
	for i := range costs {
		n, err := strconv.ParseUint(f[1+i], 10, 32)
		if err != nil || n == 0 {
			return "", errors.New("sealed key: malformed argon2id costs")
		}
		costs[i] = n
	}
	// Costs come from the file: cap them, so that a crafted file cannot take the machine.
	if costs[0] > 64 || costs[1] > 4<<20 || costs[2] > 255 {
		return "", errors.New("sealed key: argon2id costs out of range")
	}
	salt, err1 := base64.StdEncoding.DecodeString(f[4])
	sealed, err2 := base64.StdEncoding.DecodeString(lines[2])
	if err1 != nil || err2 != nil || len(salt) < 8 {
		return "", errors.New("sealed key: malformed base64")
	}
	aead, err := chacha20poly1305.NewX(argon2.IDKey(passphrase, salt, uint32(costs[0]), uint32(costs[1]), uint8(costs[2]), chacha20poly1305.KeySize))
	if err != nil {
		return "", err
	}
	if len(sealed) < aead.NonceSize()+aead.Overhead() {
		return "", errors.New("sealed key: too short")
	}
	head := lines[0] + "\n" + lines[1] + "\n"
	skey, err := aead.Open(nil, sealed[:aead.NonceSize()], sealed[aead.NonceSize():], []byte(head))
	if err != nil {
		return "", ErrPassphrase
	}
	return string(skey), nil
}

// ReadKeyFile returns the private key in the file at path, opening it with the passphrase
// when it is sealed (passphrase nil: a sealed file is refused, saying so). A file others may
// read is refused.
func ReadKeyFile(path string, passphrase func() ([]byte, error)) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("read key file: %w", err)
	}
	if st, err := os.Stat(path); err == nil && st.Mode().Perm()&0o077 != 0 {
		return "", fmt.Errorf("key file %s is readable by others (mode %v); chmod 600 it", path, st.Mode().Perm())
	}
	if !Sealed(data) {
		return strings.TrimSpace(string(data)), nil
	}
	if passphrase == nil {
		return "", fmt.Errorf("key file %s is sealed by a passphrase: give --key-passphrase-file (or $DOCKET_KEY_PASSPHRASE_FILE)", path)
	}
	pass, err := passphrase()
	if err != nil {
		return "", fmt.Errorf("passphrase of key file %s: %w", path, err)
	}
	skey, err := OpenSealedKey(data, pass)
	if err != nil {
		return "", fmt.Errorf("key file %s: %w", path, err)
	}
	return skey, nil
}

// WriteKeyFile writes a private key to a new file at path, mode 0600, sealed by the
// passphrase when one is given. It writes a temporary file beside it and renames it into
// place only when path does not exist, so a key is never overwritten or half written.
func WriteKeyFile(path, skey string, passphrase []byte) error {
	data := []byte(skey + "\n")
	if passphrase != nil {
		var err error
		if data, err = SealKey(skey, passphrase); err != nil {
			return err
		}
	}
	return writeNew(path, data, false)
}

// SealKeyFile seals the key file at path with a passphrase, in place.
func SealKeyFile(path string, passphrase []byte) error {
	skey, err := ReadKeyFile(path, nil)
	if err != nil {
		return err
	}
	data, err := SealKey(skey, passphrase)
	if err != nil {
		return err
	}
	return writeNew(path, data, true)
}

// writeNew writes data to path through a temporary file, fsynced; replace says whether an
// existing file may be replaced.
func writeNew(path string, data []byte, replace bool) error {
	if !replace {
		if _, err := os.Lstat(path); err == nil {
			return fmt.Errorf("key file %s exists already", path)
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".key-*")
	if err != nil {
		return fmt.Errorf("create key file: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write key file: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if !replace {
		// Link, not rename: it fails if another process made the file meanwhile.
		if err := os.Link(tmp.Name(), path); err != nil {
			return fmt.Errorf("create key file: %w", err)
		}
		return nil
	}
	return os.Rename(tmp.Name(), path)
}

// LoadKeyWith is LoadKey for a key file that may be sealed: passphrase gives the passphrase
// to open it, and to seal a new one (nil: a new key file is not sealed).
func LoadKeyWith(path, name string, create bool, passphrase func() ([]byte, error)) (*Key, error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) && create {
		skey, _, err := GenerateKey(name)
		if err != nil {
			return nil, err
		}
		var pass []byte
		if passphrase != nil {
			if pass, err = passphrase(); err != nil {
				return nil, fmt.Errorf("passphrase of the new key file %s: %w", path, err)
			}
		}
		if err := WriteKeyFile(path, skey, pass); err != nil {
			return nil, err
		}
		return ParseKey(skey)
	}
	skey, err := ReadKeyFile(path, passphrase)
	if err != nil {
		return nil, err
	}
	return ParseKey(skey)
}
