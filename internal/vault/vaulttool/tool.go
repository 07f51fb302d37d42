// Package vaulttool carries out the actions of ansible-vault (encrypt,
// decrypt, view, edit, create, rekey, encrypt_string) on files and
// streams, with ansible-vault's messages, prompts and file handling.
package vaulttool

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/edxplay/edxplay/internal/vault"
)

// Tool performs ansible-vault's actions. Its streams stand for the
// process's standard input, output and error.
type Tool struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// StdinTTY and StdoutTTY say whether those streams are terminals; like
	// ansible-vault, the tool then prints progress messages and pages.
	StdinTTY  bool
	StdoutTTY bool
	// Prompter asks for passwords and strings; nil makes prompting an error.
	Prompter vault.Prompter
	// Getenv reads the environment; nil means os.Getenv.
	Getenv func(string) string
}

// SecretOptions are the secret-related options every action takes.
type SecretOptions struct {
	// VaultIDs are --vault-id values.
	VaultIDs []string
	// PasswordFiles are --vault-password-file values.
	PasswordFiles []string
	// AskVaultPass is --ask-vault-pass.
	AskVaultPass bool
	// EncryptVaultID is --encrypt-vault-id.
	EncryptVaultID string
}

// UsageError is an error in the options given; ansible-vault exits with
// status 5 for it.
type UsageError struct{ msg string }

func (e *UsageError) Error() string { return e.msg }

// usageErrorf returns a *UsageError.
func usageErrorf(format string, args ...any) error {
	return &UsageError{msg: fmt.Sprintf(format, args...)}
}

// getenv reads the environment through t.Getenv.
func (t *Tool) getenv(key string) string {
	if t.Getenv == nil {
		return os.Getenv(key)
	}
	return t.Getenv(key)
}

// loadOptions turns the options into vault.LoadOptions.
func (t *Tool) loadOptions(o SecretOptions) (vault.LoadOptions, error) {
	for _, id := range o.VaultIDs {
		if strings.Contains(id, ";") {
			return vault.LoadOptions{}, usageErrorf("'%s' is not a valid vault id. The character ';' is not allowed in vault ids", id)
		}
	}
	return vault.LoadOptions{
		VaultIDs:      o.VaultIDs,
		PasswordFiles: o.PasswordFiles,
		AskVaultPass:  o.AskVaultPass,
		AutoPrompt:    true,
		Prompter:      t.Prompter,
		Getenv:        t.getenv,
		Warnings:      t.Stderr,
	}, nil
}

// readSecrets loads the secrets that decrypt.
func (t *Tool) readSecrets(ctx context.Context, o SecretOptions) (vault.Secrets, error) {
	opts, err := t.loadOptions(o)
	if err != nil {
		return vault.Secrets{}, err
	}
	secrets, err := vault.Load(ctx, opts)
	if err != nil {
		return vault.Secrets{}, fmt.Errorf("loading vault secrets: %w", err)
	}
	if secrets.Len() == 0 {
		return vault.Secrets{}, usageErrorf("A vault password is required to use Ansible's Vault")
	}
	return secrets, nil
}

// encryptSecret loads the one secret to encrypt with, asking for a new
// password (twice) when prompting.
func (t *Tool) encryptSecret(ctx context.Context, o SecretOptions) (vault.Secret, error) {
	opts, err := t.loadOptions(o)
	if err != nil {
		return vault.Secret{}, err
	}
	opts.NewPassword = true
	secrets, err := vault.Load(ctx, opts)
	if err != nil {
		return vault.Secret{}, fmt.Errorf("loading vault secrets: %w", err)
	}
	if secrets.Len() > 1 && o.EncryptVaultID == "" {
		return vault.Secret{}, usageErrorf("The vault-ids %s are available to encrypt. Specify the vault-id to encrypt with --encrypt-vault-id",
			strings.Join(secrets.IDs(), ","))
	}
	if secrets.Len() == 0 {
		return vault.Secret{}, usageErrorf("A vault password is required to use Ansible's Vault")
	}
	return secrets.ForEncrypt(o.EncryptVaultID)
}

// RekeyTarget names the new secret of a rekey.
type RekeyTarget struct {
	// PasswordFile is --new-vault-password-file.
	PasswordFile string
	// VaultID is --new-vault-id (label@source).
	VaultID string
}

// newSecret loads the secret a rekey encrypts with.
func (t *Tool) newSecret(ctx context.Context, o SecretOptions, target RekeyTarget) (vault.Secret, error) {
	if target.PasswordFile != "" && target.VaultID != "" {
		return vault.Secret{}, usageErrorf("argument --new-vault-id: not allowed with argument --new-vault-password-file")
	}
	opts, err := t.loadOptions(SecretOptions{AskVaultPass: o.AskVaultPass})
	if err != nil {
		return vault.Secret{}, err
	}
	opts.NewPassword = true
	opts.IgnoreIdentityList = o.EncryptVaultID == ""
	if target.VaultID != "" {
		opts.VaultIDs = []string{target.VaultID}
	}
	if target.PasswordFile != "" {
		opts.PasswordFiles = []string{target.PasswordFile}
	}
	secrets, err := vault.Load(ctx, opts)
	if err != nil {
		return vault.Secret{}, fmt.Errorf("loading new vault secret: %w", err)
	}
	if secrets.Len() == 0 {
		return vault.Secret{}, usageErrorf("A new vault password is required to use Ansible's Vault rekey")
	}
	return secrets.ForEncrypt(o.EncryptVaultID)
}

// say writes one line to standard error, as ansible's display does.
func (t *Tool) say(msg string) {
	fmt.Fprintln(t.Stderr, msg)
}
