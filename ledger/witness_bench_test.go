package ledger_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

var (
	millionOnce sync.Once
	million     *memLog
)

// BenchmarkWitness_AddCheckpoint: a witness answering add-checkpoint for a log of a million
// leaves, on a real SQLite store: parse, check the log's signature, check the consistency
// proof from the last tree cosigned, move its size (a write transaction, synced), cosign.
// Each request grows the log by one leaf. "call" is the witness itself, "http" the same
// through a real HTTP server on 127.0.0.1.
//
//	go test ./ledger -run '^$' -bench Witness_AddCheckpoint -benchtime 200x
func BenchmarkWitness_AddCheckpoint(b *testing.B) {
	millionOnce.Do(func() {
		million = &memLog{}
		million.grow(b, 1_000_000, "leaf ")
	})
	for _, via := range []string{"call", "http"} {
		b.Run(via, func(b *testing.B) {
			ctx := context.Background()
			db := openStore(b)
			w, _ := newWitness(b, db, "bench.witness")
			k := newKey(b, "bench.log")
			if _, err := db.AddWitnessedLog(ctx, k.Origin(), k.Verifier); err != nil {
				b.Fatal(err)
			}
			log := million
			old := log.n
			if _, err := w.AddCheckpoint(ctx, log.request(b, k, 0, old)); err != nil {
				b.Fatal(err)
			}
			log.grow(b, int64(b.N), "leaf ")
			bodies := make([][]byte, b.N)
			for i := range bodies {
				bodies[i] = log.request(b, k, old+int64(i), old+int64(i)+1)
			}
			add := func(body []byte) error { _, err := w.AddCheckpoint(ctx, body); return err }
			if via == "http" {
				srv := httptest.NewServer(w)
				defer srv.Close()
				add = func(body []byte) error {
					res, err := http.Post(srv.URL, "text/plain", strings.NewReader(string(body)))
					if err != nil {
						return err
					}
					res.Body.Close()
					if res.StatusCode != 200 {
						b.Fatalf("add-checkpoint: %s", res.Status)
					}
					return nil
				}
			}
			b.ResetTimer()
			for i := range b.N {
				if err := add(bodies[i]); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			if l, _ := db.FindWitnessedLog(ctx, k.Origin()); l.Size != old+int64(b.N) {
				b.Fatalf("the witness is at %d, want %d", l.Size, old+int64(b.N))
			}
		})
	}
}
