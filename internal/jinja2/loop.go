package jinja2

import "fmt"

// loopObj is the `loop` variable of a for loop.
type loopObj struct {
	items   []Value
	i       int
	depth   int
	last    []Value // arguments of the last loop.changed call
	changed bool
	recurse func(v Value) (Value, error)
}

// TypeName implements Object: the Python type name.
func (l *loopObj) TypeName() string { return "LoopContext" }

// Repr is the Python repr.
func (l *loopObj) Repr() string { return fmt.Sprintf("<LoopContext %d/%d>", l.i+1, len(l.items)) }

// Attr returns loop.index and the other loop attributes.
func (l *loopObj) Attr(name string) (Value, bool) {
	n := len(l.items)
	switch name {
	case "index":
		return Int(int64(l.i + 1)), true
	case "index0":
		return Int(int64(l.i)), true
	case "revindex":
		return Int(int64(n - l.i)), true
	case "revindex0":
		return Int(int64(n - l.i - 1)), true
	case "first":
		return Bool(l.i == 0), true
	case "last":
		return Bool(l.i == n-1), true
	case "length":
		return Int(int64(n)), true
	case "depth":
		return Int(int64(l.depth)), true
	case "depth0":
		return Int(int64(l.depth - 1)), true
	case "previtem":
		if l.i == 0 {
			return UndefinedHint("there is no previous item"), true
		}
		return l.items[l.i-1], true
	case "nextitem":
		if l.i+1 >= n {
			return UndefinedHint("there is no next item"), true
		}
		return l.items[l.i+1], true
	case "cycle":
		return funcValue("cycle", l.cycle), true
	case "changed":
		return funcValue("changed", l.changedFn), true
	}
	return None, false
}

func (l *loopObj) cycle(c *CallContext, args []Value, kw *Dict) (Value, error) {
	if len(args) == 0 {
		return None, typeErrorf("no items for cycling given")
	}
	return args[l.i%len(args)], nil
}

func (l *loopObj) changedFn(c *CallContext, args []Value, kw *Dict) (Value, error) {
	if l.changed && len(l.last) == len(args) {
		same := true
		for i := range args {
			if !equal(args[i], l.last[i]) {
				same = false
				break
			}
		}
		if same {
			return Bool(false), nil
		}
	}
	l.last, l.changed = args, true
	return Bool(true), nil
}

// Call is loop(items) of a recursive loop.
func (l *loopObj) Call(c *CallContext, args []Value, kw *Dict) (Value, error) {
	if l.recurse == nil {
		return None, typeErrorf("The loop must have the 'recursive' marker to be called recursively.")
	}
	if len(args) != 1 {
		return None, typeErrorf("loop() takes exactly one argument")
	}
	return l.recurse(args[0])
}

func (f *frame) execFor(s *forStmt, out *[]Value) error {
	iter, err := f.eval(s.iter)
	if err != nil {
		return err
	}
	return f.runLoop(s, iter, 1, out)
}

func (f *frame) runLoop(s *forStmt, iter Value, depth int, out *[]Value) error {
	items, err := iterate(iter)
	if err != nil {
		return err
	}
	g := f.tainted(iter.OwnMark() &^ localMarks)
	if s.test != nil {
		if items, err = g.filterLoop(s, items); err != nil {
			return err
		}
	}
	if len(items) == 0 {
		return g.execBody(s.els, out)
	}
	l := &loopObj{items: items, depth: depth}
	if s.recursive {
		l.recurse = func(v Value) (Value, error) { return g.recurseLoop(s, v, depth+1) }
	}
	for i, it := range items {
		if err := g.r.step(); err != nil {
			return err
		}
		l.i = i
		body := g.child()
		if err := body.assign(s.target, it); err != nil {
			return err
		}
		body.bind("loop", ObjectValue(l))
		if err := body.execBody(s.body, out); err != nil {
			return err
		}
	}
	return nil
}

func (f *frame) recurseLoop(s *forStmt, v Value, depth int) (Value, error) {
	f.r.depth++
	defer func() { f.r.depth-- }()
	if f.r.depth > maxCallDepth {
		return None, newError("RecursionError", "maximum recursion depth exceeded")
	}
	var buf []Value
	if err := f.runLoop(s, v, depth, &buf); err != nil {
		return None, err
	}
	return f.r.concat(buf)
}

func (f *frame) filterLoop(s *forStmt, items []Value) ([]Value, error) {
	var kept []Value
	for _, it := range items {
		g := f.child()
		if err := g.assign(s.target, it); err != nil {
			return nil, err
		}
		t, err := g.eval(s.test)
		if err != nil {
			return nil, err
		}
		ok, err := Truth(t)
		if err != nil {
			return nil, err
		}
		if ok {
			kept = append(kept, it)
		}
	}
	return kept, nil
}
