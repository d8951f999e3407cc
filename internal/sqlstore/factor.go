package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/docketorg/docket"
)

// Second factors, recovery codes, the policy, pending sign-ins and ceremonies
// (00016_second_factors.sql). Every change is in the security log, in its own transaction.

// own checks that v is the holder of the account: its name and its author id, so that a token
// named as an account is not taken for it. Only the holder enrols or removes a factor: an
// admin who could add a device to someone else's account could sign in as them.
func own(v docket.Viewer, u *docket.User) error {
	if v.Role == docket.Anonymous {
		return v.Authorize(docket.Reader)
	}
	if v.Name != u.Name || v.Author == "" || v.Author != u.Author {
		return docket.Errorf(docket.EFORBIDDEN, "only its holder may change the second factors of an account; an admin may reset them")
	}
	return nil
}

// ownAccount reads the account of name for its holder.
func (tx *Tx) ownAccount(ctx context.Context, v docket.Viewer, name string) (*docket.User, error) {
	if v.Role == docket.Anonymous {
		return nil, v.Authorize(docket.Reader)
	}
	if v.Name != name {
		return nil, docket.Errorf(docket.EFORBIDDEN, "only its holder may change the second factors of an account; an admin may reset them")
	}
	u, err := tx.findUser(ctx, name)
	if err != nil {
		return nil, err
	}
	return u, own(v, u)
}

const factorColumns = `id, kind, name, created_at, last_used_at, secret, last_step, credential_id, credential`

func scanFactor(sc interface{ Scan(...any) error }) (*docket.SecondFactor, error) {
	var f docket.SecondFactor
	var kind, created string
	var used, cred sql.NullString
	if err := sc.Scan(&f.ID, &kind, &f.Name, &created, &used, &f.Secret, &f.LastStep, &f.CredentialID, &cred); err != nil {
		return nil, fmt.Errorf("read second factors: %w", err)
	}
	f.Kind, f.CreatedAt, f.LastUsedAt = docket.FactorKind(kind), parseTime(created), parseNullTime(used)
	if cred.Valid {
		f.Credential = []byte(cred.String)
	}
	return &f, nil
}

// status reads an account's factors (with what proves them when secrets) and recovery codes.
func (tx *Tx) status(ctx context.Context, u *docket.User, secrets bool) (*docket.SecondFactorStatus, error) {
	p, err := tx.policy(ctx)
	if err != nil {
		return nil, err
	}
	st := &docket.SecondFactorStatus{Required: p.Requires(u)}
	rows, err := tx.QueryContext(ctx, `SELECT `+factorColumns+` FROM second_factors WHERE user_id = ? ORDER BY created_at, id`, u.ID)
	if err != nil {
		return nil, fmt.Errorf("read second factors: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		f, err := scanFactor(rows)
		if err != nil {
			return nil, err
		}
		if !secrets {
			f.Secret, f.LastStep, f.CredentialID, f.Credential = nil, 0, nil, nil
		}
		st.Factors = append(st.Factors, f)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL`, u.ID).Scan(&st.RecoveryCodes); err != nil {
		return nil, fmt.Errorf("count recovery codes: %w", err)
	}
	return st, nil
}

// SecondFactorStatus returns an account's factors to its holder or an admin.
func (db *Store) SecondFactorStatus(ctx context.Context, v docket.Viewer, name string) (st *docket.SecondFactorStatus, err error) {
	err = db.view(ctx, func(tx *Tx) error {
		var u *docket.User
		if v.Role == docket.Admin {
			u, err = tx.findUser(ctx, name)
		} else {
			u, err = tx.ownAccount(ctx, v, name)
		}
		if err != nil {
			return err
		}
		st, err = tx.status(ctx, u, false)
		return err
	})
	return st, err
}

// AddSecondFactor enrols a confirmed factor for the viewer's own account.
func (db *Store) AddSecondFactor(ctx context.Context, v docket.Viewer, name string, f *docket.SecondFactor, recovery []string) error {
	var err error
	if f.Name, err = docket.CheckFactorName(f.Name, f.Kind); err != nil {
		return err
	}
	var secret, credID, cred any
	switch f.Kind {
	case docket.FactorTOTP:
		if len(f.Secret) < 16 {
			return docket.Errorf(docket.EINVALID, "a TOTP key has at least 128 bits")
		}
		secret = f.Secret
	case docket.FactorWebAuthn:
		if len(f.CredentialID) == 0 || len(f.Credential) == 0 {
			return docket.Errorf(docket.EINVALID, "a security key needs its credential")
		}
		credID, cred = f.CredentialID, string(f.Credential)
	default:
		return docket.Errorf(docket.EINVALID, "unknown kind of second factor %q", f.Kind)
	}
	err = db.update(ctx, func(tx *Tx) error {
		u, err := tx.ownAccount(ctx, v, name)
		if err != nil {
			return err
		}
		if credID != nil {
			var n int
			if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM second_factors WHERE credential_id = ?`, credID).Scan(&n); err != nil {
				return fmt.Errorf("check credential: %w", err)
			} else if n > 0 {
				return docket.Errorf(docket.ECONFLICT, "this security key is enrolled already")
			}
		}
		f.ID, f.CreatedAt, f.LastUsedAt = tx.newID("f"), tx.now, time.Time{}
		if _, err := tx.exec(ctx, `INSERT INTO second_factors (id, user_id, kind, name, secret, last_step, credential_id, credential, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, f.ID, u.ID, string(f.Kind), f.Name, secret, f.LastStep, credID, cred, formatTime(f.CreatedAt)); err != nil {
			return fmt.Errorf("add second factor: %w", db.formatError(err, "of this security key"))
		}
		detail := f.Name
		if recovery != nil {
			if err := tx.setRecovery(ctx, u.ID, recovery); err != nil {
				return err
			}
			detail += fmt.Sprintf("; %d new recovery codes", len(recovery))
		}
		return tx.appendSecurity(ctx, &docket.SecurityEvent{Kind: docket.SecFactorAdded, Actor: v.Name, Subject: name,
			Factor: string(f.Kind), Detail: detail})
	})
	return err
}

// setRecovery replaces an account's recovery codes.
func (tx *Tx) setRecovery(ctx context.Context, userID string, hashes []string) error {
	if _, err := tx.exec(ctx, `DELETE FROM recovery_codes WHERE user_id = ?`, userID); err != nil {
		return fmt.Errorf("replace recovery codes: %w", err)
	}
	for _, h := range hashes {
		if h == "" {
			return docket.Errorf(docket.EINVALID, "an empty recovery code hash")
		}
		if _, err := tx.exec(ctx, `INSERT INTO recovery_codes (code_hash, user_id, created_at) VALUES (?, ?, ?)`, h, userID, formatTime(tx.now)); err != nil {
			return fmt.Errorf("store recovery codes: %w", err)
		}
	}
	return nil
}

// RemoveSecondFactor removes one of the viewer's own factors.
func (db *Store) RemoveSecondFactor(ctx context.Context, v docket.Viewer, name, id string) error {
	err := db.update(ctx, func(tx *Tx) error {
		u, err := tx.ownAccount(ctx, v, name)
		if err != nil {
			return err
		}
		st, err := tx.status(ctx, u, false)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(st.Factors, func(f *docket.SecondFactor) bool { return f.ID == id })
		if i < 0 {
			return docket.Errorf(docket.ENOTFOUND, "you have no second factor %q", id)
		}
		f := st.Factors[i]
		last := len(st.Factors) == 1
		if last && st.Required {
			return db.refuse(docket.SecFactorRemoved, "remove the last second factor", v, name, docket.Errorf(docket.ECONFLICT,
				"your account must have a second factor: add another before you remove %q", f.Name))
		}
		if _, err := tx.exec(ctx, `DELETE FROM second_factors WHERE id = ? AND user_id = ?`, id, u.ID); err != nil {
			return fmt.Errorf("remove second factor: %w", err)
		}
		detail := f.Name
		if last {
			// Recovery codes stand in for a second factor; without one they are a way around
			// nothing, and a leaked sheet of them must not outlive the factors.
			if _, err := tx.exec(ctx, `DELETE FROM recovery_codes WHERE user_id = ?`, u.ID); err != nil {
				return err
			}
			detail += "; the last one: recovery codes withdrawn"
		}
		return tx.appendSecurity(ctx, &docket.SecurityEvent{Kind: docket.SecFactorRemoved, Actor: v.Name, Subject: name,
			Factor: string(f.Kind), Detail: detail})
	})
	return db.logRefusal(ctx, v, err)
}

// SetRecoveryCodes replaces the viewer's own recovery codes.
func (db *Store) SetRecoveryCodes(ctx context.Context, v docket.Viewer, name string, hashes []string) error {
	if len(hashes) == 0 {
		return docket.Errorf(docket.EINVALID, "no recovery codes")
	}
	return db.update(ctx, func(tx *Tx) error {
		u, err := tx.ownAccount(ctx, v, name)
		if err != nil {
			return err
		}
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM second_factors WHERE user_id = ?`, u.ID).Scan(&n); err != nil {
			return err
		} else if n == 0 {
			return docket.Errorf(docket.ECONFLICT, "recovery codes stand in for a second factor: add one first")
		}
		if err := tx.setRecovery(ctx, u.ID, hashes); err != nil {
			return err
		}
		return tx.appendSecurity(ctx, &docket.SecurityEvent{Kind: docket.SecRecoveryCodes, Actor: v.Name, Subject: name,
			Detail: fmt.Sprintf("%d new recovery codes; the old ones no longer work", len(hashes))})
	})
}

// deleteFactors removes everything of an account's second factors, and its sign-ins in
// progress.
func (tx *Tx) deleteFactors(ctx context.Context, userID string) error {
	for _, table := range []string{"second_factors", "recovery_codes", "ceremonies", "pending_signins"} {
		if _, err := tx.exec(ctx, `DELETE FROM `+table+` WHERE user_id = ?`, userID); err != nil {
			return fmt.Errorf("delete %s: %w", table, err)
		}
	}
	return nil
}

// ResetSecondFactors removes every factor of an account, for an admin, and ends its sessions.
func (db *Store) ResetSecondFactors(ctx context.Context, v docket.Viewer, name string) error {
	if err := v.Authorize(docket.Admin); err != nil {
		return db.logRefusal(ctx, v, db.refuse(docket.SecFactorReset, "reset second factors", v, name, err))
	}
	err := db.update(ctx, func(tx *Tx) error {
		u, err := tx.findUser(ctx, name)
		if err != nil {
			return err
		}
		// Whoever resets a cleared account's factors can sign in with its password alone,
		// if they have it: clearance is not given by one who does not hold it.
		if err := mayChangeCleared(v, u, "the second factors of"); err != nil {
			return db.refuse(docket.SecFactorReset, "reset second factors", v, name, err)
		}
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM second_factors WHERE user_id = ?`, u.ID).Scan(&n); err != nil {
			return err
		}
		if err := tx.deleteFactors(ctx, u.ID); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, u.ID); err != nil {
			return err
		}
		return tx.appendSecurity(ctx, &docket.SecurityEvent{Kind: docket.SecFactorReset, Actor: v.Name, Subject: name,
			Detail: fmt.Sprintf("%d second factors and the recovery codes removed; every session ended", n)})
	})
	if err == nil {
		db.Logger.Warn("second factors reset", "by", v.Name, "user", name)
	}
	return db.logRefusal(ctx, v, err)
}

// policy reads the policy; the zero policy when none was set.
func (tx *Tx) policy(ctx context.Context) (*docket.SecondFactorPolicy, error) {
	var roles, by, at string
	var cleared bool
	err := tx.queryRow(ctx, `SELECT roles, cleared, updated_by, updated_at FROM second_factor_policy WHERE id = 1`).Scan(&roles, &cleared, &by, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return &docket.SecondFactorPolicy{}, nil
	} else if err != nil {
		return nil, fmt.Errorf("read the second-factor policy: %w", err)
	}
	p := &docket.SecondFactorPolicy{Cleared: cleared, UpdatedBy: by, UpdatedAt: parseTime(at)}
	for _, r := range strings.Split(roles, ",") {
		if role, err := docket.ParseRole(r); err == nil {
			p.Roles = append(p.Roles, role)
		}
	}
	return p, nil
}

// SecondFactorPolicy returns the policy to an admin.
func (db *Store) SecondFactorPolicy(ctx context.Context, v docket.Viewer) (p *docket.SecondFactorPolicy, err error) {
	if err := v.Authorize(docket.Admin); err != nil {
		return nil, err
	}
	err = db.view(ctx, func(tx *Tx) error {
		p, err = tx.policy(ctx)
		return err
	})
	return p, err
}

// PolicyText says whom a policy asks a second factor of, for the security log and the
// command line.
func PolicyText(p *docket.SecondFactorPolicy) string {
	var who []string
	for _, r := range p.Roles {
		who = append(who, r.String()+"s")
	}
	if p.Cleared {
		who = append(who, "everyone cleared for confidential data")
	}
	if len(who) == 0 {
		return "no one is required to have a second factor"
	}
	return "required of " + strings.Join(who, ", ")
}

// SetSecondFactorPolicy replaces the policy: any admin may ask more, a cleared admin less.
func (db *Store) SetSecondFactorPolicy(ctx context.Context, v docket.Viewer, p docket.SecondFactorPolicy) (out *docket.SecondFactorPolicy, err error) {
	if err := v.Authorize(docket.Admin); err != nil {
		return nil, db.logRefusal(ctx, v, db.refuse(docket.SecPolicy, "change the second-factor policy", v, "", err))
	}
	var roles []string
	var clean []docket.Role
	for _, r := range p.Roles {
		if r <= docket.Anonymous || r > docket.Admin {
			return nil, docket.Errorf(docket.EINVALID, "unknown role %d", int(r))
		}
		if !slices.Contains(clean, r) {
			clean = append(clean, r)
		}
	}
	slices.Sort(clean)
	for _, r := range clean {
		roles = append(roles, r.String())
	}
	p.Roles = clean
	var ended int
	err = db.update(ctx, func(tx *Tx) error {
		old, err := tx.policy(ctx)
		if err != nil {
			return err
		}
		// Asking less of whom a second factor protects is the cleared admins' to decide, as
		// with the settings: it is their confidential data that a password alone would open.
		if old.Looser(&p) && !v.Cleared {
			return db.refuse(docket.SecPolicy, "change the second-factor policy", v, "", docket.Errorf(docket.EFORBIDDEN,
				"only an admin cleared for confidential data may ask a second factor of fewer accounts; any admin may ask it of more"))
		}
		author, err := tx.author(ctx, v)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM second_factor_policy WHERE id = 1`); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `INSERT INTO second_factor_policy (id, roles, cleared, updated_by, updated_at) VALUES (1, ?, ?, ?, ?)`,
			strings.Join(roles, ","), p.Cleared, author, formatTime(tx.now)); err != nil {
			return fmt.Errorf("set the second-factor policy: %w", err)
		}
		// Whom it now asks a factor of and who has none signed in without one: they sign in
		// again, and enrol one then.
		rows, err := tx.QueryContext(ctx, `SELECT `+userColumns+` FROM users u WHERE `+live+`
			AND NOT EXISTS (SELECT 1 FROM second_factors f WHERE f.user_id = u.id)`)
		if err != nil {
			return fmt.Errorf("read accounts: %w", err)
		}
		var end []string
		for rows.Next() {
			u, err := scanUser(rows)
			if err != nil {
				rows.Close()
				return err
			}
			if p.Requires(u) {
				end = append(end, u.ID)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range end {
			res, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, id)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n > 0 {
				ended++
			}
		}
		p.UpdatedAt, p.UpdatedBy = tx.now, author
		detail := PolicyText(old) + " → " + PolicyText(&p)
		if ended > 0 {
			detail += fmt.Sprintf("; the sessions of %d accounts without one ended", ended)
		}
		return tx.appendSecurity(ctx, &docket.SecurityEvent{Kind: docket.SecPolicy, Actor: v.Name, Detail: detail})
	})
	if err != nil {
		return nil, db.logRefusal(ctx, v, err)
	}
	return &p, nil
}

// SignInFactors returns an active account's factors with what proves them.
func (db *Store) SignInFactors(ctx context.Context, userID string) (st *docket.SecondFactorStatus, err error) {
	err = db.view(ctx, func(tx *Tx) error {
		u, err := scanUser(tx.queryRow(ctx, `SELECT `+userColumns+` FROM users u WHERE u.id = ? AND `+live, userID))
		if errors.Is(err, sql.ErrNoRows) {
			return docket.Errorf(docket.EUNAUTHORIZED, "the account cannot sign in")
		} else if err != nil {
			return fmt.Errorf("read account: %w", err)
		}
		st, err = tx.status(ctx, u, true)
		return err
	})
	return st, err
}

// UseTOTP takes a TOTP code's time step once: the update holds only for a later step, in one
// statement, so two requests with the same code cannot both pass.
func (db *Store) UseTOTP(ctx context.Context, userID, factorID string, step int64) error {
	return db.update(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE second_factors SET last_step = ?, last_used_at = ? WHERE id = ? AND user_id = ? AND kind = ? AND last_step < ?`,
			step, formatTime(tx.now), factorID, userID, string(docket.FactorTOTP), step)
		if err != nil {
			return fmt.Errorf("use TOTP: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return docket.Errorf(docket.ECONFLICT, "this code was used already: wait for the next one")
		}
		return nil
	})
}

// UseRecoveryCode spends a recovery code.
func (db *Store) UseRecoveryCode(ctx context.Context, userID, hash string) (left int, err error) {
	err = db.update(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE recovery_codes SET used_at = ? WHERE code_hash = ? AND user_id = ? AND used_at IS NULL`,
			formatTime(tx.now), hash, userID)
		if err != nil {
			return fmt.Errorf("use recovery code: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return docket.Errorf(docket.ENOTFOUND, "this recovery code is not one of yours, or it was used already")
		}
		return tx.queryRow(ctx, `SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL`, userID).Scan(&left)
	})
	return left, err
}

// UseWebAuthn stores a credential as its last assertion left it.
func (db *Store) UseWebAuthn(ctx context.Context, userID, factorID string, credential []byte) error {
	return db.update(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE second_factors SET credential = ?, last_used_at = ? WHERE id = ? AND user_id = ? AND kind = ?`,
			string(credential), formatTime(tx.now), factorID, userID, string(docket.FactorWebAuthn))
		if err != nil {
			return fmt.Errorf("use security key: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return docket.Errorf(docket.ENOTFOUND, "no such security key")
		}
		return nil
	})
}

// CreatePendingSignIn keeps a sign-in between its password and its second factor.
func (db *Store) CreatePendingSignIn(ctx context.Context, userID, idHash string, expires time.Time) error {
	if idHash == "" {
		return docket.Errorf(docket.EINVALID, "a pending sign-in needs an id hash")
	}
	return db.update(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, `DELETE FROM pending_signins WHERE expires_at < ?`, formatTime(tx.now)); err != nil {
			return err
		}
		_, err := tx.exec(ctx, `INSERT INTO pending_signins (id_hash, user_id, failures, created_at, expires_at) VALUES (?, ?, 0, ?, ?)`,
			idHash, userID, formatTime(tx.now), formatTime(expires))
		if err != nil {
			return fmt.Errorf("create pending sign-in: %w", err)
		}
		return nil
	})
}

// errPendingEnded is the answer to a pending sign-in that is gone, whatever the reason.
var errPendingEnded = docket.Errorf(docket.EUNAUTHORIZED, "this sign-in has ended: sign in again")

// FindPendingSignIn returns the user of a live pending sign-in of an active account.
func (db *Store) FindPendingSignIn(ctx context.Context, idHash string) (u *docket.User, failures int, err error) {
	err = db.view(ctx, func(tx *Tx) error {
		u, err = scanUser(tx.queryRow(ctx, `SELECT `+userColumns+`, p.failures FROM pending_signins p JOIN users u ON u.id = p.user_id
			WHERE p.id_hash = ? AND p.expires_at > ? AND `+live, idHash, formatTime(tx.now)), &failures)
		if errors.Is(err, sql.ErrNoRows) {
			return errPendingEnded
		} else if err != nil {
			return fmt.Errorf("find pending sign-in: %w", err)
		}
		return nil
	})
	return u, failures, err
}

// FailPendingSignIn counts a wrong second factor; at max the sign-in ends.
func (db *Store) FailPendingSignIn(ctx context.Context, idHash string, max int) (failures int, err error) {
	err = db.update(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, `UPDATE pending_signins SET failures = failures + 1 WHERE id_hash = ?`, idHash); err != nil {
			return fmt.Errorf("count a failure: %w", err)
		}
		err := tx.queryRow(ctx, `SELECT failures FROM pending_signins WHERE id_hash = ?`, idHash).Scan(&failures)
		if errors.Is(err, sql.ErrNoRows) {
			return errPendingEnded
		} else if err != nil {
			return err
		}
		if failures >= max {
			_, err = tx.exec(ctx, `DELETE FROM pending_signins WHERE id_hash = ?`, idHash)
		}
		return err
	})
	return failures, err
}

// DeletePendingSignIn ends a pending sign-in.
func (db *Store) DeletePendingSignIn(ctx context.Context, idHash string) error {
	return db.update(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `DELETE FROM pending_signins WHERE id_hash = ?`, idHash)
		return err
	})
}

// PutCeremony keeps a ceremony's state until it expires, replacing one of the same id.
func (db *Store) PutCeremony(ctx context.Context, id, userID string, data []byte, expires time.Time) error {
	if id == "" || userID == "" {
		return docket.Errorf(docket.EINVALID, "a ceremony needs an id and a user")
	}
	return db.update(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, `DELETE FROM ceremonies WHERE expires_at < ? OR id = ?`, formatTime(tx.now), id); err != nil {
			return err
		}
		_, err := tx.exec(ctx, `INSERT INTO ceremonies (id, user_id, data, expires_at) VALUES (?, ?, ?, ?)`, id, userID, data, formatTime(expires))
		if err != nil {
			return fmt.Errorf("keep ceremony: %w", err)
		}
		return nil
	})
}

// TakeCeremony returns and deletes a ceremony: whatever comes of it, it answers once. An
// expired one is as none, and goes with the next PutCeremony.
func (db *Store) TakeCeremony(ctx context.Context, id, userID string) (data []byte, err error) {
	err = db.update(ctx, func(tx *Tx) error {
		err := tx.queryRow(ctx, `SELECT data FROM ceremonies WHERE id = ? AND user_id = ? AND expires_at > ?`, id, userID, formatTime(tx.now)).Scan(&data)
		if errors.Is(err, sql.ErrNoRows) {
			return docket.Errorf(docket.ENOTFOUND, "this step has expired or was taken already: start again")
		} else if err != nil {
			return fmt.Errorf("read ceremony: %w", err)
		}
		_, err = tx.exec(ctx, `DELETE FROM ceremonies WHERE id = ?`, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return data, nil
}
