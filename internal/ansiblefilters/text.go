package ansiblefilters

import (
	"crypto/sha1"
	"encoding/hex"
	"strings"

	j "github.com/edxplay/edxplay/internal/jinja2"
)

// ansibleNamespace is to_uuid's default namespace.
const ansibleNamespace = "361e6d51-faec-444a-9079-341386da8e2e"

// parseUUID is uuid.UUID(s): braces, urn:uuid: and dashes optional.
func parseUUID(s string) ([]byte, error) {
	h := strings.TrimPrefix(strings.TrimPrefix(s, "urn:"), "uuid:")
	h = strings.ReplaceAll(strings.Trim(h, "{}"), "-", "")
	b, err := hex.DecodeString(h)
	if err != nil || len(b) != 16 {
		return nil, valueError("badly formed hexadecimal UUID string")
	}
	return b, nil
}

// toUUID is uuid.uuid5(namespace, str(value)).
func toUUID(_ *j.CallContext, a []j.Value) (j.Value, error) {
	s, err := text(a[0])
	if err != nil {
		return j.None, err
	}
	nsText, err := text(a[1])
	if err != nil {
		return j.None, err
	}
	ns, err := parseUUID(nsText)
	if err != nil {
		return j.None, filterError("Invalid value '%s' for 'namespace': %s", nsText, errMessage(err))
	}
	h := sha1.New()
	h.Write(ns)
	h.Write([]byte(s))
	sum := h.Sum(nil)[:16]
	sum[6] = sum[6]&0x0f | 0x50
	sum[8] = sum[8]&0x3f | 0x80
	x := hex.EncodeToString(sum)
	return j.Str(x[0:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:]), nil
}

// commentStyles are comment's predefined styles.
var commentStyles = map[string]map[string]string{
	"plain":  {"decoration": "# "},
	"erlang": {"decoration": "% "},
	"c":      {"decoration": "// "},
	"cblock": {"beginning": "/*", "decoration": " * ", "end": " */"},
	"xml":    {"beginning": "<!--", "decoration": " - ", "end": "-->"},
}

// comment wraps text as a comment in one of the styles.
func comment(_ *j.CallContext, v j.Value, args []j.Value, kw *j.Dict) (j.Value, error) {
	styleKw := j.NewDict() // comment(text, style='plain', **kw)
	if st, ok := kw.GetStr("style"); ok {
		styleKw.SetStr("style", st)
	}
	a, err := j.BindArgs("comment", []j.Param{req("text"), opt("style", j.Str("plain"))}, append([]j.Value{v}, args...), styleKw)
	if err != nil {
		return j.None, err
	}
	styleName, err := text(a[1])
	if err != nil {
		return j.None, err
	}
	style, ok := commentStyles[styleName]
	if !ok {
		return j.None, j.NewError("KeyError", "%s", j.QuoteString(styleName))
	}
	if !isStr(a[0]) {
		if err := defined(a[0]); err != nil {
			return j.None, err
		}
		return j.None, j.NewError("AttributeError", "'%s' object has no attribute 'replace'", j.TypeName(a[0]))
	}
	p, counts, err := commentParams(style, kw)
	if err != nil {
		return j.None, err
	}
	return j.Str(composeComment(a[0].StrValue(), p, counts)), nil
}

// commentParams merges the defaults, the style and the keywords.
func commentParams(style map[string]string, kw *j.Dict) (map[string]string, [2]int, error) {
	deco := style["decoration"]
	if d, ok := kw.GetStr("decoration"); ok {
		deco, _ = text(d)
	}
	p := map[string]string{"newline": "\n", "beginning": "", "prefix": strings.TrimRight(deco, " \t\n\r\x0b\x0c"),
		"decoration": "", "postfix": strings.TrimRight(deco, " \t\n\r\x0b\x0c"), "end": ""}
	for k, v := range style {
		p[k] = v
	}
	counts := [2]int{1, 1}
	for i, k := range kw.Keys() {
		v := kw.Values()[i]
		switch k.StrValue() {
		case "style":
		case "prefix_count", "postfix_count":
			n, err := toInt(v)
			if err != nil {
				return nil, counts, err
			}
			counts[map[string]int{"prefix_count": 0, "postfix_count": 1}[k.StrValue()]] = int(min(max(n, 0), 1000))
		default:
			s, err := text(v)
			if err != nil {
				return nil, counts, err
			}
			p[k.StrValue()] = s
		}
	}
	return p, counts, nil
}

func composeComment(s string, p map[string]string, counts [2]int) string {
	nl, deco := p["newline"], p["decoration"]
	var b strings.Builder
	if p["beginning"] != "" {
		b.WriteString(p["beginning"] + nl)
	}
	if p["prefix"] != "" {
		if p["prefix"] != nl {
			b.WriteString(strings.Repeat(p["prefix"]+nl, counts[0]))
		} else {
			b.WriteString(strings.Repeat(nl, counts[0]))
		}
	}
	body := deco + strings.ReplaceAll(s, nl, nl+deco)
	b.WriteString(strings.ReplaceAll(body, deco+nl, strings.TrimRight(deco, " \t\n\r\x0b\x0c")+nl))
	for range counts[1] {
		b.WriteString(nl + p["postfix"])
	}
	if p["end"] != "" {
		b.WriteString(nl + p["end"])
	}
	return b.String()
}

// split is str.split(sep=None, maxsplit=-1) as Ansible's split filter.
func split(c *j.CallContext, v j.Value, args []j.Value, kw *j.Dict) (j.Value, error) {
	if !isStr(v) {
		if err := defined(v); err != nil {
			return j.None, err
		}
		return j.None, typeError("descriptor 'split' for 'str' objects doesn't apply to a '%s' object", j.TypeName(v))
	}
	return c.Call(j.GetAttr(v, "split"), args, kw)
}
