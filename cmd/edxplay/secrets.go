package main

import (
	"context"
	"io"
	"os"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/edxplay/edxplay/internal/ansiblecfg"
	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/internal/vault"
)

// loadSecrets reads the vault secrets named on the command line and by
// vault_identity_list and vault_password_file (ansible.cfg or their
// ANSIBLE_* variables); no secrets at all is not an error.
func loadSecrets(ctx context.Context, f *vaultFlags, cfg *ansiblecfg.Config) (vault.Secrets, error) {
	var o vault.LoadOptions
	if f != nil {
		o = vault.LoadOptions{VaultIDs: f.VaultIDs.Value(), PasswordFiles: f.PasswordFiles.Value(), AskVaultPass: f.AskVaultPass}
	}
	if cfg != nil {
		set := cfg.Settings()
		o.Getenv = func(name string) string {
			switch name {
			case vault.EnvIdentityList:
				return strings.Join(set.VaultIdentityList, ",")
			case vault.EnvPasswordFile:
				return set.VaultPasswordFile
			}
			return os.Getenv(name)
		}
	}
	o.Prompter, o.Warnings = vault.NewTerminalPrompter(os.Stdin, os.Stderr), os.Stderr
	return vault.Load(ctx, o)
}

// vaultDecrypter adapts vault secrets to the loaders' Decrypter interface;
// every decrypted value is registered for redaction.
type vaultDecrypter struct {
	secrets vault.Secrets
}

// DecryptNode replaces !vault values under n.
func (d vaultDecrypter) DecryptNode(n *yaml.Node) error { return vault.DecryptNode(n, d.secrets) }

// DecryptFile decrypts a wholly vaulted file; other data passes unchanged.
func (d vaultDecrypter) DecryptFile(data []byte) ([]byte, error) {
	if !vault.IsEncrypted(data) {
		return data, nil
	}
	plain, err := vault.DecryptFile(data, d.secrets)
	if err != nil {
		return nil, err
	}
	d.secrets.Redactor().Add(string(plain))
	var tree any
	if yaml.Unmarshal(plain, &tree) == nil {
		d.addLeaves(tree)
	}
	return plain, nil
}

// minSecretLen is the shortest value of a vaulted file that is masked in
// output (shorter ones, like "1" or "yes", would mask unrelated text).
const minSecretLen = 4

// addLeaves registers every string value of a decrypted vars file.
func (d vaultDecrypter) addLeaves(v any) {
	switch x := v.(type) {
	case string:
		if len(x) >= minSecretLen {
			d.secrets.Redactor().Add(x)
		}
	case []any:
		for _, e := range x {
			d.addLeaves(e)
		}
	case map[string]any:
		for _, e := range x {
			d.addLeaves(e)
		}
	case *odict.Map:
		for _, e := range x.All() {
			d.addLeaves(e)
		}
	}
}

// redacted is the redactor of the current command's secrets; every output
// path (reporters, errors) goes through it.
var redacted struct {
	mu sync.Mutex
	r  *vault.Redactor
}

func setRedactor(r *vault.Redactor) {
	redacted.mu.Lock()
	redacted.r = r
	redacted.mu.Unlock()
}

// redact masks every known secret in s.
func redact(s string) string {
	redacted.mu.Lock()
	r := redacted.r
	redacted.mu.Unlock()
	return r.Redact(s)
}

// redactingWriter masks secrets in everything written through it.
type redactingWriter struct{ w io.Writer }

func (rw redactingWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(rw.w, redact(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}
