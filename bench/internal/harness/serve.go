package harness

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// ModuleDir returns the directory of the main module, where ./cmd/docket is.
func ModuleDir() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", fmt.Errorf("not inside the docket module")
	}
	return filepath.Dir(mod), nil
}

// BuildDocket builds ./cmd/docket of the module into dir and returns the binary's path.
func BuildDocket(ctx context.Context, moduleDir, dir string) (string, error) {
	bin := filepath.Join(dir, "docket")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/docket")
	cmd.Dir = moduleDir
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/docket: %v\n%s", err, out)
	}
	return bin, nil
}

// LoadDemo runs docket demo into a data directory.
func LoadDemo(ctx context.Context, bin, dataDir string) error {
	cmd := exec.CommandContext(ctx, bin, "demo", "--data", dataDir)
	cmd.Env = append(os.Environ(), "DOCKET_AUTHOR=bench")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("docket demo: %v\n%s", err, out)
	}
	return nil
}

// ServeRSS starts docket serve on a data directory at a free port, waits until it says
// where it listens and then idle for wait, reads the VmRSS of that process in kB, and stops
// it.
func ServeRSS(ctx context.Context, bin, dataDir string, wait time.Duration) (int64, error) {
	cmd := exec.CommandContext(ctx, bin, "serve", "--data", dataDir, "--addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "DOCKET_AUTHOR=bench")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return 0, err
	}
	cmd.Stderr = nil // its log is not part of the measurement
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	pid := cmd.Process.Pid
	defer func() {
		// Only the process started here is stopped: politely, then for good.
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	}()
	ready := make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "Docket is at ") {
				ready <- nil
				for sc.Scan() { // keep the pipe drained
				}
				return
			}
		}
		ready <- fmt.Errorf("docket serve exited before listening")
	}()
	select {
	case err := <-ready:
		if err != nil {
			return 0, err
		}
	case <-time.After(60 * time.Second):
		return 0, fmt.Errorf("docket serve did not listen within 60 s")
	}
	time.Sleep(wait)
	kb := ReadStatusKB(pid, "VmRSS")
	if kb < 0 {
		return 0, fmt.Errorf("no VmRSS for pid %d", pid)
	}
	return kb, nil
}
