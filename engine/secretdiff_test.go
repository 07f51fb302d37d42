package engine

import (
	"strings"
	"testing"

	"github.com/edxplay/edxplay/internal/modspec"
)

func TestSecretDiffsShowKeysHideSecretValues(t *testing.T) {
	cases := []struct {
		name, file, before, after, want string
	}{
		{"json key changed", "/f.json", `{"DB": {"PASSWORD": "old-pw", "USER": "u"}, "PLATFORM_NAME": "A"}`,
			`{"DB": {"PASSWORD": "new-pw", "USER": "u"}, "PLATFORM_NAME": "B"}`,
			"~ DB.PASSWORD: (secret)\n~ PLATFORM_NAME: \"A\" → \"B\"\n"},
		{"key added and removed", "/f.yml", "A: s1\n", "FEATURES: {ENABLE_X: true}\n", "- A\n+ FEATURES.ENABLE_X: true\n"},
		{"new file", "/f.yml", "", "SECRET_KEY: abc\n", "+ SECRET_KEY: (secret)\n"},
		{"auth file", "/edx/lms.auth.json", `{"X": "s1"}`, `{"X": "s2", "Y": "s3"}`, "~ X: (secret)\n+ Y: (secret)\n"},
		{"auth key in another file", "/edx/lms.yml", "X: s1\n", "X: s2\n", "~ X: (secret)\n"},
		{"not a mapping", "/f", "password=old\n", "password=new\n", "content changed\n"},
	}
	auth := map[string]bool{}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := secretDiffs([]modspec.Diff{{BeforeHeader: c.file, AfterHeader: c.file, Before: c.before, After: c.after}}, auth)
			if len(out) != 1 || out[0].After != c.want || out[0].Before != "" {
				t.Fatalf("got %+v, want After %q", out, c.want)
			}
			for _, secret := range []string{"old-pw", "new-pw", "s2", "s3", "abc", "password=new"} {
				if strings.Contains(out[0].After+out[0].AfterHeader, secret) {
					t.Errorf("secret %q leaked: %q", secret, out[0].After)
				}
			}
		})
	}
}
