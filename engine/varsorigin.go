package engine

import (
	"reflect"
	"strings"

	"github.com/edxplay/edxplay/internal/odict"
)

// yamlLayers are the variable sources read from YAML text (playbooks, roles,
// vars files): their strings are Ansible's AnsibleUnicode until templating
// makes new ones. Inventory, facts, set_fact/register, extra and loop
// variables are not counted: they come from INI text, hosts, templates or
// the command line as well.
var yamlLayers = []string{"role defaults", "play vars", "vars_files", "role vars", "block vars",
	"task vars", "include_vars", "role params"}

func (l varLayer) fromYAML() bool {
	for _, p := range yamlLayers {
		if strings.HasPrefix(l.name, p) {
			return true
		}
	}
	return false
}

// fromYAML returns whether a variable of raw holds the very value of the
// highest YAML layer that sets it (not a magic variable, a loop variable or
// a merged hash that overrides it).
func fromYAML(raw map[string]any, layers []varLayer) func(name string) bool {
	return func(name string) bool {
		for i := len(layers) - 1; i >= 0; i-- {
			if v, ok := layers[i].vars[name]; ok {
				return layers[i].fromYAML() && sameValue(v, raw[name])
			}
		}
		return false
	}
}

// sameValue reports whether a and b are the same string, or the same list
// or mapping (not an equal copy).
func sameValue(a, b any) bool {
	switch x := a.(type) {
	case string:
		y, ok := b.(string)
		return ok && x == y
	case *odict.Map:
		y, ok := b.(*odict.Map)
		return ok && x == y
	case []any:
		y, ok := b.([]any)
		return ok && len(x) == len(y) && (len(x) == 0 || &x[0] == &y[0])
	case map[string]any:
		y, ok := b.(map[string]any)
		return ok && reflect.ValueOf(x).UnsafePointer() == reflect.ValueOf(y).UnsafePointer()
	}
	return false
}
