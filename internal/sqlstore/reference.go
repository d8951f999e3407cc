package sqlstore

import (
	"context"
	"fmt"

	"github.com/docketorg/docket"
)

// FindReferences returns the references v may see, by one of their ends.
func (db *Store) FindReferences(ctx context.Context, v docket.Viewer, f docket.ReferenceFilter) (out []docket.Reference, err error) {
	ends, side := f.To, `s.ref`
	if len(f.From) > 0 {
		ends, side = f.From, `s.entity_id`
	}
	switch {
	case len(f.To) > 0 && len(f.From) > 0:
		return nil, docket.Errorf(docket.EINVALID, "references to records or from them: not both")
	case len(ends) == 0:
		return nil, nil
	case len(ends) > docket.MaxIn:
		return nil, docket.Errorf(docket.EINVALID, "%d ids: at most %d at once", len(ends), docket.MaxIn)
	}
	err = db.viewFor(ctx, v, func(tx *Tx) error {
		ids, err := tx.canonicals(ctx, v, ends)
		if err != nil || len(ids) == 0 {
			return err
		}
		// The statement and the entity it belongs to (se, maybe merged away into fe) as
		// visible() checks them; the named record e as a record v may see (entityScope, whose
		// subquery's s and se are its own); the naming record fe is visible through s.
		cond, cargs := visible(v)
		scope, sargs := entityScope(v)
		via, vargs := viaProperties(f.Via)
		in, args := inValues(ids)
		args = append(append(append(append(args, vargs...), cargs...), int(v.MaxSensitivity())), sargs...)
		rows, err := tx.QueryContext(ctx, `SELECT fe.id, fe.schema, s.property, e.id FROM statements s
			JOIN entities se ON se.id = s.entity_id JOIN entities fe ON fe.id = se.canonical
			JOIN entities r ON r.id = s.ref JOIN entities e ON e.id = r.canonical
			WHERE `+side+` IN (SELECT id FROM entities WHERE canonical IN `+in+`)
			AND s.ref IS NOT NULL AND s.retracted_seq IS NULL`+via+` AND `+cond+`
			AND fe.sensitivity <= ? AND `+scope+`
			ORDER BY s.seq`, args...)
		if err != nil {
			return fmt.Errorf("read references: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var r docket.Reference
			if err := rows.Scan(&r.From, &r.Schema, &r.Property, &r.To); err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}
