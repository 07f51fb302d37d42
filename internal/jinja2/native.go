package jinja2

import "strings"

// concat turns a buffer of output nodes into a value as the render mode's
// Ansible concat function does.
func (r *renderer) concat(nodes []Value) (Value, error) {
	switch r.mode {
	case concatEval:
		return evalConcat(nodes)
	case concatNative:
		return nativeConcat(nodes)
	case concatValue:
		if len(nodes) == 1 {
			return nodes[0], nil
		}
	}
	return joinNodes(nodes)
}

// joinNodes is ansible_concat: str() of every node, joined.
func joinNodes(nodes []Value) (Value, error) {
	var b strings.Builder
	var m Value
	for _, n := range nodes {
		s, err := ToString(n)
		if err != nil {
			return None, err
		}
		b.WriteString(s)
		m = withMarks(m, n)
	}
	return withMarks(Str(b.String()), m), nil
}

// evalConcat is ansible_eval_concat: the joined string, turned into a
// list, dict or bool when it reads as a Python literal (JSON true, false
// and null accepted).
func evalConcat(nodes []Value) (Value, error) {
	if len(nodes) == 0 {
		return Str(""), nil
	}
	if len(nodes) == 1 && nodes[0].mark&nativeText != 0 {
		return nodes[0], nil
	}
	out := nodes[0] // a lone string stays the very object (to_text)
	if len(nodes) > 1 || out.kind != StrKind {
		var err error
		if out, err = joinNodes(nodes); err != nil {
			return None, err
		}
	}
	s := out.s
	if strings.HasPrefix(s, "{") || strings.HasPrefix(s, "[") || s == "True" || s == "False" {
		if v, err := literalEval(s, true); err == nil {
			return withMarks(v, out), nil
		}
	}
	return out, nil
}

// nativeConcat is ansible_native_concat: a lone non-string node keeps its
// type; otherwise the joined string is literal_eval'ed when it is a Python
// literal, a string result keeping its quotes.
func nativeConcat(nodes []Value) (Value, error) {
	if len(nodes) == 0 {
		return None, nil
	}
	var out Value
	if len(nodes) == 1 {
		out = nodes[0]
		if out.mark&nativeText != 0 || out.kind != StrKind {
			return out, nil
		}
	} else {
		var err error
		if out, err = joinNodes(nodes); err != nil {
			return None, err
		}
	}
	v, err := literalEval(out.s, false)
	if err != nil {
		return out, nil
	}
	if v.kind == StrKind {
		q := out.s[:1]
		v = Str(q + v.s + q)
	}
	return withMarks(v, out), nil
}
