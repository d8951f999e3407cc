package docket

import (
	"context"
	"strings"
	"time"
)

// KindDocument is the change record kind of a Document.
const KindDocument = "document"

// Document is a file a researcher gave Docket to read (a press release, a verdict, testimony),
// kept in the store: its bytes and the text read from them, content-addressed by SHA-256 as a
// snapshot's body is, and the source that cites it. A document is as secret as its source: a
// viewer who may not see the source does not know the document exists. Proposals made from it
// are draft statements citing that source, with locators ("chars 120-146") into its text.
type Document struct {
	ID          string `json:"id"`
	Source      string `json:"source"`       // the source the document is
	Name        string `json:"name"`         // the file's name as given, or the URL it came from
	ContentType string `json:"content_type"` // the media type it was read as
	Format      string `json:"format"`       // text, html, pdf, docx or image
	Encoding    string `json:"encoding,omitempty"`
	// OCR names the languages Tesseract read a scan in ("rus+kaz+eng"); empty for a document
	// with a text layer.
	OCR        string `json:"ocr,omitempty"`
	SHA256     string `json:"sha256"` // of the file
	Size       int64  `json:"size"`
	TextSHA256 string `json:"text_sha256"` // of the text read from it: locators count its characters
	Chars      int    `json:"chars"`
	// PublicSHA256 is the file without its author metadata (DOCX properties, PDF Info and XMP,
	// image EXIF): the only copy the public is ever served. Empty when no such copy can be made.
	PublicSHA256 string    `json:"public_sha256,omitempty"`
	Author       string    `json:"author"`
	CreatedAt    time.Time `json:"created"`
	// Salt is random, made for a document of a confidential source when it is recorded: the
	// ledger commits to the SHA-256 of the record in the clear, which without it would confirm
	// a guess of the file (and its name) to whoever holds the store.
	Salt string `json:"salt,omitempty"`
	// Sealed holds, for a document of a confidential source, everything above but its id, its
	// source, its author and its time, encrypted under the store's data key; SHA256,
	// TextSHA256 and PublicSHA256 then name the sealed content (keyed terms), not the content.
	Sealed *Sealed `json:"sealed,omitempty"`

	// Derived.
	Seq    int64 `json:"-"`
	Locked bool  `json:"locked,omitempty"` // sealed, and the store has not the key to open it
}

// Document formats.
const (
	FormatText  = "text"
	FormatHTML  = "html"
	FormatPDF   = "pdf"
	FormatDOCX  = "docx"
	FormatImage = "image"
)

// MaxDocumentSize caps the file of a document, as it caps what ingest reads.
const MaxDocumentSize = 20 << 20

// Blobs returns the content a document needs stored: its file, its text and its public copy.
func (d *Document) Blobs() []string {
	out := []string{d.SHA256, d.TextSHA256}
	if d.PublicSHA256 != "" && d.PublicSHA256 != d.SHA256 {
		out = append(out, d.PublicSHA256)
	}
	return out
}

func (r *Record) checkDocument(ctx context.Context, lk Lookup) error {
	d := r.Document
	if err := checkStamp("document", d.ID, d.Author, d.CreatedAt); err != nil {
		return err
	}
	if d.Sealed != nil {
		return d.checkSealed(ctx, lk)
	}
	d.Name = strings.TrimSpace(d.Name)
	if d.Name == "" || len(d.Name) > MaxStringLen {
		return Errorf(EINVALID, "document %s: a name of 1 to %d bytes is required", d.ID, MaxStringLen)
	} else if err := CheckText(d.Name, false); err != nil {
		return Errorf(EINVALID, "document %s: name: %s", d.ID, ErrorMessage(err))
	}
	switch d.Format {
	case FormatText, FormatHTML, FormatPDF, FormatDOCX, FormatImage:
	default:
		return Errorf(EINVALID, "document %s: unknown format %q", d.ID, d.Format)
	}
	for _, f := range []string{d.ContentType, d.Encoding, d.OCR} {
		if len(f) > 100 {
			return Errorf(EINVALID, "document %s: a content type, encoding or OCR language is over 100 bytes", d.ID)
		} else if err := CheckText(f, false); err != nil {
			return Errorf(EINVALID, "document %s: %s", d.ID, ErrorMessage(err))
		}
	}
	if d.Salt != "" && !validSalt(d.Salt) {
		return Errorf(EINVALID, "document %s: a salt is %d hex digits", d.ID, 2*SaltSize)
	}
	if d.Size < 0 || d.Size > MaxDocumentSize || d.Chars < 0 {
		return Errorf(EINVALID, "document %s: size %d out of range", d.ID, d.Size)
	}
	if ok, err := lk.LookupSource(ctx, d.Source); err != nil {
		return err
	} else if !ok {
		return Errorf(EINVALID, "document %s: no source %q", d.ID, d.Source)
	}
	if d.SHA256 == "" || d.TextSHA256 == "" {
		return Errorf(EINVALID, "document %s: the SHA-256 of its file and of its text are required", d.ID)
	}
	for _, h := range d.Blobs() {
		if ok, err := lk.LookupBlob(ctx, h); err != nil {
			return err
		} else if !ok {
			return Errorf(EINVALID, "document %s: no stored content with SHA-256 %s (a blob record must come first)", d.ID, h)
		}
	}
	return nil
}

// checkSealed checks a sealed document: its name, format and what was read of it are sealed,
// checked when it was written, and must be empty here; its content must be stored, by the
// keyed terms it names.
func (d *Document) checkSealed(ctx context.Context, lk Lookup) error {
	what := "document " + d.ID
	if err := d.Sealed.check(what); err != nil {
		return err
	}
	if d.Name != "" || d.ContentType != "" || d.Format != "" || d.Encoding != "" || d.OCR != "" || d.Size != 0 || d.Chars != 0 || d.Salt != "" {
		return Errorf(EINVALID, "%s is sealed, yet has its name, format or size in the clear", what)
	}
	if ok, err := lk.LookupSource(ctx, d.Source); err != nil {
		return err
	} else if !ok {
		return Errorf(EINVALID, "%s: no source %q", what, d.Source)
	}
	if d.SHA256 == "" || d.TextSHA256 == "" {
		return Errorf(EINVALID, "%s: the keyed terms of its file and of its text are required", what)
	}
	return checkSealedContent(ctx, lk, what, d.Blobs())
}

// DocumentFilter selects documents. Nil fields match everything.
type DocumentFilter struct {
	ID     *string
	Source *string // documents of this source
	SHA256 *string // documents of these bytes: the same file given again
	// Offset and Limit page the documents, newest first.
	Offset, Limit int
}

// DocumentPart names what of a document to read.
type DocumentPart int

// Parts of a document.
const (
	DocumentText   DocumentPart = iota // the text read from it
	DocumentFile                       // the file as given, with its author metadata: staff only
	DocumentPublic                     // the file without author metadata
)

// DocumentService keeps documents, and writes what is made of one in a single transaction.
type DocumentService interface {
	// FindDocumentByID returns ENOTFOUND when v may not see the document's source.
	FindDocumentByID(ctx context.Context, v Viewer, id string) (*Document, error)
	// FindDocuments returns the documents v may see, newest first, and their total.
	FindDocuments(ctx context.Context, v Viewer, f DocumentFilter) ([]*Document, int, error)
	// DocumentContent returns a part of a document v may see. The file as given is for staff:
	// the public is told there is none (ENOTFOUND), as for a document without a public copy.
	DocumentContent(ctx context.Context, v Viewer, id string, part DocumentPart) ([]byte, error)
	// Write records in one transaction as v: sources, entities, statements, documents and
	// snapshots, each after the blobs it needs. The store gives every new record an id of its
	// own making and rewrites the batch's references to it; it stamps author and time; a
	// statement is a draft unless v may review. Every source, entity and reference must be
	// in the batch or visible to v. Needs the researcher role; the first record that breaks a
	// rule writes nothing, and the error names it.
	Write(ctx context.Context, v Viewer, recs []*Record) error
}
