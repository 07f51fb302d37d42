package modules

import (
	"bytes"
	"reflect"
	"testing"
)

// TestEncodeText checks output_encoding against Python's str.encode.
func TestEncodeText(t *testing.T) {
	cases := []struct {
		in, enc string
		want    []byte
		err     bool
	}{
		{"café", "utf-8", []byte("café"), false},
		{"café", "latin-1", []byte{'c', 'a', 'f', 0xe9}, false},
		{"€‚Ÿ", "windows-1252", []byte{0x80, 0x82, 0x9f}, false},
		{"\u0081", "cp1252", nil, true},
		{"é", "ascii", nil, true},
		{"x", "klingon", nil, true},
	}
	for _, c := range cases {
		got, err := encodeText(c.in, c.enc)
		if (err != nil) != c.err || !bytes.Equal(got, c.want) {
			t.Errorf("encodeText(%q, %s) = %v, %v; want %v (error %v)", c.in, c.enc, got, err, c.want, c.err)
		}
	}
}

// TestPythonFacts checks the shape of ansible_python (as ansible -m setup
// gives it for /usr/bin/python3 3.11.2).
func TestPythonFacts(t *testing.T) {
	f := map[string]any{}
	pythonFacts("cpython 3 11 2 final 0 1 /usr/bin/python3", f)
	want := map[string]any{
		"executable": "/usr/bin/python3", "has_sslcontext": true, "type": "cpython",
		"version":      map[string]any{"major": 3, "minor": 11, "micro": 2, "releaselevel": "final", "serial": 0},
		"version_info": []any{3, 11, 2, "final", 0},
	}
	if !reflect.DeepEqual(f["ansible_python"], want) || f["ansible_python_version"] != "3.11.2" {
		t.Errorf("got %#v, %v", f["ansible_python"], f["ansible_python_version"])
	}
	none := map[string]any{}
	pythonFacts("", none)
	if len(none) != 0 {
		t.Errorf("no python3: got %v", none)
	}
}
