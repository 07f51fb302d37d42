package jinja

import (
	"fmt"
	"strings"

	"github.com/edxplay/edxplay/internal/jinja2"
)

// testFn is a Jinja test on plain data.
type testFn func(in any, c *call) (bool, error)

// adaptTest turns a testFn into a template test; undefined input or
// arguments fail with the undefined error.
func adaptTest(fn testFn) jinja2.TestFunc {
	return func(cc *jinja2.CallContext, v jinja2.Value, args []jinja2.Value, kw *jinja2.Dict) (bool, error) {
		if err := undefinedIn(v, args, kw); err != nil {
			return false, err
		}
		ok, err := fn(fromValue(v), newCall(cc, args, kw))
		if err != nil {
			return false, pluginError("test", err)
		}
		return ok, nil
	}
}

// testTable lists the tests the engine adds or overrides.
func testTable() map[string]testFn { return valueTests() }

func valueTests() map[string]testFn {
	return map[string]testFn{
		"sequence": func(in any, _ *call) (bool, error) {
			switch in.(type) {
			case string, []any, pyTuple, map[string]any, *lazyMap:
				return true, nil
			}
			return false, nil
		},
		"iterable": func(in any, _ *call) (bool, error) {
			_, err := toList(in)
			return err == nil, nil
		},
		"match":  regexTest("match"),
		"search": regexTest("search"),
		"regex":  regexTest(""),
		"in": func(in any, c *call) (bool, error) {
			return pyContains(c.arg(0, "seq", nil), in), nil
		},
		"contains": func(in any, c *call) (bool, error) {
			return pyContains(in, c.arg(0, "value", nil)), nil
		},
		"equalto":         equalTest(true),
		"eq":              equalTest(true),
		"==":              equalTest(true),
		"ne":              equalTest(false),
		"!=":              equalTest(false),
		"success":         resultTest(func(r map[string]any) bool { return !truthy(r["failed"]) }),
		"succeeded":       resultTest(func(r map[string]any) bool { return !truthy(r["failed"]) }),
		"finished":        resultTest(func(r map[string]any) bool { return !truthy(r["ansible_job_id"]) || truthy(r["finished"]) }),
		"started":         resultTest(func(r map[string]any) bool { return !truthy(r["ansible_job_id"]) || truthy(r["started"]) }),
		"successful":      resultTest(func(r map[string]any) bool { return !truthy(r["failed"]) }),
		"failed":          resultTest(func(r map[string]any) bool { return truthy(r["failed"]) }),
		"failure":         resultTest(func(r map[string]any) bool { return truthy(r["failed"]) }),
		"changed":         resultTest(resultChanged),
		"change":          resultTest(resultChanged),
		"skipped":         resultTest(func(r map[string]any) bool { return truthy(r["skipped"]) }),
		"skip":            resultTest(func(r map[string]any) bool { return truthy(r["skipped"]) }),
		"version":         testVersion,
		"version_compare": testVersion,
		"subset":          setTest(true),
		"issubset":        setTest(true),
		"superset":        setTest(false),
		"issuperset":      setTest(false),
		"truthy": func(in any, c *call) (bool, error) {
			if truthy(c.kw["convert_bool"]) {
				in = toBool(in)
			}
			return truthy(in), nil
		},
		"falsy": func(in any, c *call) (bool, error) {
			if truthy(c.kw["convert_bool"]) {
				in = toBool(in)
			}
			return !truthy(in), nil
		},
		"any": boolAggregate(true),
		"all": boolAggregate(false),
	}
}

func regexTest(kind string) testFn {
	return func(in any, c *call) (bool, error) {
		ic := truthy(c.arg(1, "ignorecase", false))
		ml := truthy(c.arg(2, "multiline", false))
		mt := pyStr(c.arg(3, "match_type", kind))
		if kind != "" {
			mt = kind
		}
		pattern := pyStr(c.arg(0, "pattern", ""))
		if mt == "match" {
			pattern = `\A(?:` + pattern + `)`
		}
		re, err := compilePy(pattern, ic, ml)
		if err != nil {
			return false, err
		}
		return re.MatchString(pyStr(in)), nil
	}
}

func equalTest(want bool) testFn {
	return func(in any, c *call) (bool, error) {
		return pyEqual(in, c.arg(0, "other", nil)) == want, nil
	}
}

func resultTest(pred func(map[string]any) bool) testFn {
	return func(in any, _ *call) (bool, error) {
		m, ok := in.(map[string]any)
		if !ok {
			return false, fmt.Errorf("the test expects a dictionary")
		}
		return pred(m), nil
	}
}

func resultChanged(r map[string]any) bool {
	if c, ok := r["changed"]; ok {
		return truthy(c)
	}
	results, _ := r["results"].([]any)
	for _, res := range results {
		if m, ok := res.(map[string]any); ok && truthy(m["changed"]) {
			return true
		}
	}
	return false
}

func setTest(subset bool) testFn {
	return func(in any, c *call) (bool, error) {
		a, err := toList(in)
		if err != nil {
			return false, err
		}
		b, err := toList(c.arg(0, "b", nil))
		if err != nil {
			return false, err
		}
		if !subset {
			a, b = b, a
		}
		return len(filterIn(a, b, false)) == 0, nil
	}
}

func boolAggregate(anyOf bool) testFn {
	return func(in any, _ *call) (bool, error) {
		list, err := toList(in)
		if err != nil {
			return false, err
		}
		for _, v := range list {
			if truthy(v) == anyOf {
				return anyOf, nil
			}
		}
		return !anyOf, nil
	}
}

// testVersion implements Ansible's version test (LooseVersion by default,
// StrictVersion with strict=True).
func testVersion(in any, c *call) (bool, error) {
	op := strings.TrimSpace(pyStr(c.arg(1, "operator", "eq")))
	strict := truthy(c.arg(2, "strict", false))
	if vt, ok := c.arg(3, "version_type", nil).(string); ok {
		strict = vt == "strict"
	}
	var cmp int
	var err error
	if strict {
		cmp, err = compareStrict(pyStr(in), pyStr(c.arg(0, "version", "")))
	} else {
		cmp, err = compareLoose(pyStr(in), pyStr(c.arg(0, "version", "")))
	}
	if err != nil {
		return false, err
	}
	switch op {
	case "==", "=", "eq":
		return cmp == 0, nil
	case "<", "lt":
		return cmp < 0, nil
	case "<=", "le":
		return cmp <= 0, nil
	case ">", "gt":
		return cmp > 0, nil
	case ">=", "ge":
		return cmp >= 0, nil
	case "!=", "<>", "ne":
		return cmp != 0, nil
	}
	return false, fmt.Errorf("Invalid operator type (%s)", op)
}
