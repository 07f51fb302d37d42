package modules_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/connection/ssh"
	"github.com/edxplay/edxplay/test/testhosts"
)

// hostConn returns an SSH connection to a real sshd test host on loopback
// (testhosts). Such a host shares this machine's filesystem apart from
// /root and /srv, so a test observes what a module wrote under its temp
// directory, and its network, so it reaches the test's HTTP servers.
func hostConn(t *testing.T) connection.Conn {
	t.Helper()
	fleet := testhosts.StartT(t, testhosts.Options{N: 1, Prefix: fmt.Sprintf("modh%d", chrootSeq.Add(1))})
	h := fleet.Hosts[0]
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := ssh.Dial(ctx, ssh.HostConfig{Host: h.Addr, Port: h.Port, User: "root", ConfigFile: "none",
		PrivateKeyFiles: []string{fleet.ClientKeyFile}, KnownHostsFiles: []string{fleet.KnownHostsFile},
		DisableAgent: true})
	if err != nil {
		t.Fatalf("connect to the test host: %v", err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// fileState describes a local file for convergence checks.
func fileState(p string) func() string {
	return func() string {
		st, err := os.Stat(p)
		if err != nil {
			return "absent"
		}
		data, _ := os.ReadFile(p)
		return st.Mode().String() + " " + string(data)
	}
}

func TestGetURL(t *testing.T) {
	body := "payload v1\n"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/missing":
			http.NotFound(w, r)
		case "/auth":
			if r.Header.Get("X-Token") != "t0k" {
				w.WriteHeader(http.StatusForbidden)
				return
			}
			_, _ = w.Write([]byte("secret\n"))
		default:
			_, _ = w.Write([]byte(body))
		}
	}))
	defer srv.Close()
	conn := hostConn(t)
	dir := t.TempDir()
	dest := filepath.Join(dir, "file.txt")
	sum := sha256.Sum256([]byte(body))
	a := map[string]any{"url": srv.URL + "/file.txt", "dest": dest, "mode": "0640",
		"checksum": "sha256:" + hex.EncodeToString(sum[:])}
	first := assertConverges(t, conn, "get_url", a, fileState(dest))
	if got, _ := os.ReadFile(dest); string(got) != body || first.Data["status_code"] != 200 {
		t.Fatalf("downloaded %q, result %v", got, first.Data)
	}
	if again := applyModule(t, conn, "get_url", a, false); again.Msg != "file already exists" {
		t.Errorf("second run msg = %q", again.Msg)
	}
	// A changed remote file is fetched again with force, not without.
	body = "payload v2\n"
	plain := map[string]any{"url": srv.URL + "/file.txt", "dest": dir, "force": true}
	if res := applyModule(t, conn, "get_url", plain, false); !res.Changed || res.Data["dest"] != dest {
		t.Errorf("force after change: %+v", res)
	}
	if got, _ := os.ReadFile(dest); string(got) != body {
		t.Errorf("content after force = %q", got)
	}
	bad := applyModule(t, conn, "get_url", map[string]any{"url": srv.URL + "/x", "dest": filepath.Join(dir, "x"), "checksum": "sha256:00"}, false)
	if !bad.Failed || !strings.HasPrefix(bad.Msg, "The checksum for") {
		t.Errorf("checksum mismatch: %+v", bad)
	}
	if _, err := os.Stat(filepath.Join(dir, "x")); err == nil {
		t.Error("file with a wrong checksum was kept")
	}
	if res := applyModule(t, conn, "get_url", map[string]any{"url": srv.URL + "/missing", "dest": filepath.Join(dir, "m")}, false); !res.Failed {
		t.Errorf("404 did not fail: %+v", res)
	}
	hdr := map[string]any{"url": srv.URL + "/auth", "dest": filepath.Join(dir, "auth"), "headers": map[string]any{"X-Token": "t0k"}}
	if res := applyModule(t, conn, "get_url", hdr, false); res.Failed || !res.Changed {
		t.Errorf("headers: %+v", res)
	}
	// check mode, unchanged and failed runs drop the description's download
	if left, _ := filepath.Glob(filepath.Join(dir, ".edxplay-download-*")); len(left) > 0 {
		t.Errorf("downloads left behind: %v", left)
	}
}
