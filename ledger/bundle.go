package ledger

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/docketorg/docket"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// BundleFormat names and versions the evidence bundle format. A bundle of v1 has no signed
// list of its records (see Manifest); VerifyBundle checks its records and says it cannot tell
// whether one was removed (see UnlistedError).
const (
	BundleFormat   = "docket-bundle v2"
	bundleFormatV1 = "docket-bundle v1"
)

// Bundle is the evidence for one case in one file: its public records as committed to the
// ledger (statements with their salts), the content of its sources' snapshots, an inclusion
// proof for every record, a signed checkpoint and the signed list of the records (Manifest).
// Anyone with the installation's verifier key can check it offline with VerifyBundle.
type Bundle struct {
	Format     string        `json:"format"`
	Case       string        `json:"case"`
	Checkpoint string        `json:"checkpoint"`
	Manifest   string        `json:"manifest,omitempty"` // a signed note: see Manifest
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

// A BundleSigner signs what a bundle holds: the checkpoint its proofs are against and the list
// of its records. A Key is one.
type BundleSigner interface {
	docket.CheckpointSigner
	SignManifest(m *Manifest) ([]byte, error)
}

// BuildBundle gathers the public evidence of a case: the case, the records that refer to it
// (proceedings, charges, events) and those they name (persons, courts), their public reviewed
// statements and reviews, the sources these cite and the sources' snapshots. It signs a
// checkpoint first, so every proof is against it, and last the list of the records.
func BuildBundle(ctx context.Context, st docket.Store, caseID string, s BundleSigner) (*Bundle, error) {
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
	m := &Manifest{Case: c.ID, Tree: tlog.Tree{N: cp.Size, Hash: cp.Root}, Seqs: seqs}
	note, err := s.SignManifest(m)
	if err != nil {
		return nil, fmt.Errorf("sign the list of records: %w", err)
	}
	b.Manifest = string(note)
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
	Case       string
	Records    map[string]int // by kind
	Snapshots  int
	Statements []*docket.Statement // the statements whose records were checked
	// Withheld counts the records given with their author withheld (see BundleLeaf): proven
	// to be in the ledger, their content unchecked.
	Withheld int
}

// UnlistedError is VerifyBundle's answer to a bundle of docket-bundle v1 whose records all
// check: it carries no signed list of its records, so one removed from it, or one of another
// case added, cannot be told. Report says what was checked.
type UnlistedError struct{ Report *BundleReport }

func (e *UnlistedError) Error() string {
	return fmt.Sprintf("each of its %d records is in the signed ledger, but a %s bundle carries no signed list of its records: "+
		"one removed from it, or added to it, would not be noticed (docket bundle makes a %s)", e.Report.total(), bundleFormatV1, BundleFormat)
}

func (r *BundleReport) total() int {
	n := 0
	for _, k := range r.Records {
		n += k
	}
	return n
}

// VerifyBundle checks a bundle with nothing but the verifier key. It proves:
//
//   - that the checkpoint is signed by the key, and every record is a leaf of the tree it
//     signs, at the place its sequence number gives (a record is leaf seq-1), given once;
//   - that the records are exactly those of the signed list of the case's records (Manifest),
//     made by the key's holder when the bundle was made: none removed, none added (a record
//     of another case, genuine as it may be), and the case label the list's;
//   - that every record is public, the bundle holds the record of its case (a Case), every
//     review's statement, every cited source's record, every snapshot's source and content,
//     and every content is a snapshot's and has the SHA-256 its snapshot records.
//
// It cannot prove that the list is all the ledger holds about the case: the key's holder
// chose the records (statements that are not public, or not reviewed, are never in a bundle,
// nor are retractions and merges), and a later state of the registry may hold more. A record
// given with its author withheld is proven to be in the ledger, but what it says is not (see
// BundleLeaf). A bundle of v1 has no list: VerifyBundle checks the rest and answers
// UnlistedError.
func VerifyBundle(b *Bundle, vkey string) (*BundleReport, error) {
	listed := b.Format == BundleFormat
	if !listed && b.Format != bundleFormatV1 {
		return nil, fmt.Errorf("not a %s file (format %q)", BundleFormat, b.Format)
	}
	origin, tree, err := OpenCheckpoint([]byte(b.Checkpoint), vkey)
	if err != nil {
		return nil, err
	}
	rep := &BundleReport{Origin: origin, TreeSize: tree.N, Case: b.Case, Records: map[string]int{}}
	var list map[int64]bool // the signed list's records not yet found in the bundle
	if listed {
		m, err := OpenManifest([]byte(b.Manifest), vkey)
		if err != nil {
			return nil, err
		}
		if m.Case != b.Case {
			return nil, fmt.Errorf("the bundle is labelled case %s, but its signed list of records is of case %s", b.Case, m.Case)
		}
		if m.Tree != tree {
			return nil, fmt.Errorf("its signed list of records is of a tree of size %d, its checkpoint of one of size %d", m.Tree.N, tree.N)
		}
		list = map[int64]bool{}
		for _, seq := range m.Seqs {
			list[seq] = true
		}
	}
	blobs := map[string]bool{} // content, and whether a snapshot holds it
	for _, bl := range b.Blobs {
		if docket.SHA256Hex(bl.Data) != bl.SHA256 {
			return nil, fmt.Errorf("content %s: its data has another SHA-256: it was altered", bl.SHA256)
		}
		blobs[bl.SHA256] = false
	}
	if len(b.Leaves) == 0 {
		return nil, errors.New("the bundle holds no records")
	}
	seen := map[int64]bool{}
	entities := map[string]string{} // id: schema
	statements, sources := map[string]bool{}, map[string]bool{}
	var reviewed, cited, snapped []string // what reviews, statements and snapshots name
	for _, l := range b.Leaves {
		if seen[l.Seq] {
			return nil, fmt.Errorf("change %d is given twice", l.Seq)
		}
		seen[l.Seq] = true
		if l.Index != l.Seq-1 {
			return nil, fmt.Errorf("change %d is given as leaf %d, but change %d is leaf %d", l.Seq, l.Index, l.Seq, l.Seq-1)
		}
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
		if listed {
			if !list[l.Seq] {
				return nil, fmt.Errorf("change %d (%s) is not in the signed list of the case's records: it was added to the bundle", l.Seq, r.Kind)
			}
			delete(list, l.Seq)
		}
		var sens docket.Sensitivity = docket.Public
		switch {
		case r.Statement != nil:
			sens = r.Statement.Sensitivity
			statements[r.Statement.ID] = true
			if r.Statement.Source != "" {
				cited = append(cited, r.Statement.Source)
			}
			if !l.Withheld {
				rep.Statements = append(rep.Statements, r.Statement)
			}
		case r.Entity != nil:
			sens = r.Entity.Sensitivity
			entities[r.Entity.ID] = r.Entity.Schema
		case r.Source != nil:
			sens = r.Source.Sensitivity
			sources[r.Source.ID] = true
		case r.Status != nil:
			reviewed = append(reviewed, r.Status.Statement)
		case r.Snapshot != nil:
			rep.Snapshots++
			snapped = append(snapped, r.Snapshot.Source)
			for _, sha := range []string{r.Snapshot.SHA256, r.Snapshot.TextSHA256} {
				if _, ok := blobs[sha]; sha != "" && !ok {
					return nil, fmt.Errorf("snapshot %s: its content %s is not in the bundle", r.Snapshot.ID, sha)
				} else if sha != "" {
					blobs[sha] = true
				}
			}
		}
		if sens != docket.Public {
			return nil, fmt.Errorf("change %d: a %s record in a bundle that must be public", l.Seq, sens)
		}
		rep.Records[r.Kind]++
	}
	if len(list) > 0 {
		seq := slices.Min(slices.Collect(maps.Keys(list)))
		return nil, fmt.Errorf("change %d is in the signed list of the case's records but not in the bundle: a record was removed", seq)
	}
	if schema, ok := entities[b.Case]; !ok {
		return nil, fmt.Errorf("the bundle is labelled case %s, but holds no record of it", b.Case)
	} else if schema != "Case" {
		return nil, fmt.Errorf("the bundle is labelled case %s, but its record is of a %s", b.Case, schema)
	}
	for _, id := range reviewed {
		if !statements[id] {
			return nil, fmt.Errorf("the bundle holds a review of statement %s but not the statement", id)
		}
	}
	for _, id := range cited {
		if !sources[id] {
			return nil, fmt.Errorf("the bundle holds a statement citing source %s but not the source", id)
		}
	}
	for _, id := range snapped {
		if !sources[id] {
			return nil, fmt.Errorf("the bundle holds a snapshot of source %s but not the source", id)
		}
	}
	for _, sha := range slices.Sorted(maps.Keys(blobs)) {
		if !blobs[sha] {
			return nil, fmt.Errorf("content %s is no snapshot's in the bundle", sha)
		}
	}
	if !listed {
		return nil, &UnlistedError{Report: rep}
	}
	return rep, nil
}

const manifestHeader = "docket bundle list v1"

// maxManifest caps what ParseManifest reads: a case's records, a line each.
const maxManifest = 16 << 20

// Manifest is the list of a bundle's records, signed with the log's key when the bundle is
// made: the case, the tree the bundle's proofs are against, and the sequence numbers of its
// records, ascending. With it a verifier tells that no record was removed from the bundle,
// none added and the case not relabelled; a record's leaf is fixed by its sequence number and
// the tree, so the numbers are enough. Its text is canonical, a line each:
//
//	docket bundle list v1
//	case case-akberdiyeva
//	tree 1234 <root hash in base64>
//	42
//	57
//
// The first line keeps it from reading as a checkpoint, signed with the same key, and a
// checkpoint from reading as it.
type Manifest struct {
	Case string
	Tree tlog.Tree
	Seqs []int64
}

// FormatManifest returns the text of m.
func FormatManifest(m *Manifest) ([]byte, error) {
	if !docket.ValidID(m.Case) {
		return nil, fmt.Errorf("list of records: bad case id %q", m.Case)
	}
	b := fmt.Appendf(nil, "%s\ncase %s\ntree %d %s\n", manifestHeader, m.Case, m.Tree.N, base64.StdEncoding.EncodeToString(m.Tree.Hash[:]))
	for i, seq := range m.Seqs {
		if seq < 1 || i > 0 && seq <= m.Seqs[i-1] {
			return nil, fmt.Errorf("list of records: change %d out of order", seq)
		}
		b = strconv.AppendInt(b, seq, 10)
		b = append(b, '\n')
	}
	return b, nil
}

// ParseManifest parses the text of a list of records strictly: one text for one list.
func ParseManifest(text []byte) (*Manifest, error) {
	if len(text) > maxManifest {
		return nil, errors.New("list of records: too long")
	}
	lines := strings.Split(string(text), "\n")
	if len(lines) < 4 || lines[0] != manifestHeader || lines[len(lines)-1] != "" {
		return nil, errors.New("list of records: not a " + manifestHeader)
	}
	m := &Manifest{}
	var ok bool
	if m.Case, ok = strings.CutPrefix(lines[1], "case "); !ok || !docket.ValidID(m.Case) {
		return nil, errors.New("list of records: bad case line")
	}
	tree, ok := strings.CutPrefix(lines[2], "tree ")
	size, root, _ := strings.Cut(tree, " ")
	h, err := base64.StdEncoding.DecodeString(root)
	if !ok || err != nil || len(h) != tlog.HashSize || base64.StdEncoding.EncodeToString(h) != root {
		return nil, errors.New("list of records: bad tree line")
	}
	if m.Tree.N, err = canonicalInt(size); err != nil {
		return nil, errors.New("list of records: bad tree size")
	}
	copy(m.Tree.Hash[:], h)
	for _, line := range lines[3 : len(lines)-1] {
		seq, err := canonicalInt(line)
		if err != nil || seq < 1 || len(m.Seqs) > 0 && seq <= m.Seqs[len(m.Seqs)-1] {
			return nil, fmt.Errorf("list of records: bad or unordered change %q", line)
		}
		m.Seqs = append(m.Seqs, seq)
	}
	return m, nil
}

// canonicalInt parses a non-negative decimal number written as strconv writes it.
func canonicalInt(s string) (int64, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || strconv.FormatInt(n, 10) != s {
		return 0, errors.New("not a canonical number")
	}
	return n, nil
}

// OpenManifest verifies a signed list of records with the verifier key and returns it.
func OpenManifest(msg []byte, vkey string) (*Manifest, error) {
	v, err := note.NewVerifier(strings.TrimSpace(vkey))
	if err != nil {
		return nil, fmt.Errorf("verifier key: %w", err)
	}
	n, err := note.Open(msg, note.VerifierList(v))
	if err != nil {
		return nil, fmt.Errorf("signature of the list of records: %w", err)
	}
	return ParseManifest([]byte(n.Text))
}

// SignManifest signs a bundle's list of records.
func (k *Key) SignManifest(m *Manifest) ([]byte, error) {
	text, err := FormatManifest(m)
	if err != nil {
		return nil, err
	}
	return note.Sign(&note.Note{Text: string(text)}, k.Signer)
}
