package vault

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Environment variables Load reads, as ansible's config does.
const (
	// EnvPasswordFile names a password file used after the command line's.
	EnvPasswordFile = "ANSIBLE_VAULT_PASSWORD_FILE"
	// EnvIdentityList is a comma-separated list of label@source vault ids
	// tried before the command line's.
	EnvIdentityList = "ANSIBLE_VAULT_IDENTITY_LIST"
)

// Password sources that prompt instead of naming a file.
const (
	sourcePrompt        = "prompt"
	sourceAskVaultPass  = "prompt_ask_vault_pass"
	identitySeparator   = "@"
	identityListDivider = ","
)

// LoadOptions says where vault secrets come from, mirroring the
// command-line options of ansible's tools.
type LoadOptions struct {
	// VaultIDs are --vault-id values: "label@source" or "source", where the
	// source is a password file, an executable script, or "prompt".
	VaultIDs []string
	// PasswordFiles are --vault-password-file values (vault id "default").
	PasswordFiles []string
	// AskVaultPass is --ask-vault-pass: prompt for the default secret.
	AskVaultPass bool
	// AutoPrompt prompts when no source is given at all (ansible-vault
	// does; ansible-playbook does not).
	AutoPrompt bool
	// NewPassword asks for a new password and its confirmation, as when
	// encrypting, instead of an existing one.
	NewPassword bool
	// IgnoreIdentityList skips ANSIBLE_VAULT_IDENTITY_LIST.
	IgnoreIdentityList bool
	// Prompter asks for passwords; nil makes any prompt an error.
	Prompter Prompter
	// Getenv reads the environment; nil means os.Getenv.
	Getenv func(string) string
	// Warnings receives "[WARNING]: ..." lines for sources that failed
	// while others worked; nil discards them.
	Warnings io.Writer
}

// Load gathers secrets in ansible's order: ANSIBLE_VAULT_IDENTITY_LIST,
// --vault-id, --vault-password-file, ANSIBLE_VAULT_PASSWORD_FILE, then a
// prompt when asked for (or when nothing else was given and AutoPrompt is
// set). A password file that cannot be read is reported as a warning and
// skipped; its error is returned only if no secret was found at all. A
// failed prompt is an error at once.
func Load(ctx context.Context, opts LoadOptions) (Secrets, error) {
	getenv := opts.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	secrets := NewSecrets()
	var lastErr error
	for _, slug := range identitySlugs(opts, getenv) {
		label, source := splitIdentity(slug)
		if err := checkVaultID(label); err != nil {
			return Secrets{}, err
		}
		if source == sourcePrompt || source == sourceAskVaultPass {
			sec, err := promptSecret(opts, label, source)
			if err != nil {
				return Secrets{}, err
			}
			secrets = secrets.With(sec)
			continue
		}
		sec, err := loadSourceFile(ctx, source, label, secrets)
		if err != nil {
			warn(opts.Warnings, label, err)
			lastErr = err
			continue
		}
		secrets = secrets.With(sec)
	}
	if secrets.Len() == 0 && lastErr != nil {
		return Secrets{}, lastErr
	}
	return secrets, nil
}

// identitySlugs lists every secret source as a label@source slug in the
// order they are tried.
func identitySlugs(opts LoadOptions, getenv func(string) string) []string {
	var slugs []string
	if list := getenv(EnvIdentityList); list != "" && !opts.IgnoreIdentityList {
		for _, s := range strings.Split(list, identityListDivider) {
			if s = strings.TrimSpace(s); s != "" {
				slugs = append(slugs, s)
			}
		}
	}
	slugs = append(slugs, opts.VaultIDs...)
	files := append([]string(nil), opts.PasswordFiles...)
	if f := getenv(EnvPasswordFile); f != "" {
		files = append(files, f)
	}
	for _, f := range files {
		slugs = append(slugs, DefaultID+identitySeparator+f)
	}
	if opts.AskVaultPass || (len(slugs) == 0 && opts.AutoPrompt) {
		slugs = append(slugs, DefaultID+identitySeparator+sourceAskVaultPass)
	}
	return slugs
}

// splitIdentity splits "label@source" at the first "@"; without one the
// whole string is the source and the label is empty.
func splitIdentity(slug string) (label, source string) {
	label, source, found := strings.Cut(slug, identitySeparator)
	if !found {
		return "", slug
	}
	return label, source
}

// promptSecret asks for the secret of vault id label. The prompts are
// ansible's: the old unlabelled ones for --ask-vault-pass, labelled ones
// for --vault-id label@prompt.
func promptSecret(opts LoadOptions, label, source string) (Secret, error) {
	id := label
	if id == "" {
		id = DefaultID
	}
	if opts.Prompter == nil {
		return Secret{}, fmt.Errorf("cannot prompt for the vault password (%s): no terminal", id)
	}
	var pw []string
	for _, msg := range promptMessages(id, source, opts.NewPassword) {
		ans, err := opts.Prompter.Prompt(msg, true)
		if errors.Is(err, io.EOF) {
			return Secret{}, fmt.Errorf("eof (ctrl-d) on prompt for (%s)", id)
		}
		if err != nil {
			return Secret{}, fmt.Errorf("prompting for vault password (%s): %w", id, err)
		}
		if ans == "" {
			return Secret{}, errors.New("invalid vault password was provided")
		}
		pw = append(pw, strings.TrimSpace(ans))
	}
	for _, p := range pw[1:] {
		if p != pw[0] {
			return Secret{}, errors.New("passwords do not match")
		}
	}
	return Secret{ID: id, Password: []byte(pw[0])}, nil
}

// promptMessages returns the prompts shown for one secret.
func promptMessages(id, source string, newPassword bool) []string {
	switch {
	case source == sourceAskVaultPass && newPassword:
		return []string{"New Vault password: ", "Confirm New Vault password: "}
	case source == sourceAskVaultPass:
		return []string{"Vault password: "}
	case newPassword:
		return []string{
			fmt.Sprintf("New vault password (%s): ", id),
			fmt.Sprintf("Confirm new vault password (%s): ", id),
		}
	default:
		return []string{fmt.Sprintf("Vault password (%s): ", id)}
	}
}

// warn reports a skipped source like ansible's display.warning.
func warn(w io.Writer, label string, err error) {
	if w == nil {
		return
	}
	if label == "" {
		label = "None"
	}
	fmt.Fprintf(w, "[WARNING]: Error getting vault password file (%s): %v\n", label, err)
}
