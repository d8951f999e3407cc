package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/translit"
)

// FindEntityByID returns the entity with its current statements visible to v.
func (db *Store) FindEntityByID(ctx context.Context, v docket.Viewer, id string) (e *docket.Entity, err error) {
	err = db.view(ctx, func(tx *Tx) error {
		e, err = tx.findEntityByID(ctx, v, id)
		return err
	})
	return e, err
}

func (tx *Tx) findEntityByID(ctx context.Context, v docket.Viewer, id string) (*docket.Entity, error) {
	var canonical string
	err := tx.queryRow(ctx, `SELECT canonical FROM entities WHERE id = ?`, id).Scan(&canonical)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, docket.Errorf(docket.ENOTFOUND, "no entity %q", id)
	} else if err != nil {
		return nil, fmt.Errorf("find entity: %w", err)
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

// entities reads canonical entities visible to v; tail adds conditions (starting with AND) and
// may end with ORDER BY or LIMIT.
func (tx *Tx) entities(ctx context.Context, v docket.Viewer, tail string, args ...any) ([]*docket.Entity, error) {
	cond, cargs := visible(v)
	scope, sargs := entityScope(v)
	q := `SELECT e.id, e.schema, e.sensitivity, e.author, e.created_at, e.seq,
		COALESCE((SELECT s.value FROM statements s JOIN entities se ON se.id = s.entity_id
			WHERE se.canonical = e.id AND s.retracted_seq IS NULL AND s.property IN ('name', 'alias') AND ` + cond + `
			ORDER BY s.property <> 'name', s.seq LIMIT 1), '')
		FROM entities e WHERE ` + scope
	qargs := append(cargs, sargs...)
	rows, err := tx.QueryContext(ctx, q+" "+tail, append(qargs, args...)...)
	if err != nil {
		return nil, fmt.Errorf("read entities: %w", err)
	}
	defer rows.Close()
	var out []*docket.Entity
	for rows.Next() {
		var e docket.Entity
		var sens int
		var created string
		if err := rows.Scan(&e.ID, &e.Schema, &sens, &e.Author, &created, &e.Seq, &e.Caption); err != nil {
			return nil, err
		}
		e.Sensitivity, e.CreatedAt = docket.Sensitivity(sens), parseTime(created)
		if e.Caption == "" {
			e.Caption = e.Schema + " " + e.ID
		}
		out = append(out, &e)
	}
	return out, rows.Err()
}

// FindEntities returns matching entities with their captions, and the total count.
func (db *Store) FindEntities(ctx context.Context, v docket.Viewer, f docket.EntityFilter) (ents []*docket.Entity, n int, err error) {
	err = db.view(ctx, func(tx *Tx) error {
		var where []string
		var args []any
		if f.ID != nil {
			where, args = append(where, `e.id = ?`), append(args, *f.ID)
		}
		if f.Schema != nil {
			where, args = append(where, `e.schema = ?`), append(args, *f.Schema)
		}
		if f.AfterSeq > 0 {
			where, args = append(where, `e.seq > ?`), append(args, f.AfterSeq)
		}
		if f.Name != nil || f.RefersTo != nil {
			cond, cargs := visible(v)
			if f.Name != nil {
				key := translit.Key(*f.Name)
				if key == "" {
					return docket.Errorf(docket.EINVALID, "name %q has no letters", *f.Name)
				}
				// IN, not EXISTS: the subquery runs once from the key's index instead of once
				// for every entity.
				where = append(where, `e.id IN (SELECT se.canonical FROM name_keys nk JOIN statements s ON s.seq = nk.seq JOIN entities se ON se.id = s.entity_id
					WHERE nk.key = ? AND s.property IN ('name', 'alias') AND s.retracted_seq IS NULL AND `+cond+`)`)
				args = append(args, key)
				args = append(args, cargs...)
			}
			if f.RefersTo != nil {
				where = append(where, `e.id IN (SELECT se.canonical FROM statements s JOIN entities se ON se.id = s.entity_id
					WHERE s.ref IN (SELECT id FROM entities WHERE canonical = (SELECT canonical FROM entities WHERE id = ?))
					AND s.retracted_seq IS NULL AND `+cond+`)`)
				args = append(args, *f.RefersTo)
				args = append(args, cargs...)
			}
		}
		tail := ""
		if len(where) > 0 {
			tail = "AND " + strings.Join(where, " AND ")
		}
		scope, sargs := entityScope(v)
		n = -1 // a keyset page is one of many: counting them all again would cost a scan each
		if f.AfterSeq == 0 {
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM entities e WHERE `+scope+" "+tail, append(sargs, args...)...).Scan(&n); err != nil {
				return fmt.Errorf("count entities: %w", err)
			}
		}
		ents, err = tx.entities(ctx, v, tail+" ORDER BY e.seq LIMIT ? OFFSET ?", append(args, limit(f.Limit), max(f.Offset, 0))...)
		return err
	})
	return ents, n, err
}

// CreateEntity creates the entity and its first statements in one transaction.
func (db *Store) CreateEntity(ctx context.Context, v docket.Viewer, e *docket.Entity, stmts []*docket.Statement) error {
	if err := v.Authorize(docket.Researcher); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		if e.ID == "" {
			e.ID = tx.newID("")
		}
		if e.Sensitivity == 0 {
			e.Sensitivity = docket.Public // an entity's existence; its statements carry their own levels
		}
		e.Author, e.CreatedAt = v.Name, tx.now
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
		m = &docket.Merge{ID: tx.newID("m"), Into: into, From: from, Reason: reason, Author: v.Name, At: tx.now}
		_, err := tx.commit(ctx, v, &docket.Record{Kind: docket.KindMerge, Merge: m})
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
			return err
		}
		_, err = tx.commit(ctx, v, &docket.Record{Kind: docket.KindUnmerge, Unmerge: &docket.Unmerge{Merge: m.ID, Reason: reason, Author: v.Name, At: tx.now}})
		t := tx.now
		m.UndoneAt = &t
		return err
	})
	return m, err
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
