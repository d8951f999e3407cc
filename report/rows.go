package report

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/translit"
)

// The rows of the lists (docket.Row): what a list of cases, events or persons shows of each,
// derived for each class of viewer from the records as that class reads them through the
// store. Nothing here filters: a class's rows are made of what the store gave its viewer.

// Rows derives the rows of the records ids, all of one schema of docket.ListSchemas, for every
// class of viewer. A record a class may not see has no row of that class.
func Rows(ctx context.Context, r Reader, schema string, ids []string) ([]*docket.Row, error) {
	var out []*docket.Row
	for _, c := range docket.ListedClasses {
		v := c.Viewer()
		var rows []*docket.Row
		var err error
		switch schema {
		case "Case":
			rows, err = caseRows(ctx, r, v, ids)
		case "Event":
			rows, err = eventRows(ctx, r, v, ids)
		case "Person":
			rows, err = personRows(ctx, r, v, ids)
		default:
			return nil, docket.Errorf(docket.EINVALID, "there is no list of %q", schema)
		}
		if err != nil {
			return nil, fmt.Errorf("rows of %s for %s: %w", schema, v.Name, err)
		}
		for _, row := range rows {
			row.Class, row.Schema = c, schema
		}
		out = append(out, rows...)
	}
	return out, nil
}

// reviewRank orders statuses from the least reviewed.
var reviewRank = map[docket.Status]int{docket.Draft: 1, docket.Disputed: 2, docket.Reported: 3, docket.Corroborated: 4, docket.Verified: 5}

// leastReviewed returns the least reviewed status of e's current statements.
func leastReviewed(e *docket.Entity) docket.Status {
	st := docket.Verified
	for _, s := range e.Statements {
		if s.Current() && reviewRank[s.Status] > 0 && reviewRank[s.Status] < reviewRank[st] {
			st = s.Status
		}
	}
	return st
}

// nameForms returns an entity's names and aliases as recorded, and whether the first is a
// draft.
func nameForms(e *docket.Entity) ([]docket.NameForm, bool) {
	var out []docket.NameForm
	draft := false
	for _, prop := range []string{"name", "alias"} {
		for _, s := range statementsOf(e, prop) {
			if len(out) == 0 {
				draft = s.Status == docket.Draft
			}
			out = append(out, docket.NameForm{Value: s.Value, Lang: s.Lang, Alias: prop == "alias"})
		}
	}
	return out, draft
}

// namedRefs returns the records e names under the properties, each once, with their names;
// draft when the record's name or the link to it is a draft.
func namedRefs(reg *Registry, e *docket.Entity, props ...string) []docket.NamedRef {
	var out []docket.NamedRef
	seen := map[string]bool{}
	for _, s := range statementsOf(e, props...) {
		t := reg.Entity(s.Value)
		if t == nil || seen[t.ID] {
			continue
		}
		seen[t.ID] = true
		names, draft := nameForms(t)
		out = append(out, docket.NamedRef{ID: t.ID, Names: names, Draft: draft || s.Status == docket.Draft})
	}
	return out
}

// sortKey folds a text for sorting, across scripts: Айгуль and Aigul sort together.
func foldKey(s string) string {
	if k := translit.Key(s); k != "" {
		return k
	}
	return strings.ToLower(s)
}

// peopleKey is the sort key of a list of persons: the first's name.
func peopleKey(refs []docket.NamedRef) string {
	for _, r := range refs {
		if len(r.Names) > 0 {
			return foldKey(r.Names[0].Value)
		}
	}
	return ""
}

// termRank is a term's place in its vocabulary, from 1; 0 for none.
func termRank(vocab, id string) int {
	for i, t := range docket.Vocab.Terms(vocab) {
		if t.ID == id {
			return i + 1
		}
	}
	return 0
}

// dateKey is a date as rows sort it: by its first possible day, "" without a year.
func dateKey(d docket.Date, ok bool) (string, int) {
	if !ok || d.Year == 0 {
		return "", 0
	}
	t, _ := d.Time()
	return t.Format("2006-01-02"), d.Year
}

func marshal(v any) json.RawMessage {
	b, _ := json.Marshal(v) // plain structs of strings and numbers
	return b
}

// caseRows derives the rows of the cases ids as v sees them: the case, its charges and
// proceedings (what refers to it as its case) and its defendants' names.
func caseRows(ctx context.Context, r Reader, v docket.Viewer, ids []string) ([]*docket.Row, error) {
	n := newNeighbourhood(ctx, r, v, 0)
	if err := n.fetch(ids); err != nil {
		return nil, err
	}
	cases := n.ofSchema("Case")
	if err := n.referrers(cases, "case"); err != nil {
		return nil, err
	}
	if err := n.fetch(rawValues(n.loaded(), "defendant")); err != nil {
		return nil, err
	}
	reg, err := n.registry()
	if err != nil {
		return nil, err
	}
	var out []*docket.Row
	for _, id := range cases {
		c := reg.Case(id)
		if c == nil || !slices.Contains(ids, id) {
			continue
		}
		out = append(out, caseRow(reg, c))
	}
	return out, nil
}

func caseRow(reg *Registry, c *Case) *docket.Row {
	cr := docket.CaseRow{Number: c.First("number"), Country: c.First("country"), Political: c.First("politicallyMotivated"),
		Status: leastReviewed(c.Entity), Proceedings: len(c.Proceedings)}
	cr.Names, cr.NameDraft = nameForms(c.Entity)
	cr.Defendants = namedRefs(reg, c.Entity, "defendant")
	seenDef := map[string]bool{}
	for _, d := range cr.Defendants {
		seenDef[d.ID] = true
	}
	for _, e := range append(append([]*docket.Entity{}, c.Charges...), entitiesOf(c.Proceedings)...) {
		for _, d := range namedRefs(reg, e, "defendant") {
			if !seenDef[d.ID] {
				seenDef[d.ID] = true
				cr.Defendants = append(cr.Defendants, d)
			}
		}
	}
	row := &docket.Row{ID: c.ID, Seq: c.Seq, Country: cr.Country, Political: cr.Political, Review: reviewRank[cr.Status]}
	seenArt := map[string]bool{}
	for _, ch := range c.Charges {
		ref := docket.ChargeRef{Code: ch.First("code"), Article: ch.First("article"), Part: ch.First("part")}
		if ref.Article == "" {
			continue
		}
		key := strings.TrimSpace(ref.Code + " " + ref.Article)
		if !seenArt[key+"/"+ref.Part] {
			seenArt[key+"/"+ref.Part] = true
			cr.Charges = append(cr.Charges, ref)
		}
		if !slices.Contains(row.Articles, key) {
			row.Articles = append(row.Articles, key)
		}
	}
	if len(row.Articles) > 0 {
		row.Article = row.Articles[0]
	}
	// The latest of each: proceedings are in the order of their stages, then dates.
	for _, p := range c.Proceedings {
		if p.Stage != "" {
			cr.Stage = p.Stage
		}
		if p.Outcome != "" {
			cr.Outcome = p.Outcome
		}
		if p.Sentence != "" {
			cr.Sentence = p.Sentence
		}
		if p.Dated {
			cr.Date = p.Date.String()
			row.Date, row.Year = dateKey(p.Date, true)
		}
	}
	row.Stage = termRank("stage", cr.Stage)
	row.Kind, row.Rank = cr.Outcome, termRank("outcome", cr.Outcome)
	if pen, err := docket.ParsePenalty(cr.Sentence); err == nil && pen.Term != nil {
		row.Amount = TermMonths(*pen.Term)
	}
	switch {
	case len(cr.Names) > 0:
		row.Caption = foldKey(cr.Names[0].Value)
	case len(cr.Defendants) > 0:
		row.Caption = peopleKey(cr.Defendants)
	default:
		row.Caption = foldKey(cr.Number)
	}
	row.People = peopleKey(cr.Defendants)
	row.Data = marshal(cr)
	return row
}

// rawValues returns the values of the properties of ents as recorded, merged ids and all: for
// a neighbourhood to read (and resolve) what they name.
func rawValues(ents []*docket.Entity, props ...string) []string {
	var out []string
	for _, e := range ents {
		for _, p := range props {
			out = append(out, e.Values(p)...)
		}
	}
	return uniq(out)
}

func entitiesOf(ps []*Proceeding) []*docket.Entity {
	out := make([]*docket.Entity, len(ps))
	for i, p := range ps {
		out[i] = p.Entity
	}
	return out
}

// eventRows derives the rows of the events ids as v sees them, with the names of their
// victims and perpetrators and of their case.
func eventRows(ctx context.Context, r Reader, v docket.Viewer, ids []string) ([]*docket.Row, error) {
	n := newNeighbourhood(ctx, r, v, 0)
	if err := n.fetch(ids); err != nil {
		return nil, err
	}
	events := n.ofSchema("Event")
	if err := n.named(); err != nil {
		return nil, err
	}
	reg, err := n.registry()
	if err != nil {
		return nil, err
	}
	var out []*docket.Row
	for _, id := range events {
		e := reg.Entity(id)
		if e == nil || !slices.Contains(ids, id) {
			continue
		}
		er := docket.EventRow{Type: e.First("type"), Date: e.First("date"), Place: e.First("place"), Status: leastReviewed(e)}
		if er.Date == "" {
			er.Date = e.First("startDate")
		}
		er.Names, er.NameDraft = nameForms(e)
		er.Victims = namedRefs(reg, e, "victim")
		er.Perpetrators = namedRefs(reg, e, "perpetrator")
		if cs := namedRefs(reg, e, "case"); len(cs) > 0 {
			er.Case = &cs[0]
		}
		row := &docket.Row{ID: e.ID, Seq: e.Seq, Kind: er.Type, Rank: termRank("event-type", er.Type), Review: reviewRank[er.Status],
			People: peopleKey(er.Victims)}
		d, ok := parseDate(er.Date)
		row.Date, row.Year = dateKey(d, ok)
		if len(er.Names) > 0 {
			row.Caption = foldKey(er.Names[0].Value)
		} else {
			row.Caption = foldKey(label("event-type", er.Type))
		}
		if er.Case != nil {
			if c := reg.Entity(er.Case.ID); c != nil {
				row.Country = c.First("country")
			}
		}
		row.Data = marshal(er)
		out = append(out, row)
	}
	return out, nil
}

// roleProps are the properties by which a record gives a person a role in a case.
var roleProps = []string{"defendant", "judge", "prosecutor", "lawyer", "victim", "perpetrator", "witness", "observer", "participant"}

// personRows derives the rows of the persons ids as v sees them: their names, their roles in
// the records that refer to them, and where the records put them (the prisoner list's
// categories). Roles and cases are counted from the references alone: a judge named by
// thousands of proceedings costs their references, not the proceedings and their cases. Only
// what acts on a person (and its cases), which the list's category rests on, is read whole.
func personRows(ctx context.Context, r Reader, v docket.Viewer, ids []string) ([]*docket.Row, error) {
	n := newNeighbourhood(ctx, r, v, 0)
	if err := n.fetch(ids); err != nil {
		return nil, err
	}
	persons := n.ofSchema("Person")
	if err := n.referrers(persons, actsOnPerson...); err != nil {
		return nil, err
	}
	if err := n.fetch(rawValues(n.loaded(), "case")); err != nil {
		return nil, err
	}
	reg, err := n.registry()
	if err != nil {
		return nil, err
	}
	roles, cases, err := rolesOf(ctx, r, v, persons)
	if err != nil {
		return nil, err
	}
	var out []*docket.Row
	for _, id := range persons {
		e := reg.Entity(id)
		if e == nil || !slices.Contains(ids, id) {
			continue
		}
		pr := docket.PersonRow{Country: e.First("country"), Status: leastReviewed(e), Roles: roles[id], Cases: len(cases[id])}
		if pr.Country == "" {
			pr.Country = e.First("nationality")
		}
		pr.Names, pr.NameDraft = nameForms(e)
		pr.State = reg.state(id)
		row := &docket.Row{ID: e.ID, Seq: e.Seq, Country: pr.Country, Kind: pr.State, Rank: stateRank(pr.State), Amount: float64(pr.Cases),
			Review: reviewRank[pr.Status]}
		if len(pr.Names) > 0 {
			row.Caption = foldKey(pr.Names[0].Value)
		}
		row.Data = marshal(pr)
		out = append(out, row)
	}
	return out, nil
}

// rolesPerRead is how many persons' references rolesOf reads at once: a few hubs of thousands.
const rolesPerRead = 20

// rolesOf counts, for each of persons as v sees them, the records that give them each role, and
// collects the cases they have a role in: a case naming them, or the case of a record naming
// them.
func rolesOf(ctx context.Context, r Reader, v docket.Viewer, persons []string) (map[string]map[string]int, map[string]map[string]bool, error) {
	roles, cases := map[string]map[string]int{}, map[string]map[string]bool{}
	for len(persons) > 0 {
		k := min(len(persons), rolesPerRead)
		refs, err := r.FindReferences(ctx, v, docket.ReferenceFilter{To: persons[:k], Via: roleProps})
		if err != nil {
			return nil, nil, fmt.Errorf("read roles: %w", err)
		}
		persons = persons[k:]
		seen := map[docket.Reference]bool{}
		via := map[string][]string{} // record -> persons it gives a role, for its case
		var records []string
		for _, ref := range refs {
			if seen[ref] {
				continue // a role stated twice (two sources) is one role
			}
			seen[ref] = true
			if roles[ref.To] == nil {
				roles[ref.To], cases[ref.To] = map[string]int{}, map[string]bool{}
			}
			roles[ref.To][ref.Property]++
			if ref.Schema == "Case" {
				cases[ref.To][ref.From] = true
				continue
			}
			if via[ref.From] == nil {
				records = append(records, ref.From)
			}
			via[ref.From] = append(via[ref.From], ref.To)
		}
		err = chunks(records, func(records []string) error {
			crefs, err := r.FindReferences(ctx, v, docket.ReferenceFilter{From: records, Via: []string{"case"}})
			if err != nil {
				return fmt.Errorf("read the cases of roles: %w", err)
			}
			for _, c := range crefs {
				for _, p := range via[c.From] {
					cases[p][c.To] = true
				}
			}
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	return roles, cases, nil
}

// state returns the prisoner list's category of a person, as Prisoners would list them, or ""
// when the records do not put them on the list.
func (reg *Registry) state(person string) string {
	listed := false
	for _, p := range reg.v().byDefendant[person] {
		listed = listed || reg.political(p)
	}
	for _, c := range reg.v().casesOf[person] {
		listed = listed || c.Political
	}
	for _, ev := range reg.v().eventsByVictim[person] {
		listed = listed || reg.persecution(ev)
	}
	if !listed {
		return ""
	}
	return reg.classify(person).Category
}

// stateRank orders the categories as the prisoner list does, from 1; 0 for none.
func stateRank(s string) int {
	if i := slices.Index(categoryOrder, s); i >= 0 {
		return i + 1
	}
	return 0
}
