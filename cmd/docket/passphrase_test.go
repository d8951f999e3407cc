package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal: the terminal a command reads, and the side a user types at.
func openPTY(t *testing.T) (tty, user *os.File) {
	t.Helper()
	user, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("open a pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { user.Close() })
	if err := unix.IoctlSetPointerInt(int(user.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatalf("unlock the pseudo-terminal: %v", err)
	}
	n, err := unix.IoctlGetInt(int(user.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatalf("name the pseudo-terminal: %v", err)
	}
	if tty, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0); err != nil {
		t.Fatalf("open the pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { tty.Close() })
	return tty, user
}

// TestDataKey_PassphraseAtTerminal: without --data-key-passphrase-file, a command whose data
// key is protected by a passphrase asks for it at the terminal, on standard error, and reads
// it with echo off: the passphrase typed opens the key, and the terminal does not show it.
// (Without a terminal it is refused, saying how to give one: TestDataKey_BadInput.)
func TestDataKey_PassphraseAtTerminal(t *testing.T) {
	dir, tmp := t.TempDir(), t.TempDir()
	const secret = "correct horse battery staple"
	pass := filepath.Join(tmp, "pass")
	os.WriteFile(pass, []byte(secret+"\n"), 0o600)
	key := filepath.Join(tmp, "sealed.datakey")
	mustRunNoKey(t, "key", "init-data", "--out", key, "--passphrase-file", pass)
	mustRunNoKey(t, "init", "--data", dir)

	for _, c := range []struct {
		typed string
		ok    bool
	}{{secret, true}, {"incorrect horse", false}} {
		tty, user := openPTY(t)
		env := testenv(t)
		var out bytes.Buffer
		var errb lockedBuffer
		m := &Main{Stdin: tty, Stdout: &out, Stderr: &errb, Getenv: func(k string) string {
			if k == "DOCKET_DATA_KEY" || k == "DOCKET_DATA_KEY_PASSPHRASE_FILE" {
				return ""
			}
			return env(k)
		}}
		done := make(chan int, 1)
		go func() {
			done <- m.Run(context.Background(), []string{"add", "Person", "name=Qzxtyped Witness", "--sensitivity", "confidential", "--data", dir, "--data-key", key})
		}()
		// Typed once the prompt is shown and the terminal no longer echoes, as a user would.
		deadline := time.Now().Add(10 * time.Second)
		for {
			tio, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(errb.String(), "passphrase of the data key "+key+": ") && tio.Lflag&unix.ECHO == 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("no prompt with echo off; standard error: %q", errb.String())
			}
			time.Sleep(10 * time.Millisecond)
		}
		if _, err := user.Write([]byte(c.typed + "\n")); err != nil {
			t.Fatal(err)
		}
		code := <-done
		if (code == 0) != c.ok || (!c.ok && !strings.Contains(errb.String(), "wrong passphrase")) {
			t.Fatalf("typed %q: exit %d, %s", c.typed, code, errb.String())
		}
		// What the terminal showed the user: no passphrase.
		fd := int(user.Fd())
		if err := unix.SetNonblock(fd, true); err != nil {
			t.Fatal(err)
		}
		time.Sleep(100 * time.Millisecond)
		shown := make([]byte, 4096)
		n, _ := unix.Read(fd, shown)
		if n > 0 && bytes.Contains(shown[:n], []byte("horse")) {
			t.Fatalf("the terminal echoed the passphrase: %q", shown[:n])
		}
	}
	if out := mustRunNoKey(t, "search", "Qzxtyped", "--data", dir, "--data-key", key, "--data-key-passphrase-file", pass); !strings.Contains(out, "Qzxtyped Witness") {
		t.Fatalf("the witness added with the typed passphrase:\n%s", out)
	}
}

// TestDataKey_PassphraseNotTerminal: a command whose standard input is a file or a pipe, not a
// terminal (a script, a service), is not asked for the passphrase: it is refused, saying how to
// give one, and nothing is written.
func TestDataKey_PassphraseNotTerminal(t *testing.T) {
	dir, tmp := t.TempDir(), t.TempDir()
	pass := filepath.Join(tmp, "pass")
	os.WriteFile(pass, []byte("correct horse battery staple\n"), 0o600)
	key := filepath.Join(tmp, "sealed.datakey")
	mustRunNoKey(t, "key", "init-data", "--out", key, "--passphrase-file", pass)
	mustRunNoKey(t, "init", "--data", dir)
	before := mustRunNoKey(t, "export", "--data", dir)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	w.Write([]byte("correct horse battery staple\n")) // what a script might pipe: not read
	w.Close()
	env := testenv(t)
	var out, errb bytes.Buffer
	m := &Main{Stdin: r, Stdout: &out, Stderr: &errb, Getenv: func(k string) string {
		if k == "DOCKET_DATA_KEY" || k == "DOCKET_DATA_KEY_PASSPHRASE_FILE" {
			return ""
		}
		return env(k)
	}}
	code := m.Run(context.Background(), []string{"add", "Person", "name=Qzxpiped Witness", "--sensitivity", "confidential", "--data", dir, "--data-key", key})
	if code == 0 || !strings.Contains(errb.String(), "standard input is not a terminal") || !strings.Contains(errb.String(), "--data-key-passphrase-file") {
		t.Fatalf("a piped standard input: exit %d, %s", code, errb.String())
	}
	if after := mustRunNoKey(t, "export", "--data", dir); after != before {
		t.Fatal("the refused command changed the store")
	}
}
