package ansibletests

import (
	"strings"

	"github.com/edxplay/edxplay/internal/jinja2"
)

var versionOps = map[string]string{
	"==": "eq", "=": "eq", "eq": "eq",
	"<": "lt", "lt": "lt",
	"<=": "le", "le": "le",
	">": "gt", "gt": "gt",
	">=": "ge", "ge": "ge",
	"!=": "ne", "<>": "ne", "ne": "ne",
}

// versionOpNames and versionTypeNames are the keys in Ansible's dict
// order, for its messages.
const (
	versionOpNames   = "'==', '=', 'eq', '<', 'lt', '<=', 'le', '>', 'gt', '>=', 'ge', '!=', '<>', 'ne'"
	versionTypeNames = "'loose', 'strict', 'semver', 'semantic', 'pep440'"
)

var versionParams = []jinja2.Param{jinja2.Required("value"), jinja2.Required("version"),
	jinja2.Optional("operator", jinja2.Str("eq")), jinja2.Optional("strict", jinja2.None),
	jinja2.Optional("version_type", jinja2.None)}

// versionCompare is the version (version_compare) test.
func versionCompare(_ *jinja2.CallContext, v jinja2.Value, args []jinja2.Value, kw *jinja2.Dict) (bool, error) {
	a, err := bindValue("version_compare", versionParams, v, args, kw)
	if err != nil {
		return false, err
	}
	value, version, operator, strict, vtype := a[0], a[1], a[2], a[3], a[4]
	if !strict.IsNone() && !vtype.IsNone() {
		return false, filterError("Cannot specify both 'strict' and 'version_type'")
	}
	if t, err := jinja2.Truth(value); err != nil || !t {
		return false, orErr(err, filterError("Input version value cannot be empty"))
	}
	if t, err := jinja2.Truth(version); err != nil || !t {
		return false, orErr(err, filterError("Version parameter to compare against cannot be empty"))
	}
	kind, err := versionKind(strict, vtype)
	if err != nil {
		return false, err
	}
	op, ok := "", false
	if operator.Kind() == jinja2.StrKind {
		op, ok = versionOps[operator.StrValue()]
	}
	if !ok {
		s, err := jinja2.ToString(operator)
		if err != nil {
			return false, err
		}
		return false, filterError("Invalid operator type (%s). Must be one of %s", s, versionOpNames)
	}
	return compareVersions(kind, op, value, version)
}

func orErr(err, other error) error {
	if err != nil {
		return err
	}
	return other
}

// versionKind picks the version class: StrictVersion for a true strict,
// else the version_type's, else LooseVersion.
func versionKind(strict, vtype jinja2.Value) (string, error) {
	if s, err := jinja2.Truth(strict); err != nil {
		return "", err
	} else if s {
		return "strict", nil
	}
	if t, err := jinja2.Truth(vtype); err != nil {
		return "", err
	} else if !t {
		return "loose", nil
	}
	if vtype.Kind() == jinja2.StrKind {
		switch s := vtype.StrValue(); s {
		case "loose", "strict":
			return s, nil
		case "semver", "semantic":
			return "semver", nil
		case "pep440":
			return s, nil
		}
	}
	s, err := jinja2.ToString(vtype)
	if err != nil {
		return "", err
	}
	return "", filterError("Invalid version type (%s). Must be one of %s", s, versionTypeNames)
}

// compareVersions applies operator op to two versions of one kind.
func compareVersions(kind, op string, value, version jinja2.Value) (bool, error) {
	a, err := jinja2.ToString(value)
	if err != nil {
		return false, err
	}
	b, err := jinja2.ToString(version)
	if err != nil {
		return false, err
	}
	var c int
	switch kind {
	case "strict":
		c, err = strictCompare(a, b)
	case "semver":
		c, err = semverCompare(a, b)
	case "pep440":
		c, err = pep440Compare(a, b)
	default:
		c, err = looseCompare(a, b, op)
	}
	if err != nil {
		return false, filterError("Version comparison failed: %s", err)
	}
	switch op {
	case "eq":
		return c == 0, nil
	case "ne":
		return c != 0, nil
	case "lt":
		return c < 0, nil
	case "le":
		return c <= 0, nil
	case "gt":
		return c > 0, nil
	}
	return c >= 0, nil
}

// pyIntString reports whether Python's int(s) accepts s and returns its
// digits without sign, surrounding blanks and underscores.
func pyIntString(s string) (string, bool) {
	t := strings.TrimSpace(s)
	neg := false
	if t != "" && (t[0] == '+' || t[0] == '-') {
		neg, t = t[0] == '-', t[1:]
	}
	if t == "" || t[0] == '_' || t[len(t)-1] == '_' || strings.Contains(t, "__") {
		return "", false
	}
	t = strings.ReplaceAll(t, "_", "")
	for _, r := range t {
		if r < '0' || r > '9' {
			return "", false
		}
	}
	t = strings.TrimLeft(t, "0")
	if t == "" {
		t = "0"
	}
	if neg && t != "0" {
		t = "-" + t
	}
	return t, true
}
