package ansiblefilters

import (
	"math"
	"strings"
	"unicode/utf8"

	j "github.com/edxplay/edxplay/internal/jinja2"
)

// yamlEmitter reproduces PyYAML's emitter for yaml.dump(v,
// Dumper=AnsibleDumper, allow_unicode=True) on plain data.
type yamlEmitter struct {
	b          strings.Builder
	bestIndent int
	width      int
	flowStyle  *bool // nil: leaf collections in flow style (PyYAML's None)
	sortKeys   bool
	indent     int // -1 stands for PyYAML's None
	indents    []int
	column     int
	whitespace bool
	indention  bool
	flowLevel  int
	depth      int
	inKey      bool   // writing a simple key: lines are not folded
	newline    string // line_break
}

// yamlOptions are the yaml.dump keywords the filters accept.
type yamlOptions struct {
	indent        int
	width         int
	flow          *bool
	sortKeys      bool
	explicitStart bool
	explicitEnd   bool
	lineBreak     string // "" is "\n"
}

// dumpYAML renders v as yaml.dump does.
func dumpYAML(v j.Value, o yamlOptions) (string, error) {
	if o.indent < 2 || o.indent > 9 {
		o.indent = 2
	}
	switch {
	case o.width < 0:
		o.width = math.MaxInt32 // libyaml: no folding
	case o.width <= o.indent*2:
		o.width = 80
	}
	if o.lineBreak == "" {
		o.lineBreak = "\n"
	}
	e := &yamlEmitter{bestIndent: o.indent, width: o.width, flowStyle: o.flow, sortKeys: o.sortKeys,
		indent: -1, whitespace: true, indention: true, newline: o.lineBreak}
	if o.explicitStart {
		e.write("---")
		e.whitespace, e.indention = false, false
	}
	if err := e.node(v, false); err != nil {
		return "", err
	}
	e.writeIndent()
	if o.explicitEnd {
		e.write("...")
		e.writeIndent()
	}
	return e.b.String(), nil
}

func (e *yamlEmitter) write(s string) {
	e.b.WriteString(s)
	e.column += utf8.RuneCountInString(s)
}

func (e *yamlEmitter) increaseIndent(flow, indentless bool) {
	e.indents = append(e.indents, e.indent)
	switch {
	case e.indent < 0 && flow:
		e.indent = e.bestIndent
	case e.indent < 0:
		e.indent = 0
	case !indentless:
		e.indent += e.bestIndent
	}
}

func (e *yamlEmitter) popIndent() {
	e.indent = e.indents[len(e.indents)-1]
	e.indents = e.indents[:len(e.indents)-1]
}

func (e *yamlEmitter) lineBreak() {
	e.b.WriteString(e.newline)
	e.whitespace, e.indention, e.column = true, true, 0
}

func (e *yamlEmitter) writeIndent() {
	indent := max(e.indent, 0)
	if !e.indention || e.column > indent || (e.column == indent && !e.whitespace) {
		e.lineBreak()
	}
	if e.column < indent {
		e.whitespace = true
		e.write(strings.Repeat(" ", indent-e.column))
	}
}

func (e *yamlEmitter) indicator(ind string, needWhitespace, whitespace, indention bool) {
	if !e.whitespace && needWhitespace {
		ind = " " + ind
	}
	e.whitespace = whitespace
	e.indention = e.indention && indention
	e.write(ind)
}

// useFlow decides the style of a collection as PyYAML's representer and
// emitter do.
func (e *yamlEmitter) useFlow(children []j.Value, empty bool) bool {
	if e.flowLevel > 0 || empty {
		return true
	}
	if e.flowStyle != nil {
		return *e.flowStyle
	}
	for _, c := range children {
		switch c.Kind() {
		case j.ListKind, j.TupleKind, j.DictKind:
			return false
		}
	}
	return true
}

func (e *yamlEmitter) node(v j.Value, mappingCtx bool) error {
	e.depth++
	defer func() { e.depth-- }()
	if e.depth > maxDepth {
		return j.NewError("RecursionError", "maximum recursion depth exceeded")
	}
	switch v.Kind() {
	case j.ListKind, j.TupleKind:
		return e.sequence(v.Items(), mappingCtx)
	case j.DictKind:
		return e.mapping(v.DictOf())
	case j.UndefinedKind:
		return defined(v)
	case j.ObjectKind:
		return j.NewError("RepresenterError", "('cannot represent an object', %s)", j.Repr(v))
	}
	e.increaseIndent(true, false)
	e.scalar(v, false)
	e.popIndent()
	return nil
}

func (e *yamlEmitter) sequence(items []j.Value, mappingCtx bool) error {
	item := func(i int) error { return e.node(items[i], false) }
	if e.useFlow(items, len(items) == 0) {
		return e.flow("[", "]", len(items), item)
	}
	e.increaseIndent(false, mappingCtx && !e.indention)
	for i := range items {
		e.writeIndent()
		e.indicator("-", true, false, true)
		if err := item(i); err != nil {
			return err
		}
	}
	e.popIndent()
	return nil
}

// flow writes n items between open and close in flow style, wrapping
// lines past the width.
func (e *yamlEmitter) flow(open, close string, n int, item func(i int) error) error {
	e.indicator(open, true, true, false)
	e.flowLevel++
	e.increaseIndent(true, false)
	for i := range n {
		if i > 0 {
			e.indicator(",", false, false, false)
		}
		if e.column > e.width {
			e.writeIndent()
		}
		if err := item(i); err != nil {
			return err
		}
	}
	e.popIndent()
	e.flowLevel--
	e.indicator(close, false, false, false)
	return nil
}

func (e *yamlEmitter) mapping(d *j.Dict) error {
	keys := d.Keys()
	if e.sortKeys {
		if sorted, err := j.Sort(append([]j.Value{}, keys...), false, nil); err == nil {
			keys = sorted // PyYAML keeps the order of keys it cannot sort
		}
	}
	values := make([]j.Value, len(keys))
	for i, k := range keys {
		values[i], _ = d.Get(k)
		if err := defined(k); err != nil {
			return err
		}
		if k.Kind() == j.ListKind || k.Kind() == j.DictKind || k.Kind() == j.TupleKind || k.Kind() == j.ObjectKind {
			return j.NewError("RepresenterError", "('cannot represent an object', %s)", j.Repr(k))
		}
	}
	flow := e.useFlow(values, len(keys) == 0)
	entry := func(i int) error {
		simple := simpleKey(keys[i])
		if !simple {
			e.indicator("?", true, false, !flow)
		}
		e.increaseIndent(true, false)
		e.inKey = simple
		e.scalar(keys[i], simple)
		e.inKey = false
		e.popIndent()
		switch {
		case simple:
			e.indicator(":", false, false, false)
		case flow:
			if e.column > e.width {
				e.writeIndent()
			}
			e.indicator(":", true, false, false)
		default:
			e.writeIndent()
			e.indicator(":", true, false, true)
		}
		return e.node(values[i], true)
	}
	if flow {
		return e.flow("{", "}", len(keys), entry)
	}
	e.increaseIndent(false, false)
	for i := range keys {
		e.writeIndent()
		if err := entry(i); err != nil {
			return err
		}
	}
	e.popIndent()
	return nil
}

// simpleKey is libyaml's check_simple_key for a scalar key: at most 128
// bytes and on one line.
func simpleKey(k j.Value) bool {
	if !isStr(k) {
		return len(jsonScalar(k)) <= 128
	}
	s := k.StrValue()
	return len(s) <= 128 && !strings.ContainsAny(s, "\n\r\u0085\u2028\u2029")
}

// scalar writes a scalar with PyYAML's representation and style choice;
// it reports whether it was written plain.
func (e *yamlEmitter) scalar(v j.Value, simpleKey bool) bool {
	switch v.Kind() {
	case j.NoneKind:
		e.plain("null")
	case j.BoolKind, j.IntKind:
		e.plain(jsonScalar(v))
	case j.FloatKind:
		e.plain(yamlFloat(v.FloatValue()))
	default:
		return e.str(v.StrValue(), simpleKey)
	}
	return true
}

func yamlFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return ".nan"
	case math.IsInf(f, 1):
		return ".inf"
	case math.IsInf(f, -1):
		return "-.inf"
	}
	s := strings.ToLower(j.FloatRepr(f))
	if !strings.Contains(s, ".") && strings.Contains(s, "e") {
		s = strings.Replace(s, "e", ".0e", 1)
	}
	return s
}
