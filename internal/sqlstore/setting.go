package sqlstore

import (
	"context"
	"fmt"
	"net/url"

	"github.com/docketorg/docket"
)

// Settings are rows of name and value (00010_settings.sql), so that a new setting needs no
// migration; the names below are the whole vocabulary.
const (
	settingArchive          = "archive" // "on" or "off"
	settingArchiveProxy     = "archive_proxy"
	settingArchiveUserAgent = "archive_user_agent"
)

// Settings returns the stored settings, to an admin; the proxy's password only to a cleared
// one.
func (db *Store) Settings(ctx context.Context, v docket.Viewer) (s *docket.Settings, err error) {
	if err := v.Authorize(docket.Admin); err != nil {
		return nil, err
	}
	err = db.view(ctx, func(tx *Tx) error {
		s, err = tx.settings(ctx)
		return err
	})
	if err == nil && !v.Cleared && s.ArchiveProxy != "" {
		s.ArchiveProxy = redactProxy(s.ArchiveProxy) // its password is for those who may change it
	}
	return s, err
}

func (tx *Tx) settings(ctx context.Context) (*docket.Settings, error) {
	rows, err := tx.QueryContext(ctx, `SELECT name, value, updated_by, updated_at FROM settings`)
	if err != nil {
		return nil, fmt.Errorf("read settings: %w", err)
	}
	defer rows.Close()
	s := &docket.Settings{}
	for rows.Next() {
		var name, value, by, at string
		if err := rows.Scan(&name, &value, &by, &at); err != nil {
			return nil, fmt.Errorf("read settings: %w", err)
		}
		switch name {
		case settingArchive:
			s.Archive = value == "on"
		case settingArchiveProxy:
			s.ArchiveProxy = value
		case settingArchiveUserAgent:
			s.ArchiveUserAgent = value
		}
		if t := parseTime(at); t.After(s.UpdatedAt) {
			s.UpdatedAt, s.UpdatedBy = t, by
		}
	}
	return s, rows.Err()
}

// UpdateSettings changes settings, for a cleared admin, in one transaction: a server must not
// see archiving on with the old proxy.
func (db *Store) UpdateSettings(ctx context.Context, v docket.Viewer, upd docket.SettingsUpdate) (s *docket.Settings, err error) {
	if err := v.Authorize(docket.Admin); err != nil {
		return nil, db.refuseSettings(v, err)
	}
	if !v.Cleared {
		return nil, db.refuseSettings(v, docket.Errorf(docket.EFORBIDDEN,
			"only an admin cleared for confidential data may change the settings: they decide where confidential sources' URLs go"))
	}
	if err := upd.Normalize(); err != nil {
		return nil, err
	}
	var changed []any
	err = db.update(ctx, func(tx *Tx) error {
		author, err := tx.author(ctx, v)
		if err != nil {
			return err
		}
		set := func(name, value string) error {
			changed = append(changed, name, value)
			_, err := tx.exec(ctx, `INSERT INTO settings (name, value, updated_by, updated_at) VALUES (?, ?, ?, ?)
				ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
				name, value, author, formatTime(tx.now))
			if err != nil {
				return fmt.Errorf("set %s: %w", name, err)
			}
			return nil
		}
		if upd.Archive != nil {
			if err := set(settingArchive, map[bool]string{true: "on", false: "off"}[*upd.Archive]); err != nil {
				return err
			}
		}
		if upd.ArchiveProxy != nil {
			if err := set(settingArchiveProxy, *upd.ArchiveProxy); err != nil {
				return err
			}
			changed[len(changed)-1] = redactProxy(*upd.ArchiveProxy) // logged without a password
		}
		if upd.ArchiveUserAgent != nil {
			if err := set(settingArchiveUserAgent, *upd.ArchiveUserAgent); err != nil {
				return err
			}
		}
		s, err = tx.settings(ctx)
		return err
	})
	if err == nil && len(changed) > 0 {
		db.Logger.Warn("settings changed", append([]any{"by", v.Name}, changed...)...)
	}
	return s, err
}

func (db *Store) refuseSettings(v docket.Viewer, err error) error {
	if v.Role != docket.Anonymous {
		db.Logger.Warn("settings change refused", "by", v.Name, "reason", docket.ErrorMessage(err))
	}
	return err
}

// redactProxy returns a proxy URL fit for logs: without its password.
func redactProxy(p string) string {
	u, err := url.Parse(p)
	if err != nil {
		return "(unreadable)"
	}
	return u.Redacted()
}
