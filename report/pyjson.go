package report

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// PyJSON encodes v as Python's json.dumps(v, sort_keys=True, indent=indent)
// does (indent 0 means the compact one-line form with ", " and ": ").
func PyJSON(v any, indent int) string {
	var b strings.Builder
	writePyJSON(&b, v, indent, 0)
	return b.String()
}

func writePyJSON(b *strings.Builder, v any, indent, depth int) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case int:
		b.WriteString(strconv.Itoa(x))
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case float64:
		b.WriteString(pyFloat(x))
	case string:
		b.WriteString(pyString(x))
	case []any:
		writeList(b, x, indent, depth)
	case []string:
		l := make([]any, len(x))
		for i, s := range x {
			l[i] = s
		}
		writeList(b, l, indent, depth)
	case map[string]any:
		writeMap(b, x, indent, depth)
	default:
		b.WriteString(pyString(fmt.Sprint(x)))
	}
}

func writeList(b *strings.Builder, l []any, indent, depth int) {
	if len(l) == 0 {
		b.WriteString("[]")
		return
	}
	b.WriteString("[")
	for i, e := range l {
		sep(b, i, indent, depth+1)
		writePyJSON(b, e, indent, depth+1)
	}
	closing(b, indent, depth)
	b.WriteString("]")
}

func writeMap(b *strings.Builder, m map[string]any, indent, depth int) {
	if len(m) == 0 {
		b.WriteString("{}")
		return
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	b.WriteString("{")
	for i, k := range keys {
		sep(b, i, indent, depth+1)
		b.WriteString(pyString(k))
		b.WriteString(": ")
		writePyJSON(b, m[k], indent, depth+1)
	}
	closing(b, indent, depth)
	b.WriteString("}")
}

func sep(b *strings.Builder, i, indent, depth int) {
	if i > 0 {
		b.WriteString(",")
		if indent == 0 {
			b.WriteString(" ")
		}
	}
	if indent > 0 {
		b.WriteString("\n" + strings.Repeat(" ", indent*depth))
	}
}

func closing(b *strings.Builder, indent, depth int) {
	if indent > 0 {
		b.WriteString("\n" + strings.Repeat(" ", indent*depth))
	}
}

// pyString quotes s as json.dumps with ensure_ascii=False.
func pyString(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

// pyFloat formats a float as Python's repr.
func pyFloat(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case math.IsNaN(f):
		return "NaN"
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eEn") {
		s += ".0"
	}
	return s
}
