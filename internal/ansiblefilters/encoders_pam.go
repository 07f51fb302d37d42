package ansiblefilters

import (
	"strings"

	j "github.com/edxplay/edxplay/internal/jinja2"
)

// encodePAM renders {label: rule} as PAM configuration lines, sorted by
// label, a blank line between rule types.
func encodePAM(_ *j.CallContext, a []j.Value) (j.Value, error) {
	if a[0].Kind() != j.DictKind {
		return j.None, j.NewError("AttributeError", "'%s' object has no attribute 'items'", j.TypeName(a[0]))
	}
	label, _ := truth(a[1])
	separate, _ := truth(a[2])
	sep := pyStr(a[3])
	keys, d, err := sortedItems(a[0])
	if err != nil {
		return j.None, err
	}
	var b strings.Builder
	var prevType *j.Value
	for _, k := range keys {
		rule, _ := d.Get(k)
		typ, err := j.GetItem(rule, j.Str("type"))
		if err != nil || typ.IsUndefined() {
			return j.None, j.NewError("KeyError", "'type'")
		}
		if separate {
			if prevType != nil {
				if eq, _ := j.Equal(*prevType, typ); !eq {
					b.WriteString("\n")
				}
			}
			prevType = &typ
		}
		if label {
			b.WriteString("# " + pyStr(k) + "\n")
		}
		if err := pamRule(&b, rule.DictOf(), typ, sep); err != nil {
			return j.None, err
		}
	}
	return j.Str(b.String()), nil
}

// pairText is "=".join(map(str, list(x.items())[0])).
func pairText(v j.Value) (string, error) {
	d := v.DictOf()
	if d == nil {
		return "", j.NewError("AttributeError", "'%s' object has no attribute 'items'", j.TypeName(v))
	}
	k, val, err := firstPair(d)
	return k + "=" + pyStr(val), err
}

func pamRule(b *strings.Builder, rule *j.Dict, typ j.Value, sep string) error {
	if s, ok := rule.GetStr("service"); ok {
		b.WriteString(pyStr(s) + sep)
	}
	if s, ok := rule.GetStr("silent"); ok {
		if t, _ := truth(s); t {
			b.WriteString("-")
		}
	}
	b.WriteString(pyStr(typ) + sep)
	control, ok := rule.GetStr("control")
	if !ok {
		return j.NewError("KeyError", "'control'")
	}
	if control.Kind() == j.ListKind {
		var parts []string
		for _, c := range control.Items() {
			p, err := pairText(c)
			if err != nil {
				return err
			}
			parts = append(parts, p)
		}
		b.WriteString("[" + strings.Join(parts, " ") + "]" + sep)
	} else {
		b.WriteString(pyStr(control) + sep)
	}
	path, ok := rule.GetStr("path")
	if !ok {
		return j.NewError("KeyError", "'path'")
	}
	if !isStr(path) {
		return typeError("can only concatenate str (not \"%s\") to str", j.TypeName(path))
	}
	b.WriteString(path.StrValue())
	if args, ok := rule.GetStr("args"); ok {
		if t, _ := truth(args); t {
			if err := pamArgs(b, args, sep); err != nil {
				return err
			}
		}
	}
	b.WriteString("\n")
	return nil
}

func pamArgs(b *strings.Builder, args j.Value, sep string) error {
	items, err := j.Iterate(args)
	if err != nil {
		return err
	}
	b.WriteString(sep)
	for i, arg := range items {
		if i > 0 {
			b.WriteString(" ")
		}
		switch {
		case arg.Kind() == j.DictKind:
			p, err := pairText(arg)
			if err != nil {
				return err
			}
			b.WriteString(p)
		case isStr(arg):
			b.WriteString(arg.StrValue())
		default:
			return typeError("can only concatenate str (not \"%s\") to str", j.TypeName(arg))
		}
	}
	return nil
}
