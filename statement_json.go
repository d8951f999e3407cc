package docket

import (
	"encoding/json"
	"time"
	"unicode/utf8"
)

// Statements are most of what a registry's records hold, and encoding/json, which finds a
// struct's fields by reflection and reads a record in three passes, was a quarter of an
// import's CPU time. A statement record in the form Docket writes (plain strings, nothing to
// escape) is read and written here instead, in one pass; anything else falls back to
// encoding/json, so both give the same bytes and the same errors (statement_json_test.go
// checks them side by side). Entity records, a third of what a spreadsheet's rows make, are
// written here too.

const (
	statementHead = `{"kind":"statement"`
	entityHead    = `{"kind":"entity"`
)

// A bit for each key a statement record may have, to tell a key given twice.
const (
	keyID = 1 << iota
	keyEntity
	keyProperty
	keyValue
	keyLang
	keySource
	keyLocator
	keyQuote
	keyStatus
	keySensitivity
	keyAuthor
	keyCreated
	keySupersedes
	keySalt
)

// appendStatementRecord appends the record of s as MarshalJSON writes it, or reports false
// when a value needs what only encoding/json does (escapes, a time it refuses).
func appendStatementRecord(b []byte, s *Statement) ([]byte, bool) {
	if s.Sealed != nil {
		return nil, false // rare, and encoding/json writes the box in base64
	}
	sens, created, ok := marshalStamp(s.Sensitivity, s.CreatedAt)
	if !ok {
		return nil, false
	}
	b = append(b, statementHead...)
	str := func(key, v string, omitEmpty bool) { b = appendPlain(b, key, v, omitEmpty, &ok) }
	str("id", s.ID, false)
	str("entity", s.Entity, false)
	str("property", s.Property, false)
	str("value", s.Value, false)
	str("lang", s.Lang, true)
	str("source", s.Source, true)
	str("locator", s.Locator, true)
	str("quote", s.Quote, true)
	str("status", string(s.Status), false)
	str("sensitivity", string(sens), false)
	str("author", s.Author, false)
	b = append(b, `,"created":`...)
	b = append(b, created...)
	str("supersedes", s.Supersedes, true)
	str("salt", s.Salt, false)
	return append(b, '}'), ok
}

// marshalStamp returns a record's sensitivity and creation time as its JSON holds them, or
// false when encoding/json would refuse them.
func marshalStamp(sens Sensitivity, created time.Time) ([]byte, []byte, bool) {
	st, err := sens.MarshalText()
	if err != nil {
		return nil, nil, false
	}
	ct, err := created.MarshalJSON()
	if err != nil {
		return nil, nil, false
	}
	return st, ct, true
}

// appendEntityRecord appends the record of e as MarshalJSON writes it, or reports false as
// appendStatementRecord does.
func appendEntityRecord(b []byte, e *Entity) ([]byte, bool) {
	sens, created, ok := marshalStamp(e.Sensitivity, e.CreatedAt)
	if !ok {
		return nil, false
	}
	b = append(b, entityHead...)
	b = appendPlain(b, "id", e.ID, false, &ok)
	b = appendPlain(b, "schema", e.Schema, false, &ok)
	b = appendPlain(b, "sensitivity", string(sens), false, &ok)
	b = appendPlain(b, "author", e.Author, false, &ok)
	b = append(b, `,"created":`...)
	b = append(b, created...)
	return append(b, '}'), ok
}

// appendPlain appends ,"key":"v" (nothing if v is empty and omitEmpty), or sets ok to false
// if v is not plain JSON.
func appendPlain(b []byte, key, v string, omitEmpty bool, ok *bool) []byte {
	if omitEmpty && v == "" {
		return b
	}
	if !plainJSON(v) {
		*ok = false
		return b
	}
	b = append(b, `,"`...)
	b = append(b, key...)
	b = append(b, `":"`...)
	b = append(b, v...)
	return append(b, '"')
}

// plainJSON reports whether encoding/json writes s as it is, between quotes: valid UTF-8 with
// no control character, quote, backslash, HTML character or line or paragraph separator.
func plainJSON(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
				return false
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			return false
		}
		i += size - 1
	}
	return true
}

// decodeStatementRecord reads a statement record made only of plain strings, each key once,
// without spaces, as appendStatementRecord writes it; it reports false for anything else, which
// UnmarshalJSON then reads with encoding/json.
func decodeStatementRecord(b []byte) (*Statement, bool) {
	if len(b) < len(statementHead)+2 || string(b[:len(statementHead)]) != statementHead || b[len(statementHead)] != ',' {
		return nil, false
	}
	s := &Statement{}
	var seen int
	i := len(statementHead) + 1
	for {
		key, next, ok := plainString(b, i)
		if !ok || next >= len(b) || b[next] != ':' {
			return nil, false
		}
		value, end, ok := plainString(b, next+1)
		if !ok || end >= len(b) {
			return nil, false
		}
		var bit int
		switch string(key) {
		case "id":
			bit, s.ID = keyID, string(value)
		case "entity":
			bit, s.Entity = keyEntity, string(value)
		case "property":
			bit, s.Property = keyProperty, string(value)
		case "value":
			bit, s.Value = keyValue, string(value)
		case "lang":
			bit, s.Lang = keyLang, string(value)
		case "source":
			bit, s.Source = keySource, string(value)
		case "locator":
			bit, s.Locator = keyLocator, string(value)
		case "quote":
			bit, s.Quote = keyQuote, string(value)
		case "status":
			bit, s.Status = keyStatus, Status(value)
		case "sensitivity":
			bit = keySensitivity
			if s.Sensitivity.UnmarshalText(value) != nil {
				return nil, false
			}
		case "author":
			bit, s.Author = keyAuthor, string(value)
		case "created":
			bit = keyCreated
			if s.CreatedAt.UnmarshalText(value) != nil {
				return nil, false
			}
		case "supersedes":
			bit, s.Supersedes = keySupersedes, string(value)
		case "salt":
			bit, s.Salt = keySalt, string(value)
		default:
			return nil, false
		}
		if seen&bit != 0 {
			return nil, false
		}
		seen |= bit
		switch b[end] {
		case ',':
			i = end + 1
			continue
		case '}':
			for _, c := range b[end+1:] {
				if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
					return nil, false
				}
			}
			return s, true
		}
		return nil, false
	}
}

// plainString reads the string that starts at b[i], quotes included, if it holds no escape, no
// control character and only valid UTF-8: its bytes are then its value.
func plainString(b []byte, i int) (value []byte, next int, ok bool) {
	if i >= len(b) || b[i] != '"' {
		return nil, 0, false
	}
	for j := i + 1; j < len(b); j++ {
		switch c := b[j]; {
		case c == '"':
			value = b[i+1 : j]
			return value, j + 1, utf8.Valid(value)
		case c == '\\' || c < 0x20:
			return nil, 0, false
		}
	}
	return nil, 0, false
}

// DecodeRecord reads one record, as json.Unmarshal into a Record does, but reads a statement
// in Docket's own form without checking the whole line as JSON first: the reader of an import.
func DecodeRecord(b []byte) (*Record, error) {
	if s, ok := decodeStatementRecord(b); ok {
		return &Record{Kind: KindStatement, Statement: s}, nil
	}
	var r Record
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, err
	}
	return &r, nil
}
