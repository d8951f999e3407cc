package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/ledger"
	"golang.org/x/mod/sumdb/tlog"
)

var _ docket.WitnessService = (*Store)(nil)

// AddWitnessedLog starts witnessing a peer's log.
func (db *Store) AddWitnessedLog(ctx context.Context, origin, vkey string) (l *docket.WitnessedLog, err error) {
	err = db.update(ctx, func(tx *Tx) error {
		l = &docket.WitnessedLog{Origin: origin, Verifier: vkey, Added: tx.now}
		_, err := tx.exec(ctx, `INSERT INTO witness_logs (origin, verifier, size, added_at) VALUES (?, ?, 0, ?)`, origin, vkey, formatTime(tx.now))
		if db.Dialect.IsUnique(err) {
			return docket.Errorf(docket.ECONFLICT, "log %s is witnessed already", origin)
		}
		return err
	})
	return l, err
}

const witnessLogColumns = `origin, verifier, size, root, added_at, cosigned_at`

func scanWitnessedLog(row interface{ Scan(...any) error }) (*docket.WitnessedLog, error) {
	var l docket.WitnessedLog
	var root []byte
	var added string
	var cosigned sql.NullString
	if err := row.Scan(&l.Origin, &l.Verifier, &l.Size, &root, &added, &cosigned); err != nil {
		return nil, err
	}
	copy(l.Root[:], root)
	l.Added = parseTime(added)
	if cosigned.Valid {
		l.Cosigned = parseTime(cosigned.String)
	}
	return &l, nil
}

// FindWitnessedLog returns a witnessed log by origin.
func (db *Store) FindWitnessedLog(ctx context.Context, origin string) (l *docket.WitnessedLog, err error) {
	err = db.view(ctx, func(tx *Tx) error {
		l, err = scanWitnessedLog(tx.queryRow(ctx, `SELECT `+witnessLogColumns+` FROM witness_logs WHERE origin = ?`, origin))
		if errors.Is(err, sql.ErrNoRows) {
			return docket.Errorf(docket.ENOTFOUND, "log %s is not witnessed here", origin)
		}
		return err
	})
	return l, err
}

// WitnessedLogs returns every witnessed log, by origin.
func (db *Store) WitnessedLogs(ctx context.Context) (out []*docket.WitnessedLog, err error) {
	err = db.view(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+witnessLogColumns+` FROM witness_logs ORDER BY origin`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			l, err := scanWitnessedLog(rows)
			if err != nil {
				return err
			}
			out = append(out, l)
		}
		return rows.Err()
	})
	return out, err
}

// AdvanceWitnessedLog moves the log's cosigned tree from old to (size, root) in one
// conditional UPDATE: whatever the isolation, two requests cannot both move it from old.
func (db *Store) AdvanceWitnessedLog(ctx context.Context, origin string, old, size int64, root [32]byte) error {
	if size < old {
		return docket.Errorf(docket.EINVALID, "a witnessed tree never shrinks: %d is smaller than %d", size, old)
	}
	return db.update(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE witness_logs SET size = ?, root = ?, cosigned_at = ? WHERE origin = ? AND size = ?`,
			size, root[:], formatTime(tx.now), origin, old)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 1 {
			return nil
		}
		var have int64
		err = tx.queryRow(ctx, `SELECT size FROM witness_logs WHERE origin = ?`, origin).Scan(&have)
		if errors.Is(err, sql.ErrNoRows) {
			return docket.Errorf(docket.ENOTFOUND, "log %s is not witnessed here", origin)
		} else if err != nil {
			return err
		}
		return &docket.WitnessConflict{Size: have}
	})
}

// AddWitnessRefusal keeps a refused request.
func (db *Store) AddWitnessRefusal(ctx context.Context, r *docket.WitnessRefusal) error {
	return db.update(ctx, func(tx *Tx) error {
		if err := tx.queryRow(ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM witness_refusals`).Scan(&r.ID); err != nil {
			return err
		}
		r.At = tx.now
		_, err := tx.exec(ctx, `INSERT INTO witness_refusals (id, origin, at, known, reason, request) VALUES (?, ?, ?, ?, ?, ?)`,
			r.ID, r.Origin, formatTime(tx.now), r.Known, r.Reason, r.Request)
		return err
	})
}

// WitnessRefusals returns the refused requests of a log, or of every log.
func (db *Store) WitnessRefusals(ctx context.Context, origin string) (out []*docket.WitnessRefusal, err error) {
	err = db.view(ctx, func(tx *Tx) error {
		q, args := `SELECT id, origin, at, known, reason, request FROM witness_refusals ORDER BY id`, []any(nil)
		if origin != "" {
			q, args = `SELECT id, origin, at, known, reason, request FROM witness_refusals WHERE origin = ? ORDER BY id`, []any{origin}
		}
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r docket.WitnessRefusal
			var at string
			if err := rows.Scan(&r.ID, &r.Origin, &at, &r.Known, &r.Reason, &r.Request); err != nil {
				return err
			}
			r.At = parseTime(at)
			out = append(out, &r)
		}
		return rows.Err()
	})
	return out, err
}

// AddCosigner adds a witness to ask.
func (db *Store) AddCosigner(ctx context.Context, c *docket.Cosigner) error {
	return db.update(ctx, func(tx *Tx) error {
		c.Added = tx.now
		_, err := tx.exec(ctx, `INSERT INTO ledger_cosigners (name, verifier, url, size, added_at) VALUES (?, ?, ?, 0, ?)`, c.Name, c.Verifier, c.URL, formatTime(tx.now))
		if db.Dialect.IsUnique(err) {
			return docket.Errorf(docket.ECONFLICT, "witness %s is asked already (docket witness remove %s first)", c.Name, c.Name)
		}
		return err
	})
}

// RemoveCosigner stops asking a witness.
func (db *Store) RemoveCosigner(ctx context.Context, name string) error {
	return db.update(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `DELETE FROM ledger_cosigners WHERE name = ?`, name)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return docket.Errorf(docket.ENOTFOUND, "no witness %s is asked", name)
		}
		return nil
	})
}

// Cosigners returns the witnesses to ask, by name.
func (db *Store) Cosigners(ctx context.Context) (out []*docket.Cosigner, err error) {
	err = db.view(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT name, verifier, url, size, added_at FROM ledger_cosigners ORDER BY name`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c docket.Cosigner
			var at string
			if err := rows.Scan(&c.Name, &c.Verifier, &c.URL, &c.Size, &at); err != nil {
				return err
			}
			c.Added = parseTime(at)
			out = append(out, &c)
		}
		return rows.Err()
	})
	return out, err
}

// AddCosignature adds a witness's cosignature lines to the stored checkpoint of size: the
// checkpoint then carries them wherever it is served (/checkpoint, bundles).
func (db *Store) AddCosignature(ctx context.Context, name string, size int64, sigs []byte) error {
	return db.update(ctx, func(tx *Tx) error {
		var msg string
		err := tx.queryRow(ctx, `SELECT note FROM checkpoints WHERE size = ?`, size).Scan(&msg)
		if errors.Is(err, sql.ErrNoRows) {
			return docket.Errorf(docket.ENOTFOUND, "no checkpoint of size %d", size)
		} else if err != nil {
			return err
		}
		signed, err := ledger.AddSignatures([]byte(msg), sigs)
		if err != nil {
			return fmt.Errorf("checkpoint %d: %w", size, err)
		}
		if _, err := tx.exec(ctx, `UPDATE checkpoints SET note = ? WHERE size = ?`, string(signed), size); err != nil {
			return err
		}
		_, err = tx.exec(ctx, `UPDATE ledger_cosigners SET size = ? WHERE name = ? AND size < ?`, size, name, size)
		return err
	})
}

// LedgerOrigin returns the name of this store's log, "" when none is recorded.
func (db *Store) LedgerOrigin(ctx context.Context) (origin string, err error) {
	err = db.view(ctx, func(tx *Tx) error {
		err := tx.queryRow(ctx, `SELECT origin FROM ledger_origin WHERE one = 1`).Scan(&origin)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	return origin, err
}

// SetLedgerOrigin records the name of this store's log, if none is recorded.
func (db *Store) SetLedgerOrigin(ctx context.Context, origin, vkey string) error {
	return db.update(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `INSERT INTO ledger_origin (one, origin, verifier, at) VALUES (1, ?, ?, ?) ON CONFLICT (one) DO NOTHING`, origin, vkey, formatTime(tx.now))
		return err
	})
}

// TreeHash returns the ledger's size and the root hash of its tree of size n: what a
// checkpoint published earlier is compared with. When n is not between 1 and the size, it
// returns the size and EINVALID.
func (db *Store) TreeHash(ctx context.Context, n int64) (size int64, root [32]byte, err error) {
	err = db.view(ctx, func(tx *Tx) error {
		if size, err = tx.ledgerSize(ctx); err != nil {
			return err
		}
		if n < 1 || n > size {
			return docket.Errorf(docket.EINVALID, "tree size %d: the ledger has %d leaves", n, size)
		}
		root, err = tlog.TreeHash(n, ledger.NewTileHashes(tileReader{ctx, tx}))
		return err
	})
	return size, root, err
}
