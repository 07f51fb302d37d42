package jinja2

// pos is a node's place in its template.
type pos struct{ line, col int }

// expr is an expression node.
type expr interface{ at() pos }

// stmt is a statement node.
type stmt interface{ at() pos }

func (p pos) at() pos { return p }

type (
	constExpr struct {
		pos
		v Value
	}
	nameExpr struct {
		pos
		name string
	}
	seqExpr struct { // list or tuple literal
		pos
		tuple bool
		items []expr
	}
	dictExpr struct {
		pos
		keys, vals []expr
	}
	getattrExpr struct {
		pos
		obj  expr
		attr string
	}
	getitemExpr struct {
		pos
		obj, arg expr
	}
	sliceExpr struct {
		pos
		start, stop, step expr // nil when absent
	}
	callArgs struct {
		args              []expr
		kwNames           []string
		kwVals            []expr
		dynArgs, dynKwarg expr
	}
	callExpr struct {
		pos
		fn expr
		callArgs
	}
	filterExpr struct {
		pos
		node expr // nil in a filter block or block set
		name string
		callArgs
	}
	testExpr struct {
		pos
		node expr
		name string
		callArgs
	}
	condExpr struct {
		pos
		test, then, els expr // els nil: undefined when false
	}
	binExpr struct {
		pos
		op   string // + - * / // % ** and or
		l, r expr
	}
	concatExpr struct {
		pos
		items []expr
	}
	cmpOp struct {
		op string // == != < <= > >= in notin
		x  expr
	}
	compareExpr struct {
		pos
		x   expr
		ops []cmpOp
	}
	unaryExpr struct {
		pos
		op string // not - +
		x  expr
	}
	nsRefExpr struct {
		pos
		name, attr string
	}
)

type (
	outputStmt struct {
		pos
		nodes []expr // constExpr with str for template data
		data  []bool // nodes[i] is template data
	}
	ifStmt struct {
		pos
		test  expr
		body  []stmt
		elifs []*ifStmt
		els   []stmt
	}
	forStmt struct {
		pos
		target, iter, test expr
		body, els          []stmt
		recursive          bool
	}
	assignStmt struct {
		pos
		target, value expr
	}
	assignBlockStmt struct {
		pos
		target expr
		filter *filterExpr
		body   []stmt
	}
	macroStmt struct {
		pos
		name     string
		args     []string
		defaults []expr
		body     []stmt
	}
	callBlockStmt struct {
		pos
		call     *callExpr
		args     []string
		defaults []expr
		body     []stmt
	}
	filterBlockStmt struct {
		pos
		filter *filterExpr
		body   []stmt
	}
	includeStmt struct {
		pos
		template      expr
		ignoreMissing bool
		withContext   bool
	}
	importStmt struct {
		pos
		template    expr
		target      string
		withContext bool
	}
	fromImportStmt struct {
		pos
		template    expr
		names       [][2]string
		withContext bool
	}
	extendsStmt struct {
		pos
		template expr
	}
	blockStmt struct {
		pos
		name             string
		scoped, required bool
		body             []stmt
	}
	withStmt struct {
		pos
		targets, values []expr
		body            []stmt
	}
	exprStmt struct {
		pos
		x expr
	}
	scopeStmt struct {
		pos
		body []stmt
	}
)
