package http_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/internal/storetest"
)

// TestUpload_ConfidentialSealed: a confidential document uploaded through the API is sealed
// at rest like any confidential record: its name and text are nowhere in the SQLite file or its
// WAL, and the cleared read it in the clear with the server's data key.
func TestUpload_ConfidentialSealed(t *testing.T) {
	db, s := MustOpenServer(t)
	token := MustCreateToken(t, db, "cleared", docket.Admin, true)
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("sensitivity", "confidential")
	w, _ := mw.CreateFormFile("file", "Qzxuploadname.txt")
	w.Write([]byte("Qzxuploadtext was heard as a witness in Almaty.\n"))
	mw.Close()
	req, _ := http.NewRequest("POST", s.URL()+"/api/v1/documents", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var st struct {
		Outcome struct {
			Document string `json:"document"`
		} `json:"outcome"`
	}
	if json.Unmarshal(b, &st); resp.StatusCode != http.StatusCreated || st.Outcome.Document == "" {
		t.Fatalf("upload: %d %s", resp.StatusCode, b)
	}
	c := Client{Base: s.URL(), Token: token}
	if r := c.Do(t, "GET", "/documents/"+st.Outcome.Document, nil); r.Status != 200 || !strings.Contains(string(r.Body), "Qzxuploadtext") || !strings.Contains(string(r.Body), "Qzxuploadname") {
		t.Fatalf("the document page with the key: %d %s", r.Status, clip(r.Body))
	}
	storetest.FilesHold(t, db.Path, []string{"Qzxuploadname", "Qzxuploadtext"})
}
