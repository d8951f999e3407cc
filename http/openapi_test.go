package http

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/demo"
	"github.com/docketorg/docket/ingest"
	"github.com/docketorg/docket/internal/storetest"
	"github.com/docketorg/docket/sqlite"
)

// This file holds the OpenAPI document to the routes the server registers, and to what they
// answer, so that neither can drift from the other. It is an internal test: it reads s.routes.

// openDemoServer opens a store with the seed case in a temporary directory and a server on it.
func openDemoServer(tb testing.TB) *Server {
	tb.Helper()
	db := sqlite.NewDB(filepath.Join(tb.TempDir(), "docket.db"))
	db.DataKey = storetest.DataKey() // the tests record confidential data
	if err := db.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	if err := demo.Load(context.Background(), db, docket.Operator("test")); err != nil {
		tb.Fatalf("demo.Load: %v", err)
	}
	s := NewServer(db)
	key := storetest.TestKey(tb)
	s.Verifier = key.Verifier
	if _, err := db.Checkpoint(context.Background(), key); err != nil {
		tb.Fatal(err)
	}
	s.Addr = "127.0.0.1:0"
	if err := s.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

var testClient = &http.Client{Timeout: 10 * time.Second}

// get fetches a path anonymously and returns the status, Content-Type and body.
func get(tb testing.TB, s *Server, path string) (int, string, []byte) {
	tb.Helper()
	resp, err := testClient.Get(s.URL() + path)
	if err != nil {
		tb.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatalf("GET %s: read body: %v", path, err)
	}
	return resp.StatusCode, resp.Header.Get("Content-Type"), body
}

// openAPIDoc is the part of an OpenAPI 3.1 document the test reads; the rest stays generic.
type openAPIDoc struct {
	OpenAPI    string                                `json:"openapi"`
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components map[string]map[string]any             `json:"components"`
	raw        any
}

type operation struct {
	Parameters  []parameter                `json:"parameters"`
	RequestBody json.RawMessage            `json:"requestBody"`
	Security    json.RawMessage            `json:"security"`
	Responses   map[string]openAPIResponse `json:"responses"`
}

type parameter struct {
	Name     string `json:"name"`
	In       string `json:"in"`
	Required bool   `json:"required"`
}

type openAPIResponse struct {
	Content map[string]struct {
		Schema map[string]any `json:"schema"`
	} `json:"content"`
}

// methods are the keys of a path item that are operations.
var methods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// operations returns the document's operations by "METHOD pattern", with the path item's own
// parameters put in front of each operation's.
func (d *openAPIDoc) operations(tb testing.TB) map[string]*operation {
	tb.Helper()
	out := map[string]*operation{}
	for path, item := range d.Paths {
		var shared []parameter
		if raw, ok := item["parameters"]; ok {
			if err := json.Unmarshal(raw, &shared); err != nil {
				tb.Fatalf("paths[%s].parameters: %v", path, err)
			}
		}
		for key, raw := range item {
			if !slices.Contains(methods, key) {
				continue
			}
			var op operation
			if err := json.Unmarshal(raw, &op); err != nil {
				tb.Fatalf("paths[%s].%s: %v", path, key, err)
			}
			op.Parameters = append(slices.Clone(shared), op.Parameters...)
			out[strings.ToUpper(key)+" "+path] = &op
		}
	}
	return out
}

// resolve follows $ref until a schema without one.
func (d *openAPIDoc) resolve(tb testing.TB, schema map[string]any) map[string]any {
	tb.Helper()
	for i := 0; schema != nil && i < 10; i++ {
		ref, ok := schema["$ref"].(string)
		if !ok {
			return schema
		}
		target, err := pointer(d.raw, ref)
		if err != nil {
			tb.Fatalf("$ref %q: %v", ref, err)
		}
		if schema, ok = target.(map[string]any); !ok {
			tb.Fatalf("$ref %q is not a schema object", ref)
		}
	}
	return schema
}

// pointer resolves a local JSON pointer reference ("#/components/schemas/Entity").
func pointer(doc any, ref string) (any, error) {
	p, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return nil, errString("not a local reference")
	}
	cur := doc
	for _, tok := range strings.Split(p, "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, errString("no object at " + tok)
		}
		if cur, ok = m[tok]; !ok {
			return nil, errString("no " + tok)
		}
	}
	return cur, nil
}

type errString string

func (e errString) Error() string { return string(e) }

// mustLoadDoc fetches the document from the running server.
func mustLoadDoc(tb testing.TB, s *Server) *openAPIDoc {
	tb.Helper()
	status, ct, body := get(tb, s, "/api/v1/openapi.json")
	if status != http.StatusOK {
		tb.Fatalf("GET /api/v1/openapi.json status = %d, want 200", status)
	}
	if !strings.HasPrefix(ct, "application/json") {
		tb.Errorf("GET /api/v1/openapi.json Content-Type = %q, want application/json", ct)
	}
	var d openAPIDoc
	if err := json.Unmarshal(body, &d); err != nil {
		tb.Fatalf("openapi.json: %v", err)
	}
	if err := json.Unmarshal(body, &d.raw); err != nil {
		tb.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(d.OpenAPI, "3.") {
		tb.Errorf("openapi = %q, want 3.x", d.OpenAPI)
	}
	return &d
}

var wildcard = regexp.MustCompile(`\{([^}]+)\}`)

// wildcards returns the names of a pattern's {wildcards}, "..." and "$" stripped.
func wildcards(pattern string) []string {
	var out []string
	for _, m := range wildcard.FindAllStringSubmatch(pattern, -1) {
		if n := strings.TrimSuffix(m[1], "..."); n != "$" {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

func TestOpenAPI_Document(t *testing.T) {
	s := openDemoServer(t)
	doc := mustLoadDoc(t, s)
	ops := doc.operations(t)
	if len(s.routes) == 0 {
		t.Fatal("the server registered no API routes")
	}
	routes := map[string]route{}
	for _, r := range s.routes {
		routes[r.Method+" "+r.Pattern] = r
	}

	t.Run("RoutesDocumented", func(t *testing.T) {
		for _, r := range s.routes {
			if _, ok := doc.Paths[r.Pattern]; !ok {
				t.Errorf("route %s %s: no paths[%q] in openapi.json", r.Method, r.Pattern, r.Pattern)
			} else if _, ok := ops[r.Method+" "+r.Pattern]; !ok {
				t.Errorf("route %s %s: paths[%q] has no %q operation", r.Method, r.Pattern, r.Pattern, strings.ToLower(r.Method))
			}
		}
	})

	t.Run("OperationsRouted", func(t *testing.T) {
		for k := range ops {
			if _, ok := routes[k]; !ok {
				t.Errorf("openapi.json documents %s, which the server does not route", k)
			}
		}
		for path, item := range doc.Paths {
			for key := range item {
				if !slices.Contains(methods, key) && !slices.Contains([]string{"parameters", "summary", "description", "servers"}, key) {
					t.Errorf("paths[%q] has unknown key %q", path, key)
				}
			}
		}
	})

	t.Run("PathParameters", func(t *testing.T) {
		for k, op := range ops {
			_, pattern, _ := strings.Cut(k, " ")
			var declared []string
			for _, p := range op.Parameters {
				switch {
				case p.In == "path":
					declared = append(declared, p.Name)
					if !p.Required {
						t.Errorf("%s: path parameter %q is not required", k, p.Name)
					}
				case !slices.Contains([]string{"query", "header", "cookie"}, p.In):
					t.Errorf("%s: parameter %q is in %q", k, p.Name, p.In)
				}
			}
			sort.Strings(declared)
			if want := wildcards(pattern); !slices.Equal(declared, want) {
				t.Errorf("%s: path parameters %v, want exactly %v", k, declared, want)
			}
		}
	})

	t.Run("BodiesAndSecurityOnPOST", func(t *testing.T) {
		for k, op := range ops {
			method, _, _ := strings.Cut(k, " ")
			hasBody, hasSecurity := len(op.RequestBody) > 0, len(op.Security) > 0
			if (hasBody || hasSecurity) && method != "POST" {
				t.Errorf("%s has a requestBody or security, but only POST routes take a body or need a token", k)
			}
			// Every write needs a token and a body.
			if method == "POST" && (!hasBody || !hasSecurity) {
				t.Errorf("%s: requestBody %v, security %v; every POST route takes a JSON body and needs a token", k, hasBody, hasSecurity)
			}
			if method == "POST" {
				for _, code := range []string{"400", "401", "403"} {
					if _, ok := op.Responses[code]; !ok {
						t.Errorf("%s does not document %s", k, code)
					}
				}
			}
			if len(op.Responses) == 0 {
				t.Errorf("%s documents no responses", k)
			}
		}
	})

	t.Run("RefsResolve", func(t *testing.T) {
		var walk func(at string, v any)
		n := 0
		walk = func(at string, v any) {
			switch v := v.(type) {
			case map[string]any:
				if ref, ok := v["$ref"]; ok {
					n++
					s, ok := ref.(string)
					if !ok || !strings.HasPrefix(s, "#/components/") {
						t.Errorf("%s: $ref %v is not a reference to a component", at, ref)
					} else if _, err := pointer(doc.raw, s); err != nil {
						t.Errorf("%s: $ref %q does not resolve: %v", at, s, err)
					}
				}
				for k, x := range v {
					walk(at+"/"+k, x)
				}
			case []any:
				for i, x := range v {
					walk(at+"/"+strconv.Itoa(i), x)
				}
			}
		}
		walk("#", doc.raw)
		if n == 0 {
			t.Error("openapi.json has no $ref at all")
		}
	})

	t.Run("GETResponses", func(t *testing.T) {
		ctx := context.Background()
		ss, _, err := s.Store.FindStatements(ctx, docket.AnonymousViewer, docket.StatementFilter{Entity: ptr(demo.Akberdiyeva), Limit: 1})
		if err != nil || len(ss) == 0 {
			t.Fatalf("statements of %s: %v, %v", demo.Akberdiyeva, ss, err)
		}
		// What each {id} stands for, by the collection it is in, and values for required query
		// parameters. A new route or required parameter needs a value here.
		pub, err := ingest.Run(ctx, s.Store, docket.Operator("test"), &ingest.Input{Name: "release.txt", Sensitivity: docket.Public,
			Data: []byte("Almaty, 3 March 2023\n\nJudge Marat Ospanov sentenced the blogger Daniyar Seitkali to four years.\n")}, nil)
		if err != nil {
			t.Fatal(err)
		}
		ids := map[string]string{
			"/api/v1/documents/":    pub.Document,
			"/api/v1/entities/":     demo.Akberdiyeva,
			"/api/v1/statements/":   ss[0].ID,
			"/api/v1/sources/":      demo.PressRelease,
			"/api/v1/ledger/proof/": "1",
		}
		query := map[string]string{"q": "Bayturova", "old": "1", "new": "2"}
		for _, r := range s.routes {
			if r.Method != "GET" {
				continue
			}
			op := ops[r.Method+" "+r.Pattern]
			if op == nil {
				continue // reported by RoutesDocumented
			}
			fill := func(id string) string {
				return wildcard.ReplaceAllStringFunc(r.Pattern, func(string) string { return url.PathEscape(id) })
			}
			var ok, absent, bad string // a real id and the required query; an id that names nothing; no query
			id := ""
			if wildcard.MatchString(r.Pattern) {
				for prefix, v := range ids {
					if strings.HasPrefix(r.Pattern, prefix) {
						id = v
					}
				}
				if id == "" {
					t.Errorf("GET %s: the test knows no id for it", r.Pattern)
					continue
				}
				ok, absent = fill(id), fill("no-such-id")
			} else {
				ok = r.Pattern
			}
			q := url.Values{}
			for _, p := range op.Parameters {
				if p.In == "query" && p.Required {
					v, known := query[p.Name]
					if !known {
						t.Errorf("GET %s: the test knows no value for the required query parameter %q", r.Pattern, p.Name)
					}
					q.Set(p.Name, v)
				}
			}
			if len(q) > 0 {
				bad = ok
				ok += "?" + q.Encode()
				if absent != "" {
					absent += "?" + q.Encode()
				}
			}
			for _, path := range []string{ok, absent, bad} {
				if path == "" {
					continue
				}
				status, ct, body := get(t, s, path)
				code := strconv.Itoa(status)
				resp, documented := op.Responses[code]
				if !documented {
					t.Errorf("GET %s status = %d, which openapi.json does not document for GET %s (it does %v); body: %.300s",
						path, status, r.Pattern, keys(op.Responses), body)
					continue
				}
				if path == ok && status != http.StatusOK {
					t.Errorf("GET %s status = %d, want 200; body: %.300s", path, status, body)
				}
				if path != ok && status < 400 {
					t.Errorf("GET %s status = %d, want an error", path, status)
				}
				media, isJSON := resp.Content["application/json"]
				if !isJSON {
					continue
				}
				if !strings.HasPrefix(ct, "application/json") {
					t.Errorf("GET %s Content-Type = %q, want application/json as documented", path, ct)
					continue
				}
				var v any
				if err := json.Unmarshal(body, &v); err != nil {
					t.Errorf("GET %s: the body is not JSON: %v", path, err)
					continue
				}
				if media.Schema == nil {
					continue
				}
				checkBody(t, doc, "GET "+path, media.Schema, v)
			}
		}
	})
}

// checkBody checks a response body against the top level of its documented schema: an object
// schema's body is an object with the properties the schema requires (all its properties when
// it lists no required ones: the list wrappers), and with no property the schema does not list.
func checkBody(t *testing.T, doc *openAPIDoc, what string, schema map[string]any, body any) {
	t.Helper()
	schema = doc.resolve(t, schema)
	if typ, _ := schema["type"].(string); typ != "object" {
		return
	}
	obj, ok := body.(map[string]any)
	if !ok {
		t.Errorf("%s: the body is %T, want an object", what, body)
		return
	}
	props, _ := schema["properties"].(map[string]any)
	var want []string
	if req, ok := schema["required"].([]any); ok {
		for _, r := range req {
			want = append(want, r.(string))
		}
	} else {
		want = keys(props)
	}
	for _, p := range want {
		if _, ok := obj[p]; !ok {
			t.Errorf("%s: the body has no %q, which openapi.json lists; body keys %v", what, p, keys(obj))
		}
	}
	if props != nil && schema["additionalProperties"] != true {
		for k := range obj {
			if _, ok := props[k]; !ok {
				t.Errorf("%s: the body has %q, which openapi.json does not list (it lists %v)", what, k, keys(props))
			}
		}
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func ptr[T any](v T) *T { return &v }
