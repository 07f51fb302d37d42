package modules_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/edxplay/edxplay/internal/connection/local"
)

// TestFileTimes sets explicit timestamps with the file module (state file
// and touch), converging: the wanted times are epoch seconds of the local
// time zone, as Python's time.mktime(time.strptime(...)).
func TestFileTimes(t *testing.T) {
	conn, err := local.New()
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2020, 1, 1, 12, 0, 0, 0, time.Local)
	tests := []struct {
		name  string
		state string
		args  map[string]any
	}{
		{"file", "file", map[string]any{"modification_time": "202001011200.0", "access_time": "202001011200.0"}},
		{"touch", "touch", map[string]any{"modification_time": "01/01/2020 12:00", "modification_time_format": "%m/%d/%Y %H:%M",
			"access_time": "202001011200.0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "f")
			if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
			a := map[string]any{"path": p, "state": tt.state}
			for k, v := range tt.args {
				a[k] = v
			}
			state := func() string {
				st, err := os.Stat(p)
				if err != nil {
					return err.Error()
				}
				return st.ModTime().UTC().String()
			}
			assertConverges(t, conn, "file", a, state)
			if st, _ := os.Stat(p); !st.ModTime().Equal(want) {
				t.Errorf("mtime %v, want %v", st.ModTime(), want)
			}
		})
	}
}

// TestFileTimeErrors checks Ansible's message for a time that does not
// match its format.
func TestFileTimeErrors(t *testing.T) {
	conn, err := local.New()
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(p, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	res := applyModule(t, conn, "file", map[string]any{"path": p, "state": "file", "modification_time": "bad"}, false)
	want := "Error while obtaining timestamp for time bad using format %Y%m%d%H%M.%S: time data 'bad' does not match format '%Y%m%d%H%M.%S'"
	if !res.Failed || res.Msg != want {
		t.Errorf("failed=%v msg=%q, want %q", res.Failed, res.Msg, want)
	}
}
