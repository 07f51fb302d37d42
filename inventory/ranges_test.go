package inventory

import (
	"reflect"
	"strings"
	"testing"
)

// TestRangeErrorsMatchAnsible checks host ranges against what
// ansible-inventory 2.14 does with `[g]\n<pattern>` (its message follows
// "Failed to parse ... with ini plugin:"; an empty want lists no hosts).
func TestRangeErrorsMatchAnsible(t *testing.T) {
	cases := []struct {
		in      string
		want    []string
		wantErr string
	}{
		{in: "web[01:xx]", wantErr: "invalid literal for int() with base 10: 'xx'"},
		{in: "web[1:5:0]", wantErr: "range() arg 3 must not be zero"},
		{in: "web[a:5]", wantErr: "invalid literal for int() with base 10: 'a'"},
		{in: "web[1:a]", wantErr: "invalid literal for int() with base 10: 'a'"},
		{in: "web[1:5:x]", wantErr: "invalid literal for int() with base 10: 'x'"},
		{in: "web[a:c:x]", wantErr: "invalid literal for int() with base 10: 'a'"},
		{in: "web[a:c:0]", wantErr: "invalid literal for int() with base 10: 'a'"},
		{in: "web[0a:10]", wantErr: "invalid literal for int() with base 10: '0a'"},
		{in: "web[1:]", wantErr: "host range must specify end value"},
		{in: "web[01:5]", wantErr: "host range must specify equal-length begin and end formats"},
		{in: "web[z:a]", wantErr: "host range must have begin <= end"},
		{in: "web[1:2:3:4]", wantErr: "host range must be begin:end or begin:end:step"},
		{in: "web[]", wantErr: "host range must be begin:end or begin:end:step"},
		{in: "web[5:1]"},
		{in: "web[1:5:-1]"},
		{in: "web[a:c:-1]"},
		{in: "web[5:1:-2]", want: []string{"web5", "web3"}},
		{in: "web[1:5:2]", want: []string{"web1", "web3", "web5"}},
		{in: "web[a:e:2]", want: []string{"weba", "webc", "webe"}},
		{in: "web[:3]", want: []string{"web0", "web1", "web2", "web3"}},
		{in: "web[0:99999999999]", wantErr: "expands to 100000000000 hosts, more than 1048576"},
		{in: "web[0:999][0:999][0:9]", wantErr: "expands to more than 1048576 hosts"},
	}
	for _, c := range cases {
		got, _, err := expandHostPattern(c.in)
		if c.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Errorf("%s: err = %v, want %q", c.in, err, c.wantErr)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: got %q, %v; want %q", c.in, got, err, c.want)
		}
	}
}

func TestPyInt(t *testing.T) {
	for in, want := range map[string]int{"7": 7, " 7 ": 7, "+7": 7, "-7": -7, "1_000": 1000, "007": 7} {
		if got, err := pyInt(in); err != nil || got != want {
			t.Errorf("pyInt(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "x", "1__0", "_1", "1_", "+-1", "1.5", "0x10"} {
		if _, err := pyInt(in); err == nil {
			t.Errorf("pyInt(%q): no error", in)
		}
	}
}
