package playbook

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/internal/pyvalue"
	"github.com/edxplay/edxplay/internal/yaml11"
)

// str decodes a scalar as a string (numbers and booleans formatted as
// Python would).
func (d *doc) str(n *yaml.Node) (string, error) {
	v, err := d.value(n)
	if err != nil {
		return "", err
	}
	switch v.(type) {
	case *odict.Map, []any:
		return "", errorf(d.pos(n), "expected a string, got %s", kindName(n))
	case nil:
		return "", nil
	}
	return yaml11.PyStr(v), nil
}

// boolean decodes a boolean keyword.
func (d *doc) boolean(n *yaml.Node) (bool, error) {
	v, err := d.value(n)
	if err != nil {
		return false, err
	}
	b, ok := pyvalue.Boolean(v)
	if !ok {
		return false, errorf(d.pos(n), "expected a boolean, got %q", yaml11.PyStr(v))
	}
	return b, nil
}

// boolPtr decodes an optional boolean keyword.
// becomeValue decodes a become keyword: a boolean, or a template kept raw
// (ansible-core templates keywords at run time).
func (d *doc) becomeValue(n *yaml.Node) (*bool, string, error) {
	if v, err := d.value(n); err == nil {
		if s, ok := v.(string); ok && strings.Contains(s, "{{") {
			return nil, s, nil
		}
	}
	b, err := d.boolPtr(n)
	return b, "", err
}

func (d *doc) boolPtr(n *yaml.Node) (*bool, error) {
	b, err := d.boolean(n)
	if err != nil {
		return nil, err
	}
	return &b, nil
}

// list decodes a value that may be a single scalar or a list of scalars.
func (d *doc) list(n *yaml.Node, what string) ([]string, error) {
	v, err := d.value(n)
	if err != nil {
		return nil, err
	}
	switch t := v.(type) {
	case nil:
		return nil, nil
	case []any:
		out := make([]string, 0, len(t))
		for i, e := range t {
			switch e.(type) {
			case *odict.Map, []any:
				return nil, errorf(d.pos(deref(n).Content[i]), "%s entries must be strings", what)
			}
			out = append(out, yaml11.PyStr(e))
		}
		return out, nil
	case *odict.Map:
		return nil, errorf(d.pos(n), "%s must be a string or a list, got a mapping", what)
	}
	return []string{yaml11.PyStr(v)}, nil
}

// conditions decodes when/changed_when/failed_when/until.
func (d *doc) conditions(n *yaml.Node) ([]string, error) {
	return d.list(n, "conditions")
}

// tags decodes tags: a comma-separated string or a list.
func (d *doc) tags(n *yaml.Node) ([]string, error) {
	v, err := d.value(n)
	if err != nil {
		return nil, err
	}
	if s, ok := v.(string); ok {
		var out []string
		for _, t := range strings.Split(s, ",") {
			out = append(out, strings.TrimSpace(t))
		}
		return out, nil
	}
	if _, ok := v.(*odict.Map); ok {
		return nil, errorf(d.pos(n), "tags must be specified as a list")
	}
	return d.list(n, "tags")
}

// varsMap decodes vars: a mapping, or a list of mappings merged in order.
func (d *doc) varsMap(n *yaml.Node) (map[string]any, error) {
	v, err := d.value(n)
	if err != nil {
		return nil, err
	}
	switch t := v.(type) {
	case nil:
		return nil, nil
	case *odict.Map:
		return t.Plain(), nil
	case []any:
		out := map[string]any{}
		for _, e := range t {
			m, ok := odict.Plain(e)
			if !ok {
				return nil, errorf(d.pos(n), "vars must be a mapping or a list of mappings")
			}
			for k, val := range m {
				out[k] = val
			}
		}
		return out, nil
	}
	return nil, errorf(d.pos(n), "vars must be a mapping, got %s", kindName(n))
}

// isTemplated reports whether s contains Jinja2 syntax.
func isTemplated(s string) bool {
	return strings.Contains(s, "{{") || strings.Contains(s, "{%") || strings.Contains(s, "{#")
}

// describe formats a value for an error message.
func describe(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	return yaml11.PyStr(v)
}
