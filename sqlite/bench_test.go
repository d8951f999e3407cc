package sqlite_test

import (
	"context"
	"crypto/rand"
	"fmt"
	"testing"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/storetest"
)

// BenchmarkImportLedger measures ledger appends counted with the writes they belong to: each
// iteration imports a transaction of 1,000 changes (an entity and its statements, as an
// import's batch holds them) into one growing store, with the change log, views, indexes,
// search index and ledger tiles. leaves/s is changes a second; every change is one leaf.
//
// Its confidential half records the same people as confidential: every statement is then
// sealed under the data key (XChaCha20-Poly1305, keyed search terms), side by side with the
// public half, to measure what encryption at rest costs.
//
//	go test ./sqlite -run '^$' -bench ImportLedger -benchtime 200x
func BenchmarkImportLedger(b *testing.B) {
	for _, sens := range []docket.Sensitivity{docket.Public, docket.Confidential} {
		b.Run(sens.String(), func(b *testing.B) { benchImport(b, sens) })
	}
}

func benchImport(b *testing.B, sens docket.Sensitivity) {
	ctx := context.Background()
	db := MustOpenDB(b, storetest.NewClock().Now, storetest.Rand(1))
	op := docket.Operator("bench")
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	const batch = 1000
	var n int
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		recs := make([]*docket.Record, 0, batch)
		for len(recs) < batch {
			e := fmt.Sprintf("p%d-%d", i, len(recs))
			recs = append(recs, &docket.Record{Kind: docket.KindEntity, Entity: &docket.Entity{ID: e, Schema: "Person", Sensitivity: sens, Author: "bench", CreatedAt: at}})
			for _, pv := range [][2]string{{"name", fmt.Sprintf("Gulnara Baiturova %d %d", i, len(recs))}, {"occupation", "judge"}, {"birthDate", "1971-03-04"}, {"country", "kz"}} {
				recs = append(recs, &docket.Record{Kind: docket.KindStatement, Statement: &docket.Statement{
					ID: fmt.Sprintf("s%d-%d", i, len(recs)), Entity: e, Property: pv[0], Value: pv[1], Status: docket.Draft,
					Sensitivity: sens, Author: "bench", CreatedAt: at, Salt: fmt.Sprintf("%032x", n+len(recs))}})
			}
		}
		j := 0
		if _, err := db.Import(ctx, op, func() (*docket.Record, error) {
			if j == len(recs) {
				return nil, nil
			}
			j++
			return recs[j-1], nil
		}, nil); err != nil {
			b.Fatal(err)
		}
		n += len(recs)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "leaves/s")
}

// BenchmarkFindEntity reads a person with twenty statements, as the entity page does, public
// and confidential (sealed: each statement opened with the data key) side by side.
//
//	go test ./sqlite -run '^$' -bench FindEntity
func BenchmarkFindEntity(b *testing.B) {
	for _, sens := range []docket.Sensitivity{docket.Public, docket.Confidential} {
		b.Run(sens.String(), func(b *testing.B) {
			ctx := context.Background()
			db := MustOpenDB(b, storetest.NewClock().Now, storetest.Rand(1))
			op := docket.Operator("bench")
			e, _ := storetest.MustNamedPerson(b, db, sens)
			for b.Loop() {
				got, err := db.FindEntityByID(ctx, op, e.ID)
				if err != nil || len(got.Statements) != 20 || got.Statements[0].Locked {
					b.Fatalf("FindEntityByID = %v, %v", got, err)
				}
			}
		})
	}
}

// BenchmarkCasesTable: a sorted, filtered page of the Cases table of 100,000 cases.
//
//	go test ./sqlite -run '^$' -bench CasesTable -benchtime 500x
func BenchmarkCasesTable(b *testing.B) {
	storetest.BenchCasesTable(b, MustOpenDB(b, storetest.NewClock().Now, storetest.Rand(1)), 100_000)
}

// BenchmarkCommit measures small writes, one fact a transaction (storetest.BenchCommit).
//
//	go test ./sqlite -run '^$' -bench Commit -benchtime 2000x
func BenchmarkCommit(b *testing.B) {
	storetest.BenchCommit(b, MustOpenDB(b, time.Now, rand.Reader))
}
