package sqlstore

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/docketorg/docket"
)

// The rows of the lists (docket.Row), kept in list_rows: one a record and class of viewer. A
// viewer reads only its class's rows, which were derived from what its class may see, so a
// list needs no filter of its own beyond the class.

// rowSortColumns maps a sort of docket.RowSorts to its column.
var rowSortColumns = map[string]string{"": "seq", "caption": "caption", "people": "people", "country": "country", "article": "article",
	"stage": "stage", "kind": "rank", "amount": "amount", "date": "date", "review": "review"}

// maxRowsPage is the largest page of a list.
const maxRowsPage = 500

// FindRows returns a page of the rows of v's class.
func (db *Store) FindRows(ctx context.Context, v docket.Viewer, q docket.RowQuery) (*docket.RowPage, error) {
	if !slices.Contains(docket.ListSchemas, q.Schema) {
		return nil, docket.Errorf(docket.EINVALID, "there is no list of %q (want %s)", q.Schema, strings.Join(docket.ListSchemas, ", "))
	}
	col, ok := rowSortColumns[q.Sort]
	if !ok {
		return nil, docket.Errorf(docket.EINVALID, "a list sorts by %s, not %q", strings.Join(docket.RowSorts, ", "), q.Sort)
	}
	where, args := []string{`class = ?`, `schema = ?`}, []any{int(v.ListClass()), q.Schema}
	if q.Country != "" {
		where, args = append(where, `country = ?`), append(args, strings.ToLower(q.Country))
	}
	if a := strings.TrimSpace(q.Article); a != "" {
		// An article alone matches it in any code: " KZ-CC 179 " holds " 179 ".
		where, args = append(where, `articles LIKE ? ESCAPE '\'`), append(args, "% "+likeEscape(a)+" %")
	}
	if q.Kind != "" {
		where, args = append(where, `kind = ?`), append(args, q.Kind)
	}
	if q.Year != 0 {
		where, args = append(where, `year = ?`), append(args, q.Year)
	}
	if q.Political != "" {
		where, args = append(where, `political = ?`), append(args, q.Political)
	}
	dir := ""
	if q.Desc {
		dir = " DESC"
	}
	n := q.Limit
	if n <= 0 || n > maxRowsPage {
		n = 50
	}
	page := &docket.RowPage{}
	err := db.viewFor(ctx, v, func(tx *Tx) error {
		cond := strings.Join(where, " AND ")
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM list_rows WHERE `+cond, args...).Scan(&page.Total); err != nil {
			return fmt.Errorf("count rows: %w", err)
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, seq FROM list_rows WHERE `+cond+` ORDER BY `+col+dir+`, seq`+dir+` LIMIT ? OFFSET ?`,
			append(args, n, max(q.Offset, 0))...)
		if err != nil {
			return fmt.Errorf("read rows: %w", err)
		}
		defer rows.Close()
		byID := map[string]*docket.Row{}
		for rows.Next() {
			r := &docket.Row{Class: v.ListClass(), Schema: q.Schema}
			if err := rows.Scan(&r.ID, &r.Seq); err != nil {
				return err
			}
			page.Rows = append(page.Rows, r)
			byID[r.ID] = r
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		// Then what the page's rows show, and only theirs.
		if len(page.Rows) > 0 {
			ids := make([]string, len(page.Rows))
			for i, r := range page.Rows {
				ids[i] = r.ID
			}
			in, idArgs := inValues(ids)
			drows, err := tx.QueryContext(ctx, `SELECT id, data FROM list_data WHERE class = ? AND schema = ? AND id IN `+in, append([]any{int(v.ListClass()), q.Schema}, idArgs...)...)
			if err != nil {
				return fmt.Errorf("read rows' data: %w", err)
			}
			defer drows.Close()
			for drows.Next() {
				var id, data string
				if err := drows.Scan(&id, &data); err != nil {
					return err
				}
				if r := byID[id]; r != nil {
					r.Data = []byte(data)
				}
			}
			if err := drows.Err(); err != nil {
				return err
			}
		}
		var head, rowsHead int64
		if err := tx.QueryRowContext(ctx, lastSeq).Scan(&head); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT seq FROM list_head WHERE name = 'rows'`).Scan(&rowsHead); err != nil {
			return fmt.Errorf("read the rows' head: %w", err)
		}
		page.Behind = head - max(rowsHead, 0) // negative while first derived: see RowsHead
		return nil
	})
	if err != nil {
		return nil, err
	}
	return page, nil
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// RowsHead returns the change the rows are derived up to.
func (db *Store) RowsHead(ctx context.Context) (seq int64, err error) {
	err = db.view(ctx, func(tx *Tx) error {
		return tx.QueryRowContext(ctx, `SELECT seq FROM list_head WHERE name = 'rows'`).Scan(&seq)
	})
	if err != nil {
		return 0, fmt.Errorf("read the rows' head: %w", err)
	}
	return seq, nil
}

// The rows of the lists, and what each shows; listRows's columns in the order rowArgs gives them.
var (
	listRows = tableRows{table: "list_rows", columns: []string{"class", "schema", "id", "seq", "caption", "people", "country", "article", "articles",
		"stage", "kind", "rank", "amount", "date", "year", "political", "review"}}
	listData = tableRows{table: "list_data", columns: []string{"class", "schema", "id", "data"}}
)

func rowArgs(r *docket.Row) []any {
	articles := ""
	if len(r.Articles) > 0 {
		articles = " " + strings.Join(r.Articles, " | ") + " "
	}
	return []any{int(r.Class), r.Schema, r.ID, r.Seq, r.Caption, r.People, r.Country, r.Article, articles, r.Stage, r.Kind, r.Rank, r.Amount,
		r.Date, r.Year, r.Political, r.Review}
}

// PutRows replaces the rows of ids by rows and moves the rows' head.
func (db *Store) PutRows(ctx context.Context, v docket.Viewer, ids []string, rows []*docket.Row, head int64) error {
	if v.Role != docket.Admin || !v.Cleared {
		return docket.Errorf(docket.EFORBIDDEN, "rows of the lists are derived by the operator, never written by a viewer")
	}
	for _, r := range rows {
		if !slices.Contains(docket.ListedClasses, r.Class) || !slices.Contains(docket.ListSchemas, r.Schema) || !slices.Contains(ids, r.ID) {
			return docket.Errorf(docket.EINVALID, "row %s %s of class %d is not one of the rows being put", r.Schema, r.ID, r.Class)
		}
	}
	// Not db.update: rows are not records, and writing them appends nothing to the log. The
	// write lock still orders them with the records' writers.
	tx, err := db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for len(ids) > 0 {
		k := min(len(ids), docket.MaxIn)
		args := make([]any, k)
		for i, id := range ids[:k] {
			args[i] = id
		}
		for _, table := range []string{"list_rows", "list_data"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE id IN `+inList(k), args...); err != nil {
				return fmt.Errorf("delete rows: %w", err)
			}
		}
		ids = ids[k:]
	}
	var args, data []any
	for _, r := range rows {
		args = append(args, rowArgs(r)...)
		data = append(data, int(r.Class), r.Schema, r.ID, string(r.Data))
	}
	if err := tx.insertRows(ctx, listRows, args); err != nil {
		return fmt.Errorf("write rows: %w", err)
	}
	if err := tx.insertRows(ctx, listData, data); err != nil {
		return fmt.Errorf("write rows' data: %w", err)
	}
	if head != 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE list_head SET seq = ? WHERE name = 'rows'`, head); err != nil {
			return fmt.Errorf("move the rows' head: %w", err)
		}
	}
	return tx.Commit()
}

// clearRows empties the lists, so that they are derived again from the records.
func (tx *Tx) clearRows(ctx context.Context) error {
	for _, q := range []string{`DELETE FROM list_rows`, `DELETE FROM list_data`, `UPDATE list_head SET seq = 0 WHERE name = 'rows'`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("clear the lists: %w", err)
		}
	}
	return nil
}
