package http

import (
	"encoding/base64"
	"net/http"
	"strconv"

	"github.com/docketorg/docket"
)

func (s *Server) registerLedgerRoutes() {
	s.handle("GET", "/api/v1/ledger/checkpoint", s.handleCheckpoint)
	s.handle("GET", "/api/v1/ledger/proof/{seq}", s.handleInclusion)
	s.handle("GET", "/api/v1/ledger/consistency", s.handleConsistency)
	// The latest checkpoint as a plain signed note (C2SP tlog-checkpoint), where witnesses,
	// monitors and docket checkpoint check --against URL read it.
	s.mux.HandleFunc("GET /checkpoint", s.handleCheckpointNote)
	// The witness protocol: text in, text out, outside the JSON API (see checkCSRF).
	s.mux.HandleFunc("POST "+WitnessPath, s.handleAddCheckpoint)
}

// handleCheckpointNote serves the latest signed checkpoint, with the cosignatures it has
// gathered, as text. Like handleCheckpoint it never signs.
func (s *Server) handleCheckpointNote(w http.ResponseWriter, r *http.Request) {
	cp, err := s.Store.LatestCheckpoint(r.Context())
	if err != nil {
		s.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte(cp.Note))
}

// WitnessPath is where a witness serves add-checkpoint: its submission prefix is the server's
// URL followed by /witness.
const WitnessPath = "/witness/add-checkpoint"

// handleAddCheckpoint is the witness protocol's add-checkpoint (C2SP tlog-witness), served
// only by a server run as a witness (docket serve --witness). It needs no account: what it
// cosigns is decided by the log's signature on the checkpoint and the witness's record of the
// log, never by who asks.
func (s *Server) handleAddCheckpoint(w http.ResponseWriter, r *http.Request) {
	if s.Witness == nil {
		s.Error(w, r, docket.Errorf(docket.ENOTFOUND, "this server is not a witness (docket serve --witness)"))
		return
	}
	s.Witness.ServeHTTP(w, r)
}

// checkpointJSON is a checkpoint as the API gives it: the signed note, which is what a
// verifier checks, with the verifier key to check it by.
type checkpointJSON struct {
	Size     int64  `json:"size"`
	Root     string `json:"root"` // base64, as in the note
	Note     string `json:"note"`
	At       string `json:"at"`
	Verifier string `json:"verifier,omitempty"`
}

// handleCheckpoint serves the latest signed checkpoint. It never signs: a request must not
// make the server sign and write (anyone could make it do so at will); the server signs on its
// own schedule (see SignCheckpoints).
func (s *Server) handleCheckpoint(w http.ResponseWriter, r *http.Request) {
	cp, err := s.Store.LatestCheckpoint(r.Context())
	if err != nil {
		s.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, checkpointJSON{Size: cp.Size, Root: base64.StdEncoding.EncodeToString(cp.Root[:]), Note: cp.Note,
		At: cp.At.Format("2006-01-02T15:04:05Z07:00"), Verifier: s.Verifier})
}

func b64(hs [][32]byte) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = base64.StdEncoding.EncodeToString(h[:])
	}
	return out
}

func intParam(r *http.Request, name string, required bool) (int64, error) {
	v := r.URL.Query().Get(name)
	if r.PathValue(name) != "" {
		v = r.PathValue(name)
	}
	if v == "" && !required {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, docket.Errorf(docket.EINVALID, "%s=%q: want a whole number", name, v)
	}
	return n, nil
}

func (s *Server) handleInclusion(w http.ResponseWriter, r *http.Request) {
	seq, err := intParam(r, "seq", true)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	size, err := intParam(r, "size", false)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	inc, err := s.Store.InclusionProof(r.Context(), viewer(r), seq, size)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	out := map[string]any{"seq": inc.Seq, "index": inc.Index, "tree_size": inc.Size, "leaf": inc.LeafText, "record": inc.Record, "proof": b64(inc.Proof)}
	if inc.Withheld {
		out["author_withheld"] = true
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleConsistency(w http.ResponseWriter, r *http.Request) {
	old, err := intParam(r, "old", true)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	nw, err := intParam(r, "new", true)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p, err := s.Store.ConsistencyProof(r.Context(), old, nw)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"old": old, "new": nw, "proof": b64(p)})
}
