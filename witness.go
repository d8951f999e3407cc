package docket

import (
	"context"
	"time"
)

// Witnessing: organisations running Docket cosign each other's checkpoints (C2SP
// tlog-witness), so that no one of them, nor whoever seizes its server, can fork or roll back
// its ledger unseen. An installation plays two parts, each kept in its store and never in the
// change log or an export (they belong to one installation, like its settings):
//
//   - as a witness, the logs of peers it cosigns (WitnessedLog), each with the last tree it
//     cosigned, and the requests it refused after their signature checked (WitnessRefusal),
//     kept as evidence of a fork or a rollback;
//   - as a log, the witnesses it asks to cosign its checkpoints (Cosigner); their
//     cosignatures are added to the checkpoint's note, which then carries them.

// WitnessedLog is a peer's log that this installation witnesses.
type WitnessedLog struct {
	Origin   string    `json:"origin"`   // the log's name, its checkpoints' first line
	Verifier string    `json:"verifier"` // the log's note verifier key
	Size     int64     `json:"size"`     // of the tree last cosigned; 0 before the first
	Root     [32]byte  `json:"-"`        // of the tree last cosigned
	Added    time.Time `json:"added"`
	Cosigned time.Time `json:"cosigned,omitzero"` // when the tree was last cosigned
}

// WitnessRefusal is a request to cosign that the witness refused although the log's key had
// signed it: a checkpoint inconsistent with the tree cosigned before (a fork), or smaller than
// it (a rollback). The request is kept as it came, as evidence.
type WitnessRefusal struct {
	ID      int64     `json:"id"`
	Origin  string    `json:"origin"`
	At      time.Time `json:"at"`
	Known   int64     `json:"known_size"` // the size the witness had cosigned
	Reason  string    `json:"reason"`
	Request string    `json:"request"` // the add-checkpoint body, as received
}

// Cosigner is a witness that this installation's log asks to cosign its checkpoints.
type Cosigner struct {
	Name     string    `json:"name"`     // the witness's key name
	Verifier string    `json:"verifier"` // its cosignature verifier key
	URL      string    `json:"url"`      // its submission prefix: add-checkpoint is under it
	Size     int64     `json:"size"`     // of the last checkpoint it cosigned; 0 before the first
	Added    time.Time `json:"added"`
}

// WitnessService keeps both parts of witnessing. Only the operator reaches it (the command
// line, and docket serve acting for the operator); the witness protocol reaches it through
// the log's signature, never through a viewer's role.
type WitnessService interface {
	// AddWitnessedLog starts witnessing the log whose verifier key is vkey, named by the key;
	// ECONFLICT when it is witnessed already.
	AddWitnessedLog(ctx context.Context, origin, vkey string) (*WitnessedLog, error)
	// FindWitnessedLog returns a witnessed log by origin, ENOTFOUND when it is not one.
	FindWitnessedLog(ctx context.Context, origin string) (*WitnessedLog, error)
	// WitnessedLogs returns every witnessed log, by origin.
	WitnessedLogs(ctx context.Context) ([]*WitnessedLog, error)
	// AdvanceWitnessedLog records that the tree (size, root) of origin is cosigned, if the
	// size last cosigned is still old; otherwise it changes nothing and returns a
	// *WitnessConflict with the size that is. The check and the write are one step: two
	// requests at once cannot roll the log back.
	AdvanceWitnessedLog(ctx context.Context, origin string, old, size int64, root [32]byte) error
	// AddWitnessRefusal keeps a refused request as evidence.
	AddWitnessRefusal(ctx context.Context, r *WitnessRefusal) error
	// WitnessRefusals returns the refused requests of a log ("" for every log), oldest first.
	WitnessRefusals(ctx context.Context, origin string) ([]*WitnessRefusal, error)

	// AddCosigner adds a witness to ask; ECONFLICT when one of that name is there.
	AddCosigner(ctx context.Context, c *Cosigner) error
	// RemoveCosigner stops asking a witness; ENOTFOUND when there is none of that name.
	RemoveCosigner(ctx context.Context, name string) error
	// Cosigners returns the witnesses to ask, by name.
	Cosigners(ctx context.Context) ([]*Cosigner, error)
	// AddCosignature adds a witness's cosignature lines to the stored checkpoint of size, in
	// place of any it had there, and records size as the witness's last cosigned.
	AddCosignature(ctx context.Context, name string, size int64, sigs []byte) error

	// LedgerOrigin returns the name of this store's log (its key's name), "" if none is
	// recorded; SetLedgerOrigin records it when none is.
	LedgerOrigin(ctx context.Context) (string, error)
	SetLedgerOrigin(ctx context.Context, origin, vkey string) error
}

// WitnessConflict says that the tree a witness last cosigned for a log is not the one a
// request assumed: the size it has.
type WitnessConflict struct{ Size int64 }

func (e *WitnessConflict) Error() string {
	return "the witness last cosigned another tree size for this log"
}
