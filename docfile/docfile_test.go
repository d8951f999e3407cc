package docfile_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/docfile"
	"github.com/docketorg/docket/internal/needs"
	"github.com/signintech/gopdf"
)

var ctx = context.Background()

// need fails in CI, and skips elsewhere, when an outside tool is missing.
func need(tb testing.TB, tools ...string) {
	tb.Helper()
	needs.Tool(tb, "apt-get install poppler-utils tesseract-ocr", tools...)
}

const releaseText = "Almaty, 3 March 2023. Judge Marat Ospanov of the Medeu District Court sentenced the blogger Daniyar Seitkali."

// MakePDF writes a PDF of lines of text, one page each, with Info naming its author.
func MakePDF(tb testing.TB, author string, pages ...string) []byte {
	tb.Helper()
	pdf := gopdf.GoPdf{}
	pdf.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4})
	pdf.SetInfo(gopdf.PdfInfo{Author: author, Creator: author + "'s Word", Title: "Press release"})
	if err := pdf.AddTTFFont("dv", filepath.Join("..", "report", "fonts", "DejaVuSans.ttf")); err != nil {
		tb.Fatal(err)
	}
	if err := pdf.SetFont("dv", "", 11); err != nil {
		tb.Fatal(err)
	}
	for _, p := range pages {
		pdf.AddPage()
		y := 60.0
		for _, l := range wrap(p, 80) {
			pdf.SetXY(50, y)
			pdf.Cell(nil, l)
			y += 16
		}
	}
	var b bytes.Buffer
	if _, err := pdf.WriteTo(&b); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func wrap(s string, n int) []string {
	var out []string
	line := ""
	for _, w := range strings.Fields(s) {
		if len(line)+len(w) > n {
			out = append(out, line)
			line = ""
		}
		line = strings.TrimSpace(line + " " + w)
	}
	return append(out, line)
}

// scan makes a PDF of images of the text's pages, with no text layer, as a scanner does.
func scan(tb testing.TB, text []byte) []byte {
	tb.Helper()
	cmd := exec.Command("pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", "-")
	cmd.Stdin = bytes.NewReader(text)
	img, err := cmd.Output()
	if err != nil {
		tb.Fatal(err)
	}
	pdf := gopdf.GoPdf{}
	pdf.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4})
	pdf.AddPage()
	h, err := gopdf.ImageHolderByBytes(img)
	if err != nil {
		tb.Fatal(err)
	}
	if err := pdf.ImageByHolder(h, 0, 0, gopdf.PageSizeA4); err != nil {
		tb.Fatal(err)
	}
	var b bytes.Buffer
	pdf.WriteTo(&b)
	return b.Bytes()
}

// noTempFiles fails the test if a regular file appears under TMPDIR while fn runs: a
// confidential document must leave no clear-text copy on disk.
func noTempFiles(t *testing.T, fn func()) {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	var seen atomic.Value
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					seen.Store(p)
				}
				return nil
			})
			select {
			case <-stop:
				return
			case <-time.After(200 * time.Microsecond):
			}
		}
	}()
	fn()
	close(stop)
	<-done
	if p := seen.Load(); p != nil {
		t.Fatalf("a file was written while reading the document: %s", p)
	}
	if es, _ := os.ReadDir(dir); len(es) != 0 {
		t.Fatalf("reading the document left %d entries in TMPDIR", len(es))
	}
}

func TestRead_PDF(t *testing.T) {
	need(t, "pdftotext", "pdfinfo", "pdftocairo")
	pdf := MakePDF(t, "Aigerim Secret-Author", releaseText, "Page two: Кенжалиев.")
	var f *docfile.File
	noTempFiles(t, func() {
		var err error
		if f, err = docfile.Read(ctx, "release.pdf", pdf, docfile.Options{}); err != nil {
			t.Fatal(err)
		}
	})
	if f.Format != docket.FormatPDF || f.OCR != "" || !strings.Contains(f.Text, "Marat Ospanov") || !strings.Contains(f.Text, "Кенжалиев") {
		t.Fatalf("Read(pdf) = %+v", f)
	}
	pub, err := docfile.PublicCopy(ctx, f.Format, pdf)
	if err != nil {
		t.Fatal(err)
	}
	if info := pdfinfo(t, pub); strings.Contains(info, "Secret-Author") || !strings.Contains(pdfinfo(t, pdf), "Secret-Author") {
		t.Fatalf("the public copy of the PDF still names its author:\n%s", info)
	}
	again, err := docfile.Read(ctx, "public.pdf", pub, docfile.Options{})
	if err != nil || !strings.Contains(again.Text, "Marat Ospanov") {
		t.Fatalf("the public copy lost its text: %v %q", err, again)
	}
}

// pdfinfo is what pdfinfo says of a PDF, with its XMP metadata.
func pdfinfo(tb testing.TB, pdf []byte) string {
	var all string
	for _, args := range [][]string{{"-"}, {"-meta", "-"}} {
		cmd := exec.Command("pdfinfo", args...)
		cmd.Stdin = bytes.NewReader(pdf)
		out, err := cmd.CombinedOutput()
		if err != nil {
			tb.Fatalf("pdfinfo: %v: %s", err, out)
		}
		all += string(out)
	}
	return all
}

func TestRead_ScanByOCR(t *testing.T) {
	need(t, "pdftotext", "pdfinfo", "pdftoppm", "tesseract")
	scanned := scan(t, MakePDF(t, "Ana", releaseText))
	var stages []string
	var f *docfile.File
	noTempFiles(t, func() {
		var err error
		f, err = docfile.Read(ctx, "scan.pdf", scanned, docfile.Options{Progress: func(stage string, done, total int) {
			stages = append(stages, stage)
		}})
		if err != nil {
			t.Fatal(err)
		}
	})
	if f.OCR == "" || !strings.Contains(f.Text, "Ospanov") || !strings.Contains(f.Text, "Seitkali") {
		t.Fatalf("OCR of a scan = %+v", f)
	}
	if !strings.Contains(strings.Join(stages, " "), "ocr") {
		t.Fatalf("no progress of the OCR was told: %v", stages)
	}
	// Without Tesseract, the scan is refused with what to install.
	bin := t.TempDir()
	for _, tool := range []string{"pdftotext", "pdfinfo", "pdftoppm"} {
		p, _ := exec.LookPath(tool)
		os.Symlink(p, filepath.Join(bin, tool))
	}
	t.Setenv("PATH", bin)
	_, err := docfile.Read(ctx, "scan.pdf", scanned, docfile.Options{})
	if err == nil || !strings.Contains(err.Error(), "scan.pdf") || !strings.Contains(err.Error(), "tesseract-ocr") {
		t.Fatalf("a scan without Tesseract: %v", err)
	}
}

// TestOCRLangs: scans are read in Russian, Kazakh and English, so CI (scripts/test) must
// have Tesseract's data for all three; a missing one would read a Kazakh scan as gibberish.
func TestOCRLangs(t *testing.T) {
	need(t, "tesseract")
	langs, err := docfile.OCRLangs()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range docfile.DefaultOCRLangs {
		if !slices.Contains(langs, l) {
			needs.Missing(t, "Tesseract has no %q data (have %v): apt-get install tesseract-ocr-%s", l, langs, l)
		}
	}
}

// docx builds a Word document: its body paragraphs, a footnote with a link, and properties
// and comments naming its author.
func docx(tb testing.TB, author string, paras ...string) []byte {
	tb.Helper()
	var body strings.Builder
	for i, p := range paras {
		body.WriteString(`<w:p><w:r><w:t xml:space="preserve">` + p + `</w:t></w:r>`)
		if i == 0 {
			body.WriteString(`<w:r><w:footnoteReference w:id="2"/></w:r><w:ins w:id="9" w:author="` + author + `" w:date="2023-03-03T10:00:00Z"><w:r><w:t> (added)</w:t></w:r></w:ins>`)
		}
		body.WriteString(`</w:p>`)
	}
	const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	parts := map[string]string{
		"[Content_Types].xml":           `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"word/document.xml":             `<?xml version="1.0"?><w:document ` + ns + `><w:body>` + body.String() + `</w:body></w:document>`,
		"word/footnotes.xml":            `<?xml version="1.0"?><w:footnotes ` + ns + `><w:footnote w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="2"><w:p><w:r><w:t>Source: </w:t></w:r><w:hyperlink r:id="rId1"><w:r><w:t>the court's press service</w:t></w:r></w:hyperlink></w:p></w:footnote></w:footnotes>`,
		"word/_rels/footnotes.xml.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/court/2023/03/03" TargetMode="External"/></Relationships>`,
		"word/comments.xml":             `<?xml version="1.0"?><w:comments ` + ns + `><w:comment w:id="1" w:author="` + author + `" w:initials="AS"><w:p><w:r><w:t>check</w:t></w:r></w:p></w:comment></w:comments>`,
		"docProps/core.xml":             `<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Verdict</dc:title><dc:creator>` + author + `</dc:creator><cp:lastModifiedBy>` + author + `</cp:lastModifiedBy></cp:coreProperties>`,
		"docProps/app.xml":              `<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Company>` + author + ` NGO</Company></Properties>`,
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, name := range []string{"[Content_Types].xml", "word/document.xml", "word/footnotes.xml", "word/_rels/footnotes.xml.rels", "word/comments.xml", "docProps/core.xml", "docProps/app.xml"} {
		w, _ := zw.Create(name)
		io.WriteString(w, parts[name])
	}
	zw.Close()
	return b.Bytes()
}

// unzipped is every entry of an archive, one after another.
func unzipped(tb testing.TB, b []byte) string {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		tb.Fatal(err)
	}
	var out strings.Builder
	for _, f := range zr.File {
		rc, _ := f.Open()
		io.Copy(&out, rc)
		rc.Close()
	}
	return out.String()
}

func TestRead_DOCX(t *testing.T) {
	d := docx(t, "Aigerim Secret-Author", "On 2 March 2023, Judge Marat Ospanov sentenced Daniyar Seitkali.", "The prosecutor had asked for five years.")
	var f *docfile.File
	noTempFiles(t, func() {
		var err error
		if f, err = docfile.Read(ctx, "release.docx", d, docfile.Options{}); err != nil {
			t.Fatal(err)
		}
	})
	want := "On 2 March 2023, Judge Marat Ospanov sentenced Daniyar Seitkali.[1] (added)\n\nThe prosecutor had asked for five years.\n\n" +
		"[1] Source: the court's press service https://example.org/court/2023/03/03\n"
	if f.Text != want || f.Format != docket.FormatDOCX || f.Title != "Verdict" {
		t.Fatalf("Read(docx) = %q (%s, %q), want %q", f.Text, f.Format, f.Title, want)
	}
	pub, err := docfile.PublicCopy(ctx, f.Format, d)
	if err != nil {
		t.Fatal(err)
	}
	if all := unzipped(t, pub); strings.Contains(all, "Secret-Author") || !strings.Contains(unzipped(t, d), "Secret-Author") {
		t.Fatalf("the public copy of the DOCX still names its author:\n%s", all)
	}
	if again, err := docfile.Read(ctx, "public.docx", pub, docfile.Options{}); err != nil || again.Text != want {
		t.Fatalf("the public copy reads %q, %v; want the same text", again.Text, err)
	}
}

func TestRead_BadInput(t *testing.T) {
	// A zip bomb disguised as a DOCX: 80 MB of spaces in word/document.xml, 80 kB compressed.
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	w, _ := zw.Create("word/document.xml")
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for range 80 {
		w.Write(chunk)
	}
	zw.Close()
	var xlsx bytes.Buffer
	zw = zip.NewWriter(&xlsx)
	w, _ = zw.Create("xl/workbook.xml")
	io.WriteString(w, "<workbook/>")
	zw.Close()
	ole := append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), make([]byte, 512)...)
	encrypted := append(append([]byte{}, ole...), []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e\x00")...)
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"bomb.docx", bomb.Bytes(), "zip bomb"},
		{"sheet.docx", xlsx.Bytes(), "a spreadsheet"},
		{"broken.docx", []byte("PK\x03\x04 this is not an archive"), "broken DOCX"},
		{"renamed.docx", []byte("just some text"), "not a DOCX"},
		{"locked.docx", encrypted, "encrypted"},
		{"old.doc", ole, "Word 97-2003"},
		{"empty.txt", []byte(" \n\t "), "is empty"},
		{"picture.gif", []byte("GIF89a\x01\x00\x01\x00"), "not a document Docket reads"},
		{"huge.txt", bytes.Repeat([]byte("a"), docket.MaxDocumentSize+1), "over the limit"},
		{"broken.pdf", []byte("%PDF-1.4\nthis is no PDF at all\n"), "broken or unreadable PDF"},
		{"fake.pdf", []byte("hello"), "not a PDF"},
		{"broken.png", []byte("\x89PNG\r\n\x1a\nnot an image"), "broken PNG"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if strings.HasSuffix(c.name, ".pdf") && strings.HasPrefix(string(c.data), "%PDF") {
				need(t, "pdfinfo")
			}
			_, err := docfile.Read(ctx, c.name, c.data, docfile.Options{})
			if err == nil || !strings.Contains(err.Error(), c.name) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Read(%s) = %v, want an error naming the file and %q", c.name, err, c.want)
			}
			if code := docket.ErrorCode(err); code != docket.EINVALID && code != docket.ETOOLARGE {
				t.Fatalf("Read(%s): code %s, want a user's error", c.name, code)
			}
		})
	}
	t.Run("encrypted.pdf", func(t *testing.T) {
		need(t, "pdfinfo", "pdftotext")
		pdf := gopdf.GoPdf{}
		pdf.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4, Protection: gopdf.PDFProtectionConfig{UseProtection: true, UserPass: []byte("secret"), OwnerPass: []byte("owner")}})
		pdf.AddTTFFont("dv", filepath.Join("..", "report", "fonts", "DejaVuSans.ttf"))
		pdf.SetFont("dv", "", 11)
		pdf.AddPage()
		pdf.Cell(nil, releaseText)
		var b bytes.Buffer
		pdf.WriteTo(&b)
		_, err := docfile.Read(ctx, "encrypted.pdf", b.Bytes(), docfile.Options{})
		if err == nil || !strings.Contains(err.Error(), "encrypted.pdf is encrypted") {
			t.Fatalf("Read(encrypted.pdf) = %v", err)
		}
	})
}

func TestPublicCopy_Image(t *testing.T) {
	need(t, "pdftoppm")
	cmd := exec.Command("pdftoppm", "-r", "40", "-jpeg", "-f", "1", "-l", "1", "-")
	cmd.Stdin = bytes.NewReader(MakePDF(t, "Ana", releaseText))
	img, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	// An EXIF segment naming the photographer, after the JPEG's start.
	exif := []byte("\xff\xe1\x00\x1eExif\x00\x00Artist: Secret-Author\x00\x00")
	withExif := append(append(append([]byte{}, img[:2]...), exif...), img[2:]...)
	pub, err := docfile.PublicCopy(ctx, docket.FormatImage, withExif)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(pub, []byte("Secret-Author")) || !bytes.HasPrefix(pub, []byte("\xff\xd8")) {
		t.Fatal("the public copy of the image keeps its EXIF")
	}
}
