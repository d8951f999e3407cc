package http_test

import (
	"context"
	"strings"
	"testing"

	"github.com/docketorg/docket"
)

// TestLocked_WithoutDataKey: a server whose store has not the data key shows a cleared viewer
// that a confidential witness exists, with her name locked (said, never blank), in the API and
// on the entity page; with the key, her name.
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
	c := Client{Base: s.URL(), Token: MustCreateToken(t, db, "cleared", docket.Admin, true)}
	if r := c.Do(t, "GET", "/api/v1/entities/"+w.ID, nil); r.Status != 200 || !strings.Contains(string(r.Body), "Qzxwitness Lockedova") {
		t.Fatalf("with the key: %d %s", r.Status, r.Body)
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
}
