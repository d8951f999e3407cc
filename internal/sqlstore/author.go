package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/docketorg/docket"
)

// AuthorOf returns the author id v writes as, registering an operator's name the first time.
func (db *Store) AuthorOf(ctx context.Context, v docket.Viewer) (id string, err error) {
	if v.Author != "" {
		return v.Author, nil
	}
	if err := v.Authorize(docket.Researcher); err != nil {
		return "", err
	}
	err = db.update(ctx, func(tx *Tx) error {
		id, err = tx.author(ctx, v)
		return err
	})
	return id, err
}

// author returns the author id that the records v writes in tx carry: the account's or the
// token's, which the viewer holds, or else the operator's of v's name, made on its first write.
// A name never reaches a record written from now on.
func (tx *Tx) author(ctx context.Context, v docket.Viewer) (string, error) {
	if v.Author != "" {
		return v.Author, nil
	}
	if id := tx.operators[v.Name]; id != "" {
		return id, nil
	}
	name := strings.TrimSpace(v.Name)
	if name == "" {
		return "", docket.Errorf(docket.EINVALID, "a change needs an author: give --author NAME or set $DOCKET_AUTHOR")
	}
	var id string
	err := tx.queryRow(ctx, `SELECT id FROM authors WHERE kind = ? AND name = ?`, docket.AuthorOperator, name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		a := &docket.Author{ID: docket.NewAuthorID(tx.now, tx.db.Rand), Kind: docket.AuthorOperator, Name: name, CreatedAt: tx.now}
		if err := tx.putAuthor(ctx, a); err != nil {
			return "", err
		}
		id = a.ID
	} else if err != nil {
		return "", fmt.Errorf("find author: %w", err)
	}
	if tx.operators == nil {
		tx.operators = map[string]string{}
	}
	tx.operators[v.Name] = id
	return id, nil
}

// putAuthor records an author. An id recorded already must stand for the same author.
func (tx *Tx) putAuthor(ctx context.Context, a *docket.Author) error {
	if err := a.Validate(); err != nil {
		return err
	}
	var kind, name string
	err := tx.queryRow(ctx, `SELECT kind, name FROM authors WHERE id = ?`, a.ID).Scan(&kind, &name)
	switch {
	case err == nil && kind == a.Kind && name == a.Name:
		return nil
	case err == nil:
		return docket.Errorf(docket.ECONFLICT, "author %s stands for %s %q here, not %s %q", a.ID, kind, name, a.Kind, a.Name)
	case !errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("find author: %w", err)
	}
	if a.Kind == docket.AuthorOperator {
		var other string
		err := tx.queryRow(ctx, `SELECT id FROM authors WHERE kind = ? AND name = ?`, a.Kind, a.Name).Scan(&other)
		if err == nil {
			return docket.Errorf(docket.ECONFLICT, "author %s: the operator %q is author %s here", a.ID, a.Name, other)
		} else if !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("find author: %w", err)
		}
	}
	if _, err := tx.exec(ctx, `INSERT INTO authors (id, kind, name, created_at) VALUES (?, ?, ?, ?)`,
		a.ID, a.Kind, a.Name, formatTime(a.CreatedAt)); err != nil {
		return fmt.Errorf("record author: %w", err)
	}
	return nil
}

// authors reads the whole table of authors: a row an account, token or operator, not a row a
// record.
func (tx *Tx) authors(ctx context.Context) (map[string]*docket.Author, error) {
	rows, err := tx.QueryContext(ctx, authorQuery)
	if err != nil {
		return nil, fmt.Errorf("read authors: %w", err)
	}
	defer rows.Close()
	out := map[string]*docket.Author{}
	for rows.Next() {
		a, err := scanAuthor(rows)
		if err != nil {
			return nil, err
		}
		out[a.ID] = a
	}
	return out, rows.Err()
}

const authorQuery = `SELECT id, kind, name, created_at FROM authors`

func scanAuthor(rows *sql.Rows) (*docket.Author, error) {
	var a docket.Author
	var created string
	if err := rows.Scan(&a.ID, &a.Kind, &a.Name, &created); err != nil {
		return nil, fmt.Errorf("scan author: %w", err)
	}
	a.CreatedAt = parseTime(created)
	return &a, nil
}

// newAuthor makes the author of a new account or token.
func (tx *Tx) newAuthor(ctx context.Context, kind, name string) (string, error) {
	a := &docket.Author{ID: docket.NewAuthorID(tx.now, tx.db.Rand), Kind: kind, Name: name, CreatedAt: tx.now}
	return a.ID, tx.putAuthor(ctx, a)
}

// FindAuthors returns authors by id (all with nil ids), for staff.
func (db *Store) FindAuthors(ctx context.Context, v docket.Viewer, ids []string) (out map[string]*docket.Author, err error) {
	if err := v.Authorize(docket.Reader); err != nil {
		return nil, err
	}
	err = db.view(ctx, func(tx *Tx) error {
		if ids == nil {
			out, err = tx.authors(ctx)
			return err
		}
		var want []string
		for _, id := range ids {
			if docket.IsAuthorID(id) {
				want = append(want, id)
			}
		}
		out = map[string]*docket.Author{}
		return tx.selectIn(ctx, authorQuery+` WHERE id IN `, want, func(rows *sql.Rows) error {
			a, err := scanAuthor(rows)
			if err == nil {
				out[a.ID] = a
			}
			return err
		})
	})
	if err != nil {
		return nil, fmt.Errorf("find authors: %w", err)
	}
	return out, nil
}
