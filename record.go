package docket

import (
	"context"
	"slices"
	"strings"
	"time"
)

// EntityRef is what a backend knows of an entity when checking a record.
type EntityRef struct {
	ID, Schema, Canonical string
}

// Lookup is the state a record is checked against: one per backend, read inside the
// transaction that commits the record, so the rules below hold on every backend alike.
type Lookup interface {
	// LookupEntity returns nil, nil when there is no such entity.
	LookupEntity(ctx context.Context, id string) (*EntityRef, error)
	// LookupStatement returns the statement with its retraction, or nil, nil.
	LookupStatement(ctx context.Context, id string) (*Statement, error)
	LookupSource(ctx context.Context, id string) (bool, error)
	// LookupMerge returns the merge with UndoneAt set when undone, or nil, nil.
	LookupMerge(ctx context.Context, id string) (*Merge, error)
	// LookupBlob reports whether content with the SHA-256 is stored.
	LookupBlob(ctx context.Context, sha256 string) (bool, error)
	// Corroborates reports whether another current statement has the same entity, property
	// and value from a different source.
	Corroborates(ctx context.Context, s *Statement) (bool, error)
}

// Check checks a complete record (ids, times and authors filled in) against the rules of the
// registry and the state in lk, and puts its values in canonical form. Every write, from the
// API, the command line or an import, passes here.
func (r *Record) Check(ctx context.Context, lk Lookup) error {
	if r.payload() == nil {
		return Errorf(EINVALID, "record of kind %q has no payload", r.Kind)
	}
	switch r.Kind {
	case KindEntity:
		return r.checkEntity(ctx, lk)
	case KindSource:
		return r.checkSource(ctx, lk)
	case KindStatement:
		return r.checkStatement(ctx, lk)
	case KindRetraction:
		return r.checkRetraction(ctx, lk)
	case KindStatus:
		return r.checkStatus(ctx, lk)
	case KindMerge:
		return r.checkMerge(ctx, lk)
	case KindUnmerge:
		return r.checkUnmerge(ctx, lk)
	case KindSnapshot:
		return r.checkSnapshot(ctx, lk)
	case KindDocument:
		return r.checkDocument(ctx, lk)
	case KindBlob:
		if r.Blob.Sealed {
			// Sealed content is checked by whoever has the key (the snapshot's SHA-256 is
			// in its sealed record); without it, only its form.
			if !IsSealedTerm(r.Blob.SHA256) || len(r.Blob.Data) < 40 {
				return Errorf(EINVALID, "sealed blob %s: want a keyed term and a box", r.Blob.SHA256)
			}
			return nil
		}
		if SHA256Hex(r.Blob.Data) != r.Blob.SHA256 {
			return Errorf(EINVALID, "blob %s: its data has another SHA-256", r.Blob.SHA256)
		}
		return nil
	case KindAuthor:
		return r.Author.Validate()
	}
	return Errorf(EINVALID, "unknown record kind %q", r.Kind)
}

func checkStamp(what, id, author string, at time.Time) error {
	if !ValidID(id) {
		return Errorf(EINVALID, "%s id %q is not a valid id (1-64 letters, digits, '-', '_', '.')", what, id)
	}
	if strings.TrimSpace(author) == "" {
		return Errorf(EINVALID, "%s %s has no author", what, id)
	}
	if at.IsZero() {
		return Errorf(EINVALID, "%s %s has no time", what, id)
	}
	return nil
}

func (r *Record) checkEntity(ctx context.Context, lk Lookup) error {
	e := r.Entity
	if err := checkStamp("entity", e.ID, e.Author, e.CreatedAt); err != nil {
		return err
	}
	if _, err := SchemaByName(e.Schema); err != nil {
		return err
	}
	if e.Sensitivity < Public || e.Sensitivity > Confidential {
		return Errorf(EINVALID, "entity %s has no sensitivity", e.ID)
	}
	if x, err := lk.LookupEntity(ctx, e.ID); err != nil {
		return err
	} else if x != nil {
		return Errorf(ECONFLICT, "entity id %s is taken", e.ID)
	}
	return nil
}

func (r *Record) checkSource(ctx context.Context, lk Lookup) error {
	s := r.Source
	if err := checkStamp("source", s.ID, s.Author, s.CreatedAt); err != nil {
		return err
	}
	if err := s.Normalize(); err != nil {
		return err
	}
	if ok, err := lk.LookupSource(ctx, s.ID); err != nil {
		return err
	} else if ok {
		return Errorf(ECONFLICT, "source id %s is taken", s.ID)
	}
	if s.CitedIn != "" {
		if ok, err := lk.LookupSource(ctx, s.CitedIn); err != nil {
			return err
		} else if !ok {
			return Errorf(EINVALID, "source %s: cited_in names unknown source %q", s.ID, s.CitedIn)
		}
	}
	return nil
}

func (r *Record) checkStatement(ctx context.Context, lk Lookup) error {
	s := r.Statement
	if err := checkStamp("statement", s.ID, s.Author, s.CreatedAt); err != nil {
		return err
	}
	if !validSalt(s.Salt) && (s.Sealed == nil || s.Salt != "") {
		return Errorf(EINVALID, "statement %s: salt must be 32 lower-case hex digits", s.ID)
	}
	if x, err := lk.LookupStatement(ctx, s.ID); err != nil {
		return err
	} else if x != nil {
		return Errorf(ECONFLICT, "statement id %s is taken", s.ID)
	}
	ent, err := lk.LookupEntity(ctx, s.Entity)
	if err != nil {
		return err
	} else if ent == nil {
		return Errorf(EINVALID, "statement %s: no entity %q", s.ID, s.Entity)
	}
	schema, err := SchemaByName(ent.Schema)
	if err != nil {
		return err
	}
	if err := s.Normalize(schema); err != nil {
		return err
	}
	if p := schema.Property(s.Property); p.Type == TypeRef {
		target, err := lk.LookupEntity(ctx, s.Value)
		if err != nil {
			return err
		} else if target == nil {
			return Errorf(EINVALID, "%s.%s: no entity %q", schema.Name, p.Name, s.Value)
		} else if !slices.Contains(p.Range, target.Schema) {
			return Errorf(EINVALID, "%s.%s must name a %s; %s is a %s", schema.Name, p.Name, strings.Join(p.Range, " or "), s.Value, target.Schema)
		} else if target.Canonical == ent.Canonical {
			return Errorf(EINVALID, "%s.%s: an entity cannot refer to itself", schema.Name, p.Name)
		}
	}
	if s.Source != "" {
		if ok, err := lk.LookupSource(ctx, s.Source); err != nil {
			return err
		} else if !ok {
			return Errorf(EINVALID, "%s.%s: no source %q", schema.Name, s.Property, s.Source)
		}
	}
	if s.Supersedes != "" {
		old, err := lk.LookupStatement(ctx, s.Supersedes)
		if err != nil {
			return err
		} else if old == nil {
			return Errorf(EINVALID, "statement %s supersedes unknown statement %q", s.ID, s.Supersedes)
		} else if old.Retraction != nil {
			return Errorf(ECONFLICT, "statement %s is retracted already", old.ID)
		}
	}
	return nil
}

func (r *Record) checkRetraction(ctx context.Context, lk Lookup) error {
	x := r.Retraction
	if err := checkStamp("retraction of", x.Statement, x.Author, x.At); err != nil {
		return err
	}
	x.Reason = strings.TrimSpace(x.Reason)
	if x.Reason == "" {
		return Errorf(EINVALID, "retraction of %s: a reason is required", x.Statement)
	} else if len(x.Reason) > MaxReasonLen {
		return Errorf(EINVALID, "retraction of %s: the reason is over %d bytes", x.Statement, MaxReasonLen)
	} else if err := CheckText(x.Reason, true); err != nil {
		return Errorf(EINVALID, "retraction of %s: reason: %s", x.Statement, ErrorMessage(err))
	}
	old, err := lk.LookupStatement(ctx, x.Statement)
	if err != nil {
		return err
	} else if old == nil {
		return Errorf(ENOTFOUND, "no statement %q", x.Statement)
	} else if old.Retraction != nil {
		return Errorf(ECONFLICT, "statement %s is retracted already", old.ID)
	}
	if x.SupersededBy != "" {
		repl, err := lk.LookupStatement(ctx, x.SupersededBy)
		if err != nil {
			return err
		} else if repl == nil || repl.Supersedes != x.Statement {
			return Errorf(EINVALID, "retraction of %s: statement %q does not supersede it", x.Statement, x.SupersededBy)
		}
	}
	return nil
}

func (r *Record) checkStatus(ctx context.Context, lk Lookup) error {
	x := r.Status
	if err := checkStamp("review of", x.Statement, x.Author, x.At); err != nil {
		return err
	}
	if _, err := ParseStatus(string(x.Status)); err != nil {
		return err
	}
	if err := CheckText(x.Note, true); err != nil {
		return Errorf(EINVALID, "review of %s: note: %s", x.Statement, ErrorMessage(err))
	}
	s, err := lk.LookupStatement(ctx, x.Statement)
	if err != nil {
		return err
	} else if s == nil {
		return Errorf(ENOTFOUND, "no statement %q", x.Statement)
	} else if s.Retraction != nil {
		return Errorf(ECONFLICT, "statement %s is retracted; correct it instead", s.ID)
	}
	switch {
	case x.Status != Draft && s.Source == "":
		return Errorf(EINVALID, "statement %s has no source, so it stays a draft; correct it with a source", s.ID)
	case x.Status == Corroborated:
		ok, err := lk.Corroborates(ctx, s)
		if err != nil {
			return err
		} else if !ok {
			return Errorf(EINVALID, "statement %s: corroborated needs the same value from a second, independent source", s.ID)
		}
	}
	return nil
}

func (r *Record) checkMerge(ctx context.Context, lk Lookup) error {
	m := r.Merge
	if err := checkStamp("merge", m.ID, m.Author, m.At); err != nil {
		return err
	}
	if x, err := lk.LookupMerge(ctx, m.ID); err != nil {
		return err
	} else if x != nil {
		return Errorf(ECONFLICT, "merge id %s is taken", m.ID)
	}
	into, err := lk.LookupEntity(ctx, m.Into)
	if err != nil {
		return err
	} else if into == nil {
		return Errorf(ENOTFOUND, "no entity %q to merge into", m.Into)
	}
	from, err := lk.LookupEntity(ctx, m.From)
	if err != nil {
		return err
	} else if from == nil {
		return Errorf(ENOTFOUND, "no entity %q to merge", m.From)
	}
	switch {
	case strings.TrimSpace(m.Reason) == "":
		return Errorf(EINVALID, "merge of %s into %s: a reason is required", m.From, m.Into)
	case into.Schema != from.Schema:
		return Errorf(EINVALID, "cannot merge a %s into a %s", from.Schema, into.Schema)
	case from.Canonical != from.ID:
		return Errorf(ECONFLICT, "%s is merged into %s already", from.ID, from.Canonical)
	case into.Canonical != into.ID:
		return Errorf(EINVALID, "%s is merged into %s; merge into that instead", into.ID, into.Canonical)
	case into.ID == from.ID:
		return Errorf(EINVALID, "cannot merge %s into itself", from.ID)
	}
	return nil
}

func (r *Record) checkUnmerge(ctx context.Context, lk Lookup) error {
	u := r.Unmerge
	if err := checkStamp("unmerge of", u.Merge, u.Author, u.At); err != nil {
		return err
	}
	if strings.TrimSpace(u.Reason) == "" {
		return Errorf(EINVALID, "unmerge of %s: a reason is required", u.Merge)
	}
	m, err := lk.LookupMerge(ctx, u.Merge)
	if err != nil {
		return err
	} else if m == nil {
		return Errorf(ENOTFOUND, "no merge %q", u.Merge)
	} else if m.UndoneAt != nil {
		return Errorf(ECONFLICT, "merge %s is undone already", m.ID)
	}
	return nil
}

func (r *Record) checkSnapshot(ctx context.Context, lk Lookup) error {
	s := r.Snapshot
	if err := checkStamp("snapshot", s.ID, s.Author, s.CreatedAt); err != nil {
		return err
	}
	if ok, err := lk.LookupSource(ctx, s.Source); err != nil {
		return err
	} else if !ok {
		return Errorf(EINVALID, "snapshot %s: no source %q", s.ID, s.Source)
	}
	if s.Sealed != nil {
		return s.checkSealed(ctx, lk)
	}
	for _, u := range []string{s.URL, s.FinalURL} {
		if _, err := normalizeURL(u); err != nil {
			return Errorf(EINVALID, "snapshot %s: %s", s.ID, ErrorMessage(err))
		}
	}
	if s.FetchedAt.IsZero() || s.Custody.RequestedBy == "" || s.Custody.RequestedAt.IsZero() {
		return Errorf(EINVALID, "snapshot %s: its time and chain of custody (who asked, when) are required", s.ID)
	}
	blobs := []string{s.SHA256}
	if s.TextSHA256 != "" {
		blobs = append(blobs, s.TextSHA256)
	}
	for _, h := range blobs {
		if ok, err := lk.LookupBlob(ctx, h); err != nil {
			return err
		} else if !ok {
			return Errorf(EINVALID, "snapshot %s: no stored content with SHA-256 %s (a blob record must come first)", s.ID, h)
		}
	}
	if s.Size < 0 || s.Size > MaxSnapshotSize {
		return Errorf(EINVALID, "snapshot %s: size %d out of range", s.ID, s.Size)
	}
	return nil
}

// checkSealed checks a sealed snapshot: what it recorded of its fetch is sealed, checked when it
// was written, and must be empty here; its content must be stored, by the keyed terms it names.
func (s *Snapshot) checkSealed(ctx context.Context, lk Lookup) error {
	what := "snapshot " + s.ID
	if err := s.Sealed.check(what); err != nil {
		return err
	}
	if s.URL != "" || s.FinalURL != "" || s.Redirects != nil || s.Status != 0 || s.Header != nil || s.ContentType != "" || s.Size != 0 || s.Custody != (Custody{}) {
		return Errorf(EINVALID, "%s is sealed, yet has what it recorded of its fetch in the clear", what)
	}
	if s.FetchedAt.IsZero() {
		return Errorf(EINVALID, "%s: its time is required", what)
	}
	terms := []string{s.SHA256}
	if s.TextSHA256 != "" { // a page with no text has none
		terms = append(terms, s.TextSHA256)
	}
	return checkSealedContent(ctx, lk, what, terms)
}

// checkSealedContent checks that a sealed record names its content by keyed terms, each of
// content already stored.
func checkSealedContent(ctx context.Context, lk Lookup, what string, terms []string) error {
	for _, h := range terms {
		if !IsSealedTerm(h) {
			return Errorf(EINVALID, "%s is sealed, so it names its content by keyed terms, not %q", what, h)
		}
		if ok, err := lk.LookupBlob(ctx, h); err != nil {
			return err
		} else if !ok {
			return Errorf(EINVALID, "%s: no stored content %s (a blob record must come first)", what, h)
		}
	}
	return nil
}

// Ref returns the id the record adds or changes, and the entities it concerns.
func (r *Record) Ref() (ref, entity, entity2 string) {
	switch r.Kind {
	case KindEntity:
		return r.Entity.ID, r.Entity.ID, ""
	case KindSource:
		return r.Source.ID, "", ""
	case KindStatement:
		return r.Statement.ID, r.Statement.Entity, ""
	case KindRetraction:
		return r.Retraction.Statement, "", ""
	case KindStatus:
		return r.Status.Statement, "", ""
	case KindMerge:
		return r.Merge.ID, r.Merge.Into, r.Merge.From
	case KindUnmerge:
		return r.Unmerge.Merge, "", ""
	case KindSnapshot:
		return r.Snapshot.ID, "", ""
	case KindDocument:
		return r.Document.ID, "", ""
	}
	return "", "", ""
}

// Stamp returns the record's author and time.
func (r *Record) Stamp() (string, time.Time) {
	switch r.Kind {
	case KindEntity:
		return r.Entity.Author, r.Entity.CreatedAt
	case KindSource:
		return r.Source.Author, r.Source.CreatedAt
	case KindStatement:
		return r.Statement.Author, r.Statement.CreatedAt
	case KindRetraction:
		return r.Retraction.Author, r.Retraction.At
	case KindStatus:
		return r.Status.Author, r.Status.At
	case KindMerge:
		return r.Merge.Author, r.Merge.At
	case KindUnmerge:
		return r.Unmerge.Author, r.Unmerge.At
	case KindSnapshot:
		return r.Snapshot.Author, r.Snapshot.CreatedAt
	case KindDocument:
		return r.Document.Author, r.Document.CreatedAt
	}
	return "", time.Time{}
}

// SaltSize is the size of a statement's salt in bytes.
const SaltSize = 16

func validSalt(s string) bool {
	if len(s) != 2*SaltSize {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}
