package ledger

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/docketorg/docket"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// The witness protocol, C2SP tlog-witness (https://c2sp.org/tlog-witness): a log POSTs to
// <prefix>/add-checkpoint the size of the tree the witness last cosigned for it, a
// consistency proof from that tree to its new checkpoint, a blank line and the checkpoint:
//
//	old 20852014
//	PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=
//	jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=
//
//	example.com/behind-the-sofa
//	20852163
//	CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=
//
//	— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=
//
// The witness answers 200 with its cosignature lines, or refuses: 404 for a log it does not
// witness, 403 when the log's key did not sign, 400 for a malformed request or a checkpoint
// smaller than the old size, 409 (with the size it has, as text/x.tlog.size) when the old
// size is not the one it last cosigned or the same size has another root, 422 when the proof
// does not verify.

// maxAddCheckpoint caps an add-checkpoint body: 63 proof lines and a note with its signatures.
const maxAddCheckpoint = 32 << 10

// maxProofLines is the protocol's cap on the consistency proof: a tree of 2^63 leaves needs fewer.
const maxProofLines = 63

// AddCheckpointRequest is the body of an add-checkpoint request.
type AddCheckpointRequest struct {
	Old        int64
	Proof      tlog.TreeProof
	Checkpoint []byte // the signed note
}

// FormatAddCheckpoint returns the body of r.
func FormatAddCheckpoint(r *AddCheckpointRequest) []byte {
	b := fmt.Appendf(nil, "old %d\n", r.Old)
	for _, h := range r.Proof {
		b = append(b, base64.StdEncoding.EncodeToString(h[:])...)
		b = append(b, '\n')
	}
	b = append(b, '\n')
	return append(b, r.Checkpoint...)
}

// ParseAddCheckpoint parses an add-checkpoint body strictly: a non-canonical size or hash,
// too many proof lines or a missing blank line are errors.
func ParseAddCheckpoint(body []byte) (*AddCheckpointRequest, error) {
	if len(body) > maxAddCheckpoint {
		return nil, fmt.Errorf("add-checkpoint: over %d bytes", maxAddCheckpoint)
	}
	head, cp, ok := bytes.Cut(body, []byte("\n\n"))
	if !ok {
		return nil, errors.New("add-checkpoint: want an old size line, proof lines, a blank line and the checkpoint")
	}
	lines := strings.Split(string(head), "\n")
	size, ok := strings.CutPrefix(lines[0], "old ")
	old, err := canonicalInt(size)
	if !ok || err != nil {
		return nil, fmt.Errorf("add-checkpoint: line 1 %q: want \"old\" and a size", clip(lines[0]))
	}
	if len(lines)-1 > maxProofLines {
		return nil, fmt.Errorf("add-checkpoint: %d proof lines, at most %d", len(lines)-1, maxProofLines)
	}
	r := &AddCheckpointRequest{Old: old, Checkpoint: cp}
	for i, l := range lines[1:] {
		h, err := base64.StdEncoding.DecodeString(l)
		if err != nil || len(h) != tlog.HashSize || base64.StdEncoding.EncodeToString(h) != l {
			return nil, fmt.Errorf("add-checkpoint: line %d: not a base64 hash", i+2)
		}
		r.Proof = append(r.Proof, tlog.Hash(h))
	}
	return r, nil
}

// WitnessError is a witness's refusal: the protocol's HTTP status, what was wrong, and for a
// 409 the size the witness last cosigned.
type WitnessError struct {
	Status int
	Known  int64
	Msg    string
}

func (e *WitnessError) Error() string { return e.Msg }

// Witness cosigns the checkpoints of the logs its store lists, each only if it is consistent
// with the tree it cosigned before.
type Witness struct {
	Store  docket.WitnessService
	Signer *CosignatureSigner
	Logger *slog.Logger
}

func (w *Witness) logger() *slog.Logger {
	if w.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return w.Logger
}

// AddCheckpoint answers an add-checkpoint request: the witness's cosignature lines, or a
// *WitnessError. A request whose checkpoint the log's key signed but that is inconsistent
// with the tree cosigned before, or smaller than it, is kept as evidence (AddWitnessRefusal).
func (w *Witness) AddCheckpoint(ctx context.Context, body []byte) ([]byte, error) {
	r, err := ParseAddCheckpoint(body)
	if err != nil {
		return nil, &WitnessError{Status: http.StatusBadRequest, Msg: err.Error()}
	}
	origin, _, _ := bytes.Cut(r.Checkpoint, []byte("\n"))
	log, err := w.Store.FindWitnessedLog(ctx, string(origin))
	if docket.ErrorCode(err) == docket.ENOTFOUND {
		return nil, &WitnessError{Status: http.StatusNotFound, Msg: fmt.Sprintf("this witness does not witness log %q", clip(string(origin)))}
	} else if err != nil {
		return nil, err
	}
	v, err := note.NewVerifier(log.Verifier)
	if err != nil {
		return nil, fmt.Errorf("witnessed log %s: its key: %w", log.Origin, err)
	}
	n, err := note.Open(r.Checkpoint, note.VerifierList(v))
	var unverified *note.UnverifiedNoteError
	var invalid *note.InvalidSignatureError
	switch {
	case errors.As(err, &unverified), errors.As(err, &invalid):
		return nil, &WitnessError{Status: http.StatusForbidden, Msg: fmt.Sprintf("the checkpoint is not signed by the key of log %s", log.Origin)}
	case err != nil:
		return nil, &WitnessError{Status: http.StatusBadRequest, Msg: "the checkpoint is not a signed note: " + err.Error()}
	}
	cpOrigin, tree, err := ParseCheckpoint([]byte(n.Text))
	if err != nil {
		return nil, &WitnessError{Status: http.StatusBadRequest, Msg: err.Error()}
	}
	if cpOrigin != log.Origin {
		return nil, &WitnessError{Status: http.StatusBadRequest, Msg: "the checkpoint's origin line differs from its log's"}
	}
	// The log's key signed it: from here on, a refusal of a tree that contradicts the one
	// cosigned before is evidence against the log, and is kept.
	refuse := func(status int, reason string, args ...any) error {
		reason = fmt.Sprintf(reason, args...)
		if err := w.Store.AddWitnessRefusal(ctx, &docket.WitnessRefusal{Origin: log.Origin, Known: log.Size, Reason: reason, Request: string(body)}); err != nil {
			return fmt.Errorf("keep the refused request: %w", err)
		}
		w.logger().Warn("witness: refused a signed checkpoint", "log", log.Origin, "size", tree.N, "cosigned", log.Size, "reason", reason)
		return &WitnessError{Status: status, Known: log.Size, Msg: reason}
	}
	switch {
	case r.Old > tree.N && r.Old == log.Size:
		return nil, refuse(http.StatusBadRequest, "the checkpoint is of a tree of %d leaves, smaller than the %d this witness cosigned: a rollback", tree.N, log.Size)
	case r.Old > tree.N:
		return nil, &WitnessError{Status: http.StatusBadRequest, Msg: fmt.Sprintf("old size %d is larger than the checkpoint's %d", r.Old, tree.N)}
	case r.Old != log.Size:
		return nil, &WitnessError{Status: http.StatusConflict, Known: log.Size, Msg: fmt.Sprintf("this witness last cosigned size %d of log %s, not %d", log.Size, log.Origin, r.Old)}
	case r.Old == 0:
		if len(r.Proof) != 0 {
			return nil, &WitnessError{Status: http.StatusBadRequest, Msg: "a proof from old size 0 must be empty"}
		}
	case r.Old == tree.N:
		if tree.Hash != log.Root {
			return nil, refuse(http.StatusConflict, "the checkpoint of size %d has another root than the one this witness cosigned at that size: a fork", tree.N)
		}
		if len(r.Proof) != 0 {
			return nil, &WitnessError{Status: http.StatusBadRequest, Msg: "a proof between equal sizes must be empty"}
		}
	default:
		if err := tlog.CheckTree(r.Proof, tree.N, tree.Hash, r.Old, log.Root); err != nil {
			return nil, refuse(http.StatusUnprocessableEntity, "the consistency proof from size %d to %d does not verify against the tree this witness cosigned: a fork, or a bad proof", r.Old, tree.N)
		}
	}
	if err := w.Store.AdvanceWitnessedLog(ctx, log.Origin, r.Old, tree.N, tree.Hash); err != nil {
		var c *docket.WitnessConflict
		if errors.As(err, &c) {
			return nil, &WitnessError{Status: http.StatusConflict, Known: c.Size, Msg: fmt.Sprintf("this witness last cosigned size %d of log %s, not %d", c.Size, log.Origin, r.Old)}
		}
		return nil, err
	}
	signed, err := note.Sign(&note.Note{Text: n.Text}, w.Signer)
	if err != nil {
		return nil, fmt.Errorf("cosign: %w", err)
	}
	return signed[len(n.Text)+1:], nil
}

// ServeHTTP serves add-checkpoint, as a handler of POST <prefix>/add-checkpoint.
func (w *Witness) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxAddCheckpoint+1))
	if err != nil {
		http.Error(rw, "reading the request: "+err.Error(), http.StatusBadRequest)
		return
	}
	sigs, err := w.AddCheckpoint(r.Context(), body)
	var we *WitnessError
	switch {
	case errors.As(err, &we) && we.Status == http.StatusConflict:
		rw.Header().Set("Content-Type", "text/x.tlog.size")
		rw.WriteHeader(http.StatusConflict)
		fmt.Fprintf(rw, "%d\n", we.Known)
		return
	case errors.As(err, &we):
		http.Error(rw, we.Msg, we.Status)
		return
	case err != nil:
		w.logger().Error("witness: add-checkpoint", "err", err)
		http.Error(rw, "internal error", http.StatusInternalServerError)
		return
	}
	rw.Header().Set("Content-Type", "text/plain; charset=utf-8")
	rw.Write(sigs)
}

// CosignStore is what asking witnesses needs of a store: the witnesses, consistency proofs
// and a place for their cosignatures.
type CosignStore interface {
	Cosigners(ctx context.Context) ([]*docket.Cosigner, error)
	AddCosignature(ctx context.Context, name string, size int64, sigs []byte) error
	ConsistencyProof(ctx context.Context, old, new int64) ([][32]byte, error)
}

// WitnessClient asks the witnesses a store lists to cosign its checkpoints. It contacts
// nobody else, and nobody when the list is empty.
type WitnessClient struct {
	Store  CosignStore
	HTTP   *http.Client // nil: a client with a 10-second timeout
	Logger *slog.Logger
}

// Cosign asks every listed witness that has not cosigned cp yet to cosign it, and adds the
// cosignatures to the stored checkpoint. It returns the names of the witnesses that cosigned
// now, and an error naming each that did not.
func (c *WitnessClient) Cosign(ctx context.Context, cp *docket.Checkpoint) (cosigned []string, err error) {
	ws, err := c.Store.Cosigners(ctx)
	if err != nil {
		return nil, err
	}
	var errs []error
	for _, w := range ws {
		if w.Size == cp.Size && strings.Contains(cp.Note, "\n— "+w.Name+" ") {
			continue // cosigned already
		}
		if err := c.cosignOne(ctx, w, cp); err != nil {
			errs = append(errs, fmt.Errorf("witness %s: %w", w.Name, err))
			if c.Logger != nil {
				c.Logger.Warn("a witness did not cosign the checkpoint", "witness", w.Name, "size", cp.Size, "err", err)
			}
			continue
		}
		cosigned = append(cosigned, w.Name)
	}
	return cosigned, errors.Join(errs...)
}

func (c *WitnessClient) cosignOne(ctx context.Context, w *docket.Cosigner, cp *docket.Checkpoint) error {
	v, err := NewCosignatureVerifier(w.Verifier)
	if err != nil {
		return err
	}
	old := w.Size
	for try := 0; ; try++ {
		if old > cp.Size {
			return fmt.Errorf("it cosigned a tree of %d leaves, and this ledger's checkpoint has %d: this ledger was rolled back, or its checkpoint is old", old, cp.Size)
		}
		req := &AddCheckpointRequest{Old: old, Checkpoint: []byte(cp.Note)}
		if old > 0 && old < cp.Size {
			p, err := c.Store.ConsistencyProof(ctx, old, cp.Size)
			if err != nil {
				return fmt.Errorf("consistency proof from %d to %d: %w", old, cp.Size, err)
			}
			for _, h := range p {
				req.Proof = append(req.Proof, h)
			}
		}
		status, ctype, body, err := c.post(ctx, strings.TrimSuffix(w.URL, "/")+"/add-checkpoint", FormatAddCheckpoint(req))
		if err != nil {
			return err
		}
		switch {
		case status == http.StatusOK:
			return c.keep(ctx, w, v, cp, body)
		case status == http.StatusConflict && strings.HasPrefix(ctype, "text/x.tlog.size") && try == 0:
			known, err := canonicalInt(strings.TrimSuffix(string(body), "\n"))
			if err != nil {
				return fmt.Errorf("it answered 409 with a malformed size %q", clip(string(body)))
			}
			old = known // it knows another size: prove consistency from that one
			continue
		}
		return fmt.Errorf("it refused (%d): %s", status, clip(strings.TrimSpace(string(body))))
	}
}

// keep checks a witness's answer and adds its cosignature to the stored checkpoint. Lines of
// other keys are ignored, as the protocol asks.
func (c *WitnessClient) keep(ctx context.Context, w *docket.Cosigner, v *CosignatureVerifier, cp *docket.Checkpoint, body []byte) error {
	var mine []byte
	for _, line := range bytes.SplitAfter(body, []byte("\n")) {
		if bytes.HasPrefix(line, []byte("— "+v.Name()+" ")) && bytes.HasSuffix(line, []byte("\n")) {
			mine = append(mine, line...)
		}
	}
	if len(mine) == 0 {
		return errors.New("its answer holds no cosignature of its key")
	}
	signed, err := AddSignatures([]byte(cp.Note), mine)
	if err != nil {
		return fmt.Errorf("its answer: %w", err)
	}
	n, err := note.Open(signed, note.VerifierList(v))
	if err != nil {
		return fmt.Errorf("its cosignature does not verify: %w", err)
	}
	if len(n.Sigs) == 0 {
		return errors.New("its answer holds no cosignature of its key")
	}
	return c.Store.AddCosignature(ctx, w.Name, cp.Size, mine)
}

func (c *WitnessClient) post(ctx context.Context, url string, body []byte) (status int, ctype string, resp []byte, err error) {
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: 10 * time.Second}
	}
	req, err := http.NewRequestWithContext(ctx, "POST", url, bytes.NewReader(body))
	if err != nil {
		return 0, "", nil, err
	}
	req.Header.Set("Content-Type", "text/plain; charset=utf-8")
	res, err := hc.Do(req)
	if err != nil {
		return 0, "", nil, err
	}
	defer res.Body.Close()
	resp, err = io.ReadAll(io.LimitReader(res.Body, 64<<10))
	if err != nil {
		return 0, "", nil, fmt.Errorf("reading its answer: %w", err)
	}
	return res.StatusCode, res.Header.Get("Content-Type"), resp, nil
}
