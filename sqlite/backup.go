package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"

	"github.com/docketorg/docket"
	"modernc.org/sqlite"
)

// Snapshot writes a consistent copy of the store to a new file at dst, while the store is in
// use: SQLite's online backup, in one step, which reads one snapshot of the database (in WAL
// mode, writers go on meanwhile). The copy keeps everything (the change log, the views, the
// accounts, the security log) but the sign-ins in progress: sessions, pending sign-ins and
// ceremonies are deleted from it, with secure_delete so that their bytes do not linger in
// free pages. It reports the pages copied.
func (db *DB) Snapshot(ctx context.Context, dst string) (pages int, err error) {
	if _, err := os.Lstat(dst); err == nil {
		return 0, docket.Errorf(docket.ECONFLICT, "%s exists", dst)
	}
	q := url.Values{}
	q.Set("mode", "ro")
	q.Add("_pragma", "busy_timeout("+db.busyTimeout()+")")
	src, err := sql.Open("sqlite", "file:"+db.Path+"?"+q.Encode())
	if err != nil {
		return 0, fmt.Errorf("open %s: %w", db.Path, err)
	}
	defer src.Close()
	conn, err := src.Conn(ctx)
	if err != nil {
		return 0, fmt.Errorf("open %s: %w", db.Path, err)
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		b, ok := dc.(interface {
			NewBackup(string) (*sqlite.Backup, error)
		})
		if !ok {
			return fmt.Errorf("the SQLite driver has no online backup")
		}
		bk, err := b.NewBackup(dst)
		if err != nil {
			return fmt.Errorf("start the backup: %w", err)
		}
		// One step: a step at a time would start over whenever a writer commits between two.
		if _, err := bk.Step(-1); err != nil {
			bk.Finish()
			return fmt.Errorf("copy the store: %w", err)
		}
		pages = bk.PageCount()
		return bk.Finish()
	})
	if err != nil {
		os.Remove(dst)
		return 0, err
	}
	if err := scrubSnapshot(ctx, dst); err != nil {
		os.Remove(dst)
		return 0, err
	}
	return pages, nil
}

// scrubSnapshot deletes the sign-ins in progress from a copy, and leaves it one file.
func scrubSnapshot(ctx context.Context, path string) error {
	c, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		return err
	}
	defer c.Close()
	c.SetMaxOpenConns(1)
	for _, q := range []string{`PRAGMA journal_mode = DELETE`, `PRAGMA secure_delete = ON`,
		`DELETE FROM sessions`, `DELETE FROM pending_signins`, `DELETE FROM ceremonies`} {
		if _, err := c.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("scrub the copy (%s): %w", q, err)
		}
	}
	return c.Close()
}
