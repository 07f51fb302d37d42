package ansibletests

import (
	"math"
	"math/big"
	"strings"

	"github.com/edxplay/edxplay/internal/jinja2"
)

// pySet is Python's set(v): the items of an iterable, which must be
// hashable.
func pySet(v jinja2.Value) (*jinja2.Dict, error) {
	items, err := jinja2.Iterate(v)
	if err != nil {
		return nil, err
	}
	d := jinja2.NewDict()
	for _, it := range items {
		if err := d.Set(it, jinja2.None); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// setTest is issubset (set(a) <= set(b)) or, with subset false,
// issuperset (set(a) >= set(b)).
func setTest(fname string, subset bool) jinja2.TestFunc {
	params := []jinja2.Param{jinja2.Required("a"), jinja2.Required("b")}
	return func(_ *jinja2.CallContext, v jinja2.Value, args []jinja2.Value, kw *jinja2.Dict) (bool, error) {
		a, err := bindValue(fname, params, v, args, kw)
		if err != nil {
			return false, err
		}
		x, err := pySet(a[0])
		if err != nil {
			return false, err
		}
		y, err := pySet(a[1])
		if err != nil {
			return false, err
		}
		if !subset {
			x, y = y, x
		}
		for _, k := range x.Keys() {
			if _, ok := y.Get(k); !ok {
				return false, nil
			}
		}
		return true, nil
	}
}

// contains is `value in seq`, the in test with its operands swapped.
func contains(_ *jinja2.CallContext, v jinja2.Value, args []jinja2.Value, kw *jinja2.Dict) (bool, error) {
	a, err := bindValue("contains", []jinja2.Param{jinja2.Required("seq"), jinja2.Required("value")}, v, args, kw)
	if err != nil {
		return false, err
	}
	return jinja2.Contains(a[0], a[1])
}

// isNaN is math.isnan for numbers and false for anything else.
func isNaN(_ *jinja2.CallContext, v jinja2.Value, args []jinja2.Value, kw *jinja2.Dict) (bool, error) {
	a, err := bindValue("isnotanumber", []jinja2.Param{jinja2.Required("x")}, v, args, kw)
	if err != nil {
		return false, err
	}
	switch x := a[0]; x.Kind() {
	case jinja2.FloatKind:
		return math.IsNaN(x.FloatValue()), nil
	case jinja2.IntKind:
		if f, _ := new(big.Float).SetInt(x.BigValue()).Float64(); math.IsInf(f, 0) {
			return false, jinja2.NewError("OverflowError", "int too large to convert to float")
		}
	}
	return false, nil
}

// anyAll is Python's builtin any (anyOf) or all.
func anyAll(fname string, anyOf bool) jinja2.TestFunc {
	return func(_ *jinja2.CallContext, v jinja2.Value, args []jinja2.Value, kw *jinja2.Dict) (bool, error) {
		if kw.Len() > 0 {
			return false, jinja2.NewError("TypeError", "%s() takes no keyword arguments", fname)
		}
		if len(args) > 0 {
			return false, jinja2.NewError("TypeError", "%s() takes exactly one argument (%d given)", fname, len(args)+1)
		}
		items, err := jinja2.Iterate(v)
		if err != nil {
			return false, err
		}
		for _, it := range items {
			t, err := jinja2.Truth(it)
			if err != nil {
				return false, err
			}
			if t == anyOf {
				return anyOf, nil
			}
		}
		return !anyOf, nil
	}
}

// truthy is the truthy test (want true) or falsy: Python's bool(value),
// after Ansible's boolean() when convert_bool is true and it accepts the
// value.
func truthy(fname string, want bool) jinja2.TestFunc {
	params := []jinja2.Param{jinja2.Required("value"), jinja2.Optional("convert_bool", jinja2.Bool(false))}
	return func(_ *jinja2.CallContext, v jinja2.Value, args []jinja2.Value, kw *jinja2.Dict) (bool, error) {
		a, err := bindValue(fname, params, v, args, kw)
		if err != nil {
			return false, err
		}
		value := a[0]
		if c, err := jinja2.Truth(a[1]); err != nil {
			return false, err
		} else if c {
			if b, ok := ansibleBoolean(value); ok {
				value = jinja2.Bool(b)
			}
		}
		t, err := jinja2.Truth(value)
		return t == want, err
	}
}

// ansibleBoolean is module_utils' boolean(value) in strict mode; ok is
// false where it raises TypeError.
func ansibleBoolean(v jinja2.Value) (b, ok bool) {
	switch v.Kind() {
	case jinja2.BoolKind:
		return v.BoolValue(), true
	case jinja2.StrKind:
		switch strings.TrimSpace(strings.ToLower(v.StrValue())) {
		case "y", "yes", "on", "1", "true", "t":
			return true, true
		case "n", "no", "off", "0", "false", "f":
			return false, true
		}
	case jinja2.IntKind, jinja2.FloatKind:
		if eq, _ := jinja2.Equal(v, jinja2.Int(1)); eq {
			return true, true
		}
		if eq, _ := jinja2.Equal(v, jinja2.Int(0)); eq {
			return false, true
		}
	}
	return false, false
}

// VaultEncrypted is implemented by the object the controller uses for a
// `!vault` variable (Ansible's AnsibleVaultEncryptedUnicode).
type VaultEncrypted interface {
	IsVaultEncrypted() bool
}

// vaultEncrypted is the vault_encrypted test: true only for a vault
// encrypted variable itself.
func vaultEncrypted(_ *jinja2.CallContext, v jinja2.Value, args []jinja2.Value, kw *jinja2.Dict) (bool, error) {
	a, err := bindValue("vault_encrypted", []jinja2.Param{jinja2.Required("value")}, v, args, kw)
	if err != nil {
		return false, err
	}
	if ve, ok := a[0].ObjectOf().(VaultEncrypted); ok {
		return ve.IsVaultEncrypted(), nil
	}
	return false, nil
}
