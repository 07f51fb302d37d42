package hostfile_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/edxplay/edxplay/modules/hostfile"
)

// TestBatchStatMatchesStat checks that one BatchStat gives, for every
// path and follow mode, exactly what a single Stat (with sha1) gives.
func TestBatchStatMatchesStat(t *testing.T) {
	fs := newFS(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "a file")
	must(t, os.WriteFile(file, []byte("content\n"), 0o640))
	must(t, os.Mkdir(filepath.Join(dir, "sub"), 0o750))
	must(t, os.Symlink(file, filepath.Join(dir, "link")))
	must(t, os.Symlink(filepath.Join(dir, "nowhere"), filepath.Join(dir, "dangling")))
	must(t, os.WriteFile(filepath.Join(dir, "empty"), nil, 0o600))
	paths := []string{file, filepath.Join(dir, "sub"), filepath.Join(dir, "link"), filepath.Join(dir, "dangling"),
		filepath.Join(dir, "missing"), filepath.Join(dir, "empty")}
	ctx := context.Background()
	batch, err := hostfile.BatchStat(ctx, fs.Conn, nil, paths)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		for _, follow := range []bool{false, true} {
			want, err := fs.Stat(ctx, p, hostfile.StatOptions{Follow: follow, Checksum: "sha1"})
			if err != nil {
				t.Fatal(err)
			}
			got, ok := batch[hostfile.Key{Path: p, Follow: follow}]
			if !ok {
				t.Errorf("%s follow=%v: missing from the batch", p, follow)
				continue
			}
			got.ATime, want.ATime = 0, 0 // reading a file for its sum may touch atime
			if got != want {
				t.Errorf("%s follow=%v:\n batch %+v\nsingle %+v", p, follow, got, want)
			}
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
