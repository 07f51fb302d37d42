package inventory

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestMalformedInventories(t *testing.T) {
	tests := []struct {
		file string
		line int // 0: the error names no line (YAML)
	}{
		{"bad_range.ini", 2},
		{"child_bad_name.ini", 2},
		{"host_bad_var.ini", 2},
		{"loop.ini", 4},
		{"mixed_range.ini", 2},
		{"range_width.ini", 2},
		{"section_spaces.ini", 3},
		{"trailing_colon.ini", 2},
		{"unclosed_quote.ini", 2},
		{"undefined_child.ini", 3},
		{"unknown_section.ini", 3},
		{"vars_no_equals.ini", 6},
		{"vars_undefined.ini", 4},
		{"yaml_hosts_list.yml", 0},
		{"yaml_int_host.yml", 0},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", "malformed", tt.file)
			want := readGolden(t, strings.TrimSuffix(path, filepath.Ext(path))+".err")
			_, err := Load([]string{path}, Options{})
			if err == nil {
				t.Fatalf("Load succeeded, want error %q", want)
			}
			msg := err.Error()
			// ansible prefixes some messages with the path it was given.
			want = strings.TrimPrefix(want, tt.file+":")
			if !strings.Contains(msg, want) {
				t.Errorf("error %q does not contain ansible's message %q", msg, want)
			}
			if tt.line > 0 {
				loc := tt.file + ":" + strconv.Itoa(tt.line) + ": "
				if !strings.Contains(msg, loc) {
					t.Errorf("error %q does not name %q", msg, loc)
				}
			}
		})
	}
}
