package ansibletests

import (
	"errors"
	"fmt"
	"math/big"
	"regexp"
	"strconv"
	"strings"

	"github.com/edxplay/edxplay/internal/jinja2"
)

// Ansible's version classes: LooseVersion and StrictVersion
// (module_utils/compat/version.py) and SemanticVersion (utils/version.py).
// Python's `$` also matches before a final newline.
var (
	looseComponent = regexp.MustCompile(`\d+|[a-z]+|\.`)
	strictRe       = regexp.MustCompile(`^(\d+)\.(\d+)(\.(\d+))?([ab](\d+))?\n?$`)
	semverRe       = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)` +
		`(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?` +
		`(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?\n?$`)
)

// looseParts is LooseVersion.parse: the components re.split yields, the
// text between matches included, without empty strings and dots; those
// int() accepts become ints.
func looseParts(v string) []jinja2.Value {
	var parts []string
	last := 0
	for _, m := range looseComponent.FindAllStringIndex(v, -1) {
		parts = append(parts, v[last:m[0]], v[m[0]:m[1]])
		last = m[1]
	}
	parts = append(parts, v[last:])
	var out []jinja2.Value
	for _, p := range parts {
		if p == "" || p == "." {
			continue
		}
		if digits, ok := pyIntString(p); ok {
			n, _ := new(big.Int).SetString(digits, 10)
			out = append(out, jinja2.BigInt(n))
			continue
		}
		out = append(out, jinja2.Str(p))
	}
	return out
}

// looseCompare is LooseVersion._cmp: list equality, then Python's list
// ordering (which fails comparing an int with a str).
func looseCompare(a, b, _ string) (int, error) {
	x, y := jinja2.NewList(looseParts(a)...), jinja2.NewList(looseParts(b)...)
	if eq, err := jinja2.Equal(x, y); err != nil || eq {
		return 0, err
	}
	lt, err := jinja2.Less(x, y)
	if err != nil || lt {
		return -1, errText(err)
	}
	return 1, nil
}

// errText strips a template error to its message, as str(e) in Python.
func errText(err error) error {
	var e *jinja2.Error
	if err != nil && errors.As(err, &e) {
		return fmt.Errorf("%s", e.Msg)
	}
	return err
}

// strictVersion is a parsed StrictVersion.
type strictVersion struct {
	nums   [3]int64
	pre    string
	preNum int64
	hasPre bool
}

func parseStrict(v string) (strictVersion, error) {
	m := strictRe.FindStringSubmatch(v)
	if m == nil {
		return strictVersion{}, fmt.Errorf("invalid version number '%s'", v)
	}
	var s strictVersion
	s.nums[0], _ = strconv.ParseInt(m[1], 10, 64)
	s.nums[1], _ = strconv.ParseInt(m[2], 10, 64)
	if m[4] != "" {
		s.nums[2], _ = strconv.ParseInt(m[4], 10, 64)
	}
	if m[5] != "" {
		s.hasPre, s.pre = true, m[5][:1]
		s.preNum, _ = strconv.ParseInt(m[6], 10, 64)
	}
	return s, nil
}

// strictCompare is StrictVersion._cmp: the numbers, then a pre-release
// sorts before the release.
func strictCompare(a, b string) (int, error) {
	x, err := parseStrict(a)
	if err != nil {
		return 0, err
	}
	y, err := parseStrict(b)
	if err != nil {
		return 0, err
	}
	for i := range x.nums {
		if c := cmp64(x.nums[i], y.nums[i]); c != 0 {
			return c, nil
		}
	}
	switch {
	case !x.hasPre && !y.hasPre:
		return 0, nil
	case x.hasPre && !y.hasPre:
		return -1, nil
	case !x.hasPre:
		return 1, nil
	}
	if c := strings.Compare(x.pre, y.pre); c != 0 {
		return c, nil
	}
	return cmp64(x.preNum, y.preNum), nil
}

func cmp64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// semver is a parsed SemanticVersion: the core and the pre-release
// identifiers (build metadata does not order).
type semver struct {
	core [3]*big.Int
	pre  []string
}

func parseSemver(v string) (semver, error) {
	m := semverRe.FindStringSubmatch(v)
	if m == nil {
		return semver{}, fmt.Errorf("invalid semantic version '%s'", v)
	}
	var s semver
	for i := range s.core {
		s.core[i], _ = new(big.Int).SetString(m[i+1], 10)
	}
	if m[4] != "" {
		s.pre = strings.Split(m[4], ".")
	}
	return s, nil
}

// semverCompare is SemanticVersion._cmp.
func semverCompare(a, b string) (int, error) {
	x, err := parseSemver(a)
	if err != nil {
		return 0, err
	}
	y, err := parseSemver(b)
	if err != nil {
		return 0, err
	}
	for i := range x.core {
		if c := x.core[i].Cmp(y.core[i]); c != 0 {
			return c, nil
		}
	}
	switch {
	case len(x.pre) == 0 && len(y.pre) == 0:
		return 0, nil
	case len(y.pre) == 0:
		return -1, nil
	case len(x.pre) == 0:
		return 1, nil
	}
	for i := 0; i < len(x.pre) && i < len(y.pre); i++ {
		if c := prereleaseCompare(x.pre[i], y.pre[i]); c != 0 {
			return c, nil
		}
	}
	return cmp64(int64(len(x.pre)), int64(len(y.pre))), nil
}

// prereleaseCompare orders two identifiers as _Numeric and _Alpha do:
// numbers numerically, before any alphanumeric, which order as strings.
func prereleaseCompare(a, b string) int {
	an, bn := isDigits(a), isDigits(b)
	switch {
	case an && bn:
		x, _ := new(big.Int).SetString(a, 10)
		y, _ := new(big.Int).SetString(b, 10)
		return x.Cmp(y)
	case an:
		return -1
	case bn:
		return 1
	}
	return strings.Compare(a, b)
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
