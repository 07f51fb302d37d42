package vaulttool

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/edxplay/edxplay/internal/shellwords"
	"github.com/edxplay/edxplay/internal/vault"
)

// defaultEditor is run when $EDITOR is unset, as ansible does.
const defaultEditor = "vi"

// Edit decrypts each file into a private temporary file, runs $EDITOR on
// it and, when the content changed, encrypts it back with the secret that
// decrypted it and the vault id of its header, keeping the file's mode.
func (t *Tool) Edit(ctx context.Context, o SecretOptions, files []string) error {
	secrets, err := t.readSecrets(ctx, o)
	if err != nil {
		return err
	}
	for _, f := range files {
		name := realPath(f)
		data, err := t.readInput(name)
		if err != nil {
			return err
		}
		plain, secret, err := vault.DecryptWithSecret(data, secrets)
		if err != nil {
			return fmt.Errorf("decrypting %s: %w", name, err)
		}
		env, err := vault.ParseEnvelope(data)
		if err != nil {
			return fmt.Errorf("reading %s: %w", name, err)
		}
		secret.ID = env.VaultID
		if err := t.editEncrypted(ctx, name, secret, plain); err != nil {
			return err
		}
	}
	return nil
}

// Create makes a new vaulted file from what the user writes in $EDITOR.
func (t *Tool) Create(ctx context.Context, o SecretOptions, files []string) error {
	if len(files) != 1 {
		return usageErrorf("ansible-vault create can take only one filename argument")
	}
	secret, err := t.encryptSecret(ctx, o)
	if err != nil {
		return err
	}
	name := files[0]
	if dir := filepath.Dir(name); dir != "" {
		if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
			fmt.Fprintf(t.Stderr, "[WARNING]: %s does not exist, creating...\n", dir)
			if err := os.MkdirAll(dir, 0o700); err != nil {
				return fmt.Errorf("creating %s: %w", dir, err)
			}
		}
	}
	if info, err := os.Stat(name); err == nil && info.Mode().IsRegular() {
		return fmt.Errorf("%s exists, please use 'edit' instead", name)
	}
	return t.editEncrypted(ctx, name, secret, nil)
}

// editEncrypted lets the user edit plain (nil for a new file) and saves the
// result encrypted to name when it changed. The plaintext lives in a 0600
// file inside a 0700 temporary directory that is shredded and removed.
func (t *Tool) editEncrypted(ctx context.Context, name string, secret vault.Secret, plain []byte) error {
	dir, err := os.MkdirTemp("", "edxplay-vault-")
	if err != nil {
		return fmt.Errorf("creating private temporary directory: %w", err)
	}
	tmp := filepath.Join(dir, "plaintext"+filepath.Ext(name))
	defer func() {
		_ = overwriteRandom(tmp)
		_ = os.RemoveAll(dir)
	}()
	if err := os.WriteFile(tmp, plain, secureMode); err != nil {
		return fmt.Errorf("writing temporary file: %w", err)
	}
	if err := t.runEditor(ctx, tmp); err != nil {
		return err
	}
	edited, err := os.ReadFile(tmp)
	if err != nil {
		return fmt.Errorf("reading edited file: %w", err)
	}
	if plain != nil && bytes.Equal(edited, plain) {
		return nil
	}
	enc, err := vault.Encrypt(edited, secret.Password, secret.ID)
	if err != nil {
		return fmt.Errorf("encrypting %s: %w", name, err)
	}
	return replaceKeepingMode(name, enc)
}

// runEditor runs $EDITOR (split like a shell command line) on path, on the
// tool's streams.
func (t *Tool) runEditor(ctx context.Context, path string) error {
	editor := t.getenv("EDITOR")
	if editor == "" {
		editor = defaultEditor
	}
	argv, err := shellwords.Split(editor) // Python shlex.split, as ansible-vault
	if err != nil {
		return fmt.Errorf("parsing $EDITOR %q: %w", editor, err)
	}
	if len(argv) == 0 {
		return fmt.Errorf("$EDITOR %q names no command", editor)
	}
	argv = append(argv, path)
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = t.Stdin, t.Stdout, t.Stderr
	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			// Like ansible, the editor's exit status is not checked.
			return nil
		}
		return fmt.Errorf("unable to execute the command %q: %w", strings.Join(argv, " "), err)
	}
	return nil
}
