package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/needs"
)

// ftmModel returns the folder where the @opensanctions/followthemoney package is installed:
// missing, the test fails in CI and skips in a user's own clone.
func ftmModel(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "ftm", "testdata", "followthemoney")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@opensanctions", "followthemoney")); err != nil {
		needs.Missing(t, "@opensanctions/followthemoney is not installed in %s; run npm ci there, or ./scripts/test", dir)
	}
	return dir
}

// TestExport_FtM validates the public FollowTheMoney export of the demo against the real model
// with the @opensanctions/followthemoney package, and checks it holds nothing internal.
func TestExport_FtM(t *testing.T) {
	dir := ftmModel(t)
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

// TestImport_FtM imports entities built with the @opensanctions/followthemoney package.
func TestImport_FtM(t *testing.T) {
	dir := ftmModel(t)
	built, err := exec.Command("node", filepath.Join(dir, "build.mjs")).Output()
	if err != nil {
		t.Fatalf("build.mjs: %v", err)
	}
	file := filepath.Join(t.TempDir(), "built.ftm.jsonl")
	os.WriteFile(file, built, 0o600)
	d := MustDemo(t)
	before := mustRun(t, "export", "--data", d)

	// Bad input changes nothing and says where.
	bad := filepath.Join(t.TempDir(), "bad.ftm.jsonl")
	os.WriteFile(bad, append(built, []byte(`{"id":"x1","schema":"Vessel","properties":{"name":["Ship"]}}`+"\n")...), 0o600)
	if code, _, errs := run(t, "", "import", "--format", "ftm", bad, "--data", d); code == 0 || !strings.Contains(errs, "line 9") || !strings.Contains(errs, "Vessel") {
		t.Fatalf("unknown FtM schema: exit %d, %q", code, errs)
	}
	os.WriteFile(bad, []byte(`{"id":"e1","schema":"Event","properties":{"involved":["nobody"]}}`+"\n"), 0o600)
	if code, _, errs := run(t, "", "import", "--format", "ftm", bad, "--data", d); code == 0 || !strings.Contains(errs, "nobody") {
		t.Fatalf("FtM link to nothing: exit %d, %q", code, errs)
	}
	if after := mustRun(t, "export", "--data", d); after != before {
		t.Fatal("a failed FtM import changed the store")
	}

	mustRun(t, "import", "--format", "ftm", file, "--data", d)
	k := show(t, d, "Yerlan Kaliev")
	if fact(t, &k.Entity, "birthDate").Value != "1985-04-02" || fact(t, &k.Entity, "name").Status != "draft" {
		t.Fatalf("imported person: %+v", k.Statements)
	}
	cs := referrer(t, k, "Case", func(*docket.Entity) bool { return true })
	if fact(t, cs, "number").Value != "1-234/2021" {
		t.Fatalf("imported case: %+v", cs.Statements)
	}
	ev := referrer(t, k, "Event", func(*docket.Entity) bool { return true })
	if fact(t, ev, "type").Value != "detention" || fact(t, ev, "date").Value != "2020-11" {
		t.Fatalf("imported event: %+v", ev.Statements)
	}
	judge := show(t, d, "Омарбекова")
	pos := referrer(t, judge, "Position", func(*docket.Entity) bool { return true })
	if fact(t, pos, "organization").Value != "ftm-court-taraz" || fact(t, pos, "startDate").Value != "2015" {
		t.Fatalf("imported position: %+v", pos.Statements)
	}
}
