package main

import (
	"fmt"
	"os"

	"golang.org/x/term"
)

// promptSecret asks for a secret on the terminal without echo.
func promptSecret(prompt string) (string, error) {
	tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil {
		return "", fmt.Errorf("%s needs a terminal: %w", prompt, err)
	}
	defer tty.Close()
	fmt.Fprint(tty, prompt)
	b, err := term.ReadPassword(int(tty.Fd()))
	fmt.Fprintln(tty)
	if err != nil {
		return "", fmt.Errorf("read password: %w", err)
	}
	return string(b), nil
}

// askPassphrase asks for the passphrase of an encrypted private key.
func askPassphrase(file string) ([]byte, error) {
	s, err := promptSecret(fmt.Sprintf("Enter passphrase for key '%s': ", file))
	return []byte(s), err
}
