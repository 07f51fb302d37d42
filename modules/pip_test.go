package modules_test

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edxplay/edxplay/modules"
)

// writeWheel builds a minimal pure-Python wheel of tinypkg at version into dir.
func writeWheel(t *testing.T, dir, version string) {
	t.Helper()
	info := "tinypkg-" + version + ".dist-info/"
	files := []struct{ name, body string }{
		{"tinypkg/__init__.py", fmt.Sprintf("VERSION = %q\n", version)},
		{info + "METADATA", "Metadata-Version: 2.1\nName: tinypkg\nVersion: " + version + "\n"},
		{info + "WHEEL", "Wheel-Version: 1.0\nGenerator: edxplay-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"},
	}
	f, err := os.Create(filepath.Join(dir, "tinypkg-"+version+"-py3-none-any.whl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	var record strings.Builder
	for _, file := range files {
		w, err := zw.Create(file.name)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write([]byte(file.body))
		sum := sha256.Sum256([]byte(file.body))
		fmt.Fprintf(&record, "%s,sha256=%s,%d\n", file.name, base64.RawURLEncoding.EncodeToString(sum[:]), len(file.body))
	}
	record.WriteString(info + "RECORD,,\n")
	w, _ := zw.Create(info + "RECORD")
	_, _ = w.Write([]byte(record.String()))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestPipVirtualenv(t *testing.T) {
	if err := exec.Command("python3", "-c", "import venv, ensurepip").Run(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("python3 with venv and ensurepip is required (apt-get install python3-venv)")
		}
		t.Skip("python3 -m venv is not available")
	}
	conn := hostConn(t)
	dir := t.TempDir()
	wheels := filepath.Join(dir, "wheels")
	if err := os.Mkdir(wheels, 0o755); err != nil {
		t.Fatal(err)
	}
	writeWheel(t, wheels, "1.0")
	venv := filepath.Join(dir, "venv")
	base := map[string]any{"virtualenv": venv, "virtualenv_command": "python3 -m venv",
		"extra_args": "--no-index --find-links " + wheels}
	with := func(extra map[string]any) map[string]any {
		out := map[string]any{}
		for k, v := range base {
			out[k] = v
		}
		for k, v := range extra {
			out[k] = v
		}
		return out
	}
	freeze := func() string {
		out, _ := exec.Command(filepath.Join(venv, "bin", "pip"), "list", "--format=freeze").Output()
		return string(out)
	}
	first := assertConverges(t, conn, "pip", with(map[string]any{"name": []any{"tinypkg==1.0"}}), freeze)
	if !strings.Contains(freeze(), "tinypkg==1.0") {
		t.Fatalf("tinypkg not installed: %s (%v)", freeze(), first.Data)
	}
	writeWheel(t, wheels, "2.0")
	if res := applyModule(t, conn, "pip", with(map[string]any{"name": "tinypkg>=1.0"}), false); res.Changed {
		t.Errorf("present with a satisfied specifier changed: %+v", res)
	}
	assertConverges(t, conn, "pip", with(map[string]any{"name": "tinypkg", "state": "latest"}), freeze)
	if !strings.Contains(freeze(), "tinypkg==2.0") {
		t.Fatalf("latest did not upgrade: %s", freeze())
	}
	assertConverges(t, conn, "pip", with(map[string]any{"name": "tinypkg", "version": "1.0"}), freeze)
	assertConverges(t, conn, "pip", with(map[string]any{"name": "tinypkg", "state": "absent"}), freeze)
	if strings.Contains(freeze(), "tinypkg") {
		t.Errorf("tinypkg still installed: %s", freeze())
	}
}

func TestPipVersionSpecifiers(t *testing.T) {
	tests := []struct {
		req, version string
		want         bool
	}{
		{"a==1.0", "1.0", true}, {"a==1.0", "1.0.0", true}, {"a==1.0", "1.1", false},
		{"a>=1.2,<2", "1.10", true}, {"a>=1.2,<2", "2.0", false}, {"a~=1.4.2", "1.4.9", true},
		{"a~=1.4.2", "1.5.0", false}, {"a==1.*", "1.9", true}, {"a!=1.*", "1.9", false},
		{"a>1.0", "1.0rc1", false}, {"a[extra]>=3", "3.1", true}, {"a", "0.1", true},
	}
	for _, tt := range tests {
		if got := modules.Satisfies(tt.req, tt.version); got != tt.want {
			t.Errorf("%s satisfied by %s = %v, want %v", tt.req, tt.version, got, tt.want)
		}
	}
}
