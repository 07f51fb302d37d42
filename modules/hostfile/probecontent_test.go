package hostfile_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// batchConn answers stats from one batch and counts the commands that
// still reach the host.
type batchConn struct {
	connection.Conn
	batch *hostfile.Batch
	runs  atomic.Int32
}

func (c *batchConn) Run(ctx context.Context, cmd connection.Command) (connection.Result, error) {
	c.runs.Add(1)
	return c.Conn.Run(ctx, cmd)
}

func (c *batchConn) CachedStat(_ context.Context, _ *connection.Become, path string, follow, checksum bool) (hostfile.Info, bool) {
	info, ok := c.batch.Lookup(hostfile.Key{Path: path, Follow: follow})
	if !ok || (checksum && info.IsFile() && info.Readable && info.Checksum == "") {
		return hostfile.Info{}, false
	}
	return info, true
}

// TestBatchProbeReadsText checks that StatRead answered from a batch that
// read the files gives what StatRead gives without one, and needs no
// round trip for the small readable files; a file longer than the limit,
// or one whose batched text is not what sha1sum read (a NUL byte), is read
// by StatRead itself.
func TestBatchProbeReadsText(t *testing.T) {
	fs := newFS(t)
	dir := t.TempDir()
	files := map[string]string{
		"lines": "a = 1\n\nb = 2\n", "no newline": "x\ny", "empty": "", "tabs and backslashes": "\tk\\n v \n",
		"D and E lines": "D\nE x\nT\nC /x|y\n", "big": strings.Repeat("0123456789abcde\n", 5000),
		"nul byte": "a\x00b\n",
	}
	var paths []string
	for name, text := range files {
		p := filepath.Join(dir, name)
		must(t, os.WriteFile(p, []byte(text), 0o644))
		paths = append(paths, p)
	}
	must(t, os.Mkdir(filepath.Join(dir, "sub"), 0o755))
	must(t, os.Symlink(filepath.Join(dir, "lines"), filepath.Join(dir, "link")))
	paths = append(paths, filepath.Join(dir, "sub"), filepath.Join(dir, "link"), filepath.Join(dir, "missing"))
	ctx := context.Background()
	batch, err := hostfile.BatchProbe(ctx, fs.Conn, nil, paths, paths, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		wantInfo, want, err := fs.StatRead(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		bc := &batchConn{Conn: fs.Conn, batch: batch}
		gotInfo, got, err := hostfile.New(bc, nil).StatRead(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		gotInfo.ATime, wantInfo.ATime = 0, 0
		if string(got) != string(want) || (got == nil) != (want == nil) || gotInfo != wantInfo {
			t.Errorf("%s: batch %q %+v, alone %q %+v", filepath.Base(p), got, gotInfo, want, wantInfo)
		}
		wantRuns := int32(0)
		if name := filepath.Base(p); name == "big" || name == "nul byte" {
			wantRuns = 1 // not taken from the batch: too long, or not the text sha1sum read
		}
		if n := bc.runs.Load(); n != wantRuns {
			t.Errorf("%s: %d round trips, want %d", filepath.Base(p), n, wantRuns)
		}
	}
}

// TestGlobExistsFromBatch checks that a plain absolute creates/removes
// path is answered from the batch (no round trip) as the host answers it,
// and that globs and relative paths still ask the host.
func TestGlobExistsFromBatch(t *testing.T) {
	fs := newFS(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "there")
	must(t, os.WriteFile(file, nil, 0o600))
	must(t, os.Symlink(filepath.Join(dir, "nowhere"), filepath.Join(dir, "dangling")))
	asked := []string{file, filepath.Join(dir, "dangling"), filepath.Join(dir, "missing")}
	ctx := context.Background()
	batch, err := hostfile.BatchStat(ctx, fs.Conn, nil, asked)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		pattern string
		runs    int32
	}{{asked[0], 0}, {asked[1], 0}, {asked[2], 0}, {filepath.Join(dir, "th*"), 1}, {filepath.Join(dir, "other"), 1}, {"there", 1}}
	for _, tc := range tests {
		want, err := fs.GlobExists(ctx, tc.pattern, "")
		if err != nil {
			t.Fatal(err)
		}
		bc := &batchConn{Conn: fs.Conn, batch: batch}
		got, err := hostfile.New(bc, nil).GlobExists(ctx, tc.pattern, "")
		if err != nil {
			t.Fatal(err)
		}
		if got != want || bc.runs.Load() != tc.runs {
			t.Errorf("%s: batch says %v after %d round trips, host says %v (want %d round trips)", tc.pattern, got, bc.runs.Load(), want, tc.runs)
		}
	}
}
