package ansiblefilters

import (
	"os"
	"path/filepath"

	j "github.com/edxplay/edxplay/internal/jinja2"
)

// fileglob lists the regular files matching a glob on the controller.
func fileglob(_ *j.CallContext, a []j.Value) (j.Value, error) {
	p, err := pathArg(a[0])
	if err != nil {
		return j.None, err
	}
	matches, _ := filepath.Glob(p)
	var out []j.Value
	for _, m := range matches {
		if st, err := os.Stat(m); err == nil && st.Mode().IsRegular() {
			out = append(out, j.Str(m))
		}
	}
	return j.NewList(out...), nil
}

// rekeyOnMember turns a dict or list of dicts into a dict keyed on one
// member of each.
func rekeyOnMember(_ *j.CallContext, a []j.Value) (j.Value, error) {
	data, key := a[0], a[1]
	dup, _ := text(a[2])
	if dup != "error" && dup != "overwrite" {
		return j.None, filterError("duplicates parameter to rekey_on_member has unknown value: %s", dup)
	}
	if err := defined(data, key); err != nil {
		return j.None, err
	}
	var items []j.Value
	switch data.Kind() {
	case j.DictKind:
		items = data.DictOf().Values()
	case j.ListKind, j.TupleKind:
		items = data.Items()
	default:
		return j.None, filterTypeError("Type is not a valid list, set, or dict")
	}
	out := j.NewDict()
	for _, it := range items {
		d := it.DictOf()
		if d == nil {
			return j.None, filterTypeError("List item is not a valid dict")
		}
		k, ok := d.Get(key)
		if !ok {
			s, _ := text(key)
			return j.None, filterError("Key %s was not found", s)
		}
		if prev, seen := out.Get(k); seen && prev.DictOf().Len() > 0 && dup == "error" {
			s, _ := text(k)
			return j.None, filterError("Key %s is not unique, cannot correctly turn into dict", s)
		}
		if err := out.Set(k, it); err != nil {
			return j.None, filterTypeError("%s", errMessage(err))
		}
	}
	return j.DictValue(out), nil
}

// jsonQuery is community.general's json_query; JMESPath is not built in.
func jsonQuery(_ *j.CallContext, a []j.Value) (j.Value, error) {
	if err := defined(a[0], a[1]); err != nil {
		return j.None, err
	}
	return j.None, filterError("json_query is not supported by edxplay (no JMESPath engine); use selectattr/map/json filters instead")
}
