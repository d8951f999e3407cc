package http

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/locale"
	"github.com/docketorg/docket/report"
)

// The lists of cases, events and persons: tables of what is recorded of each record, sorted by
// any column, filtered, a page at a time, and downloaded as CSV, cell for cell as shown. They
// read the rows of the viewer's class (docket.Row), which the server keeps up with the
// change log (rowKeeper).

// rowKeeper keeps the lists' rows up with the change log: a request brings them up to date
// itself when few changes are pending, and the background worker does the rest (a new or
// rebuilt store's every row, a large import).
type rowKeeper struct {
	st     docket.Store
	logger func(msg string, args ...any)
	turn   chan struct{} // one refresh at a time
	kick   chan struct{}

	mu   sync.Mutex
	prep preparation // of every record's rows, the first time
}

// preparation is how far the first derivation of every record's rows has come: in a large
// store it takes a while (hours at ten million statements), and a list that shows a
// part of the registry says so.
type preparation struct {
	active      bool
	done, total int64
	start       time.Time
}

// preparing returns the first derivation under way, if one is.
func (k *rowKeeper) preparing() (preparation, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.prep, k.prep.active
}

func (k *rowKeeper) setPreparing(p preparation) {
	k.mu.Lock()
	k.prep = p
	k.mu.Unlock()
}

// prepare derives every record's rows, the first time, saying how far it has come.
func (k *rowKeeper) prepare(ctx context.Context) (int64, error) {
	var total int64
	if counts, err := k.st.CountEntities(ctx, docket.Operator("lists")); err == nil {
		for _, sc := range docket.ListSchemas {
			total += int64(counts[sc])
		}
	}
	start := time.Now()
	k.setPreparing(preparation{active: true, total: total, start: start})
	defer k.setPreparing(preparation{})
	return report.RefreshRows(ctx, k.st, 0, func(done, _ int64) {
		k.setPreparing(preparation{active: true, done: done, total: max(total, done), start: start})
	})
}

// syncChanges is how many pending changes a list request derives the rows of itself.
const syncChanges = 500

func newRowKeeper(st docket.Store) *rowKeeper {
	return &rowKeeper{st: st, logger: func(string, ...any) {}, turn: make(chan struct{}, 1), kick: make(chan struct{}, 1)}
}

// fresh brings the rows up to date when few changes are pending, waiting a little for a
// refresh under way, and hands the rest to the background worker.
func (k *rowKeeper) fresh(ctx context.Context) {
	wait, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	select {
	case k.turn <- struct{}{}:
	case <-wait.Done():
		k.wake()
		return
	}
	behind, err := report.RefreshRows(wait, k.st, syncChanges, nil)
	<-k.turn
	if err != nil && ctx.Err() == nil {
		k.logger("refreshing the lists", "err", err)
	}
	if behind > 0 || err != nil {
		k.wake()
	}
}

func (k *rowKeeper) wake() {
	select {
	case k.kick <- struct{}{}:
	default:
	}
}

// run refreshes the rows in the background, when woken and every while, until ctx ends.
func (k *rowKeeper) run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-k.kick:
		case <-t.C:
		}
		for ctx.Err() == nil {
			select {
			case k.turn <- struct{}{}:
			case <-ctx.Done():
				return
			}
			start := time.Now()
			// Rows never derived are derived for every record at once, which only this
			// worker may take the time for; afterwards the changes come in bounded batches.
			var behind int64
			var err error
			if rh, herr := k.st.RowsHead(ctx); herr == nil && rh <= 0 {
				behind, err = k.prepare(ctx)
			} else {
				behind, err = report.RefreshRows(ctx, k.st, 20*syncChanges, nil)
			}
			<-k.turn
			if err != nil {
				if ctx.Err() == nil {
					k.logger("refreshing the lists", "err", err)
				}
				break
			}
			if d := time.Since(start); d > time.Second {
				k.logger("lists refreshed", "took", d.Round(time.Millisecond), "behind", behind)
			}
			if behind == 0 {
				break
			}
		}
	}
}

// cell is one cell of a list: its text, a link, and marks.
type cell struct {
	Text  string
	Href  string
	Draft bool
	Lang  string
	Num   bool // a number, aligned right
}

// listColumn is a column of a list: its heading's catalog key, and the key it sorts by.
type listColumn struct {
	Label, Sort string
}

// listKind is one of the lists.
type listKind struct {
	schema, path, nav, title string
	columns                  []listColumn
	kinds                    func() []docket.Term // the values of the Kind filter
	kindLabel                string               // the Kind filter's label
	filters                  []string             // which filters it offers besides kind
	cells                    func(b *listBuilder, r *docket.Row) ([]cell, error)
}

var lists = map[string]*listKind{
	"cases": {schema: "Case", path: "/cases", nav: "cases", title: "list.cases",
		columns: []listColumn{{"list.case", "caption"}, {"prop.defendant", "people"}, {"prop.country", "country"}, {"list.charges", "article"},
			{"list.stage", "stage"}, {"prop.outcome", "kind"}, {"prop.sentence", "amount"}, {"list.date", "date"}, {"list.status", "review"}},
		kinds: func() []docket.Term { return docket.Vocab.Terms("outcome") }, kindLabel: "prop.outcome",
		filters: []string{"country", "article", "year", "political"}, cells: caseCells},
	"events": {schema: "Event", path: "/events", nav: "events", title: "list.events",
		columns: []listColumn{{"list.date", "date"}, {"list.event", "caption"}, {"prop.type", "kind"}, {"prop.place", ""}, {"list.victims", "people"},
			{"list.perpetrators", ""}, {"prop.case", ""}, {"list.status", "review"}},
		kinds: func() []docket.Term { return docket.Vocab.Terms("event-type") }, kindLabel: "prop.type",
		filters: []string{"country", "year"}, cells: eventCells},
	"persons": {schema: "Person", path: "/persons", nav: "persons", title: "list.persons",
		columns: []listColumn{{"list.person", "caption"}, {"prop.country", "country"}, {"list.roles", ""}, {"list.inCases", "amount"},
			{"list.state", "kind"}, {"list.status", "review"}},
		kinds: stateTerms, kindLabel: "list.state", filters: []string{"country"}, cells: personCells},
}

// stateTerms are the states a person's row may say, as terms, labelled from the catalogs.
func stateTerms() []docket.Term {
	var out []docket.Term
	for _, c := range []string{report.Imprisoned, report.Psychiatric, report.Restraint, report.Extradition, report.Persecuted} {
		out = append(out, docket.Term{ID: c})
	}
	return out
}

func (s *Server) registerListRoutes() {
	for _, k := range lists {
		s.mux.HandleFunc("GET "+k.path, s.limited(func(w http.ResponseWriter, r *http.Request) { s.handleList(w, r, k) }))
		s.mux.HandleFunc("GET "+k.path+".csv", s.limited(func(w http.ResponseWriter, r *http.Request) { s.handleListCSV(w, r, k) }))
	}
}

// listPage is the data of a list's page.
type listPage struct {
	layout
	Kind      *listKind
	Query     docket.RowQuery
	Columns   []columnView
	Rows      [][]cell
	Total     int
	From, To  int
	Prev      string
	Next      string
	CSV       string // this page, as CSV
	CSVAll    string // every row that matches, as CSV
	Behind    int64
	Preparing string // the first derivation of the rows, under way
	Filtered  bool
	Countries []string
	Kinds     []option
	Years     []int
	PageSize  int
}

type columnView struct {
	Label, Href string
	Sorted      string // "ascending", "descending" or ""
}

type option struct{ Value, Label string }

const listPageSize = 50

// listQuery reads a list's query: sort, dir, the filters and page, refusing what is not one.
func listQuery(k *listKind, q url.Values) (docket.RowQuery, int, error) {
	rq := docket.RowQuery{Schema: k.schema, Sort: q.Get("sort"), Desc: q.Get("dir") == "desc", Country: strings.ToLower(q.Get("country")),
		Article: strings.TrimSpace(q.Get("article")), Kind: q.Get("kind"), Political: q.Get("political"), Limit: listPageSize}
	if rq.Sort != "" && !slices.Contains(docket.RowSorts, rq.Sort) {
		return rq, 0, docket.Errorf(docket.EINVALID, "sort %q: want one of %s", rq.Sort, strings.Join(docket.RowSorts, ", "))
	}
	if y := q.Get("year"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 1000 || n > 9999 {
			return rq, 0, docket.Errorf(docket.EINVALID, "year %q: want four digits", y)
		}
		rq.Year = n
	}
	page := 1
	if p := q.Get("page"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 {
			return rq, 0, docket.Errorf(docket.EINVALID, "page %q: want a number from 1", p)
		}
		page = n
	}
	rq.Offset = (page - 1) * listPageSize
	return rq, page, nil
}

// link returns the list's address with the query's values, some changed.
func (k *listKind) link(q url.Values, set map[string]string, suffix string) string {
	v := url.Values{}
	for key, vals := range q {
		if len(vals) > 0 && vals[0] != "" {
			v.Set(key, vals[0])
		}
	}
	for key, val := range set {
		if val == "" {
			v.Del(key)
		} else {
			v.Set(key, val)
		}
	}
	if e := v.Encode(); e != "" {
		return k.path + suffix + "?" + e
	}
	return k.path + suffix
}

// listBuilder makes the cells of rows in a page's language.
type listBuilder struct {
	l     *layout
	namer locale.Namer
	named map[string]*docket.Entity // records the rows name, as entities of their names
}

func newListBuilder(l *layout) *listBuilder {
	b := &listBuilder{l: l, named: map[string]*docket.Entity{}}
	b.namer = locale.Namer{P: l.printer(), Lookup: func(id string) *docket.Entity { return b.named[id] }}
	return b
}

// entity makes an entity of the names a row records, as Namer reads them.
func (b *listBuilder) entity(schema, id string, names []docket.NameForm, draft bool) *docket.Entity {
	e := &docket.Entity{ID: id, Schema: schema}
	for i, n := range names {
		st := &docket.Statement{Property: "name", Value: n.Value, Lang: n.Lang, Status: docket.Reported}
		if n.Alias {
			st.Property = "alias"
		}
		if i == 0 && draft {
			st.Status = docket.Draft
		}
		e.Statements = append(e.Statements, st)
	}
	return e
}

// ref names a record a row names, in the page's script.
func (b *listBuilder) ref(r docket.NamedRef) cell {
	e := b.entity("Person", r.ID, r.Names, r.Draft)
	b.named[r.ID] = e
	name := b.namer.Name(e)
	if name == "" {
		name = r.ID
	}
	return cell{Text: name, Href: "/entity/" + url.PathEscape(r.ID), Draft: r.Draft}
}

// refs joins the names of records, linking none (a cell links once).
func (b *listBuilder) refs(rs []docket.NamedRef) cell {
	var out []string
	draft := false
	for _, r := range rs {
		c := b.ref(r)
		out = append(out, c.Text)
		draft = draft || c.Draft
	}
	return cell{Text: strings.Join(out, "; "), Draft: draft}
}

func (b *listBuilder) status(st docket.Status) cell {
	return cell{Text: b.l.StatusLabel(st)}
}

func caseCells(b *listBuilder, r *docket.Row) ([]cell, error) {
	var c docket.CaseRow
	if err := json.Unmarshal(r.Data, &c); err != nil {
		return nil, err
	}
	// The case's caption as its page gives it: an entity of what the row records.
	e := b.entity("Case", r.ID, c.Names, c.NameDraft)
	if c.Number != "" {
		e.Statements = append(e.Statements, &docket.Statement{Property: "number", Value: c.Number, Status: docket.Reported})
	}
	for _, d := range c.Defendants {
		b.ref(d)
		st := docket.Reported
		if d.Draft {
			st = docket.Draft
		}
		e.Statements = append(e.Statements, &docket.Statement{Property: "defendant", Value: d.ID, Status: st})
	}
	caption, draft := b.namer.Caption(e)
	var charges []string
	for _, ch := range c.Charges {
		a := b.l.printer().Article("", ch.Article, ch.Part)
		if ch.Code != "" {
			a += " (" + ch.Code + ")"
		}
		charges = append(charges, a)
	}
	country := ""
	if c.Country != "" {
		country = b.l.Country(c.Country)
	}
	stage, outcome := "", ""
	if c.Stage != "" {
		stage = b.l.Term("stage", c.Stage)
	}
	if c.Outcome != "" {
		outcome = b.l.Term("outcome", c.Outcome)
	}
	sentence := ""
	if c.Sentence != "" {
		sentence = b.l.printer().Penalty(c.Sentence)
	}
	date := ""
	if c.Date != "" {
		date = b.l.Date(c.Date)
	}
	return []cell{{Text: caption, Href: "/entity/" + url.PathEscape(r.ID), Draft: draft}, b.refs(c.Defendants), {Text: country},
		{Text: strings.Join(charges, "; ")}, {Text: stage}, {Text: outcome}, {Text: sentence}, {Text: date}, b.status(c.Status)}, nil
}

func eventCells(b *listBuilder, r *docket.Row) ([]cell, error) {
	var ev docket.EventRow
	if err := json.Unmarshal(r.Data, &ev); err != nil {
		return nil, err
	}
	e := b.entity("Event", r.ID, ev.Names, ev.NameDraft)
	for p, v := range map[string]string{"type": ev.Type, "date": ev.Date, "place": ev.Place} {
		if v != "" {
			e.Statements = append(e.Statements, &docket.Statement{Property: p, Value: v, Status: docket.Reported})
		}
	}
	// The type, date and place have columns of their own: a recorded name says more.
	caption, draft := b.namer.Caption(e)
	if b.namer.Named(e) == "" && len(ev.Names) > 0 {
		caption, draft = ev.Names[0].Value, ev.NameDraft
	}
	date, typ, kase := "", "", cell{}
	if ev.Date != "" {
		date = b.l.Date(ev.Date)
	}
	if ev.Type != "" {
		typ = b.l.Term("event-type", ev.Type)
	}
	if ev.Case != nil {
		ce := b.entity("Case", ev.Case.ID, ev.Case.Names, ev.Case.Draft)
		name, d := b.namer.Caption(ce)
		kase = cell{Text: name, Href: "/entity/" + url.PathEscape(ev.Case.ID), Draft: d}
	}
	return []cell{{Text: date}, {Text: caption, Href: "/entity/" + url.PathEscape(r.ID), Draft: draft}, {Text: typ}, {Text: ev.Place},
		b.refs(ev.Victims), b.refs(ev.Perpetrators), kase, b.status(ev.Status)}, nil
}

func personCells(b *listBuilder, r *docket.Row) ([]cell, error) {
	var pr docket.PersonRow
	if err := json.Unmarshal(r.Data, &pr); err != nil {
		return nil, err
	}
	name := b.ref(docket.NamedRef{ID: r.ID, Names: pr.Names, Draft: pr.NameDraft})
	country := ""
	if pr.Country != "" {
		country = b.l.Country(pr.Country)
	}
	var roles []string
	for _, p := range []string{"defendant", "victim", "judge", "prosecutor", "lawyer", "perpetrator", "witness", "observer", "participant"} {
		if n := pr.Roles[p]; n > 0 {
			roles = append(roles, b.l.PropLabel(p)+" ("+strconv.Itoa(n)+")")
		}
	}
	state := ""
	if pr.State != "" {
		state = b.l.T("report.category." + pr.State)
	}
	return []cell{name, {Text: country}, {Text: strings.Join(roles, ", ")}, {Text: strconv.Itoa(pr.Cases), Num: true}, {Text: state}, b.status(pr.Status)}, nil
}

// readList reads the rows of a list rq selects and makes their cells.
func (s *Server) readList(r *http.Request, l *layout, k *listKind, rq docket.RowQuery) ([][]cell, *docket.RowPage, error) {
	res, err := s.Store.FindRows(r.Context(), viewer(r), rq)
	if err != nil {
		return nil, nil, err
	}
	b := newListBuilder(l)
	var rows [][]cell
	for _, row := range res.Rows {
		cells, err := k.cells(b, row)
		if err != nil {
			return nil, nil, err
		}
		rows = append(rows, cells)
	}
	return rows, res, nil
}

func (s *Server) handleList(w http.ResponseWriter, r *http.Request, k *listKind) {
	q := r.URL.Query()
	rq, page, err := listQuery(k, q)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.rows.fresh(r.Context())
	p := &listPage{layout: s.layout(w, r, k.title), Kind: k, Query: rq, PageSize: rq.Limit}
	p.Nav = k.nav
	rows, res, err := s.readList(r, &p.layout, k, rq)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Rows, p.Total, p.Behind = rows, res.Total, res.Behind
	if prep, ok := s.rows.preparing(); ok {
		left := 0
		if rate := float64(prep.done) / time.Since(prep.start).Minutes(); prep.done > 0 && rate > 0 {
			left = int(float64(prep.total-prep.done)/rate) + 1
		}
		p.Preparing = p.T("list.preparing", prep.done, prep.total, left)
	}
	for _, c := range k.columns {
		cv := columnView{Label: p.T(c.Label)}
		if c.Sort != "" {
			dir := ""
			if rq.Sort == c.Sort && !rq.Desc {
				dir = "desc"
			}
			if rq.Sort == c.Sort {
				cv.Sorted = map[bool]string{false: "ascending", true: "descending"}[rq.Desc]
			}
			cv.Href = k.link(q, map[string]string{"sort": c.Sort, "dir": dir, "page": ""}, "")
		}
		p.Columns = append(p.Columns, cv)
	}
	p.From, p.To = min(rq.Offset+1, res.Total), rq.Offset+len(rows)
	if page > 1 {
		p.Prev = k.link(q, map[string]string{"page": strconv.Itoa(page - 1)}, "")
	}
	if rq.Offset+len(rows) < res.Total {
		p.Next = k.link(q, map[string]string{"page": strconv.Itoa(page + 1)}, "")
	}
	p.CSV = k.link(q, nil, ".csv")
	p.CSVAll = k.link(q, map[string]string{"page": "", "all": "1"}, ".csv")
	p.Filtered = rq.Country != "" || rq.Article != "" || rq.Kind != "" || rq.Year != 0 || rq.Political != ""
	for _, key := range locale.Keys(locale.Default) {
		if code, ok := strings.CutPrefix(key, "country."); ok {
			p.Countries = append(p.Countries, code)
		}
	}
	for _, t := range k.kinds() {
		var label string
		switch k.schema {
		case "Case":
			label = p.Term("outcome", t.ID)
		case "Event":
			label = p.Term("event-type", t.ID)
		default:
			label = p.T("report.category." + t.ID)
		}
		p.Kinds = append(p.Kinds, option{t.ID, label})
	}
	s.render(w, r, http.StatusOK, "list.html", p)
}

// Path is the list's address.
func (p *listPage) Path() string { return p.Kind.path }

// KindLabel names the list's filter by kind: outcome, type, state.
func (p *listPage) KindLabel() string { return p.T(p.Kind.kindLabel) }

// Political are the choices of the filter by assessment.
func (p *listPage) Political() []option {
	var out []option
	for _, t := range docket.Vocab.Terms("assessment") {
		out = append(out, option{t.ID, p.Term("assessment", t.ID)})
	}
	return out
}

// Has reports whether the list offers a filter.
func (p *listPage) Has(filter string) bool { return slices.Contains(p.Kind.filters, filter) }

// YearValue is the year filtered by, for the form.
func (p *listPage) YearValue() string {
	if p.Query.Year == 0 {
		return ""
	}
	return strconv.Itoa(p.Query.Year)
}

// maxCSVRows is how many rows a list's CSV of every matching row holds at most.
const maxCSVRows = 100_000

// handleListCSV writes the list as CSV, cell for cell as the page shows it (the same columns,
// words and order): the page asked for, or with all=1 every row that matches.
func (s *Server) handleListCSV(w http.ResponseWriter, r *http.Request, k *listKind) {
	rq, _, err := listQuery(k, r.URL.Query())
	if err != nil {
		s.Error(w, r, err)
		return
	}
	all := r.URL.Query().Get("all") == "1"
	if all {
		rq.Offset, rq.Limit = 0, 500
	}
	s.rows.fresh(r.Context())
	l := s.layout(w, r, "")
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	var header []string
	for _, c := range k.columns {
		header = append(header, l.T(c.Label))
	}
	cw.Write(header)
	for {
		rows, res, err := s.readList(r, &l, k, rq)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		for _, row := range rows {
			var rec []string
			for _, c := range row {
				rec = append(rec, csvCell(c.Text))
			}
			cw.Write(rec)
		}
		rq.Offset += len(rows)
		if !all || len(rows) == 0 || rq.Offset >= res.Total || rq.Offset >= maxCSVRows {
			break
		}
	}
	cw.Flush()
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+strings.TrimPrefix(k.path, "/")+`.csv"`)
	if viewer(r).Role > docket.Anonymous {
		w.Header().Set("Cache-Control", "no-store")
	}
	w.Write(buf.Bytes())
}

// csvCell keeps a spreadsheet from reading a text as a formula, as report.WriteCSV does.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		if _, err := strconv.ParseFloat(s, 64); err != nil {
			return "'" + s
		}
	}
	return s
}
