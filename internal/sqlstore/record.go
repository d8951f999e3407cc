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

// lookup reads the state records are checked against, inside tx, as a viewer who may see
// entities up to max: to a writer, an entity it may not see does not exist, and every error
// says so in the same words.
type lookup struct {
	tx  *Tx
	max docket.Sensitivity
}

func (l lookup) LookupEntity(ctx context.Context, id string) (*docket.EntityRef, error) {
	e, err := l.tx.entity(ctx, id)
	if err != nil || e == nil || e.sensitivity > l.max {
		return nil, err
	}
	return &e.EntityRef, nil
}

// cachedEntity is what a transaction knows of an entity.
type cachedEntity struct {
	docket.EntityRef
	sensitivity docket.Sensitivity
}

// maxEntities and maxSources bound the entities and sources a transaction remembers, so that
// an import of any size runs in bounded memory. A source is only its id, and a large registry's
// statements cite sources from all over it (the one of ten million statements that bench/gen
// makes has 360,000): forgetting them made a third of the lookups of that import.
const (
	maxEntities = 100_000
	maxSources  = 1_000_000
)

// entity returns an entity's schema, canonical id and sensitivity, or nil. What a transaction
// has read or written is cached for it: an import checks the same few entities for every
// statement. Entities whose rows are still pending are always in the cache.
func (tx *Tx) entity(ctx context.Context, id string) (*cachedEntity, error) {
	if e := tx.rows.ents[id]; e != nil {
		return e, nil
	}
	if e := tx.prev.ents[id]; e != nil {
		return e, nil
	}
	if e, ok := tx.entityCache[id]; ok {
		return e, nil
	}
	if tx.absent[id]&absentEntity != 0 {
		return nil, nil
	}
	var e cachedEntity
	err := tx.queryRow(ctx, `SELECT id, schema, canonical, sensitivity FROM entities WHERE id = ?`, id).Scan(&e.ID, &e.Schema, &e.Canonical, &e.sensitivity)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("look up entity: %w", err)
	}
	e.Canonical = tx.canonical(e.Canonical)
	tx.cacheEntity(&e)
	return &e, nil
}

func (tx *Tx) cacheEntity(e *cachedEntity) {
	if tx.entityCache == nil {
		tx.entityCache = map[string]*cachedEntity{}
	}
	tx.entityCache[e.ID] = e
}

func (l lookup) LookupStatement(ctx context.Context, id string) (*docket.Statement, error) {
	if r := l.tx.pendingStatement(id); r != nil {
		s := r.current()
		l.tx.db.openStatement(s)
		return s, nil
	}
	if l.tx.absent[id]&absentStatement != 0 {
		return nil, nil
	}
	if s := l.tx.stmtCache[id]; s != nil {
		c := *s // the caller's to change
		return &c, nil
	}
	ss, err := l.tx.statements(ctx, `WHERE s.id = ?`, id)
	if err != nil || len(ss) == 0 {
		return nil, err
	}
	return ss[0], nil
}

func (l lookup) LookupSource(ctx context.Context, id string) (bool, error) {
	if l.tx.sourceCache[id] || l.tx.rows.srcs[id] || l.tx.prev.srcs[id] {
		return true, nil
	}
	if l.tx.absent[id]&absentSource != 0 {
		return false, nil
	}
	var n int
	err := l.tx.queryRow(ctx, `SELECT COUNT(*) FROM sources WHERE id = ?`, id).Scan(&n)
	if n > 0 {
		l.tx.cacheSource(id)
	}
	return n > 0, err
}

// cacheSource remembers that a source exists: sources are never removed.
func (tx *Tx) cacheSource(id string) {
	if tx.sourceCache == nil {
		tx.sourceCache = map[string]bool{}
	}
	tx.sourceCache[id] = true
}

func (l lookup) LookupMerge(ctx context.Context, id string) (*docket.Merge, error) {
	for _, p := range []*pendingRows{l.tx.rows, l.tx.prev} {
		for _, pm := range p.merges {
			if pm.m.ID == id {
				return pm.m, nil
			}
		}
	}
	ms, err := l.tx.merges(ctx, `WHERE id = ?`, id)
	if err != nil || len(ms) == 0 {
		return nil, err
	}
	return ms[0], nil
}

func (l lookup) Corroborates(ctx context.Context, s *docket.Statement) (bool, error) {
	if s.Locked {
		return false, docket.ErrLocked("statement " + s.ID)
	}
	if err := l.tx.flush(ctx); err != nil { // the other statement may be pending
		return false, err
	}
	if err := l.tx.needIndex(ctx, "statements_entity"); err != nil {
		return false, err
	}
	// Sealed values are compared once opened: their columns hold no value.
	ss, err := l.tx.statements(ctx, `JOIN entities ce ON ce.id = ?
		WHERE se.canonical = ce.canonical AND s.property = ? AND (s.value = ? OR s.sealed IS NOT NULL) AND s.id <> ?
		  AND s.retracted_seq IS NULL AND s.source_id IS NOT NULL AND s.source_id <> ?`,
		s.Entity, s.Property, s.Value, s.ID, s.Source)
	for _, o := range ss {
		if !o.Locked && o.Value == s.Value {
			return true, err
		}
	}
	return false, err
}

// commit checks a record as v would see the store, appends it to the change log, applies it
// to the views and makes it a leaf of the ledger, writing its rows at once.
func (tx *Tx) commit(ctx context.Context, v docket.Viewer, r *docket.Record) (int64, error) {
	seq, err := tx.add(ctx, v, r)
	if err != nil {
		return 0, err
	}
	if err := tx.flush(ctx); err != nil {
		ref, _, _ := r.Ref()
		return 0, tx.db.formatError(err, ref)
	}
	return seq, nil
}

// add does what commit does, but leaves the rows pending for flush to write with those of the
// records that follow: an import writes a batch at a time.
func (tx *Tx) add(ctx context.Context, v docket.Viewer, r *docket.Record) (int64, error) {
	var given *docket.Record // a sealed record, as an import brings it
	if sealOf(r) != nil {
		given = r
		c, err := tx.openIncoming(ctx, r)
		if err != nil {
			return 0, err
		} else if c != nil {
			r = c // checked in the clear
		}
	}
	if err := r.Check(ctx, lookup{tx, v.MaxSensitivity()}); err != nil {
		return 0, err
	}
	if s := recordSensitivity(r); s > v.MaxSensitivity() {
		return 0, docket.Errorf(docket.EFORBIDDEN, "you are not cleared to record %s data", s)
	}
	stored, err := tx.sealFor(ctx, r, given)
	if err != nil {
		return 0, err
	}
	switch {
	case r.Snapshot != nil:
		err = tx.storeBlobs(ctx, []string{r.Snapshot.SHA256, r.Snapshot.TextSHA256}, stored.Snapshot.Sealed != nil, given == nil)
	case r.Document != nil:
		err = tx.storeBlobs(ctx, r.Document.Blobs(), stored.Document.Sealed != nil, given == nil)
	}
	if err != nil {
		return 0, err
	}
	r = stored
	ref, entity, entity2 := r.Ref()
	switch r.Kind {
	case docket.KindRetraction, docket.KindStatus:
		s, err := tx.findStatement(ctx, ref)
		if err != nil {
			return 0, err
		}
		entity = s.Entity
	case docket.KindUnmerge:
		if err := tx.flush(ctx); err != nil { // the merge may be pending
			return 0, err
		}
		if err := tx.queryRow(ctx, `SELECT into_id, from_id FROM merges WHERE id = ?`, ref).Scan(&entity, &entity2); err != nil {
			return 0, fmt.Errorf("find merge: %w", err)
		}
	}
	seq, err := tx.nextSeq(ctx)
	if err != nil {
		return 0, err
	}
	c := &pendingChange{seq: seq, rec: tx.recNo, r: r, ref: ref, entity: entity, entity2: entity2}
	tx.rows.changes = append(tx.rows.changes, c)
	tx.finish(c)
	if err := tx.apply(ctx, seq, r); err != nil {
		return 0, tx.db.formatError(err, ref)
	}
	return seq, nil
}

// findStatement returns the statement a review or a retraction is about, as it is now.
func (tx *Tx) findStatement(ctx context.Context, id string) (*docket.Statement, error) {
	s, err := lookup{tx, docket.Confidential}.LookupStatement(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("find statement: %w", err)
	} else if s == nil {
		return nil, unappliable{fmt.Errorf("find statement %s: not found", id)}
	}
	return s, nil
}

// nextSeq assigns the next change its sequence number: one more than the largest, so that the
// log has no gaps and a change's ledger leaf is its number less one. Writers hold the store's
// write lock, so numbers follow commit order.
func (tx *Tx) nextSeq(ctx context.Context) (int64, error) {
	if tx.seq == 0 {
		if err := tx.queryRow(ctx, lastSeq).Scan(&tx.seq); err != nil {
			return 0, fmt.Errorf("next change: %w", err)
		}
	}
	tx.seq++
	return tx.seq, nil
}

// apply derives the views from one record of the change log. New rows are left pending; a
// record that changes rows (a merge, an unmerge) or refers to other tables' rows by key (a
// snapshot) first writes what is pending.
func (tx *Tx) apply(ctx context.Context, seq int64, r *docket.Record) error {
	var err error
	switch r.Kind {
	case docket.KindEntity:
		e := r.Entity
		tx.rows.entities = append(tx.rows.entities, e.ID, e.Schema, int(e.Sensitivity), e.Author, formatTime(e.CreatedAt), seq, e.ID)
		tx.rows.ents[e.ID] = &cachedEntity{EntityRef: docket.EntityRef{ID: e.ID, Schema: e.Schema, Canonical: e.ID}, sensitivity: e.Sensitivity}
	case docket.KindSource:
		s := r.Source
		url := s.URL
		if s.Sealed != nil {
			url = s.Sealed.Name // found by the keyed term of its URL
		}
		tx.rows.sources = append(tx.rows.sources, s.ID, nullString(url), nullString(s.Title), nullString(s.Publisher), nullString(s.Type), nullString(s.Published),
			nullString(s.Lang), nullString(s.CitedIn), nullString(s.Reliability), nullString(s.Note), int(s.Sensitivity), s.Author, formatTime(s.CreatedAt), seq,
			encodeSealed(s.Sealed))
		tx.rows.srcs[s.ID] = true
	case docket.KindStatement:
		err = tx.applyStatement(ctx, seq, r.Statement)
	case docket.KindRetraction:
		row, err := tx.changingStatement(ctx, r.Retraction.Statement)
		if err != nil {
			return err
		}
		row.retraction, row.retractedSeq = r.Retraction, seq
	case docket.KindStatus:
		row, err := tx.changingStatement(ctx, r.Status.Statement)
		if err != nil {
			return err
		}
		row.status, row.reviewed = r.Status.Status, true
	case docket.KindMerge:
		if m := r.Merge; tx.rows.ents[m.From] != nil || tx.prev.ents[m.From] != nil {
			tx.deferMerge(seq, m)
			break
		}
		if err = tx.flush(ctx); err != nil {
			break
		}
		clear(tx.entityCache) // canonical ids change
		err = tx.writeMerge(ctx, pendingMerge{seq, r.Merge})
	case docket.KindUnmerge:
		if err = tx.flush(ctx); err != nil {
			break
		}
		clear(tx.entityCache)
		err = tx.applyUnmerge(ctx, seq, r.Unmerge)
	case docket.KindSnapshot:
		if err = tx.flush(ctx); err != nil {
			break
		}
		s := r.Snapshot
		_, err = tx.exec(ctx, `INSERT INTO snapshots (id, source_id, sha256, text_sha256, fetched_at, seq) VALUES (?, ?, ?, ?, ?, ?)`,
			s.ID, s.Source, s.SHA256, nullString(s.TextSHA256), formatTime(s.FetchedAt), seq)
	case docket.KindDocument:
		if err = tx.flush(ctx); err != nil {
			break
		}
		d := r.Document
		_, err = tx.exec(ctx, `INSERT INTO documents (id, source_id, name, format, sha256, text_sha256, public_sha256, size, chars, created_at, seq)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			d.ID, d.Source, d.Name, d.Format, d.SHA256, d.TextSHA256, nullString(d.PublicSHA256), d.Size, d.Chars, formatTime(d.CreatedAt), seq)
	default:
		err = unappliable{fmt.Errorf("unknown record kind %q", r.Kind)}
	}
	if err != nil {
		return fmt.Errorf("apply %s: %w", r.Kind, err)
	}
	return nil
}

// unappliable is the error of a record that the views cannot take as they are: a statement of
// an entity they do not hold, a review of a statement they do not hold. Records are checked
// before they are written, so only a log altered behind the store's back has one; apply then
// has changed nothing, and Verify reports it and goes on (see derive).
type unappliable struct{ error }

func (e unappliable) Unwrap() error { return e.error }

// A pendingMerge is a merge whose rows are written with the pending rows it belongs to.
type pendingMerge struct {
	seq int64
	m   *docket.Merge
}

// deferMerge applies a merge of an entity whose row is pending to what the transaction knows,
// and leaves its rows to be written with the newer generation, after the entities' rows: an
// import's duplicates are often merged as soon as they are made, and writing every pending row
// first would stall it. Whatever is merged into such an entity was merged while it was pending
// (a merge of a written entity writes every pending row first), so the entities whose canonical
// id changes are all in memory; a read of the database in the meantime sees the change through
// tx.canon.
func (tx *Tx) deferMerge(seq int64, m *docket.Merge) {
	if tx.canon == nil {
		tx.canon = map[string]string{}
	}
	tx.canon[m.From] = m.Into
	for _, ents := range []map[string]*cachedEntity{tx.rows.ents, tx.prev.ents, tx.entityCache} {
		for _, e := range ents {
			if e.Canonical == m.From {
				e.Canonical = m.Into
			}
		}
	}
	tx.rows.merges = append(tx.rows.merges, pendingMerge{seq, m})
}

// canonical returns the canonical id an entity read from the database has, given the merges
// whose rows are pending.
func (tx *Tx) canonical(id string) string {
	for range len(tx.canon) {
		into, ok := tx.canon[id]
		if !ok {
			break
		}
		id = into
	}
	return id
}

// writeMerge writes a merge and makes its entity's group the other's.
func (tx *Tx) writeMerge(ctx context.Context, pm pendingMerge) error {
	m := pm.m
	if _, err := tx.exec(ctx, `INSERT INTO merges (id, into_id, from_id, reason, author, at, seq) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		m.ID, m.Into, m.From, m.Reason, m.Author, formatTime(m.At), pm.seq); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `UPDATE entities SET merged_into = ? WHERE id = ?`, m.Into, m.From); err != nil {
		return err
	}
	_, err := tx.exec(ctx, `UPDATE entities SET canonical = ? WHERE canonical = ?`, m.Into, m.From)
	return err
}

func (tx *Tx) applyStatement(ctx context.Context, seq int64, s *docket.Statement) error {
	e, err := tx.entity(ctx, s.Entity)
	if err != nil {
		return err
	} else if e == nil {
		return unappliable{fmt.Errorf("no entity %s", s.Entity)}
	}
	sc, err := docket.SchemaByName(e.Schema)
	if err != nil {
		return unappliable{err}
	}
	p := sc.Property(s.Property)
	if p == nil {
		return unappliable{fmt.Errorf("%s has no property %q", e.Schema, s.Property)}
	}
	row := &stmtRow{seq: seq, s: s, prop: p, status: s.Status}
	if p.Type == docket.TypeRef {
		row.ref = s.Value
	}
	tx.rows.statements = append(tx.rows.statements, row)
	tx.rows.stmtByID[s.ID] = row
	tx.finish(row)
	return nil
}

// finish computes the rest of a row's values, on the import's finisher when there is one.
func (tx *Tx) finish(j job) {
	if tx.fin != nil {
		tx.fin.add(j, tx.rows)
	} else {
		j.finish()
	}
}

// searchText returns what the search index holds for a value: names and texts are indexed,
// vocabulary terms with their labels; ids, dates and numbers are not words.
func searchText(p *docket.Property, value string) (exact, keys string, ok bool) {
	switch p.Type {
	case docket.TypeName, docket.TypeString, docket.TypeText:
		exact = value
	case docket.TypeEnum:
		exact = value
		if t, ok := docket.Vocab.Term(p.Vocab, value); ok {
			exact = strings.Join([]string{value, t.En, t.Ru}, " ")
		}
	case docket.TypeArticle, docket.TypePenalty:
		exact = value
	default:
		return "", "", false
	}
	return exact, translit.Key(exact), true
}

func (tx *Tx) applyUnmerge(ctx context.Context, seq int64, u *docket.Unmerge) error {
	var from, into string
	if err := tx.queryRow(ctx, `SELECT from_id, into_id FROM merges WHERE id = ?`, u.Merge).Scan(&from, &into); errors.Is(err, sql.ErrNoRows) {
		return unappliable{fmt.Errorf("no merge %s", u.Merge)}
	} else if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `UPDATE merges SET undone_seq = ?, undone_at = ? WHERE id = ?`, seq, formatTime(u.At), u.Merge); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `UPDATE entities SET merged_into = NULL WHERE id = ?`, from); err != nil {
		return err
	}
	// Entities merged into from before it was merged away follow it back out: recompute the
	// canonical id of the whole group along merged_into.
	var root string
	if err := tx.queryRow(ctx, `SELECT canonical FROM entities WHERE id = ?`, into).Scan(&root); err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, COALESCE(merged_into, '') FROM entities WHERE canonical = ?`, root)
	if err != nil {
		return err
	}
	parent := map[string]string{}
	for rows.Next() {
		var id, m string
		if err := rows.Scan(&id, &m); err != nil {
			rows.Close()
			return err
		}
		parent[id] = m
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for id := range parent {
		c := id
		for i := 0; parent[c] != "" && i < len(parent); i++ {
			c = parent[c]
		}
		if _, err := tx.exec(ctx, `UPDATE entities SET canonical = ? WHERE id = ?`, c, id); err != nil {
			return err
		}
	}
	return nil
}

// recordSensitivity is the sensitivity a record writes, or 0 for records that carry none.
func recordSensitivity(r *docket.Record) docket.Sensitivity {
	switch {
	case r.Entity != nil:
		return r.Entity.Sensitivity
	case r.Statement != nil:
		return r.Statement.Sensitivity
	case r.Source != nil:
		return r.Source.Sensitivity
	}
	return 0
}
