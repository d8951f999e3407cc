package docket

import (
	"context"
	"encoding/binary"
	"io"
	"strconv"
	"strings"
	"time"
)

// Entity is a person, organisation, case, proceeding, event or any other thing of a schema.
// An entity holds no values of its own: its view is derived from its statements, and can be
// rebuilt from them.
type Entity struct {
	ID          string      `json:"id"`
	Schema      string      `json:"schema"`
	Sensitivity Sensitivity `json:"sensitivity"`
	Author      string      `json:"author"`
	CreatedAt   time.Time   `json:"created"`

	// Derived, for the viewer who read the entity.
	Caption string `json:"caption,omitempty"`
	// CaptionDraft says that the caption rests on a statement not yet reviewed, which staff
	// see marked: the public never sees a draft, in a caption or anywhere.
	CaptionDraft bool         `json:"caption_draft,omitempty"`
	Merged       []string     `json:"merged,omitempty"` // ids merged into this entity
	Statements   []*Statement `json:"statements,omitempty"`
	Seq          int64        `json:"-"`
	// Referred is, for an entity found by RefersTo with Newest, the change of its newest
	// statement referring to the target: the next page starts before the last one's
	// (EntityFilter.ReferredBefore).
	Referred int64 `json:"-"`
}

// Values returns the current values of a property, in commit order.
func (e *Entity) Values(prop string) []string {
	var vs []string
	for _, s := range e.Statements {
		if s.Property == prop && s.Current() {
			vs = append(vs, s.Value)
		}
	}
	return vs
}

// First returns the first current value of a property, or "".
func (e *Entity) First(prop string) string {
	if vs := e.Values(prop); len(vs) > 0 {
		return vs[0]
	}
	return ""
}

// Merge records that two entities are the same: From is read as Into until the merge is undone.
// Neither entity nor any statement is changed by it.
type Merge struct {
	ID       string     `json:"id"`
	Into     string     `json:"into"`
	From     string     `json:"from"`
	Reason   string     `json:"reason"`
	Author   string     `json:"author"`
	At       time.Time  `json:"at"`
	UndoneAt *time.Time `json:"undone_at,omitempty"` // derived
}

// Unmerge undoes a merge.
type Unmerge struct {
	Merge  string    `json:"merge"`
	Reason string    `json:"reason"`
	Author string    `json:"author"`
	At     time.Time `json:"at"`
}

// EntityFilter selects entities. Nil fields match everything.
type EntityFilter struct {
	ID       *string
	IDs      []string // the entities these ids read as (merged ids as the entity merged into), at most MaxIn
	Schema   *string
	Name     *string // any name or alias whose romanisation key equals this one's
	RefersTo *string // entities with a current statement whose value is this entity
	// RefersToAny is RefersTo for many entities at once (at most MaxIn): the entities that
	// refer to any of them, for readers of a whole neighbourhood.
	RefersToAny []string
	// Via restricts RefersTo and RefersToAny to statements of these properties ("victim",
	// "defendant"): what acts on a judge, not the thousand proceedings the judge heard.
	Via      []string
	AfterSeq int64 // only entities made after this change: keyset paging for bulk reads, total -1
	Newest   bool  // the newest first (not with AfterSeq)
	// ReferredBefore pages the referrers of RefersTo, newest first (with Newest and SkipCount),
	// by a cursor rather than an offset: those whose newest statement referring to the target
	// is older than this change (the Referred of the previous page's last entity). A page of a
	// hub's referrers then costs the same however deep it is, and nothing is counted.
	ReferredBefore int64
	// SkipCount leaves the total uncounted (-1): a page of the newest costs little, counting
	// what a viewer sees of a large registry does not.
	SkipCount bool
	// WithStatements reads each entity whole, as FindEntityByID does (its current statements
	// visible to the viewer, the ids merged into it), in a few reads for the page, not one for
	// each entity.
	WithStatements bool
	Offset         int
	Limit          int
}

// EntityService holds entities and merges.
type EntityService interface {
	// FindEntityByID returns the entity with its current statements visible to v. A merged id
	// reads as the entity it was merged into. ENOTFOUND if v may not see it.
	FindEntityByID(ctx context.Context, v Viewer, id string) (*Entity, error)
	// FindEntities returns matching entities, with captions but without statements unless
	// WithStatements, and the total count (-1 with SkipCount).
	FindEntities(ctx context.Context, v Viewer, f EntityFilter) ([]*Entity, int, error)
	// CountEntities returns how many entities v may see, by schema. It reads every entity:
	// callers that serve many keep its answer (see ChangeService.Head).
	CountEntities(ctx context.Context, v Viewer) (map[string]int, error)
	// CreateEntity creates the entity and its first statements in one transaction.
	CreateEntity(ctx context.Context, v Viewer, e *Entity, stmts []*Statement) error
	// MergeEntities records that from is the same as into. EINVALID for different schemas or
	// an entity merged already.
	MergeEntities(ctx context.Context, v Viewer, into, from, reason string) (*Merge, error)
	// UnmergeEntity undoes the merge that merged id (a merged entity or a merge id) away.
	UnmergeEntity(ctx context.Context, v Viewer, id, reason string) (*Merge, error)
	// DuplicatePairs returns pairs of current records v may see, of the schema, that share the
	// romanisation key of a current name or alias, the newest first. Staff only.
	DuplicatePairs(ctx context.Context, v Viewer, schema string, offset, limit int) ([]DuplicatePair, error)
	// FindReferences returns the current statements by which records name records, where v
	// may see the statement and both records, in the order they were made. It reads the
	// statements alone, not the records: what a hub's thousands of referrers say of it costs
	// one row each.
	FindReferences(ctx context.Context, v Viewer, f ReferenceFilter) ([]Reference, error)
}

// Reference is a current statement by which one record names another: From (a canonical id,
// of schema Schema) names To (a canonical id) by Property.
type Reference struct {
	From, Schema, Property, To string
}

// ReferenceFilter selects references by one end: To or From, not both, at most MaxIn ids.
// An id merged into another stands for it.
type ReferenceFilter struct {
	To   []string // the references naming these records
	From []string // the references these records make
	Via  []string // only by these properties; all when empty
}

// DuplicatePair is two records of one schema that share a name in some spelling: possibly one
// person or organisation recorded twice, for an editor to compare and merge.
type DuplicatePair struct {
	A, B string // entity ids, A made first
	Name string // a name they share
}

// MaxIn is the most ids a filter for many at once takes (EntityFilter.RefersToAny,
// StatementFilter.Entities).
const MaxIn = 1000

// ValidID reports whether s can be an id: 1 to 64 letters, digits, '-', '_' or '.', not
// starting with a dot. Imported records keep their ids, so ids are not only ours.
func ValidID(s string) bool {
	if len(s) == 0 || len(s) > 64 || s[0] == '.' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

const crockford = "0123456789abcdefghjkmnpqrstvwxyz"

// base36 are the digits of base 36, in the order they sort in.
const base36 = "0123456789abcdefghijklmnopqrstuvwxyz"

// NewID returns a fresh id: 48 bits of milliseconds and 32 random bits from r in Crockford
// base 32, prefixed. Ids sort by creation time, which keeps index inserts local; r is a
// parameter so that tests can make ids, and so ledgers, repeatable.
func NewID(prefix string, now time.Time, r io.Reader) string {
	var b [10]byte
	binary.BigEndian.PutUint64(b[:8], uint64(now.UnixMilli())<<16)
	io.ReadFull(r, b[6:])
	// 80 bits -> 16 base-32 characters.
	var out [16]byte
	var acc uint64
	var bits uint
	j := 0
	for _, c := range b {
		acc = acc<<8 | uint64(c)
		bits += 8
		for bits >= 5 {
			bits -= 5
			out[j] = crockford[(acc>>bits)&31]
			j++
		}
	}
	return prefix + string(out[:])
}

// IDs makes the ids of many records made at one moment, as an import of an outside file does:
// NewID's time and random part once, then a counter, so that no two can be the same. (NewID
// alone draws 32 random bits a millisecond: among hundreds of thousands of ids made in the same
// millisecond, some would collide.) The counter is written in base 36 after its number of
// digits, so that ids sort in the order they were made, as NewID's do: each then goes at the
// end of the indexes on ids. Bare base 36 put "-10" before "-2", and a CSV import's inserts all
// over those indexes cost a tenth of its time (bench/README).
type IDs struct {
	base string
	n    uint64
}

// NewIDs starts ids at the time now, with randomness from r.
func NewIDs(now time.Time, r io.Reader) *IDs { return &IDs{base: NewID("", now, r)} }

// Next returns the next id, with the prefix.
func (g *IDs) Next(prefix string) string {
	g.n++
	n := strconv.FormatUint(g.n, 36)
	return prefix + g.base + "-" + string(base36[len(n)]) + n
}

// Caption returns a short name for an entity from its current statements: its name or alias,
// else what it is and when ("first instance 2019-02-06"), else its schema and id. An entity
// whose names are locked (sealed, and read without the data key) says so.
func Caption(e *Entity) string {
	locked := false
	for _, p := range []string{"name", "alias"} {
		for _, s := range e.Statements {
			if s.Property != p || !s.Current() {
				continue
			} else if s.Locked {
				locked = true
			} else if s.Value != "" {
				return s.Value
			}
		}
	}
	if locked {
		return LockedCaption(e)
	}
	var parts []string
	for _, p := range []string{"type", "stage", "post", "article", "date", "startDate"} {
		if v := e.First(p); v != "" {
			parts = append(parts, v)
		}
	}
	if len(parts) > 0 {
		return e.Schema + ": " + strings.Join(parts, " ")
	}
	return e.Schema + " " + e.ID
}

// LockedCaption is the caption of an entity whose name is locked: sealed, and read by a store
// without its data key.
func LockedCaption(e *Entity) string { return e.Schema + " " + e.ID + " (locked)" }
