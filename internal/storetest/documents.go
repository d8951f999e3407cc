package storetest

import (
	"strings"
	"testing"

	"github.com/docketorg/docket"
)

// DocumentBatch returns the records of one ingest of a small document as a researcher's
// plan makes them: the document's source, its content, the document, a person with a name
// and a footnote source: ids are the plan's own, which Write replaces.
func DocumentBatch(name string, file, text, public []byte, sens docket.Sensitivity) []*docket.Record {
	d := &docket.Document{ID: "plan-doc", Source: "plan-src", Name: name, ContentType: "text/plain", Format: docket.FormatText,
		SHA256: docket.SHA256Hex(file), Size: int64(len(file)), TextSHA256: docket.SHA256Hex(text), Chars: len([]rune(string(text)))}
	recs := []*docket.Record{
		{Kind: docket.KindSource, Source: &docket.Source{ID: "plan-src", Title: name, Sensitivity: sens}},
		{Kind: docket.KindSource, Source: &docket.Source{ID: "plan-fn1", URL: "https://example.org/" + name, CitedIn: "plan-src", Sensitivity: sens}},
		{Kind: docket.KindBlob, Blob: &docket.Blob{SHA256: d.SHA256, Data: file}},
		{Kind: docket.KindBlob, Blob: &docket.Blob{SHA256: d.TextSHA256, Data: text}},
	}
	if public != nil {
		d.PublicSHA256 = docket.SHA256Hex(public)
		recs = append(recs, &docket.Record{Kind: docket.KindBlob, Blob: &docket.Blob{SHA256: d.PublicSHA256, Data: public}})
	}
	return append(recs,
		&docket.Record{Kind: docket.KindDocument, Document: d},
		&docket.Record{Kind: docket.KindEntity, Entity: &docket.Entity{ID: "plan-person", Schema: "Person", Sensitivity: sens}},
		&docket.Record{Kind: docket.KindStatement, Statement: &docket.Statement{Entity: "plan-person", Property: "name", Value: "Daniyar Seitkali",
			Source: "plan-src", Locator: "chars 0-16", Quote: "Daniyar Seitkali", Sensitivity: sens}},
		&docket.Record{Kind: docket.KindStatement, Statement: &docket.Statement{Entity: "plan-person", Property: "occupation", Value: "blogger",
			Source: "plan-fn1", Locator: "chars 20-27; footnote 1", Sensitivity: sens, Status: docket.Reported}},
	)
}

func testDocuments(t *testing.T, open Opener) {
	st := open(t, NewClock().Now, Rand(5))
	file, text, stripped := []byte("PK-like bytes with Author: Ana"), []byte("Daniyar Seitkali, a blogger\n"), []byte("PK-like bytes")
	recs := DocumentBatch("release", file, text, stripped, docket.Internal)
	// A researcher's status is a draft's: asking for more writes nothing.
	err := st.Write(ctx, researcher, recs)
	wantCode(t, "a researcher's batch asking for a reviewed statement", err, docket.EFORBIDDEN)
	if n, _, _ := st.FindDocuments(ctx, admin, docket.DocumentFilter{}); n != nil {
		t.Fatalf("a refused batch wrote %d documents", len(n))
	}
	recs = DocumentBatch("release", file, text, stripped, docket.Internal)
	recs[len(recs)-1].Statement.Status = ""
	if err := st.Write(ctx, researcher, recs); err != nil {
		t.Fatal(err)
	}
	d := recs[5].Document
	src, fn, person := recs[0].Source, recs[1].Source, recs[6].Entity
	if d.ID == "plan-doc" || d.Source != src.ID || fn.CitedIn != src.ID || !strings.HasPrefix(src.ID, "src") {
		t.Fatalf("Write kept the plan's ids or lost a reference: document %+v, source %s, footnote cited in %s", d, src.ID, fn.CitedIn)
	}
	for _, r := range recs[7:] {
		if s := r.Statement; s.Entity != person.ID || s.Status != docket.Draft || s.Author == "" {
			t.Fatalf("statement %+v: want a draft of %s by the researcher", s, person.ID)
		}
	}
	if recs[8].Statement.Source != fn.ID {
		t.Fatalf("the footnote's statement cites %s, want %s", recs[8].Statement.Source, fn.ID)
	}
	wantAuthor(t, st, d.Author, "researcher")

	// The document is as secret as its source; the file as given is for staff.
	for _, v := range viewers {
		got, err := st.FindDocumentByID(ctx, v, d.ID)
		if v.Role == docket.Anonymous {
			wantCode(t, "the public reading an internal document", err, docket.ENOTFOUND)
			continue
		} else if err != nil || got.SHA256 != d.SHA256 || got.Name != "release" {
			t.Fatalf("%s reads document %+v, %v", v.Role, got, err)
		}
		if b, err := st.DocumentContent(ctx, v, d.ID, docket.DocumentFile); err != nil || string(b) != string(file) {
			t.Fatalf("%s reads the file %q, %v", v.Role, b, err)
		}
		if b, err := st.DocumentContent(ctx, v, d.ID, docket.DocumentText); err != nil || string(b) != string(text) {
			t.Fatalf("%s reads the text %q, %v", v.Role, b, err)
		}
	}
	if ds, n, err := st.FindDocuments(ctx, reader, docket.DocumentFilter{SHA256: &d.SHA256}); err != nil || n != 1 || ds[0].ID != d.ID {
		t.Fatalf("FindDocuments by SHA-256 = %v, %d, %v", ds, n, err)
	}

	// A public document: the public reads its text and the copy without author metadata, never
	// the file as given.
	pubRecs := DocumentBatch("public-release", []byte("public file, Author: Ana"), []byte("public text\n"), []byte("public file"), docket.Public)
	pubRecs[len(pubRecs)-1].Statement.Status = ""
	if err := st.Write(ctx, editor, pubRecs); err != nil {
		t.Fatal(err)
	}
	pd := pubRecs[5].Document
	if _, err := st.DocumentContent(ctx, public, pd.ID, docket.DocumentFile); err == nil {
		t.Fatal("the public was served the file as given, author metadata and all")
	} else {
		wantCode(t, "the public asking for the file as given", err, docket.ENOTFOUND)
	}
	if b, err := st.DocumentContent(ctx, public, pd.ID, docket.DocumentPublic); err != nil || string(b) != "public file" {
		t.Fatalf("the public reads the public copy %q, %v", b, err)
	}

	// A confidential document does not exist for the uncleared, by id, by bytes, in lists.
	secRecs := DocumentBatch("testimony", []byte("witness file"), []byte("witness text\n"), nil, docket.Confidential)
	err = st.Write(ctx, researcher, secRecs)
	wantCode(t, "an uncleared researcher writing confidential records", err, docket.EFORBIDDEN)
	secRecs = DocumentBatch("testimony", []byte("witness file"), []byte("witness text\n"), nil, docket.Confidential)
	if err := st.Write(ctx, cleared, secRecs); err != nil {
		t.Fatal(err)
	}
	sd := secRecs[4].Document
	for _, v := range viewers {
		_, err := st.FindDocumentByID(ctx, v, sd.ID)
		sha := sd.SHA256
		_, n, _ := st.FindDocuments(ctx, v, docket.DocumentFilter{SHA256: &sha})
		_, cerr := st.DocumentContent(ctx, v, sd.ID, docket.DocumentText)
		if v.Cleared != (err == nil) || v.Cleared != (n == 1) || v.Cleared != (cerr == nil) {
			t.Fatalf("%s (cleared %v) reads the confidential document: %v, %d by its bytes, content %v", v.Role, v.Cleared, err, n, cerr)
		}
	}

	// Nothing from outside the batch that the writer may not see: a hidden source, a hidden
	// entity; and no content that no document of the batch needs.
	bad := DocumentBatch("again", []byte("x"), []byte("y\n"), nil, docket.Internal)
	bad[len(bad)-1].Statement.Status = ""
	bad[len(bad)-1].Statement.Source = secRecs[0].Source.ID
	err = st.Write(ctx, editor, bad)
	wantCode(t, "a statement citing a confidential source by an uncleared editor", err, docket.ENOTFOUND)
	bad = DocumentBatch("again", []byte("x"), []byte("y\n"), nil, docket.Internal)
	bad[len(bad)-1].Statement.Status = ""
	bad = append(bad, &docket.Record{Kind: docket.KindStatement, Statement: &docket.Statement{Entity: secRecs[5].Entity.ID, Property: "occupation",
		Value: "lawyer", Source: "plan-src"}})
	err = st.Write(ctx, editor, bad)
	wantCode(t, "a statement about a confidential person by an uncleared editor", err, docket.EINVALID)
	bad = DocumentBatch("again", []byte("x"), []byte("y\n"), nil, docket.Internal)
	bad = append(bad, &docket.Record{Kind: docket.KindBlob, Blob: &docket.Blob{SHA256: docket.SHA256Hex([]byte("stray")), Data: []byte("stray")}})
	err = st.Write(ctx, editor, bad)
	wantCode(t, "content no document needs", err, docket.EINVALID)
	err = st.Write(ctx, reader, DocumentBatch("again", []byte("x"), []byte("y\n"), nil, docket.Internal))
	wantCode(t, "a viewer writing", err, docket.EFORBIDDEN)
	if ds, n, _ := st.FindDocuments(ctx, admin, docket.DocumentFilter{}); n != 3 {
		t.Fatalf("refused batches left documents behind: %d (%v)", n, ds)
	}

	// Documents travel with a full export, their content first, and verify.
	e1 := ExportString(t, st, admin, false)
	if i, j := strings.Index(e1, `"sha256":"`+sd.SHA256+`","data"`), strings.Index(e1, `{"kind":"document","id":"`+sd.ID); i < 0 || j < 0 || i > j {
		t.Fatal("export lacks a document's content before its record")
	}
	st2 := open(t, NewClock().Now, Rand(3))
	if _, err := ImportString(st2, admin, e1); err != nil {
		t.Fatal(err)
	}
	if e2 := ExportString(t, st2, admin, false); e2 != e1 {
		t.Fatal("export -> import -> export differs with documents")
	}
	if strings.Contains(ExportString(t, st, admin, true), `"kind":"document"`) {
		t.Fatal("the public export holds a document's record, with the hash of the file as given")
	}
	if problems, err := st.Verify(ctx, nil); err != nil || len(Found(problems)) != 0 {
		t.Fatalf("Verify = %v, %v", problems, err)
	}
	if err := st.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if ds, n, _ := st.FindDocuments(ctx, admin, docket.DocumentFilter{}); n != 3 || ds[0].ID != sd.ID {
		t.Fatalf("after a rebuild: %d documents (%v)", n, ds)
	}
	// The public's history has no document record: its hash is of the file as given.
	chs, err := st.FindChanges(ctx, public, docket.ChangeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range chs {
		if c.Kind == docket.KindDocument {
			t.Fatalf("the public's history shows document %s", c.Ref)
		}
	}
}
