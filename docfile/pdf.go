package docfile

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/extract"
)

var noPoppler = &ErrNoTool{Tool: "pdftotext", Package: "poppler-utils", Why: "to read PDF documents"}

// pdfInfo is what pdfinfo says of a PDF.
type pdfInfo struct {
	pages     int
	encrypted bool
	fields    map[string]string // Author, Creator, Title...
	metadata  bool              // an XMP metadata stream
}

// readPDFInfo runs pdfinfo on the PDF.
func readPDFInfo(ctx context.Context, what string, data []byte) (*pdfInfo, error) {
	out, stderr, err := tool(ctx, PDFTimeout, data, 1<<20, "pdfinfo", "-")
	if err := pdfError(what, stderr, err); err != nil {
		return nil, err
	}
	info := &pdfInfo{fields: map[string]string{}}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		switch k {
		case "Pages":
			info.pages, _ = strconv.Atoi(v)
		case "Encrypted":
			info.encrypted = strings.HasPrefix(v, "yes")
		case "Metadata Stream":
			info.metadata = v == "yes"
		default:
			info.fields[k] = v
		}
	}
	return info, nil
}

// pdfError turns a poppler tool's failure into an error naming the file and the reason.
func pdfError(what, stderr string, err error) error {
	var ee *exec.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ee) || errors.Is(err, exec.ErrNotFound):
		return noPoppler
	case errors.Is(err, errTimeout):
		return docket.Errorf(docket.EINVALID, "%s: reading the PDF took longer than %s", what, PDFTimeout)
	case errors.Is(err, errTooMuch):
		return docket.Errorf(docket.ETOOLARGE, "%s: its text is over the limit of %d MB", what, docket.MaxDocumentSize>>20)
	case strings.Contains(stderr, "Incorrect password") || strings.Contains(stderr, "encrypted"):
		return docket.Errorf(docket.EINVALID, "%s is encrypted (protected by a password): save a copy without the password and give that", what)
	}
	why := "the PDF reader could not read it"
	if stderr != "" {
		why = firstLine(stderr)
	}
	return docket.Errorf(docket.EINVALID, "%s is a broken or unreadable PDF: %s", what, why)
}

func readPDF(ctx context.Context, what string, data []byte, opt Options) (*File, error) {
	info, err := readPDFInfo(ctx, what, data)
	if err != nil {
		return nil, err
	}
	if info.pages == 0 {
		return nil, docket.Errorf(docket.EINVALID, "%s is a broken PDF: it has no pages", what)
	}
	if opt.Progress != nil {
		opt.Progress("text", 0, info.pages)
	}
	out, stderr, err := tool(ctx, PDFTimeout, data, docket.MaxDocumentSize, "pdftotext", "-layout", "-enc", "UTF-8", "-", "-")
	if err := pdfError(what, stderr, err); err != nil {
		return nil, err
	}
	if !utf8.Valid(out) {
		return nil, docket.Errorf(docket.EINVALID, "%s: the PDF's text is not UTF-8", what)
	}
	text := extract.JoinPages(strings.ReplaceAll(string(out), "\r\n", "\n"))
	f := &File{Text: text, Title: info.fields["Title"], Format: docket.FormatPDF, ContentType: "application/pdf", Encoding: "utf-8"}
	if textLayer(text, info.pages) {
		return f, nil
	}
	// A scan: every page is an image. Each is rendered and read by Tesseract in turn, in memory.
	if info.pages > maxPages(opt) {
		return nil, docket.Errorf(docket.EINVALID, "%s is a scan of %d pages with no text layer: Docket reads at most %d pages by OCR; split it", what, info.pages, maxPages(opt))
	}
	langs, err := ocrLangs(opt)
	if err != nil {
		return nil, fmt.Errorf("%s has no text layer (a scan?), and cannot be read by OCR: %w", what, err)
	}
	var b strings.Builder
	for p := 1; p <= info.pages; p++ {
		if opt.Progress != nil {
			opt.Progress("ocr", p-1, info.pages)
		}
		n := strconv.Itoa(p)
		img, stderr, err := tool(ctx, PDFTimeout, data, 256<<20, "pdftoppm", "-r", "300", "-gray", "-png", "-f", n, "-l", n, "-")
		if err := pdfError(what, stderr, err); err != nil {
			return nil, err
		}
		t, err := ocr(ctx, fmt.Sprintf("%s, page %d", what, p), img, langs)
		if err != nil {
			return nil, err
		}
		if p > 1 {
			b.WriteString("\n")
		}
		b.WriteString(t)
	}
	if opt.Progress != nil {
		opt.Progress("ocr", info.pages, info.pages)
	}
	f.Text, f.OCR = b.String(), strings.Join(langs, "+")
	if strings.TrimSpace(f.Text) == "" {
		return nil, docket.Errorf(docket.EINVALID, "%s has no text layer, and OCR found no text on its %d pages", what, info.pages)
	}
	return f, nil
}

func maxPages(opt Options) int {
	if opt.MaxOCRPages > 0 {
		return opt.MaxOCRPages
	}
	return 100
}

// stripPDF writes the PDF anew through cairo, which carries over the pages and their text
// but not the document's Info dictionary, its XMP metadata, attachments, forms or scripts;
// then it checks with pdfinfo that no author field or metadata stream is left.
func stripPDF(ctx context.Context, data []byte) ([]byte, error) {
	out, stderr, err := tool(ctx, PDFTimeout, data, 2*docket.MaxDocumentSize, "pdftocairo", "-pdf", "-", "-")
	if err := pdfError("the PDF", stderr, err); err != nil {
		return nil, err
	}
	info, err := readPDFInfo(ctx, "the PDF without metadata", out)
	if err != nil {
		return nil, err
	}
	for _, k := range []string{"Author", "Title", "Subject", "Keywords", "Creator"} {
		if info.fields[k] != "" {
			return nil, fmt.Errorf("the PDF written anew still has its %s", k)
		}
	}
	if info.metadata {
		return nil, errors.New("the PDF written anew still has a metadata stream")
	}
	return out, nil
}
