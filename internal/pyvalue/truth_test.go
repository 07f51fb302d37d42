package pyvalue

import (
	"math/big"
	"testing"
)

func TestTruthy(t *testing.T) {
	cases := []struct {
		v    any
		want bool
	}{
		{nil, false}, {false, false}, {true, true}, {0, false}, {2, true}, {0.0, false}, {0.5, true},
		{big.NewInt(0), false}, {big.NewInt(7), true}, {"", false}, {"False", true}, {[]any{}, false},
		{[]any{0}, true}, {map[string]any{}, false}, {map[string]any{"a": nil}, true},
	}
	for _, c := range cases {
		if got := Truthy(c.v); got != c.want {
			t.Errorf("Truthy(%#v) = %v, want %v", c.v, got, c.want)
		}
	}
}
