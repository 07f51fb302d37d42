package modules_test

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var archiveMembers = map[string]string{"app/README": "hello\n", "app/bin/run": "#!/bin/sh\n"}

func tgzBytes(t *testing.T) []byte {
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	_ = tw.WriteHeader(&tar.Header{Name: "app/", Typeflag: tar.TypeDir, Mode: 0o755})
	_ = tw.WriteHeader(&tar.Header{Name: "app/bin/", Typeflag: tar.TypeDir, Mode: 0o755})
	for _, name := range []string{"app/README", "app/bin/run"} {
		body := archiveMembers[name]
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(body))}); err != nil {
			t.Fatal(err)
		}
		_, _ = tw.Write([]byte(body))
	}
	_ = tw.Close()
	_ = gz.Close()
	return buf.Bytes()
}

func zipBytes(t *testing.T) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"app/README", "app/bin/run"} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write([]byte(archiveMembers[name]))
	}
	_ = zw.Close()
	return buf.Bytes()
}

// treeState lists a directory tree with contents.
func treeState(root string) func() string {
	return func() string {
		var b strings.Builder
		_ = filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
			if err != nil {
				return nil
			}
			data := ""
			if info.Mode().IsRegular() {
				d, _ := os.ReadFile(p)
				data = string(d)
			}
			b.WriteString(p + " " + info.Mode().String() + " " + data + "\n")
			return nil
		})
		return b.String()
	}
}

func TestUnarchive(t *testing.T) {
	conn := hostConn(t)
	local := t.TempDir()
	writeFiles(t, local, map[string]string{"files/app.tgz": string(tgzBytes(t)), "files/app.zip": string(zipBytes(t))})
	host := dirHost{root: local}
	for _, name := range []string{"app.tgz", "app.zip"} {
		t.Run(name, func(t *testing.T) {
			dest := t.TempDir()
			a := map[string]any{"src": name, "dest": dest, "list_files": true}
			state := treeState(dest)
			before := state()
			if res := applyWithHost(t, conn, host, "unarchive", a, true); !res.Changed || state() != before {
				t.Fatalf("check mode: %+v", res)
			}
			first := applyWithHost(t, conn, host, "unarchive", a, false)
			if !first.Changed || first.Failed {
				t.Fatalf("first run: %+v", first)
			}
			for member, body := range archiveMembers {
				if got, _ := os.ReadFile(filepath.Join(dest, member)); string(got) != body {
					t.Errorf("%s = %q", member, got)
				}
			}
			if again := applyWithHost(t, conn, host, "unarchive", a, false); again.Changed {
				t.Errorf("second run changed: %+v", again)
			}
			_ = os.WriteFile(filepath.Join(dest, "app/README"), []byte("edited\n"), 0o644)
			if res := applyWithHost(t, conn, host, "unarchive", a, true); !res.Changed {
				t.Errorf("edited member not detected")
			}
			withMode := map[string]any{"src": name, "dest": dest, "mode": "u+rwX,g-w,o-w"}
			if res := applyWithHost(t, conn, host, "unarchive", withMode, false); !res.Changed {
				t.Errorf("restore after edit: %+v", res)
			}
			if again := applyWithHost(t, conn, host, "unarchive", withMode, false); again.Changed {
				t.Errorf("second run with mode changed: %+v", again)
			}
			skip := applyWithHost(t, conn, host, "unarchive", map[string]any{"src": name, "dest": dest, "creates": filepath.Join(dest, "app")}, false)
			if skip.Changed || !strings.HasPrefix(skip.Msg, "skipped, since") {
				t.Errorf("creates: %+v", skip)
			}
		})
	}
}
