package http_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/demo"
)

// textOf is a page's text without its tags, its spaces folded.
func textOf(page string) string {
	t := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(page, "")
	return strings.Join(strings.Fields(t), " ")
}

// TestHistory_SaysWhatChanged: a correction shows the old value beside the new, a retraction
// the value it withdrew; accepting a draft twice records one review and says so; the
// dashboard counts a new record's facts without its creation.
func TestHistory_SaysWhatChanged(t *testing.T) {
	db, s := MustOpenDemoServer(t)
	ctx, op := t.Context(), docket.Operator("t")
	ed := MustLogin(t, s.URL(), "eda", MustUser(t, db, "eda", docket.Editor, false))

	draft := &docket.Statement{Entity: "person-baiturova", Property: "occupation", Value: "judge of the city court", Source: demo.PressRelease, Status: docket.Draft}
	if err := db.AddStatements(ctx, op, []*docket.Statement{draft}); err != nil {
		t.Fatal(err)
	}
	before := MustCountChanges(t, db)
	for i, want := range []string{"The review is recorded.", "This fact was already reviewed so"} {
		status, page, _ := postAs(t, ed, s.URL(), "/statement/"+draft.ID+"/review", url.Values{"status": {"reported"}, "next": {"/review"}})
		if status != http.StatusOK || !strings.Contains(page, want) {
			t.Errorf("accepting the draft, time %d: %d, want %q:\n%s", i+1, status, want, clip([]byte(textOf(page))))
		}
	}
	if n := MustCountChanges(t, db) - before; n != 1 {
		t.Errorf("accepting a draft twice recorded %d reviews, want 1", n)
	}

	repl, err := db.CorrectStatement(ctx, op, draft.ID, &docket.Statement{Value: "chair of the city court", Source: demo.PressRelease}, "the post was wrong")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.RetractStatement(ctx, op, repl.ID, "not the same person"); err != nil {
		t.Fatal(err)
	}
	_, page := getPage(t, ed, s.URL()+"/entity/person-baiturova/history")
	text := textOf(page)
	for _, want := range []string{
		"Corrected Gulnara Baiturova: Occupation chair of the city court", "(was judge of the city court",
		"Retracted a fact of Gulnara Baiturova: Occupation chair of the city court", "— not the same person",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the history does not say %q:\n%s", want, clip([]byte(text)))
		}
	}

	// Each footnote number leads to its source, listed on the page.
	for _, m := range regexp.MustCompile(`href="#fn(\d+)"`).FindAllStringSubmatch(page, -1) {
		if !strings.Contains(page, `id="fn`+m[1]+`"`) {
			t.Errorf("footnote %s of the history leads nowhere on the page", m[1])
		}
	}
	if !strings.Contains(page, `id="fn1"`) {
		t.Error("the history lists no sources")
	}

	// A new record with its name: one fact, not two.
	status, _, _ := postAs(t, ed, s.URL(), "/new", url.Values{"schema": {"Case"}, "name": {"Case of Unum Factum"}, "source": {demo.PressRelease}})
	if status != http.StatusOK {
		t.Fatalf("a new case: %d", status)
	}
	_, home := getPage(t, ed, s.URL()+"/")
	if text := textOf(home); !strings.Contains(text, "Case of Unum Factum — Case with 1 fact") {
		t.Errorf("the dashboard does not count the new case's one fact:\n%s", clip([]byte(text)))
	}
}
