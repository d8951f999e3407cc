package harness

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/docketorg/docket/postgres"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// CeilingSchema is where Ceiling loads the rows again: a fixed name of the benchmark's own,
// dropped and made again for each load, and dropped after.
const CeilingSchema = "docket_ceiling"

// ceilingTables are the tables an import fills, parents before children.
var ceilingTables = []string{"authors", "blobs", "entities", "sources", "changes", "statements", "name_keys", "search", "merges", "snapshots", "ledger_tiles"}

// CeilingResult is one bare load of the rows an import wrote: what the server alone costs.
type CeilingResult struct {
	Mode             string  `json:"mode"` // "deferred" or "live"
	Rows             int64   `json:"rows"`
	Bytes            int64   `json:"copy_bytes"` // the binary COPY data sent
	Seconds          float64 `json:"seconds"`
	ServerCPUSeconds float64 `json:"server_cpu_seconds,omitempty"`
	StatementsPerSec float64 `json:"statements_per_s"`
	LoadBefore       string  `json:"loadavg_before"`
	LoadAfter        string  `json:"loadavg_after"`
}

// Ceiling measures how fast the server takes the very rows an import wrote, with nothing else
// to do: each table of the target's schema is copied out in COPY's binary form to a file in
// dir, then into a fresh schema made by Docket's migrations (the same columns, keys, indexes,
// foreign keys and trigger), in one transaction, by COPY from those files. No client work is
// left: no decoding, checking, hashing or encoding. Mode "live" keeps every index and foreign
// key up row by row; "deferred" drops every foreign key and every index that is not a key
// first and builds them after the load, in the same transaction: more than an import defers
// (it keeps the indexes its checks read), so the higher of the two ceilings. statements is
// what the import held, to give the rate in the same unit.
func (t *Target) Ceiling(ctx context.Context, dir string, statements int64, modes []string) ([]CeilingResult, error) {
	if t.Backend != Postgres {
		return nil, fmt.Errorf("the COPY ceiling is PostgreSQL's")
	}
	files := map[string]string{}
	var bytes int64
	err := t.withConn(ctx, func(c *pgx.Conn) error {
		for _, table := range ceilingTables {
			path := filepath.Join(dir, "ceiling-"+table+".copy")
			f, err := os.Create(path)
			if err != nil {
				return err
			}
			_, err = c.PgConn().CopyTo(ctx, f, `COPY `+PostgresSchema+`.`+table+` TO STDOUT (FORMAT binary)`)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return fmt.Errorf("copy %s out: %w", table, err)
			}
			files[table] = path
			bytes += fileSize(path)
		}
		return nil
	})
	defer func() {
		for _, p := range files {
			os.Remove(p)
		}
	}()
	if err != nil {
		return nil, err
	}
	var out []CeilingResult
	for _, mode := range modes {
		r, err := t.ceiling(ctx, files, mode)
		if err != nil {
			return nil, fmt.Errorf("ceiling (%s): %w", mode, err)
		}
		r.Bytes = bytes
		r.StatementsPerSec = float64(statements) / r.Seconds
		out = append(out, *r)
	}
	return out, nil
}

// ceiling makes CeilingSchema afresh and loads the files into it.
func (t *Target) ceiling(ctx context.Context, files map[string]string, mode string) (*CeilingResult, error) {
	if mode != "live" && mode != "deferred" {
		return nil, fmt.Errorf("mode %q: want live or deferred", mode)
	}
	for _, stmt := range []string{`DROP SCHEMA IF EXISTS ` + CeilingSchema + ` CASCADE`, `CREATE SCHEMA ` + CeilingSchema} {
		if _, err := t.admin.ExecContext(ctx, stmt); err != nil {
			return nil, fmt.Errorf("%s: %w", stmt, err)
		}
	}
	defer t.admin.ExecContext(context.WithoutCancel(ctx), `DROP SCHEMA IF EXISTS `+CeilingSchema+` CASCADE`)
	u, err := url.Parse(t.URL)
	if err != nil {
		return nil, err
	}
	q := u.Query()
	q.Set("search_path", CeilingSchema)
	u.RawQuery = q.Encode()
	db := postgres.NewDB(u.String())
	if err := db.Open(); err != nil {
		return nil, fmt.Errorf("make the tables: %w", err)
	}
	db.Close()

	res := &CeilingResult{Mode: mode}
	err = t.withConn(ctx, func(c *pgx.Conn) error {
		var pid int
		if err := c.QueryRow(ctx, `SELECT pg_backend_pid()`).Scan(&pid); err != nil {
			return err
		}
		if _, err := c.Exec(ctx, `SET search_path = `+CeilingSchema); err != nil {
			return err
		}
		res.LoadBefore = loadAvg()
		cpu0, _ := procCPU(pid, "postgres")
		start := time.Now()
		tx, err := c.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(ctx)
		var build []string
		if mode == "deferred" {
			var drop []string
			rows, err := tx.Query(ctx, `SELECT format('ALTER TABLE %I DROP CONSTRAINT %I', conrelid::regclass, conname),
					format('ALTER TABLE %I ADD CONSTRAINT %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid))
				FROM pg_constraint WHERE connamespace = $1::regnamespace AND contype = 'f'
				UNION ALL
				SELECT format('DROP INDEX %I', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid)
				FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
				WHERE c.relnamespace = $1::regnamespace AND NOT i.indisunique`, CeilingSchema)
			if err != nil {
				return err
			}
			for rows.Next() {
				var d, b string
				if err := rows.Scan(&d, &b); err != nil {
					return err
				}
				drop, build = append(drop, d), append(build, b)
			}
			if err := rows.Err(); err != nil {
				return err
			}
			for _, stmt := range drop {
				if _, err := tx.Exec(ctx, stmt); err != nil {
					return fmt.Errorf("%s: %w", stmt, err)
				}
			}
		}
		for _, table := range ceilingTables {
			f, err := os.Open(files[table])
			if err != nil {
				return err
			}
			tag, err := tx.Conn().PgConn().CopyFrom(ctx, f, `COPY `+table+` FROM STDIN (FORMAT binary)`)
			f.Close()
			if err != nil {
				return fmt.Errorf("copy %s in: %w", table, err)
			}
			res.Rows += tag.RowsAffected()
		}
		if len(build) > 0 {
			// As an import builds them (see postgres.dialect.IndexBuild).
			if _, err := tx.Exec(ctx, `SET LOCAL enable_seqscan = on`); err != nil {
				return err
			}
		}
		for _, stmt := range build {
			if _, err := tx.Exec(ctx, stmt); err != nil {
				return fmt.Errorf("%s: %w", stmt, err)
			}
		}
		if err := tx.Commit(ctx); err != nil {
			return err
		}
		res.Seconds = time.Since(start).Seconds()
		if cpu1, ok := procCPU(pid, "postgres"); ok {
			res.ServerCPUSeconds = (cpu1 - cpu0).Seconds()
		}
		res.LoadAfter = loadAvg()
		return nil
	})
	return res, err
}

// withConn calls f with a pgx connection of the target's own pool.
func (t *Target) withConn(ctx context.Context, f func(*pgx.Conn) error) error {
	conn, err := t.admin.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("not a pgx connection: %T", dc)
		}
		return f(c.Conn())
	})
}

// ceilingModes says, for a result's Markdown, what each mode keeps.
var ceilingModes = map[string]string{
	"live":     "every index and foreign key kept up row by row",
	"deferred": "every foreign key and every index but the keys built after the load",
}

// CeilingMode describes a ceiling's mode in words.
func CeilingMode(mode string) string { return strings.TrimSpace(ceilingModes[mode]) }
