package archive

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/base32"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/docketorg/docket"
)

// WARCWriter writes snapshots as WARC/1.1 (ISO 28500:2017): a warcinfo record, then for every
// snapshot a request, a response and a metadata record holding its chain of custody. Record
// ids are derived from snapshot ids, so the same snapshots always give the same bytes.
type WARCWriter struct {
	w   *bufio.Writer
	err error
}

// NewWARCWriter starts a WARC file on w with a warcinfo record.
func NewWARCWriter(w io.Writer, software string, at time.Time) *WARCWriter {
	ww := &WARCWriter{w: bufio.NewWriter(w)}
	info := fields([][2]string{{"software", software}, {"format", "WARC File Format 1.1"},
		{"conformsTo", "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"}})
	ww.record([][2]string{{"WARC-Type", "warcinfo"}, {"WARC-Record-ID", recordID("warcinfo", at.Format(time.RFC3339Nano))},
		{"WARC-Date", warcDate(at)}, {"Content-Type", "application/warc-fields"}}, info)
	return ww
}

// Write writes one snapshot; body is its stored content.
func (ww *WARCWriter) Write(s *docket.Snapshot, body []byte) error {
	target := s.FinalURL
	respID, reqID, metaID := recordID("response", s.ID), recordID("request", s.ID), recordID("metadata", s.ID)
	date := warcDate(s.FetchedAt)

	u, err := url.Parse(target)
	if err != nil {
		return fmt.Errorf("snapshot %s: %w", s.ID, err)
	}
	var req bytes.Buffer
	fmt.Fprintf(&req, "GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: %s\r\n\r\n", u.RequestURI(), u.Host, s.Custody.UserAgent)
	ww.record([][2]string{{"WARC-Type", "request"}, {"WARC-Record-ID", reqID}, {"WARC-Date", date}, {"WARC-Target-URI", target},
		{"WARC-Concurrent-To", respID}, {"Content-Type", "application/http;msgtype=request"}}, req.Bytes())

	// The body is stored as received after transfer decoding, so the headers that described
	// the encoding on the wire are left out and the length is the stored one.
	var resp bytes.Buffer
	fmt.Fprintf(&resp, "HTTP/1.1 %d %s\r\n", s.Status, http.StatusText(s.Status))
	var names []string
	for k := range s.Header {
		switch http.CanonicalHeaderKey(k) {
		case "Content-Length", "Transfer-Encoding", "Content-Encoding":
			continue
		}
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		for _, v := range s.Header[k] {
			fmt.Fprintf(&resp, "%s: %s\r\n", k, strings.NewReplacer("\r", " ", "\n", " ").Replace(v))
		}
	}
	fmt.Fprintf(&resp, "Content-Length: %d\r\n\r\n", len(body))
	resp.Write(body)
	head := [][2]string{{"WARC-Type", "response"}, {"WARC-Record-ID", respID}, {"WARC-Date", date}, {"WARC-Target-URI", target}}
	if host, _, err := net.SplitHostPort(s.Custody.RemoteAddr); err == nil {
		head = append(head, [2]string{"WARC-IP-Address", host})
	}
	head = append(head, [2]string{"Content-Type", "application/http;msgtype=response"}, [2]string{"WARC-Payload-Digest", Digest(body)})
	ww.record(head, resp.Bytes())

	meta := [][2]string{{"docket-snapshot", s.ID}, {"docket-source", s.Source}, {"requested-url", s.URL}}
	for _, r := range s.Redirects {
		meta = append(meta, [2]string{"redirect", fmt.Sprintf("%d %s", r.Status, r.URL)})
	}
	meta = append(meta, [][2]string{{"requested-by", s.Custody.RequestedBy}, {"requested-at", warcDate(s.Custody.RequestedAt)},
		{"fetched-at", date}, {"via", s.Custody.Via}, {"host", s.Custody.Host}, {"tool", s.Custody.Tool},
		{"remote-addr", s.Custody.RemoteAddr}, {"sha256", s.SHA256}, {"size", fmt.Sprint(s.Size)}}...)
	ww.record([][2]string{{"WARC-Type", "metadata"}, {"WARC-Record-ID", metaID}, {"WARC-Date", date}, {"WARC-Target-URI", target},
		{"WARC-Refers-To", respID}, {"Content-Type", "application/warc-fields"}}, fields(meta))
	return ww.err
}

// Close flushes the file.
func (ww *WARCWriter) Close() error {
	if ww.err != nil {
		return ww.err
	}
	return ww.w.Flush()
}

func (ww *WARCWriter) record(head [][2]string, block []byte) {
	if ww.err != nil {
		return
	}
	var b bytes.Buffer
	b.WriteString("WARC/1.1\r\n")
	for _, h := range head {
		fmt.Fprintf(&b, "%s: %s\r\n", h[0], h[1])
	}
	fmt.Fprintf(&b, "WARC-Block-Digest: %s\r\nContent-Length: %d\r\n\r\n", Digest(block), len(block))
	b.Write(block)
	b.WriteString("\r\n\r\n")
	_, ww.err = ww.w.Write(b.Bytes())
}

// Digest returns a WARC digest: "sha256:" and the base32 of the SHA-256, as WARC tools write
// sha1 digests.
func Digest(b []byte) string {
	h := sha256.Sum256(b)
	return "sha256:" + base32.StdEncoding.EncodeToString(h[:])
}

func fields(kv [][2]string) []byte {
	var b bytes.Buffer
	for _, f := range kv {
		if f[1] == "" {
			continue
		}
		fmt.Fprintf(&b, "%s: %s\r\n", f[0], strings.NewReplacer("\r", " ", "\n", " ").Replace(f[1]))
	}
	return b.Bytes()
}

func warcDate(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000Z") }

// recordID derives a stable UUID URN from a record's kind and key.
func recordID(kind, key string) string {
	h := sha256.Sum256([]byte("docket warc " + kind + " " + key))
	h[6] = h[6]&0x0f | 0x80 // version 8: custom
	h[8] = h[8]&0x3f | 0x80 // RFC 4122 variant
	return fmt.Sprintf("<urn:uuid:%x-%x-%x-%x-%x>", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}
