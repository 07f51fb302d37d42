package jinja

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/edxplay/edxplay/internal/keyorder"
	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/internal/taint"
)

// singleVar matches templates made of one bare variable reference; Ansible
// returns such variables without stringifying them when they are numbers,
// booleans or None.
var singleVar = regexp.MustCompile(`^\{\{\s*(\w*)\s*\}\}\n?$`)

// endsWithString matches a single expression (trailing newlines allowed,
// as Jinja2 drops them before concatenation) whose last filter is one of
// Ansible's STRING_TYPE_FILTERS, whose output is NativeJinjaText and is
// never converted back to data.
var endsWithString = regexp.MustCompile(`^\{\{[^{]*\|\s*(string|to_json|to_nice_json|to_yaml|to_nice_yaml|json)\s*(\([^{}]*\))?\s*\}\}\n*$`)

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
	value, flags := taint.Unwrap(value)
	if flags.Has(taint.Unsafe) {
		v, inner := taint.Strip(value)
		return v, flags | inner, nil
	}
	switch t := value.(type) {
	case Unavailable:
		return nil, 0, t.Err
	case *odict.Map:
		v, f, err := e.template(legacyMap(t), scope, st)
		return v, flags | f, err
	case string:
		v, f, err := e.templateString(t, scope, st)
		return v, flags | f, err
	case []any:
		if err := st.expand(len(t)); err != nil {
			return nil, 0, err
		}
		out := make([]any, len(t))
		for i, v := range t {
			r, f, err := e.template(v, scope, st)
			if err != nil {
				return nil, 0, err
			}
			out[i] = r
			flags |= f &^ taint.Secret
		}
		return out, flags, nil
	case map[string]any:
		if err := st.expand(len(t)); err != nil {
			return nil, 0, err
		}
		out := make(map[string]any, len(t))
		for k, v := range t {
			r, f, err := e.template(v, scope, st)
			if err != nil {
				return nil, 0, err
			}
			out[k] = r
			flags |= f &^ taint.Secret
		}
		keyorder.Copy(out, t)
		return out, flags, nil
	}
	return value, flags, nil
}

// templateString renders one string with Ansible's native-type rules.
func (e *Engine) templateString(s string, scope *Scope, st *state) (any, taint.Flags, error) {
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
	tpl, err := rc.parse(escapeBackslashes(s), "")
	if err != nil {
		return nil, 0, err
	}
	out, err := rc.execute(tpl, s)
	if err != nil {
		return nil, 0, err
	}
	v := nativeResult(s, preserveNewlines(s, out))
	e.recordSecret(&rc.reads, v, s)
	return v, rc.reads.resultFlags(v), nil
}

// nativeResult converts a rendered string that looks like a list, dict or
// boolean back to data, unless the template ends with a filter whose
// output is text (`| string`: Ansible's NativeJinjaText).
func nativeResult(src, out string) any {
	if endsWithString.MatchString(src) {
		return out
	}
	if strings.HasPrefix(out, "{") || strings.HasPrefix(out, "[") || out == "True" || out == "False" {
		if v, err := literalEval(out); err == nil {
			return v
		}
	}
	return out
}

// Eval evaluates a bare Jinja2 expression (as in `when:` or `debug: var=`)
// and returns its native value.
func (e *Engine) Eval(expr string, scope *Scope) (any, error) {
	rc := e.newRenderCtx(scope, newState(), "")
	src := "{{ (" + expr + ") | " + captureFilter + " }}"
	tpl, err := rc.parse(src, "")
	if err != nil {
		return nil, exprError(err, expr)
	}
	var captured any
	rc.ctx.Set(captureSink, &sink{value: &captured})
	if _, err := rc.execute(tpl, src); err != nil {
		return nil, exprError(err, expr)
	}
	e.recordSecret(&rc.reads, captured, expr)
	return captured, nil
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

// sink receives the value captured by the capture filter.
type sink struct{ value *any }

const (
	captureFilter = "__capture"
	captureSink   = "__capture_sink"
)
