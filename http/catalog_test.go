package http

import (
	"io/fs"
	"regexp"
	"testing"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/locale"
)

// TestCatalogKeys holds the templates to the catalogs: every message a template names, every
// property, schema and role is in every language (internal/locale tests that every language has
// every key of the English catalog).
func TestCatalogKeys(t *testing.T) {
	re := regexp.MustCompile(`\.(T|N) "([A-Za-z0-9_.]+)"`)
	en := locale.Get("en")
	files, _ := fs.Glob(templateFS, "templates/*.html")
	reports, _ := fs.Glob(reportTemplateFS, "templates/report/*.html")
	for _, f := range append(files, reports...) {
		b, _ := fs.ReadFile(reportTemplateFS, f)
		if b == nil {
			b, _ = fs.ReadFile(templateFS, f)
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			key := m[2]
			if m[1] == "N" {
				key += ".other"
			}
			if !en.Has(key) {
				t.Errorf("%s names message %q, which the catalog lacks", f, key)
			}
		}
	}
	var keys []string
	for _, s := range docket.Schemas {
		keys = append(keys, "schema."+s.Name)
		for _, p := range s.Properties {
			keys = append(keys, "prop."+p.Name)
		}
	}
	for _, r := range []docket.Role{docket.Anonymous, docket.Reader, docket.Researcher, docket.Editor, docket.Admin} {
		keys = append(keys, "role."+r.String())
	}
	for _, st := range []docket.Status{docket.Draft, docket.Reported, docket.Corroborated, docket.Verified, docket.Disputed} {
		keys = append(keys, "status."+string(st))
	}
	for _, f := range docket.Facets {
		keys = append(keys, "facet."+f)
	}
	for _, k := range []string{"entity", "source", "statement", "retraction", "status", "merge", "unmerge", "snapshot", "correction"} {
		keys = append(keys, "change."+k)
	}
	for _, k := range keys {
		for _, p := range locale.Languages() {
			if !p.Has(k) {
				t.Errorf("%s lacks %q", p.Lang, k)
			}
		}
	}
}
