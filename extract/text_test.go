package extract

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/needs"
	"golang.org/x/text/encoding/charmap"
)

func TestText_Plain(t *testing.T) {
	in := "Warsaw, 11 February 2019\r\n\r\nThe court ruled.\r\n"
	got, err := Text("a.txt", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Warsaw, 11 February 2019\n\nThe court ruled.\n"; got != want {
		t.Fatalf("Text = %q, want %q", got, want)
	}
}

func TestText_Refused(t *testing.T) {
	junk := make([]byte, 200000)
	rand.New(rand.NewSource(1)).Read(junk)
	noNUL := bytes.ReplaceAll(junk, []byte{0}, []byte{1})
	for _, tc := range []struct {
		name string
		data []byte
		code string
		want string
	}{
		{"empty.txt", nil, docket.EINVALID, "empty"},
		{"blank.txt", []byte(" \n\t\n"), docket.EINVALID, "empty"},
		{"junk.bin", junk, docket.EINVALID, "binary"},
		{"junk-no-nul.bin", noNUL, docket.EINVALID, "binary"},
		{"utf16.txt", append([]byte{0xff, 0xfe}, []byte("h\x00i\x00")...), docket.EINVALID, "UTF-16"},
		{"huge.txt", bytes.Repeat([]byte("a"), MaxInput+1), docket.ETOOLARGE, "over the limit"},
		{"fake.pdf", []byte("this is not a PDF"), docket.EINVALID, "not a PDF"},
		{"scripts.html", []byte("<html><head><script>var x = 'Judge Fake';</script></head><body></body></html>"), docket.EINVALID, "no text"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Text(tc.name, tc.data)
			if err == nil {
				t.Fatalf("Text(%s) succeeded, want an error", tc.name)
			}
			if docket.ErrorCode(err) != tc.code || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Text(%s) = %v (code %s), want code %s and %q", tc.name, err, docket.ErrorCode(err), tc.code, tc.want)
			}
		})
	}
}

func TestText_Russian8bit(t *testing.T) {
	const ru = "Актауский городской суд оправдал активистку Айгуль Акбердиеву. Судья Гульнара Байтурова вынесла приговор 6 февраля."
	for _, tc := range []struct {
		cm   *charmap.Charmap
		name string
	}{{charmap.Windows1251, "windows-1251"}, {charmap.KOI8R, "koi8-r"}} {
		data, err := tc.cm.NewEncoder().Bytes([]byte(ru))
		if err != nil {
			t.Fatal(err)
		}
		d, err := Read("ru.txt", data)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if d.Text != ru || d.Encoding != tc.name {
			t.Fatalf("%s: read as %s: %q", tc.name, d.Encoding, d.Text)
		}
	}
}

func TestText_HTML(t *testing.T) {
	page := `<!DOCTYPE html><html><head><title>Activist acquitted | Monitor</title>
<style>p { color: red } .x:before { content: "Judge Style" }</style>
<script>var judge = "Judge Scripted Personov";</script></head>
<body><nav><a href="/">Home</a></nav>
<h1>Activist acquitted</h1>
<p>On 6 February 2019 the <b>Aktau City Court</b> acquitted
   the activist.<sup><a href="#fn1">1</a></sup></p>
<script>document.write("<p>Advertisement</p>")</script><noscript>Enable JavaScript</noscript>
<ol><li id="fn1"><a href="https://example.org/report">The report</a></li></ol>
</body></html>`
	d, err := Read("page.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Activist acquitted | Monitor" || d.Format != FormatHTML {
		t.Fatalf("title %q, format %s", d.Title, d.Format)
	}
	for _, bad := range []string{"Scripted", "Style", "Advertisement", "JavaScript", "color"} {
		if strings.Contains(d.Text, bad) {
			t.Errorf("text holds %q from a script, style or noscript:\n%s", bad, d.Text)
		}
	}
	for _, want := range []string{
		"Activist acquitted | Monitor\n",
		"\nOn 6 February 2019 the Aktau City Court acquitted the activist.1\n",
		"\n1. The report https://example.org/report\n",
	} {
		if !strings.Contains(d.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, d.Text)
		}
	}
	r := Extract(d.Text)
	if got := r.Sources(); len(got) != 1 || got[0] != "https://example.org/report" {
		t.Errorf("sources = %v, want the footnote's URL", got)
	}
}

// makePDF writes a minimal PDF with one line of Helvetica text per line given.
func makePDF(lines []string) []byte {
	var b bytes.Buffer
	var offs []int
	obj := func(s string) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), s)
	}
	b.WriteString("%PDF-1.4\n")
	var c bytes.Buffer
	c.WriteString("BT /F1 10 Tf 14 TL 56 780 Td\n")
	for _, l := range lines {
		l = strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(l)
		fmt.Fprintf(&c, "(%s) '\n", l)
	}
	c.WriteString("ET\n")
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj("<< /Type /Pages /Kids [4 0 R] /Count 1 >>")
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>")
	obj(fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", c.Len(), c.String()))
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return b.Bytes()
}

// needPDFTool skips without pdftotext on a developer's machine and fails in CI, where
// scripts/test installs poppler-utils.
func needPDFTool(t *testing.T) {
	t.Helper()
	needs.Tool(t, "apt-get install poppler-utils", "pdftotext")
}

func TestText_PDF(t *testing.T) {
	needPDFTool(t)
	pdf := makePDF([]string{"Atyrau, 15 May 2023", "", "On 2 May 2023 officers searched the office of the lawyer Yerbol Abenov."})
	d, err := Read("letter.pdf", pdf)
	if err != nil {
		t.Fatal(err)
	}
	if d.Format != FormatPDF || !strings.Contains(d.Text, "Atyrau, 15 May 2023") || !strings.Contains(d.Text, "lawyer Yerbol Abenov") {
		t.Fatalf("format %s, text %q", d.Format, d.Text)
	}
	r := Extract(d.Text)
	if r.Dateline != "2023-05-15" || r.Person("Yerbol Abenov") == nil {
		t.Fatalf("dateline %q, persons %v", r.Dateline, r.Persons)
	}
	// A broken PDF is an error that says so, not a crash.
	for _, broken := range [][]byte{[]byte("%PDF-1.4 garbage"), pdf[:len(pdf)/3]} {
		if _, err := Text("broken.pdf", broken); err != nil && !strings.Contains(err.Error(), "PDF") {
			t.Errorf("broken PDF: error %v does not say PDF", err)
		}
	}
	if _, err := Text("broken.pdf", []byte("%PDF-1.4 garbage")); err == nil {
		t.Error("a PDF of garbage was read")
	}
}

func TestText_PDFToolMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := Text("a.pdf", makePDF([]string{"text"}))
	if !errors.Is(err, ErrNoPDFTool) {
		t.Fatalf("Text without pdftotext = %v, want ErrNoPDFTool", err)
	}
}

func TestLower(t *testing.T) {
	var all strings.Builder
	for r := rune(0x400); r < 0x530; r++ {
		all.WriteRune(r)
	}
	for _, s := range []string{"Kenzhaliyev", "КЕНЖАЛИЕВ Ёлкин", "Ўладзімір Ўсенка", "Әлия Қасымова", "Sergueï", all.String(), "a\xffb"} {
		if got, want := lower(s), strings.ToLower(s); got != want {
			t.Errorf("lower(%q) = %q, want %q", s, got, want)
		}
	}
}

// A page's navigation, an aside outside its article and blocks whose class names them as
// related stories, sharing or tags are no part of the text: other stories' headlines name
// people and dates that are not this one's. An aside inside the article stays.
func TestText_HTMLChromeLeftOut(t *testing.T) {
	page := `<html><head><title>Court jails editor</title></head><body>
<nav class="menu"><a href="/">Home</a> <a href="/news">News</a></nav>
<main><article><h1>Court jails editor</h1>
<p>Osh, 3 May 2025. The Osh City Court sentenced the editor Tilek Abdiev to five years.</p>
<aside class="factbox"><p>Abdiev was detained on 2 February 2025.</p></aside>
<div class="share-buttons"><a href="#">Share on X</a></div>
<div class="related-links"><h3>Related</h3><ul><li><a href="https://example.org/a">Blogger Erlan Satybaldiev fined</a> 4 April 2025</li></ul></div>
</article></main>
<aside id="secondary"><ul><li><a href="https://example.org/b">Activist Nurlan Omurov detained</a></li></ul></aside>
<div class="post-navigation"><a href="https://example.org/c" rel="next">Poet Aida Kasymova questioned</a></div>
</body></html>`
	text, err := Text("page.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Tilek Abdiev to five years", "detained on 2 February 2025"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lost %q:\n%s", want, text)
		}
	}
	for _, not := range []string{"Home", "Share on X", "Satybaldiev", "Omurov", "Kasymova"} {
		if strings.Contains(text, not) {
			t.Errorf("text keeps %q:\n%s", not, text)
		}
	}
}
