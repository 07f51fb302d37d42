package playbook

import (
	"fmt"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/internal/pyvalue"
	"github.com/edxplay/edxplay/internal/yaml11"
)

// ModuleSpecs looks up module argument specs by short name ("copy").
type ModuleSpecs interface {
	Spec(name string) (modspec.Spec, bool)
}

// anyArgName, as an Arg name in a Spec, lets a module accept arbitrary
// argument names (set_fact-style); set_fact itself always does.
const anyArgName = "*"

// argIndex maps names and aliases to args.
func argIndex(spec modspec.Spec) (map[string]modspec.Arg, bool) {
	idx := map[string]modspec.Arg{}
	open := spec.Name == "set_fact" || spec.AnyArgs
	for _, a := range spec.Args {
		if a.Name == anyArgName {
			open = true
			continue
		}
		idx[a.Name] = a
		for _, al := range a.Aliases {
			idx[al] = a
		}
	}
	return idx, open
}

// checkModuleArgs validates a task's arguments against its module's spec:
// unknown names, missing required ones, bad literal choices, booleans and
// ints, mutually exclusive and required-one-of sets (those not under
// module_defaults, which may supply arguments).
func (l *loader) checkModuleArgs(t *Task, where argPositions, underDefaults bool) error {
	spec, ok := l.opts.Modules.Spec(t.Action)
	if !ok {
		return errorf(t.Pos, "couldn't resolve module/action '%s'", t.ActionName)
	}
	idx, open := argIndex(spec)
	given := map[string]bool{}
	for _, k := range sortedKeys(t.Args) {
		if k == "_raw_params" {
			given[k] = true
			continue
		}
		if k == VariableParams {
			return nil // the arguments are known only at run time
		}
		a, ok := idx[k]
		if !ok {
			if open {
				continue
			}
			return errorf(posOr(where[k], t.Pos), "module %s: unsupported parameter '%s' (supported: %s)",
				spec.Name, k, strings.Join(sortedKeys(idx), ", "))
		}
		given[a.Name] = true
		if err := checkArgValue(spec.Name, a, t.Args[k]); err != nil {
			return errorf(posOr(where[k], t.Pos), "%s", err)
		}
	}
	if underDefaults {
		return nil
	}
	return checkArgSets(spec, given, t.Pos)
}

// checkArgSets checks required, mutually exclusive and required-one-of args.
func checkArgSets(spec modspec.Spec, given map[string]bool, pos Pos) error {
	for _, a := range spec.Args {
		if a.Required && !given[a.Name] {
			return errorf(pos, "module %s: missing required argument '%s'", spec.Name, a.Name)
		}
	}
	for _, set := range spec.MutuallyExclusive {
		var found []string
		for _, n := range set {
			if given[n] {
				found = append(found, n)
			}
		}
		if len(found) > 1 {
			return errorf(pos, "module %s: parameters are mutually exclusive: %s", spec.Name, strings.Join(found, "|"))
		}
	}
	for _, set := range spec.RequiredOneOf {
		found := false
		for _, n := range set {
			found = found || given[n]
		}
		if !found {
			return errorf(pos, "module %s: one of the following is required: %s", spec.Name, strings.Join(set, ", "))
		}
	}
	return nil
}

// checkArgValue checks a literal (non-templated) value against the arg's
// choices and type.
func checkArgValue(module string, a modspec.Arg, v any) error {
	if s, ok := v.(string); ok && isTemplated(s) {
		return nil
	}
	if v == nil {
		return nil
	}
	if len(a.Choices) > 0 {
		s := yaml11.PyStr(v)
		if b, ok := v.(bool); ok {
			s = strings.ToLower(yaml11.PyStr(b))
		}
		found := false
		for _, c := range a.Choices {
			found = found || c == s || (isBoolish(v) && boolChoice(c, v))
		}
		if !found {
			return fmt.Errorf("module %s: value of %s must be one of: %s, got: %s", module, a.Name, strings.Join(a.Choices, ", "), yaml11.PyStr(v))
		}
	}
	switch a.Type {
	case modspec.Bool:
		if _, ok := pyvalue.Boolean(v); !ok {
			return fmt.Errorf("module %s: argument '%s' is of type %T and we were unable to convert to bool", module, a.Name, v)
		}
	case modspec.Int:
		if !isIntLike(v) {
			return fmt.Errorf("module %s: argument '%s' is %s and we were unable to convert to int", module, a.Name, describe(v))
		}
	}
	return nil
}

func isBoolish(v any) bool { _, ok := v.(bool); return ok }

// boolChoice matches a boolean value against a choice such as "yes".
func boolChoice(choice string, v any) bool {
	cb, ok := pyvalue.Boolean(choice)
	return ok && cb == v.(bool)
}

func isIntLike(v any) bool {
	switch t := v.(type) {
	case int:
		return true
	case float64:
		return t == float64(int(t))
	case string:
		_, ok := yaml11.ParseInt(strings.TrimSpace(t))
		return ok
	}
	return false
}

func posOr(p, fallback Pos) Pos {
	if p.File == "" {
		return fallback
	}
	return p
}
