package vaulttool

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/edxplay/edxplay/internal/vault"
)

// blockIndent is the indentation of the envelope under "!vault |".
const blockIndent = 10

// Where a string to encrypt came from, as ansible-vault names it.
const (
	fromStdin  = "stdin"
	fromArgs   = "the command line args"
	fromPrompt = "the interactive prompt"
)

// EncryptStringOptions are encrypt_string's own options.
type EncryptStringOptions struct {
	// Args are the strings to encrypt; "-" (or none) reads standard input.
	Args []string
	// Names are the --name values, matched to Args in order.
	Names []string
	// StdinName is --stdin-name, the name of the string read from stdin.
	StdinName string
	// Prompt is --prompt: ask for the variable name and the string.
	Prompt bool
	// ShowInput is --show-input: echo the string typed at the prompt.
	ShowInput bool
	// Output is --output; empty or "-" is standard output.
	Output string
}

// plainString is one string to encrypt.
type plainString struct {
	text   []byte
	source string
	name   string
}

// EncryptString encrypts strings into YAML "!vault |" blocks, printed
// without a final newline and separated by newlines, as ansible-vault does.
func (t *Tool) EncryptString(ctx context.Context, o SecretOptions, e EncryptStringOptions) error {
	readStdin := slices.Contains(e.Args, stdio) || len(e.Args) == 0 || e.StdinName != ""
	if e.Prompt && readStdin {
		return usageErrorf("The --prompt option is not supported if also reading input from stdin")
	}
	secret, err := t.encryptSecret(ctx, o)
	if err != nil {
		return err
	}
	var items []plainString
	if e.Prompt {
		item, err := t.promptString(e.ShowInput)
		if err != nil {
			return err
		}
		items = append(items, item)
	}
	if readStdin {
		item, err := t.stdinString(e.StdinName)
		if err != nil {
			return err
		}
		items = append(items, item)
	}
	fromArgs, err := t.argStrings(e.Args, e.Names)
	if err != nil {
		return err
	}
	items = append(items, fromArgs...)
	out, err := t.formatStrings(items, secret)
	if err != nil {
		return err
	}
	if err := t.writeOutput([]byte(out), firstNonEmpty(e.Output, stdio), true); err != nil {
		return err
	}
	if t.StdoutTTY {
		t.say("Encryption successful")
	}
	return nil
}

// promptString asks for a variable name and the string to encrypt.
func (t *Tool) promptString(showInput bool) (plainString, error) {
	if t.Prompter == nil {
		return plainString{}, errors.New("cannot prompt for the string to encrypt: no terminal")
	}
	name, err := t.Prompter.Prompt("Variable name (enter for no name): ", false)
	if err != nil && !errors.Is(err, io.EOF) {
		return plainString{}, fmt.Errorf("prompting for the variable name: %w", err)
	}
	msg := "String to encrypt (hidden): "
	if showInput {
		msg = "String to encrypt:"
	}
	text, err := t.Prompter.Prompt(msg, !showInput)
	if err != nil && !errors.Is(err, io.EOF) {
		return plainString{}, fmt.Errorf("prompting for the string to encrypt: %w", err)
	}
	if text == "" {
		return plainString{}, usageErrorf("The plaintext provided from the prompt was empty, not encrypting")
	}
	return plainString{text: []byte(text), source: fromPrompt, name: name}, nil
}

// stdinString reads the whole of standard input as one string.
func (t *Tool) stdinString(name string) (plainString, error) {
	if t.StdoutTTY {
		t.say("Reading plaintext input from stdin. (ctrl-d to end input, twice if your content does not already have a newline)")
	}
	text, err := io.ReadAll(t.Stdin)
	if err != nil {
		return plainString{}, fmt.Errorf("reading standard input: %w", err)
	}
	if len(text) == 0 {
		return plainString{}, usageErrorf("stdin was empty, not encrypting")
	}
	if t.StdoutTTY && !strings.HasSuffix(string(text), "\n") {
		fmt.Fprintln(t.Stdout)
	}
	return plainString{text: text, source: fromStdin, name: name}, nil
}

// argStrings pairs the command-line strings with the --name values; the
// strings beyond the last name get none.
func (t *Tool) argStrings(args, names []string) ([]plainString, error) {
	var texts []string
	for _, a := range args {
		if a != stdio {
			texts = append(texts, a)
		}
	}
	if len(names) > 0 && len(texts) > len(names) {
		t.say("The number of --name options do not match the number of args.")
		t.say(fmt.Sprintf("The last named variable will be \"%s\". The rest will not have names.", names[len(names)-1]))
	}
	items := make([]plainString, 0, len(texts))
	for i, text := range texts {
		if text == "" {
			return nil, usageErrorf("The plaintext provided from the command line args was empty, not encrypting")
		}
		item := plainString{text: []byte(text), source: fromArgs}
		if i < len(names) {
			item.name = names[i]
		}
		items = append(items, item)
	}
	return items, nil
}

// formatStrings encrypts every item into its YAML block. With more than
// one item, a comment naming each goes to standard error.
func (t *Tool) formatStrings(items []plainString, secret vault.Secret) (string, error) {
	blocks := make([]string, 0, len(items))
	for i, item := range items {
		enc, err := vault.Encrypt(item.text, secret.Password, secret.ID)
		if err != nil {
			return "", fmt.Errorf("encrypting string #%d: %w", i+1, err)
		}
		if len(items) > 1 {
			if item.name != "" {
				fmt.Fprintf(t.Stderr, "# The encrypted version of variable (\"%s\", the string #%d from %s).\n", item.name, i+1, item.source)
			} else {
				fmt.Fprintf(t.Stderr, "# The encrypted version of the string #%d from %s.)\n", i+1, item.source)
			}
		}
		blocks = append(blocks, FormatBlock(enc, item.name))
	}
	return strings.Join(blocks, "\n"), nil
}

// FormatBlock renders a vault envelope as a YAML value, "NAME: !vault |"
// (or just "!vault |" without a name) followed by the envelope's lines
// indented by ten spaces, with no final newline.
func FormatBlock(envelope []byte, name string) string {
	lines := []string{"!vault |"}
	if name != "" {
		lines[0] = name + ": !vault |"
	}
	for _, l := range strings.Split(strings.TrimRight(string(envelope), "\n"), "\n") {
		lines = append(lines, strings.Repeat(" ", blockIndent)+l)
	}
	return strings.Join(lines, "\n")
}
