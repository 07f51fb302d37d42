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

// vaultAction runs one vault subcommand.
type vaultAction func(c *cli.Context, t *vaulttool.Tool, o vaulttool.SecretOptions) error

// vaultCommand is `edxplay vault`, a drop-in for ansible-vault. The flags
// live on the parent command because the argument reordering in main puts
// every flag before the subcommand name; each subcommand then rejects the
// flags ansible-vault does not accept for it.
func vaultCommand() *cli.Command {
	common := []string{flagVaultID, flagPasswordFile, flagAskVaultPass}
	with := func(more ...string) []string { return append(append([]string(nil), common...), more...) }
	return &cli.Command{
		Name:  "vault",
		Usage: "encrypt and decrypt Ansible Vault data, as ansible-vault does",
		Description: `Reads and writes $ANSIBLE_VAULT;1.1;AES256 and 1.2 (with a vault id) data,
interchangeable with ansible-vault. Secrets come from --vault-id LABEL@FILE|prompt,
--vault-password-file FILE (an executable file is run and its output used),
--ask-vault-pass, $ANSIBLE_VAULT_PASSWORD_FILE and $ANSIBLE_VAULT_IDENTITY_LIST.`,
		Flags: vaultFlags(),
		Subcommands: []*cli.Command{
			vaultSubcommand("create", "create a new vaulted file with $EDITOR", "FILE", with(flagEncryptVaultID), vaultCreate),
			vaultSubcommand("decrypt", "decrypt files in place, or --output (- for stdout); stdin without files", "[FILE...]", with(flagOutput), vaultDecrypt),
			vaultSubcommand("edit", "edit vaulted files with $EDITOR", "FILE...", with(flagEncryptVaultID), vaultEdit),
			vaultSubcommand("view", "show the plaintext of vaulted files", "FILE...", with(), vaultView),
			vaultSubcommand("encrypt", "encrypt files in place, or --output (- for stdout); stdin without files", "[FILE...]", with(flagOutput, flagEncryptVaultID), vaultEncrypt),
			vaultSubcommand("encrypt_string", "encrypt strings into YAML '!vault |' values (--name NAME)", "[STRING...]",
				with(flagOutput, flagEncryptVaultID, flagPrompt, flagShowInput, flagName, flagStdinName), vaultEncryptString),
			vaultSubcommand("rekey", "re-encrypt vaulted files with a new secret", "FILE...", with(flagEncryptVaultID, flagNewPassFile, flagNewVaultID), vaultRekey),
		},
	}
}

// vaultFlags are ansible-vault's options, for all subcommands.
func vaultFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: flagVaultID, Usage: "the vault identity to use, `LABEL@SOURCE` (a file, script or 'prompt')"},
		&cli.StringSliceFlag{Name: flagPasswordFile, Aliases: []string{"vault-pass-file"}, Usage: "vault password `FILE`"},
		&cli.BoolFlag{Name: flagAskVaultPass, Aliases: []string{"ask-vault-password"}, Usage: "ask for vault password"},
		&cli.StringFlag{Name: flagEncryptVaultID, Usage: "the vault `ID` to encrypt with (required if more than one vault-id is provided)"},
		&cli.StringFlag{Name: flagOutput, Usage: "output `FILE` name for encrypt or decrypt; use - for stdout"},
		&cli.StringFlag{Name: flagNewPassFile, Usage: "new vault password `FILE` for rekey"},
		&cli.StringFlag{Name: flagNewVaultID, Usage: "the new vault identity to use for rekey, `LABEL@SOURCE`"},
		&cli.StringSliceFlag{Name: flagName, Aliases: []string{"n"}, Usage: "encrypt_string: the variable `NAME`"},
		&cli.StringFlag{Name: flagStdinName, Usage: "encrypt_string: the variable `NAME` for stdin"},
		&cli.BoolFlag{Name: flagPrompt, Aliases: []string{"p"}, Usage: "encrypt_string: prompt for the string to encrypt"},
		&cli.BoolFlag{Name: flagShowInput, Usage: "encrypt_string: do not hide input when prompted for the string"},
	}
}

// vaultSubcommand builds a subcommand that accepts only the allowed flags.
func vaultSubcommand(name, usage, argsUsage string, allowed []string, action vaultAction) *cli.Command {
	return &cli.Command{
		Name:      name,
		Usage:     usage,
		ArgsUsage: argsUsage,
		Action: func(c *cli.Context) error {
			if err := checkVaultFlags(c, allowed); err != nil {
				return withCode(exitUsage, err)
			}
			o := vaulttool.SecretOptions{
				VaultIDs:       c.StringSlice(flagVaultID),
				PasswordFiles:  c.StringSlice(flagPasswordFile),
				AskVaultPass:   c.Bool(flagAskVaultPass),
				EncryptVaultID: c.String(flagEncryptVaultID),
			}
			return vaultExit(action(c, newVaultTool(c), o))
		},
	}
}

// checkVaultFlags rejects a flag given to a subcommand that does not take it.
func checkVaultFlags(c *cli.Context, allowed []string) error {
	ok := map[string]bool{}
	for _, a := range allowed {
		ok[a] = true
	}
	for _, f := range vaultFlags() {
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

func vaultEncrypt(c *cli.Context, t *vaulttool.Tool, o vaulttool.SecretOptions) error {
	return t.Encrypt(c.Context, o, c.Args().Slice(), c.String(flagOutput))
}

func vaultDecrypt(c *cli.Context, t *vaulttool.Tool, o vaulttool.SecretOptions) error {
	return t.Decrypt(c.Context, o, c.Args().Slice(), c.String(flagOutput))
}

func vaultView(c *cli.Context, t *vaulttool.Tool, o vaulttool.SecretOptions) error {
	return t.View(c.Context, o, c.Args().Slice())
}

func vaultEdit(c *cli.Context, t *vaulttool.Tool, o vaulttool.SecretOptions) error {
	return t.Edit(c.Context, o, c.Args().Slice())
}

func vaultCreate(c *cli.Context, t *vaulttool.Tool, o vaulttool.SecretOptions) error {
	return t.Create(c.Context, o, c.Args().Slice())
}

func vaultRekey(c *cli.Context, t *vaulttool.Tool, o vaulttool.SecretOptions) error {
	target := vaulttool.RekeyTarget{PasswordFile: c.String(flagNewPassFile), VaultID: c.String(flagNewVaultID)}
	return t.Rekey(c.Context, o, target, c.Args().Slice())
}

func vaultEncryptString(c *cli.Context, t *vaulttool.Tool, o vaulttool.SecretOptions) error {
	return t.EncryptString(c.Context, o, vaulttool.EncryptStringOptions{
		Args:      c.Args().Slice(),
		Names:     c.StringSlice(flagName),
		StdinName: c.String(flagStdinName),
		Prompt:    c.Bool(flagPrompt),
		ShowInput: c.Bool(flagShowInput),
		Output:    c.String(flagOutput),
	})
}
