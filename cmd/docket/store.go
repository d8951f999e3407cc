package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/backup"
	"github.com/docketorg/docket/ftm"
)

func (m *Main) runInit(ctx context.Context, args []string) error {
	f := m.newFlags("init", `
Usage: docket init [--data DIR | --db URL]

Creates an empty store (a SQLite file, or Docket's tables in a PostgreSQL database) and
applies migrations. Optional: every command that writes creates the store when it is absent.

Example:
  docket init --data ./registry`, true)
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	db, err := f.open(true)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(m.Stdout, "store ready at %s\n", db.Path)
	return nil
}

func (m *Main) runMigrate(ctx context.Context, args []string) error {
	f := m.newFlags("migrate", `
Usage: docket migrate [--data DIR | --db URL]

Applies pending schema migrations, on SQLite and PostgreSQL alike. Opening a store does this
too, unless --no-migrate is given: run docket migrate once, then start servers with
--no-migrate, so that no server changes the schema under another.

Examples:
  docket migrate --data ./registry
  docket migrate --db postgres://docket@db.example.org/registry`, true)
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	u, err := f.storeURL()
	if err != nil {
		return err
	}
	probe, err := openStore(u, true, true)
	if err == nil {
		defer probe.Close()
		fmt.Fprintf(m.Stdout, "no pending migrations: %s is at %s\n", probe.Path, probe.migrations[len(probe.migrations)-1])
		return nil
	} else if docket.ErrorCode(err) != docket.ECONFLICT {
		return err
	}
	db, err := openStore(u, true, false)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(m.Stdout, "migrated %s to %s\n", db.Path, db.migrations[len(db.migrations)-1])
	return nil
}

func (m *Main) runRebuild(ctx context.Context, args []string) error {
	f := m.newFlags("rebuild", `
Usage: docket rebuild [--data DIR]

Derives every view (entities, statements, merges, the search index) again from the change
log, which is the record of truth. Use it after an upgrade that changes how views are built.

Example:
  docket rebuild --data ./registry`, true)
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	db, err := f.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	p := m.progress("rebuilt")
	if err := db.Rebuild(ctx, p.report); err != nil {
		return err
	}
	p.done()
	return nil
}

func (m *Main) runExport(ctx context.Context, args []string) error {
	f := m.newFlags("export", `
Usage: docket export [--public] [--encrypt-to RECIPIENT | --passphrase-file FILE] [--data DIR] > FILE

Writes the store as JSON lines, one record a line with a "kind", in commit order: the full
backup (entities, sources, statements of every status and sensitivity, retractions, reviews,
merges and unmerges). It holds confidential data: keep it as safe as the store. Tokens and
keys are never in it.

--public writes only what an anonymous visitor may see: current, reviewed, public statements
and the entities and sources they need.

--format ftm writes FollowTheMoney entities (the model of OCCRP Aleph and OpenSanctions) as
JSON lines: Person, Organization, PublicBody, CourtCase, CourtCaseParty, Event, Position and
Occupancy, with the current statements' values and their source URLs. Published FtM files
should always be made with --public.

--encrypt-to RECIPIENT (an age key, age1…, as docket backup keygen or age-keygen make; may be
given more than once), --recipients-file FILE or --passphrase-file FILE encrypt the export
with age; docket import FILE --identity KEYFILE (or --passphrase-file) reads it back, and the
decrypted export is byte for byte the one that was encrypted. Every export is written to the
security log.

Examples:
  docket export --data ./registry > backup.jsonl
  docket export --encrypt-to age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p > backup.jsonl.age
  docket export --public > published.jsonl
  docket export --format ftm --public > published.ftm.jsonl`, true)
	public := f.Bool("public", false, "write only what an anonymous visitor may see")
	format := f.String("format", "docket", "docket (the backup's records) or ftm (FollowTheMoney entities)")
	enc := f.encryptFlags()
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	if *format != "docket" && *format != "ftm" {
		return docket.Errorf(docket.EINVALID, "--format %q: want docket or ftm", *format)
	}
	rs, err := enc.toRecipients()
	if err != nil {
		return err
	}
	if len(rs) > 0 && isTerminal(m.Stdout) {
		return docket.Errorf(docket.EINVALID, "an encrypted export is binary: redirect it to a file (docket export --encrypt-to ... > FILE)")
	}
	db, err := f.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	out := io.Writer(m.Stdout)
	var ew io.WriteCloser
	if len(rs) > 0 {
		if ew, err = backup.Encrypt(m.Stdout, rs); err != nil {
			return err
		}
		out = ew
	}
	w := bufio.NewWriter(out)
	v := f.operator()
	if *public {
		v = docket.AnonymousViewer
	}
	n := 0
	if *format == "ftm" {
		err = exportFtM(ctx, db, v, w)
	} else {
		err = db.Export(ctx, v, *public, func(r *docket.Record) error {
			line, err := json.Marshal(r)
			if err != nil {
				return err
			}
			n++
			w.Write(line)
			return w.WriteByte('\n')
		})
	}
	if err == nil {
		err = w.Flush()
	}
	if err == nil && ew != nil {
		err = ew.Close()
	}
	if err != nil {
		return err
	}
	what := "full"
	if *public {
		what = "public"
	}
	detail := fmt.Sprintf("%s export, %s format", what, *format)
	if n > 0 {
		detail += fmt.Sprintf(", %d records", n)
	}
	if len(rs) > 0 {
		detail += ", " + enc.encryptedTo(len(rs))
	} else {
		detail += ", not encrypted"
	}
	f.logSecurity(ctx, db, docket.SecExport, detail)
	return nil
}

// maxLine caps one line of an import: a record holds at most a long text and its fields.
const maxLine = 1 << 20

func (m *Main) runImport(ctx context.Context, args []string) error {
	f := m.newFlags("import", `
Usage: docket import FILE|- [--format docket|ftm|csv] [--data DIR]

Reads JSON lines as written by docket export into the store, in one transaction: a bad line
(malformed JSON, an unknown schema or property, an impossible date, a reference to nothing)
is reported with its line number and nothing is written. Ids are kept, so importing a backup
into an empty store gives a store whose export is byte-identical.

--format ftm reads FollowTheMoney entities (JSON lines, as Aleph and OpenSanctions write
them): Person, Organization, PublicBody, Company, LegalEntity, CourtCase, CourtCaseParty,
Event, Position and Occupancy become Docket's entities, their values draft statements cited to
a source for the file, for a person to review. An unknown schema or a link to nothing is an
error naming the line or entity, and nothing is written.

--format csv reads a spreadsheet saved as CSV (UTF-8, or --encoding windows-1251; the first
row names the columns) through a column mapping (--map FILE), one line a column:

  # cases.map
  Defendant            = Person.name
  Defendant (Cyrillic) = Person.name lang=ru
  Born                 = Person.birthDate
  Case no.             = Case.number
  Article              = Charge.article
  Court                = Organization.name
  Ruling date          = Proceeding.date
  Outcome              = Proceeding.outcome
  Sentence             = Proceeding.sentence
  Judge                = Proceeding.judge
  Link                 = source
  const Organization.kind = court
  const Proceeding.stage  = first instance

Each row makes one record of every schema the mapping names, linked to each other (the case's
defendant is the row's person; the charge is in the case; the proceeding is in the case, on
the charge, at the row's court). A person on several rows (same name in any
spelling or script, same date of birth; without a date of birth, every row's person is a
record of its own, for an editor to merge) is one record, as is a case with the same number; a court
already in the registry is linked to, not made again. A column of a link (Judge above) names a
record of the file or of the registry by name or id. Facts are drafts for review (--status
reported if they were checked), cited to the row's Link, to --source, or to a source made for
the file. Every value is checked: a bad one is reported by line and column, and nothing is
imported unless --skip-bad-rows, which imports the other rows and lists those it left out.
--dry-run checks it all and says what would be made.

Examples:
  docket import backup.jsonl --data ./restored
  docket export --data a | docket import - --data b
  docket import --format ftm entities.ftm.jsonl
  docket import --format csv cases.csv --map cases.map --dry-run
  docket import --format csv cases.csv --map cases.map --skip-bad-rows`, true)
	f.authorFlag()
	format := f.String("format", "docket", "docket (records of docket export), ftm (FollowTheMoney entities) or csv (a spreadsheet, with --map)")
	cf := f.csvFlags()
	dec := f.decryptFlags()
	pos, err := f.parse(args, 1, 1)
	if err != nil {
		return err
	}
	switch *format {
	case "csv":
		return m.importCSV(ctx, f, cf, pos[0])
	case "docket", "ftm":
		if cf.mapping != "" || cf.dryRun || cf.skipBad {
			return docket.Errorf(docket.EINVALID, "--map, --dry-run and --skip-bad-rows are for --format csv")
		}
	default:
		return docket.Errorf(docket.EINVALID, "--format %q: want docket, ftm or csv", *format)
	}
	var in io.Reader = m.Stdin
	if pos[0] != "-" {
		file, err := os.Open(pos[0])
		if err != nil {
			return err
		}
		defer file.Close()
		in = file
	}
	// An export encrypted with age (docket export --encrypt-to) is read through its key.
	br := bufio.NewReader(in)
	in = br
	encrypted := backup.Encrypted(br)
	if encrypted {
		ids, err := dec.toIdentities()
		if err != nil {
			return err
		}
		if in, err = backup.Decrypt(br, ids); err != nil {
			return prefixError(err, "%s (nothing was imported)", pos[0])
		}
		dbr := bufio.NewReader(in)
		if head, _ := dbr.Peek(len(backup.HeaderLine)); string(head) == backup.HeaderLine {
			return docket.Errorf(docket.EINVALID, "%s is a backup of a whole store, not an export: restore it with docket backup restore", pos[0])
		}
		in = dbr
	} else if len(dec.identities) > 0 || dec.passphraseFile != "" {
		fmt.Fprintf(m.Stderr, "%s is not encrypted: --identity and --passphrase-file are not needed\n", pos[0])
	}
	if *format == "ftm" {
		ents, err := ftm.ReadEntities(in)
		if err != nil {
			return err
		}
		db, err := f.open(true)
		if err != nil {
			return err
		}
		defer db.Close()
		v, err := f.writer(ctx, db)
		if err != nil {
			return err
		}
		recs, err := ftm.Records(ents, filepath.Base(pos[0]), v.Author, time.Now().UTC().Truncate(time.Microsecond), func(id string) bool {
			_, err := db.FindEntityByID(ctx, v, id)
			return err == nil
		})
		if err != nil {
			return err
		}
		i := 0
		n, err := db.ImportAlone(ctx, v, func() (*docket.Record, error) {
			if i == len(recs) {
				return nil, nil
			}
			i++
			return recs[i-1], nil
		}, nil)
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stderr, "imported %d FtM entities as %d records (draft statements for review)\n", len(ents), n)
		return nil
	}
	db, err := f.open(true)
	if err != nil {
		return err
	}
	defer db.Close()
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64*1024), maxLine)
	line := 0
	// The records read before each blank line: errors name records by number, and the import
	// reads ahead of the record it is checking, so lines are counted back from the number.
	var blanks []int
	records := 0
	next := func() (*docket.Record, error) {
		for sc.Scan() {
			line++
			b := sc.Bytes()
			if len(bytes.TrimSpace(b)) == 0 {
				blanks = append(blanks, records)
				continue
			}
			r, err := docket.DecodeRecord(b)
			if err != nil {
				// A line cut short by a read error (an encrypted file damaged at its end) is
				// that error, not bad JSON.
				if rerr := sc.Err(); rerr != nil {
					return nil, rerr
				}
				return nil, docket.Errorf(docket.EINVALID, "line %d: %s", line, jsonError(err))
			}
			records++
			return r, nil
		}
		if err := sc.Err(); errors.Is(err, bufio.ErrTooLong) {
			return nil, docket.Errorf(docket.ETOOLARGE, "line %d: longer than %d bytes", line+1, maxLine)
		} else if err != nil {
			return nil, err
		}
		return nil, nil
	}
	// The import is one transaction, all or nothing: it holds the store's write lock until it
	// ends, and says so, for whoever else has the store open.
	fmt.Fprintf(m.Stderr, "importing into %s in one transaction: until it ends, other programs' writes to this store (a running docket serve's) are refused as busy, with a request to try again\n", db.Path)
	p := m.progress("imported")
	defer tuneGC()()
	n, err := db.ImportAlone(ctx, f.operator(), next, p.report)
	if err != nil {
		var e *docket.Error
		var rec int
		if errors.As(err, &e) && strings.HasPrefix(e.Message, "record ") {
			if _, serr := fmt.Sscanf(e.Message, "record %d:", &rec); serr == nil {
				l := rec
				for _, k := range blanks {
					if k < rec {
						l++
					}
				}
				return docket.Errorf(e.Code, "line %d: %s", l, e.Message[strings.Index(e.Message, ": ")+2:])
			}
		}
		return err
	}
	p.done()
	fmt.Fprintf(m.Stderr, "imported %d records into %s\n", n, db.Path)
	detail := fmt.Sprintf("%d records from %s", n, filepath.Base(pos[0]))
	if encrypted {
		detail += ", decrypted"
	}
	f.logSecurity(ctx, db, docket.SecImport, detail)
	return nil
}

// tuneGC sets the garbage collector for importing a whole file, and returns what sets it back.
// An import allocates fast and keeps little, so collecting a quarter as often (GOGC 400) saves a
// sixth of its time; the soft limit makes the collector work harder as the heap nears it, so
// that an import of any size stays well under a gigabyte.
func tuneGC() (restore func()) {
	gc := debug.SetGCPercent(400)
	limit := debug.SetMemoryLimit(768 << 20)
	return func() {
		debug.SetGCPercent(gc)
		debug.SetMemoryLimit(limit)
	}
}

// jsonError says what is wrong with a JSON line in words a user can act on.
func jsonError(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("malformed JSON at byte %d: %s", se.Offset, se.Error())
	case errors.As(err, &te):
		return fmt.Sprintf("field %q: want a %s, not %s", te.Field, te.Type, te.Value)
	}
	return errorText(err)
}

// progress reports long work on stderr, overwriting one line when stderr is a terminal.
type progress struct {
	m     *Main
	verb  string
	tty   bool
	term  io.Writer // stderr when it is a terminal, for the progress line's own controls
	start time.Time
	last  time.Time
	n     int64
}

func (m *Main) progress(verb string) *progress {
	p := &progress{m: m, verb: verb, start: time.Now()}
	w := m.Stderr
	if t, ok := w.(*termWriter); ok {
		w = t.w // the line holds no data: its \r and erase go to the terminal as they are
	}
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.tty, p.term = true, f
		}
	}
	return p
}

func (p *progress) report(done, total int64) {
	p.n = done
	if time.Since(p.last) < 200*time.Millisecond && done != total {
		return
	}
	p.last = time.Now()
	rate := float64(done) / max(time.Since(p.start).Seconds(), 1e-3)
	msg := fmt.Sprintf("%s %d", p.verb, done)
	if total > 0 {
		msg += fmt.Sprintf(" of %d (%.0f%%)", total, 100*float64(done)/float64(total))
	}
	msg += fmt.Sprintf(", %.0f/s", rate)
	if p.tty {
		fmt.Fprintf(p.term, "\r%s\033[K", msg)
	} else {
		fmt.Fprintln(p.m.Stderr, msg)
	}
}

func (p *progress) done() {
	if p.tty && !p.last.IsZero() {
		fmt.Fprintln(p.m.Stderr)
	}
}

// exportFtM writes every entity v may see as FollowTheMoney entities.
func exportFtM(ctx context.Context, db docket.Store, v docket.Viewer, w io.Writer) error {
	fw := ftm.NewWriter(w)
	captions := map[string]string{}
	fw.Captions = func(id string) string {
		if c, ok := captions[id]; ok {
			return c
		}
		c := id
		if e, err := db.FindEntityByID(ctx, v, id); err == nil {
			c = e.Caption
		}
		captions[id] = c
		return c
	}
	urls := map[string]string{}
	fw.Sources = func(id string) string {
		if id == "" {
			return ""
		}
		if u, ok := urls[id]; ok {
			return u
		}
		u := ""
		if s, err := db.FindSourceByID(ctx, v, id); err == nil {
			u = s.URL
		}
		urls[id] = u
		return u
	}
	for offset := 0; ; offset += 1000 {
		ents, _, err := db.FindEntities(ctx, v, docket.EntityFilter{Limit: 1000, Offset: offset})
		if err != nil {
			return err
		}
		for _, e := range ents {
			full, err := db.FindEntityByID(ctx, v, e.ID)
			if err != nil {
				return err
			}
			if err := fw.Write(full); err != nil {
				return err
			}
		}
		if len(ents) < 1000 {
			return nil
		}
	}
}
