package main

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/docketorg/docket"
	"github.com/docketorg/docket/archive"
	"github.com/docketorg/docket/ledger"
)

// archiveFlags are how a command that fetches does it: serve's background worker, archive
// and ingest. A flag given overrides its stored setting (docket.Settings, changed by an
// admin in the web); a flag not given leaves it.
type archiveFlags struct {
	proxy, userAgent string
	allowPrivate     bool
}

func (f *flags) archiveFlags() *archiveFlags {
	a := &archiveFlags{}
	f.StringVar(&a.proxy, "archive-proxy", "", "fetch through this proxy `URL`: socks5h://HOST:PORT (Tor: socks5h://127.0.0.1:9050) or http://HOST:PORT (CONNECT); names are resolved by the proxy (default: the stored setting, else direct)")
	f.StringVar(&a.userAgent, "archive-user-agent", "", "the User-Agent of fetches (default: the stored setting, else Tor Browser's)")
	f.BoolVar(&a.allowPrivate, "allow-private", false, "allow private, loopback and link-local addresses (through a proxy: local names)")
	return a
}

// check refuses bad flags before anything is done.
func (a *archiveFlags) check() error {
	_, err := a.fetcher(&docket.Settings{})
	return err
}

// fetcher returns the fetcher that the flags and the stored settings s ask for.
func (a *archiveFlags) fetcher(s *docket.Settings) (*archive.Fetcher, error) {
	f := archive.NewFetcher()
	f.AllowPrivate = a.allowPrivate
	proxy := cmp.Or(a.proxy, s.ArchiveProxy)
	if proxy != "" {
		u, err := docket.ParseArchiveProxy(proxy)
		if err != nil {
			return nil, err
		}
		f.Proxy = u
	}
	if ua := cmp.Or(a.userAgent, s.ArchiveUserAgent); ua != "" {
		if err := docket.CheckUserAgent(ua); err != nil {
			return nil, err
		}
		f.UserAgent = ua
	}
	return f, nil
}

// fetcherAttrs says how the fetcher fetches, for the log: the proxy without a password.
func fetcherAttrs(f *archive.Fetcher) []any {
	via := "direct"
	if f.Proxy != nil {
		via = f.Proxy.Redacted()
	}
	return []any{"via", via, "user_agent", f.UserAgent}
}

// storedSettings returns the settings of the store, if there is one, without creating it.
func (f *flags) storedSettings(ctx context.Context) (*docket.Settings, error) {
	db, err := f.open(false)
	if docket.ErrorCode(err) == docket.ENOTFOUND {
		return &docket.Settings{}, nil
	} else if err != nil {
		return nil, err
	}
	defer db.Close()
	return db.Settings(ctx, f.operator())
}

func (m *Main) runArchive(ctx context.Context, args []string) error {
	f := m.newFlags("archive", `
Usage: docket archive SOURCE|URL [--archive-proxy URL] [--archive-user-agent UA] [--allow-private] [--json]

Preserves what a source's URL answers now: fetches it (time-outs, a size limit, redirects
recorded), stores the raw body by its SHA-256 in the store itself with its headers, final URL,
time and extracted text, and records the snapshot with its chain of custody (who asked, when,
by what means, what was received) as a ledger leaf. A URL that no source has yet becomes an
internal source once it has been fetched: a refused or failed fetch records nothing.

This command fetches when it is run, whatever the archiving setting of docket serve, through
the proxy and with the User-Agent of the flags, else of the stored settings (an admin sets
them under Settings in the web), else directly with Tor Browser's User-Agent. Private,
loopback and link-local addresses are refused, also after a redirect, unless --allow-private
is given; through a proxy, which resolves names itself, names of local networks are refused
(localhost, *.local, *.internal, one-label names, private IP literals).

Examples:
  docket archive https://tumba.kz/41092.html
  docket archive https://tumba.kz/41092.html --archive-proxy socks5h://127.0.0.1:9050
  docket archive src-fn1-tumba --json`, true)
	af := f.archiveFlags()
	f.authorFlag()
	f.jsonFlag()
	pos, err := f.parse(args, 1, 1)
	if err != nil {
		return err
	}
	if err := af.check(); err != nil {
		return err
	}
	db, err := f.open(true)
	if err != nil {
		return err
	}
	defer db.Close()
	v := f.operator()
	stored, err := db.Settings(ctx, v)
	if err != nil {
		return err
	}
	a := archive.NewArchiver(db)
	if a.Fetcher, err = af.fetcher(stored); err != nil {
		return err
	}
	const via = "docket archive"
	source := pos[0]
	var snap *docket.Snapshot
	if strings.Contains(source, "://") {
		src := &docket.Source{URL: source, Sensitivity: docket.Internal}
		if err := src.Normalize(); err != nil {
			return err
		}
		found, _, err := db.FindSources(ctx, v, docket.SourceFilter{URL: &src.URL, Limit: 1})
		if err != nil {
			return err
		}
		if len(found) > 0 {
			source = found[0].ID
		} else {
			// Fetched before the source is recorded, so that a refusal leaves nothing behind.
			res, err := a.Fetcher.Fetch(ctx, src.URL)
			if err != nil {
				return err
			}
			if err := db.CreateSource(ctx, v, src); err != nil {
				return err
			}
			source = src.ID
			if snap, err = a.Record(ctx, v, source, res, via); err != nil {
				return err
			}
		}
	}
	if snap == nil {
		if snap, err = a.Archive(ctx, v, source, via); err != nil {
			return err
		}
	}
	// The queue need not fetch again what was just preserved.
	for {
		if j, err := db.NextJob(ctx, time.Now().UTC(), source); err != nil || j == nil {
			break
		} else if err := db.FinishJob(ctx, j.ID, nil, time.Time{}); err != nil {
			return err
		}
	}
	if f.jsonOut {
		return writeJSON(m.Stdout, snap)
	}
	fmt.Fprintf(m.Stdout, "snapshot %s of %s\n  status %d, %d bytes, sha256 %s\n  final URL %s\n", snap.ID, snap.URL, snap.Status, snap.Size, snap.SHA256, snap.FinalURL)
	for _, r := range snap.Redirects {
		fmt.Fprintf(m.Stdout, "  redirected by %s (%d)\n", r.URL, r.Status)
	}
	return nil
}

func (m *Main) runWARC(ctx context.Context, args []string) error {
	f := m.newFlags("warc", `
Usage: docket warc [SOURCE] > FILE.warc

Writes the snapshots of a source, or of the whole archive, as WARC/1.1: a warcinfo record,
then for each snapshot a request, a response (headers and body as stored) and a metadata
record with its chain of custody, each with a SHA-256 block digest. Standard web-archive
tools (warcio, pywb, replayweb.page) read it.

Like every output it holds what its viewer may see: the operator's holds every snapshot,
confidential sources' among them; --public holds those of public sources only, and
--token-file those the token's bearer may see.

Examples:
  docket warc > archive.warc
  docket warc --public > published.warc
  docket warc src-fn1-tumba > tumba.warc`, true)
	viewer := f.viewerFlag()
	pos, err := f.parse(args, 0, 1)
	if err != nil {
		return err
	}
	db, err := f.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	v, err := viewer(ctx, db)
	if err != nil {
		return err
	}
	source := ""
	if len(pos) == 1 {
		source = pos[0]
		if _, err := db.FindSourceByID(ctx, v, source); err != nil {
			return err
		}
	}
	snaps, err := db.FindSnapshots(ctx, v, source)
	if err != nil {
		return err
	}
	w := archive.NewWARCWriter(m.Stdout, "Docket", time.Now())
	for _, s := range snaps {
		body, err := db.FindBlob(ctx, v, s.SHA256)
		if err != nil {
			return err
		}
		if err := w.Write(s, body); err != nil {
			return err
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, "wrote %d snapshots\n", len(snaps))
	what := "of the whole archive"
	if source != "" {
		what = "of " + source
	}
	f.logSecurity(ctx, db, docket.SecWARC, fmt.Sprintf("%d snapshots %s, as %s sees them", len(snaps), what, viewerText(v)))
	return nil
}

// viewerText says whose view an output is, for the security log.
func viewerText(v docket.Viewer) string {
	switch {
	case v.Role == docket.Anonymous:
		return "the public"
	case v.Cleared && v.Role == docket.Admin && v.Author == "":
		return "the operator"
	}
	return v.Name
}

func (m *Main) runBundle(ctx context.Context, args []string) error {
	f := m.newFlags("bundle", `
Usage: docket bundle CASE [--key-file FILE] > FILE.json

Writes the evidence bundle of a case: its public, reviewed statements (with their salts) and
those of the proceedings, charges, events and persons around it, the sources they cite and
the sources' snapshots, an inclusion proof for every record, a freshly signed checkpoint and
the signed list of the records, so that none can be taken out unseen. Nothing internal or
confidential is in it. Anyone can check it offline with the public key:
docket verify-bundle FILE --key KEY. If this log asks witnesses (docket witness use), they
are asked to cosign the checkpoint first, and the bundle carries their cosignatures, which
docket verify-bundle --witness KEY --quorum N requires.

Example:
  docket bundle case-akberdiyeva > akberdiyeva.bundle.json`, true)
	keyFile := f.keyFlag()
	pos, err := f.parse(args, 1, 1)
	if err != nil {
		return err
	}
	db, err := f.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	key, err := f.loadKey(ctx, db, *keyFile, true)
	if err != nil {
		return err
	}
	// The checkpoint the bundle is proved against carries the cosignatures of the witnesses
	// this log asks, if any: ask them now for the head.
	if err := m.cosignHead(ctx, db, key); err != nil {
		return err
	}
	b, err := ledger.BuildBundle(ctx, db, pos[0], key)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(m.Stdout)
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	if err := enc.Encode(b); err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, "bundle of %s: %d records, %d snapshot contents, checkpoint of %s\n", b.Case, len(b.Leaves), len(b.Blobs), key.Verifier)
	if err := w.Flush(); err != nil {
		return err
	}
	f.logSecurity(ctx, db, docket.SecBundle, fmt.Sprintf("evidence bundle of %s: %d records, %d snapshot contents", b.Case, len(b.Leaves), len(b.Blobs)))
	return nil
}

func (m *Main) runVerifyBundle(ctx context.Context, args []string) error {
	f := m.newFlags("verify-bundle", `
Usage: docket verify-bundle FILE --key KEY|KEYFILE [--witness KEY ... [--quorum N]]

Checks an evidence bundle offline, with nothing but the publisher's verifier key (the string
docket key show prints, or a file holding it): the checkpoint's signature, every record's
inclusion in the signed ledger at its place, that the records are those of the signed list
of the case's records (none removed, none added, the case not relabelled), that every record
is public, that the bundle holds its case's record and what its records name (reviewed
statements, cited sources, snapshots' sources), and every snapshot's content against its
SHA-256. It cannot show that the publisher listed every record the ledger holds about the
case. A bundle made before the lists (docket-bundle v1) is checked record by record and said
to verify only in part. Needs no store.

With --witness (once for each witness key you trust, or a file of keys, one a line) it also
requires the checkpoint to carry the cosignatures of --quorum of them (default: all): proof
that those witnesses saw this tree as the log's only history when they signed, so a log
forked or rolled back afterwards, even re-signed with the log's own key, fails here.

Examples:
  docket verify-bundle akberdiyeva.bundle.json --key docket-1a2b3c4d+5e6f7a8b+AR...
  docket verify-bundle akberdiyeva.bundle.json --key KEY --witness W1 --witness W2 --witness W3 --quorum 2`, false)
	key := f.String("key", "", "the verifier key, or a file holding it (required)")
	var witnesses stringList
	f.Var(&witnesses, "witness", "a witness's cosignature verifier `key`, or a file of them; repeat for each")
	quorum := f.Int("quorum", 0, "how many of the --witness keys must have cosigned the checkpoint (default: all of them)")
	f.jsonFlag()
	pos, err := f.parse(args, 1, 1)
	if err != nil {
		return err
	}
	vkey := strings.TrimSpace(*key)
	if vkey == "" {
		return docket.Errorf(docket.EINVALID, "--key is required: the publisher's verifier key")
	}
	if b, err := os.ReadFile(vkey); err == nil {
		vkey = strings.TrimSpace(string(b))
	}
	file, err := os.Open(pos[0])
	if err != nil {
		return err
	}
	defer file.Close()
	var b ledger.Bundle
	dec := json.NewDecoder(file)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		return docket.Errorf(docket.EINVALID, "%s: %s", pos[0], jsonError(err))
	}
	wkeys, err := witnesses.keys()
	if err != nil {
		return err
	}
	switch {
	case *quorum == 0:
		*quorum = len(wkeys)
	case *quorum < 0 || *quorum > len(wkeys):
		return docket.Errorf(docket.EINVALID, "--quorum %d: want between 1 and the %d --witness keys given", *quorum, len(wkeys))
	}
	rep, err := ledger.VerifyBundle(&b, vkey)
	if err == nil || errors.As(err, new(*ledger.UnlistedError)) {
		if _, werr := ledger.OpenCosigned([]byte(b.Checkpoint), vkey, wkeys, *quorum); werr != nil {
			return docket.Errorf(docket.ECONFLICT, "%s does NOT verify: its checkpoint: %s", pos[0], werr)
		}
	}
	var unlisted *ledger.UnlistedError
	if errors.As(err, &unlisted) {
		if f.jsonOut {
			if err := writeJSON(m.Stdout, unlisted.Report); err != nil {
				return err
			}
		}
		return docket.Errorf(docket.ECONFLICT, "%s verifies only in part: %s", pos[0], err)
	} else if err != nil {
		return docket.Errorf(docket.ECONFLICT, "%s does NOT verify: %s", pos[0], err)
	}
	if f.jsonOut {
		return writeJSON(m.Stdout, rep)
	}
	var kinds []string
	for k, n := range rep.Records {
		kinds = append(kinds, fmt.Sprintf("%d %s", n, k))
	}
	sort.Strings(kinds)
	fmt.Fprintf(m.Stdout, "ok: %s verifies against log %s at size %d: case %s, %s, as the signed list of its records has them; %d snapshot contents checked\n",
		pos[0], rep.Origin, rep.TreeSize, rep.Case, strings.Join(kinds, ", "), rep.Snapshots)
	if len(wkeys) > 0 {
		fmt.Fprintf(m.Stdout, "ok: its checkpoint is cosigned by at least %d of the %d witnesses given\n", *quorum, len(wkeys))
	}
	if rep.Withheld > 0 {
		fmt.Fprintf(m.Stdout, "note: %d records were written before records named their authors by id, and are given with the author withheld: they are in the ledger, but what they say was not checked against it\n", rep.Withheld)
	}
	return nil
}

// stringList is a flag given once for each value.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

// keys returns the witness keys given, reading those given as files (one key a line).
func (l stringList) keys() ([]string, error) {
	var out []string
	for _, v := range l {
		v = strings.TrimSpace(v)
		if b, err := os.ReadFile(v); err == nil {
			for _, line := range strings.Split(string(b), "\n") {
				if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
					out = append(out, line)
				}
			}
			continue
		}
		if _, err := ledger.NewCosignatureVerifier(v); err != nil {
			return nil, docket.Errorf(docket.EINVALID, "--witness: %s", err)
		}
		out = append(out, v)
	}
	return out, nil
}
