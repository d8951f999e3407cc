package report

import (
	"context"
	"fmt"
	"slices"

	"github.com/docketorg/docket"
)

// RowStore is what keeping the lists' rows needs of a store. Every docket.Store is one.
type RowStore interface {
	Reader
	docket.ListService
	FindChanges(ctx context.Context, v docket.Viewer, f docket.ChangeFilter) ([]*docket.Change, error)
	FindStatementByID(ctx context.Context, v docket.Viewer, id string) (*docket.Statement, error)
	Head(ctx context.Context) (int64, error)
}

// rowsBatch is how many records' rows are derived at once.
const rowsBatch = 200

// lists is the viewer who keeps the lists: it reads every record to find which rows a change
// touches, and writes rows; each row is derived by its class's own viewer (see Rows).
var lists = docket.Operator("lists")

// RefreshRows brings the rows of the lists up to the head of the change log, and returns how
// many changes they are still behind. Rows never derived (a new or rebuilt store) are derived
// for every record, a batch at a time (unless the log is longer than maxChanges); otherwise the
// changes since are read, at most maxChanges of them (0: all), and the rows of the records they touch derived again: the
// records changed, those they name or named (the other side of a link made or undone), and
// what shows those (a defendant's cases, a victim's events; a charge's or proceeding's case and
// defendants). Rows are derived from records as each class reads them, so writing them again
// is always safe; the head moves only once they are written, so an interrupted refresh is
// done again.
func RefreshRows(ctx context.Context, st RowStore, maxChanges int, progress docket.Progress) (int64, error) {
	rh, err := st.RowsHead(ctx)
	if err != nil {
		return 0, err
	}
	head, err := st.Head(ctx)
	if err != nil {
		return 0, err
	}
	if rh >= head {
		return 0, nil
	}
	if rh <= 0 {
		if maxChanges > 0 && head > int64(maxChanges) {
			// Every record's rows, of a registry this large, are for a caller that may take
			// its time (a server's background work, docket rebuild), not for one that may not.
			return head, nil
		}
		// A first derivation takes hours at ten million statements: one stopped (a server
		// restarted) goes on from the last records it derived, and ends at the change it
		// began at, so that the changes made since, to records derived before them, are
		// derived again as changes.
		since := -rh
		if rh == 0 {
			since = head
			if err := st.PutRows(ctx, lists, nil, nil, -since); err != nil {
				return 0, err
			}
		}
		if err := rebuildRows(ctx, st, rh < 0, progress); err != nil {
			return 0, err
		}
		if err := st.PutRows(ctx, lists, nil, nil, since); err != nil {
			return 0, err
		}
	} else {
		chs, err := st.FindChanges(ctx, lists, docket.ChangeFilter{AfterSeq: rh, Limit: maxChanges})
		if err != nil {
			return 0, fmt.Errorf("read changes: %w", err)
		}
		if len(chs) == 0 {
			return 0, st.PutRows(ctx, lists, nil, nil, head)
		}
		touched, err := touchedBy(ctx, st, chs)
		if err != nil {
			return 0, err
		}
		if err := deriveRows(ctx, st, touched); err != nil {
			return 0, err
		}
		upto := chs[len(chs)-1].Seq
		if maxChanges <= 0 || len(chs) < maxChanges {
			upto = max(upto, head)
		}
		if err := st.PutRows(ctx, lists, nil, nil, upto); err != nil {
			return 0, err
		}
	}
	now, err := st.Head(ctx)
	if err != nil {
		return 0, err
	}
	done, err := st.RowsHead(ctx)
	return now - done, err
}

// rebuildRows derives the rows of every record of the lists, in the order they were made;
// resuming, from the last record of each list that has rows.
func rebuildRows(ctx context.Context, st RowStore, resume bool, progress docket.Progress) error {
	var done int64
	for _, schema := range docket.ListSchemas {
		after := int64(0)
		if resume {
			// Staff see every row but the confidential ones': the last may be derived again.
			last, err := st.FindRows(ctx, docket.ClassStaff.Viewer(), docket.RowQuery{Schema: schema, Desc: true, Limit: 1})
			if err != nil {
				return fmt.Errorf("read the last %s row: %w", schema, err)
			}
			if len(last.Rows) > 0 {
				after = last.Rows[0].Seq
			}
		}
		for {
			ents, _, err := st.FindEntities(ctx, lists, docket.EntityFilter{Schema: &schema, AfterSeq: after, Limit: rowsBatch, SkipCount: true})
			if err != nil {
				return fmt.Errorf("read %s records: %w", schema, err)
			}
			var ids []string
			for _, e := range ents {
				after = max(after, e.Seq)
				ids = append(ids, e.ID)
			}
			if err := putRows(ctx, st, schema, ids); err != nil {
				return err
			}
			done += int64(len(ids))
			if progress != nil {
				progress(done, -1)
			}
			if len(ents) < rowsBatch {
				break
			}
		}
	}
	return nil
}

// putRows derives and writes the rows of the records ids of a schema.
func putRows(ctx context.Context, st RowStore, schema string, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	rows, err := Rows(ctx, st, schema, ids)
	if err != nil {
		return err
	}
	return st.PutRows(ctx, lists, ids, rows, 0)
}

// touchedBy returns the ids of the entities the changes concern: the entity of each, the
// entities a statement named (a reference made, or retracted), and both sides of a merge.
func touchedBy(ctx context.Context, st RowStore, chs []*docket.Change) ([]string, error) {
	var out []string
	add := func(ids ...string) {
		for _, id := range ids {
			if id != "" && docket.ValidID(id) {
				out = append(out, id)
			}
		}
	}
	for _, c := range chs {
		add(c.Entity)
		rec := c.Record
		switch c.Kind {
		case docket.KindEntity:
			add(rec.Entity.ID)
		case docket.KindStatement:
			add(rec.Statement.Entity, rec.Statement.Value)
		case docket.KindRetraction, docket.KindStatus:
			s, err := st.FindStatementByID(ctx, lists, c.Ref)
			if err != nil {
				return nil, fmt.Errorf("read statement %s: %w", c.Ref, err)
			}
			add(s.Entity, s.Value)
		case docket.KindMerge:
			add(rec.Merge.Into, rec.Merge.From)
		case docket.KindUnmerge:
			ms, err := st.FindChanges(ctx, lists, docket.ChangeFilter{Ref: &rec.Unmerge.Merge, Limit: 1})
			if err != nil {
				return nil, err
			}
			for _, m := range ms {
				if m.Record.Merge != nil {
					add(m.Record.Merge.Into, m.Record.Merge.From)
				}
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// deriveRows derives again the rows of the records that show the entities ids (see
// RefreshRows), and deletes those of ids that are no longer records of their own (merged
// away, or not an entity at all).
func deriveRows(ctx context.Context, st RowStore, ids []string) error {
	rows := map[string]map[string]bool{}
	for _, schema := range docket.ListSchemas {
		rows[schema] = map[string]bool{}
	}
	var gone []string
	var links []*docket.Entity // charges, proceedings, events: what they name shows them
	var named []string         // persons and organisations: what names them shows them
	var cases []string         // cases: the events in them show their names
	err := chunks(ids, func(ids []string) error {
		ents, _, err := st.FindEntities(ctx, lists, docket.EntityFilter{IDs: ids, Limit: docket.MaxIn, SkipCount: true})
		if err != nil {
			return err
		}
		canonical := map[string]bool{}
		for _, e := range ents {
			canonical[e.ID] = true
			switch e.Schema {
			case "Case":
				rows["Case"][e.ID] = true
				cases = append(cases, e.ID)
			case "Event":
				rows["Event"][e.ID] = true
				links = append(links, e)
			case "Charge", "Proceeding":
				links = append(links, e)
			case "Person":
				rows["Person"][e.ID] = true
				named = append(named, e.ID)
			case "Organization":
				named = append(named, e.ID)
			}
		}
		for _, id := range ids {
			if !canonical[id] {
				gone = append(gone, id)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	// What a charge, proceeding or event names: its case, its defendants and victims.
	var linkIDs []string
	for _, e := range links {
		linkIDs = append(linkIDs, e.ID)
	}
	err = chunks(linkIDs, func(ids []string) error {
		for after := int64(0); ; {
			ss, _, err := st.FindStatements(ctx, lists, docket.StatementFilter{Entities: ids, AfterSeq: after, Limit: PageSize, SkipCount: true,
				IncludeRetracted: true})
			if err != nil {
				return err
			}
			var refs []string
			for _, s := range ss {
				after = max(after, s.Seq)
				switch s.Property {
				case "case", "defendant", "victim":
					refs = append(refs, s.Value)
				}
			}
			if err := canonicalInto(ctx, st, refs, rows); err != nil {
				return err
			}
			if len(ss) < PageSize {
				return nil
			}
		}
	})
	if err != nil {
		return err
	}
	// What names a person or organisation: the cases they are defendants in (directly, or
	// through a charge or proceeding), the events they suffered or did.
	err = chunks(named, func(ids []string) error {
		for after := int64(0); ; {
			ents, _, err := st.FindEntities(ctx, lists, docket.EntityFilter{RefersToAny: ids, Via: []string{"defendant", "victim", "perpetrator"},
				AfterSeq: after, Limit: docket.MaxIn, SkipCount: true})
			if err != nil {
				return err
			}
			var via []string
			for _, e := range ents {
				after = max(after, e.Seq)
				switch e.Schema {
				case "Case", "Event":
					rows[e.Schema][e.ID] = true
				case "Charge", "Proceeding":
					via = append(via, e.ID)
				}
			}
			if err := casesOf(ctx, st, via, rows); err != nil {
				return err
			}
			if len(ents) < docket.MaxIn {
				return nil
			}
		}
	})
	if err != nil {
		return err
	}
	err = chunks(cases, func(ids []string) error {
		for after := int64(0); ; {
			ents, _, err := st.FindEntities(ctx, lists, docket.EntityFilter{RefersToAny: ids, Via: []string{"case"}, AfterSeq: after, Limit: docket.MaxIn, SkipCount: true})
			if err != nil {
				return err
			}
			for _, e := range ents {
				after = max(after, e.Seq)
				if e.Schema == "Event" {
					rows["Event"][e.ID] = true
				}
			}
			if len(ents) < docket.MaxIn {
				return nil
			}
		}
	})
	if err != nil {
		return err
	}
	for _, schema := range docket.ListSchemas {
		ids := sortedSet(rows[schema])
		for len(ids) > 0 {
			k := min(len(ids), rowsBatch)
			if err := putRows(ctx, st, schema, ids[:k]); err != nil {
				return err
			}
			ids = ids[k:]
		}
	}
	return chunks(gone, func(ids []string) error { return st.PutRows(ctx, lists, ids, nil, 0) })
}

// canonicalInto adds the records ids read as to rows, by schema.
func canonicalInto(ctx context.Context, st RowStore, ids []string, rows map[string]map[string]bool) error {
	return chunks(uniq(ids), func(ids []string) error {
		ents, _, err := st.FindEntities(ctx, lists, docket.EntityFilter{IDs: ids, Limit: docket.MaxIn, SkipCount: true})
		if err != nil {
			return err
		}
		for _, e := range ents {
			if rows[e.Schema] != nil {
				rows[e.Schema][e.ID] = true
			}
		}
		return nil
	})
}

// casesOf adds the cases of the charges and proceedings ids to rows.
func casesOf(ctx context.Context, st RowStore, ids []string, rows map[string]map[string]bool) error {
	prop := "case"
	return chunks(ids, func(ids []string) error {
		for after := int64(0); ; {
			ss, _, err := st.FindStatements(ctx, lists, docket.StatementFilter{Entities: ids, Property: &prop, AfterSeq: after, Limit: PageSize, SkipCount: true})
			if err != nil {
				return err
			}
			var cases []string
			for _, s := range ss {
				after = max(after, s.Seq)
				cases = append(cases, s.Value)
			}
			if err := canonicalInto(ctx, st, cases, rows); err != nil {
				return err
			}
			if len(ss) < PageSize {
				return nil
			}
		}
	})
}
