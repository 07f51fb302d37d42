package ansiblefilters

import (
	"strings"

	j "github.com/edxplay/edxplay/internal/jinja2"
)

// encodeLogstash renders data as a Logstash configuration: keys starting
// with the section prefix are blocks, others `key => value`. Nested calls
// use the default prefix, as upstream does.
func encodeLogstash(_ *j.CallContext, a []j.Value) (j.Value, error) {
	o := newEncoderOpts(a[1], a[2], a[3])
	level, err := levelOf(a[4])
	if err != nil {
		return j.None, err
	}
	var b strings.Builder
	err = o.logstash(&b, a[0], level, pyStr(a[5]), pyStr(a[6]))
	return j.Str(b.String()), err
}

// keyHead is key[0] of a str key, with Python's errors.
func keyHead(k j.Value) (string, error) {
	if !isStr(k) {
		return "", typeError("'%s' object is not subscriptable", j.TypeName(k))
	}
	if k.StrValue() == "" {
		return "", j.NewError("IndexError", "string index out of range")
	}
	return string([]rune(k.StrValue())[:1]), nil
}

// isSection reports whether v is a dict whose first key is a section.
func isSection(v j.Value, prefix string) (bool, error) {
	if v.Kind() != j.DictKind {
		return false, nil
	}
	if v.DictOf().Len() == 0 {
		return false, j.NewError("IndexError", "list index out of range")
	}
	h, err := keyHead(v.DictOf().Keys()[0])
	return h == prefix, err
}

func isScalarValue(v j.Value) bool { return isStr(v) || isNum(v) }

func (o encoderOpts) logstash(b *strings.Builder, v j.Value, level int, prevtype, prefix string) error {
	if level > maxDepth {
		return j.NewError("RecursionError", "maximum recursion depth exceeded")
	}
	ind := func(n int) string { return strings.Repeat(o.indent, max(n, 0)) }
	switch {
	case v.Kind() == j.DictKind:
		return o.logstashDict(b, v, level, prevtype, prefix)
	case isNum(v) || o.nums && strIsNum(v) || o.bools && strIsBool(v):
		b.WriteString(strings.ToLower(pyStr(v)))
	case isStr(v):
		b.WriteString(`"` + escapeQuoted(v, `"`) + `"`)
	default:
		items, err := j.Iterate(v)
		if err != nil {
			return err
		}
		for _, it := range items {
			section, err := isSection(it, prefix)
			if err != nil {
				return err
			}
			if section {
				if err := o.logstash(b, it, level, "block", ":"); err != nil {
					return err
				}
				continue
			}
			if eq, _ := j.Equal(items[0], it); eq {
				b.WriteString("[\n")
			}
			b.WriteString(ind(level))
			if err := o.logstash(b, it, level+1, "array", ":"); err != nil {
				return err
			}
			if isLast(items, it) {
				b.WriteString("\n" + ind(level-1) + "]")
			} else {
				b.WriteString(",\n")
			}
		}
	}
	return nil
}

func (o encoderOpts) logstashDict(b *strings.Builder, v j.Value, level int, prevtype, prefix string) error {
	ind := func(n int) string { return strings.Repeat(o.indent, max(n, 0)) }
	opened := prevtype == "value" || prevtype == "value_hash" || prevtype == "array"
	if opened {
		b.WriteString("{\n")
	}
	keys, d, err := sortedItems(v)
	if err != nil {
		return err
	}
	for i, k := range keys {
		val, _ := d.Get(k)
		last := i == len(keys)-1
		head, err := keyHead(k)
		if err != nil {
			return err
		}
		if head == prefix {
			if err := o.logstashSection(b, k, val, level, last, prefix); err != nil {
				return err
			}
		} else {
			b.WriteString(ind(level))
			if prevtype == "value_hash" {
				b.WriteString(`"` + pyStr(k) + `" => `)
			} else {
				b.WriteString(pyStr(k) + " => ")
			}
			next := "value"
			if val.Kind() == j.DictKind {
				next = "value_hash"
			}
			if err := o.logstash(b, val, level+1, next, ":"); err != nil {
				return err
			}
		}
		if !last && isScalarValue(val) {
			b.WriteString("\n")
		}
	}
	if opened {
		b.WriteString("\n" + ind(level-1) + "}")
		if prevtype == "value" {
			b.WriteString("\n")
		}
	}
	return nil
}

func (o encoderOpts) logstashSection(b *strings.Builder, k, val j.Value, level int, last bool, prefix string) error {
	ind := strings.Repeat(o.indent, level)
	b.WriteString(ind + string([]rune(k.StrValue())[1:]) + " {\n")
	if err := o.logstash(b, val, level+1, "block", ":"); err != nil {
		return err
	}
	if !last {
		return nil
	}
	plainDict := false
	if val.Kind() == j.DictKind {
		section, err := isSection(val, prefix)
		if err != nil {
			return err
		}
		plainDict = !section
	}
	if isScalarValue(val) || plainDict {
		b.WriteString("\n" + ind + "}\n")
	} else {
		b.WriteString(ind + "}\n")
	}
	return nil
}
