package ingest

import "github.com/docketorg/docket/extract"

// SetExtract replaces extraction until restore is called.
func SetExtract(f func(string) *extract.Result) (restore func()) {
	prev := extractText
	extractText = f
	return func() { extractText = prev }
}
