package csvmap

import (
	"context"
	"fmt"
	"strings"

	"github.com/docketorg/docket"
)

// StoreResolver finds what a file names in a store, as v sees it. Its reads go through the
// store's own methods, outside the import's transaction: they see the store as it was before.
func StoreResolver(ctx context.Context, st docket.Store, v docket.Viewer) Resolver {
	return storeResolver{ctx, st, v}
}

type storeResolver struct {
	ctx context.Context
	st  docket.Store
	v   docket.Viewer
}

func (r storeResolver) Entity(value string, schemas []string) (string, error) {
	if docket.ValidID(value) {
		if e, err := r.st.FindEntityByID(r.ctx, r.v, value); err == nil {
			for _, sc := range schemas {
				if e.Schema == sc {
					return e.ID, nil
				}
			}
			return "", docket.Errorf(docket.EINVALID, "%s is a %s, not a %s", value, e.Schema, strings.Join(schemas, " or "))
		} else if docket.ErrorCode(err) != docket.ENOTFOUND {
			return "", err
		}
	}
	var found []*docket.Entity
	for _, sc := range schemas {
		ents, _, err := r.st.FindEntities(r.ctx, r.v, docket.EntityFilter{Schema: &sc, Name: &value, Limit: 5})
		if err != nil {
			return "", err
		}
		found = append(found, ents...)
	}
	switch len(found) {
	case 0:
		return "", nil
	case 1:
		return found[0].ID, nil
	}
	var ids []string
	for _, e := range found {
		ids = append(ids, fmt.Sprintf("%s (%s)", e.ID, e.Caption))
	}
	return "", docket.Errorf(docket.EINVALID, "%q names %d records: %s; give an id", value, len(found), strings.Join(ids, ", "))
}

func (r storeResolver) Source(url string) (string, error) {
	srcs, _, err := r.st.FindSources(r.ctx, r.v, docket.SourceFilter{URL: &url, Limit: 1})
	if err != nil || len(srcs) == 0 {
		return "", err
	}
	return srcs[0].ID, nil
}

// EmptyRegistry is the resolver of a registry that holds nothing yet: no name or URL is found.
// Importing into an empty store, with the store to itself, needs no lookups.
var EmptyRegistry Resolver = emptyRegistry{}

type emptyRegistry struct{}

func (emptyRegistry) Entity(string, []string) (string, error) { return "", nil }
func (emptyRegistry) Source(string) (string, error)           { return "", nil }
