package ansiblefilters

import (
	"strings"

	j "github.com/edxplay/edxplay/internal/jinja2"
)

// encodeHAProxy renders a list of {section: [params]} dicts and comment
// strings as an HAProxy configuration.
func encodeHAProxy(_ *j.CallContext, a []j.Value) (j.Value, error) {
	sections, err := j.Iterate(a[0])
	if err != nil {
		return j.None, err
	}
	indent := pyStr(a[1])
	var b strings.Builder
	first, prevComment := true, false
	for _, sec := range sections {
		switch {
		case first:
			first = false
		case prevComment:
			prevComment = false
		default:
			b.WriteString("\n")
		}
		d := sec.DictOf()
		if d == nil {
			b.WriteString(pyStr(sec) + "\n")
			prevComment = true
			continue
		}
		if d.Len() == 0 {
			return j.None, j.NewError("IndexError", "list index out of range")
		}
		b.WriteString(pyStr(d.Keys()[0]) + "\n")
		params, err := j.Iterate(d.Values()[0])
		if err != nil {
			return j.None, err
		}
		for _, p := range params {
			b.WriteString(indent + pyStr(p) + "\n")
		}
	}
	return j.Str(b.String()), nil
}

// xmlOpts are encode_xml's settings.
type xmlOpts struct {
	attr   string
	escape bool
	indent string
}

func encodeXML(_ *j.CallContext, a []j.Value) (j.Value, error) {
	esc, _ := truth(a[2])
	o := xmlOpts{attr: pyStr(a[1]), escape: esc, indent: pyStr(a[3])}
	level, err := levelOf(a[4])
	if err != nil {
		return j.None, err
	}
	var b strings.Builder
	err = o.node(&b, a[0], level)
	return j.Str(b.String()), err
}

// firstPair is list(d.items())[0].
func firstPair(d *j.Dict) (string, j.Value, error) {
	if d.Len() == 0 {
		return "", j.None, j.NewError("IndexError", "list index out of range")
	}
	return pyStr(d.Keys()[0]), d.Values()[0], nil
}

// isAttr reports whether v is a {^name: value} attribute item.
func (o xmlOpts) isAttr(v j.Value) bool {
	d := v.DictOf()
	if d == nil || d.Len() == 0 {
		return false
	}
	return strings.HasPrefix(pyStr(d.Keys()[0]), o.attr)
}

func (o xmlOpts) node(b *strings.Builder, v j.Value, level int) error {
	if level > maxDepth {
		return j.NewError("RecursionError", "maximum recursion depth exceeded")
	}
	switch {
	case v.Kind() == j.ListKind:
		for _, it := range v.Items() {
			if !o.isAttr(it) {
				if err := o.node(b, it, level); err != nil {
					return err
				}
			}
		}
	case v.Kind() == j.DictKind:
		return o.element(b, v.DictOf(), level)
	case o.escape:
		b.WriteString(strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(pyStr(v)))
	default:
		b.WriteString(escapeQuoted(v, `"`))
	}
	return nil
}

func (o xmlOpts) element(b *strings.Builder, d *j.Dict, level int) error {
	key, val, err := firstPair(d)
	if err != nil {
		return err
	}
	if strings.HasPrefix(key, o.attr) {
		b.WriteString(" " + key[len(o.attr):] + `="` + escapeQuoted(val, `"`) + `"`)
		return nil
	}
	pad := strings.Repeat(o.indent, level)
	b.WriteString(pad + "<" + key)
	attrs, nested := 0, val.Kind() == j.DictKind
	for _, it := range val.Items() {
		if val.Kind() != j.ListKind {
			break
		}
		if o.isAttr(it) {
			attrs++
			if err := o.node(b, it, level); err != nil {
				return err
			}
		} else if it.Kind() == j.DictKind {
			nested = true
		}
	}
	if isStr(val) && val.StrValue() == "" || val.Kind() == j.ListKind && attrs == len(val.Items()) {
		b.WriteString(" />\n")
		return nil
	}
	b.WriteString(">")
	if nested {
		b.WriteString("\n")
	}
	if err := o.node(b, val, level+1); err != nil {
		return err
	}
	if nested {
		b.WriteString(pad)
	}
	b.WriteString("</" + key + ">\n")
	return nil
}

// encodeNginx renders a list of directive strings and {block: [...]}
// dicts as an nginx configuration.
func encodeNginx(_ *j.CallContext, a []j.Value) (j.Value, error) {
	level, err := levelOf(a[2])
	if err != nil {
		return j.None, err
	}
	semi, _ := truth(a[3])
	var b strings.Builder
	err = nginxBlock(&b, a[0], pyStr(a[1]), level, semi)
	return j.Str(b.String()), err
}

func nginxBlock(b *strings.Builder, data j.Value, indent string, level int, semi bool) error {
	if level > maxDepth {
		return j.NewError("RecursionError", "maximum recursion depth exceeded")
	}
	items, err := j.Iterate(data)
	if err != nil {
		return err
	}
	pad := strings.Repeat(indent, level)
	kind := ""
	for _, it := range items {
		switch {
		case it.Kind() == j.DictKind:
			key, val, err := firstPair(it.DictOf())
			if err != nil {
				return err
			}
			if kind != "" {
				b.WriteString("\n")
			}
			b.WriteString(pad + key + " {\n")
			if err := nginxBlock(b, val, "  ", level+1, semi); err != nil { // upstream drops indent here
				return err
			}
			b.WriteString(pad + "}")
			if semi {
				b.WriteString(";")
			}
			b.WriteString("\n")
			kind = "section"
		case isStr(it):
			if kind == "section" {
				b.WriteString("\n")
			}
			kind = "line"
			b.WriteString(pad + it.StrValue())
			if strings.HasPrefix(it.StrValue(), "# ") {
				b.WriteString("\n")
			} else {
				b.WriteString(";\n")
			}
		default:
			return filterError("Unexpected data type: %s", pyClass(it))
		}
	}
	return nil
}
