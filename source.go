package docket

import (
	"context"
	"strings"
	"time"
)

// Source is a document that statements cite: a web page, a video, a court paper, a press
// release, testimony. A source is recorded once and never changed.
type Source struct {
	ID          string      `json:"id"`
	URL         string      `json:"url,omitempty"`
	Title       string      `json:"title,omitempty"`
	Publisher   string      `json:"publisher,omitempty"`
	Type        string      `json:"type,omitempty"`      // source-kind vocabulary
	Published   string      `json:"published,omitempty"` // a Date
	Lang        string      `json:"lang,omitempty"`
	CitedIn     string      `json:"cited_in,omitempty"` // the source whose footnote cites this one
	Reliability string      `json:"reliability,omitempty"`
	Note        string      `json:"note,omitempty"`
	Sensitivity Sensitivity `json:"sensitivity"`
	Author      string      `json:"author"`
	CreatedAt   time.Time   `json:"created"`
	// Salt is random, made for a confidential source when it is recorded (sources recorded
	// before have none): the ledger commits to the SHA-256 of the record in the clear, which
	// without it would confirm a guess of the URL to whoever holds the store.
	Salt string `json:"salt,omitempty"`
	// Sealed holds the URL, title, publisher, note and salt of a confidential source, encrypted
	// under the store's data key (see Statement.Sealed).
	Sealed *Sealed `json:"sealed,omitempty"`

	// Derived.
	Locked bool  `json:"locked,omitempty"` // sealed, and the store has not the key to open it
	Seq    int64 `json:"-"`
}

// Caption returns a short name for the source: its title, else its URL, else its id.
func (s *Source) Caption() string {
	switch {
	case s.Locked:
		return s.ID + " (locked)"
	case s.Title != "":
		return s.Title
	case s.URL != "":
		return s.URL
	}
	return s.ID
}

// Normalize trims the source's fields and checks them.
func (s *Source) Normalize() error {
	if s.Sealed != nil {
		return s.normalizeSealed()
	}
	for _, f := range []struct {
		name string
		v    *string
	}{{"url", &s.URL}, {"title", &s.Title}, {"publisher", &s.Publisher}, {"type", &s.Type}, {"published", &s.Published},
		{"lang", &s.Lang}, {"cited_in", &s.CitedIn}, {"reliability", &s.Reliability}, {"note", &s.Note}} {
		*f.v = strings.TrimSpace(*f.v)
		if err := CheckText(*f.v, f.name == "note"); err != nil {
			return Errorf(EINVALID, "source %s: %s", f.name, ErrorMessage(err))
		}
	}
	if s.URL == "" && s.Title == "" {
		return Errorf(EINVALID, "a source needs a URL or a title")
	}
	if s.URL != "" {
		u, err := normalizeURL(s.URL)
		if err != nil {
			return Errorf(EINVALID, "source url: %s", ErrorMessage(err))
		}
		s.URL = u
	}
	if s.Type != "" {
		if _, ok := Vocab.Term("source-kind", s.Type); !ok {
			return Errorf(EINVALID, "source type %q is not one of %s", s.Type, strings.Join(Vocab.IDs("source-kind"), ", "))
		}
	}
	if s.Published != "" {
		d, err := ParseDate(s.Published)
		if err != nil {
			return Errorf(EINVALID, "source published: %s", ErrorMessage(err))
		}
		s.Published = d.String()
	}
	if s.Lang != "" && !isLangTag(s.Lang) {
		return Errorf(EINVALID, "source language %q is not a language tag such as en or ru", s.Lang)
	}
	if len(s.Title) > MaxStringLen || len(s.Publisher) > MaxStringLen || len(s.Note) > MaxTextLen {
		return Errorf(EINVALID, "source title, publisher or note is too long")
	}
	if s.Sensitivity < Public || s.Sensitivity > Confidential {
		return Errorf(EINVALID, "source has an unknown sensitivity")
	}
	if s.Salt != "" && !validSalt(s.Salt) {
		return Errorf(EINVALID, "source salt must be 32 lower-case hex digits")
	}
	return nil
}

// normalizeSealed checks a sealed source: its sealed fields were checked when it was written,
// under the key, and must be empty here.
func (s *Source) normalizeSealed() error {
	if err := s.Sealed.check("source " + s.ID); err != nil {
		return err
	}
	if s.URL != "" || s.Title != "" || s.Publisher != "" || s.Note != "" || s.Salt != "" {
		return Errorf(EINVALID, "source %s is sealed, yet has a URL, title, publisher, note or salt in the clear", s.ID)
	}
	if s.Sensitivity != Confidential {
		return Errorf(EINVALID, "source %s is sealed but not confidential", s.ID)
	}
	return nil
}

// SourceFilter selects sources.
type SourceFilter struct {
	ID      *string
	IDs     []string // any of these (at most MaxIn): a report reads the sources its facts cite at once
	URL     *string
	CitedIn *string // the sources a document's footnotes cite
	// Query keeps the sources whose title, URL, publisher or date of publication hold every
	// word of it, whatever the case ("tumba 2019", "Open Dialogue"); a word that is a date as
	// people write it ("11.02.2019") also matches that date of publication.
	Query string
	// Newest lists the sources recorded last first: the one just cited is likely the next.
	Newest        bool
	Offset, Limit int
	// SkipCount leaves the total uncounted (-1): a picker wants the first few that match, and
	// counting every match reads every source.
	SkipCount bool
}

// SourceService holds sources.
type SourceService interface {
	// FindSourceByID returns ENOTFOUND when v may not see the source.
	FindSourceByID(ctx context.Context, v Viewer, id string) (*Source, error)
	FindSources(ctx context.Context, v Viewer, f SourceFilter) ([]*Source, int, error)
	// CreateSource records a source. ECONFLICT when its id is taken.
	CreateSource(ctx context.Context, v Viewer, s *Source) error
}
