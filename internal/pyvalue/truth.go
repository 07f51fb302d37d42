package pyvalue

import (
	"math/big"

	"github.com/edxplay/edxplay/internal/odict"
)

// Truthy is Python's truth value of plain data: None, False, zero, and
// empty strings, lists and dicts are false; everything else is true.
func Truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case int:
		return x != 0
	case int64:
		return x != 0
	case float64:
		return x != 0
	case *big.Int:
		return x.Sign() != 0
	case string:
		return x != ""
	case []any:
		return len(x) > 0
	case map[string]any:
		return len(x) > 0
	case *odict.Map:
		return x.Len() > 0
	}
	return true
}
