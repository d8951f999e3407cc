package report

import (
	"context"

	"github.com/docketorg/docket"
)

// maxCaseEntities bounds what LoadCase reads: a case with its proceedings, charges, events,
// persons, courts and related cases is tens of records; a neighbourhood that grows past this is
// cut there, so that no request for one case reads the registry.
const maxCaseEntities = 5000

// LoadCase reads v's view of one case and of what its brief shows, and nothing else: the case's
// neighbourhood (see neighbourhood.cases), the chains of events linked to it, the latest
// statistics of its country, and the sources all these cite. Its cost is the size of the case,
// not of the registry: briefs are served to anyone, from a registry of any size. A case v may
// not see is ENOTFOUND.
func LoadCase(ctx context.Context, r Reader, v docket.Viewer, caseID string) (*Registry, error) {
	return LoadCaseWith(ctx, r, v, caseID, nil)
}

// LoadCaseWith is LoadCase with the latest statistics of the case's country found by stats,
// which may keep them for every brief of the country (v's view of them; nil reads them).
func LoadCaseWith(ctx context.Context, r Reader, v docket.Viewer, caseID string, stats StatisticsOf) (*Registry, error) {
	n := newNeighbourhood(ctx, r, v, maxCaseEntities)
	if err := n.fetch([]string{caseID}); err != nil {
		return nil, err
	}
	c := n.reg.Entities[n.canonical[caseID]]
	if c == nil || c.Schema != "Case" {
		return nil, docket.Errorf(docket.ENOTFOUND, "no published case %q", caseID)
	}
	if err := n.cases([]string{c.ID}); err != nil {
		return nil, err
	}
	if err := n.chains(); err != nil {
		return nil, err
	}
	if err := n.statistics(c.First("country"), stats); err != nil {
		return nil, err
	}
	if err := n.sources(); err != nil {
		return nil, err
	}
	return n.registry()
}
