package jinja

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/edxplay/edxplay/internal/jinja2"
	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/internal/taint"
)

// singleVar matches templates made of one bare variable reference; Ansible
// returns such variables without stringifying them when they are numbers,
// booleans or None.
var singleVar = regexp.MustCompile(`^\{\{\s*(\w*)\s*\}\}\n?$`)

// IsTemplate reports whether s contains a Jinja2 start delimiter.
func IsTemplate(s string) bool {
	return strings.Contains(s, "{{") || strings.Contains(s, "{%") || strings.Contains(s, "{#")
}

// Template templates a value with Ansible's rules: strings without Jinja2
// delimiters are returned unchanged; other strings are rendered and, when
// the result looks like a list, dict or boolean, converted back to native
// data (Ansible's ansible_eval_concat); lists and maps are templated
// recursively (map keys are left as they are, as in Ansible). Values
// marked taint.Unsafe are returned as they are, never rendered. The result
// holds no taint marks.
func (e *Engine) Template(value any, scope *Scope) (any, error) {
	v, _, err := e.template(value, scope, newState())
	return v, err
}

// TemplateTyped is TemplateMarked for values read from a playbook's YAML
// text that become variables (set_fact's facts, loop items): the strings
// that keep a type of Ansible's are wrapped in it, inside lists and dicts
// too: taint.Loaded (AnsibleUnicode) for text no template renders and for
// a lone variable's AnsibleUnicode, taint.Text for NativeJinjaText.
func (e *Engine) TemplateTyped(value any, scope *Scope) (any, error) {
	v, flags, err := e.templateAs(value, scope, newState(), typing{keep: true, yaml: true})
	return taint.Wrap(v, flags), err
}

// TemplateMarked is Template, with the result wrapped in the taint marks of
// everything it read (as Ansible wraps a result that read an unsafe value
// with wrap_var): values stored from it (set_fact, loop items) stay unsafe
// or secret.
func (e *Engine) TemplateMarked(value any, scope *Scope) (any, error) {
	v, flags, err := e.template(value, scope, newState())
	return taint.Wrap(v, flags), err
}

// template renders value and returns the marks of what it read.
func (e *Engine) template(value any, scope *Scope, st *state) (any, taint.Flags, error) {
	return e.templateAs(value, scope, st, typing{})
}

// typing says which string types templating keeps (templateAs).
type typing struct {
	// keep wraps the NativeJinjaText and AnsibleUnicode strings inside
	// lists and dicts in taint.Text and taint.Loaded.
	keep bool
	// yaml marks the strings of the value that no template renders as
	// AnsibleUnicode: the value is YAML text of a playbook.
	yaml bool
}

// typeFlags are the flags that name a string's type, not its origin.
const typeFlags = taint.Text | taint.Loaded

// templateAs is template keeping the string types m says (variables keep
// the types of their items; module arguments get plain data).
func (e *Engine) templateAs(value any, scope *Scope, st *state, m typing) (any, taint.Flags, error) {
	value, flags := taint.Unwrap(value)
	if flags.Has(taint.Unsafe) {
		v, inner := taint.Strip(value)
		return v, flags | inner, nil
	}
	switch t := value.(type) {
	case Unavailable:
		return nil, 0, t.Err
	case *odict.Map:
		if err := st.expand(t.Len()); err != nil {
			return nil, 0, err
		}
		out := odict.New(t.Len())
		var err error
		t.Range(func(k string, v any) bool {
			var r any
			var f taint.Flags
			r, f, err = e.templateAs(v, scope, st, m)
			out.Set(k, typed(r, f, m.keep))
			flags |= f & taint.Inherited &^ taint.Secret
			return err == nil
		})
		if err != nil {
			return nil, 0, err
		}
		return out, flags, nil
	case string:
		switch {
		case IsTemplate(t):
			flags &^= typeFlags // a new text is rendered from it
		case m.yaml:
			flags |= taint.Loaded
		}
		v, f, err := e.templateString(t, scope, st, m.keep)
		return v, flags | f, err
	case []any:
		if err := st.expand(len(t)); err != nil {
			return nil, 0, err
		}
		out := make([]any, len(t))
		for i, v := range t {
			r, f, err := e.templateAs(v, scope, st, m)
			if err != nil {
				return nil, 0, err
			}
			out[i] = typed(r, f, m.keep)
			flags |= f & taint.Inherited &^ taint.Secret
		}
		return out, flags, nil
	case map[string]any:
		if err := st.expand(len(t)); err != nil {
			return nil, 0, err
		}
		out := make(map[string]any, len(t))
		for k, v := range t {
			r, f, err := e.templateAs(v, scope, st, m)
			if err != nil {
				return nil, 0, err
			}
			out[k] = typed(r, f, m.keep)
			flags |= f & taint.Inherited &^ taint.Secret
		}
		return out, flags, nil
	}
	return value, flags, nil
}

// typed is an item r of a templated list or dict, wrapped in the type
// flags of f when keep is set.
func typed(r any, f taint.Flags, keep bool) any {
	if keep && f&typeFlags != 0 {
		return taint.Value{V: r, Flags: f & typeFlags}
	}
	return r
}

// templateString renders one string with Ansible's native-type rules
// (keep: see templateAs).
func (e *Engine) templateString(s string, scope *Scope, st *state, keep bool) (any, taint.Flags, error) {
	if !IsTemplate(s) {
		return s, 0, nil
	}
	// Ansible's shortcut for a lone "{{ var }}": a variable whose RAW value
	// is None, a bool or a number is returned as is. A variable holding a
	// template goes through rendering and string joining, so an int reached
	// through two variables comes back as a string.
	if m := singleVar.FindStringSubmatch(s); m != nil && scope != nil && scope.Has(m[1]) {
		marked, _ := scope.Raw(m[1])
		raw, flags := taint.Unwrap(marked)
		switch raw.(type) {
		case nil, bool, int, float64:
			return raw, flags, nil
		}
	}
	rc := e.newRenderCtx(scope, st, "")
	tpl, err := rc.parse(escapeBackslashes(s), ansibleConfig())
	if err != nil {
		return nil, 0, err
	}
	var val jinja2.Value
	if e.opts.Native {
		val, err = tpl.Native(rc)
	} else {
		val, err = tpl.Eval(rc)
	}
	v, err := rc.finishAs(val, err, s, keep)
	if err != nil {
		return nil, 0, err
	}
	if out, ok := v.(string); ok {
		v = preserveNewlines(s, out)
	}
	e.recordSecret(&rc.reads, v, s)
	flags := rc.reads.resultFlags(v)
	if _, isString := v.(string); isString && val.IsNativeText() {
		flags |= taint.Text
	} else if isString && val.IsLoaded() && v == val.StrValue() {
		flags |= taint.Loaded // a lone variable's text, as it was
	}
	return v, flags, nil
}

// preserveNewlines re-adds trailing newlines that rendering dropped, as
// Ansible's do_template does.
func preserveNewlines(src, out string) string {
	want := countTrailingNewlines(src)
	if have := countTrailingNewlines(out); want > have {
		out += strings.Repeat("\n", want-have)
	}
	return out
}

func countTrailingNewlines(s string) int {
	n := 0
	for i := len(s) - 1; i >= 0 && s[i] == '\n'; i-- {
		n++
	}
	return n
}

// Eval evaluates a bare Jinja2 expression (as in `when:` or `debug: var=`)
// and returns its native value.
func (e *Engine) Eval(expr string, scope *Scope) (any, error) {
	rc := e.newRenderCtx(scope, newState(), "")
	rc.expr = true
	src := "{{ " + expr + " }}"
	tpl, err := rc.parse(src, ansibleConfig())
	if err != nil {
		return nil, exprError(err, expr)
	}
	val, err := tpl.Value(rc)
	v, err := rc.finish(val, err, src)
	if err != nil {
		return nil, exprError(err, expr)
	}
	e.recordSecret(&rc.reads, v, expr)
	return v, nil
}

// ErrUnsafeConditional is returned for a conditional whose templated text
// is unsafe (host data): Ansible refuses to evaluate it.
var ErrUnsafeConditional = errors.New("Conditional is marked as unsafe, and cannot be evaluated.")

// EvalBool evaluates a conditional like Ansible's `when:`: the string is
// first templated (a non-string result is judged by its truthiness), then
// evaluated as "{% if expr %}". As in Ansible, a non-empty string such as
// "false" held in a variable is true unless filtered with `| bool`, and a
// template that renders to unsafe text (host data) is refused with
// ErrUnsafeConditional instead of being evaluated.
func (e *Engine) EvalBool(expr string, scope *Scope) (bool, error) {
	if IsTemplate(expr) {
		v, flags, err := e.template(expr, scope, newState())
		if err != nil {
			return false, err
		}
		s, ok := v.(string)
		if !ok {
			return truthy(v), nil
		}
		if flags.Has(taint.Unsafe) {
			// host data is never evaluated, not even as an expression
			return false, ErrUnsafeConditional
		}
		expr = s
	}
	if strings.TrimSpace(expr) == "" {
		return false, nil
	}
	v, err := e.Eval(expr, scope)
	if err != nil {
		return false, err
	}
	return truthy(v), nil
}

// exprError rewrites errors of Eval to mention the expression.
func exprError(err error, expr string) error {
	if te, ok := err.(*Error); ok {
		return &Error{Template: "expression", Msg: te.Msg + ". Expression: " + expr, Err: te.Err}
	}
	return fmt.Errorf("evaluate %q: %w", expr, err)
}
