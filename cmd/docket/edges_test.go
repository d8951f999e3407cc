package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// hiddenFixture is the demo with what public facts touch but the public may not see: a
// confidential witness named by a public fact of the detention, and a confidential source cited
// by a public fact of Akberdiyeva, all added on the command line by "tester".
type hiddenFixture struct {
	data, witness, source string
}

var addedRE = regexp.MustCompile(`added (?:Person|source) (\S+)`)

func mustHidden(t *testing.T) hiddenFixture {
	t.Helper()
	d := MustDemo(t)
	out := mustRun(t, "add", "source", "https://example.org/witness-contact", "--type", "testimony", "--sensitivity", "confidential", "--data", d)
	src := addedRE.FindStringSubmatch(out)
	out = mustRun(t, "add", "Person", "name=Hiddenova Witnessa", "--sensitivity", "confidential", "--source", "src-odf-2019-02-11", "--data", d)
	wit := addedRE.FindStringSubmatch(out)
	if src == nil || wit == nil {
		t.Fatalf("docket add printed no ids: %s", out)
	}
	mustRun(t, "add", "event-detention", "witness="+wit[1], "--sensitivity", "public", "--source", "src-odf-2019-02-11", "--data", d)
	mustRun(t, "add", "person-akberdiyeva", "description=A fact resting on a hidden source", "--sensitivity", "public", "--source", src[1], "--data", d)
	return hiddenFixture{data: d, witness: wit[1], source: src[1]}
}

// TestConfidentialPerson_AllPaths: a person added with confidential statements on the command
// line is a confidential entity, so the public reference to it shows nothing, not even its id.
func TestConfidentialPerson_AllPaths(t *testing.T) {
	h := mustHidden(t)
	// By its id, the witness answers the public as an id that never existed.
	code, out, errs := run(t, "", "show", h.witness, "--public", "--data", h.data)
	absent := strings.Repeat("z", len(h.witness))
	code2, out2, errs2 := run(t, "", "show", absent, "--public", "--data", h.data)
	if code != code2 || out != strings.ReplaceAll(out2, absent, h.witness) || errs != strings.ReplaceAll(errs2, absent, h.witness) {
		t.Errorf("docket show WITNESS --public: %d %q %q; an unknown id: %d %q %q", code, out, errs, code2, out2, errs2)
	}
	for _, args := range [][]string{
		{"show", "event-detention", "--public"},
		{"list", "Person", "--public", "--limit", "1000"},
		{"search", "Hiddenova", "--public"},
	} {
		_, out, errs := run(t, "", append(args, "--data", h.data)...)
		if strings.Contains(out+errs, h.witness) || strings.Contains(out+errs, "Hiddenova") {
			t.Errorf("docket %s shows the confidential witness:\n%s%s", strings.Join(args, " "), out, errs)
		}
	}
	out = mustRun(t, "show", h.witness, "--json", "--data", h.data)
	if !strings.Contains(out, `"sensitivity": "confidential"`) {
		t.Errorf("the witness is not a confidential entity:\n%s", out)
	}
}

// TestExport_PublicSelfContained: the public exports name no staff, hold no id of anything
// hidden, and the docket one imports into an empty store.
func TestExport_PublicSelfContained(t *testing.T) {
	h := mustHidden(t)
	pub := mustRun(t, "export", "--public", "--data", h.data)
	ftm := mustRun(t, "export", "--public", "--format", "ftm", "--data", h.data)
	full := mustRun(t, "export", "--data", h.data)
	for name, out := range map[string]string{"export --public": pub, "export --public --format ftm": ftm} {
		for _, secret := range []string{"tester", h.witness, h.source, "Hiddenova", "witness-contact", "hidden source"} {
			if strings.Contains(out, secret) {
				t.Errorf("%s holds %q", name, secret)
			}
		}
	}
	// The full backup keeps every author's name, in author records before the records.
	if !strings.Contains(full, `{"kind":"author","id":"a-`) || !strings.Contains(full, `"name":"tester"`) {
		t.Errorf("the full export lacks the author record of tester")
	}
	in := filepath.Join(t.TempDir(), "pub.jsonl")
	if err := os.WriteFile(in, []byte(pub), 0o600); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(t.TempDir(), "empty")
	mustRun(t, "import", in, "--data", empty)
	if again := mustRun(t, "export", "--public", "--data", empty); again != pub {
		t.Errorf("the public export imported and exported again differs")
	}
}

// TestWARC_Viewer: the WARC of the archive holds what its viewer may see.
func TestWARC_Viewer(t *testing.T) {
	h := mustHidden(t)
	full := mustRun(t, "warc", "--data", h.data)
	pub := mustRun(t, "warc", "--public", "--data", h.data)
	if !strings.HasPrefix(full, "WARC/1.1") || !strings.HasPrefix(pub, "WARC/1.1") {
		t.Fatal("not WARC files")
	}
	code, _, errs := run(t, "", "warc", h.source, "--public", "--data", h.data)
	if code == 0 || !strings.Contains(errs, "no source") {
		t.Errorf("docket warc of a confidential source as the public: exit %d, %s", code, errs)
	}
}

// TestHistory_AuthorNames: records name their authors by id; the operator reads names, the
// public reads none.
func TestHistory_AuthorNames(t *testing.T) {
	h := mustHidden(t)
	var chs []struct {
		Author string `json:"author"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "history", "person-akberdiyeva", "--json", "--data", h.data)), &chs); err != nil {
		t.Fatal(err)
	}
	for _, c := range chs {
		if c.Author == "tester" {
			t.Fatalf("a record names its author: %+v", c)
		}
	}
	if out := mustRun(t, "history", "person-akberdiyeva", "--data", h.data); !strings.Contains(out, "tester") {
		t.Errorf("the operator's history lacks the author's name:\n%s", out)
	}
	if out := mustRun(t, "history", "person-akberdiyeva", "--public", "--data", h.data); strings.Contains(out, "tester") {
		t.Errorf("the public history names the author:\n%s", out)
	}
}
