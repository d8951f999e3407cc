package http

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/docketorg/docket"
)

// TestFigureCache_Evicts: when the cache is full, the light result asked for longest ago goes;
// heavy results (the figures, which take minutes to count again) stay, however many light ones
// are asked for.
func TestFigureCache_Evicts(t *testing.T) {
	c := newFigureCache(func(context.Context) (int64, error) { return 1, nil })
	c.max = 4
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go c.run(ctx)
	computed := map[string]int{}
	get := func(key string, heavy bool) {
		t.Helper()
		f := c.light
		if heavy {
			f = c.heavy
		}
		if _, _, err := f(ctx, docket.AnonymousViewer, key, func(context.Context, docket.Viewer) (any, error) {
			computed[key]++ // the workers run one job at a time for these calls: each waits for its own
			return key, nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	get("figures", true)
	for i := range 10 {
		get("counts", false) // asked by every visitor of the home page
		get(fmt.Sprint("brief-", i), false)
	}
	get("figures", true)
	if computed["counts"] != 1 {
		t.Errorf("the counts were computed %d times: pushed out by briefs asked once", computed["counts"])
	}
	if computed["figures"] != 1 {
		t.Errorf("the figures were counted %d times: pushed out by light results", computed["figures"])
	}
	get("brief-9", false) // the newest light result stays
	if computed["brief-9"] != 1 {
		t.Errorf("the newest brief was computed %d times: want it kept", computed["brief-9"])
	}
	get("brief-0", false) // the oldest went
	if computed["brief-0"] != 2 {
		t.Errorf("the oldest brief was computed %d times: want it let go and computed again", computed["brief-0"])
	}
	if len(c.entries) > c.max {
		t.Errorf("%d results kept, at most %d", len(c.entries), c.max)
	}
}

// TestFigureCache_SharedNotBehindRecords: results every visitor shares (the feed, the home
// page's counts) are computed while the workers of briefs are all busy and more briefs wait.
func TestFigureCache_SharedNotBehindRecords(t *testing.T) {
	c := newFigureCache(func(context.Context) (int64, error) { return 1, nil })
	c.wait = time.Second
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go c.run(ctx)
	release := make(chan struct{})
	var waiting sync.WaitGroup
	for i := range recordWorkers + lightWorkers + 2 {
		waiting.Go(func() {
			c.record(ctx, docket.AnonymousViewer, fmt.Sprint("brief-", i), func(context.Context, docket.Viewer) (any, error) {
				<-release // a brief of a large registry, taking its time
				return nil, nil
			})
		})
	}
	time.Sleep(100 * time.Millisecond) // the briefs are taken or queued
	val, _, err := c.light(ctx, docket.AnonymousViewer, "feed", func(context.Context, docket.Viewer) (any, error) { return "feed", nil })
	close(release)
	waiting.Wait()
	if err != nil || val != "feed" {
		t.Errorf("with every brief worker busy, the feed: %v, %v", val, err)
	}
}
