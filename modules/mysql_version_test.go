package modules

import "testing"

// TestServerVersionCompare compares servers' VERSION() strings with the
// thresholds the mysql modules use, by their leading dotted numbers.
func TestServerVersionCompare(t *testing.T) {
	for _, c := range []struct {
		version, want string
		cmp           int
	}{
		{"10.11.6-MariaDB-0+deb12u1", "10.5.1", 1},
		{"10.5.1-MariaDB", "10.5.1", 0},
		{"10.4.32-MariaDB-log", "10.5.1", -1},
		{"8.0.22", "8.0.22", 0},
		{"5.7.44-log", "8.0.22", -1},
		{"10.4", "10.4.0", 0},
	} {
		if got := serverVersionCompare(c.version, c.want); got != c.cmp {
			t.Errorf("serverVersionCompare(%q, %q) = %d, want %d", c.version, c.want, got, c.cmp)
		}
	}
}
