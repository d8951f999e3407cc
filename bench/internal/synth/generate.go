// Package synth generates a deterministic, realistic Docket registry as export records: sources,
// persons whose names come in several scripts and romanisations, courts, prosecutors and police
// of Kazakh cities, cases, charges under the Criminal Code, proceedings, events, and the
// reviews, retractions and corrections of a registry in use. It streams: memory does not grow
// with the size asked for.
package synth

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/translit"
)

// Config says what to generate.
type Config struct {
	Statements int64  // statement records to write; the generator stops at exactly this many
	Seed       uint64 // the same seed and size give the same bytes
	// Samples is the size of each reservoir of probes in the summary (default 1000).
	Samples int
	// Progress, if set, is called every 100,000 records.
	Progress func(records, statements int64)
}

// NameProbe is a person as a search benchmark needs it: its id, the form its name is
// stored under, a romanisation of it that is not stored, and its Cyrillic form.
type NameProbe struct {
	Entity   string
	Stored   string
	Variant  string // "" when the name has no other romanisation
	Cyrillic string
	Public   bool // the name statement was written public and reviewed
}

// WordProbe is a rare word (a village name) and an entity whose statement holds it.
type WordProbe struct{ Entity, Word string }

// Summary describes what was generated, with uniform samples of it for benchmarks.
type Summary struct {
	Records    int64
	Statements int64
	Kinds      map[string]int64 // records by kind
	Schemas    map[string]int64 // entities by schema
	Names      []NameProbe
	Words      []WordProbe
	Entities   []string
}

// CommonWords are words in a large share of statements: court and case names, proceedings,
// vocabulary labels.
var CommonWords = []string{"court", "case", "criminal", "police", "judge"}

const ringSize = 4096

// recent is a statement still in reach of a correction, retraction or review: these come
// soon after a statement is made, so a ring of the latest is enough.
type recent struct {
	id, entity, schema, prop, value, src string
	typ                                  docket.Type
	sens                                 docket.Sensitivity
	status                               docket.Status
	retracted                            bool
}

// ent is an entity the generator made, with what later statements need of it.
type ent struct {
	id, schema string
	sens       docket.Sensitivity
	name       string // caption for texts
	surname    string // persons
	cyr        string // persons: the Cyrillic form
	city       city   // organisations
}

type gen struct {
	cfg  Config
	r    *rand.Rand
	emit func(*docket.Record) error
	err  error
	done bool
	now  time.Time

	author string
	sum    Summary
	count  map[string]int64 // ids issued per prefix

	orgs        map[string]ent     // by kind and city
	judges      map[string][]int64 // court id → judges (person numbers)
	prosecutors map[string][]int64 // city → prosecutors
	lawyers     map[string][]int64 // one pool, under ""
	bundleSrc   []string

	ring  [ringSize]recent
	ringN int

	names    reservoir[NameProbe]
	words    reservoir[WordProbe]
	entities reservoir[string]
}

// Generate calls emit for every record, in commit order, and returns what it made.
func Generate(cfg Config, emit func(*docket.Record) error) (*Summary, error) {
	if cfg.Statements <= 0 {
		return nil, fmt.Errorf("synth: statements must be positive")
	}
	k := cfg.Samples
	if k <= 0 {
		k = 1000
	}
	// Samples draw from their own generator, so the records do not depend on the sample size.
	sr := rand.New(rand.NewPCG(cfg.Seed, 0x73616d706c6573))
	g := &gen{
		cfg: cfg, emit: emit,
		r:           rand.New(rand.NewPCG(cfg.Seed, 0x646f636b6574)),
		now:         time.Date(2018, 1, 1, 8, 0, 0, 0, time.UTC),
		count:       map[string]int64{},
		orgs:        map[string]ent{},
		judges:      map[string][]int64{},
		prosecutors: map[string][]int64{},
		lawyers:     map[string][]int64{},
		sum:         Summary{Kinds: map[string]int64{}, Schemas: map[string]int64{}},
		names:       reservoir[NameProbe]{k: k, r: sr},
		words:       reservoir[WordProbe]{k: k, r: sr},
		entities:    reservoir[string]{k: k, r: sr},
	}
	for !g.done && g.err == nil {
		g.author = fmt.Sprintf("researcher-%02d", 1+g.r.IntN(24))
		before := g.sum.Statements
		switch x := g.r.IntN(100); {
		case x < 2:
			g.statistic()
		case x < 14:
			g.laterAdditions()
		default:
			g.caseBundle()
		}
		g.reviews(int(g.sum.Statements - before))
	}
	if g.err != nil {
		return nil, g.err
	}
	if cfg.Progress != nil {
		cfg.Progress(g.sum.Records, g.sum.Statements)
	}
	g.sum.Names, g.sum.Words, g.sum.Entities = g.names.items, g.words.items, g.entities.items
	return &g.sum, nil
}

// put emits one record unless the generator is done; statements stop at exactly the
// number asked for.
func (g *gen) put(r *docket.Record) bool {
	if g.done || g.err != nil {
		return false
	}
	if r.Kind == docket.KindStatement {
		g.sum.Statements++
	}
	g.sum.Records++
	g.sum.Kinds[r.Kind]++
	if err := g.emit(r); err != nil {
		g.err = err
		return false
	}
	if g.cfg.Progress != nil && g.sum.Records%100000 == 0 {
		g.cfg.Progress(g.sum.Records, g.sum.Statements)
	}
	if g.sum.Statements >= g.cfg.Statements {
		g.done = true
	}
	return true
}

// tick advances the clock by up to 20 s, in microseconds as stores keep them, and returns it.
func (g *gen) tick() time.Time {
	g.now = g.now.Add(time.Duration(1+g.r.IntN(20_000_000)) * time.Microsecond)
	return g.now
}

func (g *gen) id(prefix string, width int) string {
	g.count[prefix]++
	return fmt.Sprintf("%s%0*d", prefix, width, g.count[prefix])
}

func (g *gen) editor() string { return fmt.Sprintf("editor-%d", 1+g.r.IntN(6)) }

// entitySens: an entity's existence is mostly public; its statements carry their own levels.
func (g *gen) entitySens() docket.Sensitivity {
	switch x := g.r.IntN(100); {
	case x < 92:
		return docket.Public
	case x < 98:
		return docket.Internal
	}
	return docket.Confidential
}

func (g *gen) entity(schema, prefix string, width int) ent {
	e := ent{id: g.id(prefix, width), schema: schema, sens: g.entitySens()}
	if g.put(&docket.Record{Kind: docket.KindEntity, Entity: &docket.Entity{
		ID: e.id, Schema: schema, Sensitivity: e.sens, Author: g.author, CreatedAt: g.tick()}}) {
		g.sum.Schemas[schema]++
		g.entities.add(e.id)
	}
	return e
}

func (g *gen) source(c city) string {
	o := pick(g.r, outlets)
	id := g.id("src", 7)
	pub := g.now.AddDate(0, 0, -g.r.IntN(30))
	var title string
	switch g.r.IntN(4) {
	case 0:
		title = fmt.Sprintf("%s: activist detained after a post about %s", c.name, pick(g.r, topics))
	case 1:
		title = fmt.Sprintf("Court in %s sentences blogger to %d years", c.name, 1+g.r.IntN(8))
	case 2:
		title = fmt.Sprintf("В %s задержан активист", c.cyr)
	default:
		title = fmt.Sprintf("%s: trial over %s continues", c.name, pick(g.r, topics))
	}
	s := &docket.Source{
		ID: id, URL: fmt.Sprintf("https://%s/%s/%d/%02d/%s-%d", o.host, o.section, pub.Year(), pub.Month(), slug(translit.ToLatin(title)), g.count["src"]),
		Title: title, Publisher: o.name, Type: o.kind, Published: pub.Format("2006-01-02"), Lang: o.lang,
		Sensitivity: docket.Public, Author: g.author, CreatedAt: g.tick(),
	}
	if o.kind == "testimony" || g.r.IntN(50) == 0 {
		s.Sensitivity = docket.Internal
	}
	if n := g.count["src"]; n > 10 && g.r.IntN(20) == 0 {
		s.CitedIn = fmt.Sprintf("src%07d", 1+g.r.Int64N(n-1))
	}
	if g.r.IntN(3) == 0 {
		s.Reliability = pick(g.r, []string{"high", "medium", "low"})
	}
	g.put(&docket.Record{Kind: docket.KindSource, Source: s})
	return id
}

// cite returns a source for a statement: mostly one of the bundle's, sometimes any earlier one.
func (g *gen) cite() string {
	if len(g.bundleSrc) > 0 && g.r.IntN(4) > 0 {
		return pick(g.r, g.bundleSrc)
	}
	if n := g.count["src"]; n > 0 {
		return fmt.Sprintf("src%07d", 1+g.r.Int64N(n))
	}
	return g.source(pickCity(g.r))
}

// opt overrides what say otherwise draws at random.
type opt struct {
	lang, quote, src, supersedes string
	status                       docket.Status
	sens                         docket.Sensitivity
}

// say adds a statement with a drawn status, source, sensitivity and locator.
func (g *gen) say(e ent, prop, value string) *docket.Statement {
	return g.sayWith(e, prop, value, opt{})
}

func (g *gen) sayWith(e ent, prop, value string, o opt) *docket.Statement {
	if g.done {
		return nil
	}
	sc, err := docket.SchemaByName(e.schema)
	if err != nil {
		g.err = err
		return nil
	}
	typ := sc.Property(prop).Type
	s := &docket.Statement{ID: g.id("s", 8), Entity: e.id, Property: prop, Value: value, Lang: o.lang,
		Status: o.status, Sensitivity: o.sens, Supersedes: o.supersedes, Author: g.author,
		// Stores draw salts at random; drawn from the seed here, so output stays repeatable.
		Salt: fmt.Sprintf("%016x%016x", g.r.Uint64(), g.r.Uint64())}
	if s.Status == "" {
		switch x := g.r.IntN(100); {
		case x < 5:
			s.Status = docket.Draft // no source yet
		case x < 9:
			s.Status, s.Source = docket.Draft, g.cite()
		case x < 11:
			s.Status = docket.Verified
		case x < 12:
			s.Status = docket.Disputed
		default:
			s.Status = docket.Reported
		}
		if s.Status != docket.Draft {
			s.Source = g.cite()
		}
	} else {
		s.Source = o.src
	}
	if o.src != "" {
		s.Source = o.src
	}
	if s.Sensitivity == 0 {
		switch x := g.r.IntN(100); {
		case s.Source == "" && x < 70, x >= 80 && x < 95:
			s.Sensitivity = docket.Internal
		case x >= 95:
			s.Sensitivity = docket.Confidential
		default:
			s.Sensitivity = docket.Public
		}
	}
	if s.Source != "" {
		if g.r.IntN(10) < 7 {
			s.Locator = fmt.Sprintf("para. %d", 1+g.r.IntN(14))
		}
		if g.r.IntN(4) == 0 {
			s.Quote = o.quote
			if s.Quote == "" && (typ == docket.TypeName || typ == docket.TypeString || typ == docket.TypeText) {
				s.Quote = quoteOf(value, 6)
			}
		}
	}
	s.CreatedAt = g.tick()
	if !g.put(&docket.Record{Kind: docket.KindStatement, Statement: s}) {
		return nil
	}
	g.ring[g.ringN%ringSize] = recent{id: s.ID, entity: e.id, schema: e.schema, prop: prop, value: value, src: s.Source,
		typ: typ, sens: s.Sensitivity, status: s.Status}
	g.ringN++
	// Now and then a second, independent source reports the same value.
	if s.Status == docket.Reported && prop != "name" && g.r.IntN(100) == 0 {
		if src := g.cite(); src != s.Source {
			g.sayWith(e, prop, value, opt{lang: o.lang, src: src, status: docket.Corroborated, sens: s.Sensitivity})
		}
	}
	return s
}

// reviews follows a bundle of n statements with the corrections, retractions and reviews
// that editors make in a registry: about 1%, 0.5% and 2% of statements.
func (g *gen) reviews(n int) {
	for range n {
		switch x := g.r.IntN(1000); {
		case x < 10:
			g.correct()
		case x < 15:
			g.retract()
		case x < 35:
			g.review()
		}
	}
}

// ringPick returns a recent statement that ok accepts, or nil.
func (g *gen) ringPick(ok func(*recent) bool) *recent {
	n := min(g.ringN, ringSize)
	for range 8 {
		if n == 0 {
			return nil
		}
		x := &g.ring[g.r.IntN(n)]
		if ok(x) {
			return x
		}
	}
	return nil
}

func (g *gen) correct() {
	old := g.ringPick(func(x *recent) bool { return !x.retracted })
	if old == nil {
		return
	}
	value := old.value
	if old.typ == docket.TypeDate {
		value = g.dateAround(g.now, 900)
	}
	author := g.author
	g.author = g.editor()
	defer func() { g.author = author }()
	oldID := old.id
	old.retracted = true // before sayWith, which may overwrite the slot
	repl := g.sayWith(ent{id: old.entity, schema: old.schema}, old.prop, value,
		opt{src: g.cite(), status: docket.Reported, sens: old.sens, supersedes: oldID})
	if repl == nil {
		return
	}
	g.put(&docket.Record{Kind: docket.KindRetraction, Retraction: &docket.Retraction{
		Statement: oldID, Reason: pick(g.r, correctReasons), SupersededBy: repl.ID, Author: g.author, At: g.tick()}})
}

func (g *gen) retract() {
	x := g.ringPick(func(x *recent) bool { return !x.retracted && x.prop != "name" })
	if x == nil {
		return
	}
	x.retracted = true
	g.put(&docket.Record{Kind: docket.KindRetraction, Retraction: &docket.Retraction{
		Statement: x.id, Reason: pick(g.r, retractReasons), Author: g.editor(), At: g.tick()}})
}

func (g *gen) review() {
	x := g.ringPick(func(x *recent) bool {
		return !x.retracted && x.src != "" && (x.status == docket.Draft || x.status == docket.Reported)
	})
	if x == nil {
		return
	}
	st := docket.Verified
	switch y := g.r.IntN(100); {
	case x.status == docket.Draft && y < 60:
		st = docket.Reported
	case y >= 85:
		st = docket.Disputed
	}
	note := ""
	if g.r.IntN(3) == 0 {
		note = pick(g.r, reviewNotes)
	}
	if g.put(&docket.Record{Kind: docket.KindStatus, Status: &docket.StatusChange{
		Statement: x.id, Status: st, Note: note, Author: g.editor(), At: g.tick()}}) {
		x.status = st
	}
}

func personID(i int64) string { return fmt.Sprintf("p%07d", i) }

// dateAround returns a date up to days before t, mostly to the day, sometimes to the month
// or year, approximate, or without a year, as sources give them.
func (g *gen) dateAround(t time.Time, days int) string {
	d := t.AddDate(0, 0, -g.r.IntN(days+1))
	switch x := g.r.IntN(100); {
	case x < 75:
		return d.Format("2006-01-02")
	case x < 88:
		return d.Format("2006-01")
	case x < 93:
		return d.Format("2006")
	case x < 98:
		return "~" + d.Format("2006-01")
	}
	return d.Format("--01-02")
}

// penalty returns a sentence or a demand in the canonical text form.
func (g *gen) penalty() string {
	term := func(maxYears int) string {
		d := docket.Duration{Years: 1 + g.r.IntN(maxYears)}
		if g.r.IntN(4) == 0 {
			d.Months = 6
		}
		return d.String()
	}
	switch x := g.r.IntN(20); {
	case x < 10:
		return "imprisonment " + term(10)
	case x < 14:
		return "restriction of freedom " + term(5)
	case x < 16:
		return "suspended " + term(3)
	case x < 18:
		return fmt.Sprintf("fine %d KZT", (1+g.r.IntN(300))*10000)
	}
	return "ban " + term(5) + ": " + pick(g.r, []string{"public activity", "journalism", "holding public office"})
}

// reservoir keeps a uniform sample of k items of a stream of unknown length.
type reservoir[T any] struct {
	k     int
	n     int64
	items []T
	r     *rand.Rand
}

func (s *reservoir[T]) add(x T) {
	s.n++
	if len(s.items) < s.k {
		s.items = append(s.items, x)
	} else if j := s.r.Int64N(s.n); j < int64(s.k) {
		s.items[j] = x
	}
}
