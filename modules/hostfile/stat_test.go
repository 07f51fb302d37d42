package hostfile_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"syscall"
	"testing"

	"github.com/edxplay/edxplay/internal/connection/local"
	"github.com/edxplay/edxplay/modules/hostfile"
)

func newFS(t *testing.T) *hostfile.FS {
	t.Helper()
	conn, err := local.New()
	if err != nil {
		t.Fatal(err)
	}
	return hostfile.New(conn, nil)
}

func TestStat(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "it's a file")
	if err := os.WriteFile(file, []byte("hello\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink("it's a file", link); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("missing", filepath.Join(dir, "dangling")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		path string
		opts hostfile.StatOptions
		want func(i hostfile.Info) bool
	}{
		{"file with checksum", file, hostfile.StatOptions{Checksum: "sha1"}, func(i hostfile.Info) bool {
			return i.IsFile() && i.Mode == 0o640 && i.Size == 6 && i.Checksum == "f572d396fae9206628714fb2ce00f72e94f2258f" && i.Readable
		}},
		{"directory", dir, hostfile.StatOptions{Checksum: "sha1"}, func(i hostfile.Info) bool {
			return i.IsDir() && i.Checksum == "" && i.Executable
		}},
		{"link", link, hostfile.StatOptions{}, func(i hostfile.Info) bool {
			return i.IsLink() && i.LinkTarget == "it's a file" && i.LinkSource == file
		}},
		{"link followed", link, hostfile.StatOptions{Follow: true, Checksum: "md5"}, func(i hostfile.Info) bool {
			return i.IsFile() && i.Checksum == "b1946ac92492d2347c6235b4d2611184"
		}},
		{"dangling link", filepath.Join(dir, "dangling"), hostfile.StatOptions{}, func(i hostfile.Info) bool {
			return i.Exists && i.IsLink()
		}},
		{"dangling link followed", filepath.Join(dir, "dangling"), hostfile.StatOptions{Follow: true}, func(i hostfile.Info) bool {
			return !i.Exists && i.Type == hostfile.TypeAbsent
		}},
		{"absent", filepath.Join(dir, "nope"), hostfile.StatOptions{}, func(i hostfile.Info) bool {
			return !i.Exists && i.Umask == uint32(currentUmask())
		}},
	}
	fs := newFS(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := fs.Stat(context.Background(), tt.path, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if got.Path != tt.path || !tt.want(got) {
				t.Errorf("Stat() = %+v", got)
			}
		})
	}
}

func currentUmask() int {
	m := syscall.Umask(0)
	syscall.Umask(m)
	return m
}

func TestSetAttrsAndMkdirAll(t *testing.T) {
	ctx := context.Background()
	fs := newFS(t)
	dir := filepath.Join(t.TempDir(), "a", "b c")
	created, err := fs.MkdirAll(ctx, dir, 0o750, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{filepath.Dir(dir), dir}; !reflect.DeepEqual(created, want) {
		t.Errorf("MkdirAll() created %q, want %q", created, want)
	}
	info, err := fs.Stat(ctx, dir, hostfile.StatOptions{})
	if err != nil || info.Mode != 0o750 {
		t.Fatalf("Stat() = %+v, %v; want mode 0750", info, err)
	}
	change, err := fs.SetAttrs(ctx, info, hostfile.Attrs{Mode: "g-x"}, true)
	if err != nil || !change.Changed() || change.After["mode"] != "0740" {
		t.Fatalf("SetAttrs(check) = %+v, %v", change, err)
	}
	if again, _ := fs.Stat(ctx, dir, hostfile.StatOptions{}); again.Mode != 0o750 {
		t.Errorf("check mode changed the mode to %04o", again.Mode)
	}
	if _, err := fs.SetAttrs(ctx, info, hostfile.Attrs{Mode: "g-x", Owner: info.Owner, Group: "0"}, false); err != nil {
		t.Fatal(err)
	}
	after, _ := fs.Stat(ctx, dir, hostfile.StatOptions{})
	if after.Mode != 0o740 {
		t.Errorf("mode after SetAttrs = %04o, want 0740", after.Mode)
	}
	if change, _ := fs.SetAttrs(ctx, after, hostfile.Attrs{Mode: "0740"}, false); change.Changed() {
		t.Errorf("second SetAttrs reported a change: %+v", change)
	}
	if _, err := fs.SetAttrs(ctx, after, hostfile.Attrs{Owner: "no-such-user-xyz"}, true); err == nil {
		t.Error("SetAttrs() with an unknown owner succeeded")
	}
}
