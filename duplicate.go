package docket

import (
	"context"
	"net/url"
	"strings"
)

// No silent duplicates: a source whose URL is recorded already is that source, and a person or
// organisation whose name a record already has is asked about before a second one is made.
// Both look only at what the writer may see: for someone who may not see a hidden witness or
// source, it does not exist, and a new record is the answer.

// AddSource records s, unless a source v may see has its URL already: then s is filled in
// with that source and reused is true. Every path that adds a source by URL (the command
// line, the API, the forms, ingest) goes through here.
func AddSource(ctx context.Context, st SourceService, v Viewer, s *Source) (reused bool, err error) {
	if s.URL != "" {
		c := *s
		if c.Sensitivity == 0 {
			c.Sensitivity = Internal
		}
		if err := c.Normalize(); err != nil {
			return false, err
		}
		for _, u := range URLSpellings(c.URL) {
			found, _, err := st.FindSources(ctx, v, SourceFilter{URL: &u, Limit: 1})
			if err != nil {
				return false, err
			}
			if len(found) > 0 {
				*s = *found[0]
				return true, nil
			}
		}
	}
	return false, st.CreateSource(ctx, v, s)
}

// NamedSchemas are the schemas whose records are found by name before a new one is made.
var NamedSchemas = []string{"Person", "Organization"}

// NameMatches returns the records of a schema v may see that have one of the names (or an
// alias) in any script or spelling: the candidates to ask about before making a new record.
func NameMatches(ctx context.Context, st EntityService, v Viewer, schema string, names ...string) ([]*Entity, error) {
	var out []*Entity
	seen := map[string]bool{}
	for _, n := range names {
		if strings.TrimSpace(n) == "" {
			continue
		}
		ents, _, err := st.FindEntities(ctx, v, EntityFilter{Schema: &schema, Name: &n, Limit: 20, SkipCount: true})
		if err != nil {
			if ErrorCode(err) == EINVALID {
				continue // a name with no letters to match
			}
			return nil, err
		}
		for _, e := range ents {
			if !seen[e.ID] {
				seen[e.ID] = true
				out = append(out, e)
			}
		}
	}
	return out, nil
}

// NewNames returns the names and aliases given among a new record's first statements, when
// its schema is one found by name.
func NewNames(schema string, stmts []*Statement) []string {
	found := false
	for _, s := range NamedSchemas {
		found = found || s == schema
	}
	if !found {
		return nil
	}
	var out []string
	for _, s := range stmts {
		if s.Property == "name" || s.Property == "alias" {
			out = append(out, s.Value)
		}
	}
	return out
}

// DuplicateError is the answer to a new record whose name a record v may see already has:
// the candidates, for the caller to pick one or to say that it is new.
type DuplicateError struct {
	Schema     string
	Candidates []*Entity
}

func (e *DuplicateError) Error() string { return e.Unwrap().Error() }

// Unwrap is the conflict as an application error, for ErrorCode and ErrorMessage.
func (e *DuplicateError) Unwrap() error {
	var names []string
	for _, c := range e.Candidates {
		names = append(names, c.Caption+" ("+c.ID+")")
	}
	return Errorf(ECONFLICT, "a %s of this name is recorded already: %s; add to that record, or say that this one is new",
		strings.ToLower(e.Schema), strings.Join(names, ", "))
}

// URLSpellings returns the spellings of one address that a source may have been recorded
// with: as given, then with the scheme and host in lower case, without a default port or a
// fragment, and with and without a slash at the end of the path.
func URLSpellings(s string) []string {
	out := []string{s}
	add := func(x string) {
		for _, o := range out {
			if o == x {
				return
			}
		}
		out = append(out, x)
	}
	u, err := url.Parse(s)
	if err != nil {
		return out
	}
	u.Scheme, u.Host, u.Fragment, u.RawFragment = strings.ToLower(u.Scheme), strings.ToLower(u.Host), "", ""
	if p := u.Port(); p == "80" && u.Scheme == "http" || p == "443" && u.Scheme == "https" {
		u.Host = u.Hostname()
	}
	add(u.String())
	if strings.HasSuffix(u.Path, "/") && u.Path != "/" {
		u.Path = strings.TrimSuffix(u.Path, "/")
		u.RawPath = ""
	} else if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		u.RawPath = ""
	}
	add(u.String())
	return out
}
