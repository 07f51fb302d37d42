package lookups

import (
	"context"
	"strings"

	"github.com/edxplay/edxplay/internal/jinja2"
)

func subelementsError(msg string) error {
	return errorf("subelements lookup expects a list of two or three items, %s", msg)
}

// lookupSubelements pairs each item of a list (or each value of a dict)
// with each element of its sub-list named by a dotted key; the pairs'
// items lack that key, as Ansible pops it.
func lookupSubelements(ctx context.Context, r *runner, terms jinja2.Value, _ *jinja2.Dict) ([]jinja2.Value, error) {
	list := terms.Items()
	if terms.Kind() != jinja2.ListKind || len(list) < 2 || len(list) > 3 {
		return nil, subelementsError("")
	}
	first, err := listify(ctx, r.ctrl, list[0], true)
	if err != nil {
		return nil, err
	}
	if (first.Kind() != jinja2.ListKind && first.Kind() != jinja2.DictKind) || list[1].Kind() != jinja2.StrKind {
		return nil, subelementsError("first a dict or a list, second a string pointing to the subkey")
	}
	keys := strings.Split(list[1].StrValue(), ".")
	elements := first.Items()
	if d := first.DictOf(); d != nil {
		if skipped(d) {
			return nil, nil
		}
		elements = d.Values()
	}
	skipMissing := false
	if len(list) == 3 {
		flags := list[2].DictOf()
		if flags == nil {
			return nil, badFlags(list[2])
		}
		v, _ := flags.GetStr("skip_missing")
		skipMissing = boolean(v)
	}
	var out []jinja2.Value
	for _, item := range elements {
		pairs, err := subelementPairs(item, keys, skipMissing)
		if err != nil {
			return nil, err
		}
		out = append(out, pairs...)
		if len(out) > maxItems {
			return nil, limitf("subelements: more than %d items", maxItems)
		}
	}
	return out, nil
}

// skipped is item.get('skipped', False) is not False.
func skipped(d *jinja2.Dict) bool {
	v, ok := d.GetStr("skipped")
	return ok && !(v.Kind() == jinja2.BoolKind && !v.BoolValue())
}

func subelementPairs(item jinja2.Value, keys []string, skipMissing bool) ([]jinja2.Value, error) {
	d := item.DictOf()
	if d == nil {
		s, _ := jinja2.ToString(item)
		return nil, errorf("subelements lookup expects a dictionary, got '%s'", s)
	}
	if skipped(d) {
		return nil, nil
	}
	root := d.Copy()
	sub := root
	var sublist []jinja2.Value
	for i, key := range keys {
		v, ok := sub.GetStr(key)
		if !ok {
			if skipMissing {
				continue
			}
			return nil, errorf("could not find '%s' key in iterated item '%s'", key, pyStr(jinja2.DictValue(sub)))
		}
		if i < len(keys)-1 {
			if v.Kind() != jinja2.DictKind {
				if skipMissing {
					continue
				}
				return nil, errorf("the key %s should point to a dictionary, got '%s'", key, pyStr(v))
			}
			c := v.DictOf().Copy()
			sub.SetStr(key, jinja2.DictValue(c))
			sub = c
			continue
		}
		if v.Kind() != jinja2.ListKind {
			return nil, errorf("the key %s should point to a list, got '%s'", key, pyStr(v))
		}
		sublist = v.Items()
		sub.Delete(jinja2.Str(key))
	}
	out := make([]jinja2.Value, len(sublist))
	for i, el := range sublist {
		out[i] = jinja2.NewTuple(jinja2.DictValue(root), el)
	}
	return out, nil
}

// badFlags is the error for a third term that is not a dict: Python
// iterates it to check its keys, then fails calling .get on it.
func badFlags(flags jinja2.Value) error {
	keys, err := jinja2.Iterate(flags)
	if err != nil {
		return err
	}
	for _, k := range keys {
		if k.Kind() != jinja2.StrKind || k.StrValue() != "skip_missing" {
			return subelementsError("the optional third item must be a dict with flags ('skip_missing',)")
		}
	}
	return jinja2.NewError("AttributeError", "'%s' object has no attribute 'get'", jinja2.TypeName(flags))
}
