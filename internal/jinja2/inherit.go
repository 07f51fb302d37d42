package jinja2

import "fmt"

func (f *frame) templateName(e expr) (Value, error) {
	v, err := f.eval(e)
	if err != nil {
		return None, err
	}
	if v.kind == UndefinedKind {
		return None, undefErr(strictOf(v))
	}
	return v, nil
}

// loadAny loads the first template of a name or list of names.
func (f *frame) loadAny(name Value) (*Template, error) {
	if name.kind == ListKind || name.kind == TupleKind {
		var names []string
		for _, n := range name.Items() {
			s, _ := ToString(n)
			names = append(names, s)
			if t, err := f.r.env.load(s); err == nil {
				return t, nil
			} else if ErrorClass(err) != "TemplateNotFound" {
				return nil, err
			}
		}
		return nil, newError("TemplatesNotFound", "none of the templates given were found: %s", fmt.Sprint(names))
	}
	if name.kind != StrKind {
		if name.ObjectOf() != nil {
			if t, ok := name.ref.(*Template); ok {
				return t, nil
			}
		}
		return nil, newError("TemplateNotFound", "%s", Repr(name))
	}
	return f.r.env.load(name.s)
}

func (f *frame) execInclude(s *includeStmt, out *[]Value) error {
	name, err := f.templateName(s.template)
	if err != nil {
		return err
	}
	t, err := f.loadAny(name)
	if err != nil {
		class := ErrorClass(err)
		if s.ignoreMissing && (class == "TemplateNotFound" || class == "TemplatesNotFound") {
			return nil
		}
		return err
	}
	parent := f
	if !s.withContext {
		parent = nil
	}
	g := f.r.rootFrame(t, parent)
	g.taint = f.taint
	return f.r.renderTemplate(t, g, out)
}

// module is an imported template: its exported names and its output.
type module struct {
	name    string
	exports map[string]Value
	body    string
}

func (m *module) TypeName() string { return "TemplateModule" }

func (m *module) Attr(name string) (Value, bool) {
	v, ok := m.exports[name]
	return v, ok
}

func (m *module) Repr() string { return fmt.Sprintf("<TemplateModule %s>", QuoteString(m.name)) }

func (f *frame) importModule(e expr, withContext bool) (*module, error) {
	name, err := f.templateName(e)
	if err != nil {
		return nil, err
	}
	t, err := f.loadAny(name)
	if err != nil {
		return nil, err
	}
	parent := f
	if !withContext {
		parent = nil
	}
	g := f.r.rootFrame(t, parent)
	var buf []Value
	if err := f.r.renderTemplate(t, g, &buf); err != nil {
		return nil, err
	}
	body, err := joinNodes(buf)
	if err != nil {
		return nil, err
	}
	return &module{name: t.name, exports: g.export, body: body.s}, nil
}

func (f *frame) execImport(s *importStmt) error {
	m, err := f.importModule(s.template, s.withContext)
	if err != nil {
		return err
	}
	f.set(s.target, ObjectValue(m))
	return nil
}

func (f *frame) execFromImport(s *fromImportStmt) error {
	m, err := f.importModule(s.template, s.withContext)
	if err != nil {
		return err
	}
	for _, n := range s.names {
		v, ok := m.exports[n[0]]
		if !ok {
			v = UndefinedHint(fmt.Sprintf("the template %s (imported on line %d) does not export the requested name %s",
				QuoteString(m.name), s.line, QuoteString(n[0])))
		}
		f.set(n[1], v)
	}
	return nil
}

func (f *frame) execExtends(s *extendsStmt) error {
	if f.ext == nil {
		return runtimeErrorf("extends outside of the template top level")
	}
	if f.ext.parent != nil {
		return runtimeErrorf("extended multiple times")
	}
	name, err := f.templateName(s.template)
	if err != nil {
		return err
	}
	t, err := f.loadAny(name)
	if err != nil {
		return err
	}
	f.ext.parent = t
	return nil
}

func (f *frame) execBlock(s *blockStmt, out *[]Value) error {
	if f.r.suppress(f) {
		return nil
	}
	refs := f.ctx.blocks[s.name]
	if len(refs) == 0 {
		refs = []blockRef{{s, f.tmpl}}
	}
	return f.renderBlock(s.name, refs, 0, s.scoped, out)
}

func (f *frame) renderBlock(name string, refs []blockRef, depth int, scoped bool, out *[]Value) error {
	ref := refs[depth]
	base := f.contextFrame()
	if scoped || ref.stmt.scoped {
		base = f
	}
	g := base.child()
	g.tmpl, g.ext, g.root = ref.tmpl, nil, false
	g.vars["super"] = funcValue("super", func(c *callCtx, args []Value, kw *Dict) (Value, error) {
		if depth+1 >= len(refs) {
			return UndefinedHint(fmt.Sprintf("there is no parent block called %s.", QuoteString(name))), nil
		}
		var buf []Value
		if err := f.renderBlock(name, refs, depth+1, scoped, &buf); err != nil {
			return None, err
		}
		return joinNodes(buf)
	})
	return g.execBody(ref.stmt.body, out)
}

// contextFrame returns the template's top-level frame.
func (f *frame) contextFrame() *frame {
	for s := f; s != nil; s = s.parent {
		if s.root {
			return s
		}
	}
	return f
}
