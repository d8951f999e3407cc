package docket

import (
	"sort"
	"strconv"
	"strings"
)

// Type is the type of a property's values. Every type has one canonical text form, so the same
// fact is stored, exported and hashed the same way on every backend.
type Type string

// Property types.
const (
	TypeName     Type = "name"     // a name of a person, organisation or place; searched across scripts
	TypeString   Type = "string"   // a short text
	TypeText     Type = "text"     // a longer text
	TypeDate     Type = "date"     // a Date with its precision
	TypeRef      Type = "ref"      // the id of another entity
	TypeEnum     Type = "enum"     // a term of a vocabulary
	TypeNumber   Type = "number"   // a decimal number
	TypePenalty  Type = "penalty"  // a Penalty: sentence or demand
	TypeURL      Type = "url"      // an http or https URL
	TypeCountry  Type = "country"  // an ISO 3166-1 alpha-2 code, lower case
	TypeCode     Type = "code"     // the id of a criminal code in the vocabularies
	TypeArticle  Type = "article"  // an article number of a code: digits and dots ("179", "207.3")
	TypeDuration Type = "duration" // an ISO 8601 period
)

// Limits on values.
const (
	MaxStringLen = 1000
	MaxTextLen   = 20000
)

// Property is one property of a schema.
type Property struct {
	Name  string   `json:"name"`
	Type  Type     `json:"type"`
	Label string   `json:"label"`
	Range []string `json:"range,omitempty"` // schemas a ref may point to
	Vocab string   `json:"vocab,omitempty"` // vocabulary of an enum
	Link  bool     `json:"link,omitempty"`  // a link between events (HURIDOCS chain of events)
}

// Normalize checks a value against the property's type and returns its canonical form. It
// does not check that a referenced entity exists.
func (p *Property) Normalize(value string) (string, error) {
	v := strings.TrimSpace(value)
	if v == "" {
		return "", Errorf(EINVALID, "value is empty")
	}
	// Before the spaces of a name are collapsed: a line break in a name is a mistake to show.
	if err := CheckText(v, p.Type == TypeText); err != nil {
		return "", err
	}
	limit := MaxStringLen
	if p.Type == TypeText {
		limit = MaxTextLen
	}
	if len(v) > limit {
		return "", Errorf(EINVALID, "value is %d bytes, over the limit of %d", len(v), limit)
	}
	switch p.Type {
	case TypeName, TypeString:
		return strings.Join(strings.Fields(v), " "), nil
	case TypeText:
		return v, nil
	case TypeDate:
		// As people write it (30.03.2023, 30 марта 2023 года), stored in the canonical form.
		d, err := ReadDate(v)
		return d.String(), err
	case TypeRef:
		if !ValidID(v) {
			return "", Errorf(EINVALID, "%q is not an entity id", v)
		}
		return v, nil
	case TypeEnum:
		if _, ok := Vocab.Term(p.Vocab, v); !ok {
			return "", Errorf(EINVALID, "%q is not in the %s vocabulary (%s)", v, p.Vocab, strings.Join(Vocab.IDs(p.Vocab), ", "))
		}
		return v, nil
	case TypeNumber:
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return "", Errorf(EINVALID, "%q is not a number", v)
		}
		return strconv.FormatFloat(f, 'f', -1, 64), nil
	case TypePenalty:
		pen, err := ParsePenalty(v)
		return pen.String(), err
	case TypeURL:
		return normalizeURL(v)
	case TypeCountry:
		c := strings.ToLower(v)
		if len(c) != 2 || c[0] < 'a' || c[0] > 'z' || c[1] < 'a' || c[1] > 'z' {
			return "", Errorf(EINVALID, "%q is not a two-letter country code such as kz", v)
		}
		return c, nil
	case TypeCode:
		if _, ok := Vocab.Code(v); !ok {
			var ids []string
			for _, c := range Vocab.Codes() {
				ids = append(ids, c.ID)
			}
			return "", Errorf(EINVALID, "%q is not a known criminal code (%s)", v, strings.Join(ids, ", "))
		}
		return v, nil
	case TypeArticle:
		for i, r := range v {
			if !(r >= '0' && r <= '9' || r == '.' && i > 0 && i < len(v)-1 || r == '-' && i > 0) {
				return "", Errorf(EINVALID, "article %q: write the number only, digits and dots (\"179\", \"207.3\"); the part goes in its own property", v)
			}
		}
		return v, nil
	case TypeDuration:
		d, err := ParseDuration(v)
		return d.String(), err
	}
	return "", Errorf(EINTERNAL, "property %s has unknown type %s", p.Name, p.Type)
}

// Schema describes one kind of entity and the properties its statements may have.
type Schema struct {
	Name       string     `json:"name"`
	Label      string     `json:"label"`
	Properties []Property `json:"properties"`
}

// Property returns the named property, or nil.
func (s *Schema) Property(name string) *Property {
	for i := range s.Properties {
		if s.Properties[i].Name == name {
			return &s.Properties[i]
		}
	}
	return nil
}

// PropertyNames returns the names of the schema's properties.
func (s *Schema) PropertyNames() []string {
	var names []string
	for _, p := range s.Properties {
		names = append(names, p.Name)
	}
	return names
}

// Schemas lists every schema. Names follow FollowTheMoney where one fits.
var Schemas = []*Schema{
	{Name: "Person", Label: "Person", Properties: []Property{
		name("name", "Name"), name("alias", "Alias"),
		{Name: "birthDate", Type: TypeDate, Label: "Date of birth"},
		{Name: "nationality", Type: TypeCountry, Label: "Nationality"},
		{Name: "country", Type: TypeCountry, Label: "Country"},
		{Name: "occupation", Type: TypeString, Label: "Occupation"},
		ref("spouse", "Spouse", "Person"), ref("relative", "Relative", "Person"),
		text("description", "Description"),
	}},
	{Name: "Organization", Label: "Organisation", Properties: []Property{
		name("name", "Name"), name("alias", "Alias"),
		enum("kind", "Kind", "org-kind"), enum("level", "Court level", "court-level"),
		{Name: "country", Type: TypeCountry, Label: "Country"},
		name("region", "Region"),
		name("city", "City"),
		ref("parent", "Part of", "Organization"),
		text("description", "Description"),
	}},
	{Name: "Position", Label: "Position", Properties: []Property{
		name("name", "Name"),
		ref("holder", "Holder", "Person"), ref("organization", "Organisation", "Organization"),
		enum("post", "Post", "post"),
		date("startDate", "Start"), date("endDate", "End"),
		text("endReason", "Why it ended"),
	}},
	{Name: "Case", Label: "Case", Properties: []Property{
		name("name", "Name"), {Name: "number", Type: TypeString, Label: "Case number"},
		{Name: "country", Type: TypeCountry, Label: "Country"},
		ref("defendant", "Defendant", "Person", "Organization"),
		enum("politicallyMotivated", "Politically motivated", "assessment"),
		text("criteria", "Why politically motivated"),
		text("summary", "Summary"),
	}},
	{Name: "Charge", Label: "Charge", Properties: []Property{
		name("name", "Name"),
		ref("case", "Case", "Case"), ref("defendant", "Defendant", "Person", "Organization"),
		{Name: "code", Type: TypeCode, Label: "Legal code"},
		{Name: "article", Type: TypeArticle, Label: "Article"},
		{Name: "part", Type: TypeString, Label: "Part"},
		{Name: "wording", Type: TypeString, Label: "Wording"},
	}},
	{Name: "Proceeding", Label: "Proceeding", Properties: []Property{
		name("name", "Name"),
		ref("case", "Case", "Case"), enum("stage", "Stage", "stage"),
		ref("court", "Court", "Organization"), ref("judge", "Judge", "Person"),
		ref("prosecutor", "Prosecutor", "Person"), ref("lawyer", "Lawyer", "Person"),
		ref("defendant", "Defendant", "Person", "Organization"),
		ref("charge", "Charge", "Charge"),
		{Name: "demand", Type: TypePenalty, Label: "Prosecutor's demand"},
		enum("outcome", "Outcome", "outcome"),
		{Name: "sentence", Type: TypePenalty, Label: "Sentence"},
		date("date", "Date of ruling"), date("startDate", "Start"),
		text("description", "Description"),
	}},
	{Name: "Event", Label: "Event", Properties: []Property{
		name("name", "Name"),
		enum("type", "Type", "event-type"),
		date("date", "Date"), date("endDate", "End"),
		name("place", "Place"),
		ref("case", "Case", "Case"),
		ref("victim", "Victim", "Person", "Organization"),
		ref("perpetrator", "Perpetrator", "Person", "Organization"),
		ref("witness", "Witness", "Person", "Organization"),
		ref("observer", "Observer", "Person", "Organization"),
		ref("participant", "Participant", "Person", "Organization"),
		link("follows", "Followed"), link("causedBy", "Caused by"), link("retaliationFor", "In retaliation for"),
		text("description", "Description"),
	}},
	{Name: "Statistic", Label: "Statistic", Properties: []Property{
		name("name", "Name"),
		{Name: "value", Type: TypeNumber, Label: "Value"},
		{Name: "unit", Type: TypeString, Label: "Unit"},
		text("scope", "Scope"),
		{Name: "country", Type: TypeCountry, Label: "Country"},
		date("date", "As of"),
		text("description", "Description"),
	}},
}

func name(n, l string) Property    { return Property{Name: n, Type: TypeName, Label: l} }
func text(n, l string) Property    { return Property{Name: n, Type: TypeText, Label: l} }
func date(n, l string) Property    { return Property{Name: n, Type: TypeDate, Label: l} }
func enum(n, l, v string) Property { return Property{Name: n, Type: TypeEnum, Label: l, Vocab: v} }
func ref(n, l string, rng ...string) Property {
	return Property{Name: n, Type: TypeRef, Label: l, Range: rng}
}

// link is a link from a later event to an earlier event or proceeding.
func link(n, l string) Property {
	return Property{Name: n, Type: TypeRef, Label: l, Range: []string{"Event", "Proceeding"}, Link: true}
}

// SchemaByName returns the named schema or EINVALID listing the known ones.
func SchemaByName(n string) (*Schema, error) {
	for _, s := range Schemas {
		if s.Name == n {
			return s, nil
		}
	}
	var names []string
	for _, s := range Schemas {
		names = append(names, s.Name)
	}
	sort.Strings(names)
	return nil, Errorf(EINVALID, "unknown schema %q (want one of %s)", n, strings.Join(names, ", "))
}

// CaptionProperties are tried in order for an entity's caption.
var CaptionProperties = []string{"name", "alias", "title", "type", "stage", "date"}
