package yaml11

import (
	"fmt"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// BenchmarkDecodeVars decodes a group_vars-like document: 500 top-level
// variables, each a small nested dict with a list.
func BenchmarkDecodeVars(b *testing.B) {
	var src strings.Builder
	for i := range 500 {
		fmt.Fprintf(&src, "var_%d:\n  name: svc%d\n  port: %d\n  enabled: yes\n  opts: {a: 1, b: [x, y]}\n", i, i, 8000+i)
	}
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(src.String()), &n); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := (&Decoder{}).Value(&n); err != nil {
			b.Fatal(err)
		}
	}
}
