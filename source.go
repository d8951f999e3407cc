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
	Seq         int64       `json:"-"`
}

// Caption returns a short name for the source: its title, else its URL, else its id.
func (s *Source) Caption() string {
	switch {
	case s.Title != "":
		return s.Title
	case s.URL != "":
		return s.URL
	}
	return s.ID
}

// Normalize trims the source's fields and checks them.
func (s *Source) Normalize() error {
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
	return nil
}

// SourceFilter selects sources.
type SourceFilter struct {
	ID      *string
	URL     *string
	CitedIn *string // the sources a document's footnotes cite
	// Query keeps the sources whose title, URL, publisher or date of publication hold every
	// word of it, whatever the case ("tumba 2019", "Open Dialogue"); a word that is a date as
	// people write it ("11.02.2019") also matches that date of publication.
	Query string
	// Newest lists the sources recorded last first: the one just cited is likely the next.
	Newest        bool
	Offset, Limit int
}

// SourceService holds sources.
type SourceService interface {
	// FindSourceByID returns ENOTFOUND when v may not see the source.
	FindSourceByID(ctx context.Context, v Viewer, id string) (*Source, error)
	FindSources(ctx context.Context, v Viewer, f SourceFilter) ([]*Source, int, error)
	// CreateSource records a source. ECONFLICT when its id is taken.
	CreateSource(ctx context.Context, v Viewer, s *Source) error
}
