package sqlstore

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/docketorg/docket"
)

// The security log (00017_security_log.sql): appended in the write transaction of what it
// records, so that an account change and its entry are committed together or not at all.
// Writers are serialised (Dialect.LockWrites), so each entry reads the last one's hash and
// takes the next sequence number without a race.

// appendSecurity appends e in tx, stamping its Seq, Time and Hash. Where e leaves them empty,
// the way in, address and user agent come from the context's RequestInfo.
func (tx *Tx) appendSecurity(ctx context.Context, e *docket.SecurityEvent) error {
	ri := docket.RequestInfoFrom(ctx)
	if e.Via == "" {
		e.Via = ri.Via
	}
	if e.Addr == "" {
		e.Addr = ri.Addr
	}
	if e.UserAgent == "" {
		e.UserAgent = ri.UserAgent
	}
	if e.Outcome == "" {
		e.Outcome = docket.OutcomeOK
	}
	for _, s := range []*string{&e.Actor, &e.Subject, &e.Via, &e.Addr, &e.UserAgent, &e.Factor, &e.Detail} {
		*s = docket.ClipSecurityField(*s)
	}
	var seq int64
	var prev []byte
	err := tx.queryRow(ctx, `SELECT seq, hash FROM security_log ORDER BY seq DESC LIMIT 1`).Scan(&seq, &prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("read the security log's head: %w", err)
	}
	e.Seq, e.Time = seq+1, tx.now
	h := e.ChainHash(prev)
	e.Hash = hex.EncodeToString(h)
	return tx.insertSecurity(ctx, e, h)
}

func (tx *Tx) insertSecurity(ctx context.Context, e *docket.SecurityEvent, hash []byte) error {
	_, err := tx.exec(ctx, `INSERT INTO security_log (seq, at, kind, outcome, actor, subject, via, addr, agent, factor, detail, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Seq, formatTime(e.Time), e.Kind, e.Outcome, e.Actor, e.Subject, e.Via, e.Addr, e.UserAgent, e.Factor, e.Detail, hash)
	if err != nil {
		return fmt.Errorf("append to the security log: %w", err)
	}
	return nil
}

// LogSecurity appends an event in a transaction of its own.
func (db *Store) LogSecurity(ctx context.Context, e *docket.SecurityEvent) error {
	if e.Kind == "" {
		return docket.Errorf(docket.EINVALID, "a security event needs a kind")
	}
	return db.update(ctx, func(tx *Tx) error { return tx.appendSecurity(ctx, e) })
}

const securityColumns = `seq, at, kind, outcome, actor, subject, via, addr, agent, factor, detail, hash`

func scanSecurity(sc interface{ Scan(...any) error }) (*docket.SecurityEvent, []byte, error) {
	var e docket.SecurityEvent
	var at string
	var hash []byte
	if err := sc.Scan(&e.Seq, &at, &e.Kind, &e.Outcome, &e.Actor, &e.Subject, &e.Via, &e.Addr, &e.UserAgent, &e.Factor, &e.Detail, &hash); err != nil {
		return nil, nil, fmt.Errorf("read the security log: %w", err)
	}
	e.Time, e.Hash = parseTime(at), hex.EncodeToString(hash)
	return &e, hash, nil
}

// FindSecurityEvents returns entries, newest first, to an admin.
func (db *Store) FindSecurityEvents(ctx context.Context, v docket.Viewer, f docket.SecurityFilter) (out []*docket.SecurityEvent, err error) {
	if err := v.Authorize(docket.Admin); err != nil {
		return nil, err
	}
	var conds []string
	var args []any
	add := func(cond string, a ...any) { conds, args = append(conds, cond), append(args, a...) }
	if f.Kind != "" {
		add(`kind = ?`, f.Kind)
	}
	if f.Outcome != "" {
		add(`outcome = ?`, f.Outcome)
	}
	if f.User != "" {
		add(`(actor = ? OR subject = ?)`, f.User, f.User)
	}
	if f.Addr != "" {
		add(`addr = ?`, f.Addr)
	}
	if !f.Since.IsZero() {
		add(`at >= ?`, formatTime(f.Since))
	}
	if !f.Until.IsZero() {
		add(`at < ?`, formatTime(f.Until))
	}
	if f.Before > 0 {
		add(`seq < ?`, f.Before)
	}
	q := `SELECT ` + securityColumns + ` FROM security_log`
	if len(conds) > 0 {
		q += ` WHERE ` + strings.Join(conds, ` AND `)
	}
	q += fmt.Sprintf(` ORDER BY seq DESC LIMIT %d`, limit(f.Limit))
	err = db.view(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("read the security log: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			e, _, err := scanSecurity(rows)
			if err != nil {
				return err
			}
			out = append(out, e)
		}
		return rows.Err()
	})
	return out, err
}

// securityPage is how many entries a walk of the whole log reads at a time.
const securityPage = 1000

// walkSecurity calls fn with every entry and its stored hash, oldest first, a page at a time.
func (db *Store) walkSecurity(ctx context.Context, fn func(e *docket.SecurityEvent, hash []byte) error) error {
	var after int64
	for {
		var page []*docket.SecurityEvent
		var hashes [][]byte
		err := db.view(ctx, func(tx *Tx) error {
			rows, err := tx.QueryContext(ctx, fmt.Sprintf(`SELECT `+securityColumns+` FROM security_log WHERE seq > ? ORDER BY seq LIMIT %d`, securityPage), after)
			if err != nil {
				return fmt.Errorf("read the security log: %w", err)
			}
			defer rows.Close()
			for rows.Next() {
				e, h, err := scanSecurity(rows)
				if err != nil {
					return err
				}
				page, hashes = append(page, e), append(hashes, h)
			}
			return rows.Err()
		})
		if err != nil {
			return err
		}
		for i, e := range page {
			if err := fn(e, hashes[i]); err != nil {
				return err
			}
			after = e.Seq
		}
		if len(page) < securityPage {
			return nil
		}
	}
}

// ReadSecurityLog calls fn with every entry, oldest first, for a cleared admin.
func (db *Store) ReadSecurityLog(ctx context.Context, v docket.Viewer, fn func(*docket.SecurityEvent) error) error {
	if err := mayCopy(v); err != nil {
		return err
	}
	return db.walkSecurity(ctx, func(e *docket.SecurityEvent, _ []byte) error { return fn(e) })
}

func mayCopy(v docket.Viewer) error {
	if err := v.Authorize(docket.Admin); err != nil {
		return err
	}
	if !v.Cleared {
		return docket.Errorf(docket.EFORBIDDEN, "only a cleared admin (the operator) may copy the security log")
	}
	return nil
}

// CopySecurityLog appends another store's entries, as they are, to an empty log, checking
// their chain: a copy must not launder a broken log into a sound-looking one.
func (db *Store) CopySecurityLog(ctx context.Context, v docket.Viewer, next func() (*docket.SecurityEvent, error)) (n int64, err error) {
	if err := mayCopy(v); err != nil {
		return 0, err
	}
	err = db.update(ctx, func(tx *Tx) error {
		var have int64
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM security_log`).Scan(&have); err != nil {
			return fmt.Errorf("count the security log: %w", err)
		}
		if have > 0 {
			return docket.Errorf(docket.ECONFLICT, "the target's security log has %d entries already: a log is copied only into a store that has none", have)
		}
		var prev []byte
		for {
			e, err := next()
			if err != nil {
				return err
			}
			if e == nil {
				return nil
			}
			if e.Seq != n+1 {
				return docket.Errorf(docket.EINVALID, "security log entry %d follows entry %d: the log to copy has a gap", e.Seq, n)
			}
			h := e.ChainHash(prev)
			if hex.EncodeToString(h) != e.Hash {
				return docket.Errorf(docket.EINVALID, "security log entry %d: its hash does not follow from the entries before it, so the log to copy was altered; run docket verify on it", e.Seq)
			}
			if err := tx.insertSecurity(ctx, e, h); err != nil {
				return err
			}
			prev, n = h, n+1
		}
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// SecurityLogHead returns the number of entries and the last one's hash, to an admin.
func (db *Store) SecurityLogHead(ctx context.Context, v docket.Viewer) (n int64, hash string, err error) {
	if err := v.Authorize(docket.Admin); err != nil {
		return 0, "", err
	}
	err = db.view(ctx, func(tx *Tx) error {
		var h []byte
		err := tx.queryRow(ctx, `SELECT seq, hash FROM security_log ORDER BY seq DESC LIMIT 1`).Scan(&n, &h)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		} else if err != nil {
			return fmt.Errorf("read the security log's head: %w", err)
		}
		hash = hex.EncodeToString(h)
		return nil
	})
	return n, hash, err
}

// VerifySecurityLog recomputes the chain. An entry whose stored hash is not the hash of its
// predecessor's and its own fields was altered (or its predecessor was, or one was taken out
// before it); a gap in the sequence is an entry taken out. The chain cannot show entries
// taken off its end: docket audit prints the head, to be noted elsewhere.
func (db *Store) VerifySecurityLog(ctx context.Context) (problems []docket.Problem, err error) {
	var prev []byte
	var last int64
	const most = 1000
	err = db.walkSecurity(ctx, func(e *docket.SecurityEvent, stored []byte) error {
		what := fmt.Sprintf("security log entry %d", e.Seq)
		if e.Seq != last+1 {
			problems = append(problems, docket.Problem{What: what, Why: fmt.Sprintf("entries %d to %d are missing: taken out of the log", last+1, e.Seq-1)})
		} else if h := e.ChainHash(prev); !bytes.Equal(h, stored) {
			problems = append(problems, docket.Problem{What: what, Why: "its hash does not follow from the entry before it and its own fields: it was altered, or replaced"})
		}
		prev, last = stored, e.Seq
		if len(problems) >= most {
			return errTooMany
		}
		return nil
	})
	if errors.Is(err, errTooMany) {
		return append(problems, docket.Problem{What: "security log", Why: fmt.Sprintf("stopped after %d problems", most)}), nil
	}
	return problems, err
}

var errTooMany = errors.New("too many problems")

// A refusal is an error of an account change that the actor may not make, kept with what was
// tried so that the security log can say so once the change's transaction has ended (the log
// is written in a transaction of its own, which must not wait for the one that refused).
type refusal struct {
	kind, action, subject string
	err                   error
}

func (r *refusal) Error() string { return r.err.Error() }
func (r *refusal) Unwrap() error { return r.err }

// refuse logs a refused change and returns its error, carrying what the security log needs.
func (db *Store) refuse(kind, action string, v docket.Viewer, name string, err error) error {
	db.Logger.Warn("account change refused", "action", action, "by", v.Name, "user", name, "reason", docket.ErrorMessage(err))
	return &refusal{kind: kind, action: action, subject: name, err: err}
}

// logRefusal appends the security event of the refusal err carries, if any, and returns err
// without it. A visitor who is no one is refused for want of a sign-in, which the log need
// not repeat: the web answers them before the store does.
func (db *Store) logRefusal(ctx context.Context, v docket.Viewer, err error) error {
	var r *refusal
	if !errors.As(err, &r) {
		return err
	}
	if v.Role > docket.Anonymous {
		e := &docket.SecurityEvent{Kind: r.kind, Outcome: docket.OutcomeRefused, Actor: v.Name, Subject: r.subject,
			Detail: r.action + ": " + docket.ErrorMessage(r.err)}
		if lerr := db.LogSecurity(ctx, e); lerr != nil {
			db.Logger.Error("writing a refusal to the security log", "err", lerr)
		}
	}
	return r.err
}
