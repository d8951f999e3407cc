package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/ledger"
	"golang.org/x/mod/sumdb/note"
)

func (m *Main) runWitness(ctx context.Context, args []string) error {
	f := m.newFlags("witness", `
Usage: docket witness key [--name NAME] [--witness-key FILE]
       docket witness add-log VKEY [--origin ORIGIN]
       docket witness logs
       docket witness refused [ORIGIN] [--json]
       docket witness use VKEY URL
       docket witness remove NAME
       docket witness list
       docket witness cosign [--key-file FILE]

Organisations running Docket cosign each other's checkpoints (C2SP tlog-witness and
tlog-cosignature, Ed25519), so that none of them, nor whoever seizes its server, can fork or
roll back its ledger unseen. Any standard witness can cosign a Docket log, and Docket can
witness any log that signs C2SP checkpoints with an Ed25519 note key.

As a witness:
  key      prints this installation's witness verifier key (making the key on first use,
           named NAME, e.g. example.org/witness): give it to the logs you witness, and to
           whoever checks their bundles.
  add-log  witnesses the log whose verifier key is VKEY (docket key show on its side).
           docket serve --witness then cosigns its checkpoints at /witness/add-checkpoint,
           each only if consistent with the last one cosigned; it refuses a smaller or
           inconsistent tree and keeps the refused request as evidence.
  logs     lists the logs witnessed, with the size last cosigned.
  refused  prints the refused requests, as they came: evidence of a fork or a rollback.

As a log:
  use      asks the witness whose cosignature key is VKEY, at URL (its submission prefix,
           e.g. https://peer.example.org/witness), to cosign this ledger's checkpoints:
           docket serve does after each signing, docket bundle and cosign before they build.
  remove   stops asking a witness; list lists those asked.
  cosign   signs the head now and asks every witness listed.

A witness is contacted only once you list it with use.

Examples:
  docket witness key --name witness.example.org/docket
  docket witness add-log docket-1a2b3c4d+5e6f7a8b+AR...
  docket witness use witness.example.org/docket+0a1b2c3d+BC... https://witness.example.org/witness
  docket witness refused --json`, true)
	name := f.String("name", "", "key: the name of a new witness key (default docket-witness-RANDOM)")
	keyPath := f.String("witness-key", "", "the witness's key `file` (default $XDG_CONFIG_HOME/docket/witness.key)")
	origin := f.String("origin", "", "add-log: the log's origin line, when it is not its key's name")
	keyFile := f.keyFlag()
	f.jsonFlag()
	pos, err := f.parse(args, 1, 3)
	if err != nil {
		return err
	}
	want := map[string]int{"key": 1, "add-log": 2, "logs": 1, "refused": -1, "use": 3, "remove": 2, "list": 1, "cosign": 1}
	n, ok := want[pos[0]]
	if !ok {
		return docket.Errorf(docket.EINVALID, "unknown witness command %q (want key, add-log, logs, refused, use, remove, list or cosign)", pos[0])
	}
	if n > 0 && len(pos) != n || n < 0 && len(pos) > 2 {
		return docket.Errorf(docket.EINVALID, "wrong number of arguments to docket witness %s; see docket witness --help", pos[0])
	}
	if pos[0] == "key" {
		s, err := m.witnessSigner(f, *keyPath, *name, true)
		if err != nil {
			return err
		}
		fmt.Fprintln(m.Stdout, s.Verifier())
		return nil
	}
	db, err := f.open(pos[0] != "logs" && pos[0] != "refused" && pos[0] != "list")
	if err != nil {
		return err
	}
	defer db.Close()
	switch pos[0] {
	case "add-log":
		v, err := note.NewVerifier(strings.TrimSpace(pos[1]))
		if err != nil {
			return docket.Errorf(docket.EINVALID, "log key %q: %s (want the verifier key the log's docket key show prints)", pos[1], err)
		}
		o := *origin
		if o == "" {
			o = v.Name()
		}
		if strings.ContainsAny(o, "\n") || o == "" {
			return docket.Errorf(docket.EINVALID, "--origin %q: want one line", o)
		}
		l, err := db.AddWitnessedLog(ctx, o, strings.TrimSpace(pos[1]))
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "witnessing log %s: docket serve --witness cosigns its checkpoints from the first it is sent\n", l.Origin)
	case "logs":
		logs, err := db.WitnessedLogs(ctx)
		if err != nil {
			return err
		}
		if f.jsonOut {
			return writeJSON(m.Stdout, logs)
		}
		refused, err := db.WitnessRefusals(ctx, "")
		if err != nil {
			return err
		}
		count := map[string]int{}
		for _, r := range refused {
			count[r.Origin]++
		}
		for _, l := range logs {
			at := "never"
			if !l.Cosigned.IsZero() {
				at = l.Cosigned.Format("2006-01-02 15:04:05Z")
			}
			fmt.Fprintf(m.Stdout, "%s\tsize %d\tcosigned %s\trefused %d\n", l.Origin, l.Size, at, count[l.Origin])
		}
	case "refused":
		o := ""
		if len(pos) == 2 {
			o = pos[1]
		}
		rs, err := db.WitnessRefusals(ctx, o)
		if err != nil {
			return err
		}
		if f.jsonOut {
			return writeJSON(m.Stdout, rs)
		}
		for _, r := range rs {
			fmt.Fprintf(m.Stdout, "refusal %d of log %s at %s (it had cosigned size %d): %s\n%s\n", r.ID, r.Origin, r.At.Format("2006-01-02 15:04:05Z"), r.Known, r.Reason, r.Request)
		}
		if len(rs) == 0 {
			fmt.Fprintln(m.Stdout, "no refused request")
		}
	case "use":
		v, err := ledger.NewCosignatureVerifier(pos[1])
		if err != nil {
			return docket.Errorf(docket.EINVALID, "%s (want the key docket witness key prints on the witness's side)", err)
		}
		u, err := url.Parse(pos[2])
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return docket.Errorf(docket.EINVALID, "witness URL %q: want http(s)://HOST/PREFIX, the witness's submission prefix (a Docket witness: its URL and /witness)", pos[2])
		}
		if err := db.AddCosigner(ctx, &docket.Cosigner{Name: v.Name(), Verifier: v.String(), URL: strings.TrimSuffix(pos[2], "/")}); err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "asking witness %s at %s to cosign this ledger's checkpoints\n", v.Name(), pos[2])
	case "remove":
		if err := db.RemoveCosigner(ctx, pos[1]); err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "no longer asking witness %s\n", pos[1])
	case "list":
		cs, err := db.Cosigners(ctx)
		if err != nil {
			return err
		}
		if f.jsonOut {
			return writeJSON(m.Stdout, cs)
		}
		for _, c := range cs {
			fmt.Fprintf(m.Stdout, "%s\t%s\tcosigned size %d\n", c.Name, c.URL, c.Size)
		}
	case "cosign":
		key, err := f.loadKey(ctx, db, *keyFile, true)
		if err != nil {
			return err
		}
		if err := m.cosignHead(ctx, db, key); err != nil {
			return err
		}
		cp, err := db.LatestCheckpoint(ctx)
		if err != nil {
			return err
		}
		fmt.Fprint(m.Stdout, cp.Note)
	}
	return nil
}

// witnessSigner reads the witness key, making it (named name, or a random name) on first use
// when create is set.
func (m *Main) witnessSigner(f *flags, path, name string, create bool) (*ledger.CosignatureSigner, error) {
	if path == "" {
		dir, err := configDir(m.Getenv)
		if err != nil {
			return nil, err
		}
		path = filepath.Join(dir, "witness.key")
	}
	if !fileExists(path) && create {
		if name == "" {
			var b [4]byte
			rand.Read(b[:])
			name = "docket-witness-" + hex.EncodeToString(b[:])
		}
		skey, _, err := ledger.GenerateWitnessKey(name)
		if err != nil {
			return nil, docket.Errorf(docket.EINVALID, "%s", err)
		}
		var pass []byte
		if p := f.passphrase(); p != nil {
			if pass, err = p(); err != nil {
				return nil, docket.Errorf(docket.EINVALID, "passphrase: %s", err)
			}
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, err
		}
		if err := ledger.WriteKeyFile(path, skey, pass); err != nil {
			return nil, err
		}
	} else if name != "" {
		fmt.Fprintf(m.Stderr, "the witness key %s exists already: --name is for a new one\n", path)
	}
	skey, err := ledger.ReadKeyFile(path, f.passphrase())
	if err != nil {
		return nil, docket.Errorf(docket.EINVALID, "%s", err)
	}
	s, err := ledger.ParseWitnessKey(skey)
	if err != nil {
		return nil, docket.Errorf(docket.EINVALID, "%s: %s", path, err)
	}
	return s, nil
}

// cosignHead signs the ledger's head and asks the witnesses listed (if any) to cosign it,
// saying on standard error which did and which did not. A witness that does not answer does
// not stop the caller: the checkpoint is then carried with fewer cosignatures.
func (m *Main) cosignHead(ctx context.Context, db *store, key *ledger.Key) error {
	cs, err := db.Cosigners(ctx)
	if err != nil || len(cs) == 0 {
		return err
	}
	cp, err := db.Checkpoint(ctx, key)
	if err != nil {
		return err
	}
	names, err := (&ledger.WitnessClient{Store: db}).Cosign(ctx, cp)
	if len(names) > 0 {
		fmt.Fprintf(m.Stderr, "checkpoint %d cosigned by %s\n", cp.Size, strings.Join(names, ", "))
	}
	if err != nil {
		fmt.Fprintf(m.Stderr, "warning: %s\n", strings.ReplaceAll(err.Error(), "\n", "\nwarning: "))
	}
	return nil
}
