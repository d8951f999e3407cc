package postgres_test

import (
	"crypto/rand"
	"testing"
	"time"

	"github.com/docketorg/docket/internal/storetest"
)

// BenchmarkCommit measures small writes, one fact a transaction (storetest.BenchCommit), on
// the test server ($DOCKET_TEST_POSTGRES_DSN).
//
//	go test ./postgres -run '^$' -bench Commit -benchtime 2000x
func BenchmarkCommit(b *testing.B) {
	storetest.BenchCommit(b, MustOpenDB(b, time.Now, rand.Reader))
}
