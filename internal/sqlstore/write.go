package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/bits"
	"strconv"
	"strings"
	"sync"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/translit"
	"golang.org/x/mod/sumdb/tlog"
)

// pendingRows are the rows of changes added to a transaction and not yet written. commit
// writes them at once; an import adds a batch of records and writes their rows together, a few
// multi-row INSERTs a table, which is most of what makes it fast.
//
// An import keeps two generations of pending rows: while the rows of one batch are written
// (tx.prev), the next batch is checked and its rows added (tx.rows), and the finisher finishes
// them. Lookups see both. Once handed to be written, a generation does not change: a review
// or retraction of one of its statements goes into the newer generation as a shadow, a copy
// of the row that lookups find first and that is written as an UPDATE.
type pendingRows struct {
	changes    []*pendingChange
	entities   []any // 7 values a row: see write
	sources    []any // 15
	statements []*stmtRow
	shadows    []*stmtRow               // rows of an older generation, as changed since
	merges     []pendingMerge           // of entities made in pending rows (see deferMerge)
	stmtByID   map[string]*stmtRow      // statements and shadows
	ents       map[string]*cachedEntity // the entities added, found here until written
	srcs       map[string]bool          // the sources added
	jobs       sync.WaitGroup           // jobs of these rows the finisher has not finished
}

func newPendingRows() *pendingRows {
	return &pendingRows{stmtByID: map[string]*stmtRow{}, ents: map[string]*cachedEntity{}, srcs: map[string]bool{}}
}

// pendingStatement returns the pending row of a statement, or nil.
func (tx *Tx) pendingStatement(id string) *stmtRow {
	if r := tx.rows.stmtByID[id]; r != nil {
		return r
	}
	return tx.prev.stmtByID[id]
}

// changingStatement returns the row of a statement for a review or a retraction to change: a
// pending row of the newer generation, or a shadow there of a row of the older one or of a
// row written before. The change is written with the newer generation's rows, by the import's
// writer: an UPDATE here would wait for the connection while the writer writes.
func (tx *Tx) changingStatement(ctx context.Context, id string) (*stmtRow, error) {
	if r := tx.rows.stmtByID[id]; r != nil {
		return r, nil
	}
	var r *stmtRow
	if old := tx.prev.stmtByID[id]; old != nil {
		// Only what a review or retraction sets, and what args needs: the finisher may still
		// be setting the older row's other fields.
		r = &stmtRow{seq: old.seq, s: old.s, prop: old.prop, ref: old.ref, status: old.status, retraction: old.retraction, retractedSeq: old.retractedSeq,
			written: old.written}
		if r.written {
			r.retractedSeq = 0 // what the older generation changed, it writes
		}
	} else {
		// As it is now, with its current status and retraction: add has just looked it up,
		// and the batch's prefetch keeps it.
		s, err := tx.findStatement(ctx, id)
		if err != nil {
			return nil, err
		}
		r = &stmtRow{seq: s.Seq, s: s, status: s.Status, retraction: s.Retraction, written: true}
	}
	tx.rows.stmtByID[id] = r
	tx.rows.shadows = append(tx.rows.shadows, r)
	return r, nil
}

// A job is the part of making a row that needs no lookup: finish does it, on another
// goroutine during an import (see finisher), while the writer checks the next records.
type job interface{ finish() }

// pendingChange is a change not yet written: its row in the change log and its leaf.
type pendingChange struct {
	seq                  int64
	rec                  int // the record's number in an import's file
	r                    *docket.Record
	ref, entity, entity2 string
	payload              []byte    // set by finish: the canonical record
	inRow                bool      // set by finish: the statement's row holds the record (see log.go)
	leaf                 tlog.Hash // set by finish
	err                  error     // set by finish
}

func (c *pendingChange) finish() {
	if c.r.Kind == docket.KindStatement && c.r.Statement.Sealed != nil && rowHolds(c.r.Statement) {
		// Its row holds it, and its leaf commits to the digest it carries: it need not be
		// encoded (encoding/json would, slowly, for the box).
		c.inRow, c.leaf = true, leafOf(c.seq, c.r.Kind, c.r, nil).Hash()
		return
	}
	c.payload, c.err = c.r.MarshalJSON()
	if c.err != nil {
		c.err = fmt.Errorf("encode %s record: %w", c.r.Kind, c.err)
		return
	}
	c.leaf = leafOf(c.seq, c.r.Kind, c.r, c.payload).Hash()
	c.inRow = c.r.Kind == docket.KindStatement && rowHolds(c.r.Statement)
}

// args returns the change's row in the log; a statement whose row holds its record has none,
// its row being its change (see log.go).
func (c *pendingChange) args() []any {
	author, at := c.r.Stamp()
	return []any{c.seq, string(c.r.Kind), c.ref, nullString(c.entity), nullString(c.entity2), author, formatTime(at), string(c.payload)}
}

// stmtRow is a pending statement row, which a retraction or a review later in the same batch
// changes in place.
type stmtRow struct {
	seq          int64
	s            *docket.Statement
	prop         *docket.Property
	ref          any
	status       docket.Status
	retraction   *docket.Retraction
	retractedSeq int64 // set with retraction by a retraction pending here
	// A shadow of a row written before its generation (see changingStatement) holds the row's
	// state as it was read, not as the statement was made: written says so, and reviewed that
	// a pending review set its status.
	written, reviewed bool
	// Set by finish: what the search index holds (exact words and keys), a name's key, and
	// the row's values as the statement was made (see plain).
	exact, keys, nameKey string
	indexed              bool
	plainArgs            []any
}

func (r *stmtRow) finish() {
	if sl := r.s.Sealed; sl != nil {
		// Its keyed terms, computed when it was sealed: the index holds no word of it.
		r.keys, r.nameKey, r.indexed = strings.Join(sl.Terms, " "), sl.Name, len(sl.Terms) > 0
		if s := r.s; s.Supersedes == "" {
			r.plainArgs = []any{r.seq, s.ID, s.Entity, s.Property, s.Value, r.ref, nullString(s.Lang), nullString(s.Source), nullString(s.Locator), nullString(s.Quote),
				string(s.Status), int(s.Sensitivity), s.Author, formatTime(s.CreatedAt), s.Salt, encodeSealed(sl)}
		}
		return
	}
	if exact, keys, ok := searchText(r.prop, r.s.Value); ok {
		r.exact, r.keys, r.indexed = strings.Join(exactWords(exact), " "), keys, true
	}
	if r.prop.Type == docket.TypeName {
		// Names are matched whole by key, to find a person or court by any spelling.
		r.nameKey = translit.Key(r.s.Value)
	}
	if r.s.Supersedes == "" {
		s := r.s
		r.plainArgs = []any{r.seq, s.ID, s.Entity, s.Property, s.Value, r.ref, nullString(s.Lang), nullString(s.Source), nullString(s.Locator), nullString(s.Quote),
			string(s.Status), int(s.Sensitivity), s.Author, formatTime(s.CreatedAt), s.Salt}
	}
}

// plain reports whether the row is as its statement was made (not reviewed, retracted or
// superseding another): most rows are, and they are written without the columns that are then
// NULL, which would otherwise be bound one by one (a call into modernc.org/sqlite each).
func (r *stmtRow) plain() bool {
	return r.plainArgs != nil && r.status == r.s.Status && r.retraction == nil
}

// The rows a write adds, table by table. A plain statement row (see plain) has fewer columns
// than another.
var (
	entityRows = tableRows{table: "entities", columns: []string{"id", "schema", "sensitivity", "author", "created_at", "seq", "canonical"}}
	sourceRows = tableRows{table: "sources", columns: []string{"id", "url", "title", "publisher", "kind", "published", "lang", "cited_in", "reliability", "note",
		"sensitivity", "author", "created_at", "seq", "sealed"}}
	changeRows         = tableRows{table: "changes", columns: []string{"seq", "kind", "ref", "entity", "entity2", "author", "at", "payload"}}
	plainStatementRows = tableRows{table: "statements", columns: []string{"seq", "id", "entity_id", "property", "value", "ref", "lang", "source_id", "locator",
		"quote", "status", "sensitivity", "author", "created_at", "salt"}}
	// A plain sealed row has its seal too (see seal.go).
	plainSealedStatementRows = tableRows{table: "statements", columns: []string{"seq", "id", "entity_id", "property", "value", "ref", "lang", "source_id", "locator",
		"quote", "status", "sensitivity", "author", "created_at", "salt", "sealed"}}
	statementRows = tableRows{table: "statements", columns: []string{"seq", "id", "entity_id", "property", "value", "ref", "lang", "source_id", "locator",
		"quote", "status", "recorded_status", "sensitivity", "author", "created_at", "supersedes", "salt", "retracted_seq", "retracted_at", "retracted_by",
		"retract_reason", "superseded_by", "sealed"}}
	nameKeyRows = tableRows{table: "name_keys", columns: []string{"seq", "key"}}
)

// tableRows names the rows a write adds to a table: the table, its columns, and the
// placeholders of one row of a multi-row INSERT when they cast values ("" for plain ones).
type tableRows struct {
	table   string
	columns []string
	row     string
}

// current returns the statement as a lookup sees it: with its current status and retraction.
func (r *stmtRow) current() *docket.Statement {
	s := *r.s
	s.Status, s.Retraction, s.Seq = r.status, r.retraction, r.seq
	if r.retraction != nil {
		s.SupersededBy = r.retraction.SupersededBy
	}
	return &s
}

func (r *stmtRow) args() []any {
	s := r.s
	var recorded, retractedSeq, retractedAt, retractedBy, reason, supersededBy any
	if r.status != s.Status {
		recorded = string(s.Status)
	}
	if x := r.retraction; x != nil {
		retractedSeq, retractedAt, retractedBy, reason, supersededBy = r.retractedSeq, formatTime(x.At), x.Author, x.Reason, nullString(x.SupersededBy)
	}
	return []any{r.seq, s.ID, s.Entity, s.Property, s.Value, r.ref, nullString(s.Lang), nullString(s.Source), nullString(s.Locator), nullString(s.Quote),
		string(r.status), recorded, int(s.Sensitivity), s.Author, formatTime(s.CreatedAt), nullString(s.Supersedes), s.Salt,
		retractedSeq, retractedAt, retractedBy, reason, supersededBy, encodeSealed(s.Sealed)}
}

// finisher finishes jobs on its own goroutine, in the order given: during an import it makes
// the canonical records, their leaf hashes and the statements' search keys on the second core
// while the writer checks records and writes rows.
type finisher struct {
	jobs chan finishJob
}

type finishJob struct {
	j    job
	done *sync.WaitGroup
}

func newFinisher(batch int) *finisher {
	f := &finisher{jobs: make(chan finishJob, 2*batch)}
	go func() {
		for j := range f.jobs {
			j.j.finish()
			j.done.Done()
		}
	}()
	return f
}

// add gives the finisher a job of the pending rows p.
func (f *finisher) add(j job, p *pendingRows) {
	p.jobs.Add(1)
	f.jobs <- finishJob{j, &p.jobs}
}

func (f *finisher) close() { close(f.jobs) }

// flush writes every pending row.
func (tx *Tx) flush(ctx context.Context) error {
	if err := tx.settle(); err != nil {
		return err
	}
	for _, p := range []*pendingRows{tx.prev, tx.rows} {
		if err := tx.write(ctx, p, false); err != nil {
			return err
		}
		tx.written(p)
	}
	return nil
}

// rotate hands the newer generation of pending rows to the import's writer (see writer) and
// starts another: the older one is written by then, and the newer is written on the writer's
// goroutine while the next batch is checked. The writer first looks up the ids that the next
// batch, ahead, names (see prefetch), and then says so on its fetched channel: the connection
// is free for it then, whereas the checking side would wait for it between the writer's
// INSERTs.
func (tx *Tx) rotate(ctx context.Context, first, last int, ahead []*docket.Record) error {
	if err := tx.settle(); err != nil {
		return err
	}
	tx.prev, tx.rows = tx.rows, tx.prev
	tx.forgetLookups()
	tx.writer.start(ctx, tx, first, last, ahead)
	return nil
}

// A writer writes a generation of an import's pending rows, and the ledger tiles they fill,
// on a goroutine of its own while the next batch is checked: checking is a fifth of an
// import's work. Where the dialect interleaves, the connection takes the checks' reads between
// the writes; where not, a check that reads waits until the batch is written (see Tx.wait),
// and the checks find most of what they read in what the writer looked up for them first.
type writer struct {
	busy        bool
	first, last int // the records whose rows are being written
	done        chan error
	fetched     chan error // the lookups of the batch ahead are done
	err         error      // what the writer failed with, kept for the import to return
}

func (w *writer) start(ctx context.Context, tx *Tx, first, last int, ahead []*docket.Record) {
	w.busy, w.first, w.last = true, first, last
	if w.fetched == nil {
		w.fetched = make(chan error, 1)
	}
	p := tx.prev
	go func() {
		if ahead != nil {
			w.fetched <- tx.prefetch(ctx, ahead)
		}
		err := tx.write(ctx, p, true)
		if err == nil && tx.appender != nil && tx.appender.N-tx.tilesAt >= tileBatch {
			err = tx.writeTiles(ctx)
		}
		w.done <- err
	}()
}

// settle waits for the writer, if it is writing, and takes the rows it wrote out of the
// pending ones. It returns the error the writer failed with, now or before.
func (tx *Tx) settle() error {
	w := tx.writer
	if w == nil {
		return nil
	}
	if w.busy {
		w.busy = false
		if err := <-w.done; err != nil {
			w.err = prefixError(err, "records %d to %d", w.first, w.last)
		} else {
			tx.written(tx.prev)
		}
	}
	return w.err
}

// tileBatch is how many leaves an import appends to the ledger before it writes the tiles that
// hold them: the partial tiles at the right edge of the tree are written again each time, a
// few round trips and 8 KiB rows for each, and the transaction needs them only by its commit.
const tileBatch = 1 << 14

// searchBatch is how many search rows an import gathers before it writes them: FTS5 writes the
// terms it holds as a new segment whenever a statement begins, so larger batches make fewer,
// larger segments to merge, and leave the other tables' pages in the cache.
const searchBatch = 8192

// write writes the rows of p, parents before children so that every foreign key holds, then
// its merges and the reviews and retractions of older rows (shadows), and the search index
// last (with lazy, only once searchBatch rows are waiting); then it appends the changes to the
// ledger. It leaves p as it is: see written.
func (tx *Tx) write(ctx context.Context, p *pendingRows, lazy bool) error {
	if len(p.entities) > 0 {
		if err := tx.insertRows(ctx, entityRows, p.entities); err != nil {
			return tx.taken(ctx, p, "entity", err)
		}
	}
	if len(p.sources) > 0 {
		if err := tx.insertRows(ctx, sourceRows, p.sources); err != nil {
			return fmt.Errorf("apply source: %w", err)
		}
	}
	// What follows needs the finisher's work; the entities and sources did not.
	p.jobs.Wait()
	if len(p.changes) > 0 {
		args := make([]any, 0, 8*len(p.changes))
		for _, c := range p.changes {
			if c.err != nil {
				return c.err
			} else if !c.inRow {
				args = append(args, c.args()...)
			}
		}
		if err := tx.insertRows(ctx, changeRows, args); err != nil {
			return fmt.Errorf("append changes: %w", err)
		}
	}
	if len(p.statements) > 0 {
		plain := make([]any, 0, 15*len(p.statements))
		var args, names, plainSealed []any
		for _, r := range p.statements {
			if r.plain() && r.s.Sealed != nil {
				plainSealed = append(plainSealed, r.plainArgs...)
			} else if r.plain() {
				plain = append(plain, r.plainArgs...)
			} else {
				args = append(args, r.args()...)
			}
			if r.nameKey != "" {
				names = append(names, r.seq, r.nameKey)
			}
			if r.indexed {
				tx.search = append(tx.search, tx.db.Dialect.SearchArgs(r.seq, r.exact, r.keys)...)
			}
		}
		if err := tx.insertRows(ctx, plainStatementRows, plain); err != nil {
			return tx.taken(ctx, p, "statement", err)
		}
		if err := tx.insertRows(ctx, plainSealedStatementRows, plainSealed); err != nil {
			return tx.taken(ctx, p, "statement", err)
		}
		if err := tx.insertRows(ctx, statementRows, args); err != nil {
			return tx.taken(ctx, p, "statement", err)
		}
		if len(names) > 0 {
			if err := tx.insertRows(ctx, nameKeyRows, names); err != nil {
				return fmt.Errorf("index names: %w", err)
			}
		}
	}
	for _, pm := range p.merges {
		if err := tx.writeMerge(ctx, pm); err != nil {
			return fmt.Errorf("apply merge: %w", err)
		}
	}
	if err := tx.writeShadows(ctx, p.shadows); err != nil {
		return err
	}
	columns, row := tx.db.Dialect.SearchInsert()
	search := tableRows{table: "search", columns: columns, row: row}
	if len(tx.search) > 0 && (!lazy || len(tx.search) >= searchBatch*len(columns)) {
		if err := tx.insertRows(ctx, search, tx.search); err != nil {
			return fmt.Errorf("index text: %w", err)
		}
		tx.search = tx.search[:0]
	}
	for _, c := range p.changes {
		if err := tx.appendLeaf(ctx, c.seq, c.leaf); err != nil {
			return err
		}
	}
	return nil
}

// writeShadows writes the reviews and retractions of rows of older generations (see
// changingStatement): with one statement where the dialect can (see BulkUpdater), else with
// an UPDATE or two each.
func (tx *Tx) writeShadows(ctx context.Context, shadows []*stmtRow) error {
	if len(shadows) == 0 {
		return nil
	}
	if b, ok := tx.db.Dialect.(BulkUpdater); ok {
		changes := make([]StatementChange, 0, len(shadows))
		for _, r := range shadows {
			if c, ok := r.change(); ok {
				changes = append(changes, c)
			}
		}
		if len(changes) == 0 {
			return nil
		}
		if err := b.UpdateStatements(ctx, tx, changes); err != nil {
			return fmt.Errorf("apply reviews and retractions: %w", err)
		}
		return nil
	}
	for _, r := range shadows {
		if r.written {
			if err := tx.writeReview(ctx, r); err != nil {
				return err
			}
			continue
		}
		a := r.args()
		if _, err := tx.exec(ctx, `UPDATE statements SET status = ?, recorded_status = ?, retracted_seq = ?, retracted_at = ?, retracted_by = ?, retract_reason = ?, superseded_by = ? WHERE seq = ?`,
			a[10], a[11], a[17], a[18], a[19], a[20], a[21], r.seq); err != nil {
			return fmt.Errorf("apply review: %w", err)
		}
	}
	return nil
}

// writeReview writes the review and the retraction of a shadow of a row written before.
func (tx *Tx) writeReview(ctx context.Context, r *stmtRow) error {
	if r.reviewed {
		// The status the statement was recorded with is kept once a review changes it.
		if _, err := tx.exec(ctx, `UPDATE statements SET recorded_status = COALESCE(recorded_status, status), status = ? WHERE seq = ?`,
			string(r.status), r.seq); err != nil {
			return fmt.Errorf("apply review: %w", err)
		}
	}
	if x := r.retraction; x != nil && r.retractedSeq != 0 {
		if _, err := tx.exec(ctx, `UPDATE statements SET retracted_seq = ?, retracted_at = ?, retracted_by = ?, retract_reason = ?, superseded_by = ? WHERE seq = ?`,
			r.retractedSeq, formatTime(x.At), x.Author, x.Reason, nullString(x.SupersededBy), r.seq); err != nil {
			return fmt.Errorf("apply retraction: %w", err)
		}
	}
	return nil
}

// change returns what writeReview, or the UPDATE of a shadow of an older generation, changes
// in the row of r, as one StatementChange; false if nothing.
func (r *stmtRow) change() (StatementChange, bool) {
	c := StatementChange{Seq: r.seq, Status: string(r.status)}
	x := r.retraction
	if !r.written {
		c.Whole = true
		if r.status != r.s.Status {
			c.Recorded = ptr(string(r.s.Status))
		}
	} else {
		c.Review, c.Retract = r.reviewed, x != nil && r.retractedSeq != 0
		if !c.Review && !c.Retract {
			return c, false
		}
	}
	if x != nil && (c.Whole || c.Retract) {
		c.RetractedSeq, c.RetractedAt, c.RetractedBy, c.RetractReason = ptr(r.retractedSeq), ptr(formatTime(x.At)), ptr(x.Author), ptr(x.Reason)
		if x.SupersededBy != "" {
			c.SupersededBy = ptr(x.SupersededBy)
		}
	}
	return c, true
}

func ptr[T any](v T) *T { return &v }

// taken explains err, the failure to insert p's rows of entities or statements (what): when a
// unique index refused one, as it does during an import that leaves the check of new ids to it
// (see prefetch), it names the first record of p whose id is taken. That reads the tables
// again, once.
func (tx *Tx) taken(ctx context.Context, p *pendingRows, what string, err error) error {
	if !tx.db.Dialect.IsUnique(err) {
		return fmt.Errorf("apply %s: %w", what, err)
	}
	mine := map[string]int64{} // the ids p's rows make, and their changes' sequence numbers
	var ents, stmts []string
	for i := 0; i+6 < len(p.entities); i += 7 {
		id := p.entities[i].(string)
		mine[id], ents = p.entities[i+5].(int64), append(ents, id)
	}
	for _, r := range p.statements {
		mine[r.s.ID], stmts = r.seq, append(stmts, r.s.ID)
	}
	// Rows of p that the INSERTs before the refused one wrote are there, with the sequence
	// numbers of p's changes; any other row with one of p's ids was there before.
	var first int64 // the sequence number of the first record whose id is taken
	scan := func(rows *sql.Rows) error {
		var id string
		var seq int64
		if err := rows.Scan(&id, &seq); err != nil {
			return err
		}
		if m := mine[id]; seq != m && (first == 0 || m < first) {
			first = m
		}
		return nil
	}
	lookErr := tx.selectIn(ctx, `SELECT id, seq FROM entities WHERE id IN `, ents, scan)
	if lookErr == nil {
		lookErr = tx.selectIn(ctx, `SELECT id, seq FROM statements WHERE id IN `, stmts, scan)
	}
	if lookErr != nil || first == 0 {
		return fmt.Errorf("apply %s: %w", what, errors.Join(err, lookErr))
	}
	for _, c := range p.changes {
		if c.seq == first {
			ref, _, _ := c.r.Ref()
			if c.rec > 0 {
				return namedError{docket.Errorf(docket.ECONFLICT, "record %d: %s id %s is taken", c.rec, c.r.Kind, ref)}
			}
			return namedError{docket.Errorf(docket.ECONFLICT, "%s id %s is taken", c.r.Kind, ref)}
		}
	}
	return fmt.Errorf("apply %s: %w", what, err)
}

// namedError is an error that names the record it is about: prefixError adds no range of
// records to it.
type namedError struct{ err error }

func (e namedError) Error() string { return e.err.Error() }
func (e namedError) Unwrap() error { return e.err }

// written takes the rows of p, now written, out of the pending ones. An import's writer may
// not touch what checking reads, so this is done after it, by the checking side.
func (tx *Tx) written(p *pendingRows) {
	// The caches hold what was written: pending entities and sources are found in their
	// generation, so the caches may be emptied when they grow too large.
	if len(tx.entityCache) > maxEntities {
		clear(tx.entityCache)
	}
	if len(tx.sourceCache) > maxSources {
		clear(tx.sourceCache)
	}
	for _, e := range p.ents {
		tx.cacheEntity(e)
	}
	for id := range p.srcs {
		tx.cacheSource(id)
	}
	for _, pm := range p.merges {
		delete(tx.canon, pm.m.From)
	}
	// What the batch's prefetch found absent, and the statements it read, still hold but for
	// what was just written: a flush in the middle of a batch (before a merge, say) keeps the
	// rest, which the batch's records after it would otherwise look up one by one. rotate
	// forgets them all before the next batch's prefetch.
	for _, r := range p.statements {
		delete(tx.absent, r.s.ID)
	}
	for _, r := range p.shadows {
		delete(tx.stmtCache, r.s.ID)
	}
	for id := range p.ents {
		delete(tx.absent, id)
	}
	for id := range p.srcs {
		delete(tx.absent, id)
	}
	clear(p.changes)
	clear(p.statements)
	clear(p.shadows)
	clear(p.merges)
	clear(p.stmtByID)
	clear(p.ents)
	clear(p.srcs)
	p.changes, p.entities, p.sources, p.statements, p.shadows, p.merges = p.changes[:0], p.entities[:0], p.sources[:0], p.statements[:0], p.shadows[:0], p.merges[:0]
}

// forgetLookups forgets what a batch's prefetch found and did not find.
func (tx *Tx) forgetLookups() {
	clear(tx.absent)
	clear(tx.stmtCache)
}

// maxParams is the most parameters one statement takes: SQLite allows 32766, PostgreSQL 65535.
const maxParams = 32000

// maxRowsPerInsert caps the rows of one INSERT: longer ones gain nothing more.
const maxRowsPerInsert = 256

// insertRows writes rows into a table, args in row order: with the dialect's bulk protocol if
// it has one (see Copier), else with multi-row INSERTs.
func (tx *Tx) insertRows(ctx context.Context, t tableRows, args []any) error {
	ncol := len(t.columns)
	if len(args)%ncol != 0 {
		return fmt.Errorf("insert into %s: %d values for rows of %d", t.table, len(args), ncol)
	} else if len(args) == 0 {
		return nil
	}
	if c, ok := tx.db.Dialect.(Copier); ok {
		return c.CopyFrom(ctx, tx, t.table, t.columns, args)
	}
	head := "INSERT INTO " + t.table + " (" + strings.Join(t.columns, ", ") + ") VALUES "
	row := t.row
	if row == "" {
		row = "(" + strings.Repeat("?, ", ncol-1) + "?)"
	}
	per := min(maxRowsPerInsert, maxParams/ncol)
	for rows := len(args) / ncol; rows > 0; {
		n := min(rows, per)
		if n < per {
			// A power of two, so that few distinct statements are prepared.
			n = 1 << (bits.Len(uint(n)) - 1)
		}
		q, vals := tx.rowsQuery(head, row, ncol, args[:n*ncol])
		if _, err := tx.exec(ctx, q, vals...); err != nil {
			return err
		}
		args, rows = args[n*ncol:], rows-n
	}
	return nil
}

// rowsQuery returns the multi-row INSERT of the rows of ncol values in args, and the values it
// binds. A column whose value is the same in every row is bound once, as a numbered parameter
// that each row names: binding a value is a call into modernc.org/sqlite, with a copy, a lock
// and an unbinding, and took a third of an import's writing; the rows of an import share many
// (author, time, status, sensitivity, source). The shared parameters come first.
func (tx *Tx) rowsQuery(head, row string, ncol int, args []any) (string, []any) {
	n := len(args) / ncol
	var shared uint64 // a bit a column
	if n > 1 && ncol <= 64 {
		for c := range ncol {
			if !equatable(args[c]) {
				continue
			}
			same := true
			for i := c + ncol; i < len(args); i += ncol {
				if args[i] != args[c] {
					same = false
					break
				}
			}
			if same {
				shared |= 1 << c
			}
		}
	}
	if shared == 0 {
		return head + strings.TrimSuffix(strings.Repeat(row+", ", n), ", "), args
	}
	nshared := bits.OnesCount64(shared)
	vals := make([]any, 0, nshared+(ncol-nshared)*n)
	for c := range ncol {
		if shared&(1<<c) != 0 {
			vals = append(vals, args[c])
		}
	}
	for i, v := range args {
		if shared&(1<<(i%ncol)) == 0 {
			vals = append(vals, v)
		}
	}
	key := rowsKey{head, row, n, shared}
	tx.stmtsMu.Lock()
	defer tx.stmtsMu.Unlock()
	if q, ok := tx.rowsQueries[key]; ok {
		return q, vals
	}
	parts := strings.Split(row, "?")
	var b strings.Builder
	b.WriteString(head)
	num := make([]int, ncol) // the parameter of a shared column
	k := 0
	for c := range ncol {
		if shared&(1<<c) != 0 {
			k++
			num[c] = k
		}
	}
	// The first row numbers every parameter, the others only the shared ones: an unnumbered
	// parameter is the one after the largest so far, and modernc.org/sqlite looks up the name of
	// every parameter it binds in a list of the numbered ones, so numbering them all made binding
	// quadratic.
	for r := range n {
		if r > 0 {
			b.WriteString(", ")
		}
		for c := range ncol {
			b.WriteString(parts[c])
			b.WriteByte('?')
			switch {
			case num[c] > 0:
				b.WriteString(strconv.Itoa(num[c]))
			case r == 0:
				k++
				b.WriteString(strconv.Itoa(k))
			}
		}
		b.WriteString(parts[ncol])
	}
	if tx.rowsQueries == nil {
		tx.rowsQueries = map[rowsKey]string{}
	}
	q := b.String()
	tx.rowsQueries[key] = q
	return q, vals
}

// rowsKey names a multi-row INSERT of rowsQuery: its table and row, its number of rows, and
// the columns it binds once.
type rowsKey struct {
	head, row string
	n         int
	shared    uint64
}

// equatable reports whether v, a value bound to a query, compares with ==.
func equatable(v any) bool {
	switch v.(type) {
	case nil, string, int, int64, float64, bool:
		return true
	}
	return false
}

// Commit writes what is pending, and the ledger's tiles, then commits.
func (tx *Tx) Commit() error {
	ctx := context.Background()
	if err := tx.flush(ctx); err != nil {
		return err
	}
	if err := tx.writeTiles(ctx); err != nil {
		return err
	}
	defer tx.release()
	if err := tx.Tx.Commit(); err != nil {
		return err
	}
	if tx.conn != nil && tx.db.Committed != nil {
		tx.db.Committed(ctx, tx.conn)
	}
	return nil
}
