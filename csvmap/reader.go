package csvmap

import (
	"bufio"
	"crypto/rand"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/translit"
	"golang.org/x/text/encoding/charmap"
)

// Options are what the records of a file are made with.
type Options struct {
	File        string // the file's name, for the source made for it
	Source      string // an existing source's id or a URL that every statement cites; "" makes a source for the file
	Author      string
	Now         time.Time
	Status      docket.Status      // draft unless given: an outside file is a proposal until reviewed
	Sensitivity docket.Sensitivity // internal unless given
	SkipBad     bool               // leave out rows with errors, and report them, instead of failing
	Comma       rune               // 0: the one of , ; and tab the header row uses most
	Encoding    string             // utf-8 (the default), windows-1251 or koi8-r
	Rand        io.Reader          // of ids and salts; crypto/rand unless given
	Resolve     Resolver
}

// Resolver finds, in the registry, what a file refers to.
type Resolver interface {
	// Entity returns the id of the one entity of the schemas that value names: its id, or one
	// of its names in any spelling or script; "" when none does, an error when several do.
	Entity(value string, schemas []string) (string, error)
	// Source returns the id of a source with the URL, or "".
	Source(url string) (string, error)
}

// RowError is what is wrong with one value of a row.
type RowError struct {
	Line   int    // in the file, counting the header as line 1
	Column string // "" for the whole row
	Msg    string
}

func (e RowError) String() string {
	if e.Column == "" {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return fmt.Sprintf("line %d, column %q: %s", e.Line, e.Column, e.Msg)
}

// maxErrors is how many row errors a report keeps; the rest are counted.
const maxErrors = 200

// Report says what a file made, or would make.
type Report struct {
	Rows       int            // data rows read
	Good       int            // rows without errors
	Skipped    []int          // lines of the rows left out for their errors (with SkipBad)
	New        map[string]int // records made, by schema
	Existing   map[string]int // records of the registry that rows link to, by schema
	Statements int
	Sources    int        // sources made
	Errors     []RowError // the first maxErrors
	ErrorCount int
	Unmapped   []string // columns of the file the mapping does not name
}

// Reader reads a CSV file row by row and gives the records of each row. It holds what it
// needs to find the same person or case again on a later row, and no row after it is done.
type Reader struct {
	m      *Mapping
	o      Options
	cr     *csv.Reader
	index  []int // the position in a row of each mapped column
	ids    *docket.IDs
	src    string // the source every statement cites unless its row names one
	queue  []*docket.Record
	done   bool
	failed bool // a row had an error: the rest are only checked

	// What is remembered of earlier rows, a few dozen bytes a record, so that a file of any
	// size is read in little memory: digests, not the identities and values themselves.
	known   map[digest]known     // a record's identity in the file -> the record
	byName  map[string][]fileRef // the file's Person and Organization records by the key of a name
	said    map[digest]struct{}  // record, property and value of statements made for records that recur
	sources map[string]string    // URL -> source id
	linked  map[string]bool      // records of the registry rows link to

	starts []rowStart // the first record of each row made, for Line
	made   int        // records given so far

	Report
}

type rowStart struct{ record, line int }

// NewReader reads the header row of the file and checks that every mapped column is in it.
func NewReader(r io.Reader, m *Mapping, o Options) (*Reader, error) {
	if o.Rand == nil {
		o.Rand = rand.Reader
	}
	if o.Status == "" {
		o.Status = docket.Draft
	}
	if o.Sensitivity == 0 {
		o.Sensitivity = docket.Internal
	}
	br := bufio.NewReaderSize(r, 64<<10)
	switch strings.ToLower(o.Encoding) {
	case "", "utf-8", "utf8":
	case "windows-1251", "cp1251":
		br = bufio.NewReader(charmap.Windows1251.NewDecoder().Reader(br))
	case "koi8-r":
		br = bufio.NewReader(charmap.KOI8R.NewDecoder().Reader(br))
	default:
		return nil, docket.Errorf(docket.EINVALID, "--encoding %q: want utf-8, windows-1251 or koi8-r", o.Encoding)
	}
	if bom, _ := br.Peek(3); string(bom) == "\xef\xbb\xbf" {
		br.Discard(3)
	}
	if o.Comma == 0 {
		head, _ := br.Peek(br.Buffered())
		if len(head) == 0 {
			br.Peek(1)
			head, _ = br.Peek(br.Buffered())
		}
		first, _, _ := strings.Cut(string(head), "\n")
		o.Comma = ','
		for _, c := range []rune{';', '\t'} {
			if strings.Count(first, string(c)) > strings.Count(first, string(o.Comma)) {
				o.Comma = c
			}
		}
	}
	cr := csv.NewReader(br)
	cr.Comma = o.Comma
	cr.ReuseRecord = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, docket.Errorf(docket.EINVALID, "%s is empty: want a header row naming the columns", o.File)
	} else if err != nil {
		return nil, docket.Errorf(docket.EINVALID, "%s: the header row: %v", o.File, err)
	}
	header = slices.Clone(header)
	for i, h := range header {
		if !utf8.ValidString(h) {
			return nil, docket.Errorf(docket.EINVALID, "%s is not UTF-8 text: save it as UTF-8, or give --encoding windows-1251 or koi8-r", o.File)
		}
		header[i] = strings.TrimSpace(h)
	}
	cr.FieldsPerRecord = len(header)
	rd := &Reader{m: m, o: o, cr: cr, ids: docket.NewIDs(o.Now, o.Rand),
		known: map[digest]known{}, byName: map[string][]fileRef{}, said: map[digest]struct{}{}, sources: map[string]string{}, linked: map[string]bool{},
		Report: Report{New: map[string]int{}, Existing: map[string]int{}}}
	for _, c := range m.Columns {
		i := slices.Index(header, c.Name)
		if i < 0 {
			return nil, docket.Errorf(docket.EINVALID, "the mapping names column %q (line %d), which %s does not have; its columns are: %s",
				c.Name, c.line, o.File, strings.Join(quoteAll(header), ", "))
		}
		rd.index = append(rd.index, i)
	}
	for i, h := range header {
		if !slices.Contains(rd.index, i) {
			rd.Unmapped = append(rd.Unmapped, h)
		}
	}
	if err := rd.startSource(); err != nil {
		return nil, err
	}
	return rd, nil
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

// startSource settles the source the file's statements cite: the one given, found by id or
// URL, or a new one for the URL or for the file itself.
func (r *Reader) startSource() error {
	s := strings.TrimSpace(r.o.Source)
	if s != "" && !strings.Contains(s, "://") {
		r.src = s // an id: the import checks that it exists
		return nil
	}
	if s != "" {
		id, made, err := r.sourceFor(s)
		if made != nil {
			r.sources[made.URL] = id
			r.queue = append(r.queue, &docket.Record{Kind: docket.KindSource, Source: made})
			r.Sources++
		}
		r.src = id
		return err
	}
	return nil // made for the first statement that cites it: see fileSource
}

// fileSource returns the source made for the file, making it the first time: rows that
// each name their own source need none.
func (r *Reader) fileSource(out []*docket.Record) (string, []*docket.Record) {
	if r.src == "" {
		src := &docket.Source{ID: r.ids.Next("src"), Title: "CSV import: " + r.o.File, Type: "other",
			Sensitivity: docket.Internal, Author: r.o.Author, CreatedAt: r.o.Now}
		out = append(out, &docket.Record{Kind: docket.KindSource, Source: src})
		r.Sources++
		r.src = src.ID
	}
	return r.src, out
}

// sourceFor returns the id of the source with the URL: in the registry, made earlier for
// this file, or to be made, which it returns for the caller to make.
func (r *Reader) sourceFor(url string) (id string, made *docket.Source, err error) {
	s := &docket.Source{URL: url, Sensitivity: r.o.Sensitivity, Author: r.o.Author, CreatedAt: r.o.Now}
	if err := s.Normalize(); err != nil {
		return "", nil, err
	}
	if id, ok := r.sources[s.URL]; ok {
		return id, nil, nil
	}
	if id, err = r.o.Resolve.Source(s.URL); err != nil || id != "" {
		r.sources[s.URL] = id
		return id, nil, err
	}
	s.ID = r.ids.Next("src")
	return s.ID, s, nil
}

// Next returns the next record, or nil at the end. At the end it returns an error listing the
// rows that had errors, unless SkipBad is set; records of good rows have been given by then,
// so the caller imports in one transaction, which the error rolls back.
func (r *Reader) Next() (*docket.Record, error) {
	for len(r.queue) == 0 {
		if r.done {
			return nil, r.final()
		}
		fields, err := r.cr.Read()
		if errors.Is(err, io.EOF) {
			r.done = true
			continue
		}
		line, _ := r.cr.FieldPos(0)
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			r.Rows++
			msg := pe.Err.Error()
			if errors.Is(err, csv.ErrFieldCount) {
				msg = fmt.Sprintf("it has %d columns; the header has %d", len(fields), r.cr.FieldsPerRecord)
			}
			r.bad([]RowError{{Line: pe.StartLine, Msg: msg}})
			continue
		} else if err != nil {
			return nil, fmt.Errorf("%s: %w", r.o.File, err)
		}
		r.Rows++
		recs, errs := r.row(line, fields)
		if len(errs) > 0 {
			r.bad(errs)
			continue
		}
		r.Good++
		if r.failed {
			continue // checked, but nothing more is given: the import will fail
		}
		r.starts = append(r.starts, rowStart{r.made + len(r.queue) + 1, line})
		r.queue = append(r.queue, recs...)
	}
	rec := r.queue[0]
	r.queue = r.queue[1:]
	r.made++
	return rec, nil
}

// bad records the errors of a row.
func (r *Reader) bad(errs []RowError) {
	r.ErrorCount += len(errs)
	for _, e := range errs {
		if len(r.Errors) < maxErrors {
			r.Errors = append(r.Errors, e)
		}
	}
	if r.o.SkipBad {
		r.Skipped = append(r.Skipped, errs[0].Line)
	} else {
		r.failed = true
	}
}

func (r *Reader) final() error {
	if r.ErrorCount == 0 || r.o.SkipBad {
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d errors in %d rows; nothing was imported (--skip-bad-rows imports the other rows):", r.o.File, r.ErrorCount, r.Rows-r.Good)
	for i, e := range r.Errors {
		if i == 20 {
			fmt.Fprintf(&b, "\n  ... and %d more", r.ErrorCount-20)
			break
		}
		b.WriteString("\n  " + e.String())
	}
	return docket.Errorf(docket.EINVALID, "%s", b.String())
}

// Line returns the line of the row that made the record numbered n (from 1), or 0.
func (r *Reader) Line(n int) int {
	i := sort.Search(len(r.starts), func(i int) bool { return r.starts[i].record > n }) - 1
	if i < 0 {
		return 0
	}
	return r.starts[i].line
}

// value is one property value of a row's record.
type value struct {
	prop, value, lang string
}

// rowRecord is what a row says of one of its records.
type rowRecord struct {
	schema *docket.Schema
	values []value
	id     string
	how    origin
	recurs bool // identified by a name or number, so later rows may add values to it
}

// origin is where a row's record comes from.
type origin int

const (
	made     origin = iota // made by this row
	again                  // made by an earlier row of the file
	registry               // in the registry, found by name: linked to, not changed
	given                  // in the registry, named by an id column: given the row's values
)

// digest stands for a string that only needs comparing.
type digest [16]byte

func digestOf(parts ...string) digest {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	var d digest
	copy(d[:], h.Sum(nil))
	return d
}

// known is a record an identity names.
type known struct {
	id       string
	registry bool
}

// fileRef is a record of the file that a link column may name.
type fileRef struct{ id, schema string }

// links are the links between a row's records that need no column: a property of the first
// schema names the row's record of the second, unless a column gives it.
var links = []struct{ from, prop, to string }{
	{"Case", "defendant", "Person"},
	{"Charge", "case", "Case"},
	{"Proceeding", "case", "Case"}, {"Proceeding", "charge", "Charge"}, {"Proceeding", "court", "Organization"},
	{"Position", "holder", "Person"}, {"Position", "organization", "Organization"},
	{"Event", "case", "Case"}, {"Event", "victim", "Person"},
}

// order is the order a row's records are settled in: those others link to first.
var order = []string{"Person", "Organization", "Case", "Charge", "Proceeding", "Position", "Event", "Statistic"}

// row checks one row and returns its records.
func (r *Reader) row(line int, fields []string) ([]*docket.Record, []RowError) {
	var errs []RowError
	recs := map[string]*rowRecord{}
	src := ""                       // the row's own source, if it names one
	var newSources []*docket.Source // made by this row, remembered once it is good
	type refCell struct {
		col  Column
		cell string
	}
	var refs []refCell
	for i, c := range r.m.Columns {
		cell := strings.TrimSpace(fields[r.index[i]])
		if cell == "" {
			continue
		}
		if !utf8.ValidString(cell) {
			errs = append(errs, RowError{line, c.Name, "not UTF-8 text: save the file as UTF-8, or give --encoding windows-1251 or koi8-r"})
			continue
		}
		if c.Schema == "" {
			id, made, err := r.sourceFor(cell)
			if err != nil {
				errs = append(errs, RowError{line, c.Name, docket.ErrorMessage(err)})
			}
			if made != nil && !slices.ContainsFunc(newSources, func(s *docket.Source) bool { return s.URL == made.URL }) {
				newSources = append(newSources, made)
			}
			src = id
			continue
		}
		schema, _ := docket.SchemaByName(c.Schema)
		rr := recs[c.Schema]
		if rr == nil {
			rr = &rowRecord{schema: schema}
			recs[c.Schema] = rr
		}
		if c.Property == "id" {
			e, err := r.o.Resolve.Entity(cell, []string{c.Schema})
			if err == nil && (e == "" || e != cell) {
				err = docket.Errorf(docket.EINVALID, "no %s with the id %q in the registry", c.Schema, cell)
			}
			if err != nil {
				errs = append(errs, RowError{line, c.Name, docket.ErrorMessage(err)})
			}
			rr.id = cell
			continue
		}
		p := schema.Property(c.Property)
		if p.Type == docket.TypeRef {
			refs = append(refs, refCell{c, cell})
			continue
		}
		v, err := p.Normalize(cell)
		if err != nil {
			errs = append(errs, RowError{line, c.Name, fmt.Sprintf("%s.%s: %s", c.Schema, c.Property, docket.ErrorMessage(err))})
			continue
		}
		rr.values = append(rr.values, value{c.Property, v, c.Lang})
	}
	if len(recs) == 0 && len(errs) == 0 {
		return nil, []RowError{{line, "", "every mapped column is empty"}}
	}
	for _, k := range r.m.Consts {
		if rr := recs[k.Schema]; rr != nil {
			v, _ := rr.schema.Property(k.Property).Normalize(k.Value)
			rr.values = append(rr.values, value{k.Property, v, ""})
		}
	}
	// Settle each record's id, in the order links need, and link it.
	var keys [][]digest // the identities of the row's records, remembered once it is good
	for _, sn := range order {
		rr := recs[sn]
		if rr == nil {
			continue
		}
		for _, l := range links {
			if l.from != sn || recs[l.to] == nil || mapped(r.m, sn, l.prop) {
				continue
			}
			rr.values = append(rr.values, value{l.prop, recs[l.to].id, ""})
		}
		for _, ref := range refs {
			if ref.col.Schema != sn {
				continue
			}
			p := rr.schema.Property(ref.col.Property)
			id, err := r.reference(ref.cell, p.Range)
			if err != nil {
				errs = append(errs, RowError{line, ref.col.Name, fmt.Sprintf("%s.%s: %s", sn, p.Name, docket.ErrorMessage(err))})
				continue
			}
			rr.values = append(rr.values, value{p.Name, id, ""})
		}
		if len(errs) > 0 {
			return nil, errs
		}
		key, err := r.identify(rr)
		if err != nil {
			errs = append(errs, RowError{line, "", err.Error()})
			return nil, errs
		}
		keys = append(keys, key)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	// Only now, with the row known to be good, is anything remembered.
	var out []*docket.Record
	for _, s := range newSources {
		r.sources[s.URL] = s.ID
		out = append(out, &docket.Record{Kind: docket.KindSource, Source: s})
		r.Sources++
	}
	if src == "" {
		src, out = r.fileSource(out)
	}
	i := 0
	for _, sn := range order {
		if rr := recs[sn]; rr != nil {
			for _, k := range keys[i] {
				r.known[k] = known{rr.id, rr.how == registry}
			}
			i++
		}
	}
	for _, sn := range order {
		rr := recs[sn]
		if rr == nil {
			continue
		}
		switch rr.how {
		case registry, given:
			if !r.linked[rr.id] {
				r.linked[rr.id] = true
				r.Existing[sn]++
			}
			if rr.how == registry {
				continue
			}
		case made:
			r.New[sn]++
			out = append(out, &docket.Record{Kind: docket.KindEntity, Entity: &docket.Entity{ID: rr.id, Schema: sn,
				Sensitivity: docket.Public, Author: r.o.Author, CreatedAt: r.o.Now}})
			for _, v := range rr.values {
				if v.prop == "name" || v.prop == "alias" {
					k := translit.Key(v.value)
					r.byName[k] = append(r.byName[k], fileRef{rr.id, sn})
				}
			}
		case again:
			if !rr.recurs {
				continue // the same values as before: its identity is all it says
			}
		}
		for _, v := range rr.values {
			if rr.recurs || rr.how == given {
				pv := digestOf(rr.id, v.prop, v.value)
				if _, ok := r.said[pv]; ok {
					continue
				}
				r.said[pv] = struct{}{}
			}
			var salt [docket.SaltSize]byte
			io.ReadFull(r.o.Rand, salt[:])
			out = append(out, &docket.Record{Kind: docket.KindStatement, Statement: &docket.Statement{
				ID: r.ids.Next("s"), Entity: rr.id, Property: v.prop, Value: v.value, Lang: v.lang, Source: src,
				Status: r.o.Status, Sensitivity: r.o.Sensitivity, Author: r.o.Author, CreatedAt: r.o.Now, Salt: hex.EncodeToString(salt[:])}})
			r.Statements++
		}
	}
	return out, nil
}

func mapped(m *Mapping, schema, prop string) bool {
	for _, c := range m.Columns {
		if c.Schema == schema && c.Property == prop {
			return true
		}
	}
	return false
}

// reference returns the id of the record a cell names: one of the file's records by a name in
// any form, or one of the registry's by its id or name.
func (r *Reader) reference(cell string, schemas []string) (string, error) {
	var inFile []string
	for _, f := range r.byName[translit.Key(cell)] {
		if slices.Contains(schemas, f.schema) && !slices.Contains(inFile, f.id) {
			inFile = append(inFile, f.id)
		}
	}
	if len(inFile) > 1 {
		return "", docket.Errorf(docket.EINVALID, "%q names %d records of this file; give an id", cell, len(inFile))
	} else if len(inFile) == 1 {
		return inFile[0], nil
	}
	id, err := r.o.Resolve.Entity(cell, schemas)
	if err != nil {
		return "", err
	} else if id == "" {
		return "", docket.Errorf(docket.EINVALID, "no %s named %q in this file or the registry", strings.Join(schemas, " or "), cell)
	}
	return id, nil
}

// identify settles the id of a row's record: the same record as on an earlier row when it is
// the same person (a name in any spelling or script, and the date of birth), organisation (a
// name), case (its number, else its name), or another record with the same values and links;
// an organisation already in the registry; or a new one.
//
// It returns the record's identities, which the caller remembers once the whole row is good.
func (r *Reader) identify(rr *rowRecord) ([]digest, error) {
	if rr.id != "" { // an id column names it
		rr.how = given
		return nil, nil
	}
	keys, recurs := identities(rr)
	rr.recurs = recurs
	for _, k := range keys {
		if x, ok := r.known[k]; ok {
			rr.id, rr.how = x.id, again
			if x.registry {
				rr.how = registry
			}
			return keys, nil
		}
	}
	if rr.schema.Name == "Organization" {
		for _, v := range rr.values {
			if v.prop != "name" {
				continue
			}
			id, err := r.o.Resolve.Entity(v.value, []string{"Organization"})
			if err != nil {
				return nil, fmt.Errorf("organisation %q: %s", v.value, docket.ErrorMessage(err))
			} else if id != "" {
				rr.id, rr.how = id, registry
				return keys, nil
			}
		}
	}
	rr.id, rr.how = r.ids.Next(""), made
	return keys, nil
}

// identities are what make two rows' records the same record: any one of them shared. None
// means that the record is the same as no other row's. recurs says that they are names or
// numbers, so that later rows may say more of the record.
func identities(rr *rowRecord) (keys []digest, recurs bool) {
	values := func(prop string) []string {
		var out []string
		for _, v := range rr.values {
			if v.prop != prop {
				continue
			}
			x := v.value
			if prop == "name" {
				x = translit.Key(x)
			}
			if !slices.Contains(out, x) {
				out = append(out, x)
			}
		}
		return out
	}
	switch rr.schema.Name {
	case "Person":
		// A name alone is not a person: namesakes are many. Without a date of birth (or an
		// id column) every row's person is a record of its own, to be merged by an editor.
		born := values("birthDate")
		if len(born) == 0 {
			return nil, false
		}
		for _, n := range values("name") {
			keys = append(keys, digestOf("Person", n, strings.Join(born, "|")))
		}
	case "Organization":
		for _, n := range values("name") {
			keys = append(keys, digestOf("Organization", n))
		}
	case "Case":
		if ns := values("number"); len(ns) > 0 {
			keys = append(keys, digestOf("Case", "number", strings.Join(ns, "|")))
		} else {
			for _, n := range values("name") {
				keys = append(keys, digestOf("Case", n))
			}
		}
	}
	if len(keys) > 0 {
		return keys, true
	}
	// Any other record, or one without a name: by all it says.
	parts := []string{rr.schema.Name}
	for _, v := range rr.values {
		parts = append(parts, v.prop+"="+v.value)
	}
	sort.Strings(parts[1:])
	return []digest{digestOf(parts...)}, false
}
