package ansiblefilters

import (
	"errors"
	"fmt"
	"io"
	"math/big"
	"strings"

	"gopkg.in/yaml.v3"

	j "github.com/edxplay/edxplay/internal/jinja2"
	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/internal/taint"
	"github.com/edxplay/edxplay/internal/yaml11"
)

// loadYAML parses every document of s with PyYAML's YAML 1.1 rules;
// single refuses a second document as yaml.load does.
func loadYAML(s string, single bool) ([]j.Value, error) {
	dec := yaml.NewDecoder(strings.NewReader(s))
	d := &yaml11.Decoder{
		Key: func(k any) (string, error) { return yaml11.PyStr(k), nil },
		Tag: func(n *yaml.Node) (any, error) { return n.Value, nil },
	}
	var out []j.Value
	var first yaml.Node
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err == nil && single && len(out) == 1 {
			return nil, j.NewError("ComposerError", "expected a single document in the stream\n  in \"<unicode string>\", line %d, column %d\nbut found another document\n  in \"<unicode string>\", line %d, column %d",
				first.Line, first.Column, n.Line, n.Column)
		}
		if err == nil {
			err = d.CheckAliases(&n)
			if len(n.Content) > 0 {
				first = *n.Content[0]
			}
		}
		var v j.Value
		if err == nil {
			v, err = yamlValue(d, &n, 0)
		}
		if err != nil && j.ErrorClass(err) == "" {
			err = j.NewError("YAMLError", "%s", err.Error())
		}
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
}

// yamlValue decodes a node as PyYAML's SafeLoader: keys keep their types
// (1, 1.5, true, null), "<<" merges, aliases copy their anchor.
func yamlValue(d *yaml11.Decoder, n *yaml.Node, depth int) (j.Value, error) {
	n = yaml11.Deref(n)
	if n == nil {
		return j.None, nil
	}
	if depth > yaml11.MaxNesting {
		return j.None, fmt.Errorf("yaml value nested more than %d levels deep (nesting limit)", yaml11.MaxNesting)
	}
	if strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
		return j.None, j.NewError("ConstructorError", "could not determine a constructor for the tag %s\n  in \"<unicode string>\", line %d, column %d",
			j.QuoteString(n.Tag), n.Line, n.Column)
	}
	switch n.Kind {
	case yaml.SequenceNode:
		items := make([]j.Value, len(n.Content))
		for i, c := range n.Content {
			v, err := yamlValue(d, c, depth+1)
			if err != nil {
				return j.None, err
			}
			items[i] = v
		}
		return j.NewList(items...), nil
	case yaml.MappingNode:
		pairs, err := d.Pairs(n)
		if err != nil {
			return j.None, err
		}
		out := j.NewDict()
		for _, p := range pairs {
			v, err := yamlValue(d, p.Value, depth+1)
			if err != nil {
				return j.None, err
			}
			if err := out.Set(fromGo(p.KeyValue), v); err != nil {
				return j.None, j.NewError("ConstructorError", "while constructing a mapping\n  in \"<unicode string>\", line %d, column %d\nfound unhashable key\n  in \"<unicode string>\", line %d, column %d",
					n.Line, n.Column, p.KeyNode.Line, p.KeyNode.Column)
			}
		}
		return j.DictValue(out), nil
	}
	v, err := d.Scalar(n)
	return fromGo(v), err
}

// fromGo converts a decoded YAML value into a template value.
func fromGo(v any) j.Value {
	switch t := v.(type) {
	case nil:
		return j.None
	case bool:
		return j.Bool(t)
	case int:
		return j.Int(int64(t))
	case *big.Int:
		return j.BigInt(t)
	case float64:
		return j.Float(t)
	case string:
		return j.Str(t)
	case []any:
		items := make([]j.Value, len(t))
		for i, it := range t {
			items[i] = fromGo(it)
		}
		return j.NewList(items...)
	case *odict.Map:
		d := j.NewDict()
		t.Range(func(k string, v any) bool {
			d.SetStr(k, fromGo(v))
			return true
		})
		return j.DictValue(d)
	case map[string]any:
		d := j.NewDict()
		for _, k := range odict.PlainKeys(t) {
			d.SetStr(k, fromGo(t[k]))
		}
		return j.DictValue(d)
	case taint.Value:
		return fromGo(t.V).WithMark(j.Unsafe)
	}
	return j.Str(yaml11.PyStr(v))
}

// fromYAML is Ansible's from_yaml: the first document of a string; other
// values come back as they are.
func fromYAML(_ *j.CallContext, a []j.Value) (j.Value, error) {
	if !isStr(a[0]) {
		return a[0], nil
	}
	docs, err := loadYAML(a[0].StrValue(), true)
	if err != nil || len(docs) == 0 {
		return j.None, err
	}
	return docs[0], nil
}

// fromYAMLAll is Ansible's from_yaml_all: every document of a string.
func fromYAMLAll(_ *j.CallContext, a []j.Value) (j.Value, error) {
	if !isStr(a[0]) {
		return a[0], nil
	}
	docs, err := loadYAML(a[0].StrValue(), false)
	return j.NewList(docs...), err
}

// yamlKeywords reads yaml.dump's keyword arguments.
func yamlKeywords(o yamlOptions, kw *j.Dict) (yamlOptions, error) {
	for i, k := range kw.Keys() {
		v := kw.Values()[i]
		var err error
		switch name := k.StrValue(); name {
		case "indent":
			var n int64
			n, err = toInt(v)
			o.indent = int(n)
		case "width":
			var n int64
			n, err = toInt(v)
			o.width = int(n)
		case "default_flow_style":
			if v.IsNone() {
				o.flow = nil
			} else {
				b, _ := truth(v)
				o.flow = &b
			}
		case "sort_keys":
			o.sortKeys, _ = truth(v)
		case "explicit_start":
			o.explicitStart, _ = truth(v)
		case "explicit_end":
			o.explicitEnd, _ = truth(v)
		case "line_break":
			if s, _ := text(v); s == "\r" || s == "\r\n" || s == "\n" {
				o.lineBreak = s
			}
		case "allow_unicode":
			return o, typeError("yaml.dump() got multiple values for keyword argument 'allow_unicode'")
		default:
			return o, typeError("dump_all() got an unexpected keyword argument %s", j.QuoteString(name))
		}
		if err != nil {
			return o, err
		}
	}
	return o, nil
}

// toYAML is Ansible's to_yaml (which ignores positional arguments).
func toYAML(_ *j.CallContext, v j.Value, _ []j.Value, kw *j.Dict) (j.Value, error) {
	o, err := yamlKeywords(yamlOptions{indent: 2, sortKeys: true}, kw)
	var s string
	if err == nil {
		s, err = dumpYAML(v, o)
	}
	if err != nil {
		return j.None, wrappedIn("to_yaml", err)
	}
	return j.NativeText(s), nil
}

// toNiceYAML is Ansible's to_nice_yaml(a, indent=4).
func toNiceYAML(_ *j.CallContext, v j.Value, args []j.Value, kw *j.Dict) (j.Value, error) {
	flow := false
	o := yamlOptions{indent: 4, sortKeys: true, flow: &flow}
	if len(args) > 0 {
		n, err := toInt(args[0])
		if err != nil {
			return j.None, err
		}
		o.indent = int(n)
		if _, dup := kw.GetStr("indent"); dup {
			return j.None, typeError("to_nice_yaml() got multiple values for argument 'indent'")
		}
	}
	var err error
	if _, dup := kw.GetStr("default_flow_style"); dup {
		err = typeError("yaml.dump() got multiple values for keyword argument 'default_flow_style'")
	}
	if err == nil {
		o, err = yamlKeywords(o, kw)
	}
	var s string
	if err == nil {
		s, err = dumpYAML(v, o)
	}
	if err != nil {
		return j.None, wrappedIn("to_nice_yaml", err)
	}
	return j.NativeText(s), nil
}

// errMessage is the message of a template error without its location.
func errMessage(err error) string {
	var e *j.Error
	if errors.As(err, &e) {
		return e.Msg
	}
	return err.Error()
}
