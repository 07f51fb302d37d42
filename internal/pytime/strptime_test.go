package pytime

import (
	"testing"
	"time"
)

// TestStrptime checks results and messages against Python 3:
// python3 -c 'import datetime; print(datetime.datetime.strptime(S, F))'.
func TestStrptime(t *testing.T) {
	tests := []struct {
		s, format string
		want      time.Time
		err       string
	}{
		{"202001011200.0", "%Y%m%d%H%M.%S", time.Date(2020, 1, 1, 12, 0, 0, 0, time.UTC), ""},
		{"01/02/20 3:04", "%m/%d/%y %H:%M", time.Date(2020, 1, 2, 3, 4, 0, 0, time.UTC), ""},
		{"Mar 5 2021", "%b %d %Y", time.Date(2021, 3, 5, 0, 0, 0, 0, time.UTC), ""},
		{"bad", "%Y%m%d%H%M.%S", time.Time{}, "time data 'bad' does not match format '%Y%m%d%H%M.%S'"},
		{"2021", "%Q", time.Time{}, "'Q' is a bad directive in format '%Q'"},
		{"20210230", "%Y%m%d", time.Time{}, "day is out of range for month"},
	}
	for _, tt := range tests {
		got, err := Strptime(tt.s, tt.format)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("Strptime(%q, %q) error %v, want %q", tt.s, tt.format, err, tt.err)
			}
			continue
		}
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("Strptime(%q, %q) = %v, %v; want %v", tt.s, tt.format, got, err, tt.want)
		}
	}
}
