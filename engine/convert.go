package engine

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/edxplay/edxplay/internal/jinja"
	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/internal/pyvalue"
)

// ConvertArgs validates templated module arguments against spec: aliases
// become canonical names, values are converted to the declared types,
// defaults are applied and required arguments and choices are checked.
func ConvertArgs(spec modspec.Spec, in map[string]any) (map[string]any, error) {
	out := map[string]any{}
	byName := map[string]modspec.Arg{}
	for _, a := range spec.Args {
		byName[a.Name] = a
		for _, al := range a.Aliases {
			byName[al] = a
		}
	}
	for k, v := range in {
		if k == "_raw_params" && spec.FreeForm {
			out[k] = v
			continue
		}
		a, ok := byName[k]
		if !ok && spec.AnyArgs {
			out[k] = v
			continue
		}
		if !ok {
			return nil, fmt.Errorf("unsupported parameter for %s module: %s", spec.Name, k)
		}
		cv, err := convertValue(a, v)
		if err != nil {
			return nil, fmt.Errorf("argument '%s' of %s: %w", a.Name, spec.Name, err)
		}
		out[a.Name] = cv
	}
	if err := checkExclusive(spec, out); err != nil {
		return nil, err
	}
	return out, applyDefaults(spec, out)
}

// applyDefaults fills defaults and checks required arguments and choices.
func applyDefaults(spec modspec.Spec, out map[string]any) error {
	for _, a := range spec.Args {
		v, ok := out[a.Name]
		if !ok || v == nil {
			if a.Required {
				return fmt.Errorf("missing required arguments: %s", a.Name)
			}
			if a.Default != nil {
				out[a.Name] = a.Default
			}
			continue
		}
		if len(a.Choices) > 0 {
			s := fmt.Sprint(v)
			if b, isBool := v.(bool); isBool {
				s = strconv.FormatBool(b)
			}
			if !slices.Contains(a.Choices, s) {
				return fmt.Errorf("value of %s must be one of: %s, got: %s", a.Name, strings.Join(a.Choices, ", "), s)
			}
		}
	}
	return nil
}

// checkExclusive rejects arguments given together that exclude each other.
func checkExclusive(spec modspec.Spec, out map[string]any) error {
	for _, set := range spec.MutuallyExclusive {
		var given []string
		for _, n := range set {
			if _, ok := out[n]; ok {
				given = append(given, n)
			}
		}
		if len(given) > 1 {
			return fmt.Errorf("parameters are mutually exclusive: %s", strings.Join(given, "|"))
		}
	}
	return nil
}

// convertValue converts one argument value to its declared type.
func convertValue(a modspec.Arg, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch a.Type {
	case modspec.String, modspec.Path:
		switch v.(type) {
		case map[string]any, *odict.Map, []any:
			return jinja.PyStr(v), nil // check_type_str: str(value)
		}
		return scalarString(v), nil
	case modspec.Mode:
		if n, ok := v.(int); ok {
			return fmt.Sprintf("%04o", n), nil
		}
		return scalarString(v), nil
	case modspec.Bool:
		return toBool(v)
	case modspec.Int:
		return toInt(v)
	case modspec.List:
		return toList(v), nil
	case modspec.Dict:
		if !odict.IsDict(v) {
			return nil, fmt.Errorf("%v is not a dictionary", v)
		}
		return v, nil
	}
	return v, nil
}

func toBool(v any) (bool, error) {
	if v == "" {
		return false, nil
	}
	b, ok := pyvalue.Boolean(v)
	if !ok {
		return false, fmt.Errorf("the value '%v' is not a valid boolean", v)
	}
	return b, nil
}

func toInt(v any) (int, error) {
	switch n := v.(type) {
	case int:
		return n, nil
	case float64:
		return int(n), nil
	case string:
		i, err := strconv.Atoi(strings.TrimSpace(n))
		if err != nil {
			return 0, fmt.Errorf("%q cannot be converted to an int", n)
		}
		return i, nil
	}
	return 0, fmt.Errorf("%v cannot be converted to an int", v)
}

// toList converts a value to a list: lists stay, comma-separated strings split.
func toList(v any) []any {
	switch l := v.(type) {
	case []any:
		return l
	case string:
		var out []any
		for _, p := range strings.Split(l, ",") {
			out = append(out, strings.TrimSpace(p))
		}
		return out
	}
	return []any{v}
}
