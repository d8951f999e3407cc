package docket

import (
	"context"
	"strings"
	"time"
)

// Status is how far a statement has been reviewed.
type Status string

// Statuses. A draft is a proposal not yet reviewed: every statement without a source, and every
// proposal from extraction. Only reviewed statements are ever shown to the public.
const (
	Draft        Status = "draft"
	Reported     Status = "reported"     // reviewed, with a source
	Corroborated Status = "corroborated" // the same value from two independent sources
	Verified     Status = "verified"     // checked by the organisation
	Disputed     Status = "disputed"     // reviewed, and contested; shown as such
)

// ParseStatus parses a status name.
func ParseStatus(s string) (Status, error) {
	switch st := Status(s); st {
	case Draft, Reported, Corroborated, Verified, Disputed:
		return st, nil
	}
	return "", Errorf(EINVALID, "unknown status %q (want draft, reported, corroborated, verified or disputed)", s)
}

// Reviewed reports whether a person has reviewed the statement.
func (s Status) Reviewed() bool { return s != Draft && s != "" }

// Statement is one sourced value of one property of one entity. Statements are appended and
// never changed: a retraction or a correction is a new record that refers to them. The fields
// above the line are those recorded when the statement was made; the others are derived from
// later records.
type Statement struct {
	ID          string      `json:"id"`
	Entity      string      `json:"entity"`
	Property    string      `json:"property"`
	Value       string      `json:"value"`
	Lang        string      `json:"lang,omitempty"`
	Source      string      `json:"source,omitempty"`
	Locator     string      `json:"locator,omitempty"` // footnote, page or paragraph in the source
	Quote       string      `json:"quote,omitempty"`   // a few words of the source, not more
	Status      Status      `json:"status"`
	Sensitivity Sensitivity `json:"sensitivity"`
	Author      string      `json:"author"`
	CreatedAt   time.Time   `json:"created"`
	Supersedes  string      `json:"supersedes,omitempty"`
	// Salt is random and kept with the statement: the ledger commits to a salted hash, so a
	// published proof lets no one confirm a guessed confidential value.
	Salt string `json:"salt"`
	// Sealed holds the value, locator, quote and salt of a confidential statement, or of any
	// statement of a confidential entity, as the store keeps them: encrypted under its data
	// key. They are then empty (but a reference's value), and Locked says so when a store
	// without the key returns it.
	Sealed *Sealed `json:"sealed,omitempty"`

	// Derived. Zero in the change record written when the statement is made.
	Retraction   *Retraction `json:"retraction,omitempty"`
	SupersededBy string      `json:"superseded_by,omitempty"`
	// Locked says the statement is sealed and the store has not the key to open it: its value
	// is withheld, not empty. Only a viewer who may see the statement is told it exists.
	Locked bool  `json:"locked,omitempty"`
	Seq    int64 `json:"-"`
}

// Current reports whether the statement still stands.
func (s *Statement) Current() bool { return s.Retraction == nil }

// Retraction withdraws a statement, with a reason, and names its successor when it is a
// correction.
type Retraction struct {
	Statement    string    `json:"statement"`
	Reason       string    `json:"reason"`
	SupersededBy string    `json:"superseded_by,omitempty"`
	Author       string    `json:"author"`
	At           time.Time `json:"at"`
}

// StatusChange records a review: a statement moved from one status to another.
type StatusChange struct {
	Statement string    `json:"statement"`
	Status    Status    `json:"status"`
	Note      string    `json:"note,omitempty"`
	Author    string    `json:"author"`
	At        time.Time `json:"at"`
}

// Limits on free text, so a single statement cannot carry a document.
const (
	MaxQuoteLen   = 500
	MaxLocatorLen = 200
	MaxReasonLen  = 2000
)

// Normalize trims the statement's fields, checks them against the entity's schema and puts
// the value in its canonical form. It does not check that references exist: that needs the
// store. schema is the schema of the statement's entity.
func (s *Statement) Normalize(schema *Schema) error {
	s.Property = strings.TrimSpace(s.Property)
	s.Lang = strings.TrimSpace(s.Lang)
	s.Source = strings.TrimSpace(s.Source)
	s.Locator = strings.TrimSpace(s.Locator)
	s.Quote = strings.TrimSpace(s.Quote)
	if s.Entity == "" {
		return Errorf(EINVALID, "statement has no entity")
	}
	p := schema.Property(s.Property)
	if p == nil {
		return Errorf(EINVALID, "%s has no property %q (it has: %s)", schema.Name, s.Property, strings.Join(schema.PropertyNames(), ", "))
	}
	if s.Sealed != nil {
		// What is sealed was checked when it was written, under the key; what is not must be
		// empty, and a reference's value, which stays in the clear, is checked below.
		if err := s.Sealed.check("statement " + s.ID); err != nil {
			return err
		}
		if (s.Value != "" && p.Type != TypeRef) || s.Locator != "" || s.Quote != "" || s.Salt != "" {
			return Errorf(EINVALID, "statement %s is sealed, yet has a value, locator, quote or salt in the clear", s.ID)
		}
	}
	if s.Sealed == nil || p.Type == TypeRef {
		v, err := p.Normalize(s.Value)
		if err != nil {
			return Errorf(EINVALID, "%s.%s: %s", schema.Name, s.Property, ErrorMessage(err))
		}
		s.Value = v
	}
	if err := CheckText(s.Quote, true); err != nil {
		return Errorf(EINVALID, "%s.%s: quote: %s", schema.Name, s.Property, ErrorMessage(err))
	}
	if err := CheckText(s.Locator, false); err != nil {
		return Errorf(EINVALID, "%s.%s: locator: %s", schema.Name, s.Property, ErrorMessage(err))
	}
	if s.Status == "" {
		s.Status = Draft
		if s.Source != "" {
			s.Status = Reported
		}
	}
	if _, err := ParseStatus(string(s.Status)); err != nil {
		return err
	}
	if s.Source == "" && s.Status != Draft {
		return Errorf(EINVALID, "%s.%s: a %s statement needs a source; without one it can only be a draft", schema.Name, s.Property, s.Status)
	}
	if s.Lang != "" && !isLangTag(s.Lang) {
		return Errorf(EINVALID, "%s.%s: language %q is not a language tag such as en or ru", schema.Name, s.Property, s.Lang)
	}
	if len(s.Quote) > MaxQuoteLen {
		return Errorf(EINVALID, "%s.%s: quote is %d bytes; keep it to a few words (at most %d)", schema.Name, s.Property, len(s.Quote), MaxQuoteLen)
	}
	if len(s.Locator) > MaxLocatorLen {
		return Errorf(EINVALID, "%s.%s: locator is longer than %d bytes", schema.Name, s.Property, MaxLocatorLen)
	}
	if s.Sensitivity < Public || s.Sensitivity > Confidential {
		return Errorf(EINVALID, "%s.%s: unknown sensitivity", schema.Name, s.Property)
	}
	return nil
}

func isLangTag(s string) bool {
	if len(s) < 2 || len(s) > 12 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// StatementFilter selects statements. Nil fields match everything.
type StatementFilter struct {
	ID               *string
	Entity           *string  // the entity and every entity merged into it
	Entities         []string // as Entity, for many at once (at most MaxIn)
	Schema           *string  // statements of entities of this schema
	AfterSeq         int64    // only statements committed after this change: keyset paging for bulk reads, total -1
	Property         *string
	Value            *string // statements whose value is this, as written (a code, a date, a name)
	Source           *string
	Status           *Status
	IncludeRetracted bool
	SkipCount        bool // the total is not counted (-1), as for a keyset page
	Newest           bool // the newest first (not with AfterSeq)
	Offset, Limit    int
}

// DraftFilter narrows the review queue. Nil fields match everything.
type DraftFilter struct {
	Source   *string // proposals from this source or the sources its footnotes cite
	Schema   *string // of records of this schema
	Property *string
	Author   *string // an author id
	Offset   int     // of groups
	Limit    int
}

// DraftGroup is the open proposals from one source (a document, with the sources its
// footnotes cite): what the review queue lists.
type DraftGroup struct {
	Source string `json:"source"`
	Count  int    `json:"count"`
	Oldest int64  `json:"-"`
}

// StatementService holds statements. Every method takes the viewer: reads return only what it
// may see, writes check its role.
type StatementService interface {
	// FindStatementByID returns ENOTFOUND if no statement with the id is visible to v.
	FindStatementByID(ctx context.Context, v Viewer, id string) (*Statement, error)
	// FindStatements returns the statements matching f in commit order (the newest first with
	// Newest), and their total.
	FindStatements(ctx context.Context, v Viewer, f StatementFilter) ([]*Statement, int, error)
	// AddStatements adds statements in one transaction. Missing ids, times, authors and
	// statuses are filled in. EINVALID names the first statement that breaks a rule; then
	// nothing is written.
	AddStatements(ctx context.Context, v Viewer, stmts []*Statement) error
	// RetractStatement withdraws a current statement with a reason.
	RetractStatement(ctx context.Context, v Viewer, id, reason string) error
	// CorrectStatement retracts the statement and adds repl in its place, in one
	// transaction. Empty fields of repl are taken from the old statement.
	CorrectStatement(ctx context.Context, v Viewer, id string, repl *Statement, reason string) (*Statement, error)
	// DraftGroups returns the open proposals v may see (drafts with a source), counted by the
	// source they came from, the oldest first, one page of groups, and the number of groups
	// and of proposals.
	DraftGroups(ctx context.Context, v Viewer, f DraftFilter) ([]DraftGroup, int, int, error)
	// SetStatus records a review. Corroborated needs another current statement of the same
	// value from a different source.
	SetStatus(ctx context.Context, v Viewer, id string, st Status, note string) error
}
