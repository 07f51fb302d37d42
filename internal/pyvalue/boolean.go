package pyvalue

import "strings"

// Boolean converts a value with Ansible's boolean() rules
// (module_utils.parsing.convert_bool): true, 1, "yes", "on", "true", "y",
// "t", "1" (any case) and their false counterparts; ok is false for
// anything else (where non-strict callers take false).
func Boolean(v any) (value, ok bool) {
	switch t := v.(type) {
	case bool:
		return t, true
	case int:
		if t == 0 || t == 1 {
			return t == 1, true
		}
	case float64:
		if t == 0 || t == 1 {
			return t == 1, true
		}
	case string:
		switch strings.ToLower(strings.TrimSpace(t)) {
		case "y", "yes", "on", "1", "true", "t":
			return true, true
		case "n", "no", "off", "0", "false", "f":
			return false, true
		}
	}
	return false, false
}
