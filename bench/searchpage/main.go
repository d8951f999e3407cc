// Command searchpage measures the search page as the public uses it, in this process, one
// request at a time: a name that finds its record (the hits, with their key facts), the same
// name misspelled (which mostly finds nothing, and offers near spellings), and /suggest; and
// the pickers of the forms as staff type into them.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/docketorg/docket"
	dockethttp "github.com/docketorg/docket/http"
	"github.com/docketorg/docket/sqlite"
)

const usage = `Usage: go run ./bench/searchpage --db FILE [--names N] [--clients N [--duration D]]

Opens the SQLite store FILE (a copy: opening a store may write to it), serves it at 127.0.0.1,
and requests as the public, one at a time, after 10 uncounted requests a route, every page
made (the server's page cache off; bench/load measures it):
  name        /search?q= a public person's name that the public's search finds
  misspelled  /search?q= the same name with the fifth and sixth letters of its last word
              swapped: near spellings are looked for when it finds nothing
  suggest     /suggest?q= the name
  common      /search?q= a word most records hold (court, case, police, …), ranked among
              its newest matches, with the page's facets counted over them
and as a researcher (a token made in the store for the run), the pickers of the forms:
  pick        /pick?schema=Person&q= the name as typed so far: its first word and the first
              four letters of its last
  pick-full   /pick?schema=Person&q= the whole name
  pick-source /pick/source?q= the first word of a source's title
It prints the p50, p95 and maximum latency of each, and how many misspelled names were offered
a near spelling (or, for pickers, how many answers offered the record the name was taken from).

With --clients N (more than 1), N clients ask the public's search page at once, each as fast as
it is answered, for --duration, the names and then the common words (the anonymous rate limit
lifted: each client stands for many people), and it prints requests a second with latencies.

Examples:
  go run ./bench/searchpage --db /path/to/docket.db --names 100
  go run ./bench/searchpage --db /path/to/docket.db --names 100 --clients 32 --duration 20s
`

// commonWords are words of the genre that most records of a registry hold.
var commonWords = []string{"court", "case", "criminal", "police", "judge", "activist", "prison", "sentenced", "detained", "trial"}

func main() {
	fs := flag.NewFlagSet("searchpage", flag.ExitOnError)
	fs.Usage = func() { fmt.Fprint(os.Stderr, usage); fs.PrintDefaults() }
	path := fs.String("db", "", "the SQLite store `FILE`")
	n := fs.Int("names", 300, "how many persons' names to try")
	clients := fs.Int("clients", 1, "how many clients ask the search page at once (more than 1: a load of the search page alone)")
	dur := fs.Duration("duration", 20*time.Second, "with --clients, how long each route is asked")
	fs.Parse(os.Args[1:])
	if *path == "" || *clients < 1 || *dur <= 0 {
		fs.Usage()
		os.Exit(2)
	}
	if err := run(*path, *n, *clients, *dur); err != nil {
		fmt.Fprintln(os.Stderr, "searchpage:", err)
		os.Exit(1)
	}
}

func run(path string, n, clients int, dur time.Duration) error {
	db := sqlite.NewDB(path)
	if err := db.Open(); err != nil {
		return fmt.Errorf("opening %s: %w", path, err)
	}
	defer db.Close()
	ctx := context.Background()
	ents, _, err := db.FindEntities(ctx, docket.AnonymousViewer, docket.EntityFilter{Schema: new("Person"), Limit: n, SkipCount: true})
	if err != nil {
		return fmt.Errorf("reading persons: %w", err)
	}
	var names, miss, typed, ids []string
	for _, e := range ents {
		ws := strings.Fields(e.Caption)
		if len(ws) < 2 || len([]rune(ws[len(ws)-1])) < 6 {
			continue
		}
		// Only names the public's search finds: a record whose name is not public is captioned
		// otherwise, and one that finds nothing measures the misspelled route twice.
		if hits, err := db.Search(ctx, docket.AnonymousViewer, docket.SearchQuery{Q: e.Caption, Limit: 1}); err != nil || len(hits) == 0 {
			continue
		}
		names, ids = append(names, e.Caption), append(ids, e.ID)
		typed = append(typed, strings.Join(ws[:len(ws)-1], " ")+" "+string([]rune(ws[len(ws)-1])[:4]))
		r := []rune(ws[len(ws)-1])
		r[4], r[5] = r[5], r[4]
		ws[len(ws)-1] = string(r)
		miss = append(miss, strings.Join(ws, " "))
	}
	if len(names) < 10 {
		return fmt.Errorf("%d of %d persons have a public name the search finds: too few to measure", len(names), len(ents))
	}
	srcs, _, err := db.FindSources(ctx, docket.Operator("bench"), docket.SourceFilter{Limit: n})
	if err != nil {
		return fmt.Errorf("reading sources: %w", err)
	}
	var titles []string
	for _, src := range srcs {
		if w := strings.Fields(src.Caption()); len(w) > 0 && len([]rune(w[0])) >= 3 {
			titles = append(titles, w[0])
		}
	}
	if len(titles) < 10 {
		return fmt.Errorf("%d sources have a title to pick by: too few to measure", len(titles))
	}
	// The genre's common words, each asked as often as the names are.
	var common []string
	for i := range names {
		common = append(common, commonWords[i%len(commonWords)])
	}
	token, err := db.CreateToken(ctx, docket.Operator("bench"), &docket.Token{Name: fmt.Sprintf("searchpage-%d", time.Now().UnixNano()), Role: docket.Researcher})
	if err != nil {
		return fmt.Errorf("making a researcher's token: %w", err)
	}
	s := dockethttp.NewServer(db)
	s.ExpensiveRate, s.ExpensiveBurst = 1e6, 1e6 // one client, asking as fast as it can
	s.PageCacheBytes = 0                         // each page made, not one held since the same query before
	s.Addr = "127.0.0.1:0"
	if err := s.Open(); err != nil {
		return err
	}
	defer s.Close()
	if clients > 1 {
		fmt.Printf("%d names, e.g. %s; %d clients at once, %s a route\n\n| route | requests | a second | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|---|\n", len(names), names[0], clients, dur)
		for _, rt := range []struct {
			label string
			qs    []string
		}{{"name", names}, {"common", common}} {
			if err := load(s.URL()+"/search?q=", rt.label, rt.qs, clients, dur); err != nil {
				return err
			}
		}
		return nil
	}
	fmt.Printf("%d names, e.g. %s, misspelled %s\n\n| route | requests | p50 ms | p95 ms | max ms | near spellings offered / picker found |\n|---|---|---|---|---|---|\n", len(names), names[0], miss[0])
	for _, rt := range []struct {
		label, path string
		qs          []string
		staff       bool
	}{
		{"name", "/search?q=", names, false}, {"misspelled", "/search?q=", miss, false}, {"suggest", "/suggest?q=", names, false},
		{"common", "/search?q=", common, false},
		{"pick", "/pick?schema=Person&q=", typed, true}, {"pick-full", "/pick?schema=Person&q=", names, true},
		{"pick-source", "/pick/source?q=", titles, true},
	} {
		var ds []time.Duration
		near := 0
		for i, q := range append(rt.qs[:10:10], rt.qs...) {
			req, err := http.NewRequest("GET", s.URL()+rt.path+url.QueryEscape(q), nil)
			if err != nil {
				return err
			}
			if rt.staff {
				req.Header.Set("Authorization", "Bearer "+token)
			}
			t := time.Now()
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				return err
			}
			b, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != http.StatusOK {
				return fmt.Errorf("%s%s: %d %v", rt.path, q, resp.StatusCode, err)
			}
			if i >= 10 {
				ds = append(ds, time.Since(t))
				switch {
				case strings.Contains(string(b), `class="did-you-mean"`):
					near++
				case strings.HasPrefix(rt.label, "pick") && rt.label != "pick-source" && strings.Contains(string(b), `"id": "`+ids[(i-10)%len(ids)]+`"`):
					near++ // the picker offers the record the name was taken from
				case rt.label == "pick-source" && strings.Contains(string(b), `"id": "`):
					near++
				}
			}
		}
		slices.Sort(ds)
		ms := func(p float64) float64 { return float64(ds[int(p*float64(len(ds)-1))].Microseconds()) / 1000 }
		fmt.Printf("| %s | %d | %.1f | %.1f | %.1f | %d |\n", rt.label, len(ds), ms(.5), ms(.95), ms(1), near)
	}
	return nil
}

// load has clients ask base+q for the queries in turn, each as fast as it is answered, for dur,
// and prints the route's requests a second and latencies. Every answer must be 200.
func load(base, label string, qs []string, clients int, dur time.Duration) error {
	var (
		mu   sync.Mutex
		ds   []time.Duration
		fail error
	)
	c := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	start := time.Now()
	var wg sync.WaitGroup
	for w := range clients {
		wg.Go(func() {
			var mine []time.Duration
			for i := w; time.Since(start) < dur; i += clients {
				t := time.Now()
				resp, err := c.Get(base + url.QueryEscape(qs[i%len(qs)]))
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if err == nil && resp.StatusCode != http.StatusOK {
						err = fmt.Errorf("%s: %s", qs[i%len(qs)], resp.Status)
					}
				}
				if err != nil {
					mu.Lock()
					fail = err
					mu.Unlock()
					return
				}
				mine = append(mine, time.Since(t))
			}
			mu.Lock()
			ds = append(ds, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if fail != nil {
		return fmt.Errorf("%s: %w", label, fail)
	}
	slices.Sort(ds)
	ms := func(p float64) float64 { return float64(ds[int(p*float64(len(ds)-1))].Microseconds()) / 1000 }
	fmt.Printf("| %s | %d | %.0f | %.1f | %.1f | %.1f |\n", label, len(ds), float64(len(ds))/elapsed.Seconds(), ms(.5), ms(.95), ms(1))
	return nil
}
