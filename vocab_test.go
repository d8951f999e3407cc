package docket_test

import (
	"testing"
	"testing/fstest"

	"github.com/docketorg/docket"
)

// Every vocabulary term has a label in each language of the interface, so that a Russian or
// Kazakh page never shows an English term among its own words.
func TestVocab_Languages(t *testing.T) {
	for _, name := range docket.Vocab.Names() {
		for _, term := range docket.Vocab.Terms(name) {
			if term.En == "" || term.Ru == "" || term.Kk == "" {
				t.Errorf("%s %q: en %q, ru %q, kk %q; want all three", name, term.ID, term.En, term.Ru, term.Kk)
			}
			if term.Label("kk") != term.Kk || term.Label("ru") != term.Ru || term.Label("en") != term.En || term.Label("fr") != term.En {
				t.Errorf("%s %q: Label picks the wrong language", name, term.ID)
			}
		}
	}
	for _, c := range docket.Vocab.Codes() {
		if c.TitleIn("ru") == c.Title || c.TitleIn("kk") == c.Title {
			t.Errorf("code %s has no Russian or Kazakh title", c.ID)
		}
	}
	kz, _ := docket.Vocab.Code("KZ-CC")
	for _, a := range kz.Articles {
		if a.Kk == "" || a.Label("kk") != a.Kk {
			t.Errorf("KZ-CC article %s has no Kazakh title", a.Number)
		}
	}
	// Without a Kazakh label, a Kazakh reader gets the Russian one.
	if got := (docket.Term{En: "x", Ru: "у"}).Label("kk"); got != "у" {
		t.Errorf("Label(kk) without kk = %q, want the Russian", got)
	}
}

// Columns are read by their names: a file with a column out of place or unknown is an error
// that names it, and one without kk reads as before.
func TestLoadVocabularies_Columns(t *testing.T) {
	v, err := docket.LoadVocabularies(fstest.MapFS{"vocab/x.tsv": {Data: []byte("# a list\nid\ten\tru\tnote\na\tA\tА\tnote\n")}})
	if err != nil {
		t.Fatal(err)
	}
	if term, ok := v.Term("x", "a"); !ok || term.Ru != "А" || term.Kk != "" || term.Note != "note" {
		t.Errorf("term a = %+v", term)
	}
	for _, bad := range []string{"en\tid\n", "id\ten\tde\n", "id\ten\na\tA\tB\tC\n"} {
		if _, err := docket.LoadVocabularies(fstest.MapFS{"vocab/x.tsv": {Data: []byte(bad)}}); err == nil {
			t.Errorf("columns %q: no error", bad)
		}
	}
}
