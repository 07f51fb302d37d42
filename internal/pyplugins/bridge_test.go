package pyplugins

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edxplay/edxplay/internal/jinja"
	"github.com/edxplay/edxplay/internal/taint"
)

// TestBridge covers what the bridge adds to the engine: plugin errors as
// Ansible words them, unknown names, role plugin directories and the
// marks of the inputs.
func TestBridge(t *testing.T) {
	needPython(t)
	dir := playbookDir(t)
	e, b := engine(t, dir)
	role := filepath.Join(dir, "role")
	cases := []struct {
		name    string
		tmpl    string
		vars    map[string]any
		want    any
		wantErr string
		flags   taint.Flags
	}{
		{name: "python exception", tmpl: "{{ 'x' | edx_boom }}", wantErr: "ValueError: boom: x"},
		{name: "ansible exception", tmpl: "{{ 'x' | edx_fail }}", wantErr: "refused x"},
		{name: "unknown filter", tmpl: "{{ 'x' | edx_nothere }}", wantErr: `Could not load "edx_nothere"`},
		{name: "unknown test", tmpl: "{{ 'x' is edx_nothere }}", wantErr: `Could not load "edx_nothere"`},
		{name: "role filter unknown outside its role", tmpl: "{{ 'x' | edx_role_name }}", wantErr: `Could not load "edx_role_name"`},
		{name: "role filter in its role", tmpl: "{{ 'x' | edx_role_name }}", vars: map[string]any{"role_path": role}, want: "role:x"},
		{name: "unsafe input stays unsafe", tmpl: "{{ v | edx_wrap }}", vars: map[string]any{"v": taint.Value{V: "{{ x }}", Flags: taint.Unsafe}},
			want: "<{{ x }}>", flags: taint.Unsafe},
		{name: "filter test via select", tmpl: "{{ [1, 2, 3, 4] | select('edx_even') | list }}", want: []any{2, 4}},
		{name: "filter is known to the filter test", tmpl: "{{ 'edx_wrap' is filter }}", want: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := e.TemplateMarked(c.tmpl, e.NewScope(c.vars))
			if c.wantErr != "" {
				if err == nil {
					t.Fatalf("got %v, want error %q", got, c.wantErr)
				}
				msg := err.Error()
				if pe, ok := jinja.PythonException(err); ok {
					msg = pe
				}
				if !strings.Contains(msg, c.wantErr) {
					t.Fatalf("error %q, want %q", msg, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var flags taint.Flags
			if tv, ok := got.(taint.Value); ok {
				got, flags = tv.V, tv.Flags
			}
			if flags&c.flags != c.flags {
				t.Errorf("marks %v, want %v", flags, c.flags)
			}
			if g, w := jsonOf(t, got), jsonOf(t, c.want); g != w {
				t.Fatalf("got %s, want %s", g, w)
			}
		})
	}
	if b.w == nil || b.w.cmd.ProcessState != nil {
		t.Fatal("want one live worker for all the calls")
	}
}

// TestNoPython: without a Python with ansible-core the names stay
// unknown, with one warning saying why.
func TestNoPython(t *testing.T) {
	dir := playbookDir(t)
	var warnings []string
	b := New(context.Background(), Options{BaseDir: dir, Pythons: []string{filepath.Join(dir, "no-python")},
		Warn: func(m string) { warnings = append(warnings, m) }})
	defer b.Close()
	e := jinja.New(jinja.Options{BaseDir: dir, Plugins: b})
	for i := 0; i < 2; i++ {
		_, err := e.Template("{{ 'a' | edx_wrap }}", e.NewScope(nil))
		if err == nil || !strings.Contains(err.Error(), `Could not load "edx_wrap"`) {
			t.Fatalf("error %v, want Could not load", err)
		}
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "need a Python with ansible-core") {
		t.Fatalf("warnings %q, want one about Python", warnings)
	}
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	var b strings.Builder
	enc := jsonEncoder(&b)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(b.String())
}

// TestLoadWarnings: plugin files that cannot be loaded are skipped with
// Ansible's warnings, and the other files' plugins still run.
func TestLoadWarnings(t *testing.T) {
	needPython(t)
	dir := playbookDir(t)
	files := []struct{ name, body, warning string }{
		{"broken.py", "def x(:\n", "Skipping plugin (" + filepath.Join(dir, "filter_plugins", "broken.py") + "), cannot load: invalid syntax"},
		{"noclass.py", "X = 1\n", "Skipping plugin (" + filepath.Join(dir, "filter_plugins", "noclass.py") + ") as it seems to be invalid: module 'ansible.plugins.filter."},
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, "filter_plugins", f.name), []byte(f.body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var warnings []string
	b := New(context.Background(), Options{BaseDir: dir, Warn: func(m string) { warnings = append(warnings, m) }})
	defer b.Close()
	e := jinja.New(jinja.Options{BaseDir: dir, Plugins: b})
	got, err := e.Template("{{ 'a' | edx_wrap }}", e.NewScope(nil))
	if err != nil || got != "<a>" {
		t.Fatalf("got %v, %v; want <a>", got, err)
	}
	if len(warnings) != len(files) {
		t.Fatalf("warnings %q, want %d", warnings, len(files))
	}
	for i, f := range files {
		if !strings.HasPrefix(warnings[i], f.warning) {
			t.Errorf("warning %q, want %q...", warnings[i], f.warning)
		}
	}
}
