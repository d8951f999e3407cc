package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestExport_FtM validates the public FollowTheMoney export of the demo against the real model
// with the @opensanctions/followthemoney package, and checks it holds nothing internal.
func TestExport_FtM(t *testing.T) {
	dir := filepath.Join("..", "..", "ftm", "testdata", "followthemoney")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@opensanctions", "followthemoney")); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("@opensanctions/followthemoney is not installed in %s (scripts/test installs it): %v", dir, err)
		}
		t.Skipf("@opensanctions/followthemoney is not installed in %s; run npm ci there, or ./scripts/test", dir)
	}
	d := MustDemo(t)
	mustRun(t, "add", "person-akberdiyeva", "alias=Internal Alias Q", "--sensitivity", "internal", "--data", d)
	out := mustRun(t, "export", "--format", "ftm", "--public", "--data", d)
	if strings.Contains(out, "Internal Alias Q") {
		t.Fatal("the public FtM export holds an internal statement")
	}
	for _, want := range []string{`"schema":"CourtCase"`, `"schema":"CourtCaseParty"`, `"schema":"PublicBody"`, `"schema":"Occupancy"`,
		`"schema":"Event"`, "Gulnara Baiturova", "https://tumba.kz/41092.html"} {
		if !strings.Contains(out, want) {
			t.Errorf("the FtM export lacks %s", want)
		}
	}
	file := filepath.Join(t.TempDir(), "demo.ftm.jsonl")
	os.WriteFile(file, []byte(out), 0o600)
	res, err := exec.Command("node", filepath.Join(dir, "check.mjs"), file).CombinedOutput()
	if err != nil {
		t.Fatalf("the FollowTheMoney model rejects the export: %v\n%s", err, res)
	}
	if !strings.Contains(string(res), `"errors":[]`) {
		t.Fatalf("check.mjs: %s", res)
	}
	if full := mustRun(t, "export", "--format", "ftm", "--data", d); !strings.Contains(full, "Internal Alias Q") {
		t.Fatal("the operator's FtM export lacks the internal statement")
	}
	if code, _, _ := run(t, "", "export", "--format", "xml", "--data", d); code == 0 {
		t.Fatal("an unknown export format was accepted")
	}
}
