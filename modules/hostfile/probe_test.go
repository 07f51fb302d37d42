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
			got, ok := batch.Lookup(hostfile.Key{Path: p, Follow: follow})
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

// TestBatchStatMisses checks that a batch answers only for the paths it
// stat'ed: a path it was not asked about, or one it leaves out (a '|' or a
// newline in the name), is a miss, never a file reported absent.
func TestBatchStatMisses(t *testing.T) {
	fs := newFS(t)
	dir := t.TempDir()
	piped, asked := filepath.Join(dir, "a|b"), filepath.Join(dir, "asked")
	must(t, os.WriteFile(piped, []byte("x\n"), 0o644))
	must(t, os.WriteFile(asked, []byte("y\n"), 0o644))
	batch, err := hostfile.BatchStat(context.Background(), fs.Conn, nil, []string{piped, asked})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path    string
		wantHit bool
	}{{asked, true}, {piped, false}, {filepath.Join(dir, "other"), false}}
	for _, tc := range tests {
		info, ok := batch.Lookup(hostfile.Key{Path: tc.path})
		if ok != tc.wantHit || (ok && !info.Exists) {
			t.Errorf("%s: hit=%v exists=%v, want hit=%v", tc.path, ok, info.Exists, tc.wantHit)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
