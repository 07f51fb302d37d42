package engine

import (
	"slices"
	"testing"

	"github.com/edxplay/edxplay/internal/odict"
)

// TestDictOrderKept checks that the engine's own dict handling keeps
// Python dict order: merge_hash, with_dict items and omit removal.
func TestDictOrderKept(t *testing.T) {
	keys := func(v any) []string { return odict.KeysOf(v) }
	tests := []struct {
		name string
		got  func() any
		want []string
	}{
		{"merge keeps dst's positions, appends src's new keys",
			func() any { return mergeValue(odict.Of("z", 1, "m", 2), odict.Of("a", 3, "z", 4)) },
			[]string{"z", "m", "a"}},
		{"merge of a plain map into a dict",
			func() any { return mergeValue(odict.Of("z", 1), map[string]any{"b": 1, "a": 2}) },
			[]string{"z", "a", "b"}},
		{"merge replaces a non-dict", func() any { return mergeValue("x", odict.Of("q", 1, "p", 2)) },
			[]string{"q", "p"}},
		{"omit removal keeps order",
			func() any { return removeOmit(odict.Of("c", 1, "gone", omitToken, "a", 2)) },
			[]string{"c", "a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := keys(tt.got()); !slices.Equal(got, tt.want) {
				t.Errorf("keys = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestMergeValueRecursesAndCopies(t *testing.T) {
	inner := odict.Of("y", 1, "x", 2)
	dst := odict.Of("d", inner)
	merged := mergeValue(dst, odict.Of("d", odict.Of("w", 3, "y", 4))).(*odict.Map)
	d, _ := merged.Get("d")
	if got := odict.KeysOf(d); !slices.Equal(got, []string{"y", "x", "w"}) {
		t.Errorf("nested keys = %v", got)
	}
	if y, _ := d.(*odict.Map).Get("y"); y != 4 {
		t.Errorf("y = %v, want 4", y)
	}
	if inner.Len() != 2 || dst.Len() != 1 {
		t.Error("merge changed its input")
	}
}
