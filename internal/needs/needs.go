// Package needs holds the one rule for what tests need from outside the checkout: a tool
// (pg_dump, Tesseract, Chromium, an npm package) or the shared folder beside it.
package needs

import (
	"fmt"
	"os"
	"os/exec"
	"testing"
)

// Missing ends a test whose dependency is absent: in CI (CI=true), where scripts/test installs
// every dependency, it fails; in a user's own clone it skips, saying what is missing and how to
// get it.
func Missing(tb testing.TB, format string, args ...any) {
	tb.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("CI") == "true" {
		tb.Fatalf("missing in CI (scripts/test installs it): %s", msg)
	}
	tb.Skip(msg)
}

// Tool ends the test as Missing does unless each program is on the PATH; install says how to
// get them (a Debian package).
func Tool(tb testing.TB, install string, programs ...string) {
	tb.Helper()
	for _, p := range programs {
		if _, err := exec.LookPath(p); err != nil {
			Missing(tb, "%s is not installed (%s, or run ./scripts/test)", p, install)
		}
	}
}
