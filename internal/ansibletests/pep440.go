package ansibletests

import (
	"fmt"
	"math/big"
	"regexp"
	"strings"
)

// pep440Re is packaging.version's VERSION_PATTERN, anchored with blanks
// allowed around it.
var pep440Re = regexp.MustCompile(`(?i)^\s*v?(?:(?:([0-9]+)!)?([0-9]+(?:\.[0-9]+)*)` +
	`([-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?([0-9]+)?)?` +
	`((?:-([0-9]+))|(?:[-_.]?(post|rev|r)[-_.]?([0-9]+)?))?` +
	`([-_.]?(dev)[-_.]?([0-9]+)?)?)` +
	`(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?\s*$`)

// pep440 is a parsed packaging.version.Version. Absent parts order as
// packaging's _cmpkey orders them (see pep440Compare).
type pep440 struct {
	epoch   *big.Int
	release []*big.Int
	pre     string // "a", "b", "rc" or "" for none
	preN    *big.Int
	post    *big.Int // nil: none
	dev     *big.Int // nil: none
	local   []string // nil: none
}

func bigOf(s string) *big.Int {
	if s == "" {
		return new(big.Int)
	}
	n, _ := new(big.Int).SetString(s, 10)
	return n
}

func parsePEP440(v string) (pep440, error) {
	m := pep440Re.FindStringSubmatch(v)
	if m == nil {
		return pep440{}, fmt.Errorf("Invalid version: '%s'", v)
	}
	p := pep440{epoch: bigOf(m[1])}
	for _, r := range strings.Split(m[2], ".") {
		p.release = append(p.release, bigOf(r))
	}
	for len(p.release) > 1 && p.release[len(p.release)-1].Sign() == 0 {
		p.release = p.release[:len(p.release)-1]
	}
	if m[3] != "" {
		p.pre, p.preN = normalizePre(strings.ToLower(m[4])), bigOf(m[5])
	}
	switch {
	case m[7] != "":
		p.post = bigOf(m[7])
	case m[6] != "":
		p.post = bigOf(m[9])
	}
	if m[10] != "" {
		p.dev = bigOf(m[12])
	}
	if m[13] != "" {
		p.local = strings.FieldsFunc(strings.ToLower(m[13]), func(r rune) bool { return r == '-' || r == '_' || r == '.' })
	}
	return p, nil
}

func normalizePre(l string) string {
	switch l {
	case "alpha":
		return "a"
	case "beta":
		return "b"
	case "c", "pre", "preview":
		return "rc"
	}
	return l
}

// pep440Compare orders two versions as packaging does.
func pep440Compare(a, b string) (int, error) {
	x, err := parsePEP440(a)
	if err != nil {
		return 0, err
	}
	y, err := parsePEP440(b)
	if err != nil {
		return 0, err
	}
	if c := x.epoch.Cmp(y.epoch); c != 0 {
		return c, nil
	}
	if c := compareRelease(x.release, y.release); c != 0 {
		return c, nil
	}
	for _, c := range []int{comparePre(x, y), compareOptional(x.post, y.post, -1), compareOptional(x.dev, y.dev, 1), compareLocal(x.local, y.local)} {
		if c != 0 {
			return c, nil
		}
	}
	return 0, nil
}

func compareRelease(x, y []*big.Int) int {
	for i := 0; i < len(x) && i < len(y); i++ {
		if c := x[i].Cmp(y[i]); c != 0 {
			return c
		}
	}
	return cmp64(int64(len(x)), int64(len(y)))
}

// preKey is the pre-release sort rank: a dev-only release before any
// pre-release, a release without pre-release after all of them.
func preKey(p pep440) int {
	switch {
	case p.pre == "" && p.post == nil && p.dev != nil:
		return -1
	case p.pre == "":
		return 1
	}
	return 0
}

func comparePre(x, y pep440) int {
	kx, ky := preKey(x), preKey(y)
	if kx != ky || kx != 0 {
		return cmp64(int64(kx), int64(ky))
	}
	if c := strings.Compare(x.pre, y.pre); c != 0 {
		return c
	}
	return x.preN.Cmp(y.preN)
}

// compareOptional orders numbers where a missing one sorts first
// (missing = -1) or last (missing = 1).
func compareOptional(x, y *big.Int, missing int) int {
	switch {
	case x == nil && y == nil:
		return 0
	case x == nil:
		return missing
	case y == nil:
		return -missing
	}
	return x.Cmp(y)
}

// compareLocal orders local segments: none first; numeric parts after
// alphanumeric ones, which order as strings.
func compareLocal(x, y []string) int {
	switch {
	case x == nil && y == nil:
		return 0
	case x == nil:
		return -1
	case y == nil:
		return 1
	}
	for i := 0; i < len(x) && i < len(y); i++ {
		if c := localPartCompare(x[i], y[i]); c != 0 {
			return c
		}
	}
	return cmp64(int64(len(x)), int64(len(y)))
}

// localPartCompare orders two local segment parts: numbers numerically
// and after any alphanumeric part.
func localPartCompare(a, b string) int {
	an, bn := isDigits(a), isDigits(b)
	switch {
	case an && bn:
		return bigOf(a).Cmp(bigOf(b))
	case an:
		return 1
	case bn:
		return -1
	}
	return strings.Compare(a, b)
}
