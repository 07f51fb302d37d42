package vaulttool

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/edxplay/edxplay/internal/vault"
)

// lessOptions is the LESS setting ansible uses when it pages.
const lessOptions = "FRSX"

// checkOutput rejects --output with more than one input file.
func checkOutput(files []string, output string) error {
	if output != "" && len(files) > 1 {
		return usageErrorf("At most one input file may be used with the --output option")
	}
	return nil
}

// orStdin returns files, or "-" (standard input) when there are none.
func orStdin(files []string) []string {
	if len(files) == 0 {
		return []string{stdio}
	}
	return files
}

// Encrypt encrypts each file in place, or into output ("-" for standard
// output); with no files it encrypts standard input.
func (t *Tool) Encrypt(ctx context.Context, o SecretOptions, files []string, output string) error {
	if err := checkOutput(files, output); err != nil {
		return err
	}
	secret, err := t.encryptSecret(ctx, o)
	if err != nil {
		return err
	}
	if len(files) == 0 && t.StdinTTY {
		t.say("Reading plaintext input from stdin")
	}
	for _, f := range orStdin(files) {
		name := realPath(f)
		plain, err := t.readInput(name)
		if err != nil {
			return err
		}
		enc, err := vault.Encrypt(plain, secret.Password, secret.ID)
		if err != nil {
			return fmt.Errorf("encrypting %s: %w", f, err)
		}
		if err := t.writeOutput(enc, firstNonEmpty(output, name), true); err != nil {
			return err
		}
	}
	if t.StdoutTTY {
		t.say("Encryption successful")
	}
	return nil
}

// Decrypt decrypts each file in place, or into output ("-" for standard
// output); with no files it decrypts standard input.
func (t *Tool) Decrypt(ctx context.Context, o SecretOptions, files []string, output string) error {
	if err := checkOutput(files, output); err != nil {
		return err
	}
	secrets, err := t.readSecrets(ctx, o)
	if err != nil {
		return err
	}
	if len(files) == 0 && t.StdinTTY {
		t.say("Reading ciphertext input from stdin")
	}
	for _, f := range orStdin(files) {
		name := realPath(f)
		plain, err := t.decryptFile(name, secrets)
		if err != nil {
			return err
		}
		if err := t.writeOutput(plain, firstNonEmpty(output, name), false); err != nil {
			return err
		}
	}
	if t.StdoutTTY {
		t.say("Decryption successful")
	}
	return nil
}

// decryptFile reads and decrypts one file.
func (t *Tool) decryptFile(name string, secrets vault.Secrets) ([]byte, error) {
	data, err := t.readInput(name)
	if err != nil {
		return nil, err
	}
	plain, err := vault.Decrypt(data, secrets)
	if err != nil {
		return nil, fmt.Errorf("decrypting %s: %w", name, err)
	}
	return plain, nil
}

// View shows the plaintext of each file, through a pager on a terminal.
func (t *Tool) View(ctx context.Context, o SecretOptions, files []string) error {
	secrets, err := t.readSecrets(ctx, o)
	if err != nil {
		return err
	}
	for _, f := range files {
		plain, err := t.decryptFile(f, secrets)
		if err != nil {
			return err
		}
		if err := t.page(ctx, string(plain)); err != nil {
			return err
		}
	}
	return nil
}

// page shows text as ansible's CLI.pager does: printed (with a final
// newline) when standard output is not a terminal, else piped to $PAGER or
// less when there is one.
func (t *Tool) page(ctx context.Context, text string) error {
	pager := t.getenv("PAGER")
	if pager == "" && t.StdoutTTY {
		if _, err := exec.LookPath("less"); err == nil {
			pager = "less"
		}
	}
	if !t.StdoutTTY || pager == "" {
		if !strings.HasSuffix(text, "\n") {
			text += "\n"
		}
		_, err := fmt.Fprint(t.Stdout, text)
		return err
	}
	cmd := exec.CommandContext(ctx, "/bin/sh", "-c", pager)
	cmd.Stdin = strings.NewReader(text)
	cmd.Stdout = t.Stdout
	cmd.Stderr = t.Stderr
	cmd.Env = os.Environ()
	if t.getenv("LESS") == "" {
		cmd.Env = append(cmd.Env, "LESS="+lessOptions)
	}
	// Like ansible, a pager that fails or is quit early is not an error.
	_ = cmd.Run()
	return nil
}

// Rekey re-encrypts each file with the new secret, keeping its mode.
func (t *Tool) Rekey(ctx context.Context, o SecretOptions, target RekeyTarget, files []string) error {
	secrets, err := t.readSecrets(ctx, o)
	if err != nil {
		return err
	}
	secret, err := t.newSecret(ctx, o, target)
	if err != nil {
		return err
	}
	for _, f := range files {
		name := realPath(f)
		plain, err := t.decryptFile(name, secrets)
		if err != nil {
			return err
		}
		enc, err := vault.Encrypt(plain, secret.Password, secret.ID)
		if err != nil {
			return fmt.Errorf("encrypting %s: %w", name, err)
		}
		if err := replaceKeepingMode(name, enc); err != nil {
			return err
		}
	}
	t.say("Rekey successful")
	return nil
}

// firstNonEmpty returns a unless it is empty, else b.
func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
