package pyvalue

import "fmt"

// DumpJSON encodes v as Python's json.dumps(v, sort_keys=True,
// indent=indent) does: indent < 0 gives the one-line form with ", " and
// ": " separators. A value JSON cannot encode is printed with %v.
func DumpJSON(v any, indent int) string {
	st := JSONStyle{Indent: indent, ItemSep: ", ", KeySep: ": ", SortKeys: true}
	if indent >= 0 {
		st.ItemSep = ","
	}
	s, err := JSON(v, st)
	if err != nil {
		return fmt.Sprint(v)
	}
	return s
}

// Dumps encodes v as Python's json.dumps(v) does with its default
// arguments: dict keys in insertion order, ", " and ": " separators and
// non-ASCII characters escaped.
func Dumps(v any) (string, error) {
	return JSON(v, JSONStyle{Indent: -1, ItemSep: ", ", KeySep: ": "})
}
