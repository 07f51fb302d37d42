package jinja2

import (
	"fmt"
	"math"
	"net/url"
	"strings"

	"github.com/edxplay/edxplay/internal/pyvalue"
)

// jsonDump is Python's json.dumps(v, sort_keys=True) (ensure_ascii on).
func jsonDump(b *strings.Builder, v Value, indent string, level int) error {
	switch v.kind {
	case NoneKind:
		b.WriteString("null")
	case BoolKind:
		b.WriteString(map[bool]string{true: "true", false: "false"}[v.n != 0])
	case IntKind:
		b.WriteString(Repr(v))
	case FloatKind:
		switch {
		case math.IsNaN(v.f):
			b.WriteString("NaN")
		case math.IsInf(v.f, 1):
			b.WriteString("Infinity")
		case math.IsInf(v.f, -1):
			b.WriteString("-Infinity")
		default:
			b.WriteString(FloatRepr(v.f))
		}
	case StrKind:
		b.WriteString(pyvalue.QuoteJSON(v.s, false))
	case ListKind, TupleKind:
		return jsonSeq(b, v.Items(), indent, level)
	case DictKind:
		return jsonDict(b, v.DictOf(), indent, level)
	default:
		return typeErrorf("Object of type %s is not JSON serializable", typeName(v))
	}
	return nil
}

func jsonNewline(b *strings.Builder, indent string, level int) {
	if indent != "\x00" {
		b.WriteString("\n" + strings.Repeat(indent, level))
	}
}

func jsonSeq(b *strings.Builder, items []Value, indent string, level int) error {
	if len(items) == 0 {
		b.WriteString("[]")
		return nil
	}
	b.WriteByte('[')
	for i, it := range items {
		if i > 0 {
			b.WriteString(map[bool]string{true: ", ", false: ","}[indent == "\x00"])
		}
		jsonNewline(b, indent, level+1)
		if err := jsonDump(b, it, indent, level+1); err != nil {
			return err
		}
	}
	jsonNewline(b, indent, level)
	b.WriteByte(']')
	return nil
}

func jsonDict(b *strings.Builder, d *Dict, indent string, level int) error {
	if d.Len() == 0 {
		b.WriteString("{}")
		return nil
	}
	type kv struct {
		k string
		v Value
	}
	sorted, err := sortValues(dictPairs(d), false, func(p Value) (Value, error) { return p.Items()[0], nil })
	if err != nil {
		return err
	}
	var pairs []kv
	for _, p := range sorted {
		ks, err := jsonKey(p.Items()[0])
		if err != nil {
			return err
		}
		pairs = append(pairs, kv{ks, p.Items()[1]})
	}
	b.WriteByte('{')
	for i, p := range pairs {
		if i > 0 {
			b.WriteString(map[bool]string{true: ", ", false: ","}[indent == "\x00"])
		}
		jsonNewline(b, indent, level+1)
		b.WriteString(pyvalue.QuoteJSON(p.k, false) + ": ")
		if err := jsonDump(b, p.v, indent, level+1); err != nil {
			return err
		}
	}
	jsonNewline(b, indent, level)
	b.WriteByte('}')
	return nil
}

func jsonKey(k Value) (string, error) {
	switch k.kind {
	case StrKind:
		return k.s, nil
	case NoneKind:
		return "null", nil
	case BoolKind:
		return map[bool]string{true: "true", false: "false"}[k.n != 0], nil
	case IntKind, FloatKind:
		return Repr(k), nil
	}
	return "", typeErrorf("keys must be str, int, float, bool or None, not %s", typeName(k))
}

func fToJSON(c *CallContext, v Value, a []Value) (Value, error) {
	indent := "\x00"
	if a[0].kind != NoneKind {
		n, err := needInt(a[0])
		if err != nil {
			return None, err
		}
		indent = strings.Repeat(" ", int(max(0, min(n, 64))))
	}
	var b strings.Builder
	if err := jsonDump(&b, v, indent, 0); err != nil {
		return None, err
	}
	s := strings.NewReplacer("<", `\u003c`, ">", `\u003e`, "&", `\u0026`, "'", `\u0027`).Replace(b.String())
	if indent != "\x00" {
		s = strings.ReplaceAll(s, ", \n", ",\n")
	}
	return Str(s).WithMark(markup), nil
}

// urlQuote is Jinja2's url_quote.
func urlQuote(v Value, forQS bool) (string, error) {
	s, err := ToString(v)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isDigit(c) || (c|0x20 >= 'a' && c|0x20 <= 'z') || strings.IndexByte("_.-~", c) >= 0 || (c == '/' && !forQS) {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	out := b.String()
	if forQS {
		out = strings.ReplaceAll(out, "%20", "+")
	}
	return out, nil
}

func fURLEncode(c *CallContext, v Value, a []Value) (Value, error) {
	if _, err := iterate(v); v.kind == StrKind || (err != nil && v.kind != UndefinedKind) {
		s, err := urlQuote(v, false)
		return Str(s), err
	}
	var pairs []Value
	if v.kind == DictKind {
		pairs = dictPairs(v.DictOf())
	} else {
		var err error
		if pairs, err = iterate(v); err != nil {
			return None, err
		}
	}
	var parts []string
	for _, p := range pairs {
		kv, err := unpackPair(p)
		if err != nil {
			return None, err
		}
		k, err := urlQuote(kv[0], true)
		if err != nil {
			return None, err
		}
		val, err := urlQuote(kv[1], true)
		if err != nil {
			return None, err
		}
		parts = append(parts, k+"="+val)
	}
	return Str(strings.Join(parts, "&")), nil
}

var _ = url.QueryEscape

// unpackPair is Python's `k, v = p`.
func unpackPair(p Value) ([]Value, error) {
	kv, err := iterate(p)
	switch {
	case err != nil && p.kind != UndefinedKind:
		return nil, typeErrorf("cannot unpack non-iterable %s object", typeName(p))
	case err != nil:
		return nil, err
	case len(kv) < 2:
		return nil, valueErrorf("not enough values to unpack (expected 2, got %d)", len(kv))
	case len(kv) > 2:
		return nil, valueErrorf("too many values to unpack (expected 2)")
	}
	return kv, nil
}
