package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/edxplay/edxplay/internal/vault"
	"github.com/edxplay/edxplay/internal/vault/vaulttool"
)

// Names of the vault command's flags.
const (
	flagVaultID        = "vault-id"
	flagPasswordFile   = "vault-password-file"
	flagAskVaultPass   = "ask-vault-pass"
	flagEncryptVaultID = "encrypt-vault-id"
	flagOutput         = "output"
	flagNewPassFile    = "new-vault-password-file"
	flagNewVaultID     = "new-vault-id"
	flagName           = "name"
	flagStdinName      = "stdin-name"
	flagPrompt         = "prompt"
	flagShowInput      = "show-input"
)

// vaultOpts are the vault command's parsed flags.
type vaultOpts struct {
	vaultFlags
	EncryptVaultID string
	Output         string
	NewPassFile    string
	NewVaultID     string
	Names          cli.StringSlice
	StdinName      string
	Prompt         bool
	ShowInput      bool
}

// vaultAction runs one vault subcommand.
type vaultAction func(c *cli.Context, t *vaulttool.Tool, o *vaultOpts) error

// vaultCommand is `edxplay vault`, a drop-in for ansible-vault. The flags
// live on the parent command because the argument reordering in main puts
// every flag before the subcommand name; each subcommand then rejects the
// flags ansible-vault does not accept for it.
func vaultCommand() *cli.Command {
	o := &vaultOpts{}
	common := []string{flagVaultID, flagPasswordFile, flagAskVaultPass}
	with := func(more ...string) []string { return append(append([]string(nil), common...), more...) }
	return &cli.Command{
		Name:  "vault",
		Usage: "encrypt and decrypt Ansible Vault data, as ansible-vault does",
		Description: `Reads and writes $ANSIBLE_VAULT;1.1;AES256 and 1.2 (with a vault id) data,
interchangeable with ansible-vault. Secrets come from --vault-id LABEL@FILE|prompt,
--vault-password-file FILE (an executable file is run and its output used),
--ask-vault-pass, $ANSIBLE_VAULT_PASSWORD_FILE and $ANSIBLE_VAULT_IDENTITY_LIST.`,
		Flags: o.flags(),
		Subcommands: []*cli.Command{
			o.subcommand("create", "create a new vaulted file with $EDITOR", "FILE", with(flagEncryptVaultID), vaultCreate),
			o.subcommand("decrypt", "decrypt files in place, or --output (- for stdout); stdin without files", "[FILE...]", with(flagOutput), vaultDecrypt),
			o.subcommand("edit", "edit vaulted files with $EDITOR", "FILE...", with(flagEncryptVaultID), vaultEdit),
			o.subcommand("view", "show the plaintext of vaulted files", "FILE...", with(), vaultView),
			o.subcommand("encrypt", "encrypt files in place, or --output (- for stdout); stdin without files", "[FILE...]", with(flagOutput, flagEncryptVaultID), vaultEncrypt),
			o.subcommand("encrypt_string", "encrypt strings into YAML '!vault |' values (--name NAME)", "[STRING...]",
				with(flagOutput, flagEncryptVaultID, flagPrompt, flagShowInput, flagName, flagStdinName), vaultEncryptString),
			o.subcommand("rekey", "re-encrypt vaulted files with a new secret", "FILE...", with(flagEncryptVaultID, flagNewPassFile, flagNewVaultID), vaultRekey),
		},
	}
}

// flags are ansible-vault's options, for all subcommands.
func (o *vaultOpts) flags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: flagVaultID, Destination: &o.VaultIDs, Usage: "the vault identity to use, `LABEL@SOURCE` (a file, script or 'prompt')"},
		&cli.StringSliceFlag{Name: flagPasswordFile, Aliases: []string{"vault-pass-file"}, Destination: &o.PasswordFiles, Usage: "vault password `FILE`"},
		&cli.BoolFlag{Name: flagAskVaultPass, Aliases: []string{"ask-vault-password"}, Destination: &o.AskVaultPass, Usage: "ask for vault password"},
		&cli.StringFlag{Name: flagEncryptVaultID, Destination: &o.EncryptVaultID, Usage: "the vault `ID` to encrypt with (required if more than one vault-id is provided)"},
		&cli.StringFlag{Name: flagOutput, Destination: &o.Output, Usage: "output `FILE` name for encrypt or decrypt; use - for stdout"},
		&cli.StringFlag{Name: flagNewPassFile, Destination: &o.NewPassFile, Usage: "new vault password `FILE` for rekey"},
		&cli.StringFlag{Name: flagNewVaultID, Destination: &o.NewVaultID, Usage: "the new vault identity to use for rekey, `LABEL@SOURCE`"},
		&cli.StringSliceFlag{Name: flagName, Aliases: []string{"n"}, Destination: &o.Names, Usage: "encrypt_string: the variable `NAME`"},
		&cli.StringFlag{Name: flagStdinName, Destination: &o.StdinName, Usage: "encrypt_string: the variable `NAME` for stdin"},
		&cli.BoolFlag{Name: flagPrompt, Aliases: []string{"p"}, Destination: &o.Prompt, Usage: "encrypt_string: prompt for the string to encrypt"},
		&cli.BoolFlag{Name: flagShowInput, Destination: &o.ShowInput, Usage: "encrypt_string: do not hide input when prompted for the string"},
	}
}

// subcommand builds a subcommand that accepts only the allowed flags.
func (o *vaultOpts) subcommand(name, usage, argsUsage string, allowed []string, action vaultAction) *cli.Command {
	return &cli.Command{
		Name:      name,
		Usage:     usage,
		ArgsUsage: argsUsage,
		Action: func(c *cli.Context) error {
			if err := o.checkAllowed(c, allowed); err != nil {
				return withCode(exitUsage, err)
			}
			return vaultExit(action(c, newVaultTool(c), o))
		},
	}
}

// secrets are the secret options every subcommand passes to the tool.
func (o *vaultOpts) secrets() vaulttool.SecretOptions {
	return vaulttool.SecretOptions{VaultIDs: o.VaultIDs.Value(), PasswordFiles: o.PasswordFiles.Value(),
		AskVaultPass: o.AskVaultPass, EncryptVaultID: o.EncryptVaultID}
}

// checkAllowed rejects a flag given to a subcommand that does not take it.
func (o *vaultOpts) checkAllowed(c *cli.Context, allowed []string) error {
	ok := map[string]bool{}
	for _, a := range allowed {
		ok[a] = true
	}
	for _, f := range o.flags() {
		name := f.Names()[0]
		if c.IsSet(name) && !ok[name] {
			return fmt.Errorf("unrecognized arguments for %s: --%s", c.Command.Name, name)
		}
	}
	return nil
}

// newVaultTool wires the tool to the app's streams and the terminal.
func newVaultTool(c *cli.Context) *vaulttool.Tool {
	stdin := c.App.Reader
	if stdin == nil {
		stdin = os.Stdin
	}
	stderr := c.App.ErrWriter
	if stderr == nil {
		stderr = os.Stderr
	}
	return &vaulttool.Tool{
		Stdin:     stdin,
		Stdout:    c.App.Writer,
		Stderr:    stderr,
		StdinTTY:  isTerminal(stdin),
		StdoutTTY: isTerminal(c.App.Writer),
		Prompter:  vault.NewTerminalPrompter(stdin, stderr),
		Getenv:    os.Getenv,
	}
}

// isTerminal reports whether a stream is a terminal.
func isTerminal(s any) bool {
	f, ok := s.(*os.File)
	return ok && vault.IsTerminal(f)
}

// vaultExit maps an error to ansible-vault's exit status: 5 for bad
// options, 1 otherwise.
func vaultExit(err error) error {
	if err == nil {
		return nil
	}
	var usage *vaulttool.UsageError
	if errors.As(err, &usage) {
		return withCode(exitUsage, err)
	}
	return withCode(exitError, err)
}

func vaultEncrypt(c *cli.Context, t *vaulttool.Tool, o *vaultOpts) error {
	return t.Encrypt(c.Context, o.secrets(), c.Args().Slice(), o.Output)
}

func vaultDecrypt(c *cli.Context, t *vaulttool.Tool, o *vaultOpts) error {
	return t.Decrypt(c.Context, o.secrets(), c.Args().Slice(), o.Output)
}

func vaultView(c *cli.Context, t *vaulttool.Tool, o *vaultOpts) error {
	return t.View(c.Context, o.secrets(), c.Args().Slice())
}

func vaultEdit(c *cli.Context, t *vaulttool.Tool, o *vaultOpts) error {
	return t.Edit(c.Context, o.secrets(), c.Args().Slice())
}

func vaultCreate(c *cli.Context, t *vaulttool.Tool, o *vaultOpts) error {
	return t.Create(c.Context, o.secrets(), c.Args().Slice())
}

func vaultRekey(c *cli.Context, t *vaulttool.Tool, o *vaultOpts) error {
	target := vaulttool.RekeyTarget{PasswordFile: o.NewPassFile, VaultID: o.NewVaultID}
	return t.Rekey(c.Context, o.secrets(), target, c.Args().Slice())
}

func vaultEncryptString(c *cli.Context, t *vaulttool.Tool, o *vaultOpts) error {
	return t.EncryptString(c.Context, o.secrets(), vaulttool.EncryptStringOptions{
		Args:      c.Args().Slice(),
		Names:     o.Names.Value(),
		StdinName: o.StdinName,
		Prompt:    o.Prompt,
		ShowInput: o.ShowInput,
		Output:    o.Output,
	})
}
