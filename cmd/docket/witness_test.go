package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// org is one organisation running Docket: its own home (so its own keys) and data folder.
type org struct {
	t    *testing.T
	home string
	data string
}

func newOrg(t *testing.T) *org {
	return &org{t: t, home: t.TempDir(), data: filepath.Join(t.TempDir(), "data")}
}

func (o *org) env(k string) string {
	switch k {
	case "HOME":
		return o.home
	case "DOCKET_AUTHOR":
		return "tester"
	}
	return ""
}

func (o *org) run(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: o.env}
	code := m.Run(context.Background(), args)
	return code, out.String(), errb.String()
}

func (o *org) must(args ...string) string {
	o.t.Helper()
	code, out, errs := o.run(args...)
	if code != 0 {
		o.t.Fatalf("docket %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errs)
	}
	return out
}

// serve runs docket serve for the organisation until the test ends, and returns its URL.
func (o *org) serve(args ...string) (url string, stop func()) {
	o.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan int, 1)
	errb := &syncWriter{w: &bytes.Buffer{}}
	m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: errb, Getenv: o.env, Ready: func(u string) { ready <- u }}
	go func() {
		done <- m.Run(ctx, append([]string{"serve", "--data", o.data, "--addr", "127.0.0.1:0"}, args...))
	}()
	select {
	case url = <-ready:
	case code := <-done:
		o.t.Fatalf("serve exited %d", code)
	case <-time.After(10 * time.Second):
		o.t.Fatal("serve did not start")
	}
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			if code := <-done; code != 0 {
				o.t.Errorf("serve exited %d", code)
			}
		})
	}
	o.t.Cleanup(stop)
	return url, stop
}

func get(t *testing.T, url string) string {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return string(b)
}

// waitFor polls until cond holds, for ten seconds at most.
func pollUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

// TestWitness_ThreeServers: two organisations witness a third's log, each with its own
// server on 127.0.0.1. The log's server has its checkpoints cosigned by both as it grows, and a
// bundle of it verifies under a quorum of two. Then whoever holds the log's disk and key
// rewrites its history and signs it again: both witnesses refuse it and keep the request as
// evidence, a bundle of the forked log fails under the quorum (it still verifies by the log's
// key alone: that is the attack), and checkpoint check reports the fork against the
// checkpoint published before.
func TestWitness_ThreeServers(t *testing.T) {
	logOrg, w1, w2 := newOrg(t), newOrg(t), newOrg(t)
	logOrg.must("demo", "--data", logOrg.data)
	logKey := strings.TrimSpace(logOrg.must("key", "show", "--data", logOrg.data))
	var wkeys, wurls []string
	for i, w := range []*org{w1, w2} {
		name := []string{"w1.test/docket", "w2.test/docket"}[i]
		wkey := strings.TrimSpace(w.must("witness", "key", "--name", name))
		if !strings.HasPrefix(wkey, name+"+") {
			t.Fatalf("witness key %q is not named %s", wkey, name)
		}
		w.must("witness", "add-log", logKey, "--data", w.data)
		url, _ := w.serve("--witness")
		logOrg.must("witness", "use", wkey, url+"/witness", "--data", logOrg.data)
		wkeys, wurls = append(wkeys, wkey), append(wurls, url+"/witness")
	}
	logURL, stopLog := logOrg.serve("--checkpoint-every", "100ms")
	cosignedBoth := func() bool {
		cp := get(t, logURL+"/checkpoint")
		return strings.Contains(cp, "\n— w1.test/docket ") && strings.Contains(cp, "\n— w2.test/docket ")
	}
	pollUntil(t, "both witnesses to cosign the log's first checkpoint", cosignedBoth)
	first := get(t, logURL+"/checkpoint")
	published := filepath.Join(t.TempDir(), "published.checkpoint")
	if err := os.WriteFile(published, []byte(first), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := logOrg.must("checkpoint", "check", "--against", logURL+"/checkpoint", "--data", logOrg.data); !strings.HasPrefix(out, "ok:") {
		t.Fatalf("checkpoint check of the log against its own /checkpoint: %s", out)
	}
	// The log grows; the next checkpoint is cosigned from the first with consistency proofs.
	logOrg.must("add", "Person", "name=Witnessed Growth", "--source", "src-odf-2019-02-11", "--data", logOrg.data)
	pollUntil(t, "the grown checkpoint to be cosigned", func() bool { return get(t, logURL+"/checkpoint") != first && cosignedBoth() })
	stopLog()
	bundle := filepath.Join(t.TempDir(), "b.json")
	if err := os.WriteFile(bundle, []byte(logOrg.must("bundle", "case-akberdiyeva", "--data", logOrg.data)), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := logOrg.must("verify-bundle", bundle, "--key", logKey, "--witness", wkeys[0], "--witness", wkeys[1], "--quorum", "2"); !strings.Contains(out, "cosigned by at least 2") {
		t.Fatalf("verify-bundle of the honest log under a quorum of 2: %s", out)
	}
	sizeOf := func(w *org) float64 {
		var logs []map[string]any
		if err := json.Unmarshal([]byte(w.must("witness", "logs", "--json", "--data", w.data)), &logs); err != nil || len(logs) != 1 {
			t.Fatalf("witness logs: %v %v", logs, err)
		}
		return logs[0]["size"].(float64)
	}
	witnessed := sizeOf(w1)

	// The thief: the log's data and its key, a history rewritten and signed again.
	keyFile := filepath.Join(logOrg.home, ".config", "docket", strings.Split(logKey, "+")[0]+".key")
	thief := newOrg(t)
	export := strings.Replace(logOrg.must("export", "--data", logOrg.data), "acquitted", "convicted", 1)
	forged := filepath.Join(t.TempDir(), "forged.jsonl")
	os.WriteFile(forged, []byte(export), 0o600)
	thief.must("import", forged, "--data", thief.data)
	for range 3 {
		thief.must("add", "Person", "name=Filler", "--new", "--data", thief.data)
	}
	for i, wkey := range wkeys {
		thief.must("witness", "use", wkey, wurls[i], "--data", thief.data)
	}
	code, _, errs := thief.run("witness", "cosign", "--data", thief.data, "--key-file", keyFile)
	if code != 0 || strings.Count(errs, "refused (422)") != 2 {
		t.Fatalf("the forked log asked both witnesses: exit %d\n%s", code, errs)
	}
	for _, w := range []*org{w1, w2} {
		var refused []map[string]any
		if err := json.Unmarshal([]byte(w.must("witness", "refused", "--json", "--data", w.data)), &refused); err != nil || len(refused) != 1 {
			t.Fatalf("the witness kept %d refusals (%v), want 1", len(refused), err)
		}
		if r := refused[0]["request"].(string); !strings.Contains(r, "old ") || !strings.Contains(r, "\n— "+strings.Split(logKey, "+")[0]+" ") {
			t.Errorf("the refusal kept is not the signed request:\n%s", r)
		}
		if got := sizeOf(w); got != witnessed {
			t.Errorf("after the fork the witness's size is %v, want %v", got, witnessed)
		}
	}
	forkBundle := filepath.Join(t.TempDir(), "fork.json")
	os.WriteFile(forkBundle, []byte(thief.must("bundle", "case-akberdiyeva", "--data", thief.data, "--key-file", keyFile)), 0o644)
	if out := thief.must("verify-bundle", forkBundle, "--key", logKey); !strings.HasPrefix(out, "ok:") {
		t.Fatalf("the forked bundle should verify by the log's key alone (that is the attack): %s", out)
	}
	code, _, errs = thief.run("verify-bundle", forkBundle, "--key", logKey, "--witness", wkeys[0], "--witness", wkeys[1], "--quorum", "2")
	if code == 0 || !strings.Contains(errs, "no witness given cosigned") {
		t.Fatalf("the forked bundle under a quorum of 2: exit %d\n%s", code, errs)
	}
	code, out, _ := thief.run("checkpoint", "check", "--against", published, "--data", thief.data, "--key-file", keyFile)
	if code == 0 || !strings.HasPrefix(out, "FORK:") {
		t.Fatalf("checkpoint check of the fork against the published checkpoint: exit %d\n%s", code, out)
	}
}
