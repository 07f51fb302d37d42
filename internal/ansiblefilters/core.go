package ansiblefilters

import (
	"crypto/rand"
	"math"
	"math/big"
	"regexp"
	"strings"

	j "github.com/edxplay/edxplay/internal/jinja2"
	"github.com/edxplay/edxplay/internal/pyrandom"
)

// toBool is Ansible's to_bool: None and bools stay, 'yes', 'on', '1',
// 'true' (any case) and 1 are True, anything else False.
func toBool(_ *j.CallContext, a []j.Value) (j.Value, error) {
	v := a[0]
	switch v.Kind() {
	case j.NoneKind, j.BoolKind:
		return v, nil
	case j.StrKind:
		switch strings.ToLower(v.StrValue()) {
		case "yes", "on", "1", "true":
			return j.Bool(true), nil
		}
		return j.Bool(false), nil
	}
	if err := defined(v); err != nil {
		return j.None, err
	}
	eq, _ := j.Equal(v, j.Int(1))
	return j.Bool(eq), nil
}

// ternary is value ? true_val : false_val, with none_val for None.
func ternary(_ *j.CallContext, a []j.Value) (j.Value, error) {
	if a[0].IsNone() && !a[3].IsNone() {
		return a[3], nil
	}
	t, err := truth(a[0])
	if err != nil {
		return j.None, err
	}
	if t {
		return a[1], nil
	}
	return a[2], nil
}

// mandatory fails on an undefined value, naming it.
func mandatory(_ *j.CallContext, a []j.Value) (j.Value, error) {
	u := a[0].UndefinedOf()
	if u == nil {
		return a[0], nil
	}
	if !a[1].IsNone() {
		msg, err := text(a[1])
		if err != nil {
			return j.None, err
		}
		return j.None, filterError("%s", msg)
	}
	name := ""
	if !u.Name.IsNone() && u.Hint == "" {
		s, _ := text(u.Name)
		name = "'" + s + "' "
	}
	return j.None, filterError("Mandatory variable %s not defined.", name)
}

// typeDebug is the Python class name of the value.
func typeDebug(_ *j.CallContext, a []j.Value) (j.Value, error) {
	v := a[0]
	if isStr(v) && v.OwnMark()&j.Unsafe != 0 {
		if v.IsNativeText() {
			return j.Str("NativeJinjaUnsafeText"), nil
		}
		return j.Str("AnsibleUnsafeText"), nil
	}
	name := j.TypeName(v)
	return j.Str(name[strings.LastIndexByte(name, '.')+1:]), nil // __class__.__name__
}

// shellSafe matches the strings shlex.quote leaves as they are.
var shellSafe = regexp.MustCompile(`^[A-Za-z0-9_@%+=:,./-]+$`)

// quote is shlex.quote; None quotes as the empty string.
func quote(_ *j.CallContext, a []j.Value) (j.Value, error) {
	s := ""
	if !a[0].IsNone() {
		var err error
		if s, err = text(a[0]); err != nil {
			return j.None, err
		}
	}
	if s == "" {
		return j.Str("''"), nil
	}
	if shellSafe.MatchString(s) {
		return j.Str(s), nil
	}
	return j.Str("'" + strings.ReplaceAll(s, "'", `'"'"'`) + "'"), nil
}

// extract looks item (and morekeys) up in container.
func extract(_ *j.CallContext, a []j.Value) (j.Value, error) {
	keys := []j.Value{a[0]}
	switch {
	case a[2].IsNone():
	case a[2].Kind() == j.ListKind:
		keys = append(keys, a[2].Items()...)
	default:
		keys = append(keys, a[2])
	}
	v := a[1]
	for _, k := range keys {
		var err error
		if v, err = j.GetItem(v, k); err != nil {
			return j.None, err
		}
	}
	return v, nil
}

// seeded returns Python's random.Random(seed) for an int, bool or str
// seed; other seeds are refused.
func seeded(seed j.Value) (*pyrandom.Rand, error) {
	switch seed.Kind() {
	case j.IntKind, j.BoolKind:
		if seed.Kind() == j.BoolKind {
			n := int64(0)
			if seed.BoolValue() {
				n = 1
			}
			return pyrandom.NewFromInt(big.NewInt(n)), nil
		}
		return pyrandom.NewFromInt(seed.BigValue()), nil
	case j.StrKind:
		return pyrandom.NewFromString(seed.StrValue()), nil
	case j.FloatKind:
		return pyrandom.NewFromInt(new(big.Int).SetUint64(uint64(floatHash(seed.FloatValue())))), nil
	case j.NoneKind:
		n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 128))
		if err != nil {
			return nil, err
		}
		return pyrandom.NewFromInt(n), nil
	}
	return nil, typeError("The only supported seed types are: None,\nint, float, str, bytes, and bytearray.")
}

// random is randrange(start, end, step) for an int, choice() for a
// sequence.
func random(_ *j.CallContext, a []j.Value) (j.Value, error) {
	r, err := seeded(a[3])
	if err != nil {
		return j.None, err
	}
	end := a[0]
	if end.Kind() == j.IntKind || end.Kind() == j.BoolKind {
		return randomRange(r, a)
	}
	if end.Kind() == j.NoneKind || end.Kind() == j.FloatKind || end.IsUndefined() {
		if err := defined(end); err != nil {
			return j.None, err
		}
		return j.None, filterError("random can only be used on sequences and integers")
	}
	for _, v := range a[1:3] {
		if t, _ := truth(v); t {
			return j.None, filterError("start and step can only be used with integer values")
		}
	}
	items, err := j.Iterate(end)
	if err != nil {
		return j.None, filterError("random can only be used on sequences and integers")
	}
	if end.Kind() == j.DictKind {
		return j.None, j.NewError("KeyError", "%d", r.Below(len(items)))
	}
	if len(items) == 0 {
		return j.None, j.NewError("IndexError", "Cannot choose from an empty sequence")
	}
	return items[r.Below(len(items))], nil
}

func randomRange(r *pyrandom.Rand, a []j.Value) (j.Value, error) {
	stop, err := toInt(a[0])
	if err != nil {
		return j.None, err
	}
	start, step := int64(0), int64(1)
	if t, _ := truth(a[1]); t {
		if start, err = toInt(a[1]); err != nil {
			return j.None, err
		}
	}
	if t, _ := truth(a[2]); t {
		if step, err = toInt(a[2]); err != nil {
			return j.None, err
		}
	}
	n, err := r.RandRange(int(start), int(stop), int(step))
	if err != nil {
		return j.None, valueError("empty range for randrange() (%d, %d, %d)", start, stop, stop-start)
	}
	return j.Int(int64(n)), nil
}

// shuffle is randomize_list: a shuffled copy, reproducible for a truthy
// seed; a value that is not iterable comes back as it is.
func shuffle(_ *j.CallContext, a []j.Value) (j.Value, error) {
	items, err := j.Iterate(a[0])
	if err != nil {
		return a[0], nil
	}
	out := append([]j.Value{}, items...)
	seed := a[1]
	if t, _ := truth(seed); !t {
		seed = j.None
	}
	r, err := seeded(seed)
	if err != nil {
		return a[0], nil
	}
	pyrandom.Shuffle(r, out)
	return j.NewList(out...), nil
}

// floatHash is CPython's hash() of a float, which random.Random(x)
// seeds with (as an unsigned 64-bit number).
func floatHash(x float64) int64 {
	const bits = 61
	const modulus = 1<<bits - 1
	switch {
	case math.IsInf(x, 1):
		return 314159
	case math.IsInf(x, -1):
		return -314159
	case math.IsNaN(x):
		return 0
	}
	m, e := math.Frexp(x)
	sign := int64(1)
	if m < 0 {
		sign, m = -1, -m
	}
	var h uint64
	for m != 0 {
		h = ((h << 28) & modulus) | h>>(bits-28)
		m *= 268435456.0
		e -= 28
		y := uint64(m)
		m -= float64(y)
		h += y
		if h >= modulus {
			h -= modulus
		}
	}
	if e >= 0 {
		e %= bits
	} else {
		e = bits - 1 - ((-1 - e) % bits)
	}
	h = ((h << uint(e)) & modulus) | h>>(bits-uint(e))
	r := int64(h) * sign
	if r == -1 {
		r = -2
	}
	return r
}
