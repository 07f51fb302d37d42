package jinja

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"

	"github.com/edxplay/edxplay/internal/pyrandom"
)

// Sequence-building filters: zip, product, subelements, batch, slice, random, shuffle.

func filterZip(in any, c *call) (any, error) { return zipLists(in, c, false) }

func filterZipLongest(in any, c *call) (any, error) { return zipLists(in, c, true) }

// zipLists implements zip (shortest) and zip_longest (padded with
// fillvalue, default None).
func zipLists(in any, c *call, longest bool) (any, error) {
	lists := [][]any{}
	for _, x := range append([]any{in}, c.args...) {
		l, err := toList(x)
		if err != nil {
			return nil, err
		}
		lists = append(lists, l)
	}
	n := len(lists[0])
	for _, l := range lists {
		if (!longest && len(l) < n) || (longest && len(l) > n) {
			n = len(l)
		}
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

// seededRand returns a Python-compatible generator for an Ansible seed
// value (str or int), or nil when the seed cannot be used.
func seededRand(seed any) *pyrandom.Rand {
	switch t := seed.(type) {
	case string:
		return pyrandom.NewFromString(t)
	case int:
		return pyrandom.NewFromInt(big.NewInt(int64(t)))
	case bool:
		if t {
			return pyrandom.NewFromInt(big.NewInt(1))
		}
		return pyrandom.NewFromInt(big.NewInt(0))
	case *big.Int:
		return pyrandom.NewFromInt(t)
	case float64:
		if t == math.Trunc(t) && math.Abs(t) < 1<<62 {
			return pyrandom.NewFromInt(big.NewInt(int64(t)))
		}
	}
	return nil
}

// filterRandom implements Ansible's random: randrange(start, end, step)
// for an integer, choice() for a sequence; seeded like Python.
func filterRandom(in any, c *call) (any, error) {
	var r *pyrandom.Rand
	if seed := c.arg(2, "seed", nil); seed != nil {
		if r = seededRand(seed); r == nil {
			return nil, fmt.Errorf("unsupported seed type %s", pyTypeName(seed))
		}
	} else {
		r = pyrandom.NewFromInt(new(big.Int).SetUint64(rand.Uint64()))
	}
	if n, ok := in.(int); ok {
		start := asInt(c.arg(0, "start", 0), 0)
		step := asInt(c.arg(1, "step", 1), 1)
		if step == 0 {
			step = 1
		}
		return r.RandRange(start, n, step)
	}
	if truthy(c.arg(0, "start", nil)) || truthy(c.arg(1, "step", nil)) {
		return nil, fmt.Errorf("start and step can only be used with integer values")
	}
	list, err := toList(in)
	if err != nil || len(list) == 0 {
		return nil, fmt.Errorf("cannot choose from an empty sequence")
	}
	return list[r.Below(len(list))], nil
}

// filterShuffle implements Ansible's shuffle (randomize_list): a shuffled
// copy, reproducible with a truthy seed.
func filterShuffle(in any, c *call) (any, error) {
	list, err := toList(in)
	if err != nil {
		return in, nil
	}
	out := append([]any{}, list...)
	seed := c.arg(0, "seed", nil)
	r := seededRand(seed)
	if !truthy(seed) || r == nil {
		rand.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
		return out, nil
	}
	pyrandom.Shuffle(r, out)
	return out, nil
}

// filterPermutations implements itertools.permutations(list, r): r
// defaults to the list's length; tuples come in lexicographic index order.
func filterPermutations(in any, c *call) (any, error) {
	list, err := toList(in)
	if err != nil {
		return nil, err
	}
	r := asInt(c.arg(0, "r", len(list)), len(list))
	out := []any{}
	if r < 0 || r > len(list) {
		return out, nil
	}
	used := make([]bool, len(list))
	var walk func(prefix pyTuple)
	walk = func(prefix pyTuple) {
		if len(prefix) == r {
			out = append(out, append(pyTuple{}, prefix...))
			return
		}
		for i, v := range list {
			if !used[i] {
				used[i] = true
				walk(append(prefix, v))
				used[i] = false
			}
		}
	}
	walk(pyTuple{})
	return out, nil
}

// filterCombinations implements itertools.combinations(list, r).
func filterCombinations(in any, c *call) (any, error) {
	list, err := toList(in)
	if err != nil {
		return nil, err
	}
	if !c.has(0, "r") {
		return nil, fmt.Errorf("combinations() missing required argument 'r'")
	}
	r := asInt(c.arg(0, "r", 0), 0)
	out := []any{}
	if r < 0 {
		return nil, fmt.Errorf("r must be non-negative")
	}
	var walk func(start int, prefix pyTuple)
	walk = func(start int, prefix pyTuple) {
		if len(prefix) == r {
			out = append(out, append(pyTuple{}, prefix...))
			return
		}
		for i := start; i < len(list); i++ {
			walk(i+1, append(prefix, list[i]))
		}
	}
	walk(0, pyTuple{})
	return out, nil
}
