package ssh

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/test/testhosts"
)

func TestRunFraming(t *testing.T) {
	t.Parallel()
	f := startFleet(t, testhosts.Options{N: 1, Prefix: "sshframe"})
	c := dialT(t, hostConfig(t, f, 0))
	big := strings.Repeat("0123456789abcdef", 1<<16) // 1 MiB
	tests := []struct {
		name string
		cmd  connection.Command
		want connection.Result
	}{
		{"stdout with newline", connection.Command{Cmd: "echo hello"}, connection.Result{Stdout: "hello\n"}},
		{"no trailing newline", connection.Command{Cmd: "printf abc"}, connection.Result{Stdout: "abc"}},
		{"stderr apart", connection.Command{Cmd: "echo out; echo err >&2; printf e2 >&2"},
			connection.Result{Stdout: "out\n", Stderr: "err\ne2"}},
		{"exit status", connection.Command{Cmd: "exit 42"}, connection.Result{RC: 42}},
		{"syntax error stays in child", connection.Command{Cmd: "echo 'unterminated"},
			connection.Result{Stderr: "/bin/sh: 1: eval: Syntax error: Unterminated quoted string\n", RC: 2}},
		{"env and dir", connection.Command{Cmd: `echo "$A|$B|$(pwd)"`, Dir: "/srv", Env: map[string]string{"A": "x y", "B": "it's"}},
			connection.Result{Stdout: "x y|it's|/srv\n"}},
		{"bad dir", connection.Command{Cmd: "true", Dir: "/nonexistent"},
			connection.Result{Stderr: "/bin/sh: 1: cd: can't cd to /nonexistent\n", RC: 2}},
		{"stdin ignored by shell commands", connection.Command{Cmd: "cat; echo done"}, connection.Result{Stdout: "done\n"}},
		{"stdin data", connection.Command{Cmd: "tr a-z A-Z; printf '%s' rest >&2", Stdin: []byte("abc\nno newline")},
			connection.Result{Stdout: "ABC\nNO NEWLINE", Stderr: "rest"}},
		{"stdin exit status", connection.Command{Cmd: "cat >/dev/null; exit 3", Stdin: []byte("x")}, connection.Result{RC: 3}},
		{"large output", connection.Command{Cmd: fmt.Sprintf("head -c %d /dev/zero | tr '\\0' x", len(big))},
			connection.Result{Stdout: strings.Repeat("x", len(big))}},
		{"marker look-alike", connection.Command{Cmd: "echo EDX-END-0000:0"}, connection.Result{Stdout: "EDX-END-0000:0\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runT(t, c, tt.cmd)
			if got != tt.want {
				t.Errorf("got %s, want %s", short(got), short(tt.want))
			}
		})
	}
	if got := runT(t, c, connection.Command{Cmd: "cd /tmp; exit 7"}); got.RC != 7 {
		t.Errorf("exit in a command: rc %d", got.RC)
	}
	if got := runT(t, c, connection.Command{Cmd: "pwd"}); got.Stdout != "/root\n" {
		t.Errorf("shell state leaked between commands: pwd %q", got.Stdout)
	}
}

func short(r connection.Result) string {
	cut := func(s string) string {
		if len(s) > 80 {
			return fmt.Sprintf("%q...(%d bytes)", s[:80], len(s))
		}
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("{stdout %s stderr %s rc %d}", cut(r.Stdout), cut(r.Stderr), r.RC)
}

func TestConcurrentRunsOnOneConn(t *testing.T) {
	t.Parallel()
	f := startFleet(t, testhosts.Options{N: 1, Prefix: "sshconc"})
	c := dialT(t, hostConfig(t, f, 0))
	var wg sync.WaitGroup
	errs := make(chan error, 200)
	for g := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 10 {
				want := fmt.Sprintf("g%d-i%d", g, i)
				cmd := connection.Command{Cmd: "echo " + want + "; echo " + want + " >&2"}
				if i%3 == 0 {
					cmd.Stdin = []byte("x") // some go through fresh sessions
				}
				res, err := c.Run(context.Background(), cmd)
				if err != nil || res.Stdout != want+"\n" || res.Stderr != want+"\n" {
					errs <- fmt.Errorf("%s: %+v %v", want, res, err)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestCancelStopsRemoteCommand(t *testing.T) {
	t.Parallel()
	f := startFleet(t, testhosts.Options{N: 1, Prefix: "sshcancel"})
	c := dialT(t, hostConfig(t, f, 0))
	for _, stdin := range [][]byte{nil, []byte("x")} {
		tag := fmt.Sprintf("edxcancel%d", len(stdin))
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		start := time.Now()
		_, err := c.Run(ctx, connection.Command{Cmd: "sleep 100; echo " + tag, Stdin: stdin})
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("stdin=%v: want deadline exceeded, got %v", stdin != nil, err)
		}
		// The command sleeps 100 s: returning well before proves the cancel
		// (the bound is loose on purpose: this is no timing test).
		if d := time.Since(start); d > 30*time.Second {
			t.Errorf("stdin=%v: cancel took %v", stdin != nil, d)
		}
	}
	// the shell stays usable and the sleep is gone
	var res connection.Result
	for range 50 {
		res = runT(t, c, connection.Command{Cmd: "pgrep -x sleep -a | grep -c 'sleep 100' || true"})
		if strings.TrimSpace(res.Stdout) == "0" {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if strings.TrimSpace(res.Stdout) != "0" {
		t.Errorf("sleep 100 still running on the host: %q", res.Stdout)
	}
}

func TestReconnectAfterSSHDRestart(t *testing.T) {
	t.Parallel()
	f := startFleet(t, testhosts.Options{N: 1, Prefix: "sshrecon"})
	c := dialT(t, hostConfig(t, f, 0))
	runT(t, c, connection.Command{Cmd: "true"})
	if err := f.KillSSHD(0); err != nil {
		t.Fatal(err)
	}
	_, err := c.Run(context.Background(), connection.Command{Cmd: "true"})
	if !errors.Is(err, connection.ErrUnreachable) {
		t.Fatalf("after sshd died: want ErrUnreachable, got %v", err)
	}
	if err := f.StartSSHD(0); err != nil {
		t.Fatal(err)
	}
	if got := runT(t, c, connection.Command{Cmd: "echo back"}); got.Stdout != "back\n" {
		t.Errorf("after restart: %+v", got)
	}
}

func TestUnreachableHost(t *testing.T) {
	t.Parallel()
	f := startFleet(t, testhosts.Options{N: 1, Prefix: "sshdown"})
	if err := f.KillSSHD(0); err != nil {
		t.Fatal(err)
	}
	hc := hostConfig(t, f, 0)
	hc.Retries = 1
	start := time.Now()
	_, err := Dial(context.Background(), hc)
	if !errors.Is(err, connection.ErrUnreachable) {
		t.Fatalf("want ErrUnreachable, got %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
	_, err = NewPool().Get(context.Background(), hc)
	if !errors.Is(err, connection.ErrUnreachable) {
		t.Fatalf("pool: want ErrUnreachable, got %v", err)
	}
}

func TestHostCutOffIsUnreachable(t *testing.T) {
	t.Parallel()
	f := startFleet(t, testhosts.Options{N: 1, Mode: testhosts.Netns, Prefix: "sshcut"})
	hc := hostConfig(t, f, 0)
	hc.ServerAliveInterval = 300 * time.Millisecond
	hc.Retries = -1
	hc.ConnectTimeout = time.Second
	c := dialT(t, hc)
	runT(t, c, connection.Command{Cmd: "true"})
	if err := f.Down(0); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, err := c.Run(ctx, connection.Command{Cmd: "sleep 30"})
	if !errors.Is(err, connection.ErrUnreachable) {
		t.Fatalf("want ErrUnreachable, got %v", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("noticing the cut took %v", d)
	}
	if err := f.Up(0); err != nil {
		t.Fatal(err)
	}
	// The link needs a moment to carry traffic again (neighbour discovery on
	// a loaded machine); the connection must recover within a bounded time.
	var got connection.Result
	for attempt := 0; attempt < 20; attempt++ {
		if got, err = c.Run(context.Background(), connection.Command{Cmd: "echo again"}); err == nil {
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	if err != nil || got.Stdout != "again\n" {
		t.Errorf("after the link came back: %+v, %v", got, err)
	}
}

func TestFiftyHosts(t *testing.T) {
	t.Parallel()
	f := startFleet(t, testhosts.Options{N: 50, Prefix: "ssh50"})
	pool := NewPool()
	defer pool.Close()
	var wg sync.WaitGroup
	errs := make(chan error, 50)
	for i := range f.Hosts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			c, err := pool.Get(ctx, hostConfig(t, f, i))
			if err != nil {
				errs <- err
				return
			}
			res, err := c.Run(ctx, connection.Command{Cmd: "echo $SSH_CONNECTION"})
			if err != nil || !strings.Contains(res.Stdout, f.Hosts[i].Addr) {
				errs <- fmt.Errorf("host %d: %+v %v", i, res, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
