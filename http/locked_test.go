package http_test

import (
	"context"
	"strings"
	"testing"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/storetest"
)

// TestLocked_WithoutDataKey: a server whose store has not the data key shows a cleared viewer
// that a confidential witness exists, with her name locked (said, never blank), in the API and
// on the entity page, and that a confidential document exists, locked, on its page and in the
// list of documents, serving none of its content; with the key, her name and its text.
func TestLocked_WithoutDataKey(t *testing.T) {
	db, s := MustOpenServer(t)
	ctx := context.Background()
	src := &docket.Source{URL: "https://example.org/report", Title: "Report", Sensitivity: docket.Public}
	if err := db.CreateSource(ctx, docket.Operator("test"), src); err != nil {
		t.Fatal(err)
	}
	w := &docket.Entity{Schema: "Person", Sensitivity: docket.Confidential}
	if err := db.CreateEntity(ctx, docket.Operator("test"), w, []*docket.Statement{
		{Property: "name", Value: "Qzxwitness Lockedova", Source: src.ID, Sensitivity: docket.Confidential},
		{Property: "birthDate", Value: "1971-03-04", Source: src.ID, Sensitivity: docket.Confidential},
	}); err != nil {
		t.Fatal(err)
	}
	recs := storetest.DocumentBatch("Qzxdocname.txt", []byte("Qzxdocfile"), []byte("Qzxdoctext of a witness"), nil, docket.Confidential)
	if err := db.Write(ctx, docket.Operator("test"), recs); err != nil {
		t.Fatal(err)
	}
	doc := recs[4].Document
	c := Client{Base: s.URL(), Token: MustCreateToken(t, db, "cleared", docket.Admin, true)}
	if r := c.Do(t, "GET", "/api/v1/entities/"+w.ID, nil); r.Status != 200 || !strings.Contains(string(r.Body), "Qzxwitness Lockedova") {
		t.Fatalf("with the key: %d %s", r.Status, r.Body)
	}
	if r := c.Do(t, "GET", "/documents/"+doc.ID, nil); r.Status != 200 || !strings.Contains(string(r.Body), "Qzxdoctext") || !strings.Contains(string(r.Body), "Qzxdocname") {
		t.Fatalf("the document page with the key: %d %s", r.Status, clip(r.Body))
	}
	db.DataKey = nil // as docket serve without --data-key
	r := c.Do(t, "GET", "/api/v1/entities/"+w.ID, nil)
	if r.Status != 200 || strings.Contains(string(r.Body), "Lockedova") || !strings.Contains(string(r.Body), `"locked": true`) {
		t.Fatalf("the API without the key: %d %s", r.Status, r.Body)
	}
	r = c.Do(t, "GET", "/entity/"+w.ID, nil)
	if page := string(r.Body); r.Status != 200 || strings.Contains(page, "Lockedova") || strings.Contains(page, "1971") || !strings.Contains(page, "(locked)") || !strings.Contains(page, "(locked: encrypted") {
		t.Fatalf("the entity page without the key: %d %s", r.Status, clip(r.Body))
	}
	for _, path := range []string{"/documents/" + doc.ID, "/documents"} {
		r = c.Do(t, "GET", path, nil)
		if page := string(r.Body); r.Status != 200 || strings.Contains(page, "Qzxdoc") || !strings.Contains(page, "(locked: encrypted") || !strings.Contains(page, doc.ID) {
			t.Fatalf("%s without the key: %d %s", path, r.Status, clip(r.Body))
		}
	}
	if r = c.Do(t, "GET", "/documents/"+doc.ID+"/file", nil); r.Status == 200 || strings.Contains(string(r.Body), "Qzxdoc") {
		t.Fatalf("the document's file without the key: %d %s", r.Status, clip(r.Body))
	}
}
