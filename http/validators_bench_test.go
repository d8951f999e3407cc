package http_test

import (
	"io"
	"net/http"
	"testing"
)

// BenchmarkEntityPage_Validators measures the public entity page asked by 32 clients at once,
// in full and revalidated with its ETag (If-None-Match, answered 304 without a body), as a
// browser or a shared cache asks again: what validators save the server. req/s is requests a
// second over all clients.
//
//	go test ./http -run '^$' -bench EntityPage_Validators -benchtime 20000x
func BenchmarkEntityPage_Validators(b *testing.B) {
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
		etag string
		want int
	}{{"full", "", http.StatusOK}, {"revalidated", etag, http.StatusNotModified}} {
		b.Run(tc.name, func(b *testing.B) {
			c := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
			b.SetParallelism(16) // 32 clients on two cores
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					req, _ := http.NewRequest("GET", u, nil)
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
