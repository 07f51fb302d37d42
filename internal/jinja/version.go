package jinja

import (
	"fmt"
	"regexp"
	"strconv"
)

var (
	looseComponent = regexp.MustCompile(`\d+|[a-z]+|\.`)
	strictVersion  = regexp.MustCompile(`^(\d+)\.(\d+)(\.(\d+))?([ab](\d+))?$`)
)

// looseParts splits a version like distutils' LooseVersion.
func looseParts(v string) []any {
	var out []any
	for _, p := range looseComponent.FindAllString(v, -1) {
		if p == "." {
			continue
		}
		if n, err := strconv.Atoi(p); err == nil {
			out = append(out, n)
		} else {
			out = append(out, p)
		}
	}
	return out
}

// compareLoose compares two versions with LooseVersion semantics.
func compareLoose(a, b string) (int, error) {
	c, err := seqCompare(looseParts(a), looseParts(b), true)
	if err != nil {
		return 0, fmt.Errorf("Version comparison failed: %w", err)
	}
	return c, nil
}

// compareStrict compares two versions with StrictVersion semantics.
func compareStrict(a, b string) (int, error) {
	pa, err := strictParts(a)
	if err != nil {
		return 0, err
	}
	pb, err := strictParts(b)
	if err != nil {
		return 0, err
	}
	return seqCompare(pa, pb, true)
}

func strictParts(v string) ([]any, error) {
	m := strictVersion.FindStringSubmatch(v)
	if m == nil {
		return nil, fmt.Errorf("Version comparison failed: invalid version number '%s'", v)
	}
	major, _ := strconv.Atoi(m[1])
	minor, _ := strconv.Atoi(m[2])
	patch := 0
	if m[4] != "" {
		patch, _ = strconv.Atoi(m[4])
	}
	// Pre-releases sort before the release: ("a", n) < ("b", n) < final.
	pre := []any{"z", 0}
	if m[5] != "" {
		n, _ := strconv.Atoi(m[6])
		pre = []any{m[5][:1], n}
	}
	return []any{major, minor, patch, pre}, nil
}
