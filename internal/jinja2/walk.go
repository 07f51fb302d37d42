package jinja2

// walker visits every expression and statement of an AST.
type walker struct {
	expr      func(e expr)
	stmt      func(s stmt)
	loadsOnly bool // skip assignment targets
}

func (w *walker) target(e expr) {
	if !w.loadsOnly {
		w.exprs(e)
	}
}

func (w *walker) stmts(body []stmt) {
	for _, s := range body {
		w.walkStmt(s)
	}
}

func (w *walker) exprs(es ...expr) {
	for _, e := range es {
		if e != nil {
			w.walkExpr(e)
		}
	}
}

func (w *walker) walkStmt(s stmt) {
	if w.stmt != nil {
		w.stmt(s)
	}
	switch s := s.(type) {
	case *outputStmt:
		w.exprs(s.nodes...)
	case *ifStmt:
		w.exprs(s.test)
		w.stmts(s.body)
		for _, e := range s.elifs {
			w.walkStmt(e)
		}
		w.stmts(s.els)
	case *forStmt:
		w.target(s.target)
		w.exprs(s.iter, s.test)
		w.stmts(s.body)
		w.stmts(s.els)
	case *assignStmt:
		w.target(s.target)
		w.exprs(s.value)
	case *assignBlockStmt:
		w.target(s.target)
		if s.filter != nil {
			w.exprs(s.filter)
		}
		w.stmts(s.body)
	case *macroStmt:
		w.exprs(s.defaults...)
		w.stmts(s.body)
	case *callBlockStmt:
		w.exprs(s.call)
		w.exprs(s.defaults...)
		w.stmts(s.body)
	case *filterBlockStmt:
		w.exprs(s.filter)
		w.stmts(s.body)
	case *includeStmt:
		w.exprs(s.template)
	case *importStmt:
		w.exprs(s.template)
	case *fromImportStmt:
		w.exprs(s.template)
	case *extendsStmt:
		w.exprs(s.template)
	case *blockStmt:
		w.stmts(s.body)
	case *withStmt:
		for _, t := range s.targets {
			w.target(t)
		}
		w.exprs(s.values...)
		w.stmts(s.body)
	case *exprStmt:
		w.exprs(s.x)
	case *scopeStmt:
		w.stmts(s.body)
	}
}

func (w *walker) args(a callArgs) {
	w.exprs(a.args...)
	w.exprs(a.kwVals...)
	w.exprs(a.dynArgs, a.dynKwarg)
}

func (w *walker) walkExpr(e expr) {
	if w.expr != nil {
		w.expr(e)
	}
	switch e := e.(type) {
	case *seqExpr:
		w.exprs(e.items...)
	case *dictExpr:
		for i := range e.keys {
			w.exprs(e.keys[i], e.vals[i])
		}
	case *getattrExpr:
		w.exprs(e.obj)
	case *getitemExpr:
		w.exprs(e.obj, e.arg)
	case *sliceExpr:
		w.exprs(e.start, e.stop, e.step)
	case *callExpr:
		w.exprs(e.fn)
		w.args(e.callArgs)
	case *filterExpr:
		w.exprs(e.node)
		w.args(e.callArgs)
	case *testExpr:
		w.exprs(e.node)
		w.args(e.callArgs)
	case *condExpr:
		w.exprs(e.test, e.then, e.els)
	case *binExpr:
		w.exprs(e.l, e.r)
	case *concatExpr:
		w.exprs(e.items...)
	case *compareExpr:
		w.exprs(e.x)
		for _, op := range e.ops {
			w.exprs(op.x)
		}
	case *unaryExpr:
		w.exprs(e.x)
	}
}
