package http_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/auth"
	"github.com/docketorg/docket/demo"
	dockethttp "github.com/docketorg/docket/http"
	"github.com/docketorg/docket/internal/pgtest"
	"github.com/docketorg/docket/internal/storetest"
	"github.com/docketorg/docket/postgres"
	"github.com/docketorg/docket/sqlite"
)

// searchStore is what the search results' tests need of a backend.
type searchStore interface {
	docket.Store
	Checkpoint(ctx context.Context, s docket.CheckpointSigner) (*docket.Checkpoint, error)
}

// openSearchServer opens a server with the seed case on a fresh store of the backend.
func openSearchServer(tb testing.TB, backend string) (searchStore, *dockethttp.Server) {
	tb.Helper()
	var db interface {
		searchStore
		Open() error
		Close() error
	}
	switch backend {
	case "sqlite":
		d := sqlite.NewDB(filepath.Join(tb.TempDir(), "docket.db"))
		d.DataKey = storetest.DataKey() // the tests record confidential data
		db = d
	case "postgres":
		d := postgres.NewDB(pgtest.Schema(tb))
		d.DataKey = storetest.DataKey()
		db = d
	}
	if err := db.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	if err := demo.Load(tb.Context(), db, docket.Operator("test")); err != nil {
		tb.Fatal(err)
	}
	s := dockethttp.NewServer(db)
	s.ExpensiveRate, s.ExpensiveBurst = 1e6, 1e6
	key := storetest.TestKey(tb)
	s.Verifier = key.Verifier
	db.Checkpoint(tb.Context(), key)
	s.Addr = "127.0.0.1:0"
	if err := s.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return db, s
}

// mustUserOn is MustUser on any backend.
func mustUserOn(tb testing.TB, db docket.Store, name string, role docket.Role, cleared bool) string {
	tb.Helper()
	pw := "password-of-" + name
	h, err := auth.HashPassword(pw, cheap)
	if err != nil {
		tb.Fatal(err)
	}
	if err := db.CreateUser(tb.Context(), docket.Operator("test"), &docket.User{Name: name, Role: role, Cleared: cleared}, h); err != nil {
		tb.Fatal(err)
	}
	return pw
}

// hitOf returns the list item of the search page's hit that links to the entity id, "" when none.
func hitOf(page, id string) string {
	for _, li := range regexp.MustCompile(`(?s)<li><a href="/entity/[^"]*" class="hit-title">.*?</li>`).FindAllString(page, -1) {
		if strings.Contains(li, `href="/entity/`+id+`"`) || strings.Contains(li, `href="/entity/`+id+`?`) {
			return li
		}
	}
	return ""
}

// TestSearchResults_Highlight: the words of a snippet that the query matches are marked, in any
// script, and everything else is escaped.
func TestSearchResults_Highlight(t *testing.T) {
	db, s := MustOpenDemoServer(t)
	ctx, op := t.Context(), docket.Operator("t")
	mk := func(name, desc string) string {
		e := &docket.Entity{Schema: "Person", Sensitivity: docket.Public}
		if err := db.CreateEntity(ctx, op, e, []*docket.Statement{
			{Property: "name", Value: name, Source: demo.PressRelease, Sensitivity: docket.Public, Status: docket.Reported},
			{Property: "description", Value: desc, Source: demo.PressRelease, Sensitivity: docket.Public, Status: docket.Reported},
		}); err != nil {
			t.Fatal(err)
		}
		return e.ID
	}
	latin := mk("Marat Testov", `Says <script>alert("x")</script> that "Baiturova" & co ruled`)
	cyr := mk("Olzhas Testov", "Судья Байтурова вынесла приговор")

	_, page := getAs(t, http.DefaultClient, s.URL()+"/search?q=Байтурова", "en")
	li := hitOf(page, latin)
	if want := `<p class="snippet">Says &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; that &#34;<mark>Baiturova</mark>&#34; &amp; co ruled</p>`; !strings.Contains(li, want) {
		t.Errorf("the snippet for Байтурова:\n%s\nwant %s", li, want)
	}
	if strings.Contains(page, "<script>alert") {
		t.Error("a snippet's markup is not escaped")
	}
	_, page = getAs(t, http.DefaultClient, s.URL()+"/search?q=Baiturova", "en")
	if li := hitOf(page, cyr); !strings.Contains(li, `Судья <mark>Байтурова</mark> вынесла приговор`) {
		t.Errorf("the Cyrillic snippet for Baiturova:\n%s", li)
	}
	// A quoted phrase marks its words as written, not their namesakes' spellings.
	_, page = getAs(t, http.DefaultClient, s.URL()+"/search?q="+url.QueryEscape(`"co ruled"`), "en")
	if li := hitOf(page, latin); !strings.Contains(li, `&amp; <mark>co</mark> <mark>ruled</mark></p>`) || strings.Contains(li, "<mark>Baiturova") {
		t.Errorf("the snippet for a phrase:\n%s", li)
	}
}

// TestSearchResults_KeyFacts: each hit is captioned as its page captions it and shows the facts
// that tell it from its namesakes, in the page's language, read as the viewer may see them: neither a fact hidden from the viewer nor a
// reference to a record hidden from the viewer shows.
func TestSearchResults_KeyFacts(t *testing.T) {
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			db, s := openSearchServer(t, backend)
			ctx, op := t.Context(), docket.Operator("t")
			cleared := MustLogin(t, s.URL(), "cl", mustUserOn(t, db, "cl", docket.Editor, true))

			_, page := getAs(t, http.DefaultClient, s.URL()+"/search?q=Baiturova", "en")
			if li := hitOf(page, demo.Baiturova); !strings.Contains(li, `class="key-facts"`) || !strings.Contains(li, "judge") || !strings.Contains(li, "Kazakhstan") {
				t.Errorf("Baiturova's key facts in English:\n%s", li)
			}
			_, page = getAs(t, http.DefaultClient, s.URL()+"/search?q=Baiturova", "ru")
			if li := hitOf(page, demo.Baiturova); !strings.Contains(li, "Казахстан") {
				t.Errorf("Baiturova's key facts in Russian:\n%s", li)
			}
			_, page = getAs(t, http.DefaultClient, s.URL()+"/search?q=Baiturova", "kk")
			if li := hitOf(page, demo.Baiturova); !strings.Contains(li, "Қазақстан") {
				t.Errorf("Baiturova's key facts in Kazakh:\n%s", li)
			}
			_, page = getAs(t, http.DefaultClient, s.URL()+"/search?q=detention&schema=Event", "en")
			if li := hitOf(page, "event-detention"); !strings.Contains(li, "11 February 2019") || !strings.Contains(li, "Aktau") {
				t.Errorf("the event's key facts (its date, type and place):\n%s", li)
			}
			_, page = getAs(t, http.DefaultClient, s.URL()+"/search?q=Akberdiyeva&schema=Case", "en")
			if li := hitOf(page, demo.AkberdiyevaCase); !strings.Contains(li, "Aigul Akberdiyeva") || !strings.Contains(li, "Kazakhstan") {
				t.Errorf("the case's key facts (its defendant and country):\n%s", li)
			}

			// A case without a name is captioned as its page captions it, in the page's language.
			d := &docket.Entity{Schema: "Person", Sensitivity: docket.Public}
			if err := db.CreateEntity(ctx, op, d, []*docket.Statement{{Property: "name", Value: "Aruzhan Captionova", Source: demo.PressRelease, Sensitivity: docket.Public, Status: docket.Reported}}); err != nil {
				t.Fatal(err)
			}
			unnamed := &docket.Entity{Schema: "Case", Sensitivity: docket.Public}
			if err := db.CreateEntity(ctx, op, unnamed, []*docket.Statement{
				{Property: "number", Value: "2-417/2020", Source: demo.PressRelease, Sensitivity: docket.Public, Status: docket.Reported},
				{Property: "defendant", Value: d.ID, Source: demo.PressRelease, Sensitivity: docket.Public, Status: docket.Reported},
			}); err != nil {
				t.Fatal(err)
			}
			_, page = getAs(t, http.DefaultClient, s.URL()+"/search?q=2-417/2020&schema=Case", "ru")
			if li := hitOf(page, unnamed.ID); !strings.Contains(li, "Дело № 2-417/2020: Aruzhan Captionova") {
				t.Errorf("the unnamed case's caption in Russian:\n%s", li)
			}

			// A public case whose defendant is confidential.
			w := &docket.Entity{Schema: "Person", Sensitivity: docket.Confidential}
			if err := db.CreateEntity(ctx, op, w, []*docket.Statement{{Property: "name", Value: "Zhanar Hiddenova", Source: demo.PressRelease, Sensitivity: docket.Confidential}}); err != nil {
				t.Fatal(err)
			}
			c := &docket.Entity{Schema: "Case", Sensitivity: docket.Public}
			if err := db.CreateEntity(ctx, op, c, []*docket.Statement{
				{Property: "name", Value: "Case Quillfeather", Source: demo.PressRelease, Sensitivity: docket.Public, Status: docket.Reported},
				{Property: "country", Value: "kz", Source: demo.PressRelease, Sensitivity: docket.Public, Status: docket.Reported},
				{Property: "defendant", Value: w.ID, Source: demo.PressRelease, Sensitivity: docket.Public, Status: docket.Reported},
				{Property: "number", Value: "Secretnumber 42", Source: demo.PressRelease, Sensitivity: docket.Confidential, Status: docket.Reported},
			}); err != nil {
				t.Fatal(err)
			}
			_, page = getAs(t, http.DefaultClient, s.URL()+"/search?q=Quillfeather", "en")
			li := hitOf(page, c.ID)
			if !strings.Contains(li, "Kazakhstan") {
				t.Fatalf("the public's hit of the case:\n%s", li)
			}
			if strings.Contains(page, "Hiddenova") || strings.Contains(page, w.ID) || strings.Contains(page, "Secretnumber") {
				t.Errorf("LEAK: the public's search results name the confidential defendant:\n%s", li)
			}
			_, page = getAs(t, cleared, s.URL()+"/search?q=Quillfeather", "en")
			if li := hitOf(page, c.ID); !strings.Contains(li, "Zhanar Hiddenova") || !strings.Contains(li, "Secretnumber 42") {
				t.Errorf("the cleared editor's hit of the case lacks its defendant:\n%s", li)
			}
		})
	}
}

// TestSearchResults_DidYouMean: a search that finds nothing offers near spellings of names the
// viewer may see, as links to their search; never a name hidden from the viewer. A confidential
// name is never offered to the public or to staff not cleared for it (nor, today, to the cleared:
// a sealed value is found by whole words only, not by the prefixes near spellings start from).
func TestSearchResults_DidYouMean(t *testing.T) {
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			db, s := openSearchServer(t, backend)
			ctx, op := t.Context(), docket.Operator("t")
			for name, sens := range map[string]docket.Sensitivity{"Zhanar Hiddenova": docket.Confidential, "Aruzhan Internalova": docket.Internal} {
				w := &docket.Entity{Schema: "Person", Sensitivity: sens}
				if err := db.CreateEntity(ctx, op, w, []*docket.Statement{{Property: "name", Value: name, Source: demo.PressRelease, Sensitivity: sens}}); err != nil {
					t.Fatal(err)
				}
			}
			researcher := MustLogin(t, s.URL(), "rita", mustUserOn(t, db, "rita", docket.Researcher, false))

			_, page := getAs(t, http.DefaultClient, s.URL()+"/search?q=Baiturva", "en")
			if !strings.Contains(page, `class="did-you-mean"`) || !strings.Contains(page, `<a href="/search?q=Baiturova" rel="nofollow">Baiturova</a>`) {
				t.Errorf("no near spelling of Baiturva:\n%s", clip([]byte(page)))
			}
			_, page = getAs(t, http.DefaultClient, s.URL()+"/search?q=Gulnara+Baiturva", "ru")
			if !strings.Contains(page, "Может быть, вы имели в виду") || !strings.Contains(page, `>Gulnara Baiturova</a>`) {
				t.Errorf("no near spelling of Gulnara Baiturva, in Russian:\n%s", clip([]byte(page)))
			}
			_, page = getAs(t, http.DefaultClient, s.URL()+"/search?q=Baiturova", "en")
			if strings.Contains(page, "did-you-mean") {
				t.Error("a search that finds something offers near spellings")
			}

			// The internal name: offered to staff, not to the public.
			_, page = getAs(t, researcher, s.URL()+"/search?q=Intarnalova", "en")
			if !strings.Contains(page, `>Internalova</a>`) {
				t.Errorf("the researcher is not offered Internalova for Intarnalova:\n%s", clip([]byte(page)))
			}
			_, page = getAs(t, http.DefaultClient, s.URL()+"/search?q=Intarnalova", "en")
			if strings.Contains(page, "Internalova") || strings.Contains(page, "did-you-mean") {
				t.Errorf("LEAK: the public is offered an internal name:\n%s", clip([]byte(page)))
			}
			// The confidential name: offered to no one.
			for name, c := range map[string]*http.Client{"the public": http.DefaultClient, "an uncleared researcher": researcher} {
				_, page := getAs(t, c, s.URL()+"/search?q=Hiddonova", "en")
				if strings.Contains(page, "Hiddenova") || strings.Contains(page, "did-you-mean") {
					t.Errorf("LEAK: %s is offered a confidential name:\n%s", name, clip([]byte(page)))
				}
			}
		})
	}
}

// TestSearchResults_Capped: a word with more matches than the facets are counted over says
// over how many, in the page's language.
func TestSearchResults_Capped(t *testing.T) {
	db, s := MustOpenDemoServer(t)
	ctx, op := t.Context(), docket.Operator("t")
	for i := range 320 {
		e := &docket.Entity{Schema: "Person", Sensitivity: docket.Public}
		if err := db.CreateEntity(ctx, op, e, []*docket.Statement{
			{Property: "name", Value: fmt.Sprintf("Zhaksylyk %03d", i), Source: demo.PressRelease, Sensitivity: docket.Public, Status: docket.Reported},
		}); err != nil {
			t.Fatal(err)
		}
	}
	res, err := db.FacetedSearch(ctx, docket.AnonymousViewer, docket.FacetQuery{Q: "Zhaksylyk"})
	if err != nil || res.Counted == 0 {
		t.Fatalf("FacetedSearch: counted %v, %v", res, err)
	}
	for lang, want := range map[string]string{"en": "(the first %d counted)", "ru": "(подсчитаны первые %d)"} {
		_, page := getAs(t, http.DefaultClient, s.URL()+"/search?q=Zhaksylyk", lang)
		if !strings.Contains(page, fmt.Sprintf(want, res.Counted)) {
			t.Errorf("%s: the page does not say %q", lang, fmt.Sprintf(want, res.Counted))
		}
	}
}
