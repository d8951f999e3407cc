// Command load measures what anonymous visitors cost a running docket serve: many concurrent
// clients, each from its own loopback address (so that per-client limits apply to each as to
// a person), ask for the public pages for a while; it reports the latency of every route and
// the server's memory.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

const usage = `Usage: go run ./bench/load --data DIR [--clients N] [--duration D] [--out FILE]

Builds docket, runs docket serve on the SQLite store in DIR (a copy is not made: the server
only reads it), and measures it as the public uses it: --clients concurrent clients, each
connecting from its own loopback address 127.0.0.x, for --duration, over the routes home (/),
search (/search?q= a public name), misspelled (/search?q= a public name with two letters of its
last word swapped, which mostly finds nothing and offers near spellings), entity (/entity/ID of a person), case (/entity/ID of a
case), stats (/stats), feed (/feed.atom) and brief (/cases/ID/brief), chosen at random. Before
it measures, it waits until the server has counted the statistics (a cold server answers 503
until then) and says how long that took and how much memory it took.

It reports, for every route, the number of requests, their statuses and the p50, p95 and p99
latency of the answers, and the p50 and p95 of the pages served (200) alone; and the server's resident memory: its peak during the load (sampled
every 50 ms) and the peak over its whole life (VmHWM), warm-up included.

The server inherits the environment: GOMEMLIMIT sets its soft memory limit, as docket serve
--memory-limit does. With --routes, only the routes named are loaded; given more than once, each
set is loaded in turn on the same warm server (after a pause of five seconds), to tell which
routes cost the time or the memory.

Example:
  go run ./bench/run --statements 1000000 --keep     # prints where the store was kept
  go run ./bench/load --data /tmp/docket-bench-123/store --clients 32 --duration 60s --out bench/results/load-1m.md
  go run ./bench/load --data /tmp/docket-bench-123/store --serve-args "--memory-limit 200MiB"
  go run ./bench/load --data /tmp/docket-bench-123/store --duration 15s --routes search,misspelled --routes brief
`

func main() {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(os.Stdout, usage); fs.SetOutput(os.Stdout); fs.PrintDefaults() }
	data := fs.String("data", "", "data `DIR` of the SQLite store (docket.db in it)")
	clients := fs.Int("clients", 32, "concurrent clients, each from its own loopback address")
	duration := fs.Duration("duration", 60*time.Second, "how long to load the server")
	out := fs.String("out", "", "write the results as Markdown to `FILE` too")
	warmup := fs.Duration("warmup", 30*time.Minute, "how long to wait for the server to count the statistics")
	bin := fs.String("bin", "", "run this docket `BINARY` instead of building ./cmd/docket")
	var phases [][]string
	fs.Func("routes", "load only these `ROUTES`, comma-separated (of "+strings.Join(allRoutes, ",")+"); repeated, each set is loaded in turn on the same warm server, with its own table and peak memory", func(v string) error {
		rs := strings.Split(v, ",")
		for _, r := range rs {
			if !slices.Contains(allRoutes, r) {
				return fmt.Errorf("unknown route %q (routes: %s)", r, strings.Join(allRoutes, ", "))
			}
		}
		phases = append(phases, rs)
		return nil
	})
	serveArgs := fs.String("serve-args", "", "more `FLAGS` for docket serve, such as \"--memory-limit 200MiB --page-cache 16MiB\"")
	if err := fs.Parse(os.Args[1:]); err != nil {
		if err == flag.ErrHelp {
			os.Exit(0)
		}
		os.Exit(2)
	}
	if *data == "" {
		fmt.Fprintln(os.Stderr, "load: --data DIR is required; see --help")
		os.Exit(2)
	}
	if len(phases) == 0 {
		phases = [][]string{allRoutes}
	}
	if err := run(*bin, *data, *serveArgs, phases, *clients, *duration, *warmup, *out); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "%s "+format+"\n", append([]any{time.Now().Format("15:04:05")}, args...)...)
}

func run(bin, data, serveArgs string, phases [][]string, clients int, duration, warmup time.Duration, out string) error {
	tmp, err := os.MkdirTemp("", "docket-load-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if bin == "" {
		bin = filepath.Join(tmp, "docket")
		logf("building docket")
		if b, err := exec.Command("go", "build", "-o", bin, "./cmd/docket").CombinedOutput(); err != nil {
			return fmt.Errorf("go build: %v\n%s", err, b)
		}
	}
	port, err := freePort()
	if err != nil {
		return err
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	srv := exec.Command(bin, append([]string{"serve", "--data", data, "--addr", addr, "--key-file", filepath.Join(tmp, "ledger.key")}, strings.Fields(serveArgs)...)...)
	srv.Env = append(os.Environ(), "HOME="+tmp)
	logFile, err := os.Create(filepath.Join(tmp, "serve.log"))
	if err != nil {
		return err
	}
	srv.Stdout, srv.Stderr = logFile, logFile
	if err := srv.Start(); err != nil {
		return err
	}
	defer func() {
		// Stopped as an operator stops it, so that it ends its work as it would.
		srv.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { srv.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			srv.Process.Kill()
			<-done
		}
	}()
	base := "http://" + addr
	if err := waitUp(base, 60*time.Second); err != nil {
		return err
	}
	logf("serve is up (pid %d); reading the public ids", srv.Process.Pid)
	ids, err := publicIDs(base)
	if err != nil {
		return err
	}
	logf("%d cases, %d persons, %d names", len(ids.cases), len(ids.persons), len(ids.names))

	// Warm-up: the statistics are counted once; until then /stats answers 503. A load without
	// them does not wait (the server still counts them meanwhile).
	start := time.Now()
	peakWarm := sampler(srv.Process.Pid)
	waited := slices.ContainsFunc(phases, func(rs []string) bool { return slices.Contains(rs, "stats") })
	for waited {
		code, _, err := get(http.DefaultClient, base+"/stats")
		if err != nil {
			return err
		}
		if code == http.StatusOK {
			break
		}
		if time.Since(start) > warmup {
			return fmt.Errorf("the statistics were not counted within %v", warmup)
		}
		time.Sleep(time.Second)
	}
	warmTook, warmPeak := time.Since(start), peakWarm()
	if waited {
		logf("statistics counted in %v (server peak RSS meanwhile %d MB)", warmTook.Round(time.Millisecond), warmPeak>>20)
	}
	time.Sleep(2 * time.Second)
	rssBefore := rss(srv.Process.Pid, "VmRSS")

	var b strings.Builder
	fmt.Fprintf(&b, "# Anonymous load: %d clients for %v\n\n", clients, duration)
	env := ""
	if l := os.Getenv("GOMEMLIMIT"); l != "" {
		env = "GOMEMLIMIT=" + l + " " // the server's soft memory limit (docket serve --memory-limit)
	}
	args := ""
	if serveArgs != "" {
		args = fmt.Sprintf(" --serve-args %q", serveArgs)
	}
	if len(phases) > 1 || strings.Join(phases[0], ",") != strings.Join(allRoutes, ",") {
		for _, p := range phases {
			args += " --routes " + strings.Join(p, ",")
		}
	}
	fmt.Fprintf(&b, "`%sgo run ./bench/load --data %s --clients %d --duration %v%s` — %s\n\n", env, data, clients, duration, args, time.Now().UTC().Format(time.RFC3339))
	fmt.Fprintf(&b, "Store: %s (%d MB).\n\n", data, fileSize(filepath.Join(data, "docket.db"))>>20)
	if waited {
		fmt.Fprintf(&b, "Counting the statistics after the server started: %v, server peak RSS meanwhile %d MB. ", warmTook.Round(time.Millisecond), warmPeak>>20)
	} else {
		fmt.Fprintf(&b, "Not waiting for the statistics (no route loaded needs them; the server may be counting them meanwhile). ")
	}
	fmt.Fprintf(&b, "RSS before the load %d MB.\n\n", rssBefore>>20)
	for i, routes := range phases {
		if len(phases) > 1 {
			fmt.Fprintf(&b, "## %s\n\n", strings.Join(routes, ", "))
			logf("loading %s", strings.Join(routes, ", "))
			if i > 0 {
				time.Sleep(5 * time.Second) // let the memory of the previous set fall back
			}
		}
		load(&b, srv.Process.Pid, base, ids, routes, clients, duration)
	}
	fmt.Print(b.String())
	if out != "" {
		return os.WriteFile(out, []byte(b.String()), 0o644)
	}
	return nil
}

// allRoutes are the public's routes a load chooses among.
var allRoutes = []string{"home", "search", "misspelled", "entity", "case", "stats", "feed", "brief"}

// load sends clients' requests over routes, chosen at random, for duration and writes a table
// of their latency and the server's peak RSS meanwhile to b.
func load(b *strings.Builder, pid int, base string, ids *publicSet, routes []string, clients int, duration time.Duration) {
	type sample struct {
		route  string
		status int
		d      time.Duration
	}
	var mu sync.Mutex
	var samples []sample
	peakLoad := sampler(pid)
	ctx, cancel := context.WithTimeout(context.Background(), duration)
	defer cancel()
	var wg sync.WaitGroup
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := client(fmt.Sprintf("127.0.0.%d", 2+i))
			r := rand.New(rand.NewPCG(uint64(i), 7))
			for ctx.Err() == nil {
				route := routes[r.IntN(len(routes))]
				path := ids.path(route, r)
				t := time.Now()
				code, _, err := get(c, base+path)
				d := time.Since(t)
				if err != nil {
					if ctx.Err() != nil {
						return
					}
					code = 0
				}
				mu.Lock()
				samples = append(samples, sample{route, code, d})
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	loadPeak := peakLoad()
	hwm := rss(pid, "VmHWM")

	// A refusal (429, 503) is quick: the latency of the pages served is given apart, so that
	// refusals cannot hide slow pages.
	fmt.Fprintf(b, "| route | requests | 200 | 429 | 503 | other | p50 ms | p95 ms | p99 ms | max ms | p50 of 200s | p95 of 200s |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, route := range routes {
		var ds, oks []time.Duration
		counts := map[int]int{}
		for _, s := range samples {
			if s.route == route {
				ds = append(ds, s.d)
				counts[s.status]++
				if s.status == http.StatusOK {
					oks = append(oks, s.d)
				}
			}
		}
		slices.Sort(ds)
		slices.Sort(oks)
		other := len(ds) - counts[200] - counts[429] - counts[503]
		fmt.Fprintf(b, "| %s | %d | %d | %d | %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |\n", route, len(ds), counts[200], counts[429], counts[503], other,
			ms(pct(ds, 50)), ms(pct(ds, 95)), ms(pct(ds, 99)), ms(pct(ds, 100)), ms(pct(oks, 50)), ms(pct(oks, 95)))
	}
	fmt.Fprintf(b, "\nServer RSS during the load: peak %d MB (sampled every 50 ms); peak over its life (VmHWM, warm-up included) %d MB.\n",
		loadPeak>>20, hwm>>20)
	fmt.Fprintf(b, "%d requests in all, %.0f a second.\n\n", len(samples), float64(len(samples))/duration.Seconds())
}

type publicSet struct {
	cases, persons, names []string
}

func (p *publicSet) path(route string, r *rand.Rand) string {
	pick := func(xs []string) string {
		if len(xs) == 0 {
			return "none"
		}
		return xs[r.IntN(len(xs))]
	}
	switch route {
	case "home":
		return "/"
	case "search":
		return "/search?q=" + url.QueryEscape(pick(p.names))
	case "misspelled":
		return "/search?q=" + url.QueryEscape(misspell(pick(p.names)))
	case "entity":
		return "/entity/" + pick(p.persons)
	case "case":
		return "/entity/" + pick(p.cases)
	case "stats":
		return "/stats"
	case "feed":
		return "/feed.atom"
	}
	return "/cases/" + pick(p.cases) + "/brief"
}

// misspell swaps the fifth and sixth letters of a name's last word, past the three letters that
// select the near spellings a search that finds nothing offers (http/results.go).
func misspell(name string) string {
	ws := strings.Fields(name)
	if len(ws) == 0 {
		return name
	}
	r := []rune(ws[len(ws)-1])
	if len(r) >= 6 {
		r[4], r[5] = r[5], r[4]
	}
	ws[len(ws)-1] = string(r)
	return strings.Join(ws, " ")
}

// publicIDs reads ids of public cases and persons, and persons' names, through the API.
func publicIDs(base string) (*publicSet, error) {
	p := &publicSet{}
	for _, schema := range []string{"Case", "Person"} {
		var body struct {
			Entities []struct {
				ID      string `json:"id"`
				Caption string `json:"caption"`
			} `json:"entities"`
		}
		_, b, err := get(http.DefaultClient, base+"/api/v1/entities?limit=1000&schema="+schema)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(b, &body); err != nil {
			return nil, fmt.Errorf("entities of %s: %v: %.200s", schema, err, b)
		}
		for _, e := range body.Entities {
			if schema == "Case" {
				p.cases = append(p.cases, e.ID)
			} else {
				p.persons = append(p.persons, e.ID)
				p.names = append(p.names, e.Caption)
			}
		}
	}
	return p, nil
}

func client(local string) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(local)}, Timeout: 10 * time.Second}
	return &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{DialContext: d.DialContext, MaxIdleConnsPerHost: 4}}
}

func get(c *http.Client, u string) (int, []byte, error) {
	resp, err := c.Get(u)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

func waitUp(base string, d time.Duration) error {
	end := time.Now().Add(d)
	for time.Now().Before(end) {
		if resp, err := http.Get(base + "/api/v1/schemas"); err == nil {
			resp.Body.Close()
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("docket serve did not answer within %v", d)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// sampler samples the process's VmRSS every 50 ms until the function it returns is called,
// which returns the peak.
func sampler(pid int) func() int64 {
	var peak int64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			peak = max(peak, rss(pid, "VmRSS"))
			select {
			case <-t.C:
			case <-stop:
				return
			}
		}
	}()
	return func() int64 { close(stop); <-done; return peak }
}

// rss reads a memory figure of /proc/PID/status, in bytes.
func rss(pid int, field string) int64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

func pct(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	i := (len(ds)*p + 99) / 100
	return ds[min(max(i-1, 0), len(ds)-1)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func fileSize(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Size()
}
