package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/edxplay/edxplay/internal/playbook"
	"github.com/edxplay/edxplay/internal/taint"
)

// promptPlayVars asks for each play's vars_prompt variables that -e does
// not set, as ansible-playbook does before a run: on an interactive stdin
// the reply (the default when empty), else a warning and the default (the
// string "None" without one, as ansible-core's to_text(None) gives).
func (s *session) promptPlayVars(stdout, stderr io.Writer) error {
	extra := mergedExtraVars(s.extraVars)
	interactive := term.IsTerminal(int(os.Stdin.Fd()))
	in := bufio.NewReader(os.Stdin)
	warned := false
	for _, p := range s.pb.Plays {
		for _, vp := range p.VarsPrompt {
			if _, set := extra[vp.Name]; set {
				continue
			}
			if !interactive && !warned {
				// ansible-core shows a repeated warning once
				fmt.Fprintln(stderr, "[WARNING]: Not prompting as we are not in interactive mode")
				warned = true
			}
			v, err := askVar(vp, interactive, in, stdout)
			if err != nil {
				return withCode(exitError, fmt.Errorf("%s: vars_prompt %s: %w", vp.Pos, vp.Name, err))
			}
			if p.Vars == nil {
				p.Vars = map[string]any{}
			}
			p.Vars[vp.Name] = v
		}
	}
	return nil
}

// askVar asks for one variable.
func askVar(vp playbook.VarPrompt, interactive bool, in *bufio.Reader, stdout io.Writer) (any, error) {
	if vp.Encrypt != "" {
		return nil, fmt.Errorf("encrypt: %s is not implemented by edxplay", vp.Encrypt)
	}
	reply := ""
	if interactive {
		msg := vp.Prompt + ": "
		if vp.Default != nil {
			msg = fmt.Sprintf("%s [%v]: ", vp.Prompt, vp.Default)
		}
		var err error
		if reply, err = readReply(msg, vp, in, stdout); err != nil {
			return nil, err
		}
	}
	var v any = reply
	if reply == "" {
		v = "None"
		if vp.Default != nil {
			v = fmt.Sprint(vp.Default)
		}
	}
	if vp.Unsafe {
		v = taint.Wrap(v, taint.Unsafe)
	}
	return v, nil
}

// readReply reads one reply (twice with confirm), hidden when private.
func readReply(msg string, vp playbook.VarPrompt, in *bufio.Reader, stdout io.Writer) (string, error) {
	for {
		first, err := readLine(msg, vp.Private, in, stdout)
		if err != nil || !vp.Confirm {
			return first, err
		}
		second, err := readLine("confirm "+msg, vp.Private, in, stdout)
		if err != nil || first == second {
			return first, err
		}
		fmt.Fprintln(stdout, "***** VALUES ENTERED DO NOT MATCH ****")
	}
}

func readLine(msg string, private bool, in *bufio.Reader, stdout io.Writer) (string, error) {
	fmt.Fprint(stdout, msg)
	if private {
		b, err := term.ReadPassword(int(os.Stdin.Fd()))
		fmt.Fprintln(stdout)
		return string(b), err
	}
	line, err := in.ReadString('\n')
	if err != nil && err != io.EOF {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}
