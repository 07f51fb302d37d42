package playbook

import (
	"math"
	"regexp"
	"strconv"
	"strings"
)

// Plain scalars are resolved as PyYAML's YAML 1.1 resolver does, because that
// is what Ansible uses: yes/no/on/off are booleans, 0644 is octal, 1_000 is an
// int, 1e3 is a string. Timestamps stay strings.
var (
	yamlBoolRe  = regexp.MustCompile(`^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$`)
	yamlNullRe  = regexp.MustCompile(`^(?:~|null|Null|NULL|)$`)
	yamlIntRe   = regexp.MustCompile(`^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$`)
	yamlFloatRe = regexp.MustCompile(`^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$`)
)

// resolvePlain converts an untagged plain scalar to its YAML 1.1 value.
func resolvePlain(s string) any {
	switch {
	case yamlNullRe.MatchString(s):
		return nil
	case yamlBoolRe.MatchString(s):
		return yamlTrue(s)
	case yamlIntRe.MatchString(s):
		if v, ok := yamlInt(s); ok {
			return v
		}
	case yamlFloatRe.MatchString(s):
		if v, ok := yamlFloat(s); ok {
			return v
		}
	}
	return s
}

func yamlTrue(s string) bool {
	switch strings.ToLower(s) {
	case "yes", "true", "on":
		return true
	}
	return false
}

// yamlInt parses a YAML 1.1 int (binary, octal with leading 0, hex,
// sexagesimal, underscores).
func yamlInt(s string) (int, bool) {
	s = strings.ReplaceAll(s, "_", "")
	sign := 1
	if strings.HasPrefix(s, "-") {
		sign = -1
	}
	s = strings.TrimLeft(s, "+-")
	var v int64
	var err error
	switch {
	case s == "0":
		return 0, true
	case strings.HasPrefix(s, "0b"):
		v, err = strconv.ParseInt(s[2:], 2, 64)
	case strings.HasPrefix(s, "0x"):
		v, err = strconv.ParseInt(s[2:], 16, 64)
	case strings.HasPrefix(s, "0"):
		v, err = strconv.ParseInt(s[1:], 8, 64)
	case strings.Contains(s, ":"):
		v, err = sexagesimal(s)
	default:
		v, err = strconv.ParseInt(s, 10, 64)
	}
	if err != nil {
		return 0, false
	}
	return sign * int(v), true
}

func sexagesimal(s string) (int64, error) {
	var v int64
	for _, part := range strings.Split(s, ":") {
		d, err := strconv.ParseInt(part, 10, 64)
		if err != nil {
			return 0, err
		}
		v = v*60 + d
	}
	return v, nil
}

// yamlFloat parses a YAML 1.1 float.
func yamlFloat(s string) (float64, bool) {
	s = strings.ToLower(strings.ReplaceAll(s, "_", ""))
	sign := 1.0
	if strings.HasPrefix(s, "-") {
		sign = -1
	}
	s = strings.TrimLeft(s, "+-")
	switch {
	case s == ".inf":
		return sign * math.Inf(1), true
	case s == ".nan":
		return math.NaN(), true
	case strings.Contains(s, ":"):
		whole, frac, _ := strings.Cut(s, ".")
		w, err := sexagesimal(whole)
		if err != nil {
			return 0, false
		}
		f, _ := strconv.ParseFloat("0."+frac, 64)
		return sign * (float64(w)*1 + f), true
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false
	}
	return sign * v, true
}
