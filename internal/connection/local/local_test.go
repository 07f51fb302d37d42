package local

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/edxplay/edxplay/internal/connection"
)

func newConn(t *testing.T) *Conn {
	t.Helper()
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		cmd  connection.Command
		want connection.Result
	}{
		{"stdout", connection.Command{Cmd: "echo hello"}, connection.Result{Stdout: "hello\n"}},
		{"stderr and rc", connection.Command{Cmd: "echo oops >&2; exit 3"}, connection.Result{Stderr: "oops\n", RC: 3}},
		{"dir", connection.Command{Cmd: "pwd", Dir: dir}, connection.Result{Stdout: dir + "\n"}},
		{"missing dir", connection.Command{Cmd: "pwd", Dir: filepath.Join(dir, "nope")}, connection.Result{RC: 1}},
		{"env", connection.Command{Cmd: `printf %s "$A-$B"`, Env: map[string]string{"A": "it's", "B": "$x"}}, connection.Result{Stdout: "it's-$x"}},
		{"stdin", connection.Command{Cmd: "cat", Stdin: []byte("in\n")}, connection.Result{Stdout: "in\n"}},
		{"become current user is a no-op", connection.Command{Cmd: "id -un", Become: &connection.Become{User: currentUser(t)}}, connection.Result{Stdout: currentUser(t) + "\n"}},
	}
	c := newConn(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.Run(context.Background(), tt.cmd)
			if err != nil {
				t.Fatal(err)
			}
			if tt.name == "missing dir" {
				got.Stderr = "" // message text varies by shell
			}
			if got != tt.want {
				t.Errorf("Run() = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func currentUser(t *testing.T) string {
	t.Helper()
	return newConn(t).user
}

func TestRunBecomeOtherUser(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("switching user without a password needs root")
	}
	c := newConn(t)
	got, err := c.Run(context.Background(), connection.Command{
		Cmd: "id -un; pwd", Dir: "/", Become: &connection.Become{User: "nobody"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got.Stdout != "nobody\n/\n" || got.RC != 0 {
		t.Errorf("Run() = %+v, want nobody in /", got)
	}
}

func TestRunCancelKillsProcessGroup(t *testing.T) {
	c := newConn(t)
	pidFile := filepath.Join(t.TempDir(), "pid")
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Run(ctx, connection.Command{Cmd: "sleep 30 & echo $! > " + quote(pidFile) + "; wait"})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Run() error = %v, want deadline exceeded", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Fatalf("Run() took %v after cancellation", time.Since(start))
	}
	data, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	var pid int
	for _, ch := range string(data) {
		if ch >= '0' && ch <= '9' {
			pid = pid*10 + int(ch-'0')
		}
	}
	time.Sleep(100 * time.Millisecond)
	if alive(pid) {
		t.Errorf("background child %d still alive after cancellation", pid)
	}
}

// alive reports whether pid runs and is not a zombie awaiting its reaper.
func alive(pid int) bool {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
	return len(fields) > 0 && fields[0] != "Z"
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "existing")
	if err := os.WriteFile(existing, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		path  string
		attrs connection.FileAttrs
		mode  fs.FileMode
	}{
		{"new file gets default mode", filepath.Join(dir, "new"), connection.FileAttrs{}, 0o644},
		{"explicit mode", filepath.Join(dir, "exec"), connection.FileAttrs{Mode: 0o750}, 0o750},
		{"existing mode kept", existing, connection.FileAttrs{}, 0o600},
		{"setgid mode", filepath.Join(dir, "sgid"), connection.FileAttrs{Mode: 0o755 | fs.ModeSetgid}, 0o755 | fs.ModeSetgid},
	}
	c := newConn(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := c.WriteFile(context.Background(), tt.path, []byte("data\n"), tt.attrs); err != nil {
				t.Fatal(err)
			}
			assertFile(t, tt.path, "data\n", tt.mode)
			got, err := c.ReadFile(context.Background(), tt.path, nil)
			if err != nil || string(got) != "data\n" {
				t.Errorf("ReadFile() = %q, %v", got, err)
			}
		})
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(tests) {
		t.Errorf("directory holds %d entries, want %d (temporary file left behind?)", len(entries), len(tests))
	}
}

func assertFile(t *testing.T, path, content string, mode fs.FileMode) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != content {
		t.Errorf("content = %q, want %q", data, content)
	}
	st, _ := os.Stat(path)
	if got := st.Mode() & (fs.ModePerm | fs.ModeSetgid | fs.ModeSetuid | fs.ModeSticky); got != mode {
		t.Errorf("mode = %v, want %v", got, mode)
	}
}

func TestWriteFileOwnerAndBecome(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("chown to another user needs root")
	}
	dir := t.TempDir()
	for _, d := range []string{filepath.Dir(dir), dir} {
		if err := os.Chmod(d, 0o777); err != nil {
			t.Fatal(err)
		}
	}
	c := newConn(t)
	ctx := context.Background()
	owned := filepath.Join(dir, "owned")
	if err := c.WriteFile(ctx, owned, []byte("x"), connection.FileAttrs{Owner: "nobody", Group: "nogroup", Mode: 0o640}); err != nil {
		t.Fatal(err)
	}
	assertOwner(t, owned, 65534)
	asNobody := &connection.Become{User: "nobody"}
	byNobody := filepath.Join(dir, "by-nobody")
	if err := c.WriteFile(ctx, byNobody, []byte("y\n"), connection.FileAttrs{Mode: 0o600, Become: asNobody}); err != nil {
		t.Fatal(err)
	}
	assertFile(t, byNobody, "y\n", 0o600)
	assertOwner(t, byNobody, 65534)
	got, err := c.ReadFile(ctx, byNobody, asNobody)
	if err != nil || string(got) != "y\n" {
		t.Errorf("ReadFile() as nobody = %q, %v", got, err)
	}
	if _, err := c.ReadFile(ctx, filepath.Join(dir, "missing"), asNobody); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadFile() of missing file error = %v, want ErrNotExist", err)
	}
}

func assertOwner(t *testing.T, path string, uid uint32) {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Sys().(*syscall.Stat_t).Uid; got != uid {
		t.Errorf("%s owner uid = %d, want %d", path, got, uid)
	}
}
