// Package locale holds the interface's message catalogs, embedded JSON files per language
// (LANG.json, and its parts LANG.PART.json), with plural rules and the choice of a language
// from a cookie or an Accept-Language header.
//
// A message is looked up by key; a missing key falls back to English and then to the key
// itself, and a test holds every catalog to every key of the English one. A plural message
// has one key per form, KEY.one, KEY.few, KEY.many and KEY.other, as the language needs
// (English: one, other; Russian: one, few, many).
package locale

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

//go:embed catalogs/*.json
var catalogFS embed.FS

// Default is the language used when nothing else is asked for.
const Default = "en"

// Printer prints messages in one language.
type Printer struct {
	Lang string
	Name string // the language's own name for itself ("Русский")
	msgs map[string]string
}

var printers = mustLoad()

func mustLoad() map[string]*Printer {
	ps, err := load(catalogFS)
	if err != nil {
		panic(err)
	}
	return ps
}

func load(fsys fs.FS) (map[string]*Printer, error) {
	names, err := fs.Glob(fsys, "catalogs/*.json")
	if err != nil {
		return nil, err
	}
	// A language's catalog is LANG.json and any LANG.PART.json beside it (a part of the
	// interface keeps its messages apart: en.documents.json); a part of a language with no
	// LANG.json waits for it and is not served.
	out := map[string]*Printer{}
	parts := map[string][]map[string]string{}
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		var msgs map[string]string
		if err := json.Unmarshal(b, &msgs); err != nil {
			return nil, fmt.Errorf("%s: %w", n, err)
		}
		lang, part, _ := strings.Cut(strings.TrimSuffix(path.Base(n), ".json"), ".")
		if part != "" {
			parts[lang] = append(parts[lang], msgs)
			continue
		}
		out[lang] = &Printer{Lang: lang, Name: msgs["language.name"], msgs: msgs}
	}
	for lang, ps := range parts {
		p := out[lang]
		if p == nil {
			continue
		}
		for _, msgs := range ps {
			for k, v := range msgs {
				if _, dup := p.msgs[k]; dup {
					return nil, fmt.Errorf("catalog %s: key %q is in two of its files", lang, k)
				}
				p.msgs[k] = v
			}
		}
	}
	if out[Default] == nil {
		return nil, fmt.Errorf("no %s catalog", Default)
	}
	return out, nil
}

// Languages returns the languages there are catalogs for, the default first.
func Languages() []*Printer {
	var out []*Printer
	for _, p := range printers {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool {
		if (out[i].Lang == Default) != (out[j].Lang == Default) {
			return out[i].Lang == Default
		}
		return out[i].Lang < out[j].Lang
	})
	return out
}

// Get returns the printer of a language, or of the default language.
func Get(lang string) *Printer {
	if p, ok := printers[lang]; ok {
		return p
	}
	return printers[Default]
}

// Supported reports whether there is a catalog for lang.
func Supported(lang string) bool { _, ok := printers[lang]; return ok }

// Keys returns the keys of a language's catalog, sorted.
func Keys(lang string) []string {
	var keys []string
	for k := range printers[lang].msgs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Has reports whether the printer's own catalog has the key.
func (p *Printer) Has(key string) bool { _, ok := p.msgs[key]; return ok }

// T returns the message of key, formatted with args as by fmt.Sprintf when there are any.
func (p *Printer) T(key string, args ...any) string {
	m, ok := p.msgs[key]
	if !ok {
		if m, ok = printers[Default].msgs[key]; !ok {
			return key
		}
	}
	if len(args) > 0 {
		return fmt.Sprintf(m, args...)
	}
	return m
}

// N returns the plural form of key for n, with n formatted in as %d.
func (p *Printer) N(key string, n int) string {
	form := key + "." + PluralForm(p.Lang, n)
	if !p.Has(form) {
		form = key + ".other"
	}
	return p.T(form, n)
}

// Form returns the plural form of key for n as written, unformatted: a message that names no
// number ("Defendant: ", "Defendants: ").
func (p *Printer) Form(key string, n int) string {
	form := key + "." + PluralForm(p.Lang, n)
	if !p.Has(form) {
		form = key + ".other"
	}
	return p.T(form)
}

// PluralForm returns the CLDR plural category of n in lang: one, few, many or other.
func PluralForm(lang string, n int) string {
	if n < 0 {
		n = -n
	}
	switch lang {
	case "ru", "uk", "be":
		switch {
		case n%10 == 1 && n%100 != 11:
			return "one"
		case n%10 >= 2 && n%10 <= 4 && (n%100 < 12 || n%100 > 14):
			return "few"
		default:
			return "many"
		}
	}
	if n == 1 {
		return "one"
	}
	return "other"
}

// Match picks the supported language a browser prefers most from its Accept-Language header,
// or "" when it names none.
func Match(acceptLanguage string) string {
	best, bestQ := "", 0.0
	for _, part := range strings.Split(acceptLanguage, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				continue
			}
			q = f
		}
		base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
		if Supported(base) && q > bestQ {
			best, bestQ = base, q
		}
	}
	return best
}
