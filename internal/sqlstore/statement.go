package sqlstore

import (
	"context"
	"encoding/hex"
	"errors"
	"io"
	"strings"

	"github.com/docketorg/docket"
)

// FindStatementByID returns a statement, current or retracted, if v may see it.
func (db *Store) FindStatementByID(ctx context.Context, v docket.Viewer, id string) (*docket.Statement, error) {
	ss, _, err := db.FindStatements(ctx, v, docket.StatementFilter{ID: &id, IncludeRetracted: true})
	if err != nil {
		return nil, err
	} else if len(ss) == 0 {
		return nil, docket.Errorf(docket.ENOTFOUND, "no statement %q", id)
	}
	return ss[0], nil
}

// FindStatements returns statements in commit order (or the newest first) and their total.
func (db *Store) FindStatements(ctx context.Context, v docket.Viewer, f docket.StatementFilter) (ss []*docket.Statement, n int, err error) {
	if f.Newest && f.AfterSeq > 0 {
		return nil, 0, docket.Errorf(docket.EINVALID, "the newest first, or those after a change: not both")
	}
	err = db.viewFor(ctx, v, func(tx *Tx) error {
		cond, args := visible(v)
		where := []string{cond}
		if f.ID != nil {
			where, args = append(where, `s.id = ?`), append(args, *f.ID)
		}
		if f.Entity != nil {
			canonical, err := tx.canonicalOf(ctx, v, *f.Entity)
			if docket.ErrorCode(err) == docket.ENOTFOUND {
				n = 0 // as for an id that never existed
				return nil
			} else if err != nil {
				return err
			}
			where, args = append(where, `se.canonical = ?`), append(args, canonical)
		}
		if f.Entities != nil {
			canon, err := tx.canonicals(ctx, v, f.Entities)
			if err != nil {
				return err
			} else if len(canon) == 0 {
				n = 0
				return nil
			}
			in, idArgs := inValues(canon)
			where, args = append(where, `se.canonical IN `+in), append(args, idArgs...)
		}
		if f.Property != nil {
			where, args = append(where, `s.property = ?`), append(args, *f.Property)
		}
		if f.Value != nil {
			where, args = append(where, `s.value = ?`), append(args, *f.Value)
		}
		if f.Schema != nil {
			where, args = append(where, `se.schema = ?`), append(args, *f.Schema)
		}
		if f.AfterSeq > 0 {
			where, args = append(where, `s.seq > ?`), append(args, f.AfterSeq)
		}
		if f.Source != nil {
			where, args = append(where, `s.source_id = ?`), append(args, *f.Source)
		}
		if f.Status != nil {
			where, args = append(where, `s.status = ?`), append(args, string(*f.Status))
		}
		// Retractions are history, and history of public facts is public; drafts never are.
		if !f.IncludeRetracted {
			where = append(where, `s.retracted_seq IS NULL`)
		}
		tail := `WHERE ` + strings.Join(where, " AND ")
		n = -1 // a keyset page is one of many: counting them all again would cost a scan each
		if f.AfterSeq == 0 && !f.SkipCount {
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM statements s JOIN entities se ON se.id = s.entity_id `+tail, args...).Scan(&n); err != nil {
				return err
			}
		}
		order := ` ORDER BY s.seq`
		if f.Newest {
			order += ` DESC`
		}
		var err error
		ss, err = tx.statements(ctx, tail+order+` LIMIT ? OFFSET ?`, append(args, limit(f.Limit), max(f.Offset, 0))...)
		return err
	})
	return filterVisible(v, ss), n, err
}

// AddStatements adds statements in one transaction.
func (db *Store) AddStatements(ctx context.Context, v docket.Viewer, stmts []*docket.Statement) error {
	if err := v.Authorize(docket.Researcher); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error { return tx.addStatements(ctx, v, stmts) })
}

func (tx *Tx) addStatements(ctx context.Context, v docket.Viewer, stmts []*docket.Statement) error {
	for i, s := range stmts {
		err := tx.stamp(ctx, v, s)
		if err == nil {
			_, err = tx.commit(ctx, v, &docket.Record{Kind: docket.KindStatement, Statement: s})
		}
		if err != nil {
			if len(stmts) > 1 {
				return prefixError(err, "statement %d (%s)", i+1, s.Property)
			}
			return err
		}
	}
	return nil
}

// stamp fills in what the store decides: id, time, author, the default sensitivity and the
// status of a researcher's statement, which is a draft until an editor reviews it.
func (tx *Tx) stamp(ctx context.Context, v docket.Viewer, s *docket.Statement) error {
	if err := v.MayRecordStatus(s.Status); err != nil {
		return err
	}
	if !v.CanEdit() {
		s.Status = docket.Draft
	}
	if s.ID == "" {
		s.ID = tx.newID("s")
	}
	author, err := tx.author(ctx, v)
	if err != nil {
		return err
	}
	s.Author, s.CreatedAt = author, tx.now
	if s.Sensitivity == 0 {
		s.Sensitivity = docket.Internal
	}
	if s.Salt == "" {
		s.Salt = tx.salt()
	}
	return nil
}

// salt returns a fresh salt from the store's random source.
func (tx *Tx) salt() string {
	var b [docket.SaltSize]byte
	io.ReadFull(tx.db.Rand, b[:])
	return hex.EncodeToString(b[:])
}

// RetractStatement withdraws a statement with a reason.
func (db *Store) RetractStatement(ctx context.Context, v docket.Viewer, id, reason string) error {
	if err := v.Authorize(docket.Editor); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		if err := tx.mustSee(ctx, v, id); err != nil {
			return err
		}
		author, err := tx.author(ctx, v)
		if err != nil {
			return err
		}
		_, err = tx.commit(ctx, v, &docket.Record{Kind: docket.KindRetraction,
			Retraction: &docket.Retraction{Statement: id, Reason: reason, Author: author, At: tx.now}})
		return err
	})
}

// mustSee returns ENOTFOUND unless v may see the statement: an editor without clearance must not
// learn that a confidential statement exists by retracting it.
func (tx *Tx) mustSee(ctx context.Context, v docket.Viewer, id string) error {
	cond, args := visible(v)
	ss, err := tx.statements(ctx, `WHERE s.id = ? AND `+cond, append([]any{id}, args...)...)
	if err != nil {
		return err
	} else if len(ss) == 0 {
		return docket.Errorf(docket.ENOTFOUND, "no statement %q", id)
	}
	return nil
}

// CorrectStatement retracts a statement and adds its replacement in one transaction.
func (db *Store) CorrectStatement(ctx context.Context, v docket.Viewer, id string, repl *docket.Statement, reason string) (*docket.Statement, error) {
	if err := v.Authorize(docket.Editor); err != nil {
		return nil, err
	}
	err := db.update(ctx, func(tx *Tx) error {
		if err := tx.mustSee(ctx, v, id); err != nil {
			return err
		}
		old, err := lookup{tx, v.MaxSensitivity()}.LookupStatement(ctx, id)
		if err != nil {
			return err
		} else if old.Locked {
			return docket.ErrLocked("statement " + id)
		}
		if strings.TrimSpace(reason) == "" {
			return docket.Errorf(docket.EINVALID, "correction of %s: a reason is required", id)
		}
		n := *repl
		n.ID, n.Entity, n.Supersedes, n.Retraction, n.SupersededBy = "", old.Entity, old.ID, nil, ""
		if n.Property == "" {
			n.Property = old.Property
		}
		if n.Value == "" {
			n.Value = old.Value
		}
		if n.Source == "" {
			n.Source, n.Locator, n.Quote = old.Source, old.Locator, old.Quote
		}
		if n.Lang == "" {
			n.Lang = old.Lang
		}
		if n.Sensitivity == 0 {
			n.Sensitivity = old.Sensitivity
		}
		if n.Status == "" && old.Status == docket.Draft {
			n.Status = docket.Draft
		}
		if err := tx.stamp(ctx, v, &n); err != nil {
			return err
		}
		if _, err := tx.commit(ctx, v, &docket.Record{Kind: docket.KindStatement, Statement: &n}); err != nil {
			return err
		}
		if _, err := tx.commit(ctx, v, &docket.Record{Kind: docket.KindRetraction, Retraction: &docket.Retraction{
			Statement: id, Reason: reason, SupersededBy: n.ID, Author: n.Author, At: tx.now}}); err != nil {
			return err
		}
		*repl = n
		return nil
	})
	if err != nil {
		return nil, err
	}
	return repl, nil
}

// SetStatus records a review of a statement.
func (db *Store) SetStatus(ctx context.Context, v docket.Viewer, id string, st docket.Status, note string) error {
	if err := v.Authorize(docket.Editor); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		cond, args := visible(v)
		ss, err := tx.statements(ctx, `WHERE s.id = ? AND `+cond, append([]any{id}, args...)...)
		if err != nil {
			return err
		} else if len(ss) == 0 {
			return docket.Errorf(docket.ENOTFOUND, "no statement %q", id)
		}
		// A review sent twice (a double click, two editors at once) is one review: the
		// history would otherwise say the fact was checked twice.
		if ss[0].Status == st {
			return docket.Errorf(docket.ECONFLICT, "statement %q is already %s", id, st)
		}
		author, err := tx.author(ctx, v)
		if err != nil {
			return err
		}
		_, err = tx.commit(ctx, v, &docket.Record{Kind: docket.KindStatus,
			Status: &docket.StatusChange{Statement: id, Status: st, Note: strings.TrimSpace(note), Author: author, At: tx.now}})
		return err
	})
}

// prefixError puts context in front of an application error's message, keeping its code.
func prefixError(err error, format string, args ...any) error {
	if errors.As(err, new(namedError)) {
		return err
	}
	code := docket.ErrorCode(err)
	if code == docket.EINTERNAL {
		return err
	}
	return docket.Errorf(code, format+": %s", append(args, docket.ErrorMessage(err))...)
}
