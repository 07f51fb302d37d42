package jinja2

import (
	"fmt"
	"html"
	"regexp"
	"strings"
)

func addHTMLFilters(m map[string]FilterFunc) {
	m["filesizeformat"] = filterSig("filesizeformat", []param{opt("binary", Bool(false))}, fFilesize)
	m["striptags"] = strFilter("striptags", nil, fStriptags)
	m["xmlattr"] = filterSig("xmlattr", []param{opt("autospace", Bool(true))}, fXMLAttr)
}

// fFilesize is do_filesizeformat.
func fFilesize(c *CallContext, v Value, a []Value) (Value, error) {
	fv, err := pyFloat(v)
	if err != nil {
		return None, err
	}
	n := fv.f
	binary, _ := Truth(a[0])
	base := 1000.0
	prefixes := []string{"kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"}
	if binary {
		base = 1024
		prefixes = []string{"KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"}
	}
	switch {
	case n == 1:
		return Str("1 Byte"), nil
	case n < base:
		i, err := pyInt(fv, 10)
		if err != nil {
			return None, err
		}
		return Str(Repr(i) + " Bytes"), nil
	}
	var unit float64
	for i, p := range prefixes {
		unit = pow(base, i+2)
		if n < unit || i == len(prefixes)-1 {
			return Str(formatFloat(base*n/unit, 'f', 1, false) + " " + p), nil
		}
	}
	return None, nil
}

func pow(b float64, n int) float64 {
	r := 1.0
	for i := 0; i < n; i++ {
		r *= b
	}
	return r
}

var (
	commentRe = regexp.MustCompile(`(?s)<!--.*?-->`)
	tagRe     = regexp.MustCompile(`(?s)<.*?>`)
)

// fStriptags is markupsafe's Markup.striptags.
func fStriptags(s string, a []Value) (Value, error) {
	s = commentRe.ReplaceAllString(s, "")
	s = tagRe.ReplaceAllString(s, "")
	s = strings.Join(strings.FieldsFunc(s, isPySpace), " ")
	return Str(html.UnescapeString(s)), nil
}

// fXMLAttr is do_xmlattr (Jinja2 3.1.2: keys are not validated).
func fXMLAttr(c *CallContext, v Value, a []Value) (Value, error) {
	if v.kind == UndefinedKind {
		return None, undefErr(strictOf(v))
	}
	if v.kind != DictKind {
		return None, newError("AttributeError", "'%s' object has no attribute 'items'", typeName(v))
	}
	var parts []string
	d := v.DictOf()
	for i, k := range d.keys {
		val := d.vals[i]
		if val.kind == NoneKind || val.kind == UndefinedKind {
			continue
		}
		ks, err := ToString(k)
		if err != nil {
			return None, err
		}
		vs, err := ToString(val)
		if err != nil {
			return None, err
		}
		parts = append(parts, fmt.Sprintf(`%s="%s"`, htmlEscape(ks), htmlEscape(vs)))
	}
	rv := strings.Join(parts, " ")
	if auto, _ := Truth(a[0]); auto && rv != "" {
		rv = " " + rv
	}
	return Str(rv).WithMark(markup), nil
}
