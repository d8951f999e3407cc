package docfile

import (
	"context"
	"fmt"
	"regexp"

	"github.com/docketorg/docket"
)

// htmlAuthorMeta matches the meta elements of HTML that name a page's makers.
var htmlAuthorMeta = regexp.MustCompile(`(?is)<meta\b[^>]*\bname\s*=\s*["']?(author|creator|generator|publisher|last-modified-by|dc\.creator)\b[^>]*>`)

// PublicCopy returns the file as the public may be served it: without what names its makers
// (DOCX properties and the authors of comments and changes, PDF Info and XMP, image EXIF, an
// HTML page's author meta elements). format is the File's. An error means that no such copy
// can be made, and none must be served.
func PublicCopy(ctx context.Context, format string, data []byte) ([]byte, error) {
	switch format {
	case docket.FormatText:
		return data, nil
	case docket.FormatHTML:
		return htmlAuthorMeta.ReplaceAll(data, nil), nil
	case docket.FormatDOCX:
		return stripDOCX(data)
	case docket.FormatPDF:
		return stripPDF(ctx, data)
	case docket.FormatImage:
		return stripImage(sniff(data), data)
	}
	return nil, fmt.Errorf("no public copy of a %s document", format)
}
