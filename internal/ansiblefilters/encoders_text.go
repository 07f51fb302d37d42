package ansiblefilters

import (
	"regexp"
	"strings"

	j "github.com/edxplay/edxplay/internal/jinja2"
)

func levelOf(v j.Value) (int, error) {
	n, err := toInt(v)
	return int(min(max(n, 0), maxDepth)), err
}

func encodeYAML(_ *j.CallContext, a []j.Value) (j.Value, error) {
	o := newEncoderOpts(a[1], a[2], a[3])
	o.quote = pyStr(a[5])
	level, err := levelOf(a[4])
	if err != nil {
		return j.None, err
	}
	skip, _ := truth(a[6])
	var b strings.Builder
	err = o.yaml(&b, a[0], level, skip)
	return j.Str(b.String()), err
}

func (o encoderOpts) yaml(b *strings.Builder, v j.Value, level int, skipIndent bool) error {
	if level > maxDepth {
		return j.NewError("RecursionError", "maximum recursion depth exceeded")
	}
	ind := strings.Repeat(o.indent, level)
	switch {
	case v.Kind() == j.DictKind:
		keys, d, err := sortedItems(v)
		if err != nil {
			return err
		}
		if len(keys) == 0 {
			b.WriteString("{}\n")
		}
		for i, k := range keys {
			val, _ := d.Get(k)
			if i == 0 && skipIndent {
				b.WriteString(pyStr(k) + ":")
			} else {
				b.WriteString(ind + pyStr(k) + ":")
			}
			if val.Kind() == j.DictKind && val.DictOf().Len() == 0 {
				b.WriteString(" {}\n")
				continue
			}
			if val.Kind() == j.DictKind || val.Kind() == j.ListKind && len(val.Items()) > 0 {
				b.WriteString("\n")
			} else {
				b.WriteString(" ")
			}
			if err := o.yaml(b, val, level+1, false); err != nil {
				return err
			}
		}
	case v.Kind() == j.ListKind:
		if len(v.Items()) == 0 {
			b.WriteString("[]\n")
		}
		for _, it := range v.Items() {
			b.WriteString(ind + "- ")
			if err := o.yaml(b, it, level+1, true); err != nil {
				return err
			}
		}
	case isStr(v) && v.StrValue() == "null" || v.Kind() == j.BoolKind || o.bools && strIsBool(v):
		b.WriteString(strings.ToLower(pyStr(v)) + "\n")
	case isNum(v) || o.nums && strIsNum(v):
		b.WriteString(pyStr(v) + "\n")
	default:
		b.WriteString(o.quote + escapeQuoted(v, o.quote) + o.quote + "\n")
	}
	return nil
}

func encodeJSON(_ *j.CallContext, a []j.Value) (j.Value, error) {
	o := newEncoderOpts(a[1], a[2], a[3])
	level, err := levelOf(a[4])
	if err != nil {
		return j.None, err
	}
	var b strings.Builder
	err = o.json(&b, a[0], level)
	return j.Str(b.String()), err
}

func (o encoderOpts) json(b *strings.Builder, v j.Value, level int) error {
	if level > maxDepth {
		return j.NewError("RecursionError", "maximum recursion depth exceeded")
	}
	switch {
	case v.Kind() == j.DictKind:
		keys, d, err := sortedItems(v)
		if err != nil {
			return err
		}
		b.WriteString("{")
		if len(keys) > 0 {
			b.WriteString("\n")
		}
		for i, k := range keys {
			val, _ := d.Get(k)
			b.WriteString(strings.Repeat(o.indent, level+1) + `"` + pyStr(k) + `": `)
			if err := o.json(b, val, level+1); err != nil {
				return err
			}
			if i == len(keys)-1 {
				b.WriteString("\n")
			} else {
				b.WriteString(",\n")
			}
		}
		if len(keys) > 0 {
			b.WriteString(strings.Repeat(o.indent, level))
		}
		b.WriteString("}")
		if level == 0 {
			b.WriteString("\n")
		}
	case isStr(v) && v.StrValue() == "null" || isNum(v) || o.nums && strIsNum(v) || o.bools && strIsBool(v):
		b.WriteString(strings.ToLower(pyStr(v)))
	case isStr(v):
		b.WriteString(`"` + escapeControl(escapeQuoted(v, `"`)) + `"`)
	default:
		if _, err := j.Len(v); err != nil {
			return err
		}
		items, err := j.Iterate(v)
		if err != nil {
			return err
		}
		b.WriteString("[")
		if len(items) > 0 {
			b.WriteString("\n")
		}
		for _, it := range items {
			b.WriteString(strings.Repeat(o.indent, level+1))
			if err := o.json(b, it, level+1); err != nil {
				return err
			}
			if isLast(items, it) {
				b.WriteString("\n")
			} else {
				b.WriteString(",\n")
			}
		}
		if len(items) > 0 {
			b.WriteString(strings.Repeat(o.indent, level))
		}
		b.WriteString("]")
	}
	return nil
}

// tomlBareKey matches the keys TOML writes unquoted.
var tomlBareKey = regexp.MustCompile(`^[a-zA-Z0-9_-]+$`)

// tomlState is encode_toml's recursion state.
type tomlState struct {
	first    bool
	level    int
	prevkey  string
	prevtype string
}

func encodeTOML(_ *j.CallContext, a []j.Value) (j.Value, error) {
	o := newEncoderOpts(a[1], a[2], a[4])
	o.quote = pyStr(a[8])
	first, _ := truth(a[3])
	level, err := levelOf(a[5])
	if err != nil {
		return j.None, err
	}
	var b strings.Builder
	err = o.toml(&b, a[0], tomlState{first: first, level: level, prevkey: pyStr(a[6]), prevtype: pyStr(a[7])})
	return j.Str(b.String()), err
}

// firstItem is upstream's val[0] (IndexError on an empty list).
func firstItem(v j.Value) (j.Value, error) {
	if len(v.Items()) == 0 {
		return j.None, j.NewError("IndexError", "list index out of range")
	}
	return v.Items()[0], nil
}

func (o encoderOpts) toml(b *strings.Builder, v j.Value, st tomlState) error {
	if st.level > maxDepth {
		return j.NewError("RecursionError", "maximum recursion depth exceeded")
	}
	switch {
	case v.Kind() == j.DictKind:
		return o.tomlTable(b, v, st)
	case isNum(v) || o.nums && strIsNum(v) || o.bools && strIsBool(v):
		b.WriteString(strings.ToLower(pyStr(v)))
	case isStr(v):
		b.WriteString(o.quote + escapeQuoted(v, o.quote) + o.quote)
	default:
		head, err := firstItem(v)
		if err != nil {
			return err
		}
		if head.Kind() == j.DictKind {
			for _, d := range v.Items() {
				b.WriteString("\n" + strings.Repeat(o.indent, st.level) + "[[" + st.prevkey + "]]\n")
				if err := o.toml(b, d, tomlState{first: st.first, level: st.level}); err != nil {
					return err
				}
			}
			return nil
		}
		b.WriteString("[")
		for _, d := range v.Items() {
			if err := o.toml(b, d, tomlState{first: st.first, level: st.level, prevtype: "list"}); err != nil {
				return err
			}
			if !isLast(v.Items(), d) {
				b.WriteString(", ")
			}
		}
		b.WriteString("]")
	}
	if st.prevtype != "list" {
		b.WriteString("\n")
	}
	return nil
}

func (o encoderOpts) tomlTable(b *strings.Builder, v j.Value, st tomlState) error {
	keys, d, err := sortedItems(v)
	if err != nil {
		return err
	}
	for _, k := range keys {
		val, _ := d.Get(k)
		scalarList := val.Kind() == j.ListKind && len(val.Items()) > 0 && val.Items()[0].Kind() != j.DictKind
		if isStr(val) || isNum(val) || scalarList {
			b.WriteString(strings.Repeat(o.indent, st.level) + pyStr(k) + " = ")
			if err := o.toml(b, val, tomlState{first: st.first, level: st.level, prevkey: st.prevkey}); err != nil {
				return err
			}
			st.first = false
		}
	}
	for _, k := range keys {
		val, _ := d.Get(k)
		if val.Kind() == j.ListKind {
			head, err := firstItem(val)
			if err != nil {
				return err
			}
			if head.Kind() != j.DictKind {
				continue
			}
		} else if val.Kind() != j.DictKind {
			continue
		}
		key := pyStr(k)
		if !tomlBareKey.MatchString(key) {
			key = `"` + key + `"`
		}
		sub := tomlState{first: st.first, level: st.level, prevkey: key}
		if st.prevkey != "" {
			sub.prevkey = st.prevkey + "." + key
		}
		if val.Kind() == j.DictKind {
			if st.prevkey != "" && st.prevkey != pyStr(k) {
				sub.level++
			}
			if !st.first {
				b.WriteString("\n")
			}
			b.WriteString(strings.Repeat(o.indent, sub.level) + "[" + sub.prevkey + "]\n")
		} else {
			sub.level++
		}
		if err := o.toml(b, val, sub); err != nil {
			return err
		}
		st.first = false
	}
	return nil
}

func encodeErlang(_ *j.CallContext, a []j.Value) (j.Value, error) {
	o := newEncoderOpts(a[2], a[3], a[4])
	level, err := levelOf(a[5])
	if err != nil {
		return j.None, err
	}
	var b strings.Builder
	err = o.erlang(&b, a[0], pyStr(a[1]), level)
	return j.Str(b.String()), err
}

// erlang is encode_erlang; nested calls use the default atom indicator,
// as upstream does.
func (o encoderOpts) erlang(b *strings.Builder, v j.Value, atom string, level int) error {
	if level > maxDepth {
		return j.NewError("RecursionError", "maximum recursion depth exceeded")
	}
	ind := func(n int) string { return strings.Repeat(o.indent, max(n, 0)) }
	switch {
	case v.Kind() == j.DictKind:
		keys, d, err := sortedItems(v)
		if err != nil {
			return err
		}
		b.WriteString("\n")
		for _, k := range keys {
			val, _ := d.Get(k)
			b.WriteString(ind(level) + "{" + pyStr(k) + ",")
			if val.Kind() != j.DictKind {
				b.WriteString(" ")
			}
			if err := o.erlang(b, val, ":", level+1); err != nil {
				return err
			}
			b.WriteString("}")
		}
	case isStr(v) && v.StrValue() == "null" || isNum(v) || o.nums && strIsNum(v) || o.bools && strIsBool(v):
		b.WriteString(strings.ToLower(pyStr(v)))
	case isStr(v):
		s := v.StrValue()
		if r := []rune(s); len(r) > len([]rune(atom)) && strings.HasPrefix(s, atom) {
			b.WriteString(s[len(atom):])
		} else {
			b.WriteString(`"` + escapeQuoted(v, `"`) + `"`)
		}
	default:
		items, err := j.Iterate(v)
		if err != nil {
			return err
		}
		b.WriteString("[")
		for _, it := range items {
			if isStr(it) || isNum(it) {
				b.WriteString("\n" + ind(level))
			}
			if err := o.erlang(b, it, ":", level+1); err != nil {
				return err
			}
			if isLast(items, it) {
				b.WriteString("\n")
			} else {
				b.WriteString(",")
			}
		}
		if len(items) > 0 {
			b.WriteString(ind(level - 1))
		}
		b.WriteString("]")
		if level == 0 {
			b.WriteString(".\n")
		}
	}
	return nil
}
