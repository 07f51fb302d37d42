package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/edxplay/edxplay/test/testhosts"
)

const racePlaybook = `- hosts: all
  gather_facts: false
  tasks:
    - name: first file
      copy: {dest: "{{ d }}/a.conf", content: "a\n"}
    - name: wait for the other process
      wait_for: {path: "{{ d }}/go", timeout: 60}
    - name: second file
      copy: {dest: "{{ d }}/b.conf", content: "b\n"}
      ignore_errors: true
    - name: third file
      copy: {dest: "{{ d }}/c.conf", content: "c\n"}
`

// TestApplyChecksPreStateBeforeEachWrite proves that apply reads a task's
// pre-state right before the task writes: another process changes the
// second file after the apply has started (and written the first), and
// the apply stops before overwriting it, and stops the host even though
// the task says ignore_errors.
func TestApplyChecksPreStateBeforeEachWrite(t *testing.T) {
	fleet := testhosts.StartT(t, testhosts.Options{N: 1, Prefix: "planrace"})
	pb := filepath.Join(t.TempDir(), "site.yml")
	dir := t.TempDir() // the files: /tmp is shared by the loopback test hosts
	writeFile(t, pb, racePlaybook)
	writeFile(t, filepath.Join(dir, "b.conf"), "old\n")
	writeFile(t, filepath.Join(dir, "go"), "")
	planFile := filepath.Join(filepath.Dir(pb), "plan.json")
	if out, code := runAll(t, "plan", pb, "-i", fleet.InventoryFile, "-e", "d="+dir, "-o", planFile); code != 0 {
		t.Fatalf("plan: exit %d\n%s", code, out)
	}
	if err := os.Remove(filepath.Join(dir, "go")); err != nil {
		t.Fatal(err)
	}
	done := make(chan string, 1)
	var code int
	go func() {
		var out bytes.Buffer
		code = runWithWriters([]string{"edxplay", "apply", planFile}, &out, &out)
		done <- out.String()
	}()
	// the other process: waits for the apply's first write, then changes
	// the second file and lets the apply go on
	deadline := time.Now().Add(60 * time.Second)
	for {
		if _, err := os.Stat(filepath.Join(dir, "a.conf")); err == nil {
			break
		}
		if time.Now().After(deadline) {
			writeFile(t, filepath.Join(dir, "go"), "")
			t.Fatalf("the apply never wrote the first file:\n%s", <-done)
		}
		time.Sleep(20 * time.Millisecond)
	}
	writeFile(t, filepath.Join(dir, "b.conf"), "changed by another process\n")
	writeFile(t, filepath.Join(dir, "go"), "")
	out := <-done
	if code != exitFailed {
		t.Fatalf("apply: exit %d, want %d\n%s", code, exitFailed, out)
	}
	if !strings.Contains(out, `REFUSED (drift) h1: task "second file"`) || !strings.Contains(out, "content of "+dir+"/b.conf differs") {
		t.Errorf("the change of b.conf between two tasks was not caught:\n%s", out)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "b.conf")); string(got) != "changed by another process\n" {
		t.Errorf("the apply overwrote the other process's change: %q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "c.conf")); err == nil {
		t.Error("the host went on after the drift")
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "a.conf")); string(got) != "a\n" {
		t.Errorf("the first task was not applied: %q", got)
	}
}
