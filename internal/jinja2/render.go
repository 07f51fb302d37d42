package jinja2

// tmplCtx is the context one template inheritance chain shares: its
// blocks, most derived first.
type tmplCtx struct {
	blocks map[string][]blockRef
}

type blockRef struct {
	stmt *blockStmt
	tmpl *Template
}

// extState records the parent of a template that extends another.
type extState struct {
	parent *Template
}

func (r *renderer) suppress(f *frame) bool { return f.ext != nil && f.ext.parent != nil }

// Render renders the template to a string as Ansible's ansible_concat
// does (the template module, convert_data=False).
func (t *Template) Render(vars Vars) (Value, error) { return t.run(vars, concatString) }

// Eval renders the template as Ansible's default templating does
// (ansible_eval_concat): a result that reads as a list, dict or bool
// literal becomes that value.
func (t *Template) Eval(vars Vars) (Value, error) { return t.run(vars, concatEval) }

// Native renders the template as Ansible's jinja2_native mode does
// (ansible_native_concat): one expression keeps its type.
func (t *Template) Native(vars Vars) (Value, error) { return t.run(vars, concatNative) }

// Value renders the template and returns its one output node as it is
// (no string conversion, no literal_eval): the value of a bare expression
// written as `{{ expr }}`. Several nodes are joined as by Render.
func (t *Template) Value(vars Vars) (Value, error) { return t.run(vars, concatValue) }

func (t *Template) run(vars Vars, mode concatMode) (Value, error) {
	if vars == nil {
		vars = DictVars{}
	}
	r := &renderer{env: t.env, vars: vars, mode: mode}
	var out []Value
	if err := r.renderTemplate(t, r.rootFrame(t, nil), &out); err != nil {
		return None, err
	}
	return r.concat(out)
}

// rootFrame returns the top-level frame of a template render; parent is
// the including scope (nil: only the context variables).
func (r *renderer) rootFrame(t *Template, parent *frame) *frame {
	return &frame{r: r, tmpl: t, vars: map[string]Value{}, parent: parent, root: true,
		export: map[string]Value{}, ctx: &tmplCtx{blocks: map[string][]blockRef{}}, ext: &extState{}}
}

// renderTemplate runs t's body in f, then its parent's if it extends one.
func (r *renderer) renderTemplate(t *Template, f *frame, out *[]Value) error {
	r.depth++
	defer func() { r.depth-- }()
	if r.depth > maxCallDepth {
		return newError("RecursionError", "maximum recursion depth exceeded")
	}
	for chain := 0; ; chain++ {
		if chain > maxCallDepth {
			return newError("RecursionError", "maximum recursion depth exceeded")
		}
		registerBlocks(f.ctx, t)
		f.tmpl = t
		f.ext = &extState{}
		if err := f.execBody(t.body, out); err != nil {
			return err
		}
		if f.ext.parent == nil {
			return nil
		}
		t = f.ext.parent
	}
}

func registerBlocks(ctx *tmplCtx, t *Template) {
	w := &walker{stmt: func(s stmt) {
		if b, ok := s.(*blockStmt); ok {
			ctx.blocks[b.name] = append(ctx.blocks[b.name], blockRef{b, t})
		}
	}}
	w.stmts(t.body)
}
