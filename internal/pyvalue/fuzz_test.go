package pyvalue

import (
	"testing"
)

// maxFuzzInput caps fuzz inputs so that no target can exhaust memory.
const maxFuzzInput = 16 << 10

// roundTrip formats a parsed value every way the package can.
func roundTrip(v any) {
	_ = Repr(v)
	_ = Str(v)
	_ = Truthy(v)
	_, _ = JSON(v, JSONStyle{Indent: -1, ItemSep: ", ", KeySep: ": "})
	_, _ = JSON(v, JSONStyle{Indent: 4, ItemSep: ",", KeySep: ": ", SortKeys: true, Unicode: true})
}

func FuzzLiteralEval(f *testing.F) {
	for _, s := range []string{`{'a': [1, 2.5, -3e4, None, True], "b": (1,), 'c': {1, 2}}`, `'\x41\u00e9' "x" b'y'`, `-0x1F`, `[[[]]]`, `1_000`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > maxFuzzInput {
			return
		}
		for _, opts := range []LiteralOptions{{}, {JSONNames: true}} {
			if v, err := LiteralEval(s, opts); err == nil {
				roundTrip(v)
			}
		}
	})
}

func FuzzParseJSON(f *testing.F) {
	for _, s := range []string{`{"a": [1, 2.5, -3e4, null, true], "b": "\u00e9\n"}`, `[[[]]]`, `1e400`, `"\ud800"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > maxFuzzInput {
			return
		}
		if v, err := ParseJSON(s); err == nil {
			roundTrip(v)
		}
	})
}
