package ansiblefilters

import (
	"time"

	j "github.com/edxplay/edxplay/internal/jinja2"
)

// RegisterGlobals adds the functions Ansible's templar makes global
// besides the lookups: now().
func RegisterGlobals(e *j.Environment) {
	e.AddGlobal("now", j.Func("now", now))
}

// now is the templar's now(utc=False, fmt=None): the current local time
// (UTC with utc), a datetime, or formatted with strftime when fmt is set.
func now(_ *j.CallContext, args []j.Value, kw *j.Dict) (j.Value, error) {
	a, err := j.BindArgs("now", []j.Param{opt("utc", j.Bool(false)), opt("fmt", j.None)}, args, kw)
	if err != nil {
		return j.None, err
	}
	utc, err := j.Truth(a[0])
	if err != nil {
		return j.None, err
	}
	t := time.Now()
	if utc {
		t = t.UTC()
	}
	fmt, err := j.Truth(a[1])
	if err != nil || !fmt {
		return j.ObjectValue(&datetime{t: t}), err
	}
	if a[1].Kind() != j.StrKind {
		return j.None, typeError("strftime() argument 1 must be str, not %s", j.TypeName(a[1]))
	}
	return j.Str(pyStrftime(a[1].StrValue(), t)), nil
}
