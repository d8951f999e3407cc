package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchText returns the plain-text documents of the corpus, repeated to about 1 MB.
func benchText(tb testing.TB) string {
	tb.Helper()
	files, err := filepath.Glob("../testdata/corpus/*.txt")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no corpus documents: %v", err)
	}
	var b strings.Builder
	for b.Len() < 1<<20 {
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				tb.Fatal(err)
			}
			text, err := Text(f, data)
			if err != nil {
				tb.Fatal(err)
			}
			b.WriteString(text)
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

// BenchmarkExtract measures extraction speed in MB/s on the corpus's documents.
func BenchmarkExtract(b *testing.B) {
	text := benchText(b)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Extract(text)
	}
}
