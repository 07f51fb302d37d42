package engine

import (
	"slices"
	"testing"

	"github.com/edxplay/edxplay/internal/odict"
)

// TestFirstFoundNames checks with_first_found's candidates: plain names,
// and {files, paths, skip} terms as the first_found lookup reads them.
func TestFirstFoundNames(t *testing.T) {
	tests := []struct {
		name  string
		terms any
		want  []string
		skip  bool
	}{
		{"plain names", []any{"a.yml", []any{"b.yml"}}, []string{"a.yml", "b.yml"}, false},
		{"files list with skip", []any{odict.Of("files", []any{"vars/Debian-12.yml", "vars/Debian.yml"}, "skip", true)},
			[]string{"vars/Debian-12.yml", "vars/Debian.yml"}, true},
		{"files and paths split at separators", []any{odict.Of("files", "x.yml,y.yml", "paths", "p1:p2")},
			[]string{"p1/x.yml", "p1/y.yml", "p2/x.yml", "p2/y.yml"}, false},
		{"spaces kept", []any{odict.Of("files", []any{"vars file spaces.yml"})}, []string{"vars file spaces.yml"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, skip := firstFoundNames(tt.terms)
			if !slices.Equal(got, tt.want) || skip != tt.skip {
				t.Errorf("firstFoundNames = %q, %v; want %q, %v", got, skip, tt.want, tt.skip)
			}
		})
	}
}
