package http

import (
	"bytes"
	"cmp"
	"context"
	"embed"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/report"
)

// The statistics, report and feed pages. Statistics read as the request's viewer; reports and
// feeds are publications and always read as the anonymous viewer, so they hold public,
// reviewed statements only, whoever asks.

//go:embed templates/layout.html templates/report/*.html
var reportTemplateFS embed.FS

var reportTemplates = template.Must(template.New("").Funcs(template.FuncMap{
	"inc":  func(i int) int { return i + 1 },
	"bind": func(page, x any) binding { return binding{page, x} },
}).ParseFS(reportTemplateFS, "templates/layout.html", "templates/report/*.html"))

func (s *Server) registerReportRoutes() {
	// Figures and the feed are kept (see registryCache): limited, not queued.
	s.mux.HandleFunc("GET /stats", s.limited(s.handleStatsPage))
	s.mux.HandleFunc("GET /stats/retaliation", s.limited(s.handleRetaliationPage))
	s.mux.HandleFunc("GET /stats/{file}", s.limited(s.handleStatsCSV))
	s.mux.HandleFunc("GET /reports/prisoners", s.limited(s.handlePrisoners))
	s.mux.HandleFunc("GET /feed.atom", s.limited(s.handleFeed))
	s.mux.HandleFunc("GET /cases/{id}/brief", s.limited(s.handleBrief))
	s.mux.HandleFunc("GET /cases/{id}/feed.atom", s.expensive(s.handleCaseFeed))
}

func (s *Server) renderReport(w http.ResponseWriter, r *http.Request, name string, data any) {
	var buf bytes.Buffer
	if err := reportTemplates.ExecuteTemplate(&buf, name, data); err != nil {
		s.Logger.Error("render", "template", name, "err", err)
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	s.writeHTML(w, r, http.StatusOK, buf.Bytes())
}

// statsOptions reads by, political and window from the query.
func statsOptions(r *http.Request) (report.Options, error) {
	q := r.URL.Query()
	o := report.Options{By: q.Get("by"), Political: q.Get("political") != "" && q.Get("political") != "0"}
	if w := q.Get("window"); w != "" {
		n, err := strconv.Atoi(w)
		if err != nil || n < 1 {
			return o, docket.Errorf(docket.EINVALID, "window %q: want a number of days from 1", w)
		}
		o.Window = n
	}
	return o, o.Validate()
}

// csvLink is the address of a statistic's CSV with the options.
func csvLink(kind string, o report.Options) string {
	if q := statsQuery(o); q != "" {
		return "/stats/" + kind + ".csv?" + q
	}
	return "/stats/" + kind + ".csv"
}

// statsQuery is the query string that keeps the options in links.
func statsQuery(o report.Options) string {
	q := url.Values{}
	if o.By != "" {
		q.Set("by", o.By)
	}
	if o.Political {
		q.Set("political", "1")
	}
	if o.Window != 0 {
		q.Set("window", strconv.Itoa(o.Window))
	}
	return q.Encode()
}

// caseLink is a case a figure rests on.
type caseLink struct{ ID, Caption string }

type statsRow struct {
	report.TableRow
	Links []caseLink
	More  int // cases not linked: the CSV lists every one
}

// maxCaseLinks is how many of its cases a row of a table links to: a figure over a large
// registry rests on thousands, which no reader follows from the page (the CSV lists them all).
const maxCaseLinks = 25

type statsTable struct {
	*report.Table
	Rows  []statsRow
	Total *statsRow
	CSV   string // the table's CSV download, with the same options
}

// statsPage is the data of /stats.
type statsPage struct {
	layout
	Who        string
	Options    report.Options
	Dimensions []string
	AsOf       string // when the figures were counted
	*statsFigures
}

// statsFigures are the figures of /stats for one class of viewer and one set of options:
// counted from the whole registry, once, and kept (see figureCache).
type statsFigures struct {
	Charts []chartView
	Tables []statsTable
}

// chartView is a chart of the statistics page, with the table it draws and that table's CSV.
type chartView struct {
	ID      string
	SVG     template.HTML
	Caption string
	CSV     string
	Table   string // the page that shows its table
}

// counted returns the figures of the options as v's class sees the registry, and when they
// were counted: of the figures of every set of options (report.CountAll), counted in parts by
// the heavy worker at once for all the questions a visitor may ask, and kept.
func (s *Server) counted(ctx context.Context, v docket.Viewer, o report.Options) (*report.Counted, time.Time, error) {
	if err := o.Validate(); err != nil {
		return nil, time.Time{}, err
	}
	val, at, err := s.figures.heavy(ctx, v, "figures", s.countAll)
	if err != nil {
		return nil, at, err
	}
	c, err := val.(*report.Figures).Counted(o)
	return c, at, err
}

// countAll counts every figure as cv sees the registry, for the figure cache.
func (s *Server) countAll(ctx context.Context, cv docket.Viewer) (any, error) {
	return report.CountAll(ctx, s.Store, cv, 0, nil)
}

// captions returns the captions of the cases the tables link to, as v sees them.
func (s *Server) captions(ctx context.Context, v docket.Viewer, tables ...*report.Table) (map[string]string, error) {
	var ids []string
	for _, t := range tables {
		rows := t.Rows
		if t.Total != nil {
			rows = append(rows, *t.Total)
		}
		for _, r := range rows {
			ids = append(ids, r.Cases.Head(maxCaseLinks)...)
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	out := map[string]string{}
	for len(ids) > 0 {
		k := min(len(ids), docket.MaxIn)
		ents, _, err := s.Store.FindEntities(ctx, v, docket.EntityFilter{IDs: ids[:k], Limit: docket.MaxIn, SkipCount: true})
		if err != nil {
			return nil, err
		}
		for _, e := range ents {
			out[e.ID] = e.Caption
		}
		ids = ids[k:]
	}
	return out, nil
}

// viewerName says whose view of the registry figures count, in the page's language.
func viewerName(l layout, v docket.Viewer) string {
	if v.Role == docket.Anonymous {
		return l.T("stats.whoPublic")
	}
	return v.Name + " (" + l.RoleLabel(v.Role) + ")"
}

func linkRow(captions map[string]string, r report.TableRow) statsRow {
	row := statsRow{TableRow: r, More: max(r.Cases.Len()-maxCaseLinks, 0)}
	for _, id := range r.Cases.Head(maxCaseLinks) {
		row.Links = append(row.Links, caseLink{ID: id, Caption: cmp.Or(captions[id], id)})
	}
	return row
}

func linkTable(captions map[string]string, t *report.Table) statsTable {
	st := statsTable{Table: t}
	for _, r := range t.Rows {
		st.Rows = append(st.Rows, linkRow(captions, r))
	}
	if t.Total != nil && (len(t.Rows) != 1 || t.By != "") {
		tr := linkRow(captions, *t.Total)
		st.Total = &tr
	}
	return st
}

func (s *Server) handleStatsPage(w http.ResponseWriter, r *http.Request) {
	o, err := statsOptions(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	o.Window = 0
	v, l := viewer(r), s.newLayout(w, r, "")
	l.Title = l.T("stats.title")
	_, at, err := s.counted(r.Context(), v, o)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	// The charts and tables are the same for a class of viewer, the options and the language
	// until the figures are counted again: drawn once, not for every visitor.
	class, cv := viewerClass(v)
	lang := l.Lang()
	f, err := s.statsPages.get(r.Context(), at.UnixNano(), class+" "+statsQuery(o)+" "+lang, func(ctx context.Context) (*statsFigures, error) {
		return s.statsFigures(ctx, cv, o, lang)
	})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.renderReport(w, r, "stats.html", statsPage{layout: l, Who: viewerName(l, v), Options: o,
		Dimensions: report.Dimensions, AsOf: l.Time(at), statsFigures: f})
}

// statsFigures draws the charts and tables of the statistics page, as v sees the registry.
func (s *Server) statsFigures(ctx context.Context, v docket.Viewer, o report.Options, lang string) (*statsFigures, error) {
	c, _, err := s.counted(ctx, v, o)
	if err != nil {
		return nil, err
	}
	// The charts read the tables of their own breakdowns: every set of options is counted at
	// once (report.CountAll), so these cost no more reading.
	byYear, _, err := s.counted(ctx, v, report.Options{By: report.ByYear, Political: o.Political})
	if err != nil {
		return nil, err
	}
	byCourt, _, err := s.counted(ctx, v, report.Options{By: report.ByCourt, Political: o.Political})
	if err != nil {
		return nil, err
	}
	f := &statsFigures{}
	chart := func(ch *report.Chart, kind string, o report.Options) {
		f.Charts = append(f.Charts, chartView{ID: ch.ID, SVG: ch.SVG(), Caption: ch.Title, CSV: csvLink(kind, o),
			Table: "/stats?" + statsQuery(o) + "#" + kind})
	}
	chart(report.OutcomesChart(byYear.Outcomes, lang), "outcomes", report.Options{By: report.ByYear, Political: o.Political})
	chart(report.ConvictionChart(byCourt.Outcomes, lang, 12), "outcomes", report.Options{By: report.ByCourt, Political: o.Political})
	chart(report.DemandChart(byYear.Demands, lang), "demand", report.Options{By: report.ByYear, Political: o.Political})
	chart(report.GapChart(c.Retaliation, lang), "retaliation", report.Options{})
	var tables []*report.Table
	for _, kind := range report.Kinds {
		if kind != "retaliation" {
			t, _, _ := c.Stat(kind)
			tables = append(tables, t.In(lang))
		}
	}
	captions, err := s.captions(ctx, v, tables...)
	if err != nil {
		return nil, err
	}
	for _, t := range tables {
		lt := linkTable(captions, t)
		lt.CSV = csvLink(t.Kind, o)
		f.Tables = append(f.Tables, lt)
	}
	return f, nil
}

// retaliationPage is the data of /stats/retaliation.
type retaliationPage struct {
	layout
	Who    string
	Window int
	CSV    string
	AsOf   string
	Report *report.RetaliationReport
	Chart  template.HTML
	// captions of the courts the findings name, as the viewer sees them
	captions map[string]string
}

// SanctionType names a sanction's kind: an event type, or a prosecution.
func (p retaliationPage) SanctionType(t string) string {
	if t == "prosecution" {
		return p.T("retaliation.prosecution")
	}
	return p.Term("event-type", t)
}

// Role says what the person sanctioned was, in the page's language.
func (p retaliationPage) Role(f report.Finding) string {
	var out []string
	for _, x := range f.Posts {
		switch {
		case x.Judge:
			out = append(out, p.T("report.appeal.judgeWhoRuled"))
		case x.Post != "":
			out = append(out, p.T("report.appeal.postAt", p.Term("post", x.Post), p.Caption(x.Organization)))
		default:
			out = append(out, p.T("report.appeal.officialAt", p.Caption(x.Organization)))
		}
	}
	if len(out) == 0 {
		return f.Role
	}
	return strings.Join(out, ", ")
}

// Caption is the name of a court a finding names.
func (p retaliationPage) Caption(id string) string {
	if c := p.captions[id]; c != "" {
		return c
	}
	return id
}

func (s *Server) handleRetaliationPage(w http.ResponseWriter, r *http.Request) {
	o, err := statsOptions(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if o.By != "" {
		s.Error(w, r, docket.Errorf(docket.EINVALID, "the retaliation detector lists findings; it has no breakdown by"))
		return
	}
	v := viewer(r)
	c, at, err := s.counted(r.Context(), v, report.Options{Window: o.Window})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	rep := c.Retaliation
	o.Window = rep.Window
	l := s.newLayout(w, r, "")
	l.Title = l.T("retaliation.title")
	courts := &report.Table{}
	for _, f := range rep.Findings {
		for _, x := range f.Posts {
			if x.Organization != "" {
				courts.Rows = append(courts.Rows, report.TableRow{Basis: report.Basis{Cases: report.CasesOf(x.Organization)}})
			}
		}
	}
	captions, err := s.captions(r.Context(), v, courts)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.renderReport(w, r, "retaliation.html", retaliationPage{layout: l, Who: viewerName(l, v), captions: captions,
		Window: rep.Window, CSV: csvLink("retaliation", o), AsOf: l.Time(at), Report: rep, Chart: report.GapChart(rep, l.Lang()).SVG()})
}

func (s *Server) handleStatsCSV(w http.ResponseWriter, r *http.Request) {
	kind, ok := strings.CutSuffix(r.PathValue("file"), ".csv")
	if !ok {
		s.Error(w, r, docket.Errorf(docket.ENOTFOUND, "no page %s; the tables are at /stats/KIND.csv (%s)", r.URL.Path, strings.Join(report.Kinds, ", ")))
		return
	}
	o, err := statsOptions(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if !containsString(report.Kinds, kind) {
		s.Error(w, r, docket.Errorf(docket.ENOTFOUND, "no statistic %q (want %s)", kind, strings.Join(report.Kinds, ", ")))
		return
	}
	if kind != "retaliation" {
		o.Window = 0
	}
	if kind == "retaliation" {
		if o.By != "" {
			s.Error(w, r, docket.Errorf(docket.EINVALID, "the retaliation detector lists findings; it has no breakdown by"))
			return
		}
		o = report.Options{Window: o.Window}
	}
	c, _, err := s.counted(r.Context(), viewer(r), o)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	t, _, err := c.Stat(kind)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := report.WriteCSV(&buf, t.In(requestLang(r))); err != nil {
		s.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+kind+`.csv"`)
	w.Write(buf.Bytes())
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// reportPage is the data of a published report's page.
type reportPage struct {
	layout
	CSS     template.CSS
	Body    template.HTML
	Formats []formatLink
	Feed    string
	Pager   pager
}

type formatLink struct{ Name, Href string }

// writeDoc answers with a report in the format asked for: the page, ?format=md or ?format=pdf.
func (s *Server) writeDoc(w http.ResponseWriter, r *http.Request, d *report.Doc, name, feed string) {
	s.writeDocPaged(w, r, d, name, feed, pager{})
}

// pager links a page of a long publication to its neighbours.
type pager struct{ Prev, Next string }

// writeDocPaged is writeDoc for a page of a longer publication.
func (s *Server) writeDocPaged(w http.ResponseWriter, r *http.Request, d *report.Doc, name, feed string, pg pager) {
	var buf bytes.Buffer
	switch f := r.URL.Query().Get("format"); f {
	case "", "html":
		base := r.URL.Path + "?"
		if p := r.URL.Query().Get("page"); p != "" {
			base += "page=" + url.QueryEscape(p) + "&"
		}
		s.renderReport(w, r, "report.html", reportPage{layout: s.newLayout(w, r, d.Title), CSS: report.CSS(), Pager: pg,
			Body:    report.HTMLFragment(d, report.HTMLOptions{EntityURL: func(id string) string { return "/entity/" + url.PathEscape(id) }}),
			Formats: []formatLink{{"PDF", base + "format=pdf"}, {"Markdown", base + "format=md"}}, Feed: feed})
		return
	case "md":
		if err := report.WriteMarkdown(&buf, d); err != nil {
			s.Error(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
		w.Header().Set("Content-Disposition", `inline; filename="`+name+`.md"`)
	case "pdf":
		if err := report.WritePDF(&buf, d); err != nil {
			s.Error(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Disposition", `inline; filename="`+name+`.pdf"`)
	default:
		s.Error(w, r, docket.Errorf(docket.EINVALID, "format %q: want html, md or pdf", f))
		return
	}
	w.Write(buf.Bytes())
}

// handleBrief serves a case's brief: a publication, read as the public reads the registry, from
// the case's own records (report.LoadCase), and kept until the registry changes.
func (s *Server) handleBrief(w http.ResponseWriter, r *http.Request) {
	id, lang := r.PathValue("id"), requestLang(r)
	val, _, err := s.figures.record(r.Context(), docket.AnonymousViewer, "brief "+id+" "+lang, func(ctx context.Context, v docket.Viewer) (any, error) {
		ctx, release := s.pin(ctx)
		defer release()
		head, err := s.Store.Head(ctx)
		if err != nil {
			return nil, err
		}
		reg, err := report.LoadCaseWith(ctx, s.Store, v, id, s.publicStatistics)
		if err != nil {
			return nil, err
		}
		d, err := report.Brief(reg, id, lang)
		if err == nil {
			d.Stamp(time.Now(), head)
		}
		return d, err
	})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.writeDoc(w, r, val.(*report.Doc), "brief-"+id, "/cases/"+url.PathEscape(id)+"/feed.atom")
}

// publicStatistics returns the ids of the latest statistics of a country the public sees
// (report.LatestStatistics), for the briefs: the same for every brief of a country, and in a
// large registry dearer to find than the rest of a brief. Kept while the registry does not
// change.
func (s *Server) publicStatistics(ctx context.Context, country string) ([]string, error) {
	head, err := s.Store.Head(ctx)
	if err != nil {
		return nil, err
	}
	return s.statistics.get(ctx, head, country, func(ctx context.Context) ([]string, error) {
		return report.LatestStatistics(ctx, s.Store, docket.AnonymousViewer, country)
	})
}

// handlePrisoners serves the list of political prisoners, a page at a time (?page=, from 1): a
// publication, so read as the public reads the registry, whoever asks. Who is on the list comes
// from a read of every person (heavy, kept); a page's details from a read of its entries (light).
func (s *Server) handlePrisoners(w http.ResponseWriter, r *http.Request) {
	page := 1
	if p := r.URL.Query().Get("page"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 {
			s.Error(w, r, docket.Errorf(docket.EINVALID, "page %q: want a number from 1", p))
			return
		}
		page = n
	}
	val, _, err := s.figures.heavy(r.Context(), docket.AnonymousViewer, "prisoners", func(ctx context.Context, v docket.Viewer) (any, error) {
		return report.ListPrisoners(ctx, s.Store, v, 0)
	})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	list, perPage := val.(*report.PrisonerList), max(1, s.PrisonersPerPage)
	pages := max(1, (list.Total+perPage-1)/perPage)
	if page > pages {
		s.Error(w, r, docket.Errorf(docket.ENOTFOUND, "page %d: the list has %d", page, pages))
		return
	}
	from := (page - 1) * perPage
	lang := requestLang(r)
	val, _, err = s.figures.light(r.Context(), docket.AnonymousViewer, "prisoners?page="+strconv.Itoa(page)+" "+lang, func(ctx context.Context, v docket.Viewer) (any, error) {
		head, err := s.Store.Head(ctx)
		if err != nil {
			return nil, err
		}
		d, err := report.PrisonersPage(ctx, s.Store, list, from, perPage, lang)
		if err == nil {
			d.Stamp(time.Now(), head)
		}
		return d, err
	})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	name, at := "prisoners", func(n int) string { return "/reports/prisoners?page=" + strconv.Itoa(n) }
	if pages > 1 {
		name += "-" + strconv.Itoa(page)
	}
	var pager pager
	if page > 1 {
		pager.Prev = at(page - 1)
	}
	if page < pages {
		pager.Next = at(page + 1)
	}
	s.writeDocPaged(w, r, val.(*report.Doc), name, "", pager)
}

// baseURL is the site's address as the request reached it, for the feed's links and ids.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func (s *Server) writeFeed(w http.ResponseWriter, r *http.Request, caseID string) {
	atom := func(ctx context.Context) (any, error) {
		f, err := report.Feed(ctx, s.Store, report.FeedOptions{Base: baseURL(r), Case: caseID})
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		err = report.WriteAtom(&buf, f)
		return buf.Bytes(), err
	}
	var val any
	var err error
	if caseID == "" {
		// The registry's feed is the same for everyone: kept, by head and by the address it
		// was asked at.
		val, _, err = s.figures.light(r.Context(), docket.AnonymousViewer, "feed "+baseURL(r), func(ctx context.Context, _ docket.Viewer) (any, error) {
			return atom(ctx)
		})
	} else {
		val, err = atom(r.Context())
	}
	if err != nil {
		s.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Write(val.([]byte))
}

func (s *Server) handleFeed(w http.ResponseWriter, r *http.Request) { s.writeFeed(w, r, "") }

func (s *Server) handleCaseFeed(w http.ResponseWriter, r *http.Request) {
	s.writeFeed(w, r, r.PathValue("id"))
}
