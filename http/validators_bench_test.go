package http_test

import (
	"io"
	"net/http"
	"testing"

	dockethttp "github.com/docketorg/docket/http"
)

// BenchmarkEntityPage_Validators measures the public entity page asked by 32 clients at once:
// made in full each time (the server's page cache off), held by the server (its page cache
// on, as serve has it), and revalidated with its ETag (If-None-Match, answered 304 without a
// body), as a browser or a shared cache asks again: what validators and the page cache save
// the server. req/s is requests a second over all clients.
//
//	go test ./http -run '^$' -bench EntityPage_Validators -benchtime 20000x
func BenchmarkEntityPage_Validators(b *testing.B) {
	_, full := MustOpenDemoServer(b, func(s *dockethttp.Server) { s.PageCacheBytes = 0 })
	_, s := MustOpenDemoServer(b)
	u := s.URL() + "/entity/person-akberdiyeva?lang=en"
	resp, err := http.Get(u)
	if err != nil {
		b.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	etag := resp.Header.Get("ETag")
	if etag == "" {
		b.Fatal("the public entity page has no ETag")
	}
	for _, tc := range []struct {
		name string
		url  string
		etag string
		want int
	}{
		{"full", full.URL() + "/entity/person-akberdiyeva?lang=en", "", http.StatusOK},
		{"held", u, "", http.StatusOK},
		{"revalidated", u, etag, http.StatusNotModified},
	} {
		b.Run(tc.name, func(b *testing.B) {
			c := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
			b.SetParallelism(16) // 32 clients on two cores
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					req, _ := http.NewRequest("GET", tc.url, nil)
					if tc.etag != "" {
						req.Header.Set("If-None-Match", tc.etag)
					}
					resp, err := c.Do(req)
					if err != nil {
						b.Error(err)
						return
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != tc.want {
						b.Errorf("status %d, want %d", resp.StatusCode, tc.want)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
		})
	}
}
