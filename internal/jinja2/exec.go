package jinja2

// execBody runs statements, appending output nodes to out.
func (f *frame) execBody(body []stmt, out *[]Value) error {
	for _, s := range body {
		if err := f.exec(s, out); err != nil {
			p := s.at()
			return locate(err, f.tmpl.name, p.line, p.col)
		}
	}
	return nil
}

func (f *frame) exec(s stmt, out *[]Value) error {
	switch s := s.(type) {
	case *outputStmt:
		return f.execOutput(s, out)
	case *ifStmt:
		return f.execIf(s, out)
	case *forStmt:
		return f.execFor(s, out)
	case *assignStmt:
		v, err := f.eval(s.value)
		if err != nil {
			return err
		}
		return f.assign(s.target, v)
	case *assignBlockStmt:
		return f.execAssignBlock(s)
	case *macroStmt:
		f.set(s.name, ObjectValue(f.newMacro(s.name, s.args, s.defaults, s.body)))
		return nil
	case *callBlockStmt:
		return f.execCallBlock(s, out)
	case *filterBlockStmt:
		return f.execFilterBlock(s, out)
	case *includeStmt:
		return f.execInclude(s, out)
	case *importStmt:
		return f.execImport(s)
	case *fromImportStmt:
		return f.execFromImport(s)
	case *extendsStmt:
		return f.execExtends(s)
	case *blockStmt:
		return f.execBlock(s, out)
	case *withStmt:
		return f.execWith(s, out)
	case *exprStmt:
		_, err := f.eval(s.x)
		return err
	case *scopeStmt:
		return f.child().execBody(s.body, out)
	}
	return runtimeErrorf("cannot execute %T", s)
}

// emit appends one output node, carrying the frame's taint.
func (f *frame) emit(out *[]Value, v Value) error {
	if f.r.suppress(f) {
		return nil
	}
	if v.kind == StrKind {
		f.r.output += len(v.s)
		if f.r.output > maxOutput {
			return newError("MemoryError", "template output too large")
		}
	}
	*out = append(*out, v.WithMark(f.taint))
	return nil
}

func (f *frame) execOutput(s *outputStmt, out *[]Value) error {
	for i, n := range s.nodes {
		if s.data[i] {
			if err := f.emit(out, n.(*constExpr).v); err != nil {
				return err
			}
			continue
		}
		v, err := f.eval(n)
		if err != nil {
			return err
		}
		if v, err = f.r.finalize(v); err != nil {
			p := n.at()
			return locate(err, f.tmpl.name, p.line, p.col)
		}
		if f.r.mode == concatNative && v.mark&nativeText == 0 && foldable(n) && safeRepr(v) {
			s, _ := ToString(v)
			v = withMarks(Str(s), v)
		}
		if err := f.emit(out, v); err != nil {
			return err
		}
	}
	return nil
}

// finalize is Ansible's finalize: an undefined value anywhere fails, and
// outside native mode None prints as ”.
func (r *renderer) finalize(v Value) (Value, error) {
	if err := failOnUndefined(v); err != nil {
		return None, err
	}
	if v.kind == NoneKind && r.mode != concatNative && r.mode != concatValue {
		return Str("").WithMark(v.mark), nil
	}
	return v, nil
}

func (f *frame) execIf(s *ifStmt, out *[]Value) error {
	for node := s; ; {
		t, err := f.eval(node.test)
		if err != nil {
			return err
		}
		ok, err := Truth(t)
		if err != nil {
			return locate(err, f.tmpl.name, node.line, node.col)
		}
		if ok {
			return f.tainted(t.Marks()).execBody(node.body, out)
		}
		f = f.tainted(t.Marks())
		if node == s && len(s.elifs) > 0 {
			node = s.elifs[0]
			continue
		}
		if idx := elifIndex(s, node); idx >= 0 && idx+1 < len(s.elifs) {
			node = s.elifs[idx+1]
			continue
		}
		return f.execBody(s.els, out)
	}
}

func elifIndex(s *ifStmt, node *ifStmt) int {
	for i, e := range s.elifs {
		if e == node {
			return i
		}
	}
	return -1
}

// tainted returns f, or a view of f whose output carries m as well.
func (f *frame) tainted(m Mark) *frame {
	if m&^f.taint == 0 {
		return f
	}
	g := *f
	g.taint |= m
	return &g
}

// assign binds a target (name, tuple of targets, namespace attribute).
func (f *frame) assign(target expr, v Value) error {
	switch t := target.(type) {
	case *nameExpr:
		f.set(t.name, v)
		return nil
	case *nsRefExpr:
		ns, ok := f.lookup(t.name).ref.(*Namespace)
		if !ok {
			return runtimeErrorf("cannot assign attribute on non-namespace object")
		}
		ns.attrs.SetStr(t.attr, v)
		return nil
	case *seqExpr:
		return f.unpack(t.items, v)
	}
	return runtimeErrorf("cannot assign to %T", target)
}

func (f *frame) unpack(targets []expr, v Value) error {
	items, err := iterate(v)
	if err != nil {
		if v.kind != UndefinedKind {
			return typeErrorf("cannot unpack non-iterable %s object", typeName(v))
		}
		return err
	}
	if len(items) < len(targets) {
		return valueErrorf("not enough values to unpack (expected %d, got %d)", len(targets), len(items))
	}
	if len(items) > len(targets) {
		return valueErrorf("too many values to unpack (expected %d)", len(targets))
	}
	for i, t := range targets {
		if err := f.assign(t, items[i]); err != nil {
			return err
		}
	}
	return nil
}

func (f *frame) execAssignBlock(s *assignBlockStmt) error {
	var buf []Value
	if err := f.child().execBody(s.body, &buf); err != nil {
		return err
	}
	v, err := f.r.concat(buf)
	if err != nil {
		return err
	}
	if s.filter != nil {
		if v, err = f.evalFilter(s.filter, &v); err != nil {
			return err
		}
	}
	return f.assign(s.target, v)
}

func (f *frame) execFilterBlock(s *filterBlockStmt, out *[]Value) error {
	var buf []Value
	if err := f.child().execBody(s.body, &buf); err != nil {
		return err
	}
	v, err := f.r.concat(buf)
	if err != nil {
		return err
	}
	if v, err = f.evalFilter(s.filter, &v); err != nil {
		return err
	}
	return f.emit(out, v)
}

func (f *frame) execWith(s *withStmt, out *[]Value) error {
	g := f.child()
	for i, t := range s.targets {
		v, err := f.eval(s.values[i])
		if err != nil {
			return err
		}
		if err := g.assign(t, v); err != nil {
			return err
		}
	}
	return g.execBody(s.body, out)
}
