package docfile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"

	"github.com/docketorg/docket"
)

var noTesseract = &ErrNoTool{Tool: "tesseract", Package: "tesseract-ocr tesseract-ocr-rus tesseract-ocr-kaz", Why: "to read scans"}

// DefaultOCRLangs are the languages a scan is read in: the region's documents are in Russian,
// Kazakh and English.
var DefaultOCRLangs = []string{"rus", "kaz", "eng"}

// installed keeps the languages Tesseract has, by PATH: asked once, not before every page.
var installed struct {
	sync.Mutex
	langs map[string][]string
}

// OCRLangs returns the Tesseract languages installed, or the error that Tesseract is missing.
func OCRLangs() ([]string, error) {
	path := os.Getenv("PATH")
	installed.Lock()
	defer installed.Unlock()
	if l, ok := installed.langs[path]; ok {
		return l, nil
	}
	out, _, err := tool(context.Background(), OCRTimeout, nil, 1<<20, "tesseract", "--list-langs")
	var ee *exec.Error
	if errors.As(err, &ee) {
		return nil, noTesseract
	} else if err != nil {
		return nil, fmt.Errorf("tesseract --list-langs: %w", err)
	}
	var langs []string
	for _, l := range strings.Split(string(out), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.Contains(l, " ") && l != "osd" {
			langs = append(langs, l)
		}
	}
	if installed.langs == nil {
		installed.langs = map[string][]string{}
	}
	installed.langs[path] = langs
	return langs, nil
}

// ocrLangs returns the languages to read a scan in: those asked for that are installed.
func ocrLangs(opt Options) ([]string, error) {
	have, err := OCRLangs()
	if err != nil {
		return nil, err
	}
	want := opt.OCRLangs
	if len(want) == 0 {
		want = DefaultOCRLangs
	}
	var out []string
	for _, l := range want {
		if slices.Contains(have, l) {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return nil, &ErrNoTool{Tool: "Tesseract's data for " + strings.Join(want, ", "), Package: "tesseract-ocr-rus tesseract-ocr-kaz tesseract-ocr-eng", Why: "to read scans"}
	}
	return out, nil
}

// ocr reads the text of one image (PNG, JPEG or TIFF) with Tesseract, in memory.
func ocr(ctx context.Context, what string, img []byte, langs []string) (string, error) {
	out, stderr, err := tool(ctx, OCRTimeout, img, 4<<20, "tesseract", "stdin", "stdout", "-l", strings.Join(langs, "+"), "--psm", "3")
	var ee *exec.Error
	switch {
	case errors.As(err, &ee):
		return "", noTesseract
	case errors.Is(err, errTimeout):
		return "", docket.Errorf(docket.EINVALID, "%s: OCR took longer than %s", what, OCRTimeout)
	case err != nil:
		return "", docket.Errorf(docket.EINVALID, "%s: OCR could not read it: %s", what, firstLine(stderr))
	}
	return strings.ToValidUTF8(strings.ReplaceAll(string(out), "\f", "\n"), ""), nil
}

func readImage(ctx context.Context, what, kind string, data []byte, opt Options) (*File, error) {
	if kind != "tiff" {
		// A file that says it is an image but is not one is refused before the OCR runs.
		if _, _, err := image.DecodeConfig(bytes.NewReader(data)); err != nil {
			return nil, docket.Errorf(docket.EINVALID, "%s is a broken %s image: %v", what, strings.ToUpper(kind), err)
		}
	}
	langs, err := ocrLangs(opt)
	if err != nil {
		return nil, err
	}
	if opt.Progress != nil {
		opt.Progress("ocr", 0, 1)
	}
	text, err := ocr(ctx, what, data, langs)
	if err != nil {
		return nil, err
	}
	if opt.Progress != nil {
		opt.Progress("ocr", 1, 1)
	}
	if strings.TrimSpace(text) == "" {
		return nil, docket.Errorf(docket.EINVALID, "%s: OCR found no text in the image", what)
	}
	return &File{Text: text, Format: docket.FormatImage, ContentType: "image/" + kind, Encoding: "utf-8", OCR: strings.Join(langs, "+")}, nil
}

// stripImage encodes the image anew, which keeps its pixels and none of its EXIF (the
// camera's owner, the place it was taken).
func stripImage(kind string, data []byte) ([]byte, error) {
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	switch kind {
	case "png":
		err = png.Encode(&b, img)
	case "jpeg":
		err = jpeg.Encode(&b, img, &jpeg.Options{Quality: 92})
	default:
		return nil, errors.New("no public copy of a " + kind + " image is made")
	}
	return b.Bytes(), err
}
