package harness

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/docketorg/docket"
	dockethttp "github.com/docketorg/docket/http"
)

// APIResult is the latency of one API endpoint over HTTP.
type APIResult struct {
	Endpoint  string  `json:"endpoint"`
	Latency   Latency `json:"latency"`
	NotFound  int     `json:"not_found"` // 404s: entities the public may not see
	MeanBytes float64 `json:"mean_bytes"`
}

// RunAPI starts the HTTP server on db at a free port of 127.0.0.1 and times, as the anonymous
// visitor over one keep-alive connection, GET /api/v1/search for every query, then GET
// /api/v1/entities/{id} and /api/v1/entities/{id}/referrers for n random ids of the sample
// (the ids RunPages reads). Each endpoint has 10 uncounted warm-up requests, and stops early
// when it has taken budget (0: no limit).
func RunAPI(ctx context.Context, db docket.Store, qs []Query, ids []string, n int, seed uint64, budget time.Duration) ([]APIResult, error) {
	s := dockethttp.NewServer(db)
	s.Addr = "127.0.0.1:0"
	if err := s.Open(); err != nil {
		return nil, fmt.Errorf("start the HTTP server: %w", err)
	}
	defer s.Close()
	tr := &http.Transport{MaxIdleConnsPerHost: 1}
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr, Timeout: time.Minute}
	base := s.URL() + "/api/v1"

	pick := pickIDs(ids, n, seed)
	endpoints := []struct {
		name string
		urls []string
	}{
		{"GET /api/v1/search?q=", nil},
		{"GET /api/v1/entities/{id}", nil},
		{"GET /api/v1/entities/{id}/referrers", nil},
	}
	for _, q := range qs {
		endpoints[0].urls = append(endpoints[0].urls, base+"/search?"+url.Values{"q": {q.Q}}.Encode())
	}
	for _, id := range pick {
		u := base + "/entities/" + url.PathEscape(id)
		endpoints[1].urls = append(endpoints[1].urls, u)
		endpoints[2].urls = append(endpoints[2].urls, u+"/referrers")
	}
	var out []APIResult
	for _, e := range endpoints {
		for _, u := range e.urls[:min(10, len(e.urls))] {
			if _, _, err := get(ctx, c, u); err != nil {
				return nil, err
			}
		}
		res := APIResult{Endpoint: e.name}
		var ds []time.Duration
		var bytes int64
		begin := time.Now()
		for _, u := range e.urls {
			if budget > 0 && time.Since(begin) > budget {
				break
			}
			start := time.Now()
			status, nb, err := get(ctx, c, u)
			ds = append(ds, time.Since(start))
			if err != nil {
				return nil, err
			}
			if status == http.StatusNotFound {
				res.NotFound++
			}
			bytes += nb
		}
		res.Latency = Summarize(ds)
		res.MeanBytes = float64(bytes) / float64(max(len(ds), 1))
		out = append(out, res)
	}
	return out, nil
}

// get requests u and reads the whole body, so that the connection is reused. Any status but
// 200 and 404 is an error.
func get(ctx context.Context, c *http.Client, u string) (status int, n int64, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, 0, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, 0, err
	}
	defer resp.Body.Close()
	n, err = io.Copy(io.Discard, resp.Body)
	if err != nil {
		return 0, 0, fmt.Errorf("GET %s: %w", u, err)
	}
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusNotFound {
		return 0, 0, fmt.Errorf("GET %s: %s", u, resp.Status)
	}
	return resp.StatusCode, n, nil
}
