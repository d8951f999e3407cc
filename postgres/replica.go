package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/docketorg/docket"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// A replica is a streaming standby of the primary that reads may go to.
type replica struct {
	name     string // host:port/database, for the log: never the password
	pool     *sql.DB
	replayed atomic.Uint64 // the WAL position it had replayed when last asked
	down     atomic.Bool   // unreachable when last asked
	behind   atomic.Bool   // more than ReplicaMaxLag behind the primary when last asked
	reads    atomic.Int64  // read transactions sent to it
}

// ReplicaStatus is what the log and the admin say of a replica.
type ReplicaStatus struct {
	Name   string
	Up     bool
	Behind bool   // skipped: further behind the primary than ReplicaMaxLag
	Lag    uint64 // bytes of WAL it had not replayed when last asked
	Reads  int64  // read transactions sent to it
}

// lsn reads a pg_lsn as text (16/B374D848).
func lsn(s string) (uint64, error) {
	hi, lo, ok := strings.Cut(s, "/")
	h, err1 := strconv.ParseUint(hi, 16, 32)
	l, err2 := strconv.ParseUint(lo, 16, 32)
	if !ok || err1 != nil || err2 != nil {
		return 0, fmt.Errorf("not a WAL position: %q", s)
	}
	return h<<32 | l, nil
}

func queryLSN(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, query string) (uint64, error) {
	var s sql.NullString
	if err := q.QueryRowContext(ctx, query).Scan(&s); err != nil {
		return 0, err
	}
	if !s.Valid {
		return 0, fmt.Errorf("%s: null", query)
	}
	return lsn(s.String)
}

// openReplicas connects to the replicas and checks that each is a standby of the primary that
// holds this store: a URL of a primary, of a standby of another cluster or of another
// database or schema is refused, naming it.
func (db *DB) openReplicas(ctx context.Context, base func(*pgx.ConnConfig)) error {
	var sysid, dbname string
	var migrations int
	if err := db.W.QueryRowContext(ctx, `SELECT (SELECT system_identifier::text FROM pg_control_system()), current_database(), (SELECT COUNT(*) FROM migrations)`).
		Scan(&sysid, &dbname, &migrations); err != nil {
		return fmt.Errorf("primary: %w", err)
	}
	for _, u := range db.Replicas {
		cfg, err := pgx.ParseConfig(u)
		if err != nil {
			return docket.Errorf(docket.EINVALID, "replica URL: %s", err)
		}
		base(cfg)
		r := &replica{name: fmt.Sprintf("%s:%d/%s", cfg.Host, cfg.Port, cfg.Database), pool: stdlib.OpenDB(*cfg)}
		r.pool.SetMaxOpenConns(8)
		r.pool.SetMaxIdleConns(4)
		r.pool.SetConnMaxIdleTime(5 * time.Minute)
		db.replicas = append(db.replicas, r)
		var standby bool
		var rsysid, rdbname string
		var rmigrations int
		err = r.pool.QueryRowContext(ctx, `SELECT pg_is_in_recovery(), (SELECT system_identifier::text FROM pg_control_system()), current_database()`).
			Scan(&standby, &rsysid, &rdbname)
		switch {
		case err != nil:
			return docket.Errorf(docket.EINVALID, "replica %s: %s", r.name, err)
		case !standby:
			return docket.Errorf(docket.EINVALID, "replica %s is not a standby: it is in no recovery, a primary of its own (pg_is_in_recovery() is false)", r.name)
		case rsysid != sysid:
			return docket.Errorf(docket.EINVALID, "replica %s is a standby of another cluster (system identifier %s, the primary's %s)", r.name, rsysid, sysid)
		case rdbname != dbname:
			return docket.Errorf(docket.EINVALID, "replica %s reads database %s, the primary's store is in %s", r.name, rdbname, dbname)
		}
		// The primary may have migrated the store a moment ago: the standby replays it first.
		primary, err := queryLSN(ctx, db.W, `SELECT pg_current_wal_lsn()::text`)
		if err != nil {
			return fmt.Errorf("primary: %w", err)
		}
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
			if at, err := queryLSN(ctx, r.pool, `SELECT pg_last_wal_replay_lsn()::text`); err != nil || at >= primary || time.Now().After(deadline) {
				break
			}
		}
		if err := r.pool.QueryRowContext(ctx, `SELECT COUNT(*) FROM migrations`).Scan(&rmigrations); err != nil || rmigrations != migrations {
			return docket.Errorf(docket.EINVALID, "replica %s does not hold this store in the schema its URL names (search_path): %d migrations, the primary's %d", r.name, rmigrations, migrations)
		}
		db.check(ctx, r, 0)
	}
	if len(db.replicas) == 0 {
		return nil
	}
	db.Reader, db.Committed = db.reader, db.committed
	db.ReadFailed = db.readFailed
	return nil
}

// committed learns the WAL position a write reached: a read of this process after it goes to a
// replica only once the replica has replayed that far, so whoever wrote sees it.
func (db *DB) committed(ctx context.Context, conn *sql.Conn) {
	at, err := queryLSN(ctx, conn, `SELECT pg_current_wal_lsn()::text`)
	if err != nil {
		db.Logger.Warn("reading the WAL position of a write; reads go to the primary until the next", "err", err)
		at = ^uint64(0)
	}
	for {
		old := db.written.Load()
		if (at <= old && old != ^uint64(0)) || db.written.CompareAndSwap(old, at) {
			return
		}
	}
}

// readFailed marks down a replica a read could not begin on; the watch brings it back.
func (db *DB) readFailed(pool *sql.DB, err error) {
	for _, r := range db.replicas {
		if r.pool == pool && !r.down.Swap(true) {
			db.Logger.Warn("replica unreachable: reads go to the primary or other replicas", "replica", r.name, "err", err)
		}
	}
}

// check asks a replica how far it has replayed; primary is the primary's position (0: not
// known), for its lag. State changes are logged.
func (db *DB) check(ctx context.Context, r *replica, primary uint64) {
	at, err := queryLSN(ctx, r.pool, `SELECT pg_last_wal_replay_lsn()::text`)
	if err != nil {
		if !r.down.Swap(true) {
			db.Logger.Warn("replica unreachable: reads go to the primary or other replicas", "replica", r.name, "err", err)
		}
		return
	}
	if r.down.Swap(false) {
		db.Logger.Info("replica reachable again", "replica", r.name)
	}
	r.replayed.Store(at)
	if primary == 0 {
		return
	}
	lag := uint64(0)
	if primary > at {
		lag = primary - at
	}
	if behind := lag > db.ReplicaMaxLag; behind != r.behind.Swap(behind) {
		if behind {
			db.Logger.Warn("replica behind the primary: skipped", "replica", r.name, "lag_bytes", lag, "max", db.ReplicaMaxLag)
		} else {
			db.Logger.Info("replica caught up", "replica", r.name, "lag_bytes", lag)
		}
	}
}

// watch asks every replica how far it is, every ReplicaCheck, until ctx ends.
func (db *DB) watch(ctx context.Context) {
	defer db.watched.Done()
	t := time.NewTicker(db.ReplicaCheck)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		primary, err := queryLSN(ctx, db.W, `SELECT pg_current_wal_lsn()::text`)
		if err != nil {
			primary = 0
		}
		for _, r := range db.replicas {
			c, cancel := context.WithTimeout(ctx, db.ReplicaCheck)
			db.check(c, r, primary)
			cancel()
		}
	}
}

// reader picks the pool of a read: a replica that is up, not behind, and has replayed this
// process's last write, taking turns; it waits for one at most ReplicaWait, then reads from
// the primary.
func (db *DB) reader(ctx context.Context) *sql.DB {
	// The watch starts with the first read, once whoever opened the store has set its Logger.
	db.watchOnce.Do(func() {
		watch, stop := context.WithCancel(context.Background())
		db.stopWatch = stop
		db.watched.Add(1)
		go db.watch(watch)
	})
	need := db.written.Load()
	if need == ^uint64(0) {
		return db.R
	}
	deadline := time.Now().Add(db.ReplicaWait)
	for asked := false; ; asked = true {
		n := len(db.replicas)
		start := int(db.turn.Add(1))
		for i := range n {
			r := db.replicas[(start+i)%n]
			if r.down.Load() || r.behind.Load() {
				continue
			}
			if asked {
				db.check(ctx, r, 0)
			}
			if !r.down.Load() && r.replayed.Load() >= need {
				r.reads.Add(1)
				return r.pool
			}
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return db.R
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// ReplicaStatuses reports the replicas as last asked.
func (db *DB) ReplicaStatuses(ctx context.Context) []ReplicaStatus {
	primary, _ := queryLSN(ctx, db.W, `SELECT pg_current_wal_lsn()::text`)
	var out []ReplicaStatus
	for _, r := range db.replicas {
		s := ReplicaStatus{Name: r.name, Up: !r.down.Load(), Behind: r.behind.Load(), Reads: r.reads.Load()}
		if at := r.replayed.Load(); primary > at {
			s.Lag = primary - at
		}
		out = append(out, s)
	}
	return out
}

// closeReplicas stops the watch and closes the replicas' pools.
func (db *DB) closeReplicas() error {
	db.watchOnce.Do(func() {}) // no watch starts after this
	if db.stopWatch != nil {
		db.stopWatch()
		db.watched.Wait()
	}
	var errs []error
	for _, r := range db.replicas {
		errs = append(errs, r.pool.Close())
	}
	db.replicas = nil
	return errors.Join(errs...)
}
