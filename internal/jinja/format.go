package jinja

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// percentSpec matches one Python %-format conversion.
var percentSpec = regexp.MustCompile(`%(\([^)]*\))?([-+ #0]*)(\*|\d+)?(?:\.(\d+))?([diouxXeEfFgGcrsa%])`)

// filterFormat implements Jinja's format filter (Python's % operator).
func filterFormat(in any, c *call) (any, error) {
	return pyPercent(pyStr(in), c.args, c.kw)
}

// pyPercent formats like Python's `format % args`.
func pyPercent(format string, args []any, kw map[string]any) (string, error) {
	next := 0
	var failure error
	out := percentSpec.ReplaceAllStringFunc(format, func(spec string) string {
		m := percentSpec.FindStringSubmatch(spec)
		if m[5] == "%" {
			return "%"
		}
		var v any
		if m[1] != "" {
			name := m[1][1 : len(m[1])-1]
			source := kw
			if len(args) == 1 {
				if d, ok := args[0].(map[string]any); ok {
					source = d
				}
			}
			v = source[name]
		} else {
			if next >= len(args) {
				failure = fmt.Errorf("not enough arguments for format string")
				return spec
			}
			v = args[next]
			next++
		}
		s, err := formatOne(v, m[2], m[3], m[4], m[5])
		if err != nil {
			failure = err
		}
		return s
	})
	return out, failure
}

// formatOne applies one conversion.
func formatOne(v any, flags, width, prec, verb string) (string, error) {
	goFlags := strings.ReplaceAll(flags, "#", "#")
	spec := "%" + goFlags + width
	if prec != "" {
		spec += "." + prec
	}
	switch verb {
	case "s":
		return fmt.Sprintf(spec+"s", pyStr(v)), nil
	case "r", "a":
		return fmt.Sprintf(spec+"s", pyRepr(v)), nil
	case "d", "i", "u":
		f, ok := toFloat(numberArg(v))
		if !ok {
			return "", fmt.Errorf("%%%s format: a number is required, not %s", verb, pyTypeName(v))
		}
		return fmt.Sprintf(spec+"d", int64(f)), nil
	case "x", "X", "o":
		f, ok := toFloat(numberArg(v))
		if !ok {
			return "", fmt.Errorf("%%%s format: an integer is required, not %s", verb, pyTypeName(v))
		}
		return fmt.Sprintf(spec+verb, int64(f)), nil
	case "e", "E", "f", "F", "g", "G":
		f, ok := toFloat(numberArg(v))
		if !ok {
			return "", fmt.Errorf("must be real number, not %s", pyTypeName(v))
		}
		if prec == "" && verb != "g" && verb != "G" {
			spec += ".6"
		}
		return fmt.Sprintf(spec+strings.ToLower(verb), f), nil
	case "c":
		if i, ok := v.(int); ok {
			return string(rune(i)), nil
		}
		return pyStr(v), nil
	}
	return "", fmt.Errorf("unsupported format character %q", verb)
}

// numberArg converts numeric strings for %d-style conversions only when
// they already are numbers (Python raises for strings).
func numberArg(v any) any {
	if s, ok := v.(string); ok {
		if i, err := strconv.Atoi(s); err == nil {
			return i
		}
	}
	return v
}
