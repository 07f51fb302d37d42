package engine

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/connection/local"
)

// TestProbeCacheInvalidation checks when batched stats are used: after a
// task that changed nothing, never after a change, and never stale.
func TestProbeCacheInvalidation(t *testing.T) {
	lc, err := local.New()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	f := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(f, []byte("one\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	pc := newProbeConn(lc)
	upcoming := func() probeList { return probeList{paths: []string{f}} }
	steps := []struct {
		name      string
		do        func()
		wantHit   bool
		wantBytes int64
	}{
		{"first task batches", func() { pc.startTask(upcoming) }, true, 4},
		{"a write drops the cache", func() {
			if err := pc.WriteFile(ctx, f, []byte("twenty\n"), connection.FileAttrs{Mode: 0o644}); err != nil {
				t.Fatal(err)
			}
		}, false, 0},
		{"the task after a change does not batch", func() { pc.startTask(upcoming) }, false, 0},
		{"the next one does, with fresh data", func() { pc.startTask(upcoming) }, true, 7},
		{"a command drops the cache", func() { _, _ = pc.Run(ctx, connection.Command{Cmd: "true"}) }, false, 0},
		{"a read-only probe keeps it", func() {
			pc.startTask(upcoming) // dirty from the command: no batch in this task
			pc.startTask(upcoming)
			_, _ = pc.Run(ctx, connection.Command{Cmd: "true", ReadOnly: true})
		}, true, 7},
	}
	for _, s := range steps {
		s.do()
		info, hit := pc.CachedStat(ctx, nil, f, false, true)
		if hit != s.wantHit || (hit && (info.Size != s.wantBytes || info.Checksum == "")) {
			t.Errorf("%s: hit=%v size=%d sum=%q, want hit=%v size=%d", s.name, hit, info.Size, info.Checksum, s.wantHit, s.wantBytes)
		}
	}
	// a batch covering a stat task serves its extras too, until a change
	withExtras := func() probeList { return probeList{paths: []string{f}, extras: []string{f}} }
	_, _ = pc.Run(ctx, connection.Command{Cmd: "true"})
	pc.startTask(withExtras) // dirty from the command: no batch in this task
	pc.startTask(withExtras)
	if _, hit := pc.CachedStat(ctx, nil, f, false, false); !hit {
		t.Fatal("no batch for the stat task")
	}
	if x, ok := pc.CachedStatExtras(nil, f); !ok || !strings.HasPrefix(x, "B ") {
		t.Errorf("extras %q, %v: want the batch's B line first", x, ok)
	}
	_, _ = pc.Run(ctx, connection.Command{Cmd: "true"})
	if _, ok := pc.CachedStatExtras(nil, f); ok {
		t.Error("extras kept after a command")
	}
}
