package sshtest

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/edxplay/edxplay/test/testhosts"
)

// TestFailureLimits compares edxplay's recap and exit code with
// ansible-core's (testdata/failure-limits/*.golden, made by
// testdata/regen.sh) for max_fail_percentage, any_errors_fatal and serial.
func TestFailureLimits(t *testing.T) {
	playbooks, err := filepath.Glob("testdata/failure-limits/*.yml")
	if err != nil || len(playbooks) == 0 {
		t.Fatalf("no playbooks in testdata/failure-limits: %v", err)
	}
	f := startFleet(t, testhosts.Options{N: 4, Prefix: "sshlimits"})
	inv := keyInventory(t, f)
	for _, pb := range playbooks {
		name := strings.TrimSuffix(filepath.Base(pb), ".yml")
		t.Run(name, func(t *testing.T) {
			golden, err := os.ReadFile(strings.TrimSuffix(pb, ".yml") + ".golden")
			if err != nil {
				t.Fatal(err)
			}
			first, rest, _ := strings.Cut(string(golden), "\n")
			code, err := strconv.Atoi(strings.TrimPrefix(first, "exit "))
			if err != nil {
				t.Fatalf("golden file: first line %q: %v", first, err)
			}
			res := edxplay(t, run{args: []string{"run", pb, "-i", inv}})
			wantCode(t, res, code)
			if got, want := recaps(t, res.stdout), parseRecapLines(rest); !reflect.DeepEqual(got, want) {
				t.Errorf("recap:\n got %+v\nwant %+v (ansible-core)\n%s", got, want, res)
			}
		})
	}
}

// logPlaybook appends "<host> <task>" to a shared log in each of two tasks.
const logPlaybook = `
- hosts: fleet
  gather_facts: false
  serial: %s
  tasks:
    - shell: "echo '{{ inventory_hostname }} 1' >> {{ log }}"
    - shell: "sleep 0.2; echo '{{ inventory_hostname }} 2' >> {{ log }}"
`

func TestSerialBatches(t *testing.T) {
	f := startFleet(t, testhosts.Options{N: 5, Prefix: "sshserial"})
	tests := []struct {
		serial  string
		batches [][]string
	}{
		{"2", [][]string{{"h1", "h2"}, {"h3", "h4"}, {"h5"}}},
		{`"50%"`, [][]string{{"h1", "h2"}, {"h3", "h4"}, {"h5"}}},
		{`"60%"`, [][]string{{"h1", "h2", "h3"}, {"h4", "h5"}}},
		{"[1, 3]", [][]string{{"h1"}, {"h2", "h3", "h4"}, {"h5"}}},
	}
	for _, tt := range tests {
		t.Run("serial "+tt.serial, func(t *testing.T) {
			log := filepath.Join(shared(t), "log")
			pb := playbook(t, fmt.Sprintf(logPlaybook, tt.serial))
			res := edxplay(t, run{args: []string{"run", pb, "-i", keyInventory(t, f, "log="+log)}})
			wantCode(t, res, 0)
			data, err := os.ReadFile(log)
			if err != nil {
				t.Fatal(err)
			}
			if got := logBatches(strings.Fields(string(data))); !reflect.DeepEqual(got, tt.batches) {
				t.Errorf("batches in log order: %v, want %v\nlog:\n%s", got, tt.batches, data)
			}
		})
	}
}

// logBatches reads "<host> <task>" pairs and splits them into batches: a
// batch ends when a task-1 line follows a task-2 line. Hosts of a batch
// are listed in order of their task-1 lines, sorted by name.
func logBatches(fields []string) [][]string {
	var batches [][]string
	var cur []string
	lastTask := ""
	for i := 0; i+1 < len(fields); i += 2 {
		host, task := fields[i], fields[i+1]
		if task == "1" && lastTask == "2" {
			batches = append(batches, sortedCopy(cur))
			cur = nil
		}
		if task == "1" {
			cur = append(cur, host)
		}
		lastTask = task
	}
	if len(cur) > 0 {
		batches = append(batches, sortedCopy(cur))
	}
	return batches
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// concurrencyPlaybook counts the hosts inside the task at the same time
// (under flock) and records each new count in {{ dir }}/counts.
const concurrencyPlaybook = `
- hosts: fleet
  gather_facts: false
  tasks:
    - shell: |
        flock {{ dir }}/lock sh -c 'n=$(( $(cat {{ dir }}/count) + 1 )); echo $n > {{ dir }}/count; echo $n >> {{ dir }}/counts'
        sleep 0.6
        flock {{ dir }}/lock sh -c 'echo $(( $(cat {{ dir }}/count) - 1 )) > {{ dir }}/count'
`

func TestForksBoundConcurrency(t *testing.T) {
	f := startFleet(t, testhosts.Options{N: 6, Prefix: "sshforks"})
	pb := playbook(t, concurrencyPlaybook)
	tests := []struct {
		forks    string
		min, max int
	}{
		{"1", 1, 1},
		{"2", 2, 2},
		{"", 3, 6}, // default forks: more than 2 at once
	}
	for _, tt := range tests {
		t.Run("forks "+tt.forks, func(t *testing.T) {
			dir := shared(t)
			writeFile(t, dir, "count", "0\n")
			args := []string{"run", pb, "-i", keyInventory(t, f, "dir="+dir)}
			if tt.forks != "" {
				args = append(args, "--forks", tt.forks)
			}
			res := edxplay(t, run{args: args, timeout: time.Minute})
			wantCode(t, res, 0)
			data, err := os.ReadFile(filepath.Join(dir, "counts"))
			if err != nil {
				t.Fatal(err)
			}
			peak := 0
			for _, s := range strings.Fields(string(data)) {
				n, _ := strconv.Atoi(s)
				peak = max(peak, n)
			}
			if peak < tt.min || peak > tt.max {
				t.Errorf("peak concurrency %d, want %d..%d (counts %q)", peak, tt.min, tt.max, data)
			}
		})
	}
}
