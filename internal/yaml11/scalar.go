package yaml11

import (
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
)

// PyYAML's YAML 1.1 implicit resolvers, which Ansible uses: yes/no/on/off
// are booleans, 0755 is octal, 1:30 is sexagesimal, 1e3 is a string.
// Timestamps stay strings.
var (
	boolRe  = regexp.MustCompile(`^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$`)
	nullRe  = regexp.MustCompile(`^(?:~|null|Null|NULL|)$`)
	intRe   = regexp.MustCompile(`^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$`)
	mergeRe = regexp.MustCompile(`^(?:<<)$`)
	valueRe = regexp.MustCompile(`^(?:=)$`)
	timeRe  = regexp.MustCompile(`^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$`)
	floatRe = regexp.MustCompile(`^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$`)
)

// ResolvePlain types an untagged plain scalar with PyYAML's YAML 1.1 rules:
// nil, bool, int (*big.Int beyond int64), float64 or the string itself.
func ResolvePlain(s string) any {
	switch {
	case nullRe.MatchString(s):
		return nil
	case boolRe.MatchString(s):
		return isTrue(s)
	case intRe.MatchString(s):
		if v, ok := ParseInt(s); ok {
			return v
		}
	case floatRe.MatchString(s):
		if v, ok := parseFloat(s); ok {
			return v
		}
	}
	return s
}

// ResolvesToString reports whether a plain scalar would load back as a
// string under all of PyYAML's implicit resolvers (which also claim
// timestamps, "<<" and "="), so that a dumper may leave it unquoted.
func ResolvesToString(s string) bool {
	for _, re := range []*regexp.Regexp{boolRe, floatRe, intRe, mergeRe, nullRe, timeRe, valueRe} {
		if re.MatchString(s) {
			return false
		}
	}
	return true
}

func isTrue(s string) bool {
	switch strings.ToLower(s) {
	case "yes", "true", "on":
		return true
	}
	return false
}

// ParseInt parses a YAML 1.1 int (binary, octal with a leading 0, hex,
// sexagesimal, underscores) as the !!int constructor does: an int, or a
// *big.Int beyond int64 as in Python.
func ParseInt(s string) (any, bool) {
	v := strings.ReplaceAll(s, "_", "")
	sign := ""
	if strings.HasPrefix(v, "-") || strings.HasPrefix(v, "+") {
		sign, v = v[:1], v[1:]
	}
	if strings.Contains(v, ":") {
		n, err := sexagesimal(v)
		if err != nil {
			return nil, false
		}
		if sign == "-" {
			n = -n
		}
		return int(n), true
	}
	base := 10
	switch {
	case strings.HasPrefix(v, "0b"):
		base, v = 2, v[2:]
	case strings.HasPrefix(v, "0x"):
		base, v = 16, v[2:]
	case len(v) > 1 && v[0] == '0':
		base = 8
	}
	b, ok := new(big.Int).SetString(sign+v, base)
	if !ok {
		return nil, false
	}
	if b.IsInt64() {
		return int(b.Int64()), true
	}
	return b, true
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

// parseFloat parses a YAML 1.1 float, including .inf, .nan and
// sexagesimal forms such as 1:30.5.
func parseFloat(s string) (float64, bool) {
	v := strings.ToLower(strings.ReplaceAll(s, "_", ""))
	sign := 1.0
	if strings.HasPrefix(v, "-") || strings.HasPrefix(v, "+") {
		if v[0] == '-' {
			sign = -1
		}
		v = v[1:]
	}
	switch {
	case v == ".inf":
		return sign * math.Inf(1), true
	case v == ".nan":
		return math.NaN(), true
	case strings.Contains(v, ":"):
		whole, frac, _ := strings.Cut(v, ".")
		w, err := sexagesimal(whole)
		if err != nil {
			return 0, false
		}
		f, _ := strconv.ParseFloat("0."+frac, 64)
		return sign * (float64(w) + f), true
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return 0, false
	}
	return sign * f, true
}
