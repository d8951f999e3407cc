package synth

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/translit"
)

func generate(t *testing.T, n int64, seed uint64) ([]byte, *Summary) {
	t.Helper()
	var buf bytes.Buffer
	sum, err := Generate(Config{Statements: n, Seed: seed}, func(r *docket.Record) error {
		b, err := json.Marshal(r)
		buf.Write(b)
		buf.WriteByte('\n')
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), sum
}

func TestGenerate_Deterministic(t *testing.T) {
	a, sa := generate(t, 3000, 7)
	b, _ := generate(t, 3000, 7)
	c, _ := generate(t, 3000, 8)
	if sha256.Sum256(a) != sha256.Sum256(b) {
		t.Fatal("the same seed gave different bytes")
	}
	if bytes.Equal(a, c) {
		t.Fatal("different seeds gave the same bytes")
	}
	if sa.Statements != 3000 || sa.Kinds[docket.KindStatement] != 3000 {
		t.Fatalf("statements = %d, want exactly 3000", sa.Statements)
	}
}

// TestGenerate_Records reads every record back strictly, as docket import does, and checks
// it with the domain's rules against the state the records before it built.
func TestGenerate_Records(t *testing.T) {
	out, sum := generate(t, 20000, 1)
	lk := newMemLookup()
	for i, line := range bytes.Split(bytes.TrimSpace(out), []byte("\n")) {
		var r docket.Record
		if err := json.Unmarshal(line, &r); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if err := r.Check(context.Background(), lk); err != nil {
			t.Fatalf("line %d: %v\n%s", i+1, err, line)
		}
		lk.apply(&r)
	}
	perEntity := float64(sum.Statements) / float64(sum.Kinds[docket.KindEntity])
	if perEntity < 5 || perEntity > 9 {
		t.Errorf("%.1f statements an entity, want about 6 to 8", perEntity)
	}
	for _, k := range []string{docket.KindSource, docket.KindRetraction, docket.KindStatus} {
		if sum.Kinds[k] == 0 {
			t.Errorf("no %s records", k)
		}
	}
	if len(sum.Names) == 0 || len(sum.Words) == 0 || len(sum.Entities) == 0 {
		t.Errorf("empty samples: %d names, %d words, %d entities", len(sum.Names), len(sum.Words), len(sum.Entities))
	}
}

func TestNameOf(t *testing.T) {
	withVariant := 0
	for i := int64(1); i <= 2000; i++ {
		n := NameOf(1, i)
		if !reflect.DeepEqual(n, NameOf(1, i)) {
			t.Fatalf("NameOf(1, %d) is not a function of its arguments", i)
		}
		key := translit.Key(n.Latin)
		if translit.Key(n.Cyrillic) != key {
			t.Errorf("%s and %s have different keys", n.Cyrillic, n.Latin)
		}
		for _, v := range n.Variants {
			if translit.Key(v) != key {
				t.Errorf("variant %s of %s has another key", v, n.Latin)
			}
		}
		if len(n.Variants) > 0 {
			withVariant++
		}
		if testing.Verbose() && i <= 30 {
			t.Logf("%s | %s | %v", n.Cyrillic, n.Latin, n.Variants)
		}
	}
	if withVariant < 1500 {
		t.Errorf("%d of 2000 names have another romanisation, want most", withVariant)
	}
}

// memLookup is the state records are checked against, kept in maps: what a store holds.
// The embedded interface stands in for lookups of record kinds the generator does not
// write, so that the test keeps compiling as the domain grows.
type memLookup struct {
	docket.Lookup
	entities   map[string]*docket.EntityRef
	statements map[string]*docket.Statement
	sources    map[string]bool
	merges     map[string]*docket.Merge
}

func newMemLookup() *memLookup {
	return &memLookup{entities: map[string]*docket.EntityRef{}, statements: map[string]*docket.Statement{},
		sources: map[string]bool{}, merges: map[string]*docket.Merge{}}
}

func (m *memLookup) LookupEntity(_ context.Context, id string) (*docket.EntityRef, error) {
	return m.entities[id], nil
}

func (m *memLookup) LookupStatement(_ context.Context, id string) (*docket.Statement, error) {
	return m.statements[id], nil
}

func (m *memLookup) LookupSource(_ context.Context, id string) (bool, error) {
	return m.sources[id], nil
}

func (m *memLookup) LookupMerge(_ context.Context, id string) (*docket.Merge, error) {
	return m.merges[id], nil
}

func (m *memLookup) Corroborates(context.Context, *docket.Statement) (bool, error) { return true, nil }

func (m *memLookup) apply(r *docket.Record) {
	switch r.Kind {
	case docket.KindEntity:
		m.entities[r.Entity.ID] = &docket.EntityRef{ID: r.Entity.ID, Schema: r.Entity.Schema, Canonical: r.Entity.ID}
	case docket.KindSource:
		m.sources[r.Source.ID] = true
	case docket.KindStatement:
		m.statements[r.Statement.ID] = r.Statement
	case docket.KindRetraction:
		m.statements[r.Retraction.Statement].Retraction = r.Retraction
	case docket.KindMerge:
		m.merges[r.Merge.ID] = r.Merge
		for _, e := range m.entities {
			if e.Canonical == r.Merge.From {
				e.Canonical = r.Merge.Into
			}
		}
	}
}
