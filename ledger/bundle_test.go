package ledger

import (
	"encoding/base64"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/docketorg/docket"
	"golang.org/x/mod/sumdb/tlog"
)

// bundleLedger is a small ledger of two cases, made in memory, and the key that signs it.
type bundleLedger struct {
	key    *Key
	recs   []*docket.Record // change seq is recs[seq-1]
	texts  [][]byte         // the canonical records
	hashes memStore
	tree   tlog.Tree
	blobs  map[string][]byte
}

const (
	body = "<p>Chairman removed on 7 February 2019.</p>"
	text = "Chairman removed on 7 February 2019.\n"
)

func newBundleLedger(t *testing.T) *bundleLedger {
	skey, _, err := GenerateKey("docket-test")
	if err != nil {
		t.Fatal(err)
	}
	key, err := ParseKey(skey)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	author := "a-0123456789abcdef"
	stmt := func(id, entity, prop, value, source, by string) *docket.Record {
		return &docket.Record{Kind: docket.KindStatement, Statement: &docket.Statement{ID: id, Entity: entity, Property: prop, Value: value, Source: source,
			Status: docket.Reported, Sensitivity: docket.Public, Author: by, CreatedAt: at, Salt: "0123456789abcdef0123456789abcdef"}}
	}
	entity := func(id, schema string) *docket.Record {
		return &docket.Record{Kind: docket.KindEntity, Entity: &docket.Entity{ID: id, Schema: schema, Sensitivity: docket.Public, Author: author, CreatedAt: at}}
	}
	source := func(id string) *docket.Record {
		return &docket.Record{Kind: docket.KindSource, Source: &docket.Source{ID: id, URL: "https://example.org/" + id, Sensitivity: docket.Public, Author: author, CreatedAt: at}}
	}
	l := &bundleLedger{key: key, blobs: map[string][]byte{docket.SHA256Hex([]byte(body)): []byte(body), docket.SHA256Hex([]byte(text)): []byte(text)}}
	l.recs = []*docket.Record{
		source("src-a"),          // 1
		entity("case-a", "Case"), // 2
		stmt("s-name", "case-a", "name", "Case of Akberdiyeva", "src-a", author),                                                      // 3
		{Kind: docket.KindStatus, Status: &docket.StatusChange{Statement: "s-name", Status: docket.Verified, Author: author, At: at}}, // 4
		source("src-b"), // 5
		{Kind: docket.KindSnapshot, Snapshot: &docket.Snapshot{ID: "snap-b", Source: "src-b", URL: "https://example.org/src-b", FinalURL: "https://example.org/src-b",
			Status: 200, SHA256: docket.SHA256Hex([]byte(body)), Size: int64(len(body)), TextSHA256: docket.SHA256Hex([]byte(text)), FetchedAt: at,
			Custody: docket.Custody{RequestedBy: author, RequestedAt: at, Via: "test"}, Author: author, CreatedAt: at}}, // 6
		entity("person-a", "Person"), // 7
		stmt("s-defendant", "case-a", "defendant", "person-a", "src-a", author),      // 8
		stmt("s-old", "person-a", "name", "Aigul Akberdiyeva", "src-a", "Ana Staff"), // 9: before authors were ids
		entity("case-b", "Case"), // 10: another case
		stmt("s-other", "case-b", "name", "Case of Baiturova", "src-a", author), // 11
	}
	for i, r := range l.recs {
		b, err := r.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		l.texts = append(l.texts, b)
		hs, err := tlog.StoredHashes(int64(i), NewLeaf(int64(i+1), r.Kind, b).Text(), &l.hashes)
		if err != nil {
			t.Fatal(err)
		}
		l.hashes = append(l.hashes, hs...)
	}
	l.tree.N = int64(len(l.recs))
	if l.tree.Hash, err = tlog.TreeHash(l.tree.N, &l.hashes); err != nil {
		t.Fatal(err)
	}
	return l
}

// leaf returns change seq as a bundle gives it, with its author withheld if it names a person.
func (l *bundleLedger) leaf(t *testing.T, seq int64) BundleLeaf {
	p, err := tlog.ProveRecord(l.tree.N, seq-1, &l.hashes)
	if err != nil {
		t.Fatal(err)
	}
	bl := BundleLeaf{Seq: seq, Index: seq - 1, Record: string(l.texts[seq-1])}
	for _, h := range p {
		bl.Proof = append(bl.Proof, base64.StdEncoding.EncodeToString(h[:]))
	}
	r := *l.recs[seq-1]
	if r.Statement != nil {
		s := *r.Statement
		r.Statement = &s
	}
	if r.RedactAuthors() {
		b, err := r.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		bl.Record, bl.Withheld, bl.Leaf = string(b), true, string(NewLeaf(seq, r.Kind, l.texts[seq-1]).Text())
	}
	return bl
}

// bundle returns the bundle of case with the changes seqs, signed, with both snapshot contents.
func (l *bundleLedger) bundle(t *testing.T, c string, seqs ...int64) *Bundle {
	cp, err := l.key.SignCheckpoint(l.tree.N, l.tree.Hash)
	if err != nil {
		t.Fatal(err)
	}
	b := &Bundle{Format: BundleFormat, Case: c, Checkpoint: string(cp)}
	for _, seq := range seqs {
		b.Leaves = append(b.Leaves, l.leaf(t, seq))
	}
	for _, sha := range slices.Sorted(func(yield func(string) bool) {
		for sha := range l.blobs {
			if !yield(sha) {
				return
			}
		}
	}) {
		b.Blobs = append(b.Blobs, docket.Blob{SHA256: sha, Data: l.blobs[sha]})
	}
	l.sign(t, b, &Manifest{Case: c, Tree: l.tree, Seqs: seqs})
	return b
}

// sign signs a list of records for b, as the key's holder can.
func (l *bundleLedger) sign(t *testing.T, b *Bundle, m *Manifest) {
	note, err := l.key.SignManifest(m)
	if err != nil {
		t.Fatal(err)
	}
	b.Manifest = string(note)
}

// caseA are the changes of case-a's bundle.
var caseA = []int64{1, 2, 3, 4, 5, 6, 7, 8, 9}

func TestVerifyBundle(t *testing.T) {
	l := newBundleLedger(t)
	rep, err := VerifyBundle(l.bundle(t, "case-a", caseA...), l.key.Verifier)
	if err != nil {
		t.Fatalf("VerifyBundle of an untouched bundle: %v", err)
	}
	if rep.Case != "case-a" || rep.TreeSize != 11 || rep.Records[docket.KindStatement] != 3 || rep.Snapshots != 1 || rep.Withheld != 1 || len(rep.Statements) != 2 {
		t.Fatalf("report = %+v", rep)
	}
	other := func(b *Bundle) { b.Leaves = append(b.Leaves, l.leaf(t, 11)) }
	without := func(seq int64) func(*Bundle) {
		return func(b *Bundle) {
			b.Leaves = slices.DeleteFunc(b.Leaves, func(x BundleLeaf) bool { return x.Seq == seq })
		}
	}
	blob := func(b *Bundle, sha string) *docket.Blob {
		for i := range b.Blobs {
			if b.Blobs[i].SHA256 == sha {
				return &b.Blobs[i]
			}
		}
		t.Fatalf("no content %s", sha)
		return nil
	}
	bodySHA, textSHA := docket.SHA256Hex([]byte(body)), docket.SHA256Hex([]byte(text))
	forged := []byte("<p>Chairman resigned.</p>")
	for _, tc := range []struct {
		name  string
		alter func(b *Bundle)
		// relist: the key's holder signs a list of the records as altered, so the rule
		// must hold whatever the list says.
		relist bool
		want   string
	}{
		{"a record removed", without(3), false, "change 3 is in the signed list of the case's records but not in the bundle: a record was removed"},
		{"the last record removed", without(9), false, "change 9 is in the signed list"},
		{"the case relabelled", func(b *Bundle) { b.Case = "case-b" }, false, "the bundle is labelled case case-b, but its signed list of records is of case case-a"},
		{"the case relabelled, and listed so", func(b *Bundle) { b.Case = "case-b" }, true, "the bundle is labelled case case-b, but holds no record of it"},
		{"a person labelled as the case", func(b *Bundle) { b.Case = "person-a" }, true, "the bundle is labelled case person-a, but its record is of a Person"},
		{"a record of another case added", other, false, "change 11 (statement) is not in the signed list of the case's records: it was added to the bundle"},
		{"a record given twice", func(b *Bundle) { b.Leaves = append(b.Leaves, b.Leaves[2]) }, false, "change 3 is given twice"},
		{"a record given twice, and listed so", func(b *Bundle) { b.Leaves = append(b.Leaves, b.Leaves[2]) }, true, "change 3 is given twice"},
		{"a record at another leaf", func(b *Bundle) { b.Leaves[2].Index = 3 }, false, "change 3 is given as leaf 3, but change 3 is leaf 2"},
		{"a record renumbered", func(b *Bundle) { b.Leaves[2].Seq, b.Leaves[2].Index = 10, 9 }, true, "change 10 (statement): not in the signed ledger"},
		{"a record altered", func(b *Bundle) {
			b.Leaves[2].Record = strings.Replace(b.Leaves[2].Record, "Akberdiyeva", "Akbergenova", 1)
		}, false, "change 3 (statement): not in the signed ledger"},
		{"a withheld record's leaf swapped", func(b *Bundle) { b.Leaves[8].Leaf = string(NewLeaf(8, docket.KindStatement, l.texts[7]).Text()) }, false,
			"change 9: its leaf is of change 8, a statement"},
		{"a snapshot's body altered", func(b *Bundle) { blob(b, bodySHA).Data = forged }, false, "content " + bodySHA + ": its data has another SHA-256: it was altered"},
		{"a snapshot's body replaced, with its SHA-256", func(b *Bundle) {
			x := blob(b, bodySHA)
			x.Data, x.SHA256 = forged, docket.SHA256Hex(forged)
		}, false, "snapshot snap-b: its content " + bodySHA + " is not in the bundle"},
		{"a snapshot's text removed", func(b *Bundle) {
			b.Blobs = slices.DeleteFunc(b.Blobs, func(x docket.Blob) bool { return x.SHA256 == textSHA })
		}, false, "snapshot snap-b: its content " + textSHA + " is not in the bundle"},
		{"content of no snapshot added", func(b *Bundle) {
			b.Blobs = append(b.Blobs, docket.Blob{SHA256: docket.SHA256Hex(forged), Data: forged})
		}, false,
			"content " + docket.SHA256Hex(forged) + " is no snapshot's in the bundle"},
		{"a reviewed statement left out", without(3), true, "the bundle holds a review of statement s-name but not the statement"},
		{"a cited source left out", without(1), true, "the bundle holds a statement citing source src-a but not the source"},
		{"a snapshot's source left out", without(5), true, "the bundle holds a snapshot of source src-b but not the source"},
		{"the list signed by another key", func(b *Bundle) {
			skey, _, _ := GenerateKey("docket-test")
			k, _ := ParseKey(skey)
			note, _ := k.SignManifest(&Manifest{Case: "case-a", Tree: l.tree, Seqs: caseA})
			b.Manifest = string(note)
		}, false, "signature of the list of records"},
		{"no list", func(b *Bundle) { b.Manifest = "" }, false, "signature of the list of records: malformed note"},
		{"a checkpoint for the list", func(b *Bundle) { b.Manifest = b.Checkpoint }, false, "list of records: not a docket bundle list v1"},
		{"the list of another tree", func(b *Bundle) {
			l.sign(t, b, &Manifest{Case: "case-a", Tree: tlog.Tree{N: 10, Hash: l.tree.Hash}, Seqs: caseA})
		}, false, "its signed list of records is of a tree of size 10, its checkpoint of one of size 11"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := l.bundle(t, "case-a", caseA...)
			tc.alter(b)
			if tc.relist {
				var seqs []int64
				for _, x := range b.Leaves {
					if !slices.Contains(seqs, x.Seq) {
						seqs = append(seqs, x.Seq)
					}
				}
				slices.Sort(seqs)
				l.sign(t, b, &Manifest{Case: b.Case, Tree: l.tree, Seqs: seqs})
			}
			_, err := VerifyBundle(b, l.key.Verifier)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("VerifyBundle = %v, want %q", err, tc.want)
			}
		})
	}
}

// A bundle in which a record is not public fails, even when its proof holds: the key's holder
// cannot publish one by listing it.
func TestVerifyBundle_NotPublic(t *testing.T) {
	l := newBundleLedger(t)
	e := l.recs[6].Entity
	e.Sensitivity = docket.Internal
	l = rebuild(t, l)
	_, err := VerifyBundle(l.bundle(t, "case-a", caseA...), l.key.Verifier)
	if err == nil || !strings.Contains(err.Error(), "change 7: a internal record in a bundle that must be public") {
		t.Fatalf("VerifyBundle of a bundle with an internal record = %v", err)
	}
}

// rebuild makes l's ledger again from its records, as altered.
func rebuild(t *testing.T, l *bundleLedger) *bundleLedger {
	n := &bundleLedger{key: l.key, recs: l.recs, blobs: l.blobs}
	for i, r := range n.recs {
		b, err := r.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		n.texts = append(n.texts, b)
		hs, err := tlog.StoredHashes(int64(i), NewLeaf(int64(i+1), r.Kind, b).Text(), &n.hashes)
		if err != nil {
			t.Fatal(err)
		}
		n.hashes = append(n.hashes, hs...)
	}
	n.tree.N = int64(len(n.recs))
	var err error
	if n.tree.Hash, err = tlog.TreeHash(n.tree.N, &n.hashes); err != nil {
		t.Fatal(err)
	}
	return n
}

// A bundle made before lists of records (v1) is checked record by record, and said to verify
// only in part: a record removed from it cannot be told.
func TestVerifyBundle_Unlisted(t *testing.T) {
	l := newBundleLedger(t)
	for _, seqs := range [][]int64{caseA, {1, 2, 3, 4, 5, 6, 7, 9}} {
		b := l.bundle(t, "case-a", seqs...)
		b.Format, b.Manifest = "docket-bundle v1", ""
		_, err := VerifyBundle(b, l.key.Verifier)
		var unlisted *UnlistedError
		if !errors.As(err, &unlisted) || unlisted.Report.Records[docket.KindStatement] != len(seqs)-6 || !strings.Contains(err.Error(), "would not be noticed") {
			t.Fatalf("VerifyBundle of a v1 bundle = %v, want an UnlistedError", err)
		}
		b.Leaves[2].Record = strings.Replace(b.Leaves[2].Record, "Akberdiyeva", "Akbergenova", 1)
		if _, err := VerifyBundle(b, l.key.Verifier); err == nil || errors.As(err, &unlisted) {
			t.Fatalf("VerifyBundle of an altered v1 bundle = %v, want it refused", err)
		}
	}
}

func TestManifest(t *testing.T) {
	m := &Manifest{Case: "case-a", Tree: tlog.Tree{N: 11, Hash: tlog.Hash{1, 2, 3}}, Seqs: []int64{1, 5, 42}}
	text, err := FormatManifest(m)
	if err != nil {
		t.Fatal(err)
	}
	want := "docket bundle list v1\ncase case-a\ntree 11 " + base64.StdEncoding.EncodeToString(m.Tree.Hash[:]) + "\n1\n5\n42\n"
	if string(text) != want {
		t.Fatalf("FormatManifest = %q, want %q", text, want)
	}
	got, err := ParseManifest(text)
	if err != nil || got.Case != m.Case || got.Tree != m.Tree || !slices.Equal(got.Seqs, m.Seqs) {
		t.Fatalf("ParseManifest(FormatManifest) = %+v, %v", got, err)
	}
	for _, bad := range []string{
		"", want[:len(want)-1], strings.Replace(want, "\n5\n", "\n05\n", 1), strings.Replace(want, "\n5\n", "\n42\n", 1),
		strings.Replace(want, "\n1\n", "\n0\n", 1), strings.Replace(want, "case case-a", "case case a", 1),
		strings.Replace(want, "tree 11", "tree 011", 1), strings.Replace(want, "list v1", "list v2", 1), want + "\n",
		"docket-test\n11\n" + base64.StdEncoding.EncodeToString(m.Tree.Hash[:]) + "\n", // a checkpoint
	} {
		if _, err := ParseManifest([]byte(bad)); err == nil {
			t.Errorf("ParseManifest(%q) succeeded", bad)
		}
	}
	if _, _, err := ParseCheckpoint(text); err == nil {
		t.Error("a list of records reads as a checkpoint")
	}
	for _, bad := range []*Manifest{{Case: "case a", Seqs: []int64{1}}, {Case: "c", Seqs: []int64{2, 1}}, {Case: "c", Seqs: []int64{0}}} {
		if _, err := FormatManifest(bad); err == nil {
			t.Errorf("FormatManifest(%+v) succeeded", bad)
		}
	}
}

func mustJSON(t *testing.T, r *docket.Record) string {
	b, err := r.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
