package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/docketorg/docket/ledger"
	"golang.org/x/mod/sumdb/tlog"
)

// AfterMigration does, in a migration's transaction and after its SQL file (name), what SQL
// alone cannot. The sqlite and postgres packages call it for every file they apply.
func AfterMigration(ctx context.Context, tx *sql.Tx, d Dialect, name string) error {
	switch name {
	case "00005_ledger_tiles.sql":
		return ledgerToTiles(ctx, tx, d)
	}
	return nil
}

// ledgerToTiles moves the ledger from a row a stored hash (ledger_hashes) and a row a leaf
// (ledger_leaves) into tiles. The stored hashes are copied, not recomputed from the change log:
// they are the evidence that the log was not altered, and docket verify compares the two.
func ledgerToTiles(ctx context.Context, tx *sql.Tx, d Dialect) error {
	var n, offStep int64
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(CASE WHEN idx <> seq - 1 THEN 1 END) FROM ledger_leaves`).Scan(&n, &offStep); err != nil {
		return fmt.Errorf("count ledger leaves: %w", err)
	}
	if offStep > 0 {
		return fmt.Errorf("%d ledger leaves are not at their change's sequence number less one; run docket verify with the previous version", offStep)
	}
	read := tlog.HashReaderFunc(func(indexes []int64) ([]tlog.Hash, error) {
		args := make([]any, len(indexes))
		for i, x := range indexes {
			args[i] = x
		}
		q := d.Rebind(`SELECT idx, hash FROM ledger_hashes WHERE idx IN (` + strings.TrimSuffix(strings.Repeat("?, ", len(indexes)), ", ") + `)`)
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		got := map[int64][]byte{}
		for rows.Next() {
			var idx int64
			var h []byte
			if err := rows.Scan(&idx, &h); err != nil {
				return nil, err
			}
			got[idx] = h
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
		out := make([]tlog.Hash, len(indexes))
		for i, x := range indexes {
			h, ok := got[x]
			if !ok || len(h) != tlog.HashSize {
				return nil, fmt.Errorf("stored hash %d is missing or not 32 bytes", x)
			}
			copy(out[i][:], h)
		}
		return out, nil
	})
	insert := d.Rebind(`INSERT INTO ledger_tiles (level, idx, hashes) VALUES (?, ?, ?)`)
	for _, t := range tlog.NewTiles(ledger.TileHeight, 0, n) {
		data, err := tlog.ReadTileData(t, read)
		if err != nil {
			return fmt.Errorf("ledger tile %d/%d: %w", t.L, t.N, err)
		}
		if _, err := tx.ExecContext(ctx, insert, t.L, t.N, data); err != nil {
			return fmt.Errorf("ledger tile %d/%d: %w", t.L, t.N, err)
		}
	}
	for _, q := range []string{`DROP TABLE ledger_leaves`, `DROP TABLE ledger_hashes`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return nil
}
