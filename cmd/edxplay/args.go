package main

import (
	"strings"

	"github.com/urfave/cli/v2"
)

// interspersed moves a command's positional arguments after its flags, so
// that `edxplay run site.yml -i inv` works as with ansible-playbook
// (urfave/cli stops parsing flags at the first positional argument).
func interspersed(args []string, cmds []*cli.Command) []string {
	if len(args) < 2 {
		return args
	}
	cmd := findCommand(cmds, args[1])
	if cmd == nil {
		return args
	}
	if len(args) > 2 && len(cmd.Flags) == 0 {
		// a command that is only a group (report merge): its subcommand's flags
		if sub := findCommand(cmd.Subcommands, args[2]); sub != nil {
			return append([]string{args[0]}, interspersed(args[1:], cmd.Subcommands)...)
		}
	}
	boolFlags := map[string]bool{}
	for _, f := range cmd.Flags {
		if _, ok := f.(*cli.BoolFlag); ok {
			for _, n := range f.Names() {
				boolFlags[n] = true
			}
		}
	}
	var flags, positional []string
	rest := args[2:]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		switch {
		case a == "--":
			positional = append(positional, rest[i+1:]...)
			i = len(rest)
		case strings.HasPrefix(a, "-") && a != "-":
			flags = append(flags, a)
			if takesValue(a, boolFlags) && i+1 < len(rest) {
				flags = append(flags, rest[i+1])
				i++
			}
		default:
			positional = append(positional, a)
		}
	}
	out := append([]string{args[0], args[1]}, flags...)
	return append(out, positional...)
}

// takesValue reports whether flag a consumes the next argument.
func takesValue(a string, boolFlags map[string]bool) bool {
	if strings.Contains(a, "=") {
		return false
	}
	name := strings.TrimLeft(a, "-")
	if strings.HasPrefix(a, "--") {
		return !boolFlags[name]
	}
	// Short flags may be combined (-vvv, -CD); the last letter decides.
	return !boolFlags[name[len(name)-1:]] && len(name) >= 1 && !allBool(name, boolFlags)
}

func allBool(name string, boolFlags map[string]bool) bool {
	for _, r := range name {
		if !boolFlags[string(r)] {
			return false
		}
	}
	return true
}

func findCommand(cmds []*cli.Command, name string) *cli.Command {
	for _, c := range cmds {
		if c.Name == name {
			return c
		}
		for _, a := range c.Aliases {
			if a == name {
				return c
			}
		}
	}
	return nil
}
