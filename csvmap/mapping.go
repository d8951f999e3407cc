// Package csvmap turns the rows of a spreadsheet, saved as CSV, into Docket's records through
// a column mapping: which column holds which property of which record of a row. Every row
// describes a few records (a person, their case, a proceeding in it); the same person or case
// on several rows is one record. Values are checked as any statement's are, and a bad value
// is reported with its row and column.
package csvmap

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/docketorg/docket"
)

// Mapping says what the columns of a file hold.
//
// It is written one line a column, as COLUMN = Schema.property, with lang=xx after it for a
// value's language; COLUMN = Schema.id for the id of a record already in the registry, which
// the row's values are added to; COLUMN = source for a column of source URLs; and const
// Schema.property = VALUE for a value every row's record gets. # starts a comment. A column name with an "=" in
// it is written in double quotes.
//
//	# cases.csv
//	Defendant            = Person.name
//	Defendant (Cyrillic) = Person.name lang=ru
//	Born                 = Person.birthDate
//	Case no.             = Case.number
//	Article              = Charge.article
//	Court                = Organization.name
//	Outcome              = Proceeding.outcome
//	Ruling               = Proceeding.date
//	Link                 = source
//	const Organization.kind = court
//	const Proceeding.stage  = first instance
type Mapping struct {
	Columns []Column
	Consts  []Const
}

// Column is one mapped column.
type Column struct {
	Name     string // as the header row writes it
	Schema   string // "" for a source column
	Property string
	Lang     string
	line     int // in the mapping file
}

// Const is a value given once for every row's record of a schema.
type Const struct {
	Schema, Property, Value string
}

// Schemas returns the schemas the mapping makes records of, in the order Docket lists them:
// a row has at most one record of each.
func (m *Mapping) Schemas() []string {
	var out []string
	for _, sc := range docket.Schemas {
		for _, c := range m.Columns {
			if c.Schema == sc.Name {
				out = append(out, sc.Name)
				break
			}
		}
	}
	return out
}

// ParseMapping reads a mapping; an error names its line.
func ParseMapping(r io.Reader) (*Mapping, error) {
	m := &Mapping{}
	sc := bufio.NewScanner(r)
	seen := map[string]int{}
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fail := func(format string, args ...any) error {
			return docket.Errorf(docket.EINVALID, "mapping line %d: %s", n, fmt.Sprintf(format, args...))
		}
		if rest, ok := strings.CutPrefix(line, "const "); ok {
			target, value, ok := strings.Cut(rest, "=")
			if !ok {
				return nil, fail("want const Schema.property = VALUE")
			}
			schema, prop, err := target2(strings.TrimSpace(target))
			if err == nil && prop == "id" {
				err = docket.Errorf(docket.EINVALID, "an id is a column of its own, not a const")
			}
			if err != nil {
				return nil, fail("%s", docket.ErrorMessage(err))
			}
			value = strings.TrimSpace(value)
			if _, err := schema.Property(prop).Normalize(value); err != nil {
				return nil, fail("%s.%s: %s", schema.Name, prop, docket.ErrorMessage(err))
			}
			m.Consts = append(m.Consts, Const{Schema: schema.Name, Property: prop, Value: value})
			continue
		}
		name, rest, err := columnName(line)
		if err != nil {
			return nil, fail("%s", err)
		}
		if prev, ok := seen[name]; ok {
			return nil, fail("column %q is mapped on line %d already", name, prev)
		}
		seen[name] = n
		fields := strings.Fields(rest)
		if len(fields) == 0 {
			return nil, fail("column %q: want = Schema.property or = source after it", name)
		}
		c := Column{Name: name, line: n}
		if fields[0] != "source" {
			schema, prop, err := target2(fields[0])
			if err != nil {
				return nil, fail("%s", docket.ErrorMessage(err))
			}
			c.Schema, c.Property = schema.Name, prop
		}
		for _, opt := range fields[1:] {
			switch k, v, _ := strings.Cut(opt, "="); {
			case k == "lang" && v != "" && c.Schema != "":
				c.Lang = v
			default:
				return nil, fail("unknown option %q (a column takes lang=xx)", opt)
			}
		}
		m.Columns = append(m.Columns, c)
	}
	if err := sc.Err(); err != nil {
		return nil, docket.Errorf(docket.EINVALID, "reading the mapping: %v", err)
	}
	if len(m.Schemas()) == 0 {
		return nil, docket.Errorf(docket.EINVALID, "the mapping maps no column to a property (want lines such as: Name = Person.name)")
	}
	for _, k := range m.Consts {
		if !slices.Contains(m.Schemas(), k.Schema) {
			return nil, docket.Errorf(docket.EINVALID, "mapping: const %s.%s is for a record no column makes", k.Schema, k.Property)
		}
	}
	return m, nil
}

// columnName reads the column name at the start of a mapping line, quoted or up to "=", and
// returns what follows the "=".
func columnName(line string) (name, rest string, err error) {
	if q, ok := strings.CutPrefix(line, `"`); ok {
		name, rest, ok = strings.Cut(q, `"`)
		if !ok {
			return "", "", fmt.Errorf("the column name's quote is not closed")
		}
		rest = strings.TrimSpace(rest)
		if rest, ok = strings.CutPrefix(rest, "="); !ok {
			return "", "", fmt.Errorf("want = after the column name")
		}
		return name, rest, nil
	}
	name, rest, ok := strings.Cut(line, "=")
	if !ok {
		return "", "", fmt.Errorf("want COLUMN = Schema.property")
	}
	if name = strings.TrimSpace(name); name == "" {
		return "", "", fmt.Errorf("no column name before =")
	}
	return name, rest, nil
}

// target2 reads Schema.property.
func target2(s string) (*docket.Schema, string, error) {
	sn, prop, ok := strings.Cut(s, ".")
	if !ok {
		return nil, "", docket.Errorf(docket.EINVALID, "%q: want Schema.property, such as Person.name", s)
	}
	schema, err := docket.SchemaByName(sn)
	if err != nil {
		return nil, "", err
	}
	if prop == "id" {
		return schema, prop, nil
	}
	if schema.Property(prop) == nil {
		return nil, "", docket.Errorf(docket.EINVALID, "%s has no property %q (it has: %s)", schema.Name, prop, strings.Join(schema.PropertyNames(), ", "))
	}
	return schema, prop, nil
}
