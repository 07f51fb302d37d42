package jinja

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/edxplay/edxplay/internal/jinja2"
)

// TestParseCacheConcurrentRenders renders each cached template from many
// goroutines with different variables (run with -race): a parse is only
// read by rendering, and literal lists are built anew by every render.
func TestParseCacheConcurrentRenders(t *testing.T) {
	e := New(Options{})
	templates := []struct {
		src  string
		want func(n int) string
	}{
		{"{{ root }}/etc/{{ n * 2 }}", func(n int) string { return fmt.Sprintf("/srv/h%d/etc/%d", n, n*2) }},
		{"{% set l = [0] %}{% do l.append(n) %}{{ l | join(',') }}", func(n int) string { return fmt.Sprintf("0,%d", n) }},
		{"{% set ns = namespace(s=0) %}{% for i in range(n + 1) %}{% set ns.s = ns.s + i %}{% endfor %}{{ ns.s }}",
			func(n int) string { return fmt.Sprint(n * (n + 1) / 2) }},
		{"{% macro m(x) %}[{{ x }}]{% endmacro %}{{ m(root) }}{{ {'k': n}.k }}", func(n int) string { return fmt.Sprintf("[/srv/h%d]%d", n, n) }},
		{"{{ (root ~ ' x') | upper | replace('X', n | string) }}", func(n int) string { return fmt.Sprintf("/SRV/H%d %d", n, n) }},
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for n := g * 10; n < g*10+10; n++ {
				s := e.NewScope(map[string]any{"root": fmt.Sprintf("/srv/h%d", n), "n": n})
				for i, tc := range templates {
					got, err := e.Template(tc.src, s)
					if want := tc.want(n); err != nil || got != want {
						errs <- fmt.Errorf("template %d host %d = %v, %v; want %q", i, n, got, err, want)
						return
					}
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n, _ := e.parses.len(); n != len(templates) {
		t.Errorf("cached parses = %d, want %d", n, len(templates))
	}
}

// TestParseCacheIncludePerRendering checks that a cached parse renders
// with its own rendering's loader: the same inline include reads each
// scope's file.
func TestParseCacheIncludePerRendering(t *testing.T) {
	e := New(Options{})
	for _, host := range []string{"a", "b", "c"} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "inc.j2"), []byte("from "+host), 0o600); err != nil {
			t.Fatal(err)
		}
		s := e.NewScope(map[string]any{})
		s.SetFind(func(_, name string) (string, error) { return filepath.Join(dir, name), nil })
		got, err := e.Template("{% include 'inc.j2' %}", s)
		if err != nil || got != "from "+host {
			t.Errorf("host %s: %v, %v", host, got, err)
		}
	}
}

// TestParseCacheErrors checks that errors are located as without the
// cache: a failed parse is not kept and fails again, and a cached parse
// that fails when rendering names its line and column.
func TestParseCacheErrors(t *testing.T) {
	e := New(Options{})
	tests := []struct{ src, err string }{
		{"ok\n{{ x | nosuchfilter }}", `string:2:`},
		{"a\n{{ x +", "string:2:7: unexpected 'end of template'"},
		{"line1\nline2 {{ 1 // z }}", "string:2:10: integer division or modulo by zero"},
	}
	for _, tc := range tests {
		var first string
		for round := 0; round < 3; round++ {
			_, err := e.Template(tc.src, e.NewScope(map[string]any{"x": 1, "z": 0}))
			if err == nil || !strings.Contains(strings.ToLower(err.Error()), strings.ToLower(tc.err)) {
				t.Fatalf("%q round %d: error %v, want %q", tc.src, round, err, tc.err)
			}
			if round == 0 {
				first = err.Error()
			} else if err.Error() != first {
				t.Errorf("%q round %d: error %q, first was %q", tc.src, round, err, first)
			}
		}
	}
	if n, _ := e.parses.len(); n != 1 {
		t.Errorf("cached parses = %d, want 1 (only the template that parsed)", n)
	}
}

// TestParseCacheKeyConfig parses one source with different options: each
// gets its own parse.
func TestParseCacheKeyConfig(t *testing.T) {
	e := New(Options{})
	rc := e.newRenderCtx(e.NewScope(map[string]any{"x": "X"}), newState(), "")
	brackets := ansibleConfig()
	brackets.VariableStart, brackets.VariableEnd = "[[", "]]"
	noTrim := ansibleConfig()
	noTrim.TrimBlocks = false
	crlf := ansibleConfig()
	crlf.NewlineSequence = "\r\n"
	src := "{{ x }}[[ x ]]{% if 1 %}\nT\n{% endif %}"
	tests := []struct {
		cfg  jinja2.Config
		want string
	}{
		{ansibleConfig(), "X[[ x ]]T\n"},
		{brackets, "{{ x }}XT\n"},
		{noTrim, "X[[ x ]]\nT\n"},
		{crlf, "X[[ x ]]T\r\n"},
		{ansibleConfig(), "X[[ x ]]T\n"},
	}
	for i, tc := range tests {
		tpl, err := rc.parse(src, tc.cfg)
		if err != nil {
			t.Fatal(err)
		}
		v, err := tpl.Render(rc)
		if err != nil || v.StrValue() != tc.want {
			t.Errorf("config %d: %q, %v; want %q", i, v.StrValue(), err, tc.want)
		}
	}
	if n, _ := e.parses.len(); n != 4 {
		t.Errorf("cached parses = %d, want 4", n)
	}
}

// roleFilters resolves the filter "shout" only in role "r1".
type roleFilters struct{}

func (roleFilters) Resolver(roleDir string) jinja2.Resolver { return roleResolver(roleDir) }

type roleResolver string

func (r roleResolver) ResolveFilter(name string) (jinja2.FilterFunc, bool) {
	if r != "r1" || name != "shout" {
		return nil, false
	}
	return func(_ *jinja2.CallContext, v jinja2.Value, _ []jinja2.Value, _ *jinja2.Dict) (jinja2.Value, error) {
		return jinja2.Str(strings.ToUpper(v.StrValue()) + "!"), nil
	}, true
}

func (roleResolver) ResolveTest(string) (jinja2.TestFunc, bool) { return nil, false }

// TestParseCacheKeyRole checks that a parse checked with one role's
// plugins is not reused in a role without them.
func TestParseCacheKeyRole(t *testing.T) {
	e := New(Options{Plugins: roleFilters{}})
	tests := []struct{ role, want, err string }{
		{"r1", "HI!", ""},
		{"r2", "", `Could not load "shout"`},
		{"r1", "HI!", ""},
	}
	for _, tc := range tests {
		got, err := e.Template("{{ 'hi' | shout }}", e.NewScope(map[string]any{"role_path": tc.role}))
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("role %s: %v, %v; want error %q", tc.role, got, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("role %s: %v, %v; want %q", tc.role, got, err, tc.want)
		}
	}
}

// TestParseCacheBounds fills a small cache: it keeps at most its entries
// and bytes, dropping the least recently used, and skips oversized parses.
func TestParseCacheBounds(t *testing.T) {
	c := newParseCache(3, 8000)
	env := jinja2.NewEnvironment(ansibleConfig(), nil)
	put := func(src string) {
		tpl, err := env.Parse("string", src)
		if err != nil {
			t.Fatal(err)
		}
		c.put(parseKey{cfg: ansibleConfig(), name: "string", source: src}, tpl.Bind(nil))
	}
	has := func(src string) bool {
		_, ok := c.get(parseKey{cfg: ansibleConfig(), name: "string", source: src})
		return ok
	}
	for i := 0; i < 10; i++ {
		put(fmt.Sprintf("{{ v%d }}", i))
		switch i {
		case 5: // v3 becomes the most recently used: v4 goes first
			if !has("{{ v3 }}") {
				t.Fatal("v3 missing")
			}
		case 6:
			if !has("{{ v3 }}") || has("{{ v4 }}") || !has("{{ v5 }}") {
				t.Fatal("eviction is not least recently used")
			}
		}
	}
	if n, b := c.len(); n != 3 || b > 8000 {
		t.Errorf("entries %d bytes %d, want 3 and <= 8000", n, b)
	}
	if !has("{{ v7 }}") || !has("{{ v8 }}") || !has("{{ v9 }}") {
		t.Error("latest parses missing")
	}
	put(strings.Repeat("x", 2000)) // cost > maxBytes/8
	if has(strings.Repeat("x", 2000)) {
		t.Error("oversized parse kept")
	}
	for i := 0; i < 10; i++ {
		put(fmt.Sprintf("{{ v%d }}%s", i, strings.Repeat("y", 40)))
	}
	if _, b := c.len(); b > 8000 {
		t.Errorf("bytes %d > 8000", b)
	}
}
