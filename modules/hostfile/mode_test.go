package hostfile

import "testing"

func TestResolveMode(t *testing.T) {
	tests := []struct {
		spec  string
		cur   uint32
		isDir bool
		want  uint32
		err   bool
	}{
		{"0644", 0o600, false, 0o644, false},
		{"755", 0o600, false, 0o755, false},
		{"04755", 0o600, false, 0o4755, false},
		{"u+x", 0o644, false, 0o744, false},
		{"u=rw,g=r,o=", 0o777, false, 0o640, false},
		{"a-w", 0o666, false, 0o444, false},
		{"+x", 0o644, false, 0o755, false},
		{"+w", 0o444, false, 0o644, false}, // umask 022 keeps g/o from w
		{"u=rwX,g=rX,o=rX", 0o600, false, 0o644, false},
		{"u=rwX,g=rX,o=rX", 0o700, true, 0o755, false},
		{"u=rwX,g=rX,o=rX", 0o700, false, 0o755, false},
		{"g=u", 0o750, false, 0o770, false},
		{"u+s,g+s,o+t", 0o755, true, 0o7755, false},
		{"u=rw-x+X", 0o755, false, 0o755, false},
		{"u=rw-x+X", 0o664, false, 0o664, false},
		{"go-rwx", 0o777, false, 0o700, false},
		{"z+x", 0o644, false, 0, true},
		{"u+q", 0o644, false, 0, true},
		{"rw", 0o644, false, 0, true},
		{"010000", 0o644, false, 0, true},
	}
	for _, tt := range tests {
		got, err := ResolveMode(tt.spec, tt.cur, tt.isDir, 0o022)
		if (err != nil) != tt.err || got != tt.want {
			t.Errorf("ResolveMode(%q, %04o) = %04o, %v; want %04o, error %v", tt.spec, tt.cur, got, err, tt.want, tt.err)
		}
	}
}

func TestQuote(t *testing.T) {
	tests := map[string]string{
		"plain":     "'plain'",
		"it's":      `'it'\''s'`,
		"":          "''",
		"$x `y` \\": "'$x `y` \\'",
	}
	for in, want := range tests {
		if got := Quote(in); got != want {
			t.Errorf("Quote(%q) = %s, want %s", in, got, want)
		}
	}
}
