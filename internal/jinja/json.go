package jinja

import "github.com/edxplay/edxplay/internal/pyvalue"

// toJSON encodes like Python's json.dumps in the given style.
func toJSON(v any, st pyvalue.JSONStyle) (string, error) { return pyvalue.JSON(plain(v), st) }

// fromJSON decodes JSON keeping integers as int and objects' key order.
func fromJSON(s string) (any, error) { return pyvalue.ParseJSON(s) }

func jsonFilters() map[string]filterFn {
	return map[string]filterFn{
		"to_json": func(in any, c *call) (any, error) {
			st := pyvalue.JSONStyle{Indent: -1, ItemSep: ", ", KeySep: ": "}
			if c.has(-1, "indent") && c.kw["indent"] != nil {
				st.Indent, st.ItemSep = asInt(c.kw["indent"], 0), ","
			}
			return toJSON(in, jsonKeywords(st, c))
		},
		"to_nice_json": func(in any, c *call) (any, error) {
			st := pyvalue.JSONStyle{Indent: asInt(c.arg(0, "indent", 4), 4), ItemSep: ",", KeySep: ": ", SortKeys: true}
			return toJSON(in, jsonKeywords(st, c))
		},
		"from_json": func(in any, _ *call) (any, error) { return fromJSON(pyStr(in)) },
	}
}

// jsonKeywords applies the json.dumps keywords sort_keys and ensure_ascii.
func jsonKeywords(st pyvalue.JSONStyle, c *call) pyvalue.JSONStyle {
	if v, ok := c.kw["sort_keys"]; ok {
		st.SortKeys = truthy(v)
	}
	if v, ok := c.kw["ensure_ascii"]; ok {
		st.Unicode = !truthy(v)
	}
	return st
}
