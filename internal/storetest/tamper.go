package storetest

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/sqlstore"
)

// A RawOpener opens a fresh, empty store as an Opener does, with exec, which runs a statement
// of SQL on the store's database as someone who holds its files would: past the store, its
// checks and its log. sqlite says the backend is SQLite (its search index is FTS5, its rows
// addressed by rowid), else PostgreSQL.
type RawOpener func(tb testing.TB, now func() time.Time, rand io.Reader) (st docket.Store, exec func(query string) error, sqlite bool)

// tamperFixture is a registry that touches every table Verify derives again, with a signed
// checkpoint and changes after it.
type tamperFixture struct {
	st                 docket.Store
	x, y               *docket.Entity // persons never merged
	witness, event     *docket.Entity // a confidential witness of a public event
	witnessRef         string         // the public statement naming the witness
	lone, cited        *docket.Source // a source nothing refers to; one a snapshot is of
	snapshot           *docket.Snapshot
	checkpoint         *docket.Checkpoint
	after              int64 // the changes after the checkpoint
	nameSeq, reviewSeq int64 // a statement with a name key; a review's change
	refSeq             int64 // the statement naming the witness, which has no search row
}

func newTamperFixture(tb testing.TB, st docket.Store) *tamperFixture {
	f := &tamperFixture{st: st}
	Script(tb, st)
	src := MustSource(tb, st, "https://example.org/tamper")
	f.x = MustEntity(tb, st, "Person", src, "name", "Yerlan Kaliyev")
	f.y = MustEntity(tb, st, "Person", src, "name", "Galym Ospanov")
	f.witness = &docket.Entity{Schema: "Person", Sensitivity: docket.Confidential}
	if err := st.CreateEntity(ctx, admin, f.witness, []*docket.Statement{{Property: "name", Value: "Witness Hidden", Sensitivity: docket.Confidential}}); err != nil {
		tb.Fatal(err)
	}
	f.event = MustEntity(tb, st, "Event", src, "type", "detention", "date", "2019-02-11")
	w := &docket.Statement{Entity: f.event.ID, Property: "witness", Value: f.witness.ID, Source: src.ID, Sensitivity: docket.Public}
	if err := st.AddStatements(ctx, admin, []*docket.Statement{w}); err != nil {
		tb.Fatal(err)
	}
	f.witnessRef = w.ID
	if err := st.SetStatus(ctx, admin, w.ID, docket.Verified, "checked"); err != nil {
		tb.Fatal(err)
	}
	f.lone = MustSource(tb, st, "https://example.org/lone")
	f.cited = MustSource(tb, st, "https://example.org/cited")
	at := time.Date(2026, 11, 25, 13, 0, 0, 0, time.UTC)
	f.snapshot = &docket.Snapshot{Source: f.cited.ID, URL: f.cited.URL, FinalURL: f.cited.URL, Status: 200, ContentType: "text/html", FetchedAt: at,
		Custody: docket.Custody{RequestedBy: "admin", RequestedAt: at, Via: "test", Tool: "t"}}
	if err := st.AddSnapshot(ctx, admin, f.snapshot, []byte("<p>Judge removed</p>"), []byte("Judge removed\n")); err != nil {
		tb.Fatal(err)
	}
	cp, err := st.Checkpoint(ctx, TestKey(tb))
	if err != nil {
		tb.Fatal(err)
	}
	f.checkpoint = cp
	MustEntity(tb, st, "Person", src, "name", "Later Person", "occupation", "journalist")
	f.after = int64(changes(tb, st)) - cp.Size
	cs, err := st.FindChanges(ctx, admin, docket.ChangeFilter{})
	if err != nil {
		tb.Fatal(err)
	}
	for _, c := range cs {
		switch {
		case c.Kind == docket.KindStatement && c.Record.Statement.Property == "name" && c.Record.Statement.Entity == f.y.ID:
			f.nameSeq = c.Seq
		case c.Kind == docket.KindStatus && c.Ref == f.witnessRef:
			f.reviewSeq = c.Seq
		case c.Kind == docket.KindStatement && c.Ref == f.witnessRef:
			f.refSeq = c.Seq
		}
	}
	if f.nameSeq == 0 || f.reviewSeq == 0 || f.refSeq == 0 {
		tb.Fatal("the fixture lacks a name or a review")
	}
	return f
}

// Tamper alters a store's database behind its back, one way a case, and checks that Verify
// names each alteration: the tables derived from the log row by row, the columns of the log,
// the ledger and the checkpoints. What Verify cannot prove (changes no checkpoint covers, a
// store whose checkpoints were all deleted) it reports as a warning, not a mismatch.
func Tamper(t *testing.T, open RawOpener) {
	type tamper struct {
		name string
		// sql alters the store; sqlite, when set, is SQLite's form of it.
		sql, sqlite func(f *tamperFixture) []string
		// want are what Verify must report, as "what: why" (a prefix or a part of it).
		want func(f *tamperFixture) []string
		// warnOnly: Verify finds nothing wrong, only what it cannot prove.
		warnOnly bool
		// many adds a hundred and twenty persons first, for alterations of many rows.
		many bool
	}
	q := func(qs ...string) func(*tamperFixture) []string { return func(*tamperFixture) []string { return qs } }
	cases := []tamper{
		{
			name: "silent merge",
			sql: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`UPDATE entities SET merged_into = '%s', canonical = '%s' WHERE id = '%s'`, f.x.ID, f.x.ID, f.y.ID)}
			},
			want: func(f *tamperFixture) []string {
				return []string{
					fmt.Sprintf(`entities row %s: its merged_into is %q, the log says NULL`, f.y.ID, f.x.ID),
					fmt.Sprintf(`entities row %s: its canonical is %q, the log says %q`, f.y.ID, f.x.ID, f.y.ID),
				}
			},
		},
		{
			name: "a reference to a confidential witness nulled",
			sql: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`UPDATE statements SET ref = NULL WHERE id = '%s'`, f.witnessRef)}
			},
			want: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`statements row %s: its ref is NULL, the log says %q`, f.witnessRef, f.witness.ID)}
			},
		},
		{
			name: "a source's note",
			sql: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`UPDATE sources SET note = 'paid by the opposition' WHERE id = '%s'`, f.lone.ID)}
			},
			want: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`sources row %s: its note is "paid by the opposition", the log says NULL`, f.lone.ID)}
			},
		},
		{
			name: "a snapshot moved to another source",
			sql: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`UPDATE snapshots SET source_id = '%s' WHERE id = '%s'`, f.lone.ID, f.snapshot.ID)}
			},
			want: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`snapshots row %s: its source_id is %q, the log says %q`, f.snapshot.ID, f.lone.ID, f.cited.ID)}
			},
		},
		{
			name: "a snapshot's body",
			sql: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`UPDATE blobs SET data = CAST('forged' AS BYTEA) WHERE sha256 = '%s'`, f.snapshot.SHA256)}
			},
			sqlite: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`UPDATE blobs SET data = CAST('forged' AS BLOB) WHERE sha256 = '%s'`, f.snapshot.SHA256)}
			},
			want: func(f *tamperFixture) []string {
				return []string{"snapshot " + f.snapshot.ID + ": its stored body has SHA-256", "snapshot " + f.snapshot.ID + ": its stored body is 6 bytes"}
			},
		},
		{
			name: "a change's author",
			sql: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`UPDATE changes SET author = 'a-0000000000000000' WHERE kind = 'entity' AND ref = '%s'`, f.x.ID)}
			},
			want: func(f *tamperFixture) []string {
				return []string{`: its author column ("a-0000000000000000") differs from its record's`}
			},
		},
		{
			name: "a change's record id",
			sql: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`UPDATE changes SET ref = 'forged' WHERE kind = 'entity' AND ref = '%s'`, f.x.ID)}
			},
			want: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`: its ref column ("forged") differs from its record's (%q)`, f.x.ID)}
			},
		},
		{
			name: "a change's entity",
			sql: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`UPDATE changes SET entity = '%s' WHERE kind = 'entity' AND ref = '%s'`, f.y.ID, f.x.ID)}
			},
			want: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`: its entity column (%q) differs from its record's (%q)`, f.y.ID, f.x.ID)}
			},
		},
		{
			name: "a change's time",
			sql:  q(`UPDATE changes SET at = '2019-01-01T00:00:00.000000Z' WHERE seq = 1`),
			want: q(`change 1: its time column ("2019-01-01T00:00:00.000000Z") differs from its record's`),
		},
		{
			name: "a review's entity",
			sql: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`UPDATE changes SET entity = '%s' WHERE seq = %d`, f.x.ID, f.reviewSeq)}
			},
			want: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`change %d: its entity columns (%q, empty) are not those of what it is about (%q, empty)`, f.reviewSeq, f.x.ID, f.event.ID)}
			},
		},
		{
			name: "a merge's entity",
			sql:  q(`UPDATE changes SET entity2 = NULL WHERE seq = (SELECT MIN(seq) FROM changes WHERE kind = 'merge')`),
			want: q(`: its entity2 column (empty) differs from its record's`),
		},
		{
			name: "a merge's reason",
			sql:  q(`UPDATE merges SET reason = 'forged' WHERE seq = (SELECT MIN(seq) FROM merges)`),
			want: q(`: its reason is "forged", the log says "same man"`),
		},
		{
			name: "a name key",
			sql: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`UPDATE name_keys SET key = 'forged' WHERE seq = %d`, f.nameSeq)}
			},
			want: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`name_keys row %d: its key is "forged"`, f.nameSeq)}
			},
		},
		{
			name: "a search row removed",
			sql: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`DELETE FROM search WHERE seq = %d`, f.nameSeq)}
			},
			sqlite: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`DELETE FROM search WHERE rowid = %d`, f.nameSeq)}
			},
			want: func(f *tamperFixture) []string { return []string{fmt.Sprintf(`search row %d: `, f.nameSeq)} },
		},
		{
			name: "a search row added",
			sql: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`INSERT INTO search (seq, exact, keys) VALUES (%d, 'forged'::tsvector, 'forged'::tsvector)`, f.refSeq)}
			},
			sqlite: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`INSERT INTO search (rowid, exact, keys) VALUES (%d, 'forged', 'forged')`, f.refSeq)}
			},
			want: func(f *tamperFixture) []string { return []string{fmt.Sprintf(`search row %d: `, f.refSeq)} },
		},
		{
			name: "an entity added",
			sql:  q(`INSERT INTO entities (id, schema, sensitivity, author, created_at, seq, canonical) VALUES ('forged', 'Person', 0, 'a', '2026-11-25T12:00:00.000000Z', 1, 'forged')`),
			want: q(`entities row forged: the log does not make it`),
		},
		{
			name: "a source removed",
			sql: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`DELETE FROM sources WHERE id = '%s'`, f.lone.ID)}
			},
			want: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`sources row %s: it is missing: the log makes it`, f.lone.ID)}
			},
		},
		{
			name: "a checkpoint's size",
			sql: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`UPDATE checkpoints SET size = %d WHERE size = %d`, f.checkpoint.Size-1, f.checkpoint.Size)}
			},
			want: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`checkpoint %d: its signed note is of a tree of size %d`, f.checkpoint.Size-1, f.checkpoint.Size)}
			},
		},
		{
			name: "the changes after the last checkpoint deleted",
			sql: func(f *tamperFixture) []string {
				return deleteChanges(f.checkpoint.Size)
			},
			sqlite: func(f *tamperFixture) []string {
				return append([]string{fmt.Sprintf(`DELETE FROM search WHERE rowid > %d`, f.checkpoint.Size)}, deleteChanges(f.checkpoint.Size)[1:]...)
			},
			want: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`ledger: it has %d leaves for %d changes`, f.checkpoint.Size+f.after, f.checkpoint.Size)}
			},
		},
		{
			name: "changes a checkpoint signed deleted",
			sql: func(f *tamperFixture) []string {
				return deleteChanges(f.checkpoint.Size - 2)
			},
			sqlite: func(f *tamperFixture) []string {
				return append([]string{fmt.Sprintf(`DELETE FROM search WHERE rowid > %d`, f.checkpoint.Size-2)}, deleteChanges(f.checkpoint.Size - 2)[1:]...)
			},
			want: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`checkpoint %d: the change log has %d changes, fewer than this checkpoint signed`, f.checkpoint.Size, f.checkpoint.Size-2)}
			},
		},
		{
			name: "an entity's record",
			sql: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`UPDATE changes SET payload = replace(payload, '"schema":"Event"', '"schema":"Person"') WHERE kind = 'entity' AND ref = '%s'`, f.event.ID)}
			},
			want: func(f *tamperFixture) []string {
				return []string{
					": its ledger leaf (in ledger tile 0/0) does not match its record",
					`: the views cannot be derived from it: apply statement: Person has no property "type"`,
					`: the log does not make it, as change `,
					fmt.Sprintf(`entities row %s: its schema is "Event", the log says "Person"`, f.event.ID),
				}
			},
		},
		{
			// The database refuses the second entity of an id: the views cannot be derived,
			// and the ledger is checked all the same.
			name: "an entity's record twice",
			sql: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`INSERT INTO changes (seq, kind, ref, entity, author, at, payload)
					SELECT %d, kind, ref, entity, author, at, payload FROM changes WHERE kind = 'entity' AND ref = '%s'`, f.checkpoint.Size+f.after+1, f.x.ID)}
			},
			want: func(f *tamperFixture) []string {
				return []string{
					"views: deriving them again from the change log failed, so they were not compared with it",
					fmt.Sprintf("ledger: it has %d leaves for %d changes", f.checkpoint.Size+f.after, f.checkpoint.Size+f.after+1),
				}
			},
		},
		{
			name: "a long value",
			sql: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`UPDATE sources SET title = '%s' WHERE id = '%s'`, strings.Repeat("forged ", 12), f.lone.ID)}
			},
			want: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`sources row %s: its title differs from the log's`, f.lone.ID)}
			},
		},
		{
			name: "a change's kind",
			sql: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`UPDATE changes SET kind = 'source' WHERE kind = 'entity' AND ref = '%s'`, f.x.ID)}
			},
			want: q(`: its kind column says source, its record entity`),
		},
		{
			name: "a record not in canonical form",
			sql: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`UPDATE changes SET payload = payload || ' ' WHERE kind = 'entity' AND ref = '%s'`, f.x.ID)}
			},
			want: q(`: its record is not in canonical form`),
		},
		{
			name:   "a checkpoint's root",
			sql:    q(`UPDATE checkpoints SET root = decode(repeat('00', 32), 'hex')`),
			sqlite: q(`UPDATE checkpoints SET root = zeroblob(32)`),
			want: func(f *tamperFixture) []string {
				return []string{
					fmt.Sprintf(`checkpoint %d: its root differs from the tree recomputed from the change log`, f.checkpoint.Size),
					fmt.Sprintf(`checkpoint %d: its signed note gives another root than its root column`, f.checkpoint.Size),
				}
			},
		},
		{
			name: "a checkpoint's note",
			sql:  q(`UPDATE checkpoints SET note = 'forged'`),
			want: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`checkpoint %d: its signed note does not read as a checkpoint`, f.checkpoint.Size)}
			},
		},
		{
			name:   "a ledger tile added",
			sql:    q(`INSERT INTO ledger_tiles (level, idx, hashes) VALUES (0, 7, decode('00', 'hex'))`),
			sqlite: q(`INSERT INTO ledger_tiles (level, idx, hashes) VALUES (0, 7, x'00')`),
			want:   q(`ledger: 2 tiles are stored; the tree recomputed from the change log has 1`),
		},
		{
			name: "a snapshot's text removed",
			sql: func(f *tamperFixture) []string {
				return []string{`ALTER TABLE snapshots DROP CONSTRAINT snapshots_text_sha256_fkey`, fmt.Sprintf(`DELETE FROM blobs WHERE sha256 = '%s'`, f.snapshot.TextSHA256)}
			},
			sqlite: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`DELETE FROM blobs WHERE sha256 = '%s'`, f.snapshot.TextSHA256)}
			},
			want: func(f *tamperFixture) []string {
				return []string{fmt.Sprintf(`snapshot %s: its text (SHA-256 %s) is missing`, f.snapshot.ID, f.snapshot.TextSHA256)}
			},
		},
		{
			// A table rewritten is said in a line, not a line a row.
			name: "every entity's author",
			many: true,
			sql:  q(`UPDATE entities SET author = 'a-0000000000000000'`),
			want: q(`entities table: `, ` more rows differ from the log's`),
		},
		{
			name: "the search index emptied",
			many: true,
			sql:  q(`DELETE FROM search`),
			want: q(`search table: `),
		},
		{
			name: "every review's entity",
			many: true,
			sql:  q(`UPDATE changes SET entity = 'forged' WHERE kind = 'status'`),
			want: q(`changes table: `, ` more changes have entity columns that differ`),
		},
		{
			name:     "every checkpoint deleted",
			sql:      q(`DELETE FROM checkpoints`),
			want:     q(`ledger: no checkpoint was signed`),
			warnOnly: true,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			st, exec, sqlite := open(t, NewClock().Now, Rand(5))
			if tc.many {
				var lines strings.Builder
				lines.WriteString(`{"kind":"source","id":"many-src","url":"https://example.org/many","sensitivity":"public","author":"a-0123456789abcdef","created":"2026-11-25T11:00:00Z"}` + "\n")
				for i := range 120 {
					fmt.Fprintf(&lines, `{"kind":"entity","id":"many-%d","schema":"Person","sensitivity":"public","author":"a-0123456789abcdef","created":"2026-11-25T11:00:00Z"}`+"\n", i)
					fmt.Fprintf(&lines, `{"kind":"statement","id":"many-%d-name","entity":"many-%d","property":"name","value":"Many Person %d","source":"many-src","status":"reported","sensitivity":"public","author":"a-0123456789abcdef","created":"2026-11-25T11:00:00Z","salt":"%032x"}`+"\n", i, i, i, i)
					fmt.Fprintf(&lines, `{"kind":"status","statement":"many-%d-name","status":"disputed","author":"a-0123456789abcdef","at":"2026-11-25T11:00:00Z"}`+"\n", i)
				}
				if _, err := ImportString(st, admin, lines.String()); err != nil {
					t.Fatal(err)
				}
			}
			f := newTamperFixture(t, st)
			problems, err := st.Verify(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			// Untouched, the store verifies, with a warning of the changes after the checkpoint.
			uncovered := fmt.Sprintf("ledger: the last %d changes are not covered by a signed checkpoint", f.after)
			if len(problems) != 1 || !problems[0].Warning || !strings.HasPrefix(problems[0].What+": "+problems[0].Why, uncovered) {
				t.Fatalf("Verify of the untouched store = %v, want only the warning %q", problems, uncovered)
			}
			qs := tc.sql(f)
			if sqlite && tc.sqlite != nil {
				qs = tc.sqlite(f)
			}
			for _, q := range qs {
				if err := exec(q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			if tc.name == "a reference to a confidential witness nulled" {
				// What the alteration does: the public now reads the hidden witness's id.
				ev := mustFind(t, st, public, f.event.ID)
				if got := ev.Values("witness"); len(got) != 1 || got[0] != f.witness.ID {
					t.Fatalf("with the reference nulled, the public reads the event's witnesses as %v", got)
				}
			}
			problems, err = st.Verify(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			var found, warned []string
			for _, p := range problems {
				if p.Warning {
					warned = append(warned, p.What+": "+p.Why)
				} else {
					found = append(found, p.What+": "+p.Why)
				}
			}
			reported := found
			if tc.warnOnly {
				if len(found) > 0 {
					t.Errorf("Verify reports mismatches %q; want only warnings", found)
				}
				reported = warned
			}
			for _, want := range tc.want(f) {
				ok := false
				for _, p := range reported {
					ok = ok || strings.Contains(p, want)
				}
				if !ok {
					t.Errorf("Verify does not report %q; it reports:\n%s\nwarnings:\n%s", want, strings.Join(found, "\n"), strings.Join(warned, "\n"))
				}
			}
		})
	}
}

// deleteChanges deletes the changes after seq as someone holding the database would, with the
// rows they made, children first (PostgreSQL's search rows are keyed by statement).
func deleteChanges(seq int64) []string {
	var qs []string
	for _, q := range []string{
		`DELETE FROM search WHERE seq > %d`, `DELETE FROM name_keys WHERE seq > %d`, `DELETE FROM snapshots WHERE seq > %d`,
		`DELETE FROM statements WHERE seq > %d`, `DELETE FROM merges WHERE seq > %d`, `DELETE FROM sources WHERE seq > %d`,
		`UPDATE entities SET merged_into = NULL WHERE merged_into IN (SELECT id FROM entities WHERE seq > %d)`,
		`DELETE FROM entities WHERE seq > %d`, `DELETE FROM changes WHERE seq > %d`,
	} {
		qs = append(qs, fmt.Sprintf(q, seq))
	}
	return qs
}

// ScratchReadOnly holds Verify's scratch space to its promise: its tables hide the store's, and
// its transaction cannot write the store, whatever a name finds. begin opens the transaction
// Verify works in; refused is a word of the backend's refusal of a write.
func ScratchReadOnly(t *testing.T, st docket.Store, begin func(context.Context) (*sqlstore.Tx, error), d sqlstore.Dialect, refused string) {
	ctx := context.Background()
	Script(t, st)
	tx, err := begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	stored, _, err := d.ScratchViews(ctx, tx, []sqlstore.ScratchView{{Table: "entities", Index: "canonical"}})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM entities`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("entities, named without a schema, has %d rows (%v): want the empty scratch table", n, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO entities (id, schema, sensitivity, author, created_at, seq, canonical) VALUES ('x', 'Person', 0, 'a', 't', 1, 'x')`); err != nil {
		t.Fatalf("a write to the scratch table: %v", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE `+stored+`.entities SET canonical = id`); err == nil || !strings.Contains(err.Error(), refused) {
		t.Fatalf("a write to the store in Verify's transaction: %v, want it refused", err)
	}
}
