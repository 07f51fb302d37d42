package engine

import (
	"strings"
	"testing"

	"github.com/edxplay/edxplay/internal/modspec"
)

func TestSecretDiffsNameKeysNotValues(t *testing.T) {
	cases := []struct {
		name, before, after, want string
	}{
		{"json key changed", `{"DB": {"PASSWORD": "old-pw", "USER": "u"}, "KEY": "k1"}`,
			`{"DB": {"PASSWORD": "new-pw", "USER": "u"}, "KEY": "k1"}`, "changed keys: DB.PASSWORD\n"},
		{"key added and removed", `{"A": "s1"}`, `{"B": "s2"}`, "changed keys: A (removed), B (added)\n"},
		{"new file", "", "SECRET_KEY: abc\n", "changed keys: SECRET_KEY (added)\n"},
		{"not a mapping", "password=old\n", "password=new\n", "content changed\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := secretDiffs([]modspec.Diff{{BeforeHeader: "/f", AfterHeader: "/f", Before: c.before, After: c.after}})
			if len(out) != 1 || out[0].After != c.want || out[0].Before != "" {
				t.Fatalf("got %+v, want After %q", out, c.want)
			}
			for _, secret := range []string{"old-pw", "new-pw", "s1", "s2", "abc", "password=new"} {
				if strings.Contains(out[0].After+out[0].AfterHeader, secret) {
					t.Errorf("secret %q leaked: %q", secret, out[0].After)
				}
			}
		})
	}
}
