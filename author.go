package docket

import (
	"context"
	"io"
	"strings"
	"time"
)

// Author is who made records, as the records name them: an opaque, stable id that says nothing
// of the person, and the name it stands for. Records are public once reviewed, and so are
// their ledger proofs and bundles; a staff member's name in them would tell the adversary whom
// to pressure. So records carry the id, and the id → name table stays inside the store: staff
// who are signed in see names, the public sees ids. The table travels in the full export and
// in docket copy, so a backup loses no author.
type Author struct {
	ID        string    `json:"id"`
	Kind      string    `json:"type"` // AuthorAccount, AuthorToken or AuthorOperator
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created"`
}

// Kinds of author.
const (
	AuthorAccount  = "account"  // a web account (and the tokens that act for it)
	AuthorToken    = "token"    // an API token of no account
	AuthorOperator = "operator" // whoever runs the command line, by --author, $DOCKET_AUTHOR or $USER
)

// KindAuthor is the export record kind of an Author. Like a Blob it is not a change: the full
// export writes an author's record before the first record that names it.
const KindAuthor = "author"

// WithheldAuthor stands, in what the public receives, for the author of a record written
// before records named their authors by id: those records name a person, and the ledger commits
// to their bytes, so they are shown with the name withheld instead.
const WithheldAuthor = "withheld"

const authorIDPrefix = "a-"

// NewAuthorID returns a fresh author id: "a-" and 16 characters of Crockford base 32.
func NewAuthorID(now time.Time, r io.Reader) string { return NewID(authorIDPrefix, now, r) }

// IsAuthorID reports whether s has the form of an author id. User names cannot take that form
// (ValidateUserName), so a record's author is either an id or a name written before ids.
func IsAuthorID(s string) bool {
	rest, ok := strings.CutPrefix(s, authorIDPrefix)
	if !ok || len(rest) != 16 {
		return false
	}
	for i := 0; i < len(rest); i++ {
		if strings.IndexByte(crockford, rest[i]) < 0 {
			return false
		}
	}
	return true
}

// PublicAuthor returns an author as the public may see it: an id as it is, a name (of a record
// written before ids) withheld.
func PublicAuthor(a string) string {
	if IsAuthorID(a) || a == WithheldAuthor {
		return a
	}
	return WithheldAuthor
}

// Validate checks an author record.
func (a *Author) Validate() error {
	if !IsAuthorID(a.ID) {
		return Errorf(EINVALID, "author id %q is not an author id (a- and 16 characters)", a.ID)
	}
	switch a.Kind {
	case AuthorAccount, AuthorToken, AuthorOperator:
	default:
		return Errorf(EINVALID, "author %s: unknown type %q (want account, token or operator)", a.ID, a.Kind)
	}
	if strings.TrimSpace(a.Name) == "" || len(a.Name) > MaxStringLen {
		return Errorf(EINVALID, "author %s: a name of 1 to %d bytes is required", a.ID, MaxStringLen)
	} else if err := CheckText(a.Name, false); err != nil {
		return Errorf(EINVALID, "author %s: name: %s", a.ID, ErrorMessage(err))
	}
	if a.CreatedAt.IsZero() {
		return Errorf(EINVALID, "author %s has no time", a.ID)
	}
	return nil
}

// RedactAuthors withholds, in place, every author name of the record that is not an author id
// (see PublicAuthor), and the name of the machine that fetched a snapshot. It reports whether it
// changed anything: then the record's bytes are no longer those the ledger committed to.
func (r *Record) RedactAuthors() bool {
	changed := false
	redact := func(a *string) {
		if p := PublicAuthor(*a); p != *a {
			*a, changed = p, true
		}
	}
	switch {
	case r.Entity != nil:
		redact(&r.Entity.Author)
	case r.Source != nil:
		redact(&r.Source.Author)
	case r.Statement != nil:
		redact(&r.Statement.Author) // a record's statement carries no retraction
	case r.Retraction != nil:
		redact(&r.Retraction.Author)
	case r.Status != nil:
		redact(&r.Status.Author)
	case r.Merge != nil:
		redact(&r.Merge.Author)
	case r.Unmerge != nil:
		redact(&r.Unmerge.Author)
	case r.Snapshot != nil:
		redact(&r.Snapshot.Author)
		redact(&r.Snapshot.Custody.RequestedBy)
		if r.Snapshot.Custody.Host != "" {
			r.Snapshot.Custody.Host, changed = "", true
		}
	case r.Document != nil:
		redact(&r.Document.Author)
	}
	return changed
}

// RedactAuthors withholds the names among the statement's author and its retraction's.
func (s *Statement) RedactAuthors() {
	s.Author = PublicAuthor(s.Author)
	if s.Retraction != nil {
		x := *s.Retraction
		x.Author = PublicAuthor(x.Author)
		s.Retraction = &x
	}
}

// Authors returns the authors a record names: its author and, for a snapshot, who asked for it.
func (r *Record) Authors() []string {
	a, _ := r.Stamp()
	if r.Snapshot != nil && r.Snapshot.Custody.RequestedBy != a {
		return []string{a, r.Snapshot.Custody.RequestedBy}
	}
	return []string{a}
}

// AuthorService keeps the table of authors.
type AuthorService interface {
	// AuthorOf returns the id v writes as: its account's or token's author, or, for the
	// operator, the author of its name, registered the first time it writes.
	AuthorOf(ctx context.Context, v Viewer) (string, error)
	// FindAuthors returns the authors with the ids given (all when ids is nil). Only staff
	// may read names: EUNAUTHORIZED for the public.
	FindAuthors(ctx context.Context, v Viewer, ids []string) (map[string]*Author, error)
}
