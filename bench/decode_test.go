package bench

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/docketorg/docket"
)

// BenchmarkDecode compares decoding an import line with docket.Record's UnmarshalJSON (a map,
// a re-encoding, a strict decode) against one strict decode into the payload after reading
// the kind from the line's canonical prefix. At 50,000 statements a second a registry must
// decode some 60,000 records a second, on a core it shares with SQLite.
func BenchmarkDecode(b *testing.B) {
	fixture(b)
	f, err := os.Open(data)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var lines [][]byte
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() && len(lines) < 20000 {
		lines = append(lines, bytes.Clone(sc.Bytes()))
	}
	b.Run("Record.UnmarshalJSON", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			var r docket.Record
			if err := json.Unmarshal(lines[i%len(lines)], &r); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("kind prefix, one strict decode", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if _, err := decodeDirect(lines[i%len(lines)]); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// decodeDirect is a sketch of a faster decoder for lines in the canonical form docket export
// writes ({"kind":"…", payload fields}); other lines would take the general path.
func decodeDirect(line []byte) (*docket.Record, error) {
	var r docket.Record
	var p any
	switch {
	case bytes.HasPrefix(line, []byte(`{"kind":"statement",`)):
		r.Kind, r.Statement = docket.KindStatement, &docket.Statement{}
		p = r.Statement
	case bytes.HasPrefix(line, []byte(`{"kind":"entity",`)):
		// Only the recorded fields, as docket's decoder does: derived ones are errors.
		var e struct {
			ID          string             `json:"id"`
			Schema      string             `json:"schema"`
			Sensitivity docket.Sensitivity `json:"sensitivity"`
			Author      string             `json:"author"`
			CreatedAt   time.Time          `json:"created"`
		}
		body := append([]byte("{"), line[bytes.IndexByte(line, ',')+1:]...)
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		r.Kind, r.Entity = docket.KindEntity, &docket.Entity{}
		err := dec.Decode(&e)
		r.Entity.ID, r.Entity.Schema, r.Entity.Sensitivity, r.Entity.Author, r.Entity.CreatedAt = e.ID, e.Schema, e.Sensitivity, e.Author, e.CreatedAt
		return &r, err
	case bytes.HasPrefix(line, []byte(`{"kind":"source",`)):
		r.Kind, r.Source = docket.KindSource, &docket.Source{}
		p = r.Source
	default:
		return &r, json.Unmarshal(line, &r)
	}
	// The kind field is not a payload field: blank it out so that unknown fields are still
	// rejected.
	body := append([]byte("{"), line[bytes.IndexByte(line, ',')+1:]...)
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(p); err != nil {
		return nil, err
	}
	if s := r.Statement; s != nil && (s.Retraction != nil || s.SupersededBy != "") {
		return nil, docket.Errorf(docket.EINVALID, "a statement record carries no retraction")
	}
	return &r, nil
}
