// Command docket is a registry of politically motivated prosecutions: every fact a footnoted
// statement, every change in an append-only log. Run "docket help" for the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/sqlstore"
	"github.com/docketorg/docket/postgres"
	"github.com/docketorg/docket/sqlite"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	os.Exit(m.Run(ctx, os.Args[1:]))
}

// Main is the program, with its streams and environment injected so tests run the real wiring.
type Main struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// Ready, if set, is called by serve with the address it listens on.
	Ready func(addr string)

	archivePoll time.Duration // how often serve's idle archiver looks again; tests shorten it
}

// command is one subcommand.
type command struct {
	name, summary string
	run           func(m *Main, ctx context.Context, args []string) error
}

var commands []command

func init() {
	commands = []command{
		{"init", "create an empty store", (*Main).runInit},
		{"demo", "load the seed case (Aktau, 2019) and exit", (*Main).runDemo},
		{"serve", "run the web server and JSON API", (*Main).runServe},
		{"add", "add an entity, statements or a source", (*Main).runAdd},
		{"show", "show an entity by id or name, with footnotes", (*Main).runShow},
		{"list", "list entities", (*Main).runList},
		{"history", "show every change to an entity", (*Main).runHistory},
		{"search", "search names and statements in any script", (*Main).runSearch},
		{"retract", "retract a statement, with a reason", (*Main).runRetract},
		{"correct", "retract a statement and supersede it", (*Main).runCorrect},
		{"review", "list open proposals; accept, reject or edit one; or set a statement's status", (*Main).runReviewProposals},
		{"merge", "merge two entities that are the same", (*Main).runMerge},
		{"unmerge", "undo a merge", (*Main).runUnmerge},
		{"export", "write the store as JSON lines", (*Main).runExport},
		{"import", "read JSON lines into the store", (*Main).runImport},
		{"rebuild", "derive every view again from the change log", (*Main).runRebuild},
		{"migrate", "apply pending schema migrations", (*Main).runMigrate},
		{"copy", "move the whole store to another store (SQLite, PostgreSQL)", (*Main).runCopy},
		{"backup", "write an encrypted snapshot of the running store; restore one", (*Main).runBackup},
		{"audit", "read the security log: sign-ins, accounts, second factors, tokens", (*Main).runAudit},
		{"token", "manage API tokens: add, list, revoke", (*Main).runToken},
		{"user", "manage web accounts: add, grant, set a password, disable, remove", (*Main).runUser},
		{"vocab", "list vocabularies and criminal codes", (*Main).runVocab},
		{"key", "show the ledger's public verifier key", (*Main).runKey},
		{"checkpoint", "sign the ledger's head and print the checkpoint", (*Main).runCheckpoint},
		{"verify", "recompute the ledger and views and report any tampering", (*Main).runVerify},
		{"witness", "cosign peers' checkpoints, and have witnesses cosign ours", (*Main).runWitness},
		{"archive", "preserve a source's page now, with its chain of custody", (*Main).runArchive},
		{"warc", "export snapshots as WARC/1.1", (*Main).runWARC},
		{"bundle", "write a case's evidence bundle with proofs", (*Main).runBundle},
		{"verify-bundle", "check an evidence bundle offline with the public key", (*Main).runVerifyBundle},
		{"stats", "count outcomes, demands, sentences, durations, appeals and retaliation", (*Main).runStats},
		{"report", "write a case brief, prisoner list or appeal (HTML, Markdown, PDF)", (*Main).runReport},
		{"ingest", "propose records from a document (text, HTML, PDF) or URL, as drafts", (*Main).runIngest},
		{"eval", "score extraction on a corpus of documents with gold files", (*Main).runEval},
	}
}

// rawStdout reports whether a command's standard output is a file format meant for
// redirection, written byte for byte: JSON lines and FtM (export), WARC, an evidence bundle,
// a report (PDF, HTML, Markdown) and a signed checkpoint. Every other command's standard
// output, and every command's standard error, goes through a termWriter. (A switch rather
// than a field of command, so that the table's lines stay as they are.)
func rawStdout(name string) bool {
	switch name {
	case "export", "warc", "bundle", "report", "checkpoint":
		return true
	}
	return false
}

// errUsage is returned after a usage message has been printed; the exit status is 2.
var errUsage = errors.New("usage")

// Run runs one command line and returns the exit status.
func (m *Main) Run(ctx context.Context, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		if len(args) > 1 {
			return m.Run(ctx, []string{args[1], "--help"})
		}
		m.usage(m.Stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands {
		if c.name == args[0] {
			return m.runCommand(ctx, c, args[1:])
		}
	}
	stderr := newTermWriter(m.Stderr) // the unknown command is repeated
	defer stderr.Flush()
	fmt.Fprintf(stderr, "docket: unknown command %q\n\n", args[0])
	m.usage(stderr)
	return 2
}

// runCommand runs one command with its output on a termWriter, so that data it prints cannot
// control the terminal, and returns the exit status.
func (m *Main) runCommand(ctx context.Context, c command, args []string) int {
	tm := *m
	stderr := newTermWriter(m.Stderr)
	defer stderr.Flush()
	tm.Stderr = stderr
	if !rawStdout(c.name) {
		stdout := newTermWriter(m.Stdout)
		defer stdout.Flush()
		tm.Stdout = stdout
	}
	// The command line is a way in of its own, for the security log.
	ctx = docket.WithRequestInfo(ctx, docket.RequestInfo{Via: docket.ViaCommandLine, UserAgent: "docket " + c.name})
	err := c.run(&tm, ctx, args)
	switch {
	case err == nil || errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	fmt.Fprintf(stderr, "docket %s: %s\n", c.name, errorText(err))
	return 1
}

// errorText is what a user sees: the message of an application error, or the error itself
// on the command line, where the operator may see everything.
func errorText(err error) string {
	var e *docket.Error
	if errors.As(err, &e) {
		return e.Message
	}
	return err.Error()
}

func (m *Main) usage(w io.Writer) {
	fmt.Fprint(w, `Docket keeps a registry of politically motivated prosecutions: every fact a statement
with its source, every change kept.

Usage: docket COMMAND [arguments] [flags]

Commands:
`)
	for _, c := range commands {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Every command takes --help. Start with:
  docket serve --demo      the web interface and API at http://127.0.0.1:8080 with the seed case
`)
}

// flags is a command's flag set with its usage text.
type flags struct {
	*flag.FlagSet
	m       *Main
	data    string
	db      string
	noMig   bool
	jsonOut bool
	author  string
	keyPass string // --key-passphrase-file
	// --data-key and --data-key-passphrase-file: see datakey.go
	dataKey, dataKeyPass string
	// replicas are URLs of PostgreSQL standbys that reads go to (serve --db-replica).
	replicas []string
	// readCache is the bytes of pages a SQLite store's readers hold (serve --db-cache).
	readCache int64
}

// newFlags makes a flag set whose --help prints usage (a synopsis and an example) and the
// flags. store adds --data, --db and --no-migrate.
func (m *Main) newFlags(name, usage string, store bool) *flags {
	f := &flags{FlagSet: flag.NewFlagSet(name, flag.ContinueOnError), m: m}
	f.SetOutput(m.Stderr)
	f.Usage = func() {
		fmt.Fprintf(m.Stdout, "%s\n\nFlags:\n", strings.TrimSpace(usage))
		f.SetOutput(m.Stdout)
		f.PrintDefaults()
		f.SetOutput(m.Stderr)
	}
	if store {
		f.StringVar(&f.data, "data", "", "data `directory` of the SQLite store (default $DOCKET_DATA or "+defaultDataDir(m.Getenv)+")")
		f.StringVar(&f.db, "db", "", "store `URL`: sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DATABASE (also $DOCKET_DB)")
		f.BoolVar(&f.noMig, "no-migrate", false, "refuse to open a store with pending migrations instead of applying them")
		f.dataKeyFlags()
	}
	return f
}

func (f *flags) jsonFlag() { f.BoolVar(&f.jsonOut, "json", false, "write JSON instead of a table") }

func (f *flags) authorFlag() {
	f.StringVar(&f.author, "author", "", "name recorded as the author of changes (default $DOCKET_AUTHOR or $USER)")
}

// parse parses flags that may come before, between or after the arguments, as users type
// them: the standard package stops at the first argument, so parse the rest again.
func (f *flags) parse(args []string, minArgs, maxArgs int) ([]string, error) {
	var pos []string
	for {
		if err := f.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, errUsage
		}
		rest := f.Args()
		// flag stops after "--": everything following is an argument.
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			pos = append(pos, rest...)
			break
		}
		if len(rest) == 0 {
			break
		}
		pos, args = append(pos, rest[0]), rest[1:]
	}
	if len(pos) < minArgs || (maxArgs >= 0 && len(pos) > maxArgs) {
		fmt.Fprintf(f.m.Stderr, "docket %s: wrong number of arguments; see docket %s --help\n", f.Name(), f.Name())
		return nil, errUsage
	}
	return pos, nil
}

func defaultDataDir(getenv func(string) string) string {
	if d := getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "docket")
	}
	if h := getenv("HOME"); h != "" {
		return filepath.Join(h, ".local", "share", "docket")
	}
	return "docket-data"
}

// storeURL resolves --db, --data and the environment to a store URL: sqlite:PATH, or a
// postgres:// (postgresql://) URL.
func (f *flags) storeURL() (string, error) {
	db := f.db
	if db == "" && f.data == "" {
		db = f.m.Getenv("DOCKET_DB")
	}
	if db != "" {
		if p, ok := strings.CutPrefix(db, "sqlite:"); (ok && p != "") || isPostgres(db) {
			return db, nil
		}
		return "", docket.Errorf(docket.EINVALID, "--db %q: want sqlite:PATH or postgres://USER@HOST/DATABASE", db)
	}
	dir := f.data
	if dir == "" {
		dir = f.m.Getenv("DOCKET_DATA")
	}
	if dir == "" {
		dir = defaultDataDir(f.m.Getenv)
	}
	return "sqlite:" + filepath.Join(dir, "docket.db"), nil
}

// storePath returns the file of a SQLite store, or "" for a PostgreSQL store.
func (f *flags) storePath() (string, error) {
	u, err := f.storeURL()
	if err != nil || isPostgres(u) {
		return "", err
	}
	return strings.TrimPrefix(u, "sqlite:"), nil
}

// open opens the store. Commands that only read refuse a store that does not exist rather
// than leave an empty one behind; commands that write create it.
func (f *flags) open(create bool) (*store, error) {
	u, err := f.storeURL()
	if err != nil {
		return nil, err
	}
	if len(f.replicas) > 0 && !isPostgres(u) {
		return nil, docket.Errorf(docket.EINVALID, "--db-replica needs a PostgreSQL store (--db postgres://...), not %s", u)
	}
	db, err := openStoreWith(u, storeOptions{create: create, noMigrate: f.noMig, replicas: f.replicas, readCache: f.readCache})
	if err != nil {
		return nil, err
	}
	if err := f.useDataKey(context.Background(), db); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// store is an open store on either backend, as commands use it: the shared SQL store, where
// it is, and its backend.
type store struct {
	*sqlstore.Store
	// Path says where the store is, for messages: the SQLite file, or the PostgreSQL server and
	// database without the password.
	Path       string
	backend    io.Closer
	migrations []string // the migrations the backend ships
	// replicas reports the PostgreSQL standbys reads go to; nil without any.
	replicas func(context.Context) []postgres.ReplicaStatus
}

// Close closes the store.
func (s *store) Close() error { return s.backend.Close() }

var _ docket.Store = (*store)(nil)

func isPostgres(u string) bool {
	return strings.HasPrefix(u, "postgres://") || strings.HasPrefix(u, "postgresql://")
}

// openStore opens the store at u, sqlite:PATH or a postgres:// URL, applying pending
// migrations unless noMigrate. A SQLite file that does not exist is created only when create
// is set; a PostgreSQL database is made by its administrator, and an empty one is a store
// with nothing in it.
func openStore(u string, create, noMigrate bool) (*store, error) {
	return openStoreWith(u, storeOptions{create: create, noMigrate: noMigrate})
}

// storeOptions are openStore's arguments and what docket serve adds to them.
type storeOptions struct {
	create, noMigrate bool
	replicas          []string // URLs of PostgreSQL standbys that reads go to
	readCache         int64    // bytes of pages a SQLite store's readers hold; 0 for SQLite's default
}

// openStoreWith is openStore with all its options.
func openStoreWith(u string, o storeOptions) (*store, error) {
	if isPostgres(u) {
		db := postgres.NewDB(u)
		db.NoMigrate, db.Replicas = o.noMigrate, o.replicas
		if err := db.Open(); err != nil {
			return nil, err
		}
		st := &store{Store: db.Store, Path: redactURL(u), backend: db, migrations: postgres.Migrations()}
		if len(o.replicas) > 0 {
			st.replicas = db.ReplicaStatuses
		}
		return st, nil
	}
	path, ok := strings.CutPrefix(u, "sqlite:")
	if !ok || path == "" {
		return nil, docket.Errorf(docket.EINVALID, "store %q: want sqlite:PATH or postgres://USER@HOST/DATABASE", u)
	}
	if _, err := os.Stat(path); err != nil && !o.create {
		return nil, docket.Errorf(docket.ENOTFOUND, "no store at %s: run docket init or docket demo, or pass --data", path)
	}
	db := sqlite.NewDB(path)
	db.NoMigrate, db.ReadCacheBytes = o.noMigrate, o.readCache
	if err := db.Open(); err != nil {
		return nil, err
	}
	return &store{Store: db.Store, Path: path, backend: db, migrations: sqlite.Migrations()}, nil
}

// redactURL returns a URL fit for messages and logs: without its password.
func redactURL(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return "the PostgreSQL server"
	}
	if q := p.Query(); q.Has("password") {
		q.Set("password", "xxxxx")
		p.RawQuery = q.Encode()
	}
	return p.Redacted()
}

// operator is who runs the command line: the holder of the data, with full access.
func (f *flags) operator() docket.Viewer {
	name := f.author
	for _, k := range []string{"DOCKET_AUTHOR", "USER", "LOGNAME"} {
		if name == "" {
			name = f.m.Getenv(k)
		}
	}
	if name == "" {
		name = "operator"
	}
	return docket.Operator(name)
}

// writer is the operator as the records it builds itself name it, by its author id (registered
// on its first write): commands that make records outside the store (ingest, CSV and FtM
// imports) need the id before the store sees them.
func (f *flags) writer(ctx context.Context, db *store) (docket.Viewer, error) {
	v := f.operator()
	var err error
	v.Author, err = db.AuthorOf(ctx, v)
	return v, err
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
