package jinja2

import "fmt"

// maxRange bounds range() so no template loops forever.
const maxRange = 1 << 20

// Namespace is the object namespace() returns: attributes set by
// {% set ns.x = ... %} survive scopes.
type Namespace struct{ attrs *Dict }

// TypeName is "Namespace".
func (n *Namespace) TypeName() string { return "Namespace" }

// Attr returns an attribute set on the namespace.
func (n *Namespace) Attr(name string) (Value, bool) { return n.attrs.GetStr(name) }

// Repr is Jinja2's <Namespace {...}>.
func (n *Namespace) Repr() string { return "<Namespace " + Repr(DictValue(n.attrs)) + ">" }

func builtinGlobals() map[string]Value {
	return map[string]Value{
		"range":     classValue("range", gRange),
		"dict":      classValue("dict", gDict),
		"namespace": classValue("jinja2.utils.Namespace", gNamespace),
		"lipsum": funcValue("generate_lorem_ipsum", func(c *CallContext, args []Value, kw *Dict) (Value, error) {
			return None, runtimeErrorf("lipsum is not supported: its text is random")
		}),
		"cycler": funcValue("cycler", gCycler),
		"joiner": funcValue("joiner", gJoiner),
	}
}

func gRange(c *CallContext, args []Value, kw *Dict) (Value, error) {
	if kw.Len() > 0 {
		return None, typeErrorf("range() takes no keyword arguments")
	}
	if len(args) == 0 || len(args) > 3 {
		return None, typeErrorf("range expected at least 1 argument, got %d", len(args))
	}
	n := make([]int64, len(args))
	for i, a := range args {
		v, err := needInt(a)
		if err != nil {
			return None, err
		}
		n[i] = v
	}
	start, stop, step := int64(0), n[0], int64(1)
	if len(n) >= 2 {
		start, stop = n[0], n[1]
	}
	if len(n) == 3 {
		step = n[2]
	}
	if step == 0 {
		return None, valueErrorf("range() arg 3 must not be zero")
	}
	count := rangeLen(start, stop, step)
	if count > maxRange {
		return None, newError("OverflowError", "range() of %d items is too large", count)
	}
	items := make([]Value, 0, count)
	for i := start; (step > 0 && i < stop) || (step < 0 && i > stop); i += step {
		items = append(items, Int(i))
	}
	return NewList(items...), nil
}

func gDict(c *CallContext, args []Value, kw *Dict) (Value, error) {
	if len(args) > 1 {
		return None, typeErrorf("dict expected at most 1 argument, got %d", len(args))
	}
	d := NewDict()
	if len(args) == 1 {
		if err := updateFrom(d, args[0]); err != nil {
			return None, err
		}
	}
	for i, k := range kw.keys {
		_ = d.Set(k, kw.vals[i])
	}
	return DictValue(d), nil
}

func gNamespace(c *CallContext, args []Value, kw *Dict) (Value, error) {
	d := NewDict()
	for _, a := range args {
		if err := updateFrom(d, a); err != nil {
			return None, err
		}
	}
	for i, k := range kw.keys {
		_ = d.Set(k, kw.vals[i])
	}
	return ObjectValue(&Namespace{attrs: d}), nil
}

// cycler is Jinja2's cycler object.
type cycler struct {
	items []Value
	pos   int
}

// TypeName implements Object: the Python type name.
func (cy *cycler) TypeName() string { return "Cycler" }

// Attr implements Object.
func (cy *cycler) Attr(name string) (Value, bool) {
	switch name {
	case "current":
		return cy.items[cy.pos], true
	case "next":
		return funcValue("next", func(c *CallContext, args []Value, kw *Dict) (Value, error) {
			v := cy.items[cy.pos]
			cy.pos = (cy.pos + 1) % len(cy.items)
			return v, nil
		}), true
	case "reset":
		return funcValue("reset", func(c *CallContext, args []Value, kw *Dict) (Value, error) {
			cy.pos = 0
			return None, nil
		}), true
	}
	return None, false
}

func gCycler(c *CallContext, args []Value, kw *Dict) (Value, error) {
	if len(args) == 0 {
		return None, runtimeErrorf("at least one item has to be provided")
	}
	return ObjectValue(&cycler{items: args}), nil
}

func gJoiner(c *CallContext, args []Value, kw *Dict) (Value, error) {
	a, err := bind("joiner", []param{opt("sep", Str(", "))}, args, kw)
	if err != nil {
		return None, err
	}
	used := false
	return funcValue("joiner", func(c *CallContext, args []Value, kw *Dict) (Value, error) {
		if !used {
			used = true
			return Str(""), nil
		}
		return a[0], nil
	}), nil
}

var _ = fmt.Sprint

// rangeLen is len(range(start, stop, step)) without overflow.
func rangeLen(start, stop, step int64) uint64 {
	if step > 0 && start < stop {
		return (uint64(stop-start)-1)/uint64(step) + 1
	}
	if step < 0 && start > stop {
		return (uint64(start-stop)-1)/uint64(-step) + 1
	}
	return 0
}
