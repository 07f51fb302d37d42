package jinja2

import "fmt"

// Macro is a {% macro %} (or the caller of a {% call %} block).
type Macro struct {
	name         string
	args         []string
	defaults     []expr
	body         []stmt
	def          *frame // the scope the macro closes over
	catchVarargs bool
	catchKwargs  bool
	callerUsed   bool
}

func (f *frame) newMacro(name string, args []string, defaults []expr, body []stmt) *Macro {
	used := namesUsed(body, defaults)
	return &Macro{name: name, args: args, defaults: defaults, body: body, def: f,
		catchVarargs: used["varargs"], catchKwargs: used["kwargs"], callerUsed: used["caller"]}
}

// TypeName is "Macro".
func (m *Macro) TypeName() string { return "Macro" }

// Repr is Jinja2's <Macro 'name'>.
func (m *Macro) Repr() string { return fmt.Sprintf("<Macro %s>", QuoteString(m.name)) }

// Attr returns the macro's introspection attributes.
func (m *Macro) Attr(name string) (Value, bool) {
	switch name {
	case "name":
		return Str(m.name), true
	case "arguments":
		items := make([]Value, len(m.args))
		for i, a := range m.args {
			items[i] = Str(a)
		}
		return NewTuple(items...), true
	case "catch_kwargs":
		return Bool(m.catchKwargs), true
	case "catch_varargs":
		return Bool(m.catchVarargs), true
	case "caller":
		return Bool(m.callerUsed), true
	}
	return None, false
}

// Call runs the macro body with its arguments bound.
func (m *Macro) Call(c *CallContext, args []Value, kw *Dict) (Value, error) {
	g := m.def.child()
	g.ext = nil
	kw = kw.Copy()
	if err := m.bindArgs(g, args, kw); err != nil {
		return None, err
	}
	var buf []Value
	if err := g.execBody(m.body, &buf); err != nil {
		return None, err
	}
	return g.r.concat(buf)
}

func (m *Macro) bindArgs(g *frame, args []Value, kw *Dict) error {
	nDef := len(m.defaults)
	for i, name := range m.args {
		switch v, ok := kw.GetStr(name); {
		case i < len(args):
			g.bind(name, args[i])
		case ok:
			g.bind(name, v)
			kw.Delete(Str(name))
		case i >= len(m.args)-nDef:
			d, err := g.eval(m.defaults[i-(len(m.args)-nDef)])
			if err != nil {
				return err
			}
			g.bind(name, d)
		default:
			g.bind(name, UndefinedHint(fmt.Sprintf("parameter %s was not provided", QuoteString(name))))
		}
	}
	if err := m.bindCaller(g, kw); err != nil {
		return err
	}
	return m.bindRest(g, args, kw)
}

func (m *Macro) bindCaller(g *frame, kw *Dict) error {
	if !m.callerUsed {
		return nil
	}
	if v, ok := kw.GetStr("caller"); ok {
		g.bind("caller", v)
		kw.Delete(Str("caller"))
	} else {
		g.bind("caller", UndefinedHint("No caller defined"))
	}
	return nil
}

func (m *Macro) bindRest(g *frame, args []Value, kw *Dict) error {
	if m.catchKwargs {
		g.bind("kwargs", DictValue(kw))
	} else if kw.Len() > 0 {
		k := kw.keys[0].s
		if k == "caller" {
			return typeErrorf("macro %s was invoked with two values for the special caller argument. This is most likely a bug.", QuoteString(m.name))
		}
		return typeErrorf("macro %s takes no keyword argument %s", QuoteString(m.name), QuoteString(k))
	}
	var extra []Value
	if len(args) > len(m.args) {
		extra = args[len(m.args):]
	}
	if m.catchVarargs {
		g.bind("varargs", NewTuple(extra...))
	} else if len(extra) > 0 {
		return typeErrorf("macro %s takes not more than %d argument(s)", QuoteString(m.name), len(m.args))
	}
	return nil
}

func (f *frame) execCallBlock(s *callBlockStmt, out *[]Value) error {
	fn, err := f.eval(s.call.fn)
	if err != nil {
		return err
	}
	args, kw, err := f.evalArgs(s.call.callArgs)
	if err != nil {
		return err
	}
	caller := f.newMacro("caller", s.args, s.defaults, s.body)
	kw.SetStr("caller", ObjectValue(caller))
	v, err := f.call(fn, args, kw)
	if err != nil {
		return err
	}
	if v, err = f.r.finalize(v); err != nil {
		return err
	}
	return f.emit(out, v)
}

// nameSet is a set of variable names.
type nameSet map[string]bool

// namesUsed collects the variable names an AST loads.
func namesUsed(body []stmt, extra []expr) nameSet {
	used := nameSet{}
	w := &walker{loadsOnly: true, expr: func(e expr) {
		if n, ok := e.(*nameExpr); ok {
			used[n.name] = true
		}
	}}
	w.stmts(body)
	for _, e := range extra {
		w.walkExpr(e)
	}
	return used
}
