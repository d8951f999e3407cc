package docket

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// Kinds of change, and of record in an export. Every committed change gets one sequence
// number in one append-only change log, written in the same transaction as the change; the
// ledger makes each entry a leaf.
const (
	KindEntity     = "entity"
	KindSource     = "source"
	KindStatement  = "statement"
	KindRetraction = "retraction"
	KindStatus     = "status"
	KindMerge      = "merge"
	KindUnmerge    = "unmerge"
	KindSnapshot   = "snapshot"
)

// Record is one entry of the change log, as exported: a kind and exactly one payload.
type Record struct {
	Kind       string
	Entity     *Entity
	Source     *Source
	Statement  *Statement
	Retraction *Retraction
	Status     *StatusChange
	Merge      *Merge
	Unmerge    *Unmerge
	Snapshot   *Snapshot
	Document   *Document
	Blob       *Blob   // not a change: content a following snapshot needs, in exports only
	Author     *Author // not a change: who an author id stands for, in full exports only
}

// payload returns the record's payload, or nil when the kind and payload disagree.
func (r *Record) payload() any {
	switch {
	case r.Kind == KindEntity && r.Entity != nil:
		return r.Entity
	case r.Kind == KindSource && r.Source != nil:
		return r.Source
	case r.Kind == KindStatement && r.Statement != nil:
		return r.Statement
	case r.Kind == KindRetraction && r.Retraction != nil:
		return r.Retraction
	case r.Kind == KindStatus && r.Status != nil:
		return r.Status
	case r.Kind == KindMerge && r.Merge != nil:
		return r.Merge
	case r.Kind == KindUnmerge && r.Unmerge != nil:
		return r.Unmerge
	case r.Kind == KindSnapshot && r.Snapshot != nil:
		return r.Snapshot
	case r.Kind == KindDocument && r.Document != nil:
		return r.Document
	case r.Kind == KindBlob && r.Blob != nil:
		return r.Blob
	case r.Kind == KindAuthor && r.Author != nil:
		return r.Author
	}
	return nil
}

// MarshalJSON writes {"kind": ..., payload fields...} on one line. Derived fields are not part
// of a record, and the encoding is canonical: the same record always gives the same bytes.
func (r Record) MarshalJSON() ([]byte, error) {
	switch p := r.payload().(type) {
	case *Statement:
		if b, ok := appendStatementRecord(make([]byte, 0, 256+len(p.Value)+len(p.Quote)), p); ok {
			return b, nil
		}
	case *Entity:
		if b, ok := appendEntityRecord(make([]byte, 0, 160), p); ok {
			return b, nil
		}
	}
	return r.marshalReflect()
}

// marshalReflect is MarshalJSON by encoding/json.
func (r Record) marshalReflect() ([]byte, error) {
	p := r.payload()
	if p == nil {
		return nil, fmt.Errorf("record of kind %q has no matching payload", r.Kind)
	}
	switch v := p.(type) {
	case *Entity:
		c := Entity{ID: v.ID, Schema: v.Schema, Sensitivity: v.Sensitivity, Author: v.Author, CreatedAt: v.CreatedAt}
		p = &c
	case *Statement:
		c := *v
		c.Retraction, c.SupersededBy, c.Locked, c.Seq = nil, "", false, 0
		p = &c
	case *Source:
		c := *v
		c.Locked, c.Seq = false, 0
		p = &c
	case *Snapshot:
		c := *v
		c.Locked = false
		p = &c
	case *Merge:
		c := *v
		c.UndoneAt = nil
		p = &c
	}
	body, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, `{"kind":%q`, r.Kind)
	if len(body) > 2 {
		b.WriteByte(',')
		b.Write(body[1:])
	} else {
		b.WriteByte('}')
	}
	return b.Bytes(), nil
}

// UnmarshalJSON reads a record strictly: unknown kinds, unknown fields and invalid UTF-8 are
// errors, so a typo or a broken byte in a backup is caught rather than dropped or replaced.
func (r *Record) UnmarshalJSON(b []byte) error {
	if s, ok := decodeStatementRecord(b); ok {
		*r = Record{Kind: KindStatement, Statement: s}
		return nil
	}
	return r.unmarshalReflect(b)
}

// unmarshalReflect is UnmarshalJSON by encoding/json.
func (r *Record) unmarshalReflect(b []byte) error {
	if err := CheckUTF8(b); err != nil {
		return err
	}
	// Records as Docket writes them start with their kind: then the rest is the payload, read
	// in one pass. Anything else is read as a map first.
	kind, rest, ok := cutKind(b)
	if !ok {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(b, &m); err != nil {
			return err
		}
		if raw, ok := m["kind"]; !ok {
			return Errorf(EINVALID, `record has no "kind"`)
		} else if err := json.Unmarshal(raw, &kind); err != nil {
			return Errorf(EINVALID, `"kind" is not a string`)
		}
		delete(m, "kind")
		rest, _ = json.Marshal(m)
	}
	*r = Record{Kind: kind}
	var er entityRecord
	var p any
	switch kind {
	case KindEntity:
		p = &er
	case KindSource:
		r.Source = &Source{}
		p = r.Source
	case KindStatement:
		r.Statement = &Statement{}
		p = r.Statement
	case KindRetraction:
		r.Retraction = &Retraction{}
		p = r.Retraction
	case KindStatus:
		r.Status = &StatusChange{}
		p = r.Status
	case KindMerge:
		r.Merge = &Merge{}
		p = r.Merge
	case KindUnmerge:
		r.Unmerge = &Unmerge{}
		p = r.Unmerge
	case KindSnapshot:
		r.Snapshot = &Snapshot{}
		p = r.Snapshot
	case KindDocument:
		r.Document = &Document{}
		p = r.Document
	case KindBlob:
		r.Blob = &Blob{}
		p = r.Blob
	case KindAuthor:
		r.Author = &Author{}
		p = r.Author
	default:
		return Errorf(EINVALID, "unknown record kind %q", kind)
	}
	dec := json.NewDecoder(bytes.NewReader(rest))
	dec.DisallowUnknownFields()
	if err := dec.Decode(p); err != nil {
		return err
	}
	if s := r.Statement; s != nil && (s.Retraction != nil || s.SupersededBy != "") {
		return Errorf(EINVALID, "a statement record carries no retraction; retractions are records of their own")
	}
	if (r.Statement != nil && r.Statement.Locked) || (r.Source != nil && r.Source.Locked) || (r.Snapshot != nil && r.Snapshot.Locked) ||
		(r.Document != nil && r.Document.Locked) {
		return Errorf(EINVALID, `"locked" is said by a store that cannot open a record, never part of one (a sealed record carries "sealed")`)
	}
	if kind == KindEntity {
		r.Entity = &Entity{ID: er.ID, Schema: er.Schema, Sensitivity: er.Sensitivity, Author: er.Author, CreatedAt: er.CreatedAt}
	}
	return nil
}

// cutKind reads a record that starts {"kind":"NAME", as MarshalJSON writes it: the kind, and
// the rest of the object with the kind taken out.
func cutKind(b []byte) (kind string, rest []byte, ok bool) {
	const head = `{"kind":"`
	if !bytes.HasPrefix(b, []byte(head)) {
		return "", nil, false
	}
	name, after, found := bytes.Cut(b[len(head):], []byte(`"`))
	if !found || bytes.IndexByte(name, '\\') >= 0 {
		return "", nil, false
	}
	switch {
	case bytes.HasPrefix(after, []byte(",")):
		rest = append([]byte("{"), after[1:]...)
	case bytes.HasPrefix(after, []byte("}")):
		rest = after
	default:
		return "", nil, false
	}
	return string(name), rest, true
}

// entityRecord has only the recorded fields of an Entity, so that derived fields in an import
// are rejected as unknown.
type entityRecord struct {
	ID          string      `json:"id"`
	Schema      string      `json:"schema"`
	Sensitivity Sensitivity `json:"sensitivity"`
	Author      string      `json:"author"`
	CreatedAt   time.Time   `json:"created"`
}

// Change is one committed entry of the change log, as history shows it.
type Change struct {
	Seq    int64     `json:"seq"`
	Kind   string    `json:"kind"`
	Ref    string    `json:"ref"`    // the id of what was added or changed
	Entity string    `json:"entity"` // the entity it concerns, if any
	Author string    `json:"author"`
	At     time.Time `json:"at"`
	Record Record    `json:"-"`
}

// ChangeFilter selects changes.
type ChangeFilter struct {
	Entity        *string // changes to the entity and every entity merged into it
	Ref           *string // changes whose ref is this id: a source's or snapshot's record
	AfterSeq      int64
	Newest        bool // newest first, as the dashboard lists recent changes
	Offset, Limit int
	// MaxScan bounds the changes of the log read, visible or not (0: no bound): a reader who
	// sees little of the log (the public, of a store of drafts) would otherwise read all of it
	// to fill a page.
	MaxScan int
}

// Progress is told how far long work has got: done of total units (total 0 when unknown).
type Progress func(done, total int64)

// ChangeService reads the change log and moves whole stores in and out.
type ChangeService interface {
	// FindChanges returns the changes matching f that v may see, in commit order.
	FindChanges(ctx context.Context, v Viewer, f ChangeFilter) ([]*Change, error)
	// Head returns the sequence number of the last change, 0 for an empty store: what was
	// computed from the store at one head holds until the head moves. It tells nothing but
	// how many changes there are, which the ledger's checkpoints publish anyway.
	Head(ctx context.Context) (int64, error)
	// Export calls fn for every record in commit order: for the operator everything, for any
	// other viewer only what it may see, as the current state (no retractions, no drafts for
	// the public). Only an admin may export everything.
	Export(ctx context.Context, v Viewer, public bool, fn func(*Record) error) error
	// Import applies records in one transaction; the first bad record rolls all back, with
	// an error naming it (its number counts from 1). Needs the admin role.
	Import(ctx context.Context, v Viewer, next func() (*Record, error), progress Progress) (int, error)
	// Rebuild derives every view (entities, statements, search index) again from the change
	// log.
	Rebuild(ctx context.Context, progress Progress) error
}

// SearchQuery is a full-text query. Unquoted words match any form of a name (case,
// diacritics, script, romanisation); a quoted phrase matches exactly.
type SearchQuery struct {
	Q      string
	Schema string
	Limit  int
	Offset int
	// Candidates is how many of the newest matches are ranked at most; 0 is the store's own
	// cap. A caller who wants a few of a prefix's records, not its best ones, asks for fewer.
	Candidates int
}

// SearchHit is one entity found, with the statement text that matched.
type SearchHit struct {
	Entity  *Entity `json:"entity"`
	Snippet string  `json:"snippet"`
	Rank    float64 `json:"rank"`
}

// FacetQuery is a search narrowed by facets. An empty Q lists every entity v may see, narrowed
// by the facets; empty facets match everything.
type FacetQuery struct {
	Q         string
	Schema    string
	Country   string // ISO 3166-1 alpha-2, lower case
	EventType string // a term of the event-type vocabulary
	Year      string // four digits: any date of the entity in that year
	Status    string // any visible current statement of the entity has this status
	Limit     int
	Offset    int
}

// Facets names the facets of a search, in the order pages show them.
var Facets = []string{"schema", "country", "type", "year", "status"}

// FacetValue is one value of a facet and how many of the matching entities have it.
type FacetValue struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// SearchResults is one page of a faceted search, the total it is a page of, and the counts of
// each facet's values over the whole result. Every count is of what the viewer may see.
type SearchResults struct {
	Hits   []*SearchHit            `json:"hits"`
	Total  int                     `json:"total"`
	Facets map[string][]FacetValue `json:"facets"`
	Capped bool                    `json:"capped,omitempty"` // more matched than were counted
	// Counted is how many entities the facets were counted over, of a search that found more.
	Counted int `json:"counted,omitempty"`
}

// SearchService searches entities by their names and statements.
type SearchService interface {
	Search(ctx context.Context, v Viewer, q SearchQuery) ([]*SearchHit, error)
	// FacetedSearch searches as Search does, narrows the hits by the facets set in q and counts
	// the values of every facet over what v may see.
	FacetedSearch(ctx context.Context, v Viewer, q FacetQuery) (*SearchResults, error)
}

// Store is everything a Docket backend provides. SQLite and PostgreSQL implement it and pass
// the same conformance suite.
type Store interface {
	EntityService
	StatementService
	SourceService
	ChangeService
	SearchService
	TokenService
	UserService
	AuthorService
	LedgerService
	SnapshotService
	DocumentService
	SettingsService
	ListService
	SecondFactorService
	SecurityLogService
	Close() error
}
