package locale

import (
	"strings"
	"unicode"

	"github.com/docketorg/docket"
)

// A Namer names records for a reader of one language. A person's or an organisation's name is
// a proper name: it is shown as recorded, in the script of the reader's language where one is
// recorded (Айгуль Акбердиева on a Russian page, Aigul Akberdiyeva on an English one). The
// other records (cases, proceedings, events, charges, positions) are named after what is
// recorded of them, in the reader's language ("Case of Aigul Akberdiyeva, No. 2-123/2019",
// "First instance, Aktau City Court, 6 February 2019"), unless they were given a name in
// that language. So a case imported from a spreadsheet reads as one, a caption follows the
// corrections of the facts it is made of, and a caption holds nothing the reader may not see:
// it is made of the statements the store gave the reader.
type Namer struct {
	P *Printer
	// Lookup returns a record the reader may see, with its statements, or nil.
	Lookup func(id string) *docket.Entity
}

// maxNamed is how many defendants a case's caption names; the others are counted.
const maxNamed = 2

// Caption returns the entity's caption and whether it rests on a draft (a name not yet
// reviewed, which staff see marked as such).
func (n Namer) Caption(e *docket.Entity) (string, bool) {
	if e == nil {
		return "", false
	}
	name, st := n.name(e)
	if st == nil && onlyLocked(e) {
		return docket.LockedCaption(e), false
	}
	if properName(e.Schema) && st != nil {
		return name, st.Status == docket.Draft
	}
	if st != nil && n.inLanguage(st) {
		return name, st.Status == docket.Draft
	}
	if made, draft := n.made(e); made != "" {
		return made, draft
	}
	if st != nil {
		return name, st.Status == docket.Draft
	}
	return n.P.T("schema."+e.Schema) + " " + e.ID, false
}

// Named returns the recorded name Caption gives the entity, or "" when its caption is made of
// its facts (or of nothing): a text that tells its facts again need not repeat them.
func (n Namer) Named(e *docket.Entity) string {
	if e == nil {
		return ""
	}
	name, st := n.name(e)
	if st == nil {
		return ""
	}
	if c, _ := n.Caption(e); c != name {
		return ""
	}
	return name
}

// Name returns the entity's name as Caption would for a person or an organisation: a recorded
// name in the reader's script if there is one, else the first; "" without any.
func (n Namer) Name(e *docket.Entity) string {
	if e == nil {
		return ""
	}
	if !properName(e.Schema) {
		c, _ := n.Caption(e)
		return c
	}
	name, _ := n.name(e)
	return name
}

// ref returns the name of the record id names, "" when the reader may not see it.
func (n Namer) ref(id string) (string, bool) {
	if n.Lookup == nil || id == "" {
		return "", false
	}
	e := n.Lookup(id)
	if e == nil {
		return "", false
	}
	name, st := n.name(e)
	if name == "" {
		return "", false
	}
	return name, st != nil && st.Status == docket.Draft
}

func properName(schema string) bool { return schema == "Person" || schema == "Organization" }

// scriptOf returns the script the language is written in.
func scriptOf(lang string) string {
	switch lang {
	case "ru", "kk", "be", "uk", "ky", "tg", "mn":
		return "cyrillic"
	}
	return "latin"
}

// Script returns the script of a text's first letter: latin, cyrillic or other.
func Script(s string) string {
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Cyrillic, r):
			return "cyrillic"
		case unicode.Is(unicode.Latin, r):
			return "latin"
		case unicode.IsLetter(r):
			return "other"
		}
	}
	return ""
}

// name returns the entity's name or alias to show, and its statement: the first name in the
// script of the reader's language, else an alias in it recorded in a language of that script
// (a spelling: a Russian one serves a Kazakh page), else the first name, else the first alias.
func (n Namer) name(e *docket.Entity) (string, *docket.Statement) {
	var names, aliases []*docket.Statement
	for _, s := range e.Statements {
		if !s.Current() || s.Locked {
			continue
		}
		switch s.Property {
		case "name":
			names = append(names, s)
		case "alias":
			aliases = append(aliases, s)
		}
	}
	want := scriptOf(n.P.Lang)
	for _, s := range names {
		if Script(s.Value) == want {
			return s.Value, s
		}
	}
	for _, s := range aliases {
		if Script(s.Value) == want && (s.Lang == "" || scriptOf(s.Lang) == want) {
			return s.Value, s
		}
	}
	for _, list := range [][]*docket.Statement{names, aliases} {
		if len(list) > 0 {
			return list[0].Value, list[0]
		}
	}
	if e.Caption != "" && len(e.Statements) == 0 {
		return e.Caption, nil // read without its statements: the store's caption
	}
	return "", nil
}

// inLanguage reports whether a name is written in the reader's language: recorded in it, or,
// without a language, in its script.
func (n Namer) inLanguage(s *docket.Statement) bool {
	if s.Lang != "" {
		return s.Lang == n.P.Lang
	}
	return Script(s.Value) == scriptOf(n.P.Lang)
}

// made returns a caption made of what is recorded of a record that is not a person or an
// organisation, "" when too little is recorded to make one.
func (n Namer) made(e *docket.Entity) (string, bool) {
	p := n.P
	var draft bool
	first := func(prop string) string {
		for _, s := range e.Statements {
			if s.Property == prop && s.Current() {
				draft = draft || s.Status == docket.Draft
				return s.Value
			}
		}
		return ""
	}
	refs := func(prop string) []string {
		var out []string
		seen := map[string]bool{}
		for _, s := range e.Statements {
			if s.Property != prop || !s.Current() || seen[s.Value] {
				continue
			}
			seen[s.Value] = true
			if name, d := n.ref(s.Value); name != "" {
				out = append(out, name)
				draft = draft || d || s.Status == docket.Draft
			}
		}
		return out
	}
	var parts []string
	add := func(s string) {
		if s != "" {
			parts = append(parts, s)
		}
	}
	switch e.Schema {
	case "Case":
		defs, number := refs("defendant"), first("number")
		var who string
		switch {
		case len(defs) == 0:
		case len(defs) <= maxNamed:
			who = strings.Join(defs, p.T("caption.and"))
		default:
			who = p.T("caption.others", strings.Join(defs[:maxNamed], ", "), len(defs)-maxNamed)
		}
		switch {
		case who != "" && number != "":
			return p.T("caption.caseOfNumber", who, number), draft
		case who != "":
			return p.T("caption.caseOf", who), draft
		case number != "":
			return p.T("caption.caseNumber", number), draft
		}
		return "", false
	case "Proceeding":
		if st := first("stage"); st != "" {
			add(Capitalize(p.Term("stage", st)))
		}
		add(strings.Join(refs("court"), ", "))
		if d := first("date"); d != "" {
			add(p.Date(d))
		} else if d := first("startDate"); d != "" {
			add(p.T("caption.from", p.Date(d)))
		}
		if len(parts) == 0 {
			return "", false
		}
		if len(parts) == 1 && first("stage") == "" {
			parts = append([]string{p.T("schema.Proceeding")}, parts...)
		}
	case "Event":
		if t := first("type"); t != "" {
			add(Capitalize(p.Term("event-type", t)))
		} else {
			add(p.T("schema.Event"))
		}
		d := first("date")
		if d == "" {
			d = first("startDate")
		}
		if d != "" {
			add(p.Date(d))
		}
		add(first("place"))
		if len(parts) < 2 {
			return "", false
		}
	case "Charge":
		art := first("article")
		if art == "" {
			return "", false
		}
		add(Capitalize(p.Article(first("code"), art, first("part"))))
	case "Position":
		if post := first("post"); post != "" {
			add(Capitalize(p.Term("post", post)))
		}
		add(strings.Join(refs("organization"), ", "))
		holder := refs("holder")
		if len(parts) == 0 {
			return "", false
		}
		if len(holder) > 0 {
			return p.T("caption.position", holder[0], strings.Join(parts, ", ")), draft
		}
	default:
		return "", false
	}
	return strings.Join(parts, ", "), draft
}

// onlyLocked reports whether the entity's current names are all locked (sealed, and read
// without the data key): its caption then says so, rather than being made of other facts.
func onlyLocked(e *docket.Entity) bool {
	locked := false
	for _, s := range e.Statements {
		if s.Current() && (s.Property == "name" || s.Property == "alias") {
			if !s.Locked {
				return false
			}
			locked = true
		}
	}
	return locked
}
