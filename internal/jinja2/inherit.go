package jinja2

import (
	"fmt"
	"strings"
)

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

// loadAny is get_or_select_template: a name, or the first found of a
// list of names.
func (f *frame) loadAny(name Value) (*Template, error) {
	if name.kind == StrKind {
		return f.r.env.load(name.s)
	}
	if t, ok := name.ref.(*Template); ok {
		return t, nil
	}
	if name.kind == NoneKind {
		return nil, newError("TemplatesNotFound", "Tried to select from an empty list of templates.")
	}
	items, err := iterate(name)
	if err != nil {
		return nil, err
	}
	if len(items) == 0 {
		return nil, newError("TemplatesNotFound", "Tried to select from an empty list of templates.")
	}
	var names []string
	for _, n := range items {
		if t, ok := n.ref.(*Template); ok {
			return t, nil
		}
		s, err := ToString(n)
		if err != nil {
			return nil, err
		}
		names = append(names, s)
		if t, err := f.r.env.load(s); err == nil {
			return t, nil
		} else if ErrorClass(err) != "TemplateNotFound" {
			return nil, err
		}
	}
	return nil, newError("TemplatesNotFound", "none of the templates given were found: %s", strings.Join(names, ", "))
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
	g := f.r.rootFrame(t, f)
	g.isolated = !s.withContext
	g.taint = f.taint
	return f.r.renderTemplate(t, g, out)
}

// module is an imported template: its exported names and its output.
type module struct {
	name    string
	exports map[string]Value
	body    string
}

// TypeName implements Object: the Python type name.
func (m *module) TypeName() string { return "TemplateModule" }

// ModuleType is the module-qualified class name used in undefined messages.
func (m *module) ModuleType() string { return "jinja2.environment.TemplateModule" }

// Attr implements Object.
func (m *module) Attr(name string) (Value, bool) {
	v, ok := m.exports[name]
	return v, ok
}

// Repr is the Python repr.
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
	g := f.r.rootFrame(t, f)
	g.isolated = !withContext
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
	g.bind("super", funcValue("super", func(c *CallContext, args []Value, kw *Dict) (Value, error) {
		if depth+1 >= len(refs) {
			return UndefinedHint(fmt.Sprintf("there is no parent block called %s.", QuoteString(name))), nil
		}
		var buf []Value
		if err := f.renderBlock(name, refs, depth+1, scoped, &buf); err != nil {
			return None, err
		}
		return joinNodes(buf)
	}))
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
