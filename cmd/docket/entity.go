package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/translit"
)

// statementFlags are the provenance flags shared by add and correct.
type statementFlags struct {
	source, locator, quote, sensitivity, status, lang string
}

func (f *flags) statementFlags() *statementFlags {
	s := &statementFlags{}
	f.StringVar(&s.source, "source", "", "source `ID or URL` of the statements; an unknown URL becomes a new source")
	f.StringVar(&s.locator, "locator", "", "where in the source: footnote, page or paragraph")
	f.StringVar(&s.quote, "quote", "", "a few words of the source")
	f.StringVar(&s.sensitivity, "sensitivity", "internal", "public, internal or confidential")
	f.StringVar(&s.status, "status", "", "draft, reported, corroborated, verified or disputed (default: reported with a source, draft without)")
	f.StringVar(&s.lang, "lang", "", "language of the values (en, ru, kk)")
	return s
}

// resolveSource finds the source named by id or URL, creating a source for an unknown URL.
func (s *statementFlags) resolveSource(ctx context.Context, db *store, v docket.Viewer, sens docket.Sensitivity) (string, error) {
	if s.source == "" {
		return "", nil
	}
	if !strings.Contains(s.source, "://") {
		if _, err := db.FindSourceByID(ctx, v, s.source); err != nil {
			return "", err
		}
		return s.source, nil
	}
	src := &docket.Source{URL: s.source, Sensitivity: sens}
	_, err := docket.AddSource(ctx, db, v, src)
	return src.ID, err
}

func (s *statementFlags) statement(prop, value, source string) (*docket.Statement, error) {
	sens, err := docket.ParseSensitivity(s.sensitivity)
	if err != nil {
		return nil, err
	}
	st := &docket.Statement{Property: prop, Value: value, Source: source, Locator: s.locator, Quote: s.quote, Sensitivity: sens, Lang: s.lang}
	if s.status != "" {
		if st.Status, err = docket.ParseStatus(s.status); err != nil {
			return nil, err
		}
	}
	return st, nil
}

func (m *Main) runAdd(ctx context.Context, args []string) error {
	f := m.newFlags("add", `
Usage:
  docket add SCHEMA property=value... [--source URL|ID] [flags]   a new entity
  docket add ENTITY property=value... [--source URL|ID] [flags]   statements about an entity
  docket add source URL [--title T] [--publisher P] [--type T] [--published DATE]

A source whose URL is recorded already is reused, and the command says so. A Person or an
Organization whose name (or alias), in any script or spelling, a record already has is
refused with the list of those records: add the facts to one of them by its id, or give
--new if it is someone else of the same name.

Schemas: Person, Organization, Position, Case, Charge, Proceeding, Event, Statistic. Every
value is a statement; with a source it is reported, without one a draft. Statements are
internal unless --sensitivity says otherwise. Dates keep their precision: 2019-02-06,
2019-02, 2019, --02-06 (no year), ~2019 (approximate). A property given twice gives two
statements. References name entity ids.

Examples:
  docket add Person name="Yerlan Dzhaksybekov" occupation=activist --source https://example.org/a --sensitivity public
  docket add 01JD3K0Q8M2X4Y6Z alias="Айгуль Акбердиева" --lang ru
  docket add Event type=detention date=2019-02-11 place=Aktau victim=01JD3K0Q8M2X4Y6Z
  docket add source https://tumba.kz/41092.html --title "Judge removed" --type news`, true)
	sf := f.statementFlags()
	title := f.String("title", "", "source title (add source)")
	publisher := f.String("publisher", "", "source publisher (add source)")
	kind := f.String("type", "", "source type: "+strings.Join(docket.Vocab.IDs("source-kind"), ", ")+" (add source)")
	published := f.String("published", "", "source publication date (add source)")
	citedIn := f.String("cited-in", "", "`ID` of the source whose footnote cites this one (add source)")
	id := f.String("id", "", "id of the new entity or source (default: generated)")
	isNew := f.Bool("new", false, "make a new Person or Organization even if a record of its name exists")
	f.authorFlag()
	f.jsonFlag()
	pos, err := f.parse(args, 1, -1)
	if err != nil {
		return err
	}
	db, err := f.open(true)
	if err != nil {
		return err
	}
	defer db.Close()
	v := f.operator()
	sens, err := docket.ParseSensitivity(sf.sensitivity)
	if err != nil {
		return err
	}
	if strings.EqualFold(pos[0], "source") {
		src := &docket.Source{ID: *id, Title: *title, Publisher: *publisher, Type: *kind, Published: *published, CitedIn: *citedIn, Lang: sf.lang, Sensitivity: sens}
		if len(pos) > 1 {
			src.URL = pos[1]
		}
		if len(pos) > 2 {
			return docket.Errorf(docket.EINVALID, "add source takes one URL; other details go in flags")
		}
		reused, err := docket.AddSource(ctx, db, v, src)
		if err != nil {
			return err
		}
		if reused {
			if f.jsonOut {
				return writeJSON(m.Stdout, map[string]any{"reused": true, "source": src})
			}
			fmt.Fprintf(m.Stdout, "reused source %s: %s is recorded already (nothing was added)\n", src.ID, src.URL)
			return nil
		}
		return m.printCreated(f, "source", src.ID, src)
	}
	var pairs [][2]string
	for _, a := range pos[1:] {
		k, val, ok := strings.Cut(a, "=")
		if !ok || k == "" {
			return docket.Errorf(docket.EINVALID, "argument %q: want property=value", a)
		}
		pairs = append(pairs, [2]string{k, val})
	}
	source, err := sf.resolveSource(ctx, db, v, sens)
	if err != nil {
		return err
	}
	var stmts []*docket.Statement
	for _, p := range pairs {
		s, err := sf.statement(p[0], p[1], source)
		if err != nil {
			return err
		}
		stmts = append(stmts, s)
	}
	if _, err := docket.SchemaByName(pos[0]); err == nil {
		if names := docket.NewNames(pos[0], stmts); len(names) > 0 && !*isNew {
			cands, err := docket.NameMatches(ctx, db, v, pos[0], names...)
			if err != nil {
				return err
			}
			if len(cands) > 0 {
				for _, c := range cands {
					fmt.Fprintf(m.Stderr, "  %s\t%s\n", c.ID, c.Caption)
				}
				return docket.Errorf(docket.ECONFLICT, "a %s of this name is recorded already (listed above): add the facts to it with docket add ID property=value, or give --new if this is someone else",
					strings.ToLower(pos[0]))
			}
		}
		e := &docket.Entity{ID: *id, Schema: pos[0]}
		if err := db.CreateEntity(ctx, v, e, stmts); err != nil {
			return err
		}
		e.Statements = stmts
		return m.printCreated(f, e.Schema, e.ID, e)
	}
	if len(stmts) == 0 {
		return docket.Errorf(docket.EINVALID, "%q is not a schema; to add statements to an entity give property=value pairs", pos[0])
	}
	e, err := db.FindEntityByID(ctx, v, pos[0])
	if err != nil {
		return docket.Errorf(docket.EINVALID, "%q is neither a schema (%s) nor an entity id", pos[0], schemaNames())
	}
	for _, s := range stmts {
		s.Entity = e.ID
	}
	if err := db.AddStatements(ctx, v, stmts); err != nil {
		return err
	}
	return m.printCreated(f, "statements on", e.ID, stmts)
}

func schemaNames() string {
	var names []string
	for _, s := range docket.Schemas {
		names = append(names, s.Name)
	}
	return strings.Join(names, ", ")
}

func (m *Main) printCreated(f *flags, what, id string, v any) error {
	if f.jsonOut {
		return writeJSON(m.Stdout, v)
	}
	fmt.Fprintf(m.Stdout, "added %s %s\n", what, id)
	if ss, ok := v.([]*docket.Statement); ok {
		for _, s := range ss {
			fmt.Fprintf(m.Stdout, "  %s %s=%s (%s)\n", s.ID, s.Property, s.Value, s.Status)
		}
	} else if e, ok := v.(*docket.Entity); ok {
		for _, s := range e.Statements {
			fmt.Fprintf(m.Stdout, "  %s %s=%s (%s)\n", s.ID, s.Property, s.Value, s.Status)
		}
	}
	return nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// viewerFlag adds --public, to read as an anonymous visitor does.
// viewerFlag adds --public, to read as an anonymous visitor does, and --token-file, to read as
// an API token's bearer does; without either, the command reads as the operator. It returns
// the viewer chosen, for the store the command opened.
func (f *flags) viewerFlag() func(context.Context, *store) (docket.Viewer, error) {
	public := f.Bool("public", false, "show only what an anonymous visitor sees")
	tokenFile := f.String("token-file", "", "read as the bearer of the API token in `FILE` (- for stdin; also $DOCKET_TOKEN) sees")
	return func(ctx context.Context, db *store) (docket.Viewer, error) {
		secret := f.m.Getenv("DOCKET_TOKEN")
		if *tokenFile != "" {
			b, err := readSecret(f.m.Stdin, *tokenFile)
			if err != nil {
				return docket.Viewer{}, err
			}
			secret = b
		}
		switch {
		case *public && secret != "":
			return docket.Viewer{}, docket.Errorf(docket.EINVALID, "--public and a token choose two viewers; give one")
		case *public:
			return docket.AnonymousViewer, nil
		case secret != "":
			t, err := db.FindTokenBySecret(ctx, secret)
			if err != nil {
				return docket.Viewer{}, err
			}
			return t.Viewer(), nil
		}
		return f.operator(), nil
	}
}

// readSecret reads a secret from a file, or from in for "-": its first line, trimmed.
func readSecret(in io.Reader, path string) (string, error) {
	var b []byte
	var err error
	if path == "-" {
		b, err = io.ReadAll(io.LimitReader(in, 4096))
	} else {
		b, err = os.ReadFile(path)
	}
	if err != nil {
		return "", fmt.Errorf("read %s: %w", path, err)
	}
	line, _, _ := strings.Cut(string(b), "\n")
	return strings.TrimSpace(line), nil
}

// findEntity finds an entity by id or, failing that, by name in any spelling or script. An
// ambiguous name is an error that lists the candidates.
func findEntity(ctx context.Context, db *store, v docket.Viewer, q string) (*docket.Entity, error) {
	if docket.ValidID(q) {
		if e, err := db.FindEntityByID(ctx, v, q); err == nil {
			return e, nil
		} else if docket.ErrorCode(err) != docket.ENOTFOUND {
			return nil, err
		}
	}
	cands, _, err := db.FindEntities(ctx, v, docket.EntityFilter{Name: &q, Limit: 20})
	if err != nil && docket.ErrorCode(err) != docket.EINVALID {
		return nil, err
	}
	if len(cands) == 0 {
		hits, err := db.Search(ctx, v, docket.SearchQuery{Q: q, Limit: 20})
		if err != nil && docket.ErrorCode(err) != docket.EINVALID {
			return nil, err
		}
		for _, h := range hits {
			cands = append(cands, h.Entity)
		}
	}
	if len(cands) > 1 {
		cands = preferNamed(cands, q)
	}
	switch len(cands) {
	case 0:
		return nil, docket.Errorf(docket.ENOTFOUND, "no entity with id or name %q", q)
	case 1:
		return db.FindEntityByID(ctx, v, cands[0].ID)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%q names %d entities; give an id:", q, len(cands))
	for _, c := range cands {
		fmt.Fprintf(&b, "\n  %s  %-12s %s", c.ID, c.Schema, c.Caption)
	}
	return nil, docket.Errorf(docket.ECONFLICT, "%s", b.String())
}

// preferNamed narrows candidates found by search to the persons and organisations whose
// caption holds the query's words in any spelling ("Akberdiyeva" is the woman, not the case
// named after her), when that leaves exactly one.
func preferNamed(cands []*docket.Entity, q string) []*docket.Entity {
	key := " " + translit.Key(q) + " "
	var named []*docket.Entity
	for _, c := range cands {
		if (c.Schema == "Person" || c.Schema == "Organization") && strings.Contains(" "+translit.Key(c.Caption)+" ", key) {
			named = append(named, c)
		}
	}
	if len(named) == 1 {
		return named
	}
	return cands
}

// footnotes numbers sources in order of first citation, as a press release does.
type footnotes struct {
	order []string
	num   map[string]int
}

func (fn *footnotes) mark(s *docket.Statement) string {
	if s.Source == "" {
		return "[unsourced]"
	}
	if fn.num == nil {
		fn.num = map[string]int{}
	}
	n, ok := fn.num[s.Source]
	if !ok {
		fn.order = append(fn.order, s.Source)
		n = len(fn.order)
		fn.num[s.Source] = n
	}
	return "[" + strconv.Itoa(n) + "]"
}

// captioner resolves entity ids to captions for display, once each.
type captioner struct {
	ctx   context.Context
	db    *store
	v     docket.Viewer
	cache map[string]string
}

func (c *captioner) caption(id string) string {
	if s, ok := c.cache[id]; ok {
		return s
	}
	s := id
	if e, err := c.db.FindEntityByID(c.ctx, c.v, id); err == nil {
		s = e.Caption + " (" + e.ID + ")"
	}
	c.cache[id] = s
	return s
}

// lockedValue stands for a value sealed under the data key, which was not given.
const lockedValue = "(locked: give --data-key)"

// display returns a statement's value for people: references as captions.
func (c *captioner) display(schema string, s *docket.Statement) string {
	if s.Locked && s.Value == "" {
		return lockedValue
	}
	if sc, err := docket.SchemaByName(schema); err == nil {
		if p := sc.Property(s.Property); p != nil && p.Type == docket.TypeRef {
			return c.caption(s.Value)
		}
	}
	return s.Value
}

func (m *Main) runShow(ctx context.Context, args []string) error {
	f := m.newFlags("show", `
Usage: docket show ID|NAME [--public | --token-file FILE] [--json]

Shows an entity's current statements, each with a footnote to its source, then the entities
that refer to it (a person's proceedings, a case's events) and the footnotes. A name may be in
any spelling or script; an ambiguous name lists the candidates.

Examples:
  docket show "Aigul Akberdiyeva"
  docket show Байтурова --public`, true)
	f.jsonFlag()
	viewer := f.viewerFlag()
	pos, err := f.parse(args, 1, 1)
	if err != nil {
		return err
	}
	db, err := f.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	v, err := viewer(ctx, db)
	if err != nil {
		return err
	}
	e, err := findEntity(ctx, db, v, pos[0])
	if err != nil {
		return err
	}
	refs, _, err := db.FindEntities(ctx, v, docket.EntityFilter{RefersTo: &e.ID, Limit: 1000})
	if err != nil {
		return err
	}
	var referrers []*docket.Entity
	for _, r := range refs {
		full, err := db.FindEntityByID(ctx, v, r.ID)
		if err != nil {
			return err
		}
		referrers = append(referrers, full)
	}
	var fn footnotes
	capt := &captioner{ctx: ctx, db: db, v: v, cache: map[string]string{}}
	if f.jsonOut {
		return writeJSON(m.Stdout, struct {
			*docket.Entity
			ReferredBy []*docket.Entity `json:"referred_by,omitempty"`
		}{e, referrers})
	}
	w := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(w, "%s\t%s %s\n", e.Caption, e.Schema, e.ID)
	if len(e.Merged) > 0 {
		fmt.Fprintf(w, "  merged from\t%s\n", strings.Join(e.Merged, ", "))
	}
	printStatements(w, capt, &fn, e, "  ")
	if len(referrers) > 0 {
		fmt.Fprintf(w, "\nReferred to by:\n")
	}
	for _, r := range referrers {
		w.Flush()
		fmt.Fprintf(m.Stdout, "  %s  (%s %s)\n", r.Caption, r.Schema, r.ID)
		printStatements(w, capt, &fn, r, "    ")
	}
	w.Flush()
	if len(fn.order) > 0 {
		fmt.Fprintf(w, "\nSources:\n")
	}
	for i, id := range fn.order {
		if src, err := db.FindSourceByID(ctx, v, id); err == nil {
			fmt.Fprintf(w, "  [%d]\t%s\n", i+1, sourceLine(src))
		} else {
			fmt.Fprintf(w, "  [%d]\t(source withheld)\n", i+1)
		}
	}
	return w.Flush()
}

func printStatements(w io.Writer, capt *captioner, fn *footnotes, e *docket.Entity, indent string) {
	for _, s := range e.Statements {
		fmt.Fprintf(w, "%s%s\t%s %s", indent, s.Property, capt.display(e.Schema, s), fn.mark(s))
		if s.Locator != "" {
			fmt.Fprintf(w, " (%s)", s.Locator)
		}
		fmt.Fprintf(w, "\t%s, %s\t%s\n", s.Status, s.Sensitivity, s.ID)
	}
}

func sourceLine(s *docket.Source) string {
	var parts []string
	if s.URL != "" {
		parts = append(parts, s.URL)
	}
	if s.Title != "" {
		parts = append(parts, s.Title)
	}
	if s.Publisher != "" {
		parts = append(parts, s.Publisher)
	}
	if s.Published != "" {
		parts = append(parts, s.Published)
	}
	return strings.Join(parts, " — ") + "  (" + s.ID + ")"
}

func (m *Main) runList(ctx context.Context, args []string) error {
	f := m.newFlags("list", `
Usage: docket list [SCHEMA] [--limit N] [--offset N] [--public | --token-file FILE] [--json]

Lists entities in the order they were created, with the total.

Examples:
  docket list
  docket list Person --json`, true)
	f.jsonFlag()
	viewer := f.viewerFlag()
	lim := f.Int("limit", 100, "at most `N` entities (1-1000)")
	off := f.Int("offset", 0, "skip the first `N`")
	pos, err := f.parse(args, 0, 1)
	if err != nil {
		return err
	}
	filter := docket.EntityFilter{Limit: *lim, Offset: *off}
	if len(pos) == 1 {
		if _, err := docket.SchemaByName(pos[0]); err != nil {
			return err
		}
		filter.Schema = &pos[0]
	}
	db, err := f.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	v, err := viewer(ctx, db)
	if err != nil {
		return err
	}
	ents, n, err := db.FindEntities(ctx, v, filter)
	if err != nil {
		return err
	}
	if f.jsonOut {
		return writeJSON(m.Stdout, map[string]any{"entities": ents, "total": n})
	}
	w := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(w, "ID\tSCHEMA\tCAPTION\n")
	for _, e := range ents {
		fmt.Fprintf(w, "%s\t%s\t%s\n", e.ID, e.Schema, e.Caption)
	}
	fmt.Fprintf(w, "(%d of %d)\n", len(ents), n)
	return w.Flush()
}

func (m *Main) runHistory(ctx context.Context, args []string) error {
	f := m.newFlags("history", `
Usage: docket history ID|NAME [--public | --token-file FILE] [--json]

Shows every change to an entity and to the entities merged into it, oldest first: who added,
retracted, corrected, reviewed or merged what, when, and why.

Example:
  docket history "Malik Kenzhaliyev"`, true)
	f.jsonFlag()
	viewer := f.viewerFlag()
	pos, err := f.parse(args, 1, 1)
	if err != nil {
		return err
	}
	db, err := f.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	v, err := viewer(ctx, db)
	if err != nil {
		return err
	}
	e, err := findEntity(ctx, db, v, pos[0])
	if err != nil {
		return err
	}
	chs, err := db.FindChanges(ctx, v, docket.ChangeFilter{Entity: &e.ID})
	if err != nil {
		return err
	}
	if f.jsonOut {
		type change struct {
			*docket.Change
			Record docket.Record `json:"record"`
		}
		out := make([]change, len(chs))
		for i, c := range chs {
			out[i] = change{c, c.Record}
		}
		return writeJSON(m.Stdout, out)
	}
	names := map[string]*docket.Author{}
	if v.SeesDrafts() { // the public is told no staff names
		if names, err = db.FindAuthors(ctx, v, nil); err != nil {
			return err
		}
	}
	w := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(w, "SEQ\tTIME\tAUTHOR\tCHANGE\n")
	for _, c := range chs {
		author := c.Author
		if a := names[author]; a != nil {
			author = a.Name
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\n", c.Seq, c.At.Format("2006-01-02 15:04:05"), author, describe(c))
	}
	return w.Flush()
}

// describe says what a change did, in one line.
func describe(c *docket.Change) string {
	r := c.Record
	switch c.Kind {
	case docket.KindEntity:
		return fmt.Sprintf("created %s %s", r.Entity.Schema, r.Entity.ID)
	case docket.KindStatement:
		s := r.Statement
		d := fmt.Sprintf("added %s=%q (%s, %s) %s", s.Property, s.Value, s.Status, s.Sensitivity, s.ID)
		if s.Supersedes != "" {
			d += " superseding " + s.Supersedes
		}
		return d
	case docket.KindRetraction:
		return fmt.Sprintf("retracted %s: %s", r.Retraction.Statement, r.Retraction.Reason)
	case docket.KindStatus:
		d := fmt.Sprintf("reviewed %s as %s", r.Status.Statement, r.Status.Status)
		if r.Status.Note != "" {
			d += ": " + r.Status.Note
		}
		return d
	case docket.KindMerge:
		return fmt.Sprintf("merged %s into %s: %s", r.Merge.From, r.Merge.Into, r.Merge.Reason)
	case docket.KindUnmerge:
		return fmt.Sprintf("undid merge %s: %s", r.Unmerge.Merge, r.Unmerge.Reason)
	case docket.KindSource:
		return "added source " + r.Source.ID
	}
	return c.Kind + " " + c.Ref
}

func (m *Main) runSearch(ctx context.Context, args []string) error {
	f := m.newFlags("search", `
Usage: docket search QUERY... [--schema SCHEMA] [--limit N] [--public | --token-file FILE] [--json]

Searches names and statements. Words match in any case, with or without diacritics, in Latin
or Cyrillic and in any common romanisation (Bayturova, Baiturova and Байтурова are one
name); the last word also matches as a prefix. A quoted phrase matches exactly as written.

Examples:
  docket search Bayturova
  docket search Джумаев --schema Person
  docket search '"calling for the seizure of power"'`, true)
	f.jsonFlag()
	viewer := f.viewerFlag()
	schema := f.String("schema", "", "only entities of this `schema`")
	lim := f.Int("limit", 20, "at most `N` results")
	pos, err := f.parse(args, 1, -1)
	if err != nil {
		return err
	}
	db, err := f.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	v, err := viewer(ctx, db)
	if err != nil {
		return err
	}
	hits, err := db.Search(ctx, v, docket.SearchQuery{Q: strings.Join(pos, " "), Schema: *schema, Limit: *lim})
	if err != nil {
		return err
	}
	if f.jsonOut {
		return writeJSON(m.Stdout, map[string]any{"hits": hits})
	}
	if len(hits) == 0 {
		fmt.Fprintln(m.Stderr, "no matches")
		return nil
	}
	w := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	for _, h := range hits {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", h.Entity.ID, h.Entity.Schema, h.Entity.Caption, h.Snippet)
	}
	return w.Flush()
}
