package report_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/demo"
	"github.com/docketorg/docket/report"
)

// TestLoadCase: a brief from the case's own neighbourhood is the brief from the whole registry,
// for every case: the seed, and cases with relatives, merged persons, chains of
// events and events of their defendants in other cases.
func TestLoadCase(t *testing.T) {
	db := mustDemo(t)
	b := newBuilder(t, db)
	ctx := context.Background()
	// A second case of the seed's defendant's husband, with a chain of events and a merged
	// duplicate of its judge.
	judge := b.entity("Person", "p-judge2", "name", "Aliya Saparova")
	dup := b.entity("Person", "p-judge2-dup", "name", "Aliya Saparova (dup)")
	court := b.entity("Organization", "o-court2", "name", "Taraz City Court", "kind", "court")
	c2 := b.entity("Case", "c-second", "name", "Case of Ablovas Dzhumayev (2021)", "defendant", demo.Dzhumayev, "country", "kz",
		"politicallyMotivated", "yes")
	b.entity("Proceeding", "pr-second", "case", c2, "stage", "first instance", "court", court, "judge", dup, "outcome", "convicted",
		"sentence", "imprisonment P2Y", "date", "2021-03-04", "defendant", demo.Dzhumayev)
	det := b.entity("Event", "ev-det2", "type", "detention", "date", "2021-01-10", "victim", demo.Dzhumayev)
	b.entity("Event", "ev-torture2", "type", "torture allegation", "date", "2021-01-11", "victim", demo.Dzhumayev, "follows", det)
	b.entity("Event", "ev-other-case", "type", "search", "date", "2020-12-01", "victim", demo.Akberdiyeva, "case", c2)
	// A chain reached only forward: an event of the case follows one that names no one.
	rally := b.entity("Event", "ev-rally", "type", "disruption", "date", "2021-01-05", "place", "Taraz")
	b.entity("Event", "ev-arrest2", "type", "arrest", "date", "2021-01-06", "case", c2, "follows", rally)
	b.entity("Statistic", "st-by", "country", "by", "description", "Belarus: 2,000 convictions")
	// The seed's defendant in more cases of her own, which her brief does not tell: their records
	// are not the seed case's neighbourhood (a defendant of hundreds of cases would bring them all).
	var others []string
	for i := range 3 {
		oc := b.entity("Case", fmt.Sprintf("c-other-%d", i), "name", fmt.Sprintf("Other case %d", i), "defendant", demo.Akberdiyeva, "country", "kz")
		others = append(others, b.entity("Proceeding", fmt.Sprintf("pr-other-%d", i), "case", oc, "stage", "first instance", "court", court,
			"outcome", "convicted", "date", fmt.Sprintf("2022-0%d-01", i+1), "defendant", demo.Akberdiyeva))
		b.entity("Event", fmt.Sprintf("ev-other-%d", i), "type", "search", "date", fmt.Sprintf("2022-0%d-02", i+1), "case", oc)
	}
	// More statistics of the case's country than a brief gives: the latest are taken.
	for i := range 12 {
		b.entity("Statistic", fmt.Sprintf("st-kz-%d", i), "country", "kz", "description", fmt.Sprintf("Kazakhstan: figure %d", i))
	}
	if _, err := db.MergeEntities(ctx, op, judge, dup, "one judge"); err != nil {
		t.Fatal(err)
	}
	for _, v := range []docket.Viewer{docket.AnonymousViewer} { // briefs are published
		full := mustLoad(t, db, v)
		if len(full.Cases()) < 2 {
			t.Fatalf("%d cases", len(full.Cases()))
		}
		for _, c := range full.Cases() {
			want, err := report.Brief(full, c.ID, "en")
			if err != nil {
				t.Fatal(err)
			}
			part, err := report.LoadCase(ctx, db, v, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			got, err := report.Brief(part, c.ID, "en")
			if err != nil {
				t.Fatal(err)
			}
			var wb, gb bytes.Buffer
			report.WriteMarkdown(&wb, want)
			report.WriteMarkdown(&gb, got)
			if wb.String() != gb.String() {
				t.Errorf("the brief of %s from its neighbourhood differs from the whole registry's:\n--- whole\n%s\n--- neighbourhood\n%s",
					c.ID, wb.String(), gb.String())
			}
			t.Logf("%s: %d of %d entities, brief %d bytes", c.ID, len(part.Entities), len(full.Entities), gb.Len())
			if c.ID == demo.AkberdiyevaCase {
				for _, id := range others {
					if part.Entities[id] != nil {
						t.Errorf("the neighbourhood of %s holds %s, of another case of its defendant", c.ID, id)
					}
				}
			}
			if n := len(part.Entities); n >= len(full.Entities) && len(full.Entities) > 40 {
				t.Errorf("the neighbourhood of %s holds %d entities of %d: not a neighbourhood", c.ID, n, len(full.Entities))
			}
		}
	}
	if _, err := report.LoadCase(ctx, db, docket.AnonymousViewer, "no-such-case"); docket.ErrorCode(err) != docket.ENOTFOUND {
		t.Errorf("LoadCase of no case: %v", err)
	}
	if _, err := report.LoadCase(ctx, db, docket.AnonymousViewer, demo.Akberdiyeva); docket.ErrorCode(err) != docket.ENOTFOUND {
		t.Errorf("LoadCase of a person: %v", err)
	}
}
