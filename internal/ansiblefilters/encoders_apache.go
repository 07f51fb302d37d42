package ansiblefilters

import (
	"strings"

	j "github.com/edxplay/edxplay/internal/jinja2"
)

// apacheOpts are encode_apache's settings.
type apacheOpts struct {
	encoderOpts
	quoteNums, quoteStrings bool
}

func encodeApache(_ *j.CallContext, a []j.Value) (j.Value, error) {
	o := apacheOpts{encoderOpts: newEncoderOpts(a[1], a[2], a[3])}
	o.quoteNums, _ = truth(a[5])
	o.quoteStrings, _ = truth(a[6])
	level, err := levelOf(a[4])
	if err != nil {
		return j.None, err
	}
	var b strings.Builder
	err = o.block(&b, a[0], level, pyStr(a[7]))
	return j.Str(b.String()), err
}

// item is obj[key] with Python's KeyError.
func item(obj j.Value, key string) (j.Value, error) {
	v, err := j.GetItem(obj, j.Str(key))
	if err == nil && v.IsUndefined() {
		err = j.NewError("KeyError", "%s", j.QuoteString(key))
	}
	return v, err
}

// has is Python's `key in obj`.
func has(obj j.Value, key string) bool {
	ok, _ := j.Contains(obj, j.Str(key))
	return ok
}

// nonEmpty is `key in obj and len(obj[key]) > 0`.
func nonEmpty(obj j.Value, key string) bool {
	if !has(obj, key) {
		return false
	}
	v, err := item(obj, key)
	if err != nil {
		return false
	}
	n, _ := j.Len(v)
	return n > 0
}

func (o apacheOpts) block(b *strings.Builder, data j.Value, level int, kind string) error {
	if level > maxDepth {
		return j.NewError("RecursionError", "maximum recursion depth exceeded")
	}
	switch kind {
	case "sections":
		return o.sections(b, data, level)
	case "options":
		return o.options(b, data, level)
	case "value":
		return o.value(b, data, level)
	}
	return nil
}

func (o apacheOpts) sections(b *strings.Builder, data j.Value, level int) error {
	content, err := item(data, "content")
	if err != nil {
		return err
	}
	items, err := j.Iterate(content)
	if err != nil {
		return err
	}
	for _, c := range items {
		if has(c, "options") {
			opts, _ := item(c, "options")
			if err := o.block(b, opts, level+1, "options"); err != nil {
				return err
			}
		}
		isEmpty := false
		if has(c, "sections") {
			var err error
			if isEmpty, err = o.subsections(b, c, level); err != nil {
				return err
			}
		}
		if !isLast(items, c) && (nonEmpty(c, "options") || nonEmpty(c, "sections") && isEmpty) {
			b.WriteString("\n")
		}
	}
	return nil
}

// subsections writes c's sections that have content; it returns
// upstream's is_empty flag (set once any section had content).
func (o apacheOpts) subsections(b *strings.Builder, c j.Value, level int) (bool, error) {
	ind := strings.Repeat(o.indent, level)
	secs, _ := item(c, "sections")
	list, err := j.Iterate(secs)
	if err != nil {
		return false, err
	}
	isEmpty := false
	for _, s := range list {
		content, err := item(s, "content")
		if err != nil {
			return false, err
		}
		inner, err := j.Iterate(content)
		if err != nil {
			return false, err
		}
		for _, i := range inner {
			if nonEmpty(i, "options") || nonEmpty(i, "sections") {
				isEmpty = true
			}
		}
		if !isEmpty {
			continue
		}
		name, err := item(s, "name")
		if err != nil {
			return false, err
		}
		b.WriteString(ind + "<" + pyStr(name) + " ")
		if has(s, "operator") {
			op, _ := item(s, "operator")
			b.WriteString(pyStr(op) + " ")
		}
		if has(s, "param") {
			p, _ := item(s, "param")
			if err := o.block(b, p, level+1, "value"); err != nil {
				return false, err
			}
		}
		b.WriteString(">\n")
		if err := o.block(b, s, level+1, "sections"); err != nil {
			return false, err
		}
		b.WriteString(ind + "</" + pyStr(name) + ">\n")
		if !isLast(list, s) {
			b.WriteString("\n")
		}
	}
	return isEmpty, nil
}

func (o apacheOpts) options(b *strings.Builder, data j.Value, level int) error {
	list, err := j.Iterate(data)
	if err != nil {
		return err
	}
	for _, opt := range list {
		if opt.Kind() != j.DictKind {
			return j.NewError("AttributeError", "'%s' object has no attribute 'items'", j.TypeName(opt))
		}
		keys, d, err := sortedItems(opt)
		if err != nil {
			return err
		}
		for _, k := range keys {
			val, _ := d.Get(k)
			b.WriteString(strings.Repeat(o.indent, max(level-1, 0)) + pyStr(k) + " ")
			if err := o.block(b, val, level+1, "value"); err != nil {
				return err
			}
			b.WriteString("\n")
		}
	}
	return nil
}

func (o apacheOpts) value(b *strings.Builder, v j.Value, level int) error {
	switch {
	case v.Kind() == j.BoolKind || o.bools && strIsBool(v):
		b.WriteString(strings.ToLower(pyStr(v)))
	case isNum(v) || o.nums && strIsNum(v):
		if o.quoteNums {
			b.WriteString(`"` + pyStr(v) + `"`)
		} else {
			b.WriteString(pyStr(v))
		}
	case isStr(v):
		s := v.StrValue()
		if o.quoteStrings || strings.ContainsAny(s, " \t\n\r") || s == "" {
			b.WriteString(`"` + escapeQuoted(v, `"`) + `"`)
		} else {
			b.WriteString(s)
		}
	case v.Kind() == j.ListKind:
		for _, it := range v.Items() {
			if err := o.block(b, it, level+1, "value"); err != nil {
				return err
			}
			if !isLast(v.Items(), it) {
				b.WriteString(" ")
			}
		}
	}
	return nil
}
