package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"sort"
	"strings"

	"github.com/docketorg/docket"
)

// FindChanges returns the changes matching f that v may see, in commit order, or newest first
// with f.Newest. The log is read in batches and stops once the page is full.
func (db *Store) FindChanges(ctx context.Context, v docket.Viewer, f docket.ChangeFilter) (out []*docket.Change, err error) {
	const batch = 500
	want := -1
	if f.Limit > 0 {
		want = max(f.Offset, 0) + f.Limit
	}
	err = db.viewFor(ctx, v, func(tx *Tx) error {
		if f.Entity != nil {
			// An entity id v may not see has no history, as one that never existed.
			if _, err := tx.canonicalOf(ctx, v, *f.Entity); docket.ErrorCode(err) == docket.ENOTFOUND {
				return nil
			} else if err != nil {
				return err
			}
		}
		var cursor int64 // the last seq read: the keyset of the next batch
		scanned := 0
		for {
			span := logSpan{after: f.AfterSeq, entity: f.Entity, ref: f.Ref}
			if f.Newest && cursor > 0 {
				span.before = cursor
			} else if !f.Newest && cursor > 0 {
				span.after = max(span.after, cursor)
			}
			q, args := logPage(span, f.Newest, batch)
			page, err := tx.scanLog(ctx, q, args...)
			if err != nil {
				return err
			}
			var all []*docket.Change
			for _, lr := range page {
				rec, _, err := lr.record()
				if err != nil {
					return fmt.Errorf("change %d: %w", lr.seq, err)
				}
				rec = db.openOrLock(ctx, rec)
				c := &docket.Change{Seq: lr.seq, Kind: lr.kind, Ref: lr.ref, Entity: lr.entity, Author: lr.author, At: parseTime(lr.at), Record: *rec}
				if tx.public {
					c.Author = docket.PublicAuthor(c.Author)
					c.Record.RedactAuthors()
				}
				all = append(all, c)
			}
			for _, c := range all {
				cursor = c.Seq
				if scanned++; f.MaxScan > 0 && scanned > f.MaxScan {
					return nil
				}
				ok, err := tx.changeVisible(ctx, v, c)
				if err != nil {
					return err
				} else if ok {
					out = append(out, c)
				}
				if want >= 0 && len(out) >= want {
					return nil
				}
			}
			if len(all) < batch {
				return nil
			}
		}
	})
	if err != nil {
		return nil, err
	}
	lo, hi := min(max(f.Offset, 0), len(out)), len(out)
	if f.Limit > 0 {
		hi = min(lo+f.Limit, hi)
	}
	return out[lo:hi], nil
}

// Head returns the sequence number of the last change.
func (db *Store) Head(ctx context.Context) (seq int64, err error) {
	err = db.view(ctx, func(tx *Tx) error { return tx.QueryRowContext(ctx, lastSeq).Scan(&seq) })
	return seq, err
}

// changeVisible reports whether v may see a change: a change is as secret as what it touches.
func (tx *Tx) changeVisible(ctx context.Context, v docket.Viewer, c *docket.Change) (bool, error) {
	seeEntity := func(id string) (bool, error) {
		var n int
		if v.SeesDrafts() {
			err := tx.queryRow(ctx, `SELECT COUNT(*) FROM entities WHERE id = ? AND sensitivity <= ?`, id, int(v.MaxSensitivity())).Scan(&n)
			return n > 0, err
		}
		// The public sees an entity only through a statement it may see, as entityScope says:
		// the record of an entity with nothing public must not tell that it exists.
		cond, args := visible(v)
		err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM entities e WHERE e.id = ? AND e.sensitivity <= ?
			AND EXISTS (SELECT 1 FROM statements s JOIN entities se ON se.id = s.entity_id
				WHERE se.canonical = e.canonical AND s.retracted_seq IS NULL AND `+cond+`)`,
			append([]any{id, int(v.MaxSensitivity())}, args...)...).Scan(&n)
		return n > 0, err
	}
	switch c.Kind {
	case docket.KindEntity:
		return seeEntity(c.Ref)
	case docket.KindMerge:
		a, err := seeEntity(c.Record.Merge.Into)
		if !a || err != nil {
			return false, err
		}
		return seeEntity(c.Record.Merge.From)
	case docket.KindUnmerge:
		var into, from string
		if err := tx.queryRow(ctx, `SELECT into_id, from_id FROM merges WHERE id = ?`, c.Ref).Scan(&into, &from); err != nil {
			return false, err
		}
		a, err := seeEntity(into)
		if !a || err != nil {
			return false, err
		}
		return seeEntity(from)
	case docket.KindSource:
		var n int
		err := tx.queryRow(ctx, `SELECT COUNT(*) FROM sources WHERE id = ? AND sensitivity <= ?`, c.Ref, int(v.MaxSensitivity())).Scan(&n)
		return n > 0, err
	case docket.KindSnapshot:
		var n int
		err := tx.queryRow(ctx, `SELECT COUNT(*) FROM snapshots sn JOIN sources so ON so.id = sn.source_id WHERE sn.id = ? AND so.sensitivity <= ?`,
			c.Ref, int(v.MaxSensitivity())).Scan(&n)
		return n > 0, err
	case docket.KindDocument:
		// The public reads no document's record in history: its file's hash is of the copy
		// with its author metadata.
		if !v.SeesDrafts() {
			return false, nil
		}
		var n int
		err := tx.queryRow(ctx, `SELECT COUNT(*) FROM documents d JOIN sources so ON so.id = d.source_id WHERE d.id = ? AND so.sensitivity <= ?`,
			c.Ref, int(v.MaxSensitivity())).Scan(&n)
		return n > 0, err
	default: // statement, retraction, status
		cond, args := visible(v)
		var n int
		err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM statements s JOIN entities se ON se.id = s.entity_id WHERE s.id = ? AND `+cond,
			append([]any{c.Ref}, args...)...).Scan(&n)
		return n > 0, err
	}
}

// Export calls fn for every record in commit order. With public, or for any viewer but an
// admin, it is the current state v may see, not the full log.
func (db *Store) Export(ctx context.Context, v docket.Viewer, public bool, fn func(*docket.Record) error) error {
	if public || v.Role != docket.Admin || !v.Cleared {
		if !public && v.Role != docket.Admin {
			return v.Authorize(docket.Admin)
		}
		return db.exportVisible(ctx, docket.AnonymousViewer, fn)
	}
	return db.exportLog(ctx, false, func(r *docket.Record, _ []byte) error { return fn(r) })
}

// ExportLines is the full export (Export for a cleared admin, not public), each record with
// its line, as docket export writes it: its JSON, which a statement's row gave already (see
// logRow.record), and which is otherwise made here. The line is the caller's.
func (db *Store) ExportLines(ctx context.Context, v docket.Viewer, fn func(r *docket.Record, line []byte) error) error {
	if err := v.Authorize(docket.Admin); err != nil {
		return err
	} else if !v.Cleared {
		return docket.Errorf(docket.EFORBIDDEN, "the full export needs an admin cleared for confidential data")
	}
	return db.exportLog(ctx, true, fn)
}

// exportLog calls fn for every record of the log in commit order, with its line if lines is
// set, else nil.
func (db *Store) exportLog(ctx context.Context, lines bool, fn func(*docket.Record, []byte) error) error {
	line := func(r *docket.Record) ([]byte, error) {
		if !lines {
			return nil, nil
		}
		return r.MarshalJSON()
	}
	emit := func(r *docket.Record) error {
		b, err := line(r)
		if err != nil {
			return err
		}
		return fn(r, b)
	}
	return db.view(ctx, func(tx *Tx) error {
		authors, err := tx.authors(ctx)
		if err != nil {
			return err
		}
		emitted := map[string]bool{}
		for after := int64(0); ; {
			page, err := tx.logRows(ctx, "statements", after, 10000)
			if err != nil {
				return err
			}
			if len(page) == 0 {
				return nil
			}
			var batch []*docket.Record
			var made [][]byte // the lines of statements made from their rows, else nil
			for _, lr := range page {
				after = lr.seq
				r, b, err := lr.record()
				if err != nil {
					return fmt.Errorf("change %d: %w", lr.seq, err)
				}
				if lr.payload != "" {
					// Its payload, written maybe by an older version, is not always the
					// line that the record makes now.
					b = nil
				}
				batch, made = append(batch, r), append(made, b)
			}
			for i, r := range batch {
				b := made[i]
				// The operator's backup, with the key: in the clear. Without it, as stored.
				if sealOf(r) != nil && db.DataKey != nil {
					c, err := db.openRecord(ctx, tx, r)
					if err != nil {
						ref, _, _ := r.Ref()
						return fmt.Errorf("%s %s: %w", r.Kind, ref, err)
					}
					r, b = c, nil
				}
				// Who an author id stands for comes before the first record naming it, once.
				for _, a := range r.Authors() {
					if x := authors[a]; x != nil && !emitted[a] {
						emitted[a] = true
						if err := emit(&docket.Record{Kind: docket.KindAuthor, Author: x}); err != nil {
							return err
						}
					}
				}
				var blobs []string
				switch {
				case r.Snapshot != nil:
					blobs = []string{r.Snapshot.SHA256, r.Snapshot.TextSHA256}
				case r.Document != nil:
					blobs = r.Document.Blobs()
				}
				if blobs != nil {
					// The content a snapshot or document needs comes first, once, so an import
					// can check it.
					for _, sha := range blobs {
						if sha == "" || emitted[sha] {
							continue
						}
						b, err := db.exportBlob(ctx, tx, sealOf(r) != nil, sha)
						if err != nil {
							ref, _, _ := r.Ref()
							return fmt.Errorf("%s %s: %w", r.Kind, ref, err)
						}
						emitted[sha] = true
						if err := emit(&docket.Record{Kind: docket.KindBlob, Blob: b}); err != nil {
							return err
						}
					}
				}
				if b == nil || !lines {
					if b, err = line(r); err != nil {
						return err
					}
				}
				if err := fn(r, b); err != nil {
					return err
				}
			}
		}
	})
}

// exportVisible writes the current state v may see: canonical entities, sources, and current
// statements with their current status, moved onto the entities they were merged into.
func (db *Store) exportVisible(ctx context.Context, v docket.Viewer, fn func(*docket.Record) error) error {
	type item struct {
		seq int64
		r   *docket.Record
	}
	var items []item
	err := db.viewFor(ctx, v, func(tx *Tx) error {
		ents, err := tx.entities(ctx, v, `ORDER BY e.seq`)
		if err != nil {
			return err
		}
		for _, e := range ents {
			e.Caption = ""
			items = append(items, item{e.Seq, &docket.Record{Kind: docket.KindEntity, Entity: e}})
		}
		srcs, err := tx.sources(ctx, v, ` FROM sources WHERE sensitivity <= ? ORDER BY seq`, int(v.MaxSensitivity()))
		if err != nil {
			return err
		}
		for _, s := range srcs {
			items = append(items, item{s.Seq, &docket.Record{Kind: docket.KindSource, Source: s}})
		}
		cond, args := visible(v)
		ss, err := tx.statements(ctx, `WHERE s.retracted_seq IS NULL AND `+cond+` ORDER BY s.seq`, args...)
		if err != nil {
			return err
		}
		canon := map[string]string{}
		for _, s := range filterVisible(v, ss) {
			if _, ok := canon[s.Entity]; !ok {
				var c string
				if err := tx.queryRow(ctx, `SELECT canonical FROM entities WHERE id = ?`, s.Entity).Scan(&c); err != nil {
					return err
				}
				canon[s.Entity] = c
			}
			s.Entity = canon[s.Entity]
			items = append(items, item{s.Seq, &docket.Record{Kind: docket.KindStatement, Statement: s}})
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].seq < items[j].seq })
	for _, it := range items {
		if err := fn(it.r); err != nil {
			return err
		}
	}
	return nil
}

// importBatch is how many records an import checks before it writes their rows: large enough
// that a few multi-row INSERTs a table carry them, small enough to stay in a few megabytes.
// A dialect may take larger ones (see Batcher).
const importBatch = 1000

// importBatchOf returns the records of an import's batches on db, and how many batches the
// reader decodes ahead: about as many records ahead whatever the batches.
func (db *Store) importBatchOf() (size, ahead int) {
	size = importBatch
	if b, ok := db.Dialect.(Batcher); ok {
		size = max(b.ImportBatch(), 1)
	}
	return size, max(4*importBatch/size, 1)
}

// batch is a run of decoded records, and the error that ended the input, if any.
type batch struct {
	recs []*docket.Record
	err  error
}

// Import applies records in one transaction. The records are read (and so decoded, which is
// much of an import's work) on another goroutine, a few batches ahead of the writer; each batch
// is checked against what the store and the batches before it hold, then written with a few
// multi-row INSERTs a table.
func (db *Store) Import(ctx context.Context, v docket.Viewer, next func() (*docket.Record, error), progress docket.Progress) (n int, err error) {
	return db.load(ctx, v, next, progress, false)
}

// load is Import, and ImportAlone with alone set.
func (db *Store) load(ctx context.Context, v docket.Viewer, next func() (*docket.Record, error), progress docket.Progress, alone bool) (n int, err error) {
	if err := mayImport(v); err != nil {
		return 0, err
	}
	size, ahead := db.importBatchOf()
	batches := make(chan batch, ahead)
	stop := make(chan struct{})
	read := make(chan struct{})
	go func() {
		defer close(read)
		defer close(batches)
		for {
			b := batch{recs: make([]*docket.Record, 0, size)}
			for len(b.recs) < size && b.err == nil {
				r, err := next()
				if err != nil {
					b.err = err
				} else if r == nil {
					break
				} else {
					b.recs = append(b.recs, r)
				}
			}
			end := b.err != nil || len(b.recs) < size
			select {
			case batches <- b:
			case <-stop:
				return
			case <-ctx.Done():
				return
			}
			if end {
				return
			}
		}
	}()
	// The reader must be done with next before the caller may use what next uses.
	defer func() {
		close(stop)
		<-read
	}()
	err = db.update(ctx, func(tx *Tx) (err error) {
		after, err := db.Dialect.PrepareImport(ctx, tx)
		if err != nil {
			return fmt.Errorf("prepare import: %w", err)
		}
		if after != "" {
			// Deferred first, so run last: after the writer, which uses the transaction.
			defer func() {
				if _, afterErr := tx.ExecContext(context.WithoutCancel(ctx), after); afterErr != nil {
					err = errors.Join(err, fmt.Errorf("after the import: %w", afterErr))
				}
			}()
		}
		if tx.deferred, err = tx.deferIndexes(ctx, alone); err != nil {
			return err
		}
		tx.fin = newFinisher(size)
		tx.writer = &writer{done: make(chan error, 1)}
		check := ctx // the checks', which wait for the writer before they read (see Tx.wait)
		if !db.Dialect.Interleaves() {
			check = context.WithValue(ctx, checking{}, true)
		}
		defer func() {
			if w := tx.writer; w != nil && w.busy {
				<-w.done // it uses the transaction, which is rolled back after this
			}
			tx.writer = nil
			tx.rows.jobs.Wait()
			tx.prev.jobs.Wait()
			tx.fin.close()
			tx.fin = nil
		}()
		var prev [2]int  // the first and last record of the batch whose rows are pending longest
		fetched := false // the ids the batch names were looked up, by the writer (see rotate)
		for b, more := <-batches; more; {
			if !fetched {
				if err := tx.prefetch(check, b.recs); err != nil {
					if werr := tx.settle(); werr != nil {
						return werr
					}
					return err
				}
			}
			first := n + 1
			for _, r := range b.recs {
				n++
				if r.Kind == docket.KindAuthor {
					// Not a change either: who an author id of the records that follow stands for.
					if err := tx.putAuthor(check, r.Author); err != nil {
						return prefixError(err, "record %d", n)
					}
					continue
				}
				if r.Kind == docket.KindBlob {
					// Content is not a change: check it and store it for the snapshots that follow.
					if err := r.Check(check, lookup{tx, v.MaxSensitivity()}); err != nil {
						return prefixError(err, "record %d", n)
					}
					if err := tx.takeBlob(check, r.Blob); err != nil {
						return err
					}
					continue
				}
				tx.recNo = n
				if _, err := tx.add(check, v, r); err != nil {
					if werr := tx.settle(); werr != nil {
						return werr // the batch before failed first, and err may follow from it
					}
					return prefixError(err, "record %d", n)
				}
			}
			// The next batch, if the reader has it ready, for the writer to look up the ids it
			// names before it writes this one's rows.
			var next batch
			got := false
			if b.err == nil {
				select {
				case next, more = <-batches:
					got = true
				default:
				}
			}
			// This batch's rows are written, and finished, while the next is checked; or, without
			// a writer, the previous batch's now, while the finisher finishes this one's.
			if err := tx.rotate(ctx, first, n, next.recs); err != nil {
				return prefixError(err, "records %d to %d", prev[0], prev[1])
			}
			prev = [2]int{first, n}
			if fetched = next.recs != nil; fetched {
				if err := <-tx.writer.fetched; err != nil {
					return err
				}
			}
			if progress != nil {
				progress(int64(n), 0)
			}
			if b.err != nil {
				return b.err
			}
			if b = next; !got {
				b, more = <-batches
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := tx.settle(); err != nil {
			return err
		}
		if err := tx.putHeldBlobs(ctx); err != nil {
			return err
		}
		return tx.createIndexes(ctx)
	})
	if err != nil {
		return 0, err
	}
	if progress != nil {
		progress(int64(n), int64(n))
	}
	return n, nil
}

// mayImport lets only a cleared admin import: an import writes records as they are, with their
// statuses and authors (a backup's), and its refusals of taken ids would confirm hidden ones to
// anyone who may not see everything.
func mayImport(v docket.Viewer) error {
	if err := v.Authorize(docket.Admin); err != nil {
		return err
	} else if !v.Cleared {
		return docket.Errorf(docket.EFORBIDDEN, "an import needs an admin cleared for confidential data")
	}
	return nil
}

// ImportAlone is Import for a caller that has the store to itself while it runs, as docket
// import and docket copy do: into an empty store, the dialect may then load in a way that
// shuts readers out until the import ends (see Dialect.BeginBulk). A caller that reads the
// store while it imports (a CSV file's names are looked up as it is read) calls Import.
func (db *Store) ImportAlone(ctx context.Context, v docket.Viewer, next func() (*docket.Record, error), progress docket.Progress) (n int, err error) {
	if err := mayImport(v); err != nil {
		return 0, err
	}
	if empty, err := db.Empty(ctx); err != nil {
		return 0, fmt.Errorf("import: %w", err)
	} else if !empty {
		return db.Import(ctx, v, next, progress)
	}
	end, err := db.Dialect.BeginBulk(ctx, db.W, db.R)
	if err != nil {
		return 0, fmt.Errorf("import: %w", err)
	}
	defer func() {
		if endErr := end(); endErr != nil {
			err = errors.Join(err, fmt.Errorf("after the import: %w", endErr))
		}
	}()
	return db.load(ctx, v, next, progress, true)
}

// emptyLog asks whether the change log, and so the store, holds nothing.
const emptyLog = `SELECT NOT EXISTS (SELECT 1 FROM changes) AND NOT EXISTS (SELECT 1 FROM statements)`

// Empty reports whether the store holds nothing yet: an import into it may take the bulk
// path, and a file imported into it has nothing to be linked to.
func (db *Store) Empty(ctx context.Context) (bool, error) {
	var empty bool
	err := db.W.QueryRowContext(ctx, emptyLog).Scan(&empty)
	return empty, err
}

// deferIndexes drops the dialect's deferrable indexes and constraints when the store is empty,
// and returns the statements that build them again: building an index once, sorted, or
// checking a foreign key with one join, after the load costs less than keeping it up row by
// row. alone says that the import has the store to itself (see ImportAlone).
func (tx *Tx) deferIndexes(ctx context.Context, alone bool) ([]deferredIndex, error) {
	var empty bool
	if err := tx.QueryRowContext(ctx, emptyLog).Scan(&empty); err != nil {
		return nil, err
	} else if !empty {
		return nil, nil
	}
	var defs []deferredIndex
	for _, name := range tx.db.Dialect.Deferrable(alone) {
		drop, build, err := tx.db.Dialect.Deferral(ctx, tx, name)
		if err != nil {
			return nil, fmt.Errorf("defer %s: %w", name, err)
		} else if drop == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, drop); err != nil {
			return nil, fmt.Errorf("%s: %w", drop, err)
		}
		defs = append(defs, deferredIndex{name, build})
	}
	return defs, nil
}

// A deferredIndex is an index or a constraint that an import dropped (see deferIndexes), and
// the statement that builds it again.
type deferredIndex struct{ name, build string }

// needIndex builds, now, the named index if the import deferred it: a check that reads it
// came (say, a review that calls a statement corroborated, which looks for the same value
// among the entity's statements). It is then kept up for the rest of the import. The writer
// must be idle (see flush).
func (tx *Tx) needIndex(ctx context.Context, name string) error {
	for i, d := range tx.deferred {
		if d.name == name {
			if _, err := tx.ExecContext(ctx, d.build); err != nil {
				return fmt.Errorf("%s: %w", d.build, err)
			}
			tx.deferred = slices.Delete(tx.deferred, i, i+1)
			return nil
		}
	}
	return nil
}

// createIndexes builds what deferIndexes dropped, in the same transaction.
func (tx *Tx) createIndexes(ctx context.Context) (err error) {
	defs := tx.deferred
	if len(defs) == 0 {
		return nil
	}
	if err := tx.flush(ctx); err != nil {
		return err
	}
	before, after := tx.db.Dialect.IndexBuild()
	if before != "" {
		if _, err := tx.ExecContext(ctx, before); err != nil {
			// The settings make the build faster and smaller, not possible: it goes on without.
			tx.db.Logger.Warn("building indexes with the connection's settings", "statement", before, "err", err)
			after = ""
		}
	}
	if after != "" {
		defer func() {
			if _, afterErr := tx.ExecContext(ctx, after); afterErr != nil {
				err = errors.Join(err, fmt.Errorf("after building indexes: %w", afterErr))
			}
		}()
	}
	for _, def := range defs {
		if _, err := tx.ExecContext(ctx, def.build); err != nil {
			return fmt.Errorf("%s: %w", def.build, err)
		}
	}
	tx.deferred = nil
	return nil
}

// Kinds of id a batch's prefetch found in no table.
const (
	absentEntity = 1 << iota
	absentSource
	absentStatement
)

// refProperties are the properties whose values name entities, in any schema.
var refProperties = func() map[string]bool {
	m := map[string]bool{}
	for _, sc := range docket.Schemas {
		for _, p := range sc.Properties {
			if p.Type == docket.TypeRef {
				m[p.Name] = true
			}
		}
	}
	return m
}()

// prefetch looks up the ids a batch of records names that the transaction does not know yet,
// one query a table, so that checking the batch asks the database little more: entities and
// sources found are cached, and every id found nowhere is marked absent until the next flush.
//
// With a writer, the ids of the entities and statements the batch makes are not looked up but
// marked absent: the unique indexes check that they are not taken as the writer inserts the
// rows, and taken names the record of one that is. Looking each up first cost as much again, a
// tenth of a CSV import. Where the dialect does not interleave (PostgreSQL), they are looked
// up: a refused insert would end the transaction before the record could be named.
func (tx *Tx) prefetch(ctx context.Context, recs []*docket.Record) error {
	if tx.absent == nil {
		tx.absent = map[string]uint8{}
	}
	var ents, srcs, stmts []string
	seen := map[string]uint8{}
	want := func(list *[]string, kind uint8, id string) {
		if id == "" || seen[id]&kind != 0 {
			return
		}
		seen[id] |= kind
		*list = append(*list, id)
	}
	made := func(list *[]string, kind uint8, id string) {
		if tx.writer == nil || !tx.db.Dialect.Interleaves() {
			want(list, kind, id)
		} else if seen[id]&kind == 0 {
			seen[id] |= kind
			tx.absent[id] |= kind
		}
	}
	for _, r := range recs {
		switch r.Kind {
		case docket.KindEntity:
			made(&ents, absentEntity, r.Entity.ID)
		case docket.KindSource:
			want(&srcs, absentSource, r.Source.ID)
			want(&srcs, absentSource, r.Source.CitedIn)
		case docket.KindStatement:
			s := r.Statement
			made(&stmts, absentStatement, s.ID)
			want(&stmts, absentStatement, s.Supersedes)
			want(&ents, absentEntity, s.Entity)
			if refProperties[s.Property] {
				want(&ents, absentEntity, s.Value)
			}
			want(&srcs, absentSource, s.Source)
		case docket.KindRetraction:
			want(&stmts, absentStatement, r.Retraction.Statement)
			want(&stmts, absentStatement, r.Retraction.SupersededBy)
		case docket.KindStatus:
			want(&stmts, absentStatement, r.Status.Statement)
		case docket.KindMerge:
			want(&ents, absentEntity, r.Merge.Into)
			want(&ents, absentEntity, r.Merge.From)
		case docket.KindSnapshot:
			want(&srcs, absentSource, r.Snapshot.Source)
		}
	}
	ents = slices.DeleteFunc(ents, func(id string) bool {
		return tx.entityCache[id] != nil || tx.rows.ents[id] != nil || tx.prev.ents[id] != nil
	})
	srcs = slices.DeleteFunc(srcs, func(id string) bool { return tx.sourceCache[id] || tx.rows.srcs[id] || tx.prev.srcs[id] })
	stmts = slices.DeleteFunc(stmts, func(id string) bool { return tx.pendingStatement(id) != nil })
	found := map[string]bool{}
	if err := tx.selectIn(ctx, `SELECT id, schema, canonical, sensitivity FROM entities WHERE id IN `, ents, func(rows *sql.Rows) error {
		var e cachedEntity
		if err := rows.Scan(&e.ID, &e.Schema, &e.Canonical, &e.sensitivity); err != nil {
			return err
		}
		e.Canonical = tx.canonical(e.Canonical)
		tx.cacheEntity(&e)
		found[e.ID] = true
		return nil
	}); err != nil {
		return fmt.Errorf("look up entities: %w", err)
	}
	tx.markAbsent(ents, found, absentEntity)
	clear(found)
	if err := tx.selectIn(ctx, `SELECT id FROM sources WHERE id IN `, srcs, func(rows *sql.Rows) error {
		var id string
		if err := rows.Scan(&id); err != nil {
			return err
		}
		tx.cacheSource(id)
		found[id] = true
		return nil
	}); err != nil {
		return fmt.Errorf("look up sources: %w", err)
	}
	tx.markAbsent(srcs, found, absentSource)
	clear(found)
	if tx.stmtCache == nil {
		tx.stmtCache = map[string]*docket.Statement{}
	}
	// Statements found are kept for the batch: reviews and retractions of written statements
	// read them again when checked. (No join: on PostgreSQL, whose statistics still describe the
	// tables as they were before the import, a join made the planner read all of entities.)
	if err := tx.selectIn(ctx, `SELECT `+statementColumns+` FROM statements s WHERE s.id IN `, stmts, func(rows *sql.Rows) error {
		s, err := tx.scanStatement(rows)
		if err != nil {
			return err
		}
		tx.stmtCache[s.ID] = s
		found[s.ID] = true
		return nil
	}); err != nil {
		return fmt.Errorf("look up statements: %w", err)
	}
	tx.markAbsent(stmts, found, absentStatement)
	return nil
}

func (tx *Tx) markAbsent(ids []string, found map[string]bool, kind uint8) {
	for _, id := range ids {
		if !found[id] {
			tx.absent[id] |= kind
		}
	}
}

// selectIn runs query, which ends in "IN ", for the ids (in one array where the dialect binds
// arrays, see Arrayer; else a few hundred at a time), and calls fn
// for every row.
func (tx *Tx) selectIn(ctx context.Context, query string, ids []string, fn func(*sql.Rows) error) error {
	if a, ok := tx.db.Dialect.(Arrayer); ok && len(ids) > 0 {
		// All at once, in one array: one statement, and one round trip to a server.
		s, err := tx.prep(ctx, strings.TrimSuffix(query, "IN ")+a.AnyOf())
		if err != nil {
			return err
		}
		rows, err := s.QueryContext(ctx, ids)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := fn(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	for len(ids) > 0 {
		n := min(len(ids), maxRowsPerInsert)
		if n < maxRowsPerInsert {
			n = 1 << (bits.Len(uint(n)) - 1) // few distinct statements to prepare
		}
		args := make([]any, n)
		for i, id := range ids[:n] {
			args[i] = id
		}
		s, err := tx.prep(ctx, query+"("+strings.TrimSuffix(strings.Repeat("?, ", n), ", ")+")")
		if err != nil {
			return err
		}
		rows, err := s.QueryContext(ctx, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			if err := fn(rows); err != nil {
				rows.Close()
				return err
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
}

// Rebuild derives every view again from the change log, in one transaction.
func (db *Store) Rebuild(ctx context.Context, progress docket.Progress) error {
	return db.update(ctx, func(tx *Tx) error { return tx.rebuild(ctx, progress) })
}

// rebuild derives every view again from the change log, in tx.
func (tx *Tx) rebuild(ctx context.Context, progress docket.Progress) error {
	{
		var total int64 // the log has no gaps
		if err := tx.QueryRowContext(ctx, lastSeq).Scan(&total); err != nil {
			return err
		}
		// Statement rows hold their records (see log.go): they are set aside before the views
		// are emptied, and the log is read with them.
		for _, q := range []string{
			`CREATE TABLE rebuild_statements (seq BIGINT PRIMARY KEY, id TEXT, entity_id TEXT, property TEXT, value TEXT, lang TEXT,
				source_id TEXT, locator TEXT, quote TEXT, status TEXT, recorded_status TEXT, sensitivity INTEGER, author TEXT,
				created_at TEXT, supersedes TEXT, salt TEXT, sealed TEXT)`,
			`INSERT INTO rebuild_statements SELECT seq, id, entity_id, property, value, lang, source_id, locator, quote, status, recorded_status,
				sensitivity, author, created_at, supersedes, salt, sealed FROM statements`,
			`DELETE FROM name_keys`, `DELETE FROM search`, `DELETE FROM snapshots`, `DELETE FROM documents`, `DELETE FROM statements`, `DELETE FROM merges`, `UPDATE sources SET cited_in = NULL`, `DELETE FROM sources`,
			`UPDATE entities SET merged_into = NULL`, `DELETE FROM entities`,
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("rebuild: %s: %w", strings.Fields(q)[0], err)
			}
		}
		if err := tx.derive(ctx, "rebuild_statements", func(done int64) {
			if progress != nil {
				progress(done, total)
			}
		}, nil); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DROP TABLE rebuild_statements`); err != nil {
			return fmt.Errorf("rebuild: %w", err)
		}
		// The lists are derived from what was just derived: again, from the start.
		return tx.clearRows(ctx)
	}
}

// derive applies every record of the change log, in commit order, to the views: to the tables
// their names find in tx, which are the store's own, emptied, in Rebuild, and temporary copies
// that hide them in Verify. The log is read with the statement rows of the table stmts (see
// log.go); progress is told how many changes were read.
//
// Without a checker, a record that does not parse or that the views cannot take (see
// unappliable) ends the derivation with its error. A checker (Verify's) is shown every change
// as it is read, and the derivation goes on past such records, telling it of those the views
// cannot take. Should the database refuse what a page of records writes, the page is undone,
// the checker told, and the log read on for the checker alone.
func (tx *Tx) derive(ctx context.Context, stmts string, progress func(done int64), check logChecker) error {
	// The search keys of statements are made on the second core, as an import makes them.
	tx.fin = newFinisher(importBatch)
	defer func() {
		tx.rows.jobs.Wait()
		tx.prev.jobs.Wait()
		tx.fin.close()
		tx.fin = nil
	}()
	var done int64
	applying := true
	for after := int64(0); ; {
		page, err := tx.logRows(ctx, stmts, after, 10000)
		if err != nil {
			return err
		}
		if len(page) == 0 {
			return nil
		}
		type change struct {
			seq int64
			r   *docket.Record
		}
		var batch []change
		for _, lr := range page {
			after = lr.seq
			r, payload, err := lr.record()
			if check != nil {
				if err := check.change(ctx, lr, r, payload, err); err != nil {
					return err
				}
			}
			if err != nil {
				if check != nil {
					continue
				}
				return fmt.Errorf("change %d: %w", lr.seq, err)
			}
			batch = append(batch, change{lr.seq, r})
		}
		if applying {
			if check != nil {
				if _, err := tx.ExecContext(ctx, `SAVEPOINT derive`); err != nil {
					return err
				}
			}
			err := func() error {
				for _, c := range batch {
					if err := tx.apply(ctx, c.seq, c.r); err != nil {
						if check != nil && errors.As(err, new(unappliable)) {
							check.unapplied(c.seq, c.r, err)
							continue
						}
						return fmt.Errorf("change %d: %w", c.seq, err)
					}
				}
				if err := tx.flush(ctx); err != nil {
					return fmt.Errorf("changes up to %d: %w", after, err)
				}
				return nil
			}()
			switch {
			case err != nil && check == nil:
				return err
			case err != nil:
				if ctx.Err() != nil {
					return ctx.Err()
				}
				if _, rbErr := tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT derive`); rbErr != nil {
					return errors.Join(err, rbErr)
				}
				tx.rows.jobs.Wait()
				tx.prev.jobs.Wait()
				tx.written(tx.rows) // what was pending is dropped with the page
				tx.written(tx.prev)
				tx.forgetLookups()
				tx.search = tx.search[:0]
				check.failed(err)
				applying = false
			case check != nil:
				if _, err := tx.ExecContext(ctx, `RELEASE SAVEPOINT derive`); err != nil {
					return err
				}
			}
		}
		done += int64(len(page))
		if progress != nil {
			progress(done)
		}
	}
}

// A logChecker is shown the change log as derive applies it (see derive): Verify's.
type logChecker interface {
	// change is a change as read: its record and the bytes the ledger commits to, or err,
	// why they cannot be read.
	change(ctx context.Context, lr *logRow, r *docket.Record, payload []byte, err error) error
	// unapplied is a record the views cannot take; derive goes on without it.
	unapplied(seq int64, r *docket.Record, err error)
	// failed says the database refused what a page of records writes: derive applies no more.
	failed(err error)
}
