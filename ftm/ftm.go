// Package ftm writes Docket's records as FollowTheMoney entities, the model of OCCRP Aleph and
// OpenSanctions: one JSON object a line with an id, a schema and properties whose values are
// lists of strings. Persons become Person, courts, prosecutors, police and other state bodies
// PublicBody, other organisations Organization, cases and their proceedings CourtCase with
// CourtCaseParty links, events Event, and positions Position with an Occupancy for the holder.
package ftm

import (
	"encoding/json"
	"io"
	"sort"
	"strings"

	"github.com/docketorg/docket"
)

// Entity is one FollowTheMoney entity.
type Entity struct {
	ID         string              `json:"id"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
}

func (e *Entity) add(prop string, values ...string) {
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			e.Properties[prop] = append(e.Properties[prop], v)
		}
	}
}

// publicBodies are the organisation kinds that are organs of the state.
var publicBodies = map[string]bool{"court": true, "prosecutor": true, "security service": true, "police": true,
	"prison": true, "disciplinary body": true, "government": true}

// date returns a date in FtM's form (YYYY, YYYY-MM or YYYY-MM-DD), or "" for dates FtM cannot
// hold: a day and month without a year. An approximate date loses its mark.
func date(v string) string {
	d, err := docket.ParseDate(v)
	if err != nil || d.Year == 0 {
		return ""
	}
	d.Approx = false
	return d.String()
}

// Writer writes entities as JSON lines. Captions resolves an entity id to its caption, for
// properties FtM holds as text (a proceeding's court).
type Writer struct {
	w        io.Writer
	Captions func(id string) string
	Sources  func(id string) string // a source's URL, or ""
}

// NewWriter returns a writer to w.
func NewWriter(w io.Writer) *Writer {
	return &Writer{w: w, Captions: func(id string) string { return id }, Sources: func(string) string { return "" }}
}

func (fw *Writer) emit(e *Entity) error {
	if len(e.Properties) == 0 && e.Schema != "CourtCaseParty" && e.Schema != "Occupancy" {
		return nil
	}
	for _, vs := range e.Properties {
		sort.Strings(vs)
	}
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	_, err = fw.w.Write(append(b, '\n'))
	return err
}

// Write writes one Docket entity, with its current statements, as FtM entities.
func (fw *Writer) Write(d *docket.Entity) error {
	vals := func(p string) []string { return d.Values(p) }
	first := func(p string) string { return d.First(p) }
	e := &Entity{ID: d.ID, Properties: map[string][]string{}}
	var extra []*Entity
	party := func(caseID, partyID, role string) {
		extra = append(extra, &Entity{ID: caseID + "-" + role + "-" + partyID, Schema: "CourtCaseParty",
			Properties: map[string][]string{"case": {caseID}, "party": {partyID}, "role": {role}}})
	}
	switch d.Schema {
	case "Person":
		e.Schema = "Person"
		e.add("name", vals("name")...)
		e.add("alias", vals("alias")...)
		e.add("birthDate", date(first("birthDate")))
		e.add("nationality", vals("nationality")...)
		e.add("country", vals("country")...)
		e.add("position", vals("occupation")...)
		e.add("description", vals("description")...)
	case "Organization":
		e.Schema = "Organization"
		if publicBodies[first("kind")] {
			e.Schema = "PublicBody"
		}
		e.add("name", vals("name")...)
		e.add("alias", vals("alias")...)
		e.add("country", vals("country")...)
		e.add("classification", vals("kind")...)
		e.add("description", vals("description")...)
		if parent := first("parent"); parent != "" {
			e.add("parent", parent)
		}
	case "Case":
		e.Schema = "CourtCase"
		e.add("name", vals("name")...)
		e.add("caseNumber", vals("number")...)
		e.add("country", vals("country")...)
		e.add("summary", vals("summary")...)
		e.add("description", vals("criteria")...)
		if first("politicallyMotivated") == "yes" {
			e.add("category", "politically motivated")
		}
		for _, p := range vals("defendant") {
			party(d.ID, p, "defendant")
		}
	case "Proceeding":
		e.Schema = "CourtCase"
		e.add("name", vals("name")...)
		e.add("type", vals("stage")...)
		e.add("status", vals("outcome")...)
		e.add("closeDate", date(first("date")))
		e.add("fileDate", date(first("startDate")))
		for _, c := range vals("court") {
			e.add("court", fw.Captions(c))
		}
		e.add("description", vals("description")...)
		for _, s := range vals("sentence") {
			e.add("summary", "sentence: "+s)
		}
		for _, s := range vals("demand") {
			e.add("summary", "prosecutor's demand: "+s)
		}
		for _, role := range []string{"defendant", "judge", "prosecutor", "lawyer"} {
			for _, p := range vals(role) {
				party(d.ID, p, role)
			}
		}
	case "Event":
		e.Schema = "Event"
		e.add("name", vals("name")...)
		e.add("summary", vals("type")...)
		e.add("date", date(first("date")))
		e.add("endDate", date(first("endDate")))
		e.add("location", vals("place")...)
		e.add("description", vals("description")...)
		for _, role := range []string{"victim", "perpetrator", "witness", "observer", "participant"} {
			e.add("involved", vals(role)...)
		}
		e.add("organizer", vals("perpetrator")...)
	case "Position":
		e.Schema = "Position"
		e.add("name", vals("name")...)
		if len(e.Properties["name"]) == 0 {
			e.add("name", first("post"))
		}
		e.add("organization", vals("organization")...)
		for _, h := range vals("holder") {
			occ := &Entity{ID: d.ID + "-holder-" + h, Schema: "Occupancy", Properties: map[string][]string{"holder": {h}, "post": {d.ID}}}
			occ.add("startDate", date(first("startDate")))
			occ.add("endDate", date(first("endDate")))
			occ.add("description", vals("endReason")...)
			extra = append(extra, occ)
		}
	default:
		return nil // charges and statistics have no FtM schema; charges go with their case
	}
	seen := map[string]bool{}
	for _, s := range d.Statements {
		if u := fw.Sources(s.Source); u != "" && !seen[u] && e.Schema != "" {
			seen[u] = true
			e.add("sourceUrl", u)
		}
	}
	if err := fw.emit(e); err != nil {
		return err
	}
	for _, x := range extra {
		if err := fw.emit(x); err != nil {
			return err
		}
	}
	return nil
}
