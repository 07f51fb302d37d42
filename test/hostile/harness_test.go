// Package hostile feeds malformed and hostile inputs (inventories,
// playbooks, templates, vault data) to the edxplay binary and checks that
// none of them panics, hangs or exhausts memory, and that each is either
// rejected at load time with a file:line error before any task runs, or
// handled as ansible-playbook handles it (testdata/ansible.json, recorded
// by testdata/regen.sh).
package hostile

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

const (
	// memLimit is the most memory (peak RSS) one run may use.
	memLimit = 1 << 30
	// timeLimit bounds one run; a run still going then has hung.
	timeLimit = 60 * time.Second
	// pollEvery is how often the watchdog reads /proc/PID/status.
	pollEvery = 20 * time.Millisecond
)

// regen switches the sweep to recording ansible-playbook's behaviour.
var (
	regen      = flag.Bool("regen", false, "run ansible-playbook on the inputs and record testdata/ansible.json")
	regenCases = flag.String("regen-cases", "", "with -regen: only re-record the inputs whose names match this regexp")
)

// outcome is what one run of a playbook runner did.
type outcome struct {
	rc       int
	output   string
	marker   bool  // the marker task (first task of the playbook) ran
	timedOut bool  // killed after timeLimit
	overMem  bool  // killed by the watchdog over memLimit
	peakRSS  int64 // bytes, from wait4's rusage and the watchdog
}

// runLimited runs argv in dir with a time limit and a memory watchdog that
// kills the process once its resident set grows past memLimit.
func runLimited(dir string, env []string, argv []string, limit time.Duration) (outcome, error) {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	if err := cmd.Start(); err != nil {
		return outcome{}, err
	}
	var res outcome
	done := make(chan struct{})
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		res.peakRSS, res.overMem = watchMemory(cmd.Process.Pid, done)
		if res.overMem {
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		}
	}()
	err := cmd.Wait()
	close(done)
	<-watched
	res.output = buf.String()
	res.timedOut = ctx.Err() != nil
	if st := cmd.ProcessState; st != nil {
		if ru, ok := st.SysUsage().(*syscall.Rusage); ok && ru.Maxrss*1024 > res.peakRSS {
			res.peakRSS = ru.Maxrss * 1024
		}
		res.rc = st.ExitCode()
	}
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) && !res.timedOut && !res.overMem {
		return res, err
	}
	return res, nil
}

// watchMemory polls the process's VmHWM until done, and reports the peak
// and whether it passed memLimit.
func watchMemory(pid int, done <-chan struct{}) (int64, bool) {
	var peak int64
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	for {
		if hwm := readVmHWM(pid); hwm > peak {
			peak = hwm
		}
		if peak > memLimit {
			return peak, true
		}
		select {
		case <-done:
			return peak, false
		case <-tick.C:
		}
	}
}

// readVmHWM returns a process's peak resident set in bytes (0 if gone).
func readVmHWM(pid int) int64 {
	f, err := os.Open(filepath.Join("/proc", strconv.Itoa(pid), "status"))
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb * 1024
		}
	}
	return 0
}
