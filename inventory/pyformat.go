package inventory

import (
	"fmt"

	"github.com/edxplay/edxplay/internal/pyvalue"
)

// inventoryJSON is the json.dumps style ansible-inventory uses:
// indent=4, sort_keys=True, ensure_ascii=False.
var inventoryJSON = pyvalue.JSONStyle{Indent: 4, ItemSep: ",", KeySep: ": ", SortKeys: true, Unicode: true}

// pyJSON renders v like Python's json.dumps(v, indent=4, sort_keys=True,
// ensure_ascii=False), which ansible-inventory uses.
func pyJSON(v any) string {
	s, err := pyvalue.JSON(v, inventoryJSON)
	if err != nil {
		return pyvalue.QuoteJSON(fmt.Sprint(v), true)
	}
	return s
}

// pyStr renders v like Python's str(): strings bare, containers as repr.
func pyStr(v any) string { return pyvalue.Str(v) }

// parseINIValue mirrors the ini plugin's _parse_value: ast.literal_eval when
// it succeeds, else the string unchanged.
func parseINIValue(s string) any {
	v, err := pyvalue.LiteralEval(s, pyvalue.LiteralOptions{})
	if err != nil {
		return s
	}
	return v
}
