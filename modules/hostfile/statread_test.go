package hostfile_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestStatReadKeepsText reads files through StatRead's shell-builtin loop
// and checks every byte of text comes back as it is.
func TestStatReadKeepsText(t *testing.T) {
	fs := newFS(t)
	dir := t.TempDir()
	cases := map[string]string{
		"empty":          "",
		"one line":       "a\n",
		"no final nl":    "a\nb",
		"blank lines":    "\n\nx\n\n",
		"backslashes":    "C:\\path\\n \\t\\\\ end\n",
		"format chars":   "%s %d %% -n -e\n",
		"leading spaces": "   indented\n\ttabbed\t\n",
		"crlf":           "dos\r\nline\r\n",
		"unicode":        "héllo ☃\n",
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(dir, filepath.Base(name))
			if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
			info, data, err := fs.StatRead(context.Background(), p)
			if err != nil || !info.Exists {
				t.Fatalf("StatRead: %v exists=%v", err, info.Exists)
			}
			if string(data) != content {
				t.Errorf("got %q, want %q", data, content)
			}
		})
	}
	info, data, err := fs.StatRead(context.Background(), filepath.Join(dir, "missing"))
	if err != nil || info.Exists || data != nil {
		t.Errorf("missing file: %v %v %q", err, info.Exists, data)
	}
}
