package ledger

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/docketorg/docket"
	"golang.org/x/mod/sumdb/tlog"
)

// BundleFormat names and versions the evidence bundle format.
const BundleFormat = "docket-bundle v1"

// Bundle is the evidence for one case in one file: its public records as committed to the
// ledger (statements with their salts), the content of its sources' snapshots, an inclusion
// proof for every record and a signed checkpoint. Anyone with the installation's verifier key
// can check it offline with VerifyBundle.
type Bundle struct {
	Format     string        `json:"format"`
	Case       string        `json:"case"`
	Checkpoint string        `json:"checkpoint"`
	Leaves     []BundleLeaf  `json:"leaves"`
	Blobs      []docket.Blob `json:"blobs,omitempty"`
}

// BundleLeaf is one change record with its place in the ledger and its inclusion proof.
//
// A record written before records named their authors by id names a person, and a bundle is
// public: such a record is given with the name withheld, which makes its bytes differ from
// those the ledger committed to. Withheld says so, and Leaf then gives the leaf text (the
// record's SHA-256), whose inclusion the proof shows; what the record says cannot be checked.
type BundleLeaf struct {
	Seq      int64    `json:"seq"`
	Index    int64    `json:"index"`
	Record   string   `json:"record"` // the exact bytes the leaf commits to, unless Withheld
	Proof    []string `json:"proof"`  // base64 hashes
	Withheld bool     `json:"author_withheld,omitempty"`
	Leaf     string   `json:"leaf,omitempty"` // the leaf text, when Withheld
}

// BuildBundle gathers the public evidence of a case: the case, the records that refer to it
// (proceedings, charges, events) and those they name (persons, courts), their public reviewed
// statements and reviews, the sources these cite and the sources' snapshots. It signs a
// checkpoint first, so every proof is against it.
func BuildBundle(ctx context.Context, st docket.Store, caseID string, s docket.CheckpointSigner) (*Bundle, error) {
	v := docket.AnonymousViewer
	c, err := st.FindEntityByID(ctx, v, caseID)
	if err != nil {
		return nil, err
	}
	if c.Schema != "Case" {
		return nil, docket.Errorf(docket.EINVALID, "%s is a %s, not a Case", caseID, c.Schema)
	}
	cp, err := st.Checkpoint(ctx, s)
	if err != nil {
		return nil, err
	}
	ents := []*docket.Entity{c}
	seen := map[string]bool{c.ID: true}
	refs, _, err := st.FindEntities(ctx, v, docket.EntityFilter{RefersTo: &c.ID, Limit: 1000})
	if err != nil {
		return nil, err
	}
	for _, r := range refs {
		full, err := st.FindEntityByID(ctx, v, r.ID)
		if err != nil {
			return nil, err
		}
		ents, seen[full.ID] = append(ents, full), true
	}
	for _, e := range slices.Clone(ents) {
		schema, _ := docket.SchemaByName(e.Schema)
		for _, stmt := range e.Statements {
			if p := schema.Property(stmt.Property); p != nil && p.Type == docket.TypeRef && !seen[stmt.Value] {
				if t, err := st.FindEntityByID(ctx, v, stmt.Value); err == nil {
					ents, seen[t.ID], seen[stmt.Value] = append(ents, t), true, true
				}
			}
		}
	}
	var seqs []int64
	sources := map[string]bool{}
	for _, e := range ents {
		chs, err := st.FindChanges(ctx, v, docket.ChangeFilter{Entity: &e.ID})
		if err != nil {
			return nil, err
		}
		current := map[string]bool{}
		for _, s := range e.Statements {
			current[s.ID] = true
			if s.Source != "" {
				sources[s.Source] = true
			}
		}
		for _, ch := range chs {
			switch {
			case ch.Kind == docket.KindEntity && seen[ch.Ref],
				ch.Kind == docket.KindStatement && current[ch.Ref],
				ch.Kind == docket.KindStatus && current[ch.Ref]:
				seqs = append(seqs, ch.Seq)
			}
		}
	}
	b := &Bundle{Format: BundleFormat, Case: c.ID, Checkpoint: cp.Note}
	for src := range sources {
		if _, err := st.FindSourceByID(ctx, v, src); err != nil {
			continue // not public: the footnote stays, the source is withheld
		}
		chs, err := st.FindChanges(ctx, v, docket.ChangeFilter{Ref: &src})
		if err != nil {
			return nil, err
		}
		for _, ch := range chs {
			seqs = append(seqs, ch.Seq)
		}
		snaps, err := st.FindSnapshots(ctx, v, src)
		if err != nil {
			return nil, err
		}
		for _, sn := range snaps {
			chs, err := st.FindChanges(ctx, v, docket.ChangeFilter{Ref: &sn.ID})
			if err != nil {
				return nil, err
			}
			for _, ch := range chs {
				seqs = append(seqs, ch.Seq)
			}
			for _, sha := range []string{sn.SHA256, sn.TextSHA256} {
				if sha == "" || slices.ContainsFunc(b.Blobs, func(x docket.Blob) bool { return x.SHA256 == sha }) {
					continue
				}
				data, err := st.FindBlob(ctx, v, sha)
				if err != nil {
					return nil, err
				}
				b.Blobs = append(b.Blobs, docket.Blob{SHA256: sha, Data: data})
			}
		}
	}
	slices.Sort(seqs)
	seqs = slices.Compact(seqs)
	for _, seq := range seqs {
		inc, err := st.InclusionProof(ctx, v, seq, cp.Size)
		if err != nil {
			return nil, fmt.Errorf("change %d: %w", seq, err)
		}
		l := BundleLeaf{Seq: seq, Index: inc.Index, Record: inc.Record, Withheld: inc.Withheld}
		if inc.Withheld {
			l.Leaf = inc.LeafText
		}
		for _, h := range inc.Proof {
			l.Proof = append(l.Proof, base64.StdEncoding.EncodeToString(h[:]))
		}
		b.Leaves = append(b.Leaves, l)
	}
	return b, nil
}

// BundleReport says what a verified bundle holds.
type BundleReport struct {
	Origin     string
	TreeSize   int64
	Records    map[string]int // by kind
	Snapshots  int
	Statements []*docket.Statement // the statements whose records were checked
	// Withheld counts the records given with their author withheld (see BundleLeaf): proven
	// to be in the ledger, their content unchecked.
	Withheld int
}

// VerifyBundle checks a bundle with nothing but the verifier key: the checkpoint's signature,
// every record's inclusion in the signed tree, that every record is public, and every
// snapshot's content against its SHA-256.
func VerifyBundle(b *Bundle, vkey string) (*BundleReport, error) {
	if b.Format != BundleFormat {
		return nil, fmt.Errorf("not a %s file (format %q)", BundleFormat, b.Format)
	}
	origin, tree, err := OpenCheckpoint([]byte(b.Checkpoint), vkey)
	if err != nil {
		return nil, err
	}
	rep := &BundleReport{Origin: origin, TreeSize: tree.N, Records: map[string]int{}}
	blobs := map[string]bool{}
	for _, bl := range b.Blobs {
		if docket.SHA256Hex(bl.Data) != bl.SHA256 {
			return nil, fmt.Errorf("content %s: its data has another SHA-256: it was altered", bl.SHA256)
		}
		blobs[bl.SHA256] = true
	}
	if len(b.Leaves) == 0 {
		return nil, errors.New("the bundle holds no records")
	}
	for _, l := range b.Leaves {
		var r docket.Record
		if err := json.Unmarshal([]byte(l.Record), &r); err != nil {
			return nil, fmt.Errorf("change %d: %w", l.Seq, err)
		}
		var proof tlog.RecordProof
		for _, p := range l.Proof {
			h, err := base64.StdEncoding.DecodeString(p)
			if err != nil || len(h) != tlog.HashSize {
				return nil, fmt.Errorf("change %d: malformed proof", l.Seq)
			}
			proof = append(proof, tlog.Hash(h))
		}
		leaf := NewLeaf(l.Seq, r.Kind, []byte(l.Record))
		if l.Withheld {
			if leaf, err = ParseLeaf([]byte(l.Leaf)); err != nil {
				return nil, fmt.Errorf("change %d: %w", l.Seq, err)
			} else if leaf.Seq != l.Seq || leaf.Kind != r.Kind {
				return nil, fmt.Errorf("change %d: its leaf is of change %d, a %s", l.Seq, leaf.Seq, leaf.Kind)
			}
			rep.Withheld++
		}
		if err := tlog.CheckRecord(proof, tree.N, tree.Hash, l.Index, leaf.Hash()); err != nil {
			return nil, fmt.Errorf("change %d (%s): not in the signed ledger: %w", l.Seq, r.Kind, err)
		}
		var sens docket.Sensitivity = docket.Public
		switch {
		case r.Statement != nil:
			sens = r.Statement.Sensitivity
			if !l.Withheld {
				rep.Statements = append(rep.Statements, r.Statement)
			}
		case r.Entity != nil:
			sens = r.Entity.Sensitivity
		case r.Source != nil:
			sens = r.Source.Sensitivity
		case r.Snapshot != nil:
			rep.Snapshots++
			if !blobs[r.Snapshot.SHA256] {
				return nil, fmt.Errorf("snapshot %s: its content is not in the bundle", r.Snapshot.ID)
			}
		}
		if sens != docket.Public {
			return nil, fmt.Errorf("change %d: a %s record in a bundle that must be public", l.Seq, sens)
		}
		rep.Records[r.Kind]++
	}
	return rep, nil
}
