package ansiblefilters

import (
	"strings"
	"testing"

	j "github.com/edxplay/edxplay/internal/jinja2"
)

func markedVars() *j.Dict {
	v := j.NewDict()
	v.SetStr("pw", j.Str("hunter2").WithMark(j.Secret))
	inner := j.NewDict()
	inner.SetStr("k", j.Str("v").WithMark(j.Secret))
	inner.SetStr("plain", j.Str("p"))
	v.SetStr("nested", j.DictValue(inner))
	v.SetStr("plain", j.Str("ok"))
	v.SetStr("host", j.Str("{{ x }}").WithMark(j.Unsafe))
	return v
}

// TestSecretFlowsThroughFilters checks that a filter result computed from
// a secret is secret, and that a secret in an error hides the message.
func TestSecretFlowsThroughFilters(t *testing.T) {
	e := newEnv()
	for _, src := range []string{
		"{{ pw | password_hash('sha512', 'salt') }}", "{{ pw | b64encode }}", "{{ pw | hash('sha256') }}",
		"{{ pw | to_json }}", "{{ nested | to_nice_yaml }}", "{{ nested | to_json }}", "{{ {'a': pw} | combine({'b': 1}) }}",
		"{{ nested | dict2items }}", "{{ [pw] | zip([1]) | list }}", "{{ pw | regex_replace('h', 'H') }}",
		"{{ pw | quote }}", "{{ plain | ternary(pw, 'x') }}", "{{ pw | to_uuid }}", "{{ [pw, 'a'] | unique }}",
		"{{ pw | comment }}", "{{ ['a', pw] | shuffle(seed=1) }}", "{{ pw | urlsplit('path') }}", "{{ [1] | product([pw]) }}",
	} {
		tm, err := e.Parse("t", src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		v, err := tm.Native(j.DictVars{D: markedVars()})
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if !v.IsSecret() {
			t.Errorf("%s: result %s is not secret", src, j.Repr(v))
		}
	}
	tm, _ := e.Parse("t", "{{ pw | from_json }}")
	_, err := tm.Native(j.DictVars{D: markedVars()})
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("error on a secret shows it: %v", err)
	}
	tm, _ = e.Parse("t", "{{ plain | b64encode }}")
	if v, _ := tm.Native(j.DictVars{D: markedVars()}); v.IsSecret() {
		t.Errorf("plain value became secret")
	}
	tm, _ = e.Parse("t", "{{ host | upper | regex_replace('X', 'y') }}")
	if v, _ := tm.Native(j.DictVars{D: markedVars()}); !v.IsUnsafe() {
		t.Errorf("unsafe mark lost")
	}
}

// TestRegisterListsEveryFilter checks Names and that every listed filter
// is reachable after Register, including the ones the issue asked for.
func TestRegisterListsEveryFilter(t *testing.T) {
	e := newEnv()
	have := map[string]bool{}
	for _, n := range e.FilterNames() {
		have[n] = true
	}
	for _, n := range Names() {
		if !have[n] {
			t.Errorf("%s listed but not registered", n)
		}
	}
	for _, n := range strings.Fields(`urlencode urldecode urlsplit password_hash regex_findall regex_escape to_datetime
		strftime human_readable human_to_bytes type_debug zip zip_longest subelements json_query extract map random
		shuffle product permutations combinations log pow root splitext realpath relpath expanduser to_json to_nice_json
		to_yaml to_nice_yaml from_json from_yaml from_yaml_all combine dict2items items2dict regex_search regex_replace
		b64encode b64decode hash checksum md5 sha1 quote mandatory default ternary bool flatten unique union intersect
		difference symmetric_difference basename dirname to_uuid comment`) {
		if !have[n] {
			t.Errorf("filter %s missing", n)
		}
	}
}

// TestSHACryptVectors checks the crypt(3) schemes on hashes recorded with
// Python's crypt.crypt (libxcrypt) on Debian.
func TestSHACryptVectors(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{shaCrypt("5", "Hello world!", "saltstring", 0), "$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5"},
		{shaCrypt("5", "Hello world!", "saltstringsaltstring", 10000), "$5$rounds=10000$saltstringsaltst$3xv.VbSHBb41AL9AvLeujZkZRBAwqFMz2.opqey6IcA"},
		{shaCrypt("6", "Hello world!", "saltstring", 0), "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1"},
		{shaCrypt("6", "Hello world!", "saltstringsaltstring", 10000), "$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v."},
		{md5Crypt("hello", "saltsalt"), "$1$saltsalt$fFhQNRZ9A4AYLdo7vOe8a0"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %s\nwant %s", tc.got, tc.want)
		}
	}
}
