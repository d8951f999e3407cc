// Package docfile reads the files researchers give Docket (plain text, HTML, PDF, Word's
// DOCX and scanned images) into text, and makes the copy of a file the public may be served:
// without author metadata (DOCX core and extended properties and the authors of comments and
// tracked changes, PDF Info and XMP, image EXIF).
//
// # Confidentiality
//
// A confidential document must leave no clear-text copy on disk. Nothing here writes the file
// or its text to a temporary file: DOCX and images are read in memory, and the outside tools
// (pdftotext, pdfinfo, pdftoppm and pdftocairo from poppler-utils; tesseract) read the bytes on
// standard input and write on standard output. Each tool runs with TMPDIR set to a private
// directory (mode 0700), removed as soon as it exits, in case it ever wants one.
//
// # Bad input
//
// Every refusal is a *docket.Error naming the file and the reason: an unknown or binary type,
// an encrypted or broken PDF or DOCX, a DOCX that decompresses past a bound (a zip bomb), an
// empty document, a scan too long to read, a missing tool (with the Debian package to
// install).
package docfile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/extract"
)

// File is a document read.
type File struct {
	Text        string // UTF-8: locators count its characters
	Title       string // the document's own title (HTML title, DOCX title), or ""
	Format      string // docket.FormatText, FormatHTML, FormatPDF, FormatDOCX or FormatImage
	ContentType string
	Encoding    string
	OCR         string // the Tesseract languages of a scan read by OCR, else ""
}

// Options of Read.
type Options struct {
	// Progress is told what is being done and how far: ("ocr", 3, 12) for the third page of
	// twelve read by OCR.
	Progress func(stage string, done, total int)
	// OCRLangs are the Tesseract languages a scan is read in, among those installed; by
	// default rus, kaz and eng.
	OCRLangs []string
	// MaxOCRPages bounds a scan read by OCR; by default 100 pages.
	MaxOCRPages int
}

// Limits.
const (
	// MaxUnzipped bounds what a DOCX may decompress to, in all: Word's XML of a long document
	// is a few megabytes; a file past this is refused as a possible zip bomb.
	MaxUnzipped = 64 << 20
	// maxZipEntries bounds the entries of a DOCX.
	maxZipEntries = 5000
)

// Timeouts of the outside tools, per run.
var (
	PDFTimeout = 60 * time.Second
	OCRTimeout = 120 * time.Second // one page
)

// Read turns a file into text. name (a file name or URL) helps tell the format only where the
// bytes do not: the bytes decide. ctx bounds the whole read.
func Read(ctx context.Context, name string, data []byte, opt Options) (*File, error) {
	what := display(name)
	switch {
	case len(data) > docket.MaxDocumentSize:
		return nil, docket.Errorf(docket.ETOOLARGE, "%s is %d bytes, over the limit of %d MB for a document", what, len(data), docket.MaxDocumentSize>>20)
	case len(bytes.TrimSpace(data)) == 0:
		return nil, docket.Errorf(docket.EINVALID, "%s is empty", what)
	}
	ext := strings.ToLower(filepath.Ext(name))
	if i := strings.IndexAny(ext, "?#"); i >= 0 {
		ext = ext[:i]
	}
	switch kind := sniff(data); kind {
	case "pdf":
		return readPDF(ctx, what, data, opt)
	case "zip":
		return readDOCX(what, data)
	case "ole":
		// Office's encrypted files are OLE containers, as are Word 97-2003 files.
		if bytes.Contains(data, utf16("EncryptedPackage")) {
			return nil, docket.Errorf(docket.EINVALID, "%s is encrypted (a password-protected Office file): save a copy without the password and give that", what)
		}
		return nil, docket.Errorf(docket.EINVALID, "%s is a Word 97-2003 (.doc) or other old Office file: save it as .docx or PDF and give that", what)
	case "png", "jpeg", "tiff":
		return readImage(ctx, what, kind, data, opt)
	case "":
	default:
		return nil, docket.Errorf(docket.EINVALID, "%s is a %s file, not a document Docket reads (text, HTML, PDF, DOCX, or a scan as PNG, JPEG or TIFF)", what, kind)
	}
	switch ext {
	case ".pdf":
		return nil, docket.Errorf(docket.EINVALID, "%s is not a PDF: it does not start with %%PDF-", what)
	case ".docx":
		return nil, docket.Errorf(docket.EINVALID, "%s is not a DOCX: it is not a ZIP archive", what)
	}
	doc, err := extract.Read(name, data)
	if err != nil {
		return nil, err
	}
	f := &File{Text: doc.Text, Title: doc.Title, Format: docket.FormatText, ContentType: "text/plain", Encoding: doc.Encoding}
	if doc.Format == extract.FormatHTML {
		f.Format, f.ContentType = docket.FormatHTML, "text/html"
	}
	return f, nil
}

// sniff names a file's type by its first bytes: "" for what may be text.
func sniff(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("%PDF-")):
		return "pdf"
	case bytes.HasPrefix(b, []byte("PK\x03\x04")), bytes.HasPrefix(b, []byte("PK\x05\x06")):
		return "zip"
	case bytes.HasPrefix(b, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		return "ole"
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return "png"
	case bytes.HasPrefix(b, []byte("\xff\xd8\xff")):
		return "jpeg"
	case bytes.HasPrefix(b, []byte("II*\x00")), bytes.HasPrefix(b, []byte("MM\x00*")):
		return "tiff"
	case bytes.HasPrefix(b, []byte("GIF8")):
		return "GIF image"
	case bytes.HasPrefix(b, []byte("\x1f\x8b")):
		return "gzip"
	case bytes.HasPrefix(b, []byte("7z\xbc\xaf\x27\x1c")):
		return "7-Zip"
	case bytes.HasPrefix(b, []byte("Rar!")):
		return "RAR"
	case bytes.HasPrefix(b, []byte("\x7fELF")), bytes.HasPrefix(b, []byte("MZ")):
		return "program"
	case len(b) > 12 && string(b[4:8]) == "ftyp":
		return "video"
	case bytes.HasPrefix(b, []byte("ID3")), bytes.HasPrefix(b, []byte("OggS")), bytes.HasPrefix(b, []byte("RIFF")):
		return "sound or video"
	}
	return ""
}

func utf16(s string) []byte {
	var b []byte
	for _, c := range s {
		b = append(b, byte(c), 0)
	}
	return b
}

func display(name string) string {
	if name == "" {
		return "the document"
	}
	return name
}

// ErrNoTool is the error of a missing outside tool; it names the Debian package.
type ErrNoTool struct{ Tool, Package, Why string }

func (e *ErrNoTool) Error() string {
	return fmt.Sprintf("%s is not installed: install %s (apt-get install %s) %s", e.Tool, e.Package, e.Package, e.Why)
}

// tool runs an outside program on stdin, returning its standard output, with a private TMPDIR
// removed as soon as it exits and a time-out. maxOut bounds what it may print.
func tool(ctx context.Context, timeout time.Duration, stdin []byte, maxOut int, name string, args ...string) ([]byte, string, error) {
	bin, err := exec.LookPath(name)
	if err != nil {
		return nil, "", err
	}
	tmp, err := os.MkdirTemp("", "docket-tool-")
	if err != nil {
		return nil, "", fmt.Errorf("private directory for %s: %w", name, err)
	}
	defer os.RemoveAll(tmp)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	// Only what the tools need: no proxy or other variables of the server's environment.
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "TMPDIR=" + tmp, "HOME=" + tmp, "OMP_THREAD_LIMIT=1", "LC_ALL=C.UTF-8"}
	cmd.Stdin = bytes.NewReader(stdin)
	out := &capped{max: maxOut}
	var stderr capped
	stderr.max = 64 << 10
	cmd.Stdout, cmd.Stderr = out, &stderr
	err = cmd.Run()
	if ctx.Err() != nil {
		return nil, "", errTimeout
	}
	if out.over {
		return nil, "", errTooMuch
	}
	return out.b.Bytes(), strings.TrimSpace(stderr.b.String()), err
}

var (
	errTimeout = errors.New("timed out")
	errTooMuch = errors.New("too much output")
)

// capped is a buffer that keeps at most max bytes and notes that more came.
type capped struct {
	b    bytes.Buffer
	max  int
	over bool
}

func (c *capped) Write(p []byte) (int, error) {
	if c.b.Len()+len(p) > c.max {
		c.over = true
		return 0, errTooMuch
	}
	return c.b.Write(p)
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 200 {
		s = s[:200]
	}
	return strings.ToValidUTF8(s, "?")
}

// textLayer reports whether text read from a PDF is the document's, rather than the few
// characters (page numbers, a scanner's stamp) of a scan: 20 visible characters a page.
func textLayer(text string, pages int) bool {
	n := 0
	for _, r := range text {
		if r > ' ' {
			n++
		}
	}
	return n >= 20*max(pages, 1)
}
