package engine

import (
	"reflect"
	"slices"
	"testing"

	"github.com/edxplay/edxplay/internal/jinja"
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
				want = append(want, renderPath(raw, hc)...)
			}
			got := renderPaths(tt.raws, hc)
			slices.Sort(got)
			slices.Sort(want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("joined %q, one by one %q", got, want)
			}
		})
	}
}
