package engine

import (
	"reflect"
	"testing"

	"github.com/edxplay/edxplay/internal/jinja"
	"github.com/edxplay/edxplay/internal/playbook"
)

// TestRenderPathsJoined checks that rendering a batch's path templates
// together gives the paths rendering each alone gives, also when one of
// them cannot be rendered (undefined variable) or is not a string.
func TestRenderPathsJoined(t *testing.T) {
	eng := jinja.New(jinja.Options{})
	hc := &hostCtx{pr: &playRun{run: &run{Runner: &Runner{Jinja: eng}}},
		scope: eng.NewScope(map[string]any{"root": "/srv/app", "name": "web", "n": 3, "empty": ""})}
	tests := []struct {
		name string
		raws []any
	}{
		{"templates and plain paths", []any{"{{ root }}/etc", "/plain", "{{ root }}/{{ name }}.conf", "{{ root | dirname }}"}},
		{"an undefined variable", []any{"{{ root }}/a", "{{ missing }}/b", "{{ root }}/c"}},
		{"a number and an empty result", []any{"{{ n }}", "{{ empty }}", "{{ root }}/d", 7}},
		{"a comment left open", []any{"{{ root }}/e {#", "{{ root }}/f"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want []string
			for _, raw := range tt.raws {
				want = append(want, renderPath(raw, hc))
			}
			got := renderPaths(tt.raws, hc)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("joined %q, one by one %q", got, want)
			}
		})
	}
}

// TestUpcomingPathsReadsAndGuards checks what a batch prefetches: the
// paths of file modules and the creates/removes of commands, and the text
// only of the files that text-editing modules read.
func TestUpcomingPathsReadsAndGuards(t *testing.T) {
	eng := jinja.New(jinja.Options{})
	hc := &hostCtx{pr: &playRun{run: &run{Runner: &Runner{Jinja: eng}}},
		scope: eng.NewScope(map[string]any{"root": "/srv"})}
	tasks := []*playbook.Task{
		{Action: "file", Args: map[string]any{"path": "{{ root }}/d", "state": "directory"}},
		{Action: "command", Args: map[string]any{"cmd": "touch /srv/x", "creates": "{{ root }}/x"}},
		{Action: "shell", Args: map[string]any{"cmd": "rm /srv/y", "removes": "/srv/y"}},
		{Action: "lineinfile", Args: map[string]any{"path": "{{ root }}/conf", "line": "a"}},
		{Action: "debug", Args: map[string]any{"msg": "/srv/not-a-path"}},
		{Action: "stat", Args: map[string]any{"path": "{{ root }}/st"}},
		{Action: "stat", Args: map[string]any{"path": "/srv/followed", "follow": true}},
	}
	got := upcomingPaths(tasks[0], tasks[1:], hc)()
	want := probeList{paths: []string{"/srv/d", "/srv/x", "/srv/y", "/srv/conf", "/srv/st", "/srv/followed"},
		reads: []string{"/srv/conf"}, extras: []string{"/srv/st"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}
