package sqlstore

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/ledger"
	"golang.org/x/mod/sumdb/tlog"
)

// tileReader reads the ledger's stored tiles inside a transaction.
type tileReader struct {
	ctx context.Context
	tx  *Tx
}

func (r tileReader) ReadTile(l int, n int64) ([]byte, error) {
	ctx := r.ctx
	if ctx == nil {
		ctx = r.tx.ledgerCtx // the appender's: see appendLeaf
	}
	var b []byte
	err := r.tx.queryRow(ctx, `SELECT hashes FROM ledger_tiles WHERE level = ? AND idx = ?`, l, n).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return b, err
}

// appendLeaf makes a committed change a leaf of the ledger, in the change's transaction, by
// its leaf's hash. A change's leaf index is its sequence number less one; the tiles holding
// the new hashes are written by writeTiles before the transaction commits.
func (tx *Tx) appendLeaf(ctx context.Context, seq int64, leaf tlog.Hash) error {
	// The appender reads tiles with the context of the call that appends, not of the one that
	// made it: during an import, either goroutine may append (see Tx.wait).
	tx.ledgerCtx = ctx
	if tx.appender == nil {
		n, err := tx.ledgerSize(ctx)
		if err != nil {
			return err
		}
		tx.appender = ledger.NewAppender(n, tileReader{tx: tx})
	}
	if tx.appender.N != seq-1 {
		return fmt.Errorf("ledger: it has %d leaves, but change %d is next: the ledger is out of step with the change log (run docket verify)", tx.appender.N, seq)
	}
	if _, err := tx.appender.AppendHash(leaf); err != nil {
		return fmt.Errorf("ledger: %w", err)
	}
	return nil
}

// writeTiles writes the ledger tiles that changed since the last call: completed tiles, and
// the partial tiles at the right edge, which replace what was stored.
func (tx *Tx) writeTiles(ctx context.Context) error {
	if tx.appender == nil {
		return nil
	}
	tx.ledgerCtx = ctx
	tiles, err := tx.appender.Tiles()
	if err != nil {
		return fmt.Errorf("ledger: %w", err)
	}
	tx.tilesAt = tx.appender.N
	for _, t := range tiles {
		if _, err := tx.exec(ctx, `INSERT INTO ledger_tiles (level, idx, hashes) VALUES (?, ?, ?)
			ON CONFLICT (level, idx) DO UPDATE SET hashes = excluded.hashes`, t.L, t.N, t.Data); err != nil {
			return fmt.Errorf("ledger tile %d/%d: %w", t.L, t.N, err)
		}
	}
	return nil
}

// ledgerSize returns the number of leaves in the ledger, from its newest tile of leaf hashes.
func (tx *Tx) ledgerSize(ctx context.Context) (int64, error) {
	var n, bytes int64
	err := tx.queryRow(ctx, `SELECT idx, length(hashes) FROM ledger_tiles WHERE level = 0 ORDER BY idx DESC LIMIT 1`).Scan(&n, &bytes)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	} else if err != nil {
		return 0, fmt.Errorf("ledger size: %w", err)
	}
	return ledger.TreeSize(n, int(bytes/tlog.HashSize)), nil
}

func (tx *Tx) latestCheckpoint(ctx context.Context) (*docket.Checkpoint, error) {
	var c docket.Checkpoint
	var root []byte
	var at string
	err := tx.QueryRowContext(ctx, `SELECT size, root, note, at FROM checkpoints ORDER BY size DESC LIMIT 1`).Scan(&c.Size, &root, &c.Note, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, docket.Errorf(docket.ENOTFOUND, "no checkpoint has been signed yet")
	} else if err != nil {
		return nil, err
	}
	copy(c.Root[:], root)
	c.At = parseTime(at)
	return &c, nil
}

// LatestCheckpoint returns the newest stored checkpoint.
func (db *Store) LatestCheckpoint(ctx context.Context) (c *docket.Checkpoint, err error) {
	err = db.view(ctx, func(tx *Tx) error {
		c, err = tx.latestCheckpoint(ctx)
		return err
	})
	return c, err
}

// Checkpoint signs the head when the ledger has grown and returns the latest checkpoint.
func (db *Store) Checkpoint(ctx context.Context, s docket.CheckpointSigner) (c *docket.Checkpoint, err error) {
	err = db.update(ctx, func(tx *Tx) error {
		n, err := tx.ledgerSize(ctx)
		if err != nil {
			return err
		}
		last, err := tx.latestCheckpoint(ctx)
		if err != nil && docket.ErrorCode(err) != docket.ENOTFOUND {
			return err
		}
		if last != nil && last.Size == n {
			c = last
			return nil
		}
		if n == 0 {
			return docket.Errorf(docket.ENOTFOUND, "the ledger is empty: nothing to sign")
		}
		root, err := tlog.TreeHash(n, ledger.NewTileHashes(tileReader{ctx, tx}))
		if err != nil {
			return fmt.Errorf("tree hash: %w", err)
		}
		msg, err := s.SignCheckpoint(n, root)
		if err != nil {
			return fmt.Errorf("sign checkpoint: %w", err)
		}
		c = &docket.Checkpoint{Size: n, Root: root, Note: string(msg), At: tx.now}
		_, err = tx.exec(ctx, `INSERT INTO checkpoints (size, root, note, at) VALUES (?, ?, ?, ?)`, n, root[:], c.Note, formatTime(tx.now))
		return err
	})
	return c, err
}

// InclusionProof proves that a change v may see is in the tree of the given size.
func (db *Store) InclusionProof(ctx context.Context, v docket.Viewer, seq, size int64) (inc *docket.Inclusion, err error) {
	err = db.viewFor(ctx, v, func(tx *Tx) error {
		var lr logRow
		q, args := logPage(logSpan{at: seq}, false, 1)
		err := tx.queryRow(ctx, q, args...).Scan(lr.dest()...)
		if errors.Is(err, sql.ErrNoRows) {
			return docket.Errorf(docket.ENOTFOUND, "no change %d", seq)
		} else if err != nil {
			return err
		}
		rec, payload, err := lr.record()
		if err != nil {
			return fmt.Errorf("change %d: %w", seq, err)
		}
		c := docket.Change{Seq: lr.seq, Kind: lr.kind, Ref: lr.ref, Entity: lr.entity, Author: lr.author, At: parseTime(lr.at), Record: *rec}
		if ok, err := tx.changeVisible(ctx, v, &c); err != nil {
			return err
		} else if !ok {
			return docket.Errorf(docket.ENOTFOUND, "no change %d", seq)
		}
		idx := seq - 1 // every change is a leaf, in order
		n, err := tx.ledgerSize(ctx)
		if err != nil {
			return err
		}
		if size == 0 {
			size = n
			if cp, err := tx.latestCheckpoint(ctx); err == nil && cp.Size > idx {
				size = cp.Size
			}
		}
		if size <= idx || size > n {
			return docket.Errorf(docket.EINVALID, "tree size %d: the change is leaf %d and the ledger has %d leaves", size, idx, n)
		}
		p, err := tlog.ProveRecord(size, idx, ledger.NewTileHashes(tileReader{ctx, tx}))
		if err != nil {
			return fmt.Errorf("prove: %w", err)
		}
		// A sealed record is proved in the clear to whoever has the key; without it, its leaf
		// commits to the SHA-256 it carries, and the record given is the sealed one.
		leaf := leafOf(seq, c.Kind, rec, payload)
		if sealOf(rec) != nil {
			if clear, err := db.openRecord(ctx, tx, rec); err == nil {
				if payload, err = clear.MarshalJSON(); err != nil {
					return fmt.Errorf("change %d: %w", seq, err)
				}
				rec = clear
			}
		}
		inc = &docket.Inclusion{Seq: seq, Index: idx, Size: size, LeafText: string(leaf.Text()), Record: string(payload)}
		if tx.public && rec.RedactAuthors() {
			b, err := rec.MarshalJSON()
			if err != nil {
				return fmt.Errorf("change %d: %w", seq, err)
			}
			inc.Record, inc.Withheld = string(b), true
		}
		for _, h := range p {
			inc.Proof = append(inc.Proof, h)
		}
		return nil
	})
	return inc, err
}

// ConsistencyProof proves that the tree of size old is a prefix of the tree of size new.
func (db *Store) ConsistencyProof(ctx context.Context, old, new int64) (proof [][32]byte, err error) {
	err = db.view(ctx, func(tx *Tx) error {
		n, err := tx.ledgerSize(ctx)
		if err != nil {
			return err
		}
		if old < 1 || old > new || new > n {
			return docket.Errorf(docket.EINVALID, "want 1 <= old (%d) <= new (%d) <= %d, the ledger's size", old, new, n)
		}
		p, err := tlog.ProveTree(new, old, ledger.NewTileHashes(tileReader{ctx, tx}))
		if err != nil {
			return fmt.Errorf("prove: %w", err)
		}
		for _, h := range p {
			proof = append(proof, h)
		}
		return nil
	})
	return proof, err
}

// tileCheck compares recomputed ledger tiles with the stored ones. A tile is compared once it
// is complete, and the partial tiles of the right edge at the end.
type tileCheck struct {
	tx   *Tx
	add  func(what, format string, args ...any)
	edge map[int]ledger.Tile // the newest partial tile of each level
}

func (c *tileCheck) compare(ctx context.Context, tiles []ledger.Tile, final bool) error {
	if c.edge == nil {
		c.edge = map[int]ledger.Tile{}
	}
	for _, t := range tiles {
		if len(t.Data) < (1<<ledger.TileHeight)*tlog.HashSize {
			c.edge[t.L] = t
			continue
		}
		delete(c.edge, t.L)
		if err := c.one(ctx, t); err != nil {
			return err
		}
	}
	if final {
		for _, t := range c.edge {
			if err := c.one(ctx, t); err != nil {
				return err
			}
		}
	}
	return nil
}

func (c *tileCheck) one(ctx context.Context, t ledger.Tile) error {
	stored, err := tileReader{ctx, c.tx}.ReadTile(t.L, t.N)
	if err != nil {
		return err
	}
	what := fmt.Sprintf("ledger tile %d/%d", t.L, t.N)
	if stored == nil {
		c.add(what, "it is missing")
		return nil
	}
	if len(stored) != len(t.Data) {
		c.add(what, "it holds %d bytes; the tree recomputed from the change log has %d", len(stored), len(t.Data))
	}
	for i := 0; i+tlog.HashSize <= min(len(stored), len(t.Data)); i += tlog.HashSize {
		if bytes.Equal(stored[i:i+tlog.HashSize], t.Data[i:i+tlog.HashSize]) {
			continue
		}
		if t.L == 0 {
			seq := t.N<<ledger.TileHeight + int64(i/tlog.HashSize) + 1
			c.add(fmt.Sprintf("change %d", seq), "its ledger leaf (in %s) does not match its record: the record or the ledger was altered", what)
		} else {
			c.add(what, "hash %d differs from the tree recomputed from the change log", i/tlog.HashSize)
		}
	}
	return nil
}

// checkpoints returns the stored checkpoints, smallest first.
func (tx *Tx) checkpoints(ctx context.Context) ([]*docket.Checkpoint, error) {
	rows, err := tx.QueryContext(ctx, `SELECT size, root, note FROM checkpoints ORDER BY size`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*docket.Checkpoint
	for rows.Next() {
		var c docket.Checkpoint
		var root []byte
		if err := rows.Scan(&c.Size, &root, &c.Note); err != nil {
			return nil, err
		}
		copy(c.Root[:], root)
		out = append(out, &c)
	}
	return out, rows.Err()
}
