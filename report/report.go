// Package report counts the patterns in a registry and publishes them: statistics over
// proceedings (outcomes, demands, sentences, durations, appeals), the retaliation detector,
// case briefs, lists of political prisoners, appeal drafts, and an Atom feed of published
// changes. One encoder per format writes them: HTML, Markdown, CSV, SVG charts and PDF.
//
// # Reading
//
// [Load] reads a viewer's view of the whole registry in a few bulk reads: entities by schema,
// then every statement in commit order, with keyset paging ([docket.StatementFilter] and
// [docket.EntityFilter] AfterSeq), never one query per entity.
// The store filters every read by the viewer, so a [Registry] loaded as
// [docket.AnonymousViewer] holds public, reviewed statements only. Published reports (briefs,
// prisoner lists, appeals, feeds) refuse any other registry: nothing here filters on its own.
//
// # Figures
//
// Every figure carries the ids of the cases behind it and their number. Dates keep their
// precision: a gap in days is computed only between two dates exact to the day, and what was
// left out for want of precision is counted and said.
package report

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/docketorg/docket"
)

// PageSize is the page size of the bulk reads: the most a store returns at once.
const PageSize = 1000

// Reader is what loading a registry needs of a store. Every docket.Store is one.
type Reader interface {
	FindStatements(ctx context.Context, v docket.Viewer, f docket.StatementFilter) ([]*docket.Statement, int, error)
	FindEntities(ctx context.Context, v docket.Viewer, f docket.EntityFilter) ([]*docket.Entity, int, error)
	FindEntityByID(ctx context.Context, v docket.Viewer, id string) (*docket.Entity, error)
	FindSources(ctx context.Context, v docket.Viewer, f docket.SourceFilter) ([]*docket.Source, int, error)
	FindReferences(ctx context.Context, v docket.Viewer, f docket.ReferenceFilter) ([]docket.Reference, error)
}

// Registry is one viewer's view of the whole registry: every entity it may see with its
// current statements, and the sources they cite. Merged entities are read as the entity they
// were merged into, and references to them point there too.
type Registry struct {
	Viewer   docket.Viewer
	Entities map[string]*docket.Entity
	Sources  map[string]*docket.Source

	bySchema  map[string][]*docket.Entity // in creation order
	referrers map[string][]*docket.Entity // entities with a reference to the key
	views     *views
	// own, when set, names the entities this registry counts: it holds a part of the
	// registry (see Stream), with what counting them needs around them, and the figures of
	// the whole are the sums of its parts'.
	own map[string]bool
}

// counts reports whether the registry's figures count the entity (see own).
func (reg *Registry) counts(id string) bool { return reg.own == nil || reg.own[id] }

// loadSchemas are the schemas a registry holds, in the order they are read.
var loadSchemas = []string{"Organization", "Person", "Position", "Case", "Charge", "Proceeding", "Event", "Statistic"}

// Load reads v's view of the registry: per schema, the canonical entities, then every
// statement, in keyset pages of PageSize, and the sources in pages. Entities merged away and
// references to them are resolved with one read each.
func Load(ctx context.Context, r Reader, v docket.Viewer) (*Registry, error) {
	reg := newRegistry(v)
	canonical := map[string]string{} // any id seen -> its canonical id ("" when not visible)
	// Keyset pages throughout: an offset or a filter by schema would make every page cost a
	// scan of all that came before it.
	for _, schema := range loadSchemas {
		var after int64
		for {
			ents, _, err := r.FindEntities(ctx, v, docket.EntityFilter{Schema: &schema, AfterSeq: after, Limit: PageSize, SkipCount: true})
			if err != nil {
				return nil, fmt.Errorf("load %s entities: %w", schema, err)
			}
			for _, e := range ents {
				after = max(after, e.Seq)
				if _, ok := reg.Entities[e.ID]; ok {
					continue
				}
				c := *e
				c.Statements = nil
				reg.Entities[e.ID] = &c
				reg.bySchema[schema] = append(reg.bySchema[schema], &c)
				canonical[e.ID] = e.ID
			}
			if len(ents) < PageSize {
				break
			}
		}
	}
	// Every schema is loaded, so every statement is read, in one pass in commit order.
	for after := int64(0); ; {
		ss, _, err := r.FindStatements(ctx, v, docket.StatementFilter{AfterSeq: after, Limit: PageSize, SkipCount: true})
		if err != nil {
			return nil, fmt.Errorf("load statements: %w", err)
		}
		if len(ss) == 0 {
			break
		}
		for _, s := range ss {
			after = max(after, s.Seq)
			id, err := reg.resolve(ctx, r, canonical, s.Entity)
			if err != nil {
				return nil, err
			}
			if e := reg.Entities[id]; e != nil {
				e.Statements = append(e.Statements, s)
			}
		}
	}
	if err := reg.finish(ctx, r, canonical); err != nil {
		return nil, err
	}
	for off := 0; ; off += PageSize {
		srcs, _, err := r.FindSources(ctx, v, docket.SourceFilter{Offset: off, Limit: PageSize})
		if err != nil {
			return nil, fmt.Errorf("load sources: %w", err)
		}
		for _, s := range srcs {
			reg.Sources[s.ID] = s
		}
		if len(srcs) < PageSize {
			break
		}
	}
	return reg, nil
}

// newRegistry returns an empty registry of v's view.
func newRegistry(v docket.Viewer) *Registry {
	return &Registry{Viewer: v, Entities: map[string]*docket.Entity{}, Sources: map[string]*docket.Source{},
		bySchema: map[string][]*docket.Entity{}, referrers: map[string][]*docket.Entity{}}
}

// finish makes what a registry derives from its entities once they are read, with their
// statements: references to entities merged away point to the entity they were merged into,
// captions, and who refers to whom.
func (reg *Registry) finish(ctx context.Context, r Reader, canonical map[string]string) error {
	if err := reg.resolveMany(ctx, r, canonical); err != nil {
		return err
	}
	for _, e := range reg.Entities {
		schema, err := docket.SchemaByName(e.Schema)
		if err != nil {
			continue
		}
		for i, s := range e.Statements {
			p := schema.Property(s.Property)
			if p == nil || p.Type != docket.TypeRef {
				continue
			}
			id, err := reg.resolve(ctx, r, canonical, s.Value)
			if err != nil {
				return err
			}
			if id != "" && id != s.Value {
				c := *s
				c.Value = id
				e.Statements[i] = &c
			}
		}
	}
	for _, list := range reg.bySchema {
		for _, e := range list {
			e.Caption = docket.Caption(e)
		}
	}
	for _, schema := range loadSchemas { // in a fixed order: referrers are listed by schema
		for _, e := range reg.bySchema[schema] {
			seen := map[string]bool{}
			for _, t := range reg.refValues(e) {
				if !seen[t] {
					seen[t] = true
					reg.referrers[t] = append(reg.referrers[t], e)
				}
			}
		}
	}
	return nil
}

// resolveMany resolves at once the references not met in the bulk reads (the courts and
// judges of a few cases' proceedings, say) that name a record as it is, a few reads for them
// all rather than one each; resolve reads the others (merged away, or hidden) one at a time.
func (reg *Registry) resolveMany(ctx context.Context, r Reader, canonical map[string]string) error {
	var unknown []string
	seen := map[string]bool{}
	for _, e := range reg.Entities {
		schema, err := docket.SchemaByName(e.Schema)
		if err != nil {
			continue
		}
		for _, s := range e.Statements {
			if p := schema.Property(s.Property); p != nil && p.Type == docket.TypeRef && !seen[s.Value] {
				if _, ok := canonical[s.Value]; !ok && docket.ValidID(s.Value) {
					seen[s.Value] = true
					unknown = append(unknown, s.Value)
				}
			}
		}
	}
	sort.Strings(unknown)
	return chunks(unknown, func(ids []string) error {
		ents, _, err := r.FindEntities(ctx, reg.Viewer, docket.EntityFilter{IDs: ids, Limit: docket.MaxIn, SkipCount: true})
		if err != nil {
			return fmt.Errorf("resolve %d references: %w", len(ids), err)
		}
		for _, e := range ents {
			if seen[e.ID] { // read as itself: not merged away
				canonical[e.ID] = e.ID
			}
		}
		return nil
	})
}

// resolve returns the canonical id of id as the registry's viewer sees it, or "" when the
// viewer may not see it. Ids not met in the bulk reads (merged away) cost one read each.
func (reg *Registry) resolve(ctx context.Context, r Reader, canonical map[string]string, id string) (string, error) {
	if c, ok := canonical[id]; ok {
		return c, nil
	}
	e, err := r.FindEntityByID(ctx, reg.Viewer, id)
	switch {
	case docket.ErrorCode(err) == docket.ENOTFOUND:
		canonical[id] = ""
		return "", nil
	case err != nil:
		return "", fmt.Errorf("resolve %s: %w", id, err)
	}
	canonical[id] = e.ID
	return e.ID, nil
}

// refValues returns the entity ids e's current statements refer to.
func (reg *Registry) refValues(e *docket.Entity) []string {
	schema, err := docket.SchemaByName(e.Schema)
	if err != nil {
		return nil
	}
	var out []string
	for _, s := range e.Statements {
		if p := schema.Property(s.Property); p != nil && p.Type == docket.TypeRef && s.Current() {
			out = append(out, s.Value)
		}
	}
	return out
}

// Entity returns the entity with the id, or nil.
func (reg *Registry) Entity(id string) *docket.Entity { return reg.Entities[id] }

// Schema returns the entities of a schema in creation order.
func (reg *Registry) Schema(name string) []*docket.Entity { return reg.bySchema[name] }

// Referrers returns the entities that refer to id, in creation order by schema.
func (reg *Registry) Referrers(id string) []*docket.Entity { return reg.referrers[id] }

// Caption returns an entity's caption, or the id itself when the viewer cannot see it.
func (reg *Registry) Caption(id string) string {
	if e := reg.Entities[id]; e != nil {
		return e.Caption
	}
	return id
}

// Source returns a source the viewer may see, or nil.
func (reg *Registry) Source(id string) *docket.Source { return reg.Sources[id] }

// published reports an error unless the registry was read as the anonymous viewer: what is
// published holds public, reviewed statements only, and only the store decides which.
func (reg *Registry) published(what string) error {
	if reg.Viewer.Role != docket.Anonymous {
		return docket.Errorf(docket.EINVALID, "a %s is published: load the registry as the anonymous viewer", what)
	}
	return nil
}

// statementsOf returns e's current statements of the properties, in the order the properties
// are given and, within one, in commit order.
func statementsOf(e *docket.Entity, props ...string) []*docket.Statement {
	if e == nil {
		return nil
	}
	var out []*docket.Statement
	for _, p := range props {
		for _, s := range e.Statements {
			if s.Property == p && s.Current() {
				out = append(out, s)
			}
		}
	}
	return out
}

// statementsWith returns e's current statements of prop whose value is value.
func statementsWith(e *docket.Entity, prop, value string) []*docket.Statement {
	var out []*docket.Statement
	for _, s := range statementsOf(e, prop) {
		if s.Value == value {
			out = append(out, s)
		}
	}
	return out
}

// uniq returns the distinct strings of ss in first-seen order, without empty ones.
func uniq(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// sortedSet returns the keys of a set, sorted.
func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Dates.

// parseDate parses a date value; ok is false when there is none or it does not parse.
func parseDate(s string) (docket.Date, bool) {
	if s == "" {
		return docket.Date{}, false
	}
	d, err := docket.ParseDate(s)
	return d, err == nil
}

// exactDay reports whether a date is exact to the day: a year, month and day, not approximate.
// Only such dates are subtracted.
func exactDay(d docket.Date) bool {
	return d.Year != 0 && d.Month != 0 && d.Day != 0 && !d.Approx
}

// daysBetween returns b - a in days for dates exact to the day.
func daysBetween(a, b docket.Date) int {
	ta, _ := a.Time()
	tb, _ := b.Time()
	return int(tb.Sub(ta).Hours() / 24)
}

// lastDay returns the last moment a date may mean, and false without a year.
func lastDay(d docket.Date) (time.Time, bool) {
	t, ok := d.Time()
	if !ok {
		return t, false
	}
	switch {
	case d.Month == 0:
		return t.AddDate(1, 0, -1), true
	case d.Day == 0:
		return t.AddDate(0, 1, -1), true
	}
	return t, true
}

// sortKey orders dates by their first possible day; dates without a year go last.
func sortKey(d docket.Date, ok bool) string {
	if !ok || d.Year == 0 {
		return "9999"
	}
	t, _ := d.Time()
	return t.Format("2006-01-02")
}

var months = [...]string{"", "January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December"}

// HumanDate writes a date for readers, keeping its precision: "6 February 2019",
// "September 2018", "2019", "about 6 February 2019".
func HumanDate(s string) string {
	d, ok := parseDate(s)
	if !ok {
		return s
	}
	var out string
	switch {
	case d.Year == 0:
		out = fmt.Sprintf("%d %s (year unknown)", d.Day, months[d.Month])
	case d.Month == 0:
		out = strconv.Itoa(d.Year)
	case d.Day == 0:
		out = fmt.Sprintf("%s %d", months[d.Month], d.Year)
	default:
		out = fmt.Sprintf("%d %s %d", d.Day, months[d.Month], d.Year)
	}
	if d.Approx {
		out = "about " + out
	}
	return out
}

// Vocabulary labels.

// label returns the English label of a vocabulary term, or the id.
func label(vocab, id string) string {
	if t, ok := docket.Vocab.Term(vocab, id); ok {
		return t.En
	}
	return id
}

// HumanPenalty writes a sentence or demand for readers: "imprisonment for 3 years",
// "fine of 500000 KZT", "ban for 5 years (public activity)".
func HumanPenalty(s string) string {
	p, err := docket.ParsePenalty(s)
	if err != nil {
		return s
	}
	out := label("sentence-kind", p.Kind)
	if p.Term != nil {
		out += " for " + humanTerm(*p.Term)
	}
	if p.Amount != "" {
		out += " of " + p.Amount + " " + p.Currency
	}
	if p.Scope != "" {
		out += " (" + p.Scope + ")"
	}
	return out
}

func humanTerm(d docket.Duration) string {
	var parts []string
	unit := func(n int, one, many string) {
		if n == 1 {
			parts = append(parts, "1 "+one)
		} else if n > 1 {
			parts = append(parts, strconv.Itoa(n)+" "+many)
		}
	}
	unit(d.Years, "year", "years")
	unit(d.Months, "month", "months")
	unit(d.Days, "day", "days")
	if len(parts) == 0 {
		return "0 days"
	}
	return strings.Join(parts, " ")
}

// TermMonths is a term's length in months: 12 a year, and a day 12/365.25 of a month. Every
// figure on sentence lengths uses it.
func TermMonths(d docket.Duration) float64 {
	return float64(d.Years*12+d.Months) + float64(d.Days)*12/365.25
}

// stageRank orders the stages of a case.
func stageRank(stage string) int {
	switch stage {
	case "investigation":
		return 0
	case "first instance":
		return 1
	case "appeal":
		return 2
	case "cassation":
		return 3
	case "supervisory":
		return 4
	}
	return 5
}

// higherStage reports whether a stage reviews an earlier ruling.
func higherStage(stage string) bool {
	return stage == "appeal" || stage == "cassation" || stage == "supervisory"
}
