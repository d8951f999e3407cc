package sqlstore

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/ledger"
	"golang.org/x/mod/sumdb/tlog"
)

// hashReader reads the ledger's stored hashes inside a transaction.
type hashReader struct {
	ctx context.Context
	tx  *Tx
}

func (r hashReader) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		var b []byte
		if err := r.tx.queryRow(r.ctx, `SELECT hash FROM ledger_hashes WHERE idx = ?`, x).Scan(&b); err != nil {
			return nil, fmt.Errorf("read ledger hash %d: %w", x, err)
		}
		copy(out[i][:], b)
	}
	return out, nil
}

// appendLeaf makes a committed change a leaf of the ledger, in the change's transaction.
func (tx *Tx) appendLeaf(ctx context.Context, seq int64, kind string, payload []byte) error {
	if tx.appender == nil {
		var n int64
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM ledger_leaves`).Scan(&n); err != nil {
			return fmt.Errorf("count ledger leaves: %w", err)
		}
		tx.appender = ledger.NewAppender(n, hashReader{ctx, tx})
	}
	leaf := ledger.NewLeaf(seq, kind, payload)
	idx, hashes, err := tx.appender.Append(leaf)
	if err != nil {
		return fmt.Errorf("ledger: %w", err)
	}
	h := leaf.Hash()
	if _, err := tx.exec(ctx, `INSERT INTO ledger_leaves (idx, seq, hash) VALUES (?, ?, ?)`, idx, seq, h[:]); err != nil {
		return fmt.Errorf("ledger leaf: %w", err)
	}
	base := tlog.StoredHashIndex(0, idx)
	for i, h := range hashes {
		if _, err := tx.exec(ctx, `INSERT INTO ledger_hashes (idx, hash) VALUES (?, ?)`, base+int64(i), h[:]); err != nil {
			return fmt.Errorf("ledger hash: %w", err)
		}
	}
	return nil
}

func (tx *Tx) ledgerSize(ctx context.Context) (int64, error) {
	var n int64
	err := tx.queryRow(ctx, `SELECT COUNT(*) FROM ledger_leaves`).Scan(&n)
	return n, err
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
		root, err := tlog.TreeHash(n, hashReader{ctx, tx})
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
	err = db.view(ctx, func(tx *Tx) error {
		var c docket.Change
		var payload, at string
		err := tx.queryRow(ctx, `SELECT c.seq, c.kind, c.ref, COALESCE(c.entity, ''), c.author, c.at, c.payload FROM changes c WHERE c.seq = ?`, seq).
			Scan(&c.Seq, &c.Kind, &c.Ref, &c.Entity, &c.Author, &at, &payload)
		if errors.Is(err, sql.ErrNoRows) {
			return docket.Errorf(docket.ENOTFOUND, "no change %d", seq)
		} else if err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(payload), &c.Record); err != nil {
			return fmt.Errorf("change %d: %w", seq, err)
		}
		if ok, err := tx.changeVisible(ctx, v, &c); err != nil {
			return err
		} else if !ok {
			return docket.Errorf(docket.ENOTFOUND, "no change %d", seq)
		}
		var idx int64
		if err := tx.queryRow(ctx, `SELECT idx FROM ledger_leaves WHERE seq = ?`, seq).Scan(&idx); err != nil {
			return fmt.Errorf("find leaf of change %d: %w", seq, err)
		}
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
		p, err := tlog.ProveRecord(size, idx, hashReader{ctx, tx})
		if err != nil {
			return fmt.Errorf("prove: %w", err)
		}
		inc = &docket.Inclusion{Seq: seq, Index: idx, Size: size, LeafText: string(ledger.NewLeaf(seq, c.Kind, []byte(payload)).Text()), Record: payload}
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
		p, err := tlog.ProveTree(new, old, hashReader{ctx, tx})
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

// memHashes is the ledger recomputed in memory by Verify.
type memHashes []tlog.Hash

func (m *memHashes) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		if x < 0 || x >= int64(len(*m)) {
			return nil, fmt.Errorf("no hash %d", x)
		}
		out[i] = (*m)[x]
	}
	return out, nil
}

// Verify recomputes the ledger from the change log, and checks the views and the stored
// checkpoints against it.
func (db *Store) Verify(ctx context.Context, progress docket.Progress) (problems []docket.Problem, err error) {
	add := func(what, format string, args ...any) {
		problems = append(problems, docket.Problem{What: what, Why: fmt.Sprintf(format, args...)})
	}
	err = db.view(ctx, func(tx *Tx) error {
		var total int64
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM changes`).Scan(&total); err != nil {
			return err
		}
		var mem memHashes
		app := ledger.NewAppender(0, &mem)
		check := newViewCheck(tx)
		var done int64
		for after := int64(0); ; {
			rows, err := tx.QueryContext(ctx, `SELECT c.seq, c.kind, c.payload, l.idx, l.hash FROM changes c
				LEFT JOIN ledger_leaves l ON l.seq = c.seq WHERE c.seq > ? ORDER BY c.seq LIMIT 5000`, after)
			if err != nil {
				return err
			}
			type row struct {
				seq     int64
				kind    string
				payload string
				idx     sql.NullInt64
				hash    []byte
			}
			var batch []row
			for rows.Next() {
				var r row
				if err := rows.Scan(&r.seq, &r.kind, &r.payload, &r.idx, &r.hash); err != nil {
					rows.Close()
					return err
				}
				batch = append(batch, r)
				after = r.seq
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			if len(batch) == 0 {
				break
			}
			for _, r := range batch {
				leaf := ledger.NewLeaf(r.seq, r.kind, []byte(r.payload))
				idx, hashes, err := app.Append(leaf)
				if err != nil {
					return err
				}
				mem = append(mem, hashes...)
				what := fmt.Sprintf("change %d", r.seq)
				h := leaf.Hash()
				switch {
				case !r.idx.Valid:
					add(what, "it has no ledger leaf")
				case r.idx.Int64 != idx:
					add(fmt.Sprintf("ledger leaf %d", r.idx.Int64), "it belongs to change %d, which should be leaf %d", r.seq, idx)
				case !bytes.Equal(r.hash, h[:]):
					add(fmt.Sprintf("ledger leaf %d", idx), "its hash does not match change %d's record: the record or the leaf was altered", r.seq)
				}
				var rec docket.Record
				if err := json.Unmarshal([]byte(r.payload), &rec); err != nil {
					add(what, "its record does not parse: %v", err)
					continue
				}
				if b, err := json.Marshal(rec); err != nil || string(b) != r.payload {
					add(what, "its record is not in canonical form")
				}
				if rec.Kind != r.kind {
					add(what, "its kind column says %s, its record %s", r.kind, rec.Kind)
				}
				if err := check.record(ctx, &rec); err != nil {
					return err
				}
			}
			done += int64(len(batch))
			if progress != nil {
				progress(done, total)
			}
		}
		if err := check.finish(ctx); err != nil {
			return err
		}
		problems = append(problems, check.problems...)
		// Every stored hash must be the recomputed one: a changed row is named by its index.
		rows, err := tx.QueryContext(ctx, `SELECT idx, hash FROM ledger_hashes ORDER BY idx`)
		if err != nil {
			return err
		}
		var n int64
		for rows.Next() {
			var idx int64
			var h []byte
			if err := rows.Scan(&idx, &h); err != nil {
				rows.Close()
				return err
			}
			n++
			if idx >= int64(len(mem)) {
				add(fmt.Sprintf("ledger hash %d", idx), "the ledger has no such stored hash")
			} else if !bytes.Equal(h, mem[idx][:]) {
				add(fmt.Sprintf("ledger hash %d", idx), "it differs from the hash recomputed from the change log")
			}
		}
		rows.Close()
		if n != int64(len(mem)) {
			add("ledger", "%d stored hashes, want %d", n, len(mem))
		}
		var leaves int64
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM ledger_leaves`).Scan(&leaves); err != nil {
			return err
		}
		if leaves != app.N {
			add("ledger", "%d leaves for %d changes", leaves, app.N)
		}
		// Signed checkpoints must be heads of the recomputed tree.
		crows, err := tx.QueryContext(ctx, `SELECT size, root FROM checkpoints ORDER BY size`)
		if err != nil {
			return err
		}
		defer crows.Close()
		for crows.Next() {
			var size int64
			var root []byte
			if err := crows.Scan(&size, &root); err != nil {
				return err
			}
			th, err := tlog.TreeHash(size, &mem)
			if err != nil {
				add(fmt.Sprintf("checkpoint %d", size), "the ledger is shorter than this checkpoint")
			} else if !bytes.Equal(root, th[:]) {
				add(fmt.Sprintf("checkpoint %d", size), "its root differs from the tree recomputed from the change log")
			}
		}
		return crows.Err()
	})
	return problems, err
}
