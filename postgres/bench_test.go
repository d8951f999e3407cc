package postgres_test

import (
	"crypto/rand"
	"testing"
	"time"

	"github.com/docketorg/docket/internal/storetest"
)

// BenchmarkCasesTable: a sorted, filtered page of the Cases table of 100,000 cases.
//
//	DOCKET_TEST_POSTGRES_DSN=... go test ./postgres -run '^$' -bench CasesTable -benchtime 500x
func BenchmarkCasesTable(b *testing.B) {
	storetest.BenchCasesTable(b, MustOpenDB(b, storetest.NewClock().Now, storetest.Rand(1)), 100_000)
}

// BenchmarkCommit measures small writes, one fact a transaction (storetest.BenchCommit), on
// the test server ($DOCKET_TEST_POSTGRES_DSN).
//
//	go test ./postgres -run '^$' -bench Commit -benchtime 2000x
func BenchmarkCommit(b *testing.B) {
	storetest.BenchCommit(b, MustOpenDB(b, time.Now, rand.Reader))
}
