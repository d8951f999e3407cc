package docket

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
)

// Values that encoding/json writes as they are, and values it escapes or refuses.
var jsonStrings = []string{"", "s00000023", "Бекрат Бекшикуин", "Qazaqstan Respublikasy", "para. 13", "2016-06-16",
	"a <b> & c", `say "no"`, `back\slash`, "tab\there", "line\nbreak", "nul\x00", "\u2028", "\u2029x", "bad \xff utf-8",
	"😀 emoji", "ǅ", "\x7f del"}

var jsonTimes = []time.Time{
	time.Date(2018, 1, 1, 8, 5, 41, 722989000, time.UTC),
	time.Date(2018, 1, 1, 8, 5, 41, 0, time.UTC),
	time.Date(2018, 1, 1, 8, 5, 41, 123456789, time.UTC),
	time.Date(2018, 1, 1, 8, 5, 41, 500000000, time.FixedZone("", 5*3600)),
	time.Date(2018, 1, 1, 8, 5, 41, 0, time.FixedZone("ALMT", 6*3600)),
	{},
	time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), // encoding/json refuses it
}

func randomStatement(r *rand.Rand) *Statement {
	plain := func() string { return jsonStrings[r.IntN(5)] }
	pick, times := plain, jsonTimes[:5]
	if r.IntN(2) == 0 { // half of them with values to escape, and times to refuse
		pick, times = func() string { return jsonStrings[r.IntN(len(jsonStrings))] }, jsonTimes
	}
	s := &Statement{ID: plain(), Entity: plain(), Property: plain(), Value: pick(), Lang: pick(), Source: plain(), Locator: pick(),
		Quote: pick(), Status: Status(pick()), Sensitivity: Sensitivity(r.IntN(4)), Author: pick(),
		CreatedAt: times[r.IntN(len(times))], Supersedes: pick(), Salt: plain()}
	if r.IntN(3) == 0 { // derived fields, which a record leaves out
		s.Retraction, s.SupersededBy, s.Seq = &Retraction{Statement: s.ID, Reason: "r"}, "s2", 7
	}
	return s
}

// A statement record written and read in one pass is byte for byte, and field for field, what
// encoding/json writes and reads; most records take that pass.
func TestStatementRecord_AsEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var fast, fastRead int
	for range 20000 {
		s := randomStatement(r)
		rec := Record{Kind: KindStatement, Statement: s}
		want, wantErr := rec.marshalReflect()
		got, gotErr := rec.MarshalJSON()
		if (wantErr != nil) != (gotErr != nil) || !bytes.Equal(got, want) {
			t.Fatalf("%+v:\nMarshalJSON %s (%v)\nencoding/json %s (%v)", s, got, gotErr, want, wantErr)
		}
		if wantErr != nil {
			continue
		}
		if _, ok := appendStatementRecord(nil, s); ok {
			fast++
		}
		var slow Record
		if err := slow.unmarshalReflect(want); err != nil {
			t.Fatalf("encoding/json reads %s: %v", want, err)
		}
		if d, ok := decodeStatementRecord(want); ok {
			fastRead++
			if !reflect.DeepEqual(d, slow.Statement) {
				t.Fatalf("%s read as\n%+v\nencoding/json reads\n%+v", want, d, slow.Statement)
			}
		}
	}
	if fast < 9000 || fastRead < fast {
		t.Fatalf("%d of 20000 records written, %d read, in one pass: the fast path is not taken", fast, fastRead)
	}
}

// An entity record written in one pass is byte for byte what encoding/json writes, derived
// fields left out; most are written so.
func TestEntityRecord_AsEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	fast := 0
	for range 20000 {
		plain := func() string { return jsonStrings[r.IntN(5)] }
		pick, times := plain, jsonTimes[:5]
		if r.IntN(2) == 0 {
			pick, times = func() string { return jsonStrings[r.IntN(len(jsonStrings))] }, jsonTimes
		}
		e := &Entity{ID: pick(), Schema: pick(), Sensitivity: Sensitivity(r.IntN(5)), Author: pick(), CreatedAt: times[r.IntN(len(times))]}
		if r.IntN(3) == 0 {
			e.Caption, e.Merged, e.Statements, e.Seq = "c", []string{"m"}, []*Statement{{ID: "s"}}, 9
		}
		rec := Record{Kind: KindEntity, Entity: e}
		want, wantErr := rec.marshalReflect()
		got, gotErr := rec.MarshalJSON()
		if (wantErr != nil) != (gotErr != nil) || !bytes.Equal(got, want) {
			t.Fatalf("%+v:\nMarshalJSON %s (%v)\nencoding/json %s (%v)", e, got, gotErr, want, wantErr)
		}
		if _, ok := appendEntityRecord(nil, e); ok {
			fast++
		}
	}
	if fast < 9000 {
		t.Fatalf("%d of 20000 records written in one pass: the fast path is not taken", fast)
	}
}

// Whatever the one-pass reader accepts, encoding/json reads the same; what it refuses is left
// to encoding/json.
func FuzzDecodeStatementRecord(f *testing.F) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 30 {
		b, err := Record{Kind: KindStatement, Statement: randomStatement(r)}.MarshalJSON()
		if err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{
		`{"kind":"statement","id":"a","id":"b"}`,
		`{"kind":"statement","ID":"a"}`,
		`{"kind":"statement","id":"a"} x`,
		`{"kind":"statement","id":"a"}  ` + "\n",
		`{"kind":"statement","id":"a","retraction":null}`,
		`{"kind":"statement","sensitivity":"secret"}`,
		`{"kind":"statement","created":"2018-01-01T08:05:41.7Z"}`,
		`{"kind":"statement","created":"2018-01-01 08:05:41Z"}`,
		`{"kind":"statement","value":"a\u0041"}`,
		`{"kind":"statement" ,"id":"a"}`,
		`{"kind":"statement","lang":null}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		d, ok := decodeStatementRecord(b)
		if !ok {
			return
		}
		var slow Record
		if err := json.Unmarshal(b, &slow); err != nil {
			t.Fatalf("read %q in one pass, but encoding/json says: %v", b, err)
		}
		if slow.Kind != KindStatement || !reflect.DeepEqual(d, slow.Statement) {
			t.Fatalf("%q read as\n%+v\nencoding/json reads\n%+v", b, d, slow.Statement)
		}
	})
}

// Whatever strings a statement holds, MarshalJSON writes what encoding/json writes.
func FuzzStatementRecordJSON(f *testing.F) {
	for i, s := range jsonStrings {
		f.Add(s, jsonStrings[(i+1)%len(jsonStrings)], int64(i)*1e9+int64(i)*123)
	}
	f.Fuzz(func(t *testing.T, value, quote string, nanos int64) {
		s := &Statement{ID: "s1", Entity: "e1", Property: "name", Value: value, Quote: quote, Status: Reported,
			Sensitivity: Public, Author: value, CreatedAt: time.Unix(0, nanos).UTC(), Salt: quote}
		rec := Record{Kind: KindStatement, Statement: s}
		want, wantErr := rec.marshalReflect()
		got, gotErr := rec.MarshalJSON()
		if (wantErr != nil) != (gotErr != nil) || !bytes.Equal(got, want) {
			t.Fatalf("MarshalJSON %s (%v), encoding/json %s (%v)", got, gotErr, want, wantErr)
		}
	})
}

func BenchmarkStatementRecord(b *testing.B) {
	s := &Statement{ID: "s00000023", Entity: "e0000001", Property: "name", Value: "House arrest of Bekrat Bekshikuin",
		Source: "src0000001", Locator: "para. 13", Status: Reported, Sensitivity: Public, Author: "researcher-15",
		CreatedAt: time.Date(2018, 1, 1, 8, 5, 41, 722989000, time.UTC), Salt: strings.Repeat("0a", 16)}
	line, _ := Record{Kind: KindStatement, Statement: s}.MarshalJSON()
	for _, way := range []struct {
		name string
		read func([]byte) error
	}{
		{"one pass", func(b []byte) error { _, err := DecodeRecord(b); return err }},
		{"encoding/json", func(b []byte) error { var r Record; return r.unmarshalReflect(b) }},
	} {
		b.Run("read "+way.name, func(b *testing.B) {
			for b.Loop() {
				if err := way.read(line); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	benchmarkWrite(b, Record{Kind: KindStatement, Statement: s})
}

func BenchmarkEntityRecord(b *testing.B) {
	benchmarkWrite(b, Record{Kind: KindEntity, Entity: &Entity{ID: "06h4d4069yc0d5m9-111", Schema: "Person", Sensitivity: Public,
		Author: "operator", CreatedAt: time.Date(2026, 12, 5, 14, 16, 13, 647163000, time.UTC)}})
}

// benchmarkWrite writes rec in one pass and with encoding/json.
func benchmarkWrite(b *testing.B, rec Record) {
	for _, way := range []struct {
		name  string
		write func() ([]byte, error)
	}{{"one pass", rec.MarshalJSON}, {"encoding/json", rec.marshalReflect}} {
		b.Run("write "+way.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := way.write(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
