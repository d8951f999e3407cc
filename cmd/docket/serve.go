package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/netip"
	"net/url"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/archive"
	"github.com/docketorg/docket/demo"
	dockethttp "github.com/docketorg/docket/http"
	"github.com/docketorg/docket/ingest"
	"github.com/docketorg/docket/ledger"
)

func (m *Main) runServe(ctx context.Context, args []string) error {
	f := m.newFlags("serve", `
Usage: docket serve [--addr HOST:PORT] [--demo] [--data DIR] [--archive [--archive-proxy URL]] [--witness]
                    [--trusted-proxy CIDR]... [--db postgres://... [--db-replica postgres://...]...]

Runs the web interface and the JSON API (/api/v1, described at /api/v1/openapi.json) until
interrupted. Visitors who do not sign in see reviewed public statements only; accounts come
from docket user add (the first: docket user add --admin NAME), API tokens from docket token
add. --demo loads the seed case first if the store lacks it. Behind a proxy that terminates
TLS, pass --secure-cookies so that session cookies are only ever sent over TLS, --origin
with the site's address: security keys and passkeys are bound to it (browsers offer them only
over HTTPS, or on localhost, and never at an IP address), and --trusted-proxy with the proxy's
addresses so that the sign-in throttle and the limits of heavy pages hold each person behind
it to their own address, not everyone to the proxy's.

What it fetches: nothing, unless archiving is on. Sources with a URL are queued for archiving
when they are recorded, but the server contacts no site of theirs until archiving is turned on,
with --archive or by an admin under Settings in the web (read before every job, so it holds
without a restart); then it fetches the queue, older sources first, from this machine's
address unless a proxy is set (--archive-proxy, or the stored setting), which then resolves
the names and is the only address connected to. --demo fetches nothing either. Contacting the
sites of the state one documents tells it that someone is looking, and from where: decide it.
The witnesses listed with docket witness use (none unless you add them) are sent each new
checkpoint to cosign.

The latest signed checkpoint is published at /checkpoint, with the cosignatures it gathered.
With --witness the server also cosigns the checkpoints of peers' logs added with docket
witness add-log (C2SP tlog-witness; its submission prefix is this server's URL and /witness),
each only if consistent with the last one it cosigned.

Examples:
  docket serve --demo
  docket serve --addr 0.0.0.0:8080 --data /srv/docket
  docket serve --archive --archive-proxy socks5h://127.0.0.1:9050
  docket serve --witness --addr 0.0.0.0:8080`, true)
	addr := f.String("addr", "127.0.0.1:8080", "address to listen on")
	keyFile := f.keyFlag()
	archiveOn := f.Bool("archive", false, "archive queued sources in the background, whatever the stored setting (default: the stored setting, off unless an admin turned it on)")
	af := f.archiveFlags()
	withDemo := f.Bool("demo", false, "load the seed case first if it is not loaded")
	secure := f.Bool("secure-cookies", false, "mark session cookies Secure (served over TLS by a proxy)")
	origin := f.String("origin", "", "the `URL` browsers reach this server at, such as https://docket.example.org, which security keys are bound to (default: each request's host)")
	publicMaxAge := f.Duration("public-max-age", 0, "let a shared cache or CDN hold public pages this long without asking again (0: it asks every time, and the validators answer 304)")
	var proxies []netip.Prefix
	f.Func("trusted-proxy", "a proxy, CDN or load balancer in front of the server, as a CIDR block or an address (repeatable): from it, the client's address is read from X-Forwarded-For, the rightmost entry that is not a trusted proxy; from anyone else the header is ignored", func(v string) error {
		p, err := dockethttp.ParseTrustedProxy(v)
		proxies = append(proxies, p)
		return err
	})
	signEvery := f.Duration("checkpoint-every", 10*time.Minute, "sign the ledger's head this often when it has grown (and at start and shutdown), and ask the witnesses of docket witness use to cosign it; /checkpoint and /api/v1/ledger/checkpoint serve the latest")
	asWitness := f.Bool("witness", false, "also serve as a witness: cosign the checkpoints of the logs added with docket witness add-log, at /witness/add-checkpoint")
	witnessKey := f.String("witness-key", "", "the witness's key `file` (default $XDG_CONFIG_HOME/docket/witness.key, made on first use)")
	pageCache := f.String("page-cache", "32MiB", "how much of the public's pages the server holds and answers again until the registry changes (KiB, MiB, GiB; 0 for none)")
	dbCache := f.String("db-cache", "0", "how much of a SQLite store's pages the server's four readers hold between them (KiB, MiB, GiB; 0 for SQLite's own, 2 MB a reader). More answers sooner and costs its size in memory: at ten million statements under 32 anonymous clients, 32MiB served 5,900 requests a second at a peak of 315 MB, the default 3,700 at 272 MB. PostgreSQL keeps its own cache")
	memLimit := f.String("memory-limit", "0", "a soft limit of the server's memory, such as 200MiB: past it the garbage collector works harder rather than let the heap grow (KiB, MiB, GiB; 0 for none; $GOMEMLIMIT, when set, rules unless this is given). Counting the statistics of ten million statements peaks at about 170 MB of RSS without a limit, and 32 anonymous clients at once at about 280 MB; a limit below what the server holds at once makes the collector take up to half the CPU")
	f.Func("db-replica", "a streaming standby of the PostgreSQL primary of --db, as a postgres:// URL (repeatable): pages, search and the API read from the standbys, writes go to the primary; a read after a write of this server waits a moment for a standby that has it, else reads the primary", func(v string) error {
		f.replicas = append(f.replicas, v)
		return nil
	})
	f.authorFlag()
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	if err := af.check(); err != nil {
		return err
	}
	pageBytes, err := sizeFlag("--page-cache", *pageCache)
	if err != nil {
		return err
	}
	readCache, err := sizeFlag("--db-cache", *dbCache)
	if err != nil {
		return err
	}
	f.readCache = int64(readCache)
	restore, err := m.setMemoryLimit(f, *memLimit)
	if err != nil {
		return err
	}
	defer restore()
	db, err := f.open(true)
	if err != nil {
		return err
	}
	defer db.Close()
	logger := slog.New(slog.NewTextHandler(m.Stderr, nil))
	db.Logger = logger
	if *withDemo {
		if ok, err := demo.Loaded(ctx, db); err != nil {
			return err
		} else if !ok {
			if err := demo.Load(ctx, db, f.operator()); err != nil {
				return err
			}
			logger.Info("loaded the seed case")
		}
	}
	key, err := f.loadKey(ctx, db, *keyFile, true)
	if err != nil {
		return err
	}
	s := dockethttp.NewServer(db)
	s.Addr, s.Logger, s.Verifier, s.SecureCookies, s.PublicMaxAge = *addr, logger, key.Verifier, *secure, *publicMaxAge
	s.TrustedProxies = proxies
	s.PageCacheBytes = pageBytes
	if db.replicas != nil {
		s.Replicas = func(ctx context.Context) []dockethttp.ReplicaStatus {
			var out []dockethttp.ReplicaStatus
			for _, r := range db.replicas(ctx) {
				out = append(out, dockethttp.ReplicaStatus{Name: r.Name, Up: r.Up, Behind: r.Behind, Lag: r.Lag, Reads: r.Reads})
			}
			return out
		}
	}
	s.WarmFigures = true
	if *origin != "" {
		u, err := url.Parse(*origin)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || (u.Path != "" && u.Path != "/") {
			return docket.Errorf(docket.EINVALID, "--origin %q: want the site's scheme and host, such as https://docket.example.org", *origin)
		}
		s.Origin = u.Scheme + "://" + u.Host
	}
	if *asWitness {
		w, err := m.witnessSigner(f, *witnessKey, "", true)
		if err != nil {
			return err
		}
		s.Witness = &ledger.Witness{Store: db, Signer: w, Logger: logger}
		logs, err := db.WitnessedLogs(ctx)
		if err != nil {
			return err
		}
		logger.Info("serving as a witness", "key", w.Verifier(), "logs", len(logs))
	}
	configure := m.archiveSettings(db, *archiveOn, af, logger)
	// A URL given to ingest in the web or the API is fetched only when the server archives:
	// the operator's switch, proxy and refusals hold for it as for the queue.
	s.Fetch = func(ctx context.Context, url string) (*ingest.Fetched, []byte, error) {
		fetcher, err := configure(ctx)
		if err != nil {
			return nil, nil, err
		} else if fetcher == nil {
			return nil, nil, docket.Errorf(docket.EINVALID, "%s was not fetched: archiving is off, so the server fetches nothing (an admin turns it on under Settings); download the page and upload the file", url)
		}
		return fetchDocument(ctx, fetcher, url)
	}
	s.ArchiveOn = func(ctx context.Context) bool {
		f, err := configure(ctx)
		return err == nil && f != nil
	}
	s.Evidence = evidence{db: db, key: key}
	if err := s.Open(); err != nil {
		return err
	}
	// Witnesses are contacted only when the operator listed them (docket witness use).
	cosigners, err := db.Cosigners(ctx)
	if err != nil {
		return err
	}
	var cosign func(context.Context, *docket.Checkpoint)
	if len(cosigners) > 0 {
		c := &ledger.WitnessClient{Store: db, Logger: logger}
		cosign = func(ctx context.Context, cp *docket.Checkpoint) {
			if names, _ := c.Cosign(ctx, cp); len(names) > 0 {
				logger.Info("checkpoint cosigned", "size", cp.Size, "witnesses", names)
			}
		}
		logger.Info("asking witnesses to cosign checkpoints", "witnesses", len(cosigners))
	}
	signed := make(chan struct{})
	go func() {
		ledger.SignEveryThen(ctx, db, key, *signEvery, logger, cosign)
		close(signed)
	}()
	defer func() { <-signed }() // the checkpoint at shutdown
	a := archive.NewArchiver(db)
	a.Logger = logger
	a.Configure = configure
	worked := make(chan struct{})
	go func() {
		defer close(worked)
		a.Work(ctx, cmp.Or(m.archivePoll, 5*time.Second))
	}()
	defer func() { <-worked }() // before the store closes
	logger.Info("serving", "url", s.URL(), "store", db.Path)
	fmt.Fprintf(m.Stdout, "Docket is at %s\n", s.URL())
	if m.Ready != nil {
		m.Ready(s.URL())
	}
	<-ctx.Done()
	return s.Close()
}

// archiveSettings returns what the background worker asks before each job: whether archiving
// is on (--archive, or the stored setting) and with which fetcher (the flags, else the
// stored settings). Every change is logged.
//
// Sources are queued while archiving is off, and the queue is kept: a job is a row in the
// store, not a request to anyone, and it is what lets the sources recorded meanwhile be
// preserved once an admin decides to archive (the settings page says so before they do).
// Not queuing would lose them for good, or leave a second path to queue them later.
func (m *Main) archiveSettings(db *store, forced bool, af *archiveFlags, logger *slog.Logger) func(context.Context) (*archive.Fetcher, error) {
	// The worker is the server itself, which acts for the operator, as the command line does.
	worker := docket.Viewer{Name: "docket serve", Role: docket.Admin, Cleared: true}
	last := ""
	return func(ctx context.Context) (*archive.Fetcher, error) {
		s, err := db.Settings(ctx, worker)
		if err != nil {
			return nil, err
		}
		var fetcher *archive.Fetcher
		state := []any{"on", false}
		if forced || s.Archive {
			if fetcher, err = af.fetcher(s); err != nil {
				return nil, err
			}
			state = append([]any{"on", true, "by", map[bool]string{true: "--archive", false: "the stored setting"}[forced]}, fetcherAttrs(fetcher)...)
		}
		if now := fmt.Sprint(state...); now != last {
			logger.Info("background archiving", state...)
			last = now
		}
		return fetcher, nil
	}
}

// evidence writes the web's WARC downloads and case bundles with the archive package and the
// ledger's key.
type evidence struct {
	db  *store
	key *ledger.Key
}

func (e evidence) WriteWARC(w io.Writer, snaps []*docket.Snapshot, body func(*docket.Snapshot) ([]byte, error)) error {
	ww := archive.NewWARCWriter(w, "Docket", time.Now())
	for _, s := range snaps {
		b, err := body(s)
		if err != nil {
			return err
		}
		if err := ww.Write(s, b); err != nil {
			return err
		}
	}
	return ww.Close()
}

func (e evidence) Bundle(ctx context.Context, caseID string) (any, error) {
	return ledger.BuildBundle(ctx, e.db, caseID, e.key)
}

// setMemoryLimit applies serve's --memory-limit, unless $GOMEMLIMIT is set and the flag was
// not given: a server's figures read the whole registry in parts, and without a limit the heap
// grows to twice what the parts hold at once before it is collected. It returns what sets the
// limit back.
func (m *Main) setMemoryLimit(f *flags, limit string) (restore func(), err error) {
	given := false
	f.Visit(func(fl *flag.Flag) { given = given || fl.Name == "memory-limit" })
	if !given && m.Getenv("GOMEMLIMIT") != "" {
		return func() {}, nil
	}
	size, err := sizeFlag("--memory-limit", limit)
	if err != nil {
		return nil, err
	}
	n := int64(size)
	if n == 0 {
		n = math.MaxInt64
	}
	old := debug.SetMemoryLimit(n)
	return func() { debug.SetMemoryLimit(old) }, nil
}

// sizeFlag reads the size a flag gives, saying which flag a bad one is.
func sizeFlag(name, s string) (int, error) {
	n, err := parseSize(s)
	if err == nil && n > math.MaxInt {
		err = errors.New("too large")
	}
	if err != nil {
		return 0, docket.Errorf(docket.EINVALID, "%s %q: %s", name, s, err)
	}
	return int(n), nil
}

// parseSize reads a size in bytes: a number with B, KiB, MiB or GiB (or none, for bytes).
func parseSize(s string) (int64, error) {
	units := []struct {
		suffix string
		n      int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"B", 1}, {"", 1}}
	for _, u := range units {
		if num, ok := strings.CutSuffix(s, u.suffix); ok {
			v, err := strconv.ParseInt(strings.TrimSpace(num), 10, 64)
			if err != nil || v < 0 || v > math.MaxInt64/u.n {
				return 0, errors.New("want a size such as 200MiB, 1GiB or 0")
			}
			return v * u.n, nil
		}
	}
	return 0, errors.New("want a size such as 200MiB, 1GiB or 0")
}
