package docket

import (
	"context"
	"encoding/json"
)

// Lists of records (the tables of cases, events and persons) show, sort and filter what is
// recorded of each record and of the records around it: a case's defendants, charges and
// latest ruling. Reading that for every record of a large registry on every page would cost
// far too much, so each record's row is derived once, for each class of viewer, from what that
// class may see, and kept in the store beside the records; a list reads its class's rows. Rows
// are derived again from the change log when records change (see report.RefreshRows), and so
// they never hold what the class may not see.

// Class is a class of viewers who see the same of the registry: the public (reviewed public
// statements), staff (internal ones and drafts too), and staff cleared for confidential data.
// The store's filters tell them apart by nothing else.
type Class int

// Classes of viewers, from the one that sees least.
const (
	ClassPublic Class = iota + 1
	ClassStaff
	ClassCleared
)

// Classes lists every class of viewer.
var Classes = []Class{ClassPublic, ClassStaff, ClassCleared}

// ListedClasses are the classes that lists keep rows for. Not the cleared: a list is kept in
// the clear to be sorted and filtered, and confidential data is sealed at rest, so cleared
// staff read the staff's lists and find confidential records by search and by their pages.
var ListedClasses = []Class{ClassPublic, ClassStaff}

// ListClass returns the class whose list rows v reads (see ListedClasses).
func (v Viewer) ListClass() Class { return min(v.Class(), ClassStaff) }

// Class returns the class of viewers v belongs to.
func (v Viewer) Class() Class {
	switch {
	case v.Role == Anonymous:
		return ClassPublic
	case v.MaxSensitivity() == Confidential:
		return ClassCleared
	default:
		return ClassStaff
	}
}

// Viewer returns a viewer of the class, who sees what every viewer of it sees and may not write.
func (c Class) Viewer() Viewer {
	switch c {
	case ClassCleared:
		return Viewer{Name: "cleared staff", Role: Reader, Cleared: true}
	case ClassStaff:
		return Viewer{Name: "staff", Role: Reader}
	}
	return AnonymousViewer
}

// ListSchemas are the schemas that have lists.
var ListSchemas = []string{"Case", "Event", "Person"}

// Row is one record as a list shows it to one class of viewer: what it shows (Data, the JSON
// of a CaseRow, EventRow or PersonRow) and what the list sorts and filters by.
type Row struct {
	Class  Class
	Schema string
	ID     string
	Seq    int64 // of the record: lists are in the order records were made, by default

	// Sort keys, one for each column a list sorts by: texts folded for sorting, the
	// vocabulary's order for terms (Rank), and numbers.
	Caption string // the record's caption, folded
	People  string // defendants, victims: folded
	Country string // ISO code
	Article string // the first article charged, "KZ-CC 179"
	Stage   int    // the latest ruling's stage, in the vocabulary's order (0: none)
	Kind    string // the latest outcome of a case, an event's type, a person's status
	Rank    int    // Kind's place in its vocabulary (0: none)
	Amount  float64
	Date    string // the latest ruling's or the event's date, sortable ("" when none)
	Review  int    // the least reviewed of its statements: 1 draft, 2 reported, ...

	// Filters besides Country and Kind.
	Articles  []string // every article charged, "KZ-CC 179"
	Year      int      // of Date
	Political string   // the case's assessment: yes, no, unclear

	Data json.RawMessage
}

// NamedRef is a record a row names, with its names (each with its language), so that a page
// names it in the script of its language.
type NamedRef struct {
	ID    string     `json:"id"`
	Names []NameForm `json:"names,omitempty"`
	Draft bool       `json:"draft,omitempty"` // named by a draft, or linked by one
}

// NameForm is a name as recorded.
type NameForm struct {
	Value string `json:"value"`
	Lang  string `json:"lang,omitempty"`
	Alias bool   `json:"alias,omitempty"`
}

// ChargeRef is an article charged.
type ChargeRef struct {
	Code    string `json:"code,omitempty"`
	Article string `json:"article"`
	Part    string `json:"part,omitempty"`
}

// CaseRow is a case as the list of cases shows it.
type CaseRow struct {
	Names       []NameForm  `json:"names,omitempty"` // the case's own names
	NameDraft   bool        `json:"name_draft,omitempty"`
	Number      string      `json:"number,omitempty"`
	Country     string      `json:"country,omitempty"`
	Defendants  []NamedRef  `json:"defendants,omitempty"`
	Charges     []ChargeRef `json:"charges,omitempty"`
	Stage       string      `json:"stage,omitempty"` // of the latest ruling
	Outcome     string      `json:"outcome,omitempty"`
	Sentence    string      `json:"sentence,omitempty"`
	Date        string      `json:"date,omitempty"` // of the latest ruling
	Political   string      `json:"political,omitempty"`
	Status      Status      `json:"status"` // the least reviewed of its own statements
	Proceedings int         `json:"proceedings"`
}

// EventRow is an event as the list of events shows it.
type EventRow struct {
	Names        []NameForm `json:"names,omitempty"`
	NameDraft    bool       `json:"name_draft,omitempty"`
	Type         string     `json:"type,omitempty"`
	Date         string     `json:"date,omitempty"`
	Place        string     `json:"place,omitempty"`
	Victims      []NamedRef `json:"victims,omitempty"`
	Perpetrators []NamedRef `json:"perpetrators,omitempty"`
	Case         *NamedRef  `json:"case,omitempty"`
	Status       Status     `json:"status"`
}

// PersonRow is a person as the list of persons shows it.
type PersonRow struct {
	Names     []NameForm     `json:"names,omitempty"`
	NameDraft bool           `json:"name_draft,omitempty"`
	Country   string         `json:"country,omitempty"`
	Roles     map[string]int `json:"roles,omitempty"` // property ("defendant", "judge") -> in how many records
	Cases     int            `json:"cases"`           // in how many cases they have a role
	// State is where the registry's records put them, as the prisoner list says it:
	// imprisoned, psychiatric, restraint, extradition, persecuted; "" for none of these.
	State  string `json:"state,omitempty"`
	Status Status `json:"status"`
}

// RowQuery selects a page of a list. Empty filters match everything.
type RowQuery struct {
	Schema    string // Case, Event or Person
	Sort      string // one of RowSorts; "" is the order records were made
	Desc      bool
	Country   string
	Article   string // "179", or with its code "KZ-CC 179"
	Kind      string // a case's latest outcome, an event's type, a person's status
	Year      int
	Political string
	Offset    int
	Limit     int
}

// RowSorts are the keys a list sorts by.
var RowSorts = []string{"caption", "people", "country", "article", "stage", "kind", "amount", "date", "review"}

// RowPage is a page of a list: its rows, how many match in all, and how many changes of the
// log the rows are behind (they are derived a little after the changes).
type RowPage struct {
	Rows   []*Row
	Total  int
	Behind int64
}

// ListService keeps the rows of the lists.
type ListService interface {
	// FindRows returns a page of the rows of v's class. EINVALID for an unknown schema or sort.
	FindRows(ctx context.Context, v Viewer, q RowQuery) (*RowPage, error)
	// RowsHead returns the change of the log the rows are derived up to: 0 when never derived,
	// -h while they are derived for the first time, a derivation begun at change h.
	RowsHead(ctx context.Context) (int64, error)
	// PutRows replaces every row of the records ids (of every class) by rows, and, when head is
	// not 0, moves the rows' head to it (see RowsHead); in one transaction. Only the operator
	// writes rows: they are derived from the records, never edited.
	PutRows(ctx context.Context, v Viewer, ids []string, rows []*Row, head int64) error
}
