package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/translit"
	"github.com/docketorg/docket/seal"
)

// FindDocumentByID returns a document whose source v may see.
func (db *Store) FindDocumentByID(ctx context.Context, v docket.Viewer, id string) (*docket.Document, error) {
	ds, _, err := db.FindDocuments(ctx, v, docket.DocumentFilter{ID: &id, Limit: 1})
	if err != nil {
		return nil, err
	} else if len(ds) == 0 {
		return nil, docket.Errorf(docket.ENOTFOUND, "no document %q", id)
	}
	return ds[0], nil
}

// FindDocuments returns the documents whose sources v may see, newest first.
func (db *Store) FindDocuments(ctx context.Context, v docket.Viewer, f docket.DocumentFilter) (out []*docket.Document, n int, err error) {
	where, args := []string{`so.sensitivity <= ?`}, []any{int(v.MaxSensitivity())}
	if f.ID != nil {
		where, args = append(where, `d.id = ?`), append(args, *f.ID)
	}
	if f.Source != nil {
		where, args = append(where, `d.source_id = ?`), append(args, *f.Source)
	}
	if f.SHA256 != nil {
		// A sealed document is found by the keyed term of its file's SHA-256.
		term := *f.SHA256
		if k := db.DataKey; k != nil && !docket.IsSealedTerm(term) {
			term = k.Term(seal.Blob, term)
		}
		where, args = append(where, `d.sha256 IN (?, ?)`), append(args, *f.SHA256, term)
	}
	from, cond := ` FROM documents d JOIN sources so ON so.id = d.source_id`, ` WHERE `+strings.Join(where, " AND ")
	err = db.viewFor(ctx, v, func(tx *Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*)`+from+cond, args...).Scan(&n); err != nil {
			return fmt.Errorf("count documents: %w", err)
		}
		rows, err := tx.QueryContext(ctx, `SELECT d.seq, c.payload`+from+` JOIN changes c ON c.seq = d.seq`+cond+` ORDER BY d.seq DESC LIMIT ? OFFSET ?`,
			append(args, limit(f.Limit), max(f.Offset, 0))...)
		if err != nil {
			return fmt.Errorf("read documents: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var seq int64
			var payload string
			if err := rows.Scan(&seq, &payload); err != nil {
				return err
			}
			var r docket.Record
			if err := json.Unmarshal([]byte(payload), &r); err != nil || r.Document == nil {
				return fmt.Errorf("document record %d: %v", seq, err)
			}
			if tx.public {
				r.RedactAuthors()
			}
			r.Document.Seq = seq
			out = append(out, db.openDocument(r.Document))
		}
		return rows.Err()
	})
	return out, n, err
}

// DocumentContent returns a part of a document v may see.
func (db *Store) DocumentContent(ctx context.Context, v docket.Viewer, id string, part docket.DocumentPart) (data []byte, err error) {
	d, err := db.FindDocumentByID(ctx, v, id)
	if err != nil {
		return nil, err
	} else if d.Locked {
		return nil, docket.ErrLocked("document " + id)
	}
	var sha string
	switch part {
	case docket.DocumentText:
		sha = d.TextSHA256
	case docket.DocumentPublic:
		sha = d.PublicSHA256
	case docket.DocumentFile:
		// The file as given carries who wrote it and on what machine: staff only.
		if v.SeesDrafts() {
			sha = d.SHA256
		}
	}
	if sha == "" {
		return nil, docket.Errorf(docket.ENOTFOUND, "document %s has no such copy", id)
	}
	err = db.view(ctx, func(tx *Tx) error {
		data, err = tx.blob(ctx, sha)
		if docket.ErrorCode(err) == docket.ENOTFOUND && db.DataKey != nil {
			// A sealed document's content is stored sealed, by the keyed term of its SHA-256.
			name := db.DataKey.Term(seal.Blob, sha)
			if data, err = tx.blob(ctx, name); err == nil {
				data, err = db.openBlob(name, data)
			}
		}
		return err
	})
	return data, err
}

// Write records in one transaction as v: see docket.DocumentService.
func (db *Store) Write(ctx context.Context, v docket.Viewer, recs []*docket.Record) error {
	if err := v.Authorize(docket.Researcher); err != nil {
		return err
	}
	// Content is stored only for the documents and snapshots of the batch that need it.
	needed := map[string]bool{}
	for _, r := range recs {
		switch {
		case r.Document != nil:
			for _, h := range r.Document.Blobs() {
				needed[h] = true
			}
		case r.Snapshot != nil:
			needed[r.Snapshot.SHA256], needed[r.Snapshot.TextSHA256] = true, true
		}
	}
	return db.update(ctx, func(tx *Tx) error {
		author, err := tx.author(ctx, v)
		if err != nil {
			return err
		}
		// Ids are the store's to make (choosing one would tell whether a hidden record has it):
		// every new record gets a fresh one, and references inside the batch follow.
		ids := map[string]string{}
		for _, r := range recs {
			var id *string
			prefix := ""
			switch r.Kind {
			case docket.KindEntity:
				id = &r.Entity.ID
			case docket.KindSource:
				id, prefix = &r.Source.ID, "src"
			case docket.KindStatement:
				id, prefix = &r.Statement.ID, "s"
			case docket.KindDocument:
				id, prefix = &r.Document.ID, "doc"
			case docket.KindSnapshot:
				id, prefix = &r.Snapshot.ID, "snap"
			}
			if id != nil {
				n := tx.newID(prefix)
				if *id != "" {
					ids[*id] = n
				}
				*id = n
			}
		}
		rename := func(id *string) bool {
			if n, ok := ids[*id]; ok {
				*id = n
				return true
			}
			return false
		}
		// A source named from outside the batch must be one v may see.
		source := func(id *string) error {
			if *id == "" || rename(id) {
				return nil
			}
			_, _, err := tx.visibleSource(ctx, v, *id)
			return err
		}
		for i, r := range recs {
			var err error
			switch r.Kind {
			case docket.KindBlob:
				if !needed[r.Blob.SHA256] {
					err = docket.Errorf(docket.EINVALID, "content %s is needed by no document or snapshot of the batch", r.Blob.SHA256)
				} else if err = r.Check(ctx, lookup{tx, v.MaxSensitivity()}); err == nil {
					// Held until a snapshot or document says whether to seal it (see
					// takeBlob); what none takes is stored after the batch, in the clear.
					err = tx.takeBlob(ctx, r.Blob)
				}
			case docket.KindSource:
				s := r.Source
				if err = source(&s.CitedIn); err == nil {
					s.Author, s.CreatedAt = author, tx.now
					if s.Sensitivity == 0 {
						s.Sensitivity = docket.Internal
					}
					_, err = tx.add(ctx, v, r)
				}
			case docket.KindEntity:
				e := r.Entity
				e.Author, e.CreatedAt = author, tx.now
				if e.Sensitivity == 0 {
					e.Sensitivity = docket.Internal
				}
				_, err = tx.add(ctx, v, r)
			case docket.KindStatement:
				s := r.Statement
				rename(&s.Entity)
				if e, _ := tx.entity(ctx, s.Entity); e != nil {
					if sc, _ := docket.SchemaByName(e.Schema); sc != nil {
						if p := sc.Property(s.Property); p != nil && p.Type == docket.TypeRef {
							rename(&s.Value)
						}
					}
				}
				if err = source(&s.Source); err == nil {
					if err = tx.stamp(ctx, v, s); err == nil {
						_, err = tx.add(ctx, v, r)
					}
				}
			case docket.KindDocument:
				d := r.Document
				if err = source(&d.Source); err == nil {
					d.Author, d.CreatedAt = author, tx.now
					var sealed bool
					if sealed, err = tx.sourceSealed(ctx, d.Source); err == nil {
						if sealed && d.Salt == "" {
							d.Salt = tx.salt()
						}
						_, err = tx.add(ctx, v, r)
					}
				}
			case docket.KindSnapshot:
				s := r.Snapshot
				if err = source(&s.Source); err == nil {
					s.Author, s.CreatedAt = author, tx.now
					s.Custody.RequestedBy = author
					_, err = tx.add(ctx, v, r)
				}
			default:
				err = docket.Errorf(docket.EINVALID, "a %s is not written with a document", r.Kind)
			}
			if err != nil {
				return prefixError(err, "record %d (%s)", i+1, r.Kind)
			}
		}
		return tx.putHeldBlobs(ctx)
	})
}

// FindJobs returns the archive jobs of a source v may see, newest first.
func (db *Store) FindJobs(ctx context.Context, v docket.Viewer, source string) (out []*docket.Job, err error) {
	if err := v.Authorize(docket.Reader); err != nil {
		return nil, err
	}
	err = db.view(ctx, func(tx *Tx) error {
		if _, _, err := tx.visibleSource(ctx, v, source); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, source_id, url, attempts, state, next_at, COALESCE(last_error, ''), requested_by
			FROM jobs WHERE source_id = ? ORDER BY id DESC LIMIT 20`, source)
		if err != nil {
			return fmt.Errorf("read jobs: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var j docket.Job
			var next string
			if err := rows.Scan(&j.ID, &j.Source, &j.URL, &j.Attempts, &j.State, &next, &j.LastError, &j.RequestedBy); err != nil {
				return err
			}
			j.NextAt, j.LastError = parseTime(next), db.openJobError(j.ID, j.LastError)
			out = append(out, &j)
		}
		return rows.Err()
	})
	return out, err
}

// DraftGroups counts the open proposals v may see by the source they came from: a footnote's
// source counts as the document that cites it.
func (db *Store) DraftGroups(ctx context.Context, v docket.Viewer, f docket.DraftFilter) (out []docket.DraftGroup, groups, total int, err error) {
	if err := v.Authorize(docket.Reader); err != nil {
		return nil, 0, 0, err
	}
	// The drafts are counted by what decides whether v sees them (their source, entity,
	// sensitivity and reference) first, from an index in that order, and only those groups
	// are checked against the entities and sources: a few per record rather than one per
	// draft. visible applies to the groups as to rows, whose columns they keep.
	inner, args := []string{`status = 'draft'`, `retracted_seq IS NULL`, `source_id IS NOT NULL`}, []any{}
	if f.Property != nil {
		inner, args = append(inner, `property = ?`), append(args, *f.Property)
	}
	if f.Author != nil {
		inner, args = append(inner, `author = ?`), append(args, *f.Author)
	}
	if f.Source != nil {
		// One document's (and its footnotes'), from the index by source.
		inner = append(inner, `source_id IN (SELECT id FROM sources WHERE id = ? OR cited_in = ?)`)
		args = append(args, *f.Source, *f.Source)
	}
	cond, cargs := visible(v)
	where := []string{cond}
	args = append(args, cargs...)
	if f.Schema != nil {
		where, args = append(where, `se.schema = ?`), append(args, *f.Schema)
	}
	q := `SELECT COALESCE(so.cited_in, s.source_id) AS root, CAST(SUM(s.n) AS INTEGER), MIN(s.oldest) FROM (
			SELECT source_id, entity_id, sensitivity, ref, status, COUNT(*) AS n, MIN(seq) AS oldest FROM statements
			WHERE ` + strings.Join(inner, " AND ") + ` GROUP BY source_id, entity_id, sensitivity, ref, status) s
		JOIN entities se ON se.id = s.entity_id JOIN sources so ON so.id = s.source_id
		WHERE ` + strings.Join(where, " AND ") + ` GROUP BY root`
	err = db.view(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("count drafts: %w", err)
		}
		defer rows.Close()
		var all []docket.DraftGroup
		for rows.Next() {
			var g docket.DraftGroup
			if err := rows.Scan(&g.Source, &g.Count, &g.Oldest); err != nil {
				return err
			}
			total += g.Count
			all = append(all, g)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		sort.Slice(all, func(i, j int) bool { return all[i].Oldest < all[j].Oldest })
		groups = len(all)
		lo := min(max(f.Offset, 0), len(all))
		out = all[lo:min(lo+limit(f.Limit), len(all))]
		return nil
	})
	return out, groups, total, err
}

// DuplicatePairs finds records of a schema that share a name's key.
func (db *Store) DuplicatePairs(ctx context.Context, v docket.Viewer, schema string, offset, lim int) (out []docket.DuplicatePair, err error) {
	if err := v.Authorize(docket.Reader); err != nil {
		return nil, err
	}
	cond, args := visible(v)
	// The names v may see, by key, of canonical records of the schema.
	named := `SELECT nk.key, se.canonical AS id, s.value FROM name_keys nk JOIN statements s ON s.seq = nk.seq
		JOIN entities se ON se.id = s.entity_id JOIN entities ce ON ce.id = se.canonical
		WHERE s.retracted_seq IS NULL AND se.schema = ? AND ce.sensitivity <= ? AND ` + cond
	q := `WITH n AS (` + named + `)
		SELECT a.id, b.id, MIN(a.value) FROM n a JOIN n b ON a.key = b.key AND a.id < b.id
		GROUP BY a.id, b.id ORDER BY MAX(b.id) DESC LIMIT ? OFFSET ?`
	all := append([]any{schema, int(v.MaxSensitivity())}, args...)
	// A sealed name's key is a keyed term, which no clear key equals: with the data key, each
	// sealed name of the schema is opened and its clear namesakes looked up by key, and those
	// pairs merged with the others (the first offset+lim of each suffice).
	sealed := db.DataKey != nil && v.MaxSensitivity() == docket.Confidential
	first, skip := limit(lim), max(offset, 0)
	if sealed {
		first, skip = first+skip, 0
	}
	err = db.view(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, q, append(all, first, skip)...)
		if err != nil {
			return fmt.Errorf("find duplicates: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var p docket.DuplicatePair
			if err := rows.Scan(&p.A, &p.B, &p.Name); err != nil {
				return err
			}
			out = append(out, p)
		}
		if err := rows.Err(); err != nil || !sealed {
			return err
		}
		rows.Close()
		more, err := tx.sealedNamesakes(ctx, named, all)
		if err != nil {
			return err
		}
		seen := map[[2]string]bool{}
		for _, p := range out {
			seen[[2]string{p.A, p.B}] = true
		}
		for _, p := range more {
			if !seen[[2]string{p.A, p.B}] {
				seen[[2]string{p.A, p.B}] = true
				out = append(out, p)
			}
		}
		sort.SliceStable(out, func(i, j int) bool { return out[i].B > out[j].B })
		lo := min(max(offset, 0), len(out))
		out = out[lo:min(lo+limit(lim), len(out))]
		return nil
	})
	return out, err
}

// sealedNamesakes returns the pairs of a sealed name, opened with the data key, and a clear
// name of the same key, among the names the query named selects (with its args).
func (tx *Tx) sealedNamesakes(ctx context.Context, named string, args []any) ([]docket.DuplicatePair, error) {
	rows, err := tx.QueryContext(ctx, `WITH n AS (`+named+`) SELECT n.id, s.value, s.property, s.sensitivity, `+valueColumns+`
		FROM n JOIN name_keys nk ON nk.key = n.key JOIN statements s ON s.seq = nk.seq WHERE s.sealed IS NOT NULL`, args...)
	if err != nil {
		return nil, fmt.Errorf("find sealed names: %w", err)
	}
	type name struct{ id, value string }
	var names []name
	for rows.Next() {
		var n name
		var prop string
		var sens int
		var sv sealedValue
		if err := rows.Scan(append([]any{&n.id, &n.value, &prop, &sens}, sv.dest()...)...); err != nil {
			rows.Close()
			return nil, err
		}
		if value, locked := tx.db.openValue(prop, sens, n.value, &sv); !locked && value != "" {
			n.value = value
			names = append(names, n)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []docket.DuplicatePair
	for _, n := range names {
		key := translit.Key(n.value)
		if key == "" {
			continue
		}
		rows, err := tx.QueryContext(ctx, `WITH n AS (`+named+`) SELECT n.id, n.value FROM n WHERE n.key = ? AND n.id <> ?`, append(append([]any{}, args...), key, n.id)...)
		if err != nil {
			return nil, fmt.Errorf("find namesakes: %w", err)
		}
		for rows.Next() {
			var id, value string
			if err := rows.Scan(&id, &value); err != nil {
				rows.Close()
				return nil, err
			}
			p := docket.DuplicatePair{A: n.id, B: id, Name: value}
			if p.A > p.B {
				p.A, p.B = p.B, p.A
			}
			out = append(out, p)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
