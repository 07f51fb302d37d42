package jinja2

import "testing"

// TestIntArithmetic checks the int64 fast path against big-int results at
// the overflow edges, with Python's floor division and modulo signs.
func TestIntArithmetic(t *testing.T) {
	const max, min = 9223372036854775807, -9223372036854775808
	cases := []struct {
		op   string
		a, b int64
		want string
	}{
		{"+", max, 1, "9223372036854775808"}, {"-", min, 1, "-9223372036854775809"},
		{"*", max, 2, "18446744073709551614"}, {"*", min, -1, "9223372036854775808"},
		{"//", min, -1, "9223372036854775808"}, {"//", 7, -2, "-4"}, {"%", 7, -2, "-1"},
		{"//", -7, 2, "-4"}, {"%", -7, 2, "1"}, {"+", 2, 3, "5"}, {"-", 0, min, "9223372036854775808"},
		{"*", -3, 4, "-12"}, {"%", min, -1, "0"},
	}
	for _, c := range cases {
		v, err := BinaryOp(c.op, Int(c.a), Int(c.b))
		if err != nil || Repr(v) != c.want {
			t.Errorf("%d %s %d = %s, %v; want %s", c.a, c.op, c.b, Repr(v), err, c.want)
		}
	}
}
