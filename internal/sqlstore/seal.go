package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/translit"
	"github.com/docketorg/docket/ledger"
	"github.com/docketorg/docket/seal"
)

// Confidential data is sealed where records enter the store (Tx.add, which every write and
// every import passes, whatever path writes their rows): a confidential statement, any
// statement of a confidential entity, a confidential source and the snapshots of one are
// stored sealed under the store's data key (docket.Sealed), and opened where rows are read
// back, when the store has the key. Without it they read as locked. Nothing of their content
// is written to a table in the clear: not to the change log, the views, the search index or
// the name keys, which hold keyed terms instead.
//
// The views are derived from the sealed records without the key (Rebuild, Verify): a sealed
// record carries everything its rows need, its terms included.

// Labels of the additional data of boxes: a box opens only for the record it was made for.
const (
	adStatement = "docket statement v1"
	adSource    = "docket source v1"
	adSnapshot  = "docket snapshot v1"
	adDocument  = "docket document v1"
	adBlob      = "docket blob v1"
	adJob       = "docket job v1"
)

// encodeSealed writes a seal as the sealed column holds it: its fields one space apart, the
// box in base64 and "-" for no name. Rows are read on every page, and splitting this is far
// cheaper than decoding JSON.
func encodeSealed(s *docket.Sealed) any {
	if s == nil {
		return nil
	}
	name := s.Name
	if name == "" {
		name = "-"
	}
	parts := append([]string{s.Key, s.SHA256, name, base64.StdEncoding.EncodeToString(s.Box)}, s.Terms...)
	return strings.Join(parts, " ")
}

// decodeSealed reads a sealed column; "" is no seal.
func decodeSealed(col string) (*docket.Sealed, error) {
	if col == "" {
		return nil, nil
	}
	f := strings.Fields(col)
	if len(f) < 4 {
		return nil, errors.New("malformed sealed column")
	}
	box, err := base64.StdEncoding.DecodeString(f[3])
	if err != nil {
		return nil, fmt.Errorf("malformed sealed column: %w", err)
	}
	s := &docket.Sealed{Key: f[0], SHA256: f[1], Box: box}
	if f[2] != "-" {
		s.Name = f[2]
	}
	if len(f) > 4 {
		s.Terms = f[4:]
	}
	return s, nil
}

// decodeBox reads what opening a sealed column takes (its key, hash, name and box) and not
// its blind terms, which a read that opens the box at once never uses: pages read many sealed
// rows. Anything but the form encodeSealed writes is left to decodeSealed.
func decodeBox(col string) (*docket.Sealed, error) {
	key, rest, ok1 := strings.Cut(col, " ")
	sum, rest, ok2 := strings.Cut(rest, " ")
	name, rest, ok3 := strings.Cut(rest, " ")
	box, _, _ := strings.Cut(rest, " ")
	if !ok1 || !ok2 || !ok3 || key == "" || sum == "" || name == "" || box == "" {
		return decodeSealed(col)
	}
	b, err := base64.StdEncoding.DecodeString(box)
	if err != nil {
		return nil, fmt.Errorf("malformed sealed column: %w", err)
	}
	s := &docket.Sealed{Key: key, SHA256: sum, Box: b}
	if name != "-" {
		s.Name = name
	}
	return s, nil
}

// Which records are sealed.
func sealsStatement(s *docket.Statement, entity docket.Sensitivity) bool {
	return s.Sensitivity == docket.Confidential || entity == docket.Confidential
}

func sealsSource(s *docket.Source) bool { return s.Sensitivity == docket.Confidential }

// leafOf returns the ledger leaf of a change: over its record, or, for a sealed record, over
// the SHA-256 of the record in the clear that it carries.
func leafOf(seq int64, kind string, r *docket.Record, payload []byte) ledger.Leaf {
	if sl := sealOf(r); sl != nil {
		if d, err := hex.DecodeString(sl.SHA256); err == nil && len(d) == sha256.Size {
			l := ledger.Leaf{Seq: seq, Kind: kind}
			copy(l.Digest[:], d)
			return l
		}
	}
	return ledger.NewLeaf(seq, kind, payload)
}

// sealOf returns the seal of a record, or nil.
func sealOf(r *docket.Record) *docket.Sealed {
	switch {
	case r == nil:
	case r.Statement != nil:
		return r.Statement.Sealed
	case r.Source != nil:
		return r.Source.Sealed
	case r.Snapshot != nil:
		return r.Snapshot.Sealed
	case r.Document != nil:
		return r.Document.Sealed
	}
	return nil
}

// keyID returns the id of the data key the store's confidential data is sealed under, "" when
// it has none yet. The transaction remembers it.
func (tx *Tx) keyID(ctx context.Context) (string, error) {
	if tx.dataKeyID != "" {
		return tx.dataKeyID, nil
	}
	err := tx.QueryRowContext(ctx, `SELECT id FROM data_key`).Scan(&tx.dataKeyID)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return tx.dataKeyID, err
}

// useKey makes id the store's data key, or checks that it is: the first confidential write
// records it, and a store then takes confidential data under that key only.
func (tx *Tx) useKey(ctx context.Context, id string) error {
	have, err := tx.keyID(ctx)
	if err != nil {
		return fmt.Errorf("data key: %w", err)
	}
	switch {
	case have == id:
		return nil
	case have != "":
		return docket.Errorf(docket.EINVALID, "sealed under the data key %s, but this store's confidential data is sealed under %s: a key of another store", id, have)
	}
	if _, err := tx.exec(ctx, `INSERT INTO data_key (one, id, at) VALUES (1, ?, ?)`, id, formatTime(tx.now)); err != nil {
		return fmt.Errorf("record the data key: %w", err)
	}
	tx.dataKeyID = id
	return nil
}

// sealingKey returns the key to seal a record with, recording it as the store's on the first
// confidential write; or why the store takes no confidential data as it was opened.
func (tx *Tx) sealingKey(ctx context.Context) (*seal.Key, error) {
	k := tx.db.DataKey
	if k == nil {
		have, err := tx.keyID(ctx)
		if err != nil {
			return nil, err
		} else if have != "" {
			return nil, docket.Errorf(docket.EINVALID, "this store's confidential data is sealed under the data key %s, which was not given: give it with --data-key FILE or $DOCKET_DATA_KEY", have)
		}
		return nil, docket.ErrNoDataKey()
	}
	if err := tx.useKey(ctx, k.ID()); err != nil {
		if docket.ErrorCode(err) == docket.EINVALID {
			return nil, docket.Errorf(docket.EINVALID, "the data key given is %s, but this store's confidential data is sealed under %s: a key of another store", k.ID(), tx.dataKeyID)
		}
		return nil, err
	}
	return k, nil
}

// openIncoming opens a sealed record an import brings, for Check to check it in the clear:
// it returns the record in the clear, or nil when the store has no key (then only its form is
// checked, and the store keeps it as it came). A record sealed under another key than the
// store's is refused: nothing could ever open it here.
func (tx *Tx) openIncoming(ctx context.Context, r *docket.Record) (*docket.Record, error) {
	sl := sealOf(r)
	if err := tx.useKey(ctx, sl.Key); err != nil {
		return nil, err
	}
	if tx.db.DataKey == nil {
		return nil, nil
	}
	c, err := tx.db.openRecord(ctx, tx, r)
	if err != nil {
		return nil, docket.Errorf(docket.EINVALID, "%s %s: %s", r.Kind, sealedRef(r), docket.ErrorMessage(err))
	}
	return c, nil
}

func sealedRef(r *docket.Record) string {
	ref, _, _ := r.Ref()
	return ref
}

// sealFor returns the record the store keeps for r, which Check has passed: r, or its sealed
// form. given is the sealed record an import brought (r is then its clear form, when the store
// has the key): the store keeps that one as it came, so that an export without the key
// imports into a store under the same key and exports again byte for byte.
func (tx *Tx) sealFor(ctx context.Context, r, given *docket.Record) (*docket.Record, error) {
	if given != nil {
		if r != given { // opened: check that it was sealed as this store seals
			if ok, err := tx.mustSeal(ctx, r); err != nil {
				return nil, err
			} else if ok {
				if err := tx.sameTerms(ctx, r, sealOf(given)); err != nil {
					return nil, err
				}
			}
		}
		return given, nil
	}
	ok, err := tx.mustSeal(ctx, r)
	if err != nil || !ok {
		return r, err
	}
	k, err := tx.sealingKey(ctx)
	if err != nil {
		return nil, err
	}
	return tx.seal(ctx, k, r)
}

// seal returns the sealed form of a record in the clear, under k.
func (tx *Tx) seal(ctx context.Context, k *seal.Key, r *docket.Record) (*docket.Record, error) {
	clear, err := r.MarshalJSON()
	if err != nil {
		return nil, fmt.Errorf("encode %s record: %w", r.Kind, err)
	}
	sum := sha256.Sum256(clear)
	sl := &docket.Sealed{Key: k.ID(), SHA256: hex.EncodeToString(sum[:])}
	switch r.Kind {
	case docket.KindStatement:
		s, c := r.Statement, *r.Statement
		p, err := tx.property(ctx, s)
		if err != nil {
			return nil, err
		}
		sl.Terms, sl.Name = statementTerms(k, p, s.Value)
		if p.Type != docket.TypeRef {
			c.Value = ""
		}
		c.Locator, c.Quote, c.Salt, c.Sealed = "", "", "", sl
		sl.Box = k.Seal(nil, seal.Pack(s.Value, s.Locator, s.Quote, s.Salt), statementAD(&c))
		return &docket.Record{Kind: r.Kind, Statement: &c}, nil
	case docket.KindSource:
		s := r.Source
		c := docket.Source{ID: s.ID, Type: s.Type, Published: s.Published, Lang: s.Lang, CitedIn: s.CitedIn, Reliability: s.Reliability,
			Sensitivity: s.Sensitivity, Author: s.Author, CreatedAt: s.CreatedAt, Sealed: sl}
		if s.URL != "" {
			sl.Name = k.Term(seal.URL, s.URL)
		}
		sl.Box = k.Seal(nil, seal.Pack(s.URL, s.Title, s.Publisher, s.Note, s.Salt), sourceAD(&c))
		return &docket.Record{Kind: r.Kind, Source: &c}, nil
	case docket.KindSnapshot:
		s := r.Snapshot
		c := docket.Snapshot{ID: s.ID, Source: s.Source, FetchedAt: s.FetchedAt, Author: s.Author, CreatedAt: s.CreatedAt, Sealed: sl,
			SHA256: k.Term(seal.Blob, s.SHA256)}
		if s.TextSHA256 != "" {
			c.TextSHA256 = k.Term(seal.Blob, s.TextSHA256)
		}
		// The whole record in the clear: snapshots are few, and opening one reads it as recorded.
		sl.Box = k.Seal(nil, clear, snapshotAD(&c))
		return &docket.Record{Kind: r.Kind, Snapshot: &c}, nil
	case docket.KindDocument:
		// As a snapshot: its name, what was read of it and the hashes of its content are the
		// document's to tell, and only its id, source, author and time stay in the clear.
		d := r.Document
		c := docket.Document{ID: d.ID, Source: d.Source, Author: d.Author, CreatedAt: d.CreatedAt, Sealed: sl,
			SHA256: k.Term(seal.Blob, d.SHA256), TextSHA256: k.Term(seal.Blob, d.TextSHA256)}
		if d.PublicSHA256 != "" {
			c.PublicSHA256 = k.Term(seal.Blob, d.PublicSHA256)
		}
		sl.Box = k.Seal(nil, clear, documentAD(&c))
		return &docket.Record{Kind: r.Kind, Document: &c}, nil
	}
	return r, nil
}

// mustSeal reports whether the store seals a record in the clear: confidential statements and
// the statements of confidential entities, confidential sources and their snapshots.
func (tx *Tx) mustSeal(ctx context.Context, r *docket.Record) (bool, error) {
	switch r.Kind {
	case docket.KindStatement:
		e, err := tx.entity(ctx, r.Statement.Entity)
		if err != nil || e == nil {
			return false, err
		}
		return sealsStatement(r.Statement, e.sensitivity), nil
	case docket.KindSource:
		return sealsSource(r.Source), nil
	case docket.KindSnapshot:
		return tx.sourceSealed(ctx, r.Snapshot.Source)
	case docket.KindDocument:
		return tx.sourceSealed(ctx, r.Document.Source)
	}
	return false, nil
}

// sourceSealed reports whether a source's record is sealed: its snapshots, its documents and
// their content are then sealed too.
func (tx *Tx) sourceSealed(ctx context.Context, id string) (bool, error) {
	if err := tx.flush(ctx); err != nil { // the source may be pending
		return false, err
	}
	var sens int
	err := tx.queryRow(ctx, `SELECT sensitivity FROM sources WHERE id = ?`, id).Scan(&sens)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return docket.Sensitivity(sens) == docket.Confidential, err
}

// property returns the property of a statement, from its entity's schema.
func (tx *Tx) property(ctx context.Context, s *docket.Statement) (*docket.Property, error) {
	e, err := tx.entity(ctx, s.Entity)
	if err != nil {
		return nil, err
	} else if e == nil {
		return nil, fmt.Errorf("seal statement %s: no entity %s", s.ID, s.Entity)
	}
	sc, err := docket.SchemaByName(e.Schema)
	if err != nil {
		return nil, err
	}
	p := sc.Property(s.Property)
	if p == nil {
		return nil, fmt.Errorf("seal statement %s: %s has no property %q", s.ID, e.Schema, s.Property)
	}
	return p, nil
}

// statementTerms returns the keyed terms of a value: of each word's romanisation key, which
// the search index holds in place of the words, and of a name's key, which the name keys hold.
// Words are given once each, in order of their terms: their order and number in the value are
// not the index's to tell.
func statementTerms(k *seal.Key, p *docket.Property, value string) (terms []string, name string) {
	if _, keys, ok := searchText(p, value); ok {
		for _, w := range strings.Fields(keys) {
			terms = append(terms, k.Term(seal.Word, w))
		}
		slices.Sort(terms)
		terms = slices.Compact(terms)
	}
	if p.Type == docket.TypeName {
		if key := translit.Key(value); key != "" {
			name = k.Term(seal.Name, key)
		}
	}
	return terms, name
}

// sameTerms checks that a sealed statement an import brings has the terms this store's key
// gives its value in the clear, r: the search index is derived from them.
func (tx *Tx) sameTerms(ctx context.Context, r *docket.Record, sl *docket.Sealed) error {
	s := r.Statement
	if s == nil {
		return nil
	}
	p, err := tx.property(ctx, s)
	if err != nil {
		return err
	}
	terms, name := statementTerms(tx.db.DataKey, p, s.Value)
	if name != sl.Name || !slices.Equal(terms, sl.Terms) {
		return docket.Errorf(docket.EINVALID, "statement %s: its keyed search terms are not those of its sealed value", s.ID)
	}
	return nil
}

// The additional data of each kind's box: what decides who may see the record, so that a
// record made public by altering the database does not open (and so reads as locked).
func statementAD(s *docket.Statement) []byte {
	return seal.AD(adStatement, s.ID, s.Entity, s.Property, s.Sensitivity.String(), s.Sealed.Key, s.Sealed.SHA256)
}

func sourceAD(s *docket.Source) []byte {
	return seal.AD(adSource, s.ID, s.Sensitivity.String(), s.Sealed.Key, s.Sealed.SHA256)
}

func snapshotAD(s *docket.Snapshot) []byte {
	return seal.AD(adSnapshot, s.ID, s.Source, s.Sealed.Key, s.Sealed.SHA256)
}

func documentAD(d *docket.Document) []byte {
	return seal.AD(adDocument, d.ID, d.Source, d.Sealed.Key, d.Sealed.SHA256)
}

// openStatement opens a sealed statement in place, as it is read for a viewer: with the key,
// its value, locator, quote and salt; without it, or if it does not open, it is locked.
func (db *Store) openStatement(s *docket.Statement) {
	if s.Sealed == nil {
		return
	}
	if f, ok := db.openBox(db.DataKey, s.Sealed, statementAD(s), 4, "statement "+s.ID); ok {
		s.Value, s.Locator, s.Quote, s.Salt, s.Sealed = f[0], f[1], f[2], f[3], nil
		return
	}
	s.Locked, s.Sealed = true, nil
}

// openSource opens a sealed source in place, as openStatement a statement.
func (db *Store) openSource(s *docket.Source) {
	if s.Sealed == nil {
		return
	}
	if f, ok := db.openBox(db.DataKey, s.Sealed, sourceAD(s), 5, "source "+s.ID); ok {
		s.URL, s.Title, s.Publisher, s.Note, s.Salt, s.Sealed = f[0], f[1], f[2], f[3], f[4], nil
		return
	}
	s.Locked, s.Sealed = true, nil
}

// openBox opens a seal of n packed fields with the store's key; false when it has none, or
// the box does not open, which is logged: only an altered store, or a bug, makes that.
func (db *Store) openBox(k *seal.Key, sl *docket.Sealed, ad []byte, n int, what string) ([]string, bool) {
	if k == nil || k.ID() != sl.Key {
		return nil, false
	}
	p, err := k.Open(nil, sl.Box, ad)
	if err == nil {
		var f []string
		if f, err = seal.Unpack(p, n); err == nil {
			return f, true
		}
	}
	db.Logger.Warn("sealed content does not open with the store's key: altered?", "record", what, "err", err)
	return nil, false
}

// openSnapshot returns a sealed snapshot in the clear, or a copy marked locked.
func (db *Store) openSnapshot(s *docket.Snapshot) *docket.Snapshot {
	if s.Sealed == nil {
		return s
	}
	if c, err := db.openSnapshotStrict(db.DataKey, s); err == nil {
		return c
	} else if db.DataKey != nil {
		db.Logger.Warn("sealed content does not open with the store's key: altered?", "record", "snapshot "+s.ID, "err", err)
	}
	c := *s
	c.Locked, c.Sealed = true, nil
	return &c
}

func (db *Store) openSnapshotStrict(k *seal.Key, s *docket.Snapshot) (*docket.Snapshot, error) {
	if k == nil || k.ID() != s.Sealed.Key {
		return nil, errLockedKey(s.Sealed.Key)
	}
	p, err := k.Open(nil, s.Sealed.Box, snapshotAD(s))
	if err != nil {
		return nil, err
	}
	var r docket.Record
	if err := json.Unmarshal(p, &r); err != nil || r.Snapshot == nil {
		return nil, fmt.Errorf("its sealed record does not read as a snapshot: %v", err)
	}
	c := r.Snapshot
	if c.ID != s.ID || c.Source != s.Source || !c.FetchedAt.Equal(s.FetchedAt) || c.Author != s.Author || !c.CreatedAt.Equal(s.CreatedAt) ||
		k.Term(seal.Blob, c.SHA256) != s.SHA256 || (c.TextSHA256 != "" && k.Term(seal.Blob, c.TextSHA256) != s.TextSHA256) {
		return nil, errors.New("its sealed record is not its record in the clear")
	}
	return c, nil
}

// openDocument returns a sealed document in the clear, or a copy marked locked.
func (db *Store) openDocument(d *docket.Document) *docket.Document {
	if d.Sealed == nil {
		return d
	}
	if c, err := db.openDocumentStrict(db.DataKey, d); err == nil {
		return c
	} else if db.DataKey != nil {
		db.Logger.Warn("sealed content does not open with the store's key: altered?", "record", "document "+d.ID, "err", err)
	}
	c := *d
	c.Locked, c.Sealed = true, nil
	return &c
}

func (db *Store) openDocumentStrict(k *seal.Key, d *docket.Document) (*docket.Document, error) {
	if k == nil || k.ID() != d.Sealed.Key {
		return nil, errLockedKey(d.Sealed.Key)
	}
	p, err := k.Open(nil, d.Sealed.Box, documentAD(d))
	if err != nil {
		return nil, err
	}
	var r docket.Record
	if err := json.Unmarshal(p, &r); err != nil || r.Document == nil {
		return nil, fmt.Errorf("its sealed record does not read as a document: %v", err)
	}
	c := r.Document
	if c.ID != d.ID || c.Source != d.Source || c.Author != d.Author || !c.CreatedAt.Equal(d.CreatedAt) ||
		k.Term(seal.Blob, c.SHA256) != d.SHA256 || k.Term(seal.Blob, c.TextSHA256) != d.TextSHA256 ||
		(c.PublicSHA256 != "" && k.Term(seal.Blob, c.PublicSHA256) != d.PublicSHA256) {
		return nil, errors.New("its sealed record is not its record in the clear")
	}
	c.Seq = d.Seq
	return c, nil
}

func errLockedKey(id string) error {
	return docket.Errorf(docket.EINVALID, "it is sealed under the data key %s, which was not given", id)
}

// openRecord returns a sealed record in the clear, checked against the SHA-256 its ledger leaf
// commits to: for the full export with the key, for an import of a sealed record, and for
// Verify. tx, if not nil, finds what the record refers to (a statement's entity).
func (db *Store) openRecord(ctx context.Context, tx *Tx, r *docket.Record) (*docket.Record, error) {
	return db.openRecordWith(db.DataKey, r)
}

// openRecordWith is openRecord with the key k.
func (db *Store) openRecordWith(k *seal.Key, r *docket.Record) (*docket.Record, error) {
	sl := sealOf(r)
	if sl == nil {
		return r, nil
	}
	if k == nil || k.ID() != sl.Key {
		return nil, errLockedKey(sl.Key)
	}
	var c *docket.Record
	switch r.Kind {
	case docket.KindStatement:
		s := *r.Statement
		f, ok := db.openBox(k, sl, statementAD(&s), 4, "statement "+s.ID)
		if !ok {
			return nil, seal.ErrOpen
		}
		s.Value, s.Locator, s.Quote, s.Salt, s.Sealed = f[0], f[1], f[2], f[3], nil
		c = &docket.Record{Kind: r.Kind, Statement: &s}
	case docket.KindSource:
		s := *r.Source
		f, ok := db.openBox(k, sl, sourceAD(&s), 5, "source "+s.ID)
		if !ok {
			return nil, seal.ErrOpen
		}
		s.URL, s.Title, s.Publisher, s.Note, s.Salt, s.Sealed = f[0], f[1], f[2], f[3], f[4], nil
		c = &docket.Record{Kind: r.Kind, Source: &s}
	case docket.KindSnapshot:
		s, err := db.openSnapshotStrict(k, r.Snapshot)
		if err != nil {
			return nil, err
		}
		c = &docket.Record{Kind: r.Kind, Snapshot: s}
	case docket.KindDocument:
		d, err := db.openDocumentStrict(k, r.Document)
		if err != nil {
			return nil, err
		}
		c = &docket.Record{Kind: r.Kind, Document: d}
	}
	b, err := c.MarshalJSON()
	if err != nil {
		return nil, err
	}
	if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != sl.SHA256 {
		return nil, errors.New("its sealed content is not the record its ledger leaf commits to")
	}
	return c, nil
}

// lockRecord marks a sealed record that cannot be opened as locked, for a reader of history.
func lockRecord(r *docket.Record) {
	switch {
	case r.Statement != nil && r.Statement.Sealed != nil:
		r.Statement.Locked, r.Statement.Sealed = true, nil
	case r.Source != nil && r.Source.Sealed != nil:
		r.Source.Locked, r.Source.Sealed = true, nil
	case r.Snapshot != nil && r.Snapshot.Sealed != nil:
		r.Snapshot.Locked, r.Snapshot.Sealed = true, nil
	case r.Document != nil && r.Document.Sealed != nil:
		r.Document.Locked, r.Document.Sealed = true, nil
	}
}

// sealBlob returns the name and the box of content sealed for a snapshot or a document of a
// confidential source: the keyed term of its SHA-256, which says nothing of it without the key.
func sealBlob(k *seal.Key, data []byte) (name string, box []byte) {
	name = k.Term(seal.Blob, docket.SHA256Hex(data))
	return name, k.Seal(nil, data, seal.AD(adBlob, name))
}

// openBlob opens sealed content stored under name.
func (db *Store) openBlob(name string, box []byte) ([]byte, error) {
	return openBlobWith(db.DataKey, name, box)
}

func openBlobWith(k *seal.Key, name string, box []byte) ([]byte, error) {
	if k == nil {
		return nil, docket.ErrLocked("content " + name)
	}
	data, err := k.Open(nil, box, seal.AD(adBlob, name))
	if err != nil {
		return nil, err
	}
	if k.Term(seal.Blob, docket.SHA256Hex(data)) != name {
		return nil, errors.New("sealed content is not the content its name was made from")
	}
	return data, nil
}

// openOrLock returns a record of the log as a reader of history sees it: in the clear with the
// key, else locked.
func (db *Store) openOrLock(ctx context.Context, r *docket.Record) *docket.Record {
	if sealOf(r) == nil {
		return r
	}
	if c, err := db.openRecord(ctx, nil, r); err == nil {
		return c
	}
	lockRecord(r)
	return r
}

// exportBlob returns the content a snapshot or document of the full export names, as it is
// exported: in the clear when the record is (opened with the key), else sealed, as stored.
func (db *Store) exportBlob(ctx context.Context, tx *Tx, sealed bool, sha string) (*docket.Blob, error) {
	if sealed {
		data, err := tx.blob(ctx, sha)
		return &docket.Blob{SHA256: sha, Data: data, Sealed: true}, err
	}
	data, err := tx.blob(ctx, sha)
	if docket.ErrorCode(err) == docket.ENOTFOUND && db.DataKey != nil {
		// A record opened for the export: its content is stored sealed.
		name := db.DataKey.Term(seal.Blob, sha)
		if data, err = tx.blob(ctx, name); err == nil {
			data, err = db.openBlob(name, data)
		}
	}
	return &docket.Blob{SHA256: sha, Data: data}, err
}

// valueColumns are the columns that a reader of a statement's value alone (s.property,
// s.sensitivity and s.value it reads anyway) needs to open a sealed one: see sealedValue.
const valueColumns = `s.id, s.entity_id, COALESCE(s.sealed, '')`

// sealedValue is what valueColumns read.
type sealedValue struct{ id, entity, sealed string }

func (v *sealedValue) dest() []any { return []any{&v.id, &v.entity, &v.sealed} }

// openValue returns a statement's value as a reader of values alone sees it: opened with the
// key, or "" and locked.
func (db *Store) openValue(property string, sens int, value string, v *sealedValue) (string, bool) {
	if v.sealed == "" {
		return value, false
	}
	sl, err := decodeSealed(v.sealed)
	if err != nil {
		return "", true
	}
	s := docket.Statement{ID: v.id, Entity: v.entity, Property: property, Sensitivity: docket.Sensitivity(sens), Value: value, Sealed: sl}
	db.openStatement(&s)
	return s.Value, s.Locked
}

// SetDataKey gives the store its data key, having checked that it is the key the store's
// confidential data is sealed under (a store with none yet takes any).
func (db *Store) SetDataKey(ctx context.Context, k *seal.Key) error {
	var id string
	err := db.R.QueryRowContext(ctx, `SELECT id FROM data_key`).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return fmt.Errorf("read the store's data key id: %w", err)
	case id != k.ID():
		return docket.Errorf(docket.EINVALID, "the data key given is %s, but this store's confidential data is sealed under %s: a key of another store", k.ID(), id)
	}
	db.DataKey = k
	return nil
}
