package ssh

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"testing"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/test/testhosts"
)

func TestWriteAndReadFile(t *testing.T) {
	t.Parallel()
	f := startFleet(t, testhosts.Options{N: 1, Prefix: "sshfiles", Users: becomeUsers})
	hc := hostConfig(t, f, 0)
	root := dialT(t, hc)
	hc.User = testhosts.SudoPasswordUser.Name
	user := dialT(t, hc)
	sudo := &connection.Become{Password: testhosts.SudoPasswordUser.Password}
	binary := append([]byte("no newline\x00\xff"), bytes.Repeat([]byte{1, 2, 3}, 100000)...)
	tests := []struct {
		name  string
		conn  *Conn
		path  string
		data  []byte
		attrs connection.FileAttrs
		want  string // stat -c '%a %U:%G'
	}{
		{"new file default mode", root, "/srv/a.txt", []byte("hello\n"), connection.FileAttrs{}, "644 root:root"},
		{"mode and owner", root, "/srv/b.bin", binary, connection.FileAttrs{Mode: 0o600, Owner: "edxtest", Group: "edxtest"}, "600 edxtest:edxtest"},
		{"replace keeps mode", root, "/srv/b.bin", []byte("short"), connection.FileAttrs{}, "600 edxtest:edxtest"},
		{"become root into /root", user, "/root/secret", []byte("s3cret"), connection.FileAttrs{Mode: 0o640, Become: sudo}, "640 root:root"},
		{"become with owner", user, "/root/owned", binary, connection.FileAttrs{Owner: "edxtest", Become: sudo}, "644 edxtest:root"},
		{"empty file", root, "/srv/empty", []byte{}, connection.FileAttrs{Mode: 0o755}, "755 root:root"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			if err := tt.conn.WriteFile(ctx, tt.path, tt.data, tt.attrs); err != nil {
				t.Fatal(err)
			}
			got, err := tt.conn.ReadFile(ctx, tt.path, tt.attrs.Become)
			if err != nil || !bytes.Equal(got, tt.data) {
				t.Fatalf("read back %d bytes (want %d): %v", len(got), len(tt.data), err)
			}
			res := runT(t, root, connection.Command{Cmd: "stat -c '%a %U:%G' " + tt.path + "; ls -a $(dirname " + tt.path + ") | grep -c edx-tmp"})
			if want := tt.want + "\n0\n"; res.Stdout != want {
				t.Errorf("stat and leftover temp files: %q, want %q", res.Stdout, want)
			}
		})
	}
	if _, err := user.ReadFile(context.Background(), "/root/secret", nil); err == nil {
		t.Error("reading /root without become should fail")
	}
	for _, b := range []*connection.Become{nil, sudo} {
		if _, err := user.ReadFile(context.Background(), "/srv/missing", b); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("become=%v: missing file: %v", b != nil, err)
		}
	}
	if err := user.WriteFile(context.Background(), "/root/x", []byte("x"), connection.FileAttrs{}); err == nil {
		t.Error("writing /root without become should fail")
	}
}
