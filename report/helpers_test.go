package report_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/demo"
	"github.com/docketorg/docket/internal/storetest"
	"github.com/docketorg/docket/report"
	"github.com/docketorg/docket/sqlite"
)

// op is who writes test data: the operator, with full access.
var op = docket.Operator("test")

// mustOpen opens an empty store in a temporary directory.
func mustOpen(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db := sqlite.NewDB(filepath.Join(tb.TempDir(), "docket.db"))
	db.DataKey = storetest.DataKey() // the tests record confidential data
	if err := db.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// mustDemo opens a store with the seed case loaded.
func mustDemo(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db := mustOpen(tb)
	if err := demo.Load(context.Background(), db, op); err != nil {
		tb.Fatalf("demo.Load: %v", err)
	}
	return db
}

// mustLoad reads the registry as v.
func mustLoad(tb testing.TB, r report.Reader, v docket.Viewer) *report.Registry {
	tb.Helper()
	reg, err := report.Load(context.Background(), r, v)
	if err != nil {
		tb.Fatalf("Load: %v", err)
	}
	return reg
}

// builder writes entities through the store API, every statement public, reviewed and
// sourced, as published data is.
type builder struct {
	tb  testing.TB
	db  *sqlite.DB
	src string
}

func newBuilder(tb testing.TB, db *sqlite.DB) *builder {
	tb.Helper()
	b := &builder{tb: tb, db: db, src: "src-gen"}
	if err := db.CreateSource(context.Background(), op, &docket.Source{ID: b.src, URL: "https://example.org/generated",
		Title: "Generated", Sensitivity: docket.Public}); err != nil {
		tb.Fatalf("CreateSource: %v", err)
	}
	return b
}

// entity creates an entity with property/value pairs; an empty value is skipped.
func (b *builder) entity(schema, id string, kv ...string) string {
	b.tb.Helper()
	var ss []*docket.Statement
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			continue
		}
		ss = append(ss, &docket.Statement{Property: kv[i], Value: kv[i+1], Source: b.src, Status: docket.Reported, Sensitivity: docket.Public})
	}
	if err := b.db.CreateEntity(context.Background(), op, &docket.Entity{ID: id, Schema: schema, Sensitivity: docket.Public}, ss); err != nil {
		b.tb.Fatalf("CreateEntity(%s %s): %v", schema, id, err)
	}
	return id
}

// countingReader counts the reads of a registry load.
type countingReader struct {
	report.Reader
	statements, entities, byID, sources int
}

func (c *countingReader) FindStatements(ctx context.Context, v docket.Viewer, f docket.StatementFilter) ([]*docket.Statement, int, error) {
	c.statements++
	return c.Reader.FindStatements(ctx, v, f)
}

func (c *countingReader) FindEntities(ctx context.Context, v docket.Viewer, f docket.EntityFilter) ([]*docket.Entity, int, error) {
	c.entities++
	return c.Reader.FindEntities(ctx, v, f)
}

func (c *countingReader) FindEntityByID(ctx context.Context, v docket.Viewer, id string) (*docket.Entity, error) {
	c.byID++
	return c.Reader.FindEntityByID(ctx, v, id)
}

func (c *countingReader) FindSources(ctx context.Context, v docket.Viewer, f docket.SourceFilter) ([]*docket.Source, int, error) {
	c.sources++
	return c.Reader.FindSources(ctx, v, f)
}
