package ansiblecfg

import (
	"strings"
	"testing"
)

// FuzzParseINI checks that no ansible.cfg text panics the parser, and that
// every key it returns is lower-case and every value trimmed.
func FuzzParseINI(f *testing.F) {
	for _, seed := range []string{"[defaults]\nforks = 3\n", "[a]\nk = v\n  more\n\n  last\n", "[DEFAULT]\nx: 1\n[b]\n",
		"[]\n", "[a] trailing\nk=v ; c\n", "k=v\n", "[a]\n=v\n", "[a]\n\tk:\n"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		ini, err := parseINI("fuzz.cfg", text)
		if err != nil {
			return
		}
		for _, sect := range ini.sections {
			for k, v := range sect {
				if k != strings.ToLower(k) {
					t.Errorf("key %q not lower-cased", k)
				}
				if v != strings.TrimRight(v, "\n") {
					t.Errorf("value %q keeps trailing newlines", v)
				}
			}
		}
	})
}
