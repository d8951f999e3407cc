package docket

import (
	"context"
	"time"
)

// Checkpoint is a signed statement of the ledger's size and root hash at a time.
type Checkpoint struct {
	Size int64     `json:"size"`
	Root [32]byte  `json:"-"`
	Note string    `json:"note"` // the signed note, as published
	At   time.Time `json:"at"`
}

// CheckpointSigner signs checkpoints: the installation's key, which never enters the store.
type CheckpointSigner interface {
	SignCheckpoint(size int64, root [32]byte) (note []byte, err error)
}

// Inclusion proves that a change is a leaf of the ledger at a tree size.
type Inclusion struct {
	Seq      int64  `json:"seq"`
	Index    int64  `json:"index"`     // the leaf's index in the tree
	Size     int64  `json:"tree_size"` // the tree the proof is for
	LeafText string `json:"leaf"`      // the canonical leaf: seq, kind and the record's SHA-256
	Record   string `json:"record"`    // the change record the leaf commits to
	// Withheld says that Record is not the record the leaf commits to but a copy with its
	// author's name withheld (see Record.RedactAuthors): the proof shows the leaf is in the
	// ledger; what the record says cannot be checked against it.
	Withheld bool       `json:"author_withheld,omitempty"`
	Proof    [][32]byte `json:"-"`
}

// Problem is one thing verification found wrong, named so that a person can find it, or,
// with Warning, one thing it cannot prove.
type Problem struct {
	What    string `json:"what"` // "statements row s06h…", "change 12", "snapshot 5f3a…"
	Why     string `json:"why"`
	Warning bool   `json:"warning,omitempty"` // nothing was found wrong, but nothing shows it right either
}

// LedgerService gives the ledger's checkpoints and proofs.
type LedgerService interface {
	// Checkpoint signs the ledger's head with s when it has grown since the last checkpoint,
	// and returns the latest checkpoint.
	Checkpoint(ctx context.Context, s CheckpointSigner) (*Checkpoint, error)
	// LatestCheckpoint returns the newest stored checkpoint, ENOTFOUND when there is none.
	LatestCheckpoint(ctx context.Context) (*Checkpoint, error)
	// InclusionProof proves the change with seq at tree size (0: the latest checkpoint's), for
	// a change v may see.
	InclusionProof(ctx context.Context, v Viewer, seq, size int64) (*Inclusion, error)
	// ConsistencyProof proves that the tree of size old is a prefix of the tree of size new.
	ConsistencyProof(ctx context.Context, old, new int64) ([][32]byte, error)
	// Verify recomputes the ledger, the views and the snapshots from the change log and
	// reports every mismatch, and as warnings what it cannot prove (see Problem).
	Verify(ctx context.Context, progress Progress) ([]Problem, error)
}
