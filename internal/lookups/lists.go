package lookups

import (
	"context"
	"crypto/rand"
	"math/big"

	"github.com/edxplay/edxplay/internal/jinja2"
)

// items returns the items of terms (Python iteration: a dict's keys).
func items(terms jinja2.Value) ([]jinja2.Value, error) { return jinja2.Iterate(terms) }

// flatten is LookupBase._flatten: lists and tuples among terms are
// spliced in, one level.
func flatten(terms []jinja2.Value) []jinja2.Value {
	var out []jinja2.Value
	for _, t := range terms {
		if t.Kind() == jinja2.ListKind || t.Kind() == jinja2.TupleKind {
			out = append(out, t.Items()...)
			continue
		}
		out = append(out, t)
	}
	return out
}

func lookupItems(_ context.Context, _ *runner, terms jinja2.Value, _ *jinja2.Dict) ([]jinja2.Value, error) {
	t, err := items(terms)
	if err != nil {
		return nil, err
	}
	return flatten(t), nil
}

func lookupList(_ context.Context, _ *runner, terms jinja2.Value, _ *jinja2.Dict) ([]jinja2.Value, error) {
	switch terms.Kind() {
	case jinja2.ListKind, jinja2.TupleKind:
		return append([]jinja2.Value(nil), terms.Items()...), nil
	}
	return nil, errorf("with_list expects a list")
}

func lookupIndexedItems(_ context.Context, _ *runner, terms jinja2.Value, _ *jinja2.Dict) ([]jinja2.Value, error) {
	if terms.Kind() != jinja2.ListKind {
		return nil, errorf("with_indexed_items expects a list")
	}
	flat := flatten(terms.Items())
	out := make([]jinja2.Value, len(flat))
	for i, it := range flat {
		out[i] = jinja2.NewTuple(jinja2.Int(int64(i)), it)
	}
	return out, nil
}

func lookupDict(_ context.Context, _ *runner, terms jinja2.Value, _ *jinja2.Dict) ([]jinja2.Value, error) {
	list := []jinja2.Value{terms}
	if terms.Kind() == jinja2.ListKind {
		list = terms.Items()
	}
	var out []jinja2.Value
	for _, t := range list {
		d := t.DictOf()
		if d == nil {
			return nil, errorf("with_dict expects a dict")
		}
		for i, k := range d.Keys() {
			kv := jinja2.NewDict()
			kv.SetStr("key", k)
			kv.SetStr("value", d.Values()[i])
			out = append(out, jinja2.DictValue(kv))
		}
	}
	return out, nil
}

// listifyEach is listify_lookup_plugin_terms on each term, as a list of
// item lists.
func listifyEach(ctx context.Context, r *runner, terms jinja2.Value) ([][]jinja2.Value, error) {
	list, err := items(terms)
	if err != nil {
		return nil, err
	}
	out := make([][]jinja2.Value, len(list))
	for i, x := range list {
		l, err := listify(ctx, r.ctrl, x, true)
		if err != nil {
			return nil, err
		}
		if out[i], err = items(l); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func lookupTogether(ctx context.Context, r *runner, terms jinja2.Value, _ *jinja2.Dict) ([]jinja2.Value, error) {
	lists, err := listifyEach(ctx, r, terms)
	if err != nil {
		return nil, err
	}
	if len(lists) == 0 {
		return nil, errorf("with_together requires at least one element in each list")
	}
	longest := 0
	for _, l := range lists {
		longest = max(longest, len(l))
	}
	out := make([]jinja2.Value, longest)
	for i := range out {
		row := make([]jinja2.Value, len(lists))
		for j, l := range lists {
			if i < len(l) {
				row[j] = l[i]
			}
		}
		out[i] = jinja2.NewList(flatten(row)...)
	}
	return out, nil
}

// maxItems bounds what a lookup may build (products, sequences).
const maxItems = 1 << 20

func lookupNested(ctx context.Context, r *runner, terms jinja2.Value, _ *jinja2.Dict) ([]jinja2.Value, error) {
	lists, err := listifyEach(ctx, r, terms)
	if err != nil {
		if jinja2.ErrorClass(err) == "UndefinedError" {
			return nil, ansibleError("AnsibleUndefinedVariable", "One of the nested variables was undefined. The error was: %s", messageOf(err))
		}
		return nil, err
	}
	if len(lists) == 0 {
		return nil, errorf("with_nested requires at least one element in the nested list")
	}
	result := lists[0]
	for _, next := range lists[1:] {
		if len(next) > 0 && len(result) > maxItems/len(next) {
			return nil, limitf("with_nested: the product has more than %d items", maxItems)
		}
		var combined []jinja2.Value
		for _, x := range result {
			for _, y := range next {
				combined = append(combined, jinja2.NewList(flatten([]jinja2.Value{x, y})...))
			}
		}
		result = combined
	}
	out := make([]jinja2.Value, len(result))
	for i, x := range result {
		xs, err := items(x)
		if err != nil {
			return nil, err
		}
		out[i] = jinja2.NewList(flatten(xs)...)
	}
	return out, nil
}

func lookupRandomChoice(_ context.Context, _ *runner, terms jinja2.Value, _ *jinja2.Dict) ([]jinja2.Value, error) {
	list, err := items(terms)
	if err != nil || len(list) == 0 {
		return list, err
	}
	n, err := rand.Int(rand.Reader, big.NewInt(int64(len(list))))
	if err != nil {
		return nil, errorf("Unable to choose random term: %s", err)
	}
	return []jinja2.Value{list[n.Int64()]}, nil
}

// pyStr is str(v) for messages.
func pyStr(v jinja2.Value) string {
	s, err := jinja2.ToString(v)
	if err != nil {
		return jinja2.Repr(v)
	}
	return s
}
