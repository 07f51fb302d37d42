package modules_test

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edxplay/edxplay/connection"
	"github.com/edxplay/edxplay/connection/local"
)

func localConn(t *testing.T) connection.Conn {
	t.Helper()
	c, err := local.New()
	if err != nil {
		t.Fatal(err)
	}
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
	conn := localConn(t)
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
}
