package yaml11

import (
	"testing"

	"gopkg.in/yaml.v3"
)

// maxFuzzInput caps fuzz inputs so that no target can exhaust memory.
const maxFuzzInput = 16 << 10

func FuzzDecode(f *testing.F) {
	f.Add([]byte("a: &x {b: [1, 0755, yes, 1:30, !!str 3]}\nc:\n  <<: *x\n  d: ~\n"))
	f.Add([]byte(aliasBomb(4, 9, true)))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput {
			return
		}
		var n yaml.Node
		if err := yaml.Unmarshal(data, &n); err != nil {
			return
		}
		for _, d := range []*Decoder{{}, {JSON: true}} {
			_ = d.CheckAliases(&n)
			_, _ = d.Value(&n)
			_ = d.KindName(&n)
		}
	})
}
