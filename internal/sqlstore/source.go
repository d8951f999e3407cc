package sqlstore

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/seal"
)

// FindSourceByID returns the source if v may see it.
func (db *Store) FindSourceByID(ctx context.Context, v docket.Viewer, id string) (*docket.Source, error) {
	ss, _, err := db.FindSources(ctx, v, docket.SourceFilter{ID: &id})
	if err != nil {
		return nil, err
	} else if len(ss) == 0 {
		return nil, docket.Errorf(docket.ENOTFOUND, "no source %q", id)
	}
	return ss[0], nil
}

// FindSources returns sources in commit order and their total.
func (db *Store) FindSources(ctx context.Context, v docket.Viewer, f docket.SourceFilter) (out []*docket.Source, n int, err error) {
	where, args := []string{`sensitivity <= ?`}, []any{int(v.MaxSensitivity())}
	if f.ID != nil {
		where, args = append(where, `id = ?`), append(args, *f.ID)
	}
	if f.URL != nil {
		// A sealed source is found by the keyed term of its URL, by whoever has the key.
		where, args = append(where, `url IN (?, ?)`), append(args, *f.URL, *f.URL)
		if k := db.DataKey; k != nil && v.MaxSensitivity() == docket.Confidential {
			args[len(args)-1] = k.Term(seal.URL, *f.URL)
		}
	}
	if len(f.IDs) > docket.MaxIn {
		return nil, 0, docket.Errorf(docket.EINVALID, "%d ids: at most %d at once", len(f.IDs), docket.MaxIn)
	} else if len(f.IDs) > 0 {
		in, idArgs := inValues(f.IDs)
		where, args = append(where, `id IN `+in), append(args, idArgs...)
	}
	if f.CitedIn != nil {
		where, args = append(where, `cited_in = ?`), append(args, *f.CitedIn)
	}
	for _, w := range strings.Fields(f.Query) {
		cond, wargs := sourceWord(w)
		where, args = append(where, cond), append(args, wargs...)
	}
	tail := ` FROM sources WHERE ` + strings.Join(where, " AND ")
	order := ` ORDER BY seq`
	if f.Newest {
		order += ` DESC`
	}
	err = db.viewFor(ctx, v, func(tx *Tx) error {
		n = -1
		if !f.SkipCount {
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*)`+tail, args...).Scan(&n); err != nil {
				return err
			}
		}
		out, err = tx.sources(ctx, v, tail+order+` LIMIT ? OFFSET ?`, append(args, limit(f.Limit), max(f.Offset, 0))...)
		return err
	})
	return out, n, err
}

// sourceWord is the condition that a source's title, URL, publisher or date of publication
// holds w. LIKE folds the case of ASCII letters only, on both backends' defaults, so the
// word is also tried as written, in lower case, capitalised and in capitals, which covers how
// Cyrillic titles are written; a date as people write it matches its canonical form.
func sourceWord(w string) (string, []any) {
	esc := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	forms := []string{w, strings.ToLower(w), strings.ToUpper(w)}
	if r := []rune(strings.ToLower(w)); len(r) > 0 {
		forms = append(forms, strings.ToUpper(string(r[:1]))+string(r[1:]))
	}
	slices.Sort(forms)
	var ors []string
	var args []any
	for _, form := range slices.Compact(forms) {
		pat := "%" + esc.Replace(form) + "%"
		ors = append(ors, `title LIKE ? ESCAPE '\' OR url LIKE ? ESCAPE '\' OR publisher LIKE ? ESCAPE '\'`)
		args = append(args, pat, pat, pat)
	}
	if d, err := docket.ReadDate(w); err == nil && !d.Approx {
		ors = append(ors, `published LIKE ? ESCAPE '\'`)
		args = append(args, esc.Replace(d.String())+"%")
	} else if isDigitsOrDash(w) {
		ors = append(ors, `published LIKE ? ESCAPE '\'`)
		args = append(args, "%"+esc.Replace(w)+"%")
	}
	return "(" + strings.Join(ors, " OR ") + ")", args
}

func isDigitsOrDash(s string) bool {
	for _, r := range s {
		if (r < '0' || r > '9') && r != '-' {
			return false
		}
	}
	return s != ""
}

// sources reads the sources that tail (FROM sources WHERE …) selects, as v sees them: a
// source cited in one v may not see names none, as if it were cited in nothing.
func (tx *Tx) sources(ctx context.Context, v docket.Viewer, tail string, args ...any) ([]*docket.Source, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, COALESCE(url, ''), COALESCE(title, ''), COALESCE(publisher, ''), COALESCE(kind, ''),
		COALESCE(published, ''), COALESCE(lang, ''),
		COALESCE((SELECT c.id FROM sources c WHERE c.id = sources.cited_in AND c.sensitivity <= ?), ''),
		COALESCE(reliability, ''), COALESCE(note, ''), sensitivity, author, created_at, seq, COALESCE(sealed, '')`+tail, append([]any{int(v.MaxSensitivity())}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("read sources: %w", err)
	}
	defer rows.Close()
	var out []*docket.Source
	for rows.Next() {
		var s docket.Source
		var sens int
		var created, sealed string
		if err := rows.Scan(&s.ID, &s.URL, &s.Title, &s.Publisher, &s.Type, &s.Published, &s.Lang, &s.CitedIn, &s.Reliability, &s.Note,
			&sens, &s.Author, &created, &s.Seq, &sealed); err != nil {
			return nil, err
		}
		s.Sensitivity, s.CreatedAt = docket.Sensitivity(sens), parseTime(created)
		if sealed != "" {
			var err error
			if s.Sealed, err = decodeBox(sealed); err != nil {
				return nil, fmt.Errorf("source %s: %w", s.ID, err)
			}
			s.URL = "" // the keyed term it is found by
			tx.db.openSource(&s)
		}
		if tx.public {
			s.Author = docket.PublicAuthor(s.Author)
		}
		out = append(out, &s)
	}
	return out, rows.Err()
}

// CreateSource records a source.
func (db *Store) CreateSource(ctx context.Context, v docket.Viewer, s *docket.Source) error {
	if err := v.Authorize(docket.Researcher); err != nil {
		return err
	}
	if err := mayChooseID(v, "source", s.ID); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		if s.ID == "" {
			s.ID = tx.newID("src")
		}
		if s.Sensitivity == 0 {
			s.Sensitivity = docket.Internal
		}
		if sealsSource(s) && s.Salt == "" {
			s.Salt = tx.salt()
		}
		author, err := tx.author(ctx, v)
		if err != nil {
			return err
		}
		s.Author, s.CreatedAt = author, tx.now
		if _, err := tx.commit(ctx, v, &docket.Record{Kind: docket.KindSource, Source: s}); err != nil {
			return err
		}
		if s.URL != "" {
			// Pages disappear: every cited URL is queued for preservation as soon as it is
			// recorded, whether or not archiving is on. A job is a row, not a request to anyone:
			// docket serve fetches the queue only once archiving is turned on (docket.Settings),
			// and then what was recorded meanwhile too.
			if _, err := tx.enqueue(ctx, s.ID, s.URL, author, sealsSource(s)); err != nil {
				return fmt.Errorf("queue archive: %w", err)
			}
		}
		return nil
	})
}
