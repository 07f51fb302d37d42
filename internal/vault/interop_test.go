package vault

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// requireAnsibleVault returns the path of ansible-vault; without it the
// test fails under CI=true and is skipped elsewhere.
func requireAnsibleVault(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("ansible-vault")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("ansible-vault is required in CI: %v", err)
		}
		t.Skipf("ansible-vault not installed: %v", err)
	}
	return path
}

// runAnsibleVault runs ansible-vault with args in dir and returns stdout.
func runAnsibleVault(t *testing.T, dir string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(requireAnsibleVault(t), args...)
	cmd.Dir = dir
	cmd.Env = append(cleanEnv(), "ANSIBLE_NOCOLOR=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("ansible-vault %v: %v\n%s", args, err, stderr.Bytes())
	}
	return out
}

// cleanEnv is the environment without settings that would add vault
// secrets or change ansible's configuration.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "ANSIBLE_") {
			env = append(env, kv)
		}
	}
	return env
}

// copyPasswords puts the test password files into dir.
func copyPasswords(t *testing.T, dir string) {
	t.Helper()
	for _, f := range []string{"password", "password-dev"} {
		if err := os.WriteFile(filepath.Join(dir, f), readFile(t, filepath.Join("testdata", f)), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// interopCases are the secret setups tried in both directions.
func interopCases(t *testing.T) []struct {
	name    string
	secret  Secret
	cliArgs []string
} {
	def, dev := testSecrets(t)
	return []struct {
		name    string
		secret  Secret
		cliArgs []string
	}{
		{"1.1 password file", def, []string{"--vault-password-file", "password"}},
		{"1.2 vault id", dev, []string{"--vault-id", "dev@password-dev"}},
		{"1.2 among several ids", dev, []string{"--vault-id", "default@password", "--vault-id", "dev@password-dev"}},
	}
}

func TestAnsibleVaultDecryptsGoOutput(t *testing.T) {
	requireAnsibleVault(t)
	plains := [][]byte{readFile(t, "testdata/plain.yml"), {}, []byte("0123456789abcdef"), {0xff, 0, 1, 2}}
	for _, tc := range interopCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			copyPasswords(t, dir)
			for i, plain := range plains {
				enc, err := Encrypt(plain, tc.secret.Password, tc.secret.ID)
				if err != nil {
					t.Fatal(err)
				}
				name := filepath.Join(dir, "go.vault")
				if err := os.WriteFile(name, enc, 0o600); err != nil {
					t.Fatal(err)
				}
				args := append([]string{"decrypt", "--output", "-"}, tc.cliArgs...)
				got := runAnsibleVault(t, dir, append(args, "go.vault")...)
				if !bytes.Equal(got, plain) {
					t.Errorf("case %d: ansible-vault decrypted %q, want %q", i, got, plain)
				}
			}
		})
	}
}

func TestGoDecryptsAnsibleVaultOutput(t *testing.T) {
	requireAnsibleVault(t)
	plain := readFile(t, "testdata/plain.yml")
	def, dev := testSecrets(t)
	for _, tc := range interopCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			copyPasswords(t, dir)
			if err := os.WriteFile(filepath.Join(dir, "plain.yml"), plain, 0o600); err != nil {
				t.Fatal(err)
			}
			args := append([]string{"encrypt", "--encrypt-vault-id", tc.secret.ID, "--output", "-"}, tc.cliArgs...)
			enc := runAnsibleVault(t, dir, append(args, "plain.yml")...)
			got, used, err := DecryptWithSecret(enc, NewSecrets(def, dev))
			if err != nil {
				t.Fatalf("decrypting %s: %v", enc, err)
			}
			if !bytes.Equal(got, plain) || used.ID != tc.secret.ID {
				t.Errorf("got %q with %q, want %q with %q", got, used.ID, plain, tc.secret.ID)
			}
			env, err := ParseEnvelope(enc)
			if err != nil || env.VaultID != tc.secret.ID {
				t.Errorf("envelope vault id = %q (%v), want %q", env.VaultID, err, tc.secret.ID)
			}
		})
	}
}
