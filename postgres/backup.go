package postgres

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/docketorg/docket"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// Backups of a PostgreSQL store: pg_dump of the store's schema, in pg_dump's custom format,
// which reads one snapshot of the database while servers go on writing; and pg_restore of
// such a dump into an empty database. Both are PostgreSQL's own tools (Debian's
// postgresql-client), at least as new as the server. The connection's settings reach them in
// the environment (PGHOST, PGPASSWORD, ...), never on a command line, which other users of
// the machine can read.

// libpq returns the environment in which PostgreSQL's tools connect as url does, and the
// schema of the store.
func libpq(u string) (env []string, schema string, err error) {
	cfg, err := pgx.ParseConfig(u)
	if err != nil {
		return nil, "", docket.Errorf(docket.EINVALID, "postgres URL: %s", err)
	}
	env = append(os.Environ(), "PGHOST="+cfg.Host, "PGPORT="+strconv.Itoa(int(cfg.Port)), "PGUSER="+cfg.User,
		"PGDATABASE="+cfg.Database, "PGAPPNAME=docket backup", "PGCONNECT_TIMEOUT=15")
	if cfg.Password != "" {
		env = append(env, "PGPASSWORD="+cfg.Password)
	}
	if mode := sslMode(u); mode != "" {
		env = append(env, "PGSSLMODE="+mode)
	}
	schema = "public"
	if sp := cfg.RuntimeParams["search_path"]; sp != "" {
		schema = strings.Trim(strings.TrimSpace(strings.Split(sp, ",")[0]), `"`)
	}
	return env, schema, nil
}

// sslMode reads sslmode from a URL or key=value connection string.
func sslMode(u string) string {
	if p, err := url.Parse(u); err == nil && (p.Scheme == "postgres" || p.Scheme == "postgresql") {
		return p.Query().Get("sslmode")
	}
	for _, f := range strings.Fields(u) {
		if v, ok := strings.CutPrefix(f, "sslmode="); ok {
			return v
		}
	}
	return ""
}

// tool finds a PostgreSQL client program.
func tool(name string) (string, error) {
	p, err := exec.LookPath(name)
	if err != nil {
		return "", docket.Errorf(docket.EUNAVAILABLE, "%s is not installed: it comes with PostgreSQL's client tools (apt-get install postgresql-client), as new as the server", name)
	}
	return p, nil
}

// Schema is the schema the store lives in: the first of the URL's search_path, or public.
func (db *DB) Schema() string {
	_, s, _ := libpq(db.URL)
	return s
}

// Dump writes pg_dump's custom-format dump of the store's schema to w, and returns the schema.
func (db *DB) Dump(ctx context.Context, w io.Writer) (schema string, err error) {
	env, schema, err := libpq(db.URL)
	if err != nil {
		return "", err
	}
	bin, err := tool("pg_dump")
	if err != nil {
		return "", err
	}
	cmd := exec.CommandContext(ctx, bin, "--format=custom", "--no-owner", "--no-privileges", "--schema="+schema)
	cmd.Env, cmd.Stdout = env, w
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("pg_dump of schema %s: %w: %s", schema, err, strings.TrimSpace(stderr.String()))
	}
	return schema, nil
}

// Restore loads a dump of Dump into the store at u, whose schema must be the dump's and hold
// no store: in one transaction, all or nothing.
func Restore(ctx context.Context, u, schema string, dump io.Reader) (err error) {
	env, target, err := libpq(u)
	if err != nil {
		return err
	}
	if target != schema {
		return docket.Errorf(docket.EINVALID, "the backup is of the schema %q; restore it where the store's schema is %q (add ?search_path=%s to the URL)", schema, target, schema)
	}
	restore, err := tool("pg_restore")
	if err != nil {
		return err
	}
	cfg, err := pgx.ParseConfig(u)
	if err != nil {
		return docket.Errorf(docket.EINVALID, "postgres URL: %s", err)
	}
	db := stdlib.OpenDB(*cfg)
	defer db.Close()
	var n int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = $1`, schema).Scan(&n); err != nil {
		return fmt.Errorf("look at the target: %w", err)
	}
	if n > 0 {
		return docket.Errorf(docket.ECONFLICT, "the schema %s of the target holds %d tables: restore into an empty database or schema", schema, n)
	}
	var exists bool
	if err := db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)`, schema).Scan(&exists); err != nil {
		return fmt.Errorf("look at the target: %w", err)
	}
	if !exists {
		if _, err := db.ExecContext(ctx, `CREATE SCHEMA `+pgx.Identifier{schema}.Sanitize()); err != nil {
			return fmt.Errorf("create schema %s: %w", schema, err)
		}
		// A restore that fails leaves nothing, not even the schema it made.
		defer func() {
			if err != nil {
				db.ExecContext(context.Background(), `DROP SCHEMA IF EXISTS `+pgx.Identifier{schema}.Sanitize())
			}
		}()
	}
	// pg_restore reads a custom dump from a file it can seek in.
	dir, err := os.MkdirTemp("", "docket-restore-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "dump")
	f, err := os.OpenFile(file, os.O_CREATE|os.O_WRONLY|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, dump); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	// The dump creates its schema, which exists now: leave that entry out of the list.
	var list bytes.Buffer
	ls := exec.CommandContext(ctx, restore, "--list", file)
	ls.Stdout = &list
	var stderr bytes.Buffer
	ls.Stderr = &stderr
	if err := ls.Run(); err != nil {
		return docket.Errorf(docket.EINVALID, "the backup's dump does not read: %s", strings.TrimSpace(stderr.String()))
	}
	var keep bytes.Buffer
	sc := bufio.NewScanner(&list)
	for sc.Scan() {
		if line := sc.Text(); !strings.Contains(line, " SCHEMA - ") {
			keep.WriteString(line + "\n")
		}
	}
	listFile := filepath.Join(dir, "list")
	if err := os.WriteFile(listFile, keep.Bytes(), 0o600); err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, restore, "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
		"--use-list="+listFile, "--dbname="+cfg.Database, file) // pg_restore connects only when given a database
	stderr.Reset()
	cmd.Env, cmd.Stderr = env, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("pg_restore: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return nil
}
