package pgtest

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/docketorg/docket/internal/needs"
)

// A Cluster is a throwaway PostgreSQL cluster on 127.0.0.1 that a test started.
type Cluster struct {
	Dir  string // its data directory
	Port int
	run  func(name string, args ...string) error
	bin  string
}

// URL is a connection string for database postgres on the cluster, with search_path schema.
func (c *Cluster) URL(schema string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable&search_path=%s", c.Port, schema)
}

// Stop stops the cluster at once, as a machine that goes away would.
func (c *Cluster) Stop() error {
	return c.run(filepath.Join(c.bin, "pg_ctl"), "-D", c.Dir, "-m", "immediate", "-w", "stop")
}

// PrimaryAndStandby starts two PostgreSQL clusters on 127.0.0.1: a primary, made with initdb,
// and a streaming hot standby of it, made with pg_basebackup -R; both stopped when tb ends. The
// server's programs are found with pg_config, else in /usr/lib/postgresql/*/bin; without them
// the test skips, or fails in CI. As root, the clusters run as the user postgres.
func PrimaryAndStandby(tb testing.TB) (primary, standby *Cluster) {
	tb.Helper()
	bin := ""
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		bin = strings.TrimSpace(string(out))
	}
	if _, err := os.Stat(filepath.Join(bin, "initdb")); bin == "" || err != nil {
		matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
		if len(matches) == 0 {
			needs.Missing(tb, "PostgreSQL's programs (initdb, pg_ctl, pg_basebackup) are not installed")
		}
		bin = filepath.Dir(matches[len(matches)-1])
	}
	dir, err := os.MkdirTemp("", "docket-standby-")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { os.RemoveAll(dir) })
	var wrap []string
	if os.Geteuid() == 0 {
		// PostgreSQL refuses to run as root.
		u, err := user.Lookup("postgres")
		if err != nil {
			tb.Fatalf("running as root, the clusters need the user postgres: %v", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chmod(dir, 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.Chown(dir, uid, gid); err != nil {
			tb.Fatal(err)
		}
		wrap = []string{"runuser", "-u", "postgres", "--"}
	}
	run := func(name string, args ...string) error {
		argv := append(append(wrap[:len(wrap):len(wrap)], name), args...)
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		out, err := exec.CommandContext(ctx, argv[0], argv[1:]...).CombinedOutput()
		if err != nil {
			return fmt.Errorf("%s: %w\n%s", strings.Join(argv, " "), err, out)
		}
		return nil
	}
	start := func(c *Cluster) {
		tb.Helper()
		opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=16MB", c.Port, dir)
		if err := run(filepath.Join(bin, "pg_ctl"), "-D", c.Dir, "-l", c.Dir+".log", "-o", opts, "-w", "-t", "120", "start"); err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() { c.Stop() })
	}
	primary = &Cluster{Dir: filepath.Join(dir, "primary"), Port: freePort(tb), run: run, bin: bin}
	if err := run(filepath.Join(bin, "initdb"), "-D", primary.Dir, "-U", "postgres", "--auth=trust", "--no-sync"); err != nil {
		tb.Fatal(err)
	}
	start(primary)
	standby = &Cluster{Dir: filepath.Join(dir, "standby"), Port: freePort(tb), run: run, bin: bin}
	if err := run(filepath.Join(bin, "pg_basebackup"), "-h", "127.0.0.1", "-p", strconv.Itoa(primary.Port), "-U", "postgres",
		"-D", standby.Dir, "-R", "-X", "stream", "--no-sync"); err != nil {
		tb.Fatal(err)
	}
	start(standby)
	return primary, standby
}

// freePort returns a TCP port of 127.0.0.1 that nothing listened on a moment ago.
func freePort(tb testing.TB) int {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
