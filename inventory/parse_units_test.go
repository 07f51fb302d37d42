package inventory

import (
	"reflect"
	"strings"
	"testing"
)

func TestExpandHostPattern(t *testing.T) {
	tests := []struct {
		in      string
		want    []string
		port    int
		wantErr string
	}{
		{in: "web[01:03]", want: []string{"web01", "web02", "web03"}},
		{in: "db-[a:c]", want: []string{"db-a", "db-b", "db-c"}},
		{in: "w[0:20:5]", want: []string{"w0", "w5", "w10", "w15", "w20"}},
		{in: "n[:2]", want: []string{"n0", "n1", "n2"}},
		{in: "r[1:2]-[x:y]", want: []string{"r1-x", "r1-y", "r2-x", "r2-y"}},
		{in: "app[8:9]:8080", want: []string{"app8", "app9"}, port: 8080},
		{in: "host:22", want: []string{"host"}, port: 22},
		{in: "[2001:db8::1]:2222", want: []string{"2001:db8::1"}, port: 2222},
		{in: "fe80::1", want: []string{"fe80::1"}},
		{in: "10.0.[1:2].1", want: []string{"10.0.1.1", "10.0.2.1"}},
		{in: "w[01:100]", wantErr: "equal-length"},
		{in: "w[1]", wantErr: "begin:end"},
		{in: "w[c:a]", wantErr: "begin <= end"},
		// Ranges as ansible-inventory 2.14 reads them from `[g]\n<pattern>`: its
		// message after "Failed to parse ... with ini plugin:", or the hosts it
		// lists (none for an empty want).
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
	for _, tt := range tests {
		got, port, err := expandHostPattern(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%s: err = %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %v, %v; want %v", tt.in, got, err, tt.want)
		}
		if gotPort := 0; port != nil {
			gotPort = *port
			if gotPort != tt.port {
				t.Errorf("%s: port %d, want %d", tt.in, gotPort, tt.port)
			}
		} else if tt.port != 0 {
			t.Errorf("%s: no port, want %d", tt.in, tt.port)
		}
	}
}

func TestShlexSplit(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{`a b=c`, []string{"a", "b=c"}},
		{`h x="a b" y='c d'`, []string{"h", "x=a b", "y=c d"}},
		{`h x=a#b c`, []string{"h", "x=a"}},
		{`h # all comment`, []string{"h"}},
		{`h x="" y=''`, []string{"h", "x=", "y="}},
		{`h x="a\"b" y="a\nb" z=a\ b`, []string{"h", `x=a"b`, `y=a\nb`, "z=a b"}},
		{`h x='a\b'`, []string{"h", `x=a\b`}},
	}
	for _, tt := range tests {
		got, err := shlexSplit(tt.in)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("shlexSplit(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	if _, err := shlexSplit(`h x="open`); err == nil || err.Error() != "No closing quotation" {
		t.Errorf("unclosed quote: err = %v", err)
	}
}
