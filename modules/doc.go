package modules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
)

// Doc renders the documentation of the named module (short or
// ansible.builtin. form) for `edxplay doc`: its description, arguments
// with type, default, choices, aliases and whether required, and an example.
func Doc(name string) (string, error) {
	mod, ok := Lookup(name)
	if !ok {
		return "", fmt.Errorf("module %s not found", name)
	}
	spec := mod.Spec()
	var b strings.Builder
	fmt.Fprintf(&b, "> %s\n\n  %s\n", strings.ToUpper(spec.Name), spec.Short)
	if spec.FreeForm {
		b.WriteString("\n  This module takes a free-form argument.\n")
	}
	b.WriteString("\nOPTIONS (= is mandatory):\n")
	argList := append([]modspec.Arg(nil), spec.Args...)
	sort.Slice(argList, func(i, j int) bool { return argList[i].Name < argList[j].Name })
	for _, arg := range argList {
		writeArgDoc(&b, arg)
	}
	writeConstraints(&b, "mutually exclusive", spec.MutuallyExclusive)
	writeConstraints(&b, "required one of", spec.RequiredOneOf)
	b.WriteString("\nEXAMPLES:\n\n")
	b.WriteString(spec.Example)
	if !strings.HasSuffix(spec.Example, "\n") {
		b.WriteString("\n")
	}
	return b.String(), nil
}

// writeArgDoc writes one argument's entry.
func writeArgDoc(b *strings.Builder, arg modspec.Arg) {
	mark := "-"
	if arg.Required {
		mark = "="
	}
	fmt.Fprintf(b, "\n%s %s\n", mark, arg.Name)
	if arg.Doc != "" {
		fmt.Fprintf(b, "        %s\n", arg.Doc)
	}
	if len(arg.Aliases) > 0 {
		fmt.Fprintf(b, "        aliases: [%s]\n", strings.Join(arg.Aliases, ", "))
	}
	if len(arg.Choices) > 0 {
		fmt.Fprintf(b, "        choices: [%s]\n", strings.Join(arg.Choices, ", "))
	}
	if arg.Default != nil {
		fmt.Fprintf(b, "        default: %v\n", arg.Default)
	}
	if arg.NoLog {
		b.WriteString("        no_log: true\n")
	}
	fmt.Fprintf(b, "        type: %s\n", arg.Type.AnsibleName())
}

func writeConstraints(b *strings.Builder, label string, sets [][]string) {
	for _, set := range sets {
		fmt.Fprintf(b, "\n%s: %s\n", label, strings.Join(set, ", "))
	}
}

// DocList renders the list of modules, one "name  short description" line each, sorted by name.
func DocList() string {
	names := Names()
	sort.Strings(names)
	width := 0
	for _, n := range names {
		width = max(width, len(n))
	}
	var b strings.Builder
	for _, n := range names {
		mod, _ := Lookup(n)
		fmt.Fprintf(&b, "%-*s  %s\n", width, n, mod.Spec().Short)
	}
	return b.String()
}
