package docfile

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/docketorg/docket"
)

// openZip opens a DOCX's ZIP archive, refusing one with too many entries or whose entries
// would decompress past MaxUnzipped by what its central directory says. archive/zip refuses
// to read an entry past the size the directory gives it, so a directory that lies cannot
// decompress more.
func openZip(what string, data []byte) (*zip.Reader, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, docket.Errorf(docket.EINVALID, "%s is a broken DOCX (not a readable ZIP archive): %v", what, err)
	}
	if len(zr.File) > maxZipEntries {
		return nil, docket.Errorf(docket.EINVALID, "%s has %d entries in its archive; a Word document has a few dozen", what, len(zr.File))
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > MaxUnzipped {
			return nil, zipBomb(what)
		}
		if f.Flags&0x1 != 0 {
			return nil, docket.Errorf(docket.EINVALID, "%s is encrypted: save a copy without the password and give that", what)
		}
	}
	return zr, nil
}

func zipBomb(what string) error {
	return docket.Errorf(docket.EINVALID, "%s decompresses to more than %d MB: refused (a zip bomb, or not a document)", what, MaxUnzipped>>20)
}

// zipFiles reads entries of an archive by name.
type zipFiles struct {
	what string
	zr   *zip.Reader
}

func (z *zipFiles) read(name string) ([]byte, error) {
	for _, f := range z.zr.File {
		if f.Name != name {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, docket.Errorf(docket.EINVALID, "%s is a broken DOCX: %s: %v", z.what, name, err)
		}
		defer rc.Close()
		b, err := io.ReadAll(rc)
		if err != nil {
			return nil, docket.Errorf(docket.EINVALID, "%s is a broken DOCX: %s: %v", z.what, name, err)
		}
		return b, nil
	}
	return nil, nil
}

func readDOCX(what string, data []byte) (*File, error) {
	zr, err := openZip(what, data)
	if err != nil {
		return nil, err
	}
	z := &zipFiles{what: what, zr: zr}
	body, err := z.read("word/document.xml")
	if err != nil {
		return nil, err
	} else if body == nil {
		kind := "a ZIP archive"
		for _, f := range zr.File {
			switch {
			case strings.HasPrefix(f.Name, "xl/"):
				kind = "a spreadsheet (.xlsx)"
			case strings.HasPrefix(f.Name, "ppt/"):
				kind = "a presentation (.pptx)"
			case f.Name == "content.xml":
				kind = "an OpenDocument file"
			}
		}
		return nil, docket.Errorf(docket.EINVALID, "%s is %s, not a Word document (.docx)", what, kind)
	}
	links := map[string]string{}
	for _, rels := range []string{"word/_rels/document.xml.rels", "word/_rels/footnotes.xml.rels", "word/_rels/endnotes.xml.rels"} {
		b, err := z.read(rels)
		if err != nil {
			return nil, err
		}
		readRels(b, links, rels)
	}
	w := &docxText{links: links, notes: map[string]int{}}
	if err := w.walk(body, false); err != nil {
		return nil, docket.Errorf(docket.EINVALID, "%s is a broken DOCX: word/document.xml: %v", what, err)
	}
	// Footnotes and endnotes follow the text, numbered as their markers are, where the
	// extraction of footnotes finds them with their URLs.
	for _, part := range []string{"word/footnotes.xml", "word/endnotes.xml"} {
		b, err := z.read(part)
		if err != nil {
			return nil, err
		}
		if b != nil {
			if err := w.notesOf(b); err != nil {
				return nil, docket.Errorf(docket.EINVALID, "%s is a broken DOCX: %s: %v", what, part, err)
			}
		}
	}
	text := w.text()
	if strings.TrimSpace(text) == "" {
		return nil, docket.Errorf(docket.EINVALID, "%s is an empty Word document: it has no text", what)
	}
	f := &File{Text: text, Format: docket.FormatDOCX, ContentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Encoding: "utf-8"}
	if core, err := z.read("docProps/core.xml"); err == nil && core != nil {
		f.Title = coreTitle(core)
	}
	return f, nil
}

// readRels reads a part's relationships: the targets of its external links.
func readRels(b []byte, links map[string]string, part string) {
	var rels struct {
		R []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
			Mode   string `xml:"TargetMode,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(b, &rels) != nil {
		return
	}
	for _, r := range rels.R {
		if r.Mode == "External" {
			links[path.Base(part)+"#"+r.ID] = r.Target
		}
	}
}

func coreTitle(b []byte) string {
	var core struct {
		Title string `xml:"title"`
	}
	xml.Unmarshal(b, &core)
	return strings.Join(strings.Fields(core.Title), " ")
}

// docxText renders WordprocessingML as text: a paragraph a line, blank lines between, tabs and
// breaks as they are, footnote references as [n].
type docxText struct {
	body     strings.Builder
	links    map[string]string // external links by part and relationship id
	notes    map[string]int    // footnote and endnote ids, numbered in the order their markers come
	n        int
	noteText map[string]string
}

const wordML = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
const relsNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

// walk renders a part. In notes, each note's text goes to noteText by its id.
func (w *docxText) walk(b []byte, notes bool) error {
	dec := xml.NewDecoder(bytes.NewReader(b))
	var out *strings.Builder = &w.body
	var cur strings.Builder
	noteID, link := "", ""
	var linkText strings.Builder
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space != wordML {
				continue
			}
			switch t.Name.Local {
			case "footnote", "endnote":
				if notes {
					noteID = attr(t, wordML, "id")
					cur.Reset()
					out = &cur
				}
			case "tab":
				out.WriteByte('\t')
			case "br", "cr":
				out.WriteByte('\n')
			case "hyperlink":
				link = ""
				if id := attr(t, relsNS, "id"); id != "" {
					part := "document.xml.rels"
					if notes {
						part = "footnotes.xml.rels"
					}
					link = w.links[part+"#"+id]
					if link == "" {
						link = w.links["endnotes.xml.rels#"+id]
					}
				}
				linkText.Reset()
			case "footnoteReference", "endnoteReference":
				id := t.Name.Local[:len(t.Name.Local)-len("Reference")] + ":" + attr(t, wordML, "id")
				if _, ok := w.notes[id]; !ok {
					w.n++
					w.notes[id] = w.n
				}
				fmt.Fprintf(out, "[%d]", w.notes[id])
			case "delText", "instrText":
				// Deleted words of tracked changes and field codes are not the document's text.
				dec.Skip()
			}
		case xml.EndElement:
			if t.Name.Space != wordML {
				continue
			}
			switch t.Name.Local {
			case "p":
				out.WriteString("\n\n")
			case "hyperlink":
				if notes && link != "" && !strings.Contains(linkText.String(), link) {
					out.WriteString(" " + link + " ")
				}
				link = ""
			case "footnote", "endnote":
				if notes {
					if w.noteText == nil {
						w.noteText = map[string]string{}
					}
					w.noteText[t.Name.Local+":"+noteID] = cur.String()
					out = &w.body
				}
			}
		case xml.CharData:
			out.Write(t)
			if link != "" {
				linkText.Write(t)
			}
		}
	}
}

func attr(t xml.StartElement, space, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local && (a.Name.Space == space || a.Name.Space == "") {
			return a.Value
		}
	}
	return ""
}

// notesOf reads the notes of a part and writes those the text refers to, by their numbers.
func (w *docxText) notesOf(b []byte) error {
	if err := w.walk(b, true); err != nil {
		return err
	}
	return nil
}

// text returns the document's text: its body, then its notes as "[n] text" lines.
func (w *docxText) text() string {
	tidy := func(s string) string {
		var out []string
		blank := true
		for _, l := range strings.Split(s, "\n") {
			l = strings.TrimRight(l, " \t")
			if strings.TrimSpace(l) == "" {
				if !blank {
					out = append(out, "")
				}
				blank = true
				continue
			}
			out = append(out, l)
			blank = false
		}
		return strings.TrimSpace(strings.Join(out, "\n"))
	}
	text := tidy(w.body.String())
	byNum := make([]string, w.n+1)
	for id, n := range w.notes {
		byNum[n] = id
	}
	var notes []string
	for n := 1; n <= w.n; n++ {
		if t := strings.Join(strings.Fields(w.noteText[byNum[n]]), " "); t != "" {
			notes = append(notes, "["+strconv.Itoa(n)+"] "+t)
		}
	}
	if len(notes) > 0 {
		text += "\n\n" + strings.Join(notes, "\n")
	}
	if text != "" {
		text += "\n"
	}
	return text
}

// authorAttrs are the attributes of WordprocessingML that name a person: the author and
// initials of comments and tracked changes, the accounts of people.xml.
var authorAttrs = regexp.MustCompile(`\b(w|w15|w16cid|w16du):(author|initials|userId|providerId|dateUtc)="[^"]*"`)

// emptyParts are the parts that describe the document's makers, replaced by empty ones.
var emptyParts = map[string]string{
	"docProps/core.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"></cp:coreProperties>`,
	"docProps/app.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"></Properties>`,
	"docProps/custom.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"></Properties>`,
}

// stripDOCX writes the archive anew: the core, extended and custom properties empty, the
// authors of comments, tracked changes and people's accounts blanked, the thumbnail left out.
func stripDOCX(data []byte) ([]byte, error) {
	zr, err := openZip("the DOCX", data)
	if err != nil {
		return nil, err
	}
	z := &zipFiles{what: "the DOCX", zr: zr}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "docProps/thumbnail") {
			// Kept out, and kept listed in the relationships: Word opens it all the same.
			continue
		}
		content, err := z.read(f.Name)
		if err != nil {
			return nil, err
		}
		if e, ok := emptyParts[f.Name]; ok {
			content = []byte(e)
		} else if strings.HasPrefix(f.Name, "word/") && strings.HasSuffix(f.Name, ".xml") {
			content = authorAttrs.ReplaceAll(content, []byte(`$1:$2=""`))
		}
		// The entry's own times would tell when the maker saved it: the zero time instead.
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(content); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
