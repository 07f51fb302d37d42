package hostfile_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/edxplay/edxplay/modules/hostfile"
)

// TestBatchStatExtrasMatchScript checks that a batch's stat extras of a
// path are what StatExtrasScript prints for it alone, and that a batch
// not asked for a path's extras has none (and its stats stay intact).
func TestBatchStatExtrasMatchScript(t *testing.T) {
	fs := newFS(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "a file")
	must(t, os.WriteFile(file, []byte("content\n"), 0o640))
	other := filepath.Join(dir, "other")
	must(t, os.WriteFile(other, []byte("x"), 0o600))
	ctx := context.Background()
	for _, p := range []string{file, dir, filepath.Join(dir, "missing")} {
		batch, err := hostfile.BatchProbe(ctx, fs.Conn, nil, []string{p, other}, []string{other}, []string{p})
		if err != nil {
			t.Fatal(err)
		}
		want, err := fs.Exec(ctx, hostfile.StatExtrasScript(p, false, true, true))
		if err != nil {
			t.Fatal(err)
		}
		got, ok := batch.StatExtras(p)
		if !ok || got != want {
			t.Errorf("%s: batch extras %q (found %v), want %q", p, got, ok, want)
		}
		if _, ok := batch.StatExtras(other); ok {
			t.Errorf("%s: extras of a path not asked for", other)
		}
		if info, ok := batch.Lookup(hostfile.Key{Path: other, Follow: true}); !ok || !info.IsFile() {
			t.Errorf("%s: stat lost next to extras: %+v %v", other, info, ok)
		}
	}
}
