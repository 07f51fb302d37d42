package vaulttool

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edxplay/edxplay/internal/vault"
)

// harness is a Tool with captured streams and a fixed environment.
type harness struct {
	tool   *Tool
	stdout *bytes.Buffer
	stderr *bytes.Buffer
	dir    string
}

// newHarness returns a Tool reading stdin from stdin, answering prompts
// with the lines of answers, and seeing only env as its environment. Its
// directory holds "pw" (password "secret-1") and "pw2" ("secret-2").
func newHarness(t *testing.T, stdin, answers string, env map[string]string) *harness {
	t.Helper()
	h := &harness{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, dir: t.TempDir()}
	writeTestFile(t, h.path("pw"), "secret-1\n", 0o600)
	writeTestFile(t, h.path("pw2"), "secret-2\n", 0o600)
	h.tool = &Tool{
		Stdin:    strings.NewReader(stdin),
		Stdout:   h.stdout,
		Stderr:   h.stderr,
		Prompter: vault.NewReaderPrompter(strings.NewReader(answers), h.stderr),
		Getenv:   func(k string) string { return env[k] },
	}
	return h
}

func (h *harness) path(name string) string { return filepath.Join(h.dir, name) }

func writeTestFile(t *testing.T, path, content string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

func readTestFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// decryptWith decrypts data with one password.
func decryptWith(t *testing.T, data, password string) string {
	t.Helper()
	plain, err := vault.Decrypt([]byte(data), vault.NewSecrets(vault.Secret{ID: "x", Password: []byte(password)}))
	if err != nil {
		t.Fatalf("decrypting %q: %v", data, err)
	}
	return string(plain)
}

func fileMode(t *testing.T, path string) os.FileMode {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Mode().Perm()
}

func TestEncryptThenDecryptInPlace(t *testing.T) {
	ctx := context.Background()
	h := newHarness(t, "", "", nil)
	f := h.path("vars.yml")
	writeTestFile(t, f, "a: 1\n", 0o644)
	o := SecretOptions{PasswordFiles: []string{h.path("pw")}}
	if err := h.tool.Encrypt(ctx, o, []string{f}, ""); err != nil {
		t.Fatal(err)
	}
	enc := readTestFile(t, f)
	if !strings.HasPrefix(enc, "$ANSIBLE_VAULT;1.1;AES256\n") || decryptWith(t, enc, "secret-1") != "a: 1\n" {
		t.Fatalf("encrypted file = %q", enc)
	}
	if m := fileMode(t, f); m != 0o600 {
		t.Errorf("encrypted file mode = %o, want 600", m)
	}
	if err := h.tool.Decrypt(ctx, o, []string{f}, ""); err != nil {
		t.Fatal(err)
	}
	if got := readTestFile(t, f); got != "a: 1\n" {
		t.Errorf("decrypted file = %q", got)
	}
	if h.stdout.Len() != 0 || h.stderr.Len() != 0 {
		t.Errorf("unexpected output %q / %q", h.stdout, h.stderr)
	}
}

func TestEncryptStdinToStdout(t *testing.T) {
	h := newHarness(t, "from stdin\n", "", nil)
	o := SecretOptions{VaultIDs: []string{"dev@" + h.path("pw")}}
	if err := h.tool.Encrypt(context.Background(), o, nil, "-"); err != nil {
		t.Fatal(err)
	}
	out := h.stdout.String()
	if !strings.HasPrefix(out, "$ANSIBLE_VAULT;1.2;AES256;dev\n") || decryptWith(t, out, "secret-1") != "from stdin\n" {
		t.Errorf("stdout = %q", out)
	}
	h2 := newHarness(t, out, "", nil)
	writeTestFile(t, h2.path("pw"), "secret-1", 0o600)
	if err := h2.tool.Decrypt(context.Background(), SecretOptions{PasswordFiles: []string{h2.path("pw")}}, nil, ""); err != nil {
		t.Fatal(err)
	}
	if h2.stdout.String() != "from stdin\n" {
		t.Errorf("decrypted stdout = %q", h2.stdout)
	}
}

func TestActionErrors(t *testing.T) {
	ctx := context.Background()
	h := newHarness(t, "", "", nil)
	vaulted := h.path("v.yml")
	enc, err := vault.Encrypt([]byte("x: 1\n"), []byte("secret-1"), "")
	if err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, vaulted, string(enc), 0o600)
	pw, pw2 := h.path("pw"), h.path("pw2")
	tests := []struct {
		name      string
		run       func() error
		wantErr   string
		wantUsage bool
	}{
		{"wrong password", func() error {
			return h.tool.Decrypt(ctx, SecretOptions{PasswordFiles: []string{pw2}}, []string{vaulted}, "")
		}, "decrypting " + vaulted + ": decryption failed (no vault secrets were found that could decrypt)", false},
		{"several ids need --encrypt-vault-id", func() error {
			return h.tool.Encrypt(ctx, SecretOptions{VaultIDs: []string{"a@" + pw, "b@" + pw2}}, []string{vaulted}, "")
		}, "The vault-ids a,b are available to encrypt. Specify the vault-id to encrypt with --encrypt-vault-id", true},
		{"unknown --encrypt-vault-id", func() error {
			return h.tool.Encrypt(ctx, SecretOptions{VaultIDs: []string{"a@" + pw}, EncryptVaultID: "c"}, []string{vaulted}, "")
		}, "did not find a match for --encrypt-vault-id=c in the known vault-ids ['a']", false},
		{"already encrypted", func() error {
			return h.tool.Encrypt(ctx, SecretOptions{PasswordFiles: []string{pw}}, []string{vaulted}, "")
		}, "input is already encrypted", false},
		{"output with several files", func() error {
			return h.tool.Decrypt(ctx, SecretOptions{PasswordFiles: []string{pw}}, []string{vaulted, vaulted}, "out")
		}, "At most one input file may be used with the --output option", true},
		{"semicolon in vault id", func() error {
			return h.tool.View(ctx, SecretOptions{VaultIDs: []string{"a;b@" + pw}}, []string{vaulted})
		}, "'a;b@" + pw + "' is not a valid vault id", true},
		{"no password source and no prompt answer", func() error {
			return h.tool.View(ctx, SecretOptions{}, []string{vaulted})
		}, "eof (ctrl-d) on prompt for (default)", false},
		{"not vaulted", func() error {
			return h.tool.View(ctx, SecretOptions{PasswordFiles: []string{pw}}, []string{pw})
		}, "input is not vault encrypted data", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.run()
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
			}
			var u *UsageError
			if errors.As(err, &u) != tt.wantUsage {
				t.Errorf("usage error = %v, want %v", !tt.wantUsage, tt.wantUsage)
			}
		})
	}
	if got := decryptWith(t, readTestFile(t, vaulted), "secret-1"); got != "x: 1\n" {
		t.Errorf("failed actions changed the file: %q", got)
	}
}

func TestView(t *testing.T) {
	h := newHarness(t, "", "secret-1\n", nil)
	f := h.path("v")
	enc, err := vault.Encrypt([]byte("no newline"), []byte("secret-1"), "dev")
	if err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, f, string(enc), 0o600)
	if err := h.tool.View(context.Background(), SecretOptions{AskVaultPass: true}, []string{f}); err != nil {
		t.Fatal(err)
	}
	if h.stdout.String() != "no newline\n" {
		t.Errorf("view = %q", h.stdout)
	}
	if h.stderr.String() != "Vault password: \n" {
		t.Errorf("prompt = %q", h.stderr)
	}
}

func TestRekey(t *testing.T) {
	tests := []struct {
		name       string
		target     RekeyTarget
		answers    string
		wantHeader string
		wantPrompt string
	}{
		{"new password file", RekeyTarget{PasswordFile: "pw2"}, "", "$ANSIBLE_VAULT;1.1;AES256", ""},
		{"new vault id", RekeyTarget{VaultID: "prod@pw2"}, "", "$ANSIBLE_VAULT;1.2;AES256;prod", ""},
		{"prompted", RekeyTarget{}, "secret-2\nsecret-2\n", "$ANSIBLE_VAULT;1.1;AES256",
			"New Vault password: \nConfirm New Vault password: \n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, "", tt.answers, nil)
			if tt.target.PasswordFile != "" {
				tt.target.PasswordFile = h.path(tt.target.PasswordFile)
			}
			if tt.target.VaultID != "" {
				tt.target.VaultID = strings.Replace(tt.target.VaultID, "@", "@"+h.dir+"/", 1)
			}
			f := h.path("v")
			enc, err := vault.Encrypt([]byte("data"), []byte("secret-1"), "old")
			if err != nil {
				t.Fatal(err)
			}
			writeTestFile(t, f, string(enc), 0o640)
			err = h.tool.Rekey(context.Background(), SecretOptions{PasswordFiles: []string{h.path("pw")}}, tt.target, []string{f})
			if err != nil {
				t.Fatal(err)
			}
			got := readTestFile(t, f)
			if !strings.HasPrefix(got, tt.wantHeader+"\n") || decryptWith(t, got, "secret-2") != "data" {
				t.Errorf("rekeyed file = %q", got)
			}
			if m := fileMode(t, f); m != 0o640 {
				t.Errorf("mode = %o, want 640", m)
			}
			if want := tt.wantPrompt + "Rekey successful\n"; h.stderr.String() != want {
				t.Errorf("stderr = %q, want %q", h.stderr, want)
			}
		})
	}
}
