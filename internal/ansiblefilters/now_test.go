package ansiblefilters

import (
	"strconv"
	"testing"
	"time"

	j "github.com/edxplay/edxplay/internal/jinja2"
)

// TestNow checks the now() global against the clock (its results change
// with time, so they are not in the goldens recorded with Ansible).
func TestNow(t *testing.T) {
	e := newEnv()
	RegisterGlobals(e)
	year := strconv.Itoa(time.Now().Year())
	for _, c := range []struct{ src, want, class string }{
		{src: "{{ now(fmt='%Y') }}", want: year},
		{src: "{{ now(true, '%Y') }}", want: strconv.Itoa(time.Now().UTC().Year())},
		{src: "{{ (now() | string)[:4] }}|{{ now().year }}", want: year + "|" + year},
		{src: "{{ now() is not none and now(fmt='') is not string }}", want: "True"},
		{src: "{{ (now(fmt='%s.%f') | float - " + strconv.FormatInt(time.Now().Unix(), 10) + ") | abs < 60 }}", want: "True"},
		{src: "{{ now(fmt=3) }}", class: "TypeError"},
		{src: "{{ now(bogus=1) }}", class: "TypeError"},
	} {
		tpl, err := e.Parse("", c.src)
		if err != nil {
			t.Fatalf("%s: %v", c.src, err)
		}
		got, err := tpl.Render(j.DictVars{D: j.NewDict()})
		if c.class != "" {
			if j.ErrorClass(err) != c.class {
				t.Errorf("%s: error %v, want %s", c.src, err, c.class)
			}
			continue
		}
		if err != nil || got.StrValue() != c.want {
			t.Errorf("%s = %q, %v; want %q", c.src, got.StrValue(), err, c.want)
		}
	}
}
