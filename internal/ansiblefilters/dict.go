package ansiblefilters

import (
	"strings"

	j "github.com/edxplay/edxplay/internal/jinja2"
)

// pyClass is Python's str(type(v)).
func pyClass(v j.Value) string {
	if v.IsUndefined() {
		return "<class 'ansible.template.native_helpers.AnsibleUndefined'>"
	}
	return "<class '" + j.TypeName(v) + "'>"
}

// dict2items turns a dict into a list of {key_name: k, value_name: v}.
func dict2items(_ *j.CallContext, a []j.Value) (j.Value, error) {
	d := a[0].DictOf()
	if d == nil {
		return j.None, filterTypeError("dict2items requires a dictionary, got %s instead.", pyClass(a[0]))
	}
	out := make([]j.Value, d.Len())
	for i, k := range d.Keys() {
		item := j.NewDict()
		_ = item.Set(a[1], k)
		if err := item.Set(a[2], d.Values()[i]); err != nil {
			return j.None, err
		}
		out[i] = j.DictValue(item)
	}
	return j.NewList(out...), nil
}

// items2dict is the reverse of dict2items.
func items2dict(_ *j.CallContext, a []j.Value) (j.Value, error) {
	if err := defined(a[0]); err != nil {
		return j.None, err
	}
	if !isSeq(a[0]) {
		return j.None, filterTypeError("items2dict requires a list, got %s instead.", pyClass(a[0]))
	}
	out := j.NewDict()
	for _, it := range a[0].Items() {
		d := it.DictOf()
		if d == nil {
			return j.None, notDicts(a[0])
		}
		k, okK := d.Get(a[1])
		v, okV := d.Get(a[2])
		if !okK || !okV {
			kn, _ := text(a[1])
			vn, _ := text(a[2])
			return j.None, filterTypeError("items2dict requires each dictionary in the list to contain the keys '%s' and '%s', got %s instead.", kn, vn, j.Repr(a[0]))
		}
		if err := out.Set(k, v); err != nil {
			return j.None, notDicts(a[0])
		}
	}
	return j.DictValue(out), nil
}

// notDicts is items2dict's "list of dictionaries" error, whose message
// Ansible formats with `%` and the list itself: a tuple of other than one
// item breaks the formatting.
func notDicts(list j.Value) error {
	shown := j.Repr(list)
	if list.Kind() == j.TupleKind {
		if len(list.Items()) != 1 {
			return typeError("not all arguments converted during string formatting")
		}
		shown = pyStr(list.Items()[0])
	}
	return filterTypeError("items2dict requires a list of dictionaries, got %s instead.", shown)
}

// listMerges are combine's list_merge modes.
var listMerges = map[string]bool{"replace": true, "keep": true, "append": true, "prepend": true, "append_rp": true, "prepend_rp": true}

// combine merges dicts left to right (later wins), recursively on request.
func combine(_ *j.CallContext, v j.Value, args []j.Value, kw *j.Dict) (j.Value, error) {
	recursive, listMerge := false, "replace"
	for i, k := range kw.Keys() {
		switch k.StrValue() {
		case "recursive":
			recursive, _ = truth(kw.Values()[i])
		case "list_merge":
			listMerge, _ = text(kw.Values()[i])
		default:
			return j.None, filterError("'recursive' and 'list_merge' are the only valid keyword arguments")
		}
	}
	for _, t := range append([]j.Value{v}, args...) {
		if err := defined(t); err != nil {
			return j.None, err
		}
	}
	dicts, err := flattenItems(j.NewTuple(append([]j.Value{v}, args...)...), j.Int(1), true, 0)
	if err != nil {
		return j.None, err
	}
	for _, d := range dicts {
		if err := deepDefined(d, 0); err != nil {
			return j.None, err
		}
	}
	switch len(dicts) {
	case 0:
		return j.DictValue(j.NewDict()), nil
	case 1:
		return dicts[0], nil
	}
	if !listMerges[listMerge] {
		return j.None, j.NewError("AnsibleError", "merge_hash: 'list_merge' argument can only be equal to 'replace', 'keep', 'append', 'prepend', 'append_rp' or 'prepend_rp'")
	}
	result := dicts[len(dicts)-1]
	for i := len(dicts) - 2; i >= 0; i-- {
		var err error
		if result, err = mergeHash(dicts[i], result, recursive, listMerge); err != nil {
			return j.None, err
		}
	}
	return result, nil
}

// deepDefined is Ansible's recursive_check_defined.
func deepDefined(v j.Value, depth int) error {
	if depth > maxDepth {
		return j.NewError("RecursionError", "maximum recursion depth exceeded")
	}
	switch v.Kind() {
	case j.UndefinedKind:
		return defined(v)
	case j.ListKind, j.TupleKind:
		for _, it := range v.Items() {
			if err := deepDefined(it, depth+1); err != nil {
				return err
			}
		}
	case j.DictKind:
		for _, it := range v.DictOf().Values() {
			if err := deepDefined(it, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

// mergeHash is Ansible's merge_hash(x, y): y's keys win.
func mergeHash(x, y j.Value, recursive bool, listMerge string) (j.Value, error) {
	xd, yd := x.DictOf(), y.DictOf()
	if xd == nil || yd == nil {
		return j.None, j.NewError("AnsibleError", "failed to combine variables, expected dicts but got a '%s' and a '%s': \n%s\n%s",
			j.TypeName(x), j.TypeName(y), jsonDump(x), jsonDump(y))
	}
	if eq, _ := j.Equal(x, y); xd.Len() == 0 || eq {
		return j.DictValue(yd.Copy()), nil
	}
	out := xd.Copy()
	for i, k := range yd.Keys() {
		yv := yd.Values()[i]
		xv, ok := out.Get(k)
		if !ok {
			_ = out.Set(k, yv)
			continue
		}
		merged, err := mergeValue(xv, yv, recursive, listMerge)
		if err != nil {
			return j.None, err
		}
		_ = out.Set(k, merged)
	}
	return j.DictValue(out), nil
}

func mergeValue(xv, yv j.Value, recursive bool, listMerge string) (j.Value, error) {
	if xv.Kind() == j.DictKind && yv.Kind() == j.DictKind {
		if recursive {
			return mergeHash(xv, yv, recursive, listMerge)
		}
		return yv, nil
	}
	if xv.Kind() != j.ListKind || yv.Kind() != j.ListKind {
		return yv, nil
	}
	xs, ys := xv.Items(), yv.Items()
	cat := func(a, b []j.Value) j.Value { return j.NewList(append(append([]j.Value{}, a...), b...)...) }
	switch listMerge {
	case "keep":
		return xv, nil
	case "append":
		return cat(xs, ys), nil
	case "prepend":
		return cat(ys, xs), nil
	case "append_rp":
		return cat(without(xs, ys), ys), nil
	case "prepend_rp":
		return cat(ys, without(xs, ys)), nil
	}
	return yv, nil
}

// without returns the items of xs that are not in ys.
func without(xs, ys []j.Value) []j.Value {
	var out []j.Value
	for _, x := range xs {
		if !contains(ys, x) {
			out = append(out, x)
		}
	}
	return out
}

// jsonDump is json.dumps(v) for messages.
func jsonDump(v j.Value) string {
	s, err := dumpJSON(v, jsonStyle{itemSep: ", ", keySep: ": "})
	if err != nil {
		return j.Repr(v)
	}
	return s
}

// subelements pairs each element with each item of its subelements list.
func subelements(_ *j.CallContext, a []j.Value) (j.Value, error) {
	var elements []j.Value
	switch a[0].Kind() {
	case j.DictKind:
		elements = a[0].DictOf().Values()
	case j.ListKind:
		elements = a[0].Items()
	default:
		if err := defined(a[0]); err != nil {
			return j.None, err
		}
		return j.None, filterError("obj must be a list of dicts or a nested dict")
	}
	var path []j.Value
	switch a[1].Kind() {
	case j.ListKind:
		path = a[1].Items()
	case j.StrKind:
		for _, p := range strings.Split(a[1].StrValue(), ".") {
			path = append(path, j.Str(p))
		}
	default:
		if err := defined(a[1]); err != nil {
			return j.None, err
		}
		return j.None, filterTypeError("subelements must be a list or a string")
	}
	skip, _ := truth(a[2])
	var out []j.Value
	for _, el := range elements {
		values, err := subelementValues(el, path, skip)
		if err != nil {
			return j.None, err
		}
		for _, v := range values {
			out = append(out, j.NewTuple(el, v))
		}
	}
	return j.NewList(out...), nil
}

func subelementValues(el j.Value, path []j.Value, skip bool) ([]j.Value, error) {
	values := el
	var last j.Value
	for _, key := range path {
		last = key
		d := values.DictOf()
		if d == nil {
			s, _ := text(key)
			vs, _ := text(values)
			return nil, filterTypeError("the key %s should point to a dictionary, got '%s'", s, vs)
		}
		v, ok := d.Get(key)
		if !ok {
			if skip {
				return nil, nil
			}
			return nil, filterError("could not find %s key in iterated item %s", j.Repr(key), j.Repr(values))
		}
		values = v
	}
	if values.Kind() != j.ListKind {
		return nil, filterTypeError("the key %s should point to a list, got %s", j.Repr(last), j.Repr(values))
	}
	return values.Items(), nil
}
