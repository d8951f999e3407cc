package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strings"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/translit"
	"github.com/docketorg/docket/seal"
)

// FindEntityByID returns the entity with its current statements visible to v.
func (db *Store) FindEntityByID(ctx context.Context, v docket.Viewer, id string) (e *docket.Entity, err error) {
	err = db.viewFor(ctx, v, func(tx *Tx) error {
		e, err = tx.findEntityByID(ctx, v, id)
		return err
	})
	return e, err
}

// canonicalOf returns the id of the entity that id reads as (itself, or the entity it was merged
// into), or ENOTFOUND when v may not see id itself. A merged id is checked as well as the
// entity it leads to: a confidential record merged into a public one must not answer, by its
// old id, to anyone not cleared for it, on any route.
func (tx *Tx) canonicalOf(ctx context.Context, v docket.Viewer, id string) (string, error) {
	var canonical string
	var sens docket.Sensitivity
	err := tx.queryRow(ctx, `SELECT canonical, sensitivity FROM entities WHERE id = ?`, id).Scan(&canonical, &sens)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && sens > v.MaxSensitivity()) {
		return "", docket.Errorf(docket.ENOTFOUND, "no entity %q", id)
	} else if err != nil {
		return "", fmt.Errorf("find entity: %w", err)
	}
	if canonical != id && !v.SeesDrafts() {
		// The public knows a merged id only through a statement of its own that it may see,
		// as it knows any entity (see entityScope).
		cond, args := visible(v)
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM statements s JOIN entities se ON se.id = s.entity_id
			WHERE s.entity_id = ? AND s.retracted_seq IS NULL AND `+cond, append([]any{id}, args...)...).Scan(&n); err != nil {
			return "", fmt.Errorf("find entity: %w", err)
		} else if n == 0 {
			return "", docket.Errorf(docket.ENOTFOUND, "no entity %q", id)
		}
	}
	return canonical, nil
}

// canonicals returns the distinct canonical ids of the entities ids that v may see, as
// canonicalOf would one by one, in one read: ids v may not see are left out.
func (tx *Tx) canonicals(ctx context.Context, v docket.Viewer, ids []string) ([]string, error) {
	if len(ids) > docket.MaxIn {
		return nil, docket.Errorf(docket.EINVALID, "%d ids: at most %d at once", len(ids), docket.MaxIn)
	}
	var out, merged []string
	seen := map[string]bool{}
	err := tx.selectIn(ctx, `SELECT id, canonical, sensitivity FROM entities WHERE id IN `, slices.Compact(slices.Sorted(slices.Values(ids))), func(rows *sql.Rows) error {
		var id, canonical string
		var sens docket.Sensitivity
		if err := rows.Scan(&id, &canonical, &sens); err != nil {
			return err
		}
		switch {
		case sens > v.MaxSensitivity():
		case canonical != id && !v.SeesDrafts():
			merged = append(merged, id) // see canonicalOf
		case !seen[canonical]:
			seen[canonical] = true
			out = append(out, canonical)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("find entities: %w", err)
	}
	for _, id := range merged {
		c, err := tx.canonicalOf(ctx, v, id)
		if docket.ErrorCode(err) == docket.ENOTFOUND {
			continue
		} else if err != nil {
			return nil, err
		}
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out, nil
}

// inList returns "(?, ?, …)" for n values.
func inList(n int) string { return "(" + strings.TrimSuffix(strings.Repeat("?, ", n), ", ") + ")" }

// inValues returns "(?, ?, …)" for vals, and vals as arguments, their number padded to a power
// of two with the last one again. A few statements then serve every length of list, each
// prepared once by a connection and kept (sqlite's statement cache); with one for each length,
// a server's four readers kept about a thousand between them and SQLite's memory doubled
// (go run ./bench/load at 10M, sqlite3_status64 in a profiling build).
func inValues[T any](vals []T) (string, []any) {
	n := 1
	if len(vals) > 1 {
		n = 1 << bits.Len(uint(len(vals)-1))
	}
	args := make([]any, n)
	for i := range args {
		args[i] = vals[min(i, len(vals)-1)]
	}
	return inList(n), args
}

func (tx *Tx) findEntityByID(ctx context.Context, v docket.Viewer, id string) (*docket.Entity, error) {
	canonical, err := tx.canonicalOf(ctx, v, id)
	if err != nil {
		return nil, err
	}
	ents, err := tx.entities(ctx, v, `AND e.id = ?`, canonical)
	if err != nil {
		return nil, err
	} else if len(ents) == 0 {
		// Same answer as for an id that does not exist: existence is information too.
		return nil, docket.Errorf(docket.ENOTFOUND, "no entity %q", id)
	}
	e := ents[0]
	cond, args := visible(v)
	e.Statements, err = tx.statements(ctx, `WHERE se.canonical = ? AND s.retracted_seq IS NULL AND `+cond+` ORDER BY s.seq`,
		append([]any{e.ID}, args...)...)
	if err != nil {
		return nil, err
	}
	e.Statements = filterVisible(v, e.Statements)
	rows, err := tx.QueryContext(ctx, `SELECT id FROM entities WHERE canonical = ? AND id <> ? AND sensitivity <= ? ORDER BY seq`, e.ID, e.ID, int(v.MaxSensitivity()))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			return nil, err
		}
		e.Merged = append(e.Merged, m)
	}
	e.Caption = docket.Caption(e)
	return e, rows.Err()
}

// filterVisible checks again, in Go, what the SQL already filtered: a second lock on the
// door that matters most.
func filterVisible(v docket.Viewer, ss []*docket.Statement) []*docket.Statement {
	out := ss[:0]
	for _, s := range ss {
		if v.MaySee(s.Sensitivity, s.Status) {
			out = append(out, s)
		}
	}
	return out
}

// entityScope returns the condition that an entity row (alias e) is canonical and visible to
// v, with its arguments.
func entityScope(v docket.Viewer) (string, []any) {
	cond := `e.canonical = e.id AND e.sensitivity <= ?`
	args := []any{int(v.MaxSensitivity())}
	if !v.SeesDrafts() {
		// The public sees an entity only through a statement it may see.
		scond, sargs := visible(v)
		cond += ` AND EXISTS (SELECT 1 FROM statements s JOIN entities se ON se.id = s.entity_id
			WHERE se.canonical = e.id AND s.retracted_seq IS NULL AND ` + scond + `)`
		args = append(args, sargs...)
	}
	return cond, args
}

// entities reads canonical entities visible to v, without their captions (see captions); tail
// adds conditions (starting with AND) and the order.
func (tx *Tx) entities(ctx context.Context, v docket.Viewer, tail string, args ...any) ([]*docket.Entity, error) {
	return tx.entitiesFrom(ctx, v, "entities e", nil, tail, args...)
}

// entitiesFrom is entities read from the given FROM clause, which names the entities e and
// takes fargs.
func (tx *Tx) entitiesFrom(ctx context.Context, v docket.Viewer, from string, fargs []any, tail string, args ...any) ([]*docket.Entity, error) {
	scope, sargs := entityScope(v)
	q := `SELECT e.id, e.schema, e.sensitivity, e.author, e.created_at, e.seq FROM ` + from + ` WHERE ` + scope
	rows, err := tx.QueryContext(ctx, q+" "+tail, append(append(slices.Clone(fargs), sargs...), args...)...)
	if err != nil {
		return nil, fmt.Errorf("read entities: %w", err)
	}
	defer rows.Close()
	var out []*docket.Entity
	for rows.Next() {
		var e docket.Entity
		var sens int
		var created string
		if err := rows.Scan(&e.ID, &e.Schema, &sens, &e.Author, &created, &e.Seq); err != nil {
			return nil, err
		}
		e.Sensitivity, e.CreatedAt = docket.Sensitivity(sens), parseTime(created)
		if tx.public {
			e.Author = docket.PublicAuthor(e.Author)
		}
		out = append(out, &e)
	}
	return out, rows.Err()
}

// captions sets each entity's caption as v sees it: its first name, else its first alias, else
// its schema and id (docket.Caption's rule, without reading every statement). One read for a
// page of entities: as a column of the query that finds them, it was computed for every
// candidate before the page was cut from them, thousands for a hub's referrers.
func (tx *Tx) captions(ctx context.Context, v docket.Viewer, ents []*docket.Entity) error {
	byID := make(map[string]*docket.Entity, len(ents))
	for _, e := range ents {
		byID[e.ID] = e
	}
	cond, args := visible(v)
	q := `SELECT se.canonical, s.value, s.property, s.sensitivity, ` + valueColumns + ` FROM statements s JOIN entities se ON se.id = s.entity_id
		WHERE s.property IN ('name', 'alias') AND s.retracted_seq IS NULL AND ` + cond + ` AND se.canonical IN `
	for i := 0; i < len(ents); i += docket.MaxIn {
		part := ents[i:min(i+docket.MaxIn, len(ents))]
		ids := make([]string, len(part))
		for j, e := range part {
			ids[j] = e.ID
		}
		in, idArgs := inValues(ids)
		rows, err := tx.QueryContext(ctx, q+in+` ORDER BY s.property <> 'name', s.seq`, append(slices.Clone(args), idArgs...)...)
		if err != nil {
			return fmt.Errorf("read captions: %w", err)
		}
		for rows.Next() {
			var id, value, prop string
			var sens int
			var sv sealedValue
			if err := rows.Scan(append([]any{&id, &value, &prop, &sens}, sv.dest()...)...); err != nil {
				rows.Close()
				return err
			}
			value, locked := tx.db.openValue(prop, sens, value, &sv)
			if e := byID[id]; e != nil && e.Caption == "" {
				if locked {
					value = docket.LockedCaption(e)
				}
				e.Caption = value
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	for _, e := range ents {
		if e.Caption == "" {
			e.Caption = e.Schema + " " + e.ID
		}
	}
	return nil
}

// FindEntities returns matching entities with their captions, and the total count.
func (db *Store) FindEntities(ctx context.Context, v docket.Viewer, f docket.EntityFilter) (ents []*docket.Entity, n int, err error) {
	if f.Newest && f.AfterSeq > 0 {
		return nil, 0, docket.Errorf(docket.EINVALID, "the newest first, or those after a change: not both")
	}
	if f.ReferredBefore != 0 && (f.RefersTo == nil || f.RefersToAny != nil || !f.Newest || !f.SkipCount || f.Offset != 0 || f.ReferredBefore < 0) {
		return nil, 0, docket.Errorf(docket.EINVALID, "referred before change %d: a cursor of one entity's referrers, newest first and uncounted, without an offset", f.ReferredBefore)
	}
	err = db.viewFor(ctx, v, func(tx *Tx) error {
		var where []string
		var args []any
		var order string      // when not by the entities' seq
		var oargs []any       // order's arguments
		var newest *referrers // a first page of the newest referrers, read as newestReferrers does
		// Sets of referrers are found first, then joined to the entities they are: as a
		// condition on every entity ("e.id IN (...)"), PostgreSQL misjudged how few entities
		// are canonical and tested each of millions (6 s at 10M statements for the referrers
		// of 1,000 persons, against 0.2 s). CROSS JOIN keeps SQLite's loop in this order too.
		var sets []string
		var fargs []any
		referredBy := func(referring string, rargs []any) {
			r := fmt.Sprintf("r%d", len(sets))
			sets = append(sets, `(SELECT DISTINCT se.canonical AS id `+referring+`) `+r)
			where = append(where, `e.id = `+r+`.id`)
			fargs = append(fargs, rargs...)
		}
		if f.ID != nil {
			where, args = append(where, `e.id = ?`), append(args, *f.ID)
		}
		if f.IDs != nil {
			ids, err := tx.canonicals(ctx, v, f.IDs)
			if err != nil {
				return err
			} else if len(ids) == 0 {
				n = 0
				return nil
			}
			in, idArgs := inValues(ids)
			where, args = append(where, `e.id IN `+in), append(args, idArgs...)
		}
		if f.Schema != nil {
			where, args = append(where, `e.schema = ?`), append(args, *f.Schema)
		}
		if f.AfterSeq > 0 {
			where, args = append(where, `e.seq > ?`), append(args, f.AfterSeq)
		}
		if f.Name != nil || f.RefersTo != nil || f.RefersToAny != nil {
			cond, cargs := visible(v)
			if f.Name != nil {
				key := translit.Key(*f.Name)
				if key == "" {
					return docket.Errorf(docket.EINVALID, "name %q has no letters", *f.Name)
				}
				// IN, not EXISTS: the subquery runs once from the key's index instead of once
				// for every entity.
				// A sealed name is found by the keyed term of its key, by whoever may see it with
				// the key (the second key is the first again otherwise).
				blind := key
				if k := db.DataKey; k != nil && v.MaxSensitivity() == docket.Confidential {
					blind = k.Term(seal.Name, key)
				}
				where = append(where, `e.id IN (SELECT se.canonical FROM name_keys nk JOIN statements s ON s.seq = nk.seq JOIN entities se ON se.id = s.entity_id
					WHERE nk.key IN (?, ?) AND s.property IN ('name', 'alias') AND s.retracted_seq IS NULL AND `+cond+`)`)
				args = append(args, key, blind)
				args = append(args, cargs...)
			}
			if f.RefersTo != nil {
				target, err := tx.canonicalOf(ctx, v, *f.RefersTo)
				if docket.ErrorCode(err) == docket.ENOTFOUND {
					n = 0 // as for an id that never existed: nothing refers to it
					return nil
				} else if err != nil {
					return err
				}
				via, vargs := viaProperties(f.Via)
				referring := `FROM statements s JOIN entities se ON se.id = s.entity_id
					WHERE s.ref IN (SELECT id FROM entities WHERE canonical = ?)
					AND s.retracted_seq IS NULL` + via + ` AND ` + cond
				rargs := append(append([]any{target}, vargs...), cargs...)
				if f.Newest {
					// The newest referrers are those referred from most recently: a page of
					// them is read from the referring statements, newest first (newestReferrers).
					order = ` ORDER BY (SELECT MAX(s.seq) ` + referring + ` AND se.canonical = e.id) DESC, e.seq DESC`
					oargs = rargs
					if f.SkipCount && f.Offset == 0 && f.AfterSeq == 0 && f.RefersToAny == nil { // newestReferrers reads from entities alone
						rcond, rargs := visibleRowByRow(v)
						if newest, err = tx.referringTo(ctx, target, via, append(vargs, rargs...), rcond); err != nil {
							return err
						}
					}
				}
				if newest == nil {
					referredBy(referring, rargs)
				}
			}
			if f.RefersToAny != nil {
				targets, err := tx.canonicals(ctx, v, f.RefersToAny)
				if err != nil {
					return err
				} else if len(targets) == 0 {
					n = 0
					return nil
				}
				via, vargs := viaProperties(f.Via)
				in, rargs := inValues(targets)
				referredBy(`FROM statements s JOIN entities se ON se.id = s.entity_id
					WHERE s.ref IN (SELECT id FROM entities WHERE canonical IN `+in+`)
					AND s.retracted_seq IS NULL`+via+` AND `+cond, append(append(rargs, vargs...), cargs...))
			}
		}
		from := strings.Join(append(sets, "entities e"), " CROSS JOIN ")
		tail := ""
		if len(where) > 0 {
			tail = "AND " + strings.Join(where, " AND ")
		}
		if newest != nil {
			n = -1
			var err error
			if ents, err = tx.newestReferrers(ctx, v, *newest, f.ReferredBefore, tail, args, limit(f.Limit)); err != nil {
				return err
			}
			if f.WithStatements {
				return tx.whole(ctx, v, ents)
			}
			return tx.captions(ctx, v, ents)
		}
		scope, sargs := entityScope(v)
		n = -1 // a keyset page is one of many: counting them all again would cost a scan each
		if f.AfterSeq == 0 && !f.SkipCount {
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+from+` WHERE `+scope+" "+tail, append(append(slices.Clone(fargs), sargs...), args...)...).Scan(&n); err != nil {
				return fmt.Errorf("count entities: %w", err)
			}
		}
		if order == "" {
			order = " ORDER BY e.seq"
			if f.Newest {
				order += " DESC"
			}
		}
		ents, err = tx.entitiesFrom(ctx, v, from, fargs, tail+order+" LIMIT ? OFFSET ?", append(append(args, oargs...), limit(f.Limit), max(f.Offset, 0))...)
		if err != nil {
			return err
		}
		if f.WithStatements {
			return tx.whole(ctx, v, ents)
		}
		return tx.captions(ctx, v, ents)
	})
	return ents, n, err
}

// referrers are the statements that refer to an entity and v may see: a condition on
// statements s and their entities se, and its arguments.
type referrers struct {
	in    string // the ids referred to: "= ?" or "IN (?, ...)"
	where string // the rest of the condition
	args  []any
}

// cond is the condition on s and se, with ref written as given ("s.ref").
func (r referrers) cond(ref string) string { return ref + r.in + ` AND ` + r.where }

// referringTo returns the statements that refer to target or an id merged into it, naming
// each id: an index is read in order for one value of its key, not for a subquery's.
func (tx *Tx) referringTo(ctx context.Context, target, via string, args []any, cond string) (*referrers, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM entities WHERE canonical = ?`, target)
	if err != nil {
		return nil, fmt.Errorf("read merged ids: %w", err)
	}
	defer rows.Close()
	var refs []any
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		refs = append(refs, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read merged ids: %w", err)
	}
	in := ` = ?`
	if len(refs) != 1 {
		var list string
		list, refs = inValues(refs)
		in = ` IN ` + list // sorted, not read in order: merged hubs are rare
	}
	return &referrers{in: in, where: `s.retracted_seq IS NULL` + via + ` AND ` + cond, args: append(refs, args...)}, nil
}

// notReferredSince returns those of ids (canonical entities) that have no statement of r made
// at or after the change since, read from each entity's own few statements rather than from the
// target's many (the ref written as an expression, which no index of it serves: the planners
// chose that index and read every reference since the cursor, 2 s twenty pages into a hub).
func (tx *Tx) notReferredSince(ctx context.Context, r referrers, since int64, ids []string) ([]string, error) {
	in, qargs := inValues(ids)
	// The newest reference of each, compared here: a condition on seq in the query led
	// PostgreSQL to read every statement since the cursor.
	rows, err := tx.QueryContext(ctx, `SELECT se.canonical, MAX(s.seq) FROM entities se CROSS JOIN statements s
		WHERE se.canonical IN `+in+` AND s.entity_id = se.id AND `+r.cond(`(s.ref || '')`)+`
		GROUP BY se.canonical`, append(qargs, r.args...)...)
	if err != nil {
		return nil, fmt.Errorf("read referrers since change %d: %w", since, err)
	}
	defer rows.Close()
	again := map[string]bool{}
	for rows.Next() {
		var id string
		var newest int64
		if err := rows.Scan(&id, &newest); err != nil {
			return nil, err
		}
		again[id] = newest >= since
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read referrers since change %d: %w", since, err)
	}
	return slices.DeleteFunc(ids, func(id string) bool { return again[id] }), nil
}

// newestReferrers returns the first n entities (canonical, in v's scope, matching tail) that
// r's statements belong to, the one referred from most recently first. It reads the statements
// newest first in the order of the index on their refs and stops when the page is full, so a
// person referred to by thousands of statements costs the hundred newest, not all of them.
func (tx *Tx) newestReferrers(ctx context.Context, v docket.Viewer, r referrers, cursor int64, tail string, args []any, n int) ([]*docket.Entity, error) {
	var out []*docket.Entity
	seen := map[string]bool{}
	before := int64(math.MaxInt64)
	if cursor > 0 {
		before = cursor
	}
	referred := map[string]int64{}
	batch := 2 * n // most statements of a page's referrers are of distinct entities
	for len(out) < n {
		rows, err := tx.QueryContext(ctx, `SELECT s.seq, se.canonical FROM statements s JOIN entities se ON se.id = s.entity_id
			WHERE `+r.cond(`s.ref`)+` AND s.seq < ? ORDER BY s.seq DESC LIMIT ?`,
			append(slices.Clone(r.args), before, batch)...)
		if err != nil {
			return nil, fmt.Errorf("read referrers: %w", err)
		}
		var ids []string
		read := 0
		for rows.Next() {
			var id string
			if err := rows.Scan(&before, &id); err != nil {
				rows.Close()
				return nil, err
			}
			read++
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
				referred[id] = before
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("read referrers: %w", err)
		}
		if cursor > 0 && len(ids) > 0 {
			// An entity referring again since the cursor was on an earlier page.
			if ids, err = tx.notReferredSince(ctx, r, cursor, ids); err != nil {
				return nil, err
			}
		}
		if len(ids) > 0 {
			in, idArgs := inValues(ids)
			ents, err := tx.entities(ctx, v, tail+` AND e.id IN `+in, append(slices.Clone(args), idArgs...)...)
			if err != nil {
				return nil, err
			}
			byID := make(map[string]*docket.Entity, len(ents))
			for _, e := range ents {
				byID[e.ID] = e
			}
			for _, id := range ids {
				if e := byID[id]; e != nil && len(out) < n {
					e.Referred = referred[id]
					out = append(out, e)
				}
			}
		}
		if read < batch {
			break // no statement older than these
		}
	}
	return out, nil
}

// whole reads the statements v may see of canonical entities, and the ids merged into them, as
// findEntityByID does for one.
func (tx *Tx) whole(ctx context.Context, v docket.Viewer, ents []*docket.Entity) error {
	byID := make(map[string]*docket.Entity, len(ents))
	ids := make([]string, 0, len(ents))
	for _, e := range ents {
		byID[e.ID] = e
		ids = append(ids, e.ID)
	}
	cond, args := visible(v)
	// The entity's own statements and those of the entities merged into it, in commit order.
	q := `SELECT se.canonical, ` + statementColumns + ` FROM statements s JOIN entities se ON se.id = s.entity_id
		WHERE s.retracted_seq IS NULL AND ` + cond + ` AND se.canonical IN `
	for len(ids) > 0 {
		k := min(len(ids), docket.MaxIn)
		in, idArgs := inValues(ids[:k])
		rows, err := tx.QueryContext(ctx, q+in+` ORDER BY s.seq`, append(slices.Clone(args), idArgs...)...)
		if err != nil {
			return fmt.Errorf("read statements: %w", err)
		}
		for rows.Next() {
			var canonical string
			s, err := tx.scanStatementAfter(rows, &canonical)
			if err != nil {
				rows.Close()
				return err
			}
			if tx.public {
				s.RedactAuthors()
			}
			if e := byID[canonical]; e != nil && v.MaySee(s.Sensitivity, s.Status) {
				e.Statements = append(e.Statements, s)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		mq := `SELECT canonical, id FROM entities WHERE id <> canonical AND sensitivity <= ? AND canonical IN `
		rows, err = tx.QueryContext(ctx, mq+in+` ORDER BY seq`, append([]any{int(v.MaxSensitivity())}, idArgs...)...)
		if err != nil {
			return fmt.Errorf("read merged ids: %w", err)
		}
		for rows.Next() {
			var canonical, id string
			if err := rows.Scan(&canonical, &id); err != nil {
				rows.Close()
				return err
			}
			byID[canonical].Merged = append(byID[canonical].Merged, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		ids = ids[k:]
	}
	for _, e := range ents {
		e.Caption = docket.Caption(e)
	}
	return nil
}

// viaProperties is the condition of EntityFilter.Via on the referring statement s.
func viaProperties(props []string) (string, []any) {
	if len(props) == 0 {
		return "", nil
	}
	in, args := inValues(props)
	return ` AND s.property IN ` + in, args
}

// CountEntities counts the entities v may see, by schema.
func (db *Store) CountEntities(ctx context.Context, v docket.Viewer) (out map[string]int, err error) {
	out = map[string]int{}
	err = db.viewFor(ctx, v, func(tx *Tx) error {
		scope, args := entityScope(v)
		rows, err := tx.QueryContext(ctx, `SELECT e.schema, COUNT(*) FROM entities e WHERE `+scope+` GROUP BY e.schema`, args...)
		if err != nil {
			return fmt.Errorf("count entities: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var schema string
			var n int
			if err := rows.Scan(&schema, &n); err != nil {
				return err
			}
			out[schema] = n
		}
		return rows.Err()
	})
	return out, err
}

// CreateEntity creates the entity and its first statements in one transaction.
func (db *Store) CreateEntity(ctx context.Context, v docket.Viewer, e *docket.Entity, stmts []*docket.Statement) error {
	if err := v.Authorize(docket.Researcher); err != nil {
		return err
	}
	if err := mayChooseID(v, "entity", e.ID); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		if e.ID == "" {
			e.ID = tx.newID("")
		}
		if e.Sensitivity == 0 {
			e.Sensitivity = entitySensitivity(stmts)
		}
		author, err := tx.author(ctx, v)
		if err != nil {
			return err
		}
		e.Author, e.CreatedAt = author, tx.now
		if _, err := tx.commit(ctx, v, &docket.Record{Kind: docket.KindEntity, Entity: e}); err != nil {
			return err
		}
		for _, s := range stmts {
			s.Entity = e.ID
		}
		return tx.addStatements(ctx, v, stmts)
	})
}

// MergeEntities records that from is the same entity as into.
func (db *Store) MergeEntities(ctx context.Context, v docket.Viewer, into, from, reason string) (m *docket.Merge, err error) {
	if err := v.Authorize(docket.Editor); err != nil {
		return nil, err
	}
	err = db.update(ctx, func(tx *Tx) error {
		author, err := tx.author(ctx, v)
		if err != nil {
			return err
		}
		m = &docket.Merge{ID: tx.newID("m"), Into: into, From: from, Reason: reason, Author: author, At: tx.now}
		_, err = tx.commit(ctx, v, &docket.Record{Kind: docket.KindMerge, Merge: m})
		return err
	})
	return m, err
}

// UnmergeEntity undoes the live merge of id, which is a merge id or the id of the entity merged
// away.
func (db *Store) UnmergeEntity(ctx context.Context, v docket.Viewer, id, reason string) (m *docket.Merge, err error) {
	if err := v.Authorize(docket.Editor); err != nil {
		return nil, err
	}
	err = db.update(ctx, func(tx *Tx) error {
		ms, err := tx.merges(ctx, `WHERE (id = ? OR from_id = ?) AND undone_seq IS NULL`, id, id)
		if err != nil {
			return err
		} else if len(ms) == 0 {
			return docket.Errorf(docket.ENOTFOUND, "%q is neither a merge nor a merged entity", id)
		}
		m = ms[0]
		if err := tx.mustSeeEntity(ctx, v, m.Into, m.From); err != nil {
			// The same words as for an id that names nothing.
			return docket.Errorf(docket.ENOTFOUND, "%q is neither a merge nor a merged entity", id)
		}
		author, err := tx.author(ctx, v)
		if err != nil {
			return err
		}
		_, err = tx.commit(ctx, v, &docket.Record{Kind: docket.KindUnmerge, Unmerge: &docket.Unmerge{Merge: m.ID, Reason: reason, Author: author, At: tx.now}})
		t := tx.now
		m.UndoneAt = &t
		return err
	})
	return m, err
}

// entitySensitivity is the sensitivity of a new entity none was given for: that of the least
// restricted of its first statements, so that an entity is no more visible than what is said of
// it (a witness whose every statement is confidential is itself confidential: a public
// reference to it then shows nothing, not even its id), and internal without statements.
func entitySensitivity(stmts []*docket.Statement) docket.Sensitivity {
	sens := docket.Confidential
	if len(stmts) == 0 {
		return docket.Internal
	}
	for _, s := range stmts {
		ss := s.Sensitivity
		if ss == 0 {
			ss = docket.Internal // as stamp will make it
		}
		sens = min(sens, ss)
	}
	return sens
}

// mayChooseID refuses an id chosen by a viewer who may not see everything: were it taken by a
// record hidden from them, the refusal would confirm that record exists. They leave the id out
// and the store makes one.
func mayChooseID(v docket.Viewer, what, id string) error {
	if id == "" || v.MaxSensitivity() == docket.Confidential {
		return nil
	}
	return docket.Errorf(docket.EFORBIDDEN, "only staff cleared for confidential data choose a new %s's id; leave the id out and one is made", what)
}

// mustSeeEntity returns ENOTFOUND for an entity v may not see: writing through an id must not
// reveal what reading it would not.
func (tx *Tx) mustSeeEntity(ctx context.Context, v docket.Viewer, ids ...string) error {
	for _, id := range ids {
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM entities WHERE id = ? AND sensitivity <= ?`, id, int(v.MaxSensitivity())).Scan(&n); err != nil {
			return err
		} else if n == 0 {
			return docket.Errorf(docket.ENOTFOUND, "no entity %q", id)
		}
	}
	return nil
}
