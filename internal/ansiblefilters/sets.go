package ansiblefilters

import (
	"strings"

	j "github.com/edxplay/edxplay/internal/jinja2"
)

// contains is Python's `x in items` over a list.
func contains(items []j.Value, x j.Value) bool {
	for _, it := range items {
		if eq, _ := j.Equal(it, x); eq {
			return true
		}
	}
	return false
}

// uniqueValues is Ansible's unique: Jinja2's do_unique (case-insensitive
// unless case_sensitive, optionally on an attribute), falling back to a
// list-based version when an item is not hashable.
func uniqueValues(c *j.CallContext, v j.Value, caseSensitive, attribute j.Value) (j.Value, error) {
	items, err := j.Iterate(v)
	if err != nil {
		return j.None, err
	}
	cs, _ := truth(caseSensitive)
	seen := j.NewDict()
	var out []j.Value
	for _, it := range items {
		key := it
		if !attribute.IsNone() {
			if key, err = attrPath(it, attribute); err != nil {
				return j.None, err
			}
		}
		if isStr(key) && !cs {
			key = j.Str(strings.ToLower(key.StrValue()))
		}
		if _, dup := seen.Get(key); dup {
			continue
		}
		if err := seen.Set(key, j.None); err != nil {
			return uniqueFallback(items, caseSensitive, attribute, err)
		}
		out = append(out, it)
	}
	return j.NewList(out...), nil
}

// uniqueFallback is Ansible's own unique for unhashable items.
func uniqueFallback(items []j.Value, caseSensitive, attribute j.Value, cause error) (j.Value, error) {
	explicitFalse := caseSensitive.Kind() == j.BoolKind && !caseSensitive.BoolValue()
	if explicitFalse || !attribute.IsNone() {
		return j.None, filterError("Jinja2's unique filter failed and we cannot fall back to Ansible's version as it does not support the parameters supplied. %s", errMessage(cause))
	}
	var out []j.Value
	for _, it := range items {
		if !contains(out, it) {
			out = append(out, it)
		}
	}
	return j.NewList(out...), nil
}

// attrPath is Jinja2's make_attrgetter: dotted names, integer parts as
// indexes; a missing part is undefined.
func attrPath(v, attribute j.Value) (j.Value, error) {
	if !isStr(attribute) {
		return j.GetItem(v, attribute)
	}
	for _, part := range strings.Split(attribute.StrValue(), ".") {
		key := j.Str(part)
		if n, err := toInt(key); err == nil && part != "" && strings.Trim(part, "0123456789") == "" {
			key = j.Int(n)
		}
		var err error
		if v, err = j.GetItem(v, key); err != nil {
			return j.None, err
		}
	}
	return v, nil
}

func unique(c *j.CallContext, a []j.Value) (j.Value, error) {
	return uniqueValues(c, a[0], a[1], a[2])
}

// setOperands iterates both operands of a set filter.
func setOperands(a []j.Value) ([]j.Value, []j.Value, error) {
	x, err := j.Iterate(a[0])
	if err != nil {
		return nil, nil, err
	}
	y, err := j.Iterate(a[1])
	if err != nil && !a[1].IsUndefined() {
		return nil, nil, typeError("argument of type '%s' is not iterable", j.TypeName(a[1]))
	}
	return x, y, err
}

func intersect(c *j.CallContext, a []j.Value) (j.Value, error) {
	x, y, err := setOperands(a)
	if err != nil {
		return j.None, err
	}
	var keep []j.Value
	for _, it := range x {
		if contains(y, it) {
			keep = append(keep, it)
		}
	}
	return uniqueValues(c, j.NewList(keep...), j.Bool(true), j.None)
}

func difference(c *j.CallContext, a []j.Value) (j.Value, error) {
	x, y, err := setOperands(a)
	if err != nil {
		return j.None, err
	}
	var keep []j.Value
	for _, it := range x {
		if !contains(y, it) {
			keep = append(keep, it)
		}
	}
	return uniqueValues(c, j.NewList(keep...), j.Bool(true), j.None)
}

func union(c *j.CallContext, a []j.Value) (j.Value, error) {
	sum, err := j.BinaryOp("+", a[0], a[1])
	if err != nil {
		return j.None, err
	}
	return uniqueValues(c, sum, j.Bool(true), j.None)
}

func symmetricDifference(c *j.CallContext, a []j.Value) (j.Value, error) {
	isect, err := intersect(c, a)
	if err != nil {
		return j.None, err
	}
	all, err := union(c, a)
	if err != nil {
		return j.None, err
	}
	var out []j.Value
	for _, it := range all.Items() {
		if !contains(isect.Items(), it) {
			out = append(out, it)
		}
	}
	return j.NewList(out...), nil
}

// flatten flattens nested lists to levels (all when None), skipping None,
// 'None' and 'null' items when skip_nulls.
func flatten(_ *j.CallContext, a []j.Value) (j.Value, error) {
	skip, _ := truth(a[2])
	out, err := flattenItems(a[0], a[1], skip, 0)
	return j.NewList(out...), err
}

func flattenItems(v, levels j.Value, skip bool, depth int) ([]j.Value, error) {
	if depth > maxDepth {
		return nil, j.NewError("RecursionError", "maximum recursion depth exceeded")
	}
	items, err := j.Iterate(v)
	if err != nil {
		return nil, err
	}
	var out []j.Value
	for _, it := range items {
		if skip && (it.IsNone() || isStr(it) && (it.StrValue() == "None" || it.StrValue() == "null")) {
			continue
		}
		if !isSeq(it) {
			out = append(out, it)
			continue
		}
		next := j.None
		if !levels.IsNone() {
			ge, err := j.Compare(">=", levels, j.Int(1))
			if err != nil {
				return nil, err
			}
			if t, _ := truth(ge); !t {
				out = append(out, it)
				continue
			}
			n, err := toInt(levels)
			if err != nil {
				return nil, err
			}
			next = j.Int(n - 1)
		}
		sub, err := flattenItems(it, next, skip, depth+1)
		if err != nil {
			return nil, err
		}
		out = append(out, sub...)
	}
	return out, nil
}
