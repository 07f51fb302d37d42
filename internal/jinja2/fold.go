package jinja2

// foldNegPow mirrors Jinja2's constant folding: `-2 ** x` with a literal
// base and a non-constant exponent compiles to Python's `-2 ** x`, which
// is -(2 ** x).
func foldNegPow(e expr) expr {
	b, ok := e.(*binExpr)
	if !ok || b.op != "**" {
		return e
	}
	b.l = foldNegPow(b.l)
	u, ok := b.l.(*unaryExpr)
	if !ok || u.op != "-" {
		return e
	}
	if _, isConst := u.x.(*constExpr); !isConst || isConstant(b.r) {
		return e
	}
	return &unaryExpr{u.pos, "-", &binExpr{b.pos, "**", u.x, b.r}}
}

func isConstant(e expr) bool {
	switch e := e.(type) {
	case *constExpr:
		return true
	case *unaryExpr:
		return isConstant(e.x)
	case *binExpr:
		return isConstant(e.l) && isConstant(e.r)
	}
	return false
}

// contextFilters need the render context: Jinja2 never folds them.
var contextFilters = map[string]bool{"map": true, "select": true, "reject": true, "selectattr": true, "rejectattr": true}

// foldable reports whether Jinja2 computes e when compiling (as_const):
// in native mode a folded output is emitted as its str().
func foldable(e expr) bool {
	switch e := e.(type) {
	case *constExpr:
		return true
	case *unaryExpr:
		return foldable(e.x)
	case *binExpr:
		return foldable(e.l) && foldable(e.r)
	case *concatExpr:
		return allFoldable(e.items)
	case *seqExpr:
		return allFoldable(e.items)
	case *dictExpr:
		return allFoldable(e.keys) && allFoldable(e.vals)
	case *compareExpr:
		for _, op := range e.ops {
			if !foldable(op.x) {
				return false
			}
		}
		return foldable(e.x)
	case *condExpr:
		return foldable(e.test) && foldable(e.then) && (e.els == nil || foldable(e.els))
	case *getattrExpr:
		return foldable(e.obj)
	case *getitemExpr:
		return foldable(e.obj) && foldable(e.arg)
	case *filterExpr:
		return !contextFilters[e.name] && e.node != nil && foldable(e.node) && argsFoldable(e.callArgs)
	case *testExpr:
		return foldable(e.node) && argsFoldable(e.callArgs)
	}
	return false
}

func allFoldable(es []expr) bool {
	for _, x := range es {
		if !foldable(x) {
			return false
		}
	}
	return true
}

func argsFoldable(a callArgs) bool {
	return a.dynArgs == nil && a.dynKwarg == nil && allFoldable(a.args) && allFoldable(a.kwVals)
}

// safeRepr is Jinja2's has_safe_repr: only such constants are folded
// (others, such as Ansible's datetime results, stay values at run time).
func safeRepr(v Value) bool {
	switch v.kind {
	case ObjectKind, UndefinedKind:
		return false
	case ListKind, TupleKind:
		for _, it := range v.Items() {
			if !safeRepr(it) {
				return false
			}
		}
	case DictKind:
		d := v.DictOf()
		for i := range d.keys {
			if !safeRepr(d.keys[i]) || !safeRepr(d.vals[i]) {
				return false
			}
		}
	}
	return true
}
