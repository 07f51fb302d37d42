package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestVaultFlagsReachTheTool encrypts a string and views it back through
// the CLI (the parsed flags reach the tool), and refuses a flag the
// subcommand does not take, as ansible-vault does.
func TestVaultFlagsReachTheTool(t *testing.T) {
	dir := t.TempDir()
	pw := filepath.Join(dir, "pw")
	if err := os.WriteFile(pw, []byte("s3cret-pass\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	enc := filepath.Join(dir, "enc.txt")
	var out, errOut bytes.Buffer
	code := runWithWriters([]string{"edxplay", "vault", "encrypt_string", "--vault-password-file", pw,
		"--name", "db_password", "--output", enc, "hunter22"}, &out, &errOut)
	if code != 0 {
		t.Fatalf("encrypt_string: exit %d: %s", code, errOut.String())
	}
	data, err := os.ReadFile(enc)
	if err != nil || !strings.HasPrefix(string(data), "db_password: !vault |") || strings.Contains(string(data), "hunter22") {
		t.Fatalf("encrypt_string --name --output wrote %q (%v)", data, err)
	}
	tests := []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"vault", "view", "--name", "x", enc}, exitUsage, "unrecognized arguments for view: --name"},
		{[]string{"vault", "decrypt", "--new-vault-id", "a@b", enc}, exitUsage, "--new-vault-id"},
	}
	for _, tt := range tests {
		out.Reset()
		errOut.Reset()
		if code := runWithWriters(append([]string{"edxplay"}, tt.args...), &out, &errOut); code != tt.code ||
			!strings.Contains(errOut.String(), tt.err) {
			t.Errorf("%q: exit %d, stderr %q; want exit %d naming %q", tt.args, code, errOut.String(), tt.code, tt.err)
		}
	}
}
