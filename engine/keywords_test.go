package engine

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/connection/local"
	"github.com/edxplay/edxplay/internal/jinja"
	"github.com/edxplay/edxplay/internal/playbook"
	"github.com/edxplay/edxplay/inventory"
	"github.com/edxplay/edxplay/modules"
)

// TestConnectionKeywordsReachTheTransport runs playbooks on the real local
// connection and checks what the transport is handed for the keywords
// -c local cannot show (port, become_method, become_flags): each set at one
// scope reaches the task, and an include's own keyword does not.
func TestConnectionKeywordsReachTheTransport(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root: become runs through runuser")
	}
	const keywords = "port: 2200\nbecome: true\nbecome_method: su\nbecome_flags: '-l'\n"
	const play = "- hosts: h1\n  gather_facts: false\n"
	tests := []struct {
		scope, site string
		port        any
		method      string
	}{
		{"play", play + indent(keywords, 2) + "  tasks:\n    - command: 'true'\n", 2200, "su"},
		{"role entry", play + "  roles:\n    - role: probe\n" + indent(keywords, 6), 2200, "su"},
		{"role dependency", play + "  roles:\n    - role: outer\n" + indent(keywords, 6), 2200, "su"},
		{"block", play + "  tasks:\n    - block:\n        - command: 'true'\n" + indent(keywords, 6), 2200, "su"},
		{"task", play + "  tasks:\n    - command: 'true'\n" + indent(keywords, 6), 2200, "su"},
		{"import_role", play + "  tasks:\n    - import_role: {name: probe}\n" + indent(keywords, 6), 2200, "su"},
		{"include_role apply", play + "  tasks:\n    - include_role:\n        name: probe\n        apply:\n" + indent(keywords, 10), 2200, "su"},
		{"task overrides play", play + indent(keywords, 2) + "  tasks:\n    - command: 'true'\n      become_method: sudo\n      become_flags: '-H'\n      port: 2201\n",
			2201, "sudo"},
	}
	for _, tt := range tests {
		t.Run(tt.scope, func(t *testing.T) {
			rec := runRecorded(t, tt.site)
			if got := rec.vars["ansible_port"]; got != tt.port {
				t.Errorf("dialed with ansible_port %#v, want %v", got, tt.port)
			}
			wantFlags := map[string]string{"su": "-l", "sudo": "-H"}[tt.method]
			if b := rec.become; b == nil || b.Method != tt.method || b.Flags != wantFlags {
				t.Errorf("become %+v, want method %s, flags %s", b, tt.method, wantFlags)
			}
		})
	}
}

func indent(s string, n int) string {
	pad := strings.Repeat(" ", n)
	return pad + strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "\n"+pad) + "\n"
}

// recording is what the transport saw: the dial variables and the become
// of the last command.
type recording struct {
	mu     sync.Mutex
	vars   map[string]any
	become *connection.Become
}

// Dial records the variables and opens the real local connection.
func (r *recording) Dial(_ context.Context, _ string, vars map[string]any) (connection.Conn, error) {
	r.mu.Lock()
	r.vars = vars
	r.mu.Unlock()
	c, err := local.New()
	if err != nil {
		return nil, err
	}
	return recordingConn{c, r}, nil
}

type recordingConn struct {
	connection.Conn
	rec *recording
}

func (c recordingConn) Run(ctx context.Context, cmd connection.Command) (connection.Result, error) {
	c.rec.mu.Lock()
	c.rec.become = cmd.Become
	c.rec.mu.Unlock()
	return c.Conn.Run(ctx, cmd)
}

// runRecorded runs site (with a role "probe" running one command) on one
// local host.
func runRecorded(t *testing.T, site string) *recording {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"site.yml": site, "inventory.ini": "h1 ansible_connection=local\n",
		"roles/probe/tasks/main.yml": "- command: 'true'\n",
		"roles/outer/meta/main.yml":  "dependencies: [probe]\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	opts := playbook.Options{Modules: modules.Specs{}}
	pb, err := playbook.Load(filepath.Join(dir, "site.yml"), opts)
	if err != nil {
		t.Fatal(err)
	}
	inv, err := inventory.Load([]string{filepath.Join(dir, "inventory.ini")}, inventory.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rec := &recording{}
	r := &Runner{Inv: inv, Dialer: rec, Reporter: quiet{}, Loader: diskLoader{opts}, Jinja: jinja.New(jinja.Options{BaseDir: dir})}
	sum, err := r.Run(context.Background(), pb)
	if err != nil {
		t.Fatal(err)
	}
	if sum.AnyFailed() || sum.AnyUnreachable() {
		t.Fatalf("run failed: %+v", sum.Stats["h1"])
	}
	return rec
}

type quiet struct{}

func (quiet) PlayStart(string, []string)        {}
func (quiet) TaskStart(string, bool)            {}
func (quiet) Included(string, []string)         {}
func (quiet) HostResult(HostResult)             {}
func (quiet) Warning(string)                    {}
func (quiet) Recap([]string, map[string]*Stats) {}
