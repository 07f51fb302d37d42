package jinja2

import "testing"

// TestCustomFilter checks that a filter written against the exported API
// can call back into other filters and tests, and bind Python arguments.
func TestCustomFilter(t *testing.T) {
	env := NewEnvironment(AnsibleConfig(), nil)
	env.AddFilter("shout", func(c *CallContext, v Value, args []Value, kw *Dict) (Value, error) {
		a, err := BindArgs("shout", []Param{Optional("times", Int(1))}, args, kw)
		if err != nil {
			return None, err
		}
		up, err := c.Filter("upper", v, nil, nil)
		if err != nil {
			return None, err
		}
		return BinaryOp("*", up, a[0])
	})
	env.AddTest("loud", func(c *CallContext, v Value, args []Value, kw *Dict) (bool, error) {
		s, err := c.Filter("upper", v, nil, nil)
		return err == nil && Repr(s) == Repr(v), err
	})
	env.AddGlobal("twice", Func("twice", func(c *CallContext, args []Value, kw *Dict) (Value, error) {
		return BinaryOp("*", args[0], Int(2))
	}))
	tm, err := env.Parse("t", "{{ 'hi' | shout(times=2) }} {{ 'HI' is loud }} {{ twice(21) }} {{ 'x' | shout(1, 2) }}")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tm.Render(nil); err == nil || err.(*Error).Msg != "shout() takes from 0 to 1 positional arguments but 2 were given" {
		t.Fatalf("got %v", err)
	}
	tm, _ = env.Parse("t", "{{ 'hi' | shout(times=2) }} {{ 'HI' is loud }} {{ twice(21) }}")
	v, err := tm.Render(nil)
	if err != nil || v.StrValue() != "HIHI True 42" {
		t.Fatalf("got %q, %v", v.StrValue(), err)
	}
}
