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
