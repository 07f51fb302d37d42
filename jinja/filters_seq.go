package jinja

import (
	"fmt"
	"math/rand/v2"
)

// Sequence-building filters: zip, product, subelements, batch, slice, random.

func filterZip(in any, c *call) (any, error) {
	lists := [][]any{}
	for _, x := range append([]any{in}, c.args...) {
		l, err := toList(x)
		if err != nil {
			return nil, err
		}
		lists = append(lists, l)
	}
	_, longest := c.kw["fillvalue"]
	n := len(lists[0])
	for _, l := range lists {
		if (!longest && len(l) < n) || (longest && len(l) > n) {
			n = len(l)
		}
	}
	if !longest && c.kw == nil {
		longest = false
	}
	out := []any{}
	for i := 0; i < n; i++ {
		t := make(pyTuple, len(lists))
		for j, l := range lists {
			if i < len(l) {
				t[j] = l[i]
			} else {
				t[j] = c.kw["fillvalue"]
			}
		}
		out = append(out, t)
	}
	return out, nil
}

func filterProduct(in any, c *call) (any, error) {
	result := []pyTuple{{}}
	for _, x := range append([]any{in}, c.args...) {
		l, err := toList(x)
		if err != nil {
			return nil, err
		}
		next := []pyTuple{}
		for _, prefix := range result {
			for _, v := range l {
				next = append(next, append(append(pyTuple{}, prefix...), v))
			}
		}
		result = next
	}
	out := make([]any, len(result))
	for i, t := range result {
		out[i] = t
	}
	return out, nil
}

func filterSubelements(in any, c *call) (any, error) {
	list, err := toList(in)
	if err != nil {
		return nil, err
	}
	key := pyStr(c.arg(0, "subelements", ""))
	skipMissing := truthy(c.arg(1, "skip_missing", false))
	out := []any{}
	for _, item := range list {
		sub, err := getAttr(item, key)
		if err != nil {
			if skipMissing {
				continue
			}
			return nil, fmt.Errorf("could not find %s key in iterated item %s", pyQuote(key), pyRepr(item))
		}
		elems, ok := sub.([]any)
		if !ok {
			return nil, fmt.Errorf("the key %s should point to a list, got %s", pyQuote(key), pyRepr(sub))
		}
		for _, e := range elems {
			out = append(out, pyTuple{item, e})
		}
	}
	return out, nil
}

func filterBatch(in any, c *call) (any, error) {
	list, err := toList(in)
	if err != nil {
		return nil, err
	}
	size := asInt(c.arg(0, "linecount", 1), 1)
	fill, hasFill := c.kw["fill_with"]
	if len(c.args) > 1 {
		fill, hasFill = c.args[1], true
	}
	out := []any{}
	for i := 0; i < len(list); i += size {
		end := min(i+size, len(list))
		chunk := append([]any{}, list[i:end]...)
		for hasFill && len(chunk) < size {
			chunk = append(chunk, fill)
		}
		out = append(out, chunk)
	}
	return out, nil
}

func filterSlice(in any, c *call) (any, error) {
	list, err := toList(in)
	if err != nil {
		return nil, err
	}
	slices := asInt(c.arg(0, "slices", 1), 1)
	per, extra := len(list)/slices, len(list)%slices
	out := []any{}
	offset := 0
	for i := 0; i < slices; i++ {
		start := offset + i*per
		if i < extra {
			offset++
		}
		end := offset + (i+1)*per
		out = append(out, append([]any{}, list[start:end]...))
	}
	return out, nil
}

func filterRandom(in any, _ *call) (any, error) {
	if n, ok := in.(int); ok {
		return rand.IntN(max(n, 1)), nil
	}
	list, err := toList(in)
	if err != nil || len(list) == 0 {
		return nil, fmt.Errorf("cannot choose from an empty sequence")
	}
	return list[rand.IntN(len(list))], nil
}
