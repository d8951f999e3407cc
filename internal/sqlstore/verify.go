package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/ledger"
	"github.com/docketorg/docket/seal"
	"golang.org/x/mod/sumdb/tlog"
)

// A view is a table derived from the change log, with the key its rows are joined on, the
// column that names a row in a report, and the column that deriving it looks rows up by
// besides its keys.
type view struct{ table, key, label, index string }

// views are every table derived from the change log: what Rebuild empties and derives again,
// and what Verify derives again beside the store's and compares with it. Merges and unmerges
// find entities by their canonical id.
var views = []view{
	{"entities", "id", "id", "canonical"},
	{"sources", "id", "id", ""},
	{"statements", "seq", "id", ""},
	{"merges", "id", "id", ""},
	{"snapshots", "id", "id", ""},
	{"documents", "id", "id", ""},
	{"name_keys", "seq", "seq", ""},
	{"search", "seq", "seq", ""},
}

// maxRowProblems caps the rows of one table that Verify names: a table rewritten wholesale
// is said in a line, not in ten million. maxProblems caps all it names, so that a log altered
// throughout does not fill memory with its report.
const (
	maxRowProblems = 100
	maxProblems    = 10000
)

// noTiles is the tile store of the ledger Verify recomputes: nothing is stored, as the
// appender keeps the right edge of the tree it needs in memory.
type noTiles struct{}

func (noTiles) ReadTile(l int, n int64) ([]byte, error) {
	return nil, fmt.Errorf("verify: tile %d/%d was not kept", l, n)
}

// Verify reads the change log once, in commit order: it recomputes the ledger from it and
// checks every change's record, the columns of its row and a snapshot's content, and it
// derives every view again, as Rebuild does, into temporary tables. Then it checks the stored
// ledger tiles and the signed checkpoints against the recomputed tree, and compares each
// derived view row by row with the store's. It reads one snapshot of the store, on a
// connection that cannot write the store's tables (see Store.Scratch). Memory stays small
// whatever the log's size: the tree is recomputed tile by tile, the log read in pages, and the
// database compares the tables, handing back only the rows that differ.
//
// A problem with Warning set is something verification cannot prove rather than something
// found wrong: changes that no signed checkpoint covers.
func (db *Store) Verify(ctx context.Context, progress docket.Progress) ([]docket.Problem, error) {
	if db.Scratch == nil {
		return nil, errors.New("verify: the store has no scratch connection")
	}
	tx, err := db.begin(ctx, db.Scratch)
	if err != nil {
		return nil, fmt.Errorf("verify: begin: %w", err)
	}
	defer tx.Rollback()
	// The scratch tables come first, so that every statement of the transaction is written
	// after they hide the store's: none was planned against the store's own.
	scratchViews := make([]ScratchView, len(views))
	for i, v := range views {
		scratchViews[i] = ScratchView{Table: v.table, Index: v.index}
	}
	stored, scratch, err := db.Dialect.ScratchViews(ctx, tx, scratchViews)
	if err != nil {
		return nil, fmt.Errorf("verify: scratch tables: %w", err)
	}
	v := &verifier{tx: tx, stored: stored, scratch: scratch, app: ledger.NewAppender(0, noTiles{})}
	v.tiles = tileCheck{tx: tx, add: v.add}
	if v.checkpoints, err = tx.checkpoints(ctx); err != nil {
		return nil, err
	}
	v.pending = v.checkpoints
	var total int64 // the log has no gaps
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM (SELECT MAX(seq) AS seq FROM `+stored+`.changes
		UNION ALL SELECT MAX(seq) FROM `+stored+`.statements) m`).Scan(&total); err != nil {
		return nil, err
	}
	if err := tx.derive(ctx, stored+".statements", func(done int64) {
		if progress != nil {
			progress(done, total)
		}
	}, v); err != nil {
		return nil, err
	}
	if err := v.ledger(ctx); err != nil {
		return nil, err
	}
	if n := v.unappliedReported - maxRowProblems; n > 0 {
		v.add("views", "%d more changes cannot be applied to them", n)
	}
	if v.deriveErr != nil {
		v.add("views", "deriving them again from the change log failed, so they were not compared with it: %v", v.deriveErr)
	} else if err := v.views(ctx); err != nil {
		return nil, err
	}
	if v.unopened > 0 {
		v.warn("sealed records", "%d sealed records were not opened, as the data key was not given: their ledger leaves were checked against the SHA-256 each carries, "+
			"but not that each holds that record, nor that its keyed search terms are its values' (give --data-key to check them)", v.unopened)
	}
	if v.more > 0 {
		v.problems = append(v.problems, docket.Problem{What: "store", Why: fmt.Sprintf("%d more problems were found", v.more)})
	}
	return append(v.problems, v.warnings...), nil
}

// verifier gathers what Verify finds. It is derive's logChecker.
type verifier struct {
	tx              *Tx
	stored, scratch string // the schemas of the store's tables and of the scratch tables
	problems        []docket.Problem
	more            int // problems found beyond maxProblems
	warnings        []docket.Problem

	app         *ledger.Appender // the ledger recomputed from the log
	tiles       tileCheck
	checkpoints []*docket.Checkpoint
	pending     []*docket.Checkpoint // those whose size the recomputed tree has not reached
	done        int64                // changes read
	unopened    int                  // sealed records not opened, for want of the key

	unappliedReported int
	// The changes the views could not take, by the id of what they make and by their sequence
	// number, to say so of the rows they would have made (at most maxUnapplied).
	skipped   map[string]int64
	deriveErr error // why the database refused to derive the views, if it did
}

// maxUnapplied bounds the changes the views could not take that Verify remembers.
const maxUnapplied = 10000

func (v *verifier) add(what, format string, args ...any) {
	if len(v.problems) >= maxProblems {
		v.more++
		return
	}
	v.problems = append(v.problems, docket.Problem{What: what, Why: fmt.Sprintf(format, args...)})
}

func (v *verifier) warn(what, format string, args ...any) {
	v.warnings = append(v.warnings, docket.Problem{What: what, Why: fmt.Sprintf(format, args...), Warning: true})
}

// change checks a change of the log as derive reads it: its place, its leaf in the ledger
// recomputed, its record, the columns of its row and a snapshot's content.
func (v *verifier) change(ctx context.Context, r *logRow, rec *docket.Record, payload []byte, recErr error) error {
	what := fmt.Sprintf("change %d", r.seq)
	if r.seq != v.app.N+1 {
		v.add(what, "it should be change %d: changes were removed or renumbered", v.app.N+1)
	}
	if recErr != nil {
		payload = []byte(r.payload) // its leaf then differs: the tiles say so
	}
	if _, err := v.app.Append(leafOf(r.seq, r.kind, rec, payload)); err != nil {
		return err
	}
	for len(v.pending) > 0 && v.pending[0].Size == v.app.N {
		if th, err := tlog.TreeHash(v.app.N, v.app); err != nil {
			return err
		} else if th != v.pending[0].Root {
			v.add(fmt.Sprintf("checkpoint %d", v.app.N), "its root differs from the tree recomputed from the change log")
		}
		v.pending = v.pending[1:]
	}
	if v.done++; v.done%5000 == 0 {
		// Tiles are compared as they are completed, so that few are held.
		if err := v.compareTiles(ctx, false); err != nil {
			return err
		}
	}
	if recErr != nil {
		v.add(what, "%v", recErr)
		return nil
	}
	// A record kept in the payload must be canonical; one rebuilt from its row is.
	if r.payload != "" {
		if b, err := json.Marshal(rec); err != nil || string(b) != r.payload {
			v.add(what, "its record is not in canonical form")
		}
	}
	if rec.Kind != r.kind {
		v.add(what, "its kind column says %s, its record %s", r.kind, rec.Kind)
	}
	v.changeColumns(what, r, rec)
	r0 := rec
	if sealOf(rec) != nil {
		if rec = v.opened(ctx, what, rec); rec == nil {
			return nil
		}
	}
	if s := rec.Snapshot; s != nil {
		return v.content(ctx, "snapshot "+s.ID, [][2]string{{s.SHA256, "body"}, {s.TextSHA256, "text"}}, sealOf(r0) != nil)
	}
	if d := rec.Document; d != nil {
		return v.content(ctx, "document "+d.ID, [][2]string{{d.SHA256, "file"}, {d.TextSHA256, "text"}, {d.PublicSHA256, "public copy"}}, sealOf(r0) != nil)
	}
	return nil
}

// opened returns a sealed record in the clear, having checked that it is the record its leaf
// commits to and that its keyed terms are its values'; or nil, when the store has not its key
// (counted, and said in a warning) or it does not open (a problem).
func (v *verifier) opened(ctx context.Context, what string, rec *docket.Record) *docket.Record {
	db := v.tx.db
	if db.DataKey == nil || db.DataKey.ID() != sealOf(rec).Key {
		v.unopened++
		return nil
	}
	c, err := db.openRecord(ctx, nil, rec)
	if err != nil {
		v.add(what, "its sealed content: %v", err)
		return nil
	}
	if s := c.Statement; s != nil {
		if p := propertyByName[s.Property]; p != nil {
			terms, name := statementTerms(db.DataKey, p, s.Value)
			if sl := rec.Statement.Sealed; name != sl.Name || !slices.Equal(terms, sl.Terms) {
				v.add(what, "its keyed search terms are not those of its sealed value")
			}
		}
	}
	return c
}

// propertyByName finds a property by its name alone: a name has one type in every schema.
var propertyByName = func() map[string]*docket.Property {
	m := map[string]*docket.Property{}
	for _, sc := range docket.Schemas {
		for i := range sc.Properties {
			if p := &sc.Properties[i]; m[p.Name] == nil {
				m[p.Name] = p
			}
		}
	}
	return m
}()

func (v *verifier) compareTiles(ctx context.Context, final bool) error {
	ts, err := v.app.Tiles()
	if err != nil {
		return err
	}
	return v.tiles.compare(ctx, ts, final)
}

// unapplied notes a record the views cannot take.
func (v *verifier) unapplied(seq int64, r *docket.Record, err error) {
	if v.unappliedReported++; v.unappliedReported <= maxRowProblems {
		v.add(fmt.Sprintf("change %d", seq), "the views cannot be derived from it: %v", err)
	}
	if len(v.skipped) < maxUnapplied {
		if v.skipped == nil {
			v.skipped = map[string]int64{}
		}
		v.skipped[strconv.FormatInt(seq, 10)] = seq
		ref, _, _ := r.Ref()
		v.skipped[ref] = seq
	}
}

func (v *verifier) failed(err error) { v.deriveErr = err }

// ledger checks, once the whole log is read, the ledger's size and tiles and the checkpoints.
func (v *verifier) ledger(ctx context.Context) error {
	tx := v.tx
	if err := v.compareTiles(ctx, true); err != nil {
		return err
	}
	n := v.app.N
	if stored, err := tx.ledgerSize(ctx); err != nil {
		return err
	} else if stored != n {
		v.add("ledger", "it has %d leaves for %d changes", stored, n)
	}
	var stored int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+v.stored+`.ledger_tiles`).Scan(&stored); err != nil {
		return err
	}
	if want := len(tlog.NewTiles(ledger.TileHeight, 0, n)); stored != want {
		v.add("ledger", "%d tiles are stored; the tree recomputed from the change log has %d", stored, want)
	}
	for _, c := range v.pending {
		v.add(fmt.Sprintf("checkpoint %d", c.Size), "the change log has %d changes, fewer than this checkpoint signed: changes were removed", n)
	}
	v.checkNotes(n)
	return nil
}

// changeColumns checks the columns of a change's row against its record: history shows the
// row's author and time, and finds the changes of a record or an entity by its ref and
// entities. (A statement whose row holds its record has these from that row.)
func (v *verifier) changeColumns(what string, r *logRow, rec *docket.Record) {
	ref, entity, entity2 := rec.Ref()
	author, at := rec.Stamp()
	check := func(column, got, want string) {
		if got != want {
			v.add(what, "its %s column (%s) differs from its record's (%s)", column, show(got), show(want))
		}
	}
	check("author", r.author, author)
	check("time", r.at, formatTime(at))
	check("ref", r.ref, ref)
	switch rec.Kind {
	case docket.KindRetraction, docket.KindStatus, docket.KindUnmerge:
		// Their entities are those of the statement or merge they name: see entityColumns.
	default:
		check("entity", r.entity, entity)
		check("entity2", r.entity2, entity2)
	}
}

// content checks the stored content of a snapshot or a document (what) against the SHA-256s
// its record gives, each a pair of the hash and what it is of; sealed content (a sealed
// snapshot's) is stored under the keyed term of its SHA-256, and opened with the key.
func (v *verifier) content(ctx context.Context, what string, blobs [][2]string, sealed bool) error {
	for _, pair := range blobs {
		b := struct{ sha, what string }{pair[0], pair[1]}
		if b.sha == "" {
			continue
		}
		name := b.sha
		if sealed {
			name = v.tx.db.DataKey.Term(seal.Blob, b.sha)
		}
		var size int64
		var data []byte
		err := v.tx.queryRow(ctx, `SELECT size, data FROM `+v.stored+`.blobs WHERE sha256 = ?`, name).Scan(&size, &data)
		if errors.Is(err, sql.ErrNoRows) {
			v.add(what, "its %s (SHA-256 %s) is missing", b.what, b.sha)
			continue
		} else if err != nil {
			return err
		}
		if size != int64(len(data)) { // of what is stored: the box, when sealed
			v.add(what, "its stored %s is %d bytes, but its size column says %d", b.what, len(data), size)
		}
		if name != b.sha { // sealed: opened with the key
			if data, err = v.tx.db.openBlob(name, data); err != nil {
				v.add(what, "its stored %s does not open: %v", b.what, err)
				continue
			}
		}
		if got := docket.SHA256Hex(data); got != b.sha {
			v.add(what, "its stored %s has SHA-256 %s, but was recorded as %s: the content was altered", b.what, got, b.sha)
		}
	}
	return nil
}

// checkNotes checks what each stored checkpoint's signed text says against its columns, which
// the checks above compared with the recomputed tree, and warns of the changes that no
// checkpoint covers: deleting them, or rewriting them with their ledger, leaves no trace that
// this store can show. The signature is checked with the key, outside the store (docket verify).
func (v *verifier) checkNotes(n int64) {
	cps := v.checkpoints
	for _, c := range cps {
		what := fmt.Sprintf("checkpoint %d", c.Size)
		text, _, ok := strings.Cut(c.Note, "\n\n")
		_, tree, err := ledger.ParseCheckpoint([]byte(text + "\n"))
		if !ok || err != nil {
			v.add(what, "its signed note does not read as a checkpoint")
		} else if tree.N != c.Size {
			v.add(what, "its signed note is of a tree of size %d, its size column says %d", tree.N, c.Size)
		} else if tree.Hash != c.Root {
			v.add(what, "its signed note gives another root than its root column")
		}
	}
	switch {
	case n == 0:
	case len(cps) == 0:
		v.warn("ledger", "no checkpoint was signed: changes removed from the end of the log could not be noticed here; only a checkpoint published elsewhere shows them (docket checkpoint)")
	case cps[len(cps)-1].Size < n:
		v.warn("ledger", "the last %d changes are not covered by a signed checkpoint: had any been removed from the end of the log, nothing here would show it (docket checkpoint)", n-cps[len(cps)-1].Size)
	}
}

// views compares every view derived again from the log with the store's.
func (v *verifier) views(ctx context.Context) error {
	for _, vw := range views {
		if vw.table == "search" {
			q, err := v.tx.db.Dialect.SearchTerms(ctx, v.tx, v.stored)
			if err != nil {
				return fmt.Errorf("verify search: %w", err)
			}
			if q != "" {
				d, err := v.tx.db.Dialect.SearchTerms(ctx, v.tx, v.scratch)
				if err != nil {
					return fmt.Errorf("verify search: %w", err)
				}
				if err := v.compareTerms(ctx, q, d); err != nil {
					return fmt.Errorf("verify search: %w", err)
				}
				continue
			}
		}
		if err := v.compareView(ctx, vw); err != nil {
			return fmt.Errorf("verify %s: %w", vw.table, err)
		}
	}
	return v.entityColumns(ctx)
}

// compareView names every row of a view in which the store and the log differ. The database
// joins the two tables on their key and hands back only the rows that differ, so memory stays
// small whatever the table's size. Every column the store's table has is compared, so a
// column a migration adds is checked without a word here.
func (v *verifier) compareView(ctx context.Context, vw view) error {
	rows, err := v.tx.QueryContext(ctx, `SELECT * FROM `+v.stored+`.`+vw.table+` WHERE 1 = 0`)
	if err != nil {
		return err
	}
	cols, err := rows.Columns()
	rows.Close()
	if err != nil {
		return err
	}
	var sel, differ []string
	for _, c := range cols {
		sel = append(sel, `CAST(s.`+c+` AS TEXT), CAST(d.`+c+` AS TEXT)`)
		differ = append(differ, `s.`+c+` IS DISTINCT FROM d.`+c)
	}
	q := `SELECT COALESCE(CAST(s.` + vw.label + ` AS TEXT), CAST(d.` + vw.label + ` AS TEXT)), s.` + vw.key + ` IS NULL, d.` + vw.key + ` IS NULL, ` +
		strings.Join(sel, `, `) + ` FROM ` + v.stored + `.` + vw.table + ` s FULL JOIN ` + v.scratch + `.` + vw.table + ` d ON d.` + vw.key + ` = s.` + vw.key +
		` WHERE s.` + vw.key + ` IS NULL OR d.` + vw.key + ` IS NULL OR ` + strings.Join(differ, ` OR `) +
		` ORDER BY COALESCE(s.` + vw.key + `, d.` + vw.key + `)`
	rows, err = v.tx.QueryContext(ctx, q)
	if err != nil {
		return err
	}
	defer rows.Close()
	var label string
	var missing, unmade bool
	vals := make([]sql.NullString, 2*len(cols))
	dest := []any{&label, &missing, &unmade}
	for i := range vals {
		dest = append(dest, &vals[i])
	}
	n := 0
	for rows.Next() {
		if n++; n > maxRowProblems {
			continue // counted, not named
		}
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		what := vw.table + " row " + label
		switch {
		case missing:
			v.add(what, "it is missing: the log makes it")
		case unmade && v.skipped[label] > 0:
			v.add(what, "the log does not make it, as change %d could not be applied", v.skipped[label])
		case unmade:
			v.add(what, "the log does not make it")
		default:
			for i, c := range cols {
				s, d := vals[2*i], vals[2*i+1]
				if s == d {
					continue
				}
				if len(s.String) > 60 || len(d.String) > 60 {
					v.add(what, "its %s differs from the log's", c)
				} else {
					v.add(what, "its %s is %s, the log says %s", c, showNull(s), showNull(d))
				}
			}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if n > maxRowProblems {
		v.add(vw.table+" table", "%d more rows differ from the log's", n-maxRowProblems)
	}
	return nil
}

// A term is one occurrence of a word in a search index, as Dialect.SearchTerms reads it.
type term struct {
	word   string
	seq    int64
	column string
	offset int64
}

func (a term) compare(b term) int {
	switch {
	case a.word != b.word:
		return strings.Compare(a.word, b.word)
	case a.seq != b.seq:
		return cmp.Compare(a.seq, b.seq)
	case a.column != b.column:
		return strings.Compare(a.column, b.column)
	}
	return cmp.Compare(a.offset, b.offset)
}

// compareTerms compares the store's search index with the one derived again, occurrence by
// occurrence, reading the two in the same order side by side: for an index whose rows cannot
// be read back (see Dialect.SearchTerms).
func (v *verifier) compareTerms(ctx context.Context, storedQ, derivedQ string) error {
	open := func(q string) (*sql.Rows, func() (*term, error), error) {
		rows, err := v.tx.QueryContext(ctx, q)
		if err != nil {
			return nil, nil, err
		}
		return rows, func() (*term, error) {
			if !rows.Next() {
				return nil, rows.Err()
			}
			var t term
			err := rows.Scan(&t.word, &t.seq, &t.column, &t.offset)
			return &t, err
		}, nil
	}
	sRows, sNext, err := open(storedQ)
	if err != nil {
		return err
	}
	defer sRows.Close()
	dRows, dNext, err := open(derivedQ)
	if err != nil {
		return err
	}
	defer dRows.Close()
	named := map[int64]bool{} // the rows named, one line each, at most maxRowProblems
	more := 0
	differ := func(t *term, why string) {
		if named[t.seq] {
			return
		}
		if seq := v.skipped[strconv.FormatInt(t.seq, 10)]; seq > 0 {
			why += fmt.Sprintf(", as change %d could not be applied", seq)
		}
		if len(named) >= maxRowProblems {
			more++
			return
		}
		named[t.seq] = true
		v.add(fmt.Sprintf("search row %d", t.seq), why, t.word, t.column, t.offset)
	}
	s, err := sNext()
	if err != nil {
		return err
	}
	d, err := dNext()
	if err != nil {
		return err
	}
	for s != nil || d != nil {
		c := 0
		switch {
		case s == nil:
			c = 1
		case d == nil:
			c = -1
		default:
			c = s.compare(*d)
		}
		if c < 0 {
			differ(s, "the index holds %q (%s, word %d), which the log does not put there")
		} else if c > 0 {
			differ(d, "the index lacks %q (%s, word %d), which the log puts there")
		}
		if c <= 0 {
			if s, err = sNext(); err != nil {
				return err
			}
		}
		if c >= 0 {
			if d, err = dNext(); err != nil {
				return err
			}
		}
	}
	if more > 0 {
		v.add("search table", "%d more occurrences of words differ from the log's", more)
	}
	return nil
}

// entityColumns checks the entity columns of reviews, retractions and unmerges in the log,
// which name the entities of the statement or merge they are about, against the views derived
// again: an entity's history is found by them.
func (v *verifier) entityColumns(ctx context.Context) error {
	rows, err := v.tx.QueryContext(ctx, `SELECT c.seq, COALESCE(c.entity, ''), COALESCE(c.entity2, ''), COALESCE(s.entity_id, m.into_id, ''), COALESCE(m.from_id, '')
		FROM `+v.stored+`.changes c
		LEFT JOIN `+v.scratch+`.statements s ON c.kind IN (?, ?) AND s.id = c.ref
		LEFT JOIN `+v.scratch+`.merges m ON c.kind = ? AND m.id = c.ref
		WHERE c.kind IN (?, ?, ?) AND (COALESCE(c.entity, '') <> COALESCE(s.entity_id, m.into_id, '') OR COALESCE(c.entity2, '') <> COALESCE(m.from_id, ''))
		ORDER BY c.seq`,
		docket.KindRetraction, docket.KindStatus, docket.KindUnmerge, docket.KindRetraction, docket.KindStatus, docket.KindUnmerge)
	if err != nil {
		return fmt.Errorf("verify changes: %w", err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var seq int64
		var entity, entity2, want, want2 string
		if err := rows.Scan(&seq, &entity, &entity2, &want, &want2); err != nil {
			return err
		}
		if n++; n > maxRowProblems {
			continue
		}
		v.add(fmt.Sprintf("change %d", seq), "its entity columns (%s, %s) are not those of what it is about (%s, %s)", show(entity), show(entity2), show(want), show(want2))
	}
	if n > maxRowProblems {
		v.add("changes table", "%d more changes have entity columns that differ", n-maxRowProblems)
	}
	return rows.Err()
}

// show quotes a value for a report, "" as empty.
func show(s string) string {
	if s == "" {
		return "empty"
	}
	return fmt.Sprintf("%q", s)
}

func showNull(s sql.NullString) string {
	if !s.Valid {
		return "NULL"
	}
	return fmt.Sprintf("%q", s.String)
}
