package keydiff

import "testing"

func TestCompareLines(t *testing.T) {
	cases := []struct {
		name, before, after, want string
		ok                        bool
	}{
		{"json change", `{"PLATFORM_NAME": "A", "N": 1}`, `{"PLATFORM_NAME": "B", "N": 1}`, "~ PLATFORM_NAME: \"A\" → \"B\"\n", true},
		{"nested add", "FEATURES: {A: 1}\n", "FEATURES: {A: 1, ENABLE_X: true}\n", "+ FEATURES.ENABLE_X: true\n", true},
		{"removed", `{"A": 1, "B": 2}`, `{"A": 1}`, "- B\n", true},
		{"new file", "", "A: {B: x}\n", "+ A.B: \"x\"\n", true},
		{"dict replaced by scalar", `{"A": {"B": 1}}`, `{"A": 2}`, "~ A: {\"B\":1} → 2\n", true},
		{"not a mapping", "a=1\n", "a=2\n", "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			changes, ok := Compare(c.before, c.after)
			if ok != c.ok || Lines(changes) != c.want {
				t.Errorf("got %q, %v; want %q, %v", Lines(changes), ok, c.want, c.ok)
			}
		})
	}
}

func TestMaskAndNames(t *testing.T) {
	changes, _ := Compare(`{"DB": {"PASSWORD": "p1"}, "X": "1"}`, `{"DB": {"PASSWORD": "p2"}, "X": "2"}`)
	got := Lines(Mask(changes, SecretName))
	if got != "~ DB.PASSWORD: (secret)\n~ X: \"1\" → \"2\"\n" {
		t.Errorf("mask: %q", got)
	}
	changes, _ = Compare(`{"ISSUERS": []}`, `{"ISSUERS": [{"AUDIENCE": "a", "SECRET_KEY": "s3cr3t"}], "N": [{"A": 1}]}`)
	got = Lines(Mask(changes, SecretName))
	if got != "~ ISSUERS: (secret)\n+ N: [{\"A\":1}]\n" {
		t.Errorf("nested secret key: %q", got)
	}
	for key, want := range map[string]bool{"SECRET_KEY": true, "JWT_AUTH.JWT_PRIVATE_SIGNING_JWK": true, "AWS_ACCESS_KEY_ID": true,
		"PLATFORM_NAME": false, "FEATURES.ENABLE_X": false, "DATABASES.default.PASSWORD": true} {
		if SecretName(key) != want {
			t.Errorf("SecretName(%q) = %v", key, !want)
		}
	}
	for path, want := range map[string]bool{"/edx/app/edxapp/lms.auth.json": true, "/x/auth.json": true, "/edx/etc/lms.yml": false} {
		if AuthFile(path) != want {
			t.Errorf("AuthFile(%q) = %v", path, !want)
		}
	}
}
